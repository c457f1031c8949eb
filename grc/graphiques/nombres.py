"""Les nombres à la française : espace des milliers, virgule décimale, euros, pourcentages.

Du texte seulement (ni matplotlib ni seaborn) : les messages d'erreur et les tableaux s'en servent aussi.
"""

from __future__ import annotations


def nombre_fr(valeur: float, decimales: int = 0) -> str:
    """Écrit un nombre à la française : espace des milliers, virgule décimale.

    >>> nombre_fr(1234567.891, 2)
    '1 234 567,89'
    """
    texte = f"{valeur:,.{decimales}f}"
    return texte.replace(",", " ").replace(".", ",")


def euros(valeur: float, decimales: int = 0) -> str:
    """Écrit un montant en euros à la française.

    >>> euros(1500)
    '1 500 €'
    """
    return f"{nombre_fr(valeur, decimales)} €"


def pourcent(fraction: float, decimales: int = 1) -> str:
    """Écrit une fraction en pourcentage à la française.

    >>> pourcent(0.256)
    '25,6 %'
    """
    return f"{nombre_fr(100 * fraction, decimales)} %"
