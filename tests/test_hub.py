"""Un vrai serveur de classe sur 127.0.0.1 : JupyterHub, nbgitpuller, l'édition élève (``make test-hub``).

Sauté sans ``GRC_HUB=1``. Le hub charge ``deploiement/jupyterhub_config.py`` puis remplace ce qui
exige une vraie machine de classe : l'authentification (``DummyAuthenticator``, restreint à la liste
de la classe) et le lanceur de serveurs (``SimpleLocalProcessSpawner`` : un processus par élève, sans
systemd, donc **sans** limite de mémoire ni de processeur — elles ne sont pas testées ici).

Le scénario : l'enseignant publie l'édition élève sur la branche ``eleves`` d'un dépôt git local ;
deux élèves cliquent le lien ``grc classe lien`` ; l'un travaille dans une copie (``mon-travail/``) ;
l'enseignant modifie le cours et republie ; le clic suivant de l'élève apporte la modification et
garde son travail ; Chromium ouvre le JupyterLab de l'élève à travers le hub. Puis on mesure la
mémoire par élève et le temps jusqu'à un serveur prêt avec 2 à 5 élèves (``artefacts/hub/``).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from grc.classe import lien_nbgitpuller
from outils.edition import ecrire_edition, valider_branche

RACINE = Path(__file__).resolve().parent.parent
ARTEFACTS = RACINE / "artefacts" / "hub"
CHROMIUM = Path("/usr/bin/chromium")
OPTIONS_CHROMIUM = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"]
ELEVES = ["eleve1", "eleve2", "eleve3", "eleve4", "eleve5"]
CAHIER = "00-prise-en-main.ipynb"
# Ce qu'un élève charge dans son noyau en travaillant un cahier (pour mesurer la mémoire).
CODE_NOYAU = ("import pandas as pd, seaborn, grc\n"
              "from grc.donnees import charger\n"
              "from grc.rfm import tableau_rfm\n"
              "t = charger('transactions')\n"
              "print(len(t))")

pytestmark = [
    pytest.mark.lent,
    pytest.mark.skipif(os.environ.get("GRC_HUB") != "1", reason="serveur de classe réel : make test-hub"),
]


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _proxy() -> str:
    local = RACINE / ".venv" / "chp" / "node_modules" / ".bin" / "configurable-http-proxy"
    trouve = str(local) if local.exists() else shutil.which("configurable-http-proxy")
    if not trouve:
        pytest.fail("configurable-http-proxy introuvable : make test-hub l'installe (npm)")
    return trouve


class Hub:
    """Un JupyterHub lancé avec la configuration de ``deploiement/`` et des remplacements de test."""

    def __init__(self, dossier: Path, depot: Path) -> None:
        self.dossier = dossier
        self.depot = depot
        self.port = _port_libre()
        self.url = f"http://127.0.0.1:{self.port}"
        self.jeton = secrets.token_hex(16)
        self.maisons = dossier / "maisons"
        (dossier / "classe.txt").write_text("prof\n" + "\n".join(ELEVES) + "\n", encoding="utf-8")
        racine_admin = ["--allow-root"] if os.getuid() == 0 else []
        (dossier / "jupyterhub_config.py").write_text(f"""
