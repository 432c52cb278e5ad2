r"""Read articles from folders, ``.txt`` and ``.jsonl`` files, or stdin.

Bad input never stops the reading: each file or JSONL line that cannot be
an article becomes a :class:`~core.errors.Problem` (path, line, reason)
passed to the caller's ``on_problem``, and the good articles are still
read. What is done with each kind of bad input is listed in the README
("Bad input"); bytes become text in :mod:`newskg.reading.decoding`, text becomes
an :class:`~core.records.Article` in :mod:`newskg.reading.articles`.

>>> problems = []
>>> list(read_articles(["no-such-folder"]))
Traceback (most recent call last):
...
core.errors.InputError: no-such-folder: no such file or directory
>>> [a.id for a in read_articles(["-"], b'{"id": "a", "text": "Kyiv held."}\n{"id": "b"}',
...                              on_problem=problems.append)]
['a']
>>> [str(p) for p in problems]
["-:2: no 'text' field"]
"""
from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from core.records import Article

from .articles import (
    ARTICLE_SUFFIXES,
    DEFAULT_MAX_CHARS,
    MAX_RUN,
    NO_PROSE,
    blank_long_runs,
    check_article,
    clean_field,
    parse_jsonl_record,
    parse_txt,
    too_long,
)
from .decoding import SNIFF_BYTES, NotText, decode_bytes, plain_utf8_start
from core.errors import InputError, Problem, SkippedInputError
from .htmltext import looks_like_html

ProblemSink = Callable[[Problem], None]
Input = TextIO | BinaryIO | bytes | str


def _raise(problem: Problem) -> None:
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


def _checked(article: Article, path: str, line: int, report: ProblemSink, max_chars: int) -> Article | None:
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


def _jsonl(text: str, path: str, report: ProblemSink, max_chars: int) -> Iterator[tuple[Article, int]]:
    # JSON Lines ends records with \n only: a U+2028 inside a string is text.
    yield from _jsonl_lines(text.split("\n"), path, report, max_chars)


