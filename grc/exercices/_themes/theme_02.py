"""Exercices du thème 02 : segmenter les clients par la méthode RFM (et FRAT).

Toutes les valeurs attendues sont calculées sur les données de Verdance avec :mod:`grc.rfm` ;
seuls les paramètres des énoncés (date de référence, client étudié, seuils, codes) sont écrits
ici, et le cahier les reprend.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from grc.rfm import scores_rfm, segments_rfm, tableau_frat

from ..comparaisons import (
    comparer_correspondance,
    comparer_ensemble,
    comparer_nombre,
    comparer_serie,
    comparer_table,
    en_dictionnaire,
)
from ..contexte import DATE_REFERENCE, rfm_au, segments_au, table_verdance
from ..registre import exercice
from ..retour import Retour, correct, incorrect

CLIENT_ETUDIE = "C00044"
SEUILS_RECENCE = [30, 90, 180, 365]  # jours : < 30 → 5, 30-89 → 4, 90-179 → 3, 180-364 → 2, ≥ 365 → 1
CODES_A_CLASSER = ["445", "355", "515", "521", "315", "222", "112"]
RAYON_CROISE = "Animalerie"


# --------------------------------------------------------------------------------------------
# Valeurs de référence (calculées une fois)
# --------------------------------------------------------------------------------------------


@cache
def _clients() -> pd.DataFrame:
    return table_verdance("clients").set_index("client_id")


def _lignes_client() -> pd.DataFrame:
    t = table_verdance("transactions")
    return t[t["client_id"] == CLIENT_ETUDIE]


def _en_entiers(serie: pd.Series) -> pd.Series:
    """Ramène des notes données en catégories ou en texte (« 5 ») à des entiers si possible."""
    if isinstance(serie.dtype, pd.CategoricalDtype) or not pd.api.types.is_numeric_dtype(serie):
        converties = pd.to_numeric(serie.astype("string"), errors="coerce")
        if converties.notna().sum() == serie.notna().sum():
            return converties
    return serie


# --------------------------------------------------------------------------------------------
# 1-2. Un client à la main
# --------------------------------------------------------------------------------------------


@exercice(
    "02_recence_client",
    indice="Récence = date de référence − date du dernier achat ; une durée pandas donne ses jours avec .days.",
)
def _recence_client(reponse) -> Retour:
    if isinstance(reponse, pd.Timedelta):
        return incorrect("Vous avez donné une durée : un nombre de jours était attendu (prenez ses jours avec .days).")
    derniere = _lignes_client()["date"].max()
    attendu = (DATE_REFERENCE - derniere).days
    return comparer_nombre(reponse, attendu, tolerance=0, relative=False)


@exercice(
    "02_frequence_montant_client",
    indice="Fréquence = nombre de tickets DISTINCTS (nunique) ; montant = somme de montant_ht.",
)
def _frequence_montant_client(reponse) -> Retour:
    reponse = en_dictionnaire(reponse, ["frequence", "montant"])
    if isinstance(reponse, Retour):
        return reponse
    lignes = _lignes_client()
    frequence = comparer_nombre(reponse["frequence"], lignes["ticket_id"].nunique(), tolerance=0)
    if frequence.statut == "vide":
        return frequence
    if not frequence.est_correct:
        if isinstance(reponse["frequence"], int | float | np.integer) and reponse["frequence"] == len(lignes):
            return incorrect("Fréquence : vous avez compté les lignes de ticket ; un achat = un ticket distinct.")
        return incorrect(f"Fréquence : {frequence.message}")
    montant = comparer_nombre(reponse["montant"], float(lignes["montant_ht"].sum()), tolerance=0.005, relative=False)
    if montant.statut == "vide":
        return montant
    if not montant.est_correct:
        return incorrect(f"Montant : {montant.message}")
    return correct("Bonne réponse : fréquence et montant sont justes.")


# --------------------------------------------------------------------------------------------
# 3-4. Toute la base
# --------------------------------------------------------------------------------------------


@exercice(
    "02_tableau_rfm",
    indice=(
        "groupby('client_id') puis agg : dernière date (max), tickets distincts (nunique), somme des montants ; "
        "la récence est (date de référence − dernière date) en jours."
    ),
)
def _tableau_rfm(reponse) -> Retour:
    return comparer_table(reponse, rfm_au(), colonnes=["recence", "frequence", "montant"], tolerance=1e-6)


@exercice(
    "02_part_un_achat",
    indice="Parmi les clients du tableau RFM (ceux qui ont acheté), la part de ceux dont la fréquence vaut 1.",
)
def _part_un_achat(reponse) -> Retour:
    attendu = float((rfm_au()["frequence"] == 1).mean())
    return comparer_nombre(reponse, attendu, tolerance=1e-3, fraction=True)


# --------------------------------------------------------------------------------------------
# 5-6. Scores et carte de chaleur
# --------------------------------------------------------------------------------------------


@exercice(
    "02_score_recence_seuils",
    indice=(
        "Moins de 30 jours → 5 ; 30 jours tout rond est déjà dans la classe 4. "
        "Avec pd.cut, pensez à right=False ; ou utilisez np.select."
    ),
)
def _score_recence_seuils(reponse) -> Retour:
    attendu = scores_rfm(rfm_au(), q=5, seuils={"R": SEUILS_RECENCE})["R"]
    if isinstance(reponse, pd.Series):
        reponse = _en_entiers(reponse)
        if (
            pd.api.types.is_numeric_dtype(reponse)
            and reponse.index.equals(attendu.index)
            and ((6 - reponse) == attendu).mean() > 0.9
        ):
            return incorrect("Le sens est inversé : une petite récence (client venu récemment) mérite la note 5.")
    return comparer_serie(reponse, attendu, tolerance=0)


def _part_ca_rf() -> pd.DataFrame:
    scores = segments_au()
    table = scores.pivot_table(index="R", columns="F", values="montant", aggfunc="sum", fill_value=0.0)
    table = table.reindex(index=range(1, 6), columns=range(1, 6), fill_value=0.0)
    return table / scores["montant"].sum()


@exercice(
    "02_part_ca_rf",
    indice="pd.crosstab(R, F, values=montant, aggfunc='sum') puis divisez par le CA total (ou normalize='all').",
)
def _part_ca_rf_juge(reponse) -> Retour:
    if not isinstance(reponse, pd.DataFrame):
        return comparer_table(reponse, _part_ca_rf())
    reponse = reponse.fillna(0.0)
    try:
        total = float(reponse.to_numpy(dtype="float64").sum())
    except (TypeError, ValueError):
        return incorrect("Les cases de la table devraient être des nombres (des parts du CA).")
    if abs(total - 100) < 0.5:
        return incorrect("Vos parts sont en pourcentages : exprimez-les en fractions du CA total (elles somment à 1).")
    if abs(total - 1) > 1e-3:
        return incorrect("Les cases devraient être des parts du CA total : leur somme devrait valoir 1.")
    return comparer_table(reponse, _part_ca_rf(), tolerance=1e-6)


# --------------------------------------------------------------------------------------------
# 7-8. Segments
# --------------------------------------------------------------------------------------------


def _segment_des_codes() -> dict[str, str]:
    notes = pd.DataFrame([[int(c) for c in code] for code in CODES_A_CLASSER], columns=["R", "F", "M"],
                         index=CODES_A_CLASSER)
    return segments_rfm(notes, q=5)["segment"].astype("str").to_dict()


@exercice(
    "02_segment_des_codes",
    indice="Lisez REGLES_SEGMENTS de haut en bas : la PREMIÈRE règle que le code vérifie donne le segment.",
)
def _segment_des_codes_juge(reponse) -> Retour:
    return comparer_correspondance(reponse, _segment_des_codes(), "codes")


def _bilan_segments() -> pd.DataFrame:
    segments = segments_au()
    bilan = segments.groupby("segment", observed=True).agg(nb_clients=("montant", "size"), ca=("montant", "sum"))
    bilan["part_ca"] = bilan["ca"] / bilan["ca"].sum()
    return bilan


@exercice(
    "02_bilan_segments",
    indice="groupby('segment') avec agg(nb_clients=('montant', 'size'), ca=('montant', 'sum')), puis part_ca = ca / CA total.",
)
def _bilan_segments_juge(reponse) -> Retour:
    attendu = _bilan_segments()
    if isinstance(reponse, pd.DataFrame) and "part_ca" in reponse.columns:
        parts = pd.to_numeric(reponse["part_ca"], errors="coerce")
        if abs(parts.sum() - 100) < 0.5:
            return incorrect("La colonne 'part_ca' est en pourcentages : exprimez-la en fraction (elle somme à 1).")
    if isinstance(reponse, pd.DataFrame):
        reponse = reponse.set_axis(reponse.index.astype("str"), axis=0)
    return comparer_table(reponse, attendu.set_axis(attendu.index.astype("str"), axis=0),
                          colonnes=["nb_clients", "ca", "part_ca"], tolerance=1e-6)


# --------------------------------------------------------------------------------------------
# 9-10. Cibler (FRAT, relance)
# --------------------------------------------------------------------------------------------


def cible_ventes_croisees() -> pd.Index:
    """Très bons clients qui déclarent un animal et n'ont jamais acheté au rayon Animalerie."""
    frat = tableau_frat(table_verdance("transactions"), date_reference=DATE_REFERENCE, ticket="ticket_id", type_produit="rayon")
    tres_bons = segments_au().index[segments_au()["segment"] == "Très bons clients"]
    animal = _clients()["animal"].astype("str").reindex(tres_bons)
    jamais = ~frat.loc[tres_bons, "types_achetes"].str.split(" + ", regex=False).apply(lambda t: RAYON_CROISE in t)
    return tres_bons[(animal != "aucun").to_numpy() & jamais.to_numpy()]


@exercice(
    "02_cible_ventes_croisees",
    indice=(
        "Trois conditions : segment « Très bons clients », animal différent de « aucun » (table clients), "
        "et « Animalerie » absent de types_achetes (tableau FRAT)."
    ),
)
def _cible_ventes_croisees_juge(reponse) -> Retour:
    return comparer_ensemble(reponse, set(cible_ventes_croisees()), "clients")


def cible_relance() -> pd.Index:
    """Clients à risque joignables par e-mail, au montant strictement supérieur à la médiane du segment."""
    segments = segments_au()
    a_risque = segments[segments["segment"] == "Clients à risque"]
    email = _clients()["consentement_email"].reindex(a_risque.index).fillna(False).astype(bool)
    gros = a_risque["montant"] > a_risque["montant"].median()
    return a_risque.index[np.asarray(email & gros)]


@exercice(
    "02_cible_relance",
    indice=(
        "Filtrez le segment « Clients à risque », calculez la médiane de leur montant, gardez ceux qui la "
        "dépassent strictement et dont consentement_email est vrai (table clients)."
    ),
)
def _cible_relance_juge(reponse) -> Retour:
    return comparer_ensemble(reponse, set(cible_relance()), "clients")
