"""Le cycle de vie du client : six étapes, de l'accueil à la reconquête, par des règles publiques."""

from __future__ import annotations

import numpy as np
import pandas as pd

from grc.validation import en_dates, lire_date, signaler_exclusion, verifier_table

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
    *,
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
    reference = lire_date(date_reference, "date_reference")
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
