"""La banque de questions : schéma, clés atteignables, questions paramétrées, erreurs en français."""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path

import pytest

from grc.qcm import ErreurBanque, charger_banque, instancier, valider_banque
from grc.qcm.banque import resoudre_themes, sections_manquantes
from grc.qcm.calculs import ARITHMETIQUE, ErreurCalcul, appeler
from grc.qcm.instance import LETTRES, ReponseIllisible
from grc.qcm.schema import THEMES

RACINE = Path(__file__).resolve().parent.parent
BANQUE = charger_banque()
PARAMETREES = [q for q in BANQUE.questions if q.type == "numerique"]


def test_toute_la_banque_passe_le_schema_et_les_calculs() -> None:
    banque = valider_banque(graines=range(100))
    assert len(banque) == len(BANQUE) >= 75


@pytest.mark.parametrize("theme", ["prise-en-main", "connaitre", "rfm", "abc", "valeur"])
def test_au_moins_quinze_questions_par_theme_livre(theme: str) -> None:
    questions = BANQUE.selectionner(theme)
    assert len(questions) >= 15
    assert {q.difficulte for q in questions} >= {1, 2}, "chaque thème mêle des niveaux de difficulté"


def test_identifiants_uniques_et_prefixes_par_le_theme() -> None:
    compte = Counter(q.id for q in BANQUE.questions)
    assert max(compte.values()) == 1
    assert all(q.id.startswith(q.theme + "-") for q in BANQUE.questions)
    assert all(BANQUE.fichiers[q.id].name == f"{THEMES[q.theme][0]}-{q.theme}.yml" for q in BANQUE.questions)


def test_les_sections_citees_existent_dans_les_lecons_ecrites() -> None:
    assert sections_manquantes(BANQUE, RACINE / "course") == []


@pytest.mark.parametrize("question", BANQUE.questions, ids=lambda q: q.id)
def test_chaque_question_a_une_bonne_reponse_atteignable(question) -> None:
    for graine in range(5):
        tiree = instancier(question, graine)
        if tiree.est_numerique:
            assert tiree.corriger(tiree.valeur).statut == "juste"
            assert tiree.corriger(tiree.valeur_affichee()).statut == "juste", "la valeur arrondie affichée est acceptée"
            for valeur, _ in tiree.pieges:
                assert tiree.corriger(valeur).statut == "faux"
        else:
            assert tiree.corriger(tiree.lettres_bonnes).statut == "juste"
            fausses = [i for i in range(len(tiree.choix)) if i not in tiree.bonnes]
            assert fausses, "il reste au moins une mauvaise réponse"
            assert tiree.corriger([fausses[0]]).statut == "faux"
        assert len(question.explication) >= 20


@pytest.mark.parametrize("question", PARAMETREES, ids=lambda q: q.id)
def test_questions_parametrees_sur_beaucoup_de_graines(question) -> None:
    valeurs = set()
    combinaisons = math.prod(len(v.possibles()) for v in question.variables.values() if v.calcul is None)
    for graine in range(400):
        tiree = instancier(question, graine)
        assert tiree.valeur is not None and math.isfinite(tiree.valeur)
        assert len(tiree.pieges) == len(question.pieges), f"graine {graine} : un piège se confond avec la réponse"
        for v, _ in tiree.pieges:
            assert abs(v - tiree.valeur) > tiree.tolerance
        for nom, variable in question.variables.items():
            if variable.calcul is None:
                assert tiree.variables[nom] in variable.possibles()
        assert "{" not in tiree.enonce and "{" not in tiree.explication, "toutes les variables sont remplacées"
        assert tiree.valeur_affichee(unite=False) in tiree.explication, "l'explication montre la réponse calculée"
        valeurs.add(round(tiree.valeur, 6))
    assert combinaisons >= 20, "assez de tirages possibles pour qu'une classe n'ait pas les mêmes nombres"
    assert len(valeurs) >= 15, "les élèves n'ont pas tous les mêmes nombres"


def test_meme_graine_meme_question_et_graines_differentes_autres_nombres() -> None:
    q = BANQUE.question("valeur-007")
    assert instancier(q, 3) == instancier(q, 3)
    assert len({instancier(q, g).enonce for g in range(20)}) > 10


def test_la_reponse_numerique_vient_de_la_fonction_du_cours() -> None:
    from grc.valeur import clv

    q = BANQUE.question("valeur-007")
    tiree = instancier(q, 11)
    v = tiree.variables
    assert tiree.valeur == pytest.approx(clv(v["marge"], v["r"], v["i"]))


