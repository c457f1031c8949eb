"""Les fiches de révision : une par thème, au plus une feuille recto verso, rien qui déborde, des nombres justes.

Chaque fiche est construite en PDF (WeasyPrint), puis chaque page est rendue en image (pypdfium2) :
les marges latérales et la bande du bas restent blanches, le texte est à la française. Les nombres
de l'exemple chiffré de chaque fiche sont recalculés ici, avec les fonctions de ``grc`` quand elles
existent, et cherchés dans la fiche.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from grc import fiches
from grc.themes import THEMES

MM = 72 / 25.4  # points PDF par millimètre
DPI = 50


def _espaces(texte: str) -> str:
    return " ".join(texte.replace("\u202f", " ").replace("\xa0", " ").split())


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory):
    """Chaque fiche : (fiche, rendu WeasyPrint, textes des pages, images des pages)."""
    pypdfium2 = pytest.importorskip("pypdfium2")
    pytest.importorskip("weasyprint")
    dossier = tmp_path_factory.mktemp("fiches")
    resultat = {}
    for fiche in fiches.lire_fiches():
        rendu = fiches.rendu_fiche(fiche)
        chemin = dossier / fiche.nom_pdf
        rendu.write_pdf(chemin)
        document = pypdfium2.PdfDocument(chemin)
        pages = [document[i] for i in range(len(document))]
        textes = [p.get_textpage().get_text_range() for p in pages]
        images = [p.render(scale=DPI / 72).to_pil().convert("L") for p in pages]
        resultat[fiche.numero] = (fiche, rendu, textes, images)
    return resultat


def test_une_fiche_par_theme() -> None:
    assert [f.numero for f in fiches.lire_fiches()] == [t.numero for t in THEMES]


def test_au_plus_une_feuille_recto_verso(pdfs) -> None:
    pages = {numero: len(textes) for numero, (_, _, textes, _) in pdfs.items()}
    assert all(1 <= n <= fiches.PAGES_MAX for n in pages.values()), pages


def test_rien_dans_les_marges(pdfs) -> None:
    """Bandes de 10 mm à gauche, à droite et en bas blanches : rien de coupé ni de débordant."""
    bande = round(10 * MM * DPI / 72)
    for numero, (_, _, _, images) in pdfs.items():
        for k, image in enumerate(images, start=1):
            largeur, hauteur = image.size
            for nom, zone in {"gauche": (0, 0, bande, hauteur), "droite": (largeur - bande, 0, largeur, hauteur),
                              "bas": (0, hauteur - bande, largeur, hauteur)}.items():
                assert image.crop(zone).getextrema()[0] >= 250, f"fiche {numero}, page {k} : encre dans la marge {nom}"
            assert image.getextrema()[0] < 100, f"fiche {numero}, page {k} : page blanche"


def _lignes(boite, sortie: list) -> None:
    """Les blocs de texte de la mise en page et leurs lignes (largeur occupée, largeur disponible)."""
    enfants = getattr(boite, "children", None) or []
    lignes = [c for c in enfants if type(c).__name__ == "LineBox"]
    if lignes:
        occupees = [sum(e.margin_width() for e in ligne.children) for ligne in lignes]
        sortie.append((boite.width, occupees))
    for enfant in enfants:
        if type(enfant).__name__ != "LineBox":
            _lignes(enfant, sortie)


def test_pas_de_ligne_coupee_trop_tot(pdfs) -> None:
    """Une ligne qui n'est pas la dernière de son paragraphe remplit au moins la moitié de la largeur."""
    for numero, (_, rendu, _, _) in pdfs.items():
        blocs: list = []
        for page in rendu.pages:
            _lignes(page._page_box, blocs)
        for largeur, occupees in blocs:
            for occupee in occupees[:-1]:
                assert occupee >= 0.5 * largeur, f"fiche {numero} : une ligne coupée après {occupee:.0f} pt sur {largeur:.0f}"


def test_chaque_fiche_a_ses_quatre_rubriques_et_son_titre(pdfs) -> None:
    for numero, (fiche, _, textes, _) in pdfs.items():
        texte = _espaces(" ".join(textes))
        for rubrique in ("Définitions", "Formules", "Pièges", "Exemple"):
            assert rubrique in texte, f"fiche {numero} : rubrique {rubrique} absente"
        assert _espaces(fiche.titre) in texte
        assert f"thème {numero} · page 1 / {len(textes)}" in texte


