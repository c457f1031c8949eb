"""Afficher à la française : tableaux (€, virgule décimale, %, titres en français), curseurs, widgets.

- :func:`tableau` montre une table comme un élève l'attend : ``139,16 €``, ``64,0 %``,
  ``1 234``, des titres de colonnes en français (``taux_rendement_net`` → « Taux de rendement
  net »), des cases vides au lieu de ``<NA>`` ou ``NaN``.
- :func:`curseur` fait un curseur qui affiche « 64 % » ou « 197 € » (et non ``0.64``).
- :func:`installer_repli_widgets` (branché par l'extension du noyau :mod:`grc.erreurs`) : quand un
  cahier est rouvert sans que ses cellules aient été relancées, ses curseurs et son quiz ne
  peuvent pas s'afficher (leur modèle vivait dans le noyau) ; l'élève lit alors une ligne en
  français qui lui dit d'exécuter la cellule, jamais « Error displaying widget: model not found ».

>>> import pandas as pd
>>> t = pd.DataFrame({"segment": ["A", "B"], "ca": [1234.5, None], "part_ca": [0.64, 0.36]})
>>> tableau(t).data.columns.tolist()
['Segment', 'CA', 'Part du CA']
>>> print(tableau(t).to_string(delimiter=";").splitlines()[1].replace(ESPACE, " "))
A;1 234,50 €;64,0 %
>>> tableau(t).to_string(delimiter=";").splitlines()[2]
'B;;36,0\u202f%'

"""

from __future__ import annotations

import html
import math
import numbers
import re
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["TITRES", "curseur", "format_colonne", "installer_repli_widgets", "tableau", "titre_colonne",
           "valeur_fr"]

ESPACE = "\u202f"  # espace fine insécable, entre milliers et avant € et %

# --- Titres de colonnes en français ---------------------------------------------------------------

#: Les titres en français des colonnes du cours (les autres : « mot_mot » → « Mot mot »).
TITRES: dict[str, str] = {
    "client_id": "Client", "ticket_id": "Ticket", "produit_id": "Produit", "campagne_id": "Campagne",
    "magasin": "Magasin", "magasin_prefere": "Magasin préféré", "rayon": "Rayon", "canal": "Canal",
    "canal_acquisition": "Canal d'acquisition", "cout_acquisition": "Coût d'acquisition", "date": "Date",
    "date_inscription": "Date d'inscription", "date_reference": "Date de référence",
    "prenom": "Prénom", "nom": "Nom", "email": "E-mail", "code_postal": "Code postal", "ville": "Ville",
    "carte_fidelite": "Carte de fidélité", "age": "Âge", "sexe": "Sexe", "civilite": "Civilité",
    "tranche_age": "Tranche d'âge", "csp": "CSP", "a_jardin": "A un jardin", "telephone": "Téléphone",
    "montant_ht": "Montant HT", "montant_ttc": "Montant TTC", "montant": "Montant", "ca": "CA",
    "ca_ht": "CA HT", "ca_2024": "CA 2024", "panier_moyen": "Panier moyen", "quantite": "Quantité",
    "prix_unitaire": "Prix unitaire", "marge": "Marge", "taux_marge": "Taux de marge",
    "taux_marque": "Taux de marque", "recence": "Récence (jours)", "frequence": "Fréquence",
    "r": "R", "f": "F", "m": "M", "score_r": "Score R", "score_f": "Score F", "score_m": "Score M",
    "code_rfm": "Code RFM", "segment": "Segment", "classe": "Classe", "nb": "Nombre", "nb_clients": "Clients",
    "nombre": "Nombre", "effectif": "Effectif", "part": "Part", "part_clients": "Part des clients",
    "part_ca": "Part du CA", "part_elements": "Part des éléments", "part_cumulee": "Part cumulée",
    "ca_cumule": "CA cumulé", "part_ca_cumulee": "Part du CA cumulée", "rang": "Rang",
    "retention": "Rétention", "taux_retention": "Taux de rétention", "attrition": "Attrition",
    "taux_attrition": "Taux d'attrition", "duree_vie": "Durée de vie (ans)", "clv": "CLV",
    "clv_simple": "CLV simple", "clv_actualisee": "CLV actualisée", "ca_potentiel": "CA potentiel",
    "taux_transformation": "Taux de transformation", "taux_retour": "Taux de retour",
    "taux_rendement_net": "Taux de rendement net", "taux_ouverture": "Taux d'ouverture",
    "taux_clic": "Taux de clic", "cout": "Coût", "cout_total": "Coût total", "cout_contact": "Coût par contact",
    "budget": "Budget", "roi": "ROI", "resultat": "Résultat", "envois": "Envois", "ouvertures": "Ouvertures",
    "reponses": "Réponses", "commandes": "Commandes", "objectif": "Objectif", "realise": "Réalisé",
    "ecart": "Écart", "progression": "Progression", "satisfaction": "Satisfaction", "note": "Note",
    "nps": "NPS", "score": "Score", "probabilite": "Probabilité", "lift": "Lift", "gain": "Gain",
    "support": "Support", "confiance": "Confiance", "commercial": "Commercial", "vendeur": "Vendeur",
    "etape": "Étape", "statut": "Statut", "action": "Action", "cible": "Cible", "indicateur": "Indicateur",
    "valeur": "Valeur", "mois": "Mois", "annee": "Année", "jours": "Jours",
    # describe(), agg(), value_counts()
    "count": "Nombre", "mean": "Moyenne", "std": "Écart-type", "min": "Min", "max": "Max", "median": "Médiane",
    "sum": "Somme", "size": "Effectif", "25%": "1er quartile", "50%": "Médiane", "75%": "3e quartile",
    "proportion": "Proportion",
}
_STATS = {"count", "mean", "std", "min", "max", "median", "sum", "size", "25%", "50%", "75%"}
#: Au-delà, :func:`tableau` ne montre que les premières lignes (un Styler affiche tout, sans couper).
LIGNES_MAX = 60

