"""Exercices du thème 02 (RFM) : chaque juge accepte la bonne réponse calculée comme un élève la
calculerait (pandas pur), attend une réponse quand on lui donne « ... » et refuse les fautes
courantes sans dévoiler la valeur attendue."""

import numpy as np
import pandas as pd
import pytest

from grc.donnees import charger
from grc.exercices import controler
from grc.exercices._themes.theme_02 import (
    CLIENT_ETUDIE,
    CODES_A_CLASSER,
    DATE_REFERENCE,
    DECISIONS_SEGMENTS,
    RAYON_CROISE,
    SEUILS_RECENCE,
    cible_relance,
    cible_ventes_croisees,
)
from grc.exercices.glissements import nomme
from grc.rfm import REGLES_SEGMENTS, scores_rfm, segments_rfm, tableau_frat, tableau_rfm

REFERENCE = pd.Timestamp(DATE_REFERENCE)


pytestmark = pytest.mark.usefixtures("sans_avertissement")


@pytest.fixture(scope="module")
def clients() -> pd.DataFrame:
    return charger("clients").set_index("client_id")


@pytest.fixture(scope="module")
def lignes(transactions) -> pd.DataFrame:
    return transactions[transactions["client_id"] == CLIENT_ETUDIE]


@pytest.fixture(scope="module")
def rfm_eleve(transactions) -> pd.DataFrame:
    """Le tableau RFM tel qu'un élève le construit avec groupby."""
    par_client = transactions.groupby("client_id").agg(
        derniere=("date", "max"), frequence=("ticket_id", "nunique"), montant=("montant_ht", "sum")
    )
    par_client["recence"] = (REFERENCE - par_client["derniere"]).dt.days
    return par_client[["recence", "frequence", "montant"]]


@pytest.fixture(scope="module")
def segments(transactions) -> pd.DataFrame:
    rfm = tableau_rfm(transactions, date_reference=DATE_REFERENCE, ticket="ticket_id")
    return segments_rfm(scores_rfm(rfm, q=5))


# 1-2 ----------------------------------------------------------------------------------------


def test_recence_client(lignes, accepte, refuse) -> None:
    recence = (REFERENCE - lignes["date"].max()).days
    accepte("02_recence_client", recence)
    assert "une durée" in refuse("02_recence_client", REFERENCE - lignes["date"].max())
    assert nomme(refuse("02_recence_client", recence - 1, str(recence)), "jour_decale")  # référence au 31 décembre
    assert nomme(refuse("02_recence_client", recence + 1, str(recence)), "jour_decale")
    assert "PREMIER" in refuse("02_recence_client", (REFERENCE - lignes["date"].min()).days, str(recence))


def test_recence_client_concorde_avec_tableau_rfm(transactions, lignes) -> None:
    rfm = tableau_rfm(transactions, date_reference=DATE_REFERENCE, ticket="ticket_id")
    assert rfm.loc[CLIENT_ETUDIE, "recence"] == (REFERENCE - lignes["date"].max()).days


def test_frequence_montant_client(lignes, accepte, refuse) -> None:
    frequence, montant = lignes["ticket_id"].nunique(), float(lignes["montant_ht"].sum())
    assert len(lignes) > frequence, "le client étudié doit avoir des tickets de plusieurs lignes"
    dates = lignes["date"].nunique()
    assert dates < frequence, "le client étudié doit avoir acheté deux fois le même jour"
    accepte("02_frequence_montant_client", {"frequence": frequence, "montant": montant})
    assert controler("02_frequence_montant_client", {"frequence": ..., "montant": ...}).statut == "vide"
    message = refuse("02_frequence_montant_client", {"frequence": len(lignes), "montant": montant}, str(frequence))
    assert nomme(message, "lignes_pour_tickets")
    message = refuse("02_frequence_montant_client", {"frequence": dates, "montant": montant}, str(frequence))
    assert nomme(message, "dates_pour_tickets")
    message = refuse("02_frequence_montant_client", {"frequence": frequence, "montant": montant / frequence},
                     f"{montant:.2f}")  # panier moyen au lieu du montant
    assert nomme(message, "moyenne_pour_somme")
    message = refuse("02_frequence_montant_client", {"frequence": frequence, "montant": lignes["montant_ht"].mean()})
    assert nomme(message, "moyenne_pour_somme")
    assert "manquante" in refuse("02_frequence_montant_client", {"frequence": frequence})
    refuse("02_frequence_montant_client", [frequence, montant])


# 3-4 ----------------------------------------------------------------------------------------


