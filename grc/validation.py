"""Contrôles communs des tables d'entrée, avec des messages en français.

Toutes les fonctions de ``grc`` passent par ces contrôles : une colonne
manquante, un type inattendu ou une table vide donnent la même erreur claire,
qui dit ce qui était attendu, ce qui a été trouvé et comment corriger.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping

import pandas as pd


class ErreurDonnees(ValueError):
    """Données d'entrée inutilisables ; le message dit quoi corriger."""


class LignesExclues(UserWarning):
    """Des lignes ont été écartées d'un calcul ; le message dit combien et pourquoi."""


def verifier_table(table: object, colonnes: Iterable[str], nom: str = "la table") -> pd.DataFrame:
    """Vérifie qu'une table est un DataFrame non vide qui a les colonnes demandées.

    >>> verifier_table(pd.DataFrame({"client_id": [1]}), ["client_id"]).shape
    (1, 1)
    >>> verifier_table(pd.DataFrame({"client": [1]}), ["client_id"])
    Traceback (most recent call last):
    ...
    grc.validation.ErreurDonnees: Colonne manquante dans la table : 'client_id'. Colonnes présentes : 'client'. Renommez la colonne ou indiquez son nom en paramètre (par exemple client='...').
    """
    if not isinstance(table, pd.DataFrame):
        raise ErreurDonnees(
            f"{nom.capitalize()} doit être un DataFrame pandas, pas un objet {type(table).__name__}."
        )
    manquantes = [c for c in colonnes if c not in table.columns]
    if manquantes:
        presentes = ", ".join(repr(str(c)) for c in table.columns) or "aucune"
        liste = ", ".join(repr(c) for c in manquantes)
        pluriel = "s" if len(manquantes) > 1 else ""
        raise ErreurDonnees(
            f"Colonne{pluriel} manquante{pluriel} dans {nom} : {liste}. "
            f"Colonnes présentes : {presentes}. Renommez la colonne ou indiquez son nom "
            "en paramètre (par exemple client='...')."
        )
    if table.empty:
        raise ErreurDonnees(f"{nom.capitalize()} est vide : aucune ligne à analyser.")
    return table


def en_nombres(serie: pd.Series, nom: str) -> pd.Series:
    """Convertit une colonne en nombres, virgule décimale française comprise.

    Une valeur qui n'est pas un nombre lève une erreur qui cite la colonne,
    la première valeur fautive et son nombre d'occurrences.

    >>> en_nombres(pd.Series(["12,5", "3"]), "montant").tolist()
    [12.5, 3.0]
    """
    if pd.api.types.is_bool_dtype(serie):
        raise ErreurDonnees(f"La colonne '{nom}' contient des booléens : des nombres étaient attendus.")
    if pd.api.types.is_numeric_dtype(serie):
        return serie.astype("float64")
    texte = serie.astype("string").str.strip()
    texte = texte.str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
    texte = texte.str.replace(",", ".", regex=False)
    nombres = pd.to_numeric(texte, errors="coerce")
    fautives = nombres.isna() & serie.notna()
    if fautives.any():
        exemple = serie[fautives].iloc[0]
        raise ErreurDonnees(
            f"La colonne '{nom}' doit contenir des nombres : {int(fautives.sum())} valeur(s) "
            f"illisible(s), par exemple {exemple!r}. Corrigez ces cellules dans le fichier source."
        )
    return nombres.astype("float64")


def en_dates(serie: pd.Series, nom: str) -> pd.Series:
    """Convertit une colonne en dates (ISO ``2024-03-15`` ou française ``15/03/2024``).

    >>> en_dates(pd.Series(["2024-03-15", "16/03/2024"]), "date").dt.day.tolist()
    [15, 16]
    """
    if pd.api.types.is_datetime64_any_dtype(serie):
        return serie
    texte = serie.astype("string").str.strip()
    dates = pd.to_datetime(texte, format="%Y-%m-%d", errors="coerce")
    for format_date in ("%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M"):
        restantes = dates.isna() & texte.notna()
        if not restantes.any():
            break
        # Seules les lignes encore illisibles sont relues : la colonne entière ne l'est qu'une fois.
        dates[restantes] = pd.to_datetime(texte[restantes], format=format_date, errors="coerce")
    fautives = dates.isna() & serie.notna()
    if fautives.any():
        exemple = serie[fautives].iloc[0]
        raise ErreurDonnees(
            f"La colonne '{nom}' contient {int(fautives.sum())} date(s) illisible(s), par exemple "
            f"{exemple!r}. Formats acceptés : AAAA-MM-JJ ou JJ/MM/AAAA."
        )
    return dates


