"""Glissements du thème 03 (Pareto, ABC, PMG, ABCD) : une ligne par erreur habituelle, avec la bonne réponse."""


from grc.abc import classer_abc, tableau_pareto
from grc.donnees import charger
from grc.exercices._themes.theme_03 import effectifs_abcd_web


def _ca():
    return charger("transactions").groupby("client_id")["montant_ht"].sum()


def _ca_moyen():
    return charger("transactions").groupby("client_id")["montant_ht"].mean()


def _part_top20(facteur=1.0):
    pareto = tableau_pareto(_ca())
    return facteur * float(pareto.loc[pareto["rang_cumule"] <= 0.20, "part"].sum())


def _part_clients_80(facteur=1.0):
    return facteur * float((classer_abc(_ca()) == "A").mean())


def _part_ca_effectif(facteur=1.0):
    ca = _ca()
    classes = classer_abc(ca, methode="effectif")
    return facteur * ca.groupby(classes, observed=False).sum() / ca.sum()


GLISSEMENTS = [
    ("03_ca_par_client", "moyenne_pour_somme", _ca_moyen, _ca),
    ("03_part_top20", "pourcentage_pour_fraction", lambda: _part_top20(100), _part_top20),
    ("03_part_clients_80", "pourcentage_pour_fraction", lambda: _part_clients_80(100), _part_clients_80),
    ("03_part_ca_effectif", "pourcentage_pour_fraction", lambda: _part_ca_effectif(100), _part_ca_effectif),
    ("03_abcd_web", "lignes_pour_tickets", lambda: effectifs_abcd_web(ticket=None), effectifs_abcd_web),
]
