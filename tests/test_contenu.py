"""Le texte du cours : vocabulaire juste et constant d'un thème à l'autre.

Ces tests lisent tout ce qu'un élève ou un enseignant lit : les leçons (``course/*.md``), les
questions du QCM (énoncés, choix, explications), le glossaire du site, le Markdown et les
commentaires des corrigés, les docstrings et les textes du paquet ``grc``.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from grc.qcm.banque import dossier_banque

RACINE = Path(__file__).resolve().parents[1]


def _textes_du_cours() -> dict[str, str]:
    """Chaque fichier lu par un élève ou un enseignant, nommé par son chemin, et son texte."""
    textes: dict[str, str] = {}
    fichiers = [*sorted((RACINE / "course").glob("*.md")), *sorted(dossier_banque().glob("*.yml")),
                RACINE / "site" / "glossaire.yml", *sorted((RACINE / "grc").rglob("*.py"))]
    for chemin in fichiers:
        textes[chemin.relative_to(RACINE).as_posix()] = chemin.read_text(encoding="utf-8")
    for chemin in sorted((RACINE / "solutions").glob("*.ipynb")):
        carnet = nbformat.read(chemin, as_version=4)
        textes[chemin.relative_to(RACINE).as_posix()] = "\n\n".join(c.source for c in carnet.cells)
    return textes


TEXTES = _textes_du_cours()


# --- Taux de marge / taux de marque ---------------------------------------------------------------
# Par la définition du cours (thème 08), un taux appliqué à un montant de vente (panier, CA, prix de
# vente, montant d'un achat) est un taux de MARQUE ; un taux appliqué à un coût d'achat, un taux de
# MARGE. Le test cherche les produits « a × b » où un facteur est un taux de marge (ou « marge » tout
# court, employée comme un taux) et un autre un montant de vente, et l'inverse ; puis les phrases
# « une marge de 30 % du montant ».

_VENTE = re.compile(r"\bpaniers?\b|\bca\b|chiffre d'affaires|prix de vente|\bpv\b|\bmontants?\b|\bventes?\b")
_COUT = re.compile(r"\bco[uû]t d'achat\b|\bco[uû]ts? d'achat\b")
_TAUX_DE_MARGE = re.compile(r"^(?:le |un |une |la )?(?:taux de marge|marge|marge de \S+ ?%?)(?: \(.*)?$")
_TAUX_DE_MARQUE = re.compile(r"^(?:le |un )?taux de marque(?: \(.*)?$")
_PHRASE_MARGE = re.compile(
    r"\b(?:taux de )?marge (?:de |d'environ )?(?:\{\w+\}|\d+(?:[,.]\d+)? ?%) ?"
    r"(?:du|des|de son|de leur|sur le|sur les|sur son|sur leur) "
    r"(?:montant|prix de vente|ca\b|chiffre d'affaires|ventes?|panier)"
)


def _normaliser(texte: str) -> str:
    """Texte simple : LaTeX (\\text, \\times), Markdown (gras, italique, code) et blancs retirés."""
    texte = re.sub(r"\\(?:text|mathrm|textrm)\{([^{}]*)\}", r"\1", texte)
    texte = re.sub(r"\\(?:times|cdot)\b", " × ", texte)
    texte = texte.replace("**", "").replace("`", "").replace("’", "'")
    texte = re.sub(r"(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)", "", texte)
    return texte.lower()


def _propositions(texte: str) -> list[str]:
    """Découpe un texte en propositions : fins de phrase, points-virgules, deux-points, paragraphes."""
    morceaux = re.split(r"\n\s*\n|(?<=[.;!?])\s+|(?<=:)\s|\"", _normaliser(texte))
    return [" ".join(m.split()) for m in morceaux if "marge" in m or "marque" in m]


def _facteur(brut: str) -> str:
    """Un facteur d'un produit, sans parenthèses extérieures ni ponctuation autour."""
    f = brut.strip(" ,()[]{}'\"")
    return re.sub(r"^[^a-zà-ÿ0-9]+|[^a-zà-ÿ0-9)%]+$", "", f)