_MOTS_COLONNE = {"ca": "CA", "ht": "HT", "ttc": "TTC", "rfm": "RFM", "nps": "NPS", "roi": "ROI", "clv": "CLV",
                 "pac": "PAC", "id": "", "nb": "nombre de", "pct": "%", "moy": "moyen"}
_ACCENTS = {"recence": "récence", "frequence": "fréquence", "duree": "durée", "cout": "coût", "prefere": "préféré",
            "etape": "étape", "annee": "année", "periode": "période", "resultat": "résultat", "ecart": "écart",
            "realise": "réalisé", "retention": "rétention", "categorie": "catégorie", "quantite": "quantité",
            "fidelite": "fidélité", "probabilite": "probabilité", "reponses": "réponses", "numero": "numéro", "regle": "règle", "creee": "créée",
            "depense": "dépense", "depenses": "dépenses", "benefice": "bénéfice", "societe": "société",
            "telephone": "téléphone", "marche": "marché", "evolution": "évolution", "previsionnel": "prévisionnel"}


def titre_colonne(nom: object) -> str:
    """Le titre en français d'une colonne : le dictionnaire :data:`TITRES`, sinon les mots remis en forme.

    >>> titre_colonne("taux_rendement_net"), titre_colonne("ca_par_client"), titre_colonne("duree_moyenne")
    ('Taux de rendement net', 'CA par client', 'Durée moyenne')
    """
    texte = str(nom)
    if texte in TITRES:
        return TITRES[texte]
    if not re.fullmatch(r"[a-z0-9_]+", texte):
        return texte
    mots = [(_MOTS_COLONNE.get(m, _ACCENTS.get(m, m))) for m in texte.split("_")]
    phrase = " ".join(m for m in mots if m).strip()
    return phrase[:1].upper() + phrase[1:] if phrase else texte


# --- Nombres à la française -----------------------------------------------------------------------


def _manque(valeur: object) -> bool:
    try:
        import pandas as pd

        return bool(pd.isna(valeur))
    except (TypeError, ValueError, ImportError):
        return False


