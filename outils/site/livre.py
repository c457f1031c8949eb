"""Assembler le livre jupyter-book dans un dossier de travail, à partir du dépôt.

Le dossier ``<dossier>/source/`` reçoit, au même chemin relatif que dans le
dépôt (pour que les liens entre leçons et cahiers marchent tels quels) :

- les leçons ``course/*.md`` ;
- les cahiers ``notebooks/*.ipynb`` exécutés (et ``solutions/*.ipynb`` avec ``corriges=True``) ;
- une page de QCM par thème ``qcm/XX-theme.md`` (réponses cachées jusqu'au clic) ;
- le glossaire, la page enseignants et le guide de l'année (avec les fiches de révision en PDF),
  le dictionnaire des données, la page d'accueil ;
- ``_config.yml`` (copie de ``site/_config.yml``), ``_toc.yml`` (généré), ``_static/``.

Un fichier n'est réécrit que si son contenu change (Sphinx ne refait alors que les
pages modifiées) ; un fichier qui n'a plus lieu d'être est effacé.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     ecrits = set()
...     premier, second = ecrire(Path(d) / "a.md", "# A", ecrits), ecrire(Path(d) / "a.md", "# A", ecrits)
>>> premier, second, len(ecrits)
(True, False, 1)
"""

from __future__ import annotations

import importlib.util
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import nbformat
import yaml

from . import carnets
from .fiches import REPERE as REPERE_FICHES
from .fiches import publier_fiches
from .glossaire import lire_glossaire, page_glossaire
from .liens import images_locales, resoudre, retirer_liens_absents
from .qcm_statique import page_qcm
from .sommaire import Entree, deux_parcours, parcours, table_des_matieres
from .themes import Theme, decouvrir, titre_carnet

#: Le fichier MathJax copié dans le site (MathJax 3, sortie SVG, toutes les extensions TeX, sans police).
MATHJAX = "tex-svg-full.js"


@dataclass
class Options:
    """Les réglages d'une construction."""

    racine: Path
    dossier: Path
    corriges: bool = False
    themes: list[str] | None = None
    travailleurs: int | None = None


@dataclass
class Preparation:
    """Ce que l'assemblage a produit : pages, exécutions, liens retirés, bilan du glossaire."""

    source: Path
    pages: list[str] = field(default_factory=list)
    executions: dict = field(default_factory=dict)
    liens_retires: dict[str, list[str]] = field(default_factory=dict)
    glossaire: dict[str, list[str]] = field(default_factory=dict)
    secondes_execution: float = 0.0


def ecrire(chemin: Path, contenu: str | bytes, ecrits: set[Path], simuler: bool = False) -> bool:
    """Écrit ``contenu`` dans ``chemin`` s'il diffère de l'existant ; note le chemin ; renvoie vrai si écrit."""
    ecrits.add(chemin)
    donnees = contenu.encode("utf-8") if isinstance(contenu, str) else contenu
    if chemin.exists() and chemin.read_bytes() == donnees:
        return False
    if not simuler:
        chemin.parent.mkdir(parents=True, exist_ok=True)
        chemin.write_bytes(donnees)
    return True


def chemin_mathjax() -> Path:
    """Le fichier MathJax installé avec le paquet ``django-static-mathjax`` (extra ``site``)."""
    spec = importlib.util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("MathJax introuvable : installez les outils du site avec "
                                "`pip install -e \".[site]\"` (paquet django-static-mathjax).")
    fichier = Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax" / "es5" / MATHJAX
    if not fichier.is_file():
        raise FileNotFoundError(f"MathJax incomplet : {fichier} manque.")
    return fichier


class Assembleur:
    """Écrit les pages du livre dans ``source`` et garde la trace de ce qui est publié."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.racine = options.racine
        self.source = options.dossier / "source"
        self.ecrits: set[Path] = set()
        self.publies: set[PurePosixPath] = set()
        self.preparation = Preparation(self.source)

    # --- Ce qui sera publié ----------------------------------------------------------------

    def themes(self) -> list[Theme]:
        themes = decouvrir(self.racine)
        if self.options.themes is not None:
            voulus = set(self.options.themes)
            themes = [t for t in themes if t.numero in voulus]
        if not self.options.corriges:
            for t in themes:
                t.corriges = []
        return themes

    def _rel(self, chemin: Path) -> PurePosixPath:
        return PurePosixPath(chemin.relative_to(self.racine).as_posix())

    def _existe(self, chemin: PurePosixPath) -> bool:
        return chemin in self.publies or (self.source / chemin).is_file()

    # --- Écriture ---------------------------------------------------------------------------

    def _texte_publie(self, texte: str, rel: PurePosixPath, origine: Path) -> str:
        for image in images_locales(texte):
            source_image = (origine.parent / image.split("#")[0]).resolve()
            if source_image.is_file() and source_image.is_relative_to(self.racine):
                ecrire(self.source / resoudre(rel.parent, image), source_image.read_bytes(), self.ecrits)
        nouveau, absents = retirer_liens_absents(texte, Path(rel.parent), self._existe)
        if absents:
            self.preparation.liens_retires.setdefault(str(rel), []).extend(absents)
        return nouveau

    def page_markdown(self, origine: Path, rel: PurePosixPath | None = None) -> None:
        rel = rel or self._rel(origine)
        texte = origine.read_text(encoding="utf-8")
        ecrire(self.source / rel, self._texte_publie(texte, rel, origine), self.ecrits)

    def carnet(self, origine: Path, execute: Path) -> None:
        rel = self._rel(origine)
        carnet = nbformat.read(execute, as_version=4)
        for cellule in carnet.cells:
            if cellule.cell_type == "markdown":
                cellule.source = self._texte_publie(cellule.source, rel, origine)
        ecrire(self.source / rel, nbformat.writes(carnet) + "\n", self.ecrits)

    def statiques(self) -> None:
        for fichier in sorted((self.racine / "site" / "_static").rglob("*")):
            if fichier.is_file():
                rel = fichier.relative_to(self.racine / "site")
                ecrire(self.source / rel, fichier.read_bytes(), self.ecrits)
        ecrire(self.source / "_extra" / "mathjax" / MATHJAX, chemin_mathjax().read_bytes(), self.ecrits)
        config = (self.racine / "site" / "_config.yml").read_text(encoding="utf-8")
        if f"mathjax/{MATHJAX}" not in config:
            raise FileNotFoundError(f"site/_config.yml doit charger MathJax depuis « ../mathjax/{MATHJAX} »")
        ecrire(self.source / "_config.yml", config, self.ecrits)

    def effacer_le_reste(self) -> None:
        """Efface du dossier de travail les fichiers d'une construction précédente qui ne sont plus publiés."""
        for fichier in self.source.rglob("*"):
            if fichier.is_file() and fichier not in self.ecrits:
                fichier.unlink()


