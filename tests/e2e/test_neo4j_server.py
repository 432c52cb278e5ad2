"""The Neo4j export on Neo4j itself (Community 5.26 from Maven Central: the launcher in
tests/support/neo4j_launcher, started by support/neo4j_server.py): the CSV files through
``neo4j-admin database import full``, ``import.cypher`` through cypher-shell, and ``newskg neo4j
--uri bolt://...``. Each must leave the graph the CSV files describe (labels, relationship types,
every property value), a rerun must change nothing, and the analyst's questions must answer.
"""
from __future__ import annotations

import shlex
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from exports.neo4j import write_neo4j
from exports.neo4j_model import array_delimiter
from exports.turtle import write_turtle
from graph.build import build_graph
from support.cli import run
from support.fixture_records import KLITSCHKO, fixture_records, neo4j_hostile_records
from support.neo4j_csv import validate_dir
from support.neo4j_server import admin_import, db_graph, neo4j_server, shell, start_neo4j, wipe  # noqa: F401

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module", params=["fixture", "hostile"])
def exported(request, tmp_path_factory):
    """(graph, its neo4j folder, the graph the CSV files describe)."""
    g = build_graph(fixture_records() if request.param == "fixture" else neo4j_hostile_records())
    folder = tmp_path_factory.mktemp(request.param) / "neo4j"
    write_neo4j(g, folder)
    write_turtle(g, folder.parent / "graph.ttl")
    csv = validate_dir(folder, array_delimiter=array_delimiter(g))
    nodes = {key[1]: value for key, value in csv.nodes.items()}
    rels = Counter((s[1], e[1], t, repr(sorted(p.items()))) for s, e, t, p in csv.rels)
    return request.param, folder, (nodes, rels)


def check_same_graph(session, want) -> None:
    want_nodes, want_rels = want
    nodes, rels = db_graph(session)
    count = lambda q: Counter(dict(session.run(q).values()))  # noqa: E731
    assert count("MATCH (n) UNWIND labels(n) AS l RETURN l, count(*)") == Counter(
        lb for labels, _ in want_nodes.values() for lb in labels)
    assert count("MATCH ()-[r]->() RETURN type(r), count(*)") == Counter(
        t for _, _, t, _ in want_rels.elements())
    assert nodes == want_nodes  # every label and property value, as the CSV files hold them
    assert rels == want_rels


def schema(session) -> set[tuple]:
    """(name, type, labels, properties) of every constraint and index but the built-in lookups."""
    rows = [*session.run("SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties").values(),
            *session.run("SHOW INDEXES YIELD name, type, labelsOrTypes, properties WHERE type <> 'LOOKUP' "
                         "RETURN name, type, labelsOrTypes, properties").values()]
    return {(name, typ, tuple(labels), tuple(props)) for name, typ, labels, props in rows}


def readme_commands(folder: Path) -> tuple[list[str], list[str]]:
    """The bulk import's neo4j-admin arguments and cypher-shell statements, as README.md gives them."""
    text = (folder / "README.md").read_text(encoding="utf-8")
    block = text.split("```sh\n", 1)[1].split("```", 1)[0]
    admin, _, rest = block.partition("\ncypher-shell")
    args = shlex.split(admin.replace("\\\n", " "))
    assert args[:4] == ["neo4j-admin", "database", "import", "full"]
    statements = [shlex.split(line)[-1] for line in ("cypher-shell" + rest).splitlines() if line]
    return args[1:], statements


def test_csv_through_neo4j_admin_import(exported, tmp_path):
    which, folder, want = exported
    home = tmp_path / "home"
    args, schema_statements = readme_commands(folder)
    done = admin_import(home, folder, args)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert f"{len(want[0])} nodes" in done.stdout and f"{sum(want[1].values())} relationships" in done.stdout
    server = start_neo4j(home)
    try:
        with server.driver() as driver, driver.session(database="neo4j") as session:
            check_same_graph(session, want)
            for statement in schema_statements:
                session.run(statement).consume()
            assert {("node_id", "UNIQUENESS", ("Node",), ("id",))} <= schema(session)
            # import.cypher after the bulk import changes nothing
            done = shell(server, folder / "import.cypher")
            assert done.returncode == 0, done.stderr[-2000:]
            check_same_graph(session, want)
    finally:
        server.stop()


