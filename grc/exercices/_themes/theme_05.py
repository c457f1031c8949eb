"""Exercices du thème 05 : le marketing relationnel (matrice, programmes de fidélité et leur économie).

Conventions communes à tous les exercices (celles du carnet) :

- les **segments** sont les segments RFM du thème 02 au 1er janvier 2025
  (``tableau_rfm(..., ticket="ticket_id").pipe(scores_rfm).pipe(segments_rfm)``) ;
- l'**année** observée est 2024 : un client est **actif** s'il a au moins une ligne de ticket en 2024 ;
- la **fréquence** se compte en tickets distincts ;
- le programme étudié : 1 point par euro HT, un bon de 10 € tous les 500 points (taux de récompense
  2 %), 3 € de coût fixe par membre et par an.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import pandas as pd

from grc import relationnel

from ..comparaisons import (
    avec_erreurs_typiques,
    comparer_correspondance,
    comparer_decision,
    comparer_ensemble,
    comparer_nombre,
    comparer_serie,
    comparer_table,
    est_nombre,
    index_en_texte,
    normaliser_texte,
)
from ..contexte import DATE_REFERENCE, segment_des_clients, table_verdance, transactions_annee
from ..glissements import avec_glissements
from ..registre import exercice
from ..retour import correct, incorrect

SEUIL_REACHAT = 4  # tickets en 2024 pour un « réachat élevé »
SEUIL_ATTITUDE = 9  # note de recommandation des promoteurs
TAUX_RECOMPENSE = 0.02
NON_UTILISATION_SUPPOSEE = 0.30
COUT_PAR_MEMBRE = 3.0
HAUSSE_FREQUENCE = 0.10
SEUIL_POINTS = 500
COLONNES_HABITUDES = ["clients", "frequence", "panier_moyen", "taux_marque"]

_TYPES_ATTENDUS = {"A": "cash back", "B": "points multi-enseignes", "C": "informationnel", "D": "remise permanente",
                   "E": "services et avantages", "F": "points privatif"}


# --- Valeurs attendues, calculées sur les données -------------------------------------------------


@cache
def _tickets_annee() -> pd.Series:
    """Tickets distincts de 2024 par client actif (index en texte)."""
    t = transactions_annee()
    tickets = t.groupby(t["client_id"].astype(str))["ticket_id"].nunique()
    return tickets


@cache
def segments() -> pd.Series:
    """Segment RFM de chaque client au 1er janvier 2025 (index en texte, valeurs en texte)."""
    return segment_des_clients()


def _simulation() -> pd.DataFrame:
    return relationnel.simuler_promotion_programme().pivot(index="semaine", columns="scenario")


@cache
def semaine_croisement() -> int:
    """Première semaine où le supplément cumulé du programme dépasse celui de la promotion."""
    cumul = _simulation()["supplement_cumule"]
    ecart = cumul["programme relationnel"] - cumul["promotion"]
    return int(ecart[ecart > 0].index.min())


def _effet_carte(frequences: pd.Series) -> float:
    carte = table_verdance("clients").assign(client_id=lambda c: c["client_id"].astype(str)).set_index("client_id")
    porteurs = carte["carte_fidelite"].reindex(frequences.index).astype(bool)
    return float(frequences[porteurs].mean() / frequences[~porteurs].mean())


@cache
def effet_carte() -> float:
    """Fréquence 2024 moyenne des porteurs de carte / celle des non-porteurs, parmi les clients actifs."""
    return _effet_carte(_tickets_annee())


@cache
def _types_fidelite(derniere: bool = True, seuil_attitude: int = SEUIL_ATTITUDE, lignes: bool = False) -> pd.Series:
    enquetes = table_verdance("enquetes").sort_values("enquete_id")
    choisie = enquetes.groupby("client_id").tail(1) if derniere else enquetes.groupby("client_id").head(1)
    choisie = choisie.assign(client_id=choisie["client_id"].astype(str)).set_index("client_id")
    if lignes:  # le glissement : des lignes de ticket comptées au lieu des tickets
        t = transactions_annee()
        tickets = t.groupby(t["client_id"].astype(str)).size().reindex(choisie.index).fillna(0)
    else:
        tickets = _tickets_annee().reindex(choisie.index).fillna(0)
    types = relationnel.type_fidelite(tickets >= SEUIL_REACHAT, choisie["recommandation"] >= seuil_attitude)
    return index_en_texte(types.value_counts()).astype("int64")


def types_fidelite() -> pd.Series:
    """Nombre de clients enquêtés dans chaque situation de fidélité (dernière enquête, seuils 4 et 9)."""
    return _types_fidelite()


@cache
def habitudes() -> pd.DataFrame:
    """Habitudes de chaque segment RFM (index en texte) : :func:`grc.relationnel.habitudes_par_segment`."""
    return index_en_texte(relationnel.habitudes_par_segment(table_verdance("transactions"), segments(),
                                                            date_reference=DATE_REFERENCE))


@cache
def points_mort() -> pd.Series:
    """Visites supplémentaires par membre au point mort, avec 30 % de non-utilisation supposée."""
    h = habitudes()
    return relationnel.visites_point_mort(h["frequence"], h["panier_moyen"], h["taux_marque"], TAUX_RECOMPENSE,
                                          NON_UTILISATION_SUPPOSEE, COUT_PAR_MEMBRE)


@cache
def points_2024() -> pd.DataFrame:
    """Points gagnés, convertis et perdus en 2024 par client actif (seuil de 500 points)."""
    t = transactions_annee()
    ca = t.groupby(t["client_id"].astype(str))["montant_ht"].sum()
    return relationnel.points_non_convertis(ca, seuil_points=SEUIL_POINTS)


@cache
def non_utilisation() -> float:
    """Part des points de 2024 jamais convertis en bons."""
    p = points_2024()
    return float(p["points_perdus"].sum() / p["points"].sum())


@cache
def non_utilisation_par_segment() -> pd.Series:
    """Non-utilisation mesurée de chaque segment ; 1 pour un segment qui n'a gagné aucun point."""
    p = points_2024().join(segments().rename("segment"), how="left")
    sommes = p.groupby("segment")[["points", "points_perdus"]].sum().reindex(habitudes().index).fillna(0)
    taux = (sommes["points_perdus"] / sommes["points"]).where(sommes["points"] > 0, 1.0)
    return taux.rename("taux_non_utilisation")


