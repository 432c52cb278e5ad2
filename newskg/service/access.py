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
  The endpoint's own pages (the query page at ``/``) are always allowed: an
  ``http`` origin on the bound port whose host is the request's Host, a
  loopback name or address, or the ``--host`` name, never just any IP. A
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


def _host_port(netloc: str | None) -> tuple[str, int] | None:
    """``host[:port]`` as (lower-case name, port), the port 80 if not given; None if malformed."""
    if not netloc:
        return None
    parsed = urllib.parse.urlsplit("//" + netloc)
    try:
        port = parsed.port or 80
    except ValueError:
        return None
    if parsed.username is not None or parsed.path or parsed.query or parsed.fragment:
        return None
    return (parsed.hostname or "").lower(), port


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
        named = _host_port(header)
        if named is None:
            return False
        name, port = named
        return port == self.port and (_ip(name) is not None or name in _LOOPBACK_NAMES or name == self.host.lower())

    def own_origin(self, origin: str, host: str | None) -> bool:
        """True if ``origin`` is this endpoint's own page (the query page at /): http on the bound
        port, and the address the request was sent to (its ``host``, which passed :meth:`host_ok`),
        a loopback name or address, or the ``--host`` name. Never any other IP: a page served from
        ``http://203.0.113.5:PORT`` is another machine's."""
        parsed = urllib.parse.urlsplit(origin)
        named = _host_port(parsed.netloc) if parsed.scheme == "http" and parsed.path == "" else None
        if named is None or named[1] != self.port:
            return False
        name, ip = named[0], _ip(named[0])
        if name in _LOOPBACK_NAMES or name == self.host.lower() or (ip is not None and ip.is_loopback):
            return True
        return self.host_ok(host) and _host_port(host) == named

    def origin_ok(self, origin: str | None, host: str | None = None) -> bool:
        """May a page from ``origin`` read the answers to a request sent to ``host`` (its Host header)?"""
        if origin is None:
            return True
        if self.own_origin(origin, host):
            return True  # same origin
        if self.origins:
            return "*" in self.origins or origin in self.origins
        parsed = urllib.parse.urlsplit(origin)
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
