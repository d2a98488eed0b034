import datetime as dt
import gzip
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.sources import Article, FieldMap, Rejection, choose_format, read_file
from lagebild.sources.files import MAX_DOCUMENT_BYTES

from ..conftest import shared_path, write_seed

TODAY = dt.date(2026, 11, 21)


def read(path: Path, fields: FieldMap = FieldMap(), walked: bool = False) -> list[Article | Rejection]:
    fmt = choose_format(path, walked)
    assert fmt is not None
    return list(read_file(path, fmt, fields, TODAY))


def articles(items):
    return [i for i in items if isinstance(i, Article)]


def rejections(items):
    return [i for i in items if isinstance(i, Rejection)]


# -- the seed format ---------------------------------------------------------------------------


def test_seed_file_gives_date_at_month_precision_title_and_body(tmp_path):
    path = write_seed(tmp_path, "a.txt", "2023-11", "Peskow: Beziehungen auf Nullniveau", "Es gebe keine Beziehungen.")
    [article] = read(path)
    assert article.date == "2023-11" and article.date_precision == "month"
    assert article.title == "Peskow: Beziehungen auf Nullniveau"
    assert article.text == "Es gebe keine Beziehungen."
    assert article.locator == "-" and article.source_file == str(path)


def test_seed_header_without_leading_space_and_with_day(tmp_path):
    path = tmp_path / "b.txt"
    path.write_text("date 2021-12-02 Titel\n\nText.\n", encoding="utf-8")
    [article] = read(path)
    assert (article.date, article.date_precision, article.title) == ("2021-12-02", "day", "Titel")


def test_plain_text_without_header_is_an_undated_article(tmp_path):
    path = tmp_path / "c.txt"
    path.write_text("Berlin. Die Regierung hat entschieden.\n", encoding="utf-8")
    [article] = read(path)
    assert article.date is None and article.title is None
    assert article.text.startswith("Berlin.")


def test_seed_with_header_but_no_body_is_rejected(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(" date 2021-12 Nur ein Titel\n\n", encoding="utf-8")
    [rejection] = read(path)
    assert isinstance(rejection, Rejection) and "no article text" in rejection.reason


def test_shared_seeds_have_month_dates(seeds_dir):
    found = [a for p in sorted(seeds_dir.glob("*.txt")) for a in articles(read(p, walked=True))]
    assert sorted(a.date for a in found) == ["2020-10", "2021-12", "2023-11"]
    assert {a.date_precision for a in found} == {"month"}


_line = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=60)
_body = st.lists(_line, min_size=1, max_size=8).map("\n".join).filter(lambda s: s.strip("\n").strip())


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    date=st.one_of(
        st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY).map(dt.date.isoformat),
        st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY).map(lambda d: d.strftime("%Y-%m")),
        st.integers(1900, 2026).map(str),
    ),
    title=_line.filter(lambda s: s.strip() == s and "\n" not in s),
    body=_body,
)
def test_seed_round_trip(tmp_path, date, title, body):
    path = tmp_path / "prop.txt"
    path.write_bytes(f" date {date} {title}\n\n{body}".encode("utf-8"))
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.date == date and article.date_flag is None
    assert article.title == title
    import unicodedata

    assert article.text == unicodedata.normalize("NFC", body.strip("\n"))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_any_bytes_give_articles_or_rejections_never_an_exception(tmp_path, data):
    path = tmp_path / "any.txt"
    path.write_bytes(data)
    items = read(path)
    assert items and all(isinstance(i, (Article, Rejection)) for i in items)


# -- bad input ---------------------------------------------------------------------------------


def test_binary_file_is_rejected(tmp_path):
    path = tmp_path / "bild.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    [rejection] = read(path)
    assert isinstance(rejection, Rejection) and rejection.reason == "binary file, not text"


