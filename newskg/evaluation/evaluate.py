"""Score extraction against annotated cases: ``newskg eval``.

:func:`extract_cases` builds the articles the cases name with the same code
path as ``newskg build`` (reader, spaCy pipeline, ``graph.resolve``) and
collects, for each case, what was extracted from its passage: the
records themselves (:mod:`core.records` triples, statements, claims), the
passage's entities, and the entity each mention resolved to.
:func:`score_case` and :func:`summarise` are pure, so the scorer is tested
without a model.

>>> from newskg.evaluation.match import PassageEntity
>>> r = score_case(Case("c", "s", "a", {"entities": ({"name": "Kyiv", "type": "City"},),
...                 "triples": (), "statements": (), "claims": ()}),
...                Extracted(entities=(PassageEntity(("Kiev",), "City"),)), Matcher({"Kyiv": ["Kiev"]}))
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

from core.records import Claim, Mention, Statement, Triple

from .annotations import (
    Annotations,
    Case,
    passage,
    read_case_articles,
    resolve_text_spans,
)
from .match import EntityOf, Matcher, PassageEntity, pair, unpaired

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
    """What was extracted from one passage: its entities (once per graph node),
    its records, and ``entity_of``, the entity each of their mentions resolved to."""

    entities: tuple[PassageEntity, ...] = ()
    triples: tuple[Triple, ...] = ()
    statements: tuple[Statement, ...] = ()
    claims: tuple[Claim, ...] = ()
    entity_of: EntityOf = field(default_factory=dict)

    def referenced(self) -> Iterable[PassageEntity]:
        """Every entity the passage's items point at, for must_not entity rules."""
        yield from self.entities
        for t in self.triples:
            yield from (self.entity_of[t.subject], self.entity_of[t.object])
        for s in self.statements:
            if s.speaker is not None:
                yield self.entity_of[s.speaker]
        for c in self.claims:
            yield from (self.entity_of[m] for m in (c.place, c.claimant) if m is not None)


@dataclass(frozen=True)
class CaseResult:
    case: Case
    counts: dict[str, tuple[int, int, int]]  # category -> (tp, fp, fn)
    misses: dict[str, list[object]] = field(default_factory=dict)  # expected items not found
    false_positives: dict[str, list[object]] = field(default_factory=dict)
    violations: list[tuple[dict, object]] = field(default_factory=list)
    entity_of: EntityOf = field(default_factory=dict)  # to show the records' mentions as entities

    @property
    def passed(self) -> bool:
        main = ("entity_types", "triples", "statements", "claims", "dates")
        return not self.violations and all(self.counts[c][2] == 0 for c in main)

    def failures(self) -> list[str]:
        """One line per miss and violation, for test messages and --details."""
        lines = [f"missed {cat}: {self.show(item)}" for cat, items in self.misses.items() for item in items]
        lines += [f"must_not {self.show(rule)} violated by {self.show(x)}" for rule, x in self.violations]
        return lines

    def show(self, item: object) -> str:
        """An expected item (JSON) or an extracted one, in one line."""
        return _show(item, self.entity_of)


def score_case(case: Case, got: Extracted, matcher: Matcher) -> CaseResult:
    """Pair expected with extracted items per category (see the README's counting rules)."""
    matcher = matcher.seeing(got.entity_of)
    counts, misses, fps = {}, {}, {}
    for cat, (listed, method, kw) in _RULES.items():
        want, items = case.expected.get(listed, ()), getattr(got, listed)
        ok = partial(getattr(matcher, method), **kw)
        pairs = pair(want, items, ok)
        extra = unpaired(items, pairs.values())
        optional = case.optional.get(listed, ())
        extra = [x for x in extra if not any(ok(o, x) for o in optional)]
        if cat == "triples" and not any(e.get("modality") for e in want):
            extra = [x for x in extra if not x.modality]  # a case that asks no modality judges none
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
                      _dedupe(violations, got.entity_of), got.entity_of)


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


def _dedupe(violations: list[tuple[dict, object]], entity_of: EntityOf) -> list[tuple[dict, object]]:
    seen, out = set(), []
    for rule, x in violations:
        key = (json.dumps(rule, sort_keys=True), _identity(x, entity_of))
        if key not in seen:
            seen.add(key)
            out.append((rule, x))
    return out


def _identity(x: object, entity_of: EntityOf) -> tuple:
    """What an extracted item says, as a reader of the passage sees it: its
    fields with mentions as their entities, without provenance and confidence.
    Items alike in this are one item (a triple read twice, a repeated must_not hit)."""
    of = lambda m: None if m is None else entity_of[m]  # noqa: E731
    if isinstance(x, Triple):
        return ("triple", of(x.subject), x.relation, of(x.object), x.date)
    if isinstance(x, Statement):
        return ("statement", of(x.speaker), x.speaker_text, x.cue, x.mode, x.content, x.date)
    if isinstance(x, Claim):
        return ("claim", x.value, x.qualifier, x.counted, x.category, of(x.place), of(x.claimant),
                x.claimant_text, x.date)
    return ("entity", x)


