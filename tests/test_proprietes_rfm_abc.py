"""Propriétés (hypothesis) de grc.rfm et grc.abc : vraies pour toutes les données, pas seulement nos exemples."""

import warnings

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from grc.abc import classer_abc, classer_abcd, classer_pmg, courbe_lorenz, indice_gini, tableau_pareto
from grc.rfm import scores_rfm, segments_rfm, tableau_rfm
from grc.validation import LignesExclues

REGLAGES = settings(max_examples=60, deadline=None)

# beaucoup d'ex-aequo : des petites valeurs entières, comme des fréquences
frequences = st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=80)
montants_positifs = st.lists(
    st.floats(min_value=0.0, max_value=1e6, allow_nan=False).map(lambda x: round(x, 2)), min_size=1, max_size=80
).filter(lambda v: sum(v) > 0)


@st.composite
def tableaux_rfm(draw) -> pd.DataFrame:
    n = draw(st.integers(min_value=1, max_value=80))
    entiers = st.lists(st.integers(min_value=0, max_value=30), min_size=n, max_size=n)
    montants = st.lists(st.floats(min_value=-50, max_value=5000, allow_nan=False), min_size=n, max_size=n)
    return pd.DataFrame(
        {"recence": draw(entiers), "frequence": [f + 1 for f in draw(entiers)], "montant": draw(montants)}
    )


# ---------------------------------------------------------------- scores et segments


@REGLAGES
@given(rfm=tableaux_rfm(), q=st.integers(min_value=2, max_value=9))
def test_scores_restent_entre_1_et_q(rfm, q) -> None:
    scores = scores_rfm(rfm, q=q)
    for dimension in "RFM":
        assert scores[dimension].between(1, q).all()
    assert (scores["score_rfm"] == scores["R"] + scores["F"] + scores["M"]).all()
    assert (scores["code_rfm"].str.len() == 3).all()


@REGLAGES
@given(rfm=tableaux_rfm(), q=st.integers(min_value=2, max_value=9))
def test_ex_aequo_meme_note_et_notes_sans_trou(rfm, q) -> None:
    scores = scores_rfm(rfm, q=q)
    for dimension, colonne in (("R", "recence"), ("F", "frequence"), ("M", "montant")):
        assert (scores.groupby(colonne)[dimension].nunique() == 1).all()
        notes = sorted(scores[dimension].unique())
        assert notes == list(range(1, len(notes) + 1))  # 1, 2, …, sans note vide au milieu


@REGLAGES
@given(rfm=tableaux_rfm())
def test_notes_croissantes_avec_la_qualite(rfm) -> None:
    scores = scores_rfm(rfm)
    par_recence = scores.sort_values("recence", kind="stable")["R"].to_numpy()
    par_montant = scores.sort_values("montant", kind="stable")["M"].to_numpy()
    assert (np.diff(par_recence) <= 0).all()  # plus récent (petite récence) → note plus haute
    assert (np.diff(par_montant) >= 0).all()


@REGLAGES
@given(n=st.integers(min_value=9, max_value=300), q=st.integers(min_value=2, max_value=9), graine=st.integers(0, 1000))
def test_sans_ex_aequo_ce_sont_des_quantiles(n, q, graine) -> None:
    valeurs = np.random.default_rng(graine).permutation(n).astype(float)
    scores = scores_rfm(pd.DataFrame({"recence": valeurs, "frequence": valeurs, "montant": valeurs}), q=q)
    effectifs = scores["M"].value_counts()
    assert len(effectifs) == q
    assert effectifs.max() - effectifs.min() <= 1


@REGLAGES
@given(frequence=frequences, q=st.integers(min_value=2, max_value=9))
def test_frequences_tres_ex_aequo(frequence, q) -> None:
    rfm = pd.DataFrame({"recence": range(len(frequence)), "frequence": frequence, "montant": 1.0})
    notes = scores_rfm(rfm, q=q)["F"]
    plus_petite = min(frequence)
    assert (notes[rfm["frequence"] == plus_petite] == 1).all()  # les clients d'un seul achat : tous F = 1
    assert notes.nunique() <= min(q, len(set(frequence)))
    assert notes[rfm["frequence"] == max(frequence)].iloc[0] == notes.max()


@REGLAGES
@given(
    notes=st.lists(st.tuples(*[st.integers(min_value=1, max_value=9)] * 3), min_size=1, max_size=60),
    q=st.integers(min_value=2, max_value=9),
)
def test_chaque_client_a_exactement_un_segment(notes, q) -> None:
    scores = pd.DataFrame([[min(n, q) for n in trio] for trio in notes], columns=["R", "F", "M"])
    segments = segments_rfm(scores, q=q)["segment"]
    assert len(segments) == len(scores)
    assert segments.notna().all()


