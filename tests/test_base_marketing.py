"""La base marketing : SQLite, règles de qualité, liste RGPD, coût (grc.base_marketing)."""

import sqlite3

import pandas as pd
import pytest

from grc.base_marketing import (
    bilan_dedoublonnage,
    cle_personne,
    clients_contactables,
    conditions_contact,
    construire_base,
    corriger_codes_postaux,
    couts_base,
    derniere_activite,
    emails_valides,
    entonnoir_contact,
    etat_codes_postaux,
    etat_emails,
    formats_de_dates,
    interroger,
    lire_dates_melangees,
    nettoyer_extrait,
    normaliser_nom,
    paires_similaires,
    rapport_qualite,
    similarite,
    tables_de_la_base,
    telephones_mobiles,
)
from grc.validation import ErreurDonnees


@pytest.fixture
def petite_base(tmp_path):
    clients = pd.DataFrame(
        {
            "client_id": ["C1", "C2", "C3"],
            "prenom": ["Léa", "Hugo", "Inès"],
            "date_inscription": pd.to_datetime(["2023-01-05", "2022-06-01", "2024-02-10"]),
            "carte_fidelite": [True, False, True],
        }
    )
    transactions = pd.DataFrame(
        {
            "ticket_id": ["T1", "T2", "T3", "T4"],
            "client_id": ["C1", "C1", "C2", "C2"],
            "rayon": ["Végétaux", "Animalerie", "Végétaux", "Végétaux"],
            "montant_ht": [40.0, 25.0, 60.0, -10.0],
        }
    )
    return construire_base({"clients": clients, "transactions": transactions}, tmp_path / "verdance.sqlite")


# --------------------------------------------------------------------------- SQLite


def test_la_base_est_un_vrai_fichier_sqlite_avec_ses_tables(petite_base) -> None:
    assert petite_base.is_file()
    with sqlite3.connect(petite_base) as connexion:
        (nombre,) = connexion.execute("SELECT COUNT(*) FROM transactions").fetchone()
    assert nombre == 4
    assert tables_de_la_base(petite_base) == ["clients", "transactions"]


def test_dates_en_texte_iso_et_booleens_en_entiers(petite_base) -> None:
    ligne = interroger(petite_base, "SELECT date_inscription, carte_fidelite FROM clients WHERE client_id = 'C1'")
    assert ligne.iloc[0].tolist() == ["2023-01-05", 1]


def test_ca_par_rayon_deduit_les_retours(petite_base) -> None:
    ca = interroger(petite_base, "SELECT rayon, SUM(montant_ht) AS ca FROM transactions GROUP BY rayon ORDER BY ca DESC")
    assert ca.set_index("rayon")["ca"].to_dict() == {"Végétaux": 90.0, "Animalerie": 25.0}


def test_jointure_externe_trouve_le_client_sans_achat(petite_base) -> None:
    sans_achat = interroger(
        petite_base,
        "SELECT c.client_id FROM clients c LEFT JOIN transactions t ON t.client_id = c.client_id "
        "WHERE t.client_id IS NULL",
    )
    assert sans_achat["client_id"].tolist() == ["C3"]


def test_reconstruire_remplace_l_ancienne_base(tmp_path) -> None:
    chemin = tmp_path / "b.sqlite"
    construire_base({"t": pd.DataFrame({"x": [1, 2]})}, chemin)
    construire_base({"t": pd.DataFrame({"x": [7]})}, chemin)
    assert interroger(chemin, "SELECT x FROM t")["x"].tolist() == [7]


def test_requete_fautive_donne_une_erreur_francaise_qui_liste_les_tables(petite_base) -> None:
    with pytest.raises(ErreurDonnees, match="Tables présentes : clients, transactions"):
        interroger(petite_base, "SELECT * FROM client")


def test_base_absente_n_est_pas_creee_en_silence(tmp_path) -> None:
    with pytest.raises(ErreurDonnees, match="n'existe pas"):
        interroger(tmp_path / "absente.sqlite", "SELECT 1")
    assert not (tmp_path / "absente.sqlite").exists()


def test_table_vide_refusee(tmp_path) -> None:
    with pytest.raises(ErreurDonnees, match="vide"):
        construire_base({"clients": pd.DataFrame({"client_id": []})}, tmp_path / "b.sqlite")


# --------------------------------------------------------------------------- qualité


