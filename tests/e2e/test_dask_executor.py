"""Extraction on a real Dask cluster (a LocalCluster of two worker
processes) merges into the very bytes of a local build (the seeds: it loads the model)."""
from __future__ import annotations

import pytest
from support.builds import outputs
from support.paths import SEED_FILES, SEEDS

from newskg.api import BuildOptions, build
from newskg.building import extraction, run
from core.errors import InputError

pytestmark = pytest.mark.dask


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1", scheduler_port=0, silence_logs=40) as c:
        yield c


def test_dask_cluster_gives_the_same_bytes(tmp_path, seeds_out, cluster, monkeypatch):
    monkeypatch.setattr(run, "CHUNK", 1)  # three tasks for two workers
    result = build([str(p) for p in reversed(SEED_FILES)], tmp_path / "out",
                   BuildOptions(executor="dask", scheduler=cluster.scheduler_address))
    assert result.extracted == 3
    with distributed_client(cluster) as client:
        workers_that_worked = client.run(lambda: sorted(extraction._PIPELINES))
    assert sum(1 for models in workers_that_worked.values() if models) == 2  # both took tasks
    assert outputs(tmp_path / "out") == outputs(seeds_out)


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(InputError, match=f"--scheduler tcp://127.0.0.1:{port}: cannot reach a Dask scheduler"):
        build([str(SEEDS)], tmp_path / "out", BuildOptions(executor="dask", scheduler=f"tcp://127.0.0.1:{port}"))
    assert not (tmp_path / "out").exists()


def distributed_client(cluster):
    from distributed import Client

    return Client(cluster.scheduler_address, set_as_default=False)
