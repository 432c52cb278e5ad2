"""The check every query passes before an engine sees it (newskg.service.guard): SERVICE found
however it is written, the word itself fine where it is data, depth and length bounded, and
large real queries checked quickly."""
from __future__ import annotations

import time

import pytest

from core.errors import QueryRefusedError
from newskg.service.guard import MAX_NESTING, check_query
from newskg.service.queries import library

REFUSED = {
    "plain": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
    "lower case, SILENT": "select * where { service silent <file:///etc/passwd> { ?s ?p ?o } }",
    "a variable": "SELECT * WHERE { VALUES ?e { <http://h/> } SERVICE ?e { } }",
    "after a comment line": "SELECT * WHERE { # note\n SERVICE <x> {} }",
    "hidden in a would-be IRI": "SELECT * WHERE { ?s ?p ?o FILTER(?o<1)SERVICE<http://h/lt>{} }",
    "would-be IRI ending in a comment": "SELECT * WHERE { FILTER(?a<1)SERVICE?x#>\n{} }",
    "escaped # in a local name": "SELECT * WHERE { ?s ex:a\\#b SERVICE <x> {} }",
    "quote in a would-be IRI": "SELECT * WHERE { FILTER(?a<'>\" ' SERVICE ?x {} # \")}",
    "quote in a real IRI, then a would-be IRI": "SELECT * WHERE { <x'> FILTER(?a<1)SERVICE?v#>\n'}",
}
ALLOWED = {
    "in a string": 'SELECT * WHERE { ?s ?p "State Emergency Service" }',
    "in a long string": "SELECT * WHERE { ?s ?p '''SERVICE <x> {}''' }",
    "in IRIs and names": "SELECT * WHERE { ?s <http://x/service#a> schema:serviceType ; <service:x> ?o }",
    "in a comment": "SELECT * WHERE { ?s ?p ?o } # no SERVICE here",
    "comparisons in a FILTER": "SELECT * WHERE { ?s ?p ?a FILTER(?a<?b&&?c>?d) }",
}


@pytest.mark.parametrize("query", REFUSED.values(), ids=REFUSED.keys())
def test_service_is_refused_however_written(query):
    with pytest.raises(QueryRefusedError, match="SERVICE") as info:
        check_query(query)
    assert info.value.status == 403


@pytest.mark.parametrize("query", ALLOWED.values(), ids=ALLOWED.keys())
def test_the_word_is_fine_where_it_is_data(query):
    check_query(query)


def test_every_library_query_passes():
    for q in library().values():
        check_query(q.text)


def test_depth_and_length_are_bounded():
    check_query("ASK { " + "{" * (MAX_NESTING - 1) + "}" * (MAX_NESTING - 1) + " }")
    with pytest.raises(QueryRefusedError, match="more than 100 deep"):
        check_query("ASK { " + "{" * MAX_NESTING + "}" * MAX_NESTING + " }")
    with pytest.raises(QueryRefusedError, match="more than 10000 terms"):
        check_query("SELECT * WHERE { " + " UNION ".join(["{}"] * 5000) + " }")


def test_large_values_and_lists_are_checked_quickly():
    rows = " ".join(f"(<http://example.org/e#{i}> <http://example.org/{i}>)" for i in range(6000))
    in_list = ", ".join(f"<http://example.org/e#{i}>" for i in range(4000))
    for query in ("SELECT * WHERE { VALUES (?x ?y) { " + rows + " } }",
                  "SELECT * WHERE { ?s ?p ?o FILTER(?o IN (" + in_list + ")) }",
                  "SELECT * WHERE { FILTER(" + "?a<'>" * 2000 + ") }"):
        started = time.monotonic()
        check_query(query)
        assert time.monotonic() - started < 2
