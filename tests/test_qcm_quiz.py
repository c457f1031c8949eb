"""Le quiz de fin de cahier, piloté depuis Python ; son repli sans widgets ; son exécution dans un carnet."""

from __future__ import annotations

import builtins
import re

import nbformat
import pytest

from grc.qcm import ReponseIllisible, quiz
from grc.qcm.instance import LETTRES


def _bonne(q) -> object:
    return q.valeur if q.est_numerique else q.lettres_bonnes


def _fausse(q) -> object:
    if q.est_numerique:
        return q.valeur + 10 * q.tolerance + 1
    return LETTRES[next(i for i in range(len(q.choix)) if i not in q.bonnes)]


def test_tout_juste_puis_score_final() -> None:
    q = quiz("rfm", nombre=6, graine=4)
    assert q.total == 6 and q.score == 0 and not q.termine
    for i, question in enumerate(q.questions):
        q.selectionner(i, _bonne(question))
        assert q.valider(i).est_juste
    assert q.score == 6 and q.termine
    assert q.texte_score().startswith("Score final : 6 / 6")


def test_reponses_fausses_et_explication() -> None:
    q = quiz("valeur", nombre=5, graine=2)
    for i, question in enumerate(q.questions):
        q.selectionner(i, _fausse(question))
        retour = q.valider(i)
        assert retour.statut == "faux"
        assert retour.explication == question.explication
    assert q.score == 0 and q.termine


def test_valider_sans_reponse_ne_compte_pas_et_ne_fige_pas() -> None:
    q = quiz("abc", nombre=3, graine=1)
    assert q.valider(0).statut == "vide"
    assert q.nombre_valides == 0
    q.selectionner(0, _bonne(q.questions[0]))
    assert q.valider(0).est_juste


def test_une_question_validee_est_figee() -> None:
    q = quiz("connaitre", nombre=2, graine=1)
    q.selectionner(0, _fausse(q.questions[0]))
    q.valider(0)
    with pytest.raises(ValueError, match="déjà validée"):
        q.selectionner(0, _bonne(q.questions[0]))
    assert q.valider(0).statut == "faux", "revalider ne change pas le verdict"


def test_reponse_illisible_refusee() -> None:
    q = quiz("rfm", nombre=20, graine=0)
    i = next(k for k, x in enumerate(q.questions) if not x.est_numerique)
    with pytest.raises(ReponseIllisible):
        q.selectionner(i, "Z")
    with pytest.raises(IndexError):
        q.valider(99)


def test_meme_graine_meme_quiz_recommencer_change_le_tirage() -> None:
    a, b = quiz("tous", nombre=10, graine=5), quiz("tous", nombre=10, graine=5)
    assert a.questions == b.questions
    assert a.html_statique() == b.html_statique()
    premiers = [x.id for x in a.questions]
    a.selectionner(0, _bonne(a.questions[0]))
    a.valider(0)
    a.recommencer()
    assert a.score == 0 and a.nombre_valides == 0
    assert [x.id for x in a.questions] != premiers
    b.recommencer()
    assert a.questions == b.questions, "le tirage suivant est lui aussi reproductible"


def test_tous_les_themes_et_numero_de_theme() -> None:
    revision = quiz("tous", nombre=30, graine=0)
    assert len({x.theme for x in revision.questions}) >= 4
    assert {x.theme for x in quiz("03", nombre=5).questions} == {"abc"}
    assert quiz("rfm").questions == quiz("rfm", graine=0).questions, "sans graine : déterministe"


def test_widget_pilote_par_clics() -> None:
    q = quiz("rfm", nombre=4, graine=8)
    w = q.widget
    assert w is not None
    carte = q._cartes[0]
    question = q.questions[0]
    if question.est_numerique:
        carte.controles[0].children[0].value = str(question.valeur).replace(".", ",")
    elif question.type == "multiple":
        for j, case in enumerate(carte.controles):
            case.value = j in question.bonnes
    else:
        carte.controles[0].value = min(question.bonnes)
    carte.bouton.click()
    assert q.score == 1
    assert "Juste" in carte.retour.value and carte.bouton.disabled
    assert "1 / 4" in q._score.value
    q._bouton.click()  # « Recommencer »
    assert q.score == 0 and q.numero_tirage == 1
    assert len(w.children) == 4 + 3


