"""Les heures du guide de l'année, estimées à partir de la taille des leçons et des cahiers.

``python -m outils.guide`` (``--ecrire`` pour mettre la page à jour) recompte, dans le dépôt, les mots de chaque leçon, les exercices vérifiés,
les réponses rédigées et les mots de chaque cahier, pour le parcours approfondissement (tout) et le
parcours BTS (sans les thèmes d'approfondissement, ni les cellules marquées
``{"grc": {"niveau": "approfondissement"}}``, ni les encadrés ``approfondissement`` des leçons), et
imprime le tableau de ``site/guide-enseignants.md``. La règle d'estimation est celle que dit la page :

- la leçon se lit à 200 mots par minute, temps triplé pour l'explication en classe ;
- le cahier compte 10 minutes par exercice vérifié, sa lecture (200 mots par minute, fois 1,5, sans
  les réponses modèles), 15 minutes par quiz et 15 minutes par réponse rédigée (25 dans le devoir
  noté, où chaque réponse est une note argumentée) ;
- le total est arrondi à la demi-heure la plus proche.

>>> heures(mots_lecon=3000, exercices=10, mots_cahier=3000, quiz=1, redactions=2)
3.5
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from grc.themes import THEMES, Theme

RACINE = Path(__file__).resolve().parents[1]
#: Les trois QCM papier de la progression, 30 minutes chacun.
QCM_EN_CLASSE = 1.5
_VERIFIER = re.compile(r'verifier\(\s*"(\d\d_\w+)"')
_ENCADRE = re.compile(r"^(:{3,})\{admonition\}.*?\n:class:[^\n]*approfondissement.*?^\1\s*$", re.M | re.S)


def heures(mots_lecon: int, exercices: int, mots_cahier: int, quiz: int, redactions: int,
           minutes_redaction: float = 15) -> float:
    """Les heures d'un thème, arrondies à la demi-heure (règle de la page du guide)."""
    minutes = (mots_lecon / 200 * 3 + exercices * 10 + mots_cahier / 200 * 1.5 + quiz * 15
               + redactions * minutes_redaction)
    return round(minutes / 30) / 2


@dataclass
class Mesure:
    """Ce qu'on compte dans les fichiers d'un thème, pour un parcours."""

    mots_lecon: int
    exercices: int
    mots_cahier: int
    quiz: int
    redactions: int
    minutes_redaction: float = 15

    @property
    def heures(self) -> float:
        return heures(self.mots_lecon, self.exercices, self.mots_cahier, self.quiz, self.redactions,
                      self.minutes_redaction)


def mesurer(t: Theme, parcours: str = "approfondissement", racine: Path = RACINE) -> Mesure:
    """Compte les mots, exercices, quiz et réponses rédigées d'un thème pour ``parcours`` (``bts`` ou non)."""
    bts = parcours == "bts"
    lecon = (racine / t.lecon).read_text(encoding="utf-8")
    if bts:
        lecon = _ENCADRE.sub("", lecon)
    cellules = nbformat.read(racine / t.corrige, as_version=4).cells
    if bts:
        cellules = [c for c in cellules if c.get("metadata", {}).get("grc", {}).get("niveau") != "approfondissement"]
    textes = [c.source for c in cellules if c.cell_type == "markdown"]
    modeles = [s for s in textes if "BEGIN SOLUTION" in s]  # réponses modèles : pas lues par l'élève
    codes = "\n".join(c.source for c in cellules if c.cell_type == "code")
    return Mesure(len(lecon.split()), len(set(_VERIFIER.findall(codes))),
                  sum(len(s.split()) for s in textes if s not in modeles), codes.count("quiz("),
                  sum("Barème" in s for s in modeles), 25 if t.etiquette == "cas" else 15)


def exercices_approfondissement(racine: Path = RACINE) -> set[str]:
    """Les exercices vérifiés des cellules marquées « approfondissement », dans tous les corrigés."""
    marques: set[str] = set()
    for t in THEMES:
        for c in nbformat.read(racine / t.corrige, as_version=4).cells:
            if c.cell_type == "code" and c.get("metadata", {}).get("grc", {}).get("niveau") == "approfondissement":
                marques |= set(_VERIFIER.findall(c.source))
    return marques


def tableau(racine: Path = RACINE) -> str:
    """Le tableau Markdown des heures par thème et par parcours."""
    lignes = ["| thème | leçon (mots) | exercices vérifiés | parcours BTS (h) | parcours approfondissement (h) |",
              "| --- | ---: | ---: | ---: | ---: |"]
    total_bts = total = QCM_EN_CLASSE
    for t in THEMES:
        tout = mesurer(t, racine=racine)
        total += tout.heures
        if t.niveau == "approfondissement":
            bts = "—"
        else:
            h = mesurer(t, "bts", racine).heures
            total_bts += h
            bts = _fr(h)
        lignes.append(f"| {t.numero} {t.titre} | {tout.mots_lecon} | {tout.exercices} | {bts} | {_fr(tout.heures)} |")
    lignes.append(f"| trois QCM en classe (30 min chacun) | | | {_fr(QCM_EN_CLASSE)} | {_fr(QCM_EN_CLASSE)} |")
    lignes.append(f"| **total** | | | **{_fr(total_bts)}** | **{_fr(total)}** |")
    return "\n".join(lignes)


