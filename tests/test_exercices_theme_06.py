"""Les exercices du thème 06 (scores et data mining) : bonne réponse acceptée, ``...`` en attente, erreurs
typiques refusées sans que le message ne donne la réponse.

Les bonnes réponses sont recalculées ici comme le ferait un élève (pandas, scikit-learn), sans passer par
les fonctions du juge. Les derniers tests vérifient les faits que le carnet et ses réponses modèles
affirment sur nos données : si les données changent et qu'un texte devient faux, ils échouent.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.cluster import KMeans
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import RepeatedStratifiedKFold, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from grc import rfm, scoring
from grc.donnees import charger
from grc.exercices._themes import theme_06 as t06
from grc.validation import LignesExclues

VARIABLES = ["recence", "log_frequence", "log_montant", "jamais_achete", "carte_fidelite", "a_jardin", "a_animal",
             "senior", "taille_foyer"]


@pytest.fixture(scope="module", autouse=True)
def un_seul_fil():
    """Comme le carnet : un seul fil de calcul pour ces petits modèles (beaucoup plus rapide sur 2 cœurs)."""
    with threadpool_limits(1), warnings.catch_warnings():
        warnings.simplefilter("ignore", LignesExclues)
        yield


@pytest.fixture(scope="module")
def donnees():
    return {
        "clients": charger("clients"),
        "transactions": charger("transactions"),
        "campagnes": charger("campagnes").set_index("campagne_id"),
        "contacts": charger("contacts_campagnes"),
    }


def _modele():
    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))


def _declaratif(clients: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "carte_fidelite": clients["carte_fidelite"].astype(int).to_numpy(),
        "a_jardin": clients["a_jardin"].astype(int).to_numpy(),
        "a_animal": (clients["animal"] != "aucun").astype(int).to_numpy(),
        "senior": clients["tranche_age"].astype(str).isin(["55-64", "65+"]).astype(int).to_numpy(),
        "taille_foyer": clients["taille_foyer"].to_numpy(),
    }, index=clients["client_id"].to_numpy())


@pytest.fixture(scope="module")
def appetence(donnees):
    """Le score d'appétence de Noël 2024, reconstruit à la main (sans scoring.variables_avant)."""
    t, campagnes, contacts = donnees["transactions"], donnees["campagnes"], donnees["contacts"]
    envoi = campagnes.loc["K12", "date_envoi"]
    noel = contacts[contacts["campagne_id"] == "K12"].set_index("client_id")
    avant = t[t["date"] < envoi]
    par_client = avant.groupby("client_id")
    base = pd.DataFrame({
        "recence": (envoi - par_client["date"].max()).dt.days,
        "frequence": par_client["ticket_id"].nunique(),
        "montant": par_client["montant_ht"].sum(),
    })
    notes = rfm.scores_rfm(rfm.tableau_rfm(avant, date_reference=envoi, ticket="ticket_id"))["score_rfm"]
    x = base.reindex(noel.index)
    x["jamais_achete"] = x["frequence"].isna().astype(int)
    x = x.fillna({"recence": (envoi - t["date"].min()).days, "frequence": 0, "montant": 0.0})
    x["score_rfm"] = notes.reindex(noel.index).fillna(0)
    x["log_frequence"] = np.log1p(x["frequence"])
    x["log_montant"] = np.log1p(x["montant"].clip(lower=0))
    x = x.join(_declaratif(donnees["clients"]))
    y = noel["reponse"].astype(int)
    x_app, x_test, y_app, y_test = train_test_split(x, y, test_size=0.4, stratify=y, random_state=0)
    modele = _modele().fit(x_app[VARIABLES], y_app)
    mix = avant[avant["quantite"] > 0].pivot_table(index="client_id", columns="rayon", values="montant_ht",
                                                   aggfunc="sum", observed=True, fill_value=0.0)
    part_noel = (mix["Décoration"] + mix["Épicerie fine"]) / mix.sum(axis=1)
    x["part_noel"] = part_noel.reindex(x.index).fillna(0.0)
    riches = VARIABLES + ["part_noel"]
    enrichi = _modele().fit(x.loc[x_app.index, riches], y_app)
    return {
        "envoi": envoi, "noel": noel, "x": x, "y": y, "x_app": x_app, "x_test": x_test, "y_app": y_app,
        "y_test": y_test, "modele": modele, "riches": riches,
        "proba_test": pd.Series(modele.predict_proba(x_test[VARIABLES])[:, 1], index=x_test.index),
        "proba_enrichie": pd.Series(enrichi.predict_proba(x.loc[x_test.index, riches])[:, 1], index=x_test.index),
    }


