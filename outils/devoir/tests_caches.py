"""Le code des cellules de test du devoir : une ligne visible, puis les tests cachés avec la valeur attendue.

Les tests cachés (entre ``### BEGIN HIDDEN TESTS`` et ``### END HIDDEN TESTS``) sont retirés de la
version élève par ``nbgrader generate_assignment`` et remis en place par ``nbgrader autograde``. Ils ne
dépendent que de pandas et de la valeur écrite en clair : rien n'y appelle ``grc.exercices``. Leurs
messages, en français, disent ce qui ne va pas sans donner la valeur attendue (ils paraissent dans le
retour rendu à l'élève).
"""

from __future__ import annotations

from pprint import pformat

DEBUT_CACHES = "### BEGIN HIDDEN TESTS"
FIN_CACHES = "### END HIDDEN TESTS"

#: Définie dans chaque test (l'élève ne peut pas la remplacer depuis une autre cellule avant le test).
FONCTION_PROCHE = '''import unicodedata as _unicodedata


def _norme(texte):
    texte = "".join(c for c in _unicodedata.normalize("NFKD", str(texte)) if not _unicodedata.combining(c))
    return " ".join(texte.lower().replace("\u2019", "'").split())


def _proche(a, b):
    if b is None:
        return a is None or a != a
    if isinstance(b, str):
        return isinstance(a, str) and _norme(a) == _norme(b)
    try:
        return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))
    except (TypeError, ValueError):
        return False
'''


def _litteral(valeur) -> str:
    """La valeur écrite en Python (lisible, une clé par ligne pour les grands dictionnaires)."""
    return pformat(valeur, width=110, sort_dicts=False)


def lecture_reponse(expression: str, titre: str) -> str:
    """Le début commun des tests : lire la réponse de l'élève dans ``_reponse``, refuser une réponse vide.

    >>> print(lecture_reponse("total", "Étape 1"))
    try:
        _reponse = (total)
    except NameError:
        _reponse = ...
    assert _reponse is not ... and _reponse is not None, "Étape 1 : pas de réponse (« total » n'est pas calculé)."
    """
    return (f"try:\n    _reponse = ({expression})\nexcept NameError:\n    _reponse = ...\n"
            f"assert _reponse is not ... and _reponse is not None, "
            f"\"{titre} : pas de réponse (« {expression} » n'est pas calculé).\"")


