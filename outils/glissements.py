"""Le tableau des glissements : exercice par exercice, les erreurs habituelles reconnues et nommées.

Les lignes viennent de ``tests/glissements/theme_NN.py`` (``GLISSEMENTS = [(exercice, sorte,
lambda: reponse_glissee[, lambda: bonne_reponse]), ...]``) ; ``python -m outils.glissements``
imprime le tableau en markdown (exercice, glissement, ce que reçoit l'élève) pour la note de
clôture ou le site.

>>> any(ligne.exercice == "00_panier_moyen" for ligne in lignes_glissements())
True
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RACINE = Path(__file__).resolve().parent.parent
DOSSIER = RACINE / "tests" / "glissements"


@dataclass(frozen=True)
class LigneGlissement:
    """Une ligne du tableau : l'exercice, la sorte de glissement, la réponse glissée (et la bonne)."""

    theme: str
    exercice: str
    sorte: str
    glissee: Callable[[], Any]
    bonne: Callable[[], Any] | None = None


def _charger(fichier: Path) -> list:
    spec = importlib.util.spec_from_file_location(f"_glissements_{fichier.stem}", fichier)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(getattr(module, "GLISSEMENTS", []))


def lignes_glissements(dossier: Path = DOSSIER) -> list[LigneGlissement]:
    """Toutes les lignes des fichiers ``theme_NN.py`` du dossier, thème par thème."""
    lignes = []
    for fichier in sorted(dossier.glob("theme_*.py")):
        for rang, ligne in enumerate(_charger(fichier), start=1):
            if len(ligne) not in (3, 4):
                raise ValueError(f"{fichier.name}, ligne {rang} du tableau : (exercice, sorte, lambda[, lambda]) attendu.")
            lignes.append(LigneGlissement(fichier.stem.removeprefix("theme_"), *ligne))
    return lignes


def message_eleve(ligne: LigneGlissement) -> str:
    """Le message que reçoit l'élève qui donne la réponse glissée (sans l'indice)."""
    from grc.exercices import controler, oublier_essais

    oublier_essais()
    message = controler(ligne.exercice, ligne.glissee()).message
    oublier_essais()
    return message.split("\nIndice")[0]


def tableau() -> str:
    """Le tableau markdown de toutes les lignes, avec le message réellement reçu."""
    from grc.exercices.glissements import tableau_markdown

    return tableau_markdown((ligne.exercice, ligne.sorte, message_eleve(ligne)) for ligne in lignes_glissements())


if __name__ == "__main__":
    sys.stdout.write(tableau() + "\n")
