"""Exercices du thème 02 : segmenter les clients par la méthode RFM (et FRAT).

Toutes les valeurs attendues sont calculées sur les données de Verdance avec :mod:`grc.rfm` ;
seuls les paramètres des énoncés (date de référence, client étudié, seuils, codes) sont écrits
ici, et le cahier les reprend.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from grc.rfm import scores_rfm, segments_rfm, tableau_frat

from ..comparaisons import (
    avec_erreurs_typiques,
    comparer_correspondance,
    comparer_decision,
    comparer_ensemble,
    comparer_nombre,
    comparer_serie,
    comparer_table,
    en_dictionnaire,
)
from ..contexte import DATE_REFERENCE, rfm_au, segments_au, table_verdance
from ..glissements import GLISSEMENTS, avec_glissements
from ..registre import exercice
from ..retour import Retour, correct, incorrect, vide

# Le client étudié a des tickets de plusieurs lignes ET deux tickets le même jour (le 24/09/2023) :
# compter ses lignes (14), ses dates (4) ou ses tickets (5) donne trois nombres différents.
CLIENT_ETUDIE = "C03090"
SEUILS_RECENCE = [30, 90, 180, 365]  # jours : < 30 → 5, 30-89 → 4, 90-179 → 3, 180-364 → 2, ≥ 365 → 1
CODES_A_CLASSER = ["445", "355", "515", "521", "315", "222", "112"]
RAYON_CROISE = "Animalerie"


# --------------------------------------------------------------------------------------------
# Valeurs de référence (calculées une fois)
# --------------------------------------------------------------------------------------------


@cache
def _clients() -> pd.DataFrame:
    return table_verdance("clients").set_index("client_id")


def _lignes_client() -> pd.DataFrame:
    t = table_verdance("transactions")
    return t[t["client_id"] == CLIENT_ETUDIE]


def _en_entiers(serie: pd.Series) -> pd.Series:
    """Ramène des notes données en catégories ou en texte (« 5 ») à des entiers si possible."""
    if isinstance(serie.dtype, pd.CategoricalDtype) or not pd.api.types.is_numeric_dtype(serie):
        converties = pd.to_numeric(serie.astype("string"), errors="coerce")
        if converties.notna().sum() == serie.notna().sum():
            return converties
    return serie


# --------------------------------------------------------------------------------------------
# 1-2. Un client à la main
# --------------------------------------------------------------------------------------------


@exercice(
    "02_recence_client",
    indices=(
        "La récence, c'est le temps écoulé depuis le DERNIER achat du client, compté jusqu'à la date de "
        "référence (le 1er janvier 2025).",
        "Prenez la date la plus récente de ses lignes et retirez-la de la date de référence : on obtient une "
        "durée, dont on garde le nombre de jours (un nombre entier).",
        "L'appel : `(DATE_REFERENCE - lignes_client[\"date\"].max()).days`.",
    ),
)
def _recence_client(reponse) -> Retour:
    if isinstance(reponse, pd.Timedelta):
        return incorrect("Vous avez donné une durée : un nombre de jours était attendu (ajoutez .days à la fin).")
    dates = _lignes_client()["date"]
    attendu = (DATE_REFERENCE - dates.max()).days
    retour = comparer_nombre(reponse, attendu, tolerance=0, relative=False)
    retour = avec_erreurs_typiques(retour, reponse, {
        "Vous êtes parti du PREMIER achat du client : la récence se compte depuis son dernier achat.":
            (DATE_REFERENCE - dates.min()).days,
    }, tolerance=0)
    retour = avec_glissements(retour, reponse, {"jour_decale": attendu - 1}, tolerance=0)
    return avec_glissements(retour, reponse, {"jour_decale": attendu + 1}, tolerance=0)


@exercice(
    "02_frequence_montant_client",
    indices=(
        "La fréquence compte les achats du client, c'est-à-dire ses passages en caisse, pas les articles ni "
        "les jours ; le montant additionne tout ce qu'il a dépensé.",
        "Un achat = un numéro de ticket : comptez les numéros de ticket différents de ses lignes. Pour le "
        "montant, faites le total de la colonne des montants HT.",
        "L'appel : `lignes_client[\"ticket_id\"].nunique()` pour la fréquence, "
        "`lignes_client[\"montant_ht\"].sum()` pour le montant.",
    ),
)
def _frequence_montant_client(reponse) -> Retour:
    reponse = en_dictionnaire(reponse, ["frequence", "montant"])
    if isinstance(reponse, Retour):
        return reponse
    lignes = _lignes_client()
    nb_tickets = lignes["ticket_id"].nunique()
    frequence = comparer_nombre(reponse["frequence"], nb_tickets, tolerance=0)
    if frequence.statut == "vide":
        return frequence
    frequence = avec_glissements(frequence, reponse["frequence"], {
        "lignes_pour_tickets": len(lignes), "dates_pour_tickets": lignes["date"].nunique()}, tolerance=0)
    if not frequence.est_correct:
        return incorrect(f"Fréquence : {frequence.message}")
    total = float(lignes["montant_ht"].sum())
    montant = comparer_nombre(reponse["montant"], total, tolerance=0.005, relative=False)
    if montant.statut == "vide":
        return montant
    montant = avec_glissements(montant, reponse["montant"], {"moyenne_pour_somme": total / nb_tickets},
                               tolerance=0.005, echelle=1.0)
    montant = avec_glissements(montant, reponse["montant"], {"moyenne_pour_somme": float(lignes["montant_ht"].mean())},
                               tolerance=0.005, echelle=1.0)
    if not montant.est_correct:
        return incorrect(f"Montant : {montant.message}")
    return correct("Bonne réponse : fréquence et montant sont justes.")


# --------------------------------------------------------------------------------------------
# 3-4. Toute la base
# --------------------------------------------------------------------------------------------


@exercice(
    "02_tableau_rfm",
    indices=(
        "Une ligne par client : pour chacun, la date de son dernier achat, son nombre de tickets différents et "
        "le total de ses montants, comme pour le client étudié plus haut.",
        "Regroupez les lignes par client et calculez trois résumés à la fois (la plus grande date, le nombre "
        "de tickets distincts, la somme) ; la récence vient ensuite : date de référence moins dernière date, en jours.",
        "L'appel : `transactions.groupby(\"client_id\").agg(derniere_date=(\"date\", \"max\"), "
        "frequence=(\"ticket_id\", \"nunique\"), montant=(\"montant_ht\", \"sum\"))`, puis "
        "`(DATE_REFERENCE - rfm_eleve[\"derniere_date\"]).dt.days`.",
    ),
)
def _tableau_rfm(reponse) -> Retour:
    retour = comparer_table(reponse, rfm_au(), colonnes=["recence", "frequence", "montant"], tolerance=1e-6)
    if retour.est_correct or not isinstance(reponse, pd.DataFrame) or "frequence" not in reponse.columns:
        return retour
    par_client = table_verdance("transactions").groupby("client_id")
    return avec_glissements(retour, reponse["frequence"], {
        "lignes_pour_tickets": par_client["ticket_id"].size(), "dates_pour_tickets": par_client["date"].nunique()})


@exercice(
    "02_part_un_achat",
    indices=(
        "Une part, c'est un nombre de clients divisé par le nombre total de clients : ici, ceux qui ne sont "
        "venus qu'une fois, parmi tous ceux qui ont acheté.",
        "Comptez les clients du tableau RFM dont la fréquence vaut 1, puis divisez par le nombre de lignes du "
        "tableau (un client par ligne). Le résultat est entre 0 et 1.",
        "L'appel : `len(rfm[rfm[\"frequence\"] == 1]) / len(rfm)`, comme la part des porteurs de carte du thème 00.",
    ),
)
def _part_un_achat(reponse) -> Retour:
    un_achat = rfm_au()["frequence"] == 1
    retour = comparer_nombre(reponse, float(un_achat.mean()), tolerance=1e-3, fraction=True)
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez donné le NOMBRE de clients d'un seul achat : une part était attendue (divisez par le "
        "nombre de clients du tableau).": int(un_achat.sum()),
    }, tolerance=0)


# --------------------------------------------------------------------------------------------
# 5-6. Scores et carte de chaleur
# --------------------------------------------------------------------------------------------


def notes_bornes_incluses() -> pd.Series:
    """La note R quand les bornes sont mises du mauvais côté (30 jours tout rond → 5 au lieu de 4)."""
    recence = rfm_au()["recence"]
    conditions = [recence <= s for s in SEUILS_RECENCE]
    return pd.Series(np.select(conditions, [5, 4, 3, 2], default=1), index=recence.index)


@exercice(
    "02_score_recence_seuils",
    indices=(
        "Chaque client reçoit la note de la tranche où tombe sa récence ; plus il est venu récemment, meilleure "
        "est la note. Attention aux bornes : 30 jours tout rond est déjà dans la tranche notée 4.",
        "Testez les tranches de la plus récente à la plus ancienne : moins de 30 jours → 5, sinon moins de 90 → 4, "
        "etc. ; tout le reste → 1. Une borne appartient à la tranche du dessous.",
        "L'appel : `np.select([rfm[\"recence\"] < 30, rfm[\"recence\"] < 90, ...], [5, 4, 3, 2], default=1)` "
        "(à mettre dans une série d'index `rfm.index`), ou `pd.cut(..., right=False)`.",
    ),
)
def _score_recence_seuils(reponse) -> Retour:
    attendu = scores_rfm(rfm_au(), q=5, seuils={"R": SEUILS_RECENCE})["R"]
    if isinstance(reponse, pd.Series):
        reponse = _en_entiers(reponse)
        if (
            pd.api.types.is_numeric_dtype(reponse)
            and reponse.index.equals(attendu.index)
            and ((6 - reponse) == attendu).mean() > 0.9
        ):
            return incorrect("Le sens est inversé : une petite récence (client venu récemment) mérite la note 5.")
    retour = comparer_serie(reponse, attendu, tolerance=0)
    if isinstance(reponse, pd.Series):
        return avec_glissements(retour, _en_entiers(reponse), {"jour_decale": notes_bornes_incluses()}, tolerance=0,
                                precisions={"jour_decale": "Ici : 30 jours exactement donne 4, pas 5."})
    return retour


def _part_ca_rf() -> pd.DataFrame:
    scores = segments_au()
    table = scores.pivot_table(index="R", columns="F", values="montant", aggfunc="sum", fill_value=0.0)
    table = table.reindex(index=range(1, 6), columns=range(1, 6), fill_value=0.0)
    return table / scores["montant"].sum()


@exercice(
    "02_part_ca_rf",
    indices=(
        "Chaque case doit dire quelle part du chiffre d'affaires total font les clients qui ont cette note R et "
        "cette note F : toutes les cases ensemble font 1.",
        "Croisez les notes R (en lignes) et F (en colonnes) en additionnant les montants de chaque case, puis "
        "divisez chaque case par le CA total.",
        "L'appel : `pd.crosstab(scores[\"R\"], scores[\"F\"], values=scores[\"montant\"], aggfunc=\"sum\", "
        "normalize=\"all\")`.",
    ),
)
def _part_ca_rf_juge(reponse) -> Retour:
    if not isinstance(reponse, pd.DataFrame):
        return comparer_table(reponse, _part_ca_rf())
    reponse = reponse.fillna(0.0)
    try:
        total = float(reponse.to_numpy(dtype="float64").sum())
    except (TypeError, ValueError):
        return incorrect("Les cases de la table devraient être des nombres (des parts du CA).")
    if abs(total - 100) < 0.5:
        return incorrect(GLISSEMENTS["pourcentage_pour_fraction"].message + " Les cases somment alors à 1.")
    if abs(total - 1) > 1e-3:
        return incorrect("Les cases devraient être des parts du CA total : leur somme devrait valoir 1.")
    return comparer_table(reponse, _part_ca_rf(), tolerance=1e-6)


# --------------------------------------------------------------------------------------------
# 7-8. Segments
# --------------------------------------------------------------------------------------------


def _segment_des_codes() -> dict[str, str]:
    notes = pd.DataFrame([[int(c) for c in code] for code in CODES_A_CLASSER], columns=["R", "F", "M"],
                         index=CODES_A_CLASSER)
    return segments_rfm(notes, q=5)["segment"].astype("str").to_dict()


@exercice(
    "02_segment_des_codes",
    indices=(
        "Un même code peut remplir les conditions de plusieurs segments : c'est l'ordre des règles qui tranche.",
        "Pour chaque code, parcourez la table des règles de haut en bas et arrêtez-vous à la PREMIÈRE ligne dont "
        "les trois notes sont dans les bornes (r_min ≤ R ≤ r_max, et de même pour F et M).",
        "Un exemple : « 445 » a R = 4, F = 4, M = 5 ; la première ligne de la table demande au moins 4 partout : "
        "c'est un « Très bons clients ». Faites de même pour chaque code.",
    ),
)
def _segment_des_codes_juge(reponse) -> Retour:
    return comparer_correspondance(reponse, _segment_des_codes(), "codes")


def _bilan_segments() -> pd.DataFrame:
    segments = segments_au()
    bilan = segments.groupby("segment", observed=True).agg(nb_clients=("montant", "size"), ca=("montant", "sum"))
    bilan["part_ca"] = bilan["ca"] / bilan["ca"].sum()
    return bilan


@exercice(
    "02_bilan_segments",
    indices=(
        "Une ligne par segment : combien de clients il compte, combien de chiffre d'affaires ils font, et "
        "quelle part du CA total cela représente (une fraction).",
        "Regroupez la table des segments par segment, comptez les lignes et additionnez les montants ; la part "
        "du CA est le CA du segment divisé par le CA de tous les segments.",
        "L'appel : `segments.groupby(\"segment\", observed=True).agg(nb_clients=(\"montant\", \"size\"), "
        "ca=(\"montant\", \"sum\"))`, puis `bilan_segments[\"part_ca\"] = bilan_segments[\"ca\"] / "
        "bilan_segments[\"ca\"].sum()`.",
    ),
)
def _bilan_segments_juge(reponse) -> Retour:
    attendu = _bilan_segments()
    if isinstance(reponse, pd.DataFrame) and "part_ca" in reponse.columns:
        parts = pd.to_numeric(reponse["part_ca"], errors="coerce")
        if abs(parts.sum() - 100) < 0.5:
            return incorrect(GLISSEMENTS["pourcentage_pour_fraction"].message + " La colonne 'part_ca' somme alors à 1.")
    if isinstance(reponse, pd.DataFrame):
        reponse = reponse.set_axis(reponse.index.astype("str"), axis=0)
    return comparer_table(reponse, attendu.set_axis(attendu.index.astype("str"), axis=0),
                          colonnes=["nb_clients", "ca", "part_ca"], tolerance=1e-6)


# --------------------------------------------------------------------------------------------
# 9-10. Cibler (FRAT, relance)
# --------------------------------------------------------------------------------------------


def cible_ventes_croisees() -> pd.Index:
    """Très bons clients qui déclarent un animal et n'ont jamais acheté au rayon Animalerie."""
    frat = tableau_frat(table_verdance("transactions"), date_reference=DATE_REFERENCE, ticket="ticket_id", type_produit="rayon")
    tres_bons = segments_au().index[segments_au()["segment"] == "Très bons clients"]
    animal = _clients()["animal"].astype("str").reindex(tres_bons)
    jamais = ~frat.loc[tres_bons, "types_achetes"].str.split(" + ", regex=False).apply(lambda t: RAYON_CROISE in t)
    return tres_bons[(animal != "aucun").to_numpy() & jamais.to_numpy()]


