"""Neo4j: CSV for ``neo4j-admin database import``, an ``import.cypher``,
and a README with both recipes, all rendered from one model of the graph
(:mod:`exports.neo4j_model`), so they load the same nodes, relationships
and property values.

>>> from graph.build import build_graph
>>> sorted(neo4j_tables(build_graph([])))[:2]
['nodes_articles.csv', 'nodes_claims.csv']
"""
from __future__ import annotations

import datetime as dt
import re
import shlex
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from graph.vocab import relations

from .atomic import write_dir, write_text
from .cypher import cypher_statements, cypher_string, param_command, relationship_type, schema_statements
from core.records import MODALITIES

from .neo4j_model import GENERIC_TYPE, ID_SPACE, NODE_FILES, REL_FILES, Point, array_delimiter, as_model

BATCH_SIZE = 500


# --- CSV ------------------------------------------------------------------

def _csv_value(value: object, delimiter: str) -> str:
    if isinstance(value, list):
        return delimiter.join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Point):
        return f"{{latitude:{value.latitude!r}, longitude:{value.longitude!r}}}"
    return str(value)


def _header(name: str, typ: str) -> str:
    return name if typ == "string" else f"{name}:{typ}"


def neo4j_tables(g) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Every CSV file as (header, rows), in the ``neo4j-admin`` header format."""
    model = as_model(g)
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
            props = rel.props
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
    return cypher_statements(as_model(g), ID_SPACE, batch_size)


def cypher_lines(g, batch_size: int = BATCH_SIZE) -> Iterator[str]:
    """``import.cypher`` for Neo4j 5 (cypher-shell or Neo4j Browser), line by line.

    Each batch is a ``:param {rows: [...]}`` line, then the statement that
    reads ``$rows``. Every statement ends with ``;`` at the end of a line,
    no other line does, and a blank line follows each; lines starting with
    ``//`` are comments. Splitting the text on ``";\n"`` gives the
    statements, each with the ``:param`` line before it, if any.
    """
    model = as_model(g)
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

def readme_lines(g, tables: dict | None = None) -> Iterator[str]:
    """README.md for the folder: files, columns and the import commands
    (``tables``: :func:`neo4j_tables` of ``g``, if already made)."""
    model = as_model(g)
    tables = neo4j_tables(model) if tables is None else tables
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
           f"The array delimiter is `{delimiter}`: the first of `; | ^ ~ ¦` that no array element "
           "contains (aliases and evidence sentences come from article text), so string arrays split "
           "back into exactly their elements; "
           "it also separates the labels in `:LABEL`. "
           "Empty fields mean \"no value\"; empty strings and empty lists are never written. "
           "The `cypher-shell` lines then add the uniqueness constraint and the indexes.\n\n")
    yield "## Cypher import (running server)\n\n```sh\ncypher-shell -u neo4j -d neo4j -f import.cypher\n"
    yield "# or, with newskg installed, through the official Python driver:\n"
    yield "NEO4J_AUTH=neo4j/PASSWORD newskg neo4j --uri neo4j://localhost:7687 ..   # the build's output folder\n```\n\n"
    yield (f"First a uniqueness constraint on `(:{ID_SPACE}).id`, indexes on `(:Entity).name`, "
           "`(:Entity).type` and `(:Article).article_id` and a point index on `(:Entity).location`, "
           f"then batches of up to {BATCH_SIZE} rows, each a `:param {{rows: [...]}}` line and the "
           f"statement that reads it: `UNWIND $rows AS row MERGE (n:{ID_SPACE} {{id: row.id}}) SET n += "
           "row.props, n.date = date(row.dates.date), n:Label...`, grouped by label set, then "
           "relationships grouped by type: `MATCH` both ends by id, `MERGE (a)-[r:TYPE]->(b) SET r += "
           f"row.props` (`MERGE (a)-[r:{GENERIC_TYPE} {{verb: row.k}}]->(b)` for the generic type, "
           "`MERGE (a)-[r:INTENDED {relation: row.k}]->(b)` for a fact that is not asserted). "
           "Dates travel as ISO text and points as `{latitude, longitude}` maps, and become typed in "
           "the statement (`date(...)`, `point(...)`). Running it twice, or after the bulk import, "
           "changes nothing. `newskg neo4j` sends the same statements with the same parameters.\n\n"
           "Statements are delimited for simple tools: every statement ends with `;` at the end of a "
           "line, no other line ends with `;`, lines starting with `:param` set the parameters of the "
           "statement after them, and lines starting with `//` are comments, so splitting the file "
           "on `;\\n` gives the statements. String literals are single-quoted with `\\\\`, "
           "`\\'`, `\\n`, `\\r`, `\\t`, `\\b`, `\\f` escaped (NUL as `\\u0000`); other characters are "
           "written as they are, so no literal holds a line break.\n\n")
    yield "## Files\n\n| file | rows | columns |\n|---|---|---|\n"
    for name, (header, rows) in tables.items():
        yield f"| `{name}` | {len(rows)} | " + ", ".join(f"`{h}`" for h in header) + " |\n"
    yield "| `import.cypher` | | the same graph as Cypher statements |\n\n"
    yield (f"Every node has the label `{ID_SPACE}` and an `id` (its IRI, one ID space `{ID_SPACE}`), "
           "plus `Article`, `Statement`, `Claim`, or `Entity` and its type (`Person`, `City`, ...). "
           "Statements and claims carry their evidence (`article`, `sentence`, `sentence_index`, "
           "`start`, `end`, `confidence`, `date`, `extractor`, `rule`); places their coordinates as "
           "`location`, a WGS-84 `point`. Other properties of the graph (claim topics, ...) are "
           "further columns, typed from their values.\n\n"
           "There is one relationship per start node, type and end node, however many sentences "
           "state it: `count` says how many, and the evidence comes as lists: `articles` (their "
           "`article_id`), `sentences`, `evidence` (`article#sentence_index@start-end`, one per "
           "sentence, in the order of `sentences`), `confidence` (the highest), `first_date` and "
           "`last_date`, `extractors`, `rules` (the names of the extraction rules that made it, as "
           "`newskg rules` lists them), and for facts the `verbs` that stated them. Facts between "
           "entities take their type from the relation vocabulary (`ontology.ttl`): "
           f"{', '.join(f'`{relationship_type(r)}`' for r in relations())}; any other relation is "
           f"a verb lemma: `{GENERIC_TYPE}` with the lemma as `verb` (one relationship per lemma). "
           "A fact that is not asserted (\"pledged to leave\", \"did not attack\") is never merged into "
           "the asserted relationship: its type is its `modality` "
           f"({', '.join(f'`{relationship_type(m)}`' for m in MODALITIES)}), with the fact's relation as "
           "`relation` and `modality` as properties, so `MATCH (a)-[:ATTACKED]->(b)` finds only "
           "attacks stated as such.\n\n")
    yield "## Counts\n\n| label | nodes |\n|---|---|\n"
    yield "".join(f"| `{lb}` | {n} |\n" for lb, n in sorted(labels.items()))
    yield "\n| type | relationships |\n|---|---|\n"
    yield "".join(f"| `{t}` | {n} |\n" for t, n in sorted(types.items()))


def write_neo4j(g, path: Path, view=None) -> None:
    """Write the folder ``path`` (CSV files, import.cypher, README.md) atomically,
    from ``g``'s networkx ``view`` when given."""
    model = as_model(g if view is None else view)

    def fill(tmp: Path) -> None:
        tables = neo4j_tables(model)  # made once, for the CSVs and the README
        for name, (header, rows) in tables.items():
            write_text(tmp / name, csv_lines(header, rows))
        write_text(tmp / "import.cypher", cypher_lines(model))
        write_text(tmp / "README.md", readme_lines(model, tables))

    write_dir(Path(path), fill)


__all__ = ["neo4j_tables", "csv_lines", "statements", "cypher_lines", "readme_lines", "write_neo4j", "cypher_string"]
