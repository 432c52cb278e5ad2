"""The vocabulary (ontology.ttl) and the SHACL shapes (shapes.ttl): the
ontology declares what the graph uses, the shapes accept a good graph and
reject each kind of broken one with a message a user can act on."""
from __future__ import annotations

import subprocess
import sys

import pytest
from support.paths import ROOT
from support.fixture_records import fixture_records
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef

from exports.turtle import turtle_lines
from graph.build import build_graph
from graph.validate import ontology_graph, shipped_text, validate_graph
from graph.vocab import (
    GEO,
    NKG,
    PROJECT_CLASSES,
    SCHEMA,
    merge_rules,
    relation_iri,
    relations,
)

ONTOLOGY_IRI = URIRef("https://w3id.org/newskg/ontology")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology_graph()


def test_the_ontology_is_package_data():
    text = shipped_text("ontology.ttl")
    assert "owl:Ontology" in text
    assert (ROOT / "graph" / "ontology.ttl").read_text(encoding="utf-8") == text
    assert 'graph = ["ontology.ttl", "shapes.ttl", ' in (ROOT / "pyproject.toml").read_text()


@pytest.mark.parametrize("relation", sorted(relations()))
def test_every_relation_is_declared_with_label_comment_domain_range(onto: Graph, relation: str):
    p = relation_iri(relation)
    assert (p, RDF.type, OWL.ObjectProperty) in onto
    assert (p, RDFS.subPropertyOf, NKG.relatedTo) in onto
    assert str(onto.value(p, RDFS.comment)) == relations()[relation]
    assert onto.value(p, RDFS.label) is not None
    assert onto.value(p, RDFS.domain) is not None and onto.value(p, RDFS.range) is not None


def test_the_relation_vocabulary_is_read_from_the_ontology(onto: Graph):
    declared = sorted(str(p) for p in onto.subjects(RDFS.subPropertyOf, NKG.relatedTo))
    assert [str(relation_iri(r)) for r in sorted(relations())] == declared
    assert {"attacked", "killed", "located_in", "affiliated_with", "role_of"} <= set(relations())


def test_relation_descriptions_and_merge_rule_definitions_live_only_in_the_ontology():
    """ontology.ttl is their one source: no module repeats one (so none can disagree with it)."""
    texts = {**relations(), **{rule: definition for rule, (_, _, definition) in merge_rules().items()}}
    sources = [p for pkg in ("core", "extract", "graph", "exports", "newskg") for p in (ROOT / pkg).rglob("*.py")]
    repeated = sorted(f"{p.relative_to(ROOT)}: {name}" for p in sources for name, text in texts.items()
                      if text in p.read_text(encoding="utf-8"))
    assert repeated == []


def test_project_classes_and_merge_rules_are_declared(onto: Graph):
    for cls, (parent, label, _) in PROJECT_CLASSES.items():
        assert (cls, RDF.type, OWL.Class) in onto, cls
        assert str(onto.value(cls, RDFS.label)) == label
        assert (cls, RDFS.subClassOf, parent) in onto
        assert onto.value(cls, RDFS.comment) is not None
    for rule, (local, label, definition) in merge_rules().items():
        concept = NKG[local]
        assert (concept, SKOS.inScheme, NKG.MergeRules) in onto
        assert str(onto.value(concept, SKOS.notation)) == rule
        assert str(onto.value(concept, SKOS.prefLabel)) == label
        assert str(onto.value(concept, SKOS.definition)) == definition
    assert {NKG[local] for local, _, _ in merge_rules().values()} == set(onto.subjects(SKOS.inScheme, NKG.MergeRules))


def test_merge_rules_come_in_the_order_explain_lists_them():
    """The label first, then spelling evidence, then the weaker evidence of context."""
    assert list(merge_rules()) == ["canonical", "normalised", "title", "gazetteer", "extractor", "transliteration",
                                   "middle_initial", "name_variant", "surname_article", "surname_corpus", "acronym", "geonames",
                                   "type_refined", "person_typed"]


def test_everything_the_graph_uses_from_nkg_is_declared(onto: Graph):
    g = build_graph(fixture_records())
    used = {p for p in g.predicates() if str(p).startswith(str(NKG))}
    used |= {o for o in g.objects(None, RDF.type) if str(o).startswith(str(NKG))}
    declared_in_graph = set(g.subjects(RDFS.subPropertyOf, NKG.relatedTo))
    undeclared = sorted(x for x in used - declared_in_graph if onto.value(x, RDF.type) is None)
    assert undeclared == []
    # Relation properties say where they are defined, or what verb they come from.
    for p in declared_in_graph:
        assert (p, RDFS.isDefinedBy, ONTOLOGY_IRI) in g or g.value(p, RDFS.comment) is not None


