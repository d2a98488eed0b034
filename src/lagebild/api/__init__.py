"""The read-only HTTP API (FastAPI) over a lagebild database, and the search index it uses.

`create_app(db_path)` builds the app (JSON API under `/api`, pages from `lagebild.web`); `lagebild serve`
runs it with uvicorn. `build_search_index(store)` (re)builds the full-text index after `analyze`.
"""

from __future__ import annotations

from .search_index import build_search_index


def create_app(db_path):
    """The FastAPI app over the database at `db_path`; see `lagebild.api.app.create_app`."""
    from .app import create_app as _create_app

    return _create_app(db_path)


__all__ = ["build_search_index", "create_app"]
