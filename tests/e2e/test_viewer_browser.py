"""The viewer in headless Chromium (Playwright driving Debian's chromium, the network blocked;
any request or console error fails the test). Every view is saved as a screenshot in
test-artifacts/ (gitignored) and checked for what it must show: the entity graph and its
labels, search, focus (expand, hide, back), filters and legend counts, statements as nodes,
the details panel, the timeline, the map, the PNG export, a large graph and the node limit.
"""
from __future__ import annotations

import base64
import struct

import pytest

from exports.html import viewer_data, write_html
from graph.build import build_graph
from graph.view import to_networkx
from support import paths
from support.fixture_records import KLITSCHKO, fixture_records

ARTIFACTS = paths.ROOT / "test-artifacts"  # gitignored; screenshots for a person to look at
HOSTILE = KLITSCHKO  # the fixture's hostile name
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

pytestmark = pytest.mark.browser

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
SHOWN_JS = "network.body.data.nodes.getIds()"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"viewer-{name}.png"))


@pytest.fixture(scope="module")
def fixture_graph():
    return build_graph(fixture_records())


@pytest.fixture(scope="module")
def fixture_data(fixture_graph):
    return viewer_data(to_networkx(fixture_graph))


@pytest.fixture(scope="module")
def fixture_file(tmp_path_factory, fixture_graph):
    path = tmp_path_factory.mktemp("viewer") / "graph.html"
    write_html(fixture_graph, path)
    return path


@pytest.fixture(scope="module")
def browser():
    from support.browser import chromium

    with chromium() as b:
        yield b


def _open(browser, path, viewport=(1280, 800)):
    from support.browser import offline_page

    page, log = offline_page(browser, path, viewport=viewport)
    page.wait_for_function("window.viewerStable === true && network.physics.options.enabled === false",
                           timeout=30_000)
    return page, log


@pytest.fixture
def page(browser, fixture_file):
    """The fixture's viewer open in Chromium; fails on any request or console error."""
    from support.browser import other_requests

    page, log = _open(browser, fixture_file)
    yield page
    assert other_requests(log, fixture_file) == []
    log.assert_clean()
    page.close()


def _entities(data) -> set[str]:
    return {n["id"] for n in data["nodes"] if n["kind"] == "entity"}


def _neighbours(data, node_id: str) -> set[str]:
    ids = [n["id"] for n in data["nodes"]]
    out = set()
    for e in data["edges"]:
        if e["kind"] == "fact" and node_id in (ids[e["from"]], ids[e["to"]]):
            out |= {ids[e["from"]], ids[e["to"]]}
    return out - {node_id}


def _click_node(page, node_id: str, double: bool = False) -> None:
    point = page.evaluate(NODE_POINT_JS, node_id)
    (page.mouse.dblclick if double else page.mouse.click)(point["x"], point["y"])


def _id_of(data, label: str) -> str:
    return next(n["id"] for n in data["nodes"] if n["label"] == label)


