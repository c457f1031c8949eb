"""``grc classe lien`` : le lien nbgitpuller vers l'édition élève."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from grc.classe import lien_nbgitpuller
from grc.cli import main


def test_lien_se_decode_en_parametres_de_nbgitpuller() -> None:
    lien = lien_nbgitpuller("https://classe.lycee.fr/", "https://forge.fr/prof/cours-grc.git", "eleves", "abc")
    morceaux = urlsplit(lien)
    assert morceaux.path == "/hub/user-redirect/git-pull"
    assert parse_qs(morceaux.query) == {
        "repo": ["https://forge.fr/prof/cours-grc.git"],
        "branch": ["eleves"],
        "urlpath": ["grc/ouvrir/03"],  # la copie de l'élève, faite au premier clic
        "targetPath": ["cours-grc"],  # sans « .git » : nbgitpuller l'aurait gardé
    }


def test_commande_grc_classe_lien(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["classe", "lien", "--hub", "http://127.0.0.1:8000", "--depot", "/srv/cours.git",
                 "--branche", "eleves", "--cahier", "02-segmentation-rfm.ipynb", "--dossier", "grc"])
    assert code == 0
    lien = capsys.readouterr().out.strip()
    assert parse_qs(urlsplit(lien).query)["urlpath"] == ["grc/ouvrir/02"]
    assert parse_qs(urlsplit(lien).query)["targetPath"] == ["grc"]


def test_erreurs_en_francais(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classe", "lien", "--hub", "classe.lycee.fr", "--depot", "x/cours"]) == 1
    assert "https://" in capsys.readouterr().err
    assert main(["classe", "lien", "--hub", "https://h", "--depot", "x/cours", "--cahier", "rfn"]) == 1
    assert "rfm" in capsys.readouterr().err  # « Vouliez-vous dire « rfm » ? »
    assert main(["classe", "lien", "--hub", "https://h", "--depot", "x/cours"]) == 0
    assert "urlpath=grc%2Faccueil" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["classe", "lien", "--depot", "x"])
    assert "arguments obligatoires manquants" in capsys.readouterr().err
