"""Les exercices du thème 11 (CDNOW) : bonne réponse acceptée, ``...`` en attente, erreurs typiques refusées.

Les bonnes réponses sont recalculées ici comme le ferait un élève (pandas, SQL), sans passer par
les fonctions du juge. Les derniers tests vérifient les faits que les réponses modèles du carnet
et la leçon affirment sur CDNOW.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("lifetimes")

from grc import predictif as pr  # noqa: E402
from grc import rfm  # noqa: E402
from grc.base_marketing import construire_base, interroger  # noqa: E402
from grc.cdnow import PUBLIES, charger_cdnow  # noqa: E402
from grc.validation import LignesExclues  # noqa: E402

CAL, FIN = "1997-09-30", "1998-06-30"


@pytest.fixture(scope="module")
def d():
    achats = charger_cdnow()
    par_client = achats.groupby("client_id").agg(jours=("date", "nunique"), lignes=("date", "size"), ca=("montant", "sum"))
    cal = pr.decouper_calibration_controle(achats, CAL, fin_controle=FIN, montant="montant")
    bgnbd = pr.ajuster_bgnbd(cal)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LignesExclues)
        gg = pr.ajuster_gamma_gamma(cal)
    return {"achats": achats, "par_client": par_client, "cal": cal, "bgnbd": bgnbd, "gg": gg}


def _top20(valeurs: pd.Series) -> float:
    k = math.ceil(0.2 * len(valeurs))
    return float(valeurs.sort_values(ascending=False).head(k).sum() / valeurs.sum())


# --- 1. acheteurs d'un seul jour --------------------------------------------------------------


def test_acheteurs_uniques(d, accepte, refuse, vide):
    pc = d["par_client"]
    juste = (pc["jours"] == 1).mean()
    accepte("11_acheteurs_uniques", juste)
    vide("11_acheteurs_uniques")
    assert "lignes" in refuse("11_acheteurs_uniques", (pc["lignes"] == 1).mean(), juste)
    assert "jamais revenus" in refuse("11_acheteurs_uniques", 1 - juste, juste)
    assert "pourcentage" in refuse("11_acheteurs_uniques", 100 * juste, juste)


# --- 2. Pareto --------------------------------------------------------------------------------


def test_part_ca_top20(d, accepte, refuse, vide):
    ca = d["par_client"]["ca"]
    juste = _top20(ca)
    accepte("11_part_ca_top20", juste)
    vide("11_part_ca_top20")
    cumul = ca.sort_values(ascending=False).cumsum() / ca.sum()
    part_clients_80 = (np.searchsorted(cumul.to_numpy(), 0.80) + 1) / len(ca)
    assert "80 %" in refuse("11_part_ca_top20", part_clients_80, juste)
    assert "triez" in refuse("11_part_ca_top20", 1 - juste, juste)


# --- 3. le segment vide -----------------------------------------------------------------------


def test_segment_vide(accepte, refuse, vide):
    accepte("11_segment_vide", "Nouveaux clients")
    accepte("11_segment_vide", "nouveaux CLIENTS")
    vide("11_segment_vide")
    refuse("11_segment_vide", "Inactifs")
    refuse("11_segment_vide", "Clients fantômes")


# --- 4. résumé d'un client --------------------------------------------------------------------


def test_resume_client(d, accepte, refuse, vide):
    achats = d["achats"]
    a_lui = achats[(achats["client_id"] == "00040") & (achats["date"] <= CAL)]
    jours = a_lui["date"].drop_duplicates()
    juste = {
        "frequence": len(jours) - 1,
        "recence": (jours.max() - jours.min()).days / 7,
        "anciennete": (pd.Timestamp(CAL) - jours.min()).days / 7,
    }
    assert len(a_lui) > len(jours)  # ce client a deux lignes le même jour : c'est le piège de l'exercice
    accepte("11_resume_client", juste)
    accepte("11_resume_client", pd.Series(juste))
    vide("11_resume_client")
    assert "lignes" in refuse("11_resume_client", {**juste, "frequence": len(a_lui) - 1})
    assert "RÉPÉTÉS" in refuse("11_resume_client", {**juste, "frequence": len(jours)})
    assert "semaines" in refuse("11_resume_client", {**juste, "recence": juste["recence"] * 7})
    fin = (pd.Timestamp(FIN) - jours.min()).days / 7
    assert "30/09/1997" in refuse("11_resume_client", {**juste, "anciennete": fin})
    rfm_recence = juste["anciennete"] - juste["recence"]
    assert "RFM" in refuse("11_resume_client", {**juste, "recence": rfm_recence})
    assert "Clé" in refuse("11_resume_client", {"frequence": 3})
    assert "dictionnaire" in refuse("11_resume_client", (3, 32.9, 35.0))


# --- 5. paramètres du BG/NBD ------------------------------------------------------------------


def test_parametres_bgnbd(d, accepte, refuse, vide):
    lifetimes = pytest.importorskip("lifetimes")
    cal = d["cal"]
    modele = lifetimes.BetaGeoFitter().fit(cal["frequence"], cal["recence"], cal["anciennete"])
    juste = modele.params_[["r", "alpha", "a", "b"]]
    accepte("11_parametres_bgnbd", juste)
    accepte("11_parametres_bgnbd", juste.to_dict())
    vide("11_parametres_bgnbd")
    assert "2 357" in refuse("11_parametres_bgnbd", PUBLIES["bgnbd"])
    complet = pr.resume_modele(d["achats"], date_reference=FIN, montant="montant")
    sur_tout = lifetimes.BetaGeoFitter().fit(complet["frequence"], complet["recence"], complet["anciennete"]).params_
    assert "78 semaines" in refuse("11_parametres_bgnbd", sur_tout[["r", "alpha", "a", "b"]])
    assert "Clé" in refuse("11_parametres_bgnbd", {"r": 0.25, "alpha": 4.8})
    assert "alpha" in refuse("11_parametres_bgnbd", {**juste.to_dict(), "alpha": juste["alpha"] * 1.1})


# --- 6. probablement partis -------------------------------------------------------------------


def test_part_probablement_partis(d, accepte, refuse, vide):
    cal, modele = d["cal"], d["bgnbd"]
    p = modele.conditional_probability_alive(cal["frequence"], cal["recence"], cal["anciennete"])
    p = pd.Series(np.asarray(p), index=cal.index)
    juste = (p[cal["frequence"] > 0] < 0.5).mean()
    accepte("11_part_probablement_partis", juste)
    vide("11_part_probablement_partis")
    assert "au moins un achat répété" in refuse("11_part_probablement_partis", (p < 0.5).mean(), juste)
    assert "autres" in refuse("11_part_probablement_partis", 1 - juste, juste)


# --- 7. écart sur le contrôle -----------------------------------------------------------------


def test_ecart_controle(d, accepte, refuse, vide):
    cal, modele = d["cal"], d["bgnbd"]
    prevu = modele.conditional_expected_number_of_purchases_up_to_time(39, cal["frequence"], cal["recence"], cal["anciennete"]).sum()
    reel = cal["achats_controle"].sum()
    juste = (prevu - reel) / reel
    accepte("11_ecart_controle", juste)
    vide("11_ecart_controle")
    assert "signe" in refuse("11_ecart_controle", (reel - prevu) / reel, juste)
    assert "réel" in refuse("11_ecart_controle", (prevu - reel) / prevu, juste)
    prevu_52 = modele.conditional_expected_number_of_purchases_up_to_time(52, cal["frequence"], cal["recence"], cal["anciennete"]).sum()
    assert "39 semaines" in refuse("11_ecart_controle", (prevu_52 - reel) / reel, juste)


# --- 8. panier d'un client à un achat répété --------------------------------------------------


def test_panier_un_achat(d, accepte, refuse, vide):
    p = pr.parametres(d["gg"])
    base = p["p"] * p["gamma"] / (p["q"] - 1)
    poids = p["p"] * 1 / (p["p"] * 1 + p["q"] - 1)
    juste = (1 - poids) * base + poids * 200
    accepte("11_panier_un_achat", juste)
    vide("11_panier_un_achat")
    assert "son propre panier" in refuse("11_panier_un_achat", 200.0, juste)
    assert "dont on ne sait rien" in refuse("11_panier_un_achat", base, juste)


# --- 9. concentration de la CLV attendue ------------------------------------------------------


def test_part_clv_top20(d, accepte, refuse, vide):
    complet = pr.resume_modele(d["achats"], date_reference=FIN, montant="montant")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LignesExclues)
        gg = pr.ajuster_gamma_gamma(complet)
    clv = pr.clv_attendue(pr.ajuster_bgnbd(complet), gg, complet, horizon=52, taux_marque=0.3, taux_actualisation=0.10)
    juste = _top20(clv)
    accepte("11_part_clv_top20", juste)
    vide("11_part_clv_top20")
    assert "PASSÉ" in refuse("11_part_clv_top20", _top20(d["par_client"]["ca"]), juste)
    assert "triez" in refuse("11_part_clv_top20", 1 - juste, juste)


# --- 10. le RFM en SQL ------------------------------------------------------------------------


REQUETE_ELEVE = """
SELECT client_id,
       CAST(julianday('1998-07-01') - julianday(MAX(date)) AS INTEGER) AS recence,
       COUNT(*) AS frequence,
       SUM(montant) AS montant
