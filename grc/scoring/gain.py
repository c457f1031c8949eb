"""Évaluer un score : courbe de gain, lift par décile, AUC, face au ciblage au hasard."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from grc.validation import ErreurDonnees


def _reel_et_score(reel: object, score: object) -> tuple[np.ndarray, np.ndarray]:
    """Convertit la cible (0/1) et le score en tableaux numpy, avec des erreurs françaises."""
    y = np.asarray(reel)
    s = np.asarray(score, dtype="float64")
    if y.ndim != 1 or s.ndim != 1 or len(y) != len(s):
        raise ErreurDonnees(f"reel et score doivent avoir la même longueur (trouvé : {len(y)} et {len(s)}).")
    if len(y) == 0:
        raise ErreurDonnees("Aucun client à évaluer : reel et score sont vides.")
    if np.isnan(s).any():
        raise ErreurDonnees(f"Le score contient {int(np.isnan(s).sum())} valeur(s) manquante(s).")
    y = pd.Series(y).astype("float64").to_numpy()
    if not np.isin(y, [0.0, 1.0]).all():
        raise ErreurDonnees("reel doit contenir des 0/1 ou des booléens (1 = a répondu).")
    if y.sum() == 0:
        raise ErreurDonnees("Aucun répondant dans reel : impossible de mesurer un gain.")
    return y, s


def _repondants_cumules(y: np.ndarray, s: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Répondants attendus parmi les k clients les mieux notés (ex-aequo comptés au prorata)."""
    ordre = np.argsort(-s, kind="stable")
    s_tri, y_tri = s[ordre], y[ordre]
    groupe = np.cumsum(np.r_[True, s_tri[1:] != s_tri[:-1]]) - 1
    clients = np.r_[0, np.cumsum(np.bincount(groupe))]
    repondants = np.r_[0.0, np.cumsum(np.bincount(groupe, weights=y_tri))]
    return np.interp(k, clients, repondants)


def courbe_gain(reel: object, score: object, *, parts: Iterable[float] | None = None) -> pd.DataFrame:
    """La courbe de gain d'un score : quelle part des répondants capte-t-on en ciblant les mieux notés ?

    On range les clients du meilleur score au moins bon et l'on cible la part *p* du haut :

    - ``clients_cibles`` = arrondi de *p* × N (N clients) ;
    - ``repondants`` = répondants parmi eux ;
    - ``part_repondants`` (le **gain**) = repondants / total des répondants ;
    - ``taux_reponse`` = repondants / clients_cibles ;
    - ``lift`` = taux_reponse / taux de réponse de toute la base = gain / *p*.

    Un ciblage au hasard donne gain = *p* et lift = 1 ; un score parfait met tous les répondants en
    tête. Des clients **ex-aequo** (même score) ne se départagent pas : quand la limite coupe un
    groupe d'ex-aequo, on en compte les répondants au prorata (ce qu'un tirage au sort donnerait en
    moyenne) ; le nombre de répondants peut alors avoir des décimales.

    Parameters
    ----------
    reel : liste de 0/1 ou booléens
        1 si le client a répondu (ou est parti, pour un score d'attrition).
    score : liste de nombres
        Plus grand = plus de chances de répondre.
    parts : liste de fractions, optionnel
        Parts ciblées ; par défaut 0 %, 1 %, ..., 100 %.

    Returns
    -------
    DataFrame
        Colonnes ``part_ciblee``, ``clients_cibles``, ``repondants``, ``part_repondants``,
        ``taux_reponse``, ``lift`` (``NaN`` pour une part nulle).

    Examples
    --------
    >>> reel = [1, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    >>> score = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0]
    >>> courbe_gain(reel, score, parts=[0.2, 0.5])
       part_ciblee  clients_cibles  repondants  part_repondants  taux_reponse  lift
    0          0.2               2         1.0              0.5           0.5   2.5
    1          0.5               5         2.0              1.0           0.4   2.0
    """
    y, s = _reel_et_score(reel, score)
    p = np.linspace(0, 1, 101) if parts is None else np.asarray(list(parts), dtype="float64")
    if ((p < 0) | (p > 1)).any():
        raise ErreurDonnees("Les parts ciblées sont des fractions entre 0 et 1 (0.2 pour 20 %).")
    k = np.floor(p * len(y) + 0.5)
    repondants = _repondants_cumules(y, s, k)
    with np.errstate(invalid="ignore", divide="ignore"):
        taux = np.where(k > 0, repondants / np.maximum(k, 1), np.nan)
    return pd.DataFrame({
        "part_ciblee": p,
        "clients_cibles": k.astype("int64"),
        "repondants": repondants,
        "part_repondants": repondants / y.sum(),
        "taux_reponse": taux,
        "lift": taux / y.mean(),
    })


