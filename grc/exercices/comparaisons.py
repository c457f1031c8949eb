"""Les comparaisons réutilisables : nombre, texte, choix, ensemble, série, table.

Chaque fonction ``comparer_*`` compare la réponse de l'élève à la valeur attendue et renvoie
un :class:`Retour` qui dit *ce qui* ne va pas (type, lignes, colonne, écart)
sans jamais donner la valeur attendue. Les aides ``en_serie``, ``en_table`` et ``identifiants``
ramènent les formes de réponse admises (table ou série, identifiants en colonne ou en index) à
une seule ; ``proche``, ``memes_valeurs`` et ``avec_erreurs_typiques`` reconnaissent une erreur
classique pour en donner le message. Tous les juges des thèmes s'en servent : une règle, un endroit.
"""

from __future__ import annotations

import math
import numbers
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from .retour import Retour, correct, incorrect, vide


def est_vide(reponse: Any) -> bool:
    """Vrai pour une réponse pas encore donnée (``...`` ou ``None``)."""
    return reponse is Ellipsis or reponse is None


def _nom_type(objet: Any) -> str:
    """Ce qu'est la réponse, dit en mots d'élève (« un tableau », « un nombre à virgule »...).

    >>> _nom_type(3), _nom_type(2.5), _nom_type(pd.Series([1])), _nom_type(pd.Timedelta(days=2))
    ('un nombre entier', 'un nombre à virgule', 'une colonne de valeurs', 'une durée')
    """
    if isinstance(objet, bool | np.bool_):
        return "un vrai/faux (True ou False)"
    if isinstance(objet, numbers.Integral):
        return "un nombre entier"
    if isinstance(objet, numbers.Number):
        return "un nombre à virgule"
    formes = [
        (str, "un texte"),
        (pd.DataFrame, "un tableau"),
        (pd.Series, "une colonne de valeurs"),
        (pd.Index, "une liste d'étiquettes"),
        (pd.Timedelta, "une durée"),
        (pd.Timestamp, "une date"),
        (np.ndarray, "un tableau de valeurs sans étiquettes"),
        (Mapping, "un dictionnaire (des paires clé → valeur)"),
        (tuple, "une suite de valeurs entre parenthèses"),
        (list, "une liste"),
        (set | frozenset, "un ensemble"),
    ]
    for classe, nom in formes:
        if isinstance(objet, classe):
            return nom
    if callable(objet):
        return "une fonction (pas son résultat : l'avez-vous appelée avec des parenthèses ?)"
    return "une valeur d'une autre sorte"


def est_nombre(valeur: Any) -> bool:
    """Vrai pour un nombre (entier, décimal, nombre numpy), faux pour un booléen ou un texte.

    >>> est_nombre(3), est_nombre(np.float64(2.5)), est_nombre(True), est_nombre("3")
    (True, True, False, False)
    """
    return isinstance(valeur, numbers.Number) and not isinstance(valeur, bool | np.bool_)


def proche(reponse: Any, valeur: float, tolerance: float = 1e-3, *, echelle: float = 0.0) -> bool:
    """Vrai si la réponse est un nombre qui vaut ``valeur`` à ``tolerance`` près.

    L'écart admis est ``tolerance × max(|valeur|, echelle)`` : relatif par défaut, absolu pour les
    valeurs plus petites que ``echelle`` (``echelle=1`` pour des taux ou des écarts proches de 0) ;
    ``tolerance=0`` demande l'égalité. Sert à reconnaître une erreur classique (une valeur fausse
    connue) dans une réponse refusée.

    >>> proche(0.2502, 0.25), proche(0.26, 0.25), proche("0.25", 0.25), proche(0.0004, 0.0, 1e-3)
    (True, False, False, True)
    >>> proche(1e-7, 2e-7, 1e-6), proche(1e-7, 2e-7, 1e-6, echelle=1.0), proche(3, 3.0, 0)
    (False, True, True)
    """
    if isinstance(reponse, np.generic):
        reponse = reponse.item()
    if not est_nombre(reponse) or (isinstance(reponse, float) and math.isnan(reponse)):
        return False
    limite = tolerance * max(abs(valeur), echelle) if valeur != 0 or echelle else tolerance
    return abs(reponse - valeur) <= limite


