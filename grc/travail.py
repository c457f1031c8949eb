"""Le travail de l'élève, à l'abri du cours : ses copies des cahiers dans ``mon-travail/``.

Les fichiers du cours (``notebooks/``, ``course/``, ``datasets/``) appartiennent au cours : une mise à
jour les remplace. L'élève travaille sur des **copies**, dans le dossier ``mon-travail/`` à la racine
du cours (ignoré par git) :

- la copie d'un cahier est faite à sa première ouverture depuis la page « Commencer ici » (ou par la
  commande ``python -m grc.travail copier 02``), puis elle n'est **jamais écrasée** ;
- l'empreinte (SHA-256) du cahier copié est notée dans le fichier de progression (clé ``copies``) ;
  quand le cahier du cours change, la page d'accueil le dit, et un clic (ou
  ``python -m grc.travail nouvelle 02``) fait une copie neuve **à côté** de l'ancienne :
  ``02-segmentation-rfm (v2).ipynb`` ;
- :func:`lien_lecon` donne le lien qui ouvre une leçon à une section, dans JupyterLab et sur le site.

>>> nom_nouvelle_copie("02-segmentation-rfm.ipynb", {"02-segmentation-rfm.ipynb"})
'02-segmentation-rfm (v2).ipynb'
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import html
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .progression import exercices_marques_approfondissement
from .themes import THEMES, Theme, theme

__all__ = [
    "NOM_ACCUEIL",
    "EtatCahier",
    "dossier_travail",
    "ecrire_accueil",
    "empreinte",
    "etat_du_travail",
    "faire_copie",
    "lien_lecon",
    "lier_sections",
    "nouvelle_copie",
    "page_accueil",
    "racine_cours",
]

#: Le nom de la page d'accueil, écrite dans ``mon-travail/`` (régénérée à chaque ouverture : ce
#: n'est pas un travail de l'élève).
NOM_ACCUEIL = "Commencer ici.md"
DOSSIER_TRAVAIL = "mon-travail"
_MOTIF_VERIFIER = re.compile(r"verifier\(\s*\\?[\"']([A-Za-z0-9_]+)\\?[\"']")


# --- Où sont le cours et le travail --------------------------------------------------------------


def _est_racine(dossier: Path) -> bool:
    return (dossier / "notebooks").is_dir() and (dossier / "course").is_dir()


def racine_cours(depart: str | Path | None = None) -> Path:
    """La racine du cours : ``$GRC_COURS``, sinon le premier dossier (en remontant depuis ``depart`` ou
    le dossier courant) qui contient ``notebooks/`` et ``course/``.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for sous in ("notebooks", "course", "mon-travail"): (d / sous).mkdir()
    >>> racine_cours(d / "mon-travail") == d
    True
    """
    if depart is None and os.environ.get("GRC_COURS"):
        return Path(os.environ["GRC_COURS"]).resolve()
    ici = Path(depart or Path.cwd()).resolve()
    for dossier in (ici, *ici.parents):
        if _est_racine(dossier):
            return dossier
    raise FileNotFoundError(
        f"Racine du cours introuvable depuis {ici} : aucun dossier parent ne contient notebooks/ et course/. "
        "Lancez JupyterLab depuis le dossier du cours, ou indiquez-le dans la variable GRC_COURS.")


def dossier_travail(racine: str | Path | None = None) -> Path:
    """Le dossier ``mon-travail/`` : celui de ``racine`` si elle est donnée, sinon celui que choisit
    :func:`grc.progression.dossier_travail` (``$GRC_TRAVAIL``, ou le plus proche du dossier courant).

    >>> import pathlib
    >>> dossier_travail("/cours").as_posix()
    '/cours/mon-travail'
    """
    if racine is not None:
        return Path(racine) / DOSSIER_TRAVAIL
    try:
        from .progression import dossier_travail as choisir
    except ImportError:
        choisir = None
    if choisir is not None:
        return Path(choisir())
    if os.environ.get("GRC_TRAVAIL"):
        return Path(os.environ["GRC_TRAVAIL"])
    try:
        return racine_cours() / DOSSIER_TRAVAIL
    except FileNotFoundError:
        return Path.cwd() / DOSSIER_TRAVAIL


def empreinte(chemin: str | Path) -> str:
    """L'empreinte SHA-256 (hexadécimale) d'un fichier.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "a.txt"; _ = f.write_bytes(b"abc")
    >>> empreinte(f)[:12]
    'ba7816bf8f01'
    """
    return hashlib.sha256(Path(chemin).read_bytes()).hexdigest()


# --- Le fichier de progression (clé « copies ») ----------------------------------------------------


def _fichier_progression(dossier: Path) -> Path:
    return dossier / "progression.json"


def _lire(dossier: Path) -> dict:
    """Le fichier de progression du dossier (vide s'il n'existe pas ou s'il est illisible)."""
    try:
        from .progression import lire_progression
    except ImportError:
        lire_progression = None
    if lire_progression is not None:
        try:
            return lire_progression(dossier)
        except Exception:  # un fichier abîmé ne doit pas empêcher d'ouvrir la page d'accueil
            pass
    try:
        donnees = json.loads(_fichier_progression(dossier).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return donnees if isinstance(donnees, dict) else {}


def _ecrire_atomique(chemin: Path, donnees: dict) -> None:
    chemin.parent.mkdir(parents=True, exist_ok=True)
    fd, provisoire = tempfile.mkstemp(prefix=".progression-", suffix=".json", dir=chemin.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(donnees, f, ensure_ascii=False, indent=1)
    os.replace(provisoire, chemin)


def _noter_copie(dossier: Path, cahier: str, copie: str, signature: str) -> None:
    """Note la copie dans ``copies`` : par :func:`grc.progression.noter_copie` s'il existe, sinon ici."""
    try:
        from .progression import noter_copie
    except ImportError:
        noter_copie = None
    if noter_copie is not None:
        try:
            noter_copie(cahier, copie, signature, dossier=dossier)
            return
        except TypeError:  # une version sans le paramètre « dossier »
            pass
        ancien = os.environ.get("GRC_TRAVAIL")
        os.environ["GRC_TRAVAIL"] = str(dossier)
        try:
            noter_copie(cahier, copie, signature)
            return
        finally:
            if ancien is None:
                os.environ.pop("GRC_TRAVAIL", None)
            else:
                os.environ["GRC_TRAVAIL"] = ancien
    # Repli tant que grc.progression n'existe pas : même format, clés inconnues préservées.
    donnees = _lire(dossier)
    donnees.setdefault("format", 1)
    donnees.setdefault("copies", {})[cahier] = {
        "copie": copie, "empreinte_cours": signature,
        "date": _dt.datetime.now().isoformat(timespec="seconds")}
    _ecrire_atomique(_fichier_progression(dossier), donnees)


# --- Les copies ---------------------------------------------------------------------------------


def _theme(cle: str | int | Theme) -> Theme:
    return cle if isinstance(cle, Theme) else theme(cle)


def nom_nouvelle_copie(nom: str, existants: Iterable[str]) -> str:
    """Le nom d'une copie neuve posée à côté des autres : ``X (v2).ipynb``, ``X (v3).ipynb``...

    >>> nom_nouvelle_copie("02-rfm.ipynb", {"02-rfm.ipynb", "02-rfm (v2).ipynb"})
    '02-rfm (v3).ipynb'
    """
    existants = set(existants)
    base, extension = os.path.splitext(nom)
    version = 2
    while f"{base} (v{version}){extension}" in existants:
        version += 1
    return f"{base} (v{version}){extension}"


def _copier(source: Path, cible: Path) -> None:
    """Copie sans jamais écraser : échoue si ``cible`` existe (création exclusive)."""
    cible.parent.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as entree, cible.open("xb") as sortie:
        shutil.copyfileobj(entree, sortie)


def faire_copie(cle: str | int | Theme, racine: str | Path | None = None) -> Path:
    """La copie de l'élève du cahier d'un thème ; la fait (et la note) si elle n'existe pas encore.

    Une copie existante n'est jamais écrasée : la fonction la renvoie telle quelle.

    >>> import tempfile, pathlib, shutil
    >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "course").mkdir(); (d / "notebooks").mkdir()
    >>> _ = (d / "notebooks" / "02-segmentation-rfm.ipynb").write_text("{}")
    >>> faire_copie("rfm", d).relative_to(d).as_posix()
    'mon-travail/02-segmentation-rfm.ipynb'
    """
    t = _theme(cle)
    racine = Path(racine) if racine is not None else racine_cours()
    travail = racine / DOSSIER_TRAVAIL
    cours = racine / t.cahier
    if not cours.exists():
        raise FileNotFoundError(f"Le cahier du thème {t.numero} est introuvable : {cours}.")
    notee = _lire(travail).get("copies", {}).get(cours.name, {})
    if notee.get("copie") and (travail / notee["copie"]).exists():
        return travail / notee["copie"]
    copie = travail / cours.name
    if copie.exists():  # copie faite à la main ou fichier de progression perdu : on la garde
        if not notee:
            _noter_copie(travail, cours.name, copie.name, empreinte(copie))
        return copie
    _copier(cours, copie)
    _noter_copie(travail, cours.name, copie.name, empreinte(cours))
    return copie


def nouvelle_copie(cle: str | int | Theme, racine: str | Path | None = None) -> Path:
    """Fait une copie neuve du cahier du cours *à côté* des anciennes (``X (v2).ipynb``) et la note.

    Les anciennes copies restent où elles sont, intactes.
    """
    t = _theme(cle)
    racine = Path(racine) if racine is not None else racine_cours()
    travail = racine / DOSSIER_TRAVAIL
    cours = racine / t.cahier
    if not (travail / cours.name).exists() and not _lire(travail).get("copies", {}).get(cours.name):
        return faire_copie(t, racine)
    existants = {p.name for p in travail.glob("*")} if travail.is_dir() else set()
    copie = travail / nom_nouvelle_copie(cours.name, existants)
    _copier(cours, copie)
    _noter_copie(travail, cours.name, copie.name, empreinte(cours))
    return copie


# --- L'état du travail et la page d'accueil -----------------------------------------------------


@dataclass(frozen=True)
class EtatCahier:
    """Où en est l'élève sur un cahier."""

    theme: Theme
    copie: str | None  # nom du fichier dans mon-travail/, None tant qu'il n'y a pas de copie
    nouvelle_version: bool  # le cahier du cours a changé depuis la copie
    exercices: int  # nombre d'exercices vérifiés du tronc commun (BTS) du cahier
    justes: int
    faux: int
    quiz: dict | None  # {"score", "sur", "meilleur"} ou None
    redactions: tuple[int, int] = (0, 0)  # (réponses rédigées écrites, réponses rédigées du cahier)
    approfondissement: tuple[int, int] = (0, 0)  # (exercices d'approfondissement justes, en tout)

    @property
    def commence(self) -> bool:
        return self.copie is not None


def exercices_du_cahier(chemin: Path) -> list[str]:
    """Les noms des exercices vérifiés dans un cahier (appels ``verifier("nom", ...)``), dans l'ordre."""
    try:
        texte = chemin.read_text(encoding="utf-8")
    except OSError:
        return []
    return list(dict.fromkeys(_MOTIF_VERIFIER.findall(texte)))


def exercices_approfondissement(chemin: Path) -> set[str]:
    """Les exercices du cahier marqués approfondissement (facultatifs en BTS), d'après ses cellules."""
    try:
        cellules = json.loads(chemin.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return set()
    return exercices_marques_approfondissement(cellules)


_MOTIF_REDIGER = re.compile(r'rediger\(\\?"([0-9A-Za-z_]+)\\?"\)')


def redactions_du_cahier(chemin: Path) -> list[str]:
    """Les noms des réponses rédigées d'un cahier (appels ``rediger("nom")``), dans l'ordre."""
    try:
        texte = chemin.read_text(encoding="utf-8")
    except OSError:
        return []
    return list(dict.fromkeys(_MOTIF_REDIGER.findall(texte)))


def etat_du_travail(racine: str | Path | None = None) -> list[EtatCahier]:
    """L'état de chaque cahier du cours : copie, nouvelle version, exercices justes, score du quiz."""
    racine = Path(racine) if racine is not None else racine_cours()
    travail = racine / DOSSIER_TRAVAIL
    progression = _lire(travail)
    copies = progression.get("copies", {})
    resultats = progression.get("exercices", {})
    quiz = progression.get("quiz", {})
    etats = []
    for t in THEMES:
        cours = racine / t.cahier
        if not cours.exists():
            continue
        notee = copies.get(cours.name) or {}
        copie = notee.get("copie")
        if not copie or not (travail / copie).exists():
            copie = cours.name if (travail / cours.name).exists() else None
        nouvelle = bool(copie and notee.get("empreinte_cours") and notee["empreinte_cours"] != empreinte(cours))
        tous = exercices_du_cahier(cours)
        approfondis = exercices_approfondissement(cours)
        noms = [n for n in tous if n not in approfondis]
        statuts = [resultats.get(n, {}).get("statut") for n in noms]
        statuts_a = [resultats.get(n, {}).get("statut") for n in tous if n in approfondis]
        redigees = redactions_du_cahier(cours)
        ecrites = sum(bool(str(progression.get("redactions", {}).get(n, {}).get("reponse", "")).strip())
                      for n in redigees)
        etats.append(EtatCahier(t, copie, nouvelle, len(noms), statuts.count("juste"), statuts.count("faux"),
                                quiz.get(t.etiquette) or quiz.get(t.numero)
                                or (quiz.get("tous") if t.qcm is None else None),  # révision : quiz("tous")
                                (ecrites, len(redigees)), (statuts_a.count("juste"), len(statuts_a))))
    return etats


def _colonne_exercices(e: EtatCahier) -> str:
    """« 2 / 6 ✅ · 1 ❌ · 🎓 0 / 6 · ✍️ 1 / 4 rédigée » : tronc commun, approfondissement, rédactions."""
    morceaux = []
    if e.exercices:
        morceaux.append(f"{e.justes} / {e.exercices}" + (" ✅" if e.justes else "") + (f" · {e.faux} ❌" if e.faux else ""))
    if e.approfondissement[1]:
        morceaux.append(f"🎓 {e.approfondissement[0]} / {e.approfondissement[1]}")
    if e.redactions[0]:
        morceaux.append(f"✍️ {e.redactions[0]} / {e.redactions[1]} rédigée{'s' if e.redactions[0] > 1 else ''}")
    return " · ".join(morceaux) or "—"


def _chemin_url(nom: str) -> str:
    from urllib.parse import quote

    return quote(nom)


BADGE_APPROFONDISSEMENT = "🎓 Approfondissement (BUT TC, licence, école) — facultatif en BTS"


def texte_deux_parcours() -> list[str]:
    """Les lignes (MyST) qui présentent les deux parcours : BTS, et approfondissement.

    Les thèmes entiers d'approfondissement sont lus dans l'index (:mod:`grc.themes`, champ ``niveau``).

    >>> lignes = texte_deux_parcours()
    >>> lignes[0], any("06" in ligne and "11" in ligne for ligne in lignes)
    ('## Deux parcours, un seul cours', True)
    """
    approfondis = [t for t in THEMES if t.niveau == "approfondissement"]
    noms = " et ".join(f"**{t.numero}** ({t.titre})" for t in approfondis) or "aucun"
    return [
        "## Deux parcours, un seul cours",
        "",
        ":::{admonition} Parcours BTS (MCO, NDRC)",
        ":class: tip",
        f"Le **cœur** de chaque thème. Vous passez les thèmes {noms}, et, dans les autres cahiers et "
        f"leçons, les parties marquées « {BADGE_APPROFONDISSEMENT} ». Un cahier s'exécute jusqu'au bout "
        "même si ses exercices d'approfondissement restent vides (`...`).",
        ":::",
        "",
        ":::{admonition} Parcours approfondissement (BUT TC, licence, école)",
        ":class: approfondissement",
        "**Tout** le cours : le cœur de chaque thème, les parties marquées 🎓, et les thèmes entiers "
        f"d'approfondissement {noms}.",
        ":::",
        "",
        "Dans les deux cas, chaque **question rédigée** se corrige de la même façon : écrivez votre réponse "
        "dans la zone prévue sous la question, puis comparez-la à la réponse modèle et cochez les critères "
        "de la grille que votre réponse remplit (sauf si votre professeur a fermé les réponses modèles).",
    ]


def page_accueil(racine: str | Path | None = None, base_url: str = "/") -> str:
    """Le texte MyST de la page « Commencer ici » (liste des cahiers, progression, liens).

    ``base_url`` : le préfixe du serveur Jupyter (``/`` en local, ``/user/<nom>/`` sur un JupyterHub),
    pour les liens qui font une copie (``<base_url>grc/ouvrir/02``).
    """
    racine = Path(racine) if racine is not None else racine_cours()
    base = base_url if base_url.endswith("/") else base_url + "/"
    etats = etat_du_travail(racine)
    lignes = [
        "# Commencer ici",
        "",
        "Bienvenue dans le cours de **gestion de la relation client (GRC)**. Chaque thème a une **leçon** "
        "(à lire) et un **cahier d'exercices** (à faire dans JupyterLab).",
        "",
        ":::{admonition} Par où commencer ?",
        ":class: tip",
        "1. Si vous n'avez jamais utilisé Jupyter, commencez par le cahier **00 · Prise en main** : "
        "il explique tout depuis le début.",
        "2. Ensuite, suivez les thèmes dans l'ordre, ou celui que votre professeur indique.",
        "3. Pour chaque thème : lisez la leçon, puis ouvrez votre cahier et faites les exercices.",
        ":::",
        "",
        *texte_deux_parcours(),
        "",
        "## Comment marche un cahier",
        "",
        "- Un cahier est une suite de **cellules** : du texte, et du code Python. Cliquez dans une cellule "
        "de code puis appuyez sur **Maj + Entrée** pour l'exécuter.",
        "- Exécutez les cellules **dans l'ordre, de haut en bas** : chacune utilise ce que les précédentes "
        "ont calculé. Après un redémarrage du noyau, menu **Exécution › Exécuter toutes les cellules**.",
        "- Dans un exercice, remplacez les `...` par votre réponse ; la ligne `verifier(...)` dit si c'est "
        "juste ✅, faux ❌ (et pourquoi), ou pas encore fait ✏️.",
        "- Vous travaillez sur **votre copie**, rangée dans le dossier `mon-travail/` : elle est enregistrée "
        "automatiquement, et une mise à jour du cours ne l'écrase jamais.",
        "",
        "## Vos cahiers",
        "",
        "| thème | leçon | votre cahier | exercices | quiz |",
        "| --- | --- | --- | --- | --- |",
    ]
    avertissements = []
    for e in etats:
        t = e.theme
        titre = f"**{t.numero}** · {t.titre}"
        if t.niveau == "approfondissement":
            titre += " · 🎓 *approfondissement*"
        lecon = f"[Lire](../{_chemin_url(t.lecon)})" if (racine / t.lecon).exists() else "—"
        if e.copie:
            cahier = f"[Ouvrir ma copie]({_chemin_url(e.copie)})"
        else:
            cahier = f"[Commencer]({base}grc/ouvrir/{t.numero})"
        if e.nouvelle_version:
            cahier += " · 🆕 nouvelle version"
            avertissements.append(
                f"- **{t.numero} · {t.titre}** : le cours a été mis à jour depuis votre copie "
                f"`{e.copie}`. [Faire une copie neuve à côté]({base}grc/nouvelle-copie/{t.numero}) "
                "(votre copie actuelle reste intacte).")
        exercices = _colonne_exercices(e)
        if e.quiz and "score" in e.quiz:
            quiz = f"{e.quiz['score']} / {e.quiz.get('sur', '?')}"
        else:
            quiz = "—"
        lignes.append(f"| {titre} | {lecon} | {cahier} | {exercices} | {quiz} |")
    if avertissements:
        lignes += ["", ":::{admonition} Nouvelles versions du cours", ":class: important", *avertissements, ":::"]
    lignes += [
        "",
        "## Votre progression",
        "",
        "Colonne « exercices » : les exercices justes sur ceux du tronc commun (parcours BTS) ; 🎓 : ceux "
        "d'approfondissement, facultatifs en BTS ; ✍️ : les réponses rédigées écrites.",
        "",
        "Le tableau ci-dessus se met à jour à chaque ouverture de cette page "
        f"([l'actualiser maintenant]({base}grc/accueil)). Dans un cahier, `bilan()` affiche le détail "
        "de chaque exercice et de chaque quiz, prêt à imprimer" + _dernier_bilan(racine / DOSSIER_TRAVAIL),
        "",
        "Pour rendre votre travail : le dossier `mon-travail/` contient vos copies et le fichier "
        "`progression.json` ; c'est lui que vous déposez sur l'espace numérique de l'établissement.",
        "",
    ]
    return "\n".join(lignes)


def _dernier_bilan(travail: Path) -> str:
    """« ; le dernier : [bilan-02.html](bilan-02.html). » si ``bilan()`` a écrit une page, sinon « . »."""
    bilans = sorted(travail.glob("bilan*.html"), key=lambda p: p.stat().st_mtime) if travail.is_dir() else []
    if not bilans:
        return "."
    return f" ; le dernier : [{bilans[-1].name}]({_chemin_url(bilans[-1].name)})."


def ecrire_accueil(racine: str | Path | None = None, base_url: str = "/") -> Path:
    """Écrit (ou réécrit) ``mon-travail/Commencer ici.md`` et renvoie son chemin."""
    racine = Path(racine) if racine is not None else racine_cours()
    chemin = racine / DOSSIER_TRAVAIL / NOM_ACCUEIL
    chemin.parent.mkdir(parents=True, exist_ok=True)
    texte = page_accueil(racine, base_url)
    if not chemin.exists() or chemin.read_text(encoding="utf-8") != texte:
        chemin.write_text(texte, encoding="utf-8")
    return chemin


# --- Les liens vers les leçons --------------------------------------------------------------------


def _lien_pour_site() -> bool:
    return os.environ.get("GRC_LIENS", "").strip().lower() == "site"


def lien_lecon(cle: str | int | Theme, etiquette: str | None = None, texte: str | None = None) -> str:
    """Un lien HTML qui ouvre la leçon d'un thème à une section (étiquette MyST ``(rfm-scores)=``).

    Dans JupyterLab, le lien est relatif au cahier (``../course/02-segmentation-rfm.md#rfm-scores``) :
    JupyterLab ouvre la leçon rendue, à la section. Sur le site (variable ``GRC_LIENS=site``, posée par
    la construction du site), il vise la page HTML de la leçon.

    >>> lien = lien_lecon("rfm", "rfm-scores")
    >>> lien.startswith('<a href="../course/02-segmentation-rfm.md#rfm-scores" class="grc-lien-lecon"')
    True
    >>> lien.endswith('>section « rfm-scores »</a>')
    True
    """
    t = _theme(cle)
    cible = t.lecon[len("course/"):]
    if _lien_pour_site():
        cible = cible[: -len(".md")] + ".html"
    href = f"../course/{cible}" + (f"#{etiquette}" if etiquette else "")
    if texte is None:
        texte = f"section « {etiquette} »" if etiquette else f"leçon {t.numero}"
    commande = ""
    chemin = _chemin_depuis_le_serveur(t.lecon)
    if chemin and not _lien_pour_site():
        arguments = json.dumps({"path": chemin, "id": f"#{etiquette}" if etiquette else ""}, ensure_ascii=False)
        commande = (' data-commandlinker-command="rendermime:handle-local-link" '
                    f"data-commandlinker-args='{html.escape(arguments, quote=False)}'")
    if etiquette and re.fullmatch(r"[A-Za-z0-9_-]+", etiquette) and not _lien_pour_site():
        # JupyterLab ouvre la leçon, mais l'aperçu MyST (jupyterlab-myst) ignore le « #section » :
        # le lien fait lui-même défiler la leçon jusqu'à la section, dès qu'elle est affichée.
        commande += f' onclick="{_DEFILER.replace("ETIQUETTE", etiquette)}"'
    return (f'<a href="{html.escape(href, quote=True)}" class="grc-lien-lecon"{commande} '
            'style="color:#1a5fb4;text-decoration:underline;cursor:pointer" '
            f'title="Ouvrir la leçon à cette section">{html.escape(texte)}</a>')


_DEFILER = ("(function f(n){var e=document.querySelector('.jp-MarkdownViewer:not(.lm-mod-hidden) #ETIQUETTE');"
            "if(e){e.scrollIntoView({block:'start'});}else if(n>0){setTimeout(function(){f(n-1);},200);}})(50)")


def _chemin_depuis_le_serveur(relatif: str) -> str | None:
    """Le chemin d'un fichier du cours depuis la racine du serveur Jupyter (``GRC_RACINE_SERVEUR``,
    posé par :mod:`grc.serveur`), ou ``None`` hors de ce cas."""
    serveur = os.environ.get("GRC_RACINE_SERVEUR")
    if not serveur:
        return None
    try:
        return (racine_cours() / relatif).resolve().relative_to(Path(serveur).resolve()).as_posix()
    except (FileNotFoundError, ValueError):
        return None


_MOTIF_SECTION = re.compile(r"section « ([a-z0-9][a-z0-9-]*) »")


def lier_sections(texte_html: str, cle: str | int | Theme) -> str:
    """Remplace chaque « section « etiquette » » d'un texte HTML par le lien vers cette section de la leçon.

    Sert aux messages de ``verifier`` et du quiz. Un thème inconnu laisse le texte tel quel.

    >>> "02-segmentation-rfm.md#rfm-scores" in lier_sections("Relisez la section « rfm-scores ».", "02")
    True
    >>> lier_sections("Relisez la section « x ».", "99")
    'Relisez la section « x ».'
    """
    try:
        t = _theme(cle)
    except KeyError:
        return texte_html
    return _MOTIF_SECTION.sub(lambda m: lien_lecon(t, m.group(1)), texte_html)


# --- La commande ----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """``python -m grc.travail copier|nouvelle|etat|accueil [thème]``."""
    import argparse

    parseur = argparse.ArgumentParser(
        prog="python -m grc.travail", description="Vos copies des cahiers, dans mon-travail/.")
    parseur.add_argument("--cours", help="dossier du cours (par défaut : trouvé depuis le dossier courant)")
    actions = parseur.add_subparsers(dest="action", required=True, metavar="action")
    actions.add_parser("copier", help="fait votre copie d'un cahier (si elle n'existe pas)").add_argument("theme")
    actions.add_parser("nouvelle", help="fait une copie neuve à côté de l'ancienne").add_argument("theme")
    actions.add_parser("etat", help="liste vos copies et votre progression")
    actions.add_parser("accueil", help="réécrit la page « Commencer ici »")
    args = parseur.parse_args(argv)
    racine = racine_cours(args.cours) if args.cours else racine_cours()
    try:
        if args.action == "copier":
            print(f"Votre copie : {faire_copie(args.theme, racine)}")
        elif args.action == "nouvelle":
            print(f"Copie neuve : {nouvelle_copie(args.theme, racine)} (les anciennes restent intactes)")
        elif args.action == "accueil":
            print(ecrire_accueil(racine))
        else:
            for e in etat_du_travail(racine):
                etat = e.copie or "pas encore commencé"
                if e.nouvelle_version:
                    etat += " (nouvelle version du cours disponible)"
                print(f"{e.theme.numero} {e.theme.titre[:50]:<50} {etat}  exercices justes : {_colonne_exercices(e)}")
    except (KeyError, FileNotFoundError) as erreur:
        print(erreur.args[0] if erreur.args else erreur, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
