"""La page imprimable du ramassage : HTML (A4 paysage, prête pour Ctrl+P) et PDF avec WeasyPrint.

Synthèse de la classe, exercices justes par cahier, quiz, réponses rédigées regroupées par
question (les élèves l'un sous l'autre, pour les lire côte à côte), puis les anomalies.

>>> import pandas as pd
>>> from .tableau import Ramassage
>>> r = Ramassage(pd.DataFrame({"eleve": ["DURAND Chloé"], "statut": ["non rendu"]}), pd.DataFrame(),
...               pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), {})
>>> "<td class='e'>DURAND Chloé</td><td class='non-rendu'>non rendu</td>" in page_html(r)
True
"""

from __future__ import annotations

import datetime as _dt
import html
from pathlib import Path
from typing import Any

import pandas as pd

from ..qcm.fichiers import ecriture
from ..qcm.formats import nombre
from .tableau import Ramassage, _ordre_question

__all__ = ["ecrire_page", "ecrire_pdf", "page_html"]

_STYLE = """
@page { size: A4 landscape; margin: 12mm; @bottom-right { content: "page " counter(page) " / " counter(pages);
  font-size: 8pt; color: #555; } }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 9.5pt; color: #111; margin: 1em auto;
  max-width: 70em; }
h1 { font-size: 15pt; margin: 0 0 .2em; } h2 { font-size: 12pt; margin: 1.2em 0 .4em; border-bottom: 1px solid #999; }
h3 { font-size: 10.5pt; margin: .9em 0 .3em; }
table { border-collapse: collapse; width: 100%; margin-bottom: .6em; }
th, td { border: 1px solid #bbb; padding: 2px 5px; text-align: left; vertical-align: top; }
th { background: #dde4ee; } thead { display: table-header-group; } tr { break-inside: avoid; }
td.n, td.d, td.e { white-space: nowrap; } td.n { text-align: right; } .non-rendu { background: #f8d7da; }
.rendu-illisible { background: #fce5cd; } .hors-liste { background: #fff3cd; }
.erreur { background: #f8d7da; } .attention { background: #fff3cd; }
td.reponse { white-space: pre-wrap; width: 60%; } .petit { font-size: 8.5pt; color: #444; }
.ecran { color: #555; } h2, h3 { break-after: avoid; }
@media print { body { margin: 0; max-width: none; } .ecran { display: none; } }
"""


def _e(valeur: Any) -> str:
    return html.escape("" if valeur is None else str(valeur))


def _date(valeur: Any) -> str:
    if valeur is None or (isinstance(valeur, float) and pd.isna(valeur)):
        return ""
    return valeur.strftime("%d/%m/%Y %H:%M") if isinstance(valeur, _dt.datetime) else str(valeur)


def _pourcent(valeur: Any) -> str:
    return "" if valeur is None or pd.isna(valeur) else f"{nombre(100 * valeur)}\u00a0%"


def _synthese(r: Ramassage) -> str:
    entete = ("<tr><th>Élève</th><th>Statut</th><th>Dernière activité</th><th>Exercices justes / tentés</th>"
              "<th>Quiz (moyenne)</th><th>Rédactions (critères cochés)</th><th>Anomalies</th></tr>")
    lignes = []
    for _, s in r.synthese.iterrows():
        statut = str(s.get("statut", ""))
        if statut == "non rendu":
            cellules = "<td></td>" * 4
        else:
            redactions = (f"{s['redactions']} ({s['criteres_coches']} / {s['criteres_total']})"
                          if s.get("redactions") else "")
            cellules = (f"<td class='d'>{_date(s.get('derniere_activite'))}</td>"
                        f"<td class='n'>{s.get('exercices_justes', 0)} / {s.get('exercices_tentes', 0)}</td>"
                        f"<td class='n'>{_pourcent(s.get('quiz_moyenne'))}</td><td class='n'>{redactions}</td>")
        lignes.append(f"<tr><td class='e'>{_e(s['eleve'])}</td>"
                      f"<td class='{statut.replace(' ', '-')}'>{_e(statut)}</td>"
                      f"{cellules}<td class='n'>{s.get('anomalies', '') or ''}</td></tr>")
    return f"<table><thead>{entete}</thead><tbody>{''.join(lignes)}</tbody></table>"


def _par_cahier(r: Ramassage) -> str:
    """Élèves × cahiers : exercices justes (sur le nombre d'exercices du cahier, en tête de colonne)."""
    themes = [c for c in r.synthese.columns if c.startswith("theme_")]
    if not themes:
        return "<p>Aucun exercice dans les retours.</p>"
    entete = "<tr><th>Élève</th>" + "".join(
        f"<th class='n'>{_e(c[6:])}<br><span class='petit'>{'sur ' + str(r.totaux[c[6:]]) if r.totaux.get(c[6:]) else ''}"
        "</span></th>" for c in themes) + "</tr>"
    lignes = []
    for _, s in r.synthese.iterrows():
        if s.get("statut") == "non rendu":
            continue
        cellules = "".join(f"<td class='n'>{'' if s.get(c) is None or pd.isna(s.get(c)) else int(s[c])}</td>"
                           for c in themes)
        lignes.append(f"<tr><td class='e'>{_e(s['eleve'])}</td>{cellules}</tr>")
    return f"<table><thead>{entete}</thead><tbody>{''.join(lignes)}</tbody></table>"


