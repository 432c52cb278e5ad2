"""What the SPARQL endpoint (``newskg serve``) allows by default, apart from
the server itself so that the API and CLI can name the defaults cheaply."""
from __future__ import annotations

from dataclasses import dataclass

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0  # seconds per query
DEFAULT_MAX_RESULT_BYTES = 50_000_000
DEFAULT_IDLE_TIMEOUT = 15.0  # seconds a connection may stay silent before it is closed
MAX_REQUEST_BYTES = 1_000_000  # a query longer than this is refused (413)


@dataclass(frozen=True)
class Limits:
    timeout: float = DEFAULT_TIMEOUT
    max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES
    idle_timeout: float = DEFAULT_IDLE_TIMEOUT
