"""The Neo4j model of the graph: the nodes and relationships both Neo4j
exports render (CSV in :mod:`exports.neo4j`, Cypher through
:mod:`exports.cypher`), so they load the same graph.

It is built from the networkx view (:func:`graph.view.to_networkx`): the
same nodes (one ID space ``Node``, every node labelled ``Node`` plus its
kind, entities also their type) with the same properties; coordinates
become one ``location`` point (WGS-84).

Relationships are what a Neo4j user expects: one per (start, type, end),
however many sentences state it, with a ``count`` and the evidence as
lists (``articles``, ``sentences``, ``evidence``, ``rules``, ``verbs``, ...). Facts
between entities take their type from the relation vocabulary
(graph/ontology.ttl, :func:`graph.vocab.relations`: ``ATTACKED``,
``FLED_TO``, ...); any other relation is a verb lemma and becomes
``RELATED_TO`` with the lemma as its ``verb`` (one relationship per
start, verb and end). A fact that is not asserted (``modality`` in the
view: "pledged to leave", "did not attack") is never merged into the
asserted relationship: its type is its modality (``INTENDED``,
``NEGATED``, ``POSSIBLE``, ... one per core.records.MODALITIES), with the
fact's relation as ``relation`` (its MERGE key) and ``modality``, so
``MATCH (a)-[:ATTACKED]->(b)`` finds only attacks stated as such. So the
types are the vocabulary's, the modalities and the structural ones
(``SAID``, ``ABOUT``, ``MENTIONS``, ...), whatever the corpus.

Values that are missing or empty are left out (an empty CSV field, no key
in the Cypher map), never written as "None"; empty lists too, since
``neo4j-admin`` does not import empty arrays. Dates that are not ISO
``YYYY-MM-DD`` are left out rather than failing the import.

String arrays (entity aliases, the evidence sentences of relationships)
need an array delimiter that no element contains, and they come from
article text, so :func:`array_delimiter` picks the first of ``; | ^ ~ ¦``
(then private-use characters) that no element contains; the README
written with the files gives the matching ``--array-delimiter``.

>>> from graph.build import build_graph
>>> model = as_model(build_graph([]))
>>> len(model.nodes), len(model.rels), array_delimiter(model)
(0, 0, ';')
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from graph.vocab import relations

from .cypher import label_name, map_key, relationship_type

ID_SPACE = "Node"  # the ID space in the CSV headers and the label every node has

_EVIDENCE = (("article", "string"), ("sentence", "string"), ("sentence_index", "int"),
             ("start", "int"), ("end", "int"), ("confidence", "float"), ("date", "date"))
#: A relationship's properties, aggregated over the sentences that state it (see :func:`_aggregate`).
_REL_EVIDENCE = (("count", "long"), ("articles", "string[]"), ("sentences", "string[]"),
                 ("evidence", "string[]"), ("confidence", "float"), ("first_date", "date"),
                 ("last_date", "date"), ("extractors", "string[]"), ("rules", "string[]"))
GENERIC_TYPE = "RELATED_TO"  # the type of a fact whose relation is a verb lemma, not in the vocabulary
POINT_TYPE = "point{crs:WGS-84}"

#: Node files: file name -> (node kind, property columns as (name, type)).
NODE_FILES: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "nodes_articles.csv": ("article", (("article_id", "string"), ("name", "string"), ("date", "date"),
                                       ("source", "string"), ("url", "string"))),
    "nodes_entities.csv": ("entity", (("name", "string"), ("type", "string"), ("aliases", "string[]"),
                                      ("geonames", "string"), ("location", POINT_TYPE))),
    "nodes_statements.csv": ("statement", (("name", "string"), ("text", "string"), ("cue", "string"),
                                           ("mode", "string"), ("speaker_text", "string"), *_EVIDENCE)),
    "nodes_claims.csv": ("claim", (("name", "string"), ("value", "long"), ("qualifier", "string"),
                                   ("category", "string"), ("counted", "string"), ("unit", "string"),
                                   ("amount", "string"), ("text", "string"), ("claimant_text", "string"),
                                   *_EVIDENCE)),
}
#: Relationship files: file name -> property columns. Which file an edge
#: goes to depends on the kinds of its ends (see :func:`_rel_file`).
REL_FILES: dict[str, tuple[tuple[str, str], ...]] = {
    "relationships_facts.csv": (("verb", "string"), ("verbs", "string[]"), ("relation", "string"),
                                ("modality", "string"), *_REL_EVIDENCE),
    "relationships_statements_claims.csv": _REL_EVIDENCE,
    "relationships_articles.csv": _REL_EVIDENCE,  # most have only a count; any evidence is kept
}
KIND_LABEL = {"article": "Article", "entity": "Entity", "statement": "Statement", "claim": "Claim"}
KIND_LABEL_INV = {label: kind for kind, label in KIND_LABEL.items()}
_FILE_OF_KIND = {kind: name for name, (kind, _) in NODE_FILES.items()}
_DELIMITER_CANDIDATES = ";|^~\u00a6"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


@dataclass(frozen=True)
class Point:
    """A WGS-84 point: ``point({latitude, longitude})`` in Cypher."""

    latitude: float
    longitude: float


@dataclass(frozen=True)
class Node:
    id: str
    labels: tuple[str, ...]
    props: dict  # column name -> value (str, int, float, datetime.date, list of str)
    file: str


@dataclass(frozen=True)
class Rel:
    start: str
    end: str
    type: str
    verb: str  # the MERGE key of a RELATED_TO relationship (its verb lemma) or a modal fact's (its relation); ""
    props: dict  # count, evidence lists, ... (a RELATED_TO's also holds its verb)
    file: str
    key: str = "verb"  # the property the MERGE key is: "verb", or "relation" for a fact that is not asserted


@dataclass(frozen=True)
class Neo4jModel:
    nodes: tuple[Node, ...]  # sorted by file, then id
    rels: tuple[Rel, ...]  # sorted by file, type, start, end, key
    #: Property columns per file. Node files: the known ones, then any other attribute
    #: the graph view has (typed from its values), so added properties flow through;
    #: relationship files: the aggregated evidence (REL_FILES).
    columns: dict[str, tuple[tuple[str, str], ...]]


def _typed(value: object, typ: str) -> object | None:
    """``value`` converted for a column of type ``typ``; None if missing."""
    if isinstance(value, bool) and typ == "boolean":
        return value
    if value is None or isinstance(value, bool):
        return None
    if typ == "string":
        return str(value) or None
    if typ in ("int", "long"):
        n = int(value)
        if typ == "int" and not -(2**31) <= n < 2**31:
            raise ValueError(f"{n} does not fit a Neo4j int")
        return n
    if typ == "float":
        f = float(value)
        return f if math.isfinite(f) else None
    if typ == "date":
        text = str(value)
        try:
            return dt.date.fromisoformat(text) if _ISO_DATE.match(text) else None
        except ValueError:
            return None
    if typ == "string[]":
        items = [str(v) for v in ([value] if isinstance(value, str) else value) if str(v)]
        return items or None
    if typ == POINT_TYPE:
        return value if isinstance(value, Point) else None
    if typ == "boolean":
        return None  # booleans are caught above; no column of ours has them yet
    raise ValueError(f"unknown column type {typ!r}")


def _props(data: dict, columns: Iterable[tuple[str, str]], rename: dict[str, str]) -> dict:
    out = {}
    for name, typ in columns:
        value = _typed(data.get(rename.get(name, name)), typ)
        if value is not None:
            out[name] = value
    return out


#: Attributes of the graph view that are not extra columns: kind and type
#: are labels (an entity's type is also its ``type`` column), label is
#: ``name``, a relationship's predicate is its type (a fact's is also its
#: ``predicate`` column), and an entity's ``articles`` are its MENTIONS.
_NOT_COLUMNS = {"kind", "type", "label", "predicate", "articles", "lat", "long"}


def _column_type(values: list) -> str:
    """The CSV type for an attribute the exporter does not know, from its values."""
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "long"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "float"
    if all(isinstance(v, (list, tuple)) for v in values):
        return "string[]"
    return "string"


def _columns(known: tuple[tuple[str, str], ...], rename: dict[str, str], items: list[dict]) -> tuple:
    """``known`` columns, then every other attribute of ``items``, by name."""
    taken = {rename.get(n, n) for n, _ in known} | set(rename) | _NOT_COLUMNS
    extra = defaultdict(list)
    for d in items:
        for k, v in d.items():
            if k not in taken and v is not None and v != "" and v != [] and map_key(k) == k:
                extra[k].append(v)
    return (*known, *((k, _column_type(extra[k])) for k in sorted(extra)))


def _kind(data: dict) -> str:
    return data.get("kind") if data.get("kind") in _FILE_OF_KIND else "entity"


def _node(node_id: str, data: dict, columns: tuple) -> Node:
    kind = _kind(data)
    file = _FILE_OF_KIND[kind]
    labels = [ID_SPACE, KIND_LABEL[kind]]
    etype = str(data.get("type") or "Entity") if kind == "entity" else ""
    if etype and label_name(etype) not in labels:
        labels.append(label_name(etype))
    if "lat" in data and "long" in data:
        data = {**data, "location": Point(float(data["lat"]), float(data["long"]))}
    props = _props(data, columns, {"name": "label"})
    if kind == "entity":
        props["type"] = etype
    return Node(node_id, tuple(labels), props, file)


def _rel_file(kinds: tuple[str, str]) -> str:
    if "article" in kinds:
        return "relationships_articles.csv"
    if kinds == ("entity", "entity"):
        return "relationships_facts.csv"
    return "relationships_statements_claims.csv"


def _rel_type(kinds: tuple[str, str], data: dict, key: str, vocabulary) -> tuple[str, str]:
    """(relationship type, verb key): a fact's relation from the vocabulary, else RELATED_TO and its
    lemma; a fact that is not asserted: its modality, and its relation."""
    predicate = str(data.get("predicate") or key)
    if kinds == ("entity", "entity") and data.get("modality"):
        return relationship_type(str(data["modality"])), predicate
    if kinds == ("entity", "entity") and predicate not in vocabulary:
        return GENERIC_TYPE, predicate
    return relationship_type(predicate), ""


def _evidence_item(d: dict) -> str:
    """Where one sentence states it: ``article#sentence_index@start-end`` (a missing part is empty)."""
    article, index, start, end = ("" if d.get(k) is None else d[k]
                                  for k in ("article", "sentence_index", "start", "end"))
    return f"{article}#{index}@{start}-{end}"


