"""Claims beyond counts of people: sums of money, percentages, seats and votes.

"He was given a fine of US$86,000" is a claim of 86,000 USD (counted: USD,
the unit), a fine; "the party won 21.5 percent of the vote" one of 21.5
percent (counted: percent) of the vote; "won 37 seats" a count of seats,
won. The category of a sum or share is what it is (a fine, a market value,
a debt) or a share of, else its verb ("raised", "spent"); that of a count,
its verb. Each has the same claimant
as any figure (the statement that holds it, else the publisher: see
:mod:`extract.claims`). Money and percentages are read from the text, with
their signs and currency words (the lexicons ``currencies`` and
``percent_signs``), since the model's MONEY and PERCENT entities are not
kept; a date is never a count (:func:`extract.figures.day_of_a_date`).

Rule examples are sentences of Wikinews (CC BY 2.5).
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from decimal import Decimal

from spacy.tokens import Doc, Span, Token

from core.records import Claim

from .categories import COUNT_VERBS, written
from .counts import VAGUE, parse_count
from .dates import date_in
from .doc import doc_text, provenance, sent_of, state
from .figures import (
    CLAIMS,
    NO_COUNT_RULES,
    PEOPLE_NOUNS,
    QUALIFIER_RULES,
    SPACED_SCALES,
    STRENGTH,
    number_token,
    scaled,
)
from .lexicon import table, words
from .rules import chain, first, holds, rule

CURRENCIES = table("currencies")
PERCENT_SIGNS = words("percent_signs")
COUNTED_THINGS = words("counted_things")
UNCOUNTED_NOUNS = words("uncounted_nouns")
#: Prepositions that may follow a bare figure whose things are left out ("310 votes to 219", "lost 10 in Wales").
LEFT_OUT_LINKS = words("left_out_links")
PERCENT = "percent"

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
    no such noun, its verb ("raised", "paid")."""
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
        yield _claim(doc, span, value, str(code), _category(span.root), claimant)


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
    verb; each end of a range is a claim."""
    for m in _PERCENT.finditer(doc_text(doc)):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        value = Decimal(m.group("n").replace(",", ""))
        if m.group("a"):  # "8-3/4 pct"
            value += Decimal(m.group("a")) / Decimal(m.group("b"))
        share_of = _object_of(span.root, "of")
        category = share_of or _category(span.root)
        yield _claim(doc, span, value, PERCENT, category, claimant)
        start = _range_start(span[0])
        if start is not None and re.fullmatch(_FIGURE, start.text):
            yield _claim(doc, doc[start.i : start.i + 1], Decimal(start.text.replace(",", "")), PERCENT,
                         category, claimant)


# -- counts of things -------------------------------------------------------------

#: A figure this large counts any plural noun; a smaller one only the ``counted_things``.
LARGE_FIGURE = 100


def counts_a_thing(noun: Token, value: int) -> bool:
    """One of the things news counts ("eight stores"), or with a large figure any plural
    noun ("200,000 tablets"), that is no people, measure, time or currency."""
    lemma = noun.lemma_.lower()
    countable = lemma in COUNTED_THINGS or (value >= LARGE_FIGURE and noun.tag_ in ("NNS", "NNPS"))
    return countable and lemma not in UNCOUNTED_NOUNS and noun.lower_ not in UNCOUNTED_NOUNS \
        and lemma not in PEOPLE_NOUNS and noun.lower_ not in CURRENCIES


@rule(example="Firefighters dispatched around 30 vehicles; personnel reportedly had control of the blaze by 8:00am "
              "local time.")
def thing_of_figure(number: Token, value: int) -> Token | None:
    """The things a number counts: the plural noun it modifies ("30 vehicles",
    "lost a net of 20 seats", "2,000 factory jobs"), the one a range ends on
    ("20 to 25 seats"), or the noun after its "of the" ("shipped a million of
    the phones") or after a vague plural ("thousands of homes"); never in a name ("the Group of 20 nations")."""
    host = number.head if number.dep_ in ("quantmod", "conj") and number.head.like_num else number
    if host.dep_ == "nummod" and host.head.i < host.i:  # "the Tories 198": a figure left without its noun
        return None
    if host.dep_ == "nummod":
        noun = host.head.head if host.head.dep_ == "compound" and host.head.head.pos_ == "NOUN" else host.head
        in_a_name = noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "PROPN"
        return noun if counts_a_thing(noun, value) and not in_a_name else None
    for prep in (c for c in host.children if c.dep_ == "prep" and c.lower_ == "of"):
        noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
        named = any(c.dep_ in ("det", "poss") for c in noun.children) if noun is not None else False
        if noun is not None and noun.tag_ in ("NNS", "NNPS") and (named or host.lower_ in VAGUE) \
                and counts_a_thing(noun, value):
            return noun
    return None


@rule(example="On Sunday, Hong Kongers turned out more than 2.9 million strong to vote in their district-level "
              "elections.")
def strength_figure(number: Token, value: int) -> Token | None:
    """"A 500,000-strong stock of PSPs", "a 3,000-strong force": the figure counts
    the noun "strong" modifies, or the plural after its "of"; "turned out 2.9
    million strong": the subject of the verb."""
    doc = number.doc
    after = doc[number.i + 1 : number.i + 3]
    strong = next((t for t in after if t.lower_ == STRENGTH), None) if after and after[0].text in ("-", STRENGTH) \
        else None
    if strong is None:
        return None
    noun = strong.head if strong.head.pos_ == "NOUN" else \
        next((c for c in strong.head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
    if noun is None:
        return None
    of = [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
          for g in p.children if g.dep_ == "pobj" and g.tag_ in ("NNS", "NNPS")]
    return of[0] if of else noun


@rule(example="The Scottish National Party (SNP) gained 13 seats and Liberal Democrats lost 10.")
def things_left_out(number: Token, value: int) -> Token | None:
    """A bare figure where its things would stand, after a figure of things news
    counts in the same sentence ("gained 13 seats and Liberal Democrats lost
    10", "won 355 seats and the Tories 198", "passed by 310 votes to 219"):
    the things of the nearest such figure before it. A figure with a noun or
    an "of" of its own ("17 out of 18 districts"), a percentage or a sum is
    not bare."""
    doc = number.doc
    after = doc[number.i + 1] if number.i + 1 < len(doc) else None
    if (after is not None and (after.pos_ in ("NOUN", "PROPN", "ADJ", "ADP") and after.lower_ not in LEFT_OUT_LINKS)) \
            or number.dep_ in ("quantmod", "compound") or (number.dep_ == "nummod" and number.head.i > number.i) \
            or any(c.dep_ == "prep" for c in number.children) or _PERCENT.match(doc_text(doc), number.idx):
        return None
    for t in reversed(doc[sent_of(number).start : number.i]):
        if t.like_num and t.dep_ == "nummod" and t.head.i > t.i and t.head.tag_ == "NNS" \
                and t.head.lemma_.lower() in COUNTED_THINGS:
            return t.head
    return None


THING_RULES = CLAIMS.step("thing", (strength_figure, thing_of_figure, things_left_out))




@rule(example="Collins saw compromise as the best way for the two nations to resolve their differences.")
def the_two_of_them(value: int, number: Token, noun: Token):
    """"The two countries", "its two stocks": a pair already named, not a count."""
    return True if value == 2 and any(c.dep_ in ("det", "poss") for c in noun.children) else None


@rule(example="Lockheed Corp has been awarded 165.7 mln dlrs in military contracts, including a 102.4 mln dlr contract "
              "for eight C-130 aircraft for the Air Force Reserve, the Air Force said.")
def figure_of_money(value: int, number: Token, noun: Token):
    """A figure with a currency word or sign beside it ("a 102.4 mln dlr contract"): a sum, no count of things."""
    doc = number.doc
    return True if any(doc[i].lower_ in CURRENCIES for i in (number.i - 1, number.i + 1, number.i + 2)
                       if 0 <= i < len(doc)) else None


@rule(example="Earlier this year, Warholm set a personal best time of 46.92 seconds in the 400 m hurdles, the "
              "second-fastest time recorded in the history of the event.")
def figure_of_a_measure(value: int, number: Token, noun: Token):
    """A figure with a unit of measure after it ("the 400 m hurdles"), or with
    decimals and no scale word ("3.04" in a price table: things are counted
    whole, "2.5 million" is whole): a measure, no count."""
    after = number.nbor(1) if number.i + 1 < len(number.doc) else None
    if re.fullmatch(r"[\d,]*\.\d+", number.text) and (after is None or after.lower_ not in SPACED_SCALES):
        return True
    return True if after is not None and after.i != noun.i and after.lower_ in UNCOUNTED_NOUNS else None


@rule(example="In [the] 2020 Melbourne local government election, I was nominated for the Lord Mayor of Melbourne.")
def year_before_noun(value: int, number: Token, noun: Token):
    """Four digits of a year with no comma before a singular noun ("the 2020
    Melbourne local government election"): a year, which the model may read
    as a number; a count has a plural."""
    return True if 1900 <= value < 2100 and number.text.isdigit() and noun.tag_ in ("NN", "NNP") else None


NO_THING_RULES = CLAIMS.step("no thing count", (the_two_of_them, figure_of_money, figure_of_a_measure, year_before_noun),
                             kind="test")


def _own_verb(noun: Token) -> Token | None:
    """The verb of a passive clause on the noun itself ("cars which were recalled", "jobs cut")."""
    for c in noun.children:
        if c.dep_ == "relcl" and any(g.dep_ == "nsubjpass" for g in c.children):
            return c
        if c.dep_ == "acl" and c.tag_ == "VBN":
            return c
    return None


@rule(example="The Liberal Party, which previously controlled a majority of the House of Commons, lost a net of 20 "
              "seats, according to preliminary reports, resulting in a minority government.")
def thing_count(doc: Doc, claimant: Claimant) -> Iterator[Claim]:
    """A count of things ("lost a net of 20 seats", "2,000 jobs", "shipped three
    million of the phones"): the number of the things it counts, with their
    verb, never a date (a year is the model's DATE) nor a hyphenated modifier;
    a small figure counts only the things news counts ("eight stores"), so
    "the two explosions" is no claim."""
    for span in map(scaled, state(doc).numbers):
        number = number_token(span)
        parsed = parse_count(span.text)
        noun = first(THING_RULES, number, parsed[0]) if parsed is not None else None
        if noun is None or parsed is None or holds(NO_COUNT_RULES, parsed[0], number) \
                or holds(NO_THING_RULES, parsed[0], number, noun):
            continue
        verb = _own_verb(noun) or _verb_above(noun if noun.i > number.i else number)  # "… and Labour lost 42"
        claim = _claim(doc, span, Decimal(parsed[0]), "", verb_category(verb), claimant, counted=_named(noun))
        yield dataclasses.replace(claim, qualifier=parsed[1] or claim.qualifier, amount="")


AMOUNT_RULES = CLAIMS.step("amount", (money_figure, percent_figure, thing_count))


def amount_claims(doc: Doc, claimant: Claimant) -> Iterator[Claim]:
    """Every sum of money, percentage and count of things in the doc, in rule order then text order."""
    yield from chain(AMOUNT_RULES, doc, claimant)
