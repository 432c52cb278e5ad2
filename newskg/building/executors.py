"""Where batches are parsed: ``local`` (this process, or a pool of worker
processes forked from it, so the model loads once) or ``dask`` (the tasks
of a Dask cluster, given the scheduler's address).

Each executor yields a task's results as they finish, with at most a few
batches in flight, so memory does not grow with the corpus.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

from core.errors import InputError, UnknownChoiceError, UsageError

from .extraction import pipeline

EXECUTORS = ("local", "dask")
T = TypeVar("T")


def check_options(workers: int, executor: str, scheduler: str | None) -> None:
    if executor not in EXECUTORS:
        raise UnknownChoiceError("executor", executor, EXECUTORS)
    if not isinstance(workers, int) or workers < 1:
        raise UsageError(f"--workers must be a whole number of at least 1, not {workers!r}")
    if executor == "dask" and not scheduler:
        raise UsageError("--executor dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
    if executor == "local" and scheduler:
        raise UsageError("--scheduler is only used with --executor dask")


def chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run_local(model: str | None, task: Callable[[list], T], batches: Iterable, workers: int) -> Iterator[T]:
    """Results of ``task`` (:func:`~newskg.building.extraction.extract_batch`, or
    :func:`~newskg.building.graph_stage.graph_part` with no ``model``) for each
    batch, in this process or a pool, as they finish."""
    if workers == 1:
        for batch in batches:
            yield task(batch)
        return
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from itertools import chain

    batches = iter(batches)
    if (first := next(batches, None)) is None:
        return  # nothing to do (every article unchanged, or only --remove): no model, no pool
    batches = chain([first], batches)
    if model is not None:
        pipeline(model)  # load once here; forked workers inherit it
    import gc

    gc.freeze()  # the model's objects: never scanned by a worker's collector, so their pages stay shared
    method = "fork" if "fork" in mp.get_all_start_methods() else None
    try:
        with ProcessPoolExecutor(workers, mp_context=mp.get_context(method)) as pool:
            yield from _windowed(lambda b: pool.submit(task, b), batches, 2 * workers,
                                 lambda fs: wait(fs, return_when=FIRST_COMPLETED), lambda f: f.result())
    finally:
        gc.unfreeze()  # the pool is gone: this process collects everything again


def run_dask(task: Callable[[list], T], batches: Iterable, scheduler: str) -> Iterator[T]:
    """Results of ``task`` for each batch, computed on a Dask cluster, as they
    finish (each task's key is named after ``task``)."""
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


def _windowed(submit: Callable, batches: Iterable, width: int, wait_first: Callable,
              result: Callable) -> Iterator:
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


def in_order(results: Iterable[tuple[int, T]]) -> Iterator[T]:
    """Results numbered 0, 1, 2 ... that arrive in any order, yielded in
    number order as soon as each is due (held back: at most the window)."""
    held: dict[int, T] = {}
    due = 0
    for index, result in results:
        held[index] = result
        while due in held:
            yield held.pop(due)
            due += 1
    if held:
        raise RuntimeError(f"results {sorted(held)[:3]} came without result {due}")