def test_fixture_graph_conforms():
    report = validate_graph(build_graph(fixture_records()))
    assert report.conforms, "\n".join(f.line() for f in report.violations)


def _fact(g: Graph) -> URIRef:
    return min(g.subjects(RDF.type, NKG.Fact))


def _claim(g: Graph) -> URIRef:
    return min(g.subjects(RDF.type, NKG.NumericClaim))


def _statement(g: Graph) -> URIRef:
    return min(g.subjects(RDF.type, NKG.Statement))


MARIUPOL = URIRef("https://w3id.org/newskg/id/city/mariupol")


def _break(kind: str, g: Graph) -> None:
    if kind == "no char span":
        g.remove((_claim(g), NKG.charStart, None))
    elif kind == "confidence above 1":
        g.set((_fact(g), NKG.confidence, Literal("1.5", datatype=XSD.decimal)))
    elif kind == "no extractor":
        g.remove((_statement(g), NKG.extractor, None))
    elif kind == "no article":
        g.remove((_fact(g), URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), None))
    elif kind == "relation not stated directly":
        f = _fact(g)
        g.remove((g.value(f, RDF.subject), g.value(f, RDF.predicate), g.value(f, RDF.object)))
    elif kind == "no subject":
        g.remove((_fact(g), RDF.subject, None))
    elif kind == "statement without text":
        g.remove((_statement(g), SCHEMA.text, None))
    elif kind == "unknown mode":
        g.set((_statement(g), NKG.mode, Literal("whispered")))
    elif kind == "claim value not an integer":
        g.set((_claim(g), NKG.value, Literal("many")))
    elif kind == "latitude without longitude":
        g.remove((MARIUPOL, GEO.long, None))
    elif kind == "latitude as a string":
        g.set((MARIUPOL, GEO.lat, Literal("47.1")))
    elif kind == "sameAs not GeoNames":
        g.set((MARIUPOL, OWL.sameAs, URIRef("https://example.org/mariupol")))
    elif kind == "name form without rule":
        form = next(g.objects(MARIUPOL, NKG.nameForm))
        g.remove((form, NKG.mergeRule, None))
    elif kind == "claim with place but no topic":
        c = next(c for c in sorted(g.subjects(RDF.type, NKG.NumericClaim)) if g.value(c, NKG.place) is not None)
        g.remove((c, NKG.topic, None))
    else:
        raise AssertionError(kind)


BREAKS = ["no char span", "confidence above 1", "no extractor", "no article", "relation not stated directly",
          "no subject", "statement without text", "unknown mode", "claim value not an integer",
          "latitude without longitude", "latitude as a string", "sameAs not GeoNames", "name form without rule",
          "claim with place but no topic"]


@pytest.mark.parametrize("kind", BREAKS)
def test_a_broken_graph_does_not_conform(kind: str):
    g = build_graph(fixture_records())
    _break(kind, g)
    report = validate_graph(g)
    assert not report.conforms
    assert report.violations and all(f.message for f in report.violations)


def test_warnings_do_not_fail_a_graph():
    g = build_graph(fixture_records())
    theater = URIRef("https://w3id.org/newskg/id/facility/theater-mariupol")
    g.remove((theater, NKG.located_in, None))
    for f in list(g.subjects(RDF.predicate, NKG.located_in)):
        g.remove((f, None, None))
    report = validate_graph(g)
    assert report.conforms
    assert any("not located in its city" in w.message for w in report.warnings)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newskg.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)


def test_validate_cli_verdict_and_exit_codes(tmp_path):
    good = tmp_path / "good.ttl"
    good.write_text("".join(turtle_lines(build_graph(fixture_records()))), encoding="utf-8")
    proc = _cli("validate", str(good))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[0] == f"{good}: conforms to the newskg shapes"

    g = build_graph(fixture_records())
    _break("confidence above 1", g)
    _break("no char span", g)
    bad = tmp_path / "bad.ttl"
    bad.write_text("".join(turtle_lines(g)), encoding="utf-8")
    proc = _cli("validate", str(bad))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == f"{bad}: does not conform: 2 violations"
    assert any("nkg:confidence" in x and "a decimal from 0 to 1" in x and "1.5" in x for x in lines[1:])
    assert any("nkg:charStart" in x for x in lines[1:])

    proc = _cli("validate", "pyproject.toml")
    assert proc.returncode == 1 and "not valid Turtle" in proc.stderr and "Traceback" not in proc.stderr
