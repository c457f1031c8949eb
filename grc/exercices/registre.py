"""Le registre des exercices : un nom → une fonction qui juge la réponse."""

from __future__ import annotations

import difflib
import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .retour import Retour

Juge = Callable[[Any], Retour]


#: Le nom de chaque niveau d'indice, dans l'ordre où ils se dévoilent.
NOMS_NIVEAUX = ("l'idée", "la méthode", "l'appel")

#: Le 3e niveau d'un exercice de décision ne donne pas de code : il s'appelle alors ainsi.
NOM_NIVEAU_SANS_CODE = "le coup de pouce"

#: Du code dans un texte : un backtick, ou un appel de fonction collé à sa parenthèse (« nunique( »),
#: sauf le pluriel « client(s) ».
CODE = re.compile(r"`|[A-Za-z_][\w.]*\((?!s\))")


@dataclass(frozen=True)
class Exercice:
    nom: str
    juge: Juge
    indices: tuple[str, ...] = ()

    @property
    def indice(self) -> str:
        """Le premier niveau d'indice (ancienne interface : un seul indice)."""
        return self.indices[0] if self.indices else ""

    def indice_niveau(self, essais_faux: int) -> str:
        """Le texte de l'indice montré au ``essais_faux``-ième essai faux de suite (niveau min(n, nombre)).

        Un seul niveau : « Indice : … » ; plusieurs : « Indice 2/3 — la méthode : … ».

        >>> ex = Exercice("x", lambda r: None, ("Comptez les clients.", "Une ligne = un client."))
        >>> print(ex.indice_niveau(1))
        Indice 1/2 — l'idée : Comptez les clients.
        >>> print(ex.indice_niveau(5))
        Indice 2/2 — la méthode : Une ligne = un client.
        >>> print(Exercice("y", lambda r: None, ("Une ligne = un client.",)).indice_niveau(3))
        Indice : Une ligne = un client.
        """
        if not self.indices or essais_faux < 1:
            return ""
        niveau = min(essais_faux, len(self.indices))
        texte = self.indices[niveau - 1]
        if len(self.indices) == 1:
            return f"Indice : {texte}"
        nom = _nom_du_niveau(niveau, texte)
        if nom and not _commence_par(texte, nom):
            return f"Indice {niveau}/{len(self.indices)} — {nom} : {texte}"
        return f"Indice {niveau}/{len(self.indices)} — {texte}"


def _nom_du_niveau(niveau: int, texte: str) -> str:
    """« l'idée », « la méthode », puis « l'appel » si l'indice montre du code, « le coup de pouce » sinon.

    >>> _nom_du_niveau(3, "Relisez la leçon."), _nom_du_niveau(3, "`len(clients)`")
    ('le coup de pouce', "l'appel")
    """
    if niveau > len(NOMS_NIVEAUX):
        return ""
    if niveau == len(NOMS_NIVEAUX) and not CODE.search(texte):
        return NOM_NIVEAU_SANS_CODE
    return NOMS_NIVEAUX[niveau - 1]


def _commence_par(texte: str, nom: str) -> bool:
    """Vrai si l'auteur a déjà écrit « L'idée : » (ou « La méthode », « L'appel ») en tête de l'indice."""
    return texte.lower().replace("’", "'").startswith(nom)


EXERCICES: dict[str, Exercice] = {}


def exercice(nom: str, indice: str = "", indices: Sequence[str] = ()) -> Callable[[Juge], Juge]:
    """Enregistre la fonction décorée comme juge de l'exercice ``nom``.

    Le juge reçoit la réponse de l'élève et renvoie un :class:`Retour`
    (voir :mod:`grc.exercices.comparaisons`). Les indices s'ajoutent aux réponses fausses et
    grandissent : ``indices=(idée, méthode, appel)`` montre l'idée au 1er essai faux (sans code ni
    nom de fonction), la méthode en mots au 2e, l'appel de ``grc`` ou de pandas à partir du 3e ; une
    réponse juste les remet à zéro. ``indice="..."`` (un seul niveau) reste accepté.

    >>> @exercice("99_exemple", indices=("Une ligne = un client.", "Comptez les lignes du tableau."))
    ... def _juge(reponse):
    ...     return Retour("correct", "Bravo.")
    >>> EXERCICES.pop("99_exemple").indices
    ('Une ligne = un client.', 'Comptez les lignes du tableau.')
    """
    if indice and indices:
        raise ValueError(f"Exercice '{nom}' : donnez soit indice=, soit indices=, pas les deux.")
    niveaux = tuple(indices) if indices else ((indice,) if indice else ())
    if isinstance(indices, str) or not all(isinstance(t, str) and t.strip() for t in niveaux):
        raise ValueError(f"Exercice '{nom}' : indices= attend une suite de textes non vides (idée, méthode, appel).")

    def enregistrer(juge: Juge) -> Juge:
        if nom in EXERCICES and EXERCICES[nom].juge.__module__ != juge.__module__:
            raise ValueError(f"L'exercice '{nom}' est déjà enregistré dans {EXERCICES[nom].juge.__module__}.")
        EXERCICES[nom] = Exercice(nom, juge, niveaux)
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
