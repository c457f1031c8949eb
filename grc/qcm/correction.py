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
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .feuille import ENTETE_CORRIGE
from .fichiers import (
    COLONNES_NOM_COMPLET,
    Annuaire,
    ErreurFichier,
    a_colonne_nom,
    ecrire_csv,
    ecriture,
    lignes_csv,
    lire_tableau,
    nom_de_ligne,
    normaliser_entete,
    verifier_colonnes,
)
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
            return float(self.bonne) * fraction + 0.0
        return float(self.fausse) + 0.0  # + 0.0 : jamais de « -0 » dans les fichiers


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
    """Le corrigé : pour chaque élève, ses questions par numéro (« 1 ») et par identifiant (« rfm-007 »)."""
    entete, lignes = lignes_csv(chemin, ["eleve", "numero", "question", "type", "reponse_attendue"],
                                role="Donnez avec --corrige le fichier *_corrige.csv écrit par « grc qcm feuille ».")
    corrige: dict[str, dict[str, tuple[int, QuestionTiree]]] = {}
    for numero_ligne, champs in lignes:
        ligne = dict(zip(entete, (c.strip() for c in champs), strict=False))
        for colonne in ENTETE_CORRIGE:
            ligne.setdefault(colonne, "")
        q = _question_du_corrige(ligne, numero_ligne)
        questions = corrige.setdefault(ligne["eleve"], {})
        if not ligne["numero"].isdigit():
            raise ErreurFichier(f"Corrigé, ligne {numero_ligne} : numéro de question illisible « {ligne['numero']} ».")
        rang = int(ligne["numero"])
        questions[str(rang)] = (rang, q)
        questions[q.id.lower()] = (rang, q)
    if not corrige:
        raise ErreurFichier("Le corrigé ne contient aucune ligne.")
    return corrige


@dataclass(frozen=True)
class Releve:
    """Une réponse relevée : ligne du fichier, nom tel qu'écrit, question (numéro ou identifiant), réponse."""

    ligne: int
    nom: str
    question: str
    reponse: str


class ErreurNoms(ErreurFichier):
    """Des noms du fichier de réponses qui ne désignent aucun élève du corrigé, ou plusieurs."""

    def __init__(self, problemes: list[str], aucun: bool) -> None:
        self.problemes = problemes
        entete = ("Aucun nom du fichier de réponses ne correspond à un élève du corrigé"
                  if aucun else f"{len(problemes)} nom(s) du fichier de réponses ne désignent pas un seul élève "
                  "du corrigé")
        suite = ("vérifiez que les réponses sont celles de ce QCM (même classe, même corrigé)." if aucun else
                 "corrigez ces noms dans le fichier de réponses (rien n'a été noté : une note donnée au mauvais "
                 "élève serait la pire erreur), ou relancez avec --ignorer-inconnus pour noter les autres et "
                 "laisser ces lignes de côté.")
        super().__init__(f"{entete} :\n" + "\n".join(f"  - {p}" for p in problemes) + f"\nQue faire : {suite}")


_QUESTION_COLONNE = re.compile(r"^(?:q|question)?_?0*(\d+)$")


