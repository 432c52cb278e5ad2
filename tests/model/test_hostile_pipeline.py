"""Hostile text through the real pipeline (reader, spaCy, graph, exporters): articles whose
ids, titles, publishers and quotes carry payloads (support/hostile.py) come out of every export
exactly, and control characters never reach one. The hand-made hostile records are checked in
tests/unit/test_hostile_text.py; FalkorDB and Chromium meet these articles in
tests/e2e/test_hostile_text_clients.py.
"""
from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from support.hostile import E2E_RECORD, QUOTE_1, QUOTE_2, literals, oxigraph_strings
from support.neo4j_csv import validate_dir


@pytest.fixture
def built(hostile_out):
    """The hostile articles built once per session (tests/conftest.py)."""
    return hostile_out


def test_pipeline_keeps_hostile_strings_exactly(built):
    g = Graph().parse(built / "graph.ttl", format="turtle")
    strings = literals(g)
    assert oxigraph_strings((built / "graph.ttl").read_text(encoding="utf-8"), ox.RdfFormat.TURTLE) == strings
    assert isomorphic(g, Graph().parse(built / "graph.jsonld", format="json-ld"))
    # Names of entities: the publishers, one from a JSONL field and one from a dateline.
    assert {E2E_RECORD["source"], "<svg/onload=window.pwnedDateline=1>"} <= strings
    assert {E2E_RECORD["id"], E2E_RECORD["title"], "Hostile <b>headline</b> & \"quotes\" \\ {x}"} <= strings
    # Quotes, word for word as in the article.
    assert {QUOTE_1, QUOTE_2} <= strings
    assert any("</script><script>window.pwnedQuote3=1</script>" in s for s in strings)
    assert "Petro O'Brien-Andryushchenko" in strings
    # Control characters never reach an export: the reader blanks them.
    assert not any(re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", s) for s in strings)
    assert "NUL  and ESC [31m and BEL  were in this sentence, Klitschko said." in strings
    assert "A bell  rang in Kyiv, Klitschko said." in strings


def test_pipeline_csv_and_graphml_agree_with_turtle(built):
    import networkx as nx

    strings = literals(Graph().parse(built / "graph.ttl", format="turtle"))
    delimiter = re.search(r"--array-delimiter=(.)", (built / "neo4j" / "README.md").read_text()).group(1)
    csv = validate_dir(built / "neo4j", array_delimiter=delimiter)
    names = {p["name"] for labels, p in csv.nodes.values() if "Entity" in labels}  # statements are shortened
    assert {E2E_RECORD["source"], "Vitali Klitschko"} <= names <= strings
    assert {QUOTE_1, QUOTE_2} <= {p.get("text") for _, p in csv.nodes.values()}
    back = nx.read_graphml(built / "graph.graphml", force_multigraph=True)
    assert {d["label"] for _, d in back.nodes(data=True) if d.get("kind") == "entity"} == names
