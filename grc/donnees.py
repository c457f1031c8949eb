"""Charger les tables de l'enseigne Verdance et lire les exports français (CSV, Excel).

Trois services :

- :func:`charger` renvoie une table du cours, typée (dates, booléens, catégories,
  identifiants en texte) ; :data:`TABLES` en donne la liste ;
- :func:`lire_export` lit un export d'entreprise à la française (``;``, virgule décimale,
  dates JJ/MM/AAAA, encodage Windows ou UTF-8 avec BOM) et dit ce qu'il a converti ;
- :func:`verifier_colonnes` vérifie qu'une table a les colonnes attendues, du bon type.

Les données sont lues dans le dossier ``datasets/`` du dépôt, ou dans le dossier
désigné par la variable d'environnement ``GRC_DONNEES``.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import io
import json
import os
import re
import unicodedata
from pathlib import Path

import pandas as pd

from grc import ressources
from grc.validation import ErreurDonnees, en_dates, en_nombres, verifier_table

TABLES = ("clients", "produits", "transactions", "campagnes", "contacts_campagnes", "devis",
          "objectifs_vendeurs", "prospection", "enquetes", "extrait_brut")

LIEUX = ["Tours", "Angers", "Orléans", "Blois", "Le Mans", "Web"]
RAYONS = ["Végétaux", "Jardin et outillage", "Animalerie", "Décoration", "Épicerie fine", "Mobilier d'extérieur"]
_ORDRES = {  # ordre des catégories (les valeurs imprévues sont ajoutées à la fin, jamais perdues)
    "civilite": ["Mme", "M."],
    "tranche_age": ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"],
    "csp": ["Agriculteurs", "Artisans, commerçants", "Cadres", "Professions intermédiaires", "Employés",
            "Ouvriers", "Retraités", "Autres inactifs"],
    "animal": ["aucun", "chien", "chat", "chien et chat", "autre"],
    "magasin_prefere": LIEUX, "magasin": LIEUX, "rayon": RAYONS,
    "canal_acquisition": ["magasin", "site web", "parrainage", "salon", "réseaux sociaux"],
    "statut": ["accepté", "refusé", "en attente"],
    "secteur": ["paysagiste", "collectivité", "hôtellerie-restauration", "entreprise", "syndic"],
}
_CANAUX = {"transactions": ["magasin", "web"], "enquetes": ["magasin", "web"],
           "campagnes": ["email", "sms", "courrier"]}

# Type de chaque colonne : texte, date, booleen, entier, entier_na (entier avec cases vides), nombre, categorie.
_SCHEMA = {
    "clients": {"taille_foyer": "entier", "a_jardin": "booleen", "date_inscription": "date",
                "cout_acquisition": "nombre", "carte_fidelite": "booleen", "consentement_email": "booleen",
                "consentement_sms": "booleen", "consentement_courrier": "booleen", "optin_partenaires": "booleen",
                **dict.fromkeys(["civilite", "tranche_age", "csp", "animal", "magasin_prefere",
                                 "canal_acquisition"], "categorie")},
    "produits": {"rayon": "categorie", "famille": "categorie", "prix_vente_ttc": "nombre", "taux_tva": "nombre",
                 "prix_vente_ht": "nombre", "cout_achat_ht": "nombre"},
    "transactions": {"date": "date", "canal": "categorie", "magasin": "categorie", "rayon": "categorie",
                     "famille": "categorie", "quantite": "entier", "montant_ht": "nombre", "marge_ht": "nombre"},
    "campagnes": {"date_envoi": "date", "canal": "categorie", "variante": "categorie", "envois": "entier",
                  "ouvertures": "entier_na", "clics": "entier_na", "reponses": "entier", "commandes": "entier",
                  "ca_genere": "nombre", "marge_generee": "nombre", "cout": "nombre"},
    "contacts_campagnes": {"ouvert": "booleen", "clic": "booleen", "reponse": "booleen", "commande": "booleen",
                           "montant_commande": "nombre"},
    "devis": {"date_devis": "date", "vendeur": "categorie", "secteur": "categorie", "montant_devis_ht": "nombre",
              "statut": "categorie", "date_commande": "date", "montant_commande_ht": "nombre",
              "marge_commande_ht": "nombre"},
    "objectifs_vendeurs": {"vendeur": "categorie", "annee": "entier", "mois": "entier", "objectif_ca_ht": "nombre"},
    "prospection": {"vendeur": "categorie", **dict.fromkeys(["prospects_contactes", "rdv_obtenus",
                                                              "visites_realisees", "devis_emis", "commandes"],
                                                             "entier")},
    "enquetes": {"date": "date", "canal": "categorie", "note_satisfaction": "entier", "recommandation": "entier",
                 "magasin": "categorie"},
    "extrait_brut": {},
}


# --------------------------------------------------------------------------------------
# charger
# --------------------------------------------------------------------------------------

def dossier_donnees() -> Path:
    """Dossier des fichiers de données : ``$GRC_DONNEES`` s'il est défini, sinon celui livré avec ``grc``.

    Le paquet installé emporte les données (``grc/_ressources/datasets``) ; une installation
    éditable lit ``datasets/`` du dépôt (voir :mod:`grc.ressources`).

    >>> dossier_donnees().name
    'datasets'
    """
    autre = os.environ.get("GRC_DONNEES")
    return Path(autre).expanduser() if autre else ressources.dossier("datasets")


def _chemin(nom: str) -> Path:
    if nom not in TABLES:
        proches = difflib.get_close_matches(str(nom), TABLES, n=1)
        suggestion = f" Vouliez-vous dire '{proches[0]}' ?" if proches else ""
        raise ErreurDonnees(f"Table inconnue : {nom!r}.{suggestion} Tables disponibles : {', '.join(TABLES)}.")
    chemin = dossier_donnees() / f"{nom}.csv"
    if not chemin.is_file():
        raise ErreurDonnees(
            f"Fichier introuvable : {chemin}. Reconstruisez les données avec « python datasets/generer.py » "
            "ou vérifiez la variable d'environnement GRC_DONNEES."
        )
    return chemin


def _categorie(serie: pd.Series, ordre: list[str] | None) -> pd.Series:
    connues = list(ordre or [])
    autres = sorted(set(serie.dropna().unique()) - set(connues))
    return serie.astype(pd.CategoricalDtype(connues + autres, ordered=serie.name == "tranche_age"))


def _convertir(serie: pd.Series, genre: str, ordre: list[str] | None) -> pd.Series:
    if genre == "date":
        return pd.to_datetime(serie, format="%Y-%m-%d")
    if genre == "booleen":
        valeurs = serie.map({"True": True, "False": False})
        if valeurs.isna().any():
            raise ErreurDonnees(f"La colonne '{serie.name}' doit contenir True ou False dans chaque case.")
        return valeurs.astype(bool)
    if genre in ("entier", "entier_na", "nombre"):
        nombres = en_nombres(serie, str(serie.name))
        return nombres.astype({"entier": "int64", "entier_na": "Int64", "nombre": "float64"}[genre])
    if genre == "categorie":
        return _categorie(serie, ordre)
    return serie


@functools.lru_cache(maxsize=32)
def _lire(chemin: str, nom: str, _date_modification: float) -> pd.DataFrame:
    if nom == "extrait_brut":
        return pd.read_csv(chemin, sep=";", encoding="cp1252", dtype="str", keep_default_na=False, na_values=[""])
    table = pd.read_csv(chemin, dtype="str", keep_default_na=False, na_values=[""])
    ordres = dict(_ORDRES, canal=_CANAUX.get(nom))
    if "famille" in table.columns:  # ordre du catalogue : rayon par rayon
        catalogue = table if nom == "produits" else charger("produits")
        ordres["famille"] = [str(f) for f in pd.unique(catalogue["famille"].dropna())]
    for colonne, genre in _SCHEMA[nom].items():
        if colonne in table.columns:
            table[colonne] = _convertir(table[colonne], genre, ordres.get(colonne))
    return table


def charger(nom: str) -> pd.DataFrame:
    """Charge une table de l'enseigne Verdance, typée et prête à l'analyse.

    Dates en ``datetime64``, booléens en ``bool``, valeurs d'une liste fermée (rayon,
    magasin, canal...) en ``category``, identifiants et codes postaux en texte (les
    zéros initiaux sont gardés). ``"extrait_brut"`` est renvoyé BRUT : tout en texte,
    cases vides en ``NaN``, à nettoyer par vos soins. Chaque appel renvoie une copie :
    la modifier ne change pas les données des appels suivants.

    Parameters
    ----------
    nom : str
        Une des tables de :data:`TABLES` (``"clients"``, ``"transactions"``...).

    Returns
    -------
    pandas.DataFrame
        La table, une ligne par enregistrement ; colonnes décrites dans ``datasets/README.md``.

    Raises
    ------
    ErreurDonnees
        Si la table n'existe pas (le message liste les tables) ou si son fichier manque.

    Examples
    --------
    >>> clients = charger("clients")
    >>> str(clients["date_inscription"].dtype), str(clients["carte_fidelite"].dtype)
    ('datetime64[us]', 'bool')
    >>> charger("transactions")["rayon"].cat.categories[0]
    'Végétaux'
    >>> charger("client")
    Traceback (most recent call last):
    ...
    grc.validation.ErreurDonnees: Table inconnue : 'client'. Vouliez-vous dire 'clients' ? Tables disponibles : clients, produits, transactions, campagnes, contacts_campagnes, devis, objectifs_vendeurs, prospection, enquetes, extrait_brut.
    """
    chemin = _chemin(nom)
    return _lire(str(chemin.resolve()), nom, chemin.stat().st_mtime).copy()


def defauts_extrait_brut() -> dict:
    """Les comptes de défauts de ``extrait_brut`` calculés par le générateur (``extrait_brut_defauts.json``).

    >>> defauts = defauts_extrait_brut()
    >>> defauts["lignes"] == len(charger("extrait_brut"))
    True
    """
    chemin = dossier_donnees() / "extrait_brut_defauts.json"
    if not chemin.is_file():
        raise ErreurDonnees(f"Fichier introuvable : {chemin}. Reconstruisez-le avec « python datasets/generer.py ».")
    return json.loads(chemin.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------
# lire_export
# --------------------------------------------------------------------------------------

_ENCODAGES = {"utf-8-sig": "UTF-8 avec BOM (Excel « CSV UTF-8 »)", "utf-8": "UTF-8",
              "cp1252": "cp1252 (Windows, Excel « CSV séparateur point-virgule »)", "latin-1": "latin-1"}
_SEPARATEURS = {";": "point-virgule « ; »", ",": "virgule « , »", "\t": "tabulation"}
_MOTIF_NOMBRE = re.compile(r"^[+-]?(\d{1,3}([ \u00a0\u202f.]\d{3})+|\d+)([.,]\d+)?$|^[+-]?[.,]\d+$")
_MOTIF_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})([ T]\d{1,2}:\d{2}(:\d{2})?)?$")
_MOTIF_IDENTIFIANT = re.compile(r"(^|_)(id|code|cp|postal|tel|telephone|portable|siret|siren|iban|ref|reference|"
                                r"numero|num|no|email|mail)(_|$)")
_BOOLEENS = {"oui": True, "non": False, "vrai": True, "faux": False, "true": True, "false": False}


def _sans_accents(texte: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", texte) if unicodedata.category(c) != "Mn")


def _decoder(octets: bytes) -> tuple[str, str]:
    """Devine l'encodage : BOM UTF-8, sinon UTF-8 strict, sinon cp1252 (Excel Windows), sinon latin-1."""
    if octets.startswith(b"\xef\xbb\xbf"):
        return octets.decode("utf-8-sig"), "utf-8-sig"
    for encodage in ("utf-8", "cp1252"):
        try:
            return octets.decode(encodage), encodage
        except UnicodeDecodeError:
            continue
    return octets.decode("latin-1"), "latin-1"


