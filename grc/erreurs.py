"""Les erreurs des débutants expliquées en français, dans le noyau Jupyter (extension IPython).

Une faute de frappe dans un nom de colonne donne, au lieu d'une page de ``KeyError`` en anglais ::

    ❗ Colonne « montant_HT » introuvable. Vouliez-vous dire « montant_ht » ?
    Colonnes de la table : ticket_id, date, client_id, montant_ht, …
    Ligne 2 de la cellule : ventes["montant_HT"].sum()
    ▸ Message d'origine de Python (un clic pour le déplier)

Les cas expliqués : colonne inconnue (suggestions sans tenir compte des accents ni des
majuscules), nom inconnu (faute de frappe, ou cellule du haut pas encore exécutée, par exemple
après un redémarrage du noyau : la cellule qui le définit est cherchée dans le cahier), erreur de
syntaxe (où, et quoi : parenthèse, guillemet, deux-points...), texte + nombre, méthode mal
orthographiée, date illisible. Les autres erreurs gardent leur message, en une ligne, avec le
détail replié en dessous.

Chargement : par la configuration du noyau (``<sys.prefix>/etc/ipython/ipython_kernel_config.py``,
ligne ``c.InteractiveShellApp.extensions = ["grc.erreurs"]``), donc avant la première cellule et
après chaque redémarrage ; ou à la main, dans une cellule : ``%load_ext grc.erreurs``.

**Pour l'enseignant** : ``GRC_ERREURS=0`` dans l'environnement de JupyterLab coupe les explications
(les messages d'origine de Python reviennent) ; dans un cahier, ``%unload_ext grc.erreurs``.

Pourquoi pas ``friendly-traceback`` (qui parle français) : essayé (0.7.61) ; sur une colonne inconnue
de pandas il répond « ne connaît pas la cause de cette erreur », il ne sait rien des cellules d'un
cahier ni d'un redémarrage du noyau, ses explications font une page, et il ajoute quatre dépendances.

>>> import pandas as pd
>>> try:
...     pd.DataFrame({"montant_ht": [1.0], "date": [0]})["Montant HT"]
... except KeyError as exc:
...     print(expliquer(exc).lignes[0])
Colonne « Montant HT » introuvable. Vouliez-vous dire « montant_ht » ?
"""

from __future__ import annotations

import builtins
import difflib
import html
import json
import os
import re
import sys
import traceback
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

__all__ = ["Explication", "actif", "expliquer", "expliquer_syntaxe", "load_ipython_extension",
           "unload_ipython_extension"]

MENU_AU_DESSUS = "menu Exécution → « Exécuter tout au-dessus de la cellule sélectionnée »"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def actif() -> bool:
    """``False`` quand ``GRC_ERREURS`` vaut ``0`` (ou « non », « off ») : l'enseignant a coupé les explications."""
    return os.environ.get("GRC_ERREURS", "1").strip().lower() not in {"0", "non", "off", "false", "faux"}


@dataclass
class Explication:
    """Deux ou trois lignes en français, plus le message d'origine (replié à l'affichage)."""

    lignes: list[str]
    origine: str = ""
    detail: str = ""  # le traceback complet, sans couleurs
    ou: str = ""  # « Ligne 2 de la cellule : ... »
    genre: str = "autre"
    suggestions: list[str] = field(default_factory=list)

    def texte(self) -> str:
        lignes = [f"❗ {self.lignes[0]}", *self.lignes[1:]]
        if self.ou:
            lignes.append(self.ou)
        lignes = [ligne.replace("`", "") for ligne in lignes]
        if self.origine:
            lignes.append(f"(Message d'origine de Python : {self.origine})")
        return "\n".join(lignes)

    def html(self) -> str:
        e = html.escape
        corps = "".join(f"<div>{_code_html(ligne)}</div>" for ligne in self.lignes[1:])
        ou = f"<div style='color:#555'>{_code_html(self.ou)}</div>" if self.ou else ""
        detail = self.detail or self.origine
        replie = (f"<details style='margin-top:4px'><summary style='cursor:pointer;color:#555'>Message d'origine "
                  f"de Python (en anglais)</summary><pre style='white-space:pre-wrap;font-size:0.85em;margin:4px 0'>"
                  f"{e(detail)}</pre></details>") if detail else ""
        return (f"<div class='grc-erreur' style='background:#fff4e5;border-left:4px solid #e65100;padding:6px 10px;"
                f"margin:4px 0;color:#222'><div><b>❗ {_code_html(self.lignes[0])}</b></div>{corps}{ou}{replie}</div>")

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/plain": self.texte(), "text/html": self.html()}


