"""Exercices du thème 09 : techniques de vente (SONCAS, CAP, CRAC, prospection et son entonnoir).

Les quatre premiers exercices sont des exercices de classement : la clé est une
grille pédagogique écrite ici (avec l'explication de chaque réponse, affichée
quand la réponse est juste, et un indice pour chaque erreur qui ne donne pas la
bonne case). Les suivants sont calculés sur les tables ``prospection`` et
``devis`` avec :mod:`grc.vente`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import cache

import numpy as np
import pandas as pd

from grc.validation import ErreurDonnees
from grc.vente import ETAPES_CAP, contacts_necessaires, entonnoir_prospection, mobile_soncas

from ..comparaisons import (
    avec_series_typiques,
    comparer_choix,
    comparer_decision,
    comparer_ensemble,
    comparer_ordre,
    comparer_serie,
    comparer_table,
    en_dictionnaire,
    en_serie,
    en_table,
    index_en_texte,
    memes_valeurs,
    normaliser_texte,
)
from ..contexte import table_verdance
from ..enonces import ENONCES_SONCAS
from ..glissements import GLISSEMENTS
from ..registre import exercice
from ..retour import Retour, correct, incorrect, vide

# --- Les énoncés (repris mot pour mot dans le cahier) ----------------------------------------------

#: Exercice « 09_soncas_phrases » : numéro → (mobile, explication, indice sans la réponse) ; les phrases
#: du client sont dans :data:`grc.exercices.enonces.ENONCES_SONCAS` (le cahier les affiche).
_CLES_SONCAS: dict[int, tuple[str, str, str]] = {
    1: ("sécurité", "le client craint la panne et demande une garantie",
        "relisez « je ne veux pas qu'elle me lâche » : que craint ce client ?"),
    2: ("orgueil", "le client veut être admiré et se distinguer",
        "relisez « tous mes invités doivent le remarquer »."),
    3: ("nouveauté", "le client est attiré par ce qui vient de sortir",
        "relisez « j'aime bien essayer ce qui sort »."),
    4: ("confort", "le client veut moins d'efforts et gagner du temps",
        "relisez « je ne veux plus passer mes week-ends à arroser »."),
    5: ("argent", "le client cherche à payer moins",
        "relisez « vous me faites un prix ? »."),
    6: ("sympathie", "le client achète aussi pour la relation avec la vendeuse",
        "relisez « c'est un plaisir de discuter avec elle »."),
    7: ("écologie", "le client pense à l'environnement (mobile ajouté par la grille SONCASE)",
        "relisez « je ne veux pas polluer la nappe phréatique »."),
    8: ("confort", "le client veut un système qui tourne sans lui",
        "relisez « on le programme une fois et on n'y touche plus »."),
}
#: Numéro → (phrase du client, mobile, explication, indice sans la réponse).
PHRASES_SONCAS: dict[int, tuple[str, str, str, str]] = {n: (ENONCES_SONCAS[n], *cle) for n, cle in _CLES_SONCAS.items()}

#: Exercice « 09_cap_nature » : numéro → (phrase du vendeur, nature C/A/P, explication).
PHRASES_CAP: dict[int, tuple[str, str, str]] = {
    1: ("Le moteur est alimenté par une batterie lithium-ion de 36 volts.", "caractéristique",
        "un fait technique, vrai pour tous les clients"),
    2: ("Vous tondez tout le jardin sans traîner de rallonge derrière vous.", "avantage",
        "ce que la batterie change pour le client"),
    3: ("Tenez, soulevez-la vous-même par la poignée.", "preuve", "une démonstration : le client constate"),
    4: ("Elle pèse 14 kg.", "caractéristique", "une mesure du produit"),
    5: ("Vous la portez d'une seule main pour monter les marches de la terrasse.", "avantage",
        "ce que le poids réduit apporte au client"),
    6: ("Le bac de ramassage contient 50 litres.", "caractéristique", "une donnée de la fiche technique"),
    7: ("Un paysagiste de Tours l'utilise depuis deux saisons : voici son avis, publié sur notre site.", "preuve",
        "un témoignage d'utilisateur, vérifiable"),
    8: ("Vous videz le bac moins souvent, donc vous finissez plus vite.", "avantage",
        "le gain de temps que donne le grand bac"),
}

#: Exercice « 09_cap_associations » : les caractéristiques, avantages et preuves proposés.
CARACTERISTIQUES = {
    1: "Le paillage de chanvre se pose en couche de 5 cm au pied des massifs.",
    2: "Le robot de tonte suit un fil périphérique et retourne seul à sa base de charge.",
    3: "Le terreau est utilisable en agriculture biologique.",
    4: "Le pot en terre cuite est ingélif : il est cuit à 1 100 °C.",
}
AVANTAGES = {
    "A": "Votre pelouse est tondue même pendant vos vacances.",
    "B": "Vous arrosez moins souvent et les mauvaises herbes ne repoussent pas.",
    "C": "Vous le laissez dehors tout l'hiver sans craindre qu'il éclate.",
    "D": "Vos légumes poussent sans engrais chimiques.",
}
PREUVES = {
    "i": "Le logo AB et le nom de l'organisme certificateur sont imprimés sur le sac.",
    "ii": "Démonstration dans l'allée centrale : le robot tond la pelouse d'exposition depuis ce matin.",
    "iii": "Essai dans nos massifs de démonstration : 40 % d'eau d'arrosage en moins sur une saison.",
    "iv": "La garantie « gel » de 10 ans du fabricant figure sur l'étiquette.",
}
#: La clé : caractéristique → (avantage, preuve).
ASSOCIATIONS_CAP = {1: ("B", "iii"), 2: ("A", "ii"), 3: ("D", "i"), 4: ("C", "iv")}

#: Exercice « 09_crac_ordre » : l'objection et les quatre répliques du vendeur, dans le désordre.
OBJECTION_CRAC = "Votre terreau est plus cher qu'en grande surface."
REPLIQUES_CRAC = {
    "a": "Ce terreau contient un engrais qui nourrit vos plantes pendant trois mois : vous n'avez pas à acheter "
         "d'engrais à côté. Regardez la composition, elle est imprimée au dos du sac.",
    "b": "Plus cher de combien, et avec quel terreau l'avez-vous comparé ?",
    "c": "Est-ce que cela répond à votre question ? Je vous en mets trois sacs dans le chariot ?",
    "d": "Si je vous comprends bien, l'écart de prix vous semble élevé pour un produit qui vous paraît identique ?",
}
#: La clé : réplique → étape de la méthode.
ETAPE_REPLIQUE = {"b": "creuser", "d": "reformuler", "a": "argumenter", "c": "conclure"}

#: Exercice « 09_prospection_ordre » : les actions de la campagne de prospection, dans le désordre.
ACTIONS_PROSPECTION = {
    "a": "Hugo appelle les paysagistes du fichier pour leur proposer un rendez-vous.",
    "b": "Hugo saisit le compte rendu dans le CRM et relance le devis dix jours plus tard.",
    "c": "La direction décide de viser les paysagistes de moins de dix salariés d'Indre-et-Loire.",
    "d": "Hugo complète le fichier : coordonnées vérifiées, nom du gérant, taille de l'entreprise.",
    "e": "Hugo relit l'historique du prospect, fixe l'objectif du rendez-vous et prépare ses arguments.",
    "f": "Hugo rencontre le gérant sur un chantier, découvre ses besoins et présente l'offre.",
}
#: La clé : action → étape de la prospection.
ETAPE_ACTION = {"c": "ciblage", "d": "fichier", "a": "prise de rendez-vous", "e": "préparation",
                "f": "visite", "b": "suivi"}

#: Exercices sur les données : les noms des taux de passage.
TAUX_PASSAGE = ["taux_rdv", "taux_visite", "taux_devis", "taux_transformation"]
#: Exercice « 09_etapes_a_travailler » : le vendeur étudié et le seuil d'écart relatif à l'équipe.
VENDEUR_ETUDIE = "Lucas Petit"
SEUIL_ECART = -0.10
#: Exercice « 09_plan_prospection » : l'objectif de commandes du vendeur étudié pour 2025.
OBJECTIF_COMMANDES = 50


# --- Outils ---------------------------------------------------------------------------------------


@cache
def entonnoir_verdance() -> pd.DataFrame:
    """L'entonnoir 2022-2024 de chaque vendeur, avec la ligne « Équipe »."""
    return entonnoir_prospection(table_verdance("prospection"), total="Équipe")


