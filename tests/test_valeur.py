"""La valeur client : formules, cohortes et décomposition, sur de petites tables calculées à la main."""

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from grc import valeur as val
from grc.validation import ErreurDonnees, LignesExclues

# --- Formules sur des moyennes ----------------------------------------------------------------


def test_ca_potentiel_est_frequence_fois_panier_fois_duree():
    # 6 achats par an, 45 € de panier, 4 ans : 6 × 45 × 4 = 1 080 €
    assert val.ca_potentiel(6, 45.0, 4) == pytest.approx(1080)


def test_ca_potentiel_sur_des_series():
    clients = pd.DataFrame({"frequence": [6, 2], "panier": [45.0, 100.0], "duree": [4, 1]})
    assert val.ca_potentiel(clients["frequence"], clients["panier"], clients["duree"]).tolist() == [1080, 200]


def test_ca_potentiel_refuse_une_duree_negative():
    with pytest.raises(ErreurDonnees, match="durée de la relation"):
        val.ca_potentiel(6, 45.0, -1)


def test_clv_simple_est_la_marge_annuelle_fois_la_duree():
    assert val.clv_simple(120.0, 5) == pytest.approx(600)


def test_duree_de_vie_est_l_inverse_du_taux_d_attrition():
    # 75 % de rétention = 25 % d'attrition : 1 / 0,25 = 4 périodes
    assert val.duree_de_vie(0.75) == pytest.approx(4)
    assert val.duree_de_vie(0) == pytest.approx(1)  # tout le monde part après sa première période


@pytest.mark.parametrize("taux", [1.0, 80, -0.1])
def test_duree_de_vie_refuse_un_taux_hors_de_0_1(taux):
    with pytest.raises(ErreurDonnees, match="Écrivez 0.8 pour 80 %"):
        val.duree_de_vie(taux)


# --- CLV actualisée ---------------------------------------------------------------------------


def test_clv_a_horizon_fini_est_la_somme_des_marges_survivantes_actualisees():
    # marge 100, r = 0,8, i = 0,1, 3 ans : 100 × (0,8/1,1 + 0,8²/1,1² + 0,8³/1,1³)
    attendu = sum(100 * 0.8**t / 1.1**t for t in (1, 2, 3))
    assert val.clv(100, 0.8, 0.1, horizon=3) == pytest.approx(attendu)
    assert val.clv(100, 0.8, 0.1, horizon=3) == pytest.approx(164.09, abs=0.01)


def test_clv_a_horizon_infini_suit_gupta_et_lehmann():
    # m · r / (1 + i − r) = 100 × 0,8 / 0,3
    assert val.clv(100, 0.8, 0.1) == pytest.approx(800 / 3)


def test_clv_retranche_le_cout_d_acquisition_sans_l_actualiser():
    assert val.clv(100, 0.8, 0.1, cout_acquisition=50) == pytest.approx(800 / 3 - 50)


def test_l_autre_convention_ajoute_exactement_une_marge():
    # marge acquise à t = 0 : m (1 + i) / (1 + i − r)
    assert val.clv(100, 0.8, 0.1, marge_initiale=True) == pytest.approx(100 * 1.1 / 0.3)
    assert val.clv(100, 0.8, 0.1, marge_initiale=True) - val.clv(100, 0.8, 0.1) == pytest.approx(100)


def test_clv_sans_actualisation_ni_attrition_sur_horizon_fini_est_la_clv_simple():
    assert val.clv(100, 1.0, 0.0, horizon=5) == pytest.approx(val.clv_simple(100, 5))


def test_clv_sans_actualisation_est_marge_fois_duree_de_vie_moins_la_premiere_periode():
    # i = 0 : m · r / (1 − r) = m · (1 / (1 − r) − 1)
    assert val.clv(100, 0.75, 0.0) == pytest.approx(100 * (val.duree_de_vie(0.75) - 1))


def test_clv_sur_des_series_garde_l_index():
    clients = pd.DataFrame({"marge": [100.0, 50.0], "r": [0.8, 1.0]}, index=["C1", "C2"])
    resultat = val.clv(clients["marge"], clients["r"], 0.0, horizon=2)
    assert list(resultat.index) == ["C1", "C2"]
    assert resultat.tolist() == pytest.approx([100 * (0.8 + 0.64), 50 * 2])


