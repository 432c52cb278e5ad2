"""Oxigraph stores for ``newskg query``: built once per graph, then reused.

Parsing the Turtle file is most of a query's time on a corpus (about 0.7 s
of each call on the 397-article Ukraine graph). For a graph in a build's
output folder (``OUT/graph.ttl`` beside ``OUT/.newskg/``), the first query
loads it into an on-disk store ``OUT/.newskg/sparql/<hash>`` keyed by the
SHA-256 of the Turtle file; the next queries open that store read-only. A
changed graph has another hash, so a stale store is never read. Each
process that reads a store holds its ``newskg-reader.lock`` shared
(``flock``) until it ends and sets the lock file's time (the store's last
use). When a new store is in place, the older ones are removed only if
nobody holds their lock and nobody has opened them for
:data:`STALE_STORE_S` (10 minutes): a query still running on the old graph
keeps its store, and an older newskg that takes no lock gets 10 minutes. A store is built in a temporary
folder beside it and renamed into place, so a reader sees a whole store or
none, and two queries building at once both end with the same one. Where
the folder cannot be written (read-only), the graph is loaded in memory as
for any other Turtle file.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path

from core.errors import InputError

CACHE_DIR = ".newskg"  # the output folder's cache (see newskg.building.store)
STORES = "sparql"
_HASH_CHARS = 32
STALE_BUILD_S = 3600  # a store still being built after this long was abandoned (a killed query)
STALE_STORE_S = 600  # an older graph's store unopened this long, and not locked, is removed
READER_LOCK = "newskg-reader.lock"  # in a store: held shared by each process that reads it
_HELD: list = []  # the reader locks of this process: released when it ends


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def graph_hash(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
    except OSError as exc:
        raise InputError(str(path), exc.strerror or "cannot be read") from None
    return digest.hexdigest()[:_HASH_CHARS]


def cache_folder(graph: Path) -> Path | None:
    """Where the stores of ``graph`` live, if it is a build's graph; else None."""
    cache = graph.parent / CACHE_DIR
    return cache / STORES if cache.is_dir() and not cache.is_symlink() else None


def load_into(store, graph: Path) -> None:
    """Bulk-load the Turtle file ``graph`` into ``store``; a broken or unreadable file is an InputError."""
    import pyoxigraph as ox

    try:
        store.bulk_load(path=str(graph), format=ox.RdfFormat.TURTLE)
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise InputError(str(graph), f"not valid Turtle ({reason})") from None
    except OSError as exc:
        raise InputError(str(graph), exc.strerror or "cannot be read") from None


def memory_store(graph: Path):
    import pyoxigraph as ox

    if not graph.is_file():
        raise InputError(str(graph), "no such file")
    store = ox.Store()
    load_into(store, graph)
    return store


def _reading(store: Path):
    """The store's reader lock, held shared (``flock``) until this process ends, and its mtime set
    to now (the store's last use); None if the store is gone (a cleaner removed it)."""
    try:
        lock = open(store / READER_LOCK, "a")  # noqa: SIM115 - held while the store may be read
    except OSError:
        return None
    fcntl.flock(lock, fcntl.LOCK_SH)  # waits for a cleaner that holds it
    if not (store / "CURRENT").is_file():
        lock.close()
        return None
    with contextlib.suppress(OSError):
        os.utime(store / READER_LOCK)
    _HELD.append(lock)
    return lock


def remove_unused_stores(folder: Path, keep: Path) -> list[Path]:
    """Remove the stores in ``folder`` but ``keep`` that nobody reads (their reader lock is free) and
    nobody has opened for :data:`STALE_STORE_S`, and builds killed midway; the ones removed."""
    removed = []
    for other in folder.iterdir():
        if other == keep or other.is_symlink():
            continue
        if other.name.startswith(".building-"):
            if _age(other) > STALE_BUILD_S:
                shutil.rmtree(other, ignore_errors=True)
                removed.append(other)
            continue
        last_use = other / READER_LOCK if (other / READER_LOCK).exists() else other
        if _age(last_use) <= STALE_STORE_S:
            continue  # a query (or an older newskg without the lock) may still be reading it
        try:
            with open(other / READER_LOCK, "a") as lock:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # a running query or endpoint holds it
                shutil.rmtree(other, ignore_errors=True)
                removed.append(other)
        except OSError:
            continue
    return removed


def cached_store_path(graph: Path) -> Path | None:
    """The folder of ``graph``'s store in its output folder's cache, built now if missing, and
    locked for reading while this process runs. None when ``graph`` is not in an output folder or
    the cache cannot be written."""
    import pyoxigraph as ox

    folder = cache_folder(graph)
    if folder is None or not graph.is_file():
        return None
    target = folder / graph_hash(graph)
    for _ in range(2):  # a cleaner may remove the store between the check and the lock: build it again
        if (target / "CURRENT").is_file() and _reading(target):
            return target
        try:
            folder.mkdir(exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=folder))
        except OSError:
            return None
        try:
            store = ox.Store(str(tmp / "store"))
            load_into(store, graph)
            store.flush()
            store.optimize()
            del store
            try:
                os.rename(tmp / "store", target)
            except OSError:  # another query put the same store in place first
                pass
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        if _reading(target):
            remove_unused_stores(folder, keep=target)
            return target
    return None


def cached_store(graph: Path):
    """A read-only store of ``graph`` from its output folder's cache (see :func:`cached_store_path`)."""
    import pyoxigraph as ox

    target = cached_store_path(graph)
    if target is None:
        return None
    try:
        return ox.Store.read_only(str(target))
    except OSError:
        return None


def open_store(graph: Path):
    """The store ``newskg query`` runs on: the output folder's cached one, else the file in memory."""
    return cached_store(graph) or memory_store(graph)
