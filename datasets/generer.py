"""Générateur des données fictives de l'enseigne « Verdance » (jardinerie, animalerie, décoration).

Usage : ``python datasets/generer.py [--sortie DOSSIER]`` (par défaut : le dossier de ce script).

Tout est tiré d'un générateur aléatoire à graine fixe (``numpy.random.default_rng``) :
deux exécutions écrivent des fichiers identiques octet pour octet. Chaque table a son
propre flux aléatoire (dérivé de la graine et du nom de la table), si bien que modifier
une table ne change pas les autres.

Le modèle, en bref (détails dans ``datasets/README.md``) :

- chaque client a un profil latent : fréquence d'achat (loi gamma, très inégale d'un
  client à l'autre), taille de panier, gamme de prix, 1 à 4 rayons de prédilection,
  durée de vie (départ à une date tirée au hasard, « perte de vitesse » pour certains) ;
- les dates d'achat suivent la saison de chaque rayon (printemps pour le jardin, décembre
  pour la décoration et l'épicerie fine), le jour de la semaine et les soldes ;
- les campagnes ciblent des clients selon leurs consentements et leur profil, et leur
  réponse dépend de la récence, de la fréquence, du montant et de l'affinité avec l'offre ;
  les commandes des campagnes sont de vrais tickets de ``transactions`` ;
- le service Pros (B2B) émet des devis, dont l'entonnoir mensuel est résumé dans
  ``prospection`` et dont les objectifs suivent le réalisé de l'année précédente.

La fonction :func:`generer_transactions_massives` produit, avec la même logique, une table
de transactions d'un million de lignes pour les mesures de vitesse (``benchmarks/``).
"""

from __future__ import annotations

import argparse
import json
import time
import unicodedata
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

GRAINE = 2025
DEBUT = pd.Timestamp("2022-01-01")
FIN = pd.Timestamp("2024-12-31")
JOURS = pd.date_range(DEBUT, FIN, freq="D")
NB_JOURS = len(JOURS)
DOSSIER = Path(__file__).resolve().parent

# --------------------------------------------------------------------------------------
# Référentiels
# --------------------------------------------------------------------------------------

MAGASINS = ["Tours", "Angers", "Orléans", "Blois", "Le Mans"]
WEB = len(MAGASINS)  # indice du canal « Web » dans LIEUX
LIEUX = MAGASINS + ["Web"]
POIDS_MAGASINS = np.array([0.30, 0.22, 0.20, 0.12, 0.16])

RAYONS = ["Végétaux", "Jardin et outillage", "Animalerie", "Décoration", "Épicerie fine", "Mobilier d'extérieur"]
V, J, A, D, E, M = range(6)

# Indice saisonnier mensuel de chaque rayon (janvier → décembre), 1 = mois moyen.
SAISON_RAYON = np.array([
    [0.45, 0.60, 1.35, 1.90, 1.90, 1.20, 0.75, 0.55, 0.95, 1.05, 0.70, 0.60],
    [0.50, 0.65, 1.40, 1.80, 1.70, 1.30, 0.90, 0.70, 1.00, 1.10, 0.60, 0.45],
    [1.00, 0.95, 1.00, 1.00, 1.00, 0.95, 0.95, 0.90, 1.00, 1.00, 1.00, 1.20],
    [0.95, 0.70, 0.75, 0.80, 0.85, 0.80, 0.90, 0.70, 0.80, 0.90, 1.45, 2.40],
    [0.60, 0.70, 0.75, 0.80, 0.80, 0.70, 0.60, 0.60, 0.75, 0.90, 1.40, 3.20],
    [0.35, 0.40, 0.90, 1.60, 2.00, 1.90, 1.50, 0.80, 0.50, 0.40, 0.30, 0.40],
])
RAYONS_EN_SOLDES = [J, D, M]
SOLDES = [("2022-01-12", "2022-02-08"), ("2022-06-22", "2022-07-19"),
          ("2023-01-11", "2023-02-07"), ("2023-06-28", "2023-07-25"),
          ("2024-01-10", "2024-02-06"), ("2024-06-26", "2024-07-23")]
JOURS_FERMES = ["01-01", "05-01", "12-25"]  # magasins fermés (le site reste ouvert)
EFFET_JOUR_SEMAINE = np.array([0.75, 0.85, 1.0, 0.9, 1.05, 1.7, 0.9])  # lundi → dimanche

# Catalogue : rayon → famille → (taux de TVA, coefficient prix HT / coût HT, saison de la famille,
# [(libellé, prix TTC), ...]). Saison : None = celle du rayon, sinon 12 indices mensuels.
NOEL = [0.15, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.1, 0.4, 3.0, 6.0]
CATALOGUE = {
    "Végétaux": {
        "Plantes d'intérieur": (0.10, 2.4, [1.4, 1.2, 1.0, 0.8, 0.7, 0.6, 0.6, 0.7, 1.0, 1.2, 1.3, 1.6], [
            ("Sansevieria pot 12 cm", 9.99), ("Cactus assortis (lot de 3)", 8.99), ("Pothos suspension", 12.99),
            ("Calathea pot 14 cm", 14.99), ("Orchidée Phalaenopsis 2 tiges", 19.99),
            ("Monstera deliciosa pot 17 cm", 24.99), ("Bonsaï ficus ginseng", 29.90), ("Ficus lyrata 1 m", 39.90)]),
        "Plantes de massif et vivaces": (0.10, 2.5, None, [
            ("Géranium lierre godet", 2.99), ("Bruyère d'hiver pot 1 L", 3.49), ("Pétunias (barquette de 6)", 5.99),
            ("Lavande officinale pot 2 L", 6.99), ("Sauge arbustive pot 2 L", 7.99), ("Chrysanthème multifleurs", 9.99),
            ("Hortensia pot 4 L", 19.99), ("Rosier buisson 'Pierre de Ronsard'", 24.90)]),
        "Arbres et arbustes": (0.10, 2.2, None, [
            ("Photinia 'Red Robin' pot 3 L", 12.99), ("Laurier-palme 1 m", 14.90), ("Rosier grimpant", 19.90),
            ("Pommier 'Golden' scion", 29.90), ("Érable du Japon pot 10 L", 39.90),
            ("Citronnier en pot", 44.90), ("Olivier en pot 80 cm", 59.90)]),
        "Potager, bulbes et semences": (0.10, 2.6, None, [
            ("Sachet de semences tomates 'Cœur de bœuf'", 2.95), ("Plant d'aromatique en godet", 2.79),
            ("Oignons à planter 500 g", 3.49), ("Fraisiers (barquette de 6)", 6.49),
            ("Plants de tomates (lot de 6)", 7.99), ("Pommes de terre de semence 2,5 kg", 7.99),
            ("Bulbes de tulipes (x25)", 9.99), ("Gazon rustique 1 kg", 12.90)]),
    },
    "Jardin et outillage": {
        "Outillage à main": (0.20, 1.9, None, [
            ("Transplantoir", 7.90), ("Gants de jardin", 8.90), ("Binette", 16.90), ("Râteau 14 dents", 19.90),
            ("Sécateur de précision", 24.90), ("Cisaille à haie", 29.90), ("Bêche inox", 34.90),
            ("Brouette 100 L", 69.90)]),
        "Motoculture": (0.20, 1.45, None, [
            ("Coupe-bordure électrique", 59.90), ("Batterie 18 V 4 Ah", 79.90), ("Souffleur de feuilles", 89.90),
            ("Taille-haie sur batterie", 149.00), ("Tondeuse électrique 38 cm", 179.00),
            ("Tondeuse thermique 46 cm", 349.00), ("Robot tondeuse", 899.00)]),
        "Terreaux et engrais": (0.10, 1.9, None, [
            ("Purin d'ortie 1 L", 7.90), ("Terreau universel 40 L", 8.99), ("Paillage écorces de pin 50 L", 9.90),
            ("Terre de bruyère 40 L", 10.50), ("Terreau géraniums 40 L", 10.99), ("Corne broyée 1,5 kg", 11.90),
            ("Engrais gazon 4 kg", 19.90)]),
        "Arrosage": (0.20, 1.8, None, [
            ("Pistolet d'arrosage", 9.90), ("Arrosoir 10 L", 12.90), ("Arroseur oscillant", 19.90),
            ("Tuyau d'arrosage 25 m", 29.90), ("Kit goutte-à-goutte", 34.90), ("Programmateur d'arrosage", 39.90),
            ("Récupérateur d'eau 300 L", 79.90)]),
    },
    "Animalerie": {
        "Alimentation chien": (0.20, 1.4, None, [
            ("Friandises à mâcher", 5.90), ("Pâtée chien (lot de 6)", 8.90), ("Croquettes chiot 3 kg", 19.90),
            ("Croquettes chien senior 7 kg", 39.90), ("Croquettes chien adulte 12 kg", 49.90)]),
        "Alimentation chat": (0.20, 1.4, None, [
            ("Friandises chat", 2.99), ("Sachets fraîcheur chat (x12)", 7.49), ("Litière agglomérante 10 L", 9.90),
            ("Croquettes chat stérilisé 3 kg", 21.90), ("Croquettes chat 10 kg", 54.90)]),
        "Accessoires chiens et chats": (0.20, 2.0, None, [
            ("Jouet corde", 5.90), ("Gamelle inox", 6.90), ("Griffoir carton", 9.90), ("Laisse nylon", 12.90),
            ("Collier antiparasitaire", 29.90), ("Panier ovale 60 cm", 34.90), ("Arbre à chat", 79.90)]),
        "Aquariophilie et petits animaux": (0.20, 1.9, [1.4, 1.3, 1.0, 0.9, 0.8, 0.8, 0.8, 0.8, 0.9, 1.0, 1.2, 1.3], [
            ("Poisson rouge", 2.50), ("Boules de graisse (x6)", 4.50), ("Foin de prairie 2 kg", 5.90),
            ("Nourriture poissons 250 ml", 6.90), ("Graines oiseaux du ciel 5 kg", 12.90),
            ("Filtre intérieur", 24.90), ("Cage rongeur", 49.90), ("Aquarium 60 L équipé", 119.00)]),
    },
    "Décoration": {
        "Bougies et senteurs": (0.20, 2.4, None, [
            ("Encens (x20)", 3.90), ("Bougies chauffe-plat (x50)", 5.90), ("Photophore verre", 9.90),
            ("Bougie parfumée 'Figuier'", 14.90), ("Diffuseur de parfum", 19.90)]),
        "Linge et textiles": (0.20, 2.5, None, [
            ("Coussin velours 45x45", 17.90), ("Rideau voilage", 19.90), ("Nappe enduite", 24.90),
            ("Plaid 130x170", 29.90), ("Tapis jute 120x170", 59.90)]),
        "Vases et cache-pots": (0.20, 2.4, None, [
            ("Pot en zinc", 9.90), ("Cache-pot céramique 19 cm", 12.90), ("Suspension macramé", 14.90),
            ("Vase en verre soufflé", 24.90), ("Jardinière terre cuite 60 cm", 29.90), ("Vase en grès", 39.90)]),
        "Décoration de Noël": (0.20, 2.5, NOEL, [
            ("Étoile de cime", 7.90), ("Boules de Noël (x12)", 9.90), ("Calendrier de l'Avent", 14.90),
            ("Guirlande lumineuse 10 m", 19.90), ("Santons de Provence (x3)", 24.90), ("Couronne de porte", 29.90),
            ("Sapin artificiel 180 cm", 99.00)]),
    },
    "Épicerie fine": {
        "Chocolats et confiseries": (0.055, 1.7, [0.8, 0.9, 1.2, 1.0, 0.7, 0.6, 0.5, 0.5, 0.7, 0.9, 1.4, 3.0], [
            ("Tablette de chocolat noir", 3.90), ("Nougat de Montélimar", 6.90), ("Pâte à tartiner artisanale", 7.90),
            ("Calissons (x12)", 12.90), ("Macarons (x12)", 15.90), ("Ballotin de chocolats 250 g", 17.90)]),
        "Thés, cafés et infusions": (0.055, 1.8, None, [
            ("Infusion verveine 50 g", 5.50), ("Café moulu pur arabica 250 g", 6.90),
            ("Thé vert au jasmin 100 g", 8.90), ("Coffret de thés de Noël", 24.90)]),
        "Vins et spiritueux": (0.20, 1.5, None, [
            ("Chinon rouge 75 cl", 11.90), ("Vouvray demi-sec 75 cl", 12.90), ("Crémant de Loire 75 cl", 13.90),
            ("Saumur-Champigny 75 cl", 14.90), ("Cointreau 70 cl", 29.90), ("Coffret 3 vins de Loire", 39.90)]),
        "Produits du terroir": (0.055, 1.6, None, [
            ("Confiture artisanale 370 g", 5.90), ("Rillettes de Tours 200 g", 6.50), ("Sablés (boîte métal)", 7.90),
            ("Huile de noix 25 cl", 8.90), ("Miel de fleurs de Loire 500 g", 9.90),
            ("Foie gras de canard 180 g", 24.90)]),
    },
    "Mobilier d'extérieur": {
        "Salons et tables de jardin": (0.20, 1.7, None, [
            ("Chaise empilable", 39.90), ("Fauteuil en résine tressée", 89.90), ("Bain de soleil", 129.00),
            ("Banc en teck", 249.00), ("Table extensible aluminium", 449.00), ("Salon de jardin 4 places", 599.00)]),
        "Parasols et ombrage": (0.20, 1.9, None, [
            ("Voile d'ombrage 3x3 m", 39.90), ("Pied de parasol 50 kg", 49.90), ("Parasol droit 2,5 m", 59.90),
            ("Parasol déporté 3 m", 199.00), ("Tonnelle 3x4 m", 299.00)]),
        "Barbecues et planchas": (0.20, 1.6, None, [
            ("Charbon de bois 10 kg", 14.90), ("Kit d'ustensiles", 24.90), ("Housse de barbecue", 29.90),
            ("Barbecue charbon 57 cm", 149.00), ("Plancha gaz 2 feux", 299.00), ("Barbecue gaz 3 brûleurs", 499.00)]),
        "Éclairage et chauffage extérieur": (0.20, 2.0, None, [
            ("Lanterne", 19.90), ("Bornes solaires (x4)", 29.90), ("Guirlande guinguette 10 m", 34.90),
            ("Projecteur LED", 39.90), ("Brasero acier", 129.00), ("Parasol chauffant", 179.00)]),
    },
}

