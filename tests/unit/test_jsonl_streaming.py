"""JSONL files are read line by line (memory: one line, not the file), and
give exactly what reading the whole file gives: the same articles, the same
problems at the same lines, over every .jsonl of the bad-input corpus and a
few edge cases of line ends and encodings."""
from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import Problem
from newskg.reading import sources
from support.bad_inputs import MAX_CHARS, make_corpus

EDGES = {
    "no_final_newline": b'{"id": "a", "text": "Kyiv fell to the army today."}',
    "crlf": b'{"id": "a", "text": "Kyiv fell."}\r\n\r\n{"id": "b", "text": "Lviv held."}\r\n',
    "blank_only": b"\n  \n\t\n",
    "empty": b"",
    "line_separator": '{"id": "a", "text": "Kyiv\u2028fell."}\n'.encode(),
    "latin1": b'{"id": "a", "text": "caf\xe9 in Kyiv fell."}\n',
    "bom": b'\xef\xbb\xbf{"id": "a", "text": "Kyiv fell."}\n',
    "bad_line": b'{"id": "a", "text": "Kyiv fell."}\nnot json\n{"id": "b"}\n',
}


def _both(path: Path) -> tuple[list, list]:
    streamed: list[Problem] = []
    whole: list[Problem] = []
    a = list(sources._file_articles(path, streamed.append, MAX_CHARS))
    b = list(sources._decoded(path.read_bytes(), str(path), path.stem, whole.append, MAX_CHARS, True))
    return (a, streamed), (b, whole)


@pytest.fixture(scope="module")
def jsonl_files(tmp_path_factory) -> list[Path]:
    root = make_corpus(tmp_path_factory.mktemp("bad") / "in").root
    edges = tmp_path_factory.mktemp("edges")
    for name, data in EDGES.items():
        (edges / f"{name}.jsonl").write_bytes(data)
    return sorted(root.rglob("*.jsonl")) + sorted(edges.glob("*.jsonl"))


def test_streamed_lines_give_what_the_whole_file_gives(jsonl_files):
    assert len(jsonl_files) >= 12
    for path in jsonl_files:
        streamed, whole = _both(path)
        assert streamed == whole, path.name


def test_plain_utf8_is_streamed_and_the_rest_read_whole(tmp_path):
    plain, other = tmp_path / "plain.jsonl", tmp_path / "latin1.jsonl"
    plain.write_bytes(EDGES["crlf"])
    other.write_bytes(EDGES["latin1"])
    assert sources.utf8_lines(plain) is not None
    assert sources.utf8_lines(other) is None  # decoded whole, with its note
