"""Le site du cours : découverte des thèmes, glossaire, QCM statique, liens, widgets, construction.

Les tests rapides n'ont besoin que de ``grc`` ; ceux qui exécutent un carnet démarrent un noyau
(quelques secondes) ; la construction complète d'un site réduit (thème 00) demande jupyter-book
(extra ``site``) et est sautée sans lui.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePosixPath

import nbformat
import pytest
import yaml

from grc.themes import theme
from outils.site.carnets import ErreurExecution, executer
from outils.site.glossaire import lire_glossaire, page_glossaire, renvoi_terme
from outils.site.liens import retirer_liens_absents
from outils.site.qcm_statique import ErreurQCM, page_qcm
from outils.site.sommaire import Entree, table_des_matieres
from outils.site.themes import decouvrir, etiquettes
from outils.site.verification import verifier_site
from outils.site.widgets_statiques import rendre_statique

RACINE = Path(__file__).resolve().parents[1]
SIGLES_DEMANDES = ["GRC", "RFM", "FRAT", "ABC", "PMG", "CLV", "PAC", "SONCAS", "CAP", "CRAC", "NPS", "Attrition"]


def _lecons() -> dict[str, tuple[str, str]]:
    return {t.numero: (f"course/{t.lecon.stem}", t.lecon.read_text(encoding="utf-8"))
            for t in decouvrir(RACINE) if t.lecon}


def _etiquettes_du_cours() -> set[str]:
    return {e for t in decouvrir(RACINE) for e in t.etiquettes}


# --- Découverte des thèmes ------------------------------------------------------------------


def test_les_themes_du_depot_sont_decouverts_avec_leurs_fichiers():
    themes = {t.numero: t for t in decouvrir(RACINE)}
    assert "00" in themes
    t = themes["00"]
    assert t.lecon == RACINE / "course" / "00-prise-en-main.md"
    assert t.cahiers == [RACINE / "notebooks" / "00-prise-en-main.ipynb"]
    assert t.qcm == RACINE / "course" / "qcm" / "00-prise-en-main.yml"
    assert "prise-en-main" in t.etiquettes
    assert not t.titre.startswith("00")


def test_un_theme_de_l_index_est_publie_avec_ses_seuls_fichiers_presents(tmp_path):
    (tmp_path / "course" / "qcm").mkdir(parents=True)
    (tmp_path / "course" / "07-plan-action-commerciale.md").write_text("(pac)=\n# 07 · Le PAC\n", encoding="utf-8")
    (tmp_path / "course" / "qcm" / "07-pac.yml").write_text("theme: pac\n", encoding="utf-8")
    (tmp_path / "course" / "99-hors-index.md").write_text("# 99 · Hors index\n", encoding="utf-8")
    themes = decouvrir(tmp_path)
    assert [(t.numero, t.titre, t.etiquettes, t.cahiers, t.etape) for t in themes] == [
        ("07", theme("07").titre, ["pac"], [], theme("07").etape)]


# --- Glossaire --------------------------------------------------------------------------------


def test_le_glossaire_contient_les_sigles_du_cours():
    termes = {t.terme for t in lire_glossaire(RACINE / "site" / "glossaire.yml")}
    assert set(SIGLES_DEMANDES) <= termes


def test_les_sections_citees_par_le_glossaire_existent_quand_la_lecon_est_la():
    lecons = _lecons()
    for terme in lire_glossaire(RACINE / "site" / "glossaire.yml"):
        if terme.section and terme.theme in lecons:
            assert terme.section in etiquettes(lecons[terme.theme][1]), \
                f"glossaire « {terme.terme} » : section « {terme.section} » absente de la leçon {terme.theme}"


def test_chaque_terme_dont_la_lecon_existe_y_renvoie():
    lecons, connues = _lecons(), _etiquettes_du_cours()
    for terme in lire_glossaire(RACINE / "site" / "glossaire.yml"):
        renvoi, nature = renvoi_terme(terme, lecons, connues)
        if terme.theme in lecons:
            assert nature in {"section", "titre", "lecon"} and renvoi.startswith("{")
        else:
            assert nature == "absent" and "{" not in renvoi


def test_un_terme_sans_section_trouve_le_titre_de_la_lecon():
    lecons = {"09": ("course/09-vente", "(vente)=\n# 09 · Vendre\n\n(vente-crac)=\n## Traiter une objection : CRAC\n")}
    terme = next(t for t in lire_glossaire(RACINE / "site" / "glossaire.yml") if t.terme == "CRAC")
    assert renvoi_terme(terme, lecons, {"vente", "vente-crac"}) == ("{ref}`vente-crac`", "titre")


def test_la_page_du_glossaire_est_une_directive_glossary_triee():
    texte, bilan = page_glossaire(lire_glossaire(RACINE / "site" / "glossaire.yml"), _lecons(), _etiquettes_du_cours())
    assert ":::{glossary}" in texte and ":sorted:" in texte
    assert sum(len(v) for v in bilan.values()) == len(lire_glossaire(RACINE / "site" / "glossaire.yml"))


def test_un_glossaire_mal_forme_donne_une_erreur_francaise(tmp_path):
    from outils.site.glossaire import ErreurGlossaire

    chemin = tmp_path / "g.yml"
    chemin.write_text("termes:\n  - terme: RFM\n    theme: 2\n    definition: x\n", encoding="utf-8")
    with pytest.raises(ErreurGlossaire, match="deux chiffres"):
        lire_glossaire(chemin)


# --- QCM statique -----------------------------------------------------------------------------


@pytest.mark.parametrize("fichier", sorted((RACINE / "course" / "qcm").glob("*.yml")), ids=lambda f: f.stem)
def test_chaque_reponse_du_qcm_est_cachee_dans_un_menu_deroulant(fichier):
    texte = page_qcm(fichier, fichier.stem[:2], _etiquettes_du_cours(), "../course/x.md")
    questions = len(yaml.safe_load(fichier.read_text(encoding="utf-8"))["questions"])
    assert texte.count(":::{dropdown} Voir la réponse") == questions
    # Hors des menus déroulants, aucune « Réponse : » ni explication : tout est derrière le clic.
    hors_menus = re.sub(r":::\{dropdown\}.*?\n:::\n", "", texte, flags=re.DOTALL)
    assert "**Réponse :**" not in hors_menus and "Les pièges" not in hors_menus
    assert texte.count("**Réponse :**") == questions


def test_un_qcm_invalide_n_est_pas_publie_et_l_erreur_nomme_le_fichier(tmp_path):
    chemin = tmp_path / "02-rfm.yml"
    chemin.write_text("theme: rfm\ntitre: RFM\nquestions:\n  - id: rfm-001\n    type: unique\n", encoding="utf-8")
    with pytest.raises(ErreurQCM, match="02-rfm.yml"):
        page_qcm(chemin, "02", set(), None)


# --- Liens, sommaire ----------------------------------------------------------------------


def test_un_lien_vers_un_corrige_non_publie_devient_du_texte():
    publies = {PurePosixPath("notebooks/02-rfm.ipynb")}
    texte = "Le [cahier](../notebooks/02-rfm.ipynb) et le [corrigé](../solutions/02-rfm.ipynb#ex-1)."
    nouveau, absents = retirer_liens_absents(texte, Path("course"), lambda p: p in publies)
    assert nouveau == "Le [cahier](../notebooks/02-rfm.ipynb) et le corrigé."
    assert absents == ["../solutions/02-rfm.ipynb#ex-1"]


def test_les_corriges_ne_sont_au_sommaire_que_si_on_les_demande():
    e = Entree("02", "RFM", lecon="course/02-rfm", cahiers=["notebooks/02-rfm"])
    sans = table_des_matieres([e], ["glossaire"], [])
    avec = table_des_matieres([e], ["glossaire"], [("solutions/02-rfm", "02 · RFM")])
    assert "solutions/02-rfm" not in str(sans)
    assert avec["parts"][-1]["chapters"] == [{"file": "solutions/02-rfm", "title": "📃 02 · RFM"}]


# --- Exécution des carnets et widgets -------------------------------------------------------


def _carnet(tmp_path: Path, nom: str, cellules: list[str]) -> Path:
    carnet = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cellules])
    carnet.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    chemin = tmp_path / "notebooks" / nom
    chemin.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(carnet, chemin)
    return chemin


def _faux_depot(tmp_path: Path) -> Path:
    (tmp_path / "grc").mkdir()
    (tmp_path / "grc" / "x.py").write_text("", encoding="utf-8")
    return tmp_path


def test_l_explorateur_garde_son_premier_graphique_sur_le_site(tmp_path):
    racine = _faux_depot(tmp_path)
    source = _carnet(racine, "90-explorateur.ipynb", [
        "import matplotlib.pyplot as plt\nfrom ipywidgets import interact, IntSlider\n"
        "def tracer(n=3):\n    plt.plot(range(n))\n    plt.show()\n    print(f'{n} points')\n"
        "interact(tracer, n=IntSlider(value=3, min=1, max=9, description='points'));"])
    execution = executer([source], tmp_path / "cache", racine, travailleurs=1)[source]
    sorties = nbformat.read(execution.cible, as_version=4).cells[0].outputs
    assert not any("application/vnd.jupyter.widget-view+json" in s.get("data", {}) for s in sorties)
    assert "points = 3" in sorties[0]["data"]["text/html"]
    assert any("image/png" in s.get("data", {}) for s in sorties)
    assert any(s.get("text", "").strip() == "3 points" for s in sorties)
    # Second passage : pris dans le cache, sans réexécution.
    assert executer([source], tmp_path / "cache", racine, travailleurs=1)[source].depuis_cache


def test_un_carnet_qui_echoue_arrete_la_construction_avec_son_nom(tmp_path):
    racine = _faux_depot(tmp_path)
    source = _carnet(racine, "91-casse.ipynb", ["x = 1", "raise ValueError('colonne « montant » manquante')"])
    with pytest.raises(ErreurExecution, match=r"Execution Failed.*91-casse\.ipynb.*ValueError"):
        executer([source], tmp_path / "cache", racine, travailleurs=1)


def test_rendre_statique_garde_le_html_du_quiz():
    carnet = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("quiz('rfm')")])
    carnet.cells[0].outputs = [nbformat.v4.new_output("display_data", data={
        "text/plain": "Quiz", "text/html": "<details><summary>Voir la réponse</summary>B</details>",
        "application/vnd.jupyter.widget-view+json": {"model_id": "abc", "version_major": 2, "version_minor": 0}})]
    sortie = rendre_statique(carnet).cells[0].outputs
    assert [set(s["data"]) for s in sortie] == [{"text/plain", "text/html"}]


# --- Construction complète d'un site réduit (jupyter-book) -----------------------------------


def test_construction_reduite_du_site_sans_corriges(tmp_path):
    pytest.importorskip("jupyter_book", reason="outils du site absents : pip install -e '.[site]'")
    from outils.site import Options, construire

    dossier = RACINE / "_build" / "site-test"
    bilan = construire(Options(RACINE, dossier, themes=["00"]), strict=True)
    html = bilan.html
    assert (html / "index.html").is_file() and (html / "notebooks" / "00-prise-en-main.html").is_file()
    assert not (html / "solutions").exists()
    assert verifier_site(html) == []
    textes = {p.relative_to(html).as_posix(): p.read_text(encoding="utf-8") for p in html.rglob("*.html")}
    assert not any("### BEGIN SOLUTION" in t or "📃 Corrigé" in t for t in textes.values())
    assert "Execution Failed" not in bilan.journal.read_text(encoding="utf-8")
    assert 'lang="fr"' in textes["index.html"]
    assert "<img" in textes["notebooks/00-prise-en-main.html"]
    assert textes["qcm/00-prise-en-main.html"].count("<details") >= 10
    assert 'id="term-RFM"' in textes["glossaire.html"]
    assert (html / "mathjax" / "tex-svg-full.js").is_file()
    assert textes["index.html"].count("tex-svg-full.js") <= 1 and textes["index.html"].count("site.css") == 1
    assert "course/00-prise-en-main.html" in textes["index.html"]  # le parcours renvoie à la leçon


def test_l_option_corriges_publie_les_corriges(tmp_path):
    pytest.importorskip("jupyter_book", reason="outils du site absents : pip install -e '.[site]'")
    from outils.site import Options, construire

    dossier = tmp_path / "site"
    cache = RACINE / "_build" / "site-test" / "carnets"
    if cache.is_dir():  # les carnets déjà exécutés par le test précédent
        shutil.copytree(cache, dossier / "carnets")
    bilan = construire(Options(RACINE, dossier, corriges=True, themes=["00"]), strict=True)
    corrige = bilan.html / "solutions" / "00-prise-en-main.html"
    assert corrige.is_file()
    assert "Corrigés (enseignants)" in (bilan.html / "index.html").read_text(encoding="utf-8")
    assert verifier_site(bilan.html) == []


def test_accueil_et_feuille_de_style_des_deux_parcours() -> None:
    from outils.site.sommaire import Entree, deux_parcours, parcours

    assert "<!-- DEUX_PARCOURS -->" in (RACINE / "site" / "accueil.md").read_text(encoding="utf-8")
    css = (RACINE / "site" / "_static" / "site.css").read_text(encoding="utf-8")
    assert ".admonition.approfondissement" in css and "facultatif en BTS" in css
    entrees = [Entree("06", "Scores", lecon="course/06", niveau="approfondissement"), Entree("02", "RFM", lecon="course/02")]
    assert "Parcours approfondissement (BUT TC, licence, école)" in deux_parcours(entrees)
    cartes = parcours(entrees)
    assert cartes.count("🎓 Approfondissement") == 1 and "grc-carte-approfondissement" in cartes
