"""Mesure de vitesse et de mémoire des calculs du cours sur un million de transactions.

Usage : ``python benchmarks/bench_analyse.py [--clients 100000] [--lignes 1000000] [--sans-naif]``
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
5. une section à compléter (issue 9) : ``resume_rfm_modele`` face à lifetimes, s'il est installé.

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
from grc.rfm import resume_rfm_modele, scores_rfm, segments_rfm, tableau_rfm  # noqa: E402

DATE_REFERENCE = pd.Timestamp("2025-01-01")
CIBLE_SECONDES = 1.5
CIBLE_OCTETS = 1024**3


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
        f"{nombre(transactions['ticket_id'].nunique())} tickets — générées en {nombre(duree, 1)} s"
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


def section_lifetimes(transactions: pd.DataFrame) -> None:
    """Section à compléter par l'issue 9 : resume_rfm_modele face à lifetimes."""
    print("\n5. resume_rfm_modele face à lifetimes (section à compléter, issue 9)")
    t_resume, resume = chronometrer(lambda: resume_rfm_modele(transactions, unite="W"), 1)
    ligne("resume_rfm_modele (semaines)", t_resume)
    if importlib.util.find_spec("lifetimes") is None:
        print("  lifetimes n'est pas installé : comparaison sautée.")
        return
    from lifetimes.utils import summary_data_from_transaction_data

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lifetimes émet des Pandas4Warning sous pandas 3
        t_lifetimes, attendu = chronometrer(
            lambda: summary_data_from_transaction_data(transactions, "client_id", "date", "montant_ht", freq="W"), 1
        )
    ligne("lifetimes summary_data_from_transaction_data", t_lifetimes)
    print(f"  rapport lifetimes / grc : {nombre(t_lifetimes / t_resume, 1)}")
    attendu = attendu.sort_index()
    ecart = np.abs(resume.to_numpy() - attendu[["frequency", "recency", "T", "monetary_value"]].to_numpy()).max()
    memes_clients = resume.index.astype(str).equals(attendu.index.astype(str))
    print(f"  mêmes clients : {'oui' if memes_clients else 'NON'} ; plus grand écart : {ecart:.2e}")
    # Issue 9 : ajouter ici les ajustements BG/NBD et Gamma-Gamma (durées, paramètres comparés).


def main(argv: list[str] | None = None) -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--clients", type=int, default=100_000)
    options.add_argument("--lignes", type=int, default=1_000_000)
    options.add_argument("--repetitions", type=int, default=3, help="exécutions par mesure (on garde la meilleure)")
    options.add_argument("--sans-naif", action="store_true", help="ne pas chronométrer la version naïve (longue)")
    options.add_argument("--sans-lifetimes", action="store_true", help="sauter la section lifetimes")
    args = options.parse_args(argv)

    print(f"pandas {pd.__version__}, numpy {np.__version__}, Python {sys.version.split()[0]}")
    transactions = construire(args.clients, args.lignes)
    t_chaine, segments = section_rfm(transactions, args.repetitions)
    section_abc(segments, args.repetitions)
    section_retention(transactions, args.repetitions)
    if not args.sans_naif:
        section_naive(transactions, t_chaine, segments)
    if not args.sans_lifetimes:
        section_lifetimes(transactions)
    print(f"\nPointe mémoire du processus entier (génération comprise) : {mo(pointe_processus())}")


if __name__ == "__main__":
    main()
