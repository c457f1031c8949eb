"""La correction d'une classe : barème, lignes fautives signalées avec leur numéro, analyse des questions."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from grc.cli import main
from grc.qcm import charger_banque
from grc.qcm.correction import Bareme, corriger, resume_notes
from grc.qcm.feuille import ecrire_feuilles, preparer_copies
from grc.qcm.fichiers import ErreurFichier
from grc.qcm.instance import LETTRES

BANQUE = charger_banque()
ELEVES = ["Alice", "Bruno", "Chloé", "Driss", "Emma", "Félix", "Gaël", "Hana"]


@pytest.fixture(scope="module")
def feuille(tmp_path_factory: pytest.TempPathFactory):
    dossier = tmp_path_factory.mktemp("feuille")
    copies = preparer_copies(ELEVES, BANQUE, "tous", nombre=10, graine=11)
    corrige = ecrire_feuilles(copies, dossier, "Essai", 11, pdf=False).corrige
    return {c.eleve: c for c in copies}, corrige


def _bonne(q) -> str:
    """La bonne réponse telle qu'un enseignant la saisit : « 12,5 », « B » ou « AC »."""
    return f"{q.valeur:.4f}".replace(".", ",") if q.est_numerique else q.lettres_bonnes.replace(";", "")


def _fausse(q) -> str:
    if q.est_numerique:
        return str(round(q.valeur + 100 * q.tolerance + 7, 2))
    return LETTRES[next(i for i in range(len(q.choix)) if i not in q.bonnes)]


def _reponses(tmp_path: Path, lignes: list[str], entete: str = "eleve;question;reponse") -> Path:
    chemin = tmp_path / "reponses.csv"
    chemin.write_text("\n".join([entete, *lignes]) + "\n", encoding="utf-8")
    return chemin


def _classe_complete(copies: dict, justes: dict[str, int]) -> list[str]:
    """Chaque élève répond juste à ses ``justes[eleve]`` premières questions, faux aux autres."""
    lignes = []
    for eleve, n in justes.items():
        for numero, q in enumerate(copies[eleve].questions, start=1):
            lignes.append(f"{eleve};{numero};{_bonne(q) if numero <= n else _fausse(q)}")
    return lignes


def test_copies_justes_fausses_et_barème(tmp_path: Path, feuille) -> None:
    copies, corrige = feuille
    justes = dict(zip(ELEVES, [10, 0, 5, 8, 3, 10, 6, 1], strict=True))
    resultats = corriger(corrige, _reponses(tmp_path, _classe_complete(copies, justes)), Bareme(fausse=-0.25))
    scores = resultats.eleves.set_index("eleve")
    for eleve, n in justes.items():
        assert scores.loc[eleve, "justes"] == n
        assert scores.loc[eleve, "points"] == pytest.approx(n - 0.25 * (10 - n))
    assert scores.loc["Alice", "note_sur_20"] == 20
    assert scores.loc["Bruno", "note_sur_20"] == 0, "la note est ramenée à 0, les points bruts restent négatifs"
    assert scores.loc["Bruno", "points"] == pytest.approx(-2.5)
    assert resultats.anomalies.empty


