"""Exercices du thème 03 : classer les clients et les produits (Pareto, ABC, PMG, ABCD, Gini).

Toutes les valeurs attendues sont calculées sur les données de Verdance avec :mod:`grc.abc`
et :mod:`grc.rfm` ; seuls les paramètres des énoncés (date de référence, seuils) sont écrits ici,
et le cahier les reprend.
"""

from __future__ import annotations

import warnings
from functools import cache

import numpy as np
import pandas as pd

from grc.abc import classer_abc, classer_abcd, classer_pmg, indice_gini, tableau_pareto
from grc.rfm import tableau_rfm

from ..comparaisons import (
    avec_erreurs_typiques,
    comparer_decision,
    comparer_decisions,
    comparer_ensemble,
    comparer_nombre,
    comparer_serie,
    comparer_table,
)
from ..contexte import DATE_REFERENCE, rfm_au, table_verdance
from ..glissements import avec_glissements
from ..registre import exercice
from ..retour import Retour, incorrect

SEUILS_PMG = (150, 1000)  # en euros HT sur 2022-2024 : petit < 150 €, gros ≥ 1 000 €
RECENCE_ALERTE = 180  # jours sans achat au-delà desquels un client A est « à relancer »


@cache
def _rfm_web() -> pd.DataFrame:
    """Le tableau RFM des achats faits sur le site (canal « web »), à la date de référence."""
    t = table_verdance("transactions")
    return tableau_rfm(t[t["canal"] == "web"], date_reference=DATE_REFERENCE, ticket="ticket_id")


def _ca() -> pd.Series:
    """CA HT net par client (retours déduits), l'index portant client_id."""
    return rfm_au()["montant"]


def _sans_alerte(fonction, *args, **kwargs):
    """Appelle une fonction de grc.abc sans afficher ses avertissements (déjà vus par l'élève)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fonction(*args, **kwargs)


def _par_classe(reponse: object) -> pd.Series | pd.DataFrame | Retour:
    """Ramène une réponse indexée par classe (dict, Series, DataFrame) à un index de textes."""
    if isinstance(reponse, dict):
        reponse = pd.Series(reponse)
    if not isinstance(reponse, pd.Series | pd.DataFrame):
        return incorrect("Une colonne de valeurs ou un tableau, avec une ligne par classe, était attendu.")
    return reponse.set_axis(reponse.index.astype(str), axis=0)


def _synthese(classes: pd.Series, ca: pd.Series) -> pd.DataFrame:
    nb = classes.value_counts(sort=False)
    table = pd.DataFrame({
        "nb_clients": nb,
        "part_clients": nb / len(classes),
        "part_ca": ca.groupby(classes, observed=False).sum() / ca.sum(),
    })
    return table.set_axis(table.index.astype(str), axis=0)


@exercice("03_ca_par_client", indices=(
    "Un total par client : tout ce que chaque client a dépensé sur les trois ans, retours déduits.",
    "Regroupez les lignes de ticket par client et faites le total des montants HT de chaque groupe, comme le "
    "CA par rayon du thème 00 ; les retours, négatifs, se déduisent d'eux-mêmes.",
    "L'appel : `transactions.groupby(\"client_id\")[\"montant_ht\"].sum()`.",
))
def _ca_par_client(reponse):
    lignes = table_verdance("transactions").groupby("client_id")["montant_ht"]
    attendu = lignes.sum()
    if _oublie_les_retours(reponse, attendu):
        return incorrect("Vous avez écarté les retours : le CA d'un client se calcule retours déduits "
                         "(les montants négatifs s'ajoutent à la somme).")
    retour = comparer_serie(reponse, attendu, tolerance=1e-6)
    return avec_glissements(retour, reponse, {"moyenne_pour_somme": lignes.mean()}, tolerance=1e-6)


def _oublie_les_retours(reponse: object, attendu: pd.Series) -> bool:
    """Vrai si la réponse est le CA brut (sans les retours) : l'erreur la plus fréquente."""
    if not isinstance(reponse, pd.Series) or not pd.api.types.is_numeric_dtype(reponse):
        return False
    if set(reponse.index) != set(attendu.index):
        return False
    valeurs = reponse.reindex(attendu.index).to_numpy(dtype="float64")
    brut = table_verdance("transactions").query("montant_ht > 0").groupby("client_id")["montant_ht"].sum()
    brut = brut.reindex(attendu.index, fill_value=0).to_numpy()
    return not np.allclose(valeurs, attendu.to_numpy()) and np.allclose(valeurs, brut)


