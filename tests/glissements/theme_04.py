"""Glissements du thème 04 (valeur client) : chaque réponse glissée est recalculée ici comme l'élève la ferait.

Une ligne = (exercice, sorte de glissement, la réponse glissée, la bonne réponse).
"""

from functools import cache

from grc import valeur
from grc.donnees import charger


@cache
def _donnees():
    t = charger("transactions")
    annee = t["date"].dt.year
    actifs = {a: set(t.loc[annee == a, "client_id"]) for a in (2023, 2024)}
    t2024 = t[annee == 2024]
    r = len(actifs[2023] & actifs[2024]) / len(actifs[2023])
    return {"t2024": t2024, "r": r, "n_actifs": t2024["client_id"].nunique(), "actifs": actifs}


def _ca_potentiel(lignes=False):
    d = _donnees()
    t = d["t2024"]
    tickets = t["ticket_id"].nunique()
    frequence = (len(t) if lignes else tickets) / d["n_actifs"]  # lignes comptées pour la fréquence seulement
    return valeur.ca_potentiel(frequence, t["montant_ht"].sum() / tickets, 3)


def _clv_simple(total=False):
    d = _donnees()
    marge = d["t2024"]["marge_ht"].sum()
    return (marge if total else marge / d["n_actifs"]) / (1 - d["r"])


def _recrues():
    c = charger("clients")
    inscrits = set(c.loc[c["date_inscription"].dt.year == 2023, "client_id"])
    d = _donnees()
    recrues = inscrits & d["actifs"][2023]
    return len(recrues & d["actifs"][2024]) / len(recrues)


def _cliente(marge):
    return float(valeur.clv(marge, 0.85, 0.10) - valeur.clv(marge, 0.75, 0.10))


def _gains(par_client):
    from grc.exercices._themes import theme_04  # les segments du thème 02, comme dans le cahier

    g = theme_04.gains_fidelisation()
    return g["gain_par_client"] if par_client else g["gain_total"]


def _segment(budget):
    return {"segment": "Très bons clients", "budget_par_client": budget}


def _budgets():
    g = _gains(True)
    return float(g["Très bons clients"]), float((_gains(False))["Très bons clients"])


GLISSEMENTS = [
    ("04_ca_potentiel", "lignes_pour_tickets", lambda: _ca_potentiel(lignes=True), _ca_potentiel),
    ("04_taux_retention", "pourcentage_pour_fraction", lambda: 100 * _donnees()["r"], lambda: _donnees()["r"]),
    ("04_duree_de_vie", "pourcentage_pour_fraction", lambda: 1 / (1 - 100 * _donnees()["r"]),
     lambda: 1 / (1 - _donnees()["r"])),
    ("04_retention_nouveaux", "pourcentage_pour_fraction", lambda: 100 * _recrues(), _recrues),
    ("04_clv_simple", "somme_pour_moyenne", lambda: _clv_simple(total=True), _clv_simple),
    # 40 % lu comme un taux de marge sur le coût d'achat : marge = 800 × 0,40 / 1,40
    ("04_budget_cliente", "marge_pour_marque", lambda: _cliente(800 * 0.40 / 1.40), lambda: _cliente(800 * 0.40)),
    ("04_budget_cliente", "pourcentage_pour_fraction", lambda: _cliente(800 * 40), lambda: _cliente(800 * 0.40)),
    ("04_gain_fidelisation", "moyenne_pour_somme", lambda: _gains(True), lambda: _gains(False)),
    ("04_segment_fidelisation", "somme_pour_moyenne", lambda: _segment(_budgets()[1]), lambda: _segment(_budgets()[0])),
]
