"""Les fiches de révision sur le site : les PDF construits par :mod:`grc.fiches`, et leurs liens.

La page du guide (``site/guide-enseignants.md``) porte le repère ``<!-- FICHES -->`` ; le
constructeur du site le remplace par la liste des fiches, chacune liée à son PDF (rôle
``{download}`` de Sphinx, qui copie le fichier dans le site). Sans WeasyPrint, la liste reste,
sans liens, avec la commande qui construit les PDF.

>>> print(liste_fiches({"02": ("Segmenter par la méthode RFM", "fiches/02-rfm.pdf")}))
- {download}`02 · Segmenter par la méthode RFM <fiches/02-rfm.pdf>`
>>> print(liste_fiches({"02": ("Segmenter par la méthode RFM", None)}, "WeasyPrint manque"))
- 02 · Segmenter par la méthode RFM
<BLANKLINE>
*Les PDF n'ont pas pu être construits avec le site (WeasyPrint manque) : construisez-les avec `grc fiches`.*
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from .myst import echapper

REPERE = "<!-- FICHES -->"


def liste_fiches(fiches: dict[str, tuple[str, str | None]], probleme: str = "WeasyPrint manque") -> str:
    """La liste Markdown des fiches : ``{numero: (titre, chemin du PDF dans le livre ou None)}``.

    Parameters
    ----------
    fiches : dict
        Pour chaque numéro de thème, le titre de la fiche et le chemin de son PDF dans le livre
        (``None`` quand le PDF n'a pas pu être construit).
    probleme : str
        Pourquoi des PDF manquent (dit sous la liste).
    """
    lignes = []
    for numero, (titre, pdf) in sorted(fiches.items()):
        texte = f"{numero} · {echapper(titre)}"
        lignes.append(f"- {{download}}`{texte} <{pdf}>`" if pdf else f"- {texte}")
    if any(pdf is None for _, pdf in fiches.values()):
        lignes += ["", f"*Les PDF n'ont pas pu être construits avec le site ({probleme}) : "
                   "construisez-les avec `grc fiches`.*"]
    return "\n".join(lignes)


def publier_fiches(source: Path, ecrire: Callable[[Path, bytes], object], cache: Path | None = None) -> str:
    """Construit chaque fiche en PDF dans ``source/fiches/`` (par ``ecrire``) ; renvoie la liste à publier.

    Avec ``cache``, un PDF déjà construit à partir de la même fiche, de la même feuille de style et du
    même code est repris tel quel (WeasyPrint met environ une seconde par fiche).
    """
    try:
        from grc import fiches as module
    except ImportError:
        return "*Les fiches de révision se construisent avec la commande `grc fiches`.*"
    code = b"".join((Path(module.__file__).parent / nom).read_bytes() for nom in ("fiches.py", "fiches.css"))
    fiches: dict[str, tuple[str, str | None]] = {}
    probleme = ""
    for fiche in module.lire_fiches():
        chemin = None
        if not probleme:
            empreinte = hashlib.sha256(code + repr(fiche).encode("utf-8")).hexdigest()[:16]
            deja = cache / f"{fiche.numero}-{empreinte}.pdf" if cache else None
            try:
                pdf = deja.read_bytes() if deja and deja.is_file() else module.pdf_fiche(fiche)
            except module.PdfImpossible as exc:
                probleme = str(exc)
            else:
                if deja and not deja.is_file():
                    for ancien in cache.glob(f"{fiche.numero}-*.pdf"):
                        ancien.unlink()
                    deja.parent.mkdir(parents=True, exist_ok=True)
                    deja.write_bytes(pdf)
                ecrire(source / "fiches" / fiche.nom_pdf, pdf)
                chemin = f"fiches/{fiche.nom_pdf}"
        fiches[fiche.numero] = (fiche.titre, chemin)
    return liste_fiches(fiches, probleme or "WeasyPrint manque")