def test_lignes_fautives_signalees_et_le_reste_note(tmp_path: Path, feuille) -> None:
    copies, corrige = feuille
    q1, q2, q3 = copies["Alice"].questions[:3]
    lignes = [
        f"Alice;1;{_bonne(q1)}",                    # ligne 2 : juste
        "Alice;2",                                   # ligne 3 : champ manquant
        f"Alice;{q3.id};{_bonne(q3)}",               # ligne 4 : question par identifiant
        "Alice;42;A",                                # ligne 5 : question inconnue
        "Zoé;1;A",                                   # ligne 6 : élève inconnue
        f"Alice;1;{_fausse(q1)}",                    # ligne 7 : doublon, la première réponse est gardée
        "Bruno;1;" + ("douze" if copies["Bruno"].questions[0].est_numerique else "Q"),  # ligne 8 : illisible
        f"Bruno;2;{_bonne(copies['Bruno'].questions[1])}",  # ligne 9 : juste malgré la ligne 8
    ]
    resultats = corriger(corrige, _reponses(tmp_path, lignes), ignorer_inconnus=True)
    anomalies = resultats.anomalies
    assert anomalies["ligne"].tolist()[:5] == [3, 5, 6, 7, 8]
    assert "champ(s) au lieu de 3" in anomalies.iloc[0]["probleme"] and anomalies.iloc[0]["eleve"] == "Alice"
    assert "question inconnue" in anomalies.iloc[1]["probleme"]
    assert "nom absent du corrigé" in anomalies.iloc[2]["probleme"]
    assert "en double" in anomalies.iloc[3]["probleme"]
    assert "illisible" in anomalies.iloc[4]["probleme"]
    sans_reponse = set(anomalies.loc[anomalies["ligne"] == "", "eleve"])
    assert sans_reponse == set(ELEVES) - {"Alice", "Bruno"}, "les élèves sans aucune réponse sont signalés"
    assert all(anomalies.loc[anomalies["ligne"] == "", "probleme"].str.startswith("absent"))
    scores = resultats.eleves.set_index("eleve")
    assert scores.loc["Alice", "justes"] == 2 and scores.loc["Alice", "sans_reponse"] == 8
    assert scores.loc["Bruno", "justes"] == 1 and scores.loc["Bruno", "sans_reponse"] == 9
    assert q2.id in set(resultats.detail.loc[(resultats.detail["eleve"] == "Alice")
                                             & (resultats.detail["statut"] == "vide"), "question"])


def test_non_reponse_et_credit_partiel(tmp_path: Path) -> None:
    copies = preparer_copies(["Alice", "Bruno"], BANQUE, "connaitre", nombre=23, graine=2)
    corrige = ecrire_feuilles(copies, tmp_path, "Essai", 2, pdf=False).corrige
    numero, q = next((i, x) for i, x in enumerate(copies[0].questions, start=1)
                     if x.type == "multiple" and len(x.bonnes) >= 2)
    une_bonne = LETTRES[min(q.bonnes)]
    reponses = _reponses(tmp_path, [f"Alice;{numero};{une_bonne}", "Bruno;1;A"])
    sans_partiel = corriger(corrige, reponses, Bareme(vide=0.5))
    avec_partiel = corriger(corrige, reponses, Bareme(vide=0.5, partiel=True))
    ligne = avec_partiel.detail.query("eleve == 'Alice' and numero == @numero").iloc[0]
    assert ligne["statut"] == "partiel" and ligne["points"] == pytest.approx(1 / len(q.bonnes))
    assert sans_partiel.detail.query("eleve == 'Alice' and numero == @numero").iloc[0]["statut"] == "faux"
    assert sans_partiel.eleves.set_index("eleve").loc["Alice", "points"] == pytest.approx(22 * 0.5)


def test_discrimination_repere_la_question_que_les_meilleurs_ratent(tmp_path: Path, feuille) -> None:
    copies, corrige = feuille
    justes = dict(zip(ELEVES, [10, 9, 8, 7, 3, 2, 1, 0], strict=True))
    piegee = copies["Alice"].questions[0].id
    lignes = []
    for eleve, n in justes.items():
        for numero, q in enumerate(copies[eleve].questions, start=1):
            bien = numero <= n
            if q.id == piegee:
                bien = n <= 3  # les plus faibles la réussissent, les meilleurs la ratent
            lignes.append(f"{eleve};{numero};{_bonne(q) if bien else _fausse(q)}")
    analyse = corriger(corrige, _reponses(tmp_path, lignes)).questions.set_index("question")
    assert analyse.loc[piegee, "discrimination"] < 0
    assert "les meilleurs la ratent" in analyse.loc[piegee, "alerte"]
    assert analyse["taux_reussite"].between(0, 1).all()
    assert (analyse["copies"] == len(ELEVES)).all()