def test_les_reponses_numeriques_ne_sont_jamais_tapees() -> None:
    for q in PARAMETREES:
        assert q.calcul is not None and q.calcul.fonction.startswith("grc.")
        assert q.calcul.fonction not in ARITHMETIQUE


def test_lecture_des_reponses() -> None:
    q = BANQUE.question("connaitre-004")  # multiple : deux bonnes réponses
    tiree = instancier(q, 0, melanger=False)
    assert tiree.lire("A;B") == tiree.lire("ab") == tiree.lire([0, 1]) == tiree.lire(" a , b ") == frozenset({0, 1})
    assert tiree.corriger("A;B").statut == "juste"
    assert tiree.corriger("A").statut == "faux"
    with pytest.raises(ReponseIllisible, match="n'existe pas"):
        tiree.lire("F")
    vf = instancier(BANQUE.question("rfm-006"), 0)
    assert vf.lire("faux") == vf.lire("F") == vf.lire(False) == vf.lire("B") == frozenset({1})
    num = instancier(BANQUE.question("valeur-003"), 0)
    assert num.lire("2,5 ans") == 2.5 and num.lire("") is None
    with pytest.raises(ReponseIllisible):
        num.lire("deux")


def test_piege_numerique_reconnu_dans_le_retour() -> None:
    tiree = instancier(BANQUE.question("valeur-007"), 2)
    valeur_piege, explication = tiree.pieges[0]
    retour = tiree.corriger(valeur_piege)
    assert retour.statut == "faux" and explication in retour.message
    assert tiree.valeur_affichee() in retour.message


def test_le_melange_garde_la_bonne_reponse() -> None:
    q = BANQUE.question("rfm-001")
    textes = set()
    for graine in range(30):
        tiree = instancier(q, graine)
        (bonne,) = tiree.bonnes
        assert tiree.choix[bonne] == "Récence, fréquence, montant"
        textes.add(LETTRES[bonne])
    assert len(textes) > 1, "la bonne réponse change de place"


def test_liste_blanche_sans_eval() -> None:
    with pytest.raises(ErreurCalcul, match="liste blanche"):
        appeler("builtins.eval", {"source": "1+1"})
    with pytest.raises(ErreurCalcul, match="liste blanche"):
        appeler("grc.qcm.banque.charger_banque", {})


def test_resoudre_themes() -> None:
    assert resoudre_themes("02") == ["rfm"]
    assert resoudre_themes("02-rfm, abc") == ["rfm", "abc"]
    assert resoudre_themes("tous") == list(THEMES)
    with pytest.raises(ValueError, match="Thème inconnu"):
        resoudre_themes("marketing")


# --- Erreurs de schéma : en français, avec le fichier et l'identifiant -----------------------

_BONNE = """
  - id: rfm-001
    difficulte: 1
    type: unique
    section: rfm-methode
    enonce: "Que signifient les lettres RFM ?"
    choix:
      - {texte: "Récence, fréquence, montant", correct: true}
      - {texte: "Rentabilité, fidélité, marge", pourquoi: "Aucun de ces mots."}
      - {texte: "Remise, fidélité, magasin"}
    explication: "R = récence, F = fréquence, M = montant."
"""


def _banque(tmp_path: Path, questions: str, nom: str = "02-rfm.yml", theme: str = "rfm") -> Path:
    (tmp_path / nom).write_text(f"theme: {theme}\ntitre: Essai\nquestions:\n{questions}", encoding="utf-8")
    return tmp_path


def _erreurs(dossier: Path) -> list[str]:
    with pytest.raises(ErreurBanque) as exc:
        valider_banque(dossier, graines=range(20))
    return exc.value.erreurs


def test_banque_minimale_valide(tmp_path: Path) -> None:
    assert len(valider_banque(_banque(tmp_path, _BONNE))) == 1