def test_clv_refuse_une_retention_de_100_pour_cent_sur_un_horizon_infini():
    with pytest.raises(ErreurDonnees, match="taux de rétention"):
        val.clv(100, 1.0, 0.1)


def test_clv_refuse_un_taux_de_retention_en_pourcentage():
    with pytest.raises(ErreurDonnees, match="pas 80"):
        val.clv(100, 80, 0.1)


def test_clv_refuse_un_taux_d_actualisation_negatif():
    with pytest.raises(ErreurDonnees, match="actualisation ne peut pas être négatif"):
        val.clv(100, 0.8, -0.05)


def test_clv_refuse_un_taux_d_actualisation_en_pourcentage():
    with pytest.raises(ErreurDonnees, match="0.1 pour 10 %"):
        val.clv(100, 0.8, 10)


@pytest.mark.parametrize("horizon", [0, -2, 2.5, "5 ans", True])
def test_clv_refuse_un_horizon_qui_n_est_pas_un_entier_positif(horizon):
    with pytest.raises(ErreurDonnees, match="horizon"):
        val.clv(100, 0.8, 0.1, horizon=horizon)


def test_un_horizon_infini_peut_s_ecrire_math_inf():
    assert val.clv(100, 0.8, 0.1, horizon=math.inf) == pytest.approx(val.clv(100, 0.8, 0.1))


# --- Rétention par cohorte --------------------------------------------------------------------


def _transactions(lignes):
    return pd.DataFrame(lignes, columns=["client_id", "date"])


PETITE = _transactions([
    ("a", "2024-01-05"), ("a", "2024-01-25"), ("a", "2024-03-02"),  # cohorte janvier, revient en mars
    ("b", "2024-01-20"), ("b", "2024-02-11"),                         # cohorte janvier, revient en février
    ("c", "2024-02-03"),                                              # cohorte février, ne revient pas
    ("d", "2024-02-28"), ("d", "2024-03-15"),                         # cohorte février, revient en mars
])


def test_retention_par_cohorte_calculee_a_la_main():
    table = val.retention_par_cohorte(PETITE)
    assert [str(p) for p in table.index] == ["2024-01", "2024-02"]
    assert table.index.name == "cohorte" and table.columns.name == "age"
    # janvier : a et b ; en février (âge 1) seul b, en mars (âge 2) seul a
    assert table.loc["2024-01"].tolist() == [1.0, 0.5, 0.5]
    # février : c et d ; en mars seul d ; l'âge 2 n'est pas encore observé
    assert table.loc["2024-02", 0] == 1.0 and table.loc["2024-02", 1] == 0.5
    assert math.isnan(table.loc["2024-02", 2])


def test_un_client_qui_achete_plusieurs_fois_dans_le_mois_compte_une_fois():
    assert val.retention_par_cohorte(PETITE, en_effectifs=True).loc["2024-01"].tolist() == [2, 1, 1]


def test_en_effectifs_l_age_0_donne_la_taille_de_la_cohorte():
    effectifs = val.retention_par_cohorte(PETITE, en_effectifs=True)
    assert effectifs[0].tolist() == [2, 2]
    assert effectifs.loc["2024-02"].isna().tolist() == [False, False, True]


def test_retention_par_trimestre_et_par_annee():
    t = _transactions([("a", "2023-02-01"), ("a", "2023-05-01"), ("b", "2023-03-01"), ("b", "2024-08-01")])
    par_trimestre = val.retention_par_cohorte(t, periode="trimestre")
    assert par_trimestre.loc["2023Q1"].iloc[:2].tolist() == [1.0, 0.5]
    par_annee = val.retention_par_cohorte(t, periode="Y")
    assert par_annee.loc["2023"].tolist() == [1.0, 0.5]


def test_les_cohortes_sans_nouveau_client_n_apparaissent_pas():
    t = _transactions([("a", "2024-01-05"), ("b", "2024-03-10"), ("a", "2024-03-12")])
    table = val.retention_par_cohorte(t)
    assert [str(p) for p in table.index] == ["2024-01", "2024-03"]
    assert table.loc["2024-01"].tolist() == [1.0, 0.0, 1.0]


