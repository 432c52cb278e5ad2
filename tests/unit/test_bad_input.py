"""Bad input: every bad file or JSONL line is reported once, with its path,
line and reason; the good articles are still built; exit 1 when something
was skipped, and with --strict nothing is built at all. Never a traceback.

The corpus (support/bad_inputs.py) has over 200 generated bad inputs. The
CLI reads it twice: with --strict here (no model needed: it stops before
loading one) and without, in tests/model/test_bad_input_build.py (the model
loads once, for the good articles).
"""
from __future__ import annotations

import codecs
import io
import os
from pathlib import Path

import pytest

from core.errors import InputError, SkippedInputError
from newskg.api import BuildOptions, build
from newskg.reading.sources import open_articles, read_articles, read_stream
from support.bad_inputs import GOOD_PROSE, LINE, MAX_CHARS, Corpus, check_reports, make_corpus, reported
from support.cli import run_bytes


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Corpus:
    return make_corpus(tmp_path_factory.mktemp("bad") / "in")


def test_corpus_is_big_enough(corpus):
    assert len(corpus.bad) >= 200
    assert len(corpus.good) >= 15


def test_strict_reports_every_bad_input_and_builds_nothing(corpus, tmp_path):
    proc = run_bytes("build", str(corpus.root), "-o", str(tmp_path / "out"), "--strict", "--max-chars", str(MAX_CHARS))
    stderr = proc.stderr.decode("utf-8")
    assert proc.returncode == 1, stderr[-2000:]
    assert "Traceback" not in stderr and proc.stdout == b""
    lines = stderr.splitlines()
    assert all(LINE.match(line) for line in lines), [x for x in lines if not LINE.match(x)][:5]
    check_reports(reported("\n".join(lines[:-1]), "error"), corpus.bad)
    check_reports(reported(stderr, "note"), corpus.notes)
    assert lines[-1] == f"newskg: error: {len(corpus.bad)} input problems (listed above); --strict: nothing built"
    assert not (tmp_path / "out").exists()


def test_good_articles_read_right(corpus):
    """What the reader makes of the good inputs that needed care."""
    problems = []
    articles = {a.id: a for a in read_articles([str(corpus.root)], on_problem=problems.append, max_chars=MAX_CHARS)}
    assert set(articles) == corpus.good
    assert articles["latin1"].text == "Mariupol\u2019s caf\u00e9 was shelled on Monday, officials said."
    assert articles["latin1_only"].content.startswith("The caf\u00e9 near the theater   was hit")  # \x81 blanked
    assert articles["utf16"].text == GOOD_PROSE[0] and articles["utf32"].text == GOOD_PROSE[2]
    assert articles["utf8bom"].text == GOOD_PROSE[3]  # no BOM left
    page = articles["page"]
    assert page.title == "Siege of Mariupol"
    # The page's prose stays where it is in the file, so evidence spans point into it.
    for sentence in GOOD_PROSE[:2]:
        at = page.text.index(sentence)
        assert page.content[at : at + len(sentence)] == sentence
    assert "var x" not in page.content and "Home | World" not in page.content and "(c) 2022" not in page.content
    assert "<" not in page.content
    assert articles["json-u2028"].text.startswith("Kyiv held, officials said.\u2028On Monday")  # one record
    assert articles["json-u2028"].content.startswith("Kyiv held, officials said.\nOn Monday")  # a line break
    assert articles["json-surrogate"].text == "Mariupol \ufffd was shelled on Monday, the mayor said."
    controls = articles["controls"]
    assert controls.text.startswith("Kyiv [1m held  on Monday")  # same length, no control characters
    assert articles["json-controls"].title == "Title with NUL"
    assert len({a.id for a in articles.values()}) == len(articles)
    assert all(len(a.text) == len(a.content) for a in articles.values())


