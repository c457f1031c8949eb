"""Les outils des auteurs du cours (générateur de cahiers, site, édition élève, JupyterLite).

Ils ne sont pas dans le paquet ``grc`` que les élèves installent.
"""
