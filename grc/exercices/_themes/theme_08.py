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
    comparer_decision,
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
from ..glissements import GLISSEMENTS, avec_glissements
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


@exercice("08_indice_satisfaction", indices=(
    "L'idée : l'indice compare la note moyenne des clients à la meilleure note possible de l'échelle.",
    "La méthode : faites la moyenne de la colonne des notes, puis divisez-la par la note maximale (5) ; "
    "le résultat est une fraction entre 0 et 1.",
    "L'appel : `enquetes[\"note_satisfaction\"].mean() / 5`.",
))
def _indice_satisfaction(reponse):
    notes = table_verdance("enquetes")["note_satisfaction"]
    if proche(reponse, float(notes.mean()), 1e-6, echelle=1.0):
        return incorrect("Vous avez donné la note moyenne : l'indice la rapporte à la note maximale de l'échelle.")
    if proche(reponse, ind.part_satisfaits(notes), 1e-6, echelle=1.0):
        return incorrect("Vous avez calculé la part de clients satisfaits (notes de 4 ou 5), pas l'indice de satisfaction.")
    return comparer_nombre(reponse, ind.indice_satisfaction(notes, note_max=5), fraction=True)


@exercice("08_nps_magasins", indices=(
    "L'idée : pour chaque lieu d'achat, la part de promoteurs (9 ou 10) moins la part de détracteurs (0 à 6), "
    "annoncée en points de −100 à +100.",
    "La méthode : regroupez les réponses par magasin, puis appliquez à chaque groupe le calcul du NPS en points.",
    "L'appel : `enquetes.groupby(\"magasin\", observed=True)[\"recommandation\"].apply(lambda notes: "
    "ind.nps(notes, en_points=True))`.",
))
def _nps_magasins(reponse):
    table = evaluation.satisfaction(table_verdance("enquetes"), par="magasin")
    attendu = 100 * table["nps"]
    erreurs = [
        (table["nps"], GLISSEMENTS["fraction_pour_pourcentage"].message
         + " Le NPS s'annonce en points, de −100 à +100."),
        (100 * table["promoteurs"], "Vous avez donné la part de promoteurs : retranchez la part de détracteurs."),
    ]
    return _juger_serie(reponse, "magasin", attendu, erreurs)


# --- 2. Transformation -------------------------------------------------------------------------


@exercice("08_transformation_vendeurs", indices=(
    "L'idée : pour chaque vendeur, la part de ses devis qui sont devenus des commandes.",
    "La méthode : marquez chaque devis accepté (vrai ou faux), puis faites la moyenne de ces marques vendeur "
    "par vendeur : la moyenne d'un vrai/faux est une part.",
    "L'appel : `(devis[\"statut\"] == \"accepté\").groupby(devis[\"vendeur\"], observed=True).mean()`.",
))
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


@exercice("08_taux_campagnes", indices=(
    "L'idée : deux étages de l'entonnoir, chacun rapporté à l'étage d'avant : les réponses aux envois, "
    "les commandes aux réponses.",
    "La méthode : un tableau de deux colonnes, une ligne par campagne : réponses / envois, puis commandes / "
    "réponses (pas commandes / envois).",
    "L'appel : `pd.DataFrame({\"taux_retour\": ind.taux_retour(k[\"reponses\"], k[\"envois\"]), "
    "\"taux_rendement_net\": ind.taux_rendement_net(k[\"commandes\"], k[\"reponses\"])})`.",
))
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


@exercice("08_roi_campagnes", indices=(
    "L'idée : ce que la campagne a rapporté en plus de ce qu'elle a coûté, rapporté à ce qu'elle a coûté ; "
    "on part de la marge, pas du chiffre d'affaires.",
    "La méthode : marge générée moins coût, divisé par le coût, pour chaque campagne.",
    "L'appel : `ind.retour_sur_investissement(k[\"marge_generee\"], k[\"cout\"])`.",
))
def _roi_campagnes(reponse):
    k = _campagnes()
    erreurs = [
        ((k["ca_genere"] - k["cout"]) / k["cout"],
         "Vous avez calculé le ROI sur le chiffre d'affaires : il se calcule sur la marge générée."),
        (k["marge_generee"] / k["cout"], "Vous avez divisé la marge par le coût sans retrancher le coût : "
                                         "un ROI de 0 doit vouloir dire « la campagne rembourse juste son coût »."),
        ((k["marge_generee"] - k["cout"]) / k["marge_generee"], "Le ROI se rapporte au coût de la campagne, pas à la marge."),
        (100 * k["roi"], "Vous avez donné des pourcentages : exprimez le ROI en fraction (1,5 et non 150)."),
        ((k["cout"] - k["marge_generee"]) / k["cout"], GLISSEMENTS["signe_inverse"].message
         + " Ici : la marge générée moins le coût, pas l'inverse."),
    ]
    return _juger_serie(reponse, "campagne_id", k["roi"], erreurs)


