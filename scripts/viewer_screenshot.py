"""Screenshot of the viewer for the README (docs/viewer.png).

    .venv/bin/newskg build seeds -o out && .venv/bin/python scripts/viewer_screenshot.py out/graph.html docs/viewer.png

Opens the page in headless Chromium with the network blocked (the test
suite's harness), searches for a node, selects it (the view centres on it) so that the details
panel shows its names, articles and statements, and saves the picture.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests")]

from support.browser import chromium, offline_page


def screenshot(page_path: Path, out: Path, search: str = "Mariupol", size: tuple[int, int] = (1400, 860)) -> None:
    with chromium() as browser:
        page, log = offline_page(browser, page_path, viewport=size)
        page.wait_for_function("window.viewerStable === true", timeout=60_000)
        page.fill("#search", search)
        page.press("#search", "Enter")
        page.evaluate("network.moveTo({scale: 0.8, animation: false})")  # the selected node and its neighbours
        page.wait_for_timeout(300)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        log.assert_clean()


if __name__ == "__main__":
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]), *(sys.argv[3:4]))
