"""Where people are from, where places lie, who killed whom: the relation rules of
extract/subjects.py, extract/copula.py and the containers of extract/triples.py,
on real sentences.

Sentences are from English Wikinews (wikinews_2019_2020, CC BY 2.5, credit: Wikinews
contributors; see tests/annotations/README.md).
"""
from __future__ import annotations

import pytest

from core.records import Article
from extract.pipeline import extract_articles

pytestmark = pytest.mark.model

CASES = [
    # "be" with "from": a person from a place
    ("Tusk, a founding Civic Platform member, is from Gdańsk.", ("Tusk", "from", "Gdańsk"), True),
    # a seat that a place modifies is the holder's role there, not a second fact that they are from it
    ("Yesterday, former United States Senator Kay Hagan died, according to a statement released by her family.",
     ("Kay Hagan", "role_of", "United States"), True),
    ("Yesterday, former United States Senator Kay Hagan died, according to a statement released by her family.",
     ("Kay Hagan", "from", "United States"), False),
    # the place in apposition to a place contains it, and is also where the verb says
    ("John James Conyers Jr., first elected to Congress in 1964, was born in Detroit, Michigan, in 1929.",
     ("John James Conyers Jr.", "born_in", "Michigan"), True),
    # (a hospital is a Facility, located in its town, and the town in its state)
    ("Stevens died in the evening with his two daughters at his bedside at Holy Cross Hospital in Fort "
     "Lauderdale, Florida.", ("Holy Cross Hospital", "located_in", "Fort Lauderdale"), True),
    ("Stevens died in the evening with his two daughters at his bedside at Holy Cross Hospital in Fort "
     "Lauderdale, Florida.", ("Fort Lauderdale", "located_in", "Florida"), True),
    ("Bruce McArthur, from Toronto, Canada, on Tuesday admitted his guilt in eight murders.",
     ("Bruce McArthur", "from", "Canada"), True),
    # a name in apposition to the subject noun stands for it in a relative clause
    ("Yesterday, a United States federal jury convicted Michael Avenatti, the California, US lawyer who "
     "represented porn star Stormy Daniels in her lawsuit against US President Donald Trump, of trying to "
     "extort Nike, an athletic equipment company.", ("Michael Avenatti", "represent", "Stormy Daniels"), True),
    # a participle after the main verb and a comma has its subject
    ("Tupua Tamasese Meaole Hospital returned to normal operation on Sunday, joining Faleolo District Hospital "
     "and Leulumoega District Hospital, which returned to normal on Friday.",
     ("Tupua Tamasese Meaole Hospital", "join", "Faleolo District Hospital"), True),
    # a club's or a government's officer is not "from" its place by this rule: their place is their role
    ("Wisconsin Governor Tony Evers declared a state of emergency and deployed the national guard.",
     ("Tony Evers", "from", "Wisconsin"), False),
    # a home named with its owner: where they live
    ("US singer, actor, and animal rights advocate Doris Day died on Monday at her home in Carmel Valley, California.",
     ("Doris Day", "lives_in", "Carmel Valley"), True),
    ("English mathematician John Horton Conway died on Saturday at his New Jersey home, reportedly due to COVID-19 "
     "complications.", ("John Horton Conway", "lives_in", "New Jersey"), True),
    # a description in apposition from a place
    ("Nabil Hasan al-Quaety, a photo- and videojournalist from Yemen, died in the city of Aden, in southern Yemen, on "
     "Tuesday after being shot in his car.", ("Nabil Hasan al-Quaety", "from", "Yemen"), True),
    # "convicted X of doing Y": X did it
    ("Yesterday, a United States federal jury convicted Michael Avenatti, the California, US lawyer who represented "
     "porn star Stormy Daniels in her lawsuit against US President Donald Trump, of trying to extort Nike, an athletic "
     "equipment company.", ("Michael Avenatti", "extort", "Nike"), True),
    # an object pronoun is not its verb's subject
    ("Robert was killed in June 1968, while seeking the Democratic nomination for president. Sirhan shot him in the "
     "head just after midnight, while he was walking through a hotel kitchen.", ("Sirhan", "shoot", "Robert"), True),
]


def _triples(nlp, text: str) -> set[tuple[str, str, str]]:
    records = next(extract_articles(nlp, [Article("t", text, date="2019-01-01")]))
    return {(t.subject.name, t.relation, t.object.name) for t in records.triples}


@pytest.mark.parametrize("text, expected, present", CASES, ids=[f"{c[1][0]}-{c[1][1]}" for c in CASES])
def test_relation(nlp, text: str, expected: tuple, present: bool) -> None:
    got = _triples(nlp, text)
    assert (expected in got) == present, got
