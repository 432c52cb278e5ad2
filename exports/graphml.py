"""GraphML of the networkx view, for Gephi, yEd, networkx and igraph.

What those readers need, and why it is written by hand rather than by
networkx's writer:

* every edge has its own ``id`` (``e0``, ``e1``, ... in sorted order):
  Gephi's importer keeps only the first edge of each id, and the view's
  edge keys repeat (``mentions``, ``about``, ...); the key is kept as the
  ``key`` attribute;
* nodes and edges have a ``label`` (Gephi shows it): a node's name, an
  edge's relation (``attacked``, ``said``, ``mentions``, ...);
* each attribute is declared once per domain (node, edge) with one type:
  ``boolean``, ``long`` (integers: claim values pass 2^31, and Java
  readers take ``int`` as 32 bits), ``double`` or ``string``; an attribute
  whose values mix numbers and text is a ``string``.

GraphML holds scalar attributes only: lists (aliases, articles) are joined
with " | " and missing values are left out. XML 1.0 cannot hold most
control characters (not even escaped), so each becomes U+FFFD; a raw
``\\r`` is written ``&#13;`` (XML would read it back as ``\\n``); every
other character comes back as written.

>>> from graph.build import build_graph
>>> print("".join(graphml_lines(build_graph([]))).splitlines()[-2:])
['  <graph id="newskg" edgedefault="directed"/>', '</graphml>']
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import networkx as nx
from rdflib import Graph

from graph.view import to_networkx

from .atomic import write_text

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TYPE_ORDER = ("boolean", "long", "double", "string")  # a column takes the widest type of its values


def _text(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def _scalar(value: object) -> object | None:
    """A GraphML value: lists joined with " | ", text made XML-safe; None for missing."""
    if isinstance(value, (list, tuple)):
        value = " | ".join(str(v) for v in value)
    if value is None or value == "":
        return None
    return _text(value) if isinstance(value, str) else value


def _type_of(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _column_types(items: list[dict]) -> dict[str, str]:
    """One type per attribute name: boolean, long, double or string (numbers mixed with text: string)."""
    seen: dict[str, set[str]] = defaultdict(set)
    for data in items:
        for k, v in data.items():
            seen[k].add(_type_of(v))
    out = {}
    for k, types in seen.items():
        if len(types) == 1:
            out[k] = types.pop()
        elif types <= {"long", "double"}:
            out[k] = "double"
        else:
            out[k] = "string"
    return out


def _value(value: object, typ: str) -> str:
    if typ == "boolean":
        return "true" if value else "false"
    if typ == "double":
        return repr(float(value))
    return str(value)


def _data(domain: str, data: dict, types: dict[str, str], indent: str) -> Iterator[str]:
    for k in _ordered(data):
        text = escape(_value(data[k], types[k])).replace("\r", "&#13;")
        yield f'{indent}<data key={quoteattr(_key_id(domain, k))}>{text}</data>\n'


def _ordered(names) -> list[str]:
    return sorted(names, key=lambda k: (k != "label", k))


def _key_id(domain: str, name: str) -> str:
    return f"{domain[0]}_{name}"


def graphml_lines(g: Graph, view: nx.MultiDiGraph | None = None) -> Iterator[str]:
    """The GraphML document of ``g``, from its networkx ``view`` (made here when not given)."""
    if view is None:
        view = to_networkx(g)
    nodes = [(str(n), {k: s for k, v in sorted(d.items()) if (s := _scalar(v)) is not None})
             for n, d in sorted(view.nodes(data=True))]
    edges = []
    for u, v, key, d in sorted(view.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        data = {k: s for k, x in d.items() if (s := _scalar(x)) is not None}
        data["key"] = str(key)
        data["label"] = str(d.get("predicate") or key)
        edges.append((str(u), str(v), data))
    node_types = _column_types([d for _, d in nodes])
    edge_types = _column_types([d for *_, d in edges])

    yield "<?xml version='1.0' encoding='utf-8'?>\n"
    yield ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    for domain, types in (("node", node_types), ("edge", edge_types)):
        for name in _ordered(types):
            yield (f'  <key id={quoteattr(_key_id(domain, name))} for="{domain}" '
                   f'attr.name={quoteattr(_text(name))} attr.type="{types[name]}"/>\n')
    if not nodes:
        yield '  <graph id="newskg" edgedefault="directed"/>\n</graphml>\n'
        return
    yield '  <graph id="newskg" edgedefault="directed">\n'
    for node, data in nodes:
        yield f"    <node id={quoteattr(_text(node))}>\n"
        yield from _data("node", data, node_types, "      ")
        yield "    </node>\n"
    for i, (u, v, data) in enumerate(edges):
        yield f'    <edge id="e{i}" source={quoteattr(_text(u))} target={quoteattr(_text(v))}>\n'
        yield from _data("edge", data, edge_types, "      ")
        yield "    </edge>\n"
    yield "  </graph>\n</graphml>\n"


def write_graphml(g: Graph, path: Path, view: nx.MultiDiGraph | None = None) -> None:
    write_text(path, graphml_lines(g, view))
