"""grc.donnees : charger les tables typées, lire un export français, vérifier colonnes et types."""

from pathlib import Path

import pandas as pd
import pytest

from grc.donnees import TABLES, charger, defauts_extrait_brut, lire_export, verifier_colonnes
from grc.validation import ErreurDonnees

RACINE = Path(__file__).resolve().parent.parent

# Colonnes du schéma contractuel (/work/briefs/donnees.md) et leur type dans le vocabulaire du cours.
SCHEMA = {
    "clients": {"client_id": "texte", "civilite": "texte", "prenom": "texte", "nom": "texte", "email": "texte",
                "telephone": "texte", "code_postal": "texte", "ville": "texte", "tranche_age": "texte",
                "csp": "texte", "taille_foyer": "nombre", "a_jardin": "booleen", "animal": "texte",
                "magasin_prefere": "texte", "date_inscription": "date", "canal_acquisition": "texte",
                "cout_acquisition": "nombre", "carte_fidelite": "booleen", "consentement_email": "booleen",
                "consentement_sms": "booleen", "consentement_courrier": "booleen", "optin_partenaires": "booleen"},
    "produits": {"produit_id": "texte", "libelle": "texte", "rayon": "texte", "famille": "texte",
                 "prix_vente_ttc": "nombre", "taux_tva": "nombre", "prix_vente_ht": "nombre", "cout_achat_ht": "nombre"},
    "transactions": {"ticket_id": "texte", "date": "date", "client_id": "texte", "canal": "texte", "magasin": "texte",
                     "produit_id": "texte", "rayon": "texte", "famille": "texte", "quantite": "nombre",
                     "montant_ht": "nombre", "marge_ht": "nombre"},
    "campagnes": {"campagne_id": "texte", "nom": "texte", "date_envoi": "date", "canal": "texte", "cible": "texte",
                  "variante": "texte", "envois": "nombre", "ouvertures": "nombre", "clics": "nombre",
                  "reponses": "nombre", "commandes": "nombre", "ca_genere": "nombre", "marge_generee": "nombre",
                  "cout": "nombre"},
    "contacts_campagnes": {"campagne_id": "texte", "client_id": "texte", "ouvert": "booleen", "clic": "booleen",
                           "reponse": "booleen", "commande": "booleen", "montant_commande": "nombre"},
    "devis": {"devis_id": "texte", "date_devis": "date", "vendeur": "texte", "client_pro_id": "texte",
              "raison_sociale": "texte", "secteur": "texte", "montant_devis_ht": "nombre", "statut": "texte",
              "date_commande": "date", "montant_commande_ht": "nombre", "marge_commande_ht": "nombre"},
    "objectifs_vendeurs": {"vendeur": "texte", "annee": "nombre", "mois": "nombre", "objectif_ca_ht": "nombre"},
    "prospection": {"vendeur": "texte", "mois": "texte", "prospects_contactes": "nombre", "rdv_obtenus": "nombre",
                    "visites_realisees": "nombre", "devis_emis": "nombre", "commandes": "nombre"},
    "enquetes": {"enquete_id": "texte", "client_id": "texte", "date": "date", "canal": "texte",
                 "note_satisfaction": "nombre", "recommandation": "nombre", "commentaire": "texte"},
    "extrait_brut": dict.fromkeys(["code_client", "nom", "prenom", "email", "code_postal", "ville",
                                   "date_inscription", "ca_cumule"], "texte"),
}


# --- charger ---------------------------------------------------------------------------------

def test_tables_liste_les_dix_tables_du_schema():
    assert set(TABLES) == set(SCHEMA)


@pytest.mark.parametrize("nom", list(SCHEMA))
def test_chaque_table_a_les_colonnes_et_les_types_du_schema(nom):
    table = charger(nom)
    assert list(table.columns)[: len(SCHEMA[nom])] == list(SCHEMA[nom])
    verifier_colonnes(table, SCHEMA[nom], nom)


def test_types_fins_dates_booleens_categories_et_identifiants_texte():
    clients = charger("clients")
    assert clients["date_inscription"].dtype.kind == "M"
    assert clients["carte_fidelite"].dtype == bool
    assert isinstance(clients["csp"].dtype, pd.CategoricalDtype)
    assert clients["tranche_age"].cat.ordered and clients["tranche_age"].cat.categories[0] == "18-24"
    assert pd.api.types.is_string_dtype(clients["client_id"])
    assert clients["code_postal"].str.fullmatch(r"\d{5}").all()
    assert clients["code_postal"].str.startswith("0").any()  # zéro initial conservé (06000 Nice)
    transactions = charger("transactions")
    assert list(transactions["rayon"].cat.categories)[:2] == ["Végétaux", "Jardin et outillage"]
    assert transactions["quantite"].dtype == "int64"
    assert charger("campagnes")["ouvertures"].isna().sum() > 0  # vide pour sms et courrier
    assert charger("devis")["date_commande"].isna().sum() > 0


