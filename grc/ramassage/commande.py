"""``grc classe ramasser DOSSIER`` : le tableau de la classe à partir des travaux rendus sur l'ENT.

Écrit le classeur (``--sortie``, par défaut ``<DOSSIER>-tableau.xlsx`` à côté du dossier), la page
imprimable de même nom en ``.html`` et, si WeasyPrint est installé, en ``.pdf``. Un fichier déjà là
n'est remplacé qu'avec ``--remplacer`` (vous l'avez peut-être annoté). Code de sortie : 1 pour un
dossier inutilisable (introuvable, vide, sans aucun retour), 0 sinon, anomalies listées.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["ajouter", "chemins_de_sortie"]


def chemins_de_sortie(dossier: Path, sortie: Path | None) -> tuple[Path, Path, Path]:
    """(classeur, page HTML, page PDF) : ``--sortie``, ou ``<DOSSIER>-tableau.xlsx`` à côté du dossier
    (ou dans le dossier ``--sortie`` s'il en est un).

    >>> [p.name for p in chemins_de_sortie(Path("retours/TS1 devoir"), None)]
    ['TS1 devoir-tableau.xlsx', 'TS1 devoir-tableau.html', 'TS1 devoir-tableau.pdf']
    >>> [p.name for p in chemins_de_sortie(Path("d"), Path("classe"))]
    ['classe.xlsx', 'classe.html', 'classe.pdf']
    """
    dossier = dossier.resolve()  # « . » : le nom du dossier courant, et le classeur à côté de lui
    nom = f"{dossier.name.removesuffix('.zip').removesuffix('.ZIP') or 'ramassage'}-tableau.xlsx"
    if sortie is None:
        sortie = dossier.parent / nom
    elif sortie.is_dir():
        sortie = sortie / nom
    classeur = sortie if sortie.suffix.lower() == ".xlsx" else sortie.with_name(sortie.name + ".xlsx")
    return classeur, classeur.with_suffix(".html"), classeur.with_suffix(".pdf")


def ajouter(actions: argparse._SubParsersAction, Parseur: type[argparse.ArgumentParser]) -> None:
    """Déclare l'action ``ramasser`` de ``grc classe``."""
    p = actions.add_parser(
        "ramasser", help="tableau de la classe à partir des travaux rendus (dossier téléchargé de l'ENT)",
        description="Lit un dossier de travaux rendus (un zip, un dossier ou un fichier par élève, nommé d'après "
                    "lui : « DUPONT Marie - devoir.zip », « Martin_Lea/ », « progression.json » renommé) et en fait "
                    "un tableau de classe : exercices justes par cahier, quiz, réponses rédigées côte à côte, "
                    "anomalies (fichier abîmé, doublon, élève non rendu...). Écrit un classeur .xlsx et une page "
                    "imprimable (.html, et .pdf si WeasyPrint est installé).")
    p.add_argument("dossier", type=Path, metavar="DOSSIER",
                   help="dossier des travaux rendus, ou le zip de toute la classe téléchargé de l'ENT")
    p.add_argument("--classe", type=Path, metavar="FICHIER",
                   help="liste de classe (CSV ou .xlsx ; colonne « Nom Prénom » de Pronote, ou « nom » et "
                        "« prenom ») : chaque retour est attribué à un élève sans deviner, les absents sont "
                        "« non rendu »")
    p.add_argument("--sortie", type=Path, metavar="XLSX",
                   help="classeur à écrire (défaut : <DOSSIER>-tableau.xlsx à côté du dossier) ; la page "
                        "imprimable prend le même nom en .html et .pdf")
    p.add_argument("--sans-pdf", action="store_true", help="n'écrit pas le PDF (la page HTML s'imprime aussi)")
    p.add_argument("--remplacer", action="store_true", help="remplace le classeur et la page s'ils existent déjà")
    p.set_defaults(executer=executer_ramasser)


def executer_ramasser(args: argparse.Namespace) -> int:
    """Lance le ramassage ; les erreurs prévisibles remontent en ``ValueError`` (message français, code 1)."""
    from ..qcm.feuille import PdfImpossible, lire_classe
    from .classeur import ecrire_classeur
    from .lecture import ErreurRamassage
    from .page import ecrire_page, ecrire_pdf
    from .tableau import ramasser

    classeur, page, pdf = chemins_de_sortie(args.dossier, args.sortie)
    cibles = [classeur, page] + ([] if args.sans_pdf else [pdf])
    deja = [c for c in cibles if c.exists()]
    if deja and not args.remplacer:
        raise ErreurRamassage(f"{', '.join(str(c) for c in deja)} existe déjà (vous l'avez peut-être annoté) : "
                              "ajoutez --remplacer pour l'écraser, ou choisissez un autre nom avec --sortie.")
    eleves = lire_classe(args.classe) if args.classe else None
    resultat = ramasser(args.dossier, eleves)
    ecrits = [ecrire_classeur(resultat, classeur), ecrire_page(resultat, page)]
    probleme_pdf = ""
    if not args.sans_pdf:
        try:
            ecrits.append(ecrire_pdf(resultat, pdf))
        except PdfImpossible as exc:
            probleme_pdf = str(exc)
    print(resultat.resume())
    if eleves is None:
        print("Sans liste de classe (--classe), les élèves qui n'ont rien rendu ne peuvent pas être repérés.")
    for _, a in resultat.anomalies.iterrows():
        qui = a["eleve"] or a["source"]
        print(f"  [{a['gravite']}] {qui} : {a['probleme']}" + (f" — {a['suite']}" if a["suite"] else ""),
              file=sys.stderr)
    if probleme_pdf:
        print(f"PDF non écrit : {probleme_pdf} La page HTML s'imprime depuis le navigateur (Ctrl+P).",
              file=sys.stderr)
    print("Fichiers écrits : " + ", ".join(str(c) for c in ecrits))
    return 0
