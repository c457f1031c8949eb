"""Le niveau des questions du QCM : ``--niveau bts`` ne tire que le cœur du BTS.

Une question a le champ facultatif ``niveau: bts|approfondissement`` ; sans lui, elle a le niveau de
son thème (06 et 11 : approfondissement). Le nombre de questions du cœur de chaque thème est écrit
ici : un changement de la banque qui le modifie doit le dire.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from grc.cli import main
from grc.qcm import charger_banque
from grc.qcm.banque import lire_niveau
from grc.qcm.quiz import quiz

#: Questions du cœur BTS par thème (toutes les questions des thèmes 01 à 05, 07 et 09 ; aucune de 06 et 11).
COEUR_PAR_THEME = {
    "prise-en-main": 10, "connaitre": 23, "rfm": 20, "abc": 19, "valeur": 20, "relationnel": 38,
    "scoring": 0, "pac": 36, "evaluer": 20, "vente": 30, "cas": 13, "donnees-reelles": 0,
}


def test_nombre_de_questions_du_coeur_par_theme() -> None:
    banque = charger_banque()
    coeur = banque.au_niveau("bts")
    assert {t: len(coeur.selectionner(t)) for t in banque.themes()} == COEUR_PAR_THEME


def test_le_niveau_par_defaut_est_celui_du_theme() -> None:
    banque = charger_banque()
    assert {q.niveau_effectif for q in banque.selectionner("scoring")} == {"approfondissement"}
    assert banque.question("rfm-001").niveau is None and banque.question("rfm-001").niveau_effectif == "bts"
    assert banque.question("evaluer-020").niveau_effectif == "approfondissement"
    approfondies = banque.au_niveau("approfondissement")
    assert len(approfondies) + len(banque.au_niveau("bts")) == len(banque)


@pytest.mark.parametrize("graine", range(20))
def test_un_tirage_bts_ne_tire_jamais_d_approfondissement(graine: int) -> None:
    tirees = charger_banque().au_niveau("bts").tirer("tous", 40, graine)
    assert tirees and all(q.niveau_effectif == "bts" for q in tirees)
    assert {q.id for q in quiz("08", nombre=30, graine=graine, niveau="bts").questions}.isdisjoint(
        {"evaluer-019", "evaluer-020", "evaluer-021"})


def test_un_niveau_inconnu_est_refuse_en_francais(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError, match="Niveau inconnu : « licence »"):
        lire_niveau("licence")
    with pytest.raises(ValueError, match="Niveau inconnu"):
        quiz("02", niveau="BUT")
    with pytest.raises(SystemExit) as fin:
        main(["qcm", "lister", "--niveau", "licence"])
    assert fin.value.code == 2
    assert "Niveau inconnu : « licence »" in capsys.readouterr().err


def test_lister_et_valider_disent_le_niveau(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qcm", "lister", "--themes", "08", "--niveau", "bts"]) == 0
    sortie = capsys.readouterr().out
    assert "evaluer-020" not in sortie and f"{COEUR_PAR_THEME['evaluer']} question(s)." in sortie
    assert main(["qcm", "lister", "--themes", "08"]) == 0
    assert "evaluer-020" in (sortie := capsys.readouterr().out) and "[approfondissement]" in sortie
    assert main(["qcm", "valider", "--graines", "2"]) == 0
    assert "dont  13 du cœur BTS" in capsys.readouterr().out


def test_feuille_bts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    classe = tmp_path / "classe.csv"
    classe.write_text("eleve\nLéa Martin\nNoé Petit\n", encoding="utf-8")
    code = main(["qcm", "feuille", "--classe", str(classe), "--themes", "00,08,10", "--nombre", "40",
                 "--niveau", "bts", "--sans-pdf", "--sortie", str(tmp_path / "qcm")])
    assert code == 0, capsys.readouterr().err
    with open(tmp_path / "qcm" / "qcm_corrige.csv", encoding="utf-8-sig") as f:
        lignes = list(csv.DictReader(f, delimiter=";"))
    banque = charger_banque()
    assert lignes and all(banque.question(ligne["question"]).niveau_effectif == "bts" for ligne in lignes)
    assert main(["qcm", "feuille", "--classe", str(classe), "--themes", "06", "--niveau", "bts", "--sans-pdf",
                 "--sortie", str(tmp_path / "vide")]) == 1
    assert "le niveau « bts »" in capsys.readouterr().err


def test_l_export_moodle_etiquette_le_niveau() -> None:
    from grc.qcm.exports import exporter

    texte = exporter(charger_banque().selectionner("08"), "moodle")
    assert "<text>niveau-approfondissement</text>" in texte and "<text>niveau-bts</text>" in texte