def lift_par_decile(reel: object, score: object, *, groupes: int = 10) -> pd.DataFrame:
    """Le tableau des déciles d'un score : taux de réponse et lift de chaque dixième de la base.

    Les clients sont rangés du meilleur score au moins bon, puis coupés en ``groupes`` tranches
    d'effectifs égaux (à un client près). Pour chaque tranche :

    - ``taux_reponse`` = répondants / clients de la tranche ;
    - ``lift`` = taux de la tranche / taux de toute la base (1 = pas mieux que le hasard) ;
    - ``part_repondants_cumulee`` et ``lift_cumule`` : les mêmes mesures pour les tranches 1 à d
      réunies (la courbe de gain lue aux déciles).

    Les ex-aequo à cheval sur deux tranches sont comptés au prorata, comme dans :func:`courbe_gain`.

    Parameters
    ----------
    reel, score
        Comme pour :func:`courbe_gain`.
    groupes : int
        Nombre de tranches : 10 (déciles), 5 (quintiles), 20...

    Returns
    -------
    DataFrame
        Index ``decile`` (1 = les mieux notés) ; colonnes ``clients``, ``repondants``,
        ``taux_reponse``, ``lift``, ``part_repondants_cumulee``, ``lift_cumule``.

    Examples
    --------
    >>> reel = [1, 1, 0, 1, 0, 0, 0, 0, 0, 0]
    >>> lift_par_decile(reel, range(10, 0, -1), groupes=5)[["clients", "repondants", "lift"]]  # doctest: +NORMALIZE_WHITESPACE
            clients  repondants      lift
    decile
    1             2         2.0  3.333333
    2             2         1.0  1.666667
    3             2         0.0  0.000000
    4             2         0.0  0.000000
    5             2         0.0  0.000000
    """
    y, s = _reel_et_score(reel, score)
    if isinstance(groupes, bool) or not isinstance(groupes, int | np.integer) or not 2 <= groupes <= len(y):
        raise ErreurDonnees(f"groupes doit être un entier de 2 au nombre de clients ({len(y)}), pas {groupes!r}.")
    bornes = np.floor(np.arange(groupes + 1) * len(y) / groupes + 0.5)
    cumules = _repondants_cumules(y, s, bornes)
    clients = np.diff(bornes)
    repondants = np.diff(cumules)
    table = pd.DataFrame({
        "clients": clients.astype("int64"),
        "repondants": repondants,
        "taux_reponse": repondants / clients,
        "lift": repondants / clients / y.mean(),
        "part_repondants_cumulee": cumules[1:] / y.sum(),
        "lift_cumule": cumules[1:] / bornes[1:] / y.mean(),
    }, index=pd.RangeIndex(1, groupes + 1, name="decile"))
    return table


def comparer_scores(
    reel: object, scores: Mapping[str, object], *, part: float = 0.2, avec_hasard: bool = True
) -> pd.DataFrame:
    """Compare plusieurs scores sur les mêmes clients : AUC et ce que rapporte le ciblage d'une part.

    Pour chaque score : ``auc`` (aire sous la courbe ROC : la probabilité qu'un répondant tiré au
    hasard ait un meilleur score qu'un non-répondant tiré au hasard ; 0,5 = hasard, 1 = parfait ;
    les ex-aequo comptent pour moitié), puis, en ciblant la part ``part`` la mieux notée, les
    ``repondants`` captés, leur ``part_repondants`` et le ``lift`` (voir :func:`courbe_gain`).

    ``avec_hasard=True`` ajoute la ligne « ciblage au hasard », la **référence naïve** : son
    espérance exacte (AUC 0,5, part des répondants = part ciblée, lift 1), sans tirage.

    Parameters
    ----------
    reel : liste de 0/1 ou booléens
        La cible observée.
    scores : dict
        Nom du score → valeurs (même ordre que ``reel``).
    part : float
        Part de la base ciblée (0.2 : les 20 % les mieux notés).
    avec_hasard : bool
        Ajouter la ligne de référence du ciblage au hasard.

    Returns
    -------
    DataFrame
        Index ``score`` ; colonnes ``auc``, ``repondants``, ``part_repondants``, ``lift``.

    Examples
    --------
    >>> reel = [1, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    >>> comparer_scores(reel, {"modèle": [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]}, part=0.2)  # doctest: +NORMALIZE_WHITESPACE
                         auc  repondants  part_repondants  lift
    score
    modèle            0.9375         1.0              0.5   2.5
    ciblage au hasard 0.5000         0.4              0.2   1.0
    """
    from sklearn.metrics import roc_auc_score

    y = _reel_et_score(reel, np.zeros(len(np.asarray(reel))))[0]
    if y.min() == y.max():
        raise ErreurDonnees("Il faut des répondants et des non-répondants pour calculer une AUC.")
    lignes = {}
    for nom, valeurs in scores.items():
        gain = courbe_gain(y, valeurs, parts=[part]).iloc[0]
        lignes[nom] = {"auc": roc_auc_score(y, np.asarray(valeurs, dtype="float64")),
                       "repondants": gain["repondants"], "part_repondants": gain["part_repondants"],
                       "lift": gain["lift"]}
    if avec_hasard:
        cibles = np.floor(part * len(y) + 0.5)
        lignes["ciblage au hasard"] = {"auc": 0.5, "repondants": cibles / len(y) * y.sum(),
                                       "part_repondants": cibles / len(y), "lift": 1.0}
    table = pd.DataFrame.from_dict(lignes, orient="index")
    table.index.name = "score"
    return table