def test_import_cypher_through_cypher_shell(neo4j_server, exported):  # noqa: F811
    which, folder, want = exported
    with neo4j_server.driver() as driver, driver.session(database="neo4j") as session:
        wipe(session)
        done = shell(neo4j_server, folder / "import.cypher")
        assert done.returncode == 0, done.stderr[-2000:]
        check_same_graph(session, want)
        first = schema(session)
        assert ("node_id", "UNIQUENESS", ("Node",), ("id",)) in first
        assert ("entity_location", "POINT", ("Entity",), ("location",)) in first
        done = shell(neo4j_server, folder / "import.cypher")  # a rerun changes nothing
        assert done.returncode == 0, done.stderr[-2000:]
        check_same_graph(session, want)
        assert schema(session) == first


def test_newskg_neo4j_command(neo4j_server, exported, monkeypatch):  # noqa: F811
    which, folder, want = exported
    monkeypatch.setenv("NEO4J_AUTH", "none")  # the launcher runs without auth
    with neo4j_server.driver() as driver, driver.session(database="neo4j") as session:
        wipe(session)
        for batch in ("500", "2"):  # a rerun, in other batches, changes nothing
            done = run("neo4j", "--uri", neo4j_server.uri, "--batch-size", batch, str(folder.parent / "graph.ttl"))
            assert done.returncode == 0, done.stderr
            assert f"loaded {len(want[0])} nodes and {sum(want[1].values())} relationships" in done.stderr
            check_same_graph(session, want)
        if which == "fixture":
            analyst_questions(session, want)


def analyst_questions(session, want) -> None:
    # Who said what about Ukraine?
    rows = session.run("MATCH (p:Entity)-[:SAID]->(s:Statement)-[:ABOUT]->(:Entity {name: $x}) "
                       "RETURN p.name, s.text, s.article ORDER BY s.text", x="Ukraine").values()
    assert rows == [["Volodymyr Zelenskyy", "Ukraine cannot fulfill Russian ultimatums", "rfe-a1"]]
    # Which facilities were attacked, by whom, how often, where is it written?
    rows = session.run("MATCH (a:Entity)-[r:ATTACKED]->(f:Facility)-[:LOCATED_IN]->(c:City) "
                       "RETURN a.name, f.name, c.name, r.count, r.articles, r.first_date.year, r.rules").values()
    assert rows == [["Russia", "theater (Mariupol)", "Mariupol", 1, ["rfe-a1"], 2022, ["verb_between_entities"]]]
    # ... and how far that is from Kyiv: locations are points
    rows = session.run("MATCH (a:City {name: 'Mariupol'}), (b:City {name: 'Kyiv'}) "
                       "RETURN round(point.distance(a.location, b.location) / 1000)").values()
    assert 550 < rows[0][0] < 650
    # The shortest path between two actors, over facts and statements, as networkx finds it on the CSVs.
    G = nx.Graph()
    G.add_edges_from((s, e) for s, e, *_ in want[1])
    names = {i: p.get("name") for i, (_, p) in want[0].items()}
    ids = {name: i for i, name in names.items()}
    expected = nx.shortest_path_length(G, ids[KLITSCHKO], ids["Russia"])
    rows = session.run("MATCH p = shortestPath((a:Entity {name: $a})-[*..8]-(b:Entity {name: $b})) "
                       "RETURN [n IN nodes(p) | n.id]", a=KLITSCHKO, b="Russia").values()
    assert len(rows) == 1 and len(rows[0][0]) - 1 == expected
    path = rows[0][0]
    assert all(G.has_edge(x, y) for x, y in zip(path, path[1:]))
