"""Le barème des réponses rédigées (``course/redactions.json``) : titre de chaque question, points des critères.

Le fichier est écrit par le générateur des cahiers à partir des corrigés ; le ramassage s'en sert
pour titrer les questions et traduire les critères cochés par l'élève en points auto-évalués. Sans
lui (ou illisible), le ramassage compte seulement les critères cochés.

>>> b = Bareme("Question ouverte A", {"cible": 1.0, "chiffre": 0.5})
>>> b.points(["cible"]), b.total
(1.0, 1.5)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["Bareme", "baremes_redactions", "lire_baremes"]


@dataclass(frozen=True)
class Bareme:
    """Le titre d'une question rédigée et les points de chacun de ses critères."""

    titre: str
    criteres: dict[str, float]

    @property
    def total(self) -> float:
        """Le total des points de la question."""
        return float(sum(self.criteres.values()))

    def points(self, coches: list[str]) -> float:
        """Les points des critères cochés (un critère inconnu du barème ne compte pas)."""
        return float(sum(self.criteres.get(c, 0.0) for c in set(coches)))


def lire_baremes(chemin: str | Path) -> dict[str, Bareme]:
    """Les barèmes d'un fichier ``redactions.json`` ; ``{}`` s'il manque ou ne se lit pas.

    >>> import tempfile, pathlib, json
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "redactions.json"
    >>> _ = f.write_text(json.dumps({"format": 1, "redactions": {"10_redaction_1": {"titre": "Cibler",
    ...     "criteres": [{"critere": "cible", "points": 2}, {"critere": "chiffre", "points": 1}]}}}))
    >>> lire_baremes(f)["10_redaction_1"].total, lire_baremes(f.with_name("absent.json"))
    (3.0, {})
    """
    try:
        donnees = json.loads(Path(chemin).read_text(encoding="utf-8"))
        fiches = donnees["redactions"]
        return {str(nom): Bareme(str(f.get("titre", "")),
                                 {str(c["critere"]): float(c.get("points", 0)) for c in f.get("criteres", [])})
                for nom, f in fiches.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


@cache
def baremes_redactions() -> dict[str, Bareme]:
    """Les barèmes du cours installé (``course/redactions.json`` lu par :mod:`grc.ressources`)."""
    try:
        from ..ressources import dossier

        return lire_baremes(dossier("course") / "redactions.json")
    except Exception:  # pas de cours installé : le ramassage compte seulement les critères
        return {}
