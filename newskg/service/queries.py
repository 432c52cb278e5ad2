r"""Named SPARQL queries from ``queries/`` and safe parameter binding.

A query file starts with a comment header: its first line says what the
query answers; ``# @param NAME  description`` declares a required
parameter and ``# @param NAME?  description`` one that may be left out
(it is then the empty string, which the query reads as "any"). A
parameter ``name`` is the variable ``?name`` in the query.

Values are bound as string literals in a ``VALUES`` block put at the start
of the query's ``WHERE`` group, so the bound query is plain SPARQL that
any engine runs (rdflib here, Oxigraph behind ``newskg serve``). The text
of a value never becomes query syntax: :func:`sparql_string` escapes it.

>>> print(sparql_string('say "hi"\n\\o/'))
"say \"hi\"\n\\o/"
>>> bind('# @param name  who\nSELECT * WHERE { ?x ?p ?name }', {"name": 'a"b'})
'# @param name  who\nSELECT * WHERE { VALUES (?name) { ("a\\"b") } ?x ?p ?name }'
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from core.errors import InputError, ParameterError, QueryError, UnknownChoiceError

QUERY_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*(?:\.rq)?\Z")
_PARAM_LINE = re.compile(r"#\s*@param\s+([A-Za-z_][A-Za-z0-9_]*)(\??)(?:\s+(.*))?\Z")
_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
# Other controls (C0, DEL, C1) and the line separators as \UXXXXXXXX, so
# that a bound query stays one readable line per value whatever the text
# holds. A "u" or "U" right after a backslash is written \U00000075 or
# \U00000055: SPARQL 1.1 (19.2) lets an engine replace \u sequences before
# it parses, and some do (rdflib), which would read the text "\u0041",
# written "\\u0041", as an escape. Always 8 digits: rdflib also reads a
# \u with 4 digits followed by 4 more hex digits as one 8-digit escape.
_NEEDS_ESCAPE = re.compile('\\\\[uU]|[\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029]')
_SURROGATE = re.compile("[\ud800-\udfff]")

# SPARQL tokens, enough to find keywords and braces: comments, strings and
# IRIs are skipped whole, so a "{" or "WHERE" inside them is not taken.
_TOKEN = re.compile(
    r'''(?P<ws>\s+)
      | (?P<comment>\#[^\n\r]*)
      | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
                   |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<var>[?$]\w+)
      | (?P<word>[^\W\d]\w*(?:[-.]\w+)*(?::\S*?(?=[\s{}();,]|$))?|:[^\s{}();,]*)
      | (?P<other>.)''',
    re.VERBOSE | re.DOTALL,
)
QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


@dataclass(frozen=True)
class Param:
    name: str
    description: str = ""
    required: bool = True

    @property
    def example(self) -> str:
        """The value after "e.g." in the description, or ""."""
        m = re.search(r"\be\.g\. ([^)]*)\)", self.description)
        return m[1].strip() if m else ""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str


def parse_header(text: str) -> tuple[str, tuple[Param, ...]]:
    """The description and parameters declared in a query's leading comments.

    >>> parse_header("# Who said it. More.\\n# @param name  an entity\\n# @param year?\\nASK {}")
    ('Who said it.', (Param(name='name', description='an entity', required=True), Param(name='year', description='', required=False)))
    """
    lines, params = [], []
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        if not s.startswith("#"):
            break
        m = _PARAM_LINE.match(s)
        if m:
            params.append(Param(m[1], (m[3] or "").strip(), not m[2]))
        elif not params:
            lines.append(s.lstrip("#").strip())
    # The description is the header's first sentence, however it is wrapped.
    description = re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(x for x in lines if x), maxsplit=1)[0]
    return description, tuple(params)


def library() -> dict[str, NamedQuery]:
    """Every query in ``queries/`` by name (the file name without ``.rq``)."""
    out = {}
    for entry in sorted(files("queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            description, params = parse_header(text)
            out[entry.name[:-3]] = NamedQuery(entry.name[:-3], description, params, text)
    return out


def named_query(name: str) -> NamedQuery:
    """A library query by name (``statements_about`` or ``statements_about.rq``)."""
    queries = library()
    key = name.removesuffix(".rq")
    if key not in queries:
        raise UnknownChoiceError("query", name, queries)
    return queries[key]


def query_text(query: str | None = None, file: str | None = None) -> str:
    """The SPARQL text for ``newskg query``: ``-f FILE``, else QUERY as a file,
    a library name, or SPARQL text, in that order."""
    if (query is None) == (file is None):
        raise ParameterError("give either a QUERY (a name from `newskg query --list`, a file or SPARQL) or -f FILE.rq")
    path = file if file is not None else query
    if file is not None or _is_file(path):
        try:
            return Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(path, getattr(exc, "strerror", None) or "cannot be read") from None
    if QUERY_NAME.match(query):
        return named_query(query).text
    return query


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # SPARQL text too long or odd for a file name
        return False


def _escape(m: re.Match) -> str:
    text = m[0]
    if len(text) == 2:  # a backslash, then u or U
        return f"\\\\\\U{ord(text[1]):08X}"
    return _ESCAPES.get(text) or f"\\U{ord(text):08X}"


def sparql_string(value: str) -> str:
    """``value`` as a SPARQL string literal that reads back as exactly ``value``."""
    if _SURROGATE.search(value):
        raise ValueError("not valid Unicode text (a lone surrogate)")
    return '"' + _NEEDS_ESCAPE.sub(_escape, value) + '"'


def tokens(text: str):
    """``(kind, text, offset)`` for each token but white space and comments."""
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        pos = m.end()
        if m.lastgroup not in ("ws", "comment"):
            yield m.lastgroup, m.group(), m.start()


def query_form(text: str) -> str:
    """The first keyword after the prologue, upper-cased: SELECT, ASK, ... or
    an update's INSERT, DELETE, ...; "" if there is none.

    >>> query_form("PREFIX s: <https://schema.org/> # SELECT?\\n insert data { s:a s:b s:c }")
    'INSERT'
    """
    for kind, value, _ in tokens(text):
        if kind == "word" and value.upper() not in ("PREFIX", "BASE") and ":" not in value:
            return value.upper()
    return ""


def _binding_points(text: str, names: set[str]) -> list[tuple[int, list[str]]]:
    """Where VALUES blocks go: (offset just after a group's ``{``, parameters).

    The query's WHERE group binds every parameter; each nested group that
    names a parameter itself (in a pattern or a FILTER) binds it again, since
    a nested group is evaluated on its own before it is joined, and a FILTER
    there would otherwise see the parameter unbound. Together this gives the
    parameters the meaning of constants, as pre-binding does (rdflib's
    ``initBindings``, Oxigraph's ``substitutions``), in plain SPARQL.
    """
    form = query_form(text)
    if form not in QUERY_FORMS:
        raise QueryError(f"only SELECT, ASK, CONSTRUCT and DESCRIBE queries take parameters, not {form or 'this text'}")
    stack: list[list] = []  # [offset, kind ("group", "data", "template"), names used]
    points: list[tuple[int, list[str]]] = []
    where_at, in_values, template_next = None, False, form == "CONSTRUCT"
    for kind, value, at in tokens(text):
        upper = value.upper() if kind == "word" else ""
        if upper == "VALUES":
            in_values = True
        elif upper == "WHERE":
            template_next = False
        elif value == "{":
            block = "data" if in_values else "template" if template_next and not stack else "group"
            in_values = False
            if block == "group" and where_at is None and not stack:
                where_at = at + 1
            stack.append([at + 1, block, set()])
        elif value == "}" and stack:
            start, block, used = stack.pop()
            if block == "template":
                template_next = False
            if block == "group" and used and start != where_at:
                points.append((start, sorted(used)))
        elif kind == "var" and value[1:] in names and stack:
            stack[-1][2].add(value[1:])
    if where_at is None:
        raise QueryError("the query has no WHERE group to bind parameters in")
    return [(where_at, sorted(names)), *points]


def check_values(params: tuple[Param, ...], values: Mapping[str, str], query: str = "the query") -> dict[str, str]:
    """Every declared parameter's value (optional ones default to ""); raises
    ParameterError naming the declared ones."""
    declared = ", ".join(p.name + ("" if p.required else "?") for p in params) or "(none)"
    for name in values:
        if name not in {p.name for p in params}:
            raise ParameterError(f"{query} has no parameter {name!r}; its parameters: {declared}")
    missing = [p for p in params if p.required and p.name not in values]
    if missing:
        need = "; ".join(f"{p.name} ({p.description})" if p.description else p.name for p in missing)
        raise ParameterError(f"{query} needs --param {missing[0].name}=VALUE: missing {need}; its parameters: {declared}")
    out = {}
    for p in params:
        value = values.get(p.name, "")
        if not isinstance(value, str):
            raise ParameterError(f"parameter {p.name!r} of {query} must be text, not {type(value).__name__}")
        if _SURROGATE.search(value):
            raise ParameterError(f"parameter {p.name!r} of {query} is not valid Unicode text")
        out[p.name] = value
    return out


def bind(text: str, values: Mapping[str, str] | None = None, query: str = "the query") -> str:
    """``text`` with its declared parameters bound to ``values`` in VALUES blocks."""
    _, params = parse_header(text)
    checked = check_values(params, values or {}, query)
    if not params:
        return text
    out = text
    for at, names in sorted(_binding_points(text, set(checked)), reverse=True):
        variables = " ".join(f"?{n}" for n in names)
        row = " ".join(sparql_string(checked[n]) for n in names)
        out = f"{out[:at]} VALUES ({variables}) {{ ({row}) }}{out[at:]}"
    return out


def parse_param_args(args: list[str] | None) -> dict[str, str]:
    """``["name=Mariupol", ...]`` (from ``--param``) as a dict; the value may hold "=".

    >>> parse_param_args(["name=Mariupol", "q=a=b"])
    {'name': 'Mariupol', 'q': 'a=b'}
    """
    out: dict[str, str] = {}
    for arg in args or ():
        name, sep, value = arg.partition("=")
        if not sep or not _PARAM_NAME.match(name):
            raise ParameterError(f"--param takes NAME=VALUE, not {arg!r}")
        if name in out:
            raise ParameterError(f"parameter {name!r} is given twice")
        out[name] = value
    return out


def list_lines() -> list[str]:
    """``newskg query --list``: each query, its parameters and what it answers."""
    queries = library()
    width = max((len(n) for n in queries), default=0)
    out = []
    for q in queries.values():
        params = " ".join(f"{p.name}=..." if p.required else f"[{p.name}=...]" for p in q.params)
        out.append(f"{q.name.ljust(width)}  {q.description}")
        if params:
            out.append(f"{'':{width}}  params: {params}")
            out += [f"{'':{width}}    {p.name}: {p.description}" for p in q.params if p.description]
    return out


# --- running queries (Oxigraph) ---------------------------------------------

_INTEGER_TYPES = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "negativeInteger",
    "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_FLOAT_TYPES = {"http://www.w3.org/2001/XMLSchema#double", "http://www.w3.org/2001/XMLSchema#float"}
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def load_store(graph):
    """The store a query runs on: an rdflib graph in memory, or a Turtle file
    (or a build's output folder), from the output folder's cached store when
    there is one (:mod:`~newskg.service.stores`)."""
    import pyoxigraph as ox

    from .graphs import graph_file
    from .stores import open_store

    if not isinstance(graph, (str, Path)):
        store = ox.Store()
        store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        return store
    return open_store(graph_file(graph))


def _python(term) -> object:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype in _FLOAT_TYPES:
                return float(term.value)
        except ValueError:  # an ill-typed literal: keep its text
            return term.value
        if datatype == _BOOLEAN:
            return term.value in ("true", "1")
    return term.value


def run_select(store, sparql: str) -> tuple[list[str], list[list[object]]]:
    """A SELECT's (variables, rows) or an ASK's (["ask"], [[answer]])."""
    import pyoxigraph as ox

    from .guard import check_query

    check_query(sparql)  # before the engine: no SERVICE, bounded depth and length
    try:
        result = store.query(sparql)
        if isinstance(result, ox.QueryBoolean):
            return ["ask"], [[bool(result)]]
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("only SELECT and ASK queries are supported here, not CONSTRUCT or DESCRIBE")
        names = [v.value for v in result.variables]
        return names, [[_python(term) for term in row] for row in result]
    except (SyntaxError, OSError) as exc:
        raise QueryError(f"bad SPARQL query: {str(exc).splitlines()[0][:300]}") from None
