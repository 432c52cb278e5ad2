"""The graph stage in parts, as map-reduce systems do it: tasks make the
triples of partitions of the corpus, one process merges them in a fixed order.

Tasks first group their articles' mentions by the blocking key of resolution
(type family and name key), cut to what resolution reads
(:func:`mention_groups`); one process merges the groups in partition order and
resolves them (:func:`graph.resolve.resolve_groups`: the merges across groups
need them all). A mention's entity depends on its group and its article alone
(a surname resolves per article), so a task of articles is then given one map
(group, article) -> (entity IRI, label) for its own mentions
(:func:`refs_for`), and a task of entities the entities themselves.

Tasks return their triples as plain codes (:data:`TripleCode`), in the order
the one-process build (:func:`graph.build.build_graph`) makes them, each
first occurrence once. :class:`TermTable` turns codes back into rdflib terms,
each made once, and adds the parts to the graph in partition order: the graph
is then the one of a single process, to the order of its triples, whatever
the partitioning.

>>> from core.records import Article, ArticleRecords
>>> parts = [article_codes([ArticleRecords(Article(a, "Text."))], {}) for a in ("a1", "a2")]
>>> g, table = new_graph(), TermTable()
>>> for codes in parts:
...     table.add_to(g, codes)
>>> len(g) == len(build_graph([ArticleRecords(Article(a, "Text.")) for a in ("a2", "a1")]))
True
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from rdflib import Graph, Literal, URIRef

from core.records import ArticleRecords, Mention, Provenance

from .build import _Builder, _record_mentions, build_graph, entity_ref, new_graph  # noqa: F401 (doctest)
from .resolve import Entity, GroupKey, group_key

#: An IRI, or a literal as (lexical form, datatype IRI or "", language or "").
Code = str | tuple[str, str, str]
TripleCode = tuple[Code, Code, Code]
#: What decides a mention's entity: its group and its article.
RefKey = tuple[GroupKey, str]


def ref_key(m: Mention) -> RefKey:
    return group_key(m), m.provenance.article_id


def mention_groups(records: Iterable[ArticleRecords]) -> dict[GroupKey, list[Mention]]:
    """The mentions of ``records`` by group, in the order of the records,
    cut to what resolution reads (their sentence and span dropped)."""
    groups: dict[GroupKey, list[Mention]] = defaultdict(list)
    for r in records:
        for m in _record_mentions(r):
            p = m.provenance
            groups[group_key(m)].append(replace(m, provenance=Provenance(p.article_id, p.sentence_index, 0, 0, "")))
    return dict(groups)


def merged_groups(parts: Iterable[dict[GroupKey, list[Mention]]]) -> dict[GroupKey, list[Mention]]:
    """Partitions' :func:`mention_groups`, in partition order: the groups of
    the whole corpus, each group's mentions in the order one process sees them."""
    groups: dict[GroupKey, list[Mention]] = defaultdict(list)
    for part in parts:
        for key, ms in part.items():
            groups[key].extend(ms)
    return groups


def refs_for(groups: dict[GroupKey, list[Mention]], by_mention: dict[Mention, Entity]) -> dict[RefKey, tuple[str, str]]:
    """(group, article) -> (entity IRI, label) for every mention of a
    partition's :func:`mention_groups`."""
    out: dict[RefKey, tuple[str, str]] = {}
    for key, ms in groups.items():
        for m in ms:
            ref = (key, m.provenance.article_id)
            if ref not in out:
                iri, label = entity_ref(by_mention[m])
                out[ref] = (str(iri), label)
    return out


def _code(term: URIRef | Literal) -> Code:
    if isinstance(term, Literal):
        return str(term), str(term.datatype or ""), term.language or ""
    return str(term)


class _Codes:
    """A task's triples as codes, each first occurrence once, in order."""

    def __init__(self) -> None:
        self.codes: dict[TripleCode, None] = {}

    def add(self, triple: tuple) -> None:
        s, p, o = triple
        self.codes[(str(s), str(p), _code(o))] = None

    def result(self) -> list[TripleCode]:
        return list(self.codes)


def _no_mentions(m: Mention) -> tuple[URIRef, str]:
    raise AssertionError(f"an entity's triples look up no mention ({m.text!r})")


def entity_codes(entities: Sequence[Entity]) -> list[TripleCode]:
    """The triples of ``entities`` (names, name forms, places)."""
    sink = _Codes()
    b = _Builder(sink.add, _no_mentions)
    for e in entities:
        b.add_entity(e)
    return sink.result()


def article_codes(records: Sequence[ArticleRecords], refs: dict[RefKey, tuple[str, str]]) -> list[TripleCode]:
    """The triples of ``records`` (sorted by article id), their mentions'
    entities found in ``refs`` (:func:`refs_for`)."""
    iris: dict[str, URIRef] = {}

    def ref(m: Mention) -> tuple[URIRef, str]:
        iri, label = refs[ref_key(m)]
        term = iris.get(iri)
        if term is None:
            term = iris[iri] = URIRef(iri)
        return term, label

    sink = _Codes()
    b = _Builder(sink.add, ref)
    for r in records:
        b.add_article_records(r)
    return sink.result()


class TermTable:
    """Codes back into rdflib terms, each term made once and shared by every
    triple that holds it."""

    def __init__(self) -> None:
        self.terms: dict[Code, URIRef | Literal] = {}

    def term(self, code: Code) -> URIRef | Literal:
        term = self.terms.get(code)
        if term is None:
            if isinstance(code, str):
                term = URIRef(code)
            else:
                lexical, datatype, language = code
                term = Literal(lexical, lang=language or None, datatype=URIRef(datatype) if datatype else None)
            self.terms[code] = term
        return term

    def add_to(self, g: Graph, codes: Iterable[TripleCode]) -> None:
        term, add = self.term, g.add
        for s, p, o in codes:
            add((term(s), term(p), term(o)))