@exercice("03_part_top20", indices=(
    "Prenez les 20 % de clients qui dépensent le plus et demandez-vous quelle part du CA total ils font.",
    "Dans le tableau de Pareto (du plus gros au plus petit), gardez les lignes dont la part cumulée des "
    "clients (rang_cumule) ne dépasse pas 0,20, et additionnez leur part du CA.",
    "L'appel : `pareto[pareto[\"rang_cumule\"] <= 0.20][\"part\"].sum()` : filtrer, puis faire le total "
    "d'une colonne, comme au thème 00.",
))
def _part_top20(reponse):
    pareto = _sans_alerte(tableau_pareto, _ca())
    tete = pareto["rang_cumule"] <= 0.20 + 1e-12
    attendu = float(pareto.loc[tete, "part"].sum())
    retour = comparer_nombre(reponse, attendu, tolerance=1e-3, fraction=True)
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez additionné le CA en euros : une part du CA total était attendue (une fraction).":
            float(pareto.loc[tete].iloc[:, 0].sum()),  # la première colonne : le CA de chaque client
        "Vous avez pris les clients de queue de classement (les plus petits) : les 20 % de tête sont les plus gros.":
            float(pareto.loc[pareto["rang_cumule"] > 0.80 + 1e-12, "part"].sum()),
    })


@exercice("03_part_clients_80", indices=(
    "En partant du plus gros client, combien de clients faut-il additionner pour arriver à 80 % du CA ? "
    "Rapportez ce nombre au nombre total de clients.",
    "Comptez les lignes du tableau de Pareto dont la part cumulée est encore sous 0,80, ajoutez le client qui "
    "franchit le seuil, puis divisez par le nombre de lignes. Ce sont exactement les clients A de l'ABC en valeur.",
    "L'appel : `(len(pareto[pareto[\"part_cumulee\"] < 0.80]) + 1) / len(pareto)`, ou "
    "`(classer_abc(ca) == \"A\").mean()`.",
))
def _part_clients_80(reponse):
    classes = _sans_alerte(classer_abc, _ca())
    attendu = float((classes == "A").mean())
    retour = comparer_nombre(reponse, attendu, tolerance=1e-3, fraction=True)
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez donné le NOMBRE de clients : une part des clients était attendue (divisez par le nombre "
        "de clients).": int((classes == "A").sum()),
    }, tolerance=0)


@exercice("03_synthese_abc", indices=(
    "Une ligne par classe (A, B, C) : combien de clients, quelle part des clients, quelle part du CA.",
    "Classez les clients, comptez les clients de chaque classe, divisez par le nombre total de clients ; pour "
    "la part du CA, faites le total du CA de chaque classe et divisez par le CA total.",
    "L'appel : `classes = classer_abc(ca)` ; `classes.value_counts(sort=False)` ; "
    "`ca.groupby(classes, observed=False).sum() / ca.sum()`.",
))
def _synthese_abc(reponse):
    reponse = _par_classe(reponse)
    if isinstance(reponse, Retour):
        return reponse
    attendu = _synthese(_sans_alerte(classer_abc, _ca()), _ca())
    return comparer_table(reponse, attendu, tolerance=1e-4)


