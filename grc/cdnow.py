"""Les données réelles CDNOW : les achats de 23 570 clients d'un disquaire en ligne (1997-1998).

**Origine.** CDNOW était un disquaire en ligne américain. Le jeu de données suit la cohorte des
23 570 clients qui ont fait leur **premier achat au premier trimestre 1997**, et tous leurs achats
jusqu'au 30 juin 1998 (une ligne par achat : client, jour, nombre de CD, montant en dollars).
Peter Fader et Bruce Hardie l'ont diffusé pour la recherche et l'enseignement (site de Bruce
Hardie, rubrique *datasets*), et s'en servent dans leurs articles, dont celui du modèle BG/NBD
(Fader, Hardie et Lee, 2005, *Marketing Science* 24(2), 275-284), qui travaille sur un
échantillon d'un client sur dix (2 357 clients).

**Licence.** Le fichier n'est accompagné d'aucune licence explicite : le cours ne le copie donc
pas dans son dépôt. Il le lit dans le paquet Python ``lifetimes`` (licence MIT pour son code),
qui l'embarque dans son sous-dossier ``datasets`` : ``CDNOW_master.txt`` (la cohorte complète)
et ``CDNOW_sample.txt`` (l'échantillon 1/10 de l'article). Installez-le avec
``pip install lifetimes``.

On n'importe pas ``lifetimes.datasets``, qui dépend de ``pkg_resources`` (absent des
environnements Python récents) : on lit les fichiers dans le dossier du paquet installé, sans l'importer.
"""

from __future__ import annotations

import importlib
import importlib.util
import warnings
from pathlib import Path
from types import ModuleType

import pandas as pd

from grc.validation import ErreurDonnees

__all__ = [
    "DATE_REFERENCE",
    "DEBUT",
    "FIN",
    "FIN_CALIBRATION",
    "FORMAT_DOLLARS",  # noqa: F822 (créé au premier usage, voir __getattr__)
    "PUBLIES",
    "charger_cdnow",
    "chemin_cdnow",
    "dollars",
    "importer_lifetimes",
]

DEBUT = pd.Timestamp("1997-01-01")
"""Premier jour des données (début de la semaine 1)."""
FIN_CALIBRATION = pd.Timestamp("1997-09-30")
"""Dernier jour de la période de calibration des articles : les 39 premières semaines."""
FIN = pd.Timestamp("1998-06-30")
"""Dernier jour des données : la fin de la semaine 78 (39 semaines de contrôle après la calibration)."""
DATE_REFERENCE = pd.Timestamp("1998-07-01")
"""Date de référence des analyses RFM sur CDNOW : le lendemain de la dernière date des données."""

PUBLIES = {
    "bgnbd": {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426},
    "bgnbd_log_vraisemblance": -9582.4,
    "gamma_gamma": {"p": 6.25, "q": 3.74, "gamma": 15.44},
    "gamma_gamma_log_vraisemblance": -4055.92,
}
"""Valeurs publiées pour l'échantillon CDNOW (2 357 clients, calibration de 39 semaines).

BG/NBD : Fader, Hardie et Lee (2005), « "Counting Your Customers" the Easy Way: An Alternative
to the Pareto/NBD Model », *Marketing Science* 24(2), 275-284. Gamma-Gamma : Fader et Hardie
(2013), « The Gamma-Gamma Model of Monetary Value », note technique (site de Bruce Hardie),
qui ajuste le modèle de Fader, Hardie et Lee (2005), « RFM and CLV: Using Iso-Value Curves for
Customer Base Analysis », *Journal of Marketing Research* 42(4), 415-430.
"""

_FICHIERS = {False: "CDNOW_master.txt", True: "CDNOW_sample.txt"}
_COLONNES = {False: ["client_id", "date", "nb_cd", "montant"],
             True: ["client_id", "numero_echantillon", "date", "nb_cd", "montant"]}


def importer_lifetimes() -> ModuleType:
    """Importe le paquet ``lifetimes``, ou lève une erreur française qui dit comment l'installer.

    L'avertissement Pandas4Warning qu'émet lifetimes 0.11.3 à l'import sous pandas 3 (une
    option devenue sans effet) est sans conséquence : il est masqué.

    >>> importer_lifetimes().__version__
    '0.11.3'
    """
    if importlib.util.find_spec("lifetimes") is None:
        raise ModuleNotFoundError(
            "Le paquet Python « lifetimes » n'est pas installé : il fournit les données CDNOW et les modèles "
            "BG/NBD et Gamma-Gamma. Installez-le avec « pip install lifetimes » (dans un carnet : "
            "« %pip install lifetimes »), puis redémarrez le noyau.",
            name="lifetimes",
        )
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module="lifetimes")
        return importlib.import_module("lifetimes")