def test_entity_graph_with_labels_and_evidence(page, fixture_data):
    assert set(page.evaluate(SHOWN_JS)) == _entities(fixture_data)  # statements and claims are not nodes
    assert page.evaluate("network.body.data.edges.length") == fixture_data["summary"]["edges"]
    labels = page.evaluate("window.viewerLabels")
    assert {"Volodymyr Zelenskyy", "Kyiv", "Mariupol", "Russia"} <= set(labels)  # readable at fit-to-screen
    assert page.locator("#legend-items .legend-type").all_text_contents() == [t["type"] for t in fixture_data["legend"]]
    assert page.evaluate("typeof window.pwned") == "undefined"
    shot(page, "whole")

    # Hover an edge: its tooltip shows the relation and its evidence; a click puts the evidence list
    # (sentence, article, date, confidence) into the details panel.
    point = page.evaluate(EDGE_POINT_JS)
    assert point is not None, "no edge midpoint is free of nodes"
    edge = page.evaluate("(id) => { const e = viewer.data.edges[Number(id.slice(1))]; return [e.predicate, e.evidence]; }",
                         point["id"])
    page.mouse.move(point["x"] - 3, point["y"])
    page.mouse.move(point["x"], point["y"])
    page.wait_for_function(TOOLTIP_VISIBLE_JS, timeout=5_000)
    assert edge[1][0][0] in page.locator("div.vis-tooltip").inner_text()
    page.mouse.click(point["x"], point["y"])
    assert page.locator("#details-heading").text_content().startswith(edge[0])
    text = page.locator("#details-list").inner_text()
    assert edge[1][0][0] in text and "confidence" in text and "count" in text
    assert edge[1][0][5] and f"rule: {edge[1][0][5]}" in text  # the extraction rule that found it

    # Click the hostile node: its name shows as text, nothing runs.
    _click_node(page, _id_of(fixture_data, HOSTILE))
    assert page.locator("#details-heading").text_content() == HOSTILE
    assert page.locator("#details script").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_search_centres_and_highlights(page):
    page.fill("#search", "zelensk")
    assert "Volodymyr Zelenskyy (Person)" in page.locator("#search-results button").all_text_contents()
    page.fill("#search", "kiev")  # another spelling of Kyiv
    assert page.locator("#search-results button").all_text_contents() == ["Kyiv (City)"]
    page.press("#search", "Enter")
    assert page.locator("#details-heading").text_content() == "Kyiv"
    kyiv = page.evaluate("network.getSelectedNodes()")
    assert kyiv == ["https://w3id.org/newskg/id/city/kyiv"]
    assert page.evaluate("[viewer.state.selected, Array.from(viewer.state.highlighted)]") == [kyiv[0], kyiv]
    # The node is centred: its position on screen is the middle of the canvas; its label is drawn.
    at = page.evaluate("(id) => network.canvasToDOM(network.getPosition(id))", kyiv[0])
    box = page.locator("#graph").bounding_box()
    assert abs(at["x"] - box["width"] / 2) < 2 and abs(at["y"] - box["height"] / 2) < 2
    assert "Kyiv" in page.evaluate("window.viewerLabels")
    shot(page, "search")
    page.fill("#search", "<script>")
    page.locator("#search-results button").first.click()
    assert page.locator("#details-heading").text_content() == HOSTILE
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_focus_expand_hide_and_back(page, fixture_data):
    russia = _id_of(fixture_data, "Russia")
    _click_node(page, russia)
    page.wait_for_function("window.viewerFocusMs !== undefined")
    focus = set(page.evaluate(SHOWN_JS))
    assert focus == {russia} | _neighbours(fixture_data, russia)
    assert page.locator("#mode-banner").is_visible()
    assert "Neighbourhood of Russia" in page.locator("#mode-text").text_content()
    assert page.evaluate("(id) => network.getPosition(id)", russia) == {"x": 0, "y": 0}  # laid out around it
    assert set(page.evaluate("window.viewerLabels")) == {n["label"] for n in fixture_data["nodes"] if n["id"] in focus}
    assert page.evaluate("window.viewerFocusMs") < 1_000
    shot(page, "focus")

    # Double-click a neighbour: its own neighbours join the view.
    theater = _id_of(fixture_data, "theater (Mariupol)")
    assert theater in focus
    _click_node(page, theater, double=True)
    expanded = set(page.evaluate(SHOWN_JS))
    assert expanded == focus | _neighbours(fixture_data, theater) and expanded > focus
    shot(page, "expanded")

    # Hide a node: it leaves the view; "Show all" brings it back.
    mariupol = _id_of(fixture_data, "Mariupol")
    assert mariupol in expanded
    page.evaluate("(id) => network.emit('click', {nodes: [id], edges: []})", mariupol)
    page.click('#details-actions button[data-action="Hide"]')
    assert set(page.evaluate(SHOWN_JS)) == expanded - {mariupol}
    assert page.locator("#hidden-count").text_content() == "1 hidden"
    page.click("#unhide")
    assert mariupol in page.evaluate(SHOWN_JS)

    page.click("#back")
    assert set(page.evaluate(SHOWN_JS)) == _entities(fixture_data)
    assert not page.locator("#mode-banner").is_visible()