def _cles_entieres(reponse: Mapping) -> dict:
    """Accepte les clés 1 et "1" indifféremment."""
    return {int(k) if isinstance(k, str) and k.strip().isdigit() else k: v for k, v in reponse.items()}


def _verifier_dict(reponse: object, attendues: list, quoi: str) -> dict | Retour:
    """Un dictionnaire avec toutes les clés attendues, sinon un message qui dit ce qui manque."""
    if not isinstance(reponse, Mapping):
        return incorrect(f"Un dictionnaire était attendu ({quoi}).")
    reponse = _cles_entieres(reponse)
    manquantes = [str(k) for k in attendues if k not in reponse]
    if manquantes:
        return incorrect(f"Clé(s) manquante(s) dans le dictionnaire : {', '.join(manquantes)}.")
    en_trop = [str(k) for k in reponse if k not in attendues]
    if en_trop:
        return incorrect(f"Clé(s) inconnue(s) : {', '.join(en_trop)} (les clés vont de {attendues[0]} à {attendues[-1]}).")
    return reponse


def _liste_explications(lignes: list[str]) -> str:
    return "\n".join(f"• {ligne}" for ligne in lignes)


# --- 1. SONCAS --------------------------------------------------------------------------------------


@exercice("09_soncas_phrases", indices=(
    "L'idée : cherchez ce que le client veut obtenir ou éviter, pas le produit dont il parle.",
    "La méthode : pour chaque phrase, soulignez les mots qui disent la peur, la fierté, la curiosité, la facilité, "
    "le prix, la relation ou la planète, puis retrouvez la lettre de la grille SONCASE.",
    "L'appel : un dictionnaire `{1: \"sécurité\", 2: \"...\", ...}` avec un mobile par phrase.",
))
def _soncas_phrases(reponse):
    numeros = list(PHRASES_SONCAS)
    donnees = _verifier_dict(reponse, numeros, "numéro de la phrase → mobile")
    if isinstance(donnees, Retour):
        return donnees
    sans_reponse = [str(n) for n in numeros if donnees[n] is None or donnees[n] is Ellipsis or donnees[n] == ""]
    if len(sans_reponse) == len(numeros):
        return vide()
    if sans_reponse:
        return incorrect(f"{len(sans_reponse)} phrase(s) sans réponse : {', '.join(sans_reponse)}.")
    mobiles = {}
    for n in numeros:
        try:
            mobiles[n] = mobile_soncas(donnees[n])
        except ErreurDonnees as erreur:
            return incorrect(f"Phrase {n} : {erreur}")
    fausses = [n for n in numeros if mobiles[n] != PHRASES_SONCAS[n][1]]
    if fausses:
        indices = _liste_explications([f"phrase {n} : {PHRASES_SONCAS[n][3]}" for n in fausses])
        return incorrect(f"{len(fausses)} phrase(s) mal classée(s) sur {len(numeros)}. Relisez :\n{indices}")
    details = _liste_explications([f"{n} → {m} : {PHRASES_SONCAS[n][2]}." for n, (_, m, *_) in PHRASES_SONCAS.items()])
    return correct(f"Toutes les phrases sont bien classées.\n{details}")


