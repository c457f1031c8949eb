"""Les juges des exercices, un module par thème (privés : l'élève n'a pas à y lire les réponses).

Chaque module ``theme_NN`` enregistre ses exercices (noms ``NN_...``) par le décorateur
:func:`grc.exercices.registre.exercice` ; :func:`grc.exercices.registre.trouver` n'importe que le
module du thème demandé, celui que nomme l'index des thèmes (``Theme.module_exercices``).
Les constantes du cours et les tables partagées sont dans :mod:`grc.exercices.contexte`, les
comparaisons dans :mod:`grc.exercices.comparaisons`, les énoncés affichés par les cahiers dans
:mod:`grc.exercices.enonces`.
"""
