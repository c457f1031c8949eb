"""Exercices du thème 04 : la valeur client (CA potentiel, rétention, durée de vie, CLV).

Conventions communes à tous les exercices (celles du carnet) :

- un client est **actif** une année s'il a au moins une ligne de ticket datée de cette année ;
- la **rétention** 2023 → 2024 est la part des clients actifs en 2023 encore actifs en 2024 ;
- la **marge annuelle** d'un client est la marge HT de 2024 divisée par le nombre de clients actifs en 2024 ;
- la CLV actualisée suit la convention du cours (:func:`grc.valeur.clv` : marge en fin d'année,
  ``m · r / (1 + i − r)`` à horizon illimité), au taux de 10 %.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from grc import valeur

from ..comparaisons import (
    avec_erreurs_typiques,
    comparer_decision,
    comparer_nombre,
    comparer_serie,
    comparer_table,
    en_dictionnaire,
    index_en_texte,
)
from ..contexte import (
    ANNEE,
    ANNEE_PRECEDENTE,
    DATE_CALIBRAGE,
    segment_des_clients,
    segments_observes,
    table_verdance,
    transactions_annee,
)
from ..glissements import avec_glissements
from ..registre import exercice
from ..retour import Retour, correct, incorrect

DUREE_RELATION = 3  # années, pour le CA potentiel
TAUX_ACTUALISATION = 0.10
HORIZON = 5  # années, pour la CLV actualisée de l'exercice 6
PART_DEPARTS_EVITES = 0.20  # effet supposé d'une action de fidélisation
COLONNES_CANAUX = ["cac", "retention", "marge_annuelle", "clv", "clv_nette"]

#: La cliente de la décision chiffrée : ses achats, le taux de marque, sa rétention sans et avec l'action.
CLIENTE = {"achats_annuels": 800.0, "taux_marque": 0.40, "retention": 0.75, "retention_action": 0.85}
#: La décision du canal de conquête : le budget, et le canal qu'on ne peut pas acheter.
BUDGET_CONQUETE = 3000.0
CANAL_NON_ACHETABLE = "magasin"


# --- Valeurs attendues, calculées sur les données -------------------------------------------------


@cache
def _actifs(annee: int) -> frozenset[str]:
    return frozenset(transactions_annee(annee)["client_id"].astype(str))


@cache
def _chiffres_2024() -> dict[str, float]:
    t = transactions_annee(ANNEE)
    actifs = len(_actifs(ANNEE))
    tickets = t["ticket_id"].nunique()
    return {
        "actifs": actifs,
        "tickets": tickets,
        "ca": float(t["montant_ht"].sum()),
        "marge": float(t["marge_ht"].sum()),
        "frequence": tickets / actifs,
        "panier": float(t["montant_ht"].sum()) / tickets,
        "marge_annuelle": float(t["marge_ht"].sum()) / actifs,
    }


@cache
def retention() -> float:
    """Rétention 2023 → 2024, par :func:`grc.valeur.taux_attrition_par_periode`."""
    table = valeur.taux_attrition_par_periode(table_verdance("transactions"), periode="Y")
    return float(table.loc[pd.Period(str(ANNEE), "Y"), "taux_retention"])


@cache
def retention_nouveaux() -> float:
    """Part des clients inscrits en 2023 et acheteurs en 2023 qui achètent encore en 2024."""
    clients = table_verdance("clients")
    inscrits = set(clients.loc[clients["date_inscription"].dt.year == ANNEE_PRECEDENTE, "client_id"].astype(str))
    debut = inscrits & _actifs(ANNEE_PRECEDENTE)
    return len(debut & _actifs(ANNEE)) / len(debut)


@cache
def table_canaux() -> pd.DataFrame:
    """CAC, rétention, marge annuelle, CLV (illimitée, 10 %) et CLV nette par canal d'acquisition."""
    clients = table_verdance("clients").assign(client_id=lambda c: c["client_id"].astype(str))
    clients["canal_acquisition"] = clients["canal_acquisition"].astype(str)
    marge = transactions_annee(ANNEE).assign(client_id=lambda t: t["client_id"].astype(str)).groupby("client_id")["marge_ht"].sum()
    clients["actif_2023"] = clients["client_id"].isin(_actifs(ANNEE_PRECEDENTE))
    clients["actif_2024"] = clients["client_id"].isin(_actifs(ANNEE))
    clients["marge_2024"] = clients["client_id"].map(marge).fillna(0.0)
    canal = "canal_acquisition"
    table = pd.DataFrame({
        "cac": clients.groupby(canal)["cout_acquisition"].mean(),
        "retention": clients[clients["actif_2023"]].groupby(canal)["actif_2024"].mean(),
        "marge_annuelle": clients[clients["actif_2024"]].groupby(canal)["marge_2024"].mean(),
    })
    table["clv"] = valeur.clv(table["marge_annuelle"], table["retention"], TAUX_ACTUALISATION)
    table["clv_nette"] = table["clv"] - table["cac"]
    return table