def _fr(h: float) -> str:
    """3.5 → « 3,5 », 3.0 → « 3 »."""
    return f"{h:g}".replace(".", ",")


#: L'ordre des deux parcours ; « QCM n » place un QCM papier (30 min) sur les thèmes qui le précèdent.
PARCOURS = {
    "bts": ["00", "01", "02", "03", "QCM 1", "04", "05", "QCM 2", "07", "08", "09", "QCM 3", "10", "12"],
    "approfondissement": ["00", "01", "02", "03", "QCM 1", "04", "05", "QCM 2", "06", "07", "08", "09", "QCM 3",
                          "10", "11", "12"],
}
#: La durée d'une séance, en heures.
SEANCE = 3.0
DEBUT, FIN = "<!-- HEURES : début (python -m outils.guide --ecrire) -->", "<!-- HEURES : fin -->"


def duree(h: float) -> str:
    """3.5 → « 3 h 30 », 0.5 → « 30 min », 2.0 → « 2 h ».

    >>> duree(3.5), duree(0.5), duree(2.0)
    ('3 h 30', '30 min', '2 h')
    """
    heures_entieres, minutes = int(h), round((h - int(h)) * 60)
    if not heures_entieres:
        return f"{minutes} min"
    return f"{heures_entieres} h" + (f" {minutes:02d}" if minutes else "")


def seances(parcours: str, racine: Path = RACINE) -> str:
    """Le tableau des séances d'un parcours : chaque thème avec ses heures, les QCM et le devoir à leur place."""
    lignes = ["| séances | contenu | évaluation |", "| --- | --- | --- |"]
    debut, vus = 0.0, []
    for etape in PARCOURS[parcours]:
        if etape.startswith("QCM"):
            vus = [v for v in vus if v != "00"]
            premiers = vus[0] if len(vus) == 1 else (f"{vus[0]} et {vus[1]}" if len(vus) == 2 else f"{vus[0]} à {vus[-1]}")
            lignes[-1] = lignes[-1][:-4] + f" **{etape.replace('QCM', 'QCM n°')}** (30 min, thèmes {premiers}) en fin de thème |"
            debut += QCM_EN_CLASSE / 3
            vus = []
            continue
        t = next(t for t in THEMES if t.numero == etape)
        h = mesurer(t, parcours, racine).heures
        premiere, derniere = int(debut // SEANCE) + 1, int(max(debut, debut + h - 1e-9) // SEANCE) + 1
        quand = f"{premiere}" if premiere == derniere else f"{premiere} à {derniere}"
        evaluation = {"cas": "**devoir noté** (sur 20, grille de la leçon 10)",
                      "revision": "examen blanc : le QCM de tous les thèmes"}.get(t.etiquette, "—")
        lignes.append(f"| {quand} | {t.numero} {t.titre} ({duree(h)}) | {evaluation} |")
        debut += h
        vus.append(t.numero)
    return "\n".join(lignes)


def total(parcours: str, racine: Path = RACINE) -> float:
    """Les heures d'un parcours, QCM compris."""
    return QCM_EN_CLASSE + sum(mesurer(t, parcours, racine).heures for t in THEMES
                               if t.numero in PARCOURS[parcours])


def bloc_heures(racine: Path = RACINE) -> str:
    """Le bloc de la page du guide : le tableau des heures, puis les séances de chaque parcours."""
    return "\n".join([
        DEBUT, "", tableau(racine), "",
        "(guide-progression-bts)=", f"### Parcours BTS : {_fr(total('bts', racine))} heures", "",
        f"Séances de {duree(SEANCE)} ; pour un semestre de 14 à 16 semaines, ou une option de GRC en deuxième année.",
        "", seances("bts", racine), "",
        "(guide-progression-approfondissement)=",
        f"### Parcours approfondissement : {_fr(total('approfondissement', racine))} heures", "",
        f"Séances de {duree(SEANCE)} ; pour un module de BUT TC (parcours BDMRC), de licence professionnelle ou "
        "d'école, sur un semestre.", "", seances("approfondissement", racine), "", FIN])


def ecrire_page(chemin: Path = RACINE / "site" / "guide-enseignants.md", racine: Path = RACINE) -> bool:
    """Remplace le bloc des heures de la page du guide ; renvoie vrai s'il a changé."""
    texte = chemin.read_text(encoding="utf-8")
    avant, reste = texte.split(DEBUT, 1)
    _, apres = reste.split(FIN, 1)
    nouveau = avant + bloc_heures(racine) + apres
    if nouveau != texte:
        chemin.write_text(nouveau, encoding="utf-8")
    return nouveau != texte


if __name__ == "__main__":
    if "--ecrire" in sys.argv[1:]:
        print("site/guide-enseignants.md " + ("mis à jour." if ecrire_page() else "déjà à jour."))
    else:
        print(bloc_heures())
    sys.exit(0)
