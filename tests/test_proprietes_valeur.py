"""Propriétés de la valeur client et des indicateurs, vérifiées sur des entrées tirées au hasard (hypothesis)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grc import indicateurs as ind
from grc import valeur as val

marges = st.floats(min_value=1, max_value=10_000)
retentions = st.floats(min_value=0.0, max_value=0.98)
actualisations = st.floats(min_value=0.0, max_value=0.5)


@given(marges, retentions, retentions, actualisations)
def test_la_clv_croit_avec_la_retention(marge, r1, r2, i):
    bas, haut = sorted((r1, r2))
    assert val.clv(marge, bas, i) <= val.clv(marge, haut, i) * (1 + 1e-12)


@given(marges, retentions, actualisations, actualisations)
def test_la_clv_decroit_avec_le_taux_d_actualisation(marge, r, i1, i2):
    bas, haut = sorted((i1, i2))
    assert val.clv(marge, r, haut) <= val.clv(marge, r, bas) * (1 + 1e-12)


@given(marges, retentions, actualisations, st.integers(min_value=1, max_value=60))
def test_la_clv_a_horizon_fini_croit_avec_l_horizon_sans_depasser_l_infini(marge, r, i, horizon):
    finie = val.clv(marge, r, i, horizon=horizon)
    assert finie <= val.clv(marge, r, i, horizon=horizon + 1) * (1 + 1e-12)
    assert finie <= val.clv(marge, r, i) * (1 + 1e-12)


@given(marges, st.floats(min_value=0.0, max_value=0.9), st.floats(min_value=0.0, max_value=0.5))
def test_la_clv_a_horizon_fini_tend_vers_la_clv_a_horizon_infini(marge, r, i):
    assert val.clv(marge, r, i, horizon=2_000) == pytest.approx(val.clv(marge, r, i), rel=1e-9)


@given(marges, st.floats(min_value=0.0, max_value=1.0), actualisations, st.integers(min_value=1, max_value=30))
def test_la_formule_fermee_egale_la_somme_periode_par_periode(marge, r, i, horizon):
    somme = sum(marge * r**t / (1 + i) ** t for t in range(1, horizon + 1))
    assert val.clv(marge, r, i, horizon=horizon) == pytest.approx(somme, rel=1e-9, abs=1e-9)


@given(marges, retentions, actualisations, st.floats(min_value=0, max_value=500))
def test_les_deux_conventions_different_d_exactement_une_marge(marge, r, i, cout):
    ecart = val.clv(marge, r, i, cout_acquisition=cout, marge_initiale=True) - val.clv(marge, r, i, cout_acquisition=cout)
    assert ecart == pytest.approx(marge)


@given(st.floats(min_value=0.0, max_value=0.99))
def test_la_duree_de_vie_est_au_moins_une_periode_et_croit_avec_la_retention(r):
    assert val.duree_de_vie(r) >= 1
    assert val.duree_de_vie(r) <= val.duree_de_vie(min(r + 0.005, 0.995))


# --- Cohortes et décomposition sur des historiques tirés au hasard -----------------------------


@st.composite
def historiques(draw):
    n = draw(st.integers(min_value=1, max_value=80))
    clients = draw(st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), min_size=n, max_size=n))
    jours = draw(st.lists(st.integers(min_value=0, max_value=1_000), min_size=n, max_size=n))
    marges = draw(st.lists(st.floats(min_value=-50, max_value=200), min_size=n, max_size=n))
    return pd.DataFrame({
        "client_id": clients,
        "date": pd.Timestamp("2022-01-01") + pd.to_timedelta(jours, unit="D"),
        "marge_ht": marges,
    })


@settings(max_examples=60, deadline=None)
@given(historiques(), st.sampled_from(["M", "Q", "Y"]))
def test_la_retention_par_cohorte_est_une_part_entre_0_et_1_qui_vaut_1_a_l_age_0(t, periode):
    table = val.retention_par_cohorte(t, periode=periode)
    valeurs = table.to_numpy()
    observees = valeurs[~np.isnan(valeurs)]
    assert ((observees >= 0) & (observees <= 1)).all()
    assert (table[0] == 1).all()
    effectifs = val.retention_par_cohorte(t, periode=periode, en_effectifs=True)
    assert effectifs[0].sum() == t["client_id"].nunique()


@settings(max_examples=60, deadline=None)
@given(historiques(), st.sampled_from(["M", "Q", "Y"]))
def test_la_decomposition_de_la_valeur_client_fait_la_marge_totale(t, periode):
    v = val.valeur_client(t, periode=periode)
    somme = v["valeur_acquisition"] + v["valeur_fidelisation"] + v["valeur_croissance"]
    assert np.allclose(somme, v["marge_totale"], atol=1e-6)
    assert v["marge_totale"].sum() == pytest.approx(t["marge_ht"].sum(), abs=1e-6)
    assert (v["valeur_croissance"] >= 0).all()
    assert len(v) == t["client_id"].nunique()


# --- Indicateurs --------------------------------------------------------------------------------


prix = st.floats(min_value=0.01, max_value=10_000)


@given(prix, prix)
def test_taux_de_marque_et_taux_de_marge_se_convertissent_l_un_en_l_autre(pv, cout):
    tm, tmg = ind.taux_marque(pv, cout), ind.taux_marge(pv, cout)
    assert ind.taux_marque_depuis_taux_marge(tmg) == pytest.approx(tm, rel=1e-9, abs=1e-12)
    assert tm < 1
    if pv > cout:
        assert tmg > tm


@given(prix, st.floats(min_value=0.0, max_value=0.95))
def test_le_prix_depuis_un_taux_de_marque_redonne_ce_taux(cout, tm):
    assert ind.taux_marque(ind.prix_vente_depuis_taux_marque(cout, tm), cout) == pytest.approx(tm, abs=1e-9)


@given(st.lists(st.integers(min_value=0, max_value=10), min_size=1, max_size=200))
def test_le_nps_reste_entre_moins_1_et_1(notes):
    score = ind.nps(notes)
    assert -1 <= score <= 1
    assert ind.nps(notes, en_points=True) == pytest.approx(100 * score)


@given(st.lists(st.integers(min_value=0, max_value=1_000), min_size=1, max_size=30),
       st.lists(st.integers(min_value=0, max_value=1_000), min_size=1, max_size=30))
def test_sur_des_series_un_denominateur_nul_donne_nan_et_les_autres_lignes_un_taux(num, den):
    n = min(len(num), len(den))
    taux = ind.taux_transformation(pd.Series(num[:n]), pd.Series(den[:n]))
    nuls = pd.Series(den[:n]) == 0
    assert taux[nuls].isna().all()
    assert (taux[~nuls] == pd.Series(num[:n])[~nuls] / pd.Series(den[:n])[~nuls]).all()