def valeur_fr(valeur: object, sorte: str = "nombre", decimales: int | None = None) -> str:
    """Une valeur écrite à la française ; une valeur manquante donne une case vide.

    ``sorte`` : ``"euros"``, ``"pourcent"`` (une fraction : 0,64 → 64,0 %), ``"nombre"``, ``"entier"``.

    >>> valeur_fr(1234.5, "euros"), valeur_fr(0.64, "pourcent"), valeur_fr(float("nan")), valeur_fr(12, "entier")
    ('1\\u202f234,50\\u202f€', '64,0\\u202f%', '', '12')
    """
    if valeur is None or _manque(valeur):
        return ""
    if isinstance(valeur, bool) or not isinstance(valeur, numbers.Number):
        if hasattr(valeur, "strftime"):
            try:
                heure = getattr(valeur, "hour", 0) or getattr(valeur, "minute", 0)
                return valeur.strftime("%d/%m/%Y %H:%M" if heure else "%d/%m/%Y")  # type: ignore[union-attr]
            except ValueError:
                return str(valeur)
        if isinstance(valeur, bool):
            return "oui" if valeur else "non"
        return str(valeur)
    nombre = float(valeur)  # type: ignore[arg-type]
    if math.isinf(nombre):
        return "∞" if nombre > 0 else "−∞"
    if sorte == "pourcent":
        d = 1 if decimales is None else decimales
        return _grouper(f"{nombre * 100:,.{d}f}") + f"{ESPACE}%"
    if sorte == "euros":
        d = 2 if decimales is None else decimales
        return _grouper(f"{nombre:,.{d}f}") + f"{ESPACE}€"
    if sorte == "entier" or (decimales is None and nombre.is_integer() and abs(nombre) < 1e15):
        return _grouper(f"{nombre:,.0f}")
    d = 2 if decimales is None else decimales
    return _grouper(f"{nombre:,.{d}f}")


def _grouper(texte: str) -> str:
    return texte.replace(",", ESPACE).replace(".", ",").replace("-", "−")


_EUROS = re.compile(r"(^|_)(ca|montant|marge|cout|prix|panier|budget|clv|valeur|depense|benefice|resultat|gain"
                    r"|remise|cagnotte|ca_potentiel|tarif)(_|$)")
_POURCENT = re.compile(r"(^|_)(taux|part|parts|pct|pourcentage|proportion|retention|attrition|probabilite|tx"
                       r"|support|confiance|progression)(_|$)")
_NON_EUROS = re.compile(r"(^|_)(taux|part|nb|nombre|rang|score|classe|code)(_|$)")


def format_colonne(nom: object, serie: Any = None) -> str:
    """La sorte de nombres d'une colonne, devinée de son nom : ``euros``, ``pourcent``, ``entier`` ou ``nombre``.

    >>> format_colonne("montant_ht"), format_colonne("taux_rendement_net"), format_colonne("nb_clients")
    ('euros', 'pourcent', 'entier')
    """
    texte = str(nom).lower()
    if _POURCENT.search(texte):
        return "pourcent"
    if _EUROS.search(texte) and not _NON_EUROS.search(texte):
        return "euros"
    if serie is not None:
        try:
            import pandas as pd

            if pd.api.types.is_integer_dtype(serie.dtype):
                return "entier"
        except Exception:  # pragma: no cover
            pass
    if re.search(r"(^|_)(nb|nombre|effectif|clients|tickets|envois|commandes|reponses|jours|recence|rang)(_|$)",
                 texte):
        return "entier"
    return "nombre"


def tableau(table: Any, formats: Mapping[str, str] | None = None, titres: Mapping[str, str] | bool = True,
            decimales: Mapping[str, int] | None = None, index: bool | None = None, lignes: int | None = None) -> Any:
    """Une table pandas affichée à la française (renvoie un ``Styler``, que JupyterLab montre en tableau).

    Parameters
    ----------
    table : DataFrame ou Series
        La table à montrer (elle n'est pas modifiée : les calculs gardent les vrais nombres).
    formats : dict, optional
        La sorte de chaque colonne (``"euros"``, ``"pourcent"``, ``"nombre"``, ``"entier"``, ``"texte"``) ;
        par défaut, devinée du nom de la colonne (``ca``, ``montant``... en euros ; ``taux``, ``part``... en %).
    titres : bool ou dict
        ``True`` : titres en français (dictionnaire :data:`TITRES`) ; un dict pour en donner d'autres ;
        ``False`` : noms d'origine.
    decimales : dict, optional
        Nombre de décimales par colonne.
    index : bool, optional
        Montrer l'index (par défaut : seulement s'il porte un nom ou n'est pas 0, 1, 2...).
    lignes : int, optional
        N'affiche que les premières lignes.

    >>> import pandas as pd
    >>> t = tableau(pd.Series([0.25, 0.75], index=pd.Index(["A", "B"], name="classe"), name="part_ca"))
    >>> t.data.columns.tolist(), t.data.index.name
    (['Part du CA'], 'Classe')
    """
    import pandas as pd

    if not isinstance(table, pd.DataFrame | pd.Series):
        return table  # autre chose qu'une table : montré tel quel
    try:
        style = _tableau(table, formats, titres, decimales, index, lignes)
        style.to_html()  # le Styler ne calcule qu'à l'affichage : une erreur doit se voir ici
        return style
    except Exception:  # un format inattendu ne doit jamais empêcher de voir la table
        return table