def _economie(taux_non_utilisation) -> pd.DataFrame:
    return relationnel.economie_programme_points(habitudes(), TAUX_RECOMPENSE, taux_non_utilisation,
                                                 COUT_PAR_MEMBRE, HAUSSE_FREQUENCE)


@cache
def segments_rentables() -> frozenset[str]:
    """Segments où le programme est rentable : non-utilisation mesurée, +10 % de fréquence."""
    eco = _economie(non_utilisation_par_segment())
    return frozenset(eco.index[eco["rentable"]])


# --- Aides aux messages ---------------------------------------------------------------------------


def _hors_liste(reponse: Mapping, possibles) -> list[str]:
    """Les valeurs d'un dictionnaire qui ne sont pas dans la liste fermée des réponses possibles."""
    normes = {normaliser_texte(p) for p in possibles}
    return [str(v) for v in reponse.values() if isinstance(v, str) and normaliser_texte(v) not in normes]


# --- Les exercices --------------------------------------------------------------------------------


#: Les moyens que les notes du cours rangent sous deux objectifs : l'un et l'autre sont acceptés.
OBJECTIFS_ADMIS = {"site web": ("leur parler", "les écouter")}
_POURQUOI_ADMIS = {
    "site web": "le site web est accepté sous « leur parler » comme sous « les écouter » : il parle aux "
                "clients (vitrine, espace client, conseils) et il les écoute (avis, formulaire de contact) ; "
                "les notes du cours le rangent sous les deux objectifs.",
}


