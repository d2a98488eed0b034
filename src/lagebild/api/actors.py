"""Actors: the registry of people, organisations and states, and what each one says about whom."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query

from .common import Code, Limit, Offset, TextQuery, clean, cleaned, not_found, page
from .db import Cursor, like_pattern
from .deps import cursor

router = APIRouter(prefix="/api/actors", tags=["actors"])

ActorSort = Literal["quotes", "mentions", "name"]
_ORDER = {
    "quotes": "n_quotes DESC, n_mentions DESC, name, actor_id",
    "mentions": "n_mentions DESC, n_quotes DESC, name, actor_id",
    "name": "name, actor_id",
}


def list_actors(
    cur: Cursor, q: str | None = None, country: str | None = None, kind: str | None = None,
    sort: str = "quotes", limit: int = 50, offset: int = 0,
) -> dict[str, Any]:
    if not cur.has_table("actors"):
        return page([], 0, limit, offset)
    where, params = ["TRUE"], []
    if q:
        where.append("(name ILIKE ? ESCAPE '\\' OR list_contains(aliases, ?) OR actor_id = ?)")
        params += [like_pattern(q), q, q]
    if country:
        where.append("country = ?")
        params.append(country.upper())
    if kind:
        where.append("kind = ?")
        params.append(kind)
    condition = " AND ".join(where)
    total = cur.value(f"SELECT count(*) FROM actors WHERE {condition}", params)
    items = cur.rows(
        f"SELECT * FROM actors WHERE {condition} ORDER BY {_ORDER[sort]} LIMIT ? OFFSET ?", [*params, limit, offset]
    )
    return page(items, total, limit, offset)


def get_actor(cur: Cursor, actor_id: str, by: str = "month") -> dict[str, Any] | None:
    """The actor, its statements per period, whom its quotes address or mention, and events it is party to."""
    if not cur.has_table("actors"):
        return None
    actor = cur.row("SELECT * FROM actors WHERE actor_id = ?", [actor_id])
    if actor is None:
        return None
    actor["statements_over_time"] = []
    actor["talks_about"] = []
    actor["events"] = {"as_source": 0, "as_target": 0}
    if cur.has_table("quotes"):
        unit = {"month": "month", "quarter": "quarter", "year": "year"}[by]
        actor["statements_over_time"] = [
            {"period": _period(start, unit), "n_quotes": n, "tone": tone}
            for start, n, tone in cur.con.execute(
                f"SELECT date_trunc('{unit}', a.date_start) AS p, count(*), avg(q.tone) FROM quotes q "
                "JOIN articles a ON a.article_id = q.article_id "
                "WHERE q.speaker_actor_id = ? AND a.date_start IS NOT NULL GROUP BY p ORDER BY p",
                [actor_id],
            ).fetchall()
        ]
        actor["talks_about"] = talks_about(cur, actor_id)
    if cur.has_table("events"):
        row = cur.con.execute(
            "SELECT count(*) FILTER (source_actor_id = ?), count(*) FILTER (target_actor_id = ?) FROM events",
            [actor_id, actor_id],
        ).fetchone()
        actor["events"] = {"as_source": row[0], "as_target": row[1]}
    return clean(actor)


def talks_about(cur: Cursor, actor_id: str, limit: int = 25) -> list[dict[str, Any]]:
    """Whom the actor's quotes address or mention, with how many quotes do so: addressees of the quotes
    and actors (or states) mentioned inside the quoted words."""
    parts = [
        "SELECT q.quote_id, coalesce(q.addressee_actor_id, q.addressee_country) AS key, "
        "coalesce(q.addressee_name, q.addressee_country, q.addressee_text) AS name, q.addressee_country AS country, "
        "q.addressee_actor_id AS actor_id FROM quotes q WHERE q.speaker_actor_id = ? "
        "AND coalesce(q.addressee_actor_id, q.addressee_country, q.addressee_name) IS NOT NULL"
    ]
    params: list[Any] = [actor_id]
    if cur.has_table("mentions"):
        parts.append(
            "SELECT q.quote_id, coalesce(m.actor_id, m.country, m.name) AS key, coalesce(m.name, m.text) AS name, "
            "m.country, m.actor_id FROM quotes q JOIN mentions m ON m.article_id = q.article_id "
            'AND m.start >= q.start AND m."end" <= q."end" '
            "WHERE q.speaker_actor_id = ? AND m.label NOT IN ('PRON') "
            "AND coalesce(m.actor_id, m.country, m.name) IS NOT NULL AND m.actor_id IS DISTINCT FROM ?"
        )
        params += [actor_id, actor_id]
    union = " UNION ".join(parts)
    rows = cur.rows(
        f"SELECT key, any_value(name) AS name, any_value(country) AS country, any_value(actor_id) AS actor_id, "
        f"count(DISTINCT quote_id) AS n_quotes FROM ({union}) GROUP BY key ORDER BY n_quotes DESC, key LIMIT ?",
        [*params, limit],
    )
    return cleaned(rows)


def _period(start, unit: str) -> str | None:
    if start is None:
        return None
    if unit == "year":
        return f"{start.year}"
    if unit == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return f"{start.year}-{start.month:02d}"


@router.get("", summary="List actors")
def api_list_actors(
    cur: Annotated[Cursor, Depends(cursor)],
    q: TextQuery = None,
    country: Code = None,
    kind: Annotated[str | None, Query(max_length=40, description="person, organisation, state, igo …")] = None,
    sort: Annotated[ActorSort, Query(description="Order by number of quotes, mentions, or name.")] = "quotes",
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Actors with their role, country, aliases and counts. `q` matches the name (substring), an alias
    (exactly) or an actor id."""
    return list_actors(cur, q, country, kind, sort, limit, offset)


@router.get("/{actor_id}", summary="One actor")
def api_get_actor(
    actor_id: Annotated[str, Path(max_length=200)],
    cur: Annotated[Cursor, Depends(cursor)],
    by: Annotated[Literal["month", "quarter", "year"], Query(description="Period of the statement counts.")] = "month",
) -> dict[str, Any]:
    """The actor with `statements_over_time` (quotes and mean tone per period), `talks_about` (addressees
    of its quotes and actors mentioned in them) and its number of events as source and target."""
    actor = get_actor(cur, actor_id, by)
    if actor is None:
        raise not_found("actor", actor_id)
    return actor