# --- 2. CAP : caractéristique, avantage ou preuve ? ---------------------------------------------------


def _nature_cap(valeur: object) -> str | None:
    texte = normaliser_texte(str(valeur))
    natures = {normaliser_texte(e): e for e in ETAPES_CAP}
    natures.update({e[0]: e for e in ETAPES_CAP})
    return natures.get(texte)


@exercice("09_cap_nature", indices=(
    "L'idée : une caractéristique décrit le produit, un avantage dit ce que le client y gagne, une preuve le "
    "rend crédible.",
    "La méthode : si la phrase parle du produit (chiffre, matière), c'est une caractéristique ; si elle commence "
    "par « vous » et parle d'un gain, un avantage ; si elle fait toucher, voir ou cite un témoin, une preuve.",
    "L'appel : un dictionnaire `{1: \"caractéristique\", 2: \"avantage\", ...}` (C, A, P acceptés).",
))
def _cap_nature(reponse):
    numeros = list(PHRASES_CAP)
    donnees = _verifier_dict(reponse, numeros, "numéro de la phrase → « caractéristique », « avantage » ou « preuve »")
    if isinstance(donnees, Retour):
        return donnees
    natures = {n: _nature_cap(donnees[n]) for n in numeros}
    inconnues = [str(n) for n in numeros if natures[n] is None]
    if inconnues:
        return incorrect(f"Phrase(s) {', '.join(inconnues)} : répondez par « caractéristique », « avantage » ou "
                         "« preuve » (ou C, A, P).")
    fausses = [n for n in numeros if natures[n] != PHRASES_CAP[n][1]]
    if fausses:
        vers_avantage = [n for n in fausses if PHRASES_CAP[n][1] == "avantage"]
        conseil = (" Une phrase qui parle du client (« vous ») et de ce qu'il y gagne est un avantage."
                   if vers_avantage else "")
        return incorrect(f"{len(fausses)} phrase(s) mal classée(s) sur {len(numeros)} : "
                         f"{', '.join(map(str, fausses))}.{conseil}")
    details = _liste_explications([f"{n} → {nat} : {expl}." for n, (_, nat, expl) in PHRASES_CAP.items()])
    return correct(f"Bonne analyse.\n{details}")


