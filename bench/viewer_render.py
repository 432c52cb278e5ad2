"""Time to the first render of graph.html, and to a focus view, in headless Chromium.

    .venv/bin/python bench/viewer_render.py                      # 1,000 and 5,000 entities
    .venv/bin/python bench/viewer_render.py 1000 20000           # other sizes
    .venv/bin/python bench/viewer_render.py --graph out/graph.ttl  # and a built graph (the Ukraine corpus)

Synthetic graphs are tests/support/viewer_graph.py (the networkx view, Zipf-distributed
degrees, a fifth of the relations reported more than once, statements and claims beside
them); sizes count entities, the nodes the viewer draws by default. The baseline in the same
run is the hand-made fixture: ratios are against it. "render" is the page's own clock from
navigation start to vis-network's first drawn frame (``window.viewerRenderMs``, the fastest of
three loads); "focus" is the page's own clock from the click on the most connected entity to
the first frame of its neighbourhood (``window.viewerFocusMs``, the fastest of three), "back"
from there to the whole graph drawn again;
"wall" adds Chromium's start-up and page load as the test harness sees it. The viewer is run
with ``--viewer-max-nodes`` above the graph size so every node is in the page.
The row goes to ``bench/results.json`` (kind ``viewer_render``) and the table to ``docs/benchmarks.md``.
"""
from __future__ import annotations

import argparse
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
from support.viewer_graph import viewer_graph

BACK_JS = """() => {  // from the focus view back to the whole graph, drawn (the click's work is synchronous)
  const t = performance.now();
  document.getElementById("back").click();
  return performance.now() - t;
}"""
FOCUS_JS = """() => {
  const top = viewer.data.nodes.filter(n => n.kind === "entity").sort((a, b) => b.degree - a.degree)[0];
  window.viewerFocusMs = undefined;
  network.emit("click", {nodes: [top.id], edges: []});
  return top.degree;
}"""


def measure(browser, G, out: Path, repeats: int = 3) -> dict:
    drawn = sum(1 for _, k in G.nodes(data="kind") if k != "article")
    t = time.perf_counter()
    write_html(G, out, viewer_max_nodes=max(drawn, 1))
    export_s = time.perf_counter() - t
    renders, walls, focus, back = [], [], [], []
    for _ in range(repeats):
        t = time.perf_counter()
        page, log = offline_page(browser, out, viewport=(1400, 860))
        page.wait_for_function("window.viewerStable === true", timeout=300_000, polling=50)
        walls.append(time.perf_counter() - t)
        renders.append(page.evaluate("window.viewerRenderMs") / 1000)
        entities = page.evaluate("network.body.data.nodes.length")
        relations = page.evaluate("viewer.data.summary.edges")
        if entities:
            page.evaluate(FOCUS_JS)
            page.wait_for_function("window.viewerFocusMs !== undefined", timeout=60_000, polling=20)
            focus.append(page.evaluate("window.viewerFocusMs"))
            focused = page.evaluate("network.body.data.nodes.length")
            back.append(page.evaluate(BACK_JS))
        log.assert_clean()
        page.close()
    return {"nodes": entities, "edges": relations, "focus_nodes": focused if focus else 0,
            "export_s": export_s, "render_s": min(renders), "focus_ms": min(focus) if focus else 0.0,
            "back_ms": min(back) if back else 0.0,
            "wall_s": min(walls), "mb": out.stat().st_size / 1e6}


def main(sizes: list[int], graphs: list[Path]) -> None:
    load, started = os.getloadavg()[0], time.strftime("%Y-%m-%d %H:%M")
    out = Path("/tmp/newskg-bench-viewer")
    out.mkdir(exist_ok=True)
    rows = []
    with chromium() as browser:
        base = measure(browser, to_networkx(build_graph(fixture_records())), out / "fixture.html")
        rows.append(("fixture", base))
        for n in sizes:
            rows.append(("synthetic", measure(browser, viewer_graph(n), out / f"g{n}.html", repeats=3)))
        for path in graphs:
            from rdflib import Graph

            rows.append((path.parent.name, measure(browser, to_networkx(Graph().parse(path)), out / "built.html")))
    record({"kind": "viewer_render", "started": started, "load_before": load, "machine": machine(),
            "graphs": [{"graph": name, **r} for name, r in rows]})
    print(f"{'graph':>12} {'entities':>8} {'relations':>9} {'MB':>6} {'export s':>9} {'render s':>9} {'x base':>7} "
          f"{'focus ms':>9} {'focus n':>8} {'back ms':>8} {'wall s':>7}")
    for name, r in rows:
        print(f"{name:>12} {r['nodes']:>8} {r['edges']:>9} {r['mb']:>6.2f} {r['export_s']:>9.2f} {r['render_s']:>9.2f} "
              f"{r['render_s'] / base['render_s']:>7.1f} {r['focus_ms']:>9.0f} {r['focus_nodes']:>8} {r['back_ms']:>8.0f} "
              f"{r['wall_s']:>7.2f}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, help="entities per synthetic graph (default: 1000 5000)")
    ap.add_argument("--graph", type=Path, action="append", default=[], help="a built graph.ttl to time as well")
    a = ap.parse_args()
    main(a.sizes or [1000, 5000], a.graph)
