"""Exercices du thème 09 : chaque juge accepte la bonne réponse, dit « vide » pour ``...`` et refuse
les erreurs classiques sans livrer la réponse attendue."""

import json
from pathlib import Path

import pandas as pd
import pytest

from grc.donnees import charger
from grc.exercices import controler
from grc.exercices._themes.theme_09 import (
    ACTIONS_PROSPECTION,
    ASSOCIATIONS_CAP,
    AVANTAGES,
    CARACTERISTIQUES,
    ETAPE_ACTION,
    ETAPE_REPLIQUE,
    OBJECTIF_COMMANDES,
    PHRASES_CAP,
    PHRASES_SONCAS,
    PREUVES,
    REPLIQUES_CRAC,
    VENDEUR_ETUDIE,
)
from grc.vente import ETAPES_CRAC, ETAPES_PROSPECTION, SONCASE

RACINE = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def prospection() -> pd.DataFrame:
    return charger("prospection")


@pytest.fixture(scope="module")
def totaux(prospection) -> pd.DataFrame:
    """Les effectifs 2022-2024 de chaque vendeur, recalculés à la main (sans grc.vente)."""
    return prospection.groupby("vendeur", observed=True)[
        ["prospects_contactes", "rdv_obtenus", "visites_realisees", "devis_emis", "commandes"]].sum()


# --- Les clés pédagogiques sont cohérentes avec grc.vente et entre elles ---------------------------------


def test_les_cles_utilisent_les_grilles_du_cours() -> None:
    assert {m for _, m, *_ in PHRASES_SONCAS.values()} == set(SONCASE)  # chaque mobile au moins une fois
    assert list(ETAPE_REPLIQUE.values()) == list(ETAPES_CRAC)
    assert list(ETAPE_ACTION.values()) == list(ETAPES_PROSPECTION)
    assert sorted(a for a, _ in ASSOCIATIONS_CAP.values()) == sorted(AVANTAGES)
    assert sorted(p for _, p in ASSOCIATIONS_CAP.values()) == sorted(PREUVES)
    assert set(ASSOCIATIONS_CAP) == set(CARACTERISTIQUES)


def test_les_enonces_du_cahier_reprennent_les_phrases_des_juges() -> None:
    carnet = json.loads((RACINE / "solutions" / "09-techniques-de-vente.ipynb").read_text(encoding="utf-8"))
    texte = "\n".join("".join(c["source"]) for c in carnet["cells"])
    phrases = ([p for p, *_ in PHRASES_SONCAS.values()] + [p for p, *_ in PHRASES_CAP.values()]
               + list(CARACTERISTIQUES.values()) + list(AVANTAGES.values()) + list(PREUVES.values())
               + list(REPLIQUES_CRAC.values()) + list(ACTIONS_PROSPECTION.values()))
    absentes = [p for p in phrases if p not in texte]
    assert not absentes, absentes


# --- 1. SONCAS ----------------------------------------------------------------------------------------------


def _bon_soncas() -> dict:
    return {n: m for n, (_, m, *_) in PHRASES_SONCAS.items()}


def test_soncas_accepte_noms_lettres_et_cles_texte(vide, accepte) -> None:
    accepte("09_soncas_phrases", _bon_soncas())
    lettres = {str(n): ("Sécurité" if m == "sécurité" else m.upper() if m == "sympathie" else m[0].upper())
               for n, m in _bon_soncas().items()}
    accepte("09_soncas_phrases", lettres)
    vide("09_soncas_phrases")


def test_soncas_refuse_une_confusion_confort_securite_sans_la_donner(refuse) -> None:
    faux = {**_bon_soncas(), 8: "sécurité"}
    message = refuse("09_soncas_phrases", faux, "confort")
    assert "phrase 8" in message and "1 phrase(s) mal classée(s)" in message


