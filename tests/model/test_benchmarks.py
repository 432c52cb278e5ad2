"""``newskg eval --benchmark``: the figures are the benchmark scorer's own, on the same graph.

The benchmarks are read where they live (``shared/benchmarks`` beside the repository or beside a
folder above it), never copied here; the scorer scripts beside them are run as they are.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support.cli import run
from support.paths import ROOT
from support.shared import shared_missing


def _shared_benchmarks() -> Path | None:
    if os.environ.get("NEWSKG_BENCHMARKS"):
        return Path(os.environ["NEWSKG_BENCHMARKS"])
    return next((f / "shared" / "benchmarks" for f in ROOT.parents if (f / "shared" / "benchmarks").is_dir()), None)


BENCHMARKS = _shared_benchmarks()


@pytest.fixture(scope="module", autouse=True)
def _needs_the_shared_benchmarks():
    if BENCHMARKS is None or not (BENCHMARKS / "conll04").is_dir():
        shared_missing("the shared benchmarks are not here; set NEWSKG_BENCHMARKS")


def _scorer(*args: str) -> dict:
    done = subprocess.run([sys.executable, *args, "--json"], capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stdout)


#: How many records of the converted split the last `_build` skipped (one stderr line each).
BUILD_SKIPPED: list[int] = []


def _build(source: Path, out: Path) -> Path:
    """`newskg build` of a converted split; a CoNLL04 "sentence" that is only a dateline is skipped
    (exit 1, one line each), as every build skips an article with no text."""
    built = run("build", str(source), "-o", str(out), "--format", "turtle", "-q")
    assert built.returncode in (0, 1), built.stderr
    assert all(line.startswith("newskg: skipped:") for line in built.stderr.splitlines()), built.stderr
    BUILD_SKIPPED[:] = [len(built.stderr.splitlines())]
    return out / "graph.ttl"


def _newskg_eval(*args: str) -> dict:
    """The figures of `newskg eval --format json`; the records its own build skipped (none with
    --graph) are counted in the JSON and named on stderr, as many as `newskg build` skips."""
    done = run("eval", *args, "--benchmarks", str(BENCHMARKS), "--format", "json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    if "--graph" in args:
        assert "skipped_records" not in found and "newskg: skipped" not in done.stderr
    else:
        assert found.pop("skipped_records") == BUILD_SKIPPED[0]
        assert ("newskg: skipped " in done.stderr) == bool(BUILD_SKIPPED[0])
        if BUILD_SKIPPED[0]:
            assert f"newskg: skipped {BUILD_SKIPPED[0]} " in done.stderr
    return {k: v for k, v in found.items() if k not in ("benchmark", "split")}


def test_conll04_dev_figures_are_the_scorers(tmp_path):
    """The scorer on a graph `newskg build` made of its conversion, and `newskg eval` on that graph and
    on its own build of the split, print the same figures."""
    scorer = BENCHMARKS / "conll04" / "score_conll04.py"
    split = BENCHMARKS / "conll04" / "conll04_dev.json"
    converted = tmp_path / "c04dev.jsonl"
    subprocess.run([sys.executable, str(scorer), "convert", str(split), str(converted)], check=True, timeout=60)
    graph = _build(converted, tmp_path / "out")
    expected = _scorer(str(scorer), "score", str(split), str(graph))
    assert expected["sentences"] == 231 and expected["relations"] > 300
    assert _newskg_eval("--benchmark", "conll04", "--split", "dev", "--graph", str(graph)) == expected
    assert _newskg_eval("--benchmark", "conll04", "--split", "dev") == expected


def test_polnear_dev_figures_are_the_scorers(tmp_path):
    """The same for PolNeAR, on a graph of a few of its dev articles (the scorer counts every dev
    attribution, so the articles left out are misses on both sides)."""
    scorer = BENCHMARKS / "polnear" / "score_polnear.py"
    converted = tmp_path / "pndev.jsonl"
    subprocess.run([sys.executable, str(scorer), "convert", str(BENCHMARKS / "polnear"), "dev", str(converted)],
                   check=True, timeout=60)
    few = tmp_path / "few.jsonl"
    few.write_text("".join(converted.read_text(encoding="utf-8").splitlines(keepends=True)[:6]), encoding="utf-8")
    graph = _build(few, tmp_path / "out")
    expected = _scorer(str(scorer), "score", str(BENCHMARKS / "polnear"), "dev", str(graph))
    assert expected["articles"] == 84 and 0 < expected["content_recall"] < 0.2  # 6 of 84 articles
    assert _newskg_eval("--benchmark", "polnear", "--split", "dev", "--graph", str(graph)) == expected


def test_unknown_benchmark_split_and_folder_are_one_line_errors(tmp_path):
    for args, message in ((("--benchmark", "ace05"), "unknown benchmark 'ace05'; choose from: conll04, polnear"),
                          (("--benchmark", "conll04", "--split", "test"), "unknown conll04 split 'test'"),
                          (("--benchmark", "conll04", "--benchmarks", str(tmp_path)), "no such folder")):
        done = run("eval", *args)
        assert done.returncode != 0 and message in done.stderr and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