@exercice(
    "02_cible_ventes_croisees",
    indices=(
        "La cible réunit trois conditions à la fois : de très bons clients, qui ont un animal, et qui n'ont "
        "encore jamais rien acheté au rayon Animalerie.",
        "Partez du tableau FRAT, gardez le segment « Très bons clients », puis ceux dont la fiche client déclare "
        "un animal (autre que « aucun »), puis ceux dont la liste des rayons achetés ne contient pas « Animalerie ».",
        "L'appel : `frat[\"types_achetes\"].str.contains(\"Animalerie\")` dit qui a déjà acheté au rayon ; "
        "`frat.index.isin(...)` garde les clients d'une liste (ceux qui ont un animal).",
    ),
)
def _cible_ventes_croisees_juge(reponse) -> Retour:
    return comparer_ensemble(reponse, set(cible_ventes_croisees()), "clients")


def cible_relance() -> pd.Index:
    """Clients à risque joignables par e-mail, au montant strictement supérieur à la médiane du segment."""
    segments = segments_au()
    a_risque = segments[segments["segment"] == "Clients à risque"]
    email = _clients()["consentement_email"].reindex(a_risque.index).fillna(False).astype(bool)
    gros = a_risque["montant"] > a_risque["montant"].median()
    return a_risque.index[np.asarray(email & gros)]


