"""Le README tient ses promesses : ses liens mènent à des fichiers, chaque thème y figure."""

import re
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
README = (RACINE / "README.md").read_text(encoding="utf-8")


def test_les_deux_commandes_sont_dans_le_readme() -> None:
    assert "make lab" in README and "make test" in README


def test_la_ci_lance_la_commande_de_test_du_readme() -> None:
    assert "make test" in (RACINE / ".ci" / "run").read_text()


def test_chaque_lien_local_mene_a_un_fichier() -> None:
    liens = re.findall(r"\]\(([^)#]+)\)", README)
    locaux = [lien for lien in liens if not lien.startswith("http")]
    assert locaux
    absents = [lien for lien in locaux if not (RACINE / lien).exists()]
    assert not absents, f"Liens du README vers des fichiers absents : {absents}"


def test_le_tableau_des_themes_est_celui_de_l_index() -> None:
    from outils.readme import avec_tableau

    assert avec_tableau(README) == README, "tableau des thèmes périmé : lancez « python -m outils.readme »"
