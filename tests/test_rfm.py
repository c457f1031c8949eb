"""grc.rfm : tableau RFM, scores, segments et FRAT, lus comme la leçon (le résumé des modèles : test_predictif)."""

import warnings

import numpy as np
import pandas as pd
import pytest

from grc.rfm import REGLES_SEGMENTS, scores_rfm, segments_rfm, tableau_frat, tableau_rfm
from grc.validation import ErreurDonnees, LignesExclues


def _tickets() -> pd.DataFrame:
    """Petit journal de caisse calculé à la main dans les tests (une ligne par ligne de ticket)."""
    return pd.DataFrame(
        {
            "ticket_id": ["T1", "T1", "T2", "T3", "T4", "T4", "T5"],
            "date": ["2024-12-20", "2024-12-20", "2024-06-01", "2024-12-28", "2023-10-05", "2023-10-05", "2024-12-31"],
            "client_id": ["Alice", "Alice", "Alice", "Emma", "Driss", "Driss", "Alice"],
            "montant_ht": [30.0, 20.0, 100.0, 15.0, 200.0, 50.0, -20.0],
            "rayon": ["Végétaux", "Animalerie", "Végétaux", "Décoration", "Jardin et outillage", "Végétaux", "Animalerie"],
        }
    )


# ---------------------------------------------------------------- tableau_rfm


def test_rfm_calcule_a_la_main_avec_les_tickets() -> None:
    rfm = tableau_rfm(_tickets(), date_reference="2025-01-01", ticket="ticket_id")
    # Alice : dernier passage le 31/12 (un retour), 3 tickets, 30 + 20 + 100 − 20 = 130 €
    # Driss : 05/10/2023 → 05/10/2024 = 366 j (2024 bissextile), puis 26 + 30 + 31 + 1 = 88 j → 454 jours
    attendu = pd.DataFrame(
        {"recence": [1, 454, 4], "frequence": [3, 1, 1], "montant": [130.0, 250.0, 15.0]},
        index=pd.Index(["Alice", "Driss", "Emma"], name="client_id"),
    )
    pd.testing.assert_frame_equal(rfm, attendu, check_index_type=False)


def test_sans_ticket_chaque_ligne_compte_comme_un_achat() -> None:
    rfm = tableau_rfm(_tickets(), date_reference="2025-01-01")
    assert rfm["frequence"].to_dict() == {"Alice": 4, "Driss": 2, "Emma": 1}


def test_les_retours_diminuent_le_montant() -> None:
    sans_retour = _tickets().query("montant_ht > 0")
    avec = tableau_rfm(_tickets(), date_reference="2025-01-01")
    sans = tableau_rfm(sans_retour, date_reference="2025-01-01")
    assert avec.loc["Alice", "montant"] == sans.loc["Alice", "montant"] - 20.0


def test_date_de_reference_par_defaut_le_lendemain_de_la_derniere_date() -> None:
    rfm = tableau_rfm(_tickets())
    assert rfm.attrs["date_reference"] == pd.Timestamp("2025-01-01")
    assert rfm.loc["Alice", "recence"] == 1


def test_date_de_reference_en_format_francais() -> None:
    iso = tableau_rfm(_tickets(), date_reference="2025-01-01")
    francaise = tableau_rfm(_tickets(), date_reference="01/01/2025")
    pd.testing.assert_frame_equal(iso, francaise)


def test_noms_de_colonnes_en_parametres() -> None:
    export = _tickets().rename(columns={"client_id": "code", "date": "jour", "montant_ht": "ca", "ticket_id": "num"})
    rfm = tableau_rfm(export, date_reference="2025-01-01", client="code", date="jour", montant="ca", ticket="num")
    assert rfm.index.name == "code"
    assert rfm["frequence"].sum() == 5


def test_un_seul_client() -> None:
    un = _tickets().query("client_id == 'Emma'")
    rfm = tableau_rfm(un, date_reference="2025-01-01")
    assert rfm.index.tolist() == ["Emma"]
    notes = scores_rfm(rfm)
    # documenté : sans autre client à qui se comparer, toutes les notes valent 1
    assert notes[["R", "F", "M"]].iloc[0].tolist() == [1, 1, 1]


def test_montants_en_texte_avec_virgule_decimale() -> None:
    export = _tickets().assign(montant_ht=lambda t: t["montant_ht"].map(lambda x: f"{x:.2f}".replace(".", ",")))
    rfm = tableau_rfm(export, date_reference="2025-01-01")
    assert rfm.loc["Alice", "montant"] == pytest.approx(130.0)


# ---------------------------------------------------------------- robustesse