def _code_html(texte: str) -> str:
    """Échappe le texte et met en police de code ce qui est entre accents graves."""
    morceaux = html.escape(texte).split("`")
    return "".join(f"<code>{m}</code>" if i % 2 else m for i, m in enumerate(morceaux))


# --- Rapprocher les noms ----------------------------------------------------------------------------


def normaliser(nom: object) -> str:
    """Le nom sans accents, en minuscules, espaces et tirets changés en ``_`` : pour rapprocher deux noms.

    >>> normaliser("Montant HT"), normaliser("Récence")
    ('montant_ht', 'recence')
    """
    texte = unicodedata.normalize("NFKD", str(nom))
    texte = "".join(c for c in texte if not unicodedata.combining(c)).lower().strip()
    return re.sub(r"[\s\-]+", "_", texte)


def proches(nom: object, candidats: Iterable[object], n: int = 3, seuil: float = 0.6) -> list[str]:
    """Les candidats proches de ``nom``, sans tenir compte des accents ni des majuscules.

    >>> proches("montant_HT", ["montant_ht", "date", "montant_ttc"])
    ['montant_ht', 'montant_ttc']
    >>> proches("recence", ["récence", "fréquence"])
    ['récence', 'fréquence']
    """
    par_forme: dict[str, list[str]] = {}
    for c in candidats:
        par_forme.setdefault(normaliser(c), []).append(str(c))
    cle = normaliser(nom)
    exacts = par_forme.get(cle, [])
    autres = difflib.get_close_matches(cle, [f for f in par_forme if f != cle], n=n, cutoff=seuil)
    resultat = [*exacts, *(c for f in autres for c in par_forme[f])]
    return [c for c in dict.fromkeys(resultat) if c != str(nom)][:n]


def _liste(noms: Iterable[object], maximum: int = 12) -> str:
    noms = [str(n) for n in noms]
    texte = ", ".join(noms[:maximum])
    return texte + (f", … ({len(noms)} en tout)" if len(noms) > maximum else "")


def _guillemets(noms: list[str]) -> str:
    return " ou ".join(f"« {n} »" for n in noms)


# --- Où : la ligne de la cellule ------------------------------------------------------------------


def _est_cellule(nom_fichier: str) -> bool:
    shell = _shell()
    carte = getattr(getattr(shell, "compile", None), "_filename_map", None)
    if carte and nom_fichier in carte:
        return True
    return nom_fichier.startswith(("<ipython-input-", "<cell", "<cellule")) or "ipykernel_" in nom_fichier


def _cadres(tb: TracebackType | None) -> list[tuple[Any, int]]:
    cadres = []
    while tb is not None:
        cadres.append((tb.tb_frame, tb.tb_lineno))
        tb = tb.tb_next
    return cadres


