"""A built graph as the services take it: a Turtle file, or a build's output folder."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import InputError

if TYPE_CHECKING:
    from rdflib import Graph


def graph_file(path: str | Path) -> Path:
    """A graph given as a Turtle file or as a build's output folder (its graph.ttl)."""
    p = Path(path)
    return p / "graph.ttl" if p.is_dir() else p


def load_graph(path: str | Path) -> Graph:
    """A Turtle file as an rdflib graph; a missing or broken file is an InputError."""
    from rdflib import Graph

    p = Path(path)
    if not p.is_file():
        raise InputError(str(path), "no such file")
    g = Graph()
    try:
        g.parse(p, format="turtle")
    except Exception as exc:  # rdflib raises many parser-specific types
        raise InputError(str(path), f"not valid Turtle ({type(exc).__name__}: {str(exc).splitlines()[0][:200]})") from None
    return g