def _separateur(texte: str) -> str:
    """Le séparateur le plus fréquent de la ligne d'en-tête (hors guillemets) : ``;``, tabulation ou ``,``."""
    entete = next((ligne for ligne in texte.splitlines() if ligne.strip()), "")
    entete = re.sub(r'"[^"]*"', "", entete)
    comptes = {sep: entete.count(sep) for sep in (";", "\t", ",")}
    meilleur = max(comptes, key=comptes.get)
    return meilleur if comptes[meilleur] else ","


def _est_identifiant(nom: str, valeurs: pd.Series) -> bool:
    """Codes, identifiants, téléphones, codes postaux : à garder en texte (zéros initiaux)."""
    simple = re.sub(r"[^a-z0-9]+", "_", _sans_accents(str(nom)).lower())
    return bool(_MOTIF_IDENTIFIANT.search(simple)) or bool(valeurs.str.match(r"^0\d").any())


def _vers_nombres(serie: pd.Series, nom: str) -> pd.Series:
    texte = serie.astype("string").str.strip().str.replace("€", "", regex=False).str.strip()
    milliers_points = texte.str.match(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$").fillna(False)
    texte = texte.where(~milliers_points, texte.str.replace(".", "", regex=False))
    nombres = en_nombres(texte, nom)
    entiers = not texte.str.contains(r"[.,]", regex=True).fillna(False).any()
    if entiers and nombres.notna().all() and (nombres == nombres.round()).all():
        return nombres.astype("int64")
    return nombres


def _vers_dates(serie: pd.Series, nom: str) -> pd.Series:
    texte = serie.astype("string").str.strip()
    # JJ/MM/AAAA HH:MM → AAAA-MM-JJ HH:MM:SS, que en_dates sait lire
    texte = texte.str.replace(r"^(\d{1,2})/(\d{1,2})/(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$",
                              lambda m: f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d} {int(m[4]):02d}:{m[5]}:{m[6] or '00'}",
                              regex=True)
    texte = texte.str.replace(r"^(\d{4}-\d{2}-\d{2})T", r"\1 ", regex=True)
    texte = texte.str.replace(r"^(\d{4}-\d{2}-\d{2} \d{1,2}:\d{2})$", r"\1:00", regex=True)
    return en_dates(texte, nom).astype("datetime64[us]")


