"""Les exercices du thème 07 (PAC) : bonne réponse acceptée, ``...`` en attente, erreurs typiques refusées.

Les réponses justes sont recalculées ici comme le ferait un élève (pandas, à la main), sans passer par
les fonctions du juge. Les derniers tests vérifient que le brouillon du cahier est celui du juge et les
faits que les réponses modèles du carnet affirment sur nos données.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from grc import pac, rfm
from grc.donnees import charger
from grc.exercices._themes import theme_07 as t07

RACINE = Path(__file__).resolve().parent.parent
CORRIGE = RACINE / "solutions" / "07-plan-action-commerciale.ipynb"


@pytest.fixture(scope="module")
def donnees():
    transactions = charger("transactions")
    devis = charger("devis")
    return {"t": transactions, "devis": devis, "commandes": devis[devis["statut"] == "accepté"],
            "objectifs": charger("objectifs_vendeurs"), "campagnes": charger("campagnes")}


def _ca(t: pd.DataFrame, annee: int, mois_max: int, mois_min: int = 1) -> float:
    d = t["date"]
    return t.loc[(d.dt.year == annee) & d.dt.month.between(mois_min, mois_max), "montant_ht"].sum()


# --- 1. Objectifs des actions -----------------------------------------------------------------


def test_objectifs_actions(accepte, refuse, vide) -> None:
    juste = {
        "Stand au salon Jardins de Loire": "conquête",
        "Courrier « Vous nous manquez » aux inactifs": "reconquête",
        "Rappel des clients qui ont noté leur visite 1 ou 2 sur 5": "satisfaction",
        "Atelier rempotage réservé aux très bons clients": "fidélisation",
        "« Le deuxième plant à moitié prix » aux acheteurs de végétaux": "stimulation des achats",
        "Guide du potager offert contre une adresse email": "conquete",  # sans accent : accepté
    }
    accepte("07_objectifs_actions", juste)
    vide("07_objectifs_actions")
    confondu = {**juste, "Atelier rempotage réservé aux très bons clients": "stimulation des achats"}
    assert "Atelier rempotage" in refuse("07_objectifs_actions", confondu)
    inbound = {**juste, "Guide du potager offert contre une adresse email": "fidélisation"}
    assert "1 action(s) mal placé(s)" in refuse("07_objectifs_actions", inbound)
    assert "objectifs possibles" in refuse("07_objectifs_actions", {**juste, "Stand au salon Jardins de Loire":
                                                                      "notoriété"})


# --- 2-3. CA du mois, cumul, progression -----------------------------------------------------


def test_ca_juin(donnees, accepte, refuse, vide) -> None:
    t = donnees["t"]
    ca_mois, cumul = _ca(t, 2024, 6, 6), _ca(t, 2024, 6)
    accepte("07_ca_juin", {"ca_mois": ca_mois, "cumul": cumul})
    vide("07_ca_juin")
    assert "juin 2023" in refuse("07_ca_juin", {"ca_mois": _ca(t, 2023, 6, 6), "cumul": cumul}, ca_mois)
    sans_retours = t.loc[(t["date"].dt.year == 2024) & (t["date"].dt.month == 6) & (t["montant_ht"] > 0),
                         "montant_ht"].sum()
    assert "retours" in refuse("07_ca_juin", {"ca_mois": sans_retours, "cumul": cumul}, ca_mois)
    assert "toute l'année" in refuse("07_ca_juin", {"ca_mois": ca_mois, "cumul": _ca(t, 2024, 12)}, cumul)
    assert "il manque juin" in refuse("07_ca_juin", {"ca_mois": ca_mois, "cumul": _ca(t, 2024, 5)}, cumul)
    assert "Clé(s) manquante(s)" in refuse("07_ca_juin", {"ca_mois": ca_mois})
    assert "dictionnaire" in refuse("07_ca_juin", [ca_mois, cumul])


def test_progression_cumul(donnees, accepte, refuse, vide) -> None:
    t = donnees["t"]
    cumul, cumul_n1 = _ca(t, 2024, 6), _ca(t, 2023, 6)
    juste = (cumul - cumul_n1) / cumul_n1
    accepte("07_progression_cumul", juste)
    vide("07_progression_cumul")
    assert "périodes identiques" in refuse("07_progression_cumul", cumul / _ca(t, 2023, 12) - 1, juste)
    assert "cumul de 2023" in refuse("07_progression_cumul", (cumul - cumul_n1) / cumul, juste)
    assert "seul mois" in refuse("07_progression_cumul", _ca(t, 2024, 6, 6) / _ca(t, 2023, 6, 6) - 1, juste)
    assert "moins 1" in refuse("07_progression_cumul", cumul / cumul_n1, juste)
    assert "fraction" in refuse("07_progression_cumul", 100 * juste, juste)


# --- 4-5. Tableau de bord ----------------------------------------------------------------------


def _realisation(donnees, date="date_commande", montant="montant_commande_ht", mois_objectif=range(1, 7)):
    c = donnees["commandes"]
    c = c[(c[date].dt.year == 2024) & (c[date].dt.month <= 6)]
    o = donnees["objectifs"]
    o = o[(o["annee"] == 2024) & o["mois"].isin(mois_objectif)]
    ca = c.groupby("vendeur", observed=True)[montant].sum()
    return ca / o.groupby("vendeur", observed=True)["objectif_ca_ht"].sum()


def test_realisation_vendeurs(donnees, accepte, refuse, vide) -> None:
    juste = _realisation(donnees)
    assert len(juste) == 4
    accepte("07_realisation_vendeurs", juste)
    accepte("07_realisation_vendeurs", juste.to_frame("realisation"))  # une table d'une colonne : acceptée
    vide("07_realisation_vendeurs")
    assert "date_commande" in refuse("07_realisation_vendeurs", _realisation(donnees, date="date_devis"))
    assert "montant commandé" in refuse("07_realisation_vendeurs", _realisation(donnees, montant="montant_devis_ht"))
    assert "toute l'année" in refuse("07_realisation_vendeurs", _realisation(donnees, mois_objectif=range(1, 13)))
    juin = _realisation(donnees, mois_objectif=[6])  # cumul sur l'objectif de juin : faux aussi
    refuse("07_realisation_vendeurs", juin)
    assert "pourcentage" in refuse("07_realisation_vendeurs", 100 * juste)


def test_lignes_en_retard(donnees, accepte, refuse, vide) -> None:
    t = donnees["t"]
    par_rayon = lambda a, m0: t[(t["date"].dt.year == a) & t["date"].dt.month.between(m0, 6)].groupby(  # noqa: E731
        "rayon", observed=True)["montant_ht"].sum()
    rapport_rayons = par_rayon(2024, 1) / par_rayon(2023, 1)
    rapport_vendeurs = _realisation(donnees)
    juste = {str(i) for i, r in pd.concat([rapport_rayons, rapport_vendeurs]).items() if r < 0.9}
    assert juste, "au moins une ligne en retard à fin juin 2024"
    accepte("07_lignes_en_retard", juste)
    accepte("07_lignes_en_retard", sorted(juste))
    vide("07_lignes_en_retard")
    surveiller = {str(i) for i, r in pd.concat([rapport_rayons, rapport_vendeurs]).items() if r < 1}
    assert surveiller != juste
    assert "à surveiller" in refuse("07_lignes_en_retard", surveiller)
    assert "Total" in refuse("07_lignes_en_retard", juste | {"Total"})
    assert "pas un seul texte" in refuse("07_lignes_en_retard", next(iter(juste)))
    refuse("07_lignes_en_retard", set(list(juste)[:-1]))


def test_lignes_en_retard_piege_du_mois_seul(refuse) -> None:
    lignes = pd.concat([t07.suivi_vendeurs().drop("Total"), t07.suivi_rayons().drop("Total")])
    reference = lignes["objectif_mois"].fillna(lignes["ca_mois_n1"])
    mois = {str(i) for i in lignes.index[lignes["ca_mois"] < 0.9 * reference]}
    assert mois != set(t07.lignes_en_retard())
    assert "seul mois" in refuse("07_lignes_en_retard", mois)


# --- 6. Taux par canal -------------------------------------------------------------------------


def test_taux_canaux(donnees, accepte, refuse, vide) -> None:
    k = donnees["campagnes"].assign(canal=lambda x: x["canal"].astype(str))
    g = k.groupby("canal")[["envois", "reponses", "commandes"]].sum()
    juste = pd.DataFrame({"taux_retour": g["reponses"] / g["envois"], "taux_rendement_net": g["commandes"] / g["reponses"]})
    accepte("07_taux_canaux", juste)
    vide("07_taux_canaux")
    moyenne = pd.DataFrame({"taux_retour": (k["reponses"] / k["envois"]).groupby(k["canal"]).mean(),
                            "taux_rendement_net": (k["commandes"] / k["reponses"]).groupby(k["canal"]).mean()})
    assert "moyenne des taux" in refuse("07_taux_canaux", moyenne)
    sur_envois = juste.assign(taux_rendement_net=g["commandes"] / g["envois"])
    assert "réponses" in refuse("07_taux_canaux", sur_envois)
    assert "Colonne(s) manquante(s)" in refuse("07_taux_canaux", juste[["taux_retour"]])


# --- 7-9. Le brouillon -----------------------------------------------------------------------


def test_controle_brouillon(accepte, refuse, vide) -> None:
    b = t07.brouillon()
    fautives = set(b.loc[pd.to_datetime(b["fin"]) < pd.to_datetime(b["debut"]), "nom"])
    fautives |= set(b.loc[b["indicateurs"] == "", "nom"]) | set(b.loc[b["responsable"] == "", "nom"])
    depassement = b["budget"].sum() - 5000
    juste = {"actions": fautives, "depassement": depassement}
    assert len(fautives) == 3 and depassement == 600
    accepte("07_controle_brouillon", juste)
    accepte("07_controle_brouillon", {"actions": sorted(fautives), "depassement": 600.0})
    vide("07_controle_brouillon")
    assert "Actions à corriger" in refuse("07_controle_brouillon", {"actions": set(list(fautives)[:2]),
                                                                      "depassement": depassement})
    assert "budget total" in refuse("07_controle_brouillon", {"actions": fautives, "depassement": 5600})
    assert "signe" in refuse("07_controle_brouillon", {"actions": fautives, "depassement": -600})
    assert "dictionnaire" in refuse("07_controle_brouillon", fautives)


def test_point_mort(accepte, refuse, vide) -> None:
    b = t07.brouillon().set_index("nom").loc[t07.ACTION_POINT_MORT]
    brut = b["budget"] / (b["panier_moyen"] * b["taux_marque"])
    juste = math.ceil(brut)
    accepte("07_point_mort", juste)
    accepte("07_point_mort", float(juste))
    vide("07_point_mort")
    assert "entier supérieur" in refuse("07_point_mort", brut)
    assert "vers le bas" in refuse("07_point_mort", math.floor(brut))
    assert "MARGE" in refuse("07_point_mort", math.ceil(b["budget"] / b["panier_moyen"]))
    refuse("07_point_mort", juste + 5)


def test_resultat_brouillon(accepte, refuse, vide) -> None:
    b = t07.brouillon()
    ca = b["commandes_attendues"] * b["panier_moyen"]
    juste = (ca * b["taux_marque"] - b["budget"]).sum()
    accepte("07_resultat_brouillon", juste)
    vide("07_resultat_brouillon")
    assert "marge" in refuse("07_resultat_brouillon", (ca - b["budget"]).sum(), juste)
    assert "retranchez" in refuse("07_resultat_brouillon", (ca * b["taux_marque"]).sum(), juste)
    assert "chiffre d'affaires" in refuse("07_resultat_brouillon", ca.sum(), juste)


# --- 10. Le PAC d'un segment ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def risque(donnees):
    """Ce qu'un élève calcule pour le segment « Clients à risque » : effectif, consentements, panier, marque."""
    t = donnees["t"]
    s = rfm.tableau_rfm(t, date_reference="2025-01-01", ticket="ticket_id").pipe(rfm.scores_rfm).pipe(rfm.segments_rfm)
    ids = s.index[s["segment"] == "Clients à risque"]
    clients = charger("clients").set_index("client_id").loc[ids]
    achats = t[t["client_id"].isin(ids)]
    return {"effectif": len(ids), "email": int(clients["consentement_email"].sum()),
            "courrier": int(clients["consentement_courrier"].sum()),
            "panier": achats["montant_ht"].sum() / achats["ticket_id"].nunique(),
            "marque": achats["marge_ht"].sum() / achats["montant_ht"].sum()}


