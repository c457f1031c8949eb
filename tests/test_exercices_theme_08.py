"""Exercices du thème 08 : chaque juge accepte la bonne réponse, dit « vide » pour ``...`` et refuse
les erreurs classiques sans livrer la valeur attendue."""

import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from grc.donnees import charger
from grc.exercices._themes.theme_08 import (
    ARROSOIR,
    CONCLUSIONS_AB,
    OBJECTIFS_INDICATEURS,
    TEST_AB,
    VERDICTS_CAMPAGNE,
)


@pytest.fixture(scope="module")
def enquetes() -> pd.DataFrame:
    return charger("enquetes")


@pytest.fixture(scope="module")
def campagnes() -> pd.DataFrame:
    return charger("campagnes").set_index("campagne_id")


# --- Satisfaction -----------------------------------------------------------------------------


def test_indice_satisfaction(enquetes, refuse, vide, accepte) -> None:
    notes = enquetes["note_satisfaction"]
    bon = notes.mean() / 5
    accepte("08_indice_satisfaction", bon)
    vide("08_indice_satisfaction")
    assert "note moyenne" in refuse("08_indice_satisfaction", notes.mean(), f"{bon:.3f}")
    assert "part de clients satisfaits" in refuse("08_indice_satisfaction", (notes >= 4).mean())
    assert "pourcentage" in refuse("08_indice_satisfaction", 100 * bon)


def _nps(groupe: pd.DataFrame) -> float:
    r = groupe["recommandation"]
    return 100 * ((r >= 9).mean() - (r <= 6).mean())


def test_nps_par_magasin_en_points(enquetes, refuse, vide, accepte) -> None:
    bon = enquetes.groupby("magasin", observed=True).apply(_nps)
    accepte("08_nps_magasins", bon)
    accepte("08_nps_magasins", bon.reset_index(name="nps"))
    vide("08_nps_magasins")
    assert "fraction" in refuse("08_nps_magasins", bon / 100)
    promoteurs = enquetes.groupby("magasin", observed=True)["recommandation"].apply(lambda r: 100 * (r >= 9).mean())
    assert "détracteurs" in refuse("08_nps_magasins", promoteurs)
    # seuils faux : promoteurs dès 8
    faux = enquetes.groupby("magasin", observed=True)["recommandation"].apply(
        lambda r: 100 * ((r >= 8).mean() - (r <= 6).mean()))
    refuse("08_nps_magasins", faux, f"{bon.iloc[0]:.2f}")
    refuse("08_nps_magasins", bon.drop(index="Web"))


# --- Transformation ---------------------------------------------------------------------------


def test_transformation_par_vendeur_sur_tous_les_devis(refuse, vide, accepte) -> None:
    devis = charger("devis")
    bon = devis.groupby("vendeur", observed=True)["statut"].apply(lambda s: (s == "accepté").mean())
    accepte("08_transformation_vendeurs", bon)
    vide("08_transformation_vendeurs")
    decides = devis[devis["statut"] != "en attente"]
    sans_attente = decides.groupby("vendeur", observed=True)["statut"].apply(lambda s: (s == "accepté").mean())
    assert "en attente" in refuse("08_transformation_vendeurs", sans_attente)
    assert "pourcentages" in refuse("08_transformation_vendeurs", 100 * bon)
    refus = devis.groupby("vendeur", observed=True)["statut"].apply(lambda s: (s == "refusé").mean())
    refuse("08_transformation_vendeurs", refus, f"{bon.iloc[0]:.3f}")


# --- Campagnes --------------------------------------------------------------------------------


def test_taux_de_retour_et_de_rendement_net(campagnes, refuse, vide, accepte) -> None:
    bon = pd.DataFrame({"taux_retour": campagnes["reponses"] / campagnes["envois"],
                        "taux_rendement_net": campagnes["commandes"] / campagnes["reponses"]})
    accepte("08_taux_campagnes", bon)
    accepte("08_taux_campagnes", bon.reset_index())
    vide("08_taux_campagnes")
    piege = bon.assign(taux_rendement_net=campagnes["commandes"] / campagnes["envois"])
    assert "réponses" in refuse("08_taux_campagnes", piege)
    assert "manquante" in refuse("08_taux_campagnes", bon[["taux_retour"]])
    inverse = bon.assign(taux_retour=campagnes["envois"] / campagnes["reponses"])
    refuse("08_taux_campagnes", inverse)
    refuse("08_taux_campagnes", bon["taux_retour"].tolist())


