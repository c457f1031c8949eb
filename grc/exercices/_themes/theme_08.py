"""Exercices du thème 08 : évaluer (satisfaction, transformation, campagnes, ROI, attrition, marges, A/B)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import pandas as pd

from grc import indicateurs as ind
from grc.valeur import taux_attrition_par_periode

from ..comparaisons import (
    avec_series_typiques,
    comparer_choix,
    comparer_nombre,
    comparer_ordre,
    comparer_serie,
    comparer_table,
    en_dictionnaire,
    en_serie,
    en_table,
    index_en_texte,
    memes_valeurs,
    proche,
)
from ..contexte import ANNEE, module_paresseux, table_verdance
from ..enonces import CONCLUSIONS_AB
from ..registre import exercice
from ..retour import Retour, correct, incorrect

evaluation = module_paresseux("grc.evaluation")  # scipy : chargé au premier juge qui s'en sert

#: L'énoncé chiffré de l'exercice « 08_prix_coefficient » (repris mot pour mot dans le cahier).
ARROSOIR = {"cout_achat_ht": 12.0, "taux_marque": 0.40, "tva": 0.20}

#: Les deux variantes du test A/B de l'exercice « 08_p_valeur_ab » (même date, moitiés tirées au sort).
TEST_AB = ("K07", "K08")


@cache
def _campagnes() -> pd.DataFrame:
    return evaluation.tableau_campagnes(table_verdance("campagnes"))


def _juger_serie(reponse: object, cle: str, attendu: pd.Series, erreurs: Iterable[tuple[pd.Series, str]]) -> Retour:
    """Compare une série ; reconnaît d'abord les erreurs classiques (calcul faux → message dédié)."""
    serie = en_serie(reponse, cle)
    if isinstance(serie, Retour):
        return serie
    return avec_series_typiques(comparer_serie(serie, index_en_texte(attendu)), serie, erreurs)


# --- 1. Satisfaction ---------------------------------------------------------------------------


@exercice("08_indice_satisfaction", indice="Indice = moyenne des notes / note maximale (5), en fraction.")
def _indice_satisfaction(reponse):
    notes = table_verdance("enquetes")["note_satisfaction"]
    if proche(reponse, float(notes.mean()), 1e-6, echelle=1.0):
        return incorrect("Vous avez donné la note moyenne : l'indice la rapporte à la note maximale de l'échelle.")
    if proche(reponse, ind.part_satisfaits(notes), 1e-6, echelle=1.0):
        return incorrect("Vous avez calculé la part de clients satisfaits (notes de 4 ou 5), pas l'indice de satisfaction.")
    return comparer_nombre(reponse, ind.indice_satisfaction(notes, note_max=5), fraction=True)


@exercice("08_nps_magasins", indice="Promoteurs : 9 ou 10 ; détracteurs : 0 à 6 ; NPS en points = 100 × (part P − part D).")
def _nps_magasins(reponse):
    table = evaluation.satisfaction(table_verdance("enquetes"), par="magasin")
    attendu = 100 * table["nps"]
    erreurs = [
        (table["nps"], "Vos NPS sont des fractions : le NPS s'annonce en points, de −100 à +100 (multipliez par 100)."),
        (100 * table["promoteurs"], "Vous avez donné la part de promoteurs : retranchez la part de détracteurs."),
    ]
    return _juger_serie(reponse, "magasin", attendu, erreurs)


# --- 2. Transformation -------------------------------------------------------------------------


@exercice("08_transformation_vendeurs", indice="Commandes (devis acceptés) / nombre de devis émis, par vendeur.")
def _transformation_vendeurs(reponse):
    devis = table_verdance("devis")
    attendu = evaluation.tableau_vendeurs(devis)["taux_transformation"]
    erreurs = [
        (evaluation.tableau_vendeurs(devis, exclure_en_attente=True)["taux_transformation"],
         "Vous avez écarté les devis en attente : la définition du cours divise par tous les devis émis."),
        (100 * attendu, "Vous avez donné des pourcentages : exprimez les taux en fraction (0,25 et non 25)."),
    ]
    return _juger_serie(reponse, "vendeur", attendu, erreurs)


# --- 3. Taux des campagnes ---------------------------------------------------------------------


@exercice("08_taux_campagnes", indice="Taux de retour = réponses / envois ; taux de rendement net = commandes / réponses.")
def _taux_campagnes(reponse):
    reponse = en_table(reponse, "campagne_id")
    if isinstance(reponse, Retour):
        return reponse
    k = _campagnes()
    if "taux_rendement_net" in reponse.columns and memes_valeurs(reponse["taux_rendement_net"], k["taux_commande"]):
        return incorrect("Votre taux de rendement net divise les commandes par les envois : le rendement net se "
                         "rapporte aux réponses (c'est le piège classique).")
    if "taux_retour" in reponse.columns and memes_valeurs(reponse["taux_retour"], k["taux_commande"]):
        return incorrect("Votre taux de retour compte les commandes : il compte les réponses.")
    return comparer_table(reponse, k[["taux_retour", "taux_rendement_net"]])


