"""The named query library and parameter binding, as `newskg query` users meet them.

Binding is checked as a user would: whatever text a parameter holds, the
bound query finds exactly that text, on Oxigraph and on rdflib, and the
value never turns into query syntax.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from support.paths import ROOT
from core.errors import ParameterError, QueryError, UnknownChoiceError
from newskg.service.queries import bind, library, named_query, parse_header, query_form, sparql_string, tokens

FIXTURE = "tests/golden/fixture.ttl"
NEW_QUERIES = {"statements_about": ["name"], "facilities_attacked_in": ["city"], "figures_by_source": [],
               "actors_and_roles": [], "connections": ["a", "b"], "articles_mentioning": ["name"]}
OLD_QUERIES = ["claims", "entities_by_type", "facilities_attacked", "people_and_roles", "relations", "statements"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newskg.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)


# --- the library ------------------------------------------------------------

def test_library_has_the_analysts_questions_and_keeps_the_old_names():
    queries = library()
    assert set(NEW_QUERIES) | set(OLD_QUERIES) <= set(queries)
    for name, required in NEW_QUERIES.items():
        assert [p.name for p in queries[name].params if p.required] == required, name
    for q in queries.values():
        assert q.description and len(q.description) < 200, q.name
        assert all(p.description for p in q.params), q.name
        assert all(p.example for p in q.params if p.required), f"{q.name}: give an (e.g. ...) for the tests and docs"


def test_library_ships_with_the_package():
    # The files are read through the installed package, not from the working directory.
    from importlib.resources import files

    assert sorted(e.name for e in files("queries").iterdir() if e.name.endswith(".rq")) == sorted(
        f"{n}.rq" for n in library())


def test_list_shows_names_parameters_and_descriptions():
    proc = run("query", "--list")
    assert proc.returncode == 0, proc.stderr
    for q in library().values():
        assert re.search(rf"^{q.name}\s+{re.escape(q.description)}$", proc.stdout, re.MULTILINE), q.name
    assert re.search(r"^\s+params: a=\.\.\. b=\.\.\.$", proc.stdout, re.MULTILINE)
    assert re.search(r"^\s+params: \[category=\.\.\.\] \[place=\.\.\.\]$", proc.stdout, re.MULTILINE)


def test_header_parsing():
    desc, params = parse_header("\n# Who.\n#   @param  x?   maybe (e.g. 3)\n# more text\nSELECT * { }\n# @param late\n")
    assert desc == "Who."
    assert [(p.name, p.required, p.example) for p in params] == [("x", False, "3")]


# --- errors -----------------------------------------------------------------------

@pytest.mark.parametrize(("args", "code", "message"), [
    (["statments"], 2, "unknown query 'statments'; choose from: actors_and_roles, articles_mentioning, claims,"),
    (["statements_about"], 2, "query 'statements_about' needs --param name=VALUE"),
    (["connections", "-p", "a=x"], 2, "missing b (the other actor"),
    (["statements_about", "-p", "nam=x"], 2, "has no parameter 'nam'; its parameters: name"),
    (["statements", "-p", "name=x"], 2, "has no parameter 'name'; its parameters: (none)"),
    (["statements_about", "--param", "name"], 2, "--param takes NAME=VALUE, not 'name'"),
    (["statements_about", "-p", "name=a", "-p", "name=b"], 2, "parameter 'name' is given twice"),
    (["-f", "no/such.rq"], 1, "no/such.rq: No such file or directory"),
    (["CONSTRUCT WHERE { ?s ?p ?o }"], 1, "only SELECT and ASK queries are supported"),
])
def test_query_errors_are_one_line(args, code, message):
    proc = run("query", FIXTURE, *args)
    assert proc.returncode == code, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newskg: error: ") and "Traceback" not in proc.stderr
    assert message in lines[0]


def test_typed_errors():
    with pytest.raises(UnknownChoiceError) as info:
        named_query("nope")
    assert "statements_about" in info.value.choices
    with pytest.raises(ParameterError, match="its parameters: a, b"):
        bind(named_query("connections").text, {"a": "x"})
    with pytest.raises(QueryError, match="not INSERT"):
        bind("# @param v\nINSERT DATA { <a:a> <a:b> ?v }", {"v": "x"})


# --- running named queries with parameters ---------------------------------------

def test_named_query_with_parameter_on_the_fixture():
    proc = run("query", FIXTURE, "statements_about", "--param", "name=ukraine", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [(r["about"], r["speaker"], r["text"], r["article"]) for r in rows] == [
        ("Ukraine", "Volodymyr Zelenskyy", "Ukraine cannot fulfill Russian ultimatums", "rfe-a1")]


def test_hostile_parameter_is_data_not_syntax():
    name = 'Kyiv") } } SELECT * WHERE { ?s ?p ?o } #'
    proc = run("query", FIXTURE, "articles_mentioning", "-p", f"name={name}", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "entity,article,date,source,headline,url\n"
    klitschko = "Vitali <script>window.pwned=1</script> Klitschko"  # an entity whose name is hostile
    proc = run("query", FIXTURE, "articles_mentioning", "-p", f"name={klitschko}", "--format", "json")
    assert [r["article"] for r in json.loads(proc.stdout)] == ["odd <a3>"]


def test_the_same_file_runs_by_path_and_by_name():
    by_name = run("query", FIXTURE, "facilities_attacked", "--format", "csv")
    by_path = run("query", FIXTURE, "queries/facilities_attacked.rq", "--format", "csv")
    by_flag = run("query", FIXTURE, "-f", "queries/facilities_attacked.rq", "--format", "csv")
    assert by_name.returncode == 0 and by_name.stdout == by_path.stdout == by_flag.stdout
    assert "theater (Mariupol),Mariupol,Russia,2022-03-16,rfe-a1," in by_name.stdout


def test_optional_parameter_filters_or_not():
    every = json.loads(run("query", FIXTURE, "figures_by_source", "--format", "json").stdout)
    killed = json.loads(run("query", FIXTURE, "figures_by_source", "-p", "category=KILLED", "--format", "json").stdout)
    kyiv = json.loads(run("query", FIXTURE, "figures_by_source", "-p", "place=Kiev", "--format", "json").stdout)
    assert len(every) == 2
    assert [(r["measure"], r["value"], r["where"]) for r in killed] == [("killed", 2300, "Mariupol")]
    assert [(r["measure"], r["value"], r["claimant"]) for r in kyiv] == [("remaining", 100000, "Kyiv")]


def test_connections_finds_relation_statement_and_shared_article():
    rows = json.loads(run("query", FIXTURE, "connections", "-p", "a=zelenskyy", "-p", "b=Russian forces",
                          "--format", "json").stdout)
    links = {(r["link"], r["from"], r["relation"], r["to"]) for r in rows}
    assert ("relation", "Volodymyr Zelenskyy", "accused", "Russian forces") in links
    assert ("statement", "Volodymyr Zelenskyy", "said about", "Russian forces") in links
    assert ("mentioned together", "Volodymyr Zelenskyy", None, "Russian forces") in links
    assert all(r["sentence"] for r in rows if r["link"] != "mentioned together")


# --- escaping: property tests -------------------------------------------------------

_DECODE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def decode_string(token: str) -> str:
    """A SPARQL short string literal read by the grammar (a reference decoder)."""
    assert token[0] == token[-1] == '"', token
    body, out, i = token[1:-1], [], 0
    while i < len(body):
        c = body[i]
        assert c not in '"\n\r', f"raw {c!r} in {token!r}"
        if c == "\\":
            n = body[i + 1]
            if n in "uU":
                size = 4 if n == "u" else 8
                out.append(chr(int(body[i + 2 : i + 2 + size], 16)))
                i += 2 + size
                continue
            out.append(_DECODE[n])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


HOSTILE = st.lists(st.sampled_from(list('\\"\'\n\r\t\b\f\x00\x01\x7f\x85\u2028\u2029{}()<>#?$;.,u0AaZ ')
                                   + ["\\u0022", "\\U0001F600", '"""', "}}", "\U0001F600", "\u202e"])).map("".join)
