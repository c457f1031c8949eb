"""Segmentation RFM (récence, fréquence, montant) et FRAT (RFM + type de produit).

La chaîne du cours se lit de gauche à droite :
``tableau_rfm(transactions).pipe(scores_rfm).pipe(segments_rfm)``.

- :func:`tableau_rfm` : une ligne par client, sa récence, sa fréquence et son montant ;
- :func:`scores_rfm` : les notes R, F, M de 1 à q (q = meilleur), par quantiles ou par les seuils
  de l'enseignant ;
- :func:`segments_rfm` : un segment nommé par client, selon la table publique ``REGLES_SEGMENTS`` ;
- :func:`tableau_frat` : le tableau RFM complété des types de produits achetés (méthode FRAT) ;

Tout est vectorisé (aucune boucle Python sur les clients) : un million de lignes se traite en
moins d'une seconde.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from grc.validation import (
    ErreurDonnees,
    en_nombres,
    lignes_jusqu_a,
    lignes_valides,
    lire_date,
    verifier_table,
)

__all__ = [
    "REGLES_SEGMENTS",
    "scores_rfm",
    "segments_rfm",
    "tableau_frat",
    "tableau_rfm",
]

_NOM_TABLE = "la table des transactions"


# --------------------------------------------------------------------------------------------
# Préparation des lignes (commune à toutes les fonctions)
# --------------------------------------------------------------------------------------------


def _rfm_depuis_lignes(lignes: pd.DataFrame, reference: pd.Timestamp, avec_ticket: bool) -> pd.DataFrame:
    groupes = lignes.groupby("client", sort=True, observed=True)
    rfm = groupes.agg(derniere=("date", "max"), montant=("montant", "sum"))
    if avec_ticket:
        frequence = groupes["ticket"].nunique()
    else:
        frequence = groupes.size()
    return pd.DataFrame(
        {
            "recence": (reference - rfm["derniere"]).dt.days.astype("int64"),
            "frequence": frequence.astype("int64"),
            "montant": rfm["montant"].astype("float64"),
        }
    )


def _preparer_rfm(transactions, date_reference, colonnes: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    lignes = lignes_valides(transactions, colonnes)
    if date_reference is None:
        reference = lignes["date"].max() + pd.Timedelta(days=1)
    else:
        reference = lire_date(date_reference, "date_reference")
        lignes = lignes_jusqu_a(lignes, reference, "la date de référence")
    rfm = _rfm_depuis_lignes(lignes, reference, "ticket" in colonnes)
    rfm.index.name = colonnes["client"]
    rfm.attrs["date_reference"] = reference
    return rfm, lignes


def _colonnes(client, date, montant, ticket, type_produit=None) -> dict[str, str]:
    colonnes = {"client": client, "date": date, "montant": montant}
    if ticket is not None:
        colonnes["ticket"] = ticket
    if type_produit is not None:
        colonnes["type"] = type_produit
    return colonnes


# --------------------------------------------------------------------------------------------
# Tableau RFM
# --------------------------------------------------------------------------------------------


def tableau_rfm(
    transactions: pd.DataFrame,
    *,
    date_reference: object = None,
    client: str = "client_id",
    date: str = "date",
    montant: str = "montant_ht",
    ticket: str | None = None,
) -> pd.DataFrame:
    """Calcule la récence, la fréquence et le montant de chaque client.

    Formules, pour un client :

    - ``recence`` = date_reference − date de son dernier achat, en jours entiers ;
    - ``frequence`` = nombre d'achats distincts : nombre de tickets distincts si ``ticket`` est
      donné, sinon nombre de lignes (une ligne = un achat) ;
    - ``montant`` = somme de ses montants sur la période.

    Parameters
    ----------
    transactions : DataFrame
        Une ligne par achat ou par ligne de ticket.
    date_reference : date ou texte, optionnel
        Jour d'où l'on mesure la récence (le cours prend '2025-01-01'). Par défaut : le lendemain
        de la dernière date des données. Les lignes datées après elle sont écartées et signalées.
    client, date, montant : str
        Noms des colonnes (par défaut ceux des données Verdance).
    ticket : str, optionnel
        Colonne du numéro de ticket. Nos transactions sont des lignes de ticket : passez
        ``ticket="ticket_id"`` pour compter des passages en caisse et non des articles.

    Returns
    -------
    DataFrame
        Index : l'identifiant client (trié) ; colonnes ``recence`` (entier, jours), ``frequence``
        (entier) et ``montant`` (réel, €).

    Notes
    -----
    - Les retours (montants négatifs) sont **additionnés** au montant : le montant est le chiffre
      d'affaires net (achats − retours). Comme toute ligne, une ligne de retour compte aussi pour la
      date du dernier passage, et un ticket qui ne contient que des retours compte comme un passage.
    - L'heure éventuelle des dates est ignorée : seuls les jours comptent.
    - Lignes écartées, avec un avertissement ``LignesExclues`` qui dit combien et pourquoi :
      identifiant client, date, montant ou ticket manquant ; date postérieure à ``date_reference``.
    - Erreur française (``ErreurDonnees``) : table vide, colonne manquante, date ou montant
      illisible.

    Examples
    --------
    >>> achats = pd.DataFrame({
    ...     "client_id": ["A", "A", "B"],
    ...     "date": ["2024-12-21", "2024-06-01", "2024-10-01"],
    ...     "montant_ht": [30.0, 50.0, 20.0],
    ... })
    >>> tableau_rfm(achats, date_reference="2025-01-01")  # doctest: +NORMALIZE_WHITESPACE
               recence  frequence  montant
    client_id
    A               11          2     80.0
    B               92          1     20.0
    """
    rfm, _ = _preparer_rfm(transactions, date_reference, _colonnes(client, date, montant, ticket))
    return rfm


def tableau_frat(
    transactions: pd.DataFrame,
    *,
    date_reference: object = None,
    client: str = "client_id",
    date: str = "date",
    montant: str = "montant_ht",
    ticket: str | None = None,
    type_produit: str = "rayon",
) -> pd.DataFrame:
    """Tableau FRAT : le tableau RFM complété par les types de produits achetés.

    La méthode FRAT (*Frequency, Recency, Amount, Type*) ajoute au RFM le type de produit, utile
    pour une enseigne à assortiment large. Pour chaque client :

    - ``type_principal`` = le type où son montant net est le plus élevé (à égalité, le premier
      dans l'ordre alphabétique) ;
    - ``nb_types`` = nombre de types distincts achetés ;
    - ``types_achetes`` = ces types, dans l'ordre alphabétique, séparés par « + ».

    Parameters
    ----------
    transactions, date_reference, client, date, montant, ticket
        Comme pour :func:`tableau_rfm` (mêmes conventions, mêmes exclusions).
    type_produit : str
        Colonne du type de produit : ``"rayon"`` (6 rayons) ou ``"famille"`` (plus fin).

    Returns
    -------
    DataFrame
        Les colonnes de :func:`tableau_rfm` puis ``type_principal``, ``nb_types``, ``types_achetes``.

    Examples
    --------
    >>> achats = pd.DataFrame({
    ...     "client_id": ["A", "A", "A", "B"],
    ...     "date": ["2024-12-21", "2024-12-21", "2024-06-01", "2024-10-01"],
    ...     "montant_ht": [30.0, 10.0, 50.0, 20.0],
    ...     "rayon": ["Végétaux", "Animalerie", "Animalerie", "Décoration"],
    ... })
    >>> tableau_frat(achats, date_reference="2025-01-01")[["type_principal", "nb_types", "types_achetes"]]  # doctest: +NORMALIZE_WHITESPACE
              type_principal  nb_types          types_achetes
    client_id
    A             Animalerie         2  Animalerie + Végétaux
    B             Décoration         1             Décoration
    """
    colonnes = _colonnes(client, date, montant, ticket, type_produit)
    rfm, lignes = _preparer_rfm(transactions, date_reference, colonnes)
    lignes = lignes.assign(type=lignes["type"].astype("str"))
    par_type = lignes.groupby(["client", "type"], observed=True)["montant"].sum().reset_index()
    par_type = par_type.sort_values(["client", "montant", "type"], ascending=[True, False, True], kind="stable")
    principal = par_type.drop_duplicates("client").set_index("client")["type"]
    achats = par_type.pivot(index="client", columns="type", values="montant").notna()
    types = pd.Series("", index=achats.index, dtype="str")
    for nom_type in sorted(achats.columns):  # une boucle par type de produit, pas par client
        separateur = np.where(types == "", "", " + ")
        types = types.where(~achats[nom_type], types + separateur + nom_type)
    frat = rfm.assign(
        type_principal=principal.reindex(rfm.index).to_numpy(),
        nb_types=achats.sum(axis=1).reindex(rfm.index).astype("int64").to_numpy(),
        types_achetes=types.reindex(rfm.index).to_numpy(),
    )
    frat.attrs = dict(rfm.attrs)
    return frat


# --------------------------------------------------------------------------------------------
# Scores
# --------------------------------------------------------------------------------------------

_DIMENSIONS = {"R": "recence", "F": "frequence", "M": "montant"}


def _notes_par_quantiles(valeurs: np.ndarray, q: int) -> np.ndarray:
    """Notes 1..q par remplissage de bas en haut, sans jamais séparer deux ex-aequo.

    La note j vise, parmi les clients restants, la part 1/(nombre de notes restantes) des plus
    petites valeurs ; la classe s'arrête à la fin du groupe d'ex-aequo qui tombe le plus près de
    cette cible (au moins un groupe par note). Sans ex-aequo, ce sont des quantiles (effectifs
    égaux à un client près). Le calcul porte sur les valeurs distinctes : une boucle sur les q
    notes, aucune sur les clients.
    """
    distinctes, position, effectifs = np.unique(valeurs, return_inverse=True, return_counts=True)
    cumul = np.cumsum(effectifs)
    n = int(cumul[-1])
    note_distincte = np.empty(len(distinctes), dtype="int64")
    deja, premier = 0, 0
    for note in range(1, q + 1):
        restants, notes_restantes = n - deja, q - note + 1
        if restants == 0:
            break
        # cible = deja + restants / notes_restantes ; on compare en entiers (tout multiplié par k)
        cible = deja * notes_restantes + restants
        dessus = int(np.searchsorted(cumul * notes_restantes, cible))  # 1er groupe qui atteint la cible
        dessous = dessus - 1  # le groupe d'avant, s'il en reste un à classer
        if dessous >= premier and cible - cumul[dessous] * notes_restantes < cumul[dessus] * notes_restantes - cible:
            dessus = dessous
        note_distincte[premier : dessus + 1] = note
        premier, deja = dessus + 1, int(cumul[dessus])
    return note_distincte[position.reshape(-1)]


def _seuils_normalises(seuils: Mapping | None, q: int) -> dict[str, np.ndarray]:
    if seuils is None:
        return {}
    if not isinstance(seuils, Mapping):
        raise ErreurDonnees(
            "seuils doit être un dictionnaire par dimension, par exemple "
            "{'R': [30, 90, 180, 365], 'F': [2, 3, 5, 10]}."
        )
    alias = {"R": "R", "F": "F", "M": "M", "recence": "R", "frequence": "F", "montant": "M"}
    normalises = {}
    for cle, bornes in seuils.items():
        if cle not in alias:
            raise ErreurDonnees(f"Dimension inconnue dans seuils : {cle!r}. Utilisez 'R', 'F' ou 'M'.")
        bornes = np.asarray(bornes, dtype="float64")
        if bornes.ndim != 1 or len(bornes) != q - 1:
            raise ErreurDonnees(
                f"seuils[{cle!r}] doit contenir q − 1 = {q - 1} bornes (une entre deux notes), "
                f"pas {bornes.size}."
            )
        if np.any(np.diff(bornes) <= 0) or np.isnan(bornes).any():
            raise ErreurDonnees(f"Les bornes de seuils[{cle!r}] doivent être strictement croissantes.")
        normalises[alias[cle]] = bornes
    return normalises


def _notes(valeurs: np.ndarray, dimension: str, q: int, bornes: np.ndarray | None) -> np.ndarray:
    if bornes is not None:
        depasses = np.searchsorted(bornes, valeurs, side="right")  # nombre de bornes <= valeur
        return (q - depasses) if dimension == "R" else (1 + depasses)
    sens = -1.0 if dimension == "R" else 1.0  # une petite récence est une bonne note
    return _notes_par_quantiles(sens * valeurs, q)


def scores_rfm(rfm: pd.DataFrame, *, q: int = 5, seuils: Mapping | None = None) -> pd.DataFrame:
    """Ajoute les notes R, F, M (de 1 à q, q = meilleur), le code RFM et le score RFM.

    q = meilleur : les clients les plus **récents** (petite récence) pour R, les plus
    **fréquents** pour F, les plus **dépensiers** pour M.

    - ``code_rfm`` = les trois notes juxtaposées (texte, par exemple « 543 ») ;
    - ``score_rfm`` = R + F + M (de 3 à 3q).

    **Par quantiles (par défaut).** On range les clients du moins bon au meilleur et on remplit
    les notes de bas en haut : la note 1 vise le premier cinquième des clients (si q = 5), la
    note 2 le premier quart de ceux qui restent, etc. ; en formule, la note j vise la part
    1 / (q − j + 1) des clients restants. Deux clients qui ont la même valeur reçoivent **toujours
    la même note** : une classe s'arrête à la fin d'un groupe d'ex-aequo, jamais au milieu (celui
    dont la fin tombe le plus près de la cible, au moins un groupe par note).

    Pourquoi cette règle : quand 60 % des clients n'ont acheté qu'une fois, les seuils des
    quintiles coïncident (1, 1, 1…) et ``pd.qcut`` plante ou fusionne des classes ; découper sur
    les rangs (``rank(method="first")``) donnerait F = 1, 2 ou 3 à des clients identiques, selon
    l'ordre des lignes. Ici, tous les clients à un achat reçoivent F = 1 et les 40 % restants se
    partagent les notes 2 à 5 de la même façon. Les notes attribuées se suivent (1, 2, 3…) :
    aucune note vide au milieu. Sans ex-aequo, on retrouve des quantiles (classes égales à un
    client près) ; le résultat ne dépend pas de l'ordre des lignes. Limite : une dimension qui a
    moins de q valeurs distinctes, ou un très gros groupe d'ex-aequo en haut, n'atteint pas la
    note q (toutes les valeurs égales : tout le monde a 1) ; donnez alors vos ``seuils``.

    **Par seuils de l'enseignant.** ``seuils={"R": [30, 90, 180, 365], "F": [2, 3, 5, 10]}`` :
    q − 1 bornes croissantes par dimension (les autres restent par quantiles). Pour F et M, la
    note = 1 + nombre de bornes ≤ valeur (F = 2 achats → note 2 ; F = 10 → note 5). Pour R, où
    petit est bon, la note = q − nombre de bornes ≤ récence (récence 29 j → 5, 30 j → 4).

    Parameters
    ----------
    rfm : DataFrame
        Colonnes ``recence``, ``frequence``, ``montant`` (la sortie de :func:`tableau_rfm`).
    q : int
        Nombre de notes, de 2 à 9 (5 : quintiles, 3 : terciles).
    seuils : dict, optionnel
        Bornes par dimension ('R', 'F', 'M'), q − 1 valeurs strictement croissantes.

    Returns
    -------
    DataFrame
        Une copie de ``rfm`` avec ``R``, ``F``, ``M`` (entiers), ``code_rfm`` et ``score_rfm``.

    Examples
    --------
    >>> rfm = pd.DataFrame({"recence": [4, 12, 32, 200, 305, 449],
    ...                     "frequence": [1, 5, 2, 1, 2, 6],
    ...                     "montant": [40.0, 900.0, 150.0, 60.0, 120.0, 700.0]},
    ...                    index=["Emma", "Alice", "Chloé", "Bruno", "Félix", "Driss"])
    >>> scores_rfm(rfm, q=3)[["R", "F", "M", "code_rfm", "score_rfm"]]
           R  F  M code_rfm  score_rfm
    Emma   3  1  1      311          5
    Alice  3  3  3      333          9
    Chloé  2  2  2      222          6
    Bruno  2  1  1      211          4
    Félix  1  2  2      122          5
    Driss  1  3  3      133          7
    """
    table = verifier_table(rfm, list(_DIMENSIONS.values()), "le tableau RFM")
    if isinstance(q, bool) or not isinstance(q, int | np.integer) or not 2 <= q <= 9:
        raise ErreurDonnees(f"q doit être un entier de 2 à 9 (5 pour des quintiles), pas {q!r}.")
    bornes = _seuils_normalises(seuils, q)
    notes = {}
    for dimension, colonne in _DIMENSIONS.items():
        valeurs = en_nombres(table[colonne], colonne).to_numpy()
        if np.isnan(valeurs).any():
            raise ErreurDonnees(
                f"La colonne '{colonne}' contient {int(np.isnan(valeurs).sum())} valeur(s) manquante(s) : "
                "recalculez le tableau avec tableau_rfm, qui écarte et signale les lignes incomplètes."
            )
        notes[dimension] = _notes(valeurs, dimension, q, bornes.get(dimension))
    sortie = table.assign(**notes)
    sortie["code_rfm"] = sortie["R"].astype("str") + sortie["F"].astype("str") + sortie["M"].astype("str")
    sortie["score_rfm"] = sortie["R"] + sortie["F"] + sortie["M"]
    sortie.attrs = {**table.attrs, "q": int(q)}
    return sortie


# --------------------------------------------------------------------------------------------
# Segments
# --------------------------------------------------------------------------------------------

REGLES_SEGMENTS = pd.DataFrame(
    [
        ("Très bons clients", 4, 5, 4, 5, 4, 5, "Sécuriser la relation : reconnaissance, service privilégié, pas de remise systématique."),
        ("Bons clients", 3, 5, 3, 5, 3, 5, "Fidéliser et faire monter le panier : ventes croisées, carte de fidélité."),
        ("Nouveaux clients", 4, 5, 1, 1, 1, 5, "Accueillir et provoquer le deuxième achat : message de bienvenue, offre de retour."),
        ("Clients prometteurs", 4, 5, 2, 5, 1, 5, "Accompagner : conseils, offres ciblées sur leurs rayons pour augmenter fréquence et panier."),
        ("Clients à risque", 1, 3, 3, 5, 1, 5, "Relancer vite (futurs non-clients) : contact personnel, offre de reconquête."),
        ("Clients à risque", 1, 3, 1, 2, 4, 5, "Relancer vite (futurs non-clients) : contact personnel, offre de reconquête."),
        ("Clients occasionnels", 2, 3, 1, 2, 1, 3, "Réveiller à faible coût : newsletter, temps forts saisonniers."),
        ("Inactifs", 1, 1, 1, 5, 1, 5, "Traiter comme des prospects : campagne de réactivation, puis sortir du fichier actif."),
    ],
    columns=["segment", "r_min", "r_max", "f_min", "f_max", "m_min", "m_max", "action"],
)
"""Règles des segments RFM, lues dans l'ordre : la **première** règle vérifiée donne le segment.

