"""Le marketing relationnel : la matrice objectifs × moyens, les programmes de fidélité et leur économie.

Ce module accompagne la leçon « 05 · Le marketing relationnel » (étapes Adapter et Échanger de la GRC) :

- des **tables publiques** à lire et à réutiliser : :data:`MATRICE_RELATIONNELLE` (les cinq objectifs
  de la relation et leurs moyens), :data:`MASSE_ET_ONE_TO_ONE` (les deux marketings côte à côte),
  :data:`TYPES_PROGRAMMES` (les programmes de fidélité et quand chacun convient),
  :data:`TYPES_FIDELITE` (fidélité vraie, inertie, fidélité latente, absence de fidélité) ;
- une **grille à remplir** pour un segment (:func:`grille_relationnelle`) et son contrôle
  (:func:`erreurs_grille`) ;
- une **simulation** des ventes d'une promotion et d'un programme relationnel
  (:func:`simuler_promotion_programme`) ;
- la **typologie de la fidélité** d'après le comportement et l'attitude (:func:`type_fidelite`) ;
- l'**économie d'un programme à points** : habitudes d'achat de chaque segment RFM
  (:func:`habitudes_par_segment`), points jamais convertis (:func:`points_non_convertis`),
  coût, point mort et résultat (:func:`visites_point_mort`, :func:`economie_programme_points`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import numpy as np
import pandas as pd

from grc import rfm
from grc.indicateurs import Nombre, en_valeur
from grc.validation import ErreurDonnees, en_dates, en_nombres, signaler_exclusion, verifier_table

__all__ = [
    "MASSE_ET_ONE_TO_ONE",
    "MATRICE_RELATIONNELLE",
    "MOYENS",
    "OBJECTIFS",
    "TYPES_FIDELITE",
    "TYPES_PROGRAMMES",
    "economie_programme_points",
    "erreurs_grille",
    "grille_relationnelle",
    "habitudes_par_segment",
    "points_non_convertis",
    "simuler_promotion_programme",
    "type_fidelite",
    "visites_point_mort",
]


# --------------------------------------------------------------------------------------------
# Les tables du cours
# --------------------------------------------------------------------------------------------

OBJECTIFS: tuple[str, ...] = ("les connaître", "leur parler", "les écouter", "les récompenser", "les associer")
"""Les cinq objectifs de la matrice du marketing relationnel, dans l'ordre de la leçon."""

MATRICE_RELATIONNELLE = pd.DataFrame(
    [
        ("les connaître", "bases de données",
         "rassembler ce que l'on sait de chaque client (identité, achats, déclaratif) pour le reconnaître et le segmenter",
         "la base clients, nourrie par la carte, la boutique en ligne et les vendeurs"),
        ("leur parler", "magazine client",
         "une revue de conseils et de nouveautés envoyée aux clients : la marque prend la parole régulièrement",
         "« Saisons Verdance », quatre numéros par an"),
        ("leur parler", "courrier personnalisé",
         "une lettre adressée au nom du client, dont le contenu dépend de son profil",
         "le catalogue de Noël aux porteurs de la carte"),
        ("leur parler", "site web",
         "une vitrine et un espace client ouverts en permanence, qui peuvent se personnaliser",
         "l'espace client avec l'historique d'achats et des conseils adaptés au jardin"),
        ("leur parler", "email",
         "un message rapide et peu coûteux, ciblé et mesurable (ouvertures, clics)",
         "l'email « Printemps au jardin » aux clients qui déclarent un jardin"),
        ("les écouter", "enquêtes de satisfaction",
         "demander au client ce qu'il pense (note, recommandation, commentaire) et en tirer des actions",
         "le questionnaire après passage en caisse (satisfaction et recommandation)"),
        ("les écouter", "service client",
         "recevoir et traiter les réclamations, les questions, les suggestions",
         "l'accueil de chaque magasin et le formulaire de contact"),
        ("les écouter", "centre d'appels",
         "une plateforme téléphonique qui reçoit (et peut passer) les appels des clients",
         "la ligne des jardiniers-conseils, ouverte six jours sur sept"),
        ("les récompenser", "carte de fidélité",
         "identifier le client à chaque passage et lui réserver des avantages",
         "la carte Verdance, proposée en caisse"),
        ("les récompenser", "points de fidélité",
         "des points gagnés à chaque achat, échangés contre des bons ou des cadeaux",
         "1 point par euro, un bon de 10 € tous les 500 points"),
        ("les associer", "club de clients",
         "réunir des clients qui partagent une passion et leur donner une place dans la vie de l'enseigne",
         "le club « Mains vertes » : ateliers, visites de jardins, avant-premières"),
        ("les associer", "parrainage",
         "un client recommande l'enseigne à un proche et tous deux sont remerciés",
         "un bon de 10 € au parrain et au filleul à son premier achat"),
        ("les associer", "sponsoring",
         "l'enseigne soutient un événement ou une association que ses clients font vivre",
         "la fête des plantes de Tours et le concours des balcons fleuris"),
        ("les associer", "forum",
         "un espace où les clients échangent entre eux et avec l'enseigne",
         "le forum d'entraide des jardiniers sur le site"),
    ],
    columns=["objectif", "moyen", "role", "exemple"],
)
"""La matrice du marketing relationnel : une ligne par moyen, avec son objectif, son rôle et un exemple.

Chaque moyen est rangé sous son objectif **principal** ; certains en servent d'autres (la carte de
fidélité sert aussi à connaître, le site web aussi à écouter) : voir la leçon.
"""

