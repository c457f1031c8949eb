"""Le module evaluation : tableaux de bord sur des exemples calculés à la main, test A/B contre scipy."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import binomtest, chi2_contingency

from grc import evaluation as ev
from grc import indicateurs as ind
from grc.validation import ErreurDonnees, LignesExclues

# --- Tableau des campagnes --------------------------------------------------------------------


@pytest.fixture
def campagnes() -> pd.DataFrame:
    return pd.DataFrame({
        "campagne_id": ["K1", "K2", "K3"],
        "canal": ["email", "courrier", "sms"],
        "envois": [5000, 1000, 2000],
        "ouvertures": [1100, None, None],
        "clics": [200, None, 90],
        "reponses": [150, 40, 0],
        "commandes": [60, 30, 0],
        "ca_genere": [9000.0, 4000.0, 0.0],
        "marge_generee": [3000.0, 1400.0, 0.0],
        "cout": [1200.0, 2000.0, 280.0],
    })


def test_tableau_campagnes_calcule_l_entonnoir_a_la_main(campagnes):
    t = ev.tableau_campagnes(campagnes)
    k1 = t.loc["K1"]
    assert k1["taux_ouverture"] == pytest.approx(1100 / 5000)
    assert k1["taux_clic"] == pytest.approx(200 / 5000)
    assert k1["taux_clic_ouvreurs"] == pytest.approx(200 / 1100)
    assert k1["taux_retour"] == pytest.approx(0.03)
    assert k1["taux_rendement_net"] == pytest.approx(0.4)  # 60 / 150, pas 60 / 5 000
    assert k1["roi"] == pytest.approx(1.5)  # (3 000 − 1 200) / 1 200
    assert k1["cout_par_commande"] == pytest.approx(20.0)


def test_taux_de_commande_est_le_produit_retour_fois_rendement_net(campagnes):
    t = ev.tableau_campagnes(campagnes).loc[["K1", "K2"]]
    assert np.allclose(t["taux_commande"], t["taux_retour"] * t["taux_rendement_net"])


def test_un_courrier_n_a_pas_de_taux_d_ouverture_et_zero_reponse_donne_un_rendement_vide(campagnes):
    t = ev.tableau_campagnes(campagnes)
    assert math.isnan(t.loc["K2", "taux_ouverture"]) and math.isnan(t.loc["K2", "taux_clic"])
    assert math.isnan(t.loc["K3", "taux_rendement_net"])
    assert t.loc["K3", "taux_retour"] == 0


def test_le_roi_se_calcule_sur_la_marge_et_peut_etre_negatif_avec_un_ca_superieur_au_cout(campagnes):
    k2 = ev.tableau_campagnes(campagnes).loc["K2"]
    assert k2["ca_genere"] > k2["cout"]  # 4 000 € de CA pour 2 000 € de coût...
    assert k2["roi"] == pytest.approx(-0.3)  # ... mais (1 400 − 2 000) / 2 000
    assert k2["marge_nette"] == pytest.approx(-600)


def test_tableau_campagnes_nomme_la_colonne_manquante(campagnes):
    with pytest.raises(ErreurDonnees, match="'cout'"):
        ev.tableau_campagnes(campagnes.drop(columns="cout"))


def test_tableau_campagnes_refuse_un_nombre_negatif_d_envois(campagnes):
    campagnes.loc[0, "envois"] = -5
    with pytest.raises(ErreurDonnees, match="négative"):
        ev.tableau_campagnes(campagnes)


# --- Tableau des vendeurs ---------------------------------------------------------------------


@pytest.fixture
def devis() -> pd.DataFrame:
    return pd.DataFrame({
        "vendeur": ["Ana"] * 5 + ["Bob"] * 3,
        "statut": ["accepté", "accepté", "refusé", "en attente", "refusé", "accepté", "en attente", "en attente"],
        "montant_commande_ht": [1000.0, 500.0, None, None, None, 800.0, None, None],
        "marge_commande_ht": [300.0, 150.0, None, None, None, 200.0, None, None],
    })


def test_taux_transformation_par_vendeur_sur_tous_les_devis_emis(devis):
    t = ev.tableau_vendeurs(devis)
    assert t.loc["Ana", "taux_transformation"] == pytest.approx(2 / 5)
    assert t.loc["Bob", "taux_transformation"] == pytest.approx(1 / 3)
    assert t.loc["Ana", "ca_commandes"] == pytest.approx(1500)
    assert t.loc["Ana", "commande_moyenne"] == pytest.approx(750)
    assert t.loc["Bob", "taux_marque"] == pytest.approx(0.25)


def test_exclure_les_devis_en_attente_ne_garde_que_les_devis_decides(devis):
    t = ev.tableau_vendeurs(devis, exclure_en_attente=True)
    assert t.loc["Ana", "taux_transformation"] == pytest.approx(2 / 4)
    assert t.loc["Bob", "taux_transformation"] == pytest.approx(1.0)


def test_tableau_vendeurs_signale_un_libelle_de_statut_inconnu(devis):
    with pytest.raises(ErreurDonnees, match="Aucun devis de statut « signé »"):
        ev.tableau_vendeurs(devis, accepte="signé")


# --- Satisfaction -----------------------------------------------------------------------------


@pytest.fixture
def enquetes() -> pd.DataFrame:
    return pd.DataFrame({
        "canal": ["magasin"] * 6 + ["web"] * 4,
        "note_satisfaction": [5, 4, 4, 3, 5, 2, 5, 4, 4, 4],
        "recommandation": [10, 9, 9, 8, 7, 6, 3, 10, 9, 5],
    })


def test_satisfaction_par_groupe_rejoint_les_indicateurs_du_cours(enquetes):
    t = ev.satisfaction(enquetes, par="canal")
    for canal, lignes in enquetes.groupby("canal"):
        assert t.loc[canal, "nps"] == pytest.approx(ind.nps(lignes["recommandation"]))
        assert t.loc[canal, "indice_satisfaction"] == pytest.approx(ind.indice_satisfaction(lignes["note_satisfaction"]))
        assert t.loc[canal, "part_satisfaits"] == pytest.approx(ind.part_satisfaits(lignes["note_satisfaction"]))
    # magasin : 3 promoteurs (10, 9, 9), 2 passifs (8, 7), 1 détracteur (6) sur 6
    assert t.loc["magasin", ["promoteurs", "passifs", "detracteurs"]].tolist() == pytest.approx([0.5, 1 / 3, 1 / 6])


def test_promoteurs_passifs_et_detracteurs_font_cent_pour_cent(enquetes):
    t = ev.satisfaction(enquetes, par="canal")
    assert np.allclose(t[["promoteurs", "passifs", "detracteurs"]].sum(axis=1), 1)


def test_marge_d_erreur_du_nps_a_la_main(enquetes):
    t = ev.satisfaction(enquetes)
    # 5 promoteurs, 3 détracteurs sur 10 : p = 0,5 ; d = 0,3 ; NPS = 0,2
    # variance = 0,5 + 0,3 − 0,2² = 0,76 ; marge = 1,96 × √(0,76 / 10) ≈ 0,540
    assert t.loc["Ensemble", "nps"] == pytest.approx(0.2)
    assert t.loc["Ensemble", "nps_marge_erreur"] == pytest.approx(1.959964 * math.sqrt(0.076), rel=1e-5)


def test_une_note_manquante_n_ecarte_que_l_indicateur_qui_l_utilise(enquetes):
    enquetes["note_satisfaction"] = enquetes["note_satisfaction"].astype("float64")
    enquetes.loc[0, "note_satisfaction"] = np.nan
    with pytest.warns(LignesExclues, match="1 ligne"):
        t = ev.satisfaction(enquetes)
    assert t.loc["Ensemble", "reponses_satisfaction"] == 9
    assert t.loc["Ensemble", "reponses_recommandation"] == 10


def test_satisfaction_refuse_une_note_hors_echelle(enquetes):
    enquetes.loc[2, "note_satisfaction"] = 7
    with pytest.raises(ErreurDonnees, match="hors de l'échelle"):
        ev.satisfaction(enquetes)


def test_satisfaction_refuse_une_recommandation_non_entiere(enquetes):
    enquetes["recommandation"] = enquetes["recommandation"].astype("float64")
    enquetes.loc[2, "recommandation"] = 8.5
    with pytest.raises(ErreurDonnees, match="entières"):
        ev.satisfaction(enquetes)


# --- Marges -----------------------------------------------------------------------------------


def test_tableau_marges_taux_de_marge_et_de_marque_a_la_main():
    # acheté 60, vendu 90 : marge 30, taux de marge 50 %, taux de marque 33,3 %, coefficient HT 1,5
    t = ev.tableau_marges(pd.DataFrame({"rayon": ["X", "X"], "montant_ht": [50.0, 40.0],
                                        "marge_ht": [20.0, 10.0]}), "rayon")
    assert t.loc["X", ["taux_marge", "taux_marque", "coefficient_ht"]].tolist() == pytest.approx([0.5, 1 / 3, 1.5])


@given(st.floats(1, 1000), st.floats(0.01, 0.9))
def test_taux_de_marge_et_taux_de_marque_se_deduisent_l_un_de_l_autre(ca, part_marge):
    t = ev.tableau_marges(pd.DataFrame({"g": ["a"], "montant_ht": [ca], "marge_ht": [ca * part_marge]}), "g")
    tm, tmg = t.loc["a", "taux_marque"], t.loc["a", "taux_marge"]
    assert tmg == pytest.approx(tm / (1 - tm))
    assert tmg >= tm


# --- Intervalle et test A/B ---------------------------------------------------------------------


@pytest.mark.parametrize(("succes", "effectif"), [(30, 1000), (1, 20), (57, 60), (400, 800)])
def test_intervalle_de_wilson_comme_scipy(succes, effectif):
    reference = binomtest(succes, effectif).proportion_ci(confidence_level=0.95, method="wilson")
    r = ev.intervalle_proportion(succes, effectif)
    assert r["bas"] == pytest.approx(reference.low, abs=1e-9)
    assert r["haut"] == pytest.approx(reference.high, abs=1e-9)
    assert r["bas"] < r["taux"] < r["haut"]


def test_intervalle_sans_aucun_succes_commence_a_zero_mais_n_est_pas_vide():
    r = ev.intervalle_proportion(0, 200)
    assert r["bas"] == 0 and r["haut"] > 0.01


@given(st.integers(20, 3000), st.integers(20, 3000), st.floats(0.02, 0.5), st.floats(0.02, 0.5))
def test_le_test_de_deux_proportions_est_le_khi_deux_du_tableau_2x2(na, nb, fa, fb):
    sa, sb = max(1, round(na * fa)), max(1, round(nb * fb))
    r = ev.comparer_proportions(sa, na, sb, nb)
    khi2 = chi2_contingency([[sa, na - sa], [sb, nb - sb]], correction=False)
    assert r.khi2 == pytest.approx(khi2.statistic, rel=1e-6, abs=1e-9)
    assert r.p_valeur == pytest.approx(khi2.pvalue, rel=1e-6, abs=1e-12)


def test_un_petit_ecart_sur_peu_de_contacts_n_est_pas_significatif_et_on_le_dit():
    r = ev.comparer_proportions(30, 1000, 36, 1000)
    assert not r.significatif
    assert r.ecart_bas < 0 < r.ecart_haut
    texte = r.conclusion("K07", "K08", "le taux de retour")
    assert "n'est pas significatif" in texte and "ne prouve pas" in texte


def test_le_meme_ecart_relatif_devient_significatif_avec_assez_de_contacts():
    r = ev.comparer_proportions(300, 10_000, 360, 10_000)
    assert r.significatif and r.ecart_relatif == pytest.approx(0.2)
    assert "significatif" in r.conclusion() and "ne dit ni pourquoi" in r.conclusion()


def test_comparer_refuse_plus_de_succes_que_de_contacts():
    with pytest.raises(ErreurDonnees, match="Plus de succès"):
        ev.comparer_proportions(50, 40, 10, 100)


def test_comparer_refuse_un_niveau_en_pourcentage():
    with pytest.raises(ErreurDonnees, match="0.95 pour 95 %"):
        ev.comparer_proportions(10, 100, 20, 100, niveau=95)


def test_comparer_variantes_lit_la_table_et_refuse_une_colonne_vide(campagnes):
    r = ev.comparer_variantes(campagnes, "K1", "K2")
    assert (r.succes_a, r.effectif_a, r.succes_b, r.effectif_b) == (150, 5000, 40, 1000)
    with pytest.raises(ErreurDonnees, match="vide"):
        ev.comparer_variantes(campagnes, "K1", "K2", succes="ouvertures")
    with pytest.raises(ErreurDonnees, match="introuvable"):
        ev.comparer_variantes(campagnes, "K1", "K9")


# --- Taille d'échantillon -----------------------------------------------------------------------


def test_la_taille_calculee_donne_bien_la_puissance_annoncee():
    """Simulation : avec n contacts par variante, un vrai écart de 3 % → 4 % est vu ~80 % des fois."""
    n = ev.taille_echantillon_ab(0.03, 0.01)
    rng = np.random.default_rng(8)
    sa, sb = rng.binomial(n, 0.03, 4000), rng.binomial(n, 0.04, 4000)
    commun = (sa + sb) / (2 * n)
    z = (sb - sa) / n / np.sqrt(commun * (1 - commun) * 2 / n)
    assert np.mean(np.abs(z) > 1.959964) == pytest.approx(0.8, abs=0.03)


def test_plus_l_ecart_est_petit_plus_il_faut_de_contacts():
    assert ev.taille_echantillon_ab(0.03, 0.005) > 3.5 * ev.taille_echantillon_ab(0.03, 0.01)


def test_ecart_detectable_et_taille_d_echantillon_se_repondent():
    n = ev.taille_echantillon_ab(0.05, 0.02)
    assert ev.ecart_detectable(n, 0.05) == pytest.approx(0.02, rel=0.1)


def test_taille_echantillon_refuse_un_taux_en_pourcentage():
    with pytest.raises(ErreurDonnees, match="0.03 pour 3 %"):
        ev.taille_echantillon_ab(3, 1)
