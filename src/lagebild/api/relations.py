"""Relations: the dyad series between two actors or states, and the evidence sentences behind each point."""

from __future__ import annotations

import copy
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query

from ..analysis import dyads
from .common import Limit, Offset, clean, cleaned, page
from .db import Cursor
from .deps import cursor
from .texts import text_ranges

router = APIRouter(prefix="/api/relations", tags=["relations"])

Period = Literal["month", "quarter", "year"]
DateBasis = Literal["article", "event"]
Party = Annotated[
    str,
    Query(pattern=r"^[A-Za-z]{2,8}$", description="ISO 3166 alpha-3 or organisation code (RUS, USA, EU, NATO)."),
]
PeriodLabel = Annotated[
    str, Query(pattern=r"^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$", description="`2021`, `2021-Q2` or `2021-06`.")
]
CONTEXT_CHARS = 400  # longest evidence context shown around the highlighted span


def relation_series(cur: Cursor, source: str, target: str, by: str = "month", both_directions: bool = False,
                    date: str = "article") -> list[dict[str, Any]]:
    def compute() -> list[dict[str, Any]]:
        frame = dyads.series(cur.store(), source, target, by=by, both_directions=both_directions, date=date)
        items = []
        for row in frame.to_dict("records"):
            row["evidence"] = list(row["evidence"])
            row["n_evidence"] = len(row["evidence"])
            items.append(clean(row))
        return items

    key = ("series", source.upper(), target.upper(), by, both_directions, date)
    return copy.deepcopy(cur.db.memo(key, compute))


def period_evidence(cur: Cursor, source: str, target: str, period: str, by: str = "month",
                    both_directions: bool = False, date: str = "article", limit: int = 50,
                    offset: int = 0) -> dict[str, Any]:
    rows = [r for r in relation_series(cur, source, target, by, both_directions, date) if r["period"] == period]
    ids = rows[0]["evidence"] if rows else []
    items = resolve_evidence(cur, ids[offset:offset + limit])
    return page(items, len(ids), limit, offset, period=period, source=source.upper(), target=target.upper())


def resolve_evidence(cur: Cursor, ids: list[str]) -> list[dict[str, Any]]:
    """Each id (an event, quote or statement) as its sentence(s) with the spans to highlight, relative to
    `context`, and the article it comes from."""
    found: dict[str, dict[str, Any]] = {}
    if not ids:
        return []
    if cur.has_table("events"):
        for r in cur.rows(
            'SELECT event_id AS id, article_id, quote_id, sentence_no, start, "end", category, mode, score, '
            "trigger_start, trigger_end, source_start, source_end, target_start, target_end, source_name, "
            "target_name, source_country, target_country FROM events WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
            [ids],
        ):
            marks = [(r["trigger_start"], r["trigger_end"], "trigger"), (r["source_start"], r["source_end"], "source"),
                     (r["target_start"], r["target_end"], "target")]
            label = f"{r['category']} ({r['mode']})"
            found[r["id"]] = {**r, "kind": "event", "label": label, "marks": marks}
    missing = [i for i in ids if i not in found]
    if missing and cur.has_table("quotes"):
        for r in cur.rows(
            'SELECT quote_id AS id, article_id, sentence_no, start, "end", spans, type, tone, speaker_start, '
            "speaker_end, cue_start, cue_end, speaker_name, addressee_name, addressee_country, speaker_country "
            "FROM quotes WHERE quote_id IN (SELECT unnest(?::VARCHAR[]))",
            [missing],
        ):
            marks = [(s, e, "quote") for s, e in (r["spans"] or [[r["start"], r["end"]]])]
            marks += [(r["speaker_start"], r["speaker_end"], "speaker"), (r["cue_start"], r["cue_end"], "cue")]
            found[r["id"]] = {**r, "kind": "quote", "label": r["type"], "marks": marks, "quote_id": r["id"]}
    missing = [i for i in ids if i not in found]
    if missing and cur.has_table("statements"):
        for r in cur.rows(
            'SELECT statement_id AS id, article_id, quote_id, sentence_no, start, "end", tone, basis, relation, '
            "source_country, target_country FROM statements WHERE statement_id IN (SELECT unnest(?::VARCHAR[]))",
            [missing],
        ):
            found[r["id"]] = {**r, "kind": "statement", "label": r["basis"], "marks": [(r["start"], r["end"], "statement")]}
    if not found:
        return []
    articles = {
        r["article_id"]: r for r in cur.rows(
            "SELECT article_id, title, date, outlet, n_chars FROM articles WHERE article_id IN "
            "(SELECT unnest(?::VARCHAR[]))",
            [sorted({f["article_id"] for f in found.values()})],
        )
    }
    spans = _sentence_spans(cur, list(found.values()))
    contexts: dict[str, tuple[str, int, int]] = {}
    for evidence_id in ids:
        item = found.get(evidence_id)
        if item is None or item["article_id"] not in articles:
            continue
        n_chars = articles[item["article_id"]]["n_chars"]
        start, end = spans.get(evidence_id, (item["start"], item["end"]))
        start, end = max(0, min(start, item["start"])), min(n_chars, max(end, item["end"]))
        if end - start > CONTEXT_CHARS:  # very long sentences: a window around the item
            start = max(0, item["start"] - 100)
            end = min(n_chars, max(item["end"], start + CONTEXT_CHARS))
        contexts[evidence_id] = (item["article_id"], start, end)
    texts = text_ranges(cur, list(contexts.values()))
    items = []
    for evidence_id in ids:
        if evidence_id not in contexts:
            continue
        item = found[evidence_id]
        article = articles[item["article_id"]]
        _, start, end = contexts[evidence_id]
        marks = sorted(
            {(max(s, start) - start, min(e, end) - start, kind) for s, e, kind in item.pop("marks")
             if s is not None and e is not None and e > start and s < end and e > s}
        )
        anchor = f"q-{item['quote_id']}" if item["kind"] == "quote" else f"e-{evidence_id}" if item["kind"] == "event" \
            else f"s-{evidence_id}"
        items.append({
            **{k: v for k, v in item.items() if not k.endswith(("_start", "_end")) and k != "spans"},
            "title": article["title"], "date": article["date"], "outlet": article["outlet"],
            "context": texts.get(contexts[evidence_id], ""), "context_start": start,
            "highlights": [{"start": s, "end": e, "kind": k} for s, e, k in marks],
            "url": f"/articles/{item['article_id']}#{anchor}",
        })
    return cleaned(items)