def test_cp1252_text_is_decoded_correctly(tmp_path):
    body = "„Wir müssen reden“, sagte der Außenminister – über Größe und Maß."
    path = write_seed(tmp_path, "alt.txt", "2020-03", "Grüße aus Köln", body, encoding="cp1252")
    [article] = read(path)
    assert article.text == body and article.title == "Grüße aus Köln"
    assert article.encoding == "cp1252"


def test_latin1_text_is_decoded_correctly(tmp_path):
    body = "Die Bürger äußerten Unmut über die Maßnahmen."
    path = write_seed(tmp_path, "l1.txt", "2020-03", "Ärger", body, encoding="latin-1")
    [article] = read(path)
    assert article.text == body


def test_empty_file_is_rejected(tmp_path):
    path = tmp_path / "leer.jsonl"
    path.write_bytes(b"")
    [rejection] = read(path)
    assert rejection.reason == "empty file"


def test_whitespace_only_file_is_rejected(tmp_path):
    path = tmp_path / "leer.txt"
    path.write_text("  \n\n ", encoding="utf-8")
    assert read(path)[0].reason == "empty file"


def test_single_article_file_over_the_limit_is_rejected_without_reading_it(tmp_path):
    path = tmp_path / "riesig.txt"
    with path.open("wb") as handle:
        handle.write(b" date 2020-01 Gross\n\n")
        chunk = "Die Regierung beriet über die Lage in Europa. ".encode() * 20_000
        while handle.tell() < 50 * 2**20:
            handle.write(chunk)
    [rejection] = read(path)
    assert "single-article files are read up to" in rejection.reason and "MB;" in rejection.reason


def test_gzip_bomb_single_article_is_rejected(tmp_path):
    path = tmp_path / "bombe.txt.gz"
    with gzip.open(path, "wb") as handle:
        handle.write(b" date 2020-01 T\n\n" + b"a" * (MAX_DOCUMENT_BYTES + 10))
    [rejection] = read(path)
    assert "decompressed content exceeds" in rejection.reason


def test_50_mb_jsonl_file_is_streamed_completely(tmp_path):
    path = tmp_path / "gross.jsonl"
    text = "Die Regierung in Berlin beriet über die Lage. " * 110  # ~5 KB like a news article
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        while handle.tell() < 50 * 2**20:
            handle.write(json.dumps({"text": f"{count} {text}", "date": "2021-03-01"}) + "\n")
            count += 1
    items = read(path)
    assert len(articles(items)) == count and not rejections(items)


def test_malformed_jsonl_line_is_rejected_alone(tmp_path):
    path = tmp_path / "mix.jsonl"
    path.write_text(
        '{"text": "Erster Artikel.", "date": "2021-01-02"}\n'
        '{"text": "kaputt", \n'
        "\n"
        '{"text": "Dritter Artikel.", "title": "Drei"}\n'
        '["keine", "Objekt"]\n'
        '{"title": "ohne Text"}\n',
        encoding="utf-8",
    )
    items = read(path)
    assert [a.text for a in articles(items)] == ["Erster Artikel.", "Dritter Artikel."]
    reasons = {r.locator: r.reason for r in rejections(items)}
    assert reasons["line 2"].startswith("invalid JSON")
    assert reasons["line 5"] == "expected a JSON object, found list"
    assert reasons["line 6"].startswith("no text field")


def test_truncated_gzip_keeps_lines_before_the_break(tmp_path):
    full = gzip.compress("".join(json.dumps({"text": f"Artikel {i} " * 50}) + "\n" for i in range(200)).encode())
    path = tmp_path / "kaputt.jsonl.gz"
    path.write_bytes(full[: len(full) // 2])
    items = read(path)
    assert 0 < len(articles(items)) < 200
    assert "corrupt gzip" in rejections(items)[-1].reason


def test_csv_missing_text_column_is_rejected_with_columns_named(tmp_path):
    path = tmp_path / "tabelle.csv"
    path.write_text("titel,datum\nA,2020-01-01\n", encoding="utf-8")
    [rejection] = read(path)
    assert rejection.locator == "-"
    assert "no text column" in rejection.reason and "titel, datum" in rejection.reason


@pytest.mark.parametrize("raw,value,flag", [("1680", "1680", "too_early"), ("2099", "2099", "in_future"),
                                            ("gestern", None, "unparsed")])
def test_odd_dates_in_records_are_kept_and_flagged(tmp_path, raw, value, flag):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"text": "Ein Text.", "date": raw}) + "\n", encoding="utf-8")
    [article] = read(path)
    assert (article.date, article.date_raw, article.date_flag) == (value, raw, flag)


