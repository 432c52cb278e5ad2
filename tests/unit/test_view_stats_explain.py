"""The networkx view's attributes, graph statistics and merge explanations,
on the hand-made fixture (no model)."""
from __future__ import annotations

import pytest
from support.fixture_records import fixture_records

from graph.build import build_graph
from graph.explain import explain_entity, explanation_lines, find_entities
from graph.stats import actor_graph, format_stats, graph_stats
from graph.view import to_networkx

ZELENSKYY = "https://w3id.org/newskg/id/person/volodymyr-zelensky"
MARIUPOL = "https://w3id.org/newskg/id/city/mariupol"


@pytest.fixture(scope="module")
def g():
    return build_graph(fixture_records())


def test_entity_nodes_have_type_label_aliases_rules_and_coordinates(g):
    G = to_networkx(g)
    z = G.nodes[ZELENSKYY]
    assert (z["type"], z["label"]) == ("Person", "Volodymyr Zelenskyy")
    assert {"Zelenskiy", "Mr Zelenskyy"} <= set(z["aliases"])
    assert "Zelenskiy (surname, unambiguous in the corpus)" in z["name_rules"]
    m = G.nodes[MARIUPOL]
    assert m["geonames"] == "https://sws.geonames.org/701822/"
    assert round(m["lat"], 1) == 47.1 and round(m["long"], 1) == 37.5


def test_edges_carry_predicate_and_the_same_evidence_as_the_rdf(g):
    G = to_networkx(g)
    facts = [d for _, _, d in G.edges(data=True) if d["predicate"] == "attacked"]
    assert len(facts) == 1
    f = facts[0]
    assert f["article"] == "rfe-a1" and f["sentence"].startswith("That attack came after")
    assert f["extractor"].startswith("newskg-") and f["confidence"] == 0.7 and f["date"] == "2022-03-16"
    said = [d for _, _, d in G.edges(data=True) if d["predicate"] == "said"]
    assert said and all(d["extractor"] and d["sentence"] for d in said)


def test_claim_nodes_know_their_topic(g):
    G = to_networkx(g)
    claims = {d["value"]: d for _, d in G.nodes(data=True) if d["kind"] == "claim"}
    assert claims[2300]["topic_label"] == "killed (people) in Mariupol"
    assert claims[100000]["topic_label"] == "remaining (people) in Kyiv"


def test_actor_graph_counts_facts_and_statements(g):
    A = actor_graph(to_networkx(g))
    # Volodymyr Zelenskyy: president_of Ukraine, accused Russian forces, and two
    # statements about Ukraine and Russian forces.
    assert A.degree(ZELENSKYY, weight="weight") == 4
    assert A.edges[ZELENSKYY, "https://w3id.org/newskg/id/country/ukraine"]["weight"] == 2


def test_stats_rank_actors_and_find_components(g):
    s = graph_stats(g, top=3)
    assert s["counts"]["entities"] == sum(s["counts"]["entities by type"].values())
    assert s["counts"]["claim topics"] == 2
    assert s["top_by_degree"][0]["entity"] == "Volodymyr Zelenskyy"
    assert len(s["top_by_pagerank"]) == 3
    assert abs(sum(r["pagerank"] for r in graph_stats(g, top=100)["top_by_pagerank"]) - 1) < 0.01
    sizes = [c["size"] for c in s["components"]["largest"]]
    assert sizes == sorted(sizes, reverse=True)
    assert s["components"]["count"] == s["components"]["isolated"] + len(s["components"]["largest"])
    text = format_stats(s)
    assert "top actors by PageRank" in text and "Volodymyr Zelenskyy" in text


@pytest.mark.parametrize("name", ["Zelensky", "zelenskiy", "Mr Zelenskyy", "VOLODYMYR ZELENSKYY"])
def test_explain_finds_an_entity_by_any_spelling(g, name):
    assert [str(e) for e in find_entities(g, name)] == [ZELENSKYY]


def test_explanation_lists_each_name_with_rule_and_articles(g):
    x = explain_entity(g, find_entities(g, "Zelenskiy")[0])
    assert x.forms[0].rule == "canonical" and x.forms[0].form == x.label
    rules = {f.form: (f.rule, f.articles) for f in x.forms}
    assert rules["Zelenskiy"] == ("surname_corpus", ("rfe-a1",))
    assert rules["Mr Zelenskyy"] == ("surname_article", ("bbc-a2",))
    assert x.articles == ("bbc-a2", "rfe-a1")
    lines = explanation_lines(x)
    assert lines[0] == f"Volodymyr Zelenskyy (Person) <{ZELENSKYY}>"
    assert "      why: 'Zelenskiy' is the only person of that surname in the corpus" in lines


def test_the_view_follows_a_same_size_change_and_is_each_callers_own():
    from rdflib import RDFS, Literal, URIRef

    g = build_graph(fixture_records())
    first = to_networkx(g)
    node = URIRef(ZELENSKYY)
    old = g.value(node, RDFS.label)
    g.set((node, RDFS.label, Literal("Renamed")))  # one triple out, one in: same len(g)
    second = to_networkx(g)
    assert (first.nodes[ZELENSKYY]["label"], second.nodes[ZELENSKYY]["label"]) == (str(old), "Renamed")
    first.remove_node(ZELENSKYY)
    assert ZELENSKYY in to_networkx(g)


def test_the_writers_that_read_the_view_use_the_one_a_build_gives_them(tmp_path, monkeypatch):
    import exports.graphml
    import exports.html
    import graph.view
    from exports import EXPORTERS

    made = []

    def counted(g):
        made.append(g)
        return to_networkx(g)

    for module in (graph.view, exports.html, exports.graphml):
        monkeypatch.setattr(module, "to_networkx", counted)
    g = build_graph(fixture_records())
    view = to_networkx(g)
    for name in ("html", "neo4j", "graphml"):
        assert EXPORTERS[name].uses_view
        EXPORTERS[name].write(g, tmp_path, view=view)
    assert made == []  # each writer read the view it was given
    assert not EXPORTERS["turtle"].uses_view
