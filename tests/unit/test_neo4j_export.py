"""The neo4j export: golden files, the CSV grammar, import.cypher as text, and ``newskg neo4j``
up to the server (its statements and parameters, its one-line errors).

Golden files live in tests/golden/neo4j/; regenerate them with
``NEWSKG_UPDATE_GOLDEN=1 python -m pytest tests/unit/test_neo4j_export.py``.
The real openCypher run (import.cypher and the loader on FalkorDB) is
tests/e2e/test_cypher_falkordb.py.
"""
from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exports import EXPORTERS
from exports.cypher import cypher_string, relationship_type
from exports.neo4j import cypher_lines, neo4j_tables, write_neo4j
from exports.neo4j_model import NODE_FILES, REL_FILES, array_delimiter
from graph.build import build_graph
from support.cypher_text import TRICKY, decode_literal, split_statements
from support.fixture_records import HOSTILE_PERSON, HOSTILE_TEXT, KLITSCHKO, fixture_records, neo4j_hostile_records
from support.neo4j_csv import CsvError, validate, validate_dir
from support import paths

GOLDEN = paths.GOLDEN / "neo4j"
UPDATE = os.environ.get("NEWSKG_UPDATE_GOLDEN") == "1"
OUT_FILES = sorted([*NODE_FILES, *REL_FILES, "import.cypher", "README.md"])

@pytest.fixture(scope="module")
def fixture_graph():
    return build_graph(fixture_records())


@pytest.fixture(scope="module")
def hostile_graph():
    return build_graph(neo4j_hostile_records())


