"""End to end in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright): every page opens,
filters work, a chart point lists its evidence, a quote opens its article at the quote, and hostile
article text runs no script. A screenshot of each page goes to test-artifacts/ (gitignored)."""

from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]

if not CHROMIUM.exists():
    pytest.skip(f"needs {CHROMIUM} (Debian's chromium; `scripts/setup test` installs it)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (the test extra)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(demo_db):
    import uvicorn

    from lagebild.api import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(demo_db[0]), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    external: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:")) else None)
    yield page
    page.close()
    assert not errors, f"JavaScript errors: {errors}"
    assert not dialogs, f"a script ran and opened a dialog: {dialogs}"
    assert not external, f"requests left the machine: {external}"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    assert (ARTIFACTS / f"{name}.png").stat().st_size > 1000


def test_overview_draws_the_articles_per_month_chart(page, server):
    page.goto(server + "/")
    assert page.locator("#n-articles").inner_text().strip() != "0"
    points = page.locator("figure.chart svg circle.point")
    assert points.count() > 5
    shot(page, "overview")


def test_quote_explorer_filter_sort_and_open_the_article_at_the_quote(page, server, info):
    page.goto(server + "/quotes")
    all_rows = page.locator("#quotes tbody tr[data-quote-id]").count()
    page.fill("input[name=speaker]", "Peskow")
    page.select_option("select[name=country]", "RUS")
    page.click("#quote-filters button[type=submit]")
    page.wait_for_url(re.compile(r"speaker=Peskow"))
    rows = page.locator("#quotes tbody tr[data-quote-id]")
    assert 0 < rows.count() <= all_rows
    assert "fixture-q-peskow" in [rows.nth(i).get_attribute("data-quote-id") for i in range(rows.count())]
    page.click("a.sort[data-sort=tone]")
    page.wait_for_url(re.compile(r"sort=-?tone"))
    shot(page, "quotes")
    page.locator("tr[data-quote-id=fixture-q-peskow] a.quote-link").click()
    page.wait_for_url(re.compile(rf"/articles/{info['article_id']}#q-fixture-q-peskow$"))
    target = page.locator(".targeted").first
    assert target.is_visible()
    assert "Wir analysieren" in target.inner_text()
    assert page.evaluate("window.scrollY") > 0  # scrolled to the quote
    shot(page, "article-at-quote")


def test_dyad_chart_point_lists_the_evidence(page, server, info):
    page.goto(server + "/dyads?source=RUS&target=USA")
    month = info["date"][:7]
    point = page.locator(f'figure.chart circle.point[data-x="{month}"]').first
    point.click()
    items = page.locator("#evidence-list li")
    items.first.wait_for()
    assert items.count() >= 3
    assert page.locator("#evidence-title").inner_text() == f"Belege {month}"
    marks = page.locator("#evidence-list mark.hl-trigger")
    assert "ausweisen" in [marks.nth(i).inner_text() for i in range(marks.count())]
    shot(page, "dyads")
    link = page.locator("#evidence-list a.evidence-link").first
    href = link.get_attribute("href")
    assert href.startswith("/articles/")
    link.click()
    page.wait_for_url(re.compile(r"/articles/"))
    assert page.locator("#article-text").is_visible()


def test_actor_page(page, server):
    page.goto(server + "/actors/fixture-a-peskow")
    assert page.locator("h1").inner_text() == "Dmitri Peskow"
    assert "Kremlsprecher" in page.locator(".aliases").inner_text()
    assert page.locator("figure.chart svg circle.point").count() >= 1
    assert "USA" in page.locator("#talks-about").inner_text()
    shot(page, "actor")


def test_article_page_marks_boilerplate(page, server, info):
    page.goto(server + f"/articles/{info['article_id']}")
    assert "ak/sna/ij" in [t.strip() for t in page.locator("#article-text .boilerplate").all_inner_texts()]
    boilerplate = page.locator("#article-text .boilerplate").first
    color = boilerplate.evaluate("e => getComputedStyle(e).color")
    body = page.evaluate("getComputedStyle(document.querySelector('#article-text')).color")
    assert color != body  # dimmed
    assert page.locator("#article-text .badge").count() >= 1
    shot(page, "article")


def test_search_from_the_header(page, server):
    page.goto(server + "/")
    page.fill("header input[name=q]", "Sanktion")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=Sanktion"))
    results = page.locator("#results li.result")
    assert results.count() >= 2
    assert all(m.lower().startswith("sanktion") for m in page.locator("#results mark").all_inner_texts())
    shot(page, "search")


def test_hostile_article_runs_no_script(page, server, info):
    page.goto(server + f"/articles/{info['hostile_id']}")
    text = page.locator("#article-text").inner_text()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(2)>" in text
    assert page.locator("#article-text img, #article-text script, #article-text b").count() == 0
    assert page.title().startswith("<script>alert(1)</script>")
    page.goto(server + "/quotes?country=XSS")
    assert '<b onmouseover="alert(3)">Evil</b>' in page.locator("#quotes").inner_text()
    shot(page, "hostile-article")


def test_api_docs_page_works_offline(page, server):
    page.goto(server + "/docs")
    assert page.locator("section.endpoint").count() >= 9
    shot(page, "api-docs")


@pytest.mark.parametrize("path, name, table", [("/articles", "articles", "#articles"), ("/actors", "actors", "#actors"),
                                               ("/events", "events", "#events")])
def test_list_pages_filter(page, server, path, name, table):
    page.goto(server + path)
    before = page.locator(f"{table} tbody tr").count()
    assert before >= 1
    if name == "articles":
        page.select_option("select[name=outlet]", "RT DE")
    elif name == "actors":
        page.fill("input[name=q]", "Peskow")
    else:
        page.fill("input[name=source]", "RUS")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    rows = page.locator(f"{table} tbody tr").all_inner_texts()
    assert rows and len(rows) <= max(before, 50)
    if name == "articles":
        assert all("RT DE" in r for r in rows)
    elif name == "actors":
        assert any("Dmitri Peskow" in r for r in rows)
    else:
        assert any("Russland" in r or "RUS" in r for r in rows)
    shot(page, name)
