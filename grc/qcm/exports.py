"""Exporter la banque vers les outils des établissements : Moodle XML, GIFT et AMC-TXT.

- **Moodle XML** : une catégorie par thème ; ``multichoice`` (une ou plusieurs
  réponses), ``truefalse`` et ``numerical`` ; un retour (*feedback*) par
  réponse et l'explication en retour général.
- **GIFT** : le format texte de Moodle, mêmes questions et mêmes retours.
- **AMC-TXT** : le format texte d'auto-multiple-choice, pour les QCM papier
  scannés ; une question numérique y devient un choix unique entre la bonne
  valeur et ses pièges calculés.

Une question paramétrée est exportée en ``variantes`` tirages (graines
``graine``, ``graine + 1``...) ; au-delà d'une variante, elles sont rangées dans
une sous-catégorie à leur nom, où Moodle peut tirer une question au hasard.

>>> from grc.qcm.banque import charger_banque
>>> texte = exporter(charger_banque().selectionner("rfm"), "gift")
>>> texte.count("::rfm-001::")
1
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .instance import QuestionTiree, instancier
from .schema import THEMES, Question

FORMATS = ("moodle", "gift", "amc")
EXTENSIONS = {"moodle": "xml", "gift": "gift.txt", "amc": "amc.txt"}
RACINE_CATEGORIE = "$course$/Cours GRC"

#: Fractions (en %) qu'accepte Moodle pour k bonnes réponses sur une question multiple.
_FRACTIONS = {1: "100", 2: "50", 3: "33.33333", 4: "25", 5: "20", 6: "16.66667", 7: "14.28571",
              8: "12.5", 9: "11.11111", 10: "10"}


@dataclass(frozen=True)
class Exportee:
    """Une question tirée, avec la catégorie où la ranger et son nom dans l'export."""

    question: QuestionTiree
    categorie: str
    nom: str


def categorie_theme(theme: str) -> str:
    """Le chemin de catégorie Moodle d'un thème : ``$course$/Cours GRC/02 · Segmenter : la méthode RFM``."""
    numero, titre = THEMES[theme]
    return f"{RACINE_CATEGORIE}/{numero} · {titre}"


def preparer(questions: Iterable[Question], variantes: int = 1, graine: int = 0) -> list[Exportee]:
    """Tire chaque question (sans mélanger les choix) ; ``variantes`` tirages pour une question paramétrée."""
    if variantes < 1:
        raise ValueError("Le nombre de variantes doit être au moins 1.")
    exportees = []
    for q in sorted(questions, key=lambda q: (list(THEMES).index(q.theme), q.id)):
        categorie = categorie_theme(q.theme)
        if not q.variables or variantes == 1:
            exportees.append(Exportee(instancier(q, graine, melanger=False), categorie, q.id))
            continue
        for k in range(variantes):
            exportees.append(Exportee(instancier(q, graine + k, melanger=False), f"{categorie}/{q.id}",
                                      f"{q.id}-v{k + 1}"))
    return exportees


def exporter(questions: Iterable[Question], format: str, variantes: int = 1, graine: int = 0,
             titre: str = "QCM — Cours GRC") -> str:
    """Le texte de l'export au ``format`` demandé (« moodle », « gift » ou « amc »)."""
    exportees = preparer(questions, variantes, graine)
    if format == "moodle":
        return moodle_xml(exportees)
    if format == "gift":
        return gift(exportees)
    if format == "amc":
        return amc_txt(exportees, titre)
    raise ValueError(f"Format d'export inconnu : « {format} ». Formats : {', '.join(FORMATS)}.")


def _decimal(valeur: float) -> str:
    """Un nombre pour Moodle et GIFT : point décimal, sans zéros inutiles."""
    texte = f"{valeur:.6f}".rstrip("0").rstrip(".")
    return "0" if texte == "-0" else texte


def _fraction_multiple(correct: bool, bonnes: int, fausses: int) -> str:
    return _FRACTIONS[bonnes] if correct else "-" + _FRACTIONS[fausses]


# --- Moodle XML ------------------------------------------------------------------------------


def _texte(parent: ET.Element, balise: str, contenu: str, format: str | None = "html") -> ET.Element:
    element = ET.SubElement(parent, balise, {"format": format} if format else {})
    ET.SubElement(element, "text").text = contenu
    return element


def _html(texte: str) -> str:
    echappe = html.escape(texte, quote=False)
    return "<p>" + re.sub(r"`([^`]+)`", r"<code>\1</code>", echappe).replace("\n", "<br>") + "</p>"


