"""Les feuilles de QCM d'une classe : une variante par élève, imprimable, et son corrigé CSV.

Tous les élèves ont les mêmes questions (tirées une fois avec la graine),
mais chacun dans un ordre à lui, avec des choix mélangés et, pour les
questions paramétrées, ses propres nombres. La même graine et la même liste
d'élèves redonnent exactement les mêmes feuilles.

>>> from grc.qcm.banque import charger_banque
>>> copies = preparer_copies(["Alice Martin", "Bruno Petit"], charger_banque(), "rfm", nombre=5, graine=7)
>>> [len(c.questions) for c in copies]
[5, 5]
>>> sorted(q.id for q in copies[0].questions) == sorted(q.id for q in copies[1].questions)
True
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .banque import Banque
from .fichiers import (
    ErreurFichier,
    a_colonne_nom,
    cle_nom,
    conseil_separateur,
    ecrire_csv,
    ecriture,
    lire_tableau,
    nom_de_ligne,
    normaliser_entete,
    preparer_dossier,
)
from .formats import html_texte, nombre
from .instance import LETTRES, QuestionTiree, instancier
from .tirage import Tirage, graine_derivee

ENTETE_CORRIGE = ["eleve", "variante", "numero", "question", "theme", "type", "reponse_attendue", "tolerance",
                  "nombre_choix", "section"]
_GENRES = {"unique": "une seule réponse", "vrai_faux": "vrai ou faux", "multiple": "une ou plusieurs réponses",
           "numerique": "réponse chiffrée"}


@dataclass(frozen=True)
class Copie:
    """La variante d'un élève : ses questions dans son ordre, avec ses nombres."""

    eleve: str
    variante: str
    questions: list[QuestionTiree]


def lire_classe(chemin: str | Path) -> list[str]:
    """Les élèves d'une liste de classe (CSV ou ``.xlsx``).

    Colonne ``eleve`` ou « Nom Prénom » en une colonne (l'export de Pronote : « MARTIN Léa »),
    sinon ``nom`` (et ``prenom``). Deux lignes qui désignent le même élève après normalisation
    (casse, accents, ordre nom / prénom) sont refusées : la correction ne saurait pas les distinguer.
    """
    brut, lignes, separateur = lire_tableau(chemin)
    entete = [normaliser_entete(c) for c in brut]
    if not a_colonne_nom(entete):
        raise ErreurFichier(f"La liste de classe doit avoir une colonne « eleve » (ou « Nom Prénom »), ou « nom » "
                            f"et « prenom » (colonnes trouvées : {', '.join(entete) or 'aucune'})."
                            + conseil_separateur(entete, separateur))
    eleves: list[str] = []
    vus: dict[str, tuple[int, str]] = {}
    for numero, champs in lignes:
        nom = nom_de_ligne(entete, champs)
        if not nom:
            raise ErreurFichier(f"Ligne {numero} de la liste de classe : nom d'élève vide.")
        if cle_nom(nom) in vus:
            ligne, autre = vus[cle_nom(nom)]
            raise ErreurFichier(f"Ligne {numero} de la liste de classe : l'élève « {nom} » apparaît deux fois "
                                f"(déjà ligne {ligne} : « {autre} ») ; ajoutez une initiale pour distinguer les "
                                "homonymes.")
        vus[cle_nom(nom)] = (numero, nom)
        eleves.append(nom)
    if not eleves:
        raise ErreurFichier("La liste de classe ne contient aucun élève.")
    return eleves


def code_variante(graine: int, eleve: str) -> str:
    """Un code court imprimé sur la copie pour retrouver sa variante (« V-3F9A2C »)."""
    return "V-" + hashlib.sha256(f"{graine}\x1f{eleve}".encode()).hexdigest()[:6].upper()


def preparer_copies(eleves: Sequence[str], banque: Banque, themes: Iterable[str] | str | None, nombre: int = 10,
                    graine: int = 0, difficultes: Iterable[int] | None = None,
                    numeriques_en_qcm: bool = False) -> list[Copie]:
    """Une copie par élève : mêmes questions, ordre, choix et nombres propres à chacun."""
    selection = banque.tirer(themes, nombre, graine, difficultes)
    copies = []
    for eleve in eleves:
        graine_eleve = graine_derivee(graine, "eleve", eleve)
        ordre = Tirage(graine_eleve).melanger(selection)
        tirees = [instancier(q, graine_eleve) for q in ordre]
        if numeriques_en_qcm:
            tirees = [q.en_choix_unique() for q in tirees]
        copies.append(Copie(eleve, code_variante(graine, eleve), tirees))
    return copies


_MENTION_GENRE = re.compile(r"\s*\((?:une ou )?plusieurs réponses(?: possibles)?\)\s*$", re.IGNORECASE)


