"""Exercices du thème 06 : scores et data mining (appétence, attrition, associations, typologies).

Conventions communes (celles du carnet) :

- score d'appétence : campagne « Noël 2024 » (K12), cible = ``reponse`` ; variables connues la veille
  de l'envoi (:func:`grc.scoring.variables_avant`, tout l'historique antérieur) et déclaratif ;
  échantillon de test de 40 %, stratifié, graine 0 ; standardisation puis régression logistique ;
- score d'attrition : observé au 1er janvier 2024 (24 mois d'historique), parti = aucun achat en
  2024 ; appliqué au 1er janvier 2025 ; perte attendue = probabilité × marge annuelle moyenne des
  24 derniers mois ;
- associations et typologies : un panier = un client sur 2022-2024, ventes seulement (retours écartés) ;
  k-means à 6 groupes, ``n_init=10``, graine 0, sur le mix de rayons.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from functools import cache

import numpy as np
import pandas as pd

from grc import rfm, scoring
from grc.validation import LignesExclues

from ..comparaisons import (
    avec_erreurs_typiques,
    comparer_correspondance,
    comparer_ensemble,
    comparer_nombre,
    comparer_table,
    est_nombre,
    index_en_texte,
    normaliser_texte,
    proche,
)
from ..contexte import DATE_CALIBRAGE, DATE_REFERENCE, table_verdance
from ..glissements import avec_glissements
from ..registre import exercice
from ..retour import correct, incorrect

CAMPAGNE = "K12"
PART_TEST = 0.4
GRAINE = 0
PART_CIBLEE = 0.2
VARIABLES = ["recence", "log_frequence", "log_montant", "jamais_achete", "carte_fidelite", "a_jardin", "a_animal",
             "senior", "taille_foyer"]
VARIABLES_ATTRITION = [v for v in VARIABLES if v != "jamais_achete"]
OBSERVATION = DATE_CALIBRAGE  # date d'observation du modèle d'attrition : la segmentation « d'il y a un an »
FENETRE_MOIS = 24
NB_APPELS = 100
SUPPORT_MIN, LIFT_MIN = 0.05, 1.2
NB_TYPOLOGIES = 6
NOMS_TYPOLOGIES = {
    "Végétaux": "Amoureux du végétal",
    "Jardin et outillage": "Bricoleurs du jardin",
    "Animalerie": "Amis des bêtes",
    "Décoration": "Décorateurs",
    "Épicerie fine": "Gourmets",
    "Mobilier d'extérieur": "Aménageurs d'extérieur",
}
SCORES = ["potentiel", "appétence", "anti-attrition", "réactivation", "ventes croisées", "montée en gamme"]
SITUATIONS = {  # les situations du carnet (exercice 1), dans l'ordre des lettres
    "a": "ventes croisées",
    "b": "réactivation",
    "c": "potentiel",
    "d": "montée en gamme",
    "e": "appétence",
    "f": "anti-attrition",
}


# --- Données et modèles, calculés comme dans le carnet --------------------------------------------


@cache
def _contacts() -> pd.DataFrame:
    """Les contacts de la campagne de Noël 2024, indexés par client (dans l'ordre de la table)."""
    contacts = table_verdance("contacts_campagnes")
    return contacts[contacts["campagne_id"] == CAMPAGNE].set_index("client_id")


@cache
def date_envoi() -> pd.Timestamp:
    campagnes = table_verdance("campagnes").set_index("campagne_id")
    return pd.Timestamp(campagnes.loc[CAMPAGNE, "date_envoi"])


def declaratif(clients: pd.DataFrame) -> pd.DataFrame:
    """Les données déclaratives codées en nombres (0/1 et taille du foyer), indexées par client."""
    return pd.DataFrame({
        "carte_fidelite": clients["carte_fidelite"].to_numpy(),
        "a_jardin": clients["a_jardin"].to_numpy(),
        "a_animal": (clients["animal"] != "aucun").to_numpy(),
        "senior": clients["tranche_age"].isin(["55-64", "65+"]).to_numpy(),
        "taille_foyer": clients["taille_foyer"].to_numpy(),
    }, index=clients["client_id"])


def avec_logarithmes(variables: pd.DataFrame) -> pd.DataFrame:
    """Ajoute log(1 + fréquence) et log(1 + montant), le montant négatif (retours) ramené à 0."""
    return variables.assign(log_frequence=np.log1p(variables["frequence"]),
                            log_montant=np.log1p(variables["montant"].clip(lower=0)))


def modele():
    """Le modèle du cours : standardisation puis régression logistique."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000, random_state=GRAINE))


@cache
def appetence() -> dict:
    """Variables, cible, découpage et modèle d'appétence de la campagne K12."""
    from sklearn.model_selection import train_test_split

    contacts = _contacts()
    x = avec_logarithmes(scoring.variables_avant(table_verdance("transactions"), date_envoi(), population=contacts.index,
                                                 declaratif=declaratif(table_verdance("clients"))))
    y = contacts["reponse"].astype("int64").reindex(x.index)
    x_app, x_test, y_app, y_test = train_test_split(x, y, test_size=PART_TEST, stratify=y, random_state=GRAINE)
    ajuste = modele().fit(x_app[VARIABLES], y_app)
    return {"x_app": x_app, "x_test": x_test, "y_app": y_app, "y_test": y_test, "modele": ajuste,
            "proba_test": pd.Series(ajuste.predict_proba(x_test[VARIABLES])[:, 1], index=x_test.index),
            "proba_app": pd.Series(ajuste.predict_proba(x_app[VARIABLES])[:, 1], index=x_app.index)}


@cache
def attrition() -> dict:
    """Modèle d'attrition appris au 1er janvier 2024, appliqué au 1er janvier 2025."""
    from sklearn.model_selection import train_test_split

    t, decl = table_verdance("transactions"), declaratif(table_verdance("clients"))
    cible = scoring.cible_attrition(t, OBSERVATION, horizon_mois=12, fenetre_mois=FENETRE_MOIS).astype("int64")
    x = avec_logarithmes(scoring.variables_avant(t, OBSERVATION, population=cible.index, declaratif=decl,
                                                 fenetre_mois=FENETRE_MOIS))
    x_app, x_test, y_app, y_test = train_test_split(x, cible, test_size=PART_TEST, stratify=cible,
                                                    random_state=GRAINE)
    ajuste = modele().fit(x_app[VARIABLES_ATTRITION], y_app)
    actuels = avec_logarithmes(scoring.variables_avant(t, DATE_REFERENCE, declaratif=decl, fenetre_mois=FENETRE_MOIS))
    debut = DATE_REFERENCE - pd.DateOffset(months=FENETRE_MOIS)
    recentes = t[(t["date"] >= debut) & (t["date"] < DATE_REFERENCE)]
    marge = recentes.groupby("client_id")["marge_ht"].sum().reindex(actuels.index).fillna(0.0) / (FENETRE_MOIS / 12)
    risque = pd.DataFrame({"proba_depart": ajuste.predict_proba(actuels[VARIABLES_ATTRITION])[:, 1],
                           "marge_annuelle": marge}, index=actuels.index)
    risque["perte_attendue"] = risque["proba_depart"] * risque["marge_annuelle"]
    return {"x_test": x_test, "y_test": y_test, "modele": ajuste, "risque": risque}


def _sans_avertissement(fonction, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LignesExclues)
        return fonction(*args, **kwargs)


@cache
def paniers(panier: str = "client_id") -> pd.DataFrame:
    return _sans_avertissement(scoring.paniers_rayons, table_verdance("transactions"), panier=panier)


@cache
def regles(panier: str = "client_id") -> pd.DataFrame:
    return scoring.regles_association(paniers(panier))


@cache
def typologies_nommees() -> dict[str, int]:
    mix = _sans_avertissement(scoring.mix_rayons, table_verdance("transactions"))
    profil = scoring.profil_typologies(mix, scoring.typologies(mix, k=NB_TYPOLOGIES, random_state=GRAINE))
    return {NOMS_TYPOLOGIES[r]: int(n) for r, n in zip(profil["rayon_dominant"], profil["effectif"], strict=True)}


@cache
def regle_coupon() -> tuple[str, str]:
    """La règle retenue : la plus forte confiance parmi les règles de support ≥ 5 % et de lift ≥ 1,2."""
    r = regles()
    retenues = r[(r["support"] >= SUPPORT_MIN) & (r["lift"] >= LIFT_MIN)].sort_values("confiance", ascending=False)
    meilleure = retenues.iloc[0]
    return str(meilleure["antecedent"]), str(meilleure["consequent"])


def cible_coupon(antecedent: str, consequent: str, consentement: bool = True, actifs: bool = True,
                 sans_consequent: bool = True) -> set[str]:
    """Les clients à qui envoyer le bon (les options servent à reconnaître les oublis classiques)."""
    p = paniers()
    cible = p[antecedent] & ~p[consequent] if sans_consequent else p[antecedent]
    ids = set(p.index[cible].astype(str))
    if actifs:
        t = table_verdance("transactions")
        ids &= set(t.loc[t["date"].dt.year == 2024, "client_id"].astype(str))
    if consentement:
        c = table_verdance("clients")
        ids &= set(c.loc[c["consentement_email"], "client_id"].astype(str))
    return ids


# --- Aides aux messages ---------------------------------------------------------------------------


def _identifiants(reponse) -> list[str] | None:
    """Les identifiants d'une réponse-liste (liste, Index, Series de valeurs), en texte."""
    if isinstance(reponse, pd.DataFrame):
        return None
    if isinstance(reponse, pd.Series):
        reponse = reponse.tolist()
    if isinstance(reponse, pd.Index | list | tuple | set | np.ndarray):
        return [str(x) for x in reponse]
    return None


# --- Les exercices --------------------------------------------------------------------------------


@exercice("06_score_par_situation", indices=(
    "Chaque score répond à une question : que pourrait-il dépenser, répondra-t-il à cette offre, va-t-il "
    "partir, reviendra-t-il, achètera-t-il un autre rayon, montera-t-il en gamme ?",
    "Potentiel : ce qu'il pourrait dépenser à long terme ; appétence : répondre bientôt à une offre précise ; "
    "anti-attrition : le risque de départ d'un client actif ; réactivation : le retour d'un client parti ; "
    "ventes croisées : un autre rayon ; montée en gamme : un produit plus cher du même rayon.",
    "Un dictionnaire {lettre: score} : {\"a\": \"ventes croisées\", ...}, avec les scores de la liste SCORES."))
def _score_par_situation(reponse):
    if isinstance(reponse, Mapping):
        connus = {normaliser_texte(score) for score in SCORES}
        hors_liste = [str(v) for v in reponse.values() if isinstance(v, str) and normaliser_texte(v) not in connus]
        if hors_liste:
            return incorrect(f"« {hors_liste[0]} » n'est pas l'un des six scores : {', '.join(SCORES)}.")
    return comparer_correspondance(reponse, SITUATIONS, "situations")


@exercice("06_taux_reponse_noel", indices=(
    "Le taux de réponse rapporte les clients qui ont répondu à tous ceux qui ont reçu l'email de Noël.",
    "Gardez les contacts de la seule campagne de Noël, puis la part de ceux dont la réponse vaut vrai (une "
    "fraction, 0,05 pour 5 %).",
    "contacts_noel[\"reponse\"].mean()"))
def _taux_reponse_noel(reponse):
    contacts = _contacts()
    attendu = float(contacts["reponse"].mean())
    tous = table_verdance("contacts_campagnes")
    retour = comparer_nombre(reponse, attendu, tolerance=1e-6, fraction=True)
    retour = avec_glissements(retour, reponse, {"pourcentage_pour_fraction": 100 * attendu}, tolerance=1e-6)
    return avec_erreurs_typiques(retour, reponse, {
        "C'est le taux de commande : la question porte sur les réponses (colonne reponse).":
            float(contacts["commande"].mean()),
        "C'est le taux de réponse de toutes les campagnes : gardez seulement la campagne K12.":
            float(tous["reponse"].mean()),
    })


@cache
def rfm_avant_envoi() -> pd.DataFrame:
    t, d = table_verdance("transactions"), date_envoi()
    tableau = rfm.tableau_rfm(t[t["date"] < d], date_reference=d, ticket="ticket_id")
    return tableau[tableau.index.isin(_contacts().index)]


def _variante_rfm(lignes: pd.DataFrame, reference: pd.Timestamp, ticket: str | None = "ticket_id") -> pd.DataFrame:
    tableau = _sans_avertissement(rfm.tableau_rfm, lignes, date_reference=reference, ticket=ticket)
    return tableau[tableau.index.isin(_contacts().index)]


@exercice("06_rfm_avant_envoi", indices=(
    "Un score se calcule avec ce qu'on savait le jour où l'on choisit les destinataires : rien de ce qui "
    "s'est passé après l'envoi.",
    "Gardez les achats strictement antérieurs au jour de l'envoi, calculez récence, fréquence (en tickets) et "
    "montant au jour de l'envoi, puis gardez les clients contactés.",
    "avant = transactions[transactions[\"date\"] < DATE_ENVOI] ; rfm.tableau_rfm(avant, date_reference=DATE_ENVOI, "
    "ticket=\"ticket_id\"), limité aux clients de contacts_noel."))
def _rfm_avant_envoi(reponse):
    attendu = rfm_avant_envoi()
    colonnes = ["recence", "frequence", "montant"]
    if isinstance(reponse, pd.DataFrame):
        reponse = index_en_texte(reponse)
    retour = comparer_table(reponse, attendu, colonnes=colonnes)
    if retour.est_correct or not isinstance(reponse, pd.DataFrame) or not set(colonnes) <= set(reponse.columns):
        return retour
    t, d = table_verdance("transactions"), date_envoi()
    variantes = {
        "Vos variables lisent des achats postérieurs à l'envoi : c'est une fuite d'information (les achats "
        "provoqués par la campagne). Ne gardez que les transactions antérieures au jour de l'envoi.":
            _variante_rfm(t, DATE_REFERENCE),
        "Vous avez gardé les achats du jour même de l'envoi : on ne lit que ce qui précède STRICTEMENT ce jour "
        "(date < DATE_ENVOI).": _variante_rfm(t[t["date"] <= d], d),
        "Votre fréquence compte des lignes de ticket : comptez les tickets distincts (ticket='ticket_id').":
            _variante_rfm(t[t["date"] < d], d, ticket=None),
    }
    for message, variante in variantes.items():
        if comparer_table(reponse, variante, colonnes=colonnes).est_correct:
            return incorrect(message)
    return retour


@exercice("06_auc_test", indices=(
    "On juge un score sur des clients qu'il n'a pas vus pendant son apprentissage, et sur sa façon de les "
    "classer.",
    "Calculez l'AUC sur l'échantillon de test, avec les probabilités de réponse que donne le modèle (et non "
    "ses classes 0 ou 1).",
    "roc_auc_score(y_test, modele_appetence.predict_proba(X_test[VARIABLES])[:, 1])"))
def _auc_test(reponse):
    from sklearn.metrics import roc_auc_score

    a = appetence()
    attendu = roc_auc_score(a["y_test"], a["proba_test"])
    retour = comparer_nombre(reponse, attendu, tolerance=1e-6)
    classes = a["modele"].predict(a["x_test"][VARIABLES])
    return avec_erreurs_typiques(retour, reponse, {
        "C'est l'AUC sur l'échantillon d'apprentissage, trop optimiste : le modèle a été réglé sur ces clients. "
        "Mesurez-la sur l'échantillon de test.": roc_auc_score(a["y_app"], a["proba_app"]),
        "Vous avez donné 1 − AUC : un score plus élevé doit signaler un client plus susceptible de répondre "
        "(prenez la colonne 1 de predict_proba).": 1 - attendu,
        "Vous avez mesuré l'AUC des classes prédites (0 ou 1) : utilisez les probabilités "
        "(predict_proba(...)[:, 1]), qui classent les clients.": roc_auc_score(a["y_test"], classes),
    })


def _repondants_du_haut(y: pd.Series, proba: pd.Series, k: int) -> float:
    ordre = proba.sort_values(ascending=False, kind="stable")
    return float(y.reindex(ordre.index).iloc[:k].sum())


@exercice("06_repondants_top20", indices=(
    "Un bon score range les répondants en tête de liste : combien en trouve-t-on si l'on n'écrit qu'au premier "
    "cinquième de la liste ?",
    "Rangez les clients du test du mieux noté au moins bien noté, gardez les 20 % premiers, puis comptez les "
    "répondants parmi eux (un nombre de clients).",
    "ordre = proba_test.sort_values(ascending=False) ; y_test.reindex(ordre.index).iloc[:round(0.2 * "
    "len(y_test))].sum()"))
def _repondants_top20(reponse):
    a = appetence()
    y, proba = a["y_test"], a["proba_test"]
    n = len(y)
    possibles = {float(scoring.courbe_gain(y, proba, parts=[PART_CIBLEE])["repondants"].iloc[0])}
    for k in {int(np.floor(PART_CIBLEE * n)), int(np.ceil(PART_CIBLEE * n))}:
        possibles.add(_repondants_du_haut(y, proba, k))
    possibles.add(float(y[proba >= proba.quantile(1 - PART_CIBLEE)].sum()))
    if any(proche(reponse, v) for v in possibles):
        return correct()
    attendu = min(possibles)
    retour = comparer_nombre(reponse, attendu, tolerance=1e-9)
    k = int(np.floor(PART_CIBLEE * n + 0.5))
    return avec_erreurs_typiques(retour, reponse, {
        "Ce sont les 20 % les MOINS bien notés : triez les probabilités par ordre décroissant.":
            _repondants_du_haut(y, -proba, k),
        "C'est ce que donnerait un ciblage au hasard (20 % des répondants) : classez par le score.":
            PART_CIBLEE * y.sum(),
        "C'est le nombre total de répondants du test : ne gardez que les 20 % les mieux notés.": float(y.sum()),
        "Un nombre de répondants était attendu, pas une part : comptez-les.":
            float(scoring.courbe_gain(y, proba, parts=[PART_CIBLEE])["part_repondants"].iloc[0]),
    })


@exercice("06_qui_appeler", indices=(
    "On appelle d'abord les clients dont le départ coûterait le plus : le risque qu'ils partent compte, ce "
    "qu'ils rapportent aussi.",
    "Perte attendue = probabilité de départ × marge annuelle ; gardez les 100 clients dont la perte attendue "
    "est la plus forte.",
    "(risque[\"proba_depart\"] * risque[\"marge_annuelle\"]).nlargest(100).index"))
def _qui_appeler(reponse):
    ids = _identifiants(reponse)
    if ids is None:
        return incorrect("Une liste d'identifiants clients était attendue (par exemple un Index ou une liste).")
    risque = attrition()["risque"]
    attendu = set(risque["perte_attendue"].nlargest(NB_APPELS).index.astype(str))
    if len(set(ids)) != NB_APPELS:
        return incorrect(f"Votre liste compte {len(set(ids))} client(s) : il en faut {NB_APPELS}.")
    if set(ids) == set(risque["proba_depart"].nlargest(NB_APPELS).index.astype(str)):
        return incorrect("Vous avez pris les plus fortes probabilités de départ : ce sont surtout des clients déjà "
                         "perdus, qui valaient peu. Classez par perte attendue = probabilité × marge.")
    if set(ids) == set(risque["marge_annuelle"].nlargest(NB_APPELS).index.astype(str)):
        return incorrect("Vous avez pris les plus fortes marges : beaucoup de ces clients ne partiront pas. "
                         "Classez par perte attendue = probabilité × marge.")
    return comparer_ensemble(ids, attendu, "clients")


@exercice("06_part_un_deux_rayons", indices=(
    "Pour chaque client acheteur, comptez les rayons où il a acheté au moins une fois ; combien n'en "
    "fréquentent qu'un ou deux ?",
    "Dans le tableau des paniers (une ligne par client, une colonne vrai/faux par rayon), additionnez chaque "
    "ligne, puis prenez la part des clients qui ont au plus 2 rayons (une fraction).",
    "(paniers.sum(axis=1) <= 2).mean()"))
def _part_un_deux_rayons(reponse):
    nombre = paniers().sum(axis=1)
    attendu = float((nombre <= 2).mean())
    par_ticket = paniers("ticket_id").sum(axis=1)
    retour = comparer_nombre(reponse, attendu, tolerance=1e-6, fraction=True)
    retour = avec_glissements(retour, reponse, {"pourcentage_pour_fraction": 100 * attendu}, tolerance=1e-6)
    return avec_erreurs_typiques(retour, reponse, {
        "C'est la part des clients d'un seul rayon : la question porte sur « un ou deux » rayons.":
            float((nombre == 1).mean()),
        "Vous avez compté des tickets : la question porte sur les clients (un panier = un client sur la période).":
            float((par_ticket <= 2).mean()),
        "Votre dénominateur compte tous les inscrits, y compris ceux qui n'ont rien acheté : divisez par "
        "les clients acheteurs.": float((nombre <= 2).sum() / len(table_verdance("clients"))),
    })


@exercice("06_regles_rayons", indices=(
    "Une règle « A → B » dit combien de clients achètent les deux rayons, quelle part des acheteurs de A "
    "achète aussi B, et si c'est plus que la moyenne.",
    "Support = clients des deux rayons / tous les clients ; confiance = clients des deux rayons / clients de "
    "A ; lift = confiance / part des clients qui achètent B.",
    "X = paniers.astype(int) ; ensemble = X.T @ X donne n(A et B), sa diagonale n(A) ; puis une ligne par "
    "paire (antecedent, consequent, support, confiance, lift)."))
def _regles_rayons(reponse):
    colonnes = ["antecedent", "consequent", "support", "confiance", "lift"]
    attendu = regles().sort_values(["antecedent", "consequent"]).reset_index(drop=True)
    if not isinstance(reponse, pd.DataFrame):
        return comparer_table(reponse, attendu, colonnes=colonnes)
    if not set(colonnes) <= set(reponse.columns):
        return comparer_table(reponse, attendu, colonnes=colonnes)
    donnee = reponse.assign(antecedent=reponse["antecedent"].astype(str), consequent=reponse["consequent"].astype(str))
    donnee = donnee[donnee["antecedent"] != donnee["consequent"]] if len(donnee) == len(attendu) + 6 else donnee
    donnee = donnee.sort_values(["antecedent", "consequent"]).reset_index(drop=True)
    retour = comparer_table(donnee, attendu, colonnes=colonnes, verifier_index=False)
    if retour.est_correct or len(donnee) != len(attendu):
        return retour
    if comparer_table(donnee, attendu, colonnes=["antecedent", "consequent", "support", "lift"],
                      verifier_index=False).est_correct:
        inverse = attendu["support"] / attendu["support_consequent"]
        if np.allclose(donnee["confiance"], inverse, rtol=1e-6):
            return incorrect("La colonne 'confiance' divise par le support du conséquent : la confiance de A → B "
                             "divise n(A et B) par n(A), le nombre d'acheteurs de l'antécédent.")
    ticket = regles("ticket_id").sort_values(["antecedent", "consequent"]).reset_index(drop=True)
    if comparer_table(donnee, ticket, colonnes=colonnes, verifier_index=False).est_correct:
        return incorrect("Vous avez calculé les règles par ticket : ici un panier est un client (table paniers).")
    return retour


@exercice("06_typologies", indices=(
    "Le k-means regroupe les clients qui ont le même mix de rayons ; chaque groupe se nomme d'après le rayon "
    "qui domine son centre.",
    "Ajustez le k-means à six groupes sur le mix, trouvez le rayon dominant de chaque centre pour lui donner "
    "son nom, puis comptez les clients de chaque groupe.",
    "KMeans(n_clusters=6, n_init=10, random_state=GRAINE).fit(mix) ; le rayon dominant de chaque centre "
    "(idxmax) donne le nom par NOMS_TYPOLOGIES, value_counts des étiquettes l'effectif."))
def _typologies(reponse):
    if not isinstance(reponse, Mapping):
        return incorrect("Un dictionnaire {nom de la typologie: effectif} était attendu.")
    attendu = typologies_nommees()
    inconnus = [str(k) for k in reponse if str(k) not in attendu]
    if inconnus:
        return incorrect(f"Nom(s) inconnu(s) : {', '.join(map(repr, inconnus))}. Prenez les noms de NOMS_TYPOLOGIES.")
    manquants = [k for k in attendu if k not in reponse]
    if manquants:
        return incorrect(f"Il manque {len(manquants)} typologie(s) : {', '.join(manquants)}. Le k-means en forme 6.")
    valeurs = list(reponse.values())
    if not all(est_nombre(v) for v in valeurs):
        return incorrect("Les effectifs doivent être des nombres de clients (des entiers).")
    donnes = {k: int(v) for k, v in reponse.items()}
    if donnes == attendu:
        return correct()
    if sorted(donnes.values()) == sorted(attendu.values()):
        return incorrect("Les bons effectifs, mais pas sous les bons noms : nommez chaque groupe d'après le rayon "
                         "dominant de SON centre.")
    if sum(valeurs) != sum(attendu.values()):
        return incorrect(f"Vos effectifs totalisent {int(sum(valeurs))} clients : chaque client du mix appartient "
                         "à une typologie.")
    return comparer_correspondance(donnes, attendu, "typologies")


@exercice("06_cible_coupon", indices=(
    "Un bon de vente croisée vise des clients d'un rayon qui pourraient acheter l'autre, sans l'avoir encore "
    "fait, et qu'on a le droit de contacter.",
    "Prenez la règle de support au moins 5 % et de lift au moins 1,2 qui a la plus forte confiance ; ciblez les "
    "acheteurs de son antécédent qui n'ont jamais acheté son conséquent, actifs en 2024, qui acceptent l'email.",
    "Filtrez regles, triez par confiance (sort_values), puis croisez paniers, la liste des actifs de 2024 et "
    "la colonne consentement_email de clients."))
def _cible_coupon(reponse):
    ids = _identifiants(reponse)
    if ids is None:
        return incorrect("Une liste d'identifiants clients était attendue (par exemple un Index ou une liste).")
    antecedent, consequent = regle_coupon()
    attendu = cible_coupon(antecedent, consequent)
    donnes = set(ids)
    if donnes == attendu:
        return comparer_ensemble(ids, attendu, "clients")
    oublis = {
        "Votre cible compte des clients qui achètent déjà le rayon offert : le bon leur offrirait une remise sur "
        "ce qu'ils achètent de toute façon (effet d'aubaine).": cible_coupon(antecedent, consequent,
                                                                             sans_consequent=False),
        "Votre cible compte des clients qui n'ont pas consenti à l'email : interdit par le RGPD.":
            cible_coupon(antecedent, consequent, consentement=False),
        "Votre cible compte des clients sans achat en 2024 : gardez les clients actifs.":
            cible_coupon(antecedent, consequent, actifs=False),
        "Ce n'est pas la bonne règle : parmi les règles de support ≥ 5 % et de lift ≥ 1,2, prenez celle de plus "
        "forte confiance (le sens compte).": cible_coupon(consequent, antecedent),
    }
    for message, variante in oublis.items():
        if donnes == variante:
            return incorrect(message)
    return comparer_ensemble(ids, attendu, "clients")
