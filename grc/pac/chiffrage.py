"""Chiffrer un plan d'action commerciale : les prévisions par action et le compte de résultat prévisionnel."""

from __future__ import annotations

import pandas as pd

from grc import indicateurs as ind
from grc.pac.controle import exiger_complet
from grc.pac.modele import Action, Plan, plan_depuis_table
from grc.validation import ErreurDonnees


def _actions(plan: Plan | pd.DataFrame) -> tuple[Action, ...]:
    if isinstance(plan, pd.DataFrame):
        plan = plan_depuis_table(plan, "plan", enveloppe=0, debut="2000-01-01", fin="2100-12-31")
    if not isinstance(plan, Plan):
        raise ErreurDonnees(f"Un plan pac.Plan (ou sa table) était attendu, pas un objet {type(plan).__name__}.")
    if not plan.actions:
        raise ErreurDonnees(f"Le plan « {plan.nom} » ne contient aucune action : rien à chiffrer.")
    exiger_complet(plan, "chiffré")
    return plan.actions


def previsions(plan: Plan | pd.DataFrame) -> pd.DataFrame:
    """Les prévisions de chaque action : entonnoir, taux attendus, CA, marge, résultat, ROI, point mort.

    Pour chaque action :

    - ``taux_retour`` = réponses / contacts ; ``taux_rendement_net`` = commandes / réponses ;
    - ``ca_attendu`` = commandes × panier moyen ; ``marge_attendue`` = CA × taux de marque ;
    - ``resultat`` = marge attendue − budget ; ``roi`` = résultat / budget ;
    - ``commandes_point_mort`` = ⌈budget / (panier × taux de marque)⌉ : les commandes qu'il faut pour
      couvrir le budget.

    Un plan dont une action a encore des cases à ``...`` est refusé (:func:`~grc.pac.controle.exiger_complet`).

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
