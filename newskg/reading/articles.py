"""Articles from ``.txt`` text and JSONL records: metadata, content, checks.

Reading files, folders and stdin, with every bad input reported as a
problem rather than raised, is in :mod:`newskg.reading.sources`. A whole
HTML page is read by :mod:`newskg.reading.htmltext`;
:mod:`newskg.reading.language` spots text that is not English.

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
from dataclasses import replace

from core.records import Article

from core.errors import InputError
from .htmltext import html_text, looks_like_html
from .language import not_english

ARTICLE_SUFFIXES = (".txt", ".jsonl")
JSONL_FIELDS = ("id", "title", "date", "source", "url", "text")
#: spaCy's own default ``max_length``. Its parser and NER need about 1 GB
#: of memory per 100,000 characters, so a longer "article" is almost
#: always a dump of many, or not an article at all.
DEFAULT_MAX_CHARS = 1_000_000

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
    return blank_spans(text, [(start, end)])


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace each span with spaces, keeping newlines and length, in one
    pass (an article may have thousands of furniture lines)."""
    if not spans:
        return text
    out, pos = [], 0
    for start, end in sorted(spans):
        start = max(start, pos)
        out.append(text[pos:start])
        out.append(re.sub(r"[^\n]", " ", text[start:end]))
        pos = max(pos, end)
    out.append(text[pos:])
    return "".join(out)


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
    """Split a plain-text article into metadata and content.

    A whole HTML page is read as one (see :mod:`newskg.reading.htmltext`): its
    prose is the content, ``<title>`` or ``og:title`` the title.
    """
    if looks_like_html(text):
        return _html_article(article_id, text, path)
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
    content = blank_spans(content, furniture_lines(content))
    return Article(
        id=clean_field(article_id),
        text=clean_field(text),
        title=clean_field(title),
        date=date,
        source=clean_field(source),
        dateline=tuple(clean_field(p) for p in places),
        byline=clean_field(byline),
        path=path,
        content=clean_content(content),
    )


def _html_article(article_id: str, text: str, path: str) -> Article:
    page = html_text(text)
    content = blank_spans(page.content, furniture_lines(page.content))
    return Article(id=clean_field(article_id), text=clean_field(text), title=clean_field(page.title),
                   date=page.date, source=clean_field(page.source), path=path, content=clean_content(content))


# Same-length replacements, so offsets into the text stay right: line
# breaks other than \n become \n (spaCy's sentence rule sees only \n),
# other control characters spaces (no export, XML least of all, wants a
# NUL), lone surrogates (from JSON escapes) U+FFFD.
_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_FIELD_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_content(text: str) -> str:
    """Article content as the model should see it (same length).

    >>> clean_content("a\\x00b\\u2028c\\ud800")
    'a b\\nc\\ufffd'
    """
    return _SURROGATES.sub("\ufffd", _CONTROLS.sub(" ", _BREAKS.sub("\n", text)))


def clean_field(text: str) -> str:
    """A metadata field or raw text that any export can hold: no control
    characters but tab and line breaks, no lone surrogates (same length)."""
    return _SURROGATES.sub("\ufffd", _FIELD_CONTROLS.sub(" ", text))


#: Longer runs without whitespace are blanked: base64 images, minified
#: scripts, encoded data. No fact lives there, and spaCy's tokenizer takes
#: time quadratic in a run's length when it is punctuation (8,000
#: characters of "!?": 11 s).
MAX_RUN = 500
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def blank_long_runs(article: Article) -> tuple[Article, list[int]]:
    """The article with runs of over :data:`MAX_RUN` non-space characters
    blanked in its content, and the lengths of those runs."""
    spans = [m.span() for m in _LONG_RUN.finditer(article.content)]
    if not spans:
        return article, []
    return replace(article, content=blank_spans(article.content, spans)), [end - start for start, end in spans]


def too_long(chars: int, max_chars: int) -> str:
    return (f"article is {chars:,} characters, more than --max-chars {max_chars:,} "
            "(split it, or raise --max-chars if you have the memory: spaCy needs about 1 GB per 100,000)")


def check_article(article: Article, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Why ``article`` is not worth building, or ``""``."""
    if len(article.text) > max_chars:
        return too_long(len(article.text), max_chars)
    if not article.text.strip():
        return "empty article"
    # Judge the language first: the furniture rule blanks lines that do not
    # end in "." (or "!", "?", ...), and so all of a Chinese or Japanese text.
    prose = article.content.strip()
    foreign = not_english(article.content if prose else article.text)
    if foreign or prose:
        return foreign
    return NO_PROSE


NO_PROSE = "no article text: only a headline, metadata or page furniture (short lines without a full stop)"


def _jsonl_field(record: dict, key: str) -> str:
    value = record.get(key)
    if value is None:
        return ""
    return clean_field(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", int: "a number",
            float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def parse_jsonl_record(record: object, path: str = "", line: int = 0,
                       max_chars: int = DEFAULT_MAX_CHARS) -> Article:
    """Turn one JSONL object into an Article; fields beyond the known ones
    are kept. Raises :class:`InputError` (path, line, reason) if it cannot be one.

    >>> parse_jsonl_record({"id": 7, "text": "Kyiv held.", "lang": "en"}).extra
    (('lang', '"en"'),)
    >>> parse_jsonl_record({"id": "a", "text": 3}, "in.jsonl", 2)
    Traceback (most recent call last):
    ...
    core.errors.InputError: in.jsonl:2: 'text' is a number, not a string
    """
    def bad(reason: str) -> InputError:
        return InputError(path, reason, line)

    if not isinstance(record, dict):
        raise bad(f"a JSONL line must be a JSON object, not {_kind(record)}")
    text = record.get("text")
    if "text" not in record or text is None:
        raise bad("no 'text' field")
    if not isinstance(text, str):
        raise bad(f"'text' is {_kind(text)}, not a string")
    if not text.strip():
        raise bad("empty 'text'")
    if len(text) > max_chars:
        raise bad(too_long(len(text), max_chars))
    article_id = record.get("id")
    if article_id is None or article_id == "":
        raise bad("no 'id' field")
    if isinstance(article_id, bool) or not isinstance(article_id, (str, int)):
        raise bad(f"'id' is {_kind(article_id)}; it must be a string or an integer")
    article_id = str(article_id).strip()
    if not article_id:
        raise bad("'id' is blank")
    if looks_like_html(text):
        page = _html_article(article_id, text, path)
        content, title, date, source = page.content, page.title, page.date, page.source
    else:
        content, title, date, source = blank_spans(text, furniture_lines(text)), "", "", ""
    date_match = _ISO_DATE.search(_jsonl_field(record, "date"))
    extra = tuple(
        (clean_field(k), clean_field(json.dumps(v, ensure_ascii=False, sort_keys=True)))
        for k, v in sorted(record.items())
        if k not in JSONL_FIELDS
    )
    return Article(
        id=clean_field(article_id),
        text=clean_field(text),
        title=_jsonl_field(record, "title") or title,
        date=date_match.group(1) if date_match else date,
        source=_jsonl_field(record, "source") or source,
        url=_jsonl_field(record, "url"),
        path=path,
        extra=extra,
        content=clean_content(content),
    )


def json_lines(lines: Iterable[str], path: str | os.PathLike) -> Iterator[tuple[str, int, object]]:
    """(``file:line``, line number, value) for each non-blank JSON line of a
    trusted file (annotations); invalid JSON is an InputError. Article input
    goes through :mod:`newskg.reading.sources`, which skips and reports bad lines."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            yield where, number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"not valid JSON ({exc.msg})", number) from None

