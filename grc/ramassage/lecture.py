"""Lire un retour d'élève (zip, dossier ou fichier seul) sans rien extraire, et dire ce qui est abîmé.

Un retour est une entrée du dossier ramassé : un zip (« DUPONT Marie - devoir.zip »), un dossier
(« Martin_Lea/ »), ou un fichier seul (un ``progression.json`` renommé, une copie ``.ipynb``). Un zip
rangé dans un retour (le « mon-travail.zip » de la page « Commencer ici ») est lu à son tour. On y
cherche le fichier de progression et les copies des cahiers ; le reste est signalé puis laissé de côté.

>>> import io, zipfile, json
>>> tampon = io.BytesIO()
>>> with zipfile.ZipFile(tampon, "w") as z:
...     z.writestr("mon-travail/progression.json", json.dumps({"format": 1, "quiz": {"rfm": {"score": 7, "sur": 10}}}))
...     z.writestr("mon-travail/02-segmentation-rfm.ipynb", '{"cells": [')
>>> r = lire_retour_octets("DUPONT Marie - devoir.zip", tampon.getvalue())
>>> r.progression["quiz"]["rfm"]["score"], [a.probleme[:52] for a in r.anomalies]
(7, ['copie abîmée : mon-travail/02-segmentation-rfm.ipynb'])
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..qcm.fichiers import ErreurFichier

__all__ = ["Anomalie", "Copie", "ErreurRamassage", "Retour", "lire_dossier", "lire_retour", "lire_retour_octets",
           "normaliser_progression"]

#: Les sections connues du fichier de progression (format 1) et le format que ce grc sait lire.
SECTIONS = ("exercices", "quiz", "redactions", "copies")
FORMAT_CONNU = 1
STATUTS = ("juste", "faux", "vide")
#: Fichiers du dossier ``mon-travail/`` qui ne sont pas du travail (pages régénérées, verrous, système).
_SANS_INTERET = re.compile(r"(^|/)(\.|__MACOSX/|Thumbs\.db$|desktop\.ini$|Commencer ici\.md$|bilan(-\d+)?\.html$"
                           r"|.*\.verrou$|.*\.ipynb_checkpoints/)", re.IGNORECASE)
_PROFONDEUR_ZIP = 3
NOM_DOSSIER_TRAVAIL = "mon-travail"
GRAVITES = ("erreur", "attention", "information")
_SUFFIXES = {".zip", ".json", ".ipynb"}


class ErreurRamassage(ErreurFichier):
    """Un dossier de retours inutilisable (introuvable, vide, sans aucun retour reconnu)."""


@dataclass
class Anomalie:
    """Une anomalie du ramassage : jamais tue, toujours listée (feuille « anomalies »).

    ``gravite`` : « erreur » (travail illisible ou perdu), « attention » (à vérifier), « information ».
    ``suite`` : ce que grc en a fait.
    """

    gravite: str
    source: str
    probleme: str
    suite: str = ""
    eleve: str = ""


@dataclass
class Copie:
    """Une copie de cahier rendue : son nom, son thème et ce qui y a été exécuté."""

    nom: str
    chemin: str
    theme: str
    cellules_code: int
    cellules_executees: int


@dataclass
class Retour:
    """Ce qu'un élève a rendu : progression lue (ou ``None``), copies valides, anomalies."""

    source: str
    progression: dict[str, Any] | None = None
    fichier_progression: str = ""
    copies: list[Copie] = field(default_factory=list)
    anomalies: list[Anomalie] = field(default_factory=list)
    date_fichiers: _dt.datetime | None = None

    @property
    def lisible(self) -> bool:
        """Vrai si le retour apporte quelque chose : une progression ou au moins une copie valide."""
        return self.progression is not None or bool(self.copies)

    @property
    def derniere_activite(self) -> _dt.datetime | None:
        """La date la plus récente inscrite dans la progression ; à défaut, celle des fichiers."""
        dates = list(_dates_progression(self.progression)) if self.progression else []
        return max(dates) if dates else self.date_fichiers

    @property
    def date_interne(self) -> bool:
        """Vrai si :attr:`derniere_activite` vient des dates inscrites dans la progression."""
        return bool(self.progression) and any(True for _ in _dates_progression(self.progression))

    def signaler(self, gravite: str, probleme: str, suite: str = "") -> None:
        """Ajoute une anomalie à ce retour."""
        self.anomalies.append(Anomalie(gravite, self.source, probleme, suite))


