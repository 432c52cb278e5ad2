"""Extraction scores on every measured set, as docs/evaluation.md publishes them.

Runs ``newskg eval`` on the CoNLL04 dev and train splits, the PolNeAR dev split and the four
annotation sets (each in a fresh process, two at a time), keeps the figures (not the
details) as one row of kind ``scores`` in bench/results.json, labelled ``now`` or, with
``--label before --repo OLD_CHECKOUT``, the code a change is compared with, and rewrites the
``scores`` regions of docs/evaluation.md (rendered by :mod:`bench_report`).

    python bench/scores.py                                   # this checkout, label "now"
    python bench/scores.py --label before --repo ../old      # a checkout of the code before
    python bench/scores.py --report                          # only re-render the page

The benchmarks are read from ``$NEWSKG_BENCHMARKS`` (else ``../shared/benchmarks``), the
corpora from ``$NEWSKG_CORPORA`` (else ``../shared/corpora``). Research data: only the
figures are kept, never a sentence.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench_report import load_rows, save_rows

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ANNOTATIONS = ("tuning", "heldout", "domains_tuning", "domains_heldout")
BENCHMARKS = (("conll04", "dev"), ("conll04", "train"), ("polnear", "dev"))


def _commands(repo: Path, corpora: str) -> dict[str, list[str]]:
    exe = repo / ".venv" / "bin" / "newskg"
    newskg = [str(exe)] if exe.exists() else [sys.executable, "-m", "newskg"]
    jobs = {f"{b}_{s}": newskg + ["eval", "--benchmark", b, "--split", s, "--format", "json"] for b, s in BENCHMARKS}
    for name in ANNOTATIONS:
        jobs[name] = newskg + ["eval", str(repo / "tests" / "annotations" / f"{name}.jsonl"),
                               "--corpora", corpora, "--format", "json"]
    return jobs


def _figures(report: dict) -> dict:
    """The report without per-case details; domains keep their scores."""
    return {k: v for k, v in report.items() if k not in ("details", "cases_detail")}


def measure(repo: Path, parallel: int = 2) -> dict[str, dict]:
    env = dict(os.environ)
    env.setdefault("NEWSKG_BENCHMARKS", str(SHARED / "benchmarks"))
    corpora = env.get("NEWSKG_CORPORA", str(SHARED / "corpora"))

    def run(item: tuple[str, list[str]]) -> tuple[str, dict]:
        name, cmd = item
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=repo)
        if done.returncode != 0:
            raise SystemExit(f"{name}: {' '.join(cmd)} failed: {done.stderr.strip()[-400:]}")
        return name, _figures(json.loads(done.stdout))

    with ThreadPoolExecutor(parallel) as pool:
        return dict(pool.map(run, _commands(repo, corpora).items()))


def _commit(repo: Path) -> str:
    done = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--label", choices=("now", "before"), default="now")
    ap.add_argument("--repo", type=Path, default=ROOT, help="the checkout to measure (its .venv's newskg)")
    ap.add_argument("--report", action="store_true", help="only re-render the page from results.json")
    a = ap.parse_args(argv)
    rows = [r for r in load_rows() if r["kind"] == "scores"]
    if not a.report:
        row = {"kind": "scores", "label": a.label, "commit": _commit(a.repo),
               "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M"),
               "sets": measure(a.repo.resolve())}
        rows = [r for r in rows if r["label"] != a.label] + [row]
    save_rows(rows, ("scores",))
    return 0


if __name__ == "__main__":
    sys.exit(main())