def lire_reponses(chemin: str | Path, cle: dict[str, dict[str, tuple[int, QuestionTiree]]]) -> tuple[list[Releve], list[str]]:
    """Les réponses relevées, en lignes (``eleve, question, reponse``) ou en colonnes (``eleve, Q1, Q2...``).

    Le format en colonnes est celui d'un tableur ou d'un lecteur optique : une ligne par
    élève, une colonne par question (``Q1``, ``1``, ``Question 1`` ou l'identifiant de la
    question). Le nom est dans ``eleve`` (ou « Nom Prénom »), ou dans ``nom`` et ``prenom``.
    Renvoie aussi les remarques sur le fichier (colonnes ignorées).
    """
    brut, lignes, separateur = lire_tableau(chemin)
    entete = [normaliser_entete(c) for c in brut]
    role = ("Attendu : une ligne par réponse (colonnes eleve, question, reponse) ou une ligne par élève "
            "(colonne eleve, ou nom et prenom, puis Q1, Q2...).")
    if "question" in entete and "reponse" in entete:
        verifier_colonnes(chemin, entete, ["eleve"] if "nom" not in entete else [], separateur, role)
        releves = []
        for numero, champs in lignes:
            valeurs = dict(zip(entete, (c.strip() for c in champs), strict=False))
            if len(champs) != len(entete):
                releves.append(Releve(numero, nom_de_ligne(entete, champs), valeurs.get("question", ""),
                                      f"\x00{len(champs)}"))
                continue
            releves.append(Releve(numero, nom_de_ligne(entete, champs), valeurs["question"], valeurs["reponse"]))
        return releves, []
    identifiants = {q.id.lower(): q for questions in cle.values() for _, q in questions.values()}
    colonnes: dict[int, str] = {}
    ignorees = []
    for i, (nom, normalise) in enumerate(zip(brut, entete, strict=True)):
        numero = _QUESTION_COLONNE.match(normalise)
        if numero:
            colonnes[i] = numero.group(1)
        elif str(nom).strip().lower() in identifiants:
            colonnes[i] = str(nom).strip().lower()
        elif normalise not in {"nom", "prenom", *COLONNES_NOM_COMPLET} and normalise:
            ignorees.append(str(nom).strip())
    if not colonnes or not a_colonne_nom(entete):
        verifier_colonnes(chemin, entete, ["eleve", "question", "reponse"], separateur, role)
    releves = []
    for numero, champs in lignes:
        nom = nom_de_ligne(entete, champs)
        for i, question in colonnes.items():
            valeur = champs[i].strip() if i < len(champs) else ""
            releves.append(Releve(numero, nom, question, valeur))
    remarques = [f"colonne(s) ignorée(s) dans {Path(chemin).name} : {', '.join(ignorees)}"] if ignorees else []
    return releves, remarques


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


def corriger(corrige: str | Path, reponses: str | Path, bareme: Bareme | None = None,
             ignorer_inconnus: bool = False, copies_blanches: Sequence[str] = ()) -> Resultats:
    """Note chaque élève du corrigé et analyse chaque question ; les lignes fautives vont dans ``anomalies``.

    Un élève du corrigé sans aucune réponse est **absent** (ABS) : hors de la moyenne et de
    l'analyse des questions, sauf s'il est nommé dans ``copies_blanches`` (copie rendue
    vide : il reçoit les points d'une non-réponse). Un nom du fichier de réponses qui ne
    désigne pas exactement un élève arrête la correction (:class:`ErreurNoms`), sauf avec
    ``ignorer_inconnus`` : ses lignes vont alors dans les anomalies.
    """
    bareme = bareme or Bareme()
    cle = lire_corrige(corrige)
    annuaire = Annuaire(list(cle))
    releves, remarques = lire_reponses(reponses, cle)
    if not releves:
        raise ErreurFichier(f"Le fichier de réponses {Path(reponses).name} ne contient aucune réponse (en-tête "
                            "seul ?) : relevez les réponses, puis relancez.")
    anomalies: list[dict[str, object]] = [{"ligne": "", "eleve": "", "question": "", "probleme": r}
                                          for r in remarques]
    problemes = _noms_a_probleme(releves, annuaire)
    reconnus = {annuaire.trouver(r.nom) for r in releves} - {None}
    if problemes and (not ignorer_inconnus or not reconnus):
        raise ErreurNoms(problemes, aucun=not reconnus)
    blanches = []
    for nom in copies_blanches:
        trouve = annuaire.trouver(nom)
        if trouve is None:
            raise ErreurFichier(f"--copie-blanche « {nom} » : aucun élève de ce nom dans le corrigé"
                                + _suggestion(annuaire, nom) + ".")
        blanches.append(trouve)
    donnees: dict[tuple[str, int], tuple[str, str, float]] = {}
    repondu: set[str] = set()
    for r in releves:
        probleme = _lire_releve(r, cle, annuaire, bareme, donnees, repondu)
        if probleme:
            anomalies.append(probleme)
    absents = [e for e in cle if e not in repondu and e not in blanches]
    detail = _detail(cle, donnees, bareme, absents)
    eleves = _par_eleve(detail, list(cle), absents)
    presents = eleves[eleves["statut"] == "présent"]
    anomalies += [{"ligne": "", "eleve": e, "question": "",
                   "probleme": "absent : aucune réponse relevée ; noté ABS, hors de la moyenne et de l'analyse "
                               "(copie rendue blanche ? relancez avec --copie-blanche)"} for e in absents]
    return Resultats(eleves, analyser_questions(detail[~detail["eleve"].isin(absents)], presents), detail,
                     pd.DataFrame(anomalies, columns=["ligne", "eleve", "question", "probleme"]))


