"""The word lists of :mod:`extract`, as data: ``extract/lexicons/NAME.txt`` or ``.toml``.

Each list is loaded by one module, at its top (``PEOPLE_NOUNS = words("people_nouns")``),
and read once per process; see :mod:`core.lexicon` for the file format.

>>> "the" in words("articles")
True
"""
from __future__ import annotations

from pathlib import Path

from core.lexicon import Lexicons

LEXICONS = Lexicons(Path(__file__).parent / "lexicons")
words = LEXICONS.words
entries = LEXICONS.entries
table = LEXICONS.table
