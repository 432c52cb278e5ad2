"""Sums of money whose currency the text does not give: "spending 805 million (…)".

A scraped page may lose its pound sign ("spending 805 million ($1 billion;
944 million euros)"), and a currency may be one the ``currencies`` lexicon
does not know ("900 million złotys (181 million pounds)"). A figure with a
scale word is still a sum when a sum in a known currency follows it in
brackets (the conversion), or when it is what a verb of money spends, pays,
raises or costs, or what a sale is "for" (the ``sum_verbs`` lexicon). Its
unit is then unknown (""), what it counts is "money" (or the currency word
written after it), its category is its verb, as for any sum
(:mod:`extract.amounts`).

Rule examples are sentences of Wikinews (CC BY 2.5).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from spacy.tokens import Doc, Span, Token

from core.records import Claim

from .counts import SCALES
from .amounts import _FIGURE, _MONEY, AMOUNT_RULES, Claimant, _claim, _verb_above, exact, verb_category
from .doc import doc_text
from .figures import CLAIMS, PEOPLE_NOUNS, SPACED_SCALES
from .lexicon import words
from .rules import chain, rule
from .things import THING_COUNT_RULES

#: Verbs whose object, or whose "for", is a sum of money: "spending 805 million", "paid 5 million for it".
SUM_VERBS = words("sum_verbs")
#: Verbs of a sale, whose "for" is a sum: "acquired One Kingdom Street for 292 million".
SALE_VERBS = words("sale_verbs")
_PRICE_VERBS = SUM_VERBS | SALE_VERBS
#: Words for the sum itself, when the currency is unknown.
MONEY = "money"
_SCALED = re.compile(rf"(?<![\w$£€¥.,])(?P<n>{_FIGURE})\s?(?P<s>[a-z]+)\b", re.I)


def _conversion_after(text: str, end: int) -> bool:
    """A sum in a known currency in brackets right after ``end``: "805 million ($1 billion; …)"."""
    m = re.match(r"\s*\(", text[end:])
    return m is not None and _MONEY.match(text, end + m.end()) is not None


def _spent(root: Token) -> bool:
    """The figure is what a verb of money spends, pays or costs, or what something was bought or sold "for"."""
    head = root.head
    if root.dep_ in ("dobj", "attr", "npadvmod") and head.lemma_.lower() in SUM_VERBS:
        return True  # "spending 805 million"; but "sold 3 mln" may be shares
    return root.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in _PRICE_VERBS


@rule(example="The sale price, to be payed in cash, is 900 million złotys (181 million pounds).")
def sum_in_an_unknown_currency(doc: Doc, claimant: Claimant) -> Iterator[Claim]:
    """A figure with a scale word and no known currency that is a sum: one
    converted in brackets ("spending 805 million ($1 billion; 944 million
    euros)", "900 million złotys (181 million pounds)") or one a verb of money
    takes ("acquired One Kingdom Street for 292 million"); never one that
    counts a noun after it ("805 million people") unless a conversion says so."""
    text = doc_text(doc)
    sums = [range(m.start(), m.end()) for m in _MONEY.finditer(text)]
    for m in _SCALED.finditer(text):
        scale = m.group("s").lower()
        attached = m.end("n") == m.start("s")  # "292m", but "400 m" is a distance
        if not (scale in SPACED_SCALES or (attached and scale in SCALES)) or any(m.start() in r for r in sums):
            continue
        value = exact(m.group("n"), scale)
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if value is None or span is None:
            continue
        after = span[-1].nbor(1) if span[-1].i + 1 < len(doc) else None
        written = after if after is not None and after.pos_ in ("NOUN", "PROPN") and span[-1].head.i == after.i \
            else None  # the word after the figure, of which it is the number ("900 million złotys")
        noun = span.root.head if span.root.dep_ == "nummod" else written
        last = written or span[-1]
        converted = _conversion_after(text, last.idx + len(last.text))
        if not converted and (noun is not None or not _spent(span.root)):
            continue
        if noun is not None and noun.lemma_.lower() in PEOPLE_NOUNS:
            continue
        counted = noun.lower_ if noun is not None else MONEY
        yield _sum(doc, span, value, counted, claimant)


def _sum(doc: Doc, span: Span, value: Decimal, counted: str, claimant: Claimant) -> Claim:
    return _claim(doc, span, value, "", verb_category(_verb_above(span.root)), claimant, counted=counted)


SUM_RULES = CLAIMS.step("unknown currency", (sum_in_an_unknown_currency,))


def all_amounts(doc: Doc, claimant: Claimant) -> Iterator[Claim]:
    """Every sum and percentage (:mod:`extract.amounts`), count of things
    (:mod:`extract.things`), then the sums of no known currency."""
    yield from chain(AMOUNT_RULES, doc, claimant)
    yield from chain(THING_COUNT_RULES, doc, claimant)
    yield from chain(SUM_RULES, doc, claimant)
