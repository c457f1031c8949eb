"""Le devoir noté avec nbgrader (``python -m outils.devoir``), essayé avec les commandes de nbgrader.

Un petit corrigé (trois étapes vérifiées : un nombre, une liste, un tableau ; une question rédigée ; une
partie d'approfondissement) passe par toute la chaîne (une à deux minutes sur 2 cœurs chargés, d'où
``make test-devoir`` et ``GRC_DEVOIR=1``) : génération du devoir,
``nbgrader generate_assignment``, une copie d'élève (une réponse juste, une fausse, une vide),
``nbgrader autograde``, notes lues dans le carnet de notes de nbgrader, note manuelle, ``nbgrader export``
et ``nbgrader generate_feedback``. Le même parcours sur le vrai thème 10 (deux exécutions complètes du
cas, plusieurs minutes) est dans la même cible. ``make test`` garde le repérage, l'assemblage et les tests
cachés exécutés sur des réponses justes, fausses et vides.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from devoir_chaine import cellule, deposer_copie, export, nbgrader, noter_a_la_main, notes_par_cellule
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from outils.devoir.assemblage import carnet_devoir
from outils.devoir.commande import generer_devoir
from outils.devoir.extraction import reperer

RACINE = Path(__file__).resolve().parent.parent
APPROFONDI = {"grc": {"niveau": "approfondissement"}}
MODELE = "Lyon pèse 14,5 € sur 20 €, soit 72,5 % du chiffre d'affaires."


def mini_corrige() -> nbformat.NotebookNode:
    """Un corrigé minuscule qui a la forme de ceux du cours."""
    return new_notebook(cells=[
        new_markdown_cell("# 📃 Corrigé — 99 · Mini devoir\n\nLe devoir de l'essai."),
        new_code_cell('import pandas as pd\n\nfrom grc.exercices import verifier\n\n'
                      'ventes = pd.DataFrame({"magasin": ["Lyon", "Web", "Lyon"], "ca": [10.0, 5.5, 4.5]})'),
        new_markdown_cell("### Étape vérifiée 1 — Le total\n\nQuel est le CA total ?"),
        new_code_cell('total = ...\n### BEGIN SOLUTION\ntotal = float(ventes["ca"].sum())\n### END SOLUTION\n'
                      'verifier("99_total", total)'),
        new_markdown_cell("### Étape vérifiée 2 — Les magasins\n\nLa liste des magasins."),
        new_code_cell('magasins = ...\n### BEGIN SOLUTION\nmagasins = sorted(ventes["magasin"].unique())\n'
                      '### END SOLUTION\nverifier("99_magasins", magasins)'),
        new_markdown_cell("### Étape vérifiée 3 — Le CA par magasin"),
        new_code_cell('ca = ...\n### BEGIN SOLUTION\nca = ventes.groupby("magasin", as_index=False)["ca"].sum()\n'
                      '### END SOLUTION\nverifier("99_ca", ca)'),
        new_markdown_cell("### Question rédigée 1 — Conclure (1,5 point)\n\nQuel magasin compte le plus ?"),
        new_markdown_cell(f"### BEGIN SOLUTION\n**Réponse modèle.** {MODELE}\n\n**Barème (1,5 point).** Magasin "
                          "nommé : 0,5 · part chiffrée : 1.\n### END SOLUTION"),
        new_code_cell('note = ...\n### BEGIN SOLUTION\nnote = "Lyon"\n### END SOLUTION\nnote'),  # non vérifiée
        new_markdown_cell("## Approfondissement : l'écart\n\nPour aller plus loin.", metadata=APPROFONDI),
        new_code_cell("part_web = 5.5 / 20", metadata=APPROFONDI),
        new_code_cell('ecart = ...\n### BEGIN SOLUTION\necart = 14.5 - 5.5\n### END SOLUTION\n'
                      'verifier("99_ecart", ecart)', metadata=APPROFONDI),
        new_markdown_cell("## Synthèse\n\nLe web pèse peu."),
        new_code_cell("print(f'Part du web : {part_web:.1%}')"),
        new_markdown_cell("## Mon bilan\n\nOù vous en êtes."),
        new_code_cell('from grc.progression import bilan\n\nbilan("00")'),
    ])


CHAINE = pytest.mark.skipif(os.environ.get("GRC_DEVOIR") != "1",
                            reason="chaîne nbgrader complète (une à plusieurs minutes) : make test-devoir")


@pytest.fixture(scope="module")
def cours(tmp_path_factory) -> dict:
    """Un cours nbgrader généré depuis le mini corrigé, puis tout le parcours de nbgrader, chronométré."""
    racine = tmp_path_factory.mktemp("devoir")
    corrige = racine / "solutions" / "99-mini.ipynb"
    corrige.parent.mkdir()
    nbformat.write(mini_corrige(), corrige)
    cours = racine / "cours"
    temps = {}
    debut = time.perf_counter()
    source, bilan = generer_devoir(corrige, cours)
    temps["generation"] = time.perf_counter() - debut
    debut = time.perf_counter()
    nbgrader(cours, "generate_assignment", "devoir-99")
    temps["generate_assignment"] = time.perf_counter() - debut
    deposer_copie(cours, "devoir-99", "99-mini.ipynb", "eleve1", {
        "99_total": 'total = float(ventes["ca"].sum())',  # juste
        "99_magasins": 'magasins = ["Lyon"]',  # fausse
        "99_redaction_1": "Lyon, qui fait l'essentiel du chiffre d'affaires.",  # 99_ca reste vide
    })
    debut = time.perf_counter()
    nbgrader(cours, "autograde", "devoir-99", "--create")
    temps["autograde"] = time.perf_counter() - debut
    notes_auto = notes_par_cellule(cours, "devoir-99", "99-mini", "eleve1")
    noter_a_la_main(cours, "devoir-99", "99-mini", "eleve1", "99_redaction_1", 1.0)
    lignes = export(cours)
    debut = time.perf_counter()
    nbgrader(cours, "generate_feedback", "devoir-99")
    temps["generate_feedback"] = time.perf_counter() - debut
    print("temps (s) :", {k: round(v, 1) for k, v in temps.items()})
    return {"dossier": cours, "source": source, "bilan": bilan, "notes": notes_auto, "export": lignes}


def test_nbgrader_chez_les_enseignants_pas_chez_les_eleves():
    import tomllib

    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(d.lower().startswith("nbgrader") for d in projet["dependencies"])
    assert any(d.startswith("nbgrader") for d in projet["optional-dependencies"]["auteurs"])


def test_reperage_du_mini_corrige():
    exercices, redactions = reperer(mini_corrige())
    assert [(e.nom, e.expression, e.approfondissement) for e in exercices] == [
        ("99_total", "total", False), ("99_magasins", "magasins", False), ("99_ca", "ca", False),
        ("99_ecart", "ecart", True)]
    assert [(r.identifiant, r.points, r.criteres) for r in redactions] == [
        ("redaction_1", 1.5, ("Magasin nommé : 0,5", "part chiffrée : 1"))]


@CHAINE
def test_source_nbgrader(cours):
    source = nbformat.read(cours["source"], as_version=4)
    meta = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"] for c in source.cells}
    assert meta["99_total"]["solution"] and not meta["99_total"]["grade"]
    assert meta["test_99_total"] == {"grade": True, "grade_id": "test_99_total", "locked": True, "points": 1.0,
                                     "schema_version": 3, "solution": False, "task": False}
    assert meta["99_redaction_1"]["grade"] and meta["99_redaction_1"]["solution"] and meta["99_redaction_1"]["points"] == 1.5
    libre, = [m for k, m in meta.items() if k.startswith("reponse_libre_")]  # étape non vérifiée : à remplir
    assert libre["solution"] and not libre["grade"] and "points" not in libre
    lecture = [m for k, m in meta.items() if k.startswith("lecture_")]
    assert lecture and all(m["locked"] and not m["grade"] and not m["solution"] for m in lecture)
    # la version BTS (par défaut) laisse l'approfondissement : ni son texte ni son exercice, mais sa cellule
    # de calcul (repliée), dont la synthèse a besoin
    texte = "\n".join(c.source for c in source.cells)
    assert "99_ecart" not in texte and "Pour aller plus loin" not in texte and "part_web = 5.5 / 20" in texte
    assert "verifier(" not in texte and "bilan(" not in texte
    assert "📝 Devoir noté" in texte and "noté sur 4,5 points" in texte
    # les valeurs attendues des tests cachés viennent de la solution exécutée, pas de grc.exercices
    assert "grc.exercices" not in cellule(source, "test_99_total").source
    assert "20.0" in cellule(source, "test_99_total").source
    assert "['Lyon', 'Web']" in cellule(source, "test_99_magasins").source
    assert cours["bilan"].laisses == ["99_ecart"]


def executer_test(source: str, **reponse) -> str | None:
    """Exécute une cellule de test (tests cachés compris) ; renvoie le message d'échec, ou None si elle passe."""
    try:
        exec(source, dict(reponse))
    except AssertionError as erreur:
        return str(erreur)
    return None


