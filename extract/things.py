"""Counts of things: seats, votes, jobs, stores, shares, cases ("won 37 seats").

A number counts the plural noun it modifies, the things after its "of"
("a million of the phones", "thousands of homes"), the noun "strong" makes
it the strength of ("a 500,000-strong stock"), or, left bare, the things
the sentence has just counted ("gained 13 seats and Liberal Democrats lost
10"). A small figure counts only the things news counts (the lexicon
``counted_things``); a measure, a year, a sum or a pair already named is no
count. The category is what a noun says happened to the things ("attacks on
252 cities"), else their verb; the claimant is found as for any figure
(:mod:`extract.claims`).

Rule examples are sentences of Wikinews (CC BY 2.5) and Reuters.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from decimal import Decimal

from spacy.tokens import Doc, Token

from core.records import Claim

from .amounts import _PERCENT, CURRENCIES, LEVEL_VERBS, Claimant, _claim, _named, _verb_above, verb_category
from .counts import VAGUE, parse_count
from .doc import doc_text, sent_of, state
from .figures import CLAIMS, NO_COUNT_RULES, PEOPLE_NOUNS, SPACED_SCALES, STRENGTH, TALLY_NOUNS, number_token, scaled
from .lexicon import words
from .rules import first, holds, rule

COUNTED_THINGS = words("counted_things")
UNCOUNTED_NOUNS = words("uncounted_nouns")
#: Prepositions that may follow a bare figure whose things are left out ("310 votes to 219", "lost 10 in Wales").
LEFT_OUT_LINKS = words("left_out_links")
TARGET_PREPS = words("thing_target_preps")
#: Prepositions of the level a count reaches: "rose to 58", "fell by 30".
LEVEL_PREPS = words("level_preps")

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
    skip = 2 if number.i + 1 < len(doc) and doc[number.i + 1].lower_ in SPACED_SCALES else 1  # "won 50.29 mln,"
    after = doc[number.i + skip] if number.i + skip < len(doc) else None
    if (after is not None and (after.pos_ in ("NOUN", "PROPN", "ADJ", "ADP") and after.lower_ not in LEFT_OUT_LINKS)) \
            or number.dep_ in ("quantmod", "compound") or (number.dep_ == "nummod" and number.head.i > number.i) \
            or any(c.dep_ == "prep" for c in number.children) or _PERCENT.match(doc_text(doc), number.idx):
        return None
    for t in reversed(doc[sent_of(number).start : number.i]):
        if t.like_num and t.dep_ == "nummod" and t.head.i > t.i and t.head.tag_ == "NNS" \
                and t.head.lemma_.lower() in COUNTED_THINGS:
            return t.head
    return None


@rule(example="On Thursday officials reported the number of cases in the outbreak rose to 58.")
def level_of_the_subject(number: Token, value: int) -> Token | None:
    """A bare figure a count rose or fell to ("the number of cases … rose to
    58", "casualties increased to 167"): the things the subject counts (the
    plural after "the number of", or a plural subject of things news counts
    or of people), never a singular level ("the temperature rose to 40")."""
    verb = number.head.head if number.dep_ == "pobj" and number.head.lower_ in LEVEL_PREPS else None
    if verb is None or verb.lemma_.lower() not in LEVEL_VERBS:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
    if subject is not None and subject.lemma_.lower() in TALLY_NOUNS:
        subject = next((g for p in subject.children if p.dep_ == "prep" and p.lower_ == "of"
                        for g in p.children if g.dep_ == "pobj" and g.tag_ == "NNS"), None)
        return subject
    if subject is not None and subject.tag_ == "NNS" and (subject.lemma_.lower() in COUNTED_THINGS
                                                          or subject.lemma_.lower() in PEOPLE_NOUNS):
        return subject
    return None


THING_RULES = CLAIMS.step("thing", (strength_figure, thing_of_figure, things_left_out, level_of_the_subject))




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


def _thing_category(noun: Token, verb: Token | None) -> str:
    """What happened to the things: the noun whose phrase they are in ("its
    attacks on 252 cities … killed 6,000 people": attacks, not killed), else
    their verb ("closed", "won")."""
    prep = noun.head if noun.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in TARGET_PREPS and prep.head.pos_ == "NOUN" and not _own_verb(noun):
        return _named(prep.head)
    return verb_category(verb)


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
        claim = _claim(doc, span, Decimal(parsed[0]), "", _thing_category(noun, verb), claimant, counted=_named(noun))
        yield dataclasses.replace(claim, qualifier=parsed[1] or claim.qualifier, amount="")


THING_COUNT_RULES = CLAIMS.step("thing count", (thing_count,))
