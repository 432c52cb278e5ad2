"""The benchmark table in BENCHMARKS.md, from bench/results.json.

Only the part between the ``<!-- bench:start -->`` and ``<!-- bench:end -->``
markers is generated; notes around it are kept.
"""
from __future__ import annotations

from pathlib import Path

REPORT = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
TARGETS = {"ratio": 0.85, "scaling": 1.7, "rss_growth": 0.20, "turtle": 200_000}


def _ok(good: bool) -> str:
    return "met" if good else "**missed**"


def _cpu(run: dict) -> str:
    return f"{run['cpu']:.0f}" if "cpu" in run else "–"


def _cpu_ratio(r: dict) -> str:
    """Throughput ratio by CPU time: what the build costs on top of the parse,
    nearly independent of other load on the machine."""
    if "cpu" not in r["raw"] or "cpu" not in r["build"]:
        return "–"
    return f"{r['raw']['cpu'] / r['build']['cpu']:.2f}"


def free_core_speedup(one: dict, two: dict) -> float | None:
    """Speed-up of two processes over one on two idle cores, from CPU times:
    the main process's work is serial, the workers' is split between two."""
    if "cpu_main" not in one or "cpu_main" not in two:
        return None
    return one["cpu"] / (two["cpu_main"] + two["cpu_workers"] / 2)


def _parsing_rss(b: dict) -> str:
    peaks = b.get("peak_rss_mb", {})
    if "extract" not in peaks:
        return "–"
    worker = peaks.get("extract_worker")
    return f"{peaks['extract']:.0f} / {worker:.0f}" if worker else f"{peaks['extract']:.0f} / –"


