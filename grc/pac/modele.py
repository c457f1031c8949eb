"""Le modèle du plan d'action commerciale : une action (:class:`Action`), un plan (:class:`Plan`), un plan lu
dans un tableur (:func:`plan_depuis_table`)."""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from grc import indicateurs as ind
from grc.validation import ErreurDonnees, en_dates, verifier_table

#: Les objectifs qu'une action commerciale peut viser (leçon, section « Les objectifs des actions »).
OBJECTIFS_ACTION = ("conquête", "reconquête", "satisfaction", "fidélisation", "stimulation des achats")

#: Les colonnes d'un plan en table, dans l'ordre (les six premières sont obligatoires).
COLONNES_PLAN = ["nom", "cible", "canal", "debut", "fin", "budget", "objectif", "contacts",
                 "reponses_attendues", "commandes_attendues", "panier_moyen", "taux_marque",
                 "responsable", "indicateurs"]


# --------------------------------------------------------------------------------------------
# Lecture des valeurs d'une action (messages qui nomment l'action)
# --------------------------------------------------------------------------------------------


def _texte(valeur: object) -> str:
    if valeur is None or (not isinstance(valeur, str) and pd.isna(valeur)):
        return ""
    return str(valeur).strip()


def _date(valeur: object, action: str, quoi: str) -> pd.Timestamp:
    if valeur is None or (not isinstance(valeur, str) and pd.isna(valeur)) or valeur == "":
        raise ErreurDonnees(f"Action « {action} » : date de {quoi} manquante.")
    if isinstance(valeur, pd.Timestamp | datetime.date | np.datetime64):
        return pd.Timestamp(valeur).normalize()
    try:
        return pd.Timestamp(en_dates(pd.Series([str(valeur)]), quoi).iloc[0])
    except ErreurDonnees:
        raise ErreurDonnees(f"Action « {action} » : date de {quoi} illisible ({valeur!r}). "
                            "Écrivez-la AAAA-MM-JJ (2025-03-15) ou JJ/MM/AAAA (15/03/2025).") from None


def _montant(valeur: object, action: str, quoi: str) -> float:
    if valeur is None or (not isinstance(valeur, str) and pd.isna(valeur)):
        return 0.0
    return float(ind.en_valeur(valeur, f"{quoi} de l'action « {action} »", positif=True))


def _compte(valeur: object, action: str, quoi: str) -> int:
    nombre = _montant(valeur, action, quoi)
    if nombre != round(nombre):
        raise ErreurDonnees(f"Action « {action} » : {quoi} doit être un nombre entier (trouvé : {nombre:g}).")
    return int(round(nombre))


def _indicateurs(valeur: object) -> tuple[str, ...]:
    if isinstance(valeur, str):
        morceaux = valeur.replace(",", ";").split(";")
    elif isinstance(valeur, Iterable):
        morceaux = [_texte(v) for v in valeur]
    else:
        morceaux = [_texte(valeur)]
    return tuple(m.strip() for m in morceaux if m and m.strip())