def _ligne_cellule(tb: TracebackType | None) -> tuple[str, Any]:
    """« Ligne 2 de la cellule : ... » pour le dernier passage de l'erreur dans une cellule, et son cadre."""
    import linecache

    trouve = None
    for cadre, numero in _cadres(tb):
        if _est_cellule(cadre.f_code.co_filename):
            trouve = (cadre, numero)
    if trouve is None:
        return "", None
    cadre, numero = trouve
    ligne = linecache.getline(cadre.f_code.co_filename, numero).strip()
    fonction = cadre.f_code.co_name
    dans = f" (dans la fonction `{fonction}`)" if fonction not in ("<module>", "<cell line: 0>") \
        and not fonction.startswith("<") else ""
    if not ligne:
        return f"Ligne {numero} de la cellule{dans}.", cadre
    return f"Ligne {numero} de la cellule{dans} : `{ligne}`", cadre


# --- Les cas --------------------------------------------------------------------------------------


def _pandas() -> Any:
    return sys.modules.get("pandas")


def _objets_pandas(tb: TracebackType | None) -> tuple[Any, Any]:
    """La table (DataFrame) et, à défaut, la série (Series) en cause, cherchées dans les cadres de pandas."""
    pd = _pandas()
    if pd is None:
        return None, None
    table = serie = None
    for cadre, _ in reversed(_cadres(tb)):
        for nom in ("self", "obj", "frame", "df", "data"):
            objet = cadre.f_locals.get(nom)
            if table is None and isinstance(objet, pd.DataFrame):
                table = objet
            elif serie is None and isinstance(objet, pd.Series):
                serie = objet
        if table is not None:
            break
    return table, serie


def _cles_manquantes(exc: KeyError) -> list[str]:
    """Les étiquettes absentes, lues dans le message de pandas (une clé, ou une liste)."""
    if not exc.args:
        return []
    cle = exc.args[0]
    if not isinstance(cle, str):
        return [str(cle)]
    liste = re.search(r"\[(.*?)\]\s*(?:not in index|not found in axis|are in the \[(?:columns|index)\])", cle)
    if liste:
        return re.findall(r"'((?:[^'\\]|\\.)*)'", liste.group(1)) or [liste.group(1)]
    return [cle]


def _erreur_cle(exc: KeyError, tb: TracebackType | None) -> Explication | None:
    manquantes = _cles_manquantes(exc)
    if not manquantes:
        return None
    table, serie = _objets_pandas(tb)
    if table is not None:
        colonnes = [str(c) for c in table.columns]
        manquantes = [m for m in manquantes if m not in colonnes] or manquantes
        nom = manquantes[0]
        suggestions = proches(nom, colonnes)
        quoi = "Colonne" if len(manquantes) == 1 else "Colonnes"
        noms = ", ".join(f"« {m} »" for m in manquantes)
        premiere = f"{quoi} {noms} introuvable{'s' if len(manquantes) > 1 else ''}."
        if suggestions:
            premiere += f" Vouliez-vous dire {_guillemets(suggestions)} ?"
        lignes = [premiere, f"Colonnes de la table : {_liste(colonnes)}"]
        if not suggestions:
            lignes.append("Un nom de colonne s'écrit exactement comme dans la table, entre guillemets.")
        return Explication(lignes, genre="colonne", suggestions=suggestions)
    if serie is not None:
        etiquettes = [str(c) for c in serie.index[:500]]
        nom = manquantes[0]
        suggestions = proches(nom, etiquettes)
        premiere = f"« {nom} » n'est pas une étiquette de cette série (Series)."
        if suggestions:
            premiere += f" Vouliez-vous dire {_guillemets(suggestions)} ?"
        return Explication([premiere, f"Étiquettes présentes : {_liste(etiquettes)}"], genre="etiquette",
                           suggestions=suggestions)
    nom = manquantes[0]
    return Explication([f"Clé « {nom} » introuvable (dans un dictionnaire ou une table).",
                        "Vérifiez l'orthographe exacte, accents et majuscules compris."], genre="cle")