Une règle est vérifiée si r_min ≤ R ≤ r_max, f_min ≤ F ≤ f_max et m_min ≤ M ≤ m_max. Les bornes
sont écrites pour des notes de 1 à 5 ; avec un autre q, les notes sont ramenées sur 1–5 par
l'arrondi de 1 + (note − 1) × 4 / (q − 1) (q = 3 : 1, 3, 5 ; q = 9 : 1, 2, 2, 3, 3, 4, 4, 5, 5). Les règles couvrent les 125 codes possibles : chaque client a
exactement un segment. Un segment peut occuper plusieurs lignes (« Clients à risque »).
Pour adapter : ``regles = REGLES_SEGMENTS.copy()``, modifiez, puis ``segments_rfm(scores, regles)``.
"""

_COLONNES_REGLES = ["segment", "r_min", "r_max", "f_min", "f_max", "m_min", "m_max"]


def segments_rfm(scores: pd.DataFrame, *, regles: pd.DataFrame | None = None, q: int | None = None) -> pd.DataFrame:
    """Ajoute la colonne ``segment`` : le nom du segment RFM de chaque client.

    Chaque client reçoit le segment de la **première** règle de ``regles`` qu'il vérifie
    (r_min ≤ R ≤ r_max, et de même pour F et M). Les règles par défaut, ``REGLES_SEGMENTS``,
    donnent 7 segments (notes sur 1–5) :

    ==========================  ==============================================================
    Très bons clients           R ≥ 4, F ≥ 4, M ≥ 4
    Bons clients                R ≥ 3, F ≥ 3, M ≥ 3 (et pas très bons)
    Nouveaux clients            R ≥ 4, F = 1 (achat récent, un seul passage)
    Clients prometteurs         R ≥ 4, F ≥ 2 (récents, pas encore bons)
    Clients à risque            R ≤ 3 et (F ≥ 3 ou M ≥ 4) : futurs non-clients à relancer
    Clients occasionnels        R = 2 ou 3, F ≤ 2, M ≤ 3
    Inactifs                    R = 1, F ≤ 2, M ≤ 3 : à reconsidérer comme des prospects
    ==========================  ==============================================================

    Parameters
    ----------
    scores : DataFrame
        Colonnes ``R``, ``F``, ``M`` (la sortie de :func:`scores_rfm`).
    regles : DataFrame, optionnel
        Table de règles (colonnes segment, r_min, r_max, f_min, f_max, m_min, m_max) ; par défaut
        ``REGLES_SEGMENTS``.
    q : int, optionnel
        Note maximale des scores ; par défaut celle retenue par :func:`scores_rfm`, sinon 5.

    Returns
    -------
    DataFrame
        Une copie de ``scores`` avec ``segment`` (catégorie, dans l'ordre des règles).

    Examples
    --------
    >>> scores = pd.DataFrame({"R": [5, 5, 1, 2, 1], "F": [5, 1, 3, 4, 2], "M": [4, 2, 5, 4, 2]},
    ...                       index=["Alice", "Emma", "Driss", "Chloé", "Félix"])
    >>> segments_rfm(scores)["segment"].tolist()
    ['Très bons clients', 'Nouveaux clients', 'Clients à risque', 'Clients à risque', 'Inactifs']
    """
    table = verifier_table(scores, ["R", "F", "M"], "le tableau des scores")
    regles = REGLES_SEGMENTS if regles is None else verifier_table(regles, _COLONNES_REGLES, "la table des règles")
    q = int(q if q is not None else table.attrs.get("q", 5))
    notes = {}
    for dimension in "RFM":
        valeurs = en_nombres(table[dimension], dimension).to_numpy()
        if np.isnan(valeurs).any() or (valeurs < 1).any() or (valeurs > q).any():
            raise ErreurDonnees(
                f"Les notes {dimension} doivent être des entiers de 1 à {q} : calculez-les avec scores_rfm, "
                "ou indiquez la note maximale avec q=..."
            )
        notes[dimension] = np.floor(1.5 + (valeurs - 1) * 4 / (q - 1)) if q != 5 else valeurs  # arrondi sur 1–5
    conditions = [
        (notes["R"] >= r.r_min) & (notes["R"] <= r.r_max)
        & (notes["F"] >= r.f_min) & (notes["F"] <= r.f_max)
        & (notes["M"] >= r.m_min) & (notes["M"] <= r.m_max)
        for r in regles.itertuples()  # une condition par règle, vectorisée sur tous les clients
    ]
    numero = np.select(conditions, np.arange(len(regles)), default=-1)
    if (numero < 0).any():
        orphelins = table.loc[numero < 0, ["R", "F", "M"]].astype(int).astype(str).agg("".join, axis=1)
        raise ErreurDonnees(
            f"{int((numero < 0).sum())} client(s) ne vérifient aucune règle (codes {sorted(set(orphelins))[:5]}) : "
            "ajoutez une règle qui les couvre, par exemple une dernière règle de 1 à 5 partout."
        )
    noms = pd.unique(regles["segment"].astype("str"))
    code_du_nom = {nom: i for i, nom in enumerate(noms)}
    codes_regles = np.array([code_du_nom[nom] for nom in regles["segment"].astype("str")])
    sortie = table.assign(segment=pd.Categorical.from_codes(codes_regles[numero], categories=noms))
    sortie.attrs = dict(table.attrs)
    return sortie