FROM achats
GROUP BY client_id
"""


def test_rfm_sql(d, tmp_path, accepte, refuse, vide):
    base = construire_base({"achats": d["achats"]}, tmp_path / "cdnow.sqlite")
    juste = interroger(base, REQUETE_ELEVE)
    accepte("11_rfm_sql", juste)
    accepte("11_rfm_sql", juste.set_index("client_id"))
    vide("11_rfm_sql")
    decalee = interroger(base, REQUETE_ELEVE.replace("1998-07-01", "1998-06-30"))
    assert "décalées" in refuse("11_rfm_sql", decalee)
    par_jour = interroger(base, REQUETE_ELEVE.replace("COUNT(*)", "COUNT(DISTINCT date)"))
    assert "frequence" in refuse("11_rfm_sql", par_jour)
    refuse("11_rfm_sql", juste.head(100))


# --- Les faits que le carnet et la leçon affirment sur CDNOW --------------------------------


def test_fait_la_regle_de_pareto_ne_tient_qu_en_partie(d):
    """Leçon et réponse modèle : les 20 % meilleurs font nettement moins de 80 % du CA, mais plus des deux tiers."""
    part = _top20(d["par_client"]["ca"])
    assert 0.65 < part < 0.75


def test_fait_la_moitie_des_clients_n_est_jamais_revenue(d):
    assert 0.45 < (d["par_client"]["jours"] == 1).mean() < 0.55


def test_fait_nouveaux_clients_vide_parce_que_tous_recrutes_au_premier_trimestre_1997(d):
    segments = rfm.segments_rfm(rfm.scores_rfm(rfm.tableau_rfm(d["achats"], date_reference="1998-07-01", montant="montant")))
    assert (segments["segment"] == "Nouveaux clients").sum() == 0
    unique = segments[segments["frequence"] == 1]
    assert unique["recence"].min() > 365  # un acheteur d'une seule ligne n'est jamais récent


def test_fait_le_modele_sous_estime_le_controle(d):
    """Réponse modèle : le BG/NBD sous-estime les achats répétés du contrôle, surtout chez les clients à un achat répété."""
    cal = d["cal"]
    prevu = pr.achats_attendus(d["bgnbd"], cal, horizon=39)
    assert prevu.sum() < cal["achats_controle"].sum()
    un = cal["frequence"] == 1
    assert prevu[un].mean() < cal.loc[un, "achats_controle"].mean()


def test_fait_les_silencieux_rachetent_et_le_modele_le_prevoit(d):
    """Comparaison avec le thème 04 : des clients muets depuis six mois rachètent, le BG/NBD leur prévoit des achats."""
    cal, achats = d["cal"], d["achats"]
    dernier = achats[achats["date"] <= CAL].groupby("client_id")["date"].max()
    muets = dernier.reindex(cal.index) < pd.Timestamp("1997-04-01")
    prevu = pr.achats_attendus(d["bgnbd"], cal, horizon=39)
    assert 0.10 < (cal.loc[muets, "achats_controle"] > 0).mean() < 0.25
    assert cal.loc[muets, "achats_controle"].sum() / cal["achats_controle"].sum() > 0.15
    assert prevu[muets].sum() > 0.6 * cal.loc[muets, "achats_controle"].sum()


def test_fait_gamma_gamma_frequence_et_panier_peu_correles(d):
    repetes = d["cal"][d["cal"]["frequence"] > 0]
    assert abs(repetes["frequence"].corr(repetes["montant_moyen"])) < 0.2


def test_fait_un_tiers_des_clients_pour_80_pour_cent_du_ca(d):
    from grc.abc import classer_abc

    classes = classer_abc(d["par_client"]["ca"])
    assert 0.28 < (classes == "A").mean() < 0.38


def test_fait_les_cohortes_chutent_des_le_premier_mois(d):
    from grc.valeur import retention_par_cohorte

    cohortes = retention_par_cohorte(d["achats"], periode="M")
    assert len(cohortes) == 3
    assert (cohortes[1] < 0.2).all() and (cohortes[12] > 0.03).all()


def test_fait_noel_depasse_la_prevision(d):
    suivi = pr.suivi_achats_repetes(d["bgnbd"], d["achats"], "1997-01-01", FIN)
    novembre_decembre = suivi.loc[45:50]
    assert novembre_decembre["reel"].sum() > 1.15 * novembre_decembre["prevu"].sum()


@pytest.fixture(scope="module")
def deux_clv(d):
    """Les deux CLV du carnet, sur 52 semaines : simple (thème 04, semestres) et attendue (modèles sur 78 semaines)."""
    achats = d["achats"]
    complet = pr.resume_modele(achats, date_reference=FIN, montant="montant")
    bgnbd = pr.ajuster_bgnbd(complet)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LignesExclues)
        gg = pr.ajuster_gamma_gamma(complet)
    s2 = set(achats.loc[achats["date"].between("1997-07-01", "1997-12-31"), "client_id"])
    s3 = set(achats.loc[achats["date"] >= "1998-01-01", "client_id"])
    r = len(s2 & s3) / len(s2)
    marge = 0.3 * achats[achats["date"] >= "1998-01-01"].groupby("client_id")["montant"].sum().reindex(complet.index, fill_value=0)
    i = 1.1**0.5 - 1
    return pd.DataFrame({
        "simple": marge * (r / (1 + i) + r**2 / (1 + i) ** 2),
        "attendue": pr.clv_attendue(bgnbd, gg, complet, horizon=52, taux_marque=0.3, taux_actualisation=0.10),
        "proba": pr.probabilite_vivant(bgnbd, complet),
        "frequence": complet["frequence"],
    })


def test_fait_les_deux_clv_se_ressemblent_mais_divergent(deux_clv, d):
    v = deux_clv
    assert v["simple"].corr(v["attendue"], method="spearman") > 0.5
    nulles = v["simple"] == 0
    assert nulles.mean() > 0.75  # « plus des trois quarts »
    assert 0.1 < v.loc[nulles, "attendue"].sum() / v["attendue"].sum() < 0.4  # « une part non négligeable »
    assert _top20(v["attendue"]) > _top20(d["par_client"]["ca"])  # la valeur future est plus concentrée


def test_fait_qui_est_valorise_differemment(deux_clv):
    v = deux_clv[deux_clv["simple"] > 0]
    rapport = v["attendue"] / v["simple"]
    plus_haut_en_simple = v.loc[rapport.nsmallest(4).index]
    plus_haut_en_attendue = v.loc[rapport.nlargest(4).index]
    assert (plus_haut_en_simple["proba"] < 0.2).all() and (plus_haut_en_simple["frequence"] >= 10).all()
    assert (plus_haut_en_attendue["proba"] > 0.8).all()
