"""The ``newskg`` command: a thin layer over :mod:`newskg.api`.

Exit codes: 0 success (every article built); 1 bad input (some articles
skipped, each reported as ``newskg: skipped: FILE:LINE: reason``; or nothing
to build, a missing path, a bad graph or query); 2 usage error (unknown
option, format or model); 70 internal error; 130 interrupted. Errors are
one line on stderr, never a traceback (set NEWSKG_DEBUG=1 to see one).
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from . import __version__, api
from .errors import NewskgError, Problem, UsageError


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
    b.add_argument("--strict", action="store_true",
                   help="any article that would be skipped is an error: report them all, build nothing")
    b.add_argument("--max-chars", type=_positive_int, default=api.DEFAULT_MAX_CHARS, metavar="N",
                   help="skip articles longer than N characters (default: %(default)s, spaCy's limit)")

    q = sub.add_parser("query", help="run a SPARQL query over a Turtle graph")
    q.add_argument("graph", metavar="GRAPH.ttl")
    q.add_argument("query", nargs="?", metavar="QUERY", help="SPARQL text")
    q.add_argument("-f", "--file", metavar="FILE.rq", help="read the query from a file")
    q.add_argument("--format", default="table", choices=api.QUERY_FORMATS)
    return p


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, not {text!r}")
    return value


def _problem_printer(strict: bool):
    """Print each input problem as one line the moment it is found."""
    def show(problem: Problem) -> None:
        label = "note" if not problem.skipped else "error" if strict else "skipped"
        print(f"newskg: {label}: {problem}", file=sys.stderr, flush=True)
    return show


def cmd_build(args: argparse.Namespace) -> int:
    result = api.build(args.sources, args.out, model=args.model, formats=args.format, strict=args.strict,
                       max_chars=args.max_chars, on_problem=_problem_printer(args.strict))
    counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
    skipped = f"; skipped {len(result.skipped)} (listed above)" if result.skipped else ""
    print(f"built {result.articles} article(s) into {result.out_dir}: {counts}{skipped}", file=sys.stderr)
    for f in result.files:
        print(f)
    return 1 if result.skipped else 0


def cmd_query(args: argparse.Namespace) -> int:
    if (args.query is None) == (args.file is None):
        raise UsageError("give either a QUERY or -f FILE.rq")
    text = args.query
    if args.file is not None:
        try:
            with open(args.file, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise api.InputError(args.file, getattr(exc, "strerror", None) or "cannot be read") from None
    names, rows = api.query(args.graph, text)
    sys.stdout.write(api.format_result(names, rows, args.format))
    return 0


COMMANDS = {"build": cmd_build, "query": cmd_query}


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
