"""Exercices du thème 01 : chaque juge accepte la bonne réponse, reconnaît « ... » et refuse une erreur plausible
sans donner la réponse attendue."""

import pandas as pd
import pytest

from grc import base_marketing as bm
from grc.donnees import charger, defauts_extrait_brut
from grc.exercices import controler
from grc.exercices._themes.theme_01 import (
    DECISIONS_CANAUX,
    DECISIONS_DEFAUTS,
    ETAPES_GRC,
    HYPOTHESES_COUT,
    TYPES_DONNEES,
    contactables_limite_exclue,
)
from grc.exercices.glissements import nomme


@pytest.fixture(scope="module")
def tables():
    return {"clients": charger("clients"), "transactions": charger("transactions"), "brut": charger("extrait_brut")}


@pytest.fixture(scope="module")
def base(tables, tmp_path_factory):
    chemin = tmp_path_factory.mktemp("sqlite") / "verdance.sqlite"
    return bm.construire_base({"clients": tables["clients"], "transactions": tables["transactions"]}, chemin)


NOMS = ["01_etapes_grc", "01_types_donnees", "01_sql_ca_par_rayon", "01_sql_sans_achat", "01_pandas_ca_par_age",
        "01_emails_invalides", "01_dates_inscription", "01_personnes_distinctes", "01_contactables_email",
        "01_cout_par_contactable", "01_traitement_defauts", "01_canal_autorise"]


@pytest.mark.parametrize("nom", NOMS)
def test_reponse_absente_n_est_ni_juste_ni_fausse(nom) -> None:
    assert controler(nom, ...).statut == "vide"


# --------------------------------------------------------------------------- 1. étapes et types


def test_etapes_grc(accepte, refuse) -> None:
    accepte("01_etapes_grc", ["Identifier", "Segmenter", "Adapter", "Echanger", "Évaluer"])
    message = refuse("01_etapes_grc", ["identifier", "adapter", "segmenter", "échanger", "évaluer"])
    assert "position 2" in message


def test_types_donnees(accepte, refuse) -> None:
    accepte("01_types_donnees", dict(TYPES_DONNEES))
    accepte("01_types_donnees", {k: v.upper().rstrip("e") + "s" for k, v in TYPES_DONNEES.items()})  # pluriels
    faux = dict(TYPES_DONNEES, **{"csp (clients)": "signalétique", "clic (contacts_campagnes)": "transactionnelle"})
    message = refuse("01_types_donnees", faux)
    constat = message.split("Indice")[0]  # l'indice rappelle les quatre définitions, le constat ne corrige rien
    assert "2 colonne" in constat and "déclarative" not in constat and "marketing" not in constat
    assert "Type inconnu" in refuse("01_types_donnees", dict(TYPES_DONNEES, **{"csp (clients)": "sociale"}))
    partiel = dict(TYPES_DONNEES, **{"csp (clients)": ...})
    assert controler("01_types_donnees", partiel).statut == "vide"


# --------------------------------------------------------------------------- 2. SQL et pandas


def test_sql_ca_par_rayon(base, accepte, refuse) -> None:
    requete = "SELECT rayon, SUM(montant_ht) AS ca_ht FROM transactions GROUP BY rayon ORDER BY ca_ht DESC"
    bonne = bm.interroger(base, requete)
    accepte("01_sql_ca_par_rayon", bonne)
    accepte("01_sql_ca_par_rayon", bonne.set_index("rayon")["ca_ht"])
    sans_retours = bm.interroger(
        base, "SELECT rayon, SUM(montant_ht) AS ca_ht FROM transactions WHERE montant_ht > 0 GROUP BY rayon "
              "ORDER BY ca_ht DESC")
    refuse("01_sql_ca_par_rayon", sans_retours, *[round(v) for v in bonne["ca_ht"]])
    assert "ordre" in refuse("01_sql_ca_par_rayon", bonne.sort_values("rayon"))
    assert "colonne" in refuse("01_sql_ca_par_rayon", bonne.assign(lignes=1))


def test_sql_sans_achat(base, tables, accepte, refuse) -> None:
    bonne = bm.interroger(
        base, "SELECT c.client_id FROM clients c LEFT JOIN transactions t ON t.client_id = c.client_id "
              "WHERE t.client_id IS NULL")
    accepte("01_sql_sans_achat", bonne)
    accepte("01_sql_sans_achat", bonne["client_id"].tolist())
    jointure_interne = bm.interroger(
        base, "SELECT c.client_id FROM clients c JOIN transactions t ON t.client_id = c.client_id "
              "WHERE t.client_id IS NULL")
    assert jointure_interne.empty
    refuse("01_sql_sans_achat", jointure_interne, *bonne["client_id"].head(3))
    ca = tables["transactions"].groupby("client_id")["montant_ht"].sum()
    ca_nul_ou_negatif = ca[ca <= 0].index.tolist()  # confond « pas d'achat » et « CA net nul »
    refuse("01_sql_sans_achat", ca_nul_ou_negatif + bonne["client_id"].tolist())


