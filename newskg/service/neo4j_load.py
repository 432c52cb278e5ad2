"""``newskg neo4j``: load a graph straight into a running Neo4j, with the official driver.

The statements and parameters are the ones ``import.cypher`` holds
(:func:`exports.neo4j.statements`): a uniqueness constraint and indexes,
then batches of ``UNWIND $rows AS row MERGE ...``. They go through a driver
session's ``run(query, parameters)``, one auto-committed batch at a time,
so a rerun (or a run after the bulk import) changes nothing, and a run that
stops half way can simply be repeated.
"""
from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from core.errors import ServiceError, UsageError

from .graphs import load_graph

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


@dataclass(frozen=True)
class LoadResult:
    nodes: int
    relationships: int
    statements: int
    seconds: float


def auth_from(user: str | None, password: str | None, env: dict[str, str] | None = None) -> tuple[str, str] | None:
    """``(user, password)`` from the flags, else from ``NEO4J_AUTH`` ("user/password" or "none").

    >>> auth_from(None, None, {"NEO4J_AUTH": "neo4j/s3cret/x"})
    ('neo4j', 's3cret/x')
    >>> auth_from("neo4j", "pw", {}), auth_from(None, None, {"NEO4J_AUTH": "none"})
    (('neo4j', 'pw'), None)
    """
    env = os.environ if env is None else env
    if password is not None:
        return (user or "neo4j", password)
    if user is not None:
        raise UsageError("--user needs --password (or set NEO4J_AUTH=user/password)")
    value = env.get("NEO4J_AUTH")
    if value is None or value.lower() == "none":
        return None
    name, sep, secret = value.partition("/")
    if not sep or not name:
        raise UsageError("NEO4J_AUTH must be user/password or none")
    return (name, secret)


def check_uri(uri: str) -> str:
    scheme = uri.partition("://")[0].lower() if "://" in uri else ""
    if scheme not in SCHEMES:
        raise UsageError(f"--uri {uri!r} is not a Neo4j address; use a scheme from: {', '.join(SCHEMES)} "
                         "(e.g. neo4j://localhost:7687)")
    return uri


def _first_line(exc: Exception) -> str:
    """The driver's message on one line (it spreads the reason over several)."""
    text = " ".join(line.strip() for line in str(exc).splitlines() if line.strip())
    return text[:300] or type(exc).__name__


def load(session, graph, batch_size: int) -> LoadResult:
    """Send the graph's statements through ``session`` (anything with ``run(query, parameters)``)."""
    from exports.cypher import run_statements
    from exports.neo4j import statements
    from exports.neo4j_model import as_model

    model = as_model(graph)
    started = time.perf_counter()
    count = run_statements(session, statements(model, batch_size))
    return LoadResult(len(model.nodes), len(model.rels), count, time.perf_counter() - started)


def load_into_neo4j(graph_file: Path, uri: str, auth: tuple[str, str] | None, database: str | None = None,
                    batch_size: int = 500) -> LoadResult:
    """Read the graph, connect, and load it; errors are one line (ServiceError)."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import (
        AuthError,
        ConfigurationError,
        DriverError,
        Neo4jError,
        ServiceUnavailable,
    )

    check_uri(uri)
    # The driver logs its connection failures too; the error below says it once.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    if batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    g = load_graph(graph_file)  # a bad graph is reported before any connection
    try:
        driver = GraphDatabase.driver(uri, auth=auth, connection_timeout=10)
    except (ConfigurationError, ValueError) as exc:
        raise UsageError(f"--uri {uri!r}: {_first_line(exc)}") from None
    try:
        driver.verify_connectivity()
        with driver.session(database=database) as session:
            return load(session, g, batch_size)
    except AuthError as exc:
        raise ServiceError(f"Neo4j at {uri} refused the credentials: {_first_line(exc)}") from None
    except ServiceUnavailable as exc:
        raise ServiceError(f"cannot connect to Neo4j at {uri}: {_first_line(exc)}") from None
    except (Neo4jError, DriverError, OSError) as exc:
        raise ServiceError(f"Neo4j at {uri}: {_first_line(exc)}") from None
    finally:
        driver.close()
