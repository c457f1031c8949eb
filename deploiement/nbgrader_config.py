# Configuration de nbgrader pour le serveur de la classe : à copier dans /etc/jupyter/nbgrader_config.py.
# L'échange (dépôt des sujets, ramassage des copies) est un dossier partagé du serveur :
#   sudo mkdir -p /srv/nbgrader/exchange && sudo chmod 1777 /srv/nbgrader/exchange
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "grc"          # même identifiant pour l'enseignant et les élèves
c.Exchange.root = "/srv/nbgrader/exchange"
# Les cahiers du cours n'ont pas les métadonnées de cellule de nbgrader : voir la page des enseignants.
c.ClearSolutions.enforce_metadata = False
