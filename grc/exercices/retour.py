"""Le retour donné à l'élève : correct, incorrect ou pas encore de réponse."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Literal

Statut = Literal["correct", "incorrect", "vide"]

_STYLE = {
    "correct": ("✅", "#e6f4ea", "#1e7e34"),
    "incorrect": ("❌", "#fdecea", "#b3261e"),
    "vide": ("✏️", "#fff8e1", "#8a6d00"),
}


@dataclass(frozen=True)
class Retour:
    """Résultat d'une vérification, affiché en couleur dans JupyterLab.

    >>> Retour("correct", "Bravo.").est_correct
    True
    """

    statut: Statut
    message: str
    exercice: str = ""

    @property
    def est_correct(self) -> bool:
        return self.statut == "correct"

    def __repr__(self) -> str:
        return str(self)

    def __str__(self) -> str:
        icone = _STYLE[self.statut][0]
        entete = f"[{self.exercice}] " if self.exercice else ""
        return f"{icone} {entete}{self.message}"

    def _repr_html_(self) -> str:
        icone, fond, couleur = _STYLE[self.statut]
        entete = f"<b>{html.escape(self.exercice)}</b> — " if self.exercice else ""
        texte = re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(self.message))
        texte = re.sub(r"(^|\n)(Indice[^\n]*)", r"\1<i>💡 \2</i>", texte).replace("\n", "<br>")
        if self.exercice[:2].isdigit():  # « section « rfm-scores » » devient un lien vers la leçon
            from ..travail import lier_sections

            texte = lier_sections(texte, self.exercice[:2])
        return (
            f'<div style="background:{fond};border-left:4px solid {couleur};'
            f'padding:6px 10px;margin:4px 0;color:#222">{icone} {entete}{texte}</div>'
        )


def correct(message: str = "Bonne réponse.") -> Retour:
    return Retour("correct", message)


def incorrect(message: str) -> Retour:
    return Retour("incorrect", message)


def vide() -> Retour:
    return Retour(
        "vide",
        "Pas encore de réponse : remplacez les « ... » par votre calcul, puis relancez la cellule.",
    )
