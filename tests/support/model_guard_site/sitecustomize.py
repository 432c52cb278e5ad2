"""Put on the PYTHONPATH of processes a tests/unit test starts: no spaCy model loads there.

The guard itself is ../model_guard.py, loaded by its path (this folder is all the child
process gets of the tests).
"""
import importlib.util as _util
from pathlib import Path as _Path

_spec = _util.spec_from_file_location("_newskg_model_guard", _Path(__file__).resolve().parent.parent / "model_guard.py")
_guard = _util.module_from_spec(_spec)
_spec.loader.exec_module(_guard)
_guard.guard_this_process()