def _genre(nom: str, serie: pd.Series, dates: set, nombres: set, textes: set) -> str:
    """Type à donner à une colonne de texte : ``date``, ``nombre``, ``booleen`` ou ``texte``."""
    if nom in textes:
        return "texte"
    if nom in dates:
        return "date"
    if nom in nombres:
        return "nombre"
    valeurs = serie.dropna().astype("string").str.strip()
    valeurs = valeurs[valeurs != ""]
    if valeurs.empty:
        return "texte"
    if "date" in _sans_accents(str(nom)).lower() or valeurs.str.match(_MOTIF_DATE).all():
        return "date"
    if _est_identifiant(nom, valeurs):
        return "texte"
    if valeurs.str.replace("€", "", regex=False).str.strip().str.match(_MOTIF_NOMBRE).all():
        return "nombre"
    if valeurs.str.lower().isin(list(_BOOLEENS)).all():
        return "booleen"
    return "texte"


def _convertir_colonne(serie: pd.Series, colonne: str, genre: str) -> pd.Series:
    """Convertit une colonne lue en texte vers son type ; une valeur illisible lève une erreur utile."""
    try:
        if genre == "date":
            return _vers_dates(serie, colonne)
        if genre == "nombre":
            return _vers_nombres(serie, colonne)
    except ErreurDonnees as erreur:
        raise ErreurDonnees(f"{erreur} Pour garder cette colonne en texte et la nettoyer vous-même : "
                            f"lire_export(..., textes=[{colonne!r}]).") from None
    if genre == "booleen":
        return serie.astype("string").str.strip().str.lower().map(_BOOLEENS).astype("boolean")
    return serie.astype("str").where(serie.notna())


