"""grc.predictif et grc.cdnow : calculs à la main sur de petits exemples, erreurs françaises, exclusions signalées."""

from __future__ import annotations

import importlib.util
import warnings

import numpy as np
import pandas as pd
import pytest

from grc import cdnow
from grc import predictif as pr
from grc.validation import ErreurDonnees, LignesExclues

pytest.importorskip("lifetimes")


def _achats() -> pd.DataFrame:
    """A : 1er janvier (deux lignes), 15 janvier, 12 février ; B : 8 janvier ; C : recruté le 5 février."""
    return pd.DataFrame(
        {
            "client_id": ["A", "A", "A", "A", "B", "C"],
            "date": pd.to_datetime(["1997-01-01", "1997-01-01", "1997-01-15", "1997-02-12", "1997-01-08", "1997-02-05"]),
            "montant_ht": [10.0, 5.0, 30.0, 25.0, 20.0, 8.0],
        }
    )


@pytest.fixture(scope="module")
def cal_echantillon() -> pd.DataFrame:
    achats = cdnow.charger_cdnow(echantillon=True)
    return pr.resume_modele(achats[achats["date"] <= "1997-09-30"], date_reference="1997-09-30", montant="montant")


@pytest.fixture(scope="module")
def modeles(cal_echantillon):
    return pr.ajuster_bgnbd(cal_echantillon), pr.ajuster_gamma_gamma(cal_echantillon)


# --- resume_modele ---------------------------------------------------------------------------


def test_resume_compte_les_jours_et_les_semaines_de_7_jours() -> None:
    resume = pr.resume_modele(_achats(), date_reference="1997-02-19")
    # A : trois jours d'achat → x = 2 ; dernier achat 42 jours après le premier ; 49 jours d'âge
    assert resume.loc["A"].tolist() == [2.0, 6.0, 7.0, 27.5]
    assert resume.loc["B"].tolist() == [0.0, 0.0, 6.0, 0.0]
    assert resume.loc["C", "anciennete"] == 2.0


def test_resume_en_jours() -> None:
    resume = pr.resume_modele(_achats(), date_reference="1997-02-19", periode="D")
    assert resume.loc["A", ["recence", "anciennete"]].tolist() == [42.0, 49.0]


@pytest.mark.parametrize("periode", [0, 7, "M", "semaine", True])
def test_resume_refuse_une_unite_absurde(periode) -> None:
    with pytest.raises(ErreurDonnees, match="periode doit valoir 'W'"):
        pr.resume_modele(_achats(), periode=periode)


def test_resume_signale_les_achats_apres_la_date_de_fin() -> None:
    with pytest.warns(LignesExclues, match="1 ligne"):
        pr.resume_modele(_achats(), date_reference="1997-02-11")


def test_resume_calcule_a_la_main_en_jours() -> None:
    achats = pd.DataFrame(
        {
            "client_id": ["A", "A", "A", "A", "B"],
            "date": ["2024-01-01", "2024-01-01", "2024-01-11", "2024-01-31", "2024-01-21"],
            "montant_ht": [10.0, 5.0, 20.0, 40.0, 8.0],
        }
    )
    resume = pr.resume_modele(achats, periode="D")
    # A : trois jours d'achat (le 1er janvier compte une fois) → 2 achats répétés, de 20 et 40 €
    assert resume.loc["A"].tolist() == [2.0, 30.0, 30.0, 30.0]
    assert resume.loc["B"].tolist() == [0.0, 0.0, 10.0, 0.0]


def test_resume_date_reference_ecarte_et_signale() -> None:
    achats = pd.DataFrame({"client_id": ["A", "A"], "date": ["2024-01-01", "2024-03-01"], "montant_ht": [1.0, 2.0]})
    with pytest.warns(LignesExclues, match="1 ligne"):
        resume = pr.resume_modele(achats, date_reference="2024-01-31", periode="D")
    assert resume.loc["A", "frequence"] == 0.0 and resume.loc["A", "anciennete"] == 30.0


