r"""Cypher literals for untrusted text: strings, values, names.

Every string that reaches ``import.cypher`` comes from an article, so it
is written as a single-quoted literal with these escapes (the ones Neo4j 5
and FalkorDB both decode): ``\\`` ``\'`` ``\n`` ``\r`` ``\t`` ``\b``
``\f``. A literal therefore never holds a raw line feed, carriage return
or unescaped quote: text cannot end a literal, and no line break falls
inside one.

Other control characters (the rest of C0, DEL, C1, U+2028/U+2029) are
written as they are: both grammars allow any character but ``'`` and
``\`` inside a literal, and FalkorDB does not decode ``\uXXXX`` (Neo4j
does), so the raw character is the one spelling both engines read back
as the same text. The exception is NUL, which is written ``\u0000``:
Neo4j decodes it, and FalkorDB cannot hold NUL in any string anyway.

Names (labels, relationship types, map keys) are ours or sanitised, and
always backticked where they could clash with a keyword.

>>> cypher_string("It's a \\ test\n")
"'It\\'s a \\\\ test\\n'"
>>> cypher_value(["a", 1, 0.5, True])
"['a', 1, 0.5, true]"
>>> relationship_type("fled_to"), relationship_type("x`]->(n) DELETE n //")
('FLED_TO', 'X_N_DELETE_N')
>>> backtick("City")
'`City`'
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Mapping

_ESCAPES = {
    "\\": "\\\\",
    "'": "\\'",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
    "\x00": "\\u0000",
}
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")

#: openCypher reserved words and Neo4j keywords that might be taken for clauses.
RESERVED = frozenset(
    """add all and as asc ascending by call case constraint contains create csv delete desc descending
    detach distinct do drop else end ends exists false for foreach from in is limit load mandatory
    match merge not null of on optional or order remove require return scalar set skip start starts
    then true union unique unwind use when where with xor yield""".split()
)
_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def cypher_string(text: str) -> str:
    """``text`` as a single-quoted Cypher string literal."""
    return "'" + _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group()], text) + "'"


def backtick(name: str) -> str:
    """A backticked Cypher name (backticks inside are doubled)."""
    return "`" + name.replace("`", "``") + "`"


def map_key(name: str) -> str:
    """A map key as written: plain when safe, else backticked."""
    if _PLAIN_NAME.match(name) and name.lower() not in RESERVED:
        return name
    return backtick(name)


def relationship_type(predicate: str) -> str:
    """A predicate as a relationship type: upper case, only ``[A-Z0-9_]``.

    Runs of other characters become one ``_``; an empty result is ``RELATED``.
    """
    out = re.sub(r"[^A-Z0-9_]+", "_", predicate.upper()).strip("_")
    return out or "RELATED"


def label_name(name: str) -> str:
    """A label from a type name: letters, digits and ``_``, starting with a letter."""
    out = re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_")
    if not out or not out[0].isalpha():
        out = "L_" + out
    return out


def cypher_value(value: object) -> str:
    """A Python value as a Cypher literal: str, bool, int, float, date, list, map."""
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"no Cypher literal for {value!r}")
        return repr(value)
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return f"date('{value.isoformat()}')"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return cypher_map(value)
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def cypher_map(values: Mapping[str, object]) -> str:
    """A map literal with keys in the given order."""
    return "{" + ", ".join(f"{map_key(k)}: {cypher_value(v)}" for k, v in values.items()) + "}"


# --- statements with parameters: import.cypher and `newskg neo4j` ----------

#: Indexes beside the uniqueness constraint on (:Node).id: what users look up.
INDEXES = (("entity_name", "Entity", "name"), ("entity_type", "Entity", "type"), ("article_id", "Article", "article_id"))
#: A point index for distance and bounding-box queries on places.
POINT_INDEXES = (("entity_location", "Entity", "location"),)


def _row(props: Mapping[str, object], with_points: bool, **keys: object) -> dict:
    """A parameter row: ``keys``, the plain properties, dates as ISO text and
    points as ``{latitude, longitude}`` maps. Dates and points travel as plain
    values and become typed in the statement (``date(...)``, ``point(...)``),
    since FalkorDB parameters hold neither and a driver's types are its own."""
    plain, dates, points = {}, {}, {}
    for k, v in props.items():
        if isinstance(v, _dt.date) and not isinstance(v, _dt.datetime):
            dates[k] = v.isoformat()
        elif hasattr(v, "latitude") and hasattr(v, "longitude"):
            points[k] = {"latitude": v.latitude, "longitude": v.longitude}
        else:
            plain[k] = v
    return {**keys, "props": plain, "dates": dates, **({"points": points} if with_points else {})}


