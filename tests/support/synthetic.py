"""Synthetic, real-shaped records for benchmarks: a graph of any size.

The records have the shape the extractors produce (mentions, triples,
statements, claims, each with provenance into its article's text), and
entity popularity follows a Zipf law, as in news, so a few actors are hubs
and most are mentioned once or twice. Deterministic for a given seed.

>>> recs = synthetic_records(3, seed=1)
>>> len(recs), all(r.triples for r in recs)
(3, True)
"""
from __future__ import annotations

import random

from core.records import Article, ArticleRecords, Claim, Mention, Provenance, Statement, Triple

TYPES = ("Person", "Organization", "Country", "City", "Region", "Place", "Facility", "Group")
TYPE_WEIGHTS = (30, 22, 6, 14, 4, 3, 12, 9)
RELATIONS = ("attacked", "killed", "accused", "fled_to", "arrived_in", "located_in", "affiliated_with",
             "mayor_of", "spokesman_of", "minister_of", "meet", "support", "encircle", "evacuate")
SYLLABLES = ("ma", "ri", "pol", "kiv", "zel", "en", "sky", "bor", "dan", "ov", "ka", "lin", "tro", "vas",
             "ly", "an", "dre", "mir", "os", "ta", "shev", "chen", "ko", "az", "ov", "stal")
CATEGORIES = ("killed", "remaining", "fled", "evacuated", "deported", "rescued", "population")
COUNTED = ("people", "civilians", "soldiers", "children", "residents")
PUBLISHERS = ("Reuters", "BBC", "RFE/RL", "AP", "AFP", "The Guardian", "NYT", "Al Jazeera")


def _name(rng: random.Random, etype: str) -> str:
    word = lambda: "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    if etype == "Person":
        return f"{word()} {word()}"
    if etype == "Facility":
        return f"{rng.choice(('hospital', 'theater', 'school', 'steel plant', 'mall'))} ({word()})"
    if etype == "Group":
        return f"{word()}n forces"
    return word()


def synthetic_records(n_articles: int, seed: int = 7, entities_per_article: float = 2.0) -> list[ArticleRecords]:
    """``n_articles`` articles over a pool of ``entities_per_article * n_articles`` entities."""
    rng = random.Random(seed)
    pool_size = max(8, int(entities_per_article * n_articles))
    pool = []
    for i in range(pool_size):
        etype = rng.choices(TYPES, TYPE_WEIGHTS)[0]
        pool.append((f"{_name(rng, etype)} {i}" if etype != "Facility" else _name(rng, etype).replace(")", f" {i})"),
                     etype))
    weights = [1 / (r + 1) for r in range(pool_size)]  # Zipf: a few hubs, a long tail
    out = []
    for a in range(n_articles):
        picked = list(dict.fromkeys(rng.choices(range(pool_size), weights, k=8)))
        if len(picked) < 2:
            picked.append((picked[0] + 1) % pool_size)
        names = [pool[i] for i in picked]
        sentences = [f"{names[i][0]} and {names[(i + 1) % len(names)][0]} were named in sentence {i}."
                     for i in range(len(names))]
        text = " ".join(sentences)
        art = Article(f"syn-{a:06d}", text, title=f"Report {a}", date=f"2022-{1 + a % 12:02d}-{1 + a % 28:02d}",
                      source=rng.choice(PUBLISHERS), url=f"https://example.org/{a}")
        starts, pos = [], 0
        for s in sentences:
            starts.append(pos)
            pos += len(s) + 1

        def mention(i: int, sent: int, names=names, sentences=sentences, starts=starts, art=art) -> Mention:
            name, etype = names[i]
            off = sentences[sent].index(name)
            p = Provenance(art.id, sent, starts[sent] + off, starts[sent] + off + len(name), sentences[sent])
            return Mention(name, name, etype, p)

        mentions = tuple(mention(i, i) for i in range(len(names)))
        triples = []
        for i in range(min(3, len(names))):
            j = (i + 1) % len(names)
            p = Provenance(art.id, i, starts[i], starts[i] + len(sentences[i]), sentences[i])
            triples.append(Triple(mention(i, i), rng.choice(RELATIONS), mention(j, i), "verb", p,
                                  rng.choice((0.5, 0.7, 0.9)), art.date if rng.random() < 0.4 else "",
                                  rule="verb_between_entities"))
        statements = []
        for i in range(min(2, len(names))):
            p = Provenance(art.id, i, starts[i], starts[i] + len(sentences[i]), sentences[i])
            statements.append(Statement(mention(i, i), names[i][0], "say", sentences[i][:-1], "direct", p,
                                        about=(mention((i + 1) % len(names), i),), confidence=0.9,
                                        rule="speech_verb_governing_quote"))
        p = Provenance(art.id, 0, starts[0], starts[0] + len(sentences[0]), sentences[0])
        claims = (Claim(rng.randint(1, 100) * 100, "at least", rng.choice(COUNTED), rng.choice(CATEGORIES),
                        "n people", p, place=mention(1, 1), claimant=mention(0, 0), confidence=0.8,
                        date=art.date, rule="category_of_the_verb"),)
        out.append(ArticleRecords(
            art, publisher=Mention(art.source, art.source, "Organization", Provenance(art.id, -1, 0, 0, "")),
            mentions=mentions, triples=tuple(triples), statements=tuple(statements), claims=claims))
    return out


def viewer_node_count(records: list[ArticleRecords]) -> int:
    """Entities + statements + claims: the nodes the viewer draws."""
    from graph.build import build_graph
    from graph.view import to_networkx

    G = to_networkx(build_graph(records))
    return sum(1 for _, k in G.nodes(data="kind") if k != "article")
