"""Loading a spaCy model fails loudly while a tests/unit test runs (tests/unit/conftest.py).

In the test process, spaCy's loaders are swapped for one that raises; processes the test
starts (the CLI, run as a user runs it) get the same guard from ``model_guard_site/``,
whose ``sitecustomize`` this puts on their PYTHONPATH. Importing spaCy stays allowed:
only loading a trained pipeline is refused.
"""
from __future__ import annotations

import contextlib
import importlib.abc
import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path

#: spaCy's functions that load a trained pipeline (``spacy.load`` goes through them).
LOADERS = ("load_model", "load_model_from_package", "load_model_from_path", "load_model_from_init_py")
SITE = Path(__file__).resolve().with_name("model_guard_site")
ENV = "NEWSKG_TEST_NO_MODEL"  # the test that must load no model; set for child processes


class ModelLoadError(RuntimeError):
    """A test of tests/unit loaded a spaCy model."""


def _refuse(name: str, test: str):
    def refuse(*args, **kwargs):
        what = f"spacy.util.{name}({args[0]!r})" if args else f"spacy.util.{name}()"
        message = (f"{test} loads a spaCy model ({what}), but tests/unit loads none: "
                   "move the test to tests/model/, or give it records instead of a parse")
        print(f"model guard: {message}", file=sys.stderr, flush=True)
        raise ModelLoadError(message)
    return refuse


def guard(spacy_util, test: str) -> dict[str, object]:
    """Swap spaCy's loaders for ones that raise; the originals are returned."""
    saved = {name: getattr(spacy_util, name) for name in LOADERS}
    for name in LOADERS:
        setattr(spacy_util, name, _refuse(name, test))
    return saved


@contextlib.contextmanager
def no_model(test: str) -> Iterator[None]:
    """While the block runs, no spaCy model loads, here or in a child process."""
    import spacy.util

    saved = guard(spacy.util, test)
    env = {key: os.environ.get(key) for key in ("PYTHONPATH", ENV)}
    os.environ["PYTHONPATH"] = os.pathsep.join([str(SITE), *filter(None, [env["PYTHONPATH"]])])
    os.environ[ENV] = test
    try:
        yield
    finally:
        for name, loader in saved.items():
            setattr(spacy.util, name, loader)
        for key, value in env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


class _GuardOnImport(importlib.abc.MetaPathFinder):
    """Guards ``spacy.util`` once it is imported: a child process imports spaCy only if it needs it."""

    def __init__(self, test: str) -> None:
        self.test = test

    def find_spec(self, name, path=None, target=None):
        if name != "spacy.util":
            return None
        sys.meta_path.remove(self)  # once; and find the real module below
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.loader is not None:
            exec_module = spec.loader.exec_module

            def exec_then_guard(module):
                exec_module(module)
                guard(module, self.test)

            spec.loader.exec_module = exec_then_guard
        return spec


def guard_this_process() -> None:
    """In a child process of a unit test (from ``sitecustomize``): guard spaCy when it is imported."""
    test = os.environ.get(ENV)
    if test:
        sys.meta_path.insert(0, _GuardOnImport(test))
