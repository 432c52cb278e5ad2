"""``newskg serve``: a read-only SPARQL 1.1 Protocol endpoint at ``/query``.

Two parts, both on this machine:

* **Oxigraph's server** (``oxigraph serve-read-only`` from the PyPI package
  ``oxigraph``) answers the queries. The graph is loaded once into an
  on-disk store in a temporary folder (with pyoxigraph, the same engine
  version) which the server opens read-only. It speaks the whole protocol
  (GET and POST, content negotiation for JSON, XML, CSV, TSV and RDF
  results) and cancels a query that runs past its ``--timeout-s``.
* **A gateway** (standard library ``http.server``) in front of it is what
  clients talk to. It listens on ``--host`` (127.0.0.1 unless told
  otherwise), serves only ``/query``, refuses SPARQL Update in every form
  (403) and any other method or path, cuts a query off at ``--timeout``
  seconds (503) and refuses a result larger than ``--max-result-bytes``
  (500). The backend listens on a free loopback port that only the
  gateway uses.

Oxigraph alone would stream a timed-out result as HTTP 200 with a broken
body, expose ``/store`` (a dump of everything) and a web UI that loads
scripts; the gateway is there to give clients clear errors instead.
"""
from __future__ import annotations

import http.client
import http.server
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Self

from core.errors import InputError, ServiceError

from .limits import DEFAULT_HOST, DEFAULT_PORT, MAX_REQUEST_BYTES, Limits
from .queries import UPDATE_FORMS, query_form

READ_ONLY = "this endpoint is read-only: SPARQL Update and other writes are refused"


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
        store.bulk_load(path=str(graph), format=ox.RdfFormat.TURTLE)
        store.flush()
        return len(store)
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        raise InputError(str(graph), f"not valid Turtle ({str(exc).splitlines()[0][:200]})") from None
    finally:
        del store  # releases the store's lock for the server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _with_parent(command: list[str]) -> list[str]:
    """``command`` run so that it gets SIGTERM if newskg dies (setpriv --pdeathsig, Linux).

    The signal follows the thread that started it: call from the thread that
    lives as long as the server (the main thread in ``newskg serve``).
    """
    setpriv = shutil.which("setpriv")
    return [setpriv, "--pdeathsig", "TERM", "--", *command] if setpriv else command


