"""`newskg serve` and `newskg query` attacked as issue 16 found them broken, each attempt with
what a user would check: the listener that must hear nothing, the status and its one-line
body, the engine that must still answer, the folder that must be gone.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import time

import pytest

from support.sparql_server import FIXTURE, Trap, alive, ask, env_with, request, run_cli, running, wait_gone

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
DEEP = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
LONG_CHAIN = "SELECT * WHERE { FILTER(" + " || ".join(["?a"] * 10_000) + ") }"


@pytest.fixture(scope="module")
def served():
    with running(FIXTURE, "--timeout", "5", "--idle-timeout", "1") as s:
        yield s


@pytest.fixture()
def trap():
    t = Trap()
    yield t
    t.close()


def federated(port: int) -> list[str]:
    here = f"http://127.0.0.1:{port}"
    return [
        f"SELECT * WHERE {{ SERVICE <{here}/admin> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{here}/x> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{here}/v> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        # "<" read as an IRI by a naive lexer hides the keyword: "less than" to the engine
        f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o<1)SERVICE<{here}/lt>{{}} }}",
        "SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
    ]


def test_service_is_refused_and_nothing_is_fetched(served, trap):
    for query in federated(trap.port):
        status, headers, body = ask(served.base, query)
        assert status == 403, query
        assert body.decode().startswith("SERVICE (federated query) is refused"), body
        assert headers["Content-Type"].startswith("text/plain")
    # FROM names a graph of the store: nothing is fetched either, and it is answered
    status, _, body = ask(served.base, f"SELECT * FROM <http://127.0.0.1:{trap.port}/from> WHERE {{ ?s ?p ?o }}")
    assert status == 200 and json.loads(body)["results"]["bindings"] == []
    time.sleep(0.2)
    assert trap.hits == []


def test_newskg_query_refuses_service_too(trap):
    for query in federated(trap.port):
        proc = run_cli("query", str(FIXTURE), query)
        assert proc.returncode == 1, (query, proc.stderr)
        assert proc.stderr.startswith("newskg: error: SERVICE (federated query) is refused")
        assert proc.stderr.count("\n") == 1 and proc.stdout == ""
    assert trap.hits == []


def test_host_must_name_the_endpoint(served):
    """DNS rebinding: a page whose own name points here sends its name as the Host."""
    for host in (f"attacker.example:{served.port}", "127.0.0.1:1", "attacker.example"):
        status, _, body = ask(served.base, COUNT, headers={"Host": host})
        assert status == 403, host
        assert b"the Host header must name this endpoint" in body
    for host in (f"localhost:{served.port}", f"127.0.0.1:{served.port}"):
        assert ask(served.base, COUNT, headers={"Host": host})[0] == 200, host


def test_a_non_loopback_bind_needs_a_flag():
    proc = run_cli("serve", str(FIXTURE), "--host", "0.0.0.0", "--port", "0")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert "--host 0.0.0.0 would let other machines query the graph" in proc.stderr
    assert "--allow-remote" in proc.stderr
    with running(FIXTURE, "--host", "0.0.0.0", "--allow-remote") as s:
        assert ask(f"http://127.0.0.1:{s.port}", COUNT)[0] == 200
        s.proc.send_signal(signal.SIGTERM)
        s.proc.wait(timeout=20)
        warning = s.proc.stderr.readline()
        assert warning.startswith("newskg serve: warning: listening on 0.0.0.0, not this machine only")


@pytest.mark.parametrize("query", [DEEP, LONG_CHAIN], ids=["5000-nested", "10000-chain"])
def test_deep_or_long_query_is_refused_and_the_engine_lives(served, query):
    engine = served.engine()
    status, _, body = ask(served.base, query)
    assert status == 400
    assert b"nests brackets more than 100 deep" in body or b"more than 10000 terms" in body
    assert ask(served.base, COUNT)[0] == 200
    assert served.engine() == engine


@pytest.mark.parametrize("as_file", [False, True], ids=["text", "file"])
def test_newskg_query_refuses_a_deep_query_with_one_line(tmp_path, as_file):
    query = tmp_path / "deep.rq"
    query.write_text(DEEP, encoding="utf-8")
    proc = run_cli("query", str(FIXTURE), *(["-f", str(query)] if as_file else [DEEP]))
    assert proc.returncode == 1, proc.returncode  # was 139 (a segfault) from a file, 70 as text
    assert proc.stderr == "newskg: error: the query nests brackets more than 100 deep\n"


def test_200_requests_at_once_are_all_answered(served):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=200) as pool:
        answers = list(pool.map(lambda _: ask(served.base, COUNT), range(200)))
    assert [status for status, _, _ in answers] == [200] * 200
    assert len({body for _, _, body in answers}) == 1


def test_a_crashed_engine_is_started_again(served):
    [engine] = served.engine()
    os.kill(engine, signal.SIGKILL)  # and ask at once: the query that meets the dying engine is answered too
    status, _, body = ask(served.base, COUNT)
    assert status == 200, body
    assert wait_gone([engine])
    [again] = served.engine()
    assert again != engine and alive(again)


def test_idle_and_half_open_connections_are_closed(served):
    for sent in (b"", b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n"):
        with socket.create_connection(("127.0.0.1", served.port), timeout=10) as sock:
            sock.sendall(sent)
            started = time.monotonic()
            assert sock.recv(100) == b""  # closed by the server, nothing answered
            assert time.monotonic() - started < 5
    assert ask(served.base, COUNT)[0] == 200


def test_every_failure_has_a_plain_one_line_body(served):
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as sock:
        sock.sendall(b"BREW /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = b""
        while chunk := sock.recv(4096):  # the server closes the connection after an error it cannot route
            answer += chunk
    head, body = answer.decode().split("\r\n\r\n", 1)
    assert head.startswith("HTTP/1.1 501") and "text/plain" in head
    assert body.count("\n") == 1
    for status, _, body in (request(served.base + "/sparql", method="BREW"),
                            ask(served.base, "SELEKT nonsense"),
                            request(served.base + "/nothing-here")):
        assert status in (400, 404, 501)
        assert body.strip() and b"<" not in body and b"Traceback" not in body


def test_store_left_by_kill_9_is_removed_by_the_next_start(tmp_path):
    env = env_with(TMPDIR=str(tmp_path))
    with running(FIXTURE, env=env) as s:
        [store] = list(tmp_path.glob("newskg-serve-*"))
        s.proc.kill()
        s.proc.wait(timeout=10)
    assert store.is_dir()  # nothing runs at a SIGKILL; the next start cleans up
    with running(FIXTURE, env=env):
        assert store not in list(tmp_path.glob("newskg-serve-*"))
        assert len(list(tmp_path.glob("newskg-serve-*"))) == 1  # its own
    assert list(tmp_path.glob("newskg-serve-*")) == []  # SIGTERM: removed at once


def test_only_unlocked_stores_of_newskg_are_removed(tmp_path, monkeypatch):
    import tempfile

    from newskg.service.backend import TempStore, remove_stale_stores

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    older = tmp_path / "newskg-serve-older"  # an older newskg's, without a lock file: maybe running
    older.mkdir()
    dead = tmp_path / "newskg-serve-dead"  # one of ours whose newskg serve died
    dead.mkdir()
    (dead / "lock").touch()
    live = TempStore()  # removes the dead one on its way
    assert remove_stale_stores(tmp_path) == []  # the live one is locked
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([older.name, live.folder.name])
    live.close()
    assert [p.name for p in tmp_path.iterdir()] == [older.name]


@pytest.mark.parametrize(("flag", "value", "message"), [
    ("--timeout", "nan", "expected a positive number of seconds, not 'nan'"),
    ("--timeout", "inf", "expected a positive number of seconds, not 'inf'"),
    ("--idle-timeout", "-1", "expected a positive number of seconds, not '-1'"),
    ("--port", "70000", "expected a port from 0 to 65535, not '70000'"),
    ("--port", "-1", "expected a port from 0 to 65535, not '-1'"),
    ("--max-result-bytes", "0", "expected a positive whole number, not '0'"),
])
def test_bad_option_values_are_one_line_and_exit_2(flag, value, message):
    proc = run_cli("serve", str(FIXTURE), flag, value)
    assert proc.returncode == 2, proc.stderr  # was 70, an internal error
    assert proc.stderr.count("\n") == 1 and message in proc.stderr


def test_updates_are_still_refused_over_sparql_too(served):
    status, _, body = ask(served.base, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert status == 403 and b"read-only" in body
    body = b"update=" + b"LOAD%20%3Cfile%3A%2F%2F%2Fetc%2Fpasswd%3E"
    status, _, _ = request(served.base + "/sparql", body, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403


def test_serve_and_query_name_a_broken_graph_alike(tmp_path):
    """One loader (stores.load_into) for both: the same one-line error for the same broken file."""
    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://e/s> <http://e/p> .\n")
    lines = set()
    for args in (("serve", str(broken), "--port", "0"), ("query", str(broken), COUNT)):
        proc = run_cli(*args)
        assert proc.returncode == 1 and proc.stderr.count("\n") == 1, proc.stderr
        lines.add(proc.stderr)
    assert len(lines) == 1 and f"{broken}: not valid Turtle" in lines.pop()