@pytest.mark.parametrize(("encodage", "juste", "fausse"), [
    ({"type": "entier", "valeur": 12}, 12.0, 13),
    ({"type": "nombre", "valeur": 1234.5678}, 1234.5678 + 1e-9, 1234.57),
    ({"type": "ensemble", "valeurs": ["C1", "C2"]}, pd.Index(["C2", "C1"]), ["C1", "C2", "C2"]),
    ({"type": "serie", "valeurs": {"a": 0.25, "b": 0.75}}, pd.Series({"b": 0.75, "a": 0.25}),
     pd.Series({"a": 25.0, "b": 75.0})),
    ({"type": "texte", "valeur": "Lancer et mesurer"}, "  lancer ET mesurer", "lancer"),
    ({"type": "dictionnaire", "valeurs": {"1": "NPS", "2": "Réponses"}}, {1: "nps", 2: "reponses"}, {1: "NPS", 2: "ROI"}),
    ({"type": "table", "index": "magasin", "colonnes": {"ca": {"Lyon": 14.5, "Web": 5.5}, "nom": {"Lyon": "L", "Web": "W"}}},
     pd.DataFrame({"magasin": ["Web", "Lyon"], "ca": [5.5, 14.5], "nom": ["W", "L"], "autre": [1, 2]}),
     pd.DataFrame({"ca": [5.5, 14.0], "nom": ["W", "L"]}, index=pd.Index(["Web", "Lyon"], name="magasin"))),
])
def test_tests_caches_justes_fausses_vides(encodage, juste, fausse):
    from outils.devoir.tests_caches import cellule_test, test_valeur

    source = cellule_test("reponse", "Étape 1", 1.0, test_valeur(encodage, "Étape 1"))
    assert executer_test(source, reponse=juste) is None
    assert executer_test(source, reponse=fausse).startswith("Étape 1 : ")
    assert executer_test(source, reponse=...) == "Étape 1 : pas de réponse (« reponse » n'est pas calculé)."
    assert executer_test(source) == "Étape 1 : pas de réponse (« reponse » n'est pas calculé)."