@exercice(
    "02_cible_relance",
    indices=(
        "La cible de l'exercice 6 : des clients à risque, qui acceptent les e-mails, et qui ont dépensé plus "
        "que la moitié des clients à risque.",
        "Gardez le segment « Clients à risque », calculez la médiane de leur montant, puis gardez ceux qui la "
        "dépassent strictement et dont la fiche client dit qu'ils acceptent les e-mails.",
        "L'appel : `a_risque[\"montant\"] > a_risque[\"montant\"].median()`, et "
        "`clients.loc[clients[\"consentement_email\"], \"client_id\"]` pour ceux qui acceptent les e-mails.",
    ),
)
def _cible_relance_juge(reponse) -> Retour:
    return comparer_ensemble(reponse, set(cible_relance()), "clients")


# --------------------------------------------------------------------------------------------
# Décisions : une action par segment, la cible de la relance
# --------------------------------------------------------------------------------------------

ACTIONS_SEGMENTS = ("securiser", "reconquerir", "deuxieme_achat", "prospect", "remise_generale")

# Pour chaque segment : la bonne action, pourquoi, et la raison de chaque mauvais choix.
DECISIONS_SEGMENTS = {
    "Très bons clients": ("securiser", "Ils font une grosse part du CA et viennent déjà souvent : on protège la "
                          "relation (reconnaissance, services) plutôt que de pousser le volume.", {
        "reconquerir": "ils viennent souvent et récemment : il n'y a rien à reconquérir.",
        "deuxieme_achat": "ils ont déjà acheté de nombreuses fois : le deuxième achat est loin derrière eux.",
        "prospect": "c'est le segment qui pèse le plus dans le CA : les traiter comme des inconnus, c'est "
                    "risquer de les perdre.",
        "remise_generale": "ils achètent déjà beaucoup : une remise rognerait la marge sur des achats qu'ils "
                           "auraient faits de toute façon.",
    }),
    "Clients à risque": ("reconquerir", "Ils avaient de bonnes habitudes mais leur dernier achat s'éloigne : "
                         "c'est maintenant qu'une relance personnelle a le plus de chances de les ramener.", {
        "securiser": "les remercier comme des fidèles ne suffit pas : ils ne viennent plus, il faut d'abord "
                     "les faire revenir.",
        "deuxieme_achat": "ils ont déjà acheté souvent ou beaucoup : ce ne sont pas des débutants.",
        "prospect": "trop tôt : ils se souviennent encore de l'enseigne et avaient de bonnes habitudes ; les "
                    "abandonner coûterait cher.",
        "remise_generale": "une remise envoyée à tous n'est pas une relance : ni personnelle, ni limitée dans "
                           "le temps, elle coûte sur tout le fichier.",
    }),
    "Nouveaux clients": ("deuxieme_achat", "Ils viennent d'acheter une fois : tout l'enjeu est le deuxième "
                         "achat, qui transforme un essai en habitude.", {
        "securiser": "un seul achat ne fait pas encore un fidèle : il faut d'abord obtenir le deuxième.",
        "reconquerir": "ils viennent d'acheter : il n'y a rien à reconquérir.",
        "prospect": "ils viennent d'acheter : c'est le moment où ils sont le plus attentifs, pas celui de les "
                    "oublier.",
        "remise_generale": "une remise pour tous ne les vise pas ; le deuxième achat se provoque par un "
                           "accueil et une offre sur la prochaine visite.",
    }),
    "Inactifs": ("prospect", "Ils ont peu acheté et il y a longtemps : on ne dépense pas plus pour eux que "
                 "pour un prospect.", {
        "securiser": "ils ont peu acheté, il y a longtemps : les choyer coûterait plus que ce qu'ils rapportent.",
        "reconquerir": "une relance personnelle coûte cher : on la garde pour les clients à risque, qui avaient "
                       "de bonnes habitudes.",
        "deuxieme_achat": "leur dernier achat est ancien : ce ne sont plus de nouveaux clients.",
        "remise_generale": "une remise sur des clients qui n'achètent plus coûte surtout en envois ; un message "
                           "simple de prospection suffit.",
    }),
}


