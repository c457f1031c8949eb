"""Le contrôle d'un plan d'action commerciale : la liste de ses incohérences, en français, action par action ;
et les cases encore à ``...`` d'un plan construit depuis un modèle à remplir."""

from __future__ import annotations

import pandas as pd

from grc.graphiques.nombres import euros
from grc.pac.modele import CASES_ACTION, OBJECTIFS_ACTION, Action, Plan
from grc.validation import ErreurDonnees


def cases_a_remplir(plan: Plan) -> list[str]:
    """Les cases encore à ``...`` des actions du plan : une phrase par case, qui dit par quoi la remplacer.

    Les actions sont numérotées dans l'ordre du plan (« Action 2 » est la deuxième de ``actions=[...]``).

    Returns
    -------
    list of str
        Vide si toutes les actions sont remplies.

    Examples
    --------
    >>> p = Plan("PAC", enveloppe=500, debut="2025-01-01", fin="2025-06-30", actions=[
    ...     Action("Relance", cible="Inactifs", canal="courrier", debut="2025-03-01", fin="2025-03-31", budget=300),
    ...     Action(nom="Bienvenue", cible="Nouveaux clients", canal="email", debut=..., fin=..., budget=...)])
    >>> for message in cases_a_remplir(p):
    ...     print(message)
    Action 2 « Bienvenue » : la date de début n'est pas encore remplie — remplacez ... par une date entre guillemets, par exemple "2025-04-03".
    Action 2 « Bienvenue » : la date de fin n'est pas encore remplie — remplacez ... par une date entre guillemets, par exemple "2025-04-05".
    Action 2 « Bienvenue » : le budget n'est pas encore rempli — remplacez ... par un montant en euros, par exemple 1200.
    """
    messages = []
    for numero, action in enumerate(plan.actions, start=1):
        nom = f"Action {numero}" if action.nom is ... else f"Action {numero} « {action.nom} »"
        for champ in action.a_remplir:
            manque, remplacer = CASES_ACTION[champ]
            messages.append(f"{nom} : {manque} — remplacez ... par {remplacer}.")
    return messages


def exiger_complet(plan: Plan, calcul: str) -> None:
    """Lève une :class:`~grc.validation.ErreurDonnees` si une action du plan a encore des cases à ``...``.

    ``calcul`` dit ce qui attend le plan complet (« chiffré », « dessiné »).

    Examples
    --------
    >>> p = Plan("PAC", enveloppe=500, debut="2025-01-01", fin="2025-06-30", actions=[
    ...     Action("Relance", cible="Inactifs", canal="courrier", debut="2025-03-01", fin="2025-03-31", budget=...)])
    >>> exiger_complet(p, "chiffré")
    Traceback (most recent call last):
    ...
    grc.validation.ErreurDonnees: Le plan « PAC » ne peut pas encore être chiffré : 1 case à ... reste à remplir. Action 1 « Relance » : le budget n'est pas encore rempli — remplacez ... par un montant en euros, par exemple 1200.
    """
    cases = cases_a_remplir(plan)
    if cases:
        combien = "1 case à ... reste" if len(cases) == 1 else f"{len(cases)} cases à ... restent"
        raise ErreurDonnees(f"Le plan « {plan.nom} » ne peut pas encore être {calcul} : {combien} à remplir. "
                            f"{cases[0]}")


