"""Aides des tests du devoir nbgrader : lancer les commandes de nbgrader, déposer une copie, lire les notes."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import nbformat

ENV_NBGRADER = {"GRC_PROGRESSION": "0", "MPLBACKEND": "Agg", "GRC_ERREURS": "0", "OMP_NUM_THREADS": "1"}


def nbgrader(cours: Path, *arguments: str, delai: int = 900) -> subprocess.CompletedProcess:
    """Lance ``nbgrader <arguments>`` dans le cours ; échoue avec la sortie de nbgrader si la commande échoue."""
    # nbgrader lance « alembic » (migration du carnet de notes) : le dossier bin de l'environnement d'abord
    env = {**os.environ, **ENV_NBGRADER,
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    fini = subprocess.run([sys.executable, "-m", "nbgrader", *arguments], cwd=cours, env=env, capture_output=True,
                          text=True, timeout=delai)
    assert fini.returncode == 0, f"nbgrader {' '.join(arguments)} a échoué :\n{fini.stdout}\n{fini.stderr}"
    return fini


def cellule(carnet: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    """La cellule de nbgrader qui porte cet identifiant."""
    return next(c for c in carnet.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def deposer_copie(cours: Path, devoir: str, fichier: str, eleve: str, reponses: dict[str, str]) -> Path:
    """Copie la version élève dans ``submitted/<eleve>/<devoir>/`` en remplaçant certaines réponses.

    ``reponses`` : ``{grade_id: nouvelle source}`` ; les autres cellules de réponse restent vides.
    """
    carnet = nbformat.read(cours / "release" / devoir / fichier, as_version=4)
    for grade_id, source in reponses.items():
        cellule(carnet, grade_id).source = source
    cible = cours / "submitted" / eleve / devoir / fichier
    cible.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(carnet, cible)
    (cible.parent / "timestamp.txt").write_text("2026-12-02 20:00:00.000000 UTC")
    return cible


def notes_par_cellule(cours: Path, devoir: str, carnet: str, eleve: str) -> dict[str, tuple]:
    """``{cellule: (note, points, à noter à la main)}`` lus dans le carnet de notes de nbgrader (son API)."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{cours / 'gradebook.db'}") as gb:
        soumis = gb.find_submission_notebook(carnet, devoir, eleve)
        return {g.name: (g.score, g.max_score, g.needs_manual_grade) for g in soumis.grades}


def noter_a_la_main(cours: Path, devoir: str, carnet: str, eleve: str, cellule_id: str, note: float) -> None:
    """Pose la note manuelle d'une cellule, comme le ferait l'enseignant dans Formgrader."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{cours / 'gradebook.db'}") as gb:
        note_cellule = gb.find_grade(cellule_id, carnet, devoir, eleve)
        note_cellule.manual_score = note
        gb.db.commit()


def export(cours: Path) -> list[dict[str, str]]:
    """Les lignes de ``grades.csv`` écrites par ``nbgrader export``."""
    nbgrader(cours, "export")
    with open(cours / "grades.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))