@dataclass
class _Fichier:
    chemin: str
    lire: Callable[[], bytes]
    date: _dt.datetime | None


# --- Dates ------------------------------------------------------------------------------------------


def lire_date(texte: object) -> _dt.datetime | None:
    """Une date ISO du fichier de progression (sans fuseau), ou ``None`` si elle est illisible.

    >>> lire_date("2026-12-02T18:00:00"), lire_date("hier")
    (datetime.datetime(2026, 12, 2, 18, 0), None)
    """
    if not isinstance(texte, str) or not texte:
        return None
    try:
        date = _dt.datetime.fromisoformat(texte)
    except ValueError:
        return None
    return date.astimezone().replace(tzinfo=None) if date.tzinfo else date


def _dates_progression(donnees: dict[str, Any]) -> Iterator[_dt.datetime]:
    for section in SECTIONS:
        fiches = donnees.get(section)
        if not isinstance(fiches, dict):
            continue
        for fiche in fiches.values():
            if isinstance(fiche, dict):
                for cle in ("dernier_essai", "premier_essai", "date", "reussi_le"):
                    date = lire_date(fiche.get(cle))
                    if date is not None:
                        yield date


# --- Le fichier de progression ------------------------------------------------------------------------


def _entier(valeur: object) -> int | None:
    if isinstance(valeur, bool):
        return None
    if isinstance(valeur, int):
        return valeur
    if isinstance(valeur, float) and valeur.is_integer():
        return int(valeur)
    return None


def normaliser_progression(donnees: object, signaler: Callable[[str, str, str], None]) -> dict[str, Any] | None:
    """Une progression propre à partir du contenu lu ; chaque écart est signalé, rien n'est tu.

    Les clés inconnues (d'un grc plus récent) sont ignorées et signalées ; une fiche mal formée est
    laissée de côté et signalée ; le reste est gardé.

    >>> vus = []
    >>> p = normaliser_progression({"format": 1, "badges": {}, "exercices": {"02_a": {"statut": "juste",
    ...     "essais": 1}, "02_b": "oui"}}, lambda g, p, s: vus.append(p))
    >>> sorted(p["exercices"])
    ['02_a']
    >>> for probleme in vus: print(probleme)
    clés inconnues du fichier de progression : badges
    exercice « 02_b » : fiche illisible ('oui')
    """
    if not isinstance(donnees, dict):
        signaler("erreur", f"le fichier de progression n'est pas un objet JSON ({type(donnees).__name__})",
                 "progression ignorée")
        return None
    propre: dict[str, Any] = {"format": donnees.get("format", FORMAT_CONNU)}
    fmt = _entier(donnees.get("format", FORMAT_CONNU))
    if fmt is None or fmt > FORMAT_CONNU:
        signaler("attention", f"format {donnees.get('format')!r} du fichier de progression inconnu de ce grc "
                 f"(il lit le format {FORMAT_CONNU})", "lu au mieux : mettez grc à jour")
    inconnues = sorted(set(donnees) - {"format", *SECTIONS})
    if inconnues:
        signaler("information", "clés inconnues du fichier de progression : " + ", ".join(map(str, inconnues)),
                 "ignorées")
    for section in SECTIONS:
        brut = donnees.get(section, {})
        if not isinstance(brut, dict):
            signaler("erreur", f"section « {section} » illisible ({type(brut).__name__} au lieu d'un objet)",
                     "section ignorée")
            brut = {}
        propre[section] = {}
        for nom, fiche in brut.items():
            probleme = _probleme_fiche(section, fiche)
            if probleme:
                signaler("attention", f"{_MOTS_SECTION[section]} « {nom} » : {probleme}", "fiche ignorée")
            else:
                propre[section][str(nom)] = fiche
    return propre


_MOTS_SECTION = {"exercices": "exercice", "quiz": "quiz", "redactions": "rédaction", "copies": "copie"}


def _probleme_fiche(section: str, fiche: object) -> str:
    """Ce qui empêche de lire une fiche, ou ``""``."""
    if not isinstance(fiche, dict):
        return f"fiche illisible ({str(fiche)[:40]!r})"
    if section == "exercices":
        if fiche.get("statut", "vide") not in STATUTS:
            return f"statut inconnu {fiche.get('statut')!r}"
        if _entier(fiche.get("essais", 0) or 0) is None:
            return f"nombre d'essais illisible {fiche.get('essais')!r}"
    elif section == "quiz":
        score, sur = fiche.get("score"), fiche.get("sur")
        if not isinstance(score, int | float) or not isinstance(sur, int | float) or isinstance(score, bool) \
                or sur <= 0 or not 0 <= score <= sur:
            return f"score illisible ({score!r} sur {sur!r})"
    elif section == "redactions":
        if not isinstance(fiche.get("reponse", ""), str):
            return "réponse illisible"
        if not isinstance(fiche.get("criteres", []), list) or not isinstance(fiche.get("coches", []), list):
            return "critères illisibles"
    return ""


