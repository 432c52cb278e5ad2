"""Names folded and compared: the one normaliser of extraction, resolution and evaluation.

Every form below is built from the same few steps, each written once: accents
off (:func:`fold_accents`), case folded, apostrophes and possessives, punctuation
to spaces, leading titles (:func:`strip_titles`), transliteration endings, and a
bracketed scope. The named forms, and who compares with them:

- :func:`fold_accents`: "Gdańsk" -> "Gdansk" (the gazetteer's ASCII variants);
- :func:`fold`: case, accents, possessives and punctuation (resolution, places);
- :func:`name_key`: where mentions of one entity meet (:mod:`graph.resolve`);
- :func:`match_fold`, :func:`match_key`: what the evaluation compares;
- :func:`skeleton`, :func:`transliteration_score`, :func:`blocking_key`: other
  romanisations of one name; :func:`acronym_of`, :func:`is_acronym`.

The word lists are lexicons in ``core/lexicons/`` (titles, endings, spellings).
No spaCy here: ``graph/`` and the evaluation use this module too.

>>> name_key("Mr Zelenskyy's", "Person")
'zelensky'
>>> match_key("Mr Zelenskiy's"), match_key("the theater (Mariupol)")
('zelensky', 'theater')
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

from core.lexicon import CORE

#: Titles and ranks before a person's name, shared by extraction, resolution and evaluation.
PERSON_TITLES = CORE.words("person_titles")
#: Leading words resolution drops: the titles, "presidents" and "the".
NAME_KEY_TITLES = CORE.words("name_key_titles")
#: Leading words evaluation drops (after one "the"): the titles and "defence", "defense", "foreign".
MATCH_TITLES = CORE.words("match_titles")
#: Words left out of acronyms ("North Atlantic Treaty Organization" -> NATO).
_ACRONYM_SKIP = CORE.words("acronym_skip")
#: Letter groups romanisations disagree on, replaced in file order.
_SPELLINGS = tuple(CORE.table("romanisation_spellings").items())


def _ending_rule(endings: frozenset[str]) -> re.Pattern[str]:
    """A word's final transliteration ending ("-yy", "-iy", ...), the longest first."""
    return re.compile("(?:" + "|".join(sorted(endings, key=lambda e: (-len(e), e))) + ")$")


_NAME_KEY_ENDING = _ending_rule(CORE.words("name_key_endings"))
_MATCH_ENDING = _ending_rule(CORE.words("transliteration_endings"))
#: "Ukraine's", "Ukraine’s", "Ukraine`s": a possessive after any apostrophe (:func:`fold`).
_POSSESSIVE = re.compile(r"['’`]s\b")
#: A possessive after a straight apostrophe: :func:`match_fold` has made the curly ones straight.
_STRAIGHT_POSSESSIVE = re.compile(r"'s\b")
#: "the theater (Mariupol)": the annotators' scope of a name, at its end.
_BRACKETED_SCOPE = re.compile(r"\s*\([^()]*\)\s*$")
_NOT_WORD = re.compile(r"[^\w]+")
_STRAIGHT_QUOTES = str.maketrans({"’": "'", "‘": "'"})

#: Similarity (rapidfuzz ``fuzz.ratio`` of skeletons, 0-100) a surname and a
#: first name need to count as spellings of one name; shorter words must agree.
SURNAME_MIN = 90.0
GIVEN_NAME_MIN = 80.0
SHORT_WORD = 3


# -- the shared steps

def fold_accents(text: str) -> str:
    """"Gdańsk" -> "Gdansk": the gazetteer's spelling variants are ASCII."""
    if text.isascii():  # most names: NFKD leaves ASCII as it is
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _fold_case(text: str) -> str:
    return fold_accents(text).casefold()


def _words(text: str) -> list[str]:
    """The words of a text, punctuation taken for spaces."""
    return _NOT_WORD.sub(" ", text).split()


def strip_titles(words: list[str], titles: frozenset[str] = NAME_KEY_TITLES) -> tuple[list[str], list[str]]:
    """(titles, rest): leading titles split off, keeping at least one word."""
    i = 0
    while i < len(words) - 1 and words[i] in titles:
        i += 1
    return words[:i], words[i:]


def _fold_ending(words: list[str], ending: re.Pattern[str]) -> str:
    return " ".join(ending.sub("y", w) for w in words)


# -- the forms

def fold(text: str) -> str:
    """Lower-case, strip accents, possessives and punctuation, collapse space.

    >>> fold("Ukraine’s  Président")
    'ukraine president'
    """
    return " ".join(_words(_POSSESSIVE.sub("", _fold_case(text))))


def name_key(name: str, entity_type: str = "") -> str:
    """The key under which mentions of one entity meet: folded, and for
    people without titles and with transliteration endings folded."""
    words = fold(name).split()
    if entity_type not in ("Person", ""):
        return " ".join(words)
    return _fold_ending(strip_titles(words)[1], _NAME_KEY_ENDING)


def match_fold(text: str) -> str:
    """The evaluation's fold: accents off, case folded, curly apostrophes
    straight, whitespace collapsed; punctuation kept.

    >>> match_fold("  Ukraine’s  Président ")
    "ukraine's president"
    """
    return " ".join(_fold_case(text).translate(_STRAIGHT_QUOTES).split())


def match_key(name: str) -> str:
    """The form in which the evaluation compares names (tests/annotations/README.md):
    no bracketed scope, possessive or punctuation, one leading "the" and then the
    titles dropped, transliteration endings folded."""
    words = _words(_STRAIGHT_POSSESSIVE.sub("", _BRACKETED_SCOPE.sub("", match_fold(name))))
    if words[:1] == ["the"]:
        words = words[1:]
    return _fold_ending(strip_titles(words, MATCH_TITLES)[1], _MATCH_ENDING)


def skeleton(word: str) -> str:
    """A word with transliteration differences folded away.

    >>> skeleton("Aleksei"), skeleton("Alexey"), skeleton("Shchekino")
    ('aleksei', 'aleksei', 'shekino')
    """
    w = fold(word).replace(" ", "")
    for a, b in _SPELLINGS:
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
