"""La correction d'une classe : barème, lignes fautives signalées avec leur numéro, analyse des questions."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from grc.cli import main
from grc.qcm import charger_banque
from grc.qcm.correction import Bareme, corriger
from grc.qcm.feuille import ecrire_feuilles, preparer_copies
from grc.qcm.fichiers import ErreurFichier
from grc.qcm.instance import LETTRES

BANQUE = charger_banque()
ELEVES = ["Alice", "Bruno", "Chloé", "Driss", "Emma", "Félix", "Gaël", "Hana"]


@pytest.fixture(scope="module")
def feuille(tmp_path_factory: pytest.TempPathFactory):
    dossier = tmp_path_factory.mktemp("feuille")
    copies = preparer_copies(ELEVES, BANQUE, "tous", nombre=10, graine=11)
    _, corrige = ecrire_feuilles(copies, dossier, "Essai", 11)
    return {c.eleve: c for c in copies}, corrige


def _bonne(q) -> str:
    """La bonne réponse telle qu'un enseignant la saisit : « 12,5 », « B » ou « AC »."""
    return f"{q.valeur:.4f}".replace(".", ",") if q.est_numerique else q.lettres_bonnes.replace(";", "")


def _fausse(q) -> str:
    if q.est_numerique:
        return str(round(q.valeur + 100 * q.tolerance + 7, 2))
    return LETTRES[next(i for i in range(len(q.choix)) if i not in q.bonnes)]


def _reponses(tmp_path: Path, lignes: list[str], entete: str = "eleve;question;reponse") -> Path:
    chemin = tmp_path / "reponses.csv"
    chemin.write_text("\n".join([entete, *lignes]) + "\n", encoding="utf-8")
    return chemin


def _classe_complete(copies: dict, justes: dict[str, int]) -> list[str]:
    """Chaque élève répond juste à ses ``justes[eleve]`` premières questions, faux aux autres."""
    lignes = []
    for eleve, n in justes.items():
        for numero, q in enumerate(copies[eleve].questions, start=1):
            lignes.append(f"{eleve};{numero};{_bonne(q) if numero <= n else _fausse(q)}")
    return lignes


def test_copies_justes_fausses_et_barème(tmp_path: Path, feuille) -> None:
    copies, corrige = feuille
    justes = dict(zip(ELEVES, [10, 0, 5, 8, 3, 10, 6, 1], strict=True))
    resultats = corriger(corrige, _reponses(tmp_path, _classe_complete(copies, justes)), Bareme(fausse=-0.25))
    scores = resultats.eleves.set_index("eleve")
    for eleve, n in justes.items():
        assert scores.loc[eleve, "justes"] == n
        assert scores.loc[eleve, "points"] == pytest.approx(n - 0.25 * (10 - n))
    assert scores.loc["Alice", "note_sur_20"] == 20
    assert scores.loc["Bruno", "note_sur_20"] == 0, "la note est ramenée à 0, les points bruts restent négatifs"
    assert scores.loc["Bruno", "points"] == pytest.approx(-2.5)
    assert resultats.anomalies.empty


def test_lignes_fautives_signalees_et_le_reste_note(tmp_path: Path, feuille) -> None:
    copies, corrige = feuille
    q1, q2, q3 = copies["Alice"].questions[:3]
    lignes = [
        f"Alice;1;{_bonne(q1)}",                    # ligne 2 : juste
        "Alice;2",                                   # ligne 3 : champ manquant
        f"Alice;{q3.id};{_bonne(q3)}",               # ligne 4 : question par identifiant
        "Alice;42;A",                                # ligne 5 : question inconnue
        "Zoé;1;A",                                   # ligne 6 : élève inconnue
        f"Alice;1;{_fausse(q1)}",                    # ligne 7 : doublon, la première réponse est gardée
        "Bruno;1;" + ("douze" if copies["Bruno"].questions[0].est_numerique else "Q"),  # ligne 8 : illisible
        f"Bruno;2;{_bonne(copies['Bruno'].questions[1])}",  # ligne 9 : juste malgré la ligne 8
    ]
    resultats = corriger(corrige, _reponses(tmp_path, lignes))
    anomalies = resultats.anomalies
    assert anomalies["ligne"].tolist()[:5] == [3, 5, 6, 7, 8]
    assert "champ(s) au lieu de 3" in anomalies.iloc[0]["probleme"] and anomalies.iloc[0]["eleve"] == "Alice"
    assert "question inconnue" in anomalies.iloc[1]["probleme"]
    assert "élève absent du corrigé" in anomalies.iloc[2]["probleme"]
    assert "en double" in anomalies.iloc[3]["probleme"]
    assert "illisible" in anomalies.iloc[4]["probleme"]
    sans_reponse = set(anomalies.loc[anomalies["ligne"] == "", "eleve"])
    assert sans_reponse == set(ELEVES) - {"Alice", "Bruno"}, "les élèves sans aucune réponse sont signalés"
    scores = resultats.eleves.set_index("eleve")
    assert scores.loc["Alice", "justes"] == 2 and scores.loc["Alice", "sans_reponse"] == 8
    assert scores.loc["Bruno", "justes"] == 1 and scores.loc["Bruno", "sans_reponse"] == 9
    assert q2.id in set(resultats.detail.loc[(resultats.detail["eleve"] == "Alice")
                                             & (resultats.detail["statut"] == "vide"), "question"])


