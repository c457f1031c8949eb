"""grc.pac : le modèle du plan, ses contrôles, ses prévisions, ses graphiques et le tableau de bord de suivi.

Les valeurs attendues sont calculées à la main sur de petits exemples (celui de la leçon : 800 contacts,
6 % de retour, 50 % de rendement net, panier de 60 €, 40 % de marque, 250 € de budget).
"""

from __future__ import annotations

import dataclasses
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from grc import pac  # noqa: E402
from grc.donnees import charger  # noqa: E402
from grc.validation import ErreurDonnees, LignesExclues  # noqa: E402


def _action(**modifs) -> pac.Action:
    base = dict(nom="Relance email", cible="Clients à risque", canal="email", debut="2025-03-03",
                fin="2025-03-16", budget=250, objectif="reconquête", contacts=800, reponses_attendues=48,
                commandes_attendues=24, panier_moyen=60, taux_marque=0.4, responsable="marketing",
                indicateurs="taux de retour; commandes")
    base.update(modifs)
    return pac.Action(**base)


def _plan(*actions: pac.Action, enveloppe: float = 1000, **modifs) -> pac.Plan:
    base = dict(nom="PAC test", enveloppe=enveloppe, debut="2025-01-01", fin="2025-06-30",
                actions=list(actions) or [_action()])
    base.update(modifs)
    return pac.Plan(**base)


@pytest.fixture(autouse=True)
def _fermer_figures():
    yield
    plt.close("all")


# --- Le modèle -------------------------------------------------------------------------------


def test_action_calcule_l_exemple_de_la_lecon() -> None:
    a = _action()
    assert a.ca_attendu == 1440.0  # 24 × 60
    assert a.marge_attendue == pytest.approx(576.0)  # 1 440 × 0,40
    assert a.resultat == pytest.approx(326.0)  # 576 − 250
    assert a.commandes_point_mort == 11  # 250 / 24 = 10,4 → 11 commandes


def test_point_mort_exact_n_est_pas_arrondi_au_dessus() -> None:
    assert _action(budget=240).commandes_point_mort == 10  # 240 / 24 = 10 tout rond, malgré 60 × 0,4 ≈ 24,000000000000004
    assert _action(panier_moyen=0).commandes_point_mort is None


def test_action_lit_les_dates_et_nombres_a_la_francaise() -> None:
    a = _action(debut="03/03/2025", fin=pd.Timestamp("2025-03-16"), budget="1 250,50", contacts="800")
    assert a.debut == pd.Timestamp("2025-03-03") and a.fin == pd.Timestamp("2025-03-16")
    assert a.budget == 1250.5 and a.contacts == 800
    assert a.indicateurs == ("taux de retour", "commandes")
    assert _action(indicateurs=["CA", " ", "marge"]).indicateurs == ("CA", "marge")
    assert _action(indicateurs=None).indicateurs == ()


@pytest.mark.parametrize("modifs, morceau", [
    ({"debut": "31/02/2025"}, "date de début illisible"),
    ({"fin": None}, "date de fin manquante"),
    ({"budget": -100}, "Valeur négative impossible pour le budget de l'action « Relance email »"),
    ({"budget": "douze"}, "doit contenir des nombres"),
    ({"contacts": 12.5}, "nombre entier"),
    ({"taux_marque": 40}, "fraction inférieure à 1"),
    ({"nom": "  "}, "pas de nom"),
])
def test_action_refuse_les_valeurs_illisibles_en_nommant_l_action(modifs, morceau) -> None:
    with pytest.raises(ErreurDonnees, match=morceau) as erreur:
        _action(**modifs)
    if "nom" not in modifs and "budget" not in modifs:
        assert "Relance email" in str(erreur.value)


def test_plan_refuse_une_periode_inversee_une_enveloppe_negative_et_un_intrus() -> None:
    with pytest.raises(ErreurDonnees, match="précède le début"):
        _plan(debut="2025-06-30", fin="2025-01-01")
    with pytest.raises(ErreurDonnees, match="enveloppe"):
        _plan(enveloppe=-5)
    with pytest.raises(ErreurDonnees, match="pac.Action"):
        _plan(actions=[{"nom": "x"}])


