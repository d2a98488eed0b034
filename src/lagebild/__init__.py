"""lagebild: who said what to whom, when — from German news articles."""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"


def open(path: str | Path = "lagebild.duckdb"):  # noqa: A001 - the package's front door, like sqlite3.connect
    """Open a lagebild database read-only; its methods return pandas DataFrames.

    >>> import lagebild
    >>> db = lagebild.open("lagebild.duckdb")
    >>> db.articles().head()
    """
    from .store import Store

    return Store.open(path, write=False)
