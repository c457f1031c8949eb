"""La qualité d'un extrait brut : emails, codes postaux, dates aux formats mêlés, rapport règle par règle, nettoyage."""

from __future__ import annotations

import pandas as pd

from grc.base_marketing.dedoublonnage import cle_personne
from grc.validation import en_nombres, verifier_table

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
