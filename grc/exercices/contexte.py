"""Le contexte commun des juges : les constantes du cours et les tables de Verdance, lues une fois.

Tous les modules ``grc.exercices._themes.theme_NN`` prennent ici les dates et l'année des énoncés
(en ``pd.Timestamp`` et en entier, jamais en texte), les tables chargées et les calculs que
plusieurs thèmes partagent (le tableau RFM et les segments à une date). Les tables et les
calculs sont gardés en mémoire : un juge les lit, il ne les modifie jamais (``set_axis``,
``assign`` ou ``copy`` plutôt qu'une affectation en place).

>>> DATE_REFERENCE, ANNEE, ANNEE_PRECEDENTE
(Timestamp('2025-01-01 00:00:00'), 2024, 2023)
>>> transactions_annee()["date"].dt.year.unique().tolist()
[2024]
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from functools import cache
from types import ModuleType

import pandas as pd

from grc import rfm
from grc.donnees import charger

__all__ = [
    "ANNEE",
    "ANNEE_PRECEDENTE",
    "DATE_CALIBRAGE",
    "DATE_REFERENCE",
    "module_paresseux",
    "rfm_au",
    "segment_des_clients",
    "segments_au",
    "segments_observes",
    "table_verdance",
    "transactions_annee",
]

#: Date de référence du cours : le lendemain de la dernière transaction de Verdance (RFM, récence, segments).
DATE_REFERENCE = pd.Timestamp("2025-01-01")
#: Date de calibrage : la segmentation « d'il y a un an », dont on observe ensuite ce que fait chaque segment en 2024.
DATE_CALIBRAGE = pd.Timestamp("2024-01-01")
#: L'année étudiée (la dernière année complète des données) et la précédente (comparaisons n − 1).
ANNEE = 2024
ANNEE_PRECEDENTE = ANNEE - 1


@cache
def table_verdance(nom: str) -> pd.DataFrame:
    """La table ``nom`` de Verdance (:func:`grc.donnees.charger`), chargée une fois : à lire, pas à modifier."""
    return charger(nom)


@cache
def transactions_annee(annee: int = ANNEE) -> pd.DataFrame:
    """Les lignes de ticket de l'année ``annee`` (2024 par défaut)."""
    t = table_verdance("transactions")
    return t[t["date"].dt.year == annee]


@cache
def rfm_au(date: pd.Timestamp = DATE_REFERENCE) -> pd.DataFrame:
    """Le tableau RFM à la date ``date`` (achats antérieurs seulement, fréquence en tickets distincts)."""
    t = table_verdance("transactions")
    return rfm.tableau_rfm(t[t["date"] < date], date_reference=date, ticket="ticket_id")


@cache
def segments_au(date: pd.Timestamp = DATE_REFERENCE) -> pd.DataFrame:
    """Notes (quintiles), code et segment RFM de chaque client à la date ``date`` (index ``client_id``)."""
    return rfm.segments_rfm(rfm.scores_rfm(rfm_au(date)))


@cache
def segment_des_clients(date: pd.Timestamp = DATE_REFERENCE) -> pd.Series:
    """Le nom du segment RFM de chaque client à la date ``date`` (valeurs et index ``client_id`` en texte)."""
    s = segments_au(date)["segment"]
    return s.astype(str).set_axis(s.index.astype(str))


@cache
def segments_observes(date: pd.Timestamp = DATE_CALIBRAGE, annee: int = ANNEE) -> pd.DataFrame:
    """Ce qu'ont fait en ``annee`` les clients de chaque segment RFM à la date ``date`` (1er janvier 2024).

    Colonnes : ``clients`` (effectif du segment à la date), ``retention`` (part de ces clients qui ont
    acheté dans l'année) et ``marge`` (marge HT de l'année par client resté actif). Index : le segment.
    """
    segment = segment_des_clients(date)
    annee_t = transactions_annee(annee)
    marge = annee_t.groupby(annee_t["client_id"].astype(str))["marge_ht"].sum()
    actif = pd.Series(segment.index.isin(marge.index), index=segment.index)
    return pd.DataFrame({
        "clients": segment.groupby(segment).size(),
        "retention": actif.groupby(segment).mean(),
        "marge": marge.reindex(segment.index)[actif].groupby(segment[actif]).mean(),
    }).rename_axis("segment")


def module_paresseux(nom: str) -> ModuleType:
    """Le module ``nom``, importé seulement quand un juge lit l'un de ses attributs.

    Un juge qui s'appuie sur une bibliothèque lourde (scipy, matplotlib, lifetimes, via
    ``grc.evaluation``, ``grc.pac`` ou ``grc.predictif``) ne la fait pas payer au premier
    ``verifier`` d'une réponse vide, ni au chargement des autres exercices du thème.

    >>> math = module_paresseux("math")
    >>> math.sqrt(4.0)
    2.0
    """
    if nom in sys.modules:
        return sys.modules[nom]
    spec = importlib.util.find_spec(nom)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"Module introuvable : {nom}", name=nom)
    chargeur = importlib.util.LazyLoader(spec.loader)
    spec.loader = chargeur
    module = importlib.util.module_from_spec(spec)
    sys.modules[nom] = module
    chargeur.exec_module(module)
    parent, _, enfant = nom.rpartition(".")
    if parent:
        setattr(importlib.import_module(parent), enfant, module)
    return module