# --- Les fichiers d'un retour -------------------------------------------------------------------------


def _date_zip(info: zipfile.ZipInfo) -> _dt.datetime | None:
    try:
        return _dt.datetime(*info.date_time)
    except ValueError:
        return None


def nom_dans_zip(info: zipfile.ZipInfo) -> str:
    """Le nom d'un fichier du zip, bien décodé : sans le drapeau UTF-8, Python lit le nom en cp437,
    alors que le zip de Windows l'écrit dans la page de code du poste (cp850 en France) et beaucoup
    d'outils en UTF-8 sans le dire ; certains séparent les dossiers par « \\ ».

    >>> info = zipfile.ZipInfo("Chloé.json".encode("cp850").decode("cp437"))
    >>> nom_dans_zip(info), nom_dans_zip(zipfile.ZipInfo("mon-travail\\\\progression.json"))
    ('Chloé.json', 'mon-travail/progression.json')
    """
    nom = info.filename
    if not info.flag_bits & 0x800:
        try:
            brut = info.filename.encode("cp437")
        except UnicodeEncodeError:
            brut = b""
        for encodage in ("utf-8", "cp850"):
            try:
                nom = brut.decode(encodage) if brut else nom
                break
            except UnicodeDecodeError:
                continue
    return nom.replace("\\", "/")  # certains outils de Windows séparent les dossiers par « \\ »


def _fichiers_zip(donnees: bytes, prefixe: str, retour: Retour, profondeur: int) -> Iterator[_Fichier]:
    """Les fichiers d'un zip (et des zips qu'il contient) ; un zip abîmé est signalé."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(donnees))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        retour.signaler("erreur", f"archive zip illisible{' : ' + prefixe if prefixe else ''} ({_raison_zip(exc)})",
                        "rien n'a pu être lu dans cette archive : demandez à l'élève de la renvoyer")
        return
    for info in infos:
        nom = nom_dans_zip(info)
        if info.is_dir() or _SANS_INTERET.search(nom):
            continue
        chemin = f"{prefixe}{nom}"
        if info.flag_bits & 0x1:
            retour.signaler("erreur", f"fichier chiffré (mot de passe) : {chemin}", "ignoré")
            continue

        def lire(archive: zipfile.ZipFile = archive, info: zipfile.ZipInfo = info) -> bytes:
            return archive.read(info)

        if nom.lower().endswith(".zip"):
            yield from _zip_imbrique(chemin, lire, retour, profondeur)
        else:
            yield _Fichier(chemin, lire, _date_zip(info))


def _zip_imbrique(chemin: str, lire: Callable[[], bytes], retour: Retour, profondeur: int) -> Iterator[_Fichier]:
    if profondeur >= _PROFONDEUR_ZIP:
        retour.signaler("attention", f"zip rangé trop profondément : {chemin}", "ignoré")
        return
    try:
        donnees = lire()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        retour.signaler("erreur", f"archive zip illisible : {chemin} ({_raison_zip(exc)})", "ignorée")
        return
    yield from _fichiers_zip(donnees, chemin + "/", retour, profondeur + 1)


def _raison_zip(exc: BaseException) -> str:
    if isinstance(exc, zipfile.BadZipFile):
        return "ce n'est pas un zip, ou il est incomplet"
    if isinstance(exc, EOFError):
        return "fichier tronqué"
    return str(exc) or type(exc).__name__


def _date_fichier(chemin: Path) -> _dt.datetime | None:
    try:
        return _dt.datetime.fromtimestamp(chemin.stat().st_mtime).replace(microsecond=0)
    except OSError:
        return None


def _fichiers_dossier(dossier: Path, retour: Retour) -> Iterator[_Fichier]:
    for chemin in sorted(dossier.rglob("*")):
        relatif = chemin.relative_to(dossier).as_posix()
        if not chemin.is_file() or _SANS_INTERET.search(relatif):
            continue
        if chemin.suffix.lower() == ".zip":
            yield from _zip_imbrique(relatif, chemin.read_bytes, retour, 0)
        else:
            yield _Fichier(relatif, chemin.read_bytes, _date_fichier(chemin))


# --- Reconnaître la progression et les copies ------------------------------------------------------------


def _theme_du_nom(nom: str) -> str:
    trouve = re.match(r"(\d{2})[-_ ]", nom)
    return trouve.group(1) if trouve else ""


def _lire_copie(fichier: _Fichier, retour: Retour) -> Copie | None:
    """Une copie de cahier valide, ou ``None`` (copie abîmée signalée)."""
    try:
        brut = fichier.lire()
        cahier = json.loads(brut.decode("utf-8-sig"))
        cellules = cahier["cells"]
        if not isinstance(cellules, list) or not isinstance(cahier.get("nbformat"), int):
            raise ValueError("pas un cahier Jupyter")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, OSError, zipfile.BadZipFile, EOFError) as exc:
        raison = "tronquée ou qui n'est plus du JSON" if isinstance(exc, ValueError | UnicodeDecodeError) else \
            "ce n'est pas un cahier Jupyter"
        retour.signaler("erreur", f"copie abîmée : {fichier.chemin} ({raison})",
                        "copie ignorée : demandez-la à l'élève (la progression, elle, est lue)")
        return None
    code = [c for c in cellules if isinstance(c, dict) and c.get("cell_type") == "code"]
    nom = PurePosixPath(fichier.chemin).name
    return Copie(nom, fichier.chemin, _theme_du_nom(nom), len(code),
                 sum(1 for c in code if c.get("execution_count") is not None))


def _lire_json(fichier: _Fichier) -> tuple[object, str]:
    """(contenu, problème) d'un fichier JSON."""
    try:
        return json.loads(fichier.lire().decode("utf-8-sig")), ""
    except UnicodeDecodeError:
        return None, "ce n'est pas du texte UTF-8"
    except ValueError as exc:
        return None, f"ce n'est pas du JSON valide, fichier tronqué ou modifié à la main ({exc.msg}, ligne {exc.lineno})"
    except (OSError, zipfile.BadZipFile, EOFError) as exc:
        return None, _raison_zip(exc)


