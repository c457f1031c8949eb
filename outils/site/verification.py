"""Vérifier le HTML produit : liens internes, ancres, images, et aucune ressource chargée d'internet.

Un lien ``<a href>`` vers une page du site doit mener à un fichier qui existe, et
son ancre (``#rfm-scores``) à un identifiant de cette page. Une image, une feuille
de style ou un script doivent être dans le site : une page qui irait les chercher
sur internet ne marcherait pas hors ligne. Les liens ``<a>`` vers l'extérieur
(documentation de nbgrader...) sont permis.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     _ = (Path(d) / "index.html").write_text(
...         "<a href='lecon.html#scores'>x</a><img src='img/a.png'><script src='https://cdn.x/y.js'></script>")
...     _ = (Path(d) / "lecon.html").write_text("<h2 id='scores'>Scores</h2>")
...     for p in verifier_site(Path(d)):
...         print(p)
index.html : image ou fichier manquant « img/a.png »
index.html : ressource chargée depuis internet « https://cdn.x/y.js »
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: Les fichiers HTML de service de Sphinx, dont les liens viennent du thème lui-même.
_IGNORES = {"genindex.html", "search.html", "py-modindex.html"}


class _Lecteur(HTMLParser):
    """Relève les identifiants, les liens et les ressources d'une page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.liens: list[str] = []
        self.ressources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v for k, v in attrs if v is not None}
        for cle in ("id", "name"):
            if cle in a:
                self.ids.add(a[cle])
        if tag == "a" and "href" in a:
            self.liens.append(a["href"])
        elif tag in {"img", "script", "source", "iframe"} and "src" in a:
            self.ressources.append(a["src"])
        elif tag == "link" and "href" in a and a.get("rel", "") not in {"canonical"}:
            self.ressources.append(a["href"])


def lire_html(texte: str) -> _Lecteur:
    """Les identifiants, liens et ressources d'un texte HTML.

    >>> sorted(lire_html("<h2 id='a'>A</h2><a name='b' href='x.html'>x</a>").ids)
    ['a', 'b']
    """
    lecteur = _Lecteur()
    lecteur.feed(texte)
    return lecteur


def lire_page(chemin: Path) -> _Lecteur:
    return lire_html(chemin.read_text(encoding="utf-8", errors="replace"))


def _externe(url: str) -> bool:
    return url.startswith("//") or urlsplit(url).scheme in {"http", "https"}


def _cible(page: Path, url: str, racine: Path) -> tuple[Path, str] | None:
    """Le fichier local visé par une URL relative et son ancre ; ``None`` si l'URL n'est pas un fichier local."""
    morceaux = urlsplit(url)
    if morceaux.scheme or url.startswith("//"):
        return None
    if not morceaux.path:
        return page, unquote(morceaux.fragment)
    chemin = posixpath.normpath(posixpath.join(page.parent.relative_to(racine).as_posix(), unquote(morceaux.path)))
    fichier = racine / chemin
    if url.split("#")[0].endswith("/") or fichier.is_dir():
        fichier = fichier / "index.html"
    return fichier, unquote(morceaux.fragment)


def verifier_page(page: Path, racine: Path, ids: dict[Path, set[str]]) -> list[str]:
    """Les problèmes d'une page : lien cassé, ancre inconnue, ressource absente ou externe."""
    lecteur = lire_page(page)
    nom = page.relative_to(racine).as_posix()
    problemes = []
    for url in lecteur.ressources:
        if url.startswith("data:"):
            continue
        if _externe(url):
            problemes.append(f"{nom} : ressource chargée depuis internet « {url} »")
        elif (cible := _cible(page, url, racine)) and not cible[0].is_file():
            problemes.append(f"{nom} : image ou fichier manquant « {url} »")
    for url in lecteur.liens:
        cible = _cible(page, url, racine)
        if cible is None or url.startswith(("mailto:", "javascript:")):
            continue
        fichier, ancre = cible
        if not fichier.exists():
            problemes.append(f"{nom} : lien cassé « {url} »")
        elif ancre and fichier.suffix == ".html" and fichier.name not in _IGNORES:
            if fichier not in ids:
                ids[fichier] = lire_page(fichier).ids
            if ancre not in ids[fichier]:
                problemes.append(f"{nom} : ancre inconnue « {url} »")
    return problemes


def pages_du_site(racine: Path) -> list[Path]:
    """Les pages HTML du site, hors fichiers de service (index général, recherche) et hors ``_static``."""
    return sorted(p for p in racine.rglob("*.html")
                  if p.name not in _IGNORES and not p.relative_to(racine).parts[0].startswith("_"))


def verifier_site(racine: Path) -> list[str]:
    """Vérifie toutes les pages du site ; renvoie la liste des problèmes (vide si tout va bien)."""
    racine = Path(racine)
    ids: dict[Path, set[str]] = {}
    return [p for page in pages_du_site(racine) for p in verifier_page(page, racine, ids)]
