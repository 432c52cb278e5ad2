"""`newskg serve` in Chromium, network blocked but for the pages under test: a page served
from another origin (another port of this machine) queries the endpoint through CORS, and the
query page at `/` (Yasgui from the package) runs a query and shows its answer."""
from __future__ import annotations

import http.server
import threading

import pytest

from support import paths
from support.browser import PageLog, chromium
from support.sparql_server import FIXTURE, running

SCREENSHOTS = paths.ROOT / "test-artifacts"  # gitignored; screenshots for a person to look at
CLIENT_PAGE = """<!doctype html><meta charset="utf-8"><title>another origin</title><pre id="out">waiting</pre>
<script>
fetch(%(endpoint)s, {method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded",
                                               "Accept": "application/sparql-results+json"},
                     body: "query=" + encodeURIComponent(%(query)s)})
  .then(r => r.json())
  .then(j => { document.getElementById("out").textContent = j.results.bindings.map(b => b.l.value).join(","); })
  .catch(e => { document.getElementById("out").textContent = "failed: " + e; });
</script>"""
CITIES = ('PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX schema: <https://schema.org/> '
          'SELECT ?l WHERE { ?c a schema:City ; rdfs:label ?l } ORDER BY ?l')


class _Page(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args) -> None:
        pass


def _only(page, allowed: tuple[str, ...]) -> PageLog:
    """Let ``page`` reach URLs under ``allowed`` only; record the rest in the log, aborted."""
    log = PageLog()

    def route(r) -> None:
        if r.request.url.startswith(allowed):
            r.continue_()
        else:
            log.blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda msg: log.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: log.page_errors.append(str(exc)))
    return log


@pytest.fixture(scope="module")
def served():
    with running(FIXTURE) as s:
        yield s


@pytest.mark.browser
def test_a_page_on_another_origin_queries_the_endpoint(served):
    import json

    _Page.body = (CLIENT_PAGE % {"endpoint": json.dumps(served.base + "/sparql"),
                                 "query": json.dumps(CITIES)}).encode()
    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{other.server_address[1]}"
    try:
        with chromium() as browser:
            page = browser.new_page()
            log = _only(page, (origin + "/", served.base + "/"))
            page.goto(origin + "/")
            page.wait_for_function("document.getElementById('out').textContent !== 'waiting'", timeout=20_000)
            assert page.text_content("#out") == "Kyiv,Lviv,Mariupol"
            log.assert_clean()
    finally:
        other.shutdown()
        other.server_close()


@pytest.mark.browser
def test_the_query_page_runs_a_query_offline(served):
    SCREENSHOTS.mkdir(exist_ok=True)
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        log = _only(page, (served.base + "/",))
        page.goto(served.base + "/")
        page.wait_for_selector(".yasqe .CodeMirror", timeout=20_000)
        page.evaluate("query => { const y = window.yasgui.getTab().getYasqe(); y.setValue(query); y.query(); }",
                      CITIES)
        page.wait_for_selector(".yasr table td", timeout=20_000)
        cells = page.locator(".yasr table td").all_text_contents()
        assert {"Kyiv", "Lviv", "Mariupol"} <= {c.strip().strip('"') for c in cells}, cells
        page.screenshot(path=str(SCREENSHOTS / "sparql-query-page.png"))
        assert log.blocked == [], log.blocked  # nothing but this endpoint: no CDN, no prefix service
        assert not log.page_errors, log.page_errors
        assert not log.console_errors, log.console_errors
