"""``newskg serve``: a read-only SPARQL 1.1 Protocol endpoint at ``/sparql`` and ``/query``.

Two parts, both on this machine:

* **Oxigraph's server** (``oxigraph serve-read-only``, PyPI ``oxigraph``)
  answers the queries, read-only, on the output folder's cached store
  (:mod:`~newskg.service.stores`, the one ``newskg query`` reads) or else on
  a temporary on-disk store of the graph (:mod:`~newskg.service.backend`). It speaks the whole protocol and cancels
  a query that runs past its time.
* **A gateway** (standard library ``http.server``) is what clients talk to.
  It checks who is asking (:mod:`~newskg.service.access`: bind address,
  Host, Origin and CORS), checks each query before the engine sees it
  (:mod:`~newskg.service.guard`: no SERVICE, bounded nesting and length),
  refuses SPARQL Update in every form (403) and any other method or path,
  cuts a query off at ``--timeout`` seconds (503), refuses a result larger
  than ``--max-result-bytes`` (500), closes a connection silent for
  ``--idle-timeout`` seconds, and serves the query page at ``/`` (Yasgui,
  shipped in ``ui/``). Every failure is an HTTP status with a plain-text
  line saying why.

Oxigraph alone would stream a timed-out result as HTTP 200 with a broken
body, expose ``/store`` (a dump of everything), fetch any IRI a ``SERVICE``
names, and serve a web UI that loads scripts from the network.
"""
from __future__ import annotations

import http.client
import http.server
import math
import signal
import sys
import threading
import time
import urllib.parse
from importlib.resources import files
from pathlib import Path
from typing import Self

from core.errors import InputError, QueryRefusedError, ServiceError, UsageError

from .access import Access, check_bind, is_loopback, remote_warning
from .backend import Backend, TempStore, count_triples, load_store
from .graphs import graph_file
from .guard import check_query
from .limits import DEFAULT_HOST, DEFAULT_PORT, MAX_REQUEST_BYTES, Limits
from .queries import UPDATE_FORMS, query_form
from .stores import cached_store_path

READ_ONLY = "this endpoint is read-only: SPARQL Update and other writes are refused"
QUERY_PATHS = ("/sparql", "/query")
UI_FILES = {  # path -> (file in ui/, content type)
    "/": ("index.html", "text/html; charset=utf-8"),
    "/ui/yasgui.min.js": ("yasgui.min.js", "text/javascript; charset=utf-8"),
    "/ui/yasgui.min.css": ("yasgui.min.css", "text/css; charset=utf-8"),
    "/ui/editor.js": ("editor.js", "text/javascript; charset=utf-8"),
    "/ui/editor.css": ("editor.css", "text/css; charset=utf-8"),
    "/ui/LICENSES.txt": ("LICENSES.txt", "text/plain; charset=utf-8"),
}
# The page may load only what this endpoint serves, and talk to it alone.
UI_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
             "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'")


