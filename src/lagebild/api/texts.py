"""Reading article texts fast: from the search index's pieces (`search_chunks`) where they exist.

DuckDB stores `articles.text` in large compressed blocks; reading one article decompresses a whole
block of about 2,000 texts (tens of milliseconds on FANG-COVID). `build_search_index` also stores
every text in pieces of `CHUNK_CHARS` characters, sorted by article, so one article or a stretch of it
reads a few small blocks. Articles the pieces do not cover (added after the index was built) are read
from `articles` as before.
"""

from __future__ import annotations

from .db import Cursor
from .search_index import CHUNK_CHARS


def _has_chunks(cur: Cursor) -> bool:
    return cur.has_table("search_chunks") and cur.has_table("search_articles")


def _article_no(cur: Cursor, article_id: str) -> int | None:
    return cur.value("SELECT article_no FROM search_articles WHERE article_id = ?", [article_id])


def article_text(cur: Cursor, article_id: str) -> str | None:
    """The article's whole original text, or None for an unknown article."""
    if _has_chunks(cur):
        number = _article_no(cur, article_id)
        if number is not None:
            rows = cur.con.execute(
                "SELECT text FROM search_chunks WHERE article_no = ? ORDER BY chunk_no", [number]
            ).fetchall()
            return "".join(r[0] for r in rows)
    return cur.value("SELECT text FROM articles WHERE article_id = ?", [article_id])


def text_ranges(cur: Cursor, wanted: list[tuple[str, int, int]]) -> dict[tuple[str, int, int], str]:
    """`{(article_id, start, end): text[start:end]}` for each range asked for (offsets clipped to the text)."""
    found: dict[tuple[str, int, int], str] = {}
    if not wanted:
        return found
    if _has_chunks(cur):
        ids = sorted({a for a, _, _ in wanted})
        numbers: dict[str, int] = dict(cur.con.execute(
            "SELECT article_id, article_no FROM search_articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
            [ids],
        ).fetchall())
        branches, params = [], []
        for key in dict.fromkeys(wanted):
            article_id, start, end = key
            if article_id not in numbers:
                continue
            branches.append("SELECT ? AS k, chunk_no, text FROM search_chunks WHERE article_no = ? "
                            "AND chunk_no BETWEEN ? AND ?")
            params += [len(branches) - 1, numbers[article_id], max(0, start) // CHUNK_CHARS,
                       max(0, end - 1) // CHUNK_CHARS]
        keys = [k for k in dict.fromkeys(wanted) if k[0] in numbers]
        pieces: dict[int, list[tuple[int, str]]] = {}
        for i in range(0, len(branches), 50):
            sql = " UNION ALL ".join(branches[i:i + 50])
            for k, chunk_no, text in cur.con.execute(sql, params[i * 4:(i + 50) * 4]).fetchall():
                pieces.setdefault(k, []).append((chunk_no, text))
        for k, key in enumerate(keys):
            chunks = sorted(pieces.get(k, []))
            if not chunks:
                continue
            offset = chunks[0][0] * CHUNK_CHARS
            joined = "".join(t for _, t in chunks)
            found[key] = joined[max(0, key[1]) - offset:key[2] - offset]
    for key in wanted:
        if key not in found:
            text = article_text(cur, key[0]) if not _has_chunks(cur) else \
                cur.value("SELECT text FROM articles WHERE article_id = ?", [key[0]])
            if text is not None:
                found[key] = text[max(0, key[1]):key[2]]
    return found
