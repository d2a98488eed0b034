"""Read-only access to a lagebild database for the web app: one connection, a cursor per request."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb

from ..store import Store


class Database:
    """The database the app serves, opened read-only once; every request works on its own cursor
    (`duckdb` cursors are independent connections to the same database and safe to use from one
    thread each)."""

    def __init__(self, path: str | Path) -> None:
        self.store = Store.open(path, write=False)  # raises StoreError with a clear message
        self.path = Path(path)
        self._lock = threading.Lock()
        self._tables: set[str] | None = None
        self._columns: dict[str, set[str]] = {}
        self._memo: OrderedDict[tuple, Any] = OrderedDict()

    def memo(self, key: tuple, compute: Callable[[], Any], size: int = 256) -> Any:
        """`compute()` once per key: the database is open read-only, so an answer cannot change while
        the app runs. Keeps the `size` most recently used answers."""
        with self._lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
        value = compute()
        with self._lock:
            self._memo[key] = value
            while len(self._memo) > size:
                self._memo.popitem(last=False)
        return value

    def close(self) -> None:
        self.store.close()

    def cursor(self) -> Cursor:
        with self._lock:  # creating cursors on one connection from several threads at once is not safe
            con = self.store.con.cursor()
        return Cursor(con, self)

    def _load_schema(self, con: duckdb.DuckDBPyConnection) -> None:
        rows = con.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'"
        ).fetchall()
        columns: dict[str, set[str]] = {}
        for table, column in rows:
            columns.setdefault(table, set()).add(column)
        self._columns = columns
        self._tables = set(columns)


class Cursor:
    """One request's view of the database: small helpers over a DuckDB cursor, all with bound parameters."""

    def __init__(self, con: duckdb.DuckDBPyConnection, db: Database) -> None:
        self.con = con
        self.db = db
        if db._tables is None:
            db._load_schema(con)

    def close(self) -> None:
        self.con.close()

    def has_table(self, name: str) -> bool:
        return name in (self.db._tables or set())

    def has_column(self, table: str, column: str) -> bool:
        return column in self.db._columns.get(table, set())

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def row(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.con.execute(sql, list(params)).fetchone()
        return row[0] if row else None

    def store(self) -> Store:
        """A `Store` over this cursor, for library functions that take one (e.g. the dyad series)."""
        return Store(self.con, self.db.path, writable=False)


def iter_cursor(db: Database) -> Iterator[Cursor]:
    cur = db.cursor()
    try:
        yield cur
    finally:
        cur.close()


def like_pattern(text: str) -> str:
    """`%text%` for ILIKE with the wildcards in `text` escaped (used with `ESCAPE '\\'`)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