def test_test_cache_du_pac_refuse_le_modele_pas_encore_rempli():
    from grc import pac
    from grc.exercices._themes import theme_10 as t10
    from outils.devoir.regles import regle_pac
    from outils.devoir.tests_caches import cellule_test

    source = cellule_test("plan", "Étape 9", 1.0, regle_pac("Étape 9"))
    vierge = {c: ... for c in pac.COLONNES_PLAN}
    soiree = dict(nom="Soirée", cible="Très bons clients", canal="événement", debut="2025-04-03", fin="2025-04-05",
                  budget=1200, objectif="fidélisation", contacts=300, reponses_attendues=120, commandes_attendues=80,
                  panier_moyen=40, taux_marque=0.45, responsable="directeurs", indicateurs="commandes")
    bienvenue = {**soiree, "nom": "Bienvenue", "cible": "Nouveaux clients", "budget": 250,
                 "objectif": "stimulation des achats"}

    def plan(*actions):
        return pac.Plan("PAC", 4000, "2025-01-01", "2025-06-30", [t10.action_reference(), *actions])

    intact = executer_test(source, plan=plan(pac.Action(**vierge), pac.Action(**vierge)))
    assert intact.startswith("Étape 9 : Action 2 : le nom n'est pas encore rempli — remplacez ... par")
    entame = executer_test(source, plan=plan(pac.Action(**soiree), pac.Action(**{**vierge, "nom": "Bienvenue"})))
    assert entame.startswith("Étape 9 : Action 3 « Bienvenue » : la cible n'est pas encore remplie")
    assert executer_test(source, plan=plan(pac.Action(**soiree), pac.Action(**bienvenue))) is None


