"""The HTML viewer: golden data, a self-contained page, escaping, browser.

Regenerate the golden file with ``NEWSKG_UPDATE_GOLDEN=1 pytest tests/test_html_export.py``.
"""
from __future__ import annotations

import difflib
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exports.html import html_document, script_json, viewer_data, write_html
from fixture_records import fixture_records
from graph.build import build_graph
from graph.view import to_networkx

GOLDEN = Path(__file__).parent / "golden" / "fixture_viewer.json"
ARTIFACTS = Path(__file__).parents[1] / "test-artifacts"
HOSTILE = "Vitali <script>window.pwned=1</script> Klitschko"
DATA_BLOCK = re.compile(r'<script id="viewer-data" type="application/json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def fixture_graph():
    return build_graph(fixture_records())


@pytest.fixture(scope="module")
def page_html(fixture_graph) -> str:
    return html_document(fixture_graph)


def _golden_text(data: dict) -> str:
    shown = {k: data[k] for k in ("nodes", "edges", "legend")}
    return json.dumps(shown, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def test_viewer_data_matches_golden(fixture_graph):
    actual = _golden_text(viewer_data(to_networkx(fixture_graph)))
    if os.environ.get("NEWSKG_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(actual, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8") if GOLDEN.exists() else ""
    if actual != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True),
            fromfile=str(GOLDEN), tofile="actual",
        ))
        pytest.fail(f"viewer data differs from the golden file (NEWSKG_UPDATE_GOLDEN=1 to accept):\n{diff}")