def _tableau(table: Any, formats: Mapping[str, str] | None, titres: Mapping[str, str] | bool,
             decimales: Mapping[str, int] | None, index: bool | None, lignes: int | None) -> Any:
    import pandas as pd

    if isinstance(table, pd.Series):
        table = table.to_frame(name=table.name if table.name is not None else "valeur")
    total = len(table)
    legende = ""
    if lignes is None and total > LIGNES_MAX:
        lignes = 20
    if lignes is not None and lignes < total:
        table = table.head(lignes)
        legende = f"Les {lignes} premières lignes sur {valeur_fr(total, 'entier')}."
    if isinstance(table.columns, pd.MultiIndex):
        titres = False
    formats = dict(formats or {})
    decimales = dict(decimales or {})
    sortes = {c: formats.get(str(c)) or format_colonne(c, table[c]) for c in table.columns}
    mise_en_forme: dict[Any, Callable[[object], str]] = {}
    for colonne, sorte in sortes.items():
        serie = table[colonne]
        if sorte == "texte" or not (pd.api.types.is_numeric_dtype(serie.dtype) or
                                    pd.api.types.is_datetime64_any_dtype(serie.dtype)):
            mise_en_forme[colonne] = lambda v: "" if v is None or _manque(v) else valeur_fr(v)
            continue
        d = decimales.get(str(colonne))
        if sorte == "nombre" and d is None and pd.api.types.is_float_dtype(serie.dtype):
            d = 2
        mise_en_forme[colonne] = (lambda s, dd: lambda v: valeur_fr(v, s, dd))(sorte, d)
    if titres is False:
        noms: dict[Any, Any] = {c: c for c in table.columns}
    else:
        autres = titres if isinstance(titres, Mapping) else {}
        noms = {c: autres.get(str(c)) or titre_colonne(c) for c in table.columns}
    montre = table.rename(columns=noms)
    if montre.columns.duplicated().any():  # deux colonnes au même titre : on garde les noms d'origine
        montre, noms = table, {c: c for c in table.columns}
    if montre.index.name is not None and titres is not False:
        montre = montre.rename_axis(titre_colonne(montre.index.name))
    style = montre.style.format({noms[c]: f for c, f in mise_en_forme.items()}, na_rep="")
    if not pd.api.types.is_numeric_dtype(montre.index.dtype) or isinstance(montre.index, pd.MultiIndex) \
            or montre.index.name:
        stats = titres is not False and set(map(str, montre.index)) <= _STATS
        style = style.format_index(lambda v: TITRES[str(v)] if stats else valeur_fr(v) if v is not None else "",
                                   axis=0)
    par_defaut = isinstance(montre.index, pd.RangeIndex) and montre.index.name is None
    if index is False or (index is None and par_defaut):
        style = style.hide(axis="index")
    alignes = [noms[c] for c, s in sortes.items() if s in ("euros", "pourcent", "nombre", "entier")
               and pd.api.types.is_numeric_dtype(table[c].dtype)]
    if alignes:
        style = style.set_properties(subset=alignes, **{"text-align": "right"})
    textes = [noms[c] for c, s in sortes.items() if s == "texte" or not (
        pd.api.types.is_numeric_dtype(table[c].dtype) or pd.api.types.is_datetime64_any_dtype(table[c].dtype))]
    if textes:  # JupyterLab aligne tout à droite : le texte se lit mieux à gauche, comme dans Excel
        style = style.set_properties(subset=textes, **{"text-align": "left"})
        style = style.set_table_styles({c: [{"selector": "th.col_heading", "props": "text-align: left"}]
                                        for c in textes}, overwrite=False)
    if not pd.api.types.is_numeric_dtype(montre.index.dtype):
        style = style.set_table_styles([{"selector": "th.row_heading", "props": "text-align: left"}], overwrite=False)
    if legende:
        style = style.set_caption(legende)
    return style


