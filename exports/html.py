"""The interactive viewer: one self-contained HTML file that works offline.

pyvis holds the nodes, edges and options, but the page is rendered with our
own template (``templates/viewer.html``): pyvis 0.3.2's own modes load
vis-network or Bootstrap from a CDN and may write a ``lib/`` folder into the
working directory. Here vis-network's script and stylesheet are read from
the installed pyvis package and inlined, so the file needs no network.

Article text is untrusted. Every piece of data goes into the page as JSON in
a ``<script type="application/json">`` element (escaped by
:func:`script_json`), and the page puts it into the DOM as text only.

Article nodes are not drawn; each node lists its articles in its details,
and each edge names the article and publisher its sentence comes from.

>>> from graph.build import build_graph
>>> page = html_document(build_graph([]))
>>> page.startswith("<!DOCTYPE html>"), "<script src" in page
(True, False)
"""
from __future__ import annotations

import json
from collections import Counter
from importlib.resources import files
from pathlib import Path

import networkx as nx
from jinja2 import Environment, PackageLoader
from markupsafe import Markup
from pyvis.network import Network
from pyvis.options import Layout
from rdflib import Graph

from extract.records import ENTITY_TYPES
from graph.view import to_networkx

from .atomic import write_text

#: The vis-network build that pyvis 0.3.2 ships (and its templates use).
VIS_DIR = ("lib", "vis-9.1.2")

#: Colour per node type (Tableau 10: distinct, and readable for most
#: colour-blind viewers). The legend lists them in this order.
COLORS = {
    "Person": "#e15759",
    "Organization": "#4e79a7",
    "Country": "#59a14f",
    "City": "#8cd17d",
    "Region": "#b6992d",
    "Place": "#f1ce63",
    "Facility": "#9c755f",
    "Group": "#f28e2b",
    "Statement": "#b07aa1",
    "Claim": "#76b7b2",
}
OTHER_COLOR = "#bab0ac"  # a type the viewer does not know yet
assert set(ENTITY_TYPES) <= set(COLORS), "a new entity type needs a colour"

SHAPES = {"entity": "dot", "statement": "square", "claim": "diamond"}
SIZES = {"entity": 16, "statement": 10, "claim": 12}
EDGE_COLOR = "#8c8c8c"

