"""The app object: `create_app(db_path)` gives a read-only FastAPI app with the JSON API and the pages."""

from __future__ import annotations

import gc
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from . import actors, articles, events, overview, quotes, relations, search
from .db import Database

MAX_QUERY_STRING = 4096  # bytes of URL query; longer requests get 414
READ_METHODS = {"GET", "HEAD"}

SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
     b"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


class Limits:
    """ASGI middleware: refuses request bodies (the app has no write endpoints), over-long query
    strings and methods other than GET/HEAD, and adds security headers to every response."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = None
        headers = dict(scope.get("headers") or [])
        if scope["method"] not in READ_METHODS:
            problem = (405, "read-only: only GET and HEAD requests are served")
        elif headers.get(b"transfer-encoding") or headers.get(b"content-length", b"0") not in (b"0", b""):
            problem = (413, "request bodies are not accepted")
        elif len(scope.get("query_string", b"")) > MAX_QUERY_STRING:
            problem = (414, f"query string longer than {MAX_QUERY_STRING} bytes")
        if problem:
            response = JSONResponse({"detail": problem[1]}, status_code=problem[0],
                                    headers={"allow": "GET, HEAD"} if problem[0] == 405 else None)
            await response(scope, receive, _with_headers(send))
            return
        head = scope["method"] == "HEAD"
        if head:  # answered like GET, without the body
            scope = {**scope, "method": "GET"}
        await self.app(scope, receive, _with_headers(send, head))


def _with_headers(send, head: bool = False):
    async def wrapped(message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
        elif head and message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)
    return wrapped


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{where}: {error.get('msg')}" if where else str(error.get("msg")))
    return "; ".join(parts) or "invalid request"


def create_app(db_path: str | Path) -> FastAPI:
    """The read-only app over the database at `db_path` (raises `StoreError` if it cannot be opened)."""
    from ..web import pages

    database = Database(db_path)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        # everything loaded so far lives as long as the server: keep it out of the garbage collector's
        # full passes, which otherwise stall a request for ~100 ms every dozen large pages
        gc.collect()
        gc.freeze()
        yield
        database.close()

    app = FastAPI(
        title="lagebild",
        version=__version__,
        description="Read-only API over a lagebild database: articles, quotes, actors, events, dyad relations "
                    "and full-text search. Every `start`/`end` is a character offset into the article's `text`.",
        docs_url=None,  # our own page at /docs (pages.py): Swagger UI would load from a CDN
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.db = database
    for module in (overview, articles, quotes, actors, events, relations, search):
        app.include_router(module.router)
    pages.install(app)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        message = _validation_message(exc)
        if pages.wants_html(request):
            return pages.error_page(request, 422, message)
        return JSONResponse({"detail": message, "errors": _jsonable(exc.errors())}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if pages.wants_html(request):
            return pages.error_page(request, exc.status_code, str(exc.detail))
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    app.add_middleware(Limits)
    return app


def _jsonable(errors) -> list[dict]:
    return [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg")), "type": e.get("type")} for e in errors]