def test_tableau_rfm(rfm_eleve, transactions, accepte, refuse) -> None:
    accepte("02_tableau_rfm", rfm_eleve)
    par_lignes = rfm_eleve.assign(frequence=transactions.groupby("client_id").size())
    assert nomme(refuse("02_tableau_rfm", par_lignes), "lignes_pour_tickets")
    par_dates = rfm_eleve.assign(frequence=transactions.groupby("client_id")["date"].nunique())
    assert nomme(refuse("02_tableau_rfm", par_dates), "dates_pour_tickets")
    message = refuse("02_tableau_rfm", rfm_eleve.assign(recence=rfm_eleve["recence"] - 1))
    assert "recence" in message
    tous = rfm_eleve.reindex(charger("clients")["client_id"])
    assert "ligne" in refuse("02_tableau_rfm", tous)


def test_part_un_achat(rfm_eleve, clients, accepte, refuse) -> None:
    part = float((rfm_eleve["frequence"] == 1).mean())
    accepte("02_part_un_achat", part)
    accepte("02_part_un_achat", round(part, 4))
    assert "pourcentage" in refuse("02_part_un_achat", 100 * part)
    refuse("02_part_un_achat", int((rfm_eleve["frequence"] == 1).sum()) / len(clients), part)
    assert "NOMBRE" in refuse("02_part_un_achat", int((rfm_eleve["frequence"] == 1).sum()))


# 5-6 ----------------------------------------------------------------------------------------


def _score_recence_eleve(recence: pd.Series) -> pd.Series:
    conditions = [recence < 30, recence < 90, recence < 180, recence < 365]
    return pd.Series(np.select(conditions, [5, 4, 3, 2], default=1), index=recence.index)


def test_score_recence_seuils(rfm_eleve, accepte, refuse) -> None:
    assert SEUILS_RECENCE == [30, 90, 180, 365]
    accepte("02_score_recence_seuils", _score_recence_eleve(rfm_eleve["recence"]))
    coupe = pd.cut(rfm_eleve["recence"], bins=[0, *SEUILS_RECENCE, np.inf], right=False, labels=[5, 4, 3, 2, 1])
    accepte("02_score_recence_seuils", coupe)
    inverse = 6 - _score_recence_eleve(rfm_eleve["recence"])
    assert "inversé" in refuse("02_score_recence_seuils", inverse)
    fermee_a_droite = pd.cut(rfm_eleve["recence"], bins=[0, *SEUILS_RECENCE, np.inf], labels=[5, 4, 3, 2, 1])
    assert (fermee_a_droite.astype(int) != coupe.astype(int)).any(), "des récences tombent pile sur un seuil"
    assert nomme(refuse("02_score_recence_seuils", fermee_a_droite), "jour_decale")
    refuse("02_score_recence_seuils", scores_rfm(rfm_eleve, q=5)["R"])  # quintiles au lieu des seuils


def test_part_ca_rf(segments, accepte, refuse) -> None:
    part = pd.crosstab(segments["R"], segments["F"], values=segments["montant"], aggfunc="sum", normalize="all")
    accepte("02_part_ca_rf", part)
    assert nomme(refuse("02_part_ca_rf", 100 * part), "pourcentage_pour_fraction")
    effectifs = pd.crosstab(segments["R"], segments["F"])
    refuse("02_part_ca_rf", effectifs / effectifs.to_numpy().sum())  # part des clients, pas du CA
    refuse("02_part_ca_rf", part.T)  # F en lignes, R en colonnes
    refuse("02_part_ca_rf", 0.04)


# 7-8 ----------------------------------------------------------------------------------------


def _segment_a_la_main(code: str) -> str:
    r, f, m = (int(c) for c in code)
    for regle in REGLES_SEGMENTS.itertuples():
        if regle.r_min <= r <= regle.r_max and regle.f_min <= f <= regle.f_max and regle.m_min <= m <= regle.m_max:
            return regle.segment
    raise AssertionError(code)


def test_segment_des_codes(accepte, refuse) -> None:
    bonnes = {code: _segment_a_la_main(code) for code in CODES_A_CLASSER}
    assert len(set(bonnes.values())) == len(REGLES_SEGMENTS["segment"].unique()), "un code par segment"
    accepte("02_segment_des_codes", bonnes)
    accepte("02_segment_des_codes", {code: nom.upper() for code, nom in bonnes.items()})
    fausses = {**bonnes, "355": "Clients à risque"}  # oublie que la première règle vérifiée l'emporte
    assert "355" in refuse("02_segment_des_codes", fausses)
    refuse("02_segment_des_codes", {code: nom for code, nom in bonnes.items() if code != "112"})


def _bilan_eleve(segments: pd.DataFrame) -> pd.DataFrame:
    bilan = segments.groupby("segment", observed=True).agg(nb_clients=("montant", "size"), ca=("montant", "sum"))
    bilan["part_ca"] = bilan["ca"] / bilan["ca"].sum()
    return bilan


