"""Fuzz: whatever a user types as an option value, names a file or writes as a
date, the build answers in one line with a documented exit code, reads a
folder as docs/safety.md says, and mints one IRI per distinct key or id."""
from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.cli import run_here

OPTIONS = ["--max-chars", "--viewer-max-nodes", "--workers", "--executor", "--scheduler", "--format", "--model",
           "--remove"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(option=st.sampled_from(OPTIONS), value=st.text(max_size=12) | st.integers(-5, 10**30).map(str)
       | st.sampled_from(["nan", "inf", "-0", "1e9", "0x10", ",", " ", "turtle,,", "dask", "tcp://", "\x00"]))
def test_any_option_value_is_one_line_and_a_documented_code(tmp_path, option, value):
    if "\x00" in value:  # argv cannot hold NUL: the shell never passes one
        value = value.replace("\x00", "")
    proc = run_here("build", str(tmp_path / "no-such-input"), "-o", str(tmp_path / "o"), option, value)
    code, err = proc.returncode, proc.stderr
    assert code in (1, 2), err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("newskg: error: "), err
    assert not (tmp_path / "o").exists()


def test_a_closed_stdin_is_one_line(tmp_path):
    import subprocess
    import sys

    from support.paths import ROOT

    proc = subprocess.run([sys.executable, "-m", "newskg.cli", "build", "-", "-o", str(tmp_path / "o")],
                          cwd=ROOT, capture_output=True, text=True, preexec_fn=lambda: os.close(0), timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines() == ["newskg: error: -: standard input is closed; give the articles as files, "
                                        "or pipe them in"]
    assert not (tmp_path / "o").exists()


TEXT = "Russian forces shelled the city of Kharkiv on Monday, officials in Ukraine said.\n"


def test_a_folder_is_read_as_documented(tmp_path):
    from newskg.reading.sources import read_articles

    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "Upper.TXT").write_text(TEXT)
    (src / "x.JSONL").write_text('{"id": "j1", "text": "%s"}\n' % TEXT.strip())
    (src / ".hidden.txt").write_text(TEXT)
    (src / ".git").mkdir()
    (src / ".git" / "in-git.txt").write_text(TEXT)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "linked.txt").write_text(TEXT)
    (src / "sub" / "link").symlink_to(elsewhere)
    (src / "sub" / "loop").symlink_to(src)  # a loop ends
    os.mkfifo(src / "p.jsonl")
    problems = []
    start = time.monotonic()
    ids = sorted(a.id for a in read_articles([str(src)], on_problem=problems.append))
    assert time.monotonic() - start < 10  # the FIFO was never opened
    assert ids == ["Upper", "j1", "linked"]
    said = {(os.path.basename(p.path), p.reason, p.skipped) for p in problems}
    assert said == {(".hidden.txt", "a hidden file, not read (name it as a SRC to read it)", False),
                    ("p.jsonl", "not a regular file", True)}
    from newskg.reading.sources import count_articles
    assert count_articles([str(src)]) == 3  # counts without opening the FIFO


@pytest.mark.parametrize("date", ["2022-13-45", "2023-02-29", "2022-00-10", "0000-01-01"])
def test_an_invalid_date_is_noted_and_dropped(date):
    from newskg.reading.sources import read_articles

    problems = []
    line = '{"id": "d", "text": "%s", "date": "%s"}' % (TEXT.strip(), date)
    (article,) = read_articles(["-"], line.encode(), on_problem=problems.append)
    assert article.date == ""
    assert [(p.reason, p.skipped) for p in problems] == [
        (f"date {date!r} is not a calendar date: built without a date", False)]


def test_a_real_date_is_kept():
    from newskg.reading.sources import read_articles

    (article,) = read_articles(["-"], b"date 2024-02-29\n" + TEXT.encode())
    assert article.date == "2024-02-29"


# -- IRIs ---------------------------------------------------------------------

FOLD_ALIKE = [
    ("kyiv independent", "kyiv_independent"), ("øst media", "st media"), ("al-qaeda", "al qaeda"),
    ("a" * 79 + " one", "a" * 79 + " two"), ("x 1234abcd", "x"), ("12", "12 "),
]


@pytest.mark.parametrize("a, b", FOLD_ALIKE)
def test_names_that_fold_alike_get_two_iris(a, b):
    from graph.vocab import entity_iri

    assert entity_iri("Organization", a) != entity_iri("Organization", b)


@pytest.mark.parametrize("a, b", [("a b", "a-b-7dbde935"), ("Kyiv_Independent", "Kyiv Independent"),
                                  ("a" * 80 + "1", "a" * 80 + "2"), ("a-b", "a b")])
def test_article_ids_that_fold_alike_get_two_iris(a, b):
    from graph.build import build_graph
    from graph.vocab import article_iri
    from rdflib.namespace import Namespace

    from core.records import Article, ArticleRecords

    assert article_iri(a) != article_iri(b)
    g = build_graph([ArticleRecords(Article(a, "Kyiv held.")), ArticleRecords(Article(b, "Kyiv held."))])
    assert len(set(g.subjects(None, Namespace("https://schema.org/").NewsArticle))) == 2


key_text = st.text(alphabet=st.sampled_from("ab-_ 1øé.ł"), max_size=90)


@settings(max_examples=300, deadline=None)
@given(a=key_text, b=key_text)
def test_iris_are_one_per_key(a, b):
    from graph.vocab import article_iri, entity_iri

    if a != b:
        assert entity_iri("Person", a) != entity_iri("Person", b)
        assert article_iri(a) != article_iri(b)
    assert entity_iri("Person", a) == entity_iri("Person", a)  # deterministic


# -- extraction cost ---------------------------------------------------------------

def test_a_statements_entities_cost_its_own_not_the_articles():
    """about_entities over 3,000 statements of an article with 30,000
    entities: by bisection it reads a few entities each (a scan read 90
    million and took minutes)."""
    import spacy
    from spacy.tokens import Span

    from extract.doc import state  # also registers the span extensions mention() reads
    from extract.reported import about_entities

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Kyiv . " * 30_000)
    doc.ents = [Span(doc, i, i + 1, label="GPE") for i in range(0, len(doc), 2)]
    state(doc).ents = tuple(doc.ents)  # as the pipeline does once typing is done
    start = time.perf_counter()
    found = [about_entities(doc, 14 * i, 14 * i + 13, None) for i in range(3000)]
    assert time.perf_counter() - start < 5
    assert all(len(f) == 2 for f in found)
