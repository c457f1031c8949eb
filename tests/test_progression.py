"""Le fichier de progression, le crochet de verifier, le score du quiz et le bilan."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from grc import progression as p
from grc.exercices import verifier
from grc.redaction import lire_redactions


@pytest.fixture
def travail(tmp_path, monkeypatch):
    dossier = tmp_path / "mon-travail"
    monkeypatch.setenv("GRC_TRAVAIL", str(dossier))
    monkeypatch.delenv("GRC_PROGRESSION", raising=False)
    return dossier


def test_dossier_travail_suit_le_contrat(tmp_path, monkeypatch):
    monkeypatch.delenv("GRC_TRAVAIL", raising=False)
    cours = tmp_path / "cours"
    (cours / "notebooks").mkdir(parents=True)
    (cours / "mon-travail" / "sous").mkdir(parents=True)
    # dans mon-travail ou un de ses sous-dossiers : ce dossier-là
    monkeypatch.chdir(cours / "mon-travail" / "sous")
    assert p.dossier_travail() == cours / "mon-travail"
    # à la racine du cours, quand mon-travail existe
    monkeypatch.chdir(cours)
    assert p.dossier_travail() == cours / "mon-travail"
    # dans notebooks/ : le mon-travail d'à côté
    monkeypatch.chdir(cours / "notebooks")
    assert p.dossier_travail() == cours / "mon-travail"
    # ailleurs : <courant>/mon-travail
    autre = tmp_path / "ailleurs"
    autre.mkdir()
    monkeypatch.chdir(autre)
    assert p.dossier_travail() == autre / "mon-travail"
    monkeypatch.setenv("GRC_TRAVAIL", str(tmp_path / "x"))
    assert p.dossier_travail() == tmp_path / "x"


def test_verifier_note_chaque_essai(travail):
    verifier("00_nombre_clients", ...)
    fiche = p.lire_progression()["exercices"]["00_nombre_clients"]
    assert (fiche["statut"], fiche["essais"], fiche["theme"]) == ("vide", 0, "00")
    verifier("00_nombre_clients", 12)
    verifier("00_nombre_clients", 13)
    verifier("00_nombre_clients", 13)  # la même réponse relancée ne compte pas
    fiche = p.lire_progression()["exercices"]["00_nombre_clients"]
    assert (fiche["statut"], fiche["essais"]) == ("faux", 2)
    from grc.donnees import charger

    verifier("00_nombre_clients", len(charger("clients")))
    fiche = p.lire_progression()["exercices"]["00_nombre_clients"]
    assert (fiche["statut"], fiche["essais"]) == ("juste", 3)
    assert fiche["premier_essai"] <= fiche["dernier_essai"]
    verifier("00_nombre_clients", ...)  # effacer sa réponse n'efface pas le résultat
    assert p.lire_progression()["exercices"]["00_nombre_clients"]["statut"] == "juste"
    brut = json.loads((travail / "progression.json").read_text(encoding="utf-8"))
    assert brut["format"] == 1 and set(brut) >= {"exercices", "quiz", "redactions", "copies"}


def test_une_serie_pandas_compte_comme_une_reponse(travail):
    import pandas as pd

    s = pd.Series([1.0, 2.0], index=["a", "b"])
    p.noter_exercice("00_ca_par_rayon", "faux", reponse=s)
    p.noter_exercice("00_ca_par_rayon", "faux", reponse=s.copy())
    p.noter_exercice("00_ca_par_rayon", "faux", reponse=s * 2)
    assert p.lire_progression()["exercices"]["00_ca_par_rayon"]["essais"] == 2


def test_grc_progression_0_coupe_tout(travail, monkeypatch):
    monkeypatch.setenv("GRC_PROGRESSION", "0")
    verifier("00_nombre_clients", 12)
    p.noter_quiz("rfm", 3, 10)
    p.bilan()
    assert not travail.exists()


def test_cles_inconnues_gardees_et_fichier_abime(travail):
    travail.mkdir()
    fichier = travail / "progression.json"
    fichier.write_text(json.dumps({"format": 1, "exercices": {}, "a_moi": {"x": 1}}), encoding="utf-8")
    p.noter_quiz("rfm", 4, 10)
    donnees = json.loads(fichier.read_text(encoding="utf-8"))
    assert donnees["a_moi"] == {"x": 1} and donnees["quiz"]["rfm"]["score"] == 4
    fichier.write_text("{pas du json", encoding="utf-8")
    with pytest.warns(UserWarning, match="abîmé"):
        assert p.lire_progression()["quiz"] == {}
    p.noter_quiz("rfm", 5, 10)
    assert p.lire_progression()["quiz"]["rfm"]["score"] == 5
    assert list(travail.glob("progression-abimee-*.json")), "le fichier abîmé est mis de côté, pas perdu"
    assert not list(travail.glob(".progression-*")), "pas de fichier provisoire laissé"
    assert not list(travail.glob("*.verrou"))


def test_quiz_note_son_score_et_le_redonne(travail):
    from grc.qcm import quiz

    q = quiz("rfm", nombre=3, graine=1)
    for i, question in enumerate(q.questions):
        q.selectionner(i, question.valeur if question.est_numerique else question.lettres_bonnes)
        q.valider(i)
    fiche = p.lire_progression()["quiz"]["rfm"]
    assert (fiche["score"], fiche["sur"], fiche["meilleur"]) == (3, 3, 3)
    # le cahier rouvert : un quiz neuf montre le score gardé
    neuf = quiz("rfm", nombre=3, graine=1)
    assert neuf.texte_score_enregistre().startswith("Score enregistré : 3 / 3")
    assert "Score enregistré : 3 / 3" in neuf.widget.children[-2].value
    neuf.recommencer()
    premiere = neuf.questions[0]
    neuf.selectionner(0, premiere.valeur if premiere.est_numerique else premiere.lettres_bonnes)
    neuf.valider(0)
    fiche = p.lire_progression()["quiz"]["rfm"]
    assert (fiche["score"], fiche["meilleur"]) == (1, 3), "le dernier score et le meilleur"


def test_bilan_montre_et_ecrit_une_page(travail):
    p.noter_exercice("02_recence_client", "juste")
    p.noter_exercice("02_tableau_rfm", "faux")
    p.noter_exercice("02_tableau_rfm", "faux")
    p.noter_quiz("rfm", 7, 10)
    b = p.bilan("rfm")
    texte = b.texte()
    assert "✅ Exercice 1 — La récence d'un client — juste (1 essai)" in texte
    assert "❌ Exercice A (approfondissement) — Construire le tableau RFM avec pandas — faux (2 essais)" in texte
    assert "✏️ Exercice 2" in texte and "Quiz : 7 / 10" in texte
    assert b.compte() == (1, 12)
    assert b.compte_par_niveau() == {"bts": (1, 6), "approfondissement": (0, 6)}, "l'approfondissement à part"
    resume = "Exercices justes : 1 sur 6 du tronc commun ; approfondissement (facultatif en BTS) : 0 sur 6."
    assert resume in texte
    page = travail / "bilan-02.html"
    assert b.fichier_html == page and page.exists()
    contenu = page.read_text(encoding="utf-8")
    assert "<html lang='fr'>" in contenu and "@media print" in contenu and resume in contenu
    tous = p.bilan()
    assert [t["numero"] for t in tous.lignes] == ["02"], "seuls les thèmes commencés"
    assert (travail / "bilan.html").exists()
    assert "<table" in tous._repr_html_()


def test_bilan_nomme_les_redactions_par_leur_titre(travail):
    p.noter_redaction("02_redaction_1", "Je relance les clients à risque par email.", ["a", "b", "c"], ["a", "b"])
    texte = p.bilan("rfm").texte()
    titre = lire_redactions()["02_redaction_1"]["titre"]
    assert f"{titre} : 2 critères remplis sur 3" in texte
    assert "02_redaction_1" not in texte and "critère(s)" not in texte


def test_bilan_annonce_une_nouvelle_version_du_cahier(travail):
    p.noter_copie("00-prise-en-main.ipynb", "00-prise-en-main.ipynb", "0" * 64)
    p.noter_exercice("00_nombre_clients", "juste")
    assert "nouvelle version du cahier 00-prise-en-main.ipynb" in p.bilan("00").texte()


def test_les_tests_n_ecrivent_pas_dans_le_depot():
    racine = Path(__file__).resolve().parent.parent
    assert os.environ.get("GRC_TRAVAIL"), "conftest.py fixe GRC_TRAVAIL pour toute la suite"
    assert not Path(os.environ["GRC_TRAVAIL"]).resolve().is_relative_to(racine)


def test_bilan_montre_l_auto_evaluation_des_redactions(travail):
    from grc.redaction import lire_redactions

    prevues = sum(f["theme"] == "02" for f in lire_redactions().values())
    p.noter_redaction("02_redaction_1", "Le CA est concentré en haut à droite de la carte.", ["a", "b", "c"], ["a", "c"])
    b = p.bilan("02")
    assert f"Rédactions : 1 / {prevues} écrite, 2 / 3 critères cochés" in b.texte()
    assert f"Rédactions : 1 / {prevues} écrite, 2 / 3 critères cochés" in b.html(page=True)
    assert "Rédactions : 0 / " in p.bilan("03").texte()


@pytest.mark.parametrize("cahier", sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb")),
                         ids=lambda c: c.name[:2])
def test_chaque_exercice_du_cahier_a_son_propre_titre_dans_le_bilan(cahier):
    """Un titre manqué (« Exercice A1 — … » non reconnu) donnerait à l'exercice le titre du précédent."""
    cellules = json.loads(cahier.read_text(encoding="utf-8"))["cells"]
    titres = p._titres_exercices(cellules)
    assert all(titres.values()), f"{cahier.name} : exercice(s) sans titre : {[n for n, t in titres.items() if not t]}"
    doublons = {t for t in titres.values() if list(titres.values()).count(t) > 1}
    assert not doublons, f"{cahier.name} : deux exercices sous le même titre : {doublons}"


def test_le_bilan_marque_l_approfondissement_meme_sans_le_mot_dans_le_titre(travail):
    p.noter_exercice("08_nps_magasins", "juste")
    texte = p.bilan("08").texte()
    assert "✅ Exercice A1 — Le NPS de chaque lieu d'achat, avec pandas (approfondissement) — juste" in texte
    assert "approfondissement (facultatif en BTS) : 1 sur " in texte
