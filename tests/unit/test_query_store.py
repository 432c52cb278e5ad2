"""`newskg query` on a build's output folder: the store is built once into OUT/.newskg/sparql/,
reused while graph.ttl is the same, rebuilt when it changes, and never needed."""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import time

from newskg.service.stores import READER_LOCK, STALE_STORE_S
from support.sparql_server import FIXTURE, run_cli

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def out_folder(tmp_path):
    out = tmp_path / "out"
    (out / ".newskg").mkdir(parents=True)
    shutil.copy(FIXTURE, out / "graph.ttl")
    return out


def triples(target) -> int:
    proc = run_cli("query", str(target), COUNT, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)[0]["n"]


def test_store_is_built_once_and_reused(tmp_path):
    out = out_folder(tmp_path)
    n = triples(out)
    [store] = list((out / ".newskg" / "sparql").iterdir())
    stamp = store.stat().st_mtime_ns
    assert triples(out / "graph.ttl") == n  # the file itself, in its folder: the same store
    assert [p.name for p in (out / ".newskg" / "sparql").iterdir()] == [store.name]
    assert store.stat().st_mtime_ns == stamp


def stores(out) -> set[str]:
    return {p.name for p in (out / ".newskg" / "sparql").iterdir()}


def change(out) -> None:
    with open(out / "graph.ttl", "a", encoding="utf-8") as f:
        f.write(f"\n<urn:x:a> <urn:x:b> <urn:x:c{len(stores(out))}> .\n")


def last_used_long_ago(out, name: str) -> None:
    then = time.time() - STALE_STORE_S - 5
    os.utime(out / ".newskg" / "sparql" / name / READER_LOCK, (then, then))


def test_a_changed_graph_gets_a_new_store_and_the_old_one_goes_once_unused(tmp_path):
    """A concurrent `newskg query` may still read the older store: it stays while locked or
    recently opened (was removed at once), and goes when neither."""
    out = out_folder(tmp_path)
    n = triples(out)
    [old] = stores(out)
    change(out)
    assert triples(out) == n + 1
    [new] = stores(out) - {old}
    assert stores(out) == {old, new}  # opened a moment ago
    last_used_long_ago(out, old)
    with open(out / ".newskg" / "sparql" / old / READER_LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_SH)  # a query that runs on it still
        change(out)
        assert triples(out) == n + 2
        assert old in stores(out) and len(stores(out)) == 3
    last_used_long_ago(out, old)
    last_used_long_ago(out, new)
    change(out)
    assert triples(out) == n + 3
    assert old not in stores(out) and new not in stores(out) and len(stores(out)) == 2  # the two recent ones


def test_a_file_outside_an_output_folder_is_queried_in_memory(tmp_path):
    plain = tmp_path / "graph.ttl"
    shutil.copy(FIXTURE, plain)
    assert triples(plain) > 100
    assert list(tmp_path.iterdir()) == [plain]


def test_a_broken_graph_is_one_line_and_leaves_no_store(tmp_path):
    out = out_folder(tmp_path)
    (out / "graph.ttl").write_text("this is not turtle", encoding="utf-8")
    proc = run_cli("query", str(out), COUNT)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "not valid Turtle" in proc.stderr
    assert list((out / ".newskg" / "sparql").iterdir()) == []


def test_serve_on_an_output_folder_reads_the_cached_store(tmp_path):
    """`newskg serve OUT` opens the store `newskg query` built (read-only) instead of loading a
    temporary copy, and both run on it at once."""
    from support.sparql_server import ask, env_with, running

    out = out_folder(tmp_path)
    n = triples(out)
    [store] = stores(out)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    with running(out, env=env_with(TMPDIR=str(tmp))) as served:
        status, _, body = ask(served.base, COUNT)
        assert status == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == n
        [serving] = list(tmp.glob("newskg-serve-*"))
        assert not (serving / "store").exists()  # no copy of the graph
        assert triples(out) == n and stores(out) == {store}  # a query meanwhile, on the same store
        last_used_long_ago(out, store)
        change(out)
        assert triples(out) == n + 1
        assert store in stores(out)  # the endpoint reads it: kept
        assert ask(served.base, COUNT)[0] == 200
