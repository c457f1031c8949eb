"""Le contrôle d'un plan d'action commerciale : la liste de ses incohérences, en français, action par action."""

from __future__ import annotations

import pandas as pd

from grc.graphiques.nombres import euros
from grc.pac.modele import OBJECTIFS_ACTION, Action, Plan
from grc.validation import ErreurDonnees


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