def test_page_is_self_contained(page_html):
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*https?:""", page_html, re.I)
    assert not re.search(r"<script[^>]*\ssrc\s*=", page_html, re.I)
    assert "<link" not in page_html.lower()
    # Belt and braces: the page's policy forbids every request.
    assert "content=\"default-src 'none';" in page_html


def test_data_block_is_escaped(page_html, fixture_graph):
    blocks = DATA_BLOCK.findall(page_html)
    assert len(blocks) == 1
    block = blocks[0]
    assert not set(block) & set("<>&\u2028\u2029")
    data = json.loads(block)
    assert data == json.loads(json.dumps(viewer_data(to_networkx(fixture_graph))))
    assert HOSTILE in {n["label"] for n in data["nodes"]}
    # The hostile markup occurs nowhere raw, nor does the hostile headline.
    assert "<script>window.pwned" not in page_html
    assert 'Hostile "title" </script>' not in page_html


def test_render_is_deterministic(page_html):
    assert html_document(build_graph(fixture_records())) == page_html


def test_write_html_writes_one_file(tmp_path, monkeypatch, fixture_graph, page_html):
    monkeypatch.chdir(tmp_path)  # pyvis's own writer would put lib/ here
    out = tmp_path / "out" / "graph.html"
    write_html(fixture_graph, out)
    assert out.read_text(encoding="utf-8") == page_html
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["out", "out/graph.html"]


def test_empty_graph():
    data = viewer_data(to_networkx(build_graph([])))
    assert (data["nodes"], data["edges"], data["legend"]) == ([], [], [])
    assert "<!DOCTYPE html>" in html_document(build_graph([]))


def test_viewer_hides_articles_and_keeps_evidence(fixture_graph):
    G = to_networkx(fixture_graph)
    data = viewer_data(G)
    shown = {n for n, kind in G.nodes(data="kind") if kind != "article"}
    assert {n["id"] for n in data["nodes"]} == shown
    for u, v, d in G.edges(data=True):
        if u in shown and v in shown and d.get("sentence"):
            assert any(e["from"] == u and e["to"] == v and d["sentence"] in e["title"] for e in data["edges"])


@given(st.one_of(st.text(), st.dictionaries(st.text(), st.lists(st.text()))))
def test_script_json_escapes(value):
    text = script_json(value)
    assert not set(text) & set("<>&\u2028\u2029")
    assert json.loads(text) == value


# In-page helpers: where to point the mouse at an edge or a node.
EDGE_POINT_JS = """() => {
  const rect = document.getElementById("graph").getBoundingClientRect();
  for (const id of network.body.edgeIndices) {
    const dom = network.canvasToDOM(network.body.edges[id].edgeType.getPoint(0.5));
    if (network.getNodeAt(dom) === undefined && network.getEdgeAt(dom) === id) {
      return {id: id, x: rect.left + dom.x, y: rect.top + dom.y};
    }
  }
  return null;
}"""
NODE_POINT_JS = """(id) => {
  const rect = document.getElementById("graph").getBoundingClientRect();
  const dom = network.canvasToDOM(network.getPosition(id));
  return {x: rect.left + dom.x, y: rect.top + dom.y};
}"""
TOOLTIP_VISIBLE_JS = """() => {
  const tip = document.querySelector("div.vis-tooltip");
  return tip !== null && getComputedStyle(tip).visibility === "visible";
}"""


@pytest.mark.browser
def test_viewer_in_browser(tmp_path, fixture_graph):
    from browser import chromium, offline_page, other_requests

    path = tmp_path / "graph.html"
    write_html(fixture_graph, path)
    G = to_networkx(fixture_graph)
    shown = {n for n, kind in G.nodes(data="kind") if kind != "article"}
    types = [t["type"] for t in viewer_data(G)["legend"]]

    with chromium() as browser:
        page, log = offline_page(browser, path)
        page.wait_for_function("typeof network !== 'undefined' && network.body", timeout=15_000)
        page.wait_for_function("window.viewerStable === true && network.physics.options.enabled === false",
                               timeout=30_000)

        assert page.evaluate("network.body.data.nodes.length") == len(shown)
        assert page.locator("#legend-items .legend-type").all_text_contents() == types
        assert set(types) == {G.nodes[n]["type"] for n in shown}
        assert page.evaluate("typeof window.pwned") == "undefined"

        edges = page.evaluate("network.body.data.edges.get().map(e => [e.from, e.to, e.title])")
        for u, v, d in G.edges(data=True):
            if u in shown and v in shown and d.get("sentence"):
                assert any(f == u and t == v and d["sentence"] in title for f, t, title in edges), (u, v, d)

        # Hover an edge: its tooltip shows the evidence sentence; a click
        # puts it into the details panel.
        point = page.evaluate(EDGE_POINT_JS)
        assert point is not None, "no edge midpoint is free of nodes"
        sentence = page.evaluate("(id) => network.body.data.edges.get(id).details", point["id"])
        sentence = dict(sentence)["sentence"]
        page.mouse.move(point["x"] - 3, point["y"])
        page.mouse.move(point["x"], point["y"])
        page.wait_for_function(TOOLTIP_VISIBLE_JS, timeout=5_000)
        assert sentence in page.locator("div.vis-tooltip").inner_text()
        page.mouse.click(point["x"], point["y"])
        assert sentence in page.locator("#details-list").inner_text()

        # Click the hostile node: its name shows as text, nothing runs.
        hostile = next(n for n in shown if G.nodes[n]["label"] == HOSTILE)
        point = page.evaluate(NODE_POINT_JS, hostile)
        page.mouse.click(point["x"], point["y"])
        assert page.locator("#details-heading").text_content() == HOSTILE
        assert page.locator("#details script").count() == 0
        assert page.evaluate("typeof window.pwned") == "undefined"

        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "viewer-fixture.png"))

        assert other_requests(log, path) == []
        log.assert_clean()


@pytest.mark.browser
def test_empty_viewer_in_browser(tmp_path):
    from browser import chromium, offline_page

    path = tmp_path / "graph.html"
    write_html(build_graph([]), path)
    with chromium() as browser:
        page, log = offline_page(browser, path)
        # vis-network never stabilises without nodes; the page must not wait for it.
        page.wait_for_function("window.viewerStable === true && network.physics.options.enabled === false",
                               timeout=10_000)
        assert page.evaluate("network.body.data.nodes.length") == 0
        log.assert_clean()