@exercice("05_matrice_moyens", indices=(
    "Demandez-vous ce que chaque moyen fait d'abord pour le client : le connaître, lui parler, l'écouter, "
    "le récompenser ou l'associer à la vie de l'enseigne.",
    "Bases de données : les connaître ; magazine, courrier, email : leur parler ; enquêtes, service client, "
    "centre d'appels : les écouter ; carte et points : les récompenser ; club, parrainage, sponsoring, forum : "
    "les associer. Le site web va sous « leur parler » ou « les écouter ».",
    "Un dictionnaire {moyen: objectif} : {\"bases de données\": \"les connaître\", \"email\": \"leur parler\", ...}, "
    "avec les objectifs de relationnel.OBJECTIFS."))
def _matrice_moyens(reponse):
    attendu = dict(zip(relationnel.MATRICE_RELATIONNELLE["moyen"], relationnel.MATRICE_RELATIONNELLE["objectif"],
                       strict=True))
    if isinstance(reponse, Mapping):
        inconnus = _hors_liste(reponse, relationnel.OBJECTIFS)
        if inconnus:
            return incorrect(f"« {inconnus[0]} » n'est pas l'un des cinq objectifs : "
                             f"{', '.join(relationnel.OBJECTIFS)}.")
        for moyen, admis in OBJECTIFS_ADMIS.items():
            donne = reponse.get(moyen)
            if isinstance(donne, str) and normaliser_texte(donne) in {normaliser_texte(o) for o in admis}:
                attendu[moyen] = donne
    retour = comparer_correspondance(reponse, attendu, "moyens")
    if retour.est_correct and isinstance(reponse, Mapping):
        precisions = " ".join(f"{p[0].upper()}{p[1:]}" for m, p in _POURQUOI_ADMIS.items() if m in reponse)
        return correct(f"Bonne réponse. {precisions}".strip())
    return retour


@exercice("05_promotion_programme", indices=(
    "La promotion prend de l'avance d'un coup puis la perd en partie ; le programme ajoute un peu chaque "
    "semaine. Cherchez le moment où le programme passe devant, en cumulé.",
    "Mettez les deux suppléments cumulés côte à côte, semaine par semaine, et trouvez la première semaine où "
    "celui du programme dépasse strictement celui de la promotion.",
    "cumul = simulation.pivot(index=\"semaine\", columns=\"scenario\", values=\"supplement_cumule\") ; "
    "cumul.index[cumul[\"programme relationnel\"] > cumul[\"promotion\"]].min()"))
def _promotion_programme(reponse):
    attendu = semaine_croisement()
    if not est_nombre(reponse):
        return comparer_nombre(reponse, attendu)
    if reponse == attendu:
        return correct()
    sim = _simulation()
    hebdo = sim["ventes"]["programme relationnel"] - sim["ventes"]["promotion"]
    if reponse == int(hebdo[hebdo > 0].index.min()):
        return incorrect("Vous avez comparé les ventes de la semaine : la question porte sur le supplément "
                         "CUMULÉ depuis le début (colonne supplement_cumule).")
    cumul = sim["supplement_cumule"]
    pic = cumul["promotion"].max()
    if reponse == int(cumul.index[cumul["programme relationnel"] > pic].min()):
        return incorrect("Vous avez comparé le programme au pic de la promotion : comparez les deux suppléments "
                         "cumulés semaine par semaine (la promotion perd de son avance pendant le creux).")
    sens = "trop tard" if reponse > attendu else "trop tôt"
    return incorrect(f"Ce n'est pas la bonne semaine ({sens}). Cherchez la première semaine où le supplément cumulé "
                     "du programme dépasse strictement celui de la promotion.")


@exercice("05_effet_carte", indices=(
    "On compare la fréquence d'achat de deux groupes de clients actifs : ceux qui ont la carte et ceux qui ne "
    "l'ont pas.",
    "Pour chaque client actif en 2024, comptez ses tickets différents ; faites la moyenne chez les porteurs de "
    "la carte, puis chez les autres, et divisez la première par la seconde.",
    "frequence = transactions_2024.groupby(\"client_id\")[\"ticket_id\"].nunique() ; la colonne carte_fidelite "
    "de clients, remise dans le même ordre avec reindex, sépare les deux groupes."))