# --- Curseurs ---------------------------------------------------------------------------------------


def _classe_curseur() -> type:
    import ipywidgets as w

    class Curseur(w.FloatSlider):
        """Un curseur dont la valeur s'affiche à la française (« 64 % », « 197 € ») dans son titre."""

        def __init__(self, titre: str, sorte: str, decimales: int | None, **kwargs: Any) -> None:
            self._titre, self._sorte, self._decimales = titre, sorte, decimales
            kwargs.setdefault("continuous_update", False)
            super().__init__(readout=False, **kwargs)
            plus_long = max((self._lire(v) for v in (self.min, self.max, self.value)), key=len)
            self.style.description_width = f"{len(titre) + len(plus_long) + 4}ch"
            self.layout.width = f"calc({len(titre) + len(plus_long) + 4}ch + 18em)"
            self._maj()
            self.observe(lambda _: self._maj(), names="value")

        def _lire(self, valeur: float) -> str:
            if self._sorte == "entier":
                return valeur_fr(round(valeur), "entier")
            return valeur_fr(valeur, self._sorte, self._decimales)

        def _maj(self) -> None:
            self.description = f"{self._titre} : {self._lire(self.value)}"

    return Curseur


_CURSEUR: dict[str, type] = {}


def __getattr__(nom: str) -> Any:  # Curseur n'est construit qu'à la demande (ipywidgets importé alors)
    if nom == "Curseur":
        if "classe" not in _CURSEUR:
            _CURSEUR["classe"] = _classe_curseur()
        return _CURSEUR["classe"]
    raise AttributeError(nom)


def curseur(titre: str, valeur: float, minimum: float, maximum: float, pas: float, sorte: str = "nombre",
            decimales: int | None = None, **options: Any) -> Any:
    """Un curseur (ipywidgets) qui montre sa valeur à la française : « rétention : 64 % », « marge : 71 € ».

    ``sorte`` : ``"pourcent"`` (la valeur est une fraction : 0,64 s'affiche 64 %), ``"euros"``,
    ``"nombre"`` ou ``"entier"``. La valeur de départ n'est pas arrondie au pas : l'explorateur démarre
    exactement sur la valeur calculée au-dessus.

    >>> c = curseur("rétention", 0.64, 0, 0.95, 0.01, "pourcent", decimales=0)
    >>> c.description, c.value
    ('rétention : 64\\u202f%', 0.64)
    >>> m = curseur("marge", 71, 10, 300, 5, "euros", decimales=0)
    >>> m.description, m.value, m.min
    ('marge : 71\\u202f€', 71.0, 11.0)
    """
    classe = __getattr__("Curseur")
    # Le navigateur ramène la valeur sur la grille min + k × pas : on décale le minimum pour que la
    # valeur de départ tombe sur la grille (71 € avec un pas de 5 depuis 10 € resterait sinon 70 €).
    if pas and valeur > minimum:
        k = math.floor((valeur - minimum) / pas + 1e-9)
        minimum = round(valeur - k * pas, 10)
    return classe(titre, sorte, decimales, value=valeur, min=minimum, max=maximum, step=pas, **options)


# --- Widgets d'un cahier rouvert ---------------------------------------------------------------------

MIME_WIDGET = "application/vnd.jupyter.widget-view+json"
TEXTE_REPLI = ("▶ Élément interactif (curseur, quiz, cadre de réponse) à faire réapparaître : exécutez cette "
               "cellule (Maj+Entrée). Il vit dans le noyau, qui a redémarré depuis (cahier rouvert) ; votre travail "
               "enregistré revient avec lui.")
_STYLE_REPLI_TEXTE = ("▶ Élément interactif (curseur, quiz, cadre de réponse) à faire réapparaître : exécutez cette "
                      "cellule (Maj+Entrée), et au besoin les cellules du haut.")
HTML_REPLI = (f"<div class='grc-repli-widget' style='background:#fff8e1;border-left:4px solid #8a6d00;"
              f"padding:6px 10px;margin:4px 0;color:#222'>{html.escape(TEXTE_REPLI)}</div>")
