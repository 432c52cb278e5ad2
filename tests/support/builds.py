"""What a build wrote, to compare two builds byte for byte."""
from __future__ import annotations

from pathlib import Path


def outputs(out: Path) -> dict[str, bytes]:
    """Every exported file (not the records cache), by relative path."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".newskg" not in p.relative_to(out).parts}
