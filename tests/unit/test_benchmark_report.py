"""A benchmark report says how many of the split's records its build skipped (table and JSON)."""
from __future__ import annotations

import json

from newskg.api import format_benchmark
from newskg.evaluation.benchmarks import BenchmarkReport

FIGURES = {"sentences": 231, "entity_recall": 0.5}


def test_the_skipped_records_of_the_build_are_counted_in_the_table_and_the_json():
    report = BenchmarkReport("conll04", "dev", FIGURES, skipped=("record 5: no text", "record 9: no text"))
    assert format_benchmark(report).splitlines()[-1].split() == ["skipped_records", "2"]
    assert json.loads(format_benchmark(report, "json"))["skipped_records"] == 2


def test_a_graph_given_was_not_built_here_so_no_count_is_shown():
    report = BenchmarkReport("conll04", "dev", FIGURES)
    assert "skipped_records" not in format_benchmark(report)
    assert "skipped_records" not in json.loads(format_benchmark(report, "json"))