def test_normaliser_nom_unifie_accents_casse_tirets_et_espaces() -> None:
    noms = pd.Series(["Jean-Pierre", " jean  pierre", "JEAN PIERRE", "Jéan-Pierre", None])
    resultat = normaliser_nom(noms)
    assert resultat.iloc[:4].nunique() == 1
    assert resultat.iloc[0] == "jean pierre"
    assert resultat.iloc[4] == ""


@pytest.mark.parametrize(
    ("email", "valide"),
    [
        ("lea.martin@exemple.fr", True),
        ("  lea@exemple.fr ", True),
        ("lea.martin.exemple.fr", False),
        ("lea@@exemple.fr", False),
        ("lea martin@exemple.fr", False),
        ("lea@exemple", False),
        ("lea@exemple.", False),
        ("@exemple.fr", False),
        ("", False),
        (None, False),
    ],
)
def test_emails_valides(email, valide) -> None:
    assert emails_valides(pd.Series([email], dtype="object")).item() is valide


def test_formats_de_dates_et_lecture_des_dates_melangees() -> None:
    dates = pd.Series(["2024-03-15", "15/03/2024", "15-03-24", None, "32/13/2024"])
    assert formats_de_dates(dates).tolist() == ["AAAA-MM-JJ", "JJ/MM/AAAA", "JJ-MM-AA", "vide", "illisible"]
    lues = lire_dates_melangees(dates)
    assert (lues.iloc[:3] == pd.Timestamp("2024-03-15")).all()
    assert lues.iloc[3:].isna().all()


def test_similarite_formule_2m_sur_t() -> None:
    assert similarite("martin", "martine") == pytest.approx(12 / 13)
    assert similarite("abc", "abc") == 1.0
    assert similarite("abc", "xyz") == 0.0


@pytest.fixture
def extrait_sale():
    """Trois personnes : Jean-Pierre Lefèvre (3 lignes dont une copie exacte), Léa Martin, Léo Martin."""
    return pd.DataFrame(
        {
            "code_client": ["C1", "C1", "C7", "C2", "C3"],
            "nom": ["Lefèvre", "Lefèvre", "LEFEVRE  ", "Martin", "Martin"],
            "prenom": ["Jean-Pierre", "Jean-Pierre", " jean pierre", "Léa", "Léo"],
            "email": ["jp@x.fr", "jp@x.fr", "", "lea@@x.fr", "leo@x"],
            "code_postal": ["1000", "1000", "", "37000", ""],
            "ville": ["Bourg", "Bourg", "BOURG", "Tours", "Blois"],
            "date_inscription": ["2019-04-02", "2019-04-02", "03/05/2020", "15-03-24", "2023-01-01"],
            "ca_cumule": ["100,50", "100,50", "20", "0", "12,25"],
        }
    )


def test_etat_des_emails_et_des_codes_postaux(extrait_sale) -> None:
    assert etat_emails(extrait_sale["email"]).tolist() == ["valide", "valide", "manquant", "invalide", "invalide"]
    assert etat_codes_postaux(extrait_sale["code_postal"]).value_counts().to_dict() == {
        "sans zéro initial": 2, "manquant": 2, "valide": 1}
    assert corriger_codes_postaux(extrait_sale["code_postal"]).iloc[0] == "01000"


def test_cle_personne_regroupe_les_variantes_mais_pas_lea_et_leo(extrait_sale) -> None:
    cles = cle_personne(extrait_sale)
    assert cles.nunique() == 3
    assert cles.iloc[0] == cles.iloc[2] == "jean pierre|lefevre"


def test_rapport_qualite_compte_chaque_regle(extrait_sale) -> None:
    rapport = rapport_qualite(extrait_sale).set_index("regle")["lignes"]
    assert rapport["doublons exacts"] == 1
    assert rapport["doublons à variante d'orthographe"] == 1
    assert rapport["emails invalides"] == 2
    assert rapport["codes postaux manquants"] == 2
    assert rapport["codes postaux sans zéro initial"] == 2
    assert rapport["dates hors format AAAA-MM-JJ"] == 2
    assert "dates illisibles" not in rapport.index


def test_rapport_signale_les_dates_illisibles(extrait_sale) -> None:
    abime = extrait_sale.assign(date_inscription=["2019-04-02", "2019-04-02", "le 3 mai", "15-03-24", "2023-01-01"])
    assert rapport_qualite(abime).set_index("regle").loc["dates illisibles", "lignes"] == 1


