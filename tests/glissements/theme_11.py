"""Glissements du thème 11 (CDNOW, approfondissement) : (exercice, sorte, réponse glissée, bonne réponse)."""

from grc.exercices._themes import theme_11 as t11


def _ecart(base="reel"):
    from grc import predictif as pr

    cal = t11.calibration()
    reel = float(cal["achats_controle"].sum())
    prevu = float(pr.achats_attendus(t11.bgnbd_calibration(), cal, horizon=t11.DUREE_CONTROLE).sum())
    return (prevu - reel) / (reel if base == "reel" else prevu)


def _part_top20():
    return t11.part_des_meilleurs(t11.tableau_rfm_cdnow()["montant"])


def _part_clv_top20():
    return t11.part_des_meilleurs(t11.clv_52_semaines())


GLISSEMENTS = [
    ("11_part_ca_top20", "pourcentage_pour_fraction", lambda: 100 * _part_top20(), _part_top20),
    ("11_part_clv_top20", "pourcentage_pour_fraction", lambda: 100 * _part_clv_top20(), _part_clv_top20),
    ("11_ecart_controle", "signe_inverse", lambda: -_ecart(), _ecart),
    ("11_ecart_controle", "base_inversee", lambda: _ecart("prevu"), _ecart),
]
