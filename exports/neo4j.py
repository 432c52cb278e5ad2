"""Neo4j: CSV for ``neo4j-admin database import`` and an ``import.cypher``.

Both are rendered from one model of the networkx view
(:func:`graph.view.to_networkx`), so they load the same graph: the same
nodes (one ID space ``Node``, every node labelled ``Node`` plus its kind,
entities also their type) with the same properties, and the same
relationships, whose evidence (sentence, article, span, confidence, date)
is kept as relationship properties.

Values that are missing or empty are left out (an empty CSV field, no key
in the Cypher map), never written as "None"; empty lists too, since
``neo4j-admin`` does not import empty arrays. Dates that are not ISO
``YYYY-MM-DD`` are left out rather than failing the import.

String arrays (entity aliases) need an array delimiter that no element
contains, and aliases come from article text, so :func:`array_delimiter`
picks the first of ``; | ^ ~ ¦`` (then private-use characters) that no
alias contains. It is ``;`` unless an alias holds one; the README written
with the files gives the matching ``--array-delimiter``.

>>> from graph.build import build_graph
>>> sorted(neo4j_tables(build_graph([])))[:2]
['nodes_articles.csv', 'nodes_claims.csv']
"""
from __future__ import annotations

import datetime as dt
import math
import re
import shlex
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from .atomic import write_dir, write_text
from .cypher import (
    cypher_statements,
    cypher_string,
    label_name,
    map_key,
    param_command,
    relationship_type,
    schema_statements,
)

ID_SPACE = "Node"  # the ID space in the CSV headers and the label every node has
BATCH_SIZE = 500

_EVIDENCE = (("article", "string"), ("sentence", "string"), ("sentence_index", "int"),
             ("start", "int"), ("end", "int"), ("confidence", "float"), ("date", "date"))

#: Node files: file name -> (node kind, property columns as (name, type)).
NODE_FILES: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "nodes_articles.csv": ("article", (("article_id", "string"), ("name", "string"), ("date", "date"),
                                       ("source", "string"), ("url", "string"))),
    "nodes_entities.csv": ("entity", (("name", "string"), ("type", "string"), ("aliases", "string[]"),
                                      ("geonames", "string"))),
    "nodes_statements.csv": ("statement", (("name", "string"), ("text", "string"), ("cue", "string"),
                                           ("mode", "string"), ("speaker_text", "string"), *_EVIDENCE)),
    "nodes_claims.csv": ("claim", (("name", "string"), ("value", "long"), ("qualifier", "string"),
                                   ("category", "string"), ("counted", "string"), ("text", "string"),
                                   ("claimant_text", "string"), *_EVIDENCE)),
}
#: Relationship files: file name -> property columns. Which file an edge
#: goes to depends on the kinds of its ends (see :func:`_rel_file`).
REL_FILES: dict[str, tuple[tuple[str, str], ...]] = {
    "relationships_facts.csv": (("key", "string"), ("predicate", "string"), ("verb", "string"), *_EVIDENCE),
    "relationships_statements_claims.csv": (("key", "string"), *_EVIDENCE),
    "relationships_articles.csv": (("key", "string"),),
}
KIND_LABEL = {"article": "Article", "entity": "Entity", "statement": "Statement", "claim": "Claim"}
KIND_LABEL_INV = {label: kind for kind, label in KIND_LABEL.items()}
_FILE_OF_KIND = {kind: name for name, (kind, _) in NODE_FILES.items()}
_DELIMITER_CANDIDATES = ";|^~\u00a6"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


@dataclass(frozen=True)
class Node:
    id: str
    labels: tuple[str, ...]
    props: dict  # column name -> value (str, int, float, datetime.date, list of str)
    file: str


@dataclass(frozen=True)
class Rel:
    start: str
    end: str
    type: str
    key: str
    props: dict  # without "key", which is the MERGE key
    file: str


@dataclass(frozen=True)
class Neo4jModel:
    nodes: tuple[Node, ...]  # sorted by file, then id
    rels: tuple[Rel, ...]  # sorted by file, type, start, end, key
    #: Property columns per file: the known ones, then any other attribute
    #: the graph view has (typed from its values), so added properties flow through.
    columns: dict[str, tuple[tuple[str, str], ...]]


def _typed(value: object, typ: str) -> object | None:
    """``value`` converted for a column of type ``typ``; None if missing."""
    if isinstance(value, bool) and typ == "boolean":
        return value
    if value is None or isinstance(value, bool):
        return None
    if typ == "string":
        return str(value) or None
    if typ in ("int", "long"):
        n = int(value)
        if typ == "int" and not -(2**31) <= n < 2**31:
            raise ValueError(f"{n} does not fit a Neo4j int")
        return n
    if typ == "float":
        f = float(value)
        return f if math.isfinite(f) else None
    if typ == "date":
        text = str(value)
        try:
            return dt.date.fromisoformat(text) if _ISO_DATE.match(text) else None
        except ValueError:
            return None
    if typ == "string[]":
        items = [str(v) for v in ([value] if isinstance(value, str) else value) if str(v)]
        return items or None
    if typ == "boolean":
        return None  # booleans are caught above; no column of ours has them yet
    raise ValueError(f"unknown column type {typ!r}")


