"""Oxigraph stores for ``newskg query``: built once per graph, then reused.

Parsing the Turtle file is most of a query's time on a corpus (about 0.7 s
of each call on the 397-article Ukraine graph). For a graph in a build's
output folder (``OUT/graph.ttl`` beside ``OUT/.newskg/``), the first query
loads it into an on-disk store ``OUT/.newskg/sparql/<hash>`` keyed by the
SHA-256 of the Turtle file; the next queries open that store read-only. A
changed graph has another hash, so a stale store is never read; it is
removed when the new one is in place. A store is built in a temporary
folder beside it and renamed into place, so a reader sees a whole store or
none, and two queries building at once both end with the same one. Where
the folder cannot be written (read-only), the graph is loaded in memory as
for any other Turtle file.
"""
from __future__ import annotations

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


def cached_store(graph: Path):
    """A read-only store of ``graph`` from its output folder's cache, built now if missing or stale.

    None when ``graph`` is not in an output folder or the cache cannot be written.
    """
    import pyoxigraph as ox

    folder = cache_folder(graph)
    if folder is None or not graph.is_file():
        return None
    target = folder / graph_hash(graph)
    if not (target / "CURRENT").is_file():
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
        for other in folder.iterdir():  # stores of older versions of the graph, builds killed midway
            building = other.name.startswith(".building-")
            if other != target and (not building or _age(other) > STALE_BUILD_S):
                shutil.rmtree(other, ignore_errors=True)
    try:
        return ox.Store.read_only(str(target))
    except OSError:
        return None


def open_store(graph: Path):
    """The store ``newskg query`` runs on: the output folder's cached one, else the file in memory."""
    return cached_store(graph) or memory_store(graph)
