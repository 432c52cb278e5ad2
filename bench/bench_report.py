"""The timing regions of docs/benchmarks.md, from bench/results.json.

Every bench script appends its measurements to ``bench/results.json`` (one row per
run, ``kind`` says which script: ``run`` and ``viewer`` from bench.py, ``seeds``,
``viewer_render``, ``neo4j_load``, ``store_choice``) and then rewrites the regions
of docs/benchmarks.md between ``<!-- timing: NAME -->`` and ``<!-- end timing -->``;
the notes around them are kept. ``scripts/docs_samples.py --check`` renders the same
regions from the same file and fails when the page differs, so a timing in the docs
is always the one a script measured.
"""
from __future__ import annotations

import json
from pathlib import Path

from scores_report import SECTIONS as SCORE_SECTIONS

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "benchmarks.md"
PAGES = (REPORT, ROOT / "docs" / "evaluation.md")  # pages with regions rendered here
RESULTS = ROOT / "bench" / "results.json"
END = "<!-- end timing -->"
#: Issue 14's: build ≥ 0.95 × the raw parse; two processes ≥ 1.8 × one; peak RSS of the
#: largest size within 20% of the smallest's and under 1.5 GB.
TARGETS = {"ratio": 0.95, "scaling": 1.8, "rss_growth": 0.20, "rss_mb": 1536, "turtle": 200_000}


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
        unique = r.get("unique", r["size"])
        size = f"{r['size']:,}" + (f" ({unique:,} unique)" if unique != r["size"] else "")
        out.append(
            f"| {size} | {r['procs']} | {raw['wall']:.1f} | {b['wall']:.1f} | {ratio:.2f} | "
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
                         f"(target within {TARGETS['rss_growth']:.0%} and under {TARGETS['rss_mb']:,} MB): "
                         f"{_ok(growth <= TARGETS['rss_growth'] and big['rss_tree_mb'] < TARGETS['rss_mb'])}")
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


def _runs_section(rows: list[dict]) -> list[str]:
    runs = [r for r in rows if r["kind"] == "run"]
    viewer = next((r for r in rows if r["kind"] == "viewer"), None)
    if not runs:
        return ["No `bench/bench.py` run recorded."]
    m = runs[-1]["machine"]
    return ([f"Machine: {_machine(m)}; model `{runs[-1]['model']}`. Runs: "
             + ", ".join(sorted({r['started'] for r in runs})) + ".", ""]
            + table(runs) + ["", "Targets:", ""] + targets(runs, viewer))


def _machine(m: dict) -> str:
    return (f"{m['cpu']}, {m['cores']} cores, {m['ram_gb']} GiB RAM; {m['os']}; Python {m['python']}; "
            f"spaCy {m['spacy']}")


def _latest(rows: list[dict], kind: str) -> dict | None:
    return next((r for r in reversed(rows) if r["kind"] == kind), None)


def _when(row: dict) -> str:
    note = f" {row['source']}" if row.get("source") else ""
    machine = f" on {_machine(row['machine'])}" if row.get("machine") else ""
    load = f", load average {row['load_before']:.1f}" if "load_before" in row else ""
    return f"Run {row['started']}{machine}{load}.{note}"


def _seeds_section(rows: list[dict]) -> list[str]:
    r = _latest(rows, "seeds")
    if not r:
        return ["No `bench/seeds.py` run recorded."]
    walls = sorted(r["walls"])
    cpus = sorted(r.get("cpus", ()))
    cpu = f"; CPU time (user + system) median {cpus[len(cpus) // 2]:.1f} s" if cpus else ""
    return [f"`{r['command']}` into an empty folder, the whole command in a fresh process (model load "
            f"included), {len(walls)} runs: wall median {walls[len(walls) // 2]:.1f} s, fastest {walls[0]:.1f} s"
            f"{cpu}. " + _when(r)]


