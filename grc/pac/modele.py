"""Le modèle du plan d'action commerciale : une action (:class:`Action`), un plan (:class:`Plan`), un plan lu
dans un tableur (:func:`plan_depuis_table`).

Une action peut être un **modèle à remplir** : chaque valeur laissée à ``...`` (les points de suspension des
cahiers) est une case vide, sans erreur ; :attr:`Action.a_remplir` les liste, :func:`~grc.pac.controler_plan`
les signale et le chiffrage refuse l'action tant qu'elles ne sont pas remplies."""

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

#: Ce qu'une case laissée à ``...`` attend, par champ d'une :class:`Action`, dans l'ordre du modèle à remplir
#: des cahiers : (ce qui manque, par quoi remplacer les ``...``). Les messages de
#: :func:`~grc.pac.controler_plan` s'en servent.
CASES_ACTION = {
    "nom": ("le nom n'est pas encore rempli", 'un nom court entre guillemets, par exemple "Soirée du club"'),
    "cible": ("la cible n'est pas encore remplie",
              'un segment RFM écrit exactement, entre guillemets, comme "Très bons clients" ou "Nouveaux clients"'),
    "objectif": ("l'objectif n'est pas encore rempli",
                 'l\'un des objectifs de pac.OBJECTIFS_ACTION, entre guillemets, par exemple "fidélisation"'),
    "canal": ("le canal n'est pas encore rempli", 'un canal entre guillemets, comme "email", "sms" ou "courrier"'),
    "debut": ("la date de début n'est pas encore remplie", 'une date entre guillemets, par exemple "2025-04-03"'),
    "fin": ("la date de fin n'est pas encore remplie", 'une date entre guillemets, par exemple "2025-04-05"'),
    "budget": ("le budget n'est pas encore rempli", "un montant en euros, par exemple 1200"),
    "contacts": ("le nombre de contacts n'est pas encore rempli", "le nombre de personnes touchées"),
    "reponses_attendues": ("les réponses attendues ne sont pas encore remplies",
                           "le nombre de réponses attendues (au plus les contacts)"),
    "commandes_attendues": ("les commandes attendues ne sont pas encore remplies",
                            "le nombre de commandes attendues (au plus les réponses)"),
    "panier_moyen": ("le panier moyen n'est pas encore rempli", "un montant en euros par commande"),
    "taux_marque": ("le taux de marque n'est pas encore rempli", "une fraction : 0.4 pour 40 %"),
    "responsable": ("le responsable n'est pas encore rempli", 'qui pilote l\'action, entre guillemets'),
    "indicateurs": ("les indicateurs ne sont pas encore remplis",
                    'des indicateurs entre guillemets, séparés par « ; », par exemple "commandes ; CA"'),
}


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


def _taux_marque(valeur: object, action: str) -> float:
    taux = _montant(valeur, action, "le taux de marque")
    if taux >= 1:
        raise ErreurDonnees(f"Action « {action} » : le taux de marque doit être une fraction inférieure à 1 "
                            f"(0.4 pour 40 %), pas {taux:g}.")
    return taux


