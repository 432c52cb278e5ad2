"""Statements without a speech verb (extract/cues.py, extract/statements.py, extract/reported.py), on real sentences.

Sentences are from English Wikinews (wikinews_2019_2020, CC BY 2.5, credit: Wikinews
contributors; see tests/annotations/README.md).
"""
from __future__ import annotations

import pytest

from core.records import Article

pytestmark = pytest.mark.model

CASES = [
    # a verb of manner whose clause is the quote: the quote is the subject's
    ("In one exchange, as Pence attempted to interrupt, Harris exclaimed, \"Mr. Vice President, I'm speaking.\"",
     [("Harris", "exclaim", "Mr. Vice President, I'm speaking.")]),
    ("\"Our citizens, police and reporters have been injured during violent incidents,\" Lam continued in the "
     "statement.",
     [("Lam", "continue", "Our citizens, police and reporters have been injured during violent incidents")]),
    # a share of people, as a poll counts them, holds a view
    ("A Zogby International poll showed 55 percent of respondents believed Biden to be in the early stages of "
     "dementia.",
     [("A Zogby International poll", "show",
       "55 percent of respondents believed Biden to be in the early stages of dementia"),
      ("55 percent of respondents", "believe", "Biden to be in the early stages of dementia")]),
    # a speaker after a colon reports what follows, not what the colon ends
    ("Giuliani received news concerning the laptop harddrive data in his possession: Fox News reported two separate "
     "law enforcement sources confirmed an FBI money laundering probe connected to the laptop.",
     [("Fox News", "report",
       "two separate law enforcement sources confirmed an FBI money laundering probe connected to the laptop")]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_statements_without_speech_verb(nlp, text, expected):
    from extract.pipeline import records_from_doc

    records = records_from_doc(nlp(text), Article("example", text, date="2020-01-01"))
    assert [(s.speaker_text, s.cue, s.content) for s in records.statements] == expected
