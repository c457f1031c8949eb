"""Outils des tests dans un vrai navigateur : Chromium de Debian piloté par Playwright.

- :func:`lancer_chromium` : le Chromium du système (``/usr/bin/chromium``), jamais un
  navigateur téléchargé (pas de ``playwright install``) ;
- :class:`JupyterLab` : un serveur démarré comme ``make lab`` (127.0.0.1, jeton,
  ``--allow-root`` sous root) sur un port libre, dans un dossier temporaire où l'on
  copie les cahiers (le navigateur ne modifie donc jamais ceux du dépôt) ;
- :class:`ServeurStatique` : le site construit, servi sur 127.0.0.1 ;
- :func:`executer_tout`, :func:`erreurs_affichees`... : les gestes d'un élève dans JupyterLab.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import secrets
import shutil
import socket
import socketserver
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
OPTIONS_CHROMIUM = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"]
RACINE = Path(__file__).resolve().parents[2]
#: « reduit » (un cahier, le site du thème 00 : la forme de la CI), « complet », ou vide (tests sautés).
MODE = os.environ.get("GRC_NAVIGATEUR", "").strip().lower()
ARTEFACTS = RACINE / "artefacts" / "navigateur"
#: Le cahier affiché (JupyterLab garde les autres onglets cachés dans le DOM).
PANNEAU = ".jp-NotebookPanel:not(.lm-mod-hidden)"
#: Une ligne d'erreur Python dans une sortie : « ValueError: ... », « Traceback (most recent call last) ».
MOTIF_ERREUR = re.compile(r"Traceback \(most recent call last\)|^\s*[A-Za-z_.]*(Error|Exception)\b",
                          re.MULTILINE)


def cahiers_testes() -> list[Path]:
    """Les cahiers ouverts dans JupyterLab : le premier (forme réduite) ou tous."""
    tous = sorted((RACINE / "notebooks").glob("*.ipynb"))
    return tous[:1] if MODE == "reduit" else tous


def trace_des_graphiques(cahier: Path) -> bool:
    """Vrai si le cahier dessine (seaborn, matplotlib) : ses pages doivent alors montrer un graphique."""
    return bool(re.search(r"\b(sns|plt)\.|\.plot\(", cahier.read_text(encoding="utf-8")))


def port_libre() -> int:
    """Un port TCP libre sur 127.0.0.1 (choisi par le système)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lancer_chromium(playwright):
    """Le Chromium de Debian, sans interface, avec les options de la chaîne d'outils du projet."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=OPTIONS_CHROMIUM)


def capture(page, nom: str, pleine_page: bool = False) -> Path:
    """Enregistre une capture d'écran dans ``artefacts/navigateur/``."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    chemin = ARTEFACTS / f"{nom}.png"
    page.screenshot(path=str(chemin), full_page=pleine_page)
    return chemin


# --- Le site statique ---------------------------------------------------------------------


