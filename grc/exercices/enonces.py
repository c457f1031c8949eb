"""Les énoncés des exercices que les cahiers affichent : situations, phrases, choix de réponses.

Ce module est public : un cahier l'importe pour afficher un énoncé ou construire un menu, sans
jamais toucher aux juges (privés, dans ``grc.exercices._themes``). Il ne contient aucune réponse.

>>> sorted(SITUATIONS_PROGRAMMES)[:2], sorted(CONCLUSIONS_AB)[:2]
(['A', 'B'], ['A', 'B'])
>>> MOBILES[-1], len(ENONCES_SONCAS)
('écologie', 8)
"""

from __future__ import annotations

from grc.vente import SONCASE

__all__ = ["CONCLUSIONS_AB", "ENONCES_SONCAS", "MOBILES", "SITUATIONS_PROGRAMMES"]

# --- Thème 05 -------------------------------------------------------------------------------------

#: Les situations de l'exercice 5 du carnet (le type de programme qui convient à chacune est à trouver).
SITUATIONS_PROGRAMMES: dict[str, str] = {
    "A": ("Un hard-discounter alimentaire dont les clients comparent les prix au centime veut une récompense "
          "simple, en argent, versée sur une cagnotte."),
    "B": ("Une petite station de lavage auto, où l'on passe quatre fois par an, s'allie à une boulangerie, une "
          "pharmacie et un cinéma pour que ses clients cumulent plus vite."),
    "C": ("Une marque de matériel d'aquariophilie veut asseoir son expertise : fiches d'entretien, lettre de "
          "conseils, vidéos, sans rien à gagner."),
    "D": ("Une enseigne de bricolage à petits prix, dont les clients viennent pour le prix, offre aux porteurs de "
          "sa carte −5 % en caisse sur chaque achat, toute l'année, sans rien à cumuler."),
    "E": ("Une enseigne de mobilier haut de gamme offre à ses adhérents la livraison et le montage, une garantie "
          "prolongée et des invitations aux avant-premières."),
    "F": ("Une boulangerie où l'on passe chaque semaine : chaque achat rapporte des points, échangés contre des "
          "produits de la boutique."),
}

# --- Thème 08 -------------------------------------------------------------------------------------

#: Les réponses possibles de l'exercice « 08_conclusion_ab ».
CONCLUSIONS_AB = {
    "A": "L'offre « -10 % » (K07) est meilleure : son taux de retour est plus élevé, on abandonne « 5 € offerts ».",
    "B": "Les deux offres se valent : on peut choisir l'une ou l'autre indifféremment.",
    "C": "Le test ne permet pas de départager les deux offres : l'écart observé peut venir du hasard du "
         "tirage, et il faudrait beaucoup plus de contacts pour trancher.",
    "D": "L'offre « 5 € offerts » (K08) est significativement meilleure.",
}

# --- Thème 09 -------------------------------------------------------------------------------------

#: Les mobiles permis (pour les menus du cahier) : la grille SONCASE.
MOBILES: list[str] = list(SONCASE)

#: Les phrases de l'exercice « 09_soncas_phrases », sans la clé (pour les menus du cahier).
ENONCES_SONCAS: dict[int, str] = {
    1: "Cette tondeuse est garantie combien de temps ? Je ne veux pas qu'elle me lâche en plein mois de juin.",
    2: "Je veux un olivier centenaire devant la maison : tous mes invités doivent le remarquer en arrivant.",
    3: "Vous avez déjà le robot désherbeur présenté au salon de février ? J'aime bien essayer ce qui sort.",
    4: "Il me faut des plantes qui se débrouillent seules : je ne veux plus passer mes week-ends à arroser.",
    5: "Si je prends dix sacs de terreau au lieu de trois, vous me faites un prix ?",
    6: "Je demande toujours Nadia au rayon plantes : elle connaît mon jardin et c'est un plaisir de discuter avec elle.",
    7: "Vos engrais sont-ils utilisables en agriculture biologique ? Je ne veux pas polluer la nappe phréatique.",
    8: "Ce goutte-à-goutte, on le programme une fois et on n'y touche plus de l'été ?",
}
