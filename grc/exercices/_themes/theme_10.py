"""Exercices du thème 10 : l'étude de cas intégrée, de l'extrait brut au plan d'action défendu.

Les valeurs attendues sont recalculées ici avec les fonctions de ``grc``, selon les conventions du
carnet ``10-etude-de-cas`` (reprises dans son énoncé) :

- date de référence le 1er janvier 2025 ; segments RFM du thème 02 (tickets distincts, quintiles,
  ``REGLES_SEGMENTS``) ; classes ABC du thème 03 en **valeur** (80 % / 95 % du CA net 2022-2024) ;
- CLV d'un segment (thème 04) : segments calculés au 1er janvier 2024 sur l'historique antérieur,
  rétention = part du segment active en 2024, marge = marge 2024 moyenne de ses clients actifs,
  ``valeur.clv(marge, retention, 0.10)`` (horizon illimité, convention du cours) ;
- score de référence (thème 06) : régression logistique apprise sur les contacts des campagnes K01 à
  K11, variables connues la veille de chaque envoi (:func:`grc.scoring.variables_avant`) ;
- hypothèses du PAC (thème 07) : taux de rendement net, coût par contact tirés des campagnes passées
  du même canal ; panier moyen et taux de marque tirés de l'historique des clients ciblés ;
- groupe témoin (thème 08) : taux d'achat spontané d'un segment à risque sur 60 jours, mesuré début
  2024, et :func:`grc.evaluation.taille_echantillon_ab`.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from grc import abc, rfm, scoring, valeur
from grc import base_marketing as bm
from grc.relationnel import erreurs_grille

from ..comparaisons import (
    avec_erreurs_typiques,
    comparer_decision,
    comparer_ensemble,
    comparer_nombre,
    comparer_serie,
    comparer_table,
    en_dictionnaire,
    en_table,
    identifiants,
    index_en_texte,
)
from ..contexte import (
    ANNEE,
    DATE_CALIBRAGE,
    DATE_REFERENCE,
    module_paresseux,
    segment_des_clients,
    segments_au,
    segments_observes,
    table_verdance,
)
from ..glissements import GLISSEMENTS, avec_glissements
from ..registre import exercice
from ..retour import Retour, correct, incorrect
from .theme_08 import CE_QUE_MESURE

pac = module_paresseux("grc.pac")  # matplotlib et seaborn : chargés au premier juge qui s'en sert
evaluation = module_paresseux("grc.evaluation")  # scipy, de même
TAUX_ACTUALISATION = 0.10
SEGMENT_CIBLE = "Clients à risque"
CAMPAGNE_TEST = "K12"
SEUIL_AUC = 0.75
#: Les variables du score de référence (les colonnes de :func:`tables_score`).
VARIABLES_SCORE = ["R", "F", "M", "jamais_achete", "a_jardin", "a_animal", "carte_fidelite",
                   "canal_sms", "canal_courrier"]
CANAL_ACTION = "courrier"
ENVELOPPE = 4000.0
DEBUT_PAC = pd.Timestamp("2025-01-01")
FIN_PAC = pd.Timestamp("2025-06-30")
FENETRE_TEMOIN_JOURS = 60
ECART_TEMOIN = 0.05


# --- Les données et les étapes du cas, calculées une fois -----------------------------------------


@cache
def fichier_propre() -> pd.DataFrame:
    """L'extrait brut nettoyé par :func:`grc.base_marketing.nettoyer_extrait` (une ligne par personne)."""
    return bm.nettoyer_extrait(table_verdance("extrait_brut"))[0]


def _joignables(table: pd.DataFrame) -> int:
    """Fiches qui ont à la fois un email bien formé et une adresse postale (code postal et ville)."""
    return int((bm.coordonnee_valide(table, "email") & bm.coordonnee_valide(table, "courrier")).sum())


@cache
def ca_magasins() -> pd.DataFrame:
    """CA HT 2024 et clients distincts par magasin (index : magasin, en texte)."""
    t = table_verdance("transactions")
    t = t[t["date"].dt.year == ANNEE].assign(magasin=lambda x: x["magasin"].astype(str))
    return t.groupby("magasin").agg(ca_ht=("montant_ht", "sum"), clients=("client_id", "nunique"))


@cache
def segments_actuels() -> pd.DataFrame:
    """Le tableau RFM au 1er janvier 2025, avec le segment et la classe ABC (en valeur) de chaque client."""
    s = index_en_texte(segments_au(DATE_REFERENCE)).assign(segment=segment_des_clients(DATE_REFERENCE))
    return s.assign(classe_abc=abc.classer_abc(s["montant"]).astype(str))


@cache
def portefeuille() -> pd.DataFrame:
    """Par segment : nombre de clients, CA HT net 2022-2024 et part du CA (fraction)."""
    s = segments_actuels()
    table = s.groupby("segment").agg(clients=("montant", "size"), ca_ht=("montant", "sum"))
    table["part_ca"] = table["ca_ht"] / table["ca_ht"].sum()
    return table


@cache
def gros_clients_a_risque() -> tuple[str, ...]:
    """Les clients de classe A (ABC en valeur) qui sont dans le segment « Clients à risque »."""
    s = segments_actuels()
    return tuple(sorted(s.index[(s["classe_abc"] == "A") & (s["segment"] == SEGMENT_CIBLE)]))


