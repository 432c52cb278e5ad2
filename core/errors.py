"""Typed errors. Each message names the bad value and, where there is a
closed set, the valid choices; the CLI prints it as one line."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Characters that would start a new line on a terminal or in a log reader,
# or hide text (NUL, escape sequences): shown escaped in one-line messages.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(text: str) -> str:
    r"""``text`` with control characters and line breaks escaped, so a message
    naming a hostile file name or id stays one line.

    >>> one_line("a\nb\x00c")
    'a\\nb\\x00c'
    """
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)


@dataclass(frozen=True)
class Problem:
    """One input that was skipped, or read with a caveat: where and why.

    ``line`` is the line the article starts on (JSONL: its record's line) or
    where the trouble is (the first bad byte); 0 when no line applies (a
    file or folder that cannot be opened).

    >>> str(Problem("in.jsonl", 3, "not valid JSON (Expecting value)"))
    'in.jsonl:3: not valid JSON (Expecting value)'
    """

    path: str
    line: int
    reason: str
    skipped: bool = True  # False: the article was built; ``reason`` is a note

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        return one_line(f"{self.where}: {self.reason}")


def _rebuilt(cls: type, args: tuple, state: dict) -> NewskgError:
    """An error as it was pickled, without calling its ``__init__`` again."""
    err = cls.__new__(cls)
    Exception.__init__(err, *args)
    err.__dict__.update(state)
    return err


class NewskgError(Exception):
    """Base class: a user-facing problem, reported without a traceback.

    Picklable whatever its ``__init__`` takes, so an error raised in a worker
    (local pool or Dask) reaches the CLI as itself and becomes one line:

    >>> import pickle
    >>> e = pickle.loads(pickle.dumps(InputError("out/.newskg", "rebuild with --fresh", 3)))
    >>> type(e).__name__, str(e), e.reason
    ('InputError', 'out/.newskg:3: rebuild with --fresh', 'rebuild with --fresh')
    """

    exit_code = 1

    def __reduce__(self) -> tuple:
        return _rebuilt, (type(self), self.args, dict(self.__dict__))


class UsageError(NewskgError):
    """A bad option or argument."""

    exit_code = 2


class UnknownChoiceError(UsageError):
    """A name that is not one of a closed set (format, query, ...)."""

    def __init__(self, what: str, value: str, choices: Iterable[str]):
        self.value = value
        self.choices = sorted(choices)
        super().__init__(
            f"unknown {what} {value!r}; choose from: {', '.join(self.choices) or '(none)'}"
        )


class ModelNotFoundError(UsageError):
    """The spaCy model asked for is not installed."""

    def __init__(self, name: str, installed: Iterable[str]):
        self.name = name
        self.installed = sorted(installed)
        listed = ", ".join(self.installed) or "none"
        super().__init__(f"spaCy model {name!r} is not installed; installed models: {listed}")


class InputError(NewskgError):
    """An input path or record that cannot be read: ``path[:line]: reason``."""

    def __init__(self, where: str, reason: str, line: int = 0):
        self.problem = Problem(where, line, reason)
        self.where = self.problem.where
        self.reason = reason
        super().__init__(str(self.problem))


class SkippedInputError(NewskgError):
    """``--strict``: some input would be skipped, so nothing is built."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        n = len(self.problems)
        super().__init__(f"{n} input problem{'s' if n != 1 else ''} (listed above); --strict: nothing built")


class QueryError(NewskgError):
    """A SPARQL query that does not parse or cannot run."""


class QueryRefusedError(QueryError):
    """A query refused before any engine sees it (federation, too deep or too long);
    ``status`` is the HTTP status the SPARQL endpoint answers with."""

    def __init__(self, message: str, status: int = 400):
        self.status = status
        super().__init__(message)


class ParameterError(UsageError):
    """A query parameter that is missing, unknown or given badly; the
    message names the query's parameters."""


class ServiceError(NewskgError):
    """A server that cannot be started or reached (the SPARQL endpoint, Neo4j)."""


class CorporaNotGivenError(UsageError):
    """``newskg eval`` needs a corpus article but was told no corpora folder
    (neither ``--corpora DIR`` nor ``$NEWSKG_CORPORA``): exit code 2."""

    def __init__(self, source: str):
        self.source = source
        super().__init__(f"the annotated cases need articles of corpus {source!r}: "
                         "give --corpora DIR or set NEWSKG_CORPORA to the folder that holds the corpora")


class OutputError(NewskgError):
    """The output cannot be written: a full disk, a read-only or forbidden
    folder (exit code 73, "cannot create")."""

    exit_code = 73

    def __init__(self, where: str, error: OSError | str):
        reason = error if isinstance(error, str) else (error.strerror or type(error).__name__)
        self.where = where
        self.reason = f"cannot write the output ({reason})"
        super().__init__(one_line(f"{where}: {self.reason}"))