FAMILLES = [famille for familles in CATALOGUE.values() for famille in familles]

# Poids de base des familles dans leur rayon (les articles chers se vendent moins souvent).
POIDS_FAMILLES = {"Plantes de massif et vivaces": 1.5, "Arbres et arbustes": 0.8, "Potager, bulbes et semences": 1.3,
                  "Motoculture": 0.25, "Terreaux et engrais": 1.8, "Arrosage": 0.8,
                  "Alimentation chien": 1.3, "Alimentation chat": 1.3, "Accessoires chiens et chats": 0.7,
                  "Aquariophilie et petits animaux": 0.5, "Salons et tables de jardin": 0.45,
                  "Parasols et ombrage": 0.6, "Barbecues et planchas": 1.0, "Éclairage et chauffage extérieur": 0.9}

TRANCHES_AGE = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
CSP = ["Agriculteurs", "Artisans, commerçants", "Cadres", "Professions intermédiaires", "Employés",
       "Ouvriers", "Retraités", "Autres inactifs"]
# Probabilité de chaque CSP selon la tranche d'âge (lignes : tranches d'âge).
CSP_SELON_AGE = np.array([
    [0.00, 0.01, 0.03, 0.10, 0.30, 0.16, 0.00, 0.40],
    [0.01, 0.04, 0.20, 0.28, 0.27, 0.15, 0.00, 0.05],
    [0.01, 0.07, 0.24, 0.27, 0.24, 0.14, 0.00, 0.03],
    [0.02, 0.08, 0.22, 0.25, 0.24, 0.15, 0.01, 0.03],
    [0.02, 0.07, 0.17, 0.20, 0.20, 0.12, 0.17, 0.05],
    [0.00, 0.01, 0.01, 0.01, 0.01, 0.01, 0.92, 0.03],
])
ANIMAUX = ["aucun", "chien", "chat", "chien et chat", "autre"]
CANAUX_ACQUISITION = ["magasin", "site web", "parrainage", "salon", "réseaux sociaux"]
COUT_CANAL = np.array([6.0, 22.0, 15.0, 38.0, 27.0])  # € par client recruté en 2016, +3 % par an

PRENOMS = {  # (civilité, génération) → prénoms ; génération 0 : 18-34 ans, 1 : 35-54, 2 : 55 ans et plus
    ("Mme", 0): ["Léa", "Chloé", "Manon", "Camille", "Inès", "Sarah", "Julie", "Pauline", "Marine", "Océane",
                 "Clémence", "Lucie", "Élodie", "Mathilde", "Anaïs", "Zoé", "Emma", "Jade", "Maëlle", "Laura"],
    ("Mme", 1): ["Nathalie", "Isabelle", "Valérie", "Sandrine", "Stéphanie", "Céline", "Véronique", "Karine",
                 "Anne-Sophie", "Aurélie", "Virginie", "Émilie", "Sophie", "Hélène", "Laurence", "Delphine",
                 "Caroline", "Gaëlle", "Séverine", "Marie-Pierre"],
    ("Mme", 2): ["Monique", "Martine", "Nicole", "Françoise", "Catherine", "Sylvie", "Christine", "Brigitte",
                 "Josiane", "Danielle", "Chantal", "Marie-Claire", "Marie-Thérèse", "Annie", "Évelyne", "Colette",
                 "Jacqueline", "Michèle", "Geneviève", "Anne-Marie"],
    ("M.", 0): ["Lucas", "Hugo", "Thomas", "Théo", "Maxime", "Antoine", "Louis", "Nathan", "Alexandre", "Quentin",
                "Clément", "Romain", "Kévin", "Julien", "Mathis", "Enzo", "Baptiste", "Raphaël", "Noé", "Adrien"],
    ("M.", 1): ["Philippe", "Christophe", "Stéphane", "Frédéric", "Laurent", "Sébastien", "Olivier", "Nicolas",
                "David", "Thierry", "Éric", "Jérôme", "Pascal", "Franck", "Vincent", "Cédric", "Jean-François",
                "Arnaud", "Grégory", "Benoît"],
    ("M.", 2): ["Jean-Pierre", "Michel", "Alain", "Gérard", "Bernard", "Jacques", "Daniel", "Patrick",
                "Jean-Claude", "Christian", "Gilles", "René", "Serge", "Jean-Luc", "Roger", "Claude", "Guy",
                "André", "Jean-Marie", "Yves"],
}
NOMS = """Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefèvre Leroy Roux
David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller Lefebvre Faure André
Mercier Blanc Guérin Boyer Garnier Chevalier François Legrand Gauthier Garcia Perrin Robin Clément Morin Nicolas
Henry Roussel Mathieu Masson Marchand Duval Denis Dumont Lemaire Noël Meyer Dufour Meunier Brun Blanchard Giraud
Joly Rivière Lucas Brunet Gaillard Barbier Arnaud Martinez Gérard Roche Renard Schmitt Roy Leroux Colin Vidal Caron
Picard Fabre Aubert Lemoine Renaud Dumas Lacroix Olivier Bourgeois Benoît Rey Leclerc Rolland Guillaume Lecomte
Lopez Dupuy Guillot Hubert Berger Carpentier Sanchez Dupuis Moulin Deschamps Huet Vasseur Perez Boucher Fleury
Royer Klein Jacquet Adam Poirier Marty Aubry Guyot Carré Charpentier Ménard Maillard Baron Bertin Bailly Hervé
Schneider Fernandez Le_Gall Collet Léger Bouvier Prévost Millet Perrot Le_Roux Cousin Germain Breton Besson
Langlois Rémy Le_Goff Pelletier Lévêque Perrier Leblanc Barré Lebrun Marchal Weber Mallet Hamon Boulanger Jacob
Monnier Michaud Guichard Gillet Étienne Tessier Chauvin Da_Silva Bouchet Lemaître Bénard Maréchal Humbert Reynaud
Cordier Pichon Lejeune Gilbert Lamy Delaunay Pasquier Laporte Benali Haddad Nguyen Diallo Mendes Ferreira Cohen
Traoré Benoit Chaussé Têtu Hébert Thébault Gaudin Cormier Peltier Tardif Chartier Besnard Rocher Loiseau""".split()
NOMS = [n.replace("_", " ") for n in NOMS]

# Communes par zone de chalandise : (code postal, ville). « Web » : clients de toute la France.
COMMUNES = {
    "Tours": [("37000", "Tours"), ("37100", "Tours"), ("37200", "Tours"), ("37300", "Joué-lès-Tours"),
              ("37540", "Saint-Cyr-sur-Loire"), ("37700", "Saint-Pierre-des-Corps"), ("37170", "Chambray-lès-Tours"),
              ("37230", "Fondettes"), ("37400", "Amboise"), ("37270", "Montlouis-sur-Loire"),
              ("37510", "Ballan-Miré"), ("37390", "Notre-Dame-d'Oé")],
    "Angers": [("49000", "Angers"), ("49100", "Angers"), ("49130", "Les Ponts-de-Cé"), ("49240", "Avrillé"),
               ("49070", "Beaucouzé"), ("49124", "Saint-Barthélemy-d'Anjou"), ("49080", "Bouchemaine"),
               ("49460", "Montreuil-Juigné"), ("49400", "Saumur")],
    "Orléans": [("45000", "Orléans"), ("45100", "Orléans"), ("45160", "Olivet"),
                ("45140", "Saint-Jean-de-la-Ruelle"), ("45800", "Saint-Jean-de-Braye"),
                ("45400", "Fleury-les-Aubrais"), ("45650", "Saint-Jean-le-Blanc"), ("45430", "Chécy")],
    "Blois": [("41000", "Blois"), ("41350", "Vineuil"), ("41260", "La Chaussée-Saint-Victor"),
              ("41120", "Chailles"), ("41500", "Mer"), ("41400", "Montrichard Val de Cher")],
    "Le Mans": [("72000", "Le Mans"), ("72100", "Le Mans"), ("72190", "Coulaines"), ("72230", "Arnage"),
                ("72650", "La Chapelle-Saint-Aubin"), ("72700", "Allonnes"), ("72530", "Yvré-l'Évêque")],
    "Web": [("75011", "Paris"), ("75015", "Paris"), ("69003", "Lyon"), ("44000", "Nantes"), ("33000", "Bordeaux"),
            ("31000", "Toulouse"), ("35000", "Rennes"), ("13008", "Marseille"), ("59000", "Lille"),
            ("67000", "Strasbourg"), ("06000", "Nice"), ("01000", "Bourg-en-Bresse"), ("03100", "Montluçon"),
            ("86000", "Poitiers"), ("28000", "Chartres"), ("18000", "Bourges"), ("36000", "Châteauroux"),
            ("53000", "Laval"), ("79000", "Niort"), ("92100", "Boulogne-Billancourt"), ("78000", "Versailles"),
            ("34000", "Montpellier"), ("21000", "Dijon"), ("02100", "Saint-Quentin"), ("07000", "Privas"),
            ("08000", "Charleville-Mézières"), ("05000", "Gap"), ("09000", "Foix")],
}
INDICATIFS = {"Tours": "02 47", "Angers": "02 41", "Orléans": "02 38", "Blois": "02 54", "Le Mans": "02 43"}
DOMAINES = ["gmail.com", "orange.fr", "free.fr", "laposte.net", "hotmail.fr", "sfr.fr", "yahoo.fr", "outlook.fr",
            "wanadoo.fr"]
