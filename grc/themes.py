"""L'index des thèmes du cours : la seule liste, lue par tout ce qui énumère les thèmes.

Le QCM, le site, la page « Commencer ici », le bilan de progression, l'édition JupyterLite
et le tableau du README lisent cet index ; un test le confronte aux fichiers du dépôt.
Les étiquettes courtes (``rfm``, ``abc``...) sont publiques : ``quiz("rfm")``,
``grc qcm feuille --themes rfm,abc``.

>>> theme("rfm").numero, theme("02").etiquette, theme(2).titre
('02', 'rfm', 'Segmenter par la méthode RFM (et FRAT)')
>>> [t.numero for t in THEMES if t.niveau == "approfondissement"]
['06', '11']
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

Niveau = Literal["bts", "approfondissement"]


@dataclass(frozen=True)
class Theme:
    """Un thème : son numéro, son étiquette, ses fichiers (chemins depuis la racine du cours).

    ``niveau`` : ``"bts"`` quand le thème appartient au tronc commun du BTS (il peut avoir des
    parties d'approfondissement, marquées dans ses fichiers), ``"approfondissement"`` quand le
    thème entier va au-delà du BTS (BUT TC, licence, école).
    ``lite`` : ``True`` si le cahier tourne dans l'édition JupyterLite, ``False`` sinon (avec la
    raison, en français, dans ``raison_lite``), ``None`` tant que personne ne l'a vérifié.
    """

    numero: str
    etiquette: str
    titre: str
    etape: str
    niveau: Niveau
    resume: str
    nom_fichier: str
    qcm: str | None
    module_exercices: str | None
    modules: tuple[str, ...] = ()
    lite: bool | None = None
    raison_lite: str = ""

    @property
    def lecon(self) -> str:
        """La leçon (MyST Markdown) : ``course/02-segmentation-rfm.md``."""
        return f"course/{self.nom_fichier}.md"

    @property
    def cahier(self) -> str:
        """Le cahier de l'élève, généré : ``notebooks/02-segmentation-rfm.ipynb``."""
        return f"notebooks/{self.nom_fichier}.ipynb"

    @property
    def corrige(self) -> str:
        """Le corrigé, source du cahier : ``solutions/02-segmentation-rfm.ipynb``."""
        return f"solutions/{self.nom_fichier}.ipynb"

    @property
    def fichier_qcm(self) -> str | None:
        """Les questions du thème : ``course/qcm/02-rfm.yml`` (``None`` pour la révision)."""
        return f"course/qcm/{self.numero}-{self.qcm}.yml" if self.qcm else None