def _props(data: dict, columns: Iterable[tuple[str, str]], rename: dict[str, str]) -> dict:
    out = {}
    for name, typ in columns:
        value = _typed(data.get(rename.get(name, name)), typ)
        if value is not None:
            out[name] = value
    return out


#: Attributes of the graph view that are not extra columns: kind and type
#: are labels (an entity's type is also its ``type`` column), label is
#: ``name``, a relationship's predicate is its type (a fact's is also its
#: ``predicate`` column), and an entity's ``articles`` are its MENTIONS.
_NOT_COLUMNS = {"kind", "type", "label", "predicate", "articles"}


def _column_type(values: list) -> str:
    """The CSV type for an attribute the exporter does not know, from its values."""
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "long"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "float"
    if all(isinstance(v, (list, tuple)) for v in values):
        return "string[]"
    return "string"


def _columns(known: tuple[tuple[str, str], ...], rename: dict[str, str], items: list[dict]) -> tuple:
    """``known`` columns, then every other attribute of ``items``, by name."""
    taken = {rename.get(n, n) for n, _ in known} | set(rename) | _NOT_COLUMNS
    extra = defaultdict(list)
    for d in items:
        for k, v in d.items():
            if k not in taken and v is not None and v != "" and v != [] and map_key(k) == k:
                extra[k].append(v)
    return (*known, *((k, _column_type(extra[k])) for k in sorted(extra)))


def _kind(data: dict) -> str:
    return data.get("kind") if data.get("kind") in _FILE_OF_KIND else "entity"


def _node(node_id: str, data: dict, columns: tuple) -> Node:
    kind = _kind(data)
    file = _FILE_OF_KIND[kind]
    labels = [ID_SPACE, KIND_LABEL[kind]]
    etype = str(data.get("type") or "Entity") if kind == "entity" else ""
    if etype and label_name(etype) not in labels:
        labels.append(label_name(etype))
    props = _props(data, columns, {"name": "label"})
    if kind == "entity":
        props["type"] = etype
    return Node(node_id, tuple(labels), props, file)


def _rel_file(kinds: tuple[str, str]) -> str:
    if "article" in kinds:
        return "relationships_articles.csv"
    if kinds == ("entity", "entity"):
        return "relationships_facts.csv"
    return "relationships_statements_claims.csv"


def neo4j_model(G: nx.MultiDiGraph) -> Neo4jModel:
    """The nodes and relationships to export, from the networkx view."""
    by_file = defaultdict(list)
    for _, d in G.nodes(data=True):
        by_file[_FILE_OF_KIND[_kind(d)]].append(d)
    columns = {file: _columns(cols, {"name": "label"}, by_file[file]) for file, (_, cols) in NODE_FILES.items()}
    nodes = {n: _node(str(n), d, columns[_FILE_OF_KIND[_kind(d)]]) for n, d in G.nodes(data=True)}
    kind = {n: KIND_LABEL_INV[node.labels[1]] for n, node in nodes.items()}
    edges = [(u, v, key, d, _rel_file((kind[u], kind[v]))) for u, v, key, d in G.edges(keys=True, data=True)]
    for file, cols in REL_FILES.items():
        columns[file] = _columns(cols, {"predicate_key": "key"}, [d for *_, d, f in edges if f == file])
    rels = []
    for u, v, key, d, file in edges:
        props = _props(d, columns[file], {})
        props.pop("key", None)
        rels.append(Rel(str(u), str(v), relationship_type(str(d.get("predicate") or key)), str(key), props, file))
    order = {name: i for i, name in enumerate([*NODE_FILES, *REL_FILES])}
    return Neo4jModel(
        tuple(sorted(nodes.values(), key=lambda n: (order[n.file], n.id))),
        tuple(sorted(rels, key=lambda r: (order[r.file], r.type, r.start, r.end, r.key))),
        columns,
    )


def _as_model(g) -> Neo4jModel:
    if isinstance(g, Neo4jModel):
        return g
    if not isinstance(g, nx.Graph):
        from graph.view import to_networkx

        g = to_networkx(g)
    return neo4j_model(g)


def array_delimiter(g) -> str:
    """The first candidate delimiter that no array element contains."""
    used = set()
    for node in _as_model(g).nodes:
        for value in node.props.values():
            if isinstance(value, list):
                used.update(*map(set, value))
    for ch in _DELIMITER_CANDIDATES:
        if ch not in used:
            return ch
    return next(chr(c) for c in range(0xE000, 0xF900) if chr(c) not in used)


