# Cours GRC — les commandes du projet (voir README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLE := $(VENV)/.installe
RACINE_ADMIN := $(if $(filter 0,$(shell id -u)),--allow-root,)
# Sous -n auto, pytest-xdist prend un processus par cœur ; chaque noyau Jupyter se limite alors à un
# fil de calcul (OMP_NUM_THREADS=1...), sinon scikit-learn et numpy se disputent les deux cœurs.
TESTS_PARALLELES ?= -n auto --dist loadfile

.PHONY: lab test cahiers donnees bench site nettoyer

$(INSTALLE): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[tests]"
	@touch $(INSTALLE)

## lab : installe si besoin, puis ouvre JupyterLab sur les cahiers (127.0.0.1, jeton)
lab: $(INSTALLE)
	$(VENV)/bin/jupyter lab --ip=127.0.0.1 --no-browser $(RACINE_ADMIN) \
		--ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks

## test : installe si besoin, puis lance toute la suite (tests, doctests, corrigés, cahiers)
test: $(INSTALLE)
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 $(PY) -m pytest $(TESTS_PARALLELES) tests grc notebooks --nbval-lax --nbval-cell-timeout=300

## cahiers : régénère notebooks/ à partir de solutions/
cahiers: $(INSTALLE)
	$(PY) -m grc.cahiers

## donnees : reconstruit les fichiers de datasets/ (octet pour octet)
donnees: $(INSTALLE)
	$(PY) datasets/generer.py

## bench : mesure la vitesse des calculs sur un million de transactions
bench: $(INSTALLE)
	$(PY) benchmarks/bench_analyse.py

nettoyer:
	rm -rf $(VENV) .pytest_cache artefacts
