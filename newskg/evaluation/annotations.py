"""Annotated cases: read them, check them, and find the passages they name.

The format is documented in ``tests/annotations/README.md``. A case names an
article (``source`` + ``article``) and a passage in it (``text`` or
``span``), and lists what a reader expects from that passage.

>>> a = parse_annotations(['{"aliases": {"Kyiv": ["Kiev"]}}',
...     '{"id": "c1", "source": "seeds", "article": "a", "text": "Kiev fell.", "entities": [["Kyiv", "City"]]}'], "x")
>>> a.aliases["Kyiv"], a.cases[0].expected["entities"][0]
(('Kiev',), {'name': 'Kyiv', 'type': 'City'})
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from core.records import Article

from ..reading.articles import json_lines, parse_jsonl_record
from ..reading.sources import read_file
from core.errors import CorporaNotGivenError, InputError

CATEGORIES = ("entities", "triples", "statements", "claims")
MUST_NOT_KINDS = ("any", "entity", "triple", "statement", "claim")
_CASE_FIELDS = frozenset((
    "id", "source", "article", "domain", "text", "span", "sha1", "occurrence", "metadata", "tags",
    "entities", "triples", "statements", "claims", "optional", "must_not", "known_gap", "note",
))
#: What a case's ``domain`` may name (the README's list); by-domain figures group by it.
DOMAINS = ("business", "crime", "disaster", "entertainment", "health", "politics", "science", "sport", "tech", "world")
SEEDS = "seeds"
CORPORA_ENV = "NEWSKG_CORPORA"  # the corpora folder, when --corpora is not given


@dataclass(frozen=True)
class Case:
    """One annotated passage; ``expected``/``optional`` map a category to its items (plain dicts)."""

    id: str
    source: str
    article: str
    expected: dict[str, tuple[dict, ...]]
    optional: dict[str, tuple[dict, ...]] = field(default_factory=dict)
    must_not: tuple[dict, ...] = ()
    text: str = ""
    span: tuple[int, int] | None = None
    sha1: str = ""
    occurrence: int = 1
    metadata: bool = False
    tags: tuple[str, ...] = ()
    known_gap: str = ""
    note: str = ""
    domain: str = ""  # one of DOMAINS, or "" for none
    where: str = ""  # file:line, for messages

    @property
    def key(self) -> tuple[str, str]:
        return (self.source, self.article)


@dataclass(frozen=True)
class Annotations:
    path: Path
    aliases: dict[str, tuple[str, ...]]
    cases: tuple[Case, ...]


def _triple(item: object, where: str) -> dict:
    if isinstance(item, list) and len(item) == 3:
        return {"subject": item[0], "relation": item[1], "object": item[2]}
    if isinstance(item, dict) and {"subject", "relation", "object"} <= item.keys():
        return item
    raise InputError(where, f"a triple is [subject, relation, object] or an object with those keys, not {item!r}")


def _entity(item: object, where: str) -> dict:
    if isinstance(item, list) and len(item) == 2:
        return {"name": item[0], "type": item[1]}
    if isinstance(item, dict) and "name" in item:
        return item
    raise InputError(where, f"an entity is [name, type] or an object with a name, not {item!r}")


def _object(item: object, where: str, what: str) -> dict:
    if not isinstance(item, dict):
        raise InputError(where, f"a {what} is an object, not {item!r}")
    return item


_SHAPERS = {
    "entities": _entity,
    "triples": _triple,
    "statements": lambda i, w: _object(i, w, "statement"),
    "claims": lambda i, w: _object(i, w, "claim"),
}


def _items(record: dict, where: str) -> dict[str, tuple[dict, ...]]:
    out = {}
    for cat in CATEGORIES:
        items = record.get(cat, [])
        if not isinstance(items, list):
            raise InputError(where, f"{cat!r} must be a list")
        out[cat] = tuple(_SHAPERS[cat](i, where) for i in items)
    for item in out["claims"]:
        if not isinstance(item.get("value"), int):
            raise InputError(where, f"a claim needs an integer 'value', not {item.get('value')!r}")
    return out


def _case(record: dict, where: str) -> Case:
    unknown = set(record) - _CASE_FIELDS
    if unknown:
        raise InputError(where, f"unknown field(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(_CASE_FIELDS))}")
    for name in ("id", "source", "article"):
        if not isinstance(record.get(name), str) or not record[name]:
            raise InputError(where, f"a case needs a non-empty string {name!r}")
    span = record.get("span")
    if span is not None and not (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)
                                 and 0 <= span[0] < span[1] and isinstance(record.get("sha1"), str)):
        raise InputError(where, "'span' must be [start, end) with start < end, and come with its 'sha1'")
    if "domain" in record and record["domain"] not in DOMAINS:
        raise InputError(where, f"unknown domain {record['domain']!r}; known: {', '.join(DOMAINS)}")
    if not record.get("metadata") and span is None and not record.get("text"):
        raise InputError(where, "a case needs 'text', 'span' or 'metadata': true")
    must_not = record.get("must_not", [])
    for rule in must_not:
        if not isinstance(rule, dict) or rule.get("kind") not in MUST_NOT_KINDS:
            raise InputError(where, f"a must_not rule needs a kind from: {', '.join(MUST_NOT_KINDS)}; got {rule!r}")
    optional = record.get("optional", {})
    if not isinstance(optional, dict) or set(optional) - set(CATEGORIES):
        raise InputError(where, f"'optional' must be an object with keys from: {', '.join(CATEGORIES)}")
    return Case(
        id=record["id"], source=record["source"], article=record["article"],
        expected=_items(record, where), optional=_items(optional, where), must_not=tuple(must_not),
        text=record.get("text", ""), span=tuple(span) if span else None, sha1=record.get("sha1", ""),
        occurrence=int(record.get("occurrence", 1)), metadata=bool(record.get("metadata")),
        tags=tuple(record.get("tags", ())), known_gap=str(record.get("known_gap", "")),
        note=str(record.get("note", "")), domain=record.get("domain", ""), where=where,
    )


def parse_annotations(lines: Iterable[str], path: str | Path) -> Annotations:
    """Alias tables and cases from JSONL lines; bad lines raise InputError naming file:line."""
    aliases: dict[str, list[str]] = {}
    cases: list[Case] = []
    seen: dict[str, str] = {}
    for where, _, record in json_lines(lines, path):
        if not isinstance(record, dict):
            raise InputError(where, "each line must be a JSON object")
        if "aliases" in record:
            table = record["aliases"]
            if not isinstance(table, dict) or not all(isinstance(v, list) for v in table.values()):
                raise InputError(where, "'aliases' must map a name to a list of names")
            for name, alts in table.items():
                aliases.setdefault(name, []).extend(str(a) for a in alts)
            continue
        case = _case(record, where)
        if case.id in seen:
            raise InputError(where, f"duplicate case id {case.id!r} (also at {seen[case.id]})")
        seen[case.id] = where
        cases.append(case)
    return Annotations(Path(path), {k: tuple(v) for k, v in aliases.items()}, tuple(cases))


def load_annotations(path: str | Path) -> Annotations:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), getattr(exc, "strerror", None) or "cannot be read as UTF-8") from None
    annotations = parse_annotations(text.splitlines(), path)
    if not annotations.cases:
        raise InputError(str(path), "no cases")
    return annotations


def repo_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding pyproject.toml (else the current folder)."""
    for folder in [start, *start.parents]:
        if (folder / "pyproject.toml").is_file():
            return folder
    return Path.cwd()