def _definitions_dans_cahier(nom: str) -> tuple[int, str, str] | None:
    """(numéro de la cellule de code, titre au-dessus, première ligne) de la cellule qui définit ``nom``."""
    shell = _shell()
    chemins: list[Path] = []
    session = (getattr(shell, "user_ns", {}) or {}).get("__session__") or os.environ.get("JPY_SESSION_NAME")
    if session and str(session).endswith(".ipynb") and Path(session).is_file():
        chemins.append(Path(session))
    else:
        chemins.extend(sorted(Path.cwd().glob("*.ipynb")))
    motif = re.compile(
        rf"^\s*(?:{re.escape(nom)}\s*(?::[^=]*)?=(?!=)|def\s+{re.escape(nom)}\b|class\s+{re.escape(nom)}\b"
        rf"|(?:from\s+\S+\s+)?import\s+.*\b{re.escape(nom)}\b|for\s+.*\b{re.escape(nom)}\b.*\s+in\s)",
        re.MULTILINE)
    for chemin in chemins[:20]:
        try:
            cellules = json.loads(chemin.read_text(encoding="utf-8"))["cells"]
        except (OSError, ValueError, KeyError):
            continue
        titre, numero = "", 0
        for cellule in cellules:
            source = "".join(cellule.get("source", ""))
            if cellule.get("cell_type") == "markdown":
                for ligne in source.splitlines():
                    if ligne.startswith("#"):
                        titre = ligne.lstrip("#").strip()
            elif cellule.get("cell_type") == "code":
                numero += 1
                trouve = motif.search(source)
                if trouve:
                    return numero, titre, trouve.group(0).strip()
    return None


def _erreur_nom(exc: NameError, tb: TracebackType | None, cadre: Any) -> Explication | None:
    nom = getattr(exc, "name", None)
    if not nom:
        trouve = re.search(r"name '([^']+)' is not defined", str(exc))
        nom = trouve.group(1) if trouve else None
    if not nom:
        return None
    shell = _shell()
    espace = dict(getattr(shell, "user_ns", {}) or {})
    if cadre is not None:
        espace.update(cadre.f_globals)
        espace.update(cadre.f_locals)
    caches = {"In", "Out", "exit", "quit", "get_ipython", "open"}
    visibles = [n for n in espace if not n.startswith("_") and n not in caches]
    suggestions = proches(nom, visibles, n=2, seuil=0.7) or proches(nom, dir(builtins), n=1, seuil=0.8)
    definition = _definitions_dans_cahier(nom)
    if definition is not None:
        numero, titre, ligne = definition
        sous = f", sous le titre « {titre} »" if titre else ""
        lignes = [f"« {nom} » n'existe pas encore : la cellule qui le crée n'a pas été exécutée depuis le "
                  "démarrage (ou le redémarrage) du noyau.",
                  f"Exécutez d'abord les cellules du haut : {MENU_AU_DESSUS}, puis relancez cette cellule.",
                  f"La cellule qui le crée : la {numero}ᵉ cellule de code{sous} (`{ligne}`)."]
        return Explication(lignes, genre="nom_cellule", suggestions=suggestions)
    if suggestions:
        return Explication([f"Le nom « {nom} » est inconnu. Vouliez-vous dire {_guillemets(suggestions)} ?",
                            "Python distingue les majuscules, les accents et les underscores (_) : "
                            "recopiez le nom exactement."], genre="nom_faute", suggestions=suggestions)
    return Explication([f"Le nom « {nom} » est inconnu : il n'a été créé dans aucune cellule exécutée.",
                        f"Si une cellule du haut le crée, exécutez-la d'abord ({MENU_AU_DESSUS}) ; "
                        "si c'est un texte, mettez-le entre guillemets : \"" + nom + "\"."], genre="nom")


_TYPES = {"str": "du texte (str)", "int": "un nombre entier (int)", "float": "un nombre décimal (float)",
          "list": "une liste", "dict": "un dictionnaire", "tuple": "un tuple", "NoneType": "None (rien)",
          "DataFrame": "une table (DataFrame)", "Series": "une colonne (Series)", "bool": "un booléen",
          "Timestamp": "une date (Timestamp)", "datetime": "une date", "StringDtype": "du texte",
          "function": "une fonction", "method": "une méthode", "builtin_function_or_method": "une fonction"}


