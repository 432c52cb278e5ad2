"""``python -m newskg ...``: the ``newskg`` command (:mod:`newskg.cli`)."""
import sys

from .cli import main

sys.exit(main())