def _suggestion(annuaire: Annuaire, nom: str) -> str:
    proches = annuaire.proches(nom)
    return f" (noms proches dans la classe : {', '.join(proches)})" if proches else ""


def _noms_a_probleme(releves: Sequence[Releve], annuaire: Annuaire) -> list[str]:
    problemes: dict[str, str] = {}
    for r in releves:
        if r.nom in problemes or annuaire.trouver(r.nom) is not None:
            continue
        if not r.nom:
            problemes[r.nom] = f"ligne {r.ligne} : nom d'élève vide"
            continue
        ambigus = annuaire.ambigus(r.nom)
        if ambigus:
            problemes[r.nom] = (f"« {r.nom} » (ligne {r.ligne}) est ambigu : il peut désigner "
                                f"{' ou '.join(ambigus)} ; écrivez le nom exactement comme dans le corrigé")
        else:
            problemes[r.nom] = f"« {r.nom} » (ligne {r.ligne}) n'est pas dans le corrigé{_suggestion(annuaire, r.nom)}"
    return list(problemes.values())


def _lire_releve(r: Releve, cle: dict, annuaire: Annuaire, bareme: Bareme, donnees: dict,
                 repondu: set[str]) -> dict[str, object] | None:
    def anomalie(texte: str, eleve: str = r.nom) -> dict[str, object]:
        return {"ligne": r.ligne, "eleve": eleve, "question": r.question, "probleme": texte}

    eleve = annuaire.trouver(r.nom)
    if eleve is None:
        return anomalie("nom absent du corrigé ou ambigu : ligne laissée de côté (--ignorer-inconnus)")
    if r.reponse.startswith("\x00"):
        repondu.add(eleve)
        return anomalie(f"{r.reponse[1:]} champ(s) au lieu de 3 (séparateur ou guillemets ?)", eleve)
    question = r.question.strip().lower()
    numero = _QUESTION_COLONNE.match(question)
    trouve = cle[eleve].get(numero.group(1) if numero else question)
    if trouve is None:
        return anomalie("question inconnue pour cet élève (numéro ou identifiant)", eleve)
    rang, q = trouve
    if r.reponse.strip():
        repondu.add(eleve)
    if (eleve, rang) in donnees:
        if not r.reponse.strip():
            return None
        if donnees[(eleve, rang)][1] == "vide" and donnees[(eleve, rang)][0] == "":
            del donnees[(eleve, rang)]
        else:
            return anomalie("réponse en double pour cette question : la première est gardée", eleve)
    try:
        statut, points = _noter(q, r.reponse, bareme)
    except ReponseIllisible as exc:
        repondu.add(eleve)
        return anomalie(f"réponse illisible : {exc} La question compte comme non répondue.", eleve)
    donnees[(eleve, rang)] = (r.reponse, statut, points)
    return None


def _detail(cle: dict, donnees: dict, bareme: Bareme, absents: Sequence[str]) -> pd.DataFrame:
    lignes = []
    for eleve, questions in cle.items():
        absent = eleve in absents
        for rang, q in sorted({v[0]: v[1] for v in questions.values()}.items()):
            brut, statut, points = donnees.get((eleve, rang), ("", "vide", bareme.points("vide")))
            lignes.append({"eleve": eleve, "numero": rang, "question": q.id, "theme": q.theme, "type": q.type,
                           "reponse": brut, "attendu": q.lettres_bonnes, "statut": "absent" if absent else statut,
                           "points": math.nan if absent else points, "points_max": bareme.points("juste")})
    return pd.DataFrame(lignes)


