"""Exercices du thème 00 : prise en main de Jupyter et de pandas."""

from __future__ import annotations

from functools import cache

import pandas as pd

from grc.donnees import charger

from ..comparaisons import comparer_choix, comparer_nombre, comparer_serie
from ..registre import exercice
from ..retour import incorrect

ANNEE = 2024


@cache
def _transactions() -> pd.DataFrame:
    return charger("transactions")


def _transactions_annee() -> pd.DataFrame:
    t = _transactions()
    return t[t["date"].dt.year == ANNEE]


@exercice("00_nombre_clients", indice="Une ligne de la table clients = un client : comptez les lignes.")
def _nombre_clients(reponse):
    return comparer_nombre(reponse, len(charger("clients")), tolerance=0)


@exercice("00_clients_carte", indice="Filtrez la table sur la colonne carte_fidelite, puis comptez.")
def _clients_carte(reponse):
    clients = charger("clients")
    return comparer_nombre(reponse, int(clients["carte_fidelite"].sum()), tolerance=0)


@exercice("00_ca_2024", indice="Gardez les lignes dont l'année de la date est 2024 (t['date'].dt.year), puis sommez montant_ht.")
def _ca_2024(reponse):
    return comparer_nombre(reponse, float(_transactions_annee()["montant_ht"].sum()), tolerance=0.005, relative=False)


@exercice("00_panier_moyen", indice="Panier moyen = CA / nombre de tickets DISTINCTS (nunique), pas le nombre de lignes.")
def _panier_moyen(reponse):
    t = _transactions_annee()
    attendu = t["montant_ht"].sum() / t["ticket_id"].nunique()
    retour = comparer_nombre(reponse, float(attendu), tolerance=0.005, relative=False)
    par_ligne = t["montant_ht"].sum() / len(t)
    if not retour.est_correct and isinstance(reponse, int | float) and abs(reponse - par_ligne) < 0.01:
        return incorrect("Vous avez divisé par le nombre de lignes : un ticket peut avoir plusieurs lignes.")
    return retour


@exercice("00_ca_par_rayon", indice="groupby('rayon')['montant_ht'].sum(), puis sort_values(ascending=False).")
def _ca_par_rayon(reponse):
    attendu = _transactions_annee().groupby("rayon", observed=True)["montant_ht"].sum().sort_values(ascending=False)
    return comparer_serie(reponse, attendu, tolerance=1e-6, verifier_ordre=True)


@exercice("00_meilleur_magasin", indice="Regroupez les lignes de 2024 par magasin et prenez celui dont le CA est le plus grand.")
def _meilleur_magasin(reponse):
    ca = _transactions_annee().groupby("magasin", observed=True)["montant_ht"].sum()
    return comparer_choix(reponse, str(ca.idxmax()), [str(m) for m in ca.index])