def _set_typed(var: str, columns) -> str:
    """SET items that turn the row's dates and points into typed values."""
    out = []
    for name, typ in columns:
        if typ == "date":
            out.append(f", {var}.{map_key(name)} = date(row.dates.{map_key(name)})")
        elif typ.startswith("point"):
            out.append(f", {var}.{map_key(name)} = point(row.points.{map_key(name)})")
    return "".join(out)


def schema_statements(id_space: str) -> list[str]:
    """The uniqueness constraint the MERGEs rely on, then the indexes."""
    out = [f"CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:{backtick(id_space)}) REQUIRE n.id IS UNIQUE"]
    out += [f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{backtick(label)}) ON (n.{map_key(prop)})"
            for name, label, prop in INDEXES]
    out += [f"CREATE POINT INDEX {name} IF NOT EXISTS FOR (n:{backtick(label)}) ON (n.{map_key(prop)})"
            for name, label, prop in POINT_INDEXES]
    return out


def cypher_statements(model, id_space: str, batch_size: int):
    """``(statement, parameters)`` pairs that load ``model`` (exports.neo4j_model.Neo4jModel).

    Schema first (no parameters), then nodes grouped by label set and
    relationships by type (a RELATED_TO merged on its verb too, a fact not asserted on its relation), in
    batches of ``batch_size`` rows: ``UNWIND $rows AS row MERGE ...``. MERGE on ids and keys makes a rerun change
    nothing. The same pairs are written to import.cypher and sent by
    ``newskg neo4j`` through the driver.
    """
    for statement in schema_statements(id_space):
        yield statement, None
    groups: dict[tuple, list] = {}
    for node in model.nodes:
        groups.setdefault((node.labels, node.file), []).append(node)
    for (labels, file), nodes in sorted(groups.items()):
        extra = "".join(":" + backtick(lb) for lb in labels if lb != id_space)
        statement = (f"UNWIND $rows AS row\nMERGE (n:{backtick(id_space)} {{id: row.id}})\n"
                     f"SET n += row.props{_set_typed('n', model.columns[file])}{', n' + extra if extra else ''}")
        nodes = sorted(nodes, key=lambda x: x.id)
        points = any(t.startswith("point") for _, t in model.columns[file])
        for i in range(0, len(nodes), batch_size):
            yield statement, {"rows": [_row(n.props, points, id=n.id) for n in nodes[i : i + batch_size]]}
    rel_groups: dict[tuple, list] = {}
    for rel in model.rels:
        rel_groups.setdefault((rel.type, rel.key if rel.verb else "", rel.file), []).append(rel)
    for (rtype, by_verb, file), rels in sorted(rel_groups.items()):
        key = f" {{{map_key(by_verb)}: row.k}}" if by_verb else ""
        statement = (f"UNWIND $rows AS row\nMATCH (a:{backtick(id_space)} {{id: row.s}})\n"
                     f"MATCH (b:{backtick(id_space)} {{id: row.e}})\n"
                     f"MERGE (a)-[r:{backtick(rtype)}{key}]->(b)\n"
                     f"SET r += row.props{_set_typed('r', model.columns[file])}")
        rels = sorted(rels, key=lambda r: (r.start, r.end, r.verb))
        for i in range(0, len(rels), batch_size):
            yield statement, {"rows": [_row(r.props, False, s=r.start, e=r.end, **({"k": r.verb} if by_verb else {}))
                                       for r in rels[i : i + batch_size]]}


def param_command(parameters: Mapping[str, object]) -> str:
    """The cypher-shell (and Neo4j Browser) command that sets ``parameters``, on one line."""
    return f":param {cypher_map(parameters)}"


def run_statements(session, statements) -> int:
    """Send ``(statement, parameters)`` pairs through anything with the
    ``run(query, parameters)`` of a neo4j driver session; how many ran."""
    count = 0
    for query, parameters in statements:
        result = session.run(query, parameters) if parameters is not None else session.run(query)
        result.consume()  # wait for it, and raise its error here
        count += 1
    return count
