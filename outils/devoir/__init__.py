"""Le devoir noté avec nbgrader : un cours nbgrader généré à partir d'un corrigé (thème 10 par défaut).

Les exercices vérifiés du corrigé (repérés par leurs appels ``verifier("NN_…", reponse)``) deviennent des
cellules de réponse notées automatiquement, suivies d'une cellule de test dont les tests **cachés**
(``### BEGIN HIDDEN TESTS``) contiennent les valeurs attendues, calculées à la génération en exécutant le
corrigé ; les questions rédigées (cellules Markdown ``### BEGIN SOLUTION``) deviennent des cellules notées à
la main, avec les points de leur « Barème (N points) ». Les autres cellules sont verrouillées.

Modules :

- :mod:`outils.devoir.extraction` : repérer exercices, questions rédigées et parties d'approfondissement ;
- :mod:`outils.devoir.encodage` : les valeurs attendues, mises sous une forme écrite dans les tests ;
- :mod:`outils.devoir.attendus` : exécuter le corrigé et relever la réponse de chaque exercice ;
- :mod:`outils.devoir.tests_caches` et :mod:`outils.devoir.regles` : le code des tests cachés ;
- :mod:`outils.devoir.assemblage` : le carnet nbgrader et le dossier du cours ;
- ``python -m outils.devoir`` (ou ``make devoir``) : la commande des enseignants.

nbgrader fait partie de l'extra ``auteurs`` (outils des auteurs et des enseignants), jamais de ce
qu'installe un élève.
"""
