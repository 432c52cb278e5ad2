"""`newskg query` on a build's output folder: the store is built once into OUT/.newskg/sparql/,
reused while graph.ttl is the same, rebuilt when it changes, and never needed."""
from __future__ import annotations

import json
import shutil

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


def test_a_changed_graph_gets_a_new_store_and_the_old_one_goes(tmp_path):
    out = out_folder(tmp_path)
    n = triples(out)
    [old] = list((out / ".newskg" / "sparql").iterdir())
    with open(out / "graph.ttl", "a", encoding="utf-8") as f:
        f.write("\n<urn:x:a> <urn:x:b> <urn:x:c> .\n")
    assert triples(out) == n + 1
    [new] = list((out / ".newskg" / "sparql").iterdir())
    assert new.name != old.name


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
