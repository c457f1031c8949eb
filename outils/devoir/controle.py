"""Contrôler un devoir généré : le corrigé doit obtenir tous les points de ses propres tests cachés.

Le carnet source du devoir (solutions et tests cachés en place) est exécuté comme le ferait
``nbgrader autograde`` ; une cellule de test qui échoue signale un test plus exigeant que le cours.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .attendus import ENVIRONNEMENT, _environnement


def tests_en_echec(carnet: nbformat.NotebookNode) -> dict[str, str]:
    """``{grade_id: message}`` des cellules de test d'un carnet exécuté qui ont échoué.

    >>> from nbformat.v4 import new_code_cell, new_notebook, new_output
    >>> c = new_code_cell("assert False, 'non'", metadata={"nbgrader": {"grade": True, "solution": False,
    ...                                                                 "grade_id": "test_1"}})
    >>> c.outputs = [new_output("error", ename="AssertionError", evalue="non", traceback=[])]
    >>> tests_en_echec(new_notebook(cells=[c]))
    {'test_1': 'AssertionError: non'}
    """
    echecs = {}
    for cellule in carnet.cells:
        meta = cellule.metadata.get("nbgrader", {})
        if cellule.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            for sortie in cellule.get("outputs", []):
                if sortie.get("output_type") == "error":
                    echecs[meta["grade_id"]] = f"{sortie.get('ename')}: {sortie.get('evalue')}"
    return echecs


def controler(source: nbformat.NotebookNode, dossier: Path, *, delai: int = 900) -> dict[str, str]:
    """Exécute le carnet source du devoir (dans ``dossier``) et renvoie les tests en échec (vide si tout passe)."""
    carnet = copy.deepcopy(source)
    client = NotebookClient(carnet, timeout=delai, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(dossier)}})
    with _environnement(ENVIRONNEMENT):
        client.execute()
    return tests_en_echec(carnet)
