"""grc.vente : les grilles SONCAS, CAP, CRAC, les étapes de la prospection et l'entonnoir de prospection."""

import pandas as pd
import pytest

from grc.donnees import charger
from grc.validation import ErreurDonnees
from grc.vente import (
    ETAPES_CRAC,
    ETAPES_ENTONNOIR,
    ETAPES_PROSPECTION,
    SONCAS,
    SONCASE,
    contacts_necessaires,
    entonnoir_long,
    entonnoir_prospection,
    mobile_soncas,
    simuler_entonnoir,
    tableau_crac,
    tableau_prospection,
    tableau_soncas,
)


@pytest.fixture
def petite_table() -> pd.DataFrame:
    """L'exemple de la leçon : deux vendeurs, deux mois."""
    return pd.DataFrame({
        "vendeur": ["A", "A", "B", "B"],
        "mois": ["2024-01", "2024-02", "2024-01", "2024-02"],
        "prospects_contactes": [60, 40, 50, 50],
        "rdv_obtenus": [15, 10, 10, 10],
        "visites_realisees": [12, 8, 9, 7],
        "devis_emis": [8, 4, 6, 4],
        "commandes": [3, 2, 2, 0],
    })


# --- Les grilles ----------------------------------------------------------------------------------


def test_soncas_a_six_mobiles_et_soncase_ajoute_l_ecologie() -> None:
    assert len(SONCAS) == 6 and SONCASE == (*SONCAS, "écologie")
    assert "".join(tableau_soncas(ecologie=False)["lettre"]) == "SONCAS"
    assert "".join(tableau_soncas()["lettre"]) == "SONCASE"
    assert tableau_soncas()["mobile"].tolist() == list(SONCASE)


def test_chaque_mobile_a_une_phrase_type_et_des_arguments() -> None:
    grille = tableau_soncas()
    assert grille.notna().all().all()
    assert grille["le_client_dit"].str.startswith("«").all()


@pytest.mark.parametrize("saisie, mobile", [
    ("Sécurité", "sécurité"), ("securite", "sécurité"), ("  SYMPATHIE ", "sympathie"),
    ("o", "orgueil"), ("N", "nouveauté"), ("c", "confort"), ("A", "argent"), ("E", "écologie"),
    ("environnement", "écologie"), ("prix", "argent"),
])
def test_mobile_soncas_reconnait_nom_lettre_et_synonyme(saisie, mobile) -> None:
    assert mobile_soncas(saisie) == mobile


def test_la_lettre_s_est_ambigue() -> None:
    with pytest.raises(ErreurDonnees, match="ambiguë"):
        mobile_soncas("S")


def test_mobile_inconnu_ou_ecologie_hors_soncas() -> None:
    with pytest.raises(ErreurDonnees, match="Mobiles permis"):
        mobile_soncas("gourmandise")
    with pytest.raises(ErreurDonnees, match="n'est pas un mobile"):
        mobile_soncas("écologie", ecologie=False)


def test_crac_et_prospection_dans_l_ordre_de_la_lecon() -> None:
    assert tableau_crac()["etape"].tolist() == list(ETAPES_CRAC) == ["creuser", "reformuler", "argumenter", "conclure"]
    assert tableau_prospection()["etape"].tolist() == list(ETAPES_PROSPECTION)
    assert ETAPES_PROSPECTION[0] == "ciblage" and ETAPES_PROSPECTION[-1] == "suivi"


# --- L'entonnoir ----------------------------------------------------------------------------------


def test_entonnoir_additionne_puis_divise(petite_table) -> None:
    e = entonnoir_prospection(petite_table)
    a = e.loc["A"]
    assert a[list(ETAPES_ENTONNOIR)].tolist() == [100, 25, 20, 12, 5]
    assert a["taux_rdv"] == pytest.approx(0.25)
    assert a["taux_visite"] == pytest.approx(0.8)
    assert a["taux_devis"] == pytest.approx(0.6)
    assert a["taux_transformation"] == pytest.approx(5 / 12)
    assert a["taux_global"] == pytest.approx(0.05)
    assert a["contacts_par_commande"] == pytest.approx(20)
    assert a["visites_par_commande"] == pytest.approx(4)


def test_taux_global_est_le_produit_des_quatre_taux(petite_table) -> None:
    e = entonnoir_prospection(petite_table)
    produit = e["taux_rdv"] * e["taux_visite"] * e["taux_devis"] * e["taux_transformation"]
    pd.testing.assert_series_equal(produit, e["taux_global"], check_names=False)


def test_la_moyenne_des_taux_mensuels_n_est_pas_le_taux_de_la_periode(petite_table) -> None:
    # A : 3/8 en janvier, 2/4 en février ; la moyenne des taux (0,4375) n'est pas 5/12.
    e = entonnoir_prospection(petite_table)
    mensuel = petite_table["commandes"] / petite_table["devis_emis"]
    assert mensuel[:2].mean() != pytest.approx(e.loc["A", "taux_transformation"])


def test_ligne_total_et_regroupement_absent(petite_table) -> None:
    e = entonnoir_prospection(petite_table, total="Équipe")
    assert e.loc["Équipe", "contacts"] == 200 and e.loc["Équipe", "commandes"] == 7
    ensemble = entonnoir_prospection(petite_table, par=None)
    assert ensemble.index.tolist() == ["ensemble"]
    assert ensemble.loc["ensemble", "taux_rdv"] == pytest.approx(45 / 200)


