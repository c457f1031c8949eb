"""Les réponses rédigées : extraites des corrigés, appelées par les cahiers, corrigées par l'élève."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from grc import progression
from grc.redaction import BOUTON, FERME, MOTS_MINIMUM, lire_redactions, rediger
from outils.cahiers import FICHIER_REDACTIONS, INVITE_CADRE, INVITE_TEXTE, texte_redactions

RACINE = Path(__file__).resolve().parent.parent
CAHIERS = sorted((RACINE / "notebooks").glob("*.ipynb"))
REPONSE = ("Je cible les clients à risque qui ont beaucoup dépensé, par email, avec une offre de "
           "reconquête mesurée par un groupe témoin.")


def test_redactions_json_a_jour() -> None:
    assert FICHIER_REDACTIONS.read_text(encoding="utf-8") == texte_redactions(), (
        "course/redactions.json n'est pas à jour : lancez `make cahiers`.")


def test_chaque_reponse_redigee_a_son_modele_et_sa_grille() -> None:
    fiches = lire_redactions()
    assert len(fiches) >= 45
    for nom, fiche in fiches.items():
        assert fiche["modele"] and "BEGIN SOLUTION" not in fiche["modele"], nom
        assert fiche["criteres"], f"{nom} ({fiche['cahier']}) : pas de ligne « **Barème (N points).** »."
        total = sum(c["points"] for c in fiche["criteres"])
        assert abs(total - fiche["points"]) < 1e-9, f"{nom} : critères {total} ≠ barème {fiche['points']}."
        assert "Barème" not in fiche["modele"], nom


@pytest.mark.parametrize("chemin", CAHIERS, ids=lambda p: p.stem)
def test_chaque_reponse_du_cahier_a_sa_cellule_rediger(chemin: Path) -> None:
    cahier = nbformat.read(chemin, as_version=4)
    fiches = lire_redactions()
    assert not any(INVITE_TEXTE in c.source for c in cahier.cells), "deux endroits où écrire : invite restée"
    for i, cellule in enumerate(cahier.cells):
        if cellule.cell_type == "markdown" and INVITE_CADRE in cellule.source:
            suivante = cahier.cells[i + 1]
            nom = suivante.metadata.get("grc", {}).get("redaction")
            assert nom in fiches and suivante.source == f'rediger("{nom}")', f"{chemin.name}, cellule {i}"
    if any(c.metadata.get("grc", {}).get("redaction") for c in cahier.cells):
        assert "from grc.redaction import rediger" in "".join(c.source for c in cahier.cells if c.cell_type == "code")


def test_roue_emporte_redactions() -> None:
    import hatch_build

    assert "course/redactions.json" in hatch_build.MOTIFS


def test_texte_hors_jupyterlab() -> None:
    r = rediger("02_redaction_1")
    bundle = r._repr_mimebundle_()
    assert bundle["text/plain"].startswith("✍️ Question ouverte")
    assert r.fiche["modele"][:40] not in bundle["text/plain"] + bundle.get("text/html", "")
    with pytest.raises(KeyError, match="inconnue"):
        rediger("02_redaction_99")


def _parties(widget):
    titre, zone, compteur, bouton, correction = widget.children
    return zone, compteur, bouton, correction


def test_widget_ecrire_voir_cocher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("ipywidgets")
    monkeypatch.setenv("GRC_TRAVAIL", str(tmp_path))
    monkeypatch.delenv("GRC_PROGRESSION", raising=False)
    monkeypatch.delenv("GRC_REPONSES_MODELES", raising=False)
    r = rediger("10_redaction_1")
    zone, compteur, bouton, correction = _parties(r.widget())
    assert bouton.description == BOUTON and bouton.disabled
    zone.value = "Trop court."
    assert bouton.disabled and f"encore {MOTS_MINIMUM - 2}" in compteur.value
    zone.value = REPONSE
    assert not bouton.disabled
    assert progression.lire_progression(tmp_path)["redactions"]["10_redaction_1"]["reponse"] == REPONSE
    bouton.click()
    lignes = [c for c in correction.children if type(c).__name__ == "HBox"]
    assert len(lignes) == len(r.fiche["criteres"]) >= 2
    lignes[0].children[0].value = True
    fiche = progression.lire_progression(tmp_path)["redactions"]["10_redaction_1"]
    assert fiche["coches"] == [r.fiche["criteres"][0]["critere"]]
    assert fiche["criteres"] == [c["critere"] for c in r.fiche["criteres"]]
    assert "1 critère sur" in correction.children[-1].value
    # rouvert : la réponse et les cases sont reprises, la correction déjà montrée
    zone2, _, _, correction2 = _parties(rediger("10_redaction_1").widget())
    assert zone2.value == REPONSE and correction2.children


def test_widget_ferme_par_le_professeur(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("ipywidgets")
    monkeypatch.setenv("GRC_TRAVAIL", str(tmp_path))
    monkeypatch.setenv("GRC_REPONSES_MODELES", "0")
    zone, compteur, bouton, correction = _parties(rediger("02_redaction_1").widget())
    zone.value = REPONSE
    assert bouton.disabled and bouton.layout.display == "none"
    assert FERME in compteur.value.replace("&#x27;", "'")
    bouton.click()
    assert not correction.children
    assert progression.lire_progression(tmp_path)["redactions"]["02_redaction_1"]["reponse"] == REPONSE


def test_redactions_json_sans_balise() -> None:
    brut = json.loads(FICHIER_REDACTIONS.read_text(encoding="utf-8"))
    assert brut["format"] == 1 and "END SOLUTION" not in json.dumps(brut)
