"""The interactive viewer: one self-contained HTML file, for 10 articles or 5,000 entities.

What it shows is :mod:`exports.viewer_data` (the entity graph, each relation
once with its count and evidence; statements and claims in the details, and
as nodes on request; the timeline; the places for the map); where each node
sits is :mod:`exports.viewer_layout`, computed here at export time so that
the browser draws at once with physics off, and the same graph always looks
the same. The page (``templates/viewer.html`` and its scripts)
draws the labels by degree and zoom, focuses on a node's neighbourhood,
filters and lays out again what remains, and has a timeline, a map on an
offline base map (``assets/world_110m.json``, Natural Earth via npm's
world-atlas) and a PNG export.

Past ``viewer_max_nodes`` nodes (``--viewer-max-nodes``, default
:data:`DEFAULT_MAX_NODES`), the page holds the most connected nodes only,
entities first, and says so. The whole graph stays in the other exports.

pyvis 0.3.2's own page templates load vis-network or Bootstrap from a CDN,
so the page is our own template: pyvis's vis-network build is read from the
installed package and inlined, and pyvis's option model gives the
vis-network options. Nodes and edges are plain dicts, since pyvis's
``add_node``/``add_edge`` scan lists (quadratic at 5,000 nodes).

Article text is untrusted. Every piece of data goes into the page as JSON in
a ``<script type="application/json">`` element (escaped by
:func:`script_json`), and the page puts it into the DOM as text only.

>>> from graph.build import build_graph
>>> page = html_document(build_graph([]))
>>> page.startswith("<!DOCTYPE html>"), "<script src" in page
(True, False)
"""
from __future__ import annotations

import importlib.util
import json
from functools import cache
from importlib.resources import files
from pathlib import Path

import networkx as nx
from jinja2 import Environment, PackageLoader
from markupsafe import Markup
from rdflib import Graph

from core.index_cache import cached, source_key
from graph.view import to_networkx

from . import DEFAULT_VIEWER_MAX_NODES as DEFAULT_MAX_NODES
from .atomic import write_text
from .viewer_data import COLORS, select_nodes, viewer_data  # noqa: F401  (the viewer's data, for callers)
from .viewer_layout import layout  # noqa: F401

#: The vis-network build that pyvis 0.3.2 ships (and its templates use).
VIS_DIR = ("lib", "vis-9.1.2")
BIG = 600  # edges: above this, edges are not drawn while dragging or zooming
EDGE_COLOR = "#9a9a9a"

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


def vis_options(big: bool) -> dict:
    """vis-network's options, from pyvis's option model: physics off, our layout kept."""
    options = json.loads(_pyvis_options())
    options["layout"]["improvedLayout"] = False
    options["interaction"] = {"hover": True, "tooltipDelay": 200, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                              "multiselect": False, "selectConnectedEdges": True}
    # Node labels are drawn by the page itself (by degree, never overlapping); vis draws none.
    options["nodes"] = {"borderWidth": 1, "borderWidthSelected": 3, "font": {"size": 0}}
    options["edges"] = {"smooth": False, "color": {"color": EDGE_COLOR, "highlight": "#222222", "inherit": False,
                                                   "opacity": 0.7},
                        "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}}, "selectionWidth": 2}
    return options


@cache
def _pyvis_dir() -> Path:
    """pyvis's installed folder, found without importing pyvis (see :func:`_pyvis_options`)."""
    return Path(importlib.util.find_spec("pyvis").submodule_search_locations[0])


@cache
def _pyvis_options() -> str:
    """pyvis's options (JSON) for a directed network with physics off and our layout seed.

    Importing pyvis imports IPython (a tenth of the seeds build), so they are
    derived once per pyvis install and kept by :mod:`core.index_cache`, keyed
    by pyvis's option code.
    """
    key = source_key([_pyvis_dir() / name for name in ("network.py", "options.py", "physics.py")])
    return cached("vis-options", key, _derive_pyvis_options)  # type: ignore[return-value]


def _derive_pyvis_options() -> str:
    from pyvis.network import Network
    from pyvis.options import Layout

    net = Network(directed=True)
    net.toggle_physics(False)  # the layout is computed; nothing moves
    net.options.layout = Layout(randomSeed=7)
    net.options.layout.hierarchical.enabled = False
    return net.options.to_json()


def _asset(*parts: str) -> str:
    text = files("exports").joinpath(*parts).read_text(encoding="utf-8")
    _check_inlinable(parts[-1], text)
    return text


def _vis_asset(name: str) -> str:
    text = _pyvis_dir().joinpath(*VIS_DIR, name).read_text(encoding="utf-8")
    _check_inlinable(name, text)
    return text


def _check_inlinable(name: str, text: str) -> None:
    # Inlined code must not end its own element early; these files have neither.
    if "</script" in text.lower() or "</style" in text.lower() or "<!--" in text:
        raise ValueError(f"{name} cannot be inlined safely")


@cache
def basemap_json() -> str:
    """The map view's country outlines (shipped with the package; see assets/WORLD-ATLAS-LICENSE)."""
    data = json.loads(_asset("assets", "world_110m.json"))
    return script_json([path for _, path in data["countries"]])


def html_document(g: Graph | nx.MultiDiGraph, viewer_max_nodes: int = DEFAULT_MAX_NODES) -> str:
    """The viewer page for graph ``g``: same graph, same bytes."""
    if viewer_max_nodes < 1:
        raise ValueError(f"viewer_max_nodes must be at least 1, not {viewer_max_nodes}")
    env = Environment(loader=PackageLoader("exports", "templates"), autoescape=True, keep_trailing_newline=True)
    G = g if isinstance(g, nx.MultiDiGraph) else to_networkx(g)
    data = viewer_data(G, viewer_max_nodes)
    data["options"] = vis_options(big=len(data["edges"]) > BIG)
    return env.get_template("viewer.html").render(
        data_json=Markup(script_json(data)),
        basemap_json=Markup(basemap_json()),
        layouts_js=Markup(_asset("templates", "viewer_layouts.js")),
        viewer_js=Markup(_asset("templates", "viewer.js")),
        canvas_js=Markup(_asset("templates", "viewer_canvas.js")),
        panels_js=Markup(_asset("templates", "viewer_panels.js")),
        search_js=Markup(_asset("templates", "viewer_search.js")),
        vis_js=Markup(_vis_asset("vis-network.min.js")),
        vis_css=Markup(_vis_asset("vis-network.css")),
        summary=data["summary"],
    )


def write_html(g: Graph, path: Path, viewer_max_nodes: int = DEFAULT_MAX_NODES,
               view: nx.MultiDiGraph | None = None) -> None:
    """Write the viewer page of ``g``, drawn from its networkx ``view`` when given."""
    write_text(Path(path), [html_document(g if view is None else view, viewer_max_nodes)])