def _sentence_spans(cur: Cursor, items: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """The span of the sentences each item overlaps, in one query."""
    rows = cur.con.execute(
        "WITH v AS (SELECT unnest(?::VARCHAR[]) AS id, unnest(?::VARCHAR[]) AS article_id, "
        "unnest(?::INTEGER[]) AS s, unnest(?::INTEGER[]) AS e) "
        'SELECT v.id, min(t.start), max(t."end") FROM v JOIN sentences t ON t.article_id = v.article_id '
        'AND t.start < v.e AND t."end" > v.s GROUP BY v.id',
        [[i["id"] for i in items], [i["article_id"] for i in items], [i["start"] for i in items],
         [i["end"] for i in items]],
    ).fetchall()
    return {i: (s, e) for i, s, e in rows}


def top_pairs(cur: Cursor, limit: int = 20) -> list[dict[str, Any]]:
    """The most frequent source→target pairs of events and statements, to start exploring from."""
    parts = []
    if cur.has_table("events"):
        parts.append("SELECT source_country AS source, target_country AS target, 1 AS ev, 0 AS st FROM events "
                     "WHERE source_country IS NOT NULL AND target_country IS NOT NULL")
    if cur.has_table("statements"):
        parts.append("SELECT source_country, target_country, 0, 1 FROM statements")
    if not parts:
        return []
    return cur.rows(
        f"SELECT source, target, sum(ev)::INTEGER AS n_events, sum(st)::INTEGER AS n_statements FROM "
        f"({' UNION ALL '.join(parts)}) WHERE source <> target GROUP BY ALL "
        f"ORDER BY n_events + n_statements DESC, source, target LIMIT ?",
        [limit],
    )


def parties(cur: Cursor) -> list[str]:
    """Codes that occur as source or target, for choosing a dyad."""
    parts = []
    if cur.has_table("events"):
        parts += ["SELECT source_country AS c FROM events", "SELECT target_country FROM events"]
    if cur.has_table("statements"):
        parts += ["SELECT source_country FROM statements", "SELECT target_country FROM statements"]
    if not parts:
        return []
    return [r[0] for r in cur.con.execute(
        f"SELECT c FROM ({' UNION ALL '.join(parts)}) WHERE c IS NOT NULL GROUP BY c ORDER BY count(*) DESC, c LIMIT 300"
    ).fetchall()]


@router.get("", summary="Dyad series between two actors or states")
def api_relations(
    cur: Annotated[Cursor, Depends(cursor)],
    source: Party,
    target: Party,
    by: Annotated[Period, Query(description="Period length.")] = "month",
    both_directions: Annotated[bool, Query(description="Pool source→target and target→source.")] = False,
    date: Annotated[DateBasis, Query(description="Place events by the article's date or their own.")] = "article",
) -> dict[str, Any]:
    """One item per period with events or statements from `source` to `target`: `n_events`, `n_statements`,
    `score` (mean event score, −10 … +10), `tone` (mean statement tone, −1 … +1) and `evidence` (the ids of
    the events, quotes and statements behind it; resolve them with `/api/relations/evidence`)."""
    if source.upper() == target.upper() and not both_directions:
        raise HTTPException(status_code=422, detail="source and target must differ")
    items = relation_series(cur, source, target, by, both_directions, date)
    return {"items": items, "total": len(items), "source": source.upper(), "target": target.upper(), "by": by}


@router.get("/evidence", summary="The evidence behind one point of a dyad series")
def api_relation_evidence(
    cur: Annotated[Cursor, Depends(cursor)],
    source: Party,
    target: Party,
    period: PeriodLabel,
    by: Annotated[Period, Query(description="Period length.")] = "month",
    both_directions: bool = False,
    date: DateBasis = "article",
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The events, quotes and statements of one period of the series, each as its sentence (`context`) with
    the spans to highlight (`highlights`, offsets into `context`), its article and a link to the article view."""
    return period_evidence(cur, source, target, period, by, both_directions, date, limit, offset)


@router.get("/pairs", summary="The most frequent pairs")
def api_relation_pairs(cur: Annotated[Cursor, Depends(cursor)]) -> dict[str, Any]:
    items = top_pairs(cur)
    return {"items": items, "total": len(items)}
