"""GraphML as Gephi, yEd, networkx and igraph read it: one id per edge, a label on every node
and edge, each attribute declared once with one type, and as many edges back as the graph has."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import igraph
import networkx as nx
import pytest

from exports.graphml import write_graphml
from graph.build import build_graph
from graph.view import to_networkx
from support.fixture_records import KLITSCHKO, fixture_records, neo4j_hostile_records

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


@pytest.fixture(scope="module", params=["fixture", "hostile"])
def written(request, tmp_path_factory):
    g = build_graph(fixture_records() if request.param == "fixture" else neo4j_hostile_records())
    path = tmp_path_factory.mktemp("graphml") / "graph.graphml"
    write_graphml(g, path)
    return to_networkx(g), path


def test_ids_labels_and_keys(written):
    view, path = written
    root = ET.parse(path).getroot()
    edges = root.findall(".//g:edge", NS)
    assert len(edges) == view.number_of_edges() > 0
    assert len({e.get("id") for e in edges}) == len(edges)  # Gephi keeps one edge per id
    keys = root.findall("g:key", NS)
    declared = Counter((k.get("for"), k.get("attr.name")) for k in keys)
    assert max(declared.values()) == 1  # each attribute declared once per domain
    assert {("node", "label"), ("edge", "label")} <= set(declared)
    label_key = {k.get("for"): k.get("id") for k in keys if k.get("attr.name") == "label"}
    for tag, domain in (("node", "node"), ("edge", "edge")):
        for el in root.findall(f".//g:{tag}", NS):
            assert el.find(f"g:data[@key='{label_key[domain]}']", NS) is not None, el.get("id")
    types = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in keys}
    assert types[("edge", "confidence")] == "double" and types[("edge", "sentence_index")] == "long"
    assert types[("node", "lat")] == "double"


def test_networkx_reads_every_edge(written):
    view, path = written
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == view.number_of_nodes()
    assert back.number_of_edges() == view.number_of_edges()
    assert Counter(d["label"] for *_, d in back.edges(data=True)) == Counter(
        d["predicate"] for *_, d in view.edges(data=True))
    assert KLITSCHKO in {d.get("label") for _, d in back.nodes(data=True)}
    fled = [d for u, v, d in back.edges(data=True) if d["label"] == "fled_to"]
    assert [(d["verb"], d["confidence"]) for d in fled] == [("leave", 0.5)]


def test_igraph_reads_every_edge(written):
    view, path = written
    back = igraph.Graph.Read_GraphML(str(path))
    assert (back.vcount(), back.ecount()) == (view.number_of_nodes(), view.number_of_edges())
    assert back.is_directed()
    assert Counter(back.es["label"]) == Counter(d["predicate"] for *_, d in view.edges(data=True))
    assert KLITSCHKO in back.vs["label"]
