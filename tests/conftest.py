"""The suite's rooms, and the fixtures they share (docs/testing.md).

The folder decides a test's room, and its marker: ``unit`` (tests/unit, and the doctests
of the packages: no spaCy model is loaded), ``model`` (tests/model: the model is loaded),
``e2e`` (tests/e2e: a real client runs). A test of tests/e2e also names its client with
``browser``, ``cypher``, ``dask`` or ``neo4j``. A test outside the rooms, a room marker that names
another room, or a client marker outside tests/e2e stops the run before any test runs.

Paths and helpers are imported from ``support`` (tests/support/), never from a conftest.
"""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from support.paths import ROOT, SEEDS

TESTS = Path(__file__).resolve().parent
ROOMS = ("unit", "model", "e2e")
CLIENTS = ("browser", "cypher", "dask", "neo4j")

collect_ignore = ["support/model_guard_site"]  # a sitecustomize for child processes, not a module to import


def _shared_corpora() -> Path | None:
    """The workspace's shared corpora: ``shared/corpora`` beside the repository
    (``../shared/corpora``), or beside a folder above it (a git worktree in
    ``wt/NAME``). The harness knows the workspace; the package does not."""
    for folder in ROOT.parents:
        if (folder / "shared" / "corpora").is_dir():
            return folder / "shared" / "corpora"
    return None


# ``newskg eval`` reads corpora from --corpora or $NEWSKG_CORPORA only; a value already set wins.
if "NEWSKG_CORPORA" not in os.environ and (_corpora := _shared_corpora()) is not None:
    os.environ["NEWSKG_CORPORA"] = str(_corpora)


# The index cache (core/index_cache.py) goes to a folder of this session, removed at its end,
# not to the user's ~/.cache: the tests write nothing outside the checkout and their temporary
# folders. Child processes (the CLI) inherit it; a value already set wins.
if "NEWSKG_CACHE_DIR" not in os.environ:
    os.environ["NEWSKG_CACHE_DIR"] = tempfile.mkdtemp(prefix="newskg-test-cache-")
    atexit.register(shutil.rmtree, os.environ["NEWSKG_CACHE_DIR"], True)

def room(item: pytest.Item) -> str:
    """``unit``, ``model`` or ``e2e`` by the test's folder; doctests (of the packages and of
    support/) are ``unit``; "" for a test module outside the rooms."""
    path = item.path.resolve()
    if path.is_relative_to(TESTS) and (parts := path.relative_to(TESTS).parts)[0] in ROOMS:
        return parts[0]
    return "" if path.name.startswith("test_") else "unit"


def _misplaced(item: pytest.Item, where: str) -> str:
    if not where:
        return "is in no room: put it in tests/unit, tests/model or tests/e2e"
    marked = {m.name for m in item.iter_markers()}
    if other := sorted(marked & set(ROOMS) - {where}):
        return f"is marked {', '.join(other)} but lives in tests/{where}: the folder decides"
    clients = marked & set(CLIENTS)
    if where == "e2e" and not clients:
        return f"needs the marker of the client it drives: {', '.join(CLIENTS)}"
    if where != "e2e" and clients:
        return f"drives {', '.join(sorted(clients))}: it belongs in tests/e2e"
    return ""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    wrong = []
    for item in items:
        where = room(item)
        if problem := _misplaced(item, where):
            wrong.append(f"{item.nodeid} {problem}")
        else:
            item.add_marker(where)
    if wrong:
        raise pytest.UsageError("tests out of their rooms (docs/testing.md):\n  " + "\n  ".join(wrong))


@pytest.fixture(scope="session")
def nlp():
    from extract.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seeds_out(tmp_path_factory) -> Path:
    """The seeds built with every default format, as a user would."""
    from newskg.api import build

    out = tmp_path_factory.mktemp("seeds-out")
    build([str(SEEDS)], out)
    return out


@pytest.fixture(scope="session")
def hostile_out(tmp_path_factory) -> Path:
    """The hostile articles (support/hostile.py) built through the real pipeline, every export."""
    from support.hostile import build_hostile_articles

    return build_hostile_articles(tmp_path_factory.mktemp("hostile-in"), tmp_path_factory.mktemp("hostile-out"))