def test_resume_sans_montant() -> None:
    resume = pr.resume_modele(_achats(), montant=None)
    assert list(resume.columns) == ["frequence", "recence", "anciennete"]


def test_resume_options_apres_la_table_par_leur_nom() -> None:
    with pytest.raises(TypeError):
        pr.resume_modele(_achats(), "1997-02-19")


@pytest.mark.parametrize("periode", ["W", "D"])
@pytest.mark.parametrize("date_reference", [None, "2023-06-15"])
def test_resume_egal_a_lifetimes(periode, date_reference) -> None:
    utils = pytest.importorskip("lifetimes.utils")
    rng = np.random.default_rng(3)
    n = 5000
    transactions = pd.DataFrame(
        {
            "client_id": rng.choice([f"C{i:03d}" for i in range(500)], n),
            "date": pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 900 * 24, n), unit="h"),
            "montant_ht": rng.normal(40, 25, n).round(2),
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        attendu = utils.summary_data_from_transaction_data(
            transactions, "client_id", "date", "montant_ht", observation_period_end=date_reference, freq="D",
            freq_multiplier=pr.PERIODES[periode],
        )
        resume = pr.resume_modele(transactions, date_reference=date_reference, periode=periode)
    resume.columns = ["frequency", "recency", "T", "monetary_value"]
    pd.testing.assert_frame_equal(resume, attendu.sort_index(), check_exact=False, rtol=1e-12, check_index_type=False)


# --- decouper_calibration_controle ------------------------------------------------------------


def test_decoupage_a_la_main() -> None:
    with pytest.warns(LignesExclues, match="recruté après la calibration"):
        decoupe = pr.decouper_calibration_controle(_achats(), "1997-01-28", fin_controle="1997-02-25")
    assert decoupe.index.tolist() == ["A", "B"]
    assert decoupe.loc["A", ["frequence", "recence", "anciennete"]].tolist() == [1.0, 2.0, 27 / 7]
    assert decoupe.loc["A", ["achats_controle", "montant_controle"]].tolist() == [1.0, 25.0]
    assert decoupe.loc["B", ["achats_controle", "montant_controle"]].tolist() == [0.0, 0.0]
    assert (decoupe["duree_controle"] == 4.0).all()


def test_decoupage_signale_les_achats_apres_le_controle() -> None:
    with pytest.warns(LignesExclues) as avertissements:
        decoupe = pr.decouper_calibration_controle(_achats(), "1997-01-28", fin_controle="1997-02-10")
    messages = " ".join(str(a.message) for a in avertissements)
    assert "postérieur à la fin du contrôle" in messages
    assert decoupe.loc["A", "achats_controle"] == 0.0


def test_decoupage_refuse_un_controle_avant_la_calibration() -> None:
    with pytest.raises(ErreurDonnees, match="doit suivre"):
        pr.decouper_calibration_controle(_achats(), "1997-02-01", fin_controle="1997-01-15")


def test_decoupage_sans_achat_en_calibration() -> None:
    with pytest.raises(ErreurDonnees, match="Aucun achat avant"):
        pr.decouper_calibration_controle(_achats(), "1996-12-01", fin_controle="1997-03-01")


def test_decoupage_colonne_manquante() -> None:
    with pytest.raises(ErreurDonnees, match="montant_ht"):
        pr.decouper_calibration_controle(_achats().drop(columns="montant_ht"), "1997-01-28")


# --- ajustements et contrôles du résumé -------------------------------------------------------


def test_parametres_lisibles(modeles) -> None:
    bgnbd, gg = modeles
    assert pr.parametres(bgnbd).index.tolist() == ["r", "alpha", "a", "b"]
    assert pr.parametres(gg).index.tolist() == ["p", "q", "gamma"]


def test_le_tableau_rfm_n_est_pas_un_resume_de_modele() -> None:
    """La récence du RFM (jours depuis le dernier achat) n'est pas l'âge au dernier achat : refus explicite."""
    rfm_du_cours = pd.DataFrame({"frequence": [3.0], "recence": [120.0], "anciennete": [40.0]})
    with pytest.raises(ErreurDonnees, match="resume_modele"):
        pr.ajuster_bgnbd(rfm_du_cours)


