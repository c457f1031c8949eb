"""Glissements du thème 01 (la base de données) : une ligne par erreur habituelle, avec la bonne réponse."""

from grc import base_marketing as bm
from grc.donnees import charger
from grc.exercices._themes.theme_01 import contactables_limite_exclue


def _contactables():
    return bm.clients_contactables(charger("clients"), charger("transactions"))


GLISSEMENTS = [
    # Un client a son dernier contact le 1er janvier 2022 pile : « après » au lieu de « le ou après » l'écarte.
    ("01_contactables_email", "jour_decale", contactables_limite_exclue, _contactables),
]
