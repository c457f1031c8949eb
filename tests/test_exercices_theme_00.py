"""Exercices du thème 00 : chaque juge accepte la bonne réponse et refuse les fautes courantes sans la donner."""

import pandas as pd
import pytest

from grc.donnees import charger
from grc.exercices.glissements import nomme


@pytest.fixture(scope="module")
def ventes_2024() -> pd.DataFrame:
    t = charger("transactions")
    return t[t["date"].dt.year == 2024]


def test_nombre_clients(accepte, refuse, vide) -> None:
    n = len(charger("clients"))
    accepte("00_nombre_clients", n)
    vide("00_nombre_clients")
    refuse("00_nombre_clients", n - 1, str(n))


def test_clients_carte(accepte, refuse) -> None:
    clients = charger("clients")
    n = int(clients["carte_fidelite"].sum())
    accepte("00_clients_carte", n)
    refuse("00_clients_carte", len(clients))


def test_ca_2024(ventes_2024, accepte, refuse) -> None:
    ca = ventes_2024["montant_ht"].sum()
    accepte("00_ca_2024", ca)
    sans_retours = ventes_2024.loc[ventes_2024["montant_ht"] > 0, "montant_ht"].sum()
    refuse("00_ca_2024", sans_retours)
    refuse("00_ca_2024", str(ca))


def test_panier_moyen_par_ticket_et_non_par_ligne(ventes_2024, accepte, refuse) -> None:
    bon = ventes_2024["montant_ht"].sum() / ventes_2024["ticket_id"].nunique()
    accepte("00_panier_moyen", bon)
    par_ligne = ventes_2024["montant_ht"].sum() / len(ventes_2024)
    assert "lignes" in refuse("00_panier_moyen", par_ligne, bon)


def test_ca_par_rayon_trie(ventes_2024, accepte, refuse) -> None:
    bon = ventes_2024.groupby("rayon", observed=True)["montant_ht"].sum().sort_values(ascending=False)
    accepte("00_ca_par_rayon", bon)
    assert "ordre" in refuse("00_ca_par_rayon", bon.sort_index())
    refuse("00_ca_par_rayon", bon.iloc[:-1])


def test_meilleur_magasin(ventes_2024, accepte, refuse) -> None:
    ca = ventes_2024.groupby("magasin", observed=True)["montant_ht"].sum()
    accepte("00_meilleur_magasin", str(ca.idxmax()))
    refuse("00_meilleur_magasin", str(ca.idxmin()))
    refuse("00_meilleur_magasin", "Paris")


def test_clients_sans_carte_nommes(accepte, refuse) -> None:
    clients = charger("clients")
    assert "SANS" in refuse("00_clients_carte", int((~clients["carte_fidelite"]).sum()))


def test_part_carte(accepte, refuse, vide) -> None:
    clients = charger("clients")
    part = int(clients["carte_fidelite"].sum()) / len(clients)
    accepte("00_part_carte", part)
    accepte("00_part_carte", round(part, 3))
    vide("00_part_carte")
    assert nomme(refuse("00_part_carte", 100 * part), "pourcentage_pour_fraction")
    assert "inverse" in refuse("00_part_carte", 1 / part)
    refuse("00_part_carte", int(clients["carte_fidelite"].sum()), part)


def test_glissements_nommes(ventes_2024, refuse) -> None:
    toutes = charger("transactions")
    assert nomme(refuse("00_ca_2024", toutes["montant_ht"].sum()), "toutes_annees")
    assert nomme(refuse("00_ca_2024", ventes_2024["montant_ht"].mean()), "moyenne_pour_somme")
    ca = ventes_2024["montant_ht"].sum()
    assert nomme(refuse("00_panier_moyen", ca / ventes_2024["date"].nunique()), "dates_pour_tickets")
    assert nomme(refuse("00_panier_moyen", toutes["montant_ht"].sum() / toutes["ticket_id"].nunique()),
                 "toutes_annees")
    par_rayon = toutes.groupby("rayon", observed=True)["montant_ht"].sum().sort_values(ascending=False)
    assert nomme(refuse("00_ca_par_rayon", par_rayon), "toutes_annees")


def test_rayon_fin_annee(ventes_2024, accepte, refuse, vide) -> None:
    fin = ventes_2024[ventes_2024["date"].dt.month >= 11].groupby("rayon", observed=True)["montant_ht"].sum()
    assert fin.idxmax() == "Décoration"
    assert "pic" in accepte("00_rayon_fin_annee", "decoration")
    vide("00_rayon_fin_annee")
    assert "printemps" in refuse("00_rayon_fin_annee", "Végétaux")
    assert "second" in refuse("00_rayon_fin_annee", "Épicerie fine")
    for rayon in ["Jardin et outillage", "Mobilier d'extérieur", "Animalerie"]:
        assert "n'est pas le meilleur choix" in refuse("00_rayon_fin_annee", rayon)
    assert "choix possibles" in refuse("00_rayon_fin_annee", "Fleurs")
