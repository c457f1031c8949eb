"""Le QCM d'un thème en page statique : toutes les questions, chaque réponse cachée jusqu'au clic.

Chaque question est suivie d'un menu déroulant « Voir la réponse » (directive
``dropdown`` de sphinx-design, rendue en ``<details>`` HTML) qui donne la bonne
réponse, l'explication, les pièges expliqués et un renvoi à la section de leçon.
Les questions chiffrées paramétrées montrent un tirage fixe (graine 0) : dans
JupyterLab et sur les feuilles de classe, les nombres changent à chaque tirage.

>>> from grc.qcm.schema import Question
>>> q = Question.model_validate({
...     "id": "rfm-900", "theme": "rfm", "difficulte": 1, "type": "unique",
...     "enonce": "Que mesure le F de RFM ?", "section": "rfm-methode",
...     "explication": "F = fréquence : le nombre d'achats sur la période étudiée.",
...     "choix": [{"texte": "La fréquence d'achat", "correct": True},
...               {"texte": "La fidélité déclarée", "pourquoi": "Le F se mesure, il ne se déclare pas."},
...               {"texte": "Le fonds de commerce"}]})
>>> texte = question_myst(q, 1, {"rfm-methode"}, melanger=False)
>>> "**Réponse :** A. La fréquence d'achat" in texte, ":::{dropdown} Voir la réponse" in texte
(True, True)
"""

from __future__ import annotations

from pathlib import Path

from .myst import echapper, renvoi

_GENRES = {"unique": "une seule réponse", "multiple": "une ou plusieurs réponses", "vrai_faux": "vrai ou faux",
           "numerique": "réponse chiffrée"}


class ErreurQCM(ValueError):
    """Un fichier de QCM illisible ou invalide : le message cite le fichier et les questions."""


def lire_qcm(chemin: Path) -> tuple[str, str, list]:
    """Lit et valide un fichier ``course/qcm/XX-theme.yml`` ; renvoie (thème, titre, questions).

    Lève :class:`ErreurQCM` avec les erreurs en français si le fichier est invalide.
    """
    from grc.qcm.banque import lire_fichier

    erreurs: list[str] = []
    theme, titre, questions = lire_fichier(Path(chemin), erreurs)
    if erreurs:
        raise ErreurQCM("QCM invalide, page non publiée :\n" + "\n".join(f"- {e}" for e in erreurs))
    return theme, titre, questions


def _etoiles(difficulte: int) -> str:
    return "★" * difficulte + "☆" * (3 - difficulte)


def _reponse(tiree) -> str:
    from grc.qcm.instance import LETTRES

    if tiree.est_numerique:
        return f"{echapper(tiree.valeur_affichee())} (à {echapper(str(tiree.tolerance).replace('.', ','))} près)"
    return " ; ".join(f"{LETTRES[i]}. {echapper(tiree.choix[i])}" for i in sorted(tiree.bonnes))


def _pieges(tiree) -> list[str]:
    from grc.qcm.formats import nombre
    from grc.qcm.instance import LETTRES

    if tiree.est_numerique:
        return [f"- **{echapper(nombre(v, tiree.decimales))}** : {echapper(e)}" for v, e in tiree.pieges]
    return [f"- **{LETTRES[i]}.** {echapper(p)}" for i, p in enumerate(tiree.pourquoi) if p]


def question_myst(question, rang: int, connues: set[str], repli: str = "la leçon du thème",
                  melanger: bool = True) -> str:
    """Le MyST d'une question : énoncé, choix, puis réponse et explication dans un ``dropdown``."""
    from grc.qcm.instance import LETTRES, instancier

    # Choix mélangés (graine fixe) : dans les fichiers YAML, la bonne réponse est souvent la première.
    tiree = instancier(question, graine=0, melanger=melanger)
    lignes = [f"**Question {rang}** · {_etoiles(question.difficulte)} · {_GENRES[question.type]}",
              "", echapper(tiree.enonce), ""]
    if tiree.est_numerique:
        unite = f" {echapper(tiree.unite)}" if tiree.unite else ""
        lignes += [f"Votre réponse : ……………{unite}", ""]
    else:
        lignes += [f"- **{LETTRES[i]}.** {echapper(c)}" for i, c in enumerate(tiree.choix)] + [""]
    lignes += [":::{dropdown} Voir la réponse", f"**Réponse :** {_reponse(tiree)}", "", echapper(tiree.explication),
               ""]
    pieges = _pieges(tiree)
    if pieges:
        lignes += ["Les pièges :", "", *pieges, ""]
    lignes += [f"Pour revoir : {renvoi(question.section, connues, repli)}.", ":::", ""]
    return "\n".join(lignes)


def page_qcm(chemin: Path, numero: str, connues: set[str], lecon: str | None) -> str:
    """La page MyST du QCM d'un thème.

    Parameters
    ----------
    chemin : Path
        Le fichier YAML du thème.
    numero : str
        Le numéro du thème (« 02 »).
    connues : set of str
        Les étiquettes de section présentes dans les leçons publiées.
    lecon : str, optional
        Le chemin relatif de la leçon depuis la page du QCM (``../course/02-x.md``), si elle existe.
    """
    _, titre, questions = lire_qcm(chemin)
    repli = f"[la leçon du thème]({lecon})" if lecon else "la leçon du thème (à venir)"
    entete = [
        f"(qcm-{numero})=",
        f"# QCM {numero} · {echapper(titre)}",
        "",
        f"{len(questions)} questions pour réviser. Répondez de tête ou sur une feuille, puis cliquez sur "
        "« Voir la réponse » : la bonne réponse, son explication et les pièges à éviter s'affichent.",
        "",
        "Dans JupyterLab, le quiz interactif de fin de cahier tire dix questions, corrige chaque réponse d'un clic "
        "et compte le score. Les questions de calcul paramétrées y changent de nombres à chaque tirage (ici, "
        "vous en voyez un exemple) ; les autres gardent les leurs.",
        "",
    ]
    corps = [question_myst(q, i + 1, connues, repli) for i, q in enumerate(questions)]
    return "\n".join(entete + corps)
