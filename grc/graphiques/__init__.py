"""Les graphiques du cours : nombres à la française, style commun, et les dessins des modules de calcul.

- ``grc.graphiques.nombres`` : :func:`nombre_fr`, :func:`euros`, :func:`pourcent` (du texte, sans matplotlib) ;
- ``grc.graphiques.style`` : :func:`appliquer_style`, ``PALETTE``, les formats d'axes ``FORMAT_EUROS``,
  ``FORMAT_POURCENT``, ``FORMAT_NOMBRE`` ;
- ``grc.graphiques.pac`` : :func:`tracer_calendrier` et :func:`tracer_compte_resultat` d'un plan d'action
  commerciale (le calcul reste dans :mod:`grc.pac`, le dessin est ici, comme seaborn sépare les deux).

Tous ces noms s'importent depuis ``grc.graphiques`` ; matplotlib et seaborn ne sont chargés qu'au
premier nom qui en a besoin (importer ``euros`` reste instantané).
"""

from __future__ import annotations

import importlib

from grc.graphiques.nombres import euros, nombre_fr, pourcent

_PARESSEUX = {
    "PALETTE": "style",
    "FORMAT_EUROS": "style",
    "FORMAT_POURCENT": "style",
    "FORMAT_NOMBRE": "style",
    "appliquer_style": "style",
    "tracer_calendrier": "pac",
    "tracer_compte_resultat": "pac",
}

__all__ = ["euros", "nombre_fr", "pourcent", *_PARESSEUX]


def __getattr__(nom: str):
    if nom in _PARESSEUX:
        valeur = getattr(importlib.import_module(f"grc.graphiques.{_PARESSEUX[nom]}"), nom)
        globals()[nom] = valeur
        return valeur
    raise AttributeError(f"module 'grc.graphiques' has no attribute {nom!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_PARESSEUX))
