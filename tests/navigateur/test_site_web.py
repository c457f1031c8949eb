"""Le site du cours dans Chromium : construit, servi sur 127.0.0.1, chaque page ouverte.

Toute requête hors de 127.0.0.1 est refusée et comptée : le site doit marcher hors ligne.
Sur chaque page : pas d'erreur JavaScript, aucune image manquante, aucun lien interne cassé
(fichier et ancre). Dans les cahiers : des graphiques visibles. La recherche trouve « RFM ».
Forme réduite (``GRC_NAVIGATEUR=reduit``) : le site du thème 00, la page d'accueil, un cahier.
"""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
from pilote import MODE, RACINE, ServeurStatique, bloquer_internet, capture, trace_des_graphiques

pytestmark = pytest.mark.navigateur


@pytest.fixture(scope="module")
def site(mode, mesures):
    """Le site construit (tout le cours, ou le thème 00 en mode réduit) ; le bilan de construction."""
    try:
        from outils.site import Options, construire
    except ImportError as exc:  # pragma: no cover - dépend de l'installation
        pytest.fail(f"outils.site inutilisable : {exc}")
    reduit = mode == "reduit"
    dossier = RACINE / "_build" / ("site-reduit" if reduit else "site")
    debut = time.perf_counter()
    bilan = construire(Options(RACINE, dossier, themes=["00"] if reduit else None), strict=False)
    mesures["construction_site_s"] = round(time.perf_counter() - debut, 1)
    mesures["pages_du_cours"] = len(bilan.preparation.pages)
    mesures["fichiers_html"] = bilan.fichiers_html
    mesures["carnets_executes"] = {s.name: round(e.secondes, 1) for s, e in bilan.preparation.executions.items()}
    mesures["avertissements_sphinx"] = bilan.avertissements
    return bilan


@pytest.fixture(scope="module")
def serveur(site):
    with ServeurStatique(site.html) as s:
        yield s


@pytest.fixture
def page(navigateur, serveur):
    contexte = navigateur.new_context(viewport={"width": 1280, "height": 900})
    page = contexte.new_page()
    page.refusees = bloquer_internet(contexte, serveur.adresse)
    page.erreurs_js = []
    page.on("pageerror", lambda e: page.erreurs_js.append(str(e)))
    yield page
    contexte.close()


def pages_a_ouvrir(html: Path) -> list[str]:
    """Les pages visitées : toutes, ou (mode réduit) l'accueil et le premier cahier."""
    from outils.site.verification import pages_du_site

    toutes = [p.relative_to(html).as_posix() for p in pages_du_site(html)]
    if MODE != "reduit":
        return toutes
    cahiers = sorted(p for p in toutes if p.startswith("notebooks/"))
    return ["index.html", *cahiers[:1]]


def _images_cassees(page) -> list[str]:
    return page.evaluate("""() => [...document.images]
        .filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src'))""")


def _liens_internes(page, origine: str) -> list[str]:
    liens = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
    return sorted({lien for lien in liens if lien.startswith(origine)})


def _cible_ok(url: str, ancres: dict[str, set[str]]) -> str | None:
    """None si l'URL répond (200) et si son ancre existe ; sinon le problème."""
    from outils.site.verification import lire_html

    adresse, ancre = urldefrag(url)
    if adresse not in ancres:
        try:
            with urllib.request.urlopen(adresse, timeout=10) as r:
                contenu = r.read().decode("utf-8", errors="replace")
        except OSError as exc:
            return f"lien cassé {url} ({exc})"
        ancres[adresse] = lire_html(contenu).ids if adresse.endswith((".html", "/")) else set()
    if ancre and adresse.endswith(".html") and not adresse.endswith(("search.html", "genindex.html")) \
            and ancre not in ancres[adresse]:
        return f"ancre inconnue {url}"
    return None


def test_chaque_page_s_ouvre_sans_lien_casse_ni_image_manquante(site, serveur, page, mesures):
    pages = pages_a_ouvrir(site.html)
    mesures["pages_ouvertes"] = len(pages)
    ancres: dict[str, set[str]] = {}
    problemes = []
    for chemin in pages:
        reponse = page.goto(urljoin(serveur.adresse + "/", chemin))
        page.wait_for_load_state("networkidle")
        if reponse is None or reponse.status != 200:
            problemes.append(f"{chemin} : réponse {reponse.status if reponse else 'aucune'}")
            continue
        problemes += [f"{chemin} : image manquante {src}" for src in _images_cassees(page)]
        for lien in _liens_internes(page, serveur.adresse):
            if (p := _cible_ok(lien, ancres)) is not None:
                problemes.append(f"{chemin} : {p}")
        if chemin == "index.html":
            capture(page, "site-accueil")
    assert problemes == []
    assert page.refusees == [], "le site a demandé des ressources hors de 127.0.0.1 (hors ligne, elles manquent)"
    assert page.erreurs_js == []


def test_les_graphiques_des_cahiers_sont_visibles(site, serveur, page):
    cahiers = [c for c in pages_a_ouvrir(site.html) if c.startswith("notebooks/")
               and trace_des_graphiques(RACINE / c.replace(".html", ".ipynb"))]
    assert cahiers, "aucun cahier publié qui trace un graphique"
    for chemin in cahiers:
        page.goto(f"{serveur.adresse}/{chemin}")
        page.wait_for_load_state("networkidle")
        graphiques = page.locator(".cell_output img")
        assert graphiques.count() >= 1, f"{chemin} : aucun graphique"
        graphiques.first.scroll_into_view_if_needed()
        taille = graphiques.first.evaluate("i => [i.naturalWidth, i.getBoundingClientRect().width]")
        assert min(taille) > 100, f"{chemin} : graphique invisible ({taille})"
    page.goto(f"{serveur.adresse}/{cahiers[0]}")
    page.wait_for_load_state("networkidle")
    capture(page, "site-cahier-premier-ecran")
    explorateur = page.locator(".grc-explorateur").first
    if explorateur.count():
        explorateur.scroll_into_view_if_needed()
        capture(page, "site-cahier-explorateur")


def test_la_recherche_trouve_rfm(site, serveur, page):
    page.goto(f"{serveur.adresse}/search.html?q=RFM")
    resultats = page.locator("#search-results ul.search li")
    resultats.first.wait_for(timeout=30_000)
    assert resultats.count() >= 1
    assert "RFM" in page.locator("#search-results").inner_text()
    capture(page, "site-recherche-rfm")


def test_le_qcm_cache_la_reponse_jusqu_au_clic(site, serveur, page):
    qcm = sorted((site.html / "qcm").glob("*.html"))
    if not qcm:
        pytest.skip("aucun fichier course/qcm/*.yml : pas de page de QCM")
    page.goto(f"{serveur.adresse}/qcm/{qcm[0].name}")
    reponse = page.locator("article details.sd-dropdown").first
    assert reponse.get_attribute("open") is None
    texte = reponse.locator("text=Réponse :").first
    assert not texte.is_visible()
    reponse.locator("summary").click()
    texte.wait_for(state="visible", timeout=5_000)
    capture(page, "site-qcm-reponse-ouverte")


def test_les_formules_sont_rendues_hors_ligne(site, serveur, page):
    pages = [p for p in pages_a_ouvrir(site.html) if "math notranslate" in (site.html / p).read_text(encoding="utf-8")]
    if not pages:
        pytest.skip("aucune formule dans les pages ouvertes (mode réduit : thème 00)")
    page.goto(f"{serveur.adresse}/{pages[0]}")
    page.locator("mjx-container").first.wait_for(timeout=30_000)
    assert page.refusees == []
