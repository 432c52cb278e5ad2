"""What a query must pass before an engine sees it (``newskg serve`` and ``newskg query``).

* **No federation.** ``SERVICE`` makes Oxigraph send an HTTP request to any
  IRI it names (``SERVICE <http://127.0.0.1:8080/admin>``, ``<file:///...>``):
  a query could read from any service this machine reaches. A query with a
  ``SERVICE`` keyword is refused. ``LOAD`` is an update (refused as one), and
  ``FROM``/``FROM NAMED`` only pick graphs of the store: Oxigraph fetches
  nothing for them.
* **Bounded shape.** Oxigraph parses and evaluates recursively: about 3,000
  nested brackets, or some 10,000 operators in one chain (``?a || ?a || ...``,
  ``{} UNION {} ...``), overflow its stack and kill the process (the server,
  or ``newskg query`` with a segfault). Brackets may nest at most
  :data:`MAX_NESTING` deep, and a query may have at most :data:`MAX_TERMS`
  tokens outside ``VALUES`` data (whose rows are a flat table), on any
  reading, and at most :data:`MAX_VALUES_TERMS` in it. Only the keyword
  ``VALUES`` opens data (a language tag ``@values``, a string or an IRI is
  another token), and only after its variables; an operator in VALUES data
  counts as a term, so data cannot hide a chain.

The keyword is found on tokens, not on text, so "Emergency Service" in a
string or ``schema:serviceType`` are fine. SPARQL's lexing has one
ambiguity: ``<`` starts an IRI, or is "less than" inside an expression
(``FILTER(?a<1)SERVICE ?x #>`` reads as an IRI to a naive lexer). Inside
parentheses, where an expression can be, an IRI token is therefore read
both ways and the query is refused if either reading finds the keyword.
"""
from __future__ import annotations

import bisect
import re
import time

from core.errors import QueryRefusedError

MAX_NESTING = 100
MAX_TERMS = 10_000
MAX_VALUES_TERMS = 200_000  # tokens inside VALUES data: rows are flat, but not without end
# In VALUES data these are no data at all: counted as terms, so data cannot hide a chain of them.
_OPERATORS = frozenset("|&!=<>*/")
# After the keyword VALUES, its variables come before its data block opens: ?x { or (?x ?y) {.
_BEFORE_VALUES_DATA = frozenset("(){")
MAX_READINGS = 20_000  # readings started (one per IRI in parentheses outside VALUES data; most end at once)
MAX_CHECK_SECONDS = 2.0  # a query that takes longer to check is refused rather than hold a thread

_TOKEN = re.compile(
    r'''(?P<ws>\s+)
      | (?P<comment>\#[^\n\r]*)
      | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
                   |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
      | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
      | (?P<var>[?$]\w+)
      | (?P<tag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
      | (?P<word>[^\W\d]\w*(?:[-.]\w+)*(?::(?:[^\s{}()\[\];,<>"'#\\]|\\.)*)?|:(?:[^\s{}()\[\];,<>"'#\\]|\\.)*)
      | (?P<other>.)''',
    re.VERBOSE | re.DOTALL,
)
_LINE_END = re.compile(r"[\n\r]")
_OPEN = {"(": ")", "{": "}", "[": "]"}
_CLOSE = {")", "}", "]"}


def _refuse(message: str, status: int = 400) -> QueryRefusedError:
    return QueryRefusedError(message, status)