@pytest.fixture(scope="module")
def attrition(donnees):
    """Le score d'attrition appris au 1er janvier 2024 et appliqué au 1er janvier 2025, reconstruit à la main."""
    t, decl = donnees["transactions"], _declaratif(donnees["clients"])

    def variables(debut: str, fin: str) -> pd.DataFrame:
        lignes = t[(t["date"] >= debut) & (t["date"] < fin)]
        groupes = lignes.groupby("client_id")
        x = pd.DataFrame({"recence": (pd.Timestamp(fin) - groupes["date"].max()).dt.days,
                          "frequence": groupes["ticket_id"].nunique(), "montant": groupes["montant_ht"].sum(),
                          "marge": groupes["marge_ht"].sum()})
        x["log_frequence"] = np.log1p(x["frequence"])
        x["log_montant"] = np.log1p(x["montant"].clip(lower=0))
        x["score_rfm"] = rfm.scores_rfm(rfm.tableau_rfm(lignes, date_reference=fin, ticket="ticket_id"))["score_rfm"]
        return x.join(decl)

    x_2024 = variables("2022-01-01", "2024-01-01")
    partis = (~x_2024.index.isin(t.loc[t["date"].dt.year == 2024, "client_id"])).astype(int)
    y = pd.Series(partis, index=x_2024.index)
    colonnes = [v for v in VARIABLES if v != "jamais_achete"]
    x_app, x_test, y_app, y_test = train_test_split(x_2024, y, test_size=0.4, stratify=y, random_state=0)
    modele = _modele().fit(x_app[colonnes], y_app)
    x_2025 = variables("2023-01-01", "2025-01-01")
    risque = pd.DataFrame({"proba_depart": modele.predict_proba(x_2025[colonnes])[:, 1],
                           "marge_annuelle": x_2025["marge"] / 2}, index=x_2025.index)
    return {"x_test": x_test, "y_test": y_test, "colonnes": colonnes, "modele": modele, "risque": risque, "y": y}


@pytest.fixture(scope="module")
def paniers(donnees):
    ventes = donnees["transactions"][donnees["transactions"]["quantite"] > 0]
    return pd.crosstab(ventes["client_id"], ventes["rayon"].astype(str)) > 0


@pytest.fixture(scope="module")
def regles(paniers):
    n = len(paniers)
    lignes = []
    for a in paniers.columns:
        for b in paniers.columns:
            if a != b:
                deux = int((paniers[a] & paniers[b]).sum())
                confiance = deux / paniers[a].sum()
                lignes.append({"antecedent": a, "consequent": b, "support": deux / n, "confiance": confiance,
                               "lift": confiance / paniers[b].mean()})
    return pd.DataFrame(lignes)


# --- 1. Quel score pour quelle situation ------------------------------------------------------------


def test_score_par_situation(accepte, refuse, vide) -> None:
    juste = {"a": "ventes croisées", "b": "réactivation", "c": "potentiel", "d": "montée en gamme",
             "e": "appétence", "f": "anti-attrition"}
    accepte("06_score_par_situation", juste)
    accepte("06_score_par_situation", {k: v.upper() for k, v in juste.items()})  # majuscules et accents tolérés
    vide("06_score_par_situation")
    confusion = {**juste, "c": "appétence", "e": "potentiel"}  # potentiel et appétence inversés
    message = refuse("06_score_par_situation", confusion)
    assert "2" in message and "potentiel" not in message
    assert "n'est pas l'un des six scores" in refuse("06_score_par_situation", {**juste, "a": "fidélité"})


