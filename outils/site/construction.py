"""Construire le site : assembler le livre, lancer jupyter-book 1.x, lire son journal, faire le bilan.

jupyter-book sort avec le code 0 même quand un carnet échoue : on lit donc son
journal, et « Execution Failed » ou une erreur y arrête la construction. Les
avertissements (lien vers une étiquette inconnue, page hors table des
matières...) sont comptés ; en mode strict, un seul suffit à échouer.

>>> avertissements("WARNING: undefined label: 'rfm-x'\\nbuild succeeded, 1 warning.")
["WARNING: undefined label: 'rfm-x'"]
>>> echecs_execution("ok\\nExecution Failed with traceback saved in /tmp/x.log")
['Execution Failed with traceback saved in /tmp/x.log']
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .livre import Options, Preparation, preparer

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: Le sous-dossier du HTML produit, sous le dossier de construction (convention de jupyter-book).
SOUS_DOSSIER_HTML = Path("_build") / "html"


class ErreurConstruction(RuntimeError):
    """La construction a échoué ; le message dit pourquoi et où lire le journal."""


@dataclass
class Bilan:
    """Le résultat d'une construction : où est le site, combien de pages, combien de temps."""

    html: Path
    journal: Path
    preparation: Preparation
    secondes: float
    fichiers_html: int
    avertissements: list[str] = field(default_factory=list)

    def resume(self) -> str:
        ex = self.preparation.executions.values()
        cache = sum(e.depuis_cache for e in ex)
        lignes = [
            f"Site construit en {self.secondes:.1f} s : {len(self.preparation.pages)} pages du cours "
            f"({self.fichiers_html} fichiers HTML), {len(ex)} carnet(s) dont {cache} pris dans le cache "
            f"(exécution : {self.preparation.secondes_execution:.1f} s).",
            f"Ouvrez {self.html / 'index.html'}",
        ]
        for page, cibles in sorted(self.preparation.liens_retires.items()):
            lignes.append(f"Liens vers des fichiers non publiés, remplacés par leur texte dans {page} : "
                          + ", ".join(cibles))
        for nature, termes in sorted(self.preparation.glossaire.items()):
            if nature in {"lecon", "absent"}:
                quoi = "renvoient au début de leur leçon" if nature == "lecon" else "attendent leur leçon"
                lignes.append(f"Glossaire : {len(termes)} terme(s) {quoi} : {', '.join(termes)}")
        lignes += [f"Avertissement de Sphinx : {a}" for a in self.avertissements]
        return "\n".join(lignes)


def avertissements(journal: str) -> list[str]:
    """Les lignes d'avertissement (``WARNING:``) du journal de Sphinx, sans codes de couleur."""
    return [_ANSI.sub("", ligne).strip() for ligne in journal.splitlines() if "WARNING:" in ligne]


def echecs_execution(journal: str) -> list[str]:
    """Les lignes qui signalent un carnet en échec (« Execution Failed ») ou une erreur de Sphinx."""
    return [ligne.strip() for ligne in journal.splitlines()
            if "Execution Failed" in ligne or "ERROR:" in ligne or "Exception occurred" in ligne]


def _nettoyer_si_change(dossier: Path, options: Options, pages: list[str]) -> None:
    """Efface l'ancien HTML si la liste des pages ou les options ont changé (pas de page fantôme)."""
    empreinte = json.dumps({"pages": pages, "corriges": options.corriges}, ensure_ascii=False)
    tampon = dossier / "pages.json"
    if not tampon.exists() or tampon.read_text(encoding="utf-8") != empreinte:
        shutil.rmtree(dossier / "_build", ignore_errors=True)
    tampon.write_text(empreinte, encoding="utf-8")


def lancer_jupyter_book(source: Path, dossier: Path, journal: Path) -> tuple[int, str]:
    """Lance ``jupyter-book build`` (HTML) ; renvoie le code de sortie et le journal complet."""
    commande = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(source),
                "--path-output", str(dossier), "--builder", "html", "--keep-going"]
    fini = subprocess.run(commande, capture_output=True, text=True, check=False)
    texte = fini.stdout + "\n" + fini.stderr
    journal.write_text(texte, encoding="utf-8")
    return fini.returncode, texte


def construire(options: Options, strict: bool = False) -> Bilan:
    """Construit tout le site ; lève :class:`ErreurConstruction` en cas d'échec (ou d'avertissement si strict)."""
    try:
        import jupyter_book  # noqa: F401
    except ImportError as exc:
        raise ErreurConstruction("jupyter-book 1.x manque : installez les outils du site avec "
                                 "`.venv/bin/pip install -e \".[site]\"`.") from exc
    debut = time.perf_counter()
    options.dossier.mkdir(parents=True, exist_ok=True)
    preparation = preparer(options)
    _nettoyer_si_change(options.dossier, options, preparation.pages)
    journal = options.dossier / "construction.log"
    code, texte = lancer_jupyter_book(preparation.source, options.dossier, journal)
    echecs = echecs_execution(texte)
    if code != 0 or echecs:
        raise ErreurConstruction(f"jupyter-book a échoué (code {code}) :\n" + "\n".join(echecs[:20])
                                 + f"\nJournal complet : {journal}")
    html = options.dossier / SOUS_DOSSIER_HTML
    bilan = Bilan(html, journal, preparation, time.perf_counter() - debut,
                  sum(1 for _ in html.rglob("*.html")), avertissements(texte))
    if strict and bilan.avertissements:
        raise ErreurConstruction(f"{len(bilan.avertissements)} avertissement(s) en mode strict :\n"
                                 + "\n".join(bilan.avertissements) + f"\nJournal complet : {journal}")
    return bilan
