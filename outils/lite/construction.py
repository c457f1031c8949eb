"""Construction du site JupyterLite (voir ``outils/lite/__init__.py``)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from importlib import metadata
from pathlib import Path

import nbformat

from outils.edition import construire_roue, ecrire_edition

from . import CDN, JUPYTERLITE_CORE, PYODIDE, PYODIDE_KERNEL
from .accueil import page_accueil

RACINE = Path(__file__).resolve().parents[2]
CACHE = RACINE / "_build" / "lite-cache"
#: Fichiers du cœur de Pyodide (paquet npm) servis par le site.
FICHIERS_COEUR = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
#: Paquets purs du verrou de Pyodide dont le noyau a besoin pour démarrer : servis par le site
#: (roues de PyPI aux versions du verrou), pour que le noyau démarre même si le CDN est bloqué.
NOYAU = ("micropip", "ipython", "jedi")
#: Paquets absents du verrou de Pyodide, purs, pris sur PyPI aux versions de l'environnement de
#: construction : (nom, modules importés, dépendances dans le verrou).
AJOUTS = (
    ("comm", ["comm"], ["traitlets"]),
    ("jupyterlab-widgets", ["jupyterlab_widgets"], []),
    ("ipywidgets", ["ipywidgets"], ["comm", "ipython", "traitlets", "jupyterlab-widgets"]),
    ("seaborn", ["seaborn"], ["numpy", "pandas", "matplotlib"]),
)
#: Ce que ``import grc`` charge (les cahiers importent eux-mêmes scikit-learn ou scipy s'il le faut).
#: jinja2 : les tableaux mis en forme (``DataFrame.style``) l'importent sans que le cahier le nomme.
DEPENDANCES_GRC = ["numpy", "pandas", "matplotlib", "seaborn", "ipywidgets", "pyyaml", "pydantic", "jinja2"]


def _nom(nom: str) -> str:
    return re.sub(r"[-_.]+", "-", nom).lower()


def _sha256(chemin: Path) -> str:
    return hashlib.sha256(chemin.read_bytes()).hexdigest()


REGISTRE_NPM = os.environ.get("npm_config_registry", "https://registry.npmjs.org").rstrip("/")


def _telecharger(url: str, destination: Path) -> None:
    """Télécharge ``url`` dans ``destination`` (erreur en français si le réseau ou le registre manque)."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=120) as reponse, open(destination, "wb") as sortie:
            shutil.copyfileobj(reponse, sortie)
    except (urllib.error.URLError, OSError) as exc:
        destination.unlink(missing_ok=True)
        raise SystemExit(f"Téléchargement impossible de {url} ({exc}). Installez Node.js (npm) ou vérifiez "
                         "l'accès au registre npm, puis relancez.") from exc


def coeur_pyodide(cache: Path = CACHE) -> Path:
    """Le cœur de Pyodide (paquet npm ``pyodide``, version figée), téléchargé une fois dans le cache."""
    dossier = cache / f"pyodide-{PYODIDE}"
    if (dossier / "pyodide-lock.json").is_file():
        return dossier
    cache.mkdir(parents=True, exist_ok=True)
    archive_npm = cache / f"pyodide-{PYODIDE}.tgz"
    if shutil.which("npm"):
        subprocess.run(["npm", "pack", "--silent", f"pyodide@{PYODIDE}", "--pack-destination", str(cache)],
                       check=True, capture_output=True)
    else:  # pas de Node.js (poste d'enseignant, CI neuve) : la même archive, prise au registre npm
        _telecharger(f"{REGISTRE_NPM}/pyodide/-/pyodide-{PYODIDE}.tgz", archive_npm)
    with tarfile.open(archive_npm) as archive:
        archive.extractall(cache / "npm", filter="data")
    shutil.move(cache / "npm" / "package", dossier)
    return dossier