@cache
def _decomposition_2022() -> pd.Series:
    """Sommes des trois valeurs (et de la marge) pour les clients inscrits en 2022."""
    clients = table_verdance("clients")
    inscrits = set(clients.loc[clients["date_inscription"].dt.year == 2022, "client_id"].astype(str))
    v = valeur.valeur_client(table_verdance("transactions"))
    v = v[v.index.astype(str).isin(inscrits)]
    return v[["marge_totale", "valeur_acquisition", "valeur_fidelisation", "valeur_croissance"]].sum()


@cache
def calibrage_segments() -> pd.DataFrame:
    """Segments RFM au 1er janvier 2024 et ce que chacun a fait en 2024 (rétention, marge par actif)."""
    return segments_observes(DATE_CALIBRAGE, ANNEE).rename(columns={"clients": "effectif_2023"})


@cache
def effectifs_actuels() -> pd.Series:
    """Effectif de chaque segment RFM au 1er janvier 2025 (les segments du thème 02)."""
    return segment_des_clients().value_counts()


@cache
def gains_fidelisation() -> pd.DataFrame:
    """Gain de CLV par client et gain total de chaque segment si l'on évite 20 % des départs."""
    c = calibrage_segments()
    r_action = 1 - (1 - PART_DEPARTS_EVITES) * (1 - c["retention"])
    par_client = (valeur.clv(c["marge"], r_action, TAUX_ACTUALISATION)
                  - valeur.clv(c["marge"], c["retention"], TAUX_ACTUALISATION))
    effectif = effectifs_actuels().reindex(c.index).fillna(0)
    return pd.DataFrame({"gain_par_client": par_client, "effectif_2025": effectif,
                         "gain_total": par_client * effectif})


# --- Aides aux messages ---------------------------------------------------------------------------


# --- Les exercices --------------------------------------------------------------------------------


@exercice("04_ca_potentiel", indices=(
    "Le CA potentiel multiplie trois facteurs : combien de fois le client achète par an, combien il dépense "
    "à chaque fois, et combien d'années il reste.",
    "Fréquence = tickets différents de 2024 / clients actifs en 2024 ; panier moyen = CA HT de 2024 / "
    "tickets différents ; puis fréquence × panier × 3 ans.",
    "valeur.ca_potentiel(frequence, panier_moyen, 3), avec transactions_2024[\"ticket_id\"].nunique() et "
    "transactions_2024[\"client_id\"].nunique()."))
def _ca_potentiel(reponse):
    c = _chiffres_2024()
    attendu = valeur.ca_potentiel(c["frequence"], c["panier"], DUREE_RELATION)
    retour = comparer_nombre(reponse, attendu, tolerance=1e-3)
    # lignes comptées pour la fréquence seulement (compter des lignes des deux côtés se compenserait)
    lignes = len(transactions_annee(ANNEE))
    retour = avec_glissements(retour, reponse, {
        "lignes_pour_tickets": valeur.ca_potentiel(lignes / c["actifs"], c["panier"], DUREE_RELATION),
    }, tolerance=1e-3)
    return avec_erreurs_typiques(retour, reponse, {
        "C'est le CA d'une seule année : multipliez par la durée de la relation.": attendu / DUREE_RELATION,
        "Votre fréquence compte tous les clients inscrits, y compris ceux qui n'ont rien acheté en 2024 : "
        "divisez par les clients actifs.": attendu * c["actifs"] / len(table_verdance("clients")),
    })


