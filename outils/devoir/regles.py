"""Les exercices jugés par des règles plutôt que par une valeur : leurs tests cachés.

Un score d'appétence, une grille relationnelle ou un plan d'action n'ont pas *une* bonne réponse : le juge
du cours vérifie des propriétés. Leurs tests cachés reprennent ces propriétés, avec les constantes
(clients de la campagne de test et leurs réponses, enveloppe, période, segments) **écrites en clair** à la
génération ; ils s'appuient sur les fonctions publiques du cours (``grc.relationnel``, ``grc.pac``) et sur
scikit-learn, jamais sur ``grc.exercices``. Un exercice de forme inconnue sans règle ici est noté à la main.
"""

from __future__ import annotations

from collections.abc import Callable
from pprint import pformat


def _theme_10():
    """Le module des juges du thème 10 (côté enseignant, à la génération seulement)."""
    from grc.exercices._themes import theme_10

    return theme_10


def regle_auc(titre: str) -> str:
    """Score d'appétence : une Series sur les contactés de la campagne de test, AUC au moins au seuil."""
    t10 = _theme_10()
    reel = t10.contacts_test()
    repondants = sorted(str(i) for i in reel.index[reel == 1])
    autres = sorted(str(i) for i in reel.index[reel == 0])
    seuil = float(t10.SEUIL_AUC)
    return (f"import pandas as _pd\nfrom sklearn.metrics import roc_auc_score as _roc_auc\n"
            f"_repondants = set({pformat(repondants, width=110, compact=True)})\n"
            f"_autres = set({pformat(autres, width=110, compact=True)})\n"
            f"if isinstance(_reponse, _pd.DataFrame) and _reponse.shape[1] == 1:\n    _reponse = _reponse.iloc[:, 0]\n"
            f"assert isinstance(_reponse, _pd.Series), \"{titre} : une série (Series) de scores indexée par client_id "
            f"était attendue.\"\n"
            f"_score = _reponse.set_axis(_reponse.index.astype(str))\n"
            f"assert _score.index.is_unique and set(_score.index) == _repondants | _autres, "
            f"\"{titre} : le score doit couvrir exactement les clients contactés par la campagne de test, une fois chacun.\"\n"
            f"assert _pd.api.types.is_numeric_dtype(_score) and not _score.isna().any(), "
            f"\"{titre} : le score doit être numérique et sans valeur manquante.\"\n"
            f"_auc = float(_roc_auc([int(i in _repondants) for i in _score.index], _score.to_numpy(dtype='float64')))\n"
            f"assert _auc <= 0.99, \"{titre} : le score devine presque parfaitement les réponses (fuite d'information).\"\n"
            f"assert _auc >= {seuil!r}, f\"{titre} : AUC de {{_auc:.2f}}, il faut au moins {seuil:.2f}.\"")


def regle_grille(titre: str) -> str:
    """Grille relationnelle : le bon segment, aucune erreur de ``relationnel.erreurs_grille``, des actions décrites."""
    segment = _theme_10().SEGMENT_CIBLE
    return (f"import pandas as _pd\nfrom grc import relationnel as _relationnel\n"
            f"assert isinstance(_reponse, _pd.DataFrame), \"{titre} : une table (DataFrame) était attendue.\"\n"
            f"assert 'segment' in _reponse.columns and (_reponse['segment'].astype(str) == {segment!r}).all(), "
            f"\"{titre} : la grille doit porter sur le segment « {segment} ».\"\n"
            f"_erreurs = _relationnel.erreurs_grille(_reponse)\n"
            f"assert not _erreurs, f\"{titre} : {{_erreurs[0] if _erreurs else ''}}\"\n"
            f"assert all(len(str(a).split()) >= 4 for a in _reponse['action']), "
            f"\"{titre} : une action est trop vague (une phrase : quoi, pour qui, quand).\"")


def regle_pac(titre: str) -> str:
    """Plan d'action : enveloppe, période, aucune case du modèle laissée à ``...``, au moins 3 actions sur 2
    segments, la reconquête, aucun défaut."""
    t10 = _theme_10()
    from grc import rfm

    segments = sorted(set(rfm.REGLES_SEGMENTS["segment"].astype(str)))
    return (f"from grc import pac as _pac\nimport pandas as _pd\n"
            f"assert isinstance(_reponse, _pac.Plan), \"{titre} : un plan pac.Plan était attendu.\"\n"
            f"assert abs(_reponse.enveloppe - {float(t10.ENVELOPPE)!r}) <= 1e-6, "
            f"\"{titre} : l'enveloppe n'est pas celle de la direction.\"\n"
            f"assert _reponse.debut == _pd.Timestamp({str(t10.DEBUT_PAC.date())!r}) and "
            f"_reponse.fin == _pd.Timestamp({str(t10.FIN_PAC.date())!r}), "
            f"\"{titre} : la période du plan doit être le premier semestre 2025.\"\n"
            f"_cases = _pac.cases_a_remplir(_reponse)\n"
            f"assert not _cases, f\"{titre} : {{_cases[0] if _cases else ''}}\"\n"
            f"assert len(_reponse.actions) >= 3, \"{titre} : il faut au moins 3 actions.\"\n"
            f"assert all(a.cible in {segments!r} for a in _reponse.actions), "
            f"\"{titre} : la cible de chaque action doit être un segment RFM nommé.\"\n"
            f"assert len({{a.cible for a in _reponse.actions}}) >= 2, \"{titre} : le plan doit couvrir au moins deux segments.\"\n"
            f"assert any(a.cible == {t10.SEGMENT_CIBLE!r} and a.objectif.lower() == 'reconquête' "
            f"for a in _reponse.actions), \"{titre} : il manque l'action de reconquête des « {t10.SEGMENT_CIBLE} ».\"\n"
            f"_defauts = _pac.controler_plan(_reponse)\n"
            f"assert not _defauts, f\"{titre} : {{_defauts[0] if _defauts else ''}}\"")


#: Les règles, par nom d'exercice : ``regle(titre) -> assertions sur _reponse``.
REGLES: dict[str, Callable[[str], str]] = {
    "10_score_auc": regle_auc,
    "10_grille_relationnelle": regle_grille,
    "10_pac": regle_pac,
}
