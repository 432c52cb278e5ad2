"""The viewer in headless Chromium (Playwright driving Debian's chromium, the network blocked;
any request or console error fails the test): the drawn nodes, search, filters, details,
tooltips, an inert hostile name, the node limit. Screenshots go to test-artifacts/.
"""
from __future__ import annotations

import pytest

from exports.html import viewer_data, write_html
from graph.build import build_graph
from graph.view import to_networkx
from support import paths
from support.fixture_records import KLITSCHKO, fixture_records

ARTIFACTS = paths.ROOT / "test-artifacts"  # gitignored; screenshots for a person to look at
HOSTILE = KLITSCHKO  # the fixture's hostile name


@pytest.fixture(scope="module")
def fixture_graph():
    return build_graph(fixture_records())


@pytest.fixture(scope="module")
def big_graph():
    from support.synthetic import synthetic_records

    return build_graph(synthetic_records(60))


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
    from support.browser import chromium, offline_page, other_requests

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
    from support.browser import chromium, offline_page

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
    from support.browser import offline_page

    page, log = offline_page(browser, path)
    page.wait_for_function("window.viewerStable === true", timeout=30_000)
    return page, log


VISIBLE_JS = "network.body.data.nodes.getIds()"


@pytest.fixture
def fixture_page(tmp_path, fixture_graph):
    """The fixture's viewer open in Chromium; fails on any request or console error."""
    from support.browser import chromium

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
    from support.browser import chromium

    path = tmp_path / "graph.html"
    write_html(big_graph, path, viewer_max_nodes=30)
    with chromium() as browser:
        page, log = _open(browser, path)
        assert page.evaluate("network.body.data.nodes.length") == 30
        assert "most connected of" in page.locator("#truncated").text_content()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "viewer-truncated.png"))
        log.assert_clean()