def _show(item: object, entity_of: EntityOf) -> str:
    def who(m: Mention | None) -> str:
        return _show(entity_of[m], entity_of) if m is not None else ""

    if isinstance(item, PassageEntity):
        return f"{item.names[0]} ({item.type})"
    if isinstance(item, Triple):
        return f"({who(item.subject)}, {item.relation}, {who(item.object)})" + (f" @{item.date}" if item.date else "")
    if isinstance(item, Statement):
        speaker = who(item.speaker) if item.speaker else f"[{item.speaker_text or 'no speaker'}]"
        return f"{speaker} {item.cue} {item.mode}: {item.content[:90]!r}"
    if isinstance(item, Claim):
        by = who(item.claimant) if item.claimant else f"[{item.claimant_text}]"
        where = f" in {who(item.place)}" if item.place else ""
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
    entity_of: dict[Mention, PassageEntity] = {}

    def ent(m: Mention | None) -> PassageEntity | None:
        # Surface forms name only the passage's own entity mentions: the end of a
        # triple read from "Russian air strikes" is Russia, not an entity "Russian".
        if m is None:
            return None
        if m not in entity_of:
            e = by_mention[m]
            entity_of[m] = PassageEntity((e.label, m.name), e.type, f"{e.type}:{e.key}")
        return entity_of[m]

    if case.metadata:
        return Extracted(entities=tuple(ent(m) for m in (r.publisher, *r.dateline) if m is not None),
                         entity_of=entity_of)
    inside = lambda item: span[0] <= item.provenance.start < span[1]  # noqa: E731
    by_key: dict[str, list] = defaultdict(list)
    for m in filter(inside, r.mentions):
        by_key[ent(m).key].append(m)
    entities = tuple(PassageEntity(tuple(dict.fromkeys(n for x in ms for n in ent(x).names)), ent(ms[0]).type, key,
                                   tuple(dict.fromkeys(x.text for x in ms)))
                     for key, ms in by_key.items())
    statements = tuple(filter(inside, r.statements))
    claims = tuple(filter(inside, r.claims))
    triples: dict[tuple, Triple] = {}  # one per identity: the same fact read twice is one
    for t in filter(inside, r.triples):
        if by_mention[t.subject] is not by_mention[t.object]:
            ent(t.subject)
            ent(t.object)
            triples.setdefault(_identity(t, entity_of), t)
    for m in (*(s.speaker for s in statements), *(m for c in claims for m in (c.place, c.claimant))):
        ent(m)
    return Extracted(entities, tuple(triples.values()), statements, claims, entity_of)


# ---------------------------------------------------------------------------- reports


@dataclass(frozen=True)
class Report:
    path: str
    results: tuple[CaseResult, ...]
    totals: dict[str, tuple[int, int, int]]

    def scores(self) -> dict[str, dict[str, float | int]]:
        return {cat: prf(*c) for cat, c in self.totals.items()}

    def by_domain(self) -> dict[str, Report]:
        """One report per case ``domain``, in name order; empty when no case names one."""
        groups: dict[str, list[CaseResult]] = defaultdict(list)
        for r in self.results:
            if r.case.domain:
                groups[r.case.domain].append(r)
        return {d: summarise(self.path, groups[d]) for d in sorted(groups)}

    def _summary(self) -> dict:
        return {
            "cases": len(self.results),
            "passed": sum(1 for r in self.results if r.passed),
            "known_gaps": sum(1 for r in self.results if r.case.known_gap),
            "must_not_violations": sum(len(r.violations) for r in self.results),
            "scores": self.scores(),
        }

    def as_json(self, details: bool = False) -> dict:
        out = {"annotations": self.path, **self._summary()}
        if domains := self.by_domain():  # files without domains keep their report as it was
            out["by_domain"] = {d: report._summary() for d, report in domains.items()}
        if details:
            out["details"] = [
                {"id": r.case.id, "passed": r.passed, "known_gap": r.case.known_gap, "tags": list(r.case.tags),
                 "misses": {k: [r.show(i) for i in v] for k, v in r.misses.items()},
                 "false_positives": {k: [r.show(i) for i in v] for k, v in r.false_positives.items()},
                 "violations": [f"{r.show(rule)} by {r.show(x)}" for rule, x in r.violations]}
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
    if "by_domain" in data:
        lines += ["", *_domain_table(data["by_domain"])]
    if details:
        for r in report.results:
            if r.passed and not r.false_positives:
                continue
            mark = "PASS" if r.passed else "FAIL"
            lines.append(f"\n{mark} {r.case.id} [{', '.join(r.case.tags)}]" + (f" known_gap: {r.case.known_gap}" if r.case.known_gap else ""))
            lines += [f"  {line}" for line in r.failures()]
            lines += [f"  extra {cat}: {r.show(x)}" for cat, xs in r.false_positives.items() for x in xs]
    return "\n".join(lines) + "\n"


#: The by-domain table's columns: the MAIN categories and overall, each as precision/recall.
_DOMAIN_COLUMNS = (*MAIN, "overall")


def _domain_table(by_domain: Mapping[str, dict]) -> list[str]:
    """One row per domain: cases, passed, must_not violations, then precision/recall per category."""
    head = f"{'domain':<12}{'cases':>6}{'passed':>7}{'must_not':>9}" + "".join(f"{c:>14}" for c in _DOMAIN_COLUMNS)
    lines = ["by domain (precision/recall)", head, "-" * len(head)]
    for domain, d in by_domain.items():
        cells = "".join(f"{d['scores'][c]['precision']:.3f}/{d['scores'][c]['recall']:.3f}".rjust(14)
                        for c in _DOMAIN_COLUMNS)
        lines.append(f"{domain:<12}{d['cases']:>6}{d['passed']:>7}{d['must_not_violations']:>9}{cells}")
    return lines


def evaluate(annotations: str | Path, model: str, corpora: str | Path | None = None) -> Report:
    """Build what the annotation file references and score every case."""
    from .annotations import load_annotations

    ann = load_annotations(annotations)
    matcher = Matcher(ann.aliases)
    results = [score_case(case, got, matcher) for case, got in extract_cases(ann, model, corpora).values()]
    return summarise(str(annotations), results)