POIDS_DOMAINES = np.array([0.34, 0.17, 0.10, 0.08, 0.09, 0.06, 0.06, 0.06, 0.04])


# --------------------------------------------------------------------------------------
# Outils
# --------------------------------------------------------------------------------------

def _rng(graine: int, nom: str) -> np.random.Generator:
    """Un flux aléatoire par table, dérivé de la graine et du nom (crc32 : stable d'une exécution à l'autre)."""
    return np.random.default_rng([graine, zlib.crc32(nom.encode())])


def _tirer(rng: np.random.Generator, poids: np.ndarray) -> np.ndarray:
    """Tire un indice de colonne par ligne, proportionnellement aux poids de la ligne (vectorisé)."""
    cumul = np.cumsum(poids, axis=1)
    u = rng.random(len(poids)) * cumul[:, -1]
    return np.minimum((u[:, None] >= cumul).sum(axis=1), poids.shape[1] - 1)


def _sigmoide(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _sans_accents(texte: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", texte) if unicodedata.category(c) != "Mn")


def _identifiants(prefixe: str, n: int, largeur: int) -> np.ndarray:
    largeur = max(largeur, len(str(n)))
    return np.char.add(prefixe, np.char.zfill(np.arange(1, n + 1).astype(str), largeur))


def _euros(serie: pd.Series) -> pd.Series:
    """Montants écrits avec deux décimales (texte), cases vides conservées."""
    return serie.map(lambda x: "" if pd.isna(x) else f"{x:.2f}")


# --------------------------------------------------------------------------------------
# Calendrier et produits
# --------------------------------------------------------------------------------------

def _calendrier(rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Poids de chaque jour de 2022-2024 pour chaque rayon (saison, semaine, soldes, météo, tendance)."""
    mois = JOURS.month.to_numpy() - 1
    semaine = JOURS.day_of_week.to_numpy()
    annees = (JOURS - DEBUT).days.to_numpy() / 365.25
    en_soldes = np.zeros(NB_JOURS, dtype=bool)
    for debut, fin in SOLDES:
        en_soldes |= (JOURS >= debut) & (JOURS <= fin)
    apres_noel = (JOURS.month == 12) & (JOURS.day >= 25)
    meteo = np.exp(rng.normal(0.0, 0.22, size=(NB_JOURS // 7 + 1)))[np.arange(NB_JOURS) // 7]
    poids = SAISON_RAYON[:, mois] * EFFET_JOUR_SEMAINE[semaine] * np.exp(0.05 * annees)
    for r in (V, J, M):
        poids[r] *= meteo
    for r in RAYONS_EN_SOLDES:
        poids[r] *= np.where(en_soldes, 1.35, 1.0)
    for r in (D, E):
        poids[r] *= np.where(apres_noel, 0.45, 1.0)
    cumul = np.zeros((len(RAYONS), NB_JOURS + 1))
    cumul[:, 1:] = np.cumsum(poids, axis=1)
    return {"mois": mois, "soldes": en_soldes, "cumul": cumul}


def _produits() -> pd.DataFrame:
    """Le catalogue : une ligne par produit, triée par rayon, famille puis prix."""
    lignes = []
    for rayon, familles in CATALOGUE.items():
        for famille, (tva, coef, _saison, articles) in familles.items():
            for libelle, ttc in articles:
                lignes.append((libelle, rayon, famille, ttc, tva, coef))
    produits = pd.DataFrame(lignes, columns=["libelle", "rayon", "famille", "prix_vente_ttc", "taux_tva", "coef"])
    ordre_famille = pd.Series(pd.unique(produits["famille"])).reset_index().set_index(0)["index"]
    produits = produits.assign(_f=produits["famille"].map(ordre_famille)).sort_values(
        ["_f", "prix_vente_ttc"], kind="stable").drop(columns="_f").reset_index(drop=True)
    produits.insert(0, "produit_id", _identifiants("P", len(produits), 4))
    produits["prix_vente_ht"] = (produits["prix_vente_ttc"] / (1 + produits["taux_tva"])).round(2)
    # Le coût d'achat varie un peu d'un article à l'autre autour du coefficient de la famille.
    ecart = np.cos(np.arange(len(produits)) * 1.7) * 0.08
    produits["cout_achat_ht"] = (produits["prix_vente_ht"] / (produits["coef"] * (1 + ecart))).round(2)
    return produits.drop(columns="coef")


def _structure_familles(produits: pd.DataFrame) -> dict[str, np.ndarray]:
    """Tableaux d'indices pour tirer famille puis produit de façon vectorisée."""
    familles = produits[["rayon", "famille"]].drop_duplicates().reset_index(drop=True)
    debut = produits.groupby("famille", sort=False).cumcount().eq(0).to_numpy().nonzero()[0]
    taille = np.diff(np.append(debut, len(produits)))
    nb_max = familles.groupby("rayon", sort=False).size().max()
    saison = np.zeros((len(RAYONS), 12, nb_max))
    indice_famille = -np.ones((len(RAYONS), nb_max), dtype=int)
    for r, rayon in enumerate(RAYONS):
        for k, (famille, (_t, _c, s, _a)) in enumerate(CATALOGUE[rayon].items()):
            saison[r, :, k] = SAISON_RAYON[r] if s is None else s
            saison[r, :, k] *= POIDS_FAMILLES.get(famille, 1.0) / SAISON_RAYON[r]  # saison du rayon : déjà dans la date
            indice_famille[r, k] = familles.index[familles["famille"] == famille][0]
    prix = produits["prix_vente_ttc"].to_numpy()
    quantite_moyenne = np.select([prix < 5, prix < 10, prix < 20, prix < 60], [1.3, 0.6, 0.25, 0.08], 0.02)
    return {"saison": saison, "indice_famille": indice_famille, "debut": debut, "taille": taille,
            "quantite_moyenne": quantite_moyenne, "prix_ht": produits["prix_vente_ht"].to_numpy(),
            "cout_ht": produits["cout_achat_ht"].to_numpy(),
            "rayon": pd.Categorical(produits["rayon"], categories=RAYONS).codes}


# --------------------------------------------------------------------------------------
# Profils des clients (déclaratif et comportement latent)
# --------------------------------------------------------------------------------------

POIDS_ANNEE_INSCRIPTION = {2016: 4, 2017: 5, 2018: 6, 2019: 7, 2020: 10, 2021: 11, 2022: 17, 2023: 19, 2024: 21}


def _dates_inscription(rng: np.random.Generator, n: int) -> np.ndarray:
    """Dates d'inscription 2016-2024 : plus nombreuses récemment, au printemps et le samedi."""
    jours = pd.date_range("2016-01-01", FIN, freq="D")
    saison = SAISON_RAYON.mean(axis=0)[jours.month - 1] * EFFET_JOUR_SEMAINE[jours.day_of_week]
    annee = jours.year.map(POIDS_ANNEE_INSCRIPTION).to_numpy(dtype=float)
    poids = saison * annee / np.bincount(jours.year - 2016)[jours.year - 2016]
    tirage = np.searchsorted(np.cumsum(poids), rng.random(n) * poids.sum())
    return np.sort(jours.to_numpy()[np.minimum(tirage, len(jours) - 1)])


def _declaratif(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """Inscription, magasin, âge, CSP, foyer, jardin, animal, canal et coût d'acquisition, carte."""
    inscription = _dates_inscription(rng, n)
    annee = pd.DatetimeIndex(inscription).year.to_numpy()
    p_web = 0.05 + 0.016 * (annee - 2016)
    lieu = np.where(rng.random(n) < p_web, WEB, rng.choice(len(MAGASINS), size=n, p=POIDS_MAGASINS))
    est_web = lieu == WEB
    p_age = np.where(est_web[:, None], [[0.10, 0.24, 0.24, 0.19, 0.13, 0.10]],
                     [[0.05, 0.13, 0.18, 0.20, 0.20, 0.24]])
    age = _tirer(rng, p_age)
    csp = _tirer(rng, CSP_SELON_AGE[age])
    foyer = 1 + rng.binomial(4, np.array([0.15, 0.32, 0.45, 0.38, 0.2, 0.1])[age])
    p_jardin = np.clip(np.where(est_web, 0.45, 0.68) + np.array([-0.3, -0.15, 0.0, 0.05, 0.1, 0.1])[age], 0, 1)
    animal = rng.choice(len(ANIMAUX), size=n, p=[0.46, 0.20, 0.22, 0.07, 0.05])
    p_canal = np.where(est_web[:, None], [[0.0, 0.55, 0.10, 0.05, 0.30]], [[0.65, 0.08, 0.12, 0.06, 0.09]])
    p_canal = p_canal * np.where(annee[:, None] < 2018, [[1, 1, 1, 1, 0.1]], 1.0)
    canal = _tirer(rng, p_canal)
    cout = (COUT_CANAL[canal] * 1.03 ** (annee - 2016)).round(2)
    p_carte = np.clip(0.55 + 0.15 * (annee < 2022) - 0.25 * est_web, 0, 1)
    return pd.DataFrame({
        "date_inscription": inscription, "lieu": lieu, "age": age, "csp": csp, "taille_foyer": foyer,
        "a_jardin": rng.random(n) < p_jardin, "animal": animal, "canal": canal, "cout_acquisition": cout,
        "carte_fidelite": rng.random(n) < p_carte,
    })


AFFINITE_RAYONS = np.array([  # quel second rayon accompagne le premier (association d'achats)
    [0.0, 3.0, 0.8, 2.0, 0.8, 1.0],
    [3.0, 0.0, 0.8, 0.6, 0.4, 2.5],
    [1.0, 1.2, 0.0, 0.6, 0.6, 0.4],
    [2.0, 0.5, 0.6, 0.0, 2.5, 0.8],
    [1.0, 0.4, 0.6, 2.5, 0.0, 0.3],
    [1.2, 2.5, 0.4, 1.0, 0.3, 0.0],
])


def _preferences_rayons(rng: np.random.Generator, prof: pd.DataFrame, intensite: np.ndarray) -> np.ndarray:
    """Poids d'achat de chaque client dans les 6 rayons : 1 à 4 rayons, le premier dominant."""
    n = len(prof)
    base = np.tile([0.24, 0.16, 0.13, 0.16, 0.10, 0.04], (n, 1))
    jardin = prof["a_jardin"].to_numpy()[:, None]
    base *= np.where(jardin, [2.2, 2.2, 1.0, 0.9, 1.0, 1.8], [0.5, 0.2, 1.0, 1.5, 1.2, 0.1])
    base[:, A] *= np.where(prof["animal"].to_numpy() > 0, 4.0, 0.12)
    base[:, [V, E]] *= np.where(prof["age"].to_numpy() >= 4, 1.25, 1.0)[:, None]
    base[:, [A, M]] *= np.where(prof["lieu"].to_numpy() == WEB, 1.5, 1.0)[:, None]
    rang = intensite.argsort().argsort() / n
    nb_rayons = 1 + rng.binomial(3, 0.15 + 0.35 * rang)
    pref = np.zeros((n, len(RAYONS)))
    disponibles = base.copy()
    courant = _tirer(rng, disponibles)
    for k, part in enumerate([1.0, 0.45, 0.25, 0.15]):
        actif = nb_rayons > k
        pref[actif, courant[actif]] = part * rng.uniform(0.6, 1.4, size=actif.sum())
        disponibles[np.arange(n), courant] = 0.0
        suivant = disponibles * AFFINITE_RAYONS[courant]
        suivant[suivant.sum(axis=1) == 0] = disponibles[suivant.sum(axis=1) == 0] + 1e-9
        courant = _tirer(rng, suivant)
    return pref / pref.sum(axis=1, keepdims=True)


def _profils(rng: np.random.Generator, n: int, frequence: float) -> tuple[pd.DataFrame, np.ndarray]:
    """Déclaratif + comportement latent de ``n`` clients ; ``frequence`` règle le nombre de tickets."""
    prof = _declaratif(rng, n)
    carte = prof["carte_fidelite"].to_numpy()
    web = prof["lieu"].to_numpy() == WEB
    prof["intensite"] = rng.gamma(1.4, 1.0, n) * np.where(carte, 1.6, 1.0) * np.where(web, 0.75, 1.0) * frequence
    prof["lignes_sup"] = rng.gamma(2.2, 0.5, n)
    prof["gamme"] = rng.beta(2.0, 3.2, n)
    prof["part_web"] = np.where(web, 0.92, rng.beta(1.0, 14.0, n))
    inscription = (pd.DatetimeIndex(prof["date_inscription"]) - DEBUT).days.to_numpy()
    ancien = inscription < 0
    prof["debut"] = np.maximum(inscription, 0)
    duree_moyenne = np.where(ancien, 4.5, 3.2) * np.where(carte, 1.3, 1.0) * 365
    vie = rng.exponential(duree_moyenne)
    vie[~ancien & (rng.random(n) < 0.33)] = 0.0  # acheteurs d'un jour
    prof["fin_activite"] = prof["debut"] + vie.round().astype(int)
    prof["fin"] = np.minimum(prof["fin_activite"], NB_JOURS - 1)
    prof["declin"] = (prof["fin_activite"] >= NB_JOURS) & (rng.random(n) < 0.2)
    p_sans_achat = np.where(prof["canal"].to_numpy() == 0, 0.0, 0.16)
    prof["sans_achat"] = ~ancien & (rng.random(n) < p_sans_achat)
    prof["premier_achat"] = ~ancien & ~prof["sans_achat"]
    pref = _preferences_rayons(rng, prof, prof["intensite"].to_numpy())
    return prof, pref


# --------------------------------------------------------------------------------------
# Tickets et lignes de tickets
# --------------------------------------------------------------------------------------

def _dates_saisonnieres(rng, cal, rayon: np.ndarray, debut: np.ndarray, fin: np.ndarray) -> np.ndarray:
    """Un jour par ticket dans [debut, fin], selon la saisonnalité du rayon visé (inverse de la répartition)."""
    jour = np.empty(len(rayon), dtype=int)
    for r in range(len(RAYONS)):
        ou = rayon == r
        cumul = cal["cumul"][r]
        bas, haut = cumul[debut[ou]], cumul[fin[ou] + 1]
        u = bas + rng.random(ou.sum()) * (haut - bas)
        jour[ou] = np.clip(np.searchsorted(cumul, u, side="right") - 1, debut[ou], fin[ou])
    return jour


def _lieux_des_tickets(rng, prof: pd.DataFrame, client: np.ndarray, jour: np.ndarray,
                       bonus_web: float = 0.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Canal (0 magasin, 1 web), lieu (indice dans LIEUX) et jour de chaque ticket (jours de fermeture décalés)."""
    p_web = np.clip(prof["part_web"].to_numpy()[client] * (1 + 0.3 * jour / NB_JOURS) + bonus_web, 0, 0.97)
    web = rng.random(len(client)) < p_web
    prefere = prof["lieu"].to_numpy()[client]
    autre = rng.choice(len(MAGASINS), size=len(client), p=POIDS_MAGASINS)
    magasin = np.where((prefere != WEB) & (rng.random(len(client)) < 0.88), prefere, autre)
    lieu = np.where(web, WEB, magasin)
    return web.astype(int), lieu, np.minimum(jour + (_ferme(jour) & ~web), NB_JOURS - 1)


def _ferme(jour: np.ndarray) -> np.ndarray:
    """Vrai les jours où les magasins sont fermés (1er janvier, 1er mai, 25 décembre)."""
    return np.isin(JOURS.strftime("%m-%d").to_numpy()[jour], JOURS_FERMES)


def _tickets_de_base(rng, prof: pd.DataFrame, pref: np.ndarray, cal) -> pd.DataFrame:
    """Premier achat des nouveaux clients, puis achats répétés (Poisson) pendant leur vie de client."""
    debut, fin = prof["debut"].to_numpy(), prof["fin"].to_numpy()
    duree = (fin - debut + 1) / 365.0
    nb = rng.poisson(prof["intensite"].to_numpy() * duree * ~prof["sans_achat"].to_numpy())
    # Un client inscrit avant 2022 sans aucun achat depuis aurait été purgé (RGPD : 3 ans d'inactivité).
    nb = np.where(prof["debut"].to_numpy() == 0, np.maximum(nb, 1), nb)
    client = np.repeat(np.arange(len(prof)), nb)
    rayon = _tirer(rng, pref[client])
    jour = _dates_saisonnieres(rng, cal, rayon, debut[client], fin[client])
    declin = prof["declin"].to_numpy()[client]
    avance = (jour - debut[client]) / (fin[client] - debut[client] + 1)
    garde = ~declin | (rng.random(len(client)) > 0.75 * avance)
    premiers = np.flatnonzero(prof["premier_achat"].to_numpy())
    delai = np.where(prof["canal"].to_numpy()[premiers] == 0, 0, rng.exponential(12, len(premiers)).astype(int))
    client = np.concatenate([premiers, client[garde]])
    jour = np.concatenate([np.minimum(debut[premiers] + delai, NB_JOURS - 1), jour[garde]])
    rayon = np.concatenate([pref[premiers].argmax(axis=1), rayon[garde]])
    canal, lieu, jour = _lieux_des_tickets(rng, prof, client, jour)
    return pd.DataFrame({"client": client, "jour": jour, "canal": canal, "lieu": lieu, "rayon": rayon})


def _lignes(rng, tickets: pd.DataFrame, prof: pd.DataFrame, pref: np.ndarray, struct, cal,
            focus: np.ndarray | None = None, remise: float = 0.0) -> pd.DataFrame:
    """Les lignes de chaque ticket : rayon, famille, produit, quantité, montant et marge HT."""
    client = tickets["client"].to_numpy()
    nb = 1 + rng.poisson(prof["lignes_sup"].to_numpy()[client] + (0.3 if focus is not None else 0.0))
    ligne_ticket = np.repeat(np.arange(len(tickets)), nb)
    cl = client[ligne_ticket]
    jour = tickets["jour"].to_numpy()[ligne_ticket]
    mois = cal["mois"][jour]
    poids = pref[cl] * SAISON_RAYON[:, mois].T
    if focus is not None:
        poids = poids * (1 + 3 * focus)
    rayon = _tirer(rng, poids)
    premiere = np.r_[True, ligne_ticket[1:] != ligne_ticket[:-1]]
    rayon[premiere] = tickets["rayon"].to_numpy()
    k = _tirer(rng, struct["saison"][rayon, mois])
    famille = struct["indice_famille"][rayon, k]
    position = np.clip(prof["gamme"].to_numpy()[cl] + rng.normal(0, 0.28, len(cl)), 0, 0.9999)
    produit = struct["debut"][famille] + (position * struct["taille"][famille]).astype(int)
    quantite = 1 + rng.poisson(struct["quantite_moyenne"][produit])
    en_soldes = cal["soldes"][jour] & np.isin(rayon, RAYONS_EN_SOLDES) & (rng.random(len(cl)) < 0.6)
    taux = np.where(en_soldes, rng.choice([0.2, 0.3, 0.4], size=len(cl), p=[0.5, 0.35, 0.15]), 0.0)
    taux = np.maximum(taux, remise)
    montant = (struct["prix_ht"][produit] * quantite * (1 - taux)).round(2)
    marge = (montant - struct["cout_ht"][produit] * quantite).round(2)
    return pd.DataFrame({"ticket": tickets.index.to_numpy()[ligne_ticket], "produit": produit,
                         "quantite": quantite, "montant": montant, "marge": marge})


TAUX_RETOUR = np.array([0.004, 0.025, 0.01, 0.02, 0.002, 0.045])  # par rayon


def _retours(rng, tickets: pd.DataFrame, lignes: pd.DataFrame, struct) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Quelques lignes rapportées en magasin ou renvoyées (1 à 30 jours plus tard) : montants négatifs."""
    rayon = struct["rayon"][lignes["produit"].to_numpy()]
    choisies = lignes[rng.random(len(lignes)) < TAUX_RETOUR[rayon]]
    origine = tickets.loc[choisies["ticket"]]
    jour = origine["jour"].to_numpy() + 1 + rng.gamma(1.5, 5.0, len(choisies)).astype(int)
    jour = jour + (_ferme(np.minimum(jour, NB_JOURS - 1)) & (origine["lieu"].to_numpy() != WEB))
    dans_periode = jour < NB_JOURS
    retours = pd.DataFrame({"client": origine["client"].to_numpy(), "jour": jour, "canal": origine["canal"].to_numpy(),
                            "lieu": origine["lieu"].to_numpy()})[dans_periode]
    choisies = choisies[dans_periode]
    cle = retours.groupby(["client", "jour", "lieu"], sort=True).ngroup().to_numpy()
    nouveaux = retours.groupby(cle).first().assign(rayon=-1)
    nouveaux.index = tickets.index.max() + 1 + nouveaux.index.to_numpy()
    lignes_retour = pd.DataFrame({"ticket": nouveaux.index.to_numpy()[cle], "produit": choisies["produit"].to_numpy(),
                                  "quantite": -choisies["quantite"].to_numpy(), "montant": -choisies["montant"].to_numpy(),
                                  "marge": -choisies["marge"].to_numpy()})
    return nouveaux, lignes_retour


def _numeroter(tickets: pd.DataFrame, lignes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fusionne les lignes d'un même produit dans un ticket et numérote les tickets dans l'ordre des dates."""
    cle = lignes["ticket"].to_numpy().astype(np.int64) * 10_000 + lignes["produit"].to_numpy()
    ordre = np.argsort(cle, kind="stable")
    cle = cle[ordre]
    debut = np.flatnonzero(np.r_[True, cle[1:] != cle[:-1]])
    lignes = pd.DataFrame({"ticket": cle[debut] // 10_000, "produit": cle[debut] % 10_000,
                           **{c: np.add.reduceat(lignes[c].to_numpy()[ordre], debut)
                              for c in ["quantite", "montant", "marge"]}})
    lignes = lignes[lignes["quantite"].to_numpy() != 0]
    presents = lignes["ticket"].to_numpy()
    tickets = tickets.loc[presents[np.r_[True, presents[1:] != presents[:-1]]]]
    rang = np.empty(len(tickets), dtype=np.int64)
    rang[np.lexsort((tickets.index.to_numpy(), tickets["client"].to_numpy(), tickets["lieu"].to_numpy(),
                     tickets["jour"].to_numpy()))] = np.arange(len(tickets))
    numero = np.full(tickets.index.max() + 1, -1, dtype=np.int64)
    numero[tickets.index.to_numpy()] = rang
    lignes = lignes.assign(numero=numero[presents])
    lignes = lignes.iloc[np.lexsort((lignes["produit"].to_numpy(), lignes["numero"].to_numpy()))]
    return tickets.assign(numero=rang), lignes.reset_index(drop=True)


def _table_transactions(tickets: pd.DataFrame, lignes: pd.DataFrame, produits: pd.DataFrame,
                        ids_clients: np.ndarray) -> pd.DataFrame:
    """Assemble la table ``transactions`` (colonnes du schéma contractuel)."""
    t = tickets.loc[lignes["ticket"].to_numpy()]
    p = produits.iloc[lignes["produit"].to_numpy()]
    return pd.DataFrame({
        "ticket_id": _identifiants("T", len(tickets), 6)[lignes["numero"].to_numpy()],
        "date": JOURS[t["jour"].to_numpy()].to_numpy(),
        "client_id": ids_clients[t["client"].to_numpy()],
        "canal": np.array(["magasin", "web"])[t["canal"].to_numpy()],
        "magasin": np.array(LIEUX)[t["lieu"].to_numpy()],
        "produit_id": p["produit_id"].to_numpy(),
        "rayon": p["rayon"].to_numpy(),
        "famille": p["famille"].to_numpy(),
        "quantite": lignes["quantite"].to_numpy().astype(np.int64),
        "montant_ht": lignes["montant"].to_numpy().round(2),
        "marge_ht": lignes["marge"].to_numpy().round(2),
    })


# --------------------------------------------------------------------------------------
# Table clients
# --------------------------------------------------------------------------------------

def _local_email(prenom: pd.Series, nom: pd.Series, motif: np.ndarray, nombre: np.ndarray) -> pd.Series:
    """Partie locale d'une adresse : prenom.nom, p.nom, prenomnom, nom.prenom ou prenom.nom42."""
    p = prenom.map(lambda x: _sans_accents(x).lower())
    n = nom.map(lambda x: _sans_accents(x).lower().replace(" ", ""))
    formes = [p + "." + n, p.str[0] + "." + n, p.str.replace("-", "") + n, n + "." + p,
              p + "." + n + pd.Series(nombre.astype(str), index=p.index)]
    return pd.Series(np.choose(motif, [f.to_numpy() for f in formes]), index=p.index)


def _signaletique(rng, prof: pd.DataFrame) -> pd.DataFrame:
    """Civilité, prénom (selon l'âge), nom, email, téléphone, code postal et ville."""
    n = len(prof)
    civilite = np.where(rng.random(n) < 0.56, "Mme", "M.")
    generation = np.array([0, 0, 1, 1, 2, 2])[prof["age"].to_numpy()]
    prenom = np.empty(n, dtype=object)
    for (civ, gen), liste in PRENOMS.items():
        ou = (civilite == civ) & (generation == gen)
        prenom[ou] = rng.choice(liste, size=ou.sum())
    poids_noms = 1 / (np.arange(len(NOMS)) + 8.0)
    nom = rng.choice(NOMS, size=n, p=poids_noms / poids_noms.sum())
    prenom, nom = pd.Series(prenom), pd.Series(nom)
    local = _local_email(prenom, nom, rng.choice(5, size=n, p=[0.5, 0.15, 0.1, 0.1, 0.15]),
                         rng.integers(1, 99, size=n))
    rang = local.groupby(local).cumcount().to_numpy()
    local = local.where(rang == 0, local + rang.astype(str))
    email = local + "@" + rng.choice(DOMAINES, size=n, p=POIDS_DOMAINES)
    email = email.where(rng.random(n) > 0.04)
    lieu = prof["lieu"].to_numpy()
    zone = np.where((lieu == WEB) & (rng.random(n) < 0.35), rng.choice(len(MAGASINS), size=n), lieu)
    code_postal, ville = np.empty(n, dtype=object), np.empty(n, dtype=object)
    telephone = np.empty(n, dtype=object)
    chiffres = rng.integers(0, 100, size=(n, 4))
    mobile = rng.random(n) < 0.8
    for z, nom_zone in enumerate(LIEUX):
        ou = np.flatnonzero(zone == z)
        communes = COMMUNES[nom_zone]
        choix = rng.choice(len(communes), size=len(ou))
        code_postal[ou] = [communes[c][0] for c in choix]
        ville[ou] = [communes[c][1] for c in choix]
        for i in ou:
            c = chiffres[i]
            if mobile[i] or nom_zone == "Web":
                debut = "06" if c[0] % 3 else "07"
                telephone[i] = f"{debut} {c[0]:02d} {c[1]:02d} {c[2]:02d} {c[3]:02d}"
            else:
                telephone[i] = f"{INDICATIFS[nom_zone]} {c[1]:02d} {c[2]:02d} {c[3]:02d}"
    telephone = pd.Series(telephone).where(rng.random(n) > 0.08)
    return pd.DataFrame({"civilite": civilite, "prenom": prenom, "nom": nom, "email": email,
                         "telephone": telephone, "code_postal": code_postal, "ville": ville})


def _table_clients(rng, prof: pd.DataFrame) -> pd.DataFrame:
    """La table ``clients`` : signalétique, déclaratif, acquisition, carte et consentements RGPD."""
    n = len(prof)
    sig = _signaletique(rng, prof)
    age = prof["age"].to_numpy()
    consent_email = sig["email"].notna().to_numpy() & (rng.random(n) < 0.80 - 0.04 * age)
    return pd.DataFrame({
        "client_id": _identifiants("C", n, 5),
        **{c: sig[c].to_numpy() for c in ["civilite", "prenom", "nom", "email", "telephone", "code_postal", "ville"]},
        "tranche_age": np.array(TRANCHES_AGE)[age],
        "csp": np.array(CSP)[prof["csp"].to_numpy()],
        "taille_foyer": prof["taille_foyer"].to_numpy(),
        "a_jardin": prof["a_jardin"].to_numpy(),
        "animal": np.array(ANIMAUX)[prof["animal"].to_numpy()],
        "magasin_prefere": np.array(LIEUX)[prof["lieu"].to_numpy()],
        "date_inscription": prof["date_inscription"].to_numpy(),
        "canal_acquisition": np.array(CANAUX_ACQUISITION)[prof["canal"].to_numpy()],
        "cout_acquisition": prof["cout_acquisition"].to_numpy(),
        "carte_fidelite": prof["carte_fidelite"].to_numpy(),
        "consentement_email": consent_email,
        "consentement_sms": sig["telephone"].notna().to_numpy() & (rng.random(n) < 0.40),
        "consentement_courrier": rng.random(n) < 0.42 + 0.05 * age,
        "optin_partenaires": consent_email & (rng.random(n) < 0.16),
    })


# --------------------------------------------------------------------------------------
# Campagnes marketing et contacts
# --------------------------------------------------------------------------------------

# (id, nom, date d'envoi, canal, cible, variante, règle de ciblage, rayons mis en avant)
CAMPAGNES = [
    ("K01", "Printemps au jardin 2023", "2023-03-08", "email", "Clients déclarant un jardin, consentement email",
     "", "jardin", [V, J]),
    ("K02", "Fête des mères 2023", "2023-05-17", "sms",
     "Clients ayant acheté dans les 12 derniers mois, consentement SMS", "", "actifs_12", [V, D]),
    ("K03", "Rentrée de nos compagnons (objet « -10 % sur les croquettes »)", "2023-09-06", "email",
     "Clients déclarant un animal, consentement email (moitié tirée au sort)", "A", "animal", [A]),
    ("K04", "Rentrée de nos compagnons (objet personnalisé au prénom)", "2023-09-06", "email",
     "Clients déclarant un animal, consentement email (autre moitié)", "B", "animal", [A]),
    ("K05", "Catalogue de Noël 2023", "2023-11-08", "courrier",
     "Porteurs de la carte ayant acheté dans les 24 derniers mois, consentement courrier", "", "carte_24", [D, E]),
    ("K06", "Soldes d'hiver 2024", "2024-01-10", "email",
     "Clients ayant acheté dans les 24 derniers mois, consentement email", "", "actifs_24", [D, M, J]),
    ("K07", "Printemps 2024 (SMS « -10 % avec le code JARDIN »)", "2024-03-20", "sms",
     "Clients déclarant un jardin, consentement SMS (moitié tirée au sort)", "A", "jardin", [V, J]),
    ("K08", "Printemps 2024 (SMS « 5 € offerts dès 30 € »)", "2024-03-20", "sms",
     "Clients déclarant un jardin, consentement SMS (autre moitié)", "B", "jardin", [V, J]),
    ("K09", "Salons de jardin 2024", "2024-05-15", "email",
     "Clients déclarant un jardin, ayant acheté dans les 24 derniers mois, consentement email", "", "jardin_24", [M]),
    ("K10", "Vous nous manquez", "2024-06-05", "courrier",
     "Clients sans achat depuis plus de 12 mois, consentement courrier", "", "inactifs_12", list(range(6))),
    ("K11", "Semaine de l'épicerie fine", "2024-10-09", "email",
     "Clients ayant déjà acheté en Épicerie fine ou en Décoration, consentement email", "", "epicerie_deco", [E, D]),
    ("K12", "Noël 2024", "2024-11-20", "email", "Tous les clients ayant consenti à l'email", "", "tous", [D, E]),
]
CANAL_CONSENTEMENT = {"email": "consentement_email", "sms": "consentement_sms", "courrier": "consentement_courrier"}
COUT_CAMPAGNE = {"email": (250.0, 0.004), "sms": (150.0, 0.065), "courrier": (900.0, 1.10)}  # fixe, par envoi
EFFET_VARIANTE = {"K04": ("ouverture", 0.15), "K08": ("reponse", 0.20)}  # effet réel (modeste) de la variante B
BONUS_WEB = {"email": 0.35, "sms": 0.10, "courrier": 0.0}


def _etat_clients(tickets: pd.DataFrame, lignes: pd.DataFrame, struct, n: int, jour: int) -> dict[str, np.ndarray]:
    """Récence, fréquence et montant sur 12 mois, rayons déjà achetés, à la veille de ``jour``."""
    montants = lignes.groupby("ticket")["montant"].sum().reindex(tickets.index, fill_value=0).to_numpy()
    rayons_achetes = pd.DataFrame({"client": tickets.loc[lignes["ticket"], "client"].to_numpy(),
                                   "jour": tickets.loc[lignes["ticket"], "jour"].to_numpy(),
                                   "rayon": struct["rayon"][lignes["produit"].to_numpy()]})
    avant = tickets["jour"].to_numpy() < jour
    recents = avant & (tickets["jour"].to_numpy() >= jour - 365)
    client = tickets["client"].to_numpy()
    dernier = np.full(n, -10_000)
    np.maximum.at(dernier, client[avant], tickets["jour"].to_numpy()[avant])
    achete = np.zeros((n, len(RAYONS)), dtype=bool)
    deja = rayons_achetes[rayons_achetes["jour"] < jour]
    achete[deja["client"].to_numpy(), deja["rayon"].to_numpy()] = True
    return {"recence": jour - dernier, "frequence": np.bincount(client[recents], minlength=n),
            "montant": np.bincount(client[recents], weights=montants[recents], minlength=n), "achete": achete}


def _cibles(regle: str, clients: pd.DataFrame, etat, inscrit: np.ndarray) -> np.ndarray:
    """Masque des clients visés par une règle de ciblage (hors consentement)."""
    jardin, recence = clients["a_jardin"].to_numpy(), etat["recence"]
    regles = {
        "jardin": jardin, "animal": clients["animal"].to_numpy() != "aucun",
        "actifs_12": recence <= 365, "actifs_24": recence <= 730,
        "carte_24": clients["carte_fidelite"].to_numpy() & (recence <= 730),
        "jardin_24": jardin & (recence <= 730), "inactifs_12": recence > 365,
        "epicerie_deco": etat["achete"][:, E] | etat["achete"][:, D], "tous": np.ones(len(clients), dtype=bool),
    }
    return regles[regle] & inscrit


def _score_profil(prof: pd.DataFrame, pref: np.ndarray, etat, focus: list[int]) -> np.ndarray:
    """Appétence « vraie » (cachée) : RFM à la date d'envoi, carte, âge et affinité avec l'offre."""
    return (0.9 * np.log1p(etat["frequence"]) - 1.1 * np.minimum(etat["recence"], 730) / 365
            + 0.3 * np.log1p(etat["montant"] / 100) + 0.35 * prof["carte_fidelite"].to_numpy()
            + 1.6 * pref[:, focus].sum(axis=1) + 0.15 * (prof["age"].to_numpy() >= 4) - 1.8)


def _reactions(rng, canal: str, s: np.ndarray, age: np.ndarray, effet: tuple[str, float] | None):
    """Ouverture, clic, réponse et commande de chaque contact (emboîtés : commande ⇒ réponse)."""
    n = len(s)
    bonus = dict([effet]) if effet else {}
    if canal == "email":
        ouvert = rng.random(n) < _sigmoide(-0.7 + 0.5 * s + bonus.get("ouverture", 0.0))
        clic = ouvert & (rng.random(n) < _sigmoide(-1.5 + 0.6 * s))
        reponse = clic & (rng.random(n) < _sigmoide(-0.1 + 0.8 * s + bonus.get("reponse", 0.0)))
    elif canal == "sms":
        ouvert = np.zeros(n, dtype=bool)
        clic = rng.random(n) < _sigmoide(-2.3 + 0.6 * s)
        reponse = rng.random(n) < _sigmoide(-3.4 + 1.0 * s + 1.8 * clic + bonus.get("reponse", 0.0))
    else:
        ouvert = clic = np.zeros(n, dtype=bool)
        reponse = rng.random(n) < _sigmoide(-2.2 + 1.0 * s + 0.3 * (age >= 4))
    commande = reponse & (rng.random(n) < _sigmoide(0.6 + 0.5 * s))
    return ouvert, clic, reponse, commande


def _campagnes(rng, prof, pref, clients, tickets, lignes, struct, cal):
    """Envoie les campagnes dans l'ordre des dates ; les commandes deviennent des tickets."""
    n = len(prof)
    inscription = (pd.DatetimeIndex(prof["date_inscription"]) - DEBUT).days.to_numpy()
    contacts, tickets_k, lignes_k = [], [tickets], [lignes]
    for cid, _nom, date, canal, _cible, variante, regle, focus in CAMPAGNES:
        jour = (pd.Timestamp(date) - DEBUT).days
        etat = _etat_clients(pd.concat(tickets_k), pd.concat(lignes_k), struct, n, jour)
        vises = _cibles(regle, clients, etat, inscription < jour) & clients[CANAL_CONSENTEMENT[canal]].to_numpy()
        if variante:
            moitie = _rng(GRAINE, f"ab-{date}").random(n) < 0.5
            vises &= moitie if variante == "A" else ~moitie
        qui = np.flatnonzero(vises)
        s = _score_profil(prof, pref, etat, focus)[qui]
        reactions = _reactions(rng, canal, s, prof["age"].to_numpy()[qui], EFFET_VARIANTE.get(cid))
        acheteurs = qui[reactions[3]]
        delai = 1 + np.minimum(rng.exponential(4, len(acheteurs)).astype(int), 20) + (3 if canal == "courrier" else 0)
        jours = np.minimum(jour + delai, NB_JOURS - 1)
        mise_en_avant = np.isin(np.arange(len(RAYONS)), focus).astype(float)
        nouveaux = pd.DataFrame({"client": acheteurs, "jour": jours,
                                 "rayon": _tirer(rng, pref[acheteurs] * (1 + 3 * mise_en_avant))})
        canal_t, lieu, jours = _lieux_des_tickets(rng, prof, acheteurs, jours, BONUS_WEB[canal])
        nouveaux = nouveaux.assign(jour=jours, canal=canal_t, lieu=lieu)[["client", "jour", "canal", "lieu", "rayon"]]
        nouveaux.index = sum(len(t) for t in tickets_k) + np.arange(len(nouveaux))
        tickets_k.append(nouveaux)
        lignes_k.append(_lignes(rng, nouveaux, prof, pref, struct, cal, focus=mise_en_avant, remise=0.10))
        ticket = pd.Series(-1, index=qui)
        ticket[acheteurs] = nouveaux.index.to_numpy()
        contacts.append(pd.DataFrame({"campagne_id": cid, "client": qui, "ouvert": reactions[0],
                                      "clic": reactions[1], "reponse": reactions[2], "commande": reactions[3],
                                      "ticket": ticket.to_numpy()}))
    return pd.concat(tickets_k), pd.concat(lignes_k, ignore_index=True), pd.concat(contacts, ignore_index=True)


def _tables_campagnes(contacts: pd.DataFrame, lignes: pd.DataFrame, tickets: pd.DataFrame,
                      ids_clients: np.ndarray, ids_tickets: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Tables ``campagnes`` (agrégats) et ``contacts_campagnes`` (un contact par ligne)."""
    par_ticket = lignes.groupby("ticket")[["montant", "marge"]].sum()
    a_commande = contacts["ticket"].to_numpy() >= 0
    montant = np.where(a_commande, par_ticket["montant"].reindex(contacts["ticket"]).fillna(0).to_numpy(), 0.0)
    marge = np.where(a_commande, par_ticket["marge"].reindex(contacts["ticket"]).fillna(0).to_numpy(), 0.0)
    numero = tickets["numero"].reindex(contacts["ticket"]).to_numpy()
    detail = pd.DataFrame({
        "campagne_id": contacts["campagne_id"].to_numpy(), "client_id": ids_clients[contacts["client"].to_numpy()],
        "ouvert": contacts["ouvert"].to_numpy(), "clic": contacts["clic"].to_numpy(),
        "reponse": contacts["reponse"].to_numpy(), "commande": contacts["commande"].to_numpy(),
        "montant_commande": montant.round(2),
        "ticket_id": np.where(a_commande, ids_tickets[np.where(a_commande, numero, 0).astype(int)], ""),
    }).sort_values(["campagne_id", "client_id"]).reset_index(drop=True)
    agregats = contacts.assign(montant=montant, marge=marge).groupby("campagne_id", sort=True).agg(
        envois=("client", "size"), ouvertures=("ouvert", "sum"), clics=("clic", "sum"), reponses=("reponse", "sum"),
        commandes=("commande", "sum"), ca_genere=("montant", "sum"), marge_generee=("marge", "sum"))
    campagnes = pd.DataFrame(CAMPAGNES, columns=["campagne_id", "nom", "date_envoi", "canal", "cible", "variante",
                                                 "_regle", "_focus"]).drop(columns=["_regle", "_focus"])
    campagnes = campagnes.join(agregats, on="campagne_id")
    campagnes["ouvertures"] = campagnes["ouvertures"].astype("Int64").where(campagnes["canal"] == "email")
    campagnes["clics"] = campagnes["clics"].astype("Int64").where(campagnes["canal"] != "courrier")
    fixe = campagnes["canal"].map(lambda c: COUT_CAMPAGNE[c][0])
    unitaire = campagnes["canal"].map(lambda c: COUT_CAMPAGNE[c][1])
    campagnes["cout"] = (fixe + unitaire * campagnes["envois"]).round(2)
    campagnes[["ca_genere", "marge_generee"]] = campagnes[["ca_genere", "marge_generee"]].round(2)
    return campagnes, detail


# --------------------------------------------------------------------------------------
# Service Pros (B2B) : devis, objectifs, prospection
# --------------------------------------------------------------------------------------

VENDEURS = ["Camille Roy", "Hugo Martin", "Inès Benali", "Lucas Petit"]
SECTEURS = ["paysagiste", "collectivité", "hôtellerie-restauration", "entreprise", "syndic"]
POIDS_SECTEURS = np.array([0.34, 0.14, 0.22, 0.20, 0.10])
VENDEUR_SELON_SECTEUR = np.array([  # répartition des comptes pros entre vendeurs (lignes : secteurs)
    [0.15, 0.55, 0.10, 0.20], [0.60, 0.10, 0.10, 0.20], [0.10, 0.10, 0.60, 0.20],
    [0.15, 0.20, 0.45, 0.20], [0.55, 0.10, 0.15, 0.20]])
DEVIS_PAR_MOIS = np.array([9.0, 11.0, 10.0, 9.0])  # rythme moyen de devis de chaque vendeur
AISANCE_VENDEUR = np.array([0.0, -0.1, -0.25, -0.65])  # effet du vendeur sur l'acceptation (logit)
MEDIANE_DEVIS = np.array([2200.0, 4500.0, 3000.0, 1800.0, 3500.0])  # € HT, par secteur
TAUX_MARQUE_SECTEUR = np.array([0.30, 0.24, 0.32, 0.31, 0.28])
SAISON_B2B = np.array([0.7, 0.8, 1.2, 1.3, 1.2, 1.1, 0.8, 0.5, 1.1, 1.2, 1.1, 1.0])
NOMS_PROS = {
    "paysagiste": ["{n} Paysage", "Les Jardins de {v}", "{n} Espaces Verts", "Paysages {n} et fils", "Atelier {n} Jardins"],
    "collectivité": ["Mairie de {v}", "Ville de {v}", "Communauté de communes de {v}", "CCAS de {v}"],
    "hôtellerie-restauration": ["Hôtel {n}", "Restaurant Le {n}", "Le Bistrot de {v}", "Domaine {n}",
                                "Auberge de {v}"],
    "entreprise": ["SAS {n} Industries", "{n} Logistique", "Cabinet {n}", "Clinique de {v}", "{n} et Associés"],
    "syndic": ["Syndic {n} Immobilier", "Cabinet {n} Gestion", "Résidences de {v}", "Foncia {v}"],
}


def _clients_pros(rng, n: int = 170) -> pd.DataFrame:
    """Comptes pros : secteur, vendeur attitré, raison sociale et activité (nombre de devis relatif)."""
    secteur = rng.choice(len(SECTEURS), size=n, p=POIDS_SECTEURS)
    vendeur = _tirer(rng, VENDEUR_SELON_SECTEUR[secteur])
    villes = sorted({v for zone in MAGASINS for _cp, v in COMMUNES[zone]})
    noms, vus = [], set()
    for s in secteur:
        modeles = NOMS_PROS[SECTEURS[s]]
        while True:
            nom = modeles[rng.integers(len(modeles))].format(n=NOMS[rng.integers(60)], v=villes[rng.integers(len(villes))])
            if nom not in vus:
                vus.add(nom)
                noms.append(nom)
                break
    return pd.DataFrame({"client_pro_id": _identifiants("PRO", n, 3), "raison_sociale": noms, "secteur": secteur,
                         "vendeur": vendeur, "activite": rng.lognormal(0.0, 0.8, n)})


def _devis(rng, pros: pd.DataFrame) -> pd.DataFrame:
    """Devis de 2022 à 2024 : un rythme par vendeur et par mois, acceptés selon vendeur, secteur et montant."""
    mois = pd.period_range("2022-01", "2024-12", freq="M")
    attendu = DEVIS_PAR_MOIS[:, None] * SAISON_B2B[mois.month - 1] * 1.04 ** (np.arange(len(mois)) / 12)
    nb = rng.poisson(attendu)
    vendeur = np.repeat(np.repeat(np.arange(len(VENDEURS)), len(mois)), nb.ravel())
    m = np.repeat(np.tile(np.arange(len(mois)), len(VENDEURS)), nb.ravel())
    debut_mois = mois.to_timestamp().to_numpy()[m]
    jours_ouvres = rng.integers(0, 28, len(m))
    date = pd.DatetimeIndex(debut_mois + jours_ouvres.astype("timedelta64[D]"))
    date = date + pd.to_timedelta(np.where(date.day_of_week >= 5, 7 - date.day_of_week, 0), unit="D")
    client = np.empty(len(m), dtype=int)
    for v in range(len(VENDEURS)):
        siens = np.flatnonzero(pros["vendeur"].to_numpy() == v)
        poids = pros["activite"].to_numpy()[siens]
        client[vendeur == v] = rng.choice(siens, size=(vendeur == v).sum(), p=poids / poids.sum())
    secteur = pros["secteur"].to_numpy()[client]
    montant = (MEDIANE_DEVIS[secteur] * rng.lognormal(0.0, 0.55, len(m))).round(2)
    p = _sigmoide(-0.2 + AISANCE_VENDEUR[vendeur] + 0.3 * (secteur == 0) - 0.35 * np.log(montant / 3000))
    accepte = rng.random(len(m)) < p
    decision = date + pd.to_timedelta(2 + rng.gamma(2.0, 7.0, len(m)).astype(int), unit="D")
    en_attente = (decision > FIN) | (rng.random(len(m)) < 0.02)
    statut = np.where(en_attente, "en attente", np.where(accepte, "accepté", "refusé"))
    remise = np.where(rng.random(len(m)) < 0.5, 0.0, rng.uniform(0.02, 0.08, len(m)))
    commande = np.where(statut == "accepté", (montant * (1 - remise)).round(2), np.nan)
    taux_marque = TAUX_MARQUE_SECTEUR[secteur] + rng.normal(0, 0.03, len(m))
    devis = pd.DataFrame({
        "date_devis": date, "vendeur": np.array(VENDEURS)[vendeur],
        "client_pro_id": pros["client_pro_id"].to_numpy()[client],
        "raison_sociale": pros["raison_sociale"].to_numpy()[client], "secteur": np.array(SECTEURS)[secteur],
        "montant_devis_ht": montant, "statut": statut,
        "date_commande": pd.Series(decision).where(statut == "accepté").to_numpy(),
        "montant_commande_ht": commande, "marge_commande_ht": (commande * taux_marque).round(2),
    }).sort_values(["date_devis", "vendeur", "client_pro_id"], kind="stable").reset_index(drop=True)
    devis.insert(0, "devis_id", _identifiants("D", len(devis), 4))
    return devis


def _objectifs(devis: pd.DataFrame) -> pd.DataFrame:
    """Objectif annuel N = moyenne (objectif N-1, réalisé N-1) + 6 %, réparti selon la saison des ventes pros.

    2022 part d'une base 2021 (non fournie) estimée à 97 % du réalisé 2022.
    """
    commandes = devis.dropna(subset=["date_commande"])
    ca = commandes.groupby([commandes["vendeur"], commandes["date_commande"].dt.year])["montant_commande_ht"].sum()
    lignes = []
    for v in VENDEURS:
        realise = ca.loc[v]
        annuel = {2022: 0.97 * realise.get(2022, 0.0)}
        for annee in (2023, 2024):
            annuel[annee] = 1.06 * (annuel[annee - 1] + realise.get(annee - 1, 0.0)) / 2
        for annee, total in annuel.items():
            for mois in range(1, 13):
                objectif = round(total * SAISON_B2B[mois - 1] / SAISON_B2B.sum(), -2)
                lignes.append((v, annee, mois, objectif))
    return pd.DataFrame(lignes, columns=["vendeur", "annee", "mois", "objectif_ca_ht"])


def _prospection(rng, devis: pd.DataFrame) -> pd.DataFrame:
    """Entonnoir mensuel de chaque vendeur : contacts → rendez-vous → visites → devis → commandes."""
    mois = pd.period_range("2022-01", "2024-12", freq="M").astype(str)
    grille = pd.MultiIndex.from_product([VENDEURS, mois], names=["vendeur", "mois"])
    cle = [devis["vendeur"], devis["date_devis"].dt.strftime("%Y-%m")]
    emis = devis.groupby(cle).size().reindex(grille, fill_value=0).to_numpy()
    commandes = devis["statut"].eq("accepté").groupby(cle).sum().reindex(grille, fill_value=0).to_numpy()
    visites = emis + rng.poisson(0.6 * emis + 1)
    rdv = visites + rng.poisson(0.15 * visites + 0.5)
    efficacite = np.repeat([2.4, 2.8, 2.6, 3.6], len(mois))  # prospects contactés par rendez-vous obtenu
    contactes = rdv + rng.poisson(efficacite * rdv + 2)
    return pd.DataFrame({"vendeur": grille.get_level_values(0), "mois": grille.get_level_values(1),
                         "prospects_contactes": contactes, "rdv_obtenus": rdv, "visites_realisees": visites,
                         "devis_emis": emis, "commandes": commandes})


# --------------------------------------------------------------------------------------
# Enquêtes de satisfaction
# --------------------------------------------------------------------------------------

EFFET_LIEU_NPS = np.array([0.2, 0.3, -0.9, 0.0, -0.2, -0.4])  # Tours … Le Mans, Web
COMMENTAIRES = {
    ("positif", "magasin"): ["Personnel de bon conseil", "Plantes en pleine forme", "Large choix",
                             "Magasin agréable et bien rangé", "Passage en caisse rapide"],
    ("positif", "web"): ["Livraison rapide", "Plantes bien emballées", "Site simple à utiliser", "Large choix"],
    ("neutre", "magasin"): ["Rien à signaler", "Prix un peu élevés", "Parking souvent plein"],
    ("neutre", "web"): ["Rien à signaler", "Frais de livraison un peu élevés", "Délai correct"],
    ("negatif", "magasin"): ["Attente trop longue en caisse", "Produit indisponible", "Vendeur difficile à trouver",
                             "Plante abîmée après une semaine"],
    ("negatif", "web"): ["Livraison en retard", "Colis abîmé", "Produit non conforme à la photo",
                         "Service client injoignable"],
}


def _enquetes(rng, tickets: pd.DataFrame, prof: pd.DataFrame, ids_clients, ids_tickets, n: int = 2600):
    """Questionnaire envoyé après un achat : satisfaction (1-5) et recommandation (0-10, NPS)."""
    achats = tickets[(tickets["rayon"] >= 0) & (tickets["jour"] < NB_JOURS - 7)]  # l'enquête suit l'achat
    choisis = achats.iloc[np.sort(rng.choice(len(achats), size=n, replace=False))]
    jour = np.minimum(choisis["jour"].to_numpy() + 1 + rng.poisson(3, n), NB_JOURS - 1)
    client, lieu = choisis["client"].to_numpy(), choisis["lieu"].to_numpy()
    part_bientot = prof["fin_activite"].to_numpy()[client] < jour + 180  # clients sur le départ, moins enthousiastes
    moyenne = 8.3 + EFFET_LIEU_NPS[lieu] - 1.8 * part_bientot + 0.3 * prof["carte_fidelite"].to_numpy()[client]
    reco = np.clip(np.rint(rng.normal(moyenne, 1.8)), 0, 10).astype(int)
    note = np.clip(np.rint((reco + 1) / 2.2 + rng.normal(0, 0.6, n)), 1, 5).astype(int)
    ton = np.where(reco >= 9, "positif", np.where(reco >= 7, "neutre", "negatif"))
    canal = np.where(choisis["canal"].to_numpy() == 1, "web", "magasin")
    commentaire = np.empty(n, dtype=object)
    for (t, c), liste in COMMENTAIRES.items():
        ou = (ton == t) & (canal == c)
        commentaire[ou] = rng.choice(liste, size=ou.sum())
    commentaire[rng.random(n) < 0.35] = None
    enquetes = pd.DataFrame({
        "client_id": ids_clients[client], "date": JOURS[jour].to_numpy(), "canal": canal,
        "magasin": np.array(LIEUX)[lieu], "ticket_id": ids_tickets[choisis["numero"].to_numpy()],
        "note_satisfaction": note, "recommandation": reco, "commentaire": commentaire,
    }).sort_values(["date", "ticket_id"], kind="stable").reset_index(drop=True)
    enquetes.insert(0, "enquete_id", _identifiants("Q", len(enquetes), 5))
    return enquetes[["enquete_id", "client_id", "date", "canal", "note_satisfaction", "recommandation",
                     "commentaire", "magasin", "ticket_id"]]


# --------------------------------------------------------------------------------------
# Extrait brut (sale exprès) pour les exercices de qualité des données
# --------------------------------------------------------------------------------------

REGLE_EMAIL = r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"
FORMATS_DATES = {"JJ/MM/AAAA": (r"^\d{2}/\d{2}/\d{4}$", "%d/%m/%Y"), "AAAA-MM-JJ": (r"^\d{4}-\d{2}-\d{2}$", "%Y-%m-%d"),
                 "JJ-MM-AA": (r"^\d{2}-\d{2}-\d{2}$", "%d-%m-%y")}


def normaliser_nom(serie: pd.Series) -> pd.Series:
    """Forme normalisée d'un nom : minuscules, sans accents, tirets et espaces multiples → une espace."""
    texte = serie.fillna("").map(_sans_accents).str.lower().str.replace("-", " ", regex=False)
    return texte.str.replace(r"\s+", " ", regex=True).str.strip()


def _variante(rng, prenom: str, nom: str) -> tuple[str, str]:
    """Le même nom ressaisi autrement : tiret, accents, majuscules, espaces."""
    origine = (prenom, nom)
    for c in rng.permutation(5)[: 1 + rng.integers(2)]:
        if c == 0 and "-" in prenom:
            prenom = prenom.replace("-", " ")
        elif c == 1 and _sans_accents(prenom + nom) != prenom + nom:
            prenom, nom = _sans_accents(prenom), _sans_accents(nom)
        elif c == 2:
            nom = nom.upper()
        elif c == 3:
            prenom = prenom.lower()
        else:
            nom = nom + "  "
            prenom = " " + prenom
    if (prenom, nom) == origine:
        nom = nom.upper()
    return prenom, nom


def _email_invalide(rng, email: str) -> str:
    local, domaine = email.split("@")
    return [local + domaine, f"{local}@@{domaine}", f"{local}@{domaine.replace('.', ',')}",
            f"{local} @{domaine}", f"{local}@{domaine.rsplit('.', 1)[0]}"][rng.integers(5)]


def _extrait_brut(rng, clients: pd.DataFrame, ca_client: pd.Series, n: int = 1000, n_variantes: int = 70,
                  n_exacts: int = 15) -> pd.DataFrame:
    """Export « logiciel de caisse » : doublons, emails invalides, CP manquants, dates en trois formats."""
    cle = normaliser_nom(clients["prenom"]) + "|" + normaliser_nom(clients["nom"])
    uniques = clients[~cle.duplicated(keep=False)]
    base = uniques.iloc[np.sort(rng.choice(len(uniques), size=n, replace=False))]
    brut = pd.DataFrame({"code_client": base["client_id"].to_numpy(), "nom": base["nom"].to_numpy(),
                         "prenom": base["prenom"].to_numpy(), "email": base["email"].fillna("").to_numpy(),
                         "code_postal": base["code_postal"].to_numpy(), "ville": base["ville"].to_numpy(),
                         "date_inscription": base["date_inscription"].to_numpy(),
                         "ca_cumule": ca_client.reindex(base["client_id"]).fillna(0.0).round(2).to_numpy()})
    invalides = rng.choice(np.flatnonzero(brut["email"] != ""), size=35, replace=False)
    brut.loc[invalides, "email"] = [_email_invalide(rng, e) for e in brut.loc[invalides, "email"]]
    doubles = brut.iloc[np.sort(rng.choice(n, size=n_variantes, replace=False))].copy()
    noms = [_variante(rng, p, nm) for p, nm in zip(doubles["prenom"], doubles["nom"], strict=True)]
    doubles["prenom"], doubles["nom"] = [p for p, _ in noms], [nm for _, nm in noms]
    doubles["code_client"] = _identifiants("C", len(clients) + n_variantes, 5)[len(clients):]
    doubles["email"] = np.where(rng.random(n_variantes) < 0.3, "",
                                np.where(rng.random(n_variantes) < 0.5, doubles["email"].str.capitalize(),
                                         doubles["email"]))
    ecart = rng.integers(30, 900, n_variantes).astype("timedelta64[D]")
    doubles["date_inscription"] = np.minimum(doubles["date_inscription"].to_numpy() + ecart, FIN.to_datetime64())
    doubles["ca_cumule"] = rng.gamma(1.2, 60.0, n_variantes).round(2)
    brut = pd.concat([brut, doubles], ignore_index=True)
    manquants = rng.choice(len(brut), size=40, replace=False)
    brut.loc[manquants, "code_postal"] = ""
    sans_zero = brut["code_postal"].str.startswith("0") & (rng.random(len(brut)) < 0.7)
    brut.loc[sans_zero, "code_postal"] = brut.loc[sans_zero, "code_postal"].str[1:]
    brut["ville"] = brut["ville"].where(rng.random(len(brut)) > 0.1, brut["ville"].str.upper())
    forme = rng.choice(3, size=len(brut), p=[0.7, 0.2, 0.1])
    dates = pd.DatetimeIndex(brut["date_inscription"])
    brut["date_inscription"] = np.choose(forme, [dates.strftime(f).to_numpy() for _r, f in FORMATS_DATES.values()])
    brut["ca_cumule"] = brut["ca_cumule"].map(lambda x: f"{x:.2f}".replace(".", ","))
    exacts = brut.iloc[rng.choice(len(brut), size=n_exacts, replace=False)]
    brut = pd.concat([brut, exacts]).sort_values("code_client", kind="stable").reset_index(drop=True)
    return brut


def compter_defauts(brut: pd.DataFrame) -> dict:
    """Compte chaque défaut de l'extrait brut avec des règles écrites (reprises dans le JSON)."""
    cle = normaliser_nom(brut["prenom"]) + "|" + normaliser_nom(brut["nom"])
    exacts = int(brut.duplicated().sum())
    personnes = int(cle.nunique())
    email = brut["email"].fillna("")
    cp = brut["code_postal"].fillna("")
    return {
        "fichier": "extrait_brut.csv", "encodage": "cp1252", "separateur": ";", "decimale": ",",
        "fin_de_ligne": "CRLF (Windows)", "colonnes": list(brut.columns), "lignes": len(brut),
        "doublons_exacts": exacts, "doublons_variantes": len(brut) - exacts - personnes,
        "personnes_distinctes": personnes,
        "regle_personne": "même prénom et même nom une fois normalisés : minuscules, sans accents, tirets "
                          "remplacés par une espace, espaces multiples réduits à une seule, espaces de bord retirés",
        "emails_manquants": int((email == "").sum()),
        "emails_invalides": int(((email != "") & ~email.str.match(REGLE_EMAIL)).sum()),
        "regle_email": REGLE_EMAIL,
        "codes_postaux_manquants": int((cp == "").sum()),
        "codes_postaux_sans_zero_initial": int(cp.str.fullmatch(r"\d{4}").sum()),
        "formats_dates": {nom: int(brut["date_inscription"].str.fullmatch(motif).sum())
                          for nom, (motif, _f) in FORMATS_DATES.items()},
        "ca_cumule_total": round(float(brut["ca_cumule"].str.replace(",", ".").astype(float).sum()), 2),
        "remarque": "Comptes calculés sur toutes les lignes, doublons compris.",
    }


# --------------------------------------------------------------------------------------
# Assemblage et écriture
# --------------------------------------------------------------------------------------

FREQUENCE = 2.1  # règle le volume : environ 60 000 lignes de tickets pour 5 000 clients
NB_CLIENTS = 5000


def _ventes(graine: int, n_clients: int, frequence: float, avec_campagnes: bool):
    """Profils, tickets et lignes (avec ou sans campagnes), retours compris, numérotés par date."""
    prof, pref = _profils(_rng(graine, "profils"), n_clients, frequence)
    cal = _calendrier(_rng(graine, "calendrier"))
    produits = _produits()
    struct = _structure_familles(produits)
    rng = _rng(graine, "transactions")
    tickets = _tickets_de_base(rng, prof, pref, cal)
    lignes = _lignes(rng, tickets, prof, pref, struct, cal)
    clients = contacts = None
    if avec_campagnes:
        clients = _table_clients(_rng(graine, "clients"), prof)
        tickets, lignes, contacts = _campagnes(_rng(graine, "campagnes"), prof, pref, clients, tickets, lignes,
                                               struct, cal)
    tk_retour, li_retour = _retours(_rng(graine, "retours"), tickets, lignes, struct)
    tickets, toutes = _numeroter(pd.concat([tickets, tk_retour]), pd.concat([lignes, li_retour], ignore_index=True))
    return {"prof": prof, "produits": produits, "tickets": tickets, "lignes": toutes, "lignes_ventes": lignes,
            "clients": clients, "contacts": contacts}


def generer_tables(graine: int = GRAINE) -> dict[str, pd.DataFrame]:
    """Toutes les tables de l'enseigne, en mémoire (colonnes du schéma de ``datasets/README.md``)."""
    v = _ventes(graine, NB_CLIENTS, FREQUENCE, avec_campagnes=True)
    ids_clients = v["clients"]["client_id"].to_numpy()
    ids_tickets = _identifiants("T", len(v["tickets"]), 6)
    transactions = _table_transactions(v["tickets"], v["lignes"], v["produits"], ids_clients)
    campagnes, contacts = _tables_campagnes(v["contacts"], v["lignes_ventes"], v["tickets"], ids_clients, ids_tickets)
    pros = _clients_pros(_rng(graine, "pros"))
    devis = _devis(_rng(graine, "devis"), pros)
    ca_client = transactions.groupby("client_id")["montant_ht"].sum()
    return {
        "clients": v["clients"], "produits": v["produits"], "transactions": transactions,
        "campagnes": campagnes, "contacts_campagnes": contacts, "devis": devis,
        "objectifs_vendeurs": _objectifs(devis), "prospection": _prospection(_rng(graine, "prospection"), devis),
        "enquetes": _enquetes(_rng(graine, "enquetes"), v["tickets"], v["prof"], ids_clients, ids_tickets),
        "extrait_brut": _extrait_brut(_rng(graine, "extrait_brut"), v["clients"], ca_client),
    }


COLONNES_EUROS = ["cout_acquisition", "prix_vente_ttc", "prix_vente_ht", "cout_achat_ht", "montant_ht", "marge_ht",
                  "ca_genere", "marge_generee", "cout", "montant_commande", "montant_devis_ht",
                  "montant_commande_ht", "marge_commande_ht", "objectif_ca_ht"]


def _en_texte(table: pd.DataFrame) -> pd.DataFrame:
    """Prépare l'écriture : dates ISO, montants à deux décimales, cases vides pour les manquants."""
    table = table.copy()
    for col in table.columns:
        if pd.api.types.is_datetime64_any_dtype(table[col]):
            table[col] = table[col].dt.strftime("%Y-%m-%d").fillna("")
        elif col in COLONNES_EUROS:
            table[col] = _euros(table[col])
    return table


def ecrire(tables: dict[str, pd.DataFrame], sortie: Path) -> dict[str, int]:
    """Écrit les CSV (UTF-8, virgule, point décimal ; l'extrait brut en cp1252 ``;``) et le JSON des défauts."""
    sortie.mkdir(parents=True, exist_ok=True)
    tailles = {}
    for nom, table in tables.items():
        chemin = sortie / f"{nom}.csv"
        if nom == "extrait_brut":
            table.to_csv(chemin, sep=";", index=False, encoding="cp1252", lineterminator="\r\n")
            defauts = json.dumps(compter_defauts(table), ensure_ascii=False, indent=2) + "\n"
            (sortie / "extrait_brut_defauts.json").write_text(defauts, encoding="utf-8")
        else:
            _en_texte(table).to_csv(chemin, index=False, encoding="utf-8", lineterminator="\n")
        tailles[chemin.name] = chemin.stat().st_size
    return tailles


def generer_transactions_massives(n_clients: int = 100_000, n_lignes: int = 1_000_000,
                                  graine: int = 0) -> pd.DataFrame:
    """Une table ``transactions`` de ``n_lignes`` lignes exactement pour ``n_clients`` clients (mesures de vitesse).

    Même logique que les données du cours (saisons, concentration, retours), sans les campagnes.
    Les types suivent ``grc.donnees.charger("transactions")`` : dates ``datetime64``, identifiants
    en texte, catégories pour canal, magasin, rayon et famille.
    """
    frequence = FREQUENCE * n_lignes / n_clients / 11.5  # ≈ 11,5 lignes par client à la fréquence de référence
    while True:
        v = _ventes(graine, n_clients, frequence, avec_campagnes=False)
        if len(v["lignes"]) >= n_lignes:
            break
        frequence *= 1.1 * n_lignes / max(len(v["lignes"]), 1)
    lignes = v["lignes"]
    garder = np.sort(_rng(graine, "echantillon").choice(len(lignes), size=n_lignes, replace=False))
    lignes = lignes.iloc[garder]
    tickets = v["tickets"].loc[np.unique(lignes["ticket"])]
    tickets, lignes = _numeroter(tickets, lignes)
    ids_clients = _identifiants("C", n_clients, 5)
    table = _table_transactions(tickets, lignes, v["produits"], ids_clients)
    return _typer_transactions(table)


def _typer_transactions(table: pd.DataFrame) -> pd.DataFrame:
    return table.astype({"ticket_id": "str", "client_id": "str", "produit_id": "str", "date": "datetime64[us]",
                         "canal": pd.CategoricalDtype(["magasin", "web"]),
                         "magasin": pd.CategoricalDtype(LIEUX), "rayon": pd.CategoricalDtype(RAYONS),
                         "famille": pd.CategoricalDtype(FAMILLES)})


def main(argv: list[str] | None = None) -> None:
    analyse = argparse.ArgumentParser(description="Reconstruit les données de l'enseigne Verdance (octet pour octet).")
    analyse.add_argument("--sortie", type=Path, default=DOSSIER, help="dossier où écrire les fichiers")
    analyse.add_argument("--graine", type=int, default=GRAINE, help=argparse.SUPPRESS)
    args = analyse.parse_args(argv)
    debut = time.perf_counter()
    tailles = ecrire(generer_tables(args.graine), args.sortie)
    duree = time.perf_counter() - debut
    for nom, taille in tailles.items():
        print(f"{nom:<28} {taille / 1e6:6.2f} Mo")
    print(f"Total : {sum(tailles.values()) / 1e6:.2f} Mo, écrit dans {args.sortie} en {duree:.1f} s.")


if __name__ == "__main__":
    main()
