"""``python -m outils.lite [SORTIE] [--pyodide-complet DOSSIER]`` : construit le site JupyterLite."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .construction import RACINE, construire


def main(argv: list[str] | None = None) -> int:
    parseur = argparse.ArgumentParser(prog="python -m outils.lite",
                                      description="Construit l'édition JupyterLite du cours (site statique).")
    parseur.add_argument("sortie", nargs="?", type=Path, default=RACINE / "_build" / "lite",
                         help="dossier du site (défaut : _build/lite)")
    parseur.add_argument("--pyodide-complet", type=Path, metavar="DOSSIER",
                         help="distribution complète de Pyodide décompressée : le site sert alors lui-même "
                              "numpy, pandas... (sans elle : depuis le CDN de Pyodide)")
    args = parseur.parse_args(argv)
    resume = construire(args.sortie, args.pyodide_complet)
    print(json.dumps(resume, indent=2, ensure_ascii=False))
    print(f"Site prêt dans {args.sortie} : servez ce dossier par un serveur web (pas en file://).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
