"""Score extraction against annotated cases: ``newskg eval``.

:func:`extract_cases` builds the articles the cases name with the same code
path as ``newskg build`` (reader, spaCy pipeline, ``graph.resolve``) and
collects, for each case, what was extracted from its passage.
:func:`score_case` and :func:`summarise` are pure: they take plain
:mod:`newskg.match` records, so the scorer is tested without a model.

>>> from newskg.evaluation.match import XEntity
>>> r = score_case(Case("c", "s", "a", {"entities": ({"name": "Kyiv", "type": "City"},),
...                 "triples": (), "statements": (), "claims": ()}),
...                Extracted(entities=(XEntity(("Kiev",), "City"),)), Matcher({"Kyiv": ["Kiev"]}))
>>> r.passed, r.counts["entity_types"]
(True, (1, 0, 0))
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .annotations import (
    Annotations,
    Case,
    passage,
    read_case_articles,
    resolve_text_spans,
)
from .match import Matcher, XClaim, XEntity, XStatement, XTriple, pair, unpaired

#: Scored categories, in report order; ``overall`` sums MAIN.
SCORED = ("entities", "entity_types", "triples", "statements", "statement_texts", "claims", "claim_values", "dates")
MAIN = ("entity_types", "triples", "statements", "claims")
EVAL_FORMATS = ("table", "json")
#: category -> (annotation list, Matcher method, extra keyword arguments)
_RULES = {
    "entities": ("entities", "match_entity", {}),
    "entity_types": ("entities", "match_entity", {"typed": True}),
    "triples": ("triples", "match_triple", {}),
    "statements": ("statements", "match_statement", {}),
    "statement_texts": ("statements", "match_statement", {"attributed": False}),
    "claims": ("claims", "match_claim", {}),
    "claim_values": ("claims", "match_claim", {"attributed": False}),
}
_KIND = {"entities": "entity", "triples": "triple", "statements": "statement", "claims": "claim"}


@dataclass(frozen=True)
class Extracted:
    """What was extracted from one passage (entities once per graph node)."""

    entities: tuple[XEntity, ...] = ()
    triples: tuple[XTriple, ...] = ()
    statements: tuple[XStatement, ...] = ()
    claims: tuple[XClaim, ...] = ()

    def referenced(self) -> Iterable[XEntity]:
        """Every entity the passage's items point at, for must_not entity rules."""
        yield from self.entities
        for t in self.triples:
            yield from (t.subject, t.object)
        for s in self.statements:
            if s.speaker is not None:
                yield s.speaker
        for c in self.claims:
            yield from (e for e in (c.place, c.claimant) if e is not None)


