"""Une vraie base SQLite construite depuis des tables pandas, et interrogée en SQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from contextlib import closing
from pathlib import Path

import pandas as pd

from grc.validation import ErreurDonnees, verifier_table


def _pour_sqlite(table: pd.DataFrame) -> pd.DataFrame:
    """Types que SQLite sait ranger : dates en texte ISO, booléens en 0/1, catégories en texte."""
    colonnes = {}
    for nom, serie in table.items():
        if pd.api.types.is_datetime64_any_dtype(serie):
            colonnes[nom] = serie.dt.strftime("%Y-%m-%d").astype(object).where(serie.notna(), None)
        elif pd.api.types.is_bool_dtype(serie):
            colonnes[nom] = serie.astype("Int64").astype(object).where(serie.notna(), None)
        elif isinstance(serie.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(serie):
            colonnes[nom] = serie.astype(object).where(serie.notna(), None)
        else:
            colonnes[nom] = serie
    return pd.DataFrame(colonnes, index=table.index)


def construire_base(tables: Mapping[str, pd.DataFrame], chemin: str | Path) -> Path:
    """Écrit des tables pandas dans un fichier SQLite (remplacé s'il existe) et renvoie son chemin.

    Les dates sont rangées en texte ``AAAA-MM-JJ`` (ce que SQLite compare et trie
    correctement), les booléens en 0/1. Chaque colonne qui finit par ``_id`` est
    indexée, ce qui accélère les jointures.

    Parameters
    ----------
    tables : dict nom → DataFrame
        Par exemple ``{"clients": clients, "transactions": transactions}``.
    chemin : chemin du fichier ``.sqlite`` à créer.

    Examples
    --------
    >>> import tempfile
    >>> dossier = Path(tempfile.mkdtemp())
    >>> base = construire_base({"clients": pd.DataFrame({"client_id": ["C1", "C2"]})}, dossier / "essai.sqlite")
    >>> interroger(base, "SELECT COUNT(*) AS n FROM clients")["n"].item()
    2
    """
    if not tables:
        raise ErreurDonnees("Aucune table à écrire dans la base : donnez au moins une table.")
    chemin = Path(chemin)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.unlink(missing_ok=True)
    with closing(sqlite3.connect(chemin)) as connexion:
        for nom, table in tables.items():
            verifier_table(table, [], nom=f"la table '{nom}'")
            _pour_sqlite(table).to_sql(nom, connexion, index=False)
            for colonne in table.columns:
                if str(colonne).endswith("_id"):
                    connexion.execute(f'CREATE INDEX "idx_{nom}_{colonne}" ON "{nom}" ("{colonne}")')
        connexion.commit()
    return chemin


def tables_de_la_base(chemin: str | Path) -> list[str]:
    """Les noms des tables d'une base SQLite, dans l'ordre alphabétique."""
    requete = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
    return interroger(chemin, requete)["name"].tolist()


def interroger(chemin: str | Path, requete: str, *, parametres: Mapping | tuple | None = None) -> pd.DataFrame:
    """Exécute une requête SQL sur une base SQLite et renvoie le résultat en DataFrame.

    Une requête fautive (table ou colonne inconnue, faute de syntaxe) donne une
    erreur en français qui rappelle le message de SQLite et les tables présentes.

    >>> import tempfile
    >>> base = construire_base({"t": pd.DataFrame({"x": [1, 2, 3]})}, Path(tempfile.mkdtemp()) / "b.sqlite")
    >>> interroger(base, "SELECT SUM(x) AS total FROM t WHERE x >= ?", parametres=(2,))["total"].item()
    5
    """
    chemin = Path(chemin)
    if not chemin.is_file():
        raise ErreurDonnees(f"La base SQLite {chemin} n'existe pas : construisez-la d'abord avec construire_base().")
    with closing(sqlite3.connect(chemin)) as connexion:
        try:
            return pd.read_sql_query(requete, connexion, params=parametres)
        except (sqlite3.Error, pd.errors.DatabaseError) as erreur:
            noms = connexion.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
            presentes = ", ".join(sorted(n for (n,) in noms)) or "aucune"
            raise ErreurDonnees(
                f"La requête SQL a échoué ({erreur}). Vérifiez les noms de tables et de colonnes "
                f"et la syntaxe. Tables présentes : {presentes}."
            ) from None