def _par_eleve(detail: pd.DataFrame, ordre: list[str], absents: Sequence[str]) -> pd.DataFrame:
    groupes = detail.groupby("eleve", sort=False)
    eleves = pd.DataFrame({
        "points": groupes["points"].sum(min_count=1),
        "points_max": groupes["points_max"].sum(),
        "justes": groupes["statut"].agg(lambda s: int((s == "juste").sum())),
        "partielles": groupes["statut"].agg(lambda s: int((s == "partiel").sum())),
        "fausses": groupes["statut"].agg(lambda s: int((s == "faux").sum())),
        "sans_reponse": groupes["statut"].agg(lambda s: int((s == "vide").sum())),
    })
    eleves.insert(0, "statut", ["absent" if e in absents else "présent" for e in eleves.index])
    eleves["note_sur_20"] = (20 * eleves["points"] / eleves["points_max"]).clip(lower=0).round(2) + 0.0
    eleves.index.name = "eleve"
    return eleves.loc[ordre].reset_index()


def resume_notes(eleves: pd.DataFrame) -> dict[str, float | int]:
    """Effectifs et distribution des notes sur 20 des présents (les absents sont comptés à part).

    >>> t = pd.DataFrame({"statut": ["présent", "présent", "absent"], "note_sur_20": [10.0, 16.0, float("nan")]})
    >>> r = resume_notes(t); (r["presents"], r["absents"], r["moyenne"], r["mediane"])
    (2, 1, 13.0, 13.0)
    """
    notes = eleves.loc[eleves["statut"] == "présent", "note_sur_20"].astype(float)
    return {"presents": int(notes.size), "absents": int((eleves["statut"] == "absent").sum()),
            "moyenne": float(notes.mean()) if notes.size else math.nan,
            "mediane": float(notes.median()) if notes.size else math.nan,
            "minimum": float(notes.min()) if notes.size else math.nan,
            "maximum": float(notes.max()) if notes.size else math.nan,
            "ecart_type": float(notes.std(ddof=0)) if notes.size else math.nan}


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


#: Une couleur par thème, dans l'ordre des thèmes du cours (tab10 puis deux teintes franches), et une forme.
COULEURS_THEMES = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                   "#bcbd22", "#17becf", "#000000", "#b8860b")
MARQUEURS_THEMES = ("o", "s", "^", "D", "v", "P", "X", "<", ">", "p", "h", "*")


def etiquette_graduation(valeur: float, _position: object = None) -> str:
    """Une graduation à la française, avec autant de décimales que le pas l'exige (0,25 et non « 0,3 »).

    >>> [etiquette_graduation(v) for v in (-1.0, -0.75, -0.5, -1e-17, 0.25, 1.0)]
    ['−1', '−0,75', '−0,5', '0', '0,25', '1']
    """
    texte = f"{round(valeur, 6):.2f}".rstrip("0").rstrip(".").replace(".", ",")
    if texte in {"-0", "-0,"}:
        return "0"
    return texte.replace("-", "−")


def _chevauche(boite, boites) -> bool:  # type: ignore[no-untyped-def]
    return any(boite.overlaps(b) for b in boites)