def test_nombres_a_la_francaise(pdfs) -> None:
    for numero, (_, _, textes, _) in pdfs.items():
        texte = _espaces(" ".join(textes))
        point = re.search(r".{0,20}\d\.\d.{0,10}", texte)
        assert not point, f"fiche {numero} : point décimal dans « {point.group(0) if point else ''} »"
    avec_decimales = [n for n, (_, _, textes, _) in pdfs.items() if re.search(r"\d,\d", " ".join(textes))]
    assert len(avec_decimales) >= 10


# --- Les exemples chiffrés, recalculés ---------------------------------------------------------------

def _exemple(numero: str) -> str:
    fiche = fiches.lire_fiches([numero])[0]
    ex = fiche.exemple
    return _espaces(" ".join([ex.enonce, *ex.etapes, ex.conclusion]).replace("**", ""))


def _fr(x: float, decimales: int = 2) -> str:
    """12.5 → « 12,50 » ; entier → « 12 » ; avec l'espace des milliers."""
    texte = f"{x:,.{decimales}f}".replace(",", " ").replace(".", ",")
    return texte


def _contient(numero: str, *attendus: str) -> None:
    texte = _exemple(numero)
    for attendu in attendus:
        assert attendu in texte, f"fiche {numero} : « {attendu} » attendu dans l'exemple"


def test_exemple_00_panier_et_rayons() -> None:
    lignes = pd.DataFrame({"ticket": ["T1", "T1", "T2", "T3"], "rayon": ["Végétaux", "Jardin", "Animalerie", "Végétaux"],
                           "montant": [24, 16, 30, 50]})
    ca = lignes["montant"].sum()
    panier = ca / lignes["ticket"].nunique()
    par_rayon = lignes.groupby("rayon")["montant"].sum()
    _contient("00", f"= {ca} €", f"= {panier:.0f} €", f"on trouverait {ca / len(lignes):.0f} €",
              f"Végétaux 24 + 50 = {par_rayon['Végétaux']} €", f"{_fr(100 * par_rayon['Végétaux'] / ca, 1)} %")


def test_exemple_01_cout_de_la_base() -> None:
    cout = 24_000 / 4 + 3_000 + 0.4 * 40_000 + 1_800 + 0.40 * 6_000
    _contient("01", f"= {_fr(cout, 0)} €", f"≈ {_fr(cout / 6_000)} €", f"= {_fr(cout / 3_650)} €")


def test_exemple_02_rfm() -> None:
    from grc.rfm import tableau_rfm

    lignes = pd.DataFrame({
        "client_id": ["Nadia"] * 5, "ticket_id": ["T101", "T101", "T215", "T230", "T230"],
        "date": pd.to_datetime(["2024-10-05", "2024-10-05", "2024-11-22", "2024-12-14", "2024-12-14"]),
        "montant_ht": [18.0, 24.0, 12.0, 45.0, 9.0]})
    rfm = tableau_rfm(lignes, date_reference="2025-01-01", ticket="ticket_id").loc["Nadia"]
    _contient("02", f"R = {rfm['recence']:.0f} jours", f"F = {rfm['frequence']:.0f} achats", f"= {rfm['montant']:.0f} € HT",
              f"= {rfm['montant'] / rfm['frequence']:.0f} €", f"on trouverait {_fr(rfm['montant'] / 5)} €",
              f"= {_fr(12 * 36 * 2, 0)} €")


def test_exemple_03_abc_et_gini() -> None:
    from grc.abc import classer_abc, indice_gini

    ca = pd.Series([50, 25, 12, 8, 5], index=list("VWXYZ"), dtype=float)
    assert classer_abc(ca).tolist() == ["A", "A", "A", "B", "C"]
    assert classer_abc(ca, methode="effectif").tolist() == ["A", "B", "B", "C", "C"]
    _contient("03", "A = V, W, X", "A = V", "= 0,572", f"≈ {_fr(indice_gini(ca))}", f"maximum possible : {_fr(1 - 1 / 5, 1)}")


