"""Article dates at the precision the source gives them, flagged rather than rejected when odd."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "januar": 1, "jan": 1, "jänner": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3,
    "mrz": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))

_ISO = re.compile(
    r"(?P<y>\d{4})(?:[-/](?P<m>\d{1,2})(?:[-/](?P<d>\d{1,2}))?)?"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC)?)?"
)
_GERMAN_NUMERIC = re.compile(r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})(?:,?\s+\d{1,2}[:.]\d{2}.*)?")
_GERMAN_LONG = re.compile(
    rf"(?:\w+,\s*)?(?P<d>\d{{1,2}})\.\s*(?P<mname>{_MONTH_NAMES})\.?\s+(?P<y>\d{{4}})(?:,?\s+.*)?",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(rf"(?P<mname>{_MONTH_NAMES})\.?\s+(?P<y>\d{{4}})", re.IGNORECASE)

EARLIEST_PLAUSIBLE_YEAR = 1900

DAY, MONTH, YEAR = "day", "month", "year"


@dataclass(frozen=True)
class ParsedDate:
    """`value` is ISO text at `precision` (`2023-11` for a month); `flag` says what is odd."""

    value: str | None
    precision: str | None
    raw: str | None
    flag: str | None = None


def parse_date(raw: str | None, today: dt.date | None = None) -> ParsedDate:
    """Parse a date as sources write it; never raises.

    Flags: `unparsed` (no date could be read, e.g. "gestern"), `invalid` (e.g. 2021-02-30),
    `too_early` (before 1900), `in_future` (after `today`). Parsed values are kept even when
    flagged, so nothing the source said is lost.
    """
    if raw is None:
        return ParsedDate(None, None, None)
    text = str(raw).strip()
    if not text:
        return ParsedDate(None, None, None)
    parts = _match_parts(text)
    if parts is None:
        return ParsedDate(None, None, text, "unparsed")
    year, month, day = parts
    try:
        first_day = dt.date(year, month or 1, day or 1)
    except ValueError:
        return ParsedDate(None, None, text, "invalid")
    if day:
        value, precision = first_day.isoformat(), DAY
    elif month:
        value, precision = f"{year:04d}-{month:02d}", MONTH
    else:
        value, precision = f"{year:04d}", YEAR
    today = today or dt.date.today()
    flag = None
    if year < EARLIEST_PLAUSIBLE_YEAR:
        flag = "too_early"
    elif first_day > today:
        flag = "in_future"
    return ParsedDate(value, precision, text, flag)


def _match_parts(text: str) -> tuple[int, int | None, int | None] | None:
    if m := _ISO.fullmatch(text):
        return int(m["y"]), _int(m["m"]), _int(m["d"])
    if m := _GERMAN_NUMERIC.fullmatch(text):
        return int(m["y"]), int(m["m"]), int(m["d"])
    if m := _GERMAN_LONG.fullmatch(text):
        return int(m["y"]), MONTHS[m["mname"].lower()], int(m["d"])
    if m := _MONTH_YEAR.fullmatch(text):
        return int(m["y"]), MONTHS[m["mname"].lower()], None
    return None


def _int(value: str | None) -> int | None:
    return int(value) if value else None


_FILENAME_DATE = re.compile(r"\((\d{4}-\d{2}-\d{2})\)")


def date_in_filename(name: str) -> str | None:
    """The `(YYYY-MM-DD)` a file name carries, as WIKINEWS files do: `… (2005-08-05).json`."""
    found = _FILENAME_DATE.findall(name)
    return found[-1] if found else None
