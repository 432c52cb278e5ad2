"""Name normalisation and comparison for entity resolution.

Plain functions over strings: folding (case, accents, possessives), titles,
a transliteration skeleton, name-by-name similarity (rapidfuzz) and
acronyms. :mod:`graph.resolve` decides with them which mentions merge.

>>> name_key("Mr Zelenskyy's", "Person")
'zelensky'
>>> skeleton("Zelenskiy") == skeleton("Zelensky") == skeleton("Zelenskyy")
True
>>> transliteration_score("Sergey Lavrov", "Sergei Lavrov")
100.0
>>> transliteration_score("Olena Zelenska", "Volodymyr Zelenskiy")
0.0
>>> acronym_of("European Union")
'eu'
"""
from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from core.titles import PERSON_TITLES

#: Leading words dropped when names are compared; "the" too, but not offices such as "Foreign"
#: or "Home", which start organisation names ("Home Office").
TITLES = PERSON_TITLES | frozenset(["presidents", "the"])
#: Words left out of acronyms ("North Atlantic Treaty Organization" -> NATO).
_ACRONYM_SKIP = frozenset(["of", "the", "and", "for", "on", "in", "de", "la", "le", "du", "des"])
_TRANSLIT_ENDINGS = re.compile(r"(?:yy|iy|ii|ij|yi)\b")

# Spellings that romanisations of one Cyrillic (or other) letter disagree on.
_SKELETON_RULES = (
    ("shch", "sh"), ("sch", "sh"), ("tch", "ch"), ("kh", "h"), ("ph", "f"),
    ("ck", "k"), ("x", "ks"), ("w", "v"), ("y", "i"), ("j", "i"),
)

#: Similarity (rapidfuzz ``fuzz.ratio`` of skeletons, 0-100) a surname and a
#: first name need to count as spellings of one name; shorter words must agree.
SURNAME_MIN = 90.0
GIVEN_NAME_MIN = 80.0
SHORT_WORD = 3


def fold(text: str) -> str:
    """Lower-case, strip accents, possessives and punctuation, collapse space.

    >>> fold("Ukraine’s  Président")
    'ukraine president'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’`]s\b", "", text)
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def strip_titles(words: list[str]) -> tuple[list[str], list[str]]:
    """(titles, rest): leading titles split off, keeping at least one word."""
    i = 0
    while i < len(words) - 1 and words[i] in TITLES:
        i += 1
    return words[:i], words[i:]


def name_key(name: str, entity_type: str = "") -> str:
    """The key under which mentions of one entity meet: folded, and for
    people without titles and with transliteration endings folded."""
    words = fold(name).split()
    if entity_type not in ("Person", ""):
        return " ".join(words)
    key = " ".join(strip_titles(words)[1])
    return _TRANSLIT_ENDINGS.sub("y", key)


def skeleton(word: str) -> str:
    """A word with transliteration differences folded away.

    >>> skeleton("Aleksei"), skeleton("Alexey"), skeleton("Shchekino")
    ('aleksei', 'aleksei', 'shekino')
    """
    w = fold(word).replace(" ", "")
    for a, b in _SKELETON_RULES:
        w = w.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", w)


def name_parts(key: str) -> list[str]:
    """Words of a name key; hyphenated names count as several ("Kim Jong-un")."""
    return key.replace("-", " ").split()


def _word_score(a: str, b: str, minimum: float) -> float:
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return 100.0
    if min(len(sa), len(sb)) <= SHORT_WORD or sa[0] != sb[0]:
        return 0.0
    score = fuzz.ratio(sa, sb)
    return score if score >= minimum else 0.0


def transliteration_score(a: str, b: str) -> float:
    """How surely two names are spellings of one name, 0 (no) to 100.

    Both need the same number of words; the last (the surname) must be at
    least :data:`SURNAME_MIN` alike, the others :data:`GIVEN_NAME_MIN`.
    The score is the weakest word's.
    """
    pa, pb = name_parts(fold(a)), name_parts(fold(b))
    if not pa or len(pa) != len(pb):
        return 0.0
    scores = [_word_score(x, y, GIVEN_NAME_MIN) for x, y in zip(pa[:-1], pb[:-1])]
    scores.append(_word_score(pa[-1], pb[-1], SURNAME_MIN))
    return round(min(scores), 1)


def blocking_key(key: str) -> tuple[int, str]:
    """Names that may be spellings of each other share this key: the number
    of words and the first letter of the surname's skeleton."""
    parts = name_parts(key)
    return len(parts), skeleton(parts[-1])[:1] if parts else ""


def acronym_of(name: str) -> str:
    """The initials of a name's significant words, lower-case ("" if one word)."""
    words = [w for w in fold(name).split() if w not in _ACRONYM_SKIP]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def is_acronym(text: str) -> bool:
    """Written like an acronym: 2-6 capitals, dots allowed ("UN", "U.N.", "NATO")."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()
