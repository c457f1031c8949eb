"""Techniques de vente : grilles SONCAS, CAP et CRAC, étapes de la prospection, entonnoir de prospection.

Deux sortes d'outils :

- les **grilles** du vendeur, sous forme de tables à lire ou à imprimer :
  :func:`tableau_soncas` (les mobiles d'achat, avec ou sans l'écologie),
  :func:`tableau_cap`, :func:`tableau_crac` (traiter une objection) et
  :func:`tableau_prospection` (les six étapes de la prospection) ;
- l'**entonnoir de prospection** et ses ratios de productivité, calculés sur
  une table d'activité (une ligne par vendeur et par mois, comme la table
  ``prospection`` de Verdance) : :func:`entonnoir_prospection`,
  :func:`entonnoir_long` (pour les graphiques), :func:`simuler_entonnoir` et
  :func:`contacts_necessaires` (dimensionner un plan de prospection).

Voir la leçon « 09 · Techniques de vente ».
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence

import pandas as pd

from grc.indicateurs import diviser
from grc.validation import ErreurDonnees, en_nombres, verifier_table

__all__ = [
    "ETAPES_CAP",
    "ETAPES_CRAC",
    "ETAPES_ENTONNOIR",
    "ETAPES_PROSPECTION",
    "LIBELLES_ENTONNOIR",
    "LIBELLES_TAUX",
    "SONCAS",
    "SONCASE",
    "contacts_necessaires",
    "entonnoir_long",
    "entonnoir_prospection",
    "mobile_soncas",
    "simuler_entonnoir",
    "tableau_cap",
    "tableau_crac",
    "tableau_prospection",
    "tableau_soncas",
]

#: Les six mobiles d'achat de la grille SONCAS, dans l'ordre du sigle.
SONCAS: tuple[str, ...] = ("sécurité", "orgueil", "nouveauté", "confort", "argent", "sympathie")
#: La variante SONCASE : les six mobiles plus l'écologie (environnement, santé, local).
SONCASE: tuple[str, ...] = (*SONCAS, "écologie")
#: Les trois temps d'un argument CAP.
ETAPES_CAP: tuple[str, ...] = ("caractéristique", "avantage", "preuve")
#: Les quatre temps du traitement d'une objection (méthode CRAC).
ETAPES_CRAC: tuple[str, ...] = ("creuser", "reformuler", "argumenter", "conclure")
#: Les six étapes de la prospection, dans l'ordre.
ETAPES_PROSPECTION: tuple[str, ...] = (
    "ciblage", "fichier", "prise de rendez-vous", "préparation", "visite", "suivi",
)
#: Les cinq étages de l'entonnoir de prospection (noms des colonnes produites).
ETAPES_ENTONNOIR: tuple[str, ...] = ("contacts", "rdv", "visites", "devis", "commandes")
#: Libellés français des étages, pour les graphiques.
LIBELLES_ENTONNOIR: dict[str, str] = {
    "contacts": "Prospects contactés",
    "rdv": "Rendez-vous obtenus",
    "visites": "Visites réalisées",
    "devis": "Devis émis",
    "commandes": "Commandes",
}
#: Chaque taux de passage : (nom de colonne, étage de départ, étage d'arrivée, libellé).
_TAUX: tuple[tuple[str, str, str], ...] = (
    ("taux_rdv", "contacts", "rdv"),
    ("taux_visite", "rdv", "visites"),
    ("taux_devis", "visites", "devis"),
    ("taux_transformation", "devis", "commandes"),
)
#: Libellés français des ratios produits par :func:`entonnoir_prospection`.
LIBELLES_TAUX: dict[str, str] = {
    "taux_rdv": "Taux de prise de rendez-vous (rdv / contacts)",
    "taux_visite": "Taux de réalisation des rendez-vous (visites / rdv)",
    "taux_devis": "Taux de devis (devis / visites)",
    "taux_transformation": "Taux de transformation (commandes / devis)",
    "taux_global": "Taux de concrétisation (commandes / contacts)",
    "contacts_par_commande": "Contacts pour une commande",
    "visites_par_commande": "Visites pour une commande",
}

_SONCAS = [
    ("S", "sécurité", "Éviter le risque : être rassuré sur la fiabilité, la garantie, le service après-vente.",
     "« Et si la haie ne reprend pas, vous faites quoi ? »",
     "Garantie de reprise, références, label, savoir-faire de l'enseigne."),
    ("O", "orgueil", "Être valorisé, se distinguer, montrer qu'on a choisi le meilleur.",
     "« Je veux la terrasse dont tout le quartier va parler. »",
     "Exclusivité, haut de gamme, pièce rare, reconnaissance du bon goût du client."),
    ("N", "nouveauté", "Découvrir, essayer l'inédit, suivre les tendances.",
     "« Qu'est-ce que vous avez reçu de nouveau cette saison ? »",
     "Nouvelle variété, innovation technique, tendance de l'année."),
    ("C", "confort", "Se simplifier la vie : moins d'efforts, moins de temps, plus de facilité.",
     "« Je n'ai pas le temps d'arroser tous les soirs. »",
     "Facilité d'usage, entretien réduit, livraison, installation, service."),
    ("A", "argent", "Dépenser moins, faire une bonne affaire, rentabiliser l'achat.",
     "« Combien ça me coûte vraiment sur cinq ans ? »",
     "Coût d'usage, durée de vie, promotion, économies réalisées, facilités de paiement."),
    ("S", "sympathie", "Acheter à quelqu'un en qui on a confiance, avoir plaisir à être servi.",
     "« Je viens chez vous parce que vous prenez le temps de me conseiller. »",
     "Écoute, conseil personnalisé, relation suivie, attention au client."),
    ("E", "écologie", "Respecter l'environnement et la santé, acheter local, durable, sans gaspillage.",
     "« Je ne veux plus de produits chimiques dans mon potager. »",
     "Labels (bio, écologiques), origine locale, réparabilité, recyclage."),
]

#: Synonymes acceptés pour un mobile (en plus du nom et de la lettre).
_SYNONYMES = {"environnement": "écologie", "ecologique": "écologie", "prix": "argent", "economie": "argent",
              "securite": "sécurité", "fierte": "orgueil", "nouveaute": "nouveauté", "commodite": "confort"}


def _normaliser(texte: str) -> str:
    """Minuscules, sans accents ni espaces superflus : « Sécurité » → « securite »."""
    decompose = unicodedata.normalize("NFKD", str(texte))
    return " ".join("".join(c for c in decompose if not unicodedata.combining(c)).lower().split())


def tableau_soncas(ecologie: bool = True) -> pd.DataFrame:
    """La grille des mobiles d'achat SONCAS (ou SONCASE avec l'écologie), une ligne par mobile.

    Colonnes : ``lettre``, ``mobile``, ``le_client_cherche``, ``le_client_dit`` (une phrase type
    entendue en jardinerie) et ``arguments_qui_portent``.

    Parameters
    ----------
    ecologie : bool
        Ajoute la septième ligne, « écologie » (grille SONCASE). Par défaut ``True``.

    Examples
    --------
    >>> "".join(tableau_soncas(ecologie=False)["lettre"])
    'SONCAS'
    >>> tableau_soncas()["mobile"].iloc[-1]
    'écologie'
    """
    lignes = _SONCAS if ecologie else _SONCAS[:-1]
    return pd.DataFrame(lignes, columns=["lettre", "mobile", "le_client_cherche", "le_client_dit",
                                         "arguments_qui_portent"])


def mobile_soncas(reponse: object, ecologie: bool = True) -> str:
    """Ramène une réponse libre (« S », « Sécurité », « securite », « E ») au nom d'un mobile.

    La lettre « S » est ambiguë (sécurité ou sympathie) : elle est refusée.

    Raises
    ------
    ErreurDonnees
        Si la réponse n'est pas un mobile de la grille, avec la liste des mobiles permis.

    Examples
    --------
    >>> mobile_soncas("Securite")
    'sécurité'
    >>> mobile_soncas("c")
    'confort'
    """
    grille = SONCASE if ecologie else SONCAS
    texte = _normaliser(str(reponse))
    noms = {_normaliser(m): m for m in grille}
    lettres = {"o": "orgueil", "n": "nouveauté", "c": "confort", "a": "argent", "e": "écologie"}
    synonymes = {_normaliser(k): v for k, v in _SYNONYMES.items()}
    if texte == "s":
        raise ErreurDonnees("La lettre « S » est ambiguë (sécurité ou sympathie) : écrivez le mobile en entier.")
    mobile = noms.get(texte) or lettres.get(texte) or synonymes.get(texte)
    if mobile is None or mobile not in grille:
        raise ErreurDonnees(f"« {reponse} » n'est pas un mobile de la grille. Mobiles permis : {', '.join(grille)}.")
    return mobile


def tableau_cap() -> pd.DataFrame:
    """Les trois temps d'un argument CAP, avec un exemple sur un récupérateur d'eau de pluie.

    Examples
    --------
    >>> tableau_cap()["etape"].tolist()
    ['caractéristique', 'avantage', 'preuve']
    """
    return pd.DataFrame(
        [
            ("caractéristique", "Ce qu'est le produit : un fait technique, objectif, vérifiable.",
             "Cette cuve contient 500 litres et se branche sur la descente de gouttière."),
            ("avantage", "Ce que ce fait apporte au client, formulé pour son mobile d'achat.",
             "Vous arrosez tout l'été avec l'eau du toit, sans toucher à votre facture d'eau."),
            ("preuve", "Ce qui rend l'avantage crédible : démonstration, chiffre, label, témoignage, garantie.",
             "Sur la fiche technique : 500 L récupérés avec 10 mm de pluie sur 50 m² de toit ; garantie 5 ans."),
        ],
        columns=["etape", "role", "exemple"],
    )


def tableau_crac() -> pd.DataFrame:
    """Les quatre temps du traitement d'une objection (CRAC), avec leur but et une phrase type.

    Examples
    --------
    >>> tableau_crac()["etape"].tolist()
    ['creuser', 'reformuler', 'argumenter', 'conclure']
    """
    return pd.DataFrame(
        [
            ("creuser", "Comprendre l'objection réelle par des questions ouvertes, sans la contredire.",
             "« Trop cher par rapport à quoi ? Qu'aviez-vous prévu comme budget ? »"),
            ("reformuler", "Redire l'objection avec ses mots pour montrer qu'on a compris et obtenir un « oui ».",
             "« Si je vous suis bien, c'est l'écart avec le devis de l'an dernier qui vous gêne ? »"),
            ("argumenter", "Répondre par un argument CAP choisi selon le mobile du client.",
             "« Ce gazon de placage s'installe en un jour, et il est garanti un an : pas de semis raté. »"),
            ("conclure", "Vérifier que l'objection est levée (contrôler), puis faire avancer la vente.",
             "« Cela répond-il à votre question ? Alors, je vous propose la pose pour mardi. »"),
        ],
        columns=["etape", "but", "exemple"],
    )


def tableau_prospection() -> pd.DataFrame:
    """Les six étapes de la prospection, ce qu'on y fait et l'indicateur qui la suit.

    Examples
    --------
    >>> tableau_prospection()["etape"].tolist()[:3]
    ['ciblage', 'fichier', 'prise de rendez-vous']
    """
    return pd.DataFrame(
        [
            ("ciblage", "Choisir qui prospecter (secteur, taille, zone, potentiel) à partir des objectifs du PAC.",
             "potentiel de la cible (CA ou marge espérés)"),
            ("fichier", "Constituer et qualifier le fichier de prospects (sources, coordonnées à jour, RGPD).",
             "nombre de prospects qualifiés"),
            ("prise de rendez-vous", "Contacter (téléphone, email, réseaux sociaux) pour obtenir un rendez-vous.",
             "taux de prise de rendez-vous (rdv / contacts)"),
            ("préparation", "Se renseigner sur le prospect, fixer l'objectif de la visite, préparer les "
             "arguments CAP et les réponses aux objections.", "objectif de visite fixé"),
            ("visite", "Mener l'entretien : découverte (SONCAS), argumentation (CAP), objections (CRAC), "
             "conclusion.", "taux de devis, taux de transformation"),
            ("suivi", "Compte rendu dans le CRM, relance des devis, analyse des ratios, fidélisation du "
             "nouveau client.", "ratios de productivité, contacts pour une commande"),
        ],
        columns=["etape", "en_pratique", "indicateur"],
    )


# --- L'entonnoir de prospection ----------------------------------------------------------------


def _colonnes(par: str | Sequence[str] | None) -> list[str]:
    if par is None:
        return []
    return [par] if isinstance(par, str) else list(par)


def _verifier_entonnoir(sommes: pd.DataFrame) -> None:
    """Chaque étage ne peut pas dépasser le précédent (une visite suppose un rendez-vous...)."""
    for precedent, suivant in zip(ETAPES_ENTONNOIR[:-1], ETAPES_ENTONNOIR[1:], strict=True):
        trop = sommes[suivant] > sommes[precedent]
        if trop.any():
            exemple = sommes.index[trop][0]
            raise ErreurDonnees(
                f"Entonnoir incohérent : « {LIBELLES_ENTONNOIR[suivant]} » dépasse « "
                f"{LIBELLES_ENTONNOIR[precedent]} » pour {int(trop.sum())} groupe(s), par exemple {exemple!r}. "
                "Chaque étage doit compter une partie de l'étage précédent : vérifiez les colonnes indiquées."
            )


def entonnoir_prospection(
    prospection: pd.DataFrame,
    par: str | Sequence[str] | None = "vendeur",
    contacts: str = "prospects_contactes",
    rdv: str = "rdv_obtenus",
    visites: str = "visites_realisees",
    devis: str = "devis_emis",
    commandes: str = "commandes",
    total: str | None = None,
) -> pd.DataFrame:
    """L'entonnoir de prospection et ses ratios de productivité, par groupe (vendeur, année...).

    Les effectifs de chaque étage sont **additionnés** sur la période, puis divisés :

    - ``taux_rdv`` = rdv / contacts (taux de prise de rendez-vous) ;
    - ``taux_visite`` = visites / rdv (rendez-vous réellement tenus) ;
    - ``taux_devis`` = devis / visites ;
    - ``taux_transformation`` = commandes / devis ;
    - ``taux_global`` = commandes / contacts (le produit des quatre taux) ;
    - ``contacts_par_commande`` = contacts / commandes (l'inverse du taux global) et
      ``visites_par_commande`` = visites / commandes.

    Un groupe sans aucune commande a des ratios « par commande » vides (NaN).

    Parameters
    ----------
    prospection : DataFrame
        Une ligne par vendeur et par période, avec un compte par étage.
    par : str, liste de str ou None
        Colonne(s) de regroupement ; ``None`` donne une seule ligne, « ensemble ».
    contacts, rdv, visites, devis, commandes : str
        Noms des colonnes de chaque étage dans ``prospection``.
    total : str, optional
        Ajoute une ligne de ce nom (par exemple « Équipe ») qui additionne tous les groupes.

    Returns
    -------
    DataFrame
        Une ligne par groupe : les cinq effectifs (``contacts`` ... ``commandes``) puis les ratios.

    Raises
    ------
    ErreurDonnees
        Colonne manquante, compte illisible ou négatif, étage plus grand que le précédent.

    Examples
    --------
    >>> t = pd.DataFrame({"vendeur": ["A", "A", "B"], "prospects_contactes": [60, 40, 80],
    ...                   "rdv_obtenus": [15, 10, 16], "visites_realisees": [12, 8, 14],
    ...                   "devis_emis": [8, 4, 7], "commandes": [3, 2, 2]})
    >>> e = entonnoir_prospection(t)
    >>> e.loc["A", ["contacts", "commandes", "taux_rdv", "taux_global", "contacts_par_commande"]].tolist()
    [100.0, 5.0, 0.25, 0.05, 20.0]
    >>> round(float(e.loc["B", "taux_transformation"]), 3)
    0.286
    """
    groupes = _colonnes(par)
    sources = dict(zip(ETAPES_ENTONNOIR, (contacts, rdv, visites, devis, commandes), strict=True))
    verifier_table(prospection, [*groupes, *sources.values()], "la table de prospection")
    comptes = pd.DataFrame({etape: en_nombres(prospection[col], col) for etape, col in sources.items()})
    negatifs = (comptes < 0).any(axis=1)
    if negatifs.any():
        raise ErreurDonnees(f"{int(negatifs.sum())} ligne(s) de la table de prospection ont un compte négatif "
                            f"(ligne {prospection.index[negatifs][0]!r} par exemple) : un nombre de contacts, "
                            "de rendez-vous ou de commandes ne peut pas être négatif. Corrigez la saisie.")
    if groupes:
        cles = [prospection[g] for g in groupes]
        sommes = comptes.groupby(cles, observed=True).sum()
    else:
        sommes = comptes.sum().to_frame("ensemble").T
    if total is not None:
        if len(groupes) != 1:
            raise ErreurDonnees("La ligne « total » demande un seul regroupement (par exemple par='vendeur').")
        sommes = sommes.set_axis(sommes.index.astype(str))
        sommes.loc[total] = sommes.sum()
    _verifier_entonnoir(sommes)
    if (sommes % 1 == 0).all().all():  # des comptes entiers restent entiers
        sommes = sommes.astype("int64")
    for nom, depart, arrivee in _TAUX:
        sommes[nom] = diviser(sommes[arrivee], sommes[depart], f"le nombre de {depart}", nom)
    sommes["taux_global"] = diviser(sommes["commandes"], sommes["contacts"], "le nombre de contacts", "taux_global")
    sommes["contacts_par_commande"] = diviser(sommes["contacts"], sommes["commandes"], "le nombre de commandes",
                                              "contacts_par_commande")
    sommes["visites_par_commande"] = diviser(sommes["visites"], sommes["commandes"], "le nombre de commandes",
                                             "visites_par_commande")
    return sommes


def entonnoir_long(entonnoir: pd.DataFrame) -> pd.DataFrame:
    """Met un entonnoir en format long (une ligne par groupe et par étage), prêt pour seaborn.

    Colonnes : le(s) groupe(s), ``etape`` (libellé français, ordonné), ``effectif`` et
    ``part_des_contacts`` (effectif / contacts du groupe).

    Examples
    --------
    >>> e = pd.DataFrame({"contacts": [100], "rdv": [25], "visites": [20], "devis": [12], "commandes": [5]},
    ...                  index=pd.Index(["A"], name="vendeur"))
    >>> entonnoir_long(e)["part_des_contacts"].tolist()
    [1.0, 0.25, 0.2, 0.12, 0.05]
    """
    verifier_table(entonnoir, ETAPES_ENTONNOIR, "l'entonnoir")
    table = entonnoir[list(ETAPES_ENTONNOIR)]
    noms = [n if n is not None else "groupe" for n in table.index.names]
    long = table.rename_axis(noms).reset_index().melt(id_vars=noms, var_name="etape", value_name="effectif")
    contacts = long.groupby(noms, observed=True, sort=False)["effectif"].transform("first")
    long["part_des_contacts"] = diviser(long["effectif"], contacts, "le nombre de contacts", "la part des contacts")
    ordre = pd.CategoricalDtype([LIBELLES_ENTONNOIR[e] for e in ETAPES_ENTONNOIR], ordered=True)
    long["etape"] = long["etape"].map(LIBELLES_ENTONNOIR).astype(ordre)
    return long.sort_values([*noms, "etape"], kind="stable").reset_index(drop=True)


def _taux_valide(valeur: float, nom: str) -> float:
    if isinstance(valeur, bool) or not isinstance(valeur, int | float) or math.isnan(valeur):
        raise ErreurDonnees(f"Le {nom} doit être un nombre (une fraction entre 0 et 1), pas {valeur!r}.")
    if valeur > 1:
        raise ErreurDonnees(f"Le {nom} vaut {valeur} : exprimez-le en fraction (0,25 et non 25).")
    if valeur <= 0:
        raise ErreurDonnees(f"Le {nom} doit être strictement positif (valeur reçue : {valeur}).")
    return float(valeur)


def simuler_entonnoir(contacts: float, taux_rdv: float, taux_visite: float, taux_devis: float,
                      taux_transformation: float) -> pd.Series:
    """Ce que donnent ``contacts`` prospects avec les quatre taux de passage donnés.

    Chaque étage = étage précédent × son taux (effectifs attendus, non arrondis).

    Examples
    --------
    >>> simuler_entonnoir(200, 0.25, 0.8, 0.6, 0.5).round(1).tolist()
    [200.0, 50.0, 40.0, 24.0, 12.0]
    """
    if isinstance(contacts, bool) or not isinstance(contacts, int | float) or contacts < 0:
        raise ErreurDonnees(f"Le nombre de contacts doit être un nombre positif (valeur reçue : {contacts!r}).")
    taux = [_taux_valide(t, n) for t, n in ((taux_rdv, "taux de prise de rendez-vous"),
                                            (taux_visite, "taux de réalisation des rendez-vous"),
                                            (taux_devis, "taux de devis"),
                                            (taux_transformation, "taux de transformation"))]
    effectifs = [float(contacts)]
    for t in taux:
        effectifs.append(effectifs[-1] * t)
    return pd.Series(effectifs, index=list(ETAPES_ENTONNOIR), name="effectif")


def contacts_necessaires(commandes_visees: float, taux_rdv: float, taux_visite: float, taux_devis: float,
                         taux_transformation: float) -> int:
    """Le nombre de prospects à contacter pour obtenir ``commandes_visees`` commandes (arrondi au-dessus).

    Formule : contacts = commandes visées / (taux_rdv × taux_visite × taux_devis × taux_transformation),
    arrondi à l'entier supérieur (on ne contacte pas une fraction de prospect).

    Examples
    --------
    >>> contacts_necessaires(12, 0.25, 0.8, 0.6, 0.5)
    200
    >>> contacts_necessaires(13, 0.25, 0.8, 0.6, 0.5)
    217
    """
    if isinstance(commandes_visees, bool) or not isinstance(commandes_visees, int | float) or commandes_visees < 0:
        raise ErreurDonnees("Le nombre de commandes visées doit être un nombre positif "
                            f"(valeur reçue : {commandes_visees!r}).")
    global_ = simuler_entonnoir(1.0, taux_rdv, taux_visite, taux_devis, taux_transformation).iloc[-1]
    brut = commandes_visees / global_
    return math.ceil(round(brut, 9))