def _lire_brut(chemin: Path, feuille: int | str) -> tuple[pd.DataFrame, dict]:
    """Lit le fichier sans rien convertir ; renvoie la table et ce qu'on a deviné du format."""
    if chemin.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        try:
            table = pd.read_excel(chemin, sheet_name=feuille, dtype=object)
        except ValueError as erreur:
            raise ErreurDonnees(f"Impossible de lire la feuille {feuille!r} de {chemin.name} : {erreur}") from None
        for colonne in table.columns:  # cellules toutes numériques ou toutes dates : typées par Excel
            valeurs = table[colonne].dropna()
            if len(valeurs) and valeurs.map(lambda v: isinstance(v, int | float) and not isinstance(v, bool)).all():
                table[colonne] = pd.to_numeric(table[colonne])
            elif len(valeurs) and valeurs.map(lambda v: isinstance(v, datetime.datetime)).all():
                table[colonne] = pd.to_datetime(table[colonne]).astype("datetime64[us]")
        return table, {"format": f"Excel, feuille {feuille!r}" if isinstance(feuille, str) else
                       f"Excel, feuille n° {feuille + 1}"}
    texte, encodage = _decoder(chemin.read_bytes())
    separateur = _separateur(texte)
    table = pd.read_csv(io.StringIO(texte), sep=separateur, dtype="str", keep_default_na=False, na_values=[""],
                        skip_blank_lines=False)
    return table, {"format": "CSV", "encodage": encodage, "separateur": separateur}


