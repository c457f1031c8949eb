"""L'écriture des nombres à la française dans les questions (sans charger matplotlib).

Espace fine insécable pour les milliers, espace insécable avant « € » et « % »
(ici remplacées par des espaces ordinaires pour la lisibilité de l'exemple) :

>>> def lisible(t): return t.replace("\u202f", " ").replace("\xa0", " ")
>>> lisible(formater(1234.5, "euros", 2))
'1 234,50 €'
>>> lisible(formater(0.8, "pourcent", 0))
'80 %'
>>> lire_nombre(" 12,5 % "), lire_nombre("4 ans"), lire_nombre("1 200 €")
(12.5, 4.0, 1200.0)
"""

from __future__ import annotations

import html
import math
import re

_ESPACE = "\u202f"  # espace fine insécable, comme en typographie française


def nombre(valeur: float, decimales: int = 0) -> str:
    """Un nombre avec espace des milliers et virgule décimale ; « -0 » devient « 0 »."""
    texte = f"{valeur:,.{decimales}f}".replace(",", _ESPACE).replace(".", ",")
    if re.fullmatch(r"-0(,0*)?", texte):
        texte = texte[1:]
    return texte


def formater(valeur: float, format: str = "nombre", decimales: int = 0) -> str:
    """Écrit une valeur tirée selon son format : ``nombre``, ``euros`` ou ``pourcent`` (fraction)."""
    if format == "euros":
        return f"{nombre(valeur, decimales)}\u00a0€"
    if format == "pourcent":
        return f"{nombre(100 * valeur, decimales)}\u00a0%"
    return nombre(valeur, decimales)


def lire_nombre(texte: object) -> float | None:
    """Lit une réponse numérique d'élève : virgule ou point, espaces, « € », « % » ou une unité en lettres tolérés.

    Renvoie ``None`` si le texte n'est pas un nombre.
    """
    if isinstance(texte, bool):
        return None
    if isinstance(texte, int | float):
        return float(texte) if math.isfinite(texte) else None
    sans_unite = re.sub(r"[^\W\d_]+\.?\s*$", "", str(texte).strip())  # « 2,5 ans », « 12 EUR »
    propre = re.sub(r"[\s\u00a0\u202f€%]", "", sans_unite).replace(",", ".")
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)", propre):
        return None
    return float(propre)


def html_texte(texte: str) -> str:
    """Échappe un texte pour HTML et rend les `bouts de code` en ``<code>``.

    >>> html_texte("Utilisez `len(t)` < 3")
    'Utilisez <code>len(t)</code> &lt; 3'
    """
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(texte, quote=False))