MOYENS: tuple[str, ...] = tuple(MATRICE_RELATIONNELLE["moyen"])
"""Les moyens de la matrice, dans l'ordre de la table."""

MASSE_ET_ONE_TO_ONE = pd.DataFrame(
    {
        "marketing de masse": [
            "un consommateur moyen, anonyme, simplement exposé aux messages",
            "court terme ; le service est un accessoire du produit ; il faut sans cesse reconquérir des clients",
            "la plus grande audience possible ; un même message diffusé à tous",
            "un produit pour de nombreux clients ; différenciation par l'offre ; prix moyen ; "
            "responsables par produit (category managers)",
        ],
        "marketing différencié / one-to-one": [
            "un client identifié, qualifié (connu par ses données) et impliqué dans la relation",
            "long terme ; le service au client passe avant le produit ; on cherche à garder les clients",
            "un ciblage précis ; un dialogue avec chaque client (ou chaque segment)",
            "plusieurs produits pour un même client ; différenciation par le traitement du client ; "
            "prix différencié ; responsables par segment de clients (segment managers)",
        ],
    },
    index=pd.Index(["client", "principes d'action", "communication", "produit"], name="dimension"),
)
"""Le marketing de masse et le marketing différencié / one-to-one, dimension par dimension."""

TYPES_PROGRAMMES = pd.DataFrame(
    [
        ("points privatif",
         "chaque achat chez l'enseigne rapporte des points, échangés contre des bons ou des primes de l'enseigne",
         "crée une envie d'accumuler (thésaurisation) ; chaque contact devient une occasion d'activer le client ; "
         "les primes viennent du métier de l'enseigne et renforcent le lien avec elle",
         "lent pour les petits clients, qui n'atteignent pas le seuil ; coût des primes et de la gestion ; "
         "tous les concurrents en ont un",
         "achats fréquents et réguliers chez l'enseigne, dont le métier offre des primes attractives",
         "1 point par euro, un bon de 10 € tous les 500 points"),
        ("points multi-enseignes",
         "des points gagnés chez plusieurs partenaires (coalition) et dépensés dans un catalogue commun",
         "on cumule plus vite ; effet de réseau ; les coûts du programme sont partagés ; accès aux clients "
         "des partenaires",
         "lien plus faible avec chaque enseigne ; partage de données (consentement du client obligatoire) ; "
         "dépendance envers la coalition",
         "achats trop rares chez une seule enseigne pour accumuler seul ; petite enseigne qui ne peut pas "
         "offrir seule des primes attractives",
         "Verdance, une clinique vétérinaire et un paysagiste dans un même programme"),
        ("cash back",
         "une part de chaque achat est rendue en argent, sur une cagnotte ou un bon en euros",
         "la récompense la plus universelle et la plus comprise : l'argent ; rendu plus tard, il s'accumule "
         "sur la cagnotte et ne se dépense qu'en revenant ; une part des cagnottes n'est jamais utilisée",
         "aucun attachement affectif ; facile à copier ; entretient la sensibilité au prix",
         "clientèle très sensible au prix (univers discount ou économique), que l'on veut faire revenir "
         "dépenser sa cagnotte",
         "5 % de chaque achat reversés sur la cagnotte de la carte"),
        ("remise permanente",
         "une réduction fixe sur chaque achat, toute l'année, pour les adhérents",
         "l'argent aussi, mais tout de suite : simple et lisible (un prix adhérent), aucun seuil à atteindre",
         "coûte de la marge sur tous les achats, y compris ceux qui auraient eu lieu sans elle ; rien ne "
         "s'accumule, donc elle n'incite pas à revenir plus souvent ; devient vite un dû",
         "clientèle très sensible au prix (univers discount ou économique), à qui l'on veut l'argument le plus "
         "simple : un prix plus bas à chaque passage",
         "une jardinerie discount : −5 % en caisse sur chaque achat des porteurs de la carte"),
        ("services et avantages",
         "des services réservés aux adhérents : livraison, garantie, priorité, ateliers, conseil",
         "crée un sentiment de reconnaissance ; différencie par le service, difficile à copier",
         "difficile à chiffrer ; ne marche que si les services sont vraiment utiles au client",
         "produits impliquants ou encombrants, besoin de conseil, enseigne qui veut monter en gamme",
         "livraison offerte du mobilier, garantie reprise des végétaux un an"),
        ("informationnel",
         "des contenus réservés : magazine, conseils personnalisés, tutoriels, calendrier",
         "renforce le discours et l'expertise de la marque ; densifie la relation ; coût par membre faible",
         "aucune incitation directe à acheter ; effet lent ; exige des contenus de qualité",
         "produits de passion ou d'expertise, où le client cherche du conseil",
         "le calendrier du jardinier adapté à la région et à l'exposition du jardin"),
    ],
    columns=["type", "principe", "atouts", "limites", "convient_quand", "exemple"],
).set_index("type")
"""Les types de programmes de fidélité : principe, atouts, limites, quand chacun convient, un exemple."""

