#!/usr/bin/env bash
# Installe un serveur de classe pour le cours GRC avec The Littlest JupyterHub (TLJH),
# sur un serveur Ubuntu 22.04 ou 24.04 neuf (voir la page des enseignants pour la taille).
#
#   sudo DEPOT=https://forge.exemple.fr/prof/cours-grc.git ENSEIGNANT=prof bash installer-tljh.sh
#
# Variables : DEPOT (adresse git du cours, obligatoire), BRANCHE (édition élève, défaut : eleves),
# ENSEIGNANT (identifiant de l'administrateur, défaut : prof), CLASSE (fichier des identifiants,
# défaut : classe.txt à côté de ce script), MEMOIRE (défaut : 1G), CPU (défaut : 1),
# INACTIF (secondes avant l'arrêt d'un serveur inactif, défaut : 3600).
set -euo pipefail
ICI="$(cd "$(dirname "$0")" && pwd)"
if [ -z "${DEPOT:-}" ]; then echo "Indiquez l'adresse git du cours : sudo DEPOT=https://... bash installer-tljh.sh" >&2; exit 1; fi
BRANCHE="${BRANCHE:-eleves}"
ENSEIGNANT="${ENSEIGNANT:-prof}"
CLASSE="${CLASSE:-$ICI/classe.txt}"
MEMOIRE="${MEMOIRE:-1G}"
CPU="${CPU:-1}"
INACTIF="${INACTIF:-3600}"

if [ "$(id -u)" != 0 ]; then echo "Lancez ce script avec sudo." >&2; exit 1; fi

# 1. TLJH lui-même (JupyterHub, systemd, un compte Unix jupyter-<élève> par élève).
if ! command -v tljh-config >/dev/null; then
  apt-get update -qq && apt-get install -y -qq python3 python3-dev git curl
  curl -fsSL https://tljh.jupyter.org/bootstrap.py | python3 - --admin "$ENSEIGNANT"
fi

# 2. Connexion : les identifiants de la classe, mot de passe choisi à la première connexion.
tljh-config set auth.type firstuseauthenticator.FirstUseAuthenticator
tljh-config set auth.FirstUseAuthenticator.create_users false
if [ -f "$CLASSE" ]; then
  grep -v '^[[:space:]]*#' "$CLASSE" | tr 'A-Z' 'a-z' | while read -r eleve; do
    [ -n "$eleve" ] && tljh-config add-item users.allowed "$eleve"
  done
fi

# 3. Limites par élève, arrêt des inactifs, JupyterLab par défaut.
tljh-config set limits.memory "$MEMOIRE"
tljh-config set limits.cpu "$CPU"
tljh-config set services.cull.timeout "$INACTIF"
tljh-config set user_environment.default_app jupyterlab

# 4. L'environnement du cours dans l'environnement des élèves (/opt/tljh/user) : le paquet grc,
#    ses dépendances, nbgitpuller (les liens « grc classe lien ») et nbgrader.
#    Le paquet s'installe depuis la roue de l'édition élève (paquet/cours_grc-*.whl).
rm -rf /tmp/cours-grc-edition
git clone --quiet --depth 1 --branch "$BRANCHE" "$DEPOT" /tmp/cours-grc-edition
# nbgrader n'est pas une dépendance du paquet (extra « auteurs ») : il est installé ici, pour le serveur.
/opt/tljh/user/bin/pip install --quiet /tmp/cours-grc-edition/paquet/cours_grc-*.whl "nbgitpuller>=1.2" "nbgrader>=0.9.3"
cat > /opt/tljh/config/jupyterhub_config.d/cours-grc.py <<'CONF'
c.Spawner.environment.update({"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"})
c.JupyterHub.concurrent_spawn_limit = 10
CONF

# Réglages des élèves (grc.reglages) : JupyterLab en français, sans bulle de nouvelles, leçons rendues,
# erreurs expliquées en français, extension « Commencer ici » / copies dans mon-travail/.
/opt/tljh/user/bin/python -m grc.reglages
# Les élèves gardent la liste des devoirs de nbgrader (recevoir, rendre), pas les outils de l'enseignant.
for outil in formgrader create-assignment course-list; do
  /opt/tljh/user/bin/jupyter labextension disable --level=sys_prefix "@jupyter/nbgrader:$outil" > /dev/null
done

# 5. Devoir noté : l'échange de nbgrader.
mkdir -p /srv/nbgrader/exchange && chmod 1777 /srv/nbgrader/exchange
mkdir -p /opt/tljh/user/etc/jupyter
cp "$ICI/nbgrader_config.py" /opt/tljh/user/etc/jupyter/nbgrader_config.py

tljh-config reload
echo "Serveur prêt. Lien d'un cahier pour les élèves :"
/opt/tljh/user/bin/grc classe lien --hub "http://$(hostname -I | cut -d' ' -f1)" --depot "$DEPOT" --branche "$BRANCHE" --cahier 00