#: Feuille de style (sortie invisible placée avant chaque widget) : quand JupyterLab ne trouve plus le
#: modèle d'un widget (« Error displaying widget: model not found »), le message est remplacé par
#: une phrase en français. Elle ne s'applique que si la sortie est « de confiance » (cahier exécuté
#: et enregistré par l'élève) ; sinon JupyterLab affiche de lui-même le repli HTML du widget.
STYLE_REPLI = (
    "<style class='grc-repli-widget'>"
    ".jp-OutputArea-output.jupyter-widgets:not(:has(*)){font-size:0!important;line-height:0;padding:0}"
    ".jp-OutputArea-output.jupyter-widgets:not(:has(*))::after{"
    f"content:'{_STYLE_REPLI_TEXTE}';display:block;font-size:var(--jp-content-font-size1,14px);"
    "line-height:1.5;background:#fff8e1;border-left:4px solid #8a6d00;padding:6px 10px;margin:4px 0;color:#222}"
    "</style>"
)

_ETAT: dict[str, Any] = {}


def repli_widget(donnees: dict[str, Any]) -> dict[str, Any]:
    """Ajoute à la sortie d'un widget son repli en français (texte et HTML), lu quand le widget ne peut s'afficher.

    >>> d = repli_widget({"text/plain": "FloatSlider(value=0.0)", MIME_WIDGET: {"model_id": "x"}})
    >>> d["text/plain"].startswith("▶ Élément interactif"), "grc-repli-widget" in d["text/html"]
    (True, True)
    """
    if MIME_WIDGET not in donnees:
        return donnees
    donnees = dict(donnees)
    if "text/html" in donnees:  # le widget a son propre repli (le quiz) : la phrase vient en tête
        if "grc-repli-widget" not in donnees["text/html"]:
            donnees["text/html"] = HTML_REPLI + donnees["text/html"]
    else:
        donnees["text/html"] = HTML_REPLI
        donnees["text/plain"] = TEXTE_REPLI
    return donnees


def installer_repli_widgets(shell: Any = None) -> None:
    """Donne à chaque widget affiché un repli en français, et place devant lui la feuille de style du repli.

    Appelée par l'extension du noyau (:mod:`grc.erreurs`) ; sans effet hors d'IPython ; idempotente.
    """
    if shell is None:
        try:
            from IPython import get_ipython

            shell = get_ipython()
        except ImportError:  # pragma: no cover
            return
    if shell is None or getattr(shell, "_grc_repli_widgets", False):
        return
    formateur = shell.display_formatter
    original = formateur.format

    def format_avec_repli(obj: Any, include: Any = None, exclude: Any = None) -> Any:
        donnees, meta = original(obj, include=include, exclude=exclude)
        if MIME_WIDGET in donnees:
            donnees = repli_widget(donnees)
            cle = getattr(shell, "execution_count", None)
            if _ETAT.get("style_pour") != cle:
                _ETAT["style_pour"] = cle
                try:
                    shell.display_pub.publish({"text/html": STYLE_REPLI, "text/plain": ""}, {})
                except Exception:  # pragma: no cover
                    pass
        return donnees, meta

    formateur.format = format_avec_repli
    shell._grc_repli_widgets = True


def _installer_si_noyau() -> None:
    """À l'import dans un noyau Jupyter (sans l'extension du cours, par exemple sur un hub) : le repli aussi."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # pragma: no cover
        return
    if shell is not None and type(shell).__name__ == "ZMQInteractiveShell":
        installer_repli_widgets(shell)


_installer_si_noyau()


def sans_repli(donnees: dict[str, Any]) -> dict[str, Any] | None:
    """Les données d'une sortie sans ce que :func:`installer_repli_widgets` y a mis (pour une page statique).

    Renvoie ``None`` pour la feuille de style du repli (sortie à retirer), sinon les données sans la
    phrase « exécutez cette cellule ».

    >>> sans_repli({"text/html": STYLE_REPLI, "text/plain": ""}) is None
    True
    >>> sans_repli(repli_widget({"text/plain": "IntSlider()", MIME_WIDGET: {"model_id": "x"}}))
    {'application/vnd.jupyter.widget-view+json': {'model_id': 'x'}}
    """
    if donnees.get("text/html") == STYLE_REPLI:
        return None
    donnees = dict(donnees)
    page = donnees.get("text/html")
    if isinstance(page, str) and page.startswith(HTML_REPLI):
        page = page[len(HTML_REPLI):]
        if page:
            donnees["text/html"] = page
        else:
            del donnees["text/html"]
    if donnees.get("text/plain") == TEXTE_REPLI:
        del donnees["text/plain"]
    return donnees