# --- CSV ------------------------------------------------------------------

def _csv_value(value: object, delimiter: str) -> str:
    if isinstance(value, list):
        return delimiter.join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _header(name: str, typ: str) -> str:
    return name if typ == "string" else f"{name}:{typ}"


def neo4j_tables(g) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Every CSV file as (header, rows), in the ``neo4j-admin`` header format."""
    model = _as_model(g)
    delimiter = array_delimiter(model)
    tables: dict[str, tuple[list[str], list[list[str]]]] = {}
    for file in NODE_FILES:
        columns = model.columns[file]
        header = [f"id:ID({ID_SPACE})", ":LABEL", *(_header(n, t) for n, t in columns)]
        rows = [[node.id, delimiter.join(node.labels),
                 *(_csv_value(node.props[n], delimiter) if n in node.props else "" for n, _ in columns)]
                for node in model.nodes if node.file == file]
        tables[file] = (header, rows)
    for file in REL_FILES:
        columns = model.columns[file]
        header = [f":START_ID({ID_SPACE})", f":END_ID({ID_SPACE})", ":TYPE", *(_header(n, t) for n, t in columns)]
        rows = []
        for rel in (r for r in model.rels if r.file == file):
            props = {"key": rel.key, **rel.props}
            rows.append([rel.start, rel.end, rel.type,
                         *(_csv_value(props[n], delimiter) if n in props else "" for n, _ in columns)])
        tables[file] = (header, rows)
    return tables


def _csv_field(text: str) -> str:
    # csv.QUOTE_MINIMAL with lineterminator "\n" would leave a lone "\r" unquoted.
    if re.search(r'[,"\r\n]', text):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_lines(header: list[str], rows: Iterable[list[str]]) -> Iterator[str]:
    """RFC 4180 lines ("\\n" ends a record; quoted fields may hold newlines)."""
    for row in (header, *rows):
        yield ",".join(map(_csv_field, row)) + "\n"


# --- Cypher ---------------------------------------------------------------

def statements(g, batch_size: int = BATCH_SIZE):
    """``(statement, parameters)`` pairs that load the graph (see :func:`cypher_statements`)."""
    return cypher_statements(_as_model(g), ID_SPACE, batch_size)


def cypher_lines(g, batch_size: int = BATCH_SIZE) -> Iterator[str]:
    """``import.cypher`` for Neo4j 5 (cypher-shell or Neo4j Browser), line by line.

    Each batch is a ``:param {rows: [...]}`` line, then the statement that
    reads ``$rows``. Every statement ends with ``;`` at the end of a line,
    no other line does, and a blank line follows each; lines starting with
    ``//`` are comments. Splitting the text on ``";\n"`` gives the
    statements, each with the ``:param`` line before it, if any.
    """
    model = _as_model(g)
    yield "// newskg knowledge graph for Neo4j 5 (generated: do not edit)\n"
    yield "// Run: cypher-shell -a neo4j://localhost:7687 -u neo4j -d neo4j -f import.cypher\n"
    yield "// Each statement ends with a semicolon at the end of a line and no other line does,\n"
    yield "// a :param line before a statement sets the rows it reads\n"
    yield f"// {len(model.nodes)} nodes, {len(model.rels)} relationships; MERGE makes a rerun change nothing\n"
    yield "\n"
    for statement, parameters in cypher_statements(model, ID_SPACE, batch_size):
        if parameters is not None:
            yield param_command(parameters) + "\n"
        yield statement + ";\n\n"


# --- README and writer ----------------------------------------------------

def readme_lines(g) -> Iterator[str]:
    """README.md for the folder: files, columns and the import commands."""
    model = _as_model(g)
    tables = neo4j_tables(model)
    delimiter = array_delimiter(model)
    nodes, rels = list(NODE_FILES), list(REL_FILES)
    command = [*(f"--nodes={f}" for f in nodes), *(f"--relationships={f}" for f in rels),
               "--multiline-fields=true", "--ignore-empty-strings=true", "--legacy-style-quoting=false",
               f"--array-delimiter={delimiter}", "neo4j"]
    labels = Counter(lb for n in model.nodes for lb in n.labels)
    types = Counter(r.type for r in model.rels)
    yield "# newskg graph for Neo4j\n\n"
    yield (f"Generated from the knowledge graph: {len(model.nodes)} nodes and {len(model.rels)} "
           "relationships, written twice: as CSV for `neo4j-admin database import` (offline, into "
           "an empty database) and as `import.cypher` (online, into any database). Both load the same "
           "nodes, relationships and property values.\n\n")
    yield "## Bulk import (empty database, server stopped)\n\nRun from this folder (Neo4j 5):\n\n```sh\n"
    yield "neo4j-admin database import full \\\n    "
    yield " \\\n    ".join(shlex.quote(part) for part in command) + "\n"
    yield "".join(f"cypher-shell -u neo4j -d neo4j {shlex.quote(stmt + ';')}\n" for stmt in schema_statements(ID_SPACE))
    yield "```\n\n"
    yield ("`--multiline-fields=true` is needed: sentences and quotes may contain line breaks inside "
           "quoted fields. Fields are RFC 4180 CSV (`\"` doubled inside quoted fields). "
           f"The array delimiter is `{delimiter}`: the first of `; | ^ ~ ¦` that no alias contains "
           "(aliases come from article text), so string arrays split back into exactly the aliases; "
           "it also separates the labels in `:LABEL`. "
           "Empty fields mean \"no value\"; empty strings and empty lists are never written. "
           "The `cypher-shell` lines then add the uniqueness constraint and the indexes.\n\n")
    yield "## Cypher import (running server)\n\n```sh\ncypher-shell -u neo4j -d neo4j -f import.cypher\n"
    yield "# or, with newskg installed, through the official Python driver:\n"
    yield "NEO4J_AUTH=neo4j/PASSWORD newskg neo4j --uri neo4j://localhost:7687 ..   # the build's output folder\n```\n\n"
    yield (f"First a uniqueness constraint on `(:{ID_SPACE}).id` and indexes on `(:Entity).name`, "
           "`(:Entity).type` and `(:Article).article_id`, then batches of up to "
           f"{BATCH_SIZE} rows, each a `:param {{rows: [...]}}` line and the statement that reads it: "
           f"`UNWIND $rows AS row MERGE (n:{ID_SPACE} {{id: row.id}}) SET n += row.props, "
           "n.date = date(row.dates.date), n:Label...`, grouped by label set, then relationships "
           "grouped by type: `MATCH` both ends by id, `MERGE (a)-[r:TYPE {key: row.k}]->(b) "
           "SET r += row.props`. Dates travel as ISO text and become dates in the statement. "
           "Running it twice, or after the bulk import, changes nothing. `newskg neo4j` sends the "
           "same statements with the same parameters.\n\n"
           "Statements are delimited for simple tools: every statement ends with `;` at the end of a "
           "line, no other line ends with `;`, lines starting with `:param` set the parameters of the "
           "statement after them, and lines starting with `//` are comments, so splitting the file "
           "on `;\\n` gives the statements. String literals are single-quoted with `\\\\`, "
           "`\\'`, `\\n`, `\\r`, `\\t`, `\\b`, `\\f` escaped (NUL as `\\u0000`); other characters are "
           "written as they are, so no literal holds a line break. Relationship types are the "
           "predicates upper-cased and reduced to `[A-Z0-9_]`.\n\n")
    yield "## Files\n\n| file | rows | columns |\n|---|---|---|\n"
    for name, (header, rows) in tables.items():
        yield f"| `{name}` | {len(rows)} | " + ", ".join(f"`{h}`" for h in header) + " |\n"
    yield "| `import.cypher` | | the same graph as Cypher statements |\n\n"
    yield (f"Every node has the label `{ID_SPACE}` and an `id` (its IRI, one ID space `{ID_SPACE}`), "
           "plus `Article`, `Statement`, `Claim`, or `Entity` and its type (`Person`, `City`, ...). "
           "Evidence (`article`, `sentence`, `sentence_index`, `start`, `end`, `confidence`, `date`, "
           "`extractor`) is on statements, claims and the relationships derived from a sentence; `key` "
           "tells relationships between the same nodes apart. Other properties of the graph (place "
           "coordinates, claim topics, ...) are further columns, typed from their values.\n\n")
    yield "## Counts\n\n| label | nodes |\n|---|---|\n"
    yield "".join(f"| `{lb}` | {n} |\n" for lb, n in sorted(labels.items()))
    yield "\n| type | relationships |\n|---|---|\n"
    yield "".join(f"| `{t}` | {n} |\n" for t, n in sorted(types.items()))


def write_neo4j(g, path: Path) -> None:
    """Write the folder ``path`` (CSV files, import.cypher, README.md) atomically."""
    model = _as_model(g)

    def fill(tmp: Path) -> None:
        for name, (header, rows) in neo4j_tables(model).items():
            write_text(tmp / name, csv_lines(header, rows))
        write_text(tmp / "import.cypher", cypher_lines(model))
        write_text(tmp / "README.md", readme_lines(model))

    write_dir(Path(path), fill)


__all__ = ["neo4j_model", "neo4j_tables", "cypher_lines", "csv_lines", "readme_lines", "write_neo4j",
           "array_delimiter", "cypher_string"]