def _plan_modele(risque, **modifs_email) -> pac.Plan:
    email = dict(nom="Email « Votre printemps vous attend »", objectif="reconquête", cible="Clients à risque",
                 canal="email", debut="2025-03-03", fin="2025-03-23", budget=300, contacts=risque["email"],
                 reponses_attendues=int(0.06 * risque["email"]), commandes_attendues=int(0.04 * risque["email"]),
                 panier_moyen=45, taux_marque=0.40, responsable="service marketing",
                 indicateurs="taux de retour; taux de rendement net; CA")
    email.update(modifs_email)
    appel = pac.Action("Appel des plus gros clients à risque", objectif="reconquête",
                       cible="Clients à risque (M = 5)", canal="téléphone", debut="2025-03-24", fin="2025-04-11",
                       budget=500, contacts=80, reponses_attendues=12, commandes_attendues=8, panier_moyen=55,
                       taux_marque=0.42, responsable="service client", indicateurs="joints; commandes; CA")
    return pac.Plan("PAC Clients à risque", 3000, "2025-01-01", "2025-06-30", [pac.Action(**email), appel])


def test_pac_segment_accepte_un_plan_realiste(risque, accepte, vide) -> None:
    message = accepte("07_pac_segment", _plan_modele(risque))
    assert "Clients à risque" in message and "Reste à le défendre" in message
    vide("07_pac_segment")


