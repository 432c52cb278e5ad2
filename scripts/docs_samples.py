#!/usr/bin/env python3
"""Fill the docs' sample and timing regions from a real run; ``--check`` only compares.

    .venv/bin/python scripts/docs_samples.py           # rewrite every region
    .venv/bin/python scripts/docs_samples.py --check   # write nothing; exit 1 listing each region that differs

A region is the text between two marker lines in README.md or docs/*.md:

    <!-- sample: NAME -->        what a command prints: the seeds are built into a
    ...                          temporary folder with the real CLI (``newskg.cli.main``,
    <!-- end sample -->          in this process), then each command is run there

    <!-- timing: NAME -->        a figure a bench script measured: rendered from
    ...                          bench/results.json by bench/bench_report.py (timings
    <!-- end timing -->          cannot be compared for equality, so they come from that file)

Samples hold no temporary path and no timing: commands run inside the temporary folder
with relative paths (``seeds``, ``out``), help texts are formatted 100 columns wide, wide
table lines are cut at WIDTH characters and trailing blanks dropped. Every region in the
docs must be one this script knows, and every region it knows must be in the docs.
tests/model/test_docs_samples.py runs ``--check`` (tests/unit/test_docs_regions.py ``--check --timings``).
"""
from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

WIDTH = 150  # wide table lines are cut here in samples
COLUMNS = "100"  # argparse formats --help to the terminal width: fixed, so the text is stable
REGION = re.compile(r"^<!-- (sample|timing): ([a-z0-9-]+) -->\n(.*?)^<!-- end \1 -->$", re.S | re.M)
SEED_ID = "004_66159a97d49c755d"  # the seed that --remove takes out in the sample


def doc_files() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


# -- running the CLI ------------------------------------------------------------------------

def cli(*argv: str) -> tuple[int, str, str]:
    """``newskg ARGV`` in this process: exit code, stdout, stderr."""
    from newskg.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # --help and --version exit through argparse
            code = exc.code if isinstance(exc.code, int) else 0
    return code, out.getvalue(), err.getvalue()


def shown(argv: tuple[str, ...]) -> str:
    """The command as a user types it."""
    return "$ newskg " + " ".join(a if re.fullmatch(r"[\w./=,:-]+", a) else f"'{a}'" for a in argv)


def tidy(text: str, width: int | None = WIDTH) -> str:
    """Trailing blanks dropped; lines longer than WIDTH cut, with an ellipsis (None: not cut)."""
    lines = [line.rstrip() for line in text.rstrip("\n").split("\n")]
    return "\n".join(line[:width - 1] + "…" if width and len(line) > width else line for line in lines)


def fenced(body: str, lang: str = "text") -> str:
    return f"```{lang}\n{body}\n```"


def transcript(*argv: str, streams: str = "err,out", code: bool = False, width: int | None = WIDTH) -> str:
    """A command and what it printed (stderr first: build's summary, then the files on stdout)."""
    rc, out, err = cli(*argv)
    parts = [shown(argv)] + [tidy(s, width) for s in ((err if n == "err" else out) for n in streams.split(","))
                             if s.strip()]
    if code:
        parts.append(f"(exit {rc})")
    return "\n".join(parts)


# -- the run --------------------------------------------------------------------------------

def _broken_graph(src: Path, dst: Path) -> None:
    """The seeds graph with two faults: one fact's confidence out of range, one claim's start gone."""
    from rdflib import Graph, Literal, Namespace
    from rdflib.namespace import RDF, XSD

    nkg = Namespace("https://w3id.org/newskg/ontology#")
    g = Graph().parse(src, format="turtle")
    fact = min(g.subjects(RDF.type, nkg.Fact), key=str)
    claim = min(g.subjects(RDF.type, nkg.NumericClaim), key=str)
    g.set((fact, nkg.confidence, Literal("1.5", datatype=XSD.decimal)))
    g.remove((claim, nkg.charStart, None))
    g.serialize(dst, format="turtle")


def _generated_section(path: Path, heading: str | None) -> str:
    """A part of a file the build writes: its first ```sh block, or the section under HEADING."""
    text = path.read_text(encoding="utf-8")
    if heading is None:
        return re.search(r"```sh\n(.*?)\n```", text, re.S).group(1)
    return text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0].strip()