_SCRIPT_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(data: object) -> str:
    """``data`` as JSON that cannot end a ``<script>`` element or open markup.

    ``<``, ``>`` and ``&`` only ever occur inside JSON strings, where their
    ``\\uXXXX`` escapes mean the same; U+2028/U+2029 are escaped for old
    JavaScript parsers. Keys are sorted, so equal data gives equal text.

    >>> script_json({"name": "</script>"})
    '{"name":"\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.translate(_SCRIPT_ESCAPES)


def _article_line(article_id: str, articles: dict[str, dict]) -> str:
    a = articles.get(article_id)
    if a is None:
        return article_id
    where = ", ".join(x for x in (a["source"], a["date"]) if x)
    return f"{article_id}: {a['label']}" + (f" ({where})" if where else "")


def _title(details: list[list[str]]) -> str:
    # vis-network 9 shows a string title as plain text (innerText), never HTML.
    return "\n".join(f"{key}: {value}" for key, value in details)


def _node_details(G: nx.MultiDiGraph, n: str, articles: dict[str, dict]) -> list[list[str]]:
    d = G.nodes[n]
    # The view's ``articles`` counts mentions only; publisher and dateline
    # edges also tie an entity to an article.
    ids = set(d.get("articles", ())) | ({d["article"]} if d.get("article") else set())
    ids |= {G.nodes[a]["article_id"] for a in G.predecessors(n) if G.nodes[a].get("kind") == "article"}
    rows = [
        ("label", d["label"]),
        ("text", d["text"] if d.get("text", d["label"]) != d["label"] else ""),  # statements are shortened
        ("type", d["type"] + (f" ({d['mode']})" if d.get("mode") else "")),
        ("aliases", ", ".join(d.get("aliases", ()))),
        ("speaker", d.get("speaker_text", "")),
        ("claimed by", d.get("claimant_text", "")),
        ("geonames", d.get("geonames", "")),
        ("sentence", d.get("sentence", "")),
        ("confidence", f"{d['confidence']:g}" if "confidence" in d else ""),
        ("date", d.get("date", "")),
    ]
    rows += [("article", _article_line(a, articles)) for a in sorted(ids)]
    return [[k, str(v)] for k, v in rows if v]


def _edge_details(d: dict, articles: dict[str, dict]) -> list[list[str]]:
    rows = [
        ("predicate", d["predicate"] + (f" (verb: {d['verb']})" if d.get("verb") else "")),
        ("sentence", d.get("sentence", "")),
        ("article", _article_line(d["article"], articles) if d.get("article") else ""),
        ("confidence", f"{d['confidence']:g}" if "confidence" in d else ""),
        ("date", d.get("date", "")),
    ]
    return [[k, v] for k, v in rows if v]


def _network(G: nx.MultiDiGraph, articles: dict[str, dict]) -> Network:
    # directed: pyvis merges parallel edges of undirected networks, and a
    # MultiDiGraph has one edge per sentence.
    net = Network(directed=True)
    shown = sorted(n for n, kind in G.nodes(data="kind") if kind in SHAPES)
    for n in shown:
        d = G.nodes[n]
        details = _node_details(G, n, articles)
        net.add_node(
            n, label=d["label"], shape=SHAPES[d["kind"]], size=SIZES[d["kind"]],
            color=COLORS.get(d["type"], OTHER_COLOR), type=d["type"], details=details, title=_title(details),
        )
    keep = set(shown)
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]):
        if u in keep and v in keep:
            details = _edge_details(d, articles)
            net.add_edge(
                u, v, id=f"{u} {k} {v}", label=d["predicate"].replace("_", " "), color=EDGE_COLOR,
                width=round(1 + 2 * d.get("confidence", 0.5), 2), details=details, title=_title(details),
            )

    # Barnes-Hut with stabilisation; the page turns physics off once stable.
    net.barnes_hut(gravity=-2500, central_gravity=0.6, spring_length=110, spring_strength=0.04, overlap=0.3)
    net.options.physics.stabilization.iterations = 600
    net.set_edge_smooth("dynamic")  # parallel edges get their own curve
    net.inherit_edge_colors(False)
    net.options.layout = Layout(randomSeed=7)  # same graph, same layout
    net.options.layout.hierarchical.enabled = False
    # vis-network options that pyvis has no setter for.
    net.options.interaction.hover = True
    net.options.interaction.tooltipDelay = 150
    net.options.edges.font = {"size": 10, "align": "middle", "color": "#555555", "strokeWidth": 3}
    net.options.nodes = {"font": {"size": 14, "face": "sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff"}}
    return net


def viewer_data(G: nx.MultiDiGraph) -> dict:
    """Nodes, edges, legend and vis-network options as plain JSON-able data.

    >>> from graph.build import build_graph
    >>> sorted(viewer_data(to_networkx(build_graph([]))))
    ['edges', 'legend', 'nodes', 'options']
    """
    articles = {d["article_id"]: d for _, d in G.nodes(data=True) if d.get("kind") == "article"}
    net = _network(G, articles)
    counts = Counter(node["type"] for node in net.nodes)
    order = [t for t in COLORS if t in counts] + sorted(set(counts) - set(COLORS))
    return {
        "nodes": net.nodes,
        "edges": net.edges,
        "legend": [{"type": t, "color": COLORS.get(t, OTHER_COLOR), "count": counts[t]} for t in order],
        "options": json.loads(net.options.to_json()),
    }


def _vis_asset(name: str) -> str:
    text = files("pyvis").joinpath(*VIS_DIR, name).read_text(encoding="utf-8")
    # Inlined code must not end its own element early; this build has neither.
    if "</script" in text.lower() or "</style" in text.lower() or "<!--" in text:
        raise ValueError(f"pyvis {name} cannot be inlined safely")
    return text


def html_document(g: Graph) -> str:
    """The viewer page for graph ``g``: same graph, same bytes."""
    env = Environment(loader=PackageLoader("exports", "templates"), autoescape=True, keep_trailing_newline=True)
    data = viewer_data(to_networkx(g))
    return env.get_template("viewer.html").render(
        data_json=Markup(script_json(data)),
        vis_js=Markup(_vis_asset("vis-network.min.js")),
        vis_css=Markup(_vis_asset("vis-network.css")),
        node_count=len(data["nodes"]),
        edge_count=len(data["edges"]),
    )


def write_html(g: Graph, path: Path) -> None:
    write_text(Path(path), [html_document(g)])
