"""Chaque corrigé s'exécute d'un noyau neuf, dans son budget de temps, avec toutes
ses vérifications satisfaites (GRC_CORRIGE=1 fait échouer une réponse fausse).

Les cahiers élèves, eux, sont exécutés par nbval (``--nbval-lax``) : ils doivent
tourner sans erreur avant qu'aucun exercice ne soit fait.
"""

import os
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

RACINE = Path(__file__).resolve().parent.parent
CORRIGES = sorted((RACINE / "solutions").glob("*.ipynb"))
BUDGET_PAR_DEFAUT = 120  # secondes par carnet


@pytest.mark.parametrize("chemin", CORRIGES, ids=lambda p: p.stem)
def test_corrige_s_execute_avec_toutes_les_verifications(chemin: Path) -> None:
    carnet = nbformat.read(chemin, as_version=4)
    budget = carnet.metadata.get("grc", {}).get("budget_secondes", BUDGET_PAR_DEFAUT)
    client = NotebookClient(
        carnet, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(chemin.parent)}}
    )
    debut = time.perf_counter()
    client.execute(env={**os.environ, "GRC_CORRIGE": "1", "MPLBACKEND": "module://matplotlib_inline.backend_inline"})
    duree = time.perf_counter() - debut
    sortie = RACINE / "artefacts" / "temps_carnets"
    sortie.mkdir(parents=True, exist_ok=True)
    (sortie / f"{chemin.stem}.txt").write_text(f"{duree:.1f}\n")
    assert duree < budget, f"{chemin.name} a pris {duree:.0f} s, au-delà de son budget de {budget} s."
