"""Les cahiers élèves sont exactement ce que le générateur fait des corrigés."""

from pathlib import Path

import nbformat
import pytest

from outils.cahiers import BADGE_APPROFONDISSEMENT, INVITE_CODE, cahier_eleve, nettoyer, numero_du, texte

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
    attendu = texte(cahier_eleve(nbformat.read(chemin, as_version=4), numero_du(chemin)))
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


def test_generateur_garde_niveau_et_repli_et_pose_le_badge() -> None:
    marque = {"grc": {"niveau": "approfondissement"}}
    carnet = nbformat.v4.new_notebook()
    carnet.cells = [
        nbformat.v4.new_markdown_cell("## Cœur BTS"),
        nbformat.v4.new_code_cell("tableau = 1", metadata={"jupyter": {"source_hidden": True}, "scrolled": True}),
        nbformat.v4.new_markdown_cell("## Pour aller plus loin", metadata=marque),
        nbformat.v4.new_code_cell("x = ...\n### BEGIN SOLUTION\nx = 2\n### END SOLUTION", metadata=marque),
        nbformat.v4.new_markdown_cell("Suite de la même partie", metadata=marque),
        nbformat.v4.new_markdown_cell("## Retour au cœur"),
        nbformat.v4.new_code_cell("y = 1", metadata=marque),
        nbformat.v4.new_markdown_cell("## Seconde partie", metadata=marque),
    ]
    eleve = cahier_eleve(carnet)
    assert eleve.cells[1].metadata == {"jupyter": {"source_hidden": True}}
    assert eleve.cells[3].metadata["grc"] == {"niveau": "approfondissement"}
    avec_badge = [i for i, c in enumerate(eleve.cells) if BADGE_APPROFONDISSEMENT in c.source]
    assert avec_badge == [2, 7], "un badge en tête de la première cellule de texte de chaque partie marquée"
    assert eleve.cells[2].source.startswith("> **🎓 Approfondissement (BUT TC, licence, école)")
    assert "BADGE" not in nettoyer(carnet).cells[2].source and BADGE_APPROFONDISSEMENT not in nettoyer(carnet).cells[2].source
    assert cahier_eleve(eleve).cells[2].source.count(BADGE_APPROFONDISSEMENT) == 1


def marques(carnet: nbformat.NotebookNode, cle: str) -> list:
    return [c.metadata[cle] for c in carnet.cells if cle in c.metadata and "redaction" not in c.metadata[cle]]


@pytest.mark.parametrize("chemin", CORRIGES, ids=lambda p: p.stem)
def test_cahier_garde_niveaux_et_replis_et_badge_chaque_partie(chemin: Path) -> None:
    corrige = nbformat.read(chemin, as_version=4)
    cahier = nbformat.read(RACINE / "notebooks" / chemin.name, as_version=4)
    for cle in ("grc", "jupyter"):
        assert marques(corrige, cle) == marques(cahier, cle), f"{chemin.name} : métadonnées « {cle} » perdues."
    precedente = "bts"
    for cellule in cahier.cells:
        niveau = cellule.metadata.get("grc", {}).get("niveau", "bts")
        if niveau == "approfondissement" and precedente != niveau:
            badge_attendu = True
        if niveau == "approfondissement" and cellule.cell_type == "markdown" and badge_attendu:
            assert BADGE_APPROFONDISSEMENT in cellule.source, f"{chemin.name} : partie sans badge."
            badge_attendu = False
        precedente = niveau


def test_formulaire_marque_sans_invite_n_a_pas_la_ligne_d_invite() -> None:
    formulaire = "plan = Plan(nom=...)  # un nom entre guillemets\n"
    carnet = nbformat.v4.new_notebook()
    carnet.cells = [
        nbformat.v4.new_markdown_cell("# 📃 Corrigé — essai"),
        nbformat.v4.new_code_cell(f"{formulaire}### BEGIN SOLUTION\nplan = Plan(nom='A')\n### END SOLUTION\n"
                                  "verifier('n', plan)", metadata={"grc": {"sans_invite": True}}),
        nbformat.v4.new_code_cell("x = ...\n### BEGIN SOLUTION\nx = 42\n### END SOLUTION"),
    ]
    eleve = cahier_eleve(carnet)
    assert eleve.cells[1].source == f"{formulaire}verifier('n', plan)"
    assert eleve.cells[1].metadata["grc"] == {"sans_invite": True}, "la marque reste : les mesures s'en servent"
    assert INVITE_CODE in eleve.cells[2].source, "les autres exercices gardent leur invite"
