"""The interactive viewer: one self-contained HTML file, for 10 articles or 5,000 nodes.

The layout is computed once, here, at export time (igraph's
Fruchterman-Reingold, per connected component, components packed in rows),
so the browser draws the graph at once with physics off: no simulation to
wait for, and the same graph always looks the same. The page has a search
box, filters by type, article and source, a legend, and a details panel:
a node shows its type, aliases, other properties, articles and statements;
an edge its evidence sentence and article.

Past ``viewer_max_nodes`` nodes (``--viewer-max-nodes``, default
:data:`DEFAULT_MAX_NODES`), the page shows the most connected nodes only,
actors first, and says so. The whole graph stays in the other exports.

The page is built from our own template (``templates/viewer.html``):
pyvis 0.3.2's own modes load vis-network or Bootstrap from a CDN. Its
vis-network build is read from the installed pyvis package and inlined,
and its option model gives the vis-network options; nodes and edges are
plain dicts, since pyvis's ``add_node``/``add_edge`` scan lists (quadratic
at 5,000 nodes).

Article text is untrusted. Every piece of data goes into the page as JSON in
a ``<script type="application/json">`` element (escaped by
:func:`script_json`), and the page puts it into the DOM as text only.

>>> from graph.build import build_graph
>>> page = html_document(build_graph([]))
>>> page.startswith("<!DOCTYPE html>"), "<script src" in page
(True, False)
"""
from __future__ import annotations

import json
import math
import random
from collections import Counter, defaultdict
from importlib.resources import files
from pathlib import Path

import networkx as nx
from jinja2 import Environment, PackageLoader
from markupsafe import Markup
from rdflib import Graph

from core.records import ENTITY_TYPES
from graph.view import to_networkx

from . import DEFAULT_VIEWER_MAX_NODES as DEFAULT_MAX_NODES
from .atomic import write_text

#: The vis-network build that pyvis 0.3.2 ships (and its templates use).
VIS_DIR = ("lib", "vis-9.1.2")
EDGE_LENGTH = 150  # px between neighbours in the computed layout
NODE_ROOM = 160  # px: each node gets at least a square this wide
LABELLED_EDGES = 600  # above this many edges, edge labels are left out (shown on click)

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
SIZES = {"entity": 12, "statement": 9, "claim": 10}
EDGE_COLOR = "#8c8c8c"

#: Node attributes shown in this order; any other attribute the graph view
#: adds is shown after them, by name.
NODE_FIELDS = ("text", "aliases", "speaker_text", "claimant_text", "cue", "value", "qualifier", "counted",
               "category", "topic", "geonames", "lat", "long", "name_rules", "sentence", "confidence", "date")
_NOT_SHOWN = {"kind", "label", "type", "mode", "articles", "article", "article_id", "start", "end",
              "sentence_index", "extractor"}

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


# --- which nodes -----------------------------------------------------------

def select_nodes(G: nx.MultiDiGraph, max_nodes: int = DEFAULT_MAX_NODES) -> tuple[list[str], int]:
    """The nodes to draw (sorted) and how many there are in all.

    Articles are not drawn (each node lists its articles). Past
    ``max_nodes``, entities come first, then statements and claims, each
    by degree (distinct neighbours), then by label; nodes with no drawn
    neighbour come last.
    """
    drawable = [n for n, kind in G.nodes(data="kind") if kind in SHAPES]
    if len(drawable) <= max_nodes:
        return sorted(drawable), len(drawable)
    keep = set(drawable)
    degree = {n: len((set(G.predecessors(n)) | set(G.successors(n))) & keep) for n in drawable}
    ranked = sorted(drawable, key=lambda n: (degree[n] == 0, G.nodes[n]["kind"] != "entity", -degree[n],
                                             G.nodes[n]["label"], n))
    return sorted(ranked[:max_nodes]), len(drawable)


# --- layout -----------------------------------------------------------------

def layout(nodes: list[str], edges: list[tuple[str, str]], seed: int = 7) -> dict[str, tuple[int, int]]:
    """Integer positions: Fruchterman-Reingold per component, packed in rows.

    Deterministic: the same nodes and edges give the same positions.

    >>> pos = layout(["a", "b", "c", "d"], [("a", "b"), ("b", "c")])
    >>> pos == layout(["a", "b", "c", "d"], [("a", "b"), ("b", "c")]), len(pos)
    (True, 4)
    """
    import igraph

    index = {n: i for i, n in enumerate(nodes)}
    pairs = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v in edges if u != v})
    g = igraph.Graph(n=len(nodes), edges=pairs)
    components = sorted((sorted(c) for c in g.connected_components()), key=lambda c: (-len(c), c[0]))
    # igraph draws from Python's random module; use a seeded generator for
    # this call only, and give the module its generator back after.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        boxes = [_component_layout(g, comp) for comp in components]
    finally:
        igraph.set_random_number_generator(random)
    return _pack(nodes, components, boxes)


