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


def _toutes_annees():
    return charger("transactions")


def _part_carte(facteur=1.0):
    return facteur * float(charger("clients")["carte_fidelite"].mean())


def _ca_par_rayon(lignes):
    return lignes.groupby("rayon", observed=True)["montant_ht"].sum().sort_values(ascending=False)


GLISSEMENTS = [
    ("00_panier_moyen", "lignes_pour_tickets", _panier_par_ligne, _panier_moyen),
    ("00_panier_moyen", "dates_pour_tickets",
     lambda: _ventes_2024()["montant_ht"].sum() / _ventes_2024()["date"].nunique(), _panier_moyen),
    ("00_panier_moyen", "toutes_annees",
     lambda: _toutes_annees()["montant_ht"].sum() / _toutes_annees()["ticket_id"].nunique(), _panier_moyen),
    ("00_part_carte", "pourcentage_pour_fraction", lambda: _part_carte(100), _part_carte),
    ("00_ca_2024", "toutes_annees", lambda: _toutes_annees()["montant_ht"].sum(),
     lambda: _ventes_2024()["montant_ht"].sum()),
    ("00_ca_2024", "moyenne_pour_somme", lambda: _ventes_2024()["montant_ht"].mean(),
     lambda: _ventes_2024()["montant_ht"].sum()),
    ("00_ca_par_rayon", "toutes_annees", lambda: _ca_par_rayon(_toutes_annees()),
     lambda: _ca_par_rayon(_ventes_2024())),
]
