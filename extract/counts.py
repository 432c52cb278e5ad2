"""Number phrases as counts: "At least 21,000" → (21000, "at least"). spaCy-free.

The words are lexicons: ``qualifiers`` (in order, longest first),
``vague_counts``, ``scales`` (less ``word_only_scales`` after digits) and
``number_words``.

>>> parse_count("At least 21,000"), parse_count("About 3.4 million"), parse_count("tens of thousands")
((21000, 'at least'), (3400000, 'about'), (10000, 'tens of thousands'))
"""
from __future__ import annotations

import re

from .lexicon import entries, table, words

QUALIFIERS = entries("qualifiers")
VAGUE = table("vague_counts")
SCALES = table("scales")
WORD_ONLY_SCALES = words("word_only_scales")
NUMBER_WORDS = table("number_words")
#: A figure in digits with the scale words that may follow digits ("3.4 million", "5bn").
_NUMBER = re.compile(r"(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<s>"
                     + "|".join(s for s in SCALES if s not in WORD_ONLY_SCALES) + r")?\b")


def parse_count(text: str) -> tuple[int, str] | None:
    """(value, qualifier) of a number phrase; vague plurals give a lower bound.

    >>> parse_count("eight"), parse_count("some 400"), parse_count("35-hour")
    ((8, ''), (400, 'some'), None)
    >>> parse_count("Over 1,000"), parse_count("fourteen"), parse_count("twenty-one")
    ((1000, 'over'), (14, ''), None)
    >>> parse_count("As many as 300"), parse_count("two dozen"), parse_count("a hundred")
    ((300, 'as many as'), (24, ''), (100, ''))
    >>> parse_count("5bn"), parse_count("3 dozen")
    ((5000000000, ''), None)
    """
    low = " ".join(text.lower().replace("-", " - ").split())
    qualifier = next((q for q in QUALIFIERS if low.startswith(q + " ")), "")
    rest = low[len(qualifier):].strip()
    if qualifier == "an estimated":
        qualifier = "estimated"
    for phrase, value in VAGUE.items():
        if rest.startswith(phrase):
            return value, qualifier or phrase
    if " - " in rest:
        return None  # "35-hour", "2-year-old"
    if m := _NUMBER.fullmatch(rest):
        value = float(m.group("n").replace(",", "")) * SCALES.get(m.group("s") or "", 1)
        return int(round(value)), qualifier
    words = rest.split()
    if words and all(w in NUMBER_WORDS or w in SCALES for w in words):
        total, current = 0, 0
        for w in words:
            if w in NUMBER_WORDS:
                current += NUMBER_WORDS[w]
            else:
                current = max(current, 1) * SCALES[w]
                if SCALES[w] >= 1000:
                    total, current = total + current, 0
        return total + current, qualifier
    return None
