"""``pac.valeur_creee`` : le résultat du semestre plus le gain de CLV visé par chaque action, selon sa cible."""

from __future__ import annotations

import pandas as pd
import pytest

from grc import pac
from grc.validation import ErreurDonnees

VALEURS = pd.DataFrame(
    {"clv": [1000.0, 400.0, 100.0, 150.0, 40.0, 10.0], "retention": [0.9, 0.7, 0.3, 0.5, 0.4, 0.1]},
    index=["Très bons clients", "Bons clients", "Clients à risque", "Clients prometteurs", "Nouveaux clients",
           "Inactifs"])


def _action(nom: str, cible: str, **cases) -> pac.Action:
    base = {"canal": "email", "debut": "2025-03-01", "fin": "2025-03-31", "budget": 100, "contacts": 200,
            "reponses_attendues": 20, "commandes_attendues": 10, "panier_moyen": 50, "taux_marque": 0.4}
    return pac.Action(nom, cible=cible, **{**base, **cases})


def _plan(*actions: pac.Action) -> pac.Plan:
    return pac.Plan("PAC", enveloppe=10_000, debut="2025-01-01", fin="2025-06-30", actions=list(actions))


def test_chaque_cible_a_sa_regle_et_les_autres_valent_zero() -> None:
    plan = _plan(_action("Ramener", "Clients à risque"), _action("Deuxième achat", "Nouveaux clients"),
                 _action("Soirée", "Très bons clients"), _action("Réveil", "Inactifs"))
    table = pac.valeur_creee(plan, VALEURS)
    assert table.index.tolist() == ["Ramener", "Deuxième achat", "Soirée", "Réveil", "Total"]
    gains = table["gain_clv"].round(6).tolist()
    assert gains == [10 * 300.0, 10 * 110.0, round(200 * 0.1 * 0.2 * 1000.0, 6), 0.0, 3000 + 1100 + 4000.0]
    assert (table["resultat"].iloc[:4] == 10 * 50 * 0.4 - 100).all()
    assert table["valeur_creee"].equals(table["resultat"] + table["gain_clv"])
    assert "aucun gain de CLV" in table.loc["Réveil", "regle"] and "Inactifs" in table.loc["Réveil", "regle"]
    assert table.loc["Soirée", "regle"].startswith("contacts × (1 − rétention) × 20 %")


def test_l_hypothese_des_tres_bons_clients_se_change() -> None:
    table = pac.valeur_creee(_plan(_action("Soirée", "Très bons clients")), VALEURS, part_departs_evites=0.1)
    assert table.loc["Soirée", "gain_clv"] == pytest.approx(200 * 0.1 * 0.1 * 1000)


def test_plan_incomplet_ou_table_sans_segment_refuses_en_francais() -> None:
    incomplet = _plan(pac.Action(nom="Bienvenue", cible="Nouveaux clients", canal="email", debut=..., fin=...,
                                 budget=...))
    with pytest.raises(ErreurDonnees, match="ne peut pas encore être chiffré"):
        pac.valeur_creee(incomplet, VALEURS)
    with pytest.raises(ErreurDonnees, match="« Clients prometteurs »"):
        pac.valeur_creee(_plan(_action("Deuxième achat", "Nouveaux clients")), VALEURS.drop("Clients prometteurs"))
    with pytest.raises(ErreurDonnees, match="clv"):
        pac.valeur_creee(_plan(_action("Ramener", "Clients à risque")), VALEURS[["retention"]])
