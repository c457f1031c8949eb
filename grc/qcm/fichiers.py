"""Lire et écrire les fichiers de l'enseignant : CSV (« ; », « , », tabulation ou « | ») ou classeur Excel.

Les CSV sont lus en UTF-8 (avec ou sans BOM) ou en cp1252 (export Excel) ; le
séparateur est reconnu sur la ligne d'en-tête. Un ``.xlsx`` est lu sur sa
première feuille. Les noms d'élèves se comparent après normalisation (casse,
accents, espaces, ordre nom / prénom), jamais par ressemblance.

>>> normaliser_entete(" Élève ")
'eleve'
>>> cle_nom("MARTIN  Léa") == cle_nom("léa martin")
True
"""

from __future__ import annotations

import csv
import errno
import io
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

#: Les séparateurs reconnus, avec leur nom pour les messages.
SEPARATEURS = {";": "point-virgule", ",": "virgule", "\t": "tabulation", "|": "barre verticale"}
_EXTENSIONS_REFUSEES = {".xls": "l'ancien format Excel (.xls)", ".ods": "le format OpenDocument (.ods)",
                        ".xlsm": "un classeur à macros (.xlsm)", ".numbers": "le format Numbers"}


class ErreurFichier(ValueError):
    """Un fichier illisible ou sans les colonnes attendues ; le message dit quoi corriger."""


def sans_accents(texte: str) -> str:
    """Le texte sans accents ni ligatures : « Élève Œuvre » devient « Eleve OEuvre ».

    >>> sans_accents("Chloé Œuvray")
    'Chloe OEuvray'
    """
    texte = texte.replace("Œ", "OE").replace("œ", "oe").replace("Æ", "AE").replace("æ", "ae")
    return unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode("ascii")


def normaliser_entete(nom: str) -> str:
    """Minuscules, sans accents ni espaces autour : « Élève » devient « eleve »."""
    return re.sub(r"[\s\-]+", "_", sans_accents(str(nom)).strip().lower())


def cle_nom(nom: str) -> str:
    """La clé de comparaison d'un nom : sans casse, accents, ponctuation ni ordre des mots.

    « MARTIN Léa », « Léa Martin » et « martin, lea » ont la même clé ; « L. Martin »
    n'a pas celle de « Léa Martin » : on ne devine pas.

    >>> cle_nom("DE LA FONTAINE Jean-Marc")
    'de fontaine jean la marc'
    """
    mots = re.split(r"[\s,\-'’.]+", sans_accents(str(nom)).lower())
    return " ".join(sorted(m for m in mots if m))


def lire_texte(chemin: str | Path) -> str:
    """Le contenu d'un fichier texte en UTF-8 (BOM accepté), sinon en cp1252 (export Excel)."""
    chemin = _fichier_existant(chemin)
    brut = chemin.read_bytes()
    if brut.startswith(b"PK\x03\x04"):
        raise ErreurFichier(f"Le fichier {chemin.name} est un classeur (zip), pas un CSV : nommez-le en .xlsx, "
                            "ou enregistrez-le en « CSV UTF-8 ».")
    for encodage in ("utf-8-sig", "cp1252"):
        try:
            return brut.decode(encodage)
        except UnicodeDecodeError:
            continue
    raise ErreurFichier(f"Le fichier {chemin.name} n'est ni en UTF-8 ni en Windows-1252 : réenregistrez-le en "
                        "« CSV UTF-8 ».")


def _fichier_existant(chemin: str | Path) -> Path:
    chemin = Path(chemin)
    if chemin.is_dir():
        raise ErreurFichier(f"« {chemin} » est un dossier : donnez le chemin d'un fichier.")
    if not chemin.is_file():
        raise ErreurFichier(f"Fichier introuvable : {chemin}.")
    refuse = _EXTENSIONS_REFUSEES.get(chemin.suffix.lower())
    if refuse:
        raise ErreurFichier(f"Le fichier {chemin.name} est dans {refuse}, que grc ne lit pas : enregistrez-le "
                            "en .xlsx ou en CSV (« CSV UTF-8 » dans Excel ou LibreOffice).")
    return chemin


