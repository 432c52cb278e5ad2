"""Roles, memberships and places that the text describes (extract/descriptions.py), and the
verb rules beside them (extract/relations.py), on real sentences.

Sentences are from English Wikinews (wikinews_2019_2020, CC BY 2.5, credit: Wikinews
contributors; see tests/annotations/README.md).
"""
from __future__ import annotations

import pytest

from extract.pipeline import extract_articles
from core.records import Article

pytestmark = pytest.mark.model

CASES = [
    (("A fire yesterday morning destroyed at least 200 makeshift homes in a slum in Chittagong, a port city "
      "in Bangladesh."), ("Chittagong", "located_in", "Bangladesh")),
    ("He lived in Gonesse, a suburb of Paris.", ("Gonesse", "located_in", "Paris")),
    (("In late August, the Canadian city of Toronto celebrated the quarter century anniversary of Fan Expo "
      "Canada, a massive annual pop culture convention."), ("Toronto", "located_in", "Canada")),
    (("The mayor of New Orleans, LaToya Cantrell, advised residents of her city to make plans and shelter in "
      "place."), ("LaToya Cantrell", "mayor_of", "New Orleans")),
    ('Souhail Alouini, a member of Parliament, said, "We proposed a bill in 2016 about this subject."',
     ("Souhail Alouini", "affiliated_with", None)),
    (("President Vladimir Putin was briefed, and flew to Magnitogorsk on Monday, observing the rescue mission "
      "and visiting the wounded in hospital."), ("Vladimir Putin", "fly_to", "Magnitogorsk")),
]


def _triples(nlp, text: str) -> set[tuple[str, str, str]]:
    records = next(extract_articles(nlp, [Article("t", text, date="2019-01-01")]))
    return {(t.subject.name, t.relation, t.object.name) for t in records.triples}


@pytest.mark.parametrize("text, expected", CASES, ids=[c[1][0] for c in CASES])
def test_described_relation(nlp, text: str, expected: tuple) -> None:
    got = _triples(nlp, text)
    subject, relation, obj = expected
    assert any(s == subject and r == relation and (obj is None or o == obj) for s, r, o in got), got


def test_a_named_district_of_a_state_is_not_its_container(nlp) -> None:
    # "the Western District of Virginia in Abingdon": the district lies in Virginia, not the reverse.
    got = _triples(nlp, "Judge James Parker Jones, presiding in the United States District Court for the "
                        "Western District of Virginia in Abingdon, handed down the sentence.")
    assert not any(s == "Virginia" and r == "located_in" for s, r, _ in got), got


def test_every_role_with_a_relation_of_its_own_is_a_role_noun() -> None:
    # role_relations names the relation of some roles; role_nouns must hold them too, or the title is never read.
    from extract.descriptions import ROLE_NOUNS, ROLE_RELATIONS

    assert sorted(set(ROLE_RELATIONS) - ROLE_NOUNS) == []
