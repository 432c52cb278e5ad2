"""The shared folder (``../shared``: corpora, benchmarks) beside the checkout.

A developer's clone may lack it, so its tests skip there; CI has it beside the clone, so under
``CI=true`` (which CI sets) a missing shared folder fails the test instead of skipping it quietly.
"""
from __future__ import annotations

import os
from typing import NoReturn

import pytest


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def shared_missing(message: str) -> NoReturn:
    """Skip the test, saying what is missing (``message``); fail it under ``CI=true``."""
    if on_ci():
        pytest.fail(f"{message} (CI=true: CI has ../shared beside the clone, so this is a failure)", pytrace=False)
    pytest.skip(message)
