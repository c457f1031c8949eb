"""Glissements du thème 09 : une ligne = (exercice, sorte, réponse glissée, bonne réponse)."""

import pandas as pd

from grc.donnees import charger

ETAGES = ["prospects_contactes", "rdv_obtenus", "visites_realisees", "devis_emis", "commandes"]


def _taux_vendeurs(echelle=1.0):
    t = charger("prospection").groupby("vendeur", observed=True)[ETAGES].sum()
    return echelle * pd.DataFrame({
        "taux_rdv": t["rdv_obtenus"] / t["prospects_contactes"],
        "taux_visite": t["visites_realisees"] / t["rdv_obtenus"],
        "taux_devis": t["devis_emis"] / t["visites_realisees"],
        "taux_transformation": t["commandes"] / t["devis_emis"],
    })


def _marge_secteurs(par_devis=True):
    d = charger("devis")
    marge = d["marge_commande_ht"].fillna(0).groupby(d["secteur"], observed=True).sum()
    return marge / d.groupby("secteur", observed=True).size() if par_devis else marge


GLISSEMENTS = [
    ("09_taux_entonnoir", "pourcentage_pour_fraction", lambda: _taux_vendeurs(100), _taux_vendeurs),
    ("09_marge_par_devis_secteur", "somme_pour_moyenne", lambda: _marge_secteurs(par_devis=False), _marge_secteurs),
]
