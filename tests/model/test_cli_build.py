"""The CLI as a user meets it, building: an article on stdin is built, then queried."""
from __future__ import annotations

from support.cli import run
from support.paths import SEEDS


def test_build_from_stdin_then_query(tmp_path):
    text = (SEEDS / "004_66159a97d49c755d.txt").read_text(encoding="utf-8")
    proc = run("build", "-", "-o", str(tmp_path / "out"), "--format", "turtle", stdin=text)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(tmp_path / "out" / "graph.ttl")
    q = run("query", str(tmp_path / "out" / "graph.ttl"), "-f", "queries/facilities_attacked.rq", "--format", "csv")
    assert q.returncode == 0, q.stderr
    assert q.stdout.splitlines()[0] == "facility,city,attacker,date,article,sentence"
    assert "theater (Mariupol),Mariupol,Russia" in q.stdout
