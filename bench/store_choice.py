"""Which embedded store should hold the merged graph? Measured, not guessed.

Run by hand (not in tests), on a build's output::

    python bench/store_choice.py OUT            # e.g. a 1k-article build

For each candidate, in a fresh process, it loads the same graph (OUT/graph.ttl,
with the parser that suits the store) and times what a build does with it:
filling the store, reading it back as the networkx view (what the viewer and
the Neo4j export do), writing Turtle (newskg's sorted writer; Oxigraph's own
dump for pyoxigraph); and the memory the store takes (RSS growth).

Candidates: rdflib's in-memory store; rdflib over oxrdflib (Oxigraph in
memory, and on disk); pyoxigraph's own store on disk (bulk load, its own
Turtle writer; it has no rdflib API, so the networkx view cannot use it).
The row goes to ``bench/results.json`` (kind ``store_choice``) and the table
to ``docs/benchmarks.md``.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CANDIDATES = ("rdflib-memory", "oxrdflib-memory", "oxrdflib-disk", "pyoxigraph-disk")


def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def measure(candidate: str, out_dir: str) -> dict:
    """One candidate, in this process (called in a fresh subprocess)."""
    import gc

    import pyoxigraph as ox
    from rdflib import Graph

    from exports.turtle import turtle_bytes
    from graph.view import to_networkx

    ttl = Path(out_dir) / "graph.ttl"
    gc.collect()
    before = rss_mb()
    row: dict = {"store": candidate}
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        if candidate == "pyoxigraph-disk":
            st = ox.Store(str(Path(tmp) / "ox"))
            st.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
            row["fill_s"] = time.perf_counter() - t
            row["rss_mb"] = rss_mb() - before
            row["triples"] = len(st)
            t = time.perf_counter()
            st.dump(str(Path(tmp) / "g.ttl"), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
            row["turtle_s"] = time.perf_counter() - t
            row["view_s"] = None
            return row
        if candidate == "rdflib-memory":
            g = Graph().parse(ttl, format="turtle")
        else:
            g = Graph(store="Oxigraph")
            if candidate == "oxrdflib-disk":
                g.open(str(Path(tmp) / "ox"), create=True)
            g.parse(ttl, format="ox-turtle")
        gc.collect()
        row["fill_s"] = time.perf_counter() - t
        row["rss_mb"] = rss_mb() - before
        row["triples"] = len(g)
        t = time.perf_counter()
        to_networkx(g)
        row["view_s"] = time.perf_counter() - t
        t = time.perf_counter()
        turtle_bytes(g)  # newskg's writer: sorted, through Oxigraph's serializer
        row["turtle_s"] = time.perf_counter() - t
        if candidate == "rdflib-memory":
            t = time.perf_counter()
            g.serialize(format="turtle")  # what newskg used before
            row["rdflib_turtle_s"] = time.perf_counter() - t
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="a build output folder (its records cache is read)")
    ap.add_argument("--one", choices=CANDIDATES, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(measure(a.one, a.out)))
        return
    load, started = os.getloadavg()[0], time.strftime("%Y-%m-%d %H:%M")
    rows = []
    for c in CANDIDATES:
        done = subprocess.run([sys.executable, __file__, a.out, "--one", c], capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    sys.path.insert(0, str(ROOT / "bench"))
    from bench import machine
    from bench_report import record

    record({"kind": "store_choice", "started": started, "load_before": load, "machine": machine(),
            "graph": Path(a.out).name, "stores": rows})
    fmt = lambda v: "n/a" if v is None else f"{v:.2f}"
    print("| store | triples | fill s | store RSS MB | networkx view s | Turtle s | rdflib's Turtle writer s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['store']} | {r['triples']:,} | {fmt(r['fill_s'])} | {r['rss_mb']:.0f} | {fmt(r['view_s'])} "
              f"| {fmt(r['turtle_s'])} | {fmt(r.get('rdflib_turtle_s'))} |")


if __name__ == "__main__":
    main()