# --------------------------------------------------------------------------------------------
# Le modèle : une action, un plan
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """Une action commerciale du PAC : pour qui, par quel canal, quand, combien, qui, et comment la suivre.

    Les dates acceptent un texte (``"2025-03-15"`` ou ``"15/03/2025"``) ou une date ; les montants
    et les comptes, un nombre ou un texte à la française (``"1 200,50"``). Une valeur illisible ou
    négative lève une :class:`~grc.validation.ErreurDonnees` qui nomme l'action. Les incohérences
    (fin avant le début, pas d'indicateur...) ne bloquent pas la construction : c'est le rôle de
    :func:`controler_plan` de les lister.

    Attributes
    ----------
    nom : str
        Nom court et unique de l'action.
    cible, canal : str
        Segment visé (« Clients à risque ») et canal (« email », « sms », « courrier », « salon »...).
    debut, fin : Timestamp
        Dates de début et de fin (incluses).
    budget : float
        Coût total de l'action en euros HT (création, envois, remises offertes, temps passé...).
    objectif : str
        L'un de :data:`OBJECTIFS_ACTION`.
    contacts, reponses_attendues, commandes_attendues : int
        L'entonnoir attendu : personnes touchées, réactions (réponses, visites, appels), commandes.
    panier_moyen : float
        CA HT attendu par commande.
    taux_marque : float
        Marge / CA HT attendus des ventes de l'action (fraction), remises déduites.
    responsable : str
        Qui pilote l'action (qui fait quoi).
    indicateurs : tuple of str
        Les indicateurs de suivi (« taux de retour ; commandes ; CA »).

    Examples
    --------
    >>> a = Action("Relance email", cible="Clients à risque", canal="email", debut="2025-03-03",
    ...            fin="2025-03-16", budget=250, contacts=800, reponses_attendues=48,
    ...            commandes_attendues=24, panier_moyen=60, taux_marque=0.4)
    >>> a.ca_attendu, a.marge_attendue, a.resultat
    (1440.0, 576.0, 326.0)
    >>> a.commandes_point_mort
    11
    """

    nom: str
    cible: str
    canal: str
    debut: pd.Timestamp
    fin: pd.Timestamp
    budget: float
    objectif: str = ""
    contacts: int = 0
    reponses_attendues: int = 0
    commandes_attendues: int = 0
    panier_moyen: float = 0.0
    taux_marque: float = 0.0
    responsable: str = ""
    indicateurs: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        nom = _texte(self.nom)
        if not nom:
            raise ErreurDonnees("Une action n'a pas de nom : donnez à chaque action un nom court et unique.")
        regler = object.__setattr__  # la classe est figée : on normalise une fois, à la construction
        regler(self, "nom", nom)
        for attribut in ("cible", "canal", "objectif", "responsable"):
            regler(self, attribut, _texte(getattr(self, attribut)))
        regler(self, "debut", _date(self.debut, nom, "début"))
        regler(self, "fin", _date(self.fin, nom, "fin"))
        regler(self, "budget", _montant(self.budget, nom, "le budget"))
        regler(self, "panier_moyen", _montant(self.panier_moyen, nom, "le panier moyen"))
        taux = _montant(self.taux_marque, nom, "le taux de marque")
        if taux >= 1:
            raise ErreurDonnees(f"Action « {nom} » : le taux de marque doit être une fraction inférieure à 1 "
                                f"(0.4 pour 40 %), pas {taux:g}.")
        regler(self, "taux_marque", taux)
        for attribut, quoi in (("contacts", "le nombre de contacts"),
                               ("reponses_attendues", "le nombre de réponses attendues"),
                               ("commandes_attendues", "le nombre de commandes attendues")):
            regler(self, attribut, _compte(getattr(self, attribut), nom, quoi))
        regler(self, "indicateurs", _indicateurs(self.indicateurs))

    @property
    def ca_attendu(self) -> float:
        """CA HT attendu = commandes attendues × panier moyen."""
        return self.commandes_attendues * self.panier_moyen

    @property
    def marge_attendue(self) -> float:
        """Marge attendue = CA attendu × taux de marque."""
        return self.ca_attendu * self.taux_marque

    @property
    def resultat(self) -> float:
        """Résultat prévisionnel de l'action = marge attendue − budget."""
        return self.marge_attendue - self.budget

    @property
    def commandes_point_mort(self) -> int | None:
        """Commandes nécessaires pour couvrir le budget : ⌈budget / (panier × taux de marque)⌉.

        ``None`` si une commande ne rapporte aucune marge (panier ou taux de marque nul).
        """
        marge_par_commande = self.panier_moyen * self.taux_marque
        if marge_par_commande <= 0:
            return None
        return math.ceil(round(self.budget / marge_par_commande, 9))


