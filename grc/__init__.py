"""Cours GRC : les outils du cours de gestion de la relation client.

Chaque module porte une idée : ``donnees`` (charger et contrôler les tables),
``rfm``, ``abc``, ``valeur``, ``indicateurs``, ``relationnel``, ``scoring``,
``pac``, ``graphiques``, ``widgets``, ``qcm`` et ``exercices``.
"""

__version__ = "0.1.0"
