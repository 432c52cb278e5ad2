"""scripts/docs_samples.py from the tests: its ``--check`` in a child process, or the script as a module."""
from __future__ import annotations

import importlib.util
import subprocess
import sys

from support.paths import ROOT

SCRIPT = ROOT / "scripts" / "docs_samples.py"


def docs_script():
    spec = importlib.util.spec_from_file_location("docs_samples", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check(*flags: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--check", *flags], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