def _ressemble_progression(contenu: object) -> bool:
    return isinstance(contenu, dict) and bool(set(contenu) & {"format", *SECTIONS})


def _choisir_progression(candidats: list[tuple[str, object]], retour: Retour) -> None:
    """Garde la progression la plus récente (dates inscrites dedans) quand le retour en a plusieurs."""
    lues: list[tuple[_dt.datetime, str, dict[str, Any]]] = []
    for chemin, contenu in candidats:
        anomalies: list[Anomalie] = []
        propre = normaliser_progression(
            contenu, lambda g, p, s, chemin=chemin, anomalies=anomalies: anomalies.append(
                Anomalie(g, retour.source, f"{p} ({chemin})", s)))
        retour.anomalies.extend(anomalies)
        if propre is not None:
            dates = list(_dates_progression(propre))
            lues.append((max(dates) if dates else _dt.datetime.min, chemin, propre))
    if not lues:
        return
    lues.sort(key=lambda x: x[0], reverse=True)
    _, retour.fichier_progression, retour.progression = lues[0]
    if len(lues) > 1:
        retour.signaler("attention", f"{len(lues)} fichiers de progression dans ce retour : "
                        + ", ".join(c for _, c, _ in lues), f"gardé le plus récent : {lues[0][1]}")


def _dans_mon_travail(chemin: str) -> bool:
    return NOM_DOSSIER_TRAVAIL in PurePosixPath(chemin).parts[:-1]


def _liste_courte(noms: list[str], n: int = 5) -> str:
    """« a, b, c » ou « a, b, c… (12 en tout) »."""
    return ", ".join(noms[:n]) + (f"… ({len(noms)} en tout)" if len(noms) > n else "")


