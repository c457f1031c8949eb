"""Le tableau de la classe : un retour gardé par élève, et ses exercices, quiz et rédactions.

Chaque élève de la liste de classe a une ligne de synthèse (« rendu », « rendu illisible » ou
« non rendu ») ; un retour qui ne désigne aucun élève de la liste (ou plusieurs) garde la sienne,
« hors liste », sans être attribué. Deux retours pour le même élève : le plus récent d'après les
dates inscrites dans la progression est gardé, et l'anomalie le dit. Un exercice est « tenté » quand
il a au moins un essai (juste ou faux) et « juste » quand son dernier essai l'est.

>>> import tempfile, pathlib, json
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> p = {"format": 1, "quiz": {"rfm": {"score": 6, "sur": 8, "date": "2026-12-01T10:00:00"}}}
>>> _ = (d / "Léa Martin.json").write_text(json.dumps(p), encoding="utf-8")
>>> r = ramasser(d)
>>> r.quiz[["eleve", "theme", "score", "sur", "note_sur_20"]].values.tolist()
[['Léa Martin', '02', 6, 8, 15.0]]
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from ..qcm.fichiers import Annuaire, cle_nom, sans_accents
from .baremes import baremes_redactions
from .lecture import GRAVITES, Anomalie, Retour, lire_date, lire_dossier
from .noms import identifier, nom_du_retour

__all__ = ["Ramassage", "ramasser"]

STATUTS = ("rendu", "rendu illisible", "non rendu", "hors liste")


@dataclass
class Ramassage:
    """Les tables du ramassage (des ``DataFrame``), une ligne de synthèse par élève.

    ``synthese`` : élève, statut, retour gardé, dernière activité, exercices justes / tentés,
    quiz, rédactions, anomalies, puis une colonne ``theme_NN`` par thème (exercices justes, vide si aucun tenté).
    ``exercices`` : une ligne par élève et cahier. ``quiz`` : une ligne par élève et quiz.
    ``redactions`` : une ligne par élève et question rédigée. ``anomalies`` : tout ce qui a été signalé.
    ``totaux`` : le nombre d'exercices de chaque cahier (thème → nombre).
    """

    synthese: pd.DataFrame
    exercices: pd.DataFrame
    quiz: pd.DataFrame
    redactions: pd.DataFrame
    anomalies: pd.DataFrame
    totaux: dict[str, int]
    dossier: str = ""

    def compte(self) -> dict[str, int]:
        """Le nombre d'élèves de chaque statut (les quatre statuts, même à zéro).

        >>> r = Ramassage(pd.DataFrame({"statut": ["rendu", "non rendu", "rendu"]}), *[pd.DataFrame()] * 4, {})
        >>> r.compte()
        {'rendu': 2, 'rendu illisible': 0, 'non rendu': 1, 'hors liste': 0}
        """
        valeurs = self.synthese["statut"].value_counts()
        return {s: int(valeurs.get(s, 0)) for s in STATUTS}

    def redactions_cote_a_cote(self) -> pd.DataFrame:
        """Les réponses rédigées côte à côte : une ligne par élève ; par question, la réponse, l'auto-évaluation
        « cochés / critères » et, quand le barème du cours est connu, les points auto-évalués.

        >>> import pandas as pd
        >>> r = Ramassage(pd.DataFrame({"eleve": ["A", "B"]}), pd.DataFrame(), pd.DataFrame(),
        ...     pd.DataFrame({"eleve": ["A"], "question": ["10_q1"], "reponse": ["Oui."], "coches": [1],
        ...                   "criteres": [2]}), pd.DataFrame(), {})
        >>> r.redactions_cote_a_cote().values.tolist()
        [['A', 'Oui.', '1 / 2'], ['B', '', '']]
        """
        eleves = list(self.synthese["eleve"])
        if self.redactions.empty:
            return pd.DataFrame({"eleve": eleves})
        table: dict[str, list[Any]] = {"eleve": eleves}
        for question in sorted(self.redactions["question"].unique(), key=_ordre_question):
            lignes = self.redactions[self.redactions["question"] == question].set_index("eleve")
            table[f"{question} · réponse"] = [str(lignes.at[e, "reponse"]) if e in lignes.index else ""
                                              for e in eleves]
            table[f"{question} · auto-évaluation"] = [
                f"{lignes.at[e, 'coches']} / {lignes.at[e, 'criteres']}" if e in lignes.index else "" for e in eleves]
            if "points" in lignes.columns and lignes["points"].notna().any():
                table[f"{question} · points auto-évalués"] = [
                    lignes.at[e, "points"] if e in lignes.index else None for e in eleves]
        return pd.DataFrame(table)

    def resume(self) -> str:
        """Le résumé en français, pour le terminal.

        >>> r = Ramassage(pd.DataFrame({"statut": ["rendu", "non rendu"]}), *[pd.DataFrame()] * 4, {})
        >>> r.resume()
        '2 élève(s) : 1 rendu(s), 1 non rendu(s). Anomalies : aucune.'
        """
        c = self.compte()
        morceaux = [f"{c['rendu']} rendu(s)", f"{c['non rendu']} non rendu(s)"]
        if c["rendu illisible"]:
            morceaux.append(f"{c['rendu illisible']} rendu(s) illisible(s)")
        if c["hors liste"]:
            morceaux.append(f"{c['hors liste']} retour(s) hors liste")
        gravites = self.anomalies["gravite"].value_counts() if not self.anomalies.empty else {}
        anomalies = ", ".join(f"{int(gravites.get(g, 0))} {g}(s)" for g in GRAVITES if gravites.get(g, 0))
        return (f"{len(self.synthese)} élève(s) : {', '.join(morceaux)}. "
                f"Anomalies : {anomalies or 'aucune'}.")


def _ordre_question(question: str) -> tuple[str, int, str]:
    chiffres = "".join(ch if ch.isdigit() else " " for ch in question.split("_", 1)[-1]).split()
    return question.split("_", 1)[0], int(chiffres[-1]) if chiffres else 0, question


# --- Les thèmes et leurs exercices ----------------------------------------------------------------------


@cache
def _exercices_par_theme() -> dict[str, tuple[str, ...]]:
    """Les noms des exercices enregistrés, par thème (pour compter ceux qu'un élève n'a pas tentés)."""
    try:
        from ..exercices import registre

        registre.charger_themes()
        noms = list(registre.EXERCICES)
    except Exception:  # un thème qui ne s'importe pas ne doit pas empêcher de ramasser
        noms = []
    par_theme: dict[str, list[str]] = {}
    for nom in noms:
        par_theme.setdefault(_theme_de(nom), []).append(nom)
    return {t: tuple(n) for t, n in par_theme.items()}


@cache
def _themes() -> dict[str, Any]:
    from ..themes import THEMES

    return {t.numero: t for t in THEMES}


def _theme_de(nom: str) -> str:
    debut = str(nom).split("_", 1)[0]
    return debut if debut.isdigit() else ""


def _theme_fiche(nom: str, fiche: dict[str, Any]) -> str:
    """Le thème d'une fiche (« 02 ») : son champ ``theme`` (même écrit 2), sinon le début de son nom."""
    theme = str(fiche.get("theme") or "").strip()
    if theme.isdigit():
        return theme.zfill(2)
    return theme or _theme_de(nom)


