"""Chiffrer un plan d'action commerciale : les prévisions par action et le compte de résultat prévisionnel."""

from __future__ import annotations

import pandas as pd

from grc import indicateurs as ind
from grc.pac.controle import exiger_complet
from grc.pac.modele import Action, Plan, plan_depuis_table
from grc.validation import ErreurDonnees, verifier_table


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


#: La part des départs évités parmi les très bons clients touchés : l'hypothèse de :func:`valeur_creee`.
PART_DEPARTS_EVITES = 0.20


def valeur_creee(plan: Plan | pd.DataFrame, valeurs: pd.DataFrame,
                 part_departs_evites: float = PART_DEPARTS_EVITES) -> pd.DataFrame:
    """La valeur que crée chaque action du plan : son résultat du semestre plus le gain de CLV qu'elle vise.

    Le gain de CLV dépend de la cible de l'action (``valeurs`` : une ligne par segment RFM, colonnes ``clv``
    et ``retention``) :

    - « Clients à risque » : chaque commande attendue ramène un client, qui passe de la CLV des « Clients à
      risque » à celle des « Bons clients » : commandes × (CLV bons − CLV à risque) ;
    - « Nouveaux clients » : chaque commande attendue est un deuxième achat, le client devient
      « prometteur » : commandes × (CLV prometteurs − CLV nouveaux) ;
    - « Très bons clients » : l'action évite une part des départs attendus (hypothèse : 20 %) et chaque
      départ évité conserve sa CLV : contacts × (1 − rétention) × 20 % × CLV très bons ;
    - toute autre cible : aucun gain de CLV n'est compté (0), la colonne ``regle`` le dit.

    ``valeur_creee`` = ``resultat`` (marge attendue − budget) + ``gain_clv`` ; la dernière ligne,
    « Total », additionne les actions.

    Examples
    --------
    >>> valeurs = pd.DataFrame({"clv": [1000.0, 400.0, 100.0, 150.0, 40.0],
    ...                         "retention": [0.9, 0.7, 0.3, 0.5, 0.4]},
    ...                        index=["Très bons clients", "Bons clients", "Clients à risque",
    ...                               "Clients prometteurs", "Nouveaux clients"])
    >>> p = Plan("PAC", enveloppe=2000, debut="2025-01-01", fin="2025-06-30", actions=[
    ...     Action("Courrier", cible="Clients à risque", canal="courrier", debut="2025-03-03",
    ...            fin="2025-03-31", budget=500, contacts=250, reponses_attendues=20,
    ...            commandes_attendues=10, panier_moyen=60, taux_marque=0.4),
    ...     Action("Soirée", cible="Très bons clients", canal="événement en magasin", debut="2025-04-03",
    ...            fin="2025-04-05", budget=1000, contacts=300, reponses_attendues=100,
    ...            commandes_attendues=50, panier_moyen=80, taux_marque=0.4)])
    >>> table = valeur_creee(p, valeurs).round(2)
    >>> table.index.tolist()
    ['Courrier', 'Soirée', 'Total']
    >>> table["gain_clv"].tolist()
    [3000.0, 6000.0, 9000.0]
    >>> table.loc["Total", ["budget", "resultat", "gain_clv", "valeur_creee"]].tolist()
    [1500.0, 340.0, 9000.0, 9340.0]
    """
    valeurs = verifier_table(valeurs, ["clv", "retention"], "la table des valeurs (CLV par segment)")
    actions = _actions(plan)
    clv = valeurs["clv"]
    besoins = {"Clients à risque": ["Bons clients", "Clients à risque"],
               "Nouveaux clients": ["Clients prometteurs", "Nouveaux clients"],
               "Très bons clients": ["Très bons clients"]}
    gains, regles = [], []
    for a in actions:
        manquants = [s for s in besoins.get(a.cible, []) if s not in clv.index]
        if manquants:
            raise ErreurDonnees(f"L'action « {a.nom} » vise « {a.cible} » : la table des valeurs n'a pas de ligne "
                                f"{', '.join(f'« {s} »' for s in manquants)}.")
        commandes = a.commandes_attendues or 0
        if a.cible == "Clients à risque":
            gains.append(commandes * (clv["Bons clients"] - clv["Clients à risque"]))
            regles.append("commandes × (CLV bons clients − CLV clients à risque)")
        elif a.cible == "Nouveaux clients":
            gains.append(commandes * (clv["Clients prometteurs"] - clv["Nouveaux clients"]))
            regles.append("commandes × (CLV clients prometteurs − CLV nouveaux clients)")
        elif a.cible == "Très bons clients":
            retention = valeurs.loc["Très bons clients", "retention"]
            gains.append((a.contacts or 0) * (1 - retention) * part_departs_evites * clv["Très bons clients"])
            regles.append(f"contacts × (1 − rétention) × {part_departs_evites:.0%} × CLV très bons clients"
                          .replace("%", " %"))
        else:
            gains.append(0.0)
            regles.append(f"aucun gain de CLV compté pour la cible « {a.cible} »")
    table = previsions(plan)[["budget", "resultat"]].astype(float)
    table["gain_clv"] = [float(g) for g in gains]
    table["valeur_creee"] = table["resultat"] + table["gain_clv"]
    table.loc["Total"] = table.sum()
    table["regle"] = [*regles, ""]
    return table
