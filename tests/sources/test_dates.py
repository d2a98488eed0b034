import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lagebild.sources.dates import date_in_filename, parse_date

TODAY = dt.date(2026, 11, 21)


@pytest.mark.parametrize(
    ("raw", "value", "precision"),
    [
        ("2023-11", "2023-11", "month"),
        ("2023", "2023", "year"),
        ("2021-12-02", "2021-12-02", "day"),
        ("2020-11-13T16:31:47+01:00", "2020-11-13", "day"),
        ("2021-02-24 18:50:28", "2021-02-24", "day"),
        ("2.12.2021", "2021-12-02", "day"),
        ("02.12.2021, 14:30 Uhr", "2021-12-02", "day"),
        ("2. Dezember 2021", "2021-12-02", "day"),
        ("Donnerstag, 2. Dezember 2021", "2021-12-02", "day"),
        ("März 2020", "2020-03", "month"),
        ("2020/03/05", "2020-03-05", "day"),
    ],
)
def test_dates_keep_the_precision_given(raw, value, precision):
    parsed = parse_date(raw, TODAY)
    assert (parsed.value, parsed.precision, parsed.flag) == (value, precision, None)
    assert parsed.raw == raw


@pytest.mark.parametrize(
    ("raw", "value", "flag"),
    [
        ("1680", "1680", "too_early"),
        ("2099", "2099", "in_future"),
        ("2099-01-01", "2099-01-01", "in_future"),
        ("gestern", None, "unparsed"),
        ("vor 3 Stunden", None, "unparsed"),
        ("2021-02-30", None, "invalid"),
        ("2021-13", None, "invalid"),
    ],
)
def test_odd_dates_are_kept_and_flagged(raw, value, flag):
    parsed = parse_date(raw, TODAY)
    assert parsed.value == value
    assert parsed.flag == flag
    assert parsed.raw == raw


def test_missing_date_is_no_date_and_no_flag():
    assert parse_date(None).value is None and parse_date(None).flag is None
    assert parse_date("  ").value is None


def test_date_from_wikinews_file_name():
    assert date_in_filename("10022 - Neil Armstrong wird 75 (2005-08-05).json") == "2005-08-05"
    assert date_in_filename("artikel.json") is None


@given(st.text(max_size=40))
def test_parse_date_never_raises(raw):
    parsed = parse_date(raw, TODAY)
    assert parsed.value is None or parsed.precision in ("year", "month", "day")


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY))
def test_iso_day_round_trips(day):
    parsed = parse_date(day.isoformat(), TODAY)
    assert (parsed.value, parsed.precision, parsed.flag) == (day.isoformat(), "day", None)
