"""Speakers through descriptions (extract/speakers.py, extract/described.py), on real sentences.

Sentences are from English Wikinews (wikinews_2019_2020, CC BY 2.5, credit: Wikinews
contributors; see tests/annotations/README.md) and the seeds.
"""
from __future__ import annotations

import pytest

from core.records import Article
from extract.pipeline import extract_articles

pytestmark = pytest.mark.model

CASES = [
    # a role after "the", no one named with it: the person who spoke last
    (("AU trade and industry commissioner Albert Muchanga announced Benin was to join. The commissioner said, "
      "\"We haven't yet agreed on rules of origin and tariff con[c]essions, but the framework we have is enough "
      "to start trading on July 1, 2020\"."), "framework we have", "Albert Muchanga"),
    # "The mayor of Paris, Anne Hidalgo": the name the parser hangs on the role's "of" object
    (("The mayor of Paris, Anne Hidalgo, wrote on Twitter: \"Paris is mourning its family this afternoon after "
      "this appalling attack on the [Police Prefecture]. The toll is heavy, several police lost their lives.\""),
     "Paris is mourning", "Anne Hidalgo"),
    # "the company": the business the article is about
    (("A helicopter under contract to Pacific Gas and Electric (PG&E) on Tuesday struck power lines and crashed "
      "near Fairfield, California. The three deceased were reportedly PG&E contract employees. The company said "
      "power was restored by 20:21 following delays caused by warm weather at the time."),
     "power was restored", "PG&E"),
    # "the commission": the organisation named with that word
    (("The United States Commission on Presidential Debates announced on Friday the second presidential debate "
      "between US President Donald Trump and former US Vice President Joe Biden, which was slated for October "
      "15, has been cancelled, citing COVID-19 safety concerns.\n\nIn an official statement, the commission "
      "said, \"On October 8, CPD announced that for the health and safety of all involved, the second "
      "presidential debate, scheduled for October 15 in Miami, would be conducted virtually\"."),
     "would be conducted virtually", "United States Commission on Presidential Debates"),
]


def _statements(nlp, text: str):
    return next(extract_articles(nlp, [Article("t", text, date="2019-01-01")])).statements


@pytest.mark.parametrize("text, content, speaker", CASES, ids=[c[2] for c in CASES])
def test_a_description_names_whom_the_article_introduced(nlp, text: str, content: str, speaker: str) -> None:
    got = [(s.speaker.name if s.speaker else None, s.content) for s in _statements(nlp, text)]
    assert any(name == speaker and content in said for name, said in got), got


PRONOUN_CASES = [
    # the same "he" speaking in the sentence before, Harris only named in what he said
    (("This fulfilled Biden's earlier pledge to pick a woman as his running mate. Trump questioned the "
      "selection. He said the \"phony\" and \"nasty\" Harris attacked Biden during Democratic debates and "
      "blasted her behavior during the Brett Kavanaugh Supreme Court confirmation hearing. He also said "
      "Harris' poll numbers dropped precipitously before her withdrawal."), "poll numbers dropped", "Trump"),
]


@pytest.mark.parametrize("text, content, speaker", PRONOUN_CASES, ids=[c[2] for c in PRONOUN_CASES])
def test_a_pronoun_in_a_run_of_statements_keeps_its_speaker(nlp, text: str, content: str, speaker: str) -> None:
    got = [(s.speaker.name if s.speaker else None, s.content) for s in _statements(nlp, text)]
    assert any(name == speaker and content in said for name, said in got), got