TYPES_FIDELITE = pd.DataFrame(
    [
        (True, True, "fidélité vraie",
         "Sécuriser : reconnaissance, service, association (club, parrainage) ; pas de remise systématique."),
        (True, False, "inertie",
         "Fidélité fragile (habitude, proximité, absence de choix) : créer de l'attachement avant qu'un "
         "concurrent ne facilite le changement."),
        (False, True, "fidélité latente",
         "Le client aime l'enseigne mais achète peu : lever les freins (accès, assortiment, prix, rappel au "
         "bon moment)."),
        (False, False, "pas de fidélité",
         "Client opportuniste : ne pas sur-investir ; offres ponctuelles peu coûteuses."),
    ],
    columns=["reachat_eleve", "attitude_positive", "type", "action"],
)
"""Les quatre situations de fidélité (comportement de réachat × attitude), et l'action qui convient."""


# --------------------------------------------------------------------------------------------
# La grille du marketing relationnel pour un segment
# --------------------------------------------------------------------------------------------


def _normaliser(texte: str) -> str:
    """Minuscules, sans accents ni espaces superflus : « Les Écouter » → « les ecouter »."""
    decompose = unicodedata.normalize("NFKD", str(texte))
    sans_accent = "".join(c for c in decompose if not unicodedata.combining(c))
    return " ".join(sans_accent.lower().replace("’", "'").split())


def grille_relationnelle(segment: str) -> pd.DataFrame:
    """Renvoie la grille vierge du marketing relationnel pour un segment, à remplir.

    Une ligne par objectif (:data:`OBJECTIFS`) ; à remplir : ``moyens`` (une liste de moyens pris
    dans :data:`MOYENS`, ou un texte séparé par des virgules) et ``action`` (ce que l'on fait
    concrètement pour ce segment). :func:`erreurs_grille` contrôle la grille remplie.

    Examples
    --------
    >>> grille = grille_relationnelle("Très bons clients")
    >>> grille.loc["les écouter", "moyens"] = ["enquêtes de satisfaction"]
    >>> list(grille.index)
    ['les connaître', 'leur parler', 'les écouter', 'les récompenser', 'les associer']
    >>> grille.loc["les écouter", "moyens"]
    ['enquêtes de satisfaction']
    """
    if not isinstance(segment, str) or not segment.strip():
        raise ErreurDonnees("Donnez le nom du segment visé, par exemple grille_relationnelle('Très bons clients').")
    return pd.DataFrame(
        {"segment": segment.strip(), "moyens": [[] for _ in OBJECTIFS], "action": ""},
        index=pd.Index(list(OBJECTIFS), name="objectif"),
    ).astype({"moyens": object})


def _liste_moyens(cellule: object) -> list[str]:
    """Lit une cellule « moyens » : liste, tuple, ensemble ou texte séparé par des virgules."""
    if cellule is None or cellule is Ellipsis or (isinstance(cellule, float) and np.isnan(cellule)):
        return []
    if isinstance(cellule, str):
        return [m.strip() for m in cellule.split(",") if m.strip()]
    if isinstance(cellule, Iterable):
        return [str(m).strip() for m in cellule if str(m).strip()]
    return [str(cellule)]


def erreurs_grille(grille: pd.DataFrame) -> list[str]:
    """Contrôle une grille remplie ; renvoie la liste des problèmes (vide si la grille est juste).

    Règles : les cinq objectifs en index ; au moins un moyen par objectif ; chaque moyen est un
    moyen connu de :data:`MOYENS`, placé sous **son** objectif dans :data:`MATRICE_RELATIONNELLE` ;
    une action décrite pour chaque objectif ; le segment nommé. Accents et majuscules sont ignorés.
    Les messages disent ce qui ne va pas sans donner la bonne place.

    Examples
    --------
    >>> grille = grille_relationnelle("Bons clients")
    >>> grille["moyens"] = [["bases de données"], ["email"], ["service client"],
    ...                     ["points de fidélité"], ["carte de fidélité"]]
    >>> grille["action"] = ["profil", "newsletter", "rappel", "bons", "club"]
    >>> erreurs_grille(grille)
    ["« carte de fidélité » est placé sous « les associer », mais ce n'est pas un moyen de cet objectif."]
    """
    if not isinstance(grille, pd.DataFrame):
        return [f"Une table (DataFrame) était attendue, pas un objet {type(grille).__name__} : "
                "partez de grille_relationnelle(segment)."]
    manquantes = [c for c in ("moyens", "action") if c not in grille.columns]
    if manquantes:
        return [f"Colonne(s) manquante(s) : {', '.join(map(repr, manquantes))} ; partez de grille_relationnelle(segment)."]
    lignes = {_normaliser(str(i)): i for i in grille.index}
    absents = [o for o in OBJECTIFS if _normaliser(o) not in lignes]
    if absents:
        return [f"Objectif(s) absent(s) de l'index : {', '.join(absents)}."]
    objectif_du_moyen = {_normaliser(m): o for m, o in zip(MATRICE_RELATIONNELLE["moyen"],
                                                                 MATRICE_RELATIONNELLE["objectif"], strict=True)}
    erreurs = []
    if "segment" in grille.columns and not any(str(s).strip() for s in grille["segment"] if isinstance(s, str)):
        erreurs.append("Nommez le segment visé (colonne 'segment').")
    for objectif in OBJECTIFS:
        ligne = grille.loc[lignes[_normaliser(objectif)]]
        moyens = _liste_moyens(ligne["moyens"])
        if not moyens:
            erreurs.append(f"Aucun moyen pour « {objectif} ».")
        for moyen in moyens:
            place = objectif_du_moyen.get(_normaliser(moyen))
            if place is None:
                erreurs.append(f"« {moyen} » n'est pas un moyen de la matrice (voir relationnel.MOYENS).")
            elif place != objectif:
                erreurs.append(f"« {moyen} » est placé sous « {objectif} », mais ce n'est pas un moyen de cet objectif.")
        action = ligne["action"]
        if not isinstance(action, str) or not action.strip():
            erreurs.append(f"Décrivez l'action prévue pour « {objectif} » (colonne 'action').")
    return erreurs


