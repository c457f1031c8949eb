"""Les indicateurs du cours, vérifiés sur des exemples calculés à la main."""

import math

import pandas as pd
import pytest

from grc import indicateurs as ind
from grc.validation import ErreurDonnees, LignesExclues

# --- Taux de l'entonnoir ---------------------------------------------------------------------


def test_taux_de_transformation_rapporte_les_commandes_aux_devis():
    # 12 commandes pour 48 devis : 12 / 48 = 0,25
    assert ind.taux_transformation(12, 48) == pytest.approx(0.25)


def test_les_taux_sont_des_fractions_et_non_des_pourcentages():
    assert ind.taux_retour(150, 5000) == pytest.approx(0.03)


def test_taux_de_rendement_net_divise_par_les_reponses_pas_par_les_envois():
    # 60 commandes, 150 réponses, 5 000 envois : 60 / 150 = 0,4 (et non 60 / 5 000 = 0,012)
    assert ind.taux_rendement_net(60, 150) == pytest.approx(0.4)


def test_commandes_sur_envois_est_le_produit_du_taux_de_retour_et_du_rendement_net():
    assert ind.taux_retour(150, 5000) * ind.taux_rendement_net(60, 150) == pytest.approx(60 / 5000)


def test_taux_ouverture_et_les_deux_taux_de_clic():
    # 5 000 envois, 1 100 ouvertures, 200 clics
    assert ind.taux_ouverture(1100, 5000) == pytest.approx(0.22)
    assert ind.taux_clic(200, 5000) == pytest.approx(0.04)
    assert ind.taux_clic_ouvreurs(200, 1100) == pytest.approx(200 / 1100)


def test_taux_attrition_rapporte_les_clients_perdus_aux_clients_du_debut():
    assert ind.taux_attrition(120, 800) == pytest.approx(0.15)


def test_taux_attrition_refuse_plus_de_perdus_que_de_clients_au_depart():
    with pytest.raises(ErreurDonnees, match="plus de clients perdus"):
        ind.taux_attrition(900, 800)


# --- Évolution, objectifs, panier, ROI --------------------------------------------------------


def test_progression_par_rapport_a_n_moins_1():
    assert ind.progression(115_000, 100_000) == pytest.approx(0.15)
    assert ind.progression(80, 100) == pytest.approx(-0.2)


def test_une_baisse_puis_une_hausse_de_20_pour_cent_ne_ramenent_pas_au_depart():
    assert ind.progression(96, 80) == pytest.approx(0.2)
    assert ind.progression(96, 100) == pytest.approx(-0.04)


def test_progression_refuse_une_valeur_precedente_negative():
    with pytest.raises(ErreurDonnees, match="Valeur négative impossible pour la valeur précédente"):
        ind.progression(50, -100)


def test_taux_de_realisation_depasse_1_quand_l_objectif_est_depasse():
    assert ind.taux_realisation(46_000, 40_000) == pytest.approx(1.15)


def test_panier_moyen_divise_le_ca_par_le_nombre_de_tickets():
    assert ind.panier_moyen(12_600, 420) == pytest.approx(30.0)


def test_roi_se_calcule_sur_la_marge_nette_du_cout():
    # marge générée 15 000 €, coût 6 000 € : (15 000 − 6 000) / 6 000 = 1,5
    assert ind.retour_sur_investissement(15_000, 6_000) == pytest.approx(1.5)
    # une action qui rembourse juste son coût a un ROI nul, une action à perte un ROI négatif
    assert ind.retour_sur_investissement(6_000, 6_000) == 0
    assert ind.retour_sur_investissement(3_000, 6_000) == pytest.approx(-0.5)


# --- Marge, taux de marge, taux de marque -----------------------------------------------------


def test_marge_est_prix_de_vente_ht_moins_cout_d_achat_ht():
    assert ind.marge(100, 75) == pytest.approx(25)
    assert ind.marge(70, 75) == pytest.approx(-5)  # vente à perte