def test_plan_depuis_table_et_retour_en_table() -> None:
    plan = _plan(_action(), _action(nom="SMS", canal="sms", budget=100, indicateurs=["commandes"]))
    relu = pac.plan_depuis_table(plan.table(), plan.nom, plan.enveloppe, plan.debut, plan.fin)
    assert relu == plan
    assert plan.budget_total == 350.0
    assert list(plan.table().columns) == pac.COLONNES_PLAN


def test_plan_depuis_table_cases_vides_et_colonnes_fautives() -> None:
    t = pd.DataFrame({"nom": ["A"], "cible": ["Inactifs"], "canal": ["courrier"], "debut": ["2025-02-01"],
                      "fin": ["2025-02-28"], "budget": [600.0], "contacts": [float("nan")], "responsable": [None]})
    a = pac.plan_depuis_table(t, "P", 1000, "2025-01-01", "2025-12-31").actions[0]
    assert a.contacts == 0 and a.responsable == ""
    with pytest.raises(ErreurDonnees, match="Colonne manquante.*'budget'"):
        pac.plan_depuis_table(t.drop(columns="budget"), "P", 1000, "2025-01-01", "2025-12-31")
    with pytest.raises(ErreurDonnees, match="inconnue.*'cout'"):
        pac.plan_depuis_table(t.assign(cout=1), "P", 1000, "2025-01-01", "2025-12-31")


# --- Le contrôle -----------------------------------------------------------------------------


def test_un_plan_coherent_ne_donne_aucun_message() -> None:
    assert pac.controler_plan(_plan()) == []


@pytest.mark.parametrize("modifs, morceau", [
    ({"debut": "2025-03-20", "fin": "2025-03-05"}, "la fin (05/03/2025) précède le début (20/03/2025)"),
    ({"debut": "2024-12-01"}, "sort de la période du plan"),
    ({"indicateurs": ""}, "aucun indicateur de suivi"),
    ({"responsable": ""}, "aucun responsable"),
    ({"objectif": ""}, "aucun objectif"),
    ({"objectif": "notoriété"}, "objectif « notoriété » non reconnu"),
    ({"reponses_attendues": 900}, "plus de réponses attendues (900) que de contacts (800)"),
    ({"commandes_attendues": 50}, "plus de commandes attendues (50) que de réponses attendues (48)"),
    ({"panier_moyen": 0}, "pas de panier moyen"),
])
def test_chaque_defaut_d_une_action_est_signale_avec_son_nom(modifs, morceau) -> None:
    messages = pac.controler_plan(_plan(_action(**modifs)))
    assert len(messages) == 1, messages
    assert messages[0].startswith("Action « Relance email » :")
    assert morceau in messages[0]


def test_budget_au_dela_de_l_enveloppe_chiffre_le_depassement_et_nomme_les_actions() -> None:
    plan = _plan(_action(nom="A", budget=700), _action(nom="B", budget=500), _action(nom="C", budget=100))
    messages = pac.controler_plan(plan)
    assert messages == ["Le budget total des actions (1 300 €) dépasse l'enveloppe du plan (1 000 €) de 300 €. "
                        "Actions les plus coûteuses : « A » (700 €), « B » (500 €)."]
    assert pac.controler_plan(_plan(_action(budget=1000))) == []  # l'enveloppe exactement : accepté


def test_plan_vide_noms_en_double_objectif_global_et_mauvais_objet() -> None:
    assert pac.controler_plan(pac.Plan("Vide", 100, "2025-01-01", "2025-12-31")) == [
        "Le plan « Vide » ne contient aucune action."]
    assert any("Deux actions portent le nom « Relance email »" in m
               for m in pac.controler_plan(_plan(_action(budget=100), _action(budget=100))))
    messages = pac.controler_plan(_plan(objectif_ca=2000))
    assert messages == ["Le CA attendu des actions (1 440 €) n'atteint pas l'objectif global du plan (2 000 €) : "
                        "renforcez les actions ou revoyez l'objectif."]
    with pytest.raises(ErreurDonnees, match="pac.Plan"):
        pac.controler_plan(_plan().table())


def test_remplacer_un_champ_repasse_par_la_validation() -> None:
    corrigee = dataclasses.replace(_action(indicateurs=""), indicateurs="commandes ; CA")
    assert corrigee.indicateurs == ("commandes", "CA")
    with pytest.raises(ErreurDonnees):
        dataclasses.replace(_action(), budget=-1)


# --- Le modèle à remplir (cases laissées à ...) ---------------------------------------------


