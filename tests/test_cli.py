import csv
import io
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from lagebild.cli import app

from .conftest import DEMO_CORPUS

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    from .conftest import shared_path

    seeds = shared_path("seeds")
    db = tmp_path_factory.mktemp("cli") / "x.duckdb"
    result = invoke("analyze", seeds, "--db", db)
    assert result.exit_code == 0, result.output
    return db


def test_analyze_prints_a_summary(seeds_db, tmp_path):
    result = invoke("analyze", seeds_db.parent.parent / "nothing-here", "--db", tmp_path / "n.duckdb")
    assert result.exit_code == 2
    assert "no such file or directory" in result.output
    assert "rejected files" in result.output


def test_export_articles_jsonl_matches_the_acceptance(seeds_db):
    result = invoke("export", "articles", "--db", seeds_db, "--format", "jsonl")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3
    assert sorted(r["date"] for r in records) == ["2020-10", "2021-12", "2023-11"]
    assert {r["date_precision"] for r in records} == {"month"}
    assert all(r["outlet"] for r in records)
    for r in records:
        assert "Mehr zum Thema" not in r["text"] and "©" not in r["text"] and "ak/sna/ae" not in r["text"]
        for segment in r["boilerplate"]:
            assert r["original_text"][segment["start"]:segment["end"]] == segment["text"]
        assert set(r) >= {"article_id", "source_file", "outlet", "date", "title", "text", "boilerplate"}


def test_export_csv_and_parquet_load_in_pandas(seeds_db, tmp_path):
    result = invoke("export", "articles", "--db", seeds_db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 3 and json.loads(rows[0]["boilerplate"]) is not None
    out = tmp_path / "a.parquet"
    result = invoke("export", "articles", "--db", seeds_db, "--format", "parquet", "--out", out)
    assert result.exit_code == 0
    frame = pd.read_parquet(out)
    assert len(frame) == 3 and "boilerplate" in frame.columns
    assert pq.read_schema(out).field("date").type == "string"
    csv_file = tmp_path / "a.csv"
    invoke("export", "articles", "--db", seeds_db, "--format", "csv", "--out", csv_file)
    assert len(pd.read_csv(csv_file)) == 3


def test_export_errors_are_clear(seeds_db, tmp_path):
    result = invoke("export", "articles", "--db", seeds_db, "--format", "xml")
    assert result.exit_code == 1 and "unknown format 'xml'" in result.output
    result = invoke("export", "articles", "--db", seeds_db, "--format", "parquet")
    assert result.exit_code == 1 and "--out" in result.output
    result = invoke("export", "articles", "--db", tmp_path / "fehlt.duckdb")
    assert result.exit_code == 1 and "no database at" in result.output


def test_info_lists_counts_outlets_and_rejections(seeds_db, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "leer.txt").write_text("", encoding="utf-8")
    (folder / "a.txt").write_text(" date 2022-01 T\n\nEin kurzer Artikel.\n", encoding="utf-8")
    db = tmp_path / "i.duckdb"
    invoke("analyze", folder, "--db", db)
    result = invoke("info", "--db", db)
    assert result.exit_code == 0
    assert "articles" in result.output and "leer.txt: empty file" in result.output
    result = invoke("info", "--db", seeds_db)
    assert "RT DE (2)" in result.output and "SNA (1)" in result.output


def test_help_texts_exist():
    for command in (["--help"], ["analyze", "--help"], ["export", "articles", "--help"], ["info", "--help"],
                    ["demo", "--help"], ["migrate", "--help"]):
        result = invoke(*command)
        assert result.exit_code == 0 and "Usage" in result.output


@pytest.mark.skipif(not DEMO_CORPUS.exists(), reason="demo corpus not present")
def test_demo_analyses_the_bundled_corpus(tmp_path):
    db = tmp_path / "demo.duckdb"
    result = invoke("demo", "--db", db)
    assert result.exit_code == 0, result.output
    assert "articles stored" in result.output
    import lagebild

    with lagebild.open(db) as store:
        articles = store.articles()
        assert len(articles) >= 40
        assert articles["date"].str[:4].nunique() >= 3
        assert (articles["duplicate_kind"] == "exact").sum() >= 1
        assert (articles["duplicate_kind"] == "near").sum() >= 1
        assert {"RT DE", "SNA"} <= set(articles["outlet"].dropna())
        assert {"related", "photo_credit", "teaser", "agency", "heading"} <= set(store.segments()["kind"])
