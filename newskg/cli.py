"""The ``newskg`` command (also ``python -m newskg``): a thin layer over :mod:`newskg.api`.

Each command maps its arguments onto one function of the API (``build``
onto :class:`~newskg.api.BuildOptions` and :func:`~newskg.api.build`) and
prints what it returns.

Exit codes: 0 success (every article built); 1 bad input (some articles
skipped, each reported as ``newskg: skipped: FILE:LINE: reason``; or nothing
to build, a missing path, a bad graph or query); 2 usage error (unknown
option, format or model; ``eval`` of cases that need a corpus with neither
``--corpora`` nor ``$NEWSKG_CORPORA``); 70 internal error; 130 interrupted.
Errors are one line on stderr, never a traceback (set NEWSKG_DEBUG=1 to see one).
"""
from __future__ import annotations

import argparse
import gc
import math
import os
import sys
from collections.abc import Sequence

from . import __version__, api
from core.errors import NewskgError, Problem, UsageError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, like every other usage error
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="newskg", description="Build a knowledge graph from news articles.")
    p.add_argument("--version", action="version", version=f"newskg {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    b = sub.add_parser("build", help="build the graph from articles into an output folder")
    b.add_argument("sources", nargs="*", metavar="SRC", help="folders, .txt or .jsonl files, or - for stdin")
    b.add_argument("-o", "--out", required=True, metavar="OUT",
                   help="output folder; building into an existing one adds to its graph")
    b.add_argument("--model", default=api.DEFAULT_MODEL, help="spaCy model (default: %(default)s)")
    b.add_argument("--format", default=",".join(api.DEFAULT_FORMATS), metavar="FORMATS",
                   help=f"comma-separated, from: {', '.join(sorted(api.EXPORTERS))} (default: %(default)s)")
    b.add_argument("--strict", action="store_true",
                   help="any article that would be skipped is an error: report them all, build nothing")
    b.add_argument("--max-chars", type=_positive_int, default=api.DEFAULT_MAX_CHARS, metavar="N",
                   help="skip articles longer than N characters (default: %(default)s, spaCy's limit)")
    b.add_argument("--viewer-max-nodes", type=_positive_int, default=api.DEFAULT_VIEWER_MAX_NODES, metavar="N",
                   help="graph.html draws at most N nodes, the most connected (default: %(default)s)")
    b.add_argument("--workers", type=_positive_int, default=1, metavar="N", help="parse in N processes (default: 1)")
    b.add_argument("--executor", default="local", metavar="{local,dask}",
                   help="where to parse: local (default) or dask (a Dask cluster, see --scheduler)")
    b.add_argument("--scheduler", metavar="ADDRESS", help="the Dask scheduler, e.g. tcp://10.0.0.5:8786")
    b.add_argument("--remove", action="append", default=[], metavar="ID",
                   help="take the article with this id and its facts out of OUT (repeatable)")
    b.add_argument("--fresh", action="store_true", help="forget what OUT holds and build from SRC alone")
    b.add_argument("--allow-foreign", action="store_true",
                   help="build into an OUT that holds files newskg did not write (it never replaces or removes them)")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary line")

    q = sub.add_parser("query", help="run a SPARQL query over a Turtle graph")
    q.add_argument("graph", nargs="?", metavar="GRAPH.ttl",
                   help="a Turtle file, or a build's output folder (its store is kept in OUT/.newskg/ for reuse)")
    q.add_argument("query", nargs="?", metavar="QUERY",
                   help="a query name from --list, a .rq file, or SPARQL text")
    q.add_argument("-f", "--file", metavar="FILE.rq", help="read the query from a file")
    q.add_argument("-p", "--param", action="append", metavar="NAME=VALUE",
                   help="bind a parameter the query declares (repeatable)")
    q.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    q.add_argument("--format", default="table", choices=api.QUERY_FORMATS)

    v = sub.add_parser("validate", help="check a Turtle graph against the SHACL shapes; exit 1 if it does not conform")
    v.add_argument("graph", metavar="GRAPH.ttl")

    x = sub.add_parser("explain", help="why an entity has its names and edges: surface forms, articles, merge and extraction rules")
    x.add_argument("name", metavar="NAME")
    x.add_argument("--graph", required=True, metavar="GRAPH.ttl")

    s = sub.add_parser("stats", help="counts by type, top actors by degree and PageRank, connected components")
    s.add_argument("graph", metavar="GRAPH.ttl")
    s.add_argument("--top", type=int, default=10, metavar="N", help="how many top actors (default: %(default)s)")
    s.add_argument("--format", default="table", choices=("table", "json"))
    e = sub.add_parser("eval", help="score extraction against annotated cases (precision and recall)")
    e.add_argument("annotations", nargs="?", metavar="ANNOTATIONS",
                   help="a .jsonl file of annotated cases (or give --benchmark)")
    e.add_argument("--model", default=api.DEFAULT_MODEL, help="spaCy model (default: %(default)s)")
    e.add_argument("--format", default="table", choices=("table", "json"))
    e.add_argument("--details", action="store_true", help="list each case's misses, false positives and violations")
    e.add_argument("--corpora", metavar="DIR",
                   help="the folder holding the corpora the cases name, as CORPUS/CORPUS.jsonl (default: "
                        "$NEWSKG_CORPORA; needed unless every article is in seeds/ or in articles/ beside ANNOTATIONS)")
    e.add_argument("--benchmark", metavar="NAME", help="score a public benchmark instead: conll04 or polnear")
    e.add_argument("--split", default="dev", metavar="SPLIT", help="the benchmark's split: train or dev (default: dev)")
    e.add_argument("--benchmarks", metavar="DIR",
                   help="the folder holding the benchmarks (default: $NEWSKG_BENCHMARKS, else ../shared/benchmarks "
                        "beside the repository)")
    e.add_argument("--graph", metavar="GRAPH.ttl",
                   help="score this graph of the benchmark's split instead of building it")

    r = sub.add_parser("rules", help="list every extraction rule in the order it runs, with its purpose and lexicons")
    r.add_argument("--stage", metavar="STAGE", help="only this stage (typing, places, coreference, relations, "
                                                    "statements, claims, dates)")
    r.add_argument("--format", default="table", choices=("table", "json", "markdown"))

    sv = sub.add_parser("serve", help="serve a graph as a read-only SPARQL 1.1 endpoint at /sparql, with a query page")
    sv.add_argument("graph", metavar="GRAPH.ttl", help="a Turtle file, or a build's output folder")
    sv.add_argument("--host", default=api.DEFAULT_HOST,
                    help="address to listen on (default: %(default)s, this machine only)")
    sv.add_argument("--allow-remote", action="store_true",
                    help="allow a --host other machines reach (0.0.0.0, a LAN address): no authentication, no TLS")
    sv.add_argument("--port", type=_port, default=api.DEFAULT_PORT,
                    help="0 to 65535; 0 picks a free port (default: %(default)s)")
    sv.add_argument("--allow-origin", action="append", default=[], metavar="ORIGIN",
                    help="web pages from ORIGIN (e.g. https://example.org) may query it; * for any; repeatable "
                         "(default: pages served from this machine)")
    sv.add_argument("--timeout", type=_seconds, default=api.DEFAULT_TIMEOUT, metavar="SECONDS",
                    help="cut a query off after this long (default: %(default)g)")
    sv.add_argument("--max-result-bytes", type=_positive_int, default=api.DEFAULT_MAX_RESULT_BYTES, metavar="N",
                    help="refuse a result larger than this (default: %(default)d)")
    sv.add_argument("--idle-timeout", type=_seconds, default=api.DEFAULT_IDLE_TIMEOUT, metavar="SECONDS",
                    help="close a connection silent for this long (default: %(default)g)")

    n4 = sub.add_parser("neo4j", help="load a graph into a running Neo4j with the official driver")
    n4.add_argument("graph", metavar="GRAPH_OR_OUT", help="a Turtle file, or a build's output folder")
    n4.add_argument("--uri", required=True, help="e.g. neo4j://localhost:7687 or bolt://host:7687")
    n4.add_argument("--user", help="user name (default: from NEO4J_AUTH=user/password)")
    n4.add_argument("--password", help="password (better: NEO4J_AUTH, which no process listing shows)")
    n4.add_argument("--database", help="database name (default: the server's default)")
    n4.add_argument("--batch-size", type=_positive_int, default=500, metavar="N", help="rows per statement (default: %(default)s)")
    return p


def _number(parse, accept, expected: str):
    """An argparse type: ``parse`` the text, keep it if ``accept``s it, else a usage error naming ``expected``."""
    def convert(text: str):
        try:
            value = parse(text)
        except ValueError:
            value = None
        if value is None or not accept(value):
            raise argparse.ArgumentTypeError(f"expected {expected}, not {text!r}")
        return value
    return convert


_positive_int = _number(int, lambda v: v > 0, "a positive whole number")
_port = _number(int, lambda v: 0 <= v <= 65535, "a port from 0 to 65535")
_seconds = _number(float, lambda v: math.isfinite(v) and v > 0, "a positive number of seconds")


def _problem_printer(strict: bool):
    """Print each input problem as one line the moment it is found."""
    def show(problem: Problem) -> None:
        label = "note" if not problem.skipped else "error" if strict else "skipped"
        print(f"newskg: {label}: {problem}", file=sys.stderr, flush=True)
    return show


def cmd_build(args: argparse.Namespace) -> int:
    options = api.BuildOptions(model=args.model, formats=args.format, strict=args.strict, max_chars=args.max_chars,
                               viewer_max_nodes=args.viewer_max_nodes, workers=args.workers,
                               executor=args.executor, scheduler=args.scheduler, remove=args.remove,
                               fresh=args.fresh, allow_foreign=args.allow_foreign, progress=not args.quiet)
    result = api.build(args.sources, args.out, options, on_problem=_problem_printer(args.strict))
    counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
    skipped = f"; skipped {len(result.skipped)} (listed above)" if result.skipped else ""
    if not args.quiet:
        done = f"{result.extracted} parsed, {result.reused} unchanged" + (
            f", {result.removed} removed" if result.removed else "")
        print(f"built {result.articles} article(s) into {result.out_dir} ({done}): {counts}{skipped}",
              file=sys.stderr)
    for f in result.files:
        print(f)
    return 1 if result.skipped else 0


def cmd_query(args: argparse.Namespace) -> int:
    if args.list:
        sys.stdout.write(api.list_queries())
        return 0
    if args.graph is None:
        raise UsageError("give GRAPH.ttl and a QUERY (or --list for the named queries)")
    if (args.query is None) == (args.file is None):
        raise UsageError("give either a QUERY or -f FILE.rq")
    text = api.query_text(args.query, args.file)
    label = f"query {args.file or args.query!r}" if args.file or len(args.query) < 80 else "the query"
    names, rows = api.query(args.graph, text, api.query_params(args.param), name=label)
    sys.stdout.write(api.format_result(names, rows, args.format))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    api.serve(args.graph, args.host, args.port, args.timeout, args.max_result_bytes,
              idle_timeout=args.idle_timeout, allow_remote=args.allow_remote, allow_origins=args.allow_origin)
    return 0


def cmd_neo4j(args: argparse.Namespace) -> int:
    r = api.neo4j(args.graph, args.uri, args.user, args.password, args.database, args.batch_size)
    print(f"loaded {r.nodes} nodes and {r.relationships} relationships into {args.uri} "
          f"({r.statements} statements, {r.seconds:.1f} s)", file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    report = api.validate(args.graph)
    v, w = len(report.violations), len(report.warnings)
    warned = f" ({w} warning{'s' if w != 1 else ''})" if w else ""
    if report.conforms:
        print(f"{args.graph}: conforms to the newskg shapes{warned}")
    else:
        print(f"{args.graph}: does not conform: {v} violation{'s' if v != 1 else ''}{warned}")
    for f in report.findings:
        print(f"  {f.line()}")
    return 0 if report.conforms else 1


def cmd_explain(args: argparse.Namespace) -> int:
    sys.stdout.write(api.format_explanations(api.explain(args.name, args.graph)))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    sys.stdout.write(api.format_stats(api.stats(args.graph, top=args.top), args.format))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    if args.benchmark:
        if args.annotations:
            raise UsageError("give ANNOTATIONS or --benchmark, not both")
        found = api.evaluate_benchmark(args.benchmark, args.split, model=args.model, benchmarks=args.benchmarks,
                                       graph=args.graph, details=args.details)
        if found.skipped:
            print(f"newskg: skipped {len(found.skipped)} {found.benchmark} {found.split} record(s), as a build "
                  f"would (e.g. {found.skipped[0]}); they are not in the graph scored", file=sys.stderr)
        sys.stdout.write(api.format_benchmark(found, args.format, args.details))
        return 0
    if not args.annotations:
        raise UsageError("give ANNOTATIONS (a .jsonl file of annotated cases) or --benchmark NAME")
    if args.graph:
        raise UsageError("--graph scores a benchmark: give --benchmark NAME")
    report = api.evaluate(args.annotations, model=args.model, corpora=args.corpora)
    sys.stdout.write(api.format_report(report, args.format, args.details))
    return 0


def cmd_rules(args: argparse.Namespace) -> int:
    sys.stdout.write(api.format_rules(api.rules(args.stage), args.format))
    return 0


#: Each command and its function; each calls one function of :mod:`newskg.api`.
#: A new command adds its parser in :func:`_parser` and one line here.
COMMANDS = {
    "build": cmd_build,
    "query": cmd_query,
    "eval": cmd_eval,
    "validate": cmd_validate,
    "explain": cmd_explain,
    "stats": cmd_stats,
    "serve": cmd_serve,
    "neo4j": cmd_neo4j,
    "rules": cmd_rules,
}


def main(argv: Sequence[str] | None = None) -> int:
    # Loading the model and building the graph allocate millions of objects that
    # live to the end: collecting every 700 allocations (Python's default) cost
    # 7% of the seeds build's CPU time (bench A/B, docs/benchmarks.md).
    gc.set_threshold(50_000, 20, 20)
    try:
        args = _parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except NewskgError as exc:
        print(f"newskg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("newskg: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: still one line, unless debugging
        if os.environ.get("NEWSKG_DEBUG"):
            raise
        print(f"newskg: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
