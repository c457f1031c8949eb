"""La progression de l'élève : exercices réussis, essais, scores des quiz, dans ``mon-travail/``.

Chaque ``verifier(...)`` note son résultat (juste, faux ou pas encore de réponse) et compte les
essais ; chaque question validée d'un quiz note le score. Tout va dans un petit fichier,
``mon-travail/progression.json``, qui suit les copies de l'élève : il survit aux redémarrages du
noyau et à la fermeture des cahiers. :func:`bilan` le montre (✅ / ❌ / ✏️, essais, scores) et
l'écrit en page HTML imprimable, à rendre au professeur.

Pour couper l'enregistrement (tests, démonstration) : variable d'environnement ``GRC_PROGRESSION=0``.
Le dossier du travail se choisit avec ``GRC_TRAVAIL`` (voir :func:`dossier_travail`).

Le fichier (UTF-8, écrit d'un coup : un fichier à moitié écrit ne peut pas exister ; les clés
inconnues sont gardées) ::

    {"format": 1,
     "exercices": {"02_frequence_montant_client": {"statut": "juste", "essais": 3,
                    "premier_essai": "2026-12-02T18:00:00", "dernier_essai": "...", "theme": "02"}},
     "quiz": {"rfm": {"score": 7, "sur": 10, "meilleur": 8, "date": "..."}},
     "redactions": {...}, "copies": {...}}

>>> import tempfile
>>> dossier = tempfile.mkdtemp()
>>> noter_exercice("02_tableau_rfm", "faux", dossier=dossier)
>>> noter_exercice("02_tableau_rfm", "juste", dossier=dossier)
>>> lire_progression(dossier)["exercices"]["02_tableau_rfm"]["essais"]
2
>>> noter_quiz("rfm", 7, 10, dossier=dossier)
>>> print(bilan("02", dossier=dossier).texte())  # doctest: +ELLIPSIS
Bilan de progression — thème 02
<BLANKLINE>
02 · Segmenter par la méthode RFM (et FRAT)
...  ✅ ... — juste (2 essais)
...  Quiz : 7 / 10 (meilleur : 7 / 10)
...
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import html
import json
import os
import re
import tempfile
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = [
    "Bilan",
    "bilan",
    "dossier_travail",
    "enregistrement_actif",
    "lire_progression",
    "noter_copie",
    "noter_exercice",
    "noter_quiz",
    "noter_redaction",
]

FORMAT = 1
NOM_FICHIER = "progression.json"
NOM_DOSSIER = "mon-travail"
STATUTS = ("juste", "faux", "vide")
_SECTIONS = ("exercices", "quiz", "redactions", "copies")
_ICONES = {"juste": "✅", "faux": "❌", "vide": "✏️"}
_MOTS = {"juste": "juste", "faux": "faux", "vide": "pas encore de réponse"}


# --- Où est le travail ----------------------------------------------------------------------------


def dossier_travail() -> Path:
    """Le dossier du travail de l'élève (``mon-travail/``), qu'il existe ou non.

    Dans l'ordre : ``$GRC_TRAVAIL`` ; sinon le plus proche dossier nommé ``mon-travail`` parmi le
    dossier courant et ses parents ; sinon ``<courant>/mon-travail`` s'il existe, ou
    ``<courant>/../mon-travail`` si le dossier courant est ``notebooks/`` ; sinon
    ``<courant>/mon-travail``.

    >>> import os, tempfile, pathlib
    >>> avant = os.environ.get("GRC_TRAVAIL")
    >>> os.environ["GRC_TRAVAIL"] = d = tempfile.mkdtemp()
    >>> dossier_travail() == pathlib.Path(d)
    True
    >>> if avant is None: del os.environ["GRC_TRAVAIL"]
    ... else: os.environ["GRC_TRAVAIL"] = avant
    """
    if os.environ.get("GRC_TRAVAIL"):
        return Path(os.environ["GRC_TRAVAIL"]).expanduser()
    ici = Path.cwd()
    for dossier in (ici, *ici.parents):
        if dossier.name == NOM_DOSSIER:
            return dossier
    if (ici / NOM_DOSSIER).is_dir():
        return ici / NOM_DOSSIER
    if ici.name == "notebooks":
        return ici.parent / NOM_DOSSIER
    return ici / NOM_DOSSIER


def enregistrement_actif() -> bool:
    """``False`` quand la variable d'environnement ``GRC_PROGRESSION`` vaut ``0`` (ou « non », « off »)."""
    return os.environ.get("GRC_PROGRESSION", "1").strip().lower() not in {"0", "non", "off", "false", "faux"}