# --- 3. CAP : associer caractéristique, avantage et preuve ---------------------------------------------


def _couple(valeur: object) -> tuple[str, str] | None:
    """(avantage, preuve) depuis un tuple, une liste ou un texte « B-iii »."""
    if isinstance(valeur, str):
        valeur = [v for v in re.split(r"[^A-Za-z]+", valeur) if v]
    if not isinstance(valeur, list | tuple) or len(valeur) != 2:
        return None
    return str(valeur[0]).strip().upper(), str(valeur[1]).strip().lower()


@exercice("09_cap_associations", indices=(
    "L'idée : partez de chaque caractéristique : que change-t-elle pour le client, et qu'est-ce qui le prouve ?",
    "La méthode : reliez d'abord chaque caractéristique à l'avantage qui en découle, puis à la preuve qui montre "
    "ce même avantage (démonstration, essai chiffré, label, garantie).",
    "L'appel : un dictionnaire `{1: (\"B\", \"iii\"), 2: (...), ...}`.",
))
def _cap_associations(reponse):
    donnees = _verifier_dict(reponse, list(CARACTERISTIQUES), "caractéristique → (avantage, preuve)")
    if isinstance(donnees, Retour):
        return donnees
    couples = {n: _couple(v) for n, v in donnees.items()}
    mal_formes = [str(n) for n, c in couples.items() if c is None]
    if mal_formes:
        return incorrect(f"Caractéristique(s) {', '.join(mal_formes)} : donnez un couple (avantage, preuve), "
                         "par exemple (\"A\", \"ii\").")
    inconnus = [f"{n}" for n, (a, p) in couples.items() if a not in AVANTAGES or p not in PREUVES]
    if inconnus:
        return incorrect(f"Caractéristique(s) {', '.join(inconnus)} : les avantages vont de A à D et les preuves "
                         "de i à iv.")
    avantages_faux = [str(n) for n in CARACTERISTIQUES if couples[n][0] != ASSOCIATIONS_CAP[n][0]]
    preuves_fausses = [str(n) for n in CARACTERISTIQUES if couples[n][1] != ASSOCIATIONS_CAP[n][1]]
    if avantages_faux or preuves_fausses:
        parties = []
        if avantages_faux:
            parties.append(f"avantage mal associé pour la (les) caractéristique(s) {', '.join(avantages_faux)}")
        if preuves_fausses:
            parties.append(f"preuve mal associée pour la (les) caractéristique(s) {', '.join(preuves_fausses)}")
        texte = " ; ".join(parties)
        return incorrect(texte[0].upper() + texte[1:] + ".")
    return correct("Bonnes associations. Chaque preuve porte sur l'avantage qu'elle rend crédible : un essai "
                   "chiffré pour le paillage, une démonstration pour le robot, un label pour le terreau, une "
                   "garantie écrite pour le pot.")


# --- 4. CRAC ------------------------------------------------------------------------------------------


def _ordre_lettres(reponse: object, lettres: dict, quoi: str) -> list[str] | Retour:
    if isinstance(reponse, str) or not isinstance(reponse, list | tuple):
        return incorrect(f"Une liste de lettres était attendue, par exemple {list(lettres)[::-1]!r} ({quoi}).")
    donnees = [normaliser_texte(str(x)) for x in reponse]
    inconnues = [x for x in donnees if x not in lettres]
    if inconnues:
        return incorrect(f"Élément(s) inconnu(s) : {', '.join(inconnues)}. Donnez les lettres "
                         f"{', '.join(lettres)} ({quoi}), pas leur texte ni le nom de l'étape.")
    return donnees


