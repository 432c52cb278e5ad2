"""The networkx view of the RDF graph: plain nodes and edges with attributes.

Derived from the rdflib graph only, so the two never disagree. Nodes are
keyed by IRI string and have a ``kind`` ("entity", "statement", "claim",
"article"), a ``type`` and a ``label``. Entities also have ``aliases``,
``articles``, ``name_rules`` (each name with the rule that made it the
entity's), and for places ``geonames``, ``lat`` and ``long``; claims have
their ``topic``. Edges have a ``predicate`` and, where they come from a
sentence, the evidence: ``article``, ``sentence``, ``sentence_index``,
``start``, ``end``, ``confidence``, ``extractor``, ``date``.

>>> from graph.build import build_graph
>>> to_networkx(build_graph([])).number_of_nodes()
0
"""
from __future__ import annotations

import networkx as nx
from rdflib import OWL, PROV, RDF, RDFS, SKOS, Graph, URIRef

from .vocab import CLASS_TYPE, GEO, NKG, SCHEMA, merge_rule_by_iri

EVIDENCE_FIELDS = ("article", "sentence", "sentence_index", "start", "end", "confidence", "extractor", "date")


def _py(value) -> object:
    return None if value is None else value.toPython()


def local_name(iri: URIRef | str) -> str:
    s = str(iri)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def evidence(g: Graph, node: URIRef) -> dict:
    """The evidence properties of a fact, statement or claim node."""
    art = g.value(node, PROV.wasDerivedFrom)
    date = g.value(node, NKG.date)
    return {
        "article": str(g.value(art, SCHEMA.identifier)) if art is not None else "",
        "sentence": str(g.value(node, NKG.sentence) or ""),
        "sentence_index": _py(g.value(node, NKG.sentenceIndex)),
        "start": _py(g.value(node, NKG.charStart)),
        "end": _py(g.value(node, NKG.charEnd)),
        "confidence": float(g.value(node, NKG.confidence) or 0),
        "extractor": str(g.value(node, NKG.extractor) or ""),
        "rule": str(g.value(node, NKG.rule) or ""),
        "date": str(date) if date is not None else "",
    }


def _entity_type(g: Graph, node: URIRef) -> str:
    types = sorted(CLASS_TYPE[c] for c in g.objects(node, RDF.type) if c in CLASS_TYPE)
    return types[0] if types else "Entity"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _name_rules(g: Graph, e: URIRef) -> list[str]:
    """Each name of an entity with the rule that made it the entity's: "Zelenskiy (surname, ...)"."""
    rules = merge_rule_by_iri()
    return sorted(f"{g.value(f, NKG.form)} ({rules.get(g.value(f, NKG.mergeRule), ('', '?'))[1]})"
                  for f in g.objects(e, NKG.nameForm))


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    """A MultiDiGraph of entities, statements, claims and articles, made anew
    on each call: a build makes it once and hands it to each exporter that
    uses it (viewer, Neo4j, GraphML)."""
    G = nx.MultiDiGraph()
    article_id = {a: str(g.value(a, SCHEMA.identifier)) for a in g.subjects(RDF.type, SCHEMA.NewsArticle)}

    for a in sorted(article_id):
        pub = g.value(a, SCHEMA.publisher)
        date = g.value(a, SCHEMA.datePublished)
        G.add_node(
            str(a), kind="article", type="Article", label=str(g.value(a, SCHEMA.headline)),
            article_id=article_id[a], date=str(date) if date is not None else "",
            source=str(g.value(pub, RDFS.label)) if pub is not None else "",
            url=str(g.value(a, SCHEMA.url) or ""),
        )
    for e in sorted(g.subjects(RDF.type, NKG.Entity)):
        arts = sorted(article_id[a] for a in g.subjects(SCHEMA.mentions, e))
        same = g.value(e, OWL.sameAs)
        coords = {k: float(v) for k, p in (("lat", GEO.lat), ("long", GEO.long)) if (v := g.value(e, p)) is not None}
        G.add_node(
            str(e), kind="entity", type=_entity_type(g, e), label=str(g.value(e, RDFS.label)),
            aliases=sorted(str(x) for x in g.objects(e, SKOS.altLabel)), articles=arts,
            name_rules=_name_rules(g, e), geonames=str(same) if same is not None else "", **coords,
        )
    for st in sorted(g.subjects(RDF.type, NKG.Statement)):
        ev = evidence(g, st)
        text = str(g.value(st, SCHEMA.text))
        G.add_node(
            str(st), kind="statement", type="Statement", label=_short(text), text=text,
            cue=str(g.value(st, NKG.cue)), mode=str(g.value(st, NKG.mode)),
            speaker_text=str(g.value(st, NKG.speakerText) or ""), **ev,
        )
        if (spk := g.value(st, NKG.speaker)) is not None:
            G.add_edge(str(spk), str(st), key="said", predicate="said", **ev)
        for about in sorted(g.objects(st, SCHEMA.about)):
            G.add_edge(str(st), str(about), key="about", predicate="about", **ev)
    for c in sorted(g.subjects(RDF.type, NKG.NumericClaim)):
        ev = evidence(g, c)
        qual = str(g.value(c, NKG.qualifier) or "")
        value = int(g.value(c, NKG.value).toPython())
        category, counted = str(g.value(c, NKG.category)), str(g.value(c, NKG.counted))
        topic = g.value(c, NKG.topic)
        unit, amount = str(g.value(c, NKG.unit) or ""), str(g.value(c, NKG.amount) or "")
        figure = f"{amount} {unit}" if unit else f"{value:,}"  # "25.7 percent", "1500000000 USD"
        G.add_node(
            str(c), kind="claim", type="Claim",
            topic=str(topic or ""), topic_label=str(g.value(topic, RDFS.label) or "") if topic is not None else "",
            label=" ".join(x for x in (qual, figure, counted, category) if x),
            value=value, qualifier=qual, category=category, counted=counted, unit=unit, amount=amount,
            text=str(g.value(c, SCHEMA.text)), claimant_text=str(g.value(c, NKG.claimantText) or ""), **ev,
        )
        if (who := g.value(c, NKG.claimant)) is not None:
            G.add_edge(str(who), str(c), key="claimed", predicate="claimed", **ev)
        if (place := g.value(c, NKG.place)) is not None:
            G.add_edge(str(c), str(place), key="place", predicate="place", **ev)
    for fact in sorted(g.subjects(RDF.type, NKG.Fact)):
        s, p, o = (g.value(fact, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        G.add_edge(
            str(s), str(o), key=local_name(fact), predicate=local_name(p),
            verb=str(g.value(fact, NKG.verb) or ""), modality=str(g.value(fact, NKG.modality) or ""),
            **evidence(g, fact),
        )
    for a in sorted(article_id):
        for e in sorted(g.objects(a, SCHEMA.mentions)):
            G.add_edge(str(a), str(e), key="mentions", predicate="mentions")
        if (pub := g.value(a, SCHEMA.publisher)) is not None:
            G.add_edge(str(a), str(pub), key="publisher", predicate="publisher")
        for place in sorted(g.objects(a, SCHEMA.locationCreated)):
            G.add_edge(str(a), str(place), key="dateline", predicate="dateline")
        for x in sorted(g.subjects(PROV.wasDerivedFrom, a)):
            if G.nodes.get(str(x), {}).get("kind") in ("statement", "claim"):
                G.add_edge(str(x), str(a), key="source", predicate="source")
    return G
