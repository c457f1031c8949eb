"""Les assertions communes aux tests d'exercices : accepter, refuser sans dévoiler, laisser vide."""

from __future__ import annotations

from grc.exercices import controler


def _ecritures(valeur: float) -> list[str]:
    """Les façons d'écrire un nombre qu'un message de refus ne doit pas contenir."""
    return [f"{valeur:.2f}", f"{valeur:.3f}", f"{valeur:.2f}".replace(".", ",")]


def accepte(nom: str, reponse) -> str:
    """La bonne réponse est acceptée, et « ... » reste une absence de réponse."""
    retour = controler(nom, reponse)
    assert retour.statut == "correct", retour
    assert controler(nom, ...).statut == "vide"
    return retour.message


def vide(nom: str) -> None:
    assert controler(nom, ...).statut == "vide"


def refuse(nom: str, reponse, *interdits: float | str) -> str:
    """La réponse est refusée, et le message ne contient aucune écriture des valeurs interdites."""
    retour = controler(nom, reponse)
    assert retour.statut == "incorrect", f"{nom} accepte une réponse fausse : {retour}"
    for interdit in interdits:
        ecritures = [interdit] if isinstance(interdit, str) else _ecritures(interdit)
        for ecrit in ecritures:
            assert ecrit not in retour.message, f"{nom} dévoile la réponse : {retour.message}"
    return retour.message