@exercice("09_crac_ordre", indices=(
    "L'idée : comprendre avant de répondre ; on ne reformule que ce qu'on a compris.",
    "La méthode : cherchez d'abord la question qui fait préciser l'objection, puis la phrase qui la redit, "
    "ensuite l'argument, enfin la vérification qui fait avancer la vente.",
    "L'appel : une liste de quatre lettres, par exemple `[\"c\", \"a\", \"d\", \"b\"]`.",
))
def _crac_ordre(reponse):
    donnees = _ordre_lettres(reponse, REPLIQUES_CRAC, "les répliques du vendeur")
    if isinstance(donnees, Retour):
        return donnees
    attendu = list(ETAPE_REPLIQUE)
    if donnees and len(donnees) == len(attendu) and ETAPE_REPLIQUE.get(donnees[0]) == "argumenter":
        return incorrect("Vous argumentez dès la première réplique : sans savoir ce que la cliente entend par "
                         "« plus cher », l'argument risque de tomber à côté.")
    retour = comparer_ordre(donnees, attendu, "répliques")
    if not retour.est_correct:
        return retour
    details = _liste_explications([f"{lettre} → {etape}" for lettre, etape in ETAPE_REPLIQUE.items()])
    return correct(f"Bon ordre : creuser, reformuler, argumenter, conclure.\n{details}")


# --- 5. Les étapes de la prospection ---------------------------------------------------------------------


@exercice("09_prospection_ordre", indices=(
    "L'idée : on choisit qui prospecter avant de chercher ses coordonnées, et le suivi vient après la visite.",
    "La méthode : suivez les six étapes de la leçon : ciblage, fichier, prise de rendez-vous, préparation, "
    "visite, suivi ; rangez chaque action sous son étape.",
    "L'appel : une liste de six lettres dans l'ordre, par exemple `[\"c\", \"...\"]`.",
))
def _prospection_ordre(reponse):
    donnees = _ordre_lettres(reponse, ACTIONS_PROSPECTION, "les actions de la campagne")
    if isinstance(donnees, Retour):
        return donnees
    retour = comparer_ordre(donnees, list(ETAPE_ACTION), "actions")
    if not retour.est_correct:
        return retour
    details = _liste_explications([f"{lettre} → {etape}" for lettre, etape in ETAPE_ACTION.items()])
    return correct(f"Bon ordre.\n{details}")


# --- 6. Les taux de l'entonnoir ------------------------------------------------------------------------


@exercice("09_taux_entonnoir", indices=(
    "L'idée : un taux de passage rapporte chaque étage de l'entonnoir à l'étage d'avant, sur toute la période.",
    "La méthode : additionnez d'abord chaque étage sur les 36 mois pour chaque vendeur, puis divisez : rendez-vous "
    "/ contacts, visites / rendez-vous, devis / visites, commandes / devis.",
    "L'appel : `totaux = prospection.groupby(\"vendeur\", observed=True)[etages].sum()`, puis un tableau de "
    "quatre divisions (`totaux[\"rdv_obtenus\"] / totaux[\"prospects_contactes\"]`, ...).",
))
def _taux_entonnoir(reponse):
    table = en_table(reponse, "vendeur")
    if isinstance(table, Retour):
        return table
    attendu = entonnoir_verdance().drop(index="Équipe")[TAUX_PASSAGE]
    manquantes = [c for c in TAUX_PASSAGE if c not in table.columns]
    if manquantes:
        return comparer_table(table, attendu)
    prospection = table_verdance("prospection")
    mensuel = entonnoir_prospection(prospection, par=["vendeur", "mois"])[TAUX_PASSAGE]
    moyennes = mensuel.groupby(level="vendeur", observed=True).mean()
    moyennes = moyennes.set_axis(moyennes.index.astype(str))
    if memes_valeurs(table["taux_transformation"], moyennes["taux_transformation"]) or memes_valeurs(table["taux_rdv"], moyennes["taux_rdv"]):
        return incorrect("Vous avez fait la moyenne des taux mensuels : un mois à 3 devis pèse alors autant qu'un "
                         "mois à 20. Additionnez les effectifs sur la période, puis divisez.")
    cumul = entonnoir_verdance().drop(index="Équipe")
    if memes_valeurs(table["taux_visite"], cumul["visites"] / cumul["contacts"]):
        return incorrect("Vous avez rapporté chaque étage aux contacts : un taux de passage se rapporte à l'étage "
                         "précédent (visites / rdv, devis / visites...).")
    if memes_valeurs(table["taux_rdv"], 100 * attendu["taux_rdv"]):
        return incorrect("Vous avez donné des pourcentages : exprimez les taux en fraction (0,25 et non 25).")
    return comparer_table(table, attendu, colonnes=TAUX_PASSAGE)