def _jsonl_lines(lines: Iterable[str], path: str, report: ProblemSink,
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
        if (article := _checked(article, path, number, report, max_chars)) is not None:
            yield article, number


def parse_jsonl(text: str | Iterable[str], path: str = "-", on_problem: ProblemSink = _raise,
                max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article]:
    """Articles in JSON Lines text (or its lines); each bad line goes to
    ``on_problem`` (default: raise :class:`InputError`)."""
    text = text if isinstance(text, str) else "\n".join(line.rstrip("\n") for line in text)
    for article, _ in _jsonl(text, path, on_problem, max_chars):
        yield article


def _articles_in_text(text: str, name: str, path: str, report: ProblemSink, max_chars: int,
                      jsonl: bool) -> Iterator[tuple[Article, int]]:
    if not text.strip():
        report(Problem(path, 1, "empty file" if path != "-" else "empty input"))
    elif jsonl:
        yield from _jsonl(text, path, report, max_chars)
    elif len(text) > max_chars:
        report(Problem(path, 1, too_long(len(text), max_chars)))
    else:
        article = parse_txt(name, text, path)
        if (article := _checked(article, path, 1, report, max_chars)) is not None:
            yield article, 1


def _decoded(data: bytes, path: str, name: str, report: ProblemSink, max_chars: int,
             jsonl: bool | None) -> Iterator[tuple[Article, int]]:
    """Articles in the bytes of one file (JSONL if ``jsonl``; if None, if it
    starts with ``{``); a decoding note is given only if some article is
    built from it."""
    try:
        text, note, line = decode_bytes(data)
    except NotText as exc:
        report(Problem(path, exc.line, exc.reason))
        return
    if jsonl is None:
        jsonl = text.lstrip().startswith("{")
    for n, pair in enumerate(_articles_in_text(text, name, path, report, max_chars, jsonl)):
        if note and not n:
            report(Problem(path, line, note, skipped=False))
        yield pair


def _utf8_lines(path: Path) -> Iterator[str] | None:
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
    return _lines_of(path)


def _lines_of(path: Path) -> Iterator[str]:
    raw = b""
    with open(path, "rb") as f:
        for raw in f:
            yield raw.decode("utf-8").removesuffix("\n")
    if not raw or raw.endswith(b"\n"):
        yield ""  # as text.split("\n") ends


def _streamed_jsonl(lines: Iterator[str], path: str, report: ProblemSink,
                    max_chars: int) -> Iterator[tuple[Article, int]]:
    """:func:`_jsonl` over lines as they are read, memory one line; an
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

    yield from _jsonl_lines(noted(), path, report, max_chars)
    if blank:
        report(Problem(path, 1, "empty file"))


def _file_articles(path: Path, report: ProblemSink, max_chars: int) -> Iterator[tuple[Article, int]]:
    name = str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            report(Problem(name, 0, "not a regular file"))
            return
        if not _is_jsonl(path) and info.st_size > 4 * max_chars + 4:  # 4 bytes per character at most
            report(Problem(name, 1, too_long(info.st_size, max_chars).replace("characters", "bytes", 1)))
            return
        if _is_jsonl(path) and (lines := _utf8_lines(path)) is not None:
            data = None
        else:
            data = path.read_bytes()
    except OSError as exc:
        report(Problem(name, 0, f"cannot be read ({exc.strerror or type(exc).__name__})"))
        return
    except MemoryError:
        report(Problem(name, 0, "too large to read into memory"))
        return
    if data is None:
        yield from _streamed_jsonl(lines, name, report, max_chars)
    else:
        yield from _decoded(data, name, clean_field(path.stem), report, max_chars, _is_jsonl(path))


def read_file(path: Path, on_problem: ProblemSink = _raise,
              max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article]:
    """Articles in one ``.txt`` or ``.jsonl`` file (unchecked: see :func:`read_articles`)."""
    for article, _ in _file_articles(Path(path), on_problem, max_chars):
        yield article


def read_input_bytes(stream: Input | None = None) -> bytes:
    """Everything on ``stream`` (default stdin) as bytes, undecoded."""
    import sys

    stream = sys.stdin if stream is None else stream
    if stream is None:  # started with its standard input closed
        raise InputError("-", "standard input is closed; give the articles as files, or pipe them in")
    if isinstance(stream, (bytes, str)):
        data = stream
    else:
        try:
            data = getattr(stream, "buffer", stream).read()
        except (OSError, ValueError) as exc:  # a closed or unreadable descriptor
            raise InputError("-", f"standard input cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    return data.encode("utf-8") if isinstance(data, str) else data


def _stream_articles(stream: Input | None, report: ProblemSink, max_chars: int) -> Iterator[tuple[Article, int]]:
    yield from _decoded(read_input_bytes(stream), "-", "stdin", report, max_chars, None)


def read_stream(stream: Input | None = None, on_problem: ProblemSink = _raise,
                max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article]:
    """Articles on stdin: JSONL if it starts with ``{``, else one text article."""
    for article, _ in _stream_articles(stream, on_problem, max_chars):
        yield article


def _is_article_name(name: str) -> bool:
    return name.lower().endswith(ARTICLE_SUFFIXES)  # Upper.TXT and x.JSONL too


def _is_jsonl(path: Path) -> bool:
    return path.suffix.lower() == ".jsonl"


def article_files(src: str, on_problem: ProblemSink = _raise) -> list[Path]:
    """The article files a source names: the file itself or, for a folder,
    every ``.txt``/``.jsonl`` below it (any case) in sorted path order.

    A source that does not exist, or a file that is not ``.txt``/``.jsonl``,
    raises :class:`InputError`: that is a mistyped command, not a bad
    article. Below a folder, symlinked folders are followed (each real
    folder once, so a link loop ends); hidden files and folders (a name
    starting with ``.``) are not read, and a hidden article file is
    reported as a note; a sub-folder that cannot be listed is reported.
    """
    path = Path(src)
    if not path.exists() and not path.is_symlink():
        raise InputError(src, "no such file or directory")
    if path.is_dir():
        found = []
        visited: set[str] = set()

        def unlistable(exc: OSError) -> None:
            on_problem(Problem(str(exc.filename or src), 0, f"cannot list folder ({exc.strerror})"))

        for root, dirs, files in os.walk(path, onerror=unlistable, followlinks=True):
            real = os.path.realpath(root)
            if real in visited:  # a link back to a folder already read
                dirs[:] = []
                continue
            visited.add(real)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(files):
                if not _is_article_name(f):
                    continue
                if f.startswith("."):
                    on_problem(Problem(str(Path(root, f)), 0, "a hidden file, not read (name it as a SRC to read it)",
                                       skipped=False))
                else:
                    found.append(Path(root, f))
        return sorted(found, key=lambda p: p.as_posix())
    if not _is_article_name(path.name):
        raise InputError(src, f"not an article file; expected one of {', '.join(ARTICLE_SUFFIXES)}")
    return [path]


def count_articles(sources: Iterable[str]) -> int | None:
    """How many articles the sources hold (for a progress bar), cheaply:
    one per ``.txt``, one per non-blank ``.jsonl`` line; None for stdin."""
    sources = list(sources)
    if "-" in sources:
        return None
    n = 0
    for src in sources:
        for path in article_files(src, on_problem=lambda _: None):
            if not path.is_file():  # a FIFO or device: never opened, only reported by the reading
                continue
            if _is_jsonl(path):
                with open(path, "rb") as f:
                    n += sum(1 for line in f if line.strip())
            else:
                n += 1
    return n


def _plan(sources: Iterable[str], report: ProblemSink) -> list[Path | None]:
    """Every file to read, each once, in path order (stdin, ``None``, last),
    so the order of the arguments changes nothing."""
    files: dict[str, Path] = {}
    stdin = False
    for src in sources:
        if src == "-":
            stdin = True
            continue
        for path in article_files(src, report):
            files.setdefault(os.path.realpath(path), path)
    plan: list[Path | None] = sorted(files.values(), key=lambda p: p.as_posix())
    return plan + [None] if stdin else plan


def read_articles(sources: Iterable[str], stdin: Input | None = None, *,
                  on_problem: ProblemSink = _raise, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article]:
    """Every good article named by ``sources`` (paths or ``-``), ids unique.

    Each problem goes to ``on_problem`` as a :class:`Problem`, a file's or
    line's and the reading goes on; by default a problem raises
    :class:`InputError`. All sources are checked before the first article
    is yielded, so a mistyped path fails fast. Of two articles with the
    same id the first in path order is kept.
    """
    plan = _plan(sources, on_problem)
    seen: dict[str, tuple[str, str]] = {}  # id -> (where, digest of text)
    for item in plan:
        pairs = (_stream_articles(stdin, on_problem, max_chars) if item is None
                 else _file_articles(item, on_problem, max_chars))
        for article, line in pairs:
            where = Problem(article.path or "-", line, "").where
            text_digest = hashlib.sha1(article.text.encode("utf-8")).hexdigest()
            if article.id in seen:
                first, first_digest = seen[article.id]
                same = "the same text as" if first_digest == text_digest else "a different text from"
                on_problem(Problem(article.path or "-", line,
                                   f"duplicate article id {article.id!r}, {same} {first}; the first is kept"))
                continue
            seen[article.id] = (where, text_digest)
            yield article


def open_articles(sources: Iterable[str], stdin: Input | None = None, *, strict: bool = False,
                  max_chars: int = DEFAULT_MAX_CHARS,
                  on_problem: ProblemSink | None = None) -> tuple[Iterator[Article], list[Problem]]:
    """The articles to build and the list of problems, which fills as they are read.

    Every problem is also passed to ``on_problem`` as it is found. With
    ``strict``, all input is read once first (no model needed) and any
    skip raises :class:`SkippedInputError` before anything is built.
    """
    sources = list(sources)
    problems: list[Problem] = []

    def report(problem: Problem) -> None:
        problems.append(problem)
        if on_problem is not None:
            on_problem(problem)

    if strict:
        if "-" in sources:
            stdin = read_input_bytes(stdin)  # read twice below
        for _ in read_articles(sources, stdin, on_problem=report, max_chars=max_chars):
            pass
        skipped = [p for p in problems if p.skipped]
        if skipped:
            raise SkippedInputError(skipped)
        # Reported once already; anything new (a file changed since) is fatal.
        return read_articles(sources, stdin, on_problem=_raise, max_chars=max_chars), problems
    return read_articles(sources, stdin, on_problem=report, max_chars=max_chars), problems


def no_articles_reason(sources: Iterable[str], problems: Iterable[Problem]) -> InputError:
    """The error for a build left with nothing to build."""
    skipped = sum(p.skipped for p in problems)
    reason = f"no articles to build: all {skipped} skipped" if skipped else "no .txt or .jsonl articles found"
    return InputError(", ".join(sources), reason)