# --------------------------------------------------------------------------------------------
# Promotion et programme relationnel dans le temps
# --------------------------------------------------------------------------------------------


def simuler_promotion_programme(
    semaines: int = 52,
    ventes_base: float = 100.0,
    debut: int = 6,
    hausse_promotion: float = 0.8,
    duree_promotion: int = 2,
    creux_promotion: float = 0.25,
    duree_creux: int = 3,
    hausse_programme: float = 0.20,
    delai_programme: float = 10.0,
) -> pd.DataFrame:
    """Simule les ventes hebdomadaires sans action, avec une promotion, avec un programme relationnel.

    Modèle (déterministe, sans hasard), à partir de la semaine ``debut`` (k = semaines écoulées
    depuis le début, k = 0 la première semaine) :

    - **promotion** : ventes = base × (1 + hausse) pendant ``duree_promotion`` semaines, puis
      base × (1 − creux) pendant ``duree_creux`` semaines (les clients ont stocké ou avancé leurs
      achats), puis retour à la base ;
    - **programme relationnel** : ventes = base × (1 + hausse_programme × (1 − e^(−(k + 1) / délai))) :
      une hausse lente, qui s'installe et se stabilise (elle n'explose pas).

    Parameters
    ----------
    semaines : int
        Nombre de semaines simulées (numérotées de 1 à ``semaines``).
    ventes_base : float
        Ventes d'une semaine sans action.
    debut : int
        Semaine où commencent la promotion et le programme.
    hausse_promotion, creux_promotion : float
        Hausse pendant la promotion et baisse juste après (fractions : 0.8 pour +80 %).
    duree_promotion, duree_creux : int
        Durées, en semaines.
    hausse_programme : float
        Hausse durable visée par le programme (fraction).
    delai_programme : float
        Temps caractéristique d'installation du programme, en semaines (63 % de la hausse atteinte
        après ce délai).

    Returns
    -------
    DataFrame
        Une ligne par semaine et par scénario (« sans action », « promotion », « programme
        relationnel ») : ``semaine``, ``scenario``, ``ventes``, ``supplement`` (ventes − base) et
        ``supplement_cumule``.

    Examples
    --------
    >>> sim = simuler_promotion_programme(semaines=10, debut=2, hausse_promotion=0.5, duree_promotion=1,
    ...                                   creux_promotion=0.2, duree_creux=2)
    >>> sim[sim["scenario"] == "promotion"]["ventes"].tolist()
    [100.0, 150.0, 80.0, 80.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0]
    """
    for nom, valeur in {"semaines": semaines, "debut": debut, "duree_promotion": duree_promotion,
                        "duree_creux": duree_creux}.items():
        if isinstance(valeur, bool) or not isinstance(valeur, int | np.integer) or valeur < (1 if nom != "duree_creux" else 0):
            raise ErreurDonnees(f"Le paramètre {nom} doit être un nombre entier de semaines (positif), pas {valeur!r}.")
    for nom, valeur in {"ventes_base": ventes_base, "hausse_promotion": hausse_promotion,
                        "hausse_programme": hausse_programme, "delai_programme": delai_programme}.items():
        en_valeur(valeur, f"le paramètre {nom}", positif=True)
    if not 0 <= creux_promotion <= 1:
        raise ErreurDonnees(f"Le creux après la promotion est une fraction entre 0 et 1 (0.25 pour −25 %), pas {creux_promotion!r}.")
    if delai_programme <= 0:
        raise ErreurDonnees("Le délai d'installation du programme doit être positif (en semaines).")
    semaine = np.arange(1, semaines + 1)
    k = semaine - debut
    promotion = np.select(
        [(k >= 0) & (k < duree_promotion), (k >= duree_promotion) & (k < duree_promotion + duree_creux)],
        [1 + hausse_promotion, 1 - creux_promotion], default=1.0,
    )
    programme = np.where(k >= 0, 1 + hausse_programme * (1 - np.exp(-(k + 1) / delai_programme)), 1.0)
    scenarios = {"sans action": np.ones(semaines), "promotion": promotion, "programme relationnel": programme}
    morceaux = []
    for nom, indice in scenarios.items():
        ventes = ventes_base * indice
        morceaux.append(pd.DataFrame({
            "semaine": semaine, "scenario": nom, "ventes": ventes,
            "supplement": ventes - ventes_base, "supplement_cumule": np.cumsum(ventes - ventes_base),
        }))
    return pd.concat(morceaux, ignore_index=True)


