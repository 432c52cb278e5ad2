"""The figures of numeric claims, and the people they count.

A figure is a number the model found, or the number a death toll comes to;
a qualifier the model left out goes with it ("some 400"). It counts people
when it modifies (or, "tens of thousands of …", governs) a people noun, or
stands alone where the people would ("About 3.4 million have fled").

This is the lowest module of the claims stage, so the stage's registry
lives here: :mod:`extract.categories`, :mod:`extract.claim_places` and
:mod:`extract.claims` add their steps to it.

Rule examples are sentences of real news: the seeds, the Guardian and Wikinews (CC BY 2.5).
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from .counts import QUALIFIERS, SCALES, VAGUE, WORD_ONLY_SCALES
from .dates import resolve_date
from .doc import sent_of, state
from .lexicon import words
from .rules import chain, first, registry, rule

CLAIMS = registry("claims", "counts of people: the figure, what is counted, what happened to them, where, by whom")

#: Lemmas of nouns that count people.
PEOPLE_NOUNS = words("people_nouns")
TOTAL_NOUNS = words("total_nouns")
TALLY_NOUNS = words("tally_nouns")
TOLL_FIGURE_PREPS = words("toll_figure_preps")
MORE_WORDS = words("more_words")
FIGURE_DEPS = ("nsubj", "nsubjpass", "dobj")
#: "a 500,000-strong stock", "a 3,000-strong force": the hyphenated word that makes a figure a count.
STRENGTH = "strong"
ANY_DAY = "2000-01-01"  # a reference day for an article with no date: only whether a day is named matters


def number_token(span: Span) -> Token:
    """The number itself, not a qualifier the parser made the head ("an estimated 100,000")."""
    return next((t for t in reversed(span) if t.like_num or t.lower_ in VAGUE or t.lower_ == "dozen"), span.root)


# -- figures ----------------------------------------------------------------------

@rule(example="The death toll from a weekend Russian missile attack on a residential apartment block in Chasiv "
              "Yar, eastern Ukraine, rose to at least 45 on Tuesday.")
def toll_figure(doc: Doc) -> Iterator[tuple[int, Token]]:
    """The number a toll comes to, with the toll: "the death toll rose to 31", "a
    toll of 31", "increasing the death toll from fourteen to 31" (the new figure,
    not the old). The model may read "fourteen to 31" as a date, so these
    numbers need no NER label."""
    for toll in (t for t in doc if t.lemma_.lower() == "toll"):
        hosts = [toll, toll.head] if toll.dep_ in FIGURE_DEPS else [toll]
        preps = [p for h in hosts for p in h.children if p.dep_ == "prep"]
        preps += [q for p in preps for q in p.children if q.dep_ == "prep"]  # "from 14 to 31"
        for p in preps:
            if p.lower_ in TOLL_FIGURE_PREPS:
                yield from ((g.i, toll) for g in p.children if g.dep_ == "pobj" and g.like_num)


TOLL_RULES = CLAIMS.step("toll", (toll_figure,))


def tolls_of(doc: Doc) -> dict[int, Token]:
    """Number token -> the toll it is the figure of (the last toll that names it)."""
    return dict(chain(TOLL_RULES, doc))


#: Scale words that may stand apart after digits ("68.9 mln ballots"); a letter alone ("400 m") is a unit.
SPACED_SCALES = frozenset(s for s in SCALES if s not in WORD_ONLY_SCALES and len(s) > 1)


def scaled(span: Span) -> Span:
    """The number with the scale word the model may leave out after its digits
    ("68.9 mln ballots" is 68,900,000 ballots, not 69)."""
    doc = span.doc
    last = span[-1]
    if last.i + 1 < len(doc) and last.text[:1].isdigit() and doc[last.i + 1].lower_ in SPACED_SCALES:
        return doc[span.start : last.i + 2]
    return span


@rule(example="Kiev says 100,000 civilians are still inside the city and need to be evacuated.")
def number_of_the_model(doc: Doc, tolls: dict[int, Token]) -> Iterator[Span]:
    """The numbers the model found (its CARDINAL and QUANTITY entities), with a
    scale word it left out ("68.9 mln ballots")."""
    yield from (scaled(s) for s in state(doc).numbers)


@rule(example="Rescue work resumed on Wednesday, with additional bodies recovered increasing the confirmed death "
              "toll from fourteen to 31.")
def toll_number(doc: Doc, tolls: dict[int, Token]) -> Iterator[Span]:
    """The number of a toll the model did not find as a number."""
    covered = {i for s in state(doc).numbers for i in range(s.start, s.end)}
    yield from (doc[i : i + 1] for i in tolls if i not in covered)


FIGURE_RULES = CLAIMS.step("figure", (number_of_the_model, toll_number))


def figures(doc: Doc, tolls: dict[int, Token]) -> list[Span]:
    """Every figure of the doc, in text order."""
    return sorted(chain(FIGURE_RULES, doc, tolls), key=lambda s: s.start)


@rule(example="On March 20, an attack destroyed an art school sheltering some 400 people in the city.")
def qualifier_before_number(span: Span):
    """A qualifier right before the model's number, which the model may leave
    out ("some 400 people"): the figure with it."""
    doc = span.doc
    for n in (3, 2, 1):
        start = span.start - n
        if start >= 0 and doc[start:span.start].text.lower() in QUALIFIERS:
            return doc[start : span.end]
    return None


QUALIFIER_RULES = CLAIMS.step("qualifier", (qualifier_before_number,))


@rule(example="One man was also killed and another injured in shelling early on Monday in Kharkiv, which continues "
              "to be shelled regularly.")
def one_is_no_count(value: int, number: Token):
    """A figure below two: "One man" is a person, not a count."""
    return True if value < 2 else None


@rule(example="Zelenskiy said a wounded seven-year-old girl was pulled from the rubble of a nine-storey apartment "
              "block in Kyiv.")
def hyphenated_modifier(value: int, number: Token):
    """A number joined by a hyphen to the next word is a modifier: "two-child
    families", "a 35-hour siege"; but "a 500,000-strong stock" counts."""
    doc = number.doc
    joined = not number.whitespace_ and number.i + 2 < len(doc) and number.nbor(1).text == "-"
    return True if joined and number.nbor(2).lower_ != STRENGTH else None


