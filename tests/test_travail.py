"""Le travail de l'élève à l'abri du cours (grc.travail) et les liens vers les leçons."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from grc import travail
from grc.themes import theme

RACINE = Path(__file__).resolve().parents[1]


@pytest.fixture
def cours(tmp_path, monkeypatch) -> Path:
    """Un cours miniature : les cahiers 00 et 02 et leurs leçons, sans mon-travail/."""
    monkeypatch.delenv("GRC_TRAVAIL", raising=False)
    monkeypatch.delenv("GRC_PROGRESSION", raising=False)
    monkeypatch.delenv("GRC_COURS", raising=False)
    for cle in ("00", "02"):
        t = theme(cle)
        for chemin in (t.cahier, t.lecon):
            (tmp_path / chemin).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(RACINE / chemin, tmp_path / chemin)
    return tmp_path


def _progression(cours: Path) -> dict:
    return json.loads((cours / "mon-travail" / "progression.json").read_text(encoding="utf-8"))


def _editer(copie: Path, texte: str) -> None:
    """L'élève écrit sa réponse dans la première cellule de code de sa copie."""
    carnet = nbformat.read(copie, as_version=4)
    cellule = next(c for c in carnet.cells if c.cell_type == "code")
    cellule.source = texte
    nbformat.write(carnet, copie)


def test_la_copie_est_faite_une_fois_et_jamais_ecrasee(cours):
    copie = travail.faire_copie("02", cours)
    assert copie == cours / "mon-travail" / "02-segmentation-rfm.ipynb"
    assert copie.read_bytes() == (cours / "notebooks" / copie.name).read_bytes()
    notee = _progression(cours)["copies"]["02-segmentation-rfm.ipynb"]
    assert notee["copie"] == copie.name
    assert notee["empreinte_cours"] == travail.empreinte(cours / "notebooks" / copie.name)
    _editer(copie, "reponse = 42  # mon travail")
    assert travail.faire_copie("rfm", cours) == copie  # deuxième ouverture : la même copie, intacte
    assert "mon travail" in copie.read_text(encoding="utf-8")


def test_une_mise_a_jour_du_cours_ne_touche_pas_la_copie_editee(cours):
    copie = travail.faire_copie("02", cours)
    _editer(copie, "reponse = 42  # mon travail")
    etat = {e.theme.numero: e for e in travail.etat_du_travail(cours)}
    assert etat["02"].copie == copie.name and not etat["02"].nouvelle_version
    assert etat["00"].copie is None

    # Le cours est mis à jour (git pull) : le cahier du cours change.
    cahier = cours / "notebooks" / "02-segmentation-rfm.ipynb"
    carnet = nbformat.read(cahier, as_version=4)
    carnet.cells.insert(1, nbformat.v4.new_markdown_cell("Nouvelle explication ajoutée par le professeur."))
    nbformat.write(carnet, cahier)

    assert travail.faire_copie("02", cours) == copie  # rien n'est écrasé
    assert "mon travail" in copie.read_text(encoding="utf-8")
    etat = {e.theme.numero: e for e in travail.etat_du_travail(cours)}
    assert etat["02"].nouvelle_version
    page = travail.page_accueil(cours)
    assert "nouvelle version" in page and "/grc/nouvelle-copie/02" in page

    neuve = travail.nouvelle_copie("02", cours)
    assert neuve.name == "02-segmentation-rfm (v2).ipynb"
    assert "Nouvelle explication" in neuve.read_text(encoding="utf-8")
    assert "mon travail" in copie.read_text(encoding="utf-8")  # l'ancienne copie, intacte, à côté
    etat = {e.theme.numero: e for e in travail.etat_du_travail(cours)}
    assert etat["02"].copie == neuve.name and not etat["02"].nouvelle_version
    assert travail.faire_copie("02", cours) == neuve  # la page d'accueil ouvre désormais la copie neuve
    assert travail.nouvelle_copie("02", cours).name == "02-segmentation-rfm (v3).ipynb"


