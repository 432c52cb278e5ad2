"""What a build promises about the output folder (docs/safety.md): a folder
of the user's is refused and left untouched; newskg replaces and removes
only what its manifest lists; one build at a time; a cache that lacks
articles of the graph is an error naming --fresh; a full disk, a read-only
folder, a corrupt record are one line and an exit code; and after any
failure or kill the exports are the old set or the new one.

No model: each build only removes an article from a prepared records
cache (support/prepared.py), which runs the graph, the exports and the
switch. The full and read-only filesystems are small tmpfs mounts (the
tests run as root, as CI does; elsewhere they are skipped).
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from support.builds import outputs
from support.cli import run, run_here
from support.paths import ROOT
from support.prepared import everything, prepared_output
from support.shared import on_ci


def one_line_error(proc: subprocess.CompletedProcess, code: int, *words: str) -> None:
    lines = proc.stderr.splitlines()
    assert proc.returncode == code, proc.stderr
    assert len(lines) == 1 and lines[0].startswith("newskg: error: "), proc.stderr
    for w in words:
        assert w in lines[0], lines[0]


def built(tmp_path: Path, name: str = "out") -> tuple[Path, list[str]]:
    """A folder built once (the fixture without its first article)."""
    out = tmp_path / name
    ids = prepared_output(out)
    proc = run_here("build", "--remove", ids[0], "-o", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    return out, ids


@pytest.fixture(scope="module")
def new_set(tmp_path_factory) -> dict[str, bytes]:
    """The exports of the fixture without its first two articles: what the second build writes."""
    out, ids = built(tmp_path_factory.mktemp("new"))
    assert run_here("build", "--remove", ids[1], "-o", str(out), "-q").returncode == 0
    return outputs(out)


def users_folder(root: Path) -> Path:
    """A folder of the user's: a Neo4j database, a graph of their own, dot-files."""
    u = root / "u"
    (u / "neo4j" / "data").mkdir(parents=True)
    (u / "neo4j" / "data" / "store.db").write_bytes(b"the user's database")
    (u / "graph.ttl").write_text("<a> <b> <c> .\n")
    (u / ".profile").write_text("export X=1\n")
    (u / ".neo4j.old").write_text("the user's notes\n")
    (u / ".graph.ttl.x.tmp").write_text("the user's too\n")
    return u


def test_a_folder_of_the_users_is_refused_and_left_as_it_was(tmp_path):
    u = users_folder(tmp_path)
    before = everything(u)
    proc = run_here("build", str(ROOT / "seeds"), "-o", str(u))
    one_line_error(proc, 1, "not a newskg output folder", "--allow-foreign")
    assert everything(u) == before


def test_allow_foreign_adds_beside_the_users_files_and_never_replaces_one(tmp_path):
    u = users_folder(tmp_path)
    (u / "graph.ttl").unlink()
    ids = prepared_output(u)
    before = everything(u, skip_cache=True)
    refused = run_here("build", "--remove", ids[0], "-o", str(u), "--allow-foreign")
    one_line_error(refused, 1, "neo4j", "newskg did not write this")  # the default formats include neo4j/
    assert everything(u, skip_cache=True) == before
    ok = run_here("build", "--remove", ids[0], "-o", str(u), "--allow-foreign", "--format", "turtle,html", "-q")
    assert ok.returncode == 0, ok.stderr
    again = run_here("build", "--remove", ids[1], "-o", str(u), "--format", "turtle", "-q")  # now marked: no flag
    assert again.returncode == 0, again.stderr
    after = everything(u, skip_cache=True)
    assert {k: v for k, v in after.items() if k != "graph.ttl"} == before  # graph.html went: it was newskg's
    manifest = (u / ".newskg" / "manifest.json").read_text()
    assert '"graph.ttl"' in manifest and "neo4j" not in manifest


