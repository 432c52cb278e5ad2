"""Shared helpers over a processed ``Doc``: the bottom of :mod:`extract`.

Every stage module imports from here, and this module imports no stage.
The extensions the pipeline adds are declared once, below:

- ``Span._.kg_name``, ``Span._.kg_geo``, ``Span._.kg_country``: an entity's
  best name, GeoNames id (0: none) and country, set by the typing stage;
- ``Doc._.kg``: the :class:`DocState` of one article, holding what the
  stages share (the article's id, date and dateline, the final entities and
  their index by token, and caches computed once per doc).

>>> DocState().article_id, DocState().dateline
('', ())
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from core.records import Mention, Provenance

from .lexicon import words

#: Articles dropped from the front of a name.
ARTICLES = words("articles")

for _name, _default in (("kg_name", ""), ("kg_geo", 0), ("kg_country", "")):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)
if not Doc.has_extension("kg"):
    Doc.set_extension("kg", default=None)


@dataclass(eq=False)
class DocState:
    """What the stages of one article share, on ``doc._.kg`` (see :func:`state`).

    Set by :mod:`extract.pipeline`: ``article_id``, ``article_date`` and
    ``dateline`` before extraction, ``ents`` and ``entity_index`` while it
    runs. ``typed`` holds the values each typed span was made with (see
    :func:`typed_span`) until typing ends. The rest are caches filled on
    first use.
    """

    article_id: str = ""
    article_date: str = ""
    dateline: tuple[str, ...] = ()
    ents: tuple[Span, ...] | None = None
    entity_index: dict[int, Span] | None = None
    typed: dict[tuple[int, int, str], tuple[str, int, str]] | None = None
    dates: tuple[Span, ...] = ()  # the model's DATE and TIME entities, kept before retyping
    numbers: tuple[Span, ...] = ()  # the model's CARDINAL and QUANTITY entities
    text: str | None = None
    sentence_starts: list[int] | None = None
    sentence_token_starts: list[int] | None = None
    sentences: dict[int, Span] | None = None  # sentence span by its index, see sent_of
    provenances: dict[tuple[str, int, int], Provenance] | None = None  # see provenance
    quotes: list[tuple[int, int]] | None = None
    quoted_stretches: tuple[list[int], list[int]] | None = None  # see inside_quotes
    ents_by_name: dict[str, list[Span]] | None = None  # see named_before
    countries: frozenset[str] | None = None
    country_names: dict[str, frozenset[str]] | None = None  # see extract.places.countries_named_besides
    ent_ends: list[int] | None = None  # token end of each of ``ents``, once they are final
    ent_starts: list[int] | None = None  # character start of each of ``ents``, once they are final
    tallies: dict | None = None  # per-rule running tallies over ``ents`` (see extract.antecedents)
    date_spans: list[tuple[int, int, str]] | None = None
    genders: dict[str, str] | None = None  # person name -> "m"/"f", see extract.genders


#: Where spaCy keeps ``doc._.kg`` in ``doc.user_data``: read there directly, since
#: every rule asks for the state and ``doc._`` makes a new accessor object per access.
_STATE_KEY = ("._.", "kg", None, None)


def state(doc: Doc) -> DocState:
    """The doc's :class:`DocState`, made on first use."""
    data = doc.user_data
    found = data.get(_STATE_KEY)
    if found is None:
        found = data[_STATE_KEY] = DocState()
    return found


# -- text and sentences ---------------------------------------------------------

def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per doc (spaCy rebuilds it from the tokens on every access)."""
    st = state(doc)
    if st.text is None:
        st.text = doc.text
    return st.text


def _sentence_starts(doc: Doc) -> list[int]:
    # Sentence index lookups happen for every record.
    st = state(doc)
    if st.sentence_starts is None:
        st.sentence_starts = [s.start_char for s in doc.sents if s.text.strip()]
    return st.sentence_starts


def _sentence_token_starts(doc: Doc) -> list[int]:
    # Span.sent asks doc.has_annotation, which walks the whole doc: on a long
    # article, thousands of lookups made extraction quadratic.
    st = state(doc)
    if st.sentence_token_starts is None:
        st.sentence_token_starts = [t.i for t in doc if t.is_sent_start or t.i == 0]
    return st.sentence_token_starts


def sent_of(item: Token | Span) -> Span:
    """The sentence of a token or span (the sentence its first token is in), in O(log n)."""
    doc = item.doc
    i = item.i if isinstance(item, Token) else item.start
    starts = _sentence_token_starts(doc)
    k = bisect_right(starts, i) - 1
    st = state(doc)
    if st.sentences is None:
        st.sentences = {}
    found = st.sentences.get(k)
    if found is None:  # made once per sentence: rules ask for the same sentences many times
        end = starts[k + 1] if k + 1 < len(starts) else len(doc)
        found = st.sentences[k] = doc[starts[k] : end]
    return found


def sentence_index(doc: Doc, char: int) -> int:
    return max(bisect_right(_sentence_starts(doc), char) - 1, 0)


def provenance(doc: Doc, start: int, end: int) -> Provenance:
    """Provenance of the character span [start, end) of the doc's article."""
    st = state(doc)
    if st.provenances is None:
        st.provenances = {}
    key = (st.article_id, start, end)
    found = st.provenances.get(key)
    if found is None:  # many records share an entity's span: made once each
        found = st.provenances[key] = _provenance(doc, start, end)
    return found


