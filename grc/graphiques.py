"""Le style commun des graphiques du cours : seaborn, libellés et nombres à la française."""

from __future__ import annotations

import matplotlib as mpl
import seaborn as sns
from matplotlib.ticker import FuncFormatter

PALETTE = "crest"


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


FORMAT_EUROS = FuncFormatter(lambda v, _: euros(v))
FORMAT_POURCENT = FuncFormatter(lambda v, _: pourcent(v, 0))
FORMAT_NOMBRE = FuncFormatter(lambda v, _: nombre_fr(v))


def appliquer_style() -> None:
    """Applique le thème du cours à tous les graphiques qui suivent (à appeler une fois)."""
    sns.set_theme(style="whitegrid", palette=PALETTE, context="notebook")
    mpl.rcParams.update(
        {
            "figure.figsize": (8, 4.5),
            "figure.dpi": 90,
            "axes.titleweight": "bold",
            "axes.formatter.use_locale": False,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
