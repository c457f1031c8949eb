"""Exercices du thème 07 : construire et piloter un plan d'action commerciale (PAC).

Les valeurs attendues sont calculées sur les données de Verdance avec :mod:`grc.pac` ; seuls les
paramètres des énoncés sont écrits ici (le mois du tableau de bord, le brouillon de PAC, l'enveloppe
et la période du PAC à construire), et le cahier les reprend mot pour mot.

Conventions (celles du carnet) :

- le CA d'un mois est la somme des ``montant_ht`` de ses lignes de tickets, **retours compris** ;
- le CA d'un vendeur est celui de ses devis **acceptés**, daté par la **date de commande** ;
- une ligne du tableau de bord est « en retard » quand son cumul est sous 90 % de sa référence
  (l'objectif cumulé pour un vendeur, le cumul N−1 pour un rayon) : la règle de
  :func:`grc.pac.tableau_suivi`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import cache

import pandas as pd

from ..comparaisons import (
    avec_erreurs_typiques,
    avec_series_typiques,
    comparer_correspondance,
    comparer_decision,
    comparer_ensemble,
    comparer_nombre,
    comparer_serie,
    comparer_table,
    en_dictionnaire,
    est_nombre,
    est_vide,
    index_en_texte,
    memes_valeurs,
    normaliser_texte,
    proche,
)
from ..contexte import ANNEE, module_paresseux, segment_des_clients, table_verdance
from ..glissements import avec_glissements
from ..registre import exercice
from ..retour import Retour, correct, incorrect, vide

pac = module_paresseux("grc.pac")  # matplotlib et seaborn : chargés au premier juge qui s'en sert
graphiques = module_paresseux("grc.graphiques")

MOIS_SUIVI = "2024-06"  # l'arrêté du tableau de bord : fin juin 2024
MOIS = 6  # juin de l'année étudiée (ANNEE)

#: Exercice 1 : à quel objectif se rattache chaque action ?
ACTIONS_A_CLASSER = {
    "Stand au salon Jardins de Loire": "conquête",
    "Courrier « Vous nous manquez » aux inactifs": "reconquête",
    "Rappel des clients qui ont noté leur visite 1 ou 2 sur 5": "satisfaction",
    "Atelier rempotage réservé aux très bons clients": "fidélisation",
    "« Le deuxième plant à moitié prix » aux acheteurs de végétaux": "stimulation des achats",
    "Guide du potager offert contre une adresse email": "conquête",
}

#: Le brouillon de PAC des exercices 7 à 9 (repris tel quel dans le cahier).
BROUILLON = {
    "nom": ["Salon Jardins de Loire", "Courrier « Vous nous manquez »", "Atelier rempotage",
            "SMS « 2e plant à moitié prix »", "Enquête de satisfaction web"],
    "objectif": ["conquête", "reconquête", "fidélisation", "stimulation des achats", "satisfaction"],
    "cible": ["visiteurs du salon (prospects)", "Inactifs", "Très bons clients", "Bons clients",
              "acheteurs du site web"],
    "canal": ["salon", "courrier", "magasin", "sms", "email"],
    "debut": ["2025-04-11", "2025-03-10", "2025-04-05", "2025-05-20", "2025-03-01"],
    "fin": ["2025-04-13", "2025-03-31", "2025-04-05", "2025-05-06", "2025-06-30"],
    "budget": [2500, 1800, 600, 400, 300],
    "contacts": [900, 900, 300, 1100, 1500],
    "reponses_attendues": [180, 27, 60, 95, 300],
    "commandes_attendues": [60, 12, 40, 70, 0],
    "panier_moyen": [55, 48, 62, 38, 0],
    "taux_marque": [0.42, 0.40, 0.45, 0.36, 0.0],
    "responsable": ["directrice du magasin de Tours", "service marketing", "chef de rayon Végétaux",
                    "service marketing", ""],
    "indicateurs": ["contacts collectés; commandes; CA", "taux de retour; taux de rendement net; CA", "",
                    "taux de retour; commandes; panier moyen", "taux de réponse; indice de satisfaction; NPS"],
}
BROUILLON_PLAN = {"nom": "PAC printemps 2025", "enveloppe": 5000, "debut": "2025-03-01", "fin": "2025-06-30"}
ACTION_POINT_MORT = "Courrier « Vous nous manquez »"

#: Exercice 10 : le PAC d'un segment RFM (thème 02), dans une enveloppe, sur le 1er semestre 2025.
ENVELOPPE_SEGMENT = 3000
PERIODE_SEGMENT = ("2025-01-01", "2025-06-30")
MARGE_PANIER = 1.2  # un panier attendu peut dépasser de 20 % au plus le panier historique du segment
CANAUX_CONSENTEMENT = {"email": "consentement_email", "sms": "consentement_sms", "courrier": "consentement_courrier"}
_SYNONYMES_CANAL = {"e-mail": "email", "mail": "email", "courriel": "email", "emailing": "email",
                    "courrier postal": "courrier", "publipostage": "courrier", "lettre": "courrier"}


# --------------------------------------------------------------------------------------------
# Valeurs de référence (calculées une fois)
# --------------------------------------------------------------------------------------------


def _commandes() -> pd.DataFrame:
    devis = table_verdance("devis")
    return devis[devis["statut"] == "accepté"]


def _ca(masque: pd.Series) -> float:
    t = table_verdance("transactions")
    return float(t.loc[masque, "montant_ht"].sum())


def _annee_mois() -> tuple[pd.Series, pd.Series]:
    dates = table_verdance("transactions")["date"]
    return dates.dt.year, dates.dt.month


@cache
def suivi_vendeurs() -> pd.DataFrame:
    """Le tableau de bord des vendeurs à fin juin 2024 (commandes acceptées face aux objectifs)."""
    return pac.tableau_suivi(_commandes(), MOIS_SUIVI, par="vendeur", date="date_commande",
                             montant="montant_commande_ht", objectifs=table_verdance("objectifs_vendeurs"))


@cache
def suivi_rayons() -> pd.DataFrame:
    """Le tableau de bord des rayons à fin juin 2024 (comparés à N−1)."""
    return pac.tableau_suivi(table_verdance("transactions"), MOIS_SUIVI, par="rayon")


def brouillon() -> pd.DataFrame:
    """Le brouillon de PAC des exercices 7 à 9, en table."""
    return pd.DataFrame(BROUILLON)


@cache
def plan_brouillon() -> pac.Plan:
    return pac.plan_depuis_table(brouillon(), **BROUILLON_PLAN)


@cache
def segments_2025() -> pd.Series:
    """Le segment RFM de chaque client au 1er janvier 2025 (les segments du thème 02)."""
    return segment_des_clients()


@cache
def cibles_segments() -> pd.DataFrame:
    """Par segment : effectif, clients joignables par email, SMS et courrier, panier moyen et taux de marque historiques."""
    segments = segments_2025()
    clients = table_verdance("clients").assign(client_id=lambda c: c["client_id"].astype(str)).set_index("client_id")
    base = clients.loc[segments.index, list(CANAUX_CONSENTEMENT.values())].assign(segment=segments)
    table = base.groupby("segment").agg(effectif=("segment", "size"), **{
        canal: (colonne, "sum") for canal, colonne in CANAUX_CONSENTEMENT.items()})
    t = table_verdance("transactions").assign(segment=lambda x: x["client_id"].astype(str).map(segments))
    ventes = t.groupby("segment").agg(ca=("montant_ht", "sum"), marge=("marge_ht", "sum"),
                                      tickets=("ticket_id", "nunique"))
    table["panier_moyen"] = ventes["ca"] / ventes["tickets"]
    table["taux_marque"] = ventes["marge"] / ventes["ca"]
    return table


@cache
def plafonds_canaux() -> pd.DataFrame:
    """Par canal des campagnes passées : meilleur taux de retour, meilleur rendement net, coût par envoi le plus bas."""
    k = table_verdance("campagnes").assign(canal=lambda x: x["canal"].astype(str))
    k = k.assign(taux_retour=k["reponses"] / k["envois"], taux_rendement_net=k["commandes"] / k["reponses"],
                 cout_par_envoi=k["cout"] / k["envois"])
    return k.groupby("canal").agg(taux_retour_max=("taux_retour", "max"),
                                  taux_rendement_net_max=("taux_rendement_net", "max"),
                                  cout_par_envoi_min=("cout_par_envoi", "min"))


# --------------------------------------------------------------------------------------------
# Aides
# --------------------------------------------------------------------------------------------


def _avec_erreurs(retour: Retour, reponse: object, erreurs: Mapping[str, float]) -> Retour:
    """Les erreurs classiques du thème, reconnues à 1e-4 près (en absolu sous 1 : des taux)."""
    return avec_erreurs_typiques(retour, reponse, erreurs, 1e-4, echelle=1.0)


# --------------------------------------------------------------------------------------------
# 1. Les objectifs des actions
# --------------------------------------------------------------------------------------------


@exercice("07_objectifs_actions", indices=(
    "Pour chaque action, demandez-vous qui elle vise (des inconnus, d'anciens clients, des clients qui "
    "achètent encore) et ce qu'elle cherche à obtenir.",
    "Conquête : gagner des personnes qui ne sont pas encore clientes ; reconquête : regagner des clients "
    "qui n'achètent plus ; satisfaction : écouter et régler un problème ; fidélisation : garder des clients "
    "qui achètent encore ; stimulation des achats : faire acheter plus ou plus souvent.",
    "Un dictionnaire {action: objectif} : {\"Stand au salon Jardins de Loire\": \"conquête\", ...}, avec les "
    "objectifs de pac.OBJECTIFS_ACTION."))
def _objectifs_actions(reponse) -> Retour:
    if isinstance(reponse, Mapping):
        inconnus = sorted({str(v) for v in reponse.values() if not est_vide(v)
                           and normaliser_texte(str(v)) not in {normaliser_texte(o) for o in pac.OBJECTIFS_ACTION}})
        if inconnus:
            return incorrect(f"« {inconnus[0]} » n'est pas l'un des objectifs possibles : "
                             f"{', '.join(pac.OBJECTIFS_ACTION)}.")
    return comparer_correspondance(reponse, ACTIONS_A_CLASSER, "actions")


# --------------------------------------------------------------------------------------------
# 2-3. CA du mois, cumul, progression sur N−1
# --------------------------------------------------------------------------------------------


@cache
def chiffres_juin() -> dict[str, float]:
    annee, mois = _annee_mois()
    t = table_verdance("transactions")
    return {
        "ca_mois": _ca((annee == ANNEE) & (mois == MOIS)),
        "cumul": _ca((annee == ANNEE) & (mois <= MOIS)),
        "cumul_n1": _ca((annee == ANNEE - 1) & (mois <= MOIS)),
        "ca_mois_n1": _ca((annee == ANNEE - 1) & (mois == MOIS)),
        "annee": _ca(annee == ANNEE),
        "annee_n1": _ca(annee == ANNEE - 1),
        "cumul_mai": _ca((annee == ANNEE) & (mois < MOIS)),
        "ca_mois_sans_retours": float(t.loc[(annee == ANNEE) & (mois == MOIS) & (t["montant_ht"] > 0),
                                            "montant_ht"].sum()),
    }


@exercice("07_ca_juin", indices=(
    "Le CA du mois ne compte que juin ; le cumul additionne tous les mois depuis janvier, juin compris.",
    "Dans le tableau mensuel, lisez la ligne du mois 6 : la colonne du CA du mois et celle du cumul de "
    "2024 (pas celles de 2023, dont le nom finit par n1).",
    "{\"ca_mois\": mensuel.loc[6, \"ca\"], \"cumul\": mensuel.loc[6, \"cumul\"]}"))
def _ca_juin(reponse) -> Retour:
    if est_vide(reponse):
        return vide()
    reponse = en_dictionnaire(reponse, ["ca_mois", "cumul"])
    if isinstance(reponse, Retour):
        return reponse
    c = chiffres_juin()
    mois = _avec_erreurs(comparer_nombre(reponse["ca_mois"], c["ca_mois"], tolerance=1e-6), reponse["ca_mois"], {
        "CA du mois : c'est juin 2023 ; prenez juin 2024.": c["ca_mois_n1"],
        "CA du mois : vous avez écarté les retours ; le CA net les compte (montants négatifs).": c["ca_mois_sans_retours"],
    })
    mois = avec_glissements(mois, reponse["ca_mois"], {"cumul_pour_mois": c["cumul"]}, tolerance=1e-6)
    if not mois.est_correct:
        return mois if mois.statut == "vide" else incorrect(f"CA du mois : {mois.message.removeprefix('CA du mois : ')}")
    cumul = _avec_erreurs(comparer_nombre(reponse["cumul"], c["cumul"], tolerance=1e-6), reponse["cumul"], {
        "Cumul : c'est toute l'année 2024 ; le cumul s'arrête à la fin du mois suivi (janvier à juin).": c["annee"],
        "Cumul : il manque juin ; le cumul va de janvier au mois suivi inclus (≤ 6).": c["cumul_mai"],
    })
    if not cumul.est_correct:
        return cumul if cumul.statut == "vide" else incorrect(f"Cumul : {cumul.message.removeprefix('Cumul : ')}")
    return correct("Bonne réponse : CA de juin et cumul de janvier à juin 2024.")


@exercice("07_progression_cumul", indices=(
    "Une progression compare la nouvelle valeur à l'ancienne, sur la même période : janvier-juin 2024 "
    "face à janvier-juin 2023.",
    "Retirez le cumul de 2023 du cumul de 2024, puis divisez par le cumul de 2023 (la valeur de départ). "
    "Donnez une fraction (−0,05 pour un recul de 5 %).",
    "(mensuel.loc[6, \"cumul\"] - mensuel.loc[6, \"cumul_n1\"]) / mensuel.loc[6, \"cumul_n1\"]"))
def _progression_cumul(reponse) -> Retour:
    c = chiffres_juin()
    attendu = c["cumul"] / c["cumul_n1"] - 1
    retour = comparer_nombre(reponse, attendu, tolerance=1e-4, relative=False, fraction=True)
    retour = avec_glissements(retour, reponse, {
        "base_inversee": (c["cumul"] - c["cumul_n1"]) / c["cumul"],
        "signe_inverse": -attendu,
        "pourcentage_pour_fraction": 100 * attendu,
    }, tolerance=1e-4, echelle=1.0)
    return _avec_erreurs(retour, reponse, {
        "Vous avez comparé six mois de 2024 à toute l'année 2023 : comparez des périodes identiques "
        "(janvier-juin à janvier-juin).": c["cumul"] / c["annee_n1"] - 1,
        "C'est la progression du seul mois de juin ; la question porte sur le cumul de janvier à juin.":
            c["ca_mois"] / c["ca_mois_n1"] - 1,
        "C'est le rapport cumul 2024 / cumul 2023 ; la progression est ce rapport moins 1.": c["cumul"] / c["cumul_n1"],
    })


# --------------------------------------------------------------------------------------------
# 4-5. Le tableau de bord : vendeurs face aux objectifs, lignes en retard
# --------------------------------------------------------------------------------------------


def _realisation(date: str, montant: str, mois_objectif: str) -> pd.Series:
    c = _commandes()
    dates = c[date]
    ca = c[(dates.dt.year == ANNEE) & (dates.dt.month <= MOIS)].groupby("vendeur", observed=True)[montant].sum()
    o = table_verdance("objectifs_vendeurs")
    o = o[o["annee"] == ANNEE]
    filtre = {"cumul": o["mois"] <= MOIS, "mois": o["mois"] == MOIS, "annee": o["mois"] > 0}[mois_objectif]
    objectif = o[filtre].groupby("vendeur", observed=True)["objectif_ca_ht"].sum()
    return (ca / objectif).set_axis((ca / objectif).index.astype(str))


@exercice("07_realisation_vendeurs", indices=(
    "Le taux de réalisation rapporte ce qu'un vendeur a vendu à ce qu'on attendait de lui, sur la même "
    "période (janvier à juin 2024).",
    "Gardez les commandes de janvier à juin 2024, datées par la date de commande ; additionnez leurs "
    "montants par vendeur, puis divisez par la somme de ses objectifs de janvier à juin 2024.",
    "commandes[periode].groupby(\"vendeur\", observed=True)[\"montant_commande_ht\"].sum(), divisé par la "
    "même somme de objectif_ca_ht sur la table objectifs (annee 2024, mois ≤ 6)."))
def _realisation_vendeurs(reponse) -> Retour:
    reponse = index_en_texte(reponse)
    attendu = index_en_texte(suivi_vendeurs()["realisation_cumul"].drop("Total"))
    erreurs = [
        (_realisation("date_devis", "montant_commande_ht", "cumul"),
         "Vous avez daté les commandes par la date du devis : une vente compte le jour de la commande (date_commande)."),
        (_realisation("date_commande", "montant_devis_ht", "cumul"),
         "Vous avez pris le montant du devis : le réalisé est le montant commandé (montant_commande_ht)."),
        (_realisation("date_commande", "montant_commande_ht", "annee"),
         "Vous avez divisé par l'objectif de toute l'année : le cumul de janvier à juin se compare à l'objectif "
         "cumulé de janvier à juin."),
        (suivi_vendeurs()["realisation_mois"].drop("Total"),
         "C'est la réalisation du seul mois de juin : la question porte sur le cumul de janvier à juin."),
    ]
    retour = avec_series_typiques(comparer_serie(reponse, attendu, tolerance=1e-6), reponse, erreurs)
    return avec_glissements(retour, reponse, {"pourcentage_pour_fraction": 100 * attendu}, tolerance=1e-6)


@cache
def lignes_en_retard() -> frozenset[str]:
    """Vendeurs (face à l'objectif) et rayons (face à N−1) dont le statut est « en retard » à fin juin 2024."""
    lignes = pd.concat([suivi_vendeurs().drop("Total"), suivi_rayons().drop("Total")])
    return frozenset(str(i) for i in lignes.index[lignes["statut"] == "en retard"])


@exercice("07_lignes_en_retard", indices=(
    "Une ligne est en retard quand son cumul reste sous 90 % de sa référence : l'objectif pour un vendeur, "
    "l'année précédente pour un rayon.",
    "Lisez la colonne statut des deux tableaux de bord (vendeurs et rayons) et gardez les noms des lignes "
    "« en retard », sans la ligne Total.",
    "set(suivi_vendeurs.index[suivi_vendeurs[\"statut\"] == \"en retard\"]), réuni (|) au même ensemble "
    "pris dans suivi_rayons."))
def _lignes_en_retard(reponse) -> Retour:
    if est_vide(reponse):
        return vide()
    if isinstance(reponse, str):
        return incorrect("Un ensemble de noms (vendeurs et rayons) était attendu, pas un seul texte : {'...', '...'}.")
    attendu = lignes_en_retard()
    try:
        donnes = {str(x) for x in reponse}
    except TypeError:
        return incorrect("Un ensemble de noms (vendeurs et rayons) était attendu.")
    lignes = pd.concat([suivi_vendeurs().drop("Total"), suivi_rayons().drop("Total")])
    surveiller = {str(i) for i in lignes.index[lignes["statut"].isin(["en retard", "à surveiller"])]}
    mois = {str(i) for i, r in lignes.iterrows()
            if r["ca_mois"] < 0.9 * (r["objectif_mois"] if pd.notna(r.get("objectif_mois")) else r["ca_mois_n1"])}
    if "Total" in donnes:
        return incorrect("« Total » n'est pas une ligne de vendeur ni de rayon : retirez-le.")
    if donnes != attendu and donnes == surveiller:
        return incorrect("Vous avez aussi gardé les lignes « à surveiller » (entre 90 % et 100 % de leur référence) : "
                         "seules les lignes sous 90 % sont en retard.")
    if donnes != attendu and donnes == mois:
        return incorrect("Vous avez jugé sur le seul mois de juin : le statut se lit sur le cumul de janvier à juin.")
    return comparer_ensemble(donnes, attendu, "lignes")


# --------------------------------------------------------------------------------------------
# 6. Des taux de référence pour chiffrer un PAC
# --------------------------------------------------------------------------------------------


@cache
def taux_canaux() -> pd.DataFrame:
    """Taux de retour et de rendement net de chaque canal, toutes campagnes confondues (sommes des comptes)."""
    k = table_verdance("campagnes").assign(canal=lambda x: x["canal"].astype(str))
    g = k.groupby("canal")[["envois", "reponses", "commandes"]].sum()
    return pd.DataFrame({"taux_retour": g["reponses"] / g["envois"],
                         "taux_rendement_net": g["commandes"] / g["reponses"]})


@exercice("07_taux_canaux", indices=(
    "Le taux d'un canal se calcule sur l'ensemble de ses campagnes : une grosse campagne doit peser plus "
    "qu'une petite.",
    "Par canal, additionnez les envois, les réponses et les commandes, puis divisez : réponses / envois "
    "pour le taux de retour, commandes / réponses pour le taux de rendement net.",
    "campagnes.groupby(\"canal\")[[\"envois\", \"reponses\", \"commandes\"]].sum(), puis deux divisions de "
    "colonnes rangées dans pd.DataFrame({\"taux_retour\": ..., \"taux_rendement_net\": ...})."))
def _taux_canaux(reponse) -> Retour:
    reponse = index_en_texte(reponse)
    attendu = taux_canaux()
    if isinstance(reponse, pd.DataFrame) and set(attendu.columns) <= set(reponse.columns):
        k = table_verdance("campagnes").assign(canal=lambda x: x["canal"].astype(str))
        moyennes = pd.DataFrame({"taux_retour": (k["reponses"] / k["envois"]).groupby(k["canal"]).mean(),
                                 "taux_rendement_net": (k["commandes"] / k["reponses"]).groupby(k["canal"]).mean()})
        if any(memes_valeurs(reponse[c], moyennes[c]) for c in moyennes.columns):
            return incorrect("Vous avez fait la moyenne des taux des campagnes : une petite campagne pèse alors autant "
                             "qu'une grande. Additionnez les comptes du canal, puis divisez.")
        if memes_valeurs(reponse["taux_rendement_net"], (k.groupby("canal")["commandes"].sum()
                                                          / k.groupby("canal")["envois"].sum())):
            return incorrect("La colonne 'taux_rendement_net' divise par les envois : le rendement net se calcule sur "
                             "les réponses (commandes / réponses).")
    return comparer_table(reponse, attendu, tolerance=1e-6)


# --------------------------------------------------------------------------------------------
# 7-9. Le brouillon de PAC : contrôle, point mort, résultat
# --------------------------------------------------------------------------------------------


_NOM_ACTION = re.compile(r"^Action « (.+?) » :")


@cache
def controle_brouillon() -> dict[str, object]:
    plan = plan_brouillon()
    messages = pac.controler_plan(plan)
    actions = frozenset(m.group(1) for m in map(_NOM_ACTION.match, messages) if m)
    return {"actions": actions, "depassement": plan.budget_total - plan.enveloppe}


@exercice("07_controle_brouillon", indices=(
    "Relisez le plan comme un contrôleur : des dates cohérentes, un indicateur et un responsable pour chaque "
    "action, un budget total dans l'enveloppe.",
    "Chaque message du contrôle qui commence par « Action « … » : » nomme une action à corriger ; le "
    "dépassement est le budget total des actions moins l'enveloppe.",
    "pac.controler_plan(plan) donne les messages ; répondez {\"actions\": {\"…\", \"…\"}, "
    "\"depassement\": plan.budget_total - plan.enveloppe}."))
def _controle_brouillon(reponse) -> Retour:
    if est_vide(reponse):
        return vide()
    if not isinstance(reponse, Mapping) or not {"actions", "depassement"} <= set(reponse):
        return incorrect("Un dictionnaire {'actions': {...}, 'depassement': ...} était attendu.")
    attendu = controle_brouillon()
    actions = reponse["actions"]
    if isinstance(actions, str):
        return incorrect("'actions' doit être un ensemble de noms d'actions, pas un seul texte.")
    retour = comparer_ensemble(actions, attendu["actions"], "actions")
    if not retour.est_correct:
        return retour if retour.statut == "vide" else incorrect(f"Actions à corriger : {retour.message}")
    plan = plan_brouillon()
    depassement = _avec_erreurs(comparer_nombre(reponse["depassement"], attendu["depassement"], tolerance=1e-6),
                                reponse["depassement"], {
        "Dépassement : c'est le budget total des actions ; le dépassement est ce qui excède l'enveloppe.":
            plan.budget_total,
        "Dépassement : le signe est inversé (budget total − enveloppe, positif quand on dépasse).":
            -attendu["depassement"],
    })
    if not depassement.est_correct:
        if depassement.statut == "vide":
            return depassement
        message = depassement.message
        return incorrect(message if message.startswith("Dépassement") else f"Dépassement : {message}")
    return correct("Bonne réponse : trois actions à corriger, et un budget à ramener dans l'enveloppe.")


def _action_brouillon(nom: str) -> pac.Action:
    return next(a for a in plan_brouillon().actions if a.nom == nom)


@exercice("07_point_mort", indices=(
    "Le budget se rembourse avec la marge de chaque commande, pas avec son chiffre d'affaires ; et une "
    "commande ne se coupe pas en morceaux.",
    "Marge d'une commande = panier moyen × taux de marque (le taux appliqué au prix de vente) ; divisez le "
    "budget par cette marge, puis arrondissez au nombre entier supérieur.",
    "math.ceil(budget / (panier_moyen * taux_marque)), avec les chiffres de la ligne du courrier dans la "
    "table brouillon."))
def _point_mort(reponse) -> Retour:
    a = _action_brouillon(ACTION_POINT_MORT)
    attendu = a.commandes_point_mort
    brut = a.budget / (a.panier_moyen * a.taux_marque)
    if est_nombre(reponse) and not proche(reponse, attendu, 1e-9, echelle=1.0):
        if proche(reponse, brut, 1e-6, echelle=1.0):
            return incorrect("Une commande ne se fractionne pas : arrondissez au nombre entier supérieur.")
        if proche(reponse, math.floor(brut), 1e-9, echelle=1.0):
            return incorrect("Vous avez arrondi vers le bas : avec une commande de moins, le budget n'est pas couvert.")
        if proche(reponse, math.ceil(a.budget / a.panier_moyen), 1e-9, echelle=1.0) or proche(reponse, a.budget / a.panier_moyen, 1e-4, echelle=1.0):
            return incorrect("Vous avez divisé le budget par le panier (le CA) : le budget se couvre avec la MARGE "
                             "de chaque commande (panier × taux de marque).")
    retour = comparer_nombre(reponse, attendu, tolerance=0, relative=False)
    return avec_glissements(retour, reponse, glissements_point_mort(), tolerance=1e-9, echelle=1.0)


def glissements_point_mort() -> dict[str, float]:
    """Les points morts que donnent les glissements habituels : taux de marge pris pour le taux de marque, 40 pour 0,40."""
    a = _action_brouillon(ACTION_POINT_MORT)
    taux_marge = a.taux_marque / (1 - a.taux_marque)  # la même marge rapportée au coût d'achat
    return {"marge_pour_marque": math.ceil(a.budget / (a.panier_moyen * taux_marge)),
            "pourcentage_pour_fraction": math.ceil(a.budget / (a.panier_moyen * 100 * a.taux_marque))}


@exercice("07_resultat_brouillon", indices=(
    "Le résultat d'une action est ce qu'elle rapporte en marge moins ce qu'elle coûte ; celui du plan "
    "additionne ses actions.",
    "Pour chaque action : commandes × panier moyen × taux de marque − budget ; puis la somme sur toutes les "
    "actions.",
    "(brouillon[\"commandes_attendues\"] * brouillon[\"panier_moyen\"] * brouillon[\"taux_marque\"] "
    "- brouillon[\"budget\"]).sum()"))
def _resultat_brouillon(reponse) -> Retour:
    p = pac.previsions(plan_brouillon())
    attendu = float(p["resultat"].sum())
    retour = comparer_nombre(reponse, attendu, tolerance=1e-6, relative=False)
    retour = avec_glissements(retour, reponse, {"signe_inverse": -attendu,
                                                "moyenne_pour_somme": float(p["resultat"].mean())}, tolerance=1e-6)
    return _avec_erreurs(retour, reponse, {
        "Vous avez retranché les budgets du chiffre d'affaires : un budget se paie avec la marge "
        "(CA × taux de marque).": float((p["ca_attendu"] - p["budget"]).sum()),
        "C'est la marge attendue : retranchez le coût des actions (leurs budgets).": float(p["marge_attendue"].sum()),
        "C'est le chiffre d'affaires attendu, pas le résultat.": float(p["ca_attendu"].sum()),
    })


# --------------------------------------------------------------------------------------------
# 10. Le PAC d'un segment, dans une enveloppe
# --------------------------------------------------------------------------------------------


def _canal(canal: str) -> str:
    texte = normaliser_texte(canal)
    return _SYNONYMES_CANAL.get(texte, texte)


def _segment_vise(cible: str) -> str | None:
    """Le segment RFM nommé dans la cible (le nom le plus long : « Très bons clients » avant « Bons clients »)."""
    cible = normaliser_texte(cible)
    noms = sorted(cibles_segments().index, key=len, reverse=True)
    return next((nom for nom in noms if normaliser_texte(nom) in cible), None)


def _defaut_realisme(a: pac.Action, segment: str) -> str | None:
    """Le premier défaut chiffré d'une action face aux données : cible, consentement, taux, coût, panier, marge."""
    cible = cibles_segments().loc[segment]
    canal = _canal(a.canal)
    nom = f"Action « {a.nom} »"
    if a.contacts > cible["effectif"]:
        return f"{nom} : plus de contacts que de clients dans le segment « {segment} »."
    if canal in CANAUX_CONSENTEMENT and a.contacts > cible[canal]:
        if canal == "courrier":
            return (f"{nom} : plus de contacts que de clients du segment qui ne se sont pas opposés au courrier : "
                    "le courrier postal est permis sauf opposition du client (droit d'opposition, RGPD), "
                    "on n'écrit pas à ceux qui l'ont refusé.")
        return (f"{nom} : plus de contacts que de clients du segment qui ont donné leur accord pour ce canal "
                f"({canal}) : l'email et le SMS commerciaux demandent un accord préalable (RGPD), "
                "on ne peut solliciter que ceux qui l'ont donné.")
    plafonds = plafonds_canaux()
    ligne = plafonds.loc[canal] if canal in plafonds.index else plafonds.max()
    origine = f"sur le canal {canal}" if canal in plafonds.index else "tous canaux confondus (canal sans historique)"
    if a.contacts and a.reponses_attendues / a.contacts > ligne["taux_retour_max"] + 1e-9:
        return f"{nom} : son taux de retour attendu dépasse le meilleur taux jamais observé {origine}."
    if a.reponses_attendues and a.commandes_attendues / a.reponses_attendues > ligne["taux_rendement_net_max"] + 1e-9:
        return f"{nom} : son taux de rendement net attendu dépasse le meilleur taux jamais observé {origine}."
    if canal in plafonds.index and a.contacts and a.budget / a.contacts < ligne["cout_par_envoi_min"] - 1e-9:
        return f"{nom} : son budget ne couvre pas ses envois (coût par contact sous le plus bas jamais observé sur ce canal)."
    if a.panier_moyen > MARGE_PANIER * cible["panier_moyen"]:
        return f"{nom} : son panier moyen attendu dépasse de plus de 20 % le panier moyen historique du segment."
    if a.taux_marque > cible["taux_marque"] + 1e-9:
        return f"{nom} : son taux de marque attendu dépasse celui que le segment a toujours laissé (une offre le baisse)."
    return None


def _juger_plan_segment(plan: pac.Plan) -> tuple[Retour, str | None]:
    debut, fin = (pd.Timestamp(d) for d in PERIODE_SEGMENT)
    if plan.enveloppe > ENVELOPPE_SEGMENT + 1e-9:
        return incorrect(f"L'enveloppe de l'exercice est de {graphiques.euros(ENVELOPPE_SEGMENT)} : ne l'augmentez pas."), None
    if plan.debut < debut or plan.fin > fin:
        return incorrect("La période du plan doit rester dans le premier semestre 2025 (1er janvier → 30 juin)."), None
    if len(plan.actions) < 2:
        return incorrect("Un PAC compte au moins deux actions coordonnées ; le vôtre en a "
                         f"{len(plan.actions)}."), None
    messages = pac.controler_plan(plan)
    if messages:
        autres = f" (et {len(messages) - 1} autre(s) défaut(s))" if len(messages) > 1 else ""
        return incorrect(f"Votre plan ne passe pas pac.controler_plan : {messages[0]}{autres}"), None
    segments = {a.nom: _segment_vise(a.cible) for a in plan.actions}
    sans = [nom for nom, s in segments.items() if s is None]
    if sans:
        return incorrect(f"Action « {sans[0]} » : sa cible doit nommer un segment du thème 02 "
                         f"({', '.join(cibles_segments().index)})."), None
    if len(set(segments.values())) > 1:
        return incorrect("Toutes les actions doivent viser le même segment ; les vôtres en visent "
                         f"{len(set(segments.values()))} : {', '.join(sorted(set(segments.values())))}."), None
    segment = next(iter(segments.values()))
    for action in plan.actions:
        defaut = _defaut_realisme(action, segment)
        if defaut:
            return incorrect(defaut), segment
    return correct(), segment


@exercice("07_pac_segment", indices=(
    "Un PAC recevable tient dans son enveloppe, vise un seul segment, et ne promet rien que les données "
    "ne permettent : des clients qui ont accepté le canal, des taux déjà obtenus par le passé.",
    "Au moins deux actions datées dans le premier semestre 2025, chacune avec indicateurs et responsable ; "
    "les contacts tirés de la table cibles, les taux sous ceux de la table plafonds.",
    "pac.Plan(nom, enveloppe=3000, debut=\"2025-01-01\", fin=\"2025-06-30\", actions=[pac.Action(...), "
    "pac.Action(...)]), puis pac.controler_plan(plan_segment) pour le relire."))
def _pac_segment(reponse) -> Retour:
    if not isinstance(reponse, pac.Plan):
        return incorrect("Un plan pac.Plan était attendu : construisez-le avec pac.Plan(...) ou "
                         "pac.plan_depuis_table(table, nom, enveloppe, debut, fin).")
    retour, segment = _juger_plan_segment(reponse)
    if not retour.est_correct:
        return retour
    resultat = float(pac.previsions(reponse)["resultat"].sum())
    message = (f"Plan recevable : {len(reponse.actions)} actions pour le segment « {segment} », budget de "
               f"{graphiques.euros(reponse.budget_total)} sur {graphiques.euros(ENVELOPPE_SEGMENT)}, résultat prévisionnel de {graphiques.euros(resultat)}. "
               "Reste à le défendre.")
    if resultat < 0:
        message += " Le résultat est négatif : justifiez-le (valeur à long terme des clients, thème 04) ou revoyez le plan."
    return correct(message)


# --------------------------------------------------------------------------------------------
# Les décisions du parcours BTS : l'action à remplacer, la mesure corrective, le segment du PAC
# --------------------------------------------------------------------------------------------

#: Les choix proposés pour l'action à remplacer (mots courts, pour l'élève) → nom de l'action du brouillon.
CHOIX_ACTIONS = {"salon": "Salon Jardins de Loire", "courrier": "Courrier « Vous nous manquez »",
                 "atelier": "Atelier rempotage", "sms": "SMS « 2e plant à moitié prix »",
                 "enquête": "Enquête de satisfaction web"}
VENDEUR_EN_RETARD = "Hugo Martin"
MESURES = ("relancer la prospection", "former à la conclusion des ventes", "accorder une remise aux clients Pros",
           "baisser son objectif")


def _fr(x: float, decimales: int = 0) -> str:
    return graphiques.nombre_fr(x, decimales)


@exercice("07_action_a_remplacer", indices=(
    "Cherchez l'action qui ne peut pas se rembourser, même si tout se passe comme prévu : c'est elle qu'il "
    "faut changer de moyen.",
    "Comparez, pour chaque action, les commandes au point mort aux réponses attendues ; regardez aussi ce "
    "qu'il faut retirer pour rentrer dans l'enveloppe (le dépassement).",
    "Lisez les colonnes commandes_point_mort, resultat et roi de pac.previsions(plan), puis répondez par "
    "l'un des mots : \"salon\", \"courrier\", \"atelier\", \"sms\", \"enquête\"."))
def _action_a_remplacer(reponse) -> Retour:
    p = pac.previsions(plan_brouillon())
    actions = {a.nom: a for a in plan_brouillon().actions}
    ligne = {cle: p.loc[nom] for cle, nom in CHOIX_ACTIONS.items()}
    depassement = plan_brouillon().budget_total - plan_brouillon().enveloppe
    c, s = ligne["courrier"], ligne["salon"]
    pourquoi = (f"Son point mort est de {_fr(c['commandes_point_mort'])} commandes pour "
                f"{_fr(actions[CHOIX_ACTIONS['courrier']].reponses_attendues)} réponses attendues : même si chaque réponse devenait une commande, "
                f"il ne couvrirait pas ses {graphiques.euros(c['budget'])}. Remplacé par un email aux inactifs qui "
                "ont accepté les emails (quelques centaines d'euros), le plan rentre dans l'enveloppe et garde "
                "une action de reconquête.")
    retours = {
        "salon": (f"son résultat immédiat est négatif ({graphiques.euros(s['resultat'])}), mais c'est une action "
                  "de conquête : elle se juge sur la valeur vie des clients gagnés (thème 04), pas sur les "
                  f"commandes du week-end ; et son point mort ({_fr(s['commandes_point_mort'])} commandes pour "
                  f"{_fr(actions[CHOIX_ACTIONS['salon']].commandes_attendues)} attendues) est bien moins hors d'atteinte que celui du courrier."),
        "atelier": (f"il rapporte plus qu'il ne coûte (retour sur investissement de "
                    f"{graphiques.pourcent(ligne['atelier']['roi'], 0)}) auprès des très bons clients, le "
                    "segment à garder en priorité : le couper, c'est retirer une action rentable."),
        "sms": (f"c'est l'action la plus rentable du plan (retour sur investissement de "
                f"{graphiques.pourcent(ligne['sms']['roi'], 0)}) ; on corrige sa date de fin et on le ramène aux "
                "clients qui ont accepté les SMS, on ne le supprime pas."),
        "enquête": (f"elle ne coûte que {graphiques.euros(ligne['enquête']['budget'])}, moins que le dépassement "
                    f"({graphiques.euros(depassement)}), et elle nourrit le diagnostic suivant (écouter les clients)."),
    }
    return comparer_decision(reponse, "courrier", pourquoi, retours, possibles=list(CHOIX_ACTIONS))


@cache
def devis_semestre(annee: int) -> pd.DataFrame:
    """Devis émis, commandes et taux de transformation de chaque vendeur au premier semestre ``annee``."""
    from grc import evaluation

    devis = table_verdance("devis")
    emis = devis[(devis["date_devis"].dt.year == annee) & (devis["date_devis"].dt.month <= MOIS)]
    table = evaluation.tableau_vendeurs(emis)
    return table.set_axis(table.index.astype(str))


@exercice("07_mesure_corrective", indices=(
    "Une mesure corrective soigne une cause : avant de choisir, cherchez pourquoi le vendeur est en retard.",
    "Comparez ses devis émis et son taux de transformation d'un premier semestre à l'autre : émet-il moins "
    "de devis, ou transforme-t-il moins bien ceux qu'il émet ?",
    "Lisez les lignes de Hugo Martin dans le tableau des devis des deux semestres, puis répondez par l'une "
    "des mesures de la liste MESURES, par exemple \"baisser son objectif\"."))
def _mesure_corrective(reponse) -> Retour:
    avant, apres = devis_semestre(ANNEE - 1), devis_semestre(ANNEE)
    v = VENDEUR_EN_RETARD
    pourquoi = (f"{v} transforme toujours bien ({graphiques.pourcent(apres.loc[v, 'taux_transformation'], 0)} de ses "
                f"devis deviennent des commandes au premier semestre {ANNEE}, "
                f"{graphiques.pourcent(avant.loc[v, 'taux_transformation'], 0)} un an plus tôt), mais il a émis "
                f"{_fr(apres.loc[v, 'devis'])} devis contre {_fr(avant.loc[v, 'devis'])} : le problème est en amont. "
                "Des rendez-vous de prospection chaque semaine et la relance de ses anciens clients Pros ; on "
                "suivra le nombre de devis émis le mois suivant.")
    retours = {
        "former à la conclusion des ventes": "son taux de transformation reste parmi les meilleurs de l'équipe : il "
                                             "conclut bien, c'est le nombre de devis qui manque.",
        "accorder une remise aux clients Pros": "une remise coûte de la marge sur des devis qu'il transforme déjà "
                                                "bien ; elle ne crée pas les devis qui manquent.",
        "baisser son objectif": "revoir un objectif mal réparti peut se discuter, mais cela efface le retard sur le "
                                "papier sans rien corriger : la cause (moins de devis émis) resterait.",
    }
    return comparer_decision(reponse, MESURES[0], pourquoi, retours, possibles=list(MESURES))


@exercice("07_segment_pac", indices=(
    "Reconquérir, c'est faire revenir des clients qui n'achètent plus ; encore faut-il qu'ils se souviennent "
    "de l'enseigne et qu'ils en vaillent la peine.",
    "Écartez les segments qui achètent encore (ils relèvent de la fidélisation ou de la stimulation des "
    "achats) ; entre ceux qui s'éloignent, comparez leur ancienneté de départ et leur panier historique.",
    "Lisez la table cibles (effectif, consentements, panier_moyen), puis répondez par le nom exact d'un "
    "segment, par exemple \"Inactifs\"."))
def _segment_pac(reponse) -> Retour:
    cibles = cibles_segments()
    bonne = "Clients à risque"
    r = cibles.loc[bonne]
    pourquoi = (f"Ce sont d'anciens bons clients dont le dernier achat s'éloigne : ils connaissent encore "
                f"l'enseigne, leur panier historique ({graphiques.euros(r['panier_moyen'], 2)}) est le plus élevé "
                f"des segments, et {_fr(r['effectif'])} clients, dont {_fr(r['email'])} joignables par email, "
                "tiennent dans une enveloppe de 3 000 €.")
    retours = {
        "Inactifs": "partis depuis longtemps, ils valent peu et s'abordent comme des prospects, avec une offre "
                    "d'appel peu coûteuse : un PAC de 3 000 € s'y rembourse difficilement.",
        "Très bons clients": "ils achètent encore : c'est de la fidélisation (reconnaissance, service), pas de la "
                             "reconquête.",
        "Bons clients": "ils achètent encore : l'objectif est de stimuler leurs achats, pas de les reconquérir.",
        "Clients prometteurs": "récents et acheteurs, on les fait monter (stimulation, fidélisation) ; ils ne sont "
                               "pas à reconquérir.",
        "Nouveaux clients": "ils viennent d'arriver : l'enjeu est le deuxième achat (accueil, activation), pas la "
                            "reconquête.",
        "Clients occasionnels": "ils achètent peu mais pas moins qu'avant ; les relancer, c'est stimuler leurs "
                                "achats, et leur panier est le plus bas de la base.",
    }
    return comparer_decision(reponse, bonne, pourquoi, retours, possibles=sorted(cibles.index))