def _modele(**remplies) -> pac.Action:
    """Une action dont toutes les cases sont à ``...``, sauf celles données."""
    return pac.Action(**{**{c: ... for c in pac.COLONNES_PLAN}, **remplies})


def test_un_modele_a_remplir_se_construit_et_liste_ses_cases() -> None:
    vierge = _modele()
    assert vierge.a_remplir == tuple(pac.CASES_ACTION) and set(pac.CASES_ACTION) == set(pac.COLONNES_PLAN)
    assert vierge.nom is ... and vierge.budget is ...
    entamee = _modele(nom=" Soirée ", debut="03/04/2025", budget="1 200", indicateurs="participation ; commandes")
    assert entamee.nom == "Soirée" and entamee.debut == pd.Timestamp("2025-04-03") and entamee.budget == 1200
    assert entamee.indicateurs == ("participation", "commandes")
    assert entamee.a_remplir == ("cible", "objectif", "canal", "fin", "contacts", "reponses_attendues",
                                 "commandes_attendues", "panier_moyen", "taux_marque", "responsable")
    assert dataclasses.replace(_action(), budget=...).a_remplir == ("budget",)
    assert dataclasses.replace(entamee, fin="2025-04-05").fin == pd.Timestamp("2025-04-05")


@pytest.mark.parametrize(("remplies", "morceau"), [
    ({"nom": "Soirée", "budget": "mille"}, "Soirée"),
    ({"budget": -5}, "sans nom"),
    ({"debut": "demain"}, "illisible"),
    ({"taux_marque": 40}, "fraction"),
    ({"contacts": 2.5}, "entier"),
    ({"nom": "  "}, "pas de nom"),
])
def test_une_case_mal_remplie_reste_refusee(remplies, morceau) -> None:
    with pytest.raises(ErreurDonnees, match=morceau):
        _modele(**remplies)


def test_controler_plan_signale_les_cases_et_attend_pour_le_reste() -> None:
    entamee = _modele(nom="Soirée", debut="2025-08-01", budget=900, objectif="notoriété", contacts=10,
                      reponses_attendues=20)
    messages = pac.controler_plan(_plan(_action(), entamee, _modele()))
    cases = pac.cases_a_remplir(_plan(_action(), entamee, _modele()))
    assert messages[:len(cases)] == cases
    assert cases[0] == ('Action 2 « Soirée » : la cible n\'est pas encore remplie — remplacez ... par un segment '
                        'RFM écrit exactement, entre guillemets, comme "Très bons clients" ou "Nouveaux clients".')
    assert cases[-1].startswith("Action 3 : les indicateurs ne sont pas encore remplis — remplacez ... par")
    assert len(cases) == 8 + 14
    autres = messages[len(cases):]
    assert not any("période" in m or "précède" in m for m in autres)  # la fin n'est pas remplie : on attend
    assert any("objectif « notoriété » non reconnu" in m for m in autres)
    assert any("plus de réponses attendues (20) que de contacts (10)" in m for m in autres)
    assert any("Le budget total des actions (1 150 €) dépasse l'enveloppe" in m for m in autres)
    assert pac.cases_a_remplir(_plan()) == []


def test_chiffrer_ou_dessiner_un_plan_a_remplir_est_refuse() -> None:
    plan = _plan(_action(), _modele(nom="Soirée", budget=...))
    for calcul in (pac.previsions, pac.compte_resultat_previsionnel, pac.tracer_compte_resultat):
        with pytest.raises(ErreurDonnees, match=r"ne peut pas encore être chiffré : 13 cases à \.\.\. restent"):
            calcul(plan)
    with pytest.raises(ErreurDonnees, match="Action 2 « Soirée » : la cible n'est pas encore remplie"):
        pac.tracer_calendrier(plan)
    with pytest.raises(ErreurDonnees, match="budget total du plan, le budget n'est pas encore rempli"):
        plan.budget_total  # noqa: B018
    with pytest.raises(ErreurDonnees, match="panier moyen n'est pas encore rempli"):
        _modele(nom="Soirée", commandes_attendues=3).ca_attendu  # noqa: B018
    assert _modele(commandes_attendues=0, panier_moyen=40, taux_marque=0.4).marge_attendue == 0
    assert plan.table().loc[1, "budget"] is ...
    plt.close("all")


