"""Le code passe ruff, et environment.yml suit pyproject.toml."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

RACINE = Path(__file__).resolve().parent.parent


def test_ruff_ne_signale_rien() -> None:
    resultat = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "grc", "outils", "tests", "datasets", "benchmarks", "demarrer.py"],
        cwd=RACINE, capture_output=True, text=True,
    )
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr


def test_ruff_ne_signale_rien_dans_le_code_des_corriges() -> None:
    """Les corrigés sont du code : ruff lit les cellules de code des carnets (pas les cahiers générés,
    où un import ne sert qu'à la solution effacée)."""
    carnets = sorted(str(c.relative_to(RACINE)) for c in (RACINE / "solutions").glob("*.ipynb"))
    assert carnets
    resultat = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--output-format", "concise", *carnets],
        cwd=RACINE, capture_output=True, text=True,
    )
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr


def _nom_et_borne(exigence: str) -> tuple[str, str]:
    correspondance = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(>=\s*[0-9][^,;\s]*)?", exigence)
    assert correspondance, exigence
    nom = correspondance.group(1).lower().replace("_", "-")
    return nom, (correspondance.group(2) or "").replace(" ", "")


def _depuis_pyproject() -> dict[str, str]:
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text())["project"]
    exigences = projet["dependencies"] + [d for ds in projet["optional-dependencies"].values() for d in ds]
    return dict(_nom_et_borne(e) for e in exigences)


def _depuis_environment() -> dict[str, str]:
    env = yaml.safe_load((RACINE / "environment.yml").read_text())
    exigences: dict[str, str] = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for d in dep.get("pip", []):
                if not d.startswith("-e"):
                    exigences.update([_nom_et_borne(d)])
        elif not dep.startswith(("python", "pip")):
            exigences.update([_nom_et_borne(dep)])
    return exigences


def test_environment_yml_reprend_les_dependances_de_pyproject() -> None:
    assert _depuis_environment() == _depuis_pyproject()


def test_chaque_dependance_a_une_borne_basse() -> None:
    sans_borne = [nom for nom, borne in _depuis_pyproject().items() if not borne]
    assert not sans_borne, f"Dépendances sans borne basse : {sans_borne}"
