"""The docs check without a build: every timing in the docs is the one in bench/results.json,
and scripts/docs_samples.py reports a changed number, an unknown, a missing and a repeated region.
The samples themselves, from a build of the seeds: tests/model/test_docs_samples.py.
"""
from __future__ import annotations

from support.docs_script import check, docs_script


def test_every_documented_timing_is_the_one_in_bench_results():
    done = check("--timings")
    assert done.returncode == 0, f"run bench/bench.py --report or scripts/docs_samples.py:\n{done.stdout}{done.stderr}"


def test_one_changed_number_in_a_region_is_reported():
    ds = docs_script()
    page = "Counts:\n\n<!-- sample: counts -->\n```text\nPerson 15, City 9\n```\n<!-- end sample -->\n"
    expected = {("sample", "counts"): "```text\nPerson 15, City 9\n```"}
    assert ds.differences({"p.md": page}, expected) == []
    changed = ds.differences({"p.md": page.replace("City 9", "City 8")}, expected)
    assert len(changed) == 1 and "'counts' differs" in changed[0] and "-Person 15, City 8" in changed[0]
    assert ds.fill(page.replace("City 9", "City 8"), expected) == page


def test_unknown_missing_and_repeated_regions_are_reported():
    ds = docs_script()
    expected = {("sample", "counts"): "x", ("timing", "seeds-build"): "y"}
    unknown = "<!-- sample: nobody-makes-this -->\nx\n<!-- end sample -->\n"
    problems = ds.differences({"p.md": unknown}, expected)
    assert any("'nobody-makes-this' is not one" in p for p in problems)
    assert any("'counts' must be in exactly one page, is in: no page" in p for p in problems)
    twice = "<!-- sample: counts -->\nx\n<!-- end sample -->\n"
    problems = ds.differences({"a.md": twice, "b.md": twice}, expected)
    assert any("'counts' must be in exactly one page, is in: a.md, b.md" in p for p in problems)