def _francais(type_: str) -> str:
    return _TYPES.get(type_, f"un objet {type_}")


def _erreur_type(exc: TypeError) -> Explication | None:
    message = str(exc)
    texte_nombre = (
        re.search(r'can only concatenate str \(not "(int|float|bool)"\) to str', message)
        or re.search(r"unsupported operand type\(s\) for ([-+*/]|\*\*|//|%): '(int|float)' and 'str'", message)
        or re.search(r"unsupported operand type\(s\) for ([-+*/]|\*\*|//|%): 'str' and '(int|float)'", message)
        or re.search(r"can't multiply sequence by non-int of type 'float'", message)
        or re.search(r"ufunc '(add|subtract|multiply|divide|true_divide)' did not contain a loop with signature "
                     r"matching types.*(Str|<U|str)", message)
        or re.search(r"Cannot perform (reduction|operation) '?\w+'? with (string|str)", message, re.IGNORECASE)
        or re.search(r"'[<>]=?' not supported between instances of '(str|int|float)' and '(str|int|float)'",
                     message)
    )
    if texte_nombre:
        comparaison = "not supported between" in message
        verbe = "comparer" if comparaison else "calculer avec"
        return Explication(
            [f"Python ne peut pas {verbe} du texte et un nombre ensemble.",
             "Une valeur entre guillemets (\"12\") est du texte : écrivez le nombre sans guillemets (12), ou "
             "convertissez-le (`float(...)`, ou `pd.to_numeric(colonne)` pour toute une colonne).",
             "Pour mettre un nombre dans une phrase : `f\"Total : {total} €\"`."], genre="texte_nombre")
    appel = re.search(r"'(\w+)' object is not callable", message)
    if appel:
        return Explication([f"Des parenthèses après {_francais(appel.group(1))} : ce n'est pas une fonction.",
                            "Pour lire une colonne, utilisez des crochets : `table[\"colonne\"]` ; un nom de "
                            "fonction réutilisé comme variable cache la fonction (redémarrez le noyau)."],
                           genre="appel")
    arguments = re.search(r"(\w+)\(\) (missing \d+ required positional argument|takes \d+ positional argument"
                          r"|got an unexpected keyword argument '(\w+)')", message)
    if arguments:
        if arguments.group(3):
            return Explication([f"La fonction `{arguments.group(1)}` n'a pas de paramètre "
                                f"« {arguments.group(3)} ».",
                                f"Vérifiez son orthographe : `help({arguments.group(1)})` montre ses paramètres."],
                               genre="parametre")
        return Explication([f"La fonction `{arguments.group(1)}` n'a pas reçu le bon nombre de valeurs entre "
                            "parenthèses.", f"`help({arguments.group(1)})` montre ce qu'elle attend."],
                           genre="parametre")
    return None


