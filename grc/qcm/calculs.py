"""Les calculs permis dans une question numérique : une liste blanche de fonctions ``grc``.

Le YAML nomme une fonction (``grc.indicateurs.taux_marque``) et ses arguments ;
aucun code n'est évalué : seul un nom de cette liste est importé puis appelé.
Quelques opérations élémentaires (``arithmetique.complement`` : 1 − x, ...)
servent à dériver une variable d'une autre ou à calculer un piège, jamais la
bonne réponse.

>>> "grc.valeur.clv" in FONCTIONS_AUTORISEES
True
>>> appeler("os.system", {"command": "ls"})
Traceback (most recent call last):
...
grc.qcm.calculs.ErreurCalcul: La fonction « os.system » n'est pas dans la liste blanche des calculs du QCM.
"""

from __future__ import annotations

import importlib
import inspect
import math
from collections.abc import Callable, Mapping

#: Les seules fonctions qu'une question peut appeler (module.fonction).
FONCTIONS_AUTORISEES: frozenset[str] = frozenset(
    [f"grc.indicateurs.{nom}" for nom in (
        "taux_transformation", "taux_retour", "taux_rendement_net", "taux_marge", "taux_marque",
        "coefficient_multiplicateur", "taux_attrition", "progression", "taux_realisation",
        "panier_moyen", "taux_ouverture", "taux_clic", "taux_clic_ouvreurs", "retour_sur_investissement",
        "marge", "prix_vente_depuis_taux_marque", "prix_vente_depuis_taux_marge",
        "taux_marque_depuis_taux_marge", "taux_marge_depuis_taux_marque",
    )]
    + [f"grc.valeur.{nom}" for nom in ("ca_potentiel", "clv_simple", "duree_de_vie", "clv")]
    + ["grc.abc.indice_gini", "grc.relationnel.visites_point_mort", "grc.vente.contacts_necessaires"]
)


#: Opérations élémentaires, permises seulement pour une variable dérivée ou un piège
#: (jamais pour la bonne réponse, qui vient toujours d'une fonction du cours).
ARITHMETIQUE: dict[str, Callable[..., float]] = {
    "arithmetique.complement": lambda x: 1 - x,
    "arithmetique.inverse": lambda x: 1 / x,
    "arithmetique.produit": lambda a, b: a * b,
    "arithmetique.somme": lambda a, b: a + b,
    "arithmetique.difference": lambda a, b: a - b,
    "arithmetique.rapport": lambda a, b: a / b,
}


class ErreurCalcul(ValueError):
    """Un calcul de question impossible : fonction interdite, absente ou résultat non numérique."""


def fonction(nom: str) -> Callable[..., object]:
    """Importe la fonction ``nom`` si elle est dans la liste blanche (ou une opération élémentaire)."""
    if nom in ARITHMETIQUE:
        return ARITHMETIQUE[nom]
    if nom not in FONCTIONS_AUTORISEES:
        raise ErreurCalcul(f"La fonction « {nom} » n'est pas dans la liste blanche des calculs du QCM.")
    module, _, attribut = nom.rpartition(".")
    try:
        return getattr(importlib.import_module(module), attribut)
    except (ImportError, AttributeError) as exc:
        raise ErreurCalcul(f"La fonction « {nom} » est introuvable dans le paquet grc ({exc}).") from exc


def verifier_arguments(nom: str, arguments: Mapping[str, object]) -> None:
    """Vérifie que les noms d'arguments conviennent à la signature de la fonction."""
    try:
        inspect.signature(fonction(nom)).bind(**arguments)
    except TypeError as exc:
        raise ErreurCalcul(f"Arguments incompatibles avec {nom} : {exc}.") from exc


def appeler(nom: str, arguments: Mapping[str, object]) -> float:
    """Appelle la fonction autorisée ``nom`` et renvoie un nombre fini.

    >>> round(appeler("grc.valeur.duree_de_vie", {"taux_retention": 0.75}), 6)
    4.0
    """
    f = fonction(nom)
    try:
        resultat = float(f(**arguments))  # type: ignore[arg-type]
    except (TypeError, ValueError, ZeroDivisionError) as exc:
        raise ErreurCalcul(f"Le calcul {nom}({_afficher(arguments)}) a échoué : {exc}") from exc
    if not math.isfinite(resultat):
        raise ErreurCalcul(f"Le calcul {nom}({_afficher(arguments)}) ne donne pas un nombre fini ({resultat}).")
    return resultat


def _afficher(arguments: Mapping[str, object]) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in arguments.items())
