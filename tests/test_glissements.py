"""Le tableau des glissements : chaque ligne de ``tests/glissements/theme_NN.py`` est vérifiée.

Pour chaque ligne (exercice, sorte, réponse glissée[, bonne réponse]) : la réponse glissée diffère
de la bonne, elle est refusée, et le message reçu nomme le glissement (il contient les mots de la
sorte, par exemple « lignes » et « tickets » pour ``lignes_pour_tickets``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from grc.exercices import controler, oublier_essais
from grc.exercices.comparaisons import comparer_nombre
from grc.exercices.glissements import GLISSEMENTS, avec_glissements, nomme
from outils.glissements import LigneGlissement, lignes_glissements, message_eleve, tableau

LIGNES = lignes_glissements()


def _differentes(a, b) -> bool:
    if isinstance(a, pd.Series | pd.DataFrame) or isinstance(b, pd.Series | pd.DataFrame):
        return not (type(a) is type(b) and a.shape == b.shape and np.allclose(a.to_numpy(float), b.to_numpy(float)))
    try:
        return not np.isclose(float(a), float(b), rtol=1e-6, atol=1e-9)
    except (TypeError, ValueError):
        return a != b


@pytest.mark.parametrize("ligne", LIGNES, ids=[f"{ligne.exercice}-{ligne.sorte}" for ligne in LIGNES])
def test_le_glissement_est_refuse_et_nomme(ligne: LigneGlissement) -> None:
    assert ligne.sorte in GLISSEMENTS, f"{ligne.theme} : sorte inconnue '{ligne.sorte}' (voir grc.exercices.glissements)"
    glissee = ligne.glissee()
    if ligne.bonne is not None:
        bonne = ligne.bonne()
        assert _differentes(glissee, bonne), f"{ligne.exercice} : le glissement {ligne.sorte} donne la bonne réponse"
        oublier_essais()
        assert controler(ligne.exercice, bonne).est_correct, f"{ligne.exercice} refuse la bonne réponse de la ligne"
    oublier_essais()
    retour = controler(ligne.exercice, glissee)
    assert retour.statut == "incorrect", f"{ligne.exercice} accepte le glissement {ligne.sorte}"
    message = message_eleve(ligne)
    assert nomme(message, ligne.sorte), f"{ligne.exercice} : le message ne nomme pas « {ligne.sorte} » : {message}"


def test_chaque_sorte_a_un_message_qui_la_nomme() -> None:
    for cle, g in GLISSEMENTS.items():
        assert nomme(g.message, cle), cle
        assert g.titre and g.message.endswith("."), cle


def test_une_sorte_inconnue_est_dite_a_l_auteur() -> None:
    with pytest.raises(KeyError, match="Sortes connues"):
        avec_glissements(comparer_nombre(1, 2), 1, {"jour_de_retard": 1})


def test_le_signe_inverse_est_reconnu_sans_rien_declarer() -> None:
    assert nomme(comparer_nombre(-0.12, 0.12).message, "signe_inverse")
    assert nomme(comparer_nombre(25, 0.25, fraction=True).message, "pourcentage_pour_fraction")
    assert nomme(comparer_nombre(0.25, 25, pourcentage=True).message, "fraction_pour_pourcentage")


def test_series_listes_et_textes_glisses() -> None:
    bonne = pd.Series([1.0, 2.0], index=["a", "b"])
    faux = comparer_nombre(3, 1)
    assert nomme(avec_glissements(faux, bonne * 100, {"pourcentage_pour_fraction": bonne * 100}).message,
                 "pourcentage_pour_fraction")
    assert nomme(avec_glissements(faux, ["C2", "C1"], {"lignes_pour_clients": {"C1", "C2"}}).message, "lignes_pour_clients")
    assert avec_glissements(faux, ["C1"], {"lignes_pour_clients": {"C1", "C2"}}) is faux


def test_le_tableau_markdown() -> None:
    texte = tableau()
    assert texte.startswith("| exercice | glissement | ce que reçoit l'élève |")
    assert texte.count("\n") == len(LIGNES) + 1


def test_une_serie_au_signe_inverse_ou_en_pourcentage_est_nommee() -> None:
    from grc.exercices.comparaisons import comparer_serie

    taux = pd.Series([0.25, -0.5], index=["a", "b"])
    assert nomme(comparer_serie(-taux, taux).message, "signe_inverse")
    assert nomme(comparer_serie(100 * taux, taux).message, "pourcentage_pour_fraction")
    montants = pd.Series([250.0, 500.0], index=["a", "b"])
    assert not nomme(comparer_serie(100 * montants, montants).message, "pourcentage_pour_fraction")