# -- JSON, CSV and HTML ------------------------------------------------------------------------


def test_json_list_and_single_object(tmp_path):
    many = tmp_path / "liste.json"
    many.write_text(json.dumps([{"body": "Eins."}, {"body": "Zwei."}, 3]), encoding="utf-8")
    items = read(many)
    assert [a.text for a in articles(items)] == ["Eins.", "Zwei."]
    assert rejections(items)[0].locator == "item 3"
    one = tmp_path / "eins.json"
    one.write_text(json.dumps({"content": "Allein.", "headline": "H"}), encoding="utf-8")
    [article] = read(one)
    assert (article.text, article.title) == ("Allein.", "H")


def test_field_options_choose_the_fields(tmp_path):
    path = tmp_path / "eigen.jsonl"
    path.write_text(json.dumps({"inhalt": "Text hier.", "tag": "2021-05-04", "kopf": "K", "adresse": "https://de.rt.com/x",
                                "zeitung": "Die Zeit"}) + "\n", encoding="utf-8")
    fields = FieldMap(text="inhalt", date="tag", title="kopf", url="adresse", outlet="zeitung")
    [article] = read(path, fields)
    assert (article.text, article.date, article.title, article.url, article.outlet) == (
        "Text hier.", "2021-05-04", "K", "https://de.rt.com/x", "Die Zeit")
    [rejected] = read(path, FieldMap(text="fehlt"))
    assert "no text field (looked for: fehlt" in rejected.reason


def test_outlet_from_known_url_host(tmp_path):
    path = tmp_path / "u.jsonl"
    path.write_text(json.dumps({"text": "T.", "url": "https://de.rt.com/international/1/"}) + "\n", encoding="utf-8")
    [article] = read(path)
    assert (article.outlet, article.outlet_source) == ("RT DE", "url")


def test_tsv_and_semicolon_csv(tmp_path):
    tsv = tmp_path / "a.tsv"
    tsv.write_text("title\ttext\tdate\nT\tDer Text, mit Komma.\t2020-02\n", encoding="utf-8")
    [article] = read(tsv)
    assert (article.text, article.date, article.locator) == ("Der Text, mit Komma.", "2020-02", "row 1")
    semi = tmp_path / "b.csv"
    semi.write_text('text;date\n"Zeile eins\nZeile zwei";2020\n', encoding="cp1252")
    [article] = read(semi)
    assert article.text == "Zeile eins\nZeile zwei"