def test_pandas_ca_par_age(tables, accepte, refuse) -> None:
    jointure = tables["transactions"].merge(tables["clients"][["client_id", "tranche_age"]], on="client_id")
    bonne = jointure.groupby("tranche_age", observed=True)["montant_ht"].sum()
    accepte("01_pandas_ca_par_age", bonne)
    accepte("01_pandas_ca_par_age", bonne.reset_index())
    nombre_clients = tables["clients"].groupby("tranche_age", observed=True).size().astype(float)
    refuse("01_pandas_ca_par_age", nombre_clients)
    positifs = jointure[jointure["montant_ht"] > 0].groupby("tranche_age", observed=True)["montant_ht"].sum()
    refuse("01_pandas_ca_par_age", positifs, *[round(v) for v in bonne])
    assert "colonne de valeurs" in refuse("01_pandas_ca_par_age", float(bonne.sum()))


# --------------------------------------------------------------------------- 3. qualité de l'extrait brut


def test_emails_invalides(tables, accepte, refuse) -> None:
    defauts = defauts_extrait_brut()
    etat = bm.etat_emails(tables["brut"]["email"])
    assert int((etat == "invalide").sum()) == defauts["emails_invalides"]  # nos règles = celles du générateur
    accepte("01_emails_invalides", int((etat == "invalide").sum()))
    avec_vides = int((etat != "valide").sum())
    assert "vides" in refuse("01_emails_invalides", avec_vides, defauts["emails_invalides"])
    sans_arobase = int((~tables["brut"]["email"].fillna("").str.contains("@") & tables["brut"]["email"].notna()).sum())
    refuse("01_emails_invalides", sans_arobase, defauts["emails_invalides"])


def test_dates_inscription(tables, accepte, refuse) -> None:
    texte = tables["brut"]["date_inscription"]
    bonne = bm.lire_dates_melangees(texte)
    assert bonne.notna().all()
    assert bm.formats_de_dates(texte).value_counts().to_dict() == defauts_extrait_brut()["formats_dates"]
    accepte("01_dates_inscription", bonne)
    accepte("01_dates_inscription", bonne.astype("datetime64[ns]"))
    iso_seulement = pd.to_datetime(texte, format="%Y-%m-%d", errors="coerce")
    assert "vides" in refuse("01_dates_inscription", iso_seulement)
    a_l_americaine = pd.to_datetime(texte, format="%Y-%m-%d", errors="coerce")
    for motif in ["%m/%d/%Y", "%d/%m/%Y", "%d-%m-%y"]:
        a_l_americaine = a_l_americaine.fillna(pd.to_datetime(texte, format=motif, errors="coerce"))
    assert "mal lue" in refuse("01_dates_inscription", a_l_americaine)
    assert "pas du texte" in refuse("01_dates_inscription", bonne.dt.strftime("%Y-%m-%d"))
    assert "même ordre" in refuse("01_dates_inscription", bonne.iloc[:-1])


def test_personnes_distinctes(tables, accepte, refuse) -> None:
    defauts = defauts_extrait_brut()
    brut = tables["brut"]
    cle = bm.normaliser_nom(brut["prenom"]) + "|" + bm.normaliser_nom(brut["nom"])
    assert cle.nunique() == defauts["personnes_distinctes"]
    accepte("01_personnes_distinctes", cle.nunique())
    copies_seulement = len(brut.drop_duplicates())
    assert "variantes" in refuse("01_personnes_distinctes", copies_seulement, defauts["personnes_distinctes"])
    minuscules_seulement = (brut["prenom"].str.lower() + "|" + brut["nom"].str.lower()).nunique()
    refuse("01_personnes_distinctes", minuscules_seulement, defauts["personnes_distinctes"])


def test_nettoyage_de_l_extrait_retrouve_les_comptes_du_generateur(tables) -> None:
    defauts = defauts_extrait_brut()
    rapport = bm.rapport_qualite(tables["brut"]).set_index("regle")["lignes"]
    assert rapport["doublons exacts"] == defauts["doublons_exacts"]
    assert rapport["doublons à variante d'orthographe"] == defauts["doublons_variantes"]
    assert rapport["emails invalides"] == defauts["emails_invalides"]
    assert rapport["codes postaux manquants"] == defauts["codes_postaux_manquants"]
    assert rapport["codes postaux sans zéro initial"] == defauts["codes_postaux_sans_zero_initial"]
    propre, _ = bm.nettoyer_extrait(tables["brut"])
    assert len(propre) == defauts["personnes_distinctes"]
    assert propre["code_client"].is_unique


