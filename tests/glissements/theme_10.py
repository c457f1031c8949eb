"""Glissements du thème 10 (étude de cas) : une ligne = (exercice, sorte, réponse glissée, bonne réponse)."""

from grc import base_marketing as bm
from grc import rfm
from grc.donnees import charger
from grc.exercices._themes import theme_10 as t10


def _joignables(table):
    return int((bm.coordonnee_valide(table, "email") & bm.coordonnee_valide(table, "courrier")).sum())


def _ca_magasins(annee_seule=True, distincts=True):
    t = charger("transactions")
    if annee_seule:
        t = t[t["date"].dt.year == 2024]
    t = t.assign(magasin=t["magasin"].astype(str))
    clients = ("client_id", "nunique") if distincts else ("client_id", "size")
    return t.groupby("magasin").agg(ca_ht=("montant_ht", "sum"), clients=clients)


def _portefeuille(ticket="ticket_id", en_pourcentage=False):
    s = (rfm.tableau_rfm(charger("transactions"), date_reference="2025-01-01", ticket=ticket)
         .pipe(rfm.scores_rfm).pipe(rfm.segments_rfm))
    p = s.groupby("segment", observed=True).agg(clients=("montant", "size"), ca_ht=("montant", "sum"))
    p["part_ca"] = p["ca_ht"] / p["ca_ht"].sum() * (100 if en_pourcentage else 1)
    return p


GLISSEMENTS = [
    ("10_fiches_joignables", "lignes_pour_clients", lambda: _joignables(charger("extrait_brut")),
     lambda: _joignables(bm.nettoyer_extrait(charger("extrait_brut"))[0])),
    ("10_sql_magasins", "toutes_annees", lambda: _ca_magasins(annee_seule=False), _ca_magasins),
    ("10_sql_magasins", "lignes_pour_clients", lambda: _ca_magasins(distincts=False), _ca_magasins),
    ("10_portefeuille_segments", "pourcentage_pour_fraction", lambda: _portefeuille(en_pourcentage=True),
     _portefeuille),
    ("10_portefeuille_segments", "lignes_pour_tickets", lambda: _portefeuille(ticket=None), _portefeuille),
    ("10_resultat_action", "signe_inverse", lambda: -t10.action_reference().resultat,
     lambda: t10.action_reference().resultat),
]
