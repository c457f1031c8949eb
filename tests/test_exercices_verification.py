"""Le mécanisme de vérification : comparateurs, registre, mode corrigé."""

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from grc.exercices import EXERCICES, ExerciceNonReussi, _themes, controler, verifier
from grc.exercices.comparaisons import (
    comparer_choix,
    comparer_correspondance,
    comparer_ensemble,
    comparer_nombre,
    comparer_ordre,
    comparer_serie,
    comparer_table,
)
from grc.exercices.registre import charger_themes
from grc.themes import THEMES

TESTS = Path(__file__).resolve().parent


def test_chaque_exercice_a_son_test_de_mauvaise_reponse() -> None:
    charger_themes()
    textes = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.glob("test_exercices_theme_*.py"))
    sans_test = [nom for nom in EXERCICES if not re.search(rf"[\"']{re.escape(nom)}[\"']", textes)]
    assert not sans_test, f"Exercices sans test dans tests/test_exercices_theme_*.py : {sans_test}"


def test_reponse_vide_ne_leve_pas_d_erreur(capsys) -> None:
    verifier("00_nombre_clients", ...)
    assert "Pas encore de réponse" in capsys.readouterr().out


def test_mode_corrige_refuse_une_reponse_absente(monkeypatch) -> None:
    monkeypatch.setenv("GRC_CORRIGE", "1")
    with pytest.raises(ExerciceNonReussi):
        verifier("00_nombre_clients", ...)


def test_nom_inconnu_propose_le_nom_proche() -> None:
    with pytest.raises(KeyError, match="00_nombre_clients"):
        controler("00_nombre_client", 3)


def test_l_index_nomme_chaque_module_de_juges() -> None:
    presents = {f"grc.exercices._themes.{m.name}" for m in pkgutil.iter_modules(_themes.__path__)}
    indexes = {t.module_exercices for t in THEMES if t.module_exercices}
    assert presents == indexes
    for t in THEMES:
        if t.module_exercices:
            assert t.module_exercices.endswith(f"theme_{t.numero}")


def test_le_premier_verifier_ne_charge_que_son_theme() -> None:
    """Premier appel dans un processus neuf : seul le module du thème demandé est importé, sans scipy ni sklearn."""
    programme = (
        "import sys\n"
        "from grc.exercices import controler\n"
        "controler('02_recence_client', ...)\n"
        "charges = sorted(m for m in sys.modules if m.startswith('grc.exercices._themes.theme_'))\n"
        "lourds = sorted(m for m in ('scipy', 'sklearn', 'matplotlib', 'lifetimes') if m in sys.modules)\n"
        "print(charges, lourds)\n"
    )
    sortie = subprocess.run([sys.executable, "-c", programme], capture_output=True, text=True, check=True).stdout
    assert sortie.strip() == "['grc.exercices._themes.theme_02'] []"


def test_une_reponse_qui_fait_planter_le_juge_est_refusee_proprement() -> None:
    retour = controler("00_ca_par_rayon", pd.Series(["a"], index=[object()]))
    assert retour.statut == "incorrect"


class TestComparerNombre:
    def test_accepte_a_la_tolerance_pres(self) -> None:
        assert comparer_nombre(100.0000001, 100).est_correct

    def test_refuse_un_texte(self) -> None:
        retour = comparer_nombre("100", 100)
        assert not retour.est_correct and "texte" in retour.message

    def test_dit_le_sens_de_l_ecart_sans_la_valeur(self) -> None:
        retour = comparer_nombre(90, 100)
        assert "trop petit" in retour.message and "100" not in retour.message

    def test_repere_un_pourcentage_au_lieu_d_une_fraction(self) -> None:
        assert "pourcentage" in comparer_nombre(25, 0.25, fraction=True).message

    def test_refuse_nan(self) -> None:
        assert not comparer_nombre(float("nan"), 1).est_correct

    def test_refuse_une_serie_d_une_valeur(self) -> None:
        assert ".item()" in comparer_nombre(pd.Series([3]), 3).message


class TestComparerAutres:
    def test_choix_ignore_accents_et_majuscules(self) -> None:
        assert comparer_choix("ecouter", "Écouter", ["Écouter", "Parler"]).est_correct

    def test_choix_faux(self) -> None:
        assert not comparer_choix("Parler", "Écouter", ["Écouter", "Parler"]).est_correct

    def test_ensemble_compte_manquants_et_en_trop(self) -> None:
        retour = comparer_ensemble(["a", "b", "x"], ["a", "b", "c"], "clients")
        assert "1 clients attendus" in retour.message and "1 clients en trop" in retour.message

    def test_ensemble_refuse_les_doublons(self) -> None:
        assert "double" in comparer_ensemble(["a", "a", "b"], ["a", "b"]).message

    def test_serie_index_different(self) -> None:
        attendu = pd.Series([1.0, 2.0], index=["a", "b"])
        assert "étiquettes" in comparer_serie(pd.Series([1.0, 2.0], index=["a", "c"]), attendu).message

    def test_serie_mal_triee(self) -> None:
        attendu = pd.Series([2.0, 1.0], index=["b", "a"])
        retour = comparer_serie(attendu.sort_index(), attendu, verifier_ordre=True)
        assert "ordre" in retour.message

    def test_serie_valeur_fausse(self) -> None:
        attendu = pd.Series([1.0, 2.0], index=["a", "b"])
        assert "1 valeur" in comparer_serie(pd.Series([1.0, 3.0], index=["a", "b"]), attendu).message

    def test_table_colonne_manquante(self) -> None:
        attendu = pd.DataFrame({"r": [1], "f": [2]})
        assert "'f'" in comparer_table(pd.DataFrame({"r": [1]}), attendu).message

    def test_table_valeurs_fausses(self) -> None:
        attendu = pd.DataFrame({"r": [1, 2]})
        assert "colonne 'r'" in comparer_table(pd.DataFrame({"r": [1, 5]}), attendu).message

    def test_correspondance_nomme_les_erreurs(self) -> None:
        retour = comparer_correspondance({"p1": "S", "p2": "O"}, {"p1": "S", "p2": "N"}, "phrases")
        assert "p2" in retour.message and "p1" not in retour.message

    def test_correspondance_incomplete(self) -> None:
        assert "sans réponse" in comparer_correspondance({"p1": "S"}, {"p1": "S", "p2": "N"}).message

    def test_ordre_faux(self) -> None:
        assert "position 1" in comparer_ordre(["b", "a", "c"], ["a", "b", "c"]).message

    def test_ordre_element_manquant(self) -> None:
        assert not comparer_ordre(["a", "b"], ["a", "b", "c"]).est_correct
