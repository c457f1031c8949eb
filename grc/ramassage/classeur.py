"""Le classeur ``.xlsx`` du ramassage : synthèse, exercices, quiz, rédactions, anomalies (une feuille chacune).

Les nombres restent de vrais nombres (Excel et LibreOffice les affichent « 15,0 » ou « 75 % » dans
une installation française), les dates de vraies dates (« 02/12/2026 18:00 ») ; largeurs de colonnes
lisibles, en-têtes figés, filtres posés ; les réponses rédigées vont à la ligne dans leur cellule.

>>> import tempfile, pathlib, pandas as pd
>>> from .tableau import Ramassage
>>> r = Ramassage(pd.DataFrame({"eleve": ["A"], "statut": ["non rendu"]}), pd.DataFrame(), pd.DataFrame(),
...               pd.DataFrame(), pd.DataFrame(), {})
>>> chemin = ecrire_classeur(r, pathlib.Path(tempfile.mkdtemp()) / "classe.xlsx")
>>> from openpyxl import load_workbook
>>> load_workbook(chemin).sheetnames
['Synthèse', 'Exercices', 'Quiz', 'Rédactions', 'Anomalies']
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

import pandas as pd

from ..qcm.fichiers import ecriture
from ..qcm.notes import _valeur
from .tableau import Ramassage

__all__ = ["ETIQUETTES", "ecrire_classeur"]

#: Le titre de chaque colonne, en français.
ETIQUETTES = {
    "eleve": "Élève", "statut": "Statut", "retour": "Retour gardé", "derniere_activite": "Dernière activité",
    "exercices_justes": "Exercices justes", "exercices_tentes": "Exercices tentés", "quiz_faits": "Quiz faits",
    "quiz_moyenne": "Quiz (moyenne)", "redactions": "Rédactions", "criteres_coches": "Critères cochés",
    "criteres_total": "Critères (total)", "anomalies": "Anomalies",
    "theme": "Thème", "cahier": "Cahier", "exercices": "Exercices du cahier", "tentes": "Tentés", "justes": "Justes",
    "faux": "Faux", "essais": "Essais", "reussite": "Réussite", "copies": "Copie(s) rendue(s)",
    "cellules_executees": "Cellules exécutées", "cellules_code": "Cellules de code", "dernier_essai": "Dernier essai",
    "quiz": "Quiz", "score": "Score", "sur": "Sur", "note_sur_20": "Note /20", "meilleur": "Meilleur",
    "meilleur_sur": "Meilleur sur", "date": "Date",
    "question": "Question", "titre": "Titre", "points": "Points auto-évalués", "points_total": "Points de la question",
    "reponse": "Réponse", "criteres": "Critères", "criteres_non_coches": "Critères non cochés",
    "gravite": "Gravité", "source": "Retour (fichier ou dossier)", "probleme": "Problème", "suite": "Ce que grc en a fait",
}
_FORMATS = {"points": "0.0#", "points_total": "0.0#", "quiz_moyenne": "0%", "reussite": "0%", "note_sur_20": "0.0", "derniere_activite": "dd/mm/yyyy hh:mm",
            "dernier_essai": "dd/mm/yyyy hh:mm", "date": "dd/mm/yyyy hh:mm"}
_COULEURS_STATUT = {"non rendu": "F8D7DA", "rendu illisible": "FCE5CD", "hors liste": "FFF3CD"}
_COULEURS_GRAVITE = {"erreur": "F8D7DA", "attention": "FFF3CD"}
_LARGES = {"reponse", "probleme", "suite", "criteres_coches", "criteres_non_coches"}


def etiquette(colonne: str, totaux: dict[str, int] | None = None) -> str:
    """Le titre français d'une colonne ; ``theme_02`` devient « Justes 02 (sur 10) ».

    >>> etiquette("quiz_moyenne"), etiquette("theme_02", {"02": 10}), etiquette("10_q1 · réponse")
    ('Quiz (moyenne)', 'Justes 02 (sur 10)', '10_q1 · réponse')
    """
    if colonne.startswith("theme_"):
        numero = colonne.removeprefix("theme_")
        total = (totaux or {}).get(numero)
        return f"Justes {numero}" + (f" (sur {total})" if total else "")
    return ETIQUETTES.get(colonne, colonne)


#: Le plus long texte qu'une cellule d'Excel accepte (32 767 caractères), avec de la marge pour l'avis.
_LONGUEUR_MAX = 32_000


def _cellule(valeur: Any) -> Any:
    """Une valeur prête pour une cellule : texte sans caractères de contrôle, ni trop long.

    >>> _cellule("ligne\\x0b\\x00 suivante"), len(_cellule("x" * 40_000)) < 32_767
    ('ligne suivante', True)
    """
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(valeur, pd.Timestamp):
        valeur = valeur.to_pydatetime()
    valeur = _valeur(valeur)
    if isinstance(valeur, str):
        valeur = ILLEGAL_CHARACTERS_RE.sub("", valeur)
        if len(valeur) > _LONGUEUR_MAX:
            valeur = valeur[:_LONGUEUR_MAX] + f" [… texte coupé : {len(valeur)} caractères en tout]"
    return valeur


def _ecrire_ligne(feuille: Any, valeurs: list[Any]) -> None:
    """Ajoute une ligne ; un texte qui commence par « = » reste du texte (jamais une formule)."""
    rang = feuille.max_row + 1 if feuille.max_row > 1 or feuille["A1"].value is not None else 1
    for j, valeur in enumerate(valeurs, start=1):
        cellule = feuille.cell(rang, j, _cellule(valeur))
        if isinstance(cellule.value, str):
            cellule.data_type = "s"


def _feuille(classeur: Any, titre: str, table: pd.DataFrame, totaux: dict[str, int], colonne_statut: str = "",
             titres: dict[str, str] | None = None) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    feuille = classeur.create_sheet(titre)
    colonnes = list(table.columns)
    _ecrire_ligne(feuille, [(titres or {}).get(c) or etiquette(c, totaux) for c in colonnes])
    for cellule in feuille[1]:
        cellule.font = Font(bold=True)
        cellule.fill = PatternFill("solid", fgColor="DDE4EE")
        cellule.alignment = Alignment(wrap_text=True, vertical="top")
    couleurs = _COULEURS_STATUT if colonne_statut == "statut" else _COULEURS_GRAVITE
    for _, ligne in table.iterrows():
        _ecrire_ligne(feuille, [ligne[c] for c in colonnes])
        couleur = couleurs.get(str(ligne.get(colonne_statut, ""))) if colonne_statut else None
        if couleur:
            for cellule in feuille[feuille.max_row]:
                cellule.fill = PatternFill("solid", fgColor=couleur)
    for j, colonne in enumerate(colonnes, start=1):
        lettre = get_column_letter(j)
        large = colonne in _LARGES or colonne.endswith("· réponse")
        valeurs = [c.value for c in feuille[lettre][1:300]]
        longueurs = [16 if isinstance(v, _dt.datetime) else len(str(v)) for v in valeurs if v is not None]
        largeur = max([min(len(etiquette(colonne, totaux)), 24), *longueurs]) + 2
        feuille.column_dimensions[lettre].width = 50 if large and largeur > 50 else min(40, max(8, largeur))
        format_nombre = _FORMATS.get(colonne) or ("0.0#" if colonne.endswith("· points auto-évalués") else "")
        for cellule in feuille[lettre][1:]:
            if format_nombre and isinstance(cellule.value, int | float | _dt.datetime):
                cellule.number_format = format_nombre
            if large:
                cellule.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cellule.alignment = Alignment(vertical="top")
    feuille.freeze_panes = "B2"
    if colonnes and feuille.max_row > 1:
        feuille.auto_filter.ref = feuille.dimensions


def _titres_questions(ramassage: Ramassage) -> dict[str, str]:
    """« 10_redaction_1 · réponse » → « 10_redaction_1 — Cibler les clients · réponse » (titre du barème)."""
    r = ramassage.redactions
    if r.empty or "titre" not in r.columns:
        return {}
    titres = {q: t for q, t in zip(r["question"], r["titre"], strict=True) if t}
    return {colonne: colonne.replace(" · ", f" — {titres[colonne.split(' · ')[0]]} · ", 1)
            for colonne in ramassage.redactions_cote_a_cote().columns if colonne.split(" · ")[0] in titres}


def ecrire_classeur(ramassage: Ramassage, chemin: str | Path) -> Path:
    """Écrit le classeur du ramassage (feuilles Synthèse, Exercices, Quiz, Rédactions, Anomalies)."""
    from openpyxl import Workbook

    classeur = Workbook()
    classeur.remove(classeur.active)
    t = ramassage.totaux
    _feuille(classeur, "Synthèse", ramassage.synthese, t, colonne_statut="statut")
    _feuille(classeur, "Exercices", ramassage.exercices, t)
    _feuille(classeur, "Quiz", ramassage.quiz, t)
    _feuille(classeur, "Rédactions", ramassage.redactions_cote_a_cote(), t, titres=_titres_questions(ramassage))
    _feuille(classeur, "Anomalies", ramassage.anomalies, t, colonne_statut="gravite")
    with ecriture(chemin) as cible:
        classeur.save(cible)
    return Path(chemin)
