"""Claims beyond counts of people: sums of money and percentages.

"He was given a fine of US$86,000" is a claim of 86,000 USD (counted: USD,
the unit), a fine; "the party won 21.5 percent of the vote" one of 21.5
percent (counted: percent) of the vote. The category of a sum or share is
what it is (a fine, a market value, a debt), what it is the level of
("profits rose to £1.2bn") or a share of, else its verb ("raised",
"spent"). Counts of things ("won 37 seats") are :mod:`extract.things`,
sums of no known currency :mod:`extract.sums`. Each has the same claimant
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

from .categories import COUNT_VERBS, written
from .counts import parse_count
from .dates import date_in
from .doc import doc_text, provenance
from .figures import CLAIMS, QUALIFIER_RULES, SPACED_SCALES
from .lexicon import table, words
from .rules import first, rule

CURRENCIES = table("currencies")
PERCENT_SIGNS = words("percent_signs")
LEVEL_VERBS = words("level_verbs")
PERCENT = "percent"
RATE = "exchange rate"

_FIGURE = r"\d(?:[\d,]*\d)?(?:\.\d+)?"
_SIGNS = "|".join(re.escape(k) for k in sorted(CURRENCIES, key=len, reverse=True) if not k.isalpha())
_WORDS = "|".join(sorted((k for k in CURRENCIES if k.isalpha()), key=len, reverse=True))
_MONEY = re.compile(rf"(?:(?P<sign>{_SIGNS})\s?|\b(?P<code>{_WORDS})\s)(?P<n>{_FIGURE})(?:\s?(?P<s>[a-z]+)\b)?"
                    rf"|\b(?P<n2>{_FIGURE})(?:\s?(?P<s2>[a-z]+))?\s(?P<word>{_WORDS})\b", re.I)
_PERCENT = re.compile(rf"(?<![/\d.,])\b(?P<n>{_FIGURE})(?:-(?P<a>\d)/(?P<b>\d+))?\s?(?P<p>"
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


def verb_category(verb: Token | None) -> str:
    """A verb as a category: as written when past ("pledged", "laid off"), else its
    lemma, with its particle; a verb that only has or is a figure gives "amount"."""
    return "amount" if verb is None or verb.lemma_.lower() in COUNT_VERBS else written(verb)


def _named(noun: Token) -> str:
    """A noun with the nouns compounded right before it ("market value", "factory jobs")."""
    start = noun.i
    while start > 0 and noun.doc[start - 1].dep_ == "compound" and noun.doc[start - 1].head.i == noun.i \
            and noun.doc[start - 1].pos_ == "NOUN" and noun.doc[start - 1].lower_ not in PERCENT_SIGNS \
            and noun.doc[start - 1].lower_ not in CURRENCIES and noun.doc[start - 1].lower_ not in SPACED_SCALES:
        start -= 1
    return noun.doc[start : noun.i + 1].text.lower()


def _thing_it_is(token: Token) -> Token | None:
    """The noun a sum or share is the figure of: the noun it modifies ("a $10m
    fine", "the $2bn debt"), the noun it is "of" ("a fine of US$86,000", "a
    market value of $3bn") or in apposition to ("a record fine, £5,000")."""
    head = token.head
    if token.dep_ in ("compound", "nmod", "amod", "nummod") and head.pos_ == "NOUN" \
            and head.lower_ not in CURRENCIES:
        return head
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return head.head
    if token.dep_ == "appos" and not head.like_num and head.lower_ not in CURRENCIES and head.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "pobj"):
        return head
    return None


def _category(token: Token) -> str:
    """What a sum is ("fine", "market value", "aid package"), else its verb ("paid", "raised")."""
    thing = _thing_it_is(token)
    return _named(thing) if thing is not None else verb_category(_verb_above(token))


def _measured(token: Token) -> Token | None:
    """The subject a sum is the level of ("profits rose to £1.2bn", "the trade gap
    was 700 mln dlrs"): the noun subject of a verb of being or change (the
    ``level_verbs`` lexicon)."""
    verb = _verb_above(token)
    if verb is None or verb.lemma_.lower() not in LEVEL_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"
                 and c.lower_ not in PERCENT_SIGNS and c.lower_ not in CURRENCIES), None)


