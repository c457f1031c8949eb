"""Les fiches de révision : une par thème, une feuille A4 recto verso au plus, en PDF.

Chaque fiche est un fichier YAML de ``course/fiches/`` (``02-rfm.yml``), livré avec ``grc`` et lu
par :func:`grc.ressources.dossier` : des **définitions**, des **formules**, des **pièges** et un
**exemple** chiffré pas à pas. :func:`html_fiche` la met en page (HTML et CSS pour l'impression),
:func:`pdf_fiche` l'imprime en PDF avec WeasyPrint (extra ``enseignants``), et la commande
``grc fiches`` les écrit toutes dans un dossier.

Dans les textes, ``**gras**``, ``*italique*`` et ```code``` sont reconnus.

>>> fiche = lire_fiches(["rfm"])[0]
>>> fiche.numero, fiche.nom_pdf
('02', '02-rfm.pdf')
>>> "Récence" in html_fiche(fiche)
True
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .ressources import dossier
from .themes import THEMES, theme

__all__ = ["Fiche", "PdfImpossible", "ecrire_fiches", "html_fiche", "lire_fiche", "lire_fiches", "pdf_fiche"]

#: Au plus une feuille A4 imprimée recto verso.
PAGES_MAX = 2
_RUBRIQUES = {"theme", "titre", "essentiel", "definitions", "formules", "pieges", "exemple"}


class FicheInvalide(ValueError):
    """Un fichier de fiche mal formé : le message nomme le fichier et ce qui manque."""


class PdfImpossible(RuntimeError):
    """WeasyPrint manque ou ne trouve pas ses bibliothèques (Pango) : le message dit quoi faire."""


@dataclass(frozen=True)
class Exemple:
    """L'exemple chiffré d'une fiche : un énoncé, des étapes de calcul, une conclusion."""

    titre: str
    enonce: str
    etapes: tuple[str, ...]
    conclusion: str = ""


@dataclass(frozen=True)
class Fiche:
    """Une fiche de révision, lue d'un fichier YAML de ``course/fiches/``."""

    numero: str
    etiquette: str
    titre: str
    essentiel: str
    definitions: tuple[tuple[str, str], ...]
    formules: tuple[tuple[str, str, str], ...]
    pieges: tuple[tuple[str, str], ...]
    exemple: Exemple

    @property
    def nom_pdf(self) -> str:
        """Le nom du PDF : ``02-rfm.pdf``."""
        return f"{self.numero}-{self.etiquette}.pdf"


def _texte(valeur: object, ou: str, chemin: Path) -> str:
    if not isinstance(valeur, str) or not valeur.strip():
        raise FicheInvalide(f"{chemin.name} : « {ou} » doit être un texte non vide.")
    return " ".join(valeur.split())


def _liste(donnees: dict, cle: str, chemin: Path) -> list:
    valeur = donnees.get(cle)
    if not isinstance(valeur, list) or not valeur:
        raise FicheInvalide(f"{chemin.name} : la rubrique « {cle} » doit être une liste non vide.")
    return valeur


def lire_fiche(chemin: str | Path) -> Fiche:
    """Lit et contrôle une fiche YAML ; lève :class:`FicheInvalide` (en français) si elle est mal formée.

    Parameters
    ----------
    chemin : str or pathlib.Path
        Le fichier YAML (``course/fiches/02-rfm.yml``).

    Returns
    -------
    Fiche

    >>> lire_fiche(dossier("course/fiches") / "08-evaluer.yml").titre
    'Évaluer : satisfaction, transformation, ROI'
    """
    chemin = Path(chemin)
    donnees = yaml.safe_load(chemin.read_text(encoding="utf-8"))
    if not isinstance(donnees, dict):
        raise FicheInvalide(f"{chemin.name} : le fichier doit décrire une fiche (des rubriques « clé: valeur »).")
    inconnues = set(donnees) - _RUBRIQUES
    if inconnues:
        raise FicheInvalide(f"{chemin.name} : rubrique(s) inconnue(s) : {', '.join(sorted(inconnues))} "
                            f"(possibles : {', '.join(sorted(_RUBRIQUES))}).")
    try:
        t = theme(str(donnees.get("theme", "")))
    except KeyError as exc:
        raise FicheInvalide(f"{chemin.name} : {exc.args[0]}") from exc
    definitions = tuple((_texte(d.get("terme"), "terme", chemin), _texte(d.get("texte"), "texte", chemin))
                        for d in _liste(donnees, "definitions", chemin))
    formules = tuple((_texte(f.get("nom"), "nom", chemin), _texte(f.get("formule"), "formule", chemin),
                      " ".join(str(f.get("note", "")).split())) for f in _liste(donnees, "formules", chemin))
    pieges = tuple((_texte(p.get("titre"), "titre", chemin), _texte(p.get("texte"), "texte", chemin))
                   for p in _liste(donnees, "pieges", chemin))
    ex = donnees.get("exemple")
    if not isinstance(ex, dict):
        raise FicheInvalide(f"{chemin.name} : la rubrique « exemple » manque (titre, enonce, etapes, conclusion).")
    exemple = Exemple(_texte(ex.get("titre"), "exemple.titre", chemin), _texte(ex.get("enonce"), "exemple.enonce", chemin),
                      tuple(_texte(e, "exemple.etapes", chemin) for e in _liste(ex, "etapes", chemin)),
                      " ".join(str(ex.get("conclusion", "")).split()))
    return Fiche(t.numero, t.etiquette, " ".join(str(donnees.get("titre") or t.titre).split()),
                 " ".join(str(donnees.get("essentiel", "")).split()), definitions, formules, pieges, exemple)


