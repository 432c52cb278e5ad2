"""Write files and folders atomically: a reader sees the old output or the
new one, never half of one, even if the process is killed mid-write.

Used by the exporters (through :mod:`exports.atomic`) and by the index cache
(:mod:`core.index_cache`)."""
from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_binary(path: Path, fill: Callable[[BinaryIO], None]) -> None:
    """Write ``path`` with ``fill(file)`` via a temporary file renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            fill(f)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give what open() would
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, chunks: Iterable[str]) -> None:
    """Write ``chunks`` to ``path`` via a temporary file renamed into place."""
    def fill(f: BinaryIO) -> None:
        text = io.TextIOWrapper(f, encoding="utf-8", newline="\n")
        for chunk in chunks:
            text.write(chunk)
        text.flush()
        text.detach()  # leave closing the file to write_binary

    write_binary(path, fill)


def write_dir(path: Path, fill: Callable[[Path], None]) -> None:
    """Build a folder with ``fill(tmpdir)`` and swap it in for ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
        os.chmod(tmp, 0o777 & ~_umask())
        fill(tmp)
        old = None
        if path.exists():
            old = path.with_name(f".{path.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(path, old)
        os.replace(tmp, path)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise

