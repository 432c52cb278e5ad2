"""The extraction rules a build runs, as plain rows (``newskg rules``).

Each row is one rule of :mod:`extract`'s registries, in the order the
pipeline runs them: its stage, its step and the step's kind (``find``:
the rule answers what it finds; ``test``: it answers yes), its name, the first sentence of its
docstring, its example from real news and the lexicons it reads (itself or
through the helpers it calls).
"""
from __future__ import annotations

import json
from collections.abc import Sequence

from core.errors import UnknownChoiceError

RULE_FORMATS = ("table", "json", "markdown")


def rule_rows(stage: str | None = None) -> list[dict]:
    """Every rule (of one stage, if given) as a dict, in pipeline order."""
    from extract.pipeline import rule_registries
    from extract.rules import STAGES

    if stage is not None and stage not in STAGES:
        raise UnknownChoiceError("stage", stage, STAGES)
    return [
        {"stage": r.stage, "order": r.order, "step": r.step, "kind": r.kind, "rule": r.name, "purpose": r.purpose,
         "example": r.example, "lexicons": list(r.lexicons), "module": r.module}
        for reg in rule_registries() if stage in (None, reg.stage) for r in reg.rules
    ]


def stage_purposes() -> dict[str, str]:
    from extract.pipeline import rule_registries

    return {reg.stage: reg.purpose for reg in rule_registries()}


def format_rules(rows: Sequence[dict], fmt: str = "table") -> str:
    """Rule rows as an indented listing by stage, JSON, or a Markdown table per stage."""
    if fmt not in RULE_FORMATS:
        raise UnknownChoiceError("output format", fmt, RULE_FORMATS)
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n"
    purposes = stage_purposes()
    out: list[str] = []
    for stage in dict.fromkeys(r["stage"] for r in rows):
        mine = [r for r in rows if r["stage"] == stage]
        if fmt == "markdown":
            out += [f"### {stage}: {purposes.get(stage, '')}", "",
                    "| # | rule | step | what it finds | lexicons |", "|---:|---|---|---|---|"]
            out += [f"| {r['order']} | `{r['rule']}` | {_step(r)} | {_cell(r['purpose'])} | "
                    f"{', '.join(r['lexicons'])} |" for r in mine]
            out.append("")
            continue
        out.append(f"{stage}: {purposes.get(stage, '')} ({len(mine)} rules)")
        for r in mine:
            out.append(f"  {r['order']:>3}  {r['rule']}  [{_step(r)}]")
            out.append(f"       {r['purpose']}")
            if r["lexicons"]:
                out.append(f"       lexicons: {', '.join(r['lexicons'])}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _step(row: dict) -> str:
    """The step's name, marked when its rules test rather than find ("no relation (test)")."""
    return f"{row['step']} (test)" if row.get("kind") == "test" else row["step"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
