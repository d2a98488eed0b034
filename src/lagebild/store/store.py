"""The DuckDB store: one file, typed helpers to write batches and read frames."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from ..records import (
    Actor,
    ArticleRow,
    Event,
    Mention,
    Quote,
    RejectionRow,
    Relation,
    SegmentRow,
    SentenceRow,
    Statement,
    columns,
)
from . import migrations

DEFAULT_DB = "lagebild.duckdb"


class StoreError(Exception):
    """A database that cannot be opened or used; the message says why and what to do."""


@dataclass
class Batch:
    """Rows written together in one transaction."""

    articles: list[ArticleRow]
    segments: list[SegmentRow]
    sentences: list[SentenceRow]
    rejections: list[RejectionRow]
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    @classmethod
    def empty(cls) -> Batch:
        return cls([], [], [], [])

    def __len__(self) -> int:
        return len(self.articles) + len(self.rejections)


class Store:
    """A lagebild database. Open with `lagebild.open(path)` (read-only) or `Store.open(path, write=True)`."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, writable: bool) -> None:
        self.con = con
        self.path = path
        self.writable = writable

    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB, write: bool = False) -> Store:
        path = Path(path)
        if not write and not path.exists():
            raise StoreError(f"no database at {path} (create one with `lagebild analyze PATH --db {path}`)")
        if write and path.parent and not path.parent.exists():
            raise StoreError(f"cannot create {path}: folder {path.parent} does not exist")
        try:
            con = duckdb.connect(str(path), read_only=not write)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreError(f"{path} is in use by another lagebild process (is an analyze running?)") from exc
            raise StoreError(f"cannot open {path}: {exc}") from exc
        except duckdb.Error as exc:
            raise StoreError(f"{path} is not a lagebild database ({exc})") from exc
        store = cls(con, path, write)
        try:
            version = migrations.current_version(con)
            if write:
                migrations.migrate(con)
            elif version < migrations.LATEST:
                raise StoreError(
                    f"{path} has schema version {version}, this lagebild needs {migrations.LATEST}: "
                    f"run `lagebild migrate --db {path}`"
                )
        except StoreError:
            con.close()
            raise
        except (duckdb.Error, RuntimeError) as exc:
            con.close()
            raise StoreError(f"{path}: {exc}") from exc
        return store

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -----------------------------------------------------------------------------

    def frame(self, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
        return self.con.execute(sql, list(params)).df()

    def has_table(self, name: str) -> bool:
        return bool(
            self.con.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
            ).fetchone()[0]
        )

    def articles(self, text: bool = True) -> pd.DataFrame:
        """All stored articles; `text=False` leaves out the text and signature columns."""
        cols = "* EXCLUDE (minhash)" if text else "* EXCLUDE (minhash, text)"
        return self.frame(f"SELECT {cols} FROM articles ORDER BY date_start NULLS LAST, article_id")

    def segments(self) -> pd.DataFrame:
        return self.frame("SELECT * FROM segments ORDER BY article_id, start")

    def sentences(self) -> pd.DataFrame:
        return self.frame("SELECT * FROM sentences ORDER BY article_id, sentence_no")

    def rejections(self) -> pd.DataFrame:
        return self.frame("SELECT * FROM rejections ORDER BY source_file, locator")

    def runs(self) -> pd.DataFrame:
        return self.frame("SELECT * FROM runs ORDER BY run_id")

    def _frame_or_empty(self, table: str, row_type: type) -> pd.DataFrame:
        if self.has_table(table):
            return self.frame(f"SELECT * FROM {table}")
        return pd.DataFrame(columns=columns(row_type))

    def quotes(self) -> pd.DataFrame:
        return self._frame_or_empty("quotes", Quote)

    def mentions(self) -> pd.DataFrame:
        return self._frame_or_empty("mentions", Mention)

    def actors(self) -> pd.DataFrame:
        return self._frame_or_empty("actors", Actor)

    def events(self) -> pd.DataFrame:
        return self._frame_or_empty("events", Event)

    def statements(self) -> pd.DataFrame:
        return self._frame_or_empty("statements", Statement)

    def relations(self) -> pd.DataFrame:
        return self._frame_or_empty("relations", Relation)

    def counts(self) -> dict[str, int]:
        row = self.con.execute(
            "SELECT count(*), count(*) FILTER (duplicate_kind = 'exact'), "
            "count(*) FILTER (duplicate_kind = 'near'), count(*) FILTER (date_flag IS NOT NULL), "
            "count(DISTINCT source_file), coalesce(sum(n_tokens), 0) FROM articles"
        ).fetchone()
        rejected_files = self.con.execute(
            "SELECT count(DISTINCT source_file) FROM rejections WHERE locator = '-'"
        ).fetchone()[0]
        rejected_records = self.con.execute("SELECT count(*) FROM rejections WHERE locator <> '-'").fetchone()[0]
        return {
            "articles": row[0], "exact_duplicates": row[1], "near_duplicates": row[2],
            "flagged_dates": row[3], "source_files": row[4], "tokens": int(row[5]),
            "rejected_files": rejected_files, "rejected_records": rejected_records,
        }

    # -- writing -----------------------------------------------------------------------------

    def known_article_ids(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT article_id FROM articles").fetchall()}

    def duplicate_keys(self) -> Iterator[tuple[str, str, bytes | None]]:
        """`(article_id, content_hash, minhash)` of stored articles that are not exact copies, oldest
        first, for the dedupe index."""
        cursor = self.con.execute(
            "SELECT article_id, content_hash, minhash FROM articles "
            "WHERE duplicate_kind IS DISTINCT FROM 'exact' ORDER BY run_id, rowid"
        )
        while rows := cursor.fetchmany(10_000):
            yield from rows

    def start_run(self, command: str) -> int:
        self._require_writable()
        run_id = self.con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchone()[0]
        self.con.execute(
            "INSERT INTO runs (run_id, started_at, status, command) VALUES (?, current_timestamp, 'running', ?)",
            [run_id, command],
        )
        return run_id

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = current_timestamp, status = ?, n_files = ?, n_read = ?, n_stored = ?, "
            "n_known = ?, n_duplicates = ?, n_rejected = ? WHERE run_id = ?",
            [status, counts.get("files"), counts.get("read"), counts.get("stored"), counts.get("known"),
             counts.get("duplicates"), counts.get("rejected"), run_id],
        )

    def write_batch(self, run_id: int, batch: Batch) -> None:
        """Write one batch in one transaction: after a crash it is there entirely or not at all."""
        self._require_writable()
        self.con.execute("BEGIN TRANSACTION")
        try:
            if batch.articles:
                table = _arrow(batch.articles, ArticleRow)
                table = table.append_column("date_start", pa.array([_date_start(r) for r in batch.articles], pa.date32()))
                table = table.append_column("run_id", pa.array([run_id] * len(batch.articles), pa.int32()))
                self._insert("articles", table)
            if batch.segments:
                self._insert("segments", _arrow(batch.segments, SegmentRow))
            if batch.sentences:
                self._insert("sentences", _arrow(batch.sentences, SentenceRow))
            if batch.mentions:
                self._insert("mentions", _arrow(batch.mentions, Mention))
            if batch.quotes:
                self._insert("quotes", _arrow(batch.quotes, Quote))
            if batch.events:
                self._insert("events", _arrow(batch.events, Event))
            if batch.statements:
                self._insert("statements", _arrow(batch.statements, Statement))
            for r in batch.rejections:
                self.con.execute(
                    "INSERT INTO rejections VALUES (?, ?, ?, ?, ?) ON CONFLICT (source_file, locator, reason) "
                    "DO UPDATE SET last_run = excluded.last_run",
                    [r.source_file, r.locator, r.reason, run_id, run_id],
                )
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def rebuild_actors(self) -> int:
        """Merge all mentions into the actor registry (store/registry.py); returns the number of actors."""
        from .registry import rebuild_actors

        self._require_writable()
        return rebuild_actors(self.con)

    def _insert(self, table: str, data: pa.Table) -> None:
        # DuckDB reads the local Arrow table `data` by name (a replacement scan): no view to clean up
        # when the transaction aborts.
        self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM data")

    def _require_writable(self) -> None:
        if not self.writable:
            raise StoreError(f"{self.path} is open read-only")


def _arrow(rows: Sequence[object], row_type: type) -> pa.Table:
    names = columns(row_type)
    return pa.table({name: [getattr(r, name) for r in rows] for name in names})


def _date_start(row: ArticleRow) -> dt.date | None:
    if not row.date:
        return None
    parts = [int(p) for p in row.date.split("-")]
    try:
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None
