"""The JSON API against the demo corpus (real pipeline) plus fixture quotes, actors and events."""

from __future__ import annotations

import duckdb
import pytest

from lagebild.api.stemmer import stem

LIST_ENDPOINTS = ["/api/articles", "/api/quotes", "/api/actors", "/api/events", "/api/search?q=Russland",
                  "/api/relations?source=RUS&target=USA"]


def count(demo_db, sql, params=()):
    con = duckdb.connect(str(demo_db[0]), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize("url", LIST_ENDPOINTS)
def test_list_endpoints_answer_items_and_total(client, url):
    body = client.get(url).json()
    assert isinstance(body["items"], list)
    assert isinstance(body["total"], int)
    assert body["total"] >= len(body["items"]) > 0


def test_articles_list_counts_every_stored_article_and_names_each(client, demo_db):
    body = client.get("/api/articles", params={"limit": 200}).json()
    assert body["total"] == count(demo_db, "SELECT count(*) FROM articles")
    assert len(body["items"]) == body["total"]  # the demo corpus fits on one page of 200
    assert all(len(item["article_id"]) == 16 for item in body["items"])
    starts = [(i["date"] + "-01-01"[len(i["date"]) - 4:])[:10] for i in body["items"] if i["date"]]
    assert starts == sorted(starts, reverse=True)  # newest first by default (by the first day of the date)


def test_articles_filter_by_outlet_and_date_range(client, demo_db):
    rt = client.get("/api/articles", params={"outlet": "RT DE", "limit": 200}).json()
    assert rt["total"] == count(demo_db, "SELECT count(*) FROM articles WHERE outlet = 'RT DE'") > 0
    assert {i["outlet"] for i in rt["items"]} == {"RT DE"}
    ranged = client.get("/api/articles", params={"date_from": "2021-01-01", "date_to": "2021-12-31"}).json()
    assert ranged["total"] > 0
    assert all(i["date"].startswith("2021") for i in ranged["items"])


def test_paging_walks_every_article_once(client):
    total = client.get("/api/articles", params={"limit": 1}).json()["total"]
    seen = []
    for offset in range(0, total, 7):
        seen += [i["article_id"] for i in client.get("/api/articles", params={"limit": 7, "offset": offset}).json()["items"]]
    assert len(seen) == total == len(set(seen))


def test_article_detail_offsets_point_into_the_text(client, info):
    article = client.get(f"/api/articles/{info['article_id']}").json()
    text = article["text"]
    assert article["title"].startswith("Sacharowa")
    assert article["segments"], "the demo article has boilerplate (agency signature)"
    for seg in article["segments"]:
        assert text[seg["start"]:seg["end"]] == seg["text"]
    for quote in article["quotes"]:
        for start, end in quote["spans"]:
            assert 0 <= start < end <= len(text)
    assert "fixture-q-peskow" in {q["quote_id"] for q in article["quotes"]}
    assert article["sentences"] and all(s["end"] <= len(text) for s in article["sentences"])


@pytest.mark.parametrize("url", ["/api/articles/0000000000000000", "/api/actors/nobody", "/api/quotes/none",
                                 "/api/articles/%27%20OR%201=1%20--"])
def test_unknown_ids_are_404_with_the_id_named(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "no " in response.json()["detail"]


@pytest.mark.parametrize("url, name", [
    ("/api/articles?limit=1000", "limit"),
    ("/api/quotes?limit=0", "limit"),
    ("/api/articles?offset=-1", "offset"),
    ("/api/quotes?date_from=gestern", "date_from"),
    ("/api/quotes?type=Gerücht", "type"),
    ("/api/quotes?country=R1", "country"),
    ("/api/quotes?sort=random()", "sort"),
    ("/api/events?category=HUG", "category"),
    ("/api/relations?source=RUS", "target"),
    ("/api/relations?source=RUS&target=USA&by=week", "by"),
    ("/api/relations/evidence?source=RUS&target=USA&period=April", "period"),
    ("/api/search?q=", "q"),
    ("/api/search?q=x&limit=101", "limit"),
    ("/api/actors/x?by=decade", "by"),
])
def test_invalid_parameters_are_422_naming_the_parameter(client, url, name):
    response = client.get(url)
    assert response.status_code == 422
    assert name in response.json()["detail"]


def test_date_range_the_wrong_way_round_is_422(client):
    response = client.get("/api/quotes", params={"date_from": "2022-01-01", "date_to": "2021-01-01"})
    assert response.status_code == 422
    assert "after" in response.json()["detail"]


def test_quote_filters(client, info):
    def ids(**params):
        return {q["quote_id"] for q in client.get("/api/quotes", params={"limit": 200, **params}).json()["items"]}

    assert "fixture-q-peskow" in ids(speaker="peskow")  # any case, part of the name
    assert "fixture-q-peskow" in ids(actor="fixture-a-peskow")
    assert "fixture-q-peskow" in ids(country="rus")
    assert "fixture-q-peskow" not in ids(country="USA")
    # with the actor filter too, so the fixture is on the first page however many quotes the NLP finds
    assert "fixture-q-sacharowa" in ids(type="Indirect", actor="fixture-a-sacharowa")
    assert "fixture-q-sacharowa" not in ids(type="Direct", actor="fixture-a-sacharowa")
    assert all(q["type"] == "Indirect" for q in client.get("/api/quotes", params={"type": "Indirect"}).json()["items"])
    assert "fixture-q-peskow" in ids(q="analysieren Präsident")
    assert "fixture-q-peskow" not in ids(q="analysieren Bundeskanzler")
    day = info["date"]
    assert "fixture-q-peskow" in ids(date_from="2021-04-01", date_to="2021-04-30")
    assert "fixture-q-peskow" not in ids(date_to="2020-12-31")
    assert day.startswith("2021-04")
    assert {"fixture-q-peskow", "fixture-q-sacharowa"} <= ids(article_id=info["article_id"])
    assert ids(article_id=info["hostile_id"]) == {"fixture-q-hostile"}


def test_quote_sorting_orders_the_rows(client):
    tones = [q["tone"] for q in client.get("/api/quotes", params={"sort": "tone", "limit": 200}).json()["items"]
             if q["tone"] is not None]
    assert len(tones) >= 2 and tones == sorted(tones)
    tones_desc = [q["tone"] for q in client.get("/api/quotes", params={"sort": "-tone"}).json()["items"]
                  if q["tone"] is not None]
    assert tones_desc == sorted(tones_desc, reverse=True)


@pytest.mark.parametrize("field", ["speaker", "q", "outlet", "actor", "article_id", "addressee"])
def test_sql_injection_in_a_quote_filter_matches_nothing(client, field):
    everything = client.get("/api/quotes").json()["total"]
    assert everything >= 3
    body = client.get("/api/quotes", params={field: "' OR 1=1 --"}).json()
    assert body["total"] == 0 and body["items"] == []
    body = client.get("/api/quotes", params={field: "x'); DROP TABLE quotes; --"}).json()
    assert body["total"] == 0
    assert client.get("/api/quotes").json()["total"] == everything


def test_wildcards_in_text_filters_are_literal(client):
    assert client.get("/api/quotes", params={"q": "%"}).json()["total"] == 0
    assert client.get("/api/quotes", params={"speaker": "_"}).json()["total"] == 0


def test_actor_list_and_page(client, info):
    actors = client.get("/api/actors", params={"q": "Peskow", "limit": 200}).json()
    assert "fixture-a-peskow" in {a["actor_id"] for a in actors["items"]}
    by_alias = client.get("/api/actors", params={"q": "Kremlsprecher"}).json()
    assert "fixture-a-peskow" in {a["actor_id"] for a in by_alias["items"]}
    actor = client.get("/api/actors/fixture-a-peskow").json()
    assert actor["role"] == "Kremlsprecher" and actor["country"] == "RUS"
    assert actor["aliases"] == ["Peskow", "Kremlsprecher"]
    month = info["date"][:7]
    assert {"period": month, "n_quotes": 1, "tone": -0.25} in actor["statements_over_time"]
    addressed = {t["key"]: t for t in actor["talks_about"]}
    assert addressed["fixture-a-usa"]["n_quotes"] == 1
    yearly = client.get("/api/actors/fixture-a-peskow", params={"by": "year"}).json()
    assert [p["period"] for p in yearly["statements_over_time"]] == [month[:4]]


def test_events_filter_by_source_target_and_category(client, info):
    def ids(**params):
        return {e["event_id"] for e in client.get("/api/events", params={"limit": 200, **params}).json()["items"]}

    assert set(info["events"]) <= ids(source="RUS", target="USA")
    assert "fixture-e-ausweisen" in ids(target="fixture-a-usa")
    assert ids(category="COERCE") >= {"fixture-e-ausweisen"}
    assert "fixture-e-ausweisen" not in ids(category="SANCTION")
    assert not (set(info["events"]) & ids(source="USA", target="RUS"))
    assert "fixture-e-ausweisen" not in ids(date_to="2020-01-01")


def test_relations_series_has_the_fixture_events_and_statement(client, info):
    body = client.get("/api/relations", params={"source": "RUS", "target": "USA", "by": "month"}).json()
    month = info["date"][:7]
    row = next(r for r in body["items"] if r["period"] == month)
    assert row["n_events"] >= 2 and row["n_statements"] >= 1
    assert set(info["events"]) | {"fixture-q-peskow"} <= set(row["evidence"])
    assert -10 <= row["score"] <= 10 and -1 <= row["tone"] <= 1
    periods = [r["period"] for r in body["items"]]
    assert periods == sorted(periods)
    reverse = client.get("/api/relations", params={"source": "USA", "target": "RUS"}).json()
    assert all(not set(info["events"]) & set(r["evidence"]) for r in reverse["items"])
    both = client.get("/api/relations", params={"source": "USA", "target": "RUS", "both_directions": True}).json()
    assert any(set(info["events"]) <= set(r["evidence"]) for r in both["items"])


def test_relation_evidence_gives_sentences_with_the_spans_marked(client, info):
    month = info["date"][:7]
    body = client.get("/api/relations/evidence", params={"source": "RUS", "target": "USA", "period": month}).json()
    items = {i["id"]: i for i in body["items"]}
    assert body["total"] >= 3
    event = items["fixture-e-ausweisen"]
    trigger = next(h for h in event["highlights"] if h["kind"] == "trigger")
    assert event["context"][trigger["start"]:trigger["end"]] == "ausweisen"
    assert event["url"] == f"/articles/{info['article_id']}#e-fixture-e-ausweisen"
    quote = items["fixture-q-peskow"]
    marked = next(h for h in quote["highlights"] if h["kind"] == "quote")
    assert quote["context"][marked["start"]:marked["end"]] == info["quotes"]["fixture-q-peskow"]["text"]
    assert quote["url"].endswith("#q-fixture-q-peskow")
    for item in body["items"]:  # every context is the stretch of its own article at context_start
        text = client.get(f"/api/articles/{item['article_id']}").json()["text"]
        start = item["context_start"]
        assert item["context"] and text[start:start + len(item["context"])] == item["context"]


def test_search_finds_inflected_forms_ranked_with_marked_snippets(client, info):
    body = client.get("/api/search", params={"q": "Sanktion"}).json()
    assert body["terms"] == ["sanktion"]
    assert body["total"] >= 2
    assert info["article_id"] in {i["article_id"] for i in body["items"]}
    scores = [i["score"] for i in body["items"]]
    assert scores == sorted(scores, reverse=True)
    for item in body["items"]:
        hits = [p["text"] for p in item["snippet"] if p["hit"]]
        assert all(stem(h) == "sanktion" for h in hits)
        if item["kind"] == "article":
            title_hits = [p["text"] for p in item["title_marked"] if p["hit"]]
            assert hits or title_hits
        else:  # a quote matches by its words
            assert hits
    plural = client.get("/api/search", params={"q": "Sanktionen"}).json()
    assert [i["article_id"] for i in plural["items"]] == [i["article_id"] for i in body["items"]]


def test_search_needs_every_word_and_finds_quotes(client):
    quotes = client.get("/api/search", params={"q": "analysieren Lage", "kind": "quotes"}).json()
    assert "fixture-q-peskow" in {i["quote_id"] for i in quotes["items"]}
    assert all(i["kind"] == "quote" for i in quotes["items"])
    assert client.get("/api/search", params={"q": "Sanktionen Quantenchromodynamik"}).json()["total"] == 0
    only_stopwords = client.get("/api/search", params={"q": "und der die"}).json()
    assert only_stopwords["total"] == 0 and only_stopwords["terms"] == []
    article_hits = client.get("/api/search", params={"q": "Sanktionen", "kind": "articles"}).json()
    assert all(i["kind"] == "article" for i in article_hits["items"])


def test_search_paging_is_consistent(client):
    whole = client.get("/api/search", params={"q": "Russland", "limit": 100}).json()
    assert whole["total"] == len(whole["items"]) > 3
    pieces = []
    for offset in range(0, whole["total"], 3):
        pieces += client.get("/api/search", params={"q": "Russland", "limit": 3, "offset": offset}).json()["items"]
    assert [(p["article_id"], p["quote_id"]) for p in pieces] == [(w["article_id"], w["quote_id"]) for w in whole["items"]]


def test_search_leaves_out_boilerplate_and_duplicates(client, demo_db):
    # every demo article from SNA ends with an agency signature such as "ak/sna/ij": boilerplate, not indexed
    assert client.get("/api/search", params={"q": "sna"}).json()["total"] == 0
    body = client.get("/api/search", params={"q": "Sicherheitsgarantien", "limit": 100}).json()
    duplicates = {r[0] for r in duckdb.connect(str(demo_db[0]), read_only=True).execute(
        "SELECT article_id FROM articles WHERE duplicate_of IS NOT NULL").fetchall()}
    assert body["total"] > 0 and not duplicates & {i["article_id"] for i in body["items"]}


def test_overview_counts_match_the_database(client, demo_db):
    body = client.get("/api/overview").json()
    assert body["counts"]["articles"] == count(demo_db, "SELECT count(*) FROM articles")
    assert body["counts"]["quotes"] == count(demo_db, "SELECT count(*) FROM quotes")
    assert sum(p["n_articles"] for p in body["articles_per_month"]) == count(
        demo_db, "SELECT count(*) FROM articles WHERE date_precision IN ('month', 'day')")
    assert body["top_speakers"] and body["top_outlets"]


def test_openapi_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/quotes", "/api/actors",
                 "/api/actors/{actor_id}", "/api/events", "/api/relations", "/api/relations/evidence", "/api/search"):
        assert path in paths and set(paths[path]) == {"get"}
    assert "/articles/{article_id}" not in paths  # pages are not API
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/quotes" in docs.text


def test_head_is_answered_like_get_without_a_body(client):
    response = client.head("/api/articles")
    assert response.status_code == 200 and response.content == b""
    assert client.head("/api/articles/0000000000000000").status_code == 404


def test_read_only_no_bodies_no_long_queries(client):
    assert client.post("/api/articles", json={"title": "x"}).status_code == 405
    assert client.delete("/api/articles/x").status_code == 405
    assert client.request("GET", "/api/articles", content=b"x" * 100).status_code == 413
    assert client.get("/api/quotes", params={"q": "a" * 5000}).status_code == 414
    assert client.get("/api/quotes", params={"q": "a" * 201}).status_code == 422


def test_security_headers(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_api_returns_hostile_text_verbatim_as_json(client, info):
    article = client.get(f"/api/articles/{info['hostile_id']}").json()
    assert article["title"].startswith("<script>alert(1)</script>")
    response = client.get(f"/api/articles/{info['hostile_id']}")
    assert response.headers["content-type"].startswith("application/json")


def test_article_texts_read_from_the_index_pieces_are_the_stored_texts(demo_db):
    from lagebild.api.db import Database
    from lagebild.api.texts import article_text, text_ranges

    db = Database(demo_db[0])
    cur = db.cursor()
    try:
        assert cur.has_table("search_chunks")
        stored = dict(cur.con.execute("SELECT article_id, text FROM articles").fetchall())
        for article_id, text in stored.items():
            assert article_text(cur, article_id) == text
        wanted = [(a, s, s + n) for a, t in stored.items() for s, n in ((0, 5), (len(t) // 2, 700), (len(t) - 3, 50))]
        ranges = text_ranges(cur, wanted)
        assert all(ranges[(a, s, e)] == stored[a][s:e] for a, s, e in wanted)
        assert article_text(cur, "0000000000000000") is None
    finally:
        cur.close()
        db.close()


def test_articles_sorted_by_number_of_quotes(client, demo_db):
    body = client.get("/api/articles", params={"sort": "-quotes", "limit": 200}).json()
    counts = [i["n_quotes"] for i in body["items"]]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 2
    per_article = dict(duckdb.connect(str(demo_db[0]), read_only=True).execute(
        "SELECT article_id, count(*) FROM quotes GROUP BY 1").fetchall())
    assert all(i["n_quotes"] == per_article.get(i["article_id"], 0) for i in body["items"])


def test_quote_pages_follow_the_sort_order_without_gaps(client):
    whole = client.get("/api/quotes", params={"sort": "date", "limit": 200}).json()
    paged = []
    for offset in range(0, min(whole["total"], 200), 40):
        paged += client.get("/api/quotes", params={"sort": "date", "limit": 40, "offset": offset}).json()["items"]
    assert [q["quote_id"] for q in paged] == [q["quote_id"] for q in whole["items"]][:len(paged)]
    assert all(q["title"] is not None or q["article_id"] for q in paged)
