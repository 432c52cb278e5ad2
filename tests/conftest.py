"""Shared fixtures: the seeds built once per session (model-backed)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden"


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


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; NEWSKG_UPDATE_GOLDEN=1 rewrites it."""
    import difflib

    path = GOLDEN / name
    if os.environ.get("NEWSKG_UPDATE_GOLDEN") or not path.exists():
        if not os.environ.get("NEWSKG_UPDATE_GOLDEN"):
            pytest.fail(f"golden file {path} is missing; run with NEWSKG_UPDATE_GOLDEN=1 to create it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"golden/{name}", "actual", n=2))
        pytest.fail(f"{name} differs from its golden file:\n{diff[:6000]}")
