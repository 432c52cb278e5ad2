"""Property tests (hypothesis) for the readers, the escaping of every
export, and round trips: whatever text comes in, reading never crashes
and keeps offsets, and every export gives back exactly what went in.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import re

import networkx as nx
import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from exports.cypher import backtick, label_name, map_key, relationship_type
from exports.graphml import graphml_lines
from exports.html import script_json
from exports.neo4j import csv_lines, neo4j_tables
from exports.neo4j_model import array_delimiter
from exports.turtle import jsonld_lines, turtle_lines
from core.records import Article, ArticleRecords, Mention, Provenance, Statement
from graph.build import build_graph
from graph.vocab import article_iri, slug
from support.neo4j_csv import validate
from newskg.reading.articles import (
    JSONL_FIELDS,
    MAX_RUN,
    blank_long_runs,
    clean_content,
    clean_field,
    parse_jsonl_record,
    parse_txt,
)
from newskg.reading.decoding import MAGIC, NotText, decode_bytes
from core.errors import InputError, Problem, one_line
from newskg.reading.htmltext import html_text, looks_like_html
from newskg.reading.jsonl import parse_jsonl
from newskg.reading.sources import read_stream

CONTROLS = set(map(chr, [*range(9), 11, 12, *range(14, 32), *range(0x7F, 0xA0)]))
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: Text as it can come out of a file: any character but surrogates.
TEXT = st.text(st.characters(exclude_categories=("Cs",)))
#: Characters that break things: markup, quotes, escapes, line breaks, bidi, emoji.
NASTY = st.text(st.sampled_from(list(
    "<>&\"'\\/`{}()[];:$#?@^*%|~=\n\r\t\x00\x07\x0b\x0c\x1b\x1c\x7f\x85\x9f\u00a0\u2028\u2029\u202e\u2066\u200f"
    "\ufeff\ufffd\U0001F600a Z.é")))
ANY_TEXT = st.one_of(TEXT, NASTY)
#: Text with lone surrogates too, as a JSON "\ud800" escape gives.
WITH_SURROGATES = st.text(st.characters())


# --- readers ----------------------------------------------------------------

@given(ANY_TEXT)
@example("date 2022-03-01\nHeadline\nKYIV (Reuters) \u2013 Russia attacked.")
def test_parse_txt_keeps_offsets_and_cleans(text):
    assume(not looks_like_html(text))  # see test_html_prose_stays_at_its_offsets
    a = parse_txt("id", text)
    assert len(a.text) == len(a.content) == len(text)
    assert not set(a.content) & CONTROLS and not set(a.text) & CONTROLS
    for i, (raw, seen) in enumerate(zip(text, a.content)):  # content is the text, some of it blanked
        assert seen in (raw, " ", "\n", clean_content(raw)), (i, raw, seen)


@given(st.lists(st.tuples(st.sampled_from(["p", "div", "li", "span", "b", "h2", "td"]),
                          st.text(st.characters(exclude_categories=("Cs",), exclude_characters="<>&")), ),
                max_size=8),
       st.sampled_from(["<!DOCTYPE html>", "<html>", "<body>", "<!-- x --><html lang=en>"]))
def test_html_prose_stays_at_its_offsets(pieces, opening):
    page = opening + "".join(f"<{tag} class='x'>{text}</{tag}>" for tag, text in pieces) + "<script>a<b</script>"
    assert looks_like_html(page)
    h = html_text(page)
    assert len(h.content) == len(page)
    pos = 0
    for tag, text in pieces:
        at = page.index(f">{text}</{tag}>", pos) + 1
        assert h.content[at : at + len(text)].split() == text.split()  # whitespace may become spaces
        pos = at
    assert "a<b" not in h.content


@given(st.text(st.sampled_from("ab!? \n"), max_size=2000))
def test_long_runs_are_blanked_in_place(text):
    a, runs = blank_long_runs(Article("a", text))
    assert len(a.content) == len(text) and all(len(w) <= MAX_RUN for w in a.content.split())
    assert sorted(runs) == sorted(len(w) for w in text.split() if len(w) > MAX_RUN)


@given(ANY_TEXT)
def test_html_reader_never_fails(text):
    h = html_text("<html>" + text)
    assert len(h.content) == len(text) + 6


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | WITH_SURROGATES,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(WITH_SURROGATES, inner, max_size=3),
                           max_leaves=8)
RECORDS = st.fixed_dictionaries(
    {"id": st.one_of(WITH_SURROGATES, st.integers()), "text": WITH_SURROGATES},
    optional={"title": JSON_VALUES, "source": JSON_VALUES, "url": JSON_VALUES, "date": JSON_VALUES,
              "lang": JSON_VALUES, "x\u2028y": JSON_VALUES})


@given(st.lists(st.one_of(RECORDS, JSON_VALUES), max_size=6), st.booleans())
def test_jsonl_reader_gives_an_article_or_a_problem_per_line(records, ascii_only):
    lines = [json.dumps(r, ensure_ascii=ascii_only) for r in records]
    problems: list[Problem] = []
    articles = list(parse_jsonl("\n".join(lines), "in.jsonl", problems.append))
    assert len(articles) + len({p.line for p in problems if p.skipped}) == len(lines)
    for a in articles:
        for value in (a.id, a.text, a.title, a.source, a.url, *(v for kv in a.extra for v in kv)):
            value.encode("utf-8")  # no lone surrogate left: every export can write it
            assert not set(value) & CONTROLS
    for p in problems:
        assert p.path == "in.jsonl" and 1 <= p.line <= len(lines) and p.reason and "\n" not in str(p)


@given(RECORDS)
def test_jsonl_record_round_trips(record):
    try:
        a = parse_jsonl_record(json.loads(json.dumps(record)), "in.jsonl", 3)
    except InputError as exc:
        assert str(exc).startswith("in.jsonl:3: ")
        return
    assert a.id == clean_field(str(record["id"]).strip())
    assert a.text == clean_field(record["text"])
    assert [k for k, _ in a.extra] == sorted(clean_field(k) for k in record if k not in JSONL_FIELDS)
    assert [json.loads(v) for _, v in a.extra] == [
        json.loads(clean_field(json.dumps(record[k], ensure_ascii=False, sort_keys=True)))
        for k in sorted(record) if k not in JSONL_FIELDS]


SAFE_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufeff"), min_size=1)


@given(SAFE_TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-32"]))
def test_decoding_round_trips(text, encoding):
    data = (codecs.BOM_UTF16_LE + text.encode("utf-16-le") if encoding == "utf-16-le-bom"
            else codecs.BOM_UTF16_BE + text.encode("utf-16-be") if encoding == "utf-16-be-bom"
            else text.encode(encoding))
    assume(not any(data.startswith(m) for m, _ in MAGIC))
    assert decode_bytes(data) == (text, "", 1)


@given(st.text(st.characters(codec="cp1252", exclude_categories=("Cc",)), min_size=1).filter(
    lambda t: not t.isascii()))
def test_windows_1252_is_read_back(text):
    data = text.encode("cp1252")
    try:
        data.decode("utf-8")
        assume(False)  # also valid UTF-8: read as UTF-8, rightly
    except UnicodeDecodeError:
        pass
    assume(not any(data.startswith(m) for m, _ in MAGIC))
    decoded = decode_bytes(data)
    assert decoded.text == text and decoded.note.endswith("read as Windows-1252")


@given(st.binary())
def test_any_bytes_are_text_or_a_reason(data):
    try:
        text, _, line = decode_bytes(data)
    except NotText as exc:
        assert exc.reason and exc.line >= 1
        return
    assert isinstance(text, str) and line >= 1
    problems: list[Problem] = []
    for article in read_stream(data, problems.append):
        assert len(article.text) == len(article.content)


@given(WITH_SURROGATES)
def test_problem_lines_are_one_line(text):
    line = str(Problem(text, 3, text))
    assert len(line.splitlines()) == 1
    line.encode("utf-8")
    assert len(one_line(text).splitlines()) <= 1


# --- escaping: one property per export ------------------------------------

@given(ANY_TEXT)
def test_turtle_and_jsonld_literals_round_trip(text):
    g = Graph()
    g.add((URIRef("https://example.org/s"), URIRef("https://example.org/p"), Literal(text)))
    ttl = "".join(turtle_lines(g))
    assert isomorphic(Graph().parse(data=ttl, format="turtle"), g)
    store = ox.Store()
    store.load(ttl.encode("utf-8"), ox.RdfFormat.TURTLE)
    assert [q.object.value for q in store] == [text]
    assert isomorphic(Graph().parse(data="".join(jsonld_lines(g)), format="json-ld"), g)


@given(ANY_TEXT)
def test_article_ids_make_valid_iris(article_id):
    iri = article_iri(article_id)
    g = Graph()
    g.add((iri, URIRef("https://schema.org/identifier"), Literal(article_id)))
    back = Graph().parse(data="".join(turtle_lines(g)), format="turtle")
    assert set(back) == set(g)
    assert article_iri(article_id) == iri and all(c.isascii() and c.isprintable() for c in str(iri))


@given(st.lists(st.lists(ANY_TEXT, min_size=3, max_size=3), max_size=5))
def test_csv_rows_round_trip(rows):
    text = "".join(csv_lines(["a", "b", "c"], rows))
    assert list(csv.reader(io.StringIO(text, newline=""))) == [["a", "b", "c"], *rows]


@given(ANY_TEXT)
def test_cypher_names_are_safe(name):
    assert backtick(name)[1:-1].replace("``", "`") == name
    assert backtick(name).count("`") % 2 == 0
    for made in (relationship_type(name), label_name(name)):
        assert made and made.replace("_", "a").isalnum() and made.isascii()
    key = map_key(name)
    assert key == name or key == backtick(name)


@given(ANY_TEXT)
def test_script_json_never_closes_the_element(value):
    block = script_json({"label": value, "details": [["sentence", value]]})
    assert "<" not in block and json.loads(block)["label"] == value


def _records(names: list[str], quote: str) -> list[ArticleRecords]:
    text = " ".join(names) + " said " + quote
    art = Article("a1", text or " ")
    p = Provenance("a1", 0, 0, len(text), text)
    mentions = tuple(Mention(n, n, "Person", p) for n in names)
    statements = (Statement(mentions[0], names[0], "say", quote, "direct", p),) if mentions else ()
    return [ArticleRecords(art, mentions=mentions, statements=statements)]


# Distinct slugs: entity IRIs are made from slugs, and two names with one
# slug ("0" and "0\u00d0") are one node in graph/ (reported, not ours to fix).
NAMES = st.lists(st.text(st.characters(exclude_categories=("Cs",)), min_size=1).filter(str.strip),
                 min_size=1, max_size=4, unique_by=slug)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NAMES, ANY_TEXT)
def test_records_come_back_exactly_from_csv_and_graphml(names, quote):
    g = build_graph(_records(names, quote))
    labels = {str(o) for o in g.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))}
    files = {name: "".join(csv_lines(header, rows)) for name, (header, rows) in neo4j_tables(g).items()}
    parsed = validate(files, array_delimiter=array_delimiter(g))
    props = [p for _, p in parsed.nodes.values()]
    assert labels <= {p.get("name") for p in props}
    if quote:
        assert quote in {p.get("text") for p in props}
    back = nx.read_graphml(io.BytesIO("".join(graphml_lines(g)).encode("utf-8")), force_multigraph=True)
    assert {NOT_XML.sub("\ufffd", label) for label in labels} <= {d.get("label") for _, d in back.nodes(data=True)}


@pytest.mark.parametrize("text", ["\ud800", "a\udfffb"])
def test_lone_surrogates_never_reach_records(text):
    a = parse_jsonl_record({"id": text, "text": text + " Kyiv held.", "title": text})
    for value in (a.id, a.text, a.title, a.content):
        assert "\ufffd" in value
        value.encode("utf-8")