def test_colonne_manquante_erreur_qui_la_nomme() -> None:
    with pytest.raises(ErreurDonnees, match="montant_ht") as erreur:
        tableau_rfm(_tickets().drop(columns="montant_ht"))
    assert "montant=" in str(erreur.value) or "paramètre" in str(erreur.value)


def test_table_vide_erreur_francaise() -> None:
    with pytest.raises(ErreurDonnees, match="vide"):
        tableau_rfm(_tickets().iloc[0:0])


def test_pas_un_dataframe() -> None:
    with pytest.raises(ErreurDonnees, match="DataFrame"):
        tableau_rfm([1, 2, 3])


def test_date_illisible_erreur_francaise() -> None:
    mauvais = _tickets().assign(date=lambda t: t["date"].where(t.index != 2, "32/13/2024"))
    with pytest.raises(ErreurDonnees, match="illisible.*32/13/2024"):
        tableau_rfm(mauvais)


def test_montant_illisible_erreur_francaise() -> None:
    mauvais = _tickets().astype({"montant_ht": "object"})
    mauvais.loc[3, "montant_ht"] = "quinze"
    with pytest.raises(ErreurDonnees, match="montant_ht.*quinze"):
        tableau_rfm(mauvais)


def test_montant_booleen_refuse() -> None:
    with pytest.raises(ErreurDonnees, match="booléens"):
        tableau_rfm(_tickets().assign(montant_ht=True))


def test_client_manquant_ligne_ecartee_et_signalee() -> None:
    sale = _tickets().astype({"client_id": "object"})
    sale.loc[3, "client_id"] = None  # la ligne d'Emma
    with pytest.warns(LignesExclues, match=r"1 ligne\(s\) écartée\(s\) : identifiant client manquant"):
        rfm = tableau_rfm(sale, date_reference="2025-01-01")
    assert "Emma" not in rfm.index
    assert rfm["frequence"].sum() == len(sale) - 1


def test_date_manquante_ligne_ecartee_et_signalee() -> None:
    sale = _tickets().astype({"date": "object"})
    sale.loc[[0, 1], "date"] = None
    with pytest.warns(LignesExclues, match=r"2 ligne\(s\).*date manquante"):
        rfm = tableau_rfm(sale, date_reference="2025-01-01")
    assert rfm.loc["Alice", "montant"] == 80.0


def test_montant_manquant_ligne_ecartee_et_signalee() -> None:
    sale = _tickets().assign(montant_ht=lambda t: t["montant_ht"].where(t.index != 4))
    with pytest.warns(LignesExclues, match="montant manquant"):
        rfm = tableau_rfm(sale, date_reference="2025-01-01")
    assert rfm.loc["Driss", "montant"] == 50.0


def test_dates_futures_ecartees_et_signalees() -> None:
    with pytest.warns(LignesExclues, match=r"2 ligne\(s\).*postérieure à la date de référence \(2024-12-25\)"):
        rfm = tableau_rfm(_tickets(), date_reference="2024-12-25")
    assert rfm.loc["Alice", "recence"] == 5  # 20/12 → 25/12, le retour du 31/12 est écarté
    assert "Emma" not in rfm.index


def test_toutes_les_dates_futures_erreur() -> None:
    with pytest.warns(LignesExclues), pytest.raises(ErreurDonnees, match="postérieures"):
        tableau_rfm(_tickets(), date_reference="2020-01-01")


def test_date_de_reference_illisible() -> None:
    with pytest.raises(ErreurDonnees, match="date_reference"):
        tableau_rfm(_tickets(), date_reference="demain")


def test_aucune_exclusion_aucun_avertissement() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tableau_rfm(_tickets(), date_reference="2025-01-01", ticket="ticket_id")


# ---------------------------------------------------------------- scores_rfm


def _rfm_lecon() -> pd.DataFrame:
    """Les six clients de l'exemple de la leçon (terciles)."""
    return pd.DataFrame(
        {
            "recence": [12, 200, 32, 449, 4, 305],
            "frequence": [5, 1, 2, 6, 1, 2],
            "montant": [900.0, 60.0, 150.0, 700.0, 40.0, 120.0],
        },
        index=["Alice", "Bruno", "Chloé", "Driss", "Emma", "Félix"],
    )


def test_scores_par_terciles_calcules_a_la_main() -> None:
    scores = scores_rfm(_rfm_lecon(), q=3)
    assert scores["R"].tolist() == [3, 2, 2, 1, 3, 1]
    assert scores["F"].tolist() == [3, 1, 2, 3, 1, 2]
    assert scores["M"].tolist() == [3, 1, 2, 3, 1, 2]
    assert scores.loc["Driss", "code_rfm"] == "133"
    assert scores.loc["Driss", "score_rfm"] == 7


