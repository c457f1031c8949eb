"""L'index des thèmes tient face aux fichiers du dépôt."""

from pathlib import Path

import pytest

from grc.themes import THEMES, theme

RACINE = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("t", THEMES, ids=lambda t: t.numero)
def test_chaque_fichier_de_l_index_existe(t):
    for chemin in (t.lecon, t.cahier, t.corrige, t.fichier_qcm):
        if chemin is not None:
            assert (RACINE / chemin).is_file(), f"{t.numero} : {chemin} introuvable"


@pytest.mark.parametrize("dossier, motif", [("course", "*.md"), ("notebooks", "*.ipynb"),
                                            ("solutions", "*.ipynb"), ("course/qcm", "*.yml")])
def test_aucun_fichier_de_theme_hors_index(dossier, motif):
    connus = {chemin for t in THEMES for chemin in (t.lecon, t.cahier, t.corrige, t.fichier_qcm)}
    orphelins = [f"{dossier}/{p.name}" for p in sorted((RACINE / dossier).glob(motif))
                 if p.name[:2].isdigit() and f"{dossier}/{p.name}" not in connus]
    assert orphelins == []


def test_numeros_et_etiquettes_uniques_et_ordonnes():
    numeros = [t.numero for t in THEMES]
    assert numeros == sorted(set(numeros))
    assert len({t.etiquette for t in THEMES}) == len(THEMES)


def test_modules_cites_existent():
    import importlib.util

    for t in THEMES:
        for module in (*t.modules, t.module_exercices):
            if module:
                assert importlib.util.find_spec(module) is not None, f"{t.numero} : {module}"


def test_titre_de_la_lecon_et_de_l_index_concordent():
    for t in THEMES:
        lignes = (RACINE / t.lecon).read_text(encoding="utf-8").splitlines()
        premiere = next(ligne for ligne in lignes if ligne.startswith("# "))
        assert premiere.startswith(f"# {t.numero} · "), premiere


def test_theme_inconnu_explique_en_francais():
    with pytest.raises(KeyError, match="Vouliez-vous dire « abc »"):
        theme("abd")


def test_l_etiquette_du_qcm_est_celle_du_theme():
    # la banque nomme ses fichiers « 02-rfm.yml » et ses questions « theme: rfm » : une seule étiquette publique
    assert all(t.qcm in (None, t.etiquette) for t in THEMES)


def test_le_qcm_lit_l_index():
    from grc.qcm import THEMES as THEMES_QCM

    assert THEMES_QCM == {t.etiquette: (t.numero, t.titre) for t in THEMES if t.qcm}
