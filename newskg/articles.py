"""Read articles from folders, ``.txt`` and ``.jsonl`` files, or stdin.

A ``.txt`` article may open with metadata that is not news content: a
``date YYYY-MM-DD`` marker, a headline, a dateline such as
``KIEV/MARIUPOL (Reuters) –`` and a byline such as ``By RFE/RL's Ukrainian
Service``. These become :class:`Article` fields and are blanked out of
``Article.content`` (offsets are kept, so spans still index ``text``).
Page furniture (promos, headlines of other stories) is blanked the same way;
it is recognised by shape, see :func:`furniture_lines`.

>>> a = parse_txt("x", "date 2022-04-22 KYIV (Reuters) – Russia attacked.")
>>> (a.date, a.source, a.dateline, a.content.strip())
('2022-04-22', 'Reuters', ('Kyiv',), 'Russia attacked.')
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from extract.records import Article

from .errors import InputError

ARTICLE_SUFFIXES = (".txt", ".jsonl")
JSONL_FIELDS = ("id", "title", "date", "source", "url", "text")

_DATE_MARK = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
# "KIEV/MARIUPOL (Reuters) –": upper-case places, publisher in brackets, a dash.
_DATELINE = re.compile(
    r"\s*(?P<places>[A-Z][A-Z.'\- ]*(?:/[A-Z][A-Z.'\- ]*)*?)(?:,\s*[A-Z][a-z.]+\.?)?"
    r"\s*\((?P<source>[^()\n]{1,60})\)\s*[–—-]+\s*"
)
_BYLINE = re.compile(r"^[^\S\n]*By[^\S\n]+(?P<by>[^\n]{2,100})$", re.MULTILINE)
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_TERMINAL = tuple(".!?:;…")
_CLOSERS = "\"”’')]»"
_BULLETS = tuple("•*-–·▪►")


def _blank(text: str, start: int, end: int) -> str:
    """Replace text[start:end] with spaces, keeping newlines and length."""
    middle = "".join(c if c == "\n" else " " for c in text[start:end])
    return text[:start] + middle + text[end:]


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, stripped line) for each non-blank line."""
    pos = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            yield pos + lead, pos + lead + len(stripped), stripped
        pos += len(raw)


def is_headline_like(line: str) -> bool:
    """A short line without closing punctuation: a headline, promo or label.

    >>> is_headline_like("Chelsea FC sale approved by the Premier League Board")
    True
    >>> is_headline_like("Russia attacked the city.")
    False
    """
    line = line.strip()
    if not line or line.startswith(_BULLETS):
        return False
    # A closing quote or bracket ends prose only after closing punctuation:
    # "…,” she said." is prose; "Putin’s exit ‘being discussed’" is a headline.
    core = line.rstrip(_CLOSERS)
    ends_prose = core.endswith(_TERMINAL) or (core != line and core.endswith(","))
    return not ends_prose and len(line.split()) <= 30


def furniture_lines(text: str) -> list[tuple[int, int]]:
    """Spans of lines that are page furniture rather than article prose.

    Judged by shape, not by wording: a line that is headline-like (see
    :func:`is_headline_like`). Prose ends in closing punctuation; promos,
    links to other stories and subheadings do not. Bullets and lines ending
    in a colon are content.
    """
    return [(start, end) for start, end, line in _lines(text) if is_headline_like(line)]


def parse_txt(article_id: str, text: str, path: str = "") -> Article:
    """Split a plain-text article into metadata and content."""
    content = text
    date = source = byline = title = ""
    places: tuple[str, ...] = ()
    cursor = 0
    if m := _DATE_MARK.match(text):
        date = m.group(1)
        content = _blank(content, m.start(), m.end())
        cursor = m.end()
    # A headline may stand first, on its own line.
    first = next(_lines(text[cursor:]), None)
    if first and is_headline_like(first[2]) and not _BYLINE.fullmatch(first[2]):
        title = first[2]
        content = _blank(content, cursor + first[0], cursor + first[1])
        cursor += first[1]
    if (m := _BYLINE.search(text, cursor)) and not text[cursor : m.start()].strip():
        byline = m.group("by").strip()
        source = re.sub(r"['’]s\b.*$", "", byline).strip() or byline
        content = _blank(content, m.start(), m.end())
        cursor = m.end()
    if m := _DATELINE.match(text, cursor):
        places = tuple(p.strip().title() for p in m.group("places").split("/") if p.strip())
        source = m.group("source").strip()
        content = _blank(content, m.start(), m.end())
    for start, end in furniture_lines(content):
        content = _blank(content, start, end)
    return Article(
        id=article_id,
        text=text,
        title=title,
        date=date,
        source=source,
        dateline=places,
        byline=byline,
        path=path,
        content=content,
    )


