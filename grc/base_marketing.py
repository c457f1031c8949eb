"""La base de données marketing : SQLite, qualité d'un fichier brut, liste RGPD, coût.

Quatre usages de l'étape « Identifier » (thème 01) :

- construire une vraie base SQLite à partir de tables pandas et l'interroger en SQL
  (:func:`construire_base`, :func:`interroger`) ;
- contrôler la qualité d'un extrait brut : noms normalisés, doublons malgré les
  variantes d'orthographe, emails invalides, codes postaux manquants, dates aux
  formats mêlés, avec le décompte de chaque règle (:func:`rapport_qualite`) ;
- dresser la liste des clients qu'on a le droit de contacter selon le canal et la
  finalité (RGPD : consentement, coordonnée valide, durée de conservation)
  (:func:`conditions_contact`, :func:`clients_contactables`) ;
- chiffrer le coût annuel de la base (:func:`couts_base`).

Voir la leçon ``course/01-connaitre-ses-clients.md``.
"""

from __future__ import annotations

import difflib
import sqlite3
import unicodedata
from collections.abc import Mapping
from contextlib import closing
from pathlib import Path

import pandas as pd

from grc.validation import ErreurDonnees, en_dates, verifier_table

# --------------------------------------------------------------------------- SQLite


def _pour_sqlite(table: pd.DataFrame) -> pd.DataFrame:
    """Types que SQLite sait ranger : dates en texte ISO, booléens en 0/1, catégories en texte."""
    colonnes = {}
    for nom, serie in table.items():
        if pd.api.types.is_datetime64_any_dtype(serie):
            colonnes[nom] = serie.dt.strftime("%Y-%m-%d").astype(object).where(serie.notna(), None)
        elif pd.api.types.is_bool_dtype(serie):
            colonnes[nom] = serie.astype("Int64").astype(object).where(serie.notna(), None)
        elif isinstance(serie.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(serie):
            colonnes[nom] = serie.astype(object).where(serie.notna(), None)
        else:
            colonnes[nom] = serie
    return pd.DataFrame(colonnes, index=table.index)


def construire_base(tables: Mapping[str, pd.DataFrame], chemin: str | Path) -> Path:
    """Écrit des tables pandas dans un fichier SQLite (remplacé s'il existe) et renvoie son chemin.

    Les dates sont rangées en texte ``AAAA-MM-JJ`` (ce que SQLite compare et trie
    correctement), les booléens en 0/1. Chaque colonne qui finit par ``_id`` est
    indexée, ce qui accélère les jointures.

    Parameters
    ----------
    tables : dict nom → DataFrame
        Par exemple ``{"clients": clients, "transactions": transactions}``.
    chemin : chemin du fichier ``.sqlite`` à créer.

    Examples
    --------
    >>> import tempfile
    >>> dossier = Path(tempfile.mkdtemp())
    >>> base = construire_base({"clients": pd.DataFrame({"client_id": ["C1", "C2"]})}, dossier / "essai.sqlite")
    >>> interroger(base, "SELECT COUNT(*) AS n FROM clients")["n"].item()
    2
    """
    if not tables:
        raise ErreurDonnees("Aucune table à écrire dans la base : donnez au moins une table.")
    chemin = Path(chemin)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.unlink(missing_ok=True)
    with closing(sqlite3.connect(chemin)) as connexion:
        for nom, table in tables.items():
            verifier_table(table, [], nom=f"la table '{nom}'")
            _pour_sqlite(table).to_sql(nom, connexion, index=False)
            for colonne in table.columns:
                if str(colonne).endswith("_id"):
                    connexion.execute(f'CREATE INDEX "idx_{nom}_{colonne}" ON "{nom}" ("{colonne}")')
        connexion.commit()
    return chemin


def tables_de_la_base(chemin: str | Path) -> list[str]:
    """Les noms des tables d'une base SQLite, dans l'ordre alphabétique."""
    requete = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
    return interroger(chemin, requete)["name"].tolist()


def interroger(chemin: str | Path, requete: str, parametres: Mapping | tuple | None = None) -> pd.DataFrame:
    """Exécute une requête SQL sur une base SQLite et renvoie le résultat en DataFrame.

    Une requête fautive (table ou colonne inconnue, faute de syntaxe) donne une
    erreur en français qui rappelle le message de SQLite et les tables présentes.

    >>> import tempfile
    >>> base = construire_base({"t": pd.DataFrame({"x": [1, 2, 3]})}, Path(tempfile.mkdtemp()) / "b.sqlite")
    >>> interroger(base, "SELECT SUM(x) AS total FROM t WHERE x >= ?", (2,))["total"].item()
    5
    """
    chemin = Path(chemin)
    if not chemin.is_file():
        raise ErreurDonnees(f"La base SQLite {chemin} n'existe pas : construisez-la d'abord avec construire_base().")
    with closing(sqlite3.connect(chemin)) as connexion:
        try:
            return pd.read_sql_query(requete, connexion, params=parametres)
        except (sqlite3.Error, pd.errors.DatabaseError) as erreur:
            noms = connexion.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
            presentes = ", ".join(sorted(n for (n,) in noms)) or "aucune"
            raise ErreurDonnees(
                f"La requête SQL a échoué ({erreur}). Vérifiez les noms de tables et de colonnes "
                f"et la syntaxe. Tables présentes : {presentes}."
            ) from None


# --------------------------------------------------------------------------- qualité des données


def normaliser_nom(serie: pd.Series) -> pd.Series:
    """Met un nom en forme comparable : minuscules, sans accents, tirets et espaces unifiés.

    >>> normaliser_nom(pd.Series(["  Jean-Pierre ", "JEAN PIERRE", "Lefèvre"])).tolist()
    ['jean pierre', 'jean pierre', 'lefevre']
    """
    def un_nom(texte: object) -> object:
        if pd.isna(texte):
            return pd.NA
        decompose = unicodedata.normalize("NFKD", str(texte))
        sans_accent = "".join(c for c in decompose if not unicodedata.combining(c))
        for separateur in "-_'’.":
            sans_accent = sans_accent.replace(separateur, " ")
        return " ".join(sans_accent.lower().split())

    return serie.map(un_nom).astype("string")


MOTIF_EMAIL = r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$"


def emails_valides(serie: pd.Series) -> pd.Series:
    """Vrai quand l'email a une forme valide : ``partie@domaine.extension``, sans espace.

    Un email vide est invalide (on ne peut pas écrire au client). Les espaces au
    début et à la fin sont tolérés (simple défaut de saisie).

    >>> emails_valides(pd.Series(["lea@exemple.fr", "lea.exemple.fr", "lea@exemple", None])).tolist()
    [True, False, False, False]
    """
    texte = serie.astype("string").str.strip()
    return texte.str.fullmatch(MOTIF_EMAIL).fillna(False).astype(bool)


FORMATS_DATES = {"AAAA-MM-JJ": "%Y-%m-%d", "JJ/MM/AAAA": "%d/%m/%Y", "JJ-MM-AA": "%d-%m-%y"}


def formats_de_dates(serie: pd.Series) -> pd.Series:
    """Nomme le format de chaque date écrite en texte : AAAA-MM-JJ, JJ/MM/AAAA, JJ-MM-AA, vide ou illisible.

    >>> formats_de_dates(pd.Series(["2024-03-15", "15/03/2024", "15-03-24", "", "15 mars"])).tolist()
    ['AAAA-MM-JJ', 'JJ/MM/AAAA', 'JJ-MM-AA', 'vide', 'illisible']
    """
    texte = serie.astype("string").str.strip()
    resultat = pd.Series("illisible", index=serie.index, dtype="string")
    for libelle, motif in FORMATS_DATES.items():
        lisible = pd.to_datetime(texte, format=motif, errors="coerce").notna() & (resultat == "illisible")
        resultat = resultat.mask(lisible, libelle)
    return resultat.mask(texte.isna() | (texte == ""), "vide")


def lire_dates_melangees(serie: pd.Series) -> pd.Series:
    """Convertit une colonne de dates aux formats mêlés (AAAA-MM-JJ, JJ/MM/AAAA, JJ-MM-AA).

    Une date vide ou illisible devient ``NaT`` (à compter avec :func:`formats_de_dates`).
    Avec deux chiffres, l'année 00-68 est lue 2000-2068 et 69-99 est lue 1969-1999.

    >>> lire_dates_melangees(pd.Series(["2024-03-15", "16/03/2024", "17-03-24"])).dt.day.tolist()
    [15, 16, 17]
    """
    texte = serie.astype("string").str.strip()
    dates = pd.Series(pd.NaT, index=serie.index, dtype="datetime64[us]")
    for motif in FORMATS_DATES.values():
        dates = dates.fillna(pd.to_datetime(texte, format=motif, errors="coerce"))
    return dates


def similarite(a: str, b: str) -> float:
    """Ressemblance de deux textes entre 0 et 1 : 2 × M / T (M caractères communs, T longueur totale).

    >>> round(similarite("martin", "martine"), 3)
    0.923
    """
    return difflib.SequenceMatcher(None, a, b).ratio()


# --------------------------------------------------------------------------- RGPD

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


def conditions_contact(
    clients: pd.DataFrame,
    transactions: pd.DataFrame | None = None,
    canal: str = "email",
    finalite: str = "offres_enseigne",
    date_reference: str = "2025-01-01",
    annees_conservation: int = 3,
) -> pd.DataFrame:
    """Le tableau des conditions RGPD de chaque client pour un canal et une finalité.

    Colonnes booléennes (une ligne par client, index ``client_id``), dans l'ordre où on
    les applique :

    - ``consentement`` : l'accord pour ce canal (``consentement_<canal>``) ; pour la
      finalité ``offres_partenaires`` il faut aussi ``optin_partenaires`` ; pour
      ``information_service`` (message lié à un achat, rappel de produit) aucun accord
      marketing n'est demandé. Une valeur manquante compte comme un refus (pas de preuve) ;
    - ``coordonnee_valide`` : email bien formé, mobile, ou code postal et ville ;
    - ``dans_conservation`` : dernier contact (achat ou inscription) depuis moins de
      ``annees_conservation`` ans à la date de référence ;
    - ``contactable`` : les trois à la fois.

    >>> clients = pd.DataFrame({"client_id": ["A", "B", "C", "D"], "email": ["a@x.fr", "b@x", "c@x.fr", "d@x.fr"],
    ...     "consentement_email": [True, True, False, True],
    ...     "date_inscription": pd.to_datetime(["2024-10-12", "2024-05-03", "2024-11-20", "2021-06-15"])})
    >>> conditions_contact(clients)["contactable"].tolist()
    [True, False, False, False]
    """
    if canal not in CANAUX:
        raise ErreurDonnees(f"Canal inconnu : {canal!r}. Canaux possibles : {', '.join(CANAUX)}.")
    if finalite not in FINALITES:
        raise ErreurDonnees(f"Finalité inconnue : {finalite!r}. Finalités possibles : {', '.join(FINALITES)}.")
    if annees_conservation <= 0:
        raise ErreurDonnees("La durée de conservation doit être d'au moins un an.")
    index = pd.Index(verifier_table(clients, ["client_id"], "la table des clients")["client_id"], name="client_id")
    if finalite == "information_service":
        accord = pd.Series(True, index=index)
    else:
        colonnes = [CANAUX[canal]] + (["optin_partenaires"] if finalite == "offres_partenaires" else [])
        verifier_table(clients, colonnes, "la table des clients")
        accord = clients[colonnes].fillna(False).astype(bool).all(axis=1).set_axis(index)
    limite = pd.Timestamp(date_reference) - pd.DateOffset(years=annees_conservation)
    table = pd.DataFrame(
        {
            "consentement": accord.to_numpy(),
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

    >>> conditions = pd.DataFrame({"consentement": [True, True, False], "coordonnee_valide": [True, False, True],
    ...     "dans_conservation": [True, True, True]})
    >>> entonnoir_contact(conditions)["clients_restants"].tolist()
    [3, 2, 1, 1]
    """
    etapes = ["consentement", "coordonnee_valide", "dans_conservation"]
    verifier_table(conditions, etapes, "le tableau des conditions")
    libelles = {"consentement": "accord pour ce canal et cette finalité", "coordonnee_valide": "coordonnée valide",
                "dans_conservation": "dans la durée de conservation"}
    restant = pd.Series(True, index=conditions.index)
    lignes = [{"etape": "fichier complet", "clients_restants": len(conditions), "clients_ecartes": 0}]
    for etape in etapes:
        avant = int(restant.sum())
        restant = restant & conditions[etape].astype(bool)
        lignes.append({"etape": libelles[etape], "clients_restants": int(restant.sum()),
                       "clients_ecartes": avant - int(restant.sum())})
    return pd.DataFrame(lignes)


# --------------------------------------------------------------------------- coût


def couts_base(
    investissement: float,
    duree_amortissement: float,
    maintenance: float,
    personnel: float,
    hebergement: float,
    mise_a_jour_par_fiche: float,
    nombre_fiches: int,
) -> pd.Series:
    """Le coût annuel d'une base marketing, poste par poste (en euros par an).

    Coût annuel = investissement ÷ durée d'amortissement + maintenance + personnel
    + hébergement + mise à jour par fiche × nombre de fiches.

    >>> couts = couts_base(30_000, 3, 4_000, 21_000, 2_400, 0.5, 4_000)
    >>> float(couts.sum()), float(couts.sum() / 4_000)
    (39400.0, 9.85)
    """
    montants = {"investissement": investissement, "maintenance": maintenance, "personnel": personnel,
                "hebergement": hebergement, "mise_a_jour_par_fiche": mise_a_jour_par_fiche,
                "nombre_fiches": nombre_fiches}
    negatifs = [nom for nom, valeur in montants.items() if valeur < 0]
    if negatifs:
        raise ErreurDonnees(f"Montant négatif pour : {', '.join(negatifs)}. Un coût est positif ou nul.")
    if duree_amortissement <= 0:
        raise ErreurDonnees("La durée d'amortissement doit être positive (en années), par exemple 3.")
    return pd.Series(
        {
            "Amortissement de l'investissement": investissement / duree_amortissement,
            "Maintenance": float(maintenance),
            "Personnel": float(personnel),
            "Hébergement et exploitation": float(hebergement),
            "Mises à jour des fiches": mise_a_jour_par_fiche * nombre_fiches,
        },
        name="cout_annuel",
    )
