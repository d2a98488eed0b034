"""What runs on a worker: the NLP and row building of one prepared partition, written as a Parquet shard.

The pipeline is loaded once per process (per thread, if a Dask worker runs several threads: spaCy pipelines are
not shared between threads) and kept for later partitions, until the process's memory passes
`nlp.ops.RECYCLE_RSS_MB` (`LAGEBILD_RECYCLE_MB`)."""

from __future__ import annotations

import logging
import os
import resource
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..analyze import Prepared, _run_pipeline
from ..nlp import ops
from ..nlp.ops import release_freed_memory, resident_mb
from .shards import ShardInfo, is_complete, read_info, write_shard

_local = threading.local()
log = logging.getLogger(__name__)

# docs per nlp.pipe batch on a worker: 16 long FANG-COVID articles peak at ~1.0 GB RSS, 64 at ~1.8 GB, with the same
# rows (the pipeline's results do not depend on the batch) and no loss of speed
PIPE_BATCH_SIZE = 16

_count_lock = threading.Lock()
_loads = 0  # pipelines this process has loaded
_live = 0  # pipelines this process holds (one per thread that ran a partition)


@dataclass
class Task:
    """One partition to analyse: boilerplate found and duplicates linked on the driver, in input order."""

    key: str
    prepared: list[Prepared]
    shard: str  # folder the shard is written to (shared between the driver and the workers)
    models: str | None = None  # model folder; None = the package's


def pipeline(models: str | None = None):
    """The pipeline of this process/thread, loaded at the first call (and after `recycle`)."""
    global _loads, _live
    cache = getattr(_local, "pipelines", None)
    if cache is None:
        cache = _local.pipelines = {}
    if models not in cache:
        from ..nlp import load_pipeline
        from ..nlp.pipeline import MODELS

        cache[models] = load_pipeline(Path(models) if models else MODELS)
        with _count_lock:
            _loads += 1
            _live += 1
    return cache[models]


def warm(models: str | None = None, parent: int | None = None) -> None:
    """Pool initializer: load the pipeline before the first partition arrives. With `parent` (the driver's pid),
    the process exits when the driver is gone (killed drivers would otherwise leave their pool behind)."""
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    if parent is not None:
        threading.Thread(target=_exit_without, args=(parent,), daemon=True, name="lagebild-parent-watch").start()
    pipeline(models)


def _exit_without(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def run_partition(task: Task) -> ShardInfo:
    """Run the pipeline on the partition's texts and write its rows as a shard; returns what was written."""
    path = Path(task.shard)
    if is_complete(path):  # an earlier attempt finished it (its worker died before reporting)
        return read_info(path)
    started, cpu = time.perf_counter(), time.process_time()  # a pipeline loaded anew counts towards the partition
    nlp = pipeline(task.models)
    batch = _run_pipeline(nlp, task.prepared, PIPE_BATCH_SIZE)
    info = ShardInfo(
        key=task.key, path=str(path), articles=len(batch.articles),
        tokens=sum(r.n_tokens or 0 for r in batch.articles), quotes=len(batch.quotes), mentions=len(batch.mentions),
        seconds=time.perf_counter() - started, worker=f"{socket.gethostname()}:{os.getpid()}",
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, cpu_seconds=time.process_time() - cpu,
        pipeline_loads=_loads,
    )
    written = write_shard(batch, path, info)
    del batch
    release_freed_memory()
    if resident_mb() > ops.RECYCLE_RSS_MB * max(1, _live):
        recycle(task.models)
    return written


def recycle(models: str | None = None) -> None:
    """Drop this thread's pipeline and the caches by word form, so that the next partition starts from a newly
    loaded pipeline (same results: the caches are memoisation only)."""
    from ..nlp.pipeline import release_dropped_pipeline

    global _live
    if getattr(_local, "pipelines", {}).pop(models, None) is not None:
        with _count_lock:
            _live -= 1
    release_dropped_pipeline()
    log.info("pipeline dropped at %.0f MB resident; the next partition loads it anew", resident_mb())

