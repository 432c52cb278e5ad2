"""How a verb states its fact (extract/modality.py): asserted, or negated, possible, intended, ...;
and subjects and objects spread over conjunctions. On short sentences in the style of news."""
from __future__ import annotations

import pytest

from core.records import Article
from extract.pipeline import extract_articles

pytestmark = pytest.mark.model

CASES = [
    ("Geert Wilders had pledged to leave the European Union.", ("Geert Wilders", "leave", "European Union", "intended")),
    ("Russia did not attack Kyiv.", ("Russia", "attacked", "Kyiv", "negated")),
    ("Russia could attack Kyiv.", ("Russia", "attacked", "Kyiv", "possible")),
    ("Microsoft will acquire Activision.", ("Microsoft", "acquired", "Activision", "future")),
    ("Putin refused to meet Zelensky.", ("Putin", "met", "Zelensky", "refused")),
    ("Russia failed to capture Kyiv.", ("Russia", "capture", "Kyiv", "failed")),
    ("Russia attacked Kyiv.", ("Russia", "attacked", "Kyiv", "")),
]


def _facts(nlp, text: str) -> set[tuple[str, str, str, str]]:
    records = next(extract_articles(nlp, [Article("t", text, date="2022-04-22")]))
    return {(t.subject.name, t.relation, t.object.name, t.modality) for t in records.triples}


@pytest.mark.parametrize("text, expected", CASES, ids=[c[1][3] or "asserted" for c in CASES])
def test_the_fact_keeps_how_it_is_stated(nlp, text: str, expected: tuple) -> None:
    got = _facts(nlp, text)
    assert expected in got, got
    assert {f[:3] for f in got if f[3] != expected[3]} & {expected[:3]} == set(), got  # never also asserted


def test_a_but_clause_keeps_its_own_modality(nlp):
    got = _facts(nlp, "Russia attacked Kyiv but did not capture Kharkiv.")
    assert {("Russia", "attacked", "Kyiv", ""), ("Russia", "capture", "Kharkiv", "negated")} <= got, got


@pytest.mark.parametrize("text, expected", [
    ("Russia and Belarus attacked Ukraine.", {("Russia", "attacked", "Ukraine", ""), ("Belarus", "attacked", "Ukraine", "")}),
    ("Russia attacked Kyiv and Kharkiv.", {("Russia", "attacked", "Kyiv", ""), ("Russia", "attacked", "Kharkiv", "")}),
])
def test_subjects_and_objects_spread_over_conjunctions(nlp, text: str, expected: set) -> None:
    assert expected <= _facts(nlp, text)
