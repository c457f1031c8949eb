"""Les exports relus par des lecteurs indépendants : ElementTree (Moodle XML), pygiftparser (GIFT),
et un contrôleur de la syntaxe AMC-TXT documentée (règles du filtre AMC/Filter/plain.pm)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from grc.cli import main
from grc.qcm import charger_banque, instancier
from grc.qcm.exports import exporter
from grc.qcm.schema import THEMES

BANQUE = charger_banque()
QUESTIONS = BANQUE.questions
PARAMETREES = [q for q in QUESTIONS if q.variables]

#: Les fractions qu'accepte Moodle (question_bank::fraction_options_full), en pourcentage.
FRACTIONS_MOODLE = {100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
                    14.28571, 12.5, 11.11111, 10, 5, 0}


def _fraction_valide(texte: str) -> bool:
    return any(abs(abs(float(texte)) - f) < 1e-4 for f in FRACTIONS_MOODLE)


# --- Moodle XML ------------------------------------------------------------------------------


def _moodle(variantes: int = 1) -> ET.Element:
    return ET.fromstring(exporter(QUESTIONS, "moodle", variantes=variantes).encode("utf-8"))


def test_moodle_xml_structure_de_l_import() -> None:
    racine = _moodle()
    assert racine.tag == "quiz"
    questions = [q for q in racine if q.get("type") != "category"]
    assert len(questions) == len(QUESTIONS)
    assert {q.get("type") for q in questions} == {"multichoice", "truefalse", "numerical"}
    for q in questions:
        nom = q.findtext("name/text")
        assert nom and q.findtext("questiontext/text") and q.find("questiontext").get("format") == "html"
        assert q.findtext("generalfeedback/text"), f"{nom} : explication manquante"
        assert float(q.findtext("defaultgrade")) == 1
        reponses = q.findall("answer")
        assert all(r.find("text") is not None and r.findtext("feedback/text") for r in reponses), nom
        assert all(_fraction_valide(r.get("fraction")) for r in reponses), nom
        {"multichoice": _multichoice, "truefalse": _vrai_faux, "numerical": _numerique}[q.get("type")](q, nom)


def _multichoice(q: ET.Element, nom: str) -> None:
    fractions = [float(r.get("fraction")) for r in q.findall("answer")]
    assert q.findtext("single") in {"true", "false"} and len(fractions) >= 3
    if q.findtext("single") == "true":
        assert sorted(fractions)[-1] == 100 and sum(f == 100 for f in fractions) == 1, nom
    else:
        assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=0.01), nom
        assert all(f < 0 for f in fractions if f <= 0), f"{nom} : une case fausse cochée coûte des points"
    bonne = BANQUE.question(nom)
    textes = ["".join(ET.fromstring(f"<r>{r.findtext('text')}</r>").itertext()) for r in q.findall("answer")]
    attendus = [c.texte.replace("`", "") for c in bonne.choix if c.correct]
    assert [t for t, f in zip(textes, fractions, strict=True) if f > 0] == attendus


def _vrai_faux(q: ET.Element, nom: str) -> None:
    reponses = {r.findtext("text"): float(r.get("fraction")) for r in q.findall("answer")}
    assert set(reponses) == {"true", "false"}
    attendu = "true" if BANQUE.question(nom).reponse else "false"
    assert reponses[attendu] == 100 and sum(reponses.values()) == 100


def _numerique(q: ET.Element, nom: str) -> None:
    reponses = q.findall("answer")
    assert reponses[0].get("fraction") == "100" and all(r.get("fraction") == "0" for r in reponses[1:])
    attendu = instancier(BANQUE.question(nom.split("-v")[0]), 0).valeur
    assert float(reponses[0].findtext("text")) == pytest.approx(attendu, abs=1e-5)
    assert all(float(r.findtext("tolerance")) > 0 for r in reponses)


def test_moodle_une_categorie_par_theme() -> None:
    racine = _moodle()
    categories = [q.findtext("category/text") for q in racine if q.get("type") == "category"]
    assert len(categories) == len(set(categories)) == len(BANQUE.themes())
    courante = None
    for q in racine:
        if q.get("type") == "category":
            courante = q.findtext("category/text")
            assert courante.startswith("$course$/Cours GRC/")
            continue
        theme = BANQUE.question(q.findtext("name/text")).theme
        assert courante.endswith(f"{THEMES[theme][0]} · {THEMES[theme][1]}")


def test_moodle_variantes_dans_une_sous_categorie() -> None:
    racine = _moodle(variantes=3)
    noms = [q.findtext("name/text") for q in racine if q.get("type") != "category"]
    assert len(noms) == len(QUESTIONS) + 2 * len(PARAMETREES)
    q = PARAMETREES[0]
    assert {f"{q.id}-v1", f"{q.id}-v2", f"{q.id}-v3"} <= set(noms)
    sous = [c.findtext("category/text") for c in racine if c.get("type") == "category"]
    assert any(s.endswith("/" + q.id) for s in sous)
    enonces = {c.findtext("questiontext/text") for c in racine if (c.findtext("name/text") or "").startswith(q.id)}
    assert len(enonces) > 1, "les variantes ont des nombres différents"


# --- GIFT ------------------------------------------------------------------------------------


def _valeurs_negatives(q) -> bool:
    """Vrai si la réponse ou un piège chiffré (graine 0, celle de l'export) est négatif."""
    if q.type != "numerique":
        return False
    tiree = instancier(q, 0)
    return tiree.valeur < 0 or any(valeur < 0 for valeur, _ in tiree.pieges)


#: pygiftparser refuse tout nombre négatif dans une réponse numérique (« =-3.8:0.05 »), que GIFT et
#: Moodle acceptent : ces questions-là sont relues par l'expression régulière du test suivant.
LISIBLES_PAR_PYGIFTPARSER = [q for q in QUESTIONS if not _valeurs_negatives(q)]


def test_gift_nombres_negatifs_ecrits_selon_la_syntaxe_gift() -> None:
    negatives = [q for q in QUESTIONS if _valeurs_negatives(q)]
    assert negatives, "aucune question à valeur négative : ce test n'a plus lieu d'être"
    for q in negatives:
        texte = exporter([q], "gift")
        tiree = instancier(q, 0)
        assert re.search(r"\{#\n\t=-?\d+(\.\d+)?:\d+(\.\d+)?#", texte), texte
        for valeur, _ in tiree.pieges:
            assert re.search(rf"=%0%{re.escape(f'{valeur:.6g}')}", texte) or valeur >= 0, texte


def test_gift_relu_par_pygiftparser() -> None:
    parser = pytest.importorskip("pygiftparser.parser")
    texte = exporter(LISIBLES_PAR_PYGIFTPARSER, "gift")
    lues = parser.parseFile(io.StringIO(texte))
    assert len(lues) == len(LISIBLES_PAR_PYGIFTPARSER)
    assert all(q.valid for q in lues)
    for lue in lues:
        q = BANQUE.question(lue.title)
        genre = type(lue.answers).__name__
        assert lue.generalFeedback, f"{q.id} : explication manquante"
        if q.type == "unique":
            assert genre == "SelectSet"
            assert [a.fraction for a in lue.answers.answers].count(100) == 1
        elif q.type == "multiple":
            assert genre == "MultipleChoicesSet"
            assert sum(a.fraction for a in lue.answers.answers if a.fraction > 0) == pytest.approx(100, abs=0.01)
        elif q.type == "vrai_faux":
            assert genre == "TrueFalseSet" and lue.answers.answer is q.reponse
        else:
            assert genre == "NumericAnswerSet"
            premiere = lue.answers.answers[0]
            assert premiere.fraction == 100
            assert premiere.value == pytest.approx(instancier(q, 0).valeur, abs=1e-5)
        if q.type in {"unique", "multiple"}:
            bonnes = [_sans_echappement(a.answer) for a in lue.answers.answers if a.fraction > 0]
            assert bonnes == [c.texte.replace("`", "") for c in q.choix if c.correct]


def _sans_echappement(texte: str) -> str:
    """Le texte d'un choix GIFT relu : échappements GIFT retirés, HTML décodé."""
    import html

    return html.unescape(re.sub(r"</?code>", "", re.sub(r"\\(.)", r"\1", texte)))


def test_gift_categories_par_theme() -> None:
    texte = exporter(QUESTIONS, "gift")
    categories = re.findall(r"^\$CATEGORY: (.+)$", texte, flags=re.MULTILINE)
    assert categories == [f"$course$/Cours GRC/{THEMES[t][0]} · {THEMES[t][1]}" for t in BANQUE.themes()]
    # Moodle n'accepte une ligne $CATEGORY que seule dans son bloc (entre deux lignes vides).
    for bloc in texte.split("\n\n"):
        if "$CATEGORY:" in bloc:
            assert bloc.strip().count("\n") == 0


# --- AMC-TXT ---------------------------------------------------------------------------------

_OPTIONS_AMC = {"title", "presentation", "code", "lang", "font", "boxcolor", "papersize", "answersheettitle",
                "answersheetpresentation", "answersheetcolumns", "completemulti", "separateanswersheet",
                "automarks", "defaultscoringm", "defaultscorings", "l-question", "l-none", "l-name",
                "l-student", "shufflequestions", "columns", "questionblocks", "randomseed", "pages"}


def controler_amc_txt(texte: str) -> list[str]:
    """Relit un fichier AMC-TXT avec les règles du filtre d'AMC ; renvoie les erreurs trouvées."""
    erreurs, question, groupes, ids = [], None, 0, set()

    def fermer() -> None:
        if question is None:
            return
        if len(question["reponses"]) < 2:
            erreurs.append(f"{question['id']} : moins de deux choix")
        if not question["multiple"] and question["reponses"].count(True) != 1:
            erreurs.append(f"{question['id']} : question simple avec {question['reponses'].count(True)} bonne(s)")

    for numero, ligne in enumerate(texte.splitlines(), start=1):
        if re.match(r"^\s*#", ligne) or not ligne.strip():
            continue
        option = re.match(r"^\s*([A-Za-z0-9-]+):\s*(.*)", ligne)
        if option:
            if option.group(1).lower() not in _OPTIONS_AMC:
                erreurs.append(f"ligne {numero} : option inconnue {option.group(1)}")
            fermer()
            question = None
            continue
        groupe = re.match(r"^\s*\*([()])", ligne)
        if groupe:
            groupes += 1 if groupe.group(1) == "(" else -1
            continue
        q = re.match(r"^\s*(\*{1,2})(?:<([^>]*)>)?(?:\[([^]]*)\])?(?:\{([^}]*)\})?\s*(.*)", ligne)
        if q:
            fermer()
            options = dict(o.split("=", 1) for o in (q.group(3) or "").split(",") if "=" in o)
            ident = options.get("id", "")
            if not ident or ident in ids:
                erreurs.append(f"ligne {numero} : identifiant absent ou en double")
            ids.add(ident)
            question = {"id": ident, "multiple": len(q.group(1)) == 2, "reponses": []}
            erreurs += _texte_amc(q.group(5), numero)
            continue
        r = re.match(r"^\s*([+-])(?:\[([^]]*)\])?(?:\{([^}]*)\})?\s*(.*)", ligne)
        if r:
            if question is None:
                erreurs.append(f"ligne {numero} : choix hors d'une question")
                continue
            if r.group(2) is not None or r.group(3) is not None:
                erreurs.append(f"ligne {numero} : texte de choix pris pour une option")
            question["reponses"].append(r.group(1) == "+")
            erreurs += _texte_amc(r.group(4), numero)
            continue
        erreurs.append(f"ligne {numero} : ligne de suite inattendue « {ligne[:40]} »")
    fermer()
    if groupes != 0:
        erreurs.append("groupes *( ... *) non refermés")
    return erreurs


def _texte_amc(texte: str, numero: int) -> list[str]:
    """Hors des blocs [[...]] (LaTeX local), aucun [ ] ni ! qu'AMC interpréterait comme mise en forme ou image."""
    reste = re.sub(r"\[\[(((?!\]\]).)+)\]\]", "", texte)
    return [f"ligne {numero} : caractère spécial non protégé dans « {texte[:40]} »"] if re.search(r"[\[\]!]", reste) \
        else []


def test_amc_txt_syntaxe_documentee() -> None:
    texte = exporter(QUESTIONS, "amc", variantes=2)
    assert controler_amc_txt(texte) == []
    assert len(re.findall(r"^\*{1,2}\[id=", texte, flags=re.MULTILINE)) == len(QUESTIONS) + len(PARAMETREES)
    assert re.search(r"^Lang: FR$", texte, flags=re.MULTILINE)


def test_le_controleur_amc_detecte_les_fautes() -> None:
    fautif = "Title: essai\nNiveau: 3\n*[id=a] Question ?\n+ oui\n+ non\n\n**[id=a] Autre [b] !x!\n- seul\n"
    erreurs = controler_amc_txt(fautif)
    assert any("option inconnue Niveau" in e for e in erreurs)
    assert any("question simple avec 2 bonne(s)" in e for e in erreurs)
    assert any("moins de deux choix" in e for e in erreurs)
    assert any("en double" in e for e in erreurs)
    assert any("non protégé" in e for e in erreurs)


def test_amc_questions_numeriques_en_choix_unique() -> None:
    texte = exporter([BANQUE.question("valeur-007")], "amc")
    bloc = texte.split("*[id=valeur-007]")[1].strip().splitlines()
    choix = [ligne for ligne in bloc[1:] if ligne.startswith(("+", "-"))]
    assert len(choix) == 4 and sum(c.startswith("+") for c in choix) == 1
    bonne = " ".join(instancier(BANQUE.question("valeur-007"), 0).valeur_affichee().split())
    assert next(c for c in choix if c.startswith("+")) == f"+ {bonne}"


def test_amc_code_en_chasse_fixe_et_guillemets_droits() -> None:
    texte = exporter([q for q in QUESTIONS if "`" in q.enonce + "".join(c.texte for c in q.choix)], "amc")
    assert "`" not in texte, "pas d'accent grave littéral : le code passe en \\texttt"
    assert "\\texttt{" in texte and "\\textquotedbl{}" in texte
    assert controler_amc_txt(texte) == []


AMC = shutil.which("auto-multiple-choice")


def _amc(*arguments: str | Path, dossier: Path) -> subprocess.CompletedProcess[str]:
    resultat = subprocess.run(["auto-multiple-choice", "prepare", "--filter", "plain", "--n-copies", "1",
                               "--prefix", f"{dossier}/", "--data", str(dossier / "data"), *map(str, arguments)],
                              capture_output=True, text=True, timeout=900, cwd=dossier)
    assert resultat.returncode == 0, (resultat.stdout + resultat.stderr)[-3000:]
    return resultat


@pytest.mark.skipif(AMC is None, reason="auto-multiple-choice absent : « make test-amc » l'installe et lance ce test")
def test_amc_compile_avec_auto_multiple_choice(tmp_path: Path) -> None:
    """Toute la banque passe dans le vrai auto-multiple-choice : sujet PDF, puis extraction du barème (--mode b).

    L'extraction d'AMC (``scoring.sqlite``) doit retrouver chaque question de la banque, avec
    son nombre de choix et de bonnes réponses ; le texte du sujet montre le code avec des
    guillemets droits, sans accent grave littéral.
    """
    import sqlite3

    import pypdfium2

    (tmp_path / "data").mkdir()
    source = tmp_path / "banque.txt"
    source.write_text(exporter(QUESTIONS, "amc"), encoding="utf-8")
    _amc("--mode", "s", "--out-sujet", tmp_path / "sujet.pdf", "--out-corrige", tmp_path / "corrige.pdf",
         "--out-calage", tmp_path / "calage.xy", source, dossier=tmp_path)
    pdf = pypdfium2.PdfDocument(tmp_path / "sujet.pdf")
    texte = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert len(pdf) >= 20, f"sujet de {len(pdf)} pages pour {len(QUESTIONS)} questions"
    assert "`" not in texte
    code = 'transactions["client_id"].nunique()'
    assert code in "".join(texte.split()), "le code garde ses guillemets droits"
    assert not re.search(r"[“”‘’]client_id", texte)

    _amc("--mode", "b", source, dossier=tmp_path)
    base = sqlite3.connect(tmp_path / "data" / "scoring.sqlite")
    titres = dict(base.execute("SELECT question, title FROM scoring_title"))
    assert sorted(titres.values()) == sorted(q.id for q in QUESTIONS), "chaque question est extraite une fois"
    reponses: dict[str, list[int]] = {}
    for question, correct in base.execute("SELECT question, correct FROM scoring_answer WHERE answer > 0"):
        reponses.setdefault(titres[question], []).append(correct)
    for q in QUESTIONS:
        tiree = instancier(q, 0, melanger=False).en_choix_unique()
        assert len(reponses[q.id]) == len(tiree.choix), q.id
        assert sum(reponses[q.id]) == len(tiree.bonnes), f"{q.id} : nombre de bonnes réponses"


# --- La commande ------------------------------------------------------------------------------


@pytest.mark.parametrize("format_", ["moodle", "gift", "amc"])
def test_commande_exporter(tmp_path: Path, format_: str, capsys: pytest.CaptureFixture[str]) -> None:
    sortie = tmp_path / f"export.{format_}"
    assert main(["qcm", "exporter", "--format", format_, "--themes", "rfm,abc", "--sortie", str(sortie)]) == 0
    attendu = len(BANQUE.selectionner("rfm,abc"))
    assert f"{attendu} question(s) exportée(s)" in capsys.readouterr().out
    assert sortie.stat().st_size > 1000


def test_export_deterministe() -> None:
    assert exporter(QUESTIONS, "moodle", variantes=2) == exporter(QUESTIONS, "moodle", variantes=2)
