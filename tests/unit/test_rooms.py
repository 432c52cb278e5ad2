"""newskg's rooms stand on each other in one direction, below the API and the CLI.

    newskg.cli -> newskg.api -> building, evaluation -> reading
                                service
"""
from __future__ import annotations

import subprocess
import sys

from support.paths import ROOT
from test_layering import _imports, _modules

#: What each room may import of newskg, besides itself.
ROOMS = {
    "reading": set(),
    "service": set(),
    "building": {"reading"},
    "evaluation": {"reading"},
}


def _room(module: str) -> str:
    """``building`` for ``newskg.building.run``; "" for newskg itself, its API and its CLI."""
    parts = module.split(".")
    return parts[1] if parts[0] == "newskg" and len(parts) > 1 and parts[1] in ROOMS else ""


def test_only_api_cli_and_main_stay_at_the_top():
    top = {m for m in _modules() if m.startswith("newskg.") and not _room(m)}
    assert top == {"newskg.api", "newskg.cli", "newskg.__main__"}


def test_rooms_import_downwards_and_never_the_api_or_the_cli():
    offenders = sorted(
        f"{m} imports {t}"
        for m in _modules() if _room(m)
        for t in _imports(m) if t.startswith("newskg") and _room(t) != _room(m)
        and _room(t) not in ROOMS[_room(m)]
    )
    assert offenders == []


def test_the_cli_is_a_layer_over_the_api():
    assert {t for t in _imports("newskg.cli") if t.startswith("newskg")} == {"newskg", "newskg.api"}


def test_python_dash_m_newskg_is_the_newskg_command():
    out = subprocess.run([sys.executable, "-m", "newskg", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("usage: newskg ")
    bad = subprocess.run([sys.executable, "-m", "newskg", "nonsense"], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.startswith("newskg: error: ")
