"""Small helpers over spaCy docs shared by the extractors."""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from core.records import Provenance
from core.titles import PERSON_TITLES

#: Titles stripped from names in extraction: the shared ones, plus offices and honorifics
#: that precede names in news ("Treasurer Peter Costello", "Foreign Secretary Jack Straw").
TITLE_WORDS = PERSON_TITLES | frozenset(
    "treasurer archbishop bishop cardinal crown speaker judge ambassador foreign home deputy vice".split()
)


def _sentence_starts(doc: Doc) -> list[int]:
    # Cached on the doc: sentence index lookups happen for every record.
    starts = doc.user_data.get("kg_sent_starts")
    if starts is None:
        starts = [s.start_char for s in doc.sents if s.text.strip()]
        doc.user_data["kg_sent_starts"] = starts
    return starts


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per doc (spaCy rebuilds it from the tokens on every access)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def _sentence_token_starts(doc: Doc) -> list[int]:
    # Span.sent asks doc.has_annotation, which walks the whole doc: on a long
    # article, thousands of lookups made extraction quadratic. Ints only, so
    # user_data stays serialisable.
    starts = doc.user_data.get("kg_sent_token_starts")
    if starts is None:
        starts = [t.i for t in doc if t.is_sent_start or t.i == 0]
        doc.user_data["kg_sent_token_starts"] = starts
    return starts


def sent_of(item: Token | Span) -> Span:
    """The sentence of a token or span (the sentence its first token is in), in O(log n)."""
    doc = item.doc
    i = item.i if isinstance(item, Token) else item.start
    starts = _sentence_token_starts(doc)
    k = bisect_right(starts, i) - 1
    end = starts[k + 1] if k + 1 < len(starts) else len(doc)
    return doc[starts[k] : end]


def sentence_index(doc: Doc, char: int) -> int:
    return max(bisect_right(_sentence_starts(doc), char) - 1, 0)


def provenance(doc: Doc, start: int, end: int) -> Provenance:
    """Provenance of the character span [start, end) of the doc's article."""
    sent = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    sent = sent_of(sent) if sent is not None else doc[:0]
    return Provenance(
        article_id=doc.user_data.get("kg_article_id", ""),
        sentence_index=sentence_index(doc, start),
        start=start,
        end=end,
        sentence=sent.text.strip(),
    )


def strip_span(span: Span) -> Span | None:
    """Drop a leading "the", a trailing possessive and punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None