def _effet_carte_juge(reponse):
    attendu = effet_carte()
    tickets = _tickets_annee()
    tous = table_verdance("clients")["client_id"].astype(str)
    sur_tous = _effet_carte(tickets.reindex(tous).fillna(0))
    t = transactions_annee()
    lignes = _effet_carte(t.groupby(t["client_id"].astype(str)).size())
    retour = comparer_nombre(reponse, attendu, tolerance=1e-4)
    retour = avec_glissements(retour, reponse, {"lignes_pour_tickets": lignes}, tolerance=1e-4)
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez divisé dans l'autre sens : porteurs de la carte / non-porteurs.": 1 / attendu,
        "Votre moyenne compte aussi les clients sans achat en 2024 : gardez les clients actifs en 2024.": sur_tous,
    })


@exercice("05_types_programmes", indices=(
    "Pour chaque situation, demandez-vous ce que veut le client : de l'argent plus tard ou un prix plus bas "
    "tout de suite, du service, du conseil, un cumul rapide avec d'autres commerces.",
    "Cagnotte en argent : cash back ; prix adhérent immédiat : remise permanente ; achats rares chez un seul "
    "commerçant : points multi-enseignes ; contenus sans rien à gagner : informationnel ; livraison, garantie, "
    "invitations : services et avantages ; points de la seule enseigne : points privatif.",
    "Un dictionnaire {lettre: type} : {\"A\": \"cash back\", ...}, avec les types de "
    "relationnel.TYPES_PROGRAMMES.index."))
def _types_programmes(reponse):
    attendu = dict(_TYPES_ATTENDUS)
    if isinstance(reponse, Mapping):
        inconnus = _hors_liste(reponse, relationnel.TYPES_PROGRAMMES.index)
        if inconnus:
            return incorrect(f"« {inconnus[0]} » n'est pas un type de programme de la table : "
                             f"{', '.join(relationnel.TYPES_PROGRAMMES.index)}.")
    return comparer_correspondance(reponse, attendu, "situations")


@exercice("05_fidelite_inertie", indices=(
    "La fidélité croise deux choses : ce que le client fait (il revient souvent ou non) et ce qu'il pense (il "
    "recommande l'enseigne ou non).",
    "Gardez la dernière enquête de chaque client ; attitude positive = note de recommandation de 9 ou 10 ; "
    "réachat élevé = au moins 4 tickets différents en 2024 (0 s'il n'a rien acheté) ; puis comptez les "
    "clients de chaque situation.",
    "relationnel.type_fidelite(tickets_2024 >= 4, enquetes_clients[\"recommandation\"] >= 9).value_counts()"))
def _fidelite_inertie(reponse):
    reponse = index_en_texte(reponse)
    attendu = types_fidelite()
    retour = comparer_serie(reponse, attendu, tolerance=1e-9)
    if retour.est_correct or not isinstance(reponse, pd.Series) or set(reponse.index) != set(attendu.index):
        return retour
    reponse = reponse.reindex(attendu.index)
    if comparer_serie(reponse, attendu / attendu.sum(), tolerance=1e-6).est_correct:
        return incorrect("Vous avez donné des parts : l'exercice demande des nombres de clients.")
    if comparer_serie(reponse, _types_fidelite(derniere=False), tolerance=1e-9).est_correct:
        return incorrect("Vous avez pris la première enquête de chaque client : l'attitude se lit sur la plus récente.")
    if comparer_serie(reponse, _types_fidelite(lignes=True), tolerance=1e-9).est_correct:
        return avec_glissements(retour, reponse, {"lignes_pour_tickets": _types_fidelite(lignes=True)})
    if comparer_serie(reponse, _types_fidelite(seuil_attitude=7), tolerance=1e-9).est_correct:
        return incorrect("Votre seuil d'attitude est trop bas : attitude positive = note de 9 ou 10 (promoteurs).")
    return retour