@cache
def calibrage() -> pd.DataFrame:
    """Segments au 1er janvier 2024 et ce que chacun a fait en 2024 : rétention, marge par actif, CLV."""
    table = segments_observes(DATE_CALIBRAGE, ANNEE)
    return table.assign(clv=valeur.clv(table["marge"], table["retention"], TAUX_ACTUALISATION))


def clv_segments() -> pd.Series:
    return calibrage()["clv"]


def declaratif() -> pd.DataFrame:
    """Les variables déclaratives du score : jardin, animal, carte de fidélité (index : client_id)."""
    fiche = table_verdance("clients").set_index("client_id")
    return pd.DataFrame({"a_jardin": fiche["a_jardin"], "a_animal": fiche["animal"].astype(str) != "aucun",
                         "carte_fidelite": fiche["carte_fidelite"]})


@cache
def tables_score() -> pd.DataFrame:
    """Une ligne par contact de campagne : variables connues la veille de l'envoi, canal, réponse."""
    contacts, campagnes = table_verdance("contacts_campagnes"), table_verdance("campagnes")
    morceaux = []
    for campagne in campagnes.itertuples():
        reponses = contacts[contacts["campagne_id"] == campagne.campagne_id].set_index("client_id")["reponse"]
        v = scoring.variables_avant(table_verdance("transactions"), campagne.date_envoi, population=reponses.index,
                                    declaratif=declaratif())
        v["canal_sms"] = int(campagne.canal == "sms")
        v["canal_courrier"] = int(campagne.canal == "courrier")
        v["campagne_id"] = campagne.campagne_id
        v["reponse"] = reponses.reindex(v.index).astype(int).to_numpy()
        morceaux.append(v)
    return pd.concat(morceaux)


@cache
def modele_reference():
    """La régression logistique de référence, apprise sur les campagnes K01 à K11."""
    from sklearn.linear_model import LogisticRegression

    t = tables_score()
    apprentissage = t[t["campagne_id"] != CAMPAGNE_TEST]
    return LogisticRegression(max_iter=1000).fit(apprentissage[VARIABLES_SCORE], apprentissage["reponse"])


@cache
def contacts_test() -> pd.Series:
    """La réponse (0/1) de chaque client contacté par la campagne de test (K12)."""
    t = tables_score()
    return t.loc[t["campagne_id"] == CAMPAGNE_TEST, "reponse"]


@cache
def cible_action() -> pd.Index:
    """Les gros clients à risque que le RGPD permet de contacter par courrier (triés)."""
    conditions = bm.conditions_contact(table_verdance("clients"), table_verdance("transactions"), canal=CANAL_ACTION)
    contactables = conditions.index[conditions["contactable"]].astype(str)
    return pd.Index(sorted(set(contactables) & set(gros_clients_a_risque())), name="client_id")


@cache
def probabilites_cible() -> pd.Series:
    """Probabilité de réponse de chaque client de la cible à un courrier, selon le score de référence."""
    v = scoring.variables_avant(table_verdance("transactions"), DATE_REFERENCE, population=cible_action(),
                                declaratif=declaratif())
    v["canal_sms"], v["canal_courrier"] = 0, 1
    return pd.Series(modele_reference().predict_proba(v[VARIABLES_SCORE])[:, 1], index=v.index, name="probabilite")


@cache
def hypotheses_action() -> dict[str, float]:
    """Les hypothèses chiffrées de l'action de reconquête par courrier (voir le carnet)."""
    k = table_verdance("campagnes")
    k = k[k["canal"] == CANAL_ACTION]
    cible = cible_action()
    rfm_cible = segments_actuels().loc[cible]
    t = table_verdance("transactions")
    lignes = t[t["client_id"].astype(str).isin(set(cible))]
    contacts = len(cible)
    reponses = round(float(probabilites_cible().sum()))
    rendement = float(k["commandes"].sum() / k["reponses"].sum())
    return {
        "contacts": contacts,
        "reponses_attendues": reponses,
        "taux_rendement_net": rendement,
        "commandes_attendues": round(reponses * rendement),
        "panier_moyen": float(rfm_cible["montant"].sum() / rfm_cible["frequence"].sum()),
        "taux_marque": float(lignes["marge_ht"].sum() / lignes["montant_ht"].sum()),
        "cout_par_contact": float(k["cout"].sum() / k["envois"].sum()),
        "budget": contacts * float(k["cout"].sum() / k["envois"].sum()),
    }


def action_reference() -> pac.Action:
    """L'action de reconquête chiffrée avec les hypothèses du carnet."""
    h = hypotheses_action()
    return pac.Action("Reconquête des gros clients à risque", cible=SEGMENT_CIBLE, canal=CANAL_ACTION,
                      debut="2025-03-03", fin="2025-03-31", budget=h["budget"], objectif="reconquête",
                      contacts=h["contacts"], reponses_attendues=h["reponses_attendues"],
                      commandes_attendues=h["commandes_attendues"], panier_moyen=h["panier_moyen"],
                      taux_marque=h["taux_marque"], responsable="responsable CRM",
                      indicateurs="taux de retour ; commandes ; CA ; résultat")


@cache
def taux_spontane() -> float:
    """Part des clients à risque au 1er janvier 2024 qui ont acheté dans les 60 jours suivants, sans relance."""
    t = table_verdance("transactions")
    s = segment_des_clients(DATE_CALIBRAGE)
    a_risque = set(s.index[s == SEGMENT_CIBLE])
    fin = DATE_CALIBRAGE + pd.Timedelta(days=FENETRE_TEMOIN_JOURS)
    acheteurs = set(t.loc[(t["date"] >= DATE_CALIBRAGE) & (t["date"] < fin), "client_id"].astype(str))
    return len(a_risque & acheteurs) / len(a_risque)


