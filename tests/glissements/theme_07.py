"""Glissements du thème 07 (PAC) : chaque réponse glissée est recalculée ici comme l'élève la ferait.

Une ligne = (exercice, sorte de glissement, la réponse glissée, la bonne réponse).
"""

import math

from grc import pac
from grc.donnees import charger


def _mensuel():
    return pac.suivi_mensuel(charger("transactions"), 2024)


def _juin():
    m = _mensuel()
    return {"ca_mois": m.loc[6, "ca"], "cumul": m.loc[6, "cumul"]}


def _cumul_pour_mois():
    """Le cumul de janvier à juin donné pour le CA du seul mois de juin."""
    m = _mensuel()
    return {"ca_mois": m.loc[6, "cumul"], "cumul": m.loc[6, "cumul"]}


def _cumuls():
    m = _mensuel()
    return m.loc[6, "cumul"], m.loc[6, "cumul_n1"]


def _progression():
    n, n1 = _cumuls()
    return (n - n1) / n1


def _realisation():
    devis = charger("devis")
    c = devis[(devis["statut"] == "accepté") & (devis["date_commande"].dt.year == 2024)
              & (devis["date_commande"].dt.month <= 6)]
    o = charger("objectifs_vendeurs")
    o = o[(o["annee"] == 2024) & (o["mois"] <= 6)]
    ca = c.groupby("vendeur", observed=True)["montant_commande_ht"].sum()
    return ca / o.groupby("vendeur", observed=True)["objectif_ca_ht"].sum()


# Le courrier « Vous nous manquez » du brouillon : 1 800 €, panier 48 €, taux de marque 40 %.
BUDGET, PANIER, MARQUE = 1800, 48, 0.40


def _resultats():
    marge = [60 * 55 * 0.42, 12 * 48 * 0.40, 40 * 62 * 0.45, 70 * 38 * 0.36, 0.0]
    return [m - b for m, b in zip(marge, [2500, 1800, 600, 400, 300], strict=True)]


GLISSEMENTS = [
    ("07_ca_juin", "cumul_pour_mois", _cumul_pour_mois, _juin),
    ("07_progression_cumul", "base_inversee", lambda: (_cumuls()[0] - _cumuls()[1]) / _cumuls()[0], _progression),
    ("07_progression_cumul", "signe_inverse", lambda: -_progression(), _progression),
    ("07_progression_cumul", "pourcentage_pour_fraction", lambda: 100 * _progression(), _progression),
    ("07_realisation_vendeurs", "pourcentage_pour_fraction", lambda: 100 * _realisation(), _realisation),
    # le taux de marge (marge / coût d'achat = 0,40 / 0,60) pris pour le taux de marque
    ("07_point_mort", "marge_pour_marque", lambda: math.ceil(BUDGET / (PANIER * MARQUE / (1 - MARQUE))),
     lambda: math.ceil(BUDGET / (PANIER * MARQUE))),
    ("07_point_mort", "pourcentage_pour_fraction", lambda: math.ceil(BUDGET / (PANIER * 40)),
     lambda: math.ceil(BUDGET / (PANIER * MARQUE))),
    ("07_resultat_brouillon", "signe_inverse", lambda: -sum(_resultats()), lambda: sum(_resultats())),
    ("07_resultat_brouillon", "moyenne_pour_somme", lambda: sum(_resultats()) / 5, lambda: sum(_resultats())),
]
