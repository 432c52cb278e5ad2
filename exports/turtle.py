"""Turtle and JSON-LD: the RDF graph as it is.

rdflib's Turtle serializer sorts subjects and predicates, so the same graph
gives the same bytes; JSON-LD is sorted here for the same reason.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from rdflib import Graph

from .atomic import write_text


def turtle_lines(g: Graph) -> Iterator[str]:
    """The graph as Turtle, line by line."""
    yield from g.serialize(format="turtle").splitlines(keepends=True)


def write_turtle(g: Graph, path: Path) -> None:
    write_text(path, turtle_lines(g))


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