# --------------------------------------------------------------------------------------------
# Fidélité vraie, inertie
# --------------------------------------------------------------------------------------------


def type_fidelite(reachat_eleve: pd.Series, attitude_positive: pd.Series) -> pd.Series:
    """Range chaque client dans l'une des quatre situations de fidélité.

    La fidélité, c'est un **comportement** (racheter) **et** une **attitude** (préférer l'enseigne) :

    ===============  ===================  ==================
    réachat élevé    attitude positive    situation
    ===============  ===================  ==================
    oui              oui                  fidélité vraie
    oui              non                  inertie
    non              oui                  fidélité latente
    non              non                  pas de fidélité
    ===============  ===================  ==================

    Parameters
    ----------
    reachat_eleve, attitude_positive : Series de booléens
        Même index (un client par ligne). Une valeur manquante lève une erreur : décidez d'abord
        comment traiter les clients sans mesure d'attitude.

    Returns
    -------
    Series
        Catégorie ordonnée comme :data:`TYPES_FIDELITE`, nommée ``type_fidelite``.

    Examples
    --------
    >>> achats = pd.Series([True, True, False, False], index=["A", "B", "C", "D"])
    >>> attitude = pd.Series([True, False, True, False], index=["A", "B", "C", "D"])
    >>> type_fidelite(achats, attitude).tolist()
    ['fidélité vraie', 'inertie', 'fidélité latente', 'pas de fidélité']
    """
    series = {}
    for nom, serie in {"reachat_eleve": reachat_eleve, "attitude_positive": attitude_positive}.items():
        if not isinstance(serie, pd.Series):
            raise ErreurDonnees(f"{nom} doit être une série pandas de booléens (un client par ligne).")
        if serie.isna().any():
            raise ErreurDonnees(f"{nom} contient {int(serie.isna().sum())} valeur(s) manquante(s) : "
                                "écartez ces clients ou décidez de leur valeur avant de les classer.")
        if not pd.api.types.is_bool_dtype(serie):
            raise ErreurDonnees(f"{nom} doit contenir des booléens (True/False), par exemple frequence >= 4.")
        series[nom] = serie.astype(bool)
    if not series["reachat_eleve"].index.equals(series["attitude_positive"].index):
        raise ErreurDonnees("Les deux séries doivent avoir le même index (les mêmes clients, dans le même ordre).")
    achat, attitude = series["reachat_eleve"].to_numpy(), series["attitude_positive"].to_numpy()
    code = np.where(achat, np.where(attitude, 0, 1), np.where(attitude, 2, 3))
    return pd.Series(pd.Categorical.from_codes(code, categories=list(TYPES_FIDELITE["type"])),
                     index=reachat_eleve.index, name="type_fidelite")


# --------------------------------------------------------------------------------------------
# L'économie d'un programme à points
# --------------------------------------------------------------------------------------------


def _segments_de(segments: pd.Series | pd.DataFrame) -> pd.Series:
    if isinstance(segments, pd.DataFrame):
        verifier_table(segments, ["segment"], "la table des segments")
        segments = segments["segment"]
    if not isinstance(segments, pd.Series) or segments.empty:
        raise ErreurDonnees("segments doit être une série client → segment (ou une table avec une colonne 'segment').")
    if segments.isna().any():
        raise ErreurDonnees(f"{int(segments.isna().sum())} client(s) sans segment : complétez la colonne 'segment'.")
    segments = segments.copy()
    segments.index = segments.index.astype(str)
    return segments


