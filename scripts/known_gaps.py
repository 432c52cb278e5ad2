#!/usr/bin/env python3
"""Rewrite the ``known_gap`` marks of an annotation file from a fresh evaluation.

A case that now passes loses its mark; a case that fails gets one naming what
was missed, so ``tests/model/test_annotated_cases.py`` xfails it strictly. Run it
after changing the extractor, read the diff, commit both:

    .venv/bin/python scripts/known_gaps.py tests/annotations/tuning.jsonl
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newskg.evaluation.evaluate import evaluate  # noqa: E402


def gap_text(detail: dict) -> str:
    parts = [f"missed {cat}: {', '.join(items)}" for cat, items in detail["misses"].items()
             if items and cat in ("entities", "triples", "statements", "claims")]
    parts += [f"must_not {v}" for v in detail["violations"]]
    if not parts:
        parts = [f"extra {cat}: {', '.join(items)}" for cat, items in detail["false_positives"].items() if items]
    return "; ".join(parts)[:300] or "fails"


def main(path: str) -> int:
    from newskg.api import DEFAULT_MODEL

    report = evaluate(path, DEFAULT_MODEL).as_json(details=True)
    by_id = {d["id"]: d for d in report["details"]}
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        record = json.loads(line) if line.strip() else None
        if record is None or "id" not in record or record["id"] not in by_id:
            out.append(line)
            continue
        detail = by_id[record["id"]]
        record.pop("known_gap", None)
        if not detail["passed"]:
            record["known_gap"] = gap_text(detail)
        out.append(json.dumps(record, ensure_ascii=False))
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{report['passed']}/{report['cases']} cases pass; {report['cases'] - report['passed']} marked as known gaps")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "tests/annotations/tuning.jsonl"))
