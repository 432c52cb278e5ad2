"""Every lexicon file of core/, graph/ and newskg/evaluation/ has a valid header and is loaded by exactly one module.

"Loaded" means a ``words("NAME")``, ``entries("NAME")`` or ``table("NAME")`` call in the
package's source (``CORE.words(...)`` counts too); an ``# include:`` is not a load.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.paths import ROOT

from core.lexicon import Lexicons

#: Lexicon folders and the package whose modules may load them.
FOLDERS = {"core/lexicons": "core", "graph/lexicons": "graph", "newskg/evaluation/lexicons": "newskg/evaluation"}
_FILES = sorted((folder, p.stem) for folder in FOLDERS for p in (ROOT / folder).iterdir()
                if p.suffix in (".txt", ".toml"))


def _loaders(package: str, name: str) -> list[str]:
    call = re.compile(rf"""\b(?:words|entries|table)\(\s*["']{re.escape(name)}["']""")
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / package).rglob("*.py")
                  if call.search(p.read_text(encoding="utf-8")))


def test_there_are_lexicons_in_each_folder():
    assert {folder for folder, _ in _FILES} == set(FOLDERS)


@pytest.mark.parametrize(("folder", "name"), _FILES)
def test_header_is_valid(folder: str, name: str):
    lex = Lexicons(ROOT / folder)
    info = lex.info(name)
    assert info.purpose, "the first line says what the list is"
    assert info.used_by, "a '# used by:' line names who reads it"
    assert info.why, "a '# why:' line says why it exists"
    for other in info.includes:
        assert other in lex.names(), f"includes an unknown list {other!r}"
    loaded = lex.table(name) if info.path.suffix == ".toml" else lex.words(name)
    assert len(loaded) > 0


@pytest.mark.parametrize(("folder", "name"), _FILES)
def test_loaded_by_exactly_one_module(folder: str, name: str):
    assert len(_loaders(FOLDERS[folder], name)) == 1, _loaders(FOLDERS[folder], name)


def test_every_list_a_module_loads_exists():
    for folder, package in FOLDERS.items():
        known = {p.stem for p in Path(ROOT / folder).iterdir()}
        calls = re.compile(r"""\b(?:CORE\.)?(?:words|entries|table)\(\s*["']([\w-]+)["']""")
        for p in (ROOT / package).rglob("*.py"):
            if p == ROOT / "core" / "lexicon.py":
                continue  # the loader's own doctest makes a folder of its own
            for name in calls.findall(p.read_text(encoding="utf-8")):
                assert name in known, f"{p.relative_to(ROOT)} loads {name!r}, not in {folder}"
