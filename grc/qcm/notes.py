"""Les notes d'un QCM vers les outils de l'établissement : classeur Excel, Pronote, ScoDoc.

- :func:`ecrire_classeur` : un ``.xlsx`` à trois feuilles (notes, analyse des questions,
  anomalies) dont les nombres sont de vrais nombres, au format français à l'affichage
  (Excel et LibreOffice affichent « 12,50 » dans une installation française).
- :func:`ecrire_pronote` : un CSV « ; » (nom, note sur 20 à virgule, « Abs » pour un absent)
  dans l'ordre de la liste de classe, dont la colonne « Note » se colle dans la colonne du
  devoir de Pronote.
- :func:`remplir_scodoc` : la feuille de saisie qu'exporte ScoDoc pour une évaluation,
  remplie (colonne E, « ABS » pour un absent) et prête à être réimportée ; les étudiants y
  sont reconnus par leurs nom et prénom, sans jamais deviner.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

from .fichiers import Annuaire, ErreurFichier, ecrire_csv, ecriture

FORMAT_NOTE = "0.00"
FORMAT_TAUX = "0%"
FORMAT_INDICE = "0.00"

_COLONNES_NOTES = {"eleve": "Élève", "statut": "Statut", "note_sur_20": "Note /20", "points": "Points",
                   "points_max": "Sur", "justes": "Justes", "partielles": "Partielles", "fausses": "Fausses",
                   "sans_reponse": "Sans réponse"}
_COLONNES_QUESTIONS = {"question": "Question", "theme": "Thème", "type": "Type", "copies": "Copies",
                       "taux_reussite": "Réussite", "taux_sans_reponse": "Sans réponse",
                       "discrimination": "Discrimination", "alerte": "Alerte"}
_COLONNES_ANOMALIES = {"ligne": "Ligne", "eleve": "Élève", "question": "Question", "probleme": "Problème"}
_FORMATS = {"Note /20": FORMAT_NOTE, "Points": "0.##", "Sur": "0.##", "Réussite": FORMAT_TAUX,
            "Sans réponse": FORMAT_TAUX, "Discrimination": FORMAT_INDICE}


def _valeur(valeur: object) -> object:
    """Une cellule : None pour NaN, 0.0 pour -0.0, les entiers numpy en int."""
    if valeur is None or (isinstance(valeur, float) and math.isnan(valeur)):
        return None
    if hasattr(valeur, "item"):
        valeur = valeur.item()
    if isinstance(valeur, float):
        return valeur + 0.0
    return valeur


def _feuille(classeur, titre: str, table: pd.DataFrame, colonnes: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    feuille = classeur.create_sheet(titre)
    entetes = [colonnes[c] for c in colonnes if c in table.columns]
    feuille.append(entetes)
    for cellule in feuille[1]:
        cellule.font = Font(bold=True)
        cellule.fill = PatternFill("solid", fgColor="DDE4EE")
    for _, ligne in table.iterrows():
        feuille.append([_valeur(ligne[c]) for c in colonnes if c in table.columns])
    for j, entete in enumerate(entetes, start=1):
        lettre = get_column_letter(j)
        largeur = max([len(str(entete))] + [len(str(c.value or "")) for c in feuille[lettre][1:200]])
        feuille.column_dimensions[lettre].width = min(60, max(9, largeur + 2))
        if entete in _FORMATS and not (titre == "Notes" and entete == "Sans réponse"):
            for cellule in feuille[lettre][1:]:
                if isinstance(cellule.value, int | float):
                    cellule.number_format = _FORMATS[entete]
    feuille.freeze_panes = "B2"


def ecrire_classeur(eleves: pd.DataFrame, questions: pd.DataFrame, anomalies: pd.DataFrame,
                    chemin: str | Path) -> Path:
    """Le classeur des résultats : feuilles « Notes », « Analyse des questions », « Anomalies ».

    Un absent a « ABS » dans la colonne de la note, qui reste numérique pour les autres.
    """
    from openpyxl import Workbook

    notes = eleves.astype(object).where(eleves.notna(), None)
    absents = notes["statut"] == "absent"
    notes.loc[absents, "note_sur_20"] = "ABS"
    for colonne in ("justes", "partielles", "fausses", "sans_reponse"):
        notes.loc[absents, colonne] = None
    classeur = Workbook()
    classeur.remove(classeur.active)
    _feuille(classeur, "Notes", notes, _COLONNES_NOTES)
    _feuille(classeur, "Analyse des questions", questions, _COLONNES_QUESTIONS)
    _feuille(classeur, "Anomalies", anomalies, _COLONNES_ANOMALIES)
    with ecriture(chemin) as cible:
        classeur.save(cible)
    return Path(chemin)


def note_pronote(statut: str, note: float) -> str:
    """La note telle que Pronote l'affiche : « 12,5 », ou « Abs » pour un absent.

    >>> note_pronote("présent", 12.5), note_pronote("présent", 20.0), note_pronote("absent", float("nan"))
    ('12,5', '20', 'Abs')
    """
    if statut == "absent":
        return "Abs"
    return f"{note:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def ecrire_pronote(eleves: pd.DataFrame, chemin: str | Path) -> Path:
    """Le CSV pour Pronote : ``Élève;Note`` dans l'ordre de la liste de classe, note sur 20."""
    lignes = [[e, note_pronote(s, n)] for e, s, n in zip(eleves["eleve"], eleves["statut"], eleves["note_sur_20"],
                                                         strict=True)]
    return ecrire_csv(chemin, ["Élève", "Note"], lignes)


