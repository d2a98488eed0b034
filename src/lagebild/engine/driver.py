"""The driver of a parallel `analyze`: read and prepare in input order, run the NLP of each partition on a worker,
load the shards in order, then merge actors once.

Reading, boilerplate and duplicate linking (`prepare`) stay on the driver, in input order, as in a single-process
run: duplicate detection needs every earlier article, and this way article ids, duplicate links and every id
derived from them are exactly those of `lagebild.analyze.analyze`. Only the NLP and the row building (the
expensive part, ~50× the cost of `prepare`) are distributed. A partition is `batch_size` consecutive new articles
(plus the rejections read before them); its key hashes their ids, content hashes and duplicate links.

Shards are loaded in partition order, one transaction each (rows + rejections + its `partitions` row), so the
store's row order is that of a single-process run and an interrupted run leaves a prefix: started again, the
loaded articles are known and skipped, the remaining partitions come out with the same keys, and a shard that was
written but not loaded is loaded without running the NLP again."""

from __future__ import annotations

import hashlib
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..analyze import DEFAULT_BATCH_SIZE, Prepared, Summary, count_prepared, prepare, read_batches
from ..nlp.event_records import link_actors
from ..records import RejectionRow
from ..sources import FieldMap
from ..sources.dedupe import DEFAULT_NEAR_THRESHOLD, DuplicateIndex
from ..store import Store
from . import shards
from .executors import DaskExecutor, LocalExecutor, PartitionFailed, WorkerLost, available_cores
from .worker import Task, run_partition

log = logging.getLogger("lagebild")

ENGINES = ("local", "dask")
MAX_ATTEMPTS = 3  # a partition whose local worker died this often fails (Dask: distributed.scheduler.allowed-failures)


@dataclass
class EngineSummary(Summary):
    """A `Summary` with what the engine did."""

    engine: str = "local"
    workers: int = 1
    reused_shards: int = 0
    failed_partitions: list[tuple[str, str]] = field(default_factory=list)  # (articles it held, reason)
    worker_peak_rss_mb: dict[str, float] = field(default_factory=dict)  # host:pid → MB
    worker_pipeline_loads: dict[str, int] = field(default_factory=dict)  # host:pid → pipelines loaded
    worker_seconds: float = 0.0  # NLP wall time summed over partitions
    worker_cpu_seconds: float = 0.0  # NLP CPU time summed over partitions


@dataclass
class _Partition:
    key: str
    prepared: list[Prepared]
    rejections: list[RejectionRow]
    attempts: int = 0
    future: object = None
    info: shards.ShardInfo | None = None  # known without running (a complete shard from an earlier run)

    def meta(self) -> dict[str, object]:
        first, last = self.prepared[0].row, self.prepared[-1].row
        return {"key": self.key, "first_file": first.source_file, "first_locator": first.locator,
                "last_file": last.source_file, "last_locator": last.locator, "n_articles": len(self.prepared)}

    def describe(self) -> str:
        m = self.meta()
        where = f"{m['first_file']} ({m['first_locator']})"
        if (m["last_file"], m["last_locator"]) != (m["first_file"], m["first_locator"]):
            where += f" … {m['last_file']} ({m['last_locator']})"
        return f"{m['n_articles']} articles {where}"


def partition_key(prepared: list[Prepared]) -> str:
    digest = hashlib.sha1(f"lagebild {__version__}".encode())
    for p in prepared:
        digest.update(f"\n{p.row.article_id}\t{p.row.content_hash}\t{p.row.duplicate_of or ''}".encode())
    return digest.hexdigest()


def default_shards(store: Store) -> Path:
    return Path(f"{store.path}.shards")