def test_les_cles_inconnues_du_fichier_de_progression_sont_gardees(cours):
    dossier = cours / "mon-travail"
    dossier.mkdir()
    (dossier / "progression.json").write_text(json.dumps({
        "format": 1, "exercices": {"02_recence": {"statut": "juste", "essais": 2, "theme": "02"}},
        "quiz": {"rfm": {"score": 7, "sur": 10, "meilleur": 8}}, "autre": [1, 2]}), encoding="utf-8")
    travail.faire_copie("02", cours)
    donnees = _progression(cours)
    assert donnees["autre"] == [1, 2] and donnees["exercices"]["02_recence"]["statut"] == "juste"
    assert "02-segmentation-rfm.ipynb" in donnees["copies"]


def test_la_page_d_accueil_montre_cahiers_lecons_et_progression(cours):
    noms = travail.exercices_du_cahier(cours / "notebooks" / "02-segmentation-rfm.ipynb")
    assert len(noms) >= 5 and all(n.startswith("02_") for n in noms)
    dossier = cours / "mon-travail"
    dossier.mkdir()
    (dossier / "progression.json").write_text(json.dumps({
        "exercices": {noms[0]: {"statut": "juste"}, noms[1]: {"statut": "faux"}},
        "quiz": {"rfm": {"score": 7, "sur": 10}}}), encoding="utf-8")
    travail.faire_copie("00", cours)
    chemin = travail.ecrire_accueil(cours, base_url="/user/eleve/")
    assert chemin == dossier / "Commencer ici.md"
    page = chemin.read_text(encoding="utf-8")
    assert page.startswith("# Commencer ici")
    assert "[Ouvrir ma copie](00-prise-en-main.ipynb)" in page  # lien relatif : JupyterLab l'ouvre dans l'onglet
    assert "[Commencer](/user/eleve/grc/ouvrir/02)" in page  # la copie sera faite au premier clic
    assert "[Lire](../course/02-segmentation-rfm.md)" in page
    approfondis = travail.exercices_approfondissement(cours / "notebooks" / "02-segmentation-rfm.ipynb")
    coeur = len([n for n in noms if n not in approfondis])
    assert approfondis and coeur < len(noms), "02 a un tronc commun et un approfondissement"
    assert f"1 / {coeur} ✅ · 1 ❌ · 🎓 0 / {len(approfondis)}" in page and "| 7 / 10 |" in page
    assert "11 ·" not in page  # seuls les cahiers présents sont listés


def test_la_commande_copier(cours, capsys):
    assert travail.main(["--cours", str(cours), "copier", "rfm"]) == 0
    assert (cours / "mon-travail" / "02-segmentation-rfm.ipynb").exists()
    assert travail.main(["--cours", str(cours), "copier", "rfn"]) == 1
    assert "Vouliez-vous dire « rfm »" in capsys.readouterr().err
    assert travail.main(["--cours", str(cours), "etat"]) == 0
    assert "02-segmentation-rfm.ipynb" in capsys.readouterr().out


def test_la_racine_du_cours_est_trouvee_depuis_mon_travail_et_notebooks(cours, monkeypatch):
    (cours / "mon-travail").mkdir()
    monkeypatch.chdir(cours / "mon-travail")
    assert travail.racine_cours() == cours
    monkeypatch.chdir(cours / "notebooks")
    assert travail.racine_cours() == cours


def test_lien_lecon_dans_jupyterlab_et_sur_le_site(monkeypatch):
    monkeypatch.delenv("GRC_LIENS", raising=False)
    monkeypatch.delenv("GRC_RACINE_SERVEUR", raising=False)
    lien = travail.lien_lecon("rfm", "rfm-scores")
    assert 'href="../course/02-segmentation-rfm.md#rfm-scores"' in lien and "section « rfm-scores »" in lien
    monkeypatch.setenv("GRC_LIENS", "site")
    assert 'href="../course/02-segmentation-rfm.html#rfm-scores"' in travail.lien_lecon("02", "rfm-scores")


