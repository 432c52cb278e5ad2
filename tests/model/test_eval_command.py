"""``newskg eval`` on a seed passage: the command builds the case's article and scores it."""
from __future__ import annotations

import json

from support.paths import SEEDS


def test_eval_command_scores_a_seed_passage(tmp_path, capsys):
    """A small repository with one seed and two cases: one right, one wrong on purpose."""
    import shutil

    from newskg.cli import main

    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEEDS / "000_4ba70596b7340321.txt", tmp_path / "seeds")
    cases = [
        {"id": "mayor", "source": "seeds", "article": "000_4ba70596b7340321", "text": "Vadym Boichenko, who is no longer",
         "entities": [["Vadym Boichenko", "Person"]]},
        {"id": "wrong", "source": "seeds", "article": "000_4ba70596b7340321", "text": "Maxar, a commercial satellite company",
         "entities": [["Maxar", "City"]]},
    ]
    path = tmp_path / "tests" / "cases.jsonl"
    path.parent.mkdir()
    path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    assert main(["eval", str(path), "--format", "json", "--details"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["cases"] == 2 and out["passed"] == 1
    assert out["scores"]["entities"]["tp"] == 2
    assert out["scores"]["entity_types"] == {"tp": 1, "fp": 1, "fn": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert [d["id"] for d in out["details"] if not d["passed"]] == ["wrong"]