def test_non_reponse_et_credit_partiel(tmp_path: Path) -> None:
    copies = preparer_copies(["Alice", "Bruno"], BANQUE, "connaitre", nombre=23, graine=2)
    _, corrige = ecrire_feuilles(copies, tmp_path, "Essai", 2)
    numero, q = next((i, x) for i, x in enumerate(copies[0].questions, start=1)
                     if x.type == "multiple" and len(x.bonnes) >= 2)
    une_bonne = LETTRES[min(q.bonnes)]
    reponses = _reponses(tmp_path, [f"Alice;{numero};{une_bonne}", "Bruno;1;A"])
    sans_partiel = corriger(corrige, reponses, Bareme(vide=0.5))
    avec_partiel = corriger(corrige, reponses, Bareme(vide=0.5, partiel=True))
    ligne = avec_partiel.detail.query("eleve == 'Alice' and numero == @numero").iloc[0]
    assert ligne["statut"] == "partiel" and ligne["points"] == pytest.approx(1 / len(q.bonnes))
    assert sans_partiel.detail.query("eleve == 'Alice' and numero == @numero").iloc[0]["statut"] == "faux"
    assert sans_partiel.eleves.set_index("eleve").loc["Alice", "points"] == pytest.approx(22 * 0.5)


def test_discrimination_repere_la_question_que_les_meilleurs_ratent(tmp_path: Path, feuille) -> None:
    copies, corrige = feuille
    justes = dict(zip(ELEVES, [10, 9, 8, 7, 3, 2, 1, 0], strict=True))
    piegee = copies["Alice"].questions[0].id
    lignes = []
    for eleve, n in justes.items():
        for numero, q in enumerate(copies[eleve].questions, start=1):
            bien = numero <= n
            if q.id == piegee:
                bien = n <= 3  # les plus faibles la réussissent, les meilleurs la ratent
            lignes.append(f"{eleve};{numero};{_bonne(q) if bien else _fausse(q)}")
    analyse = corriger(corrige, _reponses(tmp_path, lignes)).questions.set_index("question")
    assert analyse.loc[piegee, "discrimination"] < 0
    assert "les meilleurs la ratent" in analyse.loc[piegee, "alerte"]
    assert analyse["taux_reussite"].between(0, 1).all()
    assert (analyse["copies"] == len(ELEVES)).all()


def test_commande_corriger_ecrit_csv_et_graphique(tmp_path: Path, feuille, capsys) -> None:
    copies, corrige = feuille
    lignes = _classe_complete(copies, dict.fromkeys(ELEVES, 6)) + ["Alice;1;A;B"]
    reponses = _reponses(tmp_path, lignes, entete="eleve,question,reponse".replace(",", ";"))
    sortie = tmp_path / "resultats"
    code = main(["qcm", "corriger", "--corrige", str(corrige), "--reponses", str(reponses), "--negatif", "0.5",
                 "--non-reponse", "0", "--sortie", str(sortie)])
    assert code == 0
    sorties = capsys.readouterr()
    assert "8 élève(s) noté(s)" in sorties.out
    assert "1 anomalie(s)" in sorties.err and "ligne" in sorties.err
    for nom in ("scores_eleves.csv", "analyse_questions.csv", "detail_reponses.csv", "anomalies.csv",
                "analyse_questions.png"):
        assert (sortie / nom).stat().st_size > 0
    scores = list(csv.DictReader(io.StringIO((sortie / "scores_eleves.csv").read_text(encoding="utf-8-sig")),
                                 delimiter=";"))
    assert {s["eleve"] for s in scores} == set(ELEVES)
    assert all(s["points"] == "4" for s in scores), "6 justes, 4 fausses à −0,5"


def test_corrige_illisible(tmp_path: Path) -> None:
    mauvais = tmp_path / "corrige.csv"
    mauvais.write_text("eleve;question\nAlice;1\n", encoding="utf-8")
    reponses = _reponses(tmp_path, ["Alice;1;A"])
    with pytest.raises(ErreurFichier, match="Colonne\\(s\\) manquante\\(s\\) dans corrige.csv : numero, type"):
        corriger(mauvais, reponses)


def test_reponses_sans_colonne_reponse(tmp_path: Path, feuille, capsys) -> None:
    _, corrige = feuille
    reponses = _reponses(tmp_path, ["Alice;1"], entete="eleve;question")
    assert main(["qcm", "corriger", "--corrige", str(corrige), "--reponses", str(reponses)]) == 1
    assert "manquante(s) dans reponses.csv : reponse" in capsys.readouterr().err
