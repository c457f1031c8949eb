"""Les mesures du parcours BTS, cahier par cahier (issue 15).

``python -m outils.mesures_parcours [--ref REF_GIT]`` imprime, pour chaque cahier, un tableau markdown :

- **retour** : la part des cellules-réponses qui reçoivent un retour — les exercices de code du
  cahier (cellule avec l'invite « # Écrivez votre code ici », ou marquée ``grc.sans_invite`` : un
  formulaire à remplir) qui appellent ``verifier(``, plus les
  réponses rédigées (cellules markdown ``### BEGIN SOLUTION`` des corrigés) suivies d'une cellule
  ``rediger(`` dans le cahier ;
- **lignes visibles (cœur BTS)** : les lignes non vides des cellules de code toutes faites du cahier
  (sans invite d'exercice, ni cellule ``rediger(``) qui ne sont pas repliées
  (``jupyter.source_hidden``) et pas marquées approfondissement ; puis le même compte tous niveaux ;
- **lignes par exercice (cœur BTS)** : les lignes non vides de la solution d'un exercice de code du
  cœur (entre ``### BEGIN SOLUTION`` et ``### END SOLUTION``), médiane et maximum ;
- **cellules > 15 lignes** : les cellules toutes faites visibles de plus de 15 lignes (tous niveaux).

Le niveau d'une cellule est ``grc.niveau`` de ses métadonnées (sinon le niveau du thème, dans
:mod:`grc.themes`) ; les métadonnées d'une cellule du cahier sont complétées par celles de la
cellule de même texte du corrigé. Avec ``--ref``, les fichiers sont lus dans ce commit (``git show``) :
on peut mesurer l'état d'avant et d'après.

>>> m = mesurer_theme("00")
>>> m.cahier, m.reponses >= m.avec_retour > 0
('00-prise-en-main.ipynb', True)
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from grc.themes import THEMES, theme
from outils.cahiers import INVITE_CODE, SANS_INVITE

RACINE = Path(__file__).resolve().parent.parent
DEBUT, FIN = "### BEGIN SOLUTION", "### END SOLUTION"
MAX_LIGNES_CELLULE = 15


@dataclass
class Mesure:
    """Les mesures d'un cahier."""

    cahier: str
    niveau_theme: str
    exercices_code: int = 0
    exercices_verifies: int = 0
    redactions: int = 0
    redactions_avec_retour: int = 0
    lignes_visibles_coeur: int = 0
    lignes_visibles: int = 0
    #: (rang de la cellule dans le cahier, lignes) des cellules toutes faites visibles, tous niveaux.
    cellules_visibles: list[tuple[int, int]] = field(default_factory=list)
    #: lignes de solution de chaque exercice de code du cœur BTS.
    lignes_exercices_coeur: list[int] = field(default_factory=list)

    @property
    def reponses(self) -> int:
        return self.exercices_code + self.redactions

    @property
    def avec_retour(self) -> int:
        return self.exercices_verifies + min(self.redactions_avec_retour, self.redactions)

    @property
    def part_retour(self) -> float:
        return self.avec_retour / self.reponses if self.reponses else 1.0

    @property
    def cellules_trop_longues(self) -> int:
        return sum(n > MAX_LIGNES_CELLULE for _, n in self.cellules_visibles)


def lignes_non_vides(texte: str) -> int:
    """Le nombre de lignes non vides d'un texte.

    >>> lignes_non_vides("a = 1\\n\\n  \\nb = 2\\n")
    2
    """
    return sum(bool(ligne.strip()) for ligne in texte.splitlines())


def lignes_solution(source: str) -> int:
    """Les lignes non vides entre ``### BEGIN SOLUTION`` et ``### END SOLUTION`` (tous les blocs).

    >>> lignes_solution("x = ...\\n### BEGIN SOLUTION\\nx = 1\\n\\ny = x\\n### END SOLUTION\\nverifier('a', x)")
    2
    """
    total, dedans = 0, False
    for ligne in source.splitlines():
        if ligne.strip() == DEBUT:
            dedans = True
        elif ligne.strip() == FIN:
            dedans = False
        elif dedans and ligne.strip():
            total += 1
    return total


def _lire(chemin: str, ref: str | None) -> nbformat.NotebookNode:
    if ref is None:
        return nbformat.reads((RACINE / chemin).read_text(encoding="utf-8"), as_version=4)
    texte = subprocess.run(["git", "show", f"{ref}:{chemin}"], cwd=RACINE, capture_output=True, text=True,
                           check=True).stdout
    return nbformat.reads(texte, as_version=4)


def _niveau(metadonnees: dict, defaut: str) -> str:
    return metadonnees.get("grc", {}).get("niveau", defaut)


def _repliee(metadonnees: dict) -> bool:
    return bool(metadonnees.get("jupyter", {}).get("source_hidden"))


