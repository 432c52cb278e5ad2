"""Transitional: the titles are :data:`core.names.PERSON_TITLES` (``core/lexicons/person_titles.txt``).

Only newskg's match module still imports this name from here; delete this
file when it imports from :mod:`core.names` instead.
"""
from core.names import PERSON_TITLES

__all__ = ["PERSON_TITLES"]
