"""The corpus at a glance: sizes, articles per month, top speakers, actors and outlets."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from .common import cleaned
from .db import Cursor
from .deps import cursor

router = APIRouter(prefix="/api", tags=["overview"])


def overview(cur: Cursor, top: int = 10) -> dict[str, Any]:
    counts = cur.row(
        "SELECT count(*) AS articles, count(*) FILTER (duplicate_of IS NOT NULL) AS duplicates, "
        "count(DISTINCT outlet) AS outlets, coalesce(sum(n_tokens), 0)::BIGINT AS tokens, "
        "min(date_start) AS first_date, max(date_start) AS last_date FROM articles"
    )
    for table in ("quotes", "actors", "mentions", "events", "statements"):
        counts[table] = cur.value(f"SELECT count(*) FROM {table}") if cur.has_table(table) else 0
    per_month = [
        {"period": f"{d.year}-{d.month:02d}", "n_articles": n}
        for d, n in cur.con.execute(
            "SELECT date_trunc('month', date_start) AS m, count(*) FROM articles "
            "WHERE date_start IS NOT NULL AND date_precision IN ('month', 'day') GROUP BY m ORDER BY m"
        ).fetchall()
    ]
    outlets = cur.rows(
        "SELECT coalesce(outlet, '(unbekannt)') AS outlet, outlet IS NULL AS unknown, count(*) AS n_articles "
        "FROM articles GROUP BY outlet ORDER BY n_articles DESC, outlet LIMIT ?", [top]
    )
    speakers: list[dict[str, Any]] = []
    if cur.has_table("quotes"):
        speakers = cur.rows(
            "SELECT coalesce(speaker_actor_id, speaker_name) AS key, any_value(speaker_name) AS speaker_name, "
            "any_value(speaker_actor_id) AS actor_id, any_value(speaker_country) AS country, count(*) AS n_quotes "
            "FROM quotes WHERE coalesce(speaker_actor_id, speaker_name) IS NOT NULL GROUP BY key "
            "ORDER BY n_quotes DESC, key LIMIT ?", [top]
        )
    actors: list[dict[str, Any]] = []
    if cur.has_table("actors"):
        actors = cur.rows(
            "SELECT actor_id, name, kind, role, country, n_mentions, n_quotes FROM actors "
            "ORDER BY n_mentions DESC, n_quotes DESC, name LIMIT ?", [top]
        )
    return {"counts": cleaned([counts])[0], "articles_per_month": per_month, "top_outlets": outlets,
            "top_speakers": cleaned(speakers), "top_actors": cleaned(actors)}


@router.get("/overview", summary="Corpus overview")
def api_overview(cur: Annotated[Cursor, Depends(cursor)]) -> dict[str, Any]:
    """Counts (articles, duplicates, outlets, tokens, quotes, actors, events …), articles per month, and the
    ten largest outlets, most quoted speakers and most mentioned actors."""
    return overview(cur)
