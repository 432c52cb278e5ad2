"""PolNeAR 1.0 (attributions in 2016 US election news, brat standoff): statements read off a graph.

Each article of a split is one article (its file name without the annotator suffix as id); its
attributions are the first annotator's file. A graph is scored with the definitions of the
benchmark's own scorer (``score_polnear.py`` beside the data; reimplemented here, not imported):

- a gold attribution is *found* when a statement of the same article covers its content with a
  token Dice of 0.5 or more (the best such statement);
- its speaker is *right* when that statement's speaker as written, or its speaker entity's names,
  share a content word with the gold source (or both are pronouns);
- precision: the statements that match some gold content.

>>> toks("Trump’s plan, 2016"), round(dice(toks("a b c"), toks("a b d")), 3)
(['trump', 's', 'plan', '2016'], 0.667)
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from core.errors import InputError
from core.lexicon import Lexicons

SPLITS = ("train", "dev")
#: The scorer's word lists (score_polnear.py), as data: lexicons/ beside this module.
_LEXICONS = Lexicons(Path(__file__).parent / "lexicons")
STOP = _LEXICONS.words("polnear_stop_words")
PRONOUNS = _LEXICONS.words("polnear_pronouns")
MATCH = 0.5  # the token Dice at which a statement covers a gold content
_ANNOTATOR = re.compile(r"_[0-9a-f]{4}$")
#: A line of brat standoff that is no annotation: a span's text that ran onto the next line.
_CONTINUED = re.compile(r"^(?![TEAR#]\d*\t)")

_STATEMENTS = """
SELECT ?st ?article ?text ?spk (GROUP_CONCAT(DISTINCT ?name; separator="|") AS ?names) WHERE {
  ?st a nkg:Statement ; schema:text ?text ; prov:wasDerivedFrom/schema:identifier ?article .
  OPTIONAL { ?st nkg:speakerText ?spk }
  OPTIONAL { ?st nkg:speaker ?e . { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name } }
} GROUP BY ?st ?article ?text ?spk"""


def _statements_query() -> str:
    """:data:`_STATEMENTS` with the graph's own prefixes (graph.vocab), so the IRIs are the graph's."""
    from graph.vocab import PREFIXES

    return "".join(f"PREFIX {k}: <{PREFIXES[k]}>\n" for k in ("nkg", "schema", "prov", "rdfs", "skos")) + _STATEMENTS


def split_dir(folder: Path, split: str) -> Path:
    return folder / "polnear" / split


def gold(folder: Path, split: str) -> Iterator[tuple[str, str, list[dict]]]:
    """(article id, text, [{source, content, cue}]) per article, the first annotator's attributions."""
    base = split_dir(folder, split)
    if not (base / "attributions").is_dir():
        raise InputError(str(base), "no attributions/ folder (the PolNeAR split; see docs/evaluation.md#benchmarks)")
    seen = set()
    for ann in sorted((base / "attributions").glob("*.ann")):
        stem = _ANNOTATOR.sub("", ann.stem)
        if stem in seen:
            continue
        seen.add(stem)
        text = (base / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        yield stem, text, _attributions(ann.read_text(encoding="utf-8"), text)


def _attributions(ann: str, text: str) -> list[dict]:
    spans, events = {}, []
    for line in ann.splitlines():
        if _CONTINUED.match(line):  # the rest of a span's text that runs over lines
            continue
        if line.startswith("T"):
            tid, mid, _ = line.split("\t", 2)
            kind, *offs = mid.replace(";", " ").split()
            o = list(map(int, offs))
            spans[tid] = " ".join(text[o[i]:o[i + 1]] for i in range(0, len(o), 2))
        elif line.startswith("E"):
            events.append(dict(p.split(":") for p in line.split("\t")[1].split()))
    found = []
    for ev in events:
        content = spans.get(ev.get("Content"), "")
        if content:
            found.append({"source": spans.get(ev.get("Source"), ""), "content": content,
                          "cue": spans.get(ev.get("Cue"), "")})
    return found


def articles(folder: Path, split: str) -> Iterator[dict]:
    """The split's articles as JSONL records (publisher and date from the file name)."""
    for aid, text, _ in gold(folder, split):
        yield {"id": aid, "title": "", "date": aid.split("_")[1], "source": aid.split("_")[0], "text": text}


def toks(s: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", s.lower().replace("\u2019", "'"))


def dice(a: list[str], b: list[str]) -> float:
    inter = sum((Counter(a) & Counter(b)).values())
    return 2 * inter / max(1, len(a) + len(b))


def content_words(s: str) -> set[str]:
    return {t for t in toks(s) if t not in STOP and len(t) > 1}


def statements(turtle: bytes) -> dict[str, list[dict]]:
    """Per article id, its statements: text, speaker as written, the speaker entity's names."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(turtle, format=ox.RdfFormat.TURTLE)
    by_article: dict[str, list[dict]] = defaultdict(list)
    val = lambda t: t.value if t is not None else ""  # noqa: E731
    for row in store.query(_statements_query()):
        by_article[val(row["article"])].append({"text": val(row["text"]), "spk": val(row["spk"]),
                                                "names": val(row["names"])})
    return by_article


def score(folder: Path, split: str, turtle: bytes, details: bool = False) -> tuple[dict, list[str]]:
    """The scorer's figures for the graph (Turtle bytes) on the split, and (``details``) every miss."""
    found_statements = statements(turtle)
    n_gold = found = speaker_ok = n_sys = sys_match = n_src = 0
    misses: list[str] = []
    articles_seen = 0
    for aid, _, attributions in gold(folder, split):
        articles_seen += 1
        stmts = found_statements.get(aid, [])
        n_sys += len(stmts)
        for gd in attributions:
            n_gold += 1
            gt = toks(gd["content"])
            best = max(((dice(gt, toks(s["text"])), i) for i, s in enumerate(stmts)), default=(0, -1))
            if best[0] >= MATCH:
                found += 1
                s = stmts[best[1]]
                said = content_words(s["spk"]) | content_words(s["names"].replace("|", " "))
                if gd["source"]:
                    n_src += 1
                    ok = bool(content_words(gd["source"]) & said) or \
                        (set(toks(gd["source"])) <= PRONOUNS and bool(set(toks(s["spk"])) & PRONOUNS))
                    speaker_ok += ok
                    if details and not ok:
                        misses.append(f"SPEAKER {aid}: gold {gd['source']!r} got {s['spk']!r}/{s['names'][:40]!r}"
                                      f" | {gd['content'][:80]}")
            elif details:
                misses.append(f"MISSED {aid}: [{gd['source']}] {gd['cue']} | {gd['content'][:100]}")
        for s in stmts:
            if any(dice(toks(gd["content"]), toks(s["text"])) >= MATCH for gd in attributions):
                sys_match += 1
            elif details:
                misses.append(f"SPURIOUS {aid}: [{s['spk']}] {s['text'][:100]}")
    out = {"articles": articles_seen, "gold_attributions": n_gold,
           "content_recall": round(found / max(1, n_gold), 3),
           "speaker_recall": round(speaker_ok / max(1, n_gold), 3),
           "speaker_accuracy_when_found": round(speaker_ok / max(1, n_src), 3),
           "statements": n_sys, "precision": round(sys_match / max(1, n_sys), 3)}
    p, r = out["precision"], out["content_recall"]
    out["content_f1"] = round(2 * p * r / max(1e-9, p + r), 3)
    return out, misses
