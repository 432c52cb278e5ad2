"""Screenshots of the viewer's views for the docs (docs/viewer.png and its siblings).

    .venv/bin/newskg build seeds -o out && .venv/bin/python scripts/viewer_screenshot.py out/graph.html docs/viewer.png

Opens the page in headless Chromium with the network blocked (the test suite's harness) and
saves, next to the given file: the whole entity graph with a node found by the search box
(``viewer.png``), that node's two-hop neighbourhood (``viewer-focus.png``), one article's
entities laid out on their own (``viewer-filter.png``), the map (``viewer-map.png``) and a day of
the timeline listed in the details panel (``viewer-timeline.png``). Fails on any request or
console error.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests")]

from support.browser import chromium, offline_page

BUSIEST_DAY_JS = """() => [...document.querySelectorAll('#timeline-svg g.day')]
  .sort((a, b) => b.dataset.count - a.dataset.count)[0].dataset.date"""
BIGGEST_ARTICLE_JS = """() => {
  const n = viewer.data.articles.map((_, i) => viewer.data.nodes.filter(x => x.kind === 'entity' && x.articles.includes(i)).length);
  return String(n.indexOf(Math.max(...n)));
}"""


def screenshots(page_path: Path, out: Path, search: str = "Mariupol", size: tuple[int, int] = (1200, 740)) -> list[Path]:
    name = lambda view: out.with_name(f"{out.stem}-{view}{out.suffix}")
    done = []
    with chromium() as browser:
        page, log = offline_page(browser, page_path, viewport=size)
        page.wait_for_function("window.viewerStable === true", timeout=60_000)

        def shot(path: Path) -> None:
            page.wait_for_timeout(300)
            page.screenshot(path=str(path))
            done.append(path)

        out.parent.mkdir(parents=True, exist_ok=True)
        page.fill("#search", search)
        page.press("#search", "Enter")
        page.evaluate("network.moveTo({scale: 0.8, animation: false})")  # the selected node and its neighbours
        shot(out)
        page.select_option("#hops", "2")
        page.evaluate("(id) => network.emit('click', {nodes: [id], edges: []})", page.evaluate("viewer.state.selected"))
        shot(name("focus"))
        page.click("#back")
        page.select_option("#article-filter", page.evaluate(BIGGEST_ARTICLE_JS))
        shot(name("filter"))
        page.select_option("#article-filter", "")
        page.click("#tab-map")
        shot(name("map"))
        page.click("#tab-graph")
        page.locator(f'#timeline-svg g.day[data-date="{page.evaluate(BUSIEST_DAY_JS)}"]').click()
        shot(name("timeline"))
        log.assert_clean()
    return done


if __name__ == "__main__":
    for path in screenshots(Path(sys.argv[1]), Path(sys.argv[2]), *(sys.argv[3:4])):
        print(path, f"{path.stat().st_size:,} bytes")
