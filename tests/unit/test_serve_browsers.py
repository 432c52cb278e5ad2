"""What browsers need from `newskg serve` (issue 15): `/sparql` beside `/query`, CORS for pages of
this machine (or of the origins `--allow-origin` names), the query page at `/` from the package.
The same in Chromium: tests/e2e/test_sparql_browser.py."""
from __future__ import annotations

import json
import urllib.parse

import pytest

from support.sparql_server import FIXTURE, ask, request, running

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def served():
    with running(FIXTURE) as s:
        yield s


def count(body: bytes) -> int:
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_sparql_and_query_answer_get_and_post_alike(served):
    answers = set()
    for path in ("/sparql", "/query"):
        status, _, body = ask(served.base, COUNT, path)
        assert status == 200
        answers.add(count(body))
        url = served.base + path + "?" + urllib.parse.urlencode({"query": COUNT})
        status, _, body = request(url, headers={"Accept": "application/sparql-results+json"})
        assert status == 200
        answers.add(count(body))
        status, _, body = request(served.base + path, COUNT.encode(), {"Content-Type": "application/sparql-query",
                                                                        "Accept": "application/sparql-results+json"})
        assert status == 200
        answers.add(count(body))
    assert len(answers) == 1 and answers.pop() > 100


def test_a_page_of_this_machine_gets_cors(served):
    origin = "http://127.0.0.1:9999"
    status, headers, _ = request(served.base + "/sparql", method="OPTIONS", headers={
        "Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    assert status == 204  # was 501
    assert headers["Access-Control-Allow-Origin"] == origin
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert "content-type" in headers["Access-Control-Allow-Headers"].lower()
    assert "Access-Control-Allow-Credentials" not in headers
    status, headers, body = ask(served.base, COUNT, headers={"Origin": "http://localhost:3000"})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
    assert count(body) > 100


def test_a_page_from_elsewhere_is_refused(served):
    for origin in ("https://attacker.example", "null", "http://127.0.0.1.attacker.example"):
        status, headers, body = ask(served.base, COUNT, headers={"Origin": origin})
        assert status == 403, origin
        assert "Access-Control-Allow-Origin" not in headers
        assert b"may not query this endpoint" in body


def test_another_machine_on_the_same_port_is_not_the_endpoint_itself(served):
    """A page of http://203.0.113.5:PORT is another machine's, not the query page (was allowed, with CORS)."""
    foreign = f"http://203.0.113.5:{served.port}"
    for origin in (foreign, f"http://192.168.1.7:{served.port}", f"http://[2001:db8::1]:{served.port}"):
        status, headers, body = ask(served.base, COUNT, headers={"Origin": origin})
        assert status == 403, origin
        assert "Access-Control-Allow-Origin" not in headers and b"may not query this endpoint" in body
    with running(FIXTURE, "--allow-origin", "https://lab.example") as s:
        status, headers, _ = ask(s.base, COUNT, headers={"Origin": f"http://203.0.113.5:{s.port}"})
        assert status == 403 and "Access-Control-Allow-Origin" not in headers
        # the page the request was really sent to is the endpoint's own
        assert ask(s.base, COUNT, headers={"Origin": f"http://localhost:{s.port}"})[0] == 200


def test_allow_origin_names_the_pages_allowed():
    with running(FIXTURE, "--allow-origin", "https://lab.example") as s:
        status, headers, _ = ask(s.base, COUNT, headers={"Origin": "https://lab.example"})
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "https://lab.example"
        assert ask(s.base, COUNT, headers={"Origin": "http://127.0.0.1:9999"})[0] == 403
        assert ask(s.base, COUNT, headers={"Origin": s.base})[0] == 200  # its own query page
    with running(FIXTURE, "--allow-origin", "*") as s:
        status, headers, _ = ask(s.base, COUNT, headers={"Origin": "https://anywhere.example"})
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"


def test_the_query_page_and_its_files_come_from_the_package(served):
    status, headers, body = request(served.base + "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = body.decode()
    assert '<script src="ui/yasgui.min.js">' in page and "http" not in page.split("<body>")[1].replace(
        'href="ui/LICENSES.txt"', "")
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    for path, kind in (("/ui/yasgui.min.js", "text/javascript"), ("/ui/yasgui.min.css", "text/css"),
                       ("/ui/editor.js", "text/javascript"), ("/ui/LICENSES.txt", "text/plain")):
        status, headers, body = request(served.base + path)
        assert status == 200 and headers["Content-Type"].startswith(kind) and len(body) > 100, path
    assert b"MIT" in request(served.base + "/ui/LICENSES.txt")[2]
    assert request(served.base + "/", b"x", {"Content-Type": "text/plain"})[0] == 405


def test_own_origin_is_the_address_the_request_was_sent_to():
    from newskg.service.access import Access

    local = Access("127.0.0.1", 8000)
    assert not local.origin_ok("http://203.0.113.5:8000")
    assert not local.origin_ok("http://203.0.113.5:8000", "127.0.0.1:8000")
    assert local.origin_ok("http://127.0.0.1:8000", "127.0.0.1:8000")
    lan = Access("0.0.0.0", 8000, ("https://lab.example",))
    assert lan.origin_ok("http://192.168.1.7:8000", "192.168.1.7:8000")  # the query page, reached over the LAN
    assert not lan.origin_ok("http://203.0.113.5:8000", "192.168.1.7:8000")
    assert not lan.origin_ok("http://192.168.1.7:8001", "192.168.1.7:8001")  # that Host is not the endpoint's


def test_the_printed_url_is_the_documented_sparql_path(served):
    """README and docs name /sparql: the URL `newskg serve` prints is that one (was .../query)."""
    assert served.url == served.base + "/sparql"
    assert ask(served.base, COUNT, "/sparql")[0] == 200
