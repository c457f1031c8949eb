"""Les réglages du poste de l'élève, écrits dans l'environnement Python (``sys.prefix``).

Posés par la configuration, pas par l'élève : ``python demarrer.py`` et ``make lab`` les écrivent
(et un JupyterHub peut lancer ``python -m grc.reglages`` dans son image) :

- ``share/jupyter/lab/settings/overrides.json`` : JupyterLab en français (paquet de langue
  ``jupyterlab-language-pack-fr-FR``), pas de bulle « nouvelles de Jupyter », les fichiers Markdown
  (leçons MyST) ouverts rendus (aperçu) et non en source ;
- ``etc/ipython/ipython_kernel_config.py`` : le noyau charge l'extension ``grc.erreurs`` (erreurs
  de débutant expliquées en français) ; ``GRC_ERREURS=0`` la coupe ;
- ``etc/jupyter/jupyter_server_config.d/grc.json`` : l'extension serveur :mod:`grc.serveur`
  (page « Commencer ici », copies de l'élève) ;
- ``etc/jupyter/labconfig/page_config.json`` : menus de nbgrader masqués aux élèves.

Les fichiers JSON existants sont complétés (les autres clés sont gardées). Ce module n'utilise que
la bibliothèque standard.

>>> sorted(REGLAGES_JUPYTERLAB)  # doctest: +NORMALIZE_WHITESPACE
['@jupyterlab/apputils-extension:notification', '@jupyterlab/docmanager-extension:plugin',
 '@jupyterlab/translation-extension:plugin']
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

#: Réglages de JupyterLab imposés par défaut (l'élève peut encore les changer dans ses paramètres).
REGLAGES_JUPYTERLAB: dict[str, dict] = {
    "@jupyterlab/translation-extension:plugin": {"locale": "fr_FR"},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Markdown Preview"}},
}

#: Extensions de JupyterLab masquées aux élèves (un enseignant les rétablit : voir le README).
EXTENSIONS_MASQUEES = ("@jupyter/nbgrader",)

CONFIG_NOYAU = '''\
# Écrit par « python -m grc.reglages » (demarrer.py, make lab) : ne pas modifier à la main.
# Explications en français des erreurs de débutant (extension IPython grc.erreurs).
# Pour les couper : variable d'environnement GRC_ERREURS=0, ou supprimez la ligne « extensions ».
import importlib.util
import os

try:
    _grc_erreurs = os.environ.get("GRC_ERREURS", "1") != "0" and importlib.util.find_spec("grc.erreurs") is not None
except Exception:  # un paquet grc absent ou cassé ne doit jamais empêcher le noyau de démarrer
    _grc_erreurs = False
if _grc_erreurs:
    c.InteractiveShellApp.extensions = ["grc.erreurs"]
'''

CONFIG_SERVEUR = {"ServerApp": {"jpserver_extensions": {"grc.serveur": True}}}


def _completer_json(chemin: Path, ajout: dict) -> None:
    """Fusionne ``ajout`` dans le JSON de ``chemin`` (créé s'il manque), sur deux niveaux de clés."""
    try:
        contenu = json.loads(chemin.read_text(encoding="utf-8"))
        if not isinstance(contenu, dict):
            contenu = {}
    except (OSError, ValueError):
        contenu = {}
    for cle, valeur in ajout.items():
        if isinstance(valeur, dict) and isinstance(contenu.get(cle), dict):
            contenu[cle] = {**contenu[cle], **valeur}
        else:
            contenu[cle] = valeur
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(json.dumps(contenu, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def fichiers(prefixe: str | Path | None = None) -> dict[str, Path]:
    """Les chemins des fichiers de réglages pour l'environnement ``prefixe`` (``sys.prefix`` par défaut).

    >>> sorted(fichiers("/env"))
    ['jupyterlab', 'noyau', 'pages', 'serveur']
    >>> fichiers("/env")["noyau"].as_posix()
    '/env/etc/ipython/ipython_kernel_config.py'
    """
    p = Path(prefixe or sys.prefix)
    return {
        "jupyterlab": p / "share" / "jupyter" / "lab" / "settings" / "overrides.json",
        "noyau": p / "etc" / "ipython" / "ipython_kernel_config.py",
        "serveur": p / "etc" / "jupyter" / "jupyter_server_config.d" / "grc.json",
        "pages": p / "etc" / "jupyter" / "labconfig" / "page_config.json",
    }


def ecrire_reglages(prefixe: str | Path | None = None, masquer_nbgrader: bool = True) -> dict[str, Path]:
    """Écrit les réglages du poste de l'élève dans l'environnement ``prefixe`` ; renvoie les chemins.

    >>> import tempfile
    >>> chemins = ecrire_reglages(tempfile.mkdtemp())
    >>> import json; json.loads(chemins["jupyterlab"].read_text())["@jupyterlab/translation-extension:plugin"]
    {'locale': 'fr_FR'}
    """
    chemins = fichiers(prefixe)
    _completer_json(chemins["jupyterlab"], REGLAGES_JUPYTERLAB)
    chemins["noyau"].parent.mkdir(parents=True, exist_ok=True)
    chemins["noyau"].write_text(CONFIG_NOYAU, encoding="utf-8")
    _completer_json(chemins["serveur"], CONFIG_SERVEUR)
    _completer_json(chemins["pages"], {"disabledExtensions": dict.fromkeys(EXTENSIONS_MASQUEES, masquer_nbgrader)})
    return chemins


def main(argv: list[str] | None = None) -> int:
    """``python -m grc.reglages [--prefixe DOSSIER] [--avec-nbgrader]``."""
    import argparse

    parseur = argparse.ArgumentParser(prog="python -m grc.reglages",
                                      description="Écrit les réglages du poste de l'élève (JupyterLab en français...).")
    parseur.add_argument("--prefixe", help="environnement Python visé (par défaut : celui de cette commande)")
    parseur.add_argument("--avec-nbgrader", action="store_true", help="laisse visibles les menus de nbgrader")
    args = parseur.parse_args(argv)
    for nom, chemin in ecrire_reglages(args.prefixe, masquer_nbgrader=not args.avec_nbgrader).items():
        print(f"{nom:<10} {chemin}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