# --- Aides aux messages ---------------------------------------------------------------------------


# --- Les exercices --------------------------------------------------------------------------------


@exercice("10_fiches_joignables", indices=(
    "L'idée : un fichier se juge à ses personnes distinctes, et une personne n'est joignable par les deux canaux "
    "que si son email ET son adresse postale sont valables.",
    "La méthode : nettoyez d'abord l'extrait (une ligne par personne), puis comptez les fiches dont l'email est "
    "valide et l'adresse aussi, les deux à la fois.",
    "L'appel : `propre, rapport = bm.nettoyer_extrait(brut)`, puis `(bm.coordonnee_valide(propre, \"email\") & "
    "bm.coordonnee_valide(propre, \"courrier\")).sum()`.",
))
def _fiches_joignables(reponse):
    attendu = _joignables(fichier_propre())
    propre = fichier_propre()
    brut = table_verdance("extrait_brut")
    retour = avec_glissements(
        comparer_nombre(reponse, attendu, tolerance=0), reponse, {"lignes_pour_clients": _joignables(brut)},
        tolerance=0, precisions={"lignes_pour_clients": "Ici, l'extrait brut compte plusieurs fois la même personne "
                                                        "(doublons) : nettoyez-le d'abord."})
    return avec_erreurs_typiques(retour, reponse, {
        "Vous n'avez compté que l'email : la fiche doit aussi permettre un courrier (code postal et ville).":
            int(bm.coordonnee_valide(propre, "email").sum()),
        "Vous n'avez compté que l'adresse postale : la fiche doit aussi avoir un email valide.":
            int(bm.coordonnee_valide(propre, "courrier").sum()),
    })


@exercice("10_sql_magasins", indices=(
    "L'idée : une ligne par magasin, avec deux résumés des ventes de 2024 : le CA et le nombre de clients "
    "différents.",
    "La méthode : gardez les lignes de 2024 (comparaison de dates écrites en texte), regroupez par magasin, "
    "additionnez le montant et comptez les clients distincts.",
    "L'appel : `SELECT magasin, SUM(montant_ht) AS ca_ht, COUNT(DISTINCT client_id) AS clients FROM transactions "
    "WHERE date >= '2024-01-01' AND date < '2025-01-01' GROUP BY magasin`.",
))
def _sql_magasins(reponse):
    reponse = en_table(reponse, "magasin")
    if isinstance(reponse, Retour):
        return reponse
    attendu = ca_magasins()
    if isinstance(reponse, pd.DataFrame) and {"ca_ht", "clients"} <= set(reponse.columns) \
            and set(reponse.index) == set(attendu.index):
        r = reponse.reindex(attendu.index)
        ca_juste = comparer_table(r[["ca_ht"]], attendu[["ca_ht"]]).est_correct
        t = table_verdance("transactions").assign(magasin=lambda x: x["magasin"].astype(str))
        if not ca_juste and comparer_table(r[["ca_ht"]], t.groupby("magasin")[["montant_ht"]].sum()
                                           .rename(columns={"montant_ht": "ca_ht"})).est_correct:
            return incorrect(GLISSEMENTS["toutes_annees"].message + " Ici, la colonne 'ca_ht' couvre toutes les "
                             "années : gardez seulement les ventes de 2024.")
        lignes_2024 = t[t["date"].dt.year == ANNEE].groupby("magasin").size().rename("clients").to_frame()
        if ca_juste and comparer_table(r[["clients"]], lignes_2024).est_correct:
            return incorrect("La colonne 'clients' compte des lignes de tickets : comptez les clients DISTINCTS "
                             "(COUNT(DISTINCT client_id)).")
    return comparer_table(reponse, attendu, colonnes=["ca_ht", "clients"], tolerance=1e-6)


@exercice("10_portefeuille_segments", indices=(
    "L'idée : pour chaque segment, combien de clients, combien de CA, et quelle part du CA total.",
    "La méthode : segmentez (tableau RFM en tickets distincts, notes, segments), regroupez par segment, comptez "
    "les clients et additionnez les montants, puis divisez chaque CA par le total.",
    "L'appel : `rfm.tableau_rfm(transactions, date_reference=DATE_REFERENCE, ticket=\"ticket_id\")"
    ".pipe(rfm.scores_rfm).pipe(rfm.segments_rfm)`, puis `.groupby(\"segment\", observed=True).agg(clients=("
    "\"montant\", \"size\"), ca_ht=(\"montant\", \"sum\"))`.",
))
def _portefeuille_segments(reponse):
    reponse = en_table(reponse, "segment")
    if isinstance(reponse, Retour):
        return reponse
    attendu = portefeuille()
    if isinstance(reponse, pd.DataFrame) and {"clients", "ca_ht", "part_ca"} <= set(reponse.columns) \
            and set(reponse.index) == set(attendu.index):
        r = reponse.reindex(attendu.index)
        juste = comparer_table(r, attendu, tolerance=1e-6)
        if juste.est_correct:
            return juste
        if comparer_table(r[["clients", "ca_ht"]], attendu[["clients", "ca_ht"]]).est_correct and \
                comparer_table(r[["part_ca"]] / 100, attendu[["part_ca"]]).est_correct:
            return incorrect("La colonne 'part_ca' est en pourcentage : exprimez-la en fraction (0,25 et non 25).")
        sans_ticket = rfm.tableau_rfm(table_verdance("transactions"), date_reference=DATE_REFERENCE)
        sans_ticket = sans_ticket.pipe(rfm.scores_rfm).pipe(rfm.segments_rfm)
        effectifs = sans_ticket["segment"].astype(str).value_counts()
        if comparer_table(r[["clients"]], effectifs.rename("clients").to_frame().reindex(attendu.index)
                          .fillna(0)).est_correct:
            return incorrect("Vos segments comptent des lignes de tickets comme des achats : passez "
                             "ticket='ticket_id' à tableau_rfm pour compter des passages en caisse.")
    return comparer_table(reponse, attendu, colonnes=["clients", "ca_ht", "part_ca"], tolerance=1e-6)