def avec_erreurs_typiques(
    retour: Retour, reponse: Any, erreurs: Mapping[str, float], tolerance: float = 1e-3, *, echelle: float = 0.0
) -> Retour:
    """Remplace un refus général par le message de l'erreur classique où tombe la réponse.

    ``erreurs`` associe à chaque message la valeur fausse qu'elle produit (« vous avez divisé par
    le nombre de lignes » → CA / lignes). Une réponse juste est rendue telle quelle.

    >>> retour = comparer_nombre(25, 0.25)
    >>> print(avec_erreurs_typiques(retour, 25, {"Un taux s'écrit en fraction.": 25}).message)
    Un taux s'écrit en fraction.
    """
    if retour.est_correct or retour.statut == "vide":
        return retour
    for message, valeur_fausse in erreurs.items():
        if proche(reponse, valeur_fausse, tolerance, echelle=echelle):
            return incorrect(message)
    return retour


def avec_series_typiques(
    retour: Retour, reponse: Any, erreurs: Iterable[tuple[pd.Series, str]], tolerance: float = 1e-6
) -> Retour:
    """Comme :func:`avec_erreurs_typiques`, pour une réponse en Series : ``erreurs`` donne des couples
    (série fausse connue, message). Les index sont comparés en texte.

    >>> attendu = pd.Series([0.5, 0.25], index=[1, 2])
    >>> reponse = 100 * attendu
    >>> print(avec_series_typiques(comparer_serie(reponse, attendu), reponse, [(100 * attendu, "En fraction.")]).message)
    En fraction.
    """
    if retour.est_correct or retour.statut == "vide" or not isinstance(reponse, pd.Series):
        return retour
    reponse = index_en_texte(reponse)
    for faux, message in erreurs:
        if memes_valeurs(reponse, index_en_texte(faux), tolerance):
            return incorrect(message)
    return retour


def index_en_texte(reponse: Any) -> Any:
    """Une copie de la Series ou de la table avec l'index en texte (les autres réponses telles quelles)."""
    if isinstance(reponse, pd.Series | pd.DataFrame):
        reponse = reponse.set_axis(reponse.index.astype(str))
    return reponse


def en_serie(reponse: Any, cle: str) -> pd.Series | Retour:
    """Ramène la réponse à une Series d'index texte, ou dit pourquoi ce n'est pas possible.

    Admis : une Series (indexée par ``cle``), ou une table qui a la colonne (ou l'index) ``cle`` et
    une seule colonne de nombres, comme en rend une requête SQL ``SELECT cle, SUM(...)``.

    >>> t = pd.DataFrame({"rayon": ["A", "B"], "ca": [1.0, 2.0]})
    >>> en_serie(t, "rayon").to_dict()
    {'A': 1.0, 'B': 2.0}
    >>> print(en_serie([1, 2], "rayon").message)
    Une colonne de valeurs, une par 'rayon', était attendue ; vous avez donné une liste.
    """
    if isinstance(reponse, pd.DataFrame):
        table = reponse.set_index(cle) if cle in reponse.columns else reponse
        nombres = table.select_dtypes("number")
        if nombres.shape[1] != 1:
            return incorrect(
                f"Une colonne de valeurs, une par '{cle}', était attendue, ou un tableau avec la colonne '{cle}' et "
                f"une seule colonne de nombres (le vôtre en a {nombres.shape[1]})."
            )
        reponse = nombres.iloc[:, 0]
    if not isinstance(reponse, pd.Series):
        return incorrect(f"Une colonne de valeurs, une par '{cle}', était attendue ; vous avez donné {_nom_type(reponse)}.")
    return index_en_texte(reponse)


def en_table(reponse: Any, cle: str) -> pd.DataFrame | Retour:
    """Ramène la réponse à une table indexée par ``cle`` (index en texte), ou dit pourquoi ce n'est pas possible.

    Une table qui a la colonne ``cle`` est indexée par elle ; une Series devient une table d'une colonne.

    >>> en_table(pd.DataFrame({"vendeur": [1, 2], "ca": [3, 4]}), "vendeur").index.tolist()
    ['1', '2']
    >>> print(en_table(3, "vendeur").message)
    Un tableau avec une ligne par 'vendeur' était attendu ; vous avez donné un nombre entier.
    """
    if isinstance(reponse, pd.Series):
        reponse = reponse.to_frame()
    if not isinstance(reponse, pd.DataFrame):
        return incorrect(f"Un tableau avec une ligne par '{cle}' était attendu ; vous avez donné {_nom_type(reponse)}.")
    if cle in reponse.columns:
        reponse = reponse.set_index(cle)
    return index_en_texte(reponse)


