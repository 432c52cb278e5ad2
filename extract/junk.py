"""Junk the model tags as names, for the typing stage: no entity for it, on any topic.

Live-blog times and figures ("00.36", "23 Jul 2022 23.50"), social handles ("@OlKubrakov"),
picture credits ("Photograph: Alexander Ermochenko/Reuters"), bylines ("Reporting by ..."),
matches between two sides ("Cyprus v Faroe Islands"),
names of ideas and campaigns ("Brexit"), religious texts ("the Quran") and words glued to
quotation marks by a broken text ('conducted,"?Spicer') name no actor of the story. The rules
read the shape of the name and the words around it, and lexicons of word classes; no name of a
story is listed. A rule answers True for junk and None to pass the name on (a test step).

Each rule's example is a sentence of real news (English Wikinews, CC BY 2.5, Wikinews
contributors; The Guardian; the seeds) or a general pattern written as a news sentence.
"""
from __future__ import annotations

import re

from spacy.tokens import Span

from .doc import sent_of
from .lexicon import words
from .names import FIGURES, HOUR_MARK, TYPING
from .rules import rule

CREDIT_WORDS = words("credit_words")
BYLINE_WORDS = words("byline_words")
IDEA_SUFFIXES = words("idea_suffixes")
SCRIPTURE_NAMES = words("scripture_names")
FIXTURE_MARKS = words("fixture_marks")

_QUOTE_MARKS = ("\"", "“", "”")
#: Letters glued to a quotation mark, a question mark or a stop-dash: 'conducted,"?Spicer', "organs.-".
_GLUED = re.compile(r"[A-Za-z][\"“”?!;]|[\"“”?!;,][A-Za-z]|\.-")


@rule(example="23 Jul 2022 23.50 Russian missiles struck the port of Odesa overnight, the regional governor said.")
def figure_in_name(ent: Span, span: Span) -> bool | None:
    """A name that starts with a number, or has a time, a price, a count or a year in it, is no
    entity: "00.36 Hello", "23 Jul 2022", "7.00 A.M." (such figures after a name are trimmed
    before: "Stockton 2.78"); a number of a series stays ("Nord Stream 1")."""
    return True if span[0].text.isdigit() or any(FIGURES.match(t.text) or HOUR_MARK.match(t.text) for t in span) \
        else None


@rule(example="Ukraine's infrastructure minister, @OlKubrakov, wrote that the first ship had left the port.")
def social_handle(ent: Span, span: Span) -> bool | None:
    """A social-media handle or hashtag names an account, no entity: "@OlKubrakov", "#StandWithUkraine"."""
    doc = span.doc
    before = doc[span.start - 1].text if span.start > 0 else ""
    if any(t.text[:1] in "@#" or "@" in t.text for t in span) or before in ("@", "#"):
        return True
    return None


def _touches_slash(span: Span) -> bool:
    """"Ermochenko/Reuters": a slash inside the name or glued to it."""
    doc = span.doc
    if "/" in span.text:
        return True
    left = doc[span.start - 1] if span.start > 0 else None
    right = doc[span.end] if span.end < len(doc) else None
    return (left is not None and left.text.endswith("/") and not left.whitespace_) \
        or (right is not None and right.text.startswith("/") and not doc[span.end - 1].whitespace_)


@rule(example="A woman walks past a destroyed building in Kharkiv. Photograph: Alexander Ermochenko/Reuters")
def picture_credit(ent: Span, span: Span) -> bool | None:
    """A picture credit names a photographer and an agency, no actor: a name glued to a slash
    ("Ermochenko/Reuters"), or after a credit word and a colon ("Photograph: X")."""
    if _touches_slash(span):
        return True
    doc = span.doc
    start = max(sent_of(span.root).start, span.start - 8)
    for t in doc[start : span.start]:
        if t.lower_ in CREDIT_WORDS and t.i + 1 < len(doc) and doc[t.i + 1].text == ":":
            return True
    return None


@rule(example="Reporting by Jane Doe in Kyiv; Editing by John Roe")
def byline(ent: Span, span: Span) -> bool | None:
    """A byline names the reporter, no actor: a name after "By" opening a line without a verb
    ("By Jane Doe"), or after "Reporting by", "Editing by"."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].lower_ != "by":
        return None
    by = doc[span.start - 1]
    sent = sent_of(by)
    if by.i > 0 and doc[by.i - 1].lower_ in BYLINE_WORDS:
        return True
    opens_line = by.i == sent.start or "\n" in doc[by.i - 1].text
    no_verb = not any(t.pos_ in ("VERB", "AUX") for t in sent if t.i < span.start or t.i >= span.end)
    return True if opens_line and no_verb else None


@rule(example="Theresa May said that Brexit means Brexit.")
def idea_or_campaign_word(ent: Span, span: Span) -> bool | None:
    """A one-word name of an idea, a movement or a campaign is no actor: "Brexit", "Grexit",
    "Thatcherism"."""
    word = span.text.lower()
    if len(span) == 1 and span.text[:1].isupper() and any(
            word.endswith(s) and len(word) > len(s) + 1 for s in IDEA_SUFFIXES):
        return True
    return None


@rule(example="Protesters burned a copy of the Quran outside the Turkish embassy in Stockholm.")
def religious_text(ent: Span, span: Span) -> bool | None:
    """A religious text is a book, no actor: "the Quran", "the Bible"."""
    return True if span.text.lower() in SCRIPTURE_NAMES else None


@rule(example='"The investigation is being conducted,"?Spicer said.')
def glued_to_quotes(ent: Span, span: Span) -> bool | None:
    """Words glued to a quotation mark by a broken text, or a quotation mark inside, are no name:
    'conducted,"?Spicer', "organs.- Share", 'Lukas Graham "Work'."""
    glued = any(_GLUED.search(t.text) for t in span)
    return True if glued or any(t.text in _QUOTE_MARKS for t in span[1:-1]) else None


@rule(example="Ireland's remaining qualifiers are Israel v Republic of Ireland and Cyprus v Faroe Islands.")
def fixture_of_two_sides(ent: Span, span: Span) -> bool | None:
    """A match or a case between two sides is no entity of its own: "Cyprus v Faroe Islands",
    "Republic of Ireland v"."""
    # As written, in lower case: "V." is a middle initial ("Vladimir V. Putin").
    return True if any(t.text in FIXTURE_MARKS for t in span[1:]) else None


@rule(example="A man was arrested in Norfolk at 2am local time (0100 UTC) on Sunday.")
def time_zone(ent: Span, span: Span) -> bool | None:
    """A word in capitals right after a time of the clock is its time zone, no organisation:
    "0100 UTC", "2am GMT"."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if len(span) != 1 or not span.text.isupper() or before is None:
        return None
    clock = before.like_num or FIGURES.match(before.text) or HOUR_MARK.match(before.text) \
        or re.match(r"^[0-9]{1,2}(?:[.:][0-9]{2})?[ap]\.?m\.?$", before.lower_)
    return True if clock else None


#: Junk the model tags as a name (ent, span): True, or None to pass it on.
JUNK = TYPING.step("junk", (figure_in_name, social_handle, picture_credit, byline, idea_or_campaign_word,
                            religious_text, glued_to_quotes, fixture_of_two_sides, time_zone),
                   kind="test")
