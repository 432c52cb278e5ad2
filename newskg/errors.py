"""Typed errors. Each message names the bad value and, where there is a
closed set, the valid choices; the CLI prints it as one line."""
from __future__ import annotations

from collections.abc import Iterable


class NewskgError(Exception):
    """Base class: a user-facing problem, reported without a traceback."""

    exit_code = 1


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
    """An input path or record that cannot be read."""

    def __init__(self, where: str, reason: str):
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}")


class QueryError(NewskgError):
    """A SPARQL query that does not parse or cannot run."""


class ParameterError(UsageError):
    """A query parameter that is missing, unknown or given badly; the
    message names the query's parameters."""


class ServiceError(NewskgError):
    """A server that cannot be started or reached (the SPARQL endpoint, Neo4j)."""
