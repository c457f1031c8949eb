"""Dessiner un plan d'action commerciale : son calendrier (diagramme de Gantt) et son compte de résultat (cascade)."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.ticker import FuncFormatter

from grc.graphiques.nombres import euros
from grc.graphiques.style import FORMAT_EUROS
from grc.pac.chiffrage import compte_resultat_previsionnel
from grc.pac.controle import exiger_complet
from grc.pac.modele import Plan
from grc.validation import ErreurDonnees

_MOIS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


def _format_mois(valeur: float, _position=None) -> str:
    date = mdates.num2date(valeur)
    return f"{_MOIS[date.month - 1]} {date.year}"


def tracer_calendrier(plan: Plan, *, couleur: str = "canal", ax: plt.Axes | None = None) -> plt.Axes:
    """Dessine le calendrier du plan en diagramme de Gantt : une barre par action, du début à la fin.

    Les actions sont rangées par date de début ; la couleur suit ``couleur`` (``"canal"``,
    ``"objectif"`` ou ``"responsable"``) ; le budget est écrit au bout de chaque barre ; les
    pointillés marquent la période du plan. Une action d'un jour reste visible (barre d'un jour). Un plan
    dont une action a encore des cases à ``...`` est refusé, avec la première case à remplir.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from grc.pac import Action, Plan
    >>> p = Plan("PAC", enveloppe=1000, debut="2025-01-01", fin="2025-03-31", actions=[
    ...     Action("A", cible="Inactifs", canal="courrier", debut="2025-02-01", fin="2025-02-28", budget=600)])
    >>> ax = tracer_calendrier(p)
    >>> ax.get_title(), [t.get_text() for t in ax.get_yticklabels()]
    ('Calendrier du plan « PAC »', ['A'])
    >>> plt.close("all")
    """
    if not isinstance(plan, Plan) or not plan.actions:
        raise ErreurDonnees("Un plan pac.Plan avec au moins une action est attendu pour tracer le calendrier.")
    exiger_complet(plan, "dessiné")
    if couleur not in ("canal", "objectif", "responsable"):
        raise ErreurDonnees(f"couleur doit valoir 'canal', 'objectif' ou 'responsable', pas {couleur!r}.")
    actions = sorted(plan.actions, key=lambda a: (a.debut, a.nom))
    modalites = list(dict.fromkeys(getattr(a, couleur) or "(non renseigné)" for a in actions))
    palette = dict(zip(modalites, sns.color_palette("crest", len(modalites)), strict=True))
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 1.2 + 0.55 * len(actions)))
    for rang, a in enumerate(actions):
        debut = mdates.date2num(a.debut)
        duree = max((a.fin - a.debut).days + 1, 1)  # fin incluse ; une fin avant le début reste visible
        ax.barh(rang, duree, left=debut, height=0.6, color=palette[getattr(a, couleur) or "(non renseigné)"])
        ax.text(debut + duree + 1, rang, euros(a.budget), va="center", fontsize=9)
    for borne in (plan.debut, plan.fin + pd.Timedelta(days=1)):
        ax.axvline(mdates.date2num(borne), color="grey", linestyle=":", linewidth=1)
    ax.set_yticks(range(len(actions)), [a.nom for a in actions])
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(_format_mois))
    ax.set(title=f"Calendrier du plan « {plan.nom} »", xlabel="", ylabel="")
    poignees = [plt.Rectangle((0, 0), 1, 1, color=palette[m]) for m in modalites]
    ax.legend(poignees, modalites, title=couleur, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return ax


def tracer_compte_resultat(plan: Plan | pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Dessine le compte de résultat prévisionnel en cascade : CA, coût d'achat, marge, coût des actions, résultat.

    Examples
    --------
    >>> from grc.pac import Action, Plan
    >>> p = Plan("PAC", enveloppe=1000, debut="2025-01-01", fin="2025-12-31", actions=[
    ...     Action("A", cible="x", canal="email", debut="2025-03-03", fin="2025-03-16", budget=250,
    ...            commandes_attendues=24, panier_moyen=60, taux_marque=0.4)])
    >>> ax = tracer_compte_resultat(p)
    >>> [round(b.get_height()) for b in ax.patches]
    [1440, -864, 576, -250, 326]
    >>> plt.close("all")
    """
    total = compte_resultat_previsionnel(plan)["Total"]
    ca, achats, marge, couts, resultat = total.tolist()
    hauteurs = [ca, achats, marge, couts, resultat]
    bas = [0, ca, 0, marge, 0]
    libelles = ["CA attendu", "coût d'achat", "marge", "coût des actions", "résultat"]
    couleurs = sns.color_palette("crest", 5)
    teintes = [couleurs[1], "#c0504d", couleurs[3], "#c0504d", couleurs[4] if resultat >= 0 else "#c0504d"]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.5))
    barres = ax.bar(libelles, hauteurs, bottom=bas, color=teintes)
    ax.bar_label(barres, labels=[euros(h) for h in hauteurs], label_type="center", fontsize=9)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.yaxis.set_major_formatter(FORMAT_EUROS)
    ax.set(title="Compte de résultat prévisionnel du plan", xlabel="", ylabel="euros HT")
    return ax