def test_bilan_segments(segments, accepte, refuse) -> None:
    bilan = _bilan_eleve(segments)
    accepte("02_bilan_segments", bilan)
    accepte("02_bilan_segments", bilan.sort_values("ca", ascending=False))
    assert nomme(refuse("02_bilan_segments", bilan.assign(part_ca=100 * bilan["part_ca"])), "pourcentage_pour_fraction")
    refuse("02_bilan_segments", bilan.assign(part_ca=bilan["nb_clients"] / bilan["nb_clients"].sum()))
    assert "manquante" in refuse("02_bilan_segments", bilan[["nb_clients", "ca"]])
    refuse("02_bilan_segments", bilan.reset_index())


# 9-10 ---------------------------------------------------------------------------------------


def test_cible_ventes_croisees(transactions, clients, segments, accepte, refuse) -> None:
    tres_bons = segments.index[segments["segment"] == "Très bons clients"]
    acheteurs = set(transactions.loc[transactions["rayon"] == RAYON_CROISE, "client_id"])
    avec_animal = set(clients.index[clients["animal"] != "aucun"])
    bonne = [c for c in tres_bons if c in avec_animal and c not in acheteurs]
    assert 0 < len(bonne) < len(tres_bons)
    assert set(bonne) == set(cible_ventes_croisees())
    accepte("02_cible_ventes_croisees", bonne)
    refuse("02_cible_ventes_croisees", [c for c in tres_bons if c not in acheteurs], str(len(bonne)))
    refuse("02_cible_ventes_croisees", [c for c in tres_bons if c in avec_animal], str(len(bonne)))
    frat = tableau_frat(transactions, date_reference=DATE_REFERENCE, ticket="ticket_id")
    principal = frat.loc[tres_bons, "type_principal"] != RAYON_CROISE  # rayon principal au lieu de « jamais »
    refuse("02_cible_ventes_croisees", [c for c in tres_bons[principal.to_numpy()] if c in avec_animal])


def test_cible_relance(segments, clients, accepte, refuse) -> None:
    a_risque = segments[segments["segment"] == "Clients à risque"]
    email = clients.loc[a_risque.index, "consentement_email"]
    gros = a_risque["montant"] > a_risque["montant"].median()
    bonne = list(a_risque.index[(email & gros).to_numpy()])
    assert 0 < len(bonne) < len(a_risque)
    assert set(bonne) == set(cible_relance())
    accepte("02_cible_relance", bonne)
    accepte("02_cible_relance", pd.Index(bonne))
    refuse("02_cible_relance", list(a_risque.index[gros.to_numpy()]), str(len(bonne)))  # oublie le RGPD
    moyenne = a_risque["montant"] > a_risque["montant"].mean()
    refuse("02_cible_relance", list(a_risque.index[(email & moyenne).to_numpy()]))
    refuse("02_cible_relance", bonne + bonne[:3])  # doublons
    assert "table" in refuse("02_cible_relance", a_risque)


# Décisions -----------------------------------------------------------------------------------


def test_action_par_segment(accepte, refuse, vide) -> None:
    bonnes = {segment: bonne for segment, (bonne, _, _) in DECISIONS_SEGMENTS.items()}
    message = accepte("02_action_par_segment", bonnes)
    assert "Très bons clients" in message
    accepte("02_action_par_segment", {s: a.upper() for s, a in bonnes.items()})
    vide("02_action_par_segment")
    assert controler("02_action_par_segment", {s: ... for s in bonnes}).statut == "vide"
    for segment, (_, _, retours) in DECISIONS_SEGMENTS.items():
        for mauvaise, raison in retours.items():
            message = refuse("02_action_par_segment", {**bonnes, segment: mauvaise})
            assert segment in message and raison in message
    assert "remise_generale" in refuse("02_action_par_segment", {**bonnes, "Inactifs": "relance"})
    assert "manque" in refuse("02_action_par_segment", {**bonnes, "Inactifs": ...})
    assert "manquante" in refuse("02_action_par_segment", {"Très bons clients": "securiser"})


def test_choix_cible_relance(accepte, refuse, vide) -> None:
    assert "légal" in accepte("02_choix_cible_relance", "consentants_gros")
    vide("02_choix_cible_relance")
    assert "interdit" in refuse("02_choix_cible_relance", "tous")
    assert "budget" in refuse("02_choix_cible_relance", "consentants")
    assert "consentement" in refuse("02_choix_cible_relance", "gros")
    assert "inactifs" in refuse("02_choix_cible_relance", "inactifs")
    assert "choix possibles" in refuse("02_choix_cible_relance", "les meilleurs")
