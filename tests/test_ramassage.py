"""``grc classe ramasser`` sur un dossier de retours inventés : zips, dossier, json seul, fichiers abîmés, doublon."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from grc.cli import main
from grc.exercices import registre
from grc.ramassage import ramasser

CLASSE = ["DUPONT Marie", "MARTIN Léa", "DURAND Chloé", "PETIT Léo", "BERNARD Hugo", "N'DIAYE Awa"]


def _progression(jour: int, **sections: dict) -> str:
    date = f"2026-11-{jour:02d}T18:00:00"
    donnees = {"format": 1, "exercices": {}, "quiz": {}, "redactions": {}, "copies": {}}
    for section, fiches in sections.items():
        donnees[section] = {nom: {**fiche, **({"date": date} if section != "exercices" else
                                               {"premier_essai": date, "dernier_essai": date})}
                            for nom, fiche in fiches.items()}
    return json.dumps(donnees, ensure_ascii=False)


def _cahier(executees: int, code: int) -> str:
    cellules = [{"cell_type": "markdown", "metadata": {}, "source": "# Cahier"}]
    cellules += [{"cell_type": "code", "metadata": {}, "source": "x = 1", "outputs": [],
                  "execution_count": (i + 1 if i < executees else None)} for i in range(code)]
    return json.dumps({"cells": cellules, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def _zip(fichiers: dict[str, str | bytes], date: tuple = (2026, 12, 1, 8, 0, 0)) -> bytes:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as z:
        for nom, contenu in fichiers.items():
            z.writestr(zipfile.ZipInfo(nom, date), contenu)
    return tampon.getvalue()


EXERCICES_MARIE = {"02_tableau_rfm": {"statut": "juste", "essais": 2, "theme": "02"},
                   "02_scores_rfm": {"statut": "juste", "essais": 1, "theme": "02"},
                   "02_segments": {"statut": "juste", "essais": 1, "theme": "02"},
                   "02_recence_client": {"statut": "faux", "essais": 3, "theme": "02"},
                   "02_autre": {"statut": "vide", "essais": 0, "theme": "02"}}
REDACTION_MARIE = {"10_question_1": {"theme": "10", "reponse": "Je cible les clients à risque\navec une relance.",
                                     "criteres": ["cible", "action", "chiffre"], "coches": ["cible", "action"]}}


@pytest.fixture(scope="module")
def retours(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Le dossier téléchargé de l'ENT : un retour par élève, avec les ennuis habituels."""
    d = tmp_path_factory.mktemp("retours") / "TS1 devoir RFM"
    d.mkdir()
    # Marie : un zip propre (progression + copie), et un second retour plus ANCIEN d'après ses dates
    # internes, mais dont le zip est plus récent : c'est la date inscrite dans la progression qui compte.
    (d / "DUPONT Marie - devoir.zip").write_bytes(_zip({
        "mon-travail/progression.json": _progression(30, exercices=EXERCICES_MARIE,
                                                     quiz={"rfm": {"score": 7, "sur": 10, "meilleur": 8}},
                                                     redactions=REDACTION_MARIE),
        "mon-travail/02-segmentation-rfm.ipynb": _cahier(2, 3),
        "mon-travail/Commencer ici.md": "page régénérée"}))
    (d / "Marie Dupont (1).zip").write_bytes(_zip({
        "mon-travail/progression.json": _progression(20, quiz={"rfm": {"score": 2, "sur": 10}})},
        date=(2026, 12, 2, 9, 0, 0)))
    # Léa : un dossier de l'ENT, avec dedans le « mon-travail.zip » de la page « Commencer ici » ;
    # une clé inconnue (d'un grc plus récent) et une copie tronquée.
    progression_lea = json.loads(_progression(28, exercices={"03_pareto": {"statut": "juste", "essais": 1}},
                                              quiz={"abc": {"score": 9, "sur": 10}}))
    progression_lea["badges"] = {"curieuse": True}
    (d / "Martin_Lea").mkdir()
    (d / "Martin_Lea" / "mon-travail.zip").write_bytes(_zip({
        "mon-travail/progression.json": json.dumps(progression_lea),
        "mon-travail/03-classer-abc-pareto.ipynb": _cahier(1, 2)[:40]}))
    # Chloé : un progression.json renommé, tronqué.
    (d / "DURAND Chloé - progression.json").write_text(_progression(29)[:25], encoding="utf-8")
    # Léo : un zip abîmé.
    (d / "PETIT Leo.zip").write_bytes(b"PK\x03\x04 ceci n'est plus un zip")
    # Deux retours qui ne désignent aucun élève de la liste (jamais deviné), un fichier qui n'est pas un retour.
    (d / "Awa NDIAYE - devoir.zip").write_bytes(_zip({"progression.json": _progression(27)}))
    (d / "LEGRAND Tom - devoir.zip").write_bytes(_zip({"progression.json": _progression(27)}))
    (d / "consignes.pdf").write_bytes(b"%PDF-1.4")
    return d