def habitudes_par_segment(
    transactions: pd.DataFrame,
    segments: pd.Series | pd.DataFrame | None = None,
    date_reference: object = None,
    client: str = "client_id",
    date: str = "date",
    ticket: str = "ticket_id",
    montant: str = "montant_ht",
    marge: str = "marge_ht",
) -> pd.DataFrame:
    """Les habitudes d'achat de chaque segment : effectif, fréquence annuelle, panier moyen, taux de marque.

    Formules, pour un segment :

    - ``clients`` = nombre de clients du segment ;
    - ``frequence`` = tickets distincts des **12 mois** qui précèdent ``date_reference`` / ``clients``
      (tous les clients du segment comptent, même ceux qui n'ont rien acheté dans l'année) ;
    - ``panier_moyen`` = CA HT / tickets distincts, sur **tout l'historique** (plus stable, et défini
      même pour un segment qui n'a rien acheté dans l'année) ;
    - ``taux_marque`` = marge HT / CA HT, sur tout l'historique (la marge rapportée au prix de vente).

    Parameters
    ----------
    transactions : DataFrame
        Une ligne par ligne de ticket (client, date, ticket, montant, marge).
    segments : Series ou DataFrame, optionnel
        Le segment de chaque client (index = identifiant client), ou une table avec une colonne
        ``segment`` (la sortie de :func:`grc.rfm.segments_rfm`). Par défaut, les segments RFM du cours
        à ``date_reference`` : ``tableau_rfm(...).pipe(scores_rfm).pipe(segments_rfm)``.
    date_reference : date ou texte, optionnel
        Fin de la période (exclue) ; le cours prend '2025-01-01'. Par défaut : le lendemain de la
        dernière date.
    client, date, ticket, montant, marge : str
        Noms des colonnes.

    Returns
    -------
    DataFrame
        Index ``segment`` ; colonnes ``clients``, ``frequence``, ``panier_moyen``, ``taux_marque``.

    Notes
    -----
    Lignes écartées avec un avertissement ``LignesExclues`` : identifiant, date ou ticket manquant,
    date postérieure à ``date_reference``, client absent de ``segments``.

    Examples
    --------
    >>> t = pd.DataFrame({"client_id": ["A", "A", "B"], "date": ["2024-03-01", "2024-09-01", "2023-05-01"],
    ...                   "ticket_id": ["T1", "T2", "T3"], "montant_ht": [40.0, 60.0, 30.0],
    ...                   "marge_ht": [20.0, 24.0, 15.0]})
    >>> habitudes_par_segment(t, pd.Series({"A": "fidèles", "B": "endormis"}), "2025-01-01")  # doctest: +NORMALIZE_WHITESPACE
              clients  frequence  panier_moyen  taux_marque
    segment
    endormis        1        0.0          30.0         0.50
    fidèles         1        2.0          50.0         0.44
    """
    table = verifier_table(transactions, [client, date, ticket, montant, marge], "la table des transactions")
    if segments is None:
        segments = rfm.segments_rfm(rfm.scores_rfm(rfm.tableau_rfm(
            table, date_reference=date_reference, client=client, date=date, montant=montant, ticket=ticket)))
    segments = _segments_de(segments)
    lignes = pd.DataFrame({
        "client": table[client].astype("string"), "date": en_dates(table[date], date),
        "ticket": table[ticket].astype("string"), "montant": en_nombres(table[montant], montant),
        "marge": en_nombres(table[marge], marge),
    })
    incompletes = lignes.isna().any(axis=1)
    signaler_exclusion(int(incompletes.sum()), "identifiant client, date, ticket, montant ou marge manquant")
    lignes = lignes[~incompletes]
    if lignes.empty:
        raise ErreurDonnees("Aucune ligne de transaction complète : impossible de mesurer les habitudes d'achat.")
    reference = (lignes["date"].max().normalize() + pd.Timedelta(days=1) if date_reference is None
                 else en_dates(pd.Series([date_reference]), "date_reference").iloc[0])
    apres = lignes["date"] >= reference
    signaler_exclusion(int(apres.sum()), f"date postérieure à la date de référence ({reference:%d/%m/%Y})")
    lignes = lignes[~apres]
    lignes = lignes.assign(segment=lignes["client"].astype(str).map(segments))
    sans_segment = lignes["segment"].isna()
    signaler_exclusion(int(sans_segment.sum()), "client absent de la table des segments")
    lignes = lignes[~sans_segment]
    annee = lignes[lignes["date"] >= reference - pd.DateOffset(years=1)]
    groupes = lignes.groupby("segment", observed=True)
    effectifs = segments.value_counts(sort=False)
    if isinstance(segments.dtype, pd.CategoricalDtype):
        effectifs = effectifs[effectifs > 0]
    resultat = pd.DataFrame({
        "clients": effectifs,
        "frequence": annee.groupby("segment", observed=True)["ticket"].nunique().reindex(effectifs.index).fillna(0)
        / effectifs,
        "panier_moyen": groupes["montant"].sum() / groupes["ticket"].nunique(),
        "taux_marque": groupes["marge"].sum() / groupes["montant"].sum(),
    })
    resultat.index.name = "segment"
    if not isinstance(segments.dtype, pd.CategoricalDtype):
        resultat = resultat.sort_index()
    return resultat.astype({"clients": "int64", "frequence": "float64"})


