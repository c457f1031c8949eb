"""La page « Commencer ici » de l'édition JupyterLite, et ses outils, sans navigateur (rapide)."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from grc.themes import THEMES
from outils.lite.accueil import OUTILS, page_accueil


def test_chaque_cahier_est_liste_avec_son_etat() -> None:
    texte = page_accueil().cells[1].source
    for t in THEMES:
        assert f"notebooks/{t.nom_fichier}.ipynb" in texte
        if t.lite is False:
            assert t.raison_lite and t.raison_lite in texte
    assert any(t.lite is False for t in THEMES) and "❌" in texte


def test_copier_telecharger_reprendre_sans_ecraser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("ipywidgets")
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "00-prise-en-main.ipynb").write_text('{"cours": 1}', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    espace: dict = {}
    exec(compile(OUTILS, "outils", "exec"), espace)  # noqa: S102 (le code de la page, tel quel)
    copie = espace["copier"]("00")
    copie.write_text('{"mon travail": 1}', encoding="utf-8")
    espace["copier"]("00")  # une seconde fois : la copie n'est pas écrasée
    assert copie.read_text(encoding="utf-8") == '{"mon travail": 1}'
    archive = espace["archive_du_travail"]()
    assert zipfile.ZipFile(io.BytesIO(archive)).namelist() == ["mon-travail/00-prise-en-main.ipynb"]
    remis = espace["reprendre"](archive)
    assert [os.path.basename(r) for r in remis] == ["00-prise-en-main (v2).ipynb"]
    assert copie.read_text(encoding="utf-8") == '{"mon travail": 1}'
    # Un zip qui voudrait écrire hors de mon-travail/ est ignoré.
    piege = io.BytesIO()
    with zipfile.ZipFile(piege, "w") as z:
        z.writestr("../dehors.txt", "x")
        z.writestr("notebooks/00-prise-en-main.ipynb", "x")
    assert espace["reprendre"](piege.getvalue()) == []
