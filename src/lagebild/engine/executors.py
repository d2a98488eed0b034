"""Where partitions run: a process pool on this machine (`local`) or a Dask cluster (`dask`).

Both load the pipeline once per worker process and run `worker.run_partition`. A worker that dies makes its
partition run again: Dask's scheduler does that by itself (up to `distributed.scheduler.allowed-failures`
times); a broken process pool is replaced by the driver, which resubmits what was lost (`WorkerLost`)."""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .shards import ShardInfo
from .worker import Task, run_partition, warm

log = logging.getLogger("lagebild")


class WorkerLost(Exception):
    """A local worker process died; every unfinished partition must be submitted again."""


class PartitionFailed(Exception):
    """The partition itself failed (an error in the pipeline, or it killed its workers too often)."""


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class LocalExecutor:
    """A pool of `workers` processes (spawned, each loads the pipeline once)."""

    name = "local"

    def __init__(self, workers: int, models: str | None = None) -> None:
        self.workers = workers
        self.models = models
        self.pool: ProcessPoolExecutor | None = None

    def _start(self) -> ProcessPoolExecutor:
        if self.pool is None:
            for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
                os.environ.setdefault(name, "1")  # one core per worker process
            self.pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=warm,
                initargs=(self.models, os.getpid()),
            )
        return self.pool

    def submit(self, task: Task) -> Future:
        try:
            return self._start().submit(run_partition, task)
        except BrokenProcessPool as exc:  # broke since the last result was collected
            future: Future = Future()
            future.set_exception(exc)
            return future

    def result(self, future: Future) -> ShardInfo:
        try:
            return future.result()
        except BrokenProcessPool as exc:
            raise WorkerLost(str(exc)) from exc
        except Exception as exc:
            raise PartitionFailed(f"{type(exc).__name__}: {exc}") from exc

    @staticmethod
    def finished(future: Future) -> bool:
        """Done with a result (not lost with a broken pool)."""
        return future.done() and not future.cancelled() and future.exception() is None

    def restart(self) -> None:
        log.warning("a worker process died; starting a new pool and resubmitting its partitions")
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = None

    def processes(self) -> list[int]:
        """Process ids of the pool's workers (for tests and the benchmark)."""
        return list(self.pool._processes) if self.pool is not None and self.pool._processes else []

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


class DaskExecutor:
    """Partitions as Dask tasks: on an existing scheduler (`scheduler` = its address or its scheduler file) or a
    `LocalCluster` of `workers` single-threaded worker processes."""

    name = "dask"

    def __init__(self, workers: int | None, scheduler: str | None = None, models: str | None = None) -> None:
        from dask.distributed import Client, LocalCluster

        from .dask_plugin import PipelinePlugin

        self.cluster = None
        if scheduler and Path(scheduler).is_file():  # a scheduler file (dask scheduler --scheduler-file)
            self.client = Client(scheduler_file=scheduler)
        elif scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=workers or available_cores(), threads_per_worker=1,
                                        processes=True, dashboard_address=None)
            self.client = Client(self.cluster)
        self.client.register_plugin(PipelinePlugin(models), name=PipelinePlugin.name)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self.models = models

    def submit(self, task: Task):
        return self.client.submit(run_partition, task, pure=False, key=f"lagebild-partition-{task.key[:16]}-"
                                  f"{os.urandom(3).hex()}")

    def result(self, future) -> ShardInfo:
        try:
            return future.result()
        except Exception as exc:  # the task's own error, or KilledWorker after too many worker deaths
            raise PartitionFailed(f"{type(exc).__name__}: {exc}") from exc

    @staticmethod
    def finished(future) -> bool:
        return future.status == "finished"

    def restart(self) -> None:  # the scheduler reruns lost tasks itself
        pass

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
