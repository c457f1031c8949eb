"""Exercices du thème 11 : prévoir la valeur client sur données réelles (CDNOW).

Conventions communes (celles du carnet) :

- les données sont la cohorte complète CDNOW (:func:`grc.cdnow.charger_cdnow`, 23 570 clients) ;
- date de référence du RFM : 1er juillet 1998, le lendemain de la dernière date des données ;
- calibration : jusqu'au 30 septembre 1997 (39 semaines) ; contrôle : jusqu'au 30 juin 1998 ;
- temps en semaines de 7 jours ; plusieurs achats d'un même jour comptent pour un ;
- CLV : 52 semaines, taux de marque de 30 % (marge / montant), actualisation de 10 % par an, modèles ajustés sur
  les 78 semaines.

Les données CDNOW viennent du paquet ``lifetimes`` : ce module ne l'importe qu'au moment de juger
une réponse (les autres thèmes n'en dépendent pas).
"""

from __future__ import annotations

import math
import warnings
from functools import cache

import pandas as pd

from grc import abc, rfm
from grc.validation import LignesExclues

from ..comparaisons import (
    avec_erreurs_typiques,
    comparer_choix,
    comparer_nombre,
    comparer_table,
    en_dictionnaire,
    est_nombre,
)
from ..contexte import module_paresseux
from ..glissements import GLISSEMENTS
from ..registre import exercice
from ..retour import Retour, correct, incorrect

# lifetimes, scipy et matplotlib : chargés au premier juge qui s'en sert.
pr = module_paresseux("grc.predictif")
cdnow = module_paresseux("grc.cdnow")

CLIENT_EXEMPLE = "00040"
DUREE_CONTROLE = 39  # semaines
HORIZON_CLV = 52  # semaines
TAUX_MARQUE = 0.30
TAUX_ACTUALISATION = 0.10
PART_MEILLEURS = 0.20
PANIER_EXEMPLE = 200.0  # un client à un seul achat répété, de 200 $
PARAMETRES_BGNBD = ["r", "alpha", "a", "b"]


# --- Valeurs attendues, calculées sur les données -------------------------------------------------


@cache
def _achats() -> pd.DataFrame:
    return cdnow.charger_cdnow()


@cache
def tableau_rfm_cdnow() -> pd.DataFrame:
    """Le tableau RFM de CDNOW au 1er juillet 1998 (une ligne = un achat)."""
    return rfm.tableau_rfm(_achats(), date_reference=cdnow.DATE_REFERENCE, montant="montant")


@cache
def _jours_d_achat() -> pd.Series:
    return _achats().groupby("client_id")["date"].nunique()


@cache
def calibration() -> pd.DataFrame:
    """Calibration (39 semaines) et contrôle (39 semaines) de la cohorte complète."""
    return pr.decouper_calibration_controle(_achats(), cdnow.FIN_CALIBRATION, fin_controle=cdnow.FIN, montant="montant")


@cache
def bgnbd_calibration():
    return pr.ajuster_bgnbd(calibration())


