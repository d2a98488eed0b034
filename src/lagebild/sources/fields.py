"""Which field of a JSON object or CSV row holds the text, title, date, URL and outlet."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .article import Article, Rejection
from .dates import date_in_filename, parse_date
from .files import normalise_text
from .outlets import outlet_from_url, outlet_name

# Tried in order when no field option is given. They cover FANG-COVID (article, header, date,
# url, source) and the WIKINEWS quotation files (originalText, documentName, date in file name).
DEFAULT_FIELDS = {
    "text": ("text", "article", "originalText", "body", "content", "maintext", "fulltext"),
    "title": ("title", "header", "headline", "documentName", "heading"),
    "date": ("date", "published", "date_published", "datePublished", "pubdate", "publish_date", "created_at"),
    "url": ("url", "link", "source_url", "href"),
    "outlet": ("outlet", "source", "site", "sitename", "publisher", "domain", "newspaper"),
}

MAX_ARTICLE_CHARS = 2_000_000

_WIKINEWS_NAME = re.compile(r"^\d+ - (?P<title>.*?)(?: \((?P<date>\d{4}-\d{2}-\d{2})\))?$")


@dataclass(frozen=True)
class FieldMap:
    """Field names chosen by the user; None means "try the defaults"."""

    text: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None

    def candidates(self, role: str) -> tuple[str, ...]:
        chosen = getattr(self, role)
        return (chosen,) if chosen else DEFAULT_FIELDS[role]


def article_from_record(
    record: Mapping[str, Any],
    source_file: Path,
    locator: str,
    fields: FieldMap,
    encoding: str,
    today: dt.date | None = None,
) -> Article | Rejection:
    """Map one JSON object or CSV row to an Article, or say why it is not one."""
    where = str(source_file)
    text_field = _first_present(record, fields.candidates("text"))
    if text_field is None:
        looked = ", ".join(fields.candidates("text"))
        present = ", ".join(list(map(str, record))[:12]) or "none"
        return Rejection(where, f"no text field (looked for: {looked}; fields present: {present})", locator)
    text = record[text_field]
    if not isinstance(text, str):
        return Rejection(where, f"text field '{text_field}' is {type(text).__name__}, not a string", locator)
    if not text.strip():
        return Rejection(where, f"text field '{text_field}' is empty", locator)
    if len(text) > MAX_ARTICLE_CHARS:
        return Rejection(
            where, f"text of {len(text):,} characters exceeds the limit of {MAX_ARTICLE_CHARS:,} per article", locator
        )
    title = _string(record, fields.candidates("title"))
    date_raw = _string(record, fields.candidates("date"))
    if title and (m := _WIKINEWS_NAME.match(title)) and "documentName" in record:
        title = m["title"]
        date_raw = date_raw or m["date"]
    date_raw = date_raw or date_in_filename(source_file.name)
    parsed = parse_date(date_raw, today)
    url = _string(record, fields.candidates("url"))
    outlet_raw = _string(record, fields.candidates("outlet"))
    outlet, outlet_source = None, None
    if outlet_raw:
        outlet, outlet_source = outlet_name(outlet_raw), "field"
    elif url and (from_url := outlet_from_url(url)):
        outlet, outlet_source = from_url, "url"
    return Article(
        source_file=where,
        locator=locator,
        text=normalise_text(text),
        title=normalise_text(title) if title else None,
        date=parsed.value,
        date_precision=parsed.precision,
        date_raw=parsed.raw,
        date_flag=parsed.flag,
        url=url,
        outlet=outlet,
        outlet_source=outlet_source,
        encoding=encoding,
    )


def _first_present(record: Mapping[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        if name in record and record[name] is not None:
            return name
    return None


def _string(record: Mapping[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
