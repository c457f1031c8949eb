"""Exécuter le corrigé et relever la réponse de chaque exercice vérifié, sous sa forme encodée.

Chaque appel ``verifier("NN_nom", reponse)`` du corrigé est remplacé, le temps de l'exécution, par
l'enregistrement de ``encoder(reponse)`` (:func:`outils.devoir.encodage.encoder`) : les valeurs attendues
viennent donc de la solution elle-même, pas des juges de ``grc.exercices``.
"""

from __future__ import annotations

import copy
import json
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from .extraction import MOTIF_VERIFIER, Exercice

ENVIRONNEMENT = {"GRC_PROGRESSION": "0", "MPLBACKEND": "Agg", "GRC_ERREURS": "0"}


@contextmanager
def _environnement(valeurs: dict[str, str]):
    """Pose des variables d'environnement (héritées par le noyau), puis rétablit les anciennes."""
    anciennes = {cle: os.environ.get(cle) for cle in valeurs}
    os.environ.update(valeurs)
    try:
        yield
    finally:
        for cle, valeur in anciennes.items():
            if valeur is None:
                os.environ.pop(cle, None)
            else:
                os.environ[cle] = valeur


def carnet_de_releve(corrige: nbformat.NotebookNode, exercices: list[Exercice], sortie: Path) -> nbformat.NotebookNode:
    """Le corrigé où chaque ``verifier(...)`` devient un relevé, plus une cellule finale qui écrit ``sortie``.

    >>> from nbformat.v4 import new_code_cell, new_notebook
    >>> from outils.devoir.extraction import reperer
    >>> c = new_notebook(cells=[new_code_cell('x = ...\\n### BEGIN SOLUTION\\nx = 2\\n### END SOLUTION\\nverifier("99_x", x)')])
    >>> releve = carnet_de_releve(c, reperer(c)[0], Path("a.json"))
    >>> releve.cells[1].source.splitlines()[-1]
    "_releve['99_x'] = _encoder(x)"
    """
    carnet = copy.deepcopy(corrige)
    for cellule in carnet.cells:
        if cellule.cell_type == "code":
            cellule.source = MOTIF_VERIFIER.sub(
                lambda m: f"{m.group(0)[:len(m.group(0)) - len(m.group(0).lstrip())]}"
                          f"_releve[{m['nom']!r}] = _encoder({m['expression']})", cellule.source)
            cellule.outputs = []
    entete = nbformat.v4.new_code_cell("from outils.devoir.encodage import encoder as _encoder\n_releve = {}")
    fin = nbformat.v4.new_code_cell(
        f"import json as _json\nfrom pathlib import Path as _Path\n"
        f"_Path({str(sortie)!r}).write_text(_json.dumps(_releve, ensure_ascii=False), encoding='utf-8')")
    carnet.cells = [entete, *carnet.cells, fin]
    return carnet


def relever(chemin: Path, exercices: list[Exercice], *, delai: int = 900) -> dict[str, dict]:
    """Exécute le corrigé ``chemin`` (dans son dossier) et renvoie ``{nom: encodage}`` par exercice.

    Lève ``RuntimeError`` (message en français) si une cellule du corrigé échoue ou si un exercice n'a
    pas été relevé.
    """
    corrige = nbformat.read(chemin, as_version=4)
    with tempfile.TemporaryDirectory(prefix="grc_devoir_") as dossier:
        sortie = Path(dossier) / "attendus.json"
        carnet = carnet_de_releve(corrige, exercices, sortie)
        client = NotebookClient(carnet, timeout=delai, kernel_name="python3",
                                resources={"metadata": {"path": str(chemin.parent)}})
        with _environnement(ENVIRONNEMENT):
            try:
                client.execute()
            except CellExecutionError as erreur:
                texte = re.sub(r"\x1b\[[0-9;]*m", "", str(erreur))  # sans les couleurs du terminal
                raise RuntimeError(f"Le corrigé {chemin.name} échoue à l'exécution : {texte}") from erreur
        releve = json.loads(sortie.read_text(encoding="utf-8"))
    manquants = [e.nom for e in exercices if e.nom not in releve]
    if manquants:
        raise RuntimeError(f"Réponse non relevée pour : {', '.join(manquants)}.")
    return releve