def test_commande_corriger_ecrit_csv_et_graphique(tmp_path: Path, feuille, capsys) -> None:
    copies, corrige = feuille
    lignes = _classe_complete(copies, dict.fromkeys(ELEVES, 6)) + ["Alice;1;A;B"]
    reponses = _reponses(tmp_path, lignes, entete="eleve,question,reponse".replace(",", ";"))
    sortie = tmp_path / "resultats"
    code = main(["qcm", "corriger", "--corrige", str(corrige), "--reponses", str(reponses), "--negatif", "0.5",
                 "--non-reponse", "0", "--sortie", str(sortie)])
    assert code == 0
    sorties = capsys.readouterr()
    assert "8 élève(s) noté(s)" in sorties.out
    assert "1 anomalie(s)" in sorties.err and "ligne" in sorties.err
    for nom in ("scores_eleves.csv", "analyse_questions.csv", "detail_reponses.csv", "anomalies.csv",
                "analyse_questions.png"):
        assert (sortie / nom).stat().st_size > 0
    scores = list(csv.DictReader(io.StringIO((sortie / "scores_eleves.csv").read_text(encoding="utf-8-sig")),
                                 delimiter=";"))
    assert {s["eleve"] for s in scores} == set(ELEVES)
    assert all(s["points"] == "4" for s in scores), "6 justes, 4 fausses à −0,5"


def test_corrige_illisible(tmp_path: Path) -> None:
    mauvais = tmp_path / "corrige.csv"
    mauvais.write_text("eleve;question\nAlice;1\n", encoding="utf-8")
    reponses = _reponses(tmp_path, ["Alice;1;A"])
    with pytest.raises(ErreurFichier, match="Colonne\\(s\\) manquante\\(s\\) dans corrige.csv : numero, type"):
        corriger(mauvais, reponses)


def test_reponses_sans_colonne_reponse(tmp_path: Path, feuille, capsys) -> None:
    _, corrige = feuille
    reponses = _reponses(tmp_path, ["Alice;1"], entete="eleve;question")
    assert main(["qcm", "corriger", "--corrige", str(corrige), "--reponses", str(reponses)]) == 1
    assert "manquante(s) dans reponses.csv : reponse" in capsys.readouterr().err


