"""The docs stay true: every sample, count and timing in README.md and docs/ is what a run gives.

scripts/docs_samples.py writes the marked regions of the pages; its ``--check`` writes nothing and
lists every region that differs (see docs/testing.md#the-docs-check).
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "docs_samples.py"


def _script():
    spec = importlib.util.spec_from_file_location("docs_samples", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _check(*flags: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--check", *flags], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


@pytest.mark.model
def test_every_documented_sample_and_count_is_what_a_build_prints():
    done = _check()
    assert done.returncode == 0, (f"the docs differ from a build of the seeds; run scripts/docs_samples.py and "
                                  f"commit the pages:\n{done.stdout}{done.stderr[-3000:]}")


def test_every_documented_timing_is_the_one_in_bench_results():
    done = _check("--timings")
    assert done.returncode == 0, f"run bench/bench.py --report or scripts/docs_samples.py:\n{done.stdout}{done.stderr}"


def test_one_changed_number_in_a_region_is_reported():
    ds = _script()
    page = "Counts:\n\n<!-- sample: counts -->\n```text\nPerson 15, City 9\n```\n<!-- end sample -->\n"
    expected = {("sample", "counts"): "```text\nPerson 15, City 9\n```"}
    assert ds.differences({"p.md": page}, expected) == []
    changed = ds.differences({"p.md": page.replace("City 9", "City 8")}, expected)
    assert len(changed) == 1 and "'counts' differs" in changed[0] and "-Person 15, City 8" in changed[0]
    assert ds.fill(page.replace("City 9", "City 8"), expected) == page


def test_unknown_missing_and_repeated_regions_are_reported():
    ds = _script()
    expected = {("sample", "counts"): "x", ("timing", "seeds-build"): "y"}
    unknown = "<!-- sample: nobody-makes-this -->\nx\n<!-- end sample -->\n"
    problems = ds.differences({"p.md": unknown}, expected)
    assert any("'nobody-makes-this' is not one" in p for p in problems)
    assert any("'counts' must be in exactly one page, is in: no page" in p for p in problems)
    twice = "<!-- sample: counts -->\nx\n<!-- end sample -->\n"
    problems = ds.differences({"a.md": twice, "b.md": twice}, expected)
    assert any("'counts' must be in exactly one page, is in: a.md, b.md" in p for p in problems)
