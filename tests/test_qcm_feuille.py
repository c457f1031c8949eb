"""Les feuilles d'une classe : liste d'élèves, variantes reproductibles et différentes, corrigé CSV."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from grc.cli import main
from grc.qcm import charger_banque, instancier
from grc.qcm.feuille import ENTETE_CORRIGE, ecrire_feuilles, lire_classe, preparer_copies
from grc.qcm.fichiers import ErreurFichier, lignes_csv
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
        ("classe;groupe\nA;1\n", "colonne « eleve » \\(ou « Nom Prénom »\\), ou « nom »"),
        ("eleve\nMARTIN Léa\nLéa Martin\n", "« Léa Martin » apparaît deux fois \\(déjà ligne 2 : « MARTIN Léa »\\)"),
        ("eleve:classe\nAlice:TS1\n", None),
        ("eleve\nAlice\nAlice\n", "Ligne 3 de la liste de classe : l'élève « Alice » apparaît deux fois"),
        ("nom;prenom\nMartin;Léa\n;\nDurand;\n", None),
        ("eleve;groupe\n;A\n", "Ligne 2 de la liste de classe : nom d'élève vide"),
        ("eleve\n", "aucun élève"),
    ],
)
def test_lire_classe_erreurs(tmp_path: Path, texte: str, message: str | None) -> None:
    chemin = _classe(tmp_path, texte)
    if message is None and texte.startswith("eleve:"):
        with pytest.raises(ErreurFichier, match="séparateur n'est pas reconnu \\(caractères vus : :\\)"):
            lignes_csv(chemin, ["eleve"])
        return
    if message is None:
        assert lire_classe(chemin) == ["Martin Léa", "Durand"]
        return
    with pytest.raises(ErreurFichier, match=message):
        lire_classe(chemin)


def test_lire_classe_pronote_tabulation_barre_et_xlsx(tmp_path: Path) -> None:
    """« NOM Prénom » en une colonne (export Pronote), séparateurs tabulation et barre, classeur .xlsx."""
    from openpyxl import Workbook

    attendu = ["MARTIN Léa", "DE LA FONTAINE Jean-Marc"]
    assert lire_classe(_classe(tmp_path, "Élève\tClasse\nMARTIN Léa\tTS1\nDE LA FONTAINE Jean-Marc\tTS1\n")) == attendu
    assert lire_classe(_classe(tmp_path, "Nom Prénom|Né(e) le\nMARTIN Léa|01/02/2008\n"
                                         "DE LA FONTAINE Jean-Marc|03/04/2008\n")) == attendu
    classeur = Workbook()
    classeur.active.append(["Nom", "Prénom", "Classe"])
    classeur.active.append(["MARTIN", "Léa", "TS1"])
    classeur.active.append([None, None, None])
    classeur.active.append(["DE LA FONTAINE", "Jean-Marc", "TS1"])
    classeur.save(tmp_path / "classe.xlsx")
    assert lire_classe(tmp_path / "classe.xlsx") == attendu


@pytest.mark.parametrize(("nom", "contenu", "message"), [
    ("classe.ods", b"PK", "format OpenDocument \\(.ods\\), que grc ne lit pas"),
    ("classe.xls", b"\xd0\xcf", "ancien format Excel"),
    ("classe.csv", b"PK\x03\x04abc", "est un classeur \\(zip\\), pas un CSV"),
    ("classe.xlsx", b"pas un classeur", "Le classeur classe.xlsx est illisible"),
    ("classe.csv", b"", "est vide"),
])
def test_lire_classe_formats_refuses(tmp_path: Path, nom: str, contenu: bytes, message: str) -> None:
    (tmp_path / nom).write_bytes(contenu)
    with pytest.raises(ErreurFichier, match=message):
        lire_classe(tmp_path / nom)


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
        ecrits = ecrire_feuilles(copies, tmp_path / dossier, "Essai", graine, pdf=False)
        return ecrits.html.read_bytes(), ecrits.corrige.read_bytes()

    assert fichiers(7, "a") == fichiers(7, "b")
    assert fichiers(7, "a")[0] != fichiers(8, "c")[0]


def test_html_une_copie_par_page_avec_case_nom(tmp_path: Path) -> None:
    copies = preparer_copies(ELEVES[:3], BANQUE, "abc", nombre=5, graine=3)
    page = ecrire_feuilles(copies, tmp_path, "Contrôle ABC", 3, pdf=False).html
    texte = page.read_text(encoding="utf-8")
    assert texte.count("<section class='copie'") == 3
    assert "break-before: page" in texte and "@page" in texte
    assert texte.count("class='case-nom'") == 3 and "Nom : " in texte
    for copie in copies:
        assert f"Copie de <b>{copie.eleve}</b>" in texte
    assert "<script" not in texte


# --- Le PDF, rendu page par page -------------------------------------------------------------

MM = 72 / 25.4  # points PDF par millimètre


@pytest.fixture(scope="module")
def pdf_classe(tmp_path_factory: pytest.TempPathFactory):
    """Trois copies de 14 questions (numéros à deux chiffres, questions chiffrées et multiples), recto verso."""
    pypdfium2 = pytest.importorskip("pypdfium2")
    copies = preparer_copies(["MARTIN Léa", "DURAND Chloé", "PETIT Bruno"], BANQUE, "valeur,relationnel,rfm",
                             nombre=14, graine=12)
    dossier = tmp_path_factory.mktemp("pdf")
    ecrits = ecrire_feuilles(copies, dossier, "Contrôle GRC — TS1", 12, recto_verso=True)
    assert ecrits.pdf is not None, ecrits.probleme_pdf
    document = pypdfium2.PdfDocument(ecrits.pdf)
    pages = [document[i] for i in range(len(document))]
    textes = [p.get_textpage().get_text_range() for p in pages]
    images = [p.render(scale=50 / 72).to_pil().convert("L") for p in pages]  # 50 points par pouce
    images[0].save(dossier / "page-1.png")
    return copies, ecrits, textes, images, pypdfium2.PdfDocument(ecrits.corrige_pdf)


def test_pdf_chaque_copie_commence_sur_un_recto(pdf_classe) -> None:
    copies, ecrits, textes, _, _ = pdf_classe
    assert len(ecrits.pages_par_copie) == 3 and sum(ecrits.pages_par_copie) == len(textes)
    debut = 0
    for copie, pages in zip(copies, ecrits.pages_par_copie, strict=True):
        assert debut % 2 == 0, "une copie commence sur une page impaire (un recto)"
        assert f"Copie de {copie.eleve}" in textes[debut]
        assert all(copie.variante in textes[debut + k] for k in range(pages) if textes[debut + k].strip()), \
            "chaque page imprimée rappelle la variante"
        suites = [textes[debut + k] for k in range(1, pages) if textes[debut + k].strip()]
        assert all(f"Copie de {copie.eleve} — variante {copie.variante} (suite)" in s for s in suites)
        assert all(re.search(r"^\s*\d+\.", s, flags=re.MULTILINE) for s in suites), \
            "pas de page qui ne porterait que le pied de page"
        debut += pages


def test_pdf_rien_dans_les_marges_laterales(pdf_classe) -> None:
    """Les numéros 10 et plus ne débordent plus dans la marge gauche : bandes de 12 mm blanches."""
    *_, images, _ = pdf_classe
    for numero, image in enumerate(images, start=1):
        largeur, hauteur = image.size
        bande = round(12 * MM * 50 / 72)
        gauche = image.crop((0, 0, bande, hauteur))
        droite = image.crop((largeur - bande, 0, largeur, hauteur))
        assert gauche.getextrema()[0] >= 250 and droite.getextrema()[0] >= 250, f"page {numero} : encre dans la marge"
        assert image.getextrema()[0] < 100 or not image.getbbox(), "la page est imprimée"


def test_pdf_numeros_mentions_et_arrondis(pdf_classe) -> None:
    copies, ecrits, textes, _, _ = pdf_classe
    texte = "\n".join(textes)
    for n in range(1, 15):
        assert len(re.findall(rf"(?m)^{n}\.(?:\s|$)", texte)) == 3, f"le numéro {n}. est imprimé sur chaque copie"
    assert not re.search(r"\bl\d\.", texte), "aucun numéro rogné (« l1. »)"
    multiples = sum(q.type == "multiple" for c in copies for q in c.questions)
    assert multiples and len(re.findall(r"plusieurs\s+réponses", texte)) == multiples, "une seule mention par question"
    numeriques = sum(q.est_numerique for c in copies for q in c.questions)
    assert numeriques and len(re.findall(r"réponse\s+arrondie", texte)) == numeriques


def test_pdf_corrige_par_variante(pdf_classe) -> None:
    copies, *_, corrige = pdf_classe
    texte = "\n".join(corrige[i].get_textpage().get_text_range() for i in range(len(corrige)))
    for copie in copies:
        assert copie.variante in texte and copie.eleve in texte
        premiere = copie.questions[0]
        attendu = premiere.valeur_affichee() if premiere.est_numerique else " ".join(
            "ABCDEFG"[i] for i in sorted(premiere.bonnes))
        assert attendu.replace("\u202f", " ").replace("\xa0", " ") in texte.replace("\u202f", " ").replace("\xa0", " ")


def test_pdf_sans_weasyprint_le_html_reste(tmp_path: Path, monkeypatch, capsys) -> None:
    import builtins

    importer = builtins.__import__

    def sans_weasyprint(nom, *args, **kwargs):
        if nom == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return importer(nom, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", sans_weasyprint)
    classe = _classe(tmp_path, "eleve\nAlice\n")
    assert main(["qcm", "feuille", "--classe", str(classe), "--themes", "rfm", "--nombre", "3",
                 "--sortie", str(tmp_path / "q")]) == 0
    sorties = capsys.readouterr()
    assert "PDF non écrit : WeasyPrint ne trouve pas ses bibliothèques (Pango)" in sorties.err
    assert "runtime GTK3" in sorties.err and (tmp_path / "q" / "qcm.html").is_file()


def test_corrige_conforme_aux_copies(tmp_path: Path) -> None:
    copies = preparer_copies(ELEVES[:4], BANQUE, "tous", nombre=15, graine=9)
    corrige = ecrire_feuilles(copies, tmp_path, "Essai", 9, pdf=False).corrige
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
    for nom in ("qcm.pdf", "qcm_corrige.pdf", "qcm.html", "qcm_corrige.csv"):
        assert (tmp_path / "sortie" / nom).is_file(), nom


def test_commande_feuille_classe_absente(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qcm", "feuille", "--classe", str(tmp_path / "absente.csv")]) == 1
    assert "Erreur : Fichier introuvable" in capsys.readouterr().err