def test_avec_noms_normalises_le_seuil_1_trouve_tous_les_doublons_sans_faux_positif(tables) -> None:
    paires = bm.paires_similaires(tables["brut"])
    bilan = bm.bilan_dedoublonnage(paires, 1.0)
    defauts = defauts_extrait_brut()
    assert bilan["faux_positifs"] == 0 and bilan["doublons_manques"] == 0
    assert bilan["vrais_doublons_trouves"] >= defauts["doublons_exacts"] + defauts["doublons_variantes"]
    brutes = bm.paires_similaires(tables["brut"], normaliser=False)
    assert bm.bilan_dedoublonnage(brutes, 0.6)["faux_positifs"] > 10 * bilan["vrais_doublons_trouves"]


# --------------------------------------------------------------------------- 4. RGPD et 5. coût


def _contactables_a_la_main(clients, transactions):
    dernier_achat = transactions.groupby("client_id")["date"].max()
    activite = clients["client_id"].map(dernier_achat).fillna(clients["date_inscription"])
    email_ok = clients["email"].fillna("").str.fullmatch(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
    garde = clients["consentement_email"] & email_ok & (activite >= pd.Timestamp("2022-01-01"))
    return clients.loc[garde, "client_id"].tolist()


def test_contactables_email(tables, accepte, refuse) -> None:
    clients, transactions = tables["clients"], tables["transactions"]
    bonne = _contactables_a_la_main(clients, transactions)
    assert bonne == bm.clients_contactables(clients, transactions)  # le calcul du cahier = celui du module
    accepte("01_contactables_email", bonne)
    accepte("01_contactables_email", pd.DataFrame({"client_id": bonne}))
    consentement_seul = clients.loc[clients["consentement_email"], "client_id"].tolist()
    assert len(consentement_seul) > len(bonne)
    refuse("01_contactables_email", consentement_seul, len(bonne))
    doublee = bonne + bonne[:3]
    assert "double" in refuse("01_contactables_email", doublee)
    limite_exclue = contactables_limite_exclue()
    assert len(limite_exclue) == len(bonne) - 1  # un client a son dernier contact le 1er janvier 2022
    assert nomme(refuse("01_contactables_email", limite_exclue), "jour_decale")


def test_cout_par_contactable(tables, accepte, refuse) -> None:
    clients, transactions = tables["clients"], tables["transactions"]
    contactables = len(bm.clients_contactables(clients, transactions))
    annuel = (HYPOTHESES_COUT["investissement"] / HYPOTHESES_COUT["duree_amortissement"]
              + HYPOTHESES_COUT["maintenance"] + HYPOTHESES_COUT["personnel"] + HYPOTHESES_COUT["hebergement"]
              + HYPOTHESES_COUT["mise_a_jour_par_fiche"] * len(clients))
    bonne = annuel / contactables
    accepte("01_cout_par_contactable", bonne)
    accepte("01_cout_par_contactable", round(bonne, 2))
    par_fiche = annuel / len(clients)
    assert "FICHES" in refuse("01_cout_par_contactable", par_fiche, f"{bonne:.2f}")
    investissement_entier = (annuel - HYPOTHESES_COUT["investissement"] / HYPOTHESES_COUT["duree_amortissement"]
                             + HYPOTHESES_COUT["investissement"]) / contactables
    assert "amortit" in refuse("01_cout_par_contactable", investissement_entier, f"{bonne:.2f}")


def test_les_etapes_du_module_sont_celles_de_la_lecon() -> None:
    assert ETAPES_GRC == ["identifier", "segmenter", "adapter", "échanger", "évaluer"]


# --------------------------------------------------------------------------- décisions


@pytest.mark.parametrize("nom, decisions", [("01_traitement_defauts", DECISIONS_DEFAUTS),
                                            ("01_canal_autorise", DECISIONS_CANAUX)])
def test_decisions_commentees(nom, decisions, accepte, refuse) -> None:
    bonnes = {cle: bon for cle, (bon, _, _) in decisions.items()}
    assert "Bonnes décisions" in accepte(nom, bonnes)
    assert controler(nom, {cle: ... for cle in decisions}).statut == "vide"
    for cle, (_, _, retours) in decisions.items():
        for mauvais, raison in retours.items():
            message = refuse(nom, {**bonnes, cle: mauvais})
            assert cle in message and raison in message
    premiere = next(iter(decisions))
    assert "manque" in refuse(nom, {**bonnes, premiere: ...})
    assert "choix possibles" in refuse(nom, {**bonnes, premiere: "téléphone"})
    assert "manquante" in refuse(nom, {premiere: bonnes[premiere]})


def test_canaux_suivent_opt_in_et_opt_out() -> None:
    bons = {cle: bon for cle, (bon, _, _) in DECISIONS_CANAUX.items()}
    assert set(bons.values()) == {"email", "sms", "courrier", "aucun"}  # chaque régime apparaît une fois
    assert "opposition" in DECISIONS_CANAUX["Mme Arnaud"][2]["aucun"]
    assert "accord préalable" in DECISIONS_CANAUX["Mme Arnaud"][2]["email"]
