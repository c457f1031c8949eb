"""Associations d'achats entre rayons : paniers, règles « A → B » (support, confiance, lift), cible de vente croisée."""

from __future__ import annotations

import difflib

import numpy as np
import pandas as pd

from grc.scoring._ventes import lignes_de_vente, ordre_des_rayons
from grc.validation import ErreurDonnees, verifier_table


def paniers_rayons(
    transactions: pd.DataFrame, *, panier: str = "client_id", rayon: str = "rayon", quantite: str = "quantite"
) -> pd.DataFrame:
    """La table panier × rayon : ``True`` si le panier contient au moins un achat dans le rayon.

    Un « panier » est ce qu'on veut comparer : un **client** sur toute la période (par défaut, pour
    étudier la circulation d'un client entre les rayons) ou un **ticket** (``panier="ticket_id"``,
    pour ce qui s'achète ensemble dans une même visite). Seules les ventes comptent : les lignes
    de retour (quantité ≤ 0) sont écartées et signalées.

    Examples
    --------
    >>> lignes = pd.DataFrame({"client_id": ["A", "A", "B", "B"], "quantite": [1, 2, 1, -1],
    ...                        "rayon": ["Végétaux", "Décoration", "Végétaux", "Animalerie"]})
    >>> paniers_rayons(lignes)  # doctest: +NORMALIZE_WHITESPACE
    rayon      Décoration  Végétaux
    client_id
    A                True      True
    B               False      True
    """
    ventes = lignes_de_vente(transactions, [panier, rayon], quantite)
    comptes = ventes.groupby([panier, rayon], observed=True).size().unstack(fill_value=0)
    comptes.columns = [str(c) for c in comptes.columns]
    table = comptes[ordre_des_rayons(comptes.columns, transactions[rayon])] > 0
    table.columns.name = rayon
    return table


def repartition_rayons(paniers: pd.DataFrame) -> pd.DataFrame:
    """Combien de rayons fréquente chaque panier : effectifs, parts et parts cumulées.

    Examples
    --------
    >>> paniers = pd.DataFrame({"Végétaux": [True, True, True], "Décoration": [False, True, True],
    ...                         "Animalerie": [False, False, True]}, index=["A", "B", "C"])
    >>> repartition_rayons(paniers)  # doctest: +NORMALIZE_WHITESPACE
                paniers      part  part_cumulee
    nb_rayons
    1                 1  0.333333      0.333333
    2                 1  0.333333      0.666667
    3                 1  0.333333      1.000000
    """
    table = _paniers_valides(paniers)
    nombre = table.sum(axis=1)
    effectifs = nombre[nombre > 0].value_counts().sort_index()
    effectifs.index.name = "nb_rayons"
    part = effectifs / effectifs.sum()
    return pd.DataFrame({"paniers": effectifs.astype("int64"), "part": part, "part_cumulee": part.cumsum()})


def _paniers_valides(paniers: object) -> pd.DataFrame:
    table = verifier_table(paniers, [], "la table des paniers")
    valeurs = table.to_numpy()
    if not np.isin(valeurs, [0, 1, True, False]).all():
        raise ErreurDonnees("La table des paniers doit contenir des booléens (ou des 0/1) : True = rayon acheté.")
    return table.astype(bool)