@exercice(
    "02_action_par_segment",
    indices=(
        "Pour chaque segment, demandez-vous s'il vient encore (récence), s'il vient souvent (fréquence) et "
        "combien il pèse dans le chiffre d'affaires.",
        "On protège ceux qui rapportent le plus, on relance vite ceux qui décrochent, on fait revenir ceux qui "
        "débutent, et l'on dépense peu pour ceux qui sont partis depuis longtemps.",
        "Relisez la section « Que faire de chaque segment » de la leçon, et la colonne « action » de la table "
        "des règles affichée plus haut.",
    ),
)
def _action_par_segment(reponse) -> Retour:
    if reponse is Ellipsis:
        return vide()
    reponse = en_dictionnaire(reponse, list(DECISIONS_SEGMENTS))
    if isinstance(reponse, Retour):
        return reponse
    if any(reponse[s] is Ellipsis for s in DECISIONS_SEGMENTS) and not all(
            reponse[s] is Ellipsis for s in DECISIONS_SEGMENTS):
        manquants = [s for s in DECISIONS_SEGMENTS if reponse[s] is Ellipsis]
        return incorrect(f"Il manque encore l'action de : {', '.join(manquants)}.")
    raisons = []
    for segment, (bonne, pourquoi, retours) in DECISIONS_SEGMENTS.items():
        retour = comparer_decision(reponse[segment], bonne, pourquoi, retours, possibles=ACTIONS_SEGMENTS)
        if retour.statut == "vide":
            return retour
        if not retour.est_correct:
            return incorrect(f"{segment} : {retour.message}")
        raisons.append(f"{segment} : {pourquoi}")
    return correct("Bonnes décisions. " + " ".join(raisons))


