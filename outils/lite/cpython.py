"""Chaque cahier et chaque corrigé exécuté sur CPython avec les versions de paquets de Pyodide.

``python -m outils.lite.cpython`` (ou ``make test-lite-cpython``, long) : lit le ``pyodide-lock.json``
du Pyodide figé (numpy, pandas, matplotlib, scipy, scikit-learn, pyyaml, pydantic, duckdb), crée
``.venv/lite-cpython`` avec le Python le plus proche disponible (Pyodide : 3.14 ; ici pyenv 3.13),
y installe ces versions exactes (et dit celles qu'il a dû changer), puis exécute chaque carnet avec
nbclient. Le résultat (durée, erreur éventuelle, version changée) va dans
``artefacts/lite/cpython.json``.

Cela montre ce que le code du cours fait avec ces versions-là ; cela ne montre pas ce que Pyodide
lui-même refuse (fils d'exécution, sous-processus) : ces limites sont cherchées à part
(:func:`limites_pyodide`).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from .construction import CACHE, RACINE, coeur_pyodide

VENV = RACINE / ".venv" / "lite-cpython"
ARTEFACTS = RACINE / "artefacts" / "lite"
FIGES = ("numpy", "pandas", "matplotlib", "scipy", "scikit-learn", "pyyaml", "pydantic", "duckdb",
         "python-dateutil", "pytz", "joblib", "threadpoolctl", "jinja2")
AUTRES = ("ipykernel", "nbclient", "nbformat", "ipywidgets", "seaborn", "openpyxl", "lifetimes", "pyarrow")
PYTHONS = ("3.14", "3.13", "3.12")
#: Ce que Pyodide ne sait pas faire, cherché dans le code des cahiers et du paquet.
MOTIFS_INTERDITS = {
    r"\bsubprocess\b": "lance un sous-processus (impossible dans le navigateur)",
    r"\bthreading\b|\bThreadPoolExecutor\b": "utilise des fils d'exécution (absents de Pyodide)",
    r"\bmultiprocessing\b|n_jobs\s*=\s*-1": "utilise plusieurs processus (absents de Pyodide)",
    r"\bsocket\b|urllib\.request|requests\.": "ouvre une connexion réseau directe (impossible dans Pyodide)",
}
#: Paquets absents du verrou de Pyodide (ni servis par le site) : un cahier qui les importe, lui ou les
#: modules ``grc`` qu'il utilise, ne tourne pas dans le navigateur.
ABSENTS_DE_PYODIDE = ("lifetimes", "openpyxl", "weasyprint", "rapidfuzz", "autograd", "nbgrader")
for _paquet in ABSENTS_DE_PYODIDE:
    MOTIFS_INTERDITS[rf"^\s*(?:import|from)\s+{_paquet}\b|\b(?:import_module|find_spec)\(\s*[\"']{_paquet}[\"']"] = (
        f"importe {_paquet}, absent de Pyodide")


def python_proche() -> str:
    """Le chemin du Python le plus proche de celui de Pyodide parmi ceux de pyenv."""
    racine = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    for voulu in PYTHONS:
        for dossier in sorted(racine.glob(f"{voulu}*"), reverse=True):
            if (dossier / "bin" / "python").exists():
                return str(dossier / "bin" / "python")
    raise RuntimeError("Aucun Python 3.12+ trouvé dans pyenv.")


def versions_pyodide() -> dict[str, str]:
    verrou = json.loads((coeur_pyodide(CACHE) / "pyodide-lock.json").read_text(encoding="utf-8"))
    return {n: verrou["packages"][n]["version"] for n in FIGES if n in verrou["packages"]}


def installer() -> dict:
    """Crée l'environnement ; renvoie les versions voulues, installées, et celles qui ont changé."""
    voulues = versions_pyodide()
    if not (VENV / "bin" / "python").exists():
        subprocess.run([python_proche(), "-m", "venv", str(VENV)], check=True)
    pip = [str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    changees = {}
    for nom, version in voulues.items():
        if subprocess.run([*pip, f"{nom}=={version}"], capture_output=True).returncode != 0:
            subprocess.run([*pip, nom], check=True)
            changees[nom] = version
    subprocess.run([*pip, *AUTRES], check=True)
    subprocess.run([*pip, "--no-deps", "-e", str(RACINE)], check=True)
    gel = subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "freeze"], capture_output=True, text=True).stdout
    installees = {x.split("==")[0].lower(): x.split("==")[1] for x in gel.splitlines() if "==" in x}
    python = subprocess.run([str(VENV / "bin" / "python"), "--version"], capture_output=True, text=True).stdout
    return {"python": python.strip(), "voulues": voulues,
            "installees": {n: installees.get(n) for n in voulues}, "changees": changees}