def test_roi_des_campagnes(campagnes, refuse, vide, accepte) -> None:
    bon = (campagnes["marge_generee"] - campagnes["cout"]) / campagnes["cout"]
    accepte("08_roi_campagnes", bon)
    vide("08_roi_campagnes")
    sur_ca = (campagnes["ca_genere"] - campagnes["cout"]) / campagnes["cout"]
    assert "chiffre d'affaires" in refuse("08_roi_campagnes", sur_ca)
    assert "retrancher" in refuse("08_roi_campagnes", campagnes["marge_generee"] / campagnes["cout"])
    assert "pas à la marge" in refuse("08_roi_campagnes", (campagnes["marge_generee"] - campagnes["cout"])
                                       / campagnes["marge_generee"])
    assert "pourcentages" in refuse("08_roi_campagnes", 100 * bon)
    assert "signe" in refuse("08_roi_campagnes", -bon)


# --- Attrition --------------------------------------------------------------------------------


def test_attrition_2024(refuse, vide, accepte) -> None:
    t = charger("transactions")
    clients_2023 = set(t.loc[t["date"].dt.year == 2023, "client_id"])
    clients_2024 = set(t.loc[t["date"].dt.year == 2024, "client_id"])
    perdus = clients_2023 - clients_2024
    bon = len(perdus) / len(clients_2023)
    accepte("08_attrition_2024", bon)
    vide("08_attrition_2024")
    assert "rétention" in refuse("08_attrition_2024", 1 - bon)
    assert "début de période" in refuse("08_attrition_2024", len(perdus) / len(clients_2024))
    assert "nombre de clients" in refuse("08_attrition_2024", len(perdus))
    # erreur classique : soustraire les nouveaux clients des pertes
    nouveaux = clients_2024 - clients_2023
    refuse("08_attrition_2024", (len(perdus) - len(nouveaux)) / len(clients_2023), f"{bon:.3f}")
    assert "pourcentage" in refuse("08_attrition_2024", 100 * bon)


# --- Prix et coefficient ------------------------------------------------------------------------


def test_prix_de_vente_et_coefficient_du_piege_d_examen(refuse, vide, accepte) -> None:
    cout, tm, tva = ARROSOIR["cout_achat_ht"], ARROSOIR["taux_marque"], ARROSOIR["tva"]
    pv = cout / (1 - tm)  # 12 / 0,6 = 20
    bon = {"prix_vente_ht": pv, "coefficient": pv * (1 + tva) / cout}
    accepte("08_prix_coefficient", bon)
    vide("08_prix_coefficient")
    assert "taux de marge" in refuse("08_prix_coefficient", {"prix_vente_ht": cout * (1 + tm), "coefficient": 2.0}, "20")
    assert "TTC" in refuse("08_prix_coefficient", {"prix_vente_ht": pv * (1 + tva), "coefficient": 2.0})
    assert "hors taxes" in refuse("08_prix_coefficient", {"prix_vente_ht": pv, "coefficient": pv / cout})
    assert "taux de marge" in refuse("08_prix_coefficient", {"prix_vente_ht": pv, "coefficient": (1 + tm) * (1 + tva)})
    assert "manquante" in refuse("08_prix_coefficient", {"prix_vente_ht": pv})
    assert "dictionnaire" in refuse("08_prix_coefficient", (pv, 2.0))


# --- Test A/B -----------------------------------------------------------------------------------


def _tableau_ab() -> pd.DataFrame:
    contacts = charger("contacts_campagnes")
    paire = contacts[contacts["campagne_id"].isin(TEST_AB)]
    return pd.crosstab(paire["campagne_id"], paire["reponse"])


def test_p_valeur_du_test_ab_sans_correction(refuse, vide, accepte) -> None:
    tableau = _tableau_ab()
    bon = chi2_contingency(tableau, correction=False)
    accepte("08_p_valeur_ab", float(bon.pvalue))
    vide("08_p_valeur_ab")
    yates = chi2_contingency(tableau, correction=True)
    assert "Yates" in refuse("08_p_valeur_ab", float(yates.pvalue))
    assert "entre 0 et 1" in refuse("08_p_valeur_ab", float(bon.statistic) + 1)
    refuse("08_p_valeur_ab", 1 - float(bon.pvalue), f"{bon.pvalue:.3f}")


def test_conclusion_du_test_ab(refuse, vide, accepte) -> None:
    bon = chi2_contingency(_tableau_ab(), correction=False)
    taux = _tableau_ab()[True] / _tableau_ab().sum(axis=1)
    if bon.pvalue >= 0.05:
        attendu = "C"
    else:
        attendu = "D" if taux[TEST_AB[1]] > taux[TEST_AB[0]] else "A"
    accepte("08_conclusion_ab", attendu)
    accepte("08_conclusion_ab", attendu.lower())
    vide("08_conclusion_ab")
    for faux in set(CONCLUSIONS_AB) - {attendu}:
        refuse("08_conclusion_ab", faux)
    refuse("08_conclusion_ab", "E")


# --- Exercice final -------------------------------------------------------------------------------


