"""Exercices du thème 01 : connaître ses clients, la base de données (étape « Identifier »)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from grc.base_marketing import clients_contactables, couts_base, lire_dates_melangees
from grc.donnees import defauts_extrait_brut

from ..comparaisons import (
    avec_erreurs_typiques,
    comparer_correspondance,
    comparer_decisions,
    comparer_ensemble,
    comparer_nombre,
    comparer_ordre,
    comparer_serie,
    en_serie,
    identifiants,
    index_en_texte,
    normaliser_texte,
    proche,
)
from ..contexte import table_verdance
from ..glissements import avec_glissements
from ..registre import exercice
from ..retour import Retour, correct, incorrect

ETAPES_GRC = ["identifier", "segmenter", "adapter", "échanger", "évaluer"]

# Colonne (table) → type de donnée : la réponse de l'exercice « 01_types_donnees ».
TYPES_DONNEES = {
    "email (clients)": "signalétique",
    "code_postal (clients)": "signalétique",
    "montant_ht (transactions)": "transactionnelle",
    "date (transactions)": "transactionnelle",
    "csp (clients)": "déclarative",
    "a_jardin (clients)": "déclarative",
    "clic (contacts_campagnes)": "marketing",
    "reponse (contacts_campagnes)": "marketing",
}
_RACINES_TYPES = {"signal": "signalétique", "transa": "transactionnelle", "declar": "déclarative",
                  "market": "marketing"}

# Hypothèses de coût de l'exercice « 01_cout_par_contactable » (reprises dans le cahier).
HYPOTHESES_COUT = {
    "investissement": 45_000,
    "duree_amortissement": 5,
    "maintenance": 5_500,
    "personnel": 0.6 * 38_000,
    "hebergement": 3_000,
    "mise_a_jour_par_fiche": 0.40,
}


@cache
def _liste_contactables_email() -> tuple[str, ...]:
    return tuple(clients_contactables(table_verdance("clients"), table_verdance("transactions"), canal="email"))


def _type_canonique(texte: object) -> str | None:
    norme = normaliser_texte(str(texte))
    return next((nom for racine, nom in _RACINES_TYPES.items() if norme.startswith(racine)), None)


@exercice("01_etapes_grc", indices=(
    "La démarche commence par la connaissance des clients et finit par la mesure des résultats.",
    "D'abord savoir qui sont les clients, puis les répartir en groupes, puis adapter l'offre à chaque groupe, "
    "puis dialoguer avec eux, et enfin mesurer ce que cela a donné.",
    "Les cinq verbes, dans le désordre : évaluer, adapter, identifier, échanger, segmenter.",
))
def _etapes_grc(reponse):
    return comparer_ordre(reponse, ETAPES_GRC, "étapes")


@exercice("01_types_donnees", indices=(
    "Chaque type répond à une question sur le client ; demandez-vous à laquelle répond chaque colonne.",
    "Qui est-il ? (signalétique) · Qu'a-t-il acheté ? (transactionnelle) · Que dit-il de lui ? (déclarative) · "
    "Comment réagit-il à nos actions ? (marketing)",
    "Un exemple : l'email dit qui est le client et comment le joindre, c'est une donnée signalétique ; le clic "
    "sur une campagne est une réaction à une action, une donnée marketing.",
))
def _types_donnees(reponse):
    if isinstance(reponse, dict):
        inconnus = [str(v) for v in reponse.values() if v is not Ellipsis and _type_canonique(v) is None]
        if inconnus:
            return incorrect(
                f"Type inconnu : « {inconnus[0]} ». Choisissez parmi signalétique, transactionnelle, "
                "déclarative, marketing."
            )
        reponse = {k: (v if v is Ellipsis else _type_canonique(v)) for k, v in reponse.items()}
    return comparer_correspondance(reponse, TYPES_DONNEES, "colonnes")


@exercice("01_sql_ca_par_rayon", indices=(
    "Un total par rayon, trié du plus gros au plus petit, retours compris.",
    "Regroupez les lignes de la table transactions par rayon, faites la somme des montants HT de chaque groupe "
    "(nommée ca_ht), puis triez par ce total en ordre décroissant.",
    "L'appel : `SELECT rayon, SUM(montant_ht) AS ca_ht FROM transactions GROUP BY rayon ORDER BY ca_ht DESC`.",
))
def _sql_ca_par_rayon(reponse):
    attendu = table_verdance("transactions").groupby("rayon", observed=True)["montant_ht"].sum().sort_values(ascending=False)
    serie = en_serie(reponse, "rayon")
    if isinstance(serie, Retour):
        return serie
    return comparer_serie(serie, index_en_texte(attendu), tolerance=1e-6, verifier_ordre=True)


@exercice("01_sql_sans_achat", indices=(
    "On cherche les clients de la table clients qui n'ont AUCUNE ligne dans la table transactions.",
    "Reliez les clients à leurs lignes de ticket en gardant tous les clients (jointure externe) ; ceux qui n'ont "
    "rien acheté ont alors une case vide du côté des transactions : gardez ces lignes-là.",
    "L'appel : `SELECT c.client_id FROM clients AS c LEFT JOIN transactions AS t ON t.client_id = c.client_id "
    "WHERE t.client_id IS NULL`.",
))
def _sql_sans_achat(reponse):
    c = table_verdance("clients")
    attendu = c.loc[~c["client_id"].isin(table_verdance("transactions")["client_id"]), "client_id"]
    return comparer_ensemble(identifiants(reponse), attendu.astype(str).tolist(), "clients")


@exercice("01_pandas_ca_par_age", indices=(
    "La tranche d'âge est dans la table des clients, les montants dans celle des transactions : il faut d'abord "
    "les relier.",
    "Ajoutez à chaque ligne de ticket la tranche d'âge de son client (une jointure sur client_id), puis faites "
    "le total des montants par tranche d'âge.",
    "L'appel : `transactions.merge(clients[[\"client_id\", \"tranche_age\"]], on=\"client_id\")`, puis "
    "`.groupby(\"tranche_age\", observed=True)[\"montant_ht\"].sum()`.",
))
def _pandas_ca_par_age(reponse):
    jointure = table_verdance("transactions").merge(table_verdance("clients")[["client_id", "tranche_age"]], on="client_id")
    attendu = jointure.groupby("tranche_age", observed=True)["montant_ht"].sum()
    serie = en_serie(reponse, "tranche_age")
    if isinstance(serie, Retour):
        return serie
    return comparer_serie(serie, index_en_texte(attendu), tolerance=1e-6)


@exercice("01_emails_invalides", indices=(
    "Un email vide n'est pas invalide, il est manquant : on ne compte que les emails renseignés dont la forme "
    "est fausse.",
    "Remplacez les cases vides par un texte vide, testez chaque email contre le motif, puis comptez les emails "
    "non vides qui ne le suivent pas.",
    "L'appel : `emails = brut[\"email\"].fillna(\"\")`, `forme_ok = emails.str.fullmatch(motif)`, puis "
    "`((emails != \"\") & ~forme_ok).sum()`.",
))
def _emails_invalides(reponse):
    defauts = defauts_extrait_brut()
    if proche(reponse, defauts["emails_invalides"] + defauts["emails_manquants"], 0):
        return incorrect("Vous avez compté aussi les emails vides : ils sont manquants, pas invalides.")
    return comparer_nombre(reponse, defauts["emails_invalides"], tolerance=0)


@exercice("01_dates_inscription", indices=(
    "Il y a trois façons d'écrire une date dans la colonne : lisez-les une par une, chacune avec son format.",
    "Lisez d'abord toutes les dates au premier format (celles qui n'y sont pas restent vides), puis complétez les "
    "cases vides avec la lecture au deuxième format, puis au troisième.",
    "L'appel : `pd.to_datetime(texte, format=\"%Y-%m-%d\", errors=\"coerce\")`, puis `.fillna(...)` avec les "
    "formats `%d/%m/%Y` et `%d-%m-%y`.",
))
def _dates_inscription(reponse):
    attendu = lire_dates_melangees(table_verdance("extrait_brut")["date_inscription"])
    if not isinstance(reponse, pd.Series):
        return incorrect("Une colonne de dates, une par ligne de l'extrait, était attendue.")
    if not pd.api.types.is_datetime64_any_dtype(reponse):
        return incorrect("La colonne doit contenir des dates, pas du texte ni des nombres : lisez-la avec "
                         "pd.to_datetime.")
    if len(reponse) != len(attendu) or not reponse.index.equals(attendu.index):
        return incorrect(f"La colonne doit avoir une date par ligne de l'extrait, dans le même ordre "
                         f"({len(attendu)} lignes) ; elle en a {len(reponse)}.")
    manquantes = int(reponse.isna().sum())
    if manquantes:
        return incorrect(f"{manquantes} date(s) non lue(s) (restées vides) : un des trois formats n'est pas traité.")
    fausses = reponse.dt.normalize().to_numpy() != attendu.to_numpy()
    if fausses.any():
        exemple = table_verdance("extrait_brut")["date_inscription"][fausses].iloc[0]
        return incorrect(f"{int(fausses.sum())} date(s) mal lue(s), par exemple « {exemple} » : "
                         "jour et mois inversés, ou année à deux chiffres ?")
    return correct()


@exercice("01_personnes_distinctes", indices=(
    "Deux lignes sont la même personne si le prénom ET le nom sont identiques une fois écrits de la même façon "
    "(sans majuscules, accents, tirets ni espaces en trop).",
    "Normalisez le prénom et le nom, collez-les en une seule clé « prénom | nom », puis comptez les clés "
    "différentes.",
    "L'appel : `cle = bm.normaliser_nom(brut[\"prenom\"]) + \"|\" + bm.normaliser_nom(brut[\"nom\"])`, "
    "puis `cle.nunique()`.",
))
def _personnes_distinctes(reponse):
    defauts = defauts_extrait_brut()
    if proche(reponse, defauts["lignes"] - defauts["doublons_exacts"], 0):
        return incorrect("Vous n'avez retiré que les copies exactes : les variantes d'orthographe restent comptées "
                         "comme des personnes différentes.")
    return comparer_nombre(reponse, defauts["personnes_distinctes"], tolerance=0)


@exercice("01_contactables_email", indices=(
    "Trois conditions à la fois : l'accord pour l'email, un email bien formé, et un dernier contact de moins de "
    "trois ans au 1er janvier 2025.",
    "Pour chaque client, prenez la date de son dernier achat, ou sa date d'inscription s'il n'a jamais acheté ; "
    "gardez ceux dont cette date est le 1er janvier 2022 ou après, qui ont donné leur accord et dont l'email "
    "suit le motif.",
    "L'appel : `transactions.groupby(\"client_id\")[\"date\"].max()`, puis "
    "`clients[\"client_id\"].map(...).fillna(clients[\"date_inscription\"]) >= pd.Timestamp(\"2022-01-01\")`.",
))
def _juge_contactables_email(reponse):
    retour = comparer_ensemble(identifiants(reponse), _liste_contactables_email(), "clients")
    return avec_glissements(retour, identifiants(reponse), {"jour_decale": contactables_limite_exclue()},
                            precisions={"jour_decale": "Ici : un contact le 1er janvier 2022 compte encore."})


def contactables_limite_exclue() -> list[str]:
    """Les contactables par email quand le 1er janvier 2022 est exclu (> au lieu de ≥) : un jour de décalage."""
    clients, transactions = table_verdance("clients"), table_verdance("transactions")
    dernier_achat = transactions.groupby("client_id")["date"].max()
    derniere_activite = clients["client_id"].map(dernier_achat).fillna(clients["date_inscription"])
    garde = clients["client_id"].isin(_liste_contactables_email()) & (derniere_activite > pd.Timestamp("2022-01-01"))
    return clients.loc[garde, "client_id"].tolist()


@exercice("01_cout_par_contactable", indices=(
    "Ce qu'il faut : ce que la base coûte en un an, partagé entre les seuls clients qu'on peut réellement "
    "contacter.",
    "Coût annuel = investissement ÷ durée d'amortissement + maintenance + personnel + hébergement + mise à jour "
    "× nombre de FICHES ; divisez-le ensuite par le nombre de clients CONTACTABLES par email.",
    "L'appel : le coût annuel avec les valeurs de `hypotheses` et `len(clients)`, divisé par "
    "`len(bm.clients_contactables(clients, transactions))`.",
))
def _cout_par_contactable(reponse):
    fiches = len(table_verdance("clients"))
    couts = couts_base(**HYPOTHESES_COUT, nombre_fiches=fiches)
    contactables = len(_liste_contactables_email())
    attendu = float(couts.sum()) / contactables
    retour = comparer_nombre(reponse, attendu, tolerance=0.006, relative=False)
    h = HYPOTHESES_COUT
    sans_amortir = (h["investissement"] + h["maintenance"] + h["personnel"] + h["hebergement"]
                    + h["mise_a_jour_par_fiche"] * fiches) / contactables
    return avec_erreurs_typiques(retour, reponse, {
        "Vous avez divisé par le nombre de FICHES : le coût se rapporte aux clients qu'on peut réellement "
        "contacter.": float(couts.sum()) / fiches,
        "Vous avez compté tout l'investissement sur une seule année : il s'amortit sur sa durée (divisez-le "
        "par le nombre d'années).": sans_amortir,
    }, tolerance=0.006, echelle=1.0)


# --------------------------------------------------------------------------------------------
# Décisions : le traitement de chaque défaut, le canal permis pour chaque client
# --------------------------------------------------------------------------------------------

TRAITEMENTS_DEFAUTS = ("supprimer", "vider", "corriger", "fusionner", "garder")

DECISIONS_DEFAUTS = {
    "copie exacte d'une ligne": ("supprimer", "la copie n'apporte rien : la garder compterait deux fois le client "
                                 "et son chiffre d'affaires.", {
        "vider": "vider une case ne règle rien : la ligne en double reste et compte deux fois le client.",
        "corriger": "il n'y a rien de faux à corriger : la ligne est juste, mais en double.",
        "fusionner": "une copie exacte n'a rien à réunir : on supprime simplement le doublon.",
        "garder": "garder la copie compte deux fois le même client, et son chiffre d'affaires.",
    }),
    "email mal formé": ("vider", "un email faux ne sert à rien et fait échouer les envois ; le reste de la fiche "
                        "est juste, et l'on redemandera l'email au prochain contact.", {
        "supprimer": "supprimer la fiche fait perdre un client, son adresse et ses achats pour une seule case "
                     "fausse.",
        "corriger": "on ne peut pas deviner le bon email : le « corriger » reviendrait à inventer une adresse.",
        "fusionner": "le défaut ne vient pas d'un doublon : il n'y a rien à réunir.",
        "garder": "un email faux fait échouer les envois et fausse le compte des clients joignables.",
    }),
    "code postal sans son zéro initial": ("corriger", "la bonne valeur est certaine (un code à 4 chiffres a perdu "
                                          "son zéro dans un tableur) : on le remet.", {
        "supprimer": "la fiche est bonne à un zéro près : la supprimer ferait perdre un client.",
        "vider": "on connaît la bonne valeur : vider le code ferait perdre une adresse complète.",
        "fusionner": "le défaut ne vient pas d'un doublon : il n'y a rien à réunir.",
        "garder": "un code à 4 chiffres n'est pas une adresse valide : le courrier reviendrait.",
    }),
    "même personne sous deux codes clients": ("fusionner", "c'est un seul client : on réunit ses deux fiches (le "
                                              "code le plus ancien, les achats additionnés).", {
        "supprimer": "supprimer l'une des deux fiches ferait perdre ses achats : il faut les réunir.",
        "vider": "vider une case ne réunit pas les deux fiches : le client reste compté deux fois.",
        "corriger": "chaque fiche est juste en elle-même ; le problème est qu'il y en a deux.",
        "garder": "le même client compté deux fois fausse le nombre de clients, sa fréquence et son montant.",
    }),
}


@exercice("01_traitement_defauts", indices=(
    "Pour chaque défaut, demandez-vous ce qui est faux : toute la ligne, une seule case, ou le fait qu'il y ait "
    "deux fiches ; et si l'on connaît la bonne valeur.",
    "Une ligne en double se retire ; une case fausse dont on ignore la bonne valeur se vide ; une valeur dont la "
    "bonne forme est certaine se corrige ; deux fiches d'une même personne se réunissent.",
    "Relisez la section « La qualité des données » de la leçon, et le rapport de qualité affiché juste au-dessus.",
))
def _traitement_defauts(reponse):
    return comparer_decisions(reponse, DECISIONS_DEFAUTS, TRAITEMENTS_DEFAUTS)


CANAUX_DECISION = ("email", "sms", "courrier", "aucun")

DECISIONS_CANAUX = {
    "Mme Arnaud": ("courrier", "sans accord pour l'email ni le SMS, il reste le courrier, permis tant qu'elle ne "
                   "s'y est pas opposée, et son adresse est complète.", {
        "email": "elle n'a jamais donné son accord pour l'email : une case jamais cochée n'est pas un accord "
                 "(l'email demande un accord préalable).",
        "sms": "elle n'a pas donné son accord pour le SMS : un mobile valide ne suffit pas.",
        "aucun": "le courrier reste possible : il relève d'un régime d'opposition, et elle ne s'y est pas opposée.",
    }),
    "M. Blanc": ("email", "il a donné son accord pour l'email et son adresse est valide ; c'est le canal le moins "
                 "coûteux.", {
        "sms": "il n'a pas donné d'accord pour le SMS, et son mobile n'est pas valide.",
        "courrier": "il s'est opposé au courrier : son opposition doit être respectée.",
        "aucun": "il a donné son accord pour l'email, avec une adresse valide : on peut lui écrire.",
    }),
    "Mme Chevalier": ("aucun", "son accord email ne sert à rien avec une adresse fausse, elle n'a pas donné "
                      "d'accord SMS et s'est opposée au courrier.", {
        "email": "elle a donné son accord, mais son email est mal formé : le message n'arriverait pas. Il faut "
                 "aussi une coordonnée valide.",
        "sms": "un mobile valide ne suffit pas : sans accord pour le SMS, on n'a pas le droit de lui écrire ainsi.",
        "courrier": "elle s'est opposée au courrier : son opposition doit être respectée.",
    }),
    "M. Diallo": ("sms", "il a donné son accord pour le SMS et son mobile est valide.", {
        "email": "il n'a pas donné son accord pour l'email : un email valide ne suffit pas.",
        "courrier": "il ne s'est pas opposé au courrier, mais son adresse est incomplète : le courrier "
                    "n'arriverait pas. Il faut aussi une coordonnée valide.",
        "aucun": "il a donné son accord pour le SMS, avec un mobile valide : on peut le joindre.",
    }),
}


@exercice("01_canal_autorise", indices=(
    "Deux questions pour chaque canal : le client l'a-t-il permis, et sa coordonnée est-elle valide ?",
    "Email et SMS : il faut un accord donné pour CE canal (une case jamais cochée ne vaut pas accord). Courrier : "
    "permis tant que le client ne s'y est pas opposé. Et dans tous les cas, une coordonnée valide.",
    "Relisez le tableau « Exemple à la main » de la section RGPD de la leçon : la même grille, client par client.",
))
def _canal_autorise(reponse):
    return comparer_decisions(reponse, DECISIONS_CANAUX, CANAUX_DECISION)