def moodle_xml(exportees: Sequence[Exportee]) -> str:
    """Le fichier Moodle XML (``<quiz>``), prêt pour « Banque de questions › Importer »."""
    racine = ET.Element("quiz")
    categorie_courante = None
    for e in exportees:
        if e.categorie != categorie_courante:
            categorie_courante = e.categorie
            bloc = ET.SubElement(racine, "question", {"type": "category"})
            _texte(bloc, "category", e.categorie, format=None)
            _texte(bloc, "info", "<p>Questions du cours de gestion de la relation client (GRC).</p>")
        racine.append(_question_moodle(e))
    ET.indent(racine)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(racine, encoding="unicode") + "\n"


def _question_moodle(e: Exportee) -> ET.Element:
    q = e.question
    genre = {"numerique": "numerical", "vrai_faux": "truefalse"}.get(q.type, "multichoice")
    element = ET.Element("question", {"type": genre})
    _texte(element, "name", e.nom, format=None)
    _texte(element, "questiontext", _html(q.enonce))
    _texte(element, "generalfeedback", _html(f"{q.explication}\n(Leçon : section « {q.section} ».)"))
    ET.SubElement(element, "defaultgrade").text = "1"
    ET.SubElement(element, "penalty").text = "1" if genre == "truefalse" else "0.3333333"
    ET.SubElement(element, "hidden").text = "0"
    ET.SubElement(element, "idnumber").text = e.nom
    {"numerical": _numerique_moodle, "truefalse": _vrai_faux_moodle, "multichoice": _choix_moodle}[genre](element, q)
    etiquettes = ET.SubElement(element, "tags")
    for tag in (f"theme-{q.theme}", f"difficulte-{q.difficulte}", f"section-{q.section}", f"niveau-{q.niveau}"):
        ET.SubElement(ET.SubElement(etiquettes, "tag"), "text").text = tag
    return element


def _choix_moodle(element: ET.Element, q: QuestionTiree) -> None:
    unique = q.type == "unique"
    ET.SubElement(element, "single").text = "true" if unique else "false"
    ET.SubElement(element, "shuffleanswers").text = "true"
    ET.SubElement(element, "answernumbering").text = "ABCD"
    ET.SubElement(element, "showstandardinstruction").text = "1"
    _texte(element, "correctfeedback", "<p>Bonne réponse.</p>")
    _texte(element, "partiallycorrectfeedback", "<p>Réponse en partie juste.</p>")
    _texte(element, "incorrectfeedback", "<p>Réponse fausse : relisez l'explication.</p>")
    ET.SubElement(element, "shownumcorrect")
    bonnes, fausses = len(q.bonnes), len(q.choix) - len(q.bonnes)
    for i, texte in enumerate(q.choix):
        correct = i in q.bonnes
        fraction = ("100" if correct else "0") if unique else _fraction_multiple(correct, bonnes, fausses)
        reponse = _texte(element, "answer", _html(texte))
        reponse.set("fraction", fraction)
        _texte(reponse, "feedback", _html(_retour(q, i)))


def _retour(q: QuestionTiree, i: int) -> str:
    if i in q.bonnes:
        return q.pourquoi[i] or "Oui."
    return q.pourquoi[i] or "Non."


def _vrai_faux_moodle(element: ET.Element, q: QuestionTiree) -> None:
    vrai = 0 in q.bonnes
    for valeur, juste in (("true", vrai), ("false", not vrai)):
        reponse = _texte(element, "answer", valeur, format="moodle_auto_format")
        reponse.set("fraction", "100" if juste else "0")
        _texte(reponse, "feedback", _html("Oui." if juste else "Non."))


def _numerique_moodle(element: ET.Element, q: QuestionTiree) -> None:
    assert q.valeur is not None
    lignes = [(q.valeur, "100", "Oui.")] + [(v, "0", f"Piège : {explication}") for v, explication in q.pieges]
    for valeur, fraction, retour in lignes:
        reponse = _texte(element, "answer", _decimal(valeur), format="moodle_auto_format")
        reponse.set("fraction", fraction)
        _texte(reponse, "feedback", _html(retour))
        ET.SubElement(reponse, "tolerance").text = _decimal(q.tolerance)
    ET.SubElement(element, "unitgradingtype").text = "0"
    ET.SubElement(element, "unitpenalty").text = "0.1000000"
    ET.SubElement(element, "showunits").text = "3"
    ET.SubElement(element, "unitsleft").text = "0"


# --- GIFT ------------------------------------------------------------------------------------


def _gift(texte: str) -> str:
    """Échappe HTML puis GIFT (~ = # { } :) et met le texte sur une ligne."""
    echappe = re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(" ".join(texte.split()), quote=False))
    return re.sub(r"([~=#{}:\\])", r"\\\1", echappe)