def points_non_convertis(ca_par_client: pd.Series, seuil_points: int = 500, points_par_euro: float = 1.0) -> pd.DataFrame:
    """Points gagnés, convertis en bons et perdus par client, pour un programme à seuil.

    Règle : le client gagne ``points = partie entière(CA × points_par_euro)`` (0 si ses retours
    dépassent ses achats) ; chaque tranche complète de ``seuil_points`` points devient un bon ; les
    points restants expirent en fin de période. La **non-utilisation** (*breakage*) d'un groupe est
    ``somme des points perdus / somme des points gagnés``.

    Parameters
    ----------
    ca_par_client : Series
        Le CA HT de la période, par client (index = identifiant client).
    seuil_points : int
        Points nécessaires pour un bon (500 pour un bon de 10 € à 0,02 € le point).
    points_par_euro : float
        Points gagnés par euro dépensé.

    Returns
    -------
    DataFrame
        Colonnes ``points``, ``points_convertis``, ``points_perdus`` (entiers), même index.

    Examples
    --------
    >>> pts = points_non_convertis(pd.Series({"A": 1234.5, "B": 180.0, "C": -20.0}), seuil_points=500)
    >>> pts
       points  points_convertis  points_perdus
    A    1234              1000            234
    B     180                 0            180
    C       0                 0              0
    >>> round(float(pts["points_perdus"].sum() / pts["points"].sum()), 4)
    0.2928
    """
    if not isinstance(ca_par_client, pd.Series):
        raise ErreurDonnees("ca_par_client doit être une série pandas : le CA de chaque client (index = client).")
    ca = en_nombres(ca_par_client, "CA par client")
    if ca.isna().any():
        raise ErreurDonnees(f"{int(ca.isna().sum())} CA manquant(s) : remplacez-les par 0 pour un client sans achat.")
    if isinstance(seuil_points, bool) or not isinstance(seuil_points, int | np.integer) or seuil_points < 1:
        raise ErreurDonnees(f"Le seuil de points doit être un entier positif (500 par exemple), pas {seuil_points!r}.")
    par_euro = en_valeur(points_par_euro, "le nombre de points par euro", positif=True)
    points = np.floor(ca.clip(lower=0) * par_euro + 1e-9).astype("int64")
    convertis = points // int(seuil_points) * int(seuil_points)
    return pd.DataFrame({"points": points, "points_convertis": convertis, "points_perdus": points - convertis})


def _fraction(valeur, nom: str, maximum_inclus: bool = True) -> Nombre:
    v = en_valeur(valeur, nom, positif=True)
    if np.isnan(np.asarray(v, dtype="float64")).any():
        raise ErreurDonnees(f"{nom[:1].upper() + nom[1:]} : valeur manquante (NaN). Donnez un nombre pour chaque segment.")
    trop = np.asarray(v > 1 if maximum_inclus else v >= 1)
    if trop.any():
        borne = "1" if maximum_inclus else "1 (exclu)"
        raise ErreurDonnees(f"{nom[:1].upper() + nom[1:]} est une fraction entre 0 et {borne} : "
                            "écrivez 0.3 pour 30 %, pas 30.")
    return v


def visites_point_mort(frequence, panier_moyen, taux_marque, taux_recompense, taux_non_utilisation=0.0,
                       cout_par_membre=0.0) -> Nombre:
    """Visites supplémentaires par membre et par an pour que le programme couvre son coût.

    Avec f la fréquence annuelle, p le panier moyen, μ le taux de marque, τ le taux de récompense
    (valeur des récompenses par euro d'achat) et b le taux de non-utilisation :

    - coût effectif des récompenses par euro d'achat : τ × (1 − b) ;
    - coût du programme par membre : f × p × τ × (1 − b) + coût fixe par membre ;
    - marge d'une visite supplémentaire, nette de ses propres points : p × (μ − τ × (1 − b)) ;
    - **visites au point mort** = coût du programme / marge d'une visite supplémentaire.

    Si la récompense effective atteint le taux de marque, aucune visite ne rembourse le
    programme : le résultat vaut l'infini.

    Examples
    --------
    4 visites par an à 40 €, 40 % de marque, 2 % de récompense dont 25 % jamais utilisés, 3 € de
    coût fixe : coût = 160 × 0,015 + 3 = 5,40 € ; marge d'une visite = 40 × 0,385 = 15,40 € :

    >>> round(visites_point_mort(4, 40.0, 0.40, 0.02, 0.25, 3.0), 4)
    0.3506
    """
    f = en_valeur(frequence, "la fréquence", positif=True)
    p = en_valeur(panier_moyen, "le panier moyen", positif=True)
    mu = _fraction(taux_marque, "le taux de marque")
    effectif = _fraction(taux_recompense, "le taux de récompense") * (1 - _fraction(taux_non_utilisation,
                                                                                   "le taux de non-utilisation"))
    cout = f * p * effectif + en_valeur(cout_par_membre, "le coût par membre", positif=True)
    marge_visite = p * (mu - effectif)
    with np.errstate(divide="ignore", invalid="ignore"):
        visites = np.where(np.asarray(marge_visite) > 0, np.asarray(cout) / np.asarray(marge_visite), np.inf)
    if isinstance(cout, pd.Series) or isinstance(marge_visite, pd.Series):
        index = cout.index if isinstance(cout, pd.Series) else marge_visite.index
        return pd.Series(visites, index=index, name="visites_point_mort")
    return float(visites)


def _par_segment(valeur, index: pd.Index, nom: str):
    """Un nombre, ou une série alignée sur les segments (erreur si un segment manque)."""
    if isinstance(valeur, pd.Series):
        manquants = index.difference(valeur.index)
        if len(manquants):
            raise ErreurDonnees(f"{nom} : valeur manquante pour le(s) segment(s) {list(manquants)}.")
        return valeur.reindex(index)
    return valeur


