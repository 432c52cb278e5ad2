"""The docs stay true: every sample, count and timing in README.md and docs/ is what a run gives.

scripts/docs_samples.py writes the marked regions of the pages; its ``--check`` writes nothing and
lists every region that differs (see docs/testing.md#the-docs-check). Here it builds the seeds;
the timings and the script's own rules are checked in tests/unit/test_docs_regions.py.
"""
from __future__ import annotations

from support.docs_script import check


def test_every_documented_sample_and_count_is_what_a_build_prints():
    done = check()
    assert done.returncode == 0, (f"the docs differ from a build of the seeds; run scripts/docs_samples.py and "
                                  f"commit the pages:\n{done.stdout}{done.stderr[-3000:]}")
