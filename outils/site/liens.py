"""Les liens relatifs des pages publiées : garder ceux qui mènent à une page du site, signaler les autres.

Une leçon peut renvoyer à un cahier pas encore écrit, un cahier à un fichier du
dépôt (``../grc/rfm.py``) ou au corrigé, qui n'est pas publié sur le site des
élèves. Sur le site, un tel lien serait cassé : on le remplace par son texte et
on le compte dans le bilan de la construction. Les images locales sont copiées
à côté de la page, au même chemin relatif que dans le dépôt.

>>> texte = "Voir [le cahier](../notebooks/02-rfm.ipynb) et [Sphinx](https://www.sphinx-doc.org)."
>>> nouveau, absents = retirer_liens_absents(texte, Path("course"), lambda p: False)
>>> nouveau
'Voir le cahier et [Sphinx](https://www.sphinx-doc.org).'
>>> absents
['../notebooks/02-rfm.ipynb']
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath

#: Un lien Markdown (pas une image) : [texte](cible) ; la cible n'a pas d'espace.
MOTIF_LIEN = re.compile(r"(?<!!)\[([^\]\n]+)\]\(([^)\s]+)\)")
#: Une image Markdown ou le chemin d'une directive image / figure.
MOTIF_IMAGE = re.compile(r"!\[[^\]\n]*\]\(([^)\s]+)\)|^[`:]{3,}\{(?:image|figure)\}\s+(\S+)", re.MULTILINE)
_SCHEMA = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def est_local(cible: str) -> bool:
    """Vrai pour un chemin relatif vers un fichier (pas une adresse web, pas une ancre seule).

    >>> est_local("../course/02-rfm.md#rfm-scores"), est_local("https://cnil.fr"), est_local("#haut")
    (True, False, False)
    """
    return bool(cible) and not cible.startswith(("#", "/")) and not _SCHEMA.match(cible)


def resoudre(dossier: PurePosixPath | Path, cible: str) -> PurePosixPath:
    """Le chemin (relatif à la racine du livre) d'une cible relative à ``dossier``, sans ancre.

    >>> resoudre(PurePosixPath("course"), "../notebooks/02-rfm.ipynb#exercice-1")
    PurePosixPath('notebooks/02-rfm.ipynb')
    """
    chemin = cible.split("#", 1)[0]
    return PurePosixPath(posixpath.normpath(posixpath.join(PurePosixPath(dossier).as_posix(), chemin)))


def retirer_liens_absents(texte: str, dossier: Path, existe: Callable[[PurePosixPath], bool]) -> tuple[str, list[str]]:
    """Remplace par leur texte les liens locaux dont la cible n'est pas publiée ; renvoie (texte, cibles retirées)."""
    absents: list[str] = []

    def remplacer(m: re.Match) -> str:
        cible = m.group(2)
        if not est_local(cible) or existe(resoudre(dossier, cible)):
            return m.group(0)
        absents.append(cible)
        return m.group(1)

    return MOTIF_LIEN.sub(remplacer, texte), absents


def images_locales(texte: str) -> list[str]:
    """Les chemins relatifs des images d'une page (Markdown ou directives ``image`` / ``figure``).

    >>> images_locales("![courbe](images/pareto.png)\\n:::{figure} ../img/lorenz.svg\\n")
    ['images/pareto.png', '../img/lorenz.svg']
    """
    return [c for m in MOTIF_IMAGE.finditer(texte) if est_local(c := (m.group(1) or m.group(2)))]
