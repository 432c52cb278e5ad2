"""The output folder: whose it is, one build at a time, and a switch from the
old exports to the new ones that is all or nothing.

A folder is newskg's when it holds ``.newskg/manifest.json`` (written by
every build: the files the build put in the folder and the ids of the
articles its graph holds), or, from builds older than the manifest, a
records cache ``.newskg/records.sqlite``. A build goes into a new folder,
an empty one, or one of newskg's; into any other only with
``allow_foreign`` (``newskg build --allow-foreign``), and even then it
never replaces a file or folder that its manifest does not list. newskg
removes nothing else, ever.

One build at a time: the folder itself is locked (``flock`` on the
folder, so the lock creates no file) before anything in it is looked at;
a build that finds it locked leaves at once and touches nothing.

The switch: every export of a build is written under ``.newskg/next/``;
once all are complete, with the new manifest beside them, ``next/`` is
renamed to ``.newskg/ready/`` (the commit point). Then each old export is
moved to ``.newskg/old/`` and each new one into place, the new manifest
replaces the old one and ``old/`` is deleted. Those are renames, which
need no space; a build killed among them leaves ``ready/``, and the next
build, before anything else, finishes the switch. A full disk or any
failure before the commit point leaves the old exports as they were.
"""
from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from core.errors import InputError, OutputError

CACHE_DIR = ".newskg"
MANIFEST = "manifest.json"
LEGACY_DB = "records.sqlite"  # marks a folder built before the manifest existed
LAYOUT = "newskg-output/1"


class BuildLocked(InputError):
    """Another build is writing the same output folder."""


class ForeignOutputError(InputError):
    """The output folder holds files newskg did not write."""


@dataclass(frozen=True)
class Manifest:
    """What one build left in the output folder."""

    files: tuple[str, ...]  # names directly under the folder, each an export
    articles: tuple[str, ...]  # ids of the articles the graph holds, sorted

    def as_json(self) -> str:
        return json.dumps({"layout": LAYOUT, "files": list(self.files), "articles": list(self.articles)},
                          ensure_ascii=False, indent=0) + "\n"


