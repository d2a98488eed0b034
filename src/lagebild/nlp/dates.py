"""German temporal expressions resolved against the article's date, at the precision the text gives.

`resolve_date("am 2. Dezember", "2021-12")` → `("2021-12-02", "day")`; `resolve_date("im April", "2023-11")` →
`("2023-04", "month")`; `resolve_date("beim Genfer Gipfel im Jahr 2021", "2023-11")` → `("2021", "year")`.
`find_dates(sentence, article_date)` gives every expression found in a sentence with its offsets, so that a caller
can take the one nearest to what it dates.

What is read (regular expressions over the text, case-insensitive where German allows it):

| expression | result |
|---|---|
| `2. Dezember 2021`, `02.12.2021`, `2.12.2021` | that day |
| `am 2. Dezember`, `2.12.` | that day; the year is inferred (below) |
| `im April 2023`, `Anfang März 2022`, `Ende Mai 2019` | that month |
| `im April`, `Anfang/Mitte/Ende März` | that month; the year is inferred |
| `im Jahr 2021`, `2021` after `im`, `seit`, `bis`, `vor`, `Anfang` … or as the whole expression | that year |
| `im vergangenen Jahr`, `letztes Jahr`, `im Vorjahr` / `in diesem Jahr` / `im nächsten Jahr` | article year −1 / 0 / +1 |
| `im vergangenen Monat`, `letzten Monat` / `in diesem Monat` / `nächsten Monat` | article month −1 / 0 / +1 (needs a month) |
| `heute`, `gestern`, `vorgestern`, `morgen`, `übermorgen` | article day ±n (needs a day; else the article date at its precision) |
| `am Montag` … `am Sonntag` | the latest such weekday before the article day (the next one in future/intent); needs a day |
| `letzte Woche`, `nächste Woche`, `am Wochenende`, `derzeit`, `jetzt` | the article date at its own precision |

Year inference for a month (or day) without a year: the article's year, unless that puts it after the article's date
— then the previous year ("im Dezember" in a 2023-11 article is 2022-12) — except when the sentence speaks of the
future or of an intent (`future=True`: "wird im Dezember reisen" → 2023-12).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "januar": 1, "jan": 1, "jänner": 1, "februar": 2, "feb": 2, "märz": 3, "mär": 3, "maerz": 3, "april": 4,
    "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}
WEEKDAYS = {"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonnabend": 5,
            "sonntag": 6}
PRECISIONS = ("year", "month", "day")

_MONTH = r"(?P<month>" + "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)\."
_B = r"(?<![\w.])"   # not inside a word or number
_E = r"(?![\w])"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("day_month_year", re.compile(_B + _DAY + r"\s*" + _MONTH + r"\s+" + _YEAR + _E, re.I)),
    ("numeric_full", re.compile(_B + r"(?P<day>[0-3]?\d)\.(?P<nmonth>[01]?\d)\.(?P<year>(?:19|20)\d\d)" + _E)),
    ("day_month", re.compile(_B + _DAY + r"\s*" + _MONTH + r"(?!\w)", re.I)),
    ("numeric_day_month", re.compile(r"\b(?:am|vom|bis zum|zum|seit dem)\s+(?P<day>[0-3]?\d)\.(?P<nmonth>[01]?\d)\.(?!\d)", re.I)),
    ("month_year", re.compile(r"\b(?:(?:Anfang|Mitte|Ende|im|seit|bis|ab)\s+)?" + _MONTH + r"\s+" + _YEAR + _E, re.I)),
    ("month", re.compile(r"\b(?P<lead>Anfang|Mitte|Ende|im|seit|bis|ab|vom|Monat)\s+" + _MONTH + r"(?!\w)", re.I)),
    ("year", re.compile(r"\b(?:im\s+Jahre?|Jahres|des\s+Jahres|Jahr|seit|bis|ab|vor|nach|Anfang|Mitte|Ende|im|in|von|"
                        r"Sommer|Herbst|Winter|Frühjahr|Frühling)\s+" + _YEAR + _E, re.I)),
    ("relative_year", re.compile(r"\b(?P<rel>(?:im\s+)?(?:vergangenen|letzten|vorigen|kommenden|nächsten|"
                                 r"laufenden)\s+Jahr|letztes\s+Jahr|voriges\s+Jahr|im\s+Vorjahr|"
                                 r"(?:in\s+)?diesem\s+Jahr|dieses\s+Jahr|nächstes\s+Jahr|kommendes\s+Jahr)\b", re.I)),
    ("relative_month", re.compile(r"\b(?P<rel>(?:im\s+)?(?:vergangenen|letzten|vorigen|kommenden|nächsten)\s+Monat|"
                                  r"(?:in\s+)?diesem\s+Monat|letzten\s+Monat|nächsten\s+Monat)\b", re.I)),
    ("relative_day", re.compile(r"\b(?P<rel>vorgestern|gestern|heute|übermorgen|morgen)\b", re.I)),
    ("weekday", re.compile(r"\b(?:am|vom|seit|bis)\s+(?:vergangenen\s+|kommenden\s+|letzten\s+|nächsten\s+)?"
                           r"(?P<weekday>Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag)\b")),
    ("vague", re.compile(r"\b(?P<rel>(?:letzte|vergangene|nächste|kommende|diese)\s+Woche|(?:am|an diesem)\s+Wochenende|"
                         r"derzeit|zurzeit|aktuell)\b", re.I)),
]
_BARE_YEAR = re.compile(r"^\s*" + _YEAR + r"\s*$")
# a word or digit every pattern needs (a superset: texts without any have no date, and most sentences have none)
_ANY_DATE = re.compile(r"\d|jahr|monat|gestern|heute|morgen|tag|mittwoch|sonnabend|woche|derzeit|zurzeit|aktuell|"
                       + "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True)), re.I)
_RELATIVE_DAYS = {"vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "übermorgen": 2}


@dataclass(frozen=True)
class DateMatch:
    """A temporal expression found in a text, resolved: `iso` at `precision`, and where it stands."""

    iso: str
    precision: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Anchor:
    year: int
    month: int | None
    day: int | None
    precision: str

    @property
    def iso(self) -> str:
        return _iso(self.year, self.month, self.day, self.precision)


def _iso(year: int, month: int | None, day: int | None, precision: str) -> str:
    if precision == "year":
        return f"{year:04d}"
    if precision == "month":
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_article_date(date: str | None, precision: str | None = None) -> _Anchor | None:
    """The article's date as an anchor; `precision` defaults to what the ISO text gives."""
    if not date:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", date.strip())
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
    found = "day" if day else "month" if month else "year"
    if precision not in PRECISIONS:
        precision = found
    if PRECISIONS.index(precision) > PRECISIONS.index(found):
        precision = found
    return _Anchor(year, month if precision != "year" else None, day if precision == "day" else None, precision)


