"""Les exercices du thème 10 (étude de cas intégrée) : bonne réponse acceptée, ``...`` en attente, erreurs refusées.

Les bonnes réponses sont recalculées ici comme le ferait un élève (pandas, SQL, scikit-learn), sans
passer par les fonctions du juge. Les derniers tests vérifient les faits que les réponses modèles du
carnet affirment sur nos données.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from grc import abc, pac, relationnel, rfm, scoring
from grc import base_marketing as bm
from grc.donnees import charger
from grc.evaluation import taille_echantillon_ab
from grc.exercices._themes import theme_10 as t10
from grc.validation import ErreurDonnees

SEGMENT = "Clients à risque"


@pytest.fixture(scope="module")
def d():
    transactions = charger("transactions")
    segments = (rfm.tableau_rfm(transactions, date_reference="2025-01-01", ticket="ticket_id")
                .pipe(rfm.scores_rfm).pipe(rfm.segments_rfm))
    segments["classe_abc"] = abc.classer_abc(segments["montant"])
    return {"clients": charger("clients"), "transactions": transactions, "campagnes": charger("campagnes"),
            "contacts": charger("contacts_campagnes"), "brut": charger("extrait_brut"), "segments": segments}


# --- 1. Fiches joignables -------------------------------------------------------------------------


def test_fiches_joignables(d, accepte, refuse, vide):
    propre, _ = bm.nettoyer_extrait(d["brut"])
    email = propre["email"].astype("string").str.fullmatch(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}").fillna(False)
    postal = propre["code_postal"].astype("string").str.fullmatch(r"\d{5}").fillna(False) & propre["ville"].notna()
    juste = int((email & postal).sum())
    accepte("10_fiches_joignables", juste)
    vide("10_fiches_joignables")
    assert "email" in refuse("10_fiches_joignables", int(email.sum()), juste)
    brut = d["brut"]
    sur_brut = int((bm.coordonnee_valide(brut, "email") & bm.coordonnee_valide(brut, "courrier")).sum())
    assert "brut" in refuse("10_fiches_joignables", sur_brut, juste)
    refuse("10_fiches_joignables", juste + 1, juste)


# --- 2. SQL -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base(d, tmp_path_factory):
    return bm.construire_base({"transactions": d["transactions"]}, tmp_path_factory.mktemp("cas") / "v.sqlite")


def test_sql_magasins(base, accepte, refuse, vide):
    juste = bm.interroger(base, """SELECT magasin, SUM(montant_ht) AS ca_ht, COUNT(DISTINCT client_id) AS clients
        FROM transactions WHERE date >= '2024-01-01' AND date < '2025-01-01' GROUP BY magasin""")
    accepte("10_sql_magasins", juste)
    accepte("10_sql_magasins", juste.set_index("magasin").sort_values("ca_ht"))
    vide("10_sql_magasins")
    toutes_annees = bm.interroger(base, """SELECT magasin, SUM(montant_ht) AS ca_ht,
        COUNT(DISTINCT client_id) AS clients FROM transactions GROUP BY magasin""")
    assert "2024" in refuse("10_sql_magasins", toutes_annees)
    lignes = bm.interroger(base, """SELECT magasin, SUM(montant_ht) AS ca_ht, COUNT(*) AS clients
        FROM transactions WHERE date >= '2024-01-01' AND date < '2025-01-01' GROUP BY magasin""")
    assert "DISTINCT" in refuse("10_sql_magasins", lignes)
    assert "manquante" in refuse("10_sql_magasins", juste[["magasin", "ca_ht"]])


# --- 3 et 4. Segments et gros clients à risque -----------------------------------------------------


def test_portefeuille_segments(d, accepte, refuse, vide):
    s = d["segments"]
    juste = s.groupby("segment", observed=True).agg(clients=("montant", "size"), ca_ht=("montant", "sum"))
    juste["part_ca"] = juste["ca_ht"] / juste["ca_ht"].sum()
    accepte("10_portefeuille_segments", juste)
    accepte("10_portefeuille_segments", juste.reset_index())
    vide("10_portefeuille_segments")
    assert "fraction" in refuse("10_portefeuille_segments", juste.assign(part_ca=100 * juste["part_ca"]))
    sans_ticket = (rfm.tableau_rfm(d["transactions"], date_reference="2025-01-01")
                   .pipe(rfm.scores_rfm).pipe(rfm.segments_rfm))
    faux = sans_ticket.groupby("segment", observed=True).agg(clients=("montant", "size"), ca_ht=("montant", "sum"))
    faux["part_ca"] = faux["ca_ht"] / faux["ca_ht"].sum()
    assert "ticket" in refuse("10_portefeuille_segments", faux)


def test_gros_clients_a_risque(d, accepte, refuse, vide):
    s = d["segments"]
    juste = s.index[(s["classe_abc"] == "A") & (s["segment"] == SEGMENT)]
    assert len(juste) > 0
    accepte("10_gros_clients_a_risque", juste.tolist())
    accepte("10_gros_clients_a_risque", juste)
    vide("10_gros_clients_a_risque")
    effectif = abc.classer_abc(s["montant"], methode="effectif")
    faux = s.index[(effectif == "A") & (s["segment"] == SEGMENT)].tolist()
    assert "valeur" in refuse("10_gros_clients_a_risque", faux)
    assert "classe A" in refuse("10_gros_clients_a_risque", s.index[s["segment"] == SEGMENT].tolist())
    avec_inactifs = s.index[(s["classe_abc"] == "A") & s["segment"].isin([SEGMENT, "Inactifs"])].tolist()
    if len(avec_inactifs) > len(juste):
        assert "inactifs" in refuse("10_gros_clients_a_risque", avec_inactifs)
    assert "manque" in refuse("10_gros_clients_a_risque", juste.tolist()[1:])


# --- 5. CLV par segment ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def calibrage(d):
    t = d["transactions"]
    avant = t[t["date"] < "2024-01-01"]
    s = rfm.tableau_rfm(avant, date_reference="2024-01-01", ticket="ticket_id").pipe(rfm.scores_rfm).pipe(rfm.segments_rfm)
    marge = t[t["date"].dt.year == 2024].groupby("client_id")["marge_ht"].sum()
    s["actif"] = s.index.isin(marge.index)
    s["marge"] = marge.reindex(s.index).fillna(0.0)
    return pd.DataFrame({"r": s.groupby("segment", observed=True)["actif"].mean(),
                         "m": s[s["actif"]].groupby("segment", observed=True)["marge"].mean()}), s


def test_clv_segments(calibrage, accepte, refuse, vide):
    c, _ = calibrage
    juste = c["m"] * c["r"] / (1 + 0.10 - c["r"])
    accepte("10_clv_segments", juste)
    vide("10_clv_segments")
    assert "année 0" in refuse("10_clv_segments", c["m"] * 1.10 / (1.10 - c["r"]))
    assert "actualis" in refuse("10_clv_segments", c["m"] / (1 - c["r"]))
    refuse("10_clv_segments", 2 * juste)
    refuse("10_clv_segments", juste.iloc[:-1])


# --- 6. Grille relationnelle ----------------------------------------------------------------------


def _grille(segment: str = SEGMENT) -> pd.DataFrame:
    g = relationnel.grille_relationnelle(segment)
    g["moyens"] = [["bases de données"], ["courrier personnalisé"], ["centre d'appels"], ["carte de fidélité"],
                   ["club de clients"]]
    g["action"] = ["Repérer chaque mois les clients qui basculent à risque.",
                   "Courrier signé du magasin préféré avec un bon d'un mois.",
                   "Appeler les gros clients pour connaître le motif du départ.",
                   "Doubler les points sur le premier achat après la relance.",
                   "Inviter les clients revenus à un atelier du club."]
    return g


def test_grille_relationnelle(accepte, refuse, vide):
    accepte("10_grille_relationnelle", _grille())
    vide("10_grille_relationnelle")
    mal_placee = _grille()
    mal_placee["moyens"] = [["bases de données"], ["courrier personnalisé"], ["centre d'appels"], ["club de clients"],
                            ["carte de fidélité"]]
    assert "placé" in refuse("10_grille_relationnelle", mal_placee)
    assert "segment" in refuse("10_grille_relationnelle", _grille("Très bons clients"))
    vague = _grille()
    vague["action"] = ["fichier", "courrier", "appel", "points", "club"]
    assert "vague" in refuse("10_grille_relationnelle", vague)
    vide = relationnel.grille_relationnelle(SEGMENT)
    assert "Aucun moyen" in refuse("10_grille_relationnelle", vide)
    refuse("10_grille_relationnelle", {"les écouter": "enquêtes de satisfaction"})


# --- 7. Score d'appétence -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def historique(d):
    fiche = d["clients"].set_index("client_id")
    decl = pd.DataFrame({"carte_fidelite": fiche["carte_fidelite"]})
    morceaux = []
    for k in d["campagnes"].itertuples():
        rep = d["contacts"][d["contacts"]["campagne_id"] == k.campagne_id].set_index("client_id")["reponse"]
        v = scoring.variables_avant(d["transactions"], k.date_envoi, population=rep.index, declaratif=decl)
        v["campagne_id"] = k.campagne_id
        v["reponse"] = rep.reindex(v.index).astype(int).to_numpy()
        morceaux.append(v)
    return pd.concat(morceaux)


def test_score_auc(historique, accepte, refuse, vide):
    app, test = historique[historique["campagne_id"] != "K12"], historique[historique["campagne_id"] == "K12"]
    x = ["R", "F", "M", "carte_fidelite"]
    modele = LogisticRegression(max_iter=1000).fit(app[x], app["reponse"])
    score = pd.Series(modele.predict_proba(test[x])[:, 1], index=test.index)
    assert roc_auc_score(test["reponse"], score) >= t10.SEUIL_AUC
    accepte("10_score_auc", score)
    accepte("10_score_auc", test["score_rfm"].astype(float))  # le simple R + F + M suffit déjà
    vide("10_score_auc")
    hasard = pd.Series(np.random.default_rng(0).random(len(test)), index=test.index)
    assert "hasard" in refuse("10_score_auc", hasard)
    assert "envers" in refuse("10_score_auc", -score)
    assert "fuite" in refuse("10_score_auc", test["reponse"].astype(float))
    assert "manquant" in refuse("10_score_auc", score.iloc[10:])
    assert "identifiants" in refuse("10_score_auc", score.to_numpy())


# --- 8. Résultat de l'action ----------------------------------------------------------------------


def _hypotheses(d):
    s = d["segments"]
    gros = s.index[(s["classe_abc"] == "A") & (s["segment"] == SEGMENT)]
    conditions = bm.conditions_contact(d["clients"], d["transactions"], canal="courrier")
    cible = sorted(set(conditions.index[conditions["contactable"]]) & set(gros))
    proba = t10.probabilites_cible()  # le score de référence est fourni par le carnet, pas calculé par l'élève
    assert sorted(proba.index) == cible
    k = d["campagnes"][d["campagnes"]["canal"] == "courrier"]
    reponses = round(proba.sum())
    commandes = round(reponses * k["commandes"].sum() / k["reponses"].sum())
    achats = d["transactions"][d["transactions"]["client_id"].isin(cible)]
    panier = s.loc[cible, "montant"].sum() / s.loc[cible, "frequence"].sum()
    marque = achats["marge_ht"].sum() / achats["montant_ht"].sum()
    budget = len(cible) * k["cout"].sum() / k["envois"].sum()
    return reponses, commandes, panier, marque, budget


def test_resultat_action(d, accepte, refuse, vide):
    reponses, commandes, panier, marque, budget = _hypotheses(d)
    juste = commandes * panier * marque - budget
    accepte("10_resultat_action", juste)
    vide("10_resultat_action")
    assert "budget" in refuse("10_resultat_action", commandes * panier * marque, juste)
    assert "marge" in refuse("10_resultat_action", commandes * panier - budget, juste)
    assert "rendement" in refuse("10_resultat_action", reponses * panier * marque - budget, juste)
    refuse("10_resultat_action", juste + 50, juste)


# --- 9. Le PAC ------------------------------------------------------------------------------------


def _plan(enveloppe: float = 4000, **modifs) -> pac.Plan:
    actions = [
        t10.action_reference(),
        pac.Action("Soirée du club", cible="Très bons clients", canal="événement", debut="2025-04-03",
                   fin="2025-04-05", budget=1200, objectif="fidélisation", contacts=300, reponses_attendues=120,
                   commandes_attendues=80, panier_moyen=40, taux_marque=0.45, responsable="directeurs",
                   indicateurs="participation ; commandes"),
        pac.Action("Bienvenue", cible="Nouveaux clients", canal="email", debut="2025-01-15", fin="2025-06-30",
                   budget=250, objectif="stimulation des achats", contacts=200, reponses_attendues=8,
                   commandes_attendues=6, panier_moyen=35, taux_marque=0.4, responsable="responsable CRM",
                   indicateurs=modifs.get("indicateurs", "taux de retour ; rachat")),
    ]
    return pac.Plan("PAC S1 2025", enveloppe=enveloppe, debut=modifs.get("debut", "2025-01-01"),
                    fin="2025-06-30", actions=actions[: modifs.get("n", 3)])


def test_pac(accepte, refuse, vide):
    accepte("10_pac", _plan())
    vide("10_pac")
    assert "enveloppe" in refuse("10_pac", _plan(enveloppe=5000))
    assert "semestre" in refuse("10_pac", _plan(debut="2025-02-01"))
    assert "au moins 3" in refuse("10_pac", _plan(n=2))
    assert "indicateur" in refuse("10_pac", _plan(indicateurs=""))
    trop_cher = _plan()
    trop_cher = pac.Plan(trop_cher.nom, 4000, "2025-01-01", "2025-06-30", [
        *trop_cher.actions, pac.Action("Salon", cible="Bons clients", canal="salon", debut="2025-05-01",
                                       fin="2025-05-03", budget=3000, objectif="fidélisation", responsable="x",
                                       indicateurs="contacts")])
    assert "dépasse l'enveloppe" in refuse("10_pac", trop_cher)
    assert "pac.Plan" in refuse("10_pac", _plan().table())


def _modele(**remplies) -> pac.Action:
    """Une action du modèle du carnet : toutes les cases à ``...``, sauf celles données."""
    return pac.Action(**{**{c: ... for c in pac.COLONNES_PLAN}, **remplies})


def _plan_modele(*actions: pac.Action) -> pac.Plan:
    """Le plan du modèle du carnet : la reconquête, puis les actions données."""
    return pac.Plan("PAC premier semestre 2025", enveloppe=4000, debut="2025-01-01", fin="2025-06-30",
                    actions=[t10.action_reference(), *actions])


def test_pac_modele_intact_est_une_absence_de_reponse():
    from grc.exercices import controler

    retour = controler("10_pac", _plan_modele(_modele(), _modele()))
    assert retour.statut == "vide"
    assert "actions 2 et 3" in retour.message and "..." in retour.message


def test_pac_modele_en_partie_rempli_nomme_la_case_et_l_action(refuse):
    soiree = {c: getattr(_plan().actions[1], c) for c in pac.COLONNES_PLAN}
    sans_budget = _modele(**{c: v for c, v in soiree.items() if c != "budget"})
    message = refuse("10_pac", _plan_modele(sans_budget, _modele()))
    assert "Action 2 « Soirée du club » : le budget n'est pas encore rempli" in message
    assert "remplacez ... par un montant en euros" in message
    assert "action 2 : budget ; action 3 : toutes ses cases" in message
    message = refuse("10_pac", _plan_modele(_modele(**soiree), _modele(nom="Bienvenue", cible="Nouveaux clients")))
    assert "Action 3 « Bienvenue » : l'objectif n'est pas encore rempli" in message
    message = refuse("10_pac", _plan_modele(_modele(**soiree), _modele()))  # action 3 pas commencée
    assert message.startswith("Action 3 : le nom n'est pas encore rempli")


def test_pac_modele_rempli(accepte, refuse):
    soiree, bienvenue = ({c: getattr(a, c) for c in pac.COLONNES_PLAN} for a in _plan().actions[1:])
    accepte("10_pac", _plan_modele(_modele(**soiree), _modele(**bienvenue)))
    # une case mal remplie, elle, reçoit le message habituel
    inconnue = _modele(**{**bienvenue, "cible": "Jeunes clients"})
    assert "segment RFM" in refuse("10_pac", _plan_modele(_modele(**soiree), inconnue))
    hors_liste = _modele(**{**bienvenue, "objectif": "notoriété"})
    assert "non reconnu" in refuse("10_pac", _plan_modele(_modele(**soiree), hors_liste))
    a_l_envers = _modele(**{**bienvenue, "debut": "2025-06-30", "fin": "2025-01-15"})
    assert "précède le début" in refuse("10_pac", _plan_modele(_modele(**soiree), a_l_envers))
    with pytest.raises(ErreurDonnees, match="budget"):
        _modele(**{**bienvenue, "budget": -250})
    with pytest.raises(ErreurDonnees, match="panier moyen"):
        _modele(**{**bienvenue, "panier_moyen": "beaucoup"})


# --- 10. Groupe témoin ----------------------------------------------------------------------------


def test_taille_temoin(d, calibrage, accepte, refuse, vide):
    _, s = calibrage
    a_risque = s.index[s["segment"] == SEGMENT]
    t = d["transactions"]
    acheteurs = set(t.loc[(t["date"] >= "2024-01-01") & (t["date"] < "2024-03-01"), "client_id"])
    p = sum(c in acheteurs for c in a_risque) / len(a_risque)
    juste = taille_echantillon_ab(p, 0.05)
    accepte("10_taille_temoin", juste)
    vide("10_taille_temoin")
    assert "PAR groupe" in refuse("10_taille_temoin", 2 * juste, juste)
    assert "5 points" in refuse("10_taille_temoin", taille_echantillon_ab(p, 0.03), juste)
    refuse("10_taille_temoin", juste - 1, juste)
    refuse("10_taille_temoin", "744")


# --- Les faits affirmés par les réponses modèles du carnet -----------------------------------------


def test_faits_du_diagnostic():
    p = t10.portefeuille()
    assert p.loc["Très bons clients", "part_ca"] > 0.5  # « plus de la moitié du CA »
    assert p["ca_ht"].idxmax() == "Très bons clients"
    assert p["ca_ht"].drop("Très bons clients").idxmax() == "Bons clients"
    c = t10.calibrage()
    assert c["retention"].idxmax() == "Très bons clients" and c["clv"].idxmax() == "Très bons clients"
    assert c.loc["Bons clients", "clv"] > 3 * c.loc[SEGMENT, "clv"]  # « plusieurs fois plus »
    valeur_segment = c["clv"] * p["clients"]
    assert valeur_segment.sort_values(ascending=False).index[1] == "Bons clients"
    assert p.loc[["Inactifs", "Clients occasionnels"], "part_ca"].max() < 0.05  # « pèsent peu »


def test_faits_du_plan():
    a = t10.action_reference()
    assert a.resultat < 0 and a.commandes_point_mort > a.commandes_attendues  # « manque son point mort »
    c = t10.calibrage()
    gain = c.loc["Bons clients", "clv"] - c.loc[SEGMENT, "clv"]
    assert a.commandes_attendues * gain > a.budget  # « la valeur créée dépasse le coût »
    assert taille_echantillon_ab(t10.taux_spontane(), 0.05) > t10.portefeuille().loc[SEGMENT, "clients"]


def test_score_de_reference_bat_le_score_rfm():
    t = t10.tables_score()
    test = t[t["campagne_id"] == "K12"]
    proba = t10.modele_reference().predict_proba(test[t10.VARIABLES_SCORE])[:, 1]
    assert roc_auc_score(test["reponse"], proba) >= roc_auc_score(test["reponse"], test["score_rfm"])
    assert not math.isnan(float(t10.probabilites_cible().sum()))


# --- Les décisions du parcours BTS -------------------------------------------------------------------


def test_cible_de_la_reconquete(accepte, refuse, vide):
    accepte("10_cible_reconquete", "les gros clients à risque")
    accepte("10_cible_reconquete", "Les gros clients a risque")
    vide("10_cible_reconquete")
    c = t10.calibrage()
    assert c.loc["Inactifs", "clv"] < 2 * t10.hypotheses_action()["cout_par_contact"]  # la raison donnée aux inactifs
    assert "CLV" in refuse("10_cible_reconquete", "les inactifs")
    assert "fidélisation" in refuse("10_cible_reconquete", "les très bons clients")
    assert "classe A" in refuse("10_cible_reconquete", "tous les clients à risque")
    assert "choix possibles" in refuse("10_cible_reconquete", "les prospects")


def test_objectif_de_chaque_segment(accepte, refuse, vide):
    bon = {"Clients à risque": "reconquête", "Très bons clients": "fidélisation",
           "Nouveaux clients": "stimulation des achats"}
    accepte("10_objectifs_segments", bon)
    vide("10_objectifs_segments")
    message = refuse("10_objectifs_segments", {**bon, "Très bons clients": "stimulation des achats"})
    assert message.startswith("Très bons clients") and "remises" in message
    assert "deuxième achat" in refuse("10_objectifs_segments", {**bon, "Nouveaux clients": "fidélisation"})
    assert "revenir" in refuse("10_objectifs_segments", {**bon, "Clients à risque": "fidélisation"})
    assert "choix possibles" in refuse("10_objectifs_segments", {**bon, "Clients à risque": "relance"})
    assert "manquante" in refuse("10_objectifs_segments", {"Clients à risque": "reconquête"})


def test_action_pour_les_tres_bons_clients(accepte, refuse, vide):
    accepte("10_action_tres_bons", "soirée du club")
    vide("10_action_tres_bons")
    assert "marge" in refuse("10_action_tres_bons", "remise")
    assert "pas partis" in refuse("10_action_tres_bons", "courrier de reconquête")
    assert "CLV" in refuse("10_action_tres_bons", "aucune action")


def test_decision_de_reconquete(accepte, refuse, vide):
    a = t10.action_reference()
    assert a.resultat < 0 < a.resultat + a.commandes_attendues * t10.gain_reconquete()  # le dilemme du cas
    accepte("10_decision_reconquete", "lancer et mesurer")
    vide("10_decision_reconquete")
    assert "valeur créée" in refuse("10_decision_reconquete", "renoncer")
    assert "explorateur" in refuse("10_decision_reconquete", "étendre à tous les clients à risque")
    refuse("10_decision_reconquete", "lancer")


def test_indicateurs_du_plan(accepte, refuse, vide):
    bon = {1: "NPS", 2: "ROI", 3: "taux de retour", 4: "taux de rendement net", 5: "taux d'attrition"}
    accepte("10_indicateurs_plan", bon)
    vide("10_indicateurs_plan")
    message = refuse("10_indicateurs_plan", {**bon, 4: "taux de transformation"})
    assert message.startswith("Question 4") and "devis" in message
    assert "intérêt suscité" in refuse("10_indicateurs_plan", {**bon, 4: "taux de retour"})
    assert "rentabilité" in refuse("10_indicateurs_plan", {**bon, 1: "ROI"})
