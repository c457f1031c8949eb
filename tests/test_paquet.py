"""``grc`` est un vrai paquet : sa roue, installée hors du dépôt, emporte données et banque du QCM.

Le test construit la roue (``pip wheel --no-deps``), l'installe sans dépendances dans un
environnement neuf (``venv --system-site-packages``, qui voit les dépendances déjà installées
ici mais pas le ``grc`` éditable du dépôt), puis, depuis un dossier temporaire hors du dépôt :
``charger``, ``verifier``, ``quiz``, une fonction d'analyse et ``grc qcm lister`` / ``valider``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent

SCRIPT = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    import grc
    racine = Path(sys.argv[1])
    emplacement = Path(grc.__file__).resolve()
    assert not emplacement.is_relative_to(racine), f"grc importé depuis le dépôt : {emplacement}"
    assert Path(sys.prefix) in emplacement.parents, emplacement
    from grc.donnees import charger, dossier_donnees
    assert "_ressources" in dossier_donnees().parts, dossier_donnees()
    clients = charger("clients")
    from grc.exercices import verifier
    verifier("00_nombre_clients", len(clients))  # GRC_CORRIGE=1 : une réponse refusée lèverait une erreur
    from grc.qcm import quiz
    q = quiz("rfm", nombre=3, graine=1)
    assert len(q.questions) == 3, q
    from grc.rfm import scores_rfm, segments_rfm, tableau_rfm
    segments = segments_rfm(scores_rfm(tableau_rfm(charger("transactions"))))
    print("clients", len(clients), "segments", segments["segment"].nunique(), "emplacement", emplacement)
""")


def _environnement(travail: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "GRC_DONNEES", "GRC_QCM_BANQUE", "VIRTUAL_ENV"}}
    return {**env, "GRC_CORRIGE": "1", "GRC_PROGRESSION": "0", "GRC_TRAVAIL": str(travail), "MPLBACKEND": "Agg"}


@pytest.fixture(scope="module")
def roue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling", reason="hatchling absent : pip install -e '.[tests]'")
    dossier = tmp_path_factory.mktemp("roue")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                    "--wheel-dir", str(dossier), str(RACINE)], check=True, cwd=dossier, timeout=300)
    (fichier,) = dossier.glob("cours_grc-*.whl")
    return fichier


def test_la_roue_emporte_donnees_et_banque_mais_pas_les_outils(roue: Path) -> None:
    noms = set(zipfile.ZipFile(roue).namelist())
    attendus = {f"grc/_ressources/datasets/{p.name}" for p in (RACINE / "datasets").glob("*.csv")}
    attendus |= {f"grc/_ressources/course/qcm/{p.name}" for p in (RACINE / "course" / "qcm").glob("*.yml")}
    attendus |= {f"grc/_ressources/course/fiches/{p.name}" for p in (RACINE / "course" / "fiches").glob("*.yml")}
    attendus |= {"grc/_ressources/datasets/README.md", "grc/_ressources/datasets/extrait_brut_defauts.json",
                 "grc/qcm/feuille.css", "grc/fiches.css", "grc/py.typed", "grc/themes.py", "grc/redaction.py",
                 "grc/_ressources/course/redactions.json"}
    assert attendus <= noms, sorted(attendus - noms)
    assert not [n for n in noms if n.startswith(("outils/", "tests/", "solutions/", "notebooks/"))
                or "__pycache__" in n or n.endswith("generer.py")]


def test_la_roue_installee_hors_du_depot_fonctionne(roue: Path, tmp_path: Path) -> None:
    env_virtuel = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", "--system-site-packages", str(env_virtuel)],
                   check=True, timeout=120)
    python = env_virtuel / "bin" / "python"
    site_neuf = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                    check=True, capture_output=True, text=True).stdout.strip())
    # les dépendances (pandas, pydantic...) sont celles déjà installées ici ; le grc éditable, lui, n'est pas vu :
    # une ligne de chemin dans un .pth ne rejoue pas les .pth (éditables) du dossier qu'elle ajoute
    (site_neuf / "_dependances_du_depot.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet",
                    str(roue)], check=True, timeout=300)
    travail = tmp_path / "ailleurs"
    travail.mkdir()
    env = _environnement(travail / "mon-travail")
    sortie = subprocess.run([str(python), "-c", SCRIPT, str(RACINE)], cwd=travail, env=env,
                            capture_output=True, text=True, timeout=300)
    assert sortie.returncode == 0, sortie.stdout + sortie.stderr
    assert "clients 5000" in sortie.stdout
    grc = env_virtuel / "bin" / "grc"
    lister = subprocess.run([str(grc), "qcm", "lister", "--themes", "rfm"], cwd=travail, env=env,
                            capture_output=True, text=True, timeout=300)
    assert lister.returncode == 0 and "rfm-001" in lister.stdout, lister.stdout + lister.stderr
    valider = subprocess.run([str(grc), "qcm", "valider", "--graines", "3"], cwd=travail, env=env,
                             capture_output=True, text=True, timeout=300)
    assert valider.returncode == 0 and "Banque valide" in valider.stdout, valider.stdout + valider.stderr
    assert "absente" not in valider.stderr, valider.stderr  # les leçons voyagent avec la banque