def test_a_rebuild_replaces_only_what_the_manifest_lists(tmp_path, new_set):
    out, ids = built(tmp_path)
    (out / "mine.txt").write_text("the user's\n")
    (out / ".neo4j.old").write_text("the user's\n")
    proc = run_here("build", "--remove", ids[1], "-o", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    assert {k: v for k, v in outputs(out).items() if k not in ("mine.txt", ".neo4j.old")} == new_set
    assert (out / "mine.txt").read_text() == (out / ".neo4j.old").read_text() == "the user's\n"


def test_a_build_refused_by_the_lock_touches_nothing(tmp_path):
    from newskg.building.outdir import OutputFolder

    out, ids = built(tmp_path)
    before = everything(out)
    holder = OutputFolder.claim(out, [], [])
    try:
        proc = run("build", "--remove", ids[1], "-o", str(out))
    finally:
        holder.release(failed=False)
    one_line_error(proc, 1, "another newskg build is writing")
    assert everything(out) == before


def test_a_build_refused_on_a_folder_another_build_just_created_leaves_it(tmp_path):
    """The lock is taken on the folder before anything in it is looked at:
    the refused build never removes a folder, even one it found missing."""
    from newskg.building.outdir import OutputFolder

    out = tmp_path / "new"
    holder = OutputFolder.claim(out, [], [])
    try:
        assert holder.created
        (holder.staging() / "graph.ttl").write_text("being written\n")
        proc = run("build", "--remove", "x", "-o", str(out))
        one_line_error(proc, 1, "another newskg build is writing")
        assert (out / ".newskg" / "next" / "graph.ttl").read_text() == "being written\n"
    finally:
        holder.release(failed=True)
    assert not out.exists()  # the build that made it, failing, removed what it wrote


def test_two_builds_racing_into_a_new_folder_never_crash_or_leave_it_behind(tmp_path):
    out = tmp_path / "new"
    args = [sys.executable, "-m", "newskg.cli", "build", "--remove", "nope", "-o", str(out)]
    for _ in range(2):
        procs = [subprocess.Popen(args, cwd=ROOT, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        errors = [p.communicate(timeout=60)[1] for p in procs]
        assert [p.returncode for p in procs] == [1, 1], errors
        assert all(len(e.splitlines()) == 1 for e in errors), errors
        assert not out.exists()


@pytest.mark.parametrize("damage, words", [
    (lambda db: db.unlink(), "records cache is missing"),
    (lambda db: db.write_bytes(b""), "records cache is empty"),
])
def test_a_cache_that_lacks_the_graphs_articles_is_an_error_naming_fresh(tmp_path, damage, words):
    out, ids = built(tmp_path)
    before = outputs(out)
    damage(out / ".newskg" / "records.sqlite")
    proc = run_here("build", "--remove", ids[1], "-o", str(out))
    one_line_error(proc, 1, words, "--fresh")
    assert outputs(out) == before


def test_a_cache_missing_some_articles_is_an_error_naming_fresh(tmp_path):
    import sqlite3

    out, ids = built(tmp_path)
    with sqlite3.connect(out / ".newskg" / "records.sqlite") as db:
        db.execute("DELETE FROM records WHERE id = ?", (ids[2],))
    proc = run_here("build", "--remove", ids[1], "-o", str(out))
    one_line_error(proc, 1, "holds 1 of the 2 articles", "--fresh")


@pytest.mark.parametrize("workers", ["1", "2"])  # with 2 the row is decoded in a worker process
def test_a_corrupt_record_is_one_line_naming_fresh(tmp_path, workers):
    import sqlite3

    out, ids = built(tmp_path)
    before = outputs(out)
    with sqlite3.connect(out / ".newskg" / "records.sqlite") as db:
        db.execute("UPDATE records SET data = ? WHERE id = ?", (b"not zlib at all", ids[2]))
    proc = run_here("build", "--remove", ids[1], "--workers", workers, "-o", str(out))
    one_line_error(proc, 1, "corrupt", "--fresh")
    assert outputs(out) == before


# -- full and read-only filesystems ----------------------------------------------

@pytest.fixture
def small_fs(tmp_path):
    """A 4 MiB tmpfs at tmp_path/fs (root only, as in CI)."""
    mount = tmp_path / "fs"
    mount.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True)
    if proc.returncode:  # not root: skipped here, a failure under CI=true (CI runs as root)
        if on_ci():
            pytest.fail(f"cannot mount a tmpfs under CI ({proc.stderr.decode().strip()})", pytrace=False)
        pytest.skip(f"cannot mount a tmpfs here ({proc.stderr.decode().strip()})")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path, leave: int) -> None:
    """Fill the filesystem of ``folder`` until ``leave`` bytes are free."""
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    with open(folder / "filler", "wb") as f:
        f.write(b"\0" * max(0, free - leave))


@pytest.mark.parametrize("workers", ["1", "2"])  # two: the exports written at once by forked processes
def test_a_full_disk_is_one_line_exit_73_and_the_old_exports_stay(small_fs, new_set, workers):
    out, ids = built(small_fs)
    before = outputs(out)
    fill(small_fs, 16 * 1024)  # room for some exports, not all
    proc = run_here("build", "--remove", ids[1], "-o", str(out), "--workers", workers)
    one_line_error(proc, 73, "cannot write the output")
    assert outputs(out) == before
    assert not {"next", "ready", "old"} & {p.name for p in (out / ".newskg").iterdir()}  # no staged leftovers
    (small_fs / "filler").unlink()
    again = run_here("build", "--remove", ids[1], "-o", str(out), "-q")
    assert again.returncode == 0, again.stderr
    assert outputs(out) == new_set


def test_a_read_only_output_is_one_line_exit_73(small_fs):
    out, ids = built(small_fs)
    before = outputs(out)
    subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], check=True)
    proc = run_here("build", "--remove", ids[1], "-o", str(out))
    one_line_error(proc, 73, "Read-only file system")
    assert outputs(out) == before
    new = run_here("build", "--remove", ids[1], "-o", str(small_fs / "sub" / "new"))
    one_line_error(new, 73, "Read-only file system")


