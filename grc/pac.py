"""Le plan d'action commerciale (PAC) : ses actions, son contrôle, son calendrier, son compte de résultat
prévisionnel, et le tableau de bord qui suit son exécution.

Deux parties :

- **le plan** : :class:`Action` (une action : cible, canal, dates, budget, réponses et commandes
  attendues, responsable, indicateurs) et :class:`Plan` (les actions, l'enveloppe budgétaire, la
  période) ; :func:`plan_depuis_table` construit un plan depuis un DataFrame (un tableur) ;
  :func:`controler_plan` liste ses incohérences ; :func:`previsions` et
  :func:`compte_resultat_previsionnel` le chiffrent ; :func:`tracer_calendrier` (diagramme de Gantt)
  et :func:`tracer_compte_resultat` le dessinent ;
- **le suivi** : :func:`suivi_mensuel` (CA mois par mois, cumul, N−1, objectifs) et
  :func:`tableau_suivi` (une ligne par vendeur, rayon ou segment : CA du mois, cumul annuel,
  progression sur N−1, réalisé sur objectif, statut et mesure corrective).

Les formules des taux viennent de :mod:`grc.indicateurs`. Voir la leçon « 07 · Construire et piloter
un PAC ».
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.ticker import FuncFormatter

from grc import indicateurs as ind
from grc.graphiques import FORMAT_EUROS, euros
from grc.validation import ErreurDonnees, en_dates, en_nombres, signaler_exclusion, verifier_table

__all__ = [
    "COLONNES_PLAN",
    "MESURES_CORRECTIVES",
    "OBJECTIFS_ACTION",
    "Action",
    "Plan",
    "compte_resultat_previsionnel",
    "controler_plan",
    "plan_depuis_table",
    "previsions",
    "suivi_mensuel",
    "tableau_suivi",
    "tracer_calendrier",
    "tracer_compte_resultat",
]

#: Les objectifs qu'une action commerciale peut viser (leçon, section « Les objectifs des actions »).
OBJECTIFS_ACTION = ("conquête", "reconquête", "satisfaction", "fidélisation", "stimulation des achats")

#: Les colonnes d'un plan en table, dans l'ordre (les six premières sont obligatoires).
COLONNES_PLAN = ["nom", "cible", "canal", "debut", "fin", "budget", "objectif", "contacts",
                 "reponses_attendues", "commandes_attendues", "panier_moyen", "taux_marque",
                 "responsable", "indicateurs"]

_MOIS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


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


# --------------------------------------------------------------------------------------------
# Contrôle du plan
# --------------------------------------------------------------------------------------------


def _defauts_action(a: Action, plan: Plan) -> list[str]:
    """Les défauts propres à une action (dates, indicateurs, responsable, objectif, entonnoir)."""
    nom = f"Action « {a.nom} »"
    defauts = []
    if a.fin < a.debut:
        defauts.append(f"{nom} : la fin ({a.fin:%d/%m/%Y}) précède le début ({a.debut:%d/%m/%Y}).")
    elif a.debut < plan.debut or a.fin > plan.fin:
        defauts.append(f"{nom} : du {a.debut:%d/%m/%Y} au {a.fin:%d/%m/%Y}, elle sort de la période du plan "
                       f"({plan.debut:%d/%m/%Y} → {plan.fin:%d/%m/%Y}).")
    if not a.indicateurs:
        defauts.append(f"{nom} : aucun indicateur de suivi. Ajoutez au moins un indicateur chiffré "
                       "(taux de retour, commandes, CA...).")
    if not a.responsable:
        defauts.append(f"{nom} : aucun responsable désigné (qui fait quoi ?).")
    if not a.objectif:
        defauts.append(f"{nom} : aucun objectif ({', '.join(OBJECTIFS_ACTION)}).")
    elif a.objectif.lower() not in OBJECTIFS_ACTION:
        defauts.append(f"{nom} : objectif « {a.objectif} » non reconnu ; choisissez parmi "
                       f"{', '.join(OBJECTIFS_ACTION)}.")
    if a.reponses_attendues > a.contacts:
        defauts.append(f"{nom} : plus de réponses attendues ({a.reponses_attendues}) que de contacts ({a.contacts}).")
    if a.commandes_attendues > a.reponses_attendues:
        defauts.append(f"{nom} : plus de commandes attendues ({a.commandes_attendues}) que de réponses "
                       f"attendues ({a.reponses_attendues}).")
    if a.commandes_attendues > 0 and a.panier_moyen == 0:
        defauts.append(f"{nom} : des commandes sont attendues mais pas de panier moyen (le CA attendu serait nul).")
    return defauts


def controler_plan(plan: Plan) -> list[str]:
    """Liste les incohérences d'un plan, chacune dans une phrase qui nomme l'action en cause.

    Contrôles : plan sans action ; deux actions de même nom ; pour chaque action, une fin avant le
    début ou des dates hors de la période du plan, aucun indicateur, aucun responsable, un objectif
    absent ou inconnu, un entonnoir impossible (plus de réponses que de contacts, plus de commandes
    que de réponses), des commandes sans panier moyen ; pour le plan, un budget total au-delà de
    l'enveloppe (les actions les plus coûteuses sont citées) et un CA attendu sous l'objectif global.

    Returns
    -------
    list of str
        Vide si le plan est cohérent.

    Examples
    --------
    >>> p = Plan("PAC", enveloppe=500, debut="2025-01-01", fin="2025-06-30", actions=[
    ...     Action("Relance", cible="Inactifs", canal="courrier", debut="2025-03-31", fin="2025-03-01",
    ...            budget=800, objectif="reconquête", responsable="marketing")])
    >>> for message in controler_plan(p):
    ...     print(message)
    Action « Relance » : la fin (01/03/2025) précède le début (31/03/2025).
    Action « Relance » : aucun indicateur de suivi. Ajoutez au moins un indicateur chiffré (taux de retour, commandes, CA...).
    Le budget total des actions (800 €) dépasse l'enveloppe du plan (500 €) de 300 €. Actions les plus coûteuses : « Relance » (800 €).
    """
    if not isinstance(plan, Plan):
        raise ErreurDonnees(f"Un plan pac.Plan était attendu, pas un objet {type(plan).__name__} : "
                            "construisez-le avec pac.Plan(...) ou pac.plan_depuis_table(...).")
    if not plan.actions:
        return [f"Le plan « {plan.nom} » ne contient aucune action."]
    messages = []
    noms = pd.Series([a.nom for a in plan.actions])
    for nom in noms[noms.duplicated()].unique():
        messages.append(f"Deux actions portent le nom « {nom} » : donnez-leur des noms distincts.")
    for action in plan.actions:
        messages.extend(_defauts_action(action, plan))
    if plan.budget_total > plan.enveloppe + 1e-9:
        cheres = sorted(plan.actions, key=lambda a: a.budget, reverse=True)[:2]
        liste = ", ".join(f"« {a.nom} » ({euros(a.budget)})" for a in cheres)
        messages.append(f"Le budget total des actions ({euros(plan.budget_total)}) dépasse l'enveloppe du plan "
                        f"({euros(plan.enveloppe)}) de {euros(plan.budget_total - plan.enveloppe)}. "
                        f"Actions les plus coûteuses : {liste}.")
    ca = sum(a.ca_attendu for a in plan.actions)
    if plan.objectif_ca is not None and ca < plan.objectif_ca:
        messages.append(f"Le CA attendu des actions ({euros(ca)}) n'atteint pas l'objectif global du plan "
                        f"({euros(plan.objectif_ca)}) : renforcez les actions ou revoyez l'objectif.")
    return messages


# --------------------------------------------------------------------------------------------
# Chiffrer le plan : prévisions par action et compte de résultat prévisionnel
# --------------------------------------------------------------------------------------------


def _actions(plan: Plan | pd.DataFrame) -> tuple[Action, ...]:
    if isinstance(plan, pd.DataFrame):
        plan = plan_depuis_table(plan, "plan", enveloppe=0, debut="2000-01-01", fin="2100-12-31")
    if not isinstance(plan, Plan):
        raise ErreurDonnees(f"Un plan pac.Plan (ou sa table) était attendu, pas un objet {type(plan).__name__}.")
    if not plan.actions:
        raise ErreurDonnees(f"Le plan « {plan.nom} » ne contient aucune action : rien à chiffrer.")
    return plan.actions


def previsions(plan: Plan | pd.DataFrame) -> pd.DataFrame:
    """Les prévisions de chaque action : entonnoir, taux attendus, CA, marge, résultat, ROI, point mort.

    Pour chaque action :

    - ``taux_retour`` = réponses / contacts ; ``taux_rendement_net`` = commandes / réponses ;
    - ``ca_attendu`` = commandes × panier moyen ; ``marge_attendue`` = CA × taux de marque ;
    - ``resultat`` = marge attendue − budget ; ``roi`` = résultat / budget ;
    - ``commandes_point_mort`` = ⌈budget / (panier × taux de marque)⌉ : les commandes qu'il faut pour
      couvrir le budget.

    Examples
    --------
    >>> p = Plan("PAC", enveloppe=1000, debut="2025-01-01", fin="2025-12-31", actions=[
    ...     Action("Relance email", cible="Clients à risque", canal="email", debut="2025-03-03",
    ...            fin="2025-03-16", budget=250, contacts=800, reponses_attendues=48,
    ...            commandes_attendues=24, panier_moyen=60, taux_marque=0.4)])
    >>> previsions(p).loc["Relance email", ["taux_retour", "taux_rendement_net", "resultat", "roi"]].tolist()
    [0.06, 0.5, 326.0, 1.304]
    """
    actions = _actions(plan)
    t = pd.DataFrame({
        "objectif": [a.objectif for a in actions], "cible": [a.cible for a in actions],
        "canal": [a.canal for a in actions], "budget": [a.budget for a in actions],
        "contacts": [a.contacts for a in actions], "reponses": [a.reponses_attendues for a in actions],
        "commandes": [a.commandes_attendues for a in actions],
    }, index=pd.Index([a.nom for a in actions], name="action"))
    t["taux_retour"] = ind.taux_retour(t["reponses"], t["contacts"])
    t["taux_rendement_net"] = ind.taux_rendement_net(t["commandes"], t["reponses"])
    t["ca_attendu"] = [a.ca_attendu for a in actions]
    t["marge_attendue"] = [a.marge_attendue for a in actions]
    t["resultat"] = t["marge_attendue"] - t["budget"]
    t["roi"] = ind.diviser(t["resultat"], t["budget"], "le budget", "le ROI")
    t["commandes_point_mort"] = pd.array([a.commandes_point_mort for a in actions], dtype="Int64")
    return t


def compte_resultat_previsionnel(plan: Plan | pd.DataFrame) -> pd.DataFrame:
    """Le compte de résultat prévisionnel du plan : une ligne par poste, une colonne par action et le total.

    Postes (en euros HT ; les charges sont négatives) :

    - chiffre d'affaires attendu = Σ commandes × panier moyen ;
    - coût d'achat des marchandises vendues = − (CA − marge) ;
    - marge commerciale = CA × taux de marque ;
    - coût des actions = − Σ budgets ;
    - résultat prévisionnel = marge commerciale − coût des actions.

    Examples
    --------
    >>> p = Plan("PAC", enveloppe=1000, debut="2025-01-01", fin="2025-12-31", actions=[
    ...     Action("Relance email", cible="Clients à risque", canal="email", debut="2025-03-03",
    ...            fin="2025-03-16", budget=250, commandes_attendues=24, panier_moyen=60, taux_marque=0.4)])
    >>> compte_resultat_previsionnel(p)["Total"].tolist()
    [1440.0, -864.0, 576.0, -250.0, 326.0]
    """
    p = previsions(plan)
    compte = pd.DataFrame({
        "Chiffre d'affaires attendu (HT)": p["ca_attendu"],
        "Coût d'achat des marchandises vendues": -(p["ca_attendu"] - p["marge_attendue"]),
        "Marge commerciale attendue": p["marge_attendue"],
        "Coût des actions (budget)": -p["budget"],
        "Résultat prévisionnel": p["resultat"],
    }).T
    compte["Total"] = compte.sum(axis=1)
    compte.index.name = "poste"
    compte.columns.name = None
    return compte


# --------------------------------------------------------------------------------------------
# Dessiner le plan : calendrier (Gantt) et compte de résultat (cascade)
# --------------------------------------------------------------------------------------------


def _format_mois(valeur: float, _position=None) -> str:
    date = mdates.num2date(valeur)
    return f"{_MOIS[date.month - 1]} {date.year}"


def tracer_calendrier(plan: Plan, couleur: str = "canal", ax: plt.Axes | None = None) -> plt.Axes:
    """Dessine le calendrier du plan en diagramme de Gantt : une barre par action, du début à la fin.

    Les actions sont rangées par date de début ; la couleur suit ``couleur`` (``"canal"``,
    ``"objectif"`` ou ``"responsable"``) ; le budget est écrit au bout de chaque barre ; les
    pointillés marquent la période du plan. Une action d'un jour reste visible (barre d'un jour).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> p = Plan("PAC", enveloppe=1000, debut="2025-01-01", fin="2025-03-31", actions=[
    ...     Action("A", cible="Inactifs", canal="courrier", debut="2025-02-01", fin="2025-02-28", budget=600)])
    >>> ax = tracer_calendrier(p)
    >>> ax.get_title(), [t.get_text() for t in ax.get_yticklabels()]
    ('Calendrier du plan « PAC »', ['A'])
    >>> plt.close("all")
    """
    if not isinstance(plan, Plan) or not plan.actions:
        raise ErreurDonnees("Un plan pac.Plan avec au moins une action est attendu pour tracer le calendrier.")
    if couleur not in ("canal", "objectif", "responsable"):
        raise ErreurDonnees(f"couleur doit valoir 'canal', 'objectif' ou 'responsable', pas {couleur!r}.")
    actions = sorted(plan.actions, key=lambda a: (a.debut, a.nom))
    modalites = list(dict.fromkeys(getattr(a, couleur) or "(non renseigné)" for a in actions))
    palette = dict(zip(modalites, sns.color_palette("crest", len(modalites)), strict=True))
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 1.2 + 0.55 * len(actions)))
    for rang, a in enumerate(actions):
        debut = mdates.date2num(a.debut)
        duree = max((a.fin - a.debut).days + 1, 1)  # fin incluse ; une fin avant le début reste visible
        ax.barh(rang, duree, left=debut, height=0.6, color=palette[getattr(a, couleur) or "(non renseigné)"])
        ax.text(debut + duree + 1, rang, euros(a.budget), va="center", fontsize=9)
    for borne in (plan.debut, plan.fin + pd.Timedelta(days=1)):
        ax.axvline(mdates.date2num(borne), color="grey", linestyle=":", linewidth=1)
    ax.set_yticks(range(len(actions)), [a.nom for a in actions])
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(_format_mois))
    ax.set(title=f"Calendrier du plan « {plan.nom} »", xlabel="", ylabel="")
    poignees = [plt.Rectangle((0, 0), 1, 1, color=palette[m]) for m in modalites]
    ax.legend(poignees, modalites, title=couleur, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return ax


def tracer_compte_resultat(plan: Plan | pd.DataFrame, ax: plt.Axes | None = None) -> plt.Axes:
    """Dessine le compte de résultat prévisionnel en cascade : CA, coût d'achat, marge, coût des actions, résultat.

    Examples
    --------
    >>> p = Plan("PAC", enveloppe=1000, debut="2025-01-01", fin="2025-12-31", actions=[
    ...     Action("A", cible="x", canal="email", debut="2025-03-03", fin="2025-03-16", budget=250,
    ...            commandes_attendues=24, panier_moyen=60, taux_marque=0.4)])
    >>> ax = tracer_compte_resultat(p)
    >>> [round(b.get_height()) for b in ax.patches]
    [1440, -864, 576, -250, 326]
    >>> plt.close("all")
    """
    total = compte_resultat_previsionnel(plan)["Total"]
    ca, achats, marge, couts, resultat = total.tolist()
    hauteurs = [ca, achats, marge, couts, resultat]
    bas = [0, ca, 0, marge, 0]
    libelles = ["CA attendu", "coût d'achat", "marge", "coût des actions", "résultat"]
    couleurs = sns.color_palette("crest", 5)
    teintes = [couleurs[1], "#c0504d", couleurs[3], "#c0504d", couleurs[4] if resultat >= 0 else "#c0504d"]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.5))
    barres = ax.bar(libelles, hauteurs, bottom=bas, color=teintes)
    ax.bar_label(barres, labels=[euros(h) for h in hauteurs], label_type="center", fontsize=9)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.yaxis.set_major_formatter(FORMAT_EUROS)
    ax.set(title="Compte de résultat prévisionnel du plan", xlabel="", ylabel="euros HT")
    return ax


# --------------------------------------------------------------------------------------------
# Le suivi : CA du mois, cumul annuel, N−1, objectifs
# --------------------------------------------------------------------------------------------

#: Mesure corrective proposée à une ligne en retard, selon la dimension du tableau (colonne ``par``).
MESURES_CORRECTIVES = {
    "vendeur": "relancer les devis en attente, reprendre la prospection (rendez-vous hebdomadaires fixés) "
               "et faire le point chaque semaine avec le responsable des ventes",
    "rayon": "relancer le rayon : mise en avant en magasin et sur le site, offre ciblée sur ses acheteurs "
             "habituels, contrôle des ruptures et des prix face à la concurrence",
    "segment": "programmer une action ciblée sur le segment (relance personnalisée, offre adaptée), "
               "chiffrée dans le PAC",
    "secteur": "cibler la prospection sur ce secteur : fichier de prospects, visites, offre dédiée",
    "magasin": "animer le point de vente (événement, conseil), analyser fréquentation et panier moyen, "
               "revoir l'assortiment local",
}
_MESURE_GENERALE = ("analyser les causes de l'écart (clients perdus, prix, concurrence, saison) et programmer "
                    "une action corrective chiffrée dans le PAC")


def _lire_mois(mois: object) -> pd.Period:
    if isinstance(mois, int | float | np.integer) and not isinstance(mois, bool):
        raise ErreurDonnees(f"Mois {mois!r} : indiquez aussi l'année, par exemple '2024-06' pour juin 2024.")
    try:
        return pd.Period(mois, freq="M")
    except (ValueError, TypeError):
        raise ErreurDonnees(f"Mois illisible : {mois!r}. Écrivez-le 'AAAA-MM', par exemple '2024-06'.") from None


def _ventes_propres(ventes: pd.DataFrame, date: str, montant: str, par: str | None) -> pd.DataFrame:
    """Dates, montants (et groupe) lisibles ; les lignes incomplètes sont écartées et signalées."""
    verifier_table(ventes, [date, montant, *([par] if par else [])], "la table des ventes")
    d = pd.DataFrame({"date": en_dates(ventes[date], date), "montant": en_nombres(ventes[montant], montant)})
    d["groupe"] = ventes[par].astype("string") if par else "Total"
    for colonne, source in (("date", date), ("montant", montant), ("groupe", par)):
        manquantes = d[colonne].isna()
        signaler_exclusion(int(manquantes.sum()), f"valeur manquante dans '{source}'")
        d = d[~manquantes]
    if d.empty:
        raise ErreurDonnees(f"Aucune vente lisible dans la table : les colonnes '{date}' et '{montant}' sont vides.")
    return d


def _objectifs_propres(objectifs: pd.DataFrame, annee: int, objectif: str, par: str | None) -> pd.DataFrame:
    verifier_table(objectifs, ["annee", "mois", objectif, *([par] if par else [])], "la table des objectifs")
    o = pd.DataFrame({"annee": en_nombres(objectifs["annee"], "annee"), "mois": en_nombres(objectifs["mois"], "mois"),
                      "objectif": ind.en_valeur(objectifs[objectif], objectif, positif=True)})
    o["groupe"] = objectifs[par].astype("string") if par else "Total"
    o = o[o["annee"] == annee]
    if o.empty:
        raise ErreurDonnees(f"Aucun objectif pour l'année {annee} dans la table des objectifs.")
    return o


def suivi_mensuel(ventes: pd.DataFrame, annee: int, date: str = "date", montant: str = "montant_ht",
                  objectifs: pd.DataFrame | None = None, objectif: str = "objectif_ca_ht") -> pd.DataFrame:
    """Le CA de chaque mois d'une année, son cumul depuis janvier, l'année précédente et les objectifs.

    Colonnes (une ligne par mois, de 1 à 12) : ``ca`` et ``ca_n1`` (même mois de N−1), ``cumul``
    et ``cumul_n1`` (de janvier au mois inclus) ; avec des objectifs : ``objectif``,
    ``cumul_objectif`` et ``realisation_cumul`` = cumul / cumul de l'objectif. Pour suivre un seul
    vendeur, filtrez les ventes **et** les objectifs avant l'appel.

    Examples
    --------
    >>> v = pd.DataFrame({"date": ["2023-01-10", "2024-01-05", "2024-02-20"], "montant_ht": [80.0, 100.0, 50.0]})
    >>> s = suivi_mensuel(v, 2024)
    >>> s.loc[[1, 2], ["ca", "ca_n1", "cumul", "cumul_n1"]].values.tolist()
    [[100.0, 80.0, 100.0, 80.0], [50.0, 0.0, 150.0, 80.0]]
    """
    annee = int(annee)
    d = _ventes_propres(ventes, date, montant, None)
    mois = pd.RangeIndex(1, 13, name="mois")

    def par_mois(a: int) -> pd.Series:
        x = d[d["date"].dt.year == a]
        return x.groupby(x["date"].dt.month)["montant"].sum().reindex(mois, fill_value=0.0)

    t = pd.DataFrame({"ca": par_mois(annee), "ca_n1": par_mois(annee - 1)})
    t["cumul"] = t["ca"].cumsum()
    t["cumul_n1"] = t["ca_n1"].cumsum()
    if objectifs is not None:
        o = _objectifs_propres(objectifs, annee, objectif, None)
        t["objectif"] = o.groupby("mois")["objectif"].sum().reindex(mois, fill_value=0.0).to_numpy()
        t["cumul_objectif"] = t["objectif"].cumsum()
        t["realisation_cumul"] = ind.taux_realisation(t["cumul"], t["cumul_objectif"])
    return t


def _ordre_groupes(ventes: pd.DataFrame, par: str | None, presents: Iterable[str]) -> list[str]:
    presents = set(presents)
    if par and isinstance(ventes[par].dtype, pd.CategoricalDtype):
        ordre = [str(c) for c in ventes[par].cat.categories if str(c) in presents]
        return ordre + sorted(presents - set(ordre))
    return sorted(presents)


def _statuts(rapport: pd.Series, seuil: float) -> np.ndarray:
    return np.select([rapport.isna(), rapport >= 1, rapport >= seuil],
                     ["sans référence", "conforme", "à surveiller"], "en retard")


def _mesures(t: pd.DataFrame, par: str | None, mesures: Mapping[str, str] | None) -> list[str]:
    """Une mesure corrective pour chaque ligne en retard ; rien pour les autres."""
    generale = MESURES_CORRECTIVES.get((par or "").lower(), _MESURE_GENERALE)
    textes = []
    for groupe, ligne in t.iterrows():
        if ligne["statut"] == "à surveiller":
            textes.append("écart limité : surveiller le mois prochain")
        elif ligne["statut"] != "en retard":
            textes.append("")
        elif ligne["rapport_mois"] >= 1:
            textes.append("retard en cours de rattrapage (le mois est au niveau de sa référence) : "
                          "maintenir l'effort et vérifier le mois prochain")
        else:
            propre = (mesures or {}).get(str(groupe))
            textes.append(propre or (generale if groupe != "Total" else _MESURE_GENERALE))
    return textes


def tableau_suivi(ventes: pd.DataFrame, mois, par: str | None = None, date: str = "date",
                  montant: str = "montant_ht", objectifs: pd.DataFrame | None = None,
                  objectif: str = "objectif_ca_ht", seuil_alerte: float = 0.9, total: bool = True,
                  mesures: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Le tableau de bord de suivi du PAC à la fin d'un mois : une ligne par vendeur, rayon ou segment.

    Pour le mois M de l'année N et chaque groupe (valeur de ``par``) :

    - ``ca_mois`` et ``ca_mois_n1`` (le même mois de N−1), ``progression_mois`` ;
    - ``cumul`` (CA de janvier à M inclus, le « cumul annuel ») et ``cumul_n1`` (même période de
      N−1), ``progression_cumul`` = (cumul − cumul N−1) / cumul N−1 ;
    - avec ``objectifs`` : ``objectif_mois``, ``realisation_mois`` = CA du mois / objectif du mois,
      ``objectif_cumul``, ``realisation_cumul`` = cumul / objectif cumulé, ``ecart_objectif_cumul``
      = cumul − objectif cumulé (négatif : retard en euros) ;
    - ``reference`` : ce à quoi la ligne est comparée, l'objectif s'il existe, sinon N−1 ;
    - ``statut`` : cumul / référence cumulée ≥ 1 → « conforme » ; ≥ ``seuil_alerte`` → « à
      surveiller » ; en dessous → « en retard » ; sans référence → « sans référence » ;
    - ``mesure_corrective`` : pour une ligne en retard, une mesure selon la dimension
      (:data:`MESURES_CORRECTIVES`, ou ``mesures`` : groupe → texte) ; si le mois lui-même a
      atteint sa référence, le retard est « en cours de rattrapage ».

    Parameters
    ----------
    ventes : DataFrame
        Une ligne par vente (ligne de ticket, commande) avec une date et un montant ; les lignes
        sans date ou sans montant sont écartées avec un avertissement (par exemple les devis non
        acceptés, sans date de commande).
    mois : str ou Period
        Le mois de l'arrêté, ``"2024-06"``.
    par : str, optional
        Colonne de regroupement (``"vendeur"``, ``"rayon"``, ``"segment"``) ; ``None`` : une ligne.
    objectifs : DataFrame, optional
        Colonnes ``annee``, ``mois``, ``objectif`` (et ``par``), comme ``objectifs_vendeurs``.
    seuil_alerte : float
        En dessous de cette part de la référence, la ligne est « en retard » (0,9 = 90 %).
    total : bool
        Ajoute une ligne « Total ».

    Examples
    --------
    >>> v = pd.DataFrame({"vendeur": ["Ana", "Ana", "Bob", "Bob"],
    ...                   "date": ["2024-01-15", "2024-02-10", "2024-01-20", "2024-02-25"],
    ...                   "montant_ht": [1000.0, 800.0, 500.0, 300.0]})
    >>> o = pd.DataFrame({"vendeur": ["Ana", "Ana", "Bob", "Bob"], "annee": 2024, "mois": [1, 2, 1, 2],
    ...                   "objectif_ca_ht": [900.0, 900.0, 600.0, 600.0]})
    >>> t = tableau_suivi(v, "2024-02", par="vendeur", objectifs=o)
    >>> t[["cumul", "objectif_cumul", "realisation_cumul", "statut"]]  # doctest: +NORMALIZE_WHITESPACE
             cumul  objectif_cumul  realisation_cumul     statut
    vendeur
    Ana     1800.0          1800.0           1.000000   conforme
    Bob      800.0          1200.0           0.666667  en retard
    Total   2600.0          3000.0           0.866667  en retard
    """
    periode = _lire_mois(mois)
    annee, m = periode.year, periode.month
    if not 0 < seuil_alerte <= 1:
        raise ErreurDonnees(f"seuil_alerte doit être une fraction entre 0 et 1 (0.9 pour 90 %), pas {seuil_alerte!r}.")
    d = _ventes_propres(ventes, date, montant, par)
    a, mo = d["date"].dt.year, d["date"].dt.month

    def somme(masque: pd.Series) -> pd.Series:
        return d[masque].groupby("groupe")["montant"].sum()

    colonnes = {"ca_mois": somme((a == annee) & (mo == m)), "ca_mois_n1": somme((a == annee - 1) & (mo == m)),
                "cumul": somme((a == annee) & (mo <= m)), "cumul_n1": somme((a == annee - 1) & (mo <= m))}
    presents = set(d.loc[a.isin([annee, annee - 1]), "groupe"])
    if objectifs is not None:
        o = _objectifs_propres(objectifs, annee, objectif, par)
        colonnes["objectif_mois"] = o[o["mois"] == m].groupby("groupe")["objectif"].sum()
        colonnes["objectif_cumul"] = o[o["mois"] <= m].groupby("groupe")["objectif"].sum()
        presents |= set(o["groupe"])
    if not presents:
        raise ErreurDonnees(f"Aucune vente en {annee} ni en {annee - 1} dans la table : vérifiez le mois demandé.")
    groupes = _ordre_groupes(ventes, par, presents)
    t = pd.DataFrame({k: v.reindex(groupes) for k, v in colonnes.items()})
    for k in ("ca_mois", "ca_mois_n1", "cumul", "cumul_n1"):
        t[k] = t[k].fillna(0.0)
    if total and par:
        t.loc["Total"] = t.sum(min_count=1)
    return _completer_suivi(t, par, objectifs is not None, seuil_alerte, mesures)


