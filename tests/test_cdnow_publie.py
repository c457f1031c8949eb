"""Sur les données réelles CDNOW, le cours redonne les résultats publiés et ceux de lifetimes.

- BG/NBD ajusté sur la calibration (39 semaines) de l'échantillon 1/10 (2 357 clients) :
  r = 0,243, α = 4,414, a = 0,793, b = 2,426, log-vraisemblance −9 582,4 (Fader, Hardie et Lee,
  2005, *Marketing Science*) ;
- Gamma-Gamma sur les mêmes clients : p = 6,25, q = 3,74, γ = 15,44, log-vraisemblance −4 055,92
  (Fader et Hardie, 2013, « The Gamma-Gamma Model of Monetary Value ») ;
- le résumé par client de ``grc`` égale, client par client, celui de lifetimes
  (``summary_data_from_transaction_data``, ``calibration_and_holdout_data``), et les résumés
  publiés que lifetimes livre avec les données.

Les valeurs publiées sont tapées ici à la main depuis les articles (et non lues dans
``grc.cdnow.PUBLIES``), pour qu'une faute de frappe dans le module ne se valide pas elle-même.
"""

from __future__ import annotations

import importlib.resources
import warnings

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("lifetimes")

from grc import predictif as pr  # noqa: E402
from grc.cdnow import PUBLIES, charger_cdnow  # noqa: E402

FIN_CALIBRATION = "1997-09-30"
FIN = "1998-06-30"
BGNBD_PUBLIES = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
GAMMA_GAMMA_PUBLIES = {"p": 6.25, "q": 3.74, "gamma": 15.44}


@pytest.fixture(scope="module")
def utils():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import lifetimes.utils
    return lifetimes.utils


@pytest.fixture(scope="module")
def complet() -> pd.DataFrame:
    return charger_cdnow()


@pytest.fixture(scope="module")
def echantillon() -> pd.DataFrame:
    return charger_cdnow(echantillon=True)


@pytest.fixture(scope="module")
def calibration_echantillon(echantillon) -> pd.DataFrame:
    achats = echantillon[echantillon["date"] <= FIN_CALIBRATION]
    return pr.resume_modele(achats, date_reference=FIN_CALIBRATION, montant="montant")


def _publie(nom: str) -> pd.DataFrame:
    chemin = importlib.resources.files("lifetimes") / "datasets" / nom
    return pd.read_csv(str(chemin)).set_index("ID")


# --- les fichiers ---------------------------------------------------------------------------


def test_la_cohorte_complete_compte_23_570_clients_recrutes_au_premier_trimestre_1997(complet) -> None:
    assert len(complet) == 69_659
    assert complet["client_id"].nunique() == 23_570
    premiers = complet.groupby("client_id")["date"].min()
    assert premiers.min() == pd.Timestamp("1997-01-01") and premiers.max() <= pd.Timestamp("1997-03-31")
    assert complet["date"].max() == pd.Timestamp(FIN)


def test_l_echantillon_reprend_exactement_les_lignes_d_un_client_sur_dix(complet, echantillon) -> None:
    assert echantillon["client_id"].nunique() == echantillon["numero_echantillon"].nunique() == 2_357
    colonnes = ["client_id", "date", "nb_cd", "montant"]
    extrait = complet[complet["client_id"].isin(echantillon["client_id"])][colonnes]
    trier = lambda t: t.sort_values(colonnes).reset_index(drop=True)  # noqa: E731
    pd.testing.assert_frame_equal(trier(extrait), trier(echantillon[colonnes]))


def test_le_resume_de_calibration_egale_le_resume_publie(echantillon, calibration_echantillon) -> None:
    """cdnow_customers_summary_with_transactions.csv : x, tₓ, T (semaines) et z̄ de l'article, arrondis au centième."""
    publie = _publie("cdnow_customers_summary_with_transactions.csv")
    numeros = echantillon.drop_duplicates("client_id").set_index("client_id")["numero_echantillon"]
    resume = calibration_echantillon.set_axis(numeros.reindex(calibration_echantillon.index).to_numpy())
    resume = resume.sort_index()
    assert resume.index.tolist() == publie.index.tolist()
    assert (resume["frequence"] == publie["x"]).all()
    for notre, leur in [("recence", "t_x"), ("anciennete", "T"), ("montant_moyen", "zbar")]:
        assert np.abs(resume[notre] - publie[leur]).max() <= 0.005 + 1e-9, notre


# --- BG/NBD et Gamma-Gamma contre les articles ----------------------------------------------