@REGLAGES
@given(
    lignes=st.lists(
        st.tuples(st.sampled_from("ABCDEFG"), st.integers(0, 700), st.floats(-100, 1000, allow_nan=False)),
        min_size=1,
        max_size=60,
    )
)
def test_tableau_rfm_ne_perd_aucune_ligne(lignes) -> None:
    transactions = pd.DataFrame(lignes, columns=["client_id", "jour", "montant_ht"])
    transactions["date"] = pd.Timestamp("2023-01-01") + pd.to_timedelta(transactions["jour"], unit="D")
    rfm = tableau_rfm(transactions, date_reference="2025-01-01")
    assert rfm["frequence"].sum() == len(transactions)
    assert np.isclose(rfm["montant"].sum(), transactions["montant_ht"].sum())
    assert (rfm["recence"] >= 0).all()
    segments = rfm.pipe(scores_rfm).pipe(segments_rfm)
    assert segments["segment"].notna().all()


# ---------------------------------------------------------------- Pareto, ABC, Gini


@REGLAGES
@given(valeurs=montants_positifs)
def test_parts_de_pareto_de_somme_1(valeurs) -> None:
    table = tableau_pareto(pd.Series(valeurs))
    assert np.isclose(table["part"].sum(), 1.0)
    assert table["part_cumulee"].iloc[-1] == 1.0
    assert (np.diff(table["part_cumulee"]) >= -1e-12).all()
    assert (np.diff(table.iloc[:, 0]) <= 0).all()


@REGLAGES
@given(valeurs=montants_positifs, methode=st.sampled_from(["valeur", "effectif"]))
def test_une_classe_abc_par_element_et_les_gros_d_abord(valeurs, methode) -> None:
    serie = pd.Series(valeurs)
    classes = classer_abc(serie, methode=methode)
    assert len(classes) == len(serie) and classes.notna().all()
    assert classes.iloc[int(np.argmax(valeurs))] == "A"
    # un élément strictement plus gros n'est jamais dans une classe moins bonne
    ordre = serie.sort_values(ascending=False, kind="stable").index
    assert (np.diff(classes[ordre].cat.codes.to_numpy()) >= 0).all()
    assert classer_pmg(serie).notna().all()


@REGLAGES
@given(valeurs=montants_positifs)
def test_la_classe_a_atteint_80_pour_cent_avec_le_moins_d_elements(valeurs) -> None:
    serie = pd.Series(valeurs)
    classes = classer_abc(serie)
    part_a = serie[classes == "A"].sum() / serie.sum()
    assert part_a >= 0.80 - 1e-9
    # sans le plus petit des A, on n'atteint plus 80 %
    plus_petit_a = serie[classes == "A"].min()
    assert (serie[classes == "A"].sum() - plus_petit_a) / serie.sum() < 0.80 + 1e-9


@REGLAGES
@given(valeurs=montants_positifs)
def test_gini_entre_0_et_1_exclu(valeurs) -> None:
    gini = indice_gini(pd.Series(valeurs))
    assert 0.0 <= gini < 1.0
    assert gini <= 1 - 1 / len(valeurs) + 1e-9
    assert np.isclose(indice_gini(pd.Series(valeurs) * 3.5), gini, atol=1e-9)  # indépendant de l'unité


@REGLAGES
@given(valeurs=montants_positifs)
def test_lorenz_sous_la_diagonale(valeurs) -> None:
    courbe = courbe_lorenz(pd.Series(valeurs))
    assert (courbe["part_valeur"] <= courbe["part_elements"] + 1e-9).all()
    assert courbe.iloc[0].tolist() == [0.0, 0.0] and courbe.iloc[-1].tolist() == [1.0, 1.0]


@REGLAGES
@given(
    paires=st.lists(st.tuples(st.floats(-10, 1e4, allow_nan=False), st.integers(1, 20)), min_size=1, max_size=60)
)
def test_une_classe_abcd_par_client(paires) -> None:
    ca = pd.Series([p[0] for p in paires])
    frequence = pd.Series([p[1] for p in paires])
    with warnings.catch_warnings():
        warnings.simplefilter("error", LignesExclues)
        classes = classer_abcd(ca, frequence)
    assert classes.notna().all() and set(classes) <= {"A", "B", "C", "D"}
