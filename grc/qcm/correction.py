"""Corriger les réponses d'une classe contre le corrigé d'une feuille, et analyser les questions.

Entrées : le corrigé écrit par ``grc qcm feuille`` (une ligne par élève et par
question) et les réponses relevées (CSV ``eleve, question, reponse`` ; la
question est son numéro sur la copie ou son identifiant). Le barème est
réglable : points d'une bonne réponse, d'une fausse (négatif pour pénaliser),
d'une absence de réponse, et crédit partiel pour les questions à plusieurs
réponses.

Rien n'est perdu en silence : une ligne illisible est signalée avec son numéro
(table ``anomalies``) et les autres réponses de l'élève sont notées ; une
question sans réponse compte comme non-réponse.

Analyse par question : le **taux de réussite** (part des copies justes) et
l'**indice de discrimination** D = réussite du groupe fort − réussite du groupe
faible, les groupes étant les 27 % de copies aux meilleurs et aux moins bons
totaux. Une question que les meilleurs ratent plus que les autres (D < 0) est
suspecte : clé fausse, énoncé ambigu.

>>> b = Bareme(bonne=1, fausse=-0.25)
>>> b.points("faux"), b.points("juste"), b.points("vide")
(-0.25, 1.0, 0.0)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .feuille import ENTETE_CORRIGE
from .fichiers import ErreurFichier, ecrire_csv, lignes_csv
from .formats import lire_nombre
from .instance import QuestionTiree, ReponseIllisible

PART_GROUPES = 0.27


@dataclass(frozen=True)
class Bareme:
    """Points d'une réponse juste, fausse ou absente ; ``partiel`` crédite les questions multiples en partie."""

    bonne: float = 1.0
    fausse: float = 0.0
    vide: float = 0.0
    partiel: bool = False

    def points(self, statut: str, fraction: float = 1.0) -> float:
        """Les points d'un statut (``juste``, ``faux``, ``vide``, ``partiel`` avec sa fraction)."""
        if statut == "juste":
            return float(self.bonne)
        if statut == "vide":
            return float(self.vide)
        if statut == "partiel":
            return float(self.bonne) * fraction
        return float(self.fausse)


@dataclass
class Resultats:
    """Les tables de la correction : par élève, par question, le détail et les anomalies."""

    eleves: pd.DataFrame
    questions: pd.DataFrame
    detail: pd.DataFrame
    anomalies: pd.DataFrame = field(default_factory=pd.DataFrame)


def _question_du_corrige(ligne: dict[str, str], numero_ligne: int) -> QuestionTiree:
    genre = ligne["type"]
    if genre not in {"unique", "multiple", "vrai_faux", "numerique"}:
        raise ErreurFichier(f"Corrigé, ligne {numero_ligne} : type de question inconnu « {genre} ».")
    if genre == "numerique":
        valeur, tolerance = lire_nombre(ligne["reponse_attendue"]), lire_nombre(ligne["tolerance"] or "0")
        if valeur is None or tolerance is None:
            raise ErreurFichier(f"Corrigé, ligne {numero_ligne} : valeur attendue ou tolérance illisible.")
        return QuestionTiree(id=ligne["question"], theme=ligne["theme"], type=genre, difficulte=1,
                             section=ligne.get("section", ""), enonce="", explication="", valeur=valeur,
                             tolerance=tolerance)
    nombre_choix = int(ligne["nombre_choix"] or 2)
    modele = QuestionTiree(id=ligne["question"], theme=ligne["theme"], type=genre, difficulte=1, section="",
                           enonce="", explication="", choix=("",) * nombre_choix)
    try:
        bonnes = modele.lire(ligne["reponse_attendue"])
    except ReponseIllisible as exc:
        raise ErreurFichier(f"Corrigé, ligne {numero_ligne} : bonne réponse illisible ({exc}).") from exc
    return QuestionTiree(id=ligne["question"], theme=ligne["theme"], type=genre, difficulte=1,
                         section=ligne.get("section", ""), enonce="", explication="",
                         choix=("",) * nombre_choix, bonnes=bonnes or frozenset())


def lire_corrige(chemin: str | Path) -> dict[str, dict[str, tuple[int, QuestionTiree]]]:
    """Le corrigé : pour chaque élève, sa variante et ses questions par numéro (« 1 ») et par identifiant."""
    entete, lignes = lignes_csv(chemin, ["eleve", "numero", "question", "type", "reponse_attendue"])
    corrige: dict[str, dict[str, tuple[int, QuestionTiree]]] = {}
    for numero_ligne, champs in lignes:
        ligne = dict(zip(entete, (c.strip() for c in champs), strict=False))
        for colonne in ENTETE_CORRIGE:
            ligne.setdefault(colonne, "")
        q = _question_du_corrige(ligne, numero_ligne)
        questions = corrige.setdefault(ligne["eleve"], {})
        rang = int(ligne["numero"])
        questions[str(rang)] = (rang, q)
        questions[q.id.lower()] = (rang, q)
    if not corrige:
        raise ErreurFichier("Le corrigé ne contient aucune ligne.")
    return corrige


