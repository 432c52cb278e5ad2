"""Statistics of a graph: counts by type, top actors, connected components.

Computed on the networkx view (:mod:`graph.view`). The *actor graph* has
every entity as a node and an edge for each relation fact (subject to
object) and for each statement (speaker to each entity it is about),
weighted by how many there are; degree, PageRank and components are
computed on it.

>>> from graph.build import build_graph
>>> graph_stats(build_graph([]))["components"]["count"]
0
"""
from __future__ import annotations

import json
from collections import Counter

import networkx as nx
from rdflib import RDF, Graph

from .view import to_networkx
from .vocab import NKG

STATS_FORMATS = ("table", "json")


def actor_graph(view: nx.MultiDiGraph) -> nx.DiGraph:
    """Entities, linked by relation facts and by statements (speaker -> about), weighted."""
    A = nx.DiGraph()
    A.add_nodes_from((n, {"label": d["label"], "type": d["type"]})
                     for n, d in view.nodes(data=True) if d["kind"] == "entity")

    def link(u: str, v: str) -> None:
        if u != v:
            w = A.edges[u, v]["weight"] + 1 if A.has_edge(u, v) else 1
            A.add_edge(u, v, weight=w)

    for u, v, d in view.edges(data=True):
        if u in A and v in A:
            link(u, v)
        elif d["predicate"] == "said":
            for _, about, d2 in view.out_edges(v, data=True):
                if d2["predicate"] == "about" and about in A:
                    link(u, about)
    return A


def _ranked(A: nx.DiGraph, by: dict[str, float], pagerank: dict[str, float], top: int) -> list[dict]:
    order = sorted(by, key=lambda n: (-by[n], A.nodes[n]["label"], n))[:top]
    return [{"entity": A.nodes[n]["label"], "type": A.nodes[n]["type"], "iri": n,
             "degree": int(A.degree(n, weight="weight")), "pagerank": round(pagerank.get(n, 0.0), 4)}
            for n in order]


def graph_stats(g: Graph, top: int = 10) -> dict:
    """Counts by type, top ``top`` actors by degree and by PageRank, and components."""
    view = to_networkx(g)
    kinds = Counter(d["kind"] for _, d in view.nodes(data=True))
    types = Counter(d["type"] for _, d in view.nodes(data=True) if d["kind"] == "entity")
    counts = {
        "entities": kinds["entity"],
        "entities by type": dict(sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))),
        "relation facts": sum(1 for _ in g.subjects(RDF.type, NKG.Fact)),
        "statements": kinds["statement"],
        "claims": kinds["claim"],
        "claim topics": sum(1 for _ in g.subjects(RDF.type, NKG.ClaimTopic)),
        "articles": kinds["article"],
    }
    A = actor_graph(view)
    degree = {n: float(d) for n, d in A.degree(weight="weight")}
    pagerank = nx.pagerank(A, weight="weight") if A.number_of_edges() else {n: 0.0 for n in A}
    components = sorted((sorted(c) for c in nx.weakly_connected_components(A)),
                        key=lambda c: (-len(c), A.nodes[c[0]]["label"]))
    largest = [{"size": len(c), "members": sorted(A.nodes[n]["label"] for n in c)[:8]}
               for c in components if len(c) > 1][:5]
    return {
        "counts": counts,
        "top_by_degree": _ranked(A, degree, pagerank, top),
        "top_by_pagerank": _ranked(A, pagerank, pagerank, top),
        "components": {
            "count": len(components),
            "isolated": sum(1 for c in components if len(c) == 1),
            "largest": largest,
        },
    }


def _table(headers: list[str], rows: list[list[object]]) -> list[str]:
    cells = [[str(v) for v in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(vals: list[str]) -> str:
        return "  ".join(v.rjust(w) if v.replace(".", "").isdigit() else v.ljust(w)
                         for v, w in zip(vals, widths)).rstrip()

    return [line(headers), line(["-" * w for w in widths])] + [line(r) for r in cells]


def format_stats(stats: dict, fmt: str = "table") -> str:
    """The statistics as plain-text tables, or as JSON."""
    if fmt == "json":
        return json.dumps(stats, ensure_ascii=False, indent=2) + "\n"
    c = stats["counts"]
    out = ["counts"]
    out += _table(["what", "count"],
                  [[f"  {t}", n] for t, n in c["entities by type"].items()]
                  + [[k, c[k]] for k in ("entities", "relation facts", "statements", "claims", "claim topics",
                                         "articles")])
    for key, title in (("top_by_degree", "top actors by degree"), ("top_by_pagerank", "top actors by PageRank")):
        out += ["", title]
        out += _table(["#", "entity", "type", "degree", "pagerank"],
                      [[i, r["entity"], r["type"], r["degree"], f"{r['pagerank']:.4f}"]
                       for i, r in enumerate(stats[key], start=1)])
    comp = stats["components"]
    out += ["", f"connected components: {comp['count']} ({comp['isolated']} isolated entities)"]
    out += _table(["size", "members (first 8)"],
                  [[x["size"], ", ".join(x["members"])] for x in comp["largest"]])
    return "\n".join(out) + "\n"