def _gamma_gamma(resume: pd.DataFrame):
    """Le carnet montre déjà l'avertissement (un client aux achats répétés de 0 $) : le juge se tait."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LignesExclues)
        return pr.ajuster_gamma_gamma(resume)


@cache
def gamma_gamma_calibration():
    return _gamma_gamma(calibration())


@cache
def resume_complet() -> pd.DataFrame:
    """Le résumé par client sur les 78 semaines (jusqu'au 30 juin 1998)."""
    return pr.resume_modele(_achats(), date_reference=cdnow.FIN, montant="montant")


@cache
def clv_52_semaines() -> pd.Series:
    """CLV attendue sur 52 semaines (taux de marque 30 %, 10 % par an), modèles ajustés sur les 78 semaines."""
    resume = resume_complet()
    return pr.clv_attendue(pr.ajuster_bgnbd(resume), _gamma_gamma(resume), resume, horizon=HORIZON_CLV,
                           taux_marque=TAUX_MARQUE, taux_actualisation=TAUX_ACTUALISATION)


def part_des_meilleurs(valeurs: pd.Series, part: float = PART_MEILLEURS) -> float:
    """Part du total faite par les ⌈part × n⌉ plus grandes valeurs."""
    k = math.ceil(part * len(valeurs) - 1e-9)
    return float(valeurs.sort_values(ascending=False).iloc[:k].sum() / valeurs.sum())


# --- Aides aux messages ---------------------------------------------------------------------------


def _en_dictionnaire(reponse, cles: list[str], exemple: str) -> dict | Retour:
    """Lit un dictionnaire (ou une Series) de nombres aux clés imposées, ou dit ce qui manque."""
    reponse = en_dictionnaire(reponse, cles, exemple)
    if isinstance(reponse, Retour):
        return reponse
    if not all(est_nombre(reponse[c]) or hasattr(reponse[c], "item") for c in cles):
        return incorrect("Chaque valeur du dictionnaire doit être un nombre.")
    return {c: float(reponse[c]) for c in cles}


# --- Les exercices --------------------------------------------------------------------------------


@exercice("11_acheteurs_uniques", indices=(
    "L'idée : un client « jamais revenu » n'a acheté qu'un seul jour ; plusieurs lignes le même jour font une seule visite.",
    "La méthode : pour chaque client, comptez ses jours d'achat différents, puis prenez la part des clients qui n'en ont qu'un.",
    "L'appel : `jours = cdnow.groupby('client_id')['date'].nunique()`, puis `(jours == 1).mean()`.",
))
def _acheteurs_uniques(reponse):
    jours = _jours_d_achat()
    attendu = float((jours == 1).mean())
    retour = comparer_nombre(reponse, attendu, tolerance=1e-4, fraction=True)
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez compté les lignes : deux lignes du même jour sont une seule visite. Comptez les jours "
        "d'achat distincts.": float((tableau_rfm_cdnow()["frequence"] == 1).mean()),
        "C'est la part des clients revenus au moins une fois : la question porte sur ceux qui ne sont "
        "jamais revenus.": 1 - attendu,
        "Une part était attendue (entre 0 et 1), pas un nombre de clients.": float((jours == 1).sum()),
    })


@exercice("11_part_ca_top20", indices=(
    "L'idée : la règle des 20/80 compare la part du chiffre d'affaires faite par le cinquième des clients qui dépensent le plus.",
    "La méthode : rangez les clients du plus gros montant au plus petit, gardez les 20 % premiers et divisez leur montant par le total.",
    "L'appel : `m = rfm_cdnow['montant'].sort_values(ascending=False)`, puis `m.iloc[:round(0.2 * len(m))].sum() / m.sum()` (ou `abc.tableau_pareto`).",
))
def _part_ca_top20(reponse):
    montants = tableau_rfm_cdnow()["montant"]
    attendu = part_des_meilleurs(montants)
    pareto = abc.tableau_pareto(montants)
    part_clients_80 = float(pareto.loc[pareto["part_cumulee"] >= 0.80, "rang_cumule"].iloc[0])
    retour = comparer_nombre(reponse, attendu, tolerance=1e-4, fraction=True)
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez calculé la part des clients qui font 80 % du CA : la question demande la part du CA "
        "faite par 20 % des clients.": part_clients_80,
        "C'est la part du CA des 80 % de clients les moins dépensiers : triez du plus grand au plus petit.":
            1 - attendu,
    })