# --- Prévisions et compte de résultat -------------------------------------------------------


def test_previsions_de_l_exemple_de_la_lecon() -> None:
    p = pac.previsions(_plan()).loc["Relance email"]
    assert p["taux_retour"] == pytest.approx(0.06)
    assert p["taux_rendement_net"] == pytest.approx(0.5)
    assert p["ca_attendu"] == 1440 and p["marge_attendue"] == pytest.approx(576)
    assert p["resultat"] == pytest.approx(326) and p["roi"] == pytest.approx(1.304)
    assert p["commandes_point_mort"] == 11


def test_previsions_acceptent_une_table_et_refusent_un_plan_vide() -> None:
    table = _plan().table()
    assert pac.previsions(table)["resultat"].tolist() == pytest.approx([326.0])
    with pytest.raises(ErreurDonnees, match="aucune action"):
        pac.previsions(pac.Plan("Vide", 100, "2025-01-01", "2025-12-31"))
    sans_contact = pac.previsions(_plan(_action(contacts=0, reponses_attendues=0, commandes_attendues=0)))
    assert sans_contact["taux_retour"].isna().all()  # taux sur zéro contact : non défini, pas d'erreur


def test_compte_de_resultat_s_additionne() -> None:
    plan = _plan(_action(), _action(nom="Courrier", canal="courrier", budget=600, commandes_attendues=10,
                                    reponses_attendues=20, panier_moyen=45, taux_marque=0.5))
    compte = pac.compte_resultat_previsionnel(plan)
    assert list(compte.columns) == ["Relance email", "Courrier", "Total"]
    ca, achats, marge, couts, resultat = compte["Total"]
    assert ca == pytest.approx(1440 + 450)
    assert marge == pytest.approx(576 + 225)
    assert ca + achats == pytest.approx(marge)
    assert couts == -850
    assert resultat == pytest.approx(marge + couts) == pytest.approx(-49)
    assert compte.loc["Résultat prévisionnel", "Courrier"] == pytest.approx(-375)


# --- Graphiques -------------------------------------------------------------------------------


def test_calendrier_une_barre_par_action_du_debut_a_la_fin_incluse() -> None:
    plan = _plan(_action(nom="Tard", debut="2025-05-01", fin="2025-05-31", budget=100),
                 _action(nom="Tôt", debut="2025-02-10", fin="2025-02-10", budget=100, canal="sms"))
    ax = pac.tracer_calendrier(plan)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Tôt", "Tard"]  # rangées par date de début
    largeurs = sorted(round(b.get_width()) for b in ax.patches)
    assert largeurs == [1, 31]  # une action d'un jour reste visible ; mai compte 31 jours
    etiquettes = [t.get_text() for t in ax.get_xticklabels()]
    assert "févr. 2025" in etiquettes and "mai 2025" in etiquettes
    assert ax.get_legend().get_title().get_text() == "canal"
    with pytest.raises(ErreurDonnees, match="couleur"):
        pac.tracer_calendrier(plan, couleur="budget")


def test_cascade_du_compte_de_resultat() -> None:
    ax = pac.tracer_compte_resultat(_plan())
    assert [round(b.get_height()) for b in ax.patches] == [1440, -864, 576, -250, 326]
    assert [t.get_text() for t in ax.get_xticklabels()][-1] == "résultat"


# --- Le tableau de bord de suivi -----------------------------------------------------------


@pytest.fixture
def ventes() -> pd.DataFrame:
    return pd.DataFrame({
        "vendeur": ["Ana", "Ana", "Ana", "Bob", "Bob", "Bob", "Cléo"],
        "date": ["2023-02-10", "2024-01-15", "2024-02-10", "2023-01-05", "2024-01-20", "2024-02-25", "2023-02-01"],
        "montant_ht": [1000.0, 1000.0, 800.0, 900.0, 500.0, 300.0, 400.0],
    })


@pytest.fixture
def objectifs() -> pd.DataFrame:
    return pd.DataFrame({"vendeur": ["Ana", "Ana", "Bob", "Bob", "Dan", "Dan"], "annee": 2024,
                         "mois": [1, 2, 1, 2, 1, 2], "objectif_ca_ht": [900.0, 900.0, 600.0, 600.0, 100.0, 100.0]})