def corpora_dir(corpora: str | Path | None = None, source: str = "") -> Path:
    """The folder that holds the corpora: ``corpora`` (``--corpora``), else
    ``$NEWSKG_CORPORA``; neither is a :class:`CorporaNotGivenError` naming
    both (and ``source``, the corpus a case needs)."""
    if corpora:
        return Path(corpora)
    if os.environ.get(CORPORA_ENV):
        return Path(os.environ[CORPORA_ENV])
    raise CorporaNotGivenError(source)


def _jsonl_articles(path: Path, wanted: set[str]) -> dict[str, Article]:
    found = {}
    with path.open(encoding="utf-8") as f:
        for _, number, record in json_lines(f, path):
            if isinstance(record, dict) and str(record.get("id", "")).strip() in wanted:
                article = parse_jsonl_record(record, str(path), number)
                found[article.id] = article
    return found


def read_case_articles(annotations: Annotations, corpora: str | Path | None = None) -> dict[tuple[str, str], Article]:
    """Every article the cases reference, read as ``newskg build`` reads it.

    ``seeds`` articles come from the repository's ``seeds/``; a corpus from
    ``articles/<source>.jsonl`` beside the annotation file if it holds the
    article, else from ``<corpora>/<source>/<source>.jsonl``, ``<corpora>``
    being ``corpora`` (``--corpora``) or ``$NEWSKG_CORPORA`` (see
    :func:`corpora_dir`).
    """
    here = annotations.path.resolve().parent
    wanted: dict[str, set[str]] = {}
    for case in annotations.cases:
        wanted.setdefault(case.source, set()).add(case.article)
    out: dict[tuple[str, str], Article] = {}
    for source, ids in sorted(wanted.items()):
        if source == SEEDS:
            for article_id in sorted(ids):
                path = repo_root(here) / SEEDS / f"{article_id}.txt"
                if not path.is_file():
                    raise InputError(str(path), f"seed article {article_id!r} not found")
                out[(source, article_id)] = next(read_file(path))
            continue
        local = here / "articles" / f"{source}.jsonl"
        found = _jsonl_articles(local, ids) if local.is_file() else {}
        tried = [local]
        if ids - found.keys():  # only then is the corpora folder needed
            shared = corpora_dir(corpora, source) / source / f"{source}.jsonl"
            tried.append(shared)
            if shared.is_file():
                found.update(_jsonl_articles(shared, ids - found.keys()))
        if missing := ids - found.keys():
            raise InputError(" or ".join(map(str, tried)),
                             f"article(s) {', '.join(sorted(missing))} of source {source!r} not found")
        out.update(((source, article_id), article) for article_id, article in found.items())
    return out


