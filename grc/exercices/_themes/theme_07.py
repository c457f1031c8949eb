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


@exercice("07_objectifs_actions", indice="Conquête : de nouveaux clients (ou des prospects) ; reconquête : des clients "
          "partis ; fidélisation : garder les bons clients ; stimulation : faire acheter plus ou plus souvent.")
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


@exercice("07_ca_juin", indice="CA du mois : lignes de 2024 dont le mois vaut 6 ; cumul : lignes de 2024 dont le mois "
          "est ≤ 6. Sommez montant_ht, retours compris.")
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
    if not mois.est_correct:
        return mois if mois.statut == "vide" else incorrect(f"CA du mois : {mois.message.removeprefix('CA du mois : ')}")
    cumul = _avec_erreurs(comparer_nombre(reponse["cumul"], c["cumul"], tolerance=1e-6), reponse["cumul"], {
        "Cumul : c'est toute l'année 2024 ; le cumul s'arrête à la fin du mois suivi (janvier à juin).": c["annee"],
        "Cumul : il manque juin ; le cumul va de janvier au mois suivi inclus (≤ 6).": c["cumul_mai"],
    })
    if not cumul.est_correct:
        return cumul if cumul.statut == "vide" else incorrect(f"Cumul : {cumul.message.removeprefix('Cumul : ')}")
    return correct("Bonne réponse : CA de juin et cumul de janvier à juin 2024.")


@exercice("07_progression_cumul", indice="(cumul janvier-juin 2024 − cumul janvier-juin 2023) / cumul janvier-juin 2023, "
          "en fraction.")
def _progression_cumul(reponse) -> Retour:
    c = chiffres_juin()
    attendu = c["cumul"] / c["cumul_n1"] - 1
    retour = comparer_nombre(reponse, attendu, tolerance=1e-4, relative=False, fraction=True)
    return _avec_erreurs(retour, reponse, {
        "Vous avez comparé six mois de 2024 à toute l'année 2023 : comparez des périodes identiques "
        "(janvier-juin à janvier-juin).": c["cumul"] / c["annee_n1"] - 1,
        "La référence est l'année précédente : divisez par le cumul de 2023, pas par celui de 2024.":
            (c["cumul"] - c["cumul_n1"]) / c["cumul"],
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


@exercice("07_realisation_vendeurs", indice="Devis acceptés, datés par date_commande, de janvier à juin 2024 : somme de "
          "montant_commande_ht par vendeur, divisée par la somme des objectifs de janvier à juin 2024.")
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
        (100 * attendu, "Donnez des fractions (1,05 pour 105 %), pas des pourcentages."),
    ]
    return avec_series_typiques(comparer_serie(reponse, attendu, tolerance=1e-6), reponse, erreurs)


@cache
def lignes_en_retard() -> frozenset[str]:
    """Vendeurs (face à l'objectif) et rayons (face à N−1) dont le statut est « en retard » à fin juin 2024."""
    lignes = pd.concat([suivi_vendeurs().drop("Total"), suivi_rayons().drop("Total")])
    return frozenset(str(i) for i in lignes.index[lignes["statut"] == "en retard"])


@exercice("07_lignes_en_retard", indice="pac.tableau_suivi pour les vendeurs (avec les objectifs) et pour les rayons "
          "(sans objectif : comparés à N−1) ; gardez les lignes dont le statut est « en retard », sans « Total ».")
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


@exercice("07_taux_canaux", indice="groupby('canal') puis somme des envois, réponses et commandes ; taux de retour = "
          "réponses / envois ; taux de rendement net = commandes / réponses (sur les sommes).")
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


@exercice("07_controle_brouillon", indice="pac.controler_plan(plan) : les messages « Action « ... » : » nomment les "
          "actions à corriger ; le dépassement = budget total des actions − enveloppe.")
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


@exercice("07_point_mort", indice="Commandes au point mort = budget / (panier moyen × taux de marque), arrondi à "
          "l'entier supérieur (math.ceil).")
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
    return comparer_nombre(reponse, attendu, tolerance=0, relative=False)


@exercice("07_resultat_brouillon", indice="Pour chaque action : commandes × panier × taux de marque − budget ; "
          "faites la somme (ou pac.compte_resultat_previsionnel).")
def _resultat_brouillon(reponse) -> Retour:
    p = pac.previsions(plan_brouillon())
    attendu = float(p["resultat"].sum())
    retour = comparer_nombre(reponse, attendu, tolerance=1e-6, relative=False)
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


@exercice("07_pac_segment", indice="Construisez un pac.Plan (enveloppe 3 000 €, 1er semestre 2025) d'au moins deux actions "
          "qui visent toutes le même segment ; vérifiez pac.controler_plan(plan), puis chaque action face aux tables "
          "`cibles` et `plafonds`.")
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
