"""Les lignes de vente d'un journal de transactions, communes aux associations et aux typologies."""

from __future__ import annotations

import pandas as pd

from grc.validation import ErreurDonnees, en_nombres, signaler_exclusion, verifier_table


def lignes_de_vente(transactions: pd.DataFrame, colonnes: list[str], quantite: str) -> pd.DataFrame:
    """Les lignes de vente (quantité > 0) ; les retours sont écartés et signalés."""
    table = verifier_table(transactions, colonnes + [quantite], "la table des transactions")
    quantites = en_nombres(table[quantite], quantite)
    retours = quantites <= 0
    signaler_exclusion(int(retours.sum()), "ligne de retour (quantité négative ou nulle), qui n'est pas un achat")
    manquantes = table[colonnes].isna().any(axis=1) & ~retours
    signaler_exclusion(int(manquantes.sum()), f"valeur manquante dans {', '.join(colonnes)}")
    ventes = table.loc[~retours & ~manquantes, colonnes]
    if ventes.empty:
        raise ErreurDonnees("Aucune ligne de vente (quantité positive) dans la table des transactions.")
    return ventes


def ordre_des_rayons(colonnes: pd.Index, serie: pd.Series) -> list[str]:
    """Ordre des rayons : celui des catégories s'il existe, sinon l'ordre alphabétique."""
    presents = [str(c) for c in colonnes]
    if isinstance(serie.dtype, pd.CategoricalDtype):
        return [str(c) for c in serie.cat.categories if str(c) in presents]
    return sorted(presents)
