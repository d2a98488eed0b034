"""Articles: the list with filters, and one article with everything found in it."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query

from .common import (
    DateFrom, DateTo, Limit, Offset, TextQuery, article_filters, check_range, clean, cleaned, not_found, page,
)
from .db import Cursor, like_pattern
from .deps import cursor
from .texts import article_text

router = APIRouter(prefix="/api/articles", tags=["articles"])

ArticleId = Annotated[str, Path(max_length=64, description="`articles.article_id` (16 hex characters).")]
ArticleSort = Literal["date", "-date", "title", "outlet", "quotes", "-quotes"]

SUMMARY_COLUMNS = (
    "a.article_id, a.title, a.date, a.date_precision, a.date_flag, a.outlet, a.url, a.source_file, a.locator, "
    "a.n_chars, a.n_tokens, a.n_sentences, a.duplicate_of, a.duplicate_kind, a.duplicate_similarity"
)

_ORDER = {
    "date": "a.date_start NULLS LAST, a.article_id",
    "-date": "a.date_start DESC NULLS LAST, a.article_id",
    "title": "a.title NULLS LAST, a.article_id",
    "outlet": "a.outlet NULLS LAST, a.date_start, a.article_id",
    "quotes": "n_quotes, a.date_start NULLS LAST, a.article_id",
    "-quotes": "n_quotes DESC, a.date_start NULLS LAST, a.article_id",
}


def list_articles(
    cur: Cursor, outlet: str | None = None, date_from=None, date_to=None, q: str | None = None,
    duplicates: bool = True, sort: str = "-date", limit: int = 50, offset: int = 0,
) -> dict[str, Any]:
    where, params = article_filters(outlet, date_from, date_to)
    where.insert(0, "TRUE")
    if q:
        where.append("(a.title ILIKE ? ESCAPE '\\' OR a.article_id = ?)")
        params += [like_pattern(q), q]
    if not duplicates:
        where.append("a.duplicate_of IS NULL")
    condition = " AND ".join(where)
    total = cur.value(f"SELECT count(*) FROM articles a WHERE {condition}", params)
    if sort in ("quotes", "-quotes") and cur.has_table("quotes"):
        ids = [r[0] for r in cur.con.execute(
            f"SELECT a.article_id, coalesce(n.n, 0) AS n_quotes FROM articles a LEFT JOIN "
            f"(SELECT article_id, count(*) AS n FROM quotes GROUP BY article_id) n USING (article_id) "
            f"WHERE {condition} ORDER BY {_ORDER[sort]} LIMIT ? OFFSET ?", [*params, limit, offset]
        ).fetchall()]
        rows = {r["article_id"]: r for r in cur.rows(
            f"SELECT {SUMMARY_COLUMNS} FROM articles a WHERE a.article_id IN (SELECT unnest(?::VARCHAR[]))", [ids])}
        items = [rows[i] for i in ids]
        _add_quote_counts(cur, items)
    else:
        order = _ORDER["-date" if sort in ("quotes", "-quotes") else sort]  # no quotes table: nothing to sort by
        items = cur.rows(
            f"SELECT {SUMMARY_COLUMNS} FROM articles a WHERE {condition} ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        _add_quote_counts(cur, items)
    return page(items, total, limit, offset)


def _add_quote_counts(cur: Cursor, items: list[dict[str, Any]]) -> None:
    counts: dict[str, int] = {}
    if items and cur.has_table("quotes"):
        ids = [i["article_id"] for i in items]
        counts = dict(cur.con.execute(
            "SELECT article_id, count(*) FROM quotes WHERE article_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1",
            [ids],
        ).fetchall())
    for item in items:
        item["n_quotes"] = counts.get(item["article_id"], 0)


def get_article(cur: Cursor, article_id: str) -> dict[str, Any] | None:
    article = cur.row("SELECT * EXCLUDE (minhash, text) FROM articles WHERE article_id = ?", [article_id])
    if article is None:
        return None
    article["text"] = article_text(cur, article_id)
    article["segments"] = cur.rows(
        'SELECT kind, start, "end", text, is_boilerplate FROM segments WHERE article_id = ? ORDER BY start',
        [article_id],
    )
    article["sentences"] = [
        {"sentence_no": n, "start": s, "end": e}
        for n, s, e in cur.con.execute(
            'SELECT sentence_no, start, "end" FROM sentences WHERE article_id = ? ORDER BY sentence_no', [article_id]
        ).fetchall()
    ]
    article["quotes"] = (
        cur.rows("SELECT * FROM quotes WHERE article_id = ? ORDER BY start, quote_id", [article_id])
        if cur.has_table("quotes") else []
    )
    article["mentions"] = (
        cur.rows("SELECT * FROM mentions WHERE article_id = ? ORDER BY start, mention_id", [article_id])
        if cur.has_table("mentions") else []
    )
    article["events"] = (
        cur.rows("SELECT * FROM events WHERE article_id = ? ORDER BY start, event_id", [article_id])
        if cur.has_table("events") else []
    )
    article["statements"] = (
        cur.rows("SELECT * FROM statements WHERE article_id = ? ORDER BY start, statement_id", [article_id])
        if cur.has_table("statements") else []
    )
    if article.get("duplicate_of") is None:
        article["copies"] = [r["article_id"] for r in cur.rows(
            "SELECT article_id FROM articles WHERE duplicate_of = ? ORDER BY article_id", [article_id])]
    else:
        article["copies"] = []
    return clean(article)


def outlets(cur: Cursor) -> list[str]:
    return [r[0] for r in cur.con.execute(
        "SELECT outlet FROM articles WHERE outlet IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 500"
    ).fetchall()]


@router.get("", summary="List articles")
def api_list_articles(
    cur: Annotated[Cursor, Depends(cursor)],
    outlet: Annotated[str | None, Query(max_length=200, description="Outlet name as stored (e.g. `RT DE`).")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    q: TextQuery = None,
    duplicates: Annotated[bool, Query(description="Include duplicates (linked copies).")] = True,
    sort: Annotated[ArticleSort, Query(description="Order; `-` for descending.")] = "-date",
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Articles with their date, outlet, sizes, duplicate link and number of quotes. `q` matches the title
    (substring, any case) or an exact article id; for words in the text use `/api/search`."""
    check_range(date_from, date_to)
    return list_articles(cur, outlet, date_from, date_to, q, duplicates, sort, limit, offset)


@router.get("/{article_id}", summary="One article with its annotations")
def api_get_article(article_id: ArticleId, cur: Annotated[Cursor, Depends(cursor)]) -> dict[str, Any]:
    """The original text, boilerplate and heading segments, sentence spans, quotes, mentions, events and
    statements of one article; every `start`/`end` is a character offset into `text`."""
    article = get_article(cur, article_id)
    if article is None:
        raise not_found("article", article_id)
    return article


__all__ = ["router", "list_articles", "get_article", "outlets", "cleaned"]
