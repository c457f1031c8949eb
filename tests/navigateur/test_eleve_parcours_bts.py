"""Le parcours BTS parcouru dans un vrai navigateur, comme un élève (issue 15, « Done means »).

Un élève de BTS, dans le JupyterLab en français :

1. ouvre la page « Commencer ici » et y voit les deux parcours (« Parcours BTS », approfondissement) ;
2. clique « Commencer » sur le thème 02 : sa copie est faite dans ``mon-travail/`` et s'ouvre ;
3. exécute tout le cahier (les exercices d'approfondissement restent vides : ✏️, aucune erreur) ;
4. voit le badge « 🎓 Approfondissement » et les cellules repliées (« ••• ») avec leur légende ;
5. se trompe trois fois sur une décision (la cible de la relance) : l'indice grandit (l'idée, la
   méthode, puis le troisième niveau) et chaque mauvais choix reçoit sa raison ; puis choisit juste ;
6. compte les dates au lieu des tickets (exercice 2) : le glissement est nommé ; puis répond juste ;
7. écrit une réponse rédigée dans la zone ``rediger``, dévoile la réponse modèle et la grille, coche
   deux critères ; le ``bilan`` du thème montre alors cette auto-évaluation.

Ces étapes s'enchaînent (une seule page, un seul noyau) : c'est un test, pas plusieurs. Il tourne
avec ``make test-navigateur`` (``GRC_NAVIGATEUR=complet``), pas dans la forme réduite de la CI
(il dure plus d'une minute). Captures : ``artefacts/navigateur/parcours-*.png`` (et, si la variable
``GRC_CAPTURES_PARCOURS`` donne un dossier, une copie dans ce dossier).
"""

from __future__ import annotations

import os
import re
import shutil
import time
import unicodedata
from pathlib import Path

import pytest
from pilote import MODE, PANNEAU, RACINE, JupyterLab, capture, erreurs_affichees, executer_tout, fermer_notifications

pytestmark = [pytest.mark.navigateur,
              pytest.mark.skipif(MODE == "reduit", reason="forme réduite (CI) : parcours vérifié par make test-navigateur")]

CAHIER = "02-segmentation-rfm.ipynb"
BADGE = "🎓 Approfondissement (BUT TC, licence, école) — facultatif en BTS"
DECISION = "02_choix_cible_relance"
MAUVAIS_CHOIX = ["tous", "inactifs", "gros"]
BON_CHOIX = "consentants_gros"
REDACTION = "02_redaction_1"
REPONSE_REDIGEE = ("Les clients les plus nombreux sont dans les cases de faible fréquence, surtout les clients "
                   "d'un seul achat ; le chiffre d'affaires est concentré chez les clients récents et fréquents. "
                   "Les cases R faible et F fort signalent d'anciens bons clients qui décrochent : à relancer.")


def _captures_supplementaires() -> Path | None:
    dossier = os.environ.get("GRC_CAPTURES_PARCOURS", "").strip()
    return Path(dossier) if dossier else None


def _capture(page, nom: str, pleine_page: bool = False) -> Path:
    chemin = capture(page, f"parcours-{nom}", pleine_page)
    autre = _captures_supplementaires()
    if autre is not None:
        autre.mkdir(parents=True, exist_ok=True)
        shutil.copy2(chemin, autre / chemin.name)
    return chemin


@pytest.fixture(scope="module")
def lab_bts(mode, tmp_path_factory):
    """Un JupyterLab à lui (mon-travail/ vide, progression neuve), avec le cahier 02 du cours."""
    serveur = JupyterLab(tmp_path_factory.mktemp("parcours-bts"), [RACINE / "notebooks" / CAHIER])
    serveur.demarrer()
    yield serveur
    serveur.arreter()


@pytest.fixture(scope="module")
def page(navigateur, lab_bts):
    contexte = navigateur.new_context(viewport={"width": 1366, "height": 900})
    page = contexte.new_page()
    yield page
    contexte.close()
    lab_bts.fermer_sessions()


