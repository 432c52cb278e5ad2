"""Headless Debian Chromium for browser tests, with the network blocked.

Playwright drives the system Chromium; it never downloads a browser. A
missing Chromium fails the test (CI installs it) instead of skipping it.

Usage::

    with chromium() as browser:
        page, log = offline_page(browser, path)   # opens path via file://
        ...
        log.assert_clean()
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium ``Browser``; fails the test if Chromium is missing."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium package (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageLog:
    """What a page asked for and complained about."""

    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.blocked, f"page tried to fetch: {self.blocked}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.page_errors, f"page errors: {self.page_errors}"


def offline_page(browser, path: Path, viewport: tuple[int, int] = (1280, 800)):
    """Open ``path`` via file:// in a new page that may load nothing else.

    Returns ``(page, log)``; every request but the file itself is aborted
    and recorded in ``log.blocked``.
    """
    url = Path(path).resolve().as_uri()
    log = PageLog()
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})

    def route(r) -> None:
        if r.request.url == url:
            r.continue_()
        else:
            log.blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("request", lambda req: log.requests.append(req.url))
    page.on("console", lambda msg: log.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: log.page_errors.append(str(exc)))
    page.goto(url)
    return page, log


def other_requests(log: PageLog, path: Path) -> list[str]:
    """Requests in ``log`` for anything but ``path`` and inline data.

    A check beside ``log.blocked``, for requests that routing may not see.
    """
    url = Path(path).resolve().as_uri()
    return [u for u in log.requests if u != url and not u.startswith("data:")]
