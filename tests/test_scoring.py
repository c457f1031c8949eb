"""grc.scoring : variables d'un score, cible d'attrition, gain et lift, associations, typologies, cycle de vie.

Chaque test part d'un petit tableau calculé à la main, comme les exemples de la leçon.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import roc_auc_score

from grc.scoring import (
    ETAPES_CYCLE_DE_VIE,
    choix_nombre_typologies,
    cible_attrition,
    cible_vente_croisee,
    comparer_scores,
    courbe_gain,
    etapes_cycle_de_vie,
    lift_par_decile,
    mix_rayons,
    paniers_rayons,
    profil_typologies,
    regles_association,
    repartition_rayons,
    typologies,
    variables_avant,
)
from grc.validation import ErreurDonnees, LignesExclues


def _achats() -> pd.DataFrame:
    return pd.DataFrame({
        "client_id": ["A", "A", "A", "B", "B", "C"],
        "ticket_id": ["T1", "T1", "T2", "T3", "T4", "T5"],
        "date": ["2024-01-10", "2024-01-10", "2024-03-01", "2024-02-01", "2024-03-05", "2024-03-10"],
        "montant_ht": [30.0, 10.0, 60.0, 20.0, 35.0, 99.0],
    })


# ---------------------------------------------------------------- variables_avant


def test_variables_avant_ne_lit_que_ce_qui_precede_strictement_la_date() -> None:
    x = variables_avant(_achats(), "2024-03-05", population=["A", "B", "C", "D"])
    # A : 2 tickets (T1, T2), 100 €, dernier achat le 01/03 → 4 jours ; B : le ticket du 05/03 n'est pas lu
    assert x.loc["A", ["recence", "frequence", "montant"]].tolist() == [4, 2, 100.0]
    assert x.loc["B", ["recence", "frequence", "montant"]].tolist() == [33, 1, 20.0]
    # C n'a acheté qu'après, D jamais : récence = durée observée (10/01 → 05/03 = 55 jours)
    for client in ("C", "D"):
        assert x.loc[client, ["recence", "frequence", "montant", "score_rfm", "jamais_achete"]].tolist() == [55, 0, 0, 0, 1]
    assert list(x.index) == ["A", "B", "C", "D"]


def test_variables_avant_fenetre_en_mois() -> None:
    x = variables_avant(_achats(), "2024-03-05", fenetre_mois=1)  # du 05/02 au 04/03
    assert list(x.index) == ["A"]
    assert x.loc["A", "frequence"] == 1 and x.loc["A", "montant"] == 60.0


def test_variables_avant_joint_le_declaratif_en_nombres() -> None:
    declaratif = pd.DataFrame({"carte": [True, False], "foyer": [3, 1]}, index=["A", "B"])
    x = variables_avant(_achats(), "2024-03-05", population=["B", "A"], declaratif=declaratif)
    assert x["carte"].tolist() == [0, 1] and x["foyer"].tolist() == [1, 3]
    assert str(x["carte"].dtype) == "int64"


def test_variables_avant_refuse_un_declaratif_texte_ou_incomplet() -> None:
    texte = pd.DataFrame({"animal": ["chien", "aucun"]}, index=["A", "B"])
    with pytest.raises(ErreurDonnees, match="non numérique.*'animal'"):
        variables_avant(_achats(), "2024-03-05", declaratif=texte)
    incomplet = pd.DataFrame({"carte": [True]}, index=["A"])
    with pytest.raises(ErreurDonnees, match="1 client\\(s\\) sans données déclaratives"):
        variables_avant(_achats(), "2024-03-05", population=["A", "B"], declaratif=incomplet)


def test_variables_avant_erreurs_francaises() -> None:
    with pytest.raises(ErreurDonnees, match="Aucune transaction avant le 01/01/2024"):
        variables_avant(_achats(), "2024-01-01")
    with pytest.raises(ErreurDonnees, match="Colonne manquante.*'ticket_id'"):
        variables_avant(_achats().drop(columns="ticket_id"), "2024-03-05")
    with pytest.raises(ErreurDonnees, match="date_reference"):
        variables_avant(_achats(), None)
    sans_ticket = variables_avant(_achats(), "2024-03-05", ticket=None)
    assert sans_ticket.loc["A", "frequence"] == 3  # une ligne = un achat


# ---------------------------------------------------------------- cible_attrition


def test_cible_attrition_a_la_main() -> None:
    achats = pd.DataFrame({"client_id": ["A", "A", "B", "C", "D"],
                           "date": ["2023-05-01", "2024-02-01", "2023-09-01", "2024-06-01", "2021-06-01"]})
    cible = cible_attrition(achats, "2024-01-01", horizon_mois=5, fenetre_mois=24)
    # A revient en février : resté ; B ne revient pas : parti ; C n'était pas client avant ; D trop ancien
    assert cible.to_dict() == {"A": False, "B": True}
    assert cible.name == "attrition"


def test_cible_attrition_refuse_un_horizon_au_dela_des_donnees() -> None:
    achats = pd.DataFrame({"client_id": ["A", "B"], "date": ["2023-05-01", "2024-03-01"]})
    with pytest.raises(ErreurDonnees, match="avant la fin de l'horizon"):
        cible_attrition(achats, "2024-01-01", horizon_mois=12)
    with pytest.raises(ErreurDonnees, match="Aucun client actif"):
        cible_attrition(achats, "2020-01-01", horizon_mois=12)


# ---------------------------------------------------------------- courbe_gain, lift_par_decile


def test_courbe_gain_exemple_de_la_lecon() -> None:
    # 10 000 clients, 300 répondants ; les 2 000 mieux notés en comptent 150
    reel = np.r_[np.ones(150), np.zeros(1850), np.ones(150), np.zeros(7850)]
    score = -np.arange(10_000)  # déjà rangés du meilleur au moins bon
    ligne = courbe_gain(reel, score, parts=[0.2]).iloc[0]
    assert ligne["clients_cibles"] == 2000 and ligne["repondants"] == 150
    assert ligne["part_repondants"] == pytest.approx(0.5)
    assert ligne["taux_reponse"] == pytest.approx(0.075)
    assert ligne["lift"] == pytest.approx(2.5)


def test_courbe_gain_extremites_et_lift() -> None:
    rng = np.random.default_rng(0)
    reel = rng.random(500) < 0.1
    score = rng.random(500)
    courbe = courbe_gain(reel, score)
    assert len(courbe) == 101 and courbe["part_repondants"].iloc[0] == 0 and courbe["part_repondants"].iloc[-1] == 1
    assert np.isnan(courbe["lift"].iloc[0]) and courbe["lift"].iloc[-1] == pytest.approx(1)
    assert courbe["part_repondants"].is_monotonic_increasing
    avec_part = courbe.iloc[1:]
    assert np.allclose(avec_part["lift"], avec_part["part_repondants"] / (avec_part["clients_cibles"] / 500))


def test_courbe_gain_ex_aequo_au_prorata() -> None:
    # tous les clients ont le même score : on ne peut pas mieux faire que le hasard
    reel = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0]
    courbe = courbe_gain(reel, [0.5] * 10, parts=[0.1, 0.3, 0.5])
    assert courbe["repondants"].tolist() == pytest.approx([0.2, 0.6, 1.0])
    assert courbe["lift"].tolist() == pytest.approx([1.0, 1.0, 1.0])
    # un groupe d'ex-aequo coupé en deux : ses répondants comptent au prorata
    partiel = courbe_gain([1, 1, 0, 0], [3, 2, 2, 1], parts=[0.5])
    assert partiel["repondants"].iloc[0] == pytest.approx(1.5)


def test_courbe_gain_ne_depend_pas_de_l_ordre_des_lignes() -> None:
    rng = np.random.default_rng(1)
    reel, score = rng.random(300) < 0.2, rng.integers(0, 5, 300)
    ordre = rng.permutation(300)
    a, b = courbe_gain(reel, score), courbe_gain(reel[ordre], score[ordre])
    assert np.allclose(a["repondants"], b["repondants"])


def test_courbe_gain_erreurs() -> None:
    with pytest.raises(ErreurDonnees, match="même longueur"):
        courbe_gain([1, 0], [0.5])
    with pytest.raises(ErreurDonnees, match="valeur\\(s\\) manquante"):
        courbe_gain([1, 0], [0.5, np.nan])
    with pytest.raises(ErreurDonnees, match="Aucun répondant"):
        courbe_gain([0, 0], [0.5, 0.2])
    with pytest.raises(ErreurDonnees, match="0/1"):
        courbe_gain([2, 0], [0.5, 0.2])
    with pytest.raises(ErreurDonnees, match="fractions entre 0 et 1"):
        courbe_gain([1, 0], [0.5, 0.2], parts=[20])


def test_lift_par_decile_tableau_coherent() -> None:
    rng = np.random.default_rng(2)
    reel = rng.random(1003) < 0.05
    score = reel + rng.random(1003)  # un bon score, pas parfait
    table = lift_par_decile(reel, score)
    assert list(table.index) == list(range(1, 11)) and table["clients"].sum() == 1003
    assert table["repondants"].sum() == pytest.approx(reel.sum())
    assert table["part_repondants_cumulee"].iloc[-1] == pytest.approx(1)
    assert table["lift_cumule"].iloc[-1] == pytest.approx(1)
    assert table["lift"].iloc[0] > 1 > table["lift"].iloc[-1]
    with pytest.raises(ErreurDonnees, match="groupes"):
        lift_par_decile(reel, score, groupes=1)


def test_lift_par_decile_tableau_de_la_lecon() -> None:
    # 10 000 clients, 300 répondants : 105 dans le 1er décile, 45 dans le 2e, 150 dans les huit autres
    reel = np.zeros(10_000)
    reel[:105] = 1
    reel[1000:1045] = 1
    reel[2000:2150] = 1
    table = lift_par_decile(reel, -np.arange(10_000))
    assert table.loc[1, "lift"] == pytest.approx(3.5) and table.loc[2, "lift"] == pytest.approx(1.5)
    assert table.loc[2, "part_repondants_cumulee"] == pytest.approx(0.5)


# ---------------------------------------------------------------- comparer_scores


def test_comparer_scores_auc_de_scikit_learn_et_reference_du_hasard() -> None:
    rng = np.random.default_rng(3)
    reel = rng.random(400) < 0.1
    bon, moyen = reel + rng.random(400), reel * 0.3 + rng.random(400)
    table = comparer_scores(reel, {"bon": bon, "moyen": moyen}, part=0.25)
    assert list(table.index) == ["bon", "moyen", "ciblage au hasard"]
    assert table.loc["bon", "auc"] == pytest.approx(roc_auc_score(reel, bon))
    assert table.loc["bon", "auc"] > table.loc["moyen", "auc"] > 0.5
    hasard = table.loc["ciblage au hasard"]
    assert (hasard["auc"], hasard["part_repondants"], hasard["lift"]) == (0.5, 0.25, 1.0)
    assert hasard["repondants"] == pytest.approx(0.25 * reel.sum())
    assert "ciblage au hasard" not in comparer_scores(reel, {"bon": bon}, avec_hasard=False).index


def test_comparer_scores_ex_aequo_comptent_pour_moitie() -> None:
    assert comparer_scores([1, 0], {"plat": [1, 1]}).loc["plat", "auc"] == 0.5
    with pytest.raises(ErreurDonnees, match="répondants et des non-répondants"):
        comparer_scores([1, 1], {"s": [0.2, 0.3]})


# ---------------------------------------------------------------- associations


def _lignes_rayons() -> pd.DataFrame:
    return pd.DataFrame({
        "client_id": ["A", "A", "B", "B", "C", "C", "D"],
        "ticket_id": ["T1", "T2", "T3", "T3", "T4", "T5", "T6"],
        "rayon": pd.Categorical(["Végétaux", "Décoration", "Végétaux", "Animalerie", "Décoration", "Décoration",
                                 "Animalerie"], categories=["Végétaux", "Animalerie", "Décoration", "Épicerie fine"]),
        "quantite": [1, 2, 1, 1, 1, -1, 3],
        "montant_ht": [30.0, 10.0, 20.0, 20.0, 50.0, -50.0, 9.0],
    })


def test_paniers_rayons_par_client_et_par_ticket() -> None:
    with pytest.warns(LignesExclues, match="1 ligne\\(s\\) écartée\\(s\\) : ligne de retour"):
        par_client = paniers_rayons(_lignes_rayons())
    assert list(par_client.columns) == ["Végétaux", "Animalerie", "Décoration"]  # ordre des catégories
    assert par_client.loc["A"].tolist() == [True, False, True]
    assert par_client.loc["C"].tolist() == [False, False, True]
    with pytest.warns(LignesExclues):
        par_ticket = paniers_rayons(_lignes_rayons(), panier="ticket_id")
    assert len(par_ticket) == 5 and par_ticket.loc["T3"].sum() == 2  # T5 n'est qu'un retour


def test_repartition_rayons() -> None:
    with pytest.warns(LignesExclues):
        repartition = repartition_rayons(paniers_rayons(_lignes_rayons()))
    assert repartition["paniers"].to_dict() == {1: 2, 2: 2}
    assert repartition["part_cumulee"].iloc[-1] == pytest.approx(1)


def _paniers_lecon() -> pd.DataFrame:
    """1 000 clients : 200 en épicerie fine, 300 en décoration, 80 dans les deux (exemple de la leçon)."""
    epicerie = np.zeros(1000, dtype=bool)
    decoration = np.zeros(1000, dtype=bool)
    epicerie[:200] = True
    decoration[120:420] = True
    return pd.DataFrame({"Épicerie fine": epicerie, "Décoration": decoration})


def test_regles_association_exemple_de_la_lecon() -> None:
    regles = regles_association(_paniers_lecon()).set_index(["antecedent", "consequent"])
    e_d, d_e = regles.loc[("Épicerie fine", "Décoration")], regles.loc[("Décoration", "Épicerie fine")]
    assert e_d["paniers"] == 80 and e_d["support"] == pytest.approx(0.08)
    assert e_d["confiance"] == pytest.approx(0.40) and d_e["confiance"] == pytest.approx(80 / 300)
    assert e_d["lift"] == pytest.approx(4 / 3) and d_e["lift"] == pytest.approx(4 / 3)


def test_regles_association_comme_un_calcul_naif() -> None:
    rng = np.random.default_rng(4)
    paniers = pd.DataFrame(rng.random((300, 4)) < [0.5, 0.3, 0.2, 0.1], columns=list("ABCD"))
    regles = regles_association(paniers).set_index(["antecedent", "consequent"])
    assert len(regles) == 12
    for a, b in itertools.permutations("ABCD", 2):
        ensemble = (paniers[a] & paniers[b]).mean()
        assert regles.loc[(a, b), "support"] == pytest.approx(ensemble)
        assert regles.loc[(a, b), "confiance"] == pytest.approx(ensemble / paniers[a].mean())
        assert regles.loc[(a, b), "lift"] == pytest.approx(ensemble / paniers[a].mean() / paniers[b].mean())
    assert regles["lift"].is_monotonic_decreasing


def test_regles_association_seuils_et_erreurs() -> None:
    paniers = _paniers_lecon()
    assert len(regles_association(paniers, confiance_min=0.3)) == 1  # seul épicerie → décoration (40 %)
    assert regles_association(paniers, support_min=0.1).empty
    with pytest.raises(ErreurDonnees, match="booléens"):
        regles_association(pd.DataFrame({"A": [2, 0]}))


def test_cible_vente_croisee() -> None:
    paniers = _paniers_lecon()
    cible = cible_vente_croisee(paniers, "Épicerie fine", "Décoration")
    assert len(cible) == 120 and not paniers.loc[cible, "Décoration"].any()
    with pytest.raises(ErreurDonnees, match="Rayon inconnu : 'Decoration'. Vouliez-vous dire 'Décoration'"):
        cible_vente_croisee(paniers, "Épicerie fine", "Decoration")


# ---------------------------------------------------------------- typologies


def test_mix_rayons_parts_qui_font_un() -> None:
    lignes = pd.concat([_lignes_rayons(), pd.DataFrame({"client_id": ["E"], "ticket_id": ["T9"], "quantite": [1],
                                                        "rayon": ["Végétaux"], "montant_ht": [0.0]})])
    with pytest.warns(LignesExclues) as alertes:
        mix = mix_rayons(lignes)
    assert any("0 € ou moins" in str(a.message) for a in alertes)
    assert "E" not in mix.index and np.allclose(mix.sum(axis=1), 1)
    assert mix.loc["A", "Végétaux"] == pytest.approx(0.75)
    assert mix.loc["C", "Décoration"] == pytest.approx(1.0)  # le retour de C n'entre pas dans le mix


def _mix_deux_groupes() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    vegetaux = np.r_[rng.uniform(0.8, 1.0, 30), rng.uniform(0.0, 0.2, 20)]
    return pd.DataFrame({"Végétaux": vegetaux, "Décoration": 1 - vegetaux}, index=[f"C{i:02d}" for i in range(50)])


def test_typologies_reproductibles_et_numerotees_par_taille() -> None:
    mix = _mix_deux_groupes()
    premiere, seconde = typologies(mix, k=2, random_state=0), typologies(mix, k=2, random_state=0)
    pd.testing.assert_series_equal(premiere, seconde)
    assert premiere.value_counts().to_dict() == {1: 30, 2: 20}  # la typologie 1 est la plus nombreuse
    assert (premiere.iloc[:30] == 1).all()
    with pytest.raises(ErreurDonnees, match="k doit être un entier"):
        typologies(mix, k=1)


def test_profil_typologies() -> None:
    mix = _mix_deux_groupes()
    profil = profil_typologies(mix, typologies(mix, k=2))
    assert profil["effectif"].tolist() == [30, 20] and profil["part_clients"].sum() == pytest.approx(1)
    assert profil["rayon_dominant"].tolist() == ["Végétaux", "Décoration"]
    assert profil.loc[1, "Végétaux"] == pytest.approx(mix["Végétaux"].iloc[:30].mean())
    with pytest.raises(ErreurDonnees, match="sans typologie"):
        profil_typologies(mix, pd.Series([1, 2], index=["C00", "C01"]))
    with pytest.raises(ErreurDonnees, match="nombres sans valeur manquante"):
        typologies(mix.assign(Végétaux=np.nan))


def test_choix_nombre_typologies_silhouette_au_bon_k() -> None:
    choix = choix_nombre_typologies(_mix_deux_groupes(), valeurs_k=[2, 3, 4])
    assert list(choix.index) == [2, 3, 4] and int(choix["silhouette"].idxmax()) == 2
    assert choix["inertie"].is_monotonic_decreasing
    assert ((choix["silhouette"] > -1) & (choix["silhouette"] < 1)).all()


# ---------------------------------------------------------------- cycle de vie


def test_etapes_cycle_de_vie_chaque_regle() -> None:
    fiches = pd.DataFrame({
        "client_id": ["accueil", "activation_0", "reconquete_0", "reconquete", "reactivation", "activation_1",
                      "developpement", "stabilisation", "futur"],
        "date_inscription": ["2024-11-15", "2024-05-01", "2022-05-01", "2020-01-01", "2020-01-01", "2019-01-01",
                             "2023-06-01", "2019-01-01", "2025-03-01"],
    })
    achats = pd.DataFrame({
        "client_id": ["accueil", "reconquete", "reactivation", "reactivation", "activation_1", "developpement",
                      "developpement", "stabilisation", "stabilisation"],
        "ticket_id": [f"T{i}" for i in range(9)],
        "date": ["2024-12-01", "2022-10-01", "2023-03-01", "2023-06-01", "2024-10-01", "2024-02-01", "2024-09-01",
                 "2024-01-05", "2024-12-20"],
    })
    with pytest.warns(LignesExclues, match="inscrit après la date de référence"):
        etapes = etapes_cycle_de_vie(achats, fiches, "2025-01-01")
    attendu = {"accueil": "accueil", "activation_0": "activation", "reconquete_0": "reconquête",
               "reconquete": "reconquête", "reactivation": "réactivation", "activation_1": "activation",
               "developpement": "développement", "stabilisation": "stabilisation"}
    assert etapes["etape"].astype(str).to_dict() == attendu
    assert list(etapes["etape"].cat.categories) == list(ETAPES_CYCLE_DE_VIE["etape"])
    assert etapes.loc["reconquete", "recence"] == 823 and np.isnan(etapes.loc["activation_0", "recence"])


def test_etapes_cycle_de_vie_seuils_modifiables() -> None:
    fiches = pd.DataFrame({"client_id": ["A"], "date_inscription": ["2020-01-01"]})
    achats = pd.DataFrame({"client_id": ["A"], "ticket_id": ["T1"], "date": ["2024-05-01"]})
    assert etapes_cycle_de_vie(achats, fiches, "2025-01-01")["etape"].iloc[0] == "activation"
    assert etapes_cycle_de_vie(achats, fiches, "2025-01-01", actif_jours=180)["etape"].iloc[0] == "réactivation"


def test_pas_d_avertissement_sur_des_donnees_propres() -> None:
    fiches = pd.DataFrame({"client_id": ["A"], "date_inscription": ["2020-01-01"]})
    achats = pd.DataFrame({"client_id": ["A"], "ticket_id": ["T1"], "date": ["2024-05-01"]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        etapes_cycle_de_vie(achats, fiches, "2025-01-01")