def check_query(text: str) -> None:
    """Raise QueryRefusedError if ``text`` federates or is deeper or longer than allowed."""
    # Every token of any reading is a state (token start, brackets open, in VALUES data), with
    # whether it counts as a term and the states read just before it: readings merge where they
    # meet, so the engine's reading is one path through them, and the longest path is bounded.
    visited: dict[tuple[int, str, bool], int] = {}
    before: dict[tuple[int, str, bool], list] = {}
    pending: list[tuple[int, str, int, tuple | None]] = [(0, "", -1, None)]  # offset, brackets, VALUES depth,
    line_ends = [m.start() for m in _LINE_END.finditer(text)] + [len(text)]  # the state it branches from
    deadline = time.monotonic() + MAX_CHECK_SECONDS
    readings = 0
    while pending:
        readings += 1
        if readings > MAX_READINGS or time.monotonic() > deadline:
            raise _refuse("the query is too intricate to check (many IRIs inside parentheses, read both as IRIs "
                          "and as comparisons): put spaces around < and > where they compare")
        _read(text, *pending.pop(), visited, before, pending, line_ends)
    if _longest_reading(visited, before) > MAX_TERMS:
        raise _refuse(f"the query has more than {MAX_TERMS} terms outside VALUES data, read with a < as "
                      "\"less than\": put spaces around < and > where they compare")


def _longest_reading(visited: dict, before: dict) -> int:
    """The most terms on any path through the states (tokens only ever follow earlier ones)."""
    most: dict = {}
    for state in sorted(visited):
        most[state] = visited[state] + max((most[b] for b in before.get(state, ())), default=0)
    return max(most.values(), default=0)


def _read(text: str, pos: int, brackets: str, values_depth: int, prev: tuple | None, visited: dict,
          before: dict, pending: list, line_ends: list[int]) -> None:
    """Lex ``text`` from ``pos`` with ``brackets`` open, until the end or a place another reading
    has passed in the same state; queue the other reading of each IRI in parentheses (but in
    VALUES data, where there are no expressions, so "<" starts an IRI)."""
    values_next, terms, values_terms = False, 0, 0  # values_depth: the depth outside the VALUES data block, or -1
    while pos < len(text):
        if text[pos] == "#":  # a comment: to the end of its line (found by bisection: a reading
            pos = line_ends[bisect.bisect_left(line_ends, pos)]  # may start a comment anywhere)
            continue
        m = _TOKEN.match(text, pos)
        kind, value, at = m.lastgroup, m.group(), m.start()
        pos = m.end()
        if kind in ("ws", "comment"):
            continue
        state = (at, brackets, values_depth >= 0)
        if prev is not None:
            before.setdefault(state, []).append(prev)
        if state in visited:
            return  # from here on, this reading is one already made
        visited[state], prev = 0, state
        if kind == "iri" and brackets.endswith("(") and values_depth < 0:
            # "<" may be "less than" here: also read on from just after it
            pending.append((at + 1, brackets, values_depth, state))  # the IRI's term stands for the "<"
        if kind == "word":
            if value.upper() == "SERVICE":
                raise _refuse("SERVICE (federated query) is refused: this endpoint queries its own graph only, "
                              "and never sends a request elsewhere", 403)
        if kind == "word" and value.upper() == "VALUES":
            values_next = True  # the keyword (a tag, string or IRI spelled so is another token)
        elif kind != "var" and value not in _BEFORE_VALUES_DATA:
            values_next = False
        if value in _OPEN:
            brackets += value
            if value == "{" and values_next and values_depth < 0:
                values_depth = len(brackets) - 1
            values_next = values_next and value != "{"  # VALUES (?a ?b) { ... }
            if len(brackets) > MAX_NESTING:
                raise _refuse(f"the query nests brackets more than {MAX_NESTING} deep")
        elif value in _CLOSE and brackets:
            brackets = brackets[:-1]
            if len(brackets) == values_depth:
                values_depth = -1
        if values_depth < 0 or value in _OPERATORS:
            visited[state] = 1
            terms += 1
            if terms > MAX_TERMS:
                raise _refuse(f"the query has more than {MAX_TERMS} terms outside VALUES data: split it, "
                              "or put long lists of values in a VALUES block")
        else:
            values_terms += 1
            if values_terms > MAX_VALUES_TERMS:
                raise _refuse(f"the query has more than {MAX_VALUES_TERMS} terms in VALUES data: split it")
