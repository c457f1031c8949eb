"""Exercices du thème 03 : chaque juge accepte la bonne réponse, attend une réponse quand on lui donne
« ... » et refuse les fautes courantes sans dévoiler la valeur attendue."""

import pandas as pd
import pytest

from grc.abc import classer_abc, classer_abcd, classer_pmg, courbe_lorenz, indice_gini, tableau_pareto
from grc.exercices import controler
from grc.exercices._themes.theme_03 import DATE_REFERENCE, DECISIONS_CLASSES, RECENCE_ALERTE, SEUILS_PMG
from grc.exercices.glissements import nomme
from grc.rfm import tableau_rfm

pytestmark = pytest.mark.usefixtures("sans_avertissement")


@pytest.fixture(scope="module")
def rfm(transactions) -> pd.DataFrame:
    return tableau_rfm(transactions, date_reference=DATE_REFERENCE, ticket="ticket_id")


@pytest.fixture(scope="module")
def ca(transactions) -> pd.Series:
    return transactions.groupby("client_id")["montant_ht"].sum()


def _synthese(classes: pd.Series, ca: pd.Series) -> pd.DataFrame:
    nb = classes.value_counts(sort=False)
    return pd.DataFrame({"nb_clients": nb, "part_clients": nb / len(classes),
                         "part_ca": ca.groupby(classes, observed=False).sum() / ca.sum()})


def test_ca_par_client_retours_deduits(transactions, ca, accepte, refuse) -> None:
    accepte("03_ca_par_client", ca)
    accepte("03_ca_par_client", ca.sample(frac=1, random_state=0).to_frame("ca"))  # ordre et forme libres
    brut = transactions[transactions["montant_ht"] > 0].groupby("client_id")["montant_ht"].sum()
    brut = brut.reindex(ca.index, fill_value=0)
    assert "retours" in refuse("03_ca_par_client", brut)
    lignes = transactions.groupby("client_id").size().astype(float)
    refuse("03_ca_par_client", lignes)
    refuse("03_ca_par_client", ca.iloc[:-3])


def test_part_top20_n_est_pas_80(ca, accepte, refuse) -> None:
    pareto = tableau_pareto(ca)
    bon = pareto.loc[pareto["rang_cumule"] <= 0.2, "part"].sum()
    accepte("03_part_top20", bon)
    assert "fraction" in refuse("03_part_top20", 100 * bon)
    refuse("03_part_top20", 0.80, bon)
    petits = pareto.loc[pareto["rang_cumule"] > 0.8, "part"].sum()  # les 20 % les plus PETITS
    refuse("03_part_top20", petits, bon)


def test_part_clients_pour_80_du_ca(ca, accepte, refuse) -> None:
    pareto = tableau_pareto(ca)
    k = int((pareto["part_cumulee"] < 0.8).sum()) + 1
    accepte("03_part_clients_80", k / len(ca))
    accepte("03_part_clients_80", (classer_abc(ca) == "A").mean())
    bon = k / len(ca)
    refuse("03_part_clients_80", 0.20, bon)
    refuse("03_part_clients_80", k, bon)  # un nombre de clients, pas une part


def test_synthese_abc_en_valeur(ca, accepte, refuse) -> None:
    bon = _synthese(classer_abc(ca), ca)
    accepte("03_synthese_abc", bon)
    accepte("03_synthese_abc", bon.set_axis(["A", "B", "C"]).iloc[::-1])
    refuse("03_synthese_abc", _synthese(classer_abc(ca, methode="effectif"), ca))
    refuse("03_synthese_abc", bon.assign(part_ca=100 * bon["part_ca"]))
    assert "manquante" in refuse("03_synthese_abc", bon.drop(columns="part_ca"))
    refuse("03_synthese_abc", 3)


def test_part_ca_en_effectif(ca, accepte, refuse) -> None:
    bon = _synthese(classer_abc(ca, methode="effectif"), ca)["part_ca"]
    accepte("03_part_ca_effectif", bon)
    accepte("03_part_ca_effectif", {k: float(v) for k, v in bon.items()})
    refuse("03_part_ca_effectif", _synthese(classer_abc(ca), ca)["part_ca"])
    refuse("03_part_ca_effectif", pd.Series({"A": 0.80, "B": 0.15, "C": 0.05}))