def test_lien_lecon_porte_la_commande_de_jupyterlab(cours, monkeypatch):
    """Dans un widget (quiz), JupyterLab n'interprète pas les liens relatifs : le lien porte aussi la
    commande « rendermime:handle-local-link » avec le chemin depuis la racine du serveur."""
    monkeypatch.delenv("GRC_LIENS", raising=False)
    monkeypatch.setenv("GRC_RACINE_SERVEUR", str(cours.parent))
    monkeypatch.chdir(cours / "notebooks")
    lien = travail.lien_lecon("02", "rfm-pourquoi")
    assert 'data-commandlinker-command="rendermime:handle-local-link"' in lien
    args = json.loads(html.unescape(re.search(r"data-commandlinker-args='([^']*)'", lien).group(1)))
    assert args == {"path": f"{cours.name}/course/02-segmentation-rfm.md", "id": "#rfm-pourquoi"}
    assert "(rfm-pourquoi)=" in (cours / "course" / "02-segmentation-rfm.md").read_text(encoding="utf-8")


def test_les_messages_de_verifier_lient_la_section_citee(monkeypatch):
    from grc.exercices.retour import Retour

    monkeypatch.delenv("GRC_LIENS", raising=False)
    retour = Retour("incorrect", "Relisez la section « rfm-scores » de la leçon.", exercice="02_scores_rfm")
    html_retour = retour._repr_html_()
    assert '<a href="../course/02-segmentation-rfm.md#rfm-scores"' in html_retour
    assert "section « rfm-scores »</a>" in html_retour
    assert "section « rfm-scores »" in str(retour)  # le texte brut reste lisible


def test_le_serveur_trouve_le_cours_a_sa_racine_ou_dans_un_sous_dossier(cours, tmp_path_factory, monkeypatch):
    """En local, la racine du serveur est le cours ; sur un JupyterHub (nbgitpuller), c'est le dossier
    personnel de l'élève, qui contient le cours."""
    from grc.serveur import _chemin_lab, trouver_cours

    assert trouver_cours(cours) == cours.resolve()
    assert trouver_cours(cours / "notebooks") == cours.resolve()
    maison = tmp_path_factory.mktemp("maison")
    shutil.copytree(cours, maison / "cours-grc")
    (maison / "autre").mkdir()
    assert trouver_cours(maison) == (maison / "cours-grc").resolve()
    copie = maison / "cours-grc" / "mon-travail" / "02-segmentation-rfm (v2).ipynb"
    assert _chemin_lab(maison, copie) == "cours-grc/mon-travail/02-segmentation-rfm%20%28v2%29.ipynb"
    with pytest.raises(FileNotFoundError):
        trouver_cours(maison / "autre")


def test_la_page_d_accueil_renvoie_au_dernier_bilan(cours):
    travail.faire_copie("00", cours)
    assert "bilan" not in travail.page_accueil(cours).split("## Votre progression")[1].split("imprimer")[1][:40]
    (cours / "mon-travail" / "bilan-00.html").write_text("<h1>Bilan</h1>", encoding="utf-8")
    assert "[bilan-00.html](bilan-00.html)" in travail.page_accueil(cours)


def test_page_accueil_offre_les_deux_parcours(tmp_path: Path) -> None:
    page = travail.page_accueil(tmp_path)
    bts = page.split(":::{admonition} Parcours BTS (MCO, NDRC)")[1].split(":::")[0]
    assert "**06**" in bts and "**11**" in bts and "🎓 Approfondissement (BUT TC, licence, école)" in bts
    assert ":::{admonition} Parcours approfondissement (BUT TC, licence, école)" in page
    assert "réponse modèle" in page


def test_page_accueil_compte_les_reponses_redigees(tmp_path: Path) -> None:
    (tmp_path / "notebooks").mkdir()
    cahier = theme("02").cahier
    shutil.copy2(RACINE / cahier, tmp_path / cahier)
    (tmp_path / "mon-travail").mkdir()
    (tmp_path / "mon-travail" / "progression.json").write_text(json.dumps(
        {"format": 1, "redactions": {"02_redaction_2": {"reponse": "Ma réponse.", "criteres": [], "coches": []}}}),
        encoding="utf-8")
    (etat,) = [e for e in travail.etat_du_travail(tmp_path) if e.theme.numero == "02"]
    assert etat.redactions == (1, len(travail.redactions_du_cahier(tmp_path / cahier))) and etat.redactions[1] >= 3
    assert "✍️ 1 / " in travail.page_accueil(tmp_path)