@exercice("11_segment_vide", indices=(
    "L'idée : tous les clients de CDNOW ont fait leur premier achat au début 1997 ; un segment suppose autre chose.",
    "La méthode : comptez les clients de chaque segment et cherchez, parmi les segments des règles, celui qui n'en a aucun.",
    "L'appel : `segments['segment'].value_counts()`, à comparer à `rfm.REGLES_SEGMENTS['segment']`.",
))
def _segment_vide(reponse):
    segments = rfm.segments_rfm(rfm.scores_rfm(tableau_rfm_cdnow()))
    effectifs = segments["segment"].value_counts()
    noms = [str(s) for s in pd.unique(rfm.REGLES_SEGMENTS["segment"])]
    vides = [s for s in noms if effectifs.get(s, 0) == 0]
    return comparer_choix(reponse, vides[0], noms)


@exercice("11_resume_client", indices=(
    "L'idée : le modèle résume un client par trois nombres : ses achats répétés, l'âge de son dernier achat, son ancienneté, en semaines.",
    "La méthode : sur la calibration seulement (jusqu'au 30/09/1997), comptez ses jours d'achat moins un ; mesurez en semaines du premier au dernier jour d'achat, puis du premier jour à la fin de la calibration.",
    "L'appel : x = jours d'achat − 1, tₓ = (dernier jour − premier jour) / 7, T = (30/09/1997 − premier jour) / 7.",
))
def _resume_client(reponse):
    cles = ["frequence", "recence", "anciennete"]
    lu = _en_dictionnaire(reponse, cles, "{'frequence': 2, 'recence': 10.5, 'anciennete': 30.0}")
    if isinstance(lu, Retour):
        return lu
    attendu = calibration().loc[CLIENT_EXEMPLE, cles].astype(float).to_dict()
    achats = _achats()
    a_lui = achats[(achats["client_id"] == CLIENT_EXEMPLE) & (achats["date"] <= cdnow.FIN_CALIBRATION)]
    if lu["frequence"] != attendu["frequence"]:
        if lu["frequence"] == len(a_lui) - 1:
            return incorrect("'frequence' : vous avez compté les lignes ; deux achats du même jour n'en font qu'un.")
        if lu["frequence"] == attendu["frequence"] + 1:
            return incorrect("'frequence' compte les achats RÉPÉTÉS : le premier achat n'en fait pas partie.")
        return incorrect("'frequence' est fausse : comptez les jours d'achat distincts de la calibration, moins un.")
    for cle in ("recence", "anciennete"):
        if abs(lu[cle] - attendu[cle]) > 1e-3:
            if abs(lu[cle] - 7 * attendu[cle]) < 0.5:
                return incorrect(f"'{cle}' est en jours : le modèle compte en semaines (divisez par 7).")
            if cle == "anciennete" and abs(lu[cle] - attendu[cle] - (cdnow.FIN - cdnow.FIN_CALIBRATION).days / 7) < 0.01:
                return incorrect("'anciennete' est mesurée jusqu'au 30/06/1998 : la calibration s'arrête le 30/09/1997.")
            if cle == "recence" and abs(lu[cle] - (attendu["anciennete"] - attendu["recence"])) < 0.01:
                return incorrect("'recence' est ici l'âge du client à son dernier achat (depuis son premier), "
                                 "pas le temps écoulé depuis son dernier achat comme dans le RFM.")
            return incorrect(f"'{cle}' est fausse ; 'frequence' est juste.")
    return correct()


