"""Hostile text in names, quotes, sentences and titles: every export stays
valid and inert, and each consumer gets the exact strings back.

Two sources of hostile text:

* hand-made records (tests/fixture_records.py, :data:`PAYLOADS`): markup
  that would set a ``window.pwned*`` global if it ever ran, quotes,
  backslashes, braces, Cypher and SPARQL metacharacters, bidi overrides,
  emoji, control characters;
* articles built by the real pipeline (reader, spaCy, graph, exporters)
  whose ids, titles, publishers and quotes carry payloads.

Consumers are the real ones: rdflib and Oxigraph for Turtle and JSON-LD,
networkx for GraphML, the ``neo4j-admin`` header grammar for the CSV
(tests/neo4j_csv.py), FalkorDB for ``import.cypher``, and headless
Chromium for the viewer.
"""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import XSD, Graph, Literal
from rdflib.compare import isomorphic

from exports.graphml import graphml_lines
from exports.html import write_html
from exports.neo4j import array_delimiter, cypher_lines, write_neo4j
from exports.turtle import jsonld_lines, turtle_lines
from falkordb_server import falkordb_server  # noqa: F401  (the session fixture)
from fixture_records import PAYLOADS, hostile_fixture_records
from graph.build import build_graph
from neo4j_csv import validate_dir
from test_neo4j_export import db_graph, run_script

NAMES = {f"Agent {key} {payload}" for key, payload in PAYLOADS.items()}
QUOTES = set(PAYLOADS.values())
TITLE = "</title><script>window.pwnedTitle=1</script>"
SOURCE = "<b>Evil</b> & \"Co\" 'Ltd' \\"
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
PWNED_JS = "Object.keys(window).filter(k => k.startsWith('pwned'))"


@pytest.fixture(scope="module")
def graph():
    return build_graph(hostile_fixture_records())


def literals(g: Graph) -> set[str]:
    """The text literals (numbers and dates have several lexical forms; text has one)."""
    return {str(o) for o in g.objects() if isinstance(o, Literal) and o.datatype in (None, XSD.string)}


def oxigraph_strings(data: str, fmt) -> set[str]:
    store = ox.Store()
    store.load(data.encode("utf-8"), fmt)
    return {sol["o"].value for sol in store.query("SELECT DISTINCT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o) && (datatype(?o) = <http://www.w3.org/2001/XMLSchema#string> || lang(?o) != \"\")) }")}


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


@pytest.mark.cypher
def test_cypher_import_gives_the_exact_strings(graph, falkordb_server, tmp_path):  # noqa: F811
    write_neo4j(graph, tmp_path / "neo4j")
    want = validate_dir(tmp_path / "neo4j", array_delimiter=array_delimiter(graph))
    db = falkordb_server.new_graph("hostile_text")
    run_script(falkordb_server, db, "".join(cypher_lines(graph)))
    nodes, rels = db_graph(db)
    assert nodes == {key[1]: value for key, value in want.nodes.items()}  # every label and property exactly
    assert sum(rels.values()) == len(want.rels)
    assert NAMES <= {p.get("name") for _, p in nodes.values()}
    assert QUOTES <= {p.get("text") for _, p in nodes.values()}
    assert db.query("MATCH (n:Node) RETURN count(n)").result_set == [[len(want.nodes)]]  # nothing deleted


def _viewer_check(path: Path) -> None:
    """Open the viewer, show every node's and edge's details, hover the
    nodes; nothing may run. Then show the check would catch a payload."""
    from browser import chromium, offline_page

    with chromium() as browser:
        page, log = offline_page(browser, path)
        page.wait_for_function("window.viewerStable === true", timeout=30_000)
        data = page.evaluate("JSON.parse(document.getElementById('viewer-data').textContent)")
        shown = page.evaluate("""(data) => {
          const out = [];
          for (const n of data.nodes) {
            network.emit("click", {nodes: [n.id], edges: []});
            out.push([n.label, document.getElementById("details-heading").textContent,
                      document.querySelectorAll("#details *:not(h2):not(p):not(dl):not(dt):not(dd)").length]);
          }
          for (const e of data.edges) {
            network.emit("click", {nodes: [], edges: [e.id]});
            out.push([e.label, document.getElementById("details-heading").textContent,
                      document.querySelectorAll("#details *:not(h2):not(p):not(dl):not(dt):not(dd)").length]);
          }
          return out;
        }""", data)
        assert all(label == heading and extra == 0 for label, heading, extra in shown)
        for node in data["nodes"][:40]:  # hover: vis-network's tooltip shows the title as text
            point = page.evaluate("""(id) => {
              const r = document.getElementById("graph").getBoundingClientRect();
              const d = network.canvasToDOM(network.getPosition(id));
              return {x: r.left + d.x, y: r.top + d.y};
            }""", node["id"])
            page.mouse.move(point["x"], point["y"])
            page.wait_for_timeout(30)
        assert page.locator("div.vis-tooltip *").count() == 0
        assert page.evaluate(PWNED_JS) == []
        log.assert_clean()

        # The control: the same payload put in as markup does run in this page.
        page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"window.pwnedControl=1\">')")
        page.wait_for_function("window.pwnedControl === 1", timeout=5_000)


