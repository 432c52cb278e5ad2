"""core.names gives exactly the results of the three normalisers it replaced.

Frozen copies of graph/names.py, newskg/match.py (fold, norm_name) and
core/gazetteer.py (fold_accents), as they were before the merge, live only
here; each new form is compared with its old function over random text and
over the real names and passages of the tuning annotations.
"""
from __future__ import annotations

import json
import re
import unicodedata

import pytest
from support.paths import ROOT
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from core import names

# -- frozen copies (do not edit: they are what "unchanged" means) -------------------------------

_PERSON_TITLES = frozenset(
    """mr mrs ms miss dr sir dame lord lady prof president prime minister general gen major maj
    colonel col lieutenant lt captain capt sergeant sgt admiral king queen prince princess pope
    senator sen rep governor gov mayor chancellor secretary spokesman spokeswoman spokesperson""".split()
)
_GRAPH_TITLES = _PERSON_TITLES | frozenset(["presidents", "the"])
_MATCH_TITLES = _PERSON_TITLES | frozenset(("defence", "defense", "foreign"))
_ACRONYM_SKIP = frozenset(["of", "the", "and", "for", "on", "in", "de", "la", "le", "du", "des"])
_TRANSLIT_ENDINGS = re.compile(r"(?:yy|iy|ii|ij|yi)\b")
_SKELETON_RULES = (
    ("shch", "sh"), ("sch", "sh"), ("tch", "ch"), ("kh", "h"), ("ph", "f"),
    ("ck", "k"), ("x", "ks"), ("w", "v"), ("y", "i"), ("j", "i"),
)


def old_fold(text):
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’`]s\b", "", text)
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def old_strip_titles(words):
    i = 0
    while i < len(words) - 1 and words[i] in _GRAPH_TITLES:
        i += 1
    return words[:i], words[i:]


def old_name_key(name, entity_type=""):
    words = old_fold(name).split()
    if entity_type not in ("Person", ""):
        return " ".join(words)
    key = " ".join(old_strip_titles(words)[1])
    return _TRANSLIT_ENDINGS.sub("y", key)


def old_skeleton(word):
    w = old_fold(word).replace(" ", "")
    for a, b in _SKELETON_RULES:
        w = w.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", w)


def old_name_parts(key):
    return key.replace("-", " ").split()


def _old_word_score(a, b, minimum):
    sa, sb = old_skeleton(a), old_skeleton(b)
    if sa == sb:
        return 100.0
    if min(len(sa), len(sb)) <= 3 or sa[0] != sb[0]:
        return 0.0
    score = fuzz.ratio(sa, sb)
    return score if score >= minimum else 0.0


def old_transliteration_score(a, b):
    pa, pb = old_name_parts(old_fold(a)), old_name_parts(old_fold(b))
    if not pa or len(pa) != len(pb):
        return 0.0
    scores = [_old_word_score(x, y, 80.0) for x, y in zip(pa[:-1], pb[:-1])]
    scores.append(_old_word_score(pa[-1], pb[-1], 90.0))
    return round(min(scores), 1)


def old_blocking_key(key):
    parts = old_name_parts(key)
    return len(parts), old_skeleton(parts[-1])[:1] if parts else ""


def old_acronym_of(name):
    words = [w for w in old_fold(name).split() if w not in _ACRONYM_SKIP]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def old_is_acronym(text):
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def old_match_fold(text):
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


def old_norm_name(name):
    text = old_match_fold(name)
    text = re.sub(r"\s*\([^()]*\)\s*$", "", text)
    text = re.sub(r"'s\b", "", text)
    words = re.sub(r"[^\w]+", " ", text).split()
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[0] in _MATCH_TITLES:
        words = words[1:]
    return " ".join(re.sub(r"(?:yy|iy|ii|yi)$", "y", w) for w in words)


def old_fold_accents(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# -- inputs -----------------------------------------------------------------------------------

def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _real_names() -> list[str]:
    """Every name, alias and passage of the tuning annotations (never the held-out ones)."""
    lines = (ROOT / "tests" / "annotations" / "tuning.jsonl").read_text(encoding="utf-8").splitlines()
    return sorted({s for line in lines if line.strip() for s in _strings(json.loads(line))})


REAL = _real_names()
#: Words that exercise every step: titles, endings, spellings, apostrophes, brackets, accents.
_PIECES = sorted(_GRAPH_TITLES | _MATCH_TITLES | _ACRONYM_SKIP) + [
    "Zelenskyy", "Zelenskiy", "Zelenskij", "Zelenskyi", "Zelenskii", "Shchekino", "Aleksei", "Alexey",
    "Kharkiv", "Phillip", "Jong-un", "Gdańsk", "Président", "Ukraine's", "Ukraine’s", "Ukraine‘s",
    "Ukraine`s", "(Mariupol)", "(", ")", "U.N.", "NATO", "The", "THE", "Mr.", "'s", "’", "‘", "`", "-", "_",
    "iyy", "Iy", "ĳ", "ﬁ", "Straße", "İstanbul", "ǅ", "\u0301", "Ⅻ", "²",
]
_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
_TEXT = st.one_of(
    st.text(_ALPHABET, max_size=40),
    st.lists(st.one_of(st.sampled_from(_PIECES), st.text(_ALPHABET, max_size=6)), max_size=8).map(
        lambda parts: " ".join(parts)),
    st.lists(st.sampled_from(_PIECES + [" ", "  ", "\t", "\n"]), max_size=10).map("".join),
)
_TYPES = st.sampled_from(["", "Person", "Organization", "City", "Place"])