def test_suivi_calcule_mois_cumul_et_n_moins_1(ventes) -> None:
    t = pac.tableau_suivi(ventes, "2024-02", par="vendeur")
    assert t.loc["Ana", ["ca_mois", "ca_mois_n1", "cumul", "cumul_n1"]].tolist() == [800, 1000, 1800, 1000]
    assert t.loc["Ana", "progression_mois"] == pytest.approx(-0.2)
    assert t.loc["Ana", "progression_cumul"] == pytest.approx(0.8)
    assert t.loc["Bob", "progression_cumul"] == pytest.approx(800 / 900 - 1)
    assert t.loc["Cléo", ["cumul", "statut"]].tolist() == [0, "en retard"]  # n'a rien vendu en 2024
    assert t.loc["Total", "cumul"] == 2600 and t.loc["Total", "cumul_n1"] == 2300
    assert (t["reference"] == "N−1").all()
    assert t.loc["Bob", "statut"] == "en retard"  # 800 / 900 = 88,9 % du cumul N−1 : sous le seuil de 90 %
    assert t.loc["Ana", "statut"] == "conforme"


def test_statuts_et_mesures_avec_objectifs(ventes, objectifs) -> None:
    t = pac.tableau_suivi(ventes, "2024-02", par="vendeur", objectifs=objectifs)
    assert t.loc["Ana", "realisation_cumul"] == pytest.approx(1.0) and t.loc["Ana", "statut"] == "conforme"
    assert t.loc["Ana", "mesure_corrective"] == ""
    assert t.loc["Bob", "realisation_cumul"] == pytest.approx(800 / 1200)
    assert t.loc["Bob", "ecart_objectif_cumul"] == -400
    assert t.loc["Bob", "statut"] == "en retard"
    assert t.loc["Bob", "mesure_corrective"] == pac.MESURES_CORRECTIVES["vendeur"]
    assert t.loc["Dan", ["cumul", "objectif_cumul", "statut"]].tolist() == [0, 200, "en retard"]  # objectif sans vente
    assert t.loc["Cléo", "reference"] == "N−1"  # pas d'objectif : comparée à N−1
    assert t.loc["Total", "objectif_cumul"] == 3200


def test_seuil_d_alerte_a_surveiller_et_rattrapage(objectifs) -> None:
    v = pd.DataFrame({"vendeur": ["Ana", "Ana", "Bob", "Bob"], "date": ["2024-01-15", "2024-02-10"] * 2,
                      "montant_ht": [500.0, 1150.0, 500.0, 400.0]})
    t = pac.tableau_suivi(v, "2024-02", par="vendeur", objectifs=objectifs, total=False)
    assert list(t.index) == ["Ana", "Bob", "Dan"]
    assert t.loc["Ana", "realisation_cumul"] == pytest.approx(1650 / 1800)  # 91,7 % : à surveiller
    assert t.loc["Ana", "statut"] == "à surveiller"
    assert "surveiller" in t.loc["Ana", "mesure_corrective"]
    assert t.loc["Bob", "realisation_cumul"] == pytest.approx(900 / 1200) and t.loc["Bob", "statut"] == "en retard"
    assert t.loc["Bob", "mesure_corrective"] == pac.MESURES_CORRECTIVES["vendeur"]  # février aussi sous l'objectif
    strict = pac.tableau_suivi(v, "2024-02", par="vendeur", objectifs=objectifs, seuil_alerte=0.95)
    assert strict.loc["Ana", "statut"] == "en retard"
    assert "rattrapage" in strict.loc["Ana", "mesure_corrective"]  # février : 1 150 ≥ 900
    propre = pac.tableau_suivi(v, "2024-02", par="vendeur", objectifs=objectifs,
                               mesures={"Dan": "accompagner Dan en clientèle"})
    assert propre.loc["Dan", "mesure_corrective"] == "accompagner Dan en clientèle"


def test_ordre_des_categories_et_dimension_sans_mesure_connue(ventes) -> None:
    v = ventes.assign(equipe=pd.Categorical(ventes["vendeur"], categories=["Cléo", "Bob", "Ana"]))
    t = pac.tableau_suivi(v, "2024-02", par="equipe")
    assert list(t.index) == ["Cléo", "Bob", "Ana", "Total"]
    assert t.index.name == "equipe"
    assert "analyser les causes" in t.loc["Cléo", "mesure_corrective"]