def test_selection_depuis_python_coche_le_widget() -> None:
    q = quiz("connaitre", nombre=23, graine=1)
    assert q.widget is not None
    i = next(k for k, x in enumerate(q.questions) if x.type == "multiple")
    question = q.questions[i]
    q.selectionner(i, sorted(question.bonnes))
    cases = q._cartes[i].controles
    assert [c.value for c in cases] == [j in question.bonnes for j in range(len(question.choix))]
    assert q.valider(i).est_juste


def test_repli_statique_reponses_cachees() -> None:
    q = quiz("valeur", nombre=5, graine=3)
    donnees = q._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in donnees
    html_ = donnees["text/html"]
    assert html_.count("<details>") == 5 and "Voir la réponse" in html_
    blocs = html_.split("<p><b>Question ")[1:]
    assert len(blocs) == 5
    for bloc, question in zip(blocs, q.questions, strict=True):
        visible, cache = bloc.split("<details>")
        assert "Réponse :</b>" not in visible and "Réponse :</b>" in cache
        if question.est_numerique:
            assert question.valeur_affichee() not in visible and question.valeur_affichee() in cache
    texte = donnees["text/plain"]
    assert all(x.enonce in texte for x in q.questions)
    assert not any(x.explication in texte for x in q.questions), "le texte brut ne donne pas les réponses"
    assert not re.search(r"[0-9a-f]{32}", html_), "pas d'identifiant aléatoire dans le HTML"


def test_sans_ipywidgets_pas_de_plantage(monkeypatch: pytest.MonkeyPatch) -> None:
    vrai_import = builtins.__import__

    def sans_widgets(nom, *args, **kwargs):
        if nom.startswith("ipywidgets"):
            raise ImportError("pas de widgets")
        return vrai_import(nom, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", sans_widgets)
    q = quiz("rfm", nombre=3, graine=1)
    assert q.widget is None
    donnees = q._repr_mimebundle_()
    assert set(donnees) == {"text/plain", "text/html"}
    q.selectionner(0, _bonne(q.questions[0]))
    assert q.valider(0).est_juste


def _executer(tmp_path, etat_widgets: bool) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    carnet = nbformat.v4.new_notebook()
    carnet.cells = [nbformat.v4.new_code_cell('from grc.qcm import quiz\nquiz("rfm", nombre=3, graine=1)'),
                    nbformat.v4.new_code_cell('quiz("rfm", nombre=3, graine=1).statique()')]
    NotebookClient(carnet, timeout=120, kernel_name="python3", store_widget_state=etat_widgets,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    return carnet


def test_carnet_execute_puis_converti_en_html(tmp_path) -> None:
    """Dans un vrai noyau : le quiz s'affiche ; nbconvert sans état des widgets retombe sur le HTML caché."""
    from nbconvert import HTMLExporter

    carnet = _executer(tmp_path, etat_widgets=False)
    sortie = carnet.cells[0].outputs[-1]  # avant lui, la feuille de style du repli (grc.affichage)
    assert "application/vnd.jupyter.widget-view+json" in sortie["data"]
    assert "<details>" in sortie["data"]["text/html"]
    assert set(carnet.cells[1].outputs[0]["data"]) == {"text/plain", "text/html"}
    page, _ = HTMLExporter().from_notebook_node(carnet)
    enonce = quiz("rfm", nombre=3, graine=1).questions[0].enonce
    assert page.count("Voir la réponse") == 6 and enonce.split()[0] in page


def test_carnet_avec_etat_des_widgets_ne_plante_pas(tmp_path) -> None:
    from nbconvert import HTMLExporter

    carnet = _executer(tmp_path, etat_widgets=True)
    page, _ = HTMLExporter().from_notebook_node(carnet)
    assert "application/vnd.jupyter.widget-state+json" in page
    assert page.count("Voir la réponse") >= 3, "la version statique reste lisible hors de JupyterLab"