def roues_pypi(specs: list[str], cache: Path = CACHE) -> dict[str, Path]:
    """Télécharge (une fois) des roues pures de PyPI : ``{nom normalisé: roue}``."""
    dossier = cache / "roues"
    dossier.mkdir(parents=True, exist_ok=True)
    def presentes() -> dict[str, Path]:
        return {_nom(r.name.split("-")[0]) + "==" + r.name.split("-")[1]: r for r in dossier.glob("*.whl")}
    manquantes = [s for s in specs if _nom(s.split("==")[0]) + "==" + s.split("==")[1] not in presentes()]
    if manquantes:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                        "--python-version", "3.14", "--implementation", "py", "--abi", "none",
                        "--platform", "any", "-d", str(dossier), *manquantes], check=True)
    trouvees = presentes()
    return {_nom(s.split("==")[0]): trouvees[_nom(s.split("==")[0]) + "==" + s.split("==")[1]] for s in specs}


def roue_grc(cache: Path = CACHE) -> Path:
    """La roue du paquet ``grc`` (``cours-grc``, données comprises), construite depuis le dépôt."""
    return construire_roue(cache / "grc")


def _fermeture(paquets: dict, noms) -> set[str]:
    vus, pile = set(), [_nom(n) for n in noms]
    while pile:
        n = pile.pop()
        if n in vus or n not in paquets:
            continue
        vus.add(n)
        pile += [_nom(d) for d in paquets[n]["depends"]]
    return vus


def verrou(sortie: Path, grc: Path, pyodide_complet: Path | None = None, cache: Path = CACHE) -> dict:
    """Écrit ``sortie/pyodide/`` : cœur, ``pyodide-lock.json`` étendu, roues servies par le site."""
    coeur = coeur_pyodide(cache)
    cible = sortie / "pyodide"
    cible.mkdir(parents=True, exist_ok=True)
    for nom in FICHIERS_COEUR:
        shutil.copyfile(coeur / nom, cible / nom)
    donnees = json.loads((coeur / "pyodide-lock.json").read_text(encoding="utf-8"))
    paquets = {_nom(k): v for k, v in donnees["packages"].items()}
    locaux = _fermeture(paquets, NOYAU)
    roues = roues_pypi([f"{paquets[n]['name']}=={paquets[n]['version']}" for n in sorted(locaux)]
                       + [f"{nom}=={metadata.version(nom)}" for nom, _, _ in AJOUTS], cache)
    for nom, entree in paquets.items():
        if nom in locaux:
            roue = roues[nom]
            shutil.copyfile(roue, cible / roue.name)
            entree.update(file_name=roue.name, sha256=_sha256(roue))
        elif pyodide_complet is not None:
            shutil.copyfile(Path(pyodide_complet) / entree["file_name"], cible / entree["file_name"])
        else:
            entree["file_name"] = CDN + entree["file_name"]
    ajouts = [(nom, imports, dependances, roues[_nom(nom)]) for nom, imports, dependances in AJOUTS]
    ajouts.append(("cours-grc", ["grc"], DEPENDANCES_GRC, grc))
    for nom, imports, dependances, roue in ajouts:
        shutil.copyfile(roue, cible / roue.name)
        paquets[_nom(nom)] = {
            "name": nom, "version": roue.name.split("-")[1], "file_name": roue.name, "install_dir": "site",
            "sha256": _sha256(roue), "package_type": "package", "imports": imports, "depends": dependances,
            "unvendored_tests": False,
        }
    donnees["packages"] = dict(sorted(paquets.items()))
    (cible / "pyodide-lock.json").write_text(json.dumps(donnees, indent=1, ensure_ascii=False), encoding="utf-8")
    return donnees


def _contenu(dossier: Path, roue: Path) -> Path:
    """Les fichiers que l'élève voit dans le site : cahiers, leçons, page « Commencer ici »."""
    edition = dossier / "edition"
    ecrire_edition(edition, roue=roue)
    contenu = dossier / "contenu"
    shutil.rmtree(contenu, ignore_errors=True)
    contenu.mkdir(parents=True)
    shutil.copytree(edition / "notebooks", contenu / "notebooks")
    (contenu / "course").mkdir()
    for lecon in sorted((edition / "course").glob("*.md")):
        shutil.copyfile(lecon, contenu / "course" / lecon.name)
    (contenu / "Commencer ici.ipynb").write_text(nbformat.writes(page_accueil()) + "\n", encoding="utf-8")
    return contenu