def test_exemple_04_clv() -> None:
    from grc.valeur import clv, duree_de_vie

    infini = clv(80, 0.8, 0.10)
    _contient("04", f"= {duree_de_vie(0.8):.0f} ans", f"≈ {_fr(clv(80, 0.8, 0.10, horizon=1))} €",
              f"≈ {_fr(clv(80, 0.8, 0.10, horizon=2))} €", f"≈ {_fr(infini)} €", f"≈ {_fr(80 * 1.1 / 0.3)} €",
              f"≈ {_fr(clv(80, 0.8, 0.10, cout_acquisition=70))} €", f"ratio ≈ {_fr(infini / 70, 1)}")


def test_exemple_05_programme_a_points() -> None:
    from grc.relationnel import visites_point_mort

    cout = 6 * 35 * 0.02 * 0.8 + 2.5
    marge_visite = 35 * (0.38 - 0.02 * 0.8)
    visites = visites_point_mort(6, 35, 0.38, 0.02, 0.2, 2.5)
    assert visites == pytest.approx(cout / marge_visite)
    _contient("05", f"= {_fr(cout)} €", f"= {_fr(marge_visite)} €", f"≈ {_fr(visites)} visite",
              f"≈ {_fr(100 * visites / 6, 1)} %", f"≈ +{_fr(0.6 * marge_visite - cout)} €")


def test_exemple_06_score_et_association() -> None:
    _contient("06", f"= {240 / 8000:.0%}".replace("%", " %"), f"= {96 / 240:.0%}".replace("%", " %"),
              f"= {96 / 800:.0%}".replace("%", " %"), f"= {0.12 / 0.03:.0f}", f"= {0.90 / 15:.0%}".replace("%", " %"),
              f"= {_fr(100 * 150 / 2000, 1)} %", f"= {_fr(100 * 150 / 400, 1)} %", f"= {_fr((150 / 400) / (500 / 2000), 1)}")


def test_exemple_07_action_et_suivi() -> None:
    from grc.indicateurs import progression, retour_sur_investissement, taux_realisation

    commandes = 1500 * 0.05 * 0.40
    marge = commandes * 55 * 0.35
    import math

    _contient("07", f"= {commandes:.0f}", f"= {_fr(commandes * 55, 0)} €", f"= {_fr(marge)} €", f"= {_fr(marge - 300)} €",
              f"= {_fr(100 * retour_sur_investissement(marge, 300), 1)} %", f"{math.ceil(300 / (55 * 0.35))} commandes",
              f"{_fr(100 * taux_realisation(84_000, 90_000), 1)} %", f"+{100 * progression(84_000, 80_000):.0f} %")


def test_exemple_08_prix_et_campagne() -> None:
    from grc.indicateurs import (
        coefficient_multiplicateur,
        prix_vente_depuis_taux_marque,
        taux_marge,
        taux_marque,
        taux_rendement_net,
        taux_retour,
    )

    pv = prix_vente_depuis_taux_marque(45, 0.25)
    _contient("08", f"= {pv:.0f} €", f"= {100 * taux_marque(pv, 45):.0f} %", f"≈ {_fr(100 * taux_marge(pv, 45), 1)} %",
              f"= {pv * 1.2:.0f} €", f"= {_fr(coefficient_multiplicateur(pv * 1.2, 45), 1)}",
              f"= {_fr(45 * 1.25)} €", f"= {100 * taux_marque(45 * 1.25, 45):.0f} %",
              f"{100 * taux_retour(240, 8000):.0f} %", f"= {100 * taux_rendement_net(72, 240):.0f} %",
              f"= {_fr(100 * 72 / 8000, 1)} %")


def test_exemple_09_entonnoir() -> None:
    from grc.vente import contacts_necessaires

    _contient("09", "= 30 %", "= 75 %", "= 50 %", f"≈ {_fr(100 * 9 / 27, 1)} %", f"= {_fr(100 * 9 / 240)} %",
              f"≈ {_fr(240 / 9, 1)}", f"= {contacts_necessaires(12, 0.3, 0.75, 0.5, 9 / 27)} contacts",
              f"soit {contacts_necessaires(12, 0.3, 0.75, 0.5, 0.4)} contacts")


def test_exemple_10_joignables_et_reconquete() -> None:
    import math

    marge = 500 * 0.04 * 0.5 * 70 * 0.4
    _contient("10", f"= {150 - 30}", f"= {120 - 15 - 8 + 3}", f"= {500 * 1.6:.0f} €", f"= {500 * 0.04 * 0.5:.0f}",
              f"= {marge:.0f} €", f"= −{800 - marge:.0f} €", f"{math.ceil(800 / 28)} commandes", f"= {_fr(10 * 150, 0)} €")


