r"""Read articles from folders, ``.txt`` and ``.jsonl`` files, or stdin.

Bad input never stops the reading: each file or JSONL line that cannot be
an article becomes a :class:`~core.errors.Problem` (path, line, reason)
passed to the caller's ``on_problem``, and the good articles are still
read. What is done with each kind of bad input is listed in the README
("Bad input"); bytes become text in :mod:`newskg.reading.decoding`, text becomes
an :class:`~core.records.Article` in :mod:`newskg.reading.articles`, JSON Lines
in :mod:`newskg.reading.jsonl`, and every article passes :mod:`newskg.reading.checks`.

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

import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from core.errors import InputError, Problem, SkippedInputError
from core.records import Article

from .articles import ARTICLE_SUFFIXES, DEFAULT_MAX_CHARS, clean_field, parse_txt, too_long
from .checks import ProblemSink, checked_article, raise_skipped
from .decoding import NotText, decode_bytes
from .jsonl import jsonl_articles, streamed_jsonl, utf8_lines

Input = TextIO | BinaryIO | bytes | str


def _articles_in_text(text: str, name: str, path: str, report: ProblemSink, max_chars: int,
                      jsonl: bool) -> Iterator[tuple[Article, int]]:
    if not text.strip():
        report(Problem(path, 1, "empty file" if path != "-" else "empty input"))
    elif jsonl:
        yield from jsonl_articles(text, path, report, max_chars)
    elif len(text) > max_chars:
        report(Problem(path, 1, too_long(len(text), max_chars)))
    else:
        article = parse_txt(name, text, path)
        if (article := checked_article(article, path, 1, report, max_chars)) is not None:
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
        if _is_jsonl(path) and (lines := utf8_lines(path)) is not None:
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
        yield from streamed_jsonl(lines, name, report, max_chars)
    else:
        yield from _decoded(data, name, clean_field(path.stem), report, max_chars, _is_jsonl(path))


def read_file(path: Path, on_problem: ProblemSink = raise_skipped,
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


def read_stream(stream: Input | None = None, on_problem: ProblemSink = raise_skipped,
                max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article]:
    """Articles on stdin: JSONL if it starts with ``{``, else one text article."""
    for article, _ in _stream_articles(stream, on_problem, max_chars):
        yield article


def _is_article_name(name: str) -> bool:
    return name.lower().endswith(ARTICLE_SUFFIXES)  # Upper.TXT and x.JSONL too


def _is_jsonl(path: Path) -> bool:
    return path.suffix.lower() == ".jsonl"


def article_files(src: str, on_problem: ProblemSink = raise_skipped) -> list[Path]:
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
                  on_problem: ProblemSink = raise_skipped, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article]:
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
        return read_articles(sources, stdin, on_problem=raise_skipped, max_chars=max_chars), problems
    return read_articles(sources, stdin, on_problem=report, max_chars=max_chars), problems


def no_articles_reason(sources: Iterable[str], problems: Iterable[Problem]) -> InputError:
    """The error for a build left with nothing to build."""
    skipped = sum(p.skipped for p in problems)
    reason = f"no articles to build: all {skipped} skipped" if skipped else "no .txt or .jsonl articles found"
    return InputError(", ".join(sources), reason)
