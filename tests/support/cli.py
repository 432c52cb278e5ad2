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


def run_here(*args: str) -> subprocess.CompletedProcess:
    """The CLI's ``main`` in this process (no start-up cost): its exit code,
    stdout and stderr as :func:`run` gives them."""
    import contextlib
    import io

    from newskg.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return subprocess.CompletedProcess(["newskg", *args], code, out.getvalue(), err.getvalue())
