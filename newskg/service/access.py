"""Who may talk to ``newskg serve``: the bind address, the Host header, the Origin header (CORS).

* **Bind.** By default the endpoint listens on this machine only. An address
  that is not loopback (``--host 0.0.0.0``, a LAN address) is refused unless
  ``--allow-remote`` says so, and then a warning is printed: the endpoint has
  no authentication and no TLS.
* **Host.** A request's ``Host`` must be the endpoint's port on an IP
  address, ``localhost``, or the name given to ``--host``. A web page that
  points its own domain at 127.0.0.1 (DNS rebinding) sends its domain as the
  Host, so it is refused (403) before any query runs.
* **Origin.** A browser names the page that sends a request in ``Origin``.
  By default a page served from this machine (``http://127.0.0.1:*``,
  ``http://localhost:*``, ``http://[::1]:*``, any port) may query the
  endpoint and read the answers (CORS headers, no credentials: the endpoint
  has no cookies or logins to send); a page from anywhere else is refused
  (403), so a web site the user visits cannot read the graph. ``--allow-origin
  ORIGIN`` (repeatable) names the origins allowed instead, ``*`` any of them.
  The endpoint's own pages (the query page at ``/``) are always allowed. A
  request without ``Origin`` (curl, SPARQLWrapper) is not a page's.
"""
from __future__ import annotations

import ipaddress
import socket
import urllib.parse
from dataclasses import dataclass

from core.errors import UsageError

CORS_METHODS = "GET, POST, OPTIONS"
CORS_HEADERS = "Accept, Content-Type"
CORS_MAX_AGE = "600"
_LOOPBACK_NAMES = {"localhost"}


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return None


def is_loopback(host: str) -> bool:
    """True if every address ``host`` stands for is this machine's loopback."""
    ip = _ip(host)
    if ip is not None:
        return ip.is_loopback
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False  # binding fails later with its own message
    return bool(infos) and all(_ip(info[4][0]) is not None and _ip(info[4][0]).is_loopback for info in infos)


def check_bind(host: str, allow_remote: bool) -> None:
    if not allow_remote and not is_loopback(host):
        raise UsageError(f"--host {host} would let other machines query the graph (no authentication, no TLS); "
                         "add --allow-remote if that is meant")


def remote_warning(host: str) -> str:
    return (f"newskg serve: warning: listening on {host}, not this machine only: anyone who reaches it can "
            "query the graph (no authentication, no TLS)")


@dataclass(frozen=True)
class Access:
    host: str                          # as given to --host
    port: int                          # the port actually bound
    origins: tuple[str, ...] = ()      # --allow-origin; () = this machine's pages

    def host_ok(self, header: str | None) -> bool:
        if not header:
            return False
        parsed = urllib.parse.urlsplit("//" + header)
        try:
            port = parsed.port or 80
        except ValueError:
            return False
        name = (parsed.hostname or "").lower()
        return port == self.port and (_ip(name) is not None or name in _LOOPBACK_NAMES or name == self.host.lower())

    def origin_ok(self, origin: str | None) -> bool:
        if origin is None:
            return True
        parsed = urllib.parse.urlsplit(origin)
        if parsed.scheme == "http" and self.host_ok(parsed.netloc):
            return True  # the endpoint's own page (the query page at /): same origin
        if self.origins:
            return "*" in self.origins or origin in self.origins
        name = (parsed.hostname or "").lower()
        ip = _ip(name)
        return parsed.scheme in ("http", "https") and (name in _LOOPBACK_NAMES or (ip is not None and ip.is_loopback))

    def cors_headers(self, origin: str | None, preflight: bool = False) -> dict[str, str]:
        """The CORS headers for an allowed ``origin`` (none without one)."""
        if origin is None:
            return {}
        headers = {"Access-Control-Allow-Origin": "*" if "*" in self.origins else origin, "Vary": "Origin"}
        if preflight:
            headers.update({"Access-Control-Allow-Methods": CORS_METHODS,
                            "Access-Control-Allow-Headers": CORS_HEADERS,
                            "Access-Control-Max-Age": CORS_MAX_AGE})
        return headers

    def host_refusal(self) -> str:
        return (f"the Host header must name this endpoint (127.0.0.1:{self.port}, localhost:{self.port}, "
                f"or {self.host}:{self.port}): a page that points its own name here is refused")

    def origin_refusal(self, origin: str) -> str:
        allowed = ", ".join(self.origins) if self.origins else "pages served from this machine"
        return f"pages from {origin} may not query this endpoint (allowed: {allowed}; see --allow-origin)"
