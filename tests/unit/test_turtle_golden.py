"""Golden Turtle and JSON-LD for the hand-made fixture: same meaning
(rdflib.compare.isomorphic) and same bytes."""
from __future__ import annotations

import os

from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from support.golden import check_golden
from support.paths import GOLDEN
from exports.turtle import jsonld_lines, turtle_lines
from support.fixture_records import fixture_records
from graph.build import build_graph


def test_turtle_matches_golden():
    g = build_graph(fixture_records())
    text = "".join(turtle_lines(g))
    updating = bool(os.environ.get("NEWSKG_UPDATE_GOLDEN"))
    golden = None if updating else Graph().parse(GOLDEN / "fixture.ttl", format="turtle")
    if golden is not None and not isomorphic(g, golden):
        _, only_new, only_old = graph_diff(to_isomorphic(g), to_isomorphic(golden))
        added = sorted(" ".join(x.n3() for x in t) for t in only_new)[:40]
        removed = sorted(" ".join(x.n3() for x in t) for t in only_old)[:40]
        raise AssertionError("graph differs from golden/fixture.ttl\n+ " + "\n+ ".join(added)
                             + "\n- " + "\n- ".join(removed))
    check_golden("fixture.ttl", text)


def test_turtle_round_trips_hostile_text():
    g = build_graph(fixture_records())
    back = Graph().parse(data="".join(turtle_lines(g)), format="turtle")
    assert isomorphic(g, back)
    labels = {str(o) for o in back.objects()}
    assert "Vitali <script>window.pwned=1</script> Klitschko" in labels
    assert "'}) MATCH (n) DETACH DELETE n //" in labels


def test_jsonld_matches_golden_and_means_the_same():
    g = build_graph(fixture_records())
    text = "".join(jsonld_lines(g))
    assert isomorphic(g, Graph().parse(data=text, format="json-ld"))
    check_golden("fixture.jsonld", text)


def test_order_of_records_does_not_matter():
    a = "".join(turtle_lines(build_graph(fixture_records())))
    b = "".join(turtle_lines(build_graph(list(reversed(fixture_records())))))
    assert a == b
