"""Évaluer : tableaux de bord (campagnes, vendeurs, satisfaction, marges) et comparaison A/B honnête.

Les formules viennent de :mod:`grc.indicateurs` ; ce module les applique à
des tables entières (une ligne par campagne, par devis, par réponse
d'enquête) et ajoute ce qu'il faut pour juger si un écart entre deux
campagnes est réel ou dû au hasard :

- :func:`tableau_campagnes`, :func:`tableau_vendeurs`, :func:`satisfaction`,
  :func:`tableau_marges` : les indicateurs de l'étape « Évaluer » ;
- :func:`intervalle_proportion`, :func:`comparer_proportions`,
  :func:`comparer_variantes` : intervalle de confiance et test de deux
  proportions (équivalent au khi-deux d'un tableau 2 × 2) ;
- :func:`taille_echantillon_ab`, :func:`ecart_detectable` : combien de
  contacts faut-il pour voir un écart donné ?

Voir la leçon « 08 · Évaluer ».
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from grc import indicateurs as ind
from grc.validation import ErreurDonnees, en_nombres, signaler_exclusion, verifier_table

__all__ = [
    "ComparaisonAB",
    "comparer_proportions",
    "comparer_variantes",
    "ecart_detectable",
    "intervalle_proportion",
    "satisfaction",
    "tableau_campagnes",
    "tableau_marges",
    "tableau_vendeurs",
    "taille_echantillon_ab",
]


# --- Tableaux de bord -----------------------------------------------------------------------


def _comptes(table: pd.DataFrame, colonne: str) -> pd.Series:
    """Colonne de comptes (envois, réponses...) en nombres, valeurs manquantes comprises."""
    return en_nombres(table[colonne], colonne)


def tableau_campagnes(campagnes: pd.DataFrame, campagne: str = "campagne_id") -> pd.DataFrame:
    """Le tableau de bord des campagnes : taux de l'entonnoir, rentabilité et ROI de chacune.

    Colonnes produites (les taux sont des fractions) :

    - ``taux_ouverture`` = ouvertures / envois, ``taux_clic`` = clics / envois,
      ``taux_clic_ouvreurs`` = clics / ouvertures (si les colonnes existent ;
      vides pour un SMS ou un courrier) ;
    - ``taux_retour`` = réponses / envois ;
    - ``taux_rendement_net`` = commandes / **réponses** ;
    - ``taux_commande`` = commandes / envois = taux de retour × rendement net ;
    - ``marge_nette`` = marge générée − coût ; ``roi`` = marge nette / coût ;
    - ``cout_par_commande`` = coût / commandes.

    Parameters
    ----------
    campagnes : DataFrame
        Une ligne par campagne, avec au moins ``envois``, ``reponses``,
        ``commandes``, ``marge_generee`` et ``cout`` ; ``ouvertures``,
        ``clics``, ``ca_genere`` et ``canal`` sont repris s'ils existent.
    campagne : str
        Colonne identifiant de la campagne (devient l'index).

    Returns
    -------
    DataFrame
        Une ligne par campagne, dans l'ordre de la table.

    Examples
    --------
    >>> k = pd.DataFrame({"campagne_id": ["K1"], "envois": [5000], "reponses": [150],
    ...                   "commandes": [60], "marge_generee": [3000.0], "cout": [1200.0]})
    >>> tableau_campagnes(k).loc["K1", ["taux_retour", "taux_rendement_net", "taux_commande", "roi"]].tolist()
    [0.03, 0.4, 0.012, 1.5]
    """
    verifier_table(campagnes, [campagne, "envois", "reponses", "commandes", "marge_generee", "cout"],
                   "la table des campagnes")
    k = campagnes.set_index(campagne)
    envois, reponses, commandes = _comptes(k, "envois"), _comptes(k, "reponses"), _comptes(k, "commandes")
    tableau = k[[c for c in ("canal", "envois") if c in k.columns]].copy()
    if "ouvertures" in k.columns:
        ouvertures = _comptes(k, "ouvertures")
        tableau["taux_ouverture"] = ind.taux_ouverture(ouvertures, envois)
    if "clics" in k.columns:
        clics = _comptes(k, "clics")
        tableau["taux_clic"] = ind.taux_clic(clics, envois)
        if "ouvertures" in k.columns:
            tableau["taux_clic_ouvreurs"] = ind.taux_clic_ouvreurs(clics, ouvertures)
    tableau["reponses"] = reponses
    tableau["commandes"] = commandes
    tableau["taux_retour"] = ind.taux_retour(reponses, envois)
    tableau["taux_rendement_net"] = ind.taux_rendement_net(commandes, reponses)
    tableau["taux_commande"] = ind.diviser(commandes, envois, "le nombre d'envois", "le taux de commande")
    if "ca_genere" in k.columns:
        tableau["ca_genere"] = _comptes(k, "ca_genere")
    marge, cout = _comptes(k, "marge_generee"), _comptes(k, "cout")
    tableau["marge_generee"] = marge
    tableau["cout"] = cout
    tableau["marge_nette"] = marge - cout
    tableau["roi"] = ind.retour_sur_investissement(marge, cout)
    tableau["cout_par_commande"] = ind.diviser(cout, commandes, "le nombre de commandes", "le coût par commande")
    return tableau


def tableau_vendeurs(devis: pd.DataFrame, vendeur: str = "vendeur", statut: str = "statut",
                     accepte: str = "accepté", en_attente: str = "en attente",
                     montant: str = "montant_commande_ht", marge: str = "marge_commande_ht",
                     exclure_en_attente: bool = False) -> pd.DataFrame:
    """Le tableau de bord des vendeurs : devis, commandes, taux de transformation, CA et marge.

    ``taux_transformation`` = commandes / devis, où une commande est un devis
    de statut ``accepte``.

    Parameters
    ----------
    devis : DataFrame
        Une ligne par devis.
    vendeur, statut, montant, marge : str
        Noms des colonnes.
    accepte, en_attente : str
        Les valeurs de ``statut`` d'un devis signé et d'un devis sans réponse.
    exclure_en_attente : bool
        ``False`` (défaut, la définition du cours) : tous les devis émis sont
        au dénominateur. ``True`` : seuls les devis **décidés** (acceptés ou
        refusés) comptent ; le taux n'est alors plus tiré vers le bas par les
        devis récents encore sans réponse.

    Returns
    -------
    DataFrame
        Une ligne par vendeur : ``devis``, ``en_attente``, ``commandes``,
        ``taux_transformation``, ``ca_commandes``, ``marge_commandes``,
        ``commande_moyenne`` (CA / commandes) et ``taux_marque`` (marge / CA).

    Examples
    --------
    >>> d = pd.DataFrame({"vendeur": ["Ana", "Ana", "Ana", "Ana", "Bob"],
    ...                   "statut": ["accepté", "refusé", "en attente", "refusé", "accepté"],
    ...                   "montant_commande_ht": [1000.0, 0, 0, 0, 500.0],
    ...                   "marge_commande_ht": [300.0, 0, 0, 0, 100.0]})
    >>> tableau_vendeurs(d)["taux_transformation"].tolist()
    [0.25, 1.0]
    >>> round(float(tableau_vendeurs(d, exclure_en_attente=True).loc["Ana", "taux_transformation"]), 4)
    0.3333
    """
    verifier_table(devis, [vendeur, statut, montant, marge], "la table des devis")
    statuts = devis[statut].astype("string")
    signe = statuts == accepte
    if not signe.any():
        raise ErreurDonnees(f"Aucun devis de statut « {accepte} » dans la colonne '{statut}' : vérifiez "
                            f"la valeur d'un devis signé (valeurs trouvées : {sorted(statuts.dropna().unique())}).")
    attente = statuts == en_attente
    d = pd.DataFrame({
        "vendeur": devis[vendeur].astype("string"),
        "devis": 1, "en_attente": attente.astype(int), "commandes": signe.astype(int),
        "ca_commandes": en_nombres(devis[montant], montant).fillna(0).where(signe, 0.0),
        "marge_commandes": en_nombres(devis[marge], marge).fillna(0).where(signe, 0.0),
    })
    tableau = d.groupby("vendeur", sort=True).sum()
    denominateur = tableau["devis"] - tableau["en_attente"] if exclure_en_attente else tableau["devis"]
    tableau["taux_transformation"] = ind.taux_transformation(tableau["commandes"], denominateur)
    tableau["commande_moyenne"] = ind.diviser(tableau["ca_commandes"], tableau["commandes"],
                                              "le nombre de commandes", "la commande moyenne")
    tableau["taux_marque"] = ind.diviser(tableau["marge_commandes"], tableau["ca_commandes"],
                                         "le CA des commandes", "le taux de marque")
    return tableau[["devis", "en_attente", "commandes", "taux_transformation", "ca_commandes",
                    "marge_commandes", "commande_moyenne", "taux_marque"]]


def _notes_valides(table: pd.DataFrame, colonne: str, note_max: float) -> pd.Series:
    """Notes en nombres, les manquantes signalées (et laissées vides), hors échelle refusées."""
    notes = en_nombres(table[colonne], colonne)
    signaler_exclusion(int(notes.isna().sum()), f"réponse manquante dans '{colonne}'")
    hors = notes.notna() & ((notes < 0) | (notes > note_max))
    if hors.any():
        raise ErreurDonnees(f"La colonne '{colonne}' doit contenir des notes de 0 à {note_max:g} : "
                            f"{int(hors.sum())} note(s) hors de l'échelle, par exemple {notes[hors].iloc[0]:g}.")
    return notes


def satisfaction(enquetes: pd.DataFrame, par: str | None = None, note: str = "note_satisfaction",
                 recommandation: str = "recommandation", note_max: float = 5, seuil: float = 4,
                 niveau: float = 0.95) -> pd.DataFrame:
    """Indice de satisfaction, part de satisfaits et NPS, en tout ou par groupe (canal, magasin...).

    - ``indice_satisfaction`` = note moyenne / note maximale ;
    - ``part_satisfaits`` = part des notes ≥ ``seuil`` ;
    - ``promoteurs`` (9-10), ``passifs`` (7-8), ``detracteurs`` (0-6) : parts
      des répondants à la question de recommandation ;
    - ``nps`` = promoteurs − détracteurs (fraction : 0,2 = « +20 ») ;
    - ``nps_marge_erreur`` : demi-largeur de l'intervalle de confiance du NPS
      au ``niveau`` choisi, ``z × √((p + d − (p − d)²) / n)`` ; un écart de NPS
      entre deux groupes plus petit que leurs marges n'est pas une différence
      établie.

    Parameters
    ----------
    enquetes : DataFrame
        Une ligne par réponse. Une note manquante est écartée de l'indicateur
        qui l'utilise (avec un avertissement), pas de toute la ligne.
    par : str, optional
        Colonne de regroupement ; ``None`` : une seule ligne, « Ensemble ».
    note, recommandation : str
        Colonnes de la note de satisfaction (0 à ``note_max``) et de la note
        de recommandation (0 à 10, entière).

    Returns
    -------
    DataFrame
        Une ligne par groupe, avec ``reponses_satisfaction`` et
        ``reponses_recommandation`` (effectifs).

    Examples
    --------
    >>> e = pd.DataFrame({"note_satisfaction": [5, 4, 4, 3, 5, 2, 5, 4, 4, 4],
    ...                   "recommandation": [10, 9, 9, 8, 7, 6, 3, 10, 9, 5]})
    >>> satisfaction(e).loc["Ensemble", ["indice_satisfaction", "part_satisfaits", "nps"]].round(4).tolist()
    [0.8, 0.8, 0.2]
    """
    colonnes = [note, recommandation] + ([par] if par else [])
    verifier_table(enquetes, colonnes, "la table des enquêtes")
    notes = _notes_valides(enquetes, note, note_max)
    reco = _notes_valides(enquetes, recommandation, 10)
    if (reco.dropna() != reco.dropna().round()).any():
        raise ErreurDonnees(f"La colonne '{recommandation}' doit contenir des notes entières de 0 à 10 (question NPS).")
    groupe = enquetes[par].astype("string").fillna("(non renseigné)") if par else pd.Series("Ensemble", enquetes.index)
    d = pd.DataFrame({"groupe": groupe.to_numpy(), "note": notes.to_numpy(), "reco": reco.to_numpy()})
    d["satisfait"] = (d["note"] >= seuil).where(d["note"].notna())
    d["promoteur"] = (d["reco"] >= 9).where(d["reco"].notna())
    d["detracteur"] = (d["reco"] <= 6).where(d["reco"].notna())
    d["passif"] = d["reco"].between(7, 8).where(d["reco"].notna())
    g = d.astype({c: "float64" for c in ("satisfait", "promoteur", "detracteur", "passif")}).groupby("groupe", sort=True)
    t = pd.DataFrame({
        "reponses_satisfaction": g["note"].count(),
        "indice_satisfaction": g["note"].mean() / note_max,
        "part_satisfaits": g["satisfait"].mean(),
        "reponses_recommandation": g["reco"].count(),
        "promoteurs": g["promoteur"].mean(), "passifs": g["passif"].mean(), "detracteurs": g["detracteur"].mean(),
    })
    t["nps"] = t["promoteurs"] - t["detracteurs"]
    z = stats.norm.ppf(0.5 + _niveau(niveau) / 2)
    variance = t["promoteurs"] + t["detracteurs"] - t["nps"] ** 2
    t["nps_marge_erreur"] = z * np.sqrt(variance / t["reponses_recommandation"].where(t["reponses_recommandation"] > 0))
    t.index.name = par or None
    return t


def tableau_marges(table: pd.DataFrame, par: str, montant: str = "montant_ht", marge: str = "marge_ht") -> pd.DataFrame:
    """CA, marge, coût d'achat, taux de marque, taux de marge et coefficient (HT) par groupe.

    Avec CA = Σ montants HT et coût = CA − marge :
    ``taux_marque = marge / CA`` (sur le prix de vente),
    ``taux_marge = marge / coût`` (sur le coût d'achat) et
    ``coefficient_ht = CA / coût`` (= 1 + taux de marge ; le coefficient
    multiplicateur du cours, lui, va du coût HT au prix **TTC**).

    Examples
    --------
    >>> t = pd.DataFrame({"rayon": ["A", "A", "B"], "montant_ht": [60.0, 40.0, 90.0],
    ...                   "marge_ht": [15.0, 10.0, 30.0]})
    >>> tableau_marges(t, "rayon")[["taux_marque", "taux_marge", "coefficient_ht"]].round(4)  # doctest: +NORMALIZE_WHITESPACE
           taux_marque  taux_marge  coefficient_ht
    rayon
    A           0.2500      0.3333          1.3333
    B           0.3333      0.5000          1.5000
    """
    verifier_table(table, [par, montant, marge], "la table")
    d = pd.DataFrame({par: table[par], "ca_ht": en_nombres(table[montant], montant),
                      "marge_ht": en_nombres(table[marge], marge)})
    t = d.groupby(par, sort=True, observed=True)[["ca_ht", "marge_ht"]].sum()
    t["cout_ht"] = t["ca_ht"] - t["marge_ht"]
    t["taux_marque"] = ind.taux_marque(t["ca_ht"], t["cout_ht"])
    t["taux_marge"] = ind.taux_marge(t["ca_ht"], t["cout_ht"])
    t["coefficient_ht"] = ind.diviser(t["ca_ht"], t["cout_ht"], "le coût d'achat HT", "le coefficient")
    return t


# --- Comparaison A/B ------------------------------------------------------------------------


def _niveau(niveau: float) -> float:
    if not isinstance(niveau, int | float) or not 0 < niveau < 1:
        raise ErreurDonnees(f"Le niveau de confiance doit être une fraction entre 0 et 1 (0.95 pour 95 %), pas {niveau!r}.")
    return float(niveau)


def _compte(valeur: object, nom: str) -> int:
    nombre = ind.en_valeur(valeur, nom, positif=True)
    if isinstance(nombre, pd.Series) or nombre != round(nombre):
        raise ErreurDonnees(f"{nom[:1].upper()}{nom[1:]} doit être un nombre entier de contacts, pas {valeur!r}.")
    return int(nombre)


def _succes_effectif(succes: object, effectif: object, lettre: str = "") -> tuple[int, int]:
    s = _compte(succes, f"le nombre de succès{lettre}")
    n = _compte(effectif, f"l'effectif{lettre}")
    if n == 0:
        raise ErreurDonnees(f"L'effectif{lettre} est nul : pas de taux sans contacts.")
    if s > n:
        raise ErreurDonnees(f"Plus de succès que de contacts{lettre} ({s} pour {n}) : vérifiez les colonnes.")
    return s, n


def intervalle_proportion(succes: int, effectif: int, niveau: float = 0.95) -> pd.Series:
    """Un taux observé et son intervalle de confiance (méthode de Wilson).

    Formule (Wilson) : avec ``p = succès / effectif`` et ``z`` le quantile
    de la loi normale, centre ``(p + z²/2n) / (1 + z²/n)`` et demi-largeur
    ``z √(p(1 − p)/n + z²/4n²) / (1 + z²/n)``. Plus fiable que ``p ± z√(p(1−p)/n)``
    pour les petits taux (quelques pour cent), fréquents en marketing direct.

    Examples
    --------
    >>> intervalle_proportion(30, 1000).round(4).tolist()
    [0.03, 0.0211, 0.0425]
    """
    s, n = _succes_effectif(succes, effectif)
    z = stats.norm.ppf(0.5 + _niveau(niveau) / 2)
    p = s / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    demi = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    bas = 0.0 if s == 0 else max(0.0, centre - demi)  # évite un « 1e-18 » d'arrondi
    haut = 1.0 if s == n else min(1.0, centre + demi)
    return pd.Series({"taux": p, "bas": bas, "haut": haut})


@dataclass(frozen=True)
class ComparaisonAB:
    """Résultat d'un test de deux proportions (variante A contre variante B).

    ``ecart`` = taux B − taux A ; ``ecart_bas`` / ``ecart_haut`` : son
    intervalle de confiance ; ``khi2`` = z² (le khi-deux du tableau 2 × 2,
    sans correction de continuité) ; ``p_valeur`` bilatérale.
    """

    succes_a: int
    effectif_a: int
    succes_b: int
    effectif_b: int
    taux_a: float
    taux_b: float
    ecart: float
    ecart_bas: float
    ecart_haut: float
    z: float
    khi2: float
    p_valeur: float
    niveau: float

    @property
    def significatif(self) -> bool:
        """Vrai si la p-valeur est sous le seuil ``1 − niveau`` (0,05 pour 95 %)."""
        return self.p_valeur < 1 - self.niveau

    @property
    def ecart_relatif(self) -> float:
        """Écart rapporté au taux A (« B fait 20 % de mieux que A »)."""
        return self.ecart / self.taux_a if self.taux_a else math.nan

    def conclusion(self, nom_a: str = "A", nom_b: str = "B", indicateur: str = "le taux") -> str:
        """Ce que l'on peut dire, et ce que l'on ne peut pas dire, en français."""
        seuil = f"{100 * (1 - self.niveau):g} %"
        ecart = f"{100 * self.ecart:+.2f} point(s)".replace(".", ",")
        ic = f"[{100 * self.ecart_bas:+.2f} ; {100 * self.ecart_haut:+.2f}] point(s)".replace(".", ",")
        p = f"{self.p_valeur:.3g}".replace(".", ",")
        base = (f"Pour {indicateur}, {nom_b} − {nom_a} = {ecart}, intervalle de confiance à "
                f"{100 * self.niveau:g} % : {ic} ; p-valeur = {p}.")
        if self.significatif:
            meilleur = nom_b if self.ecart > 0 else nom_a
            return (f"{base} L'écart est significatif au seuil de {seuil} : {meilleur} fait mieux, et pas seulement "
                    "par hasard (si les contacts ont été tirés au sort). Le test ne dit ni pourquoi, ni si l'écart "
                    "vaut son coût, ni qu'il se répétera sur une autre cible.")
        return (f"{base} L'écart n'est pas significatif au seuil de {seuil} : le hasard du tirage suffit à "
                "l'expliquer. Cela ne prouve pas que les deux variantes se valent : l'intervalle contient des "
                "écarts dans les deux sens ; il faudrait plus de contacts pour trancher.")

    def __str__(self) -> str:
        return self.conclusion()


def comparer_proportions(succes_a: int, effectif_a: int, succes_b: int, effectif_b: int,
                         niveau: float = 0.95) -> ComparaisonAB:
    """Test de deux proportions (z, bilatéral) : l'écart entre A et B est-il plus grand que le hasard ?

    Formules : ``p̂ = (sA + sB) / (nA + nB)`` (taux commun si A et B se
    valent), ``z = (pB − pA) / √(p̂(1 − p̂)(1/nA + 1/nB))``, p-valeur
    ``2 × P(Z > |z|)`` ; le khi-deux du tableau 2 × 2 (sans correction de
    Yates) vaut ``z²`` et donne la même p-valeur. Intervalle de l'écart :
    ``(pB − pA) ± z₁₋α/₂ √(pA(1 − pA)/nA + pB(1 − pB)/nB)``.

    Notes
    -----
    Conditions : les contacts ont été répartis **au hasard** entre A et B, au
    même moment ; l'indicateur comparé a été choisi **avant** de regarder les
    résultats (tester dix indicateurs donne presque sûrement un « significatif »
    par hasard) ; au moins une dizaine de succès et d'échecs dans chaque
    groupe pour que l'approximation normale tienne.

    Examples
    --------
    >>> r = comparer_proportions(120, 4000, 160, 4000)
    >>> round(r.ecart, 4), round(r.p_valeur, 3), r.significatif
    (0.01, 0.015, True)
    >>> round(r.khi2, 3) == round(r.z ** 2, 3)
    True
    """
    sa, na = _succes_effectif(succes_a, effectif_a, " de A")
    sb, nb = _succes_effectif(succes_b, effectif_b, " de B")
    niveau = _niveau(niveau)
    pa, pb = sa / na, sb / nb
    commun = (sa + sb) / (na + nb)
    erreur_commune = math.sqrt(commun * (1 - commun) * (1 / na + 1 / nb))
    z = (pb - pa) / erreur_commune if erreur_commune > 0 else 0.0
    p_valeur = float(2 * stats.norm.sf(abs(z)))
    quantile = stats.norm.ppf(0.5 + niveau / 2)
    demi = quantile * math.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)
    return ComparaisonAB(sa, na, sb, nb, pa, pb, pb - pa, pb - pa - demi, pb - pa + demi,
                         float(z), float(z**2), p_valeur, niveau)


def comparer_variantes(campagnes: pd.DataFrame, a: str, b: str, succes: str = "reponses",
                       effectif: str = "envois", campagne: str = "campagne_id",
                       niveau: float = 0.95) -> ComparaisonAB:
    """Compare deux campagnes d'un test A/B sur un taux (réponses / envois par défaut).

    Exemple : ``succes="commandes", effectif="reponses"`` compare les taux de
    rendement net, ``succes="ouvertures"`` les taux d'ouverture.

    Examples
    --------
    >>> k = pd.DataFrame({"campagne_id": ["KA", "KB"], "envois": [4000, 4000], "reponses": [120, 160]})
    >>> comparer_variantes(k, "KA", "KB").significatif
    True
    """
    verifier_table(campagnes, [campagne, succes, effectif], "la table des campagnes")
    k = campagnes.set_index(campagne)
    absentes = [c for c in (a, b) if c not in k.index]
    if absentes:
        raise ErreurDonnees(f"Campagne(s) introuvable(s) dans la colonne '{campagne}' : {', '.join(absentes)}.")
    ligne_a, ligne_b = k.loc[a], k.loc[b]
    if pd.isna(ligne_a[succes]) or pd.isna(ligne_b[succes]):
        raise ErreurDonnees(f"La colonne '{succes}' est vide pour l'une des deux campagnes (un SMS n'a pas "
                            "d'ouvertures, un courrier pas de clics) : choisissez un autre indicateur.")
    return comparer_proportions(ligne_a[succes], ligne_a[effectif], ligne_b[succes], ligne_b[effectif], niveau)


def _quantiles(niveau: float, puissance: float) -> tuple[float, float]:
    if not isinstance(puissance, int | float) or not 0 < puissance < 1:
        raise ErreurDonnees(f"La puissance doit être une fraction entre 0 et 1 (0.8 pour 80 %), pas {puissance!r}.")
    return stats.norm.ppf(0.5 + _niveau(niveau) / 2), stats.norm.ppf(puissance)


def _taux_valide(taux: float, nom: str) -> float:
    t = ind.en_valeur(taux, nom)
    if isinstance(t, pd.Series) or not 0 < t < 1:
        raise ErreurDonnees(f"{nom[:1].upper()}{nom[1:]} doit être une fraction strictement entre 0 et 1 "
                            f"(0.03 pour 3 %), pas {taux!r}.")
    return float(t)


def taille_echantillon_ab(taux_reference: float, ecart: float, niveau: float = 0.95,
                          puissance: float = 0.8) -> int:
    """Nombre de contacts **par variante** pour détecter un écart de taux donné.

    Formule : avec ``p₁`` le taux de référence, ``p₂ = p₁ + écart`` et
    ``p̄ = (p₁ + p₂) / 2`` :
    ``n = (z₁₋α/₂ √(2 p̄(1 − p̄)) + z_puissance √(p₁(1 − p₁) + p₂(1 − p₂)))² / écart²``,
    arrondi au-dessus.

    La puissance est la probabilité de voir l'écart s'il existe vraiment :
    avec 80 %, un vrai écart passe inaperçu une fois sur cinq.

    Examples
    --------
    >>> taille_echantillon_ab(0.03, 0.01)
    5301
    """
    p1 = _taux_valide(taux_reference, "le taux de référence")
    p2 = _taux_valide(p1 + ind.en_valeur(ecart, "l'écart"), "le taux de référence plus l'écart")
    if p1 == p2:
        raise ErreurDonnees("L'écart à détecter est nul : aucun échantillon ne peut montrer un écart de zéro.")
    za, zb = _quantiles(niveau, puissance)
    moyen = (p1 + p2) / 2
    n = (za * math.sqrt(2 * moyen * (1 - moyen)) + zb * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p2 - p1) ** 2
    return math.ceil(round(n, 6))


def ecart_detectable(effectif: int, taux_reference: float, niveau: float = 0.95, puissance: float = 0.8) -> float:
    """Le plus petit écart de taux (en fraction) qu'un test A/B de ``effectif`` contacts par variante détecte.

    Formule approchée (variances prises au taux de référence) :
    ``écart ≈ (z₁₋α/₂ + z_puissance) √(2 p(1 − p) / n)``.

    Examples
    --------
    >>> round(ecart_detectable(2000, 0.05), 4)
    0.0193
    """
    n = _compte(effectif, "l'effectif par variante")
    if n == 0:
        raise ErreurDonnees("L'effectif par variante est nul.")
    p = _taux_valide(taux_reference, "le taux de référence")
    za, zb = _quantiles(niveau, puissance)
    return float((za + zb) * math.sqrt(2 * p * (1 - p) / n))
