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

import re

from core.errors import QueryRefusedError

MAX_NESTING = 100
MAX_TERMS = 10_000
MAX_READINGS = 20_000  # lexer states tried, all readings together: far above any real query

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
_OPEN = {"(": ")", "{": "}", "[": "]"}
_CLOSE = {")", "}", "]"}


def _refuse(message: str, status: int = 400) -> QueryRefusedError:
    return QueryRefusedError(message, status)


def check_query(text: str) -> None:
    """Raise QueryRefusedError if ``text`` federates or is deeper or longer than allowed."""
    seen: set[tuple[int, tuple[str, ...], bool]] = set()
    pending: list[tuple[int, tuple[str, ...], bool]] = [(0, (), False)]
    primary = True
    while pending:
        state = pending.pop()
        if state in seen:
            continue
        seen.add(state)
        if len(seen) > MAX_READINGS:
            raise _refuse("the query is too intricate to check (IRIs with # or ' inside parentheses): "
                          "put spaces around < and > where they compare")
        _read(text, *state, pending, count_terms=primary)
        primary = False


def _read(text: str, pos: int, stack: tuple[str, ...], in_values: bool,
          pending: list, count_terms: bool) -> None:
    """Lex ``text`` from ``pos`` with brackets ``stack`` open; queue the other reading of each IRI in parentheses."""
    opened = list(stack)
    values_depth = len(opened) if in_values else -1  # the VALUES data block's depth, or -1
    values_next, terms = False, 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        kind, value, at = m.lastgroup, m.group(), m.start()
        pos = m.end()
        if kind in ("ws", "comment"):
            continue
        if kind == "iri" and opened and opened[-1] == "(":
            # "<" may be "less than" here: also read on from just after it
            pending.append((at + 1, tuple(opened), values_depth >= 0))
        if kind == "word":
            upper = value.upper()
            if upper == "SERVICE":
                raise _refuse("SERVICE (federated query) is refused: this endpoint queries its own graph only, "
                              "and never sends a request elsewhere", 403)
            values_next = upper == "VALUES"  # until its data block opens
        if value in _OPEN:
            opened.append(value)
            if value == "{" and values_next and values_depth < 0:
                values_depth = len(opened) - 1
            values_next = values_next and value != "{"  # VALUES (?a ?b) { ... }
            if len(opened) > MAX_NESTING:
                raise _refuse(f"the query nests brackets more than {MAX_NESTING} deep")
        elif value in _CLOSE and opened:
            opened.pop()
            if len(opened) == values_depth:
                values_depth = -1
        if count_terms and values_depth < 0:
            terms += 1
            if terms > MAX_TERMS:
                raise _refuse(f"the query has more than {MAX_TERMS} terms outside VALUES data: split it, "
                              "or put long lists of values in a VALUES block")
