"""The session fixtures' shared shape: start a server, fail (never skip) when it cannot, stop it after."""
from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest


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