def fautes_taux_de_marge(texte: str) -> list[str]:
    """Les passages où un taux de marge s'applique à un montant de vente (ou un taux de marque à un coût).

    >>> fautes_taux_de_marge("CLV = taux de marge × panier attendu × achats attendus")
    ['clv = taux de marge × panier attendu × achats attendus']
    >>> fautes_taux_de_marge("Marge attendue = CA × taux de marque ; PV HT = coût d'achat HT × (1 + taux de marge).")
    []
    """
    fautes = []
    for proposition in _propositions(texte):
        if _PHRASE_MARGE.search(proposition):
            fautes.append(proposition)
            continue
        for membre in re.split(r"[=≈]", proposition):
            facteurs = [_facteur(f) for f in membre.split("×")]
            if len(facteurs) < 2:
                continue
            for i, f in enumerate(facteurs):
                autres = [g for j, g in enumerate(facteurs) if j != i]
                if _TAUX_DE_MARGE.match(f) and any(_VENTE.search(g) for g in autres):
                    fautes.append(proposition)
                elif _TAUX_DE_MARQUE.match(f) and any(_COUT.search(g) for g in autres):
                    fautes.append(proposition)
    return list(dict.fromkeys(fautes))


@pytest.mark.parametrize("nom", sorted(TEXTES))
def test_un_taux_applique_a_une_vente_est_un_taux_de_marque(nom: str) -> None:
    fautes = fautes_taux_de_marge(TEXTES[nom])
    assert not fautes, (
        f"{nom} : un taux appliqué à un montant de vente (panier, CA, prix de vente, montant) est un "
        f"« taux de marque » (marge / prix de vente, thème 08), pas un « taux de marge » (marge / coût) :\n- "
        + "\n- ".join(fautes)
    )


@pytest.mark.parametrize(
    "ancien",
    [
        # les passages relevés par la relecture (issue 12), tels qu'ils étaient écrits
        r"\text{CLV} = \text{taux de marge} \times E[\text{panier}] \times \sum_{k=1}^{H} \frac{E[N(k)]}{(1 + d)^k}",
        "CLV attendue = achats attendus × panier attendu × taux de marge = {achats} × {panier} × {marge} = {reponse}",
        "Avec une marge de {marge} du montant et sans actualisation, quelle est sa CLV attendue ?",
        "- **CLV attendue** = marge × panier attendu × achats attendus, actualisés ;",
        "achats attendus semaine après semaine × panier attendu × **marge de 30 %** (une hypothèse)",
        "le carnet prend une marge de 30 % du montant comme hypothèse",
        "Sans actualisation (taux 0), c'est achats attendus × panier attendu × taux de marge.",
        "Marge attendue = chiffre d'affaires × le taux de marge.",
        "Marge = coût d'achat HT × taux de marque.",
    ],
)
def test_la_confusion_marge_marque_est_reperee(ancien: str) -> None:
    assert fautes_taux_de_marge(ancien), ancien


@pytest.mark.parametrize(
    "juste",
    [
        "Marge attendue = CA attendu × taux de marque ; ROI = (marge − budget) / budget.",
        "PV HT = coût d'achat HT × (1 + taux de marge).",
        r"\text{taux de marque} = \frac{\text{taux de marge}}{1 + \text{taux de marge}}",
        "La CLV simple prolonge une moyenne : marge × rétention, la même pour tous.",
        "Perte attendue = probabilité de départ × marge annuelle.",
        "Ajouter 25 % au coût donne un taux de marge de 25 %, pas un taux de marque.",
        "Marge d'une visite = 40 × 0,385 = 15,40 €.",
    ],
)
def test_les_formules_justes_ne_sont_pas_reperees(juste: str) -> None:
    assert fautes_taux_de_marge(juste) == [], juste


# --- Renvois entre leçons -------------------------------------------------------------------------


