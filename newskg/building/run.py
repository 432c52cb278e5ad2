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

import shutil
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from core.errors import InputError, NewskgError
from core.records import Article

from .cache_key import fingerprint
from .executors import chunks, run_dask, run_local
from .extraction import check_model, extract_batch
from .options import BuildOptions
from .result import BuildResult, graph_counts
from .store import RecordStore, content_hash

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
    """Update ``out``'s records cache, resolve the graph from all of it, write the exports."""
    check_model(options.model)
    created = not out.exists()
    try:
        return _run_build(articles, out, exporters, options, total)
    except NewskgError:
        if created:  # a failed build into a new folder leaves nothing behind
            shutil.rmtree(out, ignore_errors=True)
        raise


def _run_build(articles: Iterable[Article], out: Path, exporters: Sequence, options: BuildOptions,
               total: int | None) -> BuildResult:
    from exports.atomic import clean_leftovers
    from graph.build import build_graph

    with RecordStore.open(out) as store:
        for e in exporters:
            clean_leftovers(out / e.target)  # from a build that was killed
        if options.fresh:
            store.clear()
        remove = options.remove
        missing = [i for i in remove if i not in store.index()]
        if missing:
            raise InputError(f"--remove {missing[0]}", f"no such article in {out}")
        stats = update_records(store, articles, options, total)
        with stats.stage("graph"):
            graph = build_graph(store.records(without=remove))
        files = []
        for e in exporters:
            with stats.stage(f"export_{e.name}"):
                files.append(e.write(graph, out, viewer_max_nodes=options.viewer_max_nodes))
        # Forget removed articles only once the exports without them are in
        # place: a build killed before this point is simply run again.
        store.delete(remove)
        stats.removed = len(remove)
        stats.mark_peak("build")
    counts = graph_counts(graph)
    return BuildResult(out, tuple(files), counts.get("articles", 0), counts, extracted=stats.extracted,
                       reused=stats.reused, removed=stats.removed, timings=dict(stats.timings),
                       peak_rss_mb=dict(stats.peak_rss_mb))
