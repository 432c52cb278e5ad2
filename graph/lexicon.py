"""The word lists of :mod:`graph`, as data: ``graph/lexicons/NAME.txt`` or ``.toml``.

Each list is loaded by one module, at its top, and read once per process;
see :mod:`core.lexicon` for the file format. Lists about names themselves
(titles, spellings) are core's (``core/lexicons/``), shared with extraction.

>>> "not_names" in LEXICONS.names()
True
"""
from __future__ import annotations

from pathlib import Path

from core.lexicon import Lexicons

LEXICONS = Lexicons(Path(__file__).parent / "lexicons")
words = LEXICONS.words
entries = LEXICONS.entries
table = LEXICONS.table
