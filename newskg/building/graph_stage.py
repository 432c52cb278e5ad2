"""The graph stage on an executor: partitions of the corpus go to tasks,
and this process merges what they return in a fixed order (map-reduce).

1. Map: tasks (:func:`graph_part`, on the local pool or the Dask cluster)
   each decode a run of :data:`GRAPH_CHUNK` articles' encoded rows from the
   records cache and return their mentions grouped by the blocking key of
   resolution (:func:`graph.partition.mention_groups`).
2. Reduce: this process merges the groups in partition order and resolves
   the entities (:func:`graph.resolve.resolve_groups`: the merges across
   groups need them all, and cost a fraction of the stage).
3. Map: tasks make the triples of a run of :data:`ENTITY_CHUNK` entities,
   or of a run of articles (their rows again, with the entity of each of
   their mentions: :func:`graph.partition.refs_for`), as plain codes.
4. Reduce: this process adds the parts to the graph in partition order as
   they come (:func:`~newskg.building.executors.in_order`): entities by key,
   then articles by id, as one process does, so the graph, to the order of
   its triples, and every export are the same bytes whatever the executor
   or the number of workers.

With workers, this process never decodes the records. With one local
worker the tasks run in this process, one after the other, so only one
part's records are decoded at a time, never the corpus's
(:func:`graph.build.build_graph`, which holds them all, gives the same
graph). Each part is decoded twice (for its mentions, then for its
triples): the price of not holding the corpus's records between the two.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .executors import chunks, in_order, run_dask, run_local
from .options import BuildOptions
from .store import RecordStore, decode_row

if TYPE_CHECKING:
    from rdflib import Graph

GRAPH_CHUNK = 64  # articles per task: a few hundred KB of rows and codes
ENTITY_CHUNK = 1024  # entities per task

Job = tuple  # (index, kind, payload...): kind "mentions", "entities" or "articles"


def graph_part(job: Job) -> tuple[int, object]:
    """One task of the graph stage: the index of its partition and what it
    made of it (mention groups, or triples as :data:`graph.partition.TripleCode`)."""
    from graph.partition import article_codes, entity_codes, mention_groups

    index, kind, *args = job
    if kind == "entities":
        return index, entity_codes(args[0])
    db, rows = args[0]
    records = [decode_row(db, i, b) for i, b in rows]
    if kind == "mentions":
        return index, mention_groups(records)
    return index, article_codes(records, args[1])


def build(store: RecordStore, without: Sequence[str], options: BuildOptions) -> Graph:
    """The graph of every cached article but ``without``, built on the
    build's executor."""
    from graph.build import new_graph
    from graph.partition import TermTable, merged_groups, refs_for
    from graph.resolve import resolve_groups

    parts = [(str(store.path), rows) for rows in chunks(store.blobs(without), GRAPH_CHUNK)]
    part_groups = list(_run(options, ((i, "mentions", rows) for i, rows in enumerate(parts))))
    entities, by_mention = resolve_groups(merged_groups(part_groups))

    def jobs() -> Iterator[Job]:
        index = 0
        for run in chunks(entities.values(), ENTITY_CHUNK):
            yield index, "entities", run
            index += 1
        for rows, groups in zip(parts, part_groups):
            yield index, "articles", rows, refs_for(groups, by_mention)
            index += 1

    g, table = new_graph(), TermTable()
    for codes in _run(options, jobs()):
        table.add_to(g, codes)
    return g


def _run(options: BuildOptions, jobs: Iterator[Job]) -> Iterator:
    """The results of ``jobs`` on the build's executor, in job order."""
    results = (run_dask(graph_part, jobs, options.scheduler) if options.executor == "dask"
               else run_local(None, graph_part, jobs, options.workers))
    return in_order(results)
