"""Les lignes du tableau des glissements, un fichier par thème (``theme_NN.py``).

Chaque fichier définit ``GLISSEMENTS = [(exercice, sorte, lambda: reponse_glissee), ...]`` (ou, avec
la bonne réponse pour vérifier qu'elles diffèrent, ``(exercice, sorte, lambda: glissee, lambda: bonne)``) ;
``tests/test_glissements.py`` vérifie chaque ligne, ``python -m outils.glissements`` imprime le tableau.
"""
