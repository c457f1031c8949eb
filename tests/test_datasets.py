"""Les données de Verdance : reconstruction octet pour octet, taille, réalisme et cohérence des tables."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import cross_val_predict

from grc.donnees import TABLES, charger

RACINE = Path(__file__).resolve().parent.parent
DATASETS = RACINE / "datasets"
FICHIERS = sorted([f"{t}.csv" for t in TABLES] + ["extrait_brut_defauts.json"])


def _empreinte(chemin: Path) -> str:
    return hashlib.sha256(chemin.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def regeneres(tmp_path_factory) -> Path:
    sortie = tmp_path_factory.mktemp("donnees")
    subprocess.run([sys.executable, str(DATASETS / "generer.py"), "--sortie", str(sortie)], check=True,
                   capture_output=True, text=True)
    return sortie  # sa durée est mesurée par make bench (benchmarks/bench_analyse.py)


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return {nom: charger(nom) for nom in TABLES}


# --- reconstruction ------------------------------------------------------------------

def test_le_generateur_reconstruit_chaque_fichier_octet_pour_octet(regeneres):
    sortie = regeneres
    assert sorted(p.name for p in sortie.iterdir()) == FICHIERS
    differents = [f for f in FICHIERS if _empreinte(sortie / f) != _empreinte(DATASETS / f)]
    assert not differents, f"Fichiers committés différents de la reconstruction : {differents}"


def test_les_fichiers_de_donnees_pesent_moins_de_15_mo():
    total = sum((DATASETS / f).stat().st_size for f in FICHIERS)
    assert total < 15e6


def test_volumes_annonces(tables):
    assert 4500 <= len(tables["clients"]) <= 5500
    assert 50_000 <= len(tables["transactions"]) <= 70_000
    assert tables["transactions"]["date"].min() >= pd.Timestamp("2022-01-01")
    assert tables["transactions"]["date"].max() <= pd.Timestamp("2024-12-31")
    assert 10 <= len(tables["campagnes"]) <= 15


# --- réalisme des ventes ---------------------------------------------------------------

def test_pareto_les_20_pourcent_meilleurs_clients_font_55_a_80_pourcent_du_ca(tables):
    ca = tables["transactions"].groupby("client_id")["montant_ht"].sum().sort_values(ascending=False)
    part = ca.head(round(0.2 * len(ca))).sum() / ca.sum()
    assert 0.55 <= part <= 0.80


def test_pics_saisonniers_printemps_au_jardin_et_decembre_en_decoration(tables):
    t = tables["transactions"]
    par_mois = t.pivot_table(index=t["date"].dt.month, columns="rayon", values="montant_ht", aggfunc="sum",
                             observed=True)
    vegetaux = par_mois["Végétaux"]
    assert vegetaux[[4, 5]].mean() > 2 * vegetaux[[1, 2]].mean()
    for rayon in ["Décoration", "Épicerie fine"]:
        assert par_mois[rayon].idxmax() == 12
        assert par_mois[rayon][12] > 1.8 * par_mois[rayon].drop(index=[11, 12]).mean()


def test_soldes_de_janvier_et_juillet_font_baisser_le_taux_de_marge(tables):
    t = tables["transactions"]
    deco = t[(t["rayon"] == "Décoration") & (t["quantite"] > 0)]
    taux = deco.groupby(deco["date"].dt.month)["marge_ht"].sum() / deco.groupby(deco["date"].dt.month)["montant_ht"].sum()
    assert taux[1] < taux[[3, 4, 5, 9, 10]].min()
    assert taux[7] < taux[[3, 4, 5, 9, 10]].min()


def test_retours_negatifs_sur_1_a_2_pourcent_des_lignes(tables):
    t = tables["transactions"]
    retours = t["quantite"] < 0
    assert 0.008 <= retours.mean() <= 0.025
    assert (t.loc[retours, "montant_ht"] < 0).all()
    assert (t.loc[~retours, "montant_ht"] > 0).all()


def test_la_marge_est_le_montant_moins_le_cout_d_achat(tables):
    t = tables["transactions"].merge(tables["produits"][["produit_id", "cout_achat_ht", "prix_vente_ht"]],
                                     on="produit_id")
    assert np.allclose(t["marge_ht"], t["montant_ht"] - t["cout_achat_ht"] * t["quantite"], atol=0.02)
    assert (t["montant_ht"].abs() <= t["prix_vente_ht"] * t["quantite"].abs() + 0.02).all()


def test_la_plupart_des_clients_n_achetent_que_dans_un_ou_deux_rayons(tables):
    nb_rayons = tables["transactions"].groupby("client_id")["rayon"].nunique()
    assert (nb_rayons <= 2).mean() >= 0.7
    assert (nb_rayons >= 3).sum() > 100  # mais pas tous : il reste de la vente croisée à étudier


def test_cycle_de_vie_nouveaux_fideles_perdus_et_inscrits_sans_achat(tables):
    t, clients = tables["transactions"], tables["clients"]
    premier = t.groupby("client_id")["date"].min()
    dernier = t.groupby("client_id")["date"].max()
    nb_tickets = t.groupby("client_id")["ticket_id"].nunique()
    sans_achat = ~clients["client_id"].isin(t["client_id"])
    assert 0.01 <= sans_achat.mean() <= 0.12
    assert (premier >= "2024-01-01").sum() > 300  # nouveaux
    assert (dernier < "2024-01-01").sum() > 500  # perdus depuis plus d'un an
    assert ((nb_tickets >= 10) & (dernier >= "2024-10-01")).sum() > 200  # fidèles et actifs
    assert clients["date_inscription"].min().year == 2016


def test_magasins_fermes_le_1er_janvier_le_1er_mai_et_a_noel(tables):
    t = tables["transactions"]
    ferme = t["date"].dt.strftime("%m-%d").isin(["01-01", "05-01", "12-25"])
    assert not (ferme & (t["canal"] == "magasin")).any()
    assert (ferme & (t["canal"] == "web")).any()
    samedi = t.drop_duplicates("ticket_id")["date"].dt.day_of_week.value_counts()
    assert samedi.idxmax() == 5


def test_aucun_achat_avant_l_inscription(tables):
    t = tables["transactions"].merge(tables["clients"][["client_id", "date_inscription"]], on="client_id")
    assert (t["date"] >= t["date_inscription"]).all()


def test_cles_etrangeres_valides(tables):
    clients = set(tables["clients"]["client_id"])
    produits = tables["produits"].set_index("produit_id")
    t = tables["transactions"]
    assert set(t["client_id"]) <= clients
    assert set(t["produit_id"]) <= set(produits.index)
    assert (t["rayon"].astype(str) == produits.loc[t["produit_id"], "rayon"].astype(str).to_numpy()).all()
    assert (t["famille"].astype(str) == produits.loc[t["produit_id"], "famille"].astype(str).to_numpy()).all()
    assert set(tables["contacts_campagnes"]["client_id"]) <= clients
    assert set(tables["contacts_campagnes"]["campagne_id"]) == set(tables["campagnes"]["campagne_id"])
    assert set(tables["enquetes"]["client_id"]) <= clients
    assert tables["clients"]["client_id"].is_unique and produits.index.is_unique


def test_un_ticket_a_une_seule_date_un_seul_client_et_un_seul_lieu(tables):
    par_ticket = tables["transactions"].groupby("ticket_id")[["date", "client_id", "magasin"]].nunique()
    assert (par_ticket == 1).all().all()


# --- campagnes --------------------------------------------------------------------------

def test_campagnes_coherentes_avec_les_contacts(tables):
    campagnes = tables["campagnes"].set_index("campagne_id")
    contacts = tables["contacts_campagnes"]
    agregats = contacts.groupby("campagne_id").agg(envois=("client_id", "size"), ouvertures=("ouvert", "sum"),
                                                    clics=("clic", "sum"), reponses=("reponse", "sum"),
                                                    commandes=("commande", "sum"), ca=("montant_commande", "sum"))
    for colonne in ["envois", "reponses", "commandes"]:
        assert (campagnes[colonne] == agregats[colonne]).all(), colonne
    email = campagnes["canal"] == "email"
    assert (campagnes.loc[email, "ouvertures"] == agregats.loc[email, "ouvertures"]).all()
    assert campagnes.loc[~email, "ouvertures"].isna().all()
    assert campagnes.loc[campagnes["canal"] == "courrier", "clics"].isna().all()
    assert np.allclose(campagnes["ca_genere"], agregats["ca"], atol=0.05)
    assert (contacts["commande"] <= contacts["reponse"]).all()
    assert ((contacts["montant_commande"] > 0) == contacts["commande"]).all()
    en_email = contacts["campagne_id"].isin(campagnes.index[email])
    assert (contacts.loc[en_email, "reponse"] <= contacts.loc[en_email, "clic"]).all()
    assert (contacts.loc[en_email, "clic"] <= contacts.loc[en_email, "ouvert"]).all()


def test_les_commandes_des_campagnes_sont_des_tickets_de_transactions(tables):
    commandes = tables["contacts_campagnes"].query("commande")
    t = tables["transactions"]
    montant = t.groupby("ticket_id")["montant_ht"].sum()
    client = t.groupby("ticket_id")["client_id"].first()
    assert np.allclose(montant.loc[commandes["ticket_id"]], commandes["montant_commande"], atol=0.01)
    assert (client.loc[commandes["ticket_id"]].to_numpy() == commandes["client_id"].to_numpy()).all()


def test_seuls_les_clients_consentants_sont_contactes(tables):
    contacts = tables["contacts_campagnes"].merge(tables["campagnes"][["campagne_id", "canal"]], on="campagne_id")
    contacts = contacts.merge(tables["clients"], on="client_id")
    consentement = {"email": "consentement_email", "sms": "consentement_sms", "courrier": "consentement_courrier"}
    for canal, colonne in consentement.items():
        assert contacts.loc[contacts["canal"] == canal, colonne].all(), canal


def test_deux_tests_ab_de_meme_date_et_meme_canal(tables):
    ab = tables["campagnes"].dropna(subset=["variante"])
    for _, paire in ab.groupby("date_envoi"):
        assert sorted(paire["variante"].astype(str)) == ["A", "B"]
        assert paire["canal"].nunique() == 1
        assert abs(paire["envois"].iloc[0] - paire["envois"].iloc[1]) < 0.15 * paire["envois"].mean()
    assert len(ab) == 4


def _rfm_a_l_envoi(tables) -> pd.DataFrame:
    t, lignes = tables["transactions"], []
    for campagne in tables["campagnes"].itertuples():
        avant = t[t["date"] < campagne.date_envoi].groupby("client_id")
        rfm = pd.DataFrame({"recence": (campagne.date_envoi - avant["date"].max()).dt.days,
                            "frequence": avant["ticket_id"].nunique(), "montant": avant["montant_ht"].sum()})
        contacts = tables["contacts_campagnes"].query("campagne_id == @campagne.campagne_id")
        lignes.append(contacts.join(rfm, on="client_id").assign(canal=campagne.canal))
    x = pd.concat(lignes).merge(tables["clients"][["client_id", "carte_fidelite"]], on="client_id")
    return x.fillna({"recence": 1000, "frequence": 0, "montant": 0})


def test_un_score_d_appetence_rfm_bat_nettement_le_hasard(tables):
    x = _rfm_a_l_envoi(tables)
    variables = pd.DataFrame({"recence": x["recence"] / 365, "frequence": np.log1p(x["frequence"]),
                              "montant": np.log1p(x["montant"].clip(lower=0)), "carte": x["carte_fidelite"],
                              "sms": x["canal"] == "sms", "courrier": x["canal"] == "courrier"}).astype(float)
    proba = cross_val_predict(LogisticRegression(max_iter=1000), variables, x["reponse"], cv=5,
                              method="predict_proba")[:, 1]
    assert roc_auc_score(x["reponse"], proba) > 0.68
    assert x["reponse"].sum() > 300  # assez de réponses pour apprendre


# --- B2B ----------------------------------------------------------------------------------

def test_devis_statuts_et_commandes_coherents(tables):
    devis = tables["devis"]
    accepte = devis["statut"] == "accepté"
    assert devis["date_commande"].notna().eq(accepte).all()
    assert devis["montant_commande_ht"].notna().eq(accepte).all()
    assert (devis.loc[accepte, "date_commande"] > devis.loc[accepte, "date_devis"]).all()
    assert (devis.loc[accepte, "montant_commande_ht"] <= devis.loc[accepte, "montant_devis_ht"]).all()
    assert (devis.loc[accepte, "marge_commande_ht"] < devis.loc[accepte, "montant_commande_ht"]).all()
    assert 0.3 <= accepte.mean() <= 0.55
    assert set(devis["vendeur"]) == {"Camille Roy", "Hugo Martin", "Inès Benali", "Lucas Petit"}
    en_attente = devis["statut"] == "en attente"
    assert en_attente[devis["date_devis"] >= "2024-12-01"].mean() > 0.3  # décision pas encore prise
    assert en_attente[devis["date_devis"] < "2024-10-01"].mean() < 0.05  # quelques devis dormants


def test_prospection_entonnoir_coherent_avec_les_devis(tables):
    devis, prospection = tables["devis"], tables["prospection"]
    cle = [devis["vendeur"].astype(str), devis["date_devis"].dt.strftime("%Y-%m")]
    emis = devis.groupby(cle).size()
    commandes = (devis["statut"] == "accepté").groupby(cle).sum()
    p = prospection.assign(vendeur=prospection["vendeur"].astype(str)).set_index(["vendeur", "mois"])
    assert (p["devis_emis"] == emis.reindex(p.index, fill_value=0)).all()
    assert (p["commandes"] == commandes.reindex(p.index, fill_value=0)).all()
    etapes = ["prospects_contactes", "rdv_obtenus", "visites_realisees", "devis_emis", "commandes"]
    for haut, bas in zip(etapes, etapes[1:], strict=False):
        assert (p[haut] >= p[bas]).all(), (haut, bas)
    assert len(p) == 4 * 36


def test_objectifs_mensuels_par_vendeur_et_realise_comparable(tables):
    objectifs, devis = tables["objectifs_vendeurs"], tables["devis"]
    assert len(objectifs) == 4 * 3 * 12 and (objectifs["objectif_ca_ht"] > 0).all()
    commandes = devis.dropna(subset=["date_commande"])
    realise = commandes.groupby([commandes["vendeur"].astype(str), commandes["date_commande"].dt.year])[
        "montant_commande_ht"].sum()
    objectif = objectifs.groupby([objectifs["vendeur"].astype(str), "annee"])["objectif_ca_ht"].sum()
    taux = realise / objectif
    assert taux.between(0.6, 1.5).all()
    assert (taux < 1).any() and (taux > 1).any()  # certains atteignent leur objectif, d'autres non


# --- enquêtes ----------------------------------------------------------------------------

def test_enquetes_nps_plausible_et_suivant_un_achat(tables):
    enquetes, t = tables["enquetes"], tables["transactions"]
    reco = enquetes["recommandation"]
    assert reco.between(0, 10).all() and enquetes["note_satisfaction"].between(1, 5).all()
    nps = 100 * ((reco >= 9).mean() - (reco <= 6).mean())
    assert 5 <= nps <= 50
    assert enquetes[["note_satisfaction", "recommandation"]].corr().iloc[0, 1] > 0.5
    achat = t.groupby("ticket_id").agg(client_id=("client_id", "first"), date=("date", "first"))
    suivi = enquetes.merge(achat, left_on="ticket_id", right_index=True, suffixes=("", "_achat"))
    assert (suivi["client_id"] == suivi["client_id_achat"]).all()
    assert (suivi["date"] > suivi["date_achat"]).all()


# --- extrait brut -------------------------------------------------------------------------

def test_extrait_brut_est_un_export_windows_sale():
    octets = (DATASETS / "extrait_brut.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        octets.decode("utf-8")
    texte = octets.decode("cp1252")
    assert texte.splitlines()[0] == "code_client;nom;prenom;email;code_postal;ville;date_inscription;ca_cumule"
    assert "\r\n" in texte


def test_les_comptes_de_defauts_du_json_se_retrouvent_dans_l_extrait():
    brut = charger("extrait_brut")
    defauts = json.loads((DATASETS / "extrait_brut_defauts.json").read_text(encoding="utf-8"))
    assert defauts["lignes"] == len(brut)
    assert defauts["doublons_exacts"] == brut.duplicated().sum() > 0
    email = brut["email"].fillna("")
    assert defauts["emails_manquants"] == (email == "").sum() > 0
    assert defauts["emails_invalides"] == ((email != "") & ~email.str.match(defauts["regle_email"])).sum() > 0
    assert defauts["codes_postaux_manquants"] == brut["code_postal"].isna().sum() > 0
    assert defauts["codes_postaux_sans_zero_initial"] == brut["code_postal"].str.fullmatch(r"\d{4}").sum() > 0
    formats = {"JJ/MM/AAAA": r"\d{2}/\d{2}/\d{4}", "AAAA-MM-JJ": r"\d{4}-\d{2}-\d{2}", "JJ-MM-AA": r"\d{2}-\d{2}-\d{2}"}
    for nom, motif in formats.items():
        assert defauts["formats_dates"][nom] == brut["date_inscription"].str.fullmatch(motif).sum() > 0
    assert sum(defauts["formats_dates"].values()) == len(brut)
    assert brut["ca_cumule"].str.contains(",").all()


def test_les_doublons_a_variantes_se_retrouvent_avec_la_regle_du_json():
    brut = charger("extrait_brut").drop_duplicates()
    defauts = json.loads((DATASETS / "extrait_brut_defauts.json").read_text(encoding="utf-8"))

    def normaliser(serie: pd.Series) -> pd.Series:
        sans_accents = serie.str.normalize("NFD").str.replace(r"[\u0300-\u036f]", "", regex=True)
        return sans_accents.str.lower().str.replace("-", " ").str.replace(r"\s+", " ", regex=True).str.strip()

    cle = normaliser(brut["prenom"]) + "|" + normaliser(brut["nom"])
    assert cle.nunique() == defauts["personnes_distinctes"]
    assert len(brut) - cle.nunique() == defauts["doublons_variantes"] > 0
    naifs = (brut["prenom"] + "|" + brut["nom"]).nunique()
    assert naifs > cle.nunique()  # sans normalisation, on rate des doublons
    variantes = brut[cle.duplicated(keep=False)].groupby(cle[cle.duplicated(keep=False)])
    assert any(g["prenom"].str.contains("-").any() and g["prenom"].str.contains(" ").any() for _, g in variantes)


# --- transactions massives ----------------------------------------------------------------

def _generateur():
    sys.path.insert(0, str(DATASETS))
    try:
        import generer
    finally:
        sys.path.remove(str(DATASETS))
    return generer


def test_transactions_massives_ont_les_colonnes_et_types_de_transactions(tables):
    massives = _generateur().generer_transactions_massives(n_clients=3000, n_lignes=25_000, graine=1)
    assert len(massives) == 25_000
    assert list(massives.columns) == list(tables["transactions"].columns)
    assert (massives.dtypes.astype(str) == tables["transactions"].dtypes.astype(str)).all()
    assert massives["client_id"].nunique() > 2000
    assert (massives["quantite"] < 0).any()
    ca = massives.groupby("client_id")["montant_ht"].sum().sort_values(ascending=False)
    assert 0.5 <= ca.head(round(0.2 * len(ca))).sum() / ca.sum() <= 0.85