def _quiz(r: Ramassage) -> str:
    if r.quiz.empty:
        return "<p>Aucun score de quiz dans les retours.</p>"
    cles = sorted(r.quiz["quiz"].unique(), key=lambda q: (str(r.quiz.loc[r.quiz["quiz"] == q, "theme"].iloc[0]), q))
    table = r.quiz.set_index(["eleve", "quiz"])
    eleves = [e for e in r.synthese["eleve"] if e in set(r.quiz["eleve"])]
    entete = "<tr><th>Élève</th>" + "".join(f"<th>{_e(q)}</th>" for q in cles) + "</tr>"
    lignes = []
    for eleve in eleves:
        cellules = []
        for q in cles:
            if (eleve, q) in table.index:
                x = table.loc[(eleve, q)]
                cellules.append(f"<td class='n'>{x['score']} / {x['sur']}</td>")
            else:
                cellules.append("<td></td>")
        lignes.append(f"<tr><td class='e'>{_e(eleve)}</td>{''.join(cellules)}</tr>")
    return f"<table><thead>{entete}</thead><tbody>{''.join(lignes)}</tbody></table>"


def _points(ligne: Any) -> str:
    """« · 1,5 / 2 pts » quand le barème du cours est connu."""
    points, total = ligne.get("points"), ligne.get("points_total")
    if points is None or total is None or pd.isna(points):
        return ""
    return f" · {nombre(points, 2).rstrip('0').rstrip(',')} / {nombre(total, 2).rstrip('0').rstrip(',')} pt(s)"


def _redactions(r: Ramassage) -> str:
    if r.redactions.empty:
        return "<p>Aucune réponse rédigée dans les retours.</p>"
    ordre = {e: i for i, e in enumerate(r.synthese["eleve"])}
    morceaux = []
    for cle in sorted(r.redactions["question"].unique(), key=_ordre_question):
        lignes = r.redactions[r.redactions["question"] == cle].copy()
        lignes["rang"] = lignes["eleve"].map(ordre)
        corps = "".join(
            f"<tr><td>{_e(x['eleve'])}</td><td class='reponse'>{_e(x['reponse'])}</td>"
            f"<td><b>{x['coches']} / {x['criteres']}</b>{_points(x)}<br><span class='petit'>"
            f"{'<br>'.join('✓ ' + _e(c) for c in str(x['criteres_coches']).split(' ; ') if c)}</span></td></tr>"
            for _, x in lignes.sort_values("rang").iterrows())
        titre = next((t for t in lignes["titre"] if t), "") if "titre" in lignes.columns else ""
        morceaux.append(f"<h3>Question {_e(cle)}{' — ' + _e(titre) if titre else ''}</h3><table><thead><tr><th style='width:16%'>Élève</th>"
                        f"<th>Réponse</th><th style='width:24%'>Auto-évaluation (critères cochés)</th></tr></thead>"
                        f"<tbody>{corps}</tbody></table>")
    return "".join(morceaux)


def _anomalies(r: Ramassage) -> str:
    if r.anomalies.empty:
        return "<p>Aucune anomalie.</p>"
    corps = "".join(f"<tr class='{_e(a['gravite'])}'><td>{_e(a['gravite'])}</td><td>{_e(a['eleve'])}</td>"
                    f"<td>{_e(a['source'])}</td><td>{_e(a['probleme'])}</td><td>{_e(a['suite'])}</td></tr>"
                    for _, a in r.anomalies.iterrows())
    return ("<table><thead><tr><th>Gravité</th><th>Élève</th><th>Retour</th><th>Problème</th>"
            f"<th>Ce que grc en a fait</th></tr></thead><tbody>{corps}</tbody></table>")


def page_html(ramassage: Ramassage, titre: str = "") -> str:
    """La page complète du ramassage, en HTML imprimable (A4 paysage)."""
    titre = titre or f"Travail rendu — {Path(ramassage.dossier).name or 'classe'}"
    date = _dt.datetime.now().strftime("%d/%m/%Y à %H:%M")
    return (f"<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>{_e(titre)}</title>"
            f"<style>{_STYLE}</style></head><body><h1>{_e(titre)}</h1>"
            f"<p>{_e(ramassage.resume())}<br><span class='petit'>Établi le {date} par « grc classe ramasser ». "
            "Exercices : « justes / tentés » d'après le dernier essai de chaque exercice ; rédactions : "
            "auto-évaluation de l'élève, à relire.</span></p>"
            f"<h2>Synthèse</h2>{_synthese(ramassage)}"
            f"<h2>Exercices justes par cahier</h2>{_par_cahier(ramassage)}"
            f"<h2>Quiz</h2>{_quiz(ramassage)}"
            f"<h2>Réponses rédigées, par question</h2>{_redactions(ramassage)}"
            f"<h2>Anomalies</h2>{_anomalies(ramassage)}"
            "<p class='ecran'>Pour imprimer : Ctrl+P (mise en page paysage).</p></body></html>")


def ecrire_page(ramassage: Ramassage, chemin: str | Path) -> Path:
    """Écrit la page HTML imprimable et renvoie son chemin.

    >>> import tempfile, pathlib
    >>> r = Ramassage(pd.DataFrame({"eleve": ["A"], "statut": ["non rendu"]}), *[pd.DataFrame()] * 4, {})
    >>> ecrire_page(r, pathlib.Path(tempfile.mkdtemp()) / "classe.html").read_text(encoding="utf-8")[:15]
    '<!DOCTYPE html>'
    """
    with ecriture(chemin) as cible:
        cible.write_text(page_html(ramassage), encoding="utf-8")
    return Path(chemin)


def ecrire_pdf(ramassage: Ramassage, chemin: str | Path) -> Path:
    """Écrit la page en PDF avec WeasyPrint (extra ``enseignants``) ; lève ``PdfImpossible`` sans lui."""
    from ..qcm.feuille import ecrire_pdf as pdf

    pdf(page_html(ramassage), Path(chemin))
    return Path(chemin)