# --- 7. Le vendeur le plus productif --------------------------------------------------------------------


@exercice("09_vendeur_productif", indices=(
    "L'idée : le plus productif n'est pas celui qui signe le plus, mais celui à qui une commande coûte le moins "
    "d'appels.",
    "La méthode : dans le tableau de l'entonnoir, lisez la colonne des contacts pour une commande (contacts / "
    "commandes) et prenez le plus petit nombre, hors ligne de l'équipe.",
    "L'appel : le nom du vendeur, en texte, par exemple `\"Hugo Martin\"`.",
))
def _vendeur_productif(reponse):
    e = entonnoir_verdance().drop(index="Équipe")
    attendu = str(e["contacts_par_commande"].idxmin())
    plus_de_commandes = str(e["commandes"].idxmax())
    if isinstance(reponse, str) and normaliser_texte(reponse) == normaliser_texte(plus_de_commandes) != normaliser_texte(attendu):
        return incorrect(f"{plus_de_commandes} signe le plus de commandes, mais il contacte aussi beaucoup plus de "
                         "prospects : la question porte sur le nombre de contacts nécessaires pour UNE commande.")
    return comparer_choix(reponse, attendu, [str(v) for v in e.index])


# --- 8. Les étapes à travailler ----------------------------------------------------------------------------


def etapes_sous_l_equipe(entonnoir: pd.DataFrame, vendeur: str, seuil: float = SEUIL_ECART,
                         equipe: str = "Équipe") -> list[str]:
    """Les taux de passage du vendeur inférieurs de plus de |seuil| (en relatif) à ceux de l'équipe."""
    ecarts = entonnoir.loc[vendeur, TAUX_PASSAGE] / entonnoir.loc[equipe, TAUX_PASSAGE] - 1
    return [t for t in TAUX_PASSAGE if ecarts[t] < seuil]


@exercice("09_etapes_a_travailler", indices=(
    "L'idée : une étape est à travailler quand le vendeur y fait nettement moins bien que l'équipe, en relatif.",
    "La méthode : sur la carte des écarts, lisez la ligne de Lucas Petit et gardez les cases sous −10 % ; l'écart "
    "relatif vaut taux du vendeur / taux de l'équipe − 1.",
    "L'appel : une liste de noms, par exemple `[\"taux_visite\"]`, parmi taux_rdv, taux_visite, taux_devis, "
    "taux_transformation.",
))
def _etapes_a_travailler(reponse):
    if isinstance(reponse, str) or not isinstance(reponse, list | tuple | set | pd.Index):
        return incorrect(f"Une liste de noms de taux était attendue, parmi : {', '.join(TAUX_PASSAGE)}.")
    donnees = [normaliser_texte(str(x)) for x in reponse]
    inconnus = [x for x in donnees if x not in TAUX_PASSAGE]
    if inconnus:
        return incorrect(f"Nom(s) inconnu(s) : {', '.join(inconnus)}. Choisissez parmi : {', '.join(TAUX_PASSAGE)}.")
    e = entonnoir_verdance()
    attendu = etapes_sous_l_equipe(e, VENDEUR_ETUDIE)
    en_points = [t for t in TAUX_PASSAGE if e.loc[VENDEUR_ETUDIE, t] - e.loc["Équipe", t] < SEUIL_ECART]
    if set(donnees) == set(en_points) != set(attendu):
        return incorrect("Vous avez comparé les écarts en points (taux − taux de l'équipe) : le seuil porte sur "
                         "l'écart relatif, rapporté au taux de l'équipe.")
    return comparer_ensemble(donnees, attendu, "taux")


# --- 9. Le plan de prospection -------------------------------------------------------------------------------


def plan_prospection(entonnoir: pd.DataFrame, vendeur: str, commandes: float, equipe: str = "Équipe") -> dict[str, int]:
    """Contacts à prévoir avec les taux du vendeur, puis avec le taux de prise de rendez-vous de l'équipe."""
    v, q = entonnoir.loc[vendeur], entonnoir.loc[equipe]
    taux = [v[t] for t in TAUX_PASSAGE]
    return {
        "contacts": contacts_necessaires(commandes, *taux),
        "contacts_si_rdv_equipe": contacts_necessaires(commandes, q["taux_rdv"], *taux[1:]),
    }


