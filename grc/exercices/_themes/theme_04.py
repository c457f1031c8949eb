"""Exercices du thème 04 : la valeur client (CA potentiel, rétention, durée de vie, CLV).

Conventions communes à tous les exercices (celles du carnet) :

- un client est **actif** une année s'il a au moins une ligne de ticket datée de cette année ;
- la **rétention** 2023 → 2024 est la part des clients actifs en 2023 encore actifs en 2024 ;
- la **marge annuelle** d'un client est la marge HT de 2024 divisée par le nombre de clients actifs en 2024 ;
- la CLV actualisée suit la convention du cours (:func:`grc.valeur.clv` : marge en fin d'année,
  ``m · r / (1 + i − r)`` à horizon illimité), au taux de 10 %.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from grc import valeur

from ..comparaisons import (
    avec_erreurs_typiques,
    comparer_choix,
    comparer_nombre,
    comparer_serie,
    comparer_table,
    en_dictionnaire,
    index_en_texte,
)
from ..contexte import (
    ANNEE,
    ANNEE_PRECEDENTE,
    DATE_CALIBRAGE,
    segment_des_clients,
    segments_observes,
    table_verdance,
    transactions_annee,
)
from ..registre import exercice
from ..retour import Retour, incorrect

DUREE_RELATION = 3  # années, pour le CA potentiel
TAUX_ACTUALISATION = 0.10
HORIZON = 5  # années, pour la CLV actualisée de l'exercice 6
PART_DEPARTS_EVITES = 0.20  # effet supposé d'une action de fidélisation
COLONNES_CANAUX = ["cac", "retention", "marge_annuelle", "clv", "clv_nette"]


# --- Valeurs attendues, calculées sur les données -------------------------------------------------


@cache
def _actifs(annee: int) -> frozenset[str]:
    return frozenset(transactions_annee(annee)["client_id"].astype(str))


@cache
def _chiffres_2024() -> dict[str, float]:
    t = transactions_annee(ANNEE)
    actifs = len(_actifs(ANNEE))
    tickets = t["ticket_id"].nunique()
    return {
        "actifs": actifs,
        "tickets": tickets,
        "ca": float(t["montant_ht"].sum()),
        "marge": float(t["marge_ht"].sum()),
        "frequence": tickets / actifs,
        "panier": float(t["montant_ht"].sum()) / tickets,
        "marge_annuelle": float(t["marge_ht"].sum()) / actifs,
    }


@cache
def retention() -> float:
    """Rétention 2023 → 2024, par :func:`grc.valeur.taux_attrition_par_periode`."""
    table = valeur.taux_attrition_par_periode(table_verdance("transactions"), periode="Y")
    return float(table.loc[pd.Period(str(ANNEE), "Y"), "taux_retention"])


@cache
def retention_nouveaux() -> float:
    """Part des clients inscrits en 2023 et acheteurs en 2023 qui achètent encore en 2024."""
    clients = table_verdance("clients")
    inscrits = set(clients.loc[clients["date_inscription"].dt.year == ANNEE_PRECEDENTE, "client_id"].astype(str))
    debut = inscrits & _actifs(ANNEE_PRECEDENTE)
    return len(debut & _actifs(ANNEE)) / len(debut)


@cache
def table_canaux() -> pd.DataFrame:
    """CAC, rétention, marge annuelle, CLV (illimitée, 10 %) et CLV nette par canal d'acquisition."""
    clients = table_verdance("clients").assign(client_id=lambda c: c["client_id"].astype(str))
    clients["canal_acquisition"] = clients["canal_acquisition"].astype(str)
    marge = transactions_annee(ANNEE).assign(client_id=lambda t: t["client_id"].astype(str)).groupby("client_id")["marge_ht"].sum()
    clients["actif_2023"] = clients["client_id"].isin(_actifs(ANNEE_PRECEDENTE))
    clients["actif_2024"] = clients["client_id"].isin(_actifs(ANNEE))
    clients["marge_2024"] = clients["client_id"].map(marge).fillna(0.0)
    canal = "canal_acquisition"
    table = pd.DataFrame({
        "cac": clients.groupby(canal)["cout_acquisition"].mean(),
        "retention": clients[clients["actif_2023"]].groupby(canal)["actif_2024"].mean(),
        "marge_annuelle": clients[clients["actif_2024"]].groupby(canal)["marge_2024"].mean(),
    })
    table["clv"] = valeur.clv(table["marge_annuelle"], table["retention"], TAUX_ACTUALISATION)
    table["clv_nette"] = table["clv"] - table["cac"]
    return table


