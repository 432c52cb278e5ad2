"""The engine behind ``newskg serve``: Oxigraph's server on a temporary store.

* :class:`TempStore`: the graph loaded into an on-disk store in a folder
  ``newskg-serve-*`` of the system's temporary folder. The folder holds a
  ``lock`` file that its ``newskg serve`` keeps locked (``flock``) while it
  runs; the kernel drops the lock when the process ends, however it ends.
  Every start removes the folders whose lock nobody holds, so a store left by
  a ``kill -9`` lives only until the next ``newskg serve`` (of the same user).
* :class:`Backend`: ``oxigraph serve-read-only`` on that store, on a free
  loopback port only the gateway uses. If the engine dies (a crash, a kill),
  the next request starts it again. Every start happens on one long-lived
  thread, because the child's "stop with your parent" signal
  (``setpriv --pdeathsig``) follows the thread that started it.
"""
from __future__ import annotations

import concurrent.futures
import contextlib
import fcntl
import http.client
import math
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from pathlib import Path

from core.errors import InputError, ServiceError

from .stores import load_into

TEMP_PREFIX = "newskg-serve-"


def oxigraph_binary() -> str:
    """The ``oxigraph`` program installed beside this Python (PyPI ``oxigraph``)."""
    dirs = [sysconfig.get_path("scripts"), os.path.dirname(sys.executable), os.environ.get("PATH", "")]
    found = shutil.which("oxigraph", path=os.pathsep.join(d for d in dirs if d))
    if found is None:
        raise ServiceError("the Oxigraph server is not installed: pip install oxigraph")
    return found


def load_store(graph: Path, folder: Path) -> int:
    """Load Turtle into an on-disk Oxigraph store; the number of triples."""
    import pyoxigraph as ox

    if not graph.is_file():
        raise InputError(str(graph), "no such file")
    store = ox.Store(str(folder))
    try:
        load_into(store, graph)
        store.flush()
        return len(store)
    finally:
        del store  # releases the store's lock for the server


def count_triples(folder: Path) -> int:
    """The number of triples of an on-disk store, opened read-only (a cached one is in use elsewhere)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(folder))
    try:
        return len(store)
    finally:
        del store


def remove_stale_stores(parent: Path | None = None) -> list[Path]:
    """Remove the ``newskg-serve-*`` folders whose lock no running ``newskg serve`` holds; the ones removed.

    A folder without a lock file is left alone: it is not one of ours to judge
    (an older newskg's, which may still run).
    """
    parent = Path(parent or tempfile.gettempdir())
    removed = []
    for folder in parent.glob(TEMP_PREFIX + "*"):
        lock = folder / "lock"
        try:
            if folder.is_symlink() or not lock.is_file() or folder.stat().st_uid != os.getuid():
                continue
            with open(lock, "a") as f:
                try:
                    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # a running newskg serve holds it
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        except OSError:
            continue
    return removed


class TempStore:
    """A locked temporary folder for one endpoint's store; :meth:`close` removes it.

    The folder is made and locked under a hidden name, then renamed: a cleaner
    never sees one of ours before its lock is held.
    """

    def __init__(self) -> None:
        remove_stale_stores()
        starting = Path(tempfile.mkdtemp(prefix="." + TEMP_PREFIX))
        self._lock = open(starting / "lock", "a")  # noqa: SIM115 - held for the endpoint's life
        fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self.folder = starting.with_name(starting.name[1:])
        try:
            os.rename(starting, self.folder)
        except OSError:
            self.close(starting)
            raise

    @property
    def store(self) -> Path:
        return self.folder / "store"

    def close(self, folder: Path | None = None) -> None:
        shutil.rmtree(folder or self.folder, ignore_errors=True)
        self._lock.close()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _with_parent(command: list[str]) -> list[str]:
    """``command`` run so that it gets SIGTERM if newskg dies (setpriv --pdeathsig, Linux)."""
    setpriv = shutil.which("setpriv")
    return [setpriv, "--pdeathsig", "TERM", "--", *command] if setpriv else command


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _start(store: Path, timeout: float, log_path: Path, attempts: int = 3) -> tuple[subprocess.Popen, int]:
    """Start ``oxigraph serve-read-only`` on a free loopback port; wait until it answers."""
    binary = oxigraph_binary()
    problems = []
    for _ in range(attempts):  # another process may take the free port first
        port = _free_port()
        with open(log_path, "ab") as log:
            proc = subprocess.Popen(
                _with_parent([binary, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}",
                              "--timeout-s", str(math.ceil(timeout) + 1)]),  # the gateway cuts off first
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/query?query=ASK%7B%7D", headers={"Accept": "application/sparql-results+json"})
                if conn.getresponse().status == 200:
                    return proc, port
            except OSError:
                time.sleep(0.05)
        _stop(proc)
        tail = log_path.read_text(errors="replace").strip().splitlines()[-3:]
        problems.append(f"port {port}: {' / '.join(tail) or 'no answer'}")
    raise ServiceError("the Oxigraph server did not start: " + "; ".join(problems))


class Backend:
    """Oxigraph's server on ``store``, started again whenever it has died; its output goes to ``log``."""

    def __init__(self, store: Path, timeout: float, log: Path, quiet: bool = False):
        self.store, self.timeout, self.log, self.quiet = store, timeout, log, quiet
        self.restarts = 0
        self._proc: subprocess.Popen | None = None
        self._port = 0
        self._lock = threading.Lock()
        self._starter = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="newskg-engine")

    def start(self) -> None:
        self._proc, self._port = self._starter.submit(_start, self.store, self.timeout, self.log).result()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def port(self) -> int:
        """The engine's port, after starting it again if it has died."""
        with self._lock:
            if self._proc is not None and self._proc.poll() is not None:
                if not self.quiet:
                    print(f"newskg serve: the SPARQL engine stopped (exit {self._proc.returncode}); starting it again",
                          file=sys.stderr, flush=True)
                self.restarts += 1
                self.start()
            return self._port

    def connect(self, timeout: float) -> http.client.HTTPConnection:
        """A connection to the engine. One found dead before the request (a crash, a kill, between
        two requests) is started again first; a connection refused means the same, once the kernel
        has reaped it."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port(), timeout=timeout)
        try:
            conn.connect()
        except ConnectionRefusedError:
            if not self.wait_dead():
                raise
            conn = http.client.HTTPConnection("127.0.0.1", self.port(), timeout=timeout)
            conn.connect()
        return conn

    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def wait_dead(self, seconds: float = 1.0) -> bool:
        """True if the engine has died (or dies within ``seconds``): a failed request's cause."""
        if self._proc is None:
            return True
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._proc.wait(timeout=seconds)
        return self._proc.poll() is not None

    def stop(self) -> None:
        with self._lock:
            if self._proc is not None:
                _stop(self._proc)
                self._proc = None
        self._starter.shutdown(wait=True)