@exercice("05_habitudes_segments", indices=(
    "Pour chiffrer un programme par segment, il faut savoir combien de clients il compte, combien de fois ils "
    "viennent, combien ils dépensent et quelle marge ils laissent.",
    "Effectif = clients du segment ; fréquence = tickets différents de 2024 / effectif (0 si aucun achat) ; "
    "panier moyen = CA HT / tickets différents et taux de marque = marge / CA HT, sur tout l'historique.",
    "avec_segment = transactions.assign(segment=transactions[\"client_id\"].map(segments[\"segment\"])) ; puis "
    "avec_segment.groupby(\"segment\", observed=True) et pd.DataFrame({\"clients\": ..., \"frequence\": ..., ...})."))
def _habitudes_segments(reponse):
    reponse = index_en_texte(reponse)
    attendu = habitudes()
    retour = comparer_table(reponse, attendu, colonnes=COLONNES_HABITUDES, tolerance=1e-6)
    if retour.est_correct or not isinstance(reponse, pd.DataFrame):
        return retour
    if not set(COLONNES_HABITUDES) <= set(reponse.columns) or set(reponse.index) != set(attendu.index):
        return retour
    reponse = reponse.reindex(attendu.index)
    faux = [c for c in COLONNES_HABITUDES if not comparer_serie(reponse[c], attendu[c], tolerance=1e-6).est_correct]
    if faux == ["frequence"] and reponse["frequence"].isna().any():
        return incorrect("La colonne 'frequence' contient des cases vides (valeurs manquantes) : un segment sans achat en 2024 a une fréquence "
                         "de 0 (complétez avec fillna(0)).")
    if faux == ["frequence"]:
        return incorrect("La colonne 'frequence' est fausse : divisez les tickets de 2024 par TOUS les clients du "
                         "segment, y compris ceux qui n'ont rien acheté en 2024.")
    if "taux_marque" in faux:
        return incorrect("La colonne 'taux_marque' est fausse : le taux de marque rapporte la marge au chiffre "
                         "d'affaires HT (pas au coût d'achat), sur tout l'historique.")
    if "panier_moyen" in faux:
        return incorrect("La colonne 'panier_moyen' est fausse : CA HT de tout l'historique / tickets distincts.")
    return retour


@exercice("05_point_mort", indices=(
    "Le programme coûte chaque année des récompenses et un coût fixe ; chaque visite de plus rapporte sa "
    "marge. Combien de visites de plus couvrent le coût ?",
    "Coût par membre = fréquence × panier × 0,02 × (1 − 0,30) + 3 ; marge d'une visite de plus = panier × "
    "(taux de marque − 0,02 × 0,70) ; visites au point mort = coût / marge d'une visite.",
    "relationnel.visites_point_mort(habitudes[\"frequence\"], habitudes[\"panier_moyen\"], "
    "habitudes[\"taux_marque\"], 0.02, 0.30, 3.0)"))
def _point_mort(reponse):
    reponse = index_en_texte(reponse)
    attendu = points_mort()
    retour = comparer_serie(reponse, attendu, tolerance=1e-6)
    if retour.est_correct or not isinstance(reponse, pd.Series) or set(reponse.index) != set(attendu.index):
        return retour
    reponse = reponse.reindex(attendu.index)
    h = habitudes()
    effectif = TAUX_RECOMPENSE * (1 - NON_UTILISATION_SUPPOSEE)
    cout = h["frequence"] * h["panier_moyen"] * effectif + COUT_PAR_MEMBRE
    erreurs = {
        "La visite supplémentaire gagne aussi des points : retirez la récompense effective du taux de marque.":
            cout / (h["panier_moyen"] * h["taux_marque"]),
        "Le coût oublie les récompenses payées sur les achats actuels (f × p × 0,02 × 0,70).":
            COUT_PAR_MEMBRE / (h["panier_moyen"] * (h["taux_marque"] - effectif)),
        "Vous avez oublié le taux de non-utilisation : seuls 70 % des points deviennent des récompenses.":
            relationnel.visites_point_mort(h["frequence"], h["panier_moyen"], h["taux_marque"], TAUX_RECOMPENSE,
                                           0.0, COUT_PAR_MEMBRE),
        "C'est la hausse de fréquence (divisée par f) : l'exercice demande un nombre de visites par membre.":
            attendu / h["frequence"].where(h["frequence"] > 0),
    }
    for message, serie in erreurs.items():
        if comparer_serie(reponse, serie, tolerance=1e-6).est_correct:
            return incorrect(message)
    return avec_glissements(retour, reponse, {"marge_pour_marque": points_mort_taux_de_marge()}, tolerance=1e-6)


