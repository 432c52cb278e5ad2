"""The seeds' graph as a user checks it: it conforms to the shapes, ships its
ontology, puts places on the map, carries evidence on every fact in one
pattern, lines up claims side by side, and explains its merges."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from support.paths import ROOT
from test_seeds_end_to_end import rows as seeds_rows


EXTRA_PREFIXES = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
"""


def rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    return seeds_rows(store, EXTRA_PREFIXES + query)


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newskg.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)


@pytest.fixture(scope="module")
def store(seeds_out: Path) -> ox.Store:
    s = ox.Store()
    s.load(path=str(seeds_out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    return s


def test_seeds_graph_conforms_to_the_shapes(seeds_out: Path):
    from newskg.api import validate

    report = validate(seeds_out / "graph.ttl")
    assert report.conforms, "\n".join(f.line() for f in report.violations)
    proc = cli("validate", str(seeds_out / "graph.ttl"))
    assert proc.returncode == 0
    assert proc.stdout.splitlines()[0].startswith(f"{seeds_out / 'graph.ttl'}: conforms to the newskg shapes")


def test_the_ontology_is_written_next_to_the_graph(seeds_out: Path):
    from graph.validate import shipped_text

    assert (seeds_out / "ontology.ttl").read_text(encoding="utf-8") == shipped_text("ontology.ttl")


def test_places_carry_geonames_ids_and_coordinates(store):
    found = {r["l"]: r for r in rows(store, """SELECT ?l ?same ?lat ?long WHERE {
        ?p rdfs:label ?l ; owl:sameAs ?same ; geo:lat ?lat ; geo:long ?long }""")}
    assert found["Mariupol"]["same"] == "https://sws.geonames.org/701822/"
    assert abs(float(found["Mariupol"]["lat"]) - 47.1) < 0.1 and abs(float(found["Mariupol"]["long"]) - 37.5) < 0.1
    assert found["Kyiv"]["same"] == "https://sws.geonames.org/703448/"
    assert found["Ukraine"]["same"] == "https://sws.geonames.org/690791/"
    unmapped = rows(store, """SELECT ?l WHERE { { ?p a schema:City } UNION { ?p a schema:Country }
        ?p rdfs:label ?l FILTER NOT EXISTS { ?p owl:sameAs ?s ; geo:lat ?a ; geo:long ?b } }""")
    # Only towns GeoNames does not list stay off the map ("the town of Svitlodarsk").
    from core.gazetteer import locate

    assert [r for r in unmapped if locate("City", r["l"]) or locate("Country", r["l"])] == []
    assert {r["l"] for r in unmapped} <= {"Svitlodarsk"}


def test_a_region_is_not_the_city_it_is_named_after(store):
    from core.gazetteer import locate

    regions = rows(store, """SELECT ?r ?l ?same WHERE { ?r a schema:AdministrativeArea ; rdfs:label ?l
        FILTER(STRENDS(?l, " region")) OPTIONAL { ?r owl:sameAs ?same } }""")
    assert {r["l"] for r in regions} >= {"Luhansk region", "Kharkiv region", "Donetsk region"}
    for r in regions:
        city = locate("City", r["l"].removesuffix(" region"))
        assert city is not None
        assert r["same"] != f"https://sws.geonames.org/{city.geonames_id}/", r
    kharkiv = rows(store, 'SELECT ?c WHERE { ?c a schema:City ; rdfs:label "Kharkiv" }')
    assert kharkiv and kharkiv[0]["c"] not in {r["r"] for r in regions}


def test_facilities_are_located_in_their_city_with_evidence(store):
    found = rows(store, """SELECT ?f ?city ?sentence WHERE { ?x a nkg:Facility ; rdfs:label ?f .
        OPTIONAL { ?x nkg:located_in ?c . ?c a schema:City ; rdfs:label ?city .
                   ?fact rdf:subject ?x ; rdf:predicate nkg:located_in ; rdf:object ?c ; nkg:sentence ?sentence } }""")
    located = {(r["f"], r["city"]) for r in found if r["city"] and r["sentence"]}
    assert {("theater (Mariupol)", "Mariupol"), ("maternity hospital (Mariupol)", "Mariupol"),
            ("Retroville shopping mall", "Kyiv")} <= located
    # A facility named after its city is always located in it.
    for r in found:
        if r["f"].endswith(")"):
            assert (r["f"], r["f"].rsplit("(", 1)[1].rstrip(")")) in located, r


def test_one_evidence_pattern_reaches_every_fact_statement_and_claim(store):
    query = (ROOT / "queries" / "evidence.rq").read_text()
    found = rows(store, query)
    total = rows(store, """SELECT (COUNT(?x) AS ?n) WHERE {
        VALUES ?k { nkg:Fact nkg:Statement nkg:NumericClaim } ?x a ?k }""")[0]["n"]
    assert len(found) == int(total) > 100
    assert {r["kind"].rsplit("#", 1)[-1] for r in found} == {"Fact", "Statement", "NumericClaim"}
    assert all(r["extractor"].startswith("newskg-") and 0 <= float(r["confidence"]) <= 1 for r in found)


def test_claims_side_by_side_lists_one_topic_from_several_sources(store, seeds_out: Path):
    from newskg.api import query as run

    text = (ROOT / "queries" / "claims_side_by_side.rq").read_text()
    found = rows(store, text)
    _, rdflib_rows = run(seeds_out / "graph.ttl", text)
    assert len(found) == len(rdflib_rows)
    killed = [r for r in found if r["topic"] == "killed (people) in Mariupol"]
    assert int(killed[0]["sources"]) >= 2
    assert {(r["value"], r["source"]) for r in killed} >= {("2300", "RFE/RL"), ("10000", "Reuters")}
    assert all(r["sentence"] and r["article"] for r in found)


def test_explain_prints_surface_forms_articles_and_rules(seeds_out: Path):
    proc = cli("explain", "Zelenskiy", "--graph", str(seeds_out / "graph.ttl"))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("Volodymyr Zelenskyy (Person)")
    for expected in ("'Volodymyr Zelenskiy': same normalised name", "'Zelenskiy': surname, unambiguous in the article",
                     "004_66159a97d49c755d", "001_1c8f1d25dae752ba"):
        assert expected in out
    proc = cli("explain", "Kiev", "--graph", str(seeds_out / "graph.ttl"))
    assert "Kyiv (City)" in proc.stdout and "'Kiev': GeoNames name" in proc.stdout
    assert "Government of Ukraine (Organization)" in proc.stdout  # "Kiev says": the government
    proc = cli("explain", "Nobody Atall", "--graph", str(seeds_out / "graph.ttl"))
    assert proc.returncode == 1 and proc.stderr.startswith("newskg: error: Nobody Atall: no entity of that name")


def test_stats_counts_actors_and_components(seeds_out: Path):
    from newskg.api import graph_counts, load_graph

    proc = cli("stats", str(seeds_out / "graph.ttl"), "--format", "json", "--top", "5")
    assert proc.returncode == 0, proc.stderr
    stats = json.loads(proc.stdout)
    counts = graph_counts(load_graph(seeds_out / "graph.ttl"))
    assert stats["counts"]["entities by type"]["City"] == counts["City"]
    assert stats["counts"]["relation facts"] == counts["facts"]
    assert len(stats["top_by_degree"]) == 5
    assert {r["entity"] for r in stats["top_by_degree"][:3]} & {"Russia", "Ukraine"}
    assert "Mariupol" in {r["entity"] for r in stats["top_by_pagerank"]}
    assert stats["components"]["count"] >= 1
    table = cli("stats", str(seeds_out / "graph.ttl")).stdout
    for heading in ("counts", "top actors by degree", "top actors by PageRank", "connected components:"):
        assert heading in table
