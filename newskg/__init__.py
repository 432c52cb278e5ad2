"""newskg: build a knowledge graph from news articles.

The public API lives in :mod:`newskg.api`; the CLI (:mod:`newskg.cli`) is a
thin layer over it. Importing this package is cheap: spaCy and the model
are loaded only when a build starts.
"""
from core import __version__

__all__ = ["__version__"]
