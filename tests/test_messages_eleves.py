"""Les messages des juges parlent la langue d'un élève de BTS, pas celle d'un programmeur.

Chaque exercice de chaque thème reçoit des réponses fausses typiques (un texte, un nombre faux, une
colonne de valeurs au lieu d'un nombre, un tableau, une liste, une durée...) ; aucun message (hors
indice de niveau 3, qui peut montrer l'appel) ne contient de mot de programmeur : ``tuple``,
``float64``, ``Series``, ``Timedelta``, ``DataFrame``, ``dict``, ``int``, ``str``, ``NaN``...
"""

from __future__ import annotations

import ast
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import grc.exercices
from grc.exercices import EXERCICES, controler, oublier_essais
from grc.exercices.comparaisons import _nom_type
from grc.exercices.registre import charger_themes

EXERCICES_DOSSIER = Path(grc.exercices.__file__).parent
MOTS_DE_PROGRAMMEUR = re.compile(
    r"\b(tuple|float|float64|int|int64|str|dict|list|bool|Series|DataFrame|Timedelta|Timestamp|NaN|NaT|"
    r"dtype|numpy|ndarray|None|KeyError|TypeError|ValueError|AttributeError|IndexError)\b"
)

REPONSES_FAUSSES = {
    "un texte": "je ne sais pas",
    "un nombre faux": 123456.789,
    "un nombre négatif": -3,
    "une colonne au lieu d'un nombre": pd.Series([1.0, 2.0], index=["a", "b"]),
    "une colonne d'une valeur": pd.Series([4.0]),
    "un tableau": pd.DataFrame({"a": [1, 2], "b": [3.0, 4.0]}),
    "une liste": [1, 2, 3],
    "un dictionnaire": {"a": 1},
    "des parenthèses": (1, 2),
    "une valeur manquante": float("nan"),
    "une durée": pd.Timedelta(days=3),
    "une date": pd.Timestamp("2024-05-01"),
    "un vrai/faux": True,
    "un tableau numpy": np.array([1.0, 2.0]),
}


def _noms() -> list[str]:
    charger_themes()
    return sorted(EXERCICES)


@pytest.mark.parametrize("nom", _noms())
def test_aucun_mot_de_programmeur_dans_les_messages(nom: str) -> None:
    fautes = []
    for quoi, reponse in REPONSES_FAUSSES.items():
        oublier_essais()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            message = controler(nom, reponse).message.split("\nIndice")[0]
        if MOTS_DE_PROGRAMMEUR.search(message):
            fautes.append(f"{quoi} → {message}")
    oublier_essais()
    assert not fautes, f"{nom} :\n" + "\n".join(fautes)


def test_les_sortes_de_reponses_sont_dites_en_mots() -> None:
    for reponse in REPONSES_FAUSSES.values():
        assert not MOTS_DE_PROGRAMMEUR.search(_nom_type(reponse)), _nom_type(reponse)


APPELS_DE_MESSAGE = {"incorrect", "avec_erreurs_typiques", "avec_series_typiques", "avec_glissements", "comparer_decision",
                     "Retour"}


def _textes_de_message(chemin: Path) -> list[tuple[int, str]]:
    """Les textes écrits dans les messages d'un module de juges (arguments de ``incorrect(...)`` et consorts)."""
    textes = []
    for noeud in ast.walk(ast.parse(chemin.read_text(encoding="utf-8"))):
        if isinstance(noeud, ast.Call) and getattr(noeud.func, "id", getattr(noeud.func, "attr", "")) in APPELS_DE_MESSAGE:
            for argument in [*noeud.args, *(k.value for k in noeud.keywords)]:
                textes += [(noeud.lineno, c.value) for c in ast.walk(argument)
                           if isinstance(c, ast.Constant) and isinstance(c.value, str)]
    return textes


def test_aucun_mot_de_programmeur_ecrit_dans_un_message() -> None:
    """Les messages qu'aucune réponse typique n'atteint sont lus dans le code des juges."""
    dossier = EXERCICES_DOSSIER
    fautes = [f"{chemin.name}:{ligne} : {texte}"
              for chemin in sorted([*dossier.glob("_themes/theme_*.py"), dossier / "comparaisons.py", dossier / "glissements.py"])
              for ligne, texte in _textes_de_message(chemin) if MOTS_DE_PROGRAMMEUR.search(texte)]
    assert not fautes, "\n".join(fautes)