@pytest.fixture(scope="module")
def exported(fixture_graph, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    return EXPORTERS["neo4j"].write(fixture_graph, out)


def read_folder(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


def csv_texts(path: Path) -> dict[str, str]:
    return {p.name: p.read_bytes().decode("utf-8") for p in sorted(path.glob("*.csv"))}


# --- golden files -----------------------------------------------------------

def test_folder_layout(exported):
    assert exported.name == "neo4j" and exported.is_dir()
    assert sorted(p.name for p in exported.iterdir()) == OUT_FILES
    if not UPDATE:
        assert sorted(p.name for p in GOLDEN.iterdir()) == OUT_FILES, "golden folder has other files"


@pytest.mark.parametrize("name", OUT_FILES)
def test_golden(exported, name):
    actual = (exported / name).read_bytes()
    golden = GOLDEN / name
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(actual)
        for stale in set(p.name for p in GOLDEN.iterdir()) - set(OUT_FILES):
            (GOLDEN / stale).unlink()
        return
    expected = golden.read_bytes() if golden.exists() else b""
    if actual != expected:
        diff = difflib.unified_diff(
            expected.decode("utf-8").splitlines(keepends=True), actual.decode("utf-8").splitlines(keepends=True),
            f"tests/golden/neo4j/{name}", f"exported/{name}",
        )
        pytest.fail(f"{name} differs from the golden file (regenerate with NEWSKG_UPDATE_GOLDEN=1):\n"
                    + "".join(diff), pytrace=False)


def test_deterministic_and_atomic(fixture_graph, tmp_path):
    write_neo4j(fixture_graph, tmp_path / "a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "stale.csv").write_text("x")
    write_neo4j(build_graph(list(reversed(fixture_records()))), tmp_path / "b")
    assert read_folder(tmp_path / "a") == read_folder(tmp_path / "b")  # stale file gone, same bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]  # no temporary folders left


# --- the CSV files against the documented grammar ---------------------------

def test_export_passes_validator(exported, fixture_graph):
    g = validate_dir(exported)
    tables = neo4j_tables(fixture_graph)
    assert len(g.nodes) == sum(len(rows) for name, (_, rows) in tables.items() if name.startswith("nodes_"))
    assert len(g.rels) == sum(len(rows) for name, (_, rows) in tables.items() if name.startswith("rel"))
    for name, text in csv_texts(exported).items():
        assert "None" not in re.split(r'[,\n"]', text), name
    _, props = g.nodes[("Node", "https://w3id.org/newskg/id/claim/b6c613aba520efc4")]
    assert props["value"] == 2300 and props["date"] == dt.date(2022, 3, 21) and props["confidence"] == 0.8
    assert "qualifier" in props and "date" not in g.nodes[("Node", "https://w3id.org/newskg/id/statement/"
                                                          "d08745218509c85f")][1]  # empty date: no value


def test_hostile_export_passes_validator(hostile_graph, tmp_path):
    write_neo4j(hostile_graph, tmp_path / "neo4j")
    delim = array_delimiter(hostile_graph)
    assert delim == "^"  # ";" and "|" occur in aliases
    assert f"'--array-delimiter={delim}'" in (tmp_path / "neo4j" / "README.md").read_text()
    g = validate_dir(tmp_path / "neo4j", array_delimiter=delim)
    lviv = g.nodes[("Node", "https://w3id.org/newskg/id/city/lviv")][1]
    assert lviv["aliases"] == ["Lviv;Lemberg", "Lw\u00f3w|Lemberg"]
    statements = [p for labels, p in g.nodes.values() if "Statement" in labels]
    assert HOSTILE_TEXT in [p["text"] for p in statements]  # newlines, \r, controls survive the CSV
    claim = next(p for labels, p in g.nodes.values() if "Claim" in labels and p["value"] > 2**31)
    assert claim["value"] == 3_000_000_000
    with pytest.raises(CsvError, match="empty array element"):  # read with the default ";" arrays split wrongly
        validate_dir(tmp_path / "neo4j")


GOOD_NODES = "id:ID(Node),:LABEL,n:int\na,Node;X,1\nb,Node,\n"
GOOD_RELS = ":START_ID(Node),:END_ID(Node),:TYPE,w:float\na,b,R,0.5\n"


@pytest.mark.parametrize(("files", "message"), [
    ({"n.csv": "id:ID(Node),name:text\na,x\n"}, "unknown type"),
    ({"n.csv": "id:ID(Node),:ID(Node)\na,b\n"}, "ID x2"),
    ({"n.csv": ":LABEL,name\nX,x\n"}, "neither a node file"),
    ({"n.csv": GOOD_NODES, "r.csv": ":START_ID(Node),:END_ID(Node)\na,b\n"}, "TYPE x0"),
    ({"n.csv": GOOD_NODES, "r.csv": ":START_ID(Node),:END_ID(Node),:TYPE\na,zz,R\n"}, "'zz' is no node"),
    ({"n.csv": GOOD_NODES, "r.csv": ":START_ID(Other),:END_ID(Node),:TYPE\na,b,R\n"}, "ID space Other"),
    ({"n.csv": GOOD_NODES + "a,Node,2\n"}, "duplicate id 'a'"),
    ({"n.csv": "id:ID(Node),n:int\na,1.5\n"}, "not an int"),
    ({"n.csv": "id:ID(Node),n:int\na,3000000000\n"}, "not an int"),
    ({"n.csv": "id:ID(Node),n:int\na,None\n"}, "not an int"),
    ({"n.csv": "id:ID(Node),d:date\na,2022-13-01\n"}, "not a date"),
    ({"n.csv": "id:ID(Node),d:date\na,21/03/2022\n"}, "not a date"),
    ({"n.csv": "id:ID(Node),f:float\na,nan\n"}, "not a float"),
    ({"n.csv": "id:ID(Node),b:boolean\na,True\n"}, "not a boolean"),
    ({"n.csv": "id:ID(Node),xs:int[]\na,1;;2\n"}, "empty array element"),
    ({"n.csv": "id:ID(Node),:LABEL\na,Node;\n"}, "empty label"),
    ({"n.csv": "id:ID(Node),name\na,x,y\n"}, "3 fields, header has 2"),
    ({"n.csv": "id:ID(Node),name\n,x\n"}, "empty id"),
    ({"n.csv": "id:ID(Node),name,name\na,x,y\n"}, "duplicate property"),
    ({"n.csv": "id:ID(Node),:int\na,1\n"}, "needs a name"),
    ({"n.csv": 'id:ID(Node),name\na,"x\n'}, "bad CSV"),
    ({"n.csv": GOOD_NODES, "r.csv": ":START_ID(Node),:END_ID(Node),:TYPE\na,b,\n"}, "empty relationship type"),
])
def test_validator_rejects(files, message):
    with pytest.raises(CsvError, match=re.escape(message)):
        validate(files)


def test_validator_accepts_good_files():
    g = validate({"n.csv": GOOD_NODES, "r.csv": GOOD_RELS})
    assert g.nodes[("Node", "a")] == (frozenset({"Node", "X"}), {"id": "a", "n": 1})
    assert g.rels == [(("Node", "a"), ("Node", "b"), "R", {"w": 0.5})]


# --- import.cypher as text ------------------------------------------------------

def test_statement_delimiting(hostile_graph):
    text = "".join(cypher_lines(hostile_graph, batch_size=2))
    statements = split_statements(text)
    assert statements[0][0].startswith("CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:`Node`)")
    assert [s for s, _ in statements[1:5]] == [
        "CREATE INDEX entity_name IF NOT EXISTS FOR (n:`Entity`) ON (n.name)",
        "CREATE INDEX entity_type IF NOT EXISTS FOR (n:`Entity`) ON (n.type)",
        "CREATE INDEX article_id IF NOT EXISTS FOR (n:`Article`) ON (n.article_id)",
        "CREATE POINT INDEX entity_location IF NOT EXISTS FOR (n:`Entity`) ON (n.location)"]
    batches = statements[5:]
    assert all(s.startswith("UNWIND $rows AS row") and p.startswith("{rows: [") and p.endswith("]}")
               for s, p in batches)
    assert all(s.endswith(("SET r += row.props", "r.last_date = date(row.dates.last_date)", "`"))
               for s, _ in batches)
    ends = [i for i, line in enumerate(text.split("\n")) if line.endswith(";")]
    assert len(ends) == len(statements)
    assert "\r" not in text and "\x00" not in text
    # The same statements and parameters as the loader sends.
    assert [(q, p is None) for q, p in statements_of(hostile_graph, batch_size=2)] == [
        (q, p is None) for q, p in statements]


def statements_of(g, batch_size):
    from exports.neo4j import statements

    return list(statements(g, batch_size))


def test_relationship_types_are_sanitised(hostile_graph):
    text = "".join(cypher_lines(hostile_graph))
    types = set(re.findall(r"MERGE \(a\)-\[r:`([^`]*)`", text))
    # the vocabulary's relations and the structural ones; any other relation is RELATED_TO with its verb
    assert types == {"ATTACKED", "FLED_TO", "ACCUSED", "LOCATED_IN", "PRESIDENT_OF", "SAID", "ABOUT", "CLAIMED", "PLACE",
                     "MENTIONS", "PUBLISHER", "DATELINE", "SOURCE", "RELATED_TO"}
    assert "MERGE (a)-[r:`RELATED_TO` {verb: row.k}]->(b)" in text
    assert "k: 'x_n_detach_delete_n'" in text  # the odd relation (slugged by the graph) is a value, not a type
    assert relationship_type("") == "RELATED" and relationship_type("fled-to ") == "FLED_TO"


@settings(max_examples=300)
@given(st.one_of(st.text(), TRICKY))
def test_escaper_is_safe_and_decodes_back(text):
    lit = cypher_string(text)
    assert "\n" not in lit and "\r" not in lit
    assert decode_literal(lit) == text


# --- `newskg neo4j`: the loader's statements and parameters, its errors -------------

def test_loader_sends_parameters_not_text(hostile_graph):
    # Every value reaches the session as a parameter; no article text is in a statement.
    from newskg.service.neo4j_load import load

    class Recorder:
        def __init__(self):
            self.calls = []

        def run(self, query, parameters=None):
            self.calls.append((query, parameters))
            return self

        def consume(self):
            return self

    rec = Recorder()
    load(rec, hostile_graph, batch_size=4)
    statements = "\n".join(q for q, _ in rec.calls)
    for text in (HOSTILE_TEXT, HOSTILE_PERSON, KLITSCHKO, "Lviv;Lemberg", "Mariupol"):
        assert text not in statements
    sent = [row for _, p in rec.calls if p for row in p["rows"]]
    assert any(row.get("props", {}).get("text") == HOSTILE_TEXT for row in sent)
    assert all(set(p) == {"rows"} and 0 < len(p["rows"]) <= 4 for _, p in rec.calls if p is not None)


def run_cli(*args: str, env: dict | None = None):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "newskg.cli", *args], capture_output=True, text=True, timeout=60,
                          check=False, cwd=paths.ROOT, env={**os.environ, **(env or {})})


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again: nothing listens there


@pytest.mark.parametrize(("args", "env", "code", "message"), [
    (["--uri", "bolt://127.0.0.1:{port}"], {}, 1, "cannot connect to Neo4j at bolt://127.0.0.1:{port}: "),
    (["--uri", "neo4j://127.0.0.1:{port}"], {"NEO4J_AUTH": "neo4j/secret"}, 1, "cannot connect to Neo4j at neo4j://"),
    (["--uri", "http://127.0.0.1:7474"], {}, 2, "use a scheme from: bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc"),
    (["--uri", "localhost:7687"], {}, 2, "is not a Neo4j address"),
    (["--uri", "bolt://127.0.0.1:{port}"], {"NEO4J_AUTH": "secret"}, 2, "NEO4J_AUTH must be user/password or none"),
    (["--uri", "bolt://127.0.0.1:{port}", "--user", "neo4j"], {}, 2, "--user needs --password"),
    (["--uri", "bolt://127.0.0.1:{port}", "--batch-size", "0"], {}, 2, "expected a positive whole number"),
])
def test_neo4j_command_errors_are_one_line(args, env, code, message):
    port = _free_port()
    args = [a.format(port=port) for a in args]
    proc = run_cli("neo4j", "tests/golden/fixture.ttl", *args, env=env)
    assert proc.returncode == code, proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("newskg: error: ") and "Traceback" not in proc.stderr
    assert message.format(port=port) in proc.stderr


def test_neo4j_command_checks_the_graph_before_connecting():
    proc = run_cli("neo4j", "no/such.ttl", "--uri", f"bolt://127.0.0.1:{_free_port()}")
    assert proc.returncode == 1 and "no/such.ttl: no such file" in proc.stderr


def test_neo4j_command_uses_the_official_driver(monkeypatch, tmp_path):
    # The real driver, as far as it goes without a server: the URI, credentials and
    # database reach it, and its connection error becomes ServiceError.
    import neo4j

    from newskg.api import neo4j as load_api
    from core.errors import ServiceError

    seen = {}
    real = neo4j.GraphDatabase.driver

    def spy(uri, **kw):
        seen.update(uri=uri, **kw)
        return real(uri, **kw)

    monkeypatch.setattr(neo4j.GraphDatabase, "driver", spy)
    monkeypatch.setenv("NEO4J_AUTH", "reader/pa/ss")
    port = _free_port()
    (tmp_path / "graph.ttl").write_bytes((paths.GOLDEN / "fixture.ttl").read_bytes())
    with pytest.raises(ServiceError, match=f"cannot connect to Neo4j at neo4j://127.0.0.1:{port}"):
        load_api(tmp_path, f"neo4j://127.0.0.1:{port}", database="news")  # an output folder: its graph.ttl
    assert seen["uri"] == f"neo4j://127.0.0.1:{port}" and seen["auth"] == ("reader", "pa/ss")
