"""Hostile text met by real clients: FalkorDB runs ``import.cypher`` and gives the exact strings
back, and in headless Chromium the viewer runs no payload. Both for the hand-made hostile records
(support/fixture_records.py) and for the hostile articles built through the real pipeline
(support/hostile.py; the build loads the spaCy model).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from exports.html import write_html
from exports.neo4j import cypher_lines, write_neo4j
from exports.neo4j_model import array_delimiter
from graph.build import build_graph
from support.falkordb_server import db_graph, falkordb_server, run_script  # noqa: F401  (the session fixture)
from support.fixture_records import hostile_fixture_records
from support.hostile import NAMES, PWNED_JS, QUOTE_1, QUOTE_2, QUOTES, SOURCE, TITLE
from support.neo4j_csv import validate_dir


@pytest.fixture(scope="module")
def graph():
    return build_graph(hostile_fixture_records())


@pytest.fixture
def built(hostile_out):
    """The hostile articles built once per session (tests/conftest.py)."""
    return hostile_out


@pytest.mark.cypher
def test_cypher_import_gives_the_exact_strings(graph, falkordb_server, tmp_path):  # noqa: F811
    write_neo4j(graph, tmp_path / "neo4j")
    want = validate_dir(tmp_path / "neo4j", array_delimiter=array_delimiter(graph))
    db = falkordb_server.new_graph("hostile_text")
    run_script(falkordb_server, db, "".join(cypher_lines(graph)))
    nodes, rels = db_graph(db)
    assert nodes == {key[1]: value for key, value in want.nodes.items()}  # every label and property exactly
    assert sum(rels.values()) == len(want.rels)
    assert NAMES <= {p.get("name") for _, p in nodes.values()}
    assert QUOTES <= {p.get("text") for _, p in nodes.values()}
    assert db.query("MATCH (n:Node) RETURN count(n)").result_set == [[len(want.nodes)]]  # nothing deleted


def _viewer_check(path: Path) -> None:
    """Open the viewer, show every node's and edge's details, hover the
    nodes; nothing may run. Then show the check would catch a payload."""
    from support.browser import chromium, offline_page

    with chromium() as browser:
        page, log = offline_page(browser, path)
        page.wait_for_function("window.viewerStable === true", timeout=30_000)
        data = page.evaluate("JSON.parse(document.getElementById('viewer-data').textContent)")
        shown = page.evaluate("""(data) => {
          const out = [];
          for (const n of data.nodes) {
            network.emit("click", {nodes: [n.id], edges: []});
            out.push([n.label, document.getElementById("details-heading").textContent,
                      document.querySelectorAll("#details *:not(h2):not(p):not(dl):not(dt):not(dd)").length]);
          }
          for (const e of data.edges) {
            network.emit("click", {nodes: [], edges: [e.id]});
            out.push([e.label, document.getElementById("details-heading").textContent,
                      document.querySelectorAll("#details *:not(h2):not(p):not(dl):not(dt):not(dd)").length]);
          }
          return out;
        }""", data)
        assert all(label == heading and extra == 0 for label, heading, extra in shown)
        for node in data["nodes"][:40]:  # hover: vis-network's tooltip shows the title as text
            point = page.evaluate("""(id) => {
              const r = document.getElementById("graph").getBoundingClientRect();
              const d = network.canvasToDOM(network.getPosition(id));
              return {x: r.left + d.x, y: r.top + d.y};
            }""", node["id"])
            page.mouse.move(point["x"], point["y"])
            page.wait_for_timeout(30)
        # innerText turns the title's newlines into <br>; any other element would be markup from a payload
        assert page.locator("div.vis-tooltip *:not(br)").count() == 0
        assert page.evaluate(PWNED_JS) == []
        log.assert_clean()

        # The control: the same payload put in as markup does run in this page.
        page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"window.pwnedControl=1\">')")
        page.wait_for_function("window.pwnedControl === 1", timeout=5_000)


@pytest.mark.browser
def test_viewer_runs_no_payload(graph, tmp_path):
    path = tmp_path / "graph.html"
    write_html(graph, path)
    html = path.read_text(encoding="utf-8")
    assert not [p for p in (*QUOTES, TITLE, SOURCE) if "<" in p and p in html]  # no payload as markup
    _viewer_check(path)


# --- the hostile articles, built through the real pipeline --------------------

@pytest.mark.cypher
def test_pipeline_cypher_import_is_exact(built, falkordb_server):  # noqa: F811
    delimiter = re.search(r"--array-delimiter=(.)", (built / "neo4j" / "README.md").read_text()).group(1)
    want = validate_dir(built / "neo4j", array_delimiter=delimiter)
    db = falkordb_server.new_graph("hostile_pipeline")
    run_script(falkordb_server, db, (built / "neo4j" / "import.cypher").read_text(encoding="utf-8"))
    nodes, _ = db_graph(db)
    assert nodes == {key[1]: value for key, value in want.nodes.items()}
    assert {QUOTE_1, QUOTE_2} <= {p.get("text") for _, p in nodes.values()}


@pytest.mark.browser
def test_pipeline_viewer_runs_no_payload(built):
    _viewer_check(built / "graph.html")
