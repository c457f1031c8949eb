"""Le guide de l'année (site/guide-enseignants.md) : à jour avec les thèmes, les exercices et ses totaux."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from grc.themes import THEMES

RACINE = Path(__file__).resolve().parents[1]
GUIDE = (RACINE / "site" / "guide-enseignants.md").read_text(encoding="utf-8")


def _tableau(titre_colonne: str) -> list[list[str]]:
    """Les lignes (cellules) du premier tableau Markdown dont l'en-tête commence par ``titre_colonne``."""
    lignes = GUIDE.splitlines()
    debut = next(i for i, ligne in enumerate(lignes) if ligne.startswith(f"| {titre_colonne} |"))
    corps = []
    for ligne in lignes[debut + 2:]:
        if not ligne.startswith("|"):
            break
        corps.append([c.strip() for c in ligne.strip("|").split("|")])
    return corps


def _heures(texte: str) -> float:
    return 0.0 if texte in {"", "—"} else float(texte.strip("*").replace(",", "."))


@pytest.mark.parametrize("bloc", [
    "Développer la relation client et assurer la vente conseil", "Animer et dynamiser l'offre commerciale",
    "Assurer la gestion opérationnelle", "Manager l'équipe commerciale",
    "Relation client et négociation-vente", "Relation client à distance et digitalisation",
    "Relation client et animation de réseaux",
    "Conduire les actions marketing", "Vendre une offre commerciale", "Communiquer l'offre commerciale",
    "Business développement et management de la relation client",
])
def test_le_guide_nomme_chaque_bloc_et_competence(bloc: str) -> None:
    assert f"« {bloc} »" in " ".join(GUIDE.split())


def test_le_guide_demande_de_verifier_le_referentiel() -> None:
    assert "référentiel" in GUIDE and "Vérifiez-les" in GUIDE


def test_chaque_theme_a_sa_ligne_dans_les_deux_tableaux() -> None:
    programmes = [ligne[0] for ligne in _tableau("thème | BTS MCO")]
    heures = [ligne[0] for ligne in _tableau("thème | leçon (mots)")]
    for t in THEMES:
        assert sum(p.startswith(f"{t.numero} ") for p in programmes) == 1, f"thème {t.numero} : programmes"
        assert sum(h.startswith(f"{t.numero} ") for h in heures) == 1, f"thème {t.numero} : heures"


def test_les_themes_d_approfondissement_sont_hors_du_parcours_bts() -> None:
    for ligne in _tableau("thème | leçon (mots)"):
        numero = ligne[0][:2]
        if numero.isdigit() and next(t for t in THEMES if t.numero == numero).niveau == "approfondissement":
            assert ligne[3] == "—", f"le thème {numero} n'est pas dans le parcours BTS"


def test_les_totaux_d_heures_sont_la_somme_des_lignes() -> None:
    lignes = _tableau("thème | leçon (mots)")
    total = next(ligne for ligne in lignes if "total" in ligne[0])
    detail = [ligne for ligne in lignes if ligne is not total]
    for colonne in (3, 4):
        assert sum(_heures(ligne[colonne]) for ligne in detail) == _heures(total[colonne])
    assert f"Parcours BTS : {total[3].strip('*')} heures" in GUIDE
    assert f"Parcours approfondissement : {total[4].strip('*')} heures" in GUIDE


def test_les_mots_et_exercices_annonces_sont_ceux_du_depot() -> None:
    """L'estimation part de la taille des fichiers : les nombres annoncés suivent ceux du dépôt (à peu près)."""
    for ligne in _tableau("thème | leçon (mots)"):
        numero = ligne[0][:2]
        if not numero.isdigit():
            continue
        t = next(t for t in THEMES if t.numero == numero)
        mots = len((RACINE / t.lecon).read_text(encoding="utf-8").split())
        annonces = int(ligne[1].replace("\u202f", "").replace(" ", ""))
        assert abs(annonces - mots) <= 0.1 * mots, f"thème {numero} : {annonces} mots annoncés, {mots} comptés"
        exercices = set(re.findall(r'verifier\(\s*\\?"(\d\d_\w+)', (RACINE / t.corrige).read_text(encoding="utf-8")))
        assert abs(int(ligne[2]) - len(exercices)) <= 3, f"thème {numero} : {ligne[2]} exercices annoncés"


def test_les_exercices_cites_existent() -> None:
    exercices = set()
    for t in THEMES:
        exercices |= set(re.findall(r'verifier\(\s*\\?"(\d\d_\w+)', (RACINE / t.corrige).read_text(encoding="utf-8")))
    cites = set(re.findall(r"`(\d\d_[a-z0-9_]+)`", GUIDE))
    assert len(cites) >= 30
    assert cites <= exercices, f"exercices cités absents des cahiers : {sorted(cites - exercices)}"


def test_la_page_des_enseignants_renvoie_au_guide() -> None:
    enseignants = (RACINE / "site" / "enseignants.md").read_text(encoding="utf-8")
    assert "{ref}`guide-enseignants`" in enseignants
    assert GUIDE.startswith("(guide-enseignants)=")
    assert "<!-- FICHES -->" in GUIDE


def _heures_du_tableau(colonne: int) -> dict[str, float]:
    return {ligne[0][:2]: _heures(ligne[colonne]) for ligne in _tableau("thème | leçon (mots)")
            if ligne[0][:2].isdigit() and ligne[colonne] != "—"}


@pytest.mark.parametrize("titre, colonne", [("### Parcours BTS", 3), ("### Parcours approfondissement", 4)])
def test_les_seances_reprennent_les_heures_du_tableau(titre: str, colonne: int) -> None:
    section = GUIDE[GUIDE.index(titre):]
    section = section[:section.index("\n#", 1)] if "\n#" in section[1:] else section
    section = section.split("**Préparer les QCM.**")[0]
    vues = {}
    for numero, h, mm in re.findall(r"^\| [^|]+ \| (\d\d) [^|]*\((\d+) h(?: (\d\d))?\) \|", section, flags=re.M):
        vues[numero] = int(h) + int(mm or 0) / 60
    assert vues == _heures_du_tableau(colonne)


def test_les_heures_suivent_la_regle_d_estimation() -> None:
    """Le tableau est celui qu'écrit ``python -m outils.guide --ecrire``.

    Les cahiers changent sans que la page soit réécrite à chaque fois : on tolère un écart de 25 % sur
    le total de chaque parcours (relancer la commande remet la page à jour).
    """
    from outils.guide import total

    lignes = _tableau("thème | leçon (mots)")
    annonce = next(ligne for ligne in lignes if "total" in ligne[0])
    for parcours, colonne in (("bts", 3), ("approfondissement", 4)):
        calcule = total(parcours)
        assert abs(_heures(annonce[colonne]) - calcule) <= 0.25 * calcule, (
            f"parcours {parcours} : {annonce[colonne]} h annoncées, {calcule} h recomptées ; "
            "relancez python -m outils.guide --ecrire")
