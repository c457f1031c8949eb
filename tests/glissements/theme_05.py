"""Glissements du thème 05 (marketing relationnel) : chaque réponse glissée est recalculée ici comme l'élève la ferait.

Une ligne = (exercice, sorte de glissement, la réponse glissée, la bonne réponse).
"""

from functools import cache

import numpy as np

from grc import relationnel, rfm
from grc.donnees import charger


@cache
def _t2024():
    t = charger("transactions")
    return t[t["date"].dt.year == 2024]


def _effet_carte(compter):
    t = _t2024()
    frequence = compter(t.groupby("client_id"))
    carte = charger("clients").set_index("client_id")["carte_fidelite"].reindex(frequence.index)
    return frequence[carte].mean() / frequence[~carte].mean()


def _inertie(lignes=False):
    enquetes = charger("enquetes").sort_values("enquete_id").drop_duplicates("client_id", keep="last")
    enquetes = enquetes.set_index("client_id")
    g = _t2024().groupby("client_id")
    tickets = (g.size() if lignes else g["ticket_id"].nunique()).reindex(enquetes.index).fillna(0)
    return relationnel.type_fidelite(tickets >= 4, enquetes["recommandation"] >= 9).value_counts()


@cache
def _habitudes():
    t = charger("transactions")
    segments = (rfm.tableau_rfm(t, date_reference="2025-01-01", ticket="ticket_id")
                .pipe(rfm.scores_rfm).pipe(rfm.segments_rfm))
    return relationnel.habitudes_par_segment(t, segments, date_reference="2025-01-01")


def _point_mort(taux_de_marge=False):
    h = _habitudes()
    taux = h["taux_marque"] / (1 - h["taux_marque"]) if taux_de_marge else h["taux_marque"]
    return relationnel.visites_point_mort(h["frequence"], h["panier_moyen"], taux, 0.02, 0.30, 3.0)


def _non_utilisation():
    ca = _t2024().groupby("client_id")["montant_ht"].sum()
    points = np.floor(ca.clip(lower=0))
    return 1 - (points // 500 * 500).sum() / points.sum()


GLISSEMENTS = [
    ("05_effet_carte", "lignes_pour_tickets", lambda: _effet_carte(lambda g: g.size()),
     lambda: _effet_carte(lambda g: g["ticket_id"].nunique())),
    ("05_fidelite_inertie", "lignes_pour_tickets", lambda: _inertie(lignes=True), _inertie),
    # le taux de marge (marge / coût d'achat) pris pour le taux de marque (marge / prix de vente)
    ("05_point_mort", "marge_pour_marque", lambda: _point_mort(taux_de_marge=True), _point_mort),
    ("05_non_utilisation", "pourcentage_pour_fraction", lambda: 100 * _non_utilisation(), _non_utilisation),
]