@exercice("04_taux_retention", indices=(
    "La rétention se lit sur les clients qu'on pouvait garder : ceux de 2023. Combien d'entre eux sont "
    "revenus en 2024 ?",
    "Faites la liste des clients actifs en 2023 et celle des clients actifs en 2024 ; comptez les clients "
    "présents dans les deux, puis divisez par le nombre de clients actifs en 2023 (une fraction).",
    "len(actifs_2023 & actifs_2024) / len(actifs_2023), avec set(transactions.loc[annee == 2023, "
    "\"client_id\"]) pour chaque année."))
def _taux_retention(reponse):
    r = retention()
    retour = comparer_nombre(reponse, r, tolerance=1e-4, fraction=True)
    conserves = r * len(_actifs(ANNEE_PRECEDENTE))
    retour = avec_glissements(retour, reponse, {"pourcentage_pour_fraction": 100 * r}, tolerance=1e-4)
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez donné le taux d'attrition (les clients perdus) : la rétention est son complément.": 1 - r,
        "Le dénominateur doit être les clients actifs en 2023 (ceux qu'on pouvait garder), "
        "pas ceux de 2024.": conserves / len(_actifs(ANNEE)),
    })


@exercice("04_duree_de_vie", indices=(
    "Si un client sur trois part chaque année, un client reste en moyenne trois ans : la durée de vie se "
    "lit sur la part des clients qui partent.",
    "Durée de vie moyenne = 1 / (1 − r), avec r la rétention en fraction (0,64 et non 64).",
    "duree_vie = 1 / (1 - r_base)"))
def _duree_de_vie(reponse):
    r = retention()
    retour = comparer_nombre(reponse, valeur.duree_de_vie(r), tolerance=2e-3)
    retour = avec_glissements(retour, reponse, {"pourcentage_pour_fraction": 1 / (1 - 100 * r)}, tolerance=2e-3,
                              precisions={"pourcentage_pour_fraction": "Ici, c'est la rétention qu'il faut prendre "
                                          "en fraction (0,64 et non 64)."})
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez divisé par r : la durée se calcule avec l'attrition, 1 − r.": 1 / r,
    })


@exercice("04_retention_nouveaux", indices=(
    "On ne peut garder qu'un client qui a déjà acheté : partez des recrues de 2023 qui ont acheté en 2023.",
    "Gardez les clients inscrits en 2023 et actifs en 2023 ; parmi eux, comptez ceux qui sont actifs en 2024 "
    "et divisez par leur nombre.",
    "recrues = inscrits_2023 & actifs[2023] ; len(recrues & actifs[2024]) / len(recrues)"))
def _retention_nouveaux(reponse):
    attendu = retention_nouveaux()
    clients = table_verdance("clients")
    inscrits = set(clients.loc[clients["date_inscription"].dt.year == ANNEE_PRECEDENTE, "client_id"].astype(str))
    tous = len(inscrits & _actifs(ANNEE)) / len(inscrits)
    retour = comparer_nombre(reponse, attendu, tolerance=1e-4, fraction=True)
    retour = avec_glissements(retour, reponse, {"pourcentage_pour_fraction": 100 * attendu}, tolerance=1e-4)
    return avec_erreurs_typiques(retour, reponse, {
        "Votre dénominateur compte aussi les inscrits de 2023 qui n'ont rien acheté en 2023 : "
        "on ne peut « retenir » qu'un client qui a acheté.": tous,
        "C'est la rétention de toute la base, pas celle des clients inscrits en 2023.": retention(),
    })


@exercice("04_clv_simple", indices=(
    "La valeur d'un client, c'est la marge qu'il rapporte chaque année, multipliée par le nombre d'années "
    "qu'il reste.",
    "CLV simple = marge annuelle moyenne d'un client × durée de vie, soit m_base / (1 − r_base) ; la marge, "
    "pas le chiffre d'affaires.",
    "clv_simple_moyenne = valeur.clv_simple(m_base, valeur.duree_de_vie(r_base))"))
