"""L'édition JupyterLite (``make test-lite``) : le site construit, puis Chromium hors ligne.

Sauté sans ``GRC_LITE=1``. Le site est construit par ``outils.lite`` dans un dossier temporaire
(ou pris dans ``$GRC_LITE_SITE`` s'il est déjà construit), servi sur 127.0.0.1 ; Chromium refuse
toute requête qui sort de 127.0.0.1. Le cœur de Pyodide et les paquets purs du noyau sont servis par
le site : le noyau démarre ; numpy, pandas... viendraient du CDN, bloqué ici, donc ils ne sont pas
exécutés dans Pyodide (les cahiers tournent sur CPython avec leurs versions : make test-lite-cpython).
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import socketserver
import threading
import time
import zipfile
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent
ARTEFACTS = RACINE / "artefacts" / "lite"
CHROMIUM = Path("/usr/bin/chromium")
OPTIONS_CHROMIUM = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.lent,
    pytest.mark.skipif(os.environ.get("GRC_LITE") != "1", reason="édition JupyterLite : make test-lite"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("GRC_LITE_SITE"):
        return Path(os.environ["GRC_LITE_SITE"])
    from outils.lite.construction import construire

    sortie = tmp_path_factory.mktemp("lite") / "site"
    resume = construire(sortie)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "construction.json").write_text(json.dumps(resume, indent=2, ensure_ascii=False), encoding="utf-8")
    return sortie


def test_contenu_du_site(site: Path) -> None:
    from test_edition import lignes_secretes

    from grc.themes import THEMES
    from outils.lite import PYODIDE

    fichiers = site / "files"
    for t in THEMES:
        assert (fichiers / t.cahier).is_file(), t.cahier
        assert (fichiers / t.lecon).is_file(), t.lecon
    assert (fichiers / "Commencer ici.ipynb").is_file()
    assert not list(site.rglob("solutions")) and not (fichiers / "course" / "qcm").exists()
    # Aucune ligne de corrigé dans les fichiers servis.
    secretes = lignes_secretes()
    for f in fichiers.rglob("*"):
        if f.is_file():
            assert not secretes & {ligne.strip() for ligne in f.read_text(encoding="utf-8").splitlines()}, f
            assert "BEGIN SOLUTION" not in f.read_text(encoding="utf-8"), f
    # Pyodide et ses paquets : versions figées, roue grc présente avec la bonne empreinte.
    verrou = json.loads((site / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert verrou["info"]["python"].startswith("3.14")
    grc = verrou["packages"]["cours-grc"]
    roue = site / "pyodide" / grc["file_name"]
    assert hashlib.sha256(roue.read_bytes()).hexdigest() == grc["sha256"]
    assert "grc/themes.py" in zipfile.ZipFile(roue).namelist()
    for nom in ("pyodide.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        assert (site / "pyodide" / nom).is_file()
    assert verrou["packages"]["pandas"]["file_name"].startswith(f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE}/")
    config = json.loads((site / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    assert config["settingsOverrides"]["@jupyterlab/translation-extension:plugin"]["locale"] == "fr_FR"
    assert (site / "api" / "translations" / "fr_FR.json").is_file()


class _Gestionnaire(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json"}

    def log_message(self, *args) -> None:
        pass


class _Serveur(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def _executer_tout(page) -> None:
    for libelle in page.locator(".lm-MenuBar-itemLabel").all():
        if libelle.inner_text() in ("Run", "Exécution", "Exécuter"):
            libelle.click()
            break
    page.click(".lm-Menu-item[data-command='runmenu:run-all']")


def _sortie(page, texte: str, delai_ms: int) -> None:
    """Attend ``texte`` dans une sortie de cellule (pas dans le code)."""
    page.locator(".jp-OutputArea-output", has_text=texte).first.wait_for(timeout=delai_ms)


def _nouvelle_cellule(page, code: str) -> None:
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").last.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.keyboard.press("Enter")
    page.keyboard.type(code)
    page.keyboard.press("Shift+Enter")


def test_navigateur_hors_ligne(site: Path, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} introuvable : make chromium")
    from playwright.sync_api import sync_playwright

    from grc.themes import THEMES

    serveur = _Serveur(("127.0.0.1", 0), functools.partial(_Gestionnaire, directory=str(site)))
    origine = f"http://127.0.0.1:{serveur.server_address[1]}"
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    mesures: dict = {}
    try:
        with sync_playwright() as p:
            navigateur = p.chromium.launch(executable_path=str(CHROMIUM), args=OPTIONS_CHROMIUM)
            contexte = navigateur.new_context(locale="fr-FR", viewport={"width": 1400, "height": 900},
                                              accept_downloads=True)
            refusees: list[str] = []
            locales: list[str] = []

            def router(route) -> None:
                url = route.request.url
                if url.startswith(origine) or url.startswith(("data:", "blob:")):
                    locales.append(url)
                    route.continue_()
                else:
                    refusees.append(url)
                    route.abort()

            contexte.route("**/*", router)
            octets = []
            contexte.on("requestfinished", lambda r: octets.append(r.sizes()["responseBodySize"]))
            page = contexte.new_page()
            debut = time.perf_counter()
            page.goto(f"{origine}/lab/index.html?path=Commencer%20ici.ipynb")
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=120_000)
            menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
            assert "Fichier" in menus and "Nbgrader" not in menus, menus
            mesures["page_ouverte_s"] = round(time.perf_counter() - debut, 1)

            try:
                # Une cellule de Python pur (les outils de la page), la copie d'un cahier.
                _executer_tout(page)
                _sortie(page, "Prêt.", 300_000)
                mesures["premier_resultat_s"] = round(time.perf_counter() - debut, 1)
                _sortie(page, "Copie faite", 60_000)

                # Télécharger mon travail : le zip contient la copie.
                with page.expect_download(timeout=60_000) as telechargement:
                    page.locator("a.grc-telecharger").click()
                archive = tmp_path / "mon-travail.zip"
                telechargement.value.save_as(archive)
                assert "mon-travail/00-prise-en-main.ipynb" in zipfile.ZipFile(archive).namelist()

                # Reprendre mon travail : le zip renvoyé ; la copie existante n'est pas écrasée.
                with page.expect_file_chooser(timeout=30_000) as choix:
                    page.locator(".widget-upload").last.click()
                choix.value.set_files(str(archive))
                _sortie(page, "fichier(s) remis", 60_000)
                assert "(v2)" in page.locator(".jp-OutputArea-output").all_inner_texts()[-1]

                # Un curseur ipywidgets qui réagit.
                _nouvelle_cellule(page, 's = widgets.IntSlider(value=3, max=10); o = widgets.Output(); '
                                        's.observe(lambda ch: o.append_stdout(f"valeur {ch[\'new\']}\\n"), '
                                        'names="value"); display(s, o)')
                poignee = page.locator(".widget-slider .noUi-handle, .widget-slider [role=slider]").last
                poignee.wait_for(timeout=60_000)
                poignee.click()
                page.keyboard.press("ArrowRight")
                _sortie(page, "valeur 4", 30_000)

                # La roue grc est servie par le site, avec l'empreinte du verrou ; son index s'importe.
                _nouvelle_cellule(page, (
                    'import hashlib, io, sys, zipfile; from js import location; from pyodide.http import pyfetch; '
                    'b = location.origin + "/pyodide/"; v = await (await pyfetch(b + "pyodide-lock.json")).json(); '
                    'e = v["packages"]["cours-grc"]; d = await (await pyfetch(b + e["file_name"])).bytes(); '
                    'zipfile.ZipFile(io.BytesIO(d)).extractall("/tmp/roue-grc"); sys.path.insert(0, "/tmp/roue-grc"); '
                    'import grc.themes; print("roue grc", hashlib.sha256(d).hexdigest() == e["sha256"], '
                    'len(grc.themes.THEMES))'))
                _sortie(page, f"roue grc True {len(THEMES)}", 60_000)
                page.screenshot(path=str(ARTEFACTS / "commencer-ici.png"), full_page=False)
            except Exception:
                page.screenshot(path=str(ARTEFACTS / "echec.png"))
                raise
            mesures["requetes_locales"] = len(locales)
            mesures["octets_recus_du_site_mo"] = round(sum(octets) / 2**20, 1)
            mesures["requetes_refusees"] = sorted(set(refusees))
            navigateur.close()
    finally:
        serveur.shutdown()
        serveur.server_close()
        (ARTEFACTS / "navigateur.json").write_text(json.dumps(mesures, indent=2, ensure_ascii=False),
                                                   encoding="utf-8")
    # Seule la dernière cellule (import grc) demande des paquets compilés : au CDN de Pyodide figé, bloqué ici.
    from outils.lite import CDN

    assert all(url.startswith(CDN) for url in mesures["requetes_refusees"]), mesures["requetes_refusees"]


def test_option_pyodide_complet(tmp_path: Path) -> None:
    """``--pyodide-complet`` : chaque paquet du verrou est servi par le site (chemin relatif), plus aucun CDN.

    La « distribution » est ici factice (fichiers vides aux noms du verrou) : on vérifie la copie et
    les chemins, pas les paquets eux-mêmes.
    """
    from outils.lite.construction import coeur_pyodide, roue_grc, verrou

    complet = tmp_path / "pyodide-complet"
    complet.mkdir()
    officiel = json.loads((coeur_pyodide() / "pyodide-lock.json").read_text(encoding="utf-8"))
    for entree in officiel["packages"].values():
        (complet / entree["file_name"]).write_bytes(b"")
    sortie = tmp_path / "site"
    donnees = verrou(sortie, roue_grc(), pyodide_complet=complet)
    noms = [e["file_name"] for e in donnees["packages"].values()]
    assert not [n for n in noms if "://" in n]
    assert all((sortie / "pyodide" / n).is_file() for n in noms)
    assert donnees["packages"]["pandas"]["sha256"] == officiel["packages"]["pandas"]["sha256"]
