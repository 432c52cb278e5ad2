"""A fact that is not asserted ("had pledged to leave the EU") in the graph and its exports: kept as an
nkg:Fact with nkg:modality, never stated directly, and kept apart from asserted relationships in Neo4j.
Hand-made records, no model."""
from __future__ import annotations

from rdflib import Literal

from core.records import Article, ArticleRecords, Mention, Provenance, Triple
from exports.cypher import cypher_statements
from exports.neo4j_model import as_model
from graph.build import build_graph
from graph.validate import validate_graph
from graph.view import to_networkx
from graph.vocab import NKG, relation_iri

TEXT = "Wilders had pledged to leave the EU. Britain left the EU."


def _records() -> ArticleRecords:
    article = Article("a1", TEXT, date="2017-03-15")

    def mention(name: str, type_: str, sentence: int) -> Mention:
        start = TEXT.index(name, TEXT.index(".") + 1 if sentence else 0)
        return Mention(name, name, type_, Provenance("a1", sentence, start, start + len(name), TEXT))

    wilders, eu, britain, eu2 = (mention("Wilders", "Person", 0), mention("EU", "Organization", 0),
                                 mention("Britain", "Country", 1), mention("EU", "Organization", 1))
    return ArticleRecords(article, mentions=(wilders, eu, britain, eu2), triples=(
        Triple(wilders, "leave", eu, "leave", Provenance("a1", 0, 0, 35, TEXT), 0.8,
               rule="verb_between_entities", modality="intended"),
        Triple(britain, "leave", eu2, "leave", Provenance("a1", 1, 37, 56, TEXT), 0.9,
               rule="verb_between_entities"),
    ))


def test_a_modal_fact_is_reified_with_its_modality_and_not_stated():
    g = build_graph([_records()])
    leave = relation_iri("leave")
    assert sorted(str(m) for m in g.objects(None, NKG.modality)) == ["intended"]
    assert [str(s).rsplit("/", 1)[-1] for s in g.subjects(leave, None)] == ["britain"]  # only Britain left
    who_left = g.query("PREFIX nkg: <https://w3id.org/newskg/ontology#> "
                       "SELECT ?s WHERE { ?s nkg:leave ?o }")
    assert [str(r.s).rsplit("/", 1)[-1] for r in who_left] == ["britain"]
    intents = g.query("PREFIX nkg: <https://w3id.org/newskg/ontology#> "
                      "SELECT ?s WHERE { ?f a nkg:Fact ; rdf:subject ?s ; nkg:modality 'intended' }")
    assert [str(r.s).rsplit("/", 1)[-1] for r in intents] == ["wilders"]
    assert validate_graph(g).conforms


def test_shapes_reject_an_unknown_modality():
    g = build_graph([_records()])
    fact = next(g.subjects(NKG.modality, None))
    g.set((fact, NKG.modality, Literal("rumoured")))
    assert not validate_graph(g).conforms


def test_the_view_and_neo4j_keep_modal_facts_apart():
    g = build_graph([_records()])
    edges = sorted((d["predicate"], d["modality"]) for _, _, d in to_networkx(g).edges(data=True)
                   if d.get("predicate") == "leave")
    assert edges == [("leave", ""), ("leave", "intended")]
    model = as_model(g)
    facts = sorted((r.type, r.props.get("relation", ""), r.props.get("modality", ""), r.props.get("verb", ""))
                   for r in model.rels if r.file == "relationships_facts.csv")
    assert facts == [("INTENDED", "leave", "intended", ""), ("RELATED_TO", "", "", "leave")]
    merges = [s for s, _ in cypher_statements(model, "Node", 100) if "MERGE (a)" in s]
    assert any("MERGE (a)-[r:`INTENDED` {relation: row.k}]->(b)" in s for s in merges), merges
