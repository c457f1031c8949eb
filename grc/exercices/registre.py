"""Le registre des exercices : un nom → une fonction qui juge la réponse."""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .retour import Retour

Juge = Callable[[Any], Retour]


@dataclass(frozen=True)
class Exercice:
    nom: str
    juge: Juge
    indice: str = ""


EXERCICES: dict[str, Exercice] = {}


def exercice(nom: str, indice: str = "") -> Callable[[Juge], Juge]:
    """Enregistre la fonction décorée comme juge de l'exercice ``nom``.

    Le juge reçoit la réponse de l'élève et renvoie un :class:`Retour`
    (voir :mod:`grc.exercices.comparaisons`). L'indice s'ajoute aux réponses fausses.
    """

    def enregistrer(juge: Juge) -> Juge:
        if nom in EXERCICES and EXERCICES[nom].juge.__module__ != juge.__module__:
            raise ValueError(f"L'exercice '{nom}' est déjà enregistré dans {EXERCICES[nom].juge.__module__}.")
        EXERCICES[nom] = Exercice(nom, juge, indice)
        return juge

    return enregistrer


def _modules_des_themes() -> dict[str, str]:
    """Numéro du thème → module de ses juges, lu dans l'index des thèmes (:mod:`grc.themes`)."""
    from grc.themes import THEMES

    return {t.numero: t.module_exercices for t in THEMES if t.module_exercices}


def charger_theme(numero: str) -> bool:
    """Importe le module des juges du thème ``numero`` (« 02 »), qui enregistre ses exercices.

    Seul ce module est importé (et les bibliothèques dont il a besoin) : le premier ``verifier``
    d'un cahier ne paie pas pour les autres thèmes. Renvoie ``False`` si le thème n'a pas de juges.

    >>> charger_theme("00"), "00_nombre_clients" in EXERCICES
    (True, True)
    >>> charger_theme("99")
    False
    """
    module = _modules_des_themes().get(numero)
    if module is None:
        return False
    importlib.import_module(module)
    return True


def charger_themes() -> None:
    """Importe les juges de tous les thèmes (pour lister les exercices, ou suggérer un nom)."""
    for module in _modules_des_themes().values():
        importlib.import_module(module)


def trouver(nom: str) -> Exercice:
    """L'exercice ``nom`` ; les noms commencent par le numéro du thème (``02_recence_client``).

    Un nom inconnu lève ``KeyError`` avec les noms proches ; seulement alors, tous les thèmes sont chargés.
    """
    if nom not in EXERCICES:
        charger_theme(str(nom)[:2])
    if nom not in EXERCICES:
        charger_themes()
        proches = difflib.get_close_matches(str(nom), EXERCICES, n=3)
        suggestion = f" Vouliez-vous dire : {', '.join(proches)} ?" if proches else ""
        raise KeyError(f"Exercice inconnu : '{nom}'.{suggestion}")
    return EXERCICES[nom]
