"""A real Neo4j Community 5.26 for the tests: the Java launcher in tests/support/neo4j_launcher/
(built by scripts/test with Maven), Bolt on 127.0.0.1 on a free port, no auth, stopped by its pid.

The same classpath carries ``neo4j-admin`` (``org.neo4j.cli.AdminTool``), so the CSV path runs
``neo4j-admin database import full`` as the README writes it, into a Neo4j home that a server
then serves.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.servers import running, stop_process

LAUNCHER = Path(__file__).parent / "neo4j_launcher"
#: For the short-lived tools (neo4j-admin, cypher-shell): start fast rather than run fast.
QUICK_JVM = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
CLASSPATH = f"{LAUNCHER / 'target' / 'classes'}{os.pathsep}{LAUNCHER / 'target' / 'lib' / '*'}"
BUILD_HINT = "build it with `mvn -q -B -f tests/support/neo4j_launcher/pom.xml package` (scripts/test does)"


class Neo4jUnavailable(RuntimeError):
    pass


def java() -> str:
    home = os.environ.get("JAVA_HOME")
    exe = Path(home, "bin", "java") if home else shutil.which("java")
    if not exe or not Path(exe).exists():
        raise Neo4jUnavailable("no java on PATH (Neo4j 5.26 needs Java 17)")
    return str(exe)


def _check_built() -> None:
    if not (LAUNCHER / "target" / "classes" / "newskg" / "neo4j" / "Server.class").exists():
        raise Neo4jUnavailable(f"the Neo4j launcher is not built: {BUILD_HINT}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Neo4jServer:
    home: Path
    port: int
    proc: subprocess.Popen
    started_in: float  # seconds from launch to Bolt answering
    temporary: bool = False  # a home made by start_neo4j, removed by stop()

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def driver(self):
        from neo4j import GraphDatabase

        return GraphDatabase.driver(self.uri, auth=None)

    def log_tail(self, lines: int = 30) -> str:
        path = self.home / "launcher.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def stop(self) -> None:
        """Stop the server by its pid: SIGTERM runs the shutdown hook (a clean store), then SIGKILL."""
        stop_process(self.proc, 60)
        if self.temporary:
            shutil.rmtree(self.home, ignore_errors=True)


def start_neo4j(home: Path | None = None, timeout: float = 180.0) -> Neo4jServer:
    """Serve ``home`` (a new one if None) and wait for READY; raise Neo4jUnavailable otherwise."""
    _check_built()
    temporary = home is None
    home = Path(home or tempfile.mkdtemp(prefix="newskg-neo4j-"))
    home.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    started = time.monotonic()
    with open(home / "launcher.log", "ab") as log:
        proc = subprocess.Popen([java(), "-Xmx512m", "-cp", CLASSPATH, "newskg.neo4j.Server", str(home), str(port)],
                                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    server = Neo4jServer(home, port, proc, 0.0, temporary)
    deadline = started + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if "READY" in (home / "launcher.log").read_text(errors="replace"):
            server.started_in = time.monotonic() - started
            return server
        time.sleep(0.2)
    log = server.log_tail()
    server.stop()
    raise Neo4jUnavailable(f"Neo4j did not start on port {port} (exit code {proc.poll()}):\n{log}")


def admin_import(home: Path, folder: Path, args: list[str], timeout: float = 600.0) -> subprocess.CompletedProcess:
    """``neo4j-admin ARGS`` (e.g. ``database import full ...``) run in ``folder`` for the Neo4j home ``home``."""
    _check_built()
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").touch()
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    return subprocess.run([java(), *QUICK_JVM, "-Xmx512m", "-cp", CLASSPATH, "org.neo4j.cli.AdminTool", *args],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


@pytest.fixture(scope="session")
def neo4j_server():
    """A running, empty Neo4j for the session; fails (never skips) when it cannot start."""
    yield from running(start_neo4j, Neo4jUnavailable)


def shell(server: Neo4jServer, script: Path, timeout: float = 600.0) -> subprocess.CompletedProcess:
    """``cypher-shell -a URI -d neo4j -f SCRIPT`` (the Maven artifact org.neo4j:cypher-shell)."""
    _check_built()
    return subprocess.run([java(), *QUICK_JVM, "-Xmx256m", "-cp", CLASSPATH, "org.neo4j.shell.Main", "-a", server.uri,
                           "-d", "neo4j", "--non-interactive", "-f", str(script)],
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


# --- what the database holds, in the terms of support/neo4j_csv.py ------------------

def _plain(value):
    """A driver value as the CSV validator writes it: dates, points and lists made plain."""
    from neo4j.spatial import WGS84Point
    from neo4j.time import Date

    if isinstance(value, Date):
        return value.to_native()
    if isinstance(value, WGS84Point):
        return {"latitude": value.latitude, "longitude": value.longitude}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def db_graph(session) -> tuple[dict, Counter]:
    """(nodes by id as (labels, properties), Counter of (start, end, type, sorted properties))."""
    nodes = {}
    for labels, props in session.run("MATCH (n) RETURN labels(n), properties(n)").values():
        assert props["id"] not in nodes, "duplicate node"
        nodes[props["id"]] = (frozenset(labels), {k: _plain(v) for k, v in props.items()})
    rels = Counter(
        (s, e, t, repr(sorted((k, _plain(v)) for k, v in p.items())))
        for s, t, e, p in session.run("MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r)").values())
    return nodes, rels


def wipe(session) -> None:
    """Empty the database (Community Edition has one): data, then constraints and indexes."""
    session.run("MATCH (n) DETACH DELETE n").consume()  # the test graphs are small
    for (name,) in session.run("SHOW CONSTRAINTS YIELD name").values():
        session.run(f"DROP CONSTRAINT `{name}`").consume()
    for (name,) in session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name").values():
        session.run(f"DROP INDEX `{name}`").consume()