@pytest.fixture(scope="module")
def liste(retours: Path) -> Path:
    chemin = retours.parent / "liste.csv"
    chemin.write_text("Nom Prénom;Classe\n" + "".join(f"{e};TS1\n" for e in CLASSE), encoding="utf-8-sig")
    return chemin


@pytest.fixture(scope="module")
def resultat(retours: Path):  # type: ignore[no-untyped-def]
    return ramasser(retours, CLASSE)


def _ligne(table, **filtre):  # type: ignore[no-untyped-def]
    masque = True
    for cle, valeur in filtre.items():
        masque = masque & (table[cle] == valeur)
    lignes = table[masque]
    assert len(lignes) == 1, lignes
    return lignes.iloc[0]


def test_synthese_une_ligne_par_eleve_de_la_liste_puis_hors_liste(resultat) -> None:  # type: ignore[no-untyped-def]
    s = resultat.synthese
    assert list(s["eleve"]) == [*CLASSE, "Awa NDIAYE", "LEGRAND Tom"]
    assert dict(zip(s["eleve"], s["statut"], strict=True)) == {
        "DUPONT Marie": "rendu", "MARTIN Léa": "rendu", "DURAND Chloé": "rendu illisible",
        "PETIT Léo": "rendu illisible", "BERNARD Hugo": "non rendu", "N'DIAYE Awa": "non rendu",
        "Awa NDIAYE": "hors liste", "LEGRAND Tom": "hors liste"}
    marie = _ligne(s, eleve="DUPONT Marie")
    assert marie["retour"] == "DUPONT Marie - devoir.zip"
    assert marie["derniere_activite"] == dt.datetime(2026, 11, 30, 18, 0)
    assert (marie["exercices_justes"], marie["exercices_tentes"], marie["quiz_faits"]) == (3, 4, 1)
    assert marie["quiz_moyenne"] == pytest.approx(0.7)
    assert (marie["redactions"], marie["criteres_coches"], marie["criteres_total"]) == (1, 2, 3)
    assert marie["theme_02"] == 3 and "theme_10" not in s.columns  # une rédaction du 10, aucun exercice tenté
    lea = _ligne(s, eleve="MARTIN Léa")
    assert (lea["exercices_justes"], lea["theme_03"], lea["quiz_moyenne"]) == (1, 1, pytest.approx(0.9))
    assert resultat.compte() == {"rendu": 2, "rendu illisible": 2, "non rendu": 2, "hors liste": 2}


def test_exercices_par_eleve_et_cahier(resultat) -> None:  # type: ignore[no-untyped-def]
    e = _ligne(resultat.exercices, eleve="DUPONT Marie", theme="02")
    registre.charger_themes()
    inscrits = {n for n in registre.EXERCICES if n.startswith("02_")}
    total = len(inscrits | set(EXERCICES_MARIE))
    assert e["exercices"] == total == resultat.totaux["02"] + len(set(EXERCICES_MARIE) - inscrits)
    assert (e["tentes"], e["justes"], e["faux"], e["essais"]) == (4, 3, 1, 7)
    assert e["reussite"] == pytest.approx(3 / total)
    assert (e["copies"], e["cellules_executees"], e["cellules_code"]) == ("02-segmentation-rfm.ipynb", 2, 3)
    assert e["cahier"] == "Segmenter par la méthode RFM (et FRAT)"
    assert _ligne(resultat.exercices, eleve="MARTIN Léa", theme="03")["copies"] == ""  # copie tronquée ignorée


