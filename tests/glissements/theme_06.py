"""Glissements du thème 06 (scores et data mining) : chaque réponse glissée est recalculée ici comme l'élève la ferait.

Une ligne = (exercice, sorte de glissement, la réponse glissée, la bonne réponse).
"""

from grc import scoring
from grc.donnees import charger


def _taux_noel():
    contacts = charger("contacts_campagnes")
    return contacts.loc[contacts["campagne_id"] == "K12", "reponse"].mean()


def _part_un_deux():
    paniers = scoring.paniers_rayons(charger("transactions"))
    return (paniers.sum(axis=1) <= 2).mean()


GLISSEMENTS = [
    ("06_taux_reponse_noel", "pourcentage_pour_fraction", lambda: 100 * _taux_noel(), _taux_noel),
    ("06_part_un_deux_rayons", "pourcentage_pour_fraction", lambda: 100 * _part_un_deux(), _part_un_deux),
]
