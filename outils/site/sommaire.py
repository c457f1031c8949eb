"""La table des matières (``_toc.yml``) et le parcours de la page d'accueil, à partir des pages publiées.

Une :class:`Entree` par thème présent : sa leçon, ses cahiers, son QCM (chemins
dans le livre, sans extension). Rien n'est figé : les thèmes viennent de
:func:`outils.site.themes.decouvrir`.

>>> e = Entree("02", "Segmenter par la méthode RFM", lecon="course/02-rfm", cahiers=["notebooks/02-rfm"],
...            qcm="qcm/02-rfm", etape="Segmenter", resume="Scores et segments.")
>>> toc = table_des_matieres([e], ressources=["glossaire"], corriges=[])
>>> toc["parts"][0]["chapters"][0]["file"], [s["file"] for s in toc["parts"][0]["chapters"][0]["sections"]]
('course/02-rfm', ['notebooks/02-rfm', 'qcm/02-rfm'])
>>> "[Leçon](course/02-rfm.md)" in parcours([e])
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .myst import echapper

TITRE_CAHIER = "📝 Cahier d'exercices"
TITRE_QCM = "✅ QCM de révision"


@dataclass
class Entree:
    """Les pages publiées d'un thème (chemins dans le livre, sans extension)."""

    numero: str
    titre: str
    lecon: str | None = None
    cahiers: list[str] = field(default_factory=list)
    qcm: str | None = None
    corriges: list[str] = field(default_factory=list)
    etape: str = ""
    resume: str = ""
    niveau: str = "bts"

    def pages(self) -> list[str]:
        return [p for p in [self.lecon, *self.cahiers, self.qcm] if p]


def _chapitre(e: Entree) -> dict:
    """Le chapitre d'un thème : la leçon, et en sections le cahier et le QCM (ou le cahier en tête sans leçon)."""
    pages = e.pages()
    titres = {**{c: TITRE_CAHIER if len(e.cahiers) == 1 else f"{TITRE_CAHIER} ({c.rsplit('/', 1)[-1]})"
                 for c in e.cahiers}, e.qcm: TITRE_QCM}
    tete = {"file": pages[0]}
    if pages[0] != e.lecon:
        tete["title"] = f"{e.numero} · {e.titre}"
    sections = [{"file": p, "title": titres[p]} for p in pages[1:]]
    return {**tete, "sections": sections} if sections else tete


def table_des_matieres(entrees: list[Entree], ressources: list[str], corriges: list[tuple[str, str]],
                       racine: str = "index") -> dict:
    """Le contenu de ``_toc.yml`` (format jb-book) : le parcours, les ressources, les corrigés s'il y en a."""
    parties = [{"caption": "Le parcours", "chapters": [_chapitre(e) for e in entrees if e.pages()]}]
    if ressources:
        parties.append({"caption": "Ressources", "chapters": [{"file": r} for r in ressources]})
    if corriges:
        parties.append({"caption": "Corrigés (enseignants)",
                        "chapters": [{"file": f, "title": f"📃 {t}"} for f, t in corriges]})
    return {"format": "jb-book", "root": racine, "parts": [p for p in parties if p["chapters"]]}


def _liens(e: Entree) -> str:
    liens = []
    if e.lecon:
        liens.append(f"[Leçon]({e.lecon}.md)")
    liens += [f"[Cahier]({c}.ipynb)" for c in e.cahiers]
    if e.qcm:
        liens.append(f"[QCM]({e.qcm}.md)")
    return " · ".join(liens)


def deux_parcours(entrees: list[Entree]) -> str:
    """Les deux parcours (BTS, approfondissement) de la page d'accueil, d'après le niveau des thèmes.

    >>> texte = deux_parcours([Entree("06", "Scores", niveau="approfondissement"), Entree("02", "RFM")])
    >>> "Parcours BTS (MCO, NDRC)" in texte and "on passe le thème 06 et" in texte and "02" not in texte
    True
    >>> "on passe, dans les leçons" in deux_parcours([Entree("02", "RFM")])
    True
    """
    approfondis = [e.numero for e in entrees if e.niveau == "approfondissement"]
    pluriel = "s" if len(approfondis) > 1 else ""
    themes = f"le{pluriel} thème{pluriel} {' et '.join(approfondis)}" if approfondis else ""
    sautes = f"on passe {themes} et, dans les autres leçons et cahiers," if themes else "on passe, dans les leçons et cahiers,"
    en_plus = f", et {themes} en entier" if themes else ""
    return "\n".join([
        "::::{grid} 1 1 2 2",
        ":gutter: 3",
        "",
        ":::{grid-item-card} Parcours BTS (MCO, NDRC)",
        ":class-card: grc-parcours-bts",
        f"Le **cœur** de chaque thème : {sautes} les parties marquées du badge "
        "{bdg-warning}`🎓 Approfondissement` (BUT TC, licence, école), facultatives en BTS. "
        "Un cahier s'exécute jusqu'au bout même si ses exercices d'approfondissement restent vides.",
        ":::",
        "",
        ":::{grid-item-card} Parcours approfondissement (BUT TC, licence, école)",
        ":class-card: grc-parcours-approfondissement",
        f"**Tout** le cours : le cœur de chaque thème, les parties marquées 🎓{en_plus}.",
        ":::",
        "::::",
        "",
    ])


def parcours(entrees: list[Entree]) -> str:
    """Les cartes du parcours (grille sphinx-design) : numéro, titre, étape, résumé, liens."""
    lignes = ["::::{grid} 1 2 2 3", ":gutter: 3", ""]
    for e in entrees:
        if not e.pages():
            continue
        classe = "grc-carte-theme grc-carte-approfondissement" if e.niveau == "approfondissement" else "grc-carte-theme"
        lignes += [f":::{{grid-item-card}} {e.numero} · {echapper(e.titre)}", f":class-card: {classe}"]
        if e.niveau == "approfondissement":
            lignes += ["{bdg-warning}`🎓 Approfondissement`", ""]
        if e.etape:
            lignes += [f"Étape : **{echapper(e.etape)}**", ""]
        if e.resume:
            lignes += [echapper(e.resume), ""]
        lignes += [_liens(e), ":::", ""]
    lignes += ["::::", ""]
    return "\n".join(lignes)
