"""Les glissements : les erreurs habituelles, nommées et expliquées en mots de métier.

Un glissement est une erreur que font beaucoup d'élèves : compter les lignes d'un ticket au lieu
des tickets, donner 25 au lieu de 0,25, se tromper d'un jour... Chaque sorte a un message français
qui explique l'erreur sans donner la réponse. Dans un juge, :func:`avec_glissements` reconnaît la
réponse glissée (elle vaut la valeur que produit l'erreur) et remplace le refus général (« écart de
67 % ») par ce message :

.. code-block:: python

    @exercice("00_panier_moyen", indices=(...))
    def _panier_moyen(reponse):
        retour = comparer_nombre(reponse, ca / nb_tickets, tolerance=0.005, relative=False)
        return avec_glissements(retour, reponse, {"lignes_pour_tickets": ca / nb_lignes}, tolerance=3e-4)

Les lignes du tableau des glissements (un exercice, une sorte, la réponse glissée) sont dans
``tests/glissements/theme_NN.py`` ; ``python -m outils.glissements`` l'imprime.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .comparaisons import index_en_texte, memes_valeurs, normaliser_texte, proche
from .retour import Retour, incorrect


@dataclass(frozen=True)
class Glissement:
    """Une sorte d'erreur habituelle : sa clé, son message, les mots qui la nomment."""

    cle: str
    titre: str
    message: str
    mots: tuple[str, ...]


_LISTE = [
    Glissement(
        "jour_decale", "un jour de décalage",
        "Un jour de décalage : vérifiez si le jour de référence compte (le jour même = 0 jour) "
        "et si les bornes de la période sont incluses ou exclues.",
        ("jour", "decalage")),
    Glissement(
        "signe_inverse", "le signe inversé",
        "La bonne valeur, mais le signe est inversé : une baisse ou une perte s'écrit avec un signe moins, "
        "une hausse ou un gain avec un plus (un écart = la nouvelle valeur moins l'ancienne).",
        ("signe", "inverse")),
    Glissement(
        "pourcentage_pour_fraction", "un pourcentage au lieu d'une fraction",
        "Vous avez donné un pourcentage (25) là où une fraction est attendue (0,25) : divisez par 100.",
        ("pourcentage", "fraction")),
    Glissement(
        "fraction_pour_pourcentage", "une fraction au lieu d'un pourcentage",
        "Vous avez donné une fraction (0,25) là où un pourcentage est attendu (25) : multipliez par 100.",
        ("fraction", "pourcentage")),
    Glissement(
        "lignes_pour_tickets", "les lignes comptées au lieu des tickets",
        "Vous avez compté les lignes de ticket, pas les tickets : un passage en caisse (un ticket) "
        "a souvent plusieurs lignes, une par article. Comptez les tickets différents.",
        ("ligne", "ticket")),
    Glissement(
        "dates_pour_tickets", "les dates d'achat comptées au lieu des tickets",
        "Vous avez compté les dates d'achat, pas les tickets : un client peut passer deux fois en "
        "caisse le même jour, et ce sont deux tickets. Comptez les tickets différents.",
        ("date", "ticket")),
    Glissement(
        "lignes_pour_clients", "les lignes comptées au lieu des clients",
        "Vous avez compté des lignes, pas des clients : un même client apparaît sur plusieurs lignes. "
        "Comptez les clients différents.",
        ("ligne", "client")),
    Glissement(
        "ht_pour_ttc", "un montant HT au lieu du TTC",
        "Vous avez donné un montant hors taxes (HT) là où le montant toutes taxes comprises (TTC) est "
        "attendu : TTC = HT × (1 + taux de TVA).",
        ("HT", "TTC")),
    Glissement(
        "ttc_pour_ht", "un montant TTC au lieu du HT",
        "Vous avez donné un montant toutes taxes comprises (TTC) là où le montant hors taxes (HT) est "
        "attendu : HT = TTC / (1 + taux de TVA).",
        ("TTC", "HT")),
    Glissement(
        "marge_pour_marque", "le taux de marge au lieu du taux de marque",
        "Vous avez calculé un taux de marge (la marge rapportée au coût d'achat) au lieu du taux de "
        "marque (la marge rapportée au prix de vente HT).",
        ("taux de marge", "taux de marque")),
    Glissement(
        "marque_pour_marge", "le taux de marque au lieu du taux de marge",
        "Vous avez calculé un taux de marque (la marge rapportée au prix de vente HT) au lieu du taux "
        "de marge (la marge rapportée au coût d'achat).",
        ("taux de marque", "taux de marge")),
    Glissement(
        "cumul_pour_mois", "le cumul au lieu du mois",
        "Vous avez donné un cumul (depuis le début de l'année) au lieu de la valeur du seul mois : "
        "prenez le mois seul, ou la différence de deux cumuls.",
        ("cumul", "mois")),
    Glissement(
        "moyenne_pour_somme", "une moyenne au lieu d'un total",
        "Vous avez fait une moyenne là où un total est attendu : additionnez les valeurs (la somme) "
        "au lieu d'en faire la moyenne.",
        ("moyenne", "somme")),
    Glissement(
        "somme_pour_moyenne", "un total au lieu d'une moyenne",
        "Vous avez donné un total là où une moyenne est attendue : divisez la somme par le nombre "
        "de valeurs (la moyenne).",
        ("somme", "moyenne")),
    Glissement(
        "toutes_annees", "tout l'historique au lieu de l'année demandée",
        "Vous avez pris tout l'historique : gardez seulement l'année demandée avant de calculer.",
        ("historique", "annee")),
    Glissement(
        "base_inversee", "la mauvaise base de l'évolution",
        "Vous avez divisé par la mauvaise valeur : une évolution se rapporte à la valeur de départ "
        "(l'ancienne), pas à la nouvelle.",
        ("valeur de depart", "evolution")),
    Glissement(
        "points_pour_pourcentage", "des points au lieu d'un pourcentage d'évolution",
        "Vous avez donné un écart en points (la différence de deux taux) au lieu d'une évolution en "
        "pourcentage (cette différence rapportée au taux de départ), ou l'inverse.",
        ("points", "pourcentage")),
]

