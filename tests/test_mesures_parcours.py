"""Les mesures du parcours (``outils.mesures_parcours``) sur un petit cahier construit ici."""

from __future__ import annotations

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from outils.mesures_parcours import mesurer, tableau

APPROFONDI = {"grc": {"niveau": "approfondissement"}}


def _carnets():
    pret = "\n".join(f"x{i} = {i}" for i in range(16))  # 16 lignes : trop longue
    corrige = new_notebook(cells=[
        new_code_cell("import pandas as pd\n\nt = 1"),
        new_code_cell(pret),
        new_code_cell("a = ...\n### BEGIN SOLUTION\na = 1\n\nb = 2\n### END SOLUTION\nverifier('x', a)"),
        new_code_cell("c = ...\n### BEGIN SOLUTION\nc = 3\n### END SOLUTION", metadata=APPROFONDI),
        new_code_cell("fig = 1\nfig2 = 2", metadata={"jupyter": {"source_hidden": True}}),
        new_code_cell("z = 1\nz = 2", metadata=APPROFONDI),
        new_markdown_cell("### BEGIN SOLUTION\nRéponse modèle.\n### END SOLUTION"),
    ])
    cahier = new_notebook(cells=[
        new_code_cell("import pandas as pd\n\nt = 1"),
        new_code_cell(pret),
        new_code_cell("a = ...\n# Écrivez votre code ici\nverifier('x', a)"),
        new_code_cell("c = ...\n# Écrivez votre code ici", metadata=APPROFONDI),
        new_code_cell("fig = 1\nfig2 = 2"),  # métadonnées perdues par le générateur : reprises du corrigé
        new_code_cell("z = 1\nz = 2", metadata=APPROFONDI),
        new_markdown_cell("_Votre réponse ici._"),
        new_code_cell('rediger("00_redaction_1")'),
    ])
    return cahier, corrige


def test_mesures_d_un_petit_cahier() -> None:
    cahier, corrige = _carnets()
    m = mesurer(cahier, corrige, "essai.ipynb", "bts")
    assert (m.exercices_code, m.exercices_verifies, m.redactions, m.redactions_avec_retour) == (2, 1, 1, 1)
    assert m.part_retour == 2 / 3
    assert m.lignes_visibles_coeur == 2 + 16
    assert m.lignes_visibles == 2 + 16 + 2
    assert m.cellules_trop_longues == 1
    assert m.lignes_exercices_coeur == [2]


def test_un_theme_approfondissement_n_a_pas_de_coeur() -> None:
    cahier, corrige = _carnets()
    m = mesurer(cahier, corrige, "essai.ipynb", "approfondissement")
    assert m.lignes_visibles_coeur == 0 and m.lignes_exercices_coeur == []


def test_le_tableau_de_tous_les_cahiers() -> None:
    texte = tableau()
    assert "| 00-prise-en-main.ipynb | bts |" in texte and "| **total** |" in texte


def test_un_formulaire_sans_invite_compte_comme_exercice() -> None:
    corrige = new_notebook(cells=[new_code_cell("x = ...\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION\nverifier('x', x)",
                                                metadata={"grc": {"sans_invite": True}})])
    cahier = new_notebook(cells=[new_code_cell("x = ...\n" * 20 + "verifier('x', x)",
                                               metadata={"grc": {"sans_invite": True}})])
    m = mesurer(cahier, corrige, "essai.ipynb", "bts")
    assert (m.exercices_code, m.exercices_verifies, m.lignes_visibles_coeur) == (1, 1, 0)
