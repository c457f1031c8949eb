"""Une question *tirée* : nombres choisis, choix mélangés, prête à poser et à corriger.

``instancier(question, graine)`` fixe tout ce qui est aléatoire (variables,
ordre des choix) à partir de la graine et de l'identifiant de la question :
la même graine redonne exactement la même question.

>>> from grc.qcm.schema import Question
>>> q = Question.model_validate({
...     "id": "rfm-900", "theme": "rfm", "difficulte": 1, "type": "unique",
...     "enonce": "Que mesure le F de RFM ?", "section": "rfm-definition",
...     "explication": "F = fréquence : le nombre d'achats sur la période étudiée.",
...     "choix": [{"texte": "La fréquence d'achat", "correct": True},
...               {"texte": "La fidélité déclarée", "pourquoi": "Le F se mesure, il ne se déclare pas."},
...               {"texte": "Le fonds de commerce"}]})
>>> t = instancier(q, graine=1, melanger=False)
>>> t.corriger("A").statut, t.corriger("B").statut, t.corriger("").statut
('juste', 'faux', 'vide')
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .calculs import appeler
from .formats import formater, lire_nombre, nombre
from .schema import MOTIF_VARIABLE, Calcul, Question
from .tirage import Tirage, graine_derivee

LETTRES = "ABCDEFGHIJKLMNOP"
_VRAI = {"vrai", "v", "true", "oui", "1"}
_FAUX = {"faux", "f", "false", "non", "0"}


class ReponseIllisible(ValueError):
    """Une réponse qu'on ne sait pas lire (lettre inexistante, nombre illisible...)."""


@dataclass(frozen=True)
class Correction:
    """Le verdict sur une réponse : ``juste``, ``faux`` ou ``vide``, et le retour à afficher."""

    statut: str
    message: str
    explication: str

    @property
    def est_juste(self) -> bool:
        return self.statut == "juste"

    def __str__(self) -> str:
        return f"{self.message}\n{self.explication}"