def _retention_naive(t, periode):
    """La version d'un cours, client par client, pour contrôler la version vectorisée."""
    t = t.assign(p=pd.to_datetime(t["date"]).dt.to_period(periode))
    cohorte = t.groupby("client_id")["p"].min()
    actifs = {}
    for client, groupe in t.groupby("client_id"):
        for p in set(groupe["p"]):
            age = (p - cohorte[client]).n
            actifs[(cohorte[client], age)] = actifs.get((cohorte[client], age), 0) + 1
    tailles = cohorte.value_counts()
    return {cle: n / tailles[cle[0]] for cle, n in actifs.items()}


def test_retention_vectorisee_egale_la_version_naive_sur_des_donnees_aleatoires():
    rng = np.random.default_rng(3)
    t = pd.DataFrame({
        "client_id": rng.choice([f"C{i}" for i in range(60)], 500),
        "date": pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 700, 500), unit="D"),
    })
    table = val.retention_par_cohorte(t, periode="M")
    naive = _retention_naive(t, "M")
    for (cohorte, age), part in naive.items():
        assert table.loc[cohorte, age] == pytest.approx(part)
    observees = table.notna().sum().sum()
    zeros = (table == 0).sum().sum()
    assert observees - zeros == len(naive)


def test_retention_accepte_d_autres_noms_de_colonnes_et_des_dates_francaises():
    t = pd.DataFrame({"code": ["x", "x", "y"], "jour": ["05/01/2024", "10/02/2024", "20/01/2024"]})
    table = val.retention_par_cohorte(t, client="code", date="jour")
    assert table.loc["2024-01"].tolist() == [1.0, 0.5]


def test_retention_colonne_manquante():
    with pytest.raises(ErreurDonnees, match="Colonne manquante.*'date'"):
        val.retention_par_cohorte(pd.DataFrame({"client_id": ["a"], "jour": ["2024-01-01"]}))


def test_retention_date_illisible():
    t = _transactions([("a", "2024-01-05"), ("b", "le 3 mars")])
    with pytest.raises(ErreurDonnees, match="date\\(s\\) illisible\\(s\\).*'le 3 mars'"):
        val.retention_par_cohorte(t)


def test_retention_table_vide():
    with pytest.raises(ErreurDonnees, match="vide"):
        val.retention_par_cohorte(_transactions([]))


def test_retention_periode_inconnue():
    with pytest.raises(ErreurDonnees, match="Période inconnue.*'M' \\(mois\\)"):
        val.retention_par_cohorte(PETITE, periode="semaine")


def test_retention_signale_les_lignes_sans_client():
    t = pd.concat([PETITE, _transactions([(None, "2024-01-09")])], ignore_index=True)
    with pytest.warns(LignesExclues, match="1 ligne\\(s\\) écartée\\(s\\) : identifiant client manquant"):
        table = val.retention_par_cohorte(t)
    assert table.loc["2024-01"].tolist() == [1.0, 0.5, 0.5]


def test_retention_signale_les_lignes_sans_date():
    t = pd.DataFrame({"client_id": ["a", "b"], "date": pd.to_datetime(["2024-01-05", None])})
    with pytest.warns(LignesExclues, match="date manquante"):
        table = val.retention_par_cohorte(t)
    assert table.shape == (1, 1)


def test_retention_d_un_seul_client():
    table = val.retention_par_cohorte(_transactions([("a", "2024-01-05")]))
    assert table.shape == (1, 1) and table.iloc[0, 0] == 1.0


def test_retention_ne_garde_pas_que_des_lignes_sans_client():
    t = pd.DataFrame({"client_id": [None, None], "date": ["2024-01-05", "2024-02-01"]})
    with pytest.warns(LignesExclues), pytest.raises(ErreurDonnees, match="plus aucune ligne complète"):
        val.retention_par_cohorte(t)


# --- Attrition par période --------------------------------------------------------------------


ANNEES = _transactions([
    ("a", "2022-03-01"), ("b", "2022-05-01"), ("c", "2022-06-01"),
    ("a", "2023-02-01"), ("d", "2023-04-01"),
    ("a", "2024-01-10"), ("d", "2024-02-01"), ("b", "2024-03-01"),
])