def test_extrait_brut_est_rendu_brut_en_texte():
    brut = charger("extrait_brut")
    assert all(pd.api.types.is_string_dtype(brut[c]) for c in brut.columns)
    assert brut["ca_cumule"].str.contains(",").all()
    assert brut["code_postal"].isna().sum() == defauts_extrait_brut()["codes_postaux_manquants"]


def test_charger_renvoie_une_copie_que_l_on_peut_modifier():
    premiere = charger("produits")
    premiere.loc[0, "libelle"] = "modifié"
    premiere["nouvelle"] = 1
    seconde = charger("produits")
    assert seconde.loc[0, "libelle"] != "modifié" and "nouvelle" not in seconde.columns


def test_table_inconnue_erreur_francaise_qui_liste_les_tables():
    with pytest.raises(ErreurDonnees) as erreur:
        charger("vente")
    message = str(erreur.value)
    assert "Table inconnue : 'vente'" in message
    assert all(t in message for t in TABLES)


def test_grc_donnees_designe_un_autre_dossier(tmp_path, monkeypatch):
    lignes = (RACINE / "datasets" / "clients.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "clients.csv").write_text("".join(lignes[:4]), encoding="utf-8")  # en-tête + 3 clients
    monkeypatch.setenv("GRC_DONNEES", str(tmp_path))
    autres = charger("clients")
    assert autres["client_id"].tolist() == ["C00001", "C00002", "C00003"]
    assert autres["date_inscription"].dtype.kind == "M"
    with pytest.raises(ErreurDonnees, match="introuvable.*GRC_DONNEES"):
        charger("transactions")


# --- lire_export ---------------------------------------------------------------------------

def test_lire_export_csv_windows_point_virgule_et_virgule_decimale(tmp_path):
    fichier = tmp_path / "export_caisse.csv"
    contenu = ("Code client;Nom;Montant TTC;Quantité;Date d'achat;Code postal\r\n"
               "C001;Hélène Lefèvre;12,50;3;15/03/2024;06000\r\n"
               "C002;Jérôme Noël;1 234,56;1;01/04/2024;37000\r\n"
               ";;;;;\r\n")
    fichier.write_bytes(contenu.encode("cp1252"))
    table = lire_export(fichier, afficher=False)
    assert table["Montant TTC"].tolist() == [12.5, 1234.56]
    assert table["Quantité"].dtype == "int64"
    assert table["Date d'achat"].dt.month.tolist() == [3, 4]
    assert table["Code postal"].tolist() == ["06000", "37000"]
    assert table["Nom"].tolist() == ["Hélène Lefèvre", "Jérôme Noël"]
    rapport = table.attrs["rapport"]
    assert "cp1252" in rapport and "point-virgule" in rapport
    assert "1 ligne(s) vide(s) ignorée(s)" in rapport
    assert "Montant TTC" in rapport and "Date d'achat" in rapport
    conversions = table.attrs["conversions"]
    assert conversions["nombres"] == ["Montant TTC", "Quantité"]
    assert conversions["dates"] == ["Date d'achat"]
    assert conversions["lignes_vides"] == 1


def test_lire_export_utf8_avec_bom_et_virgule(tmp_path):
    fichier = tmp_path / "export.csv"
    fichier.write_text('client,prix,abonne,maj\nC1,"12,5",oui,2024-03-01 10:30\nC2,"3,0",non,2024-03-02 09:00\n',
                       encoding="utf-8-sig")
    table = lire_export(fichier, afficher=False)
    assert list(table.columns) == ["client", "prix", "abonne", "maj"]  # pas de BOM collé au premier nom
    assert table["prix"].tolist() == [12.5, 3.0]
    assert table["abonne"].tolist() == [True, False]
    assert table["maj"].dt.hour.tolist() == [10, 9]
    assert "UTF-8 avec BOM" in table.attrs["rapport"] and "virgule « , »" in table.attrs["rapport"]


def test_lire_export_excel(tmp_path):
    fichier = tmp_path / "ventes.xlsx"
    pd.DataFrame({"client": ["C1", "C2"], "montant": [12.5, 3.0], "remise": ["1,5", "0"],
                  "date": pd.to_datetime(["2024-03-15", "2024-03-16"]), "date_relance": ["15/04/2024", "16/04/2024"],
                  "cp": ["06000", "37000"]}).to_excel(fichier, index=False, sheet_name="Ventes")
    table = lire_export(fichier, feuille="Ventes", afficher=False)
    assert table["montant"].tolist() == [12.5, 3.0]
    assert table["remise"].tolist() == [1.5, 0.0]
    assert table["date"].dt.day.tolist() == [15, 16]
    assert table["date_relance"].dt.month.tolist() == [4, 4]
    assert table["cp"].tolist() == ["06000", "37000"]
    assert "Excel" in table.attrs["rapport"] and "Déjà typées par Excel : montant, date" in table.attrs["rapport"]


def test_lire_export_affiche_le_rapport_par_defaut(tmp_path, capsys):
    fichier = tmp_path / "a.csv"
    fichier.write_text("x;y\n1;2,5\n", encoding="utf-8")
    lire_export(fichier)
    assert "Lecture de « a.csv »" in capsys.readouterr().out
    lire_export(fichier, afficher=False)
    assert capsys.readouterr().out == ""


def test_lire_export_date_illisible_erreur_qui_nomme_la_colonne(tmp_path):
    fichier = tmp_path / "commandes.csv"
    fichier.write_bytes("commande;date_commande\nA1;15/03/2024\nA2;31/02/2024\n".encode("cp1252"))
    with pytest.raises(ErreurDonnees, match=r"date_commande.*'31/02/2024'"):
        lire_export(fichier, afficher=False)


def test_lire_export_nombre_force_illisible_erreur_qui_nomme_la_colonne(tmp_path):
    fichier = tmp_path / "ventes.csv"
    fichier.write_text("client;montant\nC1;12,5\nC2;N/A\n", encoding="utf-8")
    assert lire_export(fichier, afficher=False)["montant"].tolist() == ["12,5", "N/A"]  # laissé en texte
    with pytest.raises(ErreurDonnees, match=r"'montant'.*'N/A'"):
        lire_export(fichier, nombres=["montant"], afficher=False)


def test_lire_export_colonne_forcee_en_texte(tmp_path):
    fichier = tmp_path / "ventes.csv"
    fichier.write_text("client;date_inscription\nC1;09-04-16\n", encoding="utf-8")
    table = lire_export(fichier, textes=["date_inscription"], afficher=False)
    assert table["date_inscription"].tolist() == ["09-04-16"]


def test_lire_export_fichier_absent(tmp_path):
    with pytest.raises(ErreurDonnees, match="introuvable"):
        lire_export(tmp_path / "absent.csv")


def test_lire_export_relit_l_extrait_brut_du_cours():
    with pytest.raises(ErreurDonnees, match=r"date_inscription.*textes=\['date_inscription'\]"):  # formats mêlés
        lire_export(RACINE / "datasets" / "extrait_brut.csv", afficher=False)
    table = lire_export(RACINE / "datasets" / "extrait_brut.csv", textes=["date_inscription"], afficher=False)
    assert table["ca_cumule"].dtype == "float64"
    assert round(table["ca_cumule"].sum(), 2) == defauts_extrait_brut()["ca_cumule_total"]


# --- verifier_colonnes -----------------------------------------------------------------------

def test_verifier_colonnes_colonne_manquante_nommee():
    table = pd.DataFrame({"client": ["C1"], "montant": [1.0]})
    with pytest.raises(ErreurDonnees, match="'date'"):
        verifier_colonnes(table, {"montant": "nombre", "date": "date"})


def test_verifier_colonnes_type_faux_nomme_colonne_et_type_attendu():
    table = pd.DataFrame({"date": ["15/03/2024"], "montant": [1.0], "actif": ["oui"]})
    with pytest.raises(ErreurDonnees) as erreur:
        verifier_colonnes(table, {"date": "date", "montant": "nombre", "actif": "booleen"}, "les ventes")
    message = str(erreur.value)
    assert "'date' de les ventes devrait contenir des dates" in message
    assert "'actif'" in message and "booléens" in message
    assert "'montant'" not in message


def test_verifier_colonnes_un_booleen_n_est_pas_un_nombre():
    with pytest.raises(ErreurDonnees, match="'fidele'.*nombres"):
        verifier_colonnes(pd.DataFrame({"fidele": [True, False]}), {"fidele": "nombre"})


def test_verifier_colonnes_accepte_categories_et_renvoie_la_table():
    table = pd.DataFrame({"rayon": pd.Categorical(["Végétaux"]), "n": [1], "d": pd.to_datetime(["2024-01-01"])})
    assert verifier_colonnes(table, {"rayon": "texte", "n": "nombre", "d": "date"}) is table


def test_verifier_colonnes_type_inconnu_et_table_vide():
    with pytest.raises(ErreurDonnees, match="Type inconnu 'entier'.*nombre, date, texte, booleen"):
        verifier_colonnes(pd.DataFrame({"n": [1]}), {"n": "entier"})
    with pytest.raises(ErreurDonnees, match="vide"):
        verifier_colonnes(pd.DataFrame({"n": []}), {"n": "nombre"})
