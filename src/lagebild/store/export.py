"""Exports that load straight into pandas, R or a spreadsheet: JSON Lines, CSV, Parquet."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..sources.boilerplate import Segment, clean_text
from .store import Store

FORMATS = ("jsonl", "csv", "parquet")

ARTICLE_FIELDS = (
    "article_id", "source_file", "locator", "outlet", "url", "date", "date_precision", "date_flag", "title",
    "text", "boilerplate", "headings", "duplicate_of", "duplicate_kind", "duplicate_similarity",
    "n_tokens", "n_sentences", "original_text",
)

_SEGMENT = pa.list_(pa.struct([("kind", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
                               ("text", pa.string())]))
ARTICLE_SCHEMA = pa.schema([
    (name, _SEGMENT if name in ("boilerplate", "headings") else
     pa.float64() if name == "duplicate_similarity" else
     pa.int32() if name.startswith("n_") else pa.string())
    for name in ARTICLE_FIELDS
])


def article_records(store: Store, chunk: int = 2000) -> Iterator[dict[str, Any]]:
    """One dict per article: `text` without boilerplate, `boilerplate` and `headings` as
    `{kind, start, end, text}` with offsets into `original_text`."""
    segments: dict[str, list[Segment]] = defaultdict(list)
    for article_id, kind, start, end, text in store.con.execute(
        'SELECT article_id, kind, start, "end", text FROM segments ORDER BY article_id, start'
    ).fetchall():
        segments[article_id].append(Segment(kind, start, end, text))
    cursor = store.con.execute(
        "SELECT article_id, source_file, locator, outlet, url, date, date_precision, date_flag, title, text, "
        "duplicate_of, duplicate_kind, duplicate_similarity, n_tokens, n_sentences FROM articles "
        "ORDER BY date_start NULLS LAST, source_file, locator"
    )
    for record in _dicts(cursor, chunk):
        found = segments.get(record["article_id"], [])
        original = record.pop("text")
        record["text"] = clean_text(original, found)
        record["boilerplate"] = [_segment(s) for s in found if s.is_boilerplate]
        record["headings"] = [_segment(s) for s in found if not s.is_boilerplate]
        record["original_text"] = original
        yield {name: record.get(name) for name in ARTICLE_FIELDS}


def _dicts(cursor, chunk: int = 2000) -> Iterator[dict[str, Any]]:
    """The rows of an executed DuckDB cursor as dicts by column name, fetched `chunk` at a time."""
    names = [d[0] for d in cursor.description]
    while rows := cursor.fetchmany(chunk):
        for row in rows:
            yield dict(zip(names, row))


def _segment(segment: Segment) -> dict[str, Any]:
    return {"kind": segment.kind, "start": segment.start, "end": segment.end, "text": segment.text}


def write_records(
    records: Iterator[dict[str, Any]], fmt: str, out: IO[str] | Path, schema: pa.Schema | None = None
) -> int:
    """Write records as `fmt` to a text stream (jsonl, csv) or a file path (any format).

    Parquet needs `schema` so that a chunk whose column happens to be all null keeps its type."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise ValueError("parquet is binary: give a file with --out")
        if schema is None:
            raise ValueError("parquet export needs a schema")
        return _write_parquet(records, out, schema)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            return write_records(records, fmt, handle)
    count = 0
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            count += 1
        return count
    writer: csv.DictWriter | None = None
    for record in records:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(record))
            writer.writeheader()
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                         for k, v in record.items()})
        count += 1
    return count


def _write_parquet(records: Iterator[dict[str, Any]], path: Path, schema: pa.Schema, chunk: int = 2000) -> int:
    count = 0
    buffer: list[dict[str, Any]] = []
    with pq.ParquetWriter(path, schema) as writer:
        for record in records:
            buffer.append(record)
            count += 1
            if len(buffer) >= chunk:
                writer.write_table(pa.Table.from_pylist(buffer, schema=schema))
                buffer.clear()
        writer.write_table(pa.Table.from_pylist(buffer, schema=schema))
    return count


# -- quotations and actors ---------------------------------------------------------------------

QUOTE_FIELDS = (
    "quote_id", "article_id", "source_file", "date", "outlet", "text", "type", "medium", "spans", "sentence",
    "cue", "speaker", "addressee", "frame", "nested_in",
)
_PLACE = [("text", pa.string()), ("start", pa.int32()), ("end", pa.int32())]
_ACTOR_PLACE = pa.struct(_PLACE + [("name", pa.string()), ("role", pa.string()), ("country", pa.string()),
                                   ("actor_id", pa.string())])
