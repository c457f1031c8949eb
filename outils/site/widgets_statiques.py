"""Rendre lisibles sur une page statique les sorties ipywidgets d'un carnet exécuté.

Une page web statique n'a pas de noyau Python : un explorateur ``interact`` n'y
bouge pas, et sans le gestionnaire de widgets (chargé d'habitude depuis un CDN)
il n'affiche rien. À la construction, on remplace donc chaque vue de widget :

- si la sortie a déjà une forme HTML (le quiz du cours en a une, réponses cachées
  dans un ``<details>``), on garde celle-ci ;
- sinon on écrit une note (« explorateur interactif : ouvrez le cahier dans
  JupyterLab »), la valeur de chaque contrôle, puis les sorties que l'explorateur
  a produites à l'exécution (son premier graphique), lues dans l'état des widgets
  que nbclient enregistre dans le carnet.

>>> etat = {"a": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_b", "IPY_MODEL_c"]}},
...         "b": {"model_name": "IntSliderModel", "state": {"description": "Année", "value": 2024}},
...         "c": {"model_name": "OutputModel", "state": {"outputs": [{"output_type": "stream", "name": "stdout",
...                                                                  "text": "Total : 12 €"}]}}}
>>> [s["output_type"] for s in sorties_capturees("a", etat)]
['stream']
>>> controles("a", etat)
[('Année', '2024')]
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import nbformat

from grc.affichage import sans_repli

VUE = "application/vnd.jupyter.widget-view+json"
ETAT = "application/vnd.jupyter.widget-state+json"
_REFERENCE = re.compile(r"^IPY_MODEL_([0-9a-f]+)$")
_IGNORES = {"LayoutModel", "OutputModel"}


def _enfants(modele: str, etat: dict) -> Iterator[str]:
    """Les identifiants des modèles cités par un modèle (enfants, contrôles...), dans l'ordre."""
    for valeur in etat.get(modele, {}).get("state", {}).values():
        for element in valeur if isinstance(valeur, list) else [valeur]:
            if isinstance(element, str) and (ref := _REFERENCE.match(element)):
                yield ref.group(1)


def parcourir(modele: str, etat: dict, vus: set[str] | None = None) -> Iterator[str]:
    """Le modèle et tous ses descendants, en profondeur, chacun une seule fois."""
    vus = set() if vus is None else vus
    if modele in vus or modele not in etat:
        return
    vus.add(modele)
    yield modele
    for enfant in _enfants(modele, etat):
        yield from parcourir(enfant, etat, vus)


def sorties_capturees(modele: str, etat: dict) -> list[dict]:
    """Les sorties enregistrées par les widgets ``Output`` de l'arbre du modèle."""
    return [sortie for m in parcourir(modele, etat) if etat[m].get("model_name") == "OutputModel"
            for sortie in etat[m].get("state", {}).get("outputs", [])]


def _valeur(etat_modele: dict) -> str | None:
    libelles, indice = etat_modele.get("_options_labels"), etat_modele.get("index")
    if libelles and isinstance(indice, int) and 0 <= indice < len(libelles):
        return str(libelles[indice])
    if "value" in etat_modele and not isinstance(etat_modele["value"], dict | list):
        return str(etat_modele["value"])
    return None


def controles(modele: str, etat: dict) -> list[tuple[str, str]]:
    """(libellé, valeur) de chaque contrôle de l'arbre : curseurs, listes, cases..."""
    trouves = []
    for m in parcourir(modele, etat):
        etat_modele = etat[m].get("state", {})
        if etat[m].get("model_name") in _IGNORES or etat[m].get("model_name", "").endswith("StyleModel"):
            continue
        valeur, libelle = _valeur(etat_modele), etat_modele.get("description")
        if valeur is not None and libelle:
            trouves.append((str(libelle), valeur))
    return trouves


def note_explorateur(reglages: list[tuple[str, str]]) -> str:
    """Le bandeau HTML qui remplace un explorateur sur le site.

    >>> "Année = 2024" in note_explorateur([("Année", "2024")])
    True
    """
    valeurs = " ; ".join(f"{html.escape(n)} = {html.escape(v)}" for n, v in reglages)
    reglage = f"<br>Réglage montré ici : {valeurs}." if valeurs else ""
    return ("<div class='grc-explorateur'>🎛️ <b>Explorateur interactif.</b> Dans JupyterLab, les curseurs et "
            f"les listes de cette cellule changent le résultat ; sur ce site, il est figé à son premier état.{reglage}"
            "</div>")


def convertir_sortie(sortie: dict, etat: dict) -> list[dict]:
    """Une sortie de carnet, sans vue de widget : elle-même, ou sa forme HTML, ou note + sorties capturées.

    La feuille de style et le repli des widgets d'un cahier rouvert (:mod:`grc.affichage`) n'ont pas de
    sens sur le site : ils sont retirés.
    """
    if "data" in sortie:
        donnees = sans_repli(sortie["data"])
        if donnees is None:
            return []
        sortie = nbformat.from_dict({**sortie, "data": donnees})
    donnees = sortie.get("data", {})
    if VUE not in donnees:
        return [sortie]
    modele = donnees[VUE].get("model_id", "")
    reste = {k: v for k, v in donnees.items() if k != VUE}
    if "text/html" in reste:
        return [nbformat.from_dict({**sortie, "data": reste})]
    note = nbformat.v4.new_output("display_data", data={"text/html": note_explorateur(controles(modele, etat)),
                                                        "text/plain": "Explorateur interactif (JupyterLab)."})
    return [note, *(nbformat.from_dict(s) for s in sorties_capturees(modele, etat))]


def rendre_statique(carnet: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remplace en place les vues de widgets de toutes les cellules, puis retire l'état des widgets."""
    etat = carnet.metadata.get("widgets", {}).get(ETAT, {}).get("state", {})
    for cellule in carnet.cells:
        if cellule.cell_type == "code":
            cellule.outputs = [s for sortie in cellule.get("outputs", []) for s in convertir_sortie(sortie, etat)]
    carnet.metadata.pop("widgets", None)
    return carnet
