import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.nlp.dates import find_dates, nearest_date, parse_article_date, resolve_date


@pytest.mark.parametrize("text, article, expected", [
    # the examples
    ("Eine solche Erklärung wurde am 2. Dezember, von US-Außenminister Anthony Blinken abgegeben.", "2021-12",
     ("2021-12-02", "day")),
    ("Im April hatte Wladimir Putin betont, dass sich die Beziehungen in einer tiefen Krise befänden.", "2023-11",
     ("2023-04", "month")),
    ("Die beiden Staatschefs trafen sich ein einziges Mal – beim Genfer Gipfel im Jahr 2021.", "2023-11",
     ("2021", "year")),
    # explicit years
    ("Die Wahl ist für den 3. November 2020 angesetzt.", "2020-10", ("2020-11-03", "day")),
    ("Sie trafen sich am 02.12.2021 in Stockholm.", "2022-05", ("2021-12-02", "day")),
    ("Der Vertrag wurde im März 2019 gekündigt.", "2023-11", ("2019-03", "month")),
    ("Der Vertrag läuft im Februar 2026 aus.", "2024", ("2026-02", "month")),
    ("Seit 2003 herrscht Ruhe an der Grenze.", "2008-09-05", ("2003", "year")),
    ("2021", "2023-11", ("2021", "year")),
    # month and day without year: same year, or the previous one when it would lie after the article
    ("Anfang März reiste er nach Paris.", "2022-05-10", ("2022-03", "month")),
    ("Ende Dezember reiste er nach Paris.", "2022-05-10", ("2021-12", "month")),
    ("Am 20. Mai reiste er nach Paris.", "2022-05-10", ("2021-05-20", "day")),
    ("Am 2. Mai reiste er nach Paris.", "2022-05-10", ("2022-05-02", "day")),
    ("Im November war er in Genf.", "2023-11", ("2023-11", "month")),
    # relative expressions
    ("Im vergangenen Jahr kamen 100 Diplomaten.", "2023-11", ("2022", "year")),
    ("In diesem Jahr soll der Ausschuss beginnen.", "2019-01", ("2019", "year")),
    ("Im nächsten Jahr wird verhandelt.", "2019-01", ("2020", "year")),
    ("Im vergangenen Monat gab es Gespräche.", "2023-01", ("2022-12", "month")),
    ("Gestern traf er Lawrow.", "2021-12-17", ("2021-12-16", "day")),
    ("Heute traf er Lawrow.", "2021-12-17", ("2021-12-17", "day")),
    # 2021-12-17 is a Friday: the Sunday before is the 12th; a Friday is the article day itself
    ("Er sagte am Sonntag, die Lage sei ernst.", "2021-12-17", ("2021-12-12", "day")),
    ("Er sagte am Freitag, die Lage sei ernst.", "2021-12-17", ("2021-12-17", "day")),
    # a day-level expression in an article dated only to the month stays at the article's precision
    ("sagte Kremlsprecher Dmitri Peskow am Sonntag.", "2023-11", ("2023-11", "month")),
    ("Gestern traf er Lawrow.", "2023-11", ("2023-11", "month")),
    ("Letzte Woche traf er Lawrow.", "2021-12-17", ("2021-12-17", "day")),
    ("Nächste Woche trifft er Lawrow.", "2021-12", ("2021-12", "month")),
])
def test_resolves_against_the_article_date(text, article, expected):
    assert resolve_date(text, article) == expected


def test_future_or_intent_keeps_a_later_month_in_the_article_year():
    assert resolve_date("Er will im Dezember nach Moskau reisen.", "2023-11") == ("2022-12", "month")
    assert resolve_date("Er will im Dezember nach Moskau reisen.", "2023-11", future=True) == ("2023-12", "month")
    assert resolve_date("Er wird im Februar reisen.", "2023-11", future=True) == ("2024-02", "month")
    assert resolve_date("Wir treffen uns am Montag.", "2021-12-17", future=True) == ("2021-12-20", "day")


def test_no_expression_and_counts_that_look_like_years():
    assert resolve_date("Die Beziehungen sind auf Nullniveau.", "2023-11") is None
    assert resolve_date("Über 2000 Soldaten wurden verlegt.", "2023-11") is None
    assert resolve_date("Das kostet 1.500 Euro.", "2023-11") is None


def test_invalid_day_is_not_resolved():
    assert resolve_date("am 31. Februar", "2021-12") is None


def test_without_an_article_date_only_self_contained_dates_resolve():
    assert resolve_date("am 2. Dezember", None) is None
    assert resolve_date("am 2. Dezember 2021", None) == ("2021-12-02", "day")
    assert resolve_date("im Jahr 2021", None) == ("2021", "year")


def test_find_dates_gives_offsets_and_nearest_picks_the_closest():
    text = "Am 3. März 2020 sagte er, man werde sich im Jahr 2021 treffen."
    dates = find_dates(text, "2020-05")
    assert [(d.iso, d.precision, text[d.start:d.end]) for d in dates] == [
        ("2020-03-03", "day", "3. März 2020"), ("2021", "year", "im Jahr 2021")]
    trigger = text.index("treffen")
    assert nearest_date(dates, trigger, trigger + 7).iso == "2021"
    assert nearest_date([], 0, 1) is None


def test_article_precision_given_explicitly_caps_the_date():
    anchor = parse_article_date("2021-12-17", "month")
    assert (anchor.iso, anchor.precision) == ("2021-12", "month")
    assert resolve_date("gestern", "2021-12-17", precision="month") == ("2021-12", "month")


# -- the pre-check: a text without any word or digit a pattern needs has no date ----------------------------------

# one expression of each pattern, and words that are none
_EXPRESSIONS = ["am 2. Dezember 2021", "12.03.2021", "am 2. Dezember", "am 12.03.", "im April 2021", "Ende Mai",
                "im Jahr 2021", "im Sommer 2020", "im vergangenen Jahr", "im Vorjahr", "in diesem Monat", "gestern",
                "übermorgen", "am Montag", "am Sonnabend", "vom Mittwoch", "letzte Woche", "am Wochenende", "derzeit",
                "zurzeit", "aktuell", "Anfang 2021"]
_FILLERS = ["Russland", "sagte", "die", "Gespräche", "mit", "den", "USA", ",", "und", "Peskow"]


@pytest.mark.parametrize("expression", _EXPRESSIONS)
@settings(max_examples=25, deadline=None)
@given(before=st.lists(st.sampled_from(_FILLERS), max_size=8), after=st.lists(st.sampled_from(_FILLERS), max_size=8))
def test_the_pre_check_never_hides_a_date(expression, before, after):
    import re

    from lagebild.nlp import dates as module
    text = " ".join(before + [expression] + after)
    saved = module._ANY_DATE
    module._ANY_DATE = re.compile("")  # matches every text: the full search
    try:
        expected = find_dates(text, "2021-12-05", "day")
    finally:
        module._ANY_DATE = saved
    assert expected, text       # every expression is a date in itself
    assert find_dates(text, "2021-12-05", "day") == expected