def _configuration(dossier: Path, cdn: bool) -> None:
    reglages = {
        "@jupyterlab/translation-extension:plugin": {"locale": "fr_FR"},
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
        "@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Markdown Preview"}},
    }
    config = {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Cours GRC",
            "defaultKernelName": "python",
            # Les outils de nbgrader servent à l'enseignant, pas dans le site des élèves.
            "disabledExtensions": ["@jupyter/nbgrader"],
            "litePluginSettings": {
                "@jupyterlite/pyodide-kernel-extension:kernel": {
                    # Relatif à la page (lab/index.html, notebooks/index.html) : le cœur servi par le site.
                    "pyodideUrl": "../pyodide/pyodide.mjs",
                    "disablePyPIFallback": True,
                },
            },
            "settingsOverrides": reglages,
        },
    }
    (dossier / "jupyter-lite.json").write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")
    (dossier / "overrides.json").write_text(json.dumps(reglages, indent=2), encoding="utf-8")


def _verifier_outils() -> None:
    for paquet, attendu in (("jupyterlite-core", JUPYTERLITE_CORE), ("jupyterlite-pyodide-kernel", PYODIDE_KERNEL)):
        try:
            version = metadata.version(paquet)
        except metadata.PackageNotFoundError:
            version = None
        if version != attendu:
            raise RuntimeError(f"{paquet}=={attendu} est requis pour construire le site (trouvé : {version}). "
                               "Lancez make lite, qui l'installe.")


def construire(sortie: Path, pyodide_complet: Path | None = None, cache: Path = CACHE) -> dict:
    """Construit le site dans ``sortie`` ; renvoie un résumé (versions, tailles, durée)."""
    _verifier_outils()
    debut = time.perf_counter()
    sortie = Path(sortie).resolve()
    travail = sortie.parent / (sortie.name + "-source")
    shutil.rmtree(travail, ignore_errors=True)
    travail.mkdir(parents=True)
    roue = roue_grc(cache)
    contenu = _contenu(travail, roue)
    _configuration(travail, cdn=pyodide_complet is None)
    shutil.rmtree(sortie, ignore_errors=True)
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    subprocess.run([str(Path(sys.executable).parent / "jupyter"), "lite", "build", "--lite-dir", str(travail),
                    "--contents", str(contenu), "--output-dir", str(sortie), "--no-sourcemaps",
                    "--settings-overrides", str(travail / "overrides.json")],
                   check=True, env=env, cwd=travail, capture_output=True)
    donnees = verrou(sortie, roue, pyodide_complet, cache)
    resume = {
        "pyodide": PYODIDE,
        "python_pyodide": donnees["info"]["python"],
        "jupyterlite_core": JUPYTERLITE_CORE,
        "jupyterlite_pyodide_kernel": PYODIDE_KERNEL,
        "paquets_compiles": "site" if pyodide_complet else CDN,
        "versions": {n: donnees["packages"][n]["version"] for n in
                     ("numpy", "pandas", "matplotlib", "scipy", "scikit-learn", "seaborn", "ipywidgets", "cours-grc")},
        "taille_site_mo": round(sum(f.stat().st_size for f in sortie.rglob("*") if f.is_file()) / 2**20, 1),
        "duree_s": round(time.perf_counter() - debut, 1),
    }
    (sortie / "versions-grc.json").write_text(json.dumps(resume, indent=2, ensure_ascii=False), encoding="utf-8")
    return resume


def premier_telechargement(donnees: dict, imports: list[str], cache_complet: Path | None = None) -> dict:
    """Ce que le navigateur télécharge pour ``imports`` (fermeture dans le verrou) : nombre de paquets et
    taille quand les roues sont connues (dossier d'une distribution complète), sinon la liste."""
    paquets = {_nom(k): v for k, v in donnees["packages"].items()}
    modules = {i: _nom(k) for k, v in paquets.items() for i in v["imports"]}
    racines = [modules[i] for i in imports if i in modules]
    noms = sorted(_fermeture(paquets, racines))
    return {"paquets": noms, "nombre": len(noms)}