@exercice("03_part_ca_effectif", indices=(
    "En effectif, les classes ont 20 %, 30 % et 50 % des clients ; la question est la part du CA que fait chacune.",
    "Classez en effectif, puis faites le total du CA de chaque classe et divisez par le CA total.",
    "L'appel : `classes = classer_abc(ca, methode=\"effectif\")` puis "
    "`ca.groupby(classes, observed=False).sum() / ca.sum()`.",
))
def _part_ca_effectif(reponse):
    reponse = _par_classe(reponse)
    if isinstance(reponse, Retour):
        return reponse
    attendu = _synthese(_sans_alerte(classer_abc, _ca(), methode="effectif"), _ca())["part_ca"]
    retour = comparer_serie(reponse, attendu, tolerance=1e-4)
    return avec_glissements(retour, reponse, {"pourcentage_pour_fraction": 100 * attendu}, tolerance=1e-4)


@exercice("03_pmg_effectifs", indices=(
    "Chaque client est petit, moyen ou gros selon son CA et les deux seuils en euros ; on compte les clients "
    "de chaque classe.",
    "Classez les clients avec les seuils de 150 € et 1 000 €, puis comptez combien tombent dans chaque classe.",
    f"L'appel : `classer_pmg(ca, seuils={SEUILS_PMG}).value_counts()`.",
))
def _pmg_effectifs(reponse):
    reponse = _par_classe(reponse)
    if isinstance(reponse, Retour):
        return reponse
    classes = _sans_alerte(classer_pmg, _ca(), seuils=SEUILS_PMG)
    attendu = classes.value_counts(sort=False).set_axis(["petit", "moyen", "gros"])
    return comparer_serie(reponse, attendu, tolerance=0)


def effectifs_abcd_web(ticket: str | None = "ticket_id") -> pd.Series:
    """Le nombre de clients web de chaque classe ABCD (``ticket=None`` : la fréquence compte les lignes)."""
    t = table_verdance("transactions")
    rfm_web = _sans_alerte(tableau_rfm, t[t["canal"] == "web"], date_reference=DATE_REFERENCE, ticket=ticket)
    classes = _sans_alerte(classer_abcd, rfm_web["montant"], rfm_web["frequence"])
    return classes.value_counts(sort=False).reindex(["A", "B", "C", "D"], fill_value=0)


@exercice("03_abcd_web", indices=(
    "Seuls les achats faits sur le site comptent : on refait le RFM de ces achats-là, puis on croise CA et "
    "fréquence.",
    "Gardez les lignes du canal web, calculez le tableau RFM de ces lignes en comptant les TICKETS (pas les "
    "lignes), classez avec la méthode ABCD, puis comptez les clients de chaque classe.",
    "L'appel : `rfm_web = tableau_rfm(transactions[transactions[\"canal\"] == \"web\"], "
    "date_reference=DATE_REFERENCE, ticket=\"ticket_id\")`, puis "
    "`classer_abcd(rfm_web[\"montant\"], rfm_web[\"frequence\"]).value_counts()`.",
))
def _abcd_web(reponse):
    reponse = _par_classe(reponse)
    if isinstance(reponse, Retour):
        return reponse
    retour = comparer_serie(reponse, effectifs_abcd_web(), tolerance=0)
    return avec_glissements(retour, reponse, {"lignes_pour_tickets": effectifs_abcd_web(ticket=None)}, tolerance=0)


@exercice("03_gini_clients", indices=(
    "Le Gini mesure la surface entre la courbe de Lorenz et la diagonale : on l'obtient en additionnant des "
    "trapèzes sous la courbe.",
    "Prenez les points de la courbe de Lorenz du CA par client ; pour chaque tranche, largeur × (hauteur de "
    "gauche + hauteur de droite) ; le Gini vaut 1 moins la somme de ces produits.",
    "L'appel : `lorenz = courbe_lorenz(ca)`, x et y ses deux colonnes, puis "
    "`1 - np.sum((x[1:] - x[:-1]) * (y[1:] + y[:-1]))`, comme dans l'exemple des cinq clients.",
))
def _gini_clients(reponse):
    attendu = _sans_alerte(indice_gini, _ca())
    return comparer_nombre(reponse, attendu, tolerance=1e-6)