def _ui_file(name: str) -> bytes:
    return files("newskg.service").joinpath("ui", name).read_bytes()


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Gateway
    protocol_version = "HTTP/1.1"
    server_version = "newskg-sparql"

    def setup(self) -> None:
        self.timeout = self.server.limits.idle_timeout  # a silent connection is closed after this
        super().setup()

    # --- responses ---------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str = "text/plain; charset=utf-8",
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in {**self._cors, **(extra or {})}.items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, extra: dict[str, str] | None = None) -> None:
        self._send(status, (message + "\n").encode("utf-8"), extra=extra)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # http.server's own errors (a bad request line, headers too long): a plain line, like ours
        self._cors = getattr(self, "_cors", {})
        self.close_connection = True
        self._error(code, message or self.responses.get(code, ("error",))[0])

    def log_message(self, format: str, *args) -> None:
        if not self.server.quiet:
            sys.stderr.write(f"newskg serve: {self.address_string()} {format % args}\n")

    def log_request(self, code="-", size="-") -> None:
        path = urllib.parse.urlsplit(self.path).path
        self.log_message("%s %s %s", self.command, path, code)

    # --- who is asking -------------------------------------------------------

    def _admitted(self) -> bool:
        """Host and Origin checked; CORS headers chosen for the answer."""
        self._cors = {}
        access = self.server.access
        origin = self.headers.get("Origin")
        if not access.host_ok(self.headers.get("Host")):
            self.close_connection = True
            self._error(403, access.host_refusal())
            return False
        if not access.origin_ok(origin, self.headers.get("Host")):
            self._error(403, access.origin_refusal(origin))
            return False
        self._cors = access.cors_headers(origin, preflight=self.command == "OPTIONS")
        return True

    def _guarded(method):  # noqa: N805 - a decorator of the methods below
        def run(self) -> None:
            try:
                if self._admitted():
                    method(self)
            except (TimeoutError, ConnectionError):
                self.close_connection = True  # the client is gone or silent: nobody to answer
            except Exception as exc:  # a bug: still a clean answer, and the server goes on
                self.close_connection = True
                self._error(500, f"internal error of the endpoint: {type(exc).__name__}")
                if not self.server.quiet:
                    sys.stderr.write(f"newskg serve: internal error: {type(exc).__name__}: {exc}\n")
        return run

    # --- methods -----------------------------------------------------------

    @_guarded
    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path in UI_FILES:
            name, kind = UI_FILES[url.path]
            return self._send(200, _ui_file(name), kind, {"Content-Security-Policy": UI_POLICY,
                                                          "Cache-Control": "no-cache"})
        if self._route(url.path):
            self._query(urllib.parse.parse_qs(url.query, keep_blank_values=True))

    do_HEAD = do_GET

    @_guarded
    def do_OPTIONS(self) -> None:  # a CORS preflight
        path = urllib.parse.urlsplit(self.path).path
        allow = "GET, POST, OPTIONS" if path in QUERY_PATHS else "GET, HEAD, OPTIONS" if path in UI_FILES else ""
        if not allow:
            return self._error(404, "not found: the SPARQL endpoint is /sparql (or /query)")
        self._send(204, b"", extra={"Allow": allow})

    @_guarded
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

    @_guarded
    def _refuse_write(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        self._error(405 if path in QUERY_PATHS else 403, READ_ONLY, {"Allow": "GET, POST, OPTIONS"})

    do_PUT = do_DELETE = do_PATCH = _refuse_write
    del _guarded

    def _route(self, path: str) -> bool:
        if path in QUERY_PATHS:
            return True
        if path in ("/update", "/store"):
            self._error(403, READ_ONLY)
        elif path in UI_FILES:
            self._error(405, "the query page takes GET; POST queries to /sparql", {"Allow": "GET, HEAD"})
        else:
            self._error(404, "not found: the SPARQL endpoint is /sparql (or /query), the query page is /")
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
        try:
            check_query(queries[0])
        except QueryRefusedError as exc:
            return self._error(exc.status, str(exc))
        forward = {k: v for k, v in params.items() if k in ("query", "default-graph-uri", "named-graph-uri")}
        self._forward(urllib.parse.urlencode(forward, doseq=True).encode("utf-8"))

    def _forward(self, body: bytes, deadline: float | None = None, retry: bool = True) -> None:
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "Accept": self.headers.get("Accept") or "application/sparql-results+json"}
        limits, backend = self.server.limits, self.server.backend
        deadline = deadline or time.monotonic() + limits.timeout
        resp = None
        try:
            conn = backend.connect(limits.timeout)
        except ServiceError as exc:
            return self._error(502, str(exc))
        except OSError as exc:
            return self._error(502, f"the SPARQL engine did not answer: {exc}")
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
            if backend.wait_dead():
                if retry and resp is None:  # it was dying before it took the query: ask the new one once
                    return self._forward(body, deadline, retry=False)
                return self._error(502, "the SPARQL engine stopped while answering; it is started again for "
                                        "the next query")
            return self._error(502, f"the SPARQL engine did not answer: {exc}")
        finally:
            conn.close()  # also stops the engine's work on an abandoned result
        content_type = resp.getheader("Content-Type") or "application/octet-stream"
        self._send(resp.status, b"".join(chunks), content_type)


