"""Les réponses rédigées : l'élève écrit, puis compare à la réponse modèle et coche sa grille.

Dans un cahier, après chaque question ouverte, la cellule ``rediger("02_redaction_1")`` affiche :

1. une zone où l'élève écrit (ou colle) sa réponse, enregistrée dans ``mon-travail/progression.json`` ;
2. une fois la réponse écrite (au moins :data:`MOTS_MINIMUM` mots), le bouton « Voir la réponse
   modèle et la grille » ;
3. la réponse modèle et une case par critère du barème : l'élève coche ce que sa réponse contient,
   et cette auto-évaluation entre dans le bilan (:func:`grc.progression.bilan`).

Les réponses modèles viennent de ``course/redactions.json``, écrit par le générateur des cahiers
à partir des corrigés. Le professeur peut les fermer : ``GRC_REPONSES_MODELES=0`` dans
l'environnement du noyau (et l'édition élève les retire d'elle-même pour un travail noté).

>>> fiche = {"titre": "Question", "modele": "Parce que.", "points": 1.0,
...          "criteres": [{"critere": "une raison", "points": 1.0}]}
>>> print(texte_correction(fiche))
Réponse modèle :
Parce que.
<BLANKLINE>
Grille (1 point) :
[ ] une raison (1 point)
"""

from __future__ import annotations

import html
import json
import os
import re
from typing import Any

from . import progression
from .ressources import dossier

__all__ = ["MOTS_MINIMUM", "Redaction", "lire_redactions", "rediger", "texte_correction"]

#: Le nombre de mots à écrire avant de pouvoir voir la réponse modèle.
MOTS_MINIMUM = 15
BOUTON = "Voir la réponse modèle et la grille"
FERME = ("Votre professeur a fermé les réponses modèles pour ce travail : votre réponse est enregistrée, "
         "votre professeur la corrigera.")


def lire_redactions() -> dict[str, dict[str, Any]]:
    """Les fiches de ``course/redactions.json`` (réponse modèle, barème), par nom.

    >>> fiches = lire_redactions()
    >>> fiches["02_redaction_1"]["theme"], fiches["02_redaction_1"]["points"] > 0
    ('02', True)
    """
    chemin = dossier("course") / "redactions.json"
    try:
        return json.loads(chemin.read_text(encoding="utf-8"))["redactions"]
    except (OSError, ValueError, KeyError):
        return {}


def nombre_mots(texte: str) -> int:
    """Le nombre de mots d'une réponse (suites de lettres ou de chiffres).

    >>> nombre_mots("Les clients à risque : 1 200 €, à relancer.")
    8
    """
    return len(re.findall(r"\w+", texte or ""))


def points_fr(points: float) -> str:
    """« 1,5 point », « 2 points », « 0,25 point ».

    >>> points_fr(1.5), points_fr(2.0), points_fr(0.25)
    ('1,5 point', '2 points', '0,25 point')
    """
    nombre = f"{points:g}".replace(".", ",")
    return f"{nombre} point" + ("s" if points >= 2 else "")


def modeles_ouverts(fiche: dict[str, Any]) -> bool:
    """``False`` quand le professeur a fermé les réponses modèles (ou que l'édition les a retirées).

    >>> modeles_ouverts({"modele": "Parce que."})
    True
    >>> modeles_ouverts({})
    False
    """
    ferme = os.environ.get("GRC_REPONSES_MODELES", "").strip().lower() in {"0", "non", "off", "false"}
    return bool(fiche.get("modele")) and not ferme


def texte_correction(fiche: dict[str, Any], coches: list[str] = ()) -> str:
    """La réponse modèle et la grille, en texte (cases cochées : ``[x]``)."""
    lignes = ["Réponse modèle :", fiche.get("modele", ""), ""]
    if fiche.get("criteres"):
        lignes.append(f"Grille ({points_fr(fiche.get('points', 0))}) :")
        for c in fiche["criteres"]:
            case = "[x]" if c["critere"] in coches else "[ ]"
            lignes.append(f"{case} {c['critere']} ({points_fr(c['points'])})")
    return "\n".join(lignes)


def bilan_coches(fiche: dict[str, Any], coches: list[str]) -> str:
    """« 2 critères sur 3 cochés : 1 point sur 1,5 point. »

    >>> f = {"points": 1.5, "criteres": [{"critere": "a", "points": 0.5}, {"critere": "b", "points": 1.0}]}
    >>> bilan_coches(f, ["b"])
    'Auto-évaluation : 1 critère sur 2 coché, soit 1 point sur 1,5 point.'
    """
    criteres = fiche.get("criteres", [])
    n = sum(c["critere"] in coches for c in criteres)
    points = sum(c["points"] for c in criteres if c["critere"] in coches)
    accord = "cochés" if n > 1 else "coché"
    return (f"Auto-évaluation : {n} critère{'s' if n > 1 else ''} sur {len(criteres)} {accord}, "
            f"soit {points_fr(points)} sur {points_fr(fiche.get('points', 0))}.")