def signaler_exclusion(nombre: int, raison: str) -> None:
    """Avertit qu'un calcul a écarté des lignes (rien n'est perdu en silence)."""
    if nombre:
        warnings.warn(f"{nombre} ligne(s) écartée(s) : {raison}.", LignesExclues, stacklevel=3)


def lire_date(valeur: object, nom: str) -> pd.Timestamp:
    """Lit une date isolée passée en paramètre (texte ISO ou JJ/MM/AAAA, date, Timestamp), ramenée au jour.

    ``nom`` est le nom du paramètre, cité par l'erreur si la valeur n'est pas une date.

    >>> lire_date("15/03/2024", "date_reference")
    Timestamp('2024-03-15 00:00:00')
    >>> lire_date("demain", "date_reference")
    Traceback (most recent call last):
    ...
    grc.validation.ErreurDonnees: La colonne 'date_reference' contient 1 date(s) illisible(s), par exemple 'demain'. Formats acceptés : AAAA-MM-JJ ou JJ/MM/AAAA.
    """
    if isinstance(valeur, str):
        return en_dates(pd.Series([valeur]), nom).iloc[0].normalize()
    try:
        date = pd.Timestamp(valeur)
    except (TypeError, ValueError) as erreur:
        raise ErreurDonnees(
            f"Le paramètre {nom} doit être une date (par exemple '2025-01-01'), pas {valeur!r}."
        ) from erreur
    if pd.isna(date):
        raise ErreurDonnees(f"Le paramètre {nom} est vide : donnez une date, par exemple '2025-01-01'.")
    return date.normalize()


_LIBELLES_ROLES = {
    "client": "identifiant client manquant",
    "date": "date manquante",
    "montant": "montant manquant",
    "ticket": "numéro de ticket manquant",
    "type": "type de produit manquant",
}


def lignes_valides(transactions: object, colonnes: Mapping[str, str],
                   nom: str = "la table des transactions") -> pd.DataFrame:
    """Les colonnes utiles d'un journal de transactions, sous des noms fixes, converties et complètes.

    ``colonnes`` associe un rôle (``client``, ``date``, ``montant``, ``ticket``, ``type``) au nom de
    sa colonne dans la table. La table rendue a une colonne par rôle, nommée par le rôle ; les dates
    sont ramenées au jour, les montants convertis en nombres ; les lignes où manque une valeur sont
    écartées, et chaque exclusion est signalée (combien de lignes, pourquoi).

    >>> achats = pd.DataFrame({"id": ["A", None], "jour": ["02/01/2024", "03/01/2024"], "ht": ["1,5", "2"]})
    >>> lignes_valides(achats, {"client": "id", "date": "jour", "montant": "ht"})
      client       date  montant
    0      A 2024-01-02      1.5
    """
    table = verifier_table(transactions, list(colonnes.values()), nom)
    lignes = pd.DataFrame({role: table[colonne] for role, colonne in colonnes.items()})
    lignes["date"] = en_dates(lignes["date"], colonnes["date"]).dt.normalize()
    if "montant" in lignes:
        lignes["montant"] = en_nombres(lignes["montant"], colonnes["montant"])
    for role, colonne in colonnes.items():
        manquantes = lignes[role].isna()
        if manquantes.any():
            signaler_exclusion(int(manquantes.sum()), f"{_LIBELLES_ROLES[role]} (colonne '{colonne}')")
            lignes = lignes[~manquantes]
    if lignes.empty:
        raise ErreurDonnees(f"Aucune ligne exploitable dans {nom} après exclusion des valeurs manquantes.")
    return lignes


def lignes_jusqu_a(lignes: pd.DataFrame, limite: pd.Timestamp, nom: str) -> pd.DataFrame:
    """Écarte, en le signalant, les lignes (colonne ``date``) postérieures à ``limite``.

    ``nom`` dit ce qu'est la limite (« la date de référence ») ; une erreur si rien ne reste.

    >>> lignes = pd.DataFrame({"date": pd.to_datetime(["2024-01-02", "2024-02-01"])})
    >>> len(lignes_jusqu_a(lignes, pd.Timestamp("2024-01-31"), "la date de référence"))
    1
    """
    futures = lignes["date"] > limite
    if futures.any():
        signaler_exclusion(int(futures.sum()), f"date postérieure à {nom} ({limite:%Y-%m-%d})")
        lignes = lignes[~futures]
        if lignes.empty:
            raise ErreurDonnees(
                f"Toutes les transactions sont postérieures à {nom} ({limite:%Y-%m-%d}) : "
                "choisissez une date plus tardive."
            )
    return lignes
