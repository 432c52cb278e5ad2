"""import.cypher read as text: the documented statement split, a reference decoder of Neo4j's
string literals, and text that is hard to escape (for property tests)."""
from __future__ import annotations

from hypothesis import strategies as st


def split_statements(text: str) -> list[tuple[str, str | None]]:
    """The documented rule: split on ";\\n", drop comment lines (only "\\n" is a line end);
    a ":param" line sets the parameters of the statement in its chunk. (statement, param text)."""
    out = []
    for chunk in text.split(";\n"):
        lines = [line for line in chunk.split("\n") if not line.startswith("//")]
        params = [line[len(":param "):] for line in lines if line.startswith(":param ")]
        body = "\n".join(line for line in lines if not line.startswith(":param ")).strip()
        assert len(params) <= 1 and (body or not params), chunk[:200]
        if body:
            out.append((body, params[0] if params else None))
    return out


_NEO4J_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def decode_literal(lit: str) -> str:
    """Decode a single-quoted Cypher string literal by the Neo4j grammar (a reference decoder)."""
    assert len(lit) >= 2 and lit[0] == "'" and lit[-1] == "'", lit
    out, i, last = [], 1, len(lit) - 1
    while i < last:
        c = lit[i]
        assert c != "'", f"unescaped quote at {i} in {lit!r}"
        if c == "\\":
            nxt = lit[i + 1]
            if nxt == "u":
                out.append(chr(int(lit[i + 2 : i + 6], 16)))
                i += 6
                continue
            assert nxt in _NEO4J_ESCAPES, f"bad escape \\{nxt}"
            out.append(_NEO4J_ESCAPES[nxt])
            i += 2
        else:
            out.append(c)
            i += 1
    assert i == last, f"literal {lit!r} does not end where it should"
    return "".join(out)


TRICKY = st.text(st.sampled_from(list("\\'\"\n\r\t\b\f`;{}()$/ a\x00\x01\x85\u2028\u2029\u201c\U0001F600")))