def test_valeur(encodage: dict, titre: str) -> str | None:
    """Les assertions qui comparent ``_reponse`` à la valeur attendue encodée ; ``None`` si la forme est inconnue.

    >>> print(test_valeur({"type": "entier", "valeur": 12}, "Étape 1"))
    try:
        _valeur = float(_reponse)
    except (TypeError, ValueError):
        raise AssertionError("Étape 1 : la réponse doit être un nombre.") from None
    assert _valeur == 12, "Étape 1 : la réponse ne correspond pas au résultat attendu."
    >>> test_valeur({"type": "inconnu", "classe": "Plan"}, "x") is None
    True
    """
    faux = f"\"{titre} : la réponse ne correspond pas au résultat attendu.\""
    forme = encodage["type"]
    if forme in ("entier", "nombre"):
        v = encodage["valeur"]
        comparaison = f"_valeur == {v!r}" if forme == "entier" else f"abs(_valeur - {v!r}) <= 1e-6 * max(1.0, {abs(v)!r})"
        return (f"try:\n    _valeur = float(_reponse)\nexcept (TypeError, ValueError):\n"
                f"    raise AssertionError(\"{titre} : la réponse doit être un nombre.\") from None\n"
                f"assert {comparaison}, {faux}")
    if forme == "texte":
        return (f"{FONCTION_PROCHE}"
                f"assert isinstance(_reponse, str), \"{titre} : un texte (l'un des choix proposés) était attendu.\"\n"
                f"assert _proche(_reponse, {encodage['valeur']!r}), {faux}")
    if forme == "dictionnaire":
        return (f"import pandas as _pd\n{FONCTION_PROCHE}"
                f"_attendu = {_litteral(encodage['valeurs'])}\n"
                f"if isinstance(_reponse, _pd.Series):\n    _reponse = _reponse.to_dict()\n"
                f"assert isinstance(_reponse, dict), \"{titre} : un dictionnaire était attendu.\"\n"
                f"_lue = {{str(k): v for k, v in _reponse.items()}}\n"
                f"assert set(_lue) == set(_attendu), \"{titre} : les clés du dictionnaire ne sont pas celles attendues.\"\n"
                f"assert all(_proche(_lue[k], v) for k, v in _attendu.items()), {faux}")
    if forme == "ensemble":
        return (f"_attendu = {_litteral(encodage['valeurs'])}\n"
                f"assert not isinstance(_reponse, str | dict), \"{titre} : une liste d'identifiants était attendue.\"\n"
                f"try:\n    _elements = sorted(str(e) for e in _reponse)\nexcept TypeError:\n"
                f"    raise AssertionError(\"{titre} : une liste d'identifiants était attendue.\") from None\n"
                f"assert len(_elements) == len(set(_elements)), \"{titre} : un identifiant apparaît plusieurs fois.\"\n"
                f"assert _elements == _attendu, {faux}")
    if forme == "serie":
        return (f"import pandas as _pd\n{FONCTION_PROCHE}"
                f"_attendu = {_litteral(encodage['valeurs'])}\n"
                f"if isinstance(_reponse, _pd.DataFrame) and _reponse.shape[1] == 1:\n"
                f"    _reponse = _reponse.iloc[:, 0]\n"
                f"assert isinstance(_reponse, _pd.Series), \"{titre} : une série (Series) était attendue.\"\n"
                f"_lue = {{str(k): v for k, v in _reponse.items()}}\n"
                f"assert len(_lue) == len(_reponse) and set(_lue) == set(_attendu), "
                f"\"{titre} : les étiquettes de la série ne sont pas celles attendues.\"\n"
                f"assert all(_proche(_lue[k], v) for k, v in _attendu.items()), {faux}")
    if forme == "table":
        index = encodage["index"]
        return (f"import pandas as _pd\n{FONCTION_PROCHE}"
                f"_attendu = {_litteral(encodage['colonnes'])}\n"
                f"assert isinstance(_reponse, _pd.DataFrame), \"{titre} : un tableau (DataFrame) était attendu.\"\n"
                f"if {index!r} in _reponse.columns:\n    _reponse = _reponse.set_index({index!r})\n"
                f"_lignes = [str(i) for i in _reponse.index]\n"
                f"_etiquettes = next(iter(_attendu.values()), {{}})\n"
                f"assert len(set(_lignes)) == len(_lignes) and set(_lignes) == set(_etiquettes), "
                f"\"{titre} : les lignes du tableau ne sont pas celles attendues.\"\n"
                f"for _colonne, _valeurs in _attendu.items():\n"
                f"    assert _colonne in _reponse.columns, f\"{titre} : il manque la colonne « {{_colonne}} ».\"\n"
                f"    _lue = dict(zip(_lignes, _reponse[_colonne]))\n"
                f"    assert all(_proche(_lue[k], v) for k, v in _valeurs.items()), "
                f"f\"{titre} : la colonne « {{_colonne}} » ne correspond pas au résultat attendu.\"")
    return None


def cellule_test(expression: str, titre: str, points: float, assertions: str) -> str:
    """La source complète d'une cellule de test : un commentaire visible, puis les tests cachés.

    >>> print(cellule_test("x", "Étape 1", 1.0, "assert _reponse == 2"))  # doctest: +ELLIPSIS
    # Correction automatique de « Étape 1 » (1 point) : cellule verrouillée, à laisser telle quelle.
    ### BEGIN HIDDEN TESTS
    try:
    ...
    assert _reponse == 2
    ### END HIDDEN TESTS
    """
    pts = f"{points:g}".replace(".", ",")
    return (f"# Correction automatique de « {titre} » ({pts} point{'s' if points > 1 else ''}) : "
            f"cellule verrouillée, à laisser telle quelle.\n"
            f"{DEBUT_CACHES}\n{lecture_reponse(expression, titre)}\n{assertions}\n{FIN_CACHES}")