class _Gateway(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 512  # connections waiting to be accepted: a burst of clients is queued, not reset

    def __init__(self, address, backend: Backend, limits: Limits, host: str, origins: tuple[str, ...],
                 quiet: bool = False):
        super().__init__(address, _Handler)
        self.backend = backend
        self.limits = limits
        self.access = Access(host, self.server_address[1], origins)
        self.quiet = quiet

    def handle_error(self, request, client_address) -> None:  # one line, never a traceback
        exc = sys.exc_info()[1]
        if not self.quiet and not isinstance(exc, (ConnectionError, TimeoutError)):
            sys.stderr.write(f"newskg serve: {client_address[0]}: {type(exc).__name__}: {exc}\n")


def check_limits(limits: Limits) -> None:
    for name, value in (("--timeout", limits.timeout), ("--idle-timeout", limits.idle_timeout),
                        ("--max-result-bytes", limits.max_result_bytes)):
        if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0):
            raise UsageError(f"{name} must be a positive number, not {value!r}")


class Endpoint:
    """The running endpoint: ``with Endpoint(path) as ep: ... ep.url ...``."""

    def __init__(self, graph: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 limits: Limits = Limits(), quiet: bool = False, allow_remote: bool = False,
                 origins: tuple[str, ...] = ()):
        check_limits(limits)
        if not (isinstance(port, int) and 0 <= port <= 65535):
            raise UsageError(f"--port must be a whole number from 0 to 65535, not {port!r}")
        check_bind(host, allow_remote)
        self.graph, self.host, self.port, self.limits, self.quiet = Path(graph), host, port, limits, quiet
        self.origins = tuple(origins)
        self.triples = 0
        self._tmp: TempStore | None = None
        self._backend: Backend | None = None
        self._gateway: _Gateway | None = None
        self._thread: threading.Thread | None = None

    @property
    def base(self) -> str:
        host, port = self._gateway.server_address[:2] if self._gateway else (self.host, self.port)
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}"

    @property
    def url(self) -> str:
        return self.base + "/sparql"

    @property
    def backend_pid(self) -> int | None:
        return self._backend.pid if self._backend else None

    def start(self) -> Self:
        try:
            self._tmp = TempStore()
            graph = graph_file(self.graph)
            store = cached_store_path(graph)  # a build's output folder: the store `newskg query` reads
            if store is not None:
                self.triples = count_triples(store)
            else:
                store = self._tmp.store
                self.triples = load_store(graph, store)
            self._backend = Backend(store, self.limits.timeout, self._tmp.folder / "oxigraph.log", self.quiet)
            self._backend.start()
            try:
                self._gateway = _Gateway((self.host, self.port), self._backend, self.limits, self.host,
                                         self.origins, self.quiet)
            except (OSError, OverflowError) as exc:
                reason = getattr(exc, "strerror", None) or str(exc)
                raise ServiceError(f"cannot listen on {self.host}:{self.port}: {reason}") from None
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
            self._backend.stop()
            self._backend = None
        if self._tmp is not None:
            self._tmp.close()
            self._tmp = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def serve(graph: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, limits: Limits = Limits(),
          allow_remote: bool = False, origins: tuple[str, ...] = ()) -> None:
    """Run the endpoint until SIGINT or SIGTERM; print its URL on stdout first."""
    endpoint = Endpoint(graph, host, port, limits, allow_remote=allow_remote, origins=origins)
    stop = threading.Event()
    previous = {s: signal.signal(s, lambda *_: stop.set()) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        with endpoint as ep:
            print(ep.url, flush=True)
            if not is_loopback(host):
                print(remote_warning(host), file=sys.stderr, flush=True)
            print(f"newskg serve: {ep.triples} triples from {graph}, read-only, at {ep.base}/sparql (and /query), "
                  f"query page {ep.base}/; {limits.timeout:g} s and {limits.max_result_bytes} bytes per query; "
                  "Ctrl-C stops", file=sys.stderr, flush=True)
            while not stop.wait(0.5):
                pass
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
