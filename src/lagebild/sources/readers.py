"""Readers for each input format; every one yields Articles, or Rejections that say why not."""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from .article import Article, Rejection
from .dates import parse_date
from .fields import MAX_ARTICLE_CHARS, FieldMap, article_from_record
from .files import (
    InputError,
    decode,
    decode_line,
    format_from_name,
    iter_lines,
    looks_binary,
    normalise_text,
    read_document,
    read_head,
)
from .outlets import outlet_from_url

Item = Article | Rejection
log = logging.getLogger("lagebild")

SEED_HEADER = re.compile(r"^[ \t]?date[ \t]+(?P<date>\S+)(?:[ \t]+(?P<title>.*?))?[ \t]*$")

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def choose_format(path: Path, walked: bool) -> str | None:
    """The reader for a file: by extension, or by sniffing a file the user named explicitly.

    Returns None for a file met while walking a directory whose extension is not an article
    format; such files are reported as skipped.
    """
    by_name = format_from_name(path)
    if by_name or walked:
        return by_name
    return "sniff"


def read_file(path: Path, fmt: str, fields: FieldMap, today: dt.date | None = None) -> Iterator[Item]:
    """Yield the articles of one file; any problem becomes a Rejection, never an exception."""
    where = str(path)
    try:
        head = read_head(path)
    except InputError as exc:
        yield Rejection(where, str(exc))
        return
    except OSError as exc:
        yield Rejection(where, f"cannot open: {exc.strerror or exc}")
        return
    if not head.strip():
        yield Rejection(where, "empty file")
        return
    if looks_binary(head):
        yield Rejection(where, "binary file, not text")
        return
    if fmt == "sniff":
        fmt = _sniff(head)
    reader = {"seed": read_seed, "jsonl": read_jsonl, "json": read_json, "csv": read_csv,
              "tsv": read_csv, "html": read_html}[fmt]
    yielded = 0
    try:
        for item in reader(path, fields, today):
            yielded += 1
            yield item
    except InputError as exc:
        yield Rejection(where, str(exc))
        return
    except OSError as exc:
        yield Rejection(where, f"read error: {exc}")
        return
    except Exception as exc:  # a reader bug or a library failure must not end the whole run
        log.exception("unexpected error while reading %s", where)
        yield Rejection(where, f"unexpected error while reading ({type(exc).__name__}: {exc})")
        return
    if not yielded:
        yield Rejection(where, "no articles in file (only blank content)")


def _sniff(head: bytes) -> str:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if text.startswith((b"<!doctype html", b"<html")) or b"<html" in text[:256]:
        return "html"
    if text.startswith(b"["):
        return "json"
    if text.startswith(b"{"):
        first_line = head.split(b"\n", 1)[0].strip()
        return "jsonl" if first_line.endswith(b"}") and b"\n{" in head else "json"
    return "seed"


def read_seed(path: Path, fields: FieldMap, today: dt.date | None = None) -> Iterator[Item]:
    """The seed format: ` date YYYY[-MM[-DD]] <title>`, then the body. Plain text otherwise."""
    text, encoding = decode(read_document(path))
    first, _, rest = text.partition("\n")
    header = SEED_HEADER.match(first.lstrip("\ufeff"))
    if header:
        parsed = parse_date(header["date"], today)
        title, body = header["title"] or None, rest
    else:
        parsed = parse_date(None)
        title, body = None, text
    body = body.strip("\n")
    if not body.strip():
        yield Rejection(str(path), "no article text after the date line" if header else "empty file")
        return
    if len(body) > MAX_ARTICLE_CHARS:
        yield Rejection(str(path), f"text of {len(body):,} characters exceeds the limit of {MAX_ARTICLE_CHARS:,}")
        return
    yield Article(
        source_file=str(path), locator="-", text=body, title=title,
        date=parsed.value, date_precision=parsed.precision, date_raw=parsed.raw, date_flag=parsed.flag,
        encoding=encoding,
    )