def _aggregate(edges: list[dict]) -> dict:
    """The properties of one relationship from the edges (sentences) behind it."""
    stated = sorted((e for e in edges if e.get("sentence")),
                    key=lambda e: (str(e.get("article", "")), e.get("sentence_index") or 0, e.get("start") or 0))
    dates = sorted(str(e["date"]) for e in stated if _typed(e.get("date"), "date") is not None)
    out: dict = {"count": len(edges)}
    if stated:
        out.update(
            articles=sorted({str(e["article"]) for e in stated if e.get("article")}),
            sentences=[str(e["sentence"]) for e in stated],
            evidence=[_evidence_item(e) for e in stated],
            confidence=max(float(e.get("confidence") or 0) for e in stated),
            first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
            extractors=sorted({str(e["extractor"]) for e in stated if e.get("extractor")}),
            rules=sorted({str(e["rule"]) for e in stated if e.get("rule")}),  # the extraction rules that made it
            verbs=sorted({str(e["verb"]) for e in stated if e.get("verb")}),
        )
    return out


def neo4j_model(G: nx.MultiDiGraph) -> Neo4jModel:
    """The nodes and relationships to export, from the networkx view."""
    by_file = defaultdict(list)
    for _, d in G.nodes(data=True):
        by_file[_FILE_OF_KIND[_kind(d)]].append(d)
    columns = {file: _columns(cols, {"name": "label"}, by_file[file]) for file, (_, cols) in NODE_FILES.items()}
    nodes = {n: _node(str(n), d, columns[_FILE_OF_KIND[_kind(d)]]) for n, d in G.nodes(data=True)}
    kind = {n: KIND_LABEL_INV[node.labels[1]] for n, node in nodes.items()}
    vocabulary = relations()
    grouped: dict[tuple[str, str, str, str, str], list[dict]] = defaultdict(list)
    for u, v, key, d in G.edges(keys=True, data=True):
        rtype, verb = _rel_type((kind[u], kind[v]), d, str(key), vocabulary)
        grouped[(_rel_file((kind[u], kind[v])), str(u), str(v), rtype, verb)].append(d)
    columns.update(REL_FILES)
    rels = []
    for (file, u, v, rtype, verb), edges in grouped.items():
        props = _aggregate(edges)
        modality = str(edges[0].get("modality") or "") if file == "relationships_facts.csv" else ""
        if modality:  # a fact not asserted: its relation is its MERGE key
            props.update(relation=verb, modality=modality)
        elif verb:  # a RELATED_TO: one verb, its MERGE key
            props["verb"] = verb
            props.pop("verbs", None)
        rels.append(Rel(u, v, rtype, verb, _props(props, columns[file], {}), file, "relation" if modality else "verb"))
    order = {name: i for i, name in enumerate([*NODE_FILES, *REL_FILES])}
    return Neo4jModel(
        tuple(sorted(nodes.values(), key=lambda n: (order[n.file], n.id))),
        tuple(sorted(rels, key=lambda r: (order[r.file], r.type, r.start, r.end, r.verb))),
        columns,
    )


def as_model(g) -> Neo4jModel:
    """The model of ``g``: an rdflib graph, its networkx view, or a model already made."""
    if isinstance(g, Neo4jModel):
        return g
    if not isinstance(g, nx.Graph):
        from graph.view import to_networkx

        g = to_networkx(g)
    return neo4j_model(g)


def array_delimiter(g) -> str:
    """The first candidate delimiter that no array element contains."""
    used = set()
    model = as_model(g)
    for item in (*model.nodes, *model.rels):
        for value in item.props.values():
            if isinstance(value, list):
                used.update(*map(set, value))
    for ch in _DELIMITER_CANDIDATES:
        if ch not in used:
            return ch
    return next(chr(c) for c in range(0xE000, 0xF900) if chr(c) not in used)


__all__ = ["ID_SPACE", "NODE_FILES", "REL_FILES", "KIND_LABEL", "GENERIC_TYPE", "POINT_TYPE", "Point", "Node", "Rel",
           "Neo4jModel", "neo4j_model", "as_model", "array_delimiter"]