def identifiants(reponse: Any, cle: str = "client_id") -> Any:
    """Les identifiants d'une réponse donnée en table (colonne ``cle``) ou en Index, en liste de textes.

    Les autres réponses (liste, Series, ensemble...) sont rendues telles quelles, pour
    :func:`comparer_ensemble`.

    >>> identifiants(pd.DataFrame({"client_id": ["C1", "C2"], "ca": [1, 2]}))
    ['C1', 'C2']
    >>> identifiants(pd.Index([1, 2]))
    ['1', '2']
    """
    if isinstance(reponse, pd.DataFrame) and cle in reponse.columns:
        return reponse[cle].astype(str).tolist()
    if isinstance(reponse, pd.Index):
        return [str(x) for x in reponse]
    return reponse


def en_dictionnaire(reponse: Any, cles: Iterable[str], exemple: str | None = None) -> dict | Retour:
    """Lit une réponse en dictionnaire (ou en Series) qui doit avoir les clés ``cles``, ou dit ce qui manque.

    >>> en_dictionnaire(pd.Series({"r": 1, "f": 2}), ["r", "f"])
    {'r': 1, 'f': 2}
    >>> print(en_dictionnaire({"r": 1}, ["r", "f"]).message)
    Clé(s) manquante(s) dans le dictionnaire : 'f'.
    >>> print(en_dictionnaire([1, 2], ["r", "f"]).message)
    Un dictionnaire était attendu, par exemple {'r': ..., 'f': ...} ; vous avez donné une liste.
    """
    cles = list(cles)
    if isinstance(reponse, pd.Series):
        reponse = reponse.to_dict()
    if not isinstance(reponse, Mapping):
        exemple = exemple or "{" + ", ".join(f"{c!r}: ..." for c in cles) + "}"
        return incorrect(f"Un dictionnaire était attendu, par exemple {exemple} ; vous avez donné {_nom_type(reponse)}.")
    manquantes = [c for c in cles if c not in reponse]
    if manquantes:
        return incorrect(f"Clé(s) manquante(s) dans le dictionnaire : {', '.join(map(repr, manquantes))}.")
    return dict(reponse)


def memes_valeurs(reponse: Any, autre: pd.Series, tolerance: float = 1e-6) -> bool:
    """Vrai si la réponse (une Series) a les étiquettes et les valeurs de ``autre``.

    Même règle que :func:`comparer_serie` (écart relatif et absolu ``tolerance``, NaN égal à NaN) :
    sert à reconnaître qu'une réponse refusée est le résultat d'un calcul faux connu.

    >>> s = pd.Series([0.5, float("nan")], index=["a", "b"])
    >>> memes_valeurs(s[::-1], s), memes_valeurs(s * 2, s), memes_valeurs("texte", s)
    (True, False, False)
    """
    if not isinstance(reponse, pd.Series) or set(reponse.index) != set(autre.index):
        return False
    if not pd.api.types.is_numeric_dtype(reponse) or pd.api.types.is_bool_dtype(reponse):
        return False
    return not _valeurs_fausses(reponse.reindex(autre.index), autre, tolerance).any()


