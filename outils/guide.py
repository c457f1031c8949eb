"""Les heures du guide de l'année, estimées à partir de la taille des leçons et des cahiers.

``python -m outils.guide`` recompte, dans le dépôt, les mots de chaque leçon, les exercices vérifiés,
les réponses rédigées et les mots de chaque cahier, pour le parcours approfondissement (tout) et le
parcours BTS (sans les thèmes d'approfondissement, ni les cellules marquées
``{"grc": {"niveau": "approfondissement"}}``, ni les encadrés ``approfondissement`` des leçons), et
imprime le tableau de ``site/guide-enseignants.md``. La règle d'estimation est celle que dit la page :

- la leçon se lit à 200 mots par minute, temps triplé pour l'explication en classe ;
- le cahier compte 10 minutes par exercice vérifié, sa lecture (200 mots par minute, fois 1,5),
  15 minutes par quiz et 25 minutes par réponse rédigée ;
- le total est arrondi à la demi-heure la plus proche.

>>> heures(mots_lecon=3000, exercices=10, mots_cahier=3000, quiz=1, redactions=0)
3.0
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from grc.themes import THEMES, Theme

RACINE = Path(__file__).resolve().parents[1]
#: Les trois QCM papier de la progression, 30 minutes chacun.
QCM_EN_CLASSE = 1.5
_VERIFIER = re.compile(r'verifier\(\s*"(\d\d_\w+)"')
_ENCADRE = re.compile(r"^(:{3,})\{admonition\}.*?\n:class:[^\n]*approfondissement.*?^\1\s*$", re.M | re.S)


def heures(mots_lecon: int, exercices: int, mots_cahier: int, quiz: int, redactions: int) -> float:
    """Les heures d'un thème, arrondies à la demi-heure (règle de la page du guide)."""
    minutes = mots_lecon / 200 * 3 + exercices * 10 + mots_cahier / 200 * 1.5 + quiz * 15 + redactions * 25
    return round(minutes / 30) / 2


@dataclass
class Mesure:
    """Ce qu'on compte dans les fichiers d'un thème, pour un parcours."""

    mots_lecon: int
    exercices: int
    mots_cahier: int
    quiz: int
    redactions: int

    @property
    def heures(self) -> float:
        return heures(self.mots_lecon, self.exercices, self.mots_cahier, self.quiz, self.redactions)


def mesurer(t: Theme, parcours: str = "approfondissement", racine: Path = RACINE) -> Mesure:
    """Compte les mots, exercices, quiz et réponses rédigées d'un thème pour ``parcours`` (``bts`` ou non)."""
    bts = parcours == "bts"
    lecon = (racine / t.lecon).read_text(encoding="utf-8")
    if bts:
        lecon = _ENCADRE.sub("", lecon)
    cellules = nbformat.read(racine / t.corrige, as_version=4).cells
    if bts:
        cellules = [c for c in cellules if c.get("metadata", {}).get("grc", {}).get("niveau") != "approfondissement"]
    textes = [c.source for c in cellules if c.cell_type == "markdown"]
    codes = "\n".join(c.source for c in cellules if c.cell_type == "code")
    return Mesure(len(lecon.split()), len(set(_VERIFIER.findall(codes))),
                  sum(len(s.split()) for s in textes), codes.count("quiz("),
                  sum("Barème" in s for s in textes))


def exercices_approfondissement(racine: Path = RACINE) -> set[str]:
    """Les exercices vérifiés des cellules marquées « approfondissement », dans tous les corrigés."""
    marques: set[str] = set()
    for t in THEMES:
        for c in nbformat.read(racine / t.corrige, as_version=4).cells:
            if c.cell_type == "code" and c.get("metadata", {}).get("grc", {}).get("niveau") == "approfondissement":
                marques |= set(_VERIFIER.findall(c.source))
    return marques


def tableau(racine: Path = RACINE) -> str:
    """Le tableau Markdown des heures par thème et par parcours."""
    lignes = ["| thème | leçon (mots) | exercices vérifiés | parcours BTS (h) | parcours approfondissement (h) |",
              "| --- | ---: | ---: | ---: | ---: |"]
    total_bts = total = QCM_EN_CLASSE
    for t in THEMES:
        tout = mesurer(t, racine=racine)
        total += tout.heures
        if t.niveau == "approfondissement":
            bts = "—"
        else:
            h = mesurer(t, "bts", racine).heures
            total_bts += h
            bts = _fr(h)
        lignes.append(f"| {t.numero} {t.titre} | {tout.mots_lecon} | {tout.exercices} | {bts} | {_fr(tout.heures)} |")
    lignes.append(f"| trois QCM en classe (30 min chacun) | | | {_fr(QCM_EN_CLASSE)} | {_fr(QCM_EN_CLASSE)} |")
    lignes.append(f"| **total** | | | **{_fr(total_bts)}** | **{_fr(total)}** |")
    return "\n".join(lignes)


def _fr(h: float) -> str:
    """3.5 → « 3,5 », 3.0 → « 3 »."""
    return f"{h:g}".replace(".", ",")


if __name__ == "__main__":
    print(tableau())
    sys.exit(0)
