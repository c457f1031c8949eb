"""Valeur client prédictive : combien d'achats, encore client ?, quel panier, quelle CLV.

Deux modèles « acheter jusqu'à disparaître » (*buy till you die*), ajustés par le paquet
``lifetimes`` (voir la leçon 11) :

- **BG/NBD** (Fader, Hardie et Lee, 2005) : tant qu'il est « vivant », chaque client achète au
  hasard à son propre rythme ; après chaque achat, il peut disparaître pour de bon avec sa propre
  probabilité. Les rythmes et les probabilités varient d'un client à l'autre selon deux lois
  (gamma de paramètres r, α ; bêta de paramètres a, b) estimées sur toute la base. Il répond à :
  combien d'achats ce client fera-t-il, et est-il encore client ?
- **Gamma-Gamma** (Fader, Hardie et Lee, 2005 ; note de Fader et Hardie, 2013) : chaque client a
  son panier moyen « vrai », que ses achats observés estiment d'autant mieux qu'ils sont nombreux
  (paramètres p, q, γ). Il répond à : quel montant par achat attendre de ce client ?

La chaîne du cours : ``resume = resume_modele(transactions)`` (une ligne par client, en
semaines), ``bgnbd = ajuster_bgnbd(resume)``, ``gg = ajuster_gamma_gamma(resume)``, puis
``clv_attendue(bgnbd, gg, resume, horizon=52)``. Pour juger un modèle, on l'ajuste sur une période
de calibration et on compare ses prévisions à la période de contrôle qui suit
(:func:`decouper_calibration_controle`, :func:`suivi_achats_repetes`).

Unité de temps : la **semaine de 7 jours** comptée depuis le premier achat du client (celle des
articles). Plusieurs achats d'un même jour comptent pour un seul achat.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd
from scipy.special import betaln, gammaln

from grc.cdnow import importer_lifetimes
from grc.validation import (
    ErreurDonnees,
    en_nombres,
    lignes_jusqu_a,
    lignes_valides,
    lire_date,
    signaler_exclusion,
    verifier_table,
)

__all__ = [
    "achats_attendus",
    "ajuster_bgnbd",
    "ajuster_gamma_gamma",
    "clv_attendue",
    "decouper_calibration_controle",
    "log_vraisemblance",
    "panier_attendu",
    "PERIODES",
    "parametres",
    "probabilite_vivant",
    "resume_modele",
    "suivi_achats_repetes",
]

_NOMS_PARAMETRES = {"r": "r", "alpha": "alpha", "a": "a", "b": "b", "p": "p", "q": "q", "v": "gamma"}


# --------------------------------------------------------------------------------------------
# Le résumé par client, et le découpage calibration / contrôle
# --------------------------------------------------------------------------------------------


#: Les unités de temps du résumé : la longueur d'une période, en jours.
PERIODES = {"D": 1, "W": 7}


def _jours_par_periode(periode: object) -> int:
    if periode not in PERIODES:
        raise ErreurDonnees(f"periode doit valoir 'W' (semaines de 7 jours) ou 'D' (jours), pas {periode!r}.")
    return PERIODES[periode]


def _jour(dates: pd.Series) -> np.ndarray:
    """Le numéro du jour (depuis le 1er janvier 1970) de chaque date."""
    return dates.to_numpy().astype("datetime64[D]").astype(np.int64)


def resume_modele(
    transactions: pd.DataFrame,
    *,
    date_reference: object = None,
    client: str = "client_id",
    date: str = "date",
    montant: str | None = "montant_ht",
    periode: str = "W",
) -> pd.DataFrame:
    """Résumé par client pour les modèles BG/NBD et Gamma-Gamma, en semaines de 7 jours.

    Les achats d'un même jour sont regroupés (un seul achat, de montant la somme). Pour chaque
    client, t₀ étant le jour de son premier achat :

    - ``frequence`` (x) = nombre de jours d'achat − 1 : les achats **répétés** ;
    - ``recence`` (tₓ) = (jour du dernier achat − t₀) / 7 : son âge à son dernier achat, en
      semaines (0 s'il n'a acheté qu'une fois) — ce n'est pas la récence du RFM ;
    - ``anciennete`` (T) = (date_reference − t₀) / 7 : son âge à la fin de l'observation ;
    - ``montant_moyen`` = moyenne des montants des jours d'achat répétés (premier achat exclu),
      0 sans achat répété.

    C'est la convention des articles de Fader et Hardie sur CDNOW, et exactement
    ``lifetimes.utils.summary_data_from_transaction_data`` avec ``freq="D", freq_multiplier=7``
    (``periode="D"`` : ``freq="D"``), avec des noms français. Une clé entière client × jour
    remplace un ``groupby`` sur du texte : un million de lignes se résume en moins d'une seconde.

    Parameters
    ----------
    transactions : DataFrame
        Une ligne par achat (ou par ligne de ticket).
    date_reference : date ou texte, optionnel
        Dernier jour observé ; par défaut la dernière date des données. Les achats postérieurs
        sont écartés et signalés.
    client, date : str
        Noms des colonnes.
    montant : str ou None
        Colonne des montants (les retours négatifs sont additionnés) ; ``None`` : pas de
        ``montant_moyen``.
    periode : {"W", "D"}
        Unité de temps des durées : la semaine de 7 jours (par défaut) ou le jour.

    Returns
    -------
    DataFrame
        Index : l'identifiant client (trié) ; colonnes réelles ``frequence``, ``recence``,
        ``anciennete`` [, ``montant_moyen``].

    Examples
    --------
    >>> achats = pd.DataFrame({"client_id": ["A", "A", "A", "B"],
    ...                        "date": ["1997-01-01", "1997-01-01", "1997-01-15", "1997-01-08"],
    ...                        "montant_ht": [10.0, 5.0, 30.0, 20.0]})
    >>> resume_modele(achats, date_reference="1997-01-29")  # doctest: +NORMALIZE_WHITESPACE
               frequence  recence  anciennete  montant_moyen
    client_id
    A                1.0      2.0         4.0           30.0
    B                0.0      0.0         3.0            0.0
    """
    duree = _jours_par_periode(periode)
    colonnes = {"client": client, "date": date}
    if montant is not None:
        colonnes["montant"] = montant
    lignes = lignes_valides(transactions, colonnes)
    fin = lignes["date"].max() if date_reference is None else lire_date(date_reference, "date_reference")
    lignes = lignes_jusqu_a(lignes, fin, "la date de référence")
    codes, clients = pd.factorize(lignes["client"], sort=True)
    jours = _jour(lignes["date"])
    premier_jour = int(jours.min())
    etendue = int(jours.max()) - premier_jour + 1
    cles = codes.astype(np.int64) * etendue + (jours - premier_jour)  # une clé entière client × jour
    ordre = np.argsort(cles)
    triees = cles[ordre]
    debuts = np.flatnonzero(np.r_[True, triees[1:] != triees[:-1]])  # première ligne de chaque jour d'achat
    cles = triees[debuts]
    client_de = cles // etendue
    jour_de = cles % etendue + premier_jour
    premiere = np.flatnonzero(np.r_[True, client_de[1:] != client_de[:-1]])  # 1er jour d'achat de chaque client
    nombre = np.diff(np.r_[premiere, len(client_de)])
    derniere = premiere + nombre - 1
    resume = pd.DataFrame(
        {
            "frequence": (nombre - 1).astype("float64"),
            "recence": (jour_de[derniere] - jour_de[premiere]) / duree,
            "anciennete": (_jour(pd.Series([fin]))[0] - jour_de[premiere]) / duree,
        },
        index=pd.Index(clients.take(client_de[premiere]), name=client),
    )
    if montant is not None:
        valeurs = np.add.reduceat(lignes["montant"].to_numpy("float64")[ordre], debuts)
        valeurs[premiere] = 0.0  # le premier jour d'achat n'entre pas dans le panier des achats répétés
        sommes = np.add.reduceat(valeurs, premiere)
        resume["montant_moyen"] = np.where(nombre > 1, sommes / np.maximum(nombre - 1, 1), 0.0)
    return resume.astype("float64")


def decouper_calibration_controle(
    transactions: pd.DataFrame,
    fin_calibration: object,
    *,
    fin_controle: object = None,
    client: str = "client_id",
    date: str = "date",
    montant: str = "montant_ht",
    periode: str = "W",
) -> pd.DataFrame:
    """Découpe l'historique en une période de calibration et une période de contrôle qui la suit.

    On ajuste les modèles sur la **calibration** (achats jusqu'à ``fin_calibration`` inclus), puis
    on compare leurs prévisions à ce qui s'est réellement passé pendant le **contrôle** (achats
    après ``fin_calibration``, jusqu'à ``fin_controle`` inclus). Une ligne par client acheteur
    pendant la calibration :

    - ``frequence``, ``recence``, ``anciennete``, ``montant_moyen`` : le résumé de
      :func:`resume_modele` arrêté à ``fin_calibration`` ;
    - ``achats_controle`` : nombre de jours d'achat pendant le contrôle (tous sont des achats
      répétés, puisque le client a déjà acheté) ;
    - ``montant_controle`` : somme de ses montants pendant le contrôle ;
    - ``duree_controle`` : (fin_controle − fin_calibration) / 7, en semaines.

    Les achats des clients **recrutés pendant le contrôle** (inconnus à la fin de la calibration)
    et ceux datés après ``fin_controle`` sont écartés, et signalés.

    Parameters
    ----------
    transactions : DataFrame
        Une ligne par achat.
    fin_calibration : date ou texte
        Dernier jour de la calibration.
    fin_controle : date ou texte, optionnel
        Dernier jour du contrôle ; par défaut la dernière date des données.
    client, date, montant : str
        Noms des colonnes.
    periode : {"W", "D"}
        Unité de temps des durées : la semaine de 7 jours (par défaut) ou le jour.

    Returns
    -------
    DataFrame
        Index : les clients de la calibration (triés).

    Examples
    --------
    >>> achats = pd.DataFrame({"client_id": ["A", "A", "A", "B", "C"],
    ...                        "date": ["1997-01-01", "1997-01-15", "1997-02-12", "1997-01-08", "1997-02-05"],
    ...                        "montant_ht": [10.0, 30.0, 25.0, 20.0, 8.0]})
    >>> decouper_calibration_controle(achats, "1997-01-28", fin_controle="1997-02-25")[["frequence", "achats_controle", "montant_controle", "duree_controle"]]  # doctest: +NORMALIZE_WHITESPACE
               frequence  achats_controle  montant_controle  duree_controle
    client_id
    A                1.0              1.0              25.0             4.0
    B                0.0              0.0               0.0             4.0
    """
    jours = _jours_par_periode(periode)
    lignes = lignes_valides(transactions, {"client": client, "date": date, "montant": montant})
    fin_cal = lire_date(fin_calibration, "fin_calibration")
    fin_ctl = lignes["date"].max() if fin_controle is None else lire_date(fin_controle, "fin_controle")
    if fin_ctl <= fin_cal:
        raise ErreurDonnees(
            f"La fin du contrôle ({fin_ctl:%Y-%m-%d}) doit suivre la fin de la calibration ({fin_cal:%Y-%m-%d})."
        )
    apres = lignes["date"] > fin_ctl
    signaler_exclusion(int(apres.sum()), f"achat postérieur à la fin du contrôle ({fin_ctl:%Y-%m-%d})")
    lignes = lignes[~apres]
    calibration = lignes[lignes["date"] <= fin_cal]
    if calibration.empty:
        raise ErreurDonnees(f"Aucun achat avant la fin de la calibration ({fin_cal:%Y-%m-%d}) : choisissez une date plus tardive.")
    resume = resume_modele(calibration, date_reference=fin_cal, client="client", date="date", montant="montant",
                           periode=periode)
    controle = lignes[lignes["date"] > fin_cal]
    connus = controle["client"].isin(resume.index)
    signaler_exclusion(int((~connus).sum()), "achat pendant le contrôle d'un client recruté après la calibration")
    controle = controle[connus]
    par_client = controle.groupby("client", observed=True)
    resume["achats_controle"] = par_client["date"].nunique().reindex(resume.index, fill_value=0).astype("float64")
    resume["montant_controle"] = par_client["montant"].sum().reindex(resume.index, fill_value=0.0).astype("float64")
    resume["duree_controle"] = (fin_ctl - fin_cal).days / jours
    resume.index.name = client
    resume.attrs = {"fin_calibration": fin_cal, "fin_controle": fin_ctl, "periode": periode}
    return resume


# --------------------------------------------------------------------------------------------
# Ajustement des modèles
# --------------------------------------------------------------------------------------------


def _colonnes_resume(resume: object, colonnes: list[str]) -> pd.DataFrame:
    table = verifier_table(resume, colonnes, "le résumé par client")
    valeurs = pd.DataFrame({c: en_nombres(table[c], c) for c in colonnes}, index=table.index)
    if valeurs.isna().any().any():
        colonne = valeurs.columns[valeurs.isna().any()][0]
        raise ErreurDonnees(f"La colonne '{colonne}' du résumé contient des valeurs manquantes : recalculez-le avec resume_modele.")
    if "frequence" in valeurs:
        x = valeurs["frequence"]
        if (x < 0).any() or (x != np.round(x)).any():
            raise ErreurDonnees("La colonne 'frequence' doit contenir des nombres entiers d'achats répétés (0, 1, 2...).")
    if "anciennete" in valeurs:
        if (valeurs["recence"] < 0).any() or (valeurs["recence"] > valeurs["anciennete"] + 1e-9).any():
            raise ErreurDonnees(
                "Chaque recence (âge au dernier achat) doit être comprise entre 0 et l'ancienneté (âge à la fin) : "
                "vérifiez que ce résumé vient de resume_modele, pas du tableau RFM (dont la récence est autre chose)."
            )
        if ((valeurs["frequence"] == 0) & (valeurs["recence"] != 0)).any():
            raise ErreurDonnees("Un client sans achat répété (frequence 0) doit avoir une recence de 0.")
    return valeurs


def _penalisation(penalisation: object) -> float:
    if not isinstance(penalisation, numbers.Real) or isinstance(penalisation, bool) or penalisation < 0:
        raise ErreurDonnees(f"penalisation doit être un nombre positif ou nul (0 par défaut), pas {penalisation!r}.")
    return float(penalisation)


def ajuster_bgnbd(resume: pd.DataFrame, *, penalisation: float = 0.0):
    """Ajuste le modèle BG/NBD sur un résumé par client (maximum de vraisemblance, via lifetimes).

    Le modèle, en mots : tant qu'il est actif, un client achète au hasard, en moyenne λ fois par
    semaine ; après chaque achat, il disparaît définitivement avec la probabilité p. λ varie d'un
    client à l'autre selon une loi gamma (paramètres r et α : rythme moyen r / α), p selon une loi
    bêta (paramètres a et b : probabilité moyenne a / (a + b)). L'ajustement cherche les quatre
    paramètres qui rendent les (x, tₓ, T) observés les plus probables.

    Parameters
    ----------
    resume : DataFrame
        Colonnes ``frequence``, ``recence``, ``anciennete`` (sortie de :func:`resume_modele`).
    penalisation : float
        Pénalité L2 sur les paramètres (0 : l'estimation des articles ; un peu, 0,001 par exemple,
        stabilise l'ajustement sur de très petites bases).

    Returns
    -------
    lifetimes.BetaGeoFitter
        Le modèle ajusté ; lisez ses paramètres avec :func:`parametres`.

    Examples
    --------
    >>> from grc.cdnow import charger_cdnow
    >>> achats = charger_cdnow(echantillon=True)
    >>> resume = resume_modele(achats[achats["date"] <= "1997-09-30"], date_reference="1997-09-30", montant="montant")
    >>> parametres(ajuster_bgnbd(resume)).round(3).to_dict()
    {'r': 0.243, 'alpha': 4.414, 'a': 0.793, 'b': 2.426}
    """
    valeurs = _colonnes_resume(resume, ["frequence", "recence", "anciennete"])
    lifetimes = importer_lifetimes()
    modele = lifetimes.BetaGeoFitter(penalizer_coef=_penalisation(penalisation))
    try:
        modele.fit(valeurs["frequence"], valeurs["recence"], valeurs["anciennete"], index=valeurs.index)
    except Exception as erreur:  # ConvergenceError de lifetimes, ou erreur numérique de scipy
        raise ErreurDonnees(
            f"L'ajustement du BG/NBD n'a pas convergé ({erreur}). Il faut assez de clients, dont une part "
            "avec des achats répétés ; essayez penalisation=0.001."
        ) from None
    return modele


def ajuster_gamma_gamma(resume: pd.DataFrame, *, penalisation: float = 0.0):
    """Ajuste le modèle Gamma-Gamma du panier moyen, sur les clients qui ont des achats répétés.

    Le modèle, en mots : chaque client a un panier moyen « vrai » ; ses achats varient autour de
    lui. Ces paniers vrais varient d'un client à l'autre (paramètres q et γ), la dispersion des
    achats autour du panier vrai est réglée par p. Seuls les clients avec au moins un achat
    répété et un montant moyen positif servent à l'ajustement (le premier achat est exclu du
    montant moyen, comme dans les articles) ; ceux dont les achats répétés valent 0 sont écartés
    et signalés. Le modèle suppose que le montant ne dépend pas de la fréquence : vérifiez que
    leur corrélation est faible.

    Parameters
    ----------
    resume : DataFrame
        Colonnes ``frequence`` et ``montant_moyen`` (sortie de :func:`resume_modele`).
    penalisation : float
        Pénalité L2 sur les paramètres (0 : l'estimation de la note de Fader et Hardie).

    Returns
    -------
    lifetimes.GammaGammaFitter
        Le modèle ajusté ; ses paramètres p, q, γ avec :func:`parametres`.

    Examples
    --------
    >>> from grc.cdnow import charger_cdnow
    >>> achats = charger_cdnow(echantillon=True)
    >>> resume = resume_modele(achats[achats["date"] <= "1997-09-30"], date_reference="1997-09-30", montant="montant")
    >>> parametres(ajuster_gamma_gamma(resume)).round(2).to_dict()
    {'p': 6.25, 'q': 3.74, 'gamma': 15.44}
    """
    valeurs = _colonnes_resume(resume, ["frequence", "montant_moyen"])
    repetes = valeurs[valeurs["frequence"] > 0]
    nuls = repetes["montant_moyen"] <= 0
    signaler_exclusion(int(nuls.sum()), "client dont les achats répétés ont un montant nul ou négatif (Gamma-Gamma)")
    repetes = repetes[~nuls]
    if len(repetes) < 10:
        raise ErreurDonnees(
            f"Seuls {len(repetes)} clients ont des achats répétés de montant positif : trop peu pour ajuster le "
            "Gamma-Gamma (il en faut au moins 10, et bien plus pour une estimation fiable)."
        )
    lifetimes = importer_lifetimes()
    modele = lifetimes.GammaGammaFitter(penalizer_coef=_penalisation(penalisation))
    try:
        modele.fit(repetes["frequence"], repetes["montant_moyen"], index=repetes.index)
    except Exception as erreur:
        raise ErreurDonnees(f"L'ajustement du Gamma-Gamma n'a pas convergé ({erreur}) ; essayez penalisation=0.001.") from None
    return modele


def _genre(modele: object) -> str:
    nom = type(modele).__name__
    if nom == "BetaGeoFitter":
        genre = "bgnbd"
    elif nom == "GammaGammaFitter":
        genre = "gamma_gamma"
    else:
        raise ErreurDonnees(
            f"Modèle attendu : le résultat d'ajuster_bgnbd ou d'ajuster_gamma_gamma, pas un objet {nom}."
        )
    if not hasattr(modele, "params_"):
        raise ErreurDonnees("Ce modèle n'est pas encore ajusté : utilisez ajuster_bgnbd ou ajuster_gamma_gamma.")
    return genre


def parametres(modele) -> pd.Series:
    """Les paramètres estimés d'un modèle : r, alpha, a, b (BG/NBD) ou p, q, gamma (Gamma-Gamma).

    Lecture rapide (BG/NBD) : r / α est le nombre moyen d'achats par semaine d'un client actif ;
    a / (a + b) la probabilité moyenne de disparaître après un achat. (Gamma-Gamma) : p γ / (q − 1)
    est le panier moyen attendu d'un client dont on ne sait rien.

    Examples
    --------
    >>> from grc.cdnow import charger_cdnow
    >>> achats = charger_cdnow(echantillon=True)
    >>> resume = resume_modele(achats[achats["date"] <= "1997-09-30"], date_reference="1997-09-30", montant="montant")
    >>> p = parametres(ajuster_bgnbd(resume))
    >>> round(float(p["r"] / p["alpha"]), 3), round(float(p["a"] / (p["a"] + p["b"])), 3)
    (0.055, 0.246)
    """
    _genre(modele)
    serie = pd.Series(modele.params_, dtype="float64").rename(index=_NOMS_PARAMETRES)
    serie.name = "estimation"
    return serie


def log_vraisemblance(modele, resume: pd.DataFrame) -> float:
    """Log-vraisemblance d'un modèle ajusté sur un résumé, telle que les articles la publient.

    BG/NBD (Fader, Hardie et Lee, 2005, équation 6), pour un client (x, tₓ, T) :
    L = B(a, b + x) / B(a, b) · Γ(r + x) αʳ / (Γ(r) (α + T)^(r+x))
    + [x > 0] · B(a + 1, b + x − 1) / B(a, b) · Γ(r + x) αʳ / (Γ(r) (α + tₓ)^(r+x)).

    Gamma-Gamma (Fader et Hardie, 2013), pour un client à x achats répétés de moyenne z̄ :
    ln L = ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln γ + (px − 1) ln z̄ + px ln x − (px + q) ln(γ + x z̄).

    On somme sur les clients (pour le Gamma-Gamma : ceux qui ont x > 0 et z̄ > 0). lifetimes, lui,
    minimise une moyenne calculée sur des durées remises à l'échelle : ce n'est pas le même nombre.

    Examples
    --------
    >>> from grc.cdnow import charger_cdnow
    >>> achats = charger_cdnow(echantillon=True)
    >>> resume = resume_modele(achats[achats["date"] <= "1997-09-30"], date_reference="1997-09-30", montant="montant")
    >>> round(log_vraisemblance(ajuster_bgnbd(resume), resume), 1)
    -9582.4
    """
    genre = _genre(modele)
    p = parametres(modele)
    if genre == "bgnbd":
        v = _colonnes_resume(resume, ["frequence", "recence", "anciennete"])
        x, tx, t = v["frequence"].to_numpy(), v["recence"].to_numpy(), v["anciennete"].to_numpy()
        r, alpha, a, b = p["r"], p["alpha"], p["a"], p["b"]
        commun = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
        vivant = betaln(a, b + x) - betaln(a, b) - (r + x) * np.log(alpha + t)
        parti = np.full_like(x, -np.inf)
        avec = x > 0
        parti[avec] = (betaln(a + 1, b + x[avec] - 1) - betaln(a, b)
                       - (r + x[avec]) * np.log(alpha + tx[avec]))
        return float(np.sum(commun + np.logaddexp(vivant, parti)))
    v = _colonnes_resume(resume, ["frequence", "montant_moyen"])
    v = v[(v["frequence"] > 0) & (v["montant_moyen"] > 0)]
    x, z = v["frequence"].to_numpy(), v["montant_moyen"].to_numpy()
    pp, q, g = p["p"], p["q"], p["gamma"]
    termes = (gammaln(pp * x + q) - gammaln(pp * x) - gammaln(q) + q * np.log(g) + (pp * x - 1) * np.log(z)
              + pp * x * np.log(x) - (pp * x + q) * np.log(g + x * z))
    return float(np.sum(termes))


# --------------------------------------------------------------------------------------------
# Prévisions par client
# --------------------------------------------------------------------------------------------


def _modele_bgnbd(modele) -> None:
    if _genre(modele) != "bgnbd":
        raise ErreurDonnees("Il faut ici le modèle des achats (ajuster_bgnbd), pas celui du panier.")


def probabilite_vivant(modele, resume: pd.DataFrame) -> pd.Series:
    """Probabilité que chaque client soit encore « vivant » (toujours client) à la fin de l'observation.

    BG/NBD : P(vivant | x, tₓ, T) = 1 / (1 + [x > 0] · a / (b + x − 1) · ((α + T) / (α + tₓ))^(r+x)).
    Un client qui n'a jamais racheté est vivant avec la probabilité 1 (dans ce modèle, on ne
    disparaît qu'après un achat) ; un client qui achetait souvent puis s'est tu longtemps a une
    probabilité faible : son silence est anormal pour lui.

    Examples
    --------
    >>> from grc.cdnow import charger_cdnow
    >>> achats = charger_cdnow(echantillon=True)
    >>> resume = resume_modele(achats[achats["date"] <= "1997-09-30"], date_reference="1997-09-30", montant="montant")
    >>> modele = ajuster_bgnbd(resume)
    >>> clients = pd.DataFrame({"frequence": [0.0, 5.0, 5.0], "recence": [0.0, 38.0, 10.0],
    ...                         "anciennete": [38.0, 38.0, 38.0]}, index=["jamais", "fidèle", "silencieux"])
    >>> probabilite_vivant(modele, clients).round(2).to_dict()
    {'jamais': 1.0, 'fidèle': 0.89, 'silencieux': 0.03}
    """
    _modele_bgnbd(modele)
    v = _colonnes_resume(resume, ["frequence", "recence", "anciennete"])
    proba = modele.conditional_probability_alive(v["frequence"], v["recence"], v["anciennete"])
    return pd.Series(np.asarray(proba, dtype="float64"), index=v.index, name="probabilite_vivant")


def _horizon(horizon: object) -> float:
    if not isinstance(horizon, numbers.Real) or isinstance(horizon, bool) or not horizon > 0:
        raise ErreurDonnees(f"horizon doit être une durée positive, en semaines (52 pour un an), pas {horizon!r}.")
    return float(horizon)


def achats_attendus(modele, resume: pd.DataFrame, *, horizon: float = 52) -> pd.Series:
    """Nombre d'achats attendus de chaque client dans les ``horizon`` prochaines semaines (BG/NBD).

    C'est l'espérance conditionnelle E[X(T, T + horizon) | x, tₓ, T] du modèle : elle combine le
    rythme d'achat du client (estimé par ses x achats en T semaines, tiré vers la moyenne de la
    base quand il a peu d'historique) et sa probabilité d'être encore client.

    Examples
    --------
    >>> from grc.cdnow import charger_cdnow
    >>> achats = charger_cdnow(echantillon=True)
    >>> resume = resume_modele(achats[achats["date"] <= "1997-09-30"], date_reference="1997-09-30", montant="montant")
    >>> modele = ajuster_bgnbd(resume)
    >>> round(float(achats_attendus(modele, resume, horizon=39).sum()))
    1653
    """
    _modele_bgnbd(modele)
    v = _colonnes_resume(resume, ["frequence", "recence", "anciennete"])
    attendus = modele.conditional_expected_number_of_purchases_up_to_time(
        _horizon(horizon), v["frequence"], v["recence"], v["anciennete"]
    )
    return pd.Series(np.asarray(attendus, dtype="float64"), index=v.index, name="achats_attendus")


def panier_attendu(modele, resume: pd.DataFrame) -> pd.Series:
    """Panier moyen attendu de chaque client pour ses prochains achats (Gamma-Gamma).

    E[panier | x, z̄] = (q − 1) / (p x + q − 1) · p γ / (q − 1) + p x / (p x + q − 1) · z̄ : une
    moyenne pondérée entre le panier moyen de la base, p γ / (q − 1), et le panier moyen observé
    du client z̄, d'autant plus proche de z̄ que le client a d'achats répétés x. Un client sans
    achat répété reçoit le panier moyen de la base.

    Examples
    --------
    >>> from grc.cdnow import charger_cdnow
    >>> achats = charger_cdnow(echantillon=True)
    >>> resume = resume_modele(achats[achats["date"] <= "1997-09-30"], date_reference="1997-09-30", montant="montant")
    >>> modele = ajuster_gamma_gamma(resume)
    >>> clients = pd.DataFrame({"frequence": [0.0, 1.0, 10.0], "montant_moyen": [0.0, 100.0, 100.0]})
    >>> panier_attendu(modele, clients).round(2).tolist()
    [35.17, 80.22, 97.27]
    """
    if _genre(modele) != "gamma_gamma":
        raise ErreurDonnees("Il faut ici le modèle du panier (ajuster_gamma_gamma), pas celui des achats.")
    v = _colonnes_resume(resume, ["frequence", "montant_moyen"])
    panier = modele.conditional_expected_average_profit(v["frequence"], v["montant_moyen"])
    return pd.Series(np.asarray(panier, dtype="float64"), index=v.index, name="panier_attendu")


def _taux(valeur: object, nom: str, maximum: float | None = None) -> float:
    if not isinstance(valeur, numbers.Real) or isinstance(valeur, bool) or valeur < 0 or (
        maximum is not None and valeur > maximum
    ):
        borne = f" et {maximum:g}" if maximum is not None else ""
        raise ErreurDonnees(f"{nom} doit être une fraction entre 0{borne} (0.10 pour 10 %), pas {valeur!r}.")
    return float(valeur)


def clv_attendue(
    modele_achats,
    modele_panier,
    resume: pd.DataFrame,
    *,
    horizon: float = 52,
    taux_marque: float = 1.0,
    taux_actualisation: float = 0.10,
    periodes_par_an: float = 52,
    pas: float = 1,
) -> pd.Series:
    """Valeur client attendue (CLV) de chaque client sur les ``horizon`` prochaines semaines.

    Formule, pour un client : on découpe l'horizon en n = horizon / pas périodes ; pendant la
    période k, il fait en moyenne E[N(k·pas)] − E[N((k − 1)·pas)] achats (BG/NBD, sachant son
    passé), chacun de marge ``taux_marque`` × panier attendu (Gamma-Gamma), ``taux_marque`` étant le
    **taux de marque** (marge / montant de la vente, thème 08 : il s'applique à un prix de vente) ;
    la marge de la période k est actualisée comme si elle était encaissée à sa fin :

    CLV = taux_marque × panier attendu × Σₖ (E[N(k·pas)] − E[N((k−1)·pas)]) / (1 + d)ᵏ,
    avec d = (1 + taux_actualisation)^(pas / periodes_par_an) − 1, le taux de la période.

    Sans actualisation (taux 0), c'est achats attendus × panier attendu × taux de marque.
    ``pas=4.345`` et ``taux_actualisation=1.01 ** (52 / 4.345) - 1`` redonnent
    ``customer_lifetime_value`` de lifetimes (mois de 4,345 semaines à 1 % par mois).

    Parameters
    ----------
    modele_achats : le BG/NBD ajusté (:func:`ajuster_bgnbd`).
    modele_panier : le Gamma-Gamma ajusté (:func:`ajuster_gamma_gamma`).
    resume : DataFrame
        ``frequence``, ``recence``, ``anciennete``, ``montant_moyen`` par client.
    horizon : float
        Durée de la prévision, en semaines (52 : un an).
    taux_marque : float
        Taux de marque : part du montant de la vente qui est de la marge (1 : on calcule un chiffre
        d'affaires attendu). Ce n'est pas le taux de marge du thème 08, qui se rapporte au coût d'achat.
    taux_actualisation : float
        Taux annuel (0.10 : 10 % par an, comme au thème 04).
    periodes_par_an : float
        Nombre d'unités de temps dans un an (52 semaines).
    pas : float
        Longueur d'une période d'actualisation, en semaines (1 par défaut).

    Returns
    -------
    Series
        La CLV attendue par client, nommée ``clv_attendue``.

    Examples
    --------
    >>> from grc.cdnow import charger_cdnow
    >>> achats = charger_cdnow(echantillon=True)
    >>> resume = resume_modele(achats[achats["date"] <= "1997-09-30"], date_reference="1997-09-30", montant="montant")
    >>> bgnbd, gg = ajuster_bgnbd(resume), ajuster_gamma_gamma(resume)
    >>> sans = clv_attendue(bgnbd, gg, resume, taux_actualisation=0)
    >>> bool(np.allclose(sans, achats_attendus(bgnbd, resume, horizon=52) * panier_attendu(gg, resume)))
    True
    """
    _modele_bgnbd(modele_achats)
    horizon, pas = _horizon(horizon), _horizon(pas)
    periodes = horizon / pas
    if abs(periodes - round(periodes)) > 1e-6 or round(periodes) < 1:
        raise ErreurDonnees(f"L'horizon ({horizon:g}) doit être un multiple entier du pas ({pas:g}).")
    marge = _taux(taux_marque, "taux_marque", 1.0)
    annuel = _taux(taux_actualisation, "taux_actualisation")
    if not periodes_par_an > 0:
        raise ErreurDonnees(f"periodes_par_an doit être positif (52 semaines par an), pas {periodes_par_an!r}.")
    par_periode = (1 + annuel) ** (pas / periodes_par_an) - 1
    panier = panier_attendu(modele_panier, resume)
    v = _colonnes_resume(resume, ["frequence", "recence", "anciennete"])
    prevoir = modele_achats.conditional_expected_number_of_purchases_up_to_time
    cumul_avant = np.zeros(len(v))
    actualise = np.zeros(len(v))
    for k in range(1, round(periodes) + 1):  # une boucle par période, vectorisée sur les clients
        cumul = np.asarray(prevoir(k * pas, v["frequence"], v["recence"], v["anciennete"]), dtype="float64")
        actualise += (cumul - cumul_avant) / (1 + par_periode) ** k
        cumul_avant = cumul
    return pd.Series(marge * panier.to_numpy() * actualise, index=v.index, name="clv_attendue")


# --------------------------------------------------------------------------------------------
# Suivi semaine par semaine : prévu contre réel
# --------------------------------------------------------------------------------------------


def suivi_achats_repetes(
    modele,
    transactions: pd.DataFrame,
    debut: object,
    fin: object,
    *,
    client: str = "client_id",
    date: str = "date",
    periode: str = "W",
) -> pd.DataFrame:
    """Achats répétés de toute la base, semaine par semaine : réels et prévus par le BG/NBD.

    Semaine w = du jour ``debut`` + 7(w − 1) au jour ``debut`` + 7w − 1. Pour chaque semaine :

    - ``reel`` : nombre d'achats répétés (jours d'achat d'un client, hors son premier) ;
    - ``prevu`` : ce qu'attend le modèle pour ces clients, Σᵢ E[X(âgeᵢ fin de semaine)] −
      E[X(âgeᵢ début)], avec E[X(t)] le nombre d'achats répétés attendu d'un client d'âge t
      semaines dont on ne sait rien d'autre (le modèle ne « voit » pas leurs achats) ;
    - ``reel_cumule``, ``prevu_cumule`` : les cumuls depuis ``debut``.

    Sur la calibration, les deux courbes doivent coller (le modèle y a été ajusté) ; sur la
    période qui suit, l'écart mesure la qualité de la prévision.

    Parameters
    ----------
    modele : le BG/NBD ajusté (:func:`ajuster_bgnbd`).
    transactions : DataFrame
        Une ligne par achat ; seuls les clients dont le premier achat est entre ``debut`` et
        ``fin`` comptent (les autres sont écartés et signalés).
    debut, fin : date ou texte
        Premier et dernier jour suivis.

    Returns
    -------
    DataFrame
        Index ``semaine`` (1, 2, ...) ; colonnes ``fin_semaine``, ``reel``, ``prevu``,
        ``reel_cumule``, ``prevu_cumule``.

    Examples
    --------
    >>> from grc.cdnow import charger_cdnow
    >>> achats = charger_cdnow(echantillon=True)
    >>> resume = resume_modele(achats[achats["date"] <= "1997-09-30"], date_reference="1997-09-30", montant="montant")
    >>> suivi = suivi_achats_repetes(ajuster_bgnbd(resume), achats, "1997-01-01", "1998-06-30")
    >>> suivi.loc[[39, 78], ["reel_cumule", "prevu_cumule"]].round(0)  # doctest: +NORMALIZE_WHITESPACE
             reel_cumule  prevu_cumule
    semaine
    39            2457.0        2494.0
    78            4339.0        4161.0
    """
    _modele_bgnbd(modele)
    jours = _jours_par_periode(periode)
    lignes = lignes_valides(transactions, {"client": client, "date": date})
    depart, arrivee = lire_date(debut, "debut"), lire_date(fin, "fin")
    if arrivee < depart:
        raise ErreurDonnees(f"La fin du suivi ({arrivee:%Y-%m-%d}) précède son début ({depart:%Y-%m-%d}).")
    jour = (lignes["date"] - depart).dt.days.to_numpy()
    premier = pd.Series(jour).groupby(lignes["client"].to_numpy()).transform("min").to_numpy()
    hors = (premier < 0) | (premier > (arrivee - depart).days)
    signaler_exclusion(int(hors.sum()), "client dont le premier achat est hors de la période suivie")
    jour, premier, qui = jour[~hors], premier[~hors], lignes["client"].to_numpy()[~hors]
    # un achat répété = un jour d'achat distinct d'un client, autre que son premier
    couples = pd.DataFrame({"client": qui, "jour": jour, "premier": premier}).drop_duplicates(["client", "jour"])
    repetes = couples.loc[(couples["jour"] > couples["premier"]) & (couples["jour"] <= (arrivee - depart).days), "jour"]
    n_semaines = math.ceil(((arrivee - depart).days + 1) / 7)
    reel = np.bincount(repetes.to_numpy() // 7, minlength=n_semaines)[:n_semaines].astype("float64")
    # les clients ne diffèrent, pour le modèle, que par le jour de leur premier achat
    jours_premiers, effectifs = np.unique(couples.drop_duplicates("client")["premier"], return_counts=True)
    fins = 7 * np.arange(1, n_semaines + 1) - 1  # dernier jour de chaque semaine
    ages = np.clip(fins[:, None] - jours_premiers[None, :], 0, None) / jours
    cumul_prevu = modele.expected_number_of_purchases_up_to_time(ages.ravel()).reshape(ages.shape) @ effectifs
    semaines = pd.RangeIndex(1, n_semaines + 1, name="semaine")
    suivi = pd.DataFrame(
        {
            "fin_semaine": depart + pd.to_timedelta(fins, unit="D"),
            "reel": reel,
            "prevu": np.diff(cumul_prevu, prepend=0.0),
        },
        index=semaines,
    )
    suivi["reel_cumule"] = suivi["reel"].cumsum()
    suivi["prevu_cumule"] = cumul_prevu
    return suivi
