"""Le hasard reproductible du QCM : même graine, même tirage, sur toute version de Python.

Seule la méthode ``random()`` de :class:`random.Random` garde la même suite
d'une version de Python à l'autre ; tout le reste (entiers, mélanges) en est
dérivé ici. Les graines propres à un élève ou à une question viennent d'un
hachage SHA-256 (et non de ``hash()``, qui change à chaque lancement).

>>> graine = graine_derivee(1, "Alice")
>>> Tirage(graine).melanger("abcd") == Tirage(graine).melanger("abcd")
True
>>> graine_derivee(1, "Alice") != graine_derivee(1, "Bob")
True
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def graine_derivee(*parties: object) -> int:
    """Une graine entière stable, calculée à partir de plusieurs éléments (graine, élève, question...)."""
    texte = "\x1f".join(str(p) for p in parties).encode("utf-8")
    return int.from_bytes(hashlib.sha256(texte).digest()[:8], "big")


class Tirage:
    """Un générateur reproductible : ``entier(n)``, ``choisir``, ``melanger``, ``echantillon``."""

    def __init__(self, graine: int) -> None:
        self._hasard = random.Random(graine)

    def entier(self, n: int) -> int:
        """Un entier de 0 à n − 1.

        >>> 0 <= Tirage(3).entier(10) < 10
        True
        """
        if n <= 0:
            raise ValueError("Tirage impossible dans un ensemble vide.")
        return min(int(self._hasard.random() * n), n - 1)

    def choisir(self, elements: Sequence[T]) -> T:
        return elements[self.entier(len(elements))]

    def melanger(self, elements: Sequence[T]) -> list[T]:
        """Une copie mélangée (Fisher-Yates)."""
        copie = list(elements)
        for i in range(len(copie) - 1, 0, -1):
            j = self.entier(i + 1)
            copie[i], copie[j] = copie[j], copie[i]
        return copie

    def echantillon(self, elements: Sequence[T], k: int) -> list[T]:
        """k éléments distincts, dans un ordre aléatoire."""
        return self.melanger(elements)[:k]
