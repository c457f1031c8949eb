"""Exercices du thème 00 : chaque juge accepte la bonne réponse et refuse les fautes courantes sans la donner."""

import pandas as pd
import pytest

from grc.donnees import charger


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
