"""Fixtures des tests dans un vrai navigateur (marqueur ``navigateur``).

Ces tests ne tournent que si la variable ``GRC_NAVIGATEUR`` est posée :

- ``GRC_NAVIGATEUR=reduit`` : un cahier dans JupyterLab, le site réduit au thème 00
  (page d'accueil, un cahier, la recherche) ; c'est la forme lancée par la CI ;
- ``GRC_NAVIGATEUR=complet`` : tous les cahiers, tout le site, chaque page.

Sans la variable (``make test``), ils sont sautés. Avec elle, un outil absent
(Chromium de Debian, paquet playwright, jupyter-book) est une erreur, pas un saut.
Les captures d'écran et les mesures vont dans ``artefacts/navigateur/``.
"""

from __future__ import annotations

import json
import time

import pytest
from pilote import ARTEFACTS, CHROMIUM, MODE, JupyterLab, cahiers_testes, lancer_chromium


def exiger(condition: bool, message: str) -> None:
    """Échoue (mode demandé) si l'outil manque."""
    if not condition:
        pytest.fail(f"{message} — installez les outils : make test-navigateur (apt chromium, pip .[site,navigateur])")


@pytest.fixture(scope="session")
def mode() -> str:
    if MODE not in {"reduit", "complet"}:
        pytest.skip("tests dans un vrai navigateur : GRC_NAVIGATEUR=reduit ou complet (make test-navigateur)")
    return MODE


@pytest.fixture(scope="session")
def mesures():
    """Un dictionnaire de mesures, écrit dans artefacts/navigateur/mesures-<mode>.json à la fin."""
    donnees: dict = {"mode": MODE, "debut": time.strftime("%Y-%m-%d %H:%M:%S")}
    debut = time.perf_counter()
    yield donnees
    donnees["duree_totale_s"] = round(time.perf_counter() - debut, 1)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / f"mesures-{MODE or 'inconnu'}.json").write_text(
        json.dumps(donnees, ensure_ascii=False, indent=2), encoding="utf-8")


@pytest.fixture(scope="session")
def navigateur(mode):
    """Le Chromium de Debian (``/usr/bin/chromium``) piloté par Playwright, pour toute la session."""
    exiger(CHROMIUM.exists(), f"{CHROMIUM} introuvable (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        exiger(False, "le paquet Python playwright manque")
    with sync_playwright() as p:
        navigateur = lancer_chromium(p)
        yield navigateur
        navigateur.close()


@pytest.fixture(scope="session")
def lab(mode, tmp_path_factory, mesures):
    """Un JupyterLab démarré comme ``demarrer.py`` sur une copie des cahiers et des leçons (toute la session)."""
    serveur = JupyterLab(tmp_path_factory.mktemp("jupyterlab"), cahiers_testes())
    debut = time.perf_counter()
    serveur.demarrer()
    mesures["demarrage_jupyterlab_s"] = round(time.perf_counter() - debut, 1)
    yield serveur
    serveur.arreter()
