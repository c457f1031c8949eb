"""Le style commun des graphiques du cours : thème seaborn, axes en euros, en pourcentages, en nombres à la française."""

from __future__ import annotations

import matplotlib as mpl
import seaborn as sns
from matplotlib.ticker import FuncFormatter

from grc.graphiques.nombres import euros, nombre_fr, pourcent

PALETTE = "crest"

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
