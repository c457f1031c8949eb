"""Exécuter les carnets pour le site : en parallèle, avec un cache, et un échec clair.

Chaque carnet est exécuté par nbclient depuis son dossier (comme dans JupyterLab),
ses widgets sont rendus statiques (:mod:`outils.site.widgets_statiques`), et le
résultat est gardé dans un cache. La clé du cache est l'empreinte SHA-256 du
carnet et de tout ce dont ses sorties dépendent (code de ``grc``, banque de QCM,
taille et date des données) : une modification de l'un d'eux relance l'exécution.

Un carnet qui lève une erreur arrête la construction avec un message qui nomme
le carnet, la cellule et l'erreur.

>>> empreinte_fichiers([]) == empreinte_fichiers([])
True
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

#: Délai minimal accordé à une cellule, en secondes ; un carnet au budget (métadonnée
#: ``grc.budget_secondes``) plus large a droit à trois fois son budget par cellule.
DELAI_CELLULE = 180


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class ErreurExecution(RuntimeError):
    """Un carnet n'a pas pu être exécuté ; le message nomme le carnet, la cellule et l'erreur."""


@dataclass(frozen=True)
class Execution:
    """Le résultat de l'exécution d'un carnet pour le site."""

    source: Path
    cible: Path
    secondes: float
    depuis_cache: bool


def empreinte_fichiers(chemins: list[Path], contenu: bool = True) -> str:
    """L'empreinte SHA-256 d'une liste de fichiers : leur contenu, ou leur nom, taille et date."""
    h = hashlib.sha256()
    for chemin in sorted(chemins):
        h.update(str(chemin.name).encode())
        if contenu:
            h.update(chemin.read_bytes())
        else:
            info = chemin.stat()
            h.update(f"{info.st_size}:{info.st_mtime_ns}".encode())
    return h.hexdigest()


def empreinte_environnement(racine: Path) -> str:
    """Ce dont dépendent les sorties des carnets : le code de ``grc``, la banque de QCM, les données."""
    code = [p for p in (racine / "grc").rglob("*") if p.suffix in {".py", ".yml", ".yaml", ".css", ".mplstyle"}]
    qcm = sorted((racine / "course" / "qcm").glob("*.yml"))
    donnees = [p for p in (racine / "datasets").glob("*") if p.is_file()]
    return empreinte_fichiers(code + qcm) + empreinte_fichiers(donnees, contenu=False)


def _message_echec(source: Path, exc: Exception) -> str:
    nom, valeur = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", str(exc))
    detail = _ANSI.sub("", str(exc)) if str(exc) != str(valeur) else ""
    return f"Execution Failed — le cahier {source.name} a échoué : {nom}: {str(valeur)[:800]}\n{detail[:2000]}"


def _executer_carnet(source: Path):
    """Exécute le carnet une fois (nbclient, noyau ``python3``, dossier du carnet) et le renvoie."""
    import nbformat
    from nbclient import NotebookClient

    carnet = nbformat.read(source, as_version=4)
    budget = carnet.metadata.get("grc", {}).get("budget_secondes", 0)
    client = NotebookClient(carnet, timeout=max(DELAI_CELLULE, 3 * int(budget)), kernel_name="python3",
                            resources={"metadata": {"path": str(source.parent)}})
    client.execute()
    return carnet


def executer_un(source: Path, cible: Path) -> float:
    """Exécute ``source`` dans son dossier, rend ses widgets statiques, écrit ``cible`` ; renvoie la durée.

    Une cellule bloquée (délai dépassé) vaut un second essai avec un noyau neuf, puis l'échec.
    """
    import nbformat
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    from .widgets_statiques import rendre_statique

    debut = time.perf_counter()
    # Les graphiques doivent sortir en images dans le carnet, même si l'appelant a choisi Agg.
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    # Les liens vers les leçons (grc.travail.lien_lecon) visent les pages HTML du site, pas les .md.
    os.environ["GRC_LIENS"] = "site"
    for essai in (1, 2):
        try:
            carnet = _executer_carnet(source)
            break
        except CellTimeoutError as exc:
            if essai == 2:
                raise ErreurExecution(_message_echec(source, exc)) from None
            print(f"Le cahier {source.name} est resté bloqué ({exc.__class__.__name__}) : second essai.",
                  file=sys.stderr)
        except (CellExecutionError, DeadKernelError) as exc:
            raise ErreurExecution(_message_echec(source, exc)) from None
    cible.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(rendre_statique(carnet), cible)
    return time.perf_counter() - debut


def executer(sources: list[Path], cache: Path, racine: Path, travailleurs: int | None = None) -> dict[Path, Execution]:
    """Exécute les carnets absents du cache, en parallèle ; renvoie, pour chaque source, son exécution.

    Lève :class:`ErreurExecution` (tous les échecs, un par ligne) si un carnet au moins a échoué.
    """
    environnement = empreinte_environnement(racine)
    resultats: dict[Path, Execution] = {}
    a_faire: dict[Path, Path] = {}
    for source in sources:
        cle = empreinte_fichiers([source]) + environnement
        cible = cache / f"{_nom(source)}-{hashlib.sha256(cle.encode()).hexdigest()[:16]}.ipynb"
        if cible.exists():
            resultats[source] = Execution(source, cible, 0.0, True)
        else:
            a_faire[source] = cible
    if a_faire:
        nombre = travailleurs or min(len(a_faire), os.cpu_count() or 1)
        # « spawn » : un processus neuf par travailleur, sans hériter des sockets ni de la boucle asyncio.
        with ProcessPoolExecutor(max_workers=nombre, mp_context=multiprocessing.get_context("spawn")) as pool:
            taches = {s: pool.submit(executer_un, s, c) for s, c in a_faire.items()}
            echecs = []
            for source, tache in taches.items():
                try:
                    resultats[source] = Execution(source, a_faire[source], tache.result(), False)
                except ErreurExecution as exc:
                    echecs.append(str(exc))
        if echecs:
            raise ErreurExecution("\n".join(echecs))
    _purger(cache, {e.cible for e in resultats.values()}, {_nom(s) for s in sources})
    return resultats


def _nom(source: Path) -> str:
    """Le nom d'un carnet dans le cache : dossier et nom (``notebooks--02-rfm``), sans collision corrigé/cahier."""
    return f"{source.parent.name}--{source.stem}"


def _purger(cache: Path, gardes: set[Path], noms: set[str]) -> None:
    """Efface les anciennes versions en cache des carnets qu'on vient d'exécuter."""
    for ancien in cache.glob("*.ipynb"):
        if ancien not in gardes and ancien.stem.rsplit("-", 1)[0] in noms:
            ancien.unlink()
