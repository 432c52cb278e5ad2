"""The build on a real Dask cluster (a LocalCluster of two worker processes):
extraction and the graph stage run in the workers' tasks, and the output is
the very bytes of a local build with one worker and with two (the seeds: it
loads the model)."""
from __future__ import annotations

import pytest
from support.builds import outputs
from support.paths import SEED_FILES, SEEDS

from newskg.api import BuildOptions, build
from newskg.building import extraction, graph_stage, run
from core.errors import InputError

pytestmark = pytest.mark.dask


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1", scheduler_port=0, silence_logs=40) as c:
        yield c


def test_dask_cluster_gives_the_same_bytes(tmp_path, seeds_out, cluster, monkeypatch):
    from distributed import get_task_stream

    monkeypatch.setattr(run, "CHUNK", 1)  # three extraction tasks for two workers
    monkeypatch.setattr(graph_stage, "GRAPH_CHUNK", 1)  # three tasks of mentions, three of articles' triples
    monkeypatch.setattr(graph_stage, "ENTITY_CHUNK", 8)  # and several of entities' triples
    with distributed_client(cluster) as client, get_task_stream(client) as stream:
        result = build([str(p) for p in reversed(SEED_FILES)], tmp_path / "out",
                       BuildOptions(executor="dask", scheduler=cluster.scheduler_address))
        workers_that_worked = client.run(lambda: sorted(extraction._PIPELINES))
    assert result.extracted == 3
    assert sum(1 for models in workers_that_worked.values() if models) == 2  # both took tasks
    entities = sum(n for kind, n in result.counts.items() if kind not in ("facts", "statements", "claims", "articles"))
    entity_tasks = -(-entities // 8)
    ran = [(t["key"], t["worker"]) for t in stream.data]
    graph_tasks = [(key, worker) for key, worker in ran if key.startswith("graph_part-")]
    assert len(graph_tasks) == 3 + entity_tasks + 3  # the graph stage ran as tasks (mentions, entities,
    # articles' triples) ...
    assert {worker for _, worker in graph_tasks} == set(workers_that_worked)  # ... on both workers
    assert outputs(tmp_path / "out") == outputs(seeds_out)  # the bytes of --workers 1


def test_a_local_pool_of_two_gives_the_same_bytes(tmp_path, seeds_out, monkeypatch):
    monkeypatch.setattr(run, "CHUNK", 1)
    monkeypatch.setattr(graph_stage, "GRAPH_CHUNK", 1)
    build([str(p) for p in reversed(SEED_FILES)], tmp_path / "out", BuildOptions(workers=2))
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
