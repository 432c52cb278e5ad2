"""The session fixtures' shared shape: start a server, fail (never skip) when it cannot, stop it after."""
from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator

import pytest


def stop_process(proc: subprocess.Popen, grace: float) -> None:
    """SIGTERM the server's own process, SIGKILL it if it has not exited after ``grace`` seconds."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def running(start: Callable, unavailable: type[Exception]) -> Iterator:
    """Yield ``start()``; a raised ``unavailable`` fails the test with its message; ``stop()`` at the end."""
    try:
        server = start()
    except unavailable as e:
        pytest.fail(str(e), pytrace=False)
    try:
        yield server
    finally:
        server.stop()