def test_suivi_sans_regroupement_une_seule_ligne(ventes) -> None:
    t = pac.tableau_suivi(ventes, pd.Period("2024-01", "M"))
    assert list(t.index) == ["Total"]
    assert t.loc["Total", ["ca_mois", "ca_mois_n1"]].tolist() == [1500, 900]


def test_suivi_erreurs_et_exclusions(ventes, objectifs) -> None:
    with pytest.raises(ErreurDonnees, match="indiquez aussi l'année"):
        pac.tableau_suivi(ventes, 6)
    with pytest.raises(ErreurDonnees, match="Mois illisible"):
        pac.tableau_suivi(ventes, "juin")
    with pytest.raises(ErreurDonnees, match="Colonne manquante.*'vendeur'"):
        pac.tableau_suivi(ventes.drop(columns="vendeur"), "2024-02", par="vendeur")
    with pytest.raises(ErreurDonnees, match="Aucun objectif pour l'année 2025"):
        pac.tableau_suivi(ventes, "2025-02", par="vendeur", objectifs=objectifs)
    with pytest.raises(ErreurDonnees, match="Aucune vente en 2026"):
        pac.tableau_suivi(ventes, "2026-02", par="vendeur")
    with pytest.raises(ErreurDonnees, match="seuil_alerte"):
        pac.tableau_suivi(ventes, "2024-02", seuil_alerte=90)
    trouee = ventes.assign(date=ventes["date"].where(ventes.index != 0))
    with pytest.warns(LignesExclues, match="1 ligne\\(s\\) écartée\\(s\\) : valeur manquante dans 'date'"):
        t = pac.tableau_suivi(trouee, "2024-02", par="vendeur")
    assert t.loc["Ana", "cumul_n1"] == 0


def test_suivi_mensuel_a_la_main(ventes, objectifs) -> None:
    s = pac.suivi_mensuel(ventes, 2024, objectifs=objectifs)
    assert list(s.index) == list(range(1, 13))
    assert s.loc[2, ["ca", "ca_n1", "cumul", "cumul_n1"]].tolist() == [1100, 1400, 2600, 2300]
    assert s.loc[2, ["objectif", "cumul_objectif"]].tolist() == [1600, 3200]
    assert s.loc[2, "realisation_cumul"] == pytest.approx(2600 / 3200)
    assert s.loc[12, ["cumul", "cumul_objectif"]].tolist() == [2600, 3200]  # pas d'objectif de mars à décembre


# --- Sur les données de Verdance -------------------------------------------------------------


@pytest.fixture(scope="module")
def commandes() -> pd.DataFrame:
    devis = charger("devis")
    return devis[devis["statut"] == "accepté"]


def test_suivi_des_vendeurs_coherent_avec_le_suivi_mensuel(commandes) -> None:
    objectifs = charger("objectifs_vendeurs")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # les commandes acceptées ont toutes une date : rien n'est écarté
        t = pac.tableau_suivi(commandes, "2024-06", par="vendeur", date="date_commande",
                              montant="montant_commande_ht", objectifs=objectifs)
    assert len(t) == 5 and t.index[-1] == "Total"
    assert t.loc["Total", "cumul"] == pytest.approx(t["cumul"].iloc[:-1].sum())
    un = commandes[commandes["vendeur"] == "Hugo Martin"]
    s = pac.suivi_mensuel(un, 2024, date="date_commande", montant="montant_commande_ht",
                          objectifs=objectifs[objectifs["vendeur"] == "Hugo Martin"])
    assert t.loc["Hugo Martin", "cumul"] == pytest.approx(s.loc[6, "cumul"])
    assert t.loc["Hugo Martin", "realisation_cumul"] == pytest.approx(s.loc[6, "realisation_cumul"])
    a_la_main = un.loc[(un["date_commande"] >= "2024-01-01") & (un["date_commande"] < "2024-07-01"),
                       "montant_commande_ht"].sum()
    assert t.loc["Hugo Martin", "cumul"] == pytest.approx(a_la_main)


def test_les_devis_non_acceptes_sont_ecartes_et_signales() -> None:
    devis = charger("devis")
    with pytest.warns(LignesExclues, match="valeur manquante dans 'date_commande'"):
        t = pac.tableau_suivi(devis, "2024-06", par="vendeur", date="date_commande", montant="montant_commande_ht")
    assert t.loc["Total", "cumul"] > 0