def test_soncas_refuse_la_lettre_s_ambigue_et_un_mobile_inconnu(refuse) -> None:
    assert "ambiguë" in refuse("09_soncas_phrases", {**_bon_soncas(), 1: "S"})
    assert "Mobiles permis" in refuse("09_soncas_phrases", {**_bon_soncas(), 2: "vanité"})


def test_soncas_refuse_une_phrase_oubliee_et_un_autre_type(refuse) -> None:
    incomplet = _bon_soncas()
    del incomplet[7]
    assert "manquante" in refuse("09_soncas_phrases", incomplet)
    assert "dictionnaire" in refuse("09_soncas_phrases", list(_bon_soncas().values()))


# --- 2. CAP : nature des phrases ---------------------------------------------------------------------------------


def test_cap_nature(refuse, vide, accepte) -> None:
    bon = {n: nature for n, (_, nature, _) in PHRASES_CAP.items()}
    accepte("09_cap_nature", bon)
    accepte("09_cap_nature", {n: v[0].upper() for n, v in bon.items()})
    vide("09_cap_nature")
    # piège classique : prendre l'avantage pour une caractéristique
    faux = {**bon, 2: "caractéristique"}
    assert "avantage" in refuse("09_cap_nature", faux)
    # une preuve prise pour une caractéristique
    refuse("09_cap_nature", {**bon, 3: "caractéristique"}, "preuve : une démonstration")
    assert "C, A, P" in refuse("09_cap_nature", {**bon, 1: "bénéfice"})


# --- 3. CAP : associations ---------------------------------------------------------------------------------------


def test_cap_associations(refuse, vide, accepte) -> None:
    accepte("09_cap_associations", ASSOCIATIONS_CAP)
    en_texte = {str(n): f"{a}-{p}" for n, (a, p) in ASSOCIATIONS_CAP.items()}
    accepte("09_cap_associations", en_texte)
    vide("09_cap_associations")
    # deux preuves échangées
    faux = {**ASSOCIATIONS_CAP, 2: ("A", "iv"), 4: ("C", "ii")}
    message = refuse("09_cap_associations", faux, "ii)", "iv)")
    assert "preuve mal associée" in message.lower() and "2, 4" in message and "avantage" not in message.lower()
    # un avantage faux
    assert "avantage mal associé" in refuse("09_cap_associations", {**ASSOCIATIONS_CAP, 1: ("D", "iii")}).lower()
    assert "de A à D" in refuse("09_cap_associations", {**ASSOCIATIONS_CAP, 1: ("E", "iii")})
    assert "couple" in refuse("09_cap_associations", {**ASSOCIATIONS_CAP, 3: "D"})


# --- 4. CRAC -------------------------------------------------------------------------------------------------------


def test_crac_ordre(refuse, vide, accepte) -> None:
    bon = list(ETAPE_REPLIQUE)
    accepte("09_crac_ordre", bon)
    accepte("09_crac_ordre", [x.upper() for x in bon])
    vide("09_crac_ordre")
    argumente_d_abord = [bon[2], bon[0], bon[1], bon[3]]
    assert "argumentez" in refuse("09_crac_ordre", argumente_d_abord)
    reformule_d_abord = [bon[1], bon[0], bon[2], bon[3]]
    assert "position 1" in refuse("09_crac_ordre", reformule_d_abord)
    assert "lettres" in refuse("09_crac_ordre", list(ETAPES_CRAC))
    assert "manque" in refuse("09_crac_ordre", bon[:3]).lower()


# --- 5. Les étapes de la prospection ---------------------------------------------------------------------------------


def test_prospection_ordre(refuse, vide, accepte) -> None:
    bon = list(ETAPE_ACTION)
    accepte("09_prospection_ordre", bon)
    vide("09_prospection_ordre")
    # le fichier avant le ciblage
    assert "position 1" in refuse("09_prospection_ordre", [bon[1], bon[0], *bon[2:]])
    # la préparation après la visite
    assert "position 4" in refuse("09_prospection_ordre", [*bon[:3], bon[4], bon[3], bon[5]])
    assert "lettres" in refuse("09_prospection_ordre", "cdaefb")