def test_taux_de_marge_est_calcule_sur_le_cout_d_achat():
    # 25 € de marge sur un coût de 75 € : 25 / 75
    assert ind.taux_marge(100, 75) == pytest.approx(1 / 3)


def test_taux_de_marque_est_calcule_sur_le_prix_de_vente():
    # 25 € de marge sur un prix de vente de 100 € : 25 / 100
    assert ind.taux_marque(100, 75) == pytest.approx(0.25)


def test_le_taux_de_marge_est_plus_grand_que_le_taux_de_marque_quand_la_marge_est_positive():
    assert ind.taux_marge(100, 75) > ind.taux_marque(100, 75)


def test_coefficient_multiplicateur_passe_du_prix_d_achat_ht_au_prix_de_vente_ttc():
    # acheté 75 € HT, vendu 120 € TTC : coefficient 1,6
    assert ind.coefficient_multiplicateur(120, 75) == pytest.approx(1.6)


def test_coefficient_multiplicateur_contient_la_tva():
    # taux de marque 25 % et TVA 20 % : (1 + 0,2) / (1 − 0,25) = 1,6
    prix_vente_ht = ind.prix_vente_depuis_taux_marque(75, 0.25)
    assert ind.coefficient_multiplicateur(prix_vente_ht * 1.2, 75) == pytest.approx(1.2 / 0.75)


def test_prix_de_vente_depuis_un_taux_de_marque():
    assert ind.prix_vente_depuis_taux_marque(75, 0.25) == pytest.approx(100)


def test_ajouter_25_pour_cent_au_cout_donne_un_taux_de_marge_de_25_pour_cent_pas_de_marque():
    prix = ind.prix_vente_depuis_taux_marge(75, 0.25)
    assert prix == pytest.approx(93.75)
    assert ind.taux_marge(prix, 75) == pytest.approx(0.25)
    assert ind.taux_marque(prix, 75) == pytest.approx(0.2)


def test_conversions_entre_taux_de_marge_et_taux_de_marque():
    assert ind.taux_marque_depuis_taux_marge(1 / 3) == pytest.approx(0.25)
    assert ind.taux_marge_depuis_taux_marque(0.25) == pytest.approx(1 / 3)


def test_un_taux_de_marque_de_100_pour_cent_est_refuse():
    with pytest.raises(ErreurDonnees, match="inférieur à 1"):
        ind.prix_vente_depuis_taux_marque(75, 1.0)
    with pytest.raises(ErreurDonnees, match="inférieur à 1"):
        ind.prix_vente_depuis_taux_marque(75, 25)  # 25 au lieu de 0,25


def test_taux_de_marge_sur_un_cout_nul_est_refuse():
    with pytest.raises(ValueError, match="coût d'achat HT est nul"):
        ind.taux_marge(10, 0)


# --- Dénominateurs nuls, séries, mauvaises entrées --------------------------------------------


def test_denominateur_nul_sur_des_nombres_leve_une_erreur_qui_nomme_la_quantite():
    with pytest.raises(ValueError, match="Le nombre de devis est nul"):
        ind.taux_transformation(0, 0)
    with pytest.raises(ValueError, match="Le nombre d'envois est nul"):
        ind.taux_retour(3, 0)
    with pytest.raises(ValueError, match="Le prix de vente HT est nul"):
        ind.taux_marque(0, 0)
    with pytest.raises(ValueError, match="L'objectif est nul"):
        ind.taux_realisation(10, 0)


def test_sur_des_series_un_denominateur_nul_donne_nan_sur_cette_ligne_seulement():
    campagnes = pd.DataFrame({"envois": [5000, 0, 2000], "reponses": [150, 0, 50]}, index=["K01", "K02", "K03"])
    taux = ind.taux_retour(campagnes["reponses"], campagnes["envois"])
    assert list(taux.index) == ["K01", "K02", "K03"]
    assert taux["K01"] == pytest.approx(0.03)
    assert math.isnan(taux["K02"])
    assert taux["K03"] == pytest.approx(0.025)


def test_une_serie_et_un_nombre_se_combinent():
    prix = pd.Series([100.0, 80.0])
    assert ind.taux_marque(prix, 60).tolist() == pytest.approx([0.4, 0.25])


