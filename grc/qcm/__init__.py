"""Le QCM du cours : banque de questions, quiz dans les cahiers, feuilles, exports, correction.

- :func:`quiz` : le quiz interactif de fin de cahier (``quiz("rfm")``, ``quiz("tous")``) ;
- :func:`charger_banque` / :func:`valider_banque` : lire et contrôler ``course/qcm/*.yml`` ;
- la commande ``grc qcm ...`` (feuille, exporter, corriger, lister, valider) pour l'enseignant.
"""

from .banque import Banque, ErreurBanque, charger_banque, resoudre_themes, valider_banque
from .instance import Correction, QuestionTiree, ReponseIllisible, instancier
from .quiz import Quiz, quiz
from .schema import THEMES, Question

__all__ = [
    "THEMES", "Banque", "Correction", "ErreurBanque", "Question", "QuestionTiree", "Quiz", "ReponseIllisible",
    "charger_banque", "instancier", "quiz", "resoudre_themes", "valider_banque",
]
