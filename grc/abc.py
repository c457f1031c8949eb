"""Classer et mesurer la concentration : Pareto, ABC, PMG, ABCD, courbe de Lorenz, indice de Gini.

Toutes les fonctions prennent une série de valeurs (le chiffre d'affaires par client ou par
produit, par exemple ``rfm["montant"]``) et renvoient une table ou une série lisible.

Conventions communes, pour les calculs de parts (Pareto, ABC, Lorenz, Gini) :

- une valeur **manquante** est écartée du calcul, avec un avertissement ``LignesExclues`` ;
  sa classe est vide (NaN) ;
- une valeur **négative** (plus de retours que d'achats) est comptée comme **0** : l'élément
  n'apporte rien au total ; il garde sa place (au bout du classement) et un avertissement dit
  combien de valeurs ont été ramenées à 0 ;
- une valeur **nulle** est gardée : part 0, en fin de classement (classe C) ;
- à valeur égale, l'ordre d'origine départage (tri stable) ;
- un total nul (aucune valeur positive) lève une ``ErreurDonnees`` : aucune part n'existe.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from grc.validation import ErreurDonnees, LignesExclues, en_nombres, signaler_exclusion

__all__ = ["classer_abc", "classer_abcd", "classer_pmg", "courbe_lorenz", "indice_gini", "tableau_pareto"]

_TOLERANCE = 1e-9  # pour qu'une part cumulée de 0,8000000000000002 compte bien comme 80 %


def _serie(valeurs: object, nom: str = "valeurs") -> pd.Series:
    """Met les valeurs en série de réels (virgule décimale acceptée) ; erreur française sinon."""
    if isinstance(valeurs, pd.DataFrame):
        raise ErreurDonnees(
            f"{nom} doit être une seule colonne (une Series), pas un tableau : choisissez la colonne, "
            "par exemple rfm['montant']."
        )
    serie = valeurs if isinstance(valeurs, pd.Series) else pd.Series(valeurs)
    if serie.empty:
        raise ErreurDonnees(f"{nom.capitalize()} : la série est vide, aucune valeur à classer.")
    return en_nombres(serie, str(serie.name) if serie.name is not None else nom)


def _valeurs_pour_parts(valeurs: object) -> tuple[pd.Series, np.ndarray]:
    """Série valide pour les parts (manquantes écartées, négatives ramenées à 0) et masque des valides."""
    serie = _serie(valeurs)
    valides = serie.notna().to_numpy()
    signaler_exclusion(int((~valides).sum()), "valeur manquante, sans part ni classe")
    serie = serie[valides]
    if serie.empty:
        raise ErreurDonnees("Toutes les valeurs sont manquantes : rien à classer.")
    negatives = int((serie < 0).sum())
    if negatives:
        warnings.warn(
            f"{negatives} valeur(s) négative(s) (plus de retours que d'achats) comptée(s) comme 0 : "
            "part nulle, en fin de classement.",
            LignesExclues,
            stacklevel=3,
        )
        serie = serie.clip(lower=0)
    if serie.sum() <= 0:
        raise ErreurDonnees("Le total des valeurs est nul : aucune part ne peut être calculée.")
    return serie, valides


def _tri_pareto(serie: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ordre décroissant stable, part de chaque élément et part cumulée (dernière = 1 exactement)."""
    ordre = np.argsort(-serie.to_numpy(), kind="stable")
    triees = serie.to_numpy()[ordre]
    cumul = np.cumsum(triees)
    return ordre, triees / cumul[-1], cumul / cumul[-1]


def tableau_pareto(valeurs: pd.Series) -> pd.DataFrame:
    """Tableau de Pareto : les éléments du plus gros au plus petit, avec leurs parts cumulées.

    Pour l'élément de rang k (sur n, trié par valeur décroissante) :

    - ``part`` = valeur / total ;
    - ``part_cumulee`` = (somme des k premières valeurs) / total : la part du total faite par les
      k plus gros ;
    - ``rang_cumule`` = k / n : la part des éléments.

    La loi des 20/80 se lit sur la ligne où ``rang_cumule`` vaut 0,20 : si ``part_cumulee`` y est
    proche de 0,80, 20 % des clients font 80 % du chiffre d'affaires.

    Parameters
    ----------
    valeurs : Series
        Une valeur par élément (client, produit), l'index portant l'identifiant. Manquantes
        écartées, négatives comptées comme 0 (voir l'aide du module).

    Returns
    -------
    DataFrame
        Index : les éléments, du plus gros au plus petit ; colonnes : la valeur (sous le nom de la
        série, ou ``valeur``), ``part``, ``part_cumulee``, ``rang_cumule``.

    Examples
    --------
    >>> ca = pd.Series({"A": 10.0, "B": 60.0, "C": 30.0}, name="ca")
    >>> tableau_pareto(ca)
         ca  part  part_cumulee  rang_cumule
    B  60.0   0.6           0.6     0.333333
    C  30.0   0.3           0.9     0.666667
    A  10.0   0.1           1.0     1.000000
    """
    serie, _ = _valeurs_pour_parts(valeurs)
    ordre, part, cumul = _tri_pareto(serie)
    n = len(serie)
    table = pd.DataFrame(
        {
            serie.name if serie.name is not None else "valeur": serie.to_numpy()[ordre],
            "part": part,
            "part_cumulee": cumul,
            "rang_cumule": np.arange(1, n + 1) / n,
        },
        index=serie.index[ordre],
    )
    return table


