import pytest

from lagebild.analysis.dyads import COLUMNS, series
from lagebild.records import ArticleRow, Event, Statement
from lagebild.store import Batch, Store


def article(article_id, date, precision):
    return ArticleRow(
        article_id=article_id, source_file=f"{article_id}.txt", locator="-", outlet=None, outlet_source=None,
        url=None, date=date, date_precision=precision, date_raw=date, date_flag=None, title="T", text="Text.",
        encoding="utf-8", content_hash=f"h{article_id}", minhash=None, duplicate_of=None, duplicate_kind=None,
        duplicate_similarity=None, n_chars=5, n_tokens=2, n_sentences=1,
    )


def event(event_id, article_id, source, target, score, mode="actual", date=None, precision=None):
    return Event(
        event_id=event_id, article_id=article_id, quote_id=None, sentence_no=0, start=0, end=5, text="Text.",
        trigger_text="T", trigger_start=0, trigger_end=1, category="CONSULT", mode=mode,
        source_text=None, source_start=None, source_end=None, source_name=None, source_country=source,
        source_actor_id=None, target_text=None, target_start=None, target_end=None, target_name=None,
        target_country=target, target_actor_id=None, date=date, date_precision=precision, date_text=None,
        location=None, score=score,
    )


def statement(statement_id, article_id, source, target, tone, quote_id=None, basis="mention", relation=False):
    return Statement(
        statement_id=statement_id, article_id=article_id, quote_id=quote_id, sentence_no=0, start=0, end=5,
        text="Text.", speaker_country=source, source_country=source, target_country=target, basis=basis,
        relation=relation, tone=tone,
    )


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "d.duckdb", write=True)
    run = s.start_run("test")
    batch = Batch.empty()
    batch.articles += [article("a1", "2021-12-02", "day"), article("a2", "2021-12", "month"),
                       article("a3", "2023-11", "month"), article("a4", "2023", "year")]
    batch.events += [
        event("e1", "a1", "RUS", "USA", 4.0),
        event("e2", "a2", "USA", "RUS", -2.0),
        event("e3", "a3", "RUS", "USA", -5.0, date="2023-04", precision="month"),
        event("e4", "a3", "RUS", "USA", 7.0, mode="negated"),
        event("e5", "a4", "RUS", "USA", 1.0),
        event("e6", "a1", "RUS", "CHN", 3.0),
    ]
    batch.statements += [
        statement("s1", "a1", "RUS", "USA", 0.5, quote_id="q1", basis="addressee"),
        statement("s2", "a1", "RUS", "USA", 0.5, quote_id="q1", basis="mention"),  # same quote twice
        statement("s3", "a3", "RUS", "USA", -0.8, relation=True, basis="relation"),
        statement("s4", "a3", "USA", "RUS", -0.8, relation=True, basis="relation"),
    ]
    s.write_batch(run, batch)
    yield s
    s.close()


def test_one_direction_by_month(store):
    frame = series(store, "rus", "usa", by="month")
    assert list(frame.columns) == COLUMNS
    assert list(frame["period"]) == ["2021-12", "2023-11"]
    dec, nov = frame.iloc[0], frame.iloc[1]
    assert (dec.n_events, dec.n_statements, dec.score, dec.tone) == (1, 1, 4.0, 0.5)
    assert dec.evidence == ["e1", "q1"]
    # the negated event is not counted; the year-only article stays out of the monthly series
    assert (nov.n_events, nov.score) == (1, -5.0)
    assert nov.evidence == ["e3", "s3"]


def test_both_directions_pool_and_count_a_statement_once(store):
    frame = series(store, "RUS", "USA", by="month", both_directions=True)
    dec, nov = frame.iloc[0], frame.iloc[1]
    assert (dec.n_events, dec.score) == (2, 1.0)
    assert nov.n_statements == 2 and nov.tone == pytest.approx(-0.8)
    assert (dec.source, dec.target) == ("RUS", "USA")


def test_year_series_keeps_year_precision_articles(store):
    frame = series(store, "RUS", "USA", by="year")
    assert list(frame["period"]) == ["2021", "2023"]
    assert frame.iloc[1].n_events == 2  # e3 and e5


def test_quarter_and_event_dates(store):
    assert list(series(store, "RUS", "USA", by="quarter")["period"]) == ["2021-Q4", "2023-Q4"]
    by_event = series(store, "RUS", "USA", by="month", date="event")
    assert "2023-04" in list(by_event["period"])
    assert by_event.set_index("period").loc["2023-04"].evidence == ["e3"]


def test_unknown_period_is_an_error(store):
    with pytest.raises(ValueError, match="unknown period"):
        series(store, "RUS", "USA", by="week")


def test_pair_without_anything_is_empty(store):
    frame = series(store, "FRA", "DEU")
    assert frame.empty and list(frame.columns) == COLUMNS


def test_link_actors_fills_event_actor_ids_from_mentions(tmp_path):
    from lagebild.nlp.event_records import link_actors

    s = Store.open(tmp_path / "l.duckdb", write=True)
    batch = Batch.empty()
    batch.articles.append(article("a1", "2021-12", "month"))
    ev = event("e1", "a1", "RUS", "USA", 1.0)
    batch.events.append(Event(**{**ev.__dict__, "source_start": 0, "source_end": 8, "target_start": 20,
                                 "target_end": 23}))
    s.write_batch(s.start_run("t"), batch)
    s.con.execute("INSERT INTO mentions (mention_id, article_id, start, \"end\", text, label, actor_id) "
                  "VALUES ('m1', 'a1', 0, 8, 'Russland', 'LOC', 'act-rus')")
    assert link_actors(s.con) == 1
    row = s.con.execute("SELECT source_actor_id, target_actor_id FROM events").fetchone()
    assert row == ("act-rus", None)
    s.close()
