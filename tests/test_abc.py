"""grc.abc : Pareto, ABC, PMG, ABCD, Lorenz et Gini, lus comme la leçon."""

import warnings

import numpy as np
import pandas as pd
import pytest

from grc.abc import classer_abc, classer_abcd, classer_pmg, courbe_lorenz, indice_gini, tableau_pareto
from grc.validation import ErreurDonnees, LignesExclues


def _ca_dix_clients() -> pd.Series:
    """Dix clients, 100 € au total : un exemple qui se calcule de tête."""
    return pd.Series(
        [2.0, 50.0, 1.0, 30.0, 0.5, 10.0, 0.3, 5.0, 1.0, 0.2],
        index=[f"C{i}" for i in range(10)],
        name="ca",
    )


# ---------------------------------------------------------------- Pareto


def test_pareto_trie_et_cumule_a_la_main() -> None:
    table = tableau_pareto(_ca_dix_clients())
    assert table.index[:4].tolist() == ["C1", "C3", "C5", "C7"]
    assert table["part"].iloc[:4].tolist() == pytest.approx([0.50, 0.30, 0.10, 0.05])
    assert table["part_cumulee"].iloc[:4].tolist() == pytest.approx([0.50, 0.80, 0.90, 0.95])
    assert table["rang_cumule"].iloc[1] == pytest.approx(0.20)
    # la loi des 20/80 se lit sur une ligne : 20 % des clients, 80 % du CA
    assert table["part_cumulee"].iloc[-1] == 1.0


def test_pareto_garde_le_nom_de_la_serie() -> None:
    assert tableau_pareto(_ca_dix_clients()).columns[0] == "ca"
    assert tableau_pareto(pd.Series([3.0, 1.0])).columns[0] == "valeur"


def test_pareto_accepte_une_liste() -> None:
    assert tableau_pareto([1, 3, 2])["valeur"].tolist() == [3.0, 2.0, 1.0]


# ---------------------------------------------------------------- ABC


def test_abc_donne_20_30_50_en_effectif() -> None:
    ca = pd.Series(np.random.default_rng(0).pareto(1.5, 100) * 100)
    classes = classer_abc(ca, methode="effectif")
    assert classes.value_counts().sort_index().tolist() == [20, 30, 50]
    # les 20 A sont bien les 20 plus gros
    assert set(classes[classes == "A"].index) == set(ca.nlargest(20).index)


def test_abc_en_valeur_a_la_main() -> None:
    classes = classer_abc(_ca_dix_clients())
    # C1 (50 %) et C3 (jusqu'à 80 %) : A ; C5 et C7 (jusqu'à 95 %) : B ; le reste : C
    assert classes[classes == "A"].index.tolist() == ["C1", "C3"]
    assert classes[classes == "B"].index.tolist() == ["C5", "C7"]
    assert (classes == "C").sum() == 6


def test_abc_l_element_qui_franchit_80_pour_cent_est_a() -> None:
    ca = pd.Series({"gros": 70.0, "franchit": 20.0, "suivant": 6.0, "petit": 4.0})
    classes = classer_abc(ca)
    assert classes["franchit"] == "A"  # 70 % avant lui : il porte le cumul à 90 %
    assert classes["suivant"] == "B"  # 90 % avant lui : au-delà de 80 %
    assert classes["petit"] == "C"  # 96 % avant lui : au-delà de 95 %


def test_abc_un_seul_tres_gros_client_est_a() -> None:
    assert classer_abc(pd.Series([90.0, 6.0, 4.0])).tolist() == ["A", "B", "C"]
    # s'il franchit à lui seul 80 % et 95 %, la classe B reste vide
    assert classer_abc(pd.Series([96.0, 3.0, 1.0])).tolist() == ["A", "C", "C"]


def test_abc_garde_l_ordre_et_l_index_d_origine() -> None:
    ca = _ca_dix_clients()
    classes = classer_abc(ca)
    assert classes.index.equals(ca.index)
    assert classes.name == "classe_abc"
    assert list(classes.cat.categories) == ["A", "B", "C"]


def test_abc_seuils_personnalises() -> None:
    classes = classer_abc(_ca_dix_clients(), seuils=(0.5, 0.9))
    assert classes[classes == "A"].index.tolist() == ["C1"]
    assert classes[classes == "B"].index.tolist() == ["C3", "C5"]


@pytest.mark.parametrize("seuils", [(80, 95), (0.95, 0.80), (0.8,), "AB"])
def test_abc_seuils_invalides(seuils) -> None:
    with pytest.raises(ErreurDonnees, match="seuils"):
        classer_abc(_ca_dix_clients(), seuils=seuils)


def test_abc_methode_inconnue() -> None:
    with pytest.raises(ErreurDonnees, match="methode"):
        classer_abc(_ca_dix_clients(), methode="quantité")


def test_abc_valeurs_toutes_egales() -> None:
    classes = classer_abc(pd.Series([10.0] * 10))
    # documenté : 0 %, 10 %, …, 70 % avant eux → A ; 80 % et 90 % → B ; pas de C
    assert classes.value_counts().sort_index().tolist() == [8, 2, 0]


def test_abc_un_seul_element() -> None:
    assert classer_abc(pd.Series({"seul": 12.0})).tolist() == ["A"]


def test_valeurs_negatives_comptees_comme_zero_et_signalees() -> None:
    ca = pd.Series({"a": 80.0, "b": 20.0, "retours": -15.0})
    with pytest.warns(LignesExclues, match="1 valeur.*négative.*comptée.*0"):
        classes = classer_abc(ca)
    assert classes["retours"] == "C"
    with pytest.warns(LignesExclues):
        table = tableau_pareto(ca)
    assert table.loc["retours", "part"] == 0.0
    assert table["part"].sum() == pytest.approx(1.0)


