"""Réponse rédigée dans un vrai JupyterLab : écrire, voir la réponse modèle, cocher la grille.

Forme complète seulement (``GRC_NAVIGATEUR=complet``, ``make test-navigateur``) : la CI garde sa
forme réduite courte. Un petit cahier de deux cellules suffit (import, ``rediger``) ; la page
« Commencer ici » doit offrir les deux parcours.
"""

from __future__ import annotations

import json

import nbformat
import pytest
from pilote import MODE, PANNEAU, capture, executer_tout, fermer_notifications

pytestmark = pytest.mark.navigateur

REPONSE = ("Les clients les plus nombreux sont dans la colonne F = 1, en bas de la carte. Le CA est concentré "
           "en haut à droite ; les cases R moyen et F élevé sont d'anciens bons clients à relancer.")


@pytest.fixture
def page(navigateur, lab):
    if MODE != "complet":
        pytest.skip("forme complète seulement (GRC_NAVIGATEUR=complet)")
    contexte = navigateur.new_context(viewport={"width": 1366, "height": 900})
    page = contexte.new_page()
    yield page
    contexte.close()
    lab.fermer_sessions()


def test_accueil_deux_parcours(page, lab) -> None:
    page.goto(lab.url_accueil())
    apercu = page.locator(".jp-MarkdownViewer:not(.lm-mod-hidden)").first
    apercu.locator("h2", has_text="Deux parcours").wait_for(timeout=90_000)
    texte = apercu.inner_text()
    assert "Parcours BTS (MCO, NDRC)" in texte and "Parcours approfondissement (BUT TC, licence, école)" in texte
    capture(page, "redaction-accueil-deux-parcours")


def test_rediger_voir_le_modele_et_cocher(page, lab) -> None:
    carnet = nbformat.v4.new_notebook()
    carnet.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    carnet.cells = [nbformat.v4.new_code_cell("from grc.redaction import rediger"),
                    nbformat.v4.new_code_cell('rediger("02_redaction_1")')]
    cible = lab.dossier / "mon-travail" / "essai-redaction.ipynb"
    cible.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(carnet, str(cible))
    page.goto(lab.url_fichier("mon-travail/essai-redaction.ipynb"))
    page.wait_for_selector(f"{PANNEAU} .jp-Notebook .jp-Cell", timeout=90_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)
    fermer_notifications(page)
    zone = page.locator(f"{PANNEAU} textarea").first
    for _ in range(3):  # JupyterLab peut redessiner le cahier juste après l'ouverture : on réessaie
        executer_tout(page, delai_ms=120_000)
        try:
            zone.wait_for(timeout=20_000)
            break
        except Exception:
            page.locator(f"{PANNEAU} .jp-CodeCell").first.click()
    zone.wait_for(timeout=30_000)
    bouton = page.locator(f"{PANNEAU} button", has_text="Voir la réponse modèle et la grille").first
    assert bouton.is_disabled()
    zone.fill(REPONSE)
    page.wait_for_function("b => !b.disabled", arg=bouton.element_handle(), timeout=30_000)
    bouton.click()
    cases = page.locator(f"{PANNEAU} .widget-checkbox input[type=checkbox]")
    cases.first.wait_for(timeout=30_000)
    assert cases.count() == 3
    cases.nth(0).check()
    page.locator(f"{PANNEAU}", has_text="1 critère sur 3 coché").first.wait_for(timeout=30_000)
    assert "Réponse modèle." in page.locator(PANNEAU).inner_text()
    capture(page, "redaction-grille-cochee")
    fiche = json.loads((lab.dossier / "mon-travail" / "progression.json").read_text(encoding="utf-8"))
    redaction = fiche["redactions"]["02_redaction_1"]
    assert redaction["reponse"] == REPONSE and len(redaction["coches"]) == 1