# --- 5. Attrition ------------------------------------------------------------------------------


@cache
def _attrition_2024() -> pd.Series:
    table = taux_attrition_par_periode(table_verdance("transactions"), periode="Y")
    return table.loc[pd.Period(str(ANNEE), freq="Y")]


@exercice("08_attrition_2024", indices=(
    "L'idée : parmi les clients de 2023, la part de ceux qui n'ont plus rien acheté en 2024 ; les nouveaux "
    "clients de 2024 n'entrent pas dans le calcul.",
    "La méthode : l'ensemble des clients de 2023, celui des clients de 2024 ; les perdus sont dans le premier "
    "et pas dans le second ; divisez leur nombre par le nombre de clients de 2023.",
    "L'appel : `clients_2023 = set(transactions.loc[transactions[\"date\"].dt.year == 2023, \"client_id\"])`, "
    "de même pour 2024, puis `len(clients_2023 - clients_2024) / len(clients_2023)`.",
))
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


@exercice("08_prix_coefficient", indices=(
    "L'idée : le taux de marque se rapporte au prix de vente, pas au coût ; le coefficient va du coût HT au "
    "prix affiché TTC.",
    "La méthode : si la marque vaut 40 % du prix, le coût en vaut 60 % : prix HT = coût / 0,60 ; puis prix "
    "TTC = prix HT × 1,20 et coefficient = prix TTC / coût HT.",
    "L'appel : `ind.prix_vente_depuis_taux_marque(12, 0.40)`, puis "
    "`ind.coefficient_multiplicateur(prix_ht * 1.20, 12)`.",
))
def _prix_coefficient(reponse):
    reponse = en_dictionnaire(reponse, ["prix_vente_ht", "coefficient"])
    if isinstance(reponse, Retour):
        return reponse
    cout, tm, tva = ARROSOIR["cout_achat_ht"], ARROSOIR["taux_marque"], ARROSOIR["tva"]
    prix = ind.prix_vente_depuis_taux_marque(cout, tm)
    coefficient = ind.coefficient_multiplicateur(prix * (1 + tva), cout)
    pv = reponse["prix_vente_ht"]
    retour = avec_glissements(
        comparer_nombre(pv, prix, tolerance=1e-4), pv,
        {"marge_pour_marque": cout * (1 + tm), "ttc_pour_ht": prix * (1 + tva)}, tolerance=1e-4,
        precisions={"marge_pour_marque": "Ajouter 40 % au coût donne un taux de MARGE de 40 % ; le taux de "
                                         "marque se rapporte au prix de vente."},
    )
    if not retour.est_correct:
        return incorrect(f"Prix de vente HT : {retour.message}")
    coef = reponse["coefficient"]
    if proche(coef, (1 + tm) * (1 + tva), 1e-4, echelle=1.0):
        return incorrect("Coefficient : (1 + 0,40) × 1,20 applique 40 % au coût, comme un taux de marge.")
    retour = avec_glissements(
        comparer_nombre(coef, coefficient, tolerance=1e-4), coef, {"ht_pour_ttc": prix / cout}, tolerance=1e-4,
        precisions={"ht_pour_ttc": "Le coefficient multiplicateur va du coût HT au prix de vente TTC."},
    )
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


@exercice("08_p_valeur_ab", indices=(
    "L'idée : le test compare les réponses des deux moitiés tirées au sort ; la p-valeur dit si le hasard "
    "suffit à expliquer l'écart.",
    "La méthode : gardez les contacts de K07 et K08, comptez dans un tableau croisé campagne × réponse, puis "
    "faites le test du khi-deux sans correction de continuité.",
    "L'appel : `pd.crosstab(paire[\"campagne_id\"], paire[\"reponse\"])`, puis "
    "`chi2_contingency(tableau, correction=False).pvalue`.",
))
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