def _est_redaction(source: str) -> bool:
    """Vrai pour une cellule de code qui ne fait qu'appeler ``rediger(...)`` (ajoutée par le générateur)."""
    lignes = [ligne.strip() for ligne in source.splitlines() if ligne.strip() and not ligne.strip().startswith("#")]
    return bool(lignes) and all(ligne.startswith("rediger(") for ligne in lignes)


def mesurer(cahier: nbformat.NotebookNode, corrige: nbformat.NotebookNode, nom: str, niveau_theme: str) -> Mesure:
    """Les mesures d'un cahier, lu avec son corrigé."""
    mesure = Mesure(nom, niveau_theme)
    meta_corrige = {c.source: c.metadata for c in corrige.cells}
    for c in corrige.cells:
        niveau = _niveau(c.metadata, niveau_theme)
        if c.cell_type == "markdown" and DEBUT in c.source:
            mesure.redactions += 1
        elif c.cell_type == "code" and DEBUT in c.source and niveau != "approfondissement":
            mesure.lignes_exercices_coeur.append(lignes_solution(c.source))
    for rang, c in enumerate(cahier.cells):
        if c.cell_type != "code":
            continue
        meta = {**meta_corrige.get(c.source, {}), **c.metadata}
        if INVITE_CODE in c.source or meta.get("grc", {}).get(SANS_INVITE):
            mesure.exercices_code += 1
            mesure.exercices_verifies += "verifier(" in c.source
        elif _est_redaction(c.source):
            mesure.redactions_avec_retour += 1
        elif not _repliee(meta):
            lignes = lignes_non_vides(c.source)
            mesure.lignes_visibles += lignes
            mesure.cellules_visibles.append((rang, lignes))
            if _niveau(meta, niveau_theme) != "approfondissement":
                mesure.lignes_visibles_coeur += lignes
    return mesure


def mesurer_theme(numero: str, ref: str | None = None) -> Mesure:
    """Les mesures du cahier du thème ``numero`` (fichiers du dépôt, ou du commit ``ref``)."""
    t = theme(numero)
    return mesurer(_lire(t.cahier, ref), _lire(t.corrige, ref), Path(t.cahier).name, t.niveau)


def _fichier_existe(chemin: str, ref: str | None) -> bool:
    if ref is None:
        return (RACINE / chemin).exists()
    return subprocess.run(["git", "cat-file", "-e", f"{ref}:{chemin}"], cwd=RACINE, capture_output=True).returncode == 0


def tableau(ref: str | None = None) -> str:
    """Le tableau markdown des mesures de tous les cahiers (et la ligne des totaux)."""
    lignes = [
        "| cahier | niveau | réponses avec retour | code : vérifiés / exercices | rédigées : avec retour / total "
        "| lignes visibles cœur BTS | lignes visibles tous niveaux | lignes par exercice du cœur (médiane / max) "
        "| cellules visibles > 15 lignes |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    mesures = [mesurer_theme(t.numero, ref) for t in THEMES if _fichier_existe(t.cahier, ref)]
    for m in mesures:
        ex = m.lignes_exercices_coeur
        par_exercice = f"{statistics.median(ex):g} / {max(ex)}" if ex else "—"
        lignes.append(
            f"| {m.cahier} | {m.niveau_theme} | {m.avec_retour}/{m.reponses} ({100 * m.part_retour:.0f} %) "
            f"| {m.exercices_verifies}/{m.exercices_code} | {min(m.redactions_avec_retour, m.redactions)}/{m.redactions} "
            f"| {m.lignes_visibles_coeur} | {m.lignes_visibles} | {par_exercice} | {m.cellules_trop_longues} |"
        )
    avec = sum(m.avec_retour for m in mesures)
    total = sum(m.reponses for m in mesures)
    lignes.append(
        f"| **total** | | {avec}/{total} ({100 * avec / max(total, 1):.0f} %) "
        f"| {sum(m.exercices_verifies for m in mesures)}/{sum(m.exercices_code for m in mesures)} "
        f"| {sum(min(m.redactions_avec_retour, m.redactions) for m in mesures)}/{sum(m.redactions for m in mesures)} "
        f"| {sum(m.lignes_visibles_coeur for m in mesures)} | {sum(m.lignes_visibles for m in mesures)} | "
        f"| {sum(m.cellules_trop_longues for m in mesures)} |"
    )
    return "\n".join(lignes)


def main(arguments: list[str] | None = None) -> int:
    parseur = argparse.ArgumentParser(
        prog="python -m outils.mesures_parcours",
        description="Mesure chaque cahier : retours, code tout fait visible, lignes par exercice (issue 15).",
    )
    parseur.add_argument("--ref", help="mesurer les fichiers de ce commit git (par défaut : les fichiers du dépôt)")
    options = parseur.parse_args(arguments)
    sys.stdout.write(tableau(options.ref) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
