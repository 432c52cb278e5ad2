"""Public benchmarks, scored by ``newskg eval --benchmark NAME --split SPLIT``.

A benchmark is read from its folder under the benchmarks folder (``--benchmarks DIR``, else
``$NEWSKG_BENCHMARKS``, else ``../shared/benchmarks`` beside the repository). Its split is
converted to articles, built in memory with the reader, pipeline and graph of ``newskg build``
(or ``--graph`` scores a graph built before), and the graph is scored with the definitions of
the scorer that ships with the data. The figures are the scorer's, key for key.

>>> sorted(BENCHMARKS), BENCHMARKS["polnear"].splits
(['conll04', 'polnear'], ('train', 'dev'))
"""
from __future__ import annotations

import importlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import InputError, UnknownChoiceError

from .annotations import repo_root

BENCHMARKS_ENV = "NEWSKG_BENCHMARKS"
#: Where the benchmarks are when neither --benchmarks nor $NEWSKG_BENCHMARKS says: beside the repository.
DEFAULT_BENCHMARKS = Path("..") / "shared" / "benchmarks"


@dataclass(frozen=True)
class GraphInput:
    """The graph to score, built in memory or read from a Turtle file, in the form a scorer reads
    (the PolNeAR scorer reads the Turtle itself, so statements come in the file's order)."""

    graph: object = None  # an rdflib Graph
    path: Path | None = None

    def rdflib(self):
        if self.graph is not None:
            return self.graph
        from rdflib import Graph

        return Graph().parse(self.path, format="turtle")

    def turtle(self) -> bytes:
        if self.path is not None:
            return self.path.read_bytes()
        from exports.turtle import turtle_bytes

        return turtle_bytes(self.graph)


@dataclass(frozen=True)
class Benchmark:
    """One benchmark: its splits, its articles as JSONL records, and its scorer over a graph, all
    from its module (``SPLITS``, ``articles``, ``score``), imported only when the benchmark is used."""

    name: str
    title: str
    module: str  # under newskg.evaluation
    reads: str  # what its scorer reads of the graph: "rdflib" (a Graph) or "turtle" (the file's bytes)
    width: int  # the key column of the scorer's table

    @property
    def _module(self):
        return importlib.import_module(f"{__package__}.{self.module}")

    @property
    def splits(self) -> tuple[str, ...]:
        return self._module.SPLITS

    def articles(self, folder: Path, split: str) -> Iterator[dict]:
        return self._module.articles(folder, split)

    def score(self, folder: Path, split: str, graph: GraphInput, details: bool) -> tuple[dict, list[str]]:
        given = graph.rdflib() if self.reads == "rdflib" else graph.turtle()
        return self._module.score(folder, split, given, details)


#: Every benchmark by the name ``--benchmark`` takes.
BENCHMARKS = {
    "conll04": Benchmark("conll04", "CoNLL04 (SpERT JSON): entity typing and relation recall", "conll04", "rdflib", 24),
    "polnear": Benchmark("polnear", "PolNeAR 1.0 (brat): attributed content and speakers", "polnear", "turtle", 28),
}


@dataclass(frozen=True)
class BenchmarkReport:
    benchmark: str
    split: str
    figures: dict
    misses: tuple[str, ...] = field(default=())
    #: The split's records the build skipped, as a build reports them (None: a graph given, no build).
    skipped: tuple[str, ...] | None = None

    def as_json(self, details: bool = False) -> dict:
        out = {"benchmark": self.benchmark, "split": self.split, **self.figures}
        if self.skipped is not None:
            out["skipped_records"] = len(self.skipped)
        if details:
            out["misses"] = list(self.misses)
        return out


def benchmark(name: str) -> Benchmark:
    if name not in BENCHMARKS:
        raise UnknownChoiceError("benchmark", name, BENCHMARKS)
    return BENCHMARKS[name]


def benchmarks_dir(given: str | Path | None = None) -> Path:
    """The folder that holds the benchmarks: ``given``, else ``$NEWSKG_BENCHMARKS``, else
    ``../shared/benchmarks`` from the repository (the folder with pyproject.toml)."""
    if given:
        return Path(given)
    if os.environ.get(BENCHMARKS_ENV):
        return Path(os.environ[BENCHMARKS_ENV])
    return repo_root(Path.cwd()) / DEFAULT_BENCHMARKS


def build_graph_of(records: Iterator[dict], model: str) -> tuple[object, list]:
    """The graph ``newskg build`` makes of these JSONL records (read through the same reader, which
    skips what a build skips: a CoNLL04 "sentence" that is only a dateline has no article text),
    and the problems of the records it skipped."""
    from extract.pipeline import extract_articles, load_pipeline  # spaCy: only now
    from graph.build import build_graph

    from ..reading.sources import read_articles

    with tempfile.TemporaryDirectory(prefix="newskg-bench-") as tmp:
        path = Path(tmp) / "articles.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        skipped: list = []
        articles = list(read_articles([str(path)], on_problem=skipped.append))
    nlp = load_pipeline(model)
    return build_graph(extract_articles(nlp, articles)), [p for p in skipped if p.skipped]


def run_benchmark(name: str, split: str, model: str, folder: str | Path | None = None,
                  graph: str | Path | None = None, details: bool = False) -> BenchmarkReport:
    """Score a build of the split (or the Turtle file ``graph``) with the benchmark's definitions."""
    bench = benchmark(name)
    if split not in bench.splits:
        raise UnknownChoiceError(f"{name} split", split, bench.splits)
    root = benchmarks_dir(folder)
    if not (root / name).is_dir():
        raise InputError(str(root / name), f"no such folder: give --benchmarks DIR or set {BENCHMARKS_ENV} "
                                           f"to the folder that holds {', '.join(sorted(BENCHMARKS))}")
    if graph is not None:
        path = Path(graph)
        if not path.is_file():
            raise InputError(str(path), "no such file")
        given = GraphInput(path=path)
    else:
        built, problems = build_graph_of(bench.articles(root, split), model)
        given = GraphInput(graph=built)
    figures, misses = bench.score(root, split, given, details)
    if graph is not None:
        return BenchmarkReport(name, split, figures, tuple(misses))
    return BenchmarkReport(name, split, figures, tuple(misses), skipped=tuple(f"record {p.line}: {p.reason}" for p in problems))


def format_benchmark(report: BenchmarkReport, fmt: str = "table", details: bool = False) -> str:
    """The figures as the benchmark's scorer prints them (``key value``), or JSON."""
    if fmt == "json":
        return json.dumps(report.as_json(details), ensure_ascii=False) + "\n"
    width = BENCHMARKS[report.benchmark].width
    lines = [f"{'benchmark':{width}} {report.benchmark} {report.split}"]
    lines += [f"{k:{width}} {v}" for k, v in report.figures.items()]
    if report.skipped is not None:
        lines.append(f"{'skipped_records':{width}} {len(report.skipped)}")
    if details:
        lines += [f"  miss: {m}" for m in report.misses]
    return "\n".join(lines) + "\n"
