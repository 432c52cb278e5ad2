"""graph/ and exports/ never import spaCy: checked in the source and at run time."""
from __future__ import annotations

import ast
import subprocess
import sys

from conftest import ROOT


def test_no_spacy_import_in_graph_or_exports_source():
    offenders = []
    for pkg in ("graph", "exports"):
        for path in (ROOT / pkg).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom):
                    names = [node.module or ""]
                    if node.module == "extract":  # "from extract import pipeline"
                        names = [f"extract.{a.name}" for a in node.names]
                for name in names:
                    if name.split(".")[0] == "spacy" or (name.startswith("extract") and name not in ("extract.records",)):
                        offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []


def test_importing_graph_and_exports_does_not_load_spacy():
    code = (
        "import sys, graph.build, graph.view, graph.resolve, exports, exports.turtle, exports.html, exports.neo4j, newskg.cli;"
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
