"""Préparer un score : les variables connues avant une date (sans fuite d'information), la cible d'attrition."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from grc import rfm
from grc.validation import ErreurDonnees, en_dates, lire_date, verifier_table


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
    *,
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
    reference = lire_date(date_reference, "date_reference")
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
    date_reference: object,
    *,
    horizon_mois: int = 12,
    fenetre_mois: int | None = 24,
    client: str = "client_id",
    date: str = "date",
) -> pd.Series:
    """La cible d'un score d'attrition : qui, parmi les clients actifs, n'achète plus ensuite ?

    Population : les clients qui ont au moins une ligne dans les ``fenetre_mois`` mois qui
    précèdent ``date_reference`` (tout l'historique si ``None``). Un client est **parti**
    (``True``) s'il n'a aucune ligne entre ``date_reference`` (incluse) et
    ``date_reference + horizon_mois`` (exclue).

    Parameters
    ----------
    transactions : DataFrame
        Une ligne par ligne de ticket (ou par achat).
    date_reference : date ou texte
        Le jour où l'on calcule le score (par exemple '2024-01-01').
    horizon_mois : int
        Durée d'observation de l'avenir, en mois (12 : « parti dans l'année »).
    fenetre_mois : int ou None
        Période qui définit les clients actifs, en mois avant la date de référence.
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
    reference = lire_date(date_reference, "date_reference")
    dates = en_dates(table[date], date).dt.normalize()
    fin = reference + pd.DateOffset(months=int(horizon_mois))
    if dates.max() < fin - pd.Timedelta(days=1):
        raise ErreurDonnees(
            f"Les données s'arrêtent le {dates.max():%d/%m/%Y}, avant la fin de l'horizon ({fin:%d/%m/%Y}) : "
            "avancez la date de référence ou raccourcissez horizon_mois."
        )
    debut = dates.min() if fenetre_mois is None else reference - pd.DateOffset(months=int(fenetre_mois))
    actifs = pd.Index(pd.unique(table.loc[(dates >= debut) & (dates < reference), client])).sort_values()
    if actifs.empty:
        raise ErreurDonnees(f"Aucun client actif avant le {reference:%d/%m/%Y} : rien à prédire.")
    revenus = set(table.loc[(dates >= reference) & (dates < fin), client])
    return pd.Series(~actifs.isin(list(revenus)), index=actifs.rename(client), name="attrition")
