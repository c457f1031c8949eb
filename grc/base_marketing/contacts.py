"""Qui a-t-on le droit de contacter, par quel canal, pour quelle finalité (RGPD) ?"""

from __future__ import annotations

import pandas as pd

from grc.base_marketing.qualite import emails_valides
from grc.validation import ErreurDonnees, en_dates, lire_date, verifier_table

CANAUX = {"email": "consentement_email", "sms": "consentement_sms", "courrier": "consentement_courrier"}


FINALITES = ("offres_enseigne", "offres_partenaires", "information_service")


def telephones_mobiles(serie: pd.Series) -> pd.Series:
    """Vrai pour un numéro de mobile français (06 ou 07, ou +33 6 / +33 7), séparateurs ignorés.

    >>> telephones_mobiles(pd.Series(["06 12 34 56 78", "+33 7 12 34 56 78", "02 47 00 00 00", None])).tolist()
    [True, True, False, False]
    """
    chiffres = serie.astype("string").str.replace(r"[\s.\-]", "", regex=True).str.replace(r"^\+33", "0", regex=True)
    return chiffres.str.fullmatch(r"0[67]\d{8}").fillna(False).astype(bool)


def adresses_postales(clients: pd.DataFrame) -> pd.Series:
    """Vrai quand la fiche a un code postal à 5 chiffres et une ville (un courrier peut partir).

    >>> adresses_postales(pd.DataFrame({"code_postal": ["37000", None], "ville": ["Tours", "Blois"]})).tolist()
    [True, False]
    """
    verifier_table(clients, ["code_postal", "ville"], "la table des clients")
    code = clients["code_postal"].astype("string").str.strip().str.fullmatch(r"\d{5}").fillna(False)
    ville = clients["ville"].astype("string").str.strip().fillna("") != ""
    return (code & ville).astype(bool)


def coordonnee_valide(clients: pd.DataFrame, canal: str) -> pd.Series:
    """Vrai quand la fiche permet de joindre le client par ce canal (email, sms ou courrier).

    >>> coordonnee_valide(pd.DataFrame({"email": ["a@b.fr", "ab.fr"]}), "email").tolist()
    [True, False]
    """
    if canal == "email":
        return emails_valides(verifier_table(clients, ["email"], "la table des clients")["email"])
    if canal == "sms":
        return telephones_mobiles(verifier_table(clients, ["telephone"], "la table des clients")["telephone"])
    if canal == "courrier":
        return adresses_postales(clients)
    raise ErreurDonnees(f"Canal inconnu : {canal!r}. Canaux possibles : {', '.join(CANAUX)}.")


def derniere_activite(clients: pd.DataFrame, transactions: pd.DataFrame | None = None) -> pd.Series:
    """Date du dernier contact connu de chaque client : son dernier achat, sinon son inscription.

    >>> clients = pd.DataFrame({"client_id": ["C1", "C2"], "date_inscription": pd.to_datetime(["2020-05-01", "2023-02-01"])})
    >>> achats = pd.DataFrame({"client_id": ["C1"], "date": pd.to_datetime(["2024-06-30"])})
    >>> derniere_activite(clients, achats).dt.year.tolist()
    [2024, 2023]
    """
    verifier_table(clients, ["client_id", "date_inscription"], "la table des clients")
    inscription = en_dates(clients["date_inscription"], "date_inscription")
    activite = pd.Series(inscription.to_numpy(), index=pd.Index(clients["client_id"], name="client_id"))
    if transactions is not None:
        verifier_table(transactions, ["client_id", "date"], "la table des transactions")
        dernier_achat = en_dates(transactions["date"], "date").groupby(transactions["client_id"]).max()
        activite = pd.concat([activite, dernier_achat.reindex(activite.index)], axis=1).max(axis=1)
    return activite.rename("derniere_activite")


def _canal_autorise(clients: pd.DataFrame, index: pd.Index, canal: str, finalite: str) -> pd.Series:
    """Le canal est-il permis pour cette finalité ? Accord pour l'email et le SMS, absence d'opposition pour le courrier."""
    if finalite == "information_service":
        return pd.Series(True, index=index)
    verifier_table(clients, [CANAUX[canal]], "la table des clients")
    reponse = clients[CANAUX[canal]].astype("boolean")
    if canal == "courrier":
        permis = reponse.fillna(True)  # régime d'opposition : sans refus enregistré, on peut écrire
    else:
        permis = reponse.fillna(False)  # accord préalable : sans preuve d'accord, pas d'envoi
    if finalite == "offres_partenaires":  # céder ses coordonnées demande un accord à part, quel que soit le canal
        verifier_table(clients, ["optin_partenaires"], "la table des clients")
        permis = permis & clients["optin_partenaires"].astype("boolean").fillna(False)
    return pd.Series(permis.to_numpy(dtype=bool), index=index)