# --- 2. Taux de réponse ------------------------------------------------------------------------------


def test_taux_reponse_noel(donnees, accepte, refuse, vide) -> None:
    contacts = donnees["contacts"]
    noel = contacts[contacts["campagne_id"] == "K12"]
    juste = noel["reponse"].sum() / len(noel)
    accepte("06_taux_reponse_noel", juste)
    accepte("06_taux_reponse_noel", donnees["campagnes"].loc["K12", "reponses"] / donnees["campagnes"].loc["K12", "envois"])
    vide("06_taux_reponse_noel")
    assert "pourcentage" in refuse("06_taux_reponse_noel", 100 * juste, juste)
    assert "commande" in refuse("06_taux_reponse_noel", noel["commande"].mean(), juste)
    assert "K12" in refuse("06_taux_reponse_noel", contacts["reponse"].mean(), juste)


# --- 3. RFM avant l'envoi ---------------------------------------------------------------------------


def _rfm_de(lignes: pd.DataFrame, reference: pd.Timestamp, contactes, frequence: str = "ticket_id") -> pd.DataFrame:
    groupes = lignes.groupby("client_id")
    table = pd.DataFrame({
        "recence": (reference - groupes["date"].max()).dt.days,
        "frequence": groupes[frequence].nunique() if frequence == "ticket_id" else groupes.size(),
        "montant": groupes["montant_ht"].sum(),
    })
    return table[table.index.isin(contactes)]


def test_rfm_avant_envoi(donnees, appetence, accepte, refuse, vide) -> None:
    t, envoi, contactes = donnees["transactions"], appetence["envoi"], appetence["noel"].index
    juste = _rfm_de(t[t["date"] < envoi], envoi, contactes)
    accepte("06_rfm_avant_envoi", juste)
    accepte("06_rfm_avant_envoi", juste.sample(frac=1, random_state=1))  # l'ordre des lignes est libre
    vide("06_rfm_avant_envoi")
    fuite = _rfm_de(t, pd.Timestamp("2025-01-01"), contactes)
    assert "fuite" in refuse("06_rfm_avant_envoi", fuite)
    jour_meme = _rfm_de(t[t["date"] <= envoi], envoi, contactes)
    assert "jour même" in refuse("06_rfm_avant_envoi", jour_meme)
    lignes = _rfm_de(t[t["date"] < envoi], envoi, contactes, frequence="lignes")
    assert "tickets distincts" in refuse("06_rfm_avant_envoi", lignes)
    toute_la_base = _rfm_de(t[t["date"] < envoi], envoi, t["client_id"].unique())
    assert "ligne" in refuse("06_rfm_avant_envoi", toute_la_base)


# --- 4 et 5. AUC et répondants des 20 % du haut ------------------------------------------------------


def test_auc_test(appetence, accepte, refuse, vide) -> None:
    a = appetence
    juste = roc_auc_score(a["y_test"], a["proba_test"])
    accepte("06_auc_test", juste)
    vide("06_auc_test")
    sur_app = roc_auc_score(a["y_app"], a["modele"].predict_proba(a["x_app"][VARIABLES])[:, 1])
    assert "apprentissage" in refuse("06_auc_test", sur_app, juste)
    assert "1 − AUC" in refuse("06_auc_test", 1 - juste, juste)
    classes = roc_auc_score(a["y_test"], a["modele"].predict(a["x_test"][VARIABLES]))
    assert "probabilités" in refuse("06_auc_test", classes, juste)


def test_repondants_top20(appetence, accepte, refuse, vide) -> None:
    y, proba = appetence["y_test"], appetence["proba_test"]
    k = round(0.2 * len(proba))
    juste = int(y[proba.sort_values(ascending=False).index[:k]].sum())
    accepte("06_repondants_top20", juste)
    accepte("06_repondants_top20", int(y[proba.nlargest(k).index].sum()))
    vide("06_repondants_top20")
    bas = int(y[proba.sort_values().index[:k]].sum())
    assert "MOINS" in refuse("06_repondants_top20", bas)
    assert "hasard" in refuse("06_repondants_top20", 0.2 * y.sum())
    assert "total" in refuse("06_repondants_top20", int(y.sum()))
    assert "part" in refuse("06_repondants_top20", juste / y.sum())