@exercice("10_gros_clients_a_risque", indices=(
    "L'idée : un gros client en train de partir est à la fois dans la classe A (les plus gros, en valeur) et "
    "dans le segment « Clients à risque ».",
    "La méthode : dans la table `segments`, gardez les lignes qui remplissent les deux conditions à la fois, "
    "puis prenez leurs identifiants.",
    "L'appel : `segments.index[(segments[\"classe_abc\"] == \"A\") & (segments[\"segment\"] == SEGMENT_CIBLE)]"
    ".tolist()`.",
))
def _gros_clients_a_risque(reponse):
    reponse = identifiants(reponse)
    attendu = gros_clients_a_risque()
    retour = comparer_ensemble(reponse, attendu, "clients")
    if retour.est_correct or retour.statut == "vide":
        return retour
    s = segments_actuels()
    en_effectif = abc.classer_abc(s["montant"], methode="effectif").astype(str)
    par_effectif = s.index[(en_effectif == "A") & (s["segment"] == SEGMENT_CIBLE)]
    avec_inactifs = s.index[(s["classe_abc"] == "A") & s["segment"].isin([SEGMENT_CIBLE, "Inactifs"])]
    tous_a_risque = s.index[s["segment"] == SEGMENT_CIBLE]
    for faux, message in (
        (par_effectif, "Vous avez classé en effectif (les 20 % premiers clients) : la consigne demande la classe A "
                       "en valeur (les clients qui font 80 % du CA)."),
        (tous_a_risque, "Ce sont tous les clients à risque : gardez seulement ceux de la classe A."),
        (avec_inactifs, "Vous avez ajouté des inactifs : la cible est le seul segment « Clients à risque »."),
    ):
        if isinstance(reponse, list | tuple | set | pd.Series) and comparer_ensemble(reponse, faux, "clients").est_correct:
            return incorrect(message)
    return retour


@exercice("10_clv_segments", indices=(
    "L'idée : on se place un an plus tôt pour voir ce que chaque segment a fait l'année suivante : combien sont "
    "restés, combien ils ont rapporté.",
    "La méthode : segments au 1er janvier 2024 sur l'historique antérieur ; par segment, la part des clients "
    "actifs en 2024 (rétention) et la marge 2024 moyenne des actifs ; puis la CLV à 10 %.",
    "L'appel : `valeur.clv(marge, retention, 0.10)`, avec `retention` et `marge` regroupées par segment "
    "(`groupby(\"segment\", observed=True)`).",
))
def _clv_segments(reponse):
    attendu = clv_segments()
    if isinstance(reponse, pd.DataFrame) and "clv" in reponse.columns:
        reponse = en_table(reponse, "segment")["clv"]
    if not isinstance(reponse, pd.Series):
        return comparer_table(reponse, attendu.to_frame())
    reponse = reponse.set_axis(reponse.index.astype(str))
    c = calibrage()
    if set(reponse.index) == set(attendu.index) and pd.api.types.is_numeric_dtype(reponse):
        r = reponse.reindex(attendu.index)
        for faux, message in (
            (valeur.clv(c["marge"], c["retention"], TAUX_ACTUALISATION, marge_initiale=True),
             "Vous avez compté la marge de l'année 0 : la convention du cours encaisse la première marge en fin "
             "d'année (valeur.clv sans marge_initiale)."),
            (valeur.clv_simple(c["marge"], valeur.duree_de_vie(c["retention"])),
             "C'est la CLV simple, sans actualisation : actualisez à 10 % (valeur.clv)."),
        ):
            if np.allclose(r.to_numpy(dtype="float64"), faux.to_numpy(dtype="float64"), rtol=1e-6):
                return incorrect(message)
    return comparer_serie(reponse, attendu, tolerance=1e-6)