def test_bgnbd_redonne_les_parametres_publies_a_1_pour_cent(calibration_echantillon) -> None:
    estimes = pr.parametres(pr.ajuster_bgnbd(calibration_echantillon))
    for nom, publie in BGNBD_PUBLIES.items():
        assert estimes[nom] == pytest.approx(publie, rel=0.01), nom
        assert estimes[nom] == pytest.approx(publie, abs=0.0015), f"{nom} : au-delà de l'arrondi de l'article"


def test_bgnbd_redonne_la_log_vraisemblance_publiee(calibration_echantillon) -> None:
    modele = pr.ajuster_bgnbd(calibration_echantillon)
    assert pr.log_vraisemblance(modele, calibration_echantillon) == pytest.approx(-9582.4, abs=0.05)


def test_gamma_gamma_redonne_les_parametres_publies_a_1_pour_cent(calibration_echantillon) -> None:
    estimes = pr.parametres(pr.ajuster_gamma_gamma(calibration_echantillon))
    for nom, publie in GAMMA_GAMMA_PUBLIES.items():
        assert estimes[nom] == pytest.approx(publie, rel=0.01), nom
        assert estimes[nom] == pytest.approx(publie, abs=0.005), f"{nom} : au-delà de l'arrondi de la note"


def test_gamma_gamma_redonne_la_log_vraisemblance_publiee(calibration_echantillon) -> None:
    modele = pr.ajuster_gamma_gamma(calibration_echantillon)
    assert pr.log_vraisemblance(modele, calibration_echantillon) == pytest.approx(-4055.92, abs=0.01)


def test_les_valeurs_publiees_du_module_sont_celles_des_articles() -> None:
    assert PUBLIES["bgnbd"] == BGNBD_PUBLIES
    assert PUBLIES["gamma_gamma"] == GAMMA_GAMMA_PUBLIES
    assert PUBLIES["bgnbd_log_vraisemblance"] == -9582.4
    assert PUBLIES["gamma_gamma_log_vraisemblance"] == -4055.92


def test_la_cohorte_complete_donne_des_parametres_voisins_mais_pas_identiques(complet) -> None:
    """Sur les 23 570 clients, même ordre de grandeur ; l'échantillon n'en est qu'un dixième."""
    achats = complet[complet["date"] <= FIN_CALIBRATION]
    estimes = pr.parametres(pr.ajuster_bgnbd(pr.resume_modele(achats, date_reference=FIN_CALIBRATION, montant="montant")))
    for nom, publie in BGNBD_PUBLIES.items():
        assert estimes[nom] == pytest.approx(publie, rel=0.15), nom
    assert any(abs(estimes[nom] / publie - 1) > 0.01 for nom, publie in BGNBD_PUBLIES.items())


# --- grc contre lifetimes, client par client --------------------------------------------------


@pytest.mark.parametrize("periode", ["W", "D"])
@pytest.mark.parametrize("date_reference", [None, FIN_CALIBRATION])
def test_resume_egale_lifetimes_sur_cdnow(complet, utils, periode, date_reference) -> None:
    """En semaines de 7 jours : freq="D", freq_multiplier=7 ; en jours : freq="D"."""
    achats = complet if date_reference is None else complet[complet["date"] <= date_reference]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        attendu = utils.summary_data_from_transaction_data(
            achats, "client_id", "date", "montant", observation_period_end=date_reference, freq="D",
            freq_multiplier=pr.PERIODES[periode],
        )
    resume = pr.resume_modele(achats, date_reference=date_reference, montant="montant", periode=periode)
    resume.columns = ["frequency", "recency", "T", "monetary_value"]
    pd.testing.assert_frame_equal(resume, attendu.sort_index(), check_exact=False, rtol=1e-12, check_index_type=False)


def test_decoupage_egale_calibration_and_holdout_data(complet, utils) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        attendu = utils.calibration_and_holdout_data(
            complet, "client_id", "date", calibration_period_end=FIN_CALIBRATION, observation_period_end=FIN,
            freq="D", freq_multiplier=7, monetary_value_col="montant",
        ).sort_index()
    decoupe = pr.decouper_calibration_controle(complet, FIN_CALIBRATION, fin_controle=FIN, montant="montant")
    assert decoupe.index.astype(str).tolist() == attendu.index.astype(str).tolist()
    paires = [("frequence", "frequency_cal"), ("recence", "recency_cal"), ("anciennete", "T_cal"),
              ("montant_moyen", "monetary_value_cal"), ("achats_controle", "frequency_holdout"),
              ("duree_controle", "duration_holdout")]
    for notre, leur in paires:
        np.testing.assert_allclose(decoupe[notre].to_numpy(), attendu[leur].to_numpy(), rtol=1e-12, err_msg=notre)
    assert decoupe["montant_controle"].sum() == pytest.approx(complet.loc[complet["date"] > FIN_CALIBRATION, "montant"].sum())