def test_controle_signale_un_test_qui_refuse_le_corrige(tmp_path):
    from outils.devoir.controle import controler

    corrige = mini_corrige()
    exercices, redactions = reperer(corrige)
    attendus = {"99_total": {"type": "nombre", "valeur": 21.0},  # faux exprès
                "99_magasins": {"type": "ensemble", "valeurs": ["Lyon", "Web"]}}
    carnet, _ = carnet_devoir(corrige, exercices, redactions, attendus)
    assert controler(carnet, tmp_path) == {
        "test_99_total": "AssertionError: Étape vérifiée 1 — Le total : la réponse ne correspond pas au résultat attendu."}


def test_version_complete_avec_approfondissement():
    corrige = mini_corrige()
    exercices, redactions = reperer(corrige)
    attendus = {"99_total": {"type": "nombre", "valeur": 20.0}, "99_ecart": {"type": "nombre", "valeur": 9.0}}
    carnet, bilan = carnet_devoir(corrige, exercices, redactions, attendus, approfondissement=True)
    assert [n for n, _ in bilan.automatiques] == ["99_total", "99_ecart"]  # 99_magasins, 99_ca : pas d'attendu
    assert [n for n, _ in bilan.code_a_la_main] == ["99_magasins", "99_ca"]  # forme inconnue : notée à la main
    assert bilan.total == 5.5 and "Pour aller plus loin" in "\n".join(c.source for c in carnet.cells)


@CHAINE
def test_version_eleve_sans_solutions_ni_tests_caches(cours):
    release = (cours["dossier"] / "release" / "devoir-99" / "99-mini.ipynb").read_text(encoding="utf-8")
    for secret in ("BEGIN SOLUTION", "HIDDEN TESTS", "_attendu = ", "20.0", "'Web'", "sorted(ventes",
                   'ventes["ca"].sum()', MODELE, "groupby("):
        assert secret not in release, secret
    carnet = nbformat.reads(release, as_version=4)
    assert cellule(carnet, "99_total").source == "total = ...\n# Écrivez votre code ici"
    assert cellule(carnet, "99_redaction_1").source == "_Votre réponse ici (double-cliquez pour écrire)._"
    assert cellule(carnet, "test_99_total").source.startswith("# Correction automatique de « Étape vérifiée 1")


@CHAINE
def test_notes_de_l_autograde(cours):
    assert cours["notes"] == {
        "test_99_total": (1.0, 1.0, False),  # juste
        "test_99_magasins": (0.0, 1.0, False),  # fausse
        "test_99_ca": (0.0, 1.0, False),  # vide
        "99_redaction_1": (0.0, 1.5, True),  # à noter à la main
    }
    ligne, = cours["export"]
    assert (ligne["student_id"], float(ligne["raw_score"]), float(ligne["max_score"])) == ("eleve1", 2.0, 4.5)


@CHAINE
def test_retour_en_francais_sans_les_valeurs(cours):
    retour = cours["dossier"] / "feedback" / "eleve1" / "devoir-99" / "99-mini.html"
    html = retour.read_text(encoding="utf-8")
    assert "Étape vérifiée 2 — Les magasins : la réponse ne correspond pas au résultat attendu." in html
    assert "Étape vérifiée 3 — Le CA par magasin : pas de réponse" in html
    assert "Grille de notation (1,5 point" in html
    assert "_attendu = " not in html and "HIDDEN TESTS" not in html  # les tests cachés restent cachés


