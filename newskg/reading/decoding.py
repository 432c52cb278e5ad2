"""Bytes of an article file to text, or a reason why they are not text.

The rules, in order:

1. A byte-order mark decides: UTF-8, UTF-16 or UTF-32 (LE or BE).
2. Known binary formats (PDF, ZIP/DOCX, gzip, images, ...) and any NUL byte
   in the first 8 KiB mean a binary file: skipped. Without a BOM, UTF-16
   text has a NUL in every other byte, so it is reported as such.
3. Valid UTF-8 is UTF-8.
4. Anything else is read as Windows-1252, the encoding that web browsers
   use for text labelled Latin-1 (it is Latin-1 plus curly quotes and
   dashes in 0x80-0x9F); if a byte is undefined there, as Latin-1, which
   accepts every byte. Either way the caller gets a note to report.
5. Text that still holds many control characters is binary: skipped.

>>> decode_bytes("café".encode("cp1252"))
Decoded(text='café', note='not UTF-8 (byte 3); read as Windows-1252', line=1)
>>> decode_bytes(b"\\xff\\xfeh\\x00i\\x00").text
'hi'
"""
from __future__ import annotations

import codecs
import re
from typing import NamedTuple

#: First bytes of binary formats people save next to articles.
MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/ODT)"),
    (b"\x1f\x8b", "gzip-compressed"),
    (b"BZh", "bzip2-compressed"),
    (b"\xfd7zXZ\x00", "xz-compressed"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "a program (ELF)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)
#: Longest first, so that UTF-32-LE's BOM is not taken for UTF-16-LE's.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
SNIFF_BYTES = 8192
#: Share of control characters (other than tab and line breaks) above
#: which decoded text is taken for binary data.
MAX_CONTROL_SHARE = 0.05
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


class NotText(ValueError):
    """The bytes are not article text; ``line`` is where that shows (1-based)."""

    def __init__(self, reason: str, line: int = 1):
        self.reason = reason
        self.line = line
        super().__init__(reason)


class Decoded(NamedTuple):
    text: str
    note: str = ""  # set when the bytes were not UTF-8
    line: int = 1  # where the first non-UTF-8 byte is


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_bytes(data: bytes) -> Decoded:
    """The text without any BOM, with a note when it was not UTF-8.
    Raises :class:`NotText`."""
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(_check_text(data[len(bom):].decode(codec)))
            except UnicodeDecodeError as exc:
                raise NotText(f"not valid {name} (byte {exc.start + len(bom)})") from None
    for magic, what in MAGIC:
        if data.startswith(magic):
            raise NotText(f"binary file ({what})")
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        nul = head.index(b"\x00")
        odd, even = head[1::2].count(0), head[0::2].count(0)
        if len(head) >= 4 and max(odd, even) > len(head) // 4 and not min(odd, even):
            raise NotText("binary file (NUL bytes); it looks like UTF-16 without a byte-order mark: "
                          "save it as UTF-8")
        raise NotText(f"binary file (NUL byte at offset {nul})", _line_of(head, nul))
    try:
        return Decoded(_check_text(data.decode("utf-8")))
    except UnicodeDecodeError as exc:
        bad = exc.start
    try:
        text, name = data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        text, name = data.decode("latin-1"), "Latin-1"
    return Decoded(_check_text(text), f"not UTF-8 (byte {bad}); read as {name}", _line_of(data, bad))


def plain_utf8_start(head: bytes, text: str) -> bool:
    """Whether :func:`decode_bytes` reads a file that starts with ``head``
    (``text``: those bytes decoded) as UTF-8 with no note and no doubt: no
    BOM, no binary signature, no NUL, no control character among the
    characters it samples. A reader that streams such a file line by line
    gets what decoding it whole gives, once the rest is valid UTF-8 too."""
    return not (any(head.startswith(bom) for bom, _, _ in BOMS) or any(head.startswith(m) for m, _ in MAGIC)
                or b"\x00" in head[:SNIFF_BYTES] or _CONTROL.search(text, 0, SNIFF_BYTES * 4))


def _check_text(text: str) -> str:
    controls = len(_CONTROL.findall(text, 0, SNIFF_BYTES * 4))
    sample = min(len(text), SNIFF_BYTES * 4)
    if sample and controls > MAX_CONTROL_SHARE * sample:
        first = _CONTROL.search(text)
        raise NotText(f"binary file ({controls} control characters in the first {sample})",
                      text.count("\n", 0, first.start()) + 1 if first else 1)
    return text