def test_chaque_renvoi_ref_des_lecons_vise_une_etiquette_existante() -> None:
    lecons = {n: t for n, t in TEXTES.items() if n.startswith("course/") and n.endswith(".md")}
    etiquettes = {e for t in lecons.values() for e in re.findall(r"^\(([\w-]+)\)=\s*$", t, flags=re.M)}
    manquantes = [
        f"{nom} : {cible}"
        for nom, texte in lecons.items()
        for renvoi in re.findall(r"\{ref\}`([^`]+)`", texte)
        if (cible := re.sub(r"^.*<([^>]+)>$", r"\1", renvoi)) not in etiquettes
    ]
    assert not manquantes, "renvois {ref} vers des étiquettes absentes :\n" + "\n".join(manquantes)


# --- Termes anglais : le mot français d'abord, l'anglais entre parenthèses à sa première apparition ----
# (nom, mot français attendu juste avant, terme anglais). Le mot français peut être une variante : il
# doit figurer dans les 90 caractères qui précèdent la première apparition du terme anglais, et une
# parenthèse doit s'ouvrir entre les deux : « courriel (e-mail) », « taux d'attrition (churn) » ; dans
# une parenthèse déjà ouverte, « courriel ou e-mail » et « valeur vie client, CLV » sont acceptés.
PAIRES_ANGLAIS = [
    ("courriel / e-mail", r"courriels?", r"e-?mails?"),
    ("campagne de courriels / emailing", r"courriels?", r"e-?mailings?"),
    ("attrition / churn", r"attrition", r"churn"),
    ("carte de chaleur / heatmap", r"cartes? de chaleur", r"heat ?maps?"),
    ("gestion des pistes commerciales / lead management", r"gestion des pistes", r"lead management"),
    ("piste commerciale / lead", r"pistes?", r"leads?"),
    ("valeur vie client / CLV", r"valeur vie client", r"CLV|customer lifetime value"),
    ("ventes croisées / cross-selling", r"ventes? croisées?", r"cross-selling"),
    ("montée en gamme / up-selling", r"montée en gamme", r"up-selling"),
    ("fouille de données / data mining", r"fouille de données", r"data ?mining"),
    ("entrepôt de données / datawarehouse", r"entrepôt de données", r"data ?warehouse"),
    ("lettre d'information / newsletter", r"lettres? d'information", r"newsletters?"),
    ("marketing individualisé / one-to-one", r"individualisé", r"one-to-one"),
    ("marketing entrant / inbound", r"entrante?s?", r"inbound"),
    ("prospection sortante / outbound", r"sortante?s?", r"outbound"),
    ("GRC / CRM", r"GRC|(?:gestion de la )?relation client", r"CRM|customer relationship management"),
    ("retour sur investissement / ROI", r"retour sur investissement", r"ROI"),
    ("score net de recommandation / NPS", r"recommandation", r"NPS|net promoter score"),
    ("aire sous la courbe / AUC", r"aire sous la courbe", r"AUC"),
    ("commerce en ligne / e-commerce", r"commerce en ligne|vente en ligne", r"e-commerce"),
    ("vente entre entreprises / B2B", r"entre entreprises|entre professionnels", r"B2B"),
    ("emballage / packaging", r"emballage", r"packaging"),
    ("accord préalable / opt-in", r"accord préalable", r"opt-in"),
    ("commerce à prix bas / discount", r"prix bas|petits prix|bas prix", r"discount"),
]


def _prose_de_lecon(texte: str) -> str:
    """Le texte courant d'une leçon : sans code, étiquettes, titres, directives, liens ni rôles MyST."""
    texte = re.sub(r"^(```|:::).*?$", " ", texte, flags=re.M)  # ouvertures et fermetures de blocs
    texte = re.sub(r"^```.*?^```", " ", texte, flags=re.M | re.S)
    texte = re.sub(r"^(#.*|\(.*\)=|:class:.*)$", " ", texte, flags=re.M)
    texte = re.sub(r"\{(?:ref|doc|term)\}`[^`]*`", " ", texte)
    texte = re.sub(r"`[^`]*`", " ", texte)
    texte = re.sub(r"\]\([^)]*\)", "]", texte)
    return texte.replace("*", "")


