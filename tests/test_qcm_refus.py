"""Les commandes ``grc qcm`` refusent l'absurde en français, disent quoi faire, et sortent avec un code non nul.

Chaque cas est une entrée qu'un enseignant peut taper : le message attendu et le code
de sortie (2 : option refusée par l'analyse de la ligne de commande ; 1 : refus de la commande).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from grc.cli import main
from grc.qcm import charger_banque
from grc.qcm.feuille import ecrire_feuilles, preparer_copies

BANQUE = charger_banque()


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    racine = tmp_path_factory.mktemp("refus")
    (racine / "classe.csv").write_text("nom;prenom\nMartin;Léa\nDurand;Chloé\n", encoding="utf-8")
    copies = preparer_copies(["MARTIN Léa", "DURAND Chloé"], BANQUE, "rfm", nombre=3, graine=1)
    ecrire_feuilles(copies, racine / "qcm", "Essai", 1, pdf=False)
    (racine / "inconnus.csv").write_text("eleve;question;reponse\nZoé Petit;1;A\nYanis;1;B\n", encoding="utf-8")
    (racine / "bonnes.csv").write_text("eleve;question;reponse\nLéa Martin;1;A\n", encoding="utf-8")
    (racine / "un_fichier").write_text("ceci n'est pas un dossier", encoding="utf-8")
    return racine


REFUS_ANALYSE = [
    (["qcm", "feuille", "--classe", "c.csv", "--nombre", "0"], "« 0 » : il faut un nombre entier au moins égal à 1"),
    (["qcm", "feuille", "--classe", "c.csv", "--nombre", "-3"], "« -3 » : il faut un nombre entier au moins égal à 1"),
    (["qcm", "feuille", "--classe", "c.csv", "--nombre", "dix"], "« dix » n'est pas un nombre entier"),
    (["qcm", "feuille", "--classe", "c.csv", "--nombre", "2,5"], "« 2,5 » n'est pas un nombre entier"),
    (["qcm", "feuille", "--classe", "c.csv", "--themes", ""], "aucun thème choisi"),
    (["qcm", "feuille", "--classe", "c.csv", "--themes", " , "], "aucun thème choisi"),
    (["qcm", "lister", "--difficulte", "4"], "difficulté hors de 1 à 3"),
    (["qcm", "lister", "--difficulte", "facile"], "difficulté illisible"),
    (["qcm", "exporter", "--format", "pdf"], "choix invalide 'pdf'"),
    (["qcm", "exporter", "--format", "gift", "--variantes", "0"], "« 0 » : il faut un nombre entier"),
    (["qcm", "valider", "--graines", "0"], "« 0 » : il faut un nombre entier"),
    (["qcm", "corriger", "--corrige", "a", "--reponses", "b", "--points", "0"],
     "une bonne réponse doit rapporter plus de 0 point"),
    (["qcm", "corriger", "--corrige", "a", "--reponses", "b", "--points", "-1"],
     "une bonne réponse doit rapporter plus de 0 point"),
    (["qcm", "corriger", "--corrige", "a", "--reponses", "b", "--negatif", "un quart"], "« un quart » n'est pas un nombre"),
    (["qcm", "corriger", "--corrige", "a", "--reponses", "b", "--negatif", "1/0"], "« 1/0 » n'est pas un nombre"),
    (["qcm", "feuille", "--classe", "c.csv", "--graine", "abc"], "« abc » n'est pas un nombre entier"),
    (["qcm", "lister", "--inconnue"], "arguments inconnus : --inconnue"),
]


@pytest.mark.parametrize(("arguments", "message"), REFUS_ANALYSE)
def test_options_absurdes_refusees_en_francais(arguments: list[str], message: str, capsys) -> None:
    with pytest.raises(SystemExit) as fin:
        main(arguments)
    assert fin.value.code == 2
    erreur = capsys.readouterr().err
    assert message in erreur, erreur
    assert not re.search(r"\binvalid\b|error:|expected|type attendu", erreur), erreur


def _refus(dossier: Path, arguments: list[str]) -> list[str]:
    return [a.replace("{d}", str(dossier)) for a in arguments]


REFUS_COMMANDE = [
    (["qcm", "feuille", "--classe", "{d}/classe.csv", "--themes", "rfm", "--nombre", "500", "--sortie", "{d}/f1"],
     "ne compte que {n} question(s). Demandez au plus --nombre {n}"),
    (["qcm", "feuille", "--classe", "{d}/classe.csv", "--themes", "rfm", "--difficulte", "3", "--nombre", "50",
      "--sortie", "{d}/f1"], "Demandez au plus --nombre"),
    (["qcm", "feuille", "--classe", "{d}/classe.csv", "--themes", "marketing"], "Thème inconnu : « marketing »"),
    (["qcm", "feuille", "--classe", "{d}/classe.csv", "--titre", "  ", "--sortie", "{d}/f1"], "Le titre (--titre) est vide"),
    (["qcm", "feuille", "--classe", "{d}/classe.csv", "--themes", "rfm", "--nombre", "2", "--sortie", "{d}/qcm"],
     "contient déjà un QCM (qcm.html, qcm_corrige.csv) : il n'est pas remplacé"),
    (["qcm", "feuille", "--classe", "{d}/absente.csv", "--sortie", "{d}/f2"], "Fichier introuvable"),
    (["qcm", "feuille", "--classe", "{d}", "--sortie", "{d}/f2"], "est un dossier : donnez le chemin d'un fichier"),
    (["qcm", "feuille", "--classe", "{d}/classe.csv", "--themes", "rfm", "--nombre", "2", "--sortie",
      "{d}/un_fichier/sous"], "Impossible d'écrire « {d}/un_fichier"),
    (["qcm", "feuille", "--classe", "{d}/classe.csv", "--themes", "rfm", "--nombre", "2", "--sortie", "/sys/grc"],
     "Impossible d'écrire « /sys/grc » : opération non permise"),
    (["qcm", "corriger", "--corrige", "{d}/qcm/qcm_corrige.csv", "--reponses", "{d}/inconnus.csv", "--sortie", "{d}/c"],
     "Aucun nom du fichier de réponses ne correspond à un élève du corrigé"),
    (["qcm", "corriger", "--corrige", "{d}/qcm/qcm_corrige.csv", "--reponses", "{d}/qcm/qcm_corrige.csv"],
     "désignent le même fichier"),
    (["qcm", "corriger", "--corrige", "{d}/inconnus.csv", "--reponses", "{d}/bonnes.csv"],
     "Colonne(s) manquante(s) dans inconnus.csv : numero, type, reponse_attendue"),
    (["qcm", "corriger", "--corrige", "{d}/qcm/qcm_corrige.csv", "--reponses", "{d}/bonnes.csv", "--non-reponse", "2"],
     "une question sans réponse ne peut pas rapporter plus qu'une bonne réponse"),
    (["qcm", "corriger", "--corrige", "{d}/qcm/qcm_corrige.csv", "--reponses", "{d}/bonnes.csv",
      "--copie-blanche", "Inconnu", "--sortie", "{d}/c"], "--copie-blanche « Inconnu » : aucun élève de ce nom"),
    (["qcm", "corriger", "--corrige", "{d}/qcm/qcm_corrige.csv", "--reponses", "{d}/bonnes.csv",
      "--sortie", "{d}/un_fichier"], "un élément du chemin est un fichier, pas un dossier"),
    (["qcm", "exporter", "--format", "gift", "--themes", "rfm", "--sortie", "{d}"], "c'est un dossier"),
    (["qcm", "exporter", "--format", "gift", "--themes", "rfm", "--difficulte", "3", "--themes", "prise-en-main"],
     "Aucune question pour les thèmes « prise-en-main » avec la difficulté 3"),
]


@pytest.mark.parametrize(("arguments", "message"), REFUS_COMMANDE)
def test_commandes_absurdes_refusees_en_francais(dossier: Path, arguments: list[str], message: str, capsys) -> None:
    n = len(BANQUE.selectionner("rfm"))
    if main(_refus(dossier, arguments)) == 0 and "difficulté 3" in message:
        pytest.skip("le thème 00 a des questions de difficulté 3 : cas sans objet")
    erreur = capsys.readouterr().err
    assert erreur.startswith("Erreur : "), erreur
    assert message.replace("{d}", str(dossier)).replace("{n}", str(n)) in erreur, erreur
    assert "Errno" not in erreur and "Traceback" not in erreur


def test_negatif_a_la_francaise_accepte(dossier: Path, capsys) -> None:
    code = main(["qcm", "corriger", "--corrige", str(dossier / "qcm" / "qcm_corrige.csv"),
                 "--reponses", str(dossier / "bonnes.csv"), "--negatif", "0,25", "--sans-graphique",
                 "--sortie", str(dossier / "notes_virgule")])
    assert code == 0, capsys.readouterr().err
    sortie = capsys.readouterr().out
    assert "1 élève(s) noté(s)" in sortie and "1 absent(s)" in sortie and "DURAND Chloé" in sortie


def test_feuille_remplace_seulement_avec_l_option(dossier: Path, capsys) -> None:
    arguments = ["qcm", "feuille", "--classe", str(dossier / "classe.csv"), "--themes", "rfm", "--nombre", "2",
                 "--sortie", str(dossier / "remplace"), "--sans-pdf"]
    assert main(arguments) == 0
    corrige = dossier / "remplace" / "qcm_corrige.csv"
    avant = corrige.read_bytes()
    assert main([*arguments, "--graine", "5"]) == 1
    assert corrige.read_bytes() == avant, "le corrigé n'a pas bougé"
    assert main([*arguments, "--graine", "5", "--remplacer"]) == 0
    assert corrige.read_bytes() != avant
    capsys.readouterr()


def test_permission_refusee_en_francais(dossier: Path, capsys, monkeypatch) -> None:
    """Sous root, un dossier en lecture seule reste écrivable : on simule le refus du système."""
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(dossier / "interdit"))

    monkeypatch.setattr(Path, "mkdir", refuse)
    code = main(["qcm", "exporter", "--format", "gift", "--themes", "rfm", "--sortie",
                 str(dossier / "interdit" / "x.gift")])
    assert code == 1
    erreur = capsys.readouterr().err
    assert "Impossible d'écrire" in erreur and "permission refusée" in erreur and "Permission denied" not in erreur