# -- SIGKILL anywhere in the switch ------------------------------------------------

# Runs the CLI, killing itself with SIGKILL at the n-th rename (os.replace)
# of the build: staging, the commit point, each move of the switch.
KILL_AT_RENAME = r"""
import os, signal, sys
import newskg.building.outdir as outdir
import core.atomic as atomic
n, args = int(sys.argv[1]), sys.argv[2:]
calls = [0]
replace = os.replace
def die_then_replace(src, dst):
    calls[0] += 1
    if calls[0] == n:
        os.kill(os.getpid(), signal.SIGKILL)
    replace(src, dst)
outdir.os.replace = atomic.os.replace = die_then_replace
from newskg.cli import main
sys.exit(main(args))
"""


def test_killed_at_every_rename_the_next_build_finds_the_old_or_the_new_set(tmp_path, new_set):
    out, ids = built(tmp_path)
    old_set = outputs(out)
    # ~25 renames: the exports staged (1-14), the commit point, the moves of the
    # switch and the manifest; three points at random each run, one in the switch.
    rng = random.Random()
    points = sorted(rng.sample(range(1, 15), 1) + rng.sample(range(15, 26), 2)) + [99]
    seen = set()
    for n in points:
        trial = tmp_path / f"k{n}"
        shutil.copytree(out, trial, symlinks=True)
        proc = subprocess.run([sys.executable, "-c", KILL_AT_RENAME, str(n), "build", "--remove", ids[1], "-o",
                               str(trial), "-q"], cwd=ROOT, capture_output=True, text=True, timeout=120)
        if proc.returncode == 0:  # fewer renames than n
            assert outputs(trial) == new_set
            continue
        assert proc.returncode == -signal.SIGKILL, proc.stderr
        if not (trial / ".newskg" / "ready").exists():  # not inside the switch: untouched or done
            assert outputs(trial) in (old_set, new_set), n
        # What any later build sees first: the switch finished or never begun.
        from newskg.building.outdir import OutputFolder
        OutputFolder.claim(trial, [], []).release(failed=False)
        now = outputs(trial)
        assert now in (old_set, new_set), n
        seen.add("new" if now == new_set else "old")
        again = run_here("build", "--remove", ids[1], "-o", str(trial), "-q")
        if now == old_set:
            assert again.returncode == 0, again.stderr
        assert outputs(trial) == new_set
    assert proc.returncode == 0 and "old" in seen