@dataclass(frozen=True)
class CaseResult:
    case: Case
    counts: dict[str, tuple[int, int, int]]  # category -> (tp, fp, fn)
    misses: dict[str, list[object]] = field(default_factory=dict)  # expected items not found
    false_positives: dict[str, list[object]] = field(default_factory=dict)
    violations: list[tuple[dict, object]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        main = ("entity_types", "triples", "statements", "claims", "dates")
        return not self.violations and all(self.counts[c][2] == 0 for c in main)

    def failures(self) -> list[str]:
        """One line per miss and violation, for test messages and --details."""
        lines = [f"missed {cat}: {_show(item)}" for cat, items in self.misses.items() for item in items]
        lines += [f"must_not {_show(rule)} violated by {_show(x)}" for rule, x in self.violations]
        return lines


def score_case(case: Case, got: Extracted, matcher: Matcher) -> CaseResult:
    """Pair expected with extracted items per category (see the README's counting rules)."""
    counts, misses, fps = {}, {}, {}
    for cat, (listed, method, kw) in _RULES.items():
        want, items = case.expected.get(listed, ()), getattr(got, listed)
        ok = partial(getattr(matcher, method), **kw)
        pairs = pair(want, items, ok)
        extra = unpaired(items, pairs.values())
        optional = case.optional.get(listed, ())
        extra = [x for x in extra if not any(ok(o, x) for o in optional)]
        counts[cat] = (len(pairs), len(extra), len(want) - len(pairs))
        misses[cat] = [e for i, e in enumerate(want) if i not in pairs]
        fps[cat] = extra
        if cat in ("triples", "statements", "claims"):
            _score_dates(cat, want, items, pairs, counts, misses)
    violations = []
    for rule in case.must_not:
        for kind, items in (("entity", got.referenced()), ("triple", got.triples), ("statement", got.statements),
                            ("claim", got.claims)):
            for x in items:
                if matcher.violates(rule, kind, x):
                    violations.append((rule, x))
    return CaseResult(case, counts, {k: v for k, v in misses.items() if v}, {k: v for k, v in fps.items() if v},
                      _dedupe(violations))


def _score_dates(cat: str, want: Sequence[Mapping], items: Sequence, pairs: dict[int, int], counts: dict, misses: dict) -> None:
    tp, fp, fn = counts.get("dates", (0, 0, 0))
    for i, e in enumerate(want):
        if "date" not in e:
            continue
        got = items[pairs[i]].date if i in pairs else None
        if got == e["date"]:
            tp += 1
        else:
            fn += 1
            fp += bool(got)
            misses.setdefault("dates", []).append({**e, "extracted_date": got})
    counts["dates"] = (tp, fp, fn)


def _dedupe(violations: list[tuple[dict, object]]) -> list[tuple[dict, object]]:
    seen, out = set(), []
    for rule, x in violations:
        key = (json.dumps(rule, sort_keys=True), repr(x))
        if key not in seen:
            seen.add(key)
            out.append((rule, x))
    return out


def _show(item: object) -> str:
    if isinstance(item, XEntity):
        return f"{item.names[0]} ({item.type})"
    if isinstance(item, XTriple):
        return f"({_show(item.subject)}, {item.relation}, {_show(item.object)})" + (f" @{item.date}" if item.date else "")
    if isinstance(item, XStatement):
        who = _show(item.speaker) if item.speaker else f"[{item.speaker_text or 'no speaker'}]"
        return f"{who} {item.cue} {item.mode}: {item.text[:90]!r}"
    if isinstance(item, XClaim):
        by = _show(item.claimant) if item.claimant else f"[{item.claimant_text}]"
        where = f" in {_show(item.place)}" if item.place else ""
        return f"{item.value} {item.qualifier + ' ' if item.qualifier else ''}{item.counted} {item.category}{where} by {by}"
    return json.dumps(item, ensure_ascii=False)


# ---------------------------------------------------------------------------- building


def extract_cases(annotations: Annotations, model: str, corpora: str | Path | None = None) -> dict[str, tuple[Case, Extracted]]:
    """Build the referenced articles as ``newskg build`` does; per case id, its (case, extraction)."""
    articles = read_case_articles(annotations, corpora)
    from extract.pipeline import extract_articles, load_pipeline  # spaCy: only now
    from graph.build import _record_mentions
    from graph.resolve import resolve

    nlp = load_pipeline(model)
    records = {r.article.id: r for r in extract_articles(nlp, (articles[k] for k in sorted(articles)))}
    _, by_mention = resolve(m for r in records.values() for m in _record_mentions(r))
    out = {}
    for case in annotations.cases:
        article = articles[case.key]
        out[case.id] = (resolve_text_spans(case, article), _extracted(case, passage(case, article), records[article.id], by_mention))
    return out


def _extracted(case: Case, span: tuple[int, int], r, by_mention) -> Extracted:
    def ent(m) -> XEntity | None:
        # Surface forms name only the passage's own entity mentions: the end of a
        # triple read from "Russian air strikes" is Russia, not an entity "Russian".
        if m is None:
            return None
        e = by_mention[m]
        return XEntity((e.label, m.name), e.type, f"{e.type}:{e.key}")

    if case.metadata:
        return Extracted(entities=tuple(ent(m) for m in (r.publisher, *r.dateline) if m is not None))
    inside = lambda item: span[0] <= item.provenance.start < span[1]
    by_key: dict[str, list] = defaultdict(list)
    for m in filter(inside, r.mentions):
        by_key[ent(m).key].append(m)
    entities = tuple(XEntity(tuple(dict.fromkeys(n for x in ms for n in ent(x).names)), ent(ms[0]).type, key,
                             tuple(dict.fromkeys(x.text for x in ms)))
                     for key, ms in by_key.items())
    triples = tuple(dict.fromkeys(XTriple(ent(t.subject), t.relation, ent(t.object), t.date)
                                  for t in filter(inside, r.triples) if by_mention[t.subject] is not by_mention[t.object]))
    statements = tuple(XStatement(ent(s.speaker), s.speaker_text, s.cue, s.mode, s.content, s.date)
                       for s in filter(inside, r.statements))
    claims = tuple(XClaim(c.value, c.qualifier, c.counted, c.category, ent(c.place), ent(c.claimant), c.claimant_text, c.date)
                   for c in filter(inside, r.claims))
    return Extracted(entities, triples, statements, claims)


# ---------------------------------------------------------------------------- reports


@dataclass(frozen=True)
class Report:
    path: str
    results: tuple[CaseResult, ...]
    totals: dict[str, tuple[int, int, int]]

    def scores(self) -> dict[str, dict[str, float | int]]:
        return {cat: prf(*c) for cat, c in self.totals.items()}

    def as_json(self, details: bool = False) -> dict:
        passed = [r for r in self.results if r.passed]
        out = {
            "annotations": self.path,
            "cases": len(self.results),
            "passed": len(passed),
            "known_gaps": sum(1 for r in self.results if r.case.known_gap),
            "must_not_violations": sum(len(r.violations) for r in self.results),
            "scores": self.scores(),
        }
        if details:
            out["details"] = [
                {"id": r.case.id, "passed": r.passed, "known_gap": r.case.known_gap, "tags": list(r.case.tags),
                 "misses": {k: [_show(i) for i in v] for k, v in r.misses.items()},
                 "false_positives": {k: [_show(i) for i in v] for k, v in r.false_positives.items()},
                 "violations": [f"{_show(rule)} by {_show(x)}" for rule, x in r.violations]}
                for r in self.results
            ]
        return out


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def summarise(path: str, results: Sequence[CaseResult]) -> Report:
    totals = {}
    for cat in SCORED:
        totals[cat] = tuple(sum(r.counts.get(cat, (0, 0, 0))[k] for r in results) for k in range(3))
    totals["overall"] = tuple(sum(totals[c][k] for c in MAIN) for k in range(3))
    return Report(path, tuple(results), totals)


def format_report(report: Report, fmt: str = "table", details: bool = False) -> str:
    if fmt == "json":
        return json.dumps(report.as_json(details), ensure_ascii=False, indent=2) + "\n"
    data = report.as_json(details)
    head = f"{'category':<16}{'TP':>6}{'FP':>6}{'FN':>6}{'precision':>11}{'recall':>8}{'F1':>7}"
    lines = [head, "-" * len(head)]
    for cat, s in data["scores"].items():
        lines.append(f"{cat:<16}{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}{s['precision']:>11.3f}{s['recall']:>8.3f}{s['f1']:>7.3f}")
    lines.append(f"cases passed {data['passed']}/{data['cases']} (known gaps marked: {data['known_gaps']}); "
                 f"must_not violations: {data['must_not_violations']}")
    if details:
        for r in report.results:
            if r.passed and not r.false_positives:
                continue
            mark = "PASS" if r.passed else "FAIL"
            lines.append(f"\n{mark} {r.case.id} [{', '.join(r.case.tags)}]" + (f" known_gap: {r.case.known_gap}" if r.case.known_gap else ""))
            lines += [f"  {line}" for line in r.failures()]
            lines += [f"  extra {cat}: {_show(x)}" for cat, xs in r.false_positives.items() for x in xs]
    return "\n".join(lines) + "\n"


def evaluate(annotations: str | Path, model: str, corpora: str | Path | None = None) -> Report:
    """Build what the annotation file references and score every case."""
    from .annotations import load_annotations

    ann = load_annotations(annotations)
    matcher = Matcher(ann.aliases)
    results = [score_case(case, got, matcher) for case, got in extract_cases(ann, model, corpora).values()]
    return summarise(str(annotations), results)