def _erreur_attribut(exc: AttributeError) -> Explication | None:
    nom = getattr(exc, "name", None)
    objet = getattr(exc, "obj", None)
    trouve = re.search(r"'(\w+)' object has no attribute '(\w+)'", str(exc))
    type_ = type(objet).__name__ if objet is not None else (trouve.group(1) if trouve else "")
    if nom is None and trouve:
        nom = trouve.group(2)
    if not nom:
        return None
    if type_ == "NoneType":
        return Explication([f"Cette variable vaut None (rien) : impossible d'y chercher « {nom} ».",
                            "Souvent, la ligne qui l'a créée ne renvoie rien : `table = table.sort_values(..., "
                            "inplace=True)` ; écrivez `table = table.sort_values(...)` sans `inplace=True`."],
                           genre="none")
    candidats = [n for n in dir(objet) if not n.startswith("_")] if objet is not None else []
    suggestions = proches(nom, candidats)
    premiere = f"« {nom} » n'existe pas pour {_francais(type_)}."
    if suggestions:
        premiere += f" Vouliez-vous dire « {suggestions[0]} » ?"
    lignes = [premiere]
    pd = _pandas()
    if pd is not None and isinstance(objet, pd.DataFrame):
        colonnes = proches(nom, [str(c) for c in objet.columns])
        if colonnes:
            lignes.append(f"Pour une colonne, écrivez `table[\"{colonnes[0]}\"]`.")
        else:
            lignes.append("Une méthode s'écrit exactement (`sort_values`, `groupby`, `value_counts`...) ; "
                          "une colonne se lit avec des crochets : `table[\"colonne\"]`.")
    else:
        lignes.append("Les noms de méthodes s'écrivent exactement, en anglais, avec leurs underscores (_).")
    return Explication(lignes, genre="attribut", suggestions=suggestions)


_DATE = re.compile(
    r"time data|doesn't match format|does not match format|Unknown datetime string format|unconverted data remains"
    r"|month must be in|day is out of range|Out of bounds nanosecond|is out of bounds|Given date string|"
    r"could not convert string to Timestamp|Invalid isoformat|DateParseError|not a valid date", re.IGNORECASE)


def _erreur_date(exc: BaseException) -> Explication | None:
    message = str(exc)
    if not (_DATE.search(message) or "DateParseError" in type(exc).__name__ or "OutOfBounds" in type(exc).__name__):
        return None
    debut = message.split("You might want to try")[0]
    valeur = re.search(r"[\"']([^\"']{1,40})[\"']", debut)
    if valeur:
        premiere = f"Date illisible : « {valeur.group(1)} »."
    else:
        premiere = "Date illisible ou impossible (un 31 février, un mois 13...)."
    return Explication(
        [premiere,
         "Écrivez une date comme `\"2024-03-31\"` (année-mois-jour) ; pour des dates françaises jour/mois/année, "
         "précisez le format : `pd.to_datetime(colonne, format=\"%d/%m/%Y\")`.",
         "`errors=\"coerce\"` laisse vides les dates impossibles au lieu de s'arrêter."], genre="date")


def _origine(exc: BaseException) -> str:
    """Le message d'origine en une ligne : « KeyError: 'montant_HT' »."""
    if isinstance(exc, SyntaxError):
        return f"{type(exc).__name__}: {exc.msg}"
    texte = str(exc).split(" You might want to try")[0].strip()
    texte = texte.splitlines()[0] if texte else ""
    if isinstance(exc, KeyError) and exc.args:
        texte = repr(exc.args[0])
    return f"{type(exc).__name__}: {texte}" if texte else type(exc).__name__


def expliquer(exc: BaseException, tb: TracebackType | None = None) -> Explication | None:
    """L'explication en français d'une erreur, ou ``None`` si elle ne fait pas partie des cas connus.

    >>> expliquer(TypeError('can only concatenate str (not "int") to str')).lignes[0]
    'Python ne peut pas calculer avec du texte et un nombre ensemble.'
    """
    tb = tb if tb is not None else exc.__traceback__
    ou, cadre = _ligne_cellule(tb)
    explication: Explication | None = None
    try:
        if isinstance(exc, SyntaxError):
            explication = expliquer_syntaxe(exc)
        elif isinstance(exc, KeyError):
            explication = _erreur_cle(exc, tb)
        elif isinstance(exc, NameError):
            explication = _erreur_nom(exc, tb, cadre)
        elif isinstance(exc, AttributeError):
            explication = _erreur_attribut(exc)
        elif isinstance(exc, TypeError):
            explication = _erreur_type(exc)
        if explication is None and isinstance(exc, ValueError | TypeError | OverflowError):
            explication = _erreur_date(exc)
    except Exception:  # une explication ratée ne doit jamais cacher l'erreur elle-même
        explication = None
    if explication is None:
        return None
    if not isinstance(exc, SyntaxError):
        explication.ou = ou
    explication.origine = _origine(exc)
    return explication