@exercice("11_parametres_bgnbd", indices=(
    "L'idée : ajuster le modèle, c'est trouver les quatre paramètres qui expliquent le mieux les achats de la calibration.",
    "La méthode : ajustez le BG/NBD sur la table de calibration des 23 570 clients (pas sur les 78 semaines), puis lisez ses paramètres.",
    "L'appel : `predictif.parametres(predictif.ajuster_bgnbd(calibration))`.",
))
def _parametres_bgnbd(reponse):
    lu = _en_dictionnaire(reponse, PARAMETRES_BGNBD, "{'r': ..., 'alpha': ..., 'a': ..., 'b': ...}")
    if isinstance(lu, Retour):
        return lu
    attendu = pr.parametres(bgnbd_calibration())
    if all(abs(lu[c] - attendu[c]) <= 1e-3 * abs(attendu[c]) for c in PARAMETRES_BGNBD):
        return correct()
    if all(abs(lu[c] - cdnow.PUBLIES["bgnbd"][c]) <= 2e-3 for c in PARAMETRES_BGNBD):
        return incorrect("Ce sont les valeurs publiées, estimées sur l'échantillon de 2 357 clients : "
                         "ajustez le modèle sur la calibration des 23 570 clients.")
    toute = pr.parametres(pr.ajuster_bgnbd(resume_complet()))
    if all(abs(lu[c] - toute[c]) <= 1e-3 * abs(toute[c]) for c in PARAMETRES_BGNBD):
        return incorrect("Vous avez ajusté le modèle sur les 78 semaines : ajustez-le sur la calibration seulement "
                         "(jusqu'au 30/09/1997), pour garder le contrôle comme juge.")
    faux = [c for c in PARAMETRES_BGNBD if abs(lu[c] - attendu[c]) > 1e-3 * abs(attendu[c])]
    return incorrect(f"Paramètre(s) faux : {', '.join(faux)}. Ajustez le BG/NBD sur la table de calibration.")


@exercice("11_part_probablement_partis", indices=(
    "L'idée : un client revenu puis silencieux depuis longtemps est probablement parti ; le modèle le chiffre par une probabilité.",
    "La méthode : calculez la probabilité d'être encore client de chacun, gardez ceux qui ont au moins un achat répété, puis la part dont la probabilité est sous 0,5.",
    "L'appel : `predictif.probabilite_vivant(modele, calibration)`, puis `(proba[calibration['frequence'] >= 1] < 0.5).mean()`.",
))
def _part_probablement_partis(reponse):
    cal = calibration()
    proba = pr.probabilite_vivant(bgnbd_calibration(), cal)
    repetes = cal["frequence"] >= 1
    attendu = float((proba[repetes] < 0.5).mean())
    retour = comparer_nombre(reponse, attendu, tolerance=1e-4, fraction=True)
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez pris tous les clients : ceux sans achat répété ont une probabilité de 1 dans ce modèle. "
        "Gardez ceux qui ont au moins un achat répété.": float((proba < 0.5).mean()),
        "C'est la part des clients probablement encore actifs (probabilité ≥ 0,5) : la question porte sur "
        "les autres.": 1 - attendu,
    })


@exercice("11_ecart_controle", indices=(
    "L'idée : on juge le modèle sur la période qu'il n'a pas vue : prévu contre réel, en relatif.",
    "La méthode : additionnez les achats prévus sur les 39 semaines de contrôle et les achats réels ; l'écart relatif vaut (prévu − réel) / réel.",
    "L'appel : `prevu = predictif.achats_attendus(modele, calibration, 39).sum()`, `reel = calibration['achats_controle'].sum()`.",
))
def _ecart_controle(reponse):
    cal = calibration()
    reel = float(cal["achats_controle"].sum())
    prevu = float(pr.achats_attendus(bgnbd_calibration(), cal, horizon=DUREE_CONTROLE).sum())
    attendu = (prevu - reel) / reel
    retour = comparer_nombre(reponse, attendu, tolerance=1e-3, fraction=True)
    prevu_52 = float(pr.achats_attendus(bgnbd_calibration(), cal, horizon=52).sum())
    return avec_erreurs_typiques(retour, reponse, {
        "Le signe est inversé : écart = (prévu − réel) / réel, négatif si le modèle sous-estime.": -attendu,
        GLISSEMENTS["base_inversee"].message + " Ici, divisez par le réel (ce qui s'est passé), pas par la "
                                               "prévision.": (prevu - reel) / prevu,
        "La période de contrôle dure 39 semaines, pas 52.": (prevu_52 - reel) / reel,
    })


