"""What every stage shares, below all of them: the records passed between
stages (:mod:`core.records`), the typed errors (:mod:`core.errors`) and the
version. Nothing here imports another package of the project, nor spaCy.
"""
__version__ = "0.1.0"
