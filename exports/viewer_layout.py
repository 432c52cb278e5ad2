"""Where the viewer draws each node, computed once at export time.

igraph's Fruchterman-Reingold per connected component of the entity graph,
components packed in rows, largest first; statements and claims (drawn only
when the reader asks for them) sit on a small ring around the entity they
belong to. Deterministic: the same nodes and edges give the same integers.
"""
from __future__ import annotations

import math
import random

EDGE_LENGTH = 150  # px between neighbours in the computed layout
NODE_ROOM = 160  # px: each node gets at least a square this wide
SATELLITE_RING = 45  # px from an entity to its statements and claims
ISOLATE_ROOM = 70  # px: entities with no relation sit closer (their labels show as one zooms in)


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
        room = EDGE_LENGTH if len(coords) > 1 else ISOLATE_ROOM
        bounds.append((min(xs), min(ys), max(xs) - min(xs) + room, max(ys) - min(ys) + room))
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


def satellites(owners: dict[str, str], pos: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """Positions for statements and claims: evenly on a ring around their owner (speaker or subject).

    ``owners`` maps each to the node it belongs to; one with no placed owner goes to the origin.

    >>> satellites({"s1": "a", "s2": "a"}, {"a": (100, 0)})
    {'s1': (145, 0), 's2': (55, 0)}
    """
    ring: dict[str, list[str]] = {}
    for item in sorted(owners):
        ring.setdefault(owners[item], []).append(item)
    out = {}
    for owner, items in sorted(ring.items()):
        cx, cy = pos.get(owner, (0, 0))
        radius = SATELLITE_RING + 4 * max(0, len(items) - 6)
        for i, item in enumerate(items):
            angle = 2 * math.pi * i / len(items)
            out[item] = (round(cx + radius * math.cos(angle)), round(cy + radius * math.sin(angle)))
    return out