@exercice("10_grille_relationnelle", indices=(
    "L'idée : pour des clients qui s'éloignent, chacun des cinq objectifs (connaître, parler, écouter, "
    "récompenser, associer) reçoit au moins un moyen et une action concrète.",
    "La méthode : partez de la grille vide du segment, mettez sous chaque objectif des moyens de la liste qui "
    "relèvent de CET objectif, et décrivez l'action en une phrase (quoi, pour qui, quand).",
    "L'appel : `grille = relationnel.grille_relationnelle(SEGMENT_CIBLE)`, puis `grille[\"moyens\"] = [[...], "
    "...]` et `grille[\"action\"] = [\"...\", ...]` ; `relationnel.erreurs_grille(grille)` dit ce qui cloche.",
))
def _grille_relationnelle(reponse):
    if not isinstance(reponse, pd.DataFrame):
        return incorrect("Un tableau était attendu : partez de la grille vierge du segment (relationnel.grille_relationnelle).")
    if "segment" not in reponse.columns or not (reponse["segment"].astype(str) == SEGMENT_CIBLE).all():
        return incorrect(f"La grille doit porter sur le segment « {SEGMENT_CIBLE} » (colonne 'segment').")
    erreurs = erreurs_grille(reponse)
    if erreurs:
        suite = f" (et {len(erreurs) - 1} autre(s) remarque(s))" if len(erreurs) > 1 else ""
        return incorrect(erreurs[0] + suite)
    courtes = [str(o) for o, a in reponse["action"].items() if len(str(a).split()) < 4]
    if courtes:
        return incorrect(f"Action trop vague pour « {courtes[0]} » : décrivez-la en une phrase (quoi, pour qui, quand).")
    return correct("Grille complète et cohérente avec la matrice. Justifiez vos choix dans la question ouverte.")


@exercice("10_score_auc", indices=(
    "L'idée : apprendre sur les campagnes passées, puis noter des clients que le modèle n'a jamais vus (ceux de "
    "K12) ; un bon score met les répondants devant.",
    "La méthode : ajustez une régression logistique sur le tableau d'apprentissage (variables connues avant "
    "l'envoi, sans la réponse), puis prenez la probabilité de répondre de chaque contacté de K12.",
    "L'appel : `LogisticRegression(max_iter=1000).fit(apprentissage[variables], apprentissage[\"reponse\"])`, "
    "puis `pd.Series(modele.predict_proba(test_k12[variables])[:, 1], index=test_k12.index)`.",
))
def _score_auc(reponse):
    from sklearn.metrics import roc_auc_score

    reel = contacts_test()
    if isinstance(reponse, np.ndarray):
        return incorrect("Vos scores n'ont pas d'identifiants de clients : donnez une colonne de scores, une par client_id "
                         "(avec les clients en étiquettes, comme dans l'exemple).")
    if isinstance(reponse, pd.DataFrame) and reponse.shape[1] == 1:
        reponse = reponse.iloc[:, 0]
    if not isinstance(reponse, pd.Series):
        return incorrect("Une colonne de scores, une valeur par client_id, était attendue.")
    reponse = reponse.set_axis(reponse.index.astype(str))
    manquants, en_trop = reel.index.difference(reponse.index), reponse.index.difference(reel.index)
    if len(manquants) or len(en_trop):
        return incorrect(f"Le score doit couvrir exactement les {len(reel)} clients contactés par {CAMPAGNE_TEST} : "
                         f"{len(manquants)} manquant(s), {len(en_trop)} en trop.")
    if reponse.index.duplicated().any():
        return incorrect("Un même client apparaît plusieurs fois dans votre score.")
    if not pd.api.types.is_numeric_dtype(reponse) or reponse.isna().any():
        return incorrect("Le score doit être numérique et sans valeur manquante.")
    auc = float(roc_auc_score(reel.to_numpy(), reponse.reindex(reel.index).to_numpy(dtype="float64")))
    if auc > 0.99:
        return incorrect("Votre score devine presque parfaitement les réponses de K12 : il utilise sans doute la "
                         "réponse elle-même ou des achats postérieurs à l'envoi (fuite d'information).")
    if auc < 0.5:
        return incorrect(f"AUC de {auc:.2f} : votre score classe à l'envers (plus grand = moins appétent ?).")
    if auc < SEUIL_AUC:
        return incorrect(f"AUC de {auc:.2f} : votre score fait à peine mieux que le hasard (0,50). "
                         f"Visez au moins {SEUIL_AUC:.2f} : la récence et la fréquence sont les meilleures variables.")
    return correct(f"Bon score : AUC de {auc:.2f} sur la campagne de test {CAMPAGNE_TEST}, jamais vue à l'apprentissage.")


@exercice("10_resultat_action", indices=(
    "L'idée : le résultat d'une action, c'est la marge qu'elle doit rapporter moins ce qu'elle coûte.",
    "La méthode : commandes attendues × panier moyen donne le CA ; × taux de marque donne la marge ; retirez "
    "le budget de l'action.",
    "L'appel : `commandes_attendues * panier_moyen * taux_marque_cible - budget_courrier`.",
))
def _resultat_action(reponse):
    a = action_reference()
    h = hypotheses_action()
    attendu = a.resultat
    retour = comparer_nombre(reponse, attendu, tolerance=1e-3)
    k = table_verdance("campagnes")
    courriers = k[k["canal"] == CANAL_ACTION]
    panier_campagnes = float(courriers["ca_genere"].sum() / courriers["commandes"].sum())
    return avec_erreurs_typiques(retour, reponse, {
        "Vous n'avez pas retranché le budget : le résultat est la marge attendue moins le coût de l'action.":
            a.marge_attendue,
        "Vous avez pris le CA attendu : le résultat se calcule sur la marge (CA × taux de marque).":
            a.ca_attendu - a.budget,
        "Vous avez compté chaque réponse comme une commande : appliquez le taux de rendement net.":
            h["reponses_attendues"] * h["panier_moyen"] * h["taux_marque"] - a.budget,
        "Vous avez pris le panier moyen des campagnes courrier : la consigne demande celui des clients ciblés.":
            a.commandes_attendues * panier_campagnes * a.taux_marque - a.budget,
    })


