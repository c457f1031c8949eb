"""Repérer, dans un corrigé, les exercices vérifiés, les questions rédigées et l'approfondissement.

Le repérage est générique : un exercice vérifié est un appel ``verifier("NN_nom", reponse)`` seul sur sa
ligne ; sa cellule de réponse est la cellule de code qui contient ``### BEGIN SOLUTION`` (la même, ou la
précédente) ; une question rédigée est une cellule Markdown qui commence par ``### BEGIN SOLUTION`` et
porte une ligne « **Barème (N points).** » ; une cellule d'approfondissement porte la métadonnée
``{"grc": {"niveau": "approfondissement"}}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import nbformat

DEBUT_SOLUTION = "### BEGIN SOLUTION"
FIN_SOLUTION = "### END SOLUTION"
MOTIF_VERIFIER = re.compile(
    r"""^[ \t]*verifier\(\s*["'](?P<nom>[\w-]+)["']\s*,\s*(?P<expression>.+?)\s*\)[ \t]*$""", re.MULTILINE)
MOTIF_BAREME = re.compile(r"Barème\s*\((?P<points>\d+(?:[,.]\d+)?)\s*points?\)\s*\.?\s*(?:\*\*)?\s*\.?",
                          re.IGNORECASE)
MOTIF_TITRE = re.compile(r"^#{2,4}\s+(?P<titre>.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Exercice:
    """Un exercice vérifié du corrigé.

    Attributs : ``nom`` (celui passé à ``verifier``), ``expression`` (la réponse vérifiée, souvent un nom
    de variable), ``cellule`` (indice de la cellule de réponse), ``cellule_verifier`` (indice de la
    cellule qui appelle ``verifier``), ``titre`` (le dernier titre Markdown qui précède) et
    ``approfondissement`` (vrai si la cellule de réponse est marquée comme telle).
    """

    nom: str
    expression: str
    cellule: int
    cellule_verifier: int
    titre: str = ""
    approfondissement: bool = False


@dataclass(frozen=True)
class Redaction:
    """Une question rédigée : sa cellule de réponse modèle, ses points et les critères de son barème."""

    rang: int
    cellule: int
    points: float
    criteres: tuple[str, ...]
    titre: str = ""
    approfondissement: bool = False

    @property
    def identifiant(self) -> str:
        """L'identifiant de la cellule nbgrader, par exemple ``redaction_1``."""
        return f"redaction_{self.rang}"


def est_approfondissement(cellule: nbformat.NotebookNode) -> bool:
    """Vrai si la cellule porte la marque ``{"grc": {"niveau": "approfondissement"}}``.

    >>> from nbformat.v4 import new_markdown_cell
    >>> est_approfondissement(new_markdown_cell("x", metadata={"grc": {"niveau": "approfondissement"}}))
    True
    >>> est_approfondissement(new_markdown_cell("x"))
    False
    """
    marque = cellule.get("metadata", {}).get("grc", {})
    return isinstance(marque, dict) and marque.get("niveau") == "approfondissement"


def nombre_fr(texte: str) -> float:
    """Lit un nombre écrit à la française (virgule décimale).

    >>> nombre_fr("2,5")
    2.5
    """
    return float(texte.replace(",", "."))


def bareme(texte: str) -> tuple[float, tuple[str, ...]] | None:
    """Les points et les critères d'une ligne « **Barème (N points).** critère : 0,5 · critère : 0,5 ».

    Renvoie ``None`` si le texte n'a pas de barème.

    >>> bareme("**Barème (1,5 point).** Lien juste : 0,5 · chiffres : 1.")
    (1.5, ('Lien juste : 0,5', 'chiffres : 1'))
    >>> bareme("Pas de barème") is None
    True
    """
    trouve = MOTIF_BAREME.search(texte)
    if trouve is None:
        return None
    suite = texte[trouve.end():].split(FIN_SOLUTION)[0]
    criteres = tuple(c.strip().rstrip(".").strip() for c in " ".join(suite.split()).split("·") if c.strip())
    return nombre_fr(trouve["points"]), criteres


def _titre_avant(cellules: list, indice: int) -> str:
    """Le dernier titre Markdown (niveau 2 à 4) des cellules qui précèdent ``indice``."""
    for cellule in reversed(cellules[:indice]):
        if cellule.cell_type == "markdown":
            titres = MOTIF_TITRE.findall(cellule.source)
            if titres:
                return titres[-1].strip()
    return ""


def reperer(carnet: nbformat.NotebookNode) -> tuple[list[Exercice], list[Redaction]]:
    """Les exercices vérifiés et les questions rédigées d'un corrigé, dans l'ordre du carnet.

    >>> from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
    >>> carnet = new_notebook(cells=[
    ...     new_markdown_cell("### Étape vérifiée 1 — Le total"),
    ...     new_code_cell('total = ...\\n### BEGIN SOLUTION\\ntotal = 3\\n### END SOLUTION\\nverifier("99_total", total)'),
    ...     new_markdown_cell("### Question rédigée 1 (1 point)"),
    ...     new_markdown_cell("### BEGIN SOLUTION\\nRéponse.\\n\\n**Barème (1 point).** idée : 1\\n### END SOLUTION")])
    >>> exercices, redactions = reperer(carnet)
    >>> exercices[0].nom, exercices[0].expression, exercices[0].cellule, exercices[0].titre
    ('99_total', 'total', 1, 'Étape vérifiée 1 — Le total')
    >>> redactions[0].points, redactions[0].criteres, redactions[0].titre
    (1.0, ('idée : 1',), 'Question rédigée 1 (1 point)')
    """
    cellules = list(carnet.cells)
    exercices: list[Exercice] = []
    redactions: list[Redaction] = []
    for i, cellule in enumerate(cellules):
        if cellule.cell_type == "code":
            for appel in MOTIF_VERIFIER.finditer(cellule.source):
                reponse = next((j for j in range(i, -1, -1) if cellules[j].cell_type == "code"
                                and DEBUT_SOLUTION in cellules[j].source), None)
                if reponse is None or any(e.cellule == reponse for e in exercices):
                    raise ValueError(f"Exercice « {appel['nom']} » (cellule {i}) : aucune cellule de réponse "
                                     f"« {DEBUT_SOLUTION} » qui lui soit propre ne le précède.")
                exercices.append(Exercice(appel["nom"], appel["expression"], reponse, i, _titre_avant(cellules, reponse),
                                          est_approfondissement(cellules[reponse])))
        elif cellule.cell_type == "markdown" and cellule.source.lstrip().startswith(DEBUT_SOLUTION):
            lu = bareme(cellule.source)
            if lu is None:
                raise ValueError(f"Question rédigée de la cellule {i} : pas de ligne « **Barème (N points).** ».")
            redactions.append(Redaction(len(redactions) + 1, i, lu[0], lu[1], _titre_avant(cellules, i),
                                        est_approfondissement(cellule)))
    return exercices, redactions
