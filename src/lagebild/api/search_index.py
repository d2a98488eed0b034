"""Full-text search over articles and quotes: an inverted index of German stems in the database itself.

`build_search_index(store)` (run by `analyze` after each run) tokenizes every article that is not a
duplicate (title and text without boilerplate) and every quote (its words), stems the
words with our Snowball German stemmer (`stemmer.py`) and writes four tables, replacing earlier ones:

- `search_docs(doc_no, kind, article_id, quote_id, length)`: one row per indexed article or quote;
- `search_terms(term_id, term, df)`: every stem;
- `search_postings(term_id, doc_no, tf)`: which document contains which stem how often, sorted by
  `term_id` so a query reads only the blocks of its terms;
- `search_stats(kind, n_docs, avg_length)` and `search_meta(key, value)` (when it was built, over how
  many articles and quotes).

`search(cursor, "Sanktionen gegen Russland")` finds documents containing every stem of the query
(stop words left out), ranked by BM25, with snippets in which the matching words are marked. The
index is derived data: deleting the tables loses nothing, the next `analyze` builds them again.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from typing import Any

import numpy as np
import pyarrow as pa

from .stemmer import query_terms, tokens

INDEX_TABLES = ("search_docs", "search_terms", "search_postings", "search_stats", "search_meta", "search_articles",
                "search_chunks")
INDEX_VERSION = "3"
CHUNK_CHARS = 512  # article texts are also stored in pieces this long, for fast reading (texts.py)
BM25_K1 = 1.2
BM25_B = 0.75
MAX_QUERY_TERMS = 12
SNIPPET_CHARS = 260
_SPACE = re.compile(r"\s+")


def build_search_index(store, chunk: int = 2000) -> dict[str, int]:
    """(Re)build the search index in `store` (opened for writing). Returns the counts indexed:
    `{"articles": …, "quotes": …, "terms": …, "postings": …}`."""
    con = store.con
    boilerplate: dict[str, list[tuple[int, int]]] = {}
    for article_id, start, end in con.execute(
        'SELECT article_id, start, "end" FROM segments WHERE is_boilerplate ORDER BY article_id, start'
    ).fetchall():
        boilerplate.setdefault(article_id, []).append((start, end))

    term_ids: dict[str, int] = {}
    post_term, post_doc, post_tf, post_pos = array("I"), array("I"), array("I"), array("i")
    doc_kind: list[str] = []
    doc_article: list[str] = []
    doc_quote: list[str | None] = []
    doc_length = array("I")

    def add(kind: str, article_id: str, quote_id: str | None, head: str, body: str) -> None:
        """Index `head` (the title: position -1) and `body` (positions are offsets into it)."""
        doc_no = len(doc_kind)
        counts: dict[int, int] = {}
        first: dict[int, int] = {}
        n = 0
        for position, text in ((-1, head), (None, body)):
            for start, _, term in tokens(text):
                n += 1
                tid = term_ids.setdefault(term, len(term_ids))
                counts[tid] = counts.get(tid, 0) + 1
                if tid not in first or first[tid] < 0 <= start and position is None:
                    first[tid] = start if position is None else position
        doc_kind.append(kind)
        doc_article.append(article_id)
        doc_quote.append(quote_id)
        doc_length.append(n)
        post_term.extend(counts.keys())
        post_doc.extend([doc_no] * len(counts))
        post_tf.extend(counts.values())
        post_pos.extend(first[t] for t in counts)

    cursor = con.cursor()
    try:
        cursor.execute("SELECT article_id, title, text FROM articles WHERE duplicate_of IS NULL ORDER BY article_id")
        n_articles = 0
        while rows := cursor.fetchmany(chunk):
            for article_id, title, text in rows:
                add("article", article_id, None, title or "", _without(text, boilerplate.get(article_id, ())))
                n_articles += 1
        n_quotes = 0
        if store.has_table("quotes"):
            cursor.execute(
                "SELECT q.quote_id, q.article_id, q.text FROM quotes q JOIN articles a "
                "ON a.article_id = q.article_id WHERE a.duplicate_of IS NULL ORDER BY q.article_id, q.start, q.quote_id"
            )
            while rows := cursor.fetchmany(chunk):
                for quote_id, article_id, text in rows:
                    add("quote", article_id, quote_id, "", text)  # the words only: a speaker is a filter
                    n_quotes += 1
    finally:
        cursor.close()

    terms = sorted(term_ids, key=term_ids.get)
    df = np.bincount(np.frombuffer(post_term, dtype=np.uint32), minlength=len(terms)) if terms else np.array([])
    docs = pa.table({
        "doc_no": pa.array(np.arange(len(doc_kind), dtype=np.int32)),
        "kind": pa.array(doc_kind, pa.string()),
        "article_id": pa.array(doc_article, pa.string()),
        "quote_id": pa.array(doc_quote, pa.string()),
        "length": pa.array(np.frombuffer(doc_length, dtype=np.uint32).astype(np.int32)),
    })
    term_table = pa.table({
        "term_id": pa.array(np.arange(len(terms), dtype=np.int32)),
        "term": pa.array(terms, pa.string()),
        "df": pa.array(np.asarray(df, dtype=np.int32)),
    })
    postings = pa.table({
        "term_id": pa.array(np.frombuffer(post_term, dtype=np.uint32).astype(np.int32)),
        "doc_no": pa.array(np.frombuffer(post_doc, dtype=np.uint32).astype(np.int32)),
        "tf": pa.array(np.frombuffer(post_tf, dtype=np.uint32).astype(np.int32)),
        "first_pos": pa.array(np.frombuffer(post_pos, dtype=np.int32)),
    })
    meta = pa.table({
        "key": ["version", "built_at", "n_articles", "n_quotes"],
        "value": [INDEX_VERSION, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), str(n_articles),
                  str(n_quotes)],
    })
    con.execute("BEGIN TRANSACTION")
    try:
        for table in INDEX_TABLES:
            con.execute(f"DROP TABLE IF EXISTS {table}")
        con.register("lagebild_docs", docs)
        con.register("lagebild_terms", term_table)
        con.register("lagebild_postings", postings)
        con.register("lagebild_meta", meta)
        con.execute("CREATE TABLE search_docs AS SELECT * FROM lagebild_docs ORDER BY doc_no")
        con.execute("CREATE TABLE search_terms AS SELECT * FROM lagebild_terms ORDER BY term")
        con.execute("CREATE TABLE search_postings AS SELECT * FROM lagebild_postings ORDER BY term_id, doc_no")
        con.execute("CREATE TABLE search_stats AS SELECT kind, count(*)::INTEGER AS n_docs, "
                    "greatest(avg(length), 1)::DOUBLE AS avg_length FROM search_docs GROUP BY kind")
        con.execute("CREATE TABLE search_meta AS SELECT * FROM lagebild_meta")
        # every article's text in pieces, sorted: reading one article (or a stretch of it) touches a few
        # small blocks instead of decompressing the large ones of articles.text
        con.execute("CREATE TABLE search_articles AS SELECT (row_number() OVER (ORDER BY article_id))::INTEGER - 1 "
                    "AS article_no, article_id, length(text)::INTEGER AS n_chars FROM articles ORDER BY article_id")
        con.execute(
            f"CREATE TABLE search_chunks AS SELECT s.article_no, g.i::INTEGER AS chunk_no, "
            f"substr(a.text, g.i * {CHUNK_CHARS} + 1, {CHUNK_CHARS}) AS text "
            f"FROM articles a JOIN search_articles s USING (article_id), "
            f"LATERAL (SELECT unnest(range(0, (length(a.text) + {CHUNK_CHARS - 1}) // {CHUNK_CHARS})) AS i) g "
            f"ORDER BY s.article_no, chunk_no"
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in ("lagebild_docs", "lagebild_terms", "lagebild_postings", "lagebild_meta"):
            con.unregister(name)
    return {"articles": n_articles, "quotes": n_quotes, "terms": len(terms), "postings": len(post_term)}


def _without(text: str, spans) -> str:
    """The text with boilerplate spans blanked (same length, so offsets hold)."""
    if not spans:
        return text
    pieces, last = [], 0
    for start, end in spans:
        if start < last:
            start = last
        if end <= start:
            continue
        pieces += [text[last:start], " " * (end - start)]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def index_info(cur) -> dict[str, Any] | None:
    """`{"built_at", "n_articles", "n_quotes", "stale"}`, or None when the database has no index."""
    if not cur.has_table("search_meta"):
        return None
    meta = dict(cur.con.execute("SELECT key, value FROM search_meta").fetchall())
    n_articles = cur.value("SELECT count(*) FROM articles WHERE duplicate_of IS NULL")
    info = {"built_at": meta.get("built_at"), "n_articles": int(meta.get("n_articles", 0)),
            "n_quotes": int(meta.get("n_quotes", 0)), "version": meta.get("version")}
    info["stale"] = info["n_articles"] != n_articles or meta.get("version") != INDEX_VERSION
    return info


def search(cur, q: str, kind: str = "all", limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Documents containing every stem of `q`, best BM25 score first, with marked snippets."""
    from .texts import text_ranges

    terms = query_terms(q)[:MAX_QUERY_TERMS]
    info = index_info(cur)
    result: dict[str, Any] = {"items": [], "total": 0, "limit": limit, "offset": offset, "terms": terms,
                              "index": info}
    if not terms or info is None or info["version"] != INDEX_VERSION:  # none, or one this version cannot read
        return result
    found = cur.con.execute(
        "SELECT term, term_id FROM search_terms WHERE term IN (SELECT unnest(?::VARCHAR[]))", [terms]
    ).fetchall()
    if len(found) < len(terms):  # a word that occurs nowhere: no document has them all
        return result
    ids = [tid for _, tid in found]
    kinds = ["article", "quote"] if kind == "all" else [kind.rstrip("s")]
    placeholders = ", ".join("?" for _ in ids)
    rows = cur.con.execute(
        f"""
        WITH p AS (SELECT term_id, doc_no, tf, first_pos FROM search_postings WHERE term_id IN ({placeholders})),
        d AS (SELECT p.term_id, p.doc_no, p.tf, p.first_pos, s.kind, s.length FROM p JOIN search_docs s USING (doc_no)
              WHERE s.kind IN (SELECT unnest(?::VARCHAR[]))),
        f AS (SELECT term_id, kind, count(*) AS df FROM d GROUP BY ALL),
        scored AS (
            SELECT d.doc_no, count(*) AS matched, arg_min(d.first_pos, f.df) FILTER (d.first_pos >= 0) AS pos,
                   sum(ln(1 + (st.n_docs - f.df + 0.5) / (f.df + 0.5))
                       * d.tf * ({BM25_K1} + 1)
                       / (d.tf + {BM25_K1} * (1 - {BM25_B} + {BM25_B} * d.length / st.avg_length))) AS score
            FROM d JOIN f USING (term_id, kind) JOIN search_stats st USING (kind)
            GROUP BY d.doc_no)
        SELECT s.doc_no, s.score, count(*) OVER () AS total, s.pos FROM scored s
        WHERE s.matched = ? ORDER BY s.score DESC, s.doc_no LIMIT ? OFFSET ?
        """,
        [*ids, kinds, len(ids), limit, offset],
    ).fetchall()
    if not rows:
        if offset:
            result["total"] = _count(cur, ids, kinds)
        return result
    result["total"] = int(rows[0][2])
    docs = {r["doc_no"]: r for r in cur.rows(
        "SELECT doc_no, kind, article_id, quote_id FROM search_docs WHERE doc_no IN (SELECT unnest(?::INTEGER[]))",
        [[r[0] for r in rows]],
    )}
    article_ids = sorted({d["article_id"] for d in docs.values()})
    articles = {r["article_id"]: r for r in cur.rows(
        "SELECT article_id, title, date, outlet FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
        [article_ids],
    )}
    quote_ids = [d["quote_id"] for d in docs.values() if d["quote_id"]]
    quotes = {}
    if quote_ids and cur.has_table("quotes"):
        quotes = {r["quote_id"]: r for r in cur.rows(
            "SELECT quote_id, text, type, speaker_name, speaker_actor_id, speaker_country FROM quotes "
            "WHERE quote_id IN (SELECT unnest(?::VARCHAR[]))", [quote_ids])}
    # article snippets: read only a window around the first place a query word occurs
    windows = {}
    for doc_no, _, _, position in rows:
        doc = docs[doc_no]
        if doc["kind"] == "article":
            at = max(0, position or 0)
            windows[doc_no] = (doc["article_id"], max(0, at - SNIPPET_CHARS // 2), at + SNIPPET_CHARS * 3 // 2)
    stretches = text_ranges(cur, list(windows.values()))
    boilerplate: dict[str, list[tuple[int, int]]] = {}
    if windows:
        for article_id, b_start, b_end in cur.con.execute(
            'SELECT article_id, start, "end" FROM segments WHERE is_boilerplate AND article_id IN '
            "(SELECT unnest(?::VARCHAR[])) ORDER BY article_id, start", [sorted({w[0] for w in windows.values()})]
        ).fetchall():
            boilerplate.setdefault(article_id, []).append((b_start, b_end))
    wanted = set(terms)
    for doc_no, score, _, _ in rows:
        doc = docs[doc_no]
        article = articles.get(doc["article_id"])
        if article is None:
            continue
        item = {"kind": doc["kind"], "article_id": doc["article_id"], "quote_id": doc["quote_id"],
                "score": round(float(score), 4), "title": article["title"], "outlet": article["outlet"],
                "date": article["date"]}
        if doc["kind"] == "quote":
            quote = quotes.get(doc["quote_id"], {})
            item.update(speaker_name=quote.get("speaker_name"), speaker_actor_id=quote.get("speaker_actor_id"),
                        type=quote.get("type"), url=f"/articles/{doc['article_id']}#q-{doc['quote_id']}")
            item["snippet"] = snippet(quote.get("text") or "", wanted)
        else:
            window = windows[doc_no]
            text = stretches.get(window, "")
            spans = [(max(0, b - window[1]), e - window[1]) for b, e in boilerplate.get(doc["article_id"], ())
                     if e > window[1] and b < window[2]]
            item["snippet"] = snippet(_trim_words(_without(text, spans), window[1] > 0), wanted)
            item["title_marked"] = snippet(article["title"] or "", wanted, width=1000)
            item["url"] = f"/articles/{doc['article_id']}"
        result["items"].append(item)
    return result


def _trim_words(text: str, cut_at_start: bool) -> str:
    """A window cut out of a text without the partial words at its edges."""
    if cut_at_start and (space := text.find(" ")) != -1:
        text = text[space + 1:]
    if (space := text.rfind(" ")) > len(text) // 2:
        text = text[:space]
    return text


def _count(cur, ids: list[int], kinds: list[str]) -> int:
    placeholders = ", ".join("?" for _ in ids)
    return int(cur.value(
        f"SELECT count(*) FROM (SELECT p.doc_no FROM search_postings p JOIN search_docs s USING (doc_no) "
        f"WHERE p.term_id IN ({placeholders}) AND s.kind IN (SELECT unnest(?::VARCHAR[])) GROUP BY p.doc_no "
        f"HAVING count(*) = ?)",
        [*ids, kinds, len(ids)],
    ))


def snippet(text: str, terms: set[str], width: int = SNIPPET_CHARS) -> list[dict[str, Any]]:
    """The stretch of `text` (about `width` characters) with the most distinct query words, as pieces
    `{"text": …, "hit": bool}`; the matching words are the hits. Rendered with escaping, never as HTML."""
    hits = [(s, e, t) for s, e, t in tokens(text) if t in terms]
    if not hits:
        start, end = 0, min(len(text), width)
    else:
        best, best_score = 0, -1
        for i, (s, _, _) in enumerate(hits):
            window = {t for s2, _, t in hits[i:] if s2 < s + width}
            score = len(window) * 1000 + sum(1 for s2, _, _ in hits[i:] if s2 < s + width)
            if score > best_score:
                best, best_score = i, score
        first = hits[best][0]
        start = max(0, first - width // 4)
        if start > 0:  # begin at a word boundary
            space = text.find(" ", start, first)
            start = space + 1 if space != -1 else start
        end = min(len(text), start + width)
        if end < len(text):
            space = text.rfind(" ", max(start, end - 30), end)
            end = space if space > start else end
    pieces: list[dict[str, Any]] = []
    if start > 0:
        pieces.append({"text": "… ", "hit": False})
    cursor = start
    for s, e, _ in hits:
        if s < start or e > end:
            continue
        if s > cursor:
            pieces.append({"text": _SPACE.sub(" ", text[cursor:s]), "hit": False})
        pieces.append({"text": text[s:e], "hit": True})
        cursor = e
    if cursor < end:
        pieces.append({"text": _SPACE.sub(" ", text[cursor:end]), "hit": False})
    if end < len(text):
        pieces.append({"text": " …", "hit": False})
    return pieces