#: Les sortes de glissements, par clé.
GLISSEMENTS: dict[str, Glissement] = {g.cle: g for g in _LISTE}


def glissement(cle: str) -> Glissement:
    """La sorte de glissement ``cle`` ; une clé inconnue lève ``KeyError`` avec la liste des clés.

    >>> glissement("lignes_pour_tickets").titre
    'les lignes comptées au lieu des tickets'
    """
    if cle not in GLISSEMENTS:
        raise KeyError(f"Glissement inconnu : '{cle}'. Sortes connues : {', '.join(GLISSEMENTS)}.")
    return GLISSEMENTS[cle]


def nomme(message: str, cle: str) -> bool:
    """Vrai si ``message`` nomme le glissement ``cle`` (il contient tous ses mots, accents ignorés).

    >>> nomme("Vous avez compté les lignes, pas les tickets.", "lignes_pour_tickets")
    True
    >>> nomme("Écart de 67 %.", "lignes_pour_tickets")
    False
    """
    texte = normaliser_texte(message)
    return all(normaliser_texte(mot) in texte for mot in glissement(cle).mots)


def _meme_reponse(reponse: Any, valeur: Any, tolerance: float, echelle: float) -> bool:
    """Vrai si la réponse vaut la valeur glissée : nombre à la tolérance près, série, liste ou texte."""
    if isinstance(valeur, pd.Series):
        if isinstance(reponse, pd.DataFrame) and reponse.shape[1] == 1:
            reponse = reponse.iloc[:, 0]
        return memes_valeurs(index_en_texte(reponse), index_en_texte(valeur), tolerance)
    if isinstance(valeur, str):
        return isinstance(reponse, str) and normaliser_texte(reponse) == normaliser_texte(valeur)
    if isinstance(valeur, Iterable):
        if isinstance(reponse, str | bytes | pd.DataFrame) or not isinstance(reponse, Iterable):
            return False
        return {str(x) for x in reponse} == {str(x) for x in valeur}
    return proche(reponse, float(valeur), tolerance, echelle=echelle)


def avec_glissements(
    retour: Retour,
    reponse: Any,
    glissements: Mapping[str, Any],
    tolerance: float = 1e-3,
    *,
    echelle: float = 0.0,
    precisions: Mapping[str, str] | None = None,
) -> Retour:
    """Remplace un refus général par le message du glissement où tombe la réponse.

    ``glissements`` associe à chaque sorte (clé de :data:`GLISSEMENTS`) la réponse que donne ce
    glissement sur les données de l'exercice : un nombre (comparé à ``tolerance`` près, relative,
    absolue sous ``echelle`` comme :func:`~grc.exercices.comparaisons.proche`), une série, une liste
    d'identifiants ou un texte. ``precisions`` ajoute, pour une sorte, une phrase propre à
    l'exercice. Une réponse juste (ou vide) est rendue telle quelle.

    >>> from grc.exercices.comparaisons import comparer_nombre
    >>> retour = comparer_nombre(31.5, 42.0)
    >>> print(avec_glissements(retour, 31.5, {"lignes_pour_tickets": 31.5}).message)
    Vous avez compté les lignes de ticket, pas les tickets : un passage en caisse (un ticket) a souvent plusieurs lignes, une par article. Comptez les tickets différents.
    >>> avec_glissements(comparer_nombre(42.0, 42.0), 42.0, {"lignes_pour_tickets": 31.5}).statut
    'correct'
    """
    for cle in glissements:
        glissement(cle)  # une clé inconnue est une erreur de l'auteur : la dire tout de suite
    if retour.est_correct or retour.statut == "vide":
        return retour
    for cle, valeur in glissements.items():
        if _meme_reponse(reponse, valeur, tolerance, echelle):
            message = GLISSEMENTS[cle].message
            if precisions and precisions.get(cle):
                message = f"{message} {precisions[cle]}"
            return incorrect(message)
    return retour


def tableau_markdown(lignes: Iterable[tuple[str, str, str]]) -> str:
    """Le tableau des glissements en markdown : exercice, glissement, ce que reçoit l'élève.

    >>> print(tableau_markdown([("00_panier_moyen", "lignes_pour_tickets", "Comptez les tickets.")]))
    | exercice | glissement | ce que reçoit l'élève |
    | --- | --- | --- |
    | `00_panier_moyen` | les lignes comptées au lieu des tickets | Comptez les tickets. |
    """
    texte = ["| exercice | glissement | ce que reçoit l'élève |", "| --- | --- | --- |"]
    for nom, cle, message in lignes:
        message = " ".join(message.split()).replace("|", "\\|")
        texte.append(f"| `{nom}` | {glissement(cle).titre} | {message} |")
    return "\n".join(texte)