def _fichier(dossier: str | Path | None) -> Path:
    return (Path(dossier) if dossier is not None else dossier_travail()) / NOM_FICHIER


# --- Lire et écrire -------------------------------------------------------------------------------


def _vide() -> dict[str, Any]:
    return {"format": FORMAT, **{cle: {} for cle in _SECTIONS}}


def _completer(donnees: dict[str, Any]) -> dict[str, Any]:
    donnees.setdefault("format", FORMAT)
    for cle in _SECTIONS:
        if not isinstance(donnees.get(cle), dict):
            donnees[cle] = {}
    return donnees


def lire_progression(dossier: str | Path | None = None) -> dict[str, Any]:
    """Le contenu du fichier de progression (un dictionnaire complet, vide si le fichier n'existe pas).

    Un fichier illisible (abîmé à la main) ne fait pas planter le cahier : un avertissement en
    français, et une progression vide ; le fichier abîmé est mis de côté à la prochaine écriture.

    >>> import tempfile
    >>> lire_progression(tempfile.mkdtemp())
    {'format': 1, 'exercices': {}, 'quiz': {}, 'redactions': {}, 'copies': {}}
    """
    chemin = _fichier(dossier)
    try:
        texte = chemin.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return _vide()
    except OSError as exc:
        warnings.warn(f"Fichier de progression illisible ({chemin}) : {exc}.", stacklevel=2)
        return _vide()
    try:
        donnees = json.loads(texte)
    except ValueError:
        warnings.warn(f"Le fichier de progression {chemin} est abîmé (ce n'est plus du JSON) : il sera mis de "
                      "côté au prochain enregistrement et la progression repartira de zéro.", stacklevel=2)
        return _vide()
    if not isinstance(donnees, dict):
        return _vide()
    return _completer(donnees)