# --- Erreurs de syntaxe -----------------------------------------------------------------------------

_SYNTAXE: list[tuple[str, str]] = [
    (r"'([(\[{])' was never closed", "la parenthèse (ou le crochet) « {0} » ouverte ici n'est jamais fermée."),
    (r"unmatched '([)\]}])'", "« {0} » ferme une parenthèse (ou un crochet) qui n'a jamais été ouverte."),
    (r"closing parenthesis '(.)' does not match opening parenthesis '(.)'",
     "« {0} » ne ferme pas la bonne parenthèse : celle qui est ouverte est « {1} »."),
    (r"unterminated (?:triple-quoted )?string literal|EOL while scanning string literal|EOF while scanning",
     "un texte commencé par un guillemet n'est pas refermé : ajoutez le guillemet de fin."),
    (r"Perhaps you forgot a comma", "il manque sans doute une virgule entre deux éléments."),
    (r"Maybe you meant '==' or ':=' instead of '='|cannot assign to (?:comparison|expression|function call)"
     r"|expression cannot contain assignment",
     "pour comparer deux valeurs, écrivez `==` (deux signes égal) ; un seul `=` sert à ranger une valeur dans "
     "une variable."),
    (r"expected ':'", "il manque les deux-points « : » en fin de ligne (après if, for, def...)."),
    (r"unexpected indent", "la ligne commence par des espaces en trop : alignez-la sur celle du dessus."),
    (r"expected an indented block", "la ligne après les deux-points « : » doit être décalée de quatre espaces."),
    (r"unindent does not match", "le décalage de la ligne ne correspond à aucun bloc au-dessus : "
                                 "alignez-la avec des espaces."),
    (r"invalid decimal literal|invalid digit|leading zeros in decimal integer literals",
     "un nombre est mal écrit : le séparateur décimal est le point (12.5), un nom ne commence pas par un chiffre, "
     "et pas de zéro devant un entier."),
    (r"invalid character '(.)'", "le caractère « {0} » n'est pas permis dans du code (guillemets typographiques "
                                 "« » ou ’ ? utilisez \" ou ')."),
    (r"incomplete input", "la cellule s'arrête au milieu d'une instruction : une parenthèse, un crochet ou des "
                          "guillemets ouverts ne sont pas refermés (comptez les « ( » et les « ) »)."),
    (r"invalid syntax", "Python ne comprend pas cette ligne : vérifiez les parenthèses, les guillemets, "
                        "les virgules et les deux-points."),
]


def expliquer_syntaxe(exc: SyntaxError) -> Explication:
    """Où est l'erreur de syntaxe, et ce qu'elle veut sans doute dire.

    >>> try:
    ...     compile('total = somme(ventes["montant"]', "<cellule>", "exec")
    ... except SyntaxError as exc:
    ...     print(expliquer_syntaxe(exc).texte())  # doctest: +ELLIPSIS
    ❗ Erreur de syntaxe, ligne 1 de la cellule : la parenthèse (ou le crochet) « ( » ouverte ici n'est jamais fermée.
    total = somme(ventes["montant"]
                 ^
    (Message d'origine de Python : SyntaxError: '(' was never closed)
    """
    message = exc.msg or str(exc)
    quoi = None
    for motif, phrase in _SYNTAXE:
        trouve = re.search(motif, message)
        if trouve:
            quoi = phrase.format(*trouve.groups())
            break
    if quoi is None:
        quoi = f"Python ne comprend pas cette ligne ({message})."
    ligne = (exc.text or "").rstrip("\n")
    if not ligne.strip() and exc.lineno:
        import linecache

        ligne = linecache.getline(exc.filename or "", exc.lineno).rstrip("\n")
    numero = f", ligne {exc.lineno} de la cellule" if exc.lineno else ""
    lignes = [f"Erreur de syntaxe{numero} : {quoi}"]
    if ligne.strip():
        retrait = len(ligne) - len(ligne.lstrip())
        visible = ligne.strip()
        lignes.append(visible)
        if exc.offset and exc.offset - 1 - retrait >= 0:
            lignes.append(" " * (exc.offset - 1 - retrait) + "^")
    explication = Explication(lignes, genre="syntaxe")
    explication.origine = f"{type(exc).__name__}: {message}"
    return explication