def test_exemple_corrige_a_la_main(tmp_path: Path, capsys) -> None:
    """Trois élèves présents, une absente, barème +1 / −0,5 / 0 ; tout est calculé à la main ici.

    Corrigé (le même pour tous) : Q1 unique « A » ; Q2 multiple « A;C » ; Q3 vrai/faux « Vrai » (A) ;
    Q4 numérique 12,5 à 0,1 près. Maximum : 4 points. Réponses (une ligne par élève, colonnes Q1…Q4,
    noms écrits « Nom ; Prénom » alors que le corrigé dit « NOM Prénom ») :

    ======  ====  ====  ===  =====  ==========================================  ===========
    élève   Q1    Q2    Q3   Q4     points                                      note / 20
    ======  ====  ====  ===  =====  ==========================================  ===========
    Alice   A +1  AC +1 V +1 12,5+1 1 + 1 + 1 + 1 = 4                           4/4 × 20 = 20
    Bruno   A +1  A;C+1 F −½ (vide) 1 + 1 − 0,5 + 0 = 1,5                       1,5/4 × 20 = 7,5
    Chloé   A +1  C −½  V +1 12,55  1 − 0,5 + 1 + 1 = 2,5 (|12,55 − 12,5| ≤ 0,1) 2,5/4 × 20 = 12,5
    Driss   —     —     —    —      aucune réponse : absent                     ABS
    ======  ====  ====  ===  =====  ==========================================  ===========

    Moyenne des présents : (20 + 7,5 + 12,5) / 3 = 13,33 (et non 10, qu'on aurait en comptant Driss à 0).
    Réussite : Q1 3/3 ; Q2, Q3, Q4 2/3 ; non-réponse à Q4 : 1/3.
    Discrimination (groupes de round(0,27 × 3) = 1 copie : Alice en haut, Bruno en bas) :
    Q1 1 − 1 = 0 ; Q2 1 − 1 = 0 ; Q3 1 − 0 = 1 ; Q4 1 − 0 = 1. Driss n'entre dans aucun calcul.
    """
    entete = "eleve;variante;numero;question;theme;type;reponse_attendue;tolerance;nombre_choix;section"
    cle = [entete]
    for eleve in ("MARTIN Alice", "PETIT Bruno", "DURAND Chloé", "NGUYEN Driss"):
        cle += [f"{eleve};V-1;1;rfm-001;rfm;unique;A;;4;s", f"{eleve};V-1;2;rfm-002;rfm;multiple;A;C;;4;s",
                f"{eleve};V-1;3;rfm-003;rfm;vrai_faux;A;;2;s", f"{eleve};V-1;4;rfm-004;rfm;numerique;12,5;0,1;0;s"]
    corrige = tmp_path / "corrige.csv"
    corrige.write_text("\n".join(cle).replace("A;C;;4", '"A;C";;4') + "\n", encoding="utf-8")
    reponses = tmp_path / "reponses.csv"
    reponses.write_text("Nom;Prénom;Q1;Q2;Q3;Q4\nMartin;Alice;A;AC;V;12,5\nPetit;Bruno;a;A;C;F;\n"
                        .replace("A;C;F", '"A;C";F') + "durand;chloe;A;C;V;12,55\nNguyen;Driss;;;;\n",
                        encoding="utf-8")
    resultats = corriger(corrige, reponses, Bareme(bonne=1, fausse=-0.5))
    assert resultats.anomalies["probleme"].str.startswith("absent").tolist() == [True]
    notes = resultats.eleves.set_index("eleve")
    assert notes["points"].to_dict() == pytest.approx({"MARTIN Alice": 4, "PETIT Bruno": 1.5, "DURAND Chloé": 2.5,
                                                       "NGUYEN Driss": float("nan")}, nan_ok=True)
    assert notes["note_sur_20"].iloc[:3].tolist() == [20, 7.5, 12.5]
    assert notes.loc["NGUYEN Driss", "statut"] == "absent"
    assert resume_notes(resultats.eleves)["moyenne"] == pytest.approx(40 / 3)
    analyse = resultats.questions.set_index("question")
    assert analyse["copies"].tolist() == [3, 3, 3, 3]
    assert analyse["taux_reussite"].tolist() == pytest.approx([1, 2 / 3, 2 / 3, 2 / 3])
    assert analyse["taux_sans_reponse"].tolist() == pytest.approx([0, 0, 0, 1 / 3])
    assert analyse["discrimination"].tolist() == pytest.approx([0, 0, 1, 1])

    sortie = tmp_path / "notes"
    assert main(["qcm", "corriger", "--corrige", str(corrige), "--reponses", str(reponses), "--negatif", "0,5",
                 "--sortie", str(sortie), "--sans-graphique"]) == 0
    texte = capsys.readouterr().out
    assert "3 élève(s) noté(s) ; moyenne 13,33 / 20" in texte
    assert "1 absent(s)" in texte and "NGUYEN Driss" in texte
    scores = (sortie / "scores_eleves.csv").read_text(encoding="utf-8-sig")
    assert "NGUYEN Driss;absent;" in scores and scores.strip().splitlines()[-1].endswith(";ABS")
    assert ";-0;" not in (sortie / "detail_reponses.csv").read_text(encoding="utf-8-sig")


@pytest.fixture(scope="module")
def petite_classe(tmp_path_factory: pytest.TempPathFactory):
    dossier = tmp_path_factory.mktemp("petite")
    eleves = ["MARTIN Léa", "DURAND Chloé", "PETIT Léo", "Léo PETIT-GRAND"]
    copies = preparer_copies(eleves, BANQUE, "rfm", nombre=4, graine=5)
    return {c.eleve: c for c in copies}, ecrire_feuilles(copies, dossier, "Essai", 5, pdf=False).corrige