# --- 6. Les taux de l'entonnoir -------------------------------------------------------------------------------------


def _taux(t: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "taux_rdv": t["rdv_obtenus"] / t["prospects_contactes"],
        "taux_visite": t["visites_realisees"] / t["rdv_obtenus"],
        "taux_devis": t["devis_emis"] / t["visites_realisees"],
        "taux_transformation": t["commandes"] / t["devis_emis"],
    })


def test_taux_entonnoir(prospection, totaux, refuse, vide, accepte) -> None:
    bon = _taux(totaux)
    accepte("09_taux_entonnoir", bon)
    accepte("09_taux_entonnoir", bon.reset_index())
    vide("09_taux_entonnoir")
    moyenne_mensuelle = _taux(prospection.set_index("vendeur")).groupby(level="vendeur", observed=True).mean()
    assert "moyenne des taux mensuels" in refuse("09_taux_entonnoir", moyenne_mensuelle)
    cumul = bon.assign(taux_visite=totaux["visites_realisees"] / totaux["prospects_contactes"])
    assert "étage précédent" in refuse("09_taux_entonnoir", cumul)
    assert "pourcentages" in refuse("09_taux_entonnoir", 100 * bon)
    assert "manquante" in refuse("09_taux_entonnoir", bon.drop(columns="taux_devis"))
    refuse("09_taux_entonnoir", bon.drop(index=VENDEUR_ETUDIE))


# --- 7. Le vendeur le plus productif ------------------------------------------------------------------------------------


def test_vendeur_productif(totaux, refuse, vide, accepte) -> None:
    par_commande = totaux["prospects_contactes"] / totaux["commandes"]
    bon = str(par_commande.idxmin())
    accepte("09_vendeur_productif", bon)
    accepte("09_vendeur_productif", bon.upper())
    vide("09_vendeur_productif")
    plus_de_commandes = str(totaux["commandes"].idxmax())
    assert plus_de_commandes != bon  # le piège existe bien dans les données
    assert "UNE commande" in refuse("09_vendeur_productif", plus_de_commandes, bon)
    assert "choix possibles" in refuse("09_vendeur_productif", "Nadia")
    refuse("09_vendeur_productif", str(par_commande.idxmax()), bon)


# --- 8. Les étapes à travailler --------------------------------------------------------------------------------------


def test_etapes_a_travailler(totaux, refuse, vide, accepte) -> None:
    taux = _taux(totaux)
    equipe = _taux(totaux.sum().to_frame().T).iloc[0]
    ecart = taux.loc[VENDEUR_ETUDIE] / equipe - 1
    bon = ecart[ecart < -0.10].index.tolist()
    accepte("09_etapes_a_travailler", bon)
    accepte("09_etapes_a_travailler", tuple(reversed(bon)))
    vide("09_etapes_a_travailler")
    en_points = (taux.loc[VENDEUR_ETUDIE] - equipe)
    faux = en_points[en_points < -0.10].index.tolist()
    assert set(faux) != set(bon)
    assert "écart relatif" in refuse("09_etapes_a_travailler", faux)
    assert "en trop" in refuse("09_etapes_a_travailler", [*bon, "taux_visite"])
    assert "inconnu" in refuse("09_etapes_a_travailler", ["rendez-vous"])
    assert "liste" in refuse("09_etapes_a_travailler", "taux_rdv")


# --- 9. Le plan de prospection ---------------------------------------------------------------------------------------


