"""Les exercices du thème 05 (marketing relationnel) : bonne réponse acceptée, ``...`` en attente, erreurs
typiques refusées sans que le message ne révèle la réponse.

Les réponses justes sont recalculées ici comme le ferait un élève (pandas, à la main), sans passer par les
fonctions du juge : un juge faux ne peut donc pas se valider lui-même. Les derniers tests vérifient les faits
que les réponses modèles du carnet affirment sur nos données.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from grc import relationnel, rfm
from grc.donnees import charger
from grc.exercices._themes import theme_05 as t05

BONNE_MATRICE = {
    "bases de données": "les connaître",
    "magazine client": "leur parler", "courrier personnalisé": "leur parler", "site web": "leur parler",
    "email": "leur parler",
    "enquêtes de satisfaction": "les écouter", "service client": "les écouter", "centre d'appels": "les écouter",
    "carte de fidélité": "les récompenser", "points de fidélité": "les récompenser",
    "club de clients": "les associer", "parrainage": "les associer", "sponsoring": "les associer",
    "forum": "les associer",
}
BONS_TYPES = {"A": "cash back", "B": "points multi-enseignes", "C": "informationnel", "D": "remise permanente",
              "E": "services et avantages", "F": "points privatif"}


@pytest.fixture(scope="module")
def donnees():
    clients = charger("clients")
    transactions = charger("transactions")
    t2024 = transactions[transactions["date"].dt.year == 2024]
    segments = (rfm.tableau_rfm(transactions, date_reference="2025-01-01", ticket="ticket_id")
                .pipe(rfm.scores_rfm).pipe(rfm.segments_rfm))
    return {"clients": clients, "transactions": transactions, "t2024": t2024, "segments": segments}


# --- 1. La matrice --------------------------------------------------------------------------------


def test_matrice_moyens(accepte, refuse, vide) -> None:
    accepte("05_matrice_moyens", BONNE_MATRICE)
    accepte("05_matrice_moyens", {k: v.upper().replace("Î", "I") for k, v in BONNE_MATRICE.items()})
    vide("05_matrice_moyens")
    carte_connaitre = {**BONNE_MATRICE, "carte de fidélité": "les connaître"}  # le piège classique
    message = refuse("05_matrice_moyens", carte_connaitre).split("\nIndice")[0]  # l'indice cite les 5 objectifs
    assert "carte de fidélité" in message and "récompenser" not in message
    assert "fidéliser" in refuse("05_matrice_moyens", {**BONNE_MATRICE, "forum": "les fidéliser"})
    incomplet = dict(list(BONNE_MATRICE.items())[:-1])
    assert "sans réponse" in refuse("05_matrice_moyens", incomplet)


def test_matrice_moyens_site_web_sous_deux_objectifs(accepte, refuse) -> None:
    """Les notes rangent le site web sous « leur parler » et sous « les écouter » : les deux sont justes."""
    for objectif in ("leur parler", "les écouter", "Les Ecouter"):
        message = accepte("05_matrice_moyens", {**BONNE_MATRICE, "site web": objectif})
        assert "site web" in message and "les deux objectifs" in message
    for objectif in ("les connaître", "les récompenser", "les associer"):
        message = refuse("05_matrice_moyens", {**BONNE_MATRICE, "site web": objectif}).split("\nIndice")[0]
        assert "site web" in message and "parler" not in message and "écouter" not in message
    # Le site web ne rend pas juste une autre erreur.
    refuse("05_matrice_moyens", {**BONNE_MATRICE, "site web": "les écouter", "email": "les écouter"})


# --- 2. Promotion et programme --------------------------------------------------------------------


def test_promotion_programme(accepte, refuse, vide) -> None:
    sim = relationnel.simuler_promotion_programme()
    cumul = sim.pivot(index="semaine", columns="scenario", values="supplement_cumule")
    juste = int((cumul["programme relationnel"] > cumul["promotion"]).idxmax())
    accepte("05_promotion_programme", juste)
    accepte("05_promotion_programme", float(juste))
    vide("05_promotion_programme")
    hebdo = sim.pivot(index="semaine", columns="scenario", values="ventes")
    semaine_hebdo = int((hebdo["programme relationnel"] > hebdo["promotion"]).idxmax())
    assert "CUMULÉ" in refuse("05_promotion_programme", semaine_hebdo)
    au_pic = int((cumul["programme relationnel"] > cumul["promotion"].max()).idxmax())
    assert "pic" in refuse("05_promotion_programme", au_pic)
    assert "trop tôt" in refuse("05_promotion_programme", juste - 1)
    assert "Un nombre" in refuse("05_promotion_programme", "semaine 16")


# --- 3. Porteurs de carte -------------------------------------------------------------------------


def test_effet_carte(donnees, accepte, refuse, vide) -> None:
    t, clients = donnees["t2024"], donnees["clients"]
    frequence = t.groupby("client_id")["ticket_id"].nunique()
    carte = clients.set_index("client_id")["carte_fidelite"].reindex(frequence.index)
    juste = frequence[carte].mean() / frequence[~carte].mean()
    accepte("05_effet_carte", juste)
    vide("05_effet_carte")
    assert "autre sens" in refuse("05_effet_carte", 1 / juste, juste)
    tous = frequence.reindex(clients["client_id"]).fillna(0)
    carte_tous = clients.set_index("client_id")["carte_fidelite"]
    assert "actifs" in refuse("05_effet_carte", tous[carte_tous].mean() / tous[~carte_tous].mean(), juste)
    lignes = t.groupby("client_id").size()
    assert "tickets" in refuse("05_effet_carte", lignes[carte].mean() / lignes[~carte].mean(), juste)


# --- 4. Types de programmes -----------------------------------------------------------------------


def test_types_programmes(accepte, refuse, vide) -> None:
    accepte("05_types_programmes", BONS_TYPES)
    vide("05_types_programmes")
    inverse = {**BONS_TYPES, "A": "remise permanente", "D": "cash back"}  # les deux programmes « prix » confondus
    message = refuse("05_types_programmes", inverse)
    assert "2" in message and "A" in message and "cash back" not in message
    assert "n'est pas un type" in refuse("05_types_programmes", {**BONS_TYPES, "C": "newsletter"})


# --- 5. Fidélité vraie et inertie -----------------------------------------------------------------


def _types_fidelite_eleve(donnees, garder: str = "last", seuil: int = 9) -> pd.Series:
    enquetes = charger("enquetes").sort_values("enquete_id").drop_duplicates("client_id", keep=garder)
    enquetes = enquetes.set_index("client_id")
    tickets = donnees["t2024"].groupby("client_id")["ticket_id"].nunique().reindex(enquetes.index).fillna(0)
    reachat = tickets >= 4
    attitude = enquetes["recommandation"] >= seuil
    types = np.select([reachat & attitude, reachat & ~attitude, ~reachat & attitude],
                      ["fidélité vraie", "inertie", "fidélité latente"], default="pas de fidélité")
    return pd.Series(types, index=enquetes.index).value_counts()


def test_fidelite_inertie(donnees, accepte, refuse, vide) -> None:
    juste = _types_fidelite_eleve(donnees)
    accepte("05_fidelite_inertie", juste)
    accepte("05_fidelite_inertie", juste.sort_index())
    vide("05_fidelite_inertie")
    assert "parts" in refuse("05_fidelite_inertie", juste / juste.sum())
    assert "plus récente" in refuse("05_fidelite_inertie", _types_fidelite_eleve(donnees, garder="first"))
    assert "9 ou 10" in refuse("05_fidelite_inertie", _types_fidelite_eleve(donnees, seuil=7))
    assert "manquante" in refuse("05_fidelite_inertie", juste.drop("inertie"))


# --- 6. Habitudes par segment ---------------------------------------------------------------------


def _habitudes_eleve(donnees, fenetre_actifs: bool = False, marge_sur_cout: bool = False) -> pd.DataFrame:
    segment = donnees["segments"]["segment"]
    t = donnees["transactions"].assign(segment=donnees["transactions"]["client_id"].map(segment))
    t2024 = t[t["date"].dt.year == 2024]
    effectif = segment.value_counts()
    par_segment = t.groupby("segment", observed=True)
    tickets_2024 = t2024.groupby("segment", observed=True)["ticket_id"].nunique()
    if fenetre_actifs:
        effectif_frequence = t2024.groupby("segment", observed=True)["client_id"].nunique()
    else:
        effectif_frequence = effectif
    ca = par_segment["montant_ht"].sum()
    marge = par_segment["marge_ht"].sum()
    return pd.DataFrame({
        "clients": effectif,
        "frequence": (tickets_2024 / effectif_frequence).reindex(effectif.index).fillna(0),
        "panier_moyen": ca / par_segment["ticket_id"].nunique(),
        "taux_marque": marge / (ca - marge) if marge_sur_cout else marge / ca,
    })


def test_habitudes_segments(donnees, accepte, refuse, vide) -> None:
    juste = _habitudes_eleve(donnees)
    accepte("05_habitudes_segments", juste)
    vide("05_habitudes_segments")
    assert "TOUS les clients" in refuse("05_habitudes_segments", _habitudes_eleve(donnees, fenetre_actifs=True))
    assert "coût d'achat" in refuse("05_habitudes_segments", _habitudes_eleve(donnees, marge_sur_cout=True))
    avec_nan = juste.assign(frequence=juste["frequence"].replace(0.0, np.nan))
    assert "fillna" in refuse("05_habitudes_segments", avec_nan)
    assert "taux_marque" in refuse("05_habitudes_segments", juste.drop(columns="taux_marque"))


# --- 7. Point mort --------------------------------------------------------------------------------


def test_point_mort(donnees, accepte, refuse, vide) -> None:
    h = _habitudes_eleve(donnees)
    recompense = 0.02 * (1 - 0.30)
    cout = h["frequence"] * h["panier_moyen"] * recompense + 3
    juste = cout / (h["panier_moyen"] * (h["taux_marque"] - recompense))
    accepte("05_point_mort", juste)
    vide("05_point_mort")
    exemple = float(juste.iloc[0])
    assert "aussi des points" in refuse("05_point_mort", cout / (h["panier_moyen"] * h["taux_marque"]), exemple)
    assert "achats actuels" in refuse("05_point_mort", 3 / (h["panier_moyen"] * (h["taux_marque"] - recompense)),
                                       exemple)
    sans_b = (h["frequence"] * h["panier_moyen"] * 0.02 + 3) / (h["panier_moyen"] * (h["taux_marque"] - 0.02))
    assert "non-utilisation" in refuse("05_point_mort", sans_b, exemple)
    refuse("05_point_mort", juste * 1.1, exemple)


# --- 8. Non-utilisation ---------------------------------------------------------------------------


def _points_eleve(donnees) -> pd.DataFrame:
    ca = donnees["t2024"].groupby("client_id")["montant_ht"].sum()
    points = np.floor(ca.clip(lower=0)).astype(int)
    convertis = points // 500 * 500
    return pd.DataFrame({"points": points, "convertis": convertis})


def test_non_utilisation(donnees, accepte, refuse, vide) -> None:
    p = _points_eleve(donnees)
    juste = 1 - p["convertis"].sum() / p["points"].sum()
    accepte("05_non_utilisation", juste)
    vide("05_non_utilisation")
    assert "CONVERTIS" in refuse("05_non_utilisation", 1 - juste, juste)
    assert "pourcentage" in refuse("05_non_utilisation", 100 * juste, juste)
    assert "en points" in refuse("05_non_utilisation", float((p["convertis"] == 0).mean()), juste)


# --- 9. Segments rentables ------------------------------------------------------------------------


def _economie_eleve(donnees, non_utilisation) -> pd.DataFrame:
    h = _habitudes_eleve(donnees)
    b = non_utilisation.reindex(h.index) if isinstance(non_utilisation, pd.Series) else non_utilisation
    r = 0.02 * (1 - b)
    cout = h["frequence"] * h["panier_moyen"] * r + 3
    gain = h["frequence"] * 0.10 * h["panier_moyen"] * (h["taux_marque"] - r)
    return h.assign(resultat=gain - cout)


def _non_utilisation_segments_eleve(donnees) -> pd.Series:
    p = _points_eleve(donnees).join(donnees["segments"]["segment"])
    sommes = p.groupby("segment", observed=False)[["points", "convertis"]].sum()
    return (1 - sommes["convertis"] / sommes["points"]).fillna(1.0)


def test_segments_rentables(donnees, accepte, refuse, vide) -> None:
    eco = _economie_eleve(donnees, _non_utilisation_segments_eleve(donnees))
    juste = list(eco.index[eco["resultat"] > 0])
    accepte("05_segments_rentables", juste)
    accepte("05_segments_rentables", set(juste))
    vide("05_segments_rentables")
    assert "il manque 1" in refuse("05_segments_rentables", [s for s in juste if s != "Très bons clients"]).lower()
    assert "en trop" in refuse("05_segments_rentables", [*juste, "Inactifs"])
    suppose = _economie_eleve(donnees, 0.30)
    avec_30 = list(suppose.index[suppose["resultat"] > 0])
    if set(avec_30) != set(juste):
        assert "30 %" in refuse("05_segments_rentables", avec_30)
    refuse("05_segments_rentables", list(eco.index))  # « rentable partout » est refusé


# --- 10. La grille d'un segment -------------------------------------------------------------------


def test_grille_relationnelle(accepte, refuse, vide) -> None:
    grille = relationnel.grille_relationnelle("Nouveaux clients")
    grille["moyens"] = [["bases de données"], ["email"], ["enquêtes de satisfaction"], ["points de fidélité"],
                        ["club de clients"]]
    grille["action"] = ["compléter le profil", "email de bienvenue", "question après le 1er achat",
                        "points doublés au 2e achat", "invitation au premier atelier"]
    accepte("05_grille_relationnelle", grille)
    vide("05_grille_relationnelle")
    vierge = relationnel.grille_relationnelle("Nouveaux clients")
    assert "Aucun moyen" in refuse("05_grille_relationnelle", vierge)
    mal_placee = grille.copy()
    mal_placee.at["les connaître", "moyens"] = ["carte de fidélité"]
    message = refuse("05_grille_relationnelle", mal_placee)
    assert "carte de fidélité" in message and "les récompenser" not in message
    assert "Un tableau" in refuse("05_grille_relationnelle", {"les connaître": "bases de données"})


# --- Les faits affirmés par les réponses modèles du carnet -------------------------------------------


def test_faits_des_reponses_modeles(donnees) -> None:
    # « les porteurs de la carte viennent nettement plus souvent » (question ouverte de la partie 4)
    assert t05.effet_carte() > 1.2
    # « la non-utilisation réelle dépasse largement les 30 % supposés » et « les très bons clients ont la plus
    # faible non-utilisation des segments acheteurs, les nouveaux et les occasionnels ne convertissent rien »
    assert t05.non_utilisation() > 0.5
    b = t05.non_utilisation_par_segment()
    assert b["Très bons clients"] < b["Bons clients"] < 1
    assert b["Nouveaux clients"] == b["Clients occasionnels"] == 1.0
    # « le programme est rentable chez les très bons et les bons clients, déficitaire chez les inactifs, les
    # occasionnels, les clients à risque et les nouveaux clients »
    rentables = t05.segments_rentables()
    assert {"Très bons clients", "Bons clients"} <= rentables
    assert not rentables & {"Inactifs", "Clients occasionnels", "Clients à risque", "Nouveaux clients"}
    # « les très bons clients portent l'essentiel du résultat positif »
    eco = t05._economie(t05.non_utilisation_par_segment())
    assert eco["resultat_total"].idxmax() == "Très bons clients"
    # « sans les très bons clients, le programme perdrait de l'argent »
    assert eco["resultat_total"].drop("Très bons clients").sum() < 0
    # « l'inertie est plus fréquente que la fidélité vraie parmi les clients enquêtés »
    types = t05.types_fidelite()
    assert types["inertie"] > types["fidélité vraie"]


def test_faits_cites_dans_le_texte_du_carnet(donnees) -> None:
    # partie 10 : « en visites, les très bons clients demandent le plus d'effort ; en hausse de fréquence, le moins ;
    # les inactifs n'achètent plus (hausse nécessaire infinie) »
    eco = t05._economie(0.30)
    assert eco["visites_point_mort"].idxmax() == "Très bons clients"
    assert eco.loc[eco["frequence"] > 0, "hausse_point_mort"].idxmin() == "Très bons clients"
    assert eco.loc["Inactifs", "frequence"] == 0 and np.isinf(eco.loc["Inactifs", "hausse_point_mort"])
    # « la plupart des clients n'atteignent jamais un bon »
    assert (t05.points_2024()["points_convertis"] == 0).mean() > 0.5
    # « les clients prometteurs sont à la limite »
    mesure = t05._economie(t05.non_utilisation_par_segment())
    assert abs(mesure.loc["Clients prometteurs", "resultat_par_membre"]) < 1.0
    # partie 4 : « Noël 2024 est envoyé à tous » ; les autres campagnes ciblent un segment ; noms cités
    campagnes = charger("campagnes").set_index("campagne_id")
    tous = campagnes.index[campagnes["cible"].str.startswith("Tous")]
    assert list(tous) == ["K12"] and campagnes.loc["K12", "nom"] == "Noël 2024"
    assert campagnes.loc["K01", "nom"] == "Printemps au jardin 2023"
    assert campagnes.loc["K05", "nom"] == "Catalogue de Noël 2023" and "carte" in campagnes.loc["K05", "cible"]
    assert campagnes.loc["K10", "nom"] == "Vous nous manquez"


def test_l_ecart_de_la_carte_se_retrouve_a_anciennete_egale(donnees) -> None:
    # partie 7 : « l'écart entre porteurs et non-porteurs se retrouve chez les inscrits avant 2021 et depuis 2021 »
    t, clients = donnees["t2024"], donnees["clients"].set_index("client_id")
    frequence = t.groupby("client_id")["ticket_id"].nunique()
    fiche = clients.loc[frequence.index]
    anciens = fiche["date_inscription"].dt.year <= 2020
    for groupe in (anciens, ~anciens):
        carte = fiche["carte_fidelite"] & groupe
        sans = ~fiche["carte_fidelite"] & groupe
        assert frequence[carte].mean() > 1.2 * frequence[sans].mean()


# --- Les décisions du parcours BTS ----------------------------------------------------------------


def test_programme_pour_une_enseigne_discount(accepte, refuse, vide) -> None:
    assert "cagnotte" in accepte("05_programme_discount", "Cash back")
    vide("05_programme_discount")
    message = refuse("05_programme_discount", "remise permanente")
    assert "tout de suite" in message and "revenir" in message, message
    assert "primes" in refuse("05_programme_discount", "points privatif")
    assert "montée en gamme" in refuse("05_programme_discount", "services et avantages")
    assert "choix possibles" in refuse("05_programme_discount", "carte bleue")


def test_un_moyen_qui_ecoute_aussi(accepte, refuse, vide) -> None:
    assert "avis" in accepte("05_moyen_ecoute", "site web")
    vide("05_moyen_ecoute")
    assert "un seul sens" in refuse("05_moyen_ecoute", "magazine client")
    assert "événement" in refuse("05_moyen_ecoute", "sponsoring")
    assert "achète" in refuse("05_moyen_ecoute", "points de fidélité")


def test_le_point_mort_avec_le_taux_de_marge_est_nomme(donnees, refuse) -> None:
    h = _habitudes_eleve(donnees)
    recompense = 0.02 * (1 - 0.30)
    marge = h["taux_marque"] / (1 - h["taux_marque"])
    glisse = (h["frequence"] * h["panier_moyen"] * recompense + 3) / (h["panier_moyen"] * (marge - recompense))
    assert "taux de marque" in refuse("05_point_mort", glisse)
