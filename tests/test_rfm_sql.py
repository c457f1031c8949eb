"""Le tableau RFM en SQL (SQLite, DuckDB sur Parquet) égale celui de pandas, client par client."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from grc import rfm_sql
from grc.base_marketing import construire_base
from grc.donnees import charger
from grc.rfm import tableau_rfm
from grc.validation import ErreurDonnees


def _egaux(sql: pd.DataFrame, pandas: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(sql, pandas, check_exact=False, rtol=1e-12, check_index_type=False)


@pytest.fixture(scope="module")
def cdnow_achats() -> pd.DataFrame:
    pytest.importorskip("lifetimes")
    from grc.cdnow import charger_cdnow

    return charger_cdnow()


@pytest.fixture(scope="module")
def base_cdnow(cdnow_achats, tmp_path_factory):
    return construire_base({"achats": cdnow_achats}, tmp_path_factory.mktemp("sql") / "cdnow.sqlite")


@pytest.mark.parametrize("reference", ["1998-07-01", "1997-06-01"])
def test_sqlite_egale_pandas_sur_cdnow(cdnow_achats, base_cdnow, reference) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas signale les achats postérieurs ; SQL les filtre aussi
        attendu = tableau_rfm(cdnow_achats, date_reference=reference, montant="montant")
    _egaux(rfm_sql.rfm_sqlite(base_cdnow, reference, table="achats", montant="montant"), attendu)


def test_sqlite_egale_pandas_avec_tickets_sur_verdance(tmp_path) -> None:
    transactions = charger("transactions")
    base = construire_base({"transactions": transactions}, tmp_path / "verdance.sqlite")
    attendu = tableau_rfm(transactions, date_reference="2025-01-01", ticket="ticket_id")
    _egaux(rfm_sql.rfm_sqlite(base, "2025-01-01", ticket="ticket_id"), attendu)


def test_les_lignes_incompletes_sont_ecartees_comme_dans_pandas(tmp_path) -> None:
    achats = pd.DataFrame(
        {
            "client_id": ["A", "A", None, "B", "B"],
            "date": pd.to_datetime(["2024-12-01", "2024-12-20", "2024-12-02", "2024-11-01", "2025-02-01"]),
            "montant_ht": [10.0, np.nan, 5.0, 7.5, 100.0],
        }
    )
    base = construire_base({"transactions": achats}, tmp_path / "trous.sqlite")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        attendu = tableau_rfm(achats, date_reference="2025-01-01")
    sql = rfm_sql.rfm_sqlite(base, "2025-01-01")
    _egaux(sql, attendu)
    assert sql.loc["A"].tolist() == [31, 1, 10.0]


def test_requete_inconnue_erreur_francaise(base_cdnow) -> None:
    with pytest.raises(ErreurDonnees, match="Tables présentes : achats"):
        rfm_sql.rfm_sqlite(base_cdnow, "1998-07-01", table="transactions")


def test_dialecte_inconnu() -> None:
    with pytest.raises(ErreurDonnees, match="dialecte"):
        rfm_sql.requete_rfm(dialecte="oracle")


def test_noms_entre_guillemets() -> None:
    requete = rfm_sql.requete_rfm(client='id "client"', ticket="ticket_id")
    assert '"id ""client"""' in requete and 'COUNT(DISTINCT "ticket_id")' in requete


def test_duckdb_sur_parquet_egale_pandas(cdnow_achats, tmp_path) -> None:
    pytest.importorskip("duckdb")
    fichier = rfm_sql.ecrire_parquet(cdnow_achats, tmp_path / "cdnow.parquet")
    for reference in ("1998-07-01", "1997-06-01"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            attendu = tableau_rfm(cdnow_achats, date_reference=reference, montant="montant")
        _egaux(rfm_sql.rfm_parquet(fichier, reference, montant="montant"), attendu)


def test_duckdb_plusieurs_fichiers_parquet_et_tickets(tmp_path) -> None:
    pytest.importorskip("duckdb")
    transactions = charger("transactions")
    annee = transactions["date"].dt.year
    for a in sorted(annee.unique()):
        rfm_sql.ecrire_parquet(transactions[annee == a], tmp_path / f"transactions_{a}.parquet")
    attendu = tableau_rfm(transactions, date_reference="2025-01-01", ticket="ticket_id")
    _egaux(rfm_sql.rfm_parquet(tmp_path / "*.parquet", "2025-01-01", ticket="ticket_id"), attendu)


def test_duckdb_fichier_absent(tmp_path) -> None:
    pytest.importorskip("duckdb")
    with pytest.raises(ErreurDonnees, match="DuckDB a échoué"):
        rfm_sql.rfm_parquet(tmp_path / "absent.parquet", "2025-01-01")