def deviner_separateur(entete: str) -> str:
    """Le séparateur d'une ligne d'en-tête : celui des quatre reconnus qui y apparaît le plus.

    >>> deviner_separateur("eleve|question|reponse"), deviner_separateur("eleve\\tQ1")
    ('|', '\\t')
    """
    comptes = {s: entete.count(s) for s in SEPARATEURS}
    meilleur = max(comptes, key=lambda s: comptes[s])
    return meilleur if comptes[meilleur] else ";"


def lire_tableau(chemin: str | Path) -> tuple[list[str], list[tuple[int, list[str]]], str]:
    """L'en-tête brut, les lignes non vides (numéro de ligne, cellules en texte) et le séparateur d'un fichier.

    Un ``.xlsx`` est lu sur sa première feuille (séparateur rendu : ``""``).
    """
    chemin = _fichier_existant(chemin)
    if chemin.suffix.lower() == ".xlsx":
        return (*_lire_xlsx(chemin), "")
    texte = lire_texte(chemin)
    premiere = next((ligne for ligne in texte.splitlines() if ligne.strip()), "")
    if not premiere:
        raise ErreurFichier(f"Le fichier {chemin.name} est vide : il faut au moins une ligne d'en-tête.")
    separateur = deviner_separateur(premiere)
    lecteur = csv.reader(io.StringIO(texte), delimiter=separateur)
    entete: list[str] | None = None
    lignes: list[tuple[int, list[str]]] = []
    for champs in lecteur:
        if not any(c.strip() for c in champs):
            continue
        if entete is None:
            entete = champs
        else:
            lignes.append((lecteur.line_num, champs))
    return entete or [], lignes, separateur