@exercice("08_conclusion_ab", indices=(
    "L'idée : un test non significatif ne dit pas « pareil », il dit « on ne sait pas ».",
    "La méthode : comparez la p-valeur de l'exercice précédent au seuil de 5 %, puis relisez dans la leçon ce "
    "que l'on peut conclure et ce que l'on ne peut pas.",
    "L'appel : la réponse est une lettre, `\"A\"`, `\"B\"`, `\"C\"` ou `\"D\"`.",
))
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


@exercice("08_campagnes_a_refaire", indices=(
    "L'idée : on ne refait que ce qui a rapporté plus que son coût, et une seule version de chaque test A/B.",
    "La méthode : dans le tableau trié par ROI décroissant, rayez les ROI négatifs ; pour K03/K04 et K07/K08, "
    "gardez la version au meilleur ROI ; recopiez les identifiants dans l'ordre.",
    "L'appel : une liste de textes, `[\"K02\", \"K01\", ...]`, dans l'ordre du tableau.",
))
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


# --- 9. Décisions du parcours BTS : quel indicateur, objectif atteint ? -------------------------------

#: Ce que mesure chaque indicateur (la raison donnée quand il est choisi pour un autre objectif).
CE_QUE_MESURE = {
    "taux d'ouverture": "il mesure l'envie d'ouvrir le message (ouvertures / envois), donc l'effet de l'objet",
    "taux de clic": "il mesure les clics sur le contenu (clics / envois), pas les commandes",
    "taux de retour": "il mesure l'intérêt suscité (réponses / envois), pas ce qui se passe après",
    "taux de rendement net": "il mesure la part des intéressés qui commandent (commandes / réponses)",
    "taux de transformation": "il parle de devis devenus commandes (commandes / devis), pas d'une campagne",
    "ROI": "il mesure la rentabilité (marge générée − coût) / coût, pas un comportement des clients",
    "taux d'attrition": "il mesure les clients perdus d'une période à l'autre",
    "NPS": "il mesure la recommandation (promoteurs − détracteurs), pas un achat",
}

#: Exercice « 08_indicateur_objectif » : chaque objectif d'évaluation et l'indicateur qui y répond.
OBJECTIFS_INDICATEURS = {
    1: ("Savoir si l'objet de l'emailing a donné envie d'ouvrir le message.", "taux d'ouverture"),
    2: ("Savoir si les clients qui ont répondu à l'offre ont ensuite commandé.", "taux de rendement net"),
    3: ("Savoir si la campagne a rapporté plus qu'elle n'a coûté.", "ROI"),
    4: ("Savoir si les devis du service Pros se concluent.", "taux de transformation"),
    5: ("Savoir si l'enseigne garde ses clients d'une année sur l'autre.", "taux d'attrition"),
    6: ("Savoir si le courrier a suscité de l'intérêt chez les clients qui l'ont reçu.", "taux de retour"),
}


@exercice("08_indicateur_objectif", indices=(
    "L'idée : un indicateur répond à une seule question ; cherchez, pour chaque objectif, ce qu'il faut "
    "diviser par quoi.",
    "La méthode : repérez dans l'objectif le mot qui compte (ouvrir, commander après une réponse, rapporter, "
    "devis, garder, intérêt) et retrouvez l'indicateur dont le numérateur et le dénominateur y répondent "
    "(tableau du rappel de la leçon).",
    "L'appel : un dictionnaire `{1: \"taux d'ouverture\", 2: \"...\", ...}` avec les noms de la liste.",
))
def _indicateur_objectif(reponse):
    reponse = en_dictionnaire(reponse, list(OBJECTIFS_INDICATEURS),
                              exemple="{1: \"taux d'ouverture\", 2: \"taux de retour\", ...}")
    if isinstance(reponse, Retour):
        return reponse
    possibles = list(CE_QUE_MESURE)
    for numero, (_objectif, bon) in OBJECTIFS_INDICATEURS.items():
        retours = {nom: f"{raison}." for nom, raison in CE_QUE_MESURE.items() if nom != bon}
        retour = comparer_decision(reponse[numero], bon, "", retours, possibles=possibles)
        if not retour.est_correct:
            return incorrect(f"Objectif {numero} : {retour.message}")
    return correct("Les six indicateurs répondent à leur objectif : un indicateur se choisit avant de regarder "
                   "les résultats, d'après la question posée.")