# --- 6. Qui appeler ----------------------------------------------------------------------------------


def test_qui_appeler(attrition, accepte, refuse, vide) -> None:
    risque = attrition["risque"]
    perte = risque["proba_depart"] * risque["marge_annuelle"]
    juste = list(perte.sort_values(ascending=False).index[:100])
    accepte("06_qui_appeler", juste)
    accepte("06_qui_appeler", pd.Index(juste[::-1]))
    vide("06_qui_appeler")
    assert "perte attendue" in refuse("06_qui_appeler", list(risque["proba_depart"].nlargest(100).index))
    assert "marges" in refuse("06_qui_appeler", list(risque["marge_annuelle"].nlargest(100).index))
    assert "il en faut 100" in refuse("06_qui_appeler", juste[:50])
    presque = juste[:99] + [perte.sort_values(ascending=False).index[150]]
    refuse("06_qui_appeler", presque)


# --- 7. Un ou deux rayons ----------------------------------------------------------------------------


def test_part_un_deux_rayons(donnees, paniers, accepte, refuse, vide) -> None:
    nombre = paniers.sum(axis=1)
    juste = (nombre <= 2).sum() / len(nombre)
    accepte("06_part_un_deux_rayons", juste)
    vide("06_part_un_deux_rayons")
    assert "un seul rayon" in refuse("06_part_un_deux_rayons", (nombre == 1).mean(), juste)
    assert "dénominateur" in refuse("06_part_un_deux_rayons", (nombre <= 2).sum() / len(donnees["clients"]), juste)
    ventes = donnees["transactions"][donnees["transactions"]["quantite"] > 0]
    par_ticket = ventes.groupby("ticket_id")["rayon"].nunique()
    assert "tickets" in refuse("06_part_un_deux_rayons", (par_ticket <= 2).mean(), juste)


# --- 8. Règles d'association -------------------------------------------------------------------------


def test_regles_rayons(regles, paniers, donnees, accepte, refuse, vide) -> None:
    accepte("06_regles_rayons", regles)
    accepte("06_regles_rayons", regles.sample(frac=1, random_state=2).reset_index(drop=True))
    vide("06_regles_rayons")
    inverse = regles.assign(confiance=regles["support"] / regles["consequent"].map(paniers.mean()))
    assert "n(A)" in refuse("06_regles_rayons", inverse)
    sans_lift = regles.drop(columns="lift")
    assert "lift" in refuse("06_regles_rayons", sans_lift)
    lift_faux = regles.assign(lift=regles["confiance"] / regles["antecedent"].map(paniers.mean()))
    assert "lift" in refuse("06_regles_rayons", lift_faux)
    ventes = donnees["transactions"][donnees["transactions"]["quantite"] > 0]
    tickets = pd.crosstab(ventes["ticket_id"], ventes["rayon"].astype(str)) > 0
    par_ticket = scoring.regles_association(tickets)[["antecedent", "consequent", "support", "confiance", "lift"]]
    assert "ticket" in refuse("06_regles_rayons", par_ticket)


# --- 9. Typologies -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def typologies(donnees):
    ventes = donnees["transactions"][donnees["transactions"]["quantite"] > 0]
    montants = ventes.pivot_table(index="client_id", columns="rayon", values="montant_ht", aggfunc="sum",
                                  observed=True, fill_value=0.0)
    mix = montants.div(montants.sum(axis=1), axis=0)
    kmeans = KMeans(n_clusters=6, n_init=10, random_state=0).fit(mix)
    centres = pd.DataFrame(kmeans.cluster_centers_, columns=[str(c) for c in mix.columns])
    noms = centres.idxmax(axis=1).map(t06.NOMS_TYPOLOGIES)
    effectifs = pd.Series(kmeans.labels_).value_counts()
    return {"mix": mix, "juste": {noms[g]: int(effectifs[g]) for g in range(6)}}