def test_pmg_avec_seuils_en_euros(ca, accepte, refuse) -> None:
    bon = classer_pmg(ca, seuils=SEUILS_PMG).value_counts()
    accepte("03_pmg_effectifs", bon)
    refuse("03_pmg_effectifs", classer_pmg(ca).value_counts())  # sans seuils : l'ABC renommé
    inverse = classer_pmg(ca, seuils=SEUILS_PMG).value_counts().set_axis(["gros", "moyen", "petit"])
    refuse("03_pmg_effectifs", inverse)
    refuse("03_pmg_effectifs", "petit")


def test_abcd_des_clients_web(transactions, rfm, accepte, refuse) -> None:
    web = transactions[transactions["canal"] == "web"]
    rfm_web = tableau_rfm(web, date_reference=DATE_REFERENCE, ticket="ticket_id")
    accepte("03_abcd_web", classer_abcd(rfm_web["montant"], rfm_web["frequence"]).value_counts())
    tout = classer_abcd(rfm["montant"], rfm["frequence"]).value_counts()
    refuse("03_abcd_web", tout)
    lignes = tableau_rfm(web, date_reference=DATE_REFERENCE)  # fréquence en lignes, pas en tickets
    refuse("03_abcd_web", classer_abcd(lignes["montant"], lignes["frequence"]).value_counts())


def test_gini_des_clients(ca, transactions, accepte, refuse) -> None:
    lorenz = courbe_lorenz(ca)
    x, y = lorenz["part_elements"].to_numpy(), lorenz["part_valeur"].to_numpy()
    a_la_main = 1 - ((x[1:] - x[:-1]) * (y[1:] + y[:-1])).sum()
    accepte("03_gini_clients", a_la_main)
    accepte("03_gini_clients", indice_gini(ca))
    bon = indice_gini(ca)
    refuse("03_gini_clients", 1 - ((x[1:] - x[:-1]) * (y[1:] + y[:-1])).sum() / 2, bon)
    produits = indice_gini(transactions.groupby("produit_id")["montant_ht"].sum())
    refuse("03_gini_clients", produits, bon)


def test_produits_de_classe_a(transactions, accepte, refuse) -> None:
    ca_produits = transactions.groupby("produit_id")["montant_ht"].sum()
    classes = classer_abc(ca_produits)
    bons = classes.index[classes == "A"]
    accepte("03_abc_produits", list(bons))
    accepte("03_abc_produits", pd.DataFrame({"produit_id": bons}))
    en_effectif = classer_abc(ca_produits, methode="effectif")
    message = refuse("03_abc_produits", list(en_effectif.index[en_effectif == "A"]))
    assert not any(p in message for p in bons)
    refuse("03_abc_produits", list(bons[:-1]))


def test_clients_a_relancer(ca, rfm, accepte, refuse) -> None:
    classes = classer_abc(ca)
    a = classes == "A"
    bons = rfm.index[a & (rfm["recence"] > RECENCE_ALERTE)]
    assert len(bons) > 0
    accepte("03_clients_a_relancer", list(bons))
    accepte("03_clients_a_relancer", rfm.loc[bons])
    refuse("03_clients_a_relancer", list(rfm.index[a]))
    refuse("03_clients_a_relancer", list(rfm.index[(classes == "C") & (rfm["recence"] > RECENCE_ALERTE)]))
    refuse("03_clients_a_relancer", "C00001")