@exercice("03_abc_produits", indices=(
    "Même méthode que pour les clients, mais sur les produits : le CA de chaque produit, puis la classe A.",
    "Faites le total des montants par produit, classez ces totaux avec l'ABC en valeur, puis gardez les "
    "identifiants des produits classés A.",
    "L'appel : `classes = classer_abc(transactions.groupby(\"produit_id\")[\"montant_ht\"].sum())`, puis "
    "`classes.index[classes == \"A\"].tolist()`.",
))
def _abc_produits(reponse):
    if isinstance(reponse, pd.DataFrame) and "produit_id" in reponse.columns:
        reponse = reponse["produit_id"]
    ca_produits = table_verdance("transactions").groupby("produit_id")["montant_ht"].sum()
    classes = _sans_alerte(classer_abc, ca_produits)
    return comparer_ensemble(reponse, classes.index[classes == "A"].tolist(), "produits")


@exercice("03_clients_a_relancer", indices=(
    "Deux conditions à la fois : être un client A (en valeur), et ne plus être venu depuis plus de six mois.",
    f"Classez les clients du tableau RFM par leur montant, puis gardez ceux de classe A dont la récence est "
    f"strictement supérieure à {RECENCE_ALERTE} jours.",
    "L'appel : `classes = classer_abc(rfm[\"montant\"])`, puis "
    f"`rfm.index[(classes == \"A\") & (rfm[\"recence\"] > {RECENCE_ALERTE})].tolist()`.",
))
def _clients_a_relancer(reponse):
    if isinstance(reponse, pd.DataFrame) and "client_id" in reponse.columns:
        reponse = reponse["client_id"]
    elif isinstance(reponse, pd.DataFrame):
        reponse = reponse.index
    classes = _sans_alerte(classer_abc, _ca())
    cibles = (classes == "A") & (rfm_au()["recence"] > RECENCE_ALERTE)
    return comparer_ensemble(reponse, cibles.index[cibles].tolist(), "clients")


# --------------------------------------------------------------------------------------------
# Décisions : le traitement de chaque classe, les produits C, l'ordre des appels
# --------------------------------------------------------------------------------------------

TRAITEMENTS = ("conseiller", "developper", "automatiser", "abandonner")

DECISIONS_CLASSES = {
    "A": ("conseiller", "une minorité de clients qui fait l'essentiel du CA : chacun mérite un contact "
                        "personnel, et son absence doit se voir tout de suite.", {
        "developper": "ils sont déjà en haut : le risque n'est pas qu'ils stagnent, c'est de les perdre ; "
                      "un suivi personnel les protège mieux qu'une campagne.",
        "automatiser": "ils font l'essentiel du CA : les traiter comme la masse, c'est risquer de perdre les "
                       "clients qui comptent le plus.",
        "abandonner": "c'est la classe qui fait le plus de CA : l'abandonner serait la pire décision.",
    }),
    "B": ("developper", "une part importante des clients, avec un CA moyen : il y a de quoi les faire monter "
                        "vers A, par des actions ciblées.", {
        "conseiller": "un conseiller pour chacun coûterait trop cher au regard de ce qu'ils rapportent ; on le "
                      "réserve aux A (et aux B tout proches de A).",
        "automatiser": "on laisserait dormir leur potentiel : ce sont les futurs A, il faut des offres ciblées.",
        "abandonner": "ils pèsent encore une part du CA et peuvent progresser : ce serait perdre des ventes.",
    }),
    "C": ("automatiser", "la masse des clients pour une petite part du CA : des contacts peu coûteux, sans "
                         "oublier de repérer ceux qui ont du potentiel.", {
        "conseiller": "des appels personnels pour des clients qui font une petite part du CA coûteraient plus "
                      "qu'ils ne rapportent.",
        "developper": "des campagnes ciblées sur toute la masse coûteraient cher ; on cible seulement les C à "
                      "potentiel (récents, avec jardin ou animal).",
        "abandonner": "un client C n'est pas un mauvais client : il peut être nouveau, ou rentable ; un contact "
                      "automatique coûte très peu.",
    }),
}


