"""Golden files: an export compared with its file in tests/golden/, with a readable diff."""
from __future__ import annotations

import difflib
import os

import pytest

from support.paths import GOLDEN


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; NEWSKG_UPDATE_GOLDEN=1 rewrites it."""
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