QUOTE_SCHEMA = pa.schema([
    ("quote_id", pa.string()), ("article_id", pa.string()), ("source_file", pa.string()), ("date", pa.string()),
    ("outlet", pa.string()), ("text", pa.string()), ("type", pa.string()), ("medium", pa.string()),
    ("spans", pa.list_(pa.list_(pa.int32()))), ("sentence", pa.string()), ("cue", pa.struct(_PLACE)),
    ("speaker", _ACTOR_PLACE), ("addressee", _ACTOR_PLACE), ("frame", pa.string()), ("nested_in", pa.string()),
])


def quote_records(store: Store, chunk: int = 2000) -> Iterator[dict[str, Any]]:
    """One dict per quotation, in article date order: `spans` are [start, end] offsets into the article's
    original text; `sentence` is the text of the sentence the quotation starts in; `cue`, `speaker`,
    `addressee` are objects with offsets (speaker and addressee with the resolved name, role, country and
    actor id) or null."""
    if not store.has_table("quotes"):
        return
    cursor = store.con.execute(
        "SELECT q.*, a.source_file, a.date, a.outlet, "
        "substr(a.text, s.start + 1, s.\"end\" - s.start) AS sentence "
        "FROM quotes q JOIN articles a USING (article_id) "
        "LEFT JOIN sentences s ON s.article_id = q.article_id AND s.sentence_no = q.sentence_no "
        "ORDER BY a.date_start NULLS LAST, a.source_file, a.locator, q.start, q.quote_id"
    )
    for r in _dicts(cursor, chunk):
        yield {
            "quote_id": r["quote_id"], "article_id": r["article_id"], "source_file": r["source_file"],
            "date": r["date"], "outlet": r["outlet"], "text": r["text"], "type": r["type"],
            "medium": r["medium"], "spans": [list(s) for s in r["spans"]], "sentence": r["sentence"],
            "cue": _place(r, "cue"), "speaker": _actor_place(r, "speaker"),
            "addressee": _actor_place(r, "addressee"), "frame": r["frame_text"], "nested_in": r["nested_in"],
        }


def _place(r: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if r[f"{prefix}_text"] is None:
        return None
    return {"text": r[f"{prefix}_text"], "start": r[f"{prefix}_start"], "end": r[f"{prefix}_end"]}


def _actor_place(r: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    place = _place(r, prefix)
    if place is None:
        return None
    place.update(name=r[f"{prefix}_name"], role=r[f"{prefix}_role"], country=r[f"{prefix}_country"],
                 actor_id=r[f"{prefix}_actor_id"])
    return place


ACTOR_FIELDS = ("actor_id", "name", "kind", "role", "country", "agent_type", "aliases", "n_mentions", "n_quotes")
ACTOR_SCHEMA = pa.schema([
    ("actor_id", pa.string()), ("name", pa.string()), ("kind", pa.string()), ("role", pa.string()),
    ("country", pa.string()), ("agent_type", pa.string()), ("aliases", pa.list_(pa.string())),
    ("n_mentions", pa.int32()), ("n_quotes", pa.int32()),
])


def actor_records(store: Store) -> Iterator[dict[str, Any]]:
    """One dict per actor of the registry, most mentioned first."""
    if not store.has_table("actors"):
        return
    cursor = store.con.execute(
        f"SELECT {', '.join(ACTOR_FIELDS)} FROM actors ORDER BY n_mentions DESC, name, actor_id"
    )
    for record in _dicts(cursor):
        record["aliases"] = list(record["aliases"] or [])
        yield record


# -- dyad series (lagebild export relations) -------------------------------------------------------------------

RELATION_FIELDS = ("period", "source", "target", "n_events", "n_statements", "score", "tone", "evidence")
RELATION_SCHEMA = pa.schema([
    ("period", pa.string()), ("source", pa.string()), ("target", pa.string()), ("n_events", pa.int32()),
    ("n_statements", pa.int32()), ("score", pa.float64()), ("tone", pa.float64()), ("evidence", pa.list_(pa.string())),
])


def relation_records(store: Store, source: str, target: str, by: str = "month", both_directions: bool = False,
                     date: str = "article") -> list[dict[str, Any]]:
    """The dyad series of `lagebild.analysis.dyads.series` as plain records (one per period)."""
    from ..analysis.dyads import series

    frame = series(store, source, target, by=by, both_directions=both_directions, date=date)
    records = []
    for row in frame.itertuples(index=False):
        records.append({
            "period": row.period, "source": row.source, "target": row.target, "n_events": int(row.n_events),
            "n_statements": int(row.n_statements),
            "score": None if row.score is None or row.score != row.score else round(float(row.score), 4),
            "tone": None if row.tone is None or row.tone != row.tone else round(float(row.tone), 4),
            "evidence": list(row.evidence),
        })
    return records
