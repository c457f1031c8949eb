"""Petits outils d'écriture MyST : échapper un texte, renvoyer à une section ou à une page.

Les textes des QCM et du glossaire sont écrits en YAML par des auteurs : on les
publie tels quels, sans qu'un ``*``, un ``$`` ou un ``<`` ne devienne de la mise
en forme, mais en gardant le code entre accents graves (`` `clients.shape` ``).

>>> echapper("Taux = 2 * 3 $ <b>")
'Taux = 2 \\\\* 3 \\\\$ \\\\<b\\\\>'
>>> echapper("Que renvoie `clients.shape` ?")
'Que renvoie `clients.shape` ?'
"""

from __future__ import annotations

import re

_SPECIAUX = re.compile(r"([\\`*_\[\]<>$|{}#&~!])")
_CODE = re.compile(r"(`[^`\n]+`)")


def echapper(texte: str) -> str:
    """Échappe les caractères spéciaux de MyST hors des segments de code ; une seule ligne.

    Les retours à la ligne deviennent des espaces (un texte de QCM est un paragraphe).
    """
    morceaux = _CODE.split(" ".join(str(texte).split()))
    return "".join(m if i % 2 else _SPECIAUX.sub(r"\\\1", m) for i, m in enumerate(morceaux))


def renvoi(etiquette: str, connues: set[str], repli: str) -> str:
    """Un renvoi ``{ref}`` vers une section si l'étiquette existe, sinon le texte de repli.

    >>> renvoi("rfm-scores", {"rfm-scores"}, "leçon 02")
    '{ref}`rfm-scores`'
    >>> renvoi("vente-soncas", set(), "leçon 09 (à venir)")
    'leçon 09 (à venir)'
    """
    return f"{{ref}}`{etiquette}`" if etiquette in connues else repli


def lien(texte: str, cible: str) -> str:
    """Un lien Markdown vers une page du livre (chemin relatif), au texte échappé.

    >>> lien("Leçon", "../course/02-segmentation-rfm.md")
    '[Leçon](../course/02-segmentation-rfm.md)'
    """
    return f"[{echapper(texte)}]({cible})"
