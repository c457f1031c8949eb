# Cours GRC — les commandes du projet (voir README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLE := $(VENV)/.installe
RACINE_ADMIN := $(if $(filter 0,$(shell id -u)),--allow-root,)
# Sous -n auto, pytest-xdist prend un processus par cœur ; chaque noyau Jupyter se limite alors à un
# fil de calcul (OMP_NUM_THREADS=1...), sinon scikit-learn et numpy se disputent les deux cœurs.
TESTS_PARALLELES ?= -n auto --dist loadfile

.PHONY: lab test cahiers donnees bench site nettoyer edition

# L'installation passe par demarrer.py, le point d'entrée des élèves (Windows sans make compris) :
# environnement .venv, cours installé, réglages (JupyterLab en français, leçons rendues, erreurs expliquées).
$(INSTALLE): pyproject.toml demarrer.py
	$(PYTHON) demarrer.py --installer --extras tests,auteurs
	@touch $(INSTALLE)

## lab : installe si besoin, puis ouvre JupyterLab en français sur la page « Commencer ici » (127.0.0.1, jeton)
## (la même chose que « python3 demarrer.py » ; sans les menus de nbgrader : voir le README pour les rétablir)
lab: $(INSTALLE)
	$(PYTHON) demarrer.py --sans-navigateur

## test : installe si besoin, puis lance toute la suite (tests, doctests, corrigés, cahiers)
test: $(INSTALLE)
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 $(PY) -m pytest $(TESTS_PARALLELES) tests grc outils notebooks --nbval-lax --nbval-cell-timeout=300

## cahiers : régénère notebooks/ à partir de solutions/
cahiers: $(INSTALLE)
	$(PY) -m outils.cahiers

## edition : écrit l'édition élève (sans corrigés) dans _build/edition/ (branche git : python -m outils.edition --branche eleves)
edition: $(INSTALLE)
	$(PY) -m outils.edition _build/edition

## donnees : reconstruit les fichiers de datasets/ (octet pour octet)
donnees: $(INSTALLE)
	$(PY) datasets/generer.py

## bench : mesure la vitesse des calculs sur un million de transactions
bench: $(INSTALLE)
	$(PY) benchmarks/bench_analyse.py

OUTILS_SITE := $(VENV)/.site-installe

.PHONY: test-navigateur test-navigateur-reduit chromium

$(OUTILS_SITE): pyproject.toml $(INSTALLE)
	$(PY) -m pip install --quiet -e ".[tests,auteurs,site,navigateur]"
	@touch $(OUTILS_SITE)

## site : construit le site web du cours, hors ligne, dans _build/site/_build/html/ (corrigés : python -m outils.site --corriges)
site: $(OUTILS_SITE)
	$(PY) -m outils.site

## chromium : installe le Chromium de Debian s'il manque (sous root : apt-get ; sinon, dit quoi faire)
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-noto-color-emoji; \
	  else echo "Installez Chromium : sudo apt-get install chromium" >&2; exit 1; fi; }

## test-navigateur : tous les cahiers dans JupyterLab, tout le site, et le parcours BTS d'un élève
##   (tests/navigateur/test_eleve_parcours_bts.py, captures artefacts/navigateur/parcours-*.png) dans Chromium (9 min environ)
test-navigateur: $(OUTILS_SITE) chromium
	GRC_NAVIGATEUR=complet $(PY) -m pytest tests/navigateur tests/test_site.py -q

## test-navigateur-reduit : la forme de la CI : un cahier, le site du thème 00 (1 min environ)
test-navigateur-reduit: $(OUTILS_SITE) chromium
	GRC_NAVIGATEUR=reduit $(PY) -m pytest tests/navigateur tests/test_site.py -q

OUTILS_HUB := $(VENV)/.hub-installe
PROXY := $(VENV)/chp/node_modules/.bin/configurable-http-proxy

.PHONY: test-hub

$(OUTILS_HUB): pyproject.toml $(INSTALLE)
	$(PY) -m pip install --quiet -e ".[tests,hub,navigateur]" jupyterhub-firstuseauthenticator jupyterhub-systemdspawner
	@touch $(OUTILS_HUB)

$(PROXY):
	npm install --silent --prefix $(VENV)/chp configurable-http-proxy@5.3.0

## test-hub : un vrai JupyterHub sur 127.0.0.1, deux élèves, nbgitpuller, Chromium ; mesures (2 à 4 min)
test-hub: $(OUTILS_HUB) $(PROXY) chromium
	GRC_HUB=1 OMP_NUM_THREADS=1 $(PY) -m pytest tests/test_hub.py -q -s -p no:randomly

OUTILS_LITE := $(VENV)/.lite-installe

.PHONY: lite test-lite test-lite-cpython

$(OUTILS_LITE): pyproject.toml $(INSTALLE)
	$(PY) -m pip install --quiet -e ".[tests,lite,navigateur]"
	@touch $(OUTILS_LITE)

## lite : construit l'édition JupyterLite (site statique) dans _build/lite/ (Pyodide complet : python -m outils.lite --pyodide-complet DOSSIER)
lite: $(OUTILS_LITE)
	$(PY) -m outils.lite _build/lite

## test-lite : construit le site, vérifie son contenu, l'ouvre dans Chromium hors ligne (1 min environ ; dans .ci/run)
test-lite: $(OUTILS_LITE) chromium
	GRC_LITE=1 $(PY) -m pytest tests/test_lite.py -q -p no:randomly

## test-lite-cpython : chaque cahier et corrigé sur CPython avec les versions de paquets de Pyodide (5 min environ, 15 sous forte charge)
test-lite-cpython: $(OUTILS_LITE)
	$(PY) -m outils.lite.cpython

.PHONY: devoir test-devoir

## devoir : écrit le devoir noté nbgrader du thème 10 (version BTS) dans _build/devoir/ (options : python -m outils.devoir --help)
devoir: $(INSTALLE)
	$(PY) -m outils.devoir _build/devoir

## test-devoir : la chaîne nbgrader (generate_assignment, autograde, export, generate_feedback) sur un petit corrigé et sur le thème 10 (1 à 2 min ; dans .ci/run)
test-devoir: $(INSTALLE)
	GRC_DEVOIR=1 OMP_NUM_THREADS=1 $(PY) -m pytest tests/test_devoir.py -q -s -p no:randomly

nettoyer:
	rm -rf $(VENV) .pytest_cache artefacts _build

.PHONY: amc test-amc

## amc : installe auto-multiple-choice (paquet Debian, ≈ 800 Mo avec TeX) s'il manque (sous root : apt-get)
amc:
	@command -v auto-multiple-choice >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq auto-multiple-choice; \
	  else echo "Installez auto-multiple-choice : sudo apt-get install auto-multiple-choice" >&2; exit 1; fi; }

## test-amc : compile toute la banque avec auto-multiple-choice et contrôle le sujet et son extraction (hors make test)
test-amc: $(INSTALLE) amc
	$(PY) -m pytest tests/test_qcm_exports.py -k auto_multiple_choice -q -p no:randomly
