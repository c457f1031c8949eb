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

from grc.validation import ErreurDonnees, en_dates, en_nombres, verifier_table

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

    Règle : retirer les accents, passer en minuscules, remplacer les tirets par une
    espace, réduire les espaces multiples à une seule et retirer celles des bords.
    Une valeur manquante devient un texte vide.

    >>> normaliser_nom(pd.Series(["  Jean-Pierre ", "JEAN  PIERRE", "Lefèvre", None])).tolist()
    ['jean pierre', 'jean pierre', 'lefevre', '']
    """
    def un_nom(texte: object) -> str:
        if pd.isna(texte):
            return ""
        decompose = unicodedata.normalize("NFD", str(texte))
        sans_accent = "".join(c for c in decompose if unicodedata.category(c) != "Mn")
        return " ".join(sans_accent.lower().replace("-", " ").split())

    return serie.map(un_nom).astype("string")


MOTIF_EMAIL = r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}"


def emails_valides(serie: pd.Series) -> pd.Series:
    """Vrai quand l'email a une forme valide : ``partie@domaine.extension``, sans espace.

    Règle : un seul ``@``, au moins un caractère avant, un domaine qui se termine par
    un point et au moins deux lettres, aucune espace. Un email vide est invalide (on ne peut pas écrire au client). Les espaces au
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


def etat_emails(serie: pd.Series) -> pd.Series:
    """Classe chaque email : « valide », « manquant » (vide) ou « invalide » (forme fausse).

    >>> etat_emails(pd.Series(["lea@exemple.fr", "", None, "lea@@exemple.fr"])).tolist()
    ['valide', 'manquant', 'manquant', 'invalide']
    """
    texte = serie.astype("string").str.strip().fillna("")
    etat = pd.Series("invalide", index=serie.index, dtype="string")
    return etat.mask(emails_valides(serie), "valide").mask(texte == "", "manquant")


def etat_codes_postaux(serie: pd.Series) -> pd.Series:
    """Classe chaque code postal : « valide » (5 chiffres), « sans zéro initial » (4 chiffres, abîmé par
    un tableur), « manquant » ou « invalide ».

    >>> etat_codes_postaux(pd.Series(["37000", "1000", "", None, "37OOO"])).tolist()
    ['valide', 'sans zéro initial', 'manquant', 'manquant', 'invalide']
    """
    texte = serie.astype("string").str.strip().fillna("")
    etat = pd.Series("invalide", index=serie.index, dtype="string")
    etat = etat.mask(texte.str.fullmatch(r"\d{5}"), "valide").mask(texte.str.fullmatch(r"\d{4}"), "sans zéro initial")
    return etat.mask(texte == "", "manquant")


def corriger_codes_postaux(serie: pd.Series) -> pd.Series:
    """Remet le zéro initial perdu (« 1000 » → « 01000 ») ; un code vide devient manquant (``<NA>``).

    >>> corriger_codes_postaux(pd.Series(["37000", "1000", ""])).tolist()
    ['37000', '01000', <NA>]
    """
    texte = serie.astype("string").str.strip()
    texte = texte.mask(texte.str.fullmatch(r"\d{4}").fillna(False), texte.str.zfill(5))
    return texte.mask(texte.fillna("") == "")


def cle_personne(table: pd.DataFrame, prenom: str = "prenom", nom: str = "nom") -> pd.Series:
    """La clé qui identifie une personne : prénom et nom normalisés (voir :func:`normaliser_nom`).

    >>> cle_personne(pd.DataFrame({"prenom": ["Jean-Pierre", "jean pierre"], "nom": ["Lefèvre", "LEFEVRE "]})).tolist()
    ['jean pierre|lefevre', 'jean pierre|lefevre']
    """
    verifier_table(table, [prenom, nom], "l'extrait")
    return (normaliser_nom(table[prenom]) + "|" + normaliser_nom(table[nom])).rename("cle_personne")


COLONNES_EXTRAIT = ["code_client", "nom", "prenom", "email", "code_postal", "ville", "date_inscription", "ca_cumule"]


def rapport_qualite(brut: pd.DataFrame) -> pd.DataFrame:
    """Le décompte de chaque défaut d'un extrait brut, règle par règle, sur toutes ses lignes.

    Colonnes : ``regle``, ``lignes`` (nombre de lignes touchées), ``action`` (ce que fait
    :func:`nettoyer_extrait`). Les règles sont indépendantes : une ligne peut en toucher plusieurs.

    >>> brut = pd.DataFrame({"code_client": ["C1", "C1", "C9"], "nom": ["Roy", "Roy", "ROY"],
    ...     "prenom": ["Léa", "Léa", "Lea"], "email": ["lea@x.fr", "lea@x.fr", "lea.x.fr"],
    ...     "code_postal": ["37000", "37000", ""], "ville": ["Tours"] * 3,
    ...     "date_inscription": ["2020-01-05", "2020-01-05", "06/01/2021"], "ca_cumule": ["10,5", "10,5", "3"]})
    >>> rapport_qualite(brut).set_index("regle")["lignes"].tolist()
    [1, 1, 1, 1, 0, 1]
    """
    verifier_table(brut, COLONNES_EXTRAIT, "l'extrait brut")
    exacts = int(brut.duplicated().sum())
    variantes = len(brut) - exacts - int(cle_personne(brut).nunique())
    emails = etat_emails(brut["email"])
    codes = etat_codes_postaux(brut["code_postal"])
    formats = formats_de_dates(brut["date_inscription"])
    lignes = [
        ("doublons exacts", exacts, "ligne supprimée (copie identique)"),
        ("doublons à variante d'orthographe", variantes, "fiche fusionnée avec celle de la même personne"),
        ("emails invalides", int((emails == "invalide").sum()), "email vidé : client non joignable par email"),
        ("codes postaux manquants", int((codes == "manquant").sum()), "fiche signalée à compléter"),
        ("codes postaux sans zéro initial", int((codes == "sans zéro initial").sum()), "zéro initial remis"),
        ("dates hors format AAAA-MM-JJ", int(formats.isin(["JJ/MM/AAAA", "JJ-MM-AA"]).sum()), "date convertie"),
    ]
    illisibles = int((formats == "illisible").sum())
    if illisibles:
        lignes.append(("dates illisibles", illisibles, "date laissée vide, ligne signalée"))
    return pd.DataFrame(lignes, columns=["regle", "lignes", "action"])


