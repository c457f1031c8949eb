"""Le quiz de fin de cahier : des questions tirées de la banque, réponses par clic, score.

``quiz("rfm")`` affiche dans JupyterLab une question par carte : on coche,
« Valider » dit juste ou faux avec l'explication, le score se met à jour,
« Recommencer » tire de nouvelles questions. Tout se pilote aussi depuis
Python (``selectionner``, ``valider``, ``score``), ce qui sert aux tests.

Sans interface de widgets (page HTML statique, ``jupyter nbconvert``), le quiz
s'affiche en texte et en HTML lisibles, réponses cachées dans un ``<details>``
qu'on ouvre d'un clic : jamais de plantage.

>>> q = quiz("rfm", nombre=3, graine=1)
>>> len(q.questions), q.score, q.termine
(3, 0, False)
>>> bonne = q.questions[0].lettres_bonnes if not q.questions[0].est_numerique else q.questions[0].valeur
>>> q.selectionner(0, bonne)
>>> q.valider(0).statut
'juste'
>>> q.score
1
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from .banque import Banque, charger_banque, resoudre_themes
from .formats import html_texte
from .instance import LETTRES, Correction, QuestionTiree, ReponseIllisible, instancier
from .schema import THEMES
from .tirage import graine_derivee

_COULEURS = {"juste": ("#e6f4ea", "#1e7e34", "✅"), "faux": ("#fdecea", "#b3261e", "❌"),
             "vide": ("#fff8e1", "#8a6d00", "✏️")}


def _texte_brut(choix: str) -> str:
    """Le texte d'un choix sans les accents graves du code Markdown (un bouton affiche du texte brut).

    >>> _texte_brut("`table.head()`")
    'table.head()'
    """
    return choix.replace("`", "")


def _lien_section(q: QuestionTiree) -> str:
    """« section « rfm-scores » » en lien qui ouvre la leçon à cette section (texte seul si le thème est inconnu)."""
    from ..travail import lien_lecon

    try:
        return lien_lecon(q.theme, q.section)
    except KeyError:
        return f"section « {html.escape(q.section)} »"


def explication_claire(explication: str) -> str:
    """Une explication qui commence par « Faux. » ou « Vrai. » parle de l'affirmation, pas de la réponse de l'élève.

    Après « ✅ Juste ! », « Faux. Un score... » se lisait comme un démenti : on écrit
    « L'affirmation est fausse : un score... ».

    >>> explication_claire("Faux. Un score R = 5 est relatif à la base.")
    "L'affirmation est fausse : un score R = 5 est relatif à la base."
    >>> explication_claire("Vrai : RFM se calcule par client.")
    "L'affirmation est vraie : RFM se calcule par client."
    >>> explication_claire("Fausse piste : ...")
    'Fausse piste : ...'
    """
    trouve = re.match(r"\s*(Vrai|Faux)\s*(?:[.:!;,]|\s[—–-])\s*", explication)
    if not trouve:
        return explication
    reste = explication[trouve.end():]
    mot = "vraie" if trouve.group(1) == "Vrai" else "fausse"
    if not reste:
        return f"L'affirmation est {mot}."
    if len(reste) > 1 and reste[0].isupper() and reste[1].islower():
        reste = reste[0].lower() + reste[1:]
    return f"L'affirmation est {mot} : {reste}"


def quiz(theme: str = "tous", nombre: int = 10, graine: int | None = None,
         difficulte: int | Iterable[int] | None = None, niveau: str | None = None) -> Quiz:
    """Crée le quiz d'un thème (« rfm », « 02 ») ou de tous (« tous ») ; la même graine redonne le même quiz.

    Parameters
    ----------
    theme : str
        Étiquette ou numéro du thème, plusieurs séparés par des virgules, ou « tous ».
    nombre : int
        Nombre de questions (toutes celles du thème s'il y en a moins).
    graine : int, optional
        Graine du tirage ; ``None`` vaut 0 (le cahier affiche toujours le même premier quiz,
        « Recommencer » en tire un autre).
    difficulte : int ou liste d'int, optional
        Niveaux retenus (1 à 3) ; par défaut tous.
    niveau : str, optional
        « bts » : seulement les questions du cœur du BTS ; « approfondissement » : seulement celles de
        l'approfondissement ; par défaut toutes.
    """
    return Quiz(theme, nombre, graine, difficulte, niveau=niveau)


class Quiz:
    """Un quiz affichable (widgets, ou HTML et texte de repli) et pilotable depuis Python."""

    def __init__(self, theme: str = "tous", nombre: int = 10, graine: int | None = None,
                 difficulte: int | Iterable[int] | None = None, banque: Banque | None = None,
                 niveau: str | None = None) -> None:
        self.themes = resoudre_themes(theme)
        self.nom_theme = theme
        self.nombre = nombre
        self.graine = 0 if graine is None else int(graine)
        self.difficultes = [difficulte] if isinstance(difficulte, int) else difficulte
        self._banque = (banque if banque is not None else charger_banque()).au_niveau(niveau)
        self.numero_tirage = 0
        self._widget: Any = None
        self._tirer()

    # --- Tirage et état -------------------------------------------------------------------

    @property
    def graine_du_tirage(self) -> int:
        """La graine du tirage en cours (la graine de départ, puis une graine dérivée par tirage)."""
        return self.graine if self.numero_tirage == 0 else graine_derivee(self.graine, self.numero_tirage)

    def _tirer(self) -> None:
        graine = self.graine_du_tirage
        choisies = self._banque.tirer(self.themes, self.nombre, graine, self.difficultes)
        self.questions: list[QuestionTiree] = [instancier(q, graine) for q in choisies]
        self.reponses: list[object] = [None] * len(self.questions)
        self.corrections: list[Correction | None] = [None] * len(self.questions)
        self._cartes: list[_Carte] = []
        if self._widget is not None:
            self._construire_cartes()

    def selectionner(self, numero: int, reponse: object) -> None:
        """Coche une réponse pour la question ``numero`` (0 = la première).

        ``reponse`` : lettre(s) (« B », « A;C »), indice(s), texte d'un choix, « vrai »/« faux »
        ou nombre. Une réponse illisible lève :class:`~grc.qcm.instance.ReponseIllisible`.
        """
        question = self._question(numero)
        question.lire(reponse)
        if self.corrections[numero] is not None:
            raise ValueError(f"La question {numero + 1} est déjà validée : « Recommencer » pour un nouveau tirage.")
        self.reponses[numero] = reponse
        if self._cartes:
            self._cartes[numero].afficher_reponse(question.lire(reponse))

    def valider(self, numero: int) -> Correction:
        """Corrige la question ``numero`` avec la réponse cochée ; une question validée est figée."""
        question = self._question(numero)
        deja = self.corrections[numero]
        if deja is not None:
            return deja
        try:
            correction = question.corriger(self.reponses[numero])
        except ReponseIllisible as exc:
            correction = Correction("vide", f"Réponse illisible : {exc}", "")
        if correction.statut != "vide":
            self.corrections[numero] = correction
            self._noter_score()
        if self._cartes:
            self._cartes[numero].montrer(correction)
            self._maj_score()
        return correction

    def recommencer(self) -> None:
        """Efface les réponses et tire de nouvelles questions (tirage suivant, reproductible)."""
        self.numero_tirage += 1
        self._tirer()
        if self._widget is not None:
            self._maj_score()

    @property
    def cle_progression(self) -> str:
        """La clé du quiz dans le fichier de progression : l'étiquette du thème, ou « tous »."""
        if set(self.themes) == set(THEMES):
            return "tous"
        return ",".join(self.themes)

    def _noter_score(self) -> None:
        """Note le score dans ``mon-travail/progression.json`` (sans jamais gêner le quiz)."""
        try:
            from grc.progression import noter_quiz

            noter_quiz(self.cle_progression, self.score, self.total)
        except Exception:  # pragma: no cover - disque plein, dossier en lecture seule...
            pass

    def score_enregistre(self) -> dict[str, Any] | None:
        """Le dernier score noté pour ce quiz dans le fichier de progression (``None`` s'il n'y en a pas)."""
        try:
            from grc.progression import lire_progression

            return lire_progression()["quiz"].get(self.cle_progression)
        except Exception:  # pragma: no cover
            return None

    def texte_score_enregistre(self) -> str:
        """« Score enregistré : 7 / 10 (meilleur : 8 / 10), le 02/12/2026 à 18:00. » ou une chaîne vide."""
        fiche = self.score_enregistre()
        if not fiche or fiche.get("score") is None:
            return ""
        texte = f"Score enregistré : {fiche['score']} / {fiche.get('sur')}"
        if fiche.get("meilleur") is not None and fiche.get("meilleur") != fiche.get("score"):
            texte += f" (meilleur : {fiche['meilleur']} / {fiche.get('meilleur_sur', fiche.get('sur'))})"
        date = str(fiche.get("date") or "")
        if len(date) >= 16:
            texte += f", le {date[8:10]}/{date[5:7]}/{date[:4]} à {date[11:16]}"
        return texte + "."

    def _question(self, numero: int) -> QuestionTiree:
        if not 0 <= numero < len(self.questions):
            raise IndexError(f"Pas de question n°{numero} : numéros de 0 à {len(self.questions) - 1}.")
        return self.questions[numero]

    @property
    def score(self) -> int:
        """Le nombre de réponses justes parmi les questions validées."""
        return sum(1 for c in self.corrections if c is not None and c.est_juste)

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def nombre_valides(self) -> int:
        return sum(1 for c in self.corrections if c is not None)

    @property
    def termine(self) -> bool:
        return self.nombre_valides == self.total

    def texte_score(self) -> str:
        if self.termine:
            return f"Score final : {self.score} / {self.total}. « Recommencer » pour un nouveau tirage."
        return f"Score : {self.score} / {self.total} ({self.nombre_valides} question(s) validée(s) sur {self.total})."

    # --- Affichage avec widgets -----------------------------------------------------------

    @property
    def widget(self) -> Any:
        """Le widget ipywidgets du quiz (créé au premier accès) ; ``None`` si ipywidgets manque."""
        if self._widget is None:
            try:
                import ipywidgets as w
            except ImportError:
                return None
            self._titre = w.HTML(f"<h3>{html.escape(self._titre_texte())}</h3>")
            self._score = w.HTML()
            self._bouton = w.Button(description="Recommencer", icon="refresh",
                                    tooltip="Nouveau tirage de questions", button_style="info")
            self._bouton.on_click(lambda _: self.recommencer())
            self._widget = w.VBox(layout=w.Layout(width="100%"))
            self._construire_cartes()
            self._maj_score()
        return self._widget

    def _construire_cartes(self) -> None:
        self._cartes = [_Carte(self, i, q) for i, q in enumerate(self.questions)]
        self._widget.children = [self._titre, *(c.boite for c in self._cartes), self._score, self._bouton]

    def _maj_score(self) -> None:
        texte = f"<p style='font-size:1.1em'><b>{html.escape(self.texte_score())}</b></p>"
        if self.nombre_valides == 0 and self.numero_tirage == 0:
            enregistre = self.texte_score_enregistre()
            if enregistre:
                texte += f"<p>{html.escape(enregistre)} Le bilan : <code>bilan()</code>.</p>"
        self._score.value = texte

    def _titre_texte(self) -> str:
        if set(self.themes) == set(THEMES):
            return "Quiz de révision — tous les thèmes"
        return "Quiz — " + ", ".join(f"{THEMES[t][0]} · {THEMES[t][1]}" for t in self.themes)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        donnees: dict[str, Any] = {"text/plain": self.texte(), "text/html": self.html_statique()}
        try:
            vue = self.widget._repr_mimebundle_() if self.widget is not None else {}
        except Exception:  # pas de noyau, pas de widgets : le repli suffit
            vue = {}
        donnees.update({k: v for k, v in vue.items() if k != "text/plain"})
        if vue:  # cahier rouvert : le quiz ne peut revivre qu'en relançant sa cellule (voir grc.affichage)
            from grc.affichage import repli_widget

            donnees = repli_widget(donnees)
        return donnees

    def statique(self) -> Statique:
        """La version sans widgets (HTML à réponses cachées et texte), pour une page web ou un export."""
        return Statique(self.html_statique(), self.texte())

    def __repr__(self) -> str:
        return f"<Quiz {self._titre_texte()} : {self.total} questions, {self.texte_score()}>"

    # --- Repli statique -------------------------------------------------------------------

    def texte(self) -> str:
        """Le quiz en texte brut, sans les réponses."""
        lignes = [self._titre_texte(), ""]
        for i, q in enumerate(self.questions):
            lignes.append(f"Question {i + 1}. {q.enonce}")
            lignes.extend(f"  {LETTRES[j]}. {c}" for j, c in enumerate(q.choix))
            if q.est_numerique:
                lignes.append(f"  Réponse : ............ {q.unite}")
            lignes.append("")
        lignes.append("Réponses et explications : ouvrez ce cahier dans JupyterLab (quiz interactif).")
        return "\n".join(lignes)

    def html_statique(self) -> str:
        """Le quiz en HTML sans script : chaque réponse est cachée dans un ``<details>``."""
        morceaux = [f"<div class='grc-quiz'><h3>{html.escape(self._titre_texte())}</h3>"]
        for i, q in enumerate(self.questions):
            choix = "".join(f"<li>{LETTRES[j]}. {html_texte(c)}</li>" for j, c in enumerate(q.choix))
            liste = f"<ul style='list-style:none'>{choix}</ul>" if choix else \
                f"<p>Réponse : ............ {html.escape(q.unite)}</p>"
            reponse = q.valeur_affichee() if q.est_numerique else \
                " ; ".join(f"{LETTRES[j]}. {q.choix[j]}" for j in sorted(q.bonnes))
            morceaux.append(
                f"<div style='margin:0.8em 0'><p><b>Question {i + 1}.</b> {html_texte(q.enonce)}</p>{liste}"
                f"<details><summary>Voir la réponse</summary><p><b>Réponse :</b> {html_texte(reponse)}</p>"
                f"<p>{html_texte(explication_claire(q.explication))}</p><p><i>Leçon : {_lien_section(q)}</i></p>"
                "</details></div>"
            )
        morceaux.append("</div>")
        return "".join(morceaux)


class Statique:
    """Un quiz figé : ``_repr_html_`` (réponses dans des ``<details>``) et texte brut sans réponses."""

    def __init__(self, html_: str, texte: str) -> None:
        self.html, self.texte = html_, texte

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.texte


class _Carte:
    """Les widgets d'une question : énoncé, choix, bouton « Valider », retour."""

    def __init__(self, quiz: Quiz, numero: int, question: QuestionTiree) -> None:
        import ipywidgets as w

        self.quiz, self.numero, self.question = quiz, numero, question
        etoiles = "★" * question.difficulte + "☆" * (3 - question.difficulte)
        entete = w.HTML(f"<p><b>Question {numero + 1} / {quiz.total}</b> <span title='difficulté'>{etoiles}</span>"
                        f"<br>{html_texte(question.enonce)}</p>")
        self.controles = self._controles(w)
        self.bouton = w.Button(description="Valider", button_style="primary", icon="check")
        self.bouton.on_click(lambda _: self.quiz.valider(self.numero))
        self.retour = w.HTML()
        self.boite = w.VBox([entete, *self.controles, self.bouton, self.retour],
                            layout=w.Layout(border="1px solid #ddd", padding="6px 10px", margin="6px 0"))

    def _controles(self, w: Any) -> list[Any]:
        q = self.question
        if q.est_numerique:
            saisie = w.Text(placeholder="un nombre, par ex. 12,5", description="Réponse :")
            saisie.observe(lambda ch: self._noter(ch["new"]), names="value")
            return [w.HBox([saisie, w.Label(q.unite)])]
        if q.type == "multiple":
            cases = [w.Checkbox(value=False, description=f"{LETTRES[j]}. {_texte_brut(c)}", indent=False,
                                layout=w.Layout(width="auto")) for j, c in enumerate(q.choix)]
            for case in cases:
                case.observe(lambda _: self._noter([j for j, c in enumerate(cases) if c.value]), names="value")
            return cases
        boutons = w.RadioButtons(options=[(f"{LETTRES[j]}. {_texte_brut(c)}", j) for j, c in enumerate(q.choix)],
                                 value=None,
                                 layout=w.Layout(width="auto"))
        boutons.observe(lambda ch: self._noter(ch["new"]), names="value")
        return [boutons]

    def _noter(self, reponse: object) -> None:
        if self.quiz.corrections[self.numero] is None:
            self.quiz.reponses[self.numero] = reponse

    def afficher_reponse(self, lue: frozenset[int] | float | None) -> None:
        """Reporte dans les widgets une réponse donnée depuis Python."""
        q = self.question
        if q.est_numerique:
            self.controles[0].children[0].value = "" if lue is None else str(lue).replace(".", ",")
        elif q.type == "multiple":
            for j, case in enumerate(self.controles):
                case.value = lue is not None and j in lue  # type: ignore[operator]
        else:
            self.controles[0].value = None if not lue else min(lue)  # type: ignore[type-var]

    def montrer(self, correction: Correction) -> None:
        """Affiche le verdict et l'explication, puis fige la question (sauf réponse vide)."""
        fond, bord, icone = _COULEURS[correction.statut]
        message = html_texte(correction.message).replace("\n", "<br>")
        if correction.statut == "vide":
            self.retour.value = (f"<div style='background:{fond};border-left:4px solid {bord};padding:6px 10px;"
                                 f"color:#222'>{icone} {message} Choisissez une réponse, puis validez.</div>")
            return
        self.retour.value = (
            f"<div style='background:{fond};border-left:4px solid {bord};padding:6px 10px;color:#222'>"
            f"{icone} {message}<br><i>{html_texte(explication_claire(correction.explication))}</i>"
            f"<br><small>Leçon : {_lien_section(self.question)}</small></div>"
        )
        self.bouton.disabled = True
        for controle in self.controles:
            for element in getattr(controle, "children", [controle]):
                element.disabled = True