def _valid(year: int, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _infer_year(anchor: _Anchor, month: int, day: int | None, future: bool) -> int:
    """The year of a month (and day) written without one: the article's, or the one before when that would lie
    after the article date (the next one when `future` and it would lie before)."""
    year = anchor.year
    if anchor.month is None:
        return year
    after = month > anchor.month or (
        month == anchor.month and day is not None and anchor.day is not None and day > anchor.day)
    before = month < anchor.month or (
        month == anchor.month and day is not None and anchor.day is not None and day < anchor.day)
    if after and not future:
        return year - 1
    if before and future:
        return year + 1
    return year


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _resolve(kind: str, m: re.Match[str], anchor: _Anchor, future: bool) -> tuple[str, str] | None:
    groups = m.groupdict()
    month = MONTHS.get((groups.get("month") or "").lower().rstrip(".")) if groups.get("month") else None
    if groups.get("nmonth"):
        month = int(groups["nmonth"])
    day = int(groups["day"]) if groups.get("day") else None
    year = int(groups["year"]) if groups.get("year") else None

    if kind in ("day_month_year", "numeric_full"):
        return (_iso(year, month, day, "day"), "day") if _valid(year, month, day) else None
    if kind in ("day_month", "numeric_day_month"):
        year = _infer_year(anchor, month, day, future)
        return (_iso(year, month, day, "day"), "day") if _valid(year, month, day) else None
    if kind == "month_year":
        return _iso(year, month, None, "month"), "month"
    if kind == "month":
        return _iso(_infer_year(anchor, month, None, future), month, None, "month"), "month"
    if kind == "year":
        return f"{year:04d}", "year"

    rel = (groups.get("rel") or "").lower()
    if kind == "relative_year":
        delta = -1 if re.search(r"vergangen|letzt|vorig|vorjahr", rel) else 1 if re.search(r"kommend|nächst", rel) else 0
        return f"{anchor.year + delta:04d}", "year"
    if kind == "relative_month":
        if anchor.month is None:
            return anchor.iso, anchor.precision
        delta = -1 if re.search(r"vergangen|letzt|vorig", rel) else 1 if re.search(r"kommend|nächst", rel) else 0
        y, mo = _shift_month(anchor.year, anchor.month, delta)
        return _iso(y, mo, None, "month"), "month"
    if kind == "relative_day":
        if anchor.precision != "day":
            return anchor.iso, anchor.precision
        d = dt.date(anchor.year, anchor.month, anchor.day) + dt.timedelta(days=_RELATIVE_DAYS[rel])
        return d.isoformat(), "day"
    if kind == "weekday":
        if anchor.precision != "day":
            return anchor.iso, anchor.precision
        base = dt.date(anchor.year, anchor.month, anchor.day)
        target = WEEKDAYS[groups["weekday"].lower()]
        lead = m.group(0).lower()
        forward = future or "kommenden" in lead or "nächsten" in lead
        if forward:
            delta = (target - base.weekday()) % 7 or 7
        else:
            delta = -((base.weekday() - target) % 7)  # the same weekday as the article day is that day
        return (base + dt.timedelta(days=delta)).isoformat(), "day"
    if kind == "vague":
        return anchor.iso, anchor.precision
    return None


def find_dates(text: str, article_date: str | None, precision: str | None = None, future: bool = False) -> list[DateMatch]:
    """Every temporal expression in `text`, resolved against the article date, in text order; where two overlap
    the more specific pattern (listed first) wins. Without a usable article date only expressions that carry
    their own year are resolved."""
    if not _ANY_DATE.search(text):
        return []
    anchor = parse_article_date(article_date, precision)
    taken: list[tuple[int, int]] = []
    found: list[DateMatch] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if anchor is None:
                if kind not in ("day_month_year", "numeric_full", "month_year", "year"):
                    continue
                anchor_for = _Anchor(1, None, None, "year")  # unused by the self-contained kinds
            else:
                anchor_for = anchor
            resolved = _resolve(kind, m, anchor_for, future)
            if resolved is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMatch(resolved[0], resolved[1], m.start(), m.end(), m.group(0)))
    if not found and (bare := _BARE_YEAR.match(text)):
        found.append(DateMatch(bare["year"], "year", bare.start("year"), bare.end("year"), bare["year"]))
    return sorted(found, key=lambda d: d.start)


def resolve_date(
    expression: str, article_date: str | None, precision: str | None = None, future: bool = False
) -> tuple[str, str] | None:
    """`(iso, precision)` of the first temporal expression in `expression` (a phrase or a whole sentence), or
    None when there is none."""
    found = find_dates(expression, article_date, precision, future)
    return (found[0].iso, found[0].precision) if found else None


def nearest_date(dates: list[DateMatch], start: int, end: int) -> DateMatch | None:
    """The date expression closest to the character range `start`–`end` (ties: the earlier one)."""
    if not dates:
        return None

    def distance(d: DateMatch) -> int:
        return 0 if d.start < end and start < d.end else min(abs(d.start - end), abs(start - d.end))

    return min(dates, key=distance)
