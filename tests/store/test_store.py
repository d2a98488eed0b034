import duckdb
import pytest

import lagebild
from lagebild.records import ArticleRow, RejectionRow, SegmentRow, columns, Quote
from lagebild.store import Batch, Store, StoreError
from lagebild.store import migrations


def row(article_id: str, **changes) -> ArticleRow:
    values = dict(
        article_id=article_id, source_file="a.txt", locator="-", outlet=None, outlet_source=None, url=None,
        date="2021-12", date_precision="month", date_raw="2021-12", date_flag=None, title="T", text="Text.",
        encoding="utf-8", content_hash=f"h{article_id}", minhash=None, duplicate_of=None, duplicate_kind=None,
        duplicate_similarity=None, n_chars=5, n_tokens=2, n_sentences=1,
    )
    values.update(changes)
    return ArticleRow(**values)


def test_new_database_is_migrated_to_the_latest_version(tmp_path):
    path = tmp_path / "n.duckdb"
    with Store.open(path, write=True) as store:
        assert migrations.current_version(store.con) == migrations.LATEST
        versions = store.con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()
        assert [v for (v,) in versions] == [v for v, _, _ in migrations.available()]
    with Store.open(path, write=True) as store:  # reopening applies nothing twice
        assert store.con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(versions)


def test_opening_a_missing_database_read_only_says_how_to_create_it(tmp_path):
    with pytest.raises(StoreError, match="no database at .*lagebild analyze"):
        lagebild.open(tmp_path / "fehlt.duckdb")


def test_opening_a_non_database_file_is_a_clear_error(tmp_path):
    path = tmp_path / "kein.duckdb"
    path.write_text("das ist keine Datenbank", encoding="utf-8")
    with pytest.raises(StoreError, match="not a lagebild database|cannot open"):
        Store.open(path, write=True)


def test_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "neu.duckdb"
    with Store.open(path, write=True) as store:
        store.con.execute("INSERT INTO schema_migrations VALUES (999, '999_future.sql', current_timestamp)")
    with pytest.raises(StoreError, match="newer than this lagebild"):
        Store.open(path, write=True)


def test_outdated_database_must_be_migrated_before_reading(tmp_path):
    path = tmp_path / "alt.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
    con.close()
    with pytest.raises(StoreError, match="lagebild migrate"):
        lagebild.open(path)


def test_batch_is_written_in_one_transaction(tmp_path):
    with Store.open(tmp_path / "t.duckdb", write=True) as store:
        run = store.start_run("test")
        store.write_batch(run, Batch([row("a")], [SegmentRow("a", "agency", 0, 3, "dpa", True)], [],
                                     [RejectionRow("x.bin", "-", "binary file, not text")]))
        with pytest.raises(duckdb.ConstraintException):
            # the second article repeats a primary key: nothing of this batch may remain
            store.write_batch(run, Batch([row("b"), row("a")], [SegmentRow("b", "agency", 0, 3, "AFP", True)], [], []))
        assert store.known_article_ids() == {"a"}
        assert len(store.segments()) == 1
        assert store.rejections()["reason"].tolist() == ["binary file, not text"]


def test_rejections_are_recorded_once_with_first_and_last_run(tmp_path):
    with Store.open(tmp_path / "r.duckdb", write=True) as store:
        for _ in range(2):
            run = store.start_run("test")
            store.write_batch(run, Batch([], [], [], [RejectionRow("x.csv", "-", "no text column")]))
        [rejection] = store.rejections().to_dict("records")
        assert (rejection["first_run"], rejection["last_run"]) == (1, 2)


def test_frames_of_what_has_not_landed_are_empty_with_columns(tmp_path):
    path = tmp_path / "e.duckdb"
    Store.open(path, write=True).close()
    db = lagebild.open(path)
    assert db.articles().empty
    quotes = db.quotes()
    assert quotes.empty and list(quotes.columns) == columns(Quote)
    for frame in (db.actors(), db.events(), db.relations()):
        assert frame.empty and len(frame.columns) > 3


def test_read_only_store_refuses_writes(tmp_path):
    path = tmp_path / "ro.duckdb"
    Store.open(path, write=True).close()
    with lagebild.open(path) as db, pytest.raises(StoreError, match="read-only"):
        db.start_run("x")


def test_date_start_orders_mixed_precisions(tmp_path):
    with Store.open(tmp_path / "d.duckdb", write=True) as store:
        run = store.start_run("t")
        store.write_batch(run, Batch([
            row("y", date="2021", date_precision="year"),
            row("d", date="2020-05-17", date_precision="day"),
            row("n", date=None, date_precision=None),
        ], [], [], []))
        assert store.articles()["article_id"].tolist() == ["d", "y", "n"]
