"""Les cahiers élèves sont exactement ce que le générateur fait des corrigés."""

from pathlib import Path

import nbformat
import pytest

from outils.cahiers import INVITE_CODE, cahier_eleve, nettoyer, texte

RACINE = Path(__file__).resolve().parent.parent
CORRIGES = sorted((RACINE / "solutions").glob("*.ipynb"))
CARNETS = CORRIGES + sorted((RACINE / "notebooks").glob("*.ipynb"))


def test_chaque_corrige_a_son_cahier_et_reciproquement() -> None:
    corriges = {p.name for p in CORRIGES}
    cahiers = {p.name for p in (RACINE / "notebooks").glob("*.ipynb")}
    assert corriges, "Aucun corrigé dans solutions/."
    assert corriges == cahiers, "Lancez `make cahiers` : notebooks/ ne correspond pas à solutions/."


@pytest.mark.parametrize("chemin", CORRIGES, ids=lambda p: p.stem)
def test_cahier_a_jour(chemin: Path) -> None:
    attendu = texte(cahier_eleve(nbformat.read(chemin, as_version=4)))
    present = (RACINE / "notebooks" / chemin.name).read_text(encoding="utf-8")
    assert present == attendu, f"notebooks/{chemin.name} n'est pas à jour : lancez `make cahiers`."


@pytest.mark.parametrize("chemin", CORRIGES, ids=lambda p: p.stem)
def test_corrige_enregistre_sans_sorties(chemin: Path) -> None:
    carnet = nbformat.read(chemin, as_version=4)
    assert texte(nettoyer(carnet)) == chemin.read_text(encoding="utf-8"), (
        f"{chemin.name} contient des sorties ou des métadonnées de session : lancez `make cahiers`."
    )


@pytest.mark.parametrize("chemin", CARNETS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_carnet_valide_et_sans_sorties(chemin: Path) -> None:
    carnet = nbformat.read(chemin, as_version=4)
    nbformat.validate(carnet)
    avec_sorties = [i for i, c in enumerate(carnet.cells) if c.cell_type == "code" and c.outputs]
    assert not avec_sorties, f"{chemin.name} : cellules avec sorties {avec_sorties}."


@pytest.mark.parametrize("chemin", sorted((RACINE / "notebooks").glob("*.ipynb")), ids=lambda p: p.stem)
def test_cahier_sans_solution(chemin: Path) -> None:
    brut = chemin.read_text(encoding="utf-8")
    assert "BEGIN SOLUTION" not in brut and "END SOLUTION" not in brut


def test_generateur_remplace_la_solution_par_une_invite() -> None:
    carnet = nbformat.v4.new_notebook()
    carnet.cells = [
        nbformat.v4.new_markdown_cell("# 📃 Corrigé — essai"),
        nbformat.v4.new_code_cell("x = ...\n### BEGIN SOLUTION\nx = 42\n### END SOLUTION\nverifier('n', x)"),
    ]
    eleve = cahier_eleve(carnet)
    assert "x = 42" not in eleve.cells[1].source
    assert INVITE_CODE in eleve.cells[1].source
    assert "Corrigé" not in eleve.cells[0].source
