"""Resolve relative and partial dates against the article's date.

:func:`resolve_date` asks the rules of the dates stage, in order, for the
day a date expression names; :func:`date_in` finds the date of a clause.

Rule examples are sentences of real news: the seeds, the Guardian and Wikinews (CC BY 2.5).

>>> resolve_date("March 21", "2022-04-22"), resolve_date("on Friday", "2022-04-22")
('2022-03-21', '2022-04-22')
>>> resolve_date("Wednesday", "2022-04-22"), resolve_date("last week", "2022-04-22")
('2022-04-20', '')
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from functools import cache

from spacy.tokens import Token

from .doc import sent_of, state
from .lexicon import entries, table
from .rules import NOTHING, first, registry, rule

DATES = registry("dates", "the day a date expression names, resolved against the article's date")

MONTHS = table("months")
WEEKDAYS = table("weekdays")
SAME_DAY_WORDS = entries("same_day_words")
LOOSE_WEEKDAY_MARKS = entries("loose_weekday_marks")

_MONTH_DAY = re.compile(r"\b(?P<m>[a-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{4}))?")
_DAY_MONTH = re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m>[a-z]{3,9})\b(?:,?\s+(?P<y>\d{4}))?")
_YESTERDAY = re.compile(r"\byesterday\b")


@cache
def _any_of(words: tuple[str, ...], then: str = "") -> re.Pattern:
    """A pattern for any of ``words`` as whole words, followed by ``then``."""
    return re.compile(r"\b(" + "|".join(map(re.escape, words)) + ")" + then + r"\b")


def calendar_day(match: re.Match | None, ref: dt.date | None):
    """The ISO day of a month-and-day match; NOTHING when it names no real day or no
    year is known; None when the match is no month. Without a year, the article's
    year, or the year before when that puts the day more than a month after the
    article ("December 30" in an article of January 2 is last year's)."""
    if not match or match.group("m") not in MONTHS:
        return None
    year = int(match.group("y")) if match.group("y") else (ref.year if ref else 0)
    if not year:
        return NOTHING
    try:
        day = dt.date(year, MONTHS[match.group("m")], int(match.group("d")))
    except ValueError:
        return NOTHING
    if not match.group("y") and ref and (day - ref).days > 31:
        day = day.replace(year=year - 1)
    return day.isoformat()


@rule(example="The U.S. military on March 21 accused Russian forces of committing war crimes in their bloody "
              "invasion of Ukraine.")
def month_and_day(low: str, ref: dt.date | None):
    """A month name and a day ("March 21", "September 30, 2021"): that day."""
    return calendar_day(_MONTH_DAY.search(low), ref)


@rule(example="The use of the canal opened up after Ukraine liberated Snake Island from Russian forces on 30 June.")
def day_and_month(low: str, ref: dt.date | None):
    """A day and a month name ("21 March 2022"): that day."""
    return calendar_day(_DAY_MONTH.search(low), ref)


@rule(example="Senator Klobuchar's campaign said she was ending her presidential bid today.")
def same_day(low: str, ref: dt.date | None):
    """"Today", "tonight", "this morning": the article's own day."""
    return ref.isoformat() if ref is not None and _any_of(SAME_DAY_WORDS).search(low) else None


@rule(example="Prime Minister Ardern said at a press conference yesterday morning the gun laws should be changed.")
def yesterday(low: str, ref: dt.date | None):
    """"Yesterday": the day before the article's."""
    return (ref - dt.timedelta(days=1)).isoformat() if ref is not None and _YESTERDAY.search(low) else None


@rule(example="Last Thursday Russian forces hit a military base north-west of Kyiv, according to Ukraine’s armed "
              "forces.")
def last_or_next_weekday(low: str, ref: dt.date | None):
    """"Last Friday", "next Monday": no day (usually a week away, too loose to pin)."""
    return NOTHING if ref is not None and _any_of(LOOSE_WEEKDAY_MARKS, r"\s+\w+day").search(low) else None


@rule(example="Kiev said no further withdrawals were planned for Friday.")
def weekday_this_week(low: str, ref: dt.date | None):
    """A weekday ("on Friday"): the last such day up to the article's date."""
    if ref is None:
        return None
    for name, weekday in WEEKDAYS.items():
        if re.search(rf"\b{name}\b", low):
            return (ref - dt.timedelta(days=(ref.weekday() - weekday) % 7)).isoformat()
    return None


DAY_RULES = DATES.step("day", (month_and_day, day_and_month, same_day, yesterday, last_or_next_weekday,
                               weekday_this_week))


def resolve_date(text: str, article_date: str) -> str:
    """An ISO date for a date expression, or "" when it names no single day."""
    try:
        ref = dt.date.fromisoformat(article_date) if article_date else None
    except ValueError:
        ref = None
    return first(DAY_RULES, text.lower(), ref) or ""


def _resolved(dates: list[tuple[int, int, str]], article_date: str):
    """The first of ``dates`` that names a day, or NOTHING."""
    for _, _, text in dates:
        resolved = resolve_date(text, article_date)
        if resolved:
            return resolved
    return NOTHING


@rule(example='In comments to local media on March 21, Zelenskiy accused Moscow of trying to "destroy" his country.')
def date_in_the_clause(token: Token, in_sentence: list[tuple[int, int, str]], article_date: str):
    """A date the model found inside the clause of the word (its subtree): the clause's date."""
    if not in_sentence:
        return None
    subtree = {t.i for t in token.subtree}
    inside = [d for d in in_sentence if d[0] in subtree]
    return _resolved(inside, article_date) if inside else None


@rule(example="On March 20, an attack destroyed an art school sheltering some 400 people in the city.")
def date_in_the_sentence(token: Token, in_sentence: list[tuple[int, int, str]], article_date: str):
    """Else a date the model found elsewhere in the word's sentence."""
    return _resolved(in_sentence, article_date) if in_sentence else None


CLAUSE_DATE_RULES = DATES.step("clause", (date_in_the_clause, date_in_the_sentence))


def date_in(token: Token) -> str:
    """The date of the clause around ``token``, resolved against the article's date."""
    doc = token.doc
    st = state(doc)
    dates = st.date_spans
    if dates is None:
        dates = st.date_spans = sorted((s.start, s.end, s.text) for s in st.dates)
    sent = sent_of(token)
    # by bisection on the starts: a long article's words do not each scan all its dates
    lo = bisect_left(dates, (sent.start,))
    hi = bisect_left(dates, (sent.end,))
    in_sentence = dates[lo:hi]
    return first(CLAUSE_DATE_RULES, token, in_sentence, st.article_date) or ""
