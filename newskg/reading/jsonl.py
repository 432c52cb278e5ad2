"""JSON Lines: one article per line, read as a stream when the file is plain
UTF-8 (memory: one line), else decoded whole; each bad line is a reported
:class:`~core.errors.Problem`, and the good lines are still read."""
from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from core.errors import InputError, Problem
from core.records import Article

from .articles import DEFAULT_MAX_CHARS, parse_jsonl_record
from .checks import ProblemSink, checked_article, raise_skipped
from .decoding import SNIFF_BYTES, plain_utf8_start


def jsonl_articles(text: str, path: str, report: ProblemSink, max_chars: int) -> Iterator[tuple[Article, int]]:
    # JSON Lines ends records with \n only: a U+2028 inside a string is text.
    yield from jsonl_line_articles(text.split("\n"), path, report, max_chars)


def jsonl_line_articles(lines: Iterable[str], path: str, report: ProblemSink,
                 max_chars: int) -> Iterator[tuple[Article, int]]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except RecursionError:
            report(Problem(path, number, "not valid JSON (nested too deeply)"))
            continue
        except json.JSONDecodeError as exc:
            report(Problem(path, number, f"not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        except ValueError as exc:  # an integer with too many digits
            report(Problem(path, number, f"not valid JSON ({str(exc).split(';')[0]})"))
            continue
        try:
            article = parse_jsonl_record(record, path, number, max_chars)
        except InputError as exc:
            report(exc.problem)
            continue
        if (article := checked_article(article, path, number, report, max_chars)) is not None:
            yield article, number


def parse_jsonl(text: str | Iterable[str], path: str = "-", on_problem: ProblemSink = raise_skipped,
                max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article]:
    """Articles in JSON Lines text (or its lines); each bad line goes to
    ``on_problem`` (default: raise :class:`InputError`)."""
    text = text if isinstance(text, str) else "\n".join(line.rstrip("\n") for line in text)
    for article, _ in jsonl_articles(text, path, on_problem, max_chars):
        yield article


def utf8_lines(path: Path) -> Iterator[str] | None:
    """The lines of a ``.jsonl`` file, read one at a time, when
    :func:`decode_bytes` would read the file as plain UTF-8 with nothing to
    note; else None (a BOM, binary data, another encoding, control
    characters: rare, and read whole as before). The same lines either way:
    one pass checks that the whole file is UTF-8 (keeping nothing), then
    each line is decoded as it is read, split at \\n bytes (no other UTF-8
    character holds one)."""
    with open(path, "rb") as f:
        head = f.read(16 * SNIFF_BYTES)  # holds at least the characters decode_bytes samples
        check = codecs.getincrementaldecoder("utf-8")()
        try:
            if not plain_utf8_start(head, check.decode(head)):
                return None
            while block := f.read(1 << 20):
                check.decode(block)
            check.decode(b"", final=True)
        except UnicodeDecodeError:
            return None
    return lines_of(path)


def lines_of(path: Path) -> Iterator[str]:
    raw = b""
    with open(path, "rb") as f:
        for raw in f:
            yield raw.decode("utf-8").removesuffix("\n")
    if not raw or raw.endswith(b"\n"):
        yield ""  # as text.split("\n") ends


def streamed_jsonl(lines: Iterator[str], path: str, report: ProblemSink,
                    max_chars: int) -> Iterator[tuple[Article, int]]:
    """:func:`jsonl_articles` over lines as they are read, memory one line; an
    empty file is reported once its end shows it had nothing but space."""
    blank = True

    def noted() -> Iterator[str]:
        nonlocal blank
        number = 0
        try:
            for number, line in enumerate(lines, 1):
                if blank and line.strip():
                    blank = False
                yield line
        except (UnicodeDecodeError, OSError) as exc:
            # Checked as UTF-8 a moment ago, so it changed (or went) since: the
            # articles read so far stand, the rest is reported, not a crash.
            blank = False
            why = "is no longer UTF-8" if isinstance(exc, UnicodeDecodeError) else (
                f"cannot be read ({exc.strerror or type(exc).__name__})")
            report(Problem(path, number + 1, f"changed while being read: {why}; the rest of the file is skipped"))

    yield from jsonl_line_articles(noted(), path, report, max_chars)
    if blank:
        report(Problem(path, 1, "empty file"))