def test_le_score_q_va_aux_plus_recents_frequents_et_depensiers() -> None:
    rfm = pd.DataFrame({"recence": np.arange(1, 101), "frequence": np.arange(1, 101), "montant": np.arange(1.0, 101.0)})
    scores = scores_rfm(rfm, q=5)
    assert scores.loc[0, "R"] == 5 and scores.loc[99, "R"] == 1
    assert scores.loc[99, "F"] == 5 and scores.loc[99, "M"] == 5
    assert scores["R"].value_counts().tolist() == [20] * 5


def test_soixante_pour_cent_a_un_achat_sans_plantage_ni_classe_vide() -> None:
    frequence = np.array([1] * 60 + [2] * 15 + [3] * 10 + [4] * 5 + [5] * 4 + [8] * 3 + [12] * 3)
    rfm = pd.DataFrame({"recence": np.arange(100), "frequence": frequence, "montant": np.arange(100.0)})
    notes_f = scores_rfm(rfm)["F"]
    assert set(notes_f[frequence == 1]) == {1}  # les ex-aequo ont tous la même note
    assert sorted(notes_f.unique()) == [1, 2, 3, 4, 5]  # aucune note vide
    assert notes_f.groupby(frequence).nunique().max() == 1


def test_les_notes_ne_dependent_pas_de_l_ordre_des_lignes() -> None:
    rng = np.random.default_rng(0)
    rfm = pd.DataFrame(
        {"recence": rng.integers(0, 50, 300), "frequence": rng.geometric(0.5, 300), "montant": rng.integers(1, 40, 300) * 5.0}
    )
    melange = rfm.sample(frac=1.0, random_state=1)
    pd.testing.assert_frame_equal(scores_rfm(rfm), scores_rfm(melange).loc[rfm.index])


def test_moins_de_q_valeurs_distinctes() -> None:
    rfm = pd.DataFrame({"recence": [10] * 6 + [20] * 4, "frequence": [1] * 10, "montant": [5.0, 6.0] * 5})
    scores = scores_rfm(rfm)
    assert scores["F"].unique().tolist() == [1]  # toutes égales : tout le monde a 1 (documenté)
    assert sorted(scores["R"].unique()) == [1, 2]  # deux valeurs : les notes 1 et 2, sans trou


def test_seuils_de_l_enseignant() -> None:
    rfm = pd.DataFrame(
        {"recence": [10, 29, 30, 100, 400], "frequence": [1, 2, 4, 9, 10], "montant": [10.0, 50.0, 149.0, 150.0, 5000.0]}
    )
    seuils = {"R": [30, 90, 180, 365], "F": [2, 3, 5, 10], "montant": [50, 150, 400, 1000]}
    scores = scores_rfm(rfm, seuils=seuils)
    assert scores["R"].tolist() == [5, 5, 4, 3, 1]
    assert scores["F"].tolist() == [1, 2, 3, 4, 5]
    assert scores["M"].tolist() == [1, 2, 2, 3, 5]


def test_seuils_pour_une_seule_dimension_les_autres_par_quantiles() -> None:
    scores = scores_rfm(_rfm_lecon(), q=3, seuils={"F": [2, 5]})
    assert scores["F"].tolist() == [3, 1, 2, 3, 1, 2]
    assert scores["R"].tolist() == scores_rfm(_rfm_lecon(), q=3)["R"].tolist()


@pytest.mark.parametrize(
    "seuils, message",
    [
        ({"F": [2, 3]}, "q − 1 = 4 bornes"),
        ({"F": [2, 3, 3, 10]}, "strictement croissantes"),
        ({"X": [1, 2, 3, 4]}, "Dimension inconnue"),
        ([1, 2, 3, 4], "dictionnaire"),
    ],
)
def test_seuils_mal_formes(seuils, message) -> None:
    with pytest.raises(ErreurDonnees, match=message):
        scores_rfm(_rfm_lecon(), seuils=seuils)


@pytest.mark.parametrize("q", [1, 10, 2.5, "5"])
def test_q_invalide(q) -> None:
    with pytest.raises(ErreurDonnees, match="q doit"):
        scores_rfm(_rfm_lecon(), q=q)


def test_scores_sans_les_colonnes_rfm() -> None:
    with pytest.raises(ErreurDonnees, match="recence"):
        scores_rfm(pd.DataFrame({"frequence": [1], "montant": [2.0]}))


def test_scores_avec_valeur_manquante() -> None:
    rfm = _rfm_lecon().astype({"montant": "float64"})
    rfm.loc["Emma", "montant"] = np.nan
    with pytest.raises(ErreurDonnees, match="manquante"):
        scores_rfm(rfm)


# ---------------------------------------------------------------- segments