#: Exercice « 08_objectif_campagne » : la campagne jugée et ses deux objectifs chiffrés fixés à l'avance.
OBJECTIFS_CAMPAGNE = {"campagne": "K09", "taux_retour": 0.03, "roi": 1.0}

#: Les verdicts possibles de « 08_objectif_campagne ».
VERDICTS_CAMPAGNE = ("les deux objectifs", "le taux de retour seulement", "le ROI seulement", "aucun des deux")


#: Ce que chaque verdict affirme : (taux de retour atteint, ROI atteint).
AFFIRME = dict(zip(VERDICTS_CAMPAGNE, [(True, True), (True, False), (False, True), (False, False)], strict=True))


@exercice("08_objectif_campagne", indices=(
    "L'idée : un objectif est atteint quand le résultat est au moins égal à la cible fixée avant l'envoi ; "
    "« presque » n'est pas « atteint ».",
    "La méthode : dans le tableau de bord, lisez le taux de retour et le ROI de la campagne, comparez chacun "
    "à sa cible, puis choisissez le verdict qui correspond.",
    "L'appel : un texte de la liste, par exemple `\"le ROI seulement\"`.",
))
def _objectif_campagne(reponse):
    k = _campagnes().loc[OBJECTIFS_CAMPAGNE["campagne"]]
    vrai = (bool(k["taux_retour"] >= OBJECTIFS_CAMPAGNE["taux_retour"]), bool(k["roi"] >= OBJECTIFS_CAMPAGNE["roi"]))
    constats = (
        "le taux de retour (réponses / envois) " + ("atteint sa cible de 3 %" if vrai[0] else "reste sous sa cible de 3 %"),
        "le ROI " + ("dépasse sa cible de 1 : chaque euro dépensé revient avec plus d'un euro de gain" if vrai[1]
                     else "reste sous sa cible de 1"),
    )
    bon = next(v for v, affirme in AFFIRME.items() if affirme == vrai)
    retours = {v: "relisez le tableau de bord : " + " ; ".join(c for c, a, r in zip(constats, affirme, vrai, strict=True)
                                                             if a != r) + "."
               for v, affirme in AFFIRME.items() if v != bon}
    pourquoi = f"{constats[0].capitalize()}, et {constats[1]}."
    if vrai == (False, True):
        pourquoi += (" La campagne touche peu de monde mais rapporte : c'est le ciblage ou l'objet du message qu'il "
                     "faut revoir, pas l'offre.")
    return comparer_decision(reponse, bon, pourquoi, retours, possibles=list(VERDICTS_CAMPAGNE))


#: Exercice « 08_objectif_attrition » : la cible d'attrition du PAC 2024 et les verdicts possibles.
OBJECTIF_ATTRITION = 0.35
VERDICTS_ATTRITION = ("atteint", "non atteint", "impossible à dire")


@exercice("08_objectif_attrition", indices=(
    "L'idée : l'objectif était un plafond ; il est atteint si le taux d'attrition de 2024 est en dessous.",
    "La méthode : lisez la ligne 2024 du tableau d'attrition (clients perdus / clients du début de période) "
    "et comparez-la à 35 %.",
    "L'appel : un texte de la liste : `\"atteint\"`, `\"non atteint\"` ou `\"impossible à dire\"`.",
))
def _objectif_attrition(reponse):
    taux = float(_attrition_2024()["taux_attrition"])
    bon = "atteint" if taux <= OBJECTIF_ATTRITION else "non atteint"
    retours = {
        "atteint": "le taux d'attrition 2024 reste au-dessus du plafond de 35 % : il a baissé depuis 2023, "
                   "mais une baisse n'est pas l'objectif atteint.",
        "non atteint": "le taux d'attrition 2024 est bien sous le plafond de 35 %.",
        "impossible à dire": "le tableau donne le taux de 2024, calculé sur les clients du début de l'année : "
                             "on peut le comparer à la cible.",
    }
    retours.pop(bon)
    pourquoi = ("Le taux a baissé depuis 2023, mais reste au-dessus du plafond : on le dit, et l'on cherche "
                "quels clients partent (les détracteurs, plus que les autres)." if bon == "non atteint"
                else "Le taux de 2024 est sous le plafond fixé.")
    return comparer_decision(reponse, bon, pourquoi, retours, possibles=list(VERDICTS_ATTRITION))
