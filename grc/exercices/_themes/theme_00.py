"""Exercices du thème 00 : prise en main de Jupyter et de pandas."""

from __future__ import annotations

from ..comparaisons import avec_erreurs_typiques, comparer_choix, comparer_nombre, comparer_serie
from ..contexte import table_verdance, transactions_annee
from ..registre import exercice


@exercice("00_nombre_clients", indice="Une ligne de la table clients = un client : comptez les lignes.")
def _nombre_clients(reponse):
    return comparer_nombre(reponse, len(table_verdance("clients")), tolerance=0)


@exercice("00_clients_carte", indice="Filtrez la table sur la colonne carte_fidelite, puis comptez.")
def _clients_carte(reponse):
    return comparer_nombre(reponse, int(table_verdance("clients")["carte_fidelite"].sum()), tolerance=0)


@exercice("00_ca_2024", indice="Gardez les lignes dont l'année de la date est 2024 (t['date'].dt.year), puis sommez montant_ht.")
def _ca_2024(reponse):
    return comparer_nombre(reponse, float(transactions_annee()["montant_ht"].sum()), tolerance=0.005, relative=False)


@exercice("00_panier_moyen", indice="Panier moyen = CA / nombre de tickets DISTINCTS (nunique), pas le nombre de lignes.")
def _panier_moyen(reponse):
    t = transactions_annee()
    attendu = t["montant_ht"].sum() / t["ticket_id"].nunique()
    retour = comparer_nombre(reponse, float(attendu), tolerance=0.005, relative=False)
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez divisé par le nombre de lignes : un ticket peut avoir plusieurs lignes.":
            float(t["montant_ht"].sum() / len(t)),
    }, tolerance=3e-4)  # un centime environ


@exercice("00_ca_par_rayon", indice="groupby('rayon')['montant_ht'].sum(), puis sort_values(ascending=False).")
def _ca_par_rayon(reponse):
    attendu = transactions_annee().groupby("rayon", observed=True)["montant_ht"].sum().sort_values(ascending=False)
    return comparer_serie(reponse, attendu, tolerance=1e-6, verifier_ordre=True)


@exercice("00_meilleur_magasin", indice="Regroupez les lignes de 2024 par magasin et prenez celui dont le CA est le plus grand.")
def _meilleur_magasin(reponse):
    ca = transactions_annee().groupby("magasin", observed=True)["montant_ht"].sum()
    return comparer_choix(reponse, str(ca.idxmax()), [str(m) for m in ca.index])