def _entier_proche(valeur: object, attendu: int) -> Retour:
    """Un nombre de contacts : à une unité près (arrondi), jamais une fraction oubliée."""
    if isinstance(valeur, np.generic):
        valeur = valeur.item()
    if isinstance(valeur, bool) or not isinstance(valeur, int | float) or math.isnan(valeur):
        return incorrect("un nombre de contacts était attendu")
    if abs(valeur - attendu) <= 1:
        return correct()
    sens = "trop grand" if valeur > attendu else "trop petit"
    return incorrect(f"résultat {sens} (écart de {100 * abs(valeur - attendu) / attendu:.0f} %)")


@exercice("09_plan_prospection", indices=(
    "L'idée : pour signer 50 commandes, il faut remonter l'entonnoir : combien de contacts donnent une commande ?",
    "La méthode : multipliez les quatre taux de passage (le taux de concrétisation), divisez les commandes visées "
    "par ce produit et arrondissez au-dessus ; refaites-le avec le taux de prise de rendez-vous de l'équipe.",
    "L'appel : `contacts_necessaires(50, lucas[\"taux_rdv\"], lucas[\"taux_visite\"], lucas[\"taux_devis\"], "
    "lucas[\"taux_transformation\"])`, avec `lucas = entonnoir.loc[\"Lucas Petit\"]`.",
))
def _plan_prospection(reponse):
    reponse = en_dictionnaire(reponse, ["contacts", "contacts_si_rdv_equipe"])
    if isinstance(reponse, Retour):
        return reponse
    e = entonnoir_verdance()
    attendu = plan_prospection(e, VENDEUR_ETUDIE, OBJECTIF_COMMANDES)
    equipe = contacts_necessaires(OBJECTIF_COMMANDES, *[e.loc["Équipe", t] for t in TAUX_PASSAGE])
    if _entier_proche(reponse["contacts"], equipe).est_correct and not _entier_proche(reponse["contacts"], attendu["contacts"]).est_correct:
        return incorrect("« contacts » : vous avez pris les taux de toute l'équipe ; le plan se calcule avec les "
                         f"taux de {VENDEUR_ETUDIE}.")
    for cle, nom in (("contacts", "contacts"), ("contacts_si_rdv_equipe", "contacts_si_rdv_equipe")):
        retour = _entier_proche(reponse[cle], attendu[cle])
        if not retour.est_correct:
            return incorrect(f"« {nom} » : {retour.message}.")
    gain = attendu["contacts"] - attendu["contacts_si_rdv_equipe"]
    return correct(f"Juste : un meilleur taux de prise de rendez-vous épargne {gain} appels pour le même objectif.")


# --- 10. Quels secteurs cibler ? -------------------------------------------------------------------------------


def marge_par_devis(devis: pd.DataFrame) -> pd.Series:
    """Marge des commandes signées / nombre de devis émis, par secteur (la marge espérée d'un devis)."""
    marge = devis["marge_commande_ht"].fillna(0).groupby(devis["secteur"], observed=True).sum()
    return marge / devis.groupby("secteur", observed=True).size()


@exercice("09_marge_par_devis_secteur", indices=(
    "L'idée : un devis non signé ne rapporte rien ; la marge espérée d'un devis répartit la marge signée sur "
    "tous les devis émis.",
    "La méthode : par secteur, additionnez la marge des commandes (0 pour un devis non signé), puis divisez par "
    "le nombre de devis émis, signés ou non.",
    "L'appel : `devis[\"marge_commande_ht\"].fillna(0).groupby(devis[\"secteur\"], observed=True).sum() / "
    "devis.groupby(\"secteur\", observed=True).size()`.",
))
def _marge_par_devis(reponse):
    devis = table_verdance("devis")
    serie = en_serie(reponse, "secteur")
    if isinstance(serie, Retour):
        return serie
    signes = devis[devis["statut"] == "accepté"]
    par_commande = signes.groupby("secteur", observed=True)["marge_commande_ht"].mean()
    ca = devis["montant_commande_ht"].fillna(0).groupby(devis["secteur"], observed=True).sum() / devis.groupby(
        "secteur", observed=True).size()
    return avec_series_typiques(comparer_serie(serie, index_en_texte(marge_par_devis(devis)), tolerance=1e-6), serie, [
        (par_commande, "Vous avez divisé par les commandes signées (marge moyenne d'une commande) : la marge "
                       "espérée d'un devis se divise par tous les devis émis, signés ou non."),
        (ca, "Vous avez pris le chiffre d'affaires des commandes : la question porte sur la marge."),
        (devis["marge_commande_ht"].fillna(0).groupby(devis["secteur"], observed=True).sum(),
         GLISSEMENTS["somme_pour_moyenne"].message + " Ici, la marge totale de chaque secteur se divise par son "
                                                     "nombre de devis."),
    ])



