# Serveur de classe du cours GRC : JupyterHub sur une seule machine (Linux avec systemd).
#
# Lancement : sudo jupyterhub -f deploiement/jupyterhub_config.py  (voir la page des enseignants,
# section « Un serveur pour la classe »). Chaque réglage se change par une variable d'environnement
# GRC_HUB_... (valeurs par défaut entre crochets) ou en modifiant ce fichier.
#
# - Connexion : la liste de la classe (un identifiant par ligne dans classe.txt) ; chaque élève
#   choisit son mot de passe à sa première connexion (FirstUseAuthenticator).
# - Un serveur par élève, lancé par systemd (SystemdSpawner) : mémoire et processeur limités.
# - Les serveurs inactifs s'arrêtent seuls (jupyterhub-idle-culler) ; le travail reste sur le disque.
# - Le cours arrive dans le dossier de l'élève par un lien nbgitpuller (grc classe lien).
# - Le devoir noté passe par l'échange de nbgrader (dossier /srv/nbgrader/exchange).
# L'environnement des élèves (celui de jupyterhub-singleuser) : la roue de l'édition élève
# (pip install paquet/cours_grc-*.whl nbgitpuller jupyterhub nbgrader), puis « python -m grc.reglages »
# (français, page « Commencer ici », copies dans mon-travail/, menus de nbgrader masqués).
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (fourni par JupyterHub)

ICI = Path(__file__).resolve().parent


def _reglage(nom, defaut):
    return os.environ.get(f"GRC_HUB_{nom}", defaut)


# --- Adresse -----------------------------------------------------------------------------------
# En production, mettez le serveur derrière HTTPS (Caddy, nginx, ou c.JupyterHub.ssl_cert/ssl_key).
c.JupyterHub.bind_url = _reglage("ADRESSE", "http://:8000")
c.JupyterHub.cookie_secret_file = _reglage("SECRET", "/srv/jupyterhub/jupyterhub_cookie_secret")
c.JupyterHub.db_url = _reglage("BASE", "sqlite:////srv/jupyterhub/jupyterhub.sqlite")

# --- Qui peut se connecter ----------------------------------------------------------------------
c.JupyterHub.authenticator_class = "firstuseauthenticator.FirstUseAuthenticator"
c.FirstUseAuthenticator.create_users = False  # seuls les identifiants de la liste entrent
c.FirstUseAuthenticator.min_password_length = 8
fichier_classe = Path(_reglage("CLASSE", ICI / "classe.txt"))
if fichier_classe.is_file():
    c.Authenticator.allowed_users = {
        ligne.strip().lower() for ligne in fichier_classe.read_text(encoding="utf-8").splitlines()
        if ligne.strip() and not ligne.lstrip().startswith("#")
    }
c.Authenticator.admin_users = {nom for nom in _reglage("ENSEIGNANTS", "prof").split(",") if nom}

# --- Un serveur par élève, limité ----------------------------------------------------------------
c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
c.SystemdSpawner.dynamic_users = True  # pas de compte Unix à créer ; dossier : /var/lib/private/<élève>
c.SystemdSpawner.readwrite_paths = ["/srv/nbgrader/exchange"]
c.Spawner.mem_limit = _reglage("MEMOIRE", "1G")  # un élève avec un cahier ouvert : voir le tableau de taille
c.Spawner.cpu_limit = float(_reglage("CPU", "1"))
c.Spawner.default_url = "/lab"
c.Spawner.cmd = [_reglage("SINGLEUSER", str(Path(sys.prefix) / "bin" / "jupyterhub-singleuser"))]
c.Spawner.environment = {
    # Calculs sur un seul fil par noyau : 35 noyaux ne se disputent pas les cœurs.
    "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90
c.JupyterHub.concurrent_spawn_limit = 10  # 35 élèves qui arrivent ensemble : par vagues de 10

# --- Arrêt des serveurs inactifs -----------------------------------------------------------------
c.JupyterHub.services = [
    {
        "name": "arret-inactifs",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                    f"--timeout={_reglage('INACTIF', '3600')}", "--cull-every=300"],
    },
]
c.JupyterHub.load_roles = [
    {
        "name": "arret-inactifs",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["arret-inactifs"],
    },
]
