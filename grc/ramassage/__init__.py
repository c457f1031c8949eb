"""Ramasser le travail rendu par une classe : un dossier de retours de l'ENT devient un tableau de classe.

Les élèves rendent, par l'espace de travail de l'ENT, leurs copies des cahiers (``mon-travail/*.ipynb``)
et leur fichier de progression (``mon-travail/progression.json``), souvent dans le zip « mon-travail.zip »
de la page « Commencer ici ». L'enseignant télécharge un dossier de retours : un zip ou un dossier par
élève, nommé d'après l'élève (« DUPONT Marie - devoir.zip », « Martin_Lea/ », un progression.json
renommé...). ``grc classe ramasser DOSSIER`` en fait un tableau de classe :

- :mod:`.lecture` lit chaque retour (zip, dossier, fichier ; zip dans un zip) sans rien extraire sur le
  disque, et dit ce qui est abîmé ;
- :mod:`.noms` retrouve l'élève d'après le nom du retour (jamais en devinant) ;
- :mod:`.tableau` fait les tables : synthèse, exercices, quiz, rédactions, anomalies ;
- :mod:`.classeur` écrit le classeur ``.xlsx``, :mod:`.page` la page imprimable (HTML, PDF) ;
- :mod:`.commande` est la sous-commande ``grc classe ramasser``.

Aucune anomalie n'est tue : fichier abîmé, doublon (le retour le plus récent d'après les dates
inscrites dedans est gardé), retour qui ne correspond à aucun élève de la liste, élève non rendu,
clés inconnues du fichier de progression (ignorées et signalées).

>>> import tempfile, pathlib, json
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "MARTIN Léa - progression.json").write_text(json.dumps({"format": 1, "exercices": {
...     "02_tableau_rfm": {"statut": "juste", "essais": 2, "dernier_essai": "2026-12-01T10:00:00"}}}), "utf-8")
>>> r = ramasser(d, ["MARTIN Léa", "DURAND Chloé"])
>>> r.synthese[["eleve", "statut", "exercices_justes"]].values.tolist()
[['MARTIN Léa', 'rendu', 1], ['DURAND Chloé', 'non rendu', 0]]
"""

from __future__ import annotations

from .lecture import Anomalie, ErreurRamassage, Retour, lire_dossier, lire_retour
from .noms import candidats_noms, nom_du_retour
from .tableau import Ramassage, ramasser

__all__ = [
    "Anomalie",
    "ErreurRamassage",
    "Ramassage",
    "Retour",
    "candidats_noms",
    "lire_dossier",
    "lire_retour",
    "nom_du_retour",
    "ramasser",
]
