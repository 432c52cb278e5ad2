"""The ``newskg`` command: a thin layer over :mod:`newskg.api`.

Exit codes: 0 success; 1 bad input (unreadable or invalid article, graph or
query); 2 usage error (unknown option, format or model); 130 interrupted.
Errors are one line on stderr, never a traceback (set NEWSKG_DEBUG=1 to see
one).
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from . import __version__, api
from .errors import NewskgError, UsageError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, like every other usage error
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    from exports import DEFAULT_FORMATS, EXPORTERS

    p = _Parser(prog="newskg", description="Build a knowledge graph from news articles.")
    p.add_argument("--version", action="version", version=f"newskg {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    b = sub.add_parser("build", help="build the graph from articles into an output folder")
    b.add_argument("sources", nargs="+", metavar="SRC", help="folders, .txt or .jsonl files, or - for stdin")
    b.add_argument("-o", "--out", required=True, metavar="OUT", help="output folder")
    b.add_argument("--model", default=api.DEFAULT_MODEL, help="spaCy model (default: %(default)s)")
    b.add_argument("--format", default=",".join(DEFAULT_FORMATS), metavar="FORMATS",
                   help=f"comma-separated, from: {', '.join(sorted(EXPORTERS))} (default: %(default)s)")

    q = sub.add_parser("query", help="run a SPARQL query over a Turtle graph")
    q.add_argument("graph", nargs="?", metavar="GRAPH.ttl")
    q.add_argument("query", nargs="?", metavar="QUERY",
                   help="a query name from --list, a .rq file, or SPARQL text")
    q.add_argument("-f", "--file", metavar="FILE.rq", help="read the query from a file")
    q.add_argument("-p", "--param", action="append", metavar="NAME=VALUE",
                   help="bind a parameter the query declares (repeatable)")
    q.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    q.add_argument("--format", default="table", choices=api.QUERY_FORMATS)

    from . import serve as endpoint

    s = sub.add_parser("serve", help="serve a graph as a read-only SPARQL 1.1 endpoint at /query")
    s.add_argument("graph", metavar="GRAPH.ttl", help="a Turtle file, or a build's output folder")
    s.add_argument("--host", default=endpoint.DEFAULT_HOST, help="address to listen on (default: %(default)s)")
    s.add_argument("--port", type=int, default=endpoint.DEFAULT_PORT, help="0 picks a free port (default: %(default)s)")
    s.add_argument("--timeout", type=float, default=endpoint.DEFAULT_TIMEOUT, metavar="SECONDS",
                   help="cut a query off after this long (default: %(default)g)")
    s.add_argument("--max-result-bytes", type=int, default=endpoint.DEFAULT_MAX_RESULT_BYTES, metavar="N",
                   help="refuse a result larger than this (default: %(default)d)")
    return p


def cmd_build(args: argparse.Namespace) -> int:
    result = api.build(args.sources, args.out, model=args.model, formats=args.format)
    counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
    print(f"built {result.articles} article(s) into {result.out_dir}: {counts}", file=sys.stderr)
    for f in result.files:
        print(f)
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from . import queries

    if args.list:
        print("\n".join(queries.list_lines()))
        return 0
    if args.graph is None:
        raise UsageError("give GRAPH.ttl and a QUERY (or --list for the named queries)")
    if (args.query is None) == (args.file is None):
        raise UsageError("give either a QUERY or -f FILE.rq")
    text = queries.query_text(args.query, args.file)
    label = f"query {args.file or args.query!r}" if args.file or len(args.query) < 80 else "the query"
    names, rows = api.query(args.graph, text, queries.parse_param_args(args.param), name=label)
    sys.stdout.write(api.format_result(names, rows, args.format))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    api.serve(args.graph, args.host, args.port, args.timeout, args.max_result_bytes)
    return 0


COMMANDS = {"build": cmd_build, "query": cmd_query, "serve": cmd_serve}


def main(argv: Sequence[str] | None = None) -> int:
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
