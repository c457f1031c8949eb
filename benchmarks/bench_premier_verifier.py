"""Mesure du premier ``verifier`` de chaque cahier, dans un processus neuf.

Usage : ``python benchmarks/bench_premier_verifier.py [--repetitions 3] [--cahiers 02,06] [--avant DOSSIER]``.
Ce n'est pas un test : le script imprime ses mesures et dit si la cible (1 s) est tenue, il
n'échoue pas quand elle est manquée.

Pour chaque cahier de l'index (:data:`grc.themes.THEMES`) qui a des exercices, le script lit le nom
du premier exercice vérifié du cahier (``verifier("02_...", ...)``), puis lance un processus Python
neuf qui :

1. importe ``IPython.display`` sans le chronométrer (dans JupyterLab, le noyau l'a déjà chargé) ;
2. chronomètre ``from grc.exercices import verifier`` (pandas et ce que ``grc`` tire avec lui) ;
3. chronomètre le premier appel ``verifier(nom, ...)`` (réponse pas encore donnée) ;

puis un second processus neuf qui fait de même avec une réponse fausse (``-1``), dont le juge
peut calculer la valeur attendue. Chaque mesure est la médiane de ``--repetitions`` processus.
La progression de l'élève n'est pas enregistrée (``GRC_PROGRESSION=0``, dossier temporaire).

``--avant DOSSIER`` (une copie d'une version antérieure du cours, par exemple
``git worktree add /tmp/avant <commit>``) mesure aussi cette version, processus par processus en
alternance avec la version courante (même charge de la machine pour les deux), et imprime les deux.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
CIBLE = 1.0  # secondes : imports + premier verifier

_PROGRAMME = """
import sys, time, io, contextlib
import IPython.display  # déjà chargé par le noyau dans JupyterLab
debut = time.perf_counter()
from grc.exercices import verifier
importe = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    verifier(sys.argv[1], {reponse})
fin = time.perf_counter()
print(importe - debut, fin - importe)
"""


def premier_exercice(cahier: Path) -> str | None:
    """Le nom du premier exercice vérifié d'un cahier (None si le cahier manque ou n'en a pas)."""
    try:
        cellules = json.loads(cahier.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return None
    for cellule in cellules:
        trouve = re.search(r"verifier\(\s*[\"'](\w+)[\"']", "".join(cellule["source"]))
        if cellule["cell_type"] == "code" and trouve:
            return trouve.group(1)
    return None


def premiers_exercices() -> dict[str, str]:
    """Cahier → nom du premier exercice vérifié dans ce cahier (version courante)."""
    sys.path.insert(0, str(RACINE))
    from grc.themes import THEMES

    premiers = {t.cahier: premier_exercice(RACINE / t.cahier) for t in THEMES if t.module_exercices}
    return {cahier: nom for cahier, nom in premiers.items() if nom}


def mesurer(nom: str, reponse: str, dossier: str, source: Path | None = None) -> tuple[float, float]:
    """Durées (import, premier appel) dans un processus neuf ; ``source`` : le dossier du cours à importer."""
    environnement = dict(os.environ, GRC_PROGRESSION="0", GRC_TRAVAIL=dossier, PYTHONDONTWRITEBYTECODE="")
    environnement.pop("GRC_CORRIGE", None)
    if source is not None:
        environnement["PYTHONPATH"] = str(source)
    sortie = subprocess.run(
        [sys.executable, "-c", _PROGRAMME.format(reponse=reponse), nom],
        capture_output=True, text=True, check=True, cwd=dossier, env=environnement,
    ).stdout.split()
    return float(sortie[-2]), float(sortie[-1])


def _mediane(mesures: list[tuple[float, float]]) -> tuple[float, float]:
    """Médianes de (import, premier appel) et du total."""
    return statistics.median(a for _, a in mesures), statistics.median(i + a for i, a in mesures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--cahiers", default="", help="numéros séparés par des virgules (tous par défaut)")
    parser.add_argument("--avant", type=Path, default=None, help="une autre version du cours, mesurée en alternance")
    options = parser.parse_args()
    voulus = {n.strip() for n in options.cahiers.split(",") if n.strip()}
    premiers = {c: n for c, n in premiers_exercices().items() if not voulus or n[:2] in voulus}
    versions = {"après": RACINE} if options.avant is None else {"avant": options.avant.resolve(), "après": RACINE}
    print(f"Premier verifier par cahier : médiane de {options.repetitions} processus neufs, en secondes ;")
    print("« import » = from grc.exercices import verifier ; « ... » et « faux » = le premier appel, réponse vide "
          "ou fausse (-1) ; « total » = import + premier appel.")
    entete = f"{'cahier':28} {'version':7} {'import':>7} {'« ... »':>8} {'total':>7} {'faux':>7} {'total':>7}"
    print(entete)
    pires = dict.fromkeys(versions, 0.0)
    with tempfile.TemporaryDirectory() as dossier:
        for cahier, nom in premiers.items():
            # Le premier exercice d'un cahier a pu changer de nom d'une version à l'autre.
            noms = {v: nom if v == "après" else premier_exercice(source / cahier) for v, source in versions.items()}
            mesurees = {v: s for v, s in versions.items() if noms[v]}
            mesures = {v: {"...": [], "-1": []} for v in mesurees}
            for _ in range(options.repetitions):
                for reponse in ("...", "-1"):
                    for version, source in mesurees.items():
                        mesures[version][reponse].append(mesurer(noms[version], reponse, dossier, source))
            for version in versions:
                if version not in mesurees:
                    print(f"{Path(cahier).stem:28} {version:7} (cahier absent de cette version)")
                    continue
                vides, faux = mesures[version]["..."], mesures[version]["-1"]
                imp = statistics.median(i for i, _ in vides + faux)
                t_vide, total_vide = _mediane(vides)
                t_faux, total_faux = _mediane(faux)
                pires[version] = max(pires[version], total_vide, total_faux)
                print(f"{Path(cahier).stem:28} {version:7} {imp:7.2f} {t_vide:8.2f} {total_vide:7.2f} {t_faux:7.2f} "
                      f"{total_faux:7.2f}", flush=True)
    for version, pire in pires.items():
        verdict = "tenue" if pire <= CIBLE else "MANQUÉE"
        print(f"Pire total ({version}) : {pire:.2f} s — cible ≤ {CIBLE:.0f} s {verdict}.")


if __name__ == "__main__":
    main()