def passage(case: Case, article: Article) -> tuple[int, int]:
    """The [start, end) character span of the case's passage in ``article.text``."""
    text = article.text
    if case.metadata:
        return (0, 0)
    if case.span is not None:
        start, end = case.span
        got = hashlib.sha1(text[start:end].encode("utf-8")).hexdigest()[: len(case.sha1)]
        if end > len(text) or got != case.sha1:
            raise InputError(case.where, f"span {list(case.span)} of article {case.article!r} no longer matches its sha1 (the corpus changed?)")
        return (start, end)
    start = -1
    for _ in range(max(case.occurrence, 1)):
        start = text.find(case.text, start + 1)
        if start < 0:
            raise InputError(case.where, f"text of case {case.id!r} not found in article {case.article!r}")
    return (start, start + len(case.text))


def resolve_text_spans(case: Case, article: Article) -> Case:
    """Replace ``text_span`` in expected statements by the text it points at."""
    def fix(items: Sequence[dict]) -> tuple[dict, ...]:
        out = []
        for item in items:
            if "text_span" in item:  # [start, end] or a list of them (alternative readings)
                spans = item["text_span"]
                spans = [spans] if spans and isinstance(spans[0], int) else spans
                texts = [article.text[s:e] for s, e in spans]
                item = {**{k: v for k, v in item.items() if k != "text_span"}, "text": texts}
            out.append(item)
        return tuple(out)

    from dataclasses import replace

    return replace(case, expected={**case.expected, "statements": fix(case.expected["statements"])},
                   optional={**case.optional, "statements": fix(case.optional.get("statements", ()))})
