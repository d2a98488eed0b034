"""Events: who does or intends what towards whom (PLOVER categories), with their sentence."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query

from .common import DateFrom, DateTo, Identifier, Limit, Offset, TextQuery, check_range, page
from .db import Cursor, like_pattern
from .deps import cursor

router = APIRouter(prefix="/api/events", tags=["events"])

CATEGORIES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
              "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
Category = Literal[CATEGORIES]  # type: ignore[valid-type]
Mode = Literal["actual", "intended", "negated"]
EventSort = Literal["date", "-date", "score", "-score", "category"]
_ORDER = {
    "date": "d ASC NULLS LAST", "-date": "d DESC NULLS LAST", "score": "e.score ASC NULLS LAST",
    "-score": "e.score DESC NULLS LAST", "category": "e.category",
}


def list_events(
    cur: Cursor, source: str | None = None, target: str | None = None, category: str | None = None,
    mode: str | None = None, article_id: str | None = None, date_from=None, date_to=None, q: str | None = None,
    sort: str = "-date", limit: int = 50, offset: int = 0,
) -> dict[str, Any]:
    if not cur.has_table("events"):
        return page([], 0, limit, offset)
    where, params = ["TRUE"], []
    for side, value in (("source", source), ("target", target)):
        if value:
            where.append(f"(e.{side}_actor_id = ? OR e.{side}_country = ?)")
            params += [value, value.upper()]
    if category:
        where.append("e.category = ?")
        params.append(category)
    if mode:
        where.append("e.mode = ?")
        params.append(mode)
    if article_id:
        where.append("e.article_id = ?")
        params.append(article_id)
    # a date at its precision is in range when its period overlaps the range
    if date_from:
        where.append("d >= left(?, length(d))")
        params.append(date_from.isoformat())
    if date_to:
        where.append("d <= left(?, length(d))")
        params.append(date_to.isoformat())
    if q:
        where.append("e.text ILIKE ? ESCAPE '\\'")
        params.append(like_pattern(q))
    condition = " AND ".join(where)
    source_sql = ("(SELECT e.*, coalesce(e.date, a.date) AS d, a.title, a.outlet, a.date AS article_date "
                  "FROM events e JOIN articles a ON a.article_id = e.article_id) e")
    total = cur.value(f"SELECT count(*) FROM {source_sql} WHERE {condition}", params)
    items = cur.rows(
        f"SELECT e.* EXCLUDE (d) FROM {source_sql} WHERE {condition} "
        f"ORDER BY {_ORDER[sort]}, e.article_id, e.start, e.event_id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return page(items, total, limit, offset)


@router.get("", summary="List events")
def api_list_events(
    cur: Annotated[Cursor, Depends(cursor)],
    source: Annotated[Identifier, Query(description="Source `actor_id` or country code.")] = None,
    target: Annotated[Identifier, Query(description="Target `actor_id` or country code.")] = None,
    category: Annotated[Category | None, Query(description="PLOVER category.")] = None,
    mode: Annotated[Mode | None, Query(description="actual, intended or negated.")] = None,
    article_id: Annotated[Identifier, Query(description="Only events of this article.")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    q: TextQuery = None,
    sort: Annotated[EventSort, Query(description="Order; `-` for descending.")] = "-date",
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Events with their sentence, trigger, source and target, date (the event's own where it was resolved,
    else the article's), score and article. A date range keeps events whose date overlaps it."""
    check_range(date_from, date_to)
    return list_events(cur, source, target, category, mode, article_id, date_from, date_to, q, sort, limit, offset)