def test_csv_row_with_wrong_cell_count_is_rejected_alone(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("text,date\nGut.,2020\nzu,viele,zellen\nAuch gut.,2021\n", encoding="utf-8")
    items = read(path)
    assert [a.text for a in articles(items)] == ["Gut.", "Auch gut."]
    assert rejections(items)[0].locator == "row 2"


def test_html_page_main_text_title_and_date(tmp_path):
    path = tmp_path / "seite.html"
    paragraphs = "".join(
        f"<p>Der Außenminister sagte am Montag in Berlin, die Gespräche mit Paris seien konstruktiv verlaufen. "
        f"Man wolle die Zusammenarbeit in Europa weiter vertiefen, Absatz {i}.</p>" for i in range(6)
    )
    path.write_text(
        "<html><head><title>Gespräche in Berlin | Zeitung</title>"
        '<meta property="article:published_time" content="2021-06-14T10:00:00+02:00"></head>'
        f"<body><nav><a href='/'>Startseite</a></nav><article><h1>Gespräche in Berlin</h1>{paragraphs}</article>"
        "<footer>Impressum Datenschutz</footer></body></html>",
        encoding="utf-8",
    )
    [article] = read(path)
    assert "Zusammenarbeit in Europa" in article.text and "Impressum" not in article.text
    assert article.date == "2021-06-14" and "Gespräche in Berlin" in article.title


def test_html_without_text_is_rejected(tmp_path):
    path = tmp_path / "leer.html"
    path.write_text("<html><head><script>var a = 1;</script></head><body> </body></html>", encoding="utf-8")
    [rejection] = read(path)
    assert rejection.reason == "no article text found in the HTML page"


def test_unknown_extension_is_skipped_in_a_folder_but_sniffed_when_named(tmp_path):
    path = tmp_path / "LICENSE"
    path.write_text("Some licence text.", encoding="utf-8")
    assert choose_format(path, walked=True) is None
    assert choose_format(path, walked=False) == "sniff"
    jsonl = tmp_path / "daten"
    jsonl.write_text('{"text": "A."}\n{"text": "B."}\n', encoding="utf-8")
    assert [a.text for a in read(jsonl)] == ["A.", "B."]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    records=st.lists(
        st.one_of(
            st.fixed_dictionaries({"text": st.text(min_size=1, max_size=80), "date": st.sampled_from(["2021-01", "gestern", "1680", ""])}),
            st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
        ),
        max_size=12,
    )
)
def test_jsonl_property_every_line_accounted_for(tmp_path, records):
    """Each non-blank line becomes exactly one article or one rejection naming its line."""
    path = tmp_path / "prop.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) if isinstance(r, dict) else r.replace("\n", " ") for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path)
    # a byte order mark is no content: a line holding only one is blank to the reader, like whitespace
    expected = [i for i, line in enumerate(lines, start=1) if line.replace("\ufeff", "").strip()]
    if not expected:
        assert len(items) == 1 and isinstance(items[0], Rejection)
        return
    assert [int(i.locator.split()[1]) for i in items] == expected
    for item, line in zip(items, [lines[i - 1] for i in expected]):
        if isinstance(item, Article):
            assert item.text == json.loads(line)["text"] or item.text.strip()


# -- the shared corpora --------------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.slow
def test_all_fang_covid_articles_are_read():
    path = shared_path("data", "fang-covid", "fang_covid_articles_text.jsonl.gz")
    items = read(path, walked=True)
    found = articles(items)
    assert len(found) == 41_242 and not rejections(items)
    rt = [a for a in found if a.outlet == "RT DE"]
    assert len(rt) == 2_442
    assert sum(a.date is not None for a in found) == len(found)


@pytest.mark.shared
def test_all_wikinews_files_are_read_with_title_and_date():
    folder = shared_path("data", "wikinews-quotes")
    files = sorted(folder.rglob("*.json"))
    assert len(files) == 850
    found = [a for f in files for a in articles(read(f, walked=True))]
    assert len(found) == 850
    example = next(a for a in found if "Neil Armstrong wird heute 75" in (a.title or ""))
    assert example.title == "Der Astronaut Neil Armstrong wird heute 75 Jahre alt"
    assert example.date == "2005-08-05"
    assert example.text.startswith("1969 betrat Neil Alden Armstrong")


def test_an_unexpected_reader_failure_rejects_only_that_file(tmp_path, monkeypatch):
    from lagebild.sources import readers

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")
        yield

    monkeypatch.setattr(readers, "read_seed", broken)
    path = write_seed(tmp_path, "a.txt", "2020", "T", "Text.")
    [rejection] = read(path)
    assert rejection.reason == "unexpected error while reading (RuntimeError: simulated bug)"
