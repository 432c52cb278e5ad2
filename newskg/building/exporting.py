"""A build's exports: written one after the other, or all at once in forked processes.

Every exporter reads the same graph (and networkx view) and writes its own
target under the staging folder (:meth:`~newskg.building.outdir.OutputFolder.staging`),
so they are independent. With ``parallel`` (a build of more than one
worker), each exporter but the first runs in a child forked from this
process, where the graph already is (fork shares it copy-on-write), while
this process writes the first. The switch comes after all of them, as before.

A child reports back through a pipe: its timings and the exception that
ended it, if any, which this process raises again as it is; of several, the
first in exporter order, so the error a user sees does not depend on timing.
A child that dies without reporting (the OOM killer, ``kill -9``) is an
:class:`~core.errors.OutputError` naming its target. This process reaps every
child before it returns or raises, so nothing writes into the staging
folder after a build has failed; until then the children hold the folder's
lock (the inherited descriptor), so no other build can start either.
"""
from __future__ import annotations

import os
import pickle
import signal
import time
import traceback
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from core.errors import OutputError

if TYPE_CHECKING:
    from exports import Exporter


class BuildStats(Protocol):
    """Where the timings go (:class:`newskg.building.run.BuildStats`)."""

    def stage(self, name: str) -> AbstractContextManager[None]: ...

    def add(self, key: str, seconds: float) -> None: ...


def write_exports(exporters: Sequence[Exporter], graph, staging: Path, stats: BuildStats, parallel: bool,
                  **options) -> None:
    """Write each exporter's target under ``staging``, timing each as ``export_NAME``."""
    with stats.stage("exports"):
        if parallel and len(exporters) > 1 and hasattr(os, "fork"):
            _write_forked(exporters, graph, staging, stats, options)
            return
        for e in exporters:
            with stats.stage(f"export_{e.name}"):
                e.write(graph, staging, **options)


def _write_forked(exporters: Sequence[Exporter], graph, staging: Path, stats: BuildStats, options: dict) -> None:
    import gc
    import sys

    sys.stdout.flush()
    sys.stderr.flush()  # nothing buffered is written twice
    gc.freeze()  # the graph's objects: no child's collector scans them, so their pages stay shared
    children: list[tuple[Exporter, int, int]] = []
    failures: list[BaseException] = []
    try:
        for e in exporters[1:]:
            children.append((e, *_fork(e, graph, staging, options)))
        try:
            with stats.stage(f"export_{exporters[0].name}"):
                exporters[0].write(graph, staging, **options)
        except BaseException as exc:
            failures.append(exc)
            for _, pid, _ in children:  # their work is lost anyway: stop it
                _signal(pid, signal.SIGTERM)
    finally:
        for e, pid, fd in children:  # every child, whatever happened here
            failure = _reap(e, pid, fd, staging, stats)
            if failure is not None:
                failures.append(failure)
        gc.unfreeze()
    if failures:
        raise failures[0]


def _fork(e: Exporter, graph, staging: Path, options: dict) -> tuple[int, int]:
    """Start a child that writes ``e``; (its pid, the end of its pipe to read)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    code = 1
    try:  # the child: never returns, never runs this process's cleanup (the store, the lock)
        os.close(read)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        wall, cpu = time.perf_counter(), time.process_time()
        report: dict = {"error": None}
        try:
            e.write(graph, staging, **options)
        except BaseException as exc:
            report["error"] = _portable(exc)
            report["traceback"] = traceback.format_exc()
        report["wall"], report["cpu"] = time.perf_counter() - wall, time.process_time() - cpu
        with os.fdopen(write, "wb") as f:
            pickle.dump(report, f)
        code = 0
    finally:
        os._exit(code)


def _reap(e: Exporter, pid: int, fd: int, staging: Path, stats: BuildStats) -> BaseException | None:
    """Wait for the child writing ``e``; the exception it ended with, if any."""
    with os.fdopen(fd, "rb") as f:
        data = f.read()
    _, status = os.waitpid(pid, 0)
    try:
        report = pickle.loads(data)
    except Exception:  # it died before it could report
        how = (f"killed by {signal.Signals(os.WTERMSIG(status)).name}" if os.WIFSIGNALED(status)
               else f"ended with exit code {os.waitstatus_to_exitcode(status)}")
        return OutputError(str(staging / e.target), f"the process writing it was {how}")
    stats.add(f"export_{e.name}", report["wall"])
    stats.add(f"cpu_export_{e.name}", report["cpu"])
    stats.add("cpu_exports", report["cpu"])
    if report["error"] is None:
        return None
    exc = _restore(report["error"])
    exc.add_note(f"(in the process writing {e.target})\n{report['traceback']}")
    return exc


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def _portable(exc: BaseException) -> bytes:
    """``exc`` pickled so that the parent can raise it again with its type and
    attributes: as it is when it unpickles (OSError keeps its errno and file
    name), else as its type, args and attributes (our errors' ``__init__``
    takes other arguments than the ``args`` they keep)."""
    for payload in (exc, (type(exc), exc.args, vars(exc))):
        try:
            data = pickle.dumps(payload)
            _restore(data)
            return data
        except Exception:
            continue
    return pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))


def _restore(data: bytes) -> BaseException:
    payload = pickle.loads(data)
    if isinstance(payload, BaseException):
        return payload
    cls, args, state = payload
    exc = cls.__new__(cls, *args)
    exc.args = args
    exc.__dict__.update(state)
    return exc