class Redaction:
    """Une réponse rédigée dans un cahier : widget dans JupyterLab, texte ailleurs."""

    def __init__(self, nom: str, fiche: dict[str, Any]) -> None:
        self.nom = nom
        self.fiche = fiche
        ancienne = progression.lire_progression()["redactions"].get(nom, {}) if progression.enregistrement_actif() else {}
        self.reponse = str(ancienne.get("reponse", ""))
        self.coches = [c for c in ancienne.get("coches", []) if c in self.criteres]
        self._widget: Any = None

    @property
    def criteres(self) -> list[str]:
        return [c["critere"] for c in self.fiche.get("criteres", [])]

    def enregistrer(self) -> None:
        """Enregistre la réponse et les cases cochées dans le fichier de progression."""
        progression.noter_redaction(self.nom, self.reponse, self.criteres, self.coches)

    def consigne(self) -> str:
        return (f"Écrivez ou collez votre réponse ci-dessous : elle est enregistrée dans votre dossier "
                f"mon-travail et revient quand vous rouvrez le cahier (exécutez de nouveau cette cellule). Dès "
                f"{MOTS_MINIMUM} mots, vous pourrez la comparer à la réponse modèle et cocher ce qu'elle contient.")

    def texte(self) -> str:
        """La version texte (hors JupyterLab, ou quand le widget ne peut s'afficher)."""
        return (f"✍️ {self.fiche.get('titre', self.nom)} — votre réponse rédigée ({self.nom}).\n"
                "Ouvrez ce cahier dans JupyterLab et exécutez cette cellule pour écrire votre réponse, "
                "puis la comparer à la réponse modèle.")

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        donnees = {"text/plain": self.texte(),
                   "text/html": f"<p class='grc-redaction'>{html.escape(self.texte())}</p>"}
        try:
            vue = self.widget()._repr_mimebundle_()
        except Exception:  # pas de noyau, pas de widgets : le texte suffit
            vue = {}
        donnees.update({k: v for k, v in vue.items() if k != "text/plain"})
        return donnees

    # --- Le widget -------------------------------------------------------------------------------

    def widget(self) -> Any:
        """Le widget ipywidgets (créé au premier appel)."""
        if self._widget is None:
            self._widget = self._construire()
        return self._widget

    def _construire(self) -> Any:
        import ipywidgets as w

        titre = w.HTML(f"<b>✍️ {html.escape(self.fiche.get('titre', self.nom))}</b> — votre réponse"
                       f"<br><small>{html.escape(self.consigne())}</small>")
        zone = w.Textarea(value=self.reponse, placeholder="Votre réponse…", continuous_update=True,
                          layout=w.Layout(width="100%", height="9em"))
        compteur = w.HTML()
        bouton = w.Button(description=BOUTON, icon="eye", layout=w.Layout(width="auto"))
        correction = w.VBox()

        ouverts = modeles_ouverts(self.fiche)

        def mettre_a_jour(_: Any = None) -> None:
            n = nombre_mots(zone.value)
            manque = MOTS_MINIMUM - n
            bouton.disabled = manque > 0 or not ouverts
            if not ouverts:
                compteur.value = f"<small>{n} mot{'s' if n > 1 else ''}. {html.escape(FERME)}</small>"
            elif manque > 0:
                compteur.value = f"<small>{n} mot{'s' if n > 1 else ''} — encore {manque} pour voir la réponse modèle.</small>"
            else:
                compteur.value = f"<small>{n} mots : réponse enregistrée.</small>"

        def changer(changement: dict[str, Any]) -> None:
            self.reponse = changement["new"]
            self.enregistrer()
            mettre_a_jour()

        def montrer(_: Any = None) -> None:
            if ouverts and nombre_mots(self.reponse) >= MOTS_MINIMUM:
                correction.children = self._correction(w)

        zone.observe(changer, names="value")
        bouton.on_click(montrer)
        mettre_a_jour()
        if not ouverts:
            bouton.layout.display = "none"
        elif self.coches:
            montrer()
        return w.VBox([titre, zone, compteur, bouton, correction],
                      layout=w.Layout(border="1px solid #c8d6e5", padding="6px 10px", margin="6px 0"))

    def _correction(self, w: Any) -> list[Any]:
        """La réponse modèle (rendue comme le texte du cahier) et les cases de la grille."""
        modele = w.Output()
        with modele:
            from IPython.display import Markdown, display

            display(Markdown(self.fiche.get("modele", "")))
        deja_titre = self.fiche.get("modele", "").lstrip().startswith("**Réponse modèle")
        elements: list[Any] = [modele] if deja_titre else [w.HTML("<b>Réponse modèle</b>"), modele]
        criteres = self.fiche.get("criteres", [])
        if not criteres:
            return elements + [w.HTML("<small>Pas de grille pour cette question : comparez votre réponse à la "
                                      "réponse modèle.</small>")]
        score = w.HTML(f"<small>{bilan_coches(self.fiche, self.coches)}</small>")
        elements.append(w.HTML(f"<b>Grille ({points_fr(self.fiche.get('points', 0))})</b> — cochez ce que "
                               "votre réponse contient vraiment :"))
        for c in criteres:
            case = w.Checkbox(value=c["critere"] in self.coches, indent=False, layout=w.Layout(width="2em"))
            libelle = w.HTML(f"{html.escape(c['critere'])} <small>({points_fr(c['points'])})</small>")

            def cocher(changement: dict[str, Any], critere: str = c["critere"]) -> None:
                self.coches = [x for x in self.criteres
                               if (x == critere and changement["new"]) or (x != critere and x in self.coches)]
                self.enregistrer()
                score.value = f"<small>{bilan_coches(self.fiche, self.coches)}</small>"

            case.observe(cocher, names="value")
            elements.append(w.HBox([case, libelle]))
        return elements + [score]

    def __repr__(self) -> str:
        return self.texte()


def rediger(nom: str) -> Redaction:
    """La zone de réponse de la question rédigée ``nom`` (« 02_redaction_1 »), avec sa correction.

    >>> r = rediger("02_redaction_1")
    >>> r.nom, r.texte().startswith("✍️ Question ouverte")
    ('02_redaction_1', True)
    """
    fiches = lire_redactions()
    if nom not in fiches:
        raise KeyError(f"Question rédigée « {nom} » inconnue : régénérez les cahiers (make cahiers).")
    return Redaction(nom, fiches[nom])