def _noter(q: QuestionTiree, brut: str, bareme: Bareme) -> tuple[str, float]:
    lue = q.lire(brut)
    if lue is None:
        return "vide", bareme.points("vide")
    if q.est_juste(lue):
        return "juste", bareme.points("juste")
    if bareme.partiel and q.type == "multiple" and isinstance(lue, frozenset):
        fraction = (len(lue & q.bonnes) - len(lue - q.bonnes)) / len(q.bonnes)
        if fraction > 0:
            return "partiel", bareme.points("partiel", fraction)
    return "faux", bareme.points("faux")


def corriger(corrige: str | Path, reponses: str | Path, bareme: Bareme | None = None) -> Resultats:
    """Note chaque élève du corrigé et analyse chaque question ; les lignes fautives vont dans ``anomalies``."""
    bareme = bareme or Bareme()
    cle = lire_corrige(corrige)
    entete, lignes = lignes_csv(reponses, ["eleve", "question", "reponse"])
    donnees: dict[tuple[str, int], tuple[str, str, float]] = {}
    anomalies: list[dict[str, object]] = []
    for numero_ligne, champs in lignes:
        probleme = _lire_ligne(numero_ligne, champs, entete, cle, bareme, donnees)
        if probleme:
            anomalies.append(probleme)
    detail = _detail(cle, donnees, bareme)
    anomalies += [{"ligne": "", "eleve": e, "question": "", "probleme": "aucune réponse lisible pour cet élève : toutes ses questions comptent comme non répondues"}
                  for e in cle if not any(k[0] == e for k in donnees)]
    eleves = _par_eleve(detail)
    return Resultats(eleves, analyser_questions(detail, eleves), detail,
                     pd.DataFrame(anomalies, columns=["ligne", "eleve", "question", "probleme"]))


def _lire_ligne(numero_ligne: int, champs: list[str], entete: list[str], cle: dict,
                bareme: Bareme, donnees: dict) -> dict[str, object] | None:
    def anomalie(texte: str, eleve: str = "", question: str = "") -> dict[str, object]:
        return {"ligne": numero_ligne, "eleve": eleve, "question": question, "probleme": texte}

    if len(champs) != len(entete):
        partiel = dict(zip(entete, (c.strip() for c in champs), strict=False))
        return anomalie(f"{len(champs)} champ(s) au lieu de {len(entete)} (séparateur ou guillemets ?)",
                        partiel.get("eleve", ""), partiel.get("question", ""))
    ligne = dict(zip(entete, (c.strip() for c in champs), strict=True))
    eleve, question, brut = ligne["eleve"], ligne["question"], ligne["reponse"]
    if eleve not in cle:
        return anomalie("élève absent du corrigé (orthographe du nom ?)", eleve, question)
    trouve = cle[eleve].get(question.lower().removeprefix("q") if question.lower()[1:].isdigit() else question.lower())
    if trouve is None:
        return anomalie("question inconnue pour cet élève (numéro ou identifiant)", eleve, question)
    rang, q = trouve
    if (eleve, rang) in donnees:
        return anomalie("réponse en double pour cette question : la première est gardée", eleve, question)
    try:
        statut, points = _noter(q, brut, bareme)
    except ReponseIllisible as exc:
        return anomalie(f"réponse illisible : {exc} La question compte comme non répondue.", eleve, question)
    donnees[(eleve, rang)] = (brut, statut, points)
    return None


def _detail(cle: dict, donnees: dict, bareme: Bareme) -> pd.DataFrame:
    lignes = []
    for eleve, questions in cle.items():
        for rang, q in sorted({v[0]: v[1] for v in questions.values()}.items()):
            brut, statut, points = donnees.get((eleve, rang), ("", "vide", bareme.points("vide")))
            lignes.append({"eleve": eleve, "numero": rang, "question": q.id, "theme": q.theme, "type": q.type,
                           "reponse": brut, "attendu": q.lettres_bonnes, "statut": statut, "points": points,
                           "points_max": bareme.points("juste")})
    return pd.DataFrame(lignes)


def _par_eleve(detail: pd.DataFrame) -> pd.DataFrame:
    groupes = detail.groupby("eleve", sort=False)
    eleves = pd.DataFrame({
        "points": groupes["points"].sum(),
        "points_max": groupes["points_max"].sum(),
        "justes": groupes["statut"].agg(lambda s: int((s == "juste").sum())),
        "partielles": groupes["statut"].agg(lambda s: int((s == "partiel").sum())),
        "fausses": groupes["statut"].agg(lambda s: int((s == "faux").sum())),
        "sans_reponse": groupes["statut"].agg(lambda s: int((s == "vide").sum())),
    })
    eleves["note_sur_20"] = (20 * eleves["points"] / eleves["points_max"]).clip(lower=0).round(2)
    return eleves.reset_index()