@cache
def _decomposition_2022() -> pd.Series:
    """Sommes des trois valeurs (et de la marge) pour les clients inscrits en 2022."""
    clients = table_verdance("clients")
    inscrits = set(clients.loc[clients["date_inscription"].dt.year == 2022, "client_id"].astype(str))
    v = valeur.valeur_client(table_verdance("transactions"))
    v = v[v.index.astype(str).isin(inscrits)]
    return v[["marge_totale", "valeur_acquisition", "valeur_fidelisation", "valeur_croissance"]].sum()


@cache
def calibrage_segments() -> pd.DataFrame:
    """Segments RFM au 1er janvier 2024 et ce que chacun a fait en 2024 (rétention, marge par actif)."""
    return segments_observes(DATE_CALIBRAGE, ANNEE).rename(columns={"clients": "effectif_2023"})


@cache
def effectifs_actuels() -> pd.Series:
    """Effectif de chaque segment RFM au 1er janvier 2025 (les segments du thème 02)."""
    return segment_des_clients().value_counts()


@cache
def gains_fidelisation() -> pd.DataFrame:
    """Gain de CLV par client et gain total de chaque segment si l'on évite 20 % des départs."""
    c = calibrage_segments()
    r_action = 1 - (1 - PART_DEPARTS_EVITES) * (1 - c["retention"])
    par_client = (valeur.clv(c["marge"], r_action, TAUX_ACTUALISATION)
                  - valeur.clv(c["marge"], c["retention"], TAUX_ACTUALISATION))
    effectif = effectifs_actuels().reindex(c.index).fillna(0)
    return pd.DataFrame({"gain_par_client": par_client, "effectif_2025": effectif,
                         "gain_total": par_client * effectif})


# --- Aides aux messages ---------------------------------------------------------------------------


# --- Les exercices --------------------------------------------------------------------------------


@exercice("04_ca_potentiel", indice="Fréquence = tickets distincts de 2024 / clients actifs en 2024 ; "
          "panier = CA HT 2024 / tickets distincts ; puis fréquence × panier × 3.")
def _ca_potentiel(reponse):
    c = _chiffres_2024()
    attendu = valeur.ca_potentiel(c["frequence"], c["panier"], DUREE_RELATION)
    retour = comparer_nombre(reponse, attendu, tolerance=1e-3)
    return avec_erreurs_typiques(retour, reponse, {
        "C'est le CA d'une seule année : multipliez par la durée de la relation.": attendu / DUREE_RELATION,
        "Votre fréquence compte tous les clients inscrits, y compris ceux qui n'ont rien acheté en 2024 : "
        "divisez par les clients actifs.": attendu * c["actifs"] / len(table_verdance("clients")),
    })


@exercice("04_taux_retention", indice="Prenez l'ensemble des clients actifs en 2023, puis la part d'entre eux "
          "qui apparaissent aussi dans les transactions de 2024.")
def _taux_retention(reponse):
    r = retention()
    retour = comparer_nombre(reponse, r, tolerance=1e-4, fraction=True)
    conserves = r * len(_actifs(ANNEE_PRECEDENTE))
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez donné le taux d'attrition (les clients perdus) : la rétention est son complément.": 1 - r,
        "Le dénominateur doit être les clients actifs en 2023 (ceux qu'on pouvait garder), "
        "pas ceux de 2024.": conserves / len(_actifs(ANNEE)),
    })