@pytest.mark.browser
def test_viewer_runs_no_payload(graph, tmp_path):
    path = tmp_path / "graph.html"
    write_html(graph, path)
    html = path.read_text(encoding="utf-8")
    assert not [p for p in (*QUOTES, TITLE, SOURCE) if "<" in p and p in html]  # no payload as markup
    _viewer_check(path)


# --- through the real pipeline ------------------------------------------------

E2E_RECORD = {
    "id": "<script>window.pwnedId=1</script>",
    "title": "</title><script>window.pwnedTitle=1</script>",
    "source": "<img src=x onerror=window.pwnedSource=1> \"Kyiv\" Independent \\",
    "url": "javascript:window.pwnedUrl=1",
    "date": "2022-03-21",
    "text": (
        "Kyiv Mayor Vitali Klitschko said on Monday: \"<script>window.pwnedQuote=1</script> We will hold the city "
        "'}) MATCH (n) DETACH DELETE n // and C:\\new\\table {x} ${y}.\"\n"
        "Ukraine's President Volodymyr Zelenskyy said of the attack on Mariupol: \"<img src=x "
        "onerror=window.pwnedQuote2=1> a war crime \u202eemirc raw\u202c \U0001F600\".\n"
        "\"Russian forces \"\"\" } ; DROP ALL ; INSERT DATA { <a> <b> \"c\" } # shelled the theater,\" said "
        "Petro O'Brien-Andryushchenko, an adviser to the mayor of Mariupol.\n"
        "NUL\x00 and ESC\x1b[31m and BEL\x07 were in this sentence, Klitschko said."  # JSON escapes them
    ),
}
E2E_TXT = (
    "Hostile <b>headline</b> & \"quotes\" \\ {x}\n"
    "KYIV (<svg/onload=window.pwnedDateline=1>) \u2013 Olena Zelenska said on Tuesday that "
    "\"</script><script>window.pwnedQuote3=1</script> is written on the wall\" of the theater in Mariupol.\n"
    "A bell\x07 rang in Kyiv, Klitschko said."  # a NUL byte would make the file binary
)
QUOTE_1 = ("<script>window.pwnedQuote=1</script> We will hold the city '}) MATCH (n) DETACH DELETE n // and "
           "C:\\new\\table {x} ${y}.")
QUOTE_2 = "<img src=x onerror=window.pwnedQuote2=1> a war crime \u202eemirc raw\u202c \U0001F600"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from newskg.api import BuildOptions, build

    src = tmp_path_factory.mktemp("hostile-in")
    (src / "feed.jsonl").write_text(json.dumps(E2E_RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    (src / "hostile.txt").write_text(E2E_TXT, encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-out")
    result = build([str(src)], out, BuildOptions(formats="turtle,html,neo4j,jsonld,graphml"))
    assert result.articles == 2 and not result.skipped
    return out


@pytest.mark.model
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


@pytest.mark.model
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


@pytest.mark.model
@pytest.mark.cypher
def test_pipeline_cypher_import_is_exact(built, falkordb_server):  # noqa: F811
    delimiter = re.search(r"--array-delimiter=(.)", (built / "neo4j" / "README.md").read_text()).group(1)
    want = validate_dir(built / "neo4j", array_delimiter=delimiter)
    db = falkordb_server.new_graph("hostile_pipeline")
    run_script(falkordb_server, db, (built / "neo4j" / "import.cypher").read_text(encoding="utf-8"))
    nodes, _ = db_graph(db)
    assert nodes == {key[1]: value for key, value in want.nodes.items()}
    assert {QUOTE_1, QUOTE_2} <= {p.get("text") for _, p in nodes.values()}


@pytest.mark.model
@pytest.mark.browser
def test_pipeline_viewer_runs_no_payload(built):
    _viewer_check(built / "graph.html")


def test_nul_in_each_export(tmp_path):
    """NUL never comes from the reader (it blanks it), but an API user may
    pass it: each export stays valid and says what it can."""
    from exports.html import html_document
    from test_html_export import DATA_BLOCK
    from test_neo4j_export import decode_literal

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