def _seuils_abc(seuils: object, methode: str) -> tuple[float, float]:
    if methode not in ("valeur", "effectif"):
        raise ErreurDonnees(f"methode doit valoir 'valeur' ou 'effectif', pas {methode!r}.")
    if seuils is None:
        return (0.80, 0.95) if methode == "valeur" else (0.20, 0.50)
    try:
        bas, haut = (float(s) for s in seuils)
    except (TypeError, ValueError) as erreur:
        raise ErreurDonnees(f"seuils doit être un couple de fractions, par exemple (0.80, 0.95), pas {seuils!r}.") from erreur
    if not 0 < bas < haut <= 1:
        raise ErreurDonnees(
            f"seuils doit vérifier 0 < A < B ≤ 1 (des fractions : 0.80 et non 80), pas {seuils!r}."
        )
    return bas, haut


def _remettre_en_place(classes_triees: np.ndarray, ordre: np.ndarray, valides: np.ndarray,
                       index: pd.Index, categories: list[str], nom: str) -> pd.Series:
    """Replace des classes calculées dans l'ordre de Pareto dans l'ordre d'origine (NaN si écarté)."""
    codes_valides = np.empty(len(ordre), dtype="int64")
    codes_valides[ordre] = classes_triees
    codes = np.full(len(valides), -1, dtype="int64")
    codes[valides] = codes_valides
    classes = pd.Categorical.from_codes(codes, categories=categories, ordered=True)
    return pd.Series(classes, index=index, name=nom)


def classer_abc(valeurs: pd.Series, seuils: tuple[float, float] | None = None, methode: str = "valeur") -> pd.Series:
    """Classe chaque élément en A, B ou C (méthode ABC, loi de Pareto).

    Les éléments sont triés du plus gros au plus petit.

    - ``methode="valeur"`` (par défaut, seuils (0,80 ; 0,95)) : A = les plus gros jusqu'à 80 % du
      total, B jusqu'à 95 %, C le reste. **À la frontière** : un élément est A si la part cumulée
      *avant lui* est encore sous 80 % ; l'élément qui franchit 80 % est donc **A** (A est le plus
      petit groupe de tête qui atteint 80 %), et celui qui arrive pile à 80 % aussi ; le suivant
      est B. Même règle à 95 % pour B. Un élément qui franchit à lui seul 80 % et 95 % est A et
      laisse la classe B vide.
    - ``methode="effectif"`` (seuils (0,20 ; 0,50)) : le découpage 20 % / 30 % / 50 % des éléments
      du cours. Même règle de frontière, sur la part des éléments : l'élément de rang k (sur n)
      est A si (k − 1) / n < 0,20, B si (k − 1) / n < 0,50. A compte donc ⌈0,20 n⌉ éléments
      (2 sur 10, 2 sur 7, 1 sur 3 : le plus gros est toujours A). On lit ensuite la part du
      chiffre d'affaires de chaque classe (souvent proche de 80 % / 15 % / 5 %).

    Parameters
    ----------
    valeurs : Series
        Une valeur par élément (chiffre d'affaires par client ou par produit).
    seuils : couple de fractions, optionnel
        Bornes cumulées de A et de B, en fractions (0.80 et non 80).
    methode : {"valeur", "effectif"}
        Cumul des valeurs ou cumul du nombre d'éléments.

    Returns
    -------
    Series
        Catégorie ordonnée A < B < C, même index et même ordre que ``valeurs`` ; vide (NaN) pour
        une valeur manquante (écartée et signalée). Voir l'aide du module pour les négatives.

    Examples
    --------
    >>> ca = pd.Series([50.0, 30.0, 10.0, 5.0, 2.0, 1.0, 1.0, 0.5, 0.3, 0.2], index=list("abcdefghij"))
    >>> "".join(classer_abc(ca))
    'AABBCCCCCC'
    >>> "".join(classer_abc(ca, methode="effectif"))
    'AABBBCCCCC'
    """
    bas, haut = _seuils_abc(seuils, methode)
    serie, valides = _valeurs_pour_parts(valeurs)
    ordre, part, cumul = _tri_pareto(serie)
    if methode == "valeur":
        position = cumul - part  # part cumulée avant l'élément
    else:
        position = np.arange(len(serie)) / len(serie)  # part des éléments avant celui-ci
    classes = np.where(position < bas - _TOLERANCE, 0, np.where(position < haut - _TOLERANCE, 1, 2))
    entree = valeurs if isinstance(valeurs, pd.Series) else pd.Series(valeurs)
    return _remettre_en_place(classes, ordre, valides, entree.index, ["A", "B", "C"], "classe_abc")


