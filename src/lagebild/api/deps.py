"""FastAPI dependencies: the request's database cursor."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request

from .db import Cursor


def cursor(request: Request) -> Iterator[Cursor]:
    """A cursor for this request, closed when the response is done."""
    cur = request.app.state.db.cursor()
    try:
        yield cur
    finally:
        cur.close()