@exercice("04_duree_de_vie", indice="Durée de vie = 1 / (1 − r), avec r la rétention 2023 → 2024 (une fraction).")
def _duree_de_vie(reponse):
    r = retention()
    retour = comparer_nombre(reponse, valeur.duree_de_vie(r), tolerance=2e-3)
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez divisé par r : la durée se calcule avec l'attrition, 1 − r.": 1 / r,
        "Utilisez r en fraction (0,64) et non en pourcentage (64).": 1 / (1 - 100 * r),
    })


@exercice("04_retention_nouveaux", indice="Gardez les clients inscrits en 2023 ET actifs en 2023 ; "
          "parmi eux, quelle part est active en 2024 ?")
def _retention_nouveaux(reponse):
    attendu = retention_nouveaux()
    clients = table_verdance("clients")
    inscrits = set(clients.loc[clients["date_inscription"].dt.year == ANNEE_PRECEDENTE, "client_id"].astype(str))
    tous = len(inscrits & _actifs(ANNEE)) / len(inscrits)
    retour = comparer_nombre(reponse, attendu, tolerance=1e-4, fraction=True)
    return avec_erreurs_typiques(retour, reponse, {
        "Votre dénominateur compte aussi les inscrits de 2023 qui n'ont rien acheté en 2023 : "
        "on ne peut « retenir » qu'un client qui a acheté.": tous,
        "C'est la rétention de toute la base, pas celle des clients inscrits en 2023.": retention(),
    })


@exercice("04_clv_simple", indice="Marge annuelle = marge HT 2024 / clients actifs 2024 ; CLV simple = marge × 1 / (1 − r).")
def _clv_simple(reponse):
    c = _chiffres_2024()
    duree = valeur.duree_de_vie(retention())
    attendu = valeur.clv_simple(c["marge_annuelle"], duree)
    retour = comparer_nombre(reponse, attendu, tolerance=2e-3)
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez pris le chiffre d'affaires : la valeur client se calcule sur la MARGE.": c["ca"] / c["actifs"] * duree,
        "Votre marge annuelle divise par tous les clients inscrits : prenez les clients actifs en 2024.":
            c["marge"] / len(table_verdance("clients")) * duree,
    })


@exercice("04_clv_actualisee", indice="Somme, pour t de 1 à 5, de m × r**t / 1.1**t (ou grc.valeur.clv avec horizon=5).")
def _clv_actualisee(reponse):
    m, r = _chiffres_2024()["marge_annuelle"], retention()
    attendu = valeur.clv(m, r, TAUX_ACTUALISATION, horizon=HORIZON)
    retour = comparer_nombre(reponse, attendu, tolerance=1e-3)
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez compté la marge de l'année 0 (l'autre convention) : le cours compte les marges "
        "de la fin de l'année 1 à la fin de l'année 5.": attendu + m,
        "Vous avez compté les années 0 à 4 : dans la convention du cours, la première marge arrive en fin "
        "d'année 1.": valeur.clv(m, r, TAUX_ACTUALISATION, horizon=HORIZON - 1) + m,
        "C'est la CLV à horizon illimité : limitez la somme à 5 ans.": valeur.clv(m, r, TAUX_ACTUALISATION),
        "Vous n'avez pas actualisé : divisez la marge de l'année t par 1,1 puissance t.": valeur.clv(m, r, 0.0, horizon=HORIZON),
    })


@exercice("04_clv_par_canal", indice="groupby('canal_acquisition') : moyenne de cout_acquisition sur tous les clients, "
          "de actif_2024 sur les actifs 2023, de marge_2024 sur les actifs 2024 ; puis grc.valeur.clv.")
