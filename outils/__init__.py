"""Les outils des auteurs du cours (générateur de cahiers, site, édition élève, JupyterLite).

Ils ne sont pas dans le paquet ``grc`` que les élèves installent ; leurs dépendances sont dans
les extras ``auteurs`` (nbgrader...) et ``site`` (jupyter-book) de ``pyproject.toml``.

- :mod:`outils.cahiers` : ``python -m outils.cahiers`` (``make cahiers``) écrit ``notebooks/`` à partir de ``solutions/`` ;
- :mod:`outils.site` : ``python -m outils.site`` (``make site``) construit le site web du cours ;
- :mod:`outils.readme` : ``python -m outils.readme`` écrit le tableau des thèmes du README depuis :mod:`grc.themes` ;
- :mod:`outils.mesures_parcours` : ``python -m outils.mesures_parcours [--ref REF]`` mesure chaque cahier
  (retours, code tout fait visible, lignes par exercice du cœur BTS) ;
- :mod:`outils.glissements` : ``python -m outils.glissements`` imprime le tableau des glissements nommés.
"""