def _normal(texte: str) -> str:
    """Le texte affiché, espaces (insécables compris) ramenées à une seule, en forme NFC."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", texte)).strip()


def _indices(nom: str) -> tuple[str, ...]:
    from grc.exercices import EXERCICES
    from grc.exercices.registre import charger_themes

    charger_themes()
    return tuple(EXERCICES[nom].indices)


def _attendre_noyau(page, delai_ms: int = 90_000) -> None:
    page.wait_for_function(
        "() => /\\|\\s*(Inactif|Idle)/.test(document.querySelector('.jp-StatusBar-Widget')?.innerText || '')",
        timeout=delai_ms, polling=500)


def _cellule_code(page, contient: str):
    """La cellule de code du cahier affiché dont le texte contient ``contient``."""
    cellule = page.locator(f"{PANNEAU} .jp-CodeCell", has=page.locator(".jp-InputArea-editor", has_text=contient))
    assert cellule.count() == 1, f"{cellule.count()} cellules contiennent {contient!r}"
    return cellule.first


def _numero(cellule) -> int:
    texte = cellule.locator(".jp-InputPrompt").inner_text()
    trouve = re.search(r"\[(\d+)\]", texte)
    return int(trouve.group(1)) if trouve else -1


def _ecrire_et_executer(page, cellule, source: str | None, delai_ms: int = 60_000, touche: str = "Shift+Enter") -> str:
    """Remplace le code de la cellule (si ``source``), l'exécute (Maj+Entrée) ; renvoie le texte de sa sortie."""
    cellule.scroll_into_view_if_needed()
    editeur = cellule.locator(".jp-InputArea-editor .cm-content")
    editeur.click()
    if source is not None:
        page.keyboard.press("Control+a")
        page.keyboard.press("Delete")
        page.keyboard.insert_text(source)  # sans frappe : pas de parenthèse ni de guillemet ajoutés
    avant = _numero(cellule)
    page.keyboard.press(touche)
    fin = time.monotonic() + delai_ms / 1000
    while time.monotonic() < fin:
        if _numero(cellule) > avant:
            break
        page.wait_for_timeout(300)
    else:
        raise AssertionError(f"la cellule n'a pas fini en {delai_ms} ms")
    page.wait_for_timeout(500)
    return cellule.locator(".jp-Cell-outputArea").inner_text()