def _lire_xlsx(chemin: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    from openpyxl import load_workbook

    try:
        classeur = load_workbook(chemin, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl lève des erreurs variées (zip, XML) sur un fichier abîmé
        raise ErreurFichier(f"Le classeur {chemin.name} est illisible ({type(exc).__name__}) : ouvrez-le dans "
                            "Excel ou LibreOffice et enregistrez-le de nouveau en .xlsx.") from exc
    try:
        feuille = classeur.worksheets[0]
        entete: list[str] | None = None
        lignes: list[tuple[int, list[str]]] = []
        for numero, valeurs in enumerate(feuille.iter_rows(values_only=True), start=1):
            cellules = [_texte_cellule(v) for v in valeurs]
            if not any(c.strip() for c in cellules):
                continue
            if entete is None:
                entete = cellules
            else:
                lignes.append((numero, cellules))
    finally:
        classeur.close()
    if entete is None:
        raise ErreurFichier(f"La première feuille du classeur {chemin.name} est vide.")
    while entete and not entete[-1].strip():
        entete.pop()
    return entete, [(n, c[: len(entete)] + [""] * (len(entete) - len(c))) for n, c in lignes]


def _texte_cellule(valeur: object) -> str:
    if valeur is None:
        return ""
    if isinstance(valeur, float) and valeur.is_integer():
        return str(int(valeur))
    return str(valeur)


def verifier_colonnes(chemin: str | Path, entete: Sequence[str], colonnes: Sequence[str], separateur: str,
                      role: str = "") -> None:
    """Lève :class:`ErreurFichier` si une colonne attendue manque, en nommant le séparateur s'il est en cause."""
    manquantes = [c for c in colonnes if c not in entete]
    if not manquantes:
        return
    nom = Path(chemin).name
    message = (f"Colonne(s) manquante(s) dans {nom} : {', '.join(manquantes)}. "
               f"Colonnes trouvées : {', '.join(entete) or 'aucune'}.") + conseil_separateur(entete, separateur)
    if role:
        message += f" {role}"
    raise ErreurFichier(message)


def conseil_separateur(entete: Sequence[str], separateur: str) -> str:
    """Si une seule colonne a été lue dans un CSV, nomme le séparateur comme cause probable.

    >>> conseil_separateur(["eleve:q1"], ";")
    " Une seule colonne a été lue : le séparateur n'est pas reconnu (caractères vus : :). Séparez les colonnes par « ; », « , », une tabulation ou « | », ou donnez un .xlsx."
    """
    if len(entete) != 1 or not separateur:
        return ""
    autres = sorted({c for c in entete[0] if not c.isalnum() and c not in " _'’-"})
    return (" Une seule colonne a été lue : le séparateur n'est pas reconnu"
            + (f" (caractères vus : {' '.join(autres)})" if autres else "")
            + ". Séparez les colonnes par « ; », « , », une tabulation ou « | », ou donnez un .xlsx.")


def lignes_csv(chemin: str | Path, colonnes: Sequence[str],
               role: str = "") -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """L'en-tête normalisé et les lignes (numéro de ligne dans le fichier, champs) d'un CSV ou d'un ``.xlsx``.

    Une colonne attendue absente lève :class:`ErreurFichier` avec la liste des colonnes trouvées.
    """
    brut, lignes, separateur = lire_tableau(chemin)
    entete = [normaliser_entete(c) for c in brut]
    verifier_colonnes(chemin, entete, colonnes, separateur, role)
    return entete, iter(lignes)


# --- Écriture --------------------------------------------------------------------------------

_RAISONS = {
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EROFS: "le disque est en lecture seule",
    errno.ENOSPC: "le disque est plein",
    errno.ENOTDIR: "un élément du chemin est un fichier, pas un dossier",
    errno.EEXIST: "un fichier porte déjà ce nom",
    errno.EISDIR: "c'est un dossier",
    errno.ENOENT: "chemin introuvable",
    errno.ENAMETOOLONG: "nom trop long",
    errno.EINVAL: "nom invalide (caractère interdit ?)",
}


def message_ecriture(exc: OSError, chemin: str | Path | None = None) -> str:
    """Le message français d'une erreur d'écriture (permission, disque plein, dossier qui est un fichier...).

    >>> print(message_ecriture(PermissionError(13, "Permission denied", "notes")))
    Impossible d'écrire « notes » : permission refusée. Choisissez un autre emplacement avec --sortie, ou fermez le fichier s'il est ouvert dans Excel.
    """
    cible = chemin or exc.filename or "?"
    raison = _RAISONS.get(exc.errno or 0, "erreur du système")
    return (f"Impossible d'écrire « {cible} » : {raison}. Choisissez un autre emplacement avec --sortie, "
            "ou fermez le fichier s'il est ouvert dans Excel.")


class ErreurEcriture(ErreurFichier):
    """Un dossier ou un fichier de sortie impossible à écrire."""


@contextmanager
def ecriture(chemin: str | Path) -> Iterator[Path]:
    """Prépare le dossier de ``chemin`` et traduit toute erreur d'écriture en :class:`ErreurEcriture`."""
    chemin = Path(chemin)
    try:
        if chemin.is_dir():
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(chemin))
        chemin.parent.mkdir(parents=True, exist_ok=True)
        yield chemin
    except OSError as exc:
        raise ErreurEcriture(message_ecriture(exc, exc.filename or chemin)) from exc


def preparer_dossier(dossier: str | Path) -> Path:
    """Crée ``dossier`` s'il manque, ou lève :class:`ErreurEcriture` avec un message français."""
    dossier = Path(dossier)
    try:
        if dossier.exists() and not dossier.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(dossier))
        dossier.mkdir(parents=True, exist_ok=True)
        essai = dossier / ".grc-essai-ecriture"
        essai.write_bytes(b"")
        essai.unlink()
    except OSError as exc:
        raise ErreurEcriture(message_ecriture(exc, exc.filename or dossier)) from exc
    return dossier


def ecrire_csv(chemin: str | Path, entete: Sequence[str], lignes: Sequence[Sequence[object]],
               separateur: str = ";") -> Path:
    """Écrit un CSV « ; » en UTF-8 avec BOM (Excel l'ouvre directement), nombres à virgule décimale."""
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=separateur, lineterminator="\n")
    ecrivain.writerow(entete)
    ecrivain.writerows([[_cellule(v) for v in ligne] for ligne in lignes])
    with ecriture(chemin) as cible:
        cible.write_text(tampon.getvalue(), encoding="utf-8-sig")
    return Path(chemin)