@pytest.mark.parametrize(
    ("remplacer", "par", "attendu"),
    [
        ('    explication: "R = récence, F = fréquence, M = montant."\n', "", "« explication » : champ obligatoire manquant"),
        ("type: unique", "type: qcm", "valeur « qcm » non permise"),
        ("difficulte: 1", "difficulte: 5", "doit être inférieur ou égal à 3"),
        ("section: rfm-methode", "section: RFM Méthode", "forme invalide"),
        ("correct: true}", "correct: false}", "exactement une bonne réponse (trouvé : 0)"),
        (', pourquoi: "Aucun de ces mots."', "", "expliquez au moins un piège"),
        ("enonce:", "enoncé:", "champ inconnu"),
        ("id: rfm-001", "id: abc-001", "l'identifiant doit avoir la forme « rfm-001 »"),
    ],
)
def test_erreurs_de_schema_en_francais(tmp_path: Path, remplacer: str, par: str, attendu: str) -> None:
    assert remplacer in _BONNE
    erreurs = _erreurs(_banque(tmp_path, _BONNE.replace(remplacer, par)))
    assert all(e.startswith("02-rfm.yml, question ") for e in erreurs)
    assert any(attendu in e for e in erreurs), erreurs


def test_erreur_cite_l_identifiant(tmp_path: Path) -> None:
    erreurs = _erreurs(_banque(tmp_path, _BONNE.replace("difficulte: 1", "difficulte: 0")))
    assert erreurs[0].startswith("02-rfm.yml, question rfm-001 : champ « difficulte »")


def test_identifiant_en_double_et_nom_de_fichier(tmp_path: Path) -> None:
    _banque(tmp_path, _BONNE + _BONNE)
    assert any("identifiant déjà utilisé" in e for e in _erreurs(tmp_path))
    (tmp_path / "02-rfm.yml").unlink()
    _banque(tmp_path, _BONNE, nom="rfm.yml")
    assert any("doit s'appeler « 02-rfm.yml »" in e for e in _erreurs(tmp_path))


def test_yaml_illisible(tmp_path: Path) -> None:
    (tmp_path / "02-rfm.yml").write_text("theme: rfm\nquestions: [\n", encoding="utf-8")
    erreurs = _erreurs(tmp_path)
    assert re.match(r"02-rfm\.yml : YAML illisible ligne \d+", erreurs[0])


_NUMERIQUE = """
  - id: valeur-001
    difficulte: 2
    type: numerique
    section: valeur-duree-de-vie
    variables:
      r: {min: 0.6, max: 0.9, pas: 0.1, format: pourcent}
    enonce: "Rétention {r} : durée de vie ?"
    calcul: {fonction: grc.valeur.duree_de_vie, arguments: {taux_retention: r}}
    tolerance: 0.05
    pieges:
      - {fonction: arithmetique.inverse, arguments: {x: r}, explication: "1 / r n'est pas la durée de vie."}
      - {fonction: grc.valeur.clv, arguments: {marge: 1, taux_retention: r, taux_actualisation: 0},
         explication: "r / (1 − r) oublie la première année."}
    explication: "Durée = 1 / (1 − r) = {reponse}."
"""


@pytest.mark.parametrize(
    ("remplacer", "par", "attendu"),
    [
        ("grc.valeur.duree_de_vie", "os.system", "hors de la liste blanche"),
        ("taux_retention: r}}", "taux_retention: q}}", "variable inconnue"),
        ("Rétention {r}", "Rétention {taux}", "énoncé : variable inconnue ['taux']"),
        ("{taux_retention: r}}\n", "{retention: r}}\n", "Arguments incompatibles avec grc.valeur.duree_de_vie"),
        ("tolerance: 0.05", "tolerance: 0.001", "tolérance 0.001 trop fine"),
        ("calcul: {fonction: grc.valeur.duree_de_vie", "calcul: {fonction: arithmetique.inverse", "fonction du cours"),
    ],
)
def test_erreurs_des_questions_numeriques(tmp_path: Path, remplacer: str, par: str, attendu: str) -> None:
    assert remplacer in _NUMERIQUE
    texte = _NUMERIQUE.replace(remplacer, par)
    erreurs = _erreurs(_banque(tmp_path, texte, nom="04-valeur.yml", theme="valeur"))
    assert erreurs[0].startswith("04-valeur.yml, question valeur-001 : ")
    assert attendu in erreurs[0], erreurs


def test_piege_qui_rejoint_la_reponse_est_signale(tmp_path: Path) -> None:
    texte = _NUMERIQUE.replace("min: 0.6", "min: 0.5")  # r = 0,5 : 1 / r = 1 / (1 − r)
    erreurs = _erreurs(_banque(tmp_path, texte, nom="04-valeur.yml", theme="valeur"))
    assert "un piège donne la même valeur que la réponse" in erreurs[0]