def test_typologies(typologies, accepte, refuse, vide) -> None:
    juste = typologies["juste"]
    assert len(juste) == 6, "six rayons dominants différents : un nom par typologie"
    accepte("06_typologies", juste)
    vide("06_typologies")
    noms = list(juste)
    echange = {**juste, noms[0]: juste[noms[1]], noms[1]: juste[noms[0]]}
    assert "pas sous les bons noms" in refuse("06_typologies", echange)
    assert "Il manque" in refuse("06_typologies", {n: 1 for n in noms[:5]})
    assert "totalisent" in refuse("06_typologies", {**juste, noms[0]: juste[noms[0]] + 10})
    assert "inconnu" in refuse("06_typologies", {**juste, "Jardiniers": 3})


# --- 10. Le bon de réduction -------------------------------------------------------------------------


def test_cible_coupon(donnees, paniers, regles, accepte, refuse, vide) -> None:
    t, clients = donnees["transactions"], donnees["clients"]
    candidates = regles[(regles["support"] >= 0.05) & (regles["lift"] >= 1.2)]
    meilleure = candidates.sort_values("confiance", ascending=False).iloc[0]
    a, b = meilleure["antecedent"], meilleure["consequent"]
    actifs = set(t.loc[t["date"].dt.year == 2024, "client_id"])
    consentants = set(clients.loc[clients["consentement_email"], "client_id"])

    def cible(ante, cons, sans=True, filtre_actifs=True, filtre_consentement=True):
        ids = set(paniers.index[paniers[ante] & ~paniers[cons]]) if sans else set(paniers.index[paniers[ante]])
        if filtre_actifs:
            ids &= actifs
        if filtre_consentement:
            ids &= consentants
        return sorted(ids)

    juste = cible(a, b)
    accepte("06_cible_coupon", juste)
    accepte("06_cible_coupon", pd.Index(juste))
    vide("06_cible_coupon")
    assert "aubaine" in refuse("06_cible_coupon", cible(a, b, sans=False))
    assert "RGPD" in refuse("06_cible_coupon", cible(a, b, filtre_consentement=False))
    assert "2024" in refuse("06_cible_coupon", cible(a, b, filtre_actifs=False))
    assert "le sens compte" in refuse("06_cible_coupon", cible(b, a))
    refuse("06_cible_coupon", juste[:-3])


# --- Les faits affirmés par le carnet et ses réponses modèles ----------------------------------------


def test_faits_cycle_de_vie(donnees) -> None:
    etapes = scoring.etapes_cycle_de_vie(donnees["transactions"], donnees["clients"], "2025-01-01")
    t = donnees["transactions"]
    marge = t[t["date"].dt.year == 2024].groupby("client_id")["marge_ht"].sum()
    moyenne = marge.reindex(etapes.index).fillna(0).groupby(etapes["etape"], observed=False).mean()
    assert set(moyenne.nlargest(2).index) == {"développement", "stabilisation"}
    assert moyenne["réactivation"] < 1 and moyenne["reconquête"] < 1  # « nulle, ou presque »
    part = etapes["etape"].value_counts(normalize=True)
    assert part["réactivation"] + part["reconquête"] > 0.3  # « une grande partie de la base »