def lire_fiches(themes: Iterable[str] | str | None = None) -> list[Fiche]:
    """Les fiches des thèmes demandés (numéros ou étiquettes ; toutes par défaut), dans l'ordre des thèmes.

    >>> [f.numero for f in lire_fiches("abc,08")]
    ['03', '08']
    """
    if isinstance(themes, str):
        themes = [t for t in themes.split(",") if t.strip()]
    if themes is not None and {str(t).strip().lower() for t in themes} & {"tous", "toutes"}:
        themes = None
    if themes is not None and not themes:
        raise KeyError("Aucun thème demandé : écrivez par exemple --themes rfm,abc (ou --themes tous).")
    voulus = None if themes is None else {theme(str(t)).numero for t in themes}
    source = dossier("course/fiches")
    fiches = []
    for t in THEMES:
        if voulus is not None and t.numero not in voulus:
            continue
        chemin = source / f"{t.numero}-{t.etiquette}.yml"
        if not chemin.is_file():
            raise FicheInvalide(f"La fiche du thème {t.numero} manque : {chemin}.")
        fiches.append(lire_fiche(chemin))
    return fiches


_GRAS = re.compile(r"\*\*(.+?)\*\*")
_ITALIQUE = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_CODE = re.compile(r"`([^`]+)`")


def en_ligne(texte: str) -> str:
    """Le texte en HTML échappé, avec ``**gras**``, ``*italique*`` et ```code```.

    >>> en_ligne("**Marge** / *coût* < `taux_marge()`")
    '<strong>Marge</strong> / <em>coût</em> &lt; <code>taux_marge()</code>'
    """
    morceaux = _CODE.split(texte)
    sortie = []
    for i, morceau in enumerate(morceaux):
        if i % 2:
            sortie.append(f"<code>{html.escape(morceau, quote=False)}</code>")
        else:
            morceau = html.escape(morceau, quote=False)
            sortie.append(_ITALIQUE.sub(r"<em>\1</em>", _GRAS.sub(r"<strong>\1</strong>", morceau)))
    return "".join(sortie)


def _feuille_de_style() -> str:
    return (Path(__file__).parent / "fiches.css").read_text(encoding="utf-8")


