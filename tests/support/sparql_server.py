"""`newskg serve` started the way a user starts it (the CLI, a free port), and what tests watch it with.

- :func:`running`: the server as a context manager, yielding its :class:`Served` (URL, process);
  stopped with SIGTERM, then checked: exit 0, no traceback, its engine gone.
- :class:`Trap`: a listener on 127.0.0.1 that records every connection made to it, for the
  attempts that must not reach it (SERVICE, FROM).
- :func:`children`, :func:`alive`: processes by /proc, to find and watch the engine.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from support.paths import ROOT

FIXTURE = ROOT / "tests" / "golden" / "fixture.ttl"


def children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_gone(pids: list[int], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(alive(p) for p in pids)


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newskg.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, check=False, env=env)


@dataclass
class Served:
    url: str          # .../sparql, as printed
    proc: subprocess.Popen

    @property
    def base(self) -> str:
        return self.url.removesuffix("/sparql")

    @property
    def port(self) -> int:
        return int(urllib.parse.urlsplit(self.url).port)

    def engine(self) -> list[int]:
        return children(self.proc.pid)


@contextmanager
def running(graph: Path = FIXTURE, *flags: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    proc = subprocess.Popen([sys.executable, "-m", "newskg.cli", "serve", str(graph), "--port", "0", *flags],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://") and url.endswith("/sparql"), (url, proc.stderr.read())
        served = Served(url, proc)
        engine = served.engine()
        assert engine, "the Oxigraph server process is missing"
        yield served
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
        stderr = proc.stderr.read()
    if code != -signal.SIGKILL:
        assert code == 0, stderr
        assert "Traceback" not in stderr
        assert wait_gone(served.engine() + engine), "the Oxigraph server outlived newskg serve"


def request(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
            method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of one request; an HTTP error status is an answer too."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def ask(base: str, query: str, path: str = "/sparql", headers: dict[str, str] | None = None):
    """POST ``query`` form-encoded; (status, headers, body)."""
    body = urllib.parse.urlencode({"query": query}).encode()
    return request(base + path, body, {"Content-Type": "application/x-www-form-urlencoded",
                                       "Accept": "application/sparql-results+json", **(headers or {})})


class Trap:
    """A TCP listener on 127.0.0.1 that answers nothing useful and records each connection."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port = self.sock.getsockname()[1]
        self.hits: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    self.hits.append(conn.recv(4096))
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nsecret")
                except OSError:
                    self.hits.append(b"")

    def close(self) -> None:
        self.sock.close()


def env_with(**values: str) -> dict[str, str]:
    return {**os.environ, **values}