@pytest.mark.parametrize(
    ("colonne", "valeur", "motif"),
    [("frequence", 1.5, "entiers"), ("frequence", -1.0, "entiers"), ("recence", np.nan, "manquantes")],
)
def test_resume_invalide(cal_echantillon, colonne, valeur, motif) -> None:
    abime = cal_echantillon.copy()
    abime.iloc[0, abime.columns.get_loc(colonne)] = valeur
    with pytest.raises(ErreurDonnees, match=motif):
        pr.ajuster_bgnbd(abime)


def test_sans_achat_repete_la_recence_est_nulle() -> None:
    with pytest.raises(ErreurDonnees, match="recence de 0"):
        pr.ajuster_bgnbd(pd.DataFrame({"frequence": [0.0], "recence": [2.0], "anciennete": [5.0]}))


def test_gamma_gamma_signale_les_montants_nuls(cal_echantillon) -> None:
    abime = cal_echantillon.copy()
    repetes = abime.index[abime["frequence"] > 0][:3]
    abime.loc[repetes, "montant_moyen"] = 0.0
    with pytest.warns(LignesExclues, match="3 ligne"):
        pr.ajuster_gamma_gamma(abime)


def test_gamma_gamma_trop_peu_de_clients() -> None:
    resume = pd.DataFrame({"frequence": [1.0, 0.0], "montant_moyen": [10.0, 0.0]})
    with pytest.raises(ErreurDonnees, match="trop peu"):
        pr.ajuster_gamma_gamma(resume)


def test_penalisation_negative_refusee(cal_echantillon) -> None:
    with pytest.raises(ErreurDonnees, match="penalisation"):
        pr.ajuster_bgnbd(cal_echantillon, penalisation=-1)


def test_modele_inverse_ou_absent(modeles, cal_echantillon) -> None:
    bgnbd, gg = modeles
    with pytest.raises(ErreurDonnees, match="modèle des achats"):
        pr.probabilite_vivant(gg, cal_echantillon)
    with pytest.raises(ErreurDonnees, match="modèle du panier"):
        pr.panier_attendu(bgnbd, cal_echantillon)
    with pytest.raises(ErreurDonnees, match="ajuster_bgnbd"):
        pr.parametres("r = 0,24")
    with pytest.raises(ErreurDonnees, match="pas encore ajusté"):
        pr.parametres(cdnow.importer_lifetimes().BetaGeoFitter())


# --- prévisions -------------------------------------------------------------------------------


def test_un_silence_anormal_fait_baisser_la_probabilite_d_etre_client(modeles) -> None:
    bgnbd, _ = modeles
    clients = pd.DataFrame({"frequence": [5.0, 5.0, 5.0], "recence": [38.0, 20.0, 5.0], "anciennete": [38.0] * 3})
    proba = pr.probabilite_vivant(bgnbd, clients)
    assert proba.is_monotonic_decreasing and proba.iloc[0] > 0.8 and proba.iloc[-1] < 0.05


def test_achats_attendus_croissent_avec_l_horizon(modeles, cal_echantillon) -> None:
    bgnbd, _ = modeles
    a10, a52 = (pr.achats_attendus(bgnbd, cal_echantillon, horizon=h) for h in (10, 52))
    assert (a52 >= a10).all() and a52.sum() > a10.sum()
    with pytest.raises(ErreurDonnees, match="horizon"):
        pr.achats_attendus(bgnbd, cal_echantillon, horizon=0)


def test_panier_attendu_entre_la_moyenne_de_la_base_et_celle_du_client(modeles) -> None:
    _, gg = modeles
    p = pr.parametres(gg)
    base = p["p"] * p["gamma"] / (p["q"] - 1)
    clients = pd.DataFrame({"frequence": [0.0, 1.0, 4.0, 40.0], "montant_moyen": [0.0, 200.0, 200.0, 200.0]})
    panier = pr.panier_attendu(gg, clients)
    assert panier.iloc[0] == pytest.approx(base)
    assert base < panier.iloc[1] < panier.iloc[2] < panier.iloc[3] < 200.0