#: Comment chaque champ d'une :class:`Action` est lu (texte, date, montant, compte), dans l'ordre où les
#: erreurs sont signalées.
_NORMALISATIONS = {
    "cible": lambda v, nom: _texte(v),
    "canal": lambda v, nom: _texte(v),
    "objectif": lambda v, nom: _texte(v),
    "responsable": lambda v, nom: _texte(v),
    "debut": lambda v, nom: _date(v, nom, "début"),
    "fin": lambda v, nom: _date(v, nom, "fin"),
    "budget": lambda v, nom: _montant(v, nom, "le budget"),
    "panier_moyen": lambda v, nom: _montant(v, nom, "le panier moyen"),
    "taux_marque": _taux_marque,
    "contacts": lambda v, nom: _compte(v, nom, "le nombre de contacts"),
    "reponses_attendues": lambda v, nom: _compte(v, nom, "le nombre de réponses attendues"),
    "commandes_attendues": lambda v, nom: _compte(v, nom, "le nombre de commandes attendues"),
    "indicateurs": lambda v, nom: _indicateurs(v),
}


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

    Chaque valeur peut aussi être laissée à ``...`` : c'est une case **à remplir** (un modèle d'action
    d'un cahier). L'action se construit quand même ; :attr:`a_remplir` liste ces cases,
    :func:`controler_plan` les signale, et les calculs qui en ont besoin (CA, marge, résultat,
    chiffrage, dessins) lèvent une :class:`~grc.validation.ErreurDonnees` qui dit quoi remplir.

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
    >>> modele = Action(nom="Bienvenue", cible="Nouveaux clients", canal=..., debut=..., fin=..., budget=...)
    >>> modele.a_remplir
    ('canal', 'debut', 'fin', 'budget')
    >>> modele.ca_attendu  # commandes et panier valent 0 par défaut : déjà calculable
    0.0
    >>> modele.resultat
    Traceback (most recent call last):
    ...
    grc.validation.ErreurDonnees: Action « Bienvenue » : impossible de calculer le résultat, le budget n'est pas encore rempli.
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
        regler = object.__setattr__  # la classe est figée : on normalise une fois, à la construction
        if self.nom is not ...:
            if not _texte(self.nom):
                raise ErreurDonnees("Une action n'a pas de nom : donnez à chaque action un nom court et unique.")
            regler(self, "nom", _texte(self.nom))
        nom = "sans nom" if self.nom is ... else self.nom  # pour les messages d'un modèle pas encore nommé
        for attribut, normaliser in _NORMALISATIONS.items():
            valeur = getattr(self, attribut)
            if valeur is not ...:  # une case « ... » d'un modèle à remplir reste telle quelle
                regler(self, attribut, normaliser(valeur, nom))

    @property
    def a_remplir(self) -> tuple[str, ...]:
        """Les champs encore laissés à ``...`` (cases du modèle à remplir), dans l'ordre de :data:`CASES_ACTION`."""
        return tuple(c for c in CASES_ACTION if getattr(self, c) is ...)

    def _exiger(self, champs: tuple[str, ...], calcul: str) -> None:
        """Lève une :class:`ErreurDonnees` si l'un des ``champs`` nécessaires au ``calcul`` est encore à ``...``."""
        vides = [c for c in champs if getattr(self, c) is ...]
        if vides:
            nom = "sans nom" if self.nom is ... else self.nom
            manque = ", ".join(CASES_ACTION[c][0] for c in vides)
            raise ErreurDonnees(f"Action « {nom} » : impossible de calculer {calcul}, {manque}.")

    @property
    def ca_attendu(self) -> float:
        """CA HT attendu = commandes attendues × panier moyen."""
        self._exiger(("commandes_attendues", "panier_moyen"), "le CA attendu")
        return self.commandes_attendues * self.panier_moyen

    @property
    def marge_attendue(self) -> float:
        """Marge attendue = CA attendu × taux de marque."""
        self._exiger(("commandes_attendues", "panier_moyen", "taux_marque"), "la marge attendue")
        return self.ca_attendu * self.taux_marque

    @property
    def resultat(self) -> float:
        """Résultat prévisionnel de l'action = marge attendue − budget."""
        self._exiger(("commandes_attendues", "panier_moyen", "taux_marque", "budget"), "le résultat")
        return self.marge_attendue - self.budget

    @property
    def commandes_point_mort(self) -> int | None:
        """Commandes nécessaires pour couvrir le budget : ⌈budget / (panier × taux de marque)⌉.

        ``None`` si une commande ne rapporte aucune marge (panier ou taux de marque nul).
        """
        self._exiger(("panier_moyen", "taux_marque", "budget"), "le point mort")
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
        """Somme des budgets des actions (toutes doivent avoir leur budget rempli)."""
        for a in self.actions:
            a._exiger(("budget",), "le budget total du plan")
        return float(sum(a.budget for a in self.actions))

    def table(self) -> pd.DataFrame:
        """Le plan en DataFrame : une ligne par action, colonnes :data:`COLONNES_PLAN` (indicateurs joints par « ; »)."""
        lignes = [{c: getattr(a, c) for c in COLONNES_PLAN} for a in self.actions]
        table = pd.DataFrame(lignes, columns=COLONNES_PLAN)
        table["indicateurs"] = table["indicateurs"].map(lambda v: v if v is ... else "; ".join(v))
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