def comparer_nombre(
    reponse: Any,
    attendu: float,
    tolerance: float = 1e-6,
    relative: bool = True,
    fraction: bool = False,
    pourcentage: bool = False,
) -> Retour:
    """Compare un nombre, à une tolérance près (relative par défaut).

    ``fraction=True`` signale un taux attendu en fraction (0,25) : une réponse
    en pourcentage (25) reçoit un message qui le dit ; ``pourcentage=True``, un taux attendu en
    pourcentage (25) : une réponse en fraction (0,25) reçoit le message inverse. Un résultat juste
    au signe près est signalé (glissement « signe inversé »).

    >>> comparer_nombre(10.0, 10).statut
    'correct'
    >>> print(comparer_nombre(12, 10).message)
    Pas tout à fait : votre résultat est trop grand (écart de 20 %). Reprenez le calcul.
    """
    if est_vide(reponse):
        return vide()
    if isinstance(reponse, np.generic):
        reponse = reponse.item()
    if isinstance(reponse, pd.Series | pd.DataFrame) and reponse.size == 1:
        return incorrect(
            f"Vous avez donné {_nom_type(reponse)} qui ne contient qu'une valeur : un nombre seul était attendu. "
            "Prenez la valeur elle-même (par exemple avec .item())."
        )
    if not est_nombre(reponse):
        return incorrect(f"Un nombre était attendu, vous avez donné {_nom_type(reponse)}.")
    if isinstance(reponse, float) and math.isnan(reponse):
        return incorrect("Votre résultat n'est pas un nombre (valeur manquante) : une division par zéro, ou une case vide ?")
    ecart = abs(reponse - attendu)
    limite = tolerance * abs(attendu) if relative and attendu != 0 else tolerance
    if ecart <= limite:
        return correct()
    from .glissements import GLISSEMENTS

    if fraction and attendu != 0 and abs(reponse - 100 * attendu) <= 100 * max(limite, 1e-9):
        return incorrect(GLISSEMENTS["pourcentage_pour_fraction"].message)
    if pourcentage and attendu != 0 and abs(reponse - attendu / 100) <= max(limite, 1e-9) / 100:
        return incorrect(GLISSEMENTS["fraction_pour_pourcentage"].message)
    if attendu != 0 and abs(reponse + attendu) <= limite:
        return incorrect(GLISSEMENTS["signe_inverse"].message)
    sens = "trop grand" if reponse > attendu else "trop petit"
    if attendu != 0:
        pourcentage = 100 * ecart / abs(attendu)
        precision = f"{pourcentage:.0f} %" if pourcentage >= 1 else "moins de 1 %"
        return incorrect(f"Pas tout à fait : votre résultat est {sens} (écart de {precision}). Reprenez le calcul.")
    return incorrect(f"Pas tout à fait : votre résultat est {sens}. Reprenez le calcul.")


def normaliser_texte(texte: str) -> str:
    """Minuscules, sans accents ni espaces superflus : « Écouter » → « ecouter »."""
    decompose = unicodedata.normalize("NFKD", str(texte))
    sans_accent = "".join(c for c in decompose if not unicodedata.combining(c))
    return " ".join(sans_accent.lower().replace("’", "'").split())


def comparer_choix(reponse: Any, attendu: str, possibles: Iterable[str]) -> Retour:
    """Compare un choix parmi une liste fermée (accents et majuscules ignorés).

    >>> comparer_choix("a", "A", ["A", "B", "C"]).statut
    'correct'
    >>> print(comparer_choix("D", "A", ["A", "B", "C"]).message)
    « D » ne fait pas partie des choix possibles : A, B, C.
    """
    if est_vide(reponse):
        return vide()
    if not isinstance(reponse, str):
        return incorrect(f"Un texte était attendu, vous avez donné {_nom_type(reponse)}.")
    possibles = list(possibles)
    normes = {normaliser_texte(p) for p in possibles}
    if normaliser_texte(reponse) not in normes:
        return incorrect(f"« {reponse} » ne fait pas partie des choix possibles : {', '.join(possibles)}.")
    if normaliser_texte(reponse) != normaliser_texte(attendu):
        return incorrect(f"« {reponse} » n'est pas la bonne réponse. Relisez la définition dans la leçon.")
    return correct()


def comparer_ensemble(reponse: Any, attendu: Iterable[Any], element: str = "éléments") -> Retour:
    """Compare une collection sans tenir compte de l'ordre (liste, Index, Series, set).

    >>> print(comparer_ensemble(["C1", "C2"], ["C1", "C3"], "clients").message)
    Il manque 1 clients attendus et 1 clients en trop.
    """
    if est_vide(reponse):
        return vide()
    if isinstance(reponse, str | bytes) or not isinstance(reponse, Iterable):
        return incorrect(f"Une liste de {element} était attendue, vous avez donné {_nom_type(reponse)}.")
    if isinstance(reponse, pd.DataFrame):
        return incorrect(f"Une liste de {element} était attendue, pas un tableau entier : prenez la colonne des identifiants.")
    donnes = list(reponse)
    attendus = set(attendu)
    doublons = len(donnes) - len(set(donnes))
    manquants = len(attendus - set(donnes))
    en_trop = len(set(donnes) - attendus)
    if not manquants and not en_trop:
        if doublons:
            return incorrect(f"Les bons {element}, mais {doublons} en double : dédoublonnez.")
        return correct()
    parties = []
    if manquants:
        parties.append(f"il manque {manquants} {element} attendus")
    if en_trop:
        parties.append(f"{en_trop} {element} en trop")
    texte = " et ".join(parties)
    return incorrect(texte[0].upper() + texte[1:] + ".")


