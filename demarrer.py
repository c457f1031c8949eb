"""Démarrer le cours GRC : installe ce qu'il faut (la première fois), puis ouvre JupyterLab.

Windows (Python de python.org) :   py demarrer.py        (ou double-clic sur ce fichier)
macOS, Linux :                     python3 demarrer.py

La première fois, le script crée l'environnement ``.venv`` dans le dossier du cours, y installe le
cours et ses dépendances (quelques minutes), écrit les réglages (JupyterLab en français, leçons
rendues, erreurs expliquées en français), puis ouvre JupyterLab sur la page « Commencer ici ».
Les fois suivantes, il ouvre directement JupyterLab (il réinstalle seulement si le cours a changé
de dépendances). Pour arrêter JupyterLab : Ctrl+C dans cette fenêtre (ou menu Fichier › Arrêter).

Ni ``make``, ni conda, ni droits d'administrateur : seulement la bibliothèque standard de Python.
``make lab`` et ``make test`` appellent ce même script.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shlex
import subprocess
import sys
import venv
from pathlib import Path

RACINE = Path(__file__).resolve().parent
VERSION_MINIMALE = (3, 11)
MARQUE = ".installe-poste"  # dans .venv : ce qui a été installé, et pour quel pyproject.toml
ADRESSE_ACCUEIL = "/grc/accueil"


def dire(message: str) -> None:
    print(f"[cours GRC] {message}", flush=True)


class Echec(Exception):
    """Une étape a échoué : le message dit quoi faire, en français."""


def python_du_venv(venv_dir: Path, windows: bool | None = None) -> Path:
    """Le Python de l'environnement (``Scripts\\python.exe`` sous Windows, ``bin/python`` ailleurs)."""
    if (os.name == "nt") if windows is None else windows:
        return venv_dir / "Scripts" / "python.exe"
    return venv_dir / "bin" / "python"


def empreinte_pyproject(racine: Path) -> str:
    return hashlib.sha256((racine / "pyproject.toml").read_bytes()).hexdigest()


def installation_a_jour(venv_dir: Path, racine: Path, extras: list[str]) -> bool:
    """Vrai si l'environnement a déjà reçu ces extras pour ce ``pyproject.toml``."""
    try:
        marque = json.loads((venv_dir / MARQUE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (marque.get("pyproject") == empreinte_pyproject(racine)
            and set(extras) <= set(marque.get("extras", [])) and python_du_venv(venv_dir).exists())


def noter_installation(venv_dir: Path, racine: Path, extras: list[str]) -> None:
    (venv_dir / MARQUE).write_text(json.dumps({"pyproject": empreinte_pyproject(racine), "extras": sorted(extras)}),
                                   encoding="utf-8")


def commande_installation(python: Path, racine: Path, extras: list[str], sans_dependances: bool) -> list[str]:
    cible = f"{racine}[{','.join(extras)}]" if extras else str(racine)
    commande = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-e", cible]
    if sans_dependances:
        commande.insert(-2, "--no-deps")
    return commande


def commande_jupyterlab(python: Path, racine: Path, navigateur: bool, port: int | None) -> list[str]:
    """JupyterLab sur 127.0.0.1, ouvert sur la page « Commencer ici » (réglages écrits avant)."""
    commande = [str(python), "-m", "jupyterlab", "--ip=127.0.0.1", f"--ServerApp.root_dir={racine}",
                f"--LabApp.default_url={ADRESSE_ACCUEIL}"]
    if not navigateur:
        commande.append("--no-browser")
    if port:
        commande.append(f"--port={port}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # root (serveurs, CI) : JupyterLab l'exige
        commande.append("--allow-root")
    return commande


def executer(commande: list[str], simulation: bool) -> None:
    dire("$ " + " ".join(shlex.quote(c) for c in commande))
    if simulation:
        return
    resultat = subprocess.run(commande, cwd=RACINE)
    if resultat.returncode != 0:
        raise Echec(f"la commande a échoué (code {resultat.returncode}) : {' '.join(commande[:4])}...")


def preparer(args: argparse.Namespace) -> Path:
    """Crée ``.venv`` si besoin, installe le cours, écrit les réglages ; renvoie le Python de l'environnement."""
    if sys.version_info < VERSION_MINIMALE:
        raise Echec(f"il faut Python {VERSION_MINIMALE[0]}.{VERSION_MINIMALE[1]} ou plus récent "
                    f"(vous avez {sys.version.split()[0]}). Installez-le depuis python.org, puis relancez.")
    venv_dir = Path(args.venv).resolve()
    python = python_du_venv(venv_dir)
    if not python.exists():
        dire(f"Création de l'environnement {venv_dir} (une seule fois)...")
        if not args.simulation:
            venv.EnvBuilder(with_pip=True, system_site_packages=args.paquets_systeme).create(venv_dir)
    extras = [e for e in args.extras.split(",") if e] if args.extras else []
    if args.forcer or not installation_a_jour(venv_dir, RACINE, extras):
        dire("Installation du cours et de ses outils (quelques minutes la première fois)...")
        executer(commande_installation(python, RACINE, extras, args.sans_dependances), args.simulation)
        if not args.simulation:
            noter_installation(venv_dir, RACINE, extras)
    executer([str(python), "-m", "grc.reglages", *(["--avec-nbgrader"] if args.avec_nbgrader else [])],
             args.simulation)
    return python


def analyser(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Installe le cours GRC (la première fois) et ouvre JupyterLab en français.")
    p.add_argument("--installer", action="store_true", help="installe et règle seulement, sans ouvrir JupyterLab")
    p.add_argument("--sans-navigateur", action="store_true", help="n'ouvre pas le navigateur (adresse affichée)")
    p.add_argument("--port", type=int, help="port de JupyterLab (par défaut : 8888 ou le suivant libre)")
    p.add_argument("--extras", default="", help="extras de pyproject.toml à installer en plus (ex. : tests,site)")
    p.add_argument("--venv", default=str(RACINE / ".venv"), help="dossier de l'environnement (par défaut : .venv)")
    p.add_argument("--forcer", action="store_true", help="réinstalle même si rien n'a changé")
    p.add_argument("--avec-nbgrader", action="store_true", help="laisse visibles les menus de nbgrader (enseignants)")
    p.add_argument("--simulation", action="store_true", help="affiche les commandes sans rien faire")
    p.add_argument("--paquets-systeme", action="store_true", help=argparse.SUPPRESS)  # tests : venv rapide
    p.add_argument("--sans-dependances", action="store_true", help=argparse.SUPPRESS)  # tests : pip --no-deps
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = analyser(argv)
    try:
        python = preparer(args)
        if args.installer:
            dire("Prêt. Pour ouvrir le cours : " + ("py demarrer.py" if os.name == "nt" else "python3 demarrer.py"))
            return 0
        dire("Ouverture de JupyterLab (pour l'arrêter : Ctrl+C dans cette fenêtre)...")
        commande = commande_jupyterlab(python, RACINE, not args.sans_navigateur, args.port)
        dire("$ " + " ".join(shlex.quote(c) for c in commande))
        if args.simulation:
            return 0
        try:
            return subprocess.call(commande, cwd=RACINE)
        except KeyboardInterrupt:
            dire("JupyterLab arrêté. À bientôt !")
            return 0
    except Echec as erreur:
        dire(f"Échec : {erreur}")
        if os.name == "nt" and sys.stdin is not None and sys.stdin.isatty() and not args.simulation:
            input("Appuyez sur Entrée pour fermer cette fenêtre.")  # double-clic : laisser lire le message
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
