"""The prose of an HTML page, at the same character offsets as the page.

A saved web page is read with the standard library's :mod:`html.parser`.
Its text is kept where it stands and everything else (tags, comments,
scripts, styles, navigation, footers, forms) becomes spaces, so the result
has the page's length and every span the extractors report still points
into the file as it is on disk. Block elements (``<p>``, ``<div>``,
``<br>``, headings, list items, ...) start a new line; character
references are decoded in place (``&amp;`` becomes four spaces and ``&``).
When the page has ``<article>`` elements, only their text is kept.

Only whole pages are treated this way (a doctype, ``<html>``, ``<head>`` or
``<body>`` first, or a first block element that is closed later): markup
inside ordinary article text is text, and it is escaped by every export.

>>> page = "<html><head><title>Kyiv</title></head><body><p>Russia attacked.</p></body></html>"
>>> h = html_text(page)
>>> (h.title, h.content.strip(), len(h.content) == len(page))
('Kyiv', 'Russia attacked.', True)
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PAGE = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<(?:html|head|body)\b)",
    re.IGNORECASE | re.DOTALL,
)
_FRAGMENT = re.compile(r"\A\s*<(p|div|article|section|h[1-6]|table|ul|ol)\b[^>]*>", re.IGNORECASE)
#: Elements whose text is not prose.
SKIP = _words(
    "script style noscript template head title svg math iframe object canvas nav footer aside "
    "form button select textarea option"
)
#: Elements that end a line of text.
BLOCK = _words(
    "p div br hr li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr td th table thead tbody caption "
    "blockquote pre section article header main figure figcaption address details summary"
)
_VOID = _words("area base br col embed hr img input link meta param source track wbr")
_CHARREF = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_META = frozenset(
    {"article:published_time", "datepublished", "date", "pubdate", "dc.date", "dcterms.created"}
)


def looks_like_html(text: str) -> bool:
    """True for a whole HTML page (or a fragment that opens with a block
    element and closes it), False for text that merely contains markup.

    >>> looks_like_html("<!DOCTYPE html><p>x</p>"), looks_like_html("<script>x</script> said Klitschko.")
    (True, False)
    """
    if _PAGE.match(text):
        return True
    m = _FRAGMENT.match(text)
    return bool(m) and f"</{m.group(1).lower()}>" in text.lower()


@dataclass(frozen=True)
class HtmlText:
    content: str  # same length as the page; prose in place, the rest blank
    title: str = ""
    date: str = ""
    source: str = ""


class _Reader(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=False)
        self.page = page
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", page)]
        self.skipping: list[str] = []  # open elements from SKIP
        self.in_article = 0
        self.in_title = False
        self.pieces: list[tuple[int, str, bool]] = []  # (offset, text, inside <article>)
        self.breaks: list[tuple[int, bool]] = []
        self.title: list[str] = []
        self.meta: dict[str, str] = {}

    def position(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and "content" in a:
                self.meta.setdefault(key, a["content"])
        if tag == "title":
            self.in_title = True
        if tag == "body":  # </head> is optional
            self.skipping = [t for t in self.skipping if t != "head"]
        if tag == "article":
            self.in_article += 1
        if tag in BLOCK:
            self.breaks.append((self.position(), self.in_article > 0))
        if tag in SKIP and tag not in _VOID:
            self.skipping.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in SKIP:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag == "article" and self.in_article:
            self.in_article -= 1
        if tag in BLOCK:
            self.breaks.append((self.position(), self.in_article > 0))
        if tag in self.skipping:
            while self.skipping.pop() != tag:
                pass

    def _text(self, offset: int, text: str) -> None:
        if self.in_title:
            self.title.append(text)
        if not self.skipping:
            self.pieces.append((offset, text, self.in_article > 0))

    def handle_data(self, data):
        self._text(self.position(), data)

    def _ref(self):
        start = self.position()
        m = _CHARREF.match(self.page, start)
        raw = m.group() if m else "&"
        text = html.unescape(raw).replace("\xa0", " ")
        if len(text) > len(raw):  # cannot happen for real references; keep the raw text
            text = raw
        self._text(start + len(raw) - len(text), text)

    def handle_entityref(self, name):
        self._ref()

    def handle_charref(self, name):
        self._ref()


def html_text(page: str) -> HtmlText:
    """The page's prose in place, its title, publication date and site name."""
    reader = _Reader(page)
    reader.feed(page)
    reader.close()
    only_articles = any(inside for _, text, inside in reader.pieces if text.strip())
    chars = [" "] * len(page)
    for offset, inside in reader.breaks:
        if inside or not only_articles:
            chars[offset] = "\n"
    for offset, text, inside in reader.pieces:
        if inside or not only_articles:
            # Line breaks in the source are layout, not paragraph ends.
            chars[offset : offset + len(text)] = re.sub(r"\s", " ", text)
    meta = reader.meta
    date = next((m.group() for k in sorted(_DATE_META & set(meta)) if (m := _ISO_DATE.search(meta[k]))), "")
    title = meta.get("og:title") or " ".join("".join(reader.title).split())
    return HtmlText(
        "".join(chars), title=title.strip(), date=date, source=meta.get("og:site_name", "").strip()
    )