@CHAINE
def test_chaine_complete_theme_10(tmp_path):
    """Le vrai thème 10 : génération, version élève, copie (juste, fausse, vide), autograde, retour."""
    temps = {}
    debut = time.perf_counter()
    source, bilan = generer_devoir(RACINE / "solutions" / "10-etude-de-cas.ipynb", tmp_path)
    temps["generation"] = time.perf_counter() - debut
    nbgrader(tmp_path, "generate_assignment", "devoir-10")
    release = (tmp_path / "release" / "devoir-10" / "10-etude-de-cas.ipynb").read_text(encoding="utf-8")
    carnet_source = nbformat.read(source, as_version=4)
    for secret in ("BEGIN SOLUTION", "HIDDEN TESTS", "_attendu = ", "Réponse modèle", "modele_eleve"):
        assert secret not in release, secret
    valeur = cellule(carnet_source, "test_10_fiches_joignables").source.split("_valeur == ")[1].split(",")[0]
    assert int(valeur) > 0 and not re.search(rf"\b{valeur}\b", release)
    automatiques = [n for n, _ in bilan.automatiques]
    premier = automatiques[0]
    second = next(n for n in automatiques[1:] if n in FAUSSES)
    juste = cellule(carnet_source, premier).source
    reponses = {premier: juste, second: cellule(carnet_source, second).source.split("### BEGIN SOLUTION")[0]
                + "\n" + FAUSSES[second]}
    redigee = bilan.redactions[0][0]
    reponses[redigee] = "Le fichier compte beaucoup de doublons : il faut le dédoublonner avant de le fusionner."
    deposer_copie(tmp_path, "devoir-10", "10-etude-de-cas.ipynb", "eleve1", reponses)
    # eleve2 rend le corrigé : chaque test caché doit accepter la solution du cours
    deposer_copie(tmp_path, "devoir-10", "10-etude-de-cas.ipynb", "eleve2",
                  {nom: cellule(carnet_source, nom).source for nom in automatiques})
    debut = time.perf_counter()
    nbgrader(tmp_path, "autograde", "devoir-10", "--create")
    temps["autograde"] = time.perf_counter() - debut
    notes = notes_par_cellule(tmp_path, "devoir-10", "10-etude-de-cas", "eleve1")
    print("notes :", notes, "temps (s) :", {k: round(v, 1) for k, v in temps.items()})
    corrige = notes_par_cellule(tmp_path, "devoir-10", "10-etude-de-cas", "eleve2")
    assert {n: corrige[f"test_{n}"] for n in automatiques} == {n: (1.0, 1.0, False) for n in automatiques}
    assert notes[f"test_{premier}"] == (1.0, 1.0, False)
    assert notes[f"test_{second}"] == (0.0, 1.0, False)
    for nom in automatiques:
        if nom not in (premier, second):
            assert notes[f"test_{nom}"] == (0.0, 1.0, False), nom
    assert notes[redigee] == (0.0, bilan.redactions[0][1], True)  # rédigée : à noter à la main
    for nom, points in bilan.redactions[1:]:  # laissée vide (l'invite telle quelle) : nbgrader donne 0 sans attendre
        assert notes[nom] == (0.0, points, False)
    noter_a_la_main(tmp_path, "devoir-10", "10-etude-de-cas", "eleve1", redigee, 0.5)
    lignes = {ligne["student_id"]: ligne for ligne in export(tmp_path)}
    assert (float(lignes["eleve1"]["raw_score"]), float(lignes["eleve1"]["max_score"])) == (1.5, bilan.total)
    assert float(lignes["eleve2"]["raw_score"]) == len(automatiques)
    nbgrader(tmp_path, "generate_feedback", "devoir-10")
    html = (tmp_path / "feedback" / "eleve1" / "devoir-10" / "10-etude-de-cas.html").read_text(encoding="utf-8")
    assert "ne correspond pas au résultat attendu" in html and "_attendu = " not in html
    shutil.rmtree(tmp_path / "autograded")


#: Des réponses fausses, de la bonne forme, pour des étapes du thème 10 (la copie en prend une).
FAUSSES = {
    "10_sql_magasins": "ca_magasins = bm.interroger(base, 'SELECT magasin, SUM(montant_ht) AS ca_ht, "
                       "COUNT(*) AS clients FROM transactions GROUP BY magasin')",
    "10_gros_clients_a_risque": "gros_a_risque = segments.index[segments['segment'] == SEGMENT_CIBLE].tolist()",
    "10_resultat_action": "resultat_reconquete = 123.0",
}