def placer_etiquettes(axe, points: list[tuple[float, float, str]], marge: float = 2.0) -> list:  # type: ignore[no-untyped-def]
    """Place une étiquette par point sans chevauchement : essais autour du point, de plus en plus loin.

    Chaque étiquette évite les autres étiquettes, les points et le bord des axes ; un trait la
    relie à son point quand elle en est éloignée. La taille d'une étiquette est mesurée une fois,
    les positions essayées sont calculées (rapide même pour 50 étiquettes). Renvoie les annotations.
    """
    from matplotlib.transforms import Bbox

    figure = axe.figure
    figure.canvas.draw()
    rendu = figure.canvas.get_renderer()
    cadre = axe.get_window_extent(rendu)
    points_par_pixel = figure.dpi / 72
    marqueurs = []
    for x, y, _ in points:
        px, py = axe.transData.transform((x, y))
        marqueurs.append(Bbox([[px - 5, py - 5], [px + 5, py + 5]]))
    placees, annotations = [], []
    directions = [(1, 1), (1, -1), (-1, 1), (-1, -1), (0, 1), (0, -1), (1, 0), (-1, 0)]
    alignements = {1: "left", -1: "right", 0: "center"}
    verticaux = {1: "bottom", -1: "top", 0: "center"}
    for x, y, texte in sorted(points, key=lambda p: (-p[1], p[0])):
        mesure = axe.text(0, 0, texte, fontsize=7)
        taille = mesure.get_window_extent(rendu)
        largeur, hauteur = taille.width, taille.height
        mesure.remove()
        px, py = axe.transData.transform((x, y))
        choix = None
        for rayon in (6, 14, 24, 36, 50, 66, 84, 104, 126):
            for dx, dy in directions:
                ax_, ay_ = px + dx * rayon * points_par_pixel, py + dy * rayon * points_par_pixel
                x0 = ax_ if dx > 0 else ax_ - largeur if dx < 0 else ax_ - largeur / 2
                y0 = ay_ if dy > 0 else ay_ - hauteur if dy < 0 else ay_ - hauteur / 2
                boite = Bbox([[x0, y0], [x0 + largeur, y0 + hauteur]]).padded(marge)
                dedans = cadre.contains(boite.x0, boite.y0) and cadre.contains(boite.x1, boite.y1)
                if dedans and not _chevauche(boite, placees) and not _chevauche(boite, marqueurs):
                    choix = (dx, dy, rayon)
                    placees.append(boite)
                    break
            if choix is not None:
                break
        dx, dy, rayon = choix or (1, 1, 6)  # aucune place libre : au plus près
        proprietes = {"arrowprops": {"arrowstyle": "-", "color": "#888888", "linewidth": 0.5, "shrinkA": 0,
                                     "shrinkB": 3}} if rayon > 14 else {}
        annotations.append(axe.annotate(texte, (x, y), xytext=(dx * rayon, dy * rayon), textcoords="offset points",
                                        fontsize=7, ha=alignements[dx], va=verticaux[dy], **proprietes))
    return annotations


def graphique_questions(questions: pd.DataFrame, chemin: str | Path) -> Path:
    """Enregistre en PNG le graphique de :func:`figure_questions`."""
    import matplotlib.pyplot as plt

    figure, _ = figure_questions(questions)
    chemin = Path(chemin)
    with ecriture(chemin) as cible:
        figure.savefig(cible, dpi=110)
    plt.close(figure)
    return chemin