def test_pac_segment_refuse_les_plans_irrealistes(risque, refuse) -> None:
    plan = _plan_modele(risque)
    assert "pac.Plan" in refuse("07_pac_segment", plan.table())
    assert "ne l'augmentez pas" in refuse("07_pac_segment", dataclasses.replace(plan, enveloppe=5000))
    assert "premier semestre" in refuse("07_pac_segment", dataclasses.replace(plan, fin="2025-12-31"))
    assert "au moins deux actions" in refuse("07_pac_segment", dataclasses.replace(plan, actions=plan.actions[:1]))
    cher = dataclasses.replace(plan, actions=[dataclasses.replace(plan.actions[0], budget=2800), plan.actions[1]])
    assert "dépasse l'enveloppe" in refuse("07_pac_segment", cher)
    sans_indicateur = _plan_modele(risque, indicateurs="")
    assert "aucun indicateur" in refuse("07_pac_segment", sans_indicateur)
    melange = dataclasses.replace(plan, actions=[plan.actions[0], dataclasses.replace(plan.actions[1],
                                                                                       cible="Inactifs")])
    assert "même segment" in refuse("07_pac_segment", melange)
    inconnu = _plan_modele(risque, cible="tous nos clients")
    assert "segment du thème 02" in refuse("07_pac_segment", inconnu)


