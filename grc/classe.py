"""``grc classe`` : mettre une classe sur un serveur JupyterHub, avec des liens nbgitpuller.

Un lien nbgitpuller, ouvert par un élève connecté au serveur de la classe, tire (``git pull``)
l'édition élève du cours dans son dossier personnel, puis ouvre **sa copie** du cahier choisi
(adresse ``grc/ouvrir/<thème>`` de l'extension :mod:`grc.serveur` : la copie est faite dans
``mon-travail/`` au premier clic, jamais écrasée ensuite). Le même lien, cliqué plus tard, apporte
les mises à jour du cours sans toucher à ``mon-travail/`` (ignoré par git dans l'édition élève).

>>> print(lien_nbgitpuller("https://classe.lycee.fr", "https://github.com/prof/cours-grc", "eleves", "02"))
https://classe.lycee.fr/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fprof%2Fcours-grc&branch=eleves&urlpath=grc%2Fouvrir%2F02&targetPath=cours-grc
"""

from __future__ import annotations

import argparse
from urllib.parse import quote, urlencode, urlsplit

from .themes import theme

__all__ = ["dossier_par_defaut", "lien_nbgitpuller"]


def dossier_par_defaut(depot: str) -> str:
    """Le dossier où nbgitpuller clone le dépôt : son dernier nom, sans ``.git``.

    >>> dossier_par_defaut("https://forge.education.fr/prof/cours-grc.git")
    'cours-grc'
    >>> dossier_par_defaut("/srv/depots/cours-grc/")
    'cours-grc'
    """
    nom = urlsplit(depot).path.rstrip("/").rsplit("/", 1)[-1]
    return nom[:-4] if nom.endswith(".git") else nom


def lien_nbgitpuller(hub: str, depot: str, branche: str = "eleves", cahier: str | None = None,
                     dossier: str | None = None) -> str:
    """Le lien nbgitpuller qui tire ``depot`` (branche ``branche``) et ouvre la copie de ``cahier``.

    Parameters
    ----------
    hub : str
        Adresse du serveur de la classe, par exemple ``https://classe.lycee.fr``.
    depot : str
        Adresse git de l'édition élève (``https://...``, ou un chemin sur le serveur).
    branche : str
        Branche de l'édition élève (``eleves`` si elle a été faite par ``python -m outils.edition
        --branche eleves``).
    cahier : str, optional
        Thème (``02``, ``rfm``, ``02-segmentation-rfm.ipynb``) dont l'élève ouvre sa copie ; sans
        lui, le lien ouvre la page « Commencer ici ».
    dossier : str, optional
        Dossier de l'élève où le cours arrive (par défaut : le nom du dépôt).

    >>> lien = lien_nbgitpuller("http://127.0.0.1:8000/", "/srv/cours-grc", cahier="rfm", dossier="cours")
    >>> lien.split("&")[-2:]
    ['urlpath=grc%2Fouvrir%2F02', 'targetPath=cours']
    """
    if not hub.startswith(("http://", "https://")):
        raise ValueError(f"Adresse du serveur invalide : « {hub} ». Écrivez-la en entier : https://...")
    cible = dossier or dossier_par_defaut(depot)
    if not cible:
        raise ValueError(f"Impossible de tirer un nom de dossier de « {depot} » : donnez --dossier.")
    chemin = f"grc/ouvrir/{theme(cahier.removesuffix('.ipynb')).numero}" if cahier else "grc/accueil"
    # targetPath toujours écrit : sans lui, nbgitpuller garderait le « .git » final dans le nom du dossier.
    parametres = {"repo": depot, "branch": branche, "urlpath": chemin, "targetPath": cible}
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{urlencode(parametres, quote_via=quote, safe='')}"


def ajouter(sous_commandes: argparse._SubParsersAction, Parseur: type[argparse.ArgumentParser]) -> None:
    """Déclare ``grc classe`` et sa sous-commande ``lien`` dans le parseur principal."""
    classe = sous_commandes.add_parser(
        "classe", help="la classe : liens nbgitpuller vers l'édition élève, ramassage du travail rendu",
        description="Outils de la classe : liens du serveur JupyterHub, ramassage du travail rendu (voir la page "
                    "des enseignants).")
    actions = classe.add_subparsers(dest="action", title="actions", metavar="ACTION", parser_class=Parseur)
    actions.required = True
    p = actions.add_parser(
        "lien", help="écrit le lien nbgitpuller d'un cahier, à donner aux élèves",
        description="Écrit le lien qui tire l'édition élève dans le dossier de chaque élève et ouvre le cahier.")
    p.add_argument("--hub", required=True, help="adresse du serveur de la classe (https://...)")
    p.add_argument("--depot", required=True, help="adresse git de l'édition élève")
    p.add_argument("--branche", default="eleves", help="branche de l'édition élève (défaut : eleves)")
    p.add_argument("--cahier", help="thème dont l'élève ouvre sa copie (02, rfm, 02-segmentation-rfm.ipynb) ; "
                                    "sans lui : la page « Commencer ici »")
    p.add_argument("--dossier", help="dossier de l'élève où arrive le cours (défaut : nom du dépôt)")
    p.set_defaults(executer=_executer_lien)
    from .ramassage.commande import ajouter as ajouter_ramasser

    ajouter_ramasser(actions, Parseur)


def _executer_lien(args: argparse.Namespace) -> int:
    try:
        print(lien_nbgitpuller(args.hub, args.depot, args.branche, args.cahier, args.dossier))
    except KeyError as exc:
        raise ValueError(exc.args[0]) from None
    return 0
