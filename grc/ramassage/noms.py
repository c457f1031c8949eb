"""Retrouver l'élève d'un retour d'après son nom de fichier ou de dossier, sans jamais deviner.

L'ENT nomme les retours d'après l'élève, avec du bruit autour : « DUPONT Marie - devoir.zip »,
« Martin_Lea », « Léa MARTIN_1234_assignsubmission_file_ » (Moodle), « progression (1).json ».
On en tire quelques noms candidats (segments séparés par « - », soulignés changés en espaces, mots
du dépôt retirés : devoir, travail, progression, numéros...). Avec une liste de classe, chaque
candidat est cherché par :class:`grc.qcm.fichiers.Annuaire` (casse, accents, espaces, ordre nom /
prénom) : un seul élève trouvé, c'est lui ; zéro ou plusieurs, le retour est signalé, jamais attribué.

>>> candidats_noms("DUPONT Marie - devoir RFM.zip")
['DUPONT Marie', 'RFM', 'DUPONT Marie RFM']
>>> nom_du_retour("Martin_Lea"), nom_du_retour("Léa MARTIN_1234_assignsubmission_file_")
('Martin Lea', 'Léa MARTIN')
"""

from __future__ import annotations

import re
import unicodedata

from ..qcm.fichiers import Annuaire

__all__ = ["candidats_noms", "identifier", "nom_du_retour"]

_EXTENSION = re.compile(r"\.(zip|json|ipynb)$", re.IGNORECASE)
_MOODLE = re.compile(r"_\d+_assignsubmission_[a-z]*_?$", re.IGNORECASE)
_DATE = re.compile(r"\d{4}[-_.]\d{2}[-_.]\d{2}(?:[T _-]\d{1,2}[h:._-]?\d{2}(?:[:._-]?\d{2})?)?")
_BRUIT = re.compile(r"\b(?:mon[\s_-]*travail|travaux|travail|devoirs?|rendus?|copies?|progression|final|version"
                    r"|grc|cours|cahiers?|exercices?|dm|tp|v\d+)\b", re.IGNORECASE)
_SEPARATEURS = re.compile(r"\s+[-–—]\s+|_[-–—]_|\s*[-–—]{2,}\s*|\s*\|\s*")


def _nettoyer(segment: str) -> str:
    segment = segment.replace("_", " ")
    segment = _BRUIT.sub(" ", segment)
    segment = re.sub(r"\(\s*\d*\s*\)|\b\d+\b", " ", segment)
    return " ".join(segment.split()).strip(" -–.,;")


def candidats_noms(source: str) -> list[str]:
    """Les noms d'élève possibles lus dans le nom d'un retour, du plus probable au moins probable.

    Le premier segment (avant « - ») vient d'abord : l'ENT y met le nom de l'élève.

    >>> candidats_noms("progression (1).json"), candidats_noms("Martin_Lea")
    ([], ['Martin Lea'])
    """
    tige = unicodedata.normalize("NFC", source).rstrip("/\\")
    while _EXTENSION.search(tige):
        tige = _EXTENSION.sub("", tige)
    tige = _DATE.sub(" ", _MOODLE.sub("", tige))
    candidats: list[str] = []
    for segment in [*_SEPARATEURS.split(tige), _SEPARATEURS.sub(" ", tige)]:
        propre = _nettoyer(segment)
        if propre and re.search(r"[^\W\d_]", propre) and propre not in candidats:
            candidats.append(propre)
    return candidats


def nom_du_retour(source: str) -> str:
    """Le nom d'élève le plus probable d'un retour (sans liste de classe), ou ``""`` s'il n'y en a pas.

    >>> nom_du_retour("DURAND Chloé - progression.json"), nom_du_retour("mon-travail.zip")
    ('DURAND Chloé', '')
    """
    candidats = candidats_noms(source)
    return candidats[0] if candidats else ""


def identifier(source: str, annuaire: Annuaire) -> tuple[str | None, str]:
    """(élève de la classe, ``""``) si le nom du retour en désigne exactement un ; sinon (``None``, problème).

    >>> a = Annuaire(["DUPONT Marie", "MARTIN Léa", "MARTIN Lou"])
    >>> identifier("Marie Dupont - devoir.zip", a)
    ('DUPONT Marie', '')
    >>> identifier("Martin - devoir.zip", a)  # doctest: +ELLIPSIS
    (None, "le nom « Martin » ne correspond à aucun élève de la liste de classe...")
    """
    candidats = candidats_noms(source)
    if not candidats:
        return None, "aucun nom d'élève dans le nom du retour"
    trouves: list[str] = []
    for candidat in candidats:
        ambigus = annuaire.ambigus(candidat)
        if ambigus:
            return None, f"le nom « {candidat} » peut désigner plusieurs élèves : {', '.join(ambigus)}"
        eleve = annuaire.trouver(candidat)
        if eleve is not None and eleve not in trouves:
            trouves.append(eleve)
    if len(trouves) == 1:
        return trouves[0], ""
    if trouves:
        return None, f"le nom du retour désigne plusieurs élèves : {', '.join(trouves)}"
    proches = annuaire.proches(candidats[0])
    conseil = f" (noms proches : {', '.join(proches)} — à vérifier, rien n'est attribué)" if proches else ""
    return None, f"le nom « {candidats[0]} » ne correspond à aucun élève de la liste de classe{conseil}"