def analyze_parallel(
    paths: Iterable[Path],
    store: Store,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    fields: FieldMap = FieldMap(),
    near_threshold: float = DEFAULT_NEAR_THRESHOLD,
    batch_size: int = DEFAULT_BATCH_SIZE,
    command: str = "analyze",
    shard_dir: Path | None = None,
    models: Path | None = None,
    on_file: Callable[[Path, Summary], None] | None = None,
    on_batch: Callable[[Summary], None] | None = None,
    on_load: Callable[[EngineSummary, object], None] | None = None,
) -> EngineSummary:
    """Analyse files into the store like `lagebild.analyze.analyze`, with the NLP on `workers` processes
    (`engine="local"`, default all cores) or on a Dask cluster (`engine="dask"`: the scheduler at `scheduler`,
    or a LocalCluster of `workers` processes). Shards go to `shard_dir` (default `<db>.shards/`; on a cluster it
    must be a folder the workers and the driver share) and are deleted once loaded.

    With the local engine, an input of a single partition runs in this process (no pool to start).
    `on_load(summary, executor)` is called after each loaded shard (tests use it to kill a worker)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    started = time.perf_counter()
    workers = workers or (None if engine == "dask" and scheduler else available_cores())
    summary = EngineSummary(db=str(store.path), engine=engine, workers=workers or 0)
    root = Path(shard_dir) if shard_dir else default_shards(store)
    model_dir = str(models) if models else None
    index = DuplicateIndex(near_threshold)
    index.load(store.duplicate_keys())
    known = store.known_article_ids()
    run_id = store.start_run(command)
    leftover: list[RejectionRow] = []  # rejections after the last article, stored with no partition
    queue: deque[_Partition] = deque()  # formed, in input order; the first `window` are submitted
    executor: LocalExecutor | DaskExecutor | None = None

    def start() -> LocalExecutor | DaskExecutor:
        nonlocal executor
        if executor is None:
            executor = DaskExecutor(workers, scheduler, model_dir) if engine == "dask" \
                else LocalExecutor(workers or 1, model_dir)
            summary.workers = executor.workers
        return executor

    def task(part: _Partition) -> Task:
        return Task(part.key, part.prepared, str(root / part.key), model_dir)

    def submit(part: _Partition) -> None:
        path = root / part.key
        if shards.is_complete(path):
            part.info = shards.read_info(path)
            summary.reused_shards += 1
        else:
            part.future = start().submit(task(part))

    def form(articles: list, rejections: list[RejectionRow]) -> None:
        if not articles:
            leftover.extend(rejections)
            return
        prepared = prepare(articles, index)
        count_prepared(summary, prepared)
        queue.append(_Partition(partition_key(prepared), prepared, rejections))

    def window() -> int:
        return 2 * max(1, summary.workers or 1) + 2

    def pump(final: bool) -> None:
        """Submit what the window allows and load finished partitions from the head, in order."""
        if engine == "local" and executor is None and not final and len(queue) == 1:
            return  # hold the first partition back: if it is the only one, it runs here without a pool
        if engine == "local" and executor is None and final and len(queue) == 1 and queue[0].future is None \
                and queue[0].info is None and not shards.is_complete(root / queue[0].key):
            try:
                queue[0].info = run_partition(task(queue[0]))  # one partition: no pool
            except Exception as exc:  # as a worker's error: the partition fails alone
                _failed(queue[0], f"{type(exc).__name__}: {exc}")
        while queue:
            for part in list(queue)[:window()]:
                if part.future is None and part.info is None:
                    submit(part)
            if not final and len(queue) < window():
                return
            load_head()

    def load_head() -> None:
        part = queue[0]
        try:
            info = part.info or executor.result(part.future)
        except WorkerLost:
            executor.restart()
            for other in list(queue):
                if other.future is not None and not executor.finished(other.future):
                    other.attempts += 1
                    other.future = None
            if part.attempts >= MAX_ATTEMPTS:
                _failed(part, f"its worker died {part.attempts} times")
            return  # pump resubmits
        except PartitionFailed as exc:
            _failed(part, str(exc))
            return
        if not shards.is_complete(Path(info.path)):
            raise RuntimeError(f"the shard {info.path} that {info.worker} wrote is not visible here: --shards must be a "
                               "folder that the workers and this machine share, under the same path")
        shards.load_shard(store, run_id, Path(info.path), {**part.meta(), "worker": info.worker}, part.rejections)
        shards.remove(Path(info.path))
        queue.popleft()
        summary.batches += 1
        summary.stored += info.articles
        summary.tokens += info.tokens
        summary.quotes += info.quotes
        summary.mentions += info.mentions
        summary.worker_seconds += info.seconds
        summary.worker_cpu_seconds += info.cpu_seconds
        summary.worker_peak_rss_mb[info.worker] = max(summary.worker_peak_rss_mb.get(info.worker, 0.0),
                                                      info.peak_rss_mb)
        summary.worker_pipeline_loads[info.worker] = max(summary.worker_pipeline_loads.get(info.worker, 0),
                                                         info.pipeline_loads)
        log.info("committed batch %d (%d articles, %d rejections)", summary.batches, info.articles,
                 len(part.rejections))
        if on_batch:
            on_batch(summary)
        if on_load:
            on_load(summary, executor)

    def _failed(part: _Partition, reason: str) -> None:
        queue.popleft()
        log.error("partition of %s failed: %s", part.describe(), reason)
        summary.failed_partitions.append((part.describe(), reason))
        shards.write_rejections(store, run_id, part.rejections)

    status = "failed"
    threads = store.con.execute("SELECT current_setting('threads')").fetchone()[0]
    try:
        store.con.execute("SET threads TO 1")  # loading a shard is quick; the cores are the workers'
        for articles, rejections in read_batches(paths, fields, summary, known, batch_size, on_file):
            form(articles, rejections)
            if len(articles) >= batch_size:
                pump(final=False)
        pump(final=True)
        store.con.execute(f"SET threads TO {int(threads)}")  # the workers are done: the registry has the cores
        shards.write_rejections(store, run_id, leftover)
        if summary.mentions or _previous_run_unfinished(store, run_id):
            # actors merge across all stored articles (all shards), so the registry is rebuilt once, after loading
            summary.actors = store.rebuild_actors()
            link_actors(store.con)
        status = "finished"
    finally:
        store.con.execute(f"SET threads TO {int(threads)}")
        if executor is not None:
            executor.close()
        shards.clean(root)
        summary.seconds = time.perf_counter() - started
        store.finish_run(run_id, status, summary.counts())
    return summary


def _previous_run_unfinished(store: Store, run_id: int) -> bool:
    """The run before stopped early: it may have loaded shards without rebuilding the registry after them."""
    row = store.con.execute("SELECT status FROM runs WHERE run_id < ? ORDER BY run_id DESC LIMIT 1",
                            [run_id]).fetchone()
    return row is not None and row[0] != "finished"
