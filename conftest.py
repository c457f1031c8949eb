"""Réglages communs à toute la suite (tests, doctests de grc/, cahiers exécutés par nbval).

Les tests ne doivent rien écrire dans le dépôt : le travail de l'élève (``mon-travail/``,
progression, bilan) va dans un dossier temporaire, propre à chaque processus de test, transmis
aux noyaux Jupyter par la variable d'environnement ``GRC_TRAVAIL`` (voir ``grc.progression``).
Un ``GRC_TRAVAIL`` déjà fixé par l'appelant est respecté.
"""

from __future__ import annotations

import os
import shutil
import tempfile

_CREE: list[str] = []


def pytest_configure(config):  # noqa: ARG001 - signature de pytest
    if not os.environ.get("GRC_TRAVAIL"):
        dossier = tempfile.mkdtemp(prefix="grc-travail-tests-")
        os.environ["GRC_TRAVAIL"] = dossier
        _CREE.append(dossier)


def pytest_unconfigure(config):  # noqa: ARG001
    for dossier in _CREE:
        shutil.rmtree(dossier, ignore_errors=True)
        if os.environ.get("GRC_TRAVAIL") == dossier:
            del os.environ["GRC_TRAVAIL"]
