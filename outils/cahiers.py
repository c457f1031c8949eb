"""Génère les cahiers élèves (``notebooks/``) à partir des corrigés (``solutions/``).

Les corrigés sont la source : le code entre ``### BEGIN SOLUTION`` et
``### END SOLUTION`` est remplacé par une invite, comme le fait nbgrader (on
réutilise son préprocesseur ``ClearSolutions``), les sorties sont effacées et
le bandeau « Corrigé » devient « Cahier d'exercices ».

Usage : ``python -m outils.cahiers`` (ou ``make cahiers``).
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ClearMetadataPreprocessor, ClearOutputPreprocessor
from nbgrader.preprocessors import ClearSolutions

RACINE = Path(__file__).resolve().parent.parent
INVITE_CODE = "# Écrivez votre code ici"
INVITE_TEXTE = "_Votre réponse ici (double-cliquez pour écrire)._"
BANDEAU_CORRIGE = "📃 Corrigé"
BANDEAU_CAHIER = "📝 Cahier d'exercices"
BADGE_APPROFONDISSEMENT = "🎓 Approfondissement (BUT TC, licence, école) — facultatif en BTS"
METADONNEES_GARDEES = {"tags", "grc", "jupyter"}


def nettoyer(carnet: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Efface sorties, compteurs d'exécution et métadonnées de session."""
    carnet = copy.deepcopy(carnet)
    ClearOutputPreprocessor().preprocess(carnet, {})
    ClearMetadataPreprocessor(preserve_cell_metadata_mask=METADONNEES_GARDEES, preserve_nb_metadata_mask={
        "kernelspec", "language_info", "grc"}).preprocess(carnet, {})
    for cellule in carnet.cells:
        cellule.pop("id", None)
    carnet.nbformat, carnet.nbformat_minor = 4, 4
    return carnet


def niveau(cellule: nbformat.NotebookNode) -> str:
    """Le niveau d'une cellule : ``"approfondissement"`` si elle est marquée, sinon ``"bts"``.

    >>> niveau(nbformat.v4.new_markdown_cell("x", metadata={"grc": {"niveau": "approfondissement"}}))
    'approfondissement'
    >>> niveau(nbformat.v4.new_code_cell("x = 1"))
    'bts'
    """
    return cellule.metadata.get("grc", {}).get("niveau", "bts")


def ligne_badge() -> str:
    """La ligne du badge, en citation gras, posée en tête d'une partie d'approfondissement.

    >>> ligne_badge()
    '> **🎓 Approfondissement (BUT TC, licence, école) — facultatif en BTS**'
    """
    return f"> **{BADGE_APPROFONDISSEMENT}**"


def poser_badges(carnet: nbformat.NotebookNode) -> None:
    """Pose le badge en tête de la première cellule de texte de chaque suite de cellules marquées.

    >>> carnet = nbformat.v4.new_notebook()
    >>> marque = {"grc": {"niveau": "approfondissement"}}
    >>> carnet.cells = [nbformat.v4.new_markdown_cell("## Cœur"),
    ...                 nbformat.v4.new_markdown_cell("## Pour aller plus loin", metadata=marque),
    ...                 nbformat.v4.new_code_cell("x = 1", metadata=marque)]
    >>> poser_badges(carnet)
    >>> carnet.cells[1].source.splitlines()[0] == ligne_badge()
    True
    >>> ligne_badge() in carnet.cells[0].source
    False
    """
    a_poser = True
    for cellule in carnet.cells:
        if niveau(cellule) != "approfondissement":
            a_poser = True
        elif a_poser and cellule.cell_type == "markdown":
            if BADGE_APPROFONDISSEMENT not in cellule.source:
                cellule.source = f"{ligne_badge()}\n\n{cellule.source}"
            a_poser = False


def cahier_eleve(corrige: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Le cahier élève d'un corrigé : solutions remplacées par des invites."""
    carnet = nettoyer(corrige)
    ClearSolutions(
        code_stub={"python": INVITE_CODE}, text_stub=INVITE_TEXTE, enforce_metadata=False
    ).preprocess(carnet, {})
    for cellule in carnet.cells:
        cellule.metadata.pop("nbgrader", None)
        if cellule.cell_type == "markdown":
            cellule.source = cellule.source.replace(BANDEAU_CORRIGE, BANDEAU_CAHIER)
    poser_badges(carnet)
    return carnet


def texte(carnet: nbformat.NotebookNode) -> str:
    return nbformat.writes(carnet) + "\n"


def generer(source: Path = RACINE / "solutions", cible: Path = RACINE / "notebooks") -> list[Path]:
    """Réécrit les corrigés sans sorties et régénère chaque cahier élève."""
    cible.mkdir(exist_ok=True)
    ecrits = []
    for chemin in sorted(source.glob("*.ipynb")):
        corrige = nbformat.read(chemin, as_version=4)
        chemin.write_text(texte(nettoyer(corrige)), encoding="utf-8")
        sortie = cible / chemin.name
        sortie.write_text(texte(cahier_eleve(corrige)), encoding="utf-8")
        ecrits.append(sortie)
    attendus = {c.name for c in source.glob("*.ipynb")}
    for orphelin in cible.glob("*.ipynb"):
        if orphelin.name not in attendus:
            orphelin.unlink()
    return ecrits


def main() -> int:
    ecrits = generer()
    print(f"{len(ecrits)} cahier(s) régénéré(s) dans notebooks/.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