def _texte_critere(critere: Any) -> str:
    """Un critère en texte (une fiche ``{"critere": ..., "points": ...}`` d'un format futur donne son texte)."""
    return str(critere.get("critere", critere)) if isinstance(critere, dict) else str(critere)


def _theme_du_quiz(cle: str) -> str:
    for t in _themes().values():
        if cle in {t.etiquette, t.numero}:
            return t.numero
    if cle == "tous":  # le quiz de révision, qui mêle tous les thèmes
        revision = [t.numero for t in _themes().values() if not t.qcm]
        return revision[-1] if revision else ""
    return ""


def _titre(theme: str) -> str:
    t = _themes().get(theme)
    return t.titre if t else ""


# --- Qui a rendu quoi -------------------------------------------------------------------------------------


def _cle_date(retour: Retour) -> tuple[bool, _dt.datetime]:
    return retour.lisible, retour.derniere_activite or _dt.datetime.min


def _date_lisible(date: _dt.datetime | None) -> str:
    return date.strftime("%d/%m/%Y %H:%M") if date else "date inconnue"


def _garder_le_plus_recent(eleve: str, retours: list[Retour], anomalies: list[Anomalie]) -> Retour:
    """Le retour gardé parmi plusieurs pour un même élève : lisible d'abord, puis le plus récent."""
    ordonnes = sorted(retours, key=_cle_date, reverse=True)
    garde = ordonnes[0]
    details = " ; ".join(f"« {r.source} » (dernière activité {_date_lisible(r.derniere_activite)}"
                         f"{'' if r.lisible else ', illisible'})" for r in ordonnes)
    if not garde.lisible:
        raison = "aucun n'est lisible"
    elif garde.date_interne:
        raison = "le plus récent d'après les dates inscrites dans sa progression"
    else:
        raison = "le plus récent d'après la date de ses fichiers (pas de date dans une progression)"
    egalite = len(ordonnes) > 1 and _cle_date(ordonnes[1]) == _cle_date(garde)
    if egalite:
        raison += " ; dates égales : retenu le premier par ordre alphabétique, vérifiez à la main"
    anomalies.append(Anomalie("attention", ", ".join(r.source for r in ordonnes),
                              f"{len(retours)} retours pour le même élève : {details}",
                              f"gardé « {garde.source} » ({raison}) ; les autres sont écartés", eleve))
    return garde


