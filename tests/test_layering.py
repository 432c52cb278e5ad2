"""graph/ and exports/ never import spaCy: checked in the source and at run time."""
from __future__ import annotations

import ast
import subprocess
import sys

from conftest import ROOT

#: The modules of extract/ that graph/ and exports/ may use: plain data, no spaCy (checked below).
SPACY_FREE = ("extract.records", "extract.titles")


def _imports(path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # a relative import stays inside the module's own package
                names.append("." * node.level + (node.module or ""))
            else:  # "from extract import pipeline" names extract.pipeline
                names += [f"extract.{a.name}" for a in node.names] if node.module == "extract" else [node.module or ""]
    return names


def test_the_shared_extract_modules_import_nothing_else():
    for module in SPACY_FREE:
        path = ROOT / (module.replace(".", "/") + ".py")
        assert [n for n in _imports(path) if n.split(".")[0] in ("spacy", "extract") or n.startswith(".")] == []


def test_no_spacy_import_in_graph_or_exports_source():
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for pkg in ("graph", "exports")
        for path in (ROOT / pkg).rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] == "spacy" or (name.startswith("extract") and name not in SPACY_FREE)
    ]
    assert offenders == []


def test_importing_graph_and_exports_does_not_load_spacy():
    code = (
        "import sys, graph.build, graph.view, graph.resolve, exports, exports.turtle, exports.html, exports.neo4j, newskg.cli;"
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
