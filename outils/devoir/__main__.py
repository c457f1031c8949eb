"""``python -m outils.devoir`` : voir :mod:`outils.devoir.commande`."""

import sys

from .commande import main

if __name__ == "__main__":
    sys.exit(main())