def _component_layout(g, comp: list[int]) -> list[tuple[float, float]]:
    if len(comp) == 1:
        return [(0.0, 0.0)]
    sub = g.induced_subgraph(comp)
    coords = sub.layout_fruchterman_reingold(niter=500).coords  # random start from the seeded generator
    # Scale so that neighbours are about EDGE_LENGTH apart, and, in dense
    # components (hubs pull everything into a ball), so that each node has
    # room for itself and its label.
    lengths = sorted(math.dist(coords[a], coords[b]) for a, b in sub.get_edgelist())
    median = lengths[len(lengths) // 2] or 1.0
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    area = (max(xs) - min(xs) + median) * (max(ys) - min(ys) + median)  # a line of nodes has no area
    scale = max(EDGE_LENGTH / median, NODE_ROOM * math.sqrt(len(comp) / area))
    return [(x * scale, y * scale) for x, y in coords]


def _pack(nodes, components, boxes) -> dict[str, tuple[int, int]]:
    """Components in rows, largest first, left to right, a gap between them."""
    bounds = []
    for coords in boxes:
        xs, ys = [c[0] for c in coords], [c[1] for c in coords]
        bounds.append((min(xs), min(ys), max(xs) - min(xs) + EDGE_LENGTH, max(ys) - min(ys) + EDGE_LENGTH))
    area = sum(w * h for _, _, w, h in bounds)
    row_width = max([math.sqrt(area) * 1.2] + [w for _, _, w, _ in bounds[:1]])
    pos, x, y, row_height = {}, 0.0, 0.0, 0.0
    for comp, coords, (left, top, w, h) in zip(components, boxes, bounds):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for i, (cx, cy) in zip(comp, coords):
            pos[nodes[i]] = (round(x + cx - left), round(y + cy - top))
        x += w
        row_height = max(row_height, h)
    return pos


# --- the data the page reads ------------------------------------------------

def _text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _node_details(d: dict) -> list[list[str]]:
    rows = [["type", d["type"] + (f" ({d['mode']})" if d.get("mode") else "")]]
    if d.get("text") == d["label"]:
        d = {k: v for k, v in d.items() if k != "text"}  # statements are shortened in the label only
    others = sorted(k for k in d if k not in NODE_FIELDS and k not in _NOT_SHOWN)
    for key in (*NODE_FIELDS, *others):
        text = _text(d.get(key))
        if text:
            rows.append([key.replace("_", " "), text])
    return rows


def _edge_details(d: dict, labels: tuple[str, str]) -> list[list[str]]:
    rows = [["from", labels[0]], ["to", labels[1]],
            ["predicate", d["predicate"] + (f" (verb: {d['verb']})" if d.get("verb") else "")]]
    for key in ("sentence", "confidence", "date"):
        text = _text(d.get(key))
        if text:
            rows.append([key, text])
    return rows


def _articles(G: nx.MultiDiGraph) -> tuple[list[dict], dict[str, int]]:
    found = sorted((d["article_id"], d) for _, d in G.nodes(data=True) if d.get("kind") == "article")
    table = [{"id": aid, "title": d.get("label", ""), "date": d.get("date", ""), "source": d.get("source", ""),
              "url": d.get("url", "")} for aid, d in found]
    return table, {a["id"]: i for i, a in enumerate(table)}


def _node_articles(G: nx.MultiDiGraph, n: str, art_index: dict[str, int]) -> list[int]:
    d = G.nodes[n]
    # The view's ``articles`` counts mentions only; publisher and dateline
    # edges also tie an entity to an article.
    ids = set(d.get("articles", ())) | ({d["article"]} if d.get("article") else set())
    ids |= {G.nodes[a]["article_id"] for a in G.predecessors(n) if G.nodes[a].get("kind") == "article"}
    return sorted(art_index[a] for a in ids if a in art_index)


def _options(big: bool) -> dict:
    from pyvis.network import Network
    from pyvis.options import Layout

    net = Network(directed=True)
    net.toggle_physics(False)  # the layout is computed; nothing moves
    net.options.layout = Layout(randomSeed=7)
    net.options.layout.hierarchical.enabled = False
    options = json.loads(net.options.to_json())
    options["layout"]["improvedLayout"] = False
    options["interaction"] = {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                              "multiselect": False}
    options["nodes"] = {"font": {"size": 14, "face": "sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff"},
                        "borderWidth": 1}
    options["edges"] = {"smooth": False, "color": {"color": EDGE_COLOR, "inherit": False},
                        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                        "font": {"size": 10, "align": "middle", "color": "#555555", "strokeWidth": 3}}
    return options


def viewer_data(G: nx.MultiDiGraph, max_nodes: int = DEFAULT_MAX_NODES) -> dict:
    """Everything the page shows, as plain JSON-able data.

    >>> from graph.build import build_graph
    >>> sorted(viewer_data(to_networkx(build_graph([]))))
    ['articles', 'edges', 'legend', 'nodes', 'options', 'sources', 'statements', 'summary']
    """
    articles, art_index = _articles(G)
    shown, total = select_nodes(G, max_nodes)
    keep = set(shown)
    edges = sorted(((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if u in keep and v in keep),
                   key=lambda e: (e[0], e[1], str(e[2])))
    drawn_total = sum(1 for u, v in G.edges() if G.nodes[u].get("kind") in SHAPES and G.nodes[v].get("kind") in SHAPES)
    pos = layout(shown, [(u, v) for u, v, _, _ in edges])
    degree = Counter(x for u, v, _, _ in edges for x in (u, v))

    # Statements by and about each entity that is drawn, drawn or not themselves.
    statements, said, about = [], defaultdict(list), defaultdict(list)
    for st in sorted(n for n, kind in G.nodes(data="kind") if kind == "statement"):
        d = G.nodes[st]
        speakers = [u for u, _, k in G.in_edges(st, keys=True) if k == "said"]
        subjects = [v for _, v, k in G.out_edges(st, keys=True) if k == "about"]
        if not keep.intersection(speakers + subjects):
            continue
        who = G.nodes[speakers[0]]["label"] if speakers else d.get("speaker_text", "")
        statements.append({"speaker": who, "text": d.get("text", ""), "mode": d.get("mode", ""),
                           "article": art_index.get(d.get("article", ""), -1)})
        for u in speakers:
            said[u].append(len(statements) - 1)
        for v in subjects:
            about[v].append(len(statements) - 1)

    nodes = []
    for n in shown:
        d = G.nodes[n]
        kind = d["kind"]
        node = {"id": n, "label": d["label"], "x": pos[n][0], "y": pos[n][1], "shape": SHAPES[kind],
                "size": round(SIZES[kind] + (3 * math.log2(1 + degree[n]) if kind == "entity" else 0), 1),
                "color": COLORS.get(d["type"], OTHER_COLOR), "type": d["type"], "kind": kind,
                "details": _node_details(d), "articles": _node_articles(G, n, art_index)}
        if said.get(n):
            node["said"] = said[n]
        if about.get(n):
            node["about"] = about[n]
        nodes.append(node)

    labelled = len(edges) <= LABELLED_EDGES
    out_edges, parallel = [], Counter()
    for u, v, k, d in edges:
        pair = (min(u, v), max(u, v))
        parallel[pair] += 1
        edge = {"id": f"{u} {k} {v}", "from": u, "to": v, "predicate": d["predicate"].replace("_", " "),
                "width": round(1 + 2 * d.get("confidence", 0.5), 2),
                "details": _edge_details(d, (G.nodes[u]["label"], G.nodes[v]["label"]))}
        if labelled:
            edge["label"] = edge["predicate"]
        if d.get("article") in art_index:
            edge["article"] = art_index[d["article"]]
        k = parallel[pair] - 1
        if k:  # parallel edges curve apart, alternately left and right, instead of overlapping
            edge["smooth"] = {"enabled": True, "type": "curvedCW" if k % 2 else "curvedCCW",
                              "roundness": round(min(0.6, 0.15 * ((k + 1) // 2)), 2)}
        out_edges.append(edge)

    counts = Counter(node["type"] for node in nodes)
    order = [t for t in COLORS if t in counts] + sorted(set(counts) - set(COLORS))
    return {
        "summary": {"nodes": len(nodes), "edges": len(out_edges), "total_nodes": total, "total_edges": drawn_total,
                    "max_nodes": max_nodes, "truncated": len(nodes) < total, "articles": len(articles)},
        "articles": articles,
        "sources": sorted({a["source"] for a in articles if a["source"]}),
        "statements": statements,
        "nodes": nodes,
        "edges": out_edges,
        "legend": [{"type": t, "color": COLORS.get(t, OTHER_COLOR), "count": counts[t]} for t in order],
        "options": _options(big=len(out_edges) > LABELLED_EDGES),
    }


def _vis_asset(name: str) -> str:
    text = files("pyvis").joinpath(*VIS_DIR, name).read_text(encoding="utf-8")
    # Inlined code must not end its own element early; this build has neither.
    if "</script" in text.lower() or "</style" in text.lower() or "<!--" in text:
        raise ValueError(f"pyvis {name} cannot be inlined safely")
    return text


def html_document(g: Graph | nx.MultiDiGraph, viewer_max_nodes: int = DEFAULT_MAX_NODES) -> str:
    """The viewer page for graph ``g``: same graph, same bytes."""
    if viewer_max_nodes < 1:
        raise ValueError(f"viewer_max_nodes must be at least 1, not {viewer_max_nodes}")
    env = Environment(loader=PackageLoader("exports", "templates"), autoescape=True, keep_trailing_newline=True)
    G = g if isinstance(g, nx.MultiDiGraph) else to_networkx(g)
    data = viewer_data(G, viewer_max_nodes)
    return env.get_template("viewer.html").render(
        data_json=Markup(script_json(data)),
        vis_js=Markup(_vis_asset("vis-network.min.js")),
        vis_css=Markup(_vis_asset("vis-network.css")),
        summary=data["summary"],
    )


def write_html(g: Graph, path: Path, viewer_max_nodes: int = DEFAULT_MAX_NODES) -> None:
    write_text(Path(path), [html_document(g, viewer_max_nodes)])
