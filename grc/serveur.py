"""Extension du serveur Jupyter : la page « Commencer ici » et les copies de l'élève.

Chargée par ``jupyter_server_config.d/grc.json`` (écrit par ``python -m grc.reglages``), elle ajoute
trois adresses au serveur (derrière son authentification, comme JupyterLab lui-même) :

- ``<base>grc/accueil`` : réécrit ``mon-travail/Commencer ici.md`` (progression à jour) et ouvre
  JupyterLab dessus : c'est l'adresse par laquelle le poste de l'élève démarre ;
- ``<base>grc/ouvrir/<thème>`` : fait la copie de l'élève du cahier si elle n'existe pas (jamais
  d'écrasement), puis l'ouvre dans JupyterLab ;
- ``<base>grc/nouvelle-copie/<thème>`` : fait une copie neuve à côté de l'ancienne, puis l'ouvre.

Elle pose aussi ``GRC_RACINE_SERVEUR`` (dossier racine du serveur) pour les noyaux : les liens vers
les leçons (:func:`grc.travail.lien_lecon`) en ont besoin dans les widgets.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote


def trouver_cours(racine_serveur: Path) -> Path:
    """Le cours servi : ``$GRC_COURS``, la racine du serveur, un de ses parents ou un de ses sous-dossiers."""
    from .travail import _est_racine, racine_cours

    if os.environ.get("GRC_COURS"):
        return Path(os.environ["GRC_COURS"]).resolve()
    try:
        return racine_cours(racine_serveur)
    except FileNotFoundError:
        pass
    for sous in sorted(racine_serveur.iterdir()):
        if sous.is_dir() and _est_racine(sous):
            return sous.resolve()
    raise FileNotFoundError(f"aucun cours (dossiers notebooks/ et course/) dans {racine_serveur}")


def _chemin_lab(racine_serveur: Path, chemin: Path) -> str:
    """Le chemin d'un fichier pour l'adresse ``lab/tree/...`` (relatif à la racine du serveur)."""
    relatif = chemin.resolve().relative_to(racine_serveur.resolve()).as_posix()
    return quote(relatif)


def _gestionnaires(serveur):
    from jupyter_server.base.handlers import JupyterHandler
    from tornado import web

    from . import travail

    racine = Path(serveur.root_dir).resolve()

    class _Base(JupyterHandler):
        def _cours(self) -> Path:
            try:
                return trouver_cours(racine)
            except FileNotFoundError as erreur:
                raise web.HTTPError(404, str(erreur)) from None

        def _ouvrir(self, chemin: Path) -> None:
            # « ?reset » est transmis : JupyterLab ouvre alors ce seul fichier (espace de travail remis à zéro).
            suite = "?reset" if self.get_argument("reset", None) is not None else ""
            self.redirect(f"{self.base_url}lab/tree/{_chemin_lab(racine, chemin)}{suite}")

    class Accueil(_Base):
        @web.authenticated
        def get(self) -> None:
            cours = self._cours()
            self._ouvrir(travail.ecrire_accueil(cours, self.base_url))

    class Ouvrir(_Base):
        @web.authenticated
        def get(self, cle: str) -> None:
            cours = self._cours()
            try:
                copie = travail.faire_copie(cle, cours)
            except (KeyError, FileNotFoundError) as erreur:
                raise web.HTTPError(404, str(erreur.args[0] if erreur.args else erreur)) from None
            travail.ecrire_accueil(cours, self.base_url)
            self._ouvrir(copie)

    class NouvelleCopie(_Base):
        @web.authenticated
        def get(self, cle: str) -> None:
            cours = self._cours()
            try:
                copie = travail.nouvelle_copie(cle, cours)
            except (KeyError, FileNotFoundError) as erreur:
                raise web.HTTPError(404, str(erreur.args[0] if erreur.args else erreur)) from None
            travail.ecrire_accueil(cours, self.base_url)
            self._ouvrir(copie)

    return [(r"/grc/accueil/?", Accueil), (r"/grc/ouvrir/([\w-]+)/?", Ouvrir),
            (r"/grc/nouvelle-copie/([\w-]+)/?", NouvelleCopie)]


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "grc.serveur"}]


def _load_jupyter_server_extension(serveur) -> None:
    from jupyter_server.utils import url_path_join

    os.environ["GRC_RACINE_SERVEUR"] = str(Path(serveur.root_dir).resolve())
    base = serveur.web_app.settings["base_url"]
    serveur.web_app.add_handlers(
        ".*$", [(url_path_join(base, motif), classe) for motif, classe in _gestionnaires(serveur)])
    serveur.log.info("grc : page « Commencer ici » sur %sgrc/accueil", base)