def chemin_cdnow(echantillon: bool = False) -> Path:
    """Chemin du fichier CDNOW livré avec le paquet ``lifetimes`` installé.

    Parameters
    ----------
    echantillon : bool
        ``False`` : la cohorte complète (``CDNOW_master.txt``) ; ``True`` : l'échantillon d'un
        client sur dix de l'article BG/NBD (``CDNOW_sample.txt``).

    Examples
    --------
    >>> chemin_cdnow().name
    'CDNOW_master.txt'
    """
    spec = importlib.util.find_spec("lifetimes")
    if spec is None or not spec.submodule_search_locations:
        importer_lifetimes()  # l'erreur française qui dit comment l'installer
    # Lire un fichier du paquet ne demande pas de l'importer (lifetimes tire scipy et autograd).
    dossier = Path(list(spec.submodule_search_locations)[0]) / "datasets"
    chemin = dossier / _FICHIERS[bool(echantillon)]
    if not chemin.is_file():
        raise ErreurDonnees(
            f"Le fichier {chemin.name} est introuvable dans le paquet lifetimes installé ({chemin.parent}). "
            "Réinstallez-le avec « pip install --force-reinstall lifetimes==0.11.3 »."
        )
    return chemin


def _sauter_entete(chemin: Path) -> int:
    """1 si la première ligne est un en-tête (des lettres, comme l'ajoute lifetimes), 0 sinon."""
    with open(chemin, encoding="ascii") as fichier:
        premiere = fichier.readline()
    return int(any(caractere.isalpha() for caractere in premiere))


def charger_cdnow(echantillon: bool = False) -> pd.DataFrame:
    """Charge les achats CDNOW : une ligne par achat, typée.

    Colonnes : ``client_id`` (texte de 5 chiffres, « 00001 »), ``date`` (jour de l'achat),
    ``nb_cd`` (nombre de CD achetés, entier), ``montant`` (en dollars US de l'époque). Avec
    ``echantillon=True``, la colonne ``numero_echantillon`` (1 à 2 357) donne en plus le numéro du
    client dans l'échantillon de l'article, celui des résumés publiés ; ``client_id`` reste
    l'identifiant de la cohorte complète, dont l'échantillon reprend exactement les lignes.

    Le fichier est lu tel quel : les lignes en double et les montants nuls sont gardés (voir la
    leçon 11 : on ne sait pas les distinguer de vrais achats, et les articles les gardent).

    Parameters
    ----------
    echantillon : bool
        ``False`` (par défaut) : les 69 659 achats des 23 570 clients ; ``True`` : les 6 919 achats
        des 2 357 clients de l'échantillon 1/10.

    Returns
    -------
    DataFrame
        Triée comme le fichier (par client, puis par date).

    Examples
    --------
    >>> cdnow = charger_cdnow()
    >>> len(cdnow), cdnow["client_id"].nunique()
    (69659, 23570)
    >>> cdnow.dtypes.astype(str).to_dict()
    {'client_id': 'str', 'date': 'datetime64[us]', 'nb_cd': 'int64', 'montant': 'float64'}
    >>> charger_cdnow(echantillon=True)["numero_echantillon"].max()
    np.int64(2357)
    """
    chemin = chemin_cdnow(echantillon)
    colonnes = _COLONNES[bool(echantillon)]
    table = pd.read_csv(
        chemin, sep=r"\s+", header=None, names=colonnes, skiprows=_sauter_entete(chemin),
        dtype={"client_id": "str", "numero_echantillon": "int64", "date": "str", "nb_cd": "int64",
               "montant": "float64"},
    )
    dates = pd.to_datetime(table["date"], format="%Y%m%d", errors="coerce")
    if dates.isna().any() or (table["montant"] < 0).any():
        raise ErreurDonnees(
            f"Le fichier {chemin.name} ne ressemble pas au fichier CDNOW attendu (date illisible ou montant "
            "négatif) : réinstallez lifetimes."
        )
    return table.assign(date=dates.astype("datetime64[us]"))


def dollars(valeur: float, decimales: int = 0) -> str:
    """Écrit un montant en dollars, à la française (les montants CDNOW sont en dollars US).

    >>> dollars(1234.5, 2)
    '1 234,50 $'
    """
    from grc.graphiques import nombre_fr  # matplotlib et seaborn : seulement pour écrire ou tracer

    return f"{nombre_fr(valeur, decimales)} $"


def __getattr__(nom: str):
    """``FORMAT_DOLLARS`` : formateur d'axe matplotlib, ``ax.yaxis.set_major_formatter(FORMAT_DOLLARS)``.

    Créé au premier usage, pour que lire les données CDNOW n'importe pas matplotlib.
    """
    if nom == "FORMAT_DOLLARS":
        from matplotlib.ticker import FuncFormatter

        globals()["FORMAT_DOLLARS"] = formateur = FuncFormatter(lambda v, _: dollars(v))
        return formateur
    raise AttributeError(f"module {__name__!r} has no attribute {nom!r}")