def _attribuer(retours: list[Retour], classe: Sequence[str] | None,
               anomalies: list[Anomalie]) -> tuple[list[str], dict[str, list[Retour]], dict[str, Retour], set[str]]:
    """(ordre des élèves, élève → ses retours, élève → retour gardé, élèves hors liste)."""
    par_eleve: dict[str, list[Retour]] = {}
    hors_liste: set[str] = set()
    if classe is not None:
        annuaire = Annuaire(classe)
        for retour in retours:
            eleve, probleme = identifier(retour.source, annuaire)
            if eleve is None:
                nom = nom_du_retour(retour.source) or retour.source
                anomalies.append(Anomalie("erreur", retour.source, f"retour non attribué : {probleme}",
                                          "listé « hors liste » en fin de synthèse : renommez le retour au nom de "
                                          "l'élève (ou complétez la liste de classe) puis relancez", nom))
                eleve = nom if nom not in classe else retour.source
                hors_liste.add(eleve)
            par_eleve.setdefault(eleve, []).append(retour)
        ordre = list(classe) + sorted(e for e in par_eleve if e in hors_liste)
    else:
        noms: dict[str, str] = {}
        for retour in retours:
            nom = nom_du_retour(retour.source)
            if not nom:
                anomalies.append(Anomalie("attention", retour.source, "aucun nom d'élève dans le nom du retour",
                                          "gardé sous le nom du fichier : renommez-le au nom de l'élève", ""))
                nom = retour.source
            eleve = noms.setdefault(cle_nom(nom), nom)
            par_eleve.setdefault(eleve, []).append(retour)
        ordre = sorted(par_eleve, key=lambda n: sans_accents(n).lower())
    gardes = {e: (rs[0] if len(rs) == 1 else _garder_le_plus_recent(e, rs, anomalies))
              for e, rs in par_eleve.items()}
    return ordre, par_eleve, gardes, hors_liste


# --- Les tables -------------------------------------------------------------------------------------------


def _lignes_exercices(eleve: str, retour: Retour) -> list[dict[str, Any]]:
    progression = retour.progression or {"exercices": {}, "quiz": {}, "redactions": {}}
    exercices = progression["exercices"]
    par_theme: dict[str, list[dict[str, Any]]] = {}
    for nom, fiche in exercices.items():
        par_theme.setdefault(_theme_fiche(nom, fiche), []).append(fiche)
    copies: dict[str, list[Any]] = {}
    for copie in retour.copies:
        copies.setdefault(copie.theme, []).append(copie)
    themes = set(par_theme) | set(copies) | {_theme_du_quiz(q) for q in progression["quiz"]}
    themes |= {_theme_fiche(n, f) for n, f in progression["redactions"].items()}
    lignes = []
    for theme in sorted(t for t in themes if t):
        fiches = par_theme.get(theme, [])
        tentes = [f for f in fiches if int(f.get("essais") or 0) > 0 and f.get("statut") in ("juste", "faux")]
        justes = sum(f.get("statut") == "juste" for f in tentes)
        connus = _exercices_par_theme().get(theme, ())
        total = len(set(connus) | {n for n, f in exercices.items() if _theme_fiche(n, f) == theme})
        dates = [d for f in fiches if (d := lire_date(f.get("dernier_essai"))) is not None]
        ses_copies = copies.get(theme, [])
        lignes.append({
            "eleve": eleve, "theme": theme, "cahier": _titre(theme), "exercices": total, "tentes": len(tentes),
            "justes": justes, "faux": len(tentes) - justes, "essais": sum(int(f.get("essais") or 0) for f in tentes),
            "reussite": justes / total if total else None,
            "copies": ", ".join(c.nom for c in ses_copies),
            "cellules_executees": sum(c.cellules_executees for c in ses_copies) if ses_copies else None,
            "cellules_code": sum(c.cellules_code for c in ses_copies) if ses_copies else None,
            "dernier_essai": max(dates) if dates else None,
        })
    return lignes


