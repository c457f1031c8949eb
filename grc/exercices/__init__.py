"""La vérification des exercices : ``verifier(nom, reponse)``.

Chaque exercice est enregistré dans un module ``theme_XX`` par le décorateur
:func:`exercice` ; son juge compare la réponse à la valeur calculée sur les
données avec les fonctions de :mod:`grc.exercices.comparaisons`.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from .comparaisons import est_vide
from .registre import EXERCICES, exercice, trouver
from .retour import Retour

__all__ = ["EXERCICES", "ExerciceNonReussi", "Retour", "controler", "exercice", "verifier"]


class ExerciceNonReussi(AssertionError):
    """Levée en mode corrigé (``GRC_CORRIGE=1``) quand une réponse n'est pas juste."""


def controler(nom: str, reponse: Any) -> Retour:
    """Juge la réponse et renvoie le :class:`Retour`, sans rien afficher."""
    ex = trouver(nom)
    if est_vide(reponse):
        from .retour import vide

        return replace(vide(), exercice=nom)
    try:
        retour = ex.juge(reponse)
    except Exception as erreur:  # une réponse inattendue ne doit jamais planter le cahier
        retour = Retour("incorrect", f"Votre réponse n'a pas pu être vérifiée ({type(erreur).__name__} : {erreur}).")
    if retour.statut == "incorrect" and ex.indice:
        retour = replace(retour, message=f"{retour.message}\nIndice : {ex.indice}")
    return replace(retour, exercice=nom)


def verifier(nom: str, reponse: Any) -> None:
    """Vérifie la réponse à l'exercice ``nom`` et affiche le retour.

    Une réponse laissée à ``...`` affiche « pas encore de réponse » sans erreur.
    En mode corrigé (variable d'environnement ``GRC_CORRIGE=1``, utilisée par les
    tests des corrigés), une réponse fausse ou absente lève ``ExerciceNonReussi``.
    """
    retour = controler(nom, reponse)
    from grc.progression import noter_verification

    noter_verification(nom, retour.statut, reponse)  # mon-travail/progression.json (sauf GRC_PROGRESSION=0)
    try:
        from IPython.display import display

        display(retour)
    except ImportError:  # hors de Jupyter
        print(retour)
    if os.environ.get("GRC_CORRIGE") == "1" and not retour.est_correct:
        raise ExerciceNonReussi(str(retour))
