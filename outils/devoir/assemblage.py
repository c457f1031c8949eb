"""Assembler le carnet nbgrader du devoir et écrire le dossier du cours nbgrader.

Métadonnées de cellule de nbgrader (``schema_version`` 3) :

- réponse d'un exercice vérifié : ``solution`` (cellule de réponse notée automatiquement) ;
- cellule de test qui la suit : ``grade`` avec ses ``points`` (tests cachés) ;
- question rédigée : ``solution`` et ``grade`` avec les points de son barème (notée à la main) ;
- toute autre cellule : ``locked`` (lecture seule).
"""

from __future__ import annotations

import copy
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell

from outils.cahiers import BANDEAU_CORRIGE, INVITE_CODE, INVITE_TEXTE, nettoyer

from .extraction import DEBUT_SOLUTION, MOTIF_VERIFIER, Exercice, Redaction, est_approfondissement
from .regles import REGLES
from .tests_caches import cellule_test, test_valeur

BANDEAU_DEVOIR = "📝 Devoir noté"
IMPORT_VERIFIER = re.compile(r"^from grc\.exercices import verifier[ \t]*\n?", re.MULTILINE)
NOTE_APPROFONDISSEMENT = ("_Partie d'approfondissement, non demandée dans ce devoir. "
                          "La cellule repliée ci-dessous prépare ce dont la suite a besoin ; exécutez-la._")


@dataclass
class Bilan:
    """Ce que contient le devoir : exercices notés automatiquement ou à la main, questions rédigées, points."""

    automatiques: list[tuple[str, float]] = field(default_factory=list)
    code_a_la_main: list[tuple[str, float]] = field(default_factory=list)
    redactions: list[tuple[str, float]] = field(default_factory=list)
    laisses: list[str] = field(default_factory=list)
    non_notees: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(p for _, p in self.automatiques + self.code_a_la_main + self.redactions)