def test_faits_appetence(donnees, appetence) -> None:
    a = appetence
    y, x_test = a["y_test"], a["x_test"]
    taux = a["y"].mean()
    assert 0.01 < taux < 0.06  # « quelques pour cent »
    # la fuite fait paraître la récence meilleure
    t, envoi = donnees["transactions"], a["envoi"]
    honnete = t[t["date"] < envoi].groupby("client_id")["date"].max()
    fuite = t.groupby("client_id")["date"].max()
    deja = a["noel"].index.intersection(honnete.index)
    reponses = a["noel"].loc[deja, "reponse"]
    assert roc_auc_score(reponses, fuite[deja]) > roc_auc_score(reponses, honnete[deja])
    # coefficients : la récence domine, puis fréquence et montant
    poids = pd.Series(a["modele"][-1].coef_[0], index=VARIABLES).abs().sort_values(ascending=False)
    assert poids.index[0] == "recence"
    assert set(poids.index[1:3]) == {"log_frequence", "log_montant"}
    # face aux références
    auc = {"modele": roc_auc_score(y, a["proba_test"]), "rfm": roc_auc_score(y, x_test["score_rfm"]),
           "enrichi": roc_auc_score(y, a["proba_enrichie"])}
    assert 0 < auc["modele"] - auc["rfm"] < 0.03  # « à peine plus haute »
    assert auc["enrichi"] > max(auc["modele"], auc["rfm"])
    gain = {nom: scoring.courbe_gain(y, s, parts=[0.2]).iloc[0] for nom, s in
            {"modele": a["proba_test"], "rfm": x_test["score_rfm"], "enrichi": a["proba_enrichie"]}.items()}
    assert gain["modele"]["repondants"] <= gain["rfm"]["repondants"]  # « à peine moins de répondants »
    assert gain["rfm"]["repondants"] - gain["modele"]["repondants"] < 0.1 * gain["rfm"]["repondants"]
    for nom in ("modele", "enrichi"):
        assert 0.6 <= gain[nom]["part_repondants"] <= 0.75 and gain[nom]["lift"] > 3  # « deux tiers », lift > 3


def test_faits_validation_croisee(appetence) -> None:
    x, y, riches = appetence["x"], appetence["y"], appetence["riches"]
    victoires = {"modele": 0, "enrichi": 0}
    for app, test in RepeatedStratifiedKFold(n_splits=5, n_repeats=5, random_state=0).split(x, y):
        rfm_seul = roc_auc_score(y.iloc[test], x.iloc[test]["score_rfm"])
        for nom, colonnes in (("modele", VARIABLES), ("enrichi", riches)):
            ajuste = _modele().fit(x.iloc[app][colonnes], y.iloc[app])
            victoires[nom] += roc_auc_score(y.iloc[test], ajuste.predict_proba(x.iloc[test][colonnes])[:, 1]) > rfm_seul
    assert 13 <= victoires["modele"] <= 17  # « un peu plus de la moitié des 25 découpages »
    assert victoires["enrichi"] >= 18  # « la grande majorité »


def test_faits_explorateur(donnees, appetence) -> None:
    campagne = donnees["campagnes"].loc["K12"]
    marge, taille, taux = campagne["marge_generee"] / campagne["reponses"], len(appetence["noel"]), appetence["y"].mean()
    parts = np.linspace(0, 1, 101)
    for score in (appetence["proba_test"], appetence["x_test"]["score_rfm"], appetence["proba_enrichie"]):
        gain = scoring.courbe_gain(appetence["y_test"], score, parts=parts)["part_repondants"].to_numpy()
        courrier = gain * taux * taille * marge - parts * taille * 1.10
        email = gain * taux * taille * marge - parts * taille * 0.05
        assert courrier[-1] < 0 < courrier.max()  # à 100 % le courrier perd de l'argent ; ciblé, il gagne
        assert 0.05 <= parts[courrier.argmax()] <= 0.3
        assert parts[email.argmax()] > 2 * parts[courrier.argmax()]  # par email, on écrit à bien plus de monde


def test_faits_attrition(attrition) -> None:
    a = attrition
    y, x = a["y_test"], a["x_test"]
    assert 0.45 < a["y"].mean() < 0.55  # « la moitié des clients partent »
    auc_modele = roc_auc_score(y, a["modele"].predict_proba(x[a["colonnes"]])[:, 1])
    auc_rfm, auc_recence = roc_auc_score(y, -x["score_rfm"]), roc_auc_score(y, x["recence"])
    assert auc_modele > max(auc_rfm, auc_recence)
    assert abs(auc_rfm - auc_recence) < 0.01  # « à peu près jeu égal »
    risque = a["risque"].assign(perte=a["risque"]["proba_depart"] * a["risque"]["marge_annuelle"])
    par_perte, par_proba = risque.nlargest(100, "perte"), risque.nlargest(100, "proba_depart")
    assert par_perte["perte"].sum() > 5 * par_proba["perte"].sum()  # « bien plus forte »
    assert par_proba["marge_annuelle"].mean() < risque["marge_annuelle"].median()  # « de très petites marges »


