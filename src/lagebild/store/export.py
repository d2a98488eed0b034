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
    names = [d[0] for d in cursor.description]
    while rows := cursor.fetchmany(chunk):
        for row in rows:
            record = dict(zip(names, row))
            found = segments.get(record["article_id"], [])
            original = record.pop("text")
            record["text"] = clean_text(original, found)
            record["boilerplate"] = [_segment(s) for s in found if s.is_boilerplate]
            record["headings"] = [_segment(s) for s in found if not s.is_boilerplate]
            record["original_text"] = original
            yield {name: record.get(name) for name in ARTICLE_FIELDS}


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