def points_mort_taux_de_marge() -> pd.Series:
    """Le glissement : le taux de marge (marge / coût d'achat) pris pour le taux de marque (marge / prix de vente)."""
    h = habitudes()
    taux_marge = h["taux_marque"] / (1 - h["taux_marque"])
    return relationnel.visites_point_mort(h["frequence"], h["panier_moyen"], taux_marge, TAUX_RECOMPENSE,
                                          NON_UTILISATION_SUPPOSEE, COUT_PAR_MEMBRE)


@exercice("05_non_utilisation", indices=(
    "Avec un seuil de 500 points, un client qui dépense peu n'atteint jamais un bon : ses points sont perdus. "
    "Quelle part de tous les points distribués est perdue ?",
    "Calculez le CA 2024 de chaque client actif, déduisez ses points gagnés, convertis et perdus, puis divisez "
    "la somme des points perdus par la somme des points gagnés (une fraction).",
    "points = relationnel.points_non_convertis(ca_client_2024, seuil_points=500) ; "
    "points[\"points_perdus\"].sum() / points[\"points\"].sum()"))
def _non_utilisation(reponse):
    attendu = non_utilisation()
    p = points_2024()
    retour = comparer_nombre(reponse, attendu, tolerance=1e-4, fraction=True)
    retour = avec_glissements(retour, reponse, {"pourcentage_pour_fraction": 100 * attendu}, tolerance=1e-4)
    return avec_erreurs_typiques(retour, reponse, {
        "C'est la part des points CONVERTIS : la non-utilisation est son complément.": 1 - attendu,
        "Vous avez compté des clients : la non-utilisation se mesure en points (points perdus / points gagnés).":
            float((p["points_convertis"] == 0).mean()),
    })


@exercice("05_segments_rentables", indices=(
    "Le programme est rentable pour un segment quand la marge des visites qu'il ajoute dépasse ce qu'il coûte "
    "par membre.",
    "Chiffrez le programme segment par segment avec les taux de non-utilisation mesurés, 2 % de récompense, "
    "3 € par membre et +10 % de fréquence ; gardez les segments dont le résultat par membre est positif.",
    "economie = relationnel.economie_programme_points(habitudes, 0.02, non_utilisation_segments, 3.0, 0.10) ; "
    "[str(s) for s in economie.index[economie[\"rentable\"]]]"))
def _segments_rentables(reponse):
    attendu = segments_rentables()
    retour = comparer_ensemble(reponse, attendu, "segments")
    if retour.est_correct or retour.statut == "vide" or isinstance(reponse, str | bytes | pd.DataFrame):
        return retour
    try:
        donnes = {str(s) for s in reponse}
    except TypeError:
        return retour
    eco_suppose = _economie(NON_UTILISATION_SUPPOSEE)
    if donnes == set(eco_suppose.index[eco_suppose["rentable"]]) and donnes != attendu:
        return incorrect("Vous avez gardé les 30 % de non-utilisation supposés : utilisez les taux mesurés par "
                         "segment (non_utilisation_segments).")
    return retour


@exercice("05_grille_relationnelle", indices=(
    "Pour un segment, la grille répond à cinq questions : comment mieux le connaître, lui parler, l'écouter, "
    "le récompenser et l'associer ?",
    "Choisissez un segment ; pour chaque objectif, mettez un ou plusieurs moyens de la matrice rangés sous cet "
    "objectif, et écrivez une action concrète chez Verdance pour ce segment.",
    "grille = relationnel.grille_relationnelle(\"Nouveaux clients\") ; puis grille[\"moyens\"] = [[...], ...] et "
    "grille[\"action\"] = [\"...\", ...], une ligne par objectif."))
