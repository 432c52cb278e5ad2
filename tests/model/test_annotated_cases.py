"""One test per annotated tuning case (tests/annotations/tuning.jsonl).

The articles are built once per session, as ``newskg build`` builds them. A
case passes when every expected item is found and no must_not rule is
violated. A case marked ``known_gap`` is a strict xfail: once the extractor
handles it, the test fails until the mark is removed. The sets' size, coverage
and separation are checked in tests/unit/test_annotation_sets.py.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from newskg.evaluation.annotations import CORPORA_ENV, load_annotations
from newskg.evaluation.match import Matcher
from support.paths import TUNING
from support.shared import shared_missing

ANNOTATIONS = load_annotations(TUNING)
NEEDS_CORPORA = {c.source for c in ANNOTATIONS.cases} - {"seeds"} - {
    p.stem for p in (TUNING.parent / "articles").glob("*.jsonl")}


def _param(case):
    marks = [pytest.mark.xfail(strict=True, reason=case.known_gap)] if case.known_gap else []
    return pytest.param(case.id, id=case.id, marks=marks)


@pytest.fixture(scope="session")
def extracted_cases():
    from newskg.api import DEFAULT_MODEL
    from newskg.evaluation.evaluate import extract_cases

    corpora = os.environ.get(CORPORA_ENV)
    if NEEDS_CORPORA and not (corpora and Path(corpora).is_dir()):
        shared_missing(f"the shared corpora ({corpora or 'no folder'}) are not here; set {CORPORA_ENV}")
    return extract_cases(ANNOTATIONS, DEFAULT_MODEL)


@pytest.mark.parametrize("case_id", [_param(c) for c in ANNOTATIONS.cases])
def test_annotated_case(case_id, extracted_cases):
    from newskg.evaluation.evaluate import score_case

    case, got = extracted_cases[case_id]
    result = score_case(case, got, Matcher(ANNOTATIONS.aliases))
    detail = "\n".join(result.failures())
    assert result.passed, f"{case.id} ({case.where}): {case.note}\n{detail}"
