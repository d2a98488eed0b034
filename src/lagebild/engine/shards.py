"""Parquet shards: the rows of one partition, written by a worker, loaded by the driver in one transaction.

A shard is a folder `<shards>/<partition key>/` with one Parquet file per table that has rows
(`articles.parquet`, `mentions.parquet`, …) and `COMPLETE` (JSON counts). It is written under a temporary name
and renamed when complete, so a folder with that name is always whole; a worker that dies mid-write leaves only
a `*.tmp-*` folder behind."""

from __future__ import annotations

import json
import os
import shutil
import socket
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..records import ArticleRow, Event, Mention, Quote, SegmentRow, SentenceRow, Statement
from ..store import Batch, Store
from ..store.store import _arrow, _date_start

# the tables of a shard, in the order they are written and loaded
TABLES: dict[str, type] = {
    "articles": ArticleRow, "segments": SegmentRow, "sentences": SentenceRow, "mentions": Mention,
    "quotes": Quote, "events": Event, "statements": Statement,
}
COMPLETE = "COMPLETE"


@dataclass
class ShardInfo:
    """What a worker reports for a finished partition (also stored in the shard's COMPLETE file)."""

    key: str
    path: str
    articles: int
    tokens: int
    quotes: int
    mentions: int
    seconds: float
    worker: str
    peak_rss_mb: float
    cpu_seconds: float = 0.0  # CPU time of the NLP (wall `seconds` includes waiting for a busy core)
    pipeline_loads: int = 1  # pipelines the worker process had loaded by the end of this partition


def is_complete(path: Path) -> bool:
    return (path / COMPLETE).is_file()


def read_info(path: Path) -> ShardInfo:
    return ShardInfo(**json.loads((path / COMPLETE).read_text(encoding="utf-8")))


def write_shard(batch: Batch, path: Path, info: ShardInfo) -> ShardInfo:
    """Write the batch's rows as a shard at `path` (atomically: a temporary folder renamed at the end)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.tmp-{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    temporary.mkdir()
    try:
        for name, row_type in TABLES.items():
            rows = getattr(batch, name)
            if not rows:
                continue
            table = _arrow(rows, row_type)
            if name == "articles":
                table = table.append_column("date_start", pa.array([_date_start(r) for r in rows], pa.date32()))
            pq.write_table(table, temporary / f"{name}.parquet")
        (temporary / COMPLETE).write_text(json.dumps(asdict(info)), encoding="utf-8")
        try:
            temporary.rename(path)
        except OSError:
            if not is_complete(path):  # not a finished copy from an earlier attempt of the same partition
                raise
            shutil.rmtree(temporary, ignore_errors=True)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return info


def load_shard(store: Store, run_id: int, path: Path, meta: dict[str, object], rejections: list) -> None:
    """Insert the shard's rows, the partition's rejections and its `partitions` row in one transaction."""
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        for name in TABLES:
            file = path / f"{name}.parquet"
            if not file.exists():
                continue
            if name == "articles":
                con.execute("INSERT INTO articles BY NAME SELECT *, CAST(? AS INTEGER) AS run_id FROM read_parquet(?)",
                            [run_id, str(file)])
            else:
                con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM read_parquet(?)", [str(file)])
        _insert_rejections(store, run_id, rejections)
        con.execute(
            "INSERT INTO partitions VALUES (?, ?, ?, ?, ?, ?, ?, ?, current_timestamp)",
            [meta["key"], run_id, meta["first_file"], meta["first_locator"], meta["last_file"], meta["last_locator"],
             meta["n_articles"], meta.get("worker")],
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def write_rejections(store: Store, run_id: int, rejections: list) -> None:
    if rejections:
        store.write_batch(run_id, Batch([], [], [], list(rejections)))


def _insert_rejections(store: Store, run_id: int, rejections: list) -> None:
    for r in rejections:  # as Store.write_batch does
        store.con.execute(
            "INSERT INTO rejections VALUES (?, ?, ?, ?, ?) ON CONFLICT (source_file, locator, reason) "
            "DO UPDATE SET last_run = excluded.last_run",
            [r.source_file, r.locator, r.reason, run_id, run_id],
        )


def remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def clean(root: Path) -> None:
    """Remove what dead workers left half-written, and the folder itself if no shard is left in it (shards that
    were written but not loaded stay for the next run)."""
    if not root.is_dir():
        return
    for path in root.glob("*.tmp-*"):
        remove(path)
    if not any(root.iterdir()):
        root.rmdir()
