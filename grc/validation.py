"""Contrôles communs des tables d'entrée, avec des messages en français.

Toutes les fonctions de ``grc`` passent par ces contrôles : une colonne
manquante, un type inattendu ou une table vide donnent la même erreur claire,
qui dit ce qui était attendu, ce qui a été trouvé et comment corriger.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

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