def test_quiz_et_redactions(resultat) -> None:  # type: ignore[no-untyped-def]
    q = _ligne(resultat.quiz, eleve="DUPONT Marie")
    assert (q["quiz"], q["theme"], q["score"], q["sur"], q["note_sur_20"], q["meilleur"]) == ("rfm", "02", 7, 10, 14.0, 8)
    assert _ligne(resultat.quiz, eleve="MARTIN Léa")["theme"] == "03"
    r = _ligne(resultat.redactions, eleve="DUPONT Marie")
    assert (r["question"], r["coches"], r["criteres"], r["criteres_coches"], r["criteres_non_coches"]) == (
        "10_question_1", 2, 3, "cible ; action", "chiffre")
    cote = resultat.redactions_cote_a_cote()
    marie = cote[cote["eleve"] == "DUPONT Marie"].iloc[0]
    assert marie["10_question_1 · réponse"].startswith("Je cible les clients à risque")
    assert marie["10_question_1 · auto-évaluation"] == "2 / 3"


def test_chaque_anomalie_est_listee(resultat) -> None:  # type: ignore[no-untyped-def]
    a = resultat.anomalies
    def probleme(eleve: str, debut: str) -> str:  # noqa: E306
        trouves = [p for e, p in zip(a["eleve"], a["probleme"], strict=True) if e == eleve and debut in p]
        assert trouves, (eleve, debut, a.to_string())
        return trouves[0]

    doublon = _ligne(a, eleve="DUPONT Marie", gravite="attention")
    assert "2 retours pour le même élève" in doublon["probleme"]
    assert "dernière activité 30/11/2026 18:00" in doublon["probleme"]
    assert doublon["suite"].startswith("gardé « DUPONT Marie - devoir.zip » (le plus récent d'après les dates "
                                       "inscrites dans sa progression)")
    assert "clés inconnues du fichier de progression : badges" in probleme("MARTIN Léa", "clés inconnues")
    assert "03-classer-abc-pareto.ipynb" in probleme("MARTIN Léa", "copie abîmée")
    assert "ce n'est pas du JSON valide" in probleme("DURAND Chloé", "fichier de progression abîmé")
    assert "ce n'est pas un zip" in probleme("PETIT Léo", "archive zip illisible")
    assert probleme("BERNARD Hugo", "aucun retour") == "aucun retour pour cet élève de la liste"
    assert "ne correspond à aucun élève" in probleme("Awa NDIAYE", "retour non attribué")
    assert "ne correspond à aucun élève" in probleme("LEGRAND Tom", "retour non attribué")
    assert (a["source"] == "consignes.pdf").sum() == 1
    assert list(a["gravite"]) == sorted(a["gravite"], key=["erreur", "attention", "information"].index)
    assert _ligne(resultat.synthese, eleve="MARTIN Léa")["anomalies"] == 2


def test_sans_liste_de_classe_les_doublons_se_reconnaissent_aux_noms(retours: Path) -> None:
    r = ramasser(retours)
    assert list(r.synthese["eleve"]) == ["Awa NDIAYE", "DUPONT Marie", "DURAND Chloé", "LEGRAND Tom", "Martin Lea",
                                         "PETIT Leo"]
    assert "non rendu" not in set(r.synthese["statut"])
    assert (r.anomalies["probleme"].str.contains("2 retours pour le même élève")).sum() == 1


def test_le_zip_de_toute_la_classe_se_lit_comme_le_dossier(retours: Path, resultat) -> None:  # type: ignore[no-untyped-def]
    fichiers: dict[str, bytes] = {}
    for chemin in sorted(retours.rglob("*")):
        if chemin.is_file():
            fichiers[f"TS1/{chemin.relative_to(retours).as_posix()}"[4:]] = chemin.read_bytes()
    archive = retours.parent / "classe.zip"
    archive.write_bytes(_zip(fichiers))  # type: ignore[arg-type]
    r = ramasser(archive, CLASSE)
    assert r.synthese["statut"].tolist() == resultat.synthese["statut"].tolist()
    assert r.synthese["exercices_justes"].tolist() == resultat.synthese["exercices_justes"].tolist()


