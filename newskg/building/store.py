"""The records cache: what each article yielded, kept in the output folder.

A build keeps one row per article in ``OUT/.newskg/records.sqlite``: the
article id, a hash of the article's content, the fingerprint of what
extracted it (model and version, extractor version and source, record
layout) and the records as compressed JSON. The graph is then resolved
from all rows, so building into an existing output adds new articles
without parsing the old ones again and gives the same graph as a build
from scratch.

SQLite commits each batch as one transaction, so a build killed at any
moment leaves every finished batch behind and nothing half-written; the
next build picks up from there. Records are JSON, not pickle: a records
cache found in a folder cannot run code.

>>> from core.records import Article, ArticleRecords
>>> r = ArticleRecords(Article("a1", "Kyiv fell."))
>>> decode_records(encode_records(r)) == r
True
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
import types
import typing
import zlib
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Self

from core.records import Article, ArticleRecords

from core.errors import InputError, OutputError

from .outdir import CACHE_DIR, BuildLocked

DB_NAME = "records.sqlite"
LOCK_NAME = "lock"


# -- records <-> JSON --------------------------------------------------------

def _plain(obj: object) -> object:
    """Dataclasses as lists of field values (compact, in field order)."""
    if dataclasses.is_dataclass(obj):
        return [_plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)]
    if isinstance(obj, tuple):
        return [_plain(x) for x in obj]
    return obj


@cache
def _decoder(tp: object) -> Callable[[object], object]:
    """A function that rebuilds a value of type ``tp`` from its plain form."""
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        subs = [_decoder(hints[f.name]) for f in dataclasses.fields(tp)]
        return lambda v: tp(*[d(x) for d, x in zip(subs, v)])
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            each = _decoder(args[0])
            return lambda v: tuple(each(x) for x in v)
        parts = [_decoder(a) for a in args]
        return lambda v: tuple(d(x) for d, x in zip(parts, v))
    if origin in (typing.Union, types.UnionType):
        inner = _decoder(next(a for a in args if a is not type(None)))
        return lambda v: None if v is None else inner(v)
    return lambda v: v


def encode_records(r: ArticleRecords) -> bytes:
    """Records as compressed JSON (exact: floats round-trip, tuples stay tuples)."""
    text = json.dumps(_plain(r), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return zlib.compress(text.encode("utf-8"), 6)


def decode_records(blob: bytes) -> ArticleRecords:
    return _decoder(ArticleRecords)(json.loads(zlib.decompress(blob)))


def record_layout() -> str:
    """A digest of the record classes' fields and types: a new field or
    type changes it, so records in an older layout are not reused."""
    seen: dict[str, str] = {}

    def walk(tp: object) -> None:
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            if tp.__name__ in seen:
                return
            hints = typing.get_type_hints(tp)
            seen[tp.__name__] = ",".join(f"{f.name}:{hints[f.name]}" for f in dataclasses.fields(tp))
            for f in dataclasses.fields(tp):
                walk(hints[f.name])
        for a in typing.get_args(tp):
            walk(a)

    walk(ArticleRecords)
    return hashlib.sha256(repr(sorted(seen.items())).encode()).hexdigest()[:16]


def content_hash(a: Article) -> str:
    """What an article's records depend on: every field but ``content``
    (which is derived from ``text``)."""
    fields = [getattr(a, f.name) for f in dataclasses.fields(a) if f.name != "content"]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


# -- the store ----------------------------------------------------------------

class RecordStore:
    """The records cache of one output folder (a SQLite file)."""

    def __init__(self, db: sqlite3.Connection, path: Path, lock_fd: int | None):
        self.db = db
        self.path = path
        self._lock_fd = lock_fd

    @classmethod
    def open(cls, out_dir: Path, readonly: bool = False) -> RecordStore:
        """Open (creating if needed) the cache under ``out_dir``; a writer
        holds a lock so two builds never write one folder at once."""
        folder = Path(out_dir) / CACHE_DIR
        lock_fd = None
        if not readonly:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise InputError(str(out_dir), exc.strerror or "cannot create the output folder") from None
            lock_fd = _lock(folder / LOCK_NAME, out_dir)
        path = folder / DB_NAME
        if readonly and not path.exists():
            raise InputError(str(out_dir), "no records cache here (not a newskg build output)")
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro" if readonly else str(path), uri=readonly,
                                 isolation_level=None)
            if not readonly:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute("CREATE TABLE IF NOT EXISTS records (id TEXT PRIMARY KEY, hash TEXT NOT NULL, "
                           "fingerprint TEXT NOT NULL, data BLOB NOT NULL)")
        except sqlite3.DatabaseError as exc:
            if lock_fd is not None:
                os.close(lock_fd)
            if isinstance(exc, sqlite3.OperationalError) and any(
                    w in str(exc) for w in ("full", "readonly", "unable to open", "disk I/O")):
                raise OutputError(str(path), str(exc)) from None  # the disk, not the cache
            raise InputError(str(path), f"records cache cannot be read ({exc}); rebuild with --fresh") from None
        return cls(db, path, lock_fd)

    def close(self) -> None:
        self.db.close()
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def clear(self) -> None:
        self.db.execute("DELETE FROM records")

    def index(self) -> dict[str, tuple[str, str]]:
        """article id -> (content hash, fingerprint), for every cached article."""
        return {i: (h, f) for i, h, f in self.db.execute("SELECT id, hash, fingerprint FROM records")}

    def put(self, rows: Iterable[tuple[str, str, str, bytes]]) -> None:
        """Store (id, hash, fingerprint, encoded records) rows in one transaction."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?)", rows)

    def delete(self, ids: Iterable[str]) -> None:
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("DELETE FROM records WHERE id = ?", [(i,) for i in ids])

    def records(self, without: Iterable[str] = ()) -> Iterator[ArticleRecords]:
        """Every cached article's records, by id, except ``without``."""
        for article_id, blob in self.blobs(without):
            yield self.decode(article_id, blob)

    def blobs(self, without: Iterable[str] = ()) -> Iterator[tuple[str, bytes]]:
        """(id, encoded records) of every cached article, by id, except ``without``."""
        skip = set(without)
        for article_id, blob in self.db.execute("SELECT id, data FROM records ORDER BY id"):
            if article_id not in skip:
                yield article_id, blob

    def decode(self, article_id: str, blob: bytes) -> ArticleRecords:
        return decode_row(str(self.path), article_id, blob)


def decode_row(db: str, article_id: str, blob: bytes) -> ArticleRecords:
    """:func:`decode_records` of the row of ``article_id`` in the cache ``db``;
    a row that cannot be decoded is an :class:`InputError` naming ``--fresh``."""
    try:
        return decode_records(blob)
    except (zlib.error, ValueError, TypeError, IndexError, KeyError, AttributeError) as exc:
        raise InputError(db, f"the cached records of article {article_id!r} are corrupt "
                         f"({type(exc).__name__}); rebuild with --fresh") from None


def _lock(path: Path, out_dir: Path) -> int:
    import fcntl

    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise BuildLocked(str(out_dir), "another newskg build is writing this output folder") from None
    return fd
