"""The HTML viewer: golden data, a self-contained page, escaping, the entity graph with counted
relations and their evidence, the timeline and the places, layout, the node limit, the base map.

Regenerate the golden file with ``NEWSKG_UPDATE_GOLDEN=1 pytest tests/unit/test_html_export.py``.
The page in headless Chromium is tests/e2e/test_viewer_browser.py.
"""
from __future__ import annotations

import difflib
import json
import os
import re
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exports.html import basemap_json, html_document, script_json, viewer_data, vis_options, write_html
from graph.build import build_graph
from graph.view import to_networkx
from support import paths
from support.fixture_records import KLITSCHKO, fixture_records

GOLDEN = paths.GOLDEN / "fixture_viewer.json"
HOSTILE = KLITSCHKO  # the fixture's hostile name
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
    shown = {"nodes": nodes, **{k: data[k] for k in ("edges", "legend", "articles", "statements", "summary",
                                                      "timeline")}}
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
    assert data == json.loads(json.dumps({**viewer_data(to_networkx(fixture_graph)), "options": vis_options(False)}))
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
    ids = [n["id"] for n in data["nodes"]]
    for u, v, d in G.edges(data=True):
        if u in shown and v in shown and d.get("sentence"):
            assert any(ids[e["from"]] == u and ids[e["to"]] == v and d["sentence"] in [ev[0] for ev in e["evidence"]]
                       for e in data["edges"])


def test_entity_graph_has_one_edge_per_relation_with_its_count():
    from support.viewer_graph import viewer_graph

    G = viewer_graph(200)
    data = viewer_data(G)
    ids = [n["id"] for n in data["nodes"]]
    facts = Counter((u, d["predicate"].replace("_", " "), v) for u, v, d in G.edges(data=True)
                    if G.nodes[u]["kind"] == G.nodes[v]["kind"] == "entity")
    drawn = {(ids[e["from"]], e["predicate"], ids[e["to"]]): e for e in data["edges"] if e["kind"] == "fact"}
    assert set(drawn) == set(facts) and max(facts.values()) > 1  # the check can see a repeated relation
    assert all(drawn[k]["count"] == len(drawn[k]["evidence"]) == n for k, n in facts.items())
    # statements and claims are kept for the details panel and the toggle, with their own edges
    speech = {e["predicate"] for e in data["edges"] if e["kind"] == "speech"}
    assert speech == {"said", "about", "claimed"}
    assert {n["kind"] for n in data["nodes"]} == {"entity", "statement", "claim"}
    assert data["summary"]["nodes"] == sum(1 for n in data["nodes"] if n["kind"] == "entity")


def test_timeline_holds_every_dated_fact_statement_and_claim(fixture_graph):
    G = to_networkx(fixture_graph)
    data = viewer_data(G)
    dated_facts = sum(ev[2] != "" for e in data["edges"] if e["kind"] == "fact" for ev in e["evidence"])
    dated_statements = sum(s["date"] != "" for s in data["statements"])
    assert len(data["timeline"]) == dated_facts + dated_statements > 0
    assert [t["date"] for t in data["timeline"]] == sorted(t["date"] for t in data["timeline"])
    kinds = {"fact" if "edge" in t else data["statements"][t["statement"]]["kind"] for t in data["timeline"]}
    assert kinds == {"fact", "statement", "claim"}


def test_places_with_coordinates_are_on_the_map(fixture_graph):
    G = to_networkx(fixture_graph)
    data = viewer_data(G)
    placed = {n["label"]: n["geo"] for n in data["nodes"] if "geo" in n}
    want = {d["label"]: [round(d["lat"], 4), round(d["long"], 4)] for _, d in G.nodes(data=True) if "lat" in d}
    assert placed == want and "Kyiv" in placed
    assert data["summary"]["places"] == len(placed)


def test_base_map_is_shipped_with_its_licence(page_html):
    from importlib.resources import files

    outlines = json.loads(basemap_json())
    assert len(outlines) > 150 and all(p.startswith("M") and p.endswith("Z") for p in outlines)
    assert basemap_json() in page_html
    licence = files("exports").joinpath("assets", "WORLD-ATLAS-LICENSE").read_text(encoding="utf-8")
    assert "ISC" in licence or "Permission to use, copy, modify" in licence
    assert "Natural Earth" in licence


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
    assert vis_options(False)["physics"]["enabled"] is False  # drawn where computed, nothing moves


@pytest.fixture(scope="module")
def big_graph():
    from support.synthetic import synthetic_records

    return build_graph(synthetic_records(60))


def test_past_the_limit_the_most_connected_actors_are_shown(big_graph):
    G = to_networkx(big_graph)
    full = viewer_data(G, 10_000)
    assert not full["summary"]["truncated"]
    cut = viewer_data(G, 40)
    assert len(cut["nodes"]) == 40
    assert cut["summary"] == {**cut["summary"], "nodes": 40, "total_nodes": len(full["nodes"]), "truncated": True}
    kept = {n["id"] for n in cut["nodes"]}
    assert all(n["kind"] == "entity" for n in cut["nodes"])  # actors first
    # by degree: no entity left out has more neighbours than one kept
    drawn = {n["id"] for n in full["nodes"]}
    deg = {n: len((set(G.predecessors(n)) | set(G.successors(n))) & drawn) for n in drawn}
    entities = [n["id"] for n in full["nodes"] if n["kind"] == "entity"]
    assert max(deg[n] for n in entities if n not in kept) <= min(deg[n] for n in kept)
    assert all(cut["nodes"][e["from"]]["id"] in kept and cut["nodes"][e["to"]]["id"] in kept for e in cut["edges"])
    page = html_document(big_graph, viewer_max_nodes=40)
    assert f"holds the 40 most connected of {len(full['nodes'])} nodes,\n    40 of them entities" in page
    assert 'id="truncated"' not in html_document(big_graph)


def test_viewer_max_nodes_from_the_cli_and_registry(tmp_path, big_graph):
    from exports import EXPORTERS

    path = EXPORTERS["html"].write(big_graph, tmp_path, viewer_max_nodes=25, unrelated_option=1)
    assert "holds the 25 most connected" in path.read_text(encoding="utf-8")


@given(st.one_of(st.text(), st.dictionaries(st.text(), st.lists(st.text()))))
def test_script_json_escapes(value):
    text = script_json(value)
    assert not set(text) & set("<>&\u2028\u2029")
    assert json.loads(text) == value