def test_commande_ecrit_classeur_page_et_pdf(retours: Path, liste: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    sortie = tmp_path / "classe.xlsx"
    code = main(["classe", "ramasser", str(retours), "--classe", str(liste), "--sortie", str(sortie)])
    sorties = capsys.readouterr()
    assert code == 0, sorties.err
    assert sorties.out.startswith("8 élève(s) : 2 rendu(s), 2 non rendu(s), 2 rendu(s) illisible(s), "
                                  "2 retour(s) hors liste.")
    assert "[erreur] PETIT Léo : archive zip illisible" in sorties.err
    classeur = load_workbook(sortie)
    assert classeur.sheetnames == ["Synthèse", "Exercices", "Quiz", "Rédactions", "Anomalies"]
    synthese = classeur["Synthèse"]
    entetes = [c.value for c in synthese[1]]
    assert entetes[:4] == ["Élève", "Statut", "Retour gardé", "Dernière activité"]
    marie = {entetes[j]: c for j, c in enumerate(synthese[2])}
    assert marie["Élève"].value == "DUPONT Marie" and marie["Exercices justes"].value == 3
    assert marie["Quiz (moyenne)"].value == pytest.approx(0.7) and marie["Quiz (moyenne)"].number_format == "0%"
    assert marie["Dernière activité"].value == dt.datetime(2026, 11, 30, 18, 0)
    assert marie["Dernière activité"].number_format == "dd/mm/yyyy hh:mm"
    assert any(str(h).startswith("Justes 02 (sur ") for h in entetes)
    assert synthese.column_dimensions["A"].width >= len("DURAND Chloé")
    quiz = classeur["Quiz"]
    assert [c.value for c in quiz[2]][:6] == ["DUPONT Marie", "rfm", "02", 7, 10, 14.0]
    assert quiz.cell(2, 6).number_format == "0.0"
    redactions = classeur["Rédactions"]
    assert [c.value for c in redactions[1]] == ["Élève", "10_question_1 · réponse", "10_question_1 · auto-évaluation"]
    assert redactions["B2"].value.startswith("Je cible") and redactions["B2"].alignment.wrap_text
    assert redactions["C2"].value == "2 / 3"
    assert classeur["Anomalies"].max_row == 1 + len(ramasser(retours, CLASSE).anomalies)
    page = sortie.with_suffix(".html").read_text(encoding="utf-8")
    assert "@page" in page and "Réponses rédigées, par question" in page and "N&#x27;DIAYE Awa" in page
    import pypdfium2

    pdf = pypdfium2.PdfDocument(sortie.with_suffix(".pdf"))
    texte = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert 1 <= len(pdf) <= 4 and "DUPONT Marie" in texte and "non rendu" in texte
    largeur, hauteur = pdf[0].get_size()
    assert largeur > hauteur  # A4 paysage
    # Relancer sans --remplacer ne touche à rien (le classeur a peut-être été annoté).
    assert main(["classe", "ramasser", str(retours), "--classe", str(liste), "--sortie", str(sortie)]) == 1
    assert "--remplacer" in capsys.readouterr().err
    assert main(["classe", "ramasser", str(retours), "--sortie", str(sortie), "--remplacer", "--sans-pdf"]) == 0


def test_dossiers_inutilisables_refuses_en_francais(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classe", "ramasser", str(tmp_path / "absent")]) == 1
    assert "Dossier introuvable" in capsys.readouterr().err
    (tmp_path / "vide").mkdir()
    assert main(["classe", "ramasser", str(tmp_path / "vide")]) == 1
    assert "est vide" in capsys.readouterr().err
    (tmp_path / "autre").mkdir()
    (tmp_path / "autre" / "notes.docx").write_bytes(b"x")
    assert main(["classe", "ramasser", str(tmp_path / "autre")]) == 1
    assert "Aucun retour reconnu" in capsys.readouterr().err
    (tmp_path / "casse.zip").write_bytes(b"rien")
    assert main(["classe", "ramasser", str(tmp_path / "casse.zip")]) == 1
    assert "illisible" in capsys.readouterr().err


def test_textes_d_eleves_pieges_et_noms_d_ailleurs(tmp_path: Path) -> None:
    """Une réponse qui commence par « = » reste du texte ; caractères de contrôle retirés ; noms NFD (macOS),
    zip de Windows (noms en cp850), dossier de Moodle : tous reconnus, sans deviner."""
    import unicodedata

    d = tmp_path / "retours"
    d.mkdir()
    redaction = {"10_question_2": {"theme": "10", "reponse": "= 3 clients\x0b perdus", "criteres": ["a"],
                                   "coches": ["a", "z"]}}
    (d / unicodedata.normalize("NFD", "Léa MARTIN - devoir.json")).write_text(
        _progression(25, redactions=redaction), encoding="utf-8")
    (d / "Marie DUPONT_1234_assignsubmission_file_").mkdir()
    (d / "Marie DUPONT_1234_assignsubmission_file_" / "progression.json").write_text(_progression(25), "utf-8")
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as z:  # comme le zip de Windows : nom en cp850, sans drapeau UTF-8
        info = zipfile.ZipInfo("Chloé DURAND/mon-travail/progression.json".encode("cp850").decode("cp437"))
        z.writestr(info, _progression(25))
    classe_zip = tmp_path / "classe.zip"
    classe_zip.write_bytes(tampon.getvalue())
    r = ramasser(d, CLASSE)
    assert list(r.synthese.loc[r.synthese["statut"] == "rendu", "eleve"]) == ["DUPONT Marie", "MARTIN Léa"]
    ligne = _ligne(r.redactions, eleve="MARTIN Léa")
    assert (ligne["coches"], ligne["criteres"]) == (1, 1)
    assert "critère(s) coché(s) absent(s) de la liste des critères : z" in " ".join(r.anomalies["probleme"])
    r_zip = ramasser(classe_zip, CLASSE)
    assert _ligne(r_zip.synthese, eleve="DURAND Chloé")["statut"] == "rendu"
    from grc.ramassage.classeur import ecrire_classeur

    chemin = ecrire_classeur(r, tmp_path / "c.xlsx")
    cellule = load_workbook(chemin)["Rédactions"]["B3"]
    assert (cellule.value, cellule.data_type) == ("= 3 clients perdus", "s")


def test_bareme_du_cours_titre_et_points_auto_evalues(retours: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from grc.ramassage import page, tableau
    from grc.ramassage.baremes import Bareme
    from grc.ramassage.classeur import ecrire_classeur

    bareme = {"10_question_1": Bareme("Cibler les clients à risque", {"cible": 2.0, "action": 1.5, "chiffre": 0.5})}
    monkeypatch.setattr(tableau, "baremes_redactions", lambda: bareme)
    r = ramasser(retours, CLASSE)
    ligne = _ligne(r.redactions, eleve="DUPONT Marie")
    assert (ligne["titre"], ligne["points"], ligne["points_total"]) == ("Cibler les clients à risque", 3.5, 4.0)
    feuille = load_workbook(ecrire_classeur(r, tmp_path / "c.xlsx"))["Rédactions"]
    assert feuille["B1"].value == "10_question_1 — Cibler les clients à risque · réponse"
    assert feuille["D1"].value == "10_question_1 — Cibler les clients à risque · points auto-évalués"
    assert (feuille["D2"].value, feuille["D2"].number_format) == (3.5, "0.0#")
    html = page.page_html(r)
    assert "Question 10_question_1 — Cibler les clients à risque" in html and "2 / 3</b> · 3,5 / 4 pt(s)" in html


def test_tout_le_cours_rendu_seul_mon_travail_compte(tmp_path: Path) -> None:
    d = tmp_path / "retours"
    d.mkdir()
    (d / "DUPONT Marie.zip").write_bytes(_zip({
        "cours-grc/notebooks/02-segmentation-rfm.ipynb": _cahier(0, 5),
        "cours-grc/datasets/clients.csv": "id;nom\n",
        "cours-grc/datasets/defauts.json": "{}",
        "cours-grc/mon-travail/progression.json": _progression(25, quiz={"rfm": {"score": 5, "sur": 10}}),
        "cours-grc/mon-travail/02-segmentation-rfm.ipynb": _cahier(4, 5),
        "cours-grc/mon-travail/notes.docx": "x"}))
    r = ramasser(d, ["DUPONT Marie"])
    e = _ligne(r.exercices, eleve="DUPONT Marie", theme="02")
    assert (e["copies"], e["cellules_executees"]) == ("02-segmentation-rfm.ipynb", 4)
    assert list(r.anomalies["probleme"]) == [
        "3 fichier(s) hors du dossier mon-travail : cours-grc/notebooks/02-segmentation-rfm.ipynb, "
        "cours-grc/datasets/clients.csv, cours-grc/datasets/defauts.json",
        "1 fichier(s) qui ne sont ni une copie .ipynb ni la progression : cours-grc/mon-travail/notes.docx"]


def test_fiches_d_un_format_voisin_lues_au_mieux(tmp_path: Path) -> None:
    """Thème écrit 2 au lieu de « 02 », critères en fiches {critere, points}, format 2 : lus, et signalés."""
    d = tmp_path / "retours"
    d.mkdir()
    progression = {"format": 2, "exercices": {"02_tableau_rfm": {"statut": "juste", "essais": 1, "theme": 2},
                                              "02_x": {"statut": "peut-être", "essais": 1}},
                   "redactions": {"10_redaction_1": {"reponse": "Oui.", "criteres": [{"critere": "a", "points": 1},
                                                                                     {"critere": "b", "points": 1}],
                                                     "coches": ["a"]}},
                   "quiz": {"rfm": {"score": 12, "sur": 10}}}
    (d / "DUPONT Marie.json").write_text(json.dumps(progression), encoding="utf-8")
    r = ramasser(d, ["DUPONT Marie"])
    assert _ligne(r.exercices, eleve="DUPONT Marie", theme="02")["justes"] == 1
    red = _ligne(r.redactions, eleve="DUPONT Marie")
    assert (red["theme"], red["coches"], red["criteres"], red["criteres_coches"]) == ("10", 1, 2, "a")
    assert r.quiz.empty
    problemes = " | ".join(r.anomalies["probleme"])
    assert "format 2 du fichier de progression inconnu de ce grc" in problemes
    assert "exercice « 02_x » : statut inconnu 'peut-être'" in problemes
    assert "quiz « rfm » : score illisible (12 sur 10)" in problemes


def test_travail_ecrit_par_grc_lui_meme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Le contrat tenu de bout en bout : progression écrite par grc.progression, barème réel du cours,
    copie d'un vrai cahier, zip fait comme le bouton « Télécharger mon travail »."""
    from grc import progression
    from grc.ramassage.baremes import baremes_redactions
    from grc.themes import theme

    monkeypatch.setenv("GRC_PROGRESSION", "1")
    travail = tmp_path / "poste" / "mon-travail"
    registre.charger_themes()
    exercice = sorted(n for n in registre.EXERCICES if n.startswith("02_"))[0]
    progression.noter_exercice(exercice, "faux", reponse=1, dossier=travail)
    progression.noter_exercice(exercice, "juste", reponse=2, dossier=travail)
    progression.noter_quiz("rfm", 8, 10, dossier=travail)
    question, bareme = sorted(baremes_redactions().items())[0]
    criteres = list(bareme.criteres)
    progression.noter_redaction(question, "Ma réponse.", criteres, criteres[:1], dossier=travail)
    cahier = Path(__file__).resolve().parents[1] / theme("02").cahier
    (travail / cahier.name).write_bytes(cahier.read_bytes())
    retours = tmp_path / "retours"
    retours.mkdir()
    with zipfile.ZipFile(retours / "DUPONT Marie - mon-travail.zip", "w") as z:
        for f in sorted(travail.rglob("*")):
            z.write(f, f.relative_to(travail.parent).as_posix())
    r = ramasser(retours, ["DUPONT Marie"])
    e = _ligne(r.exercices, eleve="DUPONT Marie", theme="02")
    code = sum(c["cell_type"] == "code" for c in json.loads(cahier.read_text(encoding="utf-8"))["cells"])
    assert (e["tentes"], e["justes"], e["essais"], e["exercices"]) == (1, 1, 2, r.totaux["02"])
    assert (e["copies"], e["cellules_code"], e["cellules_executees"]) == (cahier.name, code, 0)
    q = _ligne(r.quiz, eleve="DUPONT Marie")
    assert (q["score"], q["sur"], q["meilleur"]) == (8, 10, 8)
    red = _ligne(r.redactions, eleve="DUPONT Marie")
    assert (red["question"], red["titre"], red["coches"], red["criteres"]) == (
        question, bareme.titre, 1, len(criteres))
    assert red["points"] == pytest.approx(bareme.criteres[criteres[0]])
    assert red["points_total"] == pytest.approx(bareme.total)
    assert r.anomalies.empty, r.anomalies.to_string()
