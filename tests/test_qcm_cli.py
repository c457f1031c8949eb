"""La commande ``grc`` : aide et erreurs en français, ``valider`` et ``lister``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from grc.cli import main
from grc.qcm import charger_banque

RACINE = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("arguments", [[], ["qcm"], ["qcm", "feuille"], ["qcm", "exporter"], ["qcm", "corriger"],
                                       ["qcm", "lister"], ["qcm", "valider"]])
def test_aide_en_francais(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as fin:
        main([*arguments, "--help"])
    assert fin.value.code == 0
    aide = capsys.readouterr().out
    assert aide.startswith("utilisation : grc")
    assert "affiche cette aide et quitte" in aide
    for anglais in ("usage:", "show this help", "positional arguments", "optional arguments"):
        assert anglais not in aide
    assert aide.count("utilisation :") == 1


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["qcm"], "arguments obligatoires manquants"),
        (["qcm", "exporter", "--format", "pdf"], "choix invalide 'pdf'"),
        (["qcm", "feuille", "--classe", "x.csv", "--nombre", "dix"], "« dix » n'est pas un nombre entier"),
        (["qcm", "lister", "--difficulte", "5"], "difficulté hors de 1 à 3"),
        (["qcm", "lister", "--inconnue"], "arguments inconnus : --inconnue"),
    ],
)
def test_erreurs_d_usage_en_francais(arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as fin:
        main(arguments)
    assert fin.value.code == 2
    erreur = capsys.readouterr().err
    assert "erreur :" in erreur and message in erreur


def test_theme_inconnu(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qcm", "lister", "--themes", "marketing"]) == 1
    assert "Erreur : Thème inconnu : « marketing »" in capsys.readouterr().err


def test_valider_la_banque(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qcm", "valider", "--graines", "30"]) == 0
    sortie = capsys.readouterr().out
    assert f"Banque valide : {len(charger_banque())} questions." in sortie
    assert "02 rfm" in sortie


def test_valider_une_banque_fautive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "02-rfm.yml").write_text("theme: rfm\ntitre: Essai\nquestions:\n  - id: rfm-001\n", encoding="utf-8")
    assert main(["qcm", "valider", "--banque", str(tmp_path)]) == 1
    erreur = capsys.readouterr().err
    assert "02-rfm.yml, question rfm-001 : champ « difficulte » : champ obligatoire manquant" in erreur


def test_lister_filtre(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qcm", "lister", "--themes", "04", "--difficulte", "3"]) == 0
    lignes = capsys.readouterr().out.strip().splitlines()
    attendues = charger_banque().selectionner("valeur", [3])
    assert lignes[-1] == f"{len(attendues)} question(s)."
    assert [ligne.split()[0] for ligne in lignes[:-1]] == [q.id for q in attendues]


def test_point_d_entree_module() -> None:
    resultat = subprocess.run([sys.executable, "-m", "grc.cli", "qcm", "lister", "--themes", "rfm"],
                              cwd=RACINE, capture_output=True, text=True, timeout=60)
    assert resultat.returncode == 0 and "rfm-001" in resultat.stdout
