"""Le schéma d'une question du QCM, vérifié par pydantic.

Une question a un identifiant stable (``rfm-007``), un thème, une difficulté
de 1 à 3, un type (``unique``, ``multiple``, ``vrai_faux``, ``numerique``),
un énoncé, ses choix, la ou les bonnes réponses, une explication obligatoire
et la section de leçon qu'elle vérifie (étiquette MyST, ``rfm-scores``).

Les questions numériques sont *paramétrées* : leurs nombres sont tirés par
élève entre des bornes (``variables``) et la réponse est calculée par une
fonction de ``grc`` nommée dans le YAML (``calcul``), prise dans une liste
blanche : aucune réponse numérique n'est tapée à la main.

>>> q = Question.model_validate({
...     "id": "rfm-001", "theme": "rfm", "difficulte": 1, "type": "vrai_faux",
...     "enonce": "Le R de RFM désigne la récence.", "reponse": True,
...     "explication": "R = récence : le nombre de jours depuis le dernier achat.",
...     "section": "rfm-definition"})
>>> q.bonnes_reponses()
[0]

Un champ facultatif ``niveau: bts|approfondissement`` marque une question du cœur du BTS ou de
l'approfondissement ; sans lui, la question a le niveau de son thème.

>>> q.niveau_effectif
'bts'
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..themes import themes_qcm
from .calculs import ARITHMETIQUE, FONCTIONS_AUTORISEES

#: Les thèmes qui ont des questions, lus dans l'index :mod:`grc.themes` : étiquette -> (numéro, titre).
THEMES: dict[str, tuple[str, str]] = {t.etiquette: (t.numero, t.titre) for t in themes_qcm()}

#: Le niveau de chaque thème (``"bts"`` ou ``"approfondissement"``), celui de ses questions sans ``niveau``.
NIVEAUX_THEMES: dict[str, str] = {t.etiquette: t.niveau for t in themes_qcm()}
#: Les niveaux d'une question : le cœur du BTS, ou l'approfondissement (BUT TC, licence, école).
NIVEAUX = ("bts", "approfondissement")

#: L'étiquette d'un thème du QCM (``"rfm"``), une des clés de :data:`THEMES`.
Theme = Literal[tuple(THEMES)]  # type: ignore[valid-type]
TypeQuestion = Literal["unique", "multiple", "vrai_faux", "numerique"]

#: Un ``{nom}`` dans un énoncé ou une explication : remplacé par la valeur tirée.
MOTIF_VARIABLE = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_ETIQUETTE = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_NOM_VARIABLE = re.compile(r"^[a-z_][a-z0-9_]*$")
_NOMS_RESERVES = {"reponse"}
_MAX_VALEURS = 100_000


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Calcul(_Strict):
    """Le calcul d'une réponse : une fonction de ``grc`` (liste blanche) et ses arguments.

    Un argument est un nombre, un booléen, le nom d'une variable de la question,
    ou une liste de nombres et de noms de variables (passée telle quelle, en liste).
    ``en_pourcentage`` multiplie le résultat (une fraction) par 100.
    """

    fonction: str
    arguments: dict[str, bool | float | str | list[float | str]] = Field(default_factory=dict)
    en_pourcentage: bool = False

    @field_validator("fonction")
    @classmethod
    def _autorisee(cls, nom: str) -> str:
        if nom not in FONCTIONS_AUTORISEES and nom not in ARITHMETIQUE:
            permises = ", ".join(sorted(FONCTIONS_AUTORISEES | set(ARITHMETIQUE)))
            raise ValueError(f"fonction « {nom} » hors de la liste blanche ; fonctions permises : {permises}")
        return nom

    def variables_utilisees(self) -> set[str]:
        noms = set()
        for valeur in self.arguments.values():
            elements = valeur if isinstance(valeur, list) else [valeur]
            noms.update(e for e in elements if isinstance(e, str))
        return noms


class Variable(_Strict):
    """Un nombre tiré pour chaque élève : ``min``..``max`` par ``pas``, ou parmi ``valeurs``.

    Une variable peut aussi être *dérivée* des précédentes par un ``calcul``
    (par exemple ``arithmetique.complement`` pour 1 − r).
    ``format`` règle l'affichage dans l'énoncé : ``nombre``, ``euros`` ou
    ``pourcent`` (la valeur est alors une fraction : 0.8 s'affiche « 80 % »).

    >>> Variable(min=1, max=3, pas=1).possibles()
    [1.0, 2.0, 3.0]
    """

    min: float | None = None
    max: float | None = None
    pas: float | None = None
    valeurs: list[float] | None = None
    calcul: Calcul | None = None
    format: Literal["nombre", "euros", "pourcent"] = "nombre"
    decimales: int = Field(default=0, ge=0, le=4)

    @model_validator(mode="after")
    def _bornes(self) -> Variable:
        if self.calcul is not None:
            if self.valeurs is not None or self.min is not None or self.max is not None or self.pas is not None:
                raise ValueError("une variable dérivée (« calcul ») n'a ni « valeurs » ni « min », « max », « pas »")
            return self
        if self.valeurs is not None:
            if self.min is not None or self.max is not None or self.pas is not None:
                raise ValueError("donnez soit « valeurs », soit « min », « max » et « pas », pas les deux")
            if len(self.valeurs) < 2:
                raise ValueError("« valeurs » doit proposer au moins deux nombres")
            return self
        if self.min is None or self.max is None or self.pas is None:
            raise ValueError("une variable a besoin de « min », « max » et « pas » (ou d'une liste « valeurs »)")
        if self.pas <= 0:
            raise ValueError(f"le pas doit être positif (trouvé : {self.pas})")
        if self.max <= self.min:
            raise ValueError(f"« max » ({self.max}) doit dépasser « min » ({self.min})")
        if (self.max - self.min) / self.pas > _MAX_VALEURS:
            raise ValueError("trop de valeurs possibles : augmentez le pas")
        return self

    def possibles(self) -> list[float]:
        """Toutes les valeurs que le tirage peut donner, dans l'ordre croissant."""
        if self.valeurs is not None:
            return [float(v) for v in self.valeurs]
        if self.calcul is not None:
            return []
        assert self.min is not None and self.max is not None and self.pas is not None
        n = int(round((self.max - self.min) / self.pas + 1e-9))
        return [round(self.min + k * self.pas, 10) for k in range(n + 1)]


class Piege(Calcul):
    """Une mauvaise réponse numérique classique, calculée, avec le pourquoi de l'erreur."""

    explication: str = Field(min_length=15)


class Choix(_Strict):
    """Un choix de réponse ; ``pourquoi`` explique un piège (ou précise une bonne réponse)."""

    texte: str = Field(min_length=1)
    correct: bool = False
    pourquoi: str | None = None


class Question(_Strict):
    """Une question de la banque (voir la docstring du module)."""

    id: str
    theme: Theme
    difficulte: int = Field(ge=1, le=3)
    type: TypeQuestion
    enonce: str = Field(min_length=10)
    section: str = Field(pattern=_ETIQUETTE)
    explication: str = Field(min_length=20)
    choix: list[Choix] = Field(default_factory=list)
    reponse: bool | None = None
    variables: dict[str, Variable] = Field(default_factory=dict)
    calcul: Calcul | None = None
    tolerance: float | None = Field(default=None, ge=0)
    decimales: int = Field(default=2, ge=0, le=4)
    unite: str = ""
    pieges: list[Piege] = Field(default_factory=list)
    niveau: Literal["bts", "approfondissement"] | None = None

    @property
    def niveau_effectif(self) -> str:
        """Le niveau de la question : son champ ``niveau``, sinon celui de son thème (:mod:`grc.themes`)."""
        return self.niveau or NIVEAUX_THEMES.get(self.theme, "bts")

    @model_validator(mode="after")
    def _coherence(self) -> Question:
        if not re.match(rf"^{re.escape(self.theme)}-\d{{3}}$", self.id):
            raise ValueError(f"l'identifiant doit avoir la forme « {self.theme}-001 » (trouvé : « {self.id} »)")
        {"unique": self._verifier_choix, "multiple": self._verifier_choix,
         "vrai_faux": self._verifier_vrai_faux, "numerique": self._verifier_numerique}[self.type]()
        self._verifier_variables()
        return self

    def _verifier_choix(self) -> None:
        if self.reponse is not None or self.calcul is not None or self.pieges or self.tolerance is not None:
            raise ValueError(f"une question « {self.type} » n'a que des « choix » (pas de reponse, calcul, pieges ni tolerance)")
        textes = [c.texte.strip().lower() for c in self.choix]
        if len(self.choix) < 3:
            raise ValueError(f"il faut au moins trois choix (trouvé : {len(self.choix)})")
        if len(set(textes)) != len(textes):
            raise ValueError("deux choix ont le même texte")
        bonnes = sum(c.correct for c in self.choix)
        if self.type == "unique" and bonnes != 1:
            raise ValueError(f"une question « unique » a exactement une bonne réponse (trouvé : {bonnes})")
        if self.type == "multiple" and not 1 <= bonnes < len(self.choix):
            raise ValueError("une question « multiple » a au moins une bonne et une mauvaise réponse")
        if not any(c.pourquoi for c in self.choix if not c.correct):
            raise ValueError("expliquez au moins un piège : donnez « pourquoi » à une mauvaise réponse")

    def _verifier_vrai_faux(self) -> None:
        if self.reponse is None:
            raise ValueError("une question « vrai_faux » a besoin de « reponse: true » ou « reponse: false »")
        if self.choix or self.calcul is not None or self.pieges:
            raise ValueError("une question « vrai_faux » n'a ni « choix », ni « calcul », ni « pieges »")

    def _verifier_numerique(self) -> None:
        if self.calcul is None:
            raise ValueError("une question « numerique » a besoin d'un « calcul » (fonction grc et arguments)")
        if self.tolerance is None:
            raise ValueError("une question « numerique » a besoin d'une « tolerance » (écart accepté)")
        if self.tolerance < 0.5 * 10 ** (-self.decimales):
            raise ValueError(
                f"tolérance {self.tolerance} trop fine pour {self.decimales} décimale(s) : "
                "la réponse arrondie affichée serait refusée"
            )
        if self.choix or self.reponse is not None:
            raise ValueError("une question « numerique » n'a ni « choix » ni « reponse »")
        if len(self.pieges) < 2:
            raise ValueError("une question « numerique » a au moins deux « pieges » calculés (erreurs classiques)")

    def _verifier_variables(self) -> None:
        for nom in self.variables:
            if not _NOM_VARIABLE.match(nom) or nom in _NOMS_RESERVES:
                raise ValueError(f"nom de variable invalide : « {nom} » (minuscules, chiffres et _ ; pas « reponse »)")
        if self.variables and self.type != "numerique":
            raise ValueError("seules les questions « numerique » ont des « variables »")
        precedentes: set[str] = set()
        for nom, variable in self.variables.items():
            if variable.calcul is not None and variable.calcul.variables_utilisees() - precedentes:
                raise ValueError(f"la variable dérivée « {nom} » ne peut utiliser que des variables définies avant elle")
            precedentes.add(nom)
        if self.calcul is not None and self.calcul.fonction not in FONCTIONS_AUTORISEES:
            raise ValueError(f"la bonne réponse doit venir d'une fonction du cours, pas de « {self.calcul.fonction} »")
        connues = set(self.variables)
        calculs = [self.calcul, *self.pieges] if self.calcul else []
        for calcul in calculs:
            inconnues = calcul.variables_utilisees() - connues
            if inconnues:
                raise ValueError(f"le calcul {calcul.fonction} cite une variable inconnue : {sorted(inconnues)}")
        textes = {"énoncé": self.enonce, "explication": self.explication}
        textes.update({f"choix {i + 1}": c.texte for i, c in enumerate(self.choix)})
        textes.update({f"piège {i + 1}": p.explication for i, p in enumerate(self.pieges)})
        for ou, texte in textes.items():
            permises = connues | ({"reponse"} if ou == "explication" and self.type == "numerique" else set())
            inconnues = set(MOTIF_VARIABLE.findall(texte)) - permises
            if inconnues:
                raise ValueError(f"{ou} : variable inconnue {sorted(inconnues)} entre accolades")

    def bonnes_reponses(self) -> list[int]:
        """Indices des bonnes réponses dans l'ordre du YAML (vrai/faux : 0 = Vrai, 1 = Faux)."""
        if self.type == "vrai_faux":
            return [0 if self.reponse else 1]
        return [i for i, c in enumerate(self.choix) if c.correct]


class FichierTheme(_Strict):
    """Un fichier ``course/qcm/XX-theme.yml`` : le thème et ses questions."""

    theme: Theme
    titre: str = Field(min_length=3)
    questions: list[dict] = Field(min_length=1)