def _clv_par_canal(reponse):
    reponse = index_en_texte(reponse)
    attendu = table_canaux()
    if isinstance(reponse, pd.DataFrame) and set(COLONNES_CANAUX) <= set(reponse.columns):
        if len(reponse) == len(attendu) and set(reponse.index) == set(attendu.index):
            faux = [c for c in COLONNES_CANAUX
                    if not comparer_serie(reponse[c], attendu[c], tolerance=1e-6).est_correct]
            if faux == ["cac"]:
                return incorrect("La colonne 'cac' est fausse : le coût d'acquisition moyen se calcule sur TOUS "
                                 "les clients recrutés par le canal, acheteurs ou non.")
            if faux and faux[0] == "retention":
                return incorrect("La colonne 'retention' est fausse : parmi les clients actifs en 2023 de chaque "
                                 "canal, quelle part est active en 2024 ?")
    return comparer_table(reponse, attendu, colonnes=COLONNES_CANAUX, tolerance=1e-6)


@exercice("04_part_fidelisation", indice="valeur_client(transactions), gardez les clients inscrits en 2022, "
          "puis somme de valeur_fidelisation / somme de marge_totale.")
def _part_fidelisation(reponse):
    d = _decomposition_2022()
    attendu = d["valeur_fidelisation"] / d["marge_totale"]
    retour = comparer_nombre(reponse, attendu, tolerance=1e-4, fraction=True)
    return avec_erreurs_typiques(retour, reponse, {
        "C'est la part de la valeur d'acquisition : la question porte sur la fidélisation.":
            d["valeur_acquisition"] / d["marge_totale"],
        "C'est la part de la valeur de croissance : la question porte sur la fidélisation.":
            d["valeur_croissance"] / d["marge_totale"],
    })


@exercice("04_gain_fidelisation", indice="r_action = 1 − 0.8 × (1 − r) ; gain par client = clv(marge, r_action, 0.1) − "
          "clv(marge, r, 0.1) ; gain total = gain par client × effectif du segment au 1er janvier 2025.")
def _gain_fidelisation(reponse):
    reponse = index_en_texte(reponse)
    gains = gains_fidelisation()
    retour = comparer_serie(reponse, gains["gain_total"], tolerance=1e-6)
    if not retour.est_correct and isinstance(reponse, pd.Series) and set(reponse.index) == set(gains.index):
        reponse = reponse.reindex(gains.index)
        if comparer_serie(reponse, gains["gain_par_client"], tolerance=1e-6).est_correct:
            return incorrect("C'est le gain par client : multipliez-le par l'effectif actuel de chaque segment.")
        par_ancien_effectif = gains["gain_par_client"] * calibrage_segments()["effectif_2023"]
        if comparer_serie(reponse, par_ancien_effectif, tolerance=1e-6).est_correct:
            return incorrect("Vous avez multiplié par l'effectif de 2023 : le budget porte sur les clients "
                             "d'aujourd'hui, segmentés au 1er janvier 2025.")
    return retour


@exercice("04_segment_fidelisation", indice="Un dictionnaire {'segment': ..., 'budget_par_client': ...} : le segment "
          "au plus fort gain total, et son gain de CLV par client.")
def _segment_fidelisation(reponse):
    reponse = en_dictionnaire(reponse, ["segment", "budget_par_client"],
                              "{'segment': 'nom du segment', 'budget_par_client': nombre}")
    if isinstance(reponse, Retour):
        return reponse
    gains = gains_fidelisation()
    meilleur = str(gains["gain_total"].idxmax())
    possibles = [str(s) for s in gains.index]
    choix = comparer_choix(reponse["segment"], meilleur, possibles)
    if not choix.est_correct:
        if comparer_choix(reponse["segment"], reponse["segment"], possibles).est_correct:  # un vrai segment, pas le bon
            return incorrect(f"Segment : « {reponse['segment']} » n'est pas le segment au plus fort gain total. "
                             "Comparez les gains de l'exercice 9.")
        return incorrect(f"Segment : {choix.message}")
    budget = comparer_nombre(reponse["budget_par_client"], float(gains.loc[meilleur, "gain_par_client"]), tolerance=1e-3)
    if not budget.est_correct:
        return incorrect(f"Le segment est le bon. Budget par client : {budget.message}")
    return budget
