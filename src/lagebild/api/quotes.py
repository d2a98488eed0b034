"""Quotes: who said what, filterable by speaker, country, type, outlet, date and words."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query

from .common import (
    Code, DateFrom, DateTo, Identifier, Limit, Offset,
    TextQuery, article_filters, check_range, clean, not_found, page,
)
from .db import Cursor, like_pattern
from .deps import cursor

router = APIRouter(prefix="/api/quotes", tags=["quotes"])

QuoteType = Literal["Direct", "Indirect", "Reported", "FreeIndirect", "IndirectFreeIndirect"]
QUOTE_TYPES = list(QuoteType.__args__)
QuoteSort = Literal["date", "-date", "speaker", "-speaker", "type", "-type", "outlet", "-outlet", "tone", "-tone"]
QUOTE_SORTS = list(QuoteSort.__args__)

QUOTE_COLUMNS = (
    'q.quote_id, q.article_id, q.sentence_no, q.start, q."end", q.spans, q.text, q.type, q.medium, q.cue_text, '
    "q.speaker_text, q.speaker_name, q.speaker_role, q.speaker_country, q.speaker_actor_id, "
    "q.addressee_text, q.addressee_name, q.addressee_country, q.addressee_actor_id, q.nested_in, q.tone"
)

_ORDER_KEYS = {
    "date": "a.date_start", "speaker": "coalesce(q.speaker_name, q.speaker_text)", "type": "q.type",
    "outlet": "a.outlet", "tone": "q.tone",
}


def _order(sort: str) -> str:
    key = _ORDER_KEYS[sort.lstrip("-")]
    direction = "DESC" if sort.startswith("-") else "ASC"
    return f"{key} {direction} NULLS LAST, a.date_start, q.article_id, q.start, q.quote_id"


def list_quotes(
    cur: Cursor, speaker: str | None = None, actor: str | None = None, country: str | None = None,
    addressee: str | None = None, type: str | None = None, outlet: str | None = None, date_from=None,
    date_to=None, q: str | None = None, article_id: str | None = None, sort: str = "-date", limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    if not cur.has_table("quotes"):
        return page([], 0, limit, offset)
    where, params = ["TRUE"], []
    if speaker:
        where.append("(q.speaker_name ILIKE ? ESCAPE '\\' OR q.speaker_text ILIKE ? ESCAPE '\\')")
        params += [like_pattern(speaker)] * 2
    if actor:
        where.append("q.speaker_actor_id = ?")
        params.append(actor)
    if addressee:
        where.append("(q.addressee_actor_id = ? OR q.addressee_country = ?)")
        params += [addressee, addressee.upper()]
    if country:
        where.append("q.speaker_country = ?")
        params.append(country.upper())
    if type:
        where.append("q.type = ?")
        params.append(type)
    shared, shared_params = article_filters(outlet, date_from, date_to)
    where += shared
    params += shared_params
    if q:
        for word in q.split()[:10]:
            where.append("q.text ILIKE ? ESCAPE '\\'")
            params.append(like_pattern(word))
    if article_id:
        where.append("q.article_id = ?")
        params.append(article_id)
    condition = " AND ".join(where)
    source = "quotes q JOIN articles a ON a.article_id = q.article_id"
    # first the page's ids (sorting only narrow columns) and the number of matches; then the page's rows
    counted = source if (outlet or date_from or date_to) else "quotes q"
    if q or speaker:  # text filters are the slow part: one pass finds the page and counts
        found_ids = cur.con.execute(
            f"SELECT q.quote_id, count(*) OVER () FROM {source} WHERE {condition} "
            f"ORDER BY {_order(sort)} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        total = found_ids[0][1] if found_ids else None
    else:
        found_ids = cur.con.execute(
            f"SELECT q.quote_id FROM {source} WHERE {condition} ORDER BY {_order(sort)} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        total = None
    ids = [r[0] for r in found_ids]
    if total is None:
        total = cur.value(f"SELECT count(*) FROM {counted} WHERE {condition}", params)
    if not ids:
        return page([], total, limit, offset)
    found = {r["quote_id"]: r for r in cur.rows(
        f"SELECT {QUOTE_COLUMNS} FROM quotes q WHERE q.quote_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
    )}
    articles = {r["article_id"]: r for r in cur.rows(
        "SELECT article_id, title, date, date_precision, outlet FROM articles "
        "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [sorted({q["article_id"] for q in found.values()})]
    )}
    items = []
    for quote_id in ids:
        quote = found[quote_id]
        article = articles[quote["article_id"]]
        items.append({**quote, **{k: article[k] for k in ("title", "date", "date_precision", "outlet")}})
    return page(items, total, limit, offset)


def get_quote(cur: Cursor, quote_id: str) -> dict[str, Any] | None:
    if not cur.has_table("quotes"):
        return None
    quote = cur.row(
        "SELECT q.*, a.title, a.date, a.date_precision, a.outlet FROM quotes q "
        "JOIN articles a ON a.article_id = q.article_id WHERE q.quote_id = ?",
        [quote_id],
    )
    return clean(quote) if quote else None


def facets(cur: Cursor) -> dict[str, list]:
    """Values to offer in the quote filters: speaker countries and types that occur."""
    if not cur.has_table("quotes"):
        return {"countries": [], "types": []}
    countries = [r[0] for r in cur.con.execute(
        "SELECT speaker_country FROM quotes WHERE speaker_country IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 200"
    ).fetchall()]
    types = [r[0] for r in cur.con.execute("SELECT type FROM quotes GROUP BY 1 ORDER BY count(*) DESC").fetchall()]
    return {"countries": countries, "types": types}


@router.get("", summary="List quotes")
def api_list_quotes(
    cur: Annotated[Cursor, Depends(cursor)],
    speaker: Annotated[str | None, Query(max_length=200, description="Part of the speaker's name or words.")] = None,
    actor: Annotated[Identifier, Query(description="The speaker's `actor_id`.")] = None,
    country: Annotated[Code, Query(description="The speaker's country (RUS, USA, DEU …).")] = None,
    addressee: Annotated[str | None, Query(max_length=200, description="Addressee `actor_id` or country code.")] = None,
    type: Annotated[QuoteType | None, Query(description="Quotation type.")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Outlet name as stored.")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    q: TextQuery = None,
    article_id: Annotated[Identifier, Query(description="Only quotes of this article.")] = None,
    sort: Annotated[QuoteSort, Query(description="Order; `-` for descending.")] = "-date",
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Quotes with their speaker, addressee, type, tone and article (title, date, outlet). `q` keeps quotes
    whose text contains every word given (substring, any case); ranked word search is `/api/search`."""
    check_range(date_from, date_to)
    return list_quotes(cur, speaker, actor, country, addressee, type, outlet, date_from, date_to, q, article_id,
                       sort, limit, offset)


@router.get("/{quote_id}", summary="One quote")
def api_get_quote(
    quote_id: Annotated[str, Path(max_length=200)], cur: Annotated[Cursor, Depends(cursor)]
) -> dict[str, Any]:
    quote = get_quote(cur, quote_id)
    if quote is None:
        raise not_found("quote", quote_id)
    return quote