_LIAISON = re.compile(r"\s*(?:,\s*)?(?:ou|soit|en anglais)?\s*(?:le |la |l'|les |un |une )?")


def fautes_premiere_apparition(texte: str) -> list[str]:
    """Les termes anglais dont la première apparition n'est pas « mot français (terme anglais) ».

    >>> fautes_premiere_apparition("Un courriel (e-mail) puis un email.")
    []
    >>> fautes_premiere_apparition("Un email, puis un courriel.")
    ['courriel / e-mail : « Un email, puis un courriel. »']
    """
    prose = _prose_de_lecon(texte)
    fautes = []
    for nom, francais, anglais in PAIRES_ANGLAIS:
        premiere = re.search(rf"(?<![\w-]){anglais}(?![\w-])", prose, flags=re.I)
        if premiere is None:
            continue
        avant = prose[max(0, premiere.start() - 90):premiere.start()]
        mots = list(re.finditer(rf"(?<!\w)(?:{francais})(?!\w)", avant, flags=re.I))
        entre = avant[mots[-1].end():] if mots else ""
        if not mots or ("(" not in entre and not _LIAISON.fullmatch(entre)):
            contexte = " ".join(prose[max(0, premiere.start() - 60):premiere.end() + 30].split())
            fautes.append(f"{nom} : « {contexte} »")
    return fautes


LECONS = sorted(n for n in TEXTES if n.startswith("course/") and n.endswith(".md"))


@pytest.mark.parametrize("nom", LECONS)
def test_le_terme_francais_precede_l_anglais_a_sa_premiere_apparition(nom: str) -> None:
    fautes = fautes_premiere_apparition(TEXTES[nom])
    assert not fautes, (
        f"{nom} : à sa première apparition, un terme anglais suit le mot français, entre parenthèses "
        "(« courriel (e-mail) ») :\n- " + "\n- ".join(fautes)
    )


@pytest.mark.parametrize(
    "ancien",
    [
        # des premières apparitions relevées par la relecture (issue 12), telles qu'elles étaient écrites
        "En **outbound** (sortant), l'entreprise va chercher le prospect.",
        "## Le lead management\n\nLe **lead management** (gestion des pistes commerciales) est l'organisation...",
        "quel que soit le canal (achats en magasin et en ligne, appels, emails, réponses aux enquêtes)",
        "Un programme relationnel (carte de fidélité, club, newsletter, offres personnalisées) coûte cher.",
        "C'est l'outil des chargés d'études et des analystes CRM.",
    ],
)
def test_un_terme_anglais_avant_le_francais_est_repere(ancien: str) -> None:
    assert fautes_premiere_apparition(ancien), ancien


# Les paires que le glossaire du site doit donner toutes les deux (dans une même entrée).
PAIRES_GLOSSAIRE = [
    ("courriel", "e-mail"), ("attrition", "churn"), ("carte de chaleur", "heatmap"),
    ("gestion des pistes commerciales", "lead management"), ("valeur vie client", "customer lifetime value"),
    ("vente croisée", "cross-selling"), ("montée en gamme", "up-selling"), ("fouille de données", "data mining"),
    ("entrepôt de données", "datawarehouse"), ("marketing individualisé", "one-to-one"),
    ("marketing entrant", "inbound"), ("gestion de la relation client", "customer relationship management"),
    ("retour sur investissement", "return on investment"), ("score net de recommandation", "net promoter score"),
]


@pytest.mark.parametrize(("francais", "anglais"), PAIRES_GLOSSAIRE)
def test_le_glossaire_donne_le_terme_francais_et_le_terme_anglais(francais: str, anglais: str) -> None:
    import yaml

    entrees = yaml.safe_load(TEXTES["site/glossaire.yml"])["termes"]
    textes = [" ".join(str(v) for v in e.values()).lower() for e in entrees]
    assert any(francais in t and anglais in t for t in textes), (
        f"site/glossaire.yml : aucune entrée ne donne à la fois « {francais} » et « {anglais} »."
    )
