"""A build killed with SIGKILL at any moment, then run again, ends with the
same files as a build that was never interrupted; no half-written file is
ever in place.

The killed builds run in a subprocess that kills itself at a chosen point:
after a batch of records is committed, in the middle of writing an export,
just before an export is renamed into place, before a removal is recorded;
and once at a random moment.
"""
from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.builds import outputs
from support.paths import ROOT, SEED_FILES, SEEDS


# Runs the CLI with one article per task, killing itself with SIGKILL at
# the n-th call of the chosen point (argv: POINT N CLI-ARGS...).
DRIVER = r"""
import os, signal, sys
from newskg.building import run, store
import core.atomic as atomic
run.CHUNK = 1
point, n, args = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
calls = [0]

def die_at_nth():
    calls[0] += 1
    if calls[0] == n:
        os.kill(os.getpid(), signal.SIGKILL)

if point == "committed":  # after the n-th batch of records is committed
    put = store.RecordStore.put
    def put_then_die(self, rows):
        put(self, rows)
        die_at_nth()
    store.RecordStore.put = put_then_die
elif point == "mid-write":  # half-way through writing the n-th file
    write_binary = atomic.write_binary
    def half_then_die(path, fill):
        def fill_half(f):
            f.write(b"@prefix half: <written> .\n")
            f.flush()
            die_at_nth()
            fill(f)
        write_binary(path, fill_half)
    atomic.write_binary = half_then_die
elif point == "rename":  # just before the n-th rename into place
    replace = os.replace
    def die_then_replace(src, dst):
        die_at_nth()
        replace(src, dst)
    atomic.os.replace = die_then_replace
elif point == "forget":  # exports written, removal not yet recorded
    delete = store.RecordStore.delete
    def die_then_delete(self, ids):
        if ids:
            die_at_nth()
        delete(self, ids)
    store.RecordStore.delete = die_then_delete
from newskg.cli import main
sys.exit(main(args))
"""


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newskg.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)


def killed(point: str, n: int, *args: str) -> None:
    proc = subprocess.run([sys.executable, "-c", DRIVER, point, str(n), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=False)
    assert proc.returncode == -signal.SIGKILL, proc.stderr  # it really died there


def no_temp_files(out: Path) -> bool:
    return not [p for p in out.rglob(".*") if p.name.endswith((".tmp", ".old"))]


def with_records_of(src: Path, out: Path, exports: bool = False) -> Path:
    """A copy of a finished build's records cache (and exports), so that a
    test of the later stages does not parse again."""
    shutil.copytree(src, out, ignore=None if exports else shutil.ignore_patterns("graph.*", "neo4j"))
    return out


def test_killed_while_parsing_run_again_gives_the_uninterrupted_result(tmp_path, seeds_out):
    out = tmp_path / "out"
    killed("committed", 1, "build", str(SEEDS), "-o", str(out), "--quiet")  # 1 of 3 articles stored
    again = cli("build", str(SEEDS), "-o", str(out), "--quiet")
    assert again.returncode == 0, again.stderr
    assert outputs(out) == outputs(seeds_out)
    assert no_temp_files(out)


@pytest.mark.parametrize("point, n", [
    ("mid-write", 1),  # Turtle half written
    ("rename", 2),  # Turtle in place, the viewer not yet
    ("rename", 5),  # inside the Neo4j folder
])
def test_killed_while_exporting_run_again_gives_the_uninterrupted_result(point, n, tmp_path, seeds_out):
    out = with_records_of(seeds_out, tmp_path / "out")
    killed(point, n, "build", str(SEEDS), "-o", str(out), "--quiet")
    if (out / "graph.ttl").exists():  # whatever is in place is whole, never half
        assert not (out / "graph.ttl").read_bytes().startswith(b"@prefix half:")
    again = cli("build", str(SEEDS), "-o", str(out), "--quiet")
    assert again.returncode == 0, again.stderr
    assert outputs(out) == outputs(seeds_out)
    assert no_temp_files(out)


def test_killed_removal_run_again_gives_the_uninterrupted_result(tmp_path, seeds_out):
    from newskg.api import build

    a, b = SEED_FILES[:2], SEED_FILES[2]
    build([str(p) for p in a], tmp_path / "only_a")
    out = with_records_of(seeds_out, tmp_path / "out", exports=True)
    killed("forget", 1, "build", "--remove", b.stem, "-o", str(out), "--quiet")
    again = cli("build", "--remove", b.stem, "-o", str(out), "--quiet")
    assert again.returncode == 0, again.stderr
    assert outputs(out) == outputs(tmp_path / "only_a")


def test_killed_at_a_random_moment(tmp_path, seeds_out):
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "newskg.cli", "build", str(SEEDS), "-o", str(out), "--quiet"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(random.Random().uniform(0.5, 5.0))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    again = cli("build", str(SEEDS), "-o", str(out), "--quiet")
    assert again.returncode == 0, again.stderr
    assert outputs(out) == outputs(seeds_out)
    assert no_temp_files(out)
