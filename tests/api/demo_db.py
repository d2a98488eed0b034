"""A test database: the demo corpus analysed with the real pipeline, plus a few fixture rows.

Quotes, actors, events and statements come from the NLP stages as they land; so that the API can be
tested before (and independently of) them, this adds rows of its own, placed by searching their words
in the real article texts. Their ids start with `fixture-`, so tests can find them among real output.
It also adds one hostile article (markup and script in title, text and speaker) for the escaping tests.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from lagebild.analyze import analyze
from lagebild.api import build_search_index
from lagebild.records import ArticleRow
from lagebild.store import Batch, Store

REPO = Path(__file__).resolve().parents[2]
DEMO_CORPUS = REPO / "src" / "lagebild" / "demo" / "corpus"

SACHAROWA_TITLE = "Sacharowa: Antwort auf US-Sanktionen ist unausweichlich"
PESKOW_QUOTE = "Wir analysieren die Lage."
HOSTILE_ID = "ffff000000000bad"
HOSTILE_TITLE = "<script>alert(1)</script> Titel"
HOSTILE_TEXT = (
    "Der Sprecher sagte: „<script>alert(1)</script> ist kein Text.“ Danach folgte <img src=x onerror=alert(2)> "
    "und ' OR 1=1 -- als Wortlaut. Sanktionen <b>fett</b> & Co.\n\nMehr zum Thema – <i>Link</i>"
)
HOSTILE_SPEAKER = '<b onmouseover="alert(3)">Evil</b>'


def _insert(store: Store, table: str, rows: list[dict]) -> None:
    """Insert rows by column name (columns not given stay null)."""
    data = pa.Table.from_pylist(rows)  # noqa: F841 - read by DuckDB by name
    store.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM data")


def build(path: Path, with_nlp: bool = True) -> dict:
    """Analyse the demo corpus into `path`, add the fixture rows and build the search index.
    Returns the ids and offsets the tests need."""
    nlp = None
    if with_nlp:
        from lagebild.nlp import load_pipeline

        nlp = load_pipeline()
    with Store.open(path, write=True) as store:
        analyze([DEMO_CORPUS], store, nlp)
        info = _add_fixture_rows(store)
        build_search_index(store)
    return info


def _add_fixture_rows(store: Store) -> dict:
    article_id, text, date = store.con.execute(
        "SELECT article_id, text, date FROM articles WHERE title = ? AND duplicate_of IS NULL", [SACHAROWA_TITLE]
    ).fetchone()
    # the Peskow quote: „Wir analysieren die Lage. … um jeden Preis“, fügte Peskow hinzu.
    q_start = text.index(PESKOW_QUOTE)
    q_end = text.index("um jeden Preis", q_start) + len("um jeden Preis")
    s_start = text.index("Peskow hinzu")
    cue_start = text.index("fügte", q_end)
    # Sacharowa's indirect quote: "eine Antwort auf die Strafmaßnahmen sei unausweichlich"
    i_start = text.index("eine Antwort auf die Strafmaßnahmen")
    i_end = text.index("unausweichlich", i_start) + len("unausweichlich")
    z_start = text.index("Maria Sacharowa")
    run_id = store.start_run("test fixture")

    hostile = ArticleRow(
        article_id=HOSTILE_ID, source_file="hostile.txt", locator="-", outlet="Evil <Outlet>", outlet_source="field",
        url="javascript:alert(4)", date="2021-04-20", date_precision="day", date_raw="2021-04-20", date_flag=None,
        title=HOSTILE_TITLE, text=HOSTILE_TEXT, encoding="utf-8", content_hash="fixture-hostile", minhash=None,
        duplicate_of=None, duplicate_kind=None, duplicate_similarity=None, n_chars=len(HOSTILE_TEXT), n_tokens=20,
        n_sentences=2,
    )
    store.write_batch(run_id, Batch([hostile], [], [], []))
    h_start = HOSTILE_TEXT.index("<script>")
    h_end = HOSTILE_TEXT.index(" ist kein Text.") + len(" ist kein Text.")
    bp_start = HOSTILE_TEXT.index("Mehr zum Thema")
    _insert(store, "segments", [{"article_id": HOSTILE_ID, "kind": "related", "start": bp_start,
                                 "end": len(HOSTILE_TEXT), "text": HOSTILE_TEXT[bp_start:], "is_boilerplate": True}])

    quote_base = {"medium": "Speech", "addressee_text": None, "frame_text": None, "nested_in": None}
    quotes = [
        {**quote_base, "quote_id": "fixture-q-peskow", "article_id": article_id, "sentence_no": None,
         "start": q_start, "end": q_end, "spans": [[q_start, q_end]], "text": text[q_start:q_end], "type": "Direct",
         "cue_text": "fügte", "cue_start": cue_start, "cue_end": cue_start + 5,
         "speaker_text": "Peskow", "speaker_start": s_start, "speaker_end": s_start + 6,
         "speaker_name": "Dmitri Peskow", "speaker_role": "Kremlsprecher", "speaker_country": "RUS",
         "speaker_actor_id": "fixture-a-peskow", "addressee_name": "USA", "addressee_country": "USA",
         "addressee_actor_id": "fixture-a-usa", "tone": -0.25},
        {**quote_base, "quote_id": "fixture-q-sacharowa", "article_id": article_id, "sentence_no": None,
         "start": i_start, "end": i_end, "spans": [[i_start, i_end]], "text": text[i_start:i_end], "type": "Indirect",
         "speaker_text": "Maria Sacharowa", "speaker_start": z_start, "speaker_end": z_start + len("Maria Sacharowa"),
         "speaker_name": "Maria Sacharowa", "speaker_role": "Sprecherin des Außenministeriums",
         "speaker_country": "RUS", "speaker_actor_id": "fixture-a-sacharowa", "addressee_country": "USA",
         "tone": -0.75},
        {**quote_base, "quote_id": "fixture-q-hostile", "article_id": HOSTILE_ID, "sentence_no": 0,
         "start": h_start, "end": h_end, "spans": [[h_start, h_end]], "text": HOSTILE_TEXT[h_start:h_end],
         "type": "Direct", "speaker_text": "Der Sprecher", "speaker_start": 0, "speaker_end": 12,
         "speaker_name": HOSTILE_SPEAKER, "speaker_country": "XSS", "speaker_actor_id": None, "tone": None},
    ]
    _insert(store, "quotes", quotes)
    usa = text.index("USA")
    _insert(store, "mentions", [
        {"mention_id": "fixture-m-usa", "article_id": article_id, "sentence_no": None, "start": usa, "end": usa + 3,
         "text": "USA", "label": "LOC", "name": "USA", "kind": "state", "role": None, "country": "USA",
         "actor_id": "fixture-a-usa"},
    ])
    _insert(store, "actors", [
        {"actor_id": "fixture-a-peskow", "name": "Dmitri Peskow", "kind": "person", "role": "Kremlsprecher",
         "country": "RUS", "agent_type": "GOV", "aliases": ["Peskow", "Kremlsprecher"], "n_mentions": 3, "n_quotes": 1},
        {"actor_id": "fixture-a-sacharowa", "name": "Maria Sacharowa", "kind": "person",
         "role": "Sprecherin des Außenministeriums", "country": "RUS", "agent_type": "GOV", "aliases": ["Sacharowa"],
         "n_mentions": 3, "n_quotes": 1},
        {"actor_id": "fixture-a-usa", "name": "USA", "kind": "state", "role": None, "country": "USA",
         "agent_type": "GOV", "aliases": ["Vereinigte Staaten", "Washington"], "n_mentions": 5, "n_quotes": 0},
    ])

    events = []
    for event_id, trigger, category, score in (
        ("fixture-e-ausweisen", "ausweisen", "COERCE", -7.0),
        ("fixture-e-einschraenken", "einschränken", "SANCTION", -4.0),
    ):
        t_start = text.index(trigger)
        sent_start = text.rfind(". ", 0, t_start) + 2
        sent_end = text.index(".", t_start) + 1
        events.append({
            "event_id": event_id, "article_id": article_id, "quote_id": None, "sentence_no": None,
            "start": sent_start, "end": sent_end, "text": text[sent_start:sent_end], "trigger_text": trigger,
            "trigger_start": t_start, "trigger_end": t_start + len(trigger), "category": category, "mode": "intended",
            "source_name": "Russland", "source_country": "RUS", "source_actor_id": None, "target_name": "USA",
            "target_country": "USA", "target_actor_id": "fixture-a-usa", "date": date,
            "date_precision": "day" if len(date) == 10 else "month", "location": None, "score": score,
        })
    if store.has_table("events"):
        _insert(store, "events", events)
    if store.has_table("statements"):
        _insert(store, "statements", [
            {"statement_id": "fixture-s-peskow", "article_id": article_id, "quote_id": "fixture-q-peskow",
             "sentence_no": None, "start": q_start, "end": q_end, "text": text[q_start:q_end],
             "speaker_country": "RUS", "source_country": "RUS", "target_country": "USA", "basis": "addressee",
             "relation": True, "tone": -0.25},
        ])
    store.finish_run(run_id, "finished", {"stored": 1})
    return {
        "article_id": article_id, "date": date, "events": {e["event_id"]: e for e in events},
        "quotes": {q["quote_id"]: q for q in quotes}, "hostile_id": HOSTILE_ID,
    }
