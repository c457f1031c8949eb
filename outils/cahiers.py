"""Génère les cahiers élèves (``notebooks/``) à partir des corrigés (``solutions/``).

Les corrigés sont la source : le code entre ``### BEGIN SOLUTION`` et
``### END SOLUTION`` est remplacé par une invite, comme le fait nbgrader (on
réutilise son préprocesseur ``ClearSolutions``), les sorties sont effacées et
le bandeau « Corrigé » devient « Cahier d'exercices ».

Usage : ``python -m outils.cahiers`` (ou ``make cahiers``).
"""

from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ClearMetadataPreprocessor, ClearOutputPreprocessor
from nbgrader.preprocessors import ClearSolutions

RACINE = Path(__file__).resolve().parent.parent
INVITE_CODE = "# Écrivez votre code ici"
INVITE_TEXTE = "_Votre réponse ici (double-cliquez pour écrire)._"
#: Dans le cahier, une réponse rédigée s'écrit à un seul endroit : le cadre de ``rediger(...)``.
INVITE_CADRE = ("_Votre réponse s'écrit dans le cadre qui s'affiche sous la cellule suivante : exécutez-la "
                "(Maj + Entrée), puis écrivez dedans. Elle est enregistrée dans votre dossier mon-travail._")
BANDEAU_CORRIGE = "📃 Corrigé"
BANDEAU_CAHIER = "📝 Cahier d'exercices"
BADGE_APPROFONDISSEMENT = "🎓 Approfondissement (BUT TC, licence, école) — facultatif en BTS"
METADONNEES_GARDEES = {"tags", "grc", "jupyter"}
FICHIER_REDACTIONS = RACINE / "course" / "redactions.json"
IMPORT_EXERCICES = "from grc.exercices import verifier"
IMPORT_REDIGER = "from grc.redaction import rediger"
_BAREME = re.compile(r"\*\*Barème \(([\d,]+) points?\)\.\*\*\s*(.*)", re.S)
_SOLUTION = re.compile(r"### BEGIN SOLUTION\n?(.*?)\n?### END SOLUTION", re.S)
#: Marque de cellule ``{"grc": {"sans_invite": true}}`` : sa partie visible (un formulaire à remplir) dit déjà
#: quoi faire, le cahier n'y ajoute pas la ligne d'invite.
SANS_INVITE = "sans_invite"


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


def retirer_invite(cellule: nbformat.NotebookNode) -> None:
    r"""Retire la ligne d'invite d'une cellule marquée ``{"grc": {"sans_invite": true}}`` ; les autres restent telles quelles.

    >>> marque = {"grc": {"sans_invite": True}}
    >>> formulaire = nbformat.v4.new_code_cell(f"x = ...  # un nombre\n{INVITE_CODE}\nverifier('n', x)", metadata=marque)
    >>> retirer_invite(formulaire)
    >>> print(formulaire.source)
    x = ...  # un nombre
    verifier('n', x)
    >>> ordinaire = nbformat.v4.new_code_cell(f"x = ...\n{INVITE_CODE}")
    >>> retirer_invite(ordinaire)
    >>> INVITE_CODE in ordinaire.source
    True
    """
    if cellule.cell_type == "code" and cellule.metadata.get("grc", {}).get(SANS_INVITE):
        cellule.source = "\n".join(ligne for ligne in cellule.source.split("\n") if ligne.strip() != INVITE_CODE)


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


def cahier_eleve(corrige: nbformat.NotebookNode, numero: str | None = None) -> nbformat.NotebookNode:
    """Le cahier élève d'un corrigé : solutions remplacées par des invites.

    ``numero`` (« 02 ») : ajoute après chaque réponse rédigée la cellule ``rediger(...)``.
    """
    reperes = redactions_du_corrige(corrige, numero) if numero else []
    carnet = nettoyer(corrige)
    ClearSolutions(
        code_stub={"python": INVITE_CODE}, text_stub=INVITE_TEXTE, enforce_metadata=False
    ).preprocess(carnet, {})
    for cellule in carnet.cells:
        cellule.metadata.pop("nbgrader", None)
        retirer_invite(cellule)
        if cellule.cell_type == "markdown":
            cellule.source = cellule.source.replace(BANDEAU_CORRIGE, BANDEAU_CAHIER)
    ajouter_rediger(carnet, reperes)
    poser_badges(carnet)
    return carnet


# --- Les réponses rédigées ------------------------------------------------------------------------


def nombre_fr(texte_nombre: str) -> float:
    """« 0,25 » → 0.25.

    >>> nombre_fr("1,5")
    1.5
    """
    return float(texte_nombre.strip().replace(",", "."))


def lire_bareme(texte_bareme: str) -> tuple[float, list[dict]]:
    """Les points et les critères d'une ligne « **Barème (N points).** critère : 0,5 · ... ».

    >>> lire_bareme("**Barème (1 point).** Chiffres tirés du tableau : 0,5 · deux règles : 0,5.")
    (1.0, [{'critere': 'Chiffres tirés du tableau', 'points': 0.5}, {'critere': 'Deux règles', 'points': 0.5}])
    """
    trouve = _BAREME.search(texte_bareme)
    if trouve is None:
        return 0.0, []
    criteres = []
    for morceau in re.split(r"\s+·\s+", " ".join(trouve.group(2).split()).rstrip(".")):
        critere, _, points = morceau.rpartition(":")
        critere = " ".join(critere.split())
        criteres.append({"critere": critere[:1].upper() + critere[1:], "points": nombre_fr(points)})
    return nombre_fr(trouve.group(1)), criteres