def limites_pyodide() -> dict[str, list[str]]:
    """Par cahier : ce que son code (ou celui des modules ``grc`` qu'il importe) ne peut pas faire dans Pyodide."""
    from grc.themes import THEMES

    trouve = {}
    for t in THEMES:
        cellules = json.loads((RACINE / t.cahier).read_text(encoding="utf-8"))["cells"]
        textes = ["".join(c["source"]) for c in cellules if c["cell_type"] == "code"]
        for module in t.modules + ((t.module_exercices,) if t.module_exercices else ()):
            fichier = RACINE / (module.replace(".", "/") + ".py")
            if fichier.exists():
                textes.append(fichier.read_text(encoding="utf-8"))
        raisons = sorted({raison for motif, raison in MOTIFS_INTERDITS.items() for texte in textes
                          if re.search(motif, texte, re.MULTILINE)})
        trouve[t.numero] = raisons
    return trouve


def executer(carnets: list[Path], corrige: bool) -> dict:
    code = r"""
import json, sys, time, nbformat
from nbclient import NotebookClient
resultats = {}
for chemin in sys.argv[1:]:
    carnet = nbformat.read(chemin, as_version=4)
    debut = time.perf_counter()
    try:
        NotebookClient(carnet, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(__import__("pathlib").Path(chemin).parent)}}).execute()
        erreur = None
    except Exception as exc:
        erreur = (type(exc).__name__ + ": " + str(exc))[-600:]
    resultats[chemin] = {"duree_s": round(time.perf_counter() - debut, 1), "erreur": erreur}
    print(chemin, resultats[chemin], flush=True)
print("RESULTATS " + json.dumps(resultats))
"""
    env = dict(os.environ, GRC_PROGRESSION="0", GRC_CORRIGE="1" if corrige else "0", MPLBACKEND="Agg", OMP_NUM_THREADS="1",
               PATH=f"{VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("GRC_TRAVAIL", None)
    sortie = subprocess.run([str(VENV / "bin" / "python"), "-c", code, *map(str, carnets)], env=env,
                            capture_output=True, text=True)
    ligne = [x for x in sortie.stdout.splitlines() if x.startswith("RESULTATS ")]
    if not ligne:
        raise RuntimeError(sortie.stderr[-3000:])
    return json.loads(ligne[0][len("RESULTATS "):])


def main(argv: list[str] | None = None) -> int:
    """Sans argument : tous les carnets ; sinon les numéros de thème donnés (``03 07``)."""
    argv = sys.argv[1:] if argv is None else argv
    debut = time.perf_counter()
    rapport = {"environnement": installer(), "limites": limites_pyodide()}
    def choisis(dossier: str) -> list[Path]:
        return [c for c in sorted((RACINE / dossier).glob("*.ipynb")) if not argv or c.name[:2] in argv]

    resultats = executer(choisis("notebooks"), corrige=False)
    resultats |= executer(choisis("solutions"), corrige=True)
    rapport["carnets"] = {Path(k).relative_to(RACINE).as_posix(): v for k, v in resultats.items()}
    rapport["duree_totale_s"] = round(time.perf_counter() - debut, 1)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "cpython.json").write_text(json.dumps(rapport, indent=2, ensure_ascii=False), encoding="utf-8")
    echecs = {k: v["erreur"] for k, v in rapport["carnets"].items() if v["erreur"]}
    print(json.dumps({"environnement": rapport["environnement"], "limites": rapport["limites"],
                      "echecs": echecs}, indent=2, ensure_ascii=False))
    return 1 if echecs else 0


if __name__ == "__main__":
    sys.exit(main())