class _Silencieux(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # pas de journal de chaque requête dans la sortie des tests
        pass


class _ServeurHTTP(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


class ServeurStatique:
    """Sert un dossier sur 127.0.0.1 (port libre) dans un fil d'exécution ; ``with`` l'arrête."""

    def __init__(self, dossier: Path) -> None:
        self.serveur = _ServeurHTTP(("127.0.0.1", 0), functools.partial(_Silencieux, directory=str(dossier)))
        self.adresse = f"http://127.0.0.1:{self.serveur.server_address[1]}"
        self.fil = threading.Thread(target=self.serveur.serve_forever, daemon=True)

    def __enter__(self) -> ServeurStatique:
        self.fil.start()
        return self

    def __exit__(self, *exc) -> None:
        self.serveur.shutdown()
        self.serveur.server_close()


def bloquer_internet(contexte, origine: str) -> list[str]:
    """Refuse toute requête hors de ``origine`` et renvoie la liste (remplie au fil de l'eau) des refusées."""
    refusees: list[str] = []

    def router(route) -> None:
        url = route.request.url
        if url.startswith(origine) or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            refusees.append(url)
            route.abort()

    contexte.route("**/*", router)
    return refusees


# --- JupyterLab ---------------------------------------------------------------------------


def _reglages(dossier: Path) -> None:
    """Réglages d'utilisateur du JupyterLab de test : toutes les cellules dans la page, pas de nouvelles."""
    fichiers = {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                            "checkForUpdates": False},
    }
    for nom, contenu in fichiers.items():
        chemin = dossier / nom
        chemin.parent.mkdir(parents=True, exist_ok=True)
        chemin.write_text(json.dumps(contenu), encoding="utf-8")


class JupyterLab:
    """Un serveur JupyterLab de test, lancé comme ``make lab`` sur une copie des cahiers.

    Options de ``demarrer.py`` / ``make lab`` : ``--ip=127.0.0.1 --no-browser`` (et ``--allow-root``
    sous root), ``--ServerApp.root_dir``, ``--LabApp.default_url=/grc/accueil`` ; en plus : un port
    libre et un jeton tiré au hasard. Les réglages de l'environnement (``python -m grc.reglages`` :
    JupyterLab en français, extension serveur ``grc.serveur``) sont ceux de ``.venv``.
    """

    def __init__(self, dossier: Path, cahiers: list[Path], lecons: bool = True) -> None:
        self.dossier = dossier
        (dossier / "notebooks").mkdir(parents=True, exist_ok=True)
        for cahier in cahiers:
            shutil.copy2(cahier, dossier / "notebooks" / cahier.name)
        if lecons:  # les leçons (sans la banque du QCM) : la page d'accueil et les liens y mènent
            shutil.copytree(RACINE / "course", dossier / "course", ignore=shutil.ignore_patterns("qcm"))
        self.port = port_libre()
        self.jeton = secrets.token_hex(16)
        self.adresse = f"http://127.0.0.1:{self.port}"
        self.processus: subprocess.Popen | None = None
        self.journal = dossier / "jupyterlab.log"

    def commande(self) -> list[str]:
        racine = ["--allow-root"] if os.geteuid() == 0 else []
        return [sys.executable, "-m", "jupyterlab", "--ip=127.0.0.1", "--no-browser", *racine,
                f"--ServerApp.root_dir={self.dossier}", "--LabApp.default_url=/grc/accueil",
                f"--port={self.port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.jeton}"]

    def demarrer(self, delai: float = 90) -> None:
        reglages = self.dossier / "reglages"
        _reglages(reglages)
        # Comme chez l'élève : ni backend imposé, ni dossier de travail ou de cours venus des tests.
        env = {k: v for k, v in os.environ.items()
               if k not in {"MPLBACKEND", "GRC_TRAVAIL", "GRC_PROGRESSION", "GRC_COURS", "GRC_CORRIGE"}}
        env.update(JUPYTERLAB_SETTINGS_DIR=str(reglages), JUPYTERLAB_WORKSPACES_DIR=str(self.dossier / "espaces"),
                   JUPYTER_RUNTIME_DIR=str(self.dossier / "execution"))
        self.processus = subprocess.Popen(self.commande(), cwd=self.dossier, env=env, stdout=self.journal.open("w"),
                                          stderr=subprocess.STDOUT)
        fin = time.monotonic() + delai
        while time.monotonic() < fin:
            if self.processus.poll() is not None:
                raise RuntimeError(f"JupyterLab s'est arrêté au démarrage :\n{self.journal.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.adresse}/api/status?token={self.jeton}", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"JupyterLab ne répond pas après {delai} s :\n{self.journal.read_text()[-3000:]}")

    def url_accueil(self) -> str:
        """L'adresse par laquelle démarre le poste de l'élève (``demarrer.py``, ``make lab``)."""
        return f"{self.adresse}/grc/accueil?token={self.jeton}"

    def url_fichier(self, chemin: str) -> str:
        """L'adresse d'un fichier (chemin depuis la racine), espace de travail remis à zéro."""
        return f"{self.adresse}/lab/tree/{chemin}?reset&token={self.jeton}"

    def url_cahier(self, nom: str) -> str:
        """L'adresse du cahier, espace de travail remis à zéro (« reset ») : seul ce cahier s'ouvre."""
        return f"{self.adresse}/lab/tree/notebooks/{nom}?reset&token={self.jeton}"

    def _api(self, chemin: str, methode: str = "GET"):
        requete = urllib.request.Request(f"{self.adresse}{chemin}", method=methode,
                                         headers={"Authorization": f"token {self.jeton}"})
        with urllib.request.urlopen(requete, timeout=30) as r:
            contenu = r.read()
        return json.loads(contenu) if contenu else None

    def fermer_sessions(self) -> int:
        """Ferme toutes les sessions (et leurs noyaux) du serveur de test ; renvoie leur nombre."""
        sessions = self._api("/api/sessions")
        for session in sessions:
            self._api(f"/api/sessions/{session['id']}", "DELETE")
        return len(sessions)

    def arreter(self) -> None:
        if self.processus is not None and self.processus.poll() is None:
            self.processus.terminate()
            try:
                self.processus.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.processus.kill()
                self.processus.wait(timeout=10)


def ouvrir_cahier(page, lab: JupyterLab, nom: str, delai_ms: int = 90_000) -> None:
    """Ouvre un cahier et attend que son noyau soit prêt (indicateur d'exécution « idle »)."""
    page.goto(lab.url_cahier(nom))
    page.wait_for_selector(f"{PANNEAU} .jp-Notebook .jp-Cell", timeout=delai_ms)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=delai_ms)
    fermer_notifications(page)


