"""Les indicateurs du cours : taux commerciaux, marges, satisfaction.

Chaque taux est rendu en **fraction** (0,25 et non 25) : multipliez par 100
pour l'écrire en pourcentage. Chaque fonction accepte des nombres ou des
séries pandas (une ligne par campagne, par vendeur, par mois...) :

- sur des nombres, un dénominateur nul lève une ``ValueError`` française qui
  nomme la quantité nulle (un taux sur zéro devis n'existe pas) ;
- sur des séries, les lignes au dénominateur nul donnent ``NaN``.

Une quantité qui ne peut pas être négative (envois, devis, clients...) et qui
l'est lève une erreur : c'est presque toujours une erreur de saisie.

Voir la leçon « 08 · Évaluer » pour les définitions et les pièges.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from grc.validation import ErreurDonnees, en_nombres, signaler_exclusion

Nombre = float | pd.Series

__all__ = [
    "coefficient_multiplicateur",
    "indice_satisfaction",
    "marge",
    "nps",
    "panier_moyen",
    "part_satisfaits",
    "prix_vente_depuis_taux_marge",
    "prix_vente_depuis_taux_marque",
    "progression",
    "retour_sur_investissement",
    "taux_attrition",
    "taux_clic",
    "taux_clic_ouvreurs",
    "taux_marge",
    "taux_marge_depuis_taux_marque",
    "taux_marque",
    "taux_marque_depuis_taux_marge",
    "taux_ouverture",
    "taux_realisation",
    "taux_rendement_net",
    "taux_retour",
    "taux_transformation",
]


# --- Outils internes (aussi utilisés par grc.valeur) -------------------------------------------


def en_valeur(x: object, nom: str, positif: bool = False) -> Nombre:
    """Convertit une entrée en nombre (float) ou en série de nombres.

    Accepte un nombre, un texte (« 12,5 »), une série pandas, une liste ou un
    tableau numpy (rendus en série). ``positif=True`` refuse les valeurs
    négatives avec une erreur qui nomme la quantité.

    >>> en_valeur("12,5", "le panier")
    12.5
    >>> en_valeur(-3, "le nombre d'envois", positif=True)
    Traceback (most recent call last):
    ...
    grc.validation.ErreurDonnees: Valeur négative impossible pour le nombre d'envois (valeur reçue : -3.0). Vérifiez la saisie : un nombre négatif n'a pas de sens ici.
    """
    if isinstance(x, bool | np.bool_):
        raise ErreurDonnees(f"{_majuscule(nom)} doit être un nombre, pas un booléen ({x!r}).")
    if isinstance(x, numbers.Real):
        valeur: Nombre = float(x)
    elif isinstance(x, str):
        valeur = float(en_nombres(pd.Series([x]), nom).iloc[0])
    elif isinstance(x, pd.Series | list | tuple | np.ndarray):
        valeur = en_nombres(pd.Series(x) if not isinstance(x, pd.Series) else x, nom)
    else:
        raise ErreurDonnees(
            f"{_majuscule(nom)} doit être un nombre ou une série pandas, pas un objet {type(x).__name__}."
        )
    if positif:
        _refuser_negatifs(valeur, nom)
    return valeur


def _majuscule(texte: str) -> str:
    return texte[:1].upper() + texte[1:]


def _refuser_negatifs(valeur: Nombre, nom: str) -> None:
    if isinstance(valeur, pd.Series):
        negatifs = valeur < 0
        if negatifs.any():
            raise ErreurDonnees(
                f"Valeur négative impossible pour {nom} : {int(negatifs.sum())} valeur(s) négative(s), "
                f"par exemple {valeur[negatifs].iloc[0]!r}. Corrigez ces lignes."
            )
    elif valeur < 0:
        raise ErreurDonnees(
            f"Valeur négative impossible pour {nom} (valeur reçue : {valeur!r}). "
            "Vérifiez la saisie : un nombre négatif n'a pas de sens ici."
        )


def diviser(numerateur: Nombre, denominateur: Nombre, nom_denominateur: str, indicateur: str) -> Nombre:
    """Divise, avec un dénominateur nul traité comme le veut le module.

    Nombre nul : ``ValueError`` qui nomme la quantité ; série : ``NaN`` sur les
    lignes concernées.

    >>> diviser(1.0, 0.0, "le nombre de devis", "le taux de transformation")
    Traceback (most recent call last):
    ...
    grc.validation.ErreurDonnees: Le nombre de devis est nul : le taux de transformation n'est pas défini (division par zéro).
    >>> diviser(pd.Series([1.0, 2.0]), pd.Series([4.0, 0.0]), "le nombre de devis", "le taux").tolist()
    [0.25, nan]
    """
    if isinstance(denominateur, pd.Series):
        return numerateur / denominateur.where(denominateur != 0)
    if denominateur == 0:
        raise ErreurDonnees(
            f"{_majuscule(nom_denominateur)} est nul : {indicateur} n'est pas défini (division par zéro)."
        )
    return numerateur / denominateur


def _taux(numerateur, denominateur, nom_num: str, nom_den: str, indicateur: str) -> Nombre:
    """Rapport de deux quantités positives (des comptes : envois, devis, commandes...)."""
    num = en_valeur(numerateur, nom_num, positif=True)
    den = en_valeur(denominateur, nom_den, positif=True)
    return diviser(num, den, nom_den, indicateur)


# --- Taux de l'entonnoir commercial ----------------------------------------------------------


def taux_transformation(commandes, devis) -> Nombre:
    """Taux de transformation : part des devis qui deviennent des commandes.

    Formule : ``commandes / devis``.

    Parameters
    ----------
    commandes : nombre ou Series
        Nombre de commandes obtenues (ou de devis acceptés).
    devis : nombre ou Series
        Nombre de devis émis.

    Returns
    -------
    float ou Series
        Une fraction entre 0 et 1 (0,25 = 25 %).

    Notes
    -----
    Piège : comparez des choses comparables. Les commandes sont celles issues
    des devis comptés au dénominateur (même période, même vendeur). Le même
    mot désigne aussi, en magasin, acheteurs / visiteurs : dites toujours ce
    que vous divisez.

    Examples
    --------
    >>> taux_transformation(12, 48)
    0.25
    """
    return _taux(commandes, devis, "le nombre de commandes", "le nombre de devis", "le taux de transformation")


def taux_retour(reponses, envois) -> Nombre:
    """Taux de retour d'une campagne : part des contacts qui ont répondu.

    Formule : ``réponses / envois``.

    Notes
    -----
    Piège : le taux de retour mesure l'intérêt, pas l'efficacité commerciale ;
    une réponse n'est pas une commande (voir :func:`taux_rendement_net`).

    Examples
    --------
    >>> taux_retour(150, 5000)
    0.03
    """
    return _taux(reponses, envois, "le nombre de réponses", "le nombre d'envois", "le taux de retour")


def taux_rendement_net(commandes, reponses) -> Nombre:
    """Taux de rendement net : part des réponses qui se transforment en commandes.

    Formule : ``commandes / réponses``.

    Notes
    -----
    Piège : le dénominateur est le nombre de **réponses**, pas d'envois.
    Commandes / envois se lit comme le produit des deux taux :
    ``taux_retour × taux_rendement_net``.

    Examples
    --------
    >>> taux_rendement_net(60, 150)
    0.4
    """
    return _taux(commandes, reponses, "le nombre de commandes", "le nombre de réponses", "le taux de rendement net")


def taux_ouverture(ouvertures, envois) -> Nombre:
    """Taux d'ouverture d'un emailing : part des emails envoyés qui ont été ouverts.

    Formule : ``ouvertures / envois`` (ouvertures uniques : un client qui
    ouvre trois fois compte une fois).

    Notes
    -----
    Piège : certains outils divisent par les emails *délivrés* (envois moins
    les adresses en erreur) ; le taux paraît alors un peu meilleur.

    Examples
    --------
    >>> taux_ouverture(1100, 5000)
    0.22
    """
    return _taux(ouvertures, envois, "le nombre d'ouvertures", "le nombre d'envois", "le taux d'ouverture")


def taux_clic(clics, envois) -> Nombre:
    """Taux de clic d'un emailing, rapporté aux **envois**.

    Formule : ``clics / envois`` (clics uniques).

    Notes
    -----
    Deux définitions circulent. Celle-ci (clics / envois) mesure l'efficacité
    de toute la campagne. Rapporté aux seules ouvertures, on obtient le taux de
    clic des ouvreurs (ou taux de réactivité), qui mesure l'attrait du contenu
    pour ceux qui ont lu : voir :func:`taux_clic_ouvreurs`. Dites toujours
    lequel vous citez.

    Examples
    --------
    >>> taux_clic(200, 5000)
    0.04
    """
    return _taux(clics, envois, "le nombre de clics", "le nombre d'envois", "le taux de clic")


def taux_clic_ouvreurs(clics, ouvertures) -> Nombre:
    """Taux de clic des ouvreurs (taux de réactivité) : clics rapportés aux ouvertures.

    Formule : ``clics / ouvertures``.

    Examples
    --------
    >>> round(taux_clic_ouvreurs(200, 1100), 4)
    0.1818
    """
    return _taux(clics, ouvertures, "le nombre de clics", "le nombre d'ouvertures", "le taux de clic des ouvreurs")


def taux_attrition(clients_perdus, clients_debut) -> Nombre:
    """Taux d'attrition : part des clients du début de période perdus pendant la période.

    Formule : ``clients perdus / clients en début de période``. Le taux de
    rétention est son complément : ``1 − taux d'attrition``.

    Notes
    -----
    Piège : les nouveaux clients de la période ne comptent ni au numérateur
    ni au dénominateur ; sinon l'acquisition masque les pertes. Un nombre de
    clients perdus supérieur au nombre de clients de départ est refusé.

    Examples
    --------
    >>> taux_attrition(120, 800)
    0.15
    """
    taux = _taux(clients_perdus, clients_debut, "le nombre de clients perdus",
                 "le nombre de clients en début de période", "le taux d'attrition")
    if (np.asarray(taux) > 1).any():
        raise ErreurDonnees(
            "Il y a plus de clients perdus que de clients en début de période : on ne peut perdre que des "
            "clients qu'on avait. Les nouveaux clients de la période ne doivent pas être comptés comme perdus."
        )
    return taux


# --- Évolution et objectifs ------------------------------------------------------------------


def progression(valeur, valeur_precedente) -> Nombre:
    """Taux de progression (évolution) d'une période à l'autre, par exemple par rapport à N−1.

    Formule : ``(valeur − valeur précédente) / valeur précédente``.

    Notes
    -----
    Piège : une baisse de 20 % suivie d'une hausse de 20 % ne ramène pas au
    point de départ (100 → 80 → 96). La valeur précédente doit être positive :
    une évolution rapportée à un résultat négatif n'a pas de sens.

    Examples
    --------
    >>> progression(115_000, 100_000)
    0.15
    """
    v = en_valeur(valeur, "la valeur")
    v0 = en_valeur(valeur_precedente, "la valeur précédente", positif=True)
    return diviser(v - v0, v0, "la valeur précédente", "le taux de progression")


def taux_realisation(realise, objectif) -> Nombre:
    """Taux de réalisation d'un objectif : réalisé / objectif.

    Formule : ``réalisé / objectif`` (1 = objectif atteint, 1,1 = dépassé de 10 %).

    Notes
    -----
    Piège : ne pas confondre avec l'écart à l'objectif, ``réalisé / objectif − 1``.

    Examples
    --------
    >>> taux_realisation(46_000, 40_000)
    1.15
    """
    r = en_valeur(realise, "le réalisé")
    o = en_valeur(objectif, "l'objectif", positif=True)
    return diviser(r, o, "l'objectif", "le taux de réalisation")


def panier_moyen(ca, nombre_tickets) -> Nombre:
    """Panier moyen : chiffre d'affaires par ticket (en euros, pas une fraction).

    Formule : ``CA / nombre de tickets``.

    Notes
    -----
    Piège : divisez par le nombre de **tickets** (passages en caisse), pas par
    le nombre de lignes de ticket ni par le nombre de clients.

    Examples
    --------
    >>> panier_moyen(12_600, 420)
    30.0
    """
    c = en_valeur(ca, "le chiffre d'affaires")
    n = en_valeur(nombre_tickets, "le nombre de tickets", positif=True)
    return diviser(c, n, "le nombre de tickets", "le panier moyen")


def retour_sur_investissement(marge_generee, cout) -> Nombre:
    """Retour sur investissement (ROI) d'une action : ce que rapporte chaque euro dépensé.

    Formule : ``(marge générée − coût) / coût``, où la marge générée est celle
    des ventes dues à l'action, **avant** déduction du coût de l'action.

    Notes
    -----
    Piège : le ROI se calcule sur la **marge**, pas sur le chiffre d'affaires.
    Le rapport CA généré / coût (le « ROAS » des publicitaires) paraît bien
    meilleur et peut être supérieur à 1 pour une action qui perd de l'argent.
    Un ROI de 0 veut dire que l'action rembourse juste son coût.

    Examples
    --------
    >>> retour_sur_investissement(15_000, 6_000)
    1.5
    """
    m = en_valeur(marge_generee, "la marge générée")
    c = en_valeur(cout, "le coût", positif=True)
    return diviser(m - c, c, "le coût", "le retour sur investissement")


# --- Marges et prix --------------------------------------------------------------------------


def _prix(prix_vente_ht, cout_achat_ht):
    pv = en_valeur(prix_vente_ht, "le prix de vente HT", positif=True)
    ca = en_valeur(cout_achat_ht, "le coût d'achat HT", positif=True)
    return pv, ca


def marge(prix_vente_ht, cout_achat_ht) -> Nombre:
    """Marge commerciale unitaire, en euros.

    Formule : ``prix de vente HT − coût d'achat HT``.

    Notes
    -----
    Piège : tout se calcule **hors taxes** ; la TVA n'appartient pas au
    commerçant. Une marge peut être négative (vente à perte).

    Examples
    --------
    >>> marge(100, 75)
    25.0
    """
    pv, ca = _prix(prix_vente_ht, cout_achat_ht)
    return pv - ca


def taux_marge(prix_vente_ht, cout_achat_ht) -> Nombre:
    """Taux de marge : la marge rapportée au **coût d'achat**.

    Formule : ``(PV HT − coût d'achat HT) / coût d'achat HT``.

    Notes
    -----
    Piège classique : le taux de marge (sur le coût) et le taux de marque
    (sur le prix de vente, :func:`taux_marque`) ont le même numérateur mais pas
    le même dénominateur. Pour un article acheté 75 € et vendu 100 € HT, la
    marge est de 25 € : taux de marge 33,3 %, taux de marque 25 %. Le taux de
    marge est toujours le plus grand des deux (quand la marge est positive).

    Examples
    --------
    >>> round(taux_marge(100, 75), 4)
    0.3333
    """
    pv, ca = _prix(prix_vente_ht, cout_achat_ht)
    return diviser(pv - ca, ca, "le coût d'achat HT", "le taux de marge")


def taux_marque(prix_vente_ht, cout_achat_ht) -> Nombre:
    """Taux de marque : la marge rapportée au **prix de vente HT**.

    Formule : ``(PV HT − coût d'achat HT) / PV HT``.

    Notes
    -----
    Piège classique : ne pas le confondre avec le taux de marge, calculé sur
    le coût (:func:`taux_marge`). Un taux de marque ne peut pas atteindre
    100 % ; un taux de marge, si.

    Examples
    --------
    >>> taux_marque(100, 75)
    0.25
    """
    pv, ca = _prix(prix_vente_ht, cout_achat_ht)
    return diviser(pv - ca, pv, "le prix de vente HT", "le taux de marque")


def coefficient_multiplicateur(prix_vente_ttc, prix_achat_ht) -> Nombre:
    """Coefficient multiplicateur : ce par quoi on multiplie le prix d'achat HT pour obtenir le prix de vente TTC.

    Formule : ``PV TTC / prix d'achat HT``.

    Notes
    -----
    Piège : le coefficient passe du HT (achat) au TTC (vente) ; il contient la
    TVA. Avec un taux de marque ``tm`` et une TVA ``t`` :
    ``coefficient = (1 + t) / (1 − tm)``.

    Examples
    --------
    >>> coefficient_multiplicateur(120, 75)
    1.6
    """
    pv = en_valeur(prix_vente_ttc, "le prix de vente TTC", positif=True)
    pa = en_valeur(prix_achat_ht, "le prix d'achat HT", positif=True)
    return diviser(pv, pa, "le prix d'achat HT", "le coefficient multiplicateur")


def prix_vente_depuis_taux_marque(cout_achat_ht, taux_marque) -> Nombre:
    """Prix de vente HT qui donne un taux de marque voulu.

    Formule : ``PV HT = coût d'achat HT / (1 − taux de marque)``.

    Notes
    -----
    Piège : ajouter 25 % au coût donne un taux de **marge** de 25 %, pas un
    taux de marque de 25 % (75 × 1,25 = 93,75 et non 100).

    Examples
    --------
    >>> prix_vente_depuis_taux_marque(75, 0.25)
    100.0
    """
    ca = en_valeur(cout_achat_ht, "le coût d'achat HT", positif=True)
    tm = en_valeur(taux_marque, "le taux de marque")
    if (np.asarray(tm) >= 1).any():
        raise ErreurDonnees(
            "Un taux de marque doit être inférieur à 1 (100 %) : la marge ne peut pas égaler le prix "
            "de vente. Écrivez le taux en fraction (0.25 pour 25 %)."
        )
    return ca / (1 - tm)


def prix_vente_depuis_taux_marge(cout_achat_ht, taux_marge) -> Nombre:
    """Prix de vente HT qui donne un taux de marge voulu.

    Formule : ``PV HT = coût d'achat HT × (1 + taux de marge)``.

    Examples
    --------
    >>> prix_vente_depuis_taux_marge(75, 1 / 3)
    100.0
    """
    ca = en_valeur(cout_achat_ht, "le coût d'achat HT", positif=True)
    tmg = en_valeur(taux_marge, "le taux de marge")
    if (np.asarray(tmg) <= -1).any():
        raise ErreurDonnees("Un taux de marge doit être supérieur à −1 (−100 %) : le prix de vente serait nul ou négatif.")
    return ca * (1 + tmg)


def taux_marque_depuis_taux_marge(taux_marge) -> Nombre:
    """Convertit un taux de marge (sur coût) en taux de marque (sur prix de vente).

    Formule : ``taux de marque = taux de marge / (1 + taux de marge)``.

    Examples
    --------
    >>> round(taux_marque_depuis_taux_marge(1 / 3), 4)
    0.25
    """
    tmg = en_valeur(taux_marge, "le taux de marge")
    return diviser(tmg, 1 + tmg, "1 + le taux de marge", "le taux de marque")


def taux_marge_depuis_taux_marque(taux_marque) -> Nombre:
    """Convertit un taux de marque (sur prix de vente) en taux de marge (sur coût).

    Formule : ``taux de marge = taux de marque / (1 − taux de marque)``.

    Examples
    --------
    >>> round(taux_marge_depuis_taux_marque(0.25), 4)
    0.3333
    """
    tm = en_valeur(taux_marque, "le taux de marque")
    return diviser(tm, 1 - tm, "1 − le taux de marque", "le taux de marge")


# --- Satisfaction et recommandation ----------------------------------------------------------


def _notes(notes, nom: str, note_max: float) -> pd.Series:
    """Série de notes sans valeurs manquantes (écartées et signalées), toutes dans [0, note_max]."""
    serie = en_valeur(notes if not isinstance(notes, numbers.Real) else [notes], nom)
    manquantes = int(serie.isna().sum())
    signaler_exclusion(manquantes, f"{nom} manquante(s), sans réponse")
    serie = serie.dropna()
    if serie.empty:
        raise ErreurDonnees(f"Aucune note à analyser : {nom} est vide.")
    hors = (serie < 0) | (serie > note_max)
    if hors.any():
        raise ErreurDonnees(
            f"{_majuscule(nom)} doivent être comprises entre 0 et {note_max:g} : {int(hors.sum())} note(s) "
            f"hors de l'échelle, par exemple {serie[hors].iloc[0]:g}. Vérifiez l'échelle de la question."
        )
    return serie


def _note_maximale(note_max) -> float:
    valeur = en_valeur(note_max, "la note maximale")
    if not isinstance(valeur, float) or not valeur > 0:
        raise ErreurDonnees(f"La note maximale doit être un nombre positif (5 pour une échelle de 1 à 5), pas {note_max!r}.")
    return valeur


def nps(notes_0_10, en_points: bool = False) -> float:
    """Net Promoter Score : part de promoteurs moins part de détracteurs.

    À la question « Recommanderiez-vous l'enseigne à un proche ? » (de 0 à 10),
    les **promoteurs** répondent 9 ou 10, les **passifs** 7 ou 8 et les
    **détracteurs** de 0 à 6. Formule :
    ``NPS = (promoteurs − détracteurs) / répondants``.

    Parameters
    ----------
    notes_0_10 : Series, liste ou tableau
        Une note entière de 0 à 10 par répondant ; les réponses manquantes
        sont écartées avec un avertissement.
    en_points : bool
        ``False`` (défaut) : une fraction entre −1 et 1, comme tous les taux du
        module. ``True`` : en points, entre −100 et +100, comme on l'annonce
        d'habitude (« un NPS de +20 »).

    Notes
    -----
    Piège : les passifs comptent au dénominateur mais ni en promoteurs ni en
    détracteurs ; un NPS n'est pas un pourcentage de clients satisfaits.

    Examples
    --------
    >>> nps([10, 9, 9, 8, 7, 6, 3, 10, 9, 5])
    0.2
    >>> nps([10, 9, 9, 8, 7, 6, 3, 10, 9, 5], en_points=True)
    20.0
    """
    notes = _notes(notes_0_10, "les notes de recommandation", 10)
    if (notes != notes.round()).any():
        raise ErreurDonnees("Les notes de recommandation du NPS doivent être des entiers de 0 à 10.")
    score = float((notes >= 9).mean() - (notes <= 6).mean())
    return round(score * 100, 10) if en_points else score


def indice_satisfaction(notes, note_max: float = 5) -> float:
    """Indice de satisfaction : note moyenne rapportée à la note maximale.

    Formule : ``moyenne des notes / note maximale`` (1 = tous les clients ont
    donné la note maximale).

    Parameters
    ----------
    notes : Series, liste ou tableau
        Les notes des répondants ; les réponses manquantes sont écartées avec
        un avertissement.
    note_max : nombre
        La meilleure note de l'échelle (5 pour une échelle de 1 à 5).

    Notes
    -----
    Piège : une moyenne cache la dispersion (des clients ravis et d'autres
    furieux peuvent donner 3 de moyenne) ; regardez aussi la part de clients
    satisfaits (:func:`part_satisfaits`). Sur une échelle de 1 à 5, l'indice
    ne descend pas sous 0,2.

    Examples
    --------
    >>> indice_satisfaction([5, 4, 4, 3, 5, 2, 5, 4], note_max=5)
    0.8
    """
    note_max = _note_maximale(note_max)
    return float(_notes(notes, "les notes de satisfaction", note_max).mean() / note_max)


def part_satisfaits(notes, seuil: float = 4, note_max: float = 5) -> float:
    """Part des répondants satisfaits : note supérieure ou égale au seuil (« top 2 » sur 1 à 5).

    Formule : ``nombre de notes ≥ seuil / nombre de répondants``.

    Examples
    --------
    >>> part_satisfaits([5, 4, 4, 3, 5, 2, 5, 4])
    0.75
    """
    note_max = _note_maximale(note_max)
    return float((_notes(notes, "les notes de satisfaction", note_max) >= seuil).mean())
