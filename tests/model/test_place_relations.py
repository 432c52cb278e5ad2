"""Where places lie and where organisations are based: the container rules of extract/located.py
and the seat rules of extract/org_places.py, on real sentences.

Sentences are from English Wikinews (wikinews_2019_2020, CC BY 2.5, credit: Wikinews
contributors; see tests/annotations/README.md).
"""
from __future__ import annotations

import pytest

from core.records import Article
from extract.pipeline import extract_articles

pytestmark = pytest.mark.model

CASES = [
    # a US state after a town's comma, whatever follows it
    ("Stevens was born in 1920 in Chicago, Illinois and studied law at Northwestern University.",
     ("Chicago", "located_in", "Illinois"), True),
    ("Unrest continued in Portland, Oregon as well, where a Trump supporter was shot and killed.",
     ("Portland", "located_in", "Oregon"), True),
    # "Washington, D.C." is the city's own name, no place in a place
    ("The next day, Trump held a Fourth of July \"Salute to America\" in Washington, D.C. in which he "
     "delivered another speech.", ("Washington", "located_in", "D.C."), False),
    # a capital in apposition lies in the place that owns it
    ("Leaders of African Union (AU) member states met in Niamey, Niger's capital, for an AU summit.",
     ("Niamey", "located_in", "Niger"), True),
    # a place owned by a larger place; and what is in it is in the larger place too
    ("Mir-Mohammadi had previously represented Iran's Qom Province in the Islamic Consultative Assembly.",
     ("Qom region", "located_in", "Iran"), True),
    ("In a report released in The New England Journal of Medicine on Wednesday, scientists studying "
     "patients in Zhuhai in China's Guangdong Province reported their findings.",
     ("Zhuhai", "located_in", "China"), True),
    # a direction word is no place
    ("Judge James Parker Jones, presiding in the United States District Court for the Western District of "
     "Virginia in Abingdon, handed down the sentence.", ("Western", "located_in", "Virginia"), False),
    # an organisation's seat, and the company noun before its name
    ("In his Tuesday live-streamed talk at the United States think tank Atlantic Council's Washington "
     "headquarters, Mitsotakis reaffirmed that the EastMed project is open for other countries to join.",
     ("Atlantic Council", "based_in", "Washington"), True),
    ("Tipton held a panel on her career, dubbing anime for US distribution company Funimation Entertainment.",
     ("Funimation Entertainment", "based_in", "United States"), True),
]


def _triples(nlp, text: str) -> set[tuple[str, str, str]]:
    records = next(extract_articles(nlp, [Article("t", text, date="2019-01-01")]))
    return {(t.subject.name, t.relation, t.object.name) for t in records.triples}


@pytest.mark.parametrize("text, expected, present", CASES, ids=[f"{c[1][0]}-{c[1][1]}-{c[2]}" for c in CASES])
def test_place_relation(nlp, text: str, expected: tuple, present: bool) -> None:
    got = _triples(nlp, text)
    assert (expected in got) == present, got