def comparer_serie(
    reponse: Any, attendu: pd.Series, tolerance: float = 1e-6, verifier_ordre: bool = False
) -> Retour:
    """Compare une Series : mêmes étiquettes d'index, mêmes valeurs (à la tolérance près).

    >>> s = pd.Series([1.0, 2.0], index=["a", "b"])
    >>> comparer_serie(s.copy(), s).statut
    'correct'
    """
    if est_vide(reponse):
        return vide()
    if isinstance(reponse, pd.DataFrame) and reponse.shape[1] == 1:
        reponse = reponse.iloc[:, 0]
    if not isinstance(reponse, pd.Series):
        return incorrect(f"Une colonne de valeurs (une valeur par étiquette) était attendue ; vous avez donné {_nom_type(reponse)}.")
    manquants = attendu.index.difference(reponse.index)
    en_trop = reponse.index.difference(attendu.index)
    if len(manquants) or len(en_trop):
        return incorrect(
            f"Les étiquettes des valeurs ne correspondent pas : {len(manquants)} manquante(s), "
            f"{len(en_trop)} en trop (par exemple {', '.join(map(str, list(manquants[:2]) or list(en_trop[:2])))})."
        )
    if verifier_ordre and list(reponse.index) != list(attendu.index):
        return incorrect("Les bonnes valeurs, mais pas dans l'ordre demandé : triez-les.")
    retour = _comparer_valeurs(reponse.reindex(attendu.index), attendu, "la série", tolerance)
    return retour if retour.est_correct else _glissement_de_serie(reponse, attendu, tolerance) or retour


def _glissement_de_serie(reponse: pd.Series, attendu: pd.Series, tolerance: float) -> Retour | None:
    """Le message d'un glissement évident sur toute une série : signe inversé, ou fraction écrite en pourcentage.

    >>> s = pd.Series([0.25, 0.5], index=["a", "b"])
    >>> print(comparer_serie(100 * s, s).message)
    Vous avez donné un pourcentage (25) là où une fraction est attendue (0,25) : divisez par 100.
    """
    if not pd.api.types.is_numeric_dtype(attendu) or pd.api.types.is_bool_dtype(attendu) or not attendu.abs().gt(0).any():
        return None
    from .glissements import GLISSEMENTS

    if memes_valeurs(reponse, -attendu, tolerance):
        return incorrect(GLISSEMENTS["signe_inverse"].message)
    if attendu.abs().max() <= 1 and memes_valeurs(reponse, 100 * attendu, tolerance):
        return incorrect(GLISSEMENTS["pourcentage_pour_fraction"].message)
    return None


def _valeurs_fausses(reponse: pd.Series, attendu: pd.Series, tolerance: float) -> np.ndarray:
    """Masque des valeurs qui diffèrent (mêmes positions) : nombres à ``tolerance`` près, sinon en texte."""
    if pd.api.types.is_numeric_dtype(attendu) and not pd.api.types.is_bool_dtype(attendu):
        a = attendu.to_numpy(dtype="float64", na_value=np.nan)
        r = reponse.to_numpy(dtype="float64", na_value=np.nan)
        return ~np.isclose(r, a, rtol=tolerance, atol=tolerance, equal_nan=True)
    a = attendu.astype("string").fillna("<NA>").to_numpy()
    r = reponse.astype("string").fillna("<NA>").to_numpy()
    return a != r


def _comparer_valeurs(reponse: pd.Series, attendu: pd.Series, nom: str, tolerance: float) -> Retour:
    numerique = pd.api.types.is_numeric_dtype(attendu) and not pd.api.types.is_bool_dtype(attendu)
    if numerique and not pd.api.types.is_numeric_dtype(reponse):
        return incorrect(f"Les valeurs de {nom} devraient être des nombres (pas des textes).")
    faux = _valeurs_fausses(reponse, attendu, tolerance)
    nombre = int(faux.sum())
    if nombre:
        exemple = attendu.index[faux][0]
        return incorrect(f"{nombre} valeur(s) de {nom} diffèrent du résultat attendu (par exemple pour {exemple!r}).")
    return correct()