# --- 4. ROI ------------------------------------------------------------------------------------


@exercice("08_roi_campagnes", indice="ROI = (marge générée − coût) / coût.")
def _roi_campagnes(reponse):
    k = _campagnes()
    erreurs = [
        ((k["ca_genere"] - k["cout"]) / k["cout"],
         "Vous avez calculé le ROI sur le chiffre d'affaires : il se calcule sur la marge générée."),
        (k["marge_generee"] / k["cout"], "Vous avez divisé la marge par le coût sans retrancher le coût : "
                                         "un ROI de 0 doit vouloir dire « la campagne rembourse juste son coût »."),
        ((k["marge_generee"] - k["cout"]) / k["marge_generee"], "Le ROI se rapporte au coût de la campagne, pas à la marge."),
        (100 * k["roi"], "Vous avez donné des pourcentages : exprimez le ROI en fraction (1,5 et non 150)."),
    ]
    return _juger_serie(reponse, "campagne_id", k["roi"], erreurs)


# --- 5. Attrition ------------------------------------------------------------------------------


@cache
def _attrition_2024() -> pd.Series:
    table = taux_attrition_par_periode(table_verdance("transactions"), periode="Y")
    return table.loc[pd.Period(str(ANNEE), freq="Y")]


@exercice("08_attrition_2024", indice="Clients de 2023 sans aucune ligne en 2024, divisés par le nombre de clients de 2023.")
def _attrition(reponse):
    ligne = _attrition_2024()
    perdus, debut = int(ligne["clients_perdus"]), int(ligne["clients_debut"])
    actifs_2024 = int(ligne["clients_conserves"] + ligne["clients_entrants"])
    if proche(reponse, float(perdus), 1e-6, echelle=1.0):
        return incorrect("Vous avez donné un nombre de clients : un taux (une fraction) était attendu.")
    if proche(reponse, 1 - perdus / debut, 1e-6, echelle=1.0):
        return incorrect("Vous avez donné le taux de rétention (les clients gardés) : l'attrition compte les clients perdus.")
    if proche(reponse, perdus / actifs_2024, 1e-6, echelle=1.0):
        return incorrect("Le dénominateur est le nombre de clients en début de période (ceux de 2023), "
                         "pas celui des clients actifs en 2024.")
    return comparer_nombre(reponse, float(ligne["taux_attrition"]), fraction=True)


# --- 6. Prix, taux de marque et coefficient ----------------------------------------------------


@exercice("08_prix_coefficient", indice="PV HT = coût / (1 − taux de marque) ; coefficient = PV TTC / coût d'achat HT.")
def _prix_coefficient(reponse):
    reponse = en_dictionnaire(reponse, ["prix_vente_ht", "coefficient"])
    if isinstance(reponse, Retour):
        return reponse
    cout, tm, tva = ARROSOIR["cout_achat_ht"], ARROSOIR["taux_marque"], ARROSOIR["tva"]
    prix = ind.prix_vente_depuis_taux_marque(cout, tm)
    coefficient = ind.coefficient_multiplicateur(prix * (1 + tva), cout)
    pv = reponse["prix_vente_ht"]
    if proche(pv, cout * (1 + tm), 1e-4, echelle=1.0):
        return incorrect("Prix de vente : vous avez ajouté 40 % au coût, ce qui donne un taux de MARGE de 40 %. "
                         "Le taux de marque se rapporte au prix de vente.")
    if proche(pv, prix * (1 + tva), 1e-4, echelle=1.0):
        return incorrect("Prix de vente : vous avez donné le prix TTC ; le prix hors taxes était demandé.")
    retour = comparer_nombre(pv, prix, tolerance=1e-4)
    if not retour.est_correct:
        return incorrect(f"Prix de vente HT : {retour.message}")
    coef = reponse["coefficient"]
    if proche(coef, prix / cout, 1e-4, echelle=1.0):
        return incorrect("Coefficient : vous êtes resté hors taxes ; le coefficient multiplicateur va du coût HT "
                         "au prix de vente TTC.")
    if proche(coef, (1 + tm) * (1 + tva), 1e-4, echelle=1.0):
        return incorrect("Coefficient : (1 + 0,40) × 1,20 applique 40 % au coût, comme un taux de marge.")
    retour = comparer_nombre(coef, coefficient, tolerance=1e-4)
    return retour if retour.est_correct else incorrect(f"Coefficient multiplicateur : {retour.message}")