def economie_programme_points(
    habitudes: pd.DataFrame,
    taux_recompense: float = 0.02,
    taux_non_utilisation: float | pd.Series = 0.30,
    cout_par_membre: float = 3.0,
    hausse_frequence: float | pd.Series = 0.10,
) -> pd.DataFrame:
    """L'économie d'un programme à points, segment par segment, par membre et par an.

    Pour chaque segment (f fréquence, p panier moyen, μ taux de marque, τ taux de récompense,
    b non-utilisation, c coût fixe par membre, h hausse de fréquence espérée) :

    - ``ca_annuel`` = f × p ;
    - ``cout_recompenses`` = f × p × τ × (1 − b) : les récompenses payées sur les achats **actuels**
      (ceux qui auraient eu lieu sans programme) ;
    - ``cout_total`` = ``cout_recompenses`` + c ;
    - ``marge_par_visite`` = p × (μ − τ × (1 − b)) : ce que laisse une visite **supplémentaire** ;
    - ``visites_point_mort`` = ``cout_total`` / ``marge_par_visite`` (voir :func:`visites_point_mort`) ;
    - ``hausse_point_mort`` = ``visites_point_mort`` / f : la hausse de fréquence nécessaire
      (infinie pour un segment qui n'achète plus) ;
    - ``marge_supplementaire`` = f × h × ``marge_par_visite`` ;
    - ``resultat_par_membre`` = ``marge_supplementaire`` − ``cout_total`` ; ``rentable`` s'il est
      positif, c'est-à-dire si h dépasse ``hausse_point_mort`` ;
    - ``resultat_total`` = ``resultat_par_membre`` × ``clients`` (si la colonne ``clients`` existe).

    Parameters
    ----------
    habitudes : DataFrame
        Une ligne par segment, colonnes ``frequence`` (visites par an), ``panier_moyen`` (€) et
        ``taux_marque`` ; ``clients`` en option (la sortie de :func:`habitudes_par_segment`).
    taux_recompense : float
        Valeur des récompenses par euro d'achat : 1 point par euro et un bon de 10 € pour 500 points
        donnent 10 / 500 = 0,02.
    taux_non_utilisation : float ou Series
        Part des points jamais convertis (*breakage*), une pour tous ou une par segment.
    cout_par_membre : float
        Coût fixe annuel par membre (carte, gestion, communication), en €.
    hausse_frequence : float ou Series
        Hausse de fréquence espérée grâce au programme (0.10 pour +10 %), une pour tous ou une par segment.

    Returns
    -------
    DataFrame
        Les colonnes de ``habitudes`` et celles ci-dessus.

    Examples
    --------
    >>> habitudes = pd.DataFrame({"clients": [100, 300], "frequence": [4.0, 1.0],
    ...                           "panier_moyen": [40.0, 30.0], "taux_marque": [0.40, 0.40]},
    ...                          index=pd.Index(["fidèles", "occasionnels"], name="segment"))
    >>> eco = economie_programme_points(habitudes, taux_recompense=0.02, taux_non_utilisation=0.25,
    ...                                 cout_par_membre=3.0, hausse_frequence=0.10)
    >>> eco[["cout_total", "visites_point_mort", "resultat_par_membre", "rentable"]].round(2)  # doctest: +NORMALIZE_WHITESPACE
                  cout_total  visites_point_mort  resultat_par_membre  rentable
    segment
    fidèles             5.40                0.35                 0.76      True
    occasionnels        3.45                0.30                -2.30     False
    """
    table = verifier_table(habitudes, ["frequence", "panier_moyen", "taux_marque"], "la table des habitudes")
    f = en_nombres(table["frequence"], "frequence")
    p = en_nombres(table["panier_moyen"], "panier_moyen")
    mu = en_nombres(table["taux_marque"], "taux_marque")
    for nom, serie in {"frequence": f, "panier_moyen": p}.items():
        if (serie < 0).any() or serie.isna().any():
            raise ErreurDonnees(f"La colonne '{nom}' doit contenir des nombres positifs, sans valeur manquante.")
    tau = float(_fraction(taux_recompense, "le taux de récompense", maximum_inclus=False))
    b = _fraction(_par_segment(taux_non_utilisation, table.index, "taux_non_utilisation"), "le taux de non-utilisation")
    c = float(en_valeur(cout_par_membre, "le coût par membre", positif=True))
    h = en_valeur(_par_segment(hausse_frequence, table.index, "hausse_frequence"), "la hausse de fréquence", positif=True)
    sortie = table.copy()
    effectif = tau * (1 - b)
    sortie["ca_annuel"] = f * p
    sortie["cout_recompenses"] = sortie["ca_annuel"] * effectif
    sortie["cout_total"] = sortie["cout_recompenses"] + c
    sortie["marge_par_visite"] = p * (mu - effectif)
    sortie["visites_point_mort"] = visites_point_mort(f, p, mu, tau, b, c)
    with np.errstate(divide="ignore", invalid="ignore"):
        sortie["hausse_point_mort"] = np.where(f > 0, sortie["visites_point_mort"] / f.where(f > 0, 1), np.inf)
    sortie["marge_supplementaire"] = f * h * sortie["marge_par_visite"]
    sortie["resultat_par_membre"] = sortie["marge_supplementaire"] - sortie["cout_total"]
    sortie["rentable"] = sortie["resultat_par_membre"] > 0
    if "clients" in sortie.columns:
        sortie["resultat_total"] = sortie["resultat_par_membre"] * en_nombres(sortie["clients"], "clients")
    return sortie