@pytest.mark.parametrize("modifs, morceau", [
    (lambda r: {"contacts": 10_000, "reponses_attendues": 100, "commandes_attendues": 50},
     "plus de contacts que de clients"),
    (lambda r: {"contacts": r["email"] + 1}, "accord préalable (RGPD)"),
    (lambda r: {"reponses_attendues": int(0.2 * r["email"])}, "taux de retour attendu dépasse"),
    (lambda r: {"commandes_attendues": int(0.06 * r["email"])}, "taux de rendement net attendu dépasse"),
    (lambda r: {"budget": 5}, "ne couvre pas ses envois"),
    (lambda r: {"panier_moyen": round(1.5 * r["panier"], 2)}, "panier moyen attendu dépasse"),
    (lambda r: {"taux_marque": r["marque"] + 0.05}, "taux de marque attendu dépasse"),
], ids=["effectif", "consentement", "taux_retour", "rendement_net", "cout_envoi", "panier", "marque"])
def test_pac_segment_controles_chiffres(risque, modifs, morceau, refuse) -> None:
    message = refuse("07_pac_segment", _plan_modele(risque, **modifs(risque)))
    assert morceau in message, message
    assert "Email « Votre printemps vous attend »" in message


def test_pac_segment_canal_sans_historique_plafonne_tous_canaux(risque, refuse) -> None:
    plan = _plan_modele(risque)
    bavard = dataclasses.replace(plan.actions[1], reponses_attendues=40)  # 50 % de retour au téléphone
    message = refuse("07_pac_segment", dataclasses.replace(plan, actions=[plan.actions[0], bavard]))
    assert "tous canaux confondus" in message


def test_pac_segment_resultat_negatif_accepte_mais_signale(risque, accepte) -> None:
    plan = _plan_modele(risque, budget=2400)
    message = accepte("07_pac_segment", plan)
    assert "négatif" in message


# --- Le cahier et le juge parlent du même brouillon ; les faits des réponses modèles -----------------


def _cellules_code() -> list[str]:
    carnet = json.loads(CORRIGE.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in carnet["cells"] if c["cell_type"] == "code"]