def start_backend(folder: Path, timeout: float, attempts: int = 3) -> tuple[subprocess.Popen, int]:
    """Start ``oxigraph serve-read-only`` on a free loopback port; wait until it answers."""
    binary = oxigraph_binary()
    problems = []
    for _ in range(attempts):  # another process may take the free port first
        port = _free_port()
        log = open(folder.parent / "oxigraph.log", "wb")  # noqa: SIM115 - the child keeps it
        proc = subprocess.Popen(
            _with_parent([binary, "serve-read-only", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
                          "--timeout-s", str(math.ceil(timeout) + 1)]),  # the gateway cuts off first
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()
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
        tail = (folder.parent / "oxigraph.log").read_text(errors="replace").strip().splitlines()[-3:]
        problems.append(f"port {port}: {' / '.join(tail) or 'no answer'}")
    raise ServiceError("the Oxigraph server did not start: " + "; ".join(problems))


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Gateway
    protocol_version = "HTTP/1.1"
    server_version = "newskg-sparql"

    # --- responses ---------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str = "text/plain; charset=utf-8",
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, extra: dict[str, str] | None = None) -> None:
        self._send(status, (message + "\n").encode("utf-8"), extra=extra)

    def log_message(self, format: str, *args) -> None:
        if not self.server.quiet:
            sys.stderr.write(f"newskg serve: {self.address_string()} {format % args}\n")

    def log_request(self, code="-", size="-") -> None:
        path = urllib.parse.urlsplit(self.path).path
        self.log_message("%s %s %s", self.command, path, code)

    # --- methods -----------------------------------------------------------

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if self._route(url.path):
            self._query(urllib.parse.parse_qs(url.query, keep_blank_values=True))

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if not self._route(url.path):
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_REQUEST_BYTES:
            self.close_connection = True
            return self._error(413, f"a request body must be 0 to {MAX_REQUEST_BYTES} bytes")
        body = self.rfile.read(length)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            return self._error(403, READ_ONLY)
        if kind == "application/sparql-query":
            params["query"] = [body.decode("utf-8", errors="replace")]
        elif kind == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        else:
            return self._error(415, "POST a query as application/x-www-form-urlencoded or application/sparql-query")
        self._query(params)

    def _refuse_write(self) -> None:
        self._error(405 if self.path.startswith("/query") else 403, READ_ONLY, {"Allow": "GET, POST"})

    do_PUT = do_DELETE = do_PATCH = _refuse_write

    def _route(self, path: str) -> bool:
        if path == "/query":
            return True
        if path in ("/update", "/store"):
            self._error(403, READ_ONLY)
        else:
            self._error(404, "not found: the SPARQL endpoint is /query")
        return False

    # --- the query ---------------------------------------------------------

    def _query(self, params: dict[str, list[str]]) -> None:
        if "update" in params or "using-graph-uri" in params:
            return self._error(403, READ_ONLY)
        queries = params.get("query", [])
        if len(queries) != 1:
            return self._error(400, "give exactly one query parameter (SPARQL 1.1 Protocol)")
        if len(queries[0].encode("utf-8")) > MAX_REQUEST_BYTES:
            return self._error(413, f"a query may have at most {MAX_REQUEST_BYTES} bytes")
        if query_form(queries[0]) in UPDATE_FORMS:
            return self._error(403, READ_ONLY)
        forward = {k: v for k, v in params.items() if k in ("query", "default-graph-uri", "named-graph-uri")}
        body = urllib.parse.urlencode(forward, doseq=True).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "Accept": self.headers.get("Accept") or "application/sparql-results+json"}
        limits = self.server.limits
        deadline = time.monotonic() + limits.timeout
        conn = http.client.HTTPConnection("127.0.0.1", self.server.backend_port, timeout=limits.timeout)
        try:
            conn.request("POST", "/query", body=body, headers=headers)
            resp = conn.getresponse()
            chunks, size = [], 0
            while True:
                if conn.sock is not None:
                    conn.sock.settimeout(max(0.01, deadline - time.monotonic()))
                chunk = resp.read1(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > limits.max_result_bytes:
                    return self._error(500, f"the result is larger than the limit of {limits.max_result_bytes} "
                                            "bytes (--max-result-bytes): narrow the query or add a LIMIT")
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise TimeoutError
        except TimeoutError:
            return self._error(503, f"the query ran longer than the limit of {limits.timeout:g} s (--timeout) "
                                    "and was cut off")
        except (OSError, http.client.HTTPException) as exc:
            return self._error(502, f"the SPARQL engine did not answer: {exc}")
        finally:
            conn.close()  # also stops the engine's work on an abandoned result
        content_type = resp.getheader("Content-Type") or "application/octet-stream"
        self._send(resp.status, b"".join(chunks), content_type)


class _Gateway(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, backend_port: int, limits: Limits, quiet: bool = False):
        super().__init__(address, _Handler)
        self.backend_port = backend_port
        self.limits = limits
        self.quiet = quiet


class Endpoint:
    """The running endpoint: ``with Endpoint(path) as ep: ... ep.url ...``."""

    def __init__(self, graph: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 limits: Limits = Limits(), quiet: bool = False):
        if limits.timeout <= 0 or limits.max_result_bytes <= 0:
            raise InputError("limits", "--timeout and --max-result-bytes must be positive")
        self.graph, self.host, self.port, self.limits, self.quiet = Path(graph), host, port, limits, quiet
        self.triples = 0
        self._tmp: Path | None = None
        self._backend: subprocess.Popen | None = None
        self._gateway: _Gateway | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._gateway.server_address[:2] if self._gateway else (self.host, self.port)
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}/query"

    def start(self) -> Self:
        try:
            self._tmp = Path(tempfile.mkdtemp(prefix="newskg-serve-"))
            self.triples = load_store(self.graph, self._tmp / "store")
            self._backend, backend_port = start_backend(self._tmp / "store", self.limits.timeout)
            try:
                self._gateway = _Gateway((self.host, self.port), backend_port, self.limits, self.quiet)
            except OSError as exc:
                raise ServiceError(f"cannot listen on {self.host}:{self.port}: {exc.strerror or exc}") from None
            self._thread = threading.Thread(target=self._gateway.serve_forever, name="newskg-serve", daemon=True)
            self._thread.start()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self._gateway is not None:
            self._gateway.shutdown()
            self._gateway.server_close()
            self._gateway = None
        if self._backend is not None:
            _stop(self._backend)
            self._backend = None
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def serve(graph: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, limits: Limits = Limits()) -> None:
    """Run the endpoint until SIGINT or SIGTERM; print its URL on stdout first."""
    stop = threading.Event()
    previous = {s: signal.signal(s, lambda *_: stop.set()) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        with Endpoint(graph, host, port, limits) as ep:
            print(ep.url, flush=True)
            print(f"newskg serve: {ep.triples} triples from {graph}, read-only, "
                  f"{limits.timeout:g} s and {limits.max_result_bytes} bytes per query; Ctrl-C stops",
                  file=sys.stderr, flush=True)
            while not stop.wait(0.5):
                pass
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