def _analyser(retour: Retour, fichiers: Iterator[_Fichier], seul: bool) -> Retour:
    """Trie les fichiers d'un retour : progression(s), copies, le reste (signalé en une ligne).

    Quand le retour contient un dossier ``mon-travail/`` (l'élève a rendu tout le cours, par exemple),
    seul ce dossier est lu : les cahiers du cours, à côté, ne sont pas le travail de l'élève.
    """
    tous = list(fichiers)
    if any(_dans_mon_travail(f.chemin) for f in tous):
        hors = [f.chemin for f in tous if not _dans_mon_travail(f.chemin)]
        if hors:
            retour.signaler("information", f"{len(hors)} fichier(s) hors du dossier mon-travail : "
                            + _liste_courte(hors), "ignorés : seul mon-travail/ est le travail de l'élève")
        tous = [f for f in tous if _dans_mon_travail(f.chemin)]
    candidats: list[tuple[str, object]] = []
    dates: list[_dt.datetime] = []
    ignores: list[str] = []
    for fichier in tous:
        if fichier.date is not None:
            dates.append(fichier.date)
        nom = PurePosixPath(fichier.chemin).name.lower()
        if nom.endswith(".ipynb"):
            copie = _lire_copie(fichier, retour)
            if copie is not None:
                retour.copies.append(copie)
        elif nom.endswith(".json"):
            if nom.startswith("progression-abimee"):
                retour.signaler("information", f"ancien fichier de progression abîmé, mis de côté par grc : "
                                f"{fichier.chemin}", "ignoré")
                continue
            contenu, probleme = _lire_json(fichier)
            if probleme:
                if "progression" in nom or seul:
                    retour.signaler("erreur", f"fichier de progression abîmé : {fichier.chemin} ({probleme})",
                                    "progression ignorée : résultats des exercices, quiz et rédactions perdus "
                                    "pour ce retour")
                else:
                    retour.signaler("information", f"fichier JSON illisible ignoré : {fichier.chemin}", "ignoré")
            elif _ressemble_progression(contenu) or "progression" in nom or seul:
                candidats.append((fichier.chemin, contenu))
            else:
                ignores.append(fichier.chemin)
        else:
            ignores.append(fichier.chemin)
    if ignores:
        retour.signaler("information", f"{len(ignores)} fichier(s) qui ne sont ni une copie .ipynb ni la "
                        f"progression : {_liste_courte(ignores)}", "ignorés")
    _choisir_progression(candidats, retour)
    retour.date_fichiers = max(dates) if dates else None
    if not retour.lisible and not any(a.gravite == "erreur" for a in retour.anomalies):
        retour.signaler("erreur", "aucun travail reconnu dans ce retour (ni progression.json, ni copie .ipynb)",
                        "compté comme rendu illisible")
    elif retour.progression is None and retour.copies:
        retour.signaler("attention", "copies rendues sans fichier de progression",
                        "exercices, quiz et rédactions inconnus pour ce retour")
    return retour


def est_retour(chemin: Path) -> bool:
    """Vrai pour une entrée qui peut être un retour : dossier, ``.zip``, ``.json`` ou ``.ipynb``.

    >>> est_retour(Path("DUPONT Marie - devoir.zip")), est_retour(Path("consignes.pdf"))
    (True, False)
    """
    return chemin.is_dir() or chemin.suffix.lower() in _SUFFIXES


def lire_retour(chemin: str | Path) -> Retour:
    """Lit un retour : un dossier, un zip, ou un fichier seul (``.json``, ``.ipynb``).

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "Léa Martin.json"
    >>> _ = f.write_text("{\\"format\\": 1, \\"exercices\\": {", encoding="utf-8")
    >>> [a.probleme[:40] for a in lire_retour(f).anomalies]
    ['fichier de progression abîmé : Léa Marti']
    """
    chemin = Path(chemin)
    retour = Retour(chemin.name)
    if chemin.is_dir():
        return _analyser(retour, _fichiers_dossier(chemin, retour), seul=False)
    if chemin.suffix.lower() == ".zip":
        try:
            donnees = chemin.read_bytes()
        except OSError as exc:
            retour.signaler("erreur", f"fichier illisible ({exc.strerror})", "ignoré")
            return retour
        return lire_retour_octets(chemin.name, donnees, _date_fichier(chemin))
    fichier = _Fichier(chemin.name, chemin.read_bytes, _date_fichier(chemin))
    return _analyser(retour, iter([fichier]), seul=True)


def lire_retour_octets(nom: str, donnees: bytes, date: _dt.datetime | None = None) -> Retour:
    """Lit un retour donné par son nom et son contenu (un zip, ou un fichier seul).

    >>> r = lire_retour_octets("Léa Martin.ipynb", b'{"cells": [], "nbformat": 4}')
    >>> [c.nom for c in r.copies], r.anomalies[0].probleme
    (['Léa Martin.ipynb'], 'copies rendues sans fichier de progression')
    """
    retour = Retour(nom)
    if nom.lower().endswith(".zip"):
        _analyser(retour, _fichiers_zip(donnees, "", retour, 0), seul=False)
    else:
        _analyser(retour, iter([_Fichier(nom, lambda: donnees, date)]), seul=True)
    if retour.date_fichiers is None:
        retour.date_fichiers = date
    return retour