def test_des_envois_negatifs_sont_refuses_avec_un_message_francais():
    with pytest.raises(ErreurDonnees, match="Valeur négative impossible pour le nombre d'envois"):
        ind.taux_retour(10, -100)
    with pytest.raises(ErreurDonnees, match="1 valeur\\(s\\) négative"):
        ind.taux_ouverture(pd.Series([10, 20]), pd.Series([100, -5]))


def test_un_cout_d_achat_negatif_est_refuse():
    with pytest.raises(ErreurDonnees, match="Valeur négative impossible pour le coût d'achat HT"):
        ind.taux_marge(100, -75)


def test_un_texte_a_virgule_decimale_est_lu_comme_un_nombre():
    assert ind.panier_moyen("12600,0", 420) == pytest.approx(30.0)


def test_un_texte_illisible_est_refuse():
    with pytest.raises(ErreurDonnees, match="illisible"):
        ind.panier_moyen("beaucoup", 420)


def test_un_booleen_n_est_pas_un_nombre():
    with pytest.raises(ErreurDonnees, match="booléen"):
        ind.taux_transformation(True, 10)


def test_un_objet_inattendu_est_refuse_clairement():
    with pytest.raises(ErreurDonnees, match="nombre ou une série"):
        ind.taux_transformation({"commandes": 3}, 10)


# --- NPS et satisfaction ----------------------------------------------------------------------


NOTES_NPS = [10, 9, 9, 8, 7, 6, 3, 10, 9, 5]  # 5 promoteurs, 2 passifs, 3 détracteurs


def test_nps_est_la_part_de_promoteurs_moins_la_part_de_detracteurs():
    assert ind.nps(NOTES_NPS) == pytest.approx(0.5 - 0.3)


def test_nps_en_points():
    assert ind.nps(NOTES_NPS, en_points=True) == pytest.approx(20)


def test_les_passifs_comptent_au_denominateur_du_nps():
    # 1 promoteur, 3 passifs : (1 − 0) / 4
    assert ind.nps([9, 7, 8, 8]) == pytest.approx(0.25)


def test_nps_de_6_est_un_detracteur_et_9_un_promoteur():
    assert ind.nps([6]) == -1
    assert ind.nps([9]) == 1


def test_nps_ecarte_les_reponses_manquantes_en_le_signalant():
    with pytest.warns(LignesExclues, match="1 ligne"):
        assert ind.nps(pd.Series([10, None, 0])) == pytest.approx(0)


def test_nps_refuse_une_note_hors_de_0_a_10():
    with pytest.raises(ErreurDonnees, match="entre 0 et 10"):
        ind.nps([9, 11])
    with pytest.raises(ErreurDonnees, match="entiers"):
        ind.nps([9, 7.5])


def test_nps_refuse_une_liste_vide():
    with pytest.raises(ErreurDonnees, match="Aucune note"):
        ind.nps([])


def test_indice_de_satisfaction_est_la_moyenne_sur_la_note_maximale():
    # moyenne (5 + 4 + 4 + 3 + 5 + 2 + 5 + 4) / 8 = 4, sur 5 : 0,8
    assert ind.indice_satisfaction([5, 4, 4, 3, 5, 2, 5, 4], note_max=5) == pytest.approx(0.8)
    assert ind.indice_satisfaction([8, 6], note_max=10) == pytest.approx(0.7)


def test_part_de_clients_satisfaits():
    assert ind.part_satisfaits([5, 4, 4, 3, 5, 2, 5, 4]) == pytest.approx(6 / 8)


def test_satisfaction_refuse_une_note_au_dessus_du_maximum():
    with pytest.raises(ErreurDonnees, match="entre 0 et 5"):
        ind.indice_satisfaction([4, 8])


def test_satisfaction_refuse_une_note_maximale_nulle():
    with pytest.raises(ErreurDonnees, match="note maximale doit être un nombre positif"):
        ind.indice_satisfaction([4, 3], note_max=0)
