"""The CLI run as a user runs it: ``python -m newskg.cli`` in a child process, from the repository."""
from __future__ import annotations

import subprocess
import sys

from support.paths import ROOT


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newskg.cli", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=300)


def run_bytes(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """:func:`run` with bytes in and out, and time for a large folder of inputs."""
    return subprocess.run([sys.executable, "-m", "newskg.cli", *args], check=False, cwd=ROOT, input=stdin,
                          capture_output=True, timeout=600)
