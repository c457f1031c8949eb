"""Mesure de vitesse et de mémoire des calculs du cours sur un million de transactions.

Usage : ``python benchmarks/bench_analyse.py [--clients 100000] [--lignes 1000000] [--sans-naif] [--sans-sql]``
(ou ``make bench``). Ce n'est pas un test : le script imprime ses mesures, il n'échoue pas
quand une cible est manquée (il le dit).

Ce qui est mesuré, sur une table construite par ``datasets/generer.py``
(``generer_transactions_massives``, 1 000 000 de lignes de ticket pour 100 000 clients) :

1. la chaîne RFM du cours, ``tableau_rfm`` + ``scores_rfm`` + ``segments_rfm`` (tickets
   distincts) — cibles : moins de 1,5 s et moins de 1 Go de mémoire de pointe ;
2. ``classer_abc`` sur le chiffre d'affaires par client ;
3. ``grc.valeur.retention_par_cohorte`` (si le module existe) ;
4. la version « naïve » qu'un cours montre souvent (boucle Python sur les clients, notes par
   ``pd.qcut`` sur les rangs, segment par ``apply`` ligne à ligne), et le rapport des durées ;
5. ``grc.predictif.resume_modele`` (le résumé fréquence / récence / âge des modèles BG/NBD, en
   semaines de 7 jours) face à
   ``lifetimes.utils.summary_data_from_transaction_data`` et, s'il est installé,
   ``pymc_marketing.clv.utils.rfm_summary`` : durées, rapport, même résultat — cible : grc au moins
   3 fois plus rapide que lifetimes ;
6. les modèles du thème 11 sur les données réelles CDNOW (si lifetimes est installé) : découpage
   calibration / contrôle, ajustements BG/NBD et Gamma-Gamma, CLV attendue, et les paramètres
   obtenus face à ceux publiés par Fader, Hardie et Lee ;
7. le tableau RFM en SQL (SQLite, et DuckDB sur Parquet s'il est installé) face à pandas.

Durées : meilleure de ``--repetitions`` exécutions (horloge ``time.perf_counter``), sans
traçage mémoire. Mémoire : une exécution à part sous ``tracemalloc`` (pointe des allocations
du calcul, au-delà de la table déjà chargée), plus la pointe du processus entier
(``resource.getrusage``, génération des données comprise).
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import resource
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))
sys.path.insert(0, str(RACINE / "datasets"))

from grc.abc import classer_abc  # noqa: E402
from grc.predictif import resume_modele  # noqa: E402
from grc.rfm import scores_rfm, segments_rfm, tableau_rfm  # noqa: E402

DATE_REFERENCE = pd.Timestamp("2025-01-01")
CIBLE_SECONDES = 1.5
CIBLE_GENERATION_VERDANCE = 15  # reconstruire datasets/ (autrefois un test chronométré)
CIBLE_GENERATION = 10  # générer un million de lignes (autrefois un test chronométré)
CIBLE_OCTETS = 1024**3
CIBLE_RAPPORT_LIFETIMES = 3.0  # grc au moins 3 fois plus rapide que lifetimes (issue 9)
COLONNES_LIFETIMES = ["frequency", "recency", "T", "monetary_value"]


# ------------------------------------------------------------------------------- mesures


def chronometrer(fonction: Callable[[], object], repetitions: int) -> tuple[float, object]:
    """Meilleure durée (secondes) sur ``repetitions`` exécutions, et le dernier résultat."""
    meilleure, resultat = float("inf"), None
    for _ in range(repetitions):
        gc.collect()
        debut = time.perf_counter()
        resultat = fonction()
        meilleure = min(meilleure, time.perf_counter() - debut)
    return meilleure, resultat


def pointe_memoire(fonction: Callable[[], object]) -> int:
    """Pointe des allocations (octets) pendant un appel, mesurée par tracemalloc."""
    gc.collect()
    tracemalloc.start()
    try:
        fonction()
        _, pointe = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return pointe


def pointe_processus() -> int:
    """Pointe de mémoire résidente du processus depuis son lancement (octets, Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def nombre(valeur: float, decimales: int = 0) -> str:
    """Nombre à la française : espace (insécable fine) entre les milliers, virgule décimale."""
    texte = f"{valeur:,.{decimales}f}"
    return texte.replace(",", "\u202f").replace(".", ",")


def mo(octets: float) -> str:
    return f"{nombre(octets / 1024**2)} Mo"


def ligne(nom: str, secondes: float, detail: str = "") -> None:
    print(f"  {nom:<46} {nombre(secondes, 3):>8} s  {detail}".rstrip())


# ------------------------------------------------------------------------------- chaînes


def chaine_rfm(transactions: pd.DataFrame) -> pd.DataFrame:
    rfm = tableau_rfm(transactions, date_reference=DATE_REFERENCE, ticket="ticket_id")
    return rfm.pipe(scores_rfm).pipe(segments_rfm)


def _segment_naif(ligne_scores: pd.Series) -> str:
    r, f, m = ligne_scores["R"], ligne_scores["F"], ligne_scores["M"]
    if r >= 4 and f >= 4 and m >= 4:
        return "Très bons clients"
    if r >= 3 and f >= 3 and m >= 3:
        return "Bons clients"
    if r >= 4 and f == 1:
        return "Nouveaux clients"
    if r >= 4:
        return "Clients prometteurs"
    if r >= 2 and (f >= 3 or m >= 4):
        return "Clients à risque"
    if r >= 2:
        return "Clients occasionnels"
    return "Inactifs"


def chaine_rfm_naive(transactions: pd.DataFrame) -> pd.DataFrame:
    """La version d'un cours classique : une boucle Python par client, puis apply ligne à ligne."""
    lignes = []
    for client, achats in transactions.groupby("client_id", observed=True):
        lignes.append(
            {
                "client_id": client,
                "recence": (DATE_REFERENCE - achats["date"].max()).days,
                "frequence": achats["ticket_id"].nunique(),
                "montant": achats["montant_ht"].sum(),
            }
        )
    rfm = pd.DataFrame(lignes).set_index("client_id")
    rfm["R"] = pd.qcut(rfm["recence"].rank(method="first", ascending=False), 5, labels=False) + 1
    rfm["F"] = pd.qcut(rfm["frequence"].rank(method="first"), 5, labels=False) + 1
    rfm["M"] = pd.qcut(rfm["montant"].rank(method="first"), 5, labels=False) + 1
    rfm["segment"] = rfm.apply(_segment_naif, axis=1)
    return rfm


# ------------------------------------------------------------------------------- sections


def section_generation() -> None:
    """Reconstruit toutes les données de Verdance (``datasets/generer.py``) dans un dossier temporaire."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as sortie:
        debut = time.perf_counter()
        subprocess.run([sys.executable, str(RACINE / "datasets" / "generer.py"), "--sortie", sortie], check=True,
                       capture_output=True, text=True)
        duree = time.perf_counter() - debut
    print(f"Génération complète des données de Verdance (datasets/generer.py) : {nombre(duree, 1)} s "
          f"(cible : moins de {CIBLE_GENERATION_VERDANCE} s{'' if duree < CIBLE_GENERATION_VERDANCE else ' — MANQUÉE'})")


def construire(n_clients: int, n_lignes: int) -> pd.DataFrame:
    try:
        from generer import generer_transactions_massives
    except ImportError as erreur:
        sys.exit(f"datasets/generer.py ne fournit pas encore generer_transactions_massives : {erreur}")
    debut = time.perf_counter()
    transactions = generer_transactions_massives(n_clients=n_clients, n_lignes=n_lignes)
    duree = time.perf_counter() - debut
    print(
        f"Données : {nombre(len(transactions))} lignes, {nombre(transactions['client_id'].nunique())} clients "
        f"(sur {nombre(n_clients)} générés ; certains n'achètent jamais), "
        f"{nombre(transactions['ticket_id'].nunique())} tickets — générées en {nombre(duree, 1)} s "
        f"(cible : moins de {CIBLE_GENERATION} s{'' if duree < CIBLE_GENERATION else ' — MANQUÉE'})"
    )
    return transactions


def section_rfm(transactions: pd.DataFrame, repetitions: int) -> tuple[float, pd.DataFrame]:
    print("\n1. Chaîne RFM vectorisée (tableau_rfm + scores_rfm + segments_rfm)")
    t_tableau, rfm = chronometrer(
        lambda: tableau_rfm(transactions, date_reference=DATE_REFERENCE, ticket="ticket_id"), repetitions
    )
    t_scores, scores = chronometrer(lambda: scores_rfm(rfm), repetitions)
    t_segments, _ = chronometrer(lambda: segments_rfm(scores), repetitions)
    t_chaine, segments = chronometrer(lambda: chaine_rfm(transactions), repetitions)
    pointe = pointe_memoire(lambda: chaine_rfm(transactions))
    ligne("tableau_rfm (ticket='ticket_id')", t_tableau)
    ligne("scores_rfm (quintiles, ex-aequo groupés)", t_scores)
    ligne("segments_rfm", t_segments)
    ok_temps = "atteinte" if t_chaine < CIBLE_SECONDES else "MANQUÉE"
    ok_memoire = "atteinte" if pointe < CIBLE_OCTETS else "MANQUÉE"
    ligne("chaîne complète", t_chaine, f"(cible < {nombre(CIBLE_SECONDES, 1)} s : {ok_temps})")
    print(f"  {'mémoire de pointe de la chaîne (tracemalloc)':<46} {mo(pointe):>10}  (cible < 1 Go : {ok_memoire})")
    repartition = segments["segment"].value_counts()
    print("  segments : " + ", ".join(f"{nom} {nombre(n)}" for nom, n in repartition.items()))
    return t_chaine, segments


def section_abc(segments: pd.DataFrame, repetitions: int) -> None:
    print("\n2. classer_abc sur le chiffre d'affaires par client")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # quelques clients à CA net négatif, ramenés à 0 (signalé)
        t_valeur, classes = chronometrer(lambda: classer_abc(segments["montant"]), repetitions)
        t_effectif, _ = chronometrer(lambda: classer_abc(segments["montant"], methode="effectif"), repetitions)
        pointe = pointe_memoire(lambda: classer_abc(segments["montant"]))
    ligne(f"classer_abc, méthode valeur ({nombre(len(classes))} clients)", t_valeur, f"pointe {mo(pointe)}")
    ligne("classer_abc, méthode effectif", t_effectif)
    parts = (classes.value_counts(normalize=True).sort_index() * 100).round(1)
    print(f"  part des clients A / B / C : {' / '.join(f'{nombre(p, 1)} %' for p in parts)}")


def section_retention(transactions: pd.DataFrame, repetitions: int) -> None:
    print("\n3. grc.valeur.retention_par_cohorte (mois)")
    if importlib.util.find_spec("grc.valeur") is None:
        print("  sauté : grc/valeur.py n'existe pas encore.")
        return
    from grc.valeur import retention_par_cohorte

    t_retention, table = chronometrer(lambda: retention_par_cohorte(transactions, periode="M"), repetitions)
    pointe = pointe_memoire(lambda: retention_par_cohorte(transactions, periode="M"))
    ligne(f"retention_par_cohorte ({table.shape[0]} cohortes)", t_retention, f"pointe {mo(pointe)}")


def section_naive(transactions: pd.DataFrame, t_vectorise: float, segments: pd.DataFrame) -> None:
    print("\n4. Version naïve (boucle Python sur les clients, qcut sur les rangs, apply par ligne)")
    t_naif, naif = chronometrer(lambda: chaine_rfm_naive(transactions), 1)
    ligne("chaîne naïve", t_naif)
    print(f"  rapport naïve / vectorisée : {nombre(t_naif / t_vectorise)} fois plus lent")
    colonnes = ["recence", "frequence", "montant"]
    memes_clients = naif.index.sort_values().equals(segments.index.sort_values())
    ecart_max = (naif[colonnes] - segments[colonnes].reindex(naif.index)).abs().to_numpy().max()
    identiques = memes_clients and ecart_max < 1e-6
    print(f"  même tableau R, F, M que la version vectorisée : {'oui' if identiques else 'NON'}")
    ecart = (naif["F"] != segments["F"].reindex(naif.index)).mean()
    print(f"  notes F différentes (qcut sur les rangs sépare les ex-aequo) : {nombre(ecart * 100)} % des clients")


def _ecart_au_resume(resume: pd.DataFrame, autre: pd.DataFrame) -> str:
    """« mêmes clients : oui ; plus grand écart : ... » entre le résumé de grc et celui d'une autre bibliothèque."""
    autre = autre.sort_index()
    memes_clients = resume.index.astype(str).equals(autre.index.astype(str))
    if not memes_clients:
        return "mêmes clients : NON"
    ecart = np.abs(resume.to_numpy() - autre[COLONNES_LIFETIMES].to_numpy()).max()
    return f"mêmes clients : oui ; plus grand écart : {ecart:.2e} ({'même résultat' if ecart < 1e-9 else 'DIFFÉRENT'})"


def section_lifetimes(transactions: pd.DataFrame, repetitions: int) -> None:
    print("\n5. Résumé pour les modèles BG/NBD : grc.predictif.resume_modele face à lifetimes et pymc-marketing")
    t_resume, resume = chronometrer(lambda: resume_modele(transactions, periode="W"), repetitions)
    ligne("grc resume_modele (semaines de 7 jours)", t_resume)
    if importlib.util.find_spec("lifetimes") is None:
        print("  lifetimes n'est pas installé : comparaison sautée (pip install lifetimes).")
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # lifetimes émet des Pandas4Warning sous pandas 3
            from lifetimes.utils import summary_data_from_transaction_data

            t_lifetimes, attendu = chronometrer(
                lambda: summary_data_from_transaction_data(
                    transactions, "client_id", "date", "montant_ht", freq="D", freq_multiplier=7
                ),
                repetitions,
            )
        rapport = t_lifetimes / t_resume
        etat = "atteinte" if rapport >= CIBLE_RAPPORT_LIFETIMES else "MANQUÉE"
        ligne("lifetimes summary_data_from_transaction_data", t_lifetimes)
        print(f"  rapport lifetimes / grc : {nombre(rapport, 1)} (cible ≥ {nombre(CIBLE_RAPPORT_LIFETIMES)} : {etat})")
        print(f"  {_ecart_au_resume(resume, attendu)}")
    if importlib.util.find_spec("pymc_marketing") is None:
        print("  pymc-marketing n'est pas installé (il demande Python ≥ 3.12 et PyMC) : comparaison sautée.")
        return
    try:
        from pymc_marketing.clv.utils import rfm_summary

        t_pymc, pymc = chronometrer(
            lambda: rfm_summary(transactions, "client_id", "date", "montant_ht", time_unit="D", time_scaler=7), repetitions
        )
    except Exception as erreur:  # API d'une autre version : on le dit, on ne plante pas le banc d'essai
        print(f"  pymc-marketing : appel impossible ({type(erreur).__name__} : {erreur}).")
        return
    ligne("pymc_marketing.clv.utils.rfm_summary", t_pymc)
    print(f"  rapport pymc-marketing / grc : {nombre(t_pymc / t_resume, 1)}")
    print(f"  {_ecart_au_resume(resume, pymc.set_index('customer_id'))}")


def section_modeles(repetitions: int) -> None:
    print("\n6. Les modèles du thème 11 sur les données réelles CDNOW (grc.predictif, via lifetimes)")
    if importlib.util.find_spec("lifetimes") is None:
        print("  lifetimes n'est pas installé : section sautée.")
        return
    from grc import predictif
    from grc.cdnow import FIN, FIN_CALIBRATION, PUBLIES, charger_cdnow

    cdnow = charger_cdnow()
    t_decoupe, decoupage = chronometrer(
        lambda: predictif.decouper_calibration_controle(cdnow, FIN_CALIBRATION, fin_controle=FIN, montant="montant"), repetitions
    )
    t_bgnbd, bgnbd = chronometrer(lambda: predictif.ajuster_bgnbd(decoupage), repetitions)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # un client aux achats répétés de 0 $, écarté et signalé
        t_gg, gg = chronometrer(lambda: predictif.ajuster_gamma_gamma(decoupage), repetitions)
    t_clv, _ = chronometrer(lambda: predictif.clv_attendue(bgnbd, gg, decoupage, horizon=52), repetitions)
    n = nombre(len(decoupage))
    ligne(f"calibration / contrôle ({n} clients)", t_decoupe)
    ligne("ajustement BG/NBD", t_bgnbd)
    ligne("ajustement Gamma-Gamma", t_gg)
    ligne("CLV attendue sur 52 semaines", t_clv)
    echantillon = charger_cdnow(echantillon=True)
    resume = predictif.resume_modele(echantillon[echantillon["date"] <= FIN_CALIBRATION], date_reference=FIN_CALIBRATION,
                                     montant="montant")
    print("  échantillon de l'article (2 357 clients) : paramètre obtenu / publié (écart)")
    for modele, publies in [(predictif.ajuster_bgnbd(resume), PUBLIES["bgnbd"]),
                            (predictif.ajuster_gamma_gamma(resume), PUBLIES["gamma_gamma"])]:
        obtenus = predictif.parametres(modele)
        morceaux = [f"{nom} {nombre(obtenus[nom], 3)} / {nombre(v, 3)} ({nombre(100 * (obtenus[nom] / v - 1), 2)} %)"
                    for nom, v in publies.items()]
        print("    " + " ; ".join(morceaux))


def section_sql(transactions: pd.DataFrame, repetitions: int) -> None:
    print("\n7. Le tableau RFM en SQL face à pandas (même résultat, client par client)")
    import tempfile

    from grc import rfm_sql
    from grc.base_marketing import construire_base

    t_pandas, attendu = chronometrer(lambda: tableau_rfm(transactions, date_reference=DATE_REFERENCE), repetitions)
    ligne("pandas tableau_rfm (lignes)", t_pandas)
    colonnes = transactions[["client_id", "date", "montant_ht"]]
    with tempfile.TemporaryDirectory() as dossier:
        t_base, base = chronometrer(lambda: construire_base({"transactions": colonnes}, Path(dossier) / "t.sqlite"), 1)
        t_sqlite, sqlite = chronometrer(lambda: rfm_sql.rfm_sqlite(base, DATE_REFERENCE), repetitions)
        ligne("construction de la base SQLite (une fois)", t_base)
        ligne("SQLite rfm_sqlite", t_sqlite, _meme_tableau(sqlite, attendu))
        if importlib.util.find_spec("duckdb") is None:
            print("  duckdb n'est pas installé : DuckDB sur Parquet sauté (pip install duckdb).")
            return
        t_parquet, fichier = chronometrer(lambda: rfm_sql.ecrire_parquet(colonnes, Path(dossier) / "t.parquet"), 1)
        t_duckdb, duck = chronometrer(lambda: rfm_sql.rfm_parquet(fichier, DATE_REFERENCE), repetitions)
        ligne("écriture du fichier Parquet (une fois)", t_parquet)
        ligne("DuckDB rfm_parquet", t_duckdb, _meme_tableau(duck, attendu))


def _meme_tableau(sql: pd.DataFrame, attendu: pd.DataFrame) -> str:
    memes = sql.index.astype(str).equals(attendu.index.astype(str)) and np.allclose(sql.to_numpy(), attendu.to_numpy())
    return "(même tableau que pandas)" if memes else "(tableau DIFFÉRENT de pandas)"


def main(argv: list[str] | None = None) -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--clients", type=int, default=100_000)
    options.add_argument("--lignes", type=int, default=1_000_000)
    options.add_argument("--repetitions", type=int, default=3, help="exécutions par mesure (on garde la meilleure)")
    options.add_argument("--sans-naif", action="store_true", help="ne pas chronométrer la version naïve (longue)")
    options.add_argument("--sans-lifetimes", action="store_true", help="sauter les sections lifetimes et CDNOW")
    options.add_argument("--sans-sql", action="store_true", help="sauter la section SQL (SQLite, DuckDB)")
    args = options.parse_args(argv)

    print(f"pandas {pd.__version__}, numpy {np.__version__}, Python {sys.version.split()[0]}")
    section_generation()
    transactions = construire(args.clients, args.lignes)
    t_chaine, segments = section_rfm(transactions, args.repetitions)
    section_abc(segments, args.repetitions)
    section_retention(transactions, args.repetitions)
    if not args.sans_naif:
        section_naive(transactions, t_chaine, segments)
    if not args.sans_lifetimes:
        section_lifetimes(transactions, args.repetitions)
        section_modeles(args.repetitions)
    if not args.sans_sql:
        section_sql(transactions, args.repetitions)
    print(f"\nPointe mémoire du processus entier (génération comprise) : {mo(pointe_processus())}")


if __name__ == "__main__":
    main()