def test_nettoyer_fusionne_les_fiches_sans_perdre_de_chiffre_d_affaires(extrait_sale) -> None:
    propre, _rapport = nettoyer_extrait(extrait_sale)
    assert len(propre) == 3
    jp = propre.set_index("code_client").loc["C1"]
    assert jp["ca_cumule"] == pytest.approx(120.50)  # la copie exacte n'est comptée qu'une fois
    assert jp["date_inscription"] == pd.Timestamp("2019-04-02")
    assert jp["code_postal"] == "01000"
    assert propre["email"].isna().sum() == 2  # les deux emails invalides sont vidés
    assert propre["ca_cumule"].sum() == pytest.approx(100.50 + 20 + 12.25)


def test_extrait_sans_colonne_attendue_refuse(extrait_sale) -> None:
    with pytest.raises(ErreurDonnees, match="ca_cumule"):
        rapport_qualite(extrait_sale.drop(columns="ca_cumule"))


def test_paires_similaires_et_dilemme_du_seuil(extrait_sale) -> None:
    normalisees = paires_similaires(extrait_sale)
    assert len(normalisees) == 3 + 1  # bloc « l » : 3 fiches Lefèvre ; bloc « m » : Léa et Léo
    assert bilan_dedoublonnage(normalisees, 1.0).to_dict() == {
        "paires_declarees": 3, "vrais_doublons_trouves": 3, "faux_positifs": 0, "doublons_manques": 0}
    assert bilan_dedoublonnage(normalisees, 0.8)["faux_positifs"] == 1  # « lea martin » ≈ « leo martin »
    brutes = paires_similaires(extrait_sale, normaliser=False)
    assert bilan_dedoublonnage(brutes, 1.0)["doublons_manques"] == 2  # seule la copie exacte est vue


def test_seuil_hors_bornes_refuse() -> None:
    with pytest.raises(ErreurDonnees, match="entre 0 et 1"):
        bilan_dedoublonnage(pd.DataFrame({"similarite": [1.0], "meme_personne": [True]}), 90)


# --------------------------------------------------------------------------- RGPD


@pytest.fixture
def fichier_rgpd():
    clients = pd.DataFrame(
        {
            "client_id": ["A", "B", "C", "D", "E"],
            "email": ["a@x.fr", "b.durand@gmail", "c@x.fr", "d@x.fr", "e@x.fr"],
            "telephone": ["06 11 22 33 44", "02 47 11 22 33", None, "07 00 00 00 00", "0611223344"],
            "code_postal": ["37000", "49000", None, "41000", "45000"],
            "ville": ["Tours", "Angers", "Orléans", "Blois", "Orléans"],
            "consentement_email": [True, True, False, True, True],
            "consentement_sms": [True, True, True, False, pd.NA],
            "consentement_courrier": [True, True, True, True, True],
            "optin_partenaires": [False, True, True, True, True],
            "date_inscription": pd.to_datetime(["2020-01-01", "2024-05-03", "2024-11-20", "2021-06-15", "2019-01-01"]),
        }
    )
    transactions = pd.DataFrame(
        {"client_id": ["A", "E"], "date": pd.to_datetime(["2024-10-12", "2021-12-31"])}
    )
    return clients, transactions


def test_derniere_activite_prend_le_dernier_achat_sinon_l_inscription(fichier_rgpd) -> None:
    clients, transactions = fichier_rgpd
    activite = derniere_activite(clients, transactions)
    assert activite["A"] == pd.Timestamp("2024-10-12")
    assert activite["C"] == pd.Timestamp("2024-11-20")
    assert activite["E"] == pd.Timestamp("2021-12-31")


def test_exemple_de_la_lecon_un_seul_client_sur_quatre(fichier_rgpd) -> None:
    clients, transactions = fichier_rgpd
    assert clients_contactables(clients, transactions) == ["A"]
    conditions = conditions_contact(clients, transactions)
    assert not conditions.loc["B", "coordonnee_valide"]
    assert not conditions.loc["C", "canal_autorise"]
    assert not conditions.loc["D", "dans_conservation"]
    assert not conditions.loc["E", "dans_conservation"]  # dernier achat la veille de la limite


def test_le_consentement_se_donne_canal_par_canal(fichier_rgpd) -> None:
    clients, transactions = fichier_rgpd
    assert clients_contactables(clients, transactions, canal="sms") == ["A"]  # B : fixe ; C : pas de numéro
    assert clients_contactables(clients, transactions, canal="courrier") == ["A", "B"]  # C : pas de code postal


def test_consentement_manquant_compte_comme_un_refus(fichier_rgpd) -> None:
    clients, transactions = fichier_rgpd
    conditions = conditions_contact(clients, transactions, canal="sms", annees_conservation=10)
    assert not conditions.loc["E", "canal_autorise"]


