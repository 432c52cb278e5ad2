"""The graph stage on an executor: partitions of the corpus become triples
in tasks, and this process merges them in a fixed order (map-reduce).

1. This process reads the records cache (encoded rows, by article id) and
   resolves the entities over every mention (:func:`graph.resolve.resolve`:
   the cross-group unions need them all, and cost a fraction of the stage).
2. Tasks (:func:`graph_part`), on the local pool or the Dask cluster, make
   the triples of one partition: a run of :data:`ENTITY_CHUNK` entities, or
   of :data:`GRAPH_CHUNK` articles, sent as their encoded rows (decoded in
   the task) with the entity of each of their mentions
   (:func:`graph.partition.refs_for`). They return plain codes, never rdflib
   objects.
3. This process adds the parts to the graph in partition order as they come
   (:func:`~newskg.building.executors.in_order`): entities by their key,
   then articles by id, as one process does, so the graph, to the order of
   its triples, and every export are the same bytes whatever the executor or
   the number of workers.

With one local worker the stage runs as it always has, in this process
(:func:`graph.build.build_graph`): no codes, no tasks.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .executors import chunks, in_order, run_dask, run_local
from .options import BuildOptions
from .store import RecordStore, decode_records

if TYPE_CHECKING:
    from rdflib import Graph

GRAPH_CHUNK = 64  # articles per task: a few hundred KB of rows and codes
ENTITY_CHUNK = 1024  # entities per task

Job = tuple  # (index, "entities", [Entity]) or (index, "articles", [encoded rows], refs)


def graph_part(job: Job) -> tuple[int, list]:
    """One task of the graph stage: the index of its partition and the
    partition's triples as codes (:data:`graph.partition.TripleCode`)."""
    from graph.partition import article_codes, entity_codes

    index, kind, *args = job
    if kind == "entities":
        return index, entity_codes(args[0])
    blobs, refs = args
    return index, article_codes([decode_records(b) for b in blobs], refs)


def distributed(options: BuildOptions) -> bool:
    """Whether the graph stage leaves this process."""
    return options.executor == "dask" or options.workers > 1


def build(store: RecordStore, without: Sequence[str], options: BuildOptions) -> Graph:
    """The graph of every cached article but ``without``, built on the
    build's executor."""
    from graph.build import build_graph

    if not distributed(options):
        return build_graph(store.records(without=without))
    from graph.build import _record_mentions, new_graph
    from graph.partition import TermTable
    from graph.resolve import resolve

    rows = list(store.blobs(without))
    records = [store.decode(i, b) for i, b in rows]
    entities, by_mention = resolve(m for r in records for m in _record_mentions(r))
    jobs = _jobs(list(entities.values()), rows, records, by_mention)
    results = (run_dask(graph_part, jobs, options.scheduler) if options.executor == "dask"
               else run_local(None, graph_part, jobs, options.workers))
    g, table = new_graph(), TermTable()
    for codes in in_order(results):
        table.add_to(g, codes)
    return g


def _jobs(entities: list, rows: list[tuple[str, bytes]], records: list, by_mention: dict) -> Iterator[Job]:
    """The partitions, numbered in the order their triples go into the graph."""
    from graph.partition import refs_for

    index = 0
    for part in chunks(entities, ENTITY_CHUNK):
        yield index, "entities", part
        index += 1
    for start in range(0, len(rows), GRAPH_CHUNK):
        stop = start + GRAPH_CHUNK
        yield index, "articles", [b for _, b in rows[start:stop]], refs_for(records[start:stop], by_mention)
        index += 1