# -- the new forms against the old functions ----------------------------------------------------

@settings(max_examples=600, deadline=None)
@given(_TEXT, _TYPES)
@example("Mr Zelenskyy's", "Person")
@example("the the Pope", "Person")
def test_resolution_forms_are_unchanged(text, entity_type):
    assert names.fold(text) == old_fold(text)
    assert names.name_key(text, entity_type) == old_name_key(text, entity_type)
    assert names.skeleton(text) == old_skeleton(text)
    assert names.name_parts(text) == old_name_parts(text)
    assert names.blocking_key(text) == old_blocking_key(text)
    assert names.acronym_of(text) == old_acronym_of(text)
    assert names.is_acronym(text) == old_is_acronym(text)
    words = old_fold(text).split()
    assert names.strip_titles(words) == old_strip_titles(words)


@settings(max_examples=600, deadline=None)
@given(_TEXT)
@example("the theater (Mariupol)")
@example("the Defence Minister Oleksiy Reznikov's")
@example("Ukraine‘s")
def test_evaluation_forms_are_unchanged(text):
    assert names.match_fold(text) == old_match_fold(text)
    assert names.match_key(text) == old_norm_name(text)
    assert names.fold_accents(text) == old_fold_accents(text)


@settings(max_examples=300, deadline=None)
@given(_TEXT, _TEXT)
@example("Sergey Lavrov", "Sergei Lavrov")
@example("Volodymyr Zelenskiy", "Volodymyr Zelenskyy")
def test_transliteration_score_is_unchanged(a, b):
    assert names.transliteration_score(a, b) == old_transliteration_score(a, b)


def test_real_names_give_the_old_forms():
    assert len(REAL) > 1000
    for text in REAL:
        assert names.fold(text) == old_fold(text), text
        assert names.match_fold(text) == old_match_fold(text), text
        assert names.match_key(text) == old_norm_name(text), text
        assert names.fold_accents(text) == old_fold_accents(text), text
        for entity_type in ("", "Person", "City"):
            assert names.name_key(text, entity_type) == old_name_key(text, entity_type), text
        assert names.skeleton(text) == old_skeleton(text), text
        assert names.blocking_key(names.name_key(text)) == old_blocking_key(old_name_key(text)), text
        assert names.acronym_of(text) == old_acronym_of(text), text
        assert names.is_acronym(text) == old_is_acronym(text), text


@pytest.mark.parametrize("width", [1, 7])
def test_real_name_pairs_score_as_before(width):
    short = [t for t in REAL if len(t) < 40]
    for a, b in zip(short, short[width:]):
        assert names.transliteration_score(a, b) == old_transliteration_score(a, b), (a, b)


def test_the_word_lists_are_the_old_lists():
    assert names.PERSON_TITLES == _PERSON_TITLES
    assert names.NAME_KEY_TITLES == _GRAPH_TITLES
    assert names.MATCH_TITLES == _MATCH_TITLES
    assert names._ACRONYM_SKIP == _ACRONYM_SKIP
    assert names._SPELLINGS == _SKELETON_RULES
