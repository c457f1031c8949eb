"""L'index des thèmes dit vrai sur l'édition JupyterLite : un cahier déclaré prêt n'utilise rien que
Pyodide ne sait pas faire (sous-processus, fils, paquets absents de son verrou comme lifetimes ou
openpyxl), un cahier déclaré pas prêt a une raison trouvée dans son code. Rapide : lit le code, sans
construire le site."""

from __future__ import annotations

import re

from grc.themes import THEMES
from outils.lite.cpython import MOTIFS_INTERDITS, limites_pyodide


def test_les_cahiers_prets_pour_le_navigateur_n_utilisent_rien_d_impossible():
    limites = limites_pyodide()
    faux_prets = {t.numero: limites[t.numero] for t in THEMES if t.lite and limites[t.numero]}
    assert not faux_prets, f"déclarés prêts pour JupyterLite mais : {faux_prets} (grc/themes.py, PAS_PRETS_POUR_LITE)"
    sans_raison = [t.numero for t in THEMES if not t.lite and not limites[t.numero]]
    assert not sans_raison, f"déclarés pas prêts sans raison trouvée dans leur code : {sans_raison}"


def _repere(code: str) -> bool:
    return any(re.search(motif, code, re.MULTILINE) for motif in MOTIFS_INTERDITS)


def test_un_import_de_lifetimes_ou_openpyxl_est_repere():
    assert _repere("from openpyxl import Workbook") and _repere('importlib.util.find_spec("lifetimes")')
    assert _repere("    import weasyprint") and not _repere("import pandas as pd\n# lifetimes, voir la leçon 11")