@pytest.mark.parametrize("separateur", [";", ",", "\t", "|"])
def test_reponses_en_colonnes_et_noms_normalises(tmp_path: Path, petite_classe, separateur: str) -> None:
    """Une ligne par élève (Q1…Q4), noms écrits autrement : casse, accents, espaces, prénom d'abord."""
    copies, corrige = petite_classe
    ecrits = {"MARTIN Léa": "lea  MARTIN", "DURAND Chloé": "Chloe Durand", "PETIT Léo": "petit leo"}
    lignes = [separateur.join(["Élève", "Q1", "Q2", "Q3", "Q4", "Total"])]
    for eleve, ecrit in ecrits.items():
        lignes.append(separateur.join([ecrit, *(_bonne(q).replace(",", ".") for q in copies[eleve].questions), "?"]))
    (tmp_path / "r.csv").write_text("\n".join(lignes) + "\n", encoding="utf-8")
    resultats = corriger(corrige, tmp_path / "r.csv")
    notes = resultats.eleves.set_index("eleve")
    assert notes.loc[list(ecrits), "note_sur_20"].tolist() == [20, 20, 20]
    assert notes.loc["Léo PETIT-GRAND", "statut"] == "absent"
    assert "colonne(s) ignorée(s) dans r.csv : Total" in resultats.anomalies["probleme"].tolist()


def test_reponses_xlsx_nom_et_prenom_en_deux_colonnes(tmp_path: Path, petite_classe) -> None:
    from openpyxl import Workbook

    copies, corrige = petite_classe
    classeur = Workbook()
    classeur.active.append(["Nom", "Prénom", *(f"Q{i}" for i in range(1, 5))])
    for eleve in ("MARTIN Léa", "DURAND Chloé"):
        nom, prenom = eleve.split()
        reponses = [q.valeur if q.est_numerique else _bonne(q) for q in copies[eleve].questions]
        classeur.active.append([nom, prenom, *reponses])
    classeur.save(tmp_path / "reponses.xlsx")
    notes = corriger(corrige, tmp_path / "reponses.xlsx").eleves.set_index("eleve")
    assert notes.loc[["MARTIN Léa", "DURAND Chloé"], "note_sur_20"].tolist() == [20, 20]


def test_noms_inconnus_ou_ambigus_refuses_et_listes(tmp_path: Path, petite_classe, capsys) -> None:
    """Jamais deviner : « L. Martin » n'est pas « MARTIN Léa », « Martin Lea » ne l'est qu'à la normalisation près."""
    _, corrige = petite_classe
    reponses = _reponses(tmp_path, ["L. Martin;1;A", "Chloé Durand;1;A", "Durant Chloé;2;B", ";1;A"])
    assert main(["qcm", "corriger", "--corrige", str(corrige), "--reponses", str(reponses),
                 "--sortie", str(tmp_path / "n")]) == 1
    erreur = capsys.readouterr().err
    assert "3 nom(s) du fichier de réponses ne désignent pas un seul élève du corrigé" in erreur
    assert "« L. Martin » (ligne 2) n'est pas dans le corrigé" in erreur
    assert "« Durant Chloé » (ligne 4) n'est pas dans le corrigé (noms proches dans la classe : DURAND Chloé)" in erreur
    assert "ligne 5 : nom d'élève vide" in erreur and "--ignorer-inconnus" in erreur
    assert not (tmp_path / "n").exists(), "rien n'est écrit quand un nom est refusé"
    avec = corriger(corrige, reponses, ignorer_inconnus=True)
    assert avec.eleves.set_index("eleve").loc["DURAND Chloé", "statut"] == "présent"
    assert (avec.anomalies["probleme"].str.startswith("nom absent du corrigé")).sum() == 3


def test_nom_ambigu(tmp_path: Path) -> None:
    """Deux élèves dont les noms ne diffèrent que par l'ordre : seul le nom exact les distingue."""
    cle = tmp_path / "corrige.csv"
    cle.write_text("eleve;numero;question;theme;type;reponse_attendue;nombre_choix\n"
                   "PETIT Léo;1;rfm-001;rfm;unique;A;2\nLéo PETIT;1;rfm-001;rfm;unique;A;2\n", encoding="utf-8")
    with pytest.raises(ErreurFichier, match="« petit leo » \\(ligne 2\\) est ambigu : il peut désigner PETIT Léo ou "
                                            "Léo PETIT"):
        corriger(cle, _reponses(tmp_path, ["petit leo;1;A", "PETIT Léo;1;A"]))
    assert corriger(cle, _reponses(tmp_path, ["Léo PETIT;1;A"])).eleves["statut"].tolist() == ["absent", "présent"]