def _grille_relationnelle(reponse):
    if not isinstance(reponse, pd.DataFrame):
        return incorrect("Un tableau était attendu : partez de la grille vierge du segment (relationnel.grille_relationnelle).")
    erreurs = relationnel.erreurs_grille(reponse)
    if erreurs:
        suite = f" (et {len(erreurs) - 3} autre(s) remarque(s))" if len(erreurs) > 3 else ""
        return incorrect("\n".join(erreurs[:3]) + suite)
    return correct("Grille complète : chaque moyen est sous son objectif. Relisez vos actions : sont-elles "
                   "adaptées au segment choisi ?")


# --- Les décisions du parcours BTS ----------------------------------------------------------------

#: La situation de la décision : une enseigne discount qui veut faire revenir ses clients plus souvent.
PROGRAMME_DISCOUNT = "cash back"


@exercice("05_programme_discount", indices=(
    "Une clientèle qui vient pour le prix veut de l'argent ; reste à savoir quelle forme d'argent la fait "
    "revenir.",
    "Comparez les deux programmes de prix : l'un baisse le prix tout de suite, sur chaque achat ; l'autre "
    "rend l'argent plus tard, sur une cagnotte qui ne se dépense qu'en revenant.",
    "Répondez par l'un des types de relationnel.TYPES_PROGRAMMES.index, par exemple \"remise permanente\"."))
def _programme_discount(reponse):
    pourquoi = ("Comme la remise permanente, il récompense en argent, ce que veut une clientèle sensible au prix ; "
                "mais il rend cet argent plus tard, sur une cagnotte qui ne se dépense qu'en revenant : c'est ce qui "
                "fait revenir. Une part des cagnottes n'est d'ailleurs jamais dépensée.")
    retours = {
        "remise permanente": "c'est bien un programme de prix, le plus simple et le plus lisible (un prix "
                             "adhérent), mais la remise est touchée tout de suite, sur tous les achats, y compris "
                             "ceux qui auraient eu lieu sans elle : rien ne s'accumule, elle ne fait pas revenir "
                             "plus souvent et devient vite un dû.",
        "points privatif": "des primes de l'enseigne et un seuil de points à atteindre attirent peu une clientèle "
                           "qui veut de l'argent, et découragent les petits paniers.",
        "points multi-enseignes": "il sert quand les achats sont trop rares pour cumuler seul ; ici l'enseigne veut "
                                  "faire revenir chez elle, et la coalition dilue le lien.",
        "services et avantages": "il convient aux produits impliquants et à la montée en gamme, pas à une clientèle "
                                 "qui vient d'abord pour le prix.",
        "informationnel": "du contenu sans argent à gagner : ce n'est pas ce que cherche une clientèle très "
                          "sensible au prix.",
    }
    return comparer_decision(reponse, PROGRAMME_DISCOUNT, pourquoi, retours,
                             possibles=list(relationnel.TYPES_PROGRAMMES.index))


#: Les moyens proposés pour « les écouter » (tous rangés ailleurs dans la matrice).
MOYENS_ECOUTE = ("magazine client", "site web", "sponsoring", "points de fidélité")


@exercice("05_moyen_ecoute", indices=(
    "Écouter, c'est recueillir ce que pense le client : il faut un moyen où il peut répondre, donner son avis.",
    "Pour chaque moyen, demandez-vous si le client peut s'y exprimer (un avis, une question, une réclamation) "
    "ou s'il ne fait que recevoir, participer ou acheter.",
    "Répondez par l'un des moyens de la liste MOYENS_ECOUTE, par exemple \"magazine client\"."))
def _moyen_ecoute(reponse):
    pourquoi = ("Rangé sous « leur parler » dans la matrice, le site web écoute aussi : avis sur les produits, "
                "formulaire de contact, questions au service client. C'est pourquoi les deux places sont admises.")
    retours = {
        "magazine client": "il parle aux clients, dans un seul sens : ils le lisent, ils n'y répondent pas.",
        "sponsoring": "il associe les clients à un événement que l'enseigne soutient ; il ne recueille pas leur "
                      "avis.",
        "points de fidélité": "ils récompensent les achats : ils disent ce que le client achète, pas ce qu'il "
                              "pense.",
    }
    return comparer_decision(reponse, "site web", pourquoi, retours, possibles=list(MOYENS_ECOUTE))
