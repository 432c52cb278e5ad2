"""GraphML of the networkx view, for Gephi, yEd or networkx users.

GraphML holds scalar attributes only: lists (aliases, articles) are joined
with " | " and missing values are left out. XML 1.0 cannot hold most
control characters (not even escaped), so each becomes U+FFFD; every
other character comes back as written.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriter
from rdflib import Graph

from graph.view import to_networkx

from .atomic import write_text

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _scalar(value: object) -> object:
    if isinstance(value, (list, tuple)):
        value = " | ".join(str(v) for v in value)
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def graphml_lines(g: Graph) -> Iterator[str]:
    view = to_networkx(g)
    flat = nx.MultiDiGraph()
    for node, data in sorted(view.nodes(data=True)):
        flat.add_node(node, **{k: _scalar(v) for k, v in sorted(data.items()) if v is not None and v != ""})
    for u, v, key, data in sorted(view.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        flat.add_edge(u, v, key=key, **{k: _scalar(x) for k, x in sorted(data.items()) if x is not None and x != ""})
    writer = GraphMLWriter(named_key_ids=True)
    writer.add_graph_element(flat)
    # Not nx.generate_graphml: its str.splitlines() also breaks lines at
    # \r, U+0085, U+2028, ... inside values. A raw \r would be read back as
    # \n (XML normalises line ends), so it is written as a reference.
    for line in str(writer).replace("\r", "&#13;").rstrip("\n").split("\n"):
        yield line + "\n"


def write_graphml(g: Graph, path: Path) -> None:
    write_text(path, graphml_lines(g))
