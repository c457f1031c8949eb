"""Les sous-commandes ``grc qcm ...`` : valider, lister, feuille, exporter, corriger.

Chaque fonction ``_xxx(args)`` renvoie le code de sortie (0 : succès) ; les
erreurs prévisibles (fichier absent, banque invalide, thème inconnu) sont
écrites en français sur la sortie d'erreur, sans trace Python.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .banque import ErreurBanque, charger_banque, lire_niveau, resoudre_themes, sections_manquantes, valider_banque
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


def niveau_option(texte: str) -> str | None:
    """L'option ``--niveau`` : « bts », « approfondissement » ou « tous » ; un autre mot est refusé en français.

    >>> niveau_option("bts"), niveau_option("tous")
    ('bts', None)
    """
    try:
        return lire_niveau(texte)
    except ValueError as erreur:
        raise argparse.ArgumentTypeError(str(erreur)) from None


def _banque(args: argparse.Namespace):
    """La banque demandée (``--banque``), réduite au niveau demandé (``--niveau``)."""
    return charger_banque(args.banque).au_niveau(getattr(args, "niveau", None))


def entier(texte: str) -> int:
    """Un nombre entier (une graine), avec un refus en français.

    >>> entier(" 42 ")
    42
    """
    try:
        return int(texte.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {texte} » n'est pas un nombre entier (exemple : 2025).") from None


def entier_positif(texte: str) -> int:
    """Un entier au moins égal à 1 (nombre de questions, de variantes...).

    >>> entier_positif("12")
    12
    >>> entier_positif("0")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: « 0 » : il faut un nombre entier au moins égal à 1.
    """
    valeur = entier(texte)
    if valeur < 1:
        raise argparse.ArgumentTypeError(f"« {texte} » : il faut un nombre entier au moins égal à 1.")
    return valeur


def decimal_fr(texte: str) -> float:
    """Un nombre écrit à la française ou à l'anglaise : « 0,25 », « 0.25 », « 1/4 ».

    >>> decimal_fr("0,25"), decimal_fr("0.5"), decimal_fr("1/3") == 1 / 3
    (0.25, 0.5, True)
    """
    propre = texte.strip().replace(" ", "").replace("\u202f", "").replace("\xa0", "")
    haut, barre, bas = propre.partition("/")
    try:
        valeur = float(haut.replace(",", ".")) / (float(bas.replace(",", ".")) if barre else 1.0)
    except (ValueError, ZeroDivisionError):
        raise argparse.ArgumentTypeError(f"« {texte} » n'est pas un nombre (exemples : 0,25 ou 0.25 ou 1/4).") from None
    if valeur != valeur or valeur in (float("inf"), float("-inf")):
        raise argparse.ArgumentTypeError(f"« {texte} » n'est pas un nombre fini.")
    return valeur


def points_positifs(texte: str) -> float:
    """Des points strictement positifs (une bonne réponse doit rapporter quelque chose).

    >>> points_positifs("2")
    2.0
    """
    valeur = decimal_fr(texte)
    if valeur <= 0:
        raise argparse.ArgumentTypeError(f"« {texte} » : une bonne réponse doit rapporter plus de 0 point "
                                         "(exemple : --points 1).")
    return valeur


def themes_non_vides(texte: str) -> str:
    """Une liste de thèmes non vide (la validité de chaque thème est vérifiée ensuite)."""
    if not texte.replace(",", " ").split():
        raise argparse.ArgumentTypeError("aucun thème choisi : donnez des thèmes séparés par des virgules "
                                         "(exemple : --themes 02,03) ou « tous ».")
    return texte


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
    p.add_argument("--themes", default="tous", metavar="THEMES", type=themes_non_vides,
                   help=f"thèmes séparés par des virgules, ou « tous » (défaut). Thèmes : {_THEMES_AIDE}")
    p.add_argument("--difficulte", type=lire_difficultes, metavar="NIVEAUX",
                   help="niveaux retenus : 2, 1-2 ou 1,3 (défaut : tous)")
    p.add_argument("--niveau", type=niveau_option, metavar="NIVEAU",
                   help="« bts » : seulement les questions du cœur du BTS ; « approfondissement » : seulement celles "
                        "de l'approfondissement (BUT TC, licence, école) ; défaut : toutes")
    if nombre:
        p.add_argument("--nombre", type=entier_positif, default=10,
                       help="nombre de questions par copie, au plus celui de la sélection (défaut : 10)")


def _valider(actions: argparse._SubParsersAction) -> None:
    p = actions.add_parser("valider", help="vérifie toute la banque (schéma, identifiants, calculs)",
                           description="Vérifie chaque fichier de la banque : schéma, identifiants uniques, "
                                       "fonctions de calcul autorisées, et chaque question paramétrée sur "
                                       "plusieurs graines (les pièges doivent différer de la réponse).")
    _options_banque(p)
    p.add_argument("--graines", type=entier_positif, default=200, help="nombre de tirages essayés par question (défaut : 200)")
    p.set_defaults(executer=_executer_valider)


def _executer_valider(args: argparse.Namespace) -> int:
    banque = valider_banque(args.banque, range(args.graines))
    print(f"Banque valide : {len(banque)} questions.")
    coeur = banque.au_niveau("bts")
    for theme in banque.themes():
        n = len(banque.selectionner(theme))
        print(f"  {THEMES[theme][0]} {theme:<16} {n:>3} questions, dont {len(coeur.selectionner(theme)):>3} du cœur BTS")
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
    questions = _banque(args).selectionner(args.themes, args.difficulte)
    for q in questions:
        enonce = " ".join(q.enonce.split())
        enonce = enonce if len(enonce) <= 70 else enonce[:69] + "…"
        parametre = " (paramétrée)" if q.variables else ""
        niveau = " [approfondissement]" if q.niveau_effectif == "approfondissement" else ""
        print(f"{q.id:<20} {'★' * q.difficulte:<3} {q.type:<10} {q.section:<26} {enonce}{parametre}{niveau}")
    print(f"{len(questions)} question(s).")
    return 0


def _feuille(actions: argparse._SubParsersAction) -> None:
    p = actions.add_parser(
        "feuille", help="copies à imprimer d'une classe (une variante par élève), en PDF, et leurs corrigés",
        description="Prépare un QCM pour une classe : mêmes questions pour tous, mais ordre, choix et nombres "
                    "propres à chaque élève. Écrit qcm.pdf (les copies : chacune commence sur une nouvelle page, "
                    "avec une case pour le nom ; une copie longue continue sur la page suivante, qui rappelle le "
                    "nom et la variante), qcm_corrige.pdf (la bonne réponse de chaque numéro, variante par "
                    "variante), qcm.html (les mêmes copies, à imprimer depuis un navigateur) et qcm_corrige.csv, "
                    "le corrigé qu'attend « grc qcm corriger ». La même graine redonne les mêmes feuilles. "
                    "Un QCM déjà écrit dans le dossier de sortie n'est remplacé qu'avec --remplacer.",
    )
    p.add_argument("--classe", type=Path, required=True, metavar="FICHIER",
                   help="liste d'élèves (CSV ou .xlsx) : colonne « eleve » ou « Nom Prénom » (export Pronote), "
                        "ou colonnes « nom » et « prenom » ; séparateur ; , tabulation ou |")
    _options_banque(p)
    _options_selection(p, nombre=True)
    p.add_argument("--graine", type=entier, default=0, help="graine du tirage (défaut : 0)")
    p.add_argument("--titre", default="QCM — Gestion de la relation client", help="titre imprimé sur les copies")
    p.add_argument("--sortie", type=Path, default=Path("qcm"), metavar="DOSSIER",
                   help="dossier où écrire les copies et les corrigés (défaut : ./qcm)")
    p.add_argument("--numeriques-en-qcm", action="store_true",
                   help="pose les questions chiffrées en choix unique (réponse et pièges calculés)")
    p.add_argument("--recto-verso", action="store_true",
                   help="fait commencer chaque copie sur un recto (page blanche ajoutée au besoin), pour imprimer "
                        "en recto verso sans que deux élèves partagent une feuille")
    p.add_argument("--sans-pdf", action="store_true", help="n'écrit que le HTML et le CSV (plus rapide)")
    p.add_argument("--remplacer", action="store_true",
                   help="écrase un QCM déjà écrit dans le dossier de sortie (sinon la commande refuse)")
    p.set_defaults(executer=_executer_feuille)


def _selection(args: argparse.Namespace) -> list:
    """Les questions des thèmes et difficultés demandés ; une sélection vide est refusée en disant quoi faire."""
    questions = _banque(args).selectionner(args.themes, args.difficulte)
    if not questions:
        niveaux = ", ".join(str(d) for d in args.difficulte) if args.difficulte else "toutes"
        parcours = f" et le niveau « {args.niveau} »" if getattr(args, "niveau", None) else ""
        raise ValueError(f"Aucune question pour les thèmes « {args.themes} » avec la difficulté {niveaux}{parcours} : "
                         "élargissez --difficulte (ou retirez-la) ou ajoutez des thèmes ; "
                         "« grc qcm lister --themes ... » montre les questions disponibles.")
    return questions


def _executer_feuille(args: argparse.Namespace) -> int:
    from .feuille import ecrire_feuilles, fichiers_existants, lire_classe, preparer_copies
    from .fichiers import preparer_dossier

    if not args.titre.strip():
        raise ValueError("Le titre (--titre) est vide : donnez le titre à imprimer sur les copies.")
    disponibles = len(_selection(args))
    if args.nombre > disponibles:
        raise ValueError(f"--nombre {args.nombre} : la sélection (thèmes « {args.themes} »"
                         + (f", difficulté {','.join(map(str, args.difficulte))}" if args.difficulte else "")
                         + f") ne compte que {disponibles} question(s). Demandez au plus --nombre {disponibles}, "
                         "ou élargissez --themes ou --difficulte.")
    existants = fichiers_existants(args.sortie)
    if existants and not args.remplacer:
        raise ValueError(f"Le dossier {args.sortie} contient déjà un QCM ({', '.join(p.name for p in existants)}) : "
                         "il n'est pas remplacé, car son corrigé est peut-être celui de copies déjà distribuées. "
                         "Choisissez un autre --sortie, ou ajoutez --remplacer pour l'écraser.")
    eleves = lire_classe(args.classe)
    preparer_dossier(args.sortie)
    copies = preparer_copies(eleves, _banque(args), args.themes, args.nombre, args.graine,
                             args.difficulte, args.numeriques_en_qcm)
    ecrits = ecrire_feuilles(copies, args.sortie, args.titre, args.graine, pdf=not args.sans_pdf,
                             recto_verso=args.recto_verso)
    print(f"{len(copies)} copie(s) de {len(copies[0].questions)} question(s).")
    pages = sorted(set(ecrits.pages_par_copie))
    if pages == [1]:
        print("Une page par copie.")
    elif pages:
        etendue = str(pages[0]) if len(pages) == 1 else f"{pages[0]} à {pages[-1]}"
        conseil = (" ; chaque copie commence sur un recto." if args.recto_verso else
                   " : imprimez en recto verso avec --recto-verso (chaque copie commence alors sur un recto), "
                   "ou réduisez --nombre.")
        print(f"Chaque copie prend {etendue} pages{conseil}")
    if ecrits.probleme_pdf:
        print(f"PDF non écrit : {ecrits.probleme_pdf} En attendant, ouvrez {ecrits.html} dans un navigateur "
              "et imprimez-le.", file=sys.stderr)
    for role, chemin in ecrits.roles().items():
        print(f"{role} : {chemin}")
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
    p.add_argument("--variantes", type=entier_positif, default=1,
                   help="tirages exportés par question paramétrée (défaut : 1)")
    p.add_argument("--graine", type=entier, default=0, help="graine du premier tirage (défaut : 0)")
    p.add_argument("--titre", default="QCM — Cours GRC", help="titre du sujet (AMC)")
    p.add_argument("--sortie", type=Path, metavar="FICHIER",
                   help="fichier à écrire (défaut : qcm_grc.<extension du format>)")
    p.set_defaults(executer=_executer_exporter)


def _executer_exporter(args: argparse.Namespace) -> int:
    from .exports import EXTENSIONS, exporter
    from .fichiers import ecriture

    questions = _selection(args)
    sortie = args.sortie or Path(f"qcm_grc.{EXTENSIONS[args.format]}")
    texte = exporter(questions, args.format, args.variantes, args.graine, args.titre)
    with ecriture(sortie) as cible:
        cible.write_text(texte, encoding="utf-8")
    print(f"{len(questions)} question(s) exportée(s) au format {args.format} : {sortie}")
    return 0


def _corriger(actions: argparse._SubParsersAction) -> None:
    p = actions.add_parser(
        "corriger", help="note les réponses d'une classe, analyse chaque question, prépare les notes pour "
                         "Excel, Pronote et ScoDoc",
        description="Note les réponses relevées contre le corrigé de « grc qcm feuille ». Réponses en CSV "
                    "(; , tabulation ou |) ou .xlsx : une ligne par élève (eleve ou nom et prenom, puis Q1, Q2...) "
                    "ou une ligne par réponse (eleve, question, reponse) ; réponse = lettre(s) « A » ou « AC », "
                    "« V »/« F », ou un nombre. Les noms sont rapprochés sans tenir compte des majuscules, des "
                    "accents ni de l'ordre nom / prénom, jamais par ressemblance : un nom inconnu ou ambigu arrête "
                    "la correction. Un élève sans aucune réponse est absent (ABS), hors de la moyenne et de "
                    "l'analyse. Écrit resultats.xlsx (notes, analyse des questions, anomalies), "
                    "notes_pronote.csv, les CSV des scores, de l'analyse, du détail et des anomalies, et un "
                    "graphique.",
    )
    p.add_argument("--corrige", type=Path, required=True, metavar="CSV", help="corrigé écrit par « grc qcm feuille »")
    p.add_argument("--reponses", type=Path, required=True, metavar="FICHIER",
                   help="réponses relevées (CSV ou .xlsx), en lignes ou en colonnes Q1, Q2...")
    p.add_argument("--points", type=points_positifs, default=1.0, help="points d'une bonne réponse (défaut : 1)")
    p.add_argument("--negatif", type=decimal_fr, default=0.0,
                   help="points retirés pour une réponse fausse, par ex. 0,25 ou 0.25 (défaut : 0)")
    p.add_argument("--non-reponse", type=decimal_fr, default=0.0, help="points d'une question sans réponse (défaut : 0)")
    p.add_argument("--partiel", action="store_true",
                   help="crédit partiel aux questions à plusieurs réponses : (bonnes cochées − fausses cochées) / bonnes")
    p.add_argument("--sortie", type=Path, default=Path("correction"), metavar="DOSSIER",
                   help="dossier des résultats (défaut : ./correction)")
    p.add_argument("--sans-graphique", action="store_true", help="ne trace pas le graphique")
    p.add_argument("--ignorer-inconnus", action="store_true",
                   help="note la classe même si des noms du fichier de réponses ne désignent aucun élève du corrigé "
                        "(ou plusieurs) : leurs lignes sont laissées de côté et listées (sinon la commande refuse)")
    p.add_argument("--scodoc", type=Path, metavar="XLSX",
                   help="feuille de saisie de l'évaluation exportée par ScoDoc : elle est recopiée dans le dossier "
                        "de sortie avec les notes (ABS pour un absent), prête à réimporter dans ScoDoc")
    p.add_argument("--copie-blanche", action="append", default=[], metavar="NOM",
                   help="élève présent qui a rendu une copie vide : noté (points de non-réponse) au lieu de ABS ; "
                        "répétez l'option pour plusieurs élèves")
    p.set_defaults(executer=_executer_corriger)


def _executer_corriger(args: argparse.Namespace) -> int:
    from .correction import Bareme, corriger, ecrire_resultats, resume_notes
    from .fichiers import preparer_dossier
    from .formats import nombre

    negatif = abs(args.negatif)
    if args.non_reponse > args.points:
        raise ValueError(f"--non-reponse {nombre(args.non_reponse, 2)} : une question sans réponse ne peut pas "
                         f"rapporter plus qu'une bonne réponse (--points {nombre(args.points, 2)}).")
    if args.corrige.resolve() == args.reponses.resolve():
        raise ValueError("--corrige et --reponses désignent le même fichier : donnez le corrigé écrit par "
                         "« grc qcm feuille » et, à part, le fichier des réponses relevées.")
    bareme = Bareme(bonne=args.points, fausse=-negatif, vide=args.non_reponse, partiel=args.partiel)
    resultats = corriger(args.corrige, args.reponses, bareme, ignorer_inconnus=args.ignorer_inconnus,
                         copies_blanches=args.copie_blanche)
    preparer_dossier(args.sortie)
    chemins = ecrire_resultats(resultats, args.sortie, graphique=not args.sans_graphique, scodoc=args.scodoc)
    r = resume_notes(resultats.eleves)
    print(f"{r['presents']} élève(s) noté(s) ; moyenne {nombre(r['moyenne'], 2)} / 20, médiane "
          f"{nombre(r['mediane'], 2)}, de {nombre(r['minimum'], 2)} à {nombre(r['maximum'], 2)}."
          if r["presents"] else "Aucun élève présent : aucune note calculée.")
    if r["absents"]:
        absents = resultats.eleves.loc[resultats.eleves["statut"] == "absent", "eleve"].tolist()
        print(f"{r['absents']} absent(s), sans aucune réponse relevée, notés ABS et laissés hors de la moyenne, "
              f"des statistiques et de l'analyse des questions : {', '.join(absents)}.")
    autres = resultats.anomalies[~resultats.anomalies["probleme"].str.startswith("absent")]
    if not autres.empty:
        print(f"{len(autres)} anomalie(s) : détail dans {args.sortie / 'anomalies.csv'}", file=sys.stderr)
        for _, a in autres.iterrows():
            ligne = f"ligne {a['ligne']}" if a["ligne"] != "" else "—"
            print(f"  {ligne} : {a['eleve']} {a['question']} : {a['probleme']}", file=sys.stderr)
    if not resultats.questions.empty:
        for _, q in resultats.questions[resultats.questions["alerte"] != ""].iterrows():
            print(f"Question {q['question']} : {q['alerte']}.")
    print("Fichiers écrits : " + ", ".join(str(c) for c in chemins))
    return 0


ERREURS_ATTENDUES = (ErreurBanque, ErreurFichier, ErreurCalcul, ValueError)


def executer(args: argparse.Namespace) -> int:
    """Lance l'action choisie ; une erreur prévisible devient un message français et le code 1."""
    from .fichiers import message_ecriture

    try:
        if getattr(args, "themes", None):
            resoudre_themes(args.themes)
        return args.executer(args)
    except ERREURS_ATTENDUES as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # un dossier ou un fichier impossible à lire ou écrire : message français, pas d'anglais
        print(f"Erreur : {message_ecriture(exc)}", file=sys.stderr)
        return 1