def consigne_arrondi(q: QuestionTiree) -> str:
    """Comment arrondir une réponse chiffrée, d'après ses décimales.

    >>> from grc.qcm.instance import QuestionTiree as Q
    >>> consigne_arrondi(Q("x", "rfm", "numerique", 1, "s", "", "", valeur=1.0, decimales=2, unite="€"))
    'arrondie au centième (2 décimales)'
    >>> consigne_arrondi(Q("x", "rfm", "numerique", 1, "s", "", "", valeur=1.0, decimales=0))
    "arrondie à l'unité"
    """
    arrondi = {0: "arrondie à l'unité", 1: "arrondie au dixième (1 décimale)", 2: "arrondie au centième (2 décimales)"}
    return arrondi.get(q.decimales, f"arrondie à {q.decimales} décimales")


def _question_html(numero: int, q: QuestionTiree) -> str:
    enonce = _MENTION_GENRE.sub("", q.enonce)
    if q.est_numerique:
        reponse = (f"<div class='reponse-numerique'>Réponse : <span class='ligne'></span>&nbsp;{html.escape(q.unite)}"
                   f"<span class='arrondi'>— réponse {consigne_arrondi(q)}</span></div>")
    else:
        court = all(len(c) <= 38 for c in q.choix) and len(q.choix) >= 2
        reponse = f"<div class='choix{' court' if court else ''}'>" + "".join(
            f"<div class='choix-ligne'><span class='case'></span><span class='lettre'>{LETTRES[j]}.</span>"
            f"<span class='texte'>{html_texte(c)}</span></div>" for j, c in enumerate(q.choix)
        ) + "</div>"
    return (f"<div class='question'><div class='numero'>{numero}.</div><div class='corps'>"
            f"<p class='enonce'>{html_texte(enonce)} <span class='genre'>({_GENRES[q.type]})</span></p>"
            f"{reponse}</div></div>")


def _copie_html(copie: Copie, titre: str, consignes: str, graine: int, numero: int) -> str:
    questions = "".join(_question_html(i + 1, q) for i, q in enumerate(copie.questions))
    eleve = html.escape(copie.eleve)
    return (
        f"<section class='copie' id='copie-{numero}'>"
        f"<p class='courant'>Copie de {eleve} — variante {copie.variante} (suite)</p>"
        f"<p class='pied'>QCM grc · graine {graine} · variante {copie.variante} · "
        f"{len(copie.questions)} questions</p>"
        "<div class='entete'><div>"
        f"<h1>{html.escape(titre)}</h1>"
        f"<p class='destinataire'>Copie de <b>{eleve}</b> — variante {copie.variante}</p>"
        "</div><div class='case-nom'><p>Nom : </p><p>Prénom : </p><p>Classe : </p></div></div>"
        f"<p class='consignes'>{html.escape(consignes)}</p>"
        f"<div class='questions'>{questions}</div>"
        "</section>"
    )


def _document(titre: str, corps: str, feuille_de_style: str = "feuille.css", recto_verso: bool = False) -> str:
    style = (Path(__file__).with_name(feuille_de_style)).read_text(encoding="utf-8")
    if recto_verso:
        style += "\n.copie { break-before: recto; }\n"
    return (f"<!DOCTYPE html>\n<html lang='fr'>\n<head>\n<meta charset='utf-8'>\n<title>{html.escape(titre)}</title>\n"
            f"<style>\n{style}</style>\n</head>\n<body>\n{corps}\n</body>\n</html>\n")


CONSIGNES = ("Cochez la case de chaque bonne réponse ; pour une réponse chiffrée, écrivez le nombre sur la ligne, "
             "arrondi comme indiqué. Calculatrice autorisée.")


def html_feuilles(copies: Sequence[Copie], titre: str, graine: int, consignes: str = CONSIGNES,
                  recto_verso: bool = False) -> str:
    """Le document HTML de toutes les copies ; chacune commence sur une nouvelle page."""
    corps = "\n".join(_copie_html(c, titre, consignes, graine, i + 1) for i, c in enumerate(copies))
    return _document(titre, corps, recto_verso=recto_verso)


def html_corriges(copies: Sequence[Copie], titre: str, graine: int) -> str:
    """Le corrigé imprimable : pour chaque variante, la bonne réponse de chaque numéro."""
    blocs = []
    for copie in copies:
        lignes = "".join(
            f"<tr><td class='n'>{i}.</td><td class='r'>{html.escape(_reponse_imprimee(q))}</td>"
            f"<td class='id'>{html.escape(q.id)}</td></tr>" for i, q in enumerate(copie.questions, start=1))
        blocs.append(f"<section class='variante'><h2>{html.escape(copie.eleve)} — {copie.variante}</h2>"
                     f"<table><tr><th>n°</th><th>réponse</th><th>question</th></tr>{lignes}</table></section>")
    corps = (f"<h1>Corrigé — {html.escape(titre)}</h1><p class='consignes'>Graine {graine} · {len(copies)} "
             f"variante(s) · réponses chiffrées : valeur attendue et tolérance.</p>" + "".join(blocs))
    return _document(f"Corrigé — {titre}", corps, "corrige.css")


