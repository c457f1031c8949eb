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

from ..comparaisons import comparer_ensemble, comparer_nombre, comparer_serie, comparer_table
from ..contexte import DATE_REFERENCE, rfm_au, table_verdance
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


@exercice("03_ca_par_client", indice="transactions.groupby('client_id')['montant_ht'].sum() : "
          "les retours (montants négatifs) restent dans la somme.")
def _ca_par_client(reponse):
    attendu = table_verdance("transactions").groupby("client_id")["montant_ht"].sum()
    if _oublie_les_retours(reponse, attendu):
        return incorrect("Vous avez écarté les retours : le CA d'un client se calcule retours déduits "
                         "(les montants négatifs s'ajoutent à la somme).")
    return comparer_serie(reponse, attendu, tolerance=1e-6)


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


@exercice("03_part_top20", indice="Dans le tableau de Pareto, additionnez la colonne part sur les lignes "
          "où rang_cumule ≤ 0,20 (les plus gros clients d'abord).")
def _part_top20(reponse):
    pareto = _sans_alerte(tableau_pareto, _ca())
    attendu = float(pareto.loc[pareto["rang_cumule"] <= 0.20 + 1e-12, "part"].sum())
    return comparer_nombre(reponse, attendu, tolerance=1e-3, fraction=True)


@exercice("03_part_clients_80", indice="Comptez les clients nécessaires pour que la part cumulée atteigne "
          "0,80 (ce sont les clients A en valeur), puis divisez par le nombre de clients.")
def _part_clients_80(reponse):
    attendu = float((_sans_alerte(classer_abc, _ca()) == "A").mean())
    return comparer_nombre(reponse, attendu, tolerance=1e-3, fraction=True)


@exercice("03_synthese_abc", indice="classer_abc(ca) donne la classe ; value_counts() le nombre de clients ; "
          "ca.groupby(classes).sum() / ca.sum() la part du CA. Index A, B, C.")
def _synthese_abc(reponse):
    reponse = _par_classe(reponse)
    if isinstance(reponse, Retour):
        return reponse
    attendu = _synthese(_sans_alerte(classer_abc, _ca()), _ca())
    return comparer_table(reponse, attendu, tolerance=1e-4)


@exercice("03_part_ca_effectif", indice="classer_abc(ca, methode='effectif') découpe 20 % / 30 % / 50 % des "
          "clients ; la part du CA d'une classe = CA de la classe / CA total.")
def _part_ca_effectif(reponse):
    reponse = _par_classe(reponse)
    if isinstance(reponse, Retour):
        return reponse
    attendu = _synthese(_sans_alerte(classer_abc, _ca(), methode="effectif"), _ca())["part_ca"]
    return comparer_serie(reponse, attendu, tolerance=1e-4)


@exercice("03_pmg_effectifs", indice=f"classer_pmg(ca, seuils={SEUILS_PMG}) puis value_counts() : "
          "index petit, moyen, gros.")
def _pmg_effectifs(reponse):
    reponse = _par_classe(reponse)
    if isinstance(reponse, Retour):
        return reponse
    classes = _sans_alerte(classer_pmg, _ca(), seuils=SEUILS_PMG)
    attendu = classes.value_counts(sort=False).set_axis(["petit", "moyen", "gros"])
    return comparer_serie(reponse, attendu, tolerance=0)


@exercice("03_abcd_web", indice="Gardez les lignes du canal 'web', refaites le tableau RFM (fréquence = tickets "
          "distincts) puis classer_abcd(rfm_web['montant'], rfm_web['frequence']) et value_counts().")
def _abcd_web(reponse):
    reponse = _par_classe(reponse)
    if isinstance(reponse, Retour):
        return reponse
    rfm_web = _rfm_web()
    classes = _sans_alerte(classer_abcd, rfm_web["montant"], rfm_web["frequence"])
    attendu = classes.value_counts(sort=False).set_axis(["A", "B", "C", "D"])
    return comparer_serie(reponse, attendu, tolerance=0)


@exercice("03_gini_clients", indice="Courbe de Lorenz (du plus petit au plus gros), puis "
          "Gini = 1 − Σ (xₖ − xₖ₋₁)(yₖ + yₖ₋₁).")
def _gini_clients(reponse):
    attendu = _sans_alerte(indice_gini, _ca())
    return comparer_nombre(reponse, attendu, tolerance=1e-6)


@exercice("03_abc_produits", indice="CA par produit_id (groupby puis sum), classer_abc en valeur, "
          "puis les identifiants de la classe A.")
def _abc_produits(reponse):
    if isinstance(reponse, pd.DataFrame) and "produit_id" in reponse.columns:
        reponse = reponse["produit_id"]
    ca_produits = table_verdance("transactions").groupby("produit_id")["montant_ht"].sum()
    classes = _sans_alerte(classer_abc, ca_produits)
    return comparer_ensemble(reponse, classes.index[classes == "A"].tolist(), "produits")


@exercice("03_clients_a_relancer", indice=f"Clients de classe A (en valeur) ET récence strictement supérieure "
          f"à {RECENCE_ALERTE} jours au {DATE_REFERENCE}.")
def _clients_a_relancer(reponse):
    if isinstance(reponse, pd.DataFrame) and "client_id" in reponse.columns:
        reponse = reponse["client_id"]
    elif isinstance(reponse, pd.DataFrame):
        reponse = reponse.index
    classes = _sans_alerte(classer_abc, _ca())
    cibles = (classes == "A") & (rfm_au()["recence"] > RECENCE_ALERTE)
    return comparer_ensemble(reponse, cibles.index[cibles].tolist(), "clients")