@rule(example="23 Jul 2022 23.50 Two US citizens recently died in the Donbas region of eastern Ukraine, CNN reported "
              "on Saturday, citing a U.S. State Department spokesperson.")
def day_of_a_date(value: int, number: Token):
    """A number that is the day of a date with the month next to it ("23 Jul
    2022", "July 23"): a date, never a count, whatever the parser hangs it on."""
    doc = number.doc
    ref = state(doc).article_date or ANY_DAY
    for lo, hi in ((number.i - 1, number.i), (number.i + 1, number.i + 2)):
        if 0 <= lo < hi <= len(doc) and resolve_date(doc[min(lo, number.i) : max(hi, number.i + 1)].text, ref) \
                and not resolve_date(doc[lo:hi].text, ref):  # the day needs the number ("Today 156" is no date)
            return True
    return None


NO_COUNT_RULES = CLAIMS.step("no count", (one_is_no_count, hyphenated_modifier, day_of_a_date), kind="test")


# -- the people counted -----------------------------------------------------------

@rule(example="City authorities said 130 people were rescued but many more could remain under the debris.")
def people_noun_counted(number: Token):
    """A people noun the number modifies ("79 Mariupol residents"): the people counted, and the phrase's head."""
    if number.dep_ == "nummod" and number.head.lemma_.lower() in PEOPLE_NOUNS:
        return number.head, number.head
    return None


@rule(example="Ukraine estimates that tens of thousands of civilians died in the city during nearly two months of "
              "Russian bombing and siege.")
def people_after_of(number: Token):
    """A people noun after the number's "of" ("tens of thousands of
    civilians"): the people counted."""
    for prep in number.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if noun is not None and noun.lemma_.lower() in PEOPLE_NOUNS:
                return noun, number
    return None


@rule(example="A total of 39 are confirmed dead, officials told state media, adding that rescuers ended their work "
              "yesterday.")
def total_of_figure(number: Token):
    """The total a figure is of ("A total of 39 are confirmed dead"): no people
    noun, and the total stands in the clause where the number would."""
    if number.dep_ == "pobj" and number.head.lower_ == "of" and number.head.head.lemma_.lower() in TOTAL_NOUNS:
        return None, number.head.head
    return None


@rule(example="Officials said it killed nine people and injured at least 50 more.")
def more_of_the_same(number: Token):
    """"50 more" where the people would stand ("injured at least 50 more"): no
    people noun, and "more" stands in the clause where the number would (the
    people come from the phrase it is joined to)."""
    if number.dep_ == "nummod" and number.head.lower_ in MORE_WORDS and number.head.dep_ in FIGURE_DEPS:
        return None, number.head
    return None


COUNTED_RULES = CLAIMS.step("counted", (people_noun_counted, people_after_of, total_of_figure, more_of_the_same))


def counted_by(number: Token) -> tuple[Token | None, Token]:
    """(people noun or None, the token whose head chain leads to the verb)."""
    found = first(COUNTED_RULES, number)
    return found if found is not None else (None, number)


@rule(example="The United Nations and the Red Cross say the number of civilian casualties is still unknown, but it "
              "is at least in the thousands.")
def toll_in_vague_figure(span: Span):
    """A vague plural after "in the" counts what the sentence's "number of" or
    "toll" names ("the number of civilian casualties … is at least in the
    thousands"), with the qualifier before it."""
    doc = span.doc
    if span.root.lower_ not in VAGUE or span.root.i < 2 or doc[span.root.i - 2 : span.root.i].text.lower() != "in the":
        return None
    counted = next((g for t in sent_of(span.root) if t.lemma_.lower() in TALLY_NOUNS
                    for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children if g.dep_ == "pobj" and g.lemma_.lower() in PEOPLE_NOUNS), None)
    if counted is None:
        return None
    before = doc[max(span.root.i - 4, 0) : span.root.i - 2].text.lower()
    return counted, next((q for q in QUALIFIERS if before.endswith(q)), "")


VAGUE_TOLL_RULES = CLAIMS.step("vague toll", (toll_in_vague_figure,))


@rule(example="An apartment block and beach hotel in Serhiivka, 50km south of Odesa, was hit on 1 July, killing 21 "
              "people and injuring 35.")
def people_noun_left_out(noun: Token | None, gov: Token | None, subject: bool):
    """The people noun a bare figure leaves out, in the same slot of its verb or
    of the verb it is joined to ("killed 21 civilians and injured 27"; "Three
    civilians were killed in X, and another three in Y")."""
    if noun is not None or gov is None or not subject:
        return None
    for verb in (gov, gov.head) if gov.dep_ == "conj" else (gov,):
        for c in verb.children:
            if c.dep_ in FIGURE_DEPS and c.lemma_.lower() in PEOPLE_NOUNS:
                return c
    return None


LEFT_OUT_RULES = CLAIMS.step("people left out", (people_noun_left_out,))