def test_faits_associations(paniers, regles, donnees) -> None:
    nombre = paniers.sum(axis=1)
    assert 0.45 < (nombre == 1).mean() < 0.55 and (nombre <= 2).mean() > 0.8
    assert (regles["lift"] < 1).sum() >= 20  # « la plupart des paires »
    vers_vegetaux = regles[regles["consequent"] == "Végétaux"]
    assert vers_vegetaux["lift"].max() < 1.1 and vers_vegetaux["confiance"].max() > 0.4
    assert paniers["Végétaux"].mean() == paniers.mean().max()  # le rayon le plus fréquenté
    ventes = donnees["transactions"][donnees["transactions"]["quantite"] > 0]
    tickets = pd.crosstab(ventes["ticket_id"], ventes["rayon"].astype(str)) > 0
    par_ticket = scoring.regles_association(tickets).set_index(["antecedent", "consequent"])["lift"]
    par_client = regles.set_index(["antecedent", "consequent"])["lift"]
    assert (par_ticket < par_client.reindex(par_ticket.index)).sum() >= 28 and (par_ticket < 1).all()  # « presque tous »
    circulation = {r: (nombre[paniers[r]] > 1).mean() for r in paniers.columns}
    assert min(circulation, key=circulation.get) == "Animalerie"
    plus_fort = regles.sort_values("lift", ascending=False).iloc[0]
    assert {plus_fort["antecedent"], plus_fort["consequent"]} == {"Mobilier d'extérieur", "Jardin et outillage"}
    assert plus_fort["support"] < 0.05
    assert t06.regle_coupon() == ("Épicerie fine", "Décoration")
    assert 100 <= len(t06.cible_coupon(*t06.regle_coupon())) < 1000  # « quelques centaines au plus »


def test_faits_typologies(donnees, typologies, paniers) -> None:
    mix = typologies["mix"]
    choix = scoring.choix_nombre_typologies(mix, valeurs_k=range(2, 10), random_state=0, echantillon=2000)
    assert int(choix["silhouette"].idxmax()) == 6
    typo = scoring.typologies(mix, k=6, random_state=0)
    profil = scoring.profil_typologies(mix, typo)
    noms = profil["rayon_dominant"].map(t06.NOMS_TYPOLOGIES)
    fiches = donnees["clients"].set_index("client_id").loc[mix.index]
    ventes = donnees["transactions"][donnees["transactions"]["quantite"] > 0].groupby("client_id")["montant_ht"].sum()
    portrait = pd.DataFrame({"nom": typo.map(noms), "jardin": fiches["a_jardin"], "animal": fiches["animal"] != "aucun",
                             "ca": ventes.reindex(mix.index), "nb": paniers.sum(axis=1).reindex(mix.index)}
                            ).groupby("nom").mean()
    assert portrait.loc["Amis des bêtes", "animal"] > 0.9
    assert portrait.loc[["Aménageurs d'extérieur", "Bricoleurs du jardin"], "jardin"].min() > 0.85
    assert portrait["jardin"].idxmin() == "Décorateurs"
    assert portrait["ca"].idxmax() == "Aménageurs d'extérieur" and portrait["nb"].idxmax() == "Aménageurs d'extérieur"
    assert portrait["ca"].idxmin() == "Amoureux du végétal"
    prix = charger("produits").groupby("rayon", observed=True)["prix_vente_ht"].median()
    assert prix.idxmax() == "Mobilier d'extérieur"  # « le mobilier coûte cher »
    assert noms.loc[profil["effectif"].idxmax()] == "Amoureux du végétal"
    assert noms.loc[profil["effectif"].idxmin()] == "Aménageurs d'extérieur"  # « les moins nombreux »