THEMES: tuple[Theme, ...] = (
    Theme("00", "prise-en-main", "Prise en main de Jupyter et pandas", "—", "bts",
          "Jupyter, pandas, un premier graphique et un premier curseur sur les données de Verdance.",
          "00-prise-en-main", "prise-en-main", "grc.exercices._themes.theme_00",
          ("grc.donnees", "grc.graphiques")),
    Theme("01", "connaitre", "Connaître ses clients : la base de données", "Identifier", "bts",
          "La GRC, ses cinq étapes, la base de données marketing, la qualité des données et le RGPD.",
          "01-connaitre-ses-clients", "connaitre", "grc.exercices._themes.theme_01",
          ("grc.donnees", "grc.validation", "grc.base_marketing")),
    Theme("02", "rfm", "Segmenter par la méthode RFM (et FRAT)", "Segmenter", "bts",
          "Récence, fréquence, montant : scores, segments nommés et action pour chaque segment ; la FRAT.",
          "02-segmentation-rfm", "rfm", "grc.exercices._themes.theme_02",
          ("grc.rfm", "grc.valeur")),
    Theme("03", "abc", "Classer : Pareto, ABC, PMG, ABCD", "Segmenter", "bts",
          "Loi de Pareto, classes ABC, PMG et ABCD, courbe de Lorenz et indice de Gini.",
          "03-classer-abc-pareto", "abc", "grc.exercices._themes.theme_03",
          ("grc.abc", "grc.rfm")),
    Theme("04", "valeur", "La valeur client : CA potentiel, durée de vie, CLV", "Segmenter, évaluer", "bts",
          "Rétention, attrition, durée de vie, CLV simple et actualisée, coût d'acquisition.",
          "04-valeur-client", "valeur", "grc.exercices._themes.theme_04",
          ("grc.valeur", "grc.indicateurs")),
    Theme("05", "relationnel", "Le marketing relationnel et les programmes de fidélité", "Adapter, échanger", "bts",
          "Marketing relationnel, fidélité et fidélisation, programmes de fidélité, matrice relationnelle.",
          "05-marketing-relationnel", "relationnel", "grc.exercices._themes.theme_05",
          ("grc.relationnel",)),
    Theme("06", "scoring", "Scores et data mining : appétence, attrition, associations", "Segmenter, adapter",
          "approfondissement",
          "Scores d'appétence et d'attrition, cycle de vie du client, associations d'achats.",
          "06-scores-data-mining", "scoring", "grc.exercices._themes.theme_06",
          ("grc.scoring",)),
    Theme("07", "pac", "Construire et piloter un plan d'action commerciale (PAC)", "Adapter", "bts",
          "Du diagnostic au plan d'action commerciale : objectifs, cibles, actions, budget, tableau de bord.",
          "07-plan-action-commerciale", "pac", "grc.exercices._themes.theme_07",
          ("grc.pac", "grc.indicateurs")),
    Theme("08", "evaluer", "Évaluer : satisfaction, transformation, ROI", "Évaluer", "bts",
          "Satisfaction, NPS, taux de transformation, de retour, de rendement net, ROI, marges et test A/B.",
          "08-evaluer", "evaluer", "grc.exercices._themes.theme_08",
          ("grc.evaluation", "grc.indicateurs", "grc.valeur")),
    Theme("09", "vente", "Techniques de vente : SONCAS, CAP, CRAC, prospection", "Échanger", "bts",
          "SONCAS, argumentation CAP, traitement des objections (CRAC) et plan de prospection.",
          "09-techniques-de-vente", "vente", "grc.exercices._themes.theme_09",
          ("grc.vente",)),
    Theme("10", "cas", "Étude de cas intégrée (devoir noté)", "Toutes", "bts",
          "Une étude de cas qui reprend toute la démarche, comme un devoir noté.",
          "10-etude-de-cas", "cas", "grc.exercices._themes.theme_10",
          ("grc.donnees", "grc.rfm", "grc.abc", "grc.valeur", "grc.evaluation", "grc.pac")),
    Theme("11", "donnees-reelles", "Pour aller plus loin : prévoir la valeur client sur données réelles (CDNOW)",
          "Évaluer", "approfondissement",
          "Données réelles (CDNOW), modèles BG/NBD et Gamma-Gamma, CLV prédictive, RFM en SQL.",
          "11-donnees-reelles", "donnees-reelles", "grc.exercices._themes.theme_11",
          ("grc.cdnow", "grc.predictif", "grc.rfm_sql")),
    Theme("12", "revision", "Révision générale : le QCM de tous les thèmes", "Toutes", "bts",
          "Un quiz de révision qui mélange tous les thèmes, comme un examen.",
          "12-revision", None, None,
          ("grc.qcm",)),
)

#: L'édition JupyterLite (navigateur seul, Pyodide 314.0.6) : les cahiers qui n'y tournent pas, et
#: pourquoi (texte montré à l'élève sur la page « Commencer ici »). Les autres y sont déclarés prêts :
#: ils tournent sur CPython avec les versions de paquets de Pyodide (``make test-lite-cpython``),
#: n'importent que des paquets servis par le site et n'utilisent ni fils d'exécution ni
#: sous-processus. Leur exécution dans Pyodide lui-même n'est pas vérifiée ici (voir outils/lite).
PAS_PRETS_POUR_LITE = {
    "11": "il utilise lifetimes (modèles BG/NBD et données CDNOW), qui n'existe pas pour Python dans le "
          "navigateur",
}
THEMES = tuple(replace(t, lite=t.numero not in PAS_PRETS_POUR_LITE,
                       raison_lite=PAS_PRETS_POUR_LITE.get(t.numero, "")) for t in THEMES)


def theme(cle: str | int) -> Theme:
    """Le thème d'un numéro (``"02"``, ``2``) ou d'une étiquette (``"rfm"``).

    >>> theme("abc").numero
    '03'
    >>> theme("rfn")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    KeyError: 'Thème inconnu : « rfn ». Vouliez-vous dire « rfm » ? Thèmes : 00 prise-en-main, 01 connaitre, ...'
    """
    texte = f"{cle:02d}" if isinstance(cle, int) else str(cle).strip().lower()
    for t in THEMES:
        if texte in {t.numero, t.etiquette, t.nom_fichier, t.numero.lstrip("0") or "0"}:
            return t
    import difflib

    proches = difflib.get_close_matches(texte, [t.etiquette for t in THEMES], n=1)
    suggestion = f" Vouliez-vous dire « {proches[0]} » ?" if proches else ""
    connus = ", ".join(f"{t.numero} {t.etiquette}" for t in THEMES)
    raise KeyError(f"Thème inconnu : « {cle} ».{suggestion} Thèmes : {connus}")


def themes_qcm() -> tuple[Theme, ...]:
    """Les thèmes qui ont des questions dans la banque du QCM, dans l'ordre."""
    return tuple(t for t in THEMES if t.qcm)