def _entree(t: Theme, qcm: str | None) -> Entree:
    return Entree(t.numero, t.titre, lecon=f"course/{t.lecon.stem}" if t.lecon else None,
                  cahiers=[f"notebooks/{c.stem}" for c in t.cahiers], qcm=qcm,
                  corriges=[f"solutions/{c.stem}" for c in t.corriges],
                  etape=t.etape, resume=t.resume, niveau=_niveau(t.numero))


def _niveau(numero: str) -> str:
    """Le niveau d'un thème dans l'index (``"bts"`` si le thème n'y est pas)."""
    from grc.themes import THEMES

    return next((t.niveau for t in THEMES if t.numero == numero), "bts")


def preparer(options: Options) -> Preparation:
    """Assemble tout le livre dans ``<dossier>/source`` ; renvoie le bilan (:class:`Preparation`)."""
    a = Assembleur(options)
    themes = a.themes()
    site = options.racine / "site"
    sources = [c for t in themes for c in t.cahiers + t.corriges]
    debut = time.perf_counter()
    a.preparation.executions = carnets.executer(sources, options.dossier / "carnets", options.racine,
                                                options.travailleurs)
    a.preparation.secondes_execution = time.perf_counter() - debut
    donnees = options.racine / "datasets" / "README.md"
    a.publies = {a._rel(p) for t in themes for p in [t.lecon, *t.cahiers, *t.corriges] if p}
    a.publies |= {PurePosixPath(f"qcm/{t.qcm.stem}.md") for t in themes if t.qcm}
    a.publies |= {PurePosixPath(p) for p in ["index.md", "glossaire.md", "enseignants.md", "guide-enseignants.md"]}
    if donnees.is_file():
        a.publies.add(PurePosixPath("datasets/README.md"))

    connues = {e for t in themes for e in t.etiquettes}
    lecons = {t.numero: (f"course/{t.lecon.stem}", t.lecon.read_text(encoding="utf-8")) for t in themes if t.lecon}
    entrees = []
    for t in themes:
        if t.lecon:
            a.page_markdown(t.lecon)
        for c in t.cahiers + t.corriges:
            a.carnet(c, a.preparation.executions[c].cible)
        qcm = None
        if t.qcm:
            qcm = f"qcm/{t.qcm.stem}"
            lecon = f"../course/{t.lecon.name}" if t.lecon else None
            ecrire(a.source / f"{qcm}.md", page_qcm(t.qcm, t.numero, connues, lecon), a.ecrits)
        entrees.append(_entree(t, qcm))

    texte_glossaire, a.preparation.glossaire = page_glossaire(lire_glossaire(site / "glossaire.yml"), lecons, connues)
    ecrire(a.source / "glossaire.md", texte_glossaire, a.ecrits)
    a.page_markdown(site / "enseignants.md", PurePosixPath("enseignants.md"))
    guide = site / "guide-enseignants.md"
    texte_guide = guide.read_text(encoding="utf-8").replace(
        REPERE_FICHES, publier_fiches(a.source, lambda chemin, pdf: ecrire(chemin, pdf, a.ecrits),
                                      cache=options.dossier / "fiches"))
    ecrire(a.source / "guide-enseignants.md",
           a._texte_publie(texte_guide, PurePosixPath("guide-enseignants.md"), guide), a.ecrits)
    ressources = ["glossaire", "enseignants", "guide-enseignants"]
    ligne_donnees = ""
    if donnees.is_file():
        a.page_markdown(donnees)
        ressources.insert(1, "datasets/README")
        ligne_donnees = "- les {doc}`données de Verdance </datasets/README>` : les tables et leurs colonnes ;\n"
    accueil = (site / "accueil.md").read_text(encoding="utf-8")
    accueil = accueil.replace("<!-- DEUX_PARCOURS -->", deux_parcours(entrees))
    accueil = accueil.replace("<!-- PARCOURS -->", parcours(entrees)).replace("<!-- DONNEES -->\n", ligne_donnees)
    ecrire(a.source / "index.md", accueil, a.ecrits)

    corriges = [(f"solutions/{c.stem}", f"{t.numero} · {titre_carnet(c) or t.titre}") for t in themes
                for c in t.corriges]
    toc = table_des_matieres(entrees, ressources, corriges)
    ecrire(a.source / "_toc.yml", yaml.safe_dump(toc, allow_unicode=True, sort_keys=False), a.ecrits)
    a.statiques()
    a.effacer_le_reste()
    a.preparation.pages = ["index", *[p for e in entrees for p in e.pages()], *ressources, *(f for f, _ in corriges)]
    return a.preparation