def _defauts_action(a: Action, plan: Plan, numero: int) -> list[str]:
    """Les défauts propres à une action (dates, indicateurs, responsable, objectif, entonnoir).

    Les contrôles qui portent sur une case encore à ``...`` attendent qu'elle soit remplie.
    """
    nom = f"Action {numero}" if a.nom is ... else f"Action « {a.nom} »"
    vides = set(a.a_remplir)

    def rempli(*champs: str) -> bool:
        return vides.isdisjoint(champs)

    defauts = []
    if rempli("debut", "fin") and a.fin < a.debut:
        defauts.append(f"{nom} : la fin ({a.fin:%d/%m/%Y}) précède le début ({a.debut:%d/%m/%Y}).")
    elif rempli("debut", "fin") and (a.debut < plan.debut or a.fin > plan.fin):
        defauts.append(f"{nom} : du {a.debut:%d/%m/%Y} au {a.fin:%d/%m/%Y}, elle sort de la période du plan "
                       f"({plan.debut:%d/%m/%Y} → {plan.fin:%d/%m/%Y}).")
    if rempli("indicateurs") and not a.indicateurs:
        defauts.append(f"{nom} : aucun indicateur de suivi. Ajoutez au moins un indicateur chiffré "
                       "(taux de retour, commandes, CA...).")
    if rempli("responsable") and not a.responsable:
        defauts.append(f"{nom} : aucun responsable désigné (qui fait quoi ?).")
    if rempli("objectif") and not a.objectif:
        defauts.append(f"{nom} : aucun objectif ({', '.join(OBJECTIFS_ACTION)}).")
    elif rempli("objectif") and a.objectif.lower() not in OBJECTIFS_ACTION:
        defauts.append(f"{nom} : objectif « {a.objectif} » non reconnu ; choisissez parmi "
                       f"{', '.join(OBJECTIFS_ACTION)}.")
    if rempli("contacts", "reponses_attendues") and a.reponses_attendues > a.contacts:
        defauts.append(f"{nom} : plus de réponses attendues ({a.reponses_attendues}) que de contacts ({a.contacts}).")
    if rempli("reponses_attendues", "commandes_attendues") and a.commandes_attendues > a.reponses_attendues:
        defauts.append(f"{nom} : plus de commandes attendues ({a.commandes_attendues}) que de réponses "
                       f"attendues ({a.reponses_attendues}).")
    if rempli("commandes_attendues", "panier_moyen") and a.commandes_attendues > 0 and a.panier_moyen == 0:
        defauts.append(f"{nom} : des commandes sont attendues mais pas de panier moyen (le CA attendu serait nul).")
    return defauts


def controler_plan(plan: Plan) -> list[str]:
    """Liste les incohérences d'un plan, chacune dans une phrase qui nomme l'action en cause.

    Contrôles : les cases encore à ``...`` (:func:`cases_a_remplir`, en premier) ; plan sans action ;
    deux actions de même nom ; pour chaque action, une fin avant le
    début ou des dates hors de la période du plan, aucun indicateur, aucun responsable, un objectif
    absent ou inconnu, un entonnoir impossible (plus de réponses que de contacts, plus de commandes
    que de réponses), des commandes sans panier moyen ; pour le plan, un budget total au-delà de
    l'enveloppe (les actions les plus coûteuses sont citées) et un CA attendu sous l'objectif global.
    Tant qu'une case reste à ``...``, les contrôles qui en dépendent attendent (les budgets déjà remplis
    comptent pour l'enveloppe).

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
    messages = cases_a_remplir(plan)
    noms = pd.Series([a.nom for a in plan.actions if a.nom is not ...])
    for nom in noms[noms.duplicated()].unique():
        messages.append(f"Deux actions portent le nom « {nom} » : donnez-leur des noms distincts.")
    for numero, action in enumerate(plan.actions, start=1):
        messages.extend(_defauts_action(action, plan, numero))
    chiffrees = [a for a in plan.actions if a.budget is not ...]
    budget = float(sum(a.budget for a in chiffrees))
    if budget > plan.enveloppe + 1e-9:
        cheres = sorted(chiffrees, key=lambda a: a.budget, reverse=True)[:2]
        liste = ", ".join(f"« {a.nom} » ({euros(a.budget)})" for a in cheres)
        messages.append(f"Le budget total des actions ({euros(budget)}) dépasse l'enveloppe du plan "
                        f"({euros(plan.enveloppe)}) de {euros(budget - plan.enveloppe)}. "
                        f"Actions les plus coûteuses : {liste}.")
    completes = not any(a.a_remplir for a in plan.actions)
    if plan.objectif_ca is not None and completes:
        ca = sum(a.ca_attendu for a in plan.actions)
        if ca < plan.objectif_ca:
            messages.append(f"Le CA attendu des actions ({euros(ca)}) n'atteint pas l'objectif global du plan "
                            f"({euros(plan.objectif_ca)}) : renforcez les actions ou revoyez l'objectif.")
    return messages