def table(runs: list[dict]) -> list[str]:
    out = [
        ("| articles | procs | raw parse s | build s | build / raw throughput | raw / build CPU s | "
         "build / raw (CPU) | parse s | extract s | graph s "
         "(resolve s) | Turtle s | html s | neo4j s | triples | Turtle triples/s | peak RSS while parsing MB "
         "(main / largest worker) | peak RSS build MB (main / all) | peak RSS raw MB (all) | load avg |"),
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        raw, b = r["raw"], r["build"]
        t = b["timings"]
        ratio = raw["wall"] / b["wall"]
        ttl = t.get("export_turtle", 0.0)
        out.append(
            f"| {r['size']:,} | {r['procs']} | {raw['wall']:.1f} | {b['wall']:.1f} | {ratio:.2f} | "
            f"{_cpu(raw)} / {_cpu(b)} | {_cpu_ratio(r)} | "
            f"{t.get('parse', 0):.1f} | {t.get('extract', 0):.1f} | {t.get('graph', 0):.1f} ({b['resolve']:.1f}) | "
            f"{ttl:.1f} | {t.get('export_html', 0):.1f} | {t.get('export_neo4j', 0):.1f} | {b['triples']:,} | "
            f"{b['triples'] / ttl if ttl else 0:,.0f} | {_parsing_rss(b)} | "
            f"{b['rss_main_mb']:.0f} / {b['rss_tree_mb']:.0f} | "
            f"{raw['rss_tree_mb']:.0f} | {r['load_before']:.1f}–{r['load_after']:.1f} |"
        )
    return out


def targets(runs: list[dict], viewer: dict | None) -> list[str]:
    lines = []
    for r in runs:
        ratio = r["raw"]["wall"] / r["build"]["wall"]
        cpu = _cpu_ratio(r)
        by_cpu = f"; by CPU time {cpu}: {_ok(float(cpu) >= TARGETS['ratio'])}" if cpu != "–" else ""
        lines.append(f"- build throughput / raw parse, {r['size']:,} articles, {r['procs']} process(es): "
                     f"wall {ratio:.2f} (target ≥ {TARGETS['ratio']}): {_ok(ratio >= TARGETS['ratio'])}{by_cpu}")
    by = {(r["size"], r["procs"]): r for r in runs}
    for size in sorted({s for s, _ in by}):
        one, two = by.get((size, 1)), by.get((size, 2))
        if one and two:
            build = one["build"]["wall"] / two["build"]["wall"]
            raw = one["raw"]["wall"] / two["raw"]["wall"]
            lines.append(f"- two processes vs one, {size:,} articles: build {build:.2f}× (target ≥ "
                         f"{TARGETS['scaling']}): {_ok(build >= TARGETS['scaling'])}; the raw parse scaled "
                         f"{raw:.2f}× in the same run")
            b_est = free_core_speedup(one["build"], two["build"])
            r_est = free_core_speedup(one["raw"], two["raw"])
            if b_est and r_est:
                lines.append(f"  - on two idle cores, from CPU times: build {b_est:.2f}× "
                             f"({_ok(b_est >= TARGETS['scaling'])}), raw parse {r_est:.2f}×")
    for procs in sorted({p for _, p in by}):
        sizes = sorted(s for s, p in by if p == procs)
        if len(sizes) > 1:
            small, big = by[(sizes[0], procs)]["build"], by[(sizes[-1], procs)]["build"]
            growth = big["rss_tree_mb"] / small["rss_tree_mb"] - 1
            lines.append(f"- peak RSS of the whole build from {sizes[0]:,} to {sizes[-1]:,} articles, {procs} "
                         f"process(es): {small['rss_tree_mb']:.0f} → {big['rss_tree_mb']:.0f} MB, {growth:+.0%} "
                         f"(target within {TARGETS['rss_growth']:.0%}): {_ok(growth <= TARGETS['rss_growth'])}")
            a, z = small.get("peak_rss_mb", {}), big.get("peak_rss_mb", {})
            if "extract" in a and "extract" in z:
                key = "extract_worker" if "extract_worker" in a and "extract_worker" in z else "extract"
                g = z[key] / a[key] - 1
                lines.append(f"  - while parsing ({'largest worker' if key == 'extract_worker' else 'one process'}):"
                             f" {a[key]:.0f} → {z[key]:.0f} MB, {g:+.0%}: {_ok(g <= TARGETS['rss_growth'])}")
    for r in runs:
        ttl = r["build"]["timings"].get("export_turtle", 0)
        rate = r["build"]["triples"] / ttl if ttl else 0
        cpu = r["build"]["timings"].get("cpu_export_turtle")
        by_cpu = f"; {r['build']['triples'] / cpu:,.0f} per CPU second" if cpu else ""
        lines.append(f"- Turtle, {r['size']:,} articles, {r['procs']} process(es): {rate:,.0f} triples/s "
                     f"(target ≥ {TARGETS['turtle']:,}): {_ok(rate >= TARGETS['turtle'])}{by_cpu}")
    if viewer:
        loaded = viewer["nodes"] > 0 and not viewer["errors"]
        lines.append(f"- viewer of the {viewer['size']:,}-article graph ({viewer['bytes'] / 2**20:.0f} MB): "
                     f"{viewer['nodes']:,} nodes drawn in {viewer['seconds']:.0f} s in headless Chromium, "
                     f"console errors: {len(viewer['errors'])}: {'loads' if loaded else '**does not load**'}")
    return lines


def render(rows: list[dict]) -> str:
    runs = [r for r in rows if r["kind"] == "run"]
    viewer = next((r for r in rows if r["kind"] == "viewer"), None)
    body = [START, ""]
    if runs:
        m = runs[-1]["machine"]
        body += [f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GiB RAM; {m['os']}; Python {m['python']}; "
                 f"spaCy {m['spacy']}, model `{runs[-1]['model']}`. Runs: "
                 + ", ".join(sorted({r['started'] for r in runs})) + ".", ""]
        body += table(runs) + ["", "Targets:", ""] + targets(runs, viewer)
    body += ["", END]
    generated = "\n".join(body)
    old = REPORT.read_text(encoding="utf-8") if REPORT.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START in old and END in old:
        head, rest = old.split(START, 1)
        return head + generated + rest.split(END, 1)[1]
    return old.rstrip("\n") + "\n\n" + generated + "\n"