def _clv_simple(reponse):
    c = _chiffres_2024()
    duree = valeur.duree_de_vie(retention())
    attendu = valeur.clv_simple(c["marge_annuelle"], duree)
    retour = comparer_nombre(reponse, attendu, tolerance=2e-3)
    retour = avec_glissements(retour, reponse, {"somme_pour_moyenne": c["marge"] * duree}, tolerance=2e-3,
                              precisions={"somme_pour_moyenne": "La CLV est celle d'UN client : prenez la marge "
                                          "annuelle moyenne par client actif."})
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez pris le chiffre d'affaires : la valeur client se calcule sur la MARGE.": c["ca"] / c["actifs"] * duree,
        "Votre marge annuelle divise par tous les clients inscrits : prenez les clients actifs en 2024.":
            c["marge"] / len(table_verdance("clients")) * duree,
    })


@exercice("04_clv_actualisee", indices=(
    "Un euro gagné dans cinq ans vaut moins qu'un euro aujourd'hui, et le client n'est peut-être plus là : "
    "chaque année, la marge est pondérée par ces deux effets.",
    "Pour chaque année t de 1 à 5 : marge × rétention puissance t / 1,10 puissance t ; additionnez les cinq "
    "années (la marge arrive en fin d'année, la première en fin d'année 1).",
    "t = np.arange(1, 6) ; (m_base * r_base**t / 1.10**t).sum(), à comparer avec valeur.clv(m_base, r_base, "
    "0.10, horizon=5)."))
def _clv_actualisee(reponse):
    m, r = _chiffres_2024()["marge_annuelle"], retention()
    attendu = valeur.clv(m, r, TAUX_ACTUALISATION, horizon=HORIZON)
    retour = comparer_nombre(reponse, attendu, tolerance=1e-3)
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez compté la marge de l'année 0 (l'autre convention) : le cours compte les marges "
        "de la fin de l'année 1 à la fin de l'année 5.": attendu + m,
        "Vous avez compté les années 0 à 4 : dans la convention du cours, la première marge arrive en fin "
        "d'année 1.": valeur.clv(m, r, TAUX_ACTUALISATION, horizon=HORIZON - 1) + m,
        "C'est la CLV à horizon illimité : limitez la somme à 5 ans.": valeur.clv(m, r, TAUX_ACTUALISATION),
        "Vous n'avez pas actualisé : divisez la marge de l'année t par 1,1 puissance t.": valeur.clv(m, r, 0.0, horizon=HORIZON),
    })


@exercice("04_clv_par_canal", indices=(
    "Chaque canal amène des clients qui n'ont ni le même coût, ni la même fidélité, ni la même marge : "
    "calculez les trois par canal, puis la CLV.",
    "Par canal : le coût moyen sur tous ses clients, la rétention sur ses clients actifs en 2023, la marge "
    "2024 moyenne sur ses clients actifs en 2024 ; puis la CLV (10 %, horizon illimité) et la CLV moins le coût.",
    "base.groupby(\"canal_acquisition\", observed=True)[\"cout_acquisition\"].mean(), de même sur "
    "base[base[\"actif_2023\"]] et base[base[\"actif_2024\"]] ; puis valeur.clv(marge, retention, 0.10)."))
def _clv_par_canal(reponse):
    reponse = index_en_texte(reponse)
    attendu = table_canaux()
    if isinstance(reponse, pd.DataFrame) and set(COLONNES_CANAUX) <= set(reponse.columns):
        if len(reponse) == len(attendu) and set(reponse.index) == set(attendu.index):
            faux = [c for c in COLONNES_CANAUX
                    if not comparer_serie(reponse[c], attendu[c], tolerance=1e-6).est_correct]
            if faux == ["cac"]:
                return incorrect("La colonne 'cac' est fausse : le coût d'acquisition moyen se calcule sur TOUS "
                                 "les clients recrutés par le canal, acheteurs ou non.")
            if faux and faux[0] == "retention":
                return incorrect("La colonne 'retention' est fausse : parmi les clients actifs en 2023 de chaque "
                                 "canal, quelle part est active en 2024 ?")
    return comparer_table(reponse, attendu, colonnes=COLONNES_CANAUX, tolerance=1e-6)


