"""tests/unit loads no spaCy model: while a test here is set up, runs and is torn down,
loading one raises, in this process and in any process the test starts (support/model_guard.py).
A test that parses text belongs in tests/model/."""
from __future__ import annotations

import pytest

from support.model_guard import no_model


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    with no_model(item.nodeid):
        yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    with no_model(item.nodeid):
        yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item):
    with no_model(item.nodeid):
        yield
