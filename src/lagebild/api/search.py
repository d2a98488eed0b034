"""Search: ranked full-text search over articles and quotes (German stems), with marked snippets."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query

from .common import MAX_QUERY_TEXT, Offset
from .db import Cursor
from .deps import cursor
from .search_index import search

router = APIRouter(prefix="/api/search", tags=["search"])

SearchKind = Literal["all", "articles", "quotes"]


@router.get("", summary="Full-text search")
def api_search(
    cur: Annotated[Cursor, Depends(cursor)],
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_TEXT, description="Words to find (German stems: "
                                                                               "`Sanktion` finds `Sanktionen`).")],
    kind: Annotated[SearchKind, Query(description="Search articles, quotes or both.")] = "all",
    limit: Annotated[int, Query(ge=1, le=100, description="Page size, at most 100.")] = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Articles (title and text without boilerplate; duplicates left out) and quotes (their words)
    containing every word of `q` after stemming, stop words ignored, ranked by BM25. Each item has a
    `snippet`: pieces `{"text", "hit"}` in which the matching words are the hits. `index` says when the
    index was built and whether articles were added since (`stale`); it is null when the database has none
    (run `lagebild analyze` to build it)."""
    return search(cur, q, kind, limit, offset)