TEXT = st.text(st.characters(exclude_categories=("Cs",)))
PROBE = "# @param v  anything\nSELECT ?s WHERE { { ?s ?p ?o . FILTER(STR(?o) = ?v) } }"


@settings(max_examples=300)
@given(st.one_of(TEXT, HOSTILE))
def test_sparql_string_is_one_token_that_decodes_back(value):
    lit = sparql_string(value)
    assert [k for k, _, _ in tokens(lit)] == ["string"]
    assert "\n" not in lit and "\r" not in lit
    assert decode_string(lit) == value


@settings(max_examples=150, deadline=None)
@given(st.one_of(TEXT, HOSTILE))
def test_bound_value_reads_back_exactly_on_oxigraph_and_rdflib(value):
    text = bind("# @param v  anything\nSELECT ?v WHERE { }", {"v": value})
    assert [sol["v"].value for sol in ox.Store().query(text)] == [value]
    assert [str(row[0]) for row in Graph().query(text)] == [value]


@settings(max_examples=100, deadline=None)
@given(st.one_of(TEXT, HOSTILE), st.one_of(TEXT, HOSTILE))
def test_bound_value_matches_only_its_own_text(value, other):
    # Two literals in a store; the parameter must find exactly the one it equals,
    # also from a nested group (where an unbound parameter would match nothing).
    store = ox.Store()
    g = Graph()
    for s, o in (("urn:x:1", value), ("urn:x:2", other)):
        store.add(ox.Quad(ox.NamedNode(s), ox.NamedNode("urn:x:p"), ox.Literal(o)))
        g.add((URIRef(s), URIRef("urn:x:p"), Literal(o)))
    text = bind(PROBE, {"v": value})
    expected = sorted({"urn:x:1"} | ({"urn:x:2"} if other == value else set()))
    assert sorted(sol["s"].value for sol in store.query(text)) == expected
    assert sorted(str(r[0]) for r in g.query(text)) == expected


@settings(max_examples=200)
@given(st.one_of(TEXT, HOSTILE))
def test_binding_only_adds_values_blocks(value):
    query = named_query("connections").text
    bound = bind(query, {"a": value, "b": "x"})
    before = [(k, v) for k, v, _ in tokens(query)]
    after = [(k, v) for k, v, _ in tokens(bound)]
    # Remove each inserted block: VALUES ( ?vars ) { ( literals ) }
    kept, i = [], 0
    while i < len(after):
        if after[i] == ("word", "VALUES") and after[i + 1] == ("other", "("):
            j = after.index(("other", "}"), i)
            strings = [v for k, v in after[i:j] if k == "string"]
            assert [decode_string(s) for s in strings] in ([value, "x"], [value], ["x"])
            i = j + 1
        else:
            kept.append(after[i])
            i += 1
    assert kept == before


def test_query_form_skips_prologue_and_comments():
    assert query_form("# DELETE\nPREFIX a: <urn:{>\nBASE <urn:x>\n  select * {}") == "SELECT"
    assert query_form('PREFIX a: <urn:a> DELETE WHERE { ?s a:p "SELECT" }') == "DELETE"
    assert query_form("  ") == ""