def remplir_scodoc(eleves: pd.DataFrame, feuille_scodoc: str | Path, chemin: str | Path) -> tuple[Path, list[str]]:
    """Remplit la feuille de saisie d'une évaluation ScoDoc (``.xlsx`` exporté par ScoDoc).

    La feuille de ScoDoc a une ligne ``!<évaluation>`` suivie des titres (Nom, Prénom,
    Groupe, « Note sur N », Remarque), puis une ligne par étudiant dont la cellule A vaut
    ``!<etudid>``. La note sur 20 est ramenée sur N ; un absent reçoit « ABS ». Renvoie le
    fichier écrit et les remarques (étudiants de ScoDoc sans note du QCM, laissés vides :
    ScoDoc ne modifie pas une cellule vide). Un élève du QCM introuvable dans la feuille, ou
    un nom ambigu, arrête tout.
    """
    from openpyxl import load_workbook

    source = Path(feuille_scodoc)
    if not source.is_file():
        raise ErreurFichier(f"Feuille ScoDoc introuvable : {source}.")
    try:
        classeur = load_workbook(source)
    except Exception as exc:  # fichier abîmé, ou .xls
        raise ErreurFichier(f"La feuille ScoDoc {source.name} est illisible : téléchargez de nouveau la « feuille "
                            "de saisie » de l'évaluation (format .xlsx) depuis ScoDoc.") from exc
    feuille = classeur.worksheets[0]
    lignes = list(feuille.iter_rows())
    entete = next((i for i, ligne in enumerate(lignes) if str(ligne[0].value or "").startswith("!")), None)
    if entete is None or len(lignes[entete]) < 5:
        raise ErreurFichier(f"{source.name} n'est pas une feuille de saisie ScoDoc : aucune ligne « !code » "
                            "d'évaluation. Dans ScoDoc : l'évaluation, « Saisie des notes », puis "
                            "« Importer / exporter une feuille de saisie ».")
    bareme = re.search(r"(\d+(?:[.,]\d+)?)", str(lignes[entete][4].value or ""))
    note_max = float(bareme.group(1).replace(",", ".")) if bareme else 20.0
    etudiants = {i: " ".join(f"{ligne[1].value or ''} {ligne[2].value or ''}".split())
                 for i, ligne in enumerate(lignes) if i > entete and len(ligne) >= 5
                 and str(ligne[0].value or "").startswith("!")}
    annuaire = Annuaire(list(etudiants.values()))
    notes = {e: (s, n) for e, s, n in zip(eleves["eleve"], eleves["statut"], eleves["note_sur_20"], strict=True)}
    problemes, places = [], {}
    for eleve in notes:
        trouve = annuaire.trouver(eleve)
        if trouve is None:
            ambigus = annuaire.ambigus(eleve)
            problemes.append(f"« {eleve} » " + (f"peut désigner {' ou '.join(ambigus)}" if ambigus else
                                                "n'est pas dans la feuille ScoDoc"))
        else:
            places[trouve] = eleve
    if problemes:
        raise ErreurFichier("Feuille ScoDoc : " + " ; ".join(problemes) + ". Rien n'a été écrit : vérifiez que "
                            "la feuille est celle de ce groupe, ou corrigez les noms dans la liste de classe.")
    remarques = []
    for i, nom in etudiants.items():
        if nom not in places:
            remarques.append(f"{nom} : dans ScoDoc mais pas dans le QCM, note laissée vide (inchangée)")
            continue
        statut, note = notes[places[nom]]
        cellule = lignes[i][4]
        cellule.value = "ABS" if statut == "absent" else round(note * note_max / 20, 2) + 0.0
    with ecriture(chemin) as cible:
        classeur.save(cible)
    return Path(chemin), remarques