def html_fiche(fiche: Fiche) -> str:
    """La fiche en HTML, prête à imprimer (A4, feuille de style ``grc/fiches.css`` incluse)."""
    definitions = "\n".join(f"<dt>{en_ligne(terme)}</dt><dd>{en_ligne(texte)}</dd>" for terme, texte in fiche.definitions)
    formules = "\n".join(
        f'<div class="formule"><div class="nom">{en_ligne(nom)}</div><div class="calcul">{en_ligne(calcul)}</div>'
        + (f'<div class="note">{en_ligne(note)}</div>' if note else "") + "</div>"
        for nom, calcul, note in fiche.formules)
    pieges = "\n".join(f"<li><strong>{en_ligne(titre)}</strong> {en_ligne(texte)}</li>" for titre, texte in fiche.pieges)
    ex = fiche.exemple
    etapes = "\n".join(f"<li>{en_ligne(e)}</li>" for e in ex.etapes)
    conclusion = f'<p class="conclusion">{en_ligne(ex.conclusion)}</p>' if ex.conclusion else ""
    essentiel = f'<p class="essentiel">{en_ligne(fiche.essentiel)}</p>' if fiche.essentiel else ""
    titre = html.escape(fiche.titre, quote=False)
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Fiche {fiche.numero} · {titre}</title>
<style>{_feuille_de_style()}</style></head>
<body data-theme="{fiche.numero}">
<header><span class="surtitre">Cours GRC · fiche de révision · thème {fiche.numero}</span>
<h1>{titre}</h1>{essentiel}</header>
<section class="definitions"><h2>Définitions</h2><dl>
{definitions}
</dl></section>
<section class="formules"><h2>Formules</h2>
{formules}
</section>
<section class="pieges"><h2>Pièges</h2><ul>
{pieges}
</ul></section>
<section class="exemple"><h2>Exemple : {en_ligne(ex.titre)}</h2>
<p class="enonce">{en_ligne(ex.enonce)}</p>
<ol>
{etapes}
</ol>
{conclusion}
</section>
</body></html>
"""


def _weasyprint():  # type: ignore[no-untyped-def]
    try:
        import weasyprint
    except ImportError as exc:
        raise PdfImpossible("WeasyPrint n'est pas installé : pip install \"cours-grc[enseignants]\" "
                            "(ou pip install weasyprint).") from exc
    except OSError as exc:  # Pango introuvable : cas de Windows sans le runtime GTK
        raise PdfImpossible("WeasyPrint ne trouve pas ses bibliothèques (Pango) : sous Windows, installez le "
                            "runtime GTK3 (voir la page des enseignants, « Les feuilles en PDF »).") from exc
    return weasyprint


def rendu_fiche(fiche: Fiche):  # type: ignore[no-untyped-def]
    """Le document WeasyPrint mis en pages (``.pages``, ``.write_pdf()``) ; lève :class:`PdfImpossible`."""
    return _weasyprint().HTML(string=html_fiche(fiche), base_url=str(Path(__file__).parent)).render()


def pdf_fiche(fiche: Fiche) -> bytes:
    """Le PDF de la fiche (octets) ; lève :class:`PdfImpossible` sans WeasyPrint."""
    return rendu_fiche(fiche).write_pdf()


def ecrire_fiches(sortie: str | Path, themes: Iterable[str] | str | None = None) -> list[tuple[Path, int]]:
    """Écrit le PDF de chaque fiche dans ``sortie`` ; renvoie (chemin, nombre de pages) pour chacune.

    Parameters
    ----------
    sortie : str or pathlib.Path
        Dossier de sortie (créé s'il manque) ; un PDF du même nom est remplacé.
    themes : str or list of str, optional
        Numéros ou étiquettes des thèmes (``"rfm,abc"``) ; toutes les fiches par défaut.
    """
    fiches = lire_fiches(themes)
    sortie = Path(sortie)
    sortie.mkdir(parents=True, exist_ok=True)
    ecrits = []
    for fiche in fiches:
        rendu = rendu_fiche(fiche)
        chemin = sortie / fiche.nom_pdf
        rendu.write_pdf(chemin)
        ecrits.append((chemin, len(rendu.pages)))
    return ecrits


# --- La commande « grc fiches » -------------------------------------------------------------------

def ajouter(sous_commandes: argparse._SubParsersAction, Parseur: type[argparse.ArgumentParser]) -> None:
    """Ajoute ``grc fiches`` aux sous-commandes de ``grc``."""
    p = sous_commandes.add_parser(
        "fiches", help="les fiches de révision à imprimer (une par thème), en PDF",
        description="Écrit la fiche de révision de chaque thème en PDF (une feuille A4 recto verso au plus) : "
                    "définitions, formules, pièges et un exemple chiffré. Sources : course/fiches/*.yml.")
    # dest propre : « grc qcm » contrôle args.themes contre la banque du QCM, qui n'a pas de thème 12
    p.add_argument("--themes", dest="themes_fiches", default=None, metavar="THEMES",
                   help="numéros ou étiquettes séparés par des virgules, par ex. « rfm,abc » ou « 02,03 » "
                        "(défaut : toutes les fiches)")
    p.add_argument("--dossier", type=Path, default=Path("fiches"), metavar="DOSSIER",
                   help="dossier où écrire les PDF (défaut : fiches/ ; un PDF du même nom est remplacé)")
    p.set_defaults(executer=_executer)


def _executer(args: argparse.Namespace) -> int:
    try:
        ecrits = ecrire_fiches(args.dossier, args.themes_fiches)
    except (KeyError, FicheInvalide) as exc:
        print(f"grc fiches : {exc.args[0]}", file=sys.stderr)
        return 2
    except PdfImpossible as exc:
        print(f"grc fiches : PDF impossible. {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"grc fiches : impossible d'écrire dans « {args.dossier} » ({exc.strerror}). "
              "Choisissez un autre dossier avec --dossier.", file=sys.stderr)
        return 1
    trop_longues = []
    for chemin, pages in ecrits:
        print(f"{chemin} : {pages} page{'s' if pages > 1 else ''}")
        if pages > PAGES_MAX:
            trop_longues.append(chemin.name)
    if trop_longues:
        print(f"Plus d'une feuille recto verso : {', '.join(trop_longues)}. Raccourcissez ces fiches.",
              file=sys.stderr)
        return 1
    print(f"{len(ecrits)} fiche(s) écrite(s) dans {args.dossier}.")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m grc.fiches`` : la même chose que ``grc fiches``."""
    from .cli import Parseur

    parseur = Parseur(prog="grc")
    ajouter(parseur.add_subparsers(dest="commande", parser_class=Parseur), Parseur)
    return _executer(parseur.parse_args(["fiches", *(argv if argv is not None else sys.argv[1:])]))


if __name__ == "__main__":
    sys.exit(main())
