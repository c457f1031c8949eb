"""Le point d'entrée du poste de l'élève, ``demarrer.py`` (Windows, macOS, Linux ; ni make ni conda).

Rien ici ne tourne sous Windows : on vérifie sous Linux le même script (bibliothèque standard,
pathlib), le chemin Windows du Python de l'environnement, et une vraie installation rapide dans un
environnement temporaire (``--paquets-systeme --sans-dependances`` : pip sans les dépendances).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]
SCRIPT = RACINE / "demarrer.py"


def _lancer(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=timeout,
                          cwd=RACINE)


def test_le_script_n_utilise_que_la_bibliotheque_standard():
    arbre = ast.parse(SCRIPT.read_text(encoding="utf-8"))
    modules = {n.name.split(".")[0] for noeud in ast.walk(arbre) if isinstance(noeud, ast.Import) for n in noeud.names}
    modules |= {noeud.module.split(".")[0] for noeud in ast.walk(arbre)
                if isinstance(noeud, ast.ImportFrom) and noeud.module}
    assert modules <= set(sys.stdlib_module_names) | {"__future__"}, modules - set(sys.stdlib_module_names)


def test_le_python_de_l_environnement_sous_windows_et_ailleurs():
    import importlib.util

    spec = importlib.util.spec_from_file_location("demarrer", SCRIPT)
    demarrer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(demarrer)
    assert demarrer.python_du_venv(Path("C:/cours/.venv"), windows=True).parts[-2:] == ("Scripts", "python.exe")
    assert demarrer.python_du_venv(Path("/cours/.venv"), windows=False).parts[-2:] == ("bin", "python")
    commande = demarrer.commande_jupyterlab(Path("/v/bin/python"), Path("/cours"), navigateur=True, port=None)
    assert "--LabApp.default_url=/grc/accueil" in commande and "--ip=127.0.0.1" in commande
    assert "--no-browser" not in commande  # l'élève voit son navigateur s'ouvrir


def test_simulation_affiche_les_etapes_sans_rien_faire(tmp_path):
    env = tmp_path / "env"
    resultat = _lancer("--simulation", "--sans-navigateur", "--venv", str(env))
    assert resultat.returncode == 0, resultat.stderr
    sortie = resultat.stdout
    assert "Création de l'environnement" in sortie
    assert "pip install" in sortie and "-m grc.reglages" in sortie and "-m jupyterlab" in sortie
    assert "--LabApp.default_url=/grc/accueil" in sortie
    assert not env.exists()


def test_installation_reelle_dans_un_environnement_temporaire(tmp_path):
    """Crée l'environnement, installe le cours (sans ses dépendances, pour aller vite), écrit les réglages."""
    env = tmp_path / "env"
    debut = time.perf_counter()
    resultat = _lancer("--installer", "--venv", str(env), "--paquets-systeme", "--sans-dependances")
    duree = time.perf_counter() - debut
    assert resultat.returncode == 0, resultat.stdout[-2000:] + resultat.stderr[-2000:]
    python = env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    assert python.exists()
    reglages = json.loads((env / "share/jupyter/lab/settings/overrides.json").read_text(encoding="utf-8"))
    assert reglages["@jupyterlab/translation-extension:plugin"]["locale"] == "fr_FR"
    assert reglages["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert reglages["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]["markdown"] == "Markdown Preview"
    noyau = (env / "etc/ipython/ipython_kernel_config.py").read_text(encoding="utf-8")
    assert 'c.InteractiveShellApp.extensions = ["grc.erreurs"]' in noyau
    serveur = json.loads((env / "etc/jupyter/jupyter_server_config.d/grc.json").read_text(encoding="utf-8"))
    assert serveur["ServerApp"]["jpserver_extensions"]["grc.serveur"] is True
    # Le cours est installé (mode éditable) dans l'environnement.
    sortie = subprocess.run([str(python), "-c", "import grc.travail, grc.themes; print(grc.themes.theme('rfm').numero)"],
                            capture_output=True, text=True, timeout=60)
    assert sortie.stdout.strip() == "02", sortie.stderr
    # Deuxième lancement : rien à réinstaller.
    resultat = _lancer("--installer", "--venv", str(env), "--paquets-systeme", "--sans-dependances")
    assert resultat.returncode == 0 and "pip install" not in resultat.stdout
    print(f"installation rapide : {duree:.1f} s")


@pytest.mark.parametrize("manque", ["grc", "grc.erreurs"])
def test_la_config_du_noyau_ne_casse_pas_le_noyau(tmp_path, manque):
    """Le fichier de configuration du noyau s'exécute même si grc ou grc.erreurs manque."""
    from grc.reglages import CONFIG_NOYAU

    class Config:
        class InteractiveShellApp:
            extensions: list = []

    c = Config()
    code = CONFIG_NOYAU.replace("find_spec(\"grc.erreurs\")", f"find_spec({'grc_absent' if manque == 'grc' else 'grc.erreurs_absent'!r})")
    exec(compile(code, "ipython_kernel_config.py", "exec"), {"c": c})
    assert c.InteractiveShellApp.extensions == []
    exec(compile(CONFIG_NOYAU, "ipython_kernel_config.py", "exec"), {"c": c, "__name__": "x"})
    attendu = ["grc.erreurs"] if _module_existe("grc.erreurs") else []
    assert list(c.InteractiveShellApp.extensions) == attendu


def _module_existe(nom: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(nom) is not None