def _bad_inputs(folder: Path) -> None:
    """A small batch with the usual faults, and one good article in Windows-1252."""
    seed = sorted((ROOT / "seeds").glob("*.txt"))[1]
    (folder / "old").mkdir(parents=True)
    (folder / "old" / "kyiv.txt").write_bytes(seed.read_text(encoding="utf-8").encode("cp1252", "replace"))
    (folder / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (folder / "feed.jsonl").write_text('{"id": "a1", "title": "Kyiv", "text": "Kyiv said\n', encoding="utf-8")


def _subcommands() -> list[str]:
    _, out, _ = cli("--help")
    return re.search(r"\{([a-z0-9,]+)\}", out).group(1).split(",")


def run_samples(work: Path) -> dict[str, str]:
    """Every sample region's text, from a real run in WORK (the current directory meanwhile)."""
    shutil.copytree(ROOT / "seeds", work / "seeds")
    s: dict[str, str] = {}
    commands = _subcommands()
    s["readme-build"] = fenced(transcript("build", "seeds", "-o", "out", width=None))  # the counts are the point
    s["build-again"] = fenced(transcript("build", "seeds", "-o", "out", width=None))
    s["readme-query"] = fenced(transcript("query", "out/graph.ttl", "facilities_attacked_in", "--param", "city=Mariupol",
                                          streams="out"))
    s["query-list"] = fenced(transcript("query", "--list", streams="out", width=None))
    s["query-connections"] = fenced(transcript("query", "out/graph.ttl", "connections", "-p", "a=Zelenskyy",
                                               "-p", "b=Russian forces", streams="out"))
    s["query-count"] = fenced(transcript("query", "out/graph.ttl", "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }",
                                         "--format", "csv", streams="out"))
    s["query-claims-side-by-side"] = fenced(transcript("query", "out/graph.ttl", "-f",
                                                       str(ROOT / "queries" / "claims_side_by_side.rq"),
                                                       streams="out", width=WIDTH + 60).replace(str(ROOT) + "/", ""))
    for name in ("evidence", "claims_side_by_side"):
        s[f"file-{name.replace('_', '-')}-rq"] = fenced(
            (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8").rstrip("\n"), "sparql")
    s["validate"] = fenced(transcript("validate", "out/graph.ttl", streams="out", code=True, width=None))
    _broken_graph(work / "out" / "graph.ttl", work / "broken.ttl")
    s["validate-broken"] = fenced(transcript("validate", "broken.ttl", streams="out", code=True, width=None))
    s["explain"] = fenced(transcript("explain", "Zelenskiy", "--graph", "out/graph.ttl", streams="out"))
    s["stats"] = fenced(transcript("stats", "out/graph.ttl", "--top", "5", streams="out"))
    s["neo4j-bulk-import"] = fenced(_generated_section(work / "out" / "neo4j" / "README.md", None), "sh")
    s["neo4j-files"] = _generated_section(work / "out" / "neo4j" / "README.md", "Files")
    _bad_inputs(work / "in")
    s["bad-input-strict"] = fenced(transcript("build", "in", "-o", "checked", "--strict", code=True, width=None))
    s["bad-input"] = fenced(transcript("build", "in", "-o", "checked", "--format", "turtle", code=True, width=None))
    s["build-remove"] = fenced(transcript("build", "--remove", SEED_ID, "-o", "out", width=None))
    s["help-newskg"] = fenced(transcript("--help", streams="out", width=None))
    for command in commands:
        s[f"help-{command}"] = fenced(transcript(command, "--help", streams="out", width=None))
    s["rules-dates"] = fenced(transcript("rules", "--stage", "dates", streams="out", width=None))
    s["rules"] = cli("rules", "--format", "markdown")[1].rstrip("\n")  # Markdown tables, not a transcript
    return s


def samples() -> dict[str, str]:
    os.environ["COLUMNS"] = COLUMNS
    os.environ.pop("NEWSKG_DEBUG", None)
    here = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="newskg-docs-") as tmp:
        os.chdir(tmp)
        try:
            return run_samples(Path(tmp))
        finally:
            os.chdir(here)


def timings() -> dict[str, str]:
    from bench_report import load_rows, sections

    return sections(load_rows())


# -- the regions ------------------------------------------------------------------------------

def regions(text: str) -> list[tuple[str, str, str]]:
    """(kind, name, body) of each region of TEXT, in order."""
    return [(m.group(1), m.group(2), m.group(3).rstrip("\n")) for m in REGION.finditer(text)]


def fill(text: str, expected: dict[tuple[str, str], str]) -> str:
    def body(m: re.Match) -> str:
        kind, name = m.group(1), m.group(2)
        new = expected.get((kind, name), m.group(3).rstrip("\n"))
        return f"<!-- {kind}: {name} -->\n{new}\n<!-- end {kind} -->"
    return REGION.sub(body, text)


def differences(texts: dict[str, str], expected: dict[tuple[str, str], str],
                kinds: tuple[str, ...] = ("sample", "timing")) -> list[str]:
    """One entry per region (of these KINDS) that differs from EXPECTED, is unknown, or is missing or repeated."""
    found: dict[tuple[str, str], list[str]] = {}
    problems = []
    for path, text in texts.items():
        for kind, name, body in regions(text):
            if kind not in kinds:
                continue
            found.setdefault((kind, name), []).append(path)
            if (kind, name) not in expected:
                problems.append(f"{path}: {kind} region {name!r} is not one scripts/docs_samples.py makes")
            elif body != expected[(kind, name)]:
                diff = difflib.unified_diff(body.split("\n"), expected[(kind, name)].split("\n"), "in the docs",
                                            "from the run", n=0, lineterm="")
                problems.append(f"{path}: {kind} region {name!r} differs:\n    " + "\n    ".join(list(diff)[:24]))
    for key in expected:
        if len(found.get(key, [])) != 1:
            where = ", ".join(found.get(key, [])) or "no page"
            problems.append(f"{key[0]} region {key[1]!r} must be in exactly one page, is in: {where}")
    return problems


def expected_regions(only_timings: bool = False) -> dict[tuple[str, str], str]:
    made: dict[tuple[str, str], str] = {("timing", k): v for k, v in timings().items()}
    if not only_timings:
        made |= {("sample", k): v for k, v in samples().items()}
    return made


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 listing every region that differs")
    ap.add_argument("--timings", action="store_true", help="only the timing regions (no build)")
    a = ap.parse_args(argv)
    expected = expected_regions(a.timings)
    kinds = ("timing",) if a.timings else ("sample", "timing")
    files = doc_files()
    read = lambda: {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in files}  # noqa: E731
    problems = differences(read(), expected, kinds)
    if a.check:
        for p in problems:
            print(p)
        print(f"{len(problems)} region(s) differ" if problems else f"all {len(expected)} regions match the run")
        return 1 if problems else 0
    for path in files:
        old = path.read_text(encoding="utf-8")
        new = fill(old, expected)
        if new != old:
            path.write_text(new, encoding="utf-8")
            print(f"rewrote {path.relative_to(ROOT)}")
    left = differences(read(), expected, kinds)
    for p in left:
        print(p)
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
