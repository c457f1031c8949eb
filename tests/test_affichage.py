"""Tableaux et curseurs à la française, et le verdict du quiz qui ne se contredit plus."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from grc.affichage import ESPACE, curseur, format_colonne, repli_widget, tableau, titre_colonne, valeur_fr


def _texte(style) -> list[list[str]]:
    lignes = style.to_string(delimiter="|").replace(ESPACE, " ").splitlines()
    return [ligne.split("|") for ligne in lignes if ligne]


def test_tableau_a_la_francaise():
    table = pd.DataFrame({
        "segment": ["Fidèles", "À risque"],
        "ca": [139.16, 12345.5],
        "taux_rendement_net": [0.64, np.nan],
        "nb_clients": pd.array([12, None], dtype="Int64"),
    })
    lignes = _texte(tableau(table))
    assert lignes[0] == ["Segment", "CA", "Taux de rendement net", "Clients"]
    assert lignes[1] == ["Fidèles", "139,16 €", "64,0 %", "12"]
    assert lignes[2] == ["À risque", "12 345,50 €", "", ""], "cases vides, jamais <NA> ni nan"
    assert "<NA>" not in tableau(table).to_html() and "nan" not in tableau(table).to_html()
    assert table["ca"].tolist() == [139.16, 12345.5], "la table elle-même n'est pas modifiée"


def test_tableau_series_index_nomme_et_longue_table():
    serie = pd.Series([0.7, 0.3], index=pd.Index(["A", "B"], name="classe"), name="part_ca")
    assert _texte(tableau(serie))[-1] == ["B", "30,0 %"]
    longue = pd.DataFrame({"montant_ht": np.arange(500.0)})
    style = tableau(longue)
    assert len(style.data) == 20 and "Les 20 premières lignes sur 500" in style.to_html()
    assert tableau("pas une table") == "pas une table"


def test_tableau_describe_en_francais():
    resume = pd.DataFrame({"montant": [1.0, 2.0, 3.0]}).describe()
    assert [ligne[0] for ligne in _texte(tableau(resume))[1:]] == [
        "Nombre", "Moyenne", "Écart-type", "Min", "1er quartile", "Médiane", "3e quartile", "Max"]


@pytest.mark.parametrize(("nom", "sorte"), [("montant_ht", "euros"), ("ca_2024", "euros"), ("part_ca", "pourcent"),
                                            ("taux_retour", "pourcent"), ("nb_clients", "entier"),
                                            ("cout_par_commande", "euros"), ("score_r", "nombre")])
def test_sorte_devinee_du_nom(nom, sorte):
    assert format_colonne(nom) == sorte


def test_titres_et_valeurs():
    assert titre_colonne("taux_rendement_net") == "Taux de rendement net"
    assert titre_colonne("recence") == "Récence (jours)"
    assert valeur_fr(-1234.5, "euros") == f"−1{ESPACE}234,50{ESPACE}€"
    assert valeur_fr(pd.Timestamp("2024-03-05")) == "05/03/2024"
    assert valeur_fr(pd.NA) == "" and valeur_fr(None) == ""


def test_curseur_montre_pourcent_et_euros_et_garde_sa_valeur():
    c = curseur("rétention", 0.64, 0, 0.95, 0.01, "pourcent", decimales=0)
    assert c.description == f"rétention : 64{ESPACE}%" and not c.readout
    c.value = 0.7
    assert c.description == f"rétention : 70{ESPACE}%"
    # 71 €/an avec un pas de 5 depuis 10 € : le curseur démarre bien à 71 € (la grille passe par 71)
    m = curseur("marge (€/an)", 71, 10, 300, 5, "euros", decimales=0)
    assert m.value == 71 and (m.value - m.min) % m.step == 0
    assert m.description == f"marge (€/an) : 71{ESPACE}€"


def test_repli_widget_sans_widget_ne_change_rien():
    assert repli_widget({"text/plain": "x"}) == {"text/plain": "x"}


def test_le_quiz_ne_se_contredit_plus():
    from grc.qcm import quiz
    from grc.qcm.quiz import explication_claire

    q = quiz("tous", nombre=400, graine=0)
    trouvees = [i for i, x in enumerate(q.questions)
                if x.type == "vrai_faux" and x.explication.startswith(("Faux.", "Vrai."))]
    if not trouvees:
        pytest.skip("aucune question vrai/faux dont l'explication commence par Vrai./Faux.")
    i = trouvees[0]
    question = q.questions[i]
    _ = q.widget
    q.selectionner(i, question.lettres_bonnes)
    assert q.valider(i).statut == "juste"
    affiche = q._cartes[i].retour.value
    assert "✅ Juste !" in affiche and "<i>Faux." not in affiche and "<i>Vrai." not in affiche
    assert "L'affirmation est" in affiche
    assert explication_claire("Faux. Le score est relatif.") == "L'affirmation est fausse : le score est relatif."


def test_le_texte_a_gauche_les_nombres_a_droite():
    """JupyterLab aligne toutes les cellules à droite : le texte (colonnes et étiquettes de lignes) est
    remis à gauche, comme dans Excel ; les nombres restent à droite."""
    table = pd.DataFrame({"commentaire": ["Rien à signaler", "Parking plein"], "ca": [12.5, 3.0]},
                         index=pd.Index(["Tours", "Angers"], name="magasin"))
    regles = re.findall(r"([^{}]+)\{\s*text-align: (left|right);\s*\}", tableau(table).to_html())
    a_gauche = " ".join(selecteur for selecteur, sens in regles if sens == "left")
    a_droite = " ".join(selecteur for selecteur, sens in regles if sens == "right")
    assert "_row0_col0" in a_gauche and "th.col_heading.col0" in a_gauche and "th.row_heading" in a_gauche
    assert "col1" not in a_gauche and "_row0_col1" in a_droite