@exercice("11_panier_un_achat", indices=(
    "L'idée : sur un seul achat répété, le modèle ne croit qu'en partie le panier observé et le rapproche du panier moyen de la base.",
    "La méthode : décrivez ce client (un achat répété, un panier de 200 $) dans un petit tableau et demandez au modèle Gamma-Gamma son panier attendu.",
    "L'appel : `predictif.panier_attendu(gg, pd.DataFrame({'frequence': [1], 'montant_moyen': [200.0]}))`.",
))
def _panier_un_achat(reponse):
    gg = gamma_gamma_calibration()
    client = pd.DataFrame({"frequence": [1.0], "montant_moyen": [PANIER_EXEMPLE]})
    attendu = float(pr.panier_attendu(gg, client).iloc[0])
    p = pr.parametres(gg)
    retour = comparer_nombre(reponse, attendu, tolerance=1e-3)
    return avec_erreurs_typiques(retour, reponse, {
        "C'est son propre panier : sur un seul achat, le modèle ne le croit qu'en partie et le rapproche "
        "du panier moyen de la base.": PANIER_EXEMPLE,
        "C'est le panier attendu d'un client dont on ne sait rien : celui-ci a déjà fait un achat répété.":
            float(p["p"] * p["gamma"] / (p["q"] - 1)),
    })


@exercice("11_part_clv_top20", indices=(
    "L'idée : la même question que pour le CA passé, mais sur la valeur future attendue.",
    "La méthode : rangez les CLV attendues sur 52 semaines de la plus grande à la plus petite, gardez les 20 % premiers clients et divisez leur total par le total.",
    "L'appel : `c = valeurs['clv_attendue'].sort_values(ascending=False)`, puis `c.iloc[:round(0.2 * len(c))].sum() / c.sum()`.",
))
def _part_clv_top20(reponse):
    attendu = part_des_meilleurs(clv_52_semaines())
    retour = comparer_nombre(reponse, attendu, tolerance=1e-3, fraction=True)
    return avec_erreurs_typiques(retour, reponse, {
        "C'est la part du CA PASSÉ des 20 % meilleurs clients (exercice 2) : la question porte sur la CLV attendue.":
            part_des_meilleurs(tableau_rfm_cdnow()["montant"]),
        "C'est la part des 80 % de clients à la plus faible CLV : triez du plus grand au plus petit.": 1 - attendu,
    })


@exercice("11_rfm_sql", indices=(
    "L'idée : le même tableau RFM que pandas, une ligne par client, mais calculé par la base de données.",
    "La méthode : regroupez les achats par client ; récence = jours entre le dernier achat et le 1er juillet 1998, fréquence = nombre d'achats, montant = somme ; puis mettez le client en index.",
    "L'appel : `SELECT client_id, julianday('1998-07-01') - julianday(MAX(date)) AS recence, COUNT(*) AS frequence, SUM(montant) AS montant FROM achats GROUP BY client_id`, puis `.set_index('client_id')`.",
))
def _rfm_sql(reponse):
    attendu = tableau_rfm_cdnow()
    if isinstance(reponse, pd.DataFrame) and "client_id" in reponse.columns:
        reponse = reponse.set_index("client_id")
    if isinstance(reponse, pd.DataFrame):
        reponse = reponse.set_axis(reponse.index.astype(str))
        colonnes = ["recence", "frequence", "montant"]
        if set(colonnes) <= set(reponse.columns) and len(reponse) == len(attendu) and set(reponse.index) == set(attendu.index):
            ecart = (reponse.loc[attendu.index, "recence"] - attendu["recence"]).round(6)
            if ecart.nunique() == 1 and ecart.iloc[0] != 0:
                return incorrect("Toutes les récences sont décalées du même nombre de jours : la date de référence "
                                 "est le 1er juillet 1998, le lendemain de la dernière date.")
    return comparer_table(reponse, attendu, colonnes=["recence", "frequence", "montant"], tolerance=1e-6)