# --- L'extension IPython ------------------------------------------------------------------------------

_ETAT: dict[str, Any] = {}


def _shell() -> Any:
    return _ETAT.get("shell")


def _texte_traceback(shell: Any, etype: type, valeur: BaseException, tb: TracebackType | None,
                     tb_offset: int | None) -> list[str]:
    try:
        stb = shell.InteractiveTB.structured_traceback(etype, valeur, tb, tb_offset=tb_offset)
    except Exception:
        stb = traceback.format_exception(etype, valeur, tb)
    return stb


def _montrer(shell: Any, explication: Explication, etype: type, valeur: BaseException, stb: list[str]) -> None:
    from IPython.display import display

    explication.detail = _ANSI.sub("", "\n".join(stb)).strip()
    shell._last_traceback = stb
    display(explication)


def _gestionnaire(shell: Any, etype: type, valeur: BaseException, tb: TracebackType | None,
                  tb_offset: int | None = None) -> list[str]:
    stb = _texte_traceback(shell, etype, valeur, tb, tb_offset)
    explication = expliquer(valeur, tb) if actif() else None
    if explication is None:
        shell._showtraceback(etype, valeur, stb)
        return stb
    _montrer(shell, explication, etype, valeur, stb)
    return stb


def _showsyntaxerror(shell: Any, original: Any) -> Any:
    def montrer(filename: str | None = None, running_compiled_code: bool = False) -> None:
        etype, valeur, tb = sys.exc_info() if sys.exc_info()[0] is not None else shell._get_exc_info()
        if not actif() or not isinstance(valeur, SyntaxError) or running_compiled_code:
            return original(filename, running_compiled_code)
        try:
            explication = expliquer_syntaxe(valeur)
            stb = shell.SyntaxTB.structured_traceback(etype, valeur, [])
        except Exception:
            return original(filename, running_compiled_code)
        _montrer(shell, explication, etype, valeur, stb)
        return None

    return montrer


def load_ipython_extension(shell: Any) -> None:
    """Branche les explications en français sur le noyau (``%load_ext grc.erreurs``).

    Rien n'est changé quand ``GRC_ERREURS=0``. Branche aussi le message français des widgets
    qui ne peuvent pas s'afficher (cahier rouvert) : voir :func:`grc.affichage.installer_repli_widgets`.
    """
    try:
        from .affichage import installer_repli_widgets

        installer_repli_widgets(shell)
    except Exception:  # pragma: no cover - jamais bloquant
        pass
    if not actif() or _ETAT.get("shell") is shell:
        return
    _ETAT["shell"] = shell
    _ETAT["showsyntaxerror"] = shell.showsyntaxerror
    shell.set_custom_exc((Exception,), _gestionnaire)
    shell.showsyntaxerror = _showsyntaxerror(shell, shell.showsyntaxerror)


def unload_ipython_extension(shell: Any) -> None:
    """Rend les messages d'origine de Python (``%unload_ext grc.erreurs``)."""
    if _ETAT.get("shell") is not shell:
        return
    shell.set_custom_exc((), None)
    if "showsyntaxerror" in _ETAT:
        shell.showsyntaxerror = _ETAT.pop("showsyntaxerror")
    _ETAT.pop("shell", None)