def parse_jsonl_record(record: dict, where: str, path: str = "") -> Article:
    """Turn one JSONL object into an Article; fields beyond the known ones are kept."""
    if not isinstance(record, dict):
        raise InputError(where, "a JSONL line must be a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "no 'text' field")
    article_id = record.get("id")
    if article_id is None or str(article_id).strip() == "":
        raise InputError(where, "no 'id' field")
    date_match = _ISO_DATE.search(str(record.get("date") or ""))
    content = text
    for start, end in furniture_lines(text):
        content = _blank(content, start, end)
    extra = tuple(
        (k, json.dumps(v, ensure_ascii=False, sort_keys=True))
        for k, v in sorted(record.items())
        if k not in JSONL_FIELDS
    )
    return Article(
        id=str(article_id).strip(),
        text=text,
        title=str(record.get("title") or ""),
        date=date_match.group(1) if date_match else "",
        source=str(record.get("source") or ""),
        url=str(record.get("url") or ""),
        path=path,
        extra=extra,
        content=content,
    )


def json_lines(lines: Iterable[str], path: str | os.PathLike) -> Iterator[tuple[str, object]]:
    """(``file:line``, value) for each non-blank JSON line; invalid JSON is an InputError."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            yield where, json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(where, f"not valid JSON ({exc.msg})") from None


def parse_jsonl(lines: Iterable[str], path: str) -> Iterator[Article]:
    for where, record in json_lines(lines, path):
        yield parse_jsonl_record(record, where, path)


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(where, f"not UTF-8 text (byte {exc.start})") from None


def read_file(path: Path) -> Iterator[Article]:
    """Articles in one ``.txt`` or ``.jsonl`` file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), exc.strerror or "cannot be read") from None
    text = _decode(data, str(path))
    if path.suffix == ".jsonl":
        yield from parse_jsonl(text.splitlines(), str(path))
    else:
        yield parse_txt(path.stem, text, str(path))


def read_stream(stream: TextIO | None = None, name: str = "stdin") -> Iterator[Article]:
    """Articles on stdin: JSONL if it starts with ``{``, else one text article."""
    import sys

    stream = stream or sys.stdin
    text = stream.read()
    if text.lstrip().startswith("{"):
        yield from parse_jsonl(text.splitlines(), "-")
    elif text.strip():
        yield parse_txt(name, text, "-")
    else:
        raise InputError("-", "stdin is empty")


def article_files(src: str) -> list[Path]:
    """The article files a source names: the file itself or, for a folder,
    every ``.txt``/``.jsonl`` below it in sorted path order."""
    path = Path(src)
    if not path.exists():
        raise InputError(src, "no such file or directory")
    if path.is_dir():
        found = []
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [Path(root, f) for f in files if f.endswith(ARTICLE_SUFFIXES) and not f.startswith(".")]
        return sorted(found, key=lambda p: p.as_posix())
    if path.suffix not in ARTICLE_SUFFIXES:
        raise InputError(src, f"not an article file; expected one of {', '.join(ARTICLE_SUFFIXES)}")
    return [path]


def read_articles(sources: Iterable[str], stdin: TextIO | None = None) -> Iterator[Article]:
    """Every article named by ``sources`` (paths or ``-``), ids checked unique.

    All paths are checked before the first article is yielded, so a typo in
    the last argument fails fast.
    """
    plan: list[Path | None] = []
    for src in sources:
        plan.extend([None] if src == "-" else article_files(src))
    seen: dict[str, str] = {}
    for item in plan:
        articles = read_stream(stdin) if item is None else read_file(item)
        for article in articles:
            where = article.path or "-"
            if article.id in seen:
                raise InputError(where, f"duplicate article id {article.id!r} (also in {seen[article.id]})")
            seen[article.id] = where
            yield article
