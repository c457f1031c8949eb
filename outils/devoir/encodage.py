"""Mettre une réponse attendue sous une forme simple (JSON), que le test caché peut écrire en clair.

Ce module est importé **dans le noyau** qui exécute le corrigé (voir :mod:`outils.devoir.attendus`).
Formes reconnues :

- ``entier`` et ``nombre`` : un nombre (entier comparé exactement, à virgule avec une tolérance) ;
- ``ensemble`` : une liste, un tuple, un ensemble ou un index d'identifiants (l'ordre ne compte pas) ;
- ``serie`` : une Series numérique (étiquettes lues en texte) ;
- ``table`` : un DataFrame (étiquettes en texte ; un tableau sans index, dont la première colonne est un
  texte sans doublon, comme le résultat d'une requête SQL, est indexé par cette colonne) ;
- ``texte`` : un choix écrit (comparé sans accents, majuscules ni espaces superflus, comme ``verifier``) ;
- ``dictionnaire`` : un dictionnaire de nombres ou de textes (clés lues en texte) ;
- ``inconnu`` : tout le reste (un objet jugé par des règles : voir :mod:`outils.devoir.regles`).
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd


def _scalaire(valeur):
    """Un scalaire Python (int, float, bool, str) ou ``None`` pour une valeur manquante."""
    if valeur is None or (isinstance(valeur, float) and np.isnan(valeur)) or valeur is pd.NA:
        return None
    if isinstance(valeur, bool | np.bool_):
        return bool(valeur)
    if isinstance(valeur, numbers.Integral):
        return int(valeur)
    if isinstance(valeur, numbers.Real):
        return None if np.isnan(float(valeur)) else float(valeur)
    return str(valeur)


def _table_indexee(table: pd.DataFrame) -> pd.DataFrame:
    """Indexe par sa première colonne un tableau sans index (RangeIndex) dont elle est un texte sans doublon."""
    if isinstance(table.index, pd.RangeIndex) and table.shape[1] > 1:
        premiere = table.columns[0]
        colonne = table[premiere]
        if not pd.api.types.is_numeric_dtype(colonne) and colonne.is_unique:
            return table.set_index(premiere)
    return table


def encoder(valeur) -> dict:
    """La forme JSON d'une réponse attendue.

    >>> encoder(3)
    {'type': 'entier', 'valeur': 3}
    >>> encoder(["B", "A"])
    {'type': 'ensemble', 'valeurs': ['A', 'B']}
    >>> encoder(pd.Series([1.5, 2.0], index=["x", "y"]))
    {'type': 'serie', 'valeurs': {'x': 1.5, 'y': 2.0}}
    >>> encoder(pd.DataFrame({"magasin": ["Lyon", "Web"], "ca_ht": [10.0, 5.0]}))["index"]
    'magasin'
    >>> encoder("Lancer et mesurer")
    {'type': 'texte', 'valeur': 'Lancer et mesurer'}
    >>> encoder({1: "NPS", 2: "ROI"})
    {'type': 'dictionnaire', 'valeurs': {'1': 'NPS', '2': 'ROI'}}
    >>> encoder(object())["type"]
    'inconnu'
    """
    if isinstance(valeur, bool | np.bool_):
        return {"type": "inconnu", "classe": "bool"}
    if isinstance(valeur, str):
        return {"type": "texte", "valeur": valeur}
    if isinstance(valeur, dict) and valeur and all(
            isinstance(v, str | numbers.Real) and not isinstance(v, bool | np.bool_) for v in valeur.values()):
        return {"type": "dictionnaire", "valeurs": {str(k): _scalaire(v) for k, v in valeur.items()}}
    if isinstance(valeur, numbers.Integral):
        return {"type": "entier", "valeur": int(valeur)}
    if isinstance(valeur, numbers.Real) and not np.isnan(float(valeur)):
        return {"type": "nombre", "valeur": float(valeur)}
    if isinstance(valeur, pd.DataFrame):
        table = _table_indexee(valeur)
        if table.index.has_duplicates:
            return {"type": "inconnu", "classe": "DataFrame"}
        colonnes = {str(c): {str(i): _scalaire(v) for i, v in table[c].items()} for c in table.columns}
        return {"type": "table", "index": None if table.index.name is None else str(table.index.name),
                "colonnes": colonnes}
    if isinstance(valeur, pd.Series) and pd.api.types.is_numeric_dtype(valeur) and valeur.index.is_unique:
        return {"type": "serie", "valeurs": {str(i): _scalaire(v) for i, v in valeur.items()}}
    if isinstance(valeur, list | tuple | set | frozenset | pd.Index | np.ndarray):
        elements = list(valeur)
        if all(isinstance(e, str | numbers.Integral) for e in elements):
            return {"type": "ensemble", "valeurs": sorted(str(e) for e in elements)}
    return {"type": "inconnu", "classe": type(valeur).__name__}
