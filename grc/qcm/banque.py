"""La banque de questions : lecture des fichiers YAML, validation, sélection et tirage.

Un fichier par thème dans ``course/qcm/`` (``02-rfm.yml``) ; chaque erreur est
écrite en français et cite le fichier et l'identifiant de la question.

>>> banque = charger_banque()
>>> {"rfm", "abc"} <= set(banque.themes())
True
>>> resoudre_themes("02")
['rfm']
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from .. import ressources
from ..themes import theme as theme_index
from ..themes import themes_qcm
from .calculs import ErreurCalcul, verifier_arguments
from .instance import instancier
from .schema import NIVEAUX, THEMES, FichierTheme, Question
from .tirage import Tirage, graine_derivee

#: Variable d'environnement qui désigne un autre dossier de banque.
VARIABLE_DOSSIER = "GRC_QCM_BANQUE"


class ErreurBanque(ValueError):
    """La banque contient des erreurs ; ``erreurs`` en donne la liste, une par ligne."""

    def __init__(self, erreurs: Sequence[str]) -> None:
        self.erreurs = list(erreurs)
        entete = f"{len(self.erreurs)} erreur(s) dans la banque de questions :"
        super().__init__("\n".join([entete, *(f"- {e}" for e in self.erreurs)]))


@dataclass
class Banque:
    """Toutes les questions, avec le titre de chaque thème et le fichier de chaque question."""

    questions: list[Question]
    titres: dict[str, str] = field(default_factory=dict)
    fichiers: dict[str, Path] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.questions)

    def themes(self) -> list[str]:
        """Les thèmes présents, dans l'ordre du cours."""
        presents = {q.theme for q in self.questions}
        return [t for t in THEMES if t in presents]

    def question(self, identifiant: str) -> Question:
        for q in self.questions:
            if q.id == identifiant:
                return q
        raise KeyError(f"Aucune question d'identifiant « {identifiant} » dans la banque.")

    def au_niveau(self, niveau: str | None) -> Banque:
        """La banque réduite aux questions du niveau ``niveau`` (``"bts"`` : le cœur seulement) ; ``None`` : toute.

        >>> banque = charger_banque()
        >>> coeur = banque.au_niveau("bts")
        >>> 0 < len(coeur) < len(banque), {q.niveau_effectif for q in coeur.questions}
        (True, {'bts'})
        """
        niveau = lire_niveau(niveau)
        if niveau is None:
            return self
        gardees = [q for q in self.questions if q.niveau_effectif == niveau]
        return Banque(gardees, self.titres, {q.id: self.fichiers[q.id] for q in gardees if q.id in self.fichiers})

    def selectionner(self, themes: Iterable[str] | str | None = None, difficultes: Iterable[int] | None = None,
                     types: Iterable[str] | None = None) -> list[Question]:
        """Les questions des thèmes, difficultés et types demandés, triées par identifiant."""
        voulus = set(resoudre_themes(themes)) if themes is not None else set(THEMES)
        niveaux = set(difficultes) if difficultes is not None else {1, 2, 3}
        genres = set(types) if types is not None else {"unique", "multiple", "vrai_faux", "numerique"}
        choisies = [q for q in self.questions if q.theme in voulus and q.difficulte in niveaux and q.type in genres]
        return sorted(choisies, key=lambda q: q.id)

    def tirer(self, themes: Iterable[str] | str | None = None, nombre: int = 10, graine: int = 0,
              difficultes: Iterable[int] | None = None) -> list[Question]:
        """``nombre`` questions au hasard (reproductible), toutes si la sélection est plus petite."""
        candidates = self.selectionner(themes, difficultes)
        if not candidates:
            raise ValueError(f"Aucune question pour le thème {themes!r} et la difficulté {difficultes!r}.")
        return Tirage(graine_derivee(graine, "selection")).echantillon(candidates, min(nombre, len(candidates)))


def lire_niveau(niveau: str | None) -> str | None:
    """Le niveau demandé (« bts », « approfondissement ») ; ``None`` ou « tous » : tous les niveaux.

    >>> lire_niveau("BTS"), lire_niveau(None), lire_niveau("tous")
    ('bts', None, None)
    >>> lire_niveau("licence")
    Traceback (most recent call last):
    ...
    ValueError: Niveau inconnu : « licence ». Niveaux : « bts » (le cœur du BTS seulement) ou « approfondissement » (BUT TC, licence, école) ; sans niveau, toutes les questions.
    """
    if niveau is None or str(niveau).strip().lower() in {"", "tous", "tout"}:
        return None
    texte = str(niveau).strip().lower()
    if texte not in NIVEAUX:
        raise ValueError(f"Niveau inconnu : « {niveau} ». Niveaux : « bts » (le cœur du BTS seulement) ou "
                         "« approfondissement » (BUT TC, licence, école) ; sans niveau, toutes les questions.")
    return texte