def test_valeur_manquante_ecartee_signalee_et_sans_classe() -> None:
    ca = pd.Series({"a": 80.0, "inconnu": np.nan, "b": 20.0})
    with pytest.warns(LignesExclues, match="1 ligne.*manquante"):
        classes = classer_abc(ca)
    assert pd.isna(classes["inconnu"])
    assert classes[["a", "b"]].tolist() == ["A", "B"]


def test_valeurs_nulles_gardees_en_c() -> None:
    classes = classer_abc(pd.Series({"a": 100.0, "z1": 0.0, "z2": 0.0}))
    assert classes.tolist() == ["A", "C", "C"]


@pytest.mark.parametrize(
    "valeurs, message",
    [
        (pd.Series([], dtype="float64"), "vide"),
        (pd.Series([0.0, 0.0]), "total.*nul"),
        (pd.Series([np.nan, np.nan]), "manquantes"),
        (pd.DataFrame({"ca": [1.0]}), "une seule colonne"),
        (pd.Series(["12", "douze"]), "illisible"),
    ],
)
def test_entrees_inutilisables_erreur_francaise(valeurs, message) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LignesExclues)
        with pytest.raises(ErreurDonnees, match=message):
            classer_abc(valeurs)


def test_virgule_decimale_acceptee() -> None:
    assert classer_abc(pd.Series(["80,5", "19,5"])).tolist() == ["A", "B"]


# ---------------------------------------------------------------- PMG


def test_pmg_sans_seuils_reprend_abc() -> None:
    ca = _ca_dix_clients()
    correspondance = {"A": "gros", "B": "moyen", "C": "petit"}
    assert classer_pmg(ca).tolist() == [correspondance[c] for c in classer_abc(ca)]


def test_pmg_avec_seuils_en_euros() -> None:
    ca = pd.Series({"a": 499.99, "b": 500.0, "c": 1999.0, "d": 2000.0, "e": -10.0})
    assert classer_pmg(ca, seuils=(500, 2000)).tolist() == ["petit", "moyen", "moyen", "gros", "petit"]


def test_pmg_seuils_decroissants() -> None:
    with pytest.raises(ErreurDonnees, match="croissants"):
        classer_pmg(_ca_dix_clients(), seuils=(2000, 500))


# ---------------------------------------------------------------- ABCD


def test_abcd_croise_ca_et_frequence_a_la_main() -> None:
    ca = pd.Series({"Rose": 900.0, "Léo": 1200.0, "Inès": 80.0, "Paul": 60.0, "Zoé": 300.0})
    frequence = pd.Series({"Rose": 9, "Léo": 1, "Inès": 6, "Paul": 1, "Zoé": 2})
    # médianes : 300 € et 2 achats ; « fort » = strictement au-dessus
    assert classer_abcd(ca, frequence).tolist() == ["A", "B", "C", "D", "D"]


def test_abcd_seuils_et_ordre_des_index() -> None:
    ca = pd.Series({"Rose": 900.0, "Léo": 1200.0})
    frequence = pd.Series({"Léo": 1, "Rose": 9})  # autre ordre : aligné sur les clients
    assert classer_abcd(ca, frequence, seuils=(1000, 5)).tolist() == ["C", "B"]


def test_abcd_clients_differents_erreur() -> None:
    with pytest.raises(ErreurDonnees, match="mêmes clients"):
        classer_abcd(pd.Series({"a": 1.0}), pd.Series({"b": 1}))


def test_abcd_valeur_manquante_signalee() -> None:
    ca = pd.Series({"a": 10.0, "b": np.nan, "c": 30.0})
    with pytest.warns(LignesExclues, match="1 ligne"):
        classes = classer_abcd(ca, pd.Series({"a": 1, "b": 2, "c": 3}))
    assert pd.isna(classes["b"]) and classes["c"] == "A"


# ---------------------------------------------------------------- Lorenz et Gini


def test_courbe_de_lorenz_a_la_main() -> None:
    courbe = courbe_lorenz(pd.Series([10.0, 0.0, 30.0, 0.0]))
    assert courbe["part_elements"].tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert courbe["part_valeur"].tolist() == [0.0, 0.0, 0.0, 0.25, 1.0]


def test_gini_calcule_a_la_main() -> None:
    # Lorenz : (0 ; 0), (0,25 ; 0,1), (0,5 ; 0,3), (0,75 ; 0,6), (1 ; 1)
    # aire (trapèzes) = 0,25 × (0,1 + 0,4 + 0,9 + 1,6) / 2 = 0,375 ; Gini = 1 − 2 × 0,375 = 0,25
    assert indice_gini(pd.Series([1.0, 2.0, 3.0, 4.0])) == pytest.approx(0.25)


def test_gini_egalite_parfaite_et_concentration_maximale() -> None:
    assert indice_gini(pd.Series([7.0] * 50)) == 0.0
    assert indice_gini(pd.Series([0.0] * 9 + [100.0])) == pytest.approx(0.9)  # 1 − 1/n


def test_gini_un_seul_element() -> None:
    assert indice_gini(pd.Series([42.0])) == 0.0


@pytest.mark.parametrize("n, effectifs", [(7, [2, 2, 3]), (3, [1, 1, 1]), (1, [1, 0, 0]), (20, [4, 6, 10])])
def test_abc_en_effectif_quand_n_ne_tombe_pas_juste(n, effectifs) -> None:
    # rang k est A si (k − 1) / n < 20 % : A compte ⌈0,2 n⌉ éléments, le plus gros est toujours A
    classes = classer_abc(pd.Series(np.arange(n, 0, -1, dtype=float)), methode="effectif")
    assert classes.value_counts().sort_index().tolist() == effectifs