# --- 7. Test A/B -------------------------------------------------------------------------------


@cache
def _comptes_ab() -> tuple[int, int, int, int]:
    """Réponses et contacts de K07 puis de K08, comptés dans ``contacts_campagnes``."""
    contacts = table_verdance("contacts_campagnes")
    a, b = TEST_AB
    ra = contacts.loc[contacts["campagne_id"] == a, "reponse"]
    rb = contacts.loc[contacts["campagne_id"] == b, "reponse"]
    return int(ra.sum()), len(ra), int(rb.sum()), len(rb)


@cache
def _test_ab() -> evaluation.ComparaisonAB:
    return evaluation.comparer_proportions(*_comptes_ab())


@exercice("08_p_valeur_ab", indice="Tableau 2 × 2 (campagne × réponse) puis chi2_contingency(tableau, correction=False).")
def _p_valeur_ab(reponse):
    from scipy.stats import chi2_contingency

    sa, na, sb, nb = _comptes_ab()
    yates = chi2_contingency([[sa, na - sa], [sb, nb - sb]], correction=True).pvalue
    if proche(reponse, float(yates), 1e-4, echelle=1.0):
        return incorrect("Vous avez gardé la correction de continuité de Yates (le réglage par défaut de scipy) : "
                         "passez correction=False, comme le test de deux proportions de la leçon.")
    if isinstance(reponse, int | float) and not isinstance(reponse, bool) and reponse > 1:
        return incorrect("Une p-valeur est une probabilité, entre 0 et 1 : vous avez peut-être donné la statistique "
                         "du khi-deux.")
    return comparer_nombre(reponse, _test_ab().p_valeur, tolerance=1e-4)


@exercice("08_conclusion_ab", indice="Comparez la p-valeur au seuil de 5 %, et relisez ce qu'un test non significatif permet de dire.")
def _conclusion_ab(reponse):
    test = _test_ab()
    if not test.significatif:
        attendu = "C"
    else:
        attendu = "D" if test.ecart > 0 else "A"
    return comparer_choix(reponse, attendu, list(CONCLUSIONS_AB))


# --- 8. Exercice final : les campagnes à refaire ---------------------------------------------------


def campagnes_a_refaire(tableau: pd.DataFrame, campagnes: pd.DataFrame) -> list[str]:
    """La règle de l'exercice final : ROI > 0, une seule variante par test A/B (le meilleur ROI), triées par ROI.

    Les deux variantes d'un test A/B ont une ``variante`` renseignée et la même ``date_envoi``.
    """
    k = campagnes.set_index("campagne_id")
    t = tableau.assign(test=k["date_envoi"].where(k["variante"].notna()))
    t = t[t["roi"] > 0].sort_values("roi", ascending=False)
    en_double = t["test"].notna() & t["test"].duplicated()
    return [str(c) for c in t.index[~en_double]]


@exercice("08_campagnes_a_refaire",
          indice="Gardez les ROI positifs, une seule variante par test A/B (celle au meilleur ROI), triées par ROI décroissant.")
def _campagnes_a_refaire(reponse):
    if isinstance(reponse, str) or not isinstance(reponse, list | tuple | pd.Index | pd.Series):
        return incorrect("Une liste d'identifiants de campagnes (\"K01\", ...) était attendue, dans l'ordre du ROI.")
    donnees = [str(x).strip().upper() for x in reponse]
    campagnes = table_verdance("campagnes")
    tableau = _campagnes()
    attendu = campagnes_a_refaire(tableau, campagnes)
    inconnues = [c for c in donnees if c not in tableau.index]
    if inconnues:
        return incorrect(f"Identifiant(s) inconnu(s) : {', '.join(inconnues)} (ils vont de K01 à K{len(tableau):02d}).")
    if any(tableau.loc[c, "roi"] <= 0 for c in donnees):
        return incorrect("Votre liste contient au moins une campagne dont le ROI n'est pas positif : elle a perdu de l'argent.")
    variantes = campagnes.set_index("campagne_id").loc[donnees]
    paires = variantes.loc[variantes["variante"].notna(), "date_envoi"]
    if paires.duplicated().any():
        return incorrect("Vous gardez les deux variantes d'un même test A/B : on n'en refait qu'une.")
    if sorted(set(donnees)) != sorted(attendu):
        manquantes = len(set(attendu) - set(donnees))
        en_trop = len(set(donnees) - set(attendu))
        return incorrect(f"Pas tout à fait : {manquantes} campagne(s) manquante(s), {en_trop} en trop "
                         "(pour un test A/B, gardez la variante au meilleur ROI).")
    retour = comparer_ordre(donnees, attendu, "campagnes")
    return retour if not retour.est_correct else correct("Bonne liste, dans le bon ordre.")
