"""A synthetic graph view of any size, for the viewer's timings and its large-graph browser tests.

Built straight as the networkx view (graph/view.py's shape: ``kind``, ``type``, ``label``,
``articles`` on nodes; ``predicate`` and the evidence on edges), without the RDF graph, so a
graph of 5,000 entities takes a second instead of minutes. Degrees follow a Zipf law, as in
news (a few hubs, a long tail); a fifth of the entities are places with coordinates; there is
one statement per two entities and one claim per five; a fifth of
the facts repeat a relation already reported. Deterministic for a given seed.

>>> G = viewer_graph(100)
>>> sum(1 for _, k in G.nodes(data="kind") if k == "entity")
100
"""
from __future__ import annotations

import random

import networkx as nx

from support.synthetic import PUBLISHERS, RELATIONS, SYLLABLES, TYPE_WEIGHTS, TYPES

ID = "https://example.org/id/"


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def viewer_graph(n_entities: int, seed: int = 7, edges_per_entity: float = 2.0) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    n_articles = max(3, n_entities // 4)
    for a in range(n_articles):
        G.add_node(f"{ID}article/{a}", kind="article", type="Article", label=f"Report {a}", article_id=f"syn-{a:05d}",
                   date=f"2022-{1 + a % 12:02d}-{1 + a % 28:02d}", source=PUBLISHERS[a % len(PUBLISHERS)], url="")
    entities = []
    for i in range(n_entities):
        etype = rng.choices(TYPES, TYPE_WEIGHTS)[0]
        name = f"{_word(rng)} {_word(rng)}" if etype == "Person" else _word(rng)
        n = f"{ID}{etype.lower()}/{i}"
        arts = sorted({f"syn-{rng.randrange(n_articles):05d}" for _ in range(rng.randint(1, 3))})
        coords = {"lat": round(rng.uniform(35, 60), 3), "long": round(rng.uniform(-10, 45), 3)} \
            if etype in ("Country", "City", "Region", "Place") else {}
        G.add_node(n, kind="entity", type=etype, label=f"{name} {i}", aliases=[], articles=arts, name_rules=[],
                   geonames="", **coords)
        entities.append(n)
    weights = [1 / (r + 1) ** 0.8 for r in range(n_entities)]
    done: list[tuple[str, str, str]] = []
    for k in range(int(edges_per_entity * n_entities)):
        u, v, predicate = rng.choices(entities, weights, k=1)[0], entities[rng.randrange(n_entities)], rng.choice(RELATIONS)
        if done and k % 5 == 0:  # a fifth repeat a relation already reported, as news does
            u, v, predicate = done[rng.randrange(len(done))]
        if u == v:
            continue
        done.append((u, v, predicate))
        art = G.nodes[v]["articles"][0]
        date = f"2022-{1 + k % 12:02d}-{1 + k % 28:02d}"
        G.add_edge(u, v, key=f"fact{k}", predicate=predicate, verb="verb",
                   sentence=f"{G.nodes[u]['label']} and {G.nodes[v]['label']} met in sentence {k}.",
                   article=art, sentence_index=0, start=0, end=1, confidence=0.7, extractor="synthetic", date=date)
    for s in range(n_entities // 2):
        speaker, subject = rng.choices(entities, weights, k=1)[0], entities[rng.randrange(n_entities)]
        st = f"{ID}statement/{s}"
        ev = {"article": G.nodes[speaker]["articles"][0], "sentence": f"Statement {s}.", "confidence": 0.9,
              "date": f"2022-{1 + s % 12:02d}-{1 + s % 28:02d}"}
        G.add_node(st, kind="statement", type="Statement", label=f"Statement {s}", text=f"Statement {s}",
                   cue="say", mode="direct", speaker_text="", **ev)
        G.add_edge(speaker, st, key="said", predicate="said", **ev)
        G.add_edge(st, subject, key="about", predicate="about", **ev)
    for c in range(n_entities // 5):
        who = rng.choices(entities, weights, k=1)[0]
        cl = f"{ID}claim/{c}"
        ev = {"article": G.nodes[who]["articles"][0], "sentence": f"Claim {c}.", "confidence": 0.8, "date": ""}
        G.add_node(cl, kind="claim", type="Claim", label=f"at least {100 * c} people killed", value=100 * c,
                   qualifier="at least", category="killed", counted="people", text="n people", topic="",
                   claimant_text="", **ev)
        G.add_edge(who, cl, key="claimed", predicate="claimed", **ev)
    return G