def _lignes_quiz(eleve: str, retour: Retour) -> list[dict[str, Any]]:
    quiz = (retour.progression or {}).get("quiz", {})
    lignes = []
    for cle, fiche in sorted(quiz.items()):
        score, sur = fiche["score"], fiche["sur"]
        meilleur = fiche.get("meilleur", score)
        lignes.append({"eleve": eleve, "quiz": cle, "theme": _theme_du_quiz(cle), "score": score, "sur": sur,
                       "note_sur_20": round(20 * score / sur, 2),
                       "meilleur": meilleur if isinstance(meilleur, int | float) else None,
                       "meilleur_sur": fiche.get("meilleur_sur", sur), "date": lire_date(fiche.get("date"))})
    return lignes


def _lignes_redactions(eleve: str, retour: Retour, anomalies: list[Anomalie]) -> list[dict[str, Any]]:
    redactions = (retour.progression or {}).get("redactions", {})
    lignes = []
    for question, fiche in sorted(redactions.items(), key=lambda x: _ordre_question(x[0])):
        criteres = [_texte_critere(c) for c in fiche.get("criteres", [])]
        coches = [_texte_critere(c) for c in fiche.get("coches", [])]
        inconnus = [c for c in coches if c not in criteres]
        if inconnus:
            anomalies.append(Anomalie("information", retour.source, f"rédaction « {question} » : critère(s) coché(s) "
                                      f"absent(s) de la liste des critères : {', '.join(inconnus)}",
                                      "non comptés", eleve))
        valides = [c for c in criteres if c in coches]
        bareme = baremes_redactions().get(question)
        lignes.append({"eleve": eleve, "question": question, "theme": _theme_fiche(question, fiche),
                       "titre": bareme.titre if bareme else "",
                       "reponse": str(fiche.get("reponse", "")), "coches": len(valides), "criteres": len(criteres),
                       "points": bareme.points(valides) if bareme else None,
                       "points_total": bareme.total if bareme else None,
                       "criteres_coches": " ; ".join(valides),
                       "criteres_non_coches": " ; ".join(c for c in criteres if c not in coches),
                       "date": lire_date(fiche.get("date"))})
    return lignes


_COLONNES = {
    "exercices": ["eleve", "theme", "cahier", "exercices", "tentes", "justes", "faux", "essais", "reussite", "copies",
                  "cellules_executees", "cellules_code", "dernier_essai"],
    "quiz": ["eleve", "quiz", "theme", "score", "sur", "note_sur_20", "meilleur", "meilleur_sur", "date"],
    "redactions": ["eleve", "question", "theme", "titre", "reponse", "coches", "criteres", "points", "points_total",
                   "criteres_coches",
                   "criteres_non_coches", "date"],
    "anomalies": ["gravite", "eleve", "source", "probleme", "suite"],
}


def _table(lignes: list[dict[str, Any]], nom: str) -> pd.DataFrame:
    return pd.DataFrame(lignes, columns=_COLONNES[nom]).astype(object).where(
        lambda t: t.notna(), None) if lignes else pd.DataFrame(columns=_COLONNES[nom])


