"""Server-rendered pages (Jinja2, autoescaped) over the same query functions as the JSON API."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..api import actors as actors_api
from ..api import articles as articles_api
from ..api import events as events_api
from ..api import quotes as quotes_api
from ..api import relations as relations_api
from ..api.common import MAX_QUERY_TEXT, TextQuery, check_range
from ..api.deps import cursor
from ..api.db import Cursor
from ..api.overview import overview
from ..api.search_index import search
from .annotate import annotate

HERE = Path(str(resources.files("lagebild.web")))
templates = Jinja2Templates(directory=str(HERE / "templates"))  # autoescape is on for .html
templates.env.globals["quote_types"] = quotes_api.QUOTE_TYPES

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PAGE_SIZE = 50
Page = Annotated[int, Query(ge=1, le=20_000, description="Page number.")]


def install(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")


def wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/api", "/openapi.json", "/docs", "/static"))


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message, "db_name": _db_name(request)},
        status_code=status,
    )


def _db_name(request: Request) -> str:
    return request.app.state.db.path.name


def render(request: Request, name: str, **context: Any) -> HTMLResponse:
    context.setdefault("db_name", _db_name(request))
    return templates.TemplateResponse(request, name, context)


def period_range(periods: list[str], by: str = "month") -> list[str]:
    """Every period from the first to the last of `periods` (`2021-04`, `2021-Q2`, `2021`), so a chart's
    x axis runs at an even pace through periods without data."""
    if not periods:
        return []
    first, last = min(periods), max(periods)
    if by == "year":
        return [str(y) for y in range(int(first[:4]), int(last[:4]) + 1)]
    step = 3 if by == "quarter" else 1

    def index(label: str) -> int:
        year, part = label[:4], label[5:]
        return int(year) * 12 + ((int(part[1:]) - 1) * 3 if by == "quarter" else int(part) - 1)

    def label(i: int) -> str:
        year, month = divmod(i, 12)
        return f"{year}-Q{month // 3 + 1}" if by == "quarter" else f"{year}-{month + 1:02d}"

    if index(last) - index(first) > 12 * 200:  # nonsense dates: do not draw centuries
        return sorted(set(periods))
    return [label(i) for i in range(index(first), index(last) + 1, step)]


def _memo(cur: Cursor, name: str, compute):
    """Lists for the filter forms, computed once: the database is read-only while served."""
    return cur.db.memo(("page", name), lambda: compute(cur))


def _pages(total: int, page: int, size: int) -> dict[str, int]:
    last = max(1, (total + size - 1) // size)
    return {"page": page, "last": last, "total": total, "size": size}


@router.get("/")
def overview_page(request: Request, cur: Annotated[Cursor, Depends(cursor)]):
    data = overview(cur)
    counts = {p["period"]: p["n_articles"] for p in data["articles_per_month"]}
    months = period_range(list(counts))
    chart = {"series": [{"name": "Artikel", "points": [{"x": m, "y": counts.get(m, 0)} for m in months]}],
             "x": months, "ylabel": "Artikel pro Monat", "integer": True}
    return render(request, "overview.html", data=data, chart=chart, pairs=relations_api.top_pairs(cur, 8))


@router.get("/articles")
def articles_page(
    request: Request,
    cur: Annotated[Cursor, Depends(cursor)],
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    date_from: Annotated[str | None, Query(max_length=10)] = None,
    date_to: Annotated[str | None, Query(max_length=10)] = None,
    q: TextQuery = None,
    sort: Annotated[articles_api.ArticleSort, Query()] = "-date",
    page: Page = 1,
):
    # a form sends empty fields: empty means no filter
    start, end = _date(date_from, "date_from"), _date(date_to, "date_to")
    check_range(start, end)
    result = articles_api.list_articles(cur, outlet or None, start, end, q or None, True, sort, PAGE_SIZE,
                                        (page - 1) * PAGE_SIZE)
    filters = {"outlet": outlet or "", "date_from": date_from or "", "date_to": date_to or "", "q": q or ""}
    return render(request, "articles.html", result=result, filters=filters, sort=sort,
                  outlets=_memo(cur, "outlets", articles_api.outlets), pages=_pages(result["total"], page, PAGE_SIZE))


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: Annotated[str, articles_api.ArticleId],
                 cur: Annotated[Cursor, Depends(cursor)]):
    article = articles_api.get_article(cur, article_id)
    if article is None:
        raise HTTPException(status_code=404, detail=f"no article with id {article_id!r}")
    pieces = annotate(article)
    return render(request, "article.html", article=article, pieces=pieces)


@router.get("/quotes")
def quotes_page(
    request: Request,
    cur: Annotated[Cursor, Depends(cursor)],
    speaker: Annotated[str | None, Query(max_length=200)] = None,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    country: Annotated[str | None, Query(max_length=8)] = None,
    type: Annotated[str | None, Query(max_length=40)] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    date_from: Annotated[str | None, Query(max_length=10)] = None,
    date_to: Annotated[str | None, Query(max_length=10)] = None,
    q: TextQuery = None,
    sort: Annotated[quotes_api.QuoteSort, Query()] = "-date",
    page: Page = 1,
):
    # a form sends empty fields: empty means no filter; anything else is checked like the API does
    country = (country or "").strip() or None
    if country and not (country.isalpha() and 2 <= len(country) <= 8):
        raise HTTPException(status_code=422, detail="country: a country or organisation code such as RUS or EU")
    if type and type not in quotes_api.QUOTE_TYPES:
        raise HTTPException(status_code=422, detail=f"type: one of {', '.join(quotes_api.QUOTE_TYPES)}")
    start, end = _date(date_from, "date_from"), _date(date_to, "date_to")
    check_range(start, end)
    result = quotes_api.list_quotes(
        cur, speaker=speaker or None, actor=actor or None, country=country, type=type or None,
        outlet=outlet or None, date_from=start, date_to=end, q=q or None, sort=sort, limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    filters = {"speaker": speaker or "", "actor": actor or "", "country": country or "", "type": type or "",
               "outlet": outlet or "", "date_from": date_from or "", "date_to": date_to or "", "q": q or ""}
    return render(request, "quotes.html", result=result, filters=filters, sort=sort,
                  facets=_memo(cur, "facets", quotes_api.facets), outlets=_memo(cur, "outlets", articles_api.outlets),
                  pages=_pages(result["total"], page, PAGE_SIZE))


def _date(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(status_code=422, detail=f"{name}: not a date (YYYY-MM-DD): {value!r}") from None


@router.get("/actors")
def actors_page(
    request: Request,
    cur: Annotated[Cursor, Depends(cursor)],
    q: TextQuery = None,
    country: Annotated[str | None, Query(max_length=8)] = None,
    sort: Annotated[actors_api.ActorSort, Query()] = "quotes",
    page: Page = 1,
):
    country = (country or "").strip().upper() or None
    result = actors_api.list_actors(cur, q or None, country, None, sort, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return render(request, "actors.html", result=result, filters={"q": q or "", "country": country or ""},
                  sort=sort, pages=_pages(result["total"], page, PAGE_SIZE))


@router.get("/actors/{actor_id}")
def actor_page(request: Request, actor_id: Annotated[str, PathParam(max_length=200)],
               cur: Annotated[Cursor, Depends(cursor)]):
    actor = actors_api.get_actor(cur, actor_id)
    if actor is None:
        raise HTTPException(status_code=404, detail=f"no actor with id {actor_id!r}")
    counts = {p["period"]: p["n_quotes"] for p in actor["statements_over_time"]}
    months = period_range(list(counts))
    chart = {"series": [{"name": "Zitate", "points": [{"x": m, "y": counts.get(m, 0)} for m in months]}],
             "x": months, "ylabel": "Zitate pro Monat", "integer": True}
    quotes = quotes_api.list_quotes(cur, actor=actor_id, limit=25)
    return render(request, "actor.html", actor=actor, chart=chart, quotes=quotes)


@router.get("/dyads")
def dyads_page(
    request: Request,
    cur: Annotated[Cursor, Depends(cursor)],
    source: Annotated[str | None, Query(max_length=8)] = None,
    target: Annotated[str | None, Query(max_length=8)] = None,
    by: Annotated[relations_api.Period, Query()] = "month",
    both_directions: Annotated[bool, Query()] = False,
):
    source = (source or "").strip().upper() or None
    target = (target or "").strip().upper() or None
    for name, value in (("source", source), ("target", target)):
        if value and not (value.isalpha() and 2 <= len(value) <= 8):
            raise HTTPException(status_code=422, detail=f"{name}: a country or organisation code such as RUS or EU")
    series, chart = None, None
    if source and target:
        series = relations_api.relation_series(cur, source, target, by, both_directions)
        chart = {
            "series": [
                {"name": "Score (Ereignisse, −10 … +10)", "points": [
                    {"x": r["period"], "y": r["score"]} for r in series if r["score"] is not None]},
                {"name": "Ton (Aussagen, −1 … +1, ×10)", "points": [
                    {"x": r["period"], "y": r["tone"] * 10, "label": f"{r['tone']:.2f}"}
                    for r in series if r["tone"] is not None]},
            ],
            "x": period_range([r["period"] for r in series], by), "ymin": -10, "ymax": 10, "ylabel": "Score / Ton×10",
            "evidence": {"source": source, "target": target, "by": by, "both_directions": both_directions},
        }
    return render(request, "dyads.html", source=source or "", target=target or "", by=by,
                  both_directions=both_directions, series=series, chart=chart,
                  parties=_memo(cur, "parties", relations_api.parties),
                  pairs=_memo(cur, "pairs", relations_api.top_pairs))


@router.get("/events")
def events_page(
    request: Request,
    cur: Annotated[Cursor, Depends(cursor)],
    source: Annotated[str | None, Query(max_length=200)] = None,
    target: Annotated[str | None, Query(max_length=200)] = None,
    page: Page = 1,
):
    result = events_api.list_events(cur, source=source or None, target=target or None, limit=PAGE_SIZE,
                                    offset=(page - 1) * PAGE_SIZE)
    return render(request, "events.html", result=result, filters={"source": source or "", "target": target or ""},
                  pages=_pages(result["total"], page, PAGE_SIZE))


@router.get("/docs")
def api_docs_page(request: Request):
    """The API reference, rendered here from the OpenAPI schema (works offline; no Swagger UI from a CDN)."""
    schema = request.app.openapi()
    endpoints = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "where": p["in"], "required": p.get("required", False),
                       "description": p.get("description") or p.get("schema", {}).get("description", ""),
                       "type": _schema_type(p.get("schema", {}))} for p in op.get("parameters", [])]
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "description": op.get("description", ""), "params": params,
                              "tag": (op.get("tags") or [""])[0]})
    return render(request, "docs.html", endpoints=endpoints, info=schema.get("info", {}))


def _schema_type(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return " | ".join(map(str, schema["enum"]))
    if "anyOf" in schema:
        return " | ".join(_schema_type(s) for s in schema["anyOf"] if s.get("type") != "null")
    kind = schema.get("type", "")
    limits = [f"{k} {schema[k]}" for k in ("minimum", "maximum", "maxLength", "pattern") if k in schema]
    return kind + (f" ({', '.join(limits)})" if limits else "")


@router.get("/search")
def search_page(
    request: Request,
    cur: Annotated[Cursor, Depends(cursor)],
    q: Annotated[str | None, Query(max_length=MAX_QUERY_TEXT)] = None,
    kind: Annotated[Literal["all", "articles", "quotes"], Query()] = "all",
    page: Page = 1,
):
    size = 20
    result = search(cur, q, kind, size, (page - 1) * size) if q and q.strip() else None
    return render(request, "search.html", q=q or "", kind=kind, result=result,
                  pages=_pages(result["total"] if result else 0, page, size))


__all__ = ["install", "wants_html", "error_page"]