def gift(exportees: Sequence[Exportee]) -> str:
    """Le fichier GIFT, une catégorie par thème (``$CATEGORY:``)."""
    blocs = ["// Export GIFT du cours de gestion de la relation client (grc qcm exporter)."]
    categorie_courante = None
    for e in exportees:
        if e.categorie != categorie_courante:
            categorie_courante = e.categorie
            blocs.append(f"$CATEGORY: {e.categorie}")
        blocs.append(_question_gift(e))
    return "\n\n".join(blocs) + "\n"


def _question_gift(e: Exportee) -> str:
    q = e.question
    entete = (f"// {e.nom} · difficulté {q.difficulte} · section {q.section}\n"
              f"::{_gift(e.nom)}::[html]{_gift(q.enonce)} {{")
    general = f"####{_gift(q.explication)}"
    if q.type == "vrai_faux":
        vrai = 0 in q.bonnes
        return f"{entete}{'TRUE' if vrai else 'FALSE'}#{_gift('Non.')}#{_gift('Oui.')}{general}}}"
    if q.est_numerique:
        assert q.valeur is not None
        tol = _decimal(q.tolerance)
        lignes = [f"\t={_decimal(q.valeur)}:{tol}#{_gift('Oui.')}"]
        lignes += [f"\t=%0%{_decimal(v)}:{tol}#{_gift('Piège : ' + expl)}" for v, expl in q.pieges]
        return entete + "#\n" + "\n".join(lignes) + f"\n\t{general}\n}}"
    bonnes, fausses = len(q.bonnes), len(q.choix) - len(q.bonnes)
    lignes = []
    for i, texte in enumerate(q.choix):
        correct = i in q.bonnes
        if q.type == "unique":
            marque = "=" if correct else "~"
        else:
            marque = f"~%{_fraction_multiple(correct, bonnes, fausses)}%"
        lignes.append(f"\t{marque}{_gift(texte)}#{_gift(_retour(q, i))}")
    return entete + "\n" + "\n".join(lignes) + f"\n\t{general}\n}}"


# --- AMC-TXT ---------------------------------------------------------------------------------


_LATEX_CODE = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "#": r"\#", "$": r"\$", "%": r"\%",
               "&": r"\&", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}", "[": "{[}",
               "]": "{]}", "'": r"\textquotesingle{}", '"': r"\textquotedbl{}", "-": "-{}", "<": r"\textless{}",
               ">": r"\textgreater{}", "`": r"\textasciigrave{}"}


def _amc_code(code: str) -> str:
    r"""Un bout de code en LaTeX local d'AMC : chasse fixe, guillemets droits, caractères spéciaux protégés.

    >>> print(_amc_code('t["ca"]'))
    [[\texttt{t{[}\textquotedbl{}ca\textquotedbl{}{]}}]]
    """
    return "[[\\texttt{" + "".join(_LATEX_CODE.get(c, c) for c in code) + "}]]"


def _amc(texte: str) -> str:
    """Un texte AMC-TXT sur une ligne : `code` en chasse fixe ; [ ] et ! passent en LaTeX local."""
    morceaux = re.split(r"`([^`]+)`", " ".join(texte.split()))
    return "".join(_amc_code(m) if i % 2 else re.sub(r"[\[\]!]", lambda x: "[[{" + x.group(0) + "}]]", m)
                   for i, m in enumerate(morceaux))


def amc_txt(exportees: Sequence[Exportee], titre: str = "QCM — Cours GRC") -> str:
    """Le fichier AMC-TXT : un groupe par thème, ``*`` une réponse, ``**`` plusieurs réponses."""
    lignes = [
        "# Export AMC-TXT du cours de gestion de la relation client (grc qcm exporter).",
        f"Title: {_amc(titre)}",
        "Lang: FR",
        "Presentation: Cochez la ou les bonnes réponses. Les questions marquées d'un symbole "
        "particulier peuvent avoir plusieurs bonnes réponses.",
        "ShuffleQuestions: 1",
        "",
    ]
    theme_courant = None
    for e in exportees:
        q = e.question.en_choix_unique()
        if q.theme != theme_courant:
            if theme_courant is not None:
                lignes += ["*)", ""]
            theme_courant = q.theme
            numero, titre_theme = THEMES[q.theme]
            lignes += [f"*( {_amc(numero + ' · ' + titre_theme)}", ""]
        etoiles = "**" if q.type == "multiple" else "*"
        lignes.append(f"# {e.nom} · section {q.section} · {_amc(q.explication)}")
        lignes.append(f"{etoiles}[id={e.nom}] {_amc(q.enonce)}")
        lignes += [f"{'+' if i in q.bonnes else '-'} {_amc(c)}" for i, c in enumerate(q.choix)]
        lignes.append("")
    if theme_courant is not None:
        lignes.append("*)")
    return "\n".join(lignes) + "\n"
