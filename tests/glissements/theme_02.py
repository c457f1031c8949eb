"""Glissements du thème 02 (RFM) : une ligne par erreur habituelle, avec la bonne réponse.

Le client étudié (C03090) a des tickets de plusieurs lignes et deux tickets le même jour : compter ses
lignes, ses dates ou ses tickets donne trois nombres différents.
"""

import numpy as np
import pandas as pd

from grc.donnees import charger
from grc.exercices._themes.theme_02 import CLIENT_ETUDIE, DATE_REFERENCE, SEUILS_RECENCE
from grc.rfm import scores_rfm, segments_rfm, tableau_rfm

REFERENCE = pd.Timestamp(DATE_REFERENCE)


def _lignes():
    t = charger("transactions")
    return t[t["client_id"] == CLIENT_ETUDIE]


def _recence(decalage=0):
    return (REFERENCE - _lignes()["date"].max()).days + decalage


def _frequence_montant(frequence=None, montant=None):
    lignes = _lignes()
    juste = {"frequence": lignes["ticket_id"].nunique(), "montant": float(lignes["montant_ht"].sum())}
    return {"frequence": juste["frequence"] if frequence is None else frequence(lignes),
            "montant": juste["montant"] if montant is None else montant(lignes)}


def _rfm_eleve(frequence="nunique"):
    t = charger("transactions")
    par_client = t.groupby("client_id").agg(derniere=("date", "max"), montant=("montant_ht", "sum"))
    par_client["frequence"] = (t.groupby("client_id")["ticket_id"].nunique() if frequence == "nunique"
                               else t.groupby("client_id").size() if frequence == "lignes"
                               else t.groupby("client_id")["date"].nunique())
    par_client["recence"] = (REFERENCE - par_client["derniere"]).dt.days
    return par_client[["recence", "frequence", "montant"]]


def _part_un_achat(facteur=1.0):
    return facteur * float((_rfm_eleve()["frequence"] == 1).mean())


def _notes_recence(inclus=False):
    recence = _rfm_eleve()["recence"]
    conditions = [(recence <= s) if inclus else (recence < s) for s in SEUILS_RECENCE]
    return pd.Series(np.select(conditions, [5, 4, 3, 2], default=1), index=recence.index)


def _part_ca_rf(facteur=1.0):
    t = charger("transactions")
    scores = scores_rfm(tableau_rfm(t, date_reference=DATE_REFERENCE, ticket="ticket_id"), q=5)
    return facteur * pd.crosstab(scores["R"], scores["F"], values=scores["montant"], aggfunc="sum", normalize="all")


def _bilan_segments(facteur=1.0):
    t = charger("transactions")
    segments = segments_rfm(scores_rfm(tableau_rfm(t, date_reference=DATE_REFERENCE, ticket="ticket_id"), q=5))
    bilan = segments.groupby("segment", observed=True).agg(nb_clients=("montant", "size"), ca=("montant", "sum"))
    bilan["part_ca"] = facteur * bilan["ca"] / bilan["ca"].sum()
    return bilan


GLISSEMENTS = [
    ("02_recence_client", "jour_decale", lambda: _recence(-1), _recence),
    ("02_recence_client", "jour_decale", lambda: _recence(+1), _recence),
    ("02_frequence_montant_client", "lignes_pour_tickets", lambda: _frequence_montant(frequence=len),
     _frequence_montant),
    ("02_frequence_montant_client", "dates_pour_tickets",
     lambda: _frequence_montant(frequence=lambda lignes: lignes["date"].nunique()), _frequence_montant),
    ("02_frequence_montant_client", "moyenne_pour_somme",
     lambda: _frequence_montant(montant=lambda lignes: lignes["montant_ht"].sum() / lignes["ticket_id"].nunique()),
     _frequence_montant),
    ("02_tableau_rfm", "lignes_pour_tickets", lambda: _rfm_eleve("lignes"), _rfm_eleve),
    ("02_tableau_rfm", "dates_pour_tickets", lambda: _rfm_eleve("dates"), _rfm_eleve),
    ("02_part_un_achat", "pourcentage_pour_fraction", lambda: _part_un_achat(100), _part_un_achat),
    ("02_score_recence_seuils", "jour_decale", lambda: _notes_recence(inclus=True), _notes_recence),
    ("02_part_ca_rf", "pourcentage_pour_fraction", lambda: _part_ca_rf(100), _part_ca_rf),
    ("02_bilan_segments", "pourcentage_pour_fraction", lambda: _bilan_segments(100), _bilan_segments),
]
