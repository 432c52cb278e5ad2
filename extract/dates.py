"""Resolve relative and partial dates against the article's date.

>>> resolve_date("March 21", "2022-04-22"), resolve_date("on Friday", "2022-04-22")
('2022-03-21', '2022-04-22')
>>> resolve_date("Wednesday", "2022-04-22"), resolve_date("last week", "2022-04-22")
('2022-04-20', '')
"""
from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Token

from .doc import sent_of, state

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}

_MONTH_DAY = re.compile(r"\b(?P<m>[a-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{4}))?")
_DAY_MONTH = re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m>[a-z]{3,9})\b(?:,?\s+(?P<y>\d{4}))?")


def resolve_date(text: str, article_date: str) -> str:
    """An ISO date for a date expression, or "" when it names no single day."""
    low = text.lower()
    try:
        ref = dt.date.fromisoformat(article_date) if article_date else None
    except ValueError:
        ref = None
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        m = pattern.search(low)
        if m and m.group("m") in MONTHS:
            year = int(m.group("y")) if m.group("y") else (ref.year if ref else 0)
            if not year:
                return ""
            try:
                day = dt.date(year, MONTHS[m.group("m")], int(m.group("d")))
            except ValueError:
                return ""
            # "December 30" in an article of January 2 is last year's.
            if not m.group("y") and ref and (day - ref).days > 31:
                day = day.replace(year=year - 1)
            return day.isoformat()
    if ref is None:
        return ""
    if re.search(r"\b(today|tonight|this morning)\b", low):
        return ref.isoformat()
    if re.search(r"\byesterday\b", low):
        return (ref - dt.timedelta(days=1)).isoformat()
    if re.search(r"\b(last|next)\s+\w+day\b", low):
        return ""  # "last Friday" is usually a week back; too loose to pin
    for name, weekday in WEEKDAYS.items():
        if re.search(rf"\b{name}\b", low):
            return (ref - dt.timedelta(days=(ref.weekday() - weekday) % 7)).isoformat()
    return ""


def date_in(token: Token) -> str:
    """The date of the clause around ``token``: a DATE entity of the model in
    the token's subtree, else in its sentence, resolved against the article."""
    doc = token.doc
    st = state(doc)
    article_date = st.article_date
    dates = st.date_spans
    if dates is None:
        dates = st.date_spans = [(s.start, s.end, s.text) for s in st.dates]
    subtree = {t.i for t in token.subtree}
    sent = sent_of(token)
    in_sentence = [d for d in dates if sent.start <= d[0] < sent.end]
    preferred = [d for d in in_sentence if d[0] in subtree] or in_sentence
    for _, _, text in preferred:
        resolved = resolve_date(text, article_date)
        if resolved:
            return resolved
    return ""
