"""Scores et data mining : appétence, attrition, associations d'achats, typologies, cycle de vie.

Quatre familles d'outils, chacune utilisable seule sur n'importe quel journal de ventes :

- **préparer un score** : :func:`variables_avant` (le RFM et le déclaratif d'un client tels qu'on
  les connaissait *avant* une date, sans fuite d'information), :func:`cible_attrition` (qui est
  parti dans l'année qui suit) ;
- **évaluer un score** : :func:`courbe_gain`, :func:`lift_par_decile`, :func:`comparer_scores`
  (AUC, répondants captés, lift, face au ciblage au hasard) ;
- **associations d'achats** : :func:`paniers_rayons`, :func:`repartition_rayons`,
  :func:`regles_association` (support, confiance, lift), :func:`cible_vente_croisee` ;
- **typologies** : :func:`mix_rayons`, :func:`typologies` (k-means), :func:`profil_typologies`,
  :func:`choix_nombre_typologies` ;
- **cycle de vie** : :data:`ETAPES_CYCLE_DE_VIE` et :func:`etapes_cycle_de_vie`.

Tout est vectorisé ; les modèles de scikit-learn reçoivent une graine (``random_state``) : mêmes
données, mêmes résultats à chaque exécution. Voir la leçon ``course/06-scores-data-mining.md``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from grc import rfm
from grc.validation import ErreurDonnees, en_dates, en_nombres, signaler_exclusion, verifier_table

__all__ = [
    "ETAPES_CYCLE_DE_VIE",
    "choix_nombre_typologies",
    "cible_attrition",
    "cible_vente_croisee",
    "comparer_scores",
    "courbe_gain",
    "etapes_cycle_de_vie",
    "lift_par_decile",
    "mix_rayons",
    "paniers_rayons",
    "profil_typologies",
    "regles_association",
    "repartition_rayons",
    "typologies",
    "variables_avant",
]


def _date(valeur: object, nom: str) -> pd.Timestamp:
    """Lit une date isolée (texte ISO ou JJ/MM/AAAA, Timestamp), ramenée au jour."""
    if isinstance(valeur, str):
        return en_dates(pd.Series([valeur]), nom).iloc[0].normalize()
    try:
        date = pd.Timestamp(valeur)
    except (TypeError, ValueError) as erreur:
        raise ErreurDonnees(f"Le paramètre {nom} doit être une date (par exemple '2025-01-01'), pas {valeur!r}.") from erreur
    if pd.isna(date):
        raise ErreurDonnees(f"Le paramètre {nom} est vide : donnez une date, par exemple '2025-01-01'.")
    return date.normalize()


# --------------------------------------------------------------------------------------------
# Préparer un score : variables connues avant une date, cible d'attrition
# --------------------------------------------------------------------------------------------


def _declaratif_numerique(declaratif: pd.DataFrame, index: pd.Index) -> pd.DataFrame:
    """Aligne le déclaratif sur les clients ; booléens en 0/1 ; refuse le texte et les absents."""
    if not isinstance(declaratif, pd.DataFrame):
        raise ErreurDonnees("declaratif doit être un DataFrame indexé par l'identifiant client.")
    textes = [str(c) for c in declaratif.columns
              if not (pd.api.types.is_numeric_dtype(declaratif[c]) or pd.api.types.is_bool_dtype(declaratif[c]))]
    if textes:
        raise ErreurDonnees(
            f"Colonne(s) non numérique(s) dans declaratif : {', '.join(map(repr, textes))}. Codez-les en nombres "
            "ou en booléens, par exemple a_animal = clients['animal'] != 'aucun'."
        )
    absents = index.difference(declaratif.index)
    if len(absents):
        raise ErreurDonnees(
            f"{len(absents)} client(s) sans données déclaratives (par exemple {list(absents[:3])}) : "
            "l'index de declaratif doit contenir tous les clients de la population."
        )
    aligne = declaratif.loc[~declaratif.index.duplicated()].reindex(index)
    return aligne.astype({c: "int64" for c in aligne.columns if pd.api.types.is_bool_dtype(aligne[c])})


def variables_avant(
    transactions: pd.DataFrame,
    date_reference: object,
    population: Iterable[object] | None = None,
    declaratif: pd.DataFrame | None = None,
    fenetre_mois: int | None = None,
    client: str = "client_id",
    date: str = "date",
    montant: str = "montant_ht",
    ticket: str | None = "ticket_id",
) -> pd.DataFrame:
    """Les variables d'un score, telles qu'on les connaissait **avant** ``date_reference``.

    Seules les lignes datées **strictement avant** la date de référence sont lues (et, si
    ``fenetre_mois`` est donné, pas plus anciennes que ``date_reference − fenetre_mois``) : un
    score d'appétence appris sur une campagne ne doit jamais voir les achats que la campagne a
    provoqués (ce serait une **fuite d'information**, et un score trop beau pour être vrai).

    Pour chaque client : ``recence``, ``frequence``, ``montant`` (:func:`grc.rfm.tableau_rfm`), ses
    notes ``R``, ``F``, ``M`` de 1 à 5 et ``score_rfm`` = R + F + M (:func:`grc.rfm.scores_rfm`,
    quintiles calculés sur tous les acheteurs de la période), ``jamais_achete`` (0/1), puis les
    colonnes de ``declaratif``.

    Un client de la population sans aucun achat dans la période reçoit ``jamais_achete`` = 1,
    ``frequence`` = ``montant`` = 0, des notes R = F = M = ``score_rfm`` = 0 (en dessous de tous les
    acheteurs) et une ``recence`` égale à la durée observée (de la première date lue à la date de
    référence) : on sait seulement que son dernier achat est **au moins** aussi ancien.

    Parameters
    ----------
    transactions : DataFrame
        Une ligne par ligne de ticket (ou par achat).
    date_reference : date ou texte
        Le jour de l'envoi de la campagne, ou de l'observation.
    population : liste d'identifiants, optionnel
        Les clients à décrire (par exemple les contactés d'une campagne), dans cet ordre. Par
        défaut : les clients qui ont acheté dans la période, triés.
    declaratif : DataFrame, optionnel
        Colonnes numériques ou booléennes (converties en 0/1), indexées par identifiant client.
    fenetre_mois : int, optionnel
        Longueur de l'historique lu, en mois (24 : du 1er janvier 2023 au 31 décembre 2024 pour une
        date de référence au 1er janvier 2025) ; par défaut, tout l'historique antérieur.
    client, date, montant, ticket : str
        Noms des colonnes ; ``ticket=None`` compte une ligne comme un achat.

    Returns
    -------
    DataFrame
        Index : l'identifiant client ; colonnes ``recence``, ``frequence``, ``montant``, ``R``,
        ``F``, ``M``, ``score_rfm``, ``jamais_achete``, puis le déclaratif.

    Examples
    --------
    >>> achats = pd.DataFrame({"client_id": ["A", "A", "B", "B"], "ticket_id": ["T1", "T2", "T3", "T4"],
    ...                        "date": ["2024-01-10", "2024-03-01", "2024-02-01", "2024-03-05"],
    ...                        "montant_ht": [40.0, 60.0, 20.0, 35.0]})
    >>> variables_avant(achats, "2024-03-05", population=["A", "B", "C"])[["recence", "frequence", "jamais_achete"]]  # doctest: +NORMALIZE_WHITESPACE
               recence  frequence  jamais_achete
    client_id
    A                4          2              0
    B               33          1              0
    C               55          0              1

    L'achat de B le 5 mars, jour de référence, n'est pas lu : seul compte ce qui précède.
    """
    colonnes = [client, date, montant] + ([ticket] if ticket else [])
    table = verifier_table(transactions, colonnes, "la table des transactions")
    reference = _date(date_reference, "date_reference")
    dates = en_dates(table[date], date).dt.normalize()
    garder = dates < reference
    debut = dates.min() if fenetre_mois is None else reference - pd.DateOffset(months=int(fenetre_mois))
    garder &= dates >= debut
    if not garder.any():
        raise ErreurDonnees(f"Aucune transaction avant le {reference:%d/%m/%Y} : choisissez une date plus tardive.")
    avant = table.loc[garder, colonnes].assign(**{date: dates[garder]})
    tableau = rfm.tableau_rfm(avant, date_reference=reference, client=client, date=date, montant=montant, ticket=ticket)
    notes = rfm.scores_rfm(tableau)[["R", "F", "M", "score_rfm"]]
    variables = tableau.join(notes)
    if population is not None:
        index = pd.Index(pd.unique(pd.Series(list(population), dtype="object")), name=client)
        variables = variables.reindex(index)
    variables["jamais_achete"] = variables["frequence"].isna().astype("int64")
    duree = int((reference - debut).days)
    variables = variables.fillna({"recence": duree, "frequence": 0, "montant": 0.0, "R": 0, "F": 0, "M": 0,
                                  "score_rfm": 0})
    variables = variables.astype({"recence": "int64", "frequence": "int64", "montant": "float64", "R": "int64",
                                  "F": "int64", "M": "int64", "score_rfm": "int64"})
    if declaratif is not None:
        variables = variables.join(_declaratif_numerique(declaratif, variables.index))
    variables.attrs = {"date_reference": reference}
    return variables


def cible_attrition(
    transactions: pd.DataFrame,
    date_observation: object,
    horizon_mois: int = 12,
    fenetre_mois: int | None = 24,
    client: str = "client_id",
    date: str = "date",
) -> pd.Series:
    """La cible d'un score d'attrition : qui, parmi les clients actifs, n'achète plus ensuite ?

    Population : les clients qui ont au moins une ligne dans les ``fenetre_mois`` mois qui
    précèdent ``date_observation`` (tout l'historique si ``None``). Un client est **parti**
    (``True``) s'il n'a aucune ligne entre ``date_observation`` (incluse) et
    ``date_observation + horizon_mois`` (exclue).

    Parameters
    ----------
    transactions : DataFrame
        Une ligne par ligne de ticket (ou par achat).
    date_observation : date ou texte
        Le jour où l'on calcule le score (par exemple '2024-01-01').
    horizon_mois : int
        Durée d'observation de l'avenir, en mois (12 : « parti dans l'année »).
    fenetre_mois : int ou None
        Période qui définit les clients actifs, en mois avant la date d'observation.
    client, date : str
        Noms des colonnes.

    Returns
    -------
    Series
        Booléens nommés ``attrition``, indexés par client (triés).

    Raises
    ------
    ErreurDonnees
        Si les données s'arrêtent avant la fin de l'horizon : on ne peut pas savoir qui est parti.

    Examples
    --------
    >>> achats = pd.DataFrame({"client_id": ["A", "A", "B", "C"],
    ...                        "date": ["2023-05-01", "2024-02-01", "2023-09-01", "2024-06-01"]})
    >>> cible_attrition(achats, "2024-01-01", horizon_mois=5).to_dict()
    {'A': False, 'B': True}
    """
    table = verifier_table(transactions, [client, date], "la table des transactions")
    observation = _date(date_observation, "date_observation")
    dates = en_dates(table[date], date).dt.normalize()
    fin = observation + pd.DateOffset(months=int(horizon_mois))
    if dates.max() < fin - pd.Timedelta(days=1):
        raise ErreurDonnees(
            f"Les données s'arrêtent le {dates.max():%d/%m/%Y}, avant la fin de l'horizon ({fin:%d/%m/%Y}) : "
            "avancez la date d'observation ou raccourcissez horizon_mois."
        )
    debut = dates.min() if fenetre_mois is None else observation - pd.DateOffset(months=int(fenetre_mois))
    actifs = pd.Index(pd.unique(table.loc[(dates >= debut) & (dates < observation), client])).sort_values()
    if actifs.empty:
        raise ErreurDonnees(f"Aucun client actif avant le {observation:%d/%m/%Y} : rien à prédire.")
    revenus = set(table.loc[(dates >= observation) & (dates < fin), client])
    return pd.Series(~actifs.isin(list(revenus)), index=actifs.rename(client), name="attrition")


# --------------------------------------------------------------------------------------------
# Évaluer un score : courbe de gain, lift, AUC
# --------------------------------------------------------------------------------------------


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


def courbe_gain(reel: object, score: object, parts: Iterable[float] | None = None) -> pd.DataFrame:
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


def lift_par_decile(reel: object, score: object, groupes: int = 10) -> pd.DataFrame:
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
    reel: object, scores: Mapping[str, object], part: float = 0.2, avec_hasard: bool = True
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


# --------------------------------------------------------------------------------------------
# Associations d'achats entre rayons
# --------------------------------------------------------------------------------------------


def _ventes(transactions: pd.DataFrame, colonnes: list[str], quantite: str) -> pd.DataFrame:
    """Les lignes de vente (quantité > 0) ; les retours sont écartés et signalés."""
    table = verifier_table(transactions, colonnes + [quantite], "la table des transactions")
    quantites = en_nombres(table[quantite], quantite)
    retours = quantites <= 0
    signaler_exclusion(int(retours.sum()), "ligne de retour (quantité négative ou nulle), qui n'est pas un achat")
    manquantes = table[colonnes].isna().any(axis=1) & ~retours
    signaler_exclusion(int(manquantes.sum()), f"valeur manquante dans {', '.join(colonnes)}")
    ventes = table.loc[~retours & ~manquantes, colonnes]
    if ventes.empty:
        raise ErreurDonnees("Aucune ligne de vente (quantité positive) dans la table des transactions.")
    return ventes


def _ordre_colonnes(colonnes: pd.Index, serie: pd.Series) -> list[str]:
    """Ordre des rayons : celui des catégories s'il existe, sinon l'ordre alphabétique."""
    presents = [str(c) for c in colonnes]
    if isinstance(serie.dtype, pd.CategoricalDtype):
        return [str(c) for c in serie.cat.categories if str(c) in presents]
    return sorted(presents)


def paniers_rayons(
    transactions: pd.DataFrame, panier: str = "client_id", rayon: str = "rayon", quantite: str = "quantite"
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
    ventes = _ventes(transactions, [panier, rayon], quantite)
    comptes = ventes.groupby([panier, rayon], observed=True).size().unstack(fill_value=0)
    comptes.columns = [str(c) for c in comptes.columns]
    table = comptes[_ordre_colonnes(comptes.columns, transactions[rayon])] > 0
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


def regles_association(paniers: pd.DataFrame, support_min: float = 0.0, confiance_min: float = 0.0) -> pd.DataFrame:
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


# --------------------------------------------------------------------------------------------
# Typologies d'acheteurs (k-means sur le mix de rayons)
# --------------------------------------------------------------------------------------------


def mix_rayons(
    transactions: pd.DataFrame,
    client: str = "client_id",
    rayon: str = "rayon",
    montant: str = "montant_ht",
    quantite: str = "quantite",
) -> pd.DataFrame:
    """Le mix de rayons de chaque client : la part de ses achats (en montant) faite dans chaque rayon.

    part(client, rayon) = montant acheté dans le rayon / montant total acheté ; chaque ligne fait 1.
    Seules les ventes comptent (retours écartés et signalés) ; un client dont les achats totalisent
    0 € ou moins n'a pas de mix (écarté et signalé).

    Examples
    --------
    >>> lignes = pd.DataFrame({"client_id": ["A", "A", "B"], "quantite": [1, 1, 2],
    ...                        "rayon": ["Végétaux", "Décoration", "Végétaux"],
    ...                        "montant_ht": [30.0, 10.0, 8.0]})
    >>> mix_rayons(lignes)  # doctest: +NORMALIZE_WHITESPACE
    rayon      Décoration  Végétaux
    client_id
    A                0.25      0.75
    B                0.00      1.00
    """
    ventes = _ventes(transactions, [client, rayon, montant], quantite)
    ventes = ventes.assign(**{montant: en_nombres(ventes[montant], montant)})
    sommes = ventes.groupby([client, rayon], observed=True)[montant].sum().unstack(fill_value=0.0)
    sommes.columns = [str(c) for c in sommes.columns]
    sommes = sommes[_ordre_colonnes(sommes.columns, transactions[rayon])]
    total = sommes.sum(axis=1)
    signaler_exclusion(int((total <= 0).sum()), "client dont les achats totalisent 0 € ou moins (pas de mix)")
    mix = sommes[total > 0].div(total[total > 0], axis=0)
    mix.columns.name = rayon
    return mix


def _mix_valide(mix: object) -> pd.DataFrame:
    table = verifier_table(mix, [], "la table des mix")
    if not all(pd.api.types.is_numeric_dtype(table[c]) for c in table.columns) or table.isna().any().any():
        raise ErreurDonnees("La table des mix doit contenir des nombres sans valeur manquante (sortie de mix_rayons).")
    return table


def typologies(mix: pd.DataFrame, k: int = 6, random_state: int = 0, n_init: int = 10) -> pd.Series:
    """Regroupe les clients de mix proche par k-means : une typologie (1 à k) par client.

    k-means cherche k centres et affecte chaque client au plus proche (distance euclidienne entre
    mix) de façon à minimiser la somme des carrés des distances (l'**inertie**). Les parts sont
    déjà toutes entre 0 et 1 : pas besoin de les standardiser. Le résultat dépend du tirage des
    centres de départ : ``random_state`` le fixe (mêmes typologies à chaque exécution), ``n_init``
    garde le meilleur de plusieurs départs.

    Les typologies sont numérotées de la plus nombreuse (1) à la moins nombreuse (k) : le numéro
    ne dépend pas de l'ordre interne de scikit-learn.

    Examples
    --------
    >>> mix = pd.DataFrame({"Végétaux": [1.0, 0.9, 0.0, 0.1, 0.95], "Décoration": [0.0, 0.1, 1.0, 0.9, 0.05]},
    ...                    index=list("ABCDE"))
    >>> typologies(mix, k=2).to_dict()
    {'A': 1, 'B': 1, 'C': 2, 'D': 2, 'E': 1}
    """
    from sklearn.cluster import KMeans

    table = _mix_valide(mix)
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or not 2 <= k < len(table):
        raise ErreurDonnees(f"k doit être un entier de 2 au nombre de clients − 1 ({len(table) - 1}), pas {k!r}.")
    etiquettes = KMeans(n_clusters=int(k), n_init=n_init, random_state=random_state).fit_predict(table.to_numpy())
    effectifs = np.bincount(etiquettes, minlength=k)
    rang = np.empty(k, dtype="int64")
    rang[np.lexsort((np.arange(k), -effectifs))] = np.arange(1, k + 1)
    return pd.Series(rang[etiquettes], index=table.index, name="typologie")


def profil_typologies(mix: pd.DataFrame, typologie: pd.Series) -> pd.DataFrame:
    """Le portrait de chaque typologie : effectif, part des clients, mix moyen, rayon dominant.

    Le mix moyen d'une typologie est le **centre** trouvé par k-means. ``rayon_dominant`` est le
    rayon de plus forte part moyenne : un bon point de départ pour nommer la typologie.

    Examples
    --------
    >>> mix = pd.DataFrame({"Végétaux": [1.0, 0.8, 0.2], "Décoration": [0.0, 0.2, 0.8]}, index=list("ABC"))
    >>> profil_typologies(mix, pd.Series([1, 1, 2], index=list("ABC")))  # doctest: +NORMALIZE_WHITESPACE
               effectif  part_clients  Végétaux  Décoration rayon_dominant
    typologie
    1                 2      0.666667       0.9         0.1       Végétaux
    2                 1      0.333333       0.2         0.8     Décoration
    """
    table = _mix_valide(mix)
    groupes = pd.Series(typologie).reindex(table.index)
    if groupes.isna().any():
        raise ErreurDonnees(f"{int(groupes.isna().sum())} client(s) du mix sans typologie : alignez les deux index.")
    centres = table.groupby(groupes.rename("typologie")).mean()
    effectif = groupes.value_counts().reindex(centres.index)
    profil = centres.assign(rayon_dominant=centres.idxmax(axis=1))
    profil.insert(0, "part_clients", effectif / effectif.sum())
    profil.insert(0, "effectif", effectif.astype("int64"))
    profil.columns.name = None
    return profil


def choix_nombre_typologies(
    mix: pd.DataFrame,
    valeurs_k: Iterable[int] = range(2, 11),
    random_state: int = 0,
    n_init: int = 10,
    echantillon: int | None = None,
) -> pd.DataFrame:
    """Aide au choix de k : l'inertie et l'indice de silhouette de k-means pour chaque k.

    - ``inertie`` : somme des carrés des distances de chaque client à son centre ; elle baisse
      toujours quand k augmente (on cherche le « coude » où elle cesse de baisser vite) ;
    - ``silhouette`` (de −1 à 1) : pour chaque client, (b − a) / max(a, b), avec a sa distance
      moyenne aux clients de sa typologie et b celle aux clients de la typologie voisine ; la
      moyenne est d'autant plus haute que les typologies sont compactes et bien séparées.
      ``echantillon`` la calcule sur ce nombre de clients tirés au sort (graine ``random_state``) :
      le calcul exact compare chaque client à tous les autres, ce qui est lent sur une grande base.

    Examples
    --------
    >>> mix = pd.DataFrame({"Végétaux": [1.0, 0.9, 0.0, 0.1, 0.95, 0.05],
    ...                     "Décoration": [0.0, 0.1, 1.0, 0.9, 0.05, 0.95]})
    >>> int(choix_nombre_typologies(mix, valeurs_k=[2, 3])["silhouette"].idxmax())
    2
    """
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    table = _mix_valide(mix).to_numpy()
    lignes = {}
    for k in valeurs_k:
        modele = KMeans(n_clusters=int(k), n_init=n_init, random_state=random_state).fit(table)
        silhouette = silhouette_score(table, modele.labels_, sample_size=echantillon, random_state=random_state)
        lignes[int(k)] = {"inertie": modele.inertia_, "silhouette": silhouette}
    resultat = pd.DataFrame.from_dict(lignes, orient="index")
    resultat.index.name = "k"
    return resultat


# --------------------------------------------------------------------------------------------
# Cycle de vie du client
# --------------------------------------------------------------------------------------------

ETAPES_CYCLE_DE_VIE = pd.DataFrame(
    [
        ("accueil", "inscrit depuis moins de 90 jours", "score de potentiel",
         "Souhaiter la bienvenue, faire découvrir l'enseigne, compléter la fiche client."),
        ("activation", "aucun achat ou un seul, inscrit depuis moins d'un an ; ou un seul achat, récent",
         "score de potentiel, score d'appétence", "Provoquer le deuxième achat : offre de retour, conseil."),
        ("développement", "actif, au moins deux achats, inscrit depuis moins de deux ans",
         "scores de ventes croisées et de montée en gamme", "Faire découvrir d'autres rayons, monter en gamme."),
        ("stabilisation", "actif, au moins deux achats, inscrit depuis deux ans ou plus",
         "score anti-attrition", "Reconnaître et garder : service, avantages, détecter les signes de départ."),
        ("réactivation", "dernier achat il y a un à deux ans", "score de réactivation",
         "Relancer avant qu'il ne soit trop tard : « vous nous manquez », offre personnelle."),
        ("reconquête", "dernier achat il y a plus de deux ans ; ou jamais acheté un an après l'inscription",
         "score de réactivation (sur les anciens clients)", "Traiter comme un prospect : campagne de reconquête peu coûteuse."),
    ],
    columns=["etape", "regle", "score", "action"],
)
"""Les six étapes du cycle de vie, dans l'ordre, avec la règle de :func:`etapes_cycle_de_vie`
(seuils par défaut), le score qui sert à chaque étape et l'action type."""

_ETAPES = list(ETAPES_CYCLE_DE_VIE["etape"])


def etapes_cycle_de_vie(
    transactions: pd.DataFrame,
    clients: pd.DataFrame,
    date_reference: object,
    accueil_jours: int = 90,
    actif_jours: int = 365,
    perdu_jours: int = 730,
    maturite_jours: int = 730,
    client: str = "client_id",
    date: str = "date",
    ticket: str | None = "ticket_id",
    inscription: str = "date_inscription",
) -> pd.DataFrame:
    """Place chaque client inscrit à une étape de son cycle de vie, par des règles publiques.

    Règles lues dans l'ordre (la première vérifiée l'emporte), avec l'ancienneté = jours depuis
    l'inscription, la récence = jours depuis le dernier achat et les achats = tickets distincts,
    tout cela avant ``date_reference`` :

    1. ancienneté < ``accueil_jours`` → **accueil** ;
    2. aucun achat : ancienneté < ``actif_jours`` → **activation**, sinon → **reconquête** ;
    3. récence ≥ ``perdu_jours`` → **reconquête** ;
    4. récence ≥ ``actif_jours`` → **réactivation** ;
    5. un seul achat → **activation** (il faut le deuxième) ;
    6. ancienneté < ``maturite_jours`` → **développement**, sinon → **stabilisation**.

    Ces seuils sont des conventions (à adapter au rythme d'achat du métier) ; les clients inscrits
    après la date de référence sont écartés et signalés.

    Returns
    -------
    DataFrame
        Index : l'identifiant client ; colonnes ``anciennete``, ``recence`` (``NaN`` : jamais
        acheté), ``achats`` et ``etape`` (catégorie ordonnée, dans l'ordre du cycle).

    Examples
    --------
    >>> fiches = pd.DataFrame({"client_id": ["A", "B", "C", "D"],
    ...                        "date_inscription": ["2024-12-01", "2020-03-01", "2023-06-01", "2019-01-01"]})
    >>> achats = pd.DataFrame({"client_id": ["B", "B", "C", "C", "D"], "ticket_id": ["T1", "T2", "T3", "T4", "T5"],
    ...                        "date": ["2024-05-01", "2024-11-02", "2024-02-01", "2024-10-01", "2023-09-01"]})
    >>> etapes_cycle_de_vie(achats, fiches, "2025-01-01")["etape"].tolist()
    ['accueil', 'stabilisation', 'développement', 'réactivation']
    """
    reference = _date(date_reference, "date_reference")
    fiches = verifier_table(clients, [client, inscription], "la table des clients")
    lignes = verifier_table(transactions, [client, date] + ([ticket] if ticket else []), "la table des transactions")
    inscrits = pd.Series(en_dates(fiches[inscription], inscription).to_numpy(), index=fiches[client].to_numpy())
    futurs = inscrits > reference
    signaler_exclusion(int(futurs.sum()), f"client inscrit après la date de référence ({reference:%d/%m/%Y})")
    inscrits = inscrits[~futurs]
    dates = en_dates(lignes[date], date).dt.normalize()
    avant = lignes.loc[dates < reference].assign(**{date: dates[dates < reference]})
    par_client = avant.groupby(client, observed=True)
    achats = (par_client[ticket].nunique() if ticket else par_client.size()).reindex(inscrits.index).fillna(0)
    recence = (reference - par_client[date].max()).dt.days.reindex(inscrits.index)
    anciennete = (reference - inscrits).dt.days
    conditions = [
        anciennete < accueil_jours,
        (achats == 0) & (anciennete < actif_jours),
        achats == 0,
        recence >= perdu_jours,
        recence >= actif_jours,
        achats == 1,
        anciennete < maturite_jours,
    ]
    choix = ["accueil", "activation", "reconquête", "reconquête", "réactivation", "activation", "développement"]
    etape = np.select([c.to_numpy() for c in conditions], choix, default="stabilisation")
    resultat = pd.DataFrame({
        "anciennete": anciennete.astype("int64"),
        "recence": recence.astype("float64"),
        "achats": achats.astype("int64"),
        "etape": pd.Categorical(etape, categories=_ETAPES, ordered=True),
    }, index=inscrits.index.rename(client))
    return resultat