def ramasser(dossier: str | Path, classe: Sequence[str] | None = None) -> Ramassage:
    """Le tableau de la classe à partir d'un dossier de retours (ou du zip de toute la classe).

    Parameters
    ----------
    dossier : chemin
        Le dossier téléchargé de l'ENT : un zip, un dossier ou un fichier par élève, nommé d'après lui.
    classe : liste de noms, optional
        Les élèves de la classe (« NOM Prénom », par exemple lus par
        :func:`grc.qcm.feuille.lire_classe`). Avec elle, chaque retour est attribué sans deviner, les
        élèves sans retour sont « non rendu » et les retours qui ne désignent personne « hors liste ».

    Returns
    -------
    Ramassage
        Les tables ; lève :class:`~grc.ramassage.lecture.ErreurRamassage` pour un dossier inutilisable.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "DUPONT Marie.zip").write_bytes(b"pas un zip")
    >>> r = ramasser(d, ["DUPONT Marie"])
    >>> r.synthese.loc[0, "statut"], r.anomalies.loc[0, "probleme"]
    ('rendu illisible', "archive zip illisible (ce n'est pas un zip, ou il est incomplet)")
    """
    retours, autres = lire_dossier(dossier)
    anomalies: list[Anomalie] = list(autres)
    ordre, par_eleve, gardes, hors_liste = _attribuer(retours, classe, anomalies)
    for eleve, ses_retours in par_eleve.items():
        for retour in ses_retours:  # les anomalies des retours écartés restent listées
            ecarte = "" if retour is gardes[eleve] else " (retour écarté)"
            anomalies.extend(Anomalie(a.gravite, a.source, a.probleme, a.suite + ecarte, a.eleve or eleve)
                             for a in retour.anomalies)
    synthese, exercices, quiz, redactions = [], [], [], []
    for eleve in ordre:
        retour = gardes.get(eleve)
        if retour is None:
            anomalies.append(Anomalie("attention", "", "aucun retour pour cet élève de la liste", "non rendu", eleve))
            synthese.append({"eleve": eleve, "statut": "non rendu"})
            continue
        ses_exercices = _lignes_exercices(eleve, retour)
        ses_quiz = _lignes_quiz(eleve, retour)
        ses_redactions = _lignes_redactions(eleve, retour, anomalies)
        exercices += ses_exercices
        quiz += ses_quiz
        redactions += ses_redactions
        statut = "hors liste" if eleve in hors_liste else "rendu" if retour.lisible else "rendu illisible"
        ligne: dict[str, Any] = {
            "eleve": eleve, "statut": statut, "retour": retour.source, "derniere_activite": retour.derniere_activite,
            "exercices_justes": sum(e["justes"] for e in ses_exercices),
            "exercices_tentes": sum(e["tentes"] for e in ses_exercices),
            "quiz_faits": len(ses_quiz),
            "quiz_moyenne": (sum(q["score"] / q["sur"] for q in ses_quiz) / len(ses_quiz)) if ses_quiz else None,
            "redactions": len(ses_redactions),
            "criteres_coches": sum(r["coches"] for r in ses_redactions),
            "criteres_total": sum(r["criteres"] for r in ses_redactions),
        }
        ligne.update({f"theme_{e['theme']}": e["justes"] for e in ses_exercices if e["tentes"]})
        synthese.append(ligne)
    table_anomalies = _table([{"gravite": a.gravite, "eleve": a.eleve, "source": a.source, "probleme": a.probleme,
                               "suite": a.suite} for a in anomalies], "anomalies")
    if not table_anomalies.empty:
        table_anomalies = table_anomalies.sort_values(
            "gravite", key=lambda s: s.map(GRAVITES.index), kind="stable").reset_index(drop=True)
    par_eleve = table_anomalies["eleve"].value_counts()
    base = ["eleve", "statut", "retour", "derniere_activite", "exercices_justes", "exercices_tentes", "quiz_faits",
            "quiz_moyenne", "redactions", "criteres_coches", "criteres_total"]
    table_synthese = pd.DataFrame(synthese)
    themes = sorted({c for c in table_synthese.columns if c.startswith("theme_")})
    table_synthese = table_synthese.reindex(columns=base + themes)
    for colonne in ("exercices_justes", "exercices_tentes", "quiz_faits", "redactions", "criteres_coches",
                    "criteres_total"):
        table_synthese[colonne] = table_synthese[colonne].fillna(0).astype(int)
    table_synthese["anomalies"] = [int(par_eleve.get(e, 0)) for e in table_synthese["eleve"]]
    table_synthese = table_synthese.astype(object).where(table_synthese.notna(), None)
    table_synthese["retour"] = table_synthese["retour"].fillna("")
    totaux = {t: len(n) for t, n in _exercices_par_theme().items()}
    return Ramassage(table_synthese, _table(exercices, "exercices"), _table(quiz, "quiz"),
                     _table(redactions, "redactions"), table_anomalies, totaux, str(dossier))
