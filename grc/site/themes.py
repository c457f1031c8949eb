"""Découvrir les thèmes présents dans le dépôt : leçon, cahier, corrigé, QCM.

Rien n'est figé : un thème existe dès qu'un fichier porte son numéro
(``course/02-*.md``, ``notebooks/02-*.ipynb``, ``course/qcm/02-*.yml``...).
Le site grandit donc tout seul quand un nouveau thème arrive.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     racine = Path(d)
...     for f in ["course/02-rfm.md", "notebooks/02-rfm.ipynb", "course/qcm/02-rfm.yml", "notebooks/00-a.ipynb"]:
...         (racine / f).parent.mkdir(parents=True, exist_ok=True)
...         _ = (racine / f).write_text("# 02 · Segmenter par la méthode RFM\\n", encoding="utf-8")
...     [(t.numero, t.titre, len(t.cahiers), t.qcm is not None) for t in decouvrir(racine)]
[('00', 'Thème 00', 1, False), ('02', 'Segmenter par la méthode RFM', 1, True)]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

#: Un nom de fichier de thème : deux chiffres, un tiret, un nom (``02-segmentation-rfm``).
MOTIF_NUMERO = re.compile(r"^(\d{2})-")
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


def numero(chemin: Path) -> str | None:
    """Le numéro de thème d'un fichier (``"02"``), ou ``None`` s'il n'en a pas.

    >>> numero(Path("course/02-segmentation-rfm.md")), numero(Path("README.md"))
    ('02', None)
    """
    trouve = MOTIF_NUMERO.match(chemin.name)
    return trouve.group(1) if trouve else None


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


def _par_numero(dossier: Path, motif: str) -> dict[str, list[Path]]:
    groupes: dict[str, list[Path]] = {}
    for chemin in sorted(dossier.glob(motif)) if dossier.is_dir() else []:
        if (n := numero(chemin)) is not None:
            groupes.setdefault(n, []).append(chemin)
    return groupes


def decouvrir(racine: Path) -> list[Theme]:
    """Les thèmes présents sous ``racine`` (dossiers ``course``, ``notebooks``, ``solutions``, ``course/qcm``).

    Un thème par numéro trouvé dans au moins un de ces dossiers, triés par numéro.
    Le titre vient de la leçon, sinon du cahier, sinon « Thème NN ».
    """
    lecons = _par_numero(racine / "course", "*.md")
    cahiers = _par_numero(racine / "notebooks", "*.ipynb")
    corriges = _par_numero(racine / "solutions", "*.ipynb")
    qcm = _par_numero(racine / "course" / "qcm", "*.yml")
    themes = []
    for n in sorted(set(lecons) | set(cahiers) | set(corriges) | set(qcm)):
        lecon = lecons.get(n, [None])[0]
        texte = lecon.read_text(encoding="utf-8") if lecon else ""
        titre = titre_markdown(texte) or next(
            (t for c in cahiers.get(n, []) if (t := titre_carnet(c))), None) or f"Thème {n}"
        themes.append(Theme(numero=n, titre=titre, lecon=lecon, cahiers=cahiers.get(n, []),
                            corriges=corriges.get(n, []), qcm=qcm.get(n, [None])[0], etiquettes=etiquettes(texte)))
    return themes