def _intacte(action: pac.Action) -> bool:
    """Vrai pour une action du modèle que l'élève n'a pas encore touchée (tout à ``...``), ou pour la reconquête."""
    if action.a_remplir:
        return len(action.a_remplir) == len(pac.COLONNES_PLAN)
    return action.cible == SEGMENT_CIBLE and action.objectif.lower() == "reconquête"


def _modele_a_remplir(plan: pac.Plan) -> Retour | None:
    """Le retour d'un plan dont des cases sont encore à ``...`` : « vide » si l'élève n'a rien rempli, sinon la
    première case à remplir et la liste des autres ; ``None`` si tout est rempli."""
    cases = pac.cases_a_remplir(plan)
    if not cases:
        return None
    a_remplir = {n: a.a_remplir for n, a in enumerate(plan.actions, start=1) if a.a_remplir}
    if all(_intacte(a) for a in plan.actions):
        numeros = [str(n) for n in a_remplir]
        quelles = (f"de l'action {numeros[0]}" if len(numeros) == 1
                   else f"des actions {', '.join(numeros[:-1])} et {numeros[-1]}")
        return Retour("vide", f"Pas encore de réponse : remplacez chaque ... {quelles} du modèle par vos choix, "
                              "puis relancez la cellule.")
    reste = " ; ".join(f"action {n} : " + ("toutes ses cases" if len(champs) == len(pac.COLONNES_PLAN)
                                            else ", ".join(champs)) for n, champs in a_remplir.items())
    return incorrect(f"{cases[0]}\nEncore à remplir ({len(cases)} case{'s' * (len(cases) > 1)}) : {reste}.")


@exercice("10_pac", indices=(
    "L'idée : un plan du semestre, dans l'enveloppe, qui reprend la reconquête et ajoute au moins deux actions, "
    "dont une sur un autre segment.",
    "La méthode : dans le modèle, remplacez chaque ... par votre choix : une cible (un segment RFM), un objectif, "
    "un canal, des dates dans le semestre, un budget, l'entonnoir attendu, un panier, un taux de marque, un "
    "responsable, des indicateurs ; le contrôle du plan ne doit plus rien signaler.",
    "L'appel : par exemple `cible=\"Très bons clients\"`, `objectif=\"fidélisation\"`, `debut=\"2025-04-03\"`, "
    "`budget=1200`, `panier_moyen=round(panier_tbc, 2)`, `taux_marque=round(marque_tbc, 3)`, puis "
    "`pac.controler_plan(plan)` pour relire le plan.",
))
def _pac(reponse):
    if not isinstance(reponse, pac.Plan):
        return incorrect("Un plan d'action était attendu : construisez-le avec pac.Plan(...) comme dans l'exemple.")
    retour_modele = _modele_a_remplir(reponse)
    if retour_modele is not None:
        return retour_modele
    if abs(reponse.enveloppe - ENVELOPPE) > 1e-6:
        return incorrect("L'enveloppe du plan n'est pas celle de la direction (voir l'énoncé).")
    if reponse.debut != DEBUT_PAC or reponse.fin != FIN_PAC:
        return incorrect("La période du plan doit être le premier semestre 2025 (du 1er janvier au 30 juin).")
    if len(reponse.actions) < 3:
        return incorrect(f"Le plan compte {len(reponse.actions)} action(s) : il en faut au moins 3.")
    segments = set(rfm.REGLES_SEGMENTS["segment"].astype(str))
    inconnues = [a.nom for a in reponse.actions if a.cible not in segments]
    if inconnues:
        return incorrect(f"Action « {inconnues[0]} » : la cible doit être un segment RFM nommé "
                         f"({', '.join(sorted(segments))}).")
    if len({a.cible for a in reponse.actions}) < 2:
        return incorrect("Toutes les actions visent le même segment : un PAC couvre au moins deux segments.")
    if not any(a.cible == SEGMENT_CIBLE and a.objectif.lower() == "reconquête" for a in reponse.actions):
        return incorrect(f"Le plan doit contenir l'action de reconquête des « {SEGMENT_CIBLE} » chiffrée à l'étape "
                         "précédente.")
    defauts = pac.controler_plan(reponse)
    if defauts:
        suite = f" (et {len(defauts) - 1} autre(s) défaut(s) : lancez pac.controler_plan)" if len(defauts) > 1 else ""
        return incorrect(defauts[0] + suite)
    return correct("Plan cohérent : dates, budget, objectifs, responsables et indicateurs sont en place. "
                   "Reste à le défendre.")


@exercice("10_taille_temoin", indices=(
    "L'idée : sans relance, une partie des clients à risque rachète quand même ; le témoin doit être assez grand "
    "pour voir 5 points de plus que ce taux spontané.",
    "La méthode : mesurez la part des clients à risque du 1er janvier 2024 qui ont acheté dans les 60 jours, "
    "puis demandez l'effectif nécessaire PAR groupe pour un écart de 5 points.",
    "L'appel : `taille_echantillon_ab(taux_spontane, 0.05)`.",
))
def _taille_temoin(reponse):
    p = taux_spontane()
    attendu = evaluation.taille_echantillon_ab(p, ECART_TEMOIN)
    retour = comparer_nombre(reponse, attendu, tolerance=0)
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez donné l'effectif des deux groupes réunis : la formule donne un effectif PAR groupe.": 2 * attendu,
        "Vous avez cherché un écart de 3 points : la direction veut détecter 5 points.":
            evaluation.taille_echantillon_ab(p, 0.03),
    })


