"""Scores et data mining : appétence, attrition, associations d'achats, typologies, cycle de vie.

Cinq familles d'outils, une par module, chacune utilisable seule sur n'importe quel journal de ventes
(tous les noms publics s'importent aussi depuis ``grc.scoring``) :

- **préparer un score** (``grc.scoring.variables``) : :func:`variables_avant` (le RFM et le déclaratif d'un client tels qu'on
  les connaissait *avant* une date, sans fuite d'information), :func:`cible_attrition` (qui est
  parti dans l'année qui suit) ;
- **évaluer un score** (``grc.scoring.gain``) : :func:`courbe_gain`, :func:`lift_par_decile`, :func:`comparer_scores`
  (AUC, répondants captés, lift, face au ciblage au hasard) ;
- **associations d'achats** (``grc.scoring.associations``) : :func:`paniers_rayons`, :func:`repartition_rayons`,
  :func:`regles_association` (support, confiance, lift), :func:`cible_vente_croisee` ;
- **typologies** (``grc.scoring.typologies_acheteurs``) : :func:`mix_rayons`, :func:`typologies` (k-means), :func:`profil_typologies`,
  :func:`choix_nombre_typologies` ;
- **cycle de vie** (``grc.scoring.cycle_de_vie``) : :data:`ETAPES_CYCLE_DE_VIE` et :func:`etapes_cycle_de_vie`.

Tout est vectorisé ; les modèles de scikit-learn reçoivent une graine (``random_state``) : mêmes
données, mêmes résultats à chaque exécution. Voir la leçon ``course/06-scores-data-mining.md``.
"""

from grc.scoring.associations import cible_vente_croisee, paniers_rayons, regles_association, repartition_rayons
from grc.scoring.cycle_de_vie import ETAPES_CYCLE_DE_VIE, etapes_cycle_de_vie
from grc.scoring.gain import comparer_scores, courbe_gain, lift_par_decile
from grc.scoring.typologies_acheteurs import choix_nombre_typologies, mix_rayons, profil_typologies, typologies
from grc.scoring.variables import cible_attrition, variables_avant

__all__ = [
    "ETAPES_CYCLE_DE_VIE",
    "choix_nombre_typologies",
    "cible_attrition",
    "cible_vente_croisee",
    "comparer_scores",
    "courbe_gain",
    "etapes_cycle_de_vie",
    "lift_par_decile",
    "mix_rayons",
    "paniers_rayons",
    "profil_typologies",
    "regles_association",
    "repartition_rayons",
    "typologies",
    "variables_avant",
]
