"""``python -m outils.site`` : construit le site du cours (voir ``--help``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .carnets import ErreurExecution
from .construction import ErreurConstruction, construire
from .glossaire import ErreurGlossaire
from .livre import Options
from .qcm_statique import ErreurQCM
from .verification import verifier_site

RACINE = Path(__file__).resolve().parents[2]


def parseur() -> argparse.ArgumentParser:
    """Les options de la commande, en français."""
    p = argparse.ArgumentParser(
        prog="python -m outils.site", add_help=False,
        description="Construit le site web du cours (jupyter-book 1.x, hors ligne) : leçons, cahiers exécutés, "
                    "QCM, glossaire, page enseignants. Résultat : _build/site/_build/html/index.html.")
    p.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")
    p.add_argument("--corriges", action="store_true",
                   help="publie aussi les corrigés (solutions/) : site réservé aux enseignants")
    p.add_argument("--themes", metavar="NUMEROS",
                   help="ne publie que ces thèmes, par ex. « 00,02 » (défaut : tous ceux du dépôt)")
    p.add_argument("--dossier", type=Path, default=RACINE / "_build" / "site",
                   help="dossier de construction (défaut : _build/site)")
    p.add_argument("--strict", action="store_true", help="échoue au moindre avertissement de Sphinx")
    p.add_argument("--travailleurs", type=int, metavar="N",
                   help="carnets exécutés en parallèle (défaut : un par cœur)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parseur().parse_args(argv)
    themes = [t.strip().zfill(2) for t in args.themes.split(",") if t.strip()] if args.themes else None
    options = Options(RACINE, args.dossier.resolve(), corriges=args.corriges, themes=themes,
                      travailleurs=args.travailleurs)
    try:
        bilan = construire(options, strict=args.strict)
    except (ErreurConstruction, ErreurExecution, ErreurQCM, ErreurGlossaire, FileNotFoundError) as exc:
        print(f"Construction du site impossible.\n{exc}", file=sys.stderr)
        return 1
    print(bilan.resume())
    problemes = verifier_site(bilan.html)
    for probleme in problemes:
        print(f"Problème dans le site : {probleme}", file=sys.stderr)
    return 1 if problemes else 0


if __name__ == "__main__":
    sys.exit(main())