def comparer_table(
    reponse: Any,
    attendu: pd.DataFrame,
    colonnes: Iterable[str] | None = None,
    tolerance: float = 1e-6,
    verifier_index: bool = True,
) -> Retour:
    """Compare une table : colonnes demandées, nombre de lignes, index, valeurs.

    >>> t = pd.DataFrame({"ca": [1.0, 2.0]}, index=["x", "y"])
    >>> print(comparer_table(t.iloc[:1], t).message)
    Le tableau a 1 ligne(s), 2 attendue(s).
    """
    if est_vide(reponse):
        return vide()
    if isinstance(reponse, pd.Series):
        reponse = reponse.to_frame()
    if not isinstance(reponse, pd.DataFrame):
        return incorrect(f"Un tableau était attendu ; vous avez donné {_nom_type(reponse)}.")
    colonnes = list(colonnes) if colonnes is not None else list(attendu.columns)
    manquantes = [c for c in colonnes if c not in reponse.columns]
    if manquantes:
        return incorrect(f"Colonne(s) manquante(s) : {', '.join(map(repr, manquantes))}.")
    if len(reponse) != len(attendu):
        return incorrect(f"Le tableau a {len(reponse)} ligne(s), {len(attendu)} attendue(s).")
    if verifier_index:
        if set(reponse.index) != set(attendu.index):
            return incorrect("Les lignes ne sont pas les bonnes : vérifiez les identifiants des lignes du tableau.")
        reponse = reponse.loc[attendu.index]
    else:
        reponse = reponse.reset_index(drop=True)
        attendu = attendu.reset_index(drop=True)
    for colonne in colonnes:
        retour = _comparer_valeurs(reponse[colonne], attendu[colonne], f"la colonne '{colonne}'", tolerance)
        if not retour.est_correct:
            return retour
    return correct()


def comparer_correspondance(reponse: Any, attendu: Mapping[Any, Any], element: str = "éléments") -> Retour:
    """Compare un dictionnaire clé → réponse (classer des phrases, associer des notions).

    Dit combien d'associations sont fausses et lesquelles, sans donner la bonne.

    >>> print(comparer_correspondance({1: "A", 2: "B"}, {1: "A", 2: "C"}).message)
    1 élément(s) mal placé(s) sur 2 : 2.
    """
    if est_vide(reponse):
        return vide()
    if not isinstance(reponse, Mapping):
        return incorrect(f"Un dictionnaire était attendu, vous avez donné {_nom_type(reponse)}.")
    manquantes = [k for k in attendu if k not in reponse]
    if manquantes:
        return incorrect(f"{len(manquantes)} {element} sans réponse : {', '.join(map(str, manquantes))}.")
    vides = [k for k in attendu if est_vide(reponse[k])]
    if vides:
        return vide()
    fausses = [k for k, v in attendu.items() if normaliser_texte(str(reponse[k])) != normaliser_texte(str(v))]
    if fausses:
        return incorrect(
            f"{len(fausses)} {element.rstrip('s')}(s) mal placé(s) sur {len(attendu)} : "
            f"{', '.join(map(str, fausses))}."
        )
    return correct()


def comparer_ordre(reponse: Any, attendu: list[Any], element: str = "étapes") -> Retour:
    """Compare une liste ordonnée (les étapes d'une méthode, un classement).

    >>> print(comparer_ordre(["b", "a"], ["a", "b"]).message)
    Les bonnes étapes, mais la première erreur d'ordre est en position 1.
    """
    if est_vide(reponse):
        return vide()
    if not isinstance(reponse, list | tuple | pd.Index | pd.Series):
        return incorrect(f"Une liste ordonnée était attendue, vous avez donné {_nom_type(reponse)}.")
    donnes = [normaliser_texte(str(x)) for x in reponse]
    attendus = [normaliser_texte(str(x)) for x in attendu]
    if sorted(donnes) != sorted(attendus):
        retour = comparer_ensemble(donnes, attendus, element)
        return incorrect(retour.message) if retour.est_correct else retour
    for position, (d, a) in enumerate(zip(donnes, attendus, strict=True), start=1):
        if d != a:
            return incorrect(f"Les bonnes {element}, mais la première erreur d'ordre est en position {position}.")
    return correct()


