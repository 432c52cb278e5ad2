"""BuildOptions refuses a bad viewer cap as a usage error (exit 2), before any work."""
from __future__ import annotations

import pytest

from core.errors import UsageError
from newskg.api import BuildOptions


@pytest.mark.parametrize("bad", [0, -3, 2.5, "10"])
def test_a_bad_viewer_max_nodes_is_a_usage_error_naming_it(bad):
    with pytest.raises(UsageError) as err:
        BuildOptions(viewer_max_nodes=bad)
    assert err.value.exit_code == 2
    assert str(err.value) == f"viewer_max_nodes must be a whole number of at least 1, not {bad!r}"


def test_the_default_and_a_positive_viewer_max_nodes_are_kept():
    assert BuildOptions().viewer_max_nodes is None
    assert BuildOptions(viewer_max_nodes=1).viewer_max_nodes == 1
