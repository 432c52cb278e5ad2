"""The packages stand on each other in one direction, with no cycle.

    newskg/            the API, the CLI and their rooms (reading, building, service, evaluation)
      exports/         writers of each format
        graph/         the merged graph: resolution, vocabulary, views
      extract/         spaCy pipeline and rules
    core/              records, errors, names, gazetteer: imports no other package

Checked in the source (every import, also those inside functions) and at run time.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

from support.paths import ROOT

PACKAGES = ("core", "extract", "graph", "exports", "newskg")
#: What each package may import of the project, besides itself.
MAY_IMPORT = {
    "core": set(),
    "extract": {"core"},
    "graph": {"core"},
    "exports": {"core", "graph"},
    "newskg": {"core", "extract", "graph", "exports", "queries"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, level: int, name: str | None) -> str:
    base = module.split(".") if is_package else module.split(".")[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


@cache
def _modules() -> dict[str, Path]:
    return {_module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}


def _imports(module: str) -> set[str]:
    """Project modules that ``module`` imports, anywhere in its source."""
    path = _modules()[module]
    known = _modules()
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, is_package, node.level, node.module) if node.level else (node.module or "")
            # "from . import gazetteer" names a module; "from .x import f" names x.
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t != module:
                found.add(t)
    return found


def _third_party(module: str) -> set[str]:
    tree = ast.parse(_modules()[module].read_text(encoding="utf-8"))
    names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and not n.level
              and n.module}
    return names


def test_each_package_imports_only_the_packages_below_it():
    offenders = sorted(
        f"{m} imports {t}"
        for m in _modules()
        for t in _imports(m)
        if t.split(".")[0] != m.split(".")[0] and t.split(".")[0] not in MAY_IMPORT[m.split(".")[0]]
    )
    assert offenders == []


def test_nothing_outside_newskg_imports_newskg():
    offenders = sorted(f"{m} imports {t}" for m in _modules() if not m.startswith("newskg")
                       for t in _imports(m) if t.startswith("newskg"))
    assert offenders == []


def test_no_import_cycles():
    graph = {m: _imports(m) for m in _modules()}
    cycles = []
    state: dict[str, int] = {}  # 1: on the stack, 2: done

    def visit(m: str, stack: list[str]) -> None:
        state[m] = 1
        stack.append(m)
        for t in sorted(graph[m]):
            if state.get(t) == 1:
                cycles.append(" -> ".join(stack[stack.index(t):] + [t]))
            elif t not in state:
                visit(t, stack)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [])
    assert cycles == []


def test_no_spacy_in_core_graph_or_exports():
    offenders = sorted(f"{m}" for m in _modules() if m.split(".")[0] in ("core", "graph", "exports")
                       and "spacy" in _third_party(m))
    assert offenders == []


def test_importing_graph_and_exports_does_not_load_spacy():
    code = (
        "import sys, graph.build, graph.view, graph.resolve, exports, exports.turtle, exports.html, exports.neo4j,"
        " newskg.cli; print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