def nettoyer_extrait(brut: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nettoie un extrait brut et renvoie ``(fichier_propre, rapport)`` : une ligne par personne.

    Étapes : copies exactes supprimées ; emails invalides vidés ; zéro initial des codes
    postaux remis ; dates lues dans les trois formats ; montants à virgule convertis ;
    puis les fiches d'une même personne (même :func:`cle_personne`) fusionnées : premier
    code client, première coordonnée renseignée, date d'inscription la plus ancienne,
    CA cumulé additionné. Le rapport est celui de :func:`rapport_qualite`.

    >>> brut = pd.DataFrame({"code_client": ["C1", "C9"], "nom": ["Roy", "ROY"], "prenom": ["Léa", "Lea"],
    ...     "email": ["lea.x.fr", "lea@x.fr"], "code_postal": ["", "1000"], "ville": ["Tours", "TOURS"],
    ...     "date_inscription": ["2020-01-05", "06/01/2021"], "ca_cumule": ["10,5", "3"]})
    >>> propre, rapport = nettoyer_extrait(brut)
    >>> propre[["code_client", "email", "code_postal"]].iloc[0].tolist()
    ['C1', 'lea@x.fr', '01000']
    >>> float(propre.loc[0, "ca_cumule"]), str(propre.loc[0, "date_inscription"].date())
    (13.5, '2020-01-05')
    """
    rapport = rapport_qualite(brut)
    table = brut.drop_duplicates().copy()
    table["email"] = table["email"].astype("string").str.strip().where(emails_valides(table["email"]))
    table["code_postal"] = corriger_codes_postaux(table["code_postal"])
    table["ville"] = table["ville"].astype("string").str.strip().str.title()
    table["date_inscription"] = lire_dates_melangees(table["date_inscription"])
    table["ca_cumule"] = en_nombres(table["ca_cumule"].astype("string").fillna("0"), "ca_cumule")
    table["cle_personne"] = cle_personne(table)
    regles = {"code_client": "first", "nom": "first", "prenom": "first", "email": "first", "code_postal": "first",
              "ville": "first", "date_inscription": "min", "ca_cumule": "sum"}
    propre = table.groupby("cle_personne", sort=False).agg(regles).reset_index(drop=True)
    return propre.sort_values("code_client", ignore_index=True), rapport


def paires_similaires(table: pd.DataFrame, normaliser: bool = True) -> pd.DataFrame:
    """Toutes les paires de fiches comparées, avec la similarité de leurs « prénom nom ».

    Pour aller vite, on ne compare que les fiches dont le nom normalisé commence par
    la même lettre (« blocage »). ``normaliser=False`` compare les textes tels que saisis.
    La colonne ``meme_personne`` dit si les deux fiches ont la même :func:`cle_personne`
    (la vérité, pour compter les faux positifs).

    >>> t = pd.DataFrame({"prenom": ["Léa", "LEA", "Léo"], "nom": ["Martin", "Martin", "Martin"]})
    >>> paires_similaires(t)[["similarite", "meme_personne"]].round(2).values.tolist()
    [[1.0, True], [0.9, False], [0.9, False]]
    """
    cle = cle_personne(table).tolist()
    if normaliser:
        texte = (normaliser_nom(table["prenom"]) + " " + normaliser_nom(table["nom"])).tolist()
    else:
        texte = (table["prenom"].astype("string").fillna("") + " " + table["nom"].astype("string").fillna("")).tolist()
    blocs: dict[str, list[int]] = {}
    for position, lettre in enumerate(normaliser_nom(table["nom"]).str[:1]):
        blocs.setdefault(lettre, []).append(position)
    lignes = []
    for positions in blocs.values():
        for rang, i in enumerate(positions):
            comparateur = difflib.SequenceMatcher(None, b=texte[i], autojunk=False)
            for j in positions[rang + 1:]:
                comparateur.set_seq1(texte[j])
                lignes.append((i, j, comparateur.ratio(), cle[i] == cle[j]))
    return pd.DataFrame(lignes, columns=["ligne_a", "ligne_b", "similarite", "meme_personne"])


def bilan_dedoublonnage(paires: pd.DataFrame, seuil: float) -> pd.Series:
    """Ce que donne un seuil de similarité : paires déclarées doublons, vrais doublons, faux positifs, ratés.

    >>> paires = pd.DataFrame({"similarite": [1.0, 0.9, 0.6], "meme_personne": [True, False, True]})
    >>> bilan_dedoublonnage(paires, 0.85).tolist()
    [2, 1, 1, 1]
    """
    if not 0 <= seuil <= 1:
        raise ErreurDonnees(f"Le seuil de similarité doit être entre 0 et 1, pas {seuil}.")
    declares = paires["similarite"] >= seuil
    vrais = paires["meme_personne"].astype(bool)
    return pd.Series(
        {
            "paires_declarees": int(declares.sum()),
            "vrais_doublons_trouves": int((declares & vrais).sum()),
            "faux_positifs": int((declares & ~vrais).sum()),
            "doublons_manques": int((~declares & vrais).sum()),
        }
    )


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