def comparer_decision(
    reponse: Any, bonne: str, pourquoi_bonne: str, retours: Mapping[str, str], possibles: Iterable[str] | None = None
) -> Retour:
    """Juge une décision (un segment, une action, un canal...) et commente le raisonnement.

    Un choix faux reçoit SA raison (``retours[choix]`` : pourquoi ce n'est pas le meilleur) ; la bonne
    réponse reçoit ``pourquoi_bonne`` ; un choix inconnu reçoit la liste des choix possibles (``possibles``,
    par défaut la bonne et les clés de ``retours``, par ordre alphabétique). Accents et majuscules ignorés.

    >>> retours = {"Tous les clients": "Trop cher : la moitié n'achète plus depuis un an.",
    ...            "Les nouveaux": "Ils n'ont pas encore d'habitude d'achat à récompenser."}
    >>> print(comparer_decision("tous les clients", "Les fidèles", "Ils rapportent le plus.", retours).message)
    « tous les clients » n'est pas le meilleur choix : Trop cher : la moitié n'achète plus depuis un an.
    >>> print(comparer_decision("Les fideles", "Les fidèles", "Ils rapportent le plus.", retours).message)
    Bon choix. Ils rapportent le plus.
    >>> print(comparer_decision("Les VIP", "Les fidèles", "Ils rapportent le plus.", retours).message)
    « Les VIP » ne fait pas partie des choix possibles : Les fidèles, Les nouveaux, Tous les clients.
    """
    if est_vide(reponse):
        return vide()
    choix = list(possibles) if possibles is not None else sorted({bonne, *retours}, key=normaliser_texte)
    if not isinstance(reponse, str):
        return incorrect(f"Un texte était attendu, l'un des choix : {', '.join(choix)} ; vous avez donné {_nom_type(reponse)}.")
    donne = normaliser_texte(reponse)
    if donne == normaliser_texte(bonne):
        return correct(f"Bon choix. {pourquoi_bonne}".strip())
    raisons = {normaliser_texte(k): v for k, v in retours.items()}
    if donne in raisons:
        return incorrect(f"« {reponse} » n'est pas le meilleur choix : {raisons[donne]}")
    if donne in {normaliser_texte(c) for c in choix}:
        return incorrect(f"« {reponse} » n'est pas le meilleur choix. Relisez ce que dit la leçon de ce cas.")
    return incorrect(f"« {reponse} » ne fait pas partie des choix possibles : {', '.join(choix)}.")


def comparer_decisions(reponse: Any, decisions: Mapping[str, tuple[str, str, Mapping[str, str]]],
                       possibles: Iterable[str], *, etiquette: str = "{}", manque: str = "le choix pour") -> Retour:
    """Juge un dictionnaire de décisions (un choix par cas) : le premier mauvais choix reçoit sa raison.

    ``decisions[cas] = (bon choix, pourquoi, retours des autres choix)`` ; ``etiquette`` nomme un cas
    dans les messages (« Classe {} ») ; ``manque`` dit ce qui manque (« le traitement de la classe »).

    >>> decisions = {"A": ("garder", "Ils font le CA.", {"retirer": "Ils font le CA !"}),
    ...              "C": ("retirer", "Ils pèsent peu.", {"garder": "Ils pèsent peu."})}
    >>> print(comparer_decisions({"A": "garder", "C": "garder"}, decisions, ["garder", "retirer"],
    ...                          etiquette="Classe {}").message)
    Classe C : « garder » n'est pas le meilleur choix : Ils pèsent peu.
    >>> print(comparer_decisions({"A": "garder", "C": ...}, decisions, ["garder", "retirer"]).message)
    Il manque encore le choix pour : C.
    """
    if reponse is Ellipsis:
        return vide()
    reponse = en_dictionnaire(reponse, list(decisions))
    if isinstance(reponse, Retour):
        return reponse
    manquants = [cas for cas in decisions if reponse[cas] is Ellipsis]
    if len(manquants) == len(decisions):
        return vide()
    if manquants:
        return incorrect(f"Il manque encore {manque} : {', '.join(manquants)}.")
    possibles = tuple(possibles)
    raisons = []
    for cas, (bon, pourquoi, retours) in decisions.items():
        retour = comparer_decision(reponse[cas], bon, pourquoi, retours, possibles=possibles)
        if not retour.est_correct:
            return incorrect(f"{etiquette.format(cas)} : {retour.message}")
        raisons.append(f"{cas} : {pourquoi}")
    return correct("Bonnes décisions. " + " ".join(raisons))

