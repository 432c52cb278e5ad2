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
ARTIFACTS = Path(__file__).parents[1] / "test-artifacts"  # gitignored; screenshots for a person to look at
HOSTILE = "Vitali <script>window.pwned=1</script> Klitschko"
DATA_BLOCK = re.compile(r'<script id="viewer-data" type="application/json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def fixture_graph():
    return build_graph(fixture_records())


@pytest.fixture(scope="module")
def page_html(fixture_graph) -> str:
    return html_document(fixture_graph)


def _golden_text(data: dict) -> str:
    # Positions are checked apart (test_layout_*): the golden file holds what the page says.
    nodes = [{k: v for k, v in n.items() if k not in ("x", "y")} for n in data["nodes"]]
    shown = {"nodes": nodes, **{k: data[k] for k in ("edges", "legend", "articles", "statements", "summary")}}
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
    assert (data["nodes"], data["edges"], data["legend"], data["summary"]["truncated"]) == ([], [], [], False)
    assert "<!DOCTYPE html>" in html_document(build_graph([]))


def test_viewer_hides_articles_and_keeps_evidence(fixture_graph):
    G = to_networkx(fixture_graph)
    data = viewer_data(G)
    shown = {n for n, kind in G.nodes(data="kind") if kind != "article"}
    assert {n["id"] for n in data["nodes"]} == shown
    for u, v, d in G.edges(data=True):
        if u in shown and v in shown and d.get("sentence"):
            assert any(e["from"] == u and e["to"] == v and ["sentence", d["sentence"]] in e["details"]
                       for e in data["edges"])


def test_node_details_name_aliases_articles_and_statements(fixture_graph):
    data = viewer_data(to_networkx(fixture_graph))
    z = next(n for n in data["nodes"] if n["label"] == "Volodymyr Zelenskyy")
    details = dict(map(tuple, z["details"]))
    assert details["type"] == "Person" and "Zelenskiy" in details["aliases"]
    assert sorted(data["articles"][i]["id"] for i in z["articles"]) == ["bbc-a2", "rfe-a1"]
    said = {data["statements"][i]["text"] for i in z["said"]}
    assert "Ukraine cannot fulfill Russian ultimatums" in said
    kyiv = next(n for n in data["nodes"] if n["label"] == "Kyiv")
    assert {"lat", "long", "geonames"} <= set(dict(map(tuple, kyiv["details"])))  # other properties flow through


def test_layout_is_deterministic_and_spread(fixture_graph):
    a = viewer_data(to_networkx(fixture_graph))
    b = viewer_data(to_networkx(build_graph(list(reversed(fixture_records())))))
    pos = {n["id"]: (n["x"], n["y"]) for n in a["nodes"]}
    assert pos == {n["id"]: (n["x"], n["y"]) for n in b["nodes"]}
    assert len(set(pos.values())) == len(pos)  # no two nodes on one spot
    xs, ys = [x for x, _ in pos.values()], [y for _, y in pos.values()]
    assert max(xs) - min(xs) < 3000 and max(ys) - min(ys) < 3000  # 18 nodes fit on a screen or two
    assert a["options"]["physics"]["enabled"] is False  # drawn where computed, nothing moves


@pytest.fixture(scope="module")
def big_graph():
    from synthetic import synthetic_records

    return build_graph(synthetic_records(60))


def test_past_the_limit_the_most_connected_actors_are_shown(big_graph):
    G = to_networkx(big_graph)
    full = viewer_data(G, 10_000)
    assert not full["summary"]["truncated"]
    cut = viewer_data(G, 40)
    assert cut["summary"] == {**cut["summary"], "nodes": 40, "total_nodes": len(full["nodes"]), "truncated": True}
    kept = {n["id"] for n in cut["nodes"]}
    assert all(n["kind"] == "entity" for n in cut["nodes"])  # actors first
    # by degree: no entity left out has more neighbours than one kept
    drawn = {n["id"] for n in full["nodes"]}
    deg = {n: len((set(G.predecessors(n)) | set(G.successors(n))) & drawn) for n in drawn}
    entities = [n["id"] for n in full["nodes"] if n["kind"] == "entity"]
    assert max(deg[n] for n in entities if n not in kept) <= min(deg[n] for n in kept)
    assert all(e["from"] in kept and e["to"] in kept for e in cut["edges"])
    page = html_document(big_graph, viewer_max_nodes=40)
    assert f"Showing the 40 most connected of {len(full['nodes'])} nodes" in page
    assert "most connected" not in html_document(big_graph)


def test_viewer_max_nodes_from_the_cli_and_registry(tmp_path, big_graph):
    from exports import EXPORTERS

    path = EXPORTERS["html"].write(big_graph, tmp_path, viewer_max_nodes=25, unrelated_option=1)
    assert "Showing the 25 most connected" in path.read_text(encoding="utf-8")


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


def _open(browser, path):
    from browser import offline_page

    page, log = offline_page(browser, path)
    page.wait_for_function("window.viewerStable === true", timeout=30_000)
    return page, log


VISIBLE_JS = "network.body.data.nodes.getIds()"


@pytest.fixture
def fixture_page(tmp_path, fixture_graph):
    """The fixture's viewer open in Chromium; fails on any request or console error."""
    from browser import chromium

    path = tmp_path / "graph.html"
    write_html(fixture_graph, path)
    with chromium() as browser:
        page, log = _open(browser, path)
        yield page
        log.assert_clean()


@pytest.mark.browser
def test_search_finds_a_node_by_name_or_alias(fixture_page):
    page = fixture_page
    page.fill("#search", "zelensk")
    assert "Volodymyr Zelenskyy (Person)" in page.locator("#search-results button").all_text_contents()
    page.fill("#search", "kiev")  # another spelling of Kyiv
    assert page.locator("#search-results button").all_text_contents() == ["Kyiv (City)"]
    page.press("#search", "Enter")
    assert page.locator("#details-heading").text_content() == "Kyiv"
    kyiv = page.evaluate("network.getSelectedNodes()")
    assert kyiv == ["https://w3id.org/newskg/id/city/kyiv"]
    # The node is centred: its position on screen is the middle of the canvas.
    at = page.evaluate("(id) => network.canvasToDOM(network.getPosition(id))", kyiv[0])
    box = page.locator("#graph").bounding_box()
    assert abs(at["x"] - box["width"] / 2) < 2 and abs(at["y"] - box["height"] / 2) < 2
    page.fill("#search", "<script>")
    page.locator("#search-results button").first.click()
    assert page.locator("#details-heading").text_content() == HOSTILE
    assert page.evaluate("typeof window.pwned") == "undefined"


@pytest.mark.browser
def test_filters_hide_nodes(fixture_page, fixture_graph):
    data = viewer_data(to_networkx(fixture_graph))
    by_id = {n["id"]: n for n in data["nodes"]}
    page = fixture_page
    every = set(page.evaluate(VISIBLE_JS))
    assert every == set(by_id)
    page.locator('#legend-items input[data-type="Statement"]').uncheck()
    shown = set(page.evaluate(VISIBLE_JS))
    assert shown == {n for n in every if by_id[n]["type"] != "Statement"}
    assert all(by_id[e["from"]]["type"] != "Statement" and by_id[e["to"]]["type"] != "Statement"
               for e in page.evaluate("network.body.data.edges.get()"))
    page.locator('#legend-items input[data-type="Statement"]').check()
    index = next(i for i, a in enumerate(data["articles"]) if a["id"] == "bbc-a2")
    page.select_option("#article-filter", str(index))
    shown = set(page.evaluate(VISIBLE_JS))
    assert shown == {n for n in every if index in by_id[n]["articles"]}
    assert "https://w3id.org/newskg/id/city/lviv" not in shown
    assert page.locator("#counts").text_content().startswith(f"{len(shown)} of {len(every)} nodes")
    page.select_option("#article-filter", "")
    page.select_option("#source-filter", "RFE/RL")
    shown = set(page.evaluate(VISIBLE_JS))
    assert {by_id[n]["label"] for n in shown} >= {"Mariupol", "theater (Mariupol)"} and len(shown) < len(every)
    page.select_option("#source-filter", "")
    assert set(page.evaluate(VISIBLE_JS)) == every


@pytest.mark.browser
def test_click_shows_node_statements_and_edge_evidence(fixture_page):
    page = fixture_page
    z = page.evaluate("network.body.data.nodes.get().find(n => n.label === \"Volodymyr Zelenskyy\").id")
    point = page.evaluate(NODE_POINT_JS, z)
    page.mouse.click(point["x"], point["y"])
    assert page.locator("#details-heading").text_content() == "Volodymyr Zelenskyy"
    terms = page.locator("#details-list dt").all_text_contents()
    assert {"type", "aliases", "articles", "said"} <= set(terms)
    text = page.locator("#details-list").inner_text()
    assert "Zelenskiy" in text and "Ukraine cannot fulfill Russian ultimatums" in text
    assert "rfe-a1: Mariupol theater (RFE/RL, 2022-03-21)" in text
    edge = page.evaluate("""() => network.body.data.edges.get().find(e => e.predicate === "attacked").id""")
    page.evaluate("(id) => network.emit('click', {nodes: [], edges: [id]})", edge)
    text = page.locator("#details-list").inner_text()
    assert page.locator("#details-heading").text_content() == "attacked"
    assert "Russian air strikes on March 16 flattened a theater in Mariupol" in text
    assert "rfe-a1: Mariupol theater" in text


@pytest.mark.browser
def test_truncated_viewer_says_so_and_still_works(tmp_path, big_graph):
    from browser import chromium

    path = tmp_path / "graph.html"
    write_html(big_graph, path, viewer_max_nodes=30)
    with chromium() as browser:
        page, log = _open(browser, path)
        assert page.evaluate("network.body.data.nodes.length") == 30
        assert "most connected of" in page.locator("#truncated").text_content()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "viewer-truncated.png"))
        log.assert_clean()
