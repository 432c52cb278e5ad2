"""`newskg serve` as its users meet it: a running endpoint queried over HTTP
with SPARQLWrapper, a real SPARQL 1.1 Protocol client.

One server for the module, started the way a user starts it (the CLI, on a
free port, 127.0.0.1), with a short time limit and a small result bound so
that both can be hit quickly; stopped with SIGTERM at the end.
"""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, POST, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, QueryBadFormed

from support.paths import ROOT
from support.sparql_server import FIXTURE, children, env_with, run_cli, running, wait_gone
from newskg.service.queries import bind, named_query

TIMEOUT = 1.0
MAX_BYTES = 20_000
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
PREFIXES = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX schema: <https://schema.org/> "


@pytest.fixture(scope="module")
def endpoint():
    with running(FIXTURE, "--timeout", str(TIMEOUT), "--max-result-bytes", str(MAX_BYTES)) as served:
        yield served.url


def client(url: str, query: str, fmt=JSON, method=None) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    if method:
        sparql.setMethod(method)
    return sparql


def select(url: str, query: str, method=None) -> list[dict[str, str]]:
    result = client(url, query, JSON, method).queryAndConvert()
    return [{k: v["value"] for k, v in b.items()} for b in result["results"]["bindings"]]


def test_select_over_http_get_and_post(endpoint):
    q = PREFIXES + 'SELECT ?l WHERE { ?c a schema:City ; rdfs:label ?l } ORDER BY ?l'
    assert [r["l"] for r in select(endpoint, q)] == ["Kyiv", "Lviv", "Mariupol"]
    assert [r["l"] for r in select(endpoint, q, POST)] == ["Kyiv", "Lviv", "Mariupol"]


def test_other_result_formats(endpoint):
    q = PREFIXES + 'ASK { ?c rdfs:label "Mariupol" }'
    assert client(endpoint, q, JSON).queryAndConvert()["boolean"] is True
    doc = client(endpoint, PREFIXES + "SELECT ?l WHERE { ?c a schema:Country ; rdfs:label ?l } ORDER BY ?l", XML)
    assert [n.firstChild.data for n in doc.queryAndConvert().getElementsByTagName("literal")] == ["Russia", "Ukraine"]
    text = client(endpoint, PREFIXES + 'SELECT ?l WHERE { ?c a schema:Country ; rdfs:label ?l } ORDER BY ?l', CSV)
    assert text.queryAndConvert().decode() == "l\r\nRussia\r\nUkraine\r\n"


def test_a_named_query_gives_the_same_rows_as_newskg_query(endpoint):
    q = named_query("statements_about")
    over_http = select(endpoint, bind(q.text, {"name": "Ukraine"}))
    local = subprocess.run([sys.executable, "-m", "newskg.cli", "query", str(FIXTURE), "statements_about",
                            "-p", "name=Ukraine", "--format", "json"], capture_output=True, text=True, check=True)
    assert [r["text"] for r in over_http] == [r["text"] for r in json.loads(local.stdout)] == [
        "Ukraine cannot fulfill Russian ultimatums"]


def test_hostile_text_comes_back_exactly(endpoint):
    rows = select(endpoint, PREFIXES + 'SELECT ?l WHERE { ?p a schema:Person ; rdfs:label ?l FILTER(CONTAINS(?l, "<")) }')
    assert rows == [{"l": "Vitali <script>window.pwned=1</script> Klitschko"}]


def test_update_is_refused_and_changes_nothing(endpoint):
    insert = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    with pytest.raises(urllib.error.HTTPError) as info:
        client(endpoint, insert, method=POST).query()  # SPARQLWrapper sends an update as POST update=...
    assert info.value.code == 403
    assert "read-only" in info.value.read().decode()
    for request in (
        urllib.request.Request(endpoint, data=insert.encode(), headers={"Content-Type": "application/sparql-update"}),
        urllib.request.Request(endpoint + "?" + urllib.parse.urlencode({"query": insert})),
        urllib.request.Request(endpoint.replace("/sparql", "/update"), data=b"update=CLEAR%20ALL",
                               headers={"Content-Type": "application/x-www-form-urlencoded"}),
        urllib.request.Request(endpoint.replace("/sparql", "/store"), data=b"<a:a> <a:b> <a:c> .",
                               headers={"Content-Type": "text/turtle"}, method="PUT"),
    ):
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(request, timeout=10)
        assert info.value.code == 403, request.full_url
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(urllib.request.Request(endpoint, data=b"x", method="DELETE"), timeout=10)
    assert info.value.code == 405
    assert client(endpoint, "ASK { <urn:x:a> ?p ?o }").queryAndConvert()["boolean"] is False


def test_over_time_query_is_cut_off(endpoint):
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as info:
        client(endpoint, CROSS_JOIN).query()
    assert info.value.code == 503
    assert "ran longer than the limit of 1 s" in info.value.read().decode()
    assert time.monotonic() - started < TIMEOUT + 2
    triples = len(Graph().parse(FIXTURE))
    assert select(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == [{"n": str(triples)}]  # still serving


def test_result_size_is_bounded(endpoint):
    with pytest.raises(EndPointInternalError, match="larger than the limit of 20000 bytes"):
        client(endpoint, "SELECT * WHERE { ?s ?p ?o }").query()
    assert len(select(endpoint, "SELECT * WHERE { ?s ?p ?o } LIMIT 10")) == 10


def test_bad_query_is_a_client_error(endpoint):
    with pytest.raises(QueryBadFormed):
        client(endpoint, "SELEKT nonsense").query()
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(endpoint.replace("/sparql", "/nothing-here"), timeout=10)
    assert info.value.code == 404


def test_listens_on_loopback_only(endpoint):
    port = int(endpoint.rsplit(":", 1)[1].split("/")[0])
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass
    with pytest.raises(OSError), socket.create_connection(("127.0.0.2", port), timeout=5):
        pass


@pytest.mark.parametrize(("args", "code", "message"), [
    (["serve", "no/such.ttl", "--port", "0"], 1, "no/such.ttl: no such file"),
    (["serve", "pyproject.toml", "--port", "0"], 1, "pyproject.toml: not valid Turtle"),
    (["serve", str(FIXTURE), "--timeout", "0"], 2, "expected a positive number of seconds, not '0'"),
    (["serve", str(FIXTURE), "--port", "x"], 2, "expected a port from 0 to 65535, not 'x'"),
])
def test_serve_errors_are_one_line(args, code, message):
    proc = run_cli(*args)
    assert proc.returncode == code
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert message in proc.stderr


def test_port_in_use_is_one_line():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        proc = run_cli("serve", str(FIXTURE), "--port", str(port))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"newskg: error: cannot listen on 127.0.0.1:{port}")


def test_failed_start_leaves_nothing_behind():
    from core.errors import InputError
    from newskg.service.serve import Endpoint

    ep = Endpoint(ROOT / "pyproject.toml", port=0, quiet=True)
    with pytest.raises(InputError):
        ep.start()
    assert ep._tmp is None and ep._backend is None and ep._gateway is None


def test_engine_stops_when_newskg_is_killed(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "newskg.cli", "serve", str(FIXTURE), "--port", "0"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env=env_with(TMPDIR=str(tmp_path)))  # its store is left there: a SIGKILL
    try:
        assert proc.stdout.readline().startswith("http://127.0.0.1:")
        backend = children(proc.pid)
        assert backend
    finally:
        proc.kill()
        proc.wait(timeout=10)
    assert wait_gone(backend)
