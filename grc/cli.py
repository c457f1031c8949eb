"""La commande ``grc`` : les outils de l'enseignant, en ligne de commande et en français.

``grc qcm valider|lister|feuille|exporter|corriger`` (voir ``grc qcm --help``), ``grc fiches``
(les fiches de révision en PDF).
D'autres sous-commandes pourront s'ajouter à côté de ``qcm``.

>>> main(["qcm", "lister", "--themes", "rfm"]) == 0  # doctest: +ELLIPSIS
rfm-001 ...
True
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence

# Les messages d'argparse sont en anglais : on traduit ceux que l'utilisateur peut voir.
_TRADUCTIONS = [
    (r"the following arguments are required: (.*)", r"arguments obligatoires manquants : \1"),
    (r"unrecognized arguments: (.*)", r"arguments inconnus : \1"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", r"argument \1 : choix invalide \2 (possibles : \3)"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"argument \1 : valeur invalide \3 (type attendu : \2)"),
    (r"argument (\S+): expected one argument", r"argument \1 : une valeur est attendue"),
    (r"argument (\S+): (.*)", r"argument \1 : \2"),
]


class Formateur(argparse.RawDescriptionHelpFormatter):
    """Aide en français : « utilisation : » au lieu de « usage: »."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        return super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)

    def _fill_text(self, text, width, indent):  # type: ignore[no-untyped-def]
        """Chaque ligne de la description est repliée à la largeur du terminal ; les sauts de ligne restent."""
        import textwrap

        return "\n".join(textwrap.fill(ligne, width, initial_indent=indent, subsequent_indent=indent) or ligne
                         for ligne in text.splitlines())


class Parseur(argparse.ArgumentParser):
    """Un ArgumentParser aux titres, à l'aide et aux erreurs en français."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", Formateur)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="affiche cette aide et quitte")

    def error(self, message: str) -> None:  # type: ignore[override]
        for motif, remplacement in _TRADUCTIONS:
            if re.fullmatch(motif, message):
                message = re.sub(motif, remplacement, message)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")


def construire_parseur() -> Parseur:
    """Le parseur de ``grc`` et de ses sous-commandes."""
    from grc import classe, fiches
    from grc.qcm import commandes

    parseur = Parseur(prog="grc", description="Les outils du cours de gestion de la relation client (GRC).")
    sous_commandes = parseur.add_subparsers(dest="commande", title="commandes", metavar="COMMANDE",
                                            parser_class=Parseur)
    sous_commandes.required = True
    commandes.ajouter(sous_commandes, Parseur)
    classe.ajouter(sous_commandes, Parseur)
    fiches.ajouter(sous_commandes, Parseur)
    return parseur


def main(argv: Sequence[str] | None = None) -> int:
    """Point d'entrée de la commande ``grc`` ; renvoie le code de sortie."""
    from grc.qcm.commandes import executer

    args = construire_parseur().parse_args(argv)
    return executer(args)


if __name__ == "__main__":
    sys.exit(main())
