"""Le site web du cours : un livre jupyter-book 1.x construit hors ligne à partir du dépôt.

``python -m outils.site`` (ou ``make site``) assemble les leçons (``course/``), les
cahiers exécutés (``notebooks/``), les QCM en page statique (``course/qcm/``), le
glossaire, la page enseignants et le parcours des thèmes, puis écrit le site dans
``_build/site/_build/html/``. Les thèmes sont découverts dans le dépôt : rien
n'est à déclarer quand un thème s'ajoute. Les corrigés ne sont publiés qu'avec
``--corriges``.

Modules : :mod:`~outils.site.themes` (découverte), :mod:`~outils.site.carnets`
(exécution et cache), :mod:`~outils.site.widgets_statiques`, :mod:`~outils.site.qcm_statique`,
:mod:`~outils.site.glossaire`, :mod:`~outils.site.sommaire`, :mod:`~outils.site.liens`,
:mod:`~outils.site.livre` (assemblage), :mod:`~outils.site.construction` (jupyter-book),
:mod:`~outils.site.verification` (liens et images du HTML produit).
"""

from .construction import Bilan, ErreurConstruction, construire
from .livre import Options

__all__ = ["Bilan", "ErreurConstruction", "Options", "construire"]