@exercice("04_part_fidelisation", indices=(
    "La valeur de fidélisation est la marge que rapportent les clients parce qu'ils restent : quelle part de "
    "leur marge totale représente-t-elle ?",
    "Gardez les clients inscrits en 2022 dans le tableau des valeurs, additionnez leurs valeurs de "
    "fidélisation, puis divisez par la somme de leurs marges totales.",
    "recrues_2022 = valeurs[valeurs.index.isin(inscrits_2022)] ; recrues_2022[\"valeur_fidelisation\"].sum() "
    "/ recrues_2022[\"marge_totale\"].sum()"))
def _part_fidelisation(reponse):
    d = _decomposition_2022()
    attendu = d["valeur_fidelisation"] / d["marge_totale"]
    retour = comparer_nombre(reponse, attendu, tolerance=1e-4, fraction=True)
    retour = avec_glissements(retour, reponse, {"pourcentage_pour_fraction": 100 * attendu}, tolerance=1e-4)
    return avec_erreurs_typiques(retour, reponse, {
        "C'est la part de la valeur d'acquisition : la question porte sur la fidélisation.":
            d["valeur_acquisition"] / d["marge_totale"],
        "C'est la part de la valeur de croissance : la question porte sur la fidélisation.":
            d["valeur_croissance"] / d["marge_totale"],
    })


@exercice("04_gain_fidelisation", indices=(
    "L'action fait rester plus de clients : ce qu'elle crée, c'est l'écart entre la valeur des clients avec "
    "elle et sans elle, pour tout le segment.",
    "Rétention avec l'action = 1 − 0,8 × (1 − r) ; gain par client = CLV avec cette rétention − CLV "
    "actuelle ; gain total = gain par client × effectif du segment au 1er janvier 2025.",
    "r_action = 1 - 0.8 * (1 - calibrage[\"retention\"]) ; (valeur.clv(calibrage[\"marge\"], r_action, 0.10) - "
    "calibrage[\"clv\"]) * calibrage[\"effectif_2025\"]"))
def _gain_fidelisation(reponse):
    reponse = index_en_texte(reponse)
    gains = gains_fidelisation()
    retour = comparer_serie(reponse, gains["gain_total"], tolerance=1e-6)
    retour = avec_glissements(retour, reponse, {"moyenne_pour_somme": gains["gain_par_client"]}, tolerance=1e-6,
                              precisions={"moyenne_pour_somme": "C'est le gain par client : multipliez-le par "
                                          "l'effectif actuel de chaque segment."})
    if not retour.est_correct and isinstance(reponse, pd.Series) and set(reponse.index) == set(gains.index):
        reponse = reponse.reindex(gains.index)
        par_ancien_effectif = gains["gain_par_client"] * calibrage_segments()["effectif_2023"]
        if comparer_serie(reponse, par_ancien_effectif, tolerance=1e-6).est_correct:
            return incorrect("Vous avez multiplié par l'effectif de 2023 : le budget porte sur les clients "
                             "d'aujourd'hui, segmentés au 1er janvier 2025.")
    return retour


def _euros(x: float) -> str:
    from grc.graphiques import euros

    return euros(x)


def _pourcent(x: float) -> str:
    from grc.graphiques import pourcent

    return pourcent(x)


@exercice("04_segment_fidelisation", indices=(
    "Le budget va là où éviter des départs rapporte le plus, pour tout le segment ; et on ne dépense pas plus "
    "par client que ce qu'un client gardé rapporte en plus.",
    "Choisissez le segment au plus fort gain total dans la table des gains ; le budget maximal par client est "
    "son gain de CLV par client (et non le gain total du segment).",
    "{\"segment\": gains[\"gain_total\"].idxmax(), \"budget_par_client\": "
    "gains.loc[\"Très bons clients\", \"gain_par_client\"]} (le nom du segment à vérifier dans la table)."))
