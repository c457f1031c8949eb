"""Les thèmes publiés par le site : ceux de l'index :mod:`grc.themes` dont un fichier est présent.

L'index dit le numéro, le titre, l'étape de la GRC, le résumé et les fichiers de chaque thème
(leçon, cahier, corrigé, QCM) ; ce module garde ceux qui existent sous la racine du dépôt.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     racine = Path(d)
...     for f in ["course/02-segmentation-rfm.md", "course/qcm/02-rfm.yml", "notebooks/00-prise-en-main.ipynb"]:
...         (racine / f).parent.mkdir(parents=True, exist_ok=True)
...         _ = (racine / f).write_text("(rfm)=\\n# 02 · Segmenter par la méthode RFM\\n", encoding="utf-8")
...     [(t.numero, t.etape, len(t.cahiers), t.qcm is not None, t.etiquettes) for t in decouvrir(racine)]
[('00', '—', 1, False, []), ('02', 'Segmenter', 0, True, ['rfm'])]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from grc.themes import THEMES
from grc.themes import Theme as ThemeIndex

#: Une étiquette MyST sur sa ligne : ``(rfm-scores)=``.
MOTIF_ETIQUETTE = re.compile(r"^\(([A-Za-z0-9_.:-]+)\)=\s*$", re.MULTILINE)
_MOTIF_TITRE = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)
_PREFIXE_TITRE = re.compile(r"^(?:[📝📃]\s*[^—]*—\s*)?(?:\d{2}\s*[·.:-]\s*)?")


@dataclass
class Theme:
    """Les fichiers d'un thème (chemins absolus ; ``None`` ou liste vide quand ils manquent)."""

    numero: str
    titre: str
    lecon: Path | None = None
    cahiers: list[Path] = field(default_factory=list)
    corriges: list[Path] = field(default_factory=list)
    qcm: Path | None = None
    etiquettes: list[str] = field(default_factory=list)
    etape: str = ""
    resume: str = ""


def titre_nettoye(titre: str) -> str:
    """Retire du titre le bandeau (« 📝 Cahier d'exercices — ») et le numéro (« 02 · »).

    >>> titre_nettoye("📝 Cahier d'exercices — 00 · Prise en main : Jupyter et pandas")
    'Prise en main : Jupyter et pandas'
    >>> titre_nettoye("02 · Segmenter par la méthode RFM")
    'Segmenter par la méthode RFM'
    """
    return _PREFIXE_TITRE.sub("", titre.strip(), count=1).strip() or titre.strip()


def titre_markdown(texte: str) -> str | None:
    """Le premier titre de niveau 1 d'un texte Markdown, sans numéro ni bandeau."""
    trouve = _MOTIF_TITRE.search(texte)
    return titre_nettoye(trouve.group(1)) if trouve else None


def titre_carnet(chemin: Path) -> str | None:
    """Le premier titre de niveau 1 d'un carnet (cellules Markdown), sans numéro ni bandeau."""
    try:
        carnet = json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for cellule in carnet.get("cells", []):
        if cellule.get("cell_type") == "markdown":
            source = "".join(cellule.get("source", ""))
            if (titre := titre_markdown(source)) is not None:
                return titre
    return None


def etiquettes(texte: str) -> list[str]:
    """Les étiquettes MyST d'une leçon, dans l'ordre.

    >>> etiquettes("(rfm)=\\n# 02 · RFM\\n(rfm-scores)=\\n## Les scores")
    ['rfm', 'rfm-scores']
    """
    return MOTIF_ETIQUETTE.findall(texte)


def decouvrir(racine: Path, index: tuple[ThemeIndex, ...] = THEMES) -> list[Theme]:
    """Les thèmes de l'index dont au moins un fichier (leçon, cahier, corrigé, QCM) existe sous ``racine``.

    Dans l'ordre de l'index ; titre, étape et résumé viennent de l'index.
    """
    themes = []
    for t in index:
        def present(chemin: str | None) -> Path | None:
            return racine / chemin if chemin and (racine / chemin).is_file() else None

        lecon, cahier, corrige, qcm = (present(c) for c in (t.lecon, t.cahier, t.corrige, t.fichier_qcm))
        if not (lecon or cahier or corrige or qcm):
            continue
        texte = lecon.read_text(encoding="utf-8") if lecon else ""
        themes.append(Theme(numero=t.numero, titre=t.titre, lecon=lecon, cahiers=[cahier] if cahier else [],
                            corriges=[corrige] if corrige else [], qcm=qcm, etiquettes=etiquettes(texte),
                            etape=t.etape, resume=t.resume))
    return themes
