"""grc.relationnel : la matrice et sa grille, la simulation promotion / programme, la typologie de la
fidélité et l'économie d'un programme à points, contrôlées sur des exemples calculés à la main."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grc import relationnel as rel
from grc import rfm
from grc.validation import ErreurDonnees, LignesExclues

# --- Les tables du cours --------------------------------------------------------------------------


def test_la_matrice_range_les_moyens_du_cours_sous_leur_objectif() -> None:
    m = rel.MATRICE_RELATIONNELLE
    assert tuple(pd.unique(m["objectif"])) == rel.OBJECTIFS
    assert m["moyen"].is_unique
    place = dict(zip(m["moyen"], m["objectif"], strict=True))
    assert place["bases de données"] == "les connaître"
    assert {place[x] for x in ("magazine client", "courrier personnalisé", "site web", "email")} == {"leur parler"}
    assert {place[x] for x in ("enquêtes de satisfaction", "service client", "centre d'appels")} == {"les écouter"}
    assert {place[x] for x in ("carte de fidélité", "points de fidélité")} == {"les récompenser"}
    assert {place[x] for x in ("club de clients", "parrainage", "sponsoring", "forum")} == {"les associer"}
    assert m[["role", "exemple"]].map(lambda texte: len(texte) > 10).all().all()


def test_les_tables_publiques_sont_completes() -> None:
    assert list(rel.TYPES_PROGRAMMES.index) == ["points privatif", "points multi-enseignes", "cash back",
                                                "remise permanente", "services et avantages", "informationnel"]
    assert (rel.TYPES_PROGRAMMES.map(len) > 10).all().all()
    assert list(rel.MASSE_ET_ONE_TO_ONE.index) == ["client", "principes d'action", "communication", "produit"]
    assert set(rel.TYPES_FIDELITE["type"]) == {"fidélité vraie", "inertie", "fidélité latente", "pas de fidélité"}


# --- La grille d'un segment -----------------------------------------------------------------------


def _grille_juste(segment: str = "Bons clients") -> pd.DataFrame:
    grille = rel.grille_relationnelle(segment)
    grille["moyens"] = [["bases de données"], ["email", "site web"], ["enquêtes de satisfaction"],
                        ["points de fidélité"], ["parrainage"]]
    grille["action"] = ["fiche jardin", "conseils de saison", "questionnaire", "bons d'achat", "parrainer un voisin"]
    return grille


def test_la_grille_vierge_a_les_cinq_objectifs_et_rien_dedans() -> None:
    grille = rel.grille_relationnelle("Très bons clients")
    assert list(grille.index) == list(rel.OBJECTIFS)
    assert grille["moyens"].map(len).eq(0).all()
    assert (grille["segment"] == "Très bons clients").all()
    assert len(rel.erreurs_grille(grille)) == 10  # ni moyen ni action pour chaque objectif


def test_une_grille_juste_n_a_pas_d_erreur_meme_sans_accents_ni_listes() -> None:
    assert rel.erreurs_grille(_grille_juste()) == []
    grille = _grille_juste()
    grille["moyens"] = ["Bases de donnees", "EMAIL, site web", "enquetes de satisfaction", "points de fidelite",
                        "forum"]
    grille.index = ["Les connaitre", "leur parler", "les ecouter", "les recompenser", "les associer"]
    assert rel.erreurs_grille(grille) == []


def test_un_moyen_mal_place_est_signale_sans_donner_sa_place() -> None:
    grille = _grille_juste()
    grille.at["les connaître", "moyens"] = ["bases de données", "carte de fidélité"]
    erreurs = rel.erreurs_grille(grille)
    assert erreurs == ["« carte de fidélité » est placé sous « les connaître », mais ce n'est pas un moyen de cet objectif."]
    assert "récompenser" not in erreurs[0]


def test_la_grille_signale_moyen_inconnu_objectif_vide_action_absente_et_segment() -> None:
    grille = _grille_juste()
    grille.at["les associer", "moyens"] = ["tiktok"]
    grille.at["les écouter", "moyens"] = []
    grille.at["leur parler", "action"] = "  "
    grille["segment"] = ""
    erreurs = rel.erreurs_grille(grille)
    assert any("tiktok" in e for e in erreurs)
    assert any("Aucun moyen pour « les écouter »" in e for e in erreurs)
    assert any("action prévue pour « leur parler »" in e for e in erreurs)
    assert any("segment" in e for e in erreurs)


def test_une_grille_mal_formee_recoit_un_message_et_pas_une_exception() -> None:
    assert "DataFrame" in rel.erreurs_grille({"les connaître": ["bases de données"]})[0]
    assert "'action'" in rel.erreurs_grille(_grille_juste().drop(columns="action"))[0]
    assert "les associer" in rel.erreurs_grille(_grille_juste().drop(index="les associer"))[0]
    with pytest.raises(ErreurDonnees, match="segment"):
        rel.grille_relationnelle("  ")


# --- Promotion et programme -----------------------------------------------------------------------


def test_la_promotion_fait_un_pic_puis_un_creux_et_le_programme_s_installe() -> None:
    sim = rel.simuler_promotion_programme(semaines=30, ventes_base=200.0, debut=5, hausse_promotion=0.5,
                                          duree_promotion=2, creux_promotion=0.1, duree_creux=3,
                                          hausse_programme=0.2, delai_programme=5.0)
    ventes = sim.pivot(index="semaine", columns="scenario", values="ventes")
    assert (ventes["sans action"] == 200).all()
    assert (ventes.loc[:4] == 200).all().all()  # rien ne change avant le début
    assert ventes.loc[5:6, "promotion"].tolist() == [300.0, 300.0]
    assert ventes.loc[7:9, "promotion"].tolist() == pytest.approx([180.0, 180.0, 180.0])
    assert (ventes.loc[10:, "promotion"] == 200).all()
    # supplément net de la promotion : 2 × 100 − 3 × 20 = 140
    cumul = sim.pivot(index="semaine", columns="scenario", values="supplement_cumule")
    assert cumul.loc[30, "promotion"] == pytest.approx(140.0)
    programme = ventes.loc[5:, "programme relationnel"]
    assert programme.is_monotonic_increasing and programme.max() < 240
    assert programme.loc[5] == pytest.approx(200 * (1 + 0.2 * (1 - math.exp(-1 / 5))))


def test_la_simulation_refuse_des_parametres_absurdes() -> None:
    with pytest.raises(ErreurDonnees, match="semaines"):
        rel.simuler_promotion_programme(semaines=0)
    with pytest.raises(ErreurDonnees, match="creux"):
        rel.simuler_promotion_programme(creux_promotion=25)
    with pytest.raises(ErreurDonnees, match="négative"):
        rel.simuler_promotion_programme(hausse_programme=-0.1)


# --- Fidélité vraie, inertie ----------------------------------------------------------------------


def test_type_fidelite_croise_comportement_et_attitude() -> None:
    achats = pd.Series([True, True, False, False, True], index=list("ABCDE"))
    attitude = pd.Series([True, False, True, False, False], index=list("ABCDE"))
    types = rel.type_fidelite(achats, attitude)
    assert types.tolist() == ["fidélité vraie", "inertie", "fidélité latente", "pas de fidélité", "inertie"]
    assert list(types.cat.categories) == list(rel.TYPES_FIDELITE["type"])
    assert types.value_counts()["inertie"] == 2


def test_type_fidelite_refuse_les_trous_et_les_index_differents() -> None:
    achats = pd.Series([True, False], index=["A", "B"])
    with pytest.raises(ErreurDonnees, match="manquante"):
        rel.type_fidelite(achats, pd.Series([True, None], index=["A", "B"]))
    with pytest.raises(ErreurDonnees, match="même index"):
        rel.type_fidelite(achats, pd.Series([True, False], index=["A", "C"]))
    with pytest.raises(ErreurDonnees, match="booléens"):
        rel.type_fidelite(achats, pd.Series([9, 3], index=["A", "B"]))


# --- Habitudes par segment ------------------------------------------------------------------------


@pytest.fixture
def ventes() -> pd.DataFrame:
    return pd.DataFrame({
        "client_id": ["A", "A", "A", "B", "B", "C"],
        "date": ["2023-12-31", "2024-01-01", "2024-06-01", "2022-05-01", "2024-12-31", "2023-02-01"],
        "ticket_id": ["T1", "T2", "T2", "T3", "T4", "T5"],
        "montant_ht": [50.0, 30.0, 10.0, 100.0, 20.0, 40.0],
        "marge_ht": [20.0, 15.0, 5.0, 40.0, 10.0, 10.0],
    })


def test_habitudes_a_la_main(ventes) -> None:
    segments = pd.Series({"A": "fidèles", "B": "fidèles", "C": "perdus", "D": "perdus"})
    h = rel.habitudes_par_segment(ventes, segments, date_reference="2025-01-01")
    # fidèles : tickets de 2024 = T2 et T4 (le 31/12/2023 est hors fenêtre) ; 2 clients
    assert h.loc["fidèles", "frequence"] == pytest.approx(1.0)
    assert h.loc["fidèles", "panier_moyen"] == pytest.approx(210.0 / 4)  # T1, T2, T3, T4 sur tout l'historique
    assert h.loc["fidèles", "taux_marque"] == pytest.approx(90.0 / 210.0)
    # perdus : C n'a rien acheté en 2024, D jamais : 2 clients, fréquence nulle
    assert h.loc["perdus"].tolist() == pytest.approx([2, 0.0, 40.0, 0.25])


def test_habitudes_par_defaut_utilisent_les_segments_rfm() -> None:
    rng = np.random.default_rng(5)
    n = 400
    t = pd.DataFrame({
        "client_id": [f"C{i % 60:03d}" for i in range(n)],
        "date": pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 1095, n), unit="D"),
        "ticket_id": [f"T{i:04d}" for i in range(n)],
        "montant_ht": rng.uniform(5, 200, n).round(2),
    })
    t["marge_ht"] = (t["montant_ht"] * 0.4).round(2)
    attendu = rfm.segments_rfm(rfm.scores_rfm(rfm.tableau_rfm(t, date_reference="2025-01-01", ticket="ticket_id")))
    pd.testing.assert_frame_equal(rel.habitudes_par_segment(t, date_reference="2025-01-01"),
                                  rel.habitudes_par_segment(t, attendu, date_reference="2025-01-01"))
    assert rel.habitudes_par_segment(t, date_reference="2025-01-01")["clients"].sum() == 60


def test_habitudes_signalent_les_lignes_ecartees(ventes) -> None:
    segments = pd.Series({"A": "x", "B": "x"})
    with pytest.warns(LignesExclues, match="1 ligne") as avertissements:
        rel.habitudes_par_segment(ventes, segments, date_reference="2025-01-01")
    assert any("absent de la table des segments" in str(a.message) for a in avertissements)
    with pytest.warns(LignesExclues, match="postérieure"):
        rel.habitudes_par_segment(ventes, pd.Series({"A": "x", "B": "x", "C": "y"}), date_reference="2024-07-01")


def test_habitudes_erreurs_francaises(ventes) -> None:
    with pytest.raises(ErreurDonnees, match="marge_ht"):
        rel.habitudes_par_segment(ventes.drop(columns="marge_ht"), pd.Series({"A": "x"}))
    with pytest.raises(ErreurDonnees, match="sans segment"):
        rel.habitudes_par_segment(ventes, pd.Series({"A": "x", "B": None}))


# --- Points non convertis -------------------------------------------------------------------------


def test_points_non_convertis_a_la_main() -> None:
    pts = rel.points_non_convertis(pd.Series({"A": 1499.99, "B": 500.0, "C": 0.0, "D": -30.0}), seuil_points=500)
    assert pts.loc["A"].tolist() == [1499, 1000, 499]
    assert pts.loc["B"].tolist() == [500, 500, 0]
    assert pts.loc[["C", "D"], "points"].tolist() == [0, 0]
    deux = rel.points_non_convertis(pd.Series({"A": 150.0}), seuil_points=100, points_par_euro=2)
    assert deux.loc["A"].tolist() == [300, 300, 0]


def test_points_non_convertis_erreurs() -> None:
    with pytest.raises(ErreurDonnees, match="seuil"):
        rel.points_non_convertis(pd.Series({"A": 10.0}), seuil_points=0)
    with pytest.raises(ErreurDonnees, match="manquant"):
        rel.points_non_convertis(pd.Series({"A": np.nan}))
    with pytest.raises(ErreurDonnees, match="série"):
        rel.points_non_convertis([10.0, 20.0])


# --- Point mort et économie du programme ----------------------------------------------------------


def test_visites_point_mort_a_la_main() -> None:
    # coût = 4 × 40 × 0,02 × 0,75 + 3 = 5,40 € ; marge d'une visite = 40 × (0,40 − 0,015) = 15,40 €
    assert rel.visites_point_mort(4, 40.0, 0.40, 0.02, 0.25, 3.0) == pytest.approx(5.40 / 15.40)
    assert rel.visites_point_mort(4, 40.0, 0.40, 0.02) == pytest.approx(3.2 / (40 * 0.38))
    assert rel.visites_point_mort(4, 40.0, 0.10, 0.20) == math.inf  # la récompense mange toute la marge
    serie = rel.visites_point_mort(pd.Series([4.0, 0.0], index=["a", "b"]), 40.0, 0.40, 0.02, 0.25, 3.0)
    assert serie.loc["b"] == pytest.approx(3.0 / 15.40)
    with pytest.raises(ErreurDonnees, match="0.3 pour 30 %"):
        rel.visites_point_mort(4, 40.0, 0.40, 0.02, 30, 3.0)


def _habitudes() -> pd.DataFrame:
    return pd.DataFrame({"clients": [100, 300, 50], "frequence": [4.0, 1.0, 0.0],
                         "panier_moyen": [40.0, 30.0, 35.0], "taux_marque": [0.40, 0.40, 0.50]},
                        index=pd.Index(["fidèles", "occasionnels", "inactifs"], name="segment"))


def test_economie_a_la_main() -> None:
    eco = rel.economie_programme_points(_habitudes(), taux_recompense=0.02, taux_non_utilisation=0.25,
                                        cout_par_membre=3.0, hausse_frequence=0.10)
    f = eco.loc["fidèles"]
    assert f["ca_annuel"] == pytest.approx(160.0)
    assert f["cout_recompenses"] == pytest.approx(2.40)
    assert f["cout_total"] == pytest.approx(5.40)
    assert f["marge_par_visite"] == pytest.approx(15.40)
    assert f["hausse_point_mort"] == pytest.approx(5.40 / 15.40 / 4)
    assert f["marge_supplementaire"] == pytest.approx(0.4 * 15.40)
    assert f["resultat_par_membre"] == pytest.approx(6.16 - 5.40)
    assert f["resultat_total"] == pytest.approx(100 * 0.76)
    assert bool(f["rentable"]) is True
    i = eco.loc["inactifs"]
    assert i["hausse_point_mort"] == math.inf and i["resultat_par_membre"] == pytest.approx(-3.0)
    assert eco["rentable"].tolist() == [True, False, False]


def test_economie_accepte_un_taux_par_segment_et_refuse_un_segment_oublie() -> None:
    b = pd.Series({"fidèles": 0.5, "occasionnels": 1.0, "inactifs": 1.0})
    eco = rel.economie_programme_points(_habitudes(), 0.02, b, 3.0, 0.10)
    assert eco.loc["occasionnels", "cout_recompenses"] == 0.0
    assert eco.loc["fidèles", "cout_recompenses"] == pytest.approx(160 * 0.01)
    with pytest.raises(ErreurDonnees, match="inactifs"):
        rel.economie_programme_points(_habitudes(), 0.02, b.drop("inactifs"))
    with pytest.raises(ErreurDonnees, match="manquante"):
        rel.economie_programme_points(_habitudes(), 0.02, b.replace(1.0, np.nan))
    with pytest.raises(ErreurDonnees, match="fraction"):
        rel.economie_programme_points(_habitudes(), taux_recompense=2)
    sans_effectif = rel.economie_programme_points(_habitudes().drop(columns="clients"))
    assert "resultat_total" not in sans_effectif.columns
    with pytest.raises(ErreurDonnees, match="panier_moyen"):
        rel.economie_programme_points(_habitudes().drop(columns="panier_moyen"))


@settings(max_examples=200, deadline=None)
@given(
    f=st.floats(0.1, 40), p=st.floats(5, 500), mu=st.floats(0.1, 0.7), tau=st.floats(0, 0.08),
    b=st.floats(0, 1), c=st.floats(0, 20),
)
def test_le_resultat_s_annule_exactement_au_point_mort(f, p, mu, tau, b, c) -> None:
    habitudes = pd.DataFrame({"frequence": [f], "panier_moyen": [p], "taux_marque": [mu]}, index=["s"])
    point_mort = rel.economie_programme_points(habitudes, tau, b, c, 0.0).loc["s", "hausse_point_mort"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        au_point_mort = rel.economie_programme_points(habitudes, tau, b, c, point_mort).loc["s"]
    assert au_point_mort["resultat_par_membre"] == pytest.approx(0.0, abs=1e-6 * (1 + au_point_mort["cout_total"]))
    plus = rel.economie_programme_points(habitudes, tau, b, c, point_mort * 1.01 + 1e-6).loc["s"]
    assert bool(plus["rentable"])
