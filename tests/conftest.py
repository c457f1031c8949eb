"""Les assertions communes aux tests des exercices : accepter, refuser sans dévoiler, laisser vide.

Une seule règle, ici, pour « le message d'un refus ne dévoile pas la réponse » : chaque test de
``tests/test_exercices_theme_*.py`` reçoit les fixtures ``accepte``, ``refuse`` et ``vide``.

- ``accepte(nom, reponse)`` : la réponse est jugée juste, et « ... » reste une absence de réponse ;
  renvoie le message (pour vérifier ce qu'il explique).
- ``refuse(nom, reponse, *interdits)`` : la réponse est refusée, et le message ne contient aucune
  écriture des valeurs interdites (un texte tel quel ; un nombre sous ses écritures courantes, voir
  :func:`ecritures`) ; renvoie le message (pour vérifier ce qu'il dit de l'erreur).
- ``vide(nom)`` : « ... » donne « pas encore de réponse », sans erreur.

Plus deux fixtures de données partagées : ``transactions`` (la table de Verdance, une copie par
module de test) et ``sans_avertissement`` (à demander par ``pytestmark`` dans un module dont les
juges appellent des fonctions qui avertissent, comme l'élève l'a déjà vu dans son cahier).

Et une fixture automatique : chaque test commence sans essai faux (indices remis au niveau 1).
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from grc.donnees import charger
from grc.exercices import controler


def ecritures(valeur: float | str) -> set[str]:
    """Les façons d'écrire une valeur qu'un message de refus ne doit pas contenir.

    Un texte : lui-même. Un nombre : à 2 et 3 décimales, avec un point ou une virgule ; à partir de
    10, aussi arrondi à l'unité et écrit à la française (espace des milliers) ; une fraction (entre
    −1 et 1), aussi en pourcentage à une décimale (« 25,6 ») ; un pourcentage arrondi à l'unité
    (« 26 % ») n'est pas cherché : les énoncés citent des parts rondes (« 20 % des clients »).

    >>> sorted(ecritures(0.256))
    ['0,256', '0,26', '0.256', '0.26', '25,6', '25.6']
    >>> sorted(ecritures(1234.5))[:3]
    ['1 234', '1 234,50', '1234']
    """
    if isinstance(valeur, str):
        return {valeur}
    v = float(valeur)
    formes = set()
    for texte in (f"{v:.2f}", f"{v:.3f}"):
        formes |= {texte, texte.replace(".", ",")}
    if abs(v) >= 10:
        formes |= {f"{v:.0f}", f"{v:,.0f}".replace(",", " "), f"{v:,.2f}".replace(",", " ").replace(".", ",")}
    if 0 < abs(v) <= 1:
        formes |= {f"{100 * v:.1f}", f"{100 * v:.1f}".replace(".", ",")}
    return formes


def _accepte(nom: str, reponse) -> str:
    retour = controler(nom, reponse)
    assert retour.statut == "correct", f"{nom} refuse une bonne réponse : {retour}"
    assert controler(nom, ...).statut == "vide"
    return retour.message


def _refuse(nom: str, reponse, *interdits: float | str) -> str:
    retour = controler(nom, reponse)
    assert retour.statut == "incorrect", f"{nom} accepte une réponse fausse : {retour}"
    for interdit in interdits:
        for ecrit in ecritures(interdit):
            assert ecrit not in retour.message, f"{nom} dévoile la réponse ({ecrit}) : {retour.message}"
    return retour.message


def _vide(nom: str) -> None:
    assert controler(nom, ...).statut == "vide"


@pytest.fixture
def accepte():
    """``accepte(nom, reponse) -> message`` : la bonne réponse est acceptée."""
    return _accepte


@pytest.fixture
def refuse():
    """``refuse(nom, reponse, *interdits) -> message`` : refusée, sans dévoiler les valeurs interdites."""
    return _refuse


@pytest.fixture
def vide():
    """``vide(nom)`` : « ... » est une absence de réponse."""
    return _vide


@pytest.fixture(scope="module")
def transactions() -> pd.DataFrame:
    """La table des transactions de Verdance (une copie par module de test)."""
    return charger("transactions")


@pytest.fixture
def sans_avertissement():
    """Fait taire les avertissements pendant le test."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


@pytest.fixture(autouse=True)
def _indices_remis_a_zero():
    """Chaque test commence sans essai faux : le premier refus montre l'indice de niveau 1 (l'idée),
    quel que soit l'ordre des tests dans le processus."""
    from grc.exercices import oublier_essais

    oublier_essais()
    yield
    oublier_essais()
