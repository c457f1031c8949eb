"""Le suivi de l'exécution d'un plan : CA mois par mois, cumul annuel, N−1, objectifs, statut et mesure corrective."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from grc import indicateurs as ind
from grc.validation import ErreurDonnees, en_dates, en_nombres, signaler_exclusion, verifier_table

#: Mesure corrective proposée à une ligne en retard, selon la dimension du tableau (colonne ``par``).
MESURES_CORRECTIVES = {
    "vendeur": "relancer les devis en attente, reprendre la prospection (rendez-vous hebdomadaires fixés) "
               "et faire le point chaque semaine avec le responsable des ventes",
    "rayon": "relancer le rayon : mise en avant en magasin et sur le site, offre ciblée sur ses acheteurs "
             "habituels, contrôle des ruptures et des prix face à la concurrence",
    "segment": "programmer une action ciblée sur le segment (relance personnalisée, offre adaptée), "
               "chiffrée dans le PAC",
    "secteur": "cibler la prospection sur ce secteur : fichier de prospects, visites, offre dédiée",
    "magasin": "animer le point de vente (événement, conseil), analyser fréquentation et panier moyen, "
               "revoir l'assortiment local",
}
_MESURE_GENERALE = ("analyser les causes de l'écart (clients perdus, prix, concurrence, saison) et programmer "
                    "une action corrective chiffrée dans le PAC")


def _lire_mois(mois: object) -> pd.Period:
    if isinstance(mois, int | float | np.integer) and not isinstance(mois, bool):
        raise ErreurDonnees(f"Mois {mois!r} : indiquez aussi l'année, par exemple '2024-06' pour juin 2024.")
    try:
        return pd.Period(mois, freq="M")
    except (ValueError, TypeError):
        raise ErreurDonnees(f"Mois illisible : {mois!r}. Écrivez-le 'AAAA-MM', par exemple '2024-06'.") from None


def _ventes_propres(ventes: pd.DataFrame, date: str, montant: str, par: str | None) -> pd.DataFrame:
    """Dates, montants (et groupe) lisibles ; les lignes incomplètes sont écartées et signalées."""
    verifier_table(ventes, [date, montant, *([par] if par else [])], "la table des ventes")
    d = pd.DataFrame({"date": en_dates(ventes[date], date), "montant": en_nombres(ventes[montant], montant)})
    d["groupe"] = ventes[par].astype("string") if par else "Total"
    for colonne, source in (("date", date), ("montant", montant), ("groupe", par)):
        manquantes = d[colonne].isna()
        signaler_exclusion(int(manquantes.sum()), f"valeur manquante dans '{source}'")
        d = d[~manquantes]
    if d.empty:
        raise ErreurDonnees(f"Aucune vente lisible dans la table : les colonnes '{date}' et '{montant}' sont vides.")
    return d


def _objectifs_propres(objectifs: pd.DataFrame, annee: int, objectif: str, par: str | None) -> pd.DataFrame:
    verifier_table(objectifs, ["annee", "mois", objectif, *([par] if par else [])], "la table des objectifs")
    o = pd.DataFrame({"annee": en_nombres(objectifs["annee"], "annee"), "mois": en_nombres(objectifs["mois"], "mois"),
                      "objectif": ind.en_valeur(objectifs[objectif], objectif, positif=True)})
    o["groupe"] = objectifs[par].astype("string") if par else "Total"
    o = o[o["annee"] == annee]
    if o.empty:
        raise ErreurDonnees(f"Aucun objectif pour l'année {annee} dans la table des objectifs.")
    return o


def suivi_mensuel(ventes: pd.DataFrame, annee: int, *, date: str = "date", montant: str = "montant_ht",
                  objectifs: pd.DataFrame | None = None, objectif: str = "objectif_ca_ht") -> pd.DataFrame:
    """Le CA de chaque mois d'une année, son cumul depuis janvier, l'année précédente et les objectifs.

    Colonnes (une ligne par mois, de 1 à 12) : ``ca`` et ``ca_n1`` (même mois de N−1), ``cumul``
    et ``cumul_n1`` (de janvier au mois inclus) ; avec des objectifs : ``objectif``,
    ``cumul_objectif`` et ``realisation_cumul`` = cumul / cumul de l'objectif. Pour suivre un seul
    vendeur, filtrez les ventes **et** les objectifs avant l'appel.

    Examples
    --------
    >>> v = pd.DataFrame({"date": ["2023-01-10", "2024-01-05", "2024-02-20"], "montant_ht": [80.0, 100.0, 50.0]})
    >>> s = suivi_mensuel(v, 2024)
    >>> s.loc[[1, 2], ["ca", "ca_n1", "cumul", "cumul_n1"]].values.tolist()
    [[100.0, 80.0, 100.0, 80.0], [50.0, 0.0, 150.0, 80.0]]
    """
    annee = int(annee)
    d = _ventes_propres(ventes, date, montant, None)
    mois = pd.RangeIndex(1, 13, name="mois")

    def par_mois(a: int) -> pd.Series:
        x = d[d["date"].dt.year == a]
        return x.groupby(x["date"].dt.month)["montant"].sum().reindex(mois, fill_value=0.0)

    t = pd.DataFrame({"ca": par_mois(annee), "ca_n1": par_mois(annee - 1)})
    t["cumul"] = t["ca"].cumsum()
    t["cumul_n1"] = t["ca_n1"].cumsum()
    if objectifs is not None:
        o = _objectifs_propres(objectifs, annee, objectif, None)
        t["objectif"] = o.groupby("mois")["objectif"].sum().reindex(mois, fill_value=0.0).to_numpy()
        t["cumul_objectif"] = t["objectif"].cumsum()
        t["realisation_cumul"] = ind.taux_realisation(t["cumul"], t["cumul_objectif"])
    return t


def _ordre_groupes(ventes: pd.DataFrame, par: str | None, presents: Iterable[str]) -> list[str]:
    presents = set(presents)
    if par and isinstance(ventes[par].dtype, pd.CategoricalDtype):
        ordre = [str(c) for c in ventes[par].cat.categories if str(c) in presents]
        return ordre + sorted(presents - set(ordre))
    return sorted(presents)


def _statuts(rapport: pd.Series, seuil: float) -> np.ndarray:
    return np.select([rapport.isna(), rapport >= 1, rapport >= seuil],
                     ["sans référence", "conforme", "à surveiller"], "en retard")


def _mesures(t: pd.DataFrame, par: str | None, mesures: Mapping[str, str] | None) -> list[str]:
    """Une mesure corrective pour chaque ligne en retard ; rien pour les autres."""
    generale = MESURES_CORRECTIVES.get((par or "").lower(), _MESURE_GENERALE)
    textes = []
    for groupe, ligne in t.iterrows():
        if ligne["statut"] == "à surveiller":
            textes.append("écart limité : surveiller le mois prochain")
        elif ligne["statut"] != "en retard":
            textes.append("")
        elif ligne["rapport_mois"] >= 1:
            textes.append("retard en cours de rattrapage (le mois est au niveau de sa référence) : "
                          "maintenir l'effort et vérifier le mois prochain")
        else:
            propre = (mesures or {}).get(str(groupe))
            textes.append(propre or (generale if groupe != "Total" else _MESURE_GENERALE))
    return textes


def tableau_suivi(ventes: pd.DataFrame, mois, *, par: str | None = None, date: str = "date",
                  montant: str = "montant_ht", objectifs: pd.DataFrame | None = None,
                  objectif: str = "objectif_ca_ht", seuil_alerte: float = 0.9, total: bool = True,
                  mesures: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Le tableau de bord de suivi du PAC à la fin d'un mois : une ligne par vendeur, rayon ou segment.

    Pour le mois M de l'année N et chaque groupe (valeur de ``par``) :

    - ``ca_mois`` et ``ca_mois_n1`` (le même mois de N−1), ``progression_mois`` ;
    - ``cumul`` (CA de janvier à M inclus, le « cumul annuel ») et ``cumul_n1`` (même période de
      N−1), ``progression_cumul`` = (cumul − cumul N−1) / cumul N−1 ;
    - avec ``objectifs`` : ``objectif_mois``, ``realisation_mois`` = CA du mois / objectif du mois,
      ``objectif_cumul``, ``realisation_cumul`` = cumul / objectif cumulé, ``ecart_objectif_cumul``
      = cumul − objectif cumulé (négatif : retard en euros) ;
    - ``reference`` : ce à quoi la ligne est comparée, l'objectif s'il existe, sinon N−1 ;
    - ``statut`` : cumul / référence cumulée ≥ 1 → « conforme » ; ≥ ``seuil_alerte`` → « à
      surveiller » ; en dessous → « en retard » ; sans référence → « sans référence » ;
    - ``mesure_corrective`` : pour une ligne en retard, une mesure selon la dimension
      (:data:`MESURES_CORRECTIVES`, ou ``mesures`` : groupe → texte) ; si le mois lui-même a
      atteint sa référence, le retard est « en cours de rattrapage ».

    Parameters
    ----------
    ventes : DataFrame
        Une ligne par vente (ligne de ticket, commande) avec une date et un montant ; les lignes
        sans date ou sans montant sont écartées avec un avertissement (par exemple les devis non
        acceptés, sans date de commande).
    mois : str ou Period
        Le mois de l'arrêté, ``"2024-06"``.
    par : str, optional
        Colonne de regroupement (``"vendeur"``, ``"rayon"``, ``"segment"``) ; ``None`` : une ligne.
    objectifs : DataFrame, optional
        Colonnes ``annee``, ``mois``, ``objectif`` (et ``par``), comme ``objectifs_vendeurs``.
    seuil_alerte : float
        En dessous de cette part de la référence, la ligne est « en retard » (0,9 = 90 %).
    total : bool
        Ajoute une ligne « Total ».

    Examples
    --------
    >>> v = pd.DataFrame({"vendeur": ["Ana", "Ana", "Bob", "Bob"],
    ...                   "date": ["2024-01-15", "2024-02-10", "2024-01-20", "2024-02-25"],
    ...                   "montant_ht": [1000.0, 800.0, 500.0, 300.0]})
    >>> o = pd.DataFrame({"vendeur": ["Ana", "Ana", "Bob", "Bob"], "annee": 2024, "mois": [1, 2, 1, 2],
    ...                   "objectif_ca_ht": [900.0, 900.0, 600.0, 600.0]})
    >>> t = tableau_suivi(v, "2024-02", par="vendeur", objectifs=o)
    >>> t[["cumul", "objectif_cumul", "realisation_cumul", "statut"]]  # doctest: +NORMALIZE_WHITESPACE
             cumul  objectif_cumul  realisation_cumul     statut
    vendeur
    Ana     1800.0          1800.0           1.000000   conforme
    Bob      800.0          1200.0           0.666667  en retard
    Total   2600.0          3000.0           0.866667  en retard
    """
    periode = _lire_mois(mois)
    annee, m = periode.year, periode.month
    if not 0 < seuil_alerte <= 1:
        raise ErreurDonnees(f"seuil_alerte doit être une fraction entre 0 et 1 (0.9 pour 90 %), pas {seuil_alerte!r}.")
    d = _ventes_propres(ventes, date, montant, par)
    a, mo = d["date"].dt.year, d["date"].dt.month

    def somme(masque: pd.Series) -> pd.Series:
        return d[masque].groupby("groupe")["montant"].sum()

    colonnes = {"ca_mois": somme((a == annee) & (mo == m)), "ca_mois_n1": somme((a == annee - 1) & (mo == m)),
                "cumul": somme((a == annee) & (mo <= m)), "cumul_n1": somme((a == annee - 1) & (mo <= m))}
    presents = set(d.loc[a.isin([annee, annee - 1]), "groupe"])
    if objectifs is not None:
        o = _objectifs_propres(objectifs, annee, objectif, par)
        colonnes["objectif_mois"] = o[o["mois"] == m].groupby("groupe")["objectif"].sum()
        colonnes["objectif_cumul"] = o[o["mois"] <= m].groupby("groupe")["objectif"].sum()
        presents |= set(o["groupe"])
    if not presents:
        raise ErreurDonnees(f"Aucune vente en {annee} ni en {annee - 1} dans la table : vérifiez le mois demandé.")
    groupes = _ordre_groupes(ventes, par, presents)
    t = pd.DataFrame({k: v.reindex(groupes) for k, v in colonnes.items()})
    for k in ("ca_mois", "ca_mois_n1", "cumul", "cumul_n1"):
        t[k] = t[k].fillna(0.0)
    if total and par:
        t.loc["Total"] = t.sum(min_count=1)
    return _completer_suivi(t, par, objectifs is not None, seuil_alerte, mesures)