def test_order_of_sources_changes_nothing(corpus):
    def read(sources):
        problems = []
        ids = [a.id for a in read_articles(sources, on_problem=problems.append, max_chars=MAX_CHARS)]
        return ids, [str(p) for p in problems]

    dups = corpus.root / "dups"
    assert read([str(dups / "b"), str(dups / "a")]) == read([str(dups / "a"), str(dups / "b")])
    # A file named twice (directly and through its folder) is read once.
    assert read([str(dups / "a"), str(dups / "a" / "same.txt")]) == read([str(dups / "a")])


def test_unreadable_file_and_folder(tmp_path, monkeypatch):
    # Root reads any file, so permissions are simulated where the reader meets them.
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "ok.txt").write_text(GOOD_PROSE[0])
    (tmp_path / "in" / "locked.txt").write_text(GOOD_PROSE[1])
    (tmp_path / "in" / "sub" / "hidden.txt").write_text(GOOD_PROSE[2])
    read_bytes, scandir = Path.read_bytes, os.scandir

    def locked_read(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    def locked_scandir(path="."):
        if str(path).endswith("sub"):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(Path, "read_bytes", locked_read)
    monkeypatch.setattr(os, "scandir", locked_scandir)
    problems = []
    ids = [a.id for a in read_articles([str(tmp_path / "in")], on_problem=problems.append)]
    assert ids == ["ok"]
    assert sorted(map(str, problems)) == [f"{tmp_path}/in/locked.txt: cannot be read (Permission denied)",
                                          f"{tmp_path}/in/sub: cannot list folder (Permission denied)"]


@pytest.mark.parametrize(("change", "reason"), [
    (lambda f: f.write_bytes(b'{"id": "a", "text": "Kyiv held on Monday."}\n{"id": "b", "text": "caf\xe9"}\n'),
     "2: changed while being read: is no longer UTF-8; the rest of the file is skipped"),
    (lambda f: f.unlink(), "1: changed while being read: cannot be read (No such file or directory); "
     "the rest of the file is skipped"),
])
def test_a_jsonl_file_that_changes_after_its_check_is_reported_not_a_crash(tmp_path, monkeypatch, change, reason):
    import newskg.reading.sources as sources

    f = tmp_path / "c.jsonl"
    f.write_bytes(b'{"id": "a", "text": "Kyiv held on Monday."}\n{"id": "b", "text": "Lviv too."}\n')
    checked = sources.utf8_lines

    def check_then_change(path):
        lines = checked(path)  # the check passes, then the file changes before it is read
        change(f)
        return lines

    monkeypatch.setattr(sources, "utf8_lines", check_then_change)
    problems = []
    ids = [a.id for a in read_articles([str(f)], on_problem=problems.append)]
    assert list(map(str, problems)) == [f"{f}:{reason}"]
    assert ids == (["a"] if reason.startswith("2") else [])


def test_a_mistyped_source_stops_everything(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_PROSE[0])
    with pytest.raises(InputError, match="no-such: no such file or directory"):
        list(read_articles([str(tmp_path), "no-such"], on_problem=lambda p: None))
    with pytest.raises(InputError, match=r"notes\.md: not an article file; expected one of \.txt, \.jsonl"):
        (tmp_path / "notes.md").write_text("x")
        list(read_articles([str(tmp_path / "notes.md")], on_problem=lambda p: None))


@pytest.mark.parametrize(("data", "ids", "problems"), [
    (b'{"id": "a", "text": "Kyiv held on Monday."}\n{"id": "b"}\n', ["a"], ["-:2: no 'text' field"]),
    (codecs.BOM_UTF16_LE + '{"id": "a", "text": "Kyiv held."}'.encode("utf-16-le"), ["a"], []),
    ("Kyiv held on Monday, officials said.".encode("utf-16"), ["stdin"], []),
    (b"", [], ["-:1: empty input"]),
    (b"\x00\x01binary", [], ["-:1: binary file (NUL byte at offset 0)"]),
    (b"The caf\xe9 held.", ["stdin"], ["-:1: not UTF-8 (byte 7); read as Windows-1252"]),
])
def test_stdin(data, ids, problems):
    found = []
    assert [a.id for a in read_stream(io.BytesIO(data), found.append)] == ids
    assert [str(p) for p in found] == problems
    found.clear()
    assert [a.id for a in read_stream(data, found.append)] == ids  # bytes already read


def test_strict_reads_stdin_once_for_two_passes():
    good = b'{"id": "a", "text": "Kyiv held on Monday, officials said."}\n'
    articles, problems = open_articles(["-"], io.BytesIO(good), strict=True)
    assert [a.id for a in articles] == ["a"] and problems == []
    with pytest.raises(SkippedInputError):
        open_articles(["-"], io.BytesIO(good + b"{\n"), strict=True)


def test_stdin_as_text_stream():
    assert [a.text for a in read_stream(io.StringIO("Kyiv held on Monday."))] == ["Kyiv held on Monday."]


def test_strict_api_reads_everything_first_and_raises(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_PROSE[0])
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.jsonl").write_text('{"id": "c"}\n')
    seen = []
    with pytest.raises(SkippedInputError, match=r"2 input problems \(listed above\); --strict: nothing built") as e:
        open_articles([str(tmp_path)], strict=True, on_problem=seen.append)
    assert [str(p) for p in e.value.problems] == [f"{tmp_path}/b.txt:1: empty file",
                                                   f"{tmp_path}/c.jsonl:1: no 'text' field"]
    assert seen == list(e.value.problems)
    with pytest.raises(SkippedInputError):
        build([str(tmp_path)], tmp_path / "out", BuildOptions(strict=True))
    assert not (tmp_path / "out").exists()


def test_nothing_left_to_build(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00")
    (tmp_path / "b.txt").write_text(GOOD_PROSE[0] * 10)
    seen = []
    with pytest.raises(InputError, match=r"no articles to build: all 2 skipped"):
        build([str(tmp_path)], tmp_path / "out", BuildOptions(max_chars=100), on_problem=seen.append)
    assert [p.reason[:20] for p in seen] == ["binary file (NUL byt", "article is 760 bytes"]
    assert not (tmp_path / "out").exists()


def test_a_50_mb_article(tmp_path):
    """Over --max-chars it is skipped unread; under a raised limit it is read."""
    path = tmp_path / "big.txt"
    with open(path, "wb") as f:
        f.writelines((" ".join(GOOD_PROSE) + "\n").encode() * (1_000_000 // 330) for _ in range(50))
    size = path.stat().st_size
    assert size > 49_000_000
    problems = []
    assert list(read_articles([str(path)], on_problem=problems.append)) == []
    assert [str(p) for p in problems] == [
        (f"{path}:1: article is {size:,} bytes, more than --max-chars 1,000,000 (split it, or raise "
         "--max-chars if you have the memory: spaCy needs about 1 GB per 100,000)")]
    [article] = read_articles([str(path)], max_chars=size)
    assert len(article.text) == size and article.content.strip().startswith("Russian forces")


def test_very_long_lines_and_many_short_ones(tmp_path):
    (tmp_path / "line.txt").write_text(" ".join(GOOD_PROSE) * 2500)  # one 800,000-character line
    (tmp_path / "lists.txt").write_text("Headline\n" * 100_000 + GOOD_PROSE[0])  # furniture blanked in one pass
    (tmp_path / "caps.txt").write_text("KYIV/MARIUPOL " * 60_000 + "(Reuters) - " + GOOD_PROSE[0])
    articles = {a.id: a for a in read_articles([str(tmp_path)])}
    assert articles["line"].content == articles["line"].text
    assert articles["lists"].content.strip() == GOOD_PROSE[0]
    assert articles["caps"].source == "Reuters"


def test_problem_lines_stay_one_line(tmp_path):
    """A file name with a line break cannot split a report in two."""
    (tmp_path / "evil\nnewskg: skipped: x.txt").mkdir()
    (tmp_path / "evil\nnewskg: skipped: x.txt" / "a\r\u2028b.txt").write_bytes(b"")
    problems = []
    assert list(read_articles([str(tmp_path)], on_problem=problems.append)) == []
    [line] = [str(p) for p in problems]
    assert line == f"{tmp_path}/evil\\nnewskg: skipped: x.txt/a\\r\\u2028b.txt:1: empty file"
