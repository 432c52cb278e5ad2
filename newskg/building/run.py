"""How a build runs: articles -> records cache -> one graph -> exports.

Articles stream in; each is hashed, and only those whose records are not
already in the output's records cache (:mod:`newskg.building.store`) are
parsed, in batches of :data:`CHUNK` on an executor
(:mod:`newskg.building.executors`). Workers return encoded records, never
``Doc`` objects; this process only stores them. Then the graph is resolved
from every cached article, sorted by id, so the result is the same whatever
the number of workers, the order of the files, the executor, or how many
builds it took.
"""
from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from core.errors import InputError, NewskgError, OutputError
from core.records import Article

from . import graph_stage
from .cache_key import fingerprint
from .executors import chunks, run_dask, run_local
from .exporting import write_exports
from .extraction import check_model, extract_batch
from .options import BuildOptions
from .result import BuildResult, graph_counts
from .outdir import CACHE_DIR, OutputFolder
from .store import DB_NAME, RecordStore, content_hash

CHUNK = 32  # articles per task: big enough to amortise dispatch, small enough to balance


@dataclass
class BuildStats:
    """What a build did and where its time went (seconds)."""

    extracted: int = 0
    reused: int = 0
    removed: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)

    def add(self, key: str, seconds: float) -> None:
        self.timings[key] = self.timings.get(key, 0.0) + seconds

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time a stage of this process: wall seconds as ``name``, CPU seconds
        as ``cpu_name`` (the cost, whatever else runs on the machine)."""
        wall, cpu = time.perf_counter(), time.process_time()
        yield
        self.add(name, time.perf_counter() - wall)
        self.add(f"cpu_{name}", time.process_time() - cpu)

    def mark_peak(self, stage: str) -> None:
        """Peak resident memory so far: this process, and its largest
        finished child (a worker of the local pool)."""
        import resource

        self.peak_rss_mb[stage] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if children:
            self.peak_rss_mb[f"{stage}_worker"] = children


def _progress(enabled: bool, total: int | None):
    from tqdm import tqdm

    # disable=None: tqdm turns itself off when stderr is not a terminal.
    return tqdm(total=total, unit="article", desc="extract", disable=None if enabled else True,
                file=sys.stderr, dynamic_ncols=True, smoothing=0.1)


def update_records(store: RecordStore, articles: Iterable[Article], options: BuildOptions,
                   total: int | None = None) -> BuildStats:
    """Bring the records cache up to date with ``articles`` (``total`` of them, if known).

    Articles whose content and fingerprint match their cached records are
    skipped. Cached articles that were not given and were extracted by
    another model or extractor are an error (their records cannot be
    reused and there is nothing to re-extract them from), unless they are
    about to be removed.
    """
    model = options.model
    stats = BuildStats()
    fp = fingerprint(model)
    cached = store.index()
    seen: set[str] = set()
    bar = _progress(options.progress, total)

    def todo() -> Iterator[tuple[Article, str]]:
        for a in articles:
            seen.add(a.id)
            h = content_hash(a)
            if cached.get(a.id) == (h, fp):
                stats.reused += 1
                bar.update(1)
                continue
            yield a, h

    started = time.perf_counter()
    batches = chunks(todo(), CHUNK)
    task = partial(extract_batch, model, expected=fp, max_chars=options.max_chars)
    results = (run_dask(task, batches, options.scheduler) if options.executor == "dask"
               else run_local(model, task, batches, options.workers))
    try:
        for res in results:
            store.put(res["rows"])
            stats.extracted += len(res["rows"])
            for stage in ("load", "parse", "extract"):
                stats.add(stage, res[stage])
            bar.update(len(res["rows"]))
    finally:
        bar.close()
    stats.add("extract_wall", time.perf_counter() - started)
    stats.mark_peak("extract")
    skip = seen | set(options.remove)
    stale = sorted((i, f) for i, (_, f) in cached.items() if f != fp and i not in skip)
    if stale:
        raise InputError(
            str(store.path.parent.parent),
            f"{len(stale)} article(s) here (e.g. {stale[0][0]!r}) were extracted by {stale[0][1]!r}, not "
            f"{fp!r}, and are not among the sources: give their sources again, --remove them, or use --fresh")
    return stats


def run_build(articles: Iterable[Article], out: Path, exporters: Sequence, options: BuildOptions,
              total: int | None = None) -> BuildResult:
    """Update ``out``'s records cache, resolve the graph from all of it, put the exports in place.

    The folder is claimed first (:class:`~newskg.building.outdir.OutputFolder`:
    locked, checked to be newskg's); a build that fails removes what it
    wrote only from a folder it created itself.
    """
    from exports import EXPORTERS

    check_model(options.model)
    folder = OutputFolder.claim(out, [e.target for e in exporters], [e.target for e in EXPORTERS.values()],
                                allow_foreign=options.allow_foreign)
    failed = False
    try:
        return _run_build(articles, folder, exporters, options, total)
    except NewskgError:
        failed = True
        raise
    except sqlite3.DatabaseError as exc:
        failed = True
        raise _cache_error(out, exc) from None
    except OSError as exc:  # a full disk, a read-only folder: whatever it is, it is the output's
        failed = True
        raise OutputError(str(Path(exc.filename or out)), exc) from None
    finally:
        folder.release(failed)


def _cache_error(out: Path, exc: sqlite3.DatabaseError) -> NewskgError:
    db = out / CACHE_DIR / DB_NAME
    text = str(exc)
    if any(word in text for word in ("full", "readonly", "unable to open", "disk I/O")):
        return OutputError(str(db), text)
    return InputError(str(db), f"records cache cannot be read ({text}); rebuild with --fresh")


def check_cache(folder: OutputFolder, index: dict[str, tuple[str, str]] | None) -> None:
    """The records cache (``index``, None when there is no file) must hold
    every article of the graph beside it; otherwise the next graph would
    silently lose the ones it lacks."""
    expected = folder.manifest.articles if folder.manifest is not None else ()
    missing = [a for a in expected if index is None or a not in index]
    if folder.legacy and not index and folder.owned_files():
        expected = missing = ["(unknown)"]
    if not missing:
        return
    state = ("is missing" if index is None else "is empty" if not index
             else f"holds {len(expected) - len(missing)} of the {len(expected)} articles of the graph beside it")
    raise InputError(str(folder.cache / DB_NAME), f"the records cache {state} (e.g. {missing[0]!r} is not in "
                     "it), so this build would drop articles from the graph; build with --fresh from all "
                     "the sources to start the graph again")


def _run_build(articles: Iterable[Article], folder: OutputFolder, exporters: Sequence, options: BuildOptions,
               total: int | None) -> BuildResult:
    out = folder.path
    if not options.fresh and not (folder.cache / DB_NAME).exists():
        check_cache(folder, None)  # before the store is opened, which would create it
    with RecordStore.open(out) as store:
        if options.fresh:
            store.clear()
        else:
            check_cache(folder, store.index())
        remove = options.remove
        missing = [i for i in remove if i not in store.index()]
        if missing:
            raise InputError(f"--remove {missing[0]}", f"no such article in {out}")
        stats = update_records(store, articles, options, total)
        with stats.stage("graph"):  # on the executor too (graph_stage), merged in a fixed order
            held_graph = [graph_stage.build(store, remove, options)]  # _export lets go of it
        counts = graph_counts(held_graph[0])
        _export(held_graph, exporters, folder.staging(), stats, options)
        held = set(store.index()) - set(remove)
        folder.switch([e.target for e in exporters], held)
        # Forget removed articles only once the exports without them are in
        # place: a build killed before this point is simply run again.
        store.delete(remove)
        stats.removed = len(remove)
        stats.mark_peak("build")
    files = tuple(out / e.target for e in exporters)
    return BuildResult(out, files, counts.get("articles", 0), counts, extracted=stats.extracted,
                       reused=stats.reused, removed=stats.removed, timings=dict(stats.timings),
                       peak_rss_mb=dict(stats.peak_rss_mb))


def _export(held_graph: list, exporters: Sequence, staging: Path, stats: BuildStats, options: BuildOptions) -> None:
    """Write every export under ``staging``.

    The networkx view is made once, for the exporters that read it. Written
    one after the other, the exporters of the RDF graph itself (Turtle,
    JSON-LD) go first; then the view is made and the graph is let go of
    before the viewer and Neo4j exports run, so the two are held together
    only while the view is made: ``held_graph`` is emptied then, so that at
    100k articles the graph's gigabyte is not kept under the view's. In
    parallel (forked children share the graph's pages) all of them run at
    once, as before.
    """
    import gc

    parallel = options.workers > 1
    kw = {"viewer_max_nodes": options.viewer_max_nodes}
    graph = held_graph[0]
    plain = [e for e in exporters if not e.uses_view]
    viewers = [e for e in exporters if e.uses_view]
    if not viewers:
        write_exports(exporters, graph, staging, stats, parallel=parallel, **kw)
        return
    from graph.view import to_networkx  # networkx only when an exporter reads the view

    if parallel:
        with stats.stage("view"):
            view = to_networkx(graph)  # made once, read by each exporter that uses it
        write_exports(exporters, graph, staging, stats, parallel=True, view=view, **kw)
        return
    write_exports(plain, graph, staging, stats, parallel=False, **kw)
    with stats.stage("view"):
        view = to_networkx(graph)
    del graph
    held_graph.clear()  # the last reference this build holds
    gc.collect()  # rdflib's graph holds reference cycles: free it now, before the view's exports
    write_exports(viewers, None, staging, stats, parallel=False, view=view, **kw)