def resoudre_themes(themes: Iterable[str] | str | None) -> list[str]:
    """Traduit « tous », une étiquette (« rfm »), un numéro (« 02 ») ou « 02-rfm » en étiquettes."""
    if themes is None:
        return list(THEMES)
    if isinstance(themes, str):
        themes = [t for t in themes.replace(",", " ").split() if t]
    resultat: list[str] = []
    for brut in themes:
        t = str(brut).strip().lower()
        if t in {"tous", "tout", "all"}:
            return list(THEMES)
        trouve = [x.etiquette for x in themes_qcm()
                  if t in {x.etiquette, x.numero, f"{x.numero}-{x.etiquette}", x.nom_fichier, x.numero.lstrip("0") or "0"}]
        if not trouve:
            connus = ", ".join(f"{num} {e}" for e, (num, _) in THEMES.items())
            raise ValueError(f"Thème inconnu : « {brut} ». Thèmes : {connus}, ou « tous ».")
        resultat.extend(x for x in trouve if x not in resultat)
    return resultat


def dossier_banque() -> Path:
    """Le dossier des fichiers YAML : ``$GRC_QCM_BANQUE``, sinon la banque livrée avec ``grc``.

    Le paquet installé emporte la banque et les leçons (``grc/_ressources/course``) ; une
    installation éditable lit ``course/qcm`` du dépôt (voir :mod:`grc.ressources`).
    """
    if os.environ.get(VARIABLE_DOSSIER):
        return Path(os.environ[VARIABLE_DOSSIER])
    return ressources.dossier("course/qcm")


def charger_banque(dossier: str | Path | None = None) -> Banque:
    """Lit et valide tous les fichiers ``XX-theme.yml`` du dossier ; lève :class:`ErreurBanque` sinon."""
    chemin = Path(dossier) if dossier is not None else dossier_banque()
    if not chemin.is_dir():
        raise ErreurBanque([f"dossier de la banque introuvable : {chemin}"])
    fichiers = sorted(chemin.glob("*.yml")) + sorted(chemin.glob("*.yaml"))
    empreinte = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in fichiers)
    return _charger(empreinte)


@functools.lru_cache(maxsize=8)
def _charger(empreinte: tuple[tuple[str, int, int], ...]) -> Banque:
    erreurs: list[str] = []
    banque = Banque([])
    for nom, _, _ in empreinte:
        chemin = Path(nom)
        theme, titre, questions = lire_fichier(chemin, erreurs)
        for q in questions:
            if q.id in banque.fichiers:
                erreurs.append(f"{chemin.name}, question {q.id} : identifiant déjà utilisé dans "
                               f"{banque.fichiers[q.id].name}")
                continue
            banque.fichiers[q.id] = chemin
            banque.questions.append(q)
        if theme:
            banque.titres[theme] = titre
    if not empreinte:
        erreurs.append("aucun fichier .yml dans le dossier de la banque")
    if erreurs:
        raise ErreurBanque(erreurs)
    return banque