def _a_refaire(campagnes: pd.DataFrame) -> list[str]:
    """La règle de l'énoncé, écrite ici indépendamment du juge."""
    roi = (campagnes["marge_generee"] - campagnes["cout"]) / campagnes["cout"]
    gardees = []
    for cid in roi[roi > 0].sort_values(ascending=False).index:
        ligne = campagnes.loc[cid]
        if pd.notna(ligne["variante"]):
            jumelles = campagnes[(campagnes["date_envoi"] == ligne["date_envoi"]) & campagnes["variante"].notna()]
            if roi[jumelles.index].idxmax() != cid:
                continue
        gardees.append(cid)
    return gardees


def test_campagnes_a_refaire(campagnes, refuse, vide, accepte) -> None:
    bon = _a_refaire(campagnes)
    accepte("08_campagnes_a_refaire", bon)
    accepte("08_campagnes_a_refaire", [c.lower() for c in bon])
    vide("08_campagnes_a_refaire")
    assert "ordre" in refuse("08_campagnes_a_refaire", sorted(bon))
    roi = (campagnes["marge_generee"] - campagnes["cout"]) / campagnes["cout"]
    perdante = roi.idxmin()
    assert "pas positif" in refuse("08_campagnes_a_refaire", bon + [perdante])
    tous_positifs = roi[roi > 0].sort_values(ascending=False).index.tolist()
    assert "deux variantes" in refuse("08_campagnes_a_refaire", tous_positifs)
    assert "manquante" in refuse("08_campagnes_a_refaire", bon[:-1])
    assert "inconnu" in refuse("08_campagnes_a_refaire", bon + ["K99"])
    assert "liste" in refuse("08_campagnes_a_refaire", ",".join(bon))


# --- Décisions du parcours BTS -------------------------------------------------------------------


def test_indicateur_de_chaque_objectif(refuse, vide, accepte) -> None:
    bon = {n: indicateur for n, (_objectif, indicateur) in OBJECTIFS_INDICATEURS.items()}
    assert bon[2] == "taux de rendement net"
    accepte("08_indicateur_objectif", bon)
    accepte("08_indicateur_objectif", {n: v.upper() for n, v in bon.items()})
    vide("08_indicateur_objectif")
    # le piège de la leçon : le taux de retour à la place du rendement net ; la raison du mauvais choix est dite
    message = refuse("08_indicateur_objectif", {**bon, 2: "taux de retour"}, "taux de rendement net")
    assert "Objectif 2" in message and "intérêt suscité" in message
    assert "devis" in refuse("08_indicateur_objectif", {**bon, 2: "taux de transformation"}, "taux de rendement net")
    assert "rentabilité" in refuse("08_indicateur_objectif", {**bon, 5: "ROI"})
    assert "choix possibles" in refuse("08_indicateur_objectif", {**bon, 3: "chiffre d'affaires"})
    assert "manquante" in refuse("08_indicateur_objectif", {1: bon[1]})


def test_objectif_de_la_campagne_k09(campagnes, refuse, vide, accepte) -> None:
    k = campagnes.loc["K09"]
    retour_ok = k["reponses"] / k["envois"] >= 0.03
    roi_ok = (k["marge_generee"] - k["cout"]) / k["cout"] >= 1
    assert (retour_ok, roi_ok) == (False, True)  # les données rendent le verdict discutable : l'un oui, l'autre non
    accepte("08_objectif_campagne", "le ROI seulement")
    accepte("08_objectif_campagne", "Le ROI seulement")
    vide("08_objectif_campagne")
    assert "taux de retour" in refuse("08_objectif_campagne", "les deux objectifs")
    message = refuse("08_objectif_campagne", "le taux de retour seulement")
    assert "taux de retour" in message and "ROI" in message
    assert "ROI" in refuse("08_objectif_campagne", "aucun des deux")
    assert "choix possibles" in refuse("08_objectif_campagne", "presque")
    assert set(VERDICTS_CAMPAGNE) >= {"le ROI seulement"}


def test_objectif_d_attrition(refuse, vide, accepte) -> None:
    t = charger("transactions")
    clients_2023 = set(t.loc[t["date"].dt.year == 2023, "client_id"])
    clients_2024 = set(t.loc[t["date"].dt.year == 2024, "client_id"])
    taux = len(clients_2023 - clients_2024) / len(clients_2023)
    assert 0.35 < taux < 0.37  # juste au-dessus du plafond : le piège du « presque »
    accepte("08_objectif_attrition", "non atteint")
    vide("08_objectif_attrition")
    assert "baissé" in refuse("08_objectif_attrition", "atteint")
    assert "comparer" in refuse("08_objectif_attrition", "impossible à dire")
    refuse("08_objectif_attrition", 0.36)