def _rapport(chemin: Path, infos: dict) -> str:
    lignes = [f"Lecture de « {chemin.name} » ({infos['format']})"]
    if "encodage" in infos:
        lignes.append(f"  Encodage : {_ENCODAGES[infos['encodage']]}")
        lignes.append(f"  Séparateur : {_SEPARATEURS.get(infos['separateur'], repr(infos['separateur']))}")
    vides = f" ; {infos['lignes_vides']} ligne(s) vide(s) ignorée(s)" if infos["lignes_vides"] else ""
    lignes.append(f"  {infos['lignes']} ligne(s), {infos['nb_colonnes']} colonne(s){vides}")
    if infos["colonnes_vides"]:
        lignes.append(f"  Colonnes vides ignorées : {', '.join(infos['colonnes_vides'])}")
    libelles = {"nombres": "Converties en nombres (virgule décimale acceptée)",
                "dates": "Converties en dates (JJ/MM/AAAA ou AAAA-MM-JJ)",
                "booleens": "Converties en booléens (oui/non, vrai/faux)",
                "deja_typees": "Déjà typées par Excel", "textes": "Laissées en texte"}
    for cle, libelle in libelles.items():
        if infos[cle]:
            lignes.append(f"  {libelle} : {', '.join(infos[cle])}")
    return "\n".join(lignes)


