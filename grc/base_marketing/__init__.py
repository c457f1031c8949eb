"""La base de données marketing : SQLite, qualité d'un fichier brut, dédoublonnage, liste RGPD, coût.

Cinq usages de l'étape « Identifier » (thème 01), un module chacun (tous les noms publics
s'importent aussi depuis ``grc.base_marketing``) :

- ``grc.base_marketing.sqlite`` : construire une vraie base SQLite à partir de tables pandas et
  l'interroger en SQL (:func:`construire_base`, :func:`interroger`) ;
- ``grc.base_marketing.qualite`` : contrôler la qualité d'un extrait brut (emails invalides, codes
  postaux manquants, dates aux formats mêlés), avec le décompte de chaque règle
  (:func:`rapport_qualite`), et le nettoyer (:func:`nettoyer_extrait`) ;
- ``grc.base_marketing.dedoublonnage`` : retrouver une même personne malgré les variantes
  d'orthographe (:func:`cle_personne`, :func:`paires_similaires`, :func:`bilan_dedoublonnage`) ;
- ``grc.base_marketing.contacts`` : dresser la liste des clients qu'on a le droit de contacter
  selon le canal et la finalité (RGPD : accord préalable pour l'email et le SMS, absence
  d'opposition pour le courrier, coordonnée valide, durée de conservation)
  (:func:`conditions_contact`, :func:`clients_contactables`) ;
- ``grc.base_marketing.couts`` : chiffrer le coût annuel de la base (:func:`couts_base`).

Voir la leçon ``course/01-connaitre-ses-clients.md``.
"""

from __future__ import annotations

from grc.base_marketing.contacts import (
    CANAUX,
    FINALITES,
    adresses_postales,
    clients_contactables,
    conditions_contact,
    coordonnee_valide,
    derniere_activite,
    entonnoir_contact,
    telephones_mobiles,
)
from grc.base_marketing.couts import couts_base
from grc.base_marketing.dedoublonnage import (
    bilan_dedoublonnage,
    cle_personne,
    normaliser_nom,
    paires_similaires,
    similarite,
)
from grc.base_marketing.qualite import (
    COLONNES_EXTRAIT,
    FORMATS_DATES,
    MOTIF_EMAIL,
    corriger_codes_postaux,
    emails_valides,
    etat_codes_postaux,
    etat_emails,
    formats_de_dates,
    lire_dates_melangees,
    nettoyer_extrait,
    rapport_qualite,
)
from grc.base_marketing.sqlite import construire_base, interroger, tables_de_la_base

__all__ = [
    "CANAUX",
    "COLONNES_EXTRAIT",
    "FINALITES",
    "FORMATS_DATES",
    "MOTIF_EMAIL",
    "adresses_postales",
    "bilan_dedoublonnage",
    "cle_personne",
    "clients_contactables",
    "conditions_contact",
    "construire_base",
    "coordonnee_valide",
    "corriger_codes_postaux",
    "couts_base",
    "derniere_activite",
    "emails_valides",
    "entonnoir_contact",
    "etat_codes_postaux",
    "etat_emails",
    "formats_de_dates",
    "interroger",
    "lire_dates_melangees",
    "nettoyer_extrait",
    "normaliser_nom",
    "paires_similaires",
    "rapport_qualite",
    "similarite",
    "tables_de_la_base",
    "telephones_mobiles",
]