def _reponse_imprimee(q: QuestionTiree) -> str:
    if q.est_numerique:
        return f"{q.valeur_affichee()} ± {nombre(q.tolerance, max(q.decimales, 2))}"
    return " ".join(LETTRES[i] for i in sorted(q.bonnes))


def lignes_corrige(copies: Sequence[Copie]) -> list[list[object]]:
    """Le corrigé : une ligne par élève et par question (colonnes :data:`ENTETE_CORRIGE`)."""
    lignes: list[list[object]] = []
    for copie in copies:
        for i, q in enumerate(copie.questions):
            attendu = q.valeur if q.est_numerique else q.lettres_bonnes
            tolerance = q.tolerance if q.est_numerique else ""
            lignes.append([copie.eleve, copie.variante, i + 1, q.id, q.theme, q.type, attendu, tolerance,
                           len(q.choix), q.section])
    return lignes


def fichiers_existants(dossier: str | Path, nom: str = "qcm") -> list[Path]:
    """Les fichiers d'un QCM déjà écrits dans ``dossier`` (que ``feuille`` ne remplace pas sans --remplacer)."""
    dossier = Path(dossier)
    if not dossier.is_dir():
        return []
    return sorted(p for p in dossier.iterdir() if p.name.startswith(nom) and p.suffix in {".html", ".csv", ".pdf"})


@dataclass(frozen=True)
class FichiersQcm:
    """Les fichiers écrits par :func:`ecrire_feuilles` (PDF absents si WeasyPrint manque)."""

    html: Path
    corrige: Path
    pdf: Path | None = None
    corrige_pdf: Path | None = None
    pages_par_copie: tuple[int, ...] = ()
    probleme_pdf: str = ""

    def roles(self) -> dict[str, Path]:
        """Chaque fichier avec ce qu'il faut en faire, pour le message de la commande."""
        roles = {"Feuilles à imprimer (PDF)": self.pdf, "Corrigé imprimable, par variante (PDF)": self.corrige_pdf,
                 "Feuilles à imprimer depuis le navigateur (HTML)" if self.pdf is None else "Mêmes feuilles en HTML":
                 self.html, "Corrigé pour « grc qcm corriger » (CSV)": self.corrige}
        return {role: chemin for role, chemin in roles.items() if chemin is not None}


class PdfImpossible(RuntimeError):
    """WeasyPrint manque ou ne trouve pas ses bibliothèques (Pango) : le message dit quoi faire."""


def ecrire_pdf(document: str, chemin: Path, ancres: int = 0) -> tuple[int, ...]:
    """Écrit le PDF d'un document HTML avec WeasyPrint ; renvoie le nombre de pages de chaque copie.

    Les copies se repèrent par leurs ancres ``copie-1``, ``copie-2``... (``ancres`` copies).
    """
    try:
        import weasyprint
    except ImportError as exc:
        raise PdfImpossible("WeasyPrint n'est pas installé : pip install \"cours-grc[enseignants]\" "
                            "(ou pip install weasyprint).") from exc
    except OSError as exc:  # Pango introuvable : cas de Windows sans le runtime GTK
        raise PdfImpossible("WeasyPrint ne trouve pas ses bibliothèques (Pango) : sous Windows, installez le "
                            "runtime GTK3 (voir la page des enseignants, « Les feuilles en PDF »).") from exc
    rendu = weasyprint.HTML(string=document, base_url=str(Path(__file__).parent)).render()
    with ecriture(chemin) as cible:
        rendu.write_pdf(cible)
    debuts = [next(i for i, page in enumerate(rendu.pages) if f"copie-{k}" in page.anchors)
              for k in range(1, ancres + 1)]
    fins = [*debuts[1:], len(rendu.pages)]
    return tuple(f - d for d, f in zip(debuts, fins, strict=False))


def ecrire_feuilles(copies: Sequence[Copie], dossier: str | Path, titre: str, graine: int, nom: str = "qcm",
                    pdf: bool = True, recto_verso: bool = False) -> FichiersQcm:
    """Écrit les copies (``<nom>.pdf`` et ``.html``), le corrigé imprimable et le corrigé CSV dans ``dossier``."""
    dossier = preparer_dossier(dossier)
    feuilles = html_feuilles(copies, titre, graine, recto_verso=recto_verso)
    with ecriture(dossier / f"{nom}.html") as page:
        page.write_text(feuilles, encoding="utf-8")
    corrige = ecrire_csv(dossier / f"{nom}_corrige.csv", ENTETE_CORRIGE, lignes_corrige(copies))
    if not pdf:
        return FichiersQcm(page, corrige)
    try:
        pages = ecrire_pdf(feuilles, dossier / f"{nom}.pdf", len(copies))
        ecrire_pdf(html_corriges(copies, titre, graine), dossier / f"{nom}_corrige.pdf")
    except PdfImpossible as exc:
        return FichiersQcm(page, corrige, probleme_pdf=str(exc))
    return FichiersQcm(page, corrige, dossier / f"{nom}.pdf", dossier / f"{nom}_corrige.pdf", pages)