def test_copie_blanche_notee(tmp_path: Path, petite_classe) -> None:
    _, corrige = petite_classe
    reponses = _reponses(tmp_path, ["Léa Martin;1;A"])
    notes = corriger(corrige, reponses, Bareme(vide=0), copies_blanches=["chloe durand"]).eleves.set_index("eleve")
    assert notes.loc["DURAND Chloé", "statut"] == "présent" and notes.loc["DURAND Chloé", "note_sur_20"] == 0
    assert notes.loc["PETIT Léo", "statut"] == "absent"


def test_graphique_lisible() -> None:
    """Graduations à la précision du pas, une couleur par thème, aucune étiquette sur une autre."""
    import matplotlib.pyplot as plt
    import numpy as np

    from grc.qcm.correction import figure_questions
    from grc.qcm.schema import THEMES

    hasard = np.random.default_rng(3)
    themes = list(THEMES)
    questions = pd.DataFrame({
        "question": [f"{themes[i % 12]}-{i:03d}" for i in range(36)], "theme": [themes[i % 12] for i in range(36)],
        "taux_reussite": hasard.choice([0, 0.25, 0.5, 0.75, 1.0], 36),
        "discrimination": hasard.choice([-0.5, 0, 0.25, 0.5, 1.0], 36)})
    figure, etiquettes = figure_questions(questions)
    try:
        rendu = figure.canvas.get_renderer()
        boites = [e.get_window_extent(rendu) for e in etiquettes]
        assert len(boites) == len(questions.groupby(["taux_reussite", "discrimination"]))
        for i, a in enumerate(boites):
            assert not any(a.overlaps(b) for b in boites[i + 1:]), etiquettes[i].get_text()
        axe = figure.axes[0]
        graduations = [t.get_text() for t in axe.get_yticklabels() if t.get_text()]
        assert "0,75" in graduations and "0,8" not in graduations and "−0" not in graduations
        couleurs = {tuple(c.get_facecolor()[0]) for c in axe.collections}
        assert len(couleurs) == 12, "une couleur par thème"
    finally:
        plt.close(figure)


def _exemple(tmp_path: Path) -> tuple[Path, Path]:
    """Le corrigé et les réponses de l'exemple calculé à la main (Driss absent)."""
    cle = ["eleve;variante;numero;question;theme;type;reponse_attendue;tolerance;nombre_choix;section"]
    for eleve in ("MARTIN Alice", "PETIT Bruno", "DURAND Chloé", "NGUYEN Driss"):
        cle += [f"{eleve};V;1;rfm-001;rfm;unique;A;;4;s", f"{eleve};V;2;rfm-004;rfm;numerique;12,5;0,1;0;s"]
    (tmp_path / "corrige.csv").write_text("\n".join(cle) + "\n", encoding="utf-8")
    (tmp_path / "reponses.csv").write_text("eleve;Q1;Q2\nMartin Alice;A;12,5\nPetit Bruno;B;12,5\n"
                                           "Durand Chloé;A;\n", encoding="utf-8")
    return tmp_path / "corrige.csv", tmp_path / "reponses.csv"


