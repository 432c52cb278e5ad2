"""Claims beyond counts of people: sums of money, percentages, seats and votes.

"The EU pledged €500m for reconstruction" is a claim of 500,000,000 EUR,
for reconstruction, pledged; "the party won 21.5 percent of the vote" one
of 21.5 percent of the vote, won; "won 37 seats" a count of seats. Each
comes with the verb that governs it as its category and the same claimant
as any figure (the statement that holds it, else the publisher: see
:mod:`extract.claims`). Money and percentages are read from the text, with
their signs and currency words (the lexicons ``currencies`` and
``percent_signs``), since the model's MONEY and PERCENT entities are not
kept; a date is never a count (:func:`extract.figures.day_of_a_date`).

Rule examples are sentences of Wikinews (CC BY 2.5).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal

from spacy.tokens import Doc, Span, Token

from core.records import Claim

from .counts import parse_count
from .dates import date_in
from .doc import doc_text, provenance, state
from .figures import CLAIMS, NO_COUNT_RULES, QUALIFIER_RULES, number_token
from .lexicon import table, words
from .rules import chain, first, holds, rule

CURRENCIES = table("currencies")
PERCENT_SIGNS = words("percent_signs")
COUNTED_THINGS = words("counted_things")
PERCENT = "percent"

_FIGURE = r"\d(?:[\d,]*\d)?(?:\.\d+)?"
_SIGNS = "|".join(re.escape(k) for k in sorted(CURRENCIES, key=len, reverse=True) if not k.isalpha())
_WORDS = "|".join(sorted((k for k in CURRENCIES if k.isalpha()), key=len, reverse=True))
_MONEY = re.compile(rf"(?:(?P<sign>{_SIGNS})\s?|\b(?P<code>{_WORDS})\s)(?P<n>{_FIGURE})(?:\s?(?P<s>[a-z]+)\b)?"
                    rf"|\b(?P<n2>{_FIGURE})(?:\s?(?P<s2>[a-z]+))?\s(?P<word>{_WORDS})\b", re.I)
_PERCENT = re.compile(rf"\b(?P<n>{_FIGURE})\s?(?P<p>"
                      + "|".join(re.escape(p) for p in sorted(PERCENT_SIGNS, key=len, reverse=True)) + r")(?!\w)",
                      re.I)

#: Builds a claimant (Mention or None, words) for the figure at [start, end) and its token.
Claimant = Callable[[int, int, Token], "tuple | None"]


def exact(number: str, scale: str) -> Decimal | None:
    """The figure "1.5" with its scale word "bn" as a decimal (1500000000), or None for no scale word."""
    times = parse_count(f"1 {scale}") if scale else (1, "")
    if times is None:
        return None
    return Decimal(number.replace(",", "")) * times[0]


def _plain(d: Decimal) -> str:
    text = format(d, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _verb_above(token: Token) -> Token | None:
    return next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _category(token: Token) -> str:
    """The governing verb as written when past ("pledged", "won"), else its lemma."""
    verb = _verb_above(token)
    if verb is None:
        return "amount"
    return verb.lower_ if verb.tag_ in ("VBD", "VBN") else verb.lemma_.lower()


def _object_of(token: Token, prep: str) -> str:
    """The noun of a ``prep`` phrase on the token or its verb ("for reconstruction", "of the vote")."""
    for host in (token, _verb_above(token)):
        for p in host.children if host is not None else ():
            if p.dep_ == "prep" and p.lower_ == prep:
                pobj = next((c for c in p.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return " ".join(t.lower_ for t in pobj.lefts if t.dep_ == "compound") + (" " if any(
                        t.dep_ == "compound" for t in pobj.lefts) else "") + pobj.lower_
    return ""


def _claim(doc: Doc, span: Span, value: Decimal, unit: str, counted: str, claimant: Claimant) -> Claim:
    longer = first(QUALIFIER_RULES, span)  # "nearly CDN$11,000", "some 400"
    qualifier = doc[longer.start : span.start].text.lower() if longer is not None else ""
    found = claimant(span.start_char, span.end_char, span.root)
    speaker, speaker_text = found if found is not None else (None, "")
    verb = _verb_above(span.root)
    lo = min(span.start_char, verb.idx) if verb is not None else span.start_char
    hi = max(span.end_char, verb.idx + len(verb.text)) if verb is not None else span.end_char
    return Claim(int(value.to_integral_value()), qualifier, counted, _category(span.root), span.text,
                 provenance(doc, lo, hi), None, speaker, speaker_text, 0.8 if found is not None else 0.6,
                 date_in(span.root), unit=unit, amount=_plain(value))


@rule(example="The event raised nearly CDN$11,000 for Pet Patrol, a non-profit rescue organization in "
              "Kitchener-Waterloo, Ontario, run by volunteers.")
def money_figure(doc: Doc, claimant: Claimant) -> Iterator[Claim]:
    """A sum of money ("CDN$11,000", "$1.5bn", "500 million euros"): its value
    in units of its currency, and what it is for ("for Pet Patrol") or what it
    is ("a $10m fine")."""
    for m in _MONEY.finditer(doc_text(doc)):
        number, scale = (m.group("n"), m.group("s")) if m.group("n") else (m.group("n2"), m.group("s2"))
        value = exact(number, scale or "")
        end = m.end()
        if value is None:  # "$5 for …": the word after is no scale
            value, end = exact(number, ""), m.end("n")
        span = doc.char_span(m.start(), end, alignment_mode="expand")
        if span is None or value is None:
            continue
        code = CURRENCIES.get(m.group("sign") or "", "") or CURRENCIES.get((m.group("code") or m.group("word")
                                                                              or "").lower(), "")
        head = span.root
        owner = head.head if head.dep_ in ("compound", "nmod", "amod", "nummod") and head.head.pos_ == "NOUN" \
            and head.head.lower_ not in CURRENCIES else None  # "a $10m fine", not "$45 (42 euros)"
        counted = _object_of(head, "for") or (owner.lower_ if owner is not None else "") or "money"
        yield _claim(doc, span, value, str(code), counted, claimant)


@rule(example="Sanders, a Senator from Vermont, won the Democratic primary with 25.7% of the vote.")
def percent_figure(doc: Doc, claimant: Claimant) -> Iterator[Claim]:
    """A percentage ("21.5 percent of the vote", "fell 12%"): its value and what
    it is a share of ("the vote"); a share of nothing named is of "share"."""
    for m in _PERCENT.finditer(doc_text(doc)):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        value = Decimal(m.group("n").replace(",", ""))
        yield _claim(doc, span, value, PERCENT, _object_of(span.root, "of") or "share", claimant)


@rule(example="The Liberal Party, which previously controlled a majority of the House of Commons, lost a net of 20 "
              "seats, according to preliminary reports, resulting in a minority government.")
def thing_count(doc: Doc, claimant: Claimant) -> Iterator[Claim]:
    """A count of things news counts ("lost a net of 20 seats", "2,000 jobs"): the
    number of the noun it modifies, never a date nor a hyphenated modifier."""
    for span in state(doc).numbers:
        number = number_token(span)
        if number.dep_ != "nummod" or number.head.lemma_.lower() not in COUNTED_THINGS:
            continue
        parsed = parse_count(span.text)
        if parsed is None or holds(NO_COUNT_RULES, parsed[0], number):
            continue
        claim = _claim(doc, span, Decimal(parsed[0]), "", number.head.lower_, claimant)
        yield Claim(claim.value, parsed[1] or claim.qualifier, claim.counted, claim.category, claim.text,
                    claim.provenance, None, claim.claimant, claim.claimant_text, claim.confidence, claim.date)


AMOUNT_RULES = CLAIMS.step("amount", (money_figure, percent_figure, thing_count))


def amount_claims(doc: Doc, claimant: Claimant) -> Iterator[Claim]:
    """Every sum of money, percentage and count of things in the doc, in rule order then text order."""
    yield from chain(AMOUNT_RULES, doc, claimant)