def test_le_courrier_postal_releve_de_l_opposition_pas_du_consentement(fichier_rgpd) -> None:
    """Leçon 01 : on peut écrire tant que le client ne s'y est pas opposé (intérêt légitime, droit d'opposition)."""
    clients, transactions = fichier_rgpd
    clients = clients.assign(consentement_courrier=pd.Series([pd.NA, False, True, pd.NA, pd.NA], dtype="boolean"))
    conditions = conditions_contact(clients, transactions, canal="courrier", annees_conservation=10)
    assert conditions["canal_autorise"].tolist() == [True, False, True, True, True]  # seul B a refusé
    assert clients_contactables(clients, transactions, canal="courrier", annees_conservation=10) == ["A", "D", "E"]


def test_l_email_sans_reponse_reste_interdit_mais_pas_le_courrier(fichier_rgpd) -> None:
    clients, transactions = fichier_rgpd
    sans_reponse = clients.assign(consentement_email=pd.NA, consentement_courrier=pd.NA)
    assert clients_contactables(sans_reponse, transactions, canal="email") == []
    assert clients_contactables(sans_reponse, transactions, canal="courrier") == ["A", "B"]


def test_ceder_ses_coordonnees_demande_un_accord_a_part_meme_par_courrier(fichier_rgpd) -> None:
    clients, transactions = fichier_rgpd
    conditions = conditions_contact(clients, transactions, canal="courrier", finalite="offres_partenaires")
    assert conditions["canal_autorise"].tolist() == [False, True, True, True, True]


def test_l_entonnoir_nomme_la_regle_du_canal(fichier_rgpd) -> None:
    clients, transactions = fichier_rgpd
    etapes = entonnoir_contact(conditions_contact(clients, transactions, canal="courrier"))["etape"].tolist()
    assert "opposition au courrier" in etapes[1]


def test_finalites_partenaires_et_information_de_service(fichier_rgpd) -> None:
    clients, transactions = fichier_rgpd
    assert clients_contactables(clients, transactions, finalite="offres_partenaires") == []
    assert clients_contactables(clients, transactions, finalite="information_service") == ["A", "C"]


def test_une_conservation_plus_longue_garde_plus_de_clients(fichier_rgpd) -> None:
    clients, transactions = fichier_rgpd
    assert clients_contactables(clients, transactions, annees_conservation=5) == ["A", "D", "E"]


def test_canal_ou_finalite_inconnus_refuses(fichier_rgpd) -> None:
    clients, transactions = fichier_rgpd
    with pytest.raises(ErreurDonnees, match="Canal inconnu"):
        conditions_contact(clients, transactions, canal="pigeon")
    with pytest.raises(ErreurDonnees, match="Finalité inconnue"):
        conditions_contact(clients, transactions, finalite="revente")


def test_colonne_de_consentement_manquante_nommee(fichier_rgpd) -> None:
    clients, transactions = fichier_rgpd
    with pytest.raises(ErreurDonnees, match="consentement_email"):
        conditions_contact(clients.drop(columns="consentement_email"), transactions)


def test_entonnoir_compte_ce_que_chaque_condition_ecarte(fichier_rgpd) -> None:
    clients, transactions = fichier_rgpd
    entonnoir = entonnoir_contact(conditions_contact(clients, transactions))
    assert entonnoir["clients_restants"].tolist() == [5, 4, 3, 1]
    assert entonnoir["clients_ecartes"].sum() == 5 - 1


def test_telephones_mobiles() -> None:
    numeros = pd.Series(["06.12.34.56.78", "+33612345678", "0247000000", "0612", None])
    assert telephones_mobiles(numeros).tolist() == [True, True, False, False, False]


# --------------------------------------------------------------------------- coût


def test_cout_de_la_base_exemple_de_la_lecon() -> None:
    couts = couts_base(30_000, 3, 4_000, 21_000, 2_400, 0.5, 4_000)
    assert couts.sum() == pytest.approx(39_400)
    assert couts["Amortissement de l'investissement"] == pytest.approx(10_000)
    assert couts["Mises à jour des fiches"] == pytest.approx(2_000)


def test_cout_refuse_montant_negatif_et_duree_nulle() -> None:
    with pytest.raises(ErreurDonnees, match="maintenance"):
        couts_base(30_000, 3, -1, 21_000, 2_400, 0.5, 4_000)
    with pytest.raises(ErreurDonnees, match="durée d'amortissement"):
        couts_base(30_000, 0, 4_000, 21_000, 2_400, 0.5, 4_000)