def test_classeur_et_pronote(tmp_path: Path, capsys) -> None:
    from openpyxl import load_workbook

    corrige, reponses = _exemple(tmp_path)
    assert main(["qcm", "corriger", "--corrige", str(corrige), "--reponses", str(reponses), "--negatif", "0,5",
                 "--sortie", str(tmp_path / "notes"), "--sans-graphique"]) == 0
    capsys.readouterr()
    classeur = load_workbook(tmp_path / "notes" / "resultats.xlsx")
    assert classeur.sheetnames == ["Notes", "Analyse des questions", "Anomalies"]
    notes = classeur["Notes"]
    entetes = [c.value for c in notes[1]]
    assert entetes[:3] == ["Élève", "Statut", "Note /20"]
    valeurs = {ligne[0].value: ligne[2] for ligne in notes.iter_rows(min_row=2)}
    assert valeurs["MARTIN Alice"].value == 20 and valeurs["MARTIN Alice"].number_format == "0.00"
    assert valeurs["PETIT Bruno"].value == 5, "1 − 0,5 + 0 ... : (−0,5 + 1) / 2 × 20 = 5"
    assert valeurs["DURAND Chloé"].value == 10 and valeurs["NGUYEN Driss"].value == "ABS"
    analyse = classeur["Analyse des questions"]
    assert analyse["E1"].value == "Réussite" and analyse["E2"].number_format == "0%"
    assert any("absent" in str(c.value) for c in classeur["Anomalies"]["D"])
    pronote = (tmp_path / "notes" / "notes_pronote.csv").read_text(encoding="utf-8-sig").splitlines()
    assert pronote == ["Élève;Note", "MARTIN Alice;20", "PETIT Bruno;5", "DURAND Chloé;10", "NGUYEN Driss;Abs"]


def _feuille_scodoc(chemin: Path, noms: list[tuple[str, str]]) -> Path:
    """Une feuille de saisie disposée comme celle qu'exporte ScoDoc (sco_excel.excel_feuille_saisie)."""
    from openpyxl import Workbook

    classeur = Workbook()
    f = classeur.active
    for texte in ("Feuille saisie note (à enregistrer au format excel)", "Saisir les notes dans la colonne E",
                  "Ne pas modifier les cases en mauve !", "BUT TC S1", "QCM GRC", "Evaluation du 02/12/2026 (coef. 1)"):
        f.append([texte])
    f.append([])
    f.append(["!1234", "Nom", "Prénom", "Groupe", "Note sur 10", "Remarque"])
    for k, (nom, prenom) in enumerate(noms):
        f.append([f"!{500 + k}", nom, prenom, "TD1", None, None])
    f.append([None, "Code notes"])
    f.append([None, "ABS", "absent (0)"])
    classeur.save(chemin)
    return chemin


def test_feuille_scodoc_remplie(tmp_path: Path, capsys) -> None:
    from openpyxl import load_workbook

    corrige, reponses = _exemple(tmp_path)
    scodoc = _feuille_scodoc(tmp_path / "saisie.xlsx", [("MARTIN", "Alice"), ("PETIT", "Bruno"), ("DURAND", "Chloé"),
                                                       ("NGUYEN", "Driss"), ("ZOLA", "Émile")])
    assert main(["qcm", "corriger", "--corrige", str(corrige), "--reponses", str(reponses), "--sortie",
                 str(tmp_path / "n"), "--sans-graphique", "--scodoc", str(scodoc)]) == 0
    capsys.readouterr()
    feuille = load_workbook(tmp_path / "n" / "scodoc_saisie.xlsx").worksheets[0]
    notes = {ligne[0].value: ligne[4].value for ligne in feuille.iter_rows() if str(ligne[0].value).startswith("!5")}
    assert notes == {"!500": 10, "!501": 5, "!502": 5, "!503": "ABS", "!504": None}, "notes ramenées sur 10"
    assert feuille["A8"].value == "!1234"


def test_feuille_scodoc_d_un_autre_groupe_refusee(tmp_path: Path, capsys) -> None:
    corrige, reponses = _exemple(tmp_path)
    scodoc = _feuille_scodoc(tmp_path / "saisie.xlsx", [("MARTIN", "Alice"), ("PETIT", "Bruno")])
    assert main(["qcm", "corriger", "--corrige", str(corrige), "--reponses", str(reponses), "--sortie",
                 str(tmp_path / "n"), "--scodoc", str(scodoc)]) == 1
    erreur = capsys.readouterr().err
    assert "« DURAND Chloé » n'est pas dans la feuille ScoDoc" in erreur and "Rien n'a été écrit" in erreur
    assert not (tmp_path / "n" / "scodoc_saisie.xlsx").exists()
