"""L'édition élève du cours : ce que reçoivent les élèves, sans corrigés ni matériel d'enseignant.

Elle contient les cahiers (``notebooks/``), les leçons (``course/``, sans la banque du QCM), les
données (``datasets/``), le paquet ``grc`` en roue (``paquet/cours_grc-*.whl``, installable par
``pip install``), un ``README.md`` écrit pour l'élève et un ``.gitignore`` qui exclut
``mon-travail/`` : un serveur de classe qui tire l'édition par nbgitpuller ne touche donc jamais au
travail de l'élève.

Ce qui n'y est **pas** : ``solutions/``, ``tests/``, ``site/`` (page des enseignants), ``course/qcm/``,
``benchmarks/``, ``outils/``, ``deploiement/``, ni le code source de ``grc`` en clair.

Limite, dite honnêtement : le paquet ``grc`` (la roue) contient les vérificateurs des exercices et la
banque du QCM. Ils savent calculer les réponses attendues : elles sont *privées* (un élève ne les voit
pas en travaillant), pas *secrètes* (un élève qui ouvre la roue ou le paquet installé peut les
retrouver).

Usage ::

    python -m outils.edition DOSSIER             # écrit l'édition dans DOSSIER (vidé d'abord)
    python -m outils.edition --branche eleves    # et/ou la valide sur la branche « eleves » du dépôt

>>> sorted({d.split("/")[0] for d, _ in fichiers_edition()})[:4]
['.gitignore', 'README.md', 'course', 'datasets']
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent

#: Dossiers copiés tels quels (avec leurs sous-dossiers), sauf les exclusions ci-dessous.
DOSSIERS = ("notebooks", "course", "datasets")
#: Fichiers de la racine copiés tels quels s'ils existent.
FICHIERS_RACINE = ("LICENSE",)
#: Chemins (relatifs à la racine) jamais copiés : matériel des enseignants, outils des auteurs.
EXCLUS = (
    "course/qcm",          # la banque du QCM : les élèves passent par quiz() et les feuilles
    "datasets/generer.py",  # le générateur des données : outil des auteurs
    "course/redactions.json",  # réponses modèles : l'élève les lit par grc.redaction (dans la roue, filtrées)
)
#: Thèmes notés : leurs réponses modèles et leurs grilles restent hors de l'édition (cas 10).
THEMES_NOTES = ("10",)
RESSOURCE_REDACTIONS = "grc/_ressources/course/redactions.json"
#: Noms jamais copiés, où qu'ils soient.
NOMS_EXCLUS = {"__pycache__", ".ipynb_checkpoints", ".DS_Store", ".pytest_cache", "mon-travail"}
SUFFIXES_EXCLUS = {".pyc", ".pyo", ".sqlite", ".db"}

GITIGNORE = """\
# Le travail de l'élève : jamais dans le dépôt du cours, jamais touché par une mise à jour.
mon-travail/
.ipynb_checkpoints/
__pycache__/
*.pyc
.venv/
*.egg-info/
build/
"""


def _exclu(relatif: Path) -> bool:
    texte = relatif.as_posix()
    if any(texte == e or texte.startswith(e + "/") for e in EXCLUS):
        return True
    return bool(NOMS_EXCLUS & set(relatif.parts)) or relatif.suffix in SUFFIXES_EXCLUS


def _readme() -> str:
    from grc.themes import THEMES

    lignes = [
        "# Cours GRC — édition élève",
        "",
        "Le cours de **gestion de la relation client** (GRC) : les leçons à lire, les cahiers d'exercices "
        "à faire, les données de Verdance, une jardinerie fictive. Les corrigés ne sont pas dans cette "
        "édition : c'est votre enseignant qui les donne, après le rendu.",
        "",
        "## Comment travailler",
        "",
        "1. Lisez la leçon du thème (dossier `course/`).",
        "2. Ouvrez le cahier du thème (dossier `notebooks/`) : la première fois, une **copie** est faite "
        "dans `mon-travail/` ; c'est elle que vous remplissez.",
        "3. Dans chaque exercice, remplacez `...` par votre calcul et exécutez la cellule : `verifier(...)` "
        "dit si c'est juste, et sinon ce qui ne va pas, sans donner la réponse.",
        "4. Terminez par le quiz du thème.",
        "",
        "Votre travail (copies des cahiers, progression, réponses au quiz) est dans `mon-travail/`. "
        "Les mises à jour du cours ne touchent jamais ce dossier.",
        "",
        "## Les thèmes",
        "",
        "| n° | thème | leçon | cahier |",
        "| --- | --- | --- | --- |",
    ]
    for t in THEMES:
        if (RACINE / t.cahier).exists():
            lecon = f"[leçon]({t.lecon})" if (RACINE / t.lecon).exists() else "—"
            lignes.append(f"| {t.numero} | {t.titre} | {lecon} | [cahier]({t.cahier}) |")
    lignes += [
        "",
        "## Installer sur son ordinateur (facultatif)",
        "",
        "Sur le serveur de la classe, tout est déjà installé. Chez vous, avec Python 3.11 ou plus récent, "
        "depuis ce dossier : `python -m pip install paquet/cours_grc-*.whl` (le paquet `grc` et ses "
        "dépendances), puis `jupyter lab`.",
        "",
    ]
    return "\n".join(lignes)


def fichiers_edition(racine: Path = RACINE) -> Iterator[tuple[str, Path | str]]:
    """Les fichiers de l'édition : ``(chemin dans l'édition, source)``.

    La source est un ``Path`` (fichier du dépôt copié tel quel) ou un ``str`` (contenu écrit).

    >>> dict(fichiers_edition())[".gitignore"].splitlines()[1]
    'mon-travail/'
    """
    yield "README.md", _readme()
    yield ".gitignore", GITIGNORE
    for nom in FICHIERS_RACINE:
        if (racine / nom).is_file():
            yield nom, racine / nom
    for dossier in DOSSIERS:
        for chemin in sorted((racine / dossier).rglob("*")):
            relatif = chemin.relative_to(racine)
            if chemin.is_file() and not _exclu(relatif):
                yield relatif.as_posix(), chemin


def redactions_edition(texte: str, notes: Sequence[str] = THEMES_NOTES) -> str:
    """``redactions.json`` sans les réponses modèles ni les grilles des thèmes notés.

    >>> brut = json.dumps({"format": 1, "redactions": {
    ...     "10_redaction_1": {"theme": "10", "modele": "secret", "criteres": [{"critere": "x", "points": 1}]},
    ...     "02_redaction_1": {"theme": "02", "modele": "visible", "criteres": []}}})
    >>> fiches = json.loads(redactions_edition(brut))["redactions"]
    >>> fiches["10_redaction_1"], fiches["02_redaction_1"]["modele"]
    ({'theme': '10', 'ferme': True}, 'visible')
    """
    donnees = json.loads(texte)
    for nom, fiche in donnees["redactions"].items():
        if fiche.get("theme") in notes:
            gardees = {k: v for k, v in fiche.items() if k not in {"modele", "criteres", "question"}}
            donnees["redactions"][nom] = {"theme": fiche["theme"], **gardees, "ferme": True}
    return json.dumps(donnees, ensure_ascii=False, indent=1) + "\n"


def _empreinte_record(contenu: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(contenu).digest()).rstrip(b"=").decode()


def fermer_reponses_notees(roue: Path) -> None:
    """Réécrit dans la roue ``redactions.json`` sans les réponses des thèmes notés (et son RECORD)."""
    with zipfile.ZipFile(roue) as source:
        membres = [(info, source.read(info)) for info in source.infolist()]
    noms = {info.filename for info, _ in membres}
    if RESSOURCE_REDACTIONS not in noms:
        return
    nouveau = dict((i.filename, c) for i, c in membres)[RESSOURCE_REDACTIONS].decode("utf-8")
    nouveau = redactions_edition(nouveau).encode("utf-8")
    with zipfile.ZipFile(roue, "w", zipfile.ZIP_DEFLATED) as cible:
        for info, contenu in membres:
            if info.filename == RESSOURCE_REDACTIONS:
                contenu = nouveau
            elif info.filename.endswith(".dist-info/RECORD"):
                lignes = []
                for ligne in contenu.decode("utf-8").splitlines():
                    if ligne.startswith(RESSOURCE_REDACTIONS + ","):
                        ligne = f"{RESSOURCE_REDACTIONS},{_empreinte_record(nouveau)},{len(nouveau)}"
                    lignes.append(ligne)
                contenu = ("\n".join(lignes) + "\n").encode("utf-8")
            cible.writestr(info, contenu)


def construire_roue(dossier: Path, racine: Path = RACINE) -> Path:
    """La roue du paquet ``grc`` (``cours-grc``, données et banque du QCM comprises) dans ``dossier``.

    Les réponses modèles des thèmes notés (:data:`THEMES_NOTES`) en sont retirées.
    """
    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    for ancienne in dossier.glob("cours_grc-*.whl"):
        ancienne.unlink()
    commande = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dossier), str(racine)]
    try:
        import hatchling  # noqa: F401  (présent : construction sans aller chercher l'outil sur PyPI)

        commande.insert(5, "--no-build-isolation")
    except ImportError:
        pass
    subprocess.run(commande, check=True, capture_output=True)
    roue = next(dossier.glob("cours_grc-*.whl"))
    fermer_reponses_notees(roue)
    return roue


def ecrire_edition(dossier: Path, racine: Path = RACINE, roue: Path | None = None) -> list[str]:
    """Écrit l'édition élève dans ``dossier`` (vidé d'abord, sauf ``.git`` et ``mon-travail``).

    ``roue`` : la roue de ``grc`` déjà construite (sinon elle est construite). Renvoie la liste
    triée des chemins écrits.
    """
    dossier = Path(dossier)
    if dossier.resolve() == racine.resolve() or racine.resolve().is_relative_to(dossier.resolve()):
        raise ValueError(f"Le dossier de l'édition ({dossier}) ne peut pas contenir le dépôt du cours.")
    dossier.mkdir(parents=True, exist_ok=True)
    for ancien in dossier.iterdir():
        if ancien.name in {".git", "mon-travail"}:
            continue
        shutil.rmtree(ancien) if ancien.is_dir() and not ancien.is_symlink() else ancien.unlink()
    ecrits = []
    for relatif, source in fichiers_edition(racine):
        cible = dossier / relatif
        cible.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, Path):
            shutil.copyfile(source, cible)
        else:
            cible.write_text(source, encoding="utf-8")
        ecrits.append(relatif)
    paquet = dossier / "paquet"
    if roue is None:
        roue = construire_roue(paquet, racine)
    else:
        paquet.mkdir(exist_ok=True)
        shutil.copyfile(roue, paquet / Path(roue).name)
    ecrits.append(f"paquet/{Path(roue).name}")
    return sorted(ecrits)


def _git(*args: str, racine: Path, env: dict[str, str] | None = None) -> str:
    return subprocess.run(["git", *args], cwd=racine, env=env, check=True, text=True,
                          capture_output=True).stdout.strip()


def valider_branche(dossier: Path, branche: str, racine: Path = RACINE,
                    message: str = "Édition élève du cours") -> str | None:
    """Valide le contenu de ``dossier`` sur la branche ``branche`` du dépôt ``racine``.

    Le commit a pour parent le sommet précédent de la branche : un ``git pull`` (ou nbgitpuller)
    de la branche avance sans conflit. Rien n'est validé si le contenu n'a pas changé : renvoie
    ``None`` ; sinon l'identifiant du commit. Le dépôt et son dossier de travail ne sont pas touchés.
    """
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, GIT_INDEX_FILE=str(Path(tmp) / "index"), GIT_WORK_TREE=str(Path(dossier).resolve()))
        env.setdefault("GIT_AUTHOR_NAME", "Cours GRC")
        env.setdefault("GIT_AUTHOR_EMAIL", "cours-grc@localhost")
        env.setdefault("GIT_COMMITTER_NAME", env["GIT_AUTHOR_NAME"])
        env.setdefault("GIT_COMMITTER_EMAIL", env["GIT_AUTHOR_EMAIL"])
        _git("add", "--all", "--force", "--", ".", ":(exclude)mon-travail", ":(exclude).git",
             racine=racine, env=env)
        arbre = _git("write-tree", racine=racine, env=env)
        ref = f"refs/heads/{branche}"
        parent = subprocess.run(["git", "rev-parse", "--verify", "-q", ref], cwd=racine, text=True,
                                capture_output=True).stdout.strip()
        if parent and _git("rev-parse", f"{parent}^{{tree}}", racine=racine) == arbre:
            return None
        commit = _git("commit-tree", arbre, *(["-p", parent] if parent else []), "-m", message,
                      racine=racine, env=env)
        _git("update-ref", ref, commit, *([parent] if parent else []), racine=racine)
        return commit


def main(argv: Sequence[str] | None = None) -> int:
    parseur = argparse.ArgumentParser(
        prog="python -m outils.edition",
        description="Écrit l'édition élève du cours (sans corrigés) dans un dossier et/ou sur une branche git.")
    parseur.add_argument("dossier", nargs="?", type=Path, help="dossier où écrire l'édition (vidé d'abord)")
    parseur.add_argument("--branche", help="valide aussi l'édition sur cette branche du dépôt (ex. eleves)")
    parseur.add_argument("--message", default="Édition élève du cours", help="message du commit")
    args = parseur.parse_args(argv)
    if args.dossier is None and args.branche is None:
        parseur.error("donnez un DOSSIER, une --branche, ou les deux")
    with tempfile.TemporaryDirectory() as tmp:
        dossier = args.dossier or Path(tmp) / "edition"
        ecrits = ecrire_edition(dossier)
        if args.dossier is not None:
            print(f"Édition élève : {len(ecrits)} fichiers dans {dossier}.")
        if args.branche:
            commit = valider_branche(dossier, args.branche, message=args.message)
            if commit is None:
                print(f"Branche {args.branche} : déjà à jour.")
            else:
                print(f"Branche {args.branche} : commit {commit[:10]}. Publiez-la : git push origin {args.branche}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