def titre_question(question: str) -> str:
    """Le titre d'une question : son intertitre, ou son début en gras.

    >>> titre_question("### Question ouverte — Lire une saisonnalité\\n\\nAvec le curseur...")
    'Question ouverte — Lire une saisonnalité'
    >>> titre_question("**Question ouverte A.** Quel seuil retiendriez-vous ?")
    'Question ouverte A'
    """
    ligne = next((ligne.strip() for ligne in question.splitlines() if ligne.strip()), "")
    if ligne.startswith("**"):
        ligne = ligne[2:].split("**", 1)[0]
    return ligne.lstrip("# ").rstrip(" .")


def titre_avant(cellules: list) -> str:
    """Le titre de la dernière cellule de texte qui commence par un intertitre ou du gras."""
    for cellule in reversed(cellules):
        debut = cellule.source.lstrip()
        if cellule.cell_type == "markdown" and debut.startswith(("#", "**")):
            return titre_question(debut)
    return ""


def redactions_du_corrige(corrige: nbformat.NotebookNode, numero: str) -> list[tuple[int, str, dict]]:
    """Chaque réponse rédigée d'un corrigé : (indice de sa cellule, nom, fiche pour ``redactions.json``).

    >>> carnet = nbformat.v4.new_notebook()
    >>> carnet.cells = [nbformat.v4.new_markdown_cell("### Question ouverte — Pourquoi ?\\nDites pourquoi."),
    ...     nbformat.v4.new_markdown_cell("### BEGIN SOLUTION\\nParce que.\\n\\n**Barème (1 point).** "
    ...                                   "Une raison : 1.\\n### END SOLUTION")]
    >>> [(i, nom, fiche["modele"], fiche["points"]) for i, nom, fiche in redactions_du_corrige(carnet, "02")]
    [(1, '02_redaction_1', 'Parce que.', 1.0)]
    """
    sortie = []
    for i, cellule in enumerate(corrige.cells):
        trouve = _SOLUTION.search(cellule.source) if cellule.cell_type == "markdown" else None
        if trouve is None:
            continue
        corps = trouve.group(1).strip()
        debut_bareme = corps.find("**Barème")
        modele = corps[:debut_bareme].strip() if debut_bareme >= 0 else corps
        points, criteres = lire_bareme(corps)
        question = next((c.source.strip() for c in reversed(corrige.cells[:i]) if c.cell_type == "markdown"), "")
        nom = f"{numero}_redaction_{len(sortie) + 1}"
        fiche = {"theme": numero, "titre": titre_avant(corrige.cells[:i]), "question": question,
                 "modele": modele, "points": points, "criteres": criteres, "niveau": niveau(cellule)}
        sortie.append((i, nom, fiche))
    return sortie


def ajouter_rediger(carnet: nbformat.NotebookNode, reperes: list[tuple[int, str, dict]]) -> None:
    """Ajoute après chaque cellule de réponse rédigée la cellule ``rediger("NN_redaction_K")``.

    Les indices de ``reperes`` sont ceux du corrigé (mêmes cellules que le cahier avant ajout) ;
    l'import de ``rediger`` rejoint celui de ``verifier`` dans la cellule d'imports du cahier.
    """
    for i, nom, fiche in sorted(reperes, reverse=True):
        meta = {"grc": {"redaction": nom}}
        if fiche["niveau"] == "approfondissement":
            meta["grc"]["niveau"] = "approfondissement"
        cellule = nbformat.v4.new_code_cell(f'rediger("{nom}")', metadata=meta)
        cellule.pop("id", None)
        carnet.cells.insert(i + 1, cellule)
        if carnet.cells[i].source.strip() == INVITE_TEXTE:
            carnet.cells[i].source = INVITE_CADRE
    if not reperes:
        return
    for cellule in carnet.cells:
        if cellule.cell_type == "code" and IMPORT_EXERCICES in cellule.source.splitlines():
            cellule.source = cellule.source.replace(IMPORT_EXERCICES, f"{IMPORT_EXERCICES}\n{IMPORT_REDIGER}", 1)
            return
    premiere = next(c for c in carnet.cells if c.metadata.get("grc", {}).get("redaction"))
    premiere.source = f"{IMPORT_REDIGER}\n{premiere.source}"


def texte(carnet: nbformat.NotebookNode) -> str:
    return nbformat.writes(carnet) + "\n"


def numero_du(chemin: Path) -> str:
    """« 02 » pour ``solutions/02-segmentation-rfm.ipynb``.

    >>> numero_du(Path("solutions/02-segmentation-rfm.ipynb"))
    '02'
    """
    return chemin.name.split("-", 1)[0]


def texte_redactions(source: Path = RACINE / "solutions") -> str:
    """Le contenu de ``course/redactions.json`` : chaque réponse rédigée, sa réponse modèle et son barème."""
    fiches = {}
    for chemin in sorted(source.glob("*.ipynb")):
        for _, nom, fiche in redactions_du_corrige(nbformat.read(chemin, as_version=4), numero_du(chemin)):
            fiches[nom] = {"cahier": chemin.name, **fiche}
    return json.dumps({"format": 1, "redactions": fiches}, ensure_ascii=False, indent=1) + "\n"


def generer(source: Path = RACINE / "solutions", cible: Path = RACINE / "notebooks") -> list[Path]:
    """Réécrit les corrigés sans sorties et régénère chaque cahier élève."""
    cible.mkdir(exist_ok=True)
    ecrits = []
    for chemin in sorted(source.glob("*.ipynb")):
        corrige = nbformat.read(chemin, as_version=4)
        chemin.write_text(texte(nettoyer(corrige)), encoding="utf-8")
        sortie = cible / chemin.name
        sortie.write_text(texte(cahier_eleve(corrige, numero_du(chemin))), encoding="utf-8")
        ecrits.append(sortie)
    if source == RACINE / "solutions":
        FICHIER_REDACTIONS.write_text(texte_redactions(source), encoding="utf-8")
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
