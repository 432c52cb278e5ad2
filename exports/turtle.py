"""Turtle and JSON-LD: the RDF graph as it is.

Turtle is written by Oxigraph's serializer (pyoxigraph), which is several
times faster than rdflib's, from triples put in a fixed order here:
subjects, then predicates, then objects, each sorted by their text. So the
same graph always gives the same bytes, and rdflib, Oxigraph or any other
Turtle parser reads back the same graph. JSON-LD is sorted for the same
reason.

>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph()
>>> _ = g.add((URIRef("https://w3id.org/newskg/id/a"), URIRef("https://schema.org/name"), Literal("A")))
>>> print(turtle_bytes(g).decode().splitlines()[-1])
<https://w3id.org/newskg/id/a> schema:name "A" .
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.stores.memory import Memory

from .atomic import write_binary, write_text


def _object_key(o) -> tuple:
    """Sort key of an object: IRIs, then blank nodes, then literals by
    lexical form, datatype and language."""
    if type(o) is URIRef:
        return (0, str(o), "", "")
    if type(o) is BNode:
        return (1, str(o), "", "")
    return (2, str(o), str(o.datatype or ""), o.language or "")


def _by_subject(g: Graph) -> dict:
    """subject -> predicate -> objects. rdflib's in-memory store keeps this
    index already; reading it directly is ten times faster than
    ``g.triples()``, which matters at millions of triples."""
    spo = getattr(g.store, "_Memory__spo", None) if type(g.store) is Memory else None
    if spo is not None and type(g) is Graph:
        return spo
    index: dict = {}
    for s, p, o in g.triples((None, None, None)):
        index.setdefault(s, {}).setdefault(p, {})[o] = 1
    return index


class _Terms:
    """rdflib terms -> Oxigraph terms, each made once (keyed by plain
    strings, whose hashing is much cheaper than rdflib terms')."""

    def __init__(self) -> None:
        self.iris: dict[str, ox.NamedNode] = {}
        self.blanks: dict[str, ox.BlankNode] = {}
        self.literals: dict[tuple[str, str, str], ox.Literal] = {}

    def node(self, term):
        if type(term) is BNode:
            key = str(term)
            node = self.blanks.get(key)
            if node is None:
                node = self.blanks[key] = ox.BlankNode(key)
            return node
        key = str(term)
        node = self.iris.get(key)
        if node is None:
            node = self.iris[key] = ox.NamedNode(key)
        return node

    def term(self, o):
        if not isinstance(o, Literal):
            return self.node(o)
        lex, dt, lang = str(o), o.datatype, o.language
        key = (lex, str(dt) if dt is not None else "", lang or "")
        lit = self.literals.get(key)
        if lit is None:
            if lang:
                lit = ox.Literal(lex, language=lang)
            elif dt is not None:
                lit = ox.Literal(lex, datatype=self.node(dt))
            else:
                lit = ox.Literal(lex)
            self.literals[key] = lit
        return lit


def sorted_triples(g: Graph) -> Iterator[ox.Triple]:
    """The graph's triples as Oxigraph triples, in a fixed order."""
    terms = _Terms()
    node, term, Triple = terms.node, terms.term, ox.Triple
    index = _by_subject(g)
    for s in sorted(index, key=lambda t: (type(t) is BNode, str(t))):
        subject = node(s)
        by_predicate = index[s]
        for p in sorted(by_predicate, key=str):
            predicate = node(p)
            objects = by_predicate[p]
            for o in (objects if len(objects) == 1 else sorted(objects, key=_object_key)):
                yield Triple(subject, predicate, term(o))


def _prefixes(g: Graph) -> dict[str, str]:
    """The vocabularies' prefixes, by name. Not ``id:``: every resource IRI
    has a slash after it, which Turtle would have to escape (``id:city\\/kyiv``);
    written in full they stay readable."""
    from graph.vocab import PREFIXES

    return {k: str(v) for k, v in sorted(PREFIXES.items()) if k != "id"}


def write_turtle_to(g: Graph, out: BinaryIO) -> None:
    ox.serialize(sorted_triples(g), out, ox.RdfFormat.TURTLE, prefixes=_prefixes(g))


def turtle_bytes(g: Graph) -> bytes:
    return ox.serialize(sorted_triples(g), format=ox.RdfFormat.TURTLE, prefixes=_prefixes(g))


def turtle_lines(g: Graph) -> Iterator[str]:
    """The graph as Turtle, line by line."""
    yield from turtle_bytes(g).decode("utf-8").splitlines(keepends=True)


def write_turtle(g: Graph, path: Path) -> None:
    write_binary(path, lambda f: write_turtle_to(g, f))


def jsonld_lines(g: Graph) -> Iterator[str]:
    from graph.vocab import PREFIXES

    data = json.loads(g.serialize(format="json-ld", context={k: str(v) for k, v in PREFIXES.items()}))
    if isinstance(data.get("@graph"), list):
        data["@graph"].sort(key=lambda node: node.get("@id", ""))
    yield json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    yield "\n"


def write_jsonld(g: Graph, path: Path) -> None:
    write_text(path, jsonld_lines(g))


def ontology_lines(g: Graph) -> Iterator[str]:
    """The ontology shipped with the package (graph/ontology.ttl), as it is: the same for every graph."""
    from graph.validate import shipped_text

    yield shipped_text("ontology.ttl")


def write_ontology(g: Graph, path: Path) -> None:
    write_text(path, ontology_lines(g))