def test_attrition_annuelle_calculee_a_la_main():
    table = val.taux_attrition_par_periode(ANNEES)
    assert [str(p) for p in table.index] == ["2023", "2024"]
    # 2023 : a, b, c actifs en 2022 ; seul a revient ; d est nouveau
    assert table.loc["2023", ["clients_debut", "clients_conserves", "clients_perdus", "clients_entrants"]].tolist() \
        == [3, 1, 2, 1]
    assert table.loc["2023", "taux_attrition"] == pytest.approx(2 / 3)
    # 2024 : a et d actifs en 2023, tous deux reviennent ; b revient après une année blanche (entrant)
    assert table.loc["2024", ["clients_debut", "clients_perdus", "clients_entrants"]].tolist() == [2, 0, 1]
    assert table.loc["2024", "taux_retention"] == pytest.approx(1.0)


def test_attrition_par_periode_est_coherente_avec_l_indicateur():
    from grc.indicateurs import taux_attrition

    table = val.taux_attrition_par_periode(ANNEES)
    assert table.loc["2023", "taux_attrition"] == pytest.approx(taux_attrition(2, 3))


def test_attrition_sur_une_seule_periode_est_refusee():
    t = _transactions([("a", "2024-01-05"), ("b", "2024-06-01")])
    with pytest.raises(ErreurDonnees, match="au moins deux"):
        val.taux_attrition_par_periode(t)


def test_attrition_d_une_periode_sans_client_actif_avant_est_nan():
    t = _transactions([("a", "2024-01-05"), ("b", "2024-03-01"), ("b", "2024-04-01")])
    table = val.taux_attrition_par_periode(t, periode="M")
    assert table.loc["2024-02", "taux_attrition"] == 1.0
    assert math.isnan(table.loc["2024-03", "taux_attrition"])
    assert table.loc["2024-04", "taux_attrition"] == 0.0


# --- Décomposition de la valeur client --------------------------------------------------------


def _ventes(lignes):
    return pd.DataFrame(lignes, columns=["client_id", "date", "marge_ht"])


HISTORIQUE = _ventes([
    # a : 40 € sa 1re année (mars 2022 → février 2023), 30 € la 2e, 70 € la 3e
    ("a", "2022-03-10", 25.0), ("a", "2022-11-02", 15.0), ("a", "2023-04-01", 30.0), ("a", "2024-05-20", 70.0),
    # b : 50 € puis 20 € (perte de vitesse)
    ("b", "2022-06-01", 50.0), ("b", "2023-07-01", 20.0),
    # c : un seul achat
    ("c", "2024-06-01", 12.0),
])


def test_valeur_client_decomposee_a_la_main():
    v = val.valeur_client(HISTORIQUE)
    colonnes = ["marge_totale", "valeur_acquisition", "valeur_fidelisation", "valeur_croissance"]
    assert v.loc["a", colonnes].tolist() == pytest.approx([140, 40, 70, 30])
    assert v.loc["b", colonnes].tolist() == pytest.approx([70, 50, 20, 0])
    assert v.loc["c", colonnes].tolist() == pytest.approx([12, 12, 0, 0])


def test_la_premiere_annee_du_client_court_sur_12_mois_depuis_son_premier_achat():
    # février 2023 est encore dans la première année d'un client arrivé en mars 2022
    t = _ventes([("a", "2022-03-10", 10.0), ("a", "2023-02-20", 5.0), ("a", "2023-03-01", 1.0)])
    v = val.valeur_client(t)
    assert v.loc["a", "valeur_acquisition"] == pytest.approx(15)
    assert v.loc["a", "periodes_actives"] == 2


def test_les_trois_valeurs_font_la_marge_totale():
    v = val.valeur_client(HISTORIQUE)
    somme = v["valeur_acquisition"] + v["valeur_fidelisation"] + v["valeur_croissance"]
    assert somme.tolist() == pytest.approx(v["marge_totale"].tolist())
    assert v["marge_totale"].sum() == pytest.approx(HISTORIQUE["marge_ht"].sum())


def test_valeur_client_donne_la_date_du_premier_achat_et_trie_les_clients():
    v = val.valeur_client(HISTORIQUE.iloc[::-1])
    assert list(v.index) == ["a", "b", "c"]
    assert v.loc["b", "premier_achat"] == pd.Timestamp("2022-06-01")


def test_les_retours_se_retranchent_de_la_periode_ou_ils_ont_lieu():
    t = _ventes([("a", "2022-01-10", 40.0), ("a", "2023-01-15", 60.0), ("a", "2023-02-01", -10.0)])
    v = val.valeur_client(t)
    assert v.loc["a", ["valeur_acquisition", "valeur_fidelisation", "valeur_croissance"]].tolist() \
        == pytest.approx([40, 40, 10])