def test_filters_re_lay_out_and_legend_counts_follow(page, fixture_data):
    every = _entities(fixture_data)
    by_id = {n["id"]: n for n in fixture_data["nodes"]}
    counts = "() => Object.fromEntries([...document.querySelectorAll('#legend-items .legend-count')].map(c => [c.dataset.type, c.textContent]))"
    assert page.evaluate(counts)["City"] == "3 / 3"
    page.locator('#legend-items input[data-type="City"]').uncheck()
    shown = set(page.evaluate(SHOWN_JS))
    assert shown == {n for n in every if by_id[n]["type"] != "City"}
    assert page.evaluate(counts)["City"] == "0 / 3"
    page.locator('#legend-items input[data-type="City"]').check()

    index = next(i for i, a in enumerate(fixture_data["articles"]) if a["id"] == "bbc-a2")
    page.select_option("#article-filter", str(index))
    shown = set(page.evaluate(SHOWN_JS))
    assert shown == {n for n in every if index in by_id[n]["articles"]} and "https://w3id.org/newskg/id/city/lviv" not in shown
    assert page.locator("#counts").text_content().startswith(f"{len(shown)} of {len(every)} entities")
    assert sum(int(c.split(" / ")[0]) for c in page.evaluate(counts).values()) == len(shown)
    # What remains is laid out again: not at its place in the whole graph.
    moved = page.evaluate("(ids) => ids.filter(id => { const p = network.getPosition(id), n = viewer.byId.get(id);"
                          " return p.x !== n.x || p.y !== n.y; }).length", sorted(shown))
    assert moved > 0
    shot(page, "filter-article")
    page.select_option("#article-filter", "")

    page.select_option("#source-filter", "RFE/RL")
    shown = set(page.evaluate(SHOWN_JS))
    assert {by_id[n]["label"] for n in shown} >= {"Mariupol", "theater (Mariupol)"} and len(shown) < len(every)
    page.select_option("#source-filter", "")

    page.fill("#date-from", "2022-05-01")
    page.dispatch_event("#date-from", "change")
    shown = set(page.evaluate(SHOWN_JS))
    late = {i for i, a in enumerate(fixture_data["articles"]) if a["date"] >= "2022-05-01"}
    assert shown == {n for n in every if late & set(by_id[n]["articles"])}
    page.fill("#date-from", "")
    page.dispatch_event("#date-from", "change")
    assert set(page.evaluate(SHOWN_JS)) == every

    # Statements and claims as nodes, when asked.
    page.check("#speech-toggle")
    shown = set(page.evaluate(SHOWN_JS))
    assert shown == {n["id"] for n in fixture_data["nodes"]}
    assert page.evaluate(counts)["Statement"] == "4 / 4"
    shot(page, "statements")


def test_details_panel_in_view_with_statements(page, fixture_data):
    z = _id_of(fixture_data, "Volodymyr Zelenskyy")
    _click_node(page, z)
    assert page.locator("#details-heading").text_content() == "Volodymyr Zelenskyy"
    panel, graph = page.locator("#details").bounding_box(), page.locator("#graph").bounding_box()
    assert panel["x"] >= graph["x"] + graph["width"] - 1 and panel["y"] < 100  # beside the graph, at the top
    terms = page.locator("#details-list dt").all_text_contents()
    assert {"type", "aliases", "articles", "relations", "said and claimed"} <= set(terms)
    text = page.locator("#details-list").inner_text()
    assert "Zelenskiy" in text and "Ukraine cannot fulfill Russian ultimatums" in text
    assert "rfe-a1: Mariupol theater (RFE/RL, 2022-03-21)" in text
    assert "president of \u2192 Ukraine" in text
    shot(page, "details")


def test_timeline_follows_the_selection(page, fixture_data):
    bars = page.locator("#timeline-svg g.day")
    days = {t["date"][:10] for t in fixture_data["timeline"]}
    assert bars.count() == len(days)
    assert sum(int(c) for c in bars.evaluate_all("bs => bs.map(b => b.dataset.count)")) == len(fixture_data["timeline"])
    assert page.locator("#timeline-count").text_content() == str(len(fixture_data["timeline"]))
    page.fill("#search", "Mariupol")
    page.press("#search", "Enter")
    assert page.locator("#timeline-svg rect.mine").count() > 0  # the selected node's days stand out
    page.locator('#timeline-svg g.day[data-date="2022-03-21"]').click()
    assert page.locator("#details-heading").text_content().startswith("2022-03-21")
    text = page.locator("#details-list").inner_text()
    assert "flattened a theater in Mariupol" in text
    assert page.evaluate("viewer.state.highlighted.size") > 0
    shot(page, "timeline")


