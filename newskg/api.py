"""The Python API: every CLI command is one of these functions.

Example (what ``newskg build seeds -o out --format turtle,html`` and
``newskg query`` do)::

    from newskg.api import BuildOptions, build, query
    result = build(["seeds"], "out", BuildOptions(formats="turtle,html"))
    names, rows = query("out/graph.ttl", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")

``newskg build`` is :func:`build`, ``query`` :func:`query` (``--list``:
:func:`list_queries`), ``eval`` :func:`evaluate` (``--benchmark``:
:func:`evaluate_benchmark`), and ``validate``,
``explain``, ``stats``, ``rules``, ``serve`` and ``neo4j`` the functions of
those names; :func:`format_result`, :func:`format_report`,
:func:`format_stats`, :func:`format_explanations`, :func:`format_benchmark` and :func:`format_rules`
render what they return as the CLI prints it.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from core.errors import InputError, UnknownChoiceError, UsageError
from exports import DEFAULT_FORMATS, DEFAULT_VIEWER_MAX_NODES, EXPORTERS, parse_formats

from .building.options import DEFAULT_MODEL, BuildOptions
from .building.result import BuildResult, graph_counts
from .reading.articles import DEFAULT_MAX_CHARS
from .reading.sources import ProblemSink, count_articles, no_articles_reason, open_articles
from .service.graphs import graph_file, load_graph
from .service.limits import (
    DEFAULT_HOST, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_RESULT_BYTES, DEFAULT_PORT, DEFAULT_TIMEOUT, Limits,
)

if TYPE_CHECKING:
    from rdflib import Graph

    from graph.explain import EntityExplanation
    from graph.validate import ValidationReport

    from .evaluation.benchmarks import BenchmarkReport
    from .evaluation.evaluate import Report
    from .service.neo4j_load import LoadResult

__all__ = [
    "DEFAULT_FORMATS", "DEFAULT_HOST", "DEFAULT_IDLE_TIMEOUT", "DEFAULT_MAX_CHARS", "DEFAULT_MAX_RESULT_BYTES",
    "DEFAULT_MODEL", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "DEFAULT_VIEWER_MAX_NODES", "EXPORTERS", "QUERY_FORMATS",
    "BuildOptions", "BuildResult", "build", "evaluate", "evaluate_benchmark", "explain", "format_benchmark",
    "format_explanations", "format_report",
    "format_result", "format_rules", "format_stats", "graph_counts", "graph_file", "list_queries",
    "load_graph", "neo4j", "query", "query_params", "query_text", "rules", "serve", "stats", "validate",
]

QUERY_FORMATS = ("table", "csv", "json")


def build(
    sources: Sequence[str],
    out_dir: str | Path,
    options: BuildOptions = BuildOptions(),
    *,
    stdin: TextIO | None = None,
    on_problem: ProblemSink | None = None,
) -> BuildResult:
    """Read articles, extract, merge into one graph, write each format.

    The output folder keeps each article's records (``OUT/.newskg/``), so a
    build into an existing output adds the new articles to it, parses only
    what changed, and gives the same files as one build from scratch.
    ``options.remove`` takes articles (by id) and their facts out;
    ``options.fresh`` starts from an empty output. ``options.workers``
    processes (or a Dask cluster, with ``executor="dask"`` and the
    scheduler's address) parse in parallel; the output is the same whatever
    their number. ``stdin`` is what a source ``-`` reads (default: this
    process's standard input).

    ``out_dir`` must be new, empty, or a newskg output (it holds
    ``.newskg/manifest.json``); ``options.allow_foreign`` builds beside other
    files without ever replacing one. All exports of a build replace the
    last build's together (docs/safety.md).

    Everything that can be checked is checked before the model loads, and
    no export is written until the graph is complete, so a bad input never
    leaves half an output. A bad article is skipped and reported (to
    ``on_problem`` as found, and in ``BuildResult.skipped``); with
    ``options.strict`` any skip raises SkippedInputError before the model loads.
    """
    from .building.executors import check_options  # and the rest of a build: only when one starts

    exporters = parse_formats(options.formats)
    check_options(options.workers, options.executor, options.scheduler)
    if not sources and not options.remove:
        raise InputError("SRC", "no input given")
    if sources:
        articles, problems = open_articles(sources, stdin, strict=options.strict, max_chars=options.max_chars,
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

    from .building.run import run_build

    total = _total(sources) if options.progress else None  # for the progress bar
    result = run_build(everything(), Path(out_dir), exporters, options, total)
    return replace(result, skipped=tuple(p for p in problems if p.skipped),
                   notes=tuple(p for p in problems if not p.skipped))


def _total(sources: Sequence[str]) -> int | None:
    try:
        return count_articles(sources)
    except (OSError, InputError):
        return None


def query(
    graph: str | Path | Graph, sparql: str, params: Mapping[str, str] | None = None, name: str = "the query",
) -> tuple[list[str], list[list[object]]]:
    """Run a SPARQL SELECT or ASK over a graph; (variables, rows of Python values).

    The engine is Oxigraph (pyoxigraph), the same one ``newskg serve`` runs,
    so both give the same answers. ``params`` binds the parameters the query
    declares in its header (see :mod:`newskg.service.queries`); they are checked
    before the graph is read. ``graph`` is a Turtle file, a build's output
    folder (whose store is cached in ``OUT/.newskg/sparql/``), or an rdflib
    graph. A query with ``SERVICE``, or nested or long past the limits, is
    refused before the engine sees it (:mod:`newskg.service.guard`).
    """
    from .service.guard import check_query
    from .service.queries import bind, load_store, run_select

    sparql = bind(sparql, params, name)
    check_query(sparql)  # before the graph is read; run_select checks again for its other callers
    return run_select(load_store(graph), sparql)


def query_text(query: str | None = None, file: str | None = None) -> str:
    """The SPARQL text that ``newskg query`` runs: ``file``, else ``query`` as a
    file, a name from :func:`list_queries`, or SPARQL text, in that order."""
    from .service.queries import query_text as text

    return text(query, file)


def query_params(args: Sequence[str] | None) -> dict[str, str]:
    """Query parameters given as ``NAME=VALUE`` (``--param``), as a dict; a bad or repeated one is a ParameterError."""
    from .service.queries import parse_param_args

    return parse_param_args(list(args or ()))


def list_queries() -> str:
    """The named queries of ``queries/``: each one's parameters and what it answers (``newskg query --list``)."""
    from .service.queries import list_lines

    return "\n".join(list_lines()) + "\n"


def serve(
    graph: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, timeout: float = DEFAULT_TIMEOUT,
    max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES, *, idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
    allow_remote: bool = False, allow_origins: Sequence[str] = (),
) -> None:
    """Serve ``graph`` (a Turtle file or a build's output folder) as a read-only
    SPARQL endpoint until interrupted (see :mod:`newskg.service.serve`).

    A ``host`` other machines reach needs ``allow_remote``; ``allow_origins``
    names the web origins whose pages may query it (default: this machine's).
    """
    from .service.serve import serve as run

    run(graph_file(graph), host, port, Limits(timeout, max_result_bytes, idle_timeout),
        allow_remote=allow_remote, origins=tuple(allow_origins))


def neo4j(
    graph: str | Path, uri: str, user: str | None = None, password: str | None = None, database: str | None = None,
    batch_size: int = 500,
) -> LoadResult:
    """Load a graph (a Turtle file or a build's output folder) into a running Neo4j.

    Credentials: ``user``/``password``, else ``NEO4J_AUTH`` ("user/password"
    or "none"). See :mod:`newskg.service.neo4j_load`.
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


def format_explanations(found: Sequence[EntityExplanation]) -> str:
    """What :func:`explain` found, as ``newskg explain`` prints it: a block per entity."""
    from graph.explain import explanation_lines

    return "\n\n".join("\n".join(explanation_lines(x)) for x in found) + "\n"


def stats(graph: str | Path | Graph, top: int = 10) -> dict:
    """Counts by type, top actors by degree and PageRank, connected components."""
    from graph.stats import graph_stats

    if top < 1:
        raise UsageError(f"--top must be 1 or more, not {top}")
    return graph_stats(load_graph(graph) if isinstance(graph, (str, Path)) else graph, top)


def format_stats(found: dict, fmt: str = "table") -> str:
    """What :func:`stats` found, as plain-text tables or JSON (``newskg stats``)."""
    from graph.stats import format_stats as render

    return render(found, fmt)


def evaluate(annotations: str | Path, model: str = DEFAULT_MODEL, corpora: str | Path | None = None) -> Report:
    """Score a build of the articles that an annotation file references (``newskg eval``).

    Corpus articles are read from ``corpora``, else ``$NEWSKG_CORPORA``
    (a :class:`core.errors.CorporaNotGivenError` if a case needs one and
    neither is set). Render the report with :func:`format_report`.
    """
    from .evaluation.evaluate import evaluate as run

    return run(annotations, model=model, corpora=corpora)


def evaluate_benchmark(name: str, split: str = "dev", model: str = DEFAULT_MODEL, benchmarks: str | Path | None = None,
                       graph: str | Path | None = None, details: bool = False) -> BenchmarkReport:
    """Score a public benchmark's split (``newskg eval --benchmark NAME --split SPLIT``).

    The split is built in memory as ``newskg build`` builds it (or ``graph``, a
    Turtle file of it, is read) and scored with the definitions of the scorer
    that ships with the data. The benchmarks are read from ``benchmarks``, else
    ``$NEWSKG_BENCHMARKS``, else ``../shared/benchmarks`` beside the repository.
    Render the report with :func:`format_benchmark`.
    """
    from .evaluation.benchmarks import run_benchmark

    return run_benchmark(name, split, model, benchmarks, graph, details)


def format_benchmark(report: BenchmarkReport, fmt: str = "table", details: bool = False) -> str:
    """A benchmark's figures as its scorer prints them, or JSON; ``details`` lists the misses."""
    from .evaluation.benchmarks import format_benchmark as render

    return render(report, fmt, details)


def format_report(report: Report, fmt: str = "table", details: bool = False) -> str:
    """An evaluation report as a table or JSON; ``details`` lists each case's misses and violations."""
    from .evaluation.evaluate import format_report as render

    return render(report, fmt, details)


def rules(stage: str | None = None) -> list[dict]:
    """Every extraction rule (of one ``stage``), in the order the pipeline runs them (``newskg rules``).

    Each is a dict: stage, order, step, rule (its name), purpose, example,
    lexicons (the word lists it reads) and module.
    """
    from .building.rules import rule_rows

    return rule_rows(stage)


def format_rules(rows: Sequence[dict], fmt: str = "table") -> str:
    """Rules as a listing by stage, JSON, or Markdown tables (see :func:`rules`)."""
    from .building.rules import format_rules as render

    return render(rows, fmt)