@dataclass(frozen=True)
class QuestionTiree:
    """Une question prête à poser : textes finaux, choix dans l'ordre affiché, bonnes réponses."""

    id: str
    theme: str
    type: str
    difficulte: int
    section: str
    enonce: str
    explication: str
    choix: tuple[str, ...] = ()
    bonnes: frozenset[int] = frozenset()
    pourquoi: tuple[str | None, ...] = ()
    valeur: float | None = None
    tolerance: float = 0.0
    decimales: int = 2
    unite: str = ""
    pieges: tuple[tuple[float, str], ...] = ()
    variables: Mapping[str, float] = field(default_factory=dict)
    niveau: str = "bts"

    @property
    def est_numerique(self) -> bool:
        return self.type == "numerique"

    @property
    def lettres_bonnes(self) -> str:
        """Les bonnes réponses en lettres (``"A;C"``) ou la valeur attendue pour une question numérique."""
        if self.est_numerique:
            return self.valeur_affichee(unite=False)
        return ";".join(LETTRES[i] for i in sorted(self.bonnes))

    def valeur_affichee(self, unite: bool = True) -> str:
        """La réponse numérique attendue, arrondie et écrite à la française."""
        assert self.valeur is not None
        texte = nombre(self.valeur, self.decimales)
        return f"{texte}\u00a0{self.unite}" if unite and self.unite else texte

    def lire(self, reponse: object) -> frozenset[int] | float | None:
        """Lit une réponse brute ; ``None`` si elle est vide, :class:`ReponseIllisible` si illisible."""
        if _est_vide(reponse):
            return None
        if self.est_numerique:
            valeur = lire_nombre(reponse)
            if valeur is None:
                raise ReponseIllisible(f"« {reponse} » n'est pas un nombre.")
            return valeur
        return frozenset(self._indices(reponse))

    def _indices(self, reponse: object) -> set[int]:
        if isinstance(reponse, bool) and self.type == "vrai_faux":
            return {0 if reponse else 1}
        if isinstance(reponse, int) and not isinstance(reponse, bool):
            return {self._indice_valide(reponse)}
        if isinstance(reponse, str):
            return self._indices_texte(reponse)
        if isinstance(reponse, Iterable):
            indices: set[int] = set()
            for element in reponse:
                indices |= self._indices(element)
            return indices
        raise ReponseIllisible(f"Réponse de type {type(reponse).__name__} illisible.")

    def _indices_texte(self, texte: str) -> set[int]:
        propre = texte.strip()
        bas = propre.lower()
        if self.type == "vrai_faux" and bas in _VRAI | _FAUX:
            return {0 if bas in _VRAI else 1}
        for i, choix in enumerate(self.choix):
            if bas == choix.lower():
                return {i}
        morceaux = [m for m in re.split(r"[\s;,/+]+", propre.upper()) if m]
        if len(morceaux) == 1 and morceaux[0].isalpha():
            morceaux = list(morceaux[0])
        if not morceaux or not all(len(m) == 1 and m.isalpha() for m in morceaux):
            raise ReponseIllisible(f"« {texte} » : répondez par une ou plusieurs lettres (A, B, ...).")
        return {self._indice_valide(LETTRES.find(m)) if m in LETTRES else self._hors_choix(m) for m in morceaux}

    def _indice_valide(self, i: int) -> int:
        if not 0 <= i < len(self.choix):
            return self._hors_choix(LETTRES[i] if 0 <= i < len(LETTRES) else str(i))
        return i

    def _hors_choix(self, lettre: str) -> int:
        derniere = LETTRES[len(self.choix) - 1]
        raise ReponseIllisible(f"le choix « {lettre} » n'existe pas : choix de A à {derniere}.")

    def est_juste(self, lue: frozenset[int] | float) -> bool:
        """Vrai si la réponse lue (indices ou nombre) est la bonne."""
        if self.est_numerique:
            assert self.valeur is not None and isinstance(lue, float)
            return abs(lue - self.valeur) <= self.tolerance + 1e-9
        return lue == self.bonnes

    def corriger(self, reponse: object) -> Correction:
        """Juge une réponse brute et prépare le retour : verdict, bonne réponse, piège reconnu."""
        lue = self.lire(reponse)
        if lue is None:
            return Correction("vide", "Pas de réponse.", self.explication)
        if self.est_juste(lue):
            return Correction("juste", "Juste !", self.explication)
        return Correction("faux", f"Faux. {self._bonne_reponse_texte()}{self._pieges_reconnus(lue)}",
                          self.explication)

    def _bonne_reponse_texte(self) -> str:
        if self.est_numerique:
            return f"Réponse attendue : {self.valeur_affichee()} (à {nombre(self.tolerance, 2)} près)."
        bonnes = " ; ".join(f"{LETTRES[i]}. {self.choix[i]}" for i in sorted(self.bonnes))
        return f"Bonne(s) réponse(s) : {bonnes}."

    def _pieges_reconnus(self, lue: frozenset[int] | float) -> str:
        if isinstance(lue, float):
            textes = [e for v, e in self.pieges if abs(lue - v) <= self.tolerance + 1e-9]
        else:
            textes = [f"{LETTRES[i]} : {self.pourquoi[i]}" for i in sorted(lue - self.bonnes)
                      if i < len(self.pourquoi) and self.pourquoi[i]]
        return "".join(f"\nPiège : {t}" for t in textes)

    def en_choix_unique(self) -> QuestionTiree:
        """Version à choix unique d'une question numérique : la réponse et ses pièges, mélangés."""
        if not self.est_numerique:
            return self
        valeurs = [(self.valeur_affichee(), None), *((self._afficher(v), e) for v, e in self.pieges)]
        ordre = Tirage(graine_derivee(self.id, *self.variables.values())).melanger(range(len(valeurs)))
        return QuestionTiree(
            id=self.id, theme=self.theme, type="unique", difficulte=self.difficulte, section=self.section,
            enonce=self.enonce, explication=self.explication,
            choix=tuple(valeurs[i][0] for i in ordre), bonnes=frozenset([ordre.index(0)]),
            pourquoi=tuple(valeurs[i][1] for i in ordre), variables=self.variables, niveau=self.niveau,
        )

    def _afficher(self, valeur: float) -> str:
        texte = nombre(valeur, self.decimales)
        return f"{texte}\u00a0{self.unite}" if self.unite else texte


