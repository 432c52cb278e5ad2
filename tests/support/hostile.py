"""Hostile text: the strings the hostile-text tests look for, and the hostile articles built
through the real pipeline (reader, spaCy, graph, exporters).

The hand-made hostile records are :func:`support.fixture_records.hostile_fixture_records`;
tests/unit/test_hostile_text.py checks their exports, tests/model/test_hostile_pipeline.py the
built articles, tests/e2e/test_hostile_text_clients.py both in FalkorDB and headless Chromium.
"""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
from rdflib import XSD, Graph, Literal

from support.fixture_records import PAYLOADS

NAMES = {f"Agent {key} {payload}" for key, payload in PAYLOADS.items()}
QUOTES = set(PAYLOADS.values())
TITLE = "</title><script>window.pwnedTitle=1</script>"
SOURCE = "<b>Evil</b> & \"Co\" 'Ltd' \\"
PWNED_JS = "Object.keys(window).filter(k => k.startsWith('pwned'))"


def literals(g: Graph) -> set[str]:
    """The text literals (numbers and dates have several lexical forms; text has one)."""
    return {str(o) for o in g.objects() if isinstance(o, Literal) and o.datatype in (None, XSD.string)}


def oxigraph_strings(data: str, fmt) -> set[str]:
    store = ox.Store()
    store.load(data.encode("utf-8"), fmt)
    return {sol["o"].value for sol in store.query("SELECT DISTINCT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o) && (datatype(?o) = <http://www.w3.org/2001/XMLSchema#string> || lang(?o) != \"\")) }")}


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


def build_hostile_articles(src: Path, out: Path) -> Path:
    """The two hostile articles (a JSONL record and a text file) built into ``out``, every export."""
    from newskg.api import BuildOptions, build

    (src / "feed.jsonl").write_text(json.dumps(E2E_RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    (src / "hostile.txt").write_text(E2E_TXT, encoding="utf-8")
    result = build([str(src)], out, BuildOptions(formats="turtle,html,neo4j,jsonld,graphml"))
    assert result.articles == 2 and not result.skipped
    return out
