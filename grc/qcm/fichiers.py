"""Lire et écrire les CSV de l'enseignant : séparateur « ; » ou « , », UTF-8 (avec ou sans BOM) ou cp1252.

>>> normaliser_entete(" Élève ")
'eleve'
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path


class ErreurFichier(ValueError):
    """Un fichier illisible ou sans les colonnes attendues ; le message dit quoi corriger."""


def normaliser_entete(nom: str) -> str:
    """Minuscules, sans accents ni espaces autour : « Élève » devient « eleve »."""
    sans_accents = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode("ascii")
    return sans_accents.strip().lower().replace(" ", "_")


def lire_texte(chemin: str | Path) -> str:
    """Le contenu d'un fichier texte en UTF-8 (BOM accepté), sinon en cp1252 (export Excel)."""
    chemin = Path(chemin)
    if not chemin.is_file():
        raise ErreurFichier(f"Fichier introuvable : {chemin}.")
    brut = chemin.read_bytes()
    for encodage in ("utf-8-sig", "cp1252"):
        try:
            return brut.decode(encodage)
        except UnicodeDecodeError:
            continue
    raise ErreurFichier(f"Le fichier {chemin.name} n'est ni en UTF-8 ni en Windows-1252 : réenregistrez-le en "
                        "« CSV UTF-8 ».")


def lignes_csv(chemin: str | Path, colonnes: Sequence[str]) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """L'en-tête normalisé et les lignes (numéro de ligne dans le fichier, champs) d'un CSV.

    Le séparateur (« ; » ou « , ») est deviné sur l'en-tête ; une colonne attendue
    absente lève :class:`ErreurFichier` avec la liste des colonnes trouvées.
    """
    texte = lire_texte(chemin)
    premiere = texte.splitlines()[0] if texte.strip() else ""
    if not premiere:
        raise ErreurFichier(f"Le fichier {Path(chemin).name} est vide : il faut au moins une ligne d'en-tête.")
    separateur = ";" if premiere.count(";") >= premiere.count(",") and ";" in premiere else ","
    lecteur = csv.reader(io.StringIO(texte), delimiter=separateur)
    entete = [normaliser_entete(c) for c in next(lecteur)]
    manquantes = [c for c in colonnes if c not in entete]
    if manquantes:
        raise ErreurFichier(
            f"Colonne(s) manquante(s) dans {Path(chemin).name} : {', '.join(manquantes)}. "
            f"Colonnes trouvées : {', '.join(entete) or 'aucune'}."
        )

    def _lignes() -> Iterator[tuple[int, list[str]]]:
        for champs in lecteur:
            if any(c.strip() for c in champs):
                yield lecteur.line_num, champs

    return entete, _lignes()


def ecrire_csv(chemin: str | Path, entete: Sequence[str], lignes: Sequence[Sequence[object]]) -> Path:
    """Écrit un CSV « ; » en UTF-8 avec BOM (Excel l'ouvre directement), nombres à virgule décimale."""
    chemin = Path(chemin)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=";", lineterminator="\n")
    ecrivain.writerow(entete)
    ecrivain.writerows([[_cellule(v) for v in ligne] for ligne in lignes])
    chemin.write_text(tampon.getvalue(), encoding="utf-8-sig")
    return chemin


def _cellule(valeur: object) -> str:
    if valeur is None:
        return ""
    if isinstance(valeur, float):
        if valeur != valeur:  # NaN
            return ""
        return f"{valeur:.6f}".rstrip("0").rstrip(".").replace(".", ",")
    return str(valeur)
