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
  tokens outside ``VALUES`` data (whose rows are a flat table).

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
MAX_READINGS = 20_000  # readings started (one per IRI in parentheses outside VALUES data; most end at once)
MAX_CHECK_SECONDS = 2.0  # a query that takes longer to check is refused rather than hold a thread

_TOKEN = re.compile(
    r'''(?P<ws>\s+)
      | (?P<comment>\#[^\n\r]*)
      | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
                   |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
      | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
      | (?P<var>[?$]\w+)
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
    visited: set[tuple[int, str, bool]] = set()  # (token start, brackets open, in VALUES data) of any reading
    pending: list[tuple[int, str, int]] = [(0, "", -1)]  # where a reading starts: offset, brackets, VALUES depth
    line_ends = [m.start() for m in _LINE_END.finditer(text)] + [len(text)]
    deadline = time.monotonic() + MAX_CHECK_SECONDS
    readings = 0
    while pending:
        readings += 1
        if readings > MAX_READINGS or time.monotonic() > deadline:
            raise _refuse("the query is too intricate to check (many IRIs inside parentheses, read both as IRIs "
                          "and as comparisons): put spaces around < and > where they compare")
        _read(text, *pending.pop(), visited, pending, line_ends, count_terms=readings == 1)


def _read(text: str, pos: int, brackets: str, values_depth: int, visited: set, pending: list,
          line_ends: list[int], count_terms: bool) -> None:
    """Lex ``text`` from ``pos`` with ``brackets`` open, until the end or a place another reading
    has passed in the same state; queue the other reading of each IRI in parentheses (but in
    VALUES data, where there are no expressions, so "<" starts an IRI)."""
    values_next, terms = False, 0  # values_depth: the depth outside the VALUES data block, or -1
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
        if state in visited:
            return  # from here on, this reading is one already made
        visited.add(state)
        if kind == "iri" and brackets.endswith("(") and values_depth < 0:
            # "<" may be "less than" here: also read on from just after it
            pending.append((at + 1, brackets, values_depth))
        if kind == "word":
            upper = value.upper()
            if upper == "SERVICE":
                raise _refuse("SERVICE (federated query) is refused: this endpoint queries its own graph only, "
                              "and never sends a request elsewhere", 403)
            values_next = upper == "VALUES"  # until its data block opens
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
        if count_terms and values_depth < 0:
            terms += 1
            if terms > MAX_TERMS:
                raise _refuse(f"the query has more than {MAX_TERMS} terms outside VALUES data: split it, "
                              "or put long lists of values in a VALUES block")