def _object_of(token: Token, prep: str) -> str:
    """The noun of a ``prep`` phrase on the token or its verb ("of the vote"), with its compounds."""
    for host in (token, _verb_above(token)):
        for p in host.children if host is not None else ():
            if p.dep_ == "prep" and p.lower_ == prep:
                pobj = next((c for c in p.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return _named(pobj)
    return ""


def _claim(doc: Doc, span: Span, value: Decimal, unit: str, category: str, claimant: Claimant,
           counted: str = "") -> Claim:
    """A claim of a sum or share in ``unit``; what it counts is its unit unless ``counted`` says."""
    longer = first(QUALIFIER_RULES, span)  # "nearly CDN$11,000", "some 400"
    said = parse_count(f"{doc[longer.start : span.start].text} 1") if longer is not None else None
    qualifier = said[1] if said is not None else ""  # "an estimated" is "estimated", as for people
    found = claimant(span.start_char, span.end_char, span.root)
    speaker, speaker_text = found if found is not None else (None, "")
    verb = _verb_above(span.root)
    lo = min(span.start_char, verb.idx) if verb is not None else span.start_char
    hi = max(span.end_char, verb.idx + len(verb.text)) if verb is not None else span.end_char
    return Claim(int(value.to_integral_value()), qualifier, counted or unit, category, span.text,
                 provenance(doc, lo, hi), None, speaker, speaker_text, 0.8 if found is not None else 0.6,
                 date_in(span.root), unit=unit, amount=_plain(value))


@rule(example="He was given a fine of US$86,000.")
def money_figure(doc: Doc, claimant: Claimant) -> Iterator[Claim]:
    """A sum of money ("CDN$11,000", "$1.5bn", "500 million euros"): its value
    in units of its currency, which is what it counts, and what it is ("a
    fine of US$86,000", "a $10m fine", "a market value of $3bn") or, with
    no such noun, what it is the level of ("profits rose to £1.2bn":
    profits), else its verb ("raised", "paid"); a price of one currency in
    another ("yen 154.65/dlr") is an exchange rate, and a capitalised currency
    word before a year ("Euro 2004") is a name, no sum."""
    for m in _MONEY.finditer(doc_text(doc)):
        number, scale = (m.group("n"), m.group("s")) if m.group("n") else (m.group("n2"), m.group("s2"))
        value = exact(number, scale or "")
        end = m.end()
        if value is None:  # "$5 for …": the word after is no scale
            value, end = exact(number, ""), m.end("n")
        span = doc.char_span(m.start(), end, alignment_mode="expand")
        if span is None or value is None:
            continue
        word = m.group("code") or ""
        if word[:1].isupper() and re.fullmatch(r"(19|20)\d\d", number) and value == Decimal(number):
            continue  # "Euro 2004": a name with a year, no sum
        code = CURRENCIES.get(m.group("sign") or "", "") or CURRENCIES.get((word or m.group("word") or "").lower(), "")
        per = re.match(r"/(\w+)", doc_text(doc)[end:])  # "yen 154.65/dlr": a rate of exchange
        level = _measured(span.root) if _thing_it_is(span.root) is None else None
        category = RATE if per and per.group(1).lower() in CURRENCIES else \
            _named(level) if level is not None else _category(span.root)
        yield _claim(doc, span, value, str(code), category, claimant)


def _range_start(number: Token) -> Token | None:
    """The first figure of a range ending at ``number`` ("between 20 and 25 pct", "20 to 25")."""
    doc = number.doc
    before = doc[number.i - 2] if number.i >= 2 else None
    if before is None or not before.like_num:
        return None
    joined = (number.dep_ == "conj" and number.head.i == before.i) or (before.dep_ == "quantmod"
                                                                        and before.head.i == number.i)
    return before if joined else None


@rule(example="Sanders, a Senator from Vermont, won the Democratic primary with 25.7% of the vote.")
def percent_figure(doc: Doc, claimant: Claimant) -> Iterator[Claim]:
    """A percentage ("21.5 percent of the vote", "fell 12%", "between 20 and 25
    pct"): its value, in percent, and what it is a share of ("the vote"), else
    the noun it is the figure of ("a fall of 10 percent"), else its
    verb, or what a verb of being gives it as the level of ("turnout was
    61.4%": turnout); each end of a range is a claim."""
    for m in _PERCENT.finditer(doc_text(doc)):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        value = Decimal(m.group("n").replace(",", ""))
        if m.group("a"):  # "8-3/4 pct"
            value += Decimal(m.group("a")) / Decimal(m.group("b"))
        share_of = _object_of(span.root, "of")
        category = share_of or _category(span.root)
        level = _measured(span.root) if category == verb_category(None) else None
        category = _named(level) if level is not None else category  # "turnout was 61.4%": turnout
        yield _claim(doc, span, value, PERCENT, category, claimant)
        start = _range_start(span[0])
        if start is not None and re.fullmatch(_FIGURE, start.text):
            yield _claim(doc, doc[start.i : start.i + 1], Decimal(start.text.replace(",", "")), PERCENT,
                         category, claimant)


AMOUNT_RULES = CLAIMS.step("amount", (money_figure, percent_figure))