def test_clv_attendue_egale_customer_lifetime_value_de_lifetimes(calibration_echantillon) -> None:
    """Même découpage que lifetimes (mois de 4,345 semaines, 1 % par mois) : même CLV, client par client."""
    bgnbd = pr.ajuster_bgnbd(calibration_echantillon)
    gg = pr.ajuster_gamma_gamma(calibration_echantillon)
    r = calibration_echantillon
    attendu = gg.customer_lifetime_value(bgnbd, r["frequence"], r["recence"], r["anciennete"], r["montant_moyen"],
                                         time=12, discount_rate=0.01, freq="W")
    clv = pr.clv_attendue(bgnbd, gg, r, horizon=12 * 4.345, pas=4.345, taux_actualisation=1.01 ** (52 / 4.345) - 1)
    np.testing.assert_allclose(clv.to_numpy(), attendu.to_numpy(), rtol=1e-9)


# --- les prévisions, contre les formules fermées de l'article ---------------------------------


def test_probabilite_vivant_suit_la_formule_de_l_article(calibration_echantillon) -> None:
    modele = pr.ajuster_bgnbd(calibration_echantillon)
    p = pr.parametres(modele)
    x, tx, t = (calibration_echantillon[c].to_numpy() for c in ("frequence", "recence", "anciennete"))
    attendu = 1 / (1 + (x > 0) * p["a"] / (p["b"] + np.maximum(x, 1) - 1) * ((p["alpha"] + t) / (p["alpha"] + tx)) ** (p["r"] + x))
    np.testing.assert_allclose(pr.probabilite_vivant(modele, calibration_echantillon).to_numpy(), attendu, rtol=1e-10)


def test_panier_attendu_suit_la_formule_de_la_note(calibration_echantillon) -> None:
    modele = pr.ajuster_gamma_gamma(calibration_echantillon)
    p = pr.parametres(modele)
    x, z = calibration_echantillon["frequence"].to_numpy(), calibration_echantillon["montant_moyen"].to_numpy()
    poids = p["p"] * x / (p["p"] * x + p["q"] - 1)
    attendu = (1 - poids) * p["p"] * p["gamma"] / (p["q"] - 1) + poids * z
    np.testing.assert_allclose(pr.panier_attendu(modele, calibration_echantillon).to_numpy(), attendu, rtol=1e-10)


def test_suivi_hebdomadaire_egale_un_calcul_client_par_client(echantillon, calibration_echantillon) -> None:
    modele = pr.ajuster_bgnbd(calibration_echantillon)
    suivi = pr.suivi_achats_repetes(modele, echantillon, "1997-01-01", FIN)
    assert len(suivi) == 78 and suivi["fin_semaine"].iloc[38] == pd.Timestamp(FIN_CALIBRATION)
    # réel : à la fin de la calibration, le cumul est la somme des x ; à la fin, s'y ajoute le contrôle
    assert suivi.loc[39, "reel_cumule"] == calibration_echantillon["frequence"].sum()
    jours = echantillon.drop_duplicates(["client_id", "date"])
    assert suivi.loc[78, "reel_cumule"] == len(jours) - echantillon["client_id"].nunique()
    # prévu : une boucle sur les clients, âge en fin de semaine 50
    premiers = echantillon.groupby("client_id")["date"].min()
    fin_semaine_50 = pd.Timestamp("1997-01-01") + pd.Timedelta(days=7 * 50 - 1)
    attendu = sum(float(modele.expected_number_of_purchases_up_to_time((fin_semaine_50 - d).days / 7)) for d in premiers)
    assert suivi.loc[50, "prevu_cumule"] == pytest.approx(attendu, rel=1e-9)


def test_le_modele_suit_le_controle_a_quelques_pour_cent_pres(echantillon, calibration_echantillon) -> None:
    """Fader, Hardie et Lee : la courbe cumulée prévue suit la réelle sur les 39 semaines de contrôle."""
    suivi = pr.suivi_achats_repetes(pr.ajuster_bgnbd(calibration_echantillon), echantillon, "1997-01-01", FIN)
    assert suivi.loc[39, "prevu_cumule"] == pytest.approx(suivi.loc[39, "reel_cumule"], rel=0.03)
    assert suivi.loc[78, "prevu_cumule"] == pytest.approx(suivi.loc[78, "reel_cumule"], rel=0.06)
