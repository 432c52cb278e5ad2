"""Bad input without --strict: every bad file or JSONL line of the generated corpus
(support/bad_inputs.py) is reported once as skipped, with its reason, and every good article
is in the graph (the model loads once, for the good articles). With --strict, and the reader
itself: tests/unit/test_bad_input.py.
"""
from __future__ import annotations

import pytest

from support.bad_inputs import MAX_CHARS, Corpus, check_reports, make_corpus, reported
from support.cli import run_bytes


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Corpus:
    return make_corpus(tmp_path_factory.mktemp("bad") / "in")


def test_build_skips_each_bad_input_and_builds_the_good_ones(corpus, tmp_path):
    from rdflib import Graph
    from rdflib.namespace import Namespace

    out = tmp_path / "out"
    proc = run_bytes("build", str(corpus.root), "-o", str(out), "--format", "turtle", "--max-chars", str(MAX_CHARS))
    stderr = proc.stderr.decode("utf-8")
    assert proc.returncode == 1, stderr[-2000:]  # 1: some input was skipped
    assert "Traceback" not in stderr
    check_reports(reported(stderr, "skipped"), corpus.bad)
    check_reports(reported(stderr, "note"), corpus.notes)
    summary = stderr.splitlines()[-1]
    assert summary.startswith(f"built {len(corpus.good)} article(s) into {out} ({len(corpus.good)} parsed, 0 unchanged): ")
    assert summary.endswith(f"; skipped {len(corpus.bad)} (listed above)")
    assert proc.stdout.decode().splitlines() == [str(out / "graph.ttl")]
    g = Graph().parse(out / "graph.ttl")
    schema = Namespace("https://schema.org/")
    ids = {str(o) for a in g.subjects(None, schema.NewsArticle) for o in g.objects(a, schema.identifier)}
    assert ids == corpus.good
