"""Facts a sentence does not state, and wins named by a noun (extract/relations.py, extract/modality.py,
extract/subjects.py, extract/victories.py).

Sentences of English Wikinews (wikinews_2019_2020, CC BY 2.5, credit: Wikinews contributors).
"""
from __future__ import annotations

import pytest

from core.records import Article
from extract.pipeline import extract_articles

pytestmark = pytest.mark.model


def _facts(nlp, text: str) -> set[tuple[str, str, str, str]]:
    records = next(extract_articles(nlp, [Article("t", text, date="2020-08-01")]))
    return {(t.subject.name, t.relation, t.object.name, t.modality) for t in records.triples}


@pytest.mark.parametrize("text, expected", [
    ("Neither Dasbach nor Mears would provide Wikinews with an image of the wound.",
     ("Mears", "provide", "Wikinews", "negated")),
    ("The book alleges, among other things, that Trump paid his friend Joe Shapiro to take the SAT for him before"
     " his admission to the Wharton School of the University of Pennsylvania.",
     ("Trump", "pay", "Joe Shapiro", "alleged")),
    ("At the beginning of May, with the Coronavirus Pandemic ongoing and stay-at-home orders easing in some"
     " states, presumptive US Democratic Party presidential nominee Joe Biden led incumbent US President Donald"
     " Trump of the Republican Party in the RealClearPolitics average of head-to-head opinion polls.",
     ("Joe Biden", "lead", "Donald Trump", "")),
    ("Among the most famous opinions written by Stevens was his dissent in the Court's decision to halt Florida"
     " recounts in the 2000 US Presidential election, the decision that cemented George W. Bush's victory over"
     " Al Gore.", ("George W. Bush", "defeat", "Al Gore", "")),
], ids=["neither-nor", "alleges", "lead-in-polls", "victory-over"])
def test_the_fact_is_stated_as_the_sentence_states_it(nlp, text: str, expected: tuple) -> None:
    got = _facts(nlp, text)
    assert expected in got, got
    assert {f for f in got if f[:3] == expected[:3] and f[3] != expected[3]} == set(), got


@pytest.mark.parametrize("text, relation", [
    ("Recently, the United States announced a naval coalition to patrol the Persian Gulf which was joined by"
     " Australia, Bahrain, Saudi Arabia, the United Kingdom and the United Arab Emirates.", "join"),
    ("Stevens was born in 1920 in Chicago, Illinois and studied law at Northwestern University. He was nominated"
     " to the Supreme Court in 1975 by President Gerald Ford.", "nominate_to"),
], ids=["restrictive-clause-on-name", "passive-agent-prep"])
def test_no_fact_the_sentence_does_not_state(nlp, text: str, relation: str) -> None:
    assert {f for f in _facts(nlp, text) if f[1] == relation} == set()
