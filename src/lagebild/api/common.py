"""Shared pieces of the API: paging, date ranges, errors, JSON-safe values."""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any

from fastapi import HTTPException, Query

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50
MAX_OFFSET = 1_000_000
MAX_QUERY_TEXT = 200

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Page size, at most {MAX_PAGE_SIZE}.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
DateFrom = Annotated[dt.date | None, Query(description="Only items dated on or after this day (YYYY-MM-DD).")]
DateTo = Annotated[dt.date | None, Query(description="Only items dated on or before this day (YYYY-MM-DD).")]
TextQuery = Annotated[str | None, Query(max_length=MAX_QUERY_TEXT, description="Words the text must contain.")]
Code = Annotated[
    str | None,
    Query(pattern=r"^[A-Za-z]{2,8}$", description="ISO 3166 alpha-3 code or organisation code (RUS, USA, EU, NATO)."),
]
Identifier = Annotated[str | None, Query(max_length=200, description="An id as stored.")]


def not_found(what: str, key: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} with id {key!r}")


def check_range(date_from: dt.date | None, date_to: dt.date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise HTTPException(status_code=422, detail=f"date_from {date_from} is after date_to {date_to}")


def clean(value: Any) -> Any:
    """A value JSON can carry: dates as ISO text, NaN as null, nested lists and dicts cleaned."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (bytes, bytearray, memoryview)):
        return None
    return value


def cleaned(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [clean(r) for r in rows]


def article_filters(outlet: str | None, date_from, date_to) -> tuple[list[str], list[Any]]:
    """SQL conditions (on the articles alias `a`) and their parameters for the outlet and date-range filters that
    the article and quote lists share."""
    where: list[str] = []
    params: list[Any] = []
    for condition, value in (("a.outlet = ?", outlet), ("a.date_start >= ?", date_from), ("a.date_start <= ?", date_to)):
        if value:
            where.append(condition)
            params.append(value)
    return where, params


def page(items: list[dict[str, Any]], total: int, limit: int, offset: int, **extra: Any) -> dict[str, Any]:
    return {"items": cleaned(items), "total": int(total), "limit": limit, "offset": offset, **extra}