def _cellule(valeur: object) -> str:
    """Une cellule de CSV : nombre à virgule, sans zéros inutiles ni « -0 » ; vide pour None et NaN.

    >>> _cellule(-0.0), _cellule(2.50), _cellule(-0.0000001), _cellule(None)
    ('0', '2,5', '0', '')
    """
    if valeur is None:
        return ""
    if isinstance(valeur, float):
        if valeur != valeur:  # NaN
            return ""
        texte = f"{valeur:.6f}".rstrip("0").rstrip(".").replace(".", ",")
        return "0" if texte in {"-0", ""} else texte
    return str(valeur)


# --- Noms d'élèves ---------------------------------------------------------------------------

#: Colonnes qui portent le nom complet d'un élève (« NOM Prénom » de Pronote), après normalisation.
COLONNES_NOM_COMPLET = ("eleve", "eleves", "nom_prenom", "nom_et_prenom", "nom_prenom_eleve", "nom_complet",
                        "etudiant", "etudiants", "nom_de_l'eleve", "identite")


def nom_de_ligne(entete: Sequence[str], valeurs: Sequence[str]) -> str:
    """Le nom d'un élève sur une ligne : colonne ``eleve`` (ou « Nom Prénom »), sinon ``nom`` + ``prenom``.

    >>> nom_de_ligne(["nom", "prenom", "classe"], ["MARTIN", "Léa", "TS1"])
    'MARTIN Léa'
    """
    champs = dict(zip(entete, (str(v).strip() for v in valeurs), strict=False))
    for colonne in COLONNES_NOM_COMPLET:
        if colonne in champs:
            return " ".join(champs[colonne].split())
    return " ".join(" ".join(v for v in (champs.get("nom"), champs.get("prenom")) if v).split())


def a_colonne_nom(entete: Sequence[str]) -> bool:
    """Vrai si l'en-tête permet de lire un nom d'élève (voir :func:`nom_de_ligne`)."""
    return "nom" in entete or any(c in entete for c in COLONNES_NOM_COMPLET)


class Annuaire:
    """Retrouve un élève de la classe à partir d'un nom écrit autrement, sans jamais deviner.

    Un nom identique est retenu ; sinon la clé :func:`cle_nom` (casse, accents, espaces,
    ordre des mots) doit désigner exactement un élève. Zéro : inconnu ; plusieurs : ambigu.

    >>> a = Annuaire(["MARTIN Léa", "DURAND Chloé", "Petit Léo", "Léo PETIT"])
    >>> a.trouver("lea martin"), a.trouver("Chloe  Durand")
    ('MARTIN Léa', 'DURAND Chloé')
    >>> a.trouver("L. Martin") is None, a.ambigus("petit leo")
    (True, ['Petit Léo', 'Léo PETIT'])
    """

    def __init__(self, noms: Sequence[str]) -> None:
        self.noms = list(noms)
        self._par_cle: dict[str, list[str]] = {}
        for nom in self.noms:
            self._par_cle.setdefault(cle_nom(nom), []).append(nom)

    def ambigus(self, nom: str) -> list[str]:
        """Les élèves de la classe que ``nom`` pourrait désigner, s'il y en a plusieurs."""
        nom = " ".join(str(nom).split())
        if nom in self.noms:
            return []
        candidats = self._par_cle.get(cle_nom(nom), [])
        return candidats if len(candidats) > 1 else []

    def trouver(self, nom: str) -> str | None:
        """L'élève de la classe désigné par ``nom``, ou ``None`` (inconnu ou ambigu)."""
        nom = " ".join(str(nom).split())
        if nom in self.noms:
            return nom
        candidats = self._par_cle.get(cle_nom(nom), [])
        return candidats[0] if len(candidats) == 1 else None

    def proches(self, nom: str, n: int = 2) -> list[str]:
        """Des noms de la classe qui ressemblent à ``nom`` : pour aider l'enseignant, jamais pour noter."""
        import difflib

        cles = difflib.get_close_matches(cle_nom(nom), list(self._par_cle), n=n, cutoff=0.6)
        return [x for c in cles for x in self._par_cle[c]][:n]
