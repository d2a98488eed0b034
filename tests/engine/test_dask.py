"""The Dask engine on a LocalCluster: the same tables as one process, although a worker dies mid-partition."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.engine import analyze_parallel
from lagebild.store import Store

from .conftest import tables
from .plugins import KillOnce

distributed = pytest.importorskip("distributed")


def test_a_dask_cluster_stores_what_one_process_stores_although_a_worker_dies(corpus, reference, tmp_path):
    marker = tmp_path / "killed"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        client.register_plugin(KillOnce(str(marker)), name=KillOnce.name)
        db = tmp_path / "dask.duckdb"
        with Store.open(db, write=True) as store:
            summary = analyze_parallel([corpus], store, engine="dask", scheduler=cluster.scheduler_address,
                                       batch_size=8, shard_dir=tmp_path / "shards")
    assert marker.exists(), "no worker was killed"
    killed_pid = int(marker.read_text().split()[0])
    assert summary.failed_partitions == [] and (summary.stored, summary.batches, summary.workers) == (52, 7, 2)
    # the partition that died with its worker ran again on another (or the restarted) worker process
    assert all(not w.endswith(f":{killed_pid}") for w in summary.worker_peak_rss_mb)
    assert summary.rejected_files == [(str(corpus / "kaputt.txt"), "binary file, not text")]
    assert tables(db) == reference
    assert not Path(tmp_path / "shards").exists()
