"""Exports written at once in forked processes (a build of more than one worker,
newskg/building/exporting.py): the same bytes as one after the other, and a
child's failure reaches the user as the same one-line typed error.

No model: the builds only remove an article from a prepared records cache
(support/prepared.py); the full-disk and read-only cases are in
test_output_safety.py, run with one worker and with two.
"""
from __future__ import annotations

import os
import signal
from dataclasses import dataclass
from pathlib import Path

import pytest
from support.builds import outputs
from support.cli import run_here
from support.prepared import prepared_output

from core.errors import InputError, OutputError
from newskg.building.exporting import write_exports
from newskg.building.run import BuildStats


def test_two_workers_write_the_same_bytes_as_one(tmp_path):
    sets = []
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}"
        ids = prepared_output(out)
        proc = run_here("build", "--remove", ids[0], "-o", str(out), "-q", "--workers", workers,
                        "--format", "turtle,ontology,html,neo4j,jsonld,graphml")
        assert proc.returncode == 0, proc.stderr
        sets.append(outputs(out))
    assert sets[0] == sets[1] and len(sets[0]) > 6


@dataclass(frozen=True)
class Fake:
    """An exporter that writes its name, or fails as ``fail`` says."""

    name: str
    fail: str = ""

    @property
    def target(self) -> str:
        return f"{self.name}.txt"

    def write(self, graph, staging: Path, **options) -> None:
        if self.fail == "input":
            raise InputError("in.jsonl", "not valid JSON", line=3)
        if self.fail == "full":
            raise OSError(28, "No space left on device", str(staging / self.target))
        if self.fail == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        if self.fail == "bug":
            raise ValueError("a bug")
        (staging / self.target).write_text(f"{self.name} {options}\n")


def written(tmp_path: Path, *exporters: Fake) -> BuildStats:
    stats = BuildStats()
    write_exports(exporters, None, tmp_path, stats, parallel=True, viewer_max_nodes=5)
    return stats


def test_each_exporter_writes_its_target_and_its_timings_come_back(tmp_path):
    stats = written(tmp_path, Fake("a"), Fake("b"), Fake("c"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "c.txt"]
    assert (tmp_path / "c.txt").read_text() == "c {'viewer_max_nodes': 5}\n"
    assert {"export_a", "export_b", "cpu_export_c", "exports", "cpu_exports"} <= set(stats.timings)


@pytest.mark.parametrize("where", [0, 1])  # in this process, or in a child
def test_an_error_comes_back_with_its_type_and_attributes(tmp_path, where):
    exporters = [Fake("a"), Fake("b")]
    exporters[where] = Fake(exporters[where].name, "input")
    with pytest.raises(InputError) as caught:
        written(tmp_path, *exporters)
    assert str(caught.value) == "in.jsonl:3: not valid JSON" and caught.value.reason == "not valid JSON"


def test_a_full_disk_in_a_child_is_the_oserror_with_its_file_name(tmp_path):
    with pytest.raises(OSError) as caught:
        written(tmp_path, Fake("a"), Fake("b", "full"))
    assert caught.value.errno == 28 and caught.value.filename == str(tmp_path / "b.txt")


def test_of_several_failures_the_first_exporters_is_raised_whatever_ends_first(tmp_path):
    with pytest.raises(ValueError, match="a bug"):
        written(tmp_path, Fake("a"), Fake("b", "bug"), Fake("c", "full"))


def test_a_child_killed_is_an_output_error_naming_its_target(tmp_path):
    with pytest.raises(OutputError) as caught:
        written(tmp_path, Fake("a"), Fake("b", "kill"))
    assert str(caught.value) == f"{tmp_path / 'b.txt'}: cannot write the output (the process writing it was " \
                                "killed by SIGKILL)"
    assert OutputError.exit_code == 73


def test_a_child_killed_in_a_build_is_one_line_exit_73_and_the_old_exports_stay(tmp_path, monkeypatch):
    out = tmp_path / "out"
    ids = prepared_output(out)
    assert run_here("build", "--remove", ids[0], "-o", str(out), "-q").returncode == 0
    before = outputs(out)
    import exports.neo4j

    monkeypatch.setattr(exports.neo4j, "write_neo4j", lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL))
    proc = run_here("build", "--remove", ids[1], "-o", str(out), "--workers", "2")
    lines = proc.stderr.splitlines()
    assert proc.returncode == 73 and len(lines) == 1, proc.stderr
    assert lines[0].startswith("newskg: error: ") and "neo4j: cannot write the output (the process writing it " \
                                                       "was killed by SIGKILL)" in lines[0]
    assert outputs(out) == before


# Runs the CLI with two workers, SIGKILLing this process (parent) or each forked
# exporter (child) at its first rename into the staging folder: in the middle of the exports.
KILL_WHILE_EXPORTING = r"""
import os, signal, sys
who, args = sys.argv[1], sys.argv[2:]
parent, replace = os.getpid(), os.replace
def die_then_replace(src, dst):
    if os.sep + os.path.join(".newskg", "next") in str(dst) and (os.getpid() == parent) == (who == "parent"):
        os.kill(os.getpid(), signal.SIGKILL)
    replace(src, dst)
os.replace = die_then_replace
from newskg.cli import main
sys.exit(main(args))
"""


@pytest.mark.parametrize("who", ["parent", "child"])
def test_killed_while_exporting_the_old_exports_stay_and_the_next_build_is_whole(tmp_path, who):
    import subprocess
    import sys

    from support.paths import ROOT

    from newskg.building.outdir import OutputFolder

    out = tmp_path / "out"
    ids = prepared_output(out)
    assert run_here("build", "--remove", ids[0], "-o", str(out), "-q").returncode == 0
    before = outputs(out)
    # Returns once every process has closed its end of the pipes: the orphaned children too.
    proc = subprocess.run([sys.executable, "-c", KILL_WHILE_EXPORTING, who, "build", "--remove", ids[1], "-o",
                           str(out), "-q", "--workers", "2"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    if who == "parent":
        assert proc.returncode == -signal.SIGKILL, proc.stderr
    else:
        assert proc.returncode == 73 and proc.stderr.count("\n") == 1, proc.stderr
        assert "cannot write the output (the process writing it was killed by SIGKILL)" in proc.stderr
    OutputFolder.claim(out, [], []).release(failed=False)  # unlocked: no child is left writing
    assert outputs(out) == before
    assert run_here("build", "--remove", ids[1], "-o", str(out), "-q", "--workers", "2").returncode == 0
    assert outputs(out) != before and not (out / ".newskg" / "next").exists()
