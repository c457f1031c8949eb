"""Le parcours BTS : indices qui grandissent, et peu de code tout fait en vue, pour les thèmes convertis.

Un thème est « converti » quand ses exercices ont des indices en niveaux (l'idée, la méthode, l'appel)
et que son cahier respecte le budget de code visible du cœur BTS (CONTRATS.md, interfaces de l'issue 15).
Chaque thème converti s'ajoute à ``THEMES_CONVERTIS`` (une ligne par thème, par son auteur) ; ce test
vérifie alors, pour ce thème :

- chaque exercice a au moins 2 niveaux d'indice, et le 1er (l'idée) ne contient pas de code (pas de
  backtick, pas d'appel ``nom(``) ;
- aucune cellule de code toute faite visible du cahier ne dépasse 15 lignes ;
- le cœur BTS du cahier montre au plus 60 lignes de code tout fait visibles.

Le mécanisme des indices lui-même (niveau min(n, nombre), remise à zéro) est testé ici pour tous.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grc.exercices import EXERCICES, controler, exercice, oublier_essais
from grc.exercices.registre import CODE, charger_themes
from grc.exercices.retour import correct, incorrect

#: Les thèmes convertis au parcours BTS : une ligne par thème, ajoutée par l'auteur du thème.
THEMES_CONVERTIS = {
    "00": "bts-a : prise en main, décision du rayon de fin d'année",
    "01": "bts-a : décisions qualité et RGPD, SQL et pandas en approfondissement",
    "02": "bts-a : RFM par grc, décisions d'action et de cible, pandas en approfondissement",
    "03": "bts-a : ABC par grc, décisions de traitement, pandas en approfondissement",
    "04": "bts-b : valeur client, décisions (budget d'une cliente, canal de conquête, segment à fidéliser), pandas en approfondissement",
    "05": "bts-b : marketing relationnel, décisions (programme d'une enseigne discount, moyen qui écoute), pandas en approfondissement",
    "06": "bts-b : thème entier d'approfondissement (scores, AUC, k-means), préparations et graphiques repliés",
    "07": "bts-b : PAC, décisions (action à remplacer, mesure corrective, segment de reconquête), pandas en approfondissement",
    "08": "bts-c : évaluer, décisions (indicateur par objectif, objectifs de K09 et d'attrition), pandas et test A/B en approfondissement",
    "09": "bts-c : techniques de vente, décisions (réplique à une objection, secteur à prospecter), pandas en approfondissement",
    "10": "bts-c : étude de cas, score donné, cinq décisions vérifiées, SQL, CLV, AUC et témoin en approfondissement",
    "11": "bts-c : données réelles, tout le thème en approfondissement",
}


MAX_LIGNES_CELLULE = 15
MAX_LIGNES_COEUR = 60


def _exercices_du_theme(numero: str) -> list:
    charger_themes()
    return [ex for nom, ex in sorted(EXERCICES.items()) if nom.startswith(f"{numero}_")]


@pytest.mark.parametrize("numero", sorted(THEMES_CONVERTIS))
def test_indices_en_niveaux_sans_code_au_premier(numero: str) -> None:
    exercices = _exercices_du_theme(numero)
    assert exercices, f"thème {numero} : aucun exercice enregistré"
    for ex in exercices:
        assert len(ex.indices) >= 2, f"{ex.nom} : {len(ex.indices)} niveau(x) d'indice, 2 au moins attendus"
        assert not CODE.search(ex.indices[0]), f"{ex.nom} : l'idée (niveau 1) contient du code : {ex.indices[0]}"


@pytest.mark.parametrize("numero", sorted(THEMES_CONVERTIS))
def test_peu_de_code_tout_fait_en_vue(numero: str) -> None:
    from outils.mesures_parcours import mesurer_theme

    mesure = mesurer_theme(numero)
    trop_longues = [(i, n) for i, n in mesure.cellules_visibles if n > MAX_LIGNES_CELLULE]
    assert not trop_longues, (
        f"thème {numero} : cellule(s) de code toute faite visible(s) de plus de {MAX_LIGNES_CELLULE} lignes "
        f"(rang de la cellule, lignes) : {trop_longues} ; repliez-la (jupyter.source_hidden) ou raccourcissez-la"
    )
    assert mesure.lignes_visibles_coeur <= MAX_LIGNES_COEUR, (
        f"thème {numero} : {mesure.lignes_visibles_coeur} lignes de code tout fait visibles dans le cœur BTS "
        f"(au plus {MAX_LIGNES_COEUR})"
    )


def test_le_code_est_reconnu_dans_un_indice() -> None:
    assert CODE.search("Utilisez `nunique`.") and CODE.search("t.groupby('x')")
    assert not CODE.search("Comptez les client(s) différents (un par ligne).")


@pytest.fixture
def exercice_essai():
    oublier_essais()

    @exercice("99_essai_indices", indices=("Pensez aux tickets.", "Divisez le total par le nombre de tickets.",
                                           "`t['ticket_id'].nunique()`"))
    def _juge(reponse):
        return correct() if reponse == 1 else incorrect("Non.")

    yield "99_essai_indices"
    EXERCICES.pop("99_essai_indices", None)
    oublier_essais()


def _indice(nom: str, reponse) -> str:
    return controler(nom, reponse).message.split("\n", 1)[1]


def test_les_indices_grandissent_puis_restent_au_dernier_niveau(exercice_essai) -> None:
    vus = [_indice(exercice_essai, 2) for _ in range(4)]
    assert vus[0] == "Indice 1/3 — l'idée : Pensez aux tickets."
    assert vus[1].startswith("Indice 2/3 — la méthode : ")
    assert vus[2] == vus[3] == "Indice 3/3 — l'appel : `t['ticket_id'].nunique()`"


def test_le_troisieme_niveau_sans_code_n_est_pas_un_appel() -> None:
    oublier_essais()

    @exercice("99_essai_decision", indices=("Pensez au client.", "Comparez les segments.",
                                            "Relisez la section sur les clients à risque."))
    def _juge(reponse):
        return incorrect("Non.")

    try:
        assert [_indice("99_essai_decision", 2) for _ in range(3)][2] == (
            "Indice 3/3 — le coup de pouce : Relisez la section sur les clients à risque.")
    finally:
        EXERCICES.pop("99_essai_decision")
        oublier_essais()


def test_une_bonne_reponse_remet_a_zero_et_le_vide_ne_compte_pas(exercice_essai) -> None:
    _indice(exercice_essai, 2)
    controler(exercice_essai, ...)
    assert _indice(exercice_essai, 2).startswith("Indice 2/3")
    assert controler(exercice_essai, 1).est_correct
    assert _indice(exercice_essai, 2).startswith("Indice 1/3")


def test_l_ancien_indice_unique_marche_encore() -> None:
    oublier_essais()

    @exercice("99_essai_ancien", indice="Comptez les lignes.")
    def _juge(reponse):
        return incorrect("Non.")

    try:
        assert [_indice("99_essai_ancien", 2) for _ in range(2)] == ["Indice : Comptez les lignes."] * 2
    finally:
        EXERCICES.pop("99_essai_ancien")


def test_indice_et_indices_ensemble_sont_refuses() -> None:
    with pytest.raises(ValueError, match="soit indice=, soit indices="):
        exercice("99_x", indice="a", indices=("b", "c"))
    with pytest.raises(ValueError, match="suite de textes"):
        exercice("99_x", indices="une idée")


SOLUTIONS = Path(__file__).resolve().parents[1] / "solutions"


@pytest.mark.parametrize("carnet", sorted(SOLUTIONS.glob("*.ipynb")), ids=lambda p: p.name[:2])
def test_chaque_cellule_repliee_a_sa_legende(carnet: Path) -> None:
    """Une cellule repliée suit une légende en français qui dit comment l'ouvrir (« ••• », comme JupyterLab
    le dessine), ou une autre cellule repliée couverte par la même légende."""
    cellules = json.loads(carnet.read_text(encoding="utf-8"))["cells"]
    sans_legende = []
    for rang, cellule in enumerate(cellules):
        if not cellule["metadata"].get("jupyter", {}).get("source_hidden"):
            continue
        avant = cellules[rang - 1] if rang else {"cell_type": "", "metadata": {}, "source": ""}
        legende = avant["cell_type"] == "markdown" and "•••" in "".join(avant["source"])
        suite = avant["cell_type"] == "code" and avant["metadata"].get("jupyter", {}).get("source_hidden")
        if not (legende or suite):
            sans_legende.append(rang)
    assert not sans_legende, f"{carnet.name} : cellule(s) repliée(s) sans légende « ••• » juste avant : {sans_legende}"