def _meta(grade_id: str, *, solution=False, grade=False, locked=False, points=None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = float(points)
    return meta


def _titre_sur(titre: str, defaut: str) -> str:
    """Un titre utilisable dans une chaîne Python des tests (sans guillemets ni accolades)."""
    titre = (titre or defaut).replace('"', "«").replace("{", "(").replace("}", ")").replace("\\", "/")
    return titre.replace("*", "").replace("`", "")


def _points_fr(points: float) -> str:
    return f"{points:g}".replace(".", ",")


def _grille(redaction: Redaction) -> str:
    """La cellule de la grille de notation d'une question rédigée (visible par l'élève et le correcteur)."""
    pts = _points_fr(redaction.points)
    lignes = "\n".join(f"- {c}" for c in redaction.criteres)
    return (f"**Grille de notation ({pts} point{'s' if redaction.points > 1 else ''}, notée par l'enseignant).**"
            f"\n\n{lignes}\n\nÉcrivez votre réponse dans la cellule ci-dessous (double-cliquez pour écrire).")


def _section_bilan(cellules: list) -> set[int]:
    """Les cellules de la section « Mon bilan » (inutile dans un devoir : ``verifier`` n'y est pas appelé)."""
    retirees = set()
    for i, cellule in enumerate(cellules):
        if cellule.cell_type == "code" and "from grc.progression import bilan" in cellule.source:
            retirees.add(i)
            if i and cellules[i - 1].cell_type == "markdown" and "bilan" in cellules[i - 1].source.lower():
                retirees.add(i - 1)
    return retirees


def carnet_devoir(corrige: nbformat.NotebookNode, exercices: list[Exercice], redactions: list[Redaction],
                  attendus: dict[str, dict], *, approfondissement: bool = False, points_exercice: float = 1.0,
                  garder_verifier: bool = False, numero: str | None = None) -> tuple[nbformat.NotebookNode, Bilan]:
    """Le carnet source nbgrader du devoir, et son bilan (exercices, points).

    ``numero`` (« 10 ») : les questions rédigées s'appellent ``10_redaction_1``... comme dans
    ``course/redactions.json`` et le ramassage ; sans lui, ``redaction_1``...

    ``attendus`` : ``{nom: encodage}`` (:func:`outils.devoir.attendus.relever`). Sans
    ``approfondissement``, les parties marquées approfondissement sont laissées de côté : leurs textes,
    exercices et questions disparaissent ; leurs cellules de code toutes faites restent (repliées), car
    la suite peut en avoir besoin.
    """
    carnet = nettoyer(corrige)
    cellules = list(carnet.cells)
    bilan = Bilan()
    par_reponse = {e.cellule: e for e in exercices}
    par_verifier = {e.cellule_verifier: e for e in exercices}
    par_redaction = {r.cellule: r for r in redactions}
    nom_redaction = {r.cellule: f"{numero}_{r.identifiant}" if numero else r.identifiant for r in redactions}
    retirees = _section_bilan(cellules)
    sortie: list = []
    note_posee = False
    for i, cellule in enumerate(cellules):
        cellule = copy.deepcopy(cellule)
        origine = corrige.cells[i].get("metadata", {})
        cellule.metadata.update({k: copy.deepcopy(origine[k]) for k in ("grc", "jupyter") if k in origine})
        marquee = est_approfondissement(cellule)
        if i in retirees:
            continue
        if marquee and not approfondissement:
            exercice = par_reponse.get(i) or par_verifier.get(i)
            if exercice is not None:
                bilan.laisses.append(exercice.nom)
            elif i in par_redaction:
                bilan.laisses.append(nom_redaction[i])
            if cellule.cell_type == "markdown" or exercice is not None or i in par_redaction:
                continue
            if not note_posee:
                sortie.append(new_markdown_cell(NOTE_APPROFONDISSEMENT))
                note_posee = True
            cellule.metadata.setdefault("jupyter", {})["source_hidden"] = True
        else:
            note_posee = False
        if cellule.cell_type == "markdown":
            cellule.source = cellule.source.replace(BANDEAU_CORRIGE, BANDEAU_DEVOIR)
        if cellule.cell_type == "code" and not garder_verifier:
            cellule.source = IMPORT_VERIFIER.sub("", MOTIF_VERIFIER.sub("", cellule.source)).rstrip()
        if i in par_redaction:
            r = par_redaction[i]
            sortie.append(new_markdown_cell(_grille(r)))
            cellule.metadata["nbgrader"] = _meta(nom_redaction[i], solution=True, grade=True, points=r.points)
            bilan.redactions.append((nom_redaction[i], r.points))
            sortie.append(cellule)
            continue
        if i in par_reponse:
            e = par_reponse[i]
            encodage = attendus.get(e.nom, {"type": "inconnu"})
            regle = REGLES.get(e.nom)
            titre = _titre_sur(e.titre, e.nom)
            try:
                assertions = regle(titre) if regle is not None else test_valeur(encodage, titre)
            except (AttributeError, ImportError, KeyError) as erreur:  # règle périmée : noter à la main
                warnings.warn(f"{e.nom} : règle de test inutilisable ({erreur}) ; étape notée à la main.", stacklevel=2)
                assertions = None
            if assertions is None:
                cellule.metadata["nbgrader"] = _meta(e.nom, solution=True, grade=True, points=points_exercice)
                bilan.code_a_la_main.append((e.nom, points_exercice))
                sortie.append(cellule)
                continue
            cellule.metadata["nbgrader"] = _meta(e.nom, solution=True)
            sortie.append(cellule)
            test = new_code_cell(cellule_test(e.expression, titre, points_exercice, assertions))
            test.metadata["nbgrader"] = _meta(f"test_{e.nom}", grade=True, locked=True, points=points_exercice)
            sortie.append(test)
            bilan.automatiques.append((e.nom, points_exercice))
            continue
        if cellule.cell_type == "code" and not cellule.source.strip():
            continue
        if cellule.cell_type == "code" and DEBUT_SOLUTION in cellule.source:
            # une étape non vérifiée (elle prépare une question rédigée) : à remplir, sans note propre
            cellule.metadata["nbgrader"] = _meta(f"reponse_libre_{i:03d}", solution=True)
            bilan.non_notees.append(f"reponse_libre_{i:03d}")
        sortie.append(cellule)
    sortie.insert(1, _cellule_bareme(bilan))
    sortie[1].metadata["nbgrader"] = _meta("bareme_du_devoir", locked=True)
    for k, cellule in enumerate(sortie):
        cellule.pop("id", None)
        if "nbgrader" not in cellule.metadata:
            cellule.metadata["nbgrader"] = _meta(f"lecture_{k:03d}", locked=True)
    carnet.cells = sortie
    return carnet, bilan


def _cellule_bareme(bilan: Bilan) -> nbformat.NotebookNode:
    """La cellule qui annonce le barème de ce devoir (il peut différer de celui du carnet complet)."""
    auto = sum(p for _, p in bilan.automatiques)
    main = sum(p for _, p in bilan.code_a_la_main + bilan.redactions)
    texte = (f"**Ce devoir est noté sur {_points_fr(bilan.total)} points** : "
             f"{len(bilan.automatiques)} étape(s) vérifiée(s) notée(s) automatiquement ({_points_fr(auto)} points) "
             f"et {len(bilan.redactions) + len(bilan.code_a_la_main)} réponse(s) notée(s) par l'enseignant "
             f"({_points_fr(main)} points). Dans ce devoir, `verifier` ne répond pas : relisez vos calculs. "
             f"Enregistrez le carnet avant de le rendre.")
    if bilan.laisses:
        texte += " Les parties d'approfondissement ne sont pas demandées."
    return new_markdown_cell(texte)


CONFIGURATION = '''# Configuration de nbgrader pour le devoir noté du cours GRC (écrite par python -m outils.devoir).
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor, Preprocessor
from nbgrader.preprocessors import ClearHiddenTests, GetGrades
from traitlets import Bool


class ErreursSansCode(Preprocessor):
    """Dans le retour, l'erreur d'un test se réduit à son message : le code autour montrerait les valeurs."""

    enabled = Bool(True)

    def preprocess_cell(self, cell, resources, index):
        meta = cell.metadata.get("nbgrader", {{}})
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            for sortie in cell.get("outputs", []):
                if sortie.get("output_type") == "error":
                    sortie["traceback"] = [f"{{sortie.get('ename')}}: {{sortie.get('evalue')}}"]
        return cell, resources


c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "grc"
# Ce que l'élève trouve à la place des solutions (comme dans les cahiers du cours).
c.ClearSolutions.code_stub = {{"python": {invite_code!r}}}
c.ClearSolutions.text_stub = {invite_texte!r}
# Le cahier du devoir s'exécute en une à deux minutes : une cellule peut prendre du temps (score, plan).
c.Execute.timeout = 600
# Le retour rendu à l'élève montre ses notes et les messages des tests, pas le code des tests cachés
# (ils contiennent les valeurs attendues : le devoir reste réutilisable). Retirez ClearHiddenTests pour les montrer.
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, ErreursSansCode, CSSHTMLHeaderPreprocessor]
'''


def ecrire_cours(dossier: Path, carnet: nbformat.NotebookNode, devoir: str, fichier: str) -> Path:
    """Écrit ``dossier/source/<devoir>/<fichier>`` et, s'il manque, ``dossier/nbgrader_config.py``.

    Renvoie le chemin du carnet écrit. Une configuration existante (celle de l'enseignant) est gardée.
    """
    cible = dossier / "source" / devoir / fichier
    cible.parent.mkdir(parents=True, exist_ok=True)
    cible.write_text(nbformat.writes(carnet) + "\n", encoding="utf-8")
    configuration = dossier / "nbgrader_config.py"
    if not configuration.exists():
        configuration.write_text(CONFIGURATION.format(invite_code=INVITE_CODE, invite_texte=INVITE_TEXTE),
                                 encoding="utf-8")
    return cible