def classer_pmg(valeurs: pd.Series, seuils: tuple[float, float] | None = None) -> pd.Series:
    """Classe chaque client en « petit », « moyen » ou « gros » (méthode PMG).

    - Sans ``seuils`` : les classes ABC en valeur renommées, gros = A (les plus gros jusqu'à 80 %
      du chiffre d'affaires), moyen = B (jusqu'à 95 %), petit = C.
    - Avec ``seuils=(bas, haut)`` en euros, fixés par l'entreprise : petit si valeur < bas,
      moyen si bas ≤ valeur < haut, gros si valeur ≥ haut. Les négatives sont alors des petits.

    Parameters
    ----------
    valeurs : Series
        Le chiffre d'affaires de chaque client.
    seuils : couple de montants, optionnel
        Bornes (bas, haut), dans l'unité des valeurs.

    Returns
    -------
    Series
        Catégorie ordonnée petit < moyen < gros, même index que ``valeurs``.

    Examples
    --------
    >>> ca = pd.Series({"Rose": 120.0, "Léo": 2500.0, "Inès": 800.0})
    >>> classer_pmg(ca, seuils=(500, 2000)).tolist()
    ['petit', 'gros', 'moyen']
    """
    categories = ["petit", "moyen", "gros"]
    if seuils is None:
        abc = classer_abc(valeurs)
        codes = abc.cat.codes.to_numpy()
        renommees = np.where(codes < 0, -1, 2 - codes)
        classes = pd.Categorical.from_codes(renommees, categories=categories, ordered=True)
        return pd.Series(classes, index=abc.index, name="classe_pmg")
    serie = _serie(valeurs)
    try:
        bas, haut = (float(s) for s in seuils)
    except (TypeError, ValueError) as erreur:
        raise ErreurDonnees(f"seuils doit être un couple de montants (bas, haut), pas {seuils!r}.") from erreur
    if not bas < haut:
        raise ErreurDonnees(f"Les seuils doivent être croissants : bas < haut, pas {seuils!r}.")
    valides = serie.notna().to_numpy()
    signaler_exclusion(int((~valides).sum()), "valeur manquante, sans classe")
    codes = np.searchsorted([bas, haut], serie.to_numpy(), side="right")
    classes = pd.Categorical.from_codes(np.where(valides, codes, -1), categories=categories, ordered=True)
    return pd.Series(classes, index=serie.index, name="classe_pmg")


def _aligner(chiffre_affaires: object, frequence: object) -> tuple[pd.Series, pd.Series]:
    """Met les deux séries sur le même index (mêmes clients, éventuellement dans un autre ordre)."""
    ca, freq = _serie(chiffre_affaires, "chiffre_affaires"), _serie(frequence, "frequence")
    if ca.index.equals(freq.index):
        return ca, freq
    if len(ca) == len(freq) and ca.index.is_unique and ca.index.sort_values().equals(freq.index.sort_values()):
        return ca, freq.reindex(ca.index)
    raise ErreurDonnees(
        "chiffre_affaires et frequence ne portent pas sur les mêmes clients (index différents) : "
        "prenez les deux colonnes d'une même table, par exemple rfm['montant'] et rfm['frequence']."
    )