def analyser_questions(detail: pd.DataFrame, eleves: pd.DataFrame) -> pd.DataFrame:
    """Par question : copies, taux de réussite, indice de discrimination (groupes des 27 %) et alerte."""
    ordre = eleves.sort_values(["points", "eleve"], ascending=[False, True])["eleve"].tolist()
    k = max(1, round(PART_GROUPES * len(ordre))) if len(ordre) >= 2 else 0
    forts, faibles = set(ordre[:k]), set(ordre[len(ordre) - k:]) if k else set()
    lignes = []
    for (question, theme, genre), groupe in detail.groupby(["question", "theme", "type"], sort=True):
        justes = groupe["statut"] == "juste"
        taux_fort = justes[groupe["eleve"].isin(forts)].mean() if k else math.nan
        taux_faible = justes[groupe["eleve"].isin(faibles)].mean() if k else math.nan
        discrimination = float(taux_fort - taux_faible) if k else math.nan
        lignes.append({"question": question, "theme": theme, "type": genre, "copies": len(groupe),
                       "taux_reussite": float(justes.mean()),
                       "taux_sans_reponse": float((groupe["statut"] == "vide").mean()),
                       "discrimination": discrimination, "alerte": _alerte(float(justes.mean()), discrimination)})
    return pd.DataFrame(lignes)


def _alerte(taux: float, discrimination: float) -> str:
    if not math.isnan(discrimination) and discrimination < 0:
        return "les meilleurs la ratent plus que les autres : vérifier la clé et l'énoncé"
    if taux >= 0.9:
        return "très facile"
    if taux <= 0.2:
        return "très difficile : vérifier la clé"
    if not math.isnan(discrimination) and discrimination < 0.2:
        return "peu discriminante"
    return ""


def graphique_questions(questions: pd.DataFrame, chemin: str | Path) -> Path:
    """Nuage réussite × discrimination, une étiquette par question, enregistré en PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import seaborn as sns
    from matplotlib.ticker import FuncFormatter

    from grc.graphiques import FORMAT_POURCENT, appliquer_style, nombre_fr

    appliquer_style()
    figure, axe = plt.subplots(figsize=(9, 5.5))
    sns.scatterplot(data=questions, x="taux_reussite", y="discrimination", hue="theme", s=70, ax=axe)
    for _, ligne in questions.iterrows():
        if not math.isnan(ligne["discrimination"]):
            axe.annotate(ligne["question"], (ligne["taux_reussite"], ligne["discrimination"]), fontsize=7,
                         xytext=(3, 3), textcoords="offset points")
    axe.axhline(0.2, color="grey", linestyle="--", linewidth=1)
    axe.axhline(0, color="#b3261e", linewidth=1)
    axe.xaxis.set_major_formatter(FORMAT_POURCENT)
    axe.yaxis.set_major_formatter(FuncFormatter(lambda v, _: nombre_fr(v, 1)))
    axe.set_xlim(-0.05, 1.05)
    axe.set_ylim(-1.05, 1.05)
    axe.set_title("Analyse des questions : réussite et discrimination")
    axe.set_xlabel("Taux de réussite (part des copies justes)")
    axe.set_ylabel("Discrimination (groupe fort − groupe faible)")
    axe.legend(title="Thème", fontsize=8)
    figure.tight_layout()
    chemin = Path(chemin)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(chemin, dpi=110)
    plt.close(figure)
    return chemin


def ecrire_resultats(resultats: Resultats, dossier: str | Path, graphique: bool = True) -> list[Path]:
    """Écrit les CSV (élèves, questions, détail, anomalies) et le graphique dans ``dossier``."""
    dossier = Path(dossier)
    chemins = [
        _ecrire(resultats.eleves, dossier / "scores_eleves.csv"),
        _ecrire(resultats.questions, dossier / "analyse_questions.csv"),
        _ecrire(resultats.detail, dossier / "detail_reponses.csv"),
        _ecrire(resultats.anomalies, dossier / "anomalies.csv"),
    ]
    if graphique and not resultats.questions.empty:
        chemins.append(graphique_questions(resultats.questions, dossier / "analyse_questions.png"))
    return chemins


def _ecrire(table: pd.DataFrame, chemin: Path) -> Path:
    lignes: Sequence[Sequence[object]] = table.astype(object).where(table.notna(), None).values.tolist()
    return ecrire_csv(chemin, list(table.columns), lignes)