def lire_dossier(dossier: str | Path) -> tuple[list[Retour], list[Anomalie]]:
    """Les retours d'un dossier (un par entrée), et les anomalies des entrées qui n'en sont pas.

    ``dossier`` peut aussi être le zip de toute la classe téléchargé de l'ENT : ses entrées du
    premier niveau sont alors les retours. Lève :class:`ErreurRamassage` (message en français)
    pour un dossier introuvable, vide, ou sans aucun retour reconnu.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> lire_dossier(d)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    grc.ramassage.lecture.ErreurRamassage: Le dossier « ... » est vide : téléchargez d'abord les travaux ...
    >>> _ = (d / "consignes.pdf").write_bytes(b"%PDF"); _ = (d / "Léa Martin.json").write_text("{}")
    >>> retours, autres = lire_dossier(d)
    >>> [r.source for r in retours], [a.source for a in autres]
    (['Léa Martin.json'], ['consignes.pdf'])
    """
    dossier = Path(dossier)
    if not dossier.exists():
        raise ErreurRamassage(f"Dossier introuvable : « {dossier} ». Donnez le dossier des travaux téléchargé de "
                              "l'ENT (décompressé ou non).")
    if dossier.is_file():
        if dossier.suffix.lower() != ".zip":
            raise ErreurRamassage(f"« {dossier.name} » est un fichier : donnez le dossier des travaux rendus (ou le "
                                  "zip de toute la classe téléchargé de l'ENT).")
        return _lire_zip_de_classe(dossier)
    entrees = sorted((p for p in dossier.iterdir() if not _SANS_INTERET.search(p.name)), key=lambda p: p.name)
    if not entrees:
        raise ErreurRamassage(f"Le dossier « {dossier} » est vide : téléchargez d'abord les travaux rendus depuis "
                              "l'ENT, puis donnez le dossier où ils sont.")
    retours = [lire_retour(p) for p in entrees if est_retour(p)]
    autres = [Anomalie("information", p.name, "fichier qui n'est pas un retour (ni zip, ni dossier, ni .json, ni "
                       ".ipynb)", "ignoré") for p in entrees if not est_retour(p)]
    if not retours:
        raise ErreurRamassage(f"Aucun retour reconnu dans « {dossier} » : {len(entrees)} fichier(s), dont aucun zip, "
                              "dossier, .json ou .ipynb. Les élèves rendent leur « mon-travail.zip » ou leurs "
                              "fichiers progression.json et .ipynb.")
    return retours, autres


def _lire_zip_de_classe(chemin: Path) -> tuple[list[Retour], list[Anomalie]]:
    try:
        archive = zipfile.ZipFile(chemin)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ErreurRamassage(f"Le zip « {chemin.name} » est illisible ({_raison_zip(exc)}) : téléchargez-le à "
                              "nouveau depuis l'ENT.") from exc
    premiers: dict[str, list[tuple[str, zipfile.ZipInfo]]] = {}
    for info in infos:
        nom = nom_dans_zip(info)
        if _SANS_INTERET.search(nom):
            continue
        premiers.setdefault(nom.split("/", 1)[0], []).append((nom, info))
    if not premiers:
        raise ErreurRamassage(f"Le zip « {chemin.name} » est vide.")
    retours: list[Retour] = []
    autres: list[Anomalie] = []
    for tete, contenu in sorted(premiers.items()):
        if any("/" in nom for nom, _ in contenu):
            retour = Retour(tete)
            fichiers = (_Fichier(nom.split("/", 1)[1], lambda i=i: archive.read(i), _date_zip(i))
                        for nom, i in contenu if not i.is_dir())
            tampon = []
            for f in fichiers:
                if f.chemin.lower().endswith(".zip"):
                    tampon.extend(_zip_imbrique(f.chemin, f.lire, retour, 0))
                else:
                    tampon.append(f)
            retours.append(_analyser(retour, iter(tampon), seul=False))
        elif Path(tete).suffix.lower() in _SUFFIXES:
            info = contenu[0][1]
            retours.append(lire_retour_octets(tete, archive.read(info), _date_zip(info)))
        else:
            autres.append(Anomalie("information", tete, "fichier qui n'est pas un retour", "ignoré"))
    if not retours:
        raise ErreurRamassage(f"Aucun retour reconnu dans le zip « {chemin.name} ».")
    return retours, autres
