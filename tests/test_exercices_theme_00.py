"""Exercices du thème 00 : chaque juge accepte la bonne réponse et refuse les fautes courantes."""

import pandas as pd
import pytest

from grc.donnees import charger
from grc.exercices import controler


@pytest.fixture(scope="module")
def ventes_2024() -> pd.DataFrame:
    t = charger("transactions")
    return t[t["date"].dt.year == 2024]


def test_nombre_clients() -> None:
    n = len(charger("clients"))
    assert controler("00_nombre_clients", n).est_correct
    assert controler("00_nombre_clients", ...).statut == "vide"
    faux = controler("00_nombre_clients", n - 1)
    assert faux.statut == "incorrect" and str(n) not in faux.message


def test_clients_carte() -> None:
    clients = charger("clients")
    n = int(clients["carte_fidelite"].sum())
    assert controler("00_clients_carte", n).est_correct
    assert not controler("00_clients_carte", len(clients)).est_correct


def test_ca_2024(ventes_2024) -> None:
    ca = ventes_2024["montant_ht"].sum()
    assert controler("00_ca_2024", ca).est_correct
    sans_retours = ventes_2024.loc[ventes_2024["montant_ht"] > 0, "montant_ht"].sum()
    assert not controler("00_ca_2024", sans_retours).est_correct
    assert not controler("00_ca_2024", str(ca)).est_correct


def test_panier_moyen_par_ticket_et_non_par_ligne(ventes_2024) -> None:
    bon = ventes_2024["montant_ht"].sum() / ventes_2024["ticket_id"].nunique()
    assert controler("00_panier_moyen", bon).est_correct
    par_ligne = ventes_2024["montant_ht"].sum() / len(ventes_2024)
    faux = controler("00_panier_moyen", par_ligne)
    assert faux.statut == "incorrect" and "lignes" in faux.message


def test_ca_par_rayon_trie(ventes_2024) -> None:
    bon = ventes_2024.groupby("rayon", observed=True)["montant_ht"].sum().sort_values(ascending=False)
    assert controler("00_ca_par_rayon", bon).est_correct
    assert "ordre" in controler("00_ca_par_rayon", bon.sort_index()).message
    assert not controler("00_ca_par_rayon", bon.iloc[:-1]).est_correct


def test_meilleur_magasin(ventes_2024) -> None:
    ca = ventes_2024.groupby("magasin", observed=True)["montant_ht"].sum()
    assert controler("00_meilleur_magasin", str(ca.idxmax())).est_correct
    assert not controler("00_meilleur_magasin", str(ca.idxmin())).est_correct
    assert not controler("00_meilleur_magasin", "Paris").est_correct