def _segment_fidelisation(reponse):
    reponse = en_dictionnaire(reponse, ["segment", "budget_par_client"],
                              "{'segment': 'nom du segment', 'budget_par_client': nombre}")
    if isinstance(reponse, Retour):
        return reponse
    gains = gains_fidelisation().join(calibrage_segments()[["retention", "marge"]])
    meilleur = str(gains["gain_total"].idxmax())
    g = gains.loc[meilleur]
    pourquoi = (f"Le plus fort gain total ({_euros(g['gain_total'])}) : une marge annuelle élevée "
                f"({_euros(g['marge'])}) et une rétention déjà haute ({_pourcent(g['retention'])}), là où chaque "
                "départ évité rapporte des années de marge.")

    def _raison(segment: str) -> str:
        x = gains.loc[segment]
        chiffres = (f"gain total {_euros(x['gain_total'])}, soit {_euros(x['gain_par_client'])} par client "
                    f"(rétention {_pourcent(x['retention'])})")
        propres = {
            "Bons clients": "le deuxième segment, loin derrière : un budget plus modeste, pour les faire monter",
            "Clients à risque": "ils relèvent d'une action de reconquête (thème 07), pas d'un budget de fidélisation",
            "Inactifs": "leur CLV est si faible qu'éviter leurs départs ne rapporte presque rien ; une reconquête "
                        "peu coûteuse leur convient mieux",
            "Nouveaux clients": "l'enjeu est d'abord le deuxième achat (accueil, activation)",
        }
        debut = propres.get(segment, "un départ évité y rapporte peu")
        return f"{debut} ; {chiffres}."

    retours = {str(seg): _raison(str(seg)) for seg in gains.index if str(seg) != meilleur}
    choix = comparer_decision(reponse["segment"], meilleur, pourquoi, retours, possibles=sorted(map(str, gains.index)))
    if not choix.est_correct:
        return choix
    par_client = float(g["gain_par_client"])
    budget = comparer_nombre(reponse["budget_par_client"], par_client, tolerance=1e-3)
    budget = avec_glissements(budget, reponse["budget_par_client"], {"somme_pour_moyenne": float(g["gain_total"])},
                              tolerance=1e-3, precisions={"somme_pour_moyenne": "Le budget se compte par client : "
                                                          "prenez le gain de CLV d'un client, pas celui du segment."})
    if not budget.est_correct:
        return budget if budget.statut == "vide" else incorrect(f"Le segment est le bon. Budget par client : {budget.message}")
    return correct(f"{choix.message} Budget maximal : {_euros(par_client)} par client ; visez nettement moins, "
                   "la CLV est une prévision.")


# --- Les décisions chiffrées du parcours BTS -------------------------------------------------------


def budget_cliente() -> dict[str, float]:
    """Le budget maximal d'une action de rétention pour la cliente de l'énoncé, et les réponses des glissements."""
    c = CLIENTE
    i = TAUX_ACTUALISATION

    def gain(marge: float, r: float = c["retention"], r2: float = c["retention_action"], taux: float = i) -> float:
        return float(valeur.clv(marge, r2, taux) - valeur.clv(marge, r, taux))

    marge = c["achats_annuels"] * c["taux_marque"]
    return {
        "attendu": gain(marge),
        # 40 % lu comme un taux de marge (sur le coût d'achat) : marge = prix × t / (1 + t)
        "marge_pour_marque": gain(c["achats_annuels"] * c["taux_marque"] / (1 + c["taux_marque"])),
        "pourcentage_pour_fraction": gain(c["achats_annuels"] * 100 * c["taux_marque"]),
        "clv_avec_action": float(valeur.clv(marge, c["retention_action"], i)),
        "sur_le_ca": gain(c["achats_annuels"]),
        "sans_actualisation": marge / (1 - c["retention_action"]) - marge / (1 - c["retention"]),
    }