load_subconfig({str(RACINE / 'deploiement' / 'jupyterhub_config.py')!r})
c.JupyterHub.authenticator_class = "dummy"
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = {str(self.maisons / '{username}')!r}
c.Spawner.args = {racine_admin!r}
c.Spawner.notebook_dir = "~"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {_port_libre()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{_port_libre()}"
c.ConfigurableHTTPProxy.command = [{_proxy()!r}]
c.JupyterHub.services.append({{"name": "test", "api_token": {self.jeton!r}}})
c.JupyterHub.load_roles.append({{"name": "test", "services": ["test"], "scopes": [
    "admin:users", "admin:servers", "access:servers", "list:users", "read:users", "read:servers",
    "list:services", "read:services"]}})
""", encoding="utf-8")
        self.env = dict(
            os.environ,
            PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            GRC_HUB_ADRESSE=self.url,
            GRC_HUB_SECRET=str(dossier / "secret"),
            GRC_HUB_BASE=f"sqlite:///{dossier / 'jupyterhub.sqlite'}",
            GRC_HUB_CLASSE=str(dossier / "classe.txt"),
            GRC_HUB_SINGLEUSER=str(Path(sys.executable).parent / "jupyterhub-singleuser"),
        )
        self.journal = open(dossier / "jupyterhub.log", "w")  # noqa: SIM115
        self.processus = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(dossier / "jupyterhub_config.py")],
            cwd=dossier, env=self.env, stdout=self.journal, stderr=subprocess.STDOUT)
        self._attendre(lambda: self.api("GET", "/hub/api/")[0] == 200, 90, "le hub ne répond pas")

    def _attendre(self, condition, delai: float, message: str) -> float:
        debut = time.perf_counter()
        while time.perf_counter() - debut < delai:
            if self.processus.poll() is not None:
                pytest.fail(f"JupyterHub s'est arrêté : {self.lire_journal()[-3000:]}")
            try:
                if condition():
                    return time.perf_counter() - debut
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        pytest.fail(f"{message} après {delai} s : {self.lire_journal()[-3000:]}")

    def lire_journal(self) -> str:
        return (self.dossier / "jupyterhub.log").read_text(encoding="utf-8", errors="replace")

    def api(self, methode: str, chemin: str, donnees: dict | None = None) -> tuple[int, bytes]:
        requete = urllib.request.Request(
            self.url + chemin, method=methode, headers={"Authorization": f"token {self.jeton}"},
            data=None if donnees is None else json.dumps(donnees).encode())
        try:
            with urllib.request.urlopen(requete, timeout=60) as reponse:
                return reponse.status, reponse.read()
        except urllib.error.HTTPError as erreur:
            return erreur.code, erreur.read()

    def creer(self, nom: str) -> None:
        code, corps = self.api("POST", f"/hub/api/users/{nom}")
        assert code in (201, 409), corps

    def demarrer(self, nom: str) -> None:
        code, corps = self.api("POST", f"/hub/api/users/{nom}/server")
        assert code in (201, 202, 400), corps  # 400 : déjà démarré

    def pret(self, nom: str) -> bool:
        code, corps = self.api("GET", f"/hub/api/users/{nom}")
        serveur = json.loads(corps).get("servers", {}).get("", {}) if code == 200 else {}
        return bool(serveur.get("ready"))

    def arreter_serveur(self, nom: str) -> None:
        self.api("DELETE", f"/hub/api/users/{nom}/server")
        self._attendre(lambda: not self.pret(nom) and not _processus_eleve(nom), 60, f"{nom} ne s'arrête pas")

    def tirer(self, nom: str, lien: str) -> list[dict]:
        """Ce que fait la page de nbgitpuller : appelle son API et lit le flux d'événements."""
        parametres = urllib.parse.parse_qs(urllib.parse.urlsplit(lien).query)
        requete = {"repo": parametres["repo"][0], "branch": parametres["branch"][0],
                   "targetpath": parametres["targetPath"][0]}
        code, corps = self.api("GET", f"/user/{nom}/git-pull/api?{urllib.parse.urlencode(requete)}")
        assert code == 200, corps
        evenements = [json.loads(ligne[6:]) for ligne in corps.decode().splitlines() if ligne.startswith("data: ")]
        assert evenements and evenements[-1]["phase"] == "finished", evenements[-3:]
        return evenements

    def executer(self, nom: str, code: str, delai: float = 120) -> str:
        """Démarre un noyau dans le serveur de l'élève, y exécute ``code`` et renvoie sa sortie."""
        import websocket

        statut, corps = self.api("POST", f"/user/{nom}/api/kernels", {"name": "python3"})
        assert statut == 201, corps
        noyau = json.loads(corps)["id"]
        ws = websocket.create_connection(
            f"ws://127.0.0.1:{self.port}/user/{nom}/api/kernels/{noyau}/channels",
            header=[f"Authorization: token {self.jeton}"], timeout=delai)
        ident = uuid.uuid4().hex
        ws.send(json.dumps({
            "header": {"msg_id": ident, "username": nom, "session": uuid.uuid4().hex, "msg_type": "execute_request",
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        sortie, fin = [], time.perf_counter() + delai
        while time.perf_counter() < fin:
            message = json.loads(ws.recv())
            if message.get("parent_header", {}).get("msg_id") != ident:
                continue
            genre = message["msg_type"]
            if genre == "stream":
                sortie.append(message["content"]["text"])
            elif genre == "error":
                pytest.fail(f"Erreur dans le noyau de {nom} : {message['content']['evalue']}")
            elif genre == "status" and message["content"]["execution_state"] == "idle":
                break
        ws.close()
        return "".join(sortie)

    def fermer(self) -> None:
        self.processus.terminate()
        try:
            self.processus.wait(30)
        except subprocess.TimeoutExpired:
            self.processus.kill()
        self.journal.close()
        for nom in ELEVES:  # un serveur d'élève resté orphelin
            for p in _processus_eleve(nom):
                p.kill()


def _processus_eleve(nom: str) -> list:
    import psutil

    trouves = []
    for p in psutil.process_iter(["pid"]):
        try:
            if p.environ().get("JUPYTERHUB_USER") == nom:
                trouves.append(p)
        except (psutil.AccessDenied, psutil.NoSuchProcess, psutil.ZombieProcess):
            continue
    return trouves


def _memoire_mo(nom: str) -> dict[str, float]:
    """Mémoire des processus de l'élève (serveur + noyaux) : RSS et PSS (part réelle des pages partagées)."""
    import psutil

    rss = pss = 0
    for p in _processus_eleve(nom):
        try:
            info = p.memory_full_info()
        except (psutil.AccessDenied, psutil.NoSuchProcess):
            continue
        rss += info.rss
        pss += getattr(info, "pss", info.rss)
    return {"rss_mo": round(rss / 2**20, 1), "pss_mo": round(pss / 2**20, 1)}


def _publier(edition: Path, depot: Path, message: str) -> str:
    commit = valider_branche(edition, "eleves", racine=depot, message=message)
    assert commit is not None
    return commit


@pytest.fixture(scope="module")
def classe(tmp_path_factory: pytest.TempPathFactory):
    dossier = tmp_path_factory.mktemp("classe")
    edition, depot = dossier / "edition", dossier / "cours-grc"
    ecrire_edition(edition)
    subprocess.run(["git", "init", "-q", str(depot)], check=True)
    _publier(edition, depot, "Cours GRC, édition élève")
    hub = Hub(dossier, depot)
    try:
        yield hub, edition
    finally:
        hub.fermer()


def test_configuration_de_production_se_charge() -> None:
    """La configuration de ``deploiement/`` se lit et ses classes (FirstUse, systemd, culler) existent."""
    from traitlets.config import PyFileConfigLoader
    from traitlets.utils.importstring import import_item

    env = {"GRC_HUB_CLASSE": str(RACINE / "deploiement" / "classe.txt.exemple")}
    ancien = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        config = PyFileConfigLoader("jupyterhub_config.py", path=str(RACINE / "deploiement")).load_config()
    finally:
        for k, v in ancien.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
    import_item(config.JupyterHub.authenticator_class)
    import_item(config.JupyterHub.spawner_class)
    import jupyterhub_idle_culler  # noqa: F401

    assert config.Authenticator.allowed_users == {"prof", "camille.martin", "lucas.bernard"}
    assert config.Spawner.mem_limit == "1G" and config.Spawner.cpu_limit == 1.0
    assert config.JupyterHub.services[0]["name"] == "arret-inactifs"


def test_la_classe_sur_un_serveur(classe) -> None:
    hub, edition = classe
    mesures: dict = {}
    lien = lien_nbgitpuller(hub.url, str(hub.depot), "eleves", cahier="00")
    # Le service d'arrêt des serveurs inactifs tourne.
    assert "arret-inactifs" in hub.api("GET", "/hub/api/services")[1].decode()

    for nom in ELEVES[:2]:
        hub.creer(nom)
        debut = time.perf_counter()
        hub.demarrer(nom)
        hub._attendre(lambda n=nom: hub.pret(n), 120, f"serveur de {nom}")
        mesures[f"pret_{nom}_s"] = round(time.perf_counter() - debut, 1)
        debut = time.perf_counter()
        hub.tirer(nom, lien)
        mesures[f"premier_tirage_{nom}_s"] = round(time.perf_counter() - debut, 1)
        cours = hub.maisons / nom / "cours-grc"
        assert (cours / "notebooks" / CAHIER).is_file()
        assert not (cours / "solutions").exists()

    # eleve1 ouvre sa copie (extension grc.serveur : faite au premier clic dans mon-travail/) et y travaille.
    cours1 = hub.maisons / "eleve1" / "cours-grc"
    copie = cours1 / "mon-travail" / CAHIER
    statut, _ = hub.api("GET", "/user/eleve1/grc/ouvrir/00")
    assert statut == 200 and copie.is_file()
    carnet = json.loads(copie.read_text(encoding="utf-8"))
    carnet["cells"].append({"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                            "source": "reponse = 42  # mon travail"})
    statut, corps = hub.api("PUT", f"/user/eleve1/api/contents/cours-grc/mon-travail/{CAHIER}",
                            {"type": "notebook", "format": "json", "content": carnet})
    assert statut in (200, 201), corps
    travail = copie.read_bytes()
    assert b"mon travail" in travail
    assert "60939" in hub.executer("eleve1", CODE_NOYAU).replace("\u202f", "").replace(" ", "")

    # L'enseignant modifie le cours et republie l'édition élève.
    lecon = edition / "course" / "00-prise-en-main.md"
    lecon.write_text(lecon.read_text(encoding="utf-8") + "\n\nMise à jour du cours : un paragraphe neuf.\n",
                     encoding="utf-8")
    _publier(edition, hub.depot, "Leçon 00 : un paragraphe neuf")

    # Le clic suivant de l'élève : la mise à jour arrive, son travail reste.
    debut = time.perf_counter()
    hub.tirer("eleve1", lien)
    mesures["tirage_mise_a_jour_s"] = round(time.perf_counter() - debut, 1)
    assert "un paragraphe neuf" in (cours1 / "course" / "00-prise-en-main.md").read_text(encoding="utf-8")
    assert copie.read_bytes() == travail
    avant_clic = travail
    statut = subprocess.run(["git", "status", "--porcelain"], cwd=cours1, capture_output=True, text=True).stdout
    assert "mon-travail" not in statut  # ignoré par git : nbgitpuller n'y touche pas

    # Chromium : l'élève se connecte au hub, clique le lien, arrive dans JupyterLab sur le cahier.
    mesures.update(_navigateur(hub, lien))
    assert copie.read_bytes() == avant_clic  # le clic a rouvert la copie, sans l'écraser
    mesures["memoire_eleve1_avec_noyau"] = _memoire_mo("eleve1")
    mesures["memoire_eleve2_sans_noyau"] = _memoire_mo("eleve2")
    for nom in ELEVES[:2]:
        hub.arreter_serveur(nom)
    _ecrire(mesures, "scenario")


def _navigateur(hub: Hub, lien: str) -> dict:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} introuvable : make chromium")
    from playwright.sync_api import sync_playwright

    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    mesures = {}
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=str(CHROMIUM), args=OPTIONS_CHROMIUM)
        contexte = navigateur.new_context(locale="fr-FR", viewport={"width": 1400, "height": 900})
        refusees: list[str] = []

        def router(route) -> None:
            if route.request.url.startswith(hub.url) or route.request.url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                refusees.append(route.request.url)
                route.abort()

        contexte.route("**/*", router)
        page = contexte.new_page()
        # La liste de la classe est appliquée : un inconnu n'entre pas.
        page.goto(f"{hub.url}/hub/login")
        page.fill("input[name=username]", "intrus")
        page.fill("input[name=password]", "mot-de-passe")
        page.click("input[type=submit], button[type=submit]")
        page.wait_for_load_state()
        assert "/hub/login" in page.url and "intrus" not in hub.api("GET", "/hub/api/users")[1].decode()
        page.goto(f"{hub.url}/hub/login")
        page.fill("input[name=username]", "eleve1")
        page.fill("input[name=password]", "mot-de-passe")
        page.click("input[type=submit], button[type=submit]")
        debut = time.perf_counter()
        page.goto(lien)
        page.wait_for_selector(".jp-NotebookPanel", timeout=120_000)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        mesures["clic_jusqu_au_cahier_s"] = round(time.perf_counter() - debut, 1)
        assert "/user/eleve1/lab/tree/cours-grc/mon-travail/" in page.url  # sa copie, pas le cahier du cours
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ARTEFACTS / "eleve1-jupyterlab.png"))
        menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
        mesures["menus"] = menus
        mesures["interface_en_francais"] = "Fichier" in menus
        assert "Fichier" in menus, menus  # réglages de grc.reglages dans l'environnement des élèves
        mesures["requetes_hors_127"] = len(refusees)
        navigateur.close()
    return mesures


def _ecrire(mesures: dict, nom: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / f"mesures-{nom}.json").write_text(json.dumps(mesures, ensure_ascii=False, indent=2),
                                                    encoding="utf-8")
    print(json.dumps(mesures, ensure_ascii=False, indent=2))


def test_taille_du_serveur(classe) -> None:
    """Temps jusqu'au serveur prêt et mémoire par élève, pour 2 à 5 élèves qui arrivent ensemble."""
    hub, _ = classe
    resultats = []
    for nombre in (2, 3, 5):
        eleves = ELEVES[:nombre]
        for nom in eleves:
            hub.creer(nom)
        debut = time.perf_counter()
        for nom in eleves:
            hub.demarrer(nom)
        prets = {}
        while len(prets) < nombre and time.perf_counter() - debut < 300:
            for nom in eleves:
                if nom not in prets and hub.pret(nom):
                    prets[nom] = time.perf_counter() - debut
            time.sleep(0.2)
        assert len(prets) == nombre, f"serveurs prêts : {sorted(prets)}"
        # Chaque élève ouvre un cahier : un noyau avec pandas, grc et les transactions chargées.
        debut_noyaux = time.perf_counter()
        for nom in eleves:
            hub.executer(nom, CODE_NOYAU)
        duree_noyaux = time.perf_counter() - debut_noyaux
        memoires = {nom: _memoire_mo(nom) for nom in eleves}
        resultats.append({
            "eleves": nombre,
            "pret_max_s": round(max(prets.values()), 1),
            "pret_moyen_s": round(sum(prets.values()) / nombre, 1),
            "noyaux_charges_s": round(duree_noyaux, 1),
            "pss_moyen_mo": round(sum(m["pss_mo"] for m in memoires.values()) / nombre, 1),
            "rss_moyen_mo": round(sum(m["rss_mo"] for m in memoires.values()) / nombre, 1),
            "pss_max_mo": max(m["pss_mo"] for m in memoires.values()),
        })
        for nom in eleves:
            hub.arreter_serveur(nom)
    _ecrire({"mesures": resultats, "coeurs_machine": os.cpu_count()}, "taille")