CIBLES_RELANCE = ("tous", "consentants", "consentants_gros", "gros", "inactifs")


@exercice(
    "02_choix_cible_relance",
    indices=(
        "Deux questions : a-t-on le DROIT d'écrire à ces clients par e-mail ? et l'offre, qui coûte, vaut-elle "
        "la peine pour eux ?",
        "L'e-mail exige l'accord préalable du client (RGPD) ; avec un budget limité, on garde ceux dont le "
        "départ coûterait le plus, parmi les futurs non-clients.",
        "Relisez la section sur le consentement de la leçon 01 et, dans la leçon 02, ce qu'il faut faire des "
        "clients à risque.",
    ),
)
def _choix_cible_relance(reponse) -> Retour:
    return comparer_decision(
        reponse, "consentants_gros",
        "Ils ont donné leur accord pour l'e-mail (c'est légal) et ce sont les futurs non-clients dont le départ "
        "coûterait le plus : l'offre de reconquête y est rentable.",
        {
            "tous": "écrire par e-mail à ceux qui n'ont pas donné leur accord est interdit (RGPD : l'e-mail "
                    "demande un accord préalable).",
            "consentants": "c'est légal, mais la moitié d'entre eux ont peu dépensé : avec un budget limité, "
                           "l'offre doit aller d'abord à ceux dont le départ coûte le plus.",
            "gros": "le montant est le bon critère, mais sans accord pour l'e-mail on n'a pas le droit de leur "
                    "écrire : il faut aussi le consentement.",
            "inactifs": "les inactifs achetaient peu, il y a longtemps : une offre de reconquête leur coûte plus "
                        "qu'elle ne rapporte. Les clients à risque, eux, avaient de bonnes habitudes.",
        },
        possibles=CIBLES_RELANCE,
    )