def _provenance(doc: Doc, start: int, end: int) -> Provenance:
    sent = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    sent = sent_of(sent) if sent is not None else doc[:0]
    return Provenance(
        article_id=state(doc).article_id,
        sentence_index=sentence_index(doc, start),
        start=start,
        end=end,
        # the doc's text, sliced: Span.text would build the sentence token by token, for every record
        sentence=doc_text(doc)[sent.start_char:sent.end_char].strip(),
    )


# -- quotation marks ------------------------------------------------------------

_OPEN_MARKS = "\u201c\u00ab\u201e"
CLOSE_MARKS = "\u201d\u00bb"
_QUOTE_CHARS = re.compile("[" + re.escape(_OPEN_MARKS + CLOSE_MARKS + '"\n') + "]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quotation marks.

    Curly and straight marks may be mixed (“…"); an opening mark with no
    close before a blank line, or before the next opening mark, is dropped,
    so one stray mark never swallows the article.

    >>> quote_spans('He said: “We stay.” Then "go" and "oops')
    [(10, 18), (26, 28)]
    >>> quote_spans('“Mixed marks." “Unclosed. “Closed”')
    [(1, 13), (27, 33)]
    """
    spans: list[tuple[int, int]] = []
    opened = -1
    for found in _QUOTE_CHARS.finditer(text):  # the marks and line breaks only: no other character acts
        i, ch = found.start(), found.group()
        if opened >= 0 and ch == "\n" and text[i - 1 : i] == "\n":
            opened = -1  # a paragraph break closes nothing: drop the mark
        if ch in _OPEN_MARKS:
            opened = i
        elif ch in CLOSE_MARKS or ch == '"':
            if opened >= 0:
                spans.append((opened + 1, i))
                opened = -1
            elif ch == '"':
                opened = i
    return spans


def doc_quotes(doc: Doc) -> list[tuple[int, int]]:
    """:func:`quote_spans` of the doc's text, computed once per doc."""
    st = state(doc)
    if st.quotes is None:
        st.quotes = quote_spans(doc_text(doc))
    return st.quotes


def inside_quotes(doc: Doc, char: int) -> bool:
    """Whether character ``char`` is inside quotation marks: a bisection over the
    quoted stretches (the union of :func:`doc_quotes`), so asking for every word
    of a long article stays linear.

    >>> import spacy
    >>> doc = spacy.blank("en")('He said "we stay" and left.')
    >>> inside_quotes(doc, 10), inside_quotes(doc, 0)
    (True, False)
    """
    st = state(doc)
    if st.quoted_stretches is None:
        starts: list[int] = []
        ends: list[int] = []
        for qs, qe in sorted(doc_quotes(doc)):
            if starts and qs <= ends[-1]:
                ends[-1] = max(ends[-1], qe)
            elif qs < qe:
                starts.append(qs)
                ends.append(qe)
        st.quoted_stretches = starts, ends
    starts, ends = st.quoted_stretches
    i = bisect_right(starts, char) - 1
    return i >= 0 and char < ends[i]


# -- typed entity spans ---------------------------------------------------------

def kg_values(span: Span) -> tuple[str, int, str]:
    """``span._.kg_name``, ``kg_geo`` and ``kg_country``, read where spaCy keeps them (the doc's
    user_data, keyed by the span's characters): ``span._`` makes an accessor object per read."""
    data, start, end = span.doc.user_data, span.start_char, span.end_char
    return (data.get(("._.", "kg_name", start, end), ""), data.get(("._.", "kg_geo", start, end), 0),
            data.get(("._.", "kg_country", start, end), ""))


def _set_kg_values(span: Span, name: str, geo: int, country: str) -> None:
    """``span._.kg_name, span._.kg_geo, span._.kg_country = name, geo, country``, as :func:`kg_values` reads."""
    data, start, end = span.doc.user_data, span.start_char, span.end_char
    data[("._.", "kg_name", start, end)] = name
    data[("._.", "kg_geo", start, end)] = geo
    data[("._.", "kg_country", start, end)] = country


def typed_span(doc: Doc, start: int, end: int, label: str, name: str, geo: int = 0, country: str = "") -> Span:
    span = Span(doc, start, end, label=label)
    _set_kg_values(span, name, geo, country)
    # spaCy keeps span extensions in the doc keyed by offsets, so a candidate dropped later
    # ("PKK" read as a town) overwrites the name of a kept span with the same offsets
    # ("PKK" the organisation); keep each (offsets, type)'s own values for restore_names.
    st = state(doc)
    if st.typed is None:
        st.typed = {}
    st.typed[(start, end, label)] = (name, geo, country)
    return span


def rename(span: Span, name: str) -> None:
    span._.kg_name = name
    st = state(span.doc)
    if st.typed is None:
        st.typed = {}
    st.typed[(span.start, span.end, span.label_)] = (name, span._.kg_geo, span._.kg_country)


def restore_names(doc: Doc) -> None:
    """Give each final entity the values set when its span was made (see typed_span)."""
    st = state(doc)
    values, st.typed = st.typed or {}, None
    for ent in doc.ents:
        if (v := values.get((ent.start, ent.end, ent.label_))) is not None:
            _set_kg_values(ent, *v)


def strip_span(span: Span) -> Span | None:
    """Drop a leading article, a trailing possessive and punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ARTICLES or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


# -- the final entities ----------------------------------------------------------

@contextmanager
def entities_fixed(doc: Doc) -> Iterator[None]:
    """Hold the doc's entities as they are while a block looks back over them many times
    (so :func:`ents` and the caches built on it are made once, not per question); the caches
    are dropped when the block ends, since the entities change after it.

    >>> import spacy
    >>> doc = spacy.blank("en")("Kyiv fell.")
    >>> with entities_fixed(doc):
    ...     state(doc).ents
    ()
    >>> state(doc).ents is None
    True
    """
    st = state(doc)
    st.ents = tuple(doc.ents)
    try:
        yield
    finally:
        st.ents = None
        st.ent_ends = st.ent_starts = st.tallies = st.ents_by_name = None


def ents(doc: Doc) -> tuple[Span, ...]:
    """The doc's entities, cached once typing is done (``doc.ents`` builds new spans on every access)."""
    cached = state(doc).ents
    return cached if cached is not None else tuple(doc.ents)


def entity_at(token: Token) -> Span | None:
    """The entity span holding ``token``."""
    if not token.ent_type_:
        return None
    table = state(token.doc).entity_index
    if table is not None:
        return table.get(token.i)
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


def _bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Token ends and character starts of :func:`ents`, in order (entities do
    not overlap, so both rise): lookups by bisection instead of a scan of
    the article's entities for every word that asks."""
    st = state(doc)
    if st.ent_ends is not None:
        return st.ent_ends, st.ent_starts
    found = ents(doc)
    ends, starts = [e.end for e in found], [e.start_char for e in found]
    if st.ents is not None:  # final: keep
        st.ent_ends, st.ent_starts = ends, starts
    return ends, starts


def ents_ending_by(doc: Doc, token_i: int) -> int:
    """How many of the doc's entities end at or before token ``token_i``."""
    return bisect_right(_bounds(doc)[0], token_i)


def ents_within(doc: Doc, start: int, end: int) -> tuple[Span, ...]:
    """The entities inside characters [start, end)."""
    starts = _bounds(doc)[1]
    return tuple(e for e in ents(doc)[bisect_left(starts, start):bisect_left(starts, end)] if e.end_char <= end)


def ents_before(token: Token) -> list[Span]:
    return list(ents(token.doc)[:ents_ending_by(token.doc, token.i)])


def named_before(doc: Doc, name: str, token_i: int) -> list[Span]:
    """The entities named ``name`` (their ``kg_name``) that end at or before token
    ``token_i``, in order: an index by name, built once the entities are final."""
    st = state(doc)
    index = st.ents_by_name
    if index is None:
        index = {}
        for e in ents(doc):
            index.setdefault(kg_values(e)[0], []).append(e)
        if st.ents is not None:  # final: keep
            st.ents_by_name = index
    found = index.get(name, [])
    return found[:bisect_right([e.end for e in found], token_i)]


def mention(span: Span, confidence: float = 1.0, text: str | None = None, role: str = "") -> Mention:
    """The Mention record for a typed span."""
    name, geo, country = kg_values(span)
    return Mention(
        text=text if text is not None else span.text,
        name=name or span.text,
        type=span.label_,
        provenance=provenance(span.doc, span.start_char, span.end_char),
        confidence=confidence,
        geonames_id=geo,
        country=country,
        role=role,
    )


def token_mention(token: Token, ent: Span, confidence: float) -> Mention:
    """A Mention of ``ent`` made by a token that stands for it ("he", "the city")."""
    name, geo, country = kg_values(ent)
    return Mention(
        text=token.text, name=name or ent.text, type=ent.label_,
        provenance=provenance(token.doc, token.idx, token.idx + len(token.text)),
        confidence=confidence, geonames_id=geo, country=country,
    )
