"""Chaque corrigé s'exécute d'un noyau neuf, dans son budget de temps, avec toutes
ses vérifications satisfaites (GRC_CORRIGE=1 fait échouer une réponse fausse).

Les cahiers élèves, eux, sont exécutés par nbval (``--nbval-lax``) : ils doivent
tourner sans erreur avant qu'aucun exercice ne soit fait.
"""

import os
import tempfile
import time
from pathlib import Path

import nbformat
import pytest
from jupyter_client import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

RACINE = Path(__file__).resolve().parent.parent
CORRIGES = sorted((RACINE / "solutions").glob("*.ipynb"))
BUDGET_PAR_DEFAUT = 120  # secondes par carnet


def _executer(chemin: Path) -> float:
    """Exécute le corrigé d'un noyau neuf et renvoie la durée (s).

    Le noyau communique par des sockets Unix (transport « ipc ») plutôt que par des ports TCP : deux
    noyaux lancés en même temps par les processus de pytest-xdist ne peuvent pas tirer le même port.
    """
    carnet = nbformat.read(chemin, as_version=4)
    env = {**os.environ, "GRC_CORRIGE": "1", "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    with tempfile.TemporaryDirectory() as dossier:
        noyau = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(dossier, "noyau"))
        client = NotebookClient(carnet, km=noyau, timeout=150, resources={"metadata": {"path": str(chemin.parent)}})
        debut = time.perf_counter()
        client.execute(env=env)
        return time.perf_counter() - debut


@pytest.mark.parametrize("chemin", CORRIGES, ids=lambda p: p.stem)
def test_corrige_s_execute_avec_toutes_les_verifications(chemin: Path) -> None:
    carnet = nbformat.read(chemin, as_version=4)
    budget = carnet.metadata.get("grc", {}).get("budget_secondes", BUDGET_PAR_DEFAUT)
    try:
        duree = _executer(chemin)
    except (CellTimeoutError, DeadKernelError):
        # Un noyau resté muet (message perdu sur une machine surchargée) : un second essai, d'un noyau
        # neuf ; une vraie boucle infinie échouera de même la seconde fois.
        duree = _executer(chemin)
    sortie = RACINE / "artefacts" / "temps_carnets"
    sortie.mkdir(parents=True, exist_ok=True)
    (sortie / f"{chemin.stem}.txt").write_text(f"{duree:.1f}\n")
    assert duree < budget, f"{chemin.name} a pris {duree:.0f} s, au-delà de son budget de {budget} s."
