"""La vérification des exercices : ``verifier(nom, reponse)``.

Chaque exercice est enregistré dans un module ``theme_XX`` par le décorateur
:func:`exercice` ; son juge compare la réponse à la valeur calculée sur les
données avec les fonctions de :mod:`grc.exercices.comparaisons`.

Pour un auteur de thème :

- ``@exercice("02_x", indices=(idée, méthode, appel))`` : des indices qui grandissent d'un essai faux
  à l'autre (l'idée sans code, puis la méthode en mots, l'appel de ``grc`` ou de pandas en dernier) ;
- :func:`~grc.exercices.glissements.avec_glissements` nomme les erreurs habituelles (lignes au lieu
  de tickets, un jour de décalage, HT au lieu de TTC...) au lieu d'un simple « écart de 67 % » ;
- :func:`~grc.exercices.comparaisons.comparer_decision` juge une décision et dit pourquoi un
  choix n'est pas le meilleur ;
- les messages parlent en mots d'élève (« un tableau », « une colonne de valeurs », « une durée ») :
  ``tests/test_messages_eleves.py`` refuse les mots de programmeur.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from .comparaisons import _nom_type, est_vide
from .registre import EXERCICES, exercice, trouver
from .retour import Retour

__all__ = ["EXERCICES", "ExerciceNonReussi", "Retour", "controler", "exercice", "oublier_essais", "verifier"]


class ExerciceNonReussi(AssertionError):
    """Levée en mode corrigé (``GRC_CORRIGE=1``) quand une réponse n'est pas juste."""


#: Nombre d'essais faux de suite par exercice, dans ce noyau (une réponse juste remet à zéro).
ESSAIS_FAUX: dict[str, int] = {}


def oublier_essais() -> None:
    """Remet à zéro les essais faux de tous les exercices : le prochain indice sera de nouveau l'idée."""
    ESSAIS_FAUX.clear()


def controler(nom: str, reponse: Any) -> Retour:
    """Juge la réponse et renvoie le :class:`Retour`, sans rien afficher.

    Une réponse fausse reçoit l'indice du niveau de l'essai : le n-ième essai faux de suite de cet
    exercice montre le niveau min(n, nombre de niveaux) ; une réponse juste remet le compte à zéro,
    une réponse vide ne le change pas.

    >>> from .retour import correct, incorrect
    >>> @exercice("99_exemple", indices=("Comptez les clients.", "Une ligne = un client.", "len(clients)"))
    ... def _juge(reponse):
    ...     return correct() if reponse == 1 else incorrect("Non.")
    >>> for r in (2, 3, 4, 5):
    ...     print(controler("99_exemple", r).message.splitlines()[-1])
    Indice 1/3 — l'idée : Comptez les clients.
    Indice 2/3 — la méthode : Une ligne = un client.
    Indice 3/3 — l'appel : len(clients)
    Indice 3/3 — l'appel : len(clients)
    >>> print(controler("99_exemple", 1).statut, controler("99_exemple", 2).message.splitlines()[-1])
    correct Indice 1/3 — l'idée : Comptez les clients.
    >>> del EXERCICES["99_exemple"]
    """
    ex = trouver(nom)
    if est_vide(reponse):
        from .retour import vide

        return replace(vide(), exercice=nom)
    try:
        retour = ex.juge(reponse)
    except Exception:  # une réponse inattendue ne doit jamais planter le cahier
        retour = Retour(
            "incorrect",
            f"Votre réponse n'a pas pu être vérifiée : vous avez donné {_nom_type(reponse)}, qui n'a pas la "
            "forme attendue. Relisez la consigne (un nombre ? un tableau ? une liste ? un texte ?).",
        )
    if retour.statut == "correct":
        ESSAIS_FAUX.pop(nom, None)
    elif retour.statut == "incorrect":
        ESSAIS_FAUX[nom] = ESSAIS_FAUX.get(nom, 0) + 1
        indice = ex.indice_niveau(ESSAIS_FAUX[nom])
        if indice:
            retour = replace(retour, message=f"{retour.message}\n{indice}")
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