def test_le_parcours_bts_d_un_eleve(lab_bts, page, mesures):
    debut = time.perf_counter()

    # 1. La page « Commencer ici » présente les deux parcours.
    page.goto(lab_bts.url_accueil() + "&reset")
    apercu = page.locator(".jp-MarkdownViewer:not(.lm-mod-hidden)").first
    page.locator(".jp-MarkdownViewer:not(.lm-mod-hidden) h1", has_text="Commencer ici").first.wait_for(timeout=90_000)
    fermer_notifications(page)
    texte = apercu.inner_text()
    assert "Deux parcours, un seul cours" in texte, texte[:1500]
    assert "Parcours BTS (MCO, NDRC)" in texte and "Parcours approfondissement (BUT TC, licence, école)" in texte
    assert ":::" not in texte, "les encadrés des deux parcours ne sont pas rendus"
    apercu.locator("h2", has_text="Deux parcours").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    _capture(page, "01-deux-parcours")

    # 2. « Commencer » sur la ligne du thème 02 : la copie est faite dans mon-travail/ et s'ouvre.
    ligne = apercu.locator("tr", has_text=re.compile(r"\b02\b.*RFM", re.S)).first
    ligne.locator("a", has_text=re.compile(r"^\s*Commencer\s*$")).click()
    page.wait_for_url(re.compile(r"/lab/tree/mon-travail/02-segmentation-rfm\.ipynb"), timeout=90_000)
    page.wait_for_selector(f"{PANNEAU} .jp-Notebook .jp-Cell", timeout=90_000)
    assert (lab_bts.dossier / "mon-travail" / CAHIER).exists(), "la copie n'est pas dans mon-travail/"
    _attendre_noyau(page)
    fermer_notifications(page)

    # 3. Tout exécuter : le cahier va au bout, approfondissement laissé vide.
    executer_tout(page)
    erreurs = erreurs_affichees(page)
    assert not erreurs, f"erreurs affichées après « Exécuter toutes les cellules » : {erreurs[:2]}"
    mesures["parcours_bts_execution_02_s"] = round(time.perf_counter() - debut, 1)

    # 4. Le badge d'approfondissement, et les cellules repliées avec leur légende.
    cellules = page.locator(f"{PANNEAU} .jp-MarkdownCell")
    textes = [_normal(t) for t in cellules.all_inner_texts()]
    avec_badge = [i for i, t in enumerate(textes) if t.startswith(_normal(BADGE))]
    assert len(avec_badge) >= 3, f"{len(avec_badge)} badges « {BADGE} » en tête de cellule : " \
        f"{[ascii(t[:80]) for t in textes if 'pprofondissement (' in t][:2]}"
    badges = cellules.nth(avec_badge[0])
    badges.scroll_into_view_if_needed()
    page.wait_for_timeout(400)
    _capture(page, "02-badge-approfondissement")
    replies = page.locator(f"{PANNEAU} .jp-CodeCell .jp-InputPlaceholder")
    assert replies.count() >= 5, f"{replies.count()} cellules repliées (jupyter.source_hidden)"
    legende = page.locator(f"{PANNEAU} .jp-MarkdownCell em", has_text="La cellule repliée ci-dessous").first
    assert legende.count(), "pas de légende « La cellule repliée ci-dessous … » en italique"
    legende.scroll_into_view_if_needed()
    page.wait_for_timeout(400)
    _capture(page, "03-cellule-repliee-et-legende")

    # 5. Une décision : trois mauvais choix (l'indice grandit), puis le bon.
    indices = _indices(DECISION)
    assert len(indices) >= 3
    cellule = _cellule_code(page, f'verifier("{DECISION}"')
    for n, choix in enumerate(MAUVAIS_CHOIX, start=1):
        sortie = _ecrire_et_executer(page, cellule, f'cible_choisie = "{choix}"\nverifier("{DECISION}", cible_choisie)')
        assert "❌" in sortie and f"« {choix} » n'est pas le meilleur choix" in sortie, sortie[:800]
        assert f"Indice {n}/{len(indices)}" in sortie, sortie[:800]
        assert indices[n - 1][:60] in sortie, f"niveau {n} attendu : {indices[n - 1][:60]!r}\n{sortie[:800]}"
        for autre in indices[n:]:
            assert autre[:60] not in sortie, f"un indice d'un niveau plus haut est déjà montré : {sortie[:800]}"
        if n == 1:
            assert not re.search(r"`|[A-Za-z_][\w.]*\((?!s\))", indices[0]), "l'idée contient du code"
        _capture(page, f"04-decision-essai-{n}")
    sortie = _ecrire_et_executer(page, cellule, f'cible_choisie = "{BON_CHOIX}"\nverifier("{DECISION}", cible_choisie)')
    assert "✅" in sortie and "Bon choix" in sortie and "Indice" not in sortie, sortie[:800]
    _capture(page, "05-decision-juste")

    # 6. Un glissement : les dates comptées au lieu des tickets (exercice 2), puis la bonne réponse.
    cellule = _cellule_code(page, 'verifier("02_frequence_montant_client"')
    glisse = ('frequence_montant = {"frequence": lignes_client["date"].nunique(),\n'
              '                     "montant": lignes_client["montant_ht"].sum()}\n'
              'verifier("02_frequence_montant_client", frequence_montant)')
    sortie = _ecrire_et_executer(page, cellule, glisse)
    assert "❌" in sortie and "Vous avez compté les dates d'achat, pas les tickets" in sortie, sortie[:800]
    _capture(page, "06-glissement-nomme")
    sortie = _ecrire_et_executer(page, cellule, glisse.replace('["date"]', '["ticket_id"]'))
    assert "✅" in sortie, sortie[:800]

    # 7. Une réponse rédigée : écrire, dévoiler la réponse modèle et la grille, cocher ; puis le bilan.
    cellule = _cellule_code(page, f'rediger("{REDACTION}")')
    cellule.scroll_into_view_if_needed()
    zone = cellule.locator(".jp-OutputArea textarea")
    bouton = cellule.locator(".jp-OutputArea button", has_text="Voir la réponse modèle et la grille")
    assert bouton.is_disabled(), "la réponse modèle se dévoile avant que l'élève ait écrit"
    assert "pour voir la réponse modèle" in cellule.inner_text(), cellule.inner_text()[:500]
    zone.click()
    zone.fill(REPONSE_REDIGEE)
    zone.press("End")
    page.wait_for_function("(b) => !b.disabled", arg=bouton.element_handle(), timeout=15_000)
    assert "réponse enregistrée" in cellule.inner_text()
    _capture(page, "07-redaction-ecrite")
    bouton.click()
    cellule.locator(".jp-Cell-outputArea", has_text="Réponse modèle").wait_for(timeout=15_000)
    cases = cellule.locator(".jp-OutputArea input[type='checkbox']")
    cases.first.wait_for(timeout=15_000)  # les cases arrivent après le texte de la réponse modèle
    assert cases.count() >= 2, "pas de grille à cocher"
    assert re.search(r"Grille \(", cellule.inner_text()), cellule.inner_text()[:800]
    cases.nth(0).check()
    cases.nth(1).check()
    page.wait_for_timeout(800)
    cases.nth(0).scroll_into_view_if_needed()
    _capture(page, "08-reponse-modele-et-grille")

    cellule = _cellule_code(page, 'bilan("rfm")')
    sortie = _ecrire_et_executer(page, cellule, None, touche="Control+Enter")  # dernière cellule : pas de cellule ajoutée
    assert "✍️" in sortie and re.search(r"Rédactions : 1 / \d+ écrite, 2 / \d+ critères cochés", sortie), sortie[:1500]
    assert "auto-évaluation" in sortie, sortie[:1500]
    cellule.locator(".jp-Cell-outputArea").scroll_into_view_if_needed()
    cellule.locator(".jp-InputArea").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(400)
    _capture(page, "09-bilan-auto-evaluation")
    mesures["parcours_bts_total_s"] = round(time.perf_counter() - debut, 1)
