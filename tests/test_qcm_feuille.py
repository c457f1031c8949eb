"""Les feuilles d'une classe : liste d'élèves, variantes reproductibles et différentes, corrigé CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from grc.cli import main
from grc.qcm import charger_banque, instancier
from grc.qcm.feuille import ENTETE_CORRIGE, ecrire_feuilles, lire_classe, preparer_copies
from grc.qcm.fichiers import ErreurFichier
from grc.qcm.formats import lire_nombre

BANQUE = charger_banque()
ELEVES = [f"Élève {i:02d}" for i in range(12)]


def _classe(tmp_path: Path, texte: str, encodage: str = "utf-8") -> Path:
    chemin = tmp_path / "classe.csv"
    chemin.write_bytes(texte.encode(encodage))
    return chemin


def test_lire_classe_nom_prenom_point_virgule_cp1252(tmp_path: Path) -> None:
    chemin = _classe(tmp_path, "Nom;Prénom\nDurand;Chloé\nMartin;Léa\n", "cp1252")
    assert lire_classe(chemin) == ["Durand Chloé", "Martin Léa"]


def test_lire_classe_colonne_eleve_virgule_bom(tmp_path: Path) -> None:
    chemin = _classe(tmp_path, "\ufeffeleve,groupe\nAlice,A\n\nBruno,B\n")
    assert lire_classe(chemin) == ["Alice", "Bruno"]


@pytest.mark.parametrize(
    ("texte", "message"),
    [
        ("classe;groupe\nA;1\n", "colonne « eleve » ou « nom »"),
        ("eleve\nAlice\nAlice\n", "Ligne 3 de la liste de classe : l'élève « Alice » apparaît deux fois"),
        ("nom;prenom\nMartin;Léa\n;\nDurand;\n", None),
        ("eleve;groupe\n;A\n", "Ligne 2 de la liste de classe : nom d'élève vide"),
        ("eleve\n", "aucun élève"),
    ],
)
def test_lire_classe_erreurs(tmp_path: Path, texte: str, message: str | None) -> None:
    chemin = _classe(tmp_path, texte)
    if message is None:
        assert lire_classe(chemin) == ["Martin Léa", "Durand"]
        return
    with pytest.raises(ErreurFichier, match=message):
        lire_classe(chemin)


def test_lire_classe_encodage_illisible(tmp_path: Path) -> None:
    chemin = tmp_path / "classe.csv"
    chemin.write_bytes(b"eleve\nA\x81\x8d\n")
    with pytest.raises(ErreurFichier, match="ni en UTF-8 ni en Windows-1252"):
        lire_classe(chemin)


def test_memes_questions_pour_tous_mais_variantes_differentes() -> None:
    copies = preparer_copies(ELEVES, BANQUE, "tous", nombre=12, graine=42)
    ensembles = {frozenset(q.id for q in c.questions) for c in copies}
    assert len(ensembles) == 1, "tous les élèves ont les mêmes questions"
    ordres = {tuple(q.id for q in c.questions) for c in copies}
    assert len(ordres) == len(ELEVES), "chaque élève a son ordre"
    assert len({c.variante for c in copies}) == len(ELEVES)


def test_nombres_redessines_par_eleve() -> None:
    copies = preparer_copies(ELEVES, BANQUE, "valeur", nombre=20, graine=1, difficultes=[3])
    enonces = {q.enonce for c in copies for q in c.questions if q.est_numerique}
    parametrees = sum(1 for q in copies[0].questions if q.est_numerique)
    assert parametrees >= 2
    assert len(enonces) > parametrees * len(ELEVES) // 2, "les élèves n'ont pas les mêmes nombres"


def test_feuille_reproductible_et_differente_selon_la_graine(tmp_path: Path) -> None:
    def fichiers(graine: int, dossier: str) -> tuple[bytes, bytes]:
        copies = preparer_copies(ELEVES, BANQUE, "rfm,valeur", nombre=8, graine=graine)
        ecrits = ecrire_feuilles(copies, tmp_path / dossier, "Essai", graine)
        return ecrits.html.read_bytes(), ecrits.corrige.read_bytes()

    assert fichiers(7, "a") == fichiers(7, "b")
    assert fichiers(7, "a")[0] != fichiers(8, "c")[0]


def test_html_une_copie_par_page_avec_case_nom(tmp_path: Path) -> None:
    copies = preparer_copies(ELEVES[:3], BANQUE, "abc", nombre=5, graine=3)
    page = ecrire_feuilles(copies, tmp_path, "Contrôle ABC", 3).html
    texte = page.read_text(encoding="utf-8")
    assert texte.count("<section class='copie'>") == 3
    assert "break-after: page" in texte and "@page" in texte
    assert texte.count("class='case-nom'") == 3 and "Nom : " in texte
    for copie in copies:
        assert f"Copie de <b>{copie.eleve}</b>" in texte
    assert "<script" not in texte


def test_corrige_conforme_aux_copies(tmp_path: Path) -> None:
    copies = preparer_copies(ELEVES[:4], BANQUE, "tous", nombre=15, graine=9)
    corrige = ecrire_feuilles(copies, tmp_path, "Essai", 9).corrige
    lignes = list(csv.DictReader(io.StringIO(corrige.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert list(lignes[0]) == ENTETE_CORRIGE
    assert len(lignes) == 4 * 15
    par_cle = {(ligne["eleve"], int(ligne["numero"])): ligne for ligne in lignes}
    for copie in copies:
        for numero, q in enumerate(copie.questions, start=1):
            ligne = par_cle[(copie.eleve, numero)]
            assert ligne["question"] == q.id
            if q.est_numerique:
                assert lire_nombre(ligne["reponse_attendue"]) == pytest.approx(q.valeur, abs=1e-6)
            else:
                assert ligne["reponse_attendue"] == q.lettres_bonnes
                assert int(ligne["nombre_choix"]) == len(q.choix)


def test_corrige_recalculable_depuis_la_banque() -> None:
    """La valeur attendue d'une copie est celle que la banque recalcule avec la graine de l'élève."""
    from grc.qcm.tirage import graine_derivee

    copies = preparer_copies(["Alice"], BANQUE, "valeur", nombre=20, graine=5, difficultes=[3])
    for q in copies[0].questions:
        if q.est_numerique:
            recalcul = instancier(BANQUE.question(q.id), graine_derivee(5, "eleve", "Alice"))
            assert recalcul.valeur == q.valeur


def test_numeriques_en_qcm() -> None:
    copies = preparer_copies(["Alice"], BANQUE, "valeur", nombre=20, graine=2, numeriques_en_qcm=True)
    assert not any(q.est_numerique for q in copies[0].questions)
    converties = [q for q in copies[0].questions if q.id in {"valeur-007", "valeur-008"}]
    assert converties and all(len(q.choix) >= 3 and len(q.bonnes) == 1 for q in converties)


def test_commande_feuille(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    classe = _classe(tmp_path, "nom;prenom\nMartin;Alice\nPetit;Bruno\n")
    code = main(["qcm", "feuille", "--classe", str(classe), "--themes", "02,04", "--nombre", "6",
                 "--graine", "3", "--difficulte", "1-2", "--sortie", str(tmp_path / "sortie")])
    assert code == 0
    assert "2 copie(s) de 6 question(s)" in capsys.readouterr().out
    assert (tmp_path / "sortie" / "qcm.html").is_file() and (tmp_path / "sortie" / "qcm_corrige.csv").is_file()


def test_commande_feuille_classe_absente(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qcm", "feuille", "--classe", str(tmp_path / "absente.csv")]) == 1
    assert "Erreur : Fichier introuvable" in capsys.readouterr().err