def _completer_suivi(t: pd.DataFrame, par: str | None, avec_objectifs: bool, seuil: float,
                     mesures: Mapping[str, str] | None) -> pd.DataFrame:
    """Ajoute progressions, réalisations, référence, statut et mesure corrective."""
    t["progression_mois"] = ind.progression(t["ca_mois"], t["ca_mois_n1"].where(t["ca_mois_n1"] > 0))
    t["progression_cumul"] = ind.progression(t["cumul"], t["cumul_n1"].where(t["cumul_n1"] > 0))
    reference_cumul = t["cumul_n1"].where(t["cumul_n1"] > 0)
    reference_mois = t["ca_mois_n1"].where(t["ca_mois_n1"] > 0)
    t["reference"] = np.where(reference_cumul.notna(), "N−1", "aucune")
    if avec_objectifs:
        t["realisation_mois"] = ind.taux_realisation(t["ca_mois"], t["objectif_mois"])
        t["realisation_cumul"] = ind.taux_realisation(t["cumul"], t["objectif_cumul"])
        t["ecart_objectif_cumul"] = t["cumul"] - t["objectif_cumul"]
        a_objectif = t["objectif_cumul"] > 0
        reference_cumul = t["objectif_cumul"].where(a_objectif, reference_cumul)
        reference_mois = t["objectif_mois"].where(a_objectif, reference_mois)
        t["reference"] = np.where(a_objectif, "objectif", t["reference"])
    rapport = t["cumul"] / reference_cumul
    t["statut"] = _statuts(rapport, seuil)
    t["rapport_mois"] = t["ca_mois"] / reference_mois
    t["mesure_corrective"] = _mesures(t, par, mesures)
    ordre = ["ca_mois", "ca_mois_n1", "progression_mois", "cumul", "cumul_n1", "progression_cumul"]
    if avec_objectifs:
        ordre += ["objectif_mois", "realisation_mois", "objectif_cumul", "realisation_cumul", "ecart_objectif_cumul"]
    t = t[ordre + ["reference", "statut", "mesure_corrective"]]
    t.index.name = par
    return t