def test_le_brouillon_du_cahier_est_celui_du_juge() -> None:
    cellule = next(c for c in _cellules_code() if c.lstrip().startswith("brouillon = pd.DataFrame("))
    portee: dict = {"pd": pd}
    exec(re.split(r"\n\s*\n", cellule)[0], portee)  # noqa: S102 — le premier bloc de la cellule, une table littérale
    pd.testing.assert_frame_equal(portee["brouillon"], t07.brouillon())
    assert any("PAC printemps 2025" in c and "enveloppe=5000" in c for c in _cellules_code())


def test_faits_cites_par_les_reponses_modeles() -> None:
    vendeurs = t07.suivi_vendeurs().drop("Total")
    # « Hugo Martin est le seul vendeur en retard ; il recule aussi sur N−1 ; juin est sous son objectif. »
    assert list(vendeurs.index[vendeurs["statut"] == "en retard"]) == ["Hugo Martin"]
    assert vendeurs.loc["Hugo Martin", "progression_cumul"] < 0
    assert vendeurs.loc["Hugo Martin", "realisation_mois"] < 1
    # « Décoration est le seul rayon en retard ; le mobilier d'extérieur est le seul rayon en progression. »
    rayons = t07.suivi_rayons().drop("Total")
    assert list(rayons.index[rayons["statut"] == "en retard"]) == ["Décoration"]
    assert list(rayons.index[rayons["progression_cumul"] > 0]) == ["Mobilier d'extérieur"]
    # « Le CA cumulé de l'enseigne recule sur N−1 à fin juin. »
    c = t07.chiffres_juin()
    assert c["cumul"] < c["cumul_n1"]
    # « Le SMS vise plus de bons clients qu'il n'y en a qui acceptent les SMS ; le courrier, plus d'inactifs
    # qu'il n'y en a qui acceptent le courrier. »
    cibles = t07.cibles_segments()
    b = t07.brouillon().set_index("nom")
    assert b.loc["SMS « 2e plant à moitié prix »", "contacts"] > cibles.loc["Bons clients", "sms"]
    assert b.loc["Courrier « Vous nous manquez »", "contacts"] > cibles.loc["Inactifs", "courrier"]
    # « Le courrier ne peut pas atteindre son point mort avec les réponses attendues. »
    courrier = t07.plan_brouillon().actions[1]
    assert courrier.commandes_point_mort > courrier.reponses_attendues


def test_faits_des_mesures_correctives_et_de_l_explorateur(donnees) -> None:
    devis = donnees["devis"]

    def semestre(annee: int) -> pd.DataFrame:
        emis = devis[(devis["date_devis"].dt.year == annee) & (devis["date_devis"].dt.month <= 6)]
        g = emis.groupby("vendeur", observed=True)
        return pd.DataFrame({"devis": g.size(), "taux": g["statut"].apply(lambda s: (s == "accepté").mean())})

    avant, apres = semestre(2023), semestre(2024)
    # « Hugo transforme toujours bien (parmi les meilleurs) mais émet moins de devis, quand l'équipe en émet plus. »
    assert apres.loc["Hugo Martin", "taux"] >= apres["taux"].median()
    assert apres.loc["Hugo Martin", "devis"] < avant.loc["Hugo Martin", "devis"]
    assert apres["devis"].sum() > avant["devis"].sum()
    # « Son objectif 2024 est le plus élevé de l'équipe et il a été relevé. »
    o = donnees["objectifs"].groupby(["annee", "vendeur"], observed=True)["objectif_ca_ht"].sum()
    assert o.loc[2024].idxmax() == "Hugo Martin" and o.loc[(2024, "Hugo Martin")] > o.loc[(2023, "Hugo Martin")]
    # « La décoration est un rayon de fin d'année : décembre pèse le plus. »
    t = donnees["t"]
    deco = t[t["rayon"] == "Décoration"]
    assert deco.groupby(deco["date"].dt.month)["montant_ht"].sum().idxmax() == 12
    # L'explorateur promet un mois où un vendeur en retard a pourtant atteint l'objectif du mois (rattrapage).
    commandes, objectifs = donnees["commandes"], donnees["objectifs"]
    rattrapages = [
        m for m in range(1, 13)
        if (pac.tableau_suivi(commandes, f"2024-{m:02d}", par="vendeur", date="date_commande",
                              montant="montant_commande_ht", objectifs=objectifs)["mesure_corrective"]
            .str.startswith("retard en cours de rattrapage").any())
    ]
    assert rattrapages


