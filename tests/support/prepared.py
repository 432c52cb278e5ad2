"""An output folder prepared without the model: the hand-made fixture's
records put in its records cache as a build would have stored them, so a
build that only removes articles (``--remove``) runs every later stage
(graph, exports, the switch) without parsing anything."""
from __future__ import annotations

import os
from pathlib import Path

from support.fixture_records import fixture_records


def prepared_output(out: Path) -> list[str]:
    """Fill ``out``'s records cache with the fixture's articles; their ids, sorted."""
    from newskg.building.cache_key import fingerprint
    from newskg.building.options import DEFAULT_MODEL
    from newskg.building.store import RecordStore, content_hash, encode_records

    records = fixture_records()
    fp = fingerprint(DEFAULT_MODEL)
    with RecordStore.open(out) as store:
        store.put([(r.article.id, content_hash(r.article), fp, encode_records(r)) for r in records])
    return sorted(r.article.id for r in records)


def everything(folder: Path, skip_cache: bool = False) -> dict[str, bytes | str]:
    """Every file (its bytes), folder and link (its target) under ``folder``,
    by relative path; with ``skip_cache``, not ``.newskg/``."""
    found: dict[str, bytes | str] = {}
    for root, dirs, files in os.walk(folder):
        rel = Path(root).relative_to(folder)
        if skip_cache and rel.parts[:1] == (".newskg",):
            continue
        for d in dirs:
            found[(rel / d).as_posix() + "/"] = "folder"
        for f in files:
            p = Path(root, f)
            found[(rel / f).as_posix()] = f"-> {os.readlink(p)}" if p.is_symlink() else p.read_bytes()
    return found
