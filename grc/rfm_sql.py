"""Le tableau RFM en SQL, pour une base qui ne tient plus en mémoire.

:func:`grc.rfm.tableau_rfm` charge toutes les transactions dans pandas. Quand l'historique
dépasse la mémoire de l'ordinateur (des centaines de millions de lignes), on laisse une base de
données faire le calcul, là où sont les données, et l'on ne rapatrie que le résultat : une ligne
par client. Deux moteurs sans serveur, qui tournent dans le processus Python :

- **SQLite** (module ``sqlite3`` de la bibliothèque standard) : un fichier ``.sqlite``, lu par
  morceaux sur le disque (:func:`rfm_sqlite`) ;
- **DuckDB** (paquet ``duckdb``, optionnel) : lit directement un ou plusieurs fichiers
  **Parquet** (format en colonnes, compressé), en parallèle et sans tout charger
  (:func:`rfm_parquet`, :func:`ecrire_parquet`).

La requête (:func:`requete_rfm`) suit les conventions de :func:`grc.rfm.tableau_rfm` : récence en
jours depuis la date de référence, fréquence = nombre de lignes (ou de tickets distincts),
montant = somme ; les lignes incomplètes ou datées après la date de référence sont écartées.
Le résultat est identique, client par client (c'est testé).
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

import pandas as pd

from grc.base_marketing import interroger
from grc.validation import ErreurDonnees, lire_date, verifier_table

__all__ = ["ecrire_parquet", "requete_rfm", "rfm_parquet", "rfm_sqlite"]

_DIALECTES = ("sqlite", "duckdb")


def _nom_sql(nom: str) -> str:
    """Nom de table ou de colonne entre guillemets doubles (les guillemets internes doublés)."""
    if not isinstance(nom, str) or not nom:
        raise ErreurDonnees(f"Nom de colonne ou de table invalide : {nom!r}.")
    return '"' + nom.replace('"', '""') + '"'


def requete_rfm(
    source: str = "transactions",
    *,
    client: str = "client_id",
    date: str = "date",
    montant: str = "montant_ht",
    ticket: str | None = None,
    dialecte: str = "sqlite",
) -> str:
    """Le texte de la requête SQL qui calcule le tableau RFM (paramètre : la date de référence).

    Parameters
    ----------
    source : str
        Le nom de la table (``"transactions"``), ou pour DuckDB une expression comme
        ``"read_parquet('achats/*.parquet')"`` (écrite telle quelle).
    client, date, montant : str
        Noms des colonnes.
    ticket : str, optionnel
        Colonne du numéro de ticket : la fréquence compte alors les tickets distincts.
    dialecte : {"sqlite", "duckdb"}
        SQLite : paramètre ``:date_reference``, dates en texte ``AAAA-MM-JJ`` ; DuckDB :
        paramètre ``$date_reference``, dates de type DATE ou TIMESTAMP.

    Examples
    --------
    >>> print(requete_rfm())
    SELECT "client_id" AS client,
           CAST(ROUND(julianday(:date_reference) - julianday(MAX(date("date")))) AS INTEGER) AS recence,
           COUNT(*) AS frequence,
           SUM("montant_ht") AS montant
    FROM transactions
    WHERE "client_id" IS NOT NULL AND "montant_ht" IS NOT NULL
      AND date("date") <= date(:date_reference)
    GROUP BY "client_id"
    ORDER BY "client_id"
    """
    if dialecte not in _DIALECTES:
        raise ErreurDonnees(f"dialecte doit valoir 'sqlite' ou 'duckdb', pas {dialecte!r}.")
    c, d, m = _nom_sql(client), _nom_sql(date), _nom_sql(montant)
    if dialecte == "sqlite":
        jour, reference = f"date({d})", "date(:date_reference)"
        recence = f"CAST(ROUND(julianday(:date_reference) - julianday(MAX({jour}))) AS INTEGER)"
    else:
        jour, reference = f"CAST({d} AS DATE)", "CAST($date_reference AS DATE)"
        recence = f"date_diff('day', MAX({jour}), {reference})"
    frequence = "COUNT(*)" if ticket is None else f"COUNT(DISTINCT {_nom_sql(ticket)})"
    filtre_ticket = "" if ticket is None else f" AND {_nom_sql(ticket)} IS NOT NULL"
    return (
        f"SELECT {c} AS client,\n"
        f"       {recence} AS recence,\n"
        f"       {frequence} AS frequence,\n"
        f"       SUM({m}) AS montant\n"
        f"FROM {source}\n"
        f"WHERE {c} IS NOT NULL AND {m} IS NOT NULL{filtre_ticket}\n"
        f"  AND {jour} <= {reference}\n"
        f"GROUP BY {c}\n"
        f"ORDER BY {c}"
    )


def _en_tableau_rfm(resultat: pd.DataFrame, client: str) -> pd.DataFrame:
    """Met le résultat SQL dans la forme de tableau_rfm : index client, types entiers et réel."""
    if resultat.empty:
        raise ErreurDonnees("La requête ne renvoie aucun client : la table est vide, ou toutes ses dates suivent la date de référence.")
    table = pd.DataFrame(
        {
            "recence": resultat["recence"].astype("int64").to_numpy(),
            "frequence": resultat["frequence"].astype("int64").to_numpy(),
            "montant": resultat["montant"].astype("float64").to_numpy(),
        },
        index=pd.Index(resultat["client"], name=client),
    )
    return table


def rfm_sqlite(
    chemin_base: str | Path,
    date_reference: object,
    *,
    table: str = "transactions",
    client: str = "client_id",
    date: str = "date",
    montant: str = "montant_ht",
    ticket: str | None = None,
) -> pd.DataFrame:
    """Calcule le tableau RFM dans une base SQLite (seul le résultat, un client par ligne, est chargé).

    Construisez la base avec :func:`grc.base_marketing.construire_base` (dates rangées en texte
    ``AAAA-MM-JJ``), ou utilisez la vôtre.

    Returns
    -------
    DataFrame
        Comme :func:`grc.rfm.tableau_rfm` : index client (trié), ``recence`` (jours),
        ``frequence``, ``montant``.

    Examples
    --------
    >>> import tempfile
    >>> from grc.base_marketing import construire_base
    >>> achats = pd.DataFrame({"client_id": ["A", "A", "B"],
    ...                        "date": pd.to_datetime(["2024-12-21", "2024-06-01", "2024-10-01"]),
    ...                        "montant_ht": [30.0, 50.0, 20.0]})
    >>> base = construire_base({"transactions": achats}, Path(tempfile.mkdtemp()) / "achats.sqlite")
    >>> rfm_sqlite(base, "2025-01-01")  # doctest: +NORMALIZE_WHITESPACE
               recence  frequence  montant
    client_id
    A               11          2     80.0
    B               92          1     20.0
    """
    reference = lire_date(date_reference, "date_reference")
    requete = requete_rfm(_nom_sql(table), client=client, date=date, montant=montant, ticket=ticket, dialecte="sqlite")
    resultat = interroger(chemin_base, requete, parametres={"date_reference": f"{reference:%Y-%m-%d}"})
    return _en_tableau_rfm(resultat, client)


def _duckdb():
    if importlib.util.find_spec("duckdb") is None:
        raise ModuleNotFoundError(
            "Le paquet « duckdb » n'est pas installé : « pip install duckdb » (ou utilisez SQLite avec rfm_sqlite).",
            name="duckdb",
        )
    return importlib.import_module("duckdb")


def ecrire_parquet(transactions: pd.DataFrame, chemin: str | Path) -> Path:
    """Écrit une table pandas dans un fichier Parquet (avec DuckDB ; le fichier est remplacé).

    Examples
    --------
    (exemple sauté par les tests si DuckDB n'est pas installé)

    >>> import pytest; _ = pytest.importorskip("duckdb")
    >>> import tempfile
    >>> chemin = ecrire_parquet(pd.DataFrame({"x": [1, 2]}), Path(tempfile.mkdtemp()) / "t.parquet")
    >>> chemin.suffix
    '.parquet'
    """
    verifier_table(transactions, [], "la table à écrire")
    duckdb = _duckdb()
    chemin = Path(chemin)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    connexion = duckdb.connect()
    try:
        connexion.register("table_pandas", transactions)
        connexion.execute(f"COPY (SELECT * FROM table_pandas) TO '{_chaine_sql(chemin)}' (FORMAT parquet)")
    finally:
        connexion.close()
    return chemin


def _chaine_sql(chemin: str | Path) -> str:
    return str(chemin).replace("'", "''")


def rfm_parquet(
    chemins: str | Path,
    date_reference: object,
    *,
    client: str = "client_id",
    date: str = "date",
    montant: str = "montant_ht",
    ticket: str | None = None,
) -> pd.DataFrame:
    """Calcule le tableau RFM avec DuckDB directement sur un ou plusieurs fichiers Parquet.

    ``chemins`` peut être un motif (``"achats/*.parquet"``) : DuckDB lit les fichiers colonne
    par colonne, en parallèle, sans jamais charger toute la table en mémoire.

    Examples
    --------
    (exemple sauté par les tests si DuckDB n'est pas installé)

    >>> import pytest; _ = pytest.importorskip("duckdb")
    >>> import tempfile
    >>> achats = pd.DataFrame({"client_id": ["A", "A", "B"],
    ...                        "date": pd.to_datetime(["2024-12-21", "2024-06-01", "2024-10-01"]),
    ...                        "montant_ht": [30.0, 50.0, 20.0]})
    >>> fichier = ecrire_parquet(achats, Path(tempfile.mkdtemp()) / "achats.parquet")
    >>> rfm_parquet(fichier, "2025-01-01")["recence"].tolist()
    [11, 92]
    """
    reference = lire_date(date_reference, "date_reference")
    duckdb = _duckdb()
    source = f"read_parquet('{_chaine_sql(chemins)}')"
    requete = requete_rfm(source, client=client, date=date, montant=montant, ticket=ticket, dialecte="duckdb")
    connexion = duckdb.connect()
    try:
        resultat = connexion.execute(requete, {"date_reference": reference.date()}).df()
    except duckdb.Error as erreur:
        raise ErreurDonnees(f"La requête DuckDB a échoué ({erreur}). Vérifiez le chemin des fichiers et les noms de colonnes.") from None
    finally:
        connexion.close()
    return _en_tableau_rfm(resultat, client)
