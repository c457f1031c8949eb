"""Construction de la roue : les données de Verdance et la banque du QCM entrent dans le paquet ``grc``.

Les sources restent à leur place dans le dépôt (``datasets/``, ``course/``) ; dans la roue, elles
deviennent ``grc/_ressources/datasets/`` et ``grc/_ressources/course/``, que :mod:`grc.ressources`
lit avec :mod:`importlib.resources`. Une installation éditable (``pip install -e .``) ne copie rien :
``grc`` lit alors les dossiers du dépôt.

Fichier par fichier, selon les motifs ci-dessous (et non dossier entier) : la roue ne dépend pas de
ce qui traîne sur le disque de celui qui la construit (caches, sorties, brouillons).
"""

from __future__ import annotations

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

#: Les fichiers livrés avec ``grc`` (motifs relatifs à la racine du dépôt).
MOTIFS = (
    "datasets/*.csv",
    "datasets/*.json",
    "datasets/README.md",
    "course/*.md",  # les leçons : « grc qcm valider » y cherche les sections citées par les questions
    "course/qcm/*.yml",
    "course/redactions.json",  # réponses modèles et barèmes des réponses rédigées (grc.redaction)
    "course/fiches/*.yml",  # les fiches de révision (grc fiches)
)
DESTINATION = "grc/_ressources"


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        racine = Path(self.root)
        fichiers = [f for motif in MOTIFS for f in sorted(racine.glob(motif)) if f.is_file()]
        for fichier in fichiers:
            build_data["force_include"][str(fichier)] = f"{DESTINATION}/{fichier.relative_to(racine).as_posix()}"