def _md_table(header: list[str], body: list[list[str]]) -> list[str]:
    """A Markdown table: the first column left-aligned, the figures right-aligned."""
    return (["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
            + ["| " + " | ".join(cells) + " |" for cells in body])


def _latest_table(rows: list[dict], kind: str, script: str, items: str, header: list[str], cells,
                  note=lambda r: "") -> list[str]:
    """The table of the latest row of KIND: one line per item of ``row[items]``, then when it ran."""
    r = _latest(rows, kind)
    if not r:
        return [f"No `bench/{script}` run recorded."]
    return _md_table(header, [cells(item, r) for item in r[items]]) + ["", note(r) + _when(r)]


def _na(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.2f}"


def _viewer_render_section(rows: list[dict]) -> list[str]:
    return _latest_table(
        rows, "viewer_render", "viewer_render.py", "graphs",
        ["graph", "entities", "relations", "page MB", "export s", "render s", "vs. fixture", "focus ms",
         "focus nodes", "back ms", "wall s"],
        lambda g, r: [g["graph"], f"{g['nodes']:,}", f"{g['edges']:,}", f"{g['mb']:.1f}", f"{g['export_s']:.2f}",
                      f"{g['render_s']:.2f}", f"{g['render_s'] / r['graphs'][0]['render_s']:.1f}",
                      f"{g['focus_ms']:.0f}" if "focus_ms" in g else "–", f"{g.get('focus_nodes', '–'):,}",
                      f"{g['back_ms']:.0f}" if "back_ms" in g else "–",
                      f"{g['wall_s']:.2f}"])


def _neo4j_load_section(rows: list[dict]) -> list[str]:
    return _latest_table(
        rows, "neo4j_load", "neo4j_load.py", "graphs",
        ["graph", "nodes", "relationships", "statements", "session s", "import.cypher s", "import.cypher MB",
         "relationships/s (session)"],
        lambda g, r: [g["name"], f"{g['nodes']:,}", f"{g['rels']:,}", f"{g['statements']:,}", f"{g['driver_s']:.2f}",
                      f"{g['script_s']:.2f}", f"{g['mb']:.1f}", f"{g['rels'] / g['driver_s']:,.0f}"])


def _store_choice_section(rows: list[dict]) -> list[str]:
    return _latest_table(
        rows, "store_choice", "store_choice.py", "stores",
        ["store", "triples", "fill s", "store RSS MB", "networkx view s", "Turtle s", "rdflib's Turtle writer s"],
        lambda s, r: [s["store"], f"{s['triples']:,}", _na(s["fill_s"]), f"{s['rss_mb']:.0f}", _na(s["view_s"]),
                      _na(s["turtle_s"]), _na(s.get("rdflib_turtle_s"))],
        note=lambda r: f"Graph: `{r['graph']}`. ")


def _stage_cpu_section(rows: list[dict]) -> list[str]:
    """CPU seconds per 1,000 built articles of what a build adds after (and besides) the parse."""
    runs = [r for r in rows if r["kind"] == "run"]
    if not runs:
        return ["No `bench/bench.py` run recorded."]
    body = []
    for r in runs:
        b, t = r["build"], r["build"]["timings"]
        per = 1000 / b["articles"]
        cells = [t.get(k) for k in ("extract", "cpu_graph", "cpu_export_turtle", "cpu_export_html",
                                    "cpu_export_neo4j")] + [b.get("cpu_main")]
        body.append([f"{r['size']:,}", str(r["procs"])] + ["–" if c is None else f"{c * per:.1f}" for c in cells])
    return _md_table(["articles", "procs", "extraction rules (wall, summed over workers)", "graph", "Turtle", "viewer", "Neo4j",
                      "main process, everything"], body)


#: region name -> its text, from the rows of bench/results.json
SECTIONS = {"bench-runs": _runs_section, "stage-cpu": _stage_cpu_section, "seeds-build": _seeds_section, "viewer-render": _viewer_render_section,
            "neo4j-load": _neo4j_load_section, "store-choice": _store_choice_section, **SCORE_SECTIONS}


def sections(rows: list[dict]) -> dict[str, str]:
    """Each timing region's text (between its markers), rendered from the rows."""
    return {name: "\n".join(make(rows)) for name, make in SECTIONS.items()}


def splice(text: str, name: str, body: str, kind: str = "timing") -> str:
    """Replace the body of region NAME in TEXT (markers on their own lines)."""
    start, end = f"<!-- {kind}: {name} -->", f"<!-- end {kind} -->"
    head, rest = text.split(start, 1)
    return head + start + "\n" + body + "\n" + end + rest.split(end, 1)[1]


def render(rows: list[dict], page: Path = REPORT) -> str:
    """PAGE with every timing region rewritten from the rows."""
    text = page.read_text(encoding="utf-8")
    for name, body in sections(rows).items():
        if f"<!-- timing: {name} -->" in text:
            text = splice(text, name, body)
    return text


def load_rows() -> list[dict]:
    return json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else []


def save_rows(rows: list[dict], kinds: tuple[str, ...]) -> None:
    """Replace the rows of these KINDS in bench/results.json (other scripts' rows stay) and
    rewrite the timing regions of the pages (docs/benchmarks.md, docs/evaluation.md)."""
    kept = [r for r in load_rows() if r["kind"] not in kinds] + list(rows)
    kept.sort(key=lambda r: (r["kind"], r.get("size", 0), r.get("procs", 0)))
    RESULTS.write_text(json.dumps(kept, indent=1) + "\n", encoding="utf-8")
    for page in PAGES:
        page.write_text(render(kept, page), encoding="utf-8")


def record(row: dict) -> None:
    """One script's latest measurement: replaces the earlier row of its kind."""
    save_rows([row], (row["kind"],))