# --- Les décisions du parcours BTS ----------------------------------------------------------------

#: Exercice « 10_cible_reconquete » : les cibles possibles de l'action principale.
CIBLES_RECONQUETE = ("les gros clients à risque", "tous les clients à risque", "les inactifs", "les très bons clients")


def _deux_decimales(valeur: float) -> str:
    """Un montant à deux décimales, écrit à la française (virgule décimale)."""
    return f"{valeur:.2f}".replace(".", ",")


def _cout_courrier() -> float:
    return float(hypotheses_action()["cout_par_contact"])


@exercice("10_cible_reconquete", indices=(
    "L'idée : la dépense suit la valeur ; on vise d'abord des clients qui partent ET qui pèsent.",
    "La méthode : pour chaque cible proposée, demandez-vous si ses clients partent vraiment (rétention) et ce "
    "qu'un client ramené vaudrait (CLV), au prix d'un courrier.",
    "L'appel : un texte de la liste, par exemple `\"les inactifs\"`.",
))
def _cible_reconquete(reponse):
    c = calibrage()
    retours = {
        "tous les clients à risque": (
            f"un courrier coûte environ {_deux_decimales(_cout_courrier())} € à chacun ; les petits clients à risque, une fois "
            "ramenés, valent bien moins que les gros : commencez par la classe A, un email suffit pour les autres."),
        "les inactifs": (
            f"un client inactif vaut en moyenne {_deux_decimales(c.loc['Inactifs', 'clv'])} € (CLV) : à peine le prix d'un courrier "
            f"({_deux_decimales(_cout_courrier())} €). Au mieux, un email."),
        "les très bons clients": (
            f"ils ne partent pas : {100 * c.loc['Très bons clients', 'retention']:.0f} % d'entre eux ont racheté "
            "l'année suivante. Leur objectif est la fidélisation, pas la reconquête."),
    }
    pourquoi = ("Ce sont de gros clients (classe A) en train de partir : chacun ramené vaut le gain de reconquête, "
                "ce qui justifie un contact personnel et coûteux.")
    return comparer_decision(reponse, CIBLES_RECONQUETE[0], pourquoi, retours, possibles=list(CIBLES_RECONQUETE))


#: Exercice « 10_objectifs_segments » : l'objectif d'action de chaque segment visé, et pourquoi pas les autres.
OBJECTIFS_SEGMENTS = {
    "Clients à risque": ("reconquête", {
        "conquête": "la conquête vise des prospects, pas d'anciens clients.",
        "fidélisation": "ils sont déjà en train de partir : il faut d'abord les faire revenir.",
        "satisfaction": "les écouter sert la reconquête, mais l'objectif commercial est de les faire revenir.",
        "stimulation des achats": "ils n'achètent presque plus : on ne stimule que des clients qui achètent encore.",
    }),
    "Très bons clients": ("fidélisation", {
        "conquête": "ils sont déjà clients, et parmi les meilleurs.",
        "reconquête": "ils ne sont pas partis : presque tous rachètent l'année suivante.",
        "satisfaction": "leur satisfaction compte, mais le but est de les garder : c'est la fidélisation.",
        "stimulation des achats": "ils achètent déjà beaucoup : pousser leurs achats (souvent par des remises) coûte "
                                  "de la marge sans mieux les retenir.",
    }),
    "Nouveaux clients": ("stimulation des achats", {
        "conquête": "ils sont déjà conquis : le premier achat est fait.",
        "reconquête": "ils viennent d'arriver, ils ne sont pas partis.",
        "fidélisation": "trop tôt : il faut d'abord un deuxième achat, la fidélité viendra ensuite.",
        "satisfaction": "le but commercial est le deuxième achat, que beaucoup ne font jamais.",
    }),
}


@exercice("10_objectifs_segments", indices=(
    "L'idée : l'objectif dépend de l'endroit où en est le client : parti, fidèle ou tout juste arrivé.",
    "La méthode : pour chaque segment, demandez-vous ce qu'il faut obtenir de lui : qu'il revienne, qu'il reste, "
    "ou qu'il fasse son deuxième achat.",
    "L'appel : un dictionnaire `{\"Clients à risque\": \"...\", \"Très bons clients\": \"...\", "
    "\"Nouveaux clients\": \"...\"}` avec les objectifs de `pac.OBJECTIFS_ACTION`.",
))
def _objectifs_segments(reponse):
    reponse = en_dictionnaire(reponse, list(OBJECTIFS_SEGMENTS),
                              exemple="{\"Clients à risque\": \"...\", \"Très bons clients\": \"...\", "
                                      "\"Nouveaux clients\": \"...\"}")
    if isinstance(reponse, Retour):
        return reponse
    for segment, (bon, retours) in OBJECTIFS_SEGMENTS.items():
        retour = comparer_decision(reponse[segment], bon, "", retours, possibles=list(pac.OBJECTIFS_ACTION))
        if not retour.est_correct:
            return incorrect(f"{segment} : {retour.message}")
    return correct("Un objectif juste par cible : faire revenir les clients à risque, garder les très bons, "
                   "provoquer le deuxième achat des nouveaux.")


#: Exercice « 10_action_tres_bons » : les actions possibles pour les très bons clients.
ACTIONS_TRES_BONS = ("soirée du club", "remise", "courrier de reconquête", "aucune action")