def lire_fichier(chemin: Path, erreurs: list[str]) -> tuple[str, str, list[Question]]:
    """Lit un fichier de thème ; renvoie (thème, titre, questions) et ajoute ses erreurs à ``erreurs``."""
    try:
        contenu = yaml.safe_load(chemin.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        ligne = getattr(getattr(exc, "problem_mark", None), "line", None)
        ou = f" ligne {ligne + 1}" if ligne is not None else ""
        erreurs.append(f"{chemin.name} : YAML illisible{ou} ({getattr(exc, 'problem', exc)})")
        return "", "", []
    except UnicodeDecodeError:
        erreurs.append(f"{chemin.name} : le fichier doit être enregistré en UTF-8")
        return "", "", []
    try:
        entete = FichierTheme.model_validate(contenu)
    except ValidationError as exc:
        erreurs.extend(f"{chemin.name} : {m}" for m in traduire(exc))
        return "", "", []
    numero = THEMES[entete.theme][0]
    if chemin.stem != f"{numero}-{entete.theme}":
        erreurs.append(f"{chemin.name} : un fichier du thème « {entete.theme} » doit s'appeler "
                       f"« {numero}-{entete.theme}.yml »")
    questions = [q for i, brut in enumerate(entete.questions)
                 if (q := _lire_question(brut, i, entete.theme, chemin.name, erreurs)) is not None]
    return entete.theme, entete.titre, questions


def _lire_question(brut: dict, rang: int, theme: str, fichier: str, erreurs: list[str]) -> Question | None:
    ident = brut.get("id") if isinstance(brut, dict) else None
    nom = f"{fichier}, question {ident}" if ident else f"{fichier}, question n°{rang + 1} (sans id)"
    if not isinstance(brut, dict):
        erreurs.append(f"{nom} : une question est un dictionnaire de champs (id, type, enonce...)")
        return None
    if brut.get("theme", theme) != theme:
        erreurs.append(f"{nom} : thème « {brut['theme']} » différent de celui du fichier (« {theme} »)")
        return None
    try:
        question = Question.model_validate({"theme": theme, **brut})
    except ValidationError as exc:
        erreurs.extend(f"{nom} : {m}" for m in traduire(exc))
        return None
    calculs = [v.calcul for v in question.variables.values() if v.calcul is not None]
    calculs += [question.calcul, *question.pieges] if question.calcul else []
    for calcul in calculs:
        try:
            verifier_arguments(calcul.fonction, calcul.arguments)
        except ErreurCalcul as exc:
            erreurs.append(f"{nom} : {exc}")
            return None
    return question


_MESSAGES = {
    "missing": "champ obligatoire manquant",
    "extra_forbidden": "champ inconnu (faute de frappe ?)",
    "int_parsing": "nombre entier attendu", "int_type": "nombre entier attendu",
    "int_from_float": "nombre entier attendu",
    "float_parsing": "nombre attendu", "float_type": "nombre attendu",
    "bool_parsing": "true ou false attendu", "bool_type": "true ou false attendu",
    "string_type": "texte attendu", "dict_type": "dictionnaire attendu (champ: valeur)",
    "list_type": "liste attendue (lignes commençant par « - »)",
    "model_type": "dictionnaire attendu (champ: valeur)",
}


def traduire(exc: ValidationError) -> list[str]:
    """Les erreurs pydantic, en français : « champ « choix › n°2 › texte » : texte trop court »."""
    messages = []
    for e in exc.errors(include_url=False):
        lieu = " › ".join(f"n°{p + 1}" if isinstance(p, int) else str(p) for p in e["loc"])
        messages.append(f"champ « {lieu} » : {_message(e)}" if lieu else _message(e))
    return messages


def _message(e: dict) -> str:
    genre, ctx = e["type"], e.get("ctx", {})
    if genre in _MESSAGES:
        return _MESSAGES[genre]
    if genre == "literal_error":
        attendu = str(ctx.get("expected", "")).replace(" or ", " ou ")
        return f"valeur « {e.get('input')} » non permise ; valeurs possibles : {attendu}"
    if genre in {"string_too_short", "too_short"}:
        unite = "caractère(s)" if genre == "string_too_short" else "élément(s)"
        return f"trop court : au moins {ctx.get('min_length')} {unite}"
    if genre == "greater_than_equal":
        return f"doit être supérieur ou égal à {ctx.get('ge')} (trouvé : {e.get('input')})"
    if genre == "less_than_equal":
        return f"doit être inférieur ou égal à {ctx.get('le')} (trouvé : {e.get('input')})"
    if genre == "string_pattern_mismatch":
        return f"forme invalide « {e.get('input')} » : minuscules, chiffres et tirets (ex. « rfm-scores »)"
    if genre == "value_error":
        return str(e["msg"]).removeprefix("Value error, ")
    return str(e["msg"])


def controler_calculs(question: Question, graines: Iterable[int] = range(50)) -> list[str]:
    """Essaie les calculs d'une question paramétrée sur plusieurs graines ; renvoie les problèmes."""
    if question.type != "numerique":
        return []
    problemes: list[str] = []
    for graine in graines:
        try:
            tiree = instancier(question, graine)
        except ErreurCalcul as exc:
            problemes.append(f"question {question.id}, graine {graine} : {exc}")
            break
        if len(tiree.pieges) < len(question.pieges):
            problemes.append(f"question {question.id}, graine {graine} : un piège donne la même valeur "
                             "que la réponse ou qu'un autre piège ; resserrez les bornes des variables")
            break
    return problemes


def valider_banque(dossier: str | Path | None = None, graines: Iterable[int] = range(50)) -> Banque:
    """Charge la banque puis essaie chaque calcul sur plusieurs graines ; lève :class:`ErreurBanque`."""
    banque = charger_banque(dossier)
    graines = list(graines)
    problemes = [f"{banque.fichiers[q.id].name}, {p}" for q in banque.questions for p in controler_calculs(q, graines)]
    if problemes:
        raise ErreurBanque(problemes)
    return banque


def sections_manquantes(banque: Banque, dossier_lecons: str | Path | None = None) -> list[str]:
    """Les sections citées par les questions et absentes de la leçon de leur thème (``(etiquette)=``).

    Un thème dont la leçon n'existe pas encore est ignoré.
    """
    dossier = Path(dossier_lecons) if dossier_lecons is not None else dossier_banque().parent
    manquantes = []
    for theme in banque.themes():
        lecons = [dossier / Path(theme_index(theme).lecon).name]
        if not lecons[0].is_file():
            continue
        texte = "\n".join(lecon.read_text(encoding="utf-8") for lecon in lecons)
        etiquettes = set(re.findall(r"^\(([a-z0-9-]+)\)=\s*$", texte, flags=re.MULTILINE))
        for q in banque.selectionner(theme):
            if q.section not in etiquettes:
                manquantes.append(f"{q.id} : section « {q.section} » absente de {lecons[0].name}")
    return manquantes
