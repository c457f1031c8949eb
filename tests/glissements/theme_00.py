"""Glissements du thème 00 : l'exemple que les autres thèmes recopient.

Une ligne = (exercice, sorte de glissement de :mod:`grc.exercices.glissements`, la réponse glissée
calculée sur les données [, la bonne réponse]). Les lambdas ne sont appelées que par le test.
"""

from grc.donnees import charger


def _ventes_2024():
    t = charger("transactions")
    return t[t["date"].dt.year == 2024]


def _panier_par_ligne():
    """Le CA divisé par le nombre de LIGNES de ticket (un ticket a souvent plusieurs lignes)."""
    t = _ventes_2024()
    return t["montant_ht"].sum() / len(t)


def _panier_moyen():
    t = _ventes_2024()
    return t["montant_ht"].sum() / t["ticket_id"].nunique()


GLISSEMENTS = [
    ("00_panier_moyen", "lignes_pour_tickets", _panier_par_ligne, _panier_moyen),
]
