"""La valeur client : CA potentiel, durée de vie, CLV, rétention par cohorte, décomposition de la marge.

La valeur d'un client est la marge qu'il laisse à l'entreprise pendant toute
sa relation avec elle (life time value, CLV), moins ce qu'a coûté son
acquisition. Ce module la calcule de trois façons :

- par des formules sur des moyennes (:func:`ca_potentiel`, :func:`clv_simple`,
  :func:`clv` avec rétention et actualisation) ;
- en observant les cohortes de clients (:func:`retention_par_cohorte`,
  :func:`taux_attrition_par_periode`) ;
- client par client, sur l'historique des ventes (:func:`valeur_client`).

Voir la leçon « 04 · La valeur client ».
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd

from grc.indicateurs import Nombre, en_valeur, taux_attrition
from grc.validation import ErreurDonnees, en_dates, en_nombres, signaler_exclusion, verifier_table

__all__ = [
    "ca_potentiel",
    "clv",
    "clv_simple",
    "duree_de_vie",
    "retention_par_cohorte",
    "taux_attrition_par_periode",
    "valeur_client",
]

_PERIODES = {
    "M": "M", "mois": "M",
    "Q": "Q", "T": "Q", "trimestre": "Q",
    "Y": "Y", "A": "Y", "annee": "Y", "année": "Y", "an": "Y",
}
_MOIS_PAR_PERIODE = {"M": 1, "Q": 3, "Y": 12}


# --- Formules sur des moyennes ---------------------------------------------------------------


def ca_potentiel(frequence, panier_moyen, duree) -> Nombre:
    """Chiffre d'affaires potentiel d'un client sur toute sa relation.

    Formule : ``fréquence d'achat × panier moyen × durée de la relation``,
    la fréquence et la durée exprimées dans la même unité (achats par an et
    années, par exemple). Fidéliser, c'est agir sur l'un des trois facteurs.

    Examples
    --------
    >>> ca_potentiel(frequence=6, panier_moyen=45.0, duree=4)
    1080.0
    """
    f = en_valeur(frequence, "la fréquence d'achat", positif=True)
    p = en_valeur(panier_moyen, "le panier moyen", positif=True)
    d = en_valeur(duree, "la durée de la relation", positif=True)
    return f * p * d


def clv_simple(marge_annuelle, duree) -> Nombre:
    """Valeur client simple : la marge annuelle multipliée par la durée de la relation.

    Formule : ``CLV = marge annuelle × durée (en années)``. Ni rétention ni
    actualisation : un euro dans cinq ans vaut ici un euro d'aujourd'hui, ce
    qui surestime la valeur (voir :func:`clv`).

    Examples
    --------
    >>> clv_simple(marge_annuelle=120.0, duree=5)
    600.0
    """
    m = en_valeur(marge_annuelle, "la marge annuelle")
    d = en_valeur(duree, "la durée de la relation", positif=True)
    return m * d


def _verifier_taux(taux: Nombre, nom: str, borne_incluse: bool = False) -> None:
    """Refuse un taux hors de [0, 1) (ou [0, 1] si ``borne_incluse``), avec une aide au pourcentage."""
    valeurs = np.asarray(taux, dtype="float64")
    trop_grand = (valeurs > 1) if borne_incluse else (valeurs >= 1)
    if (valeurs < 0).any() or trop_grand.any():
        intervalle = "entre 0 et 1" if borne_incluse else "entre 0 (compris) et 1 (exclu)"
        raise ErreurDonnees(
            f"{nom[:1].upper() + nom[1:]} doit être une fraction {intervalle}. Valeurs reçues hors de cet "
            f"intervalle : par exemple {valeurs[(valeurs < 0) | trop_grand].flat[0]:g}. "
            "Écrivez 0.8 pour 80 %, pas 80."
        )


def duree_de_vie(taux_retention) -> Nombre:
    """Durée de vie moyenne d'un client (en périodes) déduite du taux de rétention.

    Formule : ``durée = 1 / (1 − r)``, où ``r`` est la part des clients d'une
    période encore clients à la suivante. Chaque client part avec la
    probabilité ``1 − r`` à chaque période : il reste en moyenne ``1 / (1 − r)``
    périodes, la première comprise.

    Examples
    --------
    Avec 75 % de clients conservés chaque année, un client reste 4 ans en moyenne :

    >>> duree_de_vie(0.75)
    4.0
    """
    r = en_valeur(taux_retention, "le taux de rétention")
    _verifier_taux(r, "le taux de rétention")
    return 1 / (1 - r)


def _horizon(horizon) -> float | None:
    if horizon is None or (isinstance(horizon, numbers.Real) and math.isinf(horizon) and horizon > 0):
        return None
    if isinstance(horizon, bool) or not isinstance(horizon, numbers.Real) or horizon != int(horizon) or horizon < 1:
        raise ErreurDonnees(
            f"L'horizon doit être un nombre entier de périodes (1 ou plus), ou None pour un horizon infini ; "
            f"reçu : {horizon!r}."
        )
    return int(horizon)


def clv(marge, taux_retention, taux_actualisation, horizon=None, cout_acquisition=0.0,
        *, marge_initiale: bool = False) -> Nombre:
    """Valeur vie client (CLV) actualisée, avec rétention, moins le coût d'acquisition.

    Convention de Gupta et Lehmann (2003) : la marge ``m`` d'une période est
    encaissée en **fin** de période ``t = 1, 2, ...`` si le client est encore
    là (probabilité ``r^t``) et actualisée au taux ``i`` (divisée par ``(1+i)^t``) :

    ``CLV = Σ_{t=1..H} m · r^t / (1+i)^t − coût d'acquisition``

    Sur un horizon infini (``horizon=None``), la somme vaut
    ``m · r / (1 + i − r)``. Sur un horizon fini ``H``, avec ``q = r / (1+i)`` :
    ``m · q · (1 − q^H) / (1 − q)``.

    Parameters
    ----------
    marge : nombre ou Series
        Marge par client et par période (en euros).
    taux_retention : nombre ou Series
        ``r``, part des clients conservés d'une période à la suivante, dans
        [0, 1) (1 est admis sur un horizon fini).
    taux_actualisation : nombre ou Series
        ``i``, taux d'actualisation par période, positif ou nul (0.1 pour 10 %).
    horizon : int ou None
        Nombre de périodes comptées ; ``None`` (défaut) pour un horizon infini.
    cout_acquisition : nombre ou Series
        Coût d'acquisition du client, retranché une fois (il est dépensé
        aujourd'hui, donc pas actualisé).
    marge_initiale : bool
        ``True`` pour l'autre convention, courante dans les manuels : la marge
        de la première période est acquise tout de suite (``t = 0``, sans
        rétention ni actualisation) et s'ajoute à la somme. Sur un horizon
        infini on obtient alors ``m · (1 + i) / (1 + i − r)``, soit exactement
        une marge de plus. Dites toujours quelle convention vous utilisez.

    Returns
    -------
    float ou Series
        La CLV en euros.

    Examples
    --------
    Une marge de 100 € par an, 80 % de rétention, 10 % d'actualisation :

    >>> round(clv(100, 0.8, 0.1), 2)
    266.67
    >>> round(clv(100, 0.8, 0.1, horizon=3), 2)
    164.09
    >>> round(clv(100, 0.8, 0.1, cout_acquisition=50), 2)
    216.67
    >>> round(clv(100, 0.8, 0.1, marge_initiale=True), 2)
    366.67
    """
    m = en_valeur(marge, "la marge par période")
    r = en_valeur(taux_retention, "le taux de rétention")
    i = en_valeur(taux_actualisation, "le taux d'actualisation")
    cout = en_valeur(cout_acquisition, "le coût d'acquisition", positif=True)
    h = _horizon(horizon)
    _verifier_taux(r, "le taux de rétention", borne_incluse=h is not None)
    _verifier_actualisation(i)
    if h is None:
        facteur = r / (1 + i - r)
    else:
        q = r / (1 + i)
        facteur = _somme_geometrique(q, h)
    return m * facteur + (m if marge_initiale else 0.0) - cout


def _verifier_actualisation(i: Nombre) -> None:
    valeurs = np.asarray(i, dtype="float64")
    if (valeurs < 0).any():
        raise ErreurDonnees(
            "Le taux d'actualisation ne peut pas être négatif : un euro futur vaudrait plus qu'un euro "
            "d'aujourd'hui. Utilisez 0 pour ne pas actualiser."
        )
    if (valeurs >= 1).any():
        raise ErreurDonnees(
            "Le taux d'actualisation doit être une fraction inférieure à 1 : écrivez 0.1 pour 10 %, pas 10."
        )


def _somme_geometrique(q: Nombre, h: int) -> Nombre:
    """``q + q² + ... + q^h``, y compris quand ``q = 1`` (rétention totale, pas d'actualisation)."""
    # (1 − q^h) / (1 − q) écrit avec expm1 : précis même quand q est très proche de 1
    with np.errstate(divide="ignore", invalid="ignore"):
        log_q = np.log(q)
        somme = q * np.expm1(h * log_q) / np.expm1(log_q)
    if isinstance(somme, pd.Series):
        return somme.mask(q == 1, float(h))
    return float(h) if q == 1 else float(somme)


# --- Cohortes --------------------------------------------------------------------------------


def _frequence(periode: str) -> str:
    if periode not in _PERIODES:
        raise ErreurDonnees(
            f"Période inconnue : {periode!r}. Choisissez 'M' (mois), 'Q' (trimestre) ou 'Y' (année)."
        )
    return _PERIODES[periode]


def _transactions_propres(transactions, client: str, date: str, montant: str | None = None) -> pd.DataFrame:
    """Table réduite à client, date (datetime) et éventuellement un montant ; lignes incomplètes écartées et signalées."""
    colonnes = [client, date] + ([montant] if montant else [])
    table = verifier_table(transactions, colonnes, "la table des transactions")
    propre = pd.DataFrame({"client": table[client], "date": en_dates(table[date], date)})
    if montant:
        propre["montant"] = en_nombres(table[montant], montant)
    raisons = {"client": f"identifiant client manquant (colonne '{client}')",
               "date": f"date manquante (colonne '{date}')",
               "montant": f"valeur manquante dans la colonne '{montant}'"}
    garder = pd.Series(True, index=propre.index)
    for colonne in propre.columns:
        manquant = garder & propre[colonne].isna()
        signaler_exclusion(int(manquant.sum()), raisons[colonne])
        garder &= ~manquant
    if not garder.all():
        propre = propre[garder]
    if propre.empty:
        raise ErreurDonnees("La table des transactions n'a plus aucune ligne complète (client et date renseignés).")
    return propre


def _ordinaux(dates: pd.Series, frequence: str) -> np.ndarray:
    """Numéro de période de chaque date (ordinal des ``Period`` pandas : même numéro, même période)."""
    return dates.dt.to_period(frequence).array.asi8


def retention_par_cohorte(transactions, periode: str = "M", client: str = "client_id", date: str = "date",
                          *, en_effectifs: bool = False) -> pd.DataFrame:
    """Table de rétention par cohorte : part des clients de chaque cohorte encore acheteurs, période après période.

    La **cohorte** d'un client est la période de son premier achat observé
    dans la table. Son **âge** à une date est le nombre de périodes écoulées
    depuis cette première période (0 pour la période d'acquisition). La case
    (cohorte ``c``, âge ``a``) vaut :

    ``clients de c qui achètent pendant la période c + a / clients de c``

    Parameters
    ----------
    transactions : DataFrame
        Une ligne par achat (ou par ligne de ticket) ; il faut un client et une date.
    periode : {"M", "Q", "Y"}
        Mois (défaut), trimestre ou année ; « mois », « trimestre », « annee » sont aussi acceptés.
    client, date : str
        Noms des colonnes.
    en_effectifs : bool
        ``True`` : nombre de clients actifs au lieu de la part (l'âge 0 donne
        alors la taille de la cohorte).

    Returns
    -------
    DataFrame
        Index ``cohorte`` (période d'acquisition), colonnes ``age`` (0, 1, 2...).
        L'âge 0 vaut toujours 1 ; les cases pas encore observées (cohorte trop
        récente) sont vides (NaN), à ne pas confondre avec 0.

    Notes
    -----
    Un client qui saute une période puis revient compte à nouveau : la
    courbe d'une cohorte n'est donc pas forcément décroissante. Les
    premières cohortes mêlent vrais nouveaux clients et anciens clients dont
    l'historique commence avant la table. Les retours (montants négatifs)
    comptent comme une visite ; filtrez-les avant si besoin.

    Examples
    --------
    >>> t = pd.DataFrame({"client_id": ["a", "a", "b", "b", "c"],
    ...                   "date": pd.to_datetime(["2024-01-05", "2024-03-02", "2024-01-20",
    ...                                           "2024-02-11", "2024-02-03"])})
    >>> retention_par_cohorte(t)  # doctest: +NORMALIZE_WHITESPACE
    age        0    1    2
    cohorte
    2024-01  1.0  0.5  0.5
    2024-02  1.0  0.0  NaN
    """
    frequence = _frequence(periode)
    propre = _transactions_propres(transactions, client, date)
    codes, _ = pd.factorize(propre["client"])
    periodes = _ordinaux(propre["date"], frequence)
    premiere = pd.Series(periodes).groupby(codes, sort=True).min().to_numpy()
    origine, fin = int(premiere.min()), int(periodes.max())
    n = fin - origine + 1
    # une case par couple (client, âge) : un client qui achète dix fois dans le mois compte une fois
    couples = pd.unique(codes.astype("int64") * n + (periodes - premiere[codes]))
    cohorte = premiere[couples // n] - origine
    actifs = np.bincount(cohorte * n + couples % n, minlength=n * n).reshape(n, n).astype("float64")
    observe = np.arange(n)[None, :] <= (n - 1 - np.arange(n))[:, None]
    actifs[~observe] = np.nan
    taille = actifs[:, 0]
    valeurs = actifs if en_effectifs else actifs / np.where(taille > 0, taille, np.nan)[:, None]
    table = pd.DataFrame(
        valeurs,
        index=pd.PeriodIndex.from_ordinals(origine + np.arange(n), freq=frequence).rename("cohorte"),
        columns=pd.RangeIndex(n, name="age"),
    )
    table = table[taille > 0]
    return table.astype("Int64") if en_effectifs else table


def taux_attrition_par_periode(transactions, periode: str = "Y", client: str = "client_id",
                               date: str = "date") -> pd.DataFrame:
    """Taux d'attrition de chaque période : part des clients actifs la période précédente qui n'achètent plus.

    Pour chaque période ``p`` (à partir de la deuxième) :

    - ``clients_debut`` : clients qui ont acheté pendant ``p − 1`` ;
    - ``clients_conserves`` : ceux d'entre eux qui achètent aussi pendant ``p`` ;
    - ``clients_perdus`` = ``clients_debut − clients_conserves`` ;
    - ``clients_entrants`` : clients actifs en ``p`` qui ne l'étaient pas en
      ``p − 1`` (nouveaux ou revenus), exclus du taux ;
    - ``taux_attrition`` = ``clients_perdus / clients_debut`` et
      ``taux_retention`` = ``1 − taux_attrition``.

    Parameters
    ----------
    transactions : DataFrame
        Une ligne par achat ; il faut un client et une date.
    periode : {"Y", "Q", "M"}
        L'année par défaut : un client qui achète trois fois par an n'est pas
        « perdu » parce qu'il n'est pas venu un mois donné. Choisissez une
        période au moins aussi longue que l'intervalle habituel entre deux achats.
    client, date : str
        Noms des colonnes.

    Returns
    -------
    DataFrame
        Une ligne par période (index ``periode``).

    Notes
    -----
    « Perdu » veut dire ici « n'a pas racheté pendant la période » : un
    client perdu peut revenir plus tard (il sera alors compté parmi les
    entrants). Si la dernière période est incomplète, son attrition est
    surestimée.

    Examples
    --------
    >>> t = pd.DataFrame({"client_id": ["a", "b", "c", "a", "d", "a", "d"],
    ...                   "date": ["2022-03-01", "2022-05-01", "2022-06-01", "2023-02-01",
    ...                            "2023-04-01", "2024-01-10", "2024-02-01"]})
    >>> taux_attrition_par_periode(t)[["clients_debut", "clients_perdus", "taux_attrition"]]  # doctest: +NORMALIZE_WHITESPACE
             clients_debut  clients_perdus  taux_attrition
    periode
    2023                 3               2        0.666667
    2024                 2               0        0.000000
    """
    frequence = _frequence(periode)
    propre = _transactions_propres(transactions, client, date)
    codes, _ = pd.factorize(propre["client"])
    periodes = _ordinaux(propre["date"], frequence)
    origine = int(periodes.min())
    n = int(periodes.max()) - origine + 1
    if n < 2:
        raise ErreurDonnees(
            "Les transactions couvrent une seule période : il en faut au moins deux pour mesurer l'attrition. "
            "Choisissez une période plus courte (par exemple periode='M')."
        )
    couples = np.unique(codes.astype("int64") * n + (periodes - origine))
    rang = couples % n
    # couples triés : le couple précédent est (même client, période précédente) si la clé le suit de 1
    conserve = np.r_[False, np.diff(couples) == 1] & (rang > 0)
    actifs = np.bincount(rang, minlength=n)
    conserves = np.bincount(rang[conserve], minlength=n)
    debut = pd.Series(actifs[:-1], dtype="int64")
    resultat = pd.DataFrame({
        "clients_debut": debut,
        "clients_conserves": conserves[1:],
        "clients_perdus": debut - conserves[1:],
        "clients_entrants": actifs[1:] - conserves[1:],
    })
    resultat["taux_attrition"] = taux_attrition(resultat["clients_perdus"], resultat["clients_debut"])
    resultat["taux_retention"] = 1 - resultat["taux_attrition"]
    resultat.index = pd.PeriodIndex.from_ordinals(origine + np.arange(1, n), freq=frequence).rename("periode")
    return resultat


# --- Valeur client sur l'historique ----------------------------------------------------------


def valeur_client(transactions, marge: str = "marge_ht", client: str = "client_id", date: str = "date",
                  periode: str = "Y") -> pd.DataFrame:
    """Marge de chaque client et sa décomposition en valeur d'acquisition, de fidélisation et de croissance.

    L'historique de chaque client est découpé en périodes **de son point de
    vue** : avec ``periode="Y"``, sa première année court sur 12 mois à partir
    du mois de son premier achat, la deuxième sur les 12 mois suivants, etc.
    Soit ``m₁`` la marge de sa première période et ``mₜ`` celle de la période
    ``t ≥ 2`` ; le niveau de référence est ``L = max(m₁, 0)``.

    - **valeur d'acquisition** = ``m₁`` : ce que rapporte le client l'année où
      on le gagne ;
    - **valeur de fidélisation** = ``Σ_{t≥2} min(mₜ, L)`` : ce qu'il rapporte
      ensuite, jusqu'au niveau de sa première période (le garder tel quel) ;
    - **valeur de croissance** = ``Σ_{t≥2} max(mₜ − L, 0)`` : le supplément
      au-delà de ce niveau (il achète plus, ou plus cher, ou d'autres rayons).

    Les trois font exactement la marge totale : ``m₁ + Σ_{t≥2} mₜ``.

    Parameters
    ----------
    transactions : DataFrame
        Une ligne par achat ou par ligne de ticket, avec le client, la date et la marge.
    marge, client, date : str
        Noms des colonnes (marge en euros HT ; les retours en négatif s'y retranchent).
    periode : {"Y", "Q", "M"}
        Longueur d'une période du client : année (défaut), trimestre ou mois.

    Returns
    -------
    DataFrame
        Une ligne par client (index = identifiant), colonnes ``premier_achat``,
        ``periodes_actives``, ``marge_totale``, ``valeur_acquisition``,
        ``valeur_fidelisation``, ``valeur_croissance``.

    Notes
    -----
    Un client récent n'a pas encore eu le temps de produire de la valeur de
    fidélisation : comparez des clients de même ancienneté. Un client en
    perte de vitesse a une valeur de croissance nulle et une fidélisation
    inférieure à ``L`` × (nombre de périodes).

    Examples
    --------
    Le client « a » rapporte 40 € sa première année, 30 € la deuxième et 70 €
    la troisième : acquisition 40, fidélisation 30 + 40 = 70, croissance 30.

    >>> t = pd.DataFrame({
    ...     "client_id": ["a", "a", "a", "a", "b"],
    ...     "date": ["2022-03-10", "2022-11-02", "2023-04-01", "2024-05-20", "2024-06-01"],
    ...     "marge_ht": [25.0, 15.0, 30.0, 70.0, 12.0]})
    >>> v = valeur_client(t)
    >>> print(v[["marge_totale", "valeur_acquisition", "valeur_fidelisation", "valeur_croissance"]].to_string())
    ... # doctest: +NORMALIZE_WHITESPACE
               marge_totale  valeur_acquisition  valeur_fidelisation  valeur_croissance
    client_id
    a                 140.0                40.0                 70.0               30.0
    b                  12.0                12.0                  0.0                0.0
    """
    mois = _MOIS_PAR_PERIODE[_frequence(periode)]
    propre = _transactions_propres(transactions, client, date, montant=marge)
    codes, identifiants = pd.factorize(propre["client"])
    mois_achat = _ordinaux(propre["date"], "M")
    premier_mois = pd.Series(mois_achat).groupby(codes, sort=True).min().to_numpy()
    age = (mois_achat - premier_mois[codes]) // mois
    n = int(age.max()) + 1
    par_periode = pd.Series(propre["montant"].to_numpy()).groupby(codes.astype("int64") * n + age).sum()
    cle = par_periode.index.to_numpy()
    m = par_periode.to_numpy()
    qui = cle // n
    debut = np.r_[True, qui[1:] != qui[:-1]]  # clés triées : la première période de chaque client vient en tête
    niveau = np.maximum(m[debut], 0)[qui]  # L du client de chaque ligne
    suite = ~debut
    nb = len(identifiants)
    resultat = pd.DataFrame({
        "premier_achat": propre["date"].groupby(codes, sort=True).min().to_numpy(),
        "periodes_actives": np.bincount(qui, minlength=nb),
        "marge_totale": np.bincount(qui, weights=m, minlength=nb),
        "valeur_acquisition": np.bincount(qui[debut], weights=m[debut], minlength=nb),
        "valeur_fidelisation": np.bincount(qui[suite], weights=np.minimum(m, niveau)[suite], minlength=nb),
        "valeur_croissance": np.bincount(qui[suite], weights=np.maximum(m - niveau, 0)[suite], minlength=nb),
    }, index=pd.Index(identifiants, name=client))
    return resultat.sort_index()
