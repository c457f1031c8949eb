"""Glissements du thème 08 : une ligne = (exercice, sorte, réponse glissée, bonne réponse)."""

from grc.donnees import charger


def _notes():
    return charger("enquetes")["note_satisfaction"]


def _campagnes():
    return charger("campagnes").set_index("campagne_id")


def _roi():
    k = _campagnes()
    return (k["marge_generee"] - k["cout"]) / k["cout"]


def _nps_points():
    e = charger("enquetes")
    return e.groupby("magasin", observed=True)["recommandation"].apply(
        lambda r: 100 * ((r >= 9).mean() - (r <= 6).mean()))


def _transformation():
    d = charger("devis")
    return (d["statut"] == "accepté").groupby(d["vendeur"], observed=True).mean()


def _attrition():
    t = charger("transactions")
    avant = set(t.loc[t["date"].dt.year == 2023, "client_id"])
    apres = set(t.loc[t["date"].dt.year == 2024, "client_id"])
    return len(avant - apres) / len(avant)


# L'arrosoir de l'exercice « 08_prix_coefficient » : coût 12 € HT, taux de marque 40 %, TVA 20 %.
_PV = 12 / (1 - 0.40)
_BON_PRIX = {"prix_vente_ht": _PV, "coefficient": _PV * 1.2 / 12}

GLISSEMENTS = [
    ("08_indice_satisfaction", "pourcentage_pour_fraction", lambda: 100 * _notes().mean() / 5,
     lambda: _notes().mean() / 5),
    ("08_roi_campagnes", "pourcentage_pour_fraction", lambda: 100 * _roi(), _roi),
    ("08_roi_campagnes", "signe_inverse", lambda: -_roi(), _roi),
    ("08_nps_magasins", "fraction_pour_pourcentage", lambda: _nps_points() / 100, _nps_points),
    ("08_transformation_vendeurs", "pourcentage_pour_fraction", lambda: 100 * _transformation(), _transformation),
    ("08_attrition_2024", "pourcentage_pour_fraction", lambda: 100 * _attrition(), _attrition),
    ("08_prix_coefficient", "marge_pour_marque",
     lambda: {"prix_vente_ht": 12 * 1.40, "coefficient": 12 * 1.40 * 1.2 / 12}, lambda: _BON_PRIX),
    ("08_prix_coefficient", "ttc_pour_ht",
     lambda: {"prix_vente_ht": _PV * 1.2, "coefficient": _PV * 1.2 / 12}, lambda: _BON_PRIX),
    ("08_prix_coefficient", "ht_pour_ttc",
     lambda: {"prix_vente_ht": _PV, "coefficient": _PV / 12}, lambda: _BON_PRIX),
]
