"""The multi-domain annotation set (tests/annotations/domains_*.jsonl): its format, its split and its
spans. It is scored by ``newskg eval`` only, never one pytest case per passage; the held-out half is
read here for its shape, never for what it expects."""
from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path

import pytest

from newskg.evaluation.annotations import (
    CORPORA_ENV,
    DOMAINS,
    SEEDS,
    load_annotations,
    passage,
    read_case_articles,
    resolve_text_spans,
)
from support.paths import ANNOTATION_SETS, TUNING
from support.shared import shared_missing

HALVES = {name: load_annotations(ANNOTATION_SETS / f"{name}.jsonl") for name in ("domains_tuning", "domains_heldout")}
#: Corpora whose text may be committed (beside the cases, in articles/); all others go by span + sha1.
COPYABLE = {p.stem for p in (ANNOTATION_SETS / "articles").glob("*.jsonl")}


def _articles(name: str) -> set[tuple[str, str]]:
    return {c.key for c in HALVES[name].cases}


def test_ids_are_unique_across_every_annotation_set():
    ids = [c.id for a in HALVES.values() for c in a.cases]
    ids += [c.id for f in (TUNING, TUNING.parent / "heldout.jsonl") for c in load_annotations(f).cases]
    assert len(ids) == len(set(ids))


def test_split_by_article_into_halves_shared_with_no_other_set():
    tuning, heldout = _articles("domains_tuning"), _articles("domains_heldout")
    assert len(tuning | heldout) >= 30 and len(tuning) >= 15 and len(heldout) >= 15
    assert not tuning & heldout
    others = {c.key for f in (TUNING, TUNING.parent / "heldout.jsonl") for c in load_annotations(f).cases}
    assert not (tuning | heldout) & others
    assert all(not c.known_gap and c.source != SEEDS for a in HALVES.values() for c in a.cases)


def test_every_case_has_a_known_domain_one_per_article():
    domains: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a in HALVES.values():
        for c in a.cases:
            assert c.domain in DOMAINS, c.id
            domains[c.key].add(c.domain)
    assert all(len(d) == 1 for d in domains.values())
    for name in HALVES:  # each half covers the four BBC sections and world news
        assert {"business", "politics", "sport", "tech", "world"} <= {c.domain for c in HALVES[name].cases}, name


def test_the_readme_lists_the_known_domains():
    readme = (ANNOTATION_SETS / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `domain` |"))
    assert tuple(sorted(re.findall(r"`([a-z]+)`", row)[1:])) == DOMAINS


def test_the_corpora_the_issue_names_are_all_used():
    """BBC, several outlets of newsarticles_2017, Reuters and Wikinews."""
    sources = {c.source for a in HALVES.values() for c in a.cases}
    assert {"bbc", "newsarticles_2017", "reuters21578", "wikinews_2019_2020"} <= sources
    newsarticles = {c.article for a in HALVES.values() for c in a.cases if c.source == "newsarticles_2017"}
    assert len(newsarticles) >= 6  # each from another outlet: checked with the corpora below


def test_text_of_research_corpora_is_never_copied():
    """Only copyable corpora give passages or quotes as text; the others point into the corpus."""
    for a in HALVES.values():
        for c in a.cases:
            if c.source in COPYABLE:
                continue
            assert not c.text and (c.span or c.metadata) and (c.sha1 or c.metadata), c.id
            statements = (*c.expected["statements"], *c.optional.get("statements", ()))
            assert not any("text" in s for s in statements), c.id


def _corpora() -> Path | None:
    folder = os.environ.get(CORPORA_ENV)
    return Path(folder) if folder and Path(folder).is_dir() else None


@pytest.mark.parametrize("name", sorted(HALVES))
def test_spans_still_match_their_sha1_in_the_corpora(name):
    """Every passage is found (span + sha1 checked), and every quote span lies inside its passage."""
    needed = {c.source for c in HALVES[name].cases} - COPYABLE
    corpora = _corpora()
    if corpora is None or not all((corpora / s / f"{s}.jsonl").is_file() for s in needed):
        shared_missing(f"the corpora ({', '.join(sorted(needed))}) are not here; set {CORPORA_ENV}")
    articles = read_case_articles(HALVES[name], corpora)
    for c in HALVES[name].cases:
        article = articles[c.key]
        start, end = passage(c, article)  # raises on a changed corpus
        for s in (*c.expected["statements"], *c.optional.get("statements", ())):
            spans = s.get("text_span", [])
            for a, b in ([spans] if spans and isinstance(spans[0], int) else spans):
                assert start <= a < b <= end, (c.id, a, b)
        resolve_text_spans(c, article)
    outlets = [article.source for (source, _), article in articles.items() if source == "newsarticles_2017"]
    assert len(outlets) == len(set(outlets)), f"one article per outlet, not {sorted(outlets)}"


@pytest.mark.parametrize("name", sorted(HALVES))
def test_a_sum_or_a_percentage_gives_its_unit(name):
    """The README's form: a claim that counts a currency (an ISO 4217 code among its `counted`) or
    percent also gives `unit`; without it the matcher reads a count, which no sum can match."""
    wrong = []
    for case in HALVES[name].cases:
        for claim in case.expected.get("claims", ()) + case.optional.get("claims", ()):
            counted = claim.get("counted", [])
            counted = [counted] if isinstance(counted, str) else counted
            money = [v for v in counted if re.fullmatch(r"[A-Z]{3}", v) or v == "percent"]
            if money and not claim.get("unit"):
                wrong.append(f"{case.where}: counted {money[0]!r} without unit")
    assert not wrong, wrong[:5]
