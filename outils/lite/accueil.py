"""La page « Commencer ici » de l'édition JupyterLite (un carnet, pour ses boutons).

Ses cellules de code n'utilisent que la bibliothèque standard et ipywidgets : elles tournent même
avant le premier chargement de pandas. Elles font, dans le stockage du navigateur :

- la copie d'un cahier dans ``mon-travail/`` (jamais écrasée ; une copie neuve va *à côté*) ;
- « Télécharger mon travail » : un zip de ``mon-travail/`` (lien de téléchargement) ;
- « Reprendre mon travail » : le même zip renvoyé ; un fichier déjà présent n'est jamais écrasé.
"""

from __future__ import annotations

import nbformat

from grc.themes import THEMES

OUTILS = r'''# Outils de la page : exécutez cette cellule (Maj + Entrée) avant d'utiliser les boutons.
import base64, io, pathlib, shutil, zipfile
import ipywidgets as widgets
from IPython.display import HTML, display

TRAVAIL = pathlib.Path("mon-travail")
TRAVAIL.mkdir(exist_ok=True)


def _a_cote(cible):
    """Un nom libre à côté de ``cible`` : « 02-... (v2).ipynb », « (v3) »..."""
    n = 2
    while cible.exists():
        cible = cible.with_name(f"{cible.stem.split(' (v')[0]} (v{n}){cible.suffix}")
        n += 1
    return cible


def copier(cahier):
    """Copie un cahier du cours dans mon-travail/ (une copie existante n'est jamais écrasée)."""
    source = next(pathlib.Path("notebooks").glob(f"{cahier}*.ipynb"))
    cible = TRAVAIL / source.name
    if cible.exists():
        print(f"Votre copie existe déjà : {cible}. Ouvrez-la dans le dossier mon-travail.")
        return cible
    shutil.copyfile(source, cible)
    print(f"Copie faite : {cible}. Ouvrez-la dans le dossier mon-travail (panneau de gauche).")
    return cible


def archive_du_travail():
    """Le contenu de mon-travail/ en zip (octets)."""
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(TRAVAIL.rglob("*")):
            if f.is_file() and ".ipynb_checkpoints" not in f.parts:
                z.write(f, f.relative_to(TRAVAIL.parent).as_posix())
    return tampon.getvalue()


def telecharger_mon_travail():
    donnees = archive_du_travail()
    lien = base64.b64encode(donnees).decode()
    display(HTML(f'<a download="mon-travail.zip" href="data:application/zip;base64,{lien}" '
                 f'class="grc-telecharger">⬇️ Télécharger mon travail (mon-travail.zip, {len(donnees) // 1024 + 1} ko)</a>'))


def reprendre(donnees):
    """Remet dans mon-travail/ les fichiers d'un zip ; un fichier déjà là n'est jamais écrasé."""
    remis = []
    with zipfile.ZipFile(io.BytesIO(donnees)) as z:
        for nom in z.namelist():
            chemin = pathlib.PurePosixPath(nom)
            if nom.endswith("/") or ".." in chemin.parts or chemin.parts[0] != "mon-travail":
                continue
            cible = _a_cote(TRAVAIL.parent / chemin)
            cible.parent.mkdir(parents=True, exist_ok=True)
            cible.write_bytes(z.read(nom))
            remis.append(str(cible))
    return remis


envoi = widgets.FileUpload(accept=".zip", multiple=False, description="Reprendre mon travail")
sortie = widgets.Output()


def _recu(change):
    with sortie:
        for fichier in change["new"]:
            remis = reprendre(bytes(fichier["content"]))
            print(f"{len(remis)} fichier(s) remis dans mon-travail :", *remis, sep="\n  ")


envoi.observe(_recu, names="value")
print("Prêt.")'''


def _tableau() -> str:
    lignes = ["| n° | thème | cahier | dans le navigateur |", "| --- | --- | --- | --- |"]
    for t in THEMES:
        etat = "✅" if t.lite else f"❌ {t.raison_lite}" if t.lite is False else "non vérifié"
        lignes.append(f"| {t.numero} | {t.titre} | [{t.nom_fichier}.ipynb](notebooks/{t.nom_fichier}.ipynb) | {etat} |")
    return "\n".join(lignes)


def page_accueil() -> nbformat.NotebookNode:
    """Le carnet « Commencer ici » de l'édition JupyterLite.

    >>> carnet = page_accueil()
    >>> carnet.cells[0].source.splitlines()[0]
    '# Commencer ici'
    """
    pas_prets = [t for t in THEMES if t.lite is False]
    cellules = [
        nbformat.v4.new_markdown_cell(
            "# Commencer ici\n\n"
            "Bienvenue dans le cours de **gestion de la relation client** (GRC). Tout se passe dans votre "
            "navigateur : rien à installer. Le premier cahier ouvert télécharge Python et ses outils "
            "(une fois ; le navigateur les garde ensuite).\n\n"
            "**Comment travailler.** Lisez la leçon du thème (dossier `course`), puis faites une **copie** "
            "du cahier (cellule ci-dessous) et travaillez dans la copie, dans le dossier `mon-travail`. "
            "Dans chaque exercice, remplacez `...` par votre calcul et exécutez la cellule "
            "(Maj + Entrée) : `verifier(...)` dit si c'est juste.\n\n"
            "**Où est mon travail ?** Dans le stockage de *ce* navigateur, sur *cet* ordinateur. Les "
            "ordinateurs de l'école l'effacent souvent à la déconnexion : avant de partir, "
            "**téléchargez votre travail** (un fichier zip) ; la prochaine fois, **reprenez-le**."),
        nbformat.v4.new_markdown_cell("## Les cahiers\n\n" + _tableau() + (
            "\n\nLes cahiers marqués ❌ demandent Python installé sur un ordinateur ou le serveur de la "
            "classe : demandez à votre enseignant." if pas_prets else "")),
        nbformat.v4.new_markdown_cell("## Mes outils\n\nExécutez d'abord cette cellule :"),
        nbformat.v4.new_code_cell(OUTILS),
        nbformat.v4.new_markdown_cell("### Copier un cahier dans mon-travail\n\nRemplacez `00` par le "
                                      "numéro du thème, puis exécutez :"),
        nbformat.v4.new_code_cell('copier("00")'),
        nbformat.v4.new_markdown_cell("### Télécharger mon travail"),
        nbformat.v4.new_code_cell("telecharger_mon_travail()"),
        nbformat.v4.new_markdown_cell("### Reprendre mon travail\n\nChoisissez le fichier "
                                      "`mon-travail.zip` téléchargée la dernière fois :"),
        nbformat.v4.new_code_cell("display(envoi, sortie)"),
    ]
    carnet = nbformat.v4.new_notebook(cells=cellules)
    carnet.metadata["kernelspec"] = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
    for cellule in carnet.cells:
        cellule.pop("id", None)
    carnet.nbformat_minor = 4
    return carnet
