"""Où lire les fichiers livrés avec ``grc`` : les données de Verdance et la banque du QCM.

Installé depuis sa roue, ``grc`` emporte ces fichiers dans ``grc/_ressources/`` (lus avec
:mod:`importlib.resources`) ; installé en mode éditable depuis le dépôt (``make lab``,
``pip install -e .``), il lit les dossiers du dépôt, ``datasets/`` et ``course/``.

>>> dossier("datasets").name, dossier("course/qcm").name
('datasets', 'qcm')
>>> (dossier("datasets") / "clients.csv").is_file()
True
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

#: Le dossier du paquet installé qui reçoit les fichiers (voir ``hatch_build.py``).
EMBARQUES = "_ressources"
#: La racine du dépôt, pour une installation éditable.
RACINE_DEPOT = Path(__file__).resolve().parent.parent


def dossier(relatif: str) -> Path:
    """Le dossier ``relatif`` (``"datasets"``, ``"course"``, ``"course/qcm"``) : dans le paquet, sinon dans le dépôt.

    Parameters
    ----------
    relatif : str
        Chemin depuis la racine du dépôt, avec des ``/``.

    Returns
    -------
    pathlib.Path
        ``grc/_ressources/<relatif>`` s'il existe (paquet installé depuis sa roue),
        sinon ``<racine du dépôt>/<relatif>``.
    """
    embarque = files("grc").joinpath(EMBARQUES, *relatif.split("/"))
    if embarque.is_dir():
        return Path(str(embarque))
    return RACINE_DEPOT.joinpath(*relatif.split("/"))