def test_clv_actualisation_et_marge(modeles, cal_echantillon) -> None:
    bgnbd, gg = modeles
    brute = pr.clv_attendue(bgnbd, gg, cal_echantillon, taux_actualisation=0)
    attendu = pr.achats_attendus(bgnbd, cal_echantillon, horizon=52) * pr.panier_attendu(gg, cal_echantillon)
    np.testing.assert_allclose(brute, attendu, rtol=1e-9)
    actualisee = pr.clv_attendue(bgnbd, gg, cal_echantillon, taux_marque=0.3, taux_actualisation=0.10)
    assert ((actualisee < 0.3 * brute) | (brute == 0)).all()
    assert (actualisee > 0.3 * brute / 1.10).all()  # actualiser un an au plus coûte au plus 10 %


@pytest.mark.parametrize(
    ("options", "motif"),
    [({"horizon": 52, "pas": 5}, "multiple"), ({"taux_marque": 30}, "taux_marque"),
     ({"taux_actualisation": -0.1}, "taux_actualisation"), ({"periodes_par_an": 0}, "periodes_par_an")],
)
def test_clv_options_invalides(modeles, cal_echantillon, options, motif) -> None:
    bgnbd, gg = modeles
    with pytest.raises(ErreurDonnees, match=motif):
        pr.clv_attendue(bgnbd, gg, cal_echantillon, **options)


def test_suivi_a_la_main(modeles) -> None:
    bgnbd, _ = modeles
    suivi = pr.suivi_achats_repetes(bgnbd, _achats(), "1997-01-01", "1997-02-25")
    assert len(suivi) == 8
    # achats répétés réels : A le 15/01 (semaine 3) et le 12/02 (semaine 7)
    assert suivi["reel"].tolist() == [0, 0, 1, 0, 0, 0, 1, 0]
    assert suivi["prevu_cumule"].is_monotonic_increasing and suivi["prevu"].ge(0).all()


def test_suivi_signale_les_clients_recrutes_avant_le_debut(modeles) -> None:
    bgnbd, _ = modeles
    with pytest.warns(LignesExclues, match="hors de la période suivie"):
        pr.suivi_achats_repetes(bgnbd, _achats(), "1997-01-05", "1997-02-25")
    with pytest.raises(ErreurDonnees, match="précède"):
        pr.suivi_achats_repetes(bgnbd, _achats(), "1997-02-25", "1997-01-05")


# --- grc.cdnow --------------------------------------------------------------------------------


def test_sans_lifetimes_une_erreur_francaise_dit_comment_l_installer(monkeypatch) -> None:
    vraie = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda nom, *a: None if nom == "lifetimes" else vraie(nom, *a))
    with pytest.raises(ModuleNotFoundError, match="pip install lifetimes"):
        cdnow.charger_cdnow()
    with pytest.raises(ImportError, match="n'est pas installé"):
        pr.ajuster_bgnbd(pd.DataFrame({"frequence": [0.0], "recence": [0.0], "anciennete": [1.0]}))


def test_fichier_absent_du_paquet(monkeypatch) -> None:
    monkeypatch.setattr(cdnow, "_FICHIERS", {False: "absent.txt", True: "absent.txt"})
    with pytest.raises(ErreurDonnees, match="introuvable"):
        cdnow.charger_cdnow()


def test_charger_cdnow_lit_l_entete_et_les_types() -> None:
    achats = cdnow.charger_cdnow()
    assert achats.columns.tolist() == ["client_id", "date", "nb_cd", "montant"]
    assert achats.loc[0].tolist() == ["00001", pd.Timestamp("1997-01-01"), 1, 11.77]
    assert (achats["montant"] == 0).sum() == 80  # montants nuls gardés (voir la leçon)
    assert achats.duplicated().sum() == 255  # lignes identiques gardées


def test_dollars() -> None:
    assert cdnow.dollars(1234.5) == "1 234 $"
    assert cdnow.FORMAT_DOLLARS(2500, 0) == "2 500 $"