def regles_association(paniers: pd.DataFrame, *, support_min: float = 0.0, confiance_min: float = 0.0) -> pd.DataFrame:
    """Les règles d'association « A → B » entre rayons : support, confiance, lift.

    Avec N paniers, n(A) les paniers qui contiennent A et n(A et B) ceux qui contiennent les deux :

    - ``support`` = n(A et B) / N : la part des paniers qui réunissent les deux rayons ;
    - ``confiance`` = n(A et B) / n(A) : parmi les paniers qui contiennent A, la part qui contient
      aussi B (la probabilité de B **sachant** A) ;
    - ``lift`` = confiance / support(B) = n(A et B) × N / (n(A) × n(B)) : combien de fois B est plus
      fréquent chez les acheteurs de A que dans l'ensemble. Lift > 1 : A et B s'attirent ; lift < 1 :
      ils se repoussent ; le lift de A → B est égal à celui de B → A.

    Le calcul est matriciel : Xᵀ·X (X la table 0/1 des paniers) donne d'un coup n(A et B) pour
    toutes les paires, et n(A) sur sa diagonale.

    Parameters
    ----------
    paniers : DataFrame
        La table de :func:`paniers_rayons` (booléens, un rayon par colonne).
    support_min, confiance_min : float
        Seuils (fractions) : les règles en dessous sont écartées.

    Returns
    -------
    DataFrame
        Une ligne par règle, triée par lift puis confiance décroissants : ``antecedent``,
        ``consequent``, ``paniers`` (n(A et B)), ``support``, ``confiance``, ``lift``,
        ``support_antecedent``, ``support_consequent``.

    Examples
    --------
    >>> paniers = pd.DataFrame({"Épicerie fine": [1, 1, 0, 0, 1], "Décoration": [1, 1, 1, 0, 0]}).astype(bool)
    >>> regles_association(paniers)[["antecedent", "consequent", "support", "confiance", "lift"]]
          antecedent     consequent  support  confiance      lift
    0     Décoration  Épicerie fine      0.4   0.666667  1.111111
    1  Épicerie fine     Décoration      0.4   0.666667  1.111111
    """
    table = _paniers_valides(paniers)
    x = table.to_numpy(dtype="int64")
    n = len(x)
    ensemble = x.T @ x  # ensemble[a, b] = n(A et B) ; diagonale : n(A)
    seuls = np.diag(ensemble)
    a, b = np.nonzero(~np.eye(len(seuls), dtype=bool))
    noms = np.array([str(c) for c in table.columns], dtype=object)
    with np.errstate(invalid="ignore", divide="ignore"):
        confiance = ensemble[a, b] / seuls[a]
        regles = pd.DataFrame({
            "antecedent": noms[a], "consequent": noms[b], "paniers": ensemble[a, b],
            "support": ensemble[a, b] / n, "confiance": confiance, "lift": confiance / (seuls[b] / n),
            "support_antecedent": seuls[a] / n, "support_consequent": seuls[b] / n,
        })
    regles = regles[(regles["support"] >= support_min) & (regles["confiance"].fillna(0) >= confiance_min)]
    regles = regles.sort_values(["lift", "confiance", "antecedent", "consequent"],
                                ascending=[False, False, True, True], kind="stable")
    return regles.reset_index(drop=True)


def cible_vente_croisee(paniers: pd.DataFrame, antecedent: str, consequent: str) -> pd.Index:
    """Les paniers (clients) qui achètent le rayon ``antecedent`` mais **jamais** le ``consequent``.

    C'est la cible naturelle d'une offre de vente croisée tirée de la règle antecedent → consequent :
    ils ressemblent aux clients qui achètent déjà les deux, et n'ont pas encore franchi le pas.
    (Offrir un bon au client qui achète déjà le rayon, c'est lui offrir une remise sur ce qu'il
    aurait acheté de toute façon : l'effet d'aubaine.)

    Examples
    --------
    >>> paniers = pd.DataFrame({"Épicerie fine": [True, True, False], "Décoration": [True, False, True]},
    ...                        index=["A", "B", "C"])
    >>> list(cible_vente_croisee(paniers, "Épicerie fine", "Décoration"))
    ['B']
    """
    table = _paniers_valides(paniers)
    colonnes = [str(c) for c in table.columns]
    for nom in (antecedent, consequent):
        if nom not in colonnes:
            proches = difflib.get_close_matches(str(nom), colonnes, n=1)
            suggestion = f" Vouliez-vous dire {proches[0]!r} ?" if proches else ""
            raise ErreurDonnees(f"Rayon inconnu : {nom!r}.{suggestion} Rayons : {', '.join(colonnes)}.")
    table.columns = colonnes
    return table.index[table[antecedent] & ~table[consequent]]
