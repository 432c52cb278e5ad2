"""Number phrases as counts: "At least 21,000" → (21000, "at least"). spaCy-free.

>>> parse_count("At least 21,000"), parse_count("About 3.4 million"), parse_count("tens of thousands")
((21000, 'at least'), (3400000, 'about'), (10000, 'tens of thousands'))
"""
from __future__ import annotations

import re

QUALIFIERS = (
    "at least", "at most", "more than", "less than", "fewer than", "up to", "an estimated", "as many as",
    "upwards of", "in excess of", "just over", "just under", "well over",
    "estimated", "about", "around", "approximately", "roughly", "nearly", "almost", "some", "over", "close to",
)
VAGUE = {"tens of thousands": 10_000, "hundreds of thousands": 100_000, "thousands": 1_000,
         "hundreds": 100, "dozens": 12, "millions": 1_000_000}
_SCALE = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "m": 1_000_000, "bn": 1_000_000_000, "k": 1_000}
_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_WORDS.update({w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)})
_WORDS.update({"a": 1, "an": 1})  # "a dozen", "a hundred"
_NUMBER = re.compile(r"(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<s>hundred|thousand|million|billion|bn|m|k)?\b")


def parse_count(text: str) -> tuple[int, str] | None:
    """(value, qualifier) of a number phrase; vague plurals give a lower bound.

    >>> parse_count("eight"), parse_count("some 400"), parse_count("35-hour")
    ((8, ''), (400, 'some'), None)
    >>> parse_count("Over 1,000"), parse_count("fourteen"), parse_count("twenty-one")
    ((1000, 'over'), (14, ''), None)
    >>> parse_count("As many as 300"), parse_count("two dozen"), parse_count("a hundred")
    ((300, 'as many as'), (24, ''), (100, ''))
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
        value = float(m.group("n").replace(",", "")) * _SCALE.get(m.group("s") or "", 1)
        return int(round(value)), qualifier
    words = rest.split()
    if words and all(w in _WORDS or w in _SCALE for w in words):
        total, current = 0, 0
        for w in words:
            if w in _WORDS:
                current += _WORDS[w]
            else:
                current = max(current, 1) * _SCALE[w]
                if _SCALE[w] >= 1000:
                    total, current = total + current, 0
        return total + current, qualifier
    return None
