"""What the viewer shows, as plain JSON-able data: the page reads it, the golden file holds it.

The graph drawn by default is the entity graph: people, organisations,
groups, places and facilities, with one edge per (subject, relation,
object) carrying its count and its evidence (sentence, article, date,
confidence, verb, and the extraction rule that found it); a fact that is not
asserted is an edge of its own, named with its modality ("leave (intended)"),
with ``modality`` and drawn dashed. Statements and
claims are listed in the details of their speaker (or claimant) and of
what they are about (or where they were counted); they are nodes too,
with their ``said``/``about``/``claimed``/``place`` edges, drawn only when
the reader ticks "Statements and claims as nodes".
The timeline lists every dated fact, statement and claim; places with
coordinates carry them for the map.

>>> from graph.build import build_graph
>>> from graph.view import to_networkx
>>> sorted(viewer_data(to_networkx(build_graph([]))))
['articles', 'edges', 'legend', 'nodes', 'sources', 'statements', 'summary', 'timeline']
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict

import networkx as nx

from core.records import ENTITY_TYPES

from . import DEFAULT_VIEWER_MAX_NODES as DEFAULT_MAX_NODES
from .viewer_layout import layout, satellites

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
SIZES = {"entity": 10, "statement": 7, "claim": 8}

#: Node attributes shown in this order; any other attribute the graph view
#: adds is shown after them, by name.
NODE_FIELDS = ("text", "aliases", "speaker_text", "claimant_text", "cue", "value", "qualifier", "counted",
               "category", "topic", "geonames", "lat", "long", "name_rules", "sentence", "confidence", "date")
_NOT_SHOWN = {"kind", "label", "type", "mode", "articles", "article", "article_id", "start", "end",
              "sentence_index", "extractor"}


# --- which nodes -----------------------------------------------------------

def select_nodes(G: nx.MultiDiGraph, max_nodes: int = DEFAULT_MAX_NODES) -> tuple[list[str], int]:
    """The nodes to put in the page (sorted) and how many there are in all.

    Articles are not drawn (each node lists its articles). Past
    ``max_nodes``, entities come first (the graph drawn by default), then
    statements and claims; each by degree (distinct neighbours), then by
    label, those with no neighbour last.
    """
    drawable = [n for n, kind in G.nodes(data="kind") if kind in SHAPES]
    if len(drawable) <= max_nodes:
        return sorted(drawable), len(drawable)
    keep = set(drawable)
    degree = {n: len((set(G.predecessors(n)) | set(G.successors(n))) & keep) for n in drawable}
    ranked = sorted(drawable, key=lambda n: (G.nodes[n]["kind"] != "entity", degree[n] == 0, -degree[n],
                                             G.nodes[n]["label"], n))
    return sorted(ranked[:max_nodes]), len(drawable)


# --- pieces of text -----------------------------------------------------------

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


def _evidence(d: dict, art_index: dict[str, int], articles: list[dict]) -> list:
    """One piece of evidence: [sentence, article index (-1: none), date, confidence, verb, rule]."""
    article = art_index.get(d.get("article", ""), -1)
    date = d.get("date") or (articles[article]["date"] if article >= 0 else "")
    return [d.get("sentence", ""), article, date, round(float(d.get("confidence", 0.0)), 3), d.get("verb", ""),
            d.get("rule", "")]


def _evidence_order(ev: list) -> tuple:
    return ev[2], ev[1], ev[0], ev[3], ev[4], ev[5]


# --- the data -----------------------------------------------------------------

def viewer_data(G: nx.MultiDiGraph, max_nodes: int = DEFAULT_MAX_NODES) -> dict:
    """Everything the page shows."""
    articles, art_index = _articles(G)
    shown, total = select_nodes(G, max_nodes)
    keep = set(shown)
    kind = {n: G.nodes[n]["kind"] for n in shown}
    entities = [n for n in shown if kind[n] == "entity"]

    # One edge per (subject, relation, object) and modality, with every piece of evidence.
    grouped: dict[tuple[str, str, str], list[list]] = defaultdict(list)
    modality_of: dict[str, str] = {}
    for u, v, d in G.edges(data=True):
        if u in keep and v in keep:
            p = f"{d['predicate']} ({d['modality']})" if d.get("modality") else d["predicate"]
            modality_of[p] = d.get("modality", "")
            grouped[(u, v, p)].append(_evidence(d, art_index, articles))
    facts = sorted(key for key in grouped if kind[key[0]] == kind[key[1]] == "entity")
    speech = sorted(set(grouped) - set(facts))  # every edge of a statement or claim

    pos = layout(entities, [(u, v) for u, v, _ in facts])
    owners = {}
    for u, v, p in speech:  # a statement sits by its speaker, else by what it is about
        item, owner = (v, u) if p in ("said", "claimed") else (u, v)
        if kind.get(owner) == "entity" and (p in ("said", "claimed") or item not in owners):
            owners[item] = owner
    pos.update(satellites(owners, pos))
    bottom = max((y for _, y in pos.values()), default=0) + 200
    for i, n in enumerate(n for n in shown if n not in pos):  # statements tied to no drawn entity
        pos[n] = (60 * (i % 40), bottom + 60 * (i // 40))
    neighbours: dict[str, set[str]] = defaultdict(set)
    for u, v, _ in facts:
        neighbours[u].add(v)
        neighbours[v].add(u)

    statements, said, about, timeline = [], defaultdict(list), defaultdict(list), []
    for st in sorted(n for n in shown if kind[n] != "entity"):
        d = G.nodes[st]
        by = [u for u, _, k in G.in_edges(st, keys=True) if k in ("said", "claimed") and u in keep]
        on = [v for _, v, k in G.out_edges(st, keys=True) if k in ("about", "place") and v in keep]
        who = G.nodes[by[0]]["label"] if by else d.get("speaker_text") or d.get("claimant_text", "")
        ev = _evidence(d, art_index, articles)
        item = {"kind": kind[st], "node": st, "speaker": who, "mode": d.get("mode", ""), "article": ev[1],
                "date": ev[2], "text": d.get("text", "") if kind[st] == "statement" else d["label"]}
        if kind[st] == "claim":
            item["sentence"] = d.get("sentence", "")
        statements.append(item)
        for u in by:
            said[u].append(len(statements) - 1)
        for v in on:
            about[v].append(len(statements) - 1)
        if ev[2]:
            timeline.append({"date": ev[2], "statement": len(statements) - 1})

    nodes = []
    for n in shown:
        d = G.nodes[n]
        degree = len(neighbours[n])
        node = {"id": n, "label": d["label"], "x": pos[n][0], "y": pos[n][1], "shape": SHAPES[kind[n]],
                "size": round(SIZES[kind[n]] + (3 * math.log2(1 + degree) if kind[n] == "entity" else 0), 1),
                "color": COLORS.get(d["type"], OTHER_COLOR), "type": d["type"], "kind": kind[n], "degree": degree,
                "details": _node_details(d), "articles": _node_articles(G, n, art_index)}
        if said.get(n):
            node["said"] = said[n]
        if about.get(n):
            node["about"] = about[n]
        if "lat" in d and "long" in d:
            node["geo"] = [round(d["lat"], 4), round(d["long"], 4)]
        nodes.append(node)

    # Edges name their ends by index in ``nodes`` (IRIs are long; a page has 10,000s of edges).
    edges, pairs, at = [], Counter(), {n: i for i, n in enumerate(shown)}
    for u, v, p in facts + speech:
        evidence = sorted(grouped[(u, v, p)], key=_evidence_order)
        edge = {"from": at[u], "to": at[v], "predicate": p.replace("_", " "), "count": len(evidence),
                "kind": "fact" if kind[u] == kind[v] == "entity" else "speech",
                "evidence": evidence, "width": round(1 + math.log2(len(evidence)), 2)}
        if modality_of.get(p):  # not asserted: said so, and drawn dashed
            edge.update(modality=modality_of[p], dashes=True)
        k = pairs[(min(u, v), max(u, v))]
        pairs[(min(u, v), max(u, v))] += 1
        if k:  # relations between one pair curve apart, alternately left and right, instead of overlapping
            edge["smooth"] = {"enabled": True, "type": "curvedCW" if k % 2 else "curvedCCW",
                              "roundness": round(min(0.6, 0.15 * ((k + 1) // 2)), 2)}
        edges.append(edge)
        if edge["kind"] == "fact":
            timeline.extend({"date": ev[2], "edge": len(edges) - 1, "evidence": j}
                            for j, ev in enumerate(evidence) if ev[2])
    timeline.sort(key=lambda t: (t["date"], t.get("edge", -1), t.get("evidence", -1), t.get("statement", -1)))

    counts = Counter(node["type"] for node in nodes)
    order = [t for t in COLORS if t in counts] + sorted(set(counts) - set(COLORS))
    fact_edges = sum(1 for e in edges if e["kind"] == "fact")
    return {
        "summary": {"nodes": len(entities), "edges": fact_edges, "statements": len(statements), "shown": len(shown),
                    "total_nodes": total, "max_nodes": max_nodes, "truncated": len(shown) < total,
                    "articles": len(articles), "places": sum(1 for n in nodes if "geo" in n)},
        "articles": articles,
        "sources": sorted({a["source"] for a in articles if a["source"]}),
        "statements": statements,
        "nodes": nodes,
        "edges": edges,
        "timeline": timeline,
        "legend": [{"type": t, "color": COLORS.get(t, OTHER_COLOR), "count": counts[t],
                    "kind": "entity" if t not in ("Statement", "Claim") else t.lower()} for t in order],
    }