def test_les_exemples_a_la_main_de_la_lecon_sont_justes() -> None:
    """Les tableaux calculés à la main dans course/03 redonnent ce que calcule grc.abc."""
    dix = pd.Series({"Martin": 4000, "Bernard": 2500, "Petit": 1200, "Durand": 800, "Leroy": 500,
                     "Moreau": 400, "Simon": 250, "Laurent": 200, "Michel": 100, "Garcia": 50}, dtype="float64")
    pareto = tableau_pareto(dix)
    assert pareto["part_cumulee"].round(3).tolist() == [0.4, 0.65, 0.77, 0.85, 0.9, 0.94, 0.965, 0.985, 0.995, 1.0]
    assert "".join(classer_abc(dix)) == "AAAABBBCCC"
    assert "".join(classer_abc(dix, methode="effectif")) == "AABBBCCCCC"
    parts = _synthese(classer_abc(dix), dix)["part_ca"].round(3).tolist()
    assert parts == [0.85, 0.115, 0.035]
    assert _synthese(classer_abc(dix, methode="effectif"), dix)["part_ca"].round(3).tolist() == [0.65, 0.25, 0.1]
    pmg = classer_pmg(dix, seuils=(150, 1000)).value_counts()
    assert (pmg["gros"], pmg["moyen"], pmg["petit"]) == (3, 5, 2)
    assert indice_gini(pd.Series([10.0, 20.0, 30.0, 40.0, 100.0])) == pytest.approx(0.40)
    assert classer_abc(pd.Series([7.0] * 7), methode="effectif").value_counts()["A"] == 2  # ⌈0,20 × 7⌉


def test_glissements_nommes(transactions, ca, refuse) -> None:
    moyenne = transactions.groupby("client_id")["montant_ht"].mean()
    assert nomme(refuse("03_ca_par_client", moyenne), "moyenne_pour_somme")
    pareto = tableau_pareto(ca)
    assert nomme(refuse("03_part_top20", 100 * pareto.loc[pareto["rang_cumule"] <= 0.2, "part"].sum()),
                 "pourcentage_pour_fraction")
    assert "euros" in refuse("03_part_top20", ca.sort_values(ascending=False).head(round(0.2 * len(ca))).sum())
    assert "plus petits" in refuse("03_part_top20", pareto.loc[pareto["rang_cumule"] > 0.8, "part"].sum())
    assert "NOMBRE" in refuse("03_part_clients_80", int((classer_abc(ca) == "A").sum()))
    effectif = _synthese(classer_abc(ca, methode="effectif"), ca)["part_ca"]
    assert nomme(refuse("03_part_ca_effectif", 100 * effectif), "pourcentage_pour_fraction")
    web = transactions[transactions["canal"] == "web"]
    lignes = tableau_rfm(web, date_reference=DATE_REFERENCE)
    assert nomme(refuse("03_abcd_web", classer_abcd(lignes["montant"], lignes["frequence"]).value_counts()),
                 "lignes_pour_tickets")


def test_traitement_par_classe(accepte, refuse, vide) -> None:
    bons = {classe: bon for classe, (bon, _, _) in DECISIONS_CLASSES.items()}
    assert "A :" in accepte("03_traitement_par_classe", bons)
    vide("03_traitement_par_classe")
    assert controler("03_traitement_par_classe", {"A": ..., "B": ..., "C": ...}).statut == "vide"
    for classe, (_, _, retours) in DECISIONS_CLASSES.items():
        for mauvais, raison in retours.items():
            message = refuse("03_traitement_par_classe", {**bons, classe: mauvais})
            assert f"Classe {classe}" in message and raison in message
    assert "manque" in refuse("03_traitement_par_classe", {**bons, "C": ...})
    assert "choix possibles" in refuse("03_traitement_par_classe", {**bons, "B": "appeler"})


def test_decision_produits_c(accepte, refuse, vide) -> None:
    assert "référence par référence" in accepte("03_decision_produits_c", "examiner")
    vide("03_decision_produits_c")
    assert "marge" in refuse("03_decision_produits_c", "retirer_tous")
    assert "place" in refuse("03_decision_produits_c", "garder_tous")
    assert "promotion" in refuse("03_decision_produits_c", "promouvoir")


def test_premiers_appeles(accepte, refuse, vide) -> None:
    assert "vivante" in accepte("03_premiers_appeles", "gros_recents")
    vide("03_premiers_appeles")
    for choix in ["plus_anciens", "alphabetique", "petits"]:
        assert "n'est pas le meilleur choix" in refuse("03_premiers_appeles", choix)
