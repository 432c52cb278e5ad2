"""Time to a stable first render of graph.html in headless Chromium.

    .venv/bin/python bench/viewer_render.py            # 1,000 and 5,000 nodes
    .venv/bin/python bench/viewer_render.py 1000 20000 # other sizes

Graphs are synthetic but real-shaped (tests/support/synthetic.py: the records the
extractors produce, Zipf-distributed actors). The baseline in the same run
is the hand-made fixture (18 nodes): ratios are against it. "render" is
the page's own clock from navigation start to vis-network's first drawn
frame (``window.viewerRenderMs``); "wall" adds Chromium's start-up and
page load as the test harness sees it. The viewer is run with
``--viewer-max-nodes`` above the graph size so every node is drawn.
The row goes to ``bench/results.json`` (kind ``viewer_render``) and the
table to ``docs/benchmarks.md``.
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
from exports.html import write_html
from graph.build import build_graph
from graph.view import to_networkx
from support.browser import chromium, offline_page
from support.fixture_records import fixture_records
from support.synthetic import synthetic_records

NODES_PER_ARTICLE = 4.3  # measured on synthetic_records


def measure(browser, records, out: Path, repeats: int = 3) -> dict:
    g = build_graph(records)
    G = to_networkx(g)
    drawn = sum(1 for _, k in G.nodes(data="kind") if k != "article")
    t = time.perf_counter()
    write_html(G, out, viewer_max_nodes=max(drawn, 1))
    export_s = time.perf_counter() - t
    renders, walls = [], []
    for _ in range(repeats):
        t = time.perf_counter()
        page, log = offline_page(browser, out)
        page.wait_for_function("window.viewerStable === true", timeout=300_000, polling=50)
        walls.append(time.perf_counter() - t)
        renders.append(page.evaluate("window.viewerRenderMs") / 1000)
        edges = page.evaluate("network.body.data.edges.length")
        log.assert_clean()
        page.close()
    return {"nodes": drawn, "edges": edges, "export_s": export_s, "render_s": min(renders), "wall_s": min(walls),
            "mb": out.stat().st_size / 1e6}


def main(sizes: list[int]) -> None:
    load, started = os.getloadavg()[0], time.strftime("%Y-%m-%d %H:%M")
    out = Path("/tmp/newskg-bench-viewer")
    out.mkdir(exist_ok=True)
    rows = []
    with chromium() as browser:
        base = measure(browser, fixture_records(), out / "fixture.html")
        rows.append(("fixture", base))
        for n in sizes:
            rows.append((f"{n}", measure(browser, synthetic_records(round(n / NODES_PER_ARTICLE)), out / f"g{n}.html",
                                         repeats=2)))
    record({"kind": "viewer_render", "started": started, "load_before": load, "machine": machine(),
            "graphs": [{"graph": "fixture" if name == "fixture" else "synthetic", **r} for name, r in rows]})
    print(f"{'graph':>8} {'nodes':>6} {'edges':>6} {'MB':>6} {'export s':>9} {'render s':>9} {'x base':>7} {'wall s':>7}")
    for name, r in rows:
        print(f"{name:>8} {r['nodes']:>6} {r['edges']:>6} {r['mb']:>6.2f} {r['export_s']:>9.2f} {r['render_s']:>9.2f} "
              f"{r['render_s'] / base['render_s']:>7.1f} {r['wall_s']:>7.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000])
