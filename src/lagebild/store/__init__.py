"""Storage: one DuckDB file with versioned migrations, written in per-batch transactions."""

from .store import DEFAULT_DB, Batch, Store, StoreError

__all__ = ["DEFAULT_DB", "Batch", "Store", "StoreError"]
