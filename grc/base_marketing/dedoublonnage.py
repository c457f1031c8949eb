"""Dédoublonner un fichier clients : noms normalisés, clé d'une personne, paires de fiches semblables, choix d'un seuil."""

from __future__ import annotations

import difflib
import unicodedata

import pandas as pd

from grc.validation import ErreurDonnees, verifier_table


def normaliser_nom(serie: pd.Series) -> pd.Series:
    """Met un nom en forme comparable : minuscules, sans accents, tirets et espaces unifiés.

    Règle : retirer les accents, passer en minuscules, remplacer les tirets par une
    espace, réduire les espaces multiples à une seule et retirer celles des bords.
    Une valeur manquante devient un texte vide.

    >>> normaliser_nom(pd.Series(["  Jean-Pierre ", "JEAN  PIERRE", "Lefèvre", None])).tolist()
    ['jean pierre', 'jean pierre', 'lefevre', '']
    """
    def un_nom(texte: object) -> str:
        if pd.isna(texte):
            return ""
        decompose = unicodedata.normalize("NFD", str(texte))
        sans_accent = "".join(c for c in decompose if unicodedata.category(c) != "Mn")
        return " ".join(sans_accent.lower().replace("-", " ").split())

    return serie.map(un_nom).astype("string")


def similarite(a: str, b: str) -> float:
    """Ressemblance de deux textes entre 0 et 1 : 2 × M / T (M caractères communs, T longueur totale).

    >>> round(similarite("martin", "martine"), 3)
    0.923
    """
    return difflib.SequenceMatcher(None, a, b).ratio()


def cle_personne(table: pd.DataFrame, *, prenom: str = "prenom", nom: str = "nom") -> pd.Series:
    """La clé qui identifie une personne : prénom et nom normalisés (voir :func:`normaliser_nom`).

    >>> cle_personne(pd.DataFrame({"prenom": ["Jean-Pierre", "jean pierre"], "nom": ["Lefèvre", "LEFEVRE "]})).tolist()
    ['jean pierre|lefevre', 'jean pierre|lefevre']
    """
    verifier_table(table, [prenom, nom], "l'extrait")
    return (normaliser_nom(table[prenom]) + "|" + normaliser_nom(table[nom])).rename("cle_personne")


def paires_similaires(table: pd.DataFrame, *, normaliser: bool = True) -> pd.DataFrame:
    """Toutes les paires de fiches comparées, avec la similarité de leurs « prénom nom ».

    Pour aller vite, on ne compare que les fiches dont le nom normalisé commence par
    la même lettre (« blocage »). ``normaliser=False`` compare les textes tels que saisis.
    La colonne ``meme_personne`` dit si les deux fiches ont la même :func:`cle_personne`
    (la vérité, pour compter les faux positifs).

    >>> t = pd.DataFrame({"prenom": ["Léa", "LEA", "Léo"], "nom": ["Martin", "Martin", "Martin"]})
    >>> paires_similaires(t)[["similarite", "meme_personne"]].round(2).values.tolist()
    [[1.0, True], [0.9, False], [0.9, False]]
    """
    cle = cle_personne(table).tolist()
    if normaliser:
        texte = (normaliser_nom(table["prenom"]) + " " + normaliser_nom(table["nom"])).tolist()
    else:
        texte = (table["prenom"].astype("string").fillna("") + " " + table["nom"].astype("string").fillna("")).tolist()
    blocs: dict[str, list[int]] = {}
    for position, lettre in enumerate(normaliser_nom(table["nom"]).str[:1]):
        blocs.setdefault(lettre, []).append(position)
    lignes = []
    for positions in blocs.values():
        for rang, i in enumerate(positions):
            comparateur = difflib.SequenceMatcher(None, b=texte[i], autojunk=False)
            for j in positions[rang + 1:]:
                comparateur.set_seq1(texte[j])
                lignes.append((i, j, comparateur.ratio(), cle[i] == cle[j]))
    return pd.DataFrame(lignes, columns=["ligne_a", "ligne_b", "similarite", "meme_personne"])


def bilan_dedoublonnage(paires: pd.DataFrame, seuil: float) -> pd.Series:
    """Ce que donne un seuil de similarité : paires déclarées doublons, vrais doublons, faux positifs, ratés.

    >>> paires = pd.DataFrame({"similarite": [1.0, 0.9, 0.6], "meme_personne": [True, False, True]})
    >>> bilan_dedoublonnage(paires, 0.85).tolist()
    [2, 1, 1, 1]
    """
    if not 0 <= seuil <= 1:
        raise ErreurDonnees(f"Le seuil de similarité doit être entre 0 et 1, pas {seuil}.")
    declares = paires["similarite"] >= seuil
    vrais = paires["meme_personne"].astype(bool)
    return pd.Series(
        {
            "paires_declarees": int(declares.sum()),
            "vrais_doublons_trouves": int((declares & vrais).sum()),
            "faux_positifs": int((declares & ~vrais).sum()),
            "doublons_manques": int((~declares & vrais).sum()),
        }
    )