def read_manifest(path: Path) -> Manifest | None:
    """The manifest at ``path``, or None if there is none; a broken one is an error."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("layout") != LAYOUT:
            raise ValueError(f"layout {data.get('layout')!r}, expected {LAYOUT!r}")
        return Manifest(tuple(map(str, data["files"])), tuple(map(str, data["articles"])))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(str(path), f"not a newskg manifest ({exc}); move the folder aside or build elsewhere") \
            from None


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()


def _looks_exported(path: Path) -> bool:
    """Whether a pre-manifest build could have written ``path``: a plain
    file, or the Neo4j folder (import.cypher beside CSV files and a README),
    never a folder with anything else in it (a user's Neo4j database)."""
    if path.is_symlink():
        return False
    if path.is_file():
        return True
    if not path.is_dir():
        return False
    names = os.listdir(path)
    return "import.cypher" in names and all(
        n.endswith((".csv", ".cypher", ".md")) and (path / n).is_file() for n in names)


class OutputFolder:
    """A claimed output folder: locked, checked to be newskg's, any killed
    switch finished. Use :meth:`claim`, then :meth:`staging`, :meth:`switch`
    and :meth:`release`."""

    def __init__(self, path: Path, fd: int, created: bool):
        self.path = path
        self.cache = path / CACHE_DIR
        self._fd = fd
        self.created = created
        self.known: set[str] = set()  # every exporter's target name
        self.manifest: Manifest | None = None
        self.legacy = False  # built before the manifest: its exports are the known targets present

    @classmethod
    def claim(cls, out: Path, targets: Iterable[str], known_targets: Iterable[str],
              allow_foreign: bool = False) -> OutputFolder:
        """Lock ``out`` (creating it if missing) and check that writing
        ``targets`` into it replaces only what newskg wrote. ``known_targets``
        are every exporter's file names (what a pre-manifest build wrote)."""
        import fcntl

        out = Path(out)
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            try:
                out.mkdir()
                created = True
            except FileExistsError:
                created = False
            if not out.is_dir():
                raise InputError(str(out), "exists and is not a folder")
            fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
        except OSError as exc:
            raise OutputError(str(out), exc) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)  # the other build owns it now, even if this one made it: touch nothing
            raise BuildLocked(str(out), "another newskg build is writing this output folder") from None
        folder = cls(out, fd, created)
        folder.known = set(known_targets)
        try:
            folder._check(list(targets), allow_foreign)
            folder._recover()
        except BaseException:
            folder.release(failed=False)
            raise
        return folder

    def _check(self, targets: list[str], allow_foreign: bool) -> None:
        try:
            entries = sorted(os.listdir(self.path))
        except OSError as exc:
            raise OutputError(str(self.path), exc) from None
        self.manifest = read_manifest(self.cache / MANIFEST)
        self.legacy = self.manifest is None and (self.cache / LEGACY_DB).exists()
        others = [e for e in entries if e != CACHE_DIR]
        if self.manifest is None and not self.legacy and others and not allow_foreign:
            listed = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
            raise ForeignOutputError(str(self.path), f"not a newskg output folder and not empty (holds {listed}); "
                                     "build into a new or empty folder, or give --allow-foreign to add newskg's "
                                     "files beside these")
        ours = set(self.owned_files())
        for name in targets:
            if name not in ours and os.path.lexists(self.path / name):
                raise ForeignOutputError(str(self.path / name), "newskg did not write this and will not replace "
                                         "it; move it away or leave its format out of --format")

    def owned_files(self) -> list[str]:
        """The names in the folder that newskg wrote (the manifest's files)."""
        if self.manifest is not None:
            return list(self.manifest.files)
        if self.legacy:
            return sorted(n for n in self.known if _looks_exported(self.path / n))
        return []

    def _recover(self) -> None:
        """Finish a switch a killed build began; drop what it left unfinished."""
        if (self.cache / "ready").is_dir():
            self._roll_forward()
        for leftover in ("next", "old"):
            if (self.cache / leftover).exists():
                shutil.rmtree(self.cache / leftover)

    def staging(self) -> Path:
        """An empty folder to write the new exports into."""
        nxt = self.cache / "next"
        try:
            self.cache.mkdir(exist_ok=True)
            if nxt.exists():
                shutil.rmtree(nxt)
            nxt.mkdir()
        except OSError as exc:
            raise OutputError(str(self.path), exc) from None
        return nxt

    def switch(self, files: Iterable[str], articles: Iterable[str]) -> None:
        """Put the staged exports in place of the old ones, all together."""
        from exports.atomic import write_text

        nxt = self.cache / "next"
        manifest = Manifest(tuple(sorted(files)), tuple(sorted(articles)))
        try:
            write_text(nxt / f".{MANIFEST}", [manifest.as_json()])
            _fsync_dir(nxt)
            os.replace(nxt, self.cache / "ready")  # the commit point
            _fsync_dir(self.cache)
        except OSError as exc:
            shutil.rmtree(nxt, ignore_errors=True)
            raise OutputError(str(self.path), exc) from None
        self._roll_forward()

    def _roll_forward(self) -> None:
        ready, old = self.cache / "ready", self.cache / "old"
        previous = self.owned_files()
        new = read_manifest(ready / f".{MANIFEST}")
        if new is None:  # killed before the commit point could not leave ready/: not ours to finish
            shutil.rmtree(ready)
            return
        old.mkdir(exist_ok=True)
        for name in sorted(set(previous) | set(new.files)):
            target = self.path / name
            if name in new.files and not os.path.lexists(ready / name):
                continue  # already moved in by the build that was killed
            if os.path.lexists(target):
                if os.path.lexists(old / name):
                    _remove(old / name)
                os.replace(target, old / name)
            if name in new.files:
                os.replace(ready / name, target)
        os.replace(ready / f".{MANIFEST}", self.cache / MANIFEST)
        _fsync_dir(self.path)
        self.manifest, self.legacy = new, False
        os.rmdir(ready)
        shutil.rmtree(old)
        _fsync_dir(self.cache)

    def release(self, failed: bool) -> None:
        """Unlock. After a failed build into a folder this build created,
        remove everything it wrote, and the folder if nothing else is left."""
        if self._fd is None:
            return
        try:
            if failed and self.created:
                for name in self.owned_files():
                    _remove(self.path / name)
                shutil.rmtree(self.cache, ignore_errors=True)
                try:
                    os.rmdir(self.path)
                except OSError:
                    pass  # something else was put there meanwhile: leave it
        finally:
            os.close(self._fd)
            self._fd = None