@contextlib.contextmanager
def _verrou(chemin: Path, attente: float = 3.0, perime: float = 15.0) -> Iterator[None]:
    """Un verrou simple (fichier créé en exclusivité) : deux cahiers ouverts n'écrivent pas en même temps."""
    verrou = chemin.with_name(chemin.name + ".verrou")
    debut = time.monotonic()
    pris = False
    while True:
        try:
            fd = os.open(verrou, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            os.close(fd)
            pris = True
            break
        except FileExistsError:
            try:
                if time.time() - verrou.stat().st_mtime > perime:  # verrou laissé par un noyau tué
                    verrou.unlink(missing_ok=True)
                    continue
            except OSError:
                pass
            if time.monotonic() - debut > attente:
                break  # tant pis : on écrit quand même (au pire, un essai perdu)
            time.sleep(0.05)
        except OSError:
            break  # système de fichiers sans O_EXCL (navigateur) : pas de verrou
    try:
        yield
    finally:
        if pris:
            with contextlib.suppress(OSError):
                verrou.unlink()


def _ecrire(chemin: Path, donnees: dict[str, Any]) -> None:
    chemin.parent.mkdir(parents=True, exist_ok=True)
    texte = json.dumps(donnees, ensure_ascii=False, indent=1) + "\n"
    try:
        fd, provisoire = tempfile.mkstemp(prefix=".progression-", suffix=".json", dir=chemin.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(texte)
        os.replace(provisoire, chemin)
    except OSError:  # système de fichiers sans renommage atomique : écriture directe
        chemin.write_text(texte, encoding="utf-8")


def _modifier(dossier: str | Path | None, changer: Any) -> None:
    """Lit, modifie (``changer(donnees)``) et réécrit le fichier, sous verrou."""
    chemin = _fichier(dossier)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    with _verrou(chemin):
        donnees = _vide()
        if chemin.exists():
            try:
                lu = json.loads(chemin.read_text(encoding="utf-8-sig"))
                donnees = _completer(lu) if isinstance(lu, dict) else _vide()
            except (OSError, ValueError):
                cote = chemin.with_name(f"progression-abimee-{_dt.datetime.now():%Y%m%d-%H%M%S}.json")
                with contextlib.suppress(OSError):
                    os.replace(chemin, cote)
        changer(donnees)
        _ecrire(chemin, donnees)


def _maintenant() -> str:
    return _dt.datetime.now().replace(microsecond=0).isoformat()


def _theme_de(nom: str) -> str:
    """Le numéro de thème d'un nom d'exercice : ``"02_tableau_rfm"`` → ``"02"``."""
    debut = nom.split("_", 1)[0]
    return debut if debut.isdigit() else ""


# --- Noter ----------------------------------------------------------------------------------------


def empreinte_reponse(reponse: Any) -> str | None:
    """Une empreinte courte de la réponse : la même réponse relancée ne compte pas un nouvel essai.

    >>> empreinte_reponse(12) == empreinte_reponse(12), empreinte_reponse(12) == empreinte_reponse(13)
    (True, False)
    """
    try:
        import pandas as pd

        if isinstance(reponse, pd.DataFrame | pd.Series | pd.Index):
            objet = reponse.to_frame() if isinstance(reponse, pd.Series | pd.Index) else reponse
            valeurs = pd.util.hash_pandas_object(objet, index=True).to_numpy().tobytes()
            texte = repr((list(map(str, objet.columns)), str(objet.index.name))).encode() + valeurs
        else:
            texte = repr(reponse).encode("utf-8", "replace")
    except Exception:
        return None
    return hashlib.sha256(texte).hexdigest()[:16]


def noter_exercice(nom: str, statut: str, *, reponse: Any = None, dossier: str | Path | None = None) -> None:
    """Note un essai de l'exercice ``nom`` : ``statut`` vaut ``"juste"``, ``"faux"`` ou ``"vide"``.

    Un essai compte quand la réponse est juste ou fausse ; relancer la cellule avec la même
    réponse (après un redémarrage, par exemple) ne compte pas un nouvel essai quand ``reponse``
    est donnée. « Pas encore de réponse » n'efface pas un résultat déjà obtenu.
    Ne fait rien quand ``GRC_PROGRESSION=0``.

    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> noter_exercice("00_ca_2024", "vide", dossier=d)
    >>> noter_exercice("00_ca_2024", "juste", reponse=42, dossier=d)
    >>> noter_exercice("00_ca_2024", "juste", reponse=42, dossier=d)
    >>> e = lire_progression(d)["exercices"]["00_ca_2024"]
    >>> e["statut"], e["essais"], e["theme"]
    ('juste', 1, '00')
    """
    if statut not in STATUTS:
        raise ValueError(f"Statut inconnu : « {statut} » (attendu : juste, faux ou vide).")
    if not enregistrement_actif():
        return
    empreinte = empreinte_reponse(reponse) if reponse is not None and statut != "vide" else None

    def changer(donnees: dict[str, Any]) -> None:
        fiche = donnees["exercices"].setdefault(nom, {})
        fiche.setdefault("statut", "vide")
        fiche.setdefault("essais", 0)
        fiche.setdefault("premier_essai", None)
        fiche.setdefault("dernier_essai", None)
        fiche["theme"] = _theme_de(nom)
        if statut == "vide":
            return
        if empreinte is not None and fiche.get("empreinte") == empreinte and fiche["statut"] == statut:
            return  # la même réponse relancée
        maintenant = _maintenant()
        fiche["statut"] = statut
        fiche["essais"] = int(fiche.get("essais") or 0) + 1
        fiche["premier_essai"] = fiche.get("premier_essai") or maintenant
        fiche["dernier_essai"] = maintenant
        if statut == "juste" and not fiche.get("reussi_le"):
            fiche["reussi_le"] = maintenant
        if empreinte is not None:
            fiche["empreinte"] = empreinte

    _modifier(dossier, changer)


def noter_quiz(theme: str, score: int, sur: int, *, dossier: str | Path | None = None) -> None:
    """Note le score d'un quiz (``theme`` : son étiquette, « rfm » ; « tous » pour la révision).

    Le meilleur score est gardé à côté du dernier. Ne fait rien quand ``GRC_PROGRESSION=0``.

    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> noter_quiz("rfm", 8, 10, dossier=d); noter_quiz("rfm", 6, 10, dossier=d)
    >>> q = lire_progression(d)["quiz"]["rfm"]
    >>> q["score"], q["sur"], q["meilleur"]
    (6, 10, 8)
    """
    if not enregistrement_actif():
        return

    def changer(donnees: dict[str, Any]) -> None:
        fiche = donnees["quiz"].setdefault(theme, {})
        ancien = fiche.get("meilleur")
        ancien_sur = fiche.get("sur") or sur
        meilleur = score if ancien is None or score / max(sur, 1) >= ancien / max(ancien_sur, 1) else ancien
        fiche.update({"score": int(score), "sur": int(sur), "date": _maintenant()})
        fiche["meilleur"] = int(meilleur)
        if meilleur == score:
            fiche["meilleur_sur"] = int(sur)

    _modifier(dossier, changer)


def noter_redaction(nom: str, reponse: str, criteres: list[str], coches: list[str], *,
                    dossier: str | Path | None = None) -> None:
    """Note une réponse rédigée et les critères que l'élève estime remplis (auto-évaluation).

    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> noter_redaction("10_question_3", "Je cible les clients à risque.", ["cible", "chiffre"], ["cible"], dossier=d)
    >>> lire_progression(d)["redactions"]["10_question_3"]["coches"]
    ['cible']
    """
    if not enregistrement_actif():
        return

    def changer(donnees: dict[str, Any]) -> None:
        fiche = donnees["redactions"].setdefault(nom, {})
        fiche.update({"theme": _theme_de(nom), "reponse": str(reponse), "criteres": list(criteres),
                      "coches": [c for c in coches], "date": _maintenant()})

    _modifier(dossier, changer)


def noter_copie(cahier: str, copie: str, empreinte: str, *, dossier: str | Path | None = None) -> None:
    """Note qu'une copie ``copie`` du cahier ``cahier`` a été faite (``empreinte`` : SHA-256 du cahier du cours).

    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> noter_copie("02-segmentation-rfm.ipynb", "02-segmentation-rfm.ipynb", "abc", dossier=d)
    >>> lire_progression(d)["copies"]["02-segmentation-rfm.ipynb"]["empreinte_cours"]
    'abc'
    """
    if not enregistrement_actif():
        return

    def changer(donnees: dict[str, Any]) -> None:
        fiche = donnees["copies"].setdefault(cahier, {})
        fiche.update({"copie": copie, "empreinte_cours": empreinte, "date": _maintenant()})

    _modifier(dossier, changer)


def noter_verification(nom: str, statut_retour: str, reponse: Any = None) -> None:
    """Le crochet de ``verifier`` : traduit le statut du retour et note l'essai, sans jamais lever.

    >>> noter_verification("00_ca_2024", "inconnu")  # un statut inattendu est ignoré
    """
    statut = {"correct": "juste", "incorrect": "faux", "vide": "vide",
              "juste": "juste", "faux": "faux"}.get(statut_retour)
    if statut is None:
        return
    try:
        noter_exercice(nom, statut, reponse=reponse)
    except Exception as exc:  # la progression ne doit jamais empêcher de travailler
        warnings.warn(f"Progression non enregistrée ({type(exc).__name__} : {exc}).", stacklevel=2)


# --- Le bilan -------------------------------------------------------------------------------------


def _themes() -> list[Any]:
    try:
        from .themes import THEMES
    except ImportError:  # pragma: no cover
        return []
    return list(THEMES)


def _exercices_connus() -> list[str]:
    """Les noms des exercices enregistrés (pour montrer aussi ceux qui ne sont pas encore tentés)."""
    try:
        from .exercices import registre

        registre.charger_themes()
        return list(registre.EXERCICES)
    except Exception:
        return []


def _racine_cours(dossier: Path) -> Path | None:
    if os.environ.get("GRC_COURS"):
        return Path(os.environ["GRC_COURS"])
    for depart in (dossier, Path.cwd(), Path(__file__).resolve().parent.parent):
        for d in (depart, *depart.parents):
            if (d / "notebooks").is_dir() and (d / "course").is_dir():
                return d
    return None


# « Exercice 3 — … », « Exercice A (approfondissement) — … », « Exercice 7 (approfondissement) — … »
#: « ### Exercice 3 — … », « ### Exercice B (approfondissement) — … », « ### Exercice A2 — … »,
#: « ### Étape vérifiée — … » (cas 10), « ### Décision — … ».
_MOTIF_TITRE = re.compile(r"^#{2,4}\s*(Exercice|Étape vérifiée|Décision(?: chiffrée)?)\b\s*((?:\d+|[A-Z]\d*)?\b\s*(?:\([^)\n]*\))?)"
                          r"\s*[—–-]\s*(.+?)\s*$", re.MULTILINE)
_MOTIF_VERIFIER = re.compile(r"verifier\(\s*[\"']([A-Za-z0-9_]+)[\"']")


def _cellules_du_cahier(racine: Path | None, nom_fichier: str) -> list[dict[str, Any]]:
    """Les cellules du cahier ``notebooks/<nom_fichier>.ipynb`` (liste vide s'il est introuvable)."""
    if racine is None:
        return []
    chemin = racine / "notebooks" / f"{nom_fichier}.ipynb"
    try:
        return json.loads(chemin.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return []


def _titres_exercices(cellules: list[dict[str, Any]]) -> dict[str, str]:
    """« Exercice 3 — Le chiffre d'affaires 2024 » pour chaque nom d'exercice, lu dans le cahier."""
    titres: dict[str, str] = {}
    dernier = ""
    for cellule in cellules:
        source = "".join(cellule.get("source", ""))
        if cellule.get("cell_type") == "markdown":
            trouve = _MOTIF_TITRE.search(source)
            if trouve:
                dernier = " ".join(filter(None, (trouve.group(1), trouve.group(2).strip()))) + f" — {trouve.group(3)}"
        elif cellule.get("cell_type") == "code":
            for nom in _MOTIF_VERIFIER.findall(source):
                titres.setdefault(nom, dernier)
    return titres


def exercices_marques_approfondissement(cellules: list[dict[str, Any]]) -> set[str]:
    """Les exercices du cahier dont la cellule est marquée approfondissement (facultatifs en BTS).

    >>> exercices_marques_approfondissement([
    ...     {"cell_type": "code", "metadata": {"grc": {"niveau": "approfondissement"}}, "source": 'verifier("02_a", a)'},
    ...     {"cell_type": "code", "metadata": {}, "source": 'verifier("02_b", b)'}])
    {'02_a'}
    """
    return {nom for cellule in cellules if cellule.get("cell_type") == "code"
            and cellule.get("metadata", {}).get("grc", {}).get("niveau") == "approfondissement"
            for nom in _MOTIF_VERIFIER.findall("".join(cellule.get("source", "")))}


def _pluriel(nombre: int, mot: str) -> str:
    """« 1 critère », « 3 critères », « 0 critère ».

    >>> _pluriel(2, "critère rempli"), _pluriel(1, "critère rempli")
    ('2 critères remplis', '1 critère rempli')
    """
    if nombre < 2:
        return f"{nombre} {mot}"
    return f"{nombre} " + " ".join(m + "s" for m in mot.split())


def resume_redactions(redactions: dict[str, Any], prevues: int) -> str:
    """« Rédactions : 3 / 4 écrites, 6 / 9 critères cochés » (auto-évaluation d'un thème).

    ``redactions`` : les fiches du fichier de progression pour ce thème ; ``prevues`` : le nombre de
    réponses rédigées du cahier (0 si inconnu : on compte alors les fiches).

    >>> resume_redactions({"02_redaction_1": {"reponse": "texte", "criteres": ["a", "b", "c"], "coches": ["a"]}}, 4)
    'Rédactions : 1 / 4 écrite, 1 / 3 critère coché'
    >>> resume_redactions({}, 1)
    'Rédactions : 0 / 1 écrite'
    """
    ecrites = [f for f in redactions.values() if str(f.get("reponse", "")).strip()]
    criteres = sum(len(f.get("criteres", [])) for f in ecrites)
    coches = sum(len(f.get("coches", [])) for f in ecrites)
    total = max(prevues, len(redactions))
    resume = f"Rédactions : {len(ecrites)} / {total} écrite{'s' if len(ecrites) > 1 else ''}"
    if not criteres:  # rien d'écrit encore, ou des questions sans grille : pas de « 0 / 0 critère »
        return resume
    return f"{resume}, {coches} / {criteres} critère{'s' if coches > 1 else ''} coché{'s' if coches > 1 else ''}"


def _fiches_redactions() -> dict[str, dict[str, Any]]:
    """Les fiches des réponses rédigées (``course/redactions.json``) ; vide si le fichier manque."""
    try:
        from .redaction import lire_redactions

        return lire_redactions()
    except Exception:  # pragma: no cover  (fichier absent ou illisible : pas de titres ni de total)
        return {}


def _titre_redaction(nom: str, fiches: dict[str, dict[str, Any]]) -> str:
    """« Question rédigée 1 — La fiche qualité » plutôt que l'identifiant « 10_redaction_1 »."""
    titre = str(fiches.get(nom, {}).get("titre") or "").strip()
    if not titre:
        return f"Rédaction {nom}"
    if fiches[nom].get("niveau") == "approfondissement" and "approfondissement" not in titre.lower():
        titre += " (approfondissement)"
    return titre


def _redactions_prevues() -> dict[str, int]:
    """Le nombre de réponses rédigées de chaque thème (``course/redactions.json``)."""
    prevues: dict[str, int] = {}
    for fiche in _fiches_redactions().values():
        prevues[fiche.get("theme", "")] = prevues.get(fiche.get("theme", ""), 0) + 1
    return prevues


def _date_lisible(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return _dt.datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return str(iso)


def _essais(n: int) -> str:
    return f"{n} essai" + ("s" if n > 1 else "")


class Bilan:
    """Le bilan de progression : affiché en HTML dans JupyterLab, en texte ailleurs, écrit en page HTML.

    ``Bilan.lignes`` : une entrée par thème (dictionnaires simples, pour les tests et la page d'accueil).
    """

    def __init__(self, donnees: dict[str, Any], theme: str | int | None, dossier: Path) -> None:
        self.donnees = donnees
        self.theme = theme
        self.dossier = dossier
        self.fichier_html: Path | None = None
        self.lignes = self._construire()

    def _construire(self) -> list[dict[str, Any]]:
        themes = _themes()
        voulu = None
        if self.theme is not None:
            from .themes import theme as trouver_theme

            voulu = trouver_theme(self.theme)
        racine = _racine_cours(self.dossier)
        connus = _exercices_connus()
        prevues = _redactions_prevues()
        exercices = self.donnees["exercices"]
        quiz = self.donnees["quiz"]
        sortie = []
        for t in themes:
            if voulu is not None and t.numero != voulu.numero:
                continue
            noms = [n for n in connus if _theme_de(n) == t.numero]
            noms += [n for n, f in exercices.items()
                     if (f.get("theme") or _theme_de(n)) == t.numero and n not in noms]
            cle_quiz = t.etiquette if t.qcm else "tous"
            fiche_quiz = quiz.get(t.etiquette) or (quiz.get("tous") if not t.qcm else None)
            redactions = {n: f for n, f in self.donnees["redactions"].items()
                          if (f.get("theme") or _theme_de(n)) == t.numero}
            tentes = [n for n in noms if n in exercices and exercices[n].get("essais")]
            if voulu is None and not tentes and not fiche_quiz and not redactions:
                continue  # thème pas encore commencé : pas de ligne dans le bilan général
            cellules = _cellules_du_cahier(racine, t.nom_fichier)
            titres = _titres_exercices(cellules)
            approfondis = exercices_marques_approfondissement(cellules)
            noms += [n for n in titres if n not in noms]
            ordre = {nom: i for i, nom in enumerate(titres)}  # l'ordre du cahier, sinon celui du registre
            noms.sort(key=lambda n: ordre.get(n, len(ordre)))
            lignes_ex = []
            for nom in noms:
                fiche = exercices.get(nom, {})
                statut = fiche.get("statut", "vide") if fiche.get("essais") else "vide"
                titre = titres.get(nom) or nom.split("_", 1)[-1].replace("_", " ")
                if nom in approfondis and "approfondissement" not in titre.lower():
                    titre += " (approfondissement)"
                lignes_ex.append({"nom": nom, "titre": titre,
                                  "statut": statut, "essais": int(fiche.get("essais") or 0),
                                  "niveau": "approfondissement" if nom in approfondis else "bts",
                                  "dernier_essai": fiche.get("dernier_essai")})
            sortie.append({"numero": t.numero, "titre": t.titre, "exercices": lignes_ex,
                           "quiz": fiche_quiz, "cle_quiz": cle_quiz, "redactions": redactions,
                           "redactions_prevues": prevues.get(t.numero, 0),
                           "copies": self._copies(t, racine)})
        return sortie

    def _copies(self, t: Any, racine: Path | None) -> list[str]:
        """Les avis « nouvelle version du cahier » pour ce thème."""
        avis = []
        for cahier, fiche in self.donnees["copies"].items():
            if not cahier.startswith(t.nom_fichier) or racine is None:
                continue
            cours = racine / "notebooks" / cahier
            try:
                actuelle = hashlib.sha256(cours.read_bytes()).hexdigest()
            except OSError:
                continue
            if fiche.get("empreinte_cours") and actuelle != fiche["empreinte_cours"]:
                avis.append(f"Une nouvelle version du cahier {cahier} est disponible : votre copie "
                            f"« {fiche.get('copie', cahier)} » est gardée telle quelle ; la page « Commencer ici » "
                            "en fait une copie neuve à côté.")
        return avis

    # --- Résumés ---

    def compte(self) -> tuple[int, int]:
        """(exercices justes, exercices en tout) sur les thèmes du bilan."""
        tous = [e for ligne in self.lignes for e in ligne["exercices"]]
        return sum(e["statut"] == "juste" for e in tous), len(tous)

    def compte_par_niveau(self) -> dict[str, tuple[int, int]]:
        """(justes, en tout) pour le tronc commun (« bts ») et pour l'approfondissement."""
        tous = [e for ligne in self.lignes for e in ligne["exercices"]]
        return {niveau: (sum(e["statut"] == "juste" for e in tous if e["niveau"] == niveau),
                         sum(e["niveau"] == niveau for e in tous))
                for niveau in ("bts", "approfondissement")}

    def resume(self) -> str:
        """« Exercices justes : 2 sur 6 du tronc commun ; approfondissement (facultatif en BTS) : 0 sur 6. »"""
        niveaux = self.compte_par_niveau()
        (justes, total), (justes_a, total_a) = niveaux["bts"], niveaux["approfondissement"]
        if not total_a:
            return f"Exercices justes : {justes} sur {total}."
        if not total:
            return f"Exercices justes (approfondissement) : {justes_a} sur {total_a}."
        return (f"Exercices justes : {justes} sur {total} du tronc commun ; approfondissement (facultatif en "
                f"BTS) : {justes_a} sur {total_a}.")

    def _redactions_lisibles(self, t: dict[str, Any]) -> list[str]:
        """« Question rédigée 1 — … : 2 critères remplis sur 3 », une par réponse rédigée enregistrée."""
        fiches = _fiches_redactions()
        return [f"{_titre_redaction(nom, fiches)} : {_pluriel(len(r.get('coches', [])), 'critère rempli')} sur "
                f"{len(r.get('criteres', []))}"
                for nom, r in t["redactions"].items()]

    def _entete(self) -> str:
        if self.theme is not None and self.lignes:
            return f"Bilan de progression — thème {self.lignes[0]['numero']}"
        return "Bilan de progression — tous les thèmes commencés"

    def texte(self) -> str:
        """Le bilan en texte brut."""
        lignes = [self._entete(), ""]
        if not self.lignes:
            lignes.append("Rien d'enregistré pour l'instant : exécutez les cellules « verifier(...) » des cahiers.")
        for t in self.lignes:
            lignes.append(f"{t['numero']} · {t['titre']}")
            for e in t["exercices"]:
                detail = _MOTS[e["statut"]] + (f" ({_essais(e['essais'])})" if e["essais"] else "")
                lignes.append(f"  {_ICONES[e['statut']]} {e['titre']} — {detail}")
            if t["quiz"]:
                q = t["quiz"]
                lignes.append(f"  Quiz : {q.get('score')} / {q.get('sur')} "
                              f"(meilleur : {q.get('meilleur')} / {q.get('meilleur_sur', q.get('sur'))})")
            else:
                lignes.append("  Quiz : pas encore fait")
            if t["redactions"] or t["redactions_prevues"]:
                lignes.append(f"  ✍️ {resume_redactions(t['redactions'], t['redactions_prevues'])} (auto-évaluation)")
            lignes.extend(f"    {r}" for r in self._redactions_lisibles(t))
            lignes.extend(f"  ⚠ {a}" for a in t["copies"])
            lignes.append("")
        if self.compte()[1]:
            lignes.append(self.resume())
        if self.fichier_html is not None:
            lignes.append(f"Page à imprimer ou à rendre : {self.chemin_lisible()}")
        return "\n".join(lignes)

    def chemin_lisible(self) -> str:
        """Le chemin de la page écrite, relatif au dossier courant quand c'est possible."""
        if self.fichier_html is None:
            return ""
        try:
            return os.path.relpath(self.fichier_html)
        except ValueError:  # autre lecteur (Windows)
            return str(self.fichier_html)

    def __str__(self) -> str:
        return self.texte()

    def __repr__(self) -> str:
        return self.texte()

    def html(self, page: bool = False) -> str:
        """Le bilan en HTML ; ``page=True`` : une page complète, imprimable (une feuille A4)."""
        e = html.escape
        corps = [f"<h2>{e(self._entete())}</h2>"]
        if not self.lignes:
            corps.append("<p>Rien d'enregistré pour l'instant : exécutez les cellules « verifier(...) » des "
                         "cahiers.</p>")
        for t in self.lignes:
            corps.append(f"<h3>{e(t['numero'])} · {e(t['titre'])}</h3>")
            if t["exercices"]:
                rangs = "".join(
                    f"<tr><td>{_ICONES[x['statut']]}</td><td>{e(x['titre'])}</td><td>{e(_MOTS[x['statut']])}</td>"
                    f"<td style='text-align:right'>{x['essais'] or ''}</td>"
                    f"<td>{e(_date_lisible(x['dernier_essai']))}</td></tr>"
                    for x in t["exercices"])
                corps.append("<table class='grc-bilan'><thead><tr><th></th><th>Exercice</th><th>Résultat</th>"
                             f"<th>Essais</th><th>Dernier essai</th></tr></thead><tbody>{rangs}</tbody></table>")
            q = t["quiz"]
            if q:
                corps.append(f"<p><b>Quiz</b> : {e(str(q.get('score')))} / {e(str(q.get('sur')))} "
                             f"(meilleur : {e(str(q.get('meilleur')))} / "
                             f"{e(str(q.get('meilleur_sur', q.get('sur'))))}, le {e(_date_lisible(q.get('date')))})"
                             "</p>")
            else:
                corps.append("<p><b>Quiz</b> : pas encore fait.</p>")
            if t["redactions"] or t["redactions_prevues"]:
                corps.append(f"<p><b>✍️ {e(resume_redactions(t['redactions'], t['redactions_prevues']))}</b> "
                             "(auto-évaluation).</p>")
            if t["redactions"]:
                corps.append("<ul>" + "".join(f"<li>{e(r)}</li>" for r in self._redactions_lisibles(t)) + "</ul>")
            corps.extend(f"<p class='grc-avis'>⚠ {e(a)}</p>" for a in t["copies"])
        if self.compte()[1]:
            corps.append(f"<p><b>{e(self.resume())}</b></p>")
        # « div table » : plus précis que la règle de JupyterLab qui aligne les cellules à droite.
        style = ("table.grc-bilan{border-collapse:collapse;margin:4px 0}"
                 "div.grc-bilan table.grc-bilan td,div.grc-bilan table.grc-bilan th,"
                 "table.grc-bilan td,table.grc-bilan th{border:1px solid #ccc;padding:2px 8px;text-align:left}"
                 "table.grc-bilan th{background:#f3f3f3}.grc-avis{color:#8a6d00}")
        if not page:
            lien = ""
            if self.fichier_html is not None:
                lien = (f"<p><small>Page à imprimer ou à rendre : <code>{e(self.chemin_lisible())}</code> "
                        "(dans l'explorateur de fichiers : clic droit → ouvrir dans un nouvel onglet du "
                        "navigateur, puis imprimer).</small></p>")
            return f"<div class='grc-bilan'><style>{style}</style>{''.join(corps)}{lien}</div>"
        date = _dt.datetime.now().strftime("%d/%m/%Y à %H:%M")
        return (
            "<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'>"
            f"<title>{e(self._entete())}</title><style>"
            "body{font-family:system-ui,'Segoe UI',Arial,sans-serif;max-width:48em;margin:1.5em auto;color:#111}"
            f"{style}"
            "@page{size:A4;margin:15mm}@media print{body{margin:0;max-width:none}h3{break-after:avoid}"
            "table{break-inside:avoid}.ecran{display:none}}"
            "</style></head><body>"
            "<p>Nom : ............................................ Classe : ..................</p>"
            f"{''.join(corps)}"
            f"<p><small>Bilan établi le {e(date)} à partir de mon-travail/progression.json (Cours GRC).</small></p>"
            "<p class='ecran'><small>Pour imprimer ou enregistrer en PDF : menu Fichier → Imprimer du navigateur "
            "(Ctrl+P).</small></p></body></html>"
        )

    def _repr_html_(self) -> str:
        return self.html()

    def ecrire_html(self, chemin: str | Path | None = None) -> Path:
        """Écrit la page imprimable (``mon-travail/bilan.html`` ou ``bilan-02.html``) et renvoie son chemin."""
        if chemin is None:
            nom = f"bilan-{self.lignes[0]['numero']}.html" if self.theme is not None and self.lignes else "bilan.html"
            chemin = self.dossier / nom
        chemin = Path(chemin)
        chemin.parent.mkdir(parents=True, exist_ok=True)
        chemin.write_text(self.html(page=True), encoding="utf-8")
        self.fichier_html = chemin
        return chemin


def bilan(theme: str | int | None = None, *, dossier: str | Path | None = None, ecrire: bool = True) -> Bilan:
    """Le bilan de progression : chaque exercice ✅ / ❌ / ✏️ avec ses essais, chaque score de quiz.

    Parameters
    ----------
    theme : str ou int, optional
        Un thème (« 02 », « rfm », 2) ; par défaut, tous les thèmes commencés.
    dossier : chemin, optional
        Le dossier du travail (par défaut :func:`dossier_travail`).
    ecrire : bool
        Écrit aussi la page imprimable ``bilan.html`` (ou ``bilan-02.html``) dans le dossier du
        travail, à ouvrir dans le navigateur pour l'imprimer ou la rendre (sauf ``GRC_PROGRESSION=0``).

    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> b = bilan("00", dossier=d)
    >>> b.compte()[0], b.fichier_html.name
    (0, 'bilan-00.html')
    """
    chemin = Path(dossier) if dossier is not None else dossier_travail()
    resultat = Bilan(lire_progression(chemin), theme, chemin)
    if ecrire and enregistrement_actif():
        try:
            resultat.ecrire_html()
        except OSError as exc:
            warnings.warn(f"Page du bilan non écrite ({exc}).", stacklevel=2)
    return resultat
