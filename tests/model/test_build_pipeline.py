"""Builds as users run them: in parallel, in any file order, into an existing
output (incremental), with articles taken out again. Each must give the very
bytes of one build from scratch."""
from __future__ import annotations

import pytest
import spacy.util
from support.builds import outputs
from support.paths import SEED_FILES, SEEDS

from newskg.api import DEFAULT_MODEL, BuildOptions, build
from newskg.building import cache_key, run
from core.errors import InputError


@pytest.fixture
def one_article_per_task(monkeypatch):
    """Every article its own task, so two workers really share the work."""
    monkeypatch.setattr(run, "CHUNK", 1)


def test_workers_and_file_order_do_not_change_a_byte(tmp_path, seeds_out, one_article_per_task):
    two = build([str(p) for p in reversed(SEED_FILES)], tmp_path / "two", BuildOptions(workers=2))
    assert two.extracted == len(SEED_FILES)
    got, expected = outputs(tmp_path / "two"), outputs(seeds_out)
    assert {"graph.ttl", "graph.html", "neo4j/nodes_entities.csv", "neo4j/import.cypher"} <= set(expected)
    assert got == expected


def test_adding_then_removing_an_article_equals_building_from_scratch(tmp_path, seeds_out):
    a, b = SEED_FILES[:2], SEED_FILES[2]
    only_a = tmp_path / "only_a"
    build([str(p) for p in a], only_a)
    out = tmp_path / "out"
    first = build([str(p) for p in a], out)
    assert (first.extracted, first.reused, first.articles) == (2, 0, 2)

    added = build([str(b)], out)  # build(A) then add(B) ...
    assert (added.extracted, added.reused, added.articles) == (1, 0, 3)
    assert outputs(out) == outputs(seeds_out)  # ... equals build(A+B)

    again = build([str(SEEDS)], out)  # the same articles again change nothing
    assert (again.extracted, again.reused, again.articles) == (0, 3, 3)
    assert outputs(out) == outputs(seeds_out)

    removed = build([], out, BuildOptions(remove=[b.stem]))
    assert (removed.removed, removed.articles) == (1, 2)
    assert outputs(out) == outputs(only_a)  # remove(B) after that equals build(A)
    with pytest.raises(InputError, match=f"--remove {b.stem}: no such article"):
        build([], out, BuildOptions(remove=[b.stem]))


def test_an_edited_article_is_parsed_again(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for p in SEED_FILES[:2]:
        (src / p.name).write_bytes(p.read_bytes())
    out = tmp_path / "out"
    build([str(src)], out)
    edited = src / SEED_FILES[0].name
    edited.write_text(edited.read_text(encoding="utf-8") + "\nRussian forces shelled Kharkiv on Monday.\n",
                      encoding="utf-8")
    again = build([str(src)], out)
    assert (again.extracted, again.reused) == (1, 1)
    build([str(src)], tmp_path / "scratch")
    assert outputs(out) == outputs(tmp_path / "scratch")
    assert b"Kharkiv" in (out / "graph.ttl").read_bytes()


def test_a_new_extractor_version_invalidates_the_cache(tmp_path, monkeypatch):
    out = tmp_path / "out"
    build([str(p) for p in SEED_FILES[:2]], out)
    monkeypatch.setattr(cache_key, "extractor_id", lambda: "newskg-99.0+rules-edited")
    # Only one source given again: the other's records are stale and cannot be re-made.
    with pytest.raises(InputError, match=rf"1 article\(s\) here \(e.g. '{SEED_FILES[1].stem}'\).*--fresh"):
        build([str(SEED_FILES[0])], out)
    again = build([str(SEED_FILES[1])], out)
    assert (again.extracted, again.reused, again.articles) == (1, 0, 2)  # the first was redone above
    assert build([str(p) for p in SEED_FILES[:2]], out).reused == 2


def test_another_model_invalidates_the_cache(tmp_path):
    out = tmp_path / "out"
    build([str(SEED_FILES[0])], out)
    folder = spacy.util.get_package_path(DEFAULT_MODEL)
    model_dir = next(d for d in folder.iterdir() if (d / "meta.json").is_file() and d.name.startswith(DEFAULT_MODEL))
    other = build([str(SEED_FILES[0])], out, BuildOptions(model=str(model_dir)))
    assert (other.extracted, other.reused) == (1, 0)


def test_fresh_forgets_what_the_output_held(tmp_path):
    out = tmp_path / "out"
    build([str(SEED_FILES[0])], out)
    fresh = build([str(SEED_FILES[1])], out, BuildOptions(fresh=True))
    assert (fresh.extracted, fresh.articles) == (1, 1)


def _cli_on_a_terminal(*args: str) -> str:
    """Run the CLI with stderr on a pseudo-terminal (120 columns); its stderr."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    from support.paths import ROOT

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "newskg.cli", *args], cwd=ROOT, stderr=follower,
                            stdout=subprocess.DEVNULL)
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    assert proc.wait(timeout=120) == 0
    return out.decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_only(tmp_path, seeds_out):
    import shutil
    import subprocess
    import sys

    from support.paths import ROOT

    out = tmp_path / "out"
    shutil.copytree(seeds_out / ".newskg", out / ".newskg")  # no parsing needed: fast
    shown = _cli_on_a_terminal("build", str(SEEDS), "-o", str(out))
    assert "extract: 100%" in shown and "3/3" in shown and "article/s" in shown
    assert "extract:" not in _cli_on_a_terminal("build", str(SEEDS), "-o", str(out), "--quiet")
    piped = subprocess.run([sys.executable, "-m", "newskg.cli", "build", str(SEEDS), "-o", str(out)], cwd=ROOT,
                           capture_output=True, text=True, timeout=120, check=True)
    assert "extract:" not in piped.stderr and piped.stderr.startswith("built 3 article(s)")