def test_exemple_11_bgnbd_et_gamma_gamma() -> None:
    """Les formules de la fiche, et le modèle de lifetimes avec les paramètres publiés, donnent les mêmes nombres."""
    r, alpha, a, b = 0.243, 4.414, 0.793, 2.426
    x, t_x, t = 2, 12, 17
    vivant = 1 / (1 + a / (b + x - 1) * ((alpha + t) / (alpha + t_x)) ** (r + x))
    p, q, gamma = 6.25, 3.74, 15.44
    w = p * x / (p * x + q - 1)
    panier = (1 - w) * p * gamma / (q - 1) + w * 50
    lifetimes = pytest.importorskip("lifetimes")
    modele = lifetimes.BetaGeoFitter()
    modele.params_ = pd.Series({"r": r, "alpha": alpha, "a": a, "b": b})
    assert float(np.ravel(modele.conditional_probability_alive(x, t_x, t))[0]) == pytest.approx(vivant)
    gg = lifetimes.GammaGammaFitter()
    gg.params_ = pd.Series({"p": p, "q": q, "v": gamma})
    assert float(gg.conditional_expected_average_profit(pd.Series([x]), pd.Series([50.0])).iloc[0]) == pytest.approx(panier)
    _contient("11", "x = 2", "12 semaines", "17 semaines", f"≈ {_fr(vivant)}", f"≈ {_fr(p * gamma / (q - 1))} $",
              f"≈ {_fr(w)}", f"≈ {_fr(panier)} $")


def test_exemple_12_sujet_type() -> None:
    from grc.indicateurs import retour_sur_investissement

    marge = 48 * 50 * 0.30
    _contient("12", "= 4 %", "= 30 %", f"= {_fr(48 * 50, 0)} €", f"= {marge:.0f} €",
              f"= {_fr(retour_sur_investissement(marge, 600), 1)}", f"= {_fr(600 / 48)} €", f"= {600 / 15:.0f} commandes")


# --- La commande et les fiches mal formées ------------------------------------------------------------

def test_commande_grc_fiches(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("weasyprint")
    from grc.cli import main

    assert main(["fiches", "--themes", "rfm,12", "--dossier", str(tmp_path / "sortie")]) == 0
    sortie = capsys.readouterr().out
    assert sorted(p.name for p in (tmp_path / "sortie").iterdir()) == ["02-rfm.pdf", "12-revision.pdf"]
    assert re.search(r"02-rfm\.pdf : [12] pages?", sortie) and "2 fiche(s) écrite(s)" in sortie


@pytest.mark.parametrize("themes, message", [("rfn", "Vouliez-vous dire « rfm »"), (",", "Aucun thème demandé")])
def test_commande_refuse_un_theme_inconnu(tmp_path: Path, capsys, themes: str, message: str) -> None:
    from grc.cli import main

    assert main(["fiches", "--themes", themes, "--dossier", str(tmp_path)]) == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_commande_sans_weasyprint(tmp_path: Path, monkeypatch, capsys) -> None:
    def absent():
        raise fiches.PdfImpossible("WeasyPrint n'est pas installé : pip install \"cours-grc[enseignants]\".")

    monkeypatch.setattr(fiches, "_weasyprint", absent)
    from grc.cli import main

    assert main(["fiches", "--themes", "rfm", "--dossier", str(tmp_path)]) == 1
    assert "cours-grc[enseignants]" in capsys.readouterr().err


@pytest.mark.parametrize("contenu, message", [
    ("- une liste\n", "doit décrire une fiche"),
    ("theme: '02'\ndefinitions: []\n", "« definitions » doit être une liste non vide"),
    ("theme: '02'\nrubrique: 1\n", "rubrique(s) inconnue(s) : rubrique"),
    ("theme: '99'\n", "Thème inconnu"),
])
def test_fiche_mal_formee(tmp_path: Path, contenu: str, message: str) -> None:
    chemin = tmp_path / "02-rfm.yml"
    chemin.write_text(contenu, encoding="utf-8")
    with pytest.raises(fiches.FicheInvalide, match=re.escape(message)):
        fiches.lire_fiche(chemin)
