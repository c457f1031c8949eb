"""Le glossaire du site : chaque terme (GRC, RFM, ABC, CLV, NPS...) relié à la leçon qui l'enseigne.

Les termes sont dans ``site/glossaire.yml``. Le lien de chaque terme est choisi à
la construction, selon ce qui est publié :

1. la section nommée (``section: rfm-methode``) si cette étiquette existe ;
2. sinon la section de la leçon du thème dont le titre contient une des clés
   (``cles``, par défaut le terme), si une étiquette la précède ;
3. sinon le début de la leçon du thème ;
4. sinon (leçon pas encore écrite) le thème est cité sans lien.

>>> lecon = "(vente)=\\n# 09 · Vendre\\n\\n(vente-soncas)=\\n## La méthode SONCAS\\n"
>>> section_par_titre(lecon, ["SONCAS"])
'vente-soncas'
>>> Terme(terme="NPS", definition="Promoteurs moins détracteurs.", theme="08").cles_effectives()
['NPS']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .myst import echapper

_TITRE = re.compile(r"^#{1,4}\s+(.*)$")
_ETIQUETTE = re.compile(r"^\(([A-Za-z0-9_.:-]+)\)=\s*$")


class ErreurGlossaire(ValueError):
    """Le fichier du glossaire est invalide ; le message dit quelle entrée et quel champ."""


@dataclass(frozen=True)
class Terme:
    """Une entrée du glossaire."""

    terme: str
    definition: str
    theme: str
    developpe: str = ""
    section: str = ""
    cles: list[str] = field(default_factory=list)

    def cles_effectives(self) -> list[str]:
        return list(self.cles) or [self.terme]


_CHAMPS = {"terme", "definition", "theme", "developpe", "section", "cles"}


def lire_glossaire(chemin: Path) -> list[Terme]:
    """Lit ``site/glossaire.yml`` ; lève :class:`ErreurGlossaire` (en français) s'il est mal formé."""
    try:
        contenu = yaml.safe_load(Path(chemin).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ErreurGlossaire(f"{chemin} : YAML illisible ({exc})") from exc
    if not isinstance(contenu, dict) or not isinstance(contenu.get("termes"), list):
        raise ErreurGlossaire(f"{chemin} : il faut une liste « termes: » d'entrées")
    termes = []
    for rang, brut in enumerate(contenu["termes"], start=1):
        if not isinstance(brut, dict):
            raise ErreurGlossaire(f"{chemin}, entrée n°{rang} : une entrée est un dictionnaire (terme, definition...)")
        nom = brut.get("terme", f"n°{rang}")
        inconnus = set(brut) - _CHAMPS
        manquants = {"terme", "definition", "theme"} - set(brut)
        if inconnus or manquants:
            raise ErreurGlossaire(f"{chemin}, entrée « {nom} » : champs inconnus {sorted(inconnus)}, "
                                  f"champs manquants {sorted(manquants)}")
        if not re.fullmatch(r"\d{2}", str(brut["theme"])):
            raise ErreurGlossaire(f"{chemin}, entrée « {nom} » : le thème s'écrit sur deux chiffres entre "
                                  f"guillemets (« \"02\" »), trouvé : {brut['theme']!r}")
        termes.append(Terme(**{**brut, "theme": str(brut["theme"]), "cles": list(brut.get("cles") or [])}))
    return termes


def section_par_titre(texte: str, cles: list[str]) -> str | None:
    """L'étiquette placée juste avant le premier titre de la leçon qui contient une des clés."""
    lignes = texte.splitlines()
    for cle in cles:
        motif = re.compile(rf"(?<![\w]){re.escape(cle)}(?![\w])", re.IGNORECASE)
        for i, ligne in enumerate(lignes):
            titre = _TITRE.match(ligne)
            if titre and motif.search(titre.group(1)) and i > 0 and (etiquette := _ETIQUETTE.match(lignes[i - 1])):
                return etiquette.group(1)
    return None


def renvoi_terme(terme: Terme, lecons: dict[str, tuple[str, str]], connues: set[str]) -> tuple[str, str]:
    """Le renvoi MyST d'un terme et sa nature (``section``, ``titre``, ``lecon`` ou ``absent``).

    ``lecons`` associe un numéro de thème à (chemin de la page de leçon dans le livre, texte de la leçon).
    """
    if terme.section and terme.section in connues:
        return f"{{ref}}`{terme.section}`", "section"
    if terme.theme not in lecons:
        return "à venir", "absent"
    page, texte = lecons[terme.theme]
    trouvee = section_par_titre(texte, terme.cles_effectives())
    if trouvee is not None:
        return f"{{ref}}`{trouvee}`", "titre"
    return f"{{doc}}`/{page}`", "lecon"


def page_glossaire(termes: list[Terme], lecons: dict[str, tuple[str, str]], connues: set[str]) -> tuple[str, dict]:
    """La page MyST du glossaire, et le bilan des liens (nature -> termes) pour le rapport de construction."""
    bilan: dict[str, list[str]] = {}
    lignes = ["(glossaire)=", "# Glossaire de la GRC", "",
              "Les sigles et les notions du cours, chacun avec un lien vers la leçon qui l'explique. "
              "Les termes sont rangés par ordre alphabétique.", "", ":::{glossary}", ":sorted:", ""]
    for t in termes:
        renvoi, nature = renvoi_terme(t, lecons, connues)
        bilan.setdefault(nature, []).append(t.terme)
        developpe = f"*{echapper(t.developpe)}*. " if t.developpe else ""
        lignes += [echapper(t.terme), f"  {developpe}{echapper(t.definition)} Leçon {t.theme} : {renvoi}.", ""]
    lignes += [":::", ""]
    return "\n".join(lignes), bilan
