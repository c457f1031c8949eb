"""Le tableau des thèmes du README, écrit à partir de l'index :mod:`grc.themes`.

``python -m outils.readme`` réécrit le tableau entre les marqueurs ``<!-- THEMES -->`` et
``<!-- /THEMES -->`` du README ; un test échoue quand le README et l'index divergent.

>>> print(tableau_themes()[:2][1])
| --- | --- | --- | --- | --- | --- |
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from grc.themes import THEMES

RACINE = Path(__file__).resolve().parent.parent
DEBUT, FIN = "<!-- THEMES -->", "<!-- /THEMES -->"
_BLOC = re.compile(rf"{re.escape(DEBUT)}\n.*?{re.escape(FIN)}", re.DOTALL)


def tableau_themes() -> list[str]:
    """Les lignes du tableau Markdown : numéro, titre, étape, liens vers leçon, cahier, corrigé."""
    lignes = ["| n° | thème | étape de la GRC | leçon | cahier | corrigé |", "| --- | --- | --- | --- | --- | --- |"]
    for t in THEMES:
        lignes.append(f"| {t.numero} | {t.titre} | {t.etape} | [leçon]({t.lecon}) | [cahier]({t.cahier}) "
                      f"| [corrigé]({t.corrige}) |")
    return lignes


def avec_tableau(texte: str) -> str:
    """Le texte du README avec le tableau des thèmes à jour entre ses marqueurs."""
    if not _BLOC.search(texte):
        raise ValueError(f"README sans les marqueurs {DEBUT} ... {FIN} autour du tableau des thèmes")
    return _BLOC.sub("\n".join([DEBUT, *tableau_themes(), FIN]), texte, count=1)


def main() -> int:
    readme = RACINE / "README.md"
    texte = readme.read_text(encoding="utf-8")
    nouveau = avec_tableau(texte)
    if nouveau != texte:
        readme.write_text(nouveau, encoding="utf-8")
        print("README.md : tableau des thèmes mis à jour depuis grc.themes")
    else:
        print("README.md : tableau des thèmes déjà à jour")
    return 0


if __name__ == "__main__":
    sys.exit(main())