def test_les_regles_couvrent_les_125_codes_avec_les_segments_du_cours() -> None:
    notes = np.arange(1, 6)
    r, f, m = (g.ravel() for g in np.meshgrid(notes, notes, notes))
    segments = segments_rfm(pd.DataFrame({"R": r, "F": f, "M": m}))["segment"]
    assert segments.notna().all() and len(segments) == 125
    noms = set(REGLES_SEGMENTS["segment"])
    assert {"Nouveaux clients", "Très bons clients", "Bons clients", "Clients à risque", "Inactifs"} <= noms
    assert 5 <= len(noms) <= 10
    assert set(segments) == noms  # chaque segment sert au moins une fois


def test_segments_des_profils_de_la_lecon() -> None:
    scores = pd.DataFrame(
        {"R": [5, 5, 2, 1, 3, 4], "F": [5, 1, 5, 1, 3, 2], "M": [5, 1, 5, 1, 3, 2]},
        index=["fidèle", "nouveau", "décroche", "perdu", "moyen", "récent"],
    )
    attendu = ["Très bons clients", "Nouveaux clients", "Clients à risque", "Inactifs", "Bons clients", "Clients prometteurs"]
    assert segments_rfm(scores)["segment"].tolist() == attendu


def test_chaine_complete_avec_pipe() -> None:
    segments = tableau_rfm(_tickets(), date_reference="2025-01-01", ticket="ticket_id").pipe(scores_rfm).pipe(segments_rfm)
    assert list(segments.columns[-6:]) == ["R", "F", "M", "code_rfm", "score_rfm", "segment"]
    assert segments["segment"].notna().all()


def test_segments_avec_q_3_ramenes_sur_1_a_5() -> None:
    scores = scores_rfm(_rfm_lecon(), q=3)
    segments = segments_rfm(scores)["segment"]
    assert segments["Alice"] == "Très bons clients"  # 333 sur 1-3 = 555 sur 1-5
    assert segments["Driss"] == "Clients à risque"  # 133 : ancien gros client qui décroche


def test_ancien_gros_client_est_a_risque_et_non_inactif() -> None:
    scores = pd.DataFrame({"R": [1, 1, 1], "F": [5, 1, 2], "M": [2, 5, 3]}, index=["fréquent", "gros", "modeste"])
    segments = segments_rfm(scores)["segment"]
    assert segments.tolist() == ["Clients à risque", "Clients à risque", "Inactifs"]


def test_regles_de_l_enseignant() -> None:
    regles = pd.DataFrame(
        {"segment": ["Actifs", "Endormis"], "r_min": [3, 1], "r_max": [5, 2],
         "f_min": [1, 1], "f_max": [5, 5], "m_min": [1, 1], "m_max": [5, 5]}
    )
    scores = pd.DataFrame({"R": [5, 2, 3], "F": [1, 5, 2], "M": [1, 1, 1]})
    assert segments_rfm(scores, regles=regles)["segment"].tolist() == ["Actifs", "Endormis", "Actifs"]


def test_regles_qui_ne_couvrent_pas_tout_erreur() -> None:
    regles = REGLES_SEGMENTS[REGLES_SEGMENTS["segment"] != "Inactifs"]
    with pytest.raises(ErreurDonnees, match="aucune règle.*111"):
        segments_rfm(pd.DataFrame({"R": [1, 5], "F": [1, 5], "M": [1, 5]}), regles=regles)


def test_notes_hors_echelle_erreur() -> None:
    with pytest.raises(ErreurDonnees, match="de 1 à 5"):
        segments_rfm(pd.DataFrame({"R": [6], "F": [1], "M": [1]}))


# ---------------------------------------------------------------- FRAT


def test_frat_ajoute_les_types_achetes() -> None:
    frat = tableau_frat(_tickets(), date_reference="2025-01-01", ticket="ticket_id")
    pd.testing.assert_frame_equal(
        frat[["recence", "frequence", "montant"]], tableau_rfm(_tickets(), date_reference="2025-01-01", ticket="ticket_id")
    )
    # Alice : Végétaux 130 €, Animalerie 20 − 20 = 0 € → principal Végétaux
    assert frat.loc["Alice", "type_principal"] == "Végétaux"
    assert frat.loc["Alice", "types_achetes"] == "Animalerie + Végétaux"
    assert frat["nb_types"].to_dict() == {"Alice": 2, "Driss": 2, "Emma": 1}
    assert frat.loc["Driss", "type_principal"] == "Jardin et outillage"


def test_frat_par_famille_colonne_manquante() -> None:
    with pytest.raises(ErreurDonnees, match="famille"):
        tableau_frat(_tickets(), type_produit="famille")
