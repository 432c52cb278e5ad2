"""A validator for ``neo4j-admin database import`` CSV files.

Written from the documented header format (operations manual, "import /
header format"; summarised in shared/notes/real-clients.md), not from the
exporter, so that it can disagree with it:

* every header field is ``[name][:type]``; ``type`` is one of
  ``ID``/``START_ID``/``END_ID`` (optionally with an ID space in brackets),
  ``LABEL``, ``TYPE``, ``IGNORE``, or a property type (``int long float
  double boolean byte short char string point date localtime time
  localdatetime datetime duration``), possibly an array ``type[]``; no type
  means ``string``; a property needs a name, names are unique;
* a node file has exactly one ID field and no START_ID/END_ID/TYPE; a
  relationship file has exactly one START_ID, END_ID and TYPE and no ID or
  LABEL;
* every row has the header's number of fields; ids are non-empty and unique
  within their ID space; every START_ID/END_ID names a node of the same ID
  space; labels and types are non-empty;
* typed values parse: integers (in range), floats, booleans exactly
  ``true``/``false``, dates ``YYYY-MM-DD``, a char is one character; array
  elements (split on the array delimiter, which also separates labels) are
  non-empty and parse; an empty field is "no value".

:func:`validate` returns the graph the files describe, with typed values,
so tests can compare it with what a database holds.

>>> g = validate({"n.csv": "id:ID,:LABEL,age:int\\na,P;Q,3\\n"})
>>> labels, props = g.nodes[(None, "a")]
>>> sorted(labels), props
(['P', 'Q'], {'id': 'a', 'age': 3})
>>> validate({"n.csv": "id:ID,age:int\\na,x\\n"})
Traceback (most recent call last):
...
support.neo4j_csv.CsvError: n.csv:2: age:int: not an int: 'x'
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

SPECIAL = {"ID", "START_ID", "END_ID", "LABEL", "TYPE", "IGNORE"}
PROPERTY_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point",
                  "date", "localtime", "time", "localdatetime", "datetime", "duration"}
_INT_BITS = {"byte": 8, "short": 16, "int": 32, "long": 64}
_FIELD = re.compile(
    r"(?P<name>[^:]*)"
    r"(?::(?P<type>[A-Za-z_]+)(?P<array>\[\])?(?:\((?P<space>[^()]*)\))?(?P<opts>\{[^{}]*\})?)?\Z"
)
_INTEGER = re.compile(r"[+-]?\d+\Z")
_FLOAT = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


class CsvError(ValueError):
    """One or more problems, one per line: ``file:line: field: message``."""


@dataclass(frozen=True)
class Column:
    name: str  # property name, "" for none
    type: str  # ID, START_ID, END_ID, LABEL, TYPE, IGNORE or a property type
    array: bool = False
    space: str | None = None  # ID space of an ID/START_ID/END_ID field


@dataclass
class Graph:
    """What the files describe: nodes by (ID space, id), relationships in file order."""

    nodes: dict[tuple[str | None, str], tuple[frozenset[str], dict]] = field(default_factory=dict)
    rels: list[tuple[tuple[str | None, str], tuple[str | None, str], str, dict]] = field(default_factory=list)


def parse_header(fields: list[str]) -> list[Column]:
    """The columns of a header row; raises ValueError on the first bad field."""
    columns, names = [], Counter()
    for text in fields:
        m = _FIELD.match(text)
        if not m:
            raise ValueError(f"bad header field {text!r}")
        name, typ, space = m["name"], m["type"], m["space"]
        if typ is None:
            typ = "string"
        elif typ in SPECIAL:
            if m["array"] or m["opts"]:
                raise ValueError(f"{text!r}: {typ} takes no [] or options")
            if space is not None and typ not in ("ID", "START_ID", "END_ID"):
                raise ValueError(f"{text!r}: only ID fields have an ID space")
            if space == "":
                raise ValueError(f"{text!r}: empty ID space")
            if typ in ("LABEL", "TYPE", "START_ID", "END_ID") and name:
                raise ValueError(f"{text!r}: {typ} takes no name")
        elif typ not in PROPERTY_TYPES:
            raise ValueError(f"{text!r}: unknown type {typ!r}")
        elif space is not None:
            raise ValueError(f"{text!r}: a property has no ID space")
        if typ in PROPERTY_TYPES and not name:
            raise ValueError(f"{text!r}: a property needs a name")
        if name and typ != "IGNORE":
            names[name] += 1
            if names[name] > 1:
                raise ValueError(f"{text!r}: duplicate property {name!r}")
        columns.append(Column(name, typ, bool(m["array"]), space))
    return columns


def parse_value(text: str, typ: str) -> object:
    """One non-empty value of a property type; raises ValueError."""
    if typ in _INT_BITS:
        bits = _INT_BITS[typ]
        if not _INTEGER.match(text) or not -(2 ** (bits - 1)) <= int(text) < 2 ** (bits - 1):
            raise ValueError(f"not an {typ}: {text!r}")
        return int(text)
    if typ in ("float", "double"):
        if not _FLOAT.match(text):
            raise ValueError(f"not a {typ}: {text!r}")
        return float(text)
    if typ == "boolean":
        if text not in ("true", "false"):
            raise ValueError(f"not a boolean (true/false): {text!r}")
        return text == "true"
    if typ == "date":
        try:
            if not _DATE.match(text):
                raise ValueError
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"not a date (YYYY-MM-DD): {text!r}") from None
    if typ == "point":
        return _point(text)
    if typ == "char" and len(text) != 1:
        raise ValueError(f"not a char: {text!r}")
    return text


_POINT = re.compile(r"\{\s*(\w+)\s*:\s*([^,{}]+?)\s*,\s*(\w+)\s*:\s*([^,{}]+?)\s*\}\Z")


def _point(text: str) -> dict:
    """A WGS-84 point ``{latitude:Y, longitude:X}`` (keys in either order) as a dict."""
    m = _POINT.match(text)
    keys = {m[1], m[3]} if m else set()
    if keys != {"latitude", "longitude"}:
        raise ValueError(f"not a point {{latitude:..., longitude:...}}: {text!r}")
    try:
        values = {m[1]: float(m[2]), m[3]: float(m[4])}
    except ValueError:
        raise ValueError(f"not a point (numbers): {text!r}") from None
    if not (-90 <= values["latitude"] <= 90 and -180 <= values["longitude"] <= 180):
        raise ValueError(f"point out of range: {text!r}")
    return values


def validate(files: Mapping[str, str], array_delimiter: str = ";") -> Graph:
    """Check CSV texts by file name; return their graph or raise CsvError listing every problem."""
    errors: list[str] = []
    parsed = []
    for name in sorted(files):
        rows = list(_rows(name, files[name], errors))
        if not rows:
            errors.append(f"{name}: no header")
            continue
        try:
            columns = parse_header(rows[0][1])
        except ValueError as e:
            errors.append(f"{name}:1: {e}")
            continue
        kinds = Counter(c.type for c in columns)
        is_node = kinds["ID"] > 0
        is_rel = any(kinds[k] for k in ("START_ID", "END_ID", "TYPE"))
        if is_node and is_rel or not (is_node or is_rel):
            errors.append(f"{name}:1: neither a node file (one ID) nor a relationship file (START_ID, END_ID, TYPE)")
            continue
        need = {"ID": 1} if is_node else {"START_ID": 1, "END_ID": 1, "TYPE": 1}
        forbidden = ("START_ID", "END_ID", "TYPE") if is_node else ("ID", "LABEL")
        bad = [f"{k} x{kinds[k]}" for k, n in need.items() if kinds[k] != n]
        bad += [f"{k} not allowed" for k in forbidden if kinds[k]]
        if is_node and kinds["LABEL"] > 1:
            bad.append("more than one LABEL")
        if bad:
            errors.append(f"{name}:1: " + ", ".join(bad))
            continue
        parsed.append((name, is_node, columns, rows[1:]))

    graph = Graph()
    for name, is_node, columns, rows in sorted(parsed, key=lambda p: not p[1]):  # nodes first
        for line, row in rows:
            if len(row) != len(columns):
                errors.append(f"{name}:{line}: {len(row)} fields, header has {len(columns)}")
                continue
            ids, labels, rtype, props, where = {}, frozenset(), "", {}, f"{name}:{line}"
            for col, text in zip(columns, row):
                label = f"{col.name}:{col.type}" if col.name else f":{col.type}"
                try:
                    if col.type in ("ID", "START_ID", "END_ID"):
                        if not text:
                            raise ValueError("empty id")
                        ids[col.type] = (col.space, text)
                        if col.name:
                            props[col.name] = text
                    elif col.type == "LABEL":
                        labels = frozenset(_split(text, array_delimiter, "label")) if text else frozenset()
                    elif col.type == "TYPE":
                        if not text:
                            raise ValueError("empty relationship type")
                        rtype = text
                    elif col.type != "IGNORE" and text:
                        if col.array:
                            props[col.name] = [parse_value(x, col.type) for x in _split(text, array_delimiter)]
                        else:
                            props[col.name] = parse_value(text, col.type)
                except ValueError as e:
                    errors.append(f"{where}: {label}: {e}")
            if is_node and "ID" in ids:
                if ids["ID"] in graph.nodes:
                    errors.append(f"{where}: duplicate id {ids['ID'][1]!r} in ID space {ids['ID'][0]}")
                graph.nodes[ids["ID"]] = (labels, props)
            elif not is_node and "START_ID" in ids and "END_ID" in ids and rtype:
                for end in ("START_ID", "END_ID"):
                    if ids[end] not in graph.nodes:
                        errors.append(f"{where}: {end} {ids[end][1]!r} is no node of ID space {ids[end][0]}")
                graph.rels.append((ids["START_ID"], ids["END_ID"], rtype, props))
    if errors:
        raise CsvError("\n".join(errors))
    return graph


def validate_dir(path: Path, array_delimiter: str = ";") -> Graph:
    """:func:`validate` every ``*.csv`` file in a folder."""
    # bytes, not read_text: universal newlines would turn "\r\n" inside quoted fields into "\n"
    files = {p.name: p.read_bytes().decode("utf-8") for p in sorted(Path(path).glob("*.csv"))}
    if not files:
        raise CsvError(f"{path}: no CSV files")
    return validate(files, array_delimiter)


def _split(text: str, delimiter: str, what: str = "array element") -> list[str]:
    items = text.split(delimiter)
    if any(not x for x in items):
        raise ValueError(f"empty {what} in {text!r}")
    return items


def _rows(name: str, text: str, errors: list[str]):
    """(line number, fields) per record; quoted fields may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        line = 1
        for row in reader:
            yield line, row
            line = reader.line_num + 1
    except csv.Error as e:
        errors.append(f"{name}:{reader.line_num}: bad CSV: {e}")
