"""The index cache: where the tests keep it, and how it writes (core.atomic: temp file, fsync, rename)."""
from __future__ import annotations

import marshal
import os
import tempfile
from pathlib import Path

from core import index_cache


def test_the_tests_keep_the_index_cache_in_a_temporary_folder_not_the_users():
    folder = index_cache.cache_dir().resolve()
    assert folder.is_relative_to(Path(tempfile.gettempdir()).resolve())
    assert not folder.is_relative_to((Path.home() / ".cache").resolve())


def test_a_table_is_written_whole_and_synced_then_read_back(tmp_path, monkeypatch):
    synced = []
    fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or fsync(fd))
    monkeypatch.setenv(index_cache.CACHE_ENV, str(tmp_path / "cache"))
    built = []
    assert index_cache.cached("demo", "k" * 20, lambda: built.append(1) or {"Kyiv": 2}) == {"Kyiv": 2}
    files = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert files == ["demo-kkkkkkkkkkkkkkkk.marshal"] and synced  # no temporary file left
    assert marshal.loads((tmp_path / "cache" / files[0]).read_bytes()) == ("k" * 20, {"Kyiv": 2})
    assert index_cache.cached("demo", "k" * 20, lambda: built.append(1)) == {"Kyiv": 2} and built == [1]


def test_a_file_whose_bytes_change_changes_the_key_though_its_digest_is_remembered(tmp_path, monkeypatch):
    monkeypatch.setenv(index_cache.CACHE_ENV, str(tmp_path / "cache"))
    source = tmp_path / "ambiguous_place_names.txt"
    source.write_text("Reading\n")
    first = index_cache.source_key([source])
    assert (tmp_path / "cache" / index_cache.DIGESTS).is_file()
    assert index_cache.source_key([source]) == first  # remembered, not read again
    stat = source.stat()
    source.write_text("Bath\nXX\n")  # the same size, the old times put back: the ctime still moves
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert index_cache.source_key([source]) != first
    (tmp_path / "cache" / index_cache.DIGESTS).write_bytes(b"not marshal")
    assert index_cache.source_key([source]) == index_cache.source_key([source])  # a broken table is rebuilt