@exercice("10_action_tres_bons", indices=(
    "L'idée : ces clients achètent déjà ; ce qui les retient, c'est la reconnaissance, pas le prix.",
    "La méthode : pour chaque action, demandez-vous ce qu'elle coûte en marge et si elle répond à leur "
    "situation (ils ne partent pas, ils valent le plus).",
    "L'appel : un texte de la liste, par exemple `\"remise\"`.",
))
def _action_tres_bons(reponse):
    c = calibrage().loc["Très bons clients"]
    retours = {
        "remise": (f"{100 * c['retention']:.0f} % d'entre eux rachètent déjà l'année suivante : une remise offre de "
                   "la marge à des clients acquis sans les retenir davantage."),
        "courrier de reconquête": "ils ne sont pas partis : un courrier « Vous nous manquez » tomberait à côté.",
        "aucune action": (f"chacun vaut environ {c['clv']:.0f} € (CLV), de loin le plus : en perdre quelques-uns coûte "
                          "cher, et la reconnaissance les retient."),
    }
    pourquoi = ("De la reconnaissance sans remise : elle les retient sans entamer la marge, et la soirée se mesure "
                "(participation, commandes, recommandation des invités).")
    return comparer_decision(reponse, ACTIONS_TRES_BONS[0], pourquoi, retours, possibles=list(ACTIONS_TRES_BONS))


#: Exercice « 10_decision_reconquete » : que faire d'une reconquête au résultat immédiat négatif ?
DECISIONS_RECONQUETE = ("lancer et mesurer", "renoncer", "étendre à tous les clients à risque")


def gain_reconquete() -> float:
    """Ce que vaut un client à risque ramené : CLV d'un bon client moins CLV d'un client à risque."""
    c = calibrage()["clv"]
    return float(c["Bons clients"] - c[SEGMENT_CIBLE])


@exercice("10_decision_reconquete", indices=(
    "L'idée : le résultat immédiat ne voit que le semestre ; une reconquête se juge aussi sur ce que rapporteront "
    "les clients ramenés.",
    "La méthode : comparez la perte immédiate à la valeur créée (commandes attendues × gain de reconquête), "
    "puis demandez-vous comment vous saurez si la valeur promise est au rendez-vous.",
    "L'appel : un texte de la liste, par exemple `\"renoncer\"`.",
))
def _decision_reconquete(reponse):
    a = action_reference()
    valeur_creee = a.resultat + a.commandes_attendues * gain_reconquete()
    bon = DECISIONS_RECONQUETE[0] if valeur_creee > 0 else DECISIONS_RECONQUETE[1]
    retours = {
        "renoncer": (f"la perte immédiate est petite, et chaque client ramené vaut environ {gain_reconquete():.0f} € "
                     "de plus qu'un client à risque : la valeur créée dépasse largement la perte du semestre."),
        "étendre à tous les clients à risque": (
            "un courrier coûte le même prix pour un petit client, qui répond moins et vaut moins : l'explorateur "
            "montre la perte immédiate se creuser quand on étend la relance au-delà des plus appétents, et le gain "
            "de reconquête, une moyenne, surestime ce que vaudra un petit client ramené."),
        "lancer et mesurer": "la valeur créée ne compense pas la perte immédiate : mieux vaut renoncer.",
    }
    retours.pop(bon)
    pourquoi = ("La perte immédiate est faible et la valeur créée nettement positive ; on mesure (réponses, "
                "commandes, rachat à six mois, groupe témoin si possible) et l'on ne lance une seconde vague que si "
                "le point mort est approché.")
    return comparer_decision(reponse, bon, pourquoi, retours, possibles=list(DECISIONS_RECONQUETE))


#: Exercice « 10_indicateurs_plan » : la question de chaque action du plan et l'indicateur qui y répond.
QUESTIONS_PLAN = {
    1: ("La soirée du club a-t-elle renforcé l'envie des très bons clients de recommander Verdance ?", "NPS"),
    2: ("Le courrier de reconquête a-t-il rapporté plus qu'il n'a coûté ?", "ROI"),
    3: ("Les gros clients à risque ont-ils réagi au courrier ?", "taux de retour"),
    4: ("Parmi les nouveaux clients qui ont répondu à l'email de bienvenue, combien ont commandé ?",
        "taux de rendement net"),
    5: ("Le plan a-t-il réduit les départs de clients sur l'année ?", "taux d'attrition"),
}


@exercice("10_indicateurs_plan", indices=(
    "L'idée : chaque question d'évaluation a son indicateur, choisi avant l'action (thème 08).",
    "La méthode : repérez ce que la question divise par quoi : recommandation, gain rapporté au coût, réponses "
    "rapportées aux envois, commandes rapportées aux réponses, clients perdus.",
    "L'appel : un dictionnaire `{1: \"NPS\", 2: \"...\", ...}` avec les noms de la liste.",
))
def _indicateurs_plan(reponse):
    reponse = en_dictionnaire(reponse, list(QUESTIONS_PLAN), exemple="{1: \"NPS\", 2: \"ROI\", ...}")
    if isinstance(reponse, Retour):
        return reponse
    for numero, (_question, bon) in QUESTIONS_PLAN.items():
        retours = {nom: f"{raison}." for nom, raison in CE_QUE_MESURE.items() if nom != bon}
        retour = comparer_decision(reponse[numero], bon, "", retours, possibles=list(CE_QUE_MESURE))
        if not retour.est_correct:
            return incorrect(f"Question {numero} : {retour.message}")
    return correct("Chaque question a son indicateur : ce sont les objectifs chiffrés du bilan.")
