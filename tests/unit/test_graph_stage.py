"""The graph stage in partitions (newskg.building.graph_stage, graph.partition):
tasks on a real local pool of two processes make the triples of runs of
entities and of articles, this process merges them in partition order, and
the graph is the one of a single process, to the order of its triples."""
from __future__ import annotations

import random

import pytest
from support.fixture_records import fixture_records, hostile_fixture_records, neo4j_hostile_records
from support.synthetic import synthetic_records

from exports.turtle import turtle_bytes
from graph.build import build_graph
from newskg.building import graph_stage
from newskg.building.executors import in_order
from newskg.building.options import BuildOptions
from newskg.building.store import RecordStore, encode_records

SETS = {
    "fixture": fixture_records,
    "hostile": hostile_fixture_records,
    "neo4j_hostile": neo4j_hostile_records,
    "synthetic": lambda: synthetic_records(60),
}


def _store(tmp_path, records) -> RecordStore:
    store = RecordStore.open(tmp_path)
    store.put([(r.article.id, "h", "fp", encode_records(r)) for r in records])
    return store


@pytest.mark.parametrize("name", SETS)
def test_partitions_on_two_processes_make_the_one_process_graph(tmp_path, monkeypatch, name):
    records = SETS[name]()
    monkeypatch.setattr(graph_stage, "GRAPH_CHUNK", 2)  # many partitions, finishing out of order
    monkeypatch.setattr(graph_stage, "ENTITY_CHUNK", 3)
    with _store(tmp_path, reversed(records)) as store:
        parts = graph_stage.build(store, [], BuildOptions(workers=2))
        one = graph_stage.build(store, [], BuildOptions(workers=1))
    assert list(parts) == list(one) == list(build_graph(records))  # the same triples in the same order
    assert turtle_bytes(parts) == turtle_bytes(one)


def test_removed_articles_leave_the_partitioned_graph_too(tmp_path, monkeypatch):
    records = synthetic_records(12)
    monkeypatch.setattr(graph_stage, "GRAPH_CHUNK", 5)
    gone = [records[0].article.id, records[7].article.id]
    with _store(tmp_path, records) as store:
        parts = graph_stage.build(store, gone, BuildOptions(workers=2))
    kept = [r for r in records if r.article.id not in gone]
    assert list(parts) == list(build_graph(kept))


def test_results_in_any_order_come_out_in_number_order():
    numbered = list(enumerate("abcdefgh"))
    random.Random(3).shuffle(numbered)
    assert "".join(in_order(numbered)) == "abcdefgh"
    with pytest.raises(RuntimeError, match="without result 1"):
        list(in_order([(0, "a"), (2, "c")]))
