"""What a build returns: :class:`BuildResult`, with the graph's counts."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import Problem

if TYPE_CHECKING:
    from rdflib import Graph


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    files: tuple[Path, ...]
    articles: int  # in the graph
    counts: dict[str, int] = field(default_factory=dict)
    skipped: tuple[Problem, ...] = ()  # inputs not built, each with path, line and reason
    notes: tuple[Problem, ...] = ()  # inputs built with a caveat (e.g. read as Windows-1252)
    extracted: int = 0  # parsed in this build
    reused: int = 0  # given again, records taken from the cache
    removed: int = 0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # after extraction, after the build


def graph_counts(g: Graph) -> dict[str, int]:
    """Entities by type, and relations, statements, claims, articles."""
    from rdflib import RDF

    from graph.vocab import CLASS_TYPE, NKG, SCHEMA

    counts: Counter[str] = Counter()
    for entity in g.subjects(RDF.type, NKG.Entity):
        for cls in g.objects(entity, RDF.type):
            if cls in CLASS_TYPE:
                counts[CLASS_TYPE[cls]] += 1
    counts["facts"] = sum(1 for _ in g.subjects(RDF.type, NKG.Fact))
    counts["statements"] = sum(1 for _ in g.subjects(RDF.type, NKG.Statement))
    counts["claims"] = sum(1 for _ in g.subjects(RDF.type, NKG.NumericClaim))
    counts["articles"] = sum(1 for _ in g.subjects(RDF.type, SCHEMA.NewsArticle))
    return dict(sorted(counts.items()))