def test_total_refuse_avec_plusieurs_regroupements(petite_table) -> None:
    with pytest.raises(ErreurDonnees, match="un seul regroupement"):
        entonnoir_prospection(petite_table, par=["vendeur", "mois"], total="Équipe")


def test_groupe_sans_commande_donne_nan_par_commande(petite_table) -> None:
    e = entonnoir_prospection(petite_table, par=["vendeur", "mois"])
    assert pd.isna(e.loc[("B", "2024-02"), "contacts_par_commande"])
    assert e.loc[("B", "2024-02"), "taux_transformation"] == 0


def test_noms_de_colonnes_de_l_eleve() -> None:
    table = pd.DataFrame({"commercial": ["X"], "appels": [40], "rdv": [10], "visites": [8], "propositions": [5],
                          "ventes": [2]})
    e = entonnoir_prospection(table, par="commercial", contacts="appels", rdv="rdv", visites="visites",
                              devis="propositions", commandes="ventes")
    assert e.loc["X", "contacts_par_commande"] == pytest.approx(20)


def test_colonne_manquante_nommee(petite_table) -> None:
    with pytest.raises(ErreurDonnees, match="rdv_obtenus"):
        entonnoir_prospection(petite_table.drop(columns="rdv_obtenus"))


def test_comptes_en_texte_acceptes_et_texte_illisible_refuse(petite_table) -> None:
    texte = petite_table.assign(prospects_contactes=petite_table["prospects_contactes"].astype(str))
    assert entonnoir_prospection(texte).loc["A", "contacts"] == 100
    with pytest.raises(ErreurDonnees, match="illisible"):
        entonnoir_prospection(petite_table.assign(commandes=["3", "deux", "2", "0"]))


def test_compte_negatif_refuse(petite_table) -> None:
    with pytest.raises(ErreurDonnees, match="négatif"):
        entonnoir_prospection(petite_table.assign(commandes=[3, -2, 2, 0]))


def test_etage_plus_grand_que_le_precedent_refuse(petite_table) -> None:
    with pytest.raises(ErreurDonnees, match="Visites réalisées.*dépasse.*Rendez-vous obtenus"):
        entonnoir_prospection(petite_table.assign(visites_realisees=[30, 8, 9, 7]))


def test_table_vide_refusee(petite_table) -> None:
    with pytest.raises(ErreurDonnees, match="vide"):
        entonnoir_prospection(petite_table.iloc[:0])


def test_entonnoir_long_ordonne_les_etapes(petite_table) -> None:
    long = entonnoir_long(entonnoir_prospection(petite_table))
    assert len(long) == 10
    a = long[long["vendeur"] == "A"]
    assert a["etape"].cat.codes.tolist() == [0, 1, 2, 3, 4]
    assert a["part_des_contacts"].tolist() == pytest.approx([1, 0.25, 0.2, 0.12, 0.05])


# --- Simuler et dimensionner ------------------------------------------------------------------------


def test_simuler_entonnoir_exemple_de_la_lecon() -> None:
    assert simuler_entonnoir(200, 0.25, 0.8, 0.6, 0.5).tolist() == pytest.approx([200, 50, 40, 24, 12])


def test_contacts_necessaires_arrondit_au_dessus() -> None:
    assert contacts_necessaires(12, 0.25, 0.8, 0.6, 0.5) == 200
    assert contacts_necessaires(12.5, 0.25, 0.8, 0.6, 0.5) == 209  # 208,33 → 209


def test_meilleur_taux_de_rdv_moins_de_contacts() -> None:
    assert contacts_necessaires(12, 0.30, 0.8, 0.6, 0.5) < contacts_necessaires(12, 0.25, 0.8, 0.6, 0.5)


@pytest.mark.parametrize("taux, message", [(25, "fraction"), (0, "strictement positif"), (-0.1, "strictement"),
                                           ("0,25", "nombre")])
def test_taux_mal_saisi_refuse(taux, message) -> None:
    with pytest.raises(ErreurDonnees, match=message):
        simuler_entonnoir(100, taux, 0.8, 0.6, 0.5)


def test_contacts_ou_commandes_negatifs_refuses() -> None:
    with pytest.raises(ErreurDonnees, match="contacts"):
        simuler_entonnoir(-5, 0.25, 0.8, 0.6, 0.5)
    with pytest.raises(ErreurDonnees, match="commandes visées"):
        contacts_necessaires(-1, 0.25, 0.8, 0.6, 0.5)


# --- Sur les données de Verdance ----------------------------------------------------------------------


def test_entonnoir_verdance_coherent_avec_les_devis() -> None:
    prospection, devis = charger("prospection"), charger("devis")
    e = entonnoir_prospection(prospection)
    emis = devis.groupby("vendeur", observed=True).size()
    acceptes = (devis["statut"] == "accepté").groupby(devis["vendeur"], observed=True).sum()
    assert e["devis"].to_dict() == emis.to_dict()
    assert e["commandes"].to_dict() == acceptes.to_dict()
    assert e["taux_transformation"].to_dict() == pytest.approx((acceptes / emis).to_dict())