def conditions_contact(
    clients: pd.DataFrame,
    transactions: pd.DataFrame | None = None,
    *,
    canal: str = "email",
    finalite: str = "offres_enseigne",
    date_reference: object = "2025-01-01",
    annees_conservation: int = 3,
) -> pd.DataFrame:
    """Le tableau des conditions RGPD de chaque client pour un canal et une finalité.

    Colonnes booléennes (une ligne par client, index ``client_id``), dans l'ordre où on
    les applique :

    - ``canal_autorise`` : la prospection par ce canal est permise. Par **email** ou **SMS**, il
      faut un **accord préalable** (*opt-in*) pour ce canal (``consentement_<canal>`` vrai ; une
      valeur manquante compte comme un refus : pas de preuve d'accord). Par **courrier**, le
      régime est celui de l'**opposition** (intérêt légitime de l'entreprise, droit d'opposition
      du client) : on peut écrire sauf si le client l'a refusé (``consentement_courrier`` faux ;
      une valeur manquante n'est pas un refus). Pour la finalité ``offres_partenaires`` (céder
      ses coordonnées à des partenaires) il faut en plus ``optin_partenaires``, quel que soit le
      canal ; pour ``information_service`` (message lié à un achat, rappel de produit) aucun
      accord marketing n'est demandé ;
    - ``coordonnee_valide`` : email bien formé, mobile, ou code postal et ville ;
    - ``dans_conservation`` : dernier contact (achat ou inscription) depuis moins de
      ``annees_conservation`` ans à la date de référence ;
    - ``contactable`` : les trois à la fois.

    >>> clients = pd.DataFrame({"client_id": ["A", "B", "C", "D"], "email": ["a@x.fr", "b@x", "c@x.fr", "d@x.fr"],
    ...     "consentement_email": [True, True, False, True],
    ...     "date_inscription": pd.to_datetime(["2024-10-12", "2024-05-03", "2024-11-20", "2021-06-15"])})
    >>> conditions_contact(clients)["contactable"].tolist()
    [True, False, False, False]

    Par courrier, seul un refus enregistré écarte le client (ici B ; C n'a pas répondu) :

    >>> fiches = pd.DataFrame({"client_id": ["A", "B", "C"], "code_postal": ["37000"] * 3, "ville": ["Tours"] * 3,
    ...     "consentement_courrier": [True, False, None], "date_inscription": pd.to_datetime(["2024-10-12"] * 3)})
    >>> conditions_contact(fiches, canal="courrier")["canal_autorise"].tolist()
    [True, False, True]
    """
    if canal not in CANAUX:
        raise ErreurDonnees(f"Canal inconnu : {canal!r}. Canaux possibles : {', '.join(CANAUX)}.")
    if finalite not in FINALITES:
        raise ErreurDonnees(f"Finalité inconnue : {finalite!r}. Finalités possibles : {', '.join(FINALITES)}.")
    if annees_conservation <= 0:
        raise ErreurDonnees("La durée de conservation doit être d'au moins un an.")
    index = pd.Index(verifier_table(clients, ["client_id"], "la table des clients")["client_id"], name="client_id")
    limite = lire_date(date_reference, "date_reference") - pd.DateOffset(years=annees_conservation)
    table = pd.DataFrame(
        {
            "canal_autorise": _canal_autorise(clients, index, canal, finalite).to_numpy(),
            "coordonnee_valide": coordonnee_valide(clients, canal).to_numpy(),
            "dans_conservation": (derniere_activite(clients, transactions) >= limite).to_numpy(),
        },
        index=index,
    )
    table["contactable"] = table.all(axis=1)
    return table


def clients_contactables(clients: pd.DataFrame, transactions: pd.DataFrame | None = None, **options) -> list[str]:
    """La liste triée des clients qu'on a le droit de contacter (voir :func:`conditions_contact`).

    >>> clients = pd.DataFrame({"client_id": ["A", "B"], "email": ["a@x.fr", "b@x.fr"],
    ...     "consentement_email": [True, False], "date_inscription": pd.to_datetime(["2024-01-01"] * 2)})
    >>> clients_contactables(clients)
    ['A']
    """
    conditions = conditions_contact(clients, transactions, **options)
    return sorted(conditions.index[conditions["contactable"]].tolist())


def entonnoir_contact(conditions: pd.DataFrame) -> pd.DataFrame:
    """Combien de clients restent, et combien chaque condition écarte, en les appliquant l'une après l'autre.

    >>> conditions = pd.DataFrame({"canal_autorise": [True, True, False], "coordonnee_valide": [True, False, True],
    ...     "dans_conservation": [True, True, True]})
    >>> entonnoir_contact(conditions)["clients_restants"].tolist()
    [3, 2, 1, 1]
    """
    etapes = ["canal_autorise", "coordonnee_valide", "dans_conservation"]
    verifier_table(conditions, etapes, "le tableau des conditions")
    libelles = {"canal_autorise": "canal permis pour cette finalité (accord, ou pas d'opposition au courrier)",
                "coordonnee_valide": "coordonnée valide",
                "dans_conservation": "dans la durée de conservation"}
    restant = pd.Series(True, index=conditions.index)
    lignes = [{"etape": "fichier complet", "clients_restants": len(conditions), "clients_ecartes": 0}]
    for etape in etapes:
        avant = int(restant.sum())
        restant = restant & conditions[etape].astype(bool)
        lignes.append({"etape": libelles[etape], "clients_restants": int(restant.sum()),
                       "clients_ecartes": avant - int(restant.sum())})
    return pd.DataFrame(lignes)
