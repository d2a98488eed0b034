"""The search index on its own: stems, an empty database, a database without an index."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from lagebild.api import build_search_index, create_app
from lagebild.api.search_index import snippet
from lagebild.api.stemmer import query_terms, stem, tokens
from lagebild.store import Store

# outputs of the Snowball German stemmer (snowballstem.org) for these words
SNOWBALL = {
    "aufeinanderfolgenden": "aufeinanderfolg", "aufeinanderfolgten": "aufeinanderfolgt",
    "aufeinanderschlügen": "aufeinanderschlug", "kategorien": "kategori", "kategorischen": "kategor",
    "keinem": "kein", "keinerlei": "keinerlei", "keineswegs": "keinesweg", "ergebnisse": "ergebnis",
}


@pytest.mark.parametrize("word, expected", sorted(SNOWBALL.items()))
def test_stems_are_the_snowball_german_ones(word, expected):
    assert stem(word) == expected


def test_inflected_forms_share_a_stem():
    assert stem("Sanktionen") == stem("Sanktion") == stem("sanktion")
    assert stem("Zölle") == stem("Zoll")
    assert stem("Gegenmaßnahmen") == stem("Gegenmassnahmen")


def test_tokens_point_into_the_text_and_skip_stop_words():
    text = "Die Regierung und der Kreml: Gespräche über Sanktionen."
    found = tokens(text)
    assert [text[s:e] for s, e, _ in found] == ["Regierung", "Kreml", "Gespräche", "Sanktionen"]
    assert query_terms("die Sanktionen, Sanktion und der Kreml") == [stem("Sanktionen"), stem("Kreml")]


def test_snippet_pieces_join_to_a_stretch_of_the_text_with_the_hits_marked():
    text = " ".join(["Füllwort"] * 80) + " Die Sanktionen wirken. " + " ".join(["Rest"] * 80)
    pieces = snippet(text, {stem("Sanktionen")})
    assert [p["text"] for p in pieces if p["hit"]] == ["Sanktionen"]
    body = "".join(p["text"] for p in pieces).strip("… ")
    assert body in " ".join(text.split())
    assert len(body) <= 300


def test_an_empty_database_gets_an_empty_index(tmp_path):
    path = tmp_path / "leer.duckdb"
    with Store.open(path, write=True) as store:
        assert build_search_index(store) == {"articles": 0, "quotes": 0, "terms": 0, "postings": 0}
    with TestClient(create_app(path)) as client:
        body = client.get("/api/search", params={"q": "Sanktionen"}).json()
        assert body["total"] == 0 and body["index"]["n_articles"] == 0
        for url in ("/", "/quotes", "/dyads", "/actors", "/articles", "/search?q=x"):
            assert client.get(url).status_code == 200


def test_a_database_without_an_index_is_served_and_says_so(tmp_path):
    path = tmp_path / "ohne.duckdb"
    with Store.open(path, write=True):
        pass
    with TestClient(create_app(path)) as client:
        body = client.get("/api/search", params={"q": "Sanktionen"}).json()
        assert body["index"] is None and body["items"] == []
        assert "noch keinen Suchindex" in client.get("/search", params={"q": "Sanktionen"}).text


def test_rebuilding_replaces_the_index(demo_db, tmp_path):
    import shutil

    copy = tmp_path / "copy.duckdb"
    shutil.copy(demo_db[0], copy)
    with Store.open(copy, write=True) as store:
        before = store.con.execute("SELECT count(*) FROM search_postings").fetchone()[0]
        counts = build_search_index(store)
        after = store.con.execute("SELECT count(*) FROM search_postings").fetchone()[0]
    assert before == after == counts["postings"] > 0
