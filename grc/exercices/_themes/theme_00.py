"""Exercices du thème 00 : prise en main de Jupyter et de pandas."""

from __future__ import annotations

from ..comparaisons import (
    avec_erreurs_typiques,
    comparer_choix,
    comparer_decision,
    comparer_nombre,
    comparer_serie,
)
from ..contexte import table_verdance, transactions_annee
from ..glissements import avec_glissements
from ..registre import exercice


@exercice("00_nombre_clients", indices=(
    "Une ligne de la table des clients = un client : il suffit de compter les lignes.",
    "Demandez à Python la longueur de la table (son nombre de lignes).",
    "L'appel : `len(clients)`.",
))
def _nombre_clients(reponse):
    return comparer_nombre(reponse, len(table_verdance("clients")), tolerance=0)


@exercice("00_clients_carte", indices=(
    "Gardez seulement les clients qui ont la carte, puis comptez-les.",
    "La colonne carte_fidelite vaut vrai ou faux : mise entre crochets, elle garde les lignes où elle est "
    "vraie ; comptez ensuite les lignes qui restent.",
    "L'appel : `len(clients[clients[\"carte_fidelite\"]])`.",
))
def _clients_carte(reponse):
    clients = table_verdance("clients")
    retour = comparer_nombre(reponse, int(clients["carte_fidelite"].sum()), tolerance=0)
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez compté les clients SANS la carte : gardez les lignes où carte_fidelite est vraie.":
            int((~clients["carte_fidelite"]).sum()),
    }, tolerance=0)


@exercice("00_part_carte", indices=(
    "Une part, c'est le nombre de porteurs de carte rapporté au nombre total de clients.",
    "Divisez le nombre de porteurs (exercice 2) par le nombre de clients (exercice 1) : le résultat est "
    "entre 0 et 1.",
    "L'appel : `clients_carte / nombre_clients`.",
))
def _part_carte(reponse):
    clients = table_verdance("clients")
    part = float(clients["carte_fidelite"].mean())
    retour = comparer_nombre(reponse, part, tolerance=1e-3, fraction=True)
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez divisé le nombre de clients par le nombre de porteurs : c'est l'inverse (les porteurs "
        "divisés par le total).": 1 / part,
    })


@exercice("00_ca_2024", indices=(
    "Le chiffre d'affaires de l'année, c'est le total des montants hors taxes des seules lignes de 2024.",
    "Gardez les lignes dont la date est en 2024 (c'est fait plus haut : ventes_2024), puis faites le total "
    "de la colonne montant_ht, retours compris.",
    "L'appel : `ventes_2024[\"montant_ht\"].sum()`.",
))
def _ca_2024(reponse):
    t = transactions_annee()
    retour = comparer_nombre(reponse, float(t["montant_ht"].sum()), tolerance=0.005, relative=False)
    return avec_glissements(retour, reponse, {
        "toutes_annees": float(table_verdance("transactions")["montant_ht"].sum()),
        "moyenne_pour_somme": float(t["montant_ht"].mean()),
    }, tolerance=0.005, echelle=1.0)


@exercice("00_panier_moyen", indices=(
    "Le panier moyen, c'est ce que dépense un client en moyenne à chaque passage en caisse : le CA divisé "
    "par le nombre d'achats.",
    "Un achat = un ticket, et un ticket a souvent plusieurs lignes : divisez le CA 2024 par le nombre de "
    "numéros de ticket DIFFÉRENTS, pas par le nombre de lignes.",
    "L'appel : `ventes_2024[\"montant_ht\"].sum() / ventes_2024[\"ticket_id\"].nunique()`.",
))
def _panier_moyen(reponse):
    t = transactions_annee()
    ca = t["montant_ht"].sum()
    tout = table_verdance("transactions")
    retour = comparer_nombre(reponse, float(ca / t["ticket_id"].nunique()), tolerance=0.005, relative=False)
    return avec_glissements(retour, reponse, {
        "lignes_pour_tickets": float(ca / len(t)),
        "dates_pour_tickets": float(ca / t["date"].nunique()),
        "toutes_annees": float(tout["montant_ht"].sum() / tout["ticket_id"].nunique()),
    }, tolerance=3e-4)  # un centime environ


@exercice("00_ca_par_rayon", indices=(
    "Il faut un total par rayon, puis ranger les rayons du plus gros CA au plus petit.",
    "Regroupez les lignes de 2024 par rayon, faites le total des montants HT de chaque groupe, puis triez "
    "du plus grand au plus petit.",
    "L'appel : `ventes_2024.groupby(\"rayon\")[\"montant_ht\"].sum().sort_values(ascending=False)`.",
))
def _ca_par_rayon(reponse):
    attendu = transactions_annee().groupby("rayon", observed=True)["montant_ht"].sum().sort_values(ascending=False)
    retour = comparer_serie(reponse, attendu, tolerance=1e-6, verifier_ordre=True)
    tout = table_verdance("transactions").groupby("rayon", observed=True)["montant_ht"].sum()
    return avec_glissements(retour, reponse, {"toutes_annees": tout}, tolerance=1e-6)


@exercice("00_meilleur_magasin", indices=(
    "Comparez le chiffre d'affaires 2024 de chaque magasin (le site « Web » compte comme un magasin).",
    "Faites le total des montants de 2024 par magasin, puis prenez le magasin du plus grand total.",
    "L'appel : `ventes_2024.groupby(\"magasin\")[\"montant_ht\"].sum().idxmax()`.",
))
def _meilleur_magasin(reponse):
    ca = transactions_annee().groupby("magasin", observed=True)["montant_ht"].sum()
    return comparer_choix(reponse, str(ca.idxmax()), [str(m) for m in ca.index])


RAYONS = ("Animalerie", "Décoration", "Épicerie fine", "Jardin et outillage", "Mobilier d'extérieur", "Végétaux")


@exercice("00_rayon_fin_annee", indices=(
    "Une campagne se place au moment où les clients achètent déjà ce rayon : cherchez le rayon dont la "
    "saison tombe en fin d'année.",
    "Avec le curseur, regardez chaque rayon en 2024 : lequel fait son plus haut en novembre-décembre, avec "
    "un CA élevé ces mois-là ?",
    "Comparez surtout la Décoration, les Végétaux et l'Épicerie fine : leurs courbes ne montent pas au même "
    "moment, ni à la même hauteur.",
))
def _rayon_fin_annee(reponse):
    return comparer_decision(
        reponse, "Décoration",
        "C'est le rayon qui fait le plus de CA en novembre-décembre, et c'est son pic de l'année : les fêtes.",
        {
            "Végétaux": "c'est un gros rayon, mais sa saison est le printemps ; en fin d'année il tourne bien "
                        "en dessous de son niveau de mai.",
            "Jardin et outillage": "son pic est en avril-mai ; décembre est l'un de ses mois les plus faibles.",
            "Mobilier d'extérieur": "on l'achète au printemps et en été ; en fin d'année il est presque à l'arrêt.",
            "Animalerie": "ses ventes sont régulières toute l'année : la fin d'année n'est pas sa saison.",
            "Épicerie fine": "elle a bien son pic en décembre (les cadeaux gourmands) et fera un bon second "
                             "rôle, mais son CA de fin d'année reste deux fois plus petit que celui de la Décoration.",
        },
        possibles=RAYONS,
    )