def fermer_notifications(page) -> None:
    """Ferme la bulle « recevoir les nouvelles de Jupyter ? » si elle s'affiche malgré les réglages."""
    bouton = page.locator(".jp-toast-button", has_text=re.compile(r"^\s*(No|Non)\s*$"))
    if bouton.count():
        bouton.first.click()


def executer_tout(page, delai_ms: int = 300_000) -> None:
    """Menu « Run » puis « Run All Cells », et attente de la fin (plus aucune cellule « [*] », noyau au repos)."""
    # Interface en français (demarrer.py, make lab : paquet de langue) ; en anglais sans ces réglages.
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^\s*(Exécution|Run)\s*$")).first.click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
    page.wait_for_function(
        """() => {
            const panneau = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
            const prompts = panneau ? [...panneau.querySelectorAll('.jp-CodeCell .jp-InputPrompt')] : [];
            const indicateur = document.querySelector('.jp-Notebook-ExecutionIndicator');
            return prompts.length > 0 && prompts.every(p => !p.textContent.includes('*'))
                && indicateur && indicateur.dataset.status === 'idle';
        }""",
        timeout=delai_ms, polling=500,
    )


def cellules_non_executees(page) -> list[int]:
    """Les rangs (à partir de 1) des cellules de code sans numéro d'exécution : « [ ]: ».

    Une cellule repliée (``jupyter.source_hidden`` : son code est remplacé par sa première ligne suivie de « ••• ») n'affiche
    pas d'invite : on ne peut pas lire son numéro, elle est laissée de côté (une erreur y reste visible
    dans ses sorties, et un « Run All » arrêté laisse sans numéro les cellules visibles qui la suivent).
    """
    invites = page.evaluate(f"""() => [...document.querySelectorAll('{PANNEAU} .jp-CodeCell')].map(c => ({{
        repliee: !!c.querySelector('.jp-InputPlaceholder'),
        texte: (c.querySelector('.jp-InputPrompt') || {{}}).textContent || ''}}))""")
    return [i + 1 for i, invite in enumerate(invites)
            if not invite["repliee"] and not re.search(r"\[\d+\]", invite["texte"])]


def erreurs_affichees(page) -> list[str]:
    """Le texte des sorties d'erreur visibles (traceback Python) dans le cahier ouvert."""
    selecteur = f"{PANNEAU} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
    textes = page.locator(selecteur).all_inner_texts()
    return [t[:500] for t in textes if MOTIF_ERREUR.search(t)]


def images_visibles(page) -> int:
    """Le nombre d'images de sorties (graphiques) chargées et de taille raisonnable."""
    return page.evaluate("""() => [...document.querySelectorAll(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img')]
        .filter(i => i.complete && i.naturalWidth > 50 && i.getBoundingClientRect().width > 50).length""")
