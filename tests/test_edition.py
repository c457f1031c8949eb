"""L'édition élève (``python -m outils.edition``) ne contient rien des corrigés.

On écrit l'édition dans un dossier temporaire, puis on y cherche : un fichier de ``solutions/``,
un marqueur nbgrader, et chaque ligne de code ou de texte écrite entre ``### BEGIN SOLUTION`` et
``### END SOLUTION`` dans un corrigé (réponses modèles des questions rédigées comprises).

Une ligne de corrigé n'est pas secrète si le cours la montre ailleurs : hors des blocs de solution
du même corrigé (exemple travaillé) ou dans une leçon (les leçons 01 et 11 enseignent les requêtes
SQL en entier). Le paquet ``grc`` est à part : ses vérificateurs calculent les réponses attendues
(privées, pas secrètes) ; il est livré en roue (``paquet/``), où l'on vérifie seulement qu'il n'y a
ni marqueur ni outil d'auteur.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from outils.edition import ecrire_edition, valider_branche

RACINE = Path(__file__).resolve().parent.parent
MARQUEURS = re.compile(r"(BEGIN|END) (SOLUTION|HIDDEN TESTS|MARK SCHEME)")
LONGUEUR_MINI = 12


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dossier = tmp_path_factory.mktemp("edition")
    ecrire_edition(dossier)
    return dossier


def _fichiers(dossier: Path) -> list[Path]:
    return sorted(p for p in dossier.rglob("*") if p.is_file() and ".git" not in p.parts)


def _lignes_cellules(chemin: Path) -> list[list[str]]:
    carnet = json.loads(chemin.read_text(encoding="utf-8"))
    return [c["source"].splitlines() if isinstance(c["source"], str) else "".join(c["source"]).splitlines()
            for c in carnet["cells"]]


def _lignes(chemin: Path) -> set[str]:
    if chemin.suffix == ".ipynb":
        return {ligne.strip() for cellule in _lignes_cellules(chemin) for ligne in cellule}
    try:
        return {ligne.strip() for ligne in chemin.read_text(encoding="utf-8").splitlines()}
    except UnicodeDecodeError:
        return set()


def lignes_secretes() -> set[str]:
    """Les lignes écrites dans les blocs de solution des corrigés et montrées nulle part ailleurs."""
    dedans, dehors = set(), set()
    for corrige in sorted((RACINE / "solutions").glob("*.ipynb")):
        for cellule in _lignes_cellules(corrige):
            bloc = False
            for ligne in cellule:
                if "BEGIN SOLUTION" in ligne:
                    bloc = True
                elif "END SOLUTION" in ligne:
                    bloc = False
                else:
                    (dedans if bloc else dehors).add(ligne.strip())
    for lecon in (RACINE / "course").glob("*.md"):
        dehors |= _lignes(lecon)
    return {ligne for ligne in dedans - dehors if len(ligne) >= LONGUEUR_MINI}


def test_les_lignes_secretes_sont_nombreuses() -> None:
    # Le test ci-dessous ne vaut que s'il cherche vraiment quelque chose.
    assert len(lignes_secretes()) > 500


def test_edition_sans_corriges_ni_materiel_enseignant(edition: Path) -> None:
    chemins = {p.relative_to(edition).as_posix() for p in _fichiers(edition)}
    interdits = ("solutions/", "tests/", "site/", "course/qcm/", "outils/", "deploiement/", "benchmarks/",
                 "grc/")
    assert not [c for c in chemins if c.startswith(interdits)]
    corriges = {p.read_bytes() for p in (RACINE / "solutions").glob("*.ipynb")}
    assert not [p for p in _fichiers(edition) if p.read_bytes() in corriges]
    # Ce qui doit y être : chaque cahier, chaque leçon, les données, le paquet.
    for dossier, motif in (("notebooks", "*.ipynb"), ("course", "*.md"), ("datasets", "*.csv")):
        attendus = {p.name for p in (RACINE / dossier).glob(motif)}
        assert attendus and attendus <= {p.name for p in (edition / dossier).iterdir()}, dossier
    # Le paquet, en roue : code, données et banque du QCM (privée, pas secrète : voir outils/edition.py).
    roue = zipfile.ZipFile(next((edition / "paquet").glob("cours_grc-*.whl")))
    noms = roue.namelist()
    assert "grc/themes.py" in noms and "grc/exercices/__init__.py" in noms
    assert any(n.startswith("grc/_ressources/datasets/") and n.endswith(".csv") for n in noms)
    assert not [n for n in noms if n.startswith(("solutions/", "outils/", "tests/"))]
    # (METADATA reprend le README du dépôt, qui explique les marqueurs aux enseignants.)
    assert not [n for n in noms if not n.endswith(".dist-info/METADATA")
                and MARQUEURS.search(roue.read(n).decode("utf-8", "replace"))]


def test_aucun_marqueur_nbgrader(edition: Path) -> None:
    trouves = []
    for chemin in _fichiers(edition):
        try:
            texte = chemin.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if MARQUEURS.search(texte):
            trouves.append(chemin.relative_to(edition).as_posix())
    assert not trouves, f"Marqueurs de solution dans l'édition : {trouves}"


def test_aucune_ligne_de_corrige_hors_du_paquet(edition: Path) -> None:
    secretes = lignes_secretes()
    fuites = {}
    for chemin in _fichiers(edition):
        relatif = chemin.relative_to(edition)
        communes = secretes & _lignes(chemin)
        if communes:
            fuites[relatif.as_posix()] = sorted(communes)[:3]
    assert not fuites, f"Lignes de corrigé trouvées dans l'édition : {fuites}"


def test_aucune_reponse_modele_dans_les_cahiers(edition: Path) -> None:
    for cahier in (edition / "notebooks").glob("*.ipynb"):
        assert "Réponse modèle" not in cahier.read_text(encoding="utf-8"), cahier.name


def test_mon_travail_ignore_par_git_et_readme_eleve(edition: Path) -> None:
    assert "mon-travail/" in (edition / ".gitignore").read_text(encoding="utf-8").splitlines()
    readme = (edition / "README.md").read_text(encoding="utf-8")
    assert "solutions/" not in readme and "corrigé](" not in readme
    for lien in re.findall(r"\]\(([^)]+)\)", readme):
        assert (edition / lien).is_file(), lien


def test_branche_git_avance_sans_reecrire(edition: Path, tmp_path: Path) -> None:
    depot = tmp_path / "depot"
    subprocess.run(["git", "init", "-q", str(depot)], check=True)
    premier = valider_branche(edition, "eleves", racine=depot)
    assert premier is not None
    assert valider_branche(edition, "eleves", racine=depot) is None  # rien de neuf : pas de commit
    (edition / "mon-travail").mkdir(exist_ok=True)
    (edition / "mon-travail" / "copie.ipynb").write_text("{}", encoding="utf-8")
    assert valider_branche(edition, "eleves", racine=depot) is None  # mon-travail/ n'entre jamais
    (edition / "datasets" / "ajout.txt").write_text("nouveau", encoding="utf-8")
    try:
        second = valider_branche(edition, "eleves", racine=depot)
    finally:
        (edition / "datasets" / "ajout.txt").unlink()
    assert second is not None
    parent = subprocess.run(["git", "rev-parse", f"{second}^"], cwd=depot, check=True, text=True,
                            capture_output=True).stdout.strip()
    assert parent == premier
    fichiers = subprocess.run(["git", "ls-tree", "-r", "--name-only", "eleves"], cwd=depot, check=True,
                              text=True, capture_output=True).stdout.split()
    assert "notebooks/02-segmentation-rfm.ipynb" in fichiers
    assert not [f for f in fichiers if f.startswith(("solutions/", "mon-travail/"))]


def test_reponses_modeles_du_cas_note_fermees(edition: Path) -> None:
    import json
    import zipfile

    from outils.edition import RESSOURCE_REDACTIONS

    assert not (edition / "course" / "redactions.json").exists()
    (roue,) = (edition / "paquet").glob("cours_grc-*.whl")
    with zipfile.ZipFile(roue) as z:
        fiches = json.loads(z.read(RESSOURCE_REDACTIONS))["redactions"]
        assert z.testzip() is None
    completes = json.loads((RACINE / "course" / "redactions.json").read_text(encoding="utf-8"))["redactions"]
    notes = [n for n in completes if n.startswith("10_")]
    assert notes and all(fiches[n].get("ferme") and "modele" not in fiches[n] for n in notes)
    assert fiches["02_redaction_1"]["modele"] == completes["02_redaction_1"]["modele"]
    brut = "".join(json.dumps(fiches[n], ensure_ascii=False) for n in notes)
    for n in notes:
        for c in completes[n]["criteres"]:
            assert c["critere"] not in brut, n
        assert completes[n]["modele"][:80] not in brut
    # et nulle part ailleurs dans l'édition, hors de la roue
    for chemin in _fichiers(edition):
        if chemin.suffix != ".whl":
            texte = chemin.read_text(encoding="utf-8", errors="ignore")
            assert not [n for n in notes if completes[n]["modele"][:80] in texte], chemin
