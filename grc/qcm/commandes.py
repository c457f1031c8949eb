"""Les sous-commandes ``grc qcm ...`` : valider, lister, feuille, exporter, corriger.

Chaque fonction ``_xxx(args)`` renvoie le code de sortie (0 : succès) ; les
erreurs prévisibles (fichier absent, banque invalide, thème inconnu) sont
écrites en français sur la sortie d'erreur, sans trace Python.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .banque import ErreurBanque, charger_banque, resoudre_themes, sections_manquantes, valider_banque
from .calculs import ErreurCalcul
from .fichiers import ErreurFichier
from .schema import THEMES

_THEMES_AIDE = ", ".join(f"{num} {e}" for e, (num, _) in THEMES.items())


def lire_difficultes(texte: str | None) -> list[int] | None:
    """« 2 » → [2] ; « 1-2 » → [1, 2] ; « 1,3 » → [1, 3] ; vide → toutes.

    >>> lire_difficultes("1-2"), lire_difficultes("3"), lire_difficultes(None)
    ([1, 2], [3], None)
    """
    if not texte:
        return None
    niveaux: set[int] = set()
    for morceau in texte.replace(" ", "").split(","):
        debut, _, fin = morceau.partition("-")
        if not debut.isdigit() or (fin and not fin.isdigit()):
            raise argparse.ArgumentTypeError(f"difficulté illisible : « {texte} » (exemples : 2, 1-2, 1,3)")
        niveaux.update(range(int(debut), int(fin or debut) + 1))
    if not niveaux <= {1, 2, 3}:
        raise argparse.ArgumentTypeError(f"difficulté hors de 1 à 3 : « {texte} »")
    return sorted(niveaux)


def ajouter(sous_commandes: argparse._SubParsersAction, Parseur: type[argparse.ArgumentParser]) -> None:
    """Déclare ``grc qcm`` et ses sous-commandes dans le parseur principal."""
    qcm = sous_commandes.add_parser(
        "qcm", help="banque de questions : valider, lister, feuilles de classe, exports, correction",
        description="Le QCM du cours : la banque course/qcm/*.yml, les feuilles d'une classe, les exports "
                    "vers Moodle / GIFT / AMC et la correction des réponses.",
    )
    actions = qcm.add_subparsers(dest="action", title="actions", metavar="ACTION", parser_class=Parseur)
    actions.required = True
    _valider(actions)
    _lister(actions)
    _feuille(actions)
    _exporter(actions)
    _corriger(actions)


def _options_banque(p: argparse.ArgumentParser) -> None:
    p.add_argument("--banque", type=Path, metavar="DOSSIER",
                   help="dossier des fichiers YAML (défaut : course/qcm du dépôt, ou $GRC_QCM_BANQUE)")


def _options_selection(p: argparse.ArgumentParser, nombre: bool) -> None:
    p.add_argument("--themes", default="tous", metavar="THEMES",
                   help=f"thèmes séparés par des virgules, ou « tous » (défaut). Thèmes : {_THEMES_AIDE}")
    p.add_argument("--difficulte", type=lire_difficultes, metavar="NIVEAUX",
                   help="niveaux retenus : 2, 1-2 ou 1,3 (défaut : tous)")
    if nombre:
        p.add_argument("--nombre", type=int, default=10, help="nombre de questions (défaut : 10)")


def _valider(actions: argparse._SubParsersAction) -> None:
    p = actions.add_parser("valider", help="vérifie toute la banque (schéma, identifiants, calculs)",
                           description="Vérifie chaque fichier de la banque : schéma, identifiants uniques, "
                                       "fonctions de calcul autorisées, et chaque question paramétrée sur "
                                       "plusieurs graines (les pièges doivent différer de la réponse).")
    _options_banque(p)
    p.add_argument("--graines", type=int, default=200, help="nombre de tirages essayés par question (défaut : 200)")
    p.set_defaults(executer=_executer_valider)


def _executer_valider(args: argparse.Namespace) -> int:
    banque = valider_banque(args.banque, range(args.graines))
    print(f"Banque valide : {len(banque)} questions.")
    for theme in banque.themes():
        n = len(banque.selectionner(theme))
        print(f"  {THEMES[theme][0]} {theme:<16} {n:>3} questions")
    manquantes = sections_manquantes(banque)
    for m in manquantes:
        print(f"Attention : {m}.", file=sys.stderr)
    return 0


def _lister(actions: argparse._SubParsersAction) -> None:
    p = actions.add_parser("lister", help="liste les questions (identifiant, difficulté, type, section)",
                           description="Liste les questions de la banque, filtrées par thème et difficulté.")
    _options_banque(p)
    _options_selection(p, nombre=False)
    p.set_defaults(executer=_executer_lister)


def _executer_lister(args: argparse.Namespace) -> int:
    questions = charger_banque(args.banque).selectionner(args.themes, args.difficulte)
    for q in questions:
        enonce = " ".join(q.enonce.split())
        enonce = enonce if len(enonce) <= 70 else enonce[:69] + "…"
        parametre = " (paramétrée)" if q.variables else ""
        print(f"{q.id:<20} {'★' * q.difficulte:<3} {q.type:<10} {q.section:<26} {enonce}{parametre}")
    print(f"{len(questions)} question(s).")
    return 0


def _feuille(actions: argparse._SubParsersAction) -> None:
    p = actions.add_parser(
        "feuille", help="feuilles imprimables d'une classe (une variante par élève) et leur corrigé CSV",
        description="Prépare un QCM pour une classe : mêmes questions pour tous, mais ordre, choix et nombres "
                    "propres à chaque élève. Écrit un HTML imprimable (une copie par page, case nom) et le "
                    "corrigé CSV qu'attend « grc qcm corriger ». La même graine redonne les mêmes feuilles.",
    )
    p.add_argument("--classe", type=Path, required=True, metavar="CSV",
                   help="liste d'élèves : colonne « eleve », ou « nom » et « prenom » (séparateur ; ou ,)")
    _options_banque(p)
    _options_selection(p, nombre=True)
    p.add_argument("--graine", type=int, default=0, help="graine du tirage (défaut : 0)")
    p.add_argument("--titre", default="QCM — Gestion de la relation client", help="titre imprimé sur les copies")
    p.add_argument("--sortie", type=Path, default=Path("qcm"), metavar="DOSSIER",
                   help="dossier où écrire qcm.html et qcm_corrige.csv (défaut : ./qcm)")
    p.add_argument("--numeriques-en-qcm", action="store_true",
                   help="pose les questions chiffrées en choix unique (réponse et pièges calculés)")
    p.set_defaults(executer=_executer_feuille)


def _executer_feuille(args: argparse.Namespace) -> int:
    from .feuille import ecrire_feuilles, lire_classe, preparer_copies

    eleves = lire_classe(args.classe)
    copies = preparer_copies(eleves, charger_banque(args.banque), args.themes, args.nombre, args.graine,
                             args.difficulte, args.numeriques_en_qcm)
    page, corrige = ecrire_feuilles(copies, args.sortie, args.titre, args.graine)
    print(f"{len(copies)} copie(s) de {len(copies[0].questions)} question(s).")
    print(f"Feuilles à imprimer : {page}")
    print(f"Corrigé : {corrige}")
    return 0


def _exporter(actions: argparse._SubParsersAction) -> None:
    from .exports import FORMATS

    p = actions.add_parser(
        "exporter", help="exporte la banque vers Moodle XML, GIFT ou AMC-TXT",
        description="Exporte la banque (ou une sélection) : Moodle XML (une catégorie par thème, retour par "
                    "réponse), GIFT, ou AMC-TXT pour auto-multiple-choice (questions chiffrées en choix unique).",
    )
    p.add_argument("--format", choices=FORMATS, required=True, help="moodle, gift ou amc")
    _options_banque(p)
    _options_selection(p, nombre=False)
    p.add_argument("--variantes", type=int, default=1,
                   help="tirages exportés par question paramétrée (défaut : 1)")
    p.add_argument("--graine", type=int, default=0, help="graine du premier tirage (défaut : 0)")
    p.add_argument("--titre", default="QCM — Cours GRC", help="titre du sujet (AMC)")
    p.add_argument("--sortie", type=Path, metavar="FICHIER",
                   help="fichier à écrire (défaut : qcm_grc.<extension du format>)")
    p.set_defaults(executer=_executer_exporter)


def _executer_exporter(args: argparse.Namespace) -> int:
    from .exports import EXTENSIONS, exporter

    questions = charger_banque(args.banque).selectionner(args.themes, args.difficulte)
    if not questions:
        raise ValueError("Aucune question ne correspond à ces thèmes et difficultés.")
    sortie = args.sortie or Path(f"qcm_grc.{EXTENSIONS[args.format]}")
    sortie.parent.mkdir(parents=True, exist_ok=True)
    sortie.write_text(exporter(questions, args.format, args.variantes, args.graine, args.titre), encoding="utf-8")
    print(f"{len(questions)} question(s) exportée(s) au format {args.format} : {sortie}")
    return 0


def _corriger(actions: argparse._SubParsersAction) -> None:
    p = actions.add_parser(
        "corriger", help="note les réponses d'une classe et analyse chaque question",
        description="Note les réponses relevées (CSV eleve, question, reponse ; question = numéro sur la copie "
                    "ou identifiant ; réponse = lettre(s) « A » ou « AC », « V »/« F », ou un nombre) contre le "
                    "corrigé de « grc qcm feuille ». Écrit les scores par élève, l'analyse des questions "
                    "(réussite, discrimination), le détail, les anomalies (lignes illisibles avec leur numéro) "
                    "et un graphique.",
    )
    p.add_argument("--corrige", type=Path, required=True, metavar="CSV", help="corrigé écrit par « grc qcm feuille »")
    p.add_argument("--reponses", type=Path, required=True, metavar="CSV", help="réponses : eleve, question, reponse")
    p.add_argument("--points", type=float, default=1.0, help="points d'une bonne réponse (défaut : 1)")
    p.add_argument("--negatif", type=float, default=0.0,
                   help="points retirés pour une réponse fausse, par ex. 0.25 (défaut : 0)")
    p.add_argument("--non-reponse", type=float, default=0.0, help="points d'une question sans réponse (défaut : 0)")
    p.add_argument("--partiel", action="store_true",
                   help="crédit partiel aux questions à plusieurs réponses : (bonnes cochées − fausses cochées) / bonnes")
    p.add_argument("--sortie", type=Path, default=Path("correction"), metavar="DOSSIER",
                   help="dossier des résultats (défaut : ./correction)")
    p.add_argument("--sans-graphique", action="store_true", help="ne trace pas le graphique")
    p.set_defaults(executer=_executer_corriger)


def _executer_corriger(args: argparse.Namespace) -> int:
    from .correction import Bareme, corriger, ecrire_resultats

    bareme = Bareme(bonne=args.points, fausse=-abs(args.negatif), vide=args.non_reponse, partiel=args.partiel)
    resultats = corriger(args.corrige, args.reponses, bareme)
    chemins = ecrire_resultats(resultats, args.sortie, graphique=not args.sans_graphique)
    eleves = resultats.eleves
    print(f"{len(eleves)} élève(s) noté(s) ; moyenne {eleves['note_sur_20'].mean():.2f} / 20.".replace(".", ",", 1))
    if not resultats.anomalies.empty:
        print(f"{len(resultats.anomalies)} anomalie(s) : détail dans {args.sortie / 'anomalies.csv'}", file=sys.stderr)
        for _, a in resultats.anomalies.iterrows():
            ligne = f"ligne {a['ligne']}" if a["ligne"] != "" else "—"
            print(f"  {ligne} : {a['eleve']} {a['question']} : {a['probleme']}", file=sys.stderr)
    suspectes = resultats.questions[resultats.questions["alerte"] != ""]
    for _, q in suspectes.iterrows():
        print(f"Question {q['question']} : {q['alerte']}.")
    print("Fichiers écrits : " + ", ".join(str(c) for c in chemins))
    return 0


ERREURS_ATTENDUES = (ErreurBanque, ErreurFichier, ErreurCalcul, ValueError, OSError)


def executer(args: argparse.Namespace) -> int:
    """Lance l'action choisie ; une erreur prévisible devient un message français et le code 1."""
    try:
        if getattr(args, "themes", None):
            resoudre_themes(args.themes)
        return args.executer(args)
    except ERREURS_ATTENDUES as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
