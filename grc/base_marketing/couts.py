"""Le coût annuel d'une base marketing, poste par poste."""

from __future__ import annotations

import pandas as pd

from grc.validation import ErreurDonnees


def couts_base(
    investissement: float,
    duree_amortissement: float,
    maintenance: float,
    personnel: float,
    hebergement: float,
    mise_a_jour_par_fiche: float,
    nombre_fiches: int,
) -> pd.Series:
    """Le coût annuel d'une base marketing, poste par poste (en euros par an).

    Coût annuel = investissement ÷ durée d'amortissement + maintenance + personnel
    + hébergement + mise à jour par fiche × nombre de fiches.

    >>> couts = couts_base(30_000, 3, 4_000, 21_000, 2_400, 0.5, 4_000)
    >>> float(couts.sum()), float(couts.sum() / 4_000)
    (39400.0, 9.85)
    """
    montants = {"investissement": investissement, "maintenance": maintenance, "personnel": personnel,
                "hebergement": hebergement, "mise_a_jour_par_fiche": mise_a_jour_par_fiche,
                "nombre_fiches": nombre_fiches}
    negatifs = [nom for nom, valeur in montants.items() if valeur < 0]
    if negatifs:
        raise ErreurDonnees(f"Montant négatif pour : {', '.join(negatifs)}. Un coût est positif ou nul.")
    if duree_amortissement <= 0:
        raise ErreurDonnees("La durée d'amortissement doit être positive (en années), par exemple 3.")
    return pd.Series(
        {
            "Amortissement de l'investissement": investissement / duree_amortissement,
            "Maintenance": float(maintenance),
            "Personnel": float(personnel),
            "Hébergement et exploitation": float(hebergement),
            "Mises à jour des fiches": mise_a_jour_par_fiche * nombre_fiches,
        },
        name="cout_annuel",
    )
