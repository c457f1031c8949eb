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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .banque import Banque
from .fichiers import ErreurFichier, ecrire_csv, ecriture, lignes_csv, preparer_dossier
from .formats import html_texte
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
    """Les élèves d'un CSV : colonne ``eleve``, ou ``nom`` (et ``prenom``) ; séparateur « ; » ou « , »."""
    entete, lignes = lignes_csv(chemin, [])
    if "eleve" not in entete and "nom" not in entete:
        raise ErreurFichier(f"La liste de classe doit avoir une colonne « eleve » ou « nom » (colonnes trouvées : "
                            f"{', '.join(entete) or 'aucune'}).")
    eleves: list[str] = []
    for numero, champs in lignes:
        valeurs = dict(zip(entete, (c.strip() for c in champs), strict=False))
        nom = valeurs.get("eleve") or " ".join(v for v in (valeurs.get("nom"), valeurs.get("prenom")) if v)
        if not nom:
            raise ErreurFichier(f"Ligne {numero} de la liste de classe : nom d'élève vide.")
        if nom in eleves:
            raise ErreurFichier(f"Ligne {numero} de la liste de classe : l'élève « {nom} » apparaît deux fois ; "
                                "ajoutez une initiale pour distinguer les homonymes.")
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


def _question_html(numero: int, q: QuestionTiree) -> str:
    genre = _GENRES[q.type]
    if q.est_numerique:
        reponse = (f"<p class='reponse-numerique'>Réponse : <span class='ligne'></span> "
                   f"{html.escape(q.unite)}</p>")
    else:
        reponse = "<ul class='choix'>" + "".join(
            f"<li><span class='case'></span>{LETTRES[j]}. {html_texte(c)}</li>" for j, c in enumerate(q.choix)
        ) + "</ul>"
    return (f"<li class='question'><p>{html_texte(q.enonce)} <span class='genre'>({genre})</span></p>"
            f"{reponse}</li>")


def _copie_html(copie: Copie, titre: str, consignes: str, graine: int) -> str:
    questions = "".join(_question_html(i + 1, q) for i, q in enumerate(copie.questions))
    return (
        "<section class='copie'>"
        "<div class='entete'><div>"
        f"<h1>{html.escape(titre)}</h1>"
        f"<p class='destinataire'>Copie de <b>{html.escape(copie.eleve)}</b> — variante {copie.variante}</p>"
        "</div><div class='case-nom'><p>Nom : </p><p>Prénom : </p><p>Classe : </p></div></div>"
        f"<p class='consignes'>{html.escape(consignes)}</p>"
        f"<ol class='questions'>{questions}</ol>"
        f"<p class='pied'>QCM généré par grc · graine {graine} · variante {copie.variante} · "
        f"{len(copie.questions)} questions</p>"
        "</section>"
    )


def html_feuilles(copies: Sequence[Copie], titre: str, graine: int,
                  consignes: str = "Cochez la case de chaque bonne réponse ; pour une réponse chiffrée, écrivez "
                                   "le nombre sur la ligne. Calculatrice autorisée.") -> str:
    """Le document HTML de toutes les copies, une par page à l'impression."""
    style = (Path(__file__).with_name("feuille.css")).read_text(encoding="utf-8")
    corps = "\n".join(_copie_html(c, titre, consignes, graine) for c in copies)
    return (f"<!DOCTYPE html>\n<html lang='fr'>\n<head>\n<meta charset='utf-8'>\n<title>{html.escape(titre)}</title>\n"
            f"<style>\n{style}</style>\n</head>\n<body>\n{corps}\n</body>\n</html>\n")


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
    """Les fichiers écrits par :func:`ecrire_feuilles`."""

    html: Path
    corrige: Path

    def roles(self) -> dict[str, Path]:
        """Chaque fichier avec ce qu'il faut en faire, pour le message de la commande."""
        return {"Feuilles à imprimer": self.html, "Corrigé pour « grc qcm corriger »": self.corrige}


def ecrire_feuilles(copies: Sequence[Copie], dossier: str | Path, titre: str, graine: int,
                    nom: str = "qcm") -> FichiersQcm:
    """Écrit ``<nom>.html`` (les copies) et ``<nom>_corrige.csv`` dans ``dossier``."""
    dossier = preparer_dossier(dossier)
    with ecriture(dossier / f"{nom}.html") as page:
        page.write_text(html_feuilles(copies, titre, graine), encoding="utf-8")
    corrige = ecrire_csv(dossier / f"{nom}_corrige.csv", ENTETE_CORRIGE, lignes_corrige(copies))
    return FichiersQcm(page, corrige)
