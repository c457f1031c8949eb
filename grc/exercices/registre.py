"""Le registre des exercices : un nom → une fonction qui juge la réponse."""

from __future__ import annotations

import difflib
import importlib
import pkgutil
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


def charger_themes() -> None:
    """Importe chaque module ``theme_*`` du paquet, qui enregistre ses exercices."""
    paquet = importlib.import_module("grc.exercices")
    for module in pkgutil.iter_modules(paquet.__path__):
        if module.name.startswith("theme_"):
            importlib.import_module(f"grc.exercices.{module.name}")


def trouver(nom: str) -> Exercice:
    charger_themes()
    if nom not in EXERCICES:
        proches = difflib.get_close_matches(nom, EXERCICES, n=3)
        suggestion = f" Vouliez-vous dire : {', '.join(proches)} ?" if proches else ""
        raise KeyError(f"Exercice inconnu : '{nom}'.{suggestion}")
    return EXERCICES[nom]
