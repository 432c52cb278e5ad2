"""Hostile text in names, quotes, sentences and titles: every export stays
valid and inert, and each consumer gets the exact strings back.

Two sources of hostile text (support/hostile.py):

* hand-made records (support/fixture_records.py, :data:`PAYLOADS`): markup
  that would set a ``window.pwned*`` global if it ever ran, quotes,
  backslashes, braces, Cypher and SPARQL metacharacters, bidi overrides,
  emoji, control characters; their exports are checked here;
* articles built by the real pipeline (reader, spaCy, graph, exporters)
  whose ids, titles, publishers and quotes carry payloads:
  tests/model/test_hostile_pipeline.py.

Consumers are the real ones: rdflib and Oxigraph for Turtle and JSON-LD,
networkx for GraphML, the ``neo4j-admin`` header grammar for the CSV
(support/neo4j_csv.py); FalkorDB for ``import.cypher`` and headless
Chromium for the viewer are in tests/e2e/test_hostile_text_clients.py.
"""
from __future__ import annotations

import io
import json
import re

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from exports.graphml import graphml_lines
from exports.neo4j import cypher_lines, write_neo4j
from exports.neo4j_model import array_delimiter
from exports.turtle import jsonld_lines, turtle_lines
from graph.build import build_graph
from support.fixture_records import PAYLOADS, hostile_fixture_records
from support.hostile import NAMES, QUOTES, SOURCE, TITLE, literals, oxigraph_strings
from support.neo4j_csv import validate_dir

NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@pytest.fixture(scope="module")
def graph():
    return build_graph(hostile_fixture_records())


def test_the_fixture_holds_every_payload(graph):
    assert NAMES | QUOTES | {TITLE, SOURCE} <= literals(graph)


def test_turtle_round_trips_exactly(graph):
    text = "".join(turtle_lines(graph))
    back = Graph().parse(data=text, format="turtle")
    assert isomorphic(graph, back)
    assert literals(back) == literals(graph)
    assert oxigraph_strings(text, ox.RdfFormat.TURTLE) == literals(graph)  # a second, independent parser


def test_jsonld_round_trips_exactly(graph):
    text = "".join(jsonld_lines(graph))
    assert isomorphic(graph, Graph().parse(data=text, format="json-ld"))
    assert oxigraph_strings(text, ox.RdfFormat.JSON_LD) == literals(graph)


def test_graphml_is_valid_xml_with_the_strings(graph):
    import networkx as nx

    back = nx.read_graphml(io.BytesIO("".join(graphml_lines(graph)).encode("utf-8")), force_multigraph=True)
    labels = {d.get("label") for _, d in back.nodes(data=True)}
    # XML 1.0 cannot hold most control characters: they come back as U+FFFD, the rest exactly.
    assert {NOT_XML.sub("\ufffd", name) for name in NAMES} <= labels
    assert NOT_XML.sub("\ufffd", PAYLOADS["controls"]) != PAYLOADS["controls"]


def test_csv_gives_the_exact_strings(graph, tmp_path):
    write_neo4j(graph, tmp_path / "neo4j")
    g = validate_dir(tmp_path / "neo4j", array_delimiter=array_delimiter(graph))
    props = [p for _, p in g.nodes.values()]
    assert NAMES | {SOURCE} <= {p.get("name") for p in props}
    assert QUOTES <= {p.get("text") for p in props}
    sentences = {p.get("sentence") for p in props} | {r[3].get("sentence") for r in g.rels}
    assert {f"{k}: Agent {k} {v} said {v}." for k, v in PAYLOADS.items()} <= sentences


def test_nul_in_each_export(tmp_path):
    """NUL never comes from the reader (it blanks it), but an API user may
    pass it: each export stays valid and says what it can."""
    from exports.html import html_document
    from support.cypher_text import decode_literal
    from test_html_export import DATA_BLOCK

    from core.records import Article, ArticleRecords, Mention, Provenance, Statement

    name, quote = "Nul\x00 Person", "a\x00b \x00"
    art = Article("nul", f"{name} said {quote}")
    p = Provenance("nul", 0, 0, len(art.text), art.text)
    person = Mention(name, name, "Person", p)
    g = build_graph([ArticleRecords(art, mentions=(person,),
                                    statements=(Statement(person, name, "say", quote, "direct", p),))])
    assert {name, quote} <= literals(Graph().parse(data="".join(turtle_lines(g)), format="turtle"))
    assert {name, quote} <= oxigraph_strings("".join(turtle_lines(g)), ox.RdfFormat.TURTLE)
    assert {name, quote} <= literals(Graph().parse(data="".join(jsonld_lines(g)), format="json-ld"))
    write_neo4j(g, tmp_path / "neo4j")
    csv_props = [p for _, p in validate_dir(tmp_path / "neo4j").nodes.values()]
    assert name in {p.get("name") for p in csv_props} and quote in {p.get("text") for p in csv_props}
    cypher = "".join(cypher_lines(g))
    assert "\x00" not in cypher
    assert "'a\\u0000b \\u0000'" in cypher and decode_literal("'a\\u0000b \\u0000'") == quote  # as Neo4j reads it
    data = json.loads(DATA_BLOCK.search(html_document(g)).group(1))
    assert name in {n["label"] for n in data["nodes"]}
    import networkx as nx

    back = nx.read_graphml(io.BytesIO("".join(graphml_lines(g)).encode("utf-8")))
    assert "Nul\ufffd Person" in {d.get("label") for _, d in back.nodes(data=True)}
