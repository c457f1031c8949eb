"""Exercices du thème 01 : connaître ses clients, la base de données (étape « Identifier »)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from grc.base_marketing import clients_contactables, couts_base, lire_dates_melangees
from grc.donnees import defauts_extrait_brut

from ..comparaisons import (
    comparer_correspondance,
    comparer_ensemble,
    comparer_nombre,
    comparer_ordre,
    comparer_serie,
    en_serie,
    identifiants,
    index_en_texte,
    normaliser_texte,
    proche,
)
from ..contexte import table_verdance
from ..registre import exercice
from ..retour import Retour, correct, incorrect

ETAPES_GRC = ["identifier", "segmenter", "adapter", "échanger", "évaluer"]

# Colonne (table) → type de donnée : la réponse de l'exercice « 01_types_donnees ».
TYPES_DONNEES = {
    "email (clients)": "signalétique",
    "code_postal (clients)": "signalétique",
    "montant_ht (transactions)": "transactionnelle",
    "date (transactions)": "transactionnelle",
    "csp (clients)": "déclarative",
    "a_jardin (clients)": "déclarative",
    "clic (contacts_campagnes)": "marketing",
    "reponse (contacts_campagnes)": "marketing",
}
_RACINES_TYPES = {"signal": "signalétique", "transa": "transactionnelle", "declar": "déclarative",
                  "market": "marketing"}

# Hypothèses de coût de l'exercice « 01_cout_par_contactable » (reprises dans le cahier).
HYPOTHESES_COUT = {
    "investissement": 45_000,
    "duree_amortissement": 5,
    "maintenance": 5_500,
    "personnel": 0.6 * 38_000,
    "hebergement": 3_000,
    "mise_a_jour_par_fiche": 0.40,
}


@cache
def _liste_contactables_email() -> tuple[str, ...]:
    return tuple(clients_contactables(table_verdance("clients"), table_verdance("transactions"), canal="email"))


def _type_canonique(texte: object) -> str | None:
    norme = normaliser_texte(str(texte))
    return next((nom for racine, nom in _RACINES_TYPES.items() if norme.startswith(racine)), None)


@exercice("01_etapes_grc", indice="La démarche commence par la connaissance des clients et finit par la mesure des résultats.")
def _etapes_grc(reponse):
    return comparer_ordre(reponse, ETAPES_GRC, "étapes")


@exercice("01_types_donnees", indice="Qui est-il ? (signalétique) · Qu'a-t-il acheté ? (transactionnelle) · "
          "Que dit-il de lui ? (déclarative) · Comment réagit-il à nos actions ? (marketing)")
def _types_donnees(reponse):
    if isinstance(reponse, dict):
        inconnus = [str(v) for v in reponse.values() if v is not Ellipsis and _type_canonique(v) is None]
        if inconnus:
            return incorrect(
                f"Type inconnu : « {inconnus[0]} ». Choisissez parmi signalétique, transactionnelle, "
                "déclarative, marketing."
            )
        reponse = {k: (v if v is Ellipsis else _type_canonique(v)) for k, v in reponse.items()}
    return comparer_correspondance(reponse, TYPES_DONNEES, "colonnes")


@exercice("01_sql_ca_par_rayon", indice="SELECT rayon, SUM(montant_ht) AS ca_ht FROM transactions GROUP BY rayon "
          "ORDER BY ... : les retours (montants négatifs) restent dans la somme.")
def _sql_ca_par_rayon(reponse):
    attendu = table_verdance("transactions").groupby("rayon", observed=True)["montant_ht"].sum().sort_values(ascending=False)
    serie = en_serie(reponse, "rayon")
    if isinstance(serie, Retour):
        return serie
    return comparer_serie(serie, index_en_texte(attendu), tolerance=1e-6, verifier_ordre=True)


@exercice("01_sql_sans_achat", indice="Une jointure externe (LEFT JOIN) garde tous les clients ; ceux sans ticket "
          "ont un client_id vide côté transactions (IS NULL).")
def _sql_sans_achat(reponse):
    c = table_verdance("clients")
    attendu = c.loc[~c["client_id"].isin(table_verdance("transactions")["client_id"]), "client_id"]
    return comparer_ensemble(identifiants(reponse), attendu.astype(str).tolist(), "clients")


@exercice("01_pandas_ca_par_age", indice="transactions.merge(clients[['client_id', 'tranche_age']], on='client_id'), "
          "puis groupby('tranche_age')['montant_ht'].sum().")
def _pandas_ca_par_age(reponse):
    jointure = table_verdance("transactions").merge(table_verdance("clients")[["client_id", "tranche_age"]], on="client_id")
    attendu = jointure.groupby("tranche_age", observed=True)["montant_ht"].sum()
    serie = en_serie(reponse, "tranche_age")
    if isinstance(serie, Retour):
        return serie
    return comparer_serie(serie, index_en_texte(attendu), tolerance=1e-6)


@exercice("01_emails_invalides", indice="Comptez les emails NON VIDES qui ne suivent pas le motif "
          "(str.fullmatch) : un email vide est manquant, pas invalide.")
def _emails_invalides(reponse):
    defauts = defauts_extrait_brut()
    if proche(reponse, defauts["emails_invalides"] + defauts["emails_manquants"], 0):
        return incorrect("Vous avez compté aussi les emails vides : ils sont manquants, pas invalides.")
    return comparer_nombre(reponse, defauts["emails_invalides"], tolerance=0)


@exercice("01_dates_inscription", indice="Lisez chaque format avec pd.to_datetime(..., format=..., errors='coerce') "
          "et complétez les NaT avec fillna : %Y-%m-%d, %d/%m/%Y, %d-%m-%y.")
def _dates_inscription(reponse):
    attendu = lire_dates_melangees(table_verdance("extrait_brut")["date_inscription"])
    if not isinstance(reponse, pd.Series):
        return incorrect("Une colonne de dates était attendue.")
    if not pd.api.types.is_datetime64_any_dtype(reponse):
        return incorrect("La colonne doit contenir des dates (pd.to_datetime), elle contient autre chose (textes ou nombres).")
    if len(reponse) != len(attendu) or not reponse.index.equals(attendu.index):
        return incorrect(f"La série doit avoir une date par ligne de l'extrait, avec le même index "
                         f"({len(attendu)} lignes) ; elle en a {len(reponse)}.")
    manquantes = int(reponse.isna().sum())
    if manquantes:
        return incorrect(f"{manquantes} date(s) non lue(s) (cases vides) : un des trois formats n'est pas traité.")
    fausses = reponse.dt.normalize().to_numpy() != attendu.to_numpy()
    if fausses.any():
        exemple = table_verdance("extrait_brut")["date_inscription"][fausses].iloc[0]
        return incorrect(f"{int(fausses.sum())} date(s) mal lue(s), par exemple « {exemple} » : "
                         "jour et mois inversés, ou année à deux chiffres ?")
    return correct()


@exercice("01_personnes_distinctes", indice="Construisez une clé « prénom normalisé | nom normalisé » avec "
          "bm.normaliser_nom sur les DEUX colonnes, puis comptez ses valeurs distinctes (nunique).")
def _personnes_distinctes(reponse):
    defauts = defauts_extrait_brut()
    if proche(reponse, defauts["lignes"] - defauts["doublons_exacts"], 0):
        return incorrect("Vous n'avez retiré que les copies exactes : les variantes d'orthographe restent comptées "
                         "comme des personnes différentes.")
    return comparer_nombre(reponse, defauts["personnes_distinctes"], tolerance=0)


@exercice("01_contactables_email", indice="Trois conditions à la fois : accord pour l'email, email bien formé, "
          "dernier achat (ou inscription) depuis moins de 3 ans au 2025-01-01.")
def _juge_contactables_email(reponse):
    return comparer_ensemble(identifiants(reponse), _liste_contactables_email(), "clients")


@exercice("01_cout_par_contactable", indice="Coût annuel = investissement ÷ durée + maintenance + personnel + "
          "hébergement + mise à jour × nombre de FICHES ; puis divisez par le nombre de clients CONTACTABLES.")
def _cout_par_contactable(reponse):
    couts = couts_base(**HYPOTHESES_COUT, nombre_fiches=len(table_verdance("clients")))
    attendu = float(couts.sum()) / len(_liste_contactables_email())
    return comparer_nombre(reponse, attendu, tolerance=0.006, relative=False)