@dataclass(frozen=True)
class Plan:
    """Un plan d'action commerciale : des actions, une enveloppe budgétaire, une période.

    Attributes
    ----------
    nom : str
        Nom du plan (« PAC printemps 2025 »).
    enveloppe : float
        Budget total autorisé, en euros HT.
    debut, fin : Timestamp
        Période couverte par le plan (annuelle, trimestrielle, ou celle d'une action « commando »).
    actions : tuple of Action
        Les actions ; une liste est acceptée.
    objectif_ca : float or None
        Objectif global de CA HT du plan, si l'on en fixe un.

    Examples
    --------
    >>> p = Plan("PAC test", enveloppe=1000, debut="2025-01-01", fin="2025-03-31", actions=[
    ...     Action("A", cible="Inactifs", canal="courrier", debut="2025-02-01", fin="2025-02-28", budget=600),
    ...     Action("B", cible="Nouveaux clients", canal="email", debut="2025-03-01", fin="2025-03-15", budget=300)])
    >>> p.budget_total, len(p.table())
    (900.0, 2)
    """

    nom: str
    enveloppe: float
    debut: pd.Timestamp
    fin: pd.Timestamp
    actions: tuple[Action, ...] = field(default_factory=tuple)
    objectif_ca: float | None = None

    def __post_init__(self) -> None:
        nom = _texte(self.nom) or "PAC"
        regler = object.__setattr__
        regler(self, "nom", nom)
        regler(self, "enveloppe", float(ind.en_valeur(self.enveloppe, "l'enveloppe du plan", positif=True)))
        regler(self, "debut", _date(self.debut, nom, "début").normalize())
        regler(self, "fin", _date(self.fin, nom, "fin").normalize())
        if self.fin < self.debut:
            raise ErreurDonnees(f"Plan « {nom} » : la fin ({self.fin:%d/%m/%Y}) précède le début "
                                f"({self.debut:%d/%m/%Y}).")
        actions = tuple(self.actions)
        intrus = [a for a in actions if not isinstance(a, Action)]
        if intrus:
            raise ErreurDonnees(f"Plan « {nom} » : chaque action doit être une pac.Action, pas un objet "
                                f"{type(intrus[0]).__name__}.")
        regler(self, "actions", actions)
        if self.objectif_ca is not None:
            regler(self, "objectif_ca", float(ind.en_valeur(self.objectif_ca, "l'objectif de CA", positif=True)))

    @property
    def budget_total(self) -> float:
        """Somme des budgets des actions."""
        return float(sum(a.budget for a in self.actions))

    def table(self) -> pd.DataFrame:
        """Le plan en DataFrame : une ligne par action, colonnes :data:`COLONNES_PLAN` (indicateurs joints par « ; »)."""
        lignes = [{c: getattr(a, c) for c in COLONNES_PLAN} for a in self.actions]
        table = pd.DataFrame(lignes, columns=COLONNES_PLAN)
        table["indicateurs"] = table["indicateurs"].map("; ".join)
        return table


def plan_depuis_table(table: pd.DataFrame, nom: str, enveloppe: float, debut, fin,
                      *,
                      objectif_ca: float | None = None) -> Plan:
    """Construit un :class:`Plan` depuis un DataFrame : une ligne par action (un tableur, un CSV).

    Colonnes obligatoires : ``nom``, ``cible``, ``canal``, ``debut``, ``fin``, ``budget`` ;
    facultatives : les autres de :data:`COLONNES_PLAN` (une case vide vaut 0 ou « »). Les
    indicateurs s'écrivent dans une seule case, séparés par « ; ».

    Examples
    --------
    >>> t = pd.DataFrame({"nom": ["Salon"], "cible": ["prospects"], "canal": ["salon"],
    ...                   "debut": ["11/04/2025"], "fin": ["13/04/2025"], "budget": ["2 500"],
    ...                   "indicateurs": ["contacts collectés ; commandes"]})
    >>> p = plan_depuis_table(t, "PAC printemps", enveloppe=5000, debut="2025-03-01", fin="2025-06-30")
    >>> p.actions[0].budget, p.actions[0].indicateurs
    (2500.0, ('contacts collectés', 'commandes'))
    """
    verifier_table(table, COLONNES_PLAN[:6], "la table du plan")
    inconnues = [c for c in table.columns if c not in COLONNES_PLAN]
    if inconnues:
        raise ErreurDonnees(f"Colonne(s) inconnue(s) dans la table du plan : {', '.join(map(repr, inconnues))}. "
                            f"Colonnes possibles : {', '.join(COLONNES_PLAN)}.")
    colonnes = [c for c in COLONNES_PLAN if c in table.columns]
    actions = [Action(**{c: ligne[c] for c in colonnes}) for ligne in table[colonnes].to_dict("records")]
    return Plan(nom, enveloppe, debut, fin, actions, objectif_ca)
