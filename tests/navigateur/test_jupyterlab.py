"""Chaque cahier dans un vrai JupyterLab, comme l'ouvre un élève : tout exécuter, sans erreur,
un explorateur qui réagit au curseur, un quiz qui se répond au clic et affiche un score.

JupyterLab est démarré comme ``make lab`` (127.0.0.1, jeton, ``--allow-root`` sous root) sur une
copie des cahiers : le navigateur ne modifie jamais ceux du dépôt. Captures : ``artefacts/navigateur/``.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from pilote import (
    PANNEAU,
    cahiers_testes,
    capture,
    cellules_non_executees,
    erreurs_affichees,
    executer_tout,
    images_visibles,
    ouvrir_cahier,
    trace_des_graphiques,
)

pytestmark = pytest.mark.navigateur

CAHIERS = cahiers_testes()
QUIZ_TESTES: list[str] = []
CURSEURS_TESTES: list[str] = []


def _a_un_quiz(cahier: Path) -> bool:
    return "quiz(" in cahier.read_text(encoding="utf-8")


def _a_un_curseur(cahier: Path) -> bool:
    return "Slider(" in cahier.read_text(encoding="utf-8")


@pytest.fixture
def page(navigateur, lab):
    contexte = navigateur.new_context(viewport={"width": 1366, "height": 900})
    page = contexte.new_page()
    yield page
    contexte.close()
    lab.fermer_sessions()  # un noyau par cahier testé, arrêté aussitôt


def _sorties_du_curseur(curseur) -> str:
    """Ce qu'affichent les widgets Output de la cellule du curseur (texte et images)."""
    cellule = curseur.locator("xpath=ancestor::div[contains(@class, 'jp-CodeCell')][1]")
    return "".join(cellule.locator(".widget-output").evaluate_all("els => els.map(e => e.innerHTML)"))


def bouger_un_curseur(page, nom: str) -> tuple[str, str]:
    """Déplace au clavier le premier curseur du cahier ; renvoie (valeur avant, valeur après) et attend la sortie."""
    curseur = page.locator(f"{PANNEAU} .jupyter-widgets.widget-slider").first
    curseur.scroll_into_view_if_needed()
    avant, valeur_avant = _sorties_du_curseur(curseur), curseur.locator(".widget-readout").inner_text()
    capture(page, f"{nom}-explorateur-avant")
    poignee = curseur.locator(".noUi-handle").first
    for touche in ("ArrowLeft", "ArrowRight"):  # à gauche d'abord : le curseur peut être au maximum
        poignee.focus()
        poignee.press(touche)
        page.wait_for_timeout(300)
        if curseur.locator(".widget-readout").inner_text() != valeur_avant:
            break
    valeur_apres = curseur.locator(".widget-readout").inner_text()
    cellule = curseur.locator("xpath=ancestor::div[contains(@class, 'jp-CodeCell')][1]")
    cellule.locator(".widget-output").first.wait_for(timeout=10_000)
    page.wait_for_function(
        """([cellule, avant]) => [...cellule.querySelectorAll('.widget-output')].map(e => e.innerHTML).join('') !== avant
            && !cellule.querySelector('.jp-Notebook-ExecutionIndicator[data-status="busy"]')""",
        arg=[cellule.element_handle(), avant], timeout=60_000)
    page.wait_for_timeout(500)
    capture(page, f"{nom}-explorateur-apres")
    assert _sorties_du_curseur(curseur) != avant
    return valeur_avant, valeur_apres


def repondre_au_quiz(page, nom: str) -> str:
    """Répond à la première question du quiz au clic, valide, et renvoie le texte du score affiché."""
    from playwright.sync_api import expect

    quiz = page.locator(f"{PANNEAU} .jp-CodeCell", has=page.locator("h3", has_text="Quiz")).last
    quiz.scroll_into_view_if_needed()
    score = quiz.locator("b", has_text="Score").first
    assert "0 question(s) validée(s)" in score.inner_text()
    valider = quiz.locator("button", has_text="Valider").first
    carte = valider.locator("xpath=ancestor::div[contains(@class, 'widget-vbox')][1]")
    if carte.locator("input[type=radio]").count():
        carte.locator("input[type=radio]").first.click()
    elif carte.locator("input[type=checkbox]").count():
        carte.locator("input[type=checkbox]").first.click()
    else:
        carte.locator("input[type=text]").first.fill("1")
        carte.locator("input[type=text]").first.press("Tab")
    valider.click()
    # Le HTML du score est remplacé à chaque mise à jour : on attend sur un localisateur, pas sur un élément.
    expect(score).to_contain_text(re.compile(r"1 question\(s\) validée\(s\)"), timeout=30_000)
    retour = carte.inner_text()
    assert re.search(r"Juste !|Faux\.", retour), f"pas de verdict affiché après « Valider » : {retour[:300]}"
    carte.scroll_into_view_if_needed()
    capture(page, f"{nom}-quiz-apres-clic")
    return score.inner_text()


@pytest.mark.parametrize("cahier", CAHIERS, ids=lambda c: c.stem)
def test_cahier_dans_jupyterlab(lab, page, cahier, mesures):
    nom = f"lab-{cahier.stem}"
    debut = time.perf_counter()
    ouvrir_cahier(page, lab, cahier.name)
    page.wait_for_timeout(800)
    capture(page, f"{nom}-premier-ecran")
    executer_tout(page)
    duree_execution = time.perf_counter() - debut

    assert cellules_non_executees(page) == [], "« Run All » s'est arrêté : des cellules n'ont pas tourné"
    assert erreurs_affichees(page) == []
    if trace_des_graphiques(cahier):
        assert images_visibles(page) >= 1, "aucun graphique affiché"
    capture(page, f"{nom}-apres-execution", pleine_page=True)

    curseur = None
    if _a_un_curseur(cahier):
        assert page.locator(f"{PANNEAU} .jupyter-widgets.widget-slider").count() >= 1, \
            "le curseur ipywidgets ne s'affiche pas"
        avant, apres = bouger_un_curseur(page, nom)
        assert avant != apres
        curseur = f"{avant} → {apres}"
        CURSEURS_TESTES.append(cahier.name)

    score = None
    if _a_un_quiz(cahier):
        score = repondre_au_quiz(page, nom)
        QUIZ_TESTES.append(cahier.name)
    mesures.setdefault("cahiers", {})[cahier.name] = {
        "ouverture_et_execution_s": round(duree_execution, 1), "total_s": round(time.perf_counter() - debut, 1),
        "curseur": curseur, "score_quiz": score}


def test_un_quiz_au_moins_a_ete_repondu(mode):
    cahiers = [c.name for c in CAHIERS if _a_un_quiz(c)]
    if not cahiers:
        pytest.skip("aucun cahier ne se termine encore par quiz(...) (grc.qcm.quiz) : rien à cliquer")
    assert QUIZ_TESTES, f"le quiz de {cahiers} n'a pas été testé (le test du cahier a échoué avant ?)"


def test_un_explorateur_au_moins_a_reagi(mode):
    cahiers = [c.name for c in CAHIERS if _a_un_curseur(c)]
    assert cahiers, "aucun cahier testé n'a d'explorateur à curseur (ipywidgets)"
    assert CURSEURS_TESTES, f"les curseurs de {cahiers} n'ont pas été testés (le test du cahier a échoué avant ?)"
