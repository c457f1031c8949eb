"""Typologies d'acheteurs : le mix de rayons de chaque client, regroupé par k-means."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from grc.scoring._ventes import lignes_de_vente, ordre_des_rayons
from grc.validation import ErreurDonnees, en_nombres, signaler_exclusion, verifier_table


def mix_rayons(
    transactions: pd.DataFrame,
    *,
    client: str = "client_id",
    rayon: str = "rayon",
    montant: str = "montant_ht",
    quantite: str = "quantite",
) -> pd.DataFrame:
    """Le mix de rayons de chaque client : la part de ses achats (en montant) faite dans chaque rayon.

    part(client, rayon) = montant acheté dans le rayon / montant total acheté ; chaque ligne fait 1.
    Seules les ventes comptent (retours écartés et signalés) ; un client dont les achats totalisent
    0 € ou moins n'a pas de mix (écarté et signalé).

    Examples
    --------
    >>> lignes = pd.DataFrame({"client_id": ["A", "A", "B"], "quantite": [1, 1, 2],
    ...                        "rayon": ["Végétaux", "Décoration", "Végétaux"],
    ...                        "montant_ht": [30.0, 10.0, 8.0]})
    >>> mix_rayons(lignes)  # doctest: +NORMALIZE_WHITESPACE
    rayon      Décoration  Végétaux
    client_id
    A                0.25      0.75
    B                0.00      1.00
    """
    ventes = lignes_de_vente(transactions, [client, rayon, montant], quantite)
    ventes = ventes.assign(**{montant: en_nombres(ventes[montant], montant)})
    sommes = ventes.groupby([client, rayon], observed=True)[montant].sum().unstack(fill_value=0.0)
    sommes.columns = [str(c) for c in sommes.columns]
    sommes = sommes[ordre_des_rayons(sommes.columns, transactions[rayon])]
    total = sommes.sum(axis=1)
    signaler_exclusion(int((total <= 0).sum()), "client dont les achats totalisent 0 € ou moins (pas de mix)")
    mix = sommes[total > 0].div(total[total > 0], axis=0)
    mix.columns.name = rayon
    return mix


def _mix_valide(mix: object) -> pd.DataFrame:
    table = verifier_table(mix, [], "la table des mix")
    if not all(pd.api.types.is_numeric_dtype(table[c]) for c in table.columns) or table.isna().any().any():
        raise ErreurDonnees("La table des mix doit contenir des nombres sans valeur manquante (sortie de mix_rayons).")
    return table


def typologies(mix: pd.DataFrame, *, k: int = 6, random_state: int = 0, n_init: int = 10) -> pd.Series:
    """Regroupe les clients de mix proche par k-means : une typologie (1 à k) par client.

    k-means cherche k centres et affecte chaque client au plus proche (distance euclidienne entre
    mix) de façon à minimiser la somme des carrés des distances (l'**inertie**). Les parts sont
    déjà toutes entre 0 et 1 : pas besoin de les standardiser. Le résultat dépend du tirage des
    centres de départ : ``random_state`` le fixe (mêmes typologies à chaque exécution), ``n_init``
    garde le meilleur de plusieurs départs.

    Les typologies sont numérotées de la plus nombreuse (1) à la moins nombreuse (k) : le numéro
    ne dépend pas de l'ordre interne de scikit-learn.

    Examples
    --------
    >>> mix = pd.DataFrame({"Végétaux": [1.0, 0.9, 0.0, 0.1, 0.95], "Décoration": [0.0, 0.1, 1.0, 0.9, 0.05]},
    ...                    index=list("ABCDE"))
    >>> typologies(mix, k=2).to_dict()
    {'A': 1, 'B': 1, 'C': 2, 'D': 2, 'E': 1}
    """
    from sklearn.cluster import KMeans

    table = _mix_valide(mix)
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or not 2 <= k < len(table):
        raise ErreurDonnees(f"k doit être un entier de 2 au nombre de clients − 1 ({len(table) - 1}), pas {k!r}.")
    etiquettes = KMeans(n_clusters=int(k), n_init=n_init, random_state=random_state).fit_predict(table.to_numpy())
    effectifs = np.bincount(etiquettes, minlength=k)
    rang = np.empty(k, dtype="int64")
    rang[np.lexsort((np.arange(k), -effectifs))] = np.arange(1, k + 1)
    return pd.Series(rang[etiquettes], index=table.index, name="typologie")


def profil_typologies(mix: pd.DataFrame, typologie: pd.Series) -> pd.DataFrame:
    """Le portrait de chaque typologie : effectif, part des clients, mix moyen, rayon dominant.

    Le mix moyen d'une typologie est le **centre** trouvé par k-means. ``rayon_dominant`` est le
    rayon de plus forte part moyenne : un bon point de départ pour nommer la typologie.

    Examples
    --------
    >>> mix = pd.DataFrame({"Végétaux": [1.0, 0.8, 0.2], "Décoration": [0.0, 0.2, 0.8]}, index=list("ABC"))
    >>> profil_typologies(mix, pd.Series([1, 1, 2], index=list("ABC")))  # doctest: +NORMALIZE_WHITESPACE
               effectif  part_clients  Végétaux  Décoration rayon_dominant
    typologie
    1                 2      0.666667       0.9         0.1       Végétaux
    2                 1      0.333333       0.2         0.8     Décoration
    """
    table = _mix_valide(mix)
    groupes = pd.Series(typologie).reindex(table.index)
    if groupes.isna().any():
        raise ErreurDonnees(f"{int(groupes.isna().sum())} client(s) du mix sans typologie : alignez les deux index.")
    centres = table.groupby(groupes.rename("typologie")).mean()
    effectif = groupes.value_counts().reindex(centres.index)
    profil = centres.assign(rayon_dominant=centres.idxmax(axis=1))
    profil.insert(0, "part_clients", effectif / effectif.sum())
    profil.insert(0, "effectif", effectif.astype("int64"))
    profil.columns.name = None
    return profil


def choix_nombre_typologies(
    mix: pd.DataFrame,
    *,
    valeurs_k: Iterable[int] = range(2, 11),
    random_state: int = 0,
    n_init: int = 10,
    echantillon: int | None = None,
) -> pd.DataFrame:
    """Aide au choix de k : l'inertie et l'indice de silhouette de k-means pour chaque k.

    - ``inertie`` : somme des carrés des distances de chaque client à son centre ; elle baisse
      toujours quand k augmente (on cherche le « coude » où elle cesse de baisser vite) ;
    - ``silhouette`` (de −1 à 1) : pour chaque client, (b − a) / max(a, b), avec a sa distance
      moyenne aux clients de sa typologie et b celle aux clients de la typologie voisine ; la
      moyenne est d'autant plus haute que les typologies sont compactes et bien séparées.
      ``echantillon`` la calcule sur ce nombre de clients tirés au sort (graine ``random_state``) :
      le calcul exact compare chaque client à tous les autres, ce qui est lent sur une grande base.

    Examples
    --------
    >>> mix = pd.DataFrame({"Végétaux": [1.0, 0.9, 0.0, 0.1, 0.95, 0.05],
    ...                     "Décoration": [0.0, 0.1, 1.0, 0.9, 0.05, 0.95]})
    >>> int(choix_nombre_typologies(mix, valeurs_k=[2, 3])["silhouette"].idxmax())
    2
    """
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    table = _mix_valide(mix).to_numpy()
    lignes = {}
    for k in valeurs_k:
        modele = KMeans(n_clusters=int(k), n_init=n_init, random_state=random_state).fit(table)
        silhouette = silhouette_score(table, modele.labels_, sample_size=echantillon, random_state=random_state)
        lignes[int(k)] = {"inertie": modele.inertia_, "silhouette": silhouette}
    resultat = pd.DataFrame.from_dict(lignes, orient="index")
    resultat.index.name = "k"
    return resultat