def classer_abcd(chiffre_affaires: pd.Series, frequence: pd.Series,
                 seuils: tuple[float, float] | None = None) -> pd.Series:
    """Classe chaque client en A, B, C ou D en croisant chiffre d'affaires et fréquence d'achat.

    La méthode ABCD, courante en e-commerce, tient compte du chiffre d'affaires **et** de la
    fréquence d'achat. Avec ``seuils=(seuil_ca, seuil_frequence)`` (par défaut : les médianes),
    un client a un CA « fort » si CA > seuil_ca et une fréquence « forte » si fréquence >
    seuil_frequence (strictement : avec beaucoup de clients à un seul achat, la médiane vaut 1 et
    « forte » veut dire « est revenu ») :

    ======  ==================  ======================
    classe  chiffre d'affaires  fréquence d'achat
    ======  ==================  ======================
    A       fort                forte
    B       fort                faible
    C       faible              forte
    D       faible              faible
    ======  ==================  ======================

    Parameters
    ----------
    chiffre_affaires, frequence : Series
        Une valeur par client, sur le même index (par exemple ``rfm["montant"]`` et
        ``rfm["frequence"]``).
    seuils : couple, optionnel
        (seuil_ca, seuil_frequence) ; par défaut les médianes des deux séries.

    Returns
    -------
    Series
        Catégorie ordonnée A < B < C < D, index de ``chiffre_affaires`` ; vide (NaN) si l'une des
        deux valeurs manque (ligne signalée).

    Examples
    --------
    >>> ca = pd.Series({"Rose": 900.0, "Léo": 1200.0, "Inès": 80.0, "Paul": 60.0})
    >>> frequence = pd.Series({"Rose": 9, "Léo": 1, "Inès": 6, "Paul": 1})
    >>> classer_abcd(ca, frequence).tolist()
    ['A', 'B', 'C', 'D']
    """
    ca, freq = _aligner(chiffre_affaires, frequence)
    valides = (ca.notna() & freq.notna()).to_numpy()
    signaler_exclusion(int((~valides).sum()), "chiffre d'affaires ou fréquence manquant, sans classe")
    if not valides.any():
        raise ErreurDonnees("Aucun client n'a à la fois un chiffre d'affaires et une fréquence : rien à classer.")
    if seuils is None:
        seuil_ca, seuil_freq = float(ca[valides].median()), float(freq[valides].median())
    else:
        try:
            seuil_ca, seuil_freq = (float(s) for s in seuils)
        except (TypeError, ValueError) as erreur:
            raise ErreurDonnees(f"seuils doit être un couple (seuil_ca, seuil_frequence), pas {seuils!r}.") from erreur
    ca_faible = (ca.to_numpy() <= seuil_ca).astype("int64")
    freq_faible = (freq.to_numpy() <= seuil_freq).astype("int64")
    codes = np.where(valides, 2 * ca_faible + freq_faible, -1)
    classes = pd.Categorical.from_codes(codes, categories=["A", "B", "C", "D"], ordered=True)
    return pd.Series(classes, index=ca.index, name="classe_abcd")


def courbe_lorenz(valeurs: pd.Series) -> pd.DataFrame:
    """Points de la courbe de Lorenz : part des éléments (du plus petit au plus gros) et part du total.

    Les éléments sont triés du **plus petit au plus gros** (à l'inverse du tableau de Pareto).
    Pour les k plus petits sur n : ``part_elements`` = k / n et ``part_valeur`` = (somme de leurs
    valeurs) / total. La courbe part de (0, 0) et finit en (1, 1) ; plus elle s'éloigne de la
    diagonale (répartition égale), plus le chiffre d'affaires est concentré.

    Parameters
    ----------
    valeurs : Series
        Une valeur par élément (manquantes écartées, négatives comptées comme 0).

    Returns
    -------
    DataFrame
        n + 1 lignes (le point (0, 0) d'abord), colonnes ``part_elements`` et ``part_valeur``.

    Examples
    --------
    >>> courbe_lorenz(pd.Series([10.0, 0.0, 30.0, 0.0]))
       part_elements  part_valeur
    0           0.00         0.00
    1           0.25         0.00
    2           0.50         0.00
    3           0.75         0.25
    4           1.00         1.00
    """
    serie, _ = _valeurs_pour_parts(valeurs)
    triees = np.sort(serie.to_numpy(), kind="stable")
    cumul = np.concatenate([[0.0], np.cumsum(triees)])
    n = len(triees)
    return pd.DataFrame({"part_elements": np.arange(n + 1) / n, "part_valeur": cumul / cumul[-1]})


def indice_gini(valeurs: pd.Series) -> float:
    """Indice de Gini : la concentration des valeurs, de 0 (égalité parfaite) vers 1.

    Gini = 1 − 2 × (aire sous la courbe de Lorenz), soit, avec les trapèzes de la courbe,
    Gini = 1 − Σₖ (xₖ − xₖ₋₁)(yₖ + yₖ₋₁). Avec n éléments, il vaut au plus 1 − 1/n (un seul
    élément fait tout le total) : il reste donc dans [0, 1).

    Parameters
    ----------
    valeurs : Series
        Une valeur par élément (manquantes écartées, négatives comptées comme 0).

    Returns
    -------
    float
        L'indice de Gini.

    Examples
    --------
    >>> indice_gini(pd.Series([25.0, 25.0, 25.0, 25.0]))
    0.0
    >>> indice_gini(pd.Series([0.0, 0.0, 0.0, 100.0]))
    0.75
    """
    courbe = courbe_lorenz(valeurs)
    x, y = courbe["part_elements"].to_numpy(), courbe["part_valeur"].to_numpy()
    gini = 1.0 - float(np.sum(np.diff(x) * (y[1:] + y[:-1])))
    return round(max(gini, 0.0), 12)