def _completer_suivi(t: pd.DataFrame, par: str | None, avec_objectifs: bool, seuil: float,
                     mesures: Mapping[str, str] | None) -> pd.DataFrame:
    """Ajoute progressions, réalisations, référence, statut et mesure corrective."""
    t["progression_mois"] = ind.progression(t["ca_mois"], t["ca_mois_n1"].where(t["ca_mois_n1"] > 0))
    t["progression_cumul"] = ind.progression(t["cumul"], t["cumul_n1"].where(t["cumul_n1"] > 0))
    reference_cumul = t["cumul_n1"].where(t["cumul_n1"] > 0)
    reference_mois = t["ca_mois_n1"].where(t["ca_mois_n1"] > 0)
    t["reference"] = np.where(reference_cumul.notna(), "N−1", "aucune")
    if avec_objectifs:
        t["realisation_mois"] = ind.taux_realisation(t["ca_mois"], t["objectif_mois"])
        t["realisation_cumul"] = ind.taux_realisation(t["cumul"], t["objectif_cumul"])
        t["ecart_objectif_cumul"] = t["cumul"] - t["objectif_cumul"]
        a_objectif = t["objectif_cumul"] > 0
        reference_cumul = t["objectif_cumul"].where(a_objectif, reference_cumul)
        reference_mois = t["objectif_mois"].where(a_objectif, reference_mois)
        t["reference"] = np.where(a_objectif, "objectif", t["reference"])
    rapport = t["cumul"] / reference_cumul
    t["statut"] = _statuts(rapport, seuil)
    t["rapport_mois"] = t["ca_mois"] / reference_mois
    t["mesure_corrective"] = _mesures(t, par, mesures)
    ordre = ["ca_mois", "ca_mois_n1", "progression_mois", "cumul", "cumul_n1", "progression_cumul"]
    if avec_objectifs:
        ordre += ["objectif_mois", "realisation_mois", "objectif_cumul", "realisation_cumul", "ecart_objectif_cumul"]
    t = t[ordre + ["reference", "statut", "mesure_corrective"]]
    t.index.name = par
    return t