def read_jsonl(path: Path, fields: FieldMap, today: dt.date | None = None) -> Iterator[Item]:
    """One JSON object per line, streamed; a bad line is rejected alone."""
    for number, raw in iter_lines(path):
        line, encoding = decode_line(raw)
        if not line.strip():
            continue
        locator = f"line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(str(path), f"invalid JSON ({exc.msg} at column {exc.colno})", locator)
            continue
        yield _from_json_value(record, path, locator, fields, encoding, today)


def read_json(path: Path, fields: FieldMap, today: dt.date | None = None) -> Iterator[Item]:
    """A JSON document: one article object, or a list of them. JSON Lines in a .json file work too."""
    text, encoding = decode(read_document(path))
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            yield from _json_lines_from_text(text, path, fields, encoding, today)
            return
        raise InputError(f"invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from exc
    if isinstance(value, list):
        for index, record in enumerate(value, start=1):
            yield _from_json_value(record, path, f"item {index}", fields, encoding, today)
    else:
        yield _from_json_value(value, path, "-", fields, encoding, today)


def _json_lines_from_text(text, path, fields, encoding, today) -> Iterator[Item]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(str(path), f"invalid JSON ({exc.msg} at column {exc.colno})", f"line {number}")
            continue
        yield _from_json_value(record, path, f"line {number}", fields, encoding, today)


def _from_json_value(value, path, locator, fields, encoding, today) -> Item:
    if not isinstance(value, dict):
        return Rejection(str(path), f"expected a JSON object, found {type(value).__name__}", locator)
    return article_from_record(value, path, locator, fields, encoding, today)


def read_csv(path: Path, fields: FieldMap, today: dt.date | None = None) -> Iterator[Item]:
    """CSV or TSV with a header row, streamed; a missing text column rejects the whole file."""
    seen = {"encoding": "utf-8"}

    def text_lines() -> Iterator[str]:
        for _, raw in iter_lines(path):
            line, encoding = decode_line(raw)
            if encoding != "utf-8":
                seen["encoding"] = encoding
            yield line

    stream = text_lines()
    first = next(stream, "")
    delimiter = _delimiter(path, first)
    reader = csv.reader(_chain(first, stream), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        raise InputError("empty CSV (no header row)")
    header = [h.strip().lstrip("\ufeff") for h in header]
    if not any(name in header for name in fields.candidates("text")):
        looked = ", ".join(fields.candidates("text"))
        raise InputError(f"no text column (looked for: {looked}; columns: {', '.join(header)})")
    for row_number, row in enumerate(reader, start=1):
        if not any(cell.strip() for cell in row):
            continue
        locator = f"row {row_number}"
        if len(row) != len(header):
            yield Rejection(str(path), f"{len(row)} cells where the header has {len(header)}", locator)
            continue
        yield article_from_record(dict(zip(header, row)), path, locator, fields, seen["encoding"], today)


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _delimiter(path: Path, first_line: str) -> str:
    if format_from_name(path) == "tsv":
        return "\t"
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_html(path: Path, fields: FieldMap, today: dt.date | None = None) -> Iterator[Item]:
    """An HTML page: main text, title and date extracted by trafilatura (dates by htmldate)."""
    import trafilatura

    html, encoding = decode(read_document(path))
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    except Exception as exc:  # trafilatura raises assorted parser errors on broken markup
        raise InputError(f"HTML could not be parsed ({type(exc).__name__}: {exc})") from exc
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise InputError("no article text found in the HTML page")
    parsed = parse_date(getattr(doc, "date", None), today)
    url = getattr(doc, "url", None)
    outlet = getattr(doc, "sitename", None) or (outlet_from_url(url) if url else None)
    yield Article(
        source_file=str(path), locator="-", text=normalise_text(text),
        title=getattr(doc, "title", None), date=parsed.value, date_precision=parsed.precision,
        date_raw=parsed.raw, date_flag=parsed.flag, url=url, outlet=outlet,
        outlet_source="html" if outlet else None, encoding=encoding,
    )
