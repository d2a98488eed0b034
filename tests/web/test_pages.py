"""Server-rendered pages: content, links to the evidence, and escaping of untrusted article text."""

from __future__ import annotations

import html
import re

import pytest

from lagebild.web.annotate import annotate

from ..api.demo_db import HOSTILE_SPEAKER, HOSTILE_TEXT, HOSTILE_TITLE


PAGES = ["/", "/articles", "/quotes", "/actors", "/dyads", "/dyads?source=RUS&target=USA", "/search?q=Sanktionen",
         "/events", "/docs", "/actors/fixture-a-peskow"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_render(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<title>" in response.text and "</html>" in response.text


def test_overview_shows_the_corpus_size(client):
    total = client.get("/api/overview").json()["counts"]["articles"]
    page = client.get("/").text
    assert re.search(rf'id="n-articles">{total}<', page)
    assert "Dmitri Peskow" in page  # a top speaker


def test_article_page_marks_quotes_speakers_and_boilerplate(client, info):
    page = client.get(f"/articles/{info['article_id']}").text
    assert 'id="q-fixture-q-peskow"' in page
    quote = info["quotes"]["fixture-q-peskow"]["text"]
    first_words = quote.split()[0:3]
    assert re.search(r'class="quote[^"]*"[^>]*>' + re.escape(" ".join(first_words)), page)
    assert re.search(r'class="[^"]*\bspeaker\b[^"]*"[^>]*>Peskow<', page)
    assert re.search(r'class="boilerplate bp-agency"[^>]*>ak/sna/ij<', page)  # dimmed and marked
    assert 'class="badge"' in page


def test_annotated_pieces_give_back_the_original_text(client, info):
    for article_id in (info["article_id"], info["hostile_id"]):
        article = client.get(f"/api/articles/{article_id}").json()
        pieces = annotate(article)
        assert "".join(p.text for p in pieces) == article["text"]
        quoted = "".join(p.text for p in pieces if "quote" in p.classes.split())
        covered = sorted({i for q in article["quotes"] for s, e in q["spans"] for i in range(s, e)})
        assert quoted == "".join(article["text"][i] for i in covered)


def test_quote_explorer_filters_sorts_and_links_into_the_article(client, info):
    page = client.get("/quotes", params={"speaker": "Peskow", "country": "RUS"}).text
    assert f'href="/articles/{info["article_id"]}#q-fixture-q-peskow"' in page
    rows = re.findall(r'<tr data-quote-id="([^"]+)"', page)
    assert "fixture-q-peskow" in rows and "fixture-q-sacharowa" not in rows
    empty = client.get("/quotes", params={"country": "", "type": "", "date_from": ""})  # an untouched form
    assert empty.status_code == 200
    bad = client.get("/quotes", params={"date_from": "morgen"})
    assert bad.status_code == 422 and "date_from" in bad.text
    sorted_page = client.get("/quotes", params={"sort": "-tone"}).text
    assert 'class="sort active" data-sort="tone"' in sorted_page


def test_unknown_article_page_is_404_html(client):
    response = client.get("/articles/0000000000000000")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Nicht gefunden" in response.text


def test_dyad_page_lists_periods_and_embeds_chart_data(client, info):
    page = client.get("/dyads", params={"source": "rus", "target": "usa"}).text
    month = info["date"][:7]
    assert f'data-period="{month}"' in page
    assert 'id="dyad-data"' in page and '"source": "RUS"' in page
    assert "/static/chart.js" in page


def test_search_page_marks_the_hits(client):
    page = client.get("/search", params={"q": "Sanktionen"}).text
    marks = re.findall(r"<mark>([^<]+)</mark>", page)
    assert marks and all(m.lower().startswith("sanktion") for m in marks)


HOSTILE_MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "<b>fett</b>", "<i>Link</i>",
                  '<b onmouseover="alert(3)">']


@pytest.mark.parametrize("url", ["/articles/{hostile}", "/quotes?country=XSS", "/search?q=Sanktionen+fett",
                                 "/articles?outlet=Evil+%3COutlet%3E", "/quotes?q=alert"])
def test_untrusted_text_is_escaped_everywhere(client, info, url):
    page = client.get(url.format(hostile=info["hostile_id"])).text
    for markup in HOSTILE_MARKUP:
        assert markup not in page
    assert "alert(" in page  # the text is there, as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page or "&lt;b&gt;fett&lt;/b&gt;" in page


def test_hostile_article_is_shown_as_its_text(client, info):
    page = client.get(f"/articles/{info['hostile_id']}").text
    assert html.escape(HOSTILE_TITLE, quote=False) in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert 'href="javascript:' not in page  # the URL is shown, never linked
    text = re.search(r'<div class="text" id="article-text">(.*?)</div>', page, re.S).group(1)
    plain = html.unescape(re.sub(r"<[^>]+>", "", text)).replace("Mehr zum Thema", "", 1)
    assert plain.replace("Mehr zum Thema", "") == HOSTILE_TEXT.replace("Mehr zum Thema", "")


def test_hostile_speaker_is_escaped_in_the_quote_table(client):
    page = client.get("/quotes", params={"country": "XSS"}).text
    assert HOSTILE_SPEAKER not in page
    assert "&lt;b onmouseover=" in page and "Evil&lt;/b&gt;" in page


@pytest.mark.parametrize("url", ["/articles", "/quotes", "/actors", "/events", "/dyads", "/search"])
def test_an_untouched_filter_form_is_no_error(client, url):
    """Browsers send every field of a form, empty ones as empty strings."""
    fields = {"/articles": "outlet=&date_from=&date_to=&q=&sort=-date",
              "/quotes": "speaker=&country=&type=&outlet=&date_from=&date_to=&q=&sort=-date",
              "/actors": "q=&country=&sort=quotes", "/events": "source=&target=", "/dyads": "source=&target=&by=month",
              "/search": "q=&kind=all"}[url]
    response = client.get(f"{url}?{fields}")
    assert response.status_code == 200


def test_period_range_runs_through_empty_periods():
    from lagebild.web.pages import period_range

    assert period_range(["2021-11", "2022-02"]) == ["2021-11", "2021-12", "2022-01", "2022-02"]
    assert period_range(["2021-Q4", "2022-Q2"], "quarter") == ["2021-Q4", "2022-Q1", "2022-Q2"]
    assert period_range(["2019", "2021"], "year") == ["2019", "2020", "2021"]
    assert period_range([]) == []
