"""What every reader checks of an article before it is built: a calendar
date (else the article is built without one, noted), some prose, a size
within the limit; and where problems go (a :data:`ProblemSink`)."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from core.errors import InputError, Problem
from core.records import Article

from .articles import MAX_RUN, NO_PROSE, blank_long_runs, check_article
from .htmltext import looks_like_html

ProblemSink = Callable[[Problem], None]


def raise_skipped(problem: Problem) -> None:
    """The default sink: a skip is an error, a note is dropped."""
    if problem.skipped:
        raise InputError(problem.path, problem.reason, problem.line)


def is_calendar_date(text: str) -> bool:
    """``YYYY-MM-DD`` naming a day that exists (not "2022-13-45", not "2023-02-29").

    >>> is_calendar_date("2024-02-29"), is_calendar_date("2022-13-45")
    (True, False)
    """
    try:
        return dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def checked_article(article: Article, path: str, line: int, report: ProblemSink, max_chars: int) -> Article | None:
    """The article to build, or None with the reason reported; notes for
    an HTML page and for blanked runs without spaces."""
    article, runs = blank_long_runs(article)
    if article.date and not is_calendar_date(article.date):
        report(Problem(path, line, f"date {article.date!r} is not a calendar date: built without a date", skipped=False))
        article = dataclasses.replace(article, date="")
    reason = check_article(article, max_chars)
    if reason == NO_PROSE and runs:
        reason = f"no article text but runs of over {MAX_RUN} characters without a space (the longest {max(runs):,})"
    if reason:
        report(Problem(path, line, reason))
        return None
    if looks_like_html(article.text):
        report(Problem(path, line, "an HTML page: read its text, ignored the markup", skipped=False))
    if runs:
        report(Problem(path, line, f"ignored {len(runs)} run{'s' if len(runs) > 1 else ''} of over {MAX_RUN} "
                                   f"characters without a space (the longest {max(runs):,})", skipped=False))
    return article