def lire_export(chemin: str | Path, *, feuille: int | str = 0, dates: list[str] | None = None,
                nombres: list[str] | None = None, textes: list[str] | None = None,
                afficher: bool = True) -> pd.DataFrame:
    """Lit un export CSV ou Excel « à la française » et dit ce qu'il a converti.

    Pour un CSV, l'encodage (UTF-8 avec BOM, UTF-8, cp1252 de Windows) et le séparateur
    (``;``, ``,`` ou tabulation, le plus fréquent de la ligne d'en-tête) sont devinés.
    Chaque colonne de texte est ensuite convertie si toutes ses valeurs s'y prêtent :

    - en **dates** si son nom contient « date » ou si toutes ses valeurs sont des dates
      (``15/03/2024``, ``2024-03-15``, avec ou sans heure) ; une date illisible dans une
      telle colonne est une erreur, jamais une case vidée en silence ;
    - en **nombres** si toutes ses valeurs sont des nombres (``12,5``, ``1 234,56``,
      ``1.234,56``, ``12 €``) : entiers s'il n'y a aucune décimale ;
    - en **booléens** si elle ne contient que oui/non, vrai/faux ou true/false ;
    - les codes (nom contenant id, code, cp, tel, email..., ou valeurs à zéro initial
      comme ``06000``) restent en texte.

    Les lignes entièrement vides sont ignorées et comptées. Le rapport, en français,
    est affiché (``afficher=True``) et rangé dans ``table.attrs["rapport"]`` ; le
    détail est dans ``table.attrs["conversions"]``.

    Parameters
    ----------
    chemin : str ou Path
        Fichier ``.csv`` (ou ``.txt``) ou classeur ``.xlsx``.
    feuille : int ou str, défaut 0
        Feuille à lire dans un classeur Excel (numéro à partir de 0, ou nom).
    dates, nombres, textes : list de str, facultatif
        Colonnes à convertir de force en dates, en nombres, ou à laisser en texte.
    afficher : bool, défaut True
        Affiche le rapport de lecture.

    Returns
    -------
    pandas.DataFrame
        La table convertie ; ``attrs["rapport"]`` (texte) et ``attrs["conversions"]`` (dict).

    Raises
    ------
    ErreurDonnees
        Fichier absent, date ou nombre illisible dans une colonne à convertir (le message
        nomme la colonne et la valeur fautive).

    Examples
    --------
    >>> import tempfile
    >>> fichier = Path(tempfile.mkdtemp()) / "ventes.csv"
    >>> _ = fichier.write_bytes("client;date;montant\\nC01;15/03/2024;12,5\\n\\nC02;16/03/2024;1 234,56\\n".encode("cp1252"))
    >>> ventes = lire_export(fichier)
    Lecture de « ventes.csv » (CSV)
      Encodage : UTF-8
      Séparateur : point-virgule « ; »
      2 ligne(s), 3 colonne(s) ; 1 ligne(s) vide(s) ignorée(s)
      Converties en nombres (virgule décimale acceptée) : montant
      Converties en dates (JJ/MM/AAAA ou AAAA-MM-JJ) : date
      Laissées en texte : client
    >>> ventes["montant"].tolist()
    [12.5, 1234.56]
    >>> ventes["date"].dt.day.tolist()
    [15, 16]
    """
    chemin = Path(chemin)
    if not chemin.is_file():
        raise ErreurDonnees(f"Fichier introuvable : {chemin}. Vérifiez le nom et le dossier (chemin relatif au carnet).")
    table, infos = _lire_brut(chemin, feuille)
    table.columns = [str(c).strip().lstrip("\ufeff") for c in table.columns]
    vides = table.isna().all(axis=1) | table.astype("string").apply(lambda s: s.str.strip().eq("")).all(axis=1)
    table = table[~vides].reset_index(drop=True)
    colonnes_vides = [c for c in table.columns if c.startswith("Unnamed") and table[c].isna().all()]
    table = table.drop(columns=colonnes_vides)
    infos.update(lignes=len(table), nb_colonnes=table.shape[1], lignes_vides=int(vides.sum()),
                 colonnes_vides=colonnes_vides, nombres=[], dates=[], booleens=[], deja_typees=[], textes=[])
    forcees = (set(dates or []), set(nombres or []), set(textes or []))
    for colonne in table.columns:
        serie = table[colonne]
        if pd.api.types.is_numeric_dtype(serie) or pd.api.types.is_datetime64_any_dtype(serie):
            if colonne not in forcees[0] | forcees[2]:
                infos["deja_typees"].append(colonne)
                continue
        genre = _genre(colonne, serie, *forcees)
        table[colonne] = _convertir_colonne(serie, colonne, genre)
        infos[{"date": "dates", "nombre": "nombres", "booleen": "booleens", "texte": "textes"}[genre]].append(colonne)
    table.attrs["rapport"] = _rapport(chemin, infos)
    table.attrs["conversions"] = infos
    if afficher:
        print(table.attrs["rapport"])
    return table


# --------------------------------------------------------------------------------------
# verifier_colonnes
# --------------------------------------------------------------------------------------

