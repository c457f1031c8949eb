"""L'édition JupyterLite du cours : un site statique où le navigateur suffit (Pyodide).

``python -m outils.lite [SORTIE] [--pyodide-complet DOSSIER]`` (ou ``make lite``) construit, sans
accès à internet une fois les outils en cache, un site à poser sur n'importe quel serveur web (ENT,
GitHub Pages) :

- JupyterLab en français (paquet de langue), sans la fenêtre des nouvelles, ouvert sur
  ``Commencer ici.ipynb`` : comment travailler, les cahiers prêts pour le navigateur et ceux qui ne le
  sont pas (avec la raison, lue dans ``grc.themes``), « Télécharger mon travail » / « Reprendre mon
  travail » ;
- les cahiers, les leçons de l'édition élève (aucun corrigé) ;
- le cœur de Pyodide (paquet npm ``pyodide``, versions figées ci-dessous) servi par le site, avec un
  ``pyodide-lock.json`` qui ajoute au verrou de Pyodide la roue ``cours-grc`` (``import grc`` la
  charge), seaborn, ipywidgets et les paquets purs dont le noyau a besoin, tous servis par le site ;
- les paquets compilés (numpy, pandas, matplotlib, scipy, scikit-learn...) : depuis le CDN de
  Pyodide par défaut ; avec ``--pyodide-complet DOSSIER`` (une distribution complète de Pyodide
  décompressée, ``pyodide-314.0.6.tar.bz2``), depuis le site lui-même, pour les écoles qui
  bloquent le CDN.

Les copies et la progression de l'élève vivent dans le stockage du navigateur (IndexedDB).
"""

from __future__ import annotations

PYODIDE = "314.0.6"
JUPYTERLITE_CORE = "0.8.6"
PYODIDE_KERNEL = "0.8.6"
CDN = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE}/full/"