def test_map_shows_the_places(page, fixture_data):
    page.click("#tab-map")
    places = [n for n in fixture_data["nodes"] if "geo" in n and n["kind"] == "entity"]
    assert page.locator("#map .marker").count() == len(places) > 0
    assert page.locator("#basemap path").count() > 150  # the offline base map
    kyiv = page.locator('#map .marker[data-id="https://w3id.org/newskg/id/city/kyiv"]')
    kyiv.click()
    assert page.locator("#details-heading").text_content() == "Kyiv"
    assert page.evaluate("network.getSelectedNodes()") == ["https://w3id.org/newskg/id/city/kyiv"]
    assert "selected" in page.locator('#map .marker[data-id="https://w3id.org/newskg/id/city/kyiv"]').get_attribute("class")
    shot(page, "map")
    page.click("#tab-graph")
    assert not page.locator("#map").is_visible()
    # The map follows the view: in a focus, only the focus's places.
    russia = _id_of(fixture_data, "Russia")
    _click_node(page, russia)
    focus = {russia} | _neighbours(fixture_data, russia)
    page.click("#tab-map")
    shown = page.locator("#map .marker").evaluate_all("ms => ms.map(m => m.dataset.id)")
    assert set(shown) == {n["id"] for n in places if n["id"] in focus} and russia in shown
    page.keyboard.press("Escape")  # back to the whole graph, and so to every place
    assert page.locator("#map .marker").count() == len(places)


def test_png_export_of_the_current_view(page, fixture_data):
    _click_node(page, _id_of(fixture_data, "Mariupol"))
    with page.expect_download() as info:
        page.click("#png")
    download = info.value
    assert download.suggested_filename == "newskg-graph.png"
    data = open(download.path(), "rb").read()
    assert data.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    canvas = page.evaluate("[document.querySelector('#graph canvas').width, document.querySelector('#graph canvas').height]")
    assert [width, height] == canvas
    assert base64.b64decode(page.evaluate("window.viewerPng").split(",", 1)[1]) == data
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "viewer-export.png").write_bytes(data)


def test_empty_viewer(browser, tmp_path):
    path = tmp_path / "graph.html"
    write_html(build_graph([]), path)
    page, log = _open(browser, path)  # vis-network never draws without nodes; the page must not wait for it
    assert page.evaluate("network.body.data.nodes.length") == 0
    log.assert_clean()


def test_large_graph_renders_and_focuses(browser, tmp_path):
    """1,000 entities: the page draws the edges itself, a click on one still shows it, focus is quick."""
    from support.viewer_graph import viewer_graph

    path = tmp_path / "graph.html"
    G = viewer_graph(1000)
    write_html(G, path)
    data = viewer_data(G)
    page, log = _open(browser, path, viewport=(1400, 860))
    assert page.evaluate("network.body.data.nodes.length") == 1000
    assert page.evaluate("window.viewerRenderMs") < 10_000  # bench/viewer_render.py measures it properly
    labels = page.evaluate("window.viewerLabels")
    assert 20 <= len(labels) <= 300  # labelled by degree, not all at once
    top = max((n for n in data["nodes"] if n["kind"] == "entity"), key=lambda n: n["degree"])
    assert top["label"] in labels
    shot(page, "large")
    # an edge drawn by the page: a click on its middle shows its evidence
    hit = page.evaluate("""() => {
      const r = document.getElementById("graph").getBoundingClientRect();
      for (const id of viewer.shownEdges()) {
        const e = viewer.data.edges[Number(id.slice(1))];
        const a = network.getPosition(e.from), b = network.getPosition(e.to);
        const dom = network.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
        if (dom.x > 20 && dom.y > 20 && dom.x < r.width - 20 && dom.y < r.height - 20 && network.getNodeAt(dom) === undefined)
          return {x: r.left + dom.x, y: r.top + dom.y};
      }
    }""")
    page.mouse.click(hit["x"], hit["y"])
    assert page.locator("#details-list dt").first.text_content() == "from"
    page.evaluate("(id) => network.emit('click', {nodes: [id], edges: []})", top["id"])
    page.wait_for_function("window.viewerFocusMs !== undefined")
    assert page.evaluate("window.viewerFocusMs") < 2_000
    assert page.evaluate("network.body.data.nodes.length") == 1 + len(_neighbours(data, top["id"]))
    shot(page, "large-focus")
    log.assert_clean()


def test_truncated_viewer_says_so_and_still_works(browser, tmp_path):
    from support.synthetic import synthetic_records

    path = tmp_path / "graph.html"
    write_html(build_graph(synthetic_records(60)), path, viewer_max_nodes=30)
    page, log = _open(browser, path)
    assert page.evaluate("network.body.data.nodes.length") == 30
    assert "holds the 30 most connected of" in page.locator("#truncated").text_content()
    shot(page, "truncated")
    log.assert_clean()
