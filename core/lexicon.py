"""Word lists as data: one file per list, read once, with a header that says what it is for.

A lexicon is a plain-text file (``NAME.txt``: one entry per line, an entry
may have spaces) or a TOML file (``NAME.toml``: a table of entries). Both
start with a header of ``#`` lines::

    # speech_verbs: verbs that report what someone said
    # used by: reported_speech, direct_quote_cue, speech_verbs_are_no_relations
    # why: a speech verb's clause is a statement, not a fact the article states
    # include: person_speech_verbs
    say
    tell

``used by`` names the rules that read the list (``newskg rules`` shows the
same from the code, and a test holds the two together); ``include`` adds
the entries of other lists of the same folder. Blank lines and ``#`` lines
after the header are ignored; case is kept (gazetteer names are capitalised).

Each package keeps its lists in its own ``lexicons/`` folder behind one
:class:`Lexicons`; a list is loaded by one module, which names it once.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "pronouns.txt").write_text("# pronouns: persons\\n# used by: r\\nhe\\nshe\\n")
>>> lex = Lexicons(folder)
>>> sorted(lex.words("pronouns")), lex.info("pronouns").used_by
(['he', 'she'], ('r',))
"""
from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path


class LexiconError(Exception):
    """A lexicon file that is missing or malformed (a bug of the package, not of the user)."""


@dataclass(frozen=True, slots=True)
class LexiconInfo:
    """A lexicon's header: its name, its one-line purpose, the rules that use it, why."""

    name: str
    path: Path
    purpose: str
    used_by: tuple[str, ...] = ()
    why: str = ""
    includes: tuple[str, ...] = ()


class Words(frozenset):
    """A set of entries that knows which lexicon it came from (``.lexicon``).

    A union of two keeps both names: ``(a | b).lexicon == "a | b"``.
    """

    lexicon: str = ""

    def __or__(self, other: frozenset) -> Words:
        out = Words(frozenset.__or__(self, other))
        out.lexicon = " | ".join(n for n in (self.lexicon, getattr(other, "lexicon", "")) if n)
        return out

    __ror__ = __or__


class Entries(tuple):
    """Entries in file order (where order matters: the longest phrase first)."""

    lexicon: str = ""


def _header(path: Path, lines: list[str]) -> LexiconInfo:
    fields: dict[str, str] = {}
    first = ""
    for line in lines:
        if not line.startswith("#"):
            break
        text = line[1:].strip()
        key, sep, value = text.partition(":")
        if not first:
            first = text
            if not sep or key.strip() != path.stem:
                raise LexiconError(f"{path}: the first line must be '# {path.stem}: <purpose>'")
            continue
        if sep and key.strip() in ("used by", "why", "include"):
            fields[key.strip()] = (fields.get(key.strip(), "") + " " + value.strip()).strip()
        elif fields:  # a continuation line of the last field
            last = list(fields)[-1]
            fields[last] += " " + text
    if not first:
        raise LexiconError(f"{path}: no header")

    def names(key: str) -> tuple[str, ...]:
        return tuple(n.strip() for n in fields.get(key, "").replace(",", " ").split() if n.strip())

    return LexiconInfo(path.stem, path, first.partition(":")[2].strip(), names("used by"), fields.get("why", ""),
                       names("include"))


class Lexicons:
    """The lexicons of one folder, each read on first use and kept."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._loaded: dict[str, object] = {}
        self._info: dict[str, LexiconInfo] = {}

    def _path(self, name: str) -> Path:
        for suffix in (".txt", ".toml"):
            path = self.folder / f"{name}{suffix}"
            if path.is_file():
                return path
        raise LexiconError(f"no lexicon {name!r} in {self.folder}")

    def info(self, name: str) -> LexiconInfo:
        if name not in self._info:
            path = self._path(name)
            self._info[name] = _header(path, path.read_text(encoding="utf-8").splitlines())
        return self._info[name]

    def names(self) -> list[str]:
        """Every lexicon in the folder."""
        return sorted(p.stem for p in self.folder.iterdir() if p.suffix in (".txt", ".toml"))

    def _lines(self, name: str, seen: tuple[str, ...] = ()) -> list[str]:
        if name in seen:
            raise LexiconError(f"lexicon {name!r} includes itself")
        info = self.info(name)
        if info.path.suffix != ".txt":
            raise LexiconError(f"{info.path}: a table, not a word list")
        own = [line.strip() for line in info.path.read_text(encoding="utf-8").splitlines()]
        out = [line for line in own if line and not line.startswith("#")]
        for other in info.includes:
            out += [w for w in self._lines(other, (*seen, name)) if w not in out]
        return out

    def words(self, name: str) -> Words:
        """The entries of ``NAME.txt`` (and of what it includes) as a set."""
        if name not in self._loaded:
            found = Words(self._lines(name))
            found.lexicon = name
            self._loaded[name] = found
        return self._loaded[name]  # type: ignore[return-value]

    def entries(self, name: str) -> Entries:
        """The entries of ``NAME.txt`` in file order."""
        key = f"{name}#entries"
        if key not in self._loaded:
            found = Entries(self._lines(name))
            found.lexicon = name
            self._loaded[key] = found
        return self._loaded[key]  # type: ignore[return-value]

    def table(self, name: str) -> Mapping[str, object]:
        """The entries of ``NAME.toml``, read-only, in file order."""
        if name not in self._loaded:
            info = self.info(name)
            if info.path.suffix != ".toml":
                raise LexiconError(f"{info.path}: a word list, not a table")
            try:
                data = tomllib.loads(info.path.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise LexiconError(f"{info.path}: {exc}") from None
            self._loaded[name] = LexiconTable(data, name)
        return self._loaded[name]  # type: ignore[return-value]

    def loaded(self) -> Iterator[tuple[str, object]]:
        """(lexicon name, the object handed out) for every list loaded so far."""
        for key, value in self._loaded.items():
            yield key.partition("#")[0], value


class LexiconTable(Mapping):
    """A read-only mapping that knows which lexicon it came from (``.lexicon``)."""

    __slots__ = ("_data", "lexicon")

    def __init__(self, data: dict, name: str):
        self._data = dict(data)
        self.lexicon = name

    def __getitem__(self, key):
        return self._data[key]

    def get(self, key, default=None):
        return self._data.get(key, default)

    def __contains__(self, key) -> bool:
        return key in self._data

    def __iter__(self):
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def items(self):
        return self._data.items()

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()


#: Core's own lists (``core/lexicons/``): titles and spellings for :mod:`core.names`, place
#: names for :mod:`core.gazetteer`; each is loaded by one of the two.
CORE = Lexicons(Path(__file__).parent / "lexicons")
