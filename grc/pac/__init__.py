"""Le plan d'action commerciale (PAC) : ses actions, son contrôle, son chiffrage, son dessin, et le tableau
de bord qui suit son exécution.

Une idée par module (tous les noms publics s'importent aussi depuis ``grc.pac``) :

- ``grc.pac.modele`` : :class:`Action` (une action : cible, canal, dates, budget, réponses et commandes
  attendues, responsable, indicateurs), :class:`Plan` (les actions, l'enveloppe budgétaire, la période)
  et :func:`plan_depuis_table` (un plan depuis un DataFrame, un tableur) ;
- ``grc.pac.controle`` : :func:`controler_plan` liste ses incohérences ; :func:`cases_a_remplir`, les
  cases encore à ``...`` d'une action construite depuis un modèle à remplir ;
- ``grc.pac.chiffrage`` : :func:`previsions` et :func:`compte_resultat_previsionnel` le chiffrent ;
  :func:`valeur_creee` ajoute au résultat de chaque action le gain de CLV qu'elle vise ;
- ``grc.graphiques.pac`` : :func:`tracer_calendrier` (diagramme de Gantt) et :func:`tracer_compte_resultat`
  le dessinent (le dessin est rangé avec les autres graphiques ; matplotlib n'est chargé qu'à l'appel) ;
- ``grc.pac.suivi`` : :func:`suivi_mensuel` (CA mois par mois, cumul, N−1, objectifs) et
  :func:`tableau_suivi` (une ligne par vendeur, rayon ou segment : CA du mois, cumul annuel,
  progression sur N−1, réalisé sur objectif, statut et mesure corrective).

Les formules des taux viennent de :mod:`grc.indicateurs`. Voir la leçon « 07 · Construire et piloter
un PAC ».
"""

from __future__ import annotations

from grc.pac.chiffrage import PART_DEPARTS_EVITES, compte_resultat_previsionnel, previsions, valeur_creee
from grc.pac.controle import cases_a_remplir, controler_plan
from grc.pac.modele import CASES_ACTION, COLONNES_PLAN, OBJECTIFS_ACTION, Action, Plan, plan_depuis_table
from grc.pac.suivi import MESURES_CORRECTIVES, suivi_mensuel, tableau_suivi

_DESSINS = ("tracer_calendrier", "tracer_compte_resultat")

__all__ = [
    "CASES_ACTION",
    "COLONNES_PLAN",
    "MESURES_CORRECTIVES",
    "OBJECTIFS_ACTION",
    "PART_DEPARTS_EVITES",
    "Action",
    "Plan",
    "cases_a_remplir",
    "compte_resultat_previsionnel",
    "controler_plan",
    "plan_depuis_table",
    "previsions",
    "suivi_mensuel",
    "tableau_suivi",
    "tracer_calendrier",
    "tracer_compte_resultat",
    "valeur_creee",
]


def __getattr__(nom: str):
    if nom in _DESSINS:
        from grc.graphiques import pac as dessins

        return getattr(dessins, nom)
    raise AttributeError(f"module 'grc.pac' has no attribute {nom!r}")