def _contacts(commandes: float, taux: list[float]) -> int:
    produit = taux[0] * taux[1] * taux[2] * taux[3]
    return -int(-commandes // produit)  # arrondi au-dessus


def test_plan_prospection(totaux, refuse, vide, accepte) -> None:
    taux = _taux(totaux)
    equipe = _taux(totaux.sum().to_frame().T).iloc[0]
    lucas = taux.loc[VENDEUR_ETUDIE].tolist()
    bon = {"contacts": _contacts(OBJECTIF_COMMANDES, lucas),
           "contacts_si_rdv_equipe": _contacts(OBJECTIF_COMMANDES, [equipe["taux_rdv"], *lucas[1:]])}
    assert bon["contacts_si_rdv_equipe"] < bon["contacts"]
    accepte("09_plan_prospection", bon)
    # sans l'arrondi au-dessus, à une unité près : accepté
    brut = OBJECTIF_COMMANDES * totaux.loc[VENDEUR_ETUDIE, "prospects_contactes"] / totaux.loc[VENDEUR_ETUDIE, "commandes"]
    accepte("09_plan_prospection", {**bon, "contacts": brut})
    vide("09_plan_prospection")
    avec_equipe = {**bon, "contacts": _contacts(OBJECTIF_COMMANDES, equipe.tolist())}
    assert "toute l'équipe" in refuse("09_plan_prospection", avec_equipe, str(bon["contacts"]))
    # taux de rdv de l'équipe appliqué dans le mauvais sens (divisé au lieu de remplacé)
    faux = {**bon, "contacts_si_rdv_equipe": bon["contacts"] * 2}
    assert "trop grand" in refuse("09_plan_prospection", faux, str(bon["contacts_si_rdv_equipe"]))
    assert "manquante" in refuse("09_plan_prospection", {"contacts": bon["contacts"]})
    assert "dictionnaire" in refuse("09_plan_prospection", bon["contacts"])


# --- 10. La marge espérée d'un devis par secteur ------------------------------------------------------------------------


def test_marge_par_devis_secteur(refuse, vide, accepte) -> None:
    devis = charger("devis")
    marge = devis["marge_commande_ht"].fillna(0)
    bon = marge.groupby(devis["secteur"], observed=True).sum() / devis["secteur"].value_counts()
    accepte("09_marge_par_devis_secteur", bon)
    vide("09_marge_par_devis_secteur")
    par_commande = devis.groupby("secteur", observed=True)["marge_commande_ht"].mean()
    assert "tous les devis" in refuse("09_marge_par_devis_secteur", par_commande)
    ca = devis["montant_commande_ht"].fillna(0).groupby(devis["secteur"], observed=True).sum() / devis["secteur"].value_counts()
    assert "chiffre d'affaires" in refuse("09_marge_par_devis_secteur", ca)
    # sans les devis en attente au dénominateur
    decides = devis[devis["statut"] != "en attente"]
    faux = decides["marge_commande_ht"].fillna(0).groupby(decides["secteur"], observed=True).sum() / decides["secteur"].value_counts()
    refuse("09_marge_par_devis_secteur", faux, f"{bon.iloc[0]:.2f}")
    assert "colonne de valeurs" in refuse("09_marge_par_devis_secteur", float(bon.max()))


def test_soncas_menus_non_choisis(refuse) -> None:
    """Les menus du cahier donnent None tant qu'on n'a pas choisi : « vide », puis les phrases oubliées."""
    assert controler("09_soncas_phrases", dict.fromkeys(PHRASES_SONCAS)).statut == "vide"
    partiel = {**dict.fromkeys(PHRASES_SONCAS), 1: "sécurité"}
    assert "sans réponse" in refuse("09_soncas_phrases", partiel)


# --- Les faits cités par les réponses modèles du corrigé ---------------------------------------------------


def test_faits_du_plan_de_progres(totaux) -> None:
    taux = _taux(totaux)
    equipe = _taux(totaux.sum().to_frame().T).iloc[0]
    par_commande = totaux["prospects_contactes"] / totaux["commandes"]
    # il contacte presque autant que le plus actif, mais il lui faut environ deux fois plus de contacts par commande
    assert totaux.loc[VENDEUR_ETUDIE, "prospects_contactes"] >= 0.95 * totaux["prospects_contactes"].max()
    for collegue in ("Camille Roy", "Hugo Martin"):
        assert 1.8 < par_commande[VENDEUR_ETUDIE] / par_commande[collegue] < 2.2
    # taux de rdv le plus bas de l'équipe ; la transformation est son plus gros écart
    assert taux["taux_rdv"].idxmin() == VENDEUR_ETUDIE
    ecart = taux.loc[VENDEUR_ETUDIE] / equipe - 1
    assert ecart.idxmin() == "taux_transformation"
    # Camille Roy : meilleur taux de rdv ; Hugo Martin : meilleure transformation
    assert taux["taux_rdv"].idxmax() == "Camille Roy"
    assert taux["taux_transformation"].idxmax() == "Hugo Martin"
    # « plus de deux cents appels » épargnés par le taux de rdv, et davantage par la transformation
    lucas = taux.loc[VENDEUR_ETUDIE].tolist()
    base = _contacts(OBJECTIF_COMMANDES, lucas)
    gain_rdv = base - _contacts(OBJECTIF_COMMANDES, [equipe["taux_rdv"], *lucas[1:]])
    gain_transfo = base - _contacts(OBJECTIF_COMMANDES, [*lucas[:3], equipe["taux_transformation"]])
    assert 200 <= gain_rdv < 300 and gain_transfo > gain_rdv


def test_faits_du_ciblage() -> None:
    devis = charger("devis")
    signe = devis["statut"] == "accepté"
    par_devis = devis["marge_commande_ht"].fillna(0).groupby(devis["secteur"], observed=True).sum() / devis[
        "secteur"].value_counts()
    assert set(par_devis.nlargest(2).index) == {"syndic", "collectivité"}
    assert par_devis.idxmin() == "entreprise"
    transformation = signe.groupby(devis["secteur"], observed=True).mean()
    assert transformation.idxmax() == "paysagiste"
    assert devis["secteur"].value_counts().idxmax() == "paysagiste"
    par_client = signe.groupby(devis["secteur"], observed=True).sum() / devis.groupby("secteur", observed=True)[
        "client_pro_id"].nunique()
    assert par_client.idxmax() == "paysagiste"
    # syndics et collectivités signent moins souvent que les paysagistes, mais leurs commandes sont plus grosses
    marge_commande = devis[signe].groupby("secteur", observed=True)["marge_commande_ht"].mean()
    for secteur in ("syndic", "collectivité"):
        assert transformation[secteur] < transformation["paysagiste"]
        assert marge_commande[secteur] > marge_commande["paysagiste"]


# --- Décisions du parcours BTS --------------------------------------------------------------------------


def test_premiere_replique_a_une_objection(accepte, refuse, vide):
    accepte("09_reponse_objection", "c")
    accepte("09_reponse_objection", "C")
    vide("09_reponse_objection")
    assert "marge" in refuse("09_reponse_objection", "a")
    assert "braque" in refuse("09_reponse_objection", "b")
    assert "creuse" in refuse("09_reponse_objection", "d")
    assert "choix possibles" in refuse("09_reponse_objection", "e")


def test_secteur_prioritaire(accepte, refuse, vide):
    devis = charger("devis")
    signe = devis["statut"] == "accepté"
    marge = devis["marge_commande_ht"].fillna(0).groupby(devis["secteur"], observed=True).sum()
    par_devis = marge / devis.groupby("secteur", observed=True).size()
    bon = str(par_devis.idxmax())
    le_plus_signe = str(signe.groupby(devis["secteur"], observed=True).mean().idxmax())
    assert le_plus_signe != bon  # le piège : le secteur qui signe le plus n'est pas celui qui rapporte le plus
    accepte("09_secteur_prioritaire", bon)
    vide("09_secteur_prioritaire")
    message = refuse("09_secteur_prioritaire", le_plus_signe)
    assert "devis signés" in message and "par commande" in message
    assert "choix possibles" in refuse("09_secteur_prioritaire", "particulier")