_LIBELLES_TYPES = {"nombre": "des nombres", "date": "des dates", "texte": "du texte", "booleen": "des booléens"}
_CONSEILS = {
    "nombre": "Convertissez-la avec grc.validation.en_nombres (qui accepte la virgule décimale) "
              "ou relisez le fichier avec grc.donnees.lire_export.",
    "date": "Convertissez-la avec grc.validation.en_dates (AAAA-MM-JJ ou JJ/MM/AAAA) "
            "ou relisez le fichier avec grc.donnees.lire_export.",
    "texte": "Convertissez-la avec table[colonne].astype(str).",
    "booleen": "Convertissez-la, par exemple avec table[colonne] == 'oui'.",
}


def _type_de(serie: pd.Series) -> str:
    """Le type d'une colonne dans le vocabulaire du cours."""
    if pd.api.types.is_bool_dtype(serie):
        return "booleen"
    if pd.api.types.is_numeric_dtype(serie):
        return "nombre"
    if pd.api.types.is_datetime64_any_dtype(serie):
        return "date"
    if isinstance(serie.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(serie):
        return "texte"
    if serie.dtype == object and serie.dropna().map(lambda v: isinstance(v, str)).all():
        return "texte"
    return f"mélangé ({serie.dtype})"


def verifier_colonnes(table: pd.DataFrame, attendues: dict[str, str], nom: str = "la table") -> pd.DataFrame:
    """Vérifie la présence ET le type des colonnes d'une table ; erreur française sinon.

    Types possibles : ``"nombre"`` (entiers ou décimaux), ``"date"`` (``datetime64``),
    ``"texte"`` (chaînes ou catégories), ``"booleen"``. La présence des colonnes et
    le fait que la table n'est pas vide sont contrôlés par
    :func:`grc.validation.verifier_table`.

    Parameters
    ----------
    table : pandas.DataFrame
        La table à contrôler.
    attendues : dict
        ``{colonne: type}``, par exemple ``{"date": "date", "montant_ht": "nombre"}``.
    nom : str, défaut "la table"
        Comment désigner la table dans les messages.

    Returns
    -------
    pandas.DataFrame
        La table elle-même, inchangée (pour enchaîner).

    Raises
    ------
    ErreurDonnees
        Colonne manquante, ou mal typée : le message nomme chaque colonne fautive, le type
        attendu, le type trouvé et comment convertir.

    Examples
    --------
    >>> ventes = pd.DataFrame({"client_id": ["C1"], "montant_ht": ["12,5"]})
    >>> verifier_colonnes(ventes, {"client_id": "texte"}).shape
    (1, 2)
    >>> verifier_colonnes(ventes, {"montant_ht": "nombre"})
    Traceback (most recent call last):
    ...
    grc.validation.ErreurDonnees: La colonne 'montant_ht' de la table devrait contenir des nombres (type attendu : nombre), mais elle contient du texte. Convertissez-la avec grc.validation.en_nombres (qui accepte la virgule décimale) ou relisez le fichier avec grc.donnees.lire_export.
    """
    inconnus = {c: t for c, t in attendues.items() if t not in _LIBELLES_TYPES}
    if inconnus:
        colonne, genre = next(iter(inconnus.items()))
        raise ErreurDonnees(f"Type inconnu {genre!r} pour la colonne '{colonne}' : choisissez parmi "
                            f"{', '.join(_LIBELLES_TYPES)}.")
    verifier_table(table, list(attendues), nom)
    erreurs = []
    for colonne, attendu in attendues.items():
        trouve = _type_de(table[colonne])
        if trouve != attendu:
            libelle = _LIBELLES_TYPES.get(trouve, f"des valeurs de type {trouve}")
            libelle = "du texte" if trouve == "texte" else libelle
            erreurs.append(f"La colonne '{colonne}' de {nom} devrait contenir {_LIBELLES_TYPES[attendu]} "
                           f"(type attendu : {attendu}), mais elle contient {libelle}. {_CONSEILS[attendu]}")
    if erreurs:
        raise ErreurDonnees("\n".join(erreurs))
    return table