def figure_questions(questions: pd.DataFrame):  # type: ignore[no-untyped-def]
    """Nuage réussite × discrimination, une couleur et une forme par thème, étiquettes sans chevauchement.

    Les questions au même point (même réussite, même discrimination) partagent une étiquette.
    Renvoie la figure et les étiquettes placées.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    from grc.graphiques import FORMAT_POURCENT, appliquer_style

    from .schema import THEMES

    appliquer_style()
    figure, axe = plt.subplots(figsize=(10, 6.5))
    ordre = [t for t in THEMES if t in set(questions["theme"])]
    for theme in ordre:
        sous = questions[questions["theme"] == theme]
        k = list(THEMES).index(theme)
        axe.scatter(sous["taux_reussite"], sous["discrimination"].fillna(0), s=46, zorder=3,
                    color=COULEURS_THEMES[k % len(COULEURS_THEMES)], marker=MARQUEURS_THEMES[k % len(MARQUEURS_THEMES)],
                    edgecolor="white", linewidth=0.6, label=f"{THEMES[theme][0]} {theme}")
    groupes: dict[tuple[float, float], list[str]] = {}
    for _, ligne in questions.iterrows():
        if not math.isnan(ligne["discrimination"]):
            groupes.setdefault((round(ligne["taux_reussite"], 6), round(ligne["discrimination"], 6)), []).append(
                ligne["question"])
    axe.axhline(0.2, color="grey", linestyle="--", linewidth=1, zorder=1)
    axe.axhline(0, color="#b3261e", linewidth=1, zorder=1)
    axe.xaxis.set_major_locator(MultipleLocator(0.25))
    axe.xaxis.set_major_formatter(FORMAT_POURCENT)
    axe.yaxis.set_major_locator(MultipleLocator(0.25))
    axe.yaxis.set_major_formatter(FuncFormatter(etiquette_graduation))
    axe.set_xlim(-0.08, 1.08)
    axe.set_ylim(-1.1, 1.1)
    axe.set_title("Analyse des questions : réussite et discrimination")
    axe.set_xlabel("Taux de réussite (part des copies justes)")
    axe.set_ylabel("Discrimination (groupe fort − groupe faible)")
    axe.legend(title="Thème", fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1), borderaxespad=0)
    figure.tight_layout()
    textes = []
    for (x, y), ids in groupes.items():
        lignes = [", ".join(ids[i:i + 3]) for i in range(0, len(ids), 3)]
        textes.append((x, y, "\n".join(lignes)))
    return figure, placer_etiquettes(axe, textes)


def table_scores(eleves: pd.DataFrame) -> pd.DataFrame:
    """Les scores à écrire : « ABS » dans la note d'un absent, ses compteurs laissés vides.

    >>> t = pd.DataFrame({"eleve": ["A", "B"], "statut": ["présent", "absent"], "points": [3.0, None],
    ...                   "justes": [3, 0], "note_sur_20": [15.0, None]})
    >>> table_scores(t)["note_sur_20"].tolist(), table_scores(t)["justes"].tolist()
    ([15.0, 'ABS'], [3, None])
    """
    table = eleves.astype(object).where(eleves.notna(), None)
    absents = table["statut"] == "absent"
    for colonne in ("justes", "partielles", "fausses", "sans_reponse"):
        if colonne in table:
            table.loc[absents, colonne] = None
    table.loc[absents, "note_sur_20"] = "ABS"
    return table


def ecrire_resultats(resultats: Resultats, dossier: str | Path, graphique: bool = True,
                     scodoc: str | Path | None = None) -> list[Path]:
    """Écrit dans ``dossier`` les CSV (élèves, questions, détail, anomalies), le classeur ``resultats.xlsx``,
    le CSV pour Pronote, le graphique et, si ``scodoc`` est donnée, la feuille ScoDoc remplie."""
    from .notes import ecrire_classeur, ecrire_pronote, remplir_scodoc

    dossier = Path(dossier)
    remarques_scodoc: list[str] = []
    chemins = []
    if scodoc is not None:  # d'abord : un nom refusé par ScoDoc arrête tout avant d'écrire
        chemin, remarques_scodoc = remplir_scodoc(resultats.eleves, scodoc, dossier / f"scodoc_{Path(scodoc).name}")
        chemins.append(chemin)
        resultats.anomalies = pd.concat([resultats.anomalies, pd.DataFrame(
            [{"ligne": "", "eleve": "", "question": "", "probleme": f"ScoDoc : {r}"} for r in remarques_scodoc],
            columns=resultats.anomalies.columns)], ignore_index=True) if remarques_scodoc else resultats.anomalies
    chemins = [
        ecrire_classeur(resultats.eleves, resultats.questions, resultats.anomalies, dossier / "resultats.xlsx"),
        ecrire_pronote(resultats.eleves, dossier / "notes_pronote.csv"),
        _ecrire(table_scores(resultats.eleves), dossier / "scores_eleves.csv"),
        _ecrire(resultats.questions, dossier / "analyse_questions.csv"),
        _ecrire(resultats.detail, dossier / "detail_reponses.csv"),
        _ecrire(resultats.anomalies, dossier / "anomalies.csv"),
        *chemins,
    ]
    if graphique and not resultats.questions.empty:
        chemins.append(graphique_questions(resultats.questions, dossier / "analyse_questions.png"))
    return chemins


def _ecrire(table: pd.DataFrame, chemin: Path) -> Path:
    lignes: Sequence[Sequence[object]] = table.astype(object).where(table.notna(), None).values.tolist()
    return ecrire_csv(chemin, list(table.columns), lignes)