# --- Décisions du parcours BTS : répondre à une objection, choisir un secteur ---------------------------

#: Exercice « 09_reponse_objection » : les premières répliques possibles à « C'est trop cher », et pourquoi pas.
REPONSES_OBJECTION = {
    "a": ("« Je peux vous faire 10 % tout de suite. »",
          "céder sur le prix avant de comprendre l'objection coûte de la marge, et le vrai frein est peut-être "
          "ailleurs (l'usage, la qualité, le budget)."),
    "b": ("« Mais non, il n'est pas cher, c'est du teck ! »",
          "contredire braque le client : on accueille l'objection, puis on la creuse."),
    "c": ("« Trop cher par rapport à quoi : un salon que vous avez vu ailleurs, ou le budget que vous vous étiez "
          "fixé ? »", ""),
    "d": ("« Il est garanti dix ans et traité contre l'humidité. »",
          "argumenter d'emblée, c'est répondre à côté : vous ne savez pas encore ce que « trop cher » veut dire "
          "pour elle ; on creuse d'abord."),
}


@exercice("09_reponse_objection", indices=(
    "L'idée : avant de répondre à une objection, on cherche à la comprendre.",
    "La méthode : la méthode CRAC commence par Creuser : une question ouverte, sans contredire, qui fait préciser "
    "l'objection. Cherchez la réplique qui pose cette question.",
    "L'appel : une lettre, `\"a\"`, `\"b\"`, `\"c\"` ou `\"d\"`.",
))
def _reponse_objection(reponse):
    retours = {lettre: raison for lettre, (_texte, raison) in REPONSES_OBJECTION.items() if lettre != "c"}
    pourquoi = ("Creuser d'abord : la cliente dit à quoi elle compare, et l'argument qui suivra (CAP) répondra à "
                "SON objection.")
    return comparer_decision(reponse, "c", pourquoi, retours, possibles=list(REPONSES_OBJECTION))


@cache
def _secteurs() -> pd.DataFrame:
    devis = table_verdance("devis")
    signe = devis["statut"] == "accepté"
    table = pd.DataFrame({
        "taux_transformation": signe.groupby(devis["secteur"], observed=True).mean(),
        "marge_par_commande": devis[signe].groupby("secteur", observed=True)["marge_commande_ht"].mean(),
        "marge_par_devis": marge_par_devis(devis),
    })
    return table.set_axis(table.index.astype(str))


@exercice("09_secteur_prioritaire", indices=(
    "L'idée : un devis rapporte la marge de sa commande seulement s'il est signé : il faut regarder les deux à "
    "la fois.",
    "La méthode : pour chaque secteur, multipliez le taux de transformation par la marge d'une commande : c'est "
    "la marge espérée d'un devis ; prenez le secteur où elle est la plus forte.",
    "L'appel : le nom du secteur, en texte, tel qu'il est écrit dans le tableau, par exemple `\"entreprise\"`.",
))
def _secteur_prioritaire(reponse):
    t = _secteurs()
    bon = str(t["marge_par_devis"].idxmax())
    retours = {}
    for secteur, ligne in t.drop(index=bon).iterrows():
        retours[secteur] = (
            f"{100 * ligne['taux_transformation']:.0f} % de devis signés × {ligne['marge_par_commande']:.0f} € de "
            f"marge par commande = environ {ligne['marge_par_devis']:.0f} € espérés par devis, moins que le meilleur "
            "secteur.")
    pourquoi = ("Il signe moins souvent que les paysagistes, mais chaque commande rapporte beaucoup : c'est là "
                "qu'un devis de plus rapporte le plus. Reste à vérifier le coût et la durée de la vente dans ce "
                "secteur.")
    return comparer_decision(reponse, bon, pourquoi, retours, possibles=list(t.index))
