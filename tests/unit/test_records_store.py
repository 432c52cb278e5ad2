"""The records cache and the build options, without the model: records
round-trip exactly, the cache is locked while a build writes it, options
are checked before any work, Turtle bytes do not depend on how the graph
is stored."""
from __future__ import annotations

import dataclasses

import pytest
from support.fixture_records import fixture_records
from rdflib import Graph
from rdflib.compare import isomorphic

from exports.atomic import write_dir
from exports.turtle import turtle_bytes
from core.records import Article
from graph.build import build_graph
from core.errors import InputError, UnknownChoiceError, UsageError
from newskg.building.executors import check_options
from newskg.building.store import (
    BuildLocked,
    RecordStore,
    content_hash,
    decode_records,
    encode_records,
)


@pytest.mark.parametrize("index", range(len(fixture_records())))
def test_records_round_trip_exactly(index):
    r = fixture_records()[index]
    back = decode_records(encode_records(r))
    assert back == r
    assert isinstance(back.mentions, tuple) and isinstance(back.article.dateline, tuple)


def test_content_hash_sees_every_field_but_the_derived_content():
    a = Article("a1", "Russia attacked Kyiv.", title="T", date="2022-03-01", source="Reuters")
    assert content_hash(a) == content_hash(dataclasses.replace(a))
    for change in ({"text": "Russia attacked Lviv."}, {"title": "U"}, {"date": "2022-03-02"},
                   {"source": "BBC"}, {"id": "a2"}, {"url": "https://example.org"}):
        assert content_hash(dataclasses.replace(a, **change)) != content_hash(a), change
    blanked = Article("a1", "Russia attacked Kyiv.", content="Russia attacked     .")
    assert content_hash(blanked) == content_hash(Article("a1", "Russia attacked Kyiv."))


def test_store_keeps_replaces_and_deletes_records(tmp_path):
    recs = fixture_records()
    with RecordStore.open(tmp_path) as store:
        store.put([(r.article.id, "h", "fp", encode_records(r)) for r in recs])
        store.put([(recs[0].article.id, "h2", "fp", encode_records(recs[0]))])
        assert store.index()[recs[0].article.id] == ("h2", "fp")
        store.delete([recs[1].article.id])
        ids = [r.article.id for r in store.records()]
    assert ids == sorted(r.article.id for r in recs if r is not recs[1])


def test_a_second_writer_is_refused_and_a_reader_is_not(tmp_path):
    with RecordStore.open(tmp_path):
        with pytest.raises(BuildLocked, match="another newskg build is writing"):
            RecordStore.open(tmp_path)
        with RecordStore.open(tmp_path, readonly=True) as reader:
            assert list(reader.records()) == []
    RecordStore.open(tmp_path).close()  # the lock went with the first writer


def test_a_broken_cache_is_a_clear_error(tmp_path):
    (tmp_path / ".newskg").mkdir()
    (tmp_path / ".newskg" / "records.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(InputError, match="records cache cannot be read.*--fresh"):
        RecordStore.open(tmp_path)


@pytest.mark.parametrize("workers, executor, scheduler, error", [
    (0, "local", None, UsageError),
    (1, "spark", None, UnknownChoiceError),
    (1, "dask", None, UsageError),
    (2, "local", "tcp://127.0.0.1:8786", UsageError),
])
def test_bad_build_options_fail_before_any_work(workers, executor, scheduler, error):
    with pytest.raises(error):
        check_options(workers, executor, scheduler)


def test_a_local_pool_leaves_the_collector_as_it_found_it(monkeypatch):
    import gc

    import newskg.building.executors as executors

    monkeypatch.setattr(executors, "pipeline", lambda model: None)  # no model: the pool is what is tested
    gc.unfreeze()
    results = list(executors.run_local("none", dict.fromkeys, iter([["a"], ["b"], ["c"]]), workers=2))
    assert sorted(map(list, results)) == [["a"], ["b"], ["c"]]
    assert gc.get_freeze_count() == 0


def test_write_dir_swaps_a_whole_folder_in(tmp_path):
    write_dir(tmp_path / "neo4j", lambda d: (d / "a.csv").write_text("x"))
    write_dir(tmp_path / "neo4j", lambda d: (d / "b.csv").write_text("y"))
    assert sorted(p.name for p in (tmp_path / "neo4j").iterdir()) == ["b.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["neo4j"]


def test_turtle_bytes_do_not_depend_on_the_store_or_insertion_order():
    g = build_graph(fixture_records())
    other = Graph(store="SimpleMemory")  # another rdflib store: the generic path
    for triple in sorted(g, reverse=True):
        other.add(triple)
    text = turtle_bytes(g)
    assert turtle_bytes(other) == text
    assert isomorphic(Graph().parse(data=text, format="turtle"), g)