def test_faits_de_la_defense_du_pac_modele(donnees, accepte) -> None:
    cellule = next(c for c in _cellules_code() if "plan_segment = pac.Plan(" in c)
    solution = cellule.split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0]
    t = donnees["t"]
    segments = rfm.tableau_rfm(t, date_reference="2025-01-01", ticket="ticket_id").pipe(rfm.scores_rfm).pipe(
        rfm.segments_rfm)
    portee = {"pac": pac, "cibles": t07.cibles_segments(), "segments_2025": segments}
    exec(solution, portee)  # noqa: S102 — la solution du corrigé, telle quelle
    plan = portee["plan_segment"]
    accepte("07_pac_segment", plan)
    # « Environ 1 250 € sur 3 000 € » ; « un résultat négatif » ; « une dizaine de clients au plus » ;
    # « un panier historique parmi les plus élevés ».
    assert plan.budget_total == pytest.approx(1250)
    deficit = -pac.compte_resultat_previsionnel(plan).loc["Résultat prévisionnel", "Total"]
    assert deficit > 0
    membres = segments.index[segments["segment"] == "Clients à risque"]
    achats = t[t["client_id"].isin(membres)]
    marge_annuelle = achats.groupby(["client_id", achats["date"].dt.year])["marge_ht"].sum().mean()
    assert math.ceil(deficit / marge_annuelle) <= 10
    paniers = t07.cibles_segments()["panier_moyen"]
    assert paniers.rank(ascending=False)["Clients à risque"] <= 2


def test_pac_segment_courrier_parle_d_opposition_et_non_d_accord(risque, refuse) -> None:
    """Le courrier postal relève de l'opposition : le message ne parle pas d'accord préalable."""
    plan = _plan_modele(risque, canal="courrier", contacts=risque["courrier"] + 1, budget=2000,
                        reponses_attendues=1, commandes_attendues=0)
    message = refuse("07_pac_segment", plan)
    assert "opposés au courrier" in message and "droit d'opposition" in message, message
    assert "accord" not in message and "consenti" not in message, message


# --- Les décisions du parcours BTS ------------------------------------------------------------


def test_action_a_remplacer(accepte, refuse, vide) -> None:
    message = accepte("07_action_a_remplacer", "Courrier")
    assert "94" in message and "27" in message, message
    vide("07_action_a_remplacer")
    assert "conquête" in refuse("07_action_a_remplacer", "salon")
    assert "rentable" in refuse("07_action_a_remplacer", "atelier")
    assert "SMS" in refuse("07_action_a_remplacer", "sms")
    assert "600 €" in refuse("07_action_a_remplacer", "enquête")
    assert "choix possibles" in refuse("07_action_a_remplacer", "la carte")


def test_mesure_corrective_selon_la_cause(donnees, accepte, refuse, vide) -> None:
    devis = donnees["devis"]
    hugo = devis[(devis["vendeur"] == "Hugo Martin") & (devis["date_devis"].dt.month <= 6)]
    emis = hugo.groupby(hugo["date_devis"].dt.year).size()
    assert emis[2024] < emis[2023], "le corrigé suppose que Hugo Martin émet moins de devis en 2024"
    message = accepte("07_mesure_corrective", "relancer la prospection")
    assert f"{emis[2024]} devis contre {emis[2023]}" in message, message
    vide("07_mesure_corrective")
    assert "transformation" in refuse("07_mesure_corrective", "former à la conclusion des ventes")
    assert "marge" in refuse("07_mesure_corrective", "accorder une remise aux clients Pros")
    assert "cause" in refuse("07_mesure_corrective", "baisser son objectif")


def test_segment_du_pac_de_reconquete(risque, accepte, refuse, vide) -> None:
    message = accepte("07_segment_pac", "clients a risque")
    assert f"{risque['effectif']} clients" in message, message
    vide("07_segment_pac")
    assert "prospects" in refuse("07_segment_pac", "Inactifs")
    assert "fidélisation" in refuse("07_segment_pac", "Très bons clients")
    for autre in ("Bons clients", "Clients prometteurs", "Nouveaux clients", "Clients occasionnels"):
        assert "n'est pas le meilleur choix" in refuse("07_segment_pac", autre)
    assert "choix possibles" in refuse("07_segment_pac", "Les VIP")


def test_le_panier_des_clients_a_risque_est_le_plus_eleve() -> None:
    cibles = t07.cibles_segments()
    assert cibles["panier_moyen"].idxmax() == "Clients à risque"
    assert cibles["panier_moyen"].idxmin() == "Clients occasionnels"