@exercice("03_traitement_par_classe", indices=(
    "Le coût du contact doit suivre le poids de la classe : plus une classe pèse dans le CA par client, plus "
    "elle mérite un contact personnel.",
    "A : peu de clients, beaucoup de CA → un suivi personnel ; B : à faire monter → des offres ciblées ; "
    "C : beaucoup de clients, peu de CA → des contacts peu coûteux.",
    "Relisez « Quel effort commercial pour chaque classe ? » dans la leçon, et la synthèse de la partie 5.",
))
def _traitement_par_classe(reponse):
    return comparer_decisions(reponse, DECISIONS_CLASSES, TRAITEMENTS, etiquette="Classe {}",
                              manque="le traitement de la classe")


@exercice("03_decision_produits_c", indices=(
    "La classe C dit seulement qu'un produit pèse peu dans le CA ; elle ne dit rien de sa marge ni de son rôle.",
    "Avant de retirer une référence, on regarde sa marge, ce qu'elle apporte au rayon (un accessoire d'un "
    "produit A, une nouveauté) et qui l'achète.",
    "Relisez « La même analyse sur les produits » dans la leçon, et regardez les taux de marque du tableau des "
    "produits C.",
))
def _decision_produits_c(reponse):
    return comparer_decision(
        reponse, "examiner",
        "Un produit C peut avoir une bonne marge, accompagner un produit A ou être acheté par de bons clients : on "
        "décide référence par référence.",
        {
            "retirer_tous": "certains produits C ont un fort taux de marque, ou accompagnent un produit A (la "
                            "soucoupe du pot) : les retirer en bloc ferait perdre de la marge et des clients.",
            "garder_tous": "un produit qui cumule faible CA, faible marge et aucun rôle coûte de la place et du "
                           "stock : on peut le retirer, après examen.",
            "promouvoir": "une promotion coûte de la marge et ne change pas un produit d'accompagnement en produit "
                          "vedette : elle ne répond pas à la question.",
        },
        possibles=("retirer_tous", "examiner", "garder_tous", "promouvoir"),
    )


@exercice("03_premiers_appeles", indices=(
    "On commence par là où il y a le plus à gagner ET le plus de chances de réussir.",
    "Le plus à gagner : les plus gros clients ; le plus de chances : ceux dont l'absence est encore récente, "
    "qui se souviennent de l'enseigne.",
    "Relisez, dans la leçon 02, ce qu'on fait des clients à risque : relancer vite, tant que la relation est vivante.",
))
def _premiers_appeles(reponse):
    return comparer_decision(
        reponse, "gros_recents",
        "Le plus de CA en jeu, et une relation encore vivante : c'est là qu'un appel a le plus de chances de "
        "ramener beaucoup de chiffre d'affaires.",
        {
            "plus_anciens": "après deux ans d'absence, le client est sans doute parti ailleurs : l'enjeu reste, "
                            "mais les chances sont faibles ; une campagne moins coûteuse suffit.",
            "alphabetique": "l'ordre alphabétique ne dit rien de l'enjeu : on appellerait un petit client A avant "
                            "un très gros.",
            "petits": "ils sont peut-être plus faciles, mais ils rapportent moins : on commence par là où il y a le "
                      "plus à gagner.",
        },
        possibles=("gros_recents", "plus_anciens", "alphabetique", "petits"),
    )