def test_une_premiere_marge_negative_ne_cree_pas_de_fidelisation_negative_artificielle():
    # niveau de référence max(−5, 0) = 0 : tout ce qui vient ensuite est de la croissance
    t = _ventes([("a", "2022-01-10", -5.0), ("a", "2023-03-01", 30.0)])
    v = val.valeur_client(t)
    assert v.loc["a", ["valeur_acquisition", "valeur_fidelisation", "valeur_croissance"]].tolist() \
        == pytest.approx([-5, 0, 30])


def test_valeur_client_par_trimestre():
    v = val.valeur_client(HISTORIQUE, periode="Q")
    # a : 1er trimestre du client (mars-mai 2022) = 25 € ; puis 15, 30 et 70 €
    assert v.loc["a", ["valeur_acquisition", "valeur_fidelisation", "valeur_croissance"]].tolist() \
        == pytest.approx([25, 15 + 25 + 25, 5 + 45])


def test_valeur_client_colonne_de_marge_manquante():
    with pytest.raises(ErreurDonnees, match="'marge_ht'"):
        val.valeur_client(HISTORIQUE.drop(columns="marge_ht"))


def test_valeur_client_autres_noms_de_colonnes_et_virgule_decimale():
    t = pd.DataFrame({"code": ["x", "x"], "jour": ["2023-01-01", "2024-01-02"], "marge": ["10,5", "20"]})
    v = val.valeur_client(t, marge="marge", client="code", date="jour")
    assert v.loc["x", ["valeur_acquisition", "valeur_croissance"]].tolist() == pytest.approx([10.5, 9.5])


def test_valeur_client_signale_les_marges_manquantes():
    t = pd.concat([HISTORIQUE, _ventes([("a", "2024-07-01", None)])], ignore_index=True)
    with pytest.warns(LignesExclues, match="1 ligne.*'marge_ht'"):
        v = val.valeur_client(t)
    assert v.loc["a", "marge_totale"] == pytest.approx(140)


def test_valeur_client_marge_illisible():
    t = HISTORIQUE.astype({"marge_ht": "object"})
    t.loc[0, "marge_ht"] = "vingt"
    with pytest.raises(ErreurDonnees, match="'marge_ht' doit contenir des nombres"):
        val.valeur_client(t)


# --- Sur les données de Verdance (si elles sont déjà générées) ---------------------------------


FICHIER_TRANSACTIONS = Path(__file__).resolve().parents[1] / "datasets" / "transactions.csv"


@pytest.mark.skipif(not FICHIER_TRANSACTIONS.exists(), reason="datasets/transactions.csv pas encore généré")
def test_sur_les_transactions_de_verdance():
    donnees = pytest.importorskip("grc.donnees")
    transactions = donnees.charger("transactions")
    retention = val.retention_par_cohorte(transactions)
    assert (retention[0] == 1).all()
    assert ((retention >= 0) & (retention <= 1) | retention.isna()).all().all()
    v = val.valeur_client(transactions)
    assert v["marge_totale"].sum() == pytest.approx(transactions["marge_ht"].sum())
    assert len(v) == transactions["client_id"].nunique()
    attrition = val.taux_attrition_par_periode(transactions)
    assert [str(p) for p in attrition.index] == ["2023", "2024"]
    assert attrition["taux_attrition"].between(0, 1).all()


def test_une_serie_a_la_place_d_une_table_est_refusee():
    with pytest.raises(ErreurDonnees, match="doit être un DataFrame pandas"):
        val.retention_par_cohorte(PETITE["client_id"])


def test_une_colonne_de_dates_numerique_est_refusee_comme_illisible():
    t = pd.DataFrame({"client_id": ["a", "b"], "date": [20240105, 20240201]})
    with pytest.raises(ErreurDonnees, match="illisible"):
        val.valeur_client(t.assign(marge_ht=[1.0, 2.0]))


def test_des_achats_tous_le_meme_jour_donnent_une_seule_cohorte():
    t = _transactions([("a", "2024-05-02"), ("b", "2024-05-02"), ("c", "2024-05-02")])
    table = val.retention_par_cohorte(t)
    assert table.shape == (1, 1) and table.iloc[0, 0] == 1.0