def _est_vide(reponse: object) -> bool:
    if reponse is None or reponse is Ellipsis:
        return True
    if isinstance(reponse, float) and math.isnan(reponse):
        return True
    if isinstance(reponse, str) and not reponse.strip():
        return True
    return isinstance(reponse, list | tuple | set | frozenset) and not reponse


def _remplir(texte: str, valeurs: Mapping[str, str]) -> str:
    return MOTIF_VARIABLE.sub(lambda m: valeurs.get(m.group(1), m.group(0)), texte)


def _valeur(argument: object, variables: Mapping[str, float]) -> object:
    if isinstance(argument, list):
        return [_valeur(a, variables) for a in argument]
    return variables[argument] if isinstance(argument, str) else argument


def _evaluer(calcul: Calcul, variables: Mapping[str, float]) -> float:
    arguments = {k: _valeur(v, variables) for k, v in calcul.arguments.items()}
    resultat = appeler(calcul.fonction, arguments)
    return 100 * resultat if calcul.en_pourcentage else resultat


def instancier(question: Question, graine: int = 0, melanger: bool = True) -> QuestionTiree:
    """Tire les nombres et l'ordre des choix d'une question, de façon reproductible."""
    tirage = Tirage(graine_derivee(graine, question.id))
    variables: dict[str, float] = {}
    for nom, v in question.variables.items():
        variables[nom] = round(_evaluer(v.calcul, variables), 10) if v.calcul else tirage.choisir(v.possibles())
    textes = {nom: formater(variables[nom], v.format, v.decimales) for nom, v in question.variables.items()}
    commun = dict(id=question.id, theme=question.theme, type=question.type, difficulte=question.difficulte,
                  section=question.section, enonce=_remplir(question.enonce, textes), niveau=question.niveau_effectif)
    if question.type == "numerique":
        return _instancier_numerique(question, variables, textes, commun)
    if question.type == "vrai_faux":
        choix, pourquoi = ["Vrai", "Faux"], [None, None]
    else:
        choix = [_remplir(c.texte, textes) for c in question.choix]
        pourquoi = [c.pourquoi for c in question.choix]
    bonnes = question.bonnes_reponses()
    ordre = tirage.melanger(range(len(choix))) if melanger and question.type != "vrai_faux" else list(range(len(choix)))
    return QuestionTiree(
        **commun, explication=_remplir(question.explication, textes),
        choix=tuple(choix[i] for i in ordre), bonnes=frozenset(ordre.index(b) for b in bonnes),
        pourquoi=tuple(pourquoi[i] for i in ordre), variables=variables,
    )


def _instancier_numerique(question: Question, variables: dict[str, float], textes: dict[str, str],
                          commun: dict) -> QuestionTiree:
    assert question.calcul is not None and question.tolerance is not None
    valeur = _evaluer(question.calcul, variables)
    pieges: list[tuple[float, str]] = []
    affiches = {nombre(valeur, question.decimales)}
    for piege in question.pieges:
        v = _evaluer(piege, variables)
        texte = nombre(v, question.decimales)
        if abs(v - valeur) > question.tolerance and texte not in affiches:
            affiches.add(texte)
            pieges.append((v, _remplir(piege.explication, textes)))
    textes_reponse = {**textes, "reponse": _unite(nombre(valeur, question.decimales), question.unite)}
    return QuestionTiree(
        **commun, explication=_remplir(question.explication, textes_reponse), valeur=valeur,
        tolerance=question.tolerance, decimales=question.decimales, unite=question.unite,
        pieges=tuple(pieges), variables=variables,
    )


def _unite(texte: str, unite: str) -> str:
    return f"{texte}\u00a0{unite}" if unite else texte