@exercice("04_budget_cliente", indices=(
    "Une action de fidélisation vaut au plus ce qu'elle fait gagner : la valeur de la cliente si elle reste "
    "plus longtemps, moins sa valeur actuelle. Et la valeur se compte en marge.",
    "Marge annuelle = achats × taux de marque ; budget maximal = CLV avec la rétention de 85 % − CLV avec la "
    "rétention de 75 %, à 10 % d'actualisation, horizon illimité.",
    "valeur.clv(800 * 0.40, 0.85, 0.10) - valeur.clv(800 * 0.40, 0.75, 0.10)"))
def _budget_cliente(reponse):
    b = budget_cliente()
    retour = comparer_nombre(reponse, b["attendu"], tolerance=1e-3)
    retour = avec_glissements(retour, reponse, {
        "marge_pour_marque": b["marge_pour_marque"],
        "pourcentage_pour_fraction": b["pourcentage_pour_fraction"],
    }, tolerance=1e-3, precisions={
        "marge_pour_marque": "Un taux appliqué à un montant de vente est un taux de marque : la marge est "
                             "directement achats × taux.",
        "pourcentage_pour_fraction": "Les taux s'écrivent en fraction (0,40 pour 40 %).",
    })
    return avec_erreurs_typiques(retour, reponse, {
        "C'est la CLV de la cliente AVEC l'action : le budget maximal est ce que l'action fait GAGNER "
        "(CLV avec l'action − CLV sans elle).": b["clv_avec_action"],
        "Vous avez calculé sur le chiffre d'affaires : la valeur client se compte en MARGE (achats × taux de "
        "marque).": b["sur_le_ca"],
        "Vous n'avez pas actualisé : la CLV du cours divise la marge de chaque année par 1,10 puissance t "
        "(valeur.clv avec 0.10).": b["sans_actualisation"],
    })


@exercice("04_canal_conquete", indices=(
    "Avec un budget fixé, ce qui compte est la valeur totale créée : combien de clients le budget achète, et "
    "ce que chacun rapporte une fois son coût payé.",
    "Pour chaque canal qu'on peut acheter : clients recrutés = 3 000 € / coût d'acquisition ; valeur créée = "
    "clients recrutés × CLV nette. Le magasin est exclu : on n'achète pas de passages en caisse.",
    "(3000 / canaux[\"cac\"] * canaux[\"clv_nette\"]).drop(\"magasin\").idxmax(), puis le nom du canal "
    "en texte."))
def _canal_conquete(reponse):
    t = table_canaux()
    cree = BUDGET_CONQUETE / t["cac"] * t["clv_nette"]
    achetables = cree.drop(CANAL_NON_ACHETABLE)
    meilleur = str(achetables.idxmax())

    def _phrase(canal: str) -> str:
        x = t.loc[canal]
        return (f"à {_euros(x['cac'])} le client, 3 000 € en recrutent environ {BUDGET_CONQUETE / x['cac']:.0f}, "
                f"pour {_euros(x['clv_nette'])} de CLV nette chacun : environ {_euros(cree[canal])} de valeur créée")

    phrase = _phrase(meilleur)
    pourquoi = (f"{phrase[0].upper()}{phrase[1:]}, le plus des canaux qu'on peut acheter. Ses clients restent "
                f"presque autant que ceux du salon (rétention {_pourcent(t.loc[meilleur, 'retention'])}) et le coût "
                "se récupère dès la première année.")
    retours = {canal: f"{_phrase(canal)}, contre {_euros(cree[meilleur])} pour le {meilleur}." for canal in achetables.index
               if canal != meilleur}
    retours["salon"] = (f"ses clients sont les plus fidèles (rétention {_pourcent(t.loc['salon', 'retention'])}), mais "
                        f"{_phrase('salon')}, contre {_euros(cree[meilleur])} pour le {meilleur}.")
    retours[CANAL_NON_ACHETABLE] = ("le meilleur ratio CLV / coût, mais le recrutement en caisse dépend de la "
                                    "fréquentation du magasin : on ne peut pas l'augmenter en y mettant 3 000 €.")
    return comparer_decision(reponse, meilleur, pourquoi, retours, possibles=sorted(t.index))
