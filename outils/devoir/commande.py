"""La commande des enseignants : ``python -m outils.devoir [DOSSIER]`` (ou ``make devoir``).

Écrit un cours nbgrader (``DOSSIER/source/devoir-10/10-etude-de-cas.ipynb`` et ``nbgrader_config.py``)
à partir du corrigé du thème 10, exécuté une fois pour calculer les valeurs attendues (une à deux minutes).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from grc.themes import theme

from .assemblage import Bilan, _points_fr, carnet_devoir, ecrire_cours
from .attendus import relever
from .controle import controler
from .extraction import reperer

RACINE = Path(__file__).resolve().parent.parent.parent


def generer_devoir(corrige: Path, dossier: Path, *, devoir: str | None = None, approfondissement: bool = False,
                   points_exercice: float = 1.0, garder_verifier: bool = False,
                   controle: bool = True) -> tuple[Path, Bilan]:
    """Génère le devoir nbgrader d'un corrigé dans le cours ``dossier`` ; renvoie le carnet écrit et le bilan.

    Avec ``controle`` (par défaut), le devoir est exécuté avec ses solutions : si un test caché refuse la
    solution du cours, ``RuntimeError`` le dit et rien n'est écrit.
    """
    carnet = nbformat.read(corrige, as_version=4)
    exercices, redactions = reperer(carnet)
    retenus = [e for e in exercices if approfondissement or not e.approfondissement]
    attendus = relever(corrige, retenus)
    source, bilan = carnet_devoir(carnet, exercices, redactions, attendus, approfondissement=approfondissement,
                                  points_exercice=points_exercice, garder_verifier=garder_verifier,
                                  numero=corrige.name.split("-")[0])
    if controle:
        echecs = controler(source, corrige.parent)
        if echecs:
            raise RuntimeError("Le corrigé ne passe pas ses propres tests cachés : "
                               + " ; ".join(f"{n} ({m})" for n, m in echecs.items()))
    devoir = devoir or f"devoir-{corrige.name.split('-')[0]}"
    return ecrire_cours(dossier, source, devoir, corrige.name), bilan


def _points(texte: str) -> float:
    try:
        valeur = float(texte.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {texte} » n'est pas un nombre de points (exemple : 1 ou 0,5).") from None
    if valeur <= 0:
        raise argparse.ArgumentTypeError("Le nombre de points d'une étape vérifiée doit être positif.")
    return valeur


def main(arguments: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m outils.devoir",
                                description="Génère le devoir noté nbgrader d'un thème (le cas intégré, 10, par défaut).")
    p.add_argument("dossier", nargs="?", type=Path, default=RACINE / "_build" / "devoir",
                   help="dossier du cours nbgrader (créé s'il manque ; défaut : _build/devoir)")
    p.add_argument("--theme", default="10", help="numéro du thème dont le corrigé sert de source (défaut : 10)")
    p.add_argument("--devoir", default=None, help="nom du devoir dans nbgrader (défaut : devoir-10)")
    p.add_argument("--approfondissement", action="store_true",
                   help="garde les parties d'approfondissement (BUT TC, licence) ; sans elle : version BTS")
    p.add_argument("--points-exercice", type=_points, default=1.0, help="points d'une étape vérifiée (défaut : 1)")
    p.add_argument("--sans-controle", action="store_true",
                   help="n'exécute pas le devoir avec ses solutions pour contrôler ses tests (deux fois plus rapide)")
    p.add_argument("--avec-verifier", action="store_true",
                   help="laisse les appels verifier(...) : l'élève voit si ses réponses sont justes pendant le devoir")
    args = p.parse_args(arguments)
    try:
        corrige = RACINE / theme(args.theme).corrige
    except (KeyError, ValueError) as erreur:
        p.error(str(erreur.args[0]) if erreur.args else f"thème inconnu : {args.theme}")
    print(f"Exécution du corrigé {corrige.name} pour calculer les réponses attendues, puis du devoir pour "
          "contrôler ses tests…", flush=True)
    try:
        chemin, bilan = generer_devoir(corrige, args.dossier, devoir=args.devoir,
                                       approfondissement=args.approfondissement,
                                       points_exercice=args.points_exercice, garder_verifier=args.avec_verifier,
                                       controle=not args.sans_controle)
    except (RuntimeError, ValueError) as erreur:
        print(f"Erreur : {erreur}", file=sys.stderr)
        return 1
    print(f"Devoir écrit : {chemin}")
    print(f"- {len(bilan.automatiques)} étape(s) notée(s) automatiquement (tests cachés) : "
          + ", ".join(n for n, _ in bilan.automatiques))
    if bilan.code_a_la_main:
        print(f"- {len(bilan.code_a_la_main)} étape(s) sans test possible, notée(s) à la main : "
              + ", ".join(n for n, _ in bilan.code_a_la_main))
    print(f"- {len(bilan.redactions)} question(s) rédigée(s), notée(s) à la main : "
          + ", ".join(f"{n} ({_points_fr(p)} pt)" for n, p in bilan.redactions))
    if bilan.non_notees:
        print(f"- {len(bilan.non_notees)} cellule(s) à remplir sans note propre (étapes non vérifiées)")
    if bilan.laisses:
        print(f"- laissés de côté (approfondissement) : {', '.join(bilan.laisses)}")
    print(f"Total : {_points_fr(bilan.total)} points. Ensuite : cd {args.dossier} && "
          f"nbgrader generate_assignment {chemin.parent.name}")
    return 0
