"""Exporters, keyed by format name.

Each exporter is a pure function of the RDF graph that yields lines or
rows, plus a thin writer that puts them under the output folder atomically
(networkx ``readwrite`` style). Modules are imported only when their format
is used, so ``import exports`` stays cheap.

>>> sorted(EXPORTERS)[:3]
['graphml', 'html', 'jsonld']
"""
from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import UnknownChoiceError

if TYPE_CHECKING:
    from rdflib import Graph


@dataclass(frozen=True)
class Exporter:
    name: str
    target: str  # file or folder name under the output folder
    module: str
    writer: str  # a function (graph, path, **options) -> None in ``module``
    description: str
    options: tuple[str, ...] = ()  # keyword options the writer takes, e.g. viewer_max_nodes
    # ``view``: the writer reads the graph's networkx view (graph.view.to_networkx),
    # which a build makes once and passes to each of these writers.

    def write(self, graph: Graph, out_dir: Path, **options) -> Path:
        """Write under ``out_dir``; ``options`` the writer does not take are ignored."""
        path = Path(out_dir) / self.target
        mine = {k: v for k, v in options.items() if k in self.options and v is not None}
        getattr(importlib.import_module(self.module), self.writer)(graph, path, **mine)
        return path

    @property
    def uses_view(self) -> bool:
        """Whether the writer reads the networkx view, so a build makes it for them."""
        return "view" in self.options


EXPORTERS: dict[str, Exporter] = {
    e.name: e
    for e in (
        Exporter("turtle", "graph.ttl", "exports.turtle", "write_turtle", "RDF Turtle, for SPARQL stores"),
        Exporter("ontology", "ontology.ttl", "exports.turtle", "write_ontology", "the vocabulary of the graph (OWL/RDFS)"),
        Exporter("html", "graph.html", "exports.html", "write_html", "interactive viewer, works offline",
                 ("viewer_max_nodes", "view")),
        Exporter("neo4j", "neo4j", "exports.neo4j", "write_neo4j", "CSV for neo4j-admin import and import.cypher",
                 ("view",)),
        Exporter("jsonld", "graph.jsonld", "exports.turtle", "write_jsonld", "JSON-LD"),
        Exporter("graphml", "graph.graphml", "exports.graphml", "write_graphml", "GraphML from the networkx view",
                 ("view",)),
    )
}
DEFAULT_FORMATS = ("turtle", "ontology", "html", "neo4j")
DEFAULT_VIEWER_MAX_NODES = 5000  # graph.html draws at most this many nodes (--viewer-max-nodes)


def get_exporter(name: str) -> Exporter:
    try:
        return EXPORTERS[name]
    except KeyError:
        raise UnknownChoiceError("format", name, EXPORTERS) from None


def parse_formats(spec: str | Iterable[str]) -> list[Exporter]:
    """``"turtle,html"`` -> exporters, checked before any work starts."""
    names = spec.split(",") if isinstance(spec, str) else list(spec)
    names = [n.strip() for n in names if n.strip()]
    if not names:
        raise UnknownChoiceError("format", "", EXPORTERS)
    return [get_exporter(n) for n in dict.fromkeys(names)]
