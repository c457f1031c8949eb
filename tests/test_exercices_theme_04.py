"""Les exercices du thème 04 (valeur client) : bonne réponse acceptée, ``...`` en attente, erreurs typiques refusées.

Les réponses justes sont recalculées ici comme le ferait un élève (pandas, ensembles), sans passer
par les fonctions du juge : un juge faux ne peut donc pas se valider lui-même. Les derniers tests
vérifient les faits que les réponses modèles du carnet affirment sur nos données.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from grc import rfm, valeur
from grc.donnees import charger
from grc.exercices._themes import theme_04 as t04

TAUX = 0.10


@pytest.fixture(scope="module")
def donnees():
    clients = charger("clients")
    transactions = charger("transactions")
    annee = transactions["date"].dt.year
    actifs = {a: set(transactions.loc[annee == a, "client_id"]) for a in (2022, 2023, 2024)}
    t2024 = transactions[annee == 2024]
    r = len(actifs[2023] & actifs[2024]) / len(actifs[2023])
    m = t2024["marge_ht"].sum() / t2024["client_id"].nunique()
    return {"clients": clients, "transactions": transactions, "actifs": actifs, "t2024": t2024, "r": r, "m": m}


# --- 1. CA potentiel ------------------------------------------------------------------------------


def test_ca_potentiel(donnees, accepte, refuse, vide):
    t = donnees["t2024"]
    frequence = t["ticket_id"].nunique() / t["client_id"].nunique()
    panier = t["montant_ht"].sum() / t["ticket_id"].nunique()
    juste = frequence * panier * 3
    accepte("04_ca_potentiel", juste)
    vide("04_ca_potentiel")
    assert "durée" in refuse("04_ca_potentiel", juste / 3, juste)
    tous = t["ticket_id"].nunique() / len(donnees["clients"]) * panier * 3
    assert "actifs" in refuse("04_ca_potentiel", tous, juste)
    par_ligne = len(t) / t["client_id"].nunique() * panier * 3  # lignes au lieu de tickets pour la fréquence
    refuse("04_ca_potentiel", par_ligne, juste)


# --- 2 et 3. Rétention et durée de vie -------------------------------------------------------------


def test_taux_retention(donnees, accepte, refuse, vide):
    r = donnees["r"]
    accepte("04_taux_retention", r)
    vide("04_taux_retention")
    assert "attrition" in refuse("04_taux_retention", 1 - r, r)
    assert "pourcentage" in refuse("04_taux_retention", 100 * r, r)
    a = donnees["actifs"]
    assert "2023" in refuse("04_taux_retention", len(a[2023] & a[2024]) / len(a[2024]), r)


def test_duree_de_vie(donnees, accepte, refuse, vide):
    r = donnees["r"]
    juste = 1 / (1 - r)
    accepte("04_duree_de_vie", juste)
    accepte("04_duree_de_vie", round(juste, 2))
    vide("04_duree_de_vie")
    assert "1 − r" in refuse("04_duree_de_vie", 1 / r, juste)
    refuse("04_duree_de_vie", r / (1 - r), juste)


def test_retention_nouveaux(donnees, accepte, refuse, vide):
    clients, a = donnees["clients"], donnees["actifs"]
    inscrits = set(clients.loc[clients["date_inscription"].dt.year == 2023, "client_id"])
    recrues = inscrits & a[2023]
    juste = len(recrues & a[2024]) / len(recrues)
    accepte("04_retention_nouveaux", juste)
    vide("04_retention_nouveaux")
    assert "acheté" in refuse("04_retention_nouveaux", len(inscrits & a[2024]) / len(inscrits), juste)
    assert "toute la base" in refuse("04_retention_nouveaux", donnees["r"], juste)


# --- 5 et 6. CLV ----------------------------------------------------------------------------------


def test_clv_simple(donnees, accepte, refuse, vide):
    m, r = donnees["m"], donnees["r"]
    juste = m / (1 - r)
    accepte("04_clv_simple", juste)
    vide("04_clv_simple")
    t = donnees["t2024"]
    ca = t["montant_ht"].sum() / t["client_id"].nunique() / (1 - r)
    assert "MARGE" in refuse("04_clv_simple", ca, juste)
    refuse("04_clv_simple", m * r / (1 - r), juste)  # la convention « fin de période » sans actualisation


def test_clv_actualisee(donnees, accepte, refuse, vide):
    m, r = donnees["m"], donnees["r"]
    t = np.arange(1, 6)
    juste = float((m * r**t / 1.1**t).sum())
    accepte("04_clv_actualisee", juste)
    vide("04_clv_actualisee")
    assert "année 0" in refuse("04_clv_actualisee", juste + m, juste)
    t0 = np.arange(0, 5)
    assert "fin d'année 1" in refuse("04_clv_actualisee", float((m * r**t0 / 1.1**t0).sum()), juste)
    assert "illimité" in refuse("04_clv_actualisee", m * r / (1.1 - r), juste)
    assert "actualisé" in refuse("04_clv_actualisee", float((m * r**t).sum()), juste)


# --- 7. CLV par canal -----------------------------------------------------------------------------


def _par_canal_eleve(donnees) -> pd.DataFrame:
    clients, a = donnees["clients"], donnees["actifs"]
    marge = donnees["t2024"].groupby("client_id")["marge_ht"].sum()
    base = clients.assign(actif_2023=clients["client_id"].isin(a[2023]), actif_2024=clients["client_id"].isin(a[2024]),
                          marge_2024=clients["client_id"].map(marge).fillna(0.0))
    canal = "canal_acquisition"
    table = pd.DataFrame({
        "cac": base.groupby(canal, observed=True)["cout_acquisition"].mean(),
        "retention": base[base["actif_2023"]].groupby(canal, observed=True)["actif_2024"].mean(),
        "marge_annuelle": base[base["actif_2024"]].groupby(canal, observed=True)["marge_2024"].mean(),
    })
    table["clv"] = table["marge_annuelle"] * table["retention"] / (1 + TAUX - table["retention"])
    table["clv_nette"] = table["clv"] - table["cac"]
    return table


def test_clv_par_canal(donnees, accepte, refuse, vide):
    juste = _par_canal_eleve(donnees)
    accepte("04_clv_par_canal", juste)
    accepte("04_clv_par_canal", juste.sort_values("clv").assign(autre=1))  # ordre et colonnes en plus : sans effet
    vide("04_clv_par_canal")
    acheteurs = charger("clients")
    acheteurs = acheteurs[acheteurs["client_id"].isin(donnees["actifs"][2024])]
    faux_cac = juste.assign(cac=acheteurs.groupby("canal_acquisition", observed=True)["cout_acquisition"].mean() + 0.5)
    assert "TOUS" in refuse("04_clv_par_canal", faux_cac)
    faux_r = juste.assign(retention=juste["retention"] * 0.9)
    assert "retention" in refuse("04_clv_par_canal", faux_r)
    sans_clv_nette = juste.drop(columns="clv_nette")
    assert "clv_nette" in refuse("04_clv_par_canal", sans_clv_nette)
    refuse("04_clv_par_canal", juste.assign(clv=juste["clv"] + juste["marge_annuelle"]))  # autre convention
    refuse("04_clv_par_canal", juste.iloc[:3])


# --- 8. Décomposition de la valeur ----------------------------------------------------------------


def test_part_fidelisation(donnees, accepte, refuse, vide):
    clients = donnees["clients"]
    inscrits = clients.loc[clients["date_inscription"].dt.year == 2022, "client_id"]
    v = valeur.valeur_client(donnees["transactions"])
    v = v[v.index.isin(inscrits)]
    juste = v["valeur_fidelisation"].sum() / v["marge_totale"].sum()
    accepte("04_part_fidelisation", juste)
    vide("04_part_fidelisation")
    assert "acquisition" in refuse("04_part_fidelisation", v["valeur_acquisition"].sum() / v["marge_totale"].sum(), juste)
    assert "croissance" in refuse("04_part_fidelisation", v["valeur_croissance"].sum() / v["marge_totale"].sum(), juste)
    tous = valeur.valeur_client(donnees["transactions"])
    refuse("04_part_fidelisation", tous["valeur_fidelisation"].sum() / tous["marge_totale"].sum(), juste)


# --- 9 et 10. Budget de fidélisation par segment -------------------------------------------------


def _calibrage_eleve(donnees) -> pd.DataFrame:
    t = donnees["transactions"]
    avant = t[t["date"] < "2024-01-01"]
    s23 = rfm.tableau_rfm(avant, date_reference="2024-01-01", ticket="ticket_id").pipe(rfm.scores_rfm).pipe(rfm.segments_rfm)
    marge = donnees["t2024"].groupby("client_id")["marge_ht"].sum()
    s23["actif_2024"] = s23.index.isin(donnees["actifs"][2024])
    s23["marge_2024"] = marge.reindex(s23.index).fillna(0.0)
    s25 = rfm.tableau_rfm(t, date_reference="2025-01-01", ticket="ticket_id").pipe(rfm.scores_rfm).pipe(rfm.segments_rfm)
    groupes = s23.groupby("segment", observed=True)
    c = pd.DataFrame({"effectif_2023": groupes.size(), "retention": groupes["actif_2024"].mean(),
                      "marge": s23[s23["actif_2024"]].groupby("segment", observed=True)["marge_2024"].mean()})
    c["effectif_2025"] = s25["segment"].value_counts()
    r2 = 1 - 0.8 * (1 - c["retention"])
    c["gain_par_client"] = c["marge"] * (r2 / (1 + TAUX - r2) - c["retention"] / (1 + TAUX - c["retention"]))
    c["gain_total"] = c["gain_par_client"] * c["effectif_2025"]
    return c


def test_gain_fidelisation(donnees, accepte, refuse, vide):
    c = _calibrage_eleve(donnees)
    accepte("04_gain_fidelisation", c["gain_total"])
    accepte("04_gain_fidelisation", c["gain_total"].sort_values())
    vide("04_gain_fidelisation")
    assert "par client" in refuse("04_gain_fidelisation", c["gain_par_client"])
    assert "2023" in refuse("04_gain_fidelisation", c["gain_par_client"] * c["effectif_2023"])
    r5 = (c["retention"] + 0.05).clip(upper=0.99)  # « + 5 points » au lieu de 20 % des départs évités
    plus5 = c["marge"] * (r5 / (1 + TAUX - r5) - c["retention"] / (1 + TAUX - c["retention"])) * c["effectif_2025"]
    refuse("04_gain_fidelisation", plus5)
    refuse("04_gain_fidelisation", c["gain_total"].iloc[:-1])


def test_segment_fidelisation(donnees, accepte, refuse, vide):
    c = _calibrage_eleve(donnees)
    meilleur = c["gain_total"].idxmax()
    budget = float(c.loc[meilleur, "gain_par_client"])
    accepte("04_segment_fidelisation", {"segment": meilleur, "budget_par_client": budget})
    accepte("04_segment_fidelisation", {"segment": str(meilleur).upper(), "budget_par_client": round(budget, 2)})
    vide("04_segment_fidelisation")
    autre = c["gain_total"].drop(meilleur).idxmax()
    assert "deuxième segment" in refuse("04_segment_fidelisation", {"segment": autre, "budget_par_client": budget}, budget)
    assert "reconquête" in refuse("04_segment_fidelisation", {"segment": "Inactifs", "budget_par_client": budget}, budget)
    message = refuse("04_segment_fidelisation",
                      {"segment": meilleur, "budget_par_client": float(c.loc[meilleur, "gain_total"])}, budget)
    assert "Budget" in message and "par client" in message
    assert "Clé" in refuse("04_segment_fidelisation", {"segment": meilleur})
    assert "dictionnaire" in refuse("04_segment_fidelisation", meilleur)


# --- Les faits affirmés par les réponses modèles du carnet ---------------------------------------


def test_faits_de_la_reponse_sur_les_cohortes(donnees):
    cohortes = valeur.retention_par_cohorte(donnees["transactions"], periode="Q").iloc[:, 1:]
    premiere, suivantes = cohortes.iloc[0], cohortes.iloc[1:]
    for age in cohortes.columns[:-1]:
        autres = suivantes[age].dropna()
        assert premiere[age] >= autres.max(), f"2022 T1 n'est pas la plus fidèle à l'âge {age}"
    assert premiere.mean() > suivantes.stack().mean() + 0.1, "2022 T1 ne se détache pas « de loin »"
    assert (cohortes.diff(axis=1) > 0).any().any(), "aucune cohorte ne remonte d'un trimestre à l'autre"
    clients = donnees["clients"]
    assert clients["date_inscription"].min().year == 2016
    assert donnees["transactions"]["date"].min() == pd.Timestamp("2022-01-01")


def test_faits_de_la_reponse_sur_les_recrues(donnees):
    clients, a = donnees["clients"], donnees["actifs"]
    recrues_2022 = set(clients.loc[clients["date_inscription"].dt.year == 2022, "client_id"]) & a[2022]
    assert len(recrues_2022 & a[2023]) / len(recrues_2022) < donnees["r"] - 0.05
    assert t04.retention_nouveaux() < donnees["r"] - 0.05, "les recrues ne restent pas nettement moins"


def test_faits_du_texte_sur_la_decomposition(donnees):
    v = valeur.valeur_client(donnees["transactions"])
    inscription = donnees["clients"].set_index("client_id")["date_inscription"].dt.year
    moyennes = v.join(inscription.rename("inscription")).groupby("inscription")[
        ["valeur_fidelisation", "valeur_croissance"]].mean()
    assert moyennes.loc[2022, "valeur_fidelisation"] > moyennes.loc[2023, "valeur_fidelisation"] > 0
    assert moyennes.loc[2022, "valeur_croissance"] > moyennes.loc[2023, "valeur_croissance"]
    assert moyennes.loc[2024].abs().max() < 1e-9, "une recrue de 2024 n'a que sa valeur d'acquisition"


def test_faits_de_la_reponse_sur_les_canaux():
    c = t04.table_canaux()
    c["ratio"] = c["clv"] / c["cac"]
    assert (c["clv_nette"] > 0).all()
    assert c["ratio"].idxmax() == "magasin"
    assert c["cac"].idxmax() == c["retention"].idxmax() == c["clv"].idxmax() == "salon"
    assert abs(c.loc["salon", "clv_nette"] - c.loc["magasin", "clv_nette"]) < 0.1 * c.loc["magasin", "clv_nette"]
    assert set(c["clv_nette"].nsmallest(2).index) == {"site web", "réseaux sociaux"}

    def delai(canal):
        ligne = c.loc[canal]
        return next(h for h in range(1, 51) if valeur.clv(ligne["marge_annuelle"], ligne["retention"], TAUX, horizon=h) >= ligne["cac"])

    assert delai("salon") > delai("magasin")


def test_faits_de_la_reponse_sur_les_segments():
    g = t04.gains_fidelisation().join(t04.calibrage_segments())
    classement = list(g["gain_total"].sort_values(ascending=False).index)
    assert classement[:2] == ["Très bons clients", "Bons clients"]
    assert g["marge"].idxmax() == g["retention"].idxmax() == "Très bons clients"
    assert g["gain_par_client"].idxmin() == "Inactifs"
    clv = valeur.clv(g["marge"], g["retention"], TAUX)
    assert clv.idxmin() == "Inactifs"
    assert g["retention"].idxmin() == "Inactifs"


# --- Les décisions chiffrées du parcours BTS -------------------------------------------------------


def _clv(m, r, i=0.10):
    return m * r / (1 + i - r)


def test_budget_cliente(accepte, refuse, vide):
    marge = 800 * 0.40
    juste = _clv(marge, 0.85) - _clv(marge, 0.75)
    accepte("04_budget_cliente", juste)
    accepte("04_budget_cliente", round(juste, 2))
    vide("04_budget_cliente")
    assert "AVEC l'action" in refuse("04_budget_cliente", _clv(marge, 0.85))
    assert "MARGE" in refuse("04_budget_cliente", _clv(800, 0.85) - _clv(800, 0.75))
    assert "actualisé" in refuse("04_budget_cliente", marge / 0.15 - marge / 0.25)
    assert "taux de marque" in refuse("04_budget_cliente", _clv(800 * 0.4 / 1.4, 0.85) - _clv(800 * 0.4 / 1.4, 0.75))


def test_canal_conquete(donnees, accepte, refuse, vide):
    base = donnees["clients"]
    cac = base.groupby("canal_acquisition", observed=True)["cout_acquisition"].mean()
    assert cac.idxmin() == "magasin", "la leçon suppose que le magasin recrute le moins cher"
    message = accepte("04_canal_conquete", "parrainage")
    assert "170" in message, message
    vide("04_canal_conquete")
    assert "fréquentation" in refuse("04_canal_conquete", "magasin")
    assert "plus fidèles" in refuse("04_canal_conquete", "salon")
    for autre in ("site web", "réseaux sociaux"):
        assert "valeur créée" in refuse("04_canal_conquete", autre)
    assert "choix possibles" in refuse("04_canal_conquete", "télévision")
