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
    comparer_ensemble,
    comparer_nombre,
    comparer_serie,
    comparer_table,
    est_nombre,
    index_en_texte,
    normaliser_texte,
)
from ..contexte import DATE_REFERENCE, segment_des_clients, table_verdance, transactions_annee
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
def _types_fidelite(derniere: bool = True, seuil_attitude: int = SEUIL_ATTITUDE) -> pd.Series:
    enquetes = table_verdance("enquetes").sort_values("enquete_id")
    choisie = enquetes.groupby("client_id").tail(1) if derniere else enquetes.groupby("client_id").head(1)
    choisie = choisie.assign(client_id=choisie["client_id"].astype(str)).set_index("client_id")
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


@exercice("05_matrice_moyens", indice="Cinq objectifs : les connaître, leur parler, les écouter, les récompenser, "
          "les associer. Relisez la matrice de la leçon.")
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


@exercice("05_promotion_programme", indice="Pivotez la simulation (index = semaine, colonnes = scenario, valeurs = "
          "supplement_cumule), puis cherchez la première semaine où programme > promotion.")
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


@exercice("05_effet_carte", indice="Parmi les clients actifs en 2024 : tickets distincts par client, puis moyenne "
          "chez les porteurs de la carte / moyenne chez les autres.")
def _effet_carte_juge(reponse):
    attendu = effet_carte()
    tickets = _tickets_annee()
    tous = table_verdance("clients")["client_id"].astype(str)
    sur_tous = _effet_carte(tickets.reindex(tous).fillna(0))
    t = transactions_annee()
    lignes = _effet_carte(t.groupby(t["client_id"].astype(str)).size())
    retour = comparer_nombre(reponse, attendu, tolerance=1e-4)
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez divisé dans l'autre sens : porteurs de la carte / non-porteurs.": 1 / attendu,
        "Votre moyenne compte aussi les clients sans achat en 2024 : gardez les clients actifs en 2024.": sur_tous,
        "Vous avez compté des lignes de ticket : la fréquence se compte en tickets distincts (nunique).": lignes,
    })


@exercice("05_types_programmes", indice="Pour chaque situation, demandez-vous ce que veut le client (de l'argent "
          "plus tard ou un prix plus bas tout de suite, du service, du conseil, un cumul rapide) ; la table "
          "relationnel.TYPES_PROGRAMMES aide.")
def _types_programmes(reponse):
    attendu = dict(_TYPES_ATTENDUS)
    if isinstance(reponse, Mapping):
        inconnus = _hors_liste(reponse, relationnel.TYPES_PROGRAMMES.index)
        if inconnus:
            return incorrect(f"« {inconnus[0]} » n'est pas un type de programme de la table : "
                             f"{', '.join(relationnel.TYPES_PROGRAMMES.index)}.")
    return comparer_correspondance(reponse, attendu, "situations")


@exercice("05_fidelite_inertie", indice="Dernière enquête de chaque client (le plus grand enquete_id) ; attitude "
          "positive = recommandation >= 9 ; réachat élevé = au moins 4 tickets distincts en 2024 (0 s'il n'a rien "
          "acheté) ; puis relationnel.type_fidelite et value_counts().")
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
    if comparer_serie(reponse, _types_fidelite(seuil_attitude=7), tolerance=1e-9).est_correct:
        return incorrect("Votre seuil d'attitude est trop bas : attitude positive = note de 9 ou 10 (promoteurs).")
    return retour


@exercice("05_habitudes_segments", indice="Effectif = clients du segment ; fréquence = tickets distincts de 2024 / "
          "effectif (0 si aucun achat) ; panier et taux de marque sur tout l'historique du segment.")
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


@exercice("05_point_mort", indice="Coût = f × p × 0,02 × (1 − 0,30) + 3 ; marge d'une visite de plus = "
          "p × (taux de marque − 0,02 × 0,70) ; visites = coût / marge d'une visite.")
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
    return retour


@exercice("05_non_utilisation", indice="CA 2024 par client → relationnel.points_non_convertis(ca, seuil_points=500) ; "
          "puis somme des points perdus / somme des points gagnés.")
def _non_utilisation(reponse):
    attendu = non_utilisation()
    p = points_2024()
    retour = comparer_nombre(reponse, attendu, tolerance=1e-4, fraction=True)
    return avec_erreurs_typiques(retour, reponse, {
        "C'est la part des points CONVERTIS : la non-utilisation est son complément.": 1 - attendu,
        "Vous avez compté des clients : la non-utilisation se mesure en points (points perdus / points gagnés).":
            float((p["points_convertis"] == 0).mean()),
    })


@exercice("05_segments_rentables", indice="economie_programme_points(habitudes, 0.02, non_utilisation_segments, 3.0, "
          "0.10), puis les segments dont la colonne 'rentable' vaut True.")
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


@exercice("05_grille_relationnelle", indice="Partez de relationnel.grille_relationnelle(segment) ; pour chaque "
          "objectif, des moyens pris dans relationnel.MOYENS et une action concrète pour ce segment.")
def _grille_relationnelle(reponse):
    if not isinstance(reponse, pd.DataFrame):
        return incorrect("Un tableau était attendu : partez de la grille vierge du segment (relationnel.grille_relationnelle).")
    erreurs = relationnel.erreurs_grille(reponse)
    if erreurs:
        suite = f" (et {len(erreurs) - 3} autre(s) remarque(s))" if len(erreurs) > 3 else ""
        return incorrect("\n".join(erreurs[:3]) + suite)
    return correct("Grille complète : chaque moyen est sous son objectif. Relisez vos actions : sont-elles "
                   "adaptées au segment choisi ?")
