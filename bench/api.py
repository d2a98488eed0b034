"""API and page latency: p50/p95 per endpoint of `lagebild serve` on a FANG-COVID database.

    .venv/bin/python bench/api.py [--db DB] [--corpus PATH] [--limit N] [--requests 60] [--server-cpu N]

Without `--db`, builds a database from `--corpus` (default ../shared/data/fang-covid, 41,242 articles)
with the NLP off (`analyze(..., nlp=None)`: the NLP would take hours on one core), into
bench/results/fang-api.duckdb, and reuses it on later runs. A database without quotes gets a synthetic
load so the quote, actor, event and relation queries have realistic volume: every „…“ quotation in
the texts becomes a quote with a speaker drawn from 300 synthetic actors, one mention inside it, a
statement and every third one an event. These rows are benchmark load, not NLP output. The search
index is built when missing (its build time is printed).

The server runs as `lagebild serve` in a subprocess (`--server-cpu 1` pins it to one core; run the bench with
`taskset -c 0` so the client does not share it); requests go over HTTP with keep-alive, one at a time, after
two warm-up requests per endpoint; `first ms` is the first request (cold: the dyad series and the
filter lists are memoised after it, the database being read-only). Target: p95 <= 100 ms for every endpoint and page.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pyarrow as pa

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "fang-covid"
DEFAULT_DB = REPO / "bench" / "results" / "fang-api.duckdb"
TARGET_MS = 100.0
COUNTRIES = ["DEU", "USA", "RUS", "CHN", "FRA", "GBR", "ITA", "UKR", "EU", "WHO"]
CATEGORIES = ["AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION"]
QUOTATION = re.compile(r"„([^„“]{20,400})“")


def _h(*parts: object) -> int:
    return int.from_bytes(hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=8).digest(), "big")


def build(db: Path, corpus: Path, limit: int | None) -> None:
    from lagebild.analyze import analyze
    from lagebild.store import Store

    paths = [corpus]
    with Store.open(db, write=True) as store:
        store.con.execute("SET threads TO 1")
        started = time.perf_counter()
        summary = analyze(paths, store, nlp=None, batch_size=1000)
        print(f"built {db}: {summary.stored:,} articles in {time.perf_counter() - started:.0f} s (NLP off)")
        if limit:
            store.con.execute("DELETE FROM articles WHERE article_id NOT IN "
                              "(SELECT article_id FROM articles ORDER BY article_id LIMIT ?)", [limit])


def synthetic_load(store) -> None:
    """Quotes, actors, mentions, statements and events drawn from the „…“ quotations in the texts."""
    actors = [{"actor_id": f"bench-a-{i}", "name": f"Sprecher {i}", "kind": "person", "role": "Minister",
               "country": COUNTRIES[i % len(COUNTRIES)], "agent_type": "GOV", "aliases": [f"S{i}"],
               "n_mentions": 0, "n_quotes": 0} for i in range(300)]
    quotes, mentions, statements, events = [], [], [], []
    cursor = store.con.cursor()
    cursor.execute("SELECT article_id, text FROM articles WHERE duplicate_of IS NULL")
    while rows := cursor.fetchmany(2000):
        for article_id, text in rows:
            for n, m in enumerate(QUOTATION.finditer(text)):
                qid = f"bench-q-{article_id}-{n}"
                speaker = actors[_h(article_id, n) % len(actors)]
                other = COUNTRIES[_h(qid, "t") % len(COUNTRIES)]
                tone = (_h(qid, "tone") % 2001) / 1000 - 1
                start, end = m.start(1), m.end(1)
                quotes.append({
                    "quote_id": qid, "article_id": article_id, "sentence_no": None, "start": start, "end": end,
                    "spans": [[start, end]], "text": m.group(1), "type": "Direct" if n % 3 else "Indirect",
                    "speaker_text": speaker["name"], "speaker_name": speaker["name"],
                    "speaker_country": speaker["country"], "speaker_actor_id": speaker["actor_id"],
                    "addressee_country": other, "tone": tone,
                })
                mentions.append({"mention_id": f"bench-m-{qid}", "article_id": article_id, "start": start,
                                 "end": min(end, start + 5), "text": text[start:min(end, start + 5)], "label": "LOC",
                                 "name": other, "kind": "state", "country": other, "actor_id": None})
                statements.append({"statement_id": f"bench-s-{qid}", "article_id": article_id, "quote_id": qid,
                                   "start": start, "end": end, "text": m.group(1),
                                   "speaker_country": speaker["country"], "source_country": speaker["country"],
                                   "target_country": other, "basis": "addressee", "relation": False, "tone": tone})
                if n % 3 == 0:
                    events.append({
                        "event_id": f"bench-e-{qid}", "article_id": article_id, "quote_id": qid, "start": start,
                        "end": end, "text": m.group(1), "trigger_text": text[start:start + 4],
                        "trigger_start": start, "trigger_end": start + 4,
                        "category": CATEGORIES[_h(qid, "c") % len(CATEGORIES)], "mode": "actual",
                        "source_country": speaker["country"], "target_country": other,
                        "score": float(_h(qid, "s") % 21 - 10),
                    })
    cursor.close()
    for table, rows in (("actors", actors), ("quotes", quotes), ("mentions", mentions),
                        ("statements", statements), ("events", events)):
        if not store.has_table(table):
            continue
        data = pa.Table.from_pylist(rows)  # noqa: F841 - read by DuckDB by name
        store.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM data")
    store.con.execute("UPDATE actors SET n_quotes = (SELECT count(*) FROM quotes q WHERE q.speaker_actor_id = "
                      "actors.actor_id) WHERE actor_id LIKE 'bench-a-%'")
    print(f"synthetic load: {len(quotes):,} quotes, {len(events):,} events, {len(statements):,} statements")


def prepare(db: Path) -> None:
    from lagebild.api import build_search_index
    from lagebild.store import Store

    with Store.open(db, write=True) as store:
        store.con.execute("SET threads TO 1")
        if store.has_table("quotes") and store.con.execute("SELECT count(*) FROM quotes").fetchone()[0] == 0:
            synthetic_load(store)
        from lagebild.api.search_index import INDEX_VERSION

        version = store.con.execute("SELECT value FROM search_meta WHERE key = 'version'").fetchone() \
            if store.has_table("search_meta") else None
        if version is None or version[0] != INDEX_VERSION:
            started = time.perf_counter()
            counts = build_search_index(store)
            print(f"search index: {counts['articles']:,} articles, {counts['quotes']:,} quotes, "
                  f"{counts['terms']:,} terms, {counts['postings']:,} postings in {time.perf_counter() - started:.0f} s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def endpoints(client: httpx.Client) -> list[tuple[str, str]]:
    article = client.get("/api/articles", params={"limit": 1, "sort": "-quotes"}).json()["items"][0]["article_id"]
    actor = client.get("/api/actors", params={"limit": 1}).json()["items"]
    actor_id = actor[0]["actor_id"] if actor else "none"
    pair = client.get("/api/relations/pairs").json()["items"]
    source, target = (pair[0]["source"], pair[0]["target"]) if pair else ("RUS", "USA")
    series = client.get("/api/relations", params={"source": source, "target": target}).json()["items"]
    period = max(series, key=lambda r: r["n_evidence"])["period"] if series else "2020-03"
    outlet = client.get("/api/overview").json()["top_outlets"][0]["outlet"]
    return [
        ("api overview", "/api/overview"),
        ("api articles", "/api/articles"),
        ("api articles outlet+dates", f"/api/articles?outlet={outlet}&date_from=2020-03-01&date_to=2020-06-30"),
        ("api articles sort quotes", "/api/articles?sort=-quotes"),
        ("api article", f"/api/articles/{article}"),
        ("api quotes", "/api/quotes"),
        ("api quotes filtered", f"/api/quotes?country={source}&type=Direct&date_from=2020-01-01&q=Regierung"),
        ("api quotes speaker", "/api/quotes?speaker=Sprecher%2012&sort=tone"),
        ("api quotes page 100", "/api/quotes?offset=5000&limit=50"),
        ("api actors", "/api/actors"),
        ("api actor", f"/api/actors/{actor_id}"),
        ("api events", f"/api/events?source={source}&target={target}"),
        ("api relations", f"/api/relations?source={source}&target={target}&by=month"),
        ("api relations by quarter", f"/api/relations?source={source}&target={target}&by=quarter"),
        ("api relations evidence", f"/api/relations/evidence?source={source}&target={target}&period={period}"),
        ("api search 1 word", "/api/search?q=Impfstoff"),
        ("api search 3 words", "/api/search?q=Maskenpflicht%20Schulen%20Bayern"),
        ("api search frequent", "/api/search?q=Corona"),
        ("page overview", "/"),
        ("page articles", "/articles"),
        ("page article", f"/articles/{article}"),
        ("page quotes", "/quotes"),
        ("page quotes filtered", f"/quotes?country={source}&q=Regierung"),
        ("page actors", "/actors"),
        ("page actor", f"/actors/{actor_id}"),
        ("page dyads", f"/dyads?source={source}&target={target}"),
        ("page search", "/search?q=Impfstoff%20Zulassung"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=None, help="use this database (default: build from --corpus)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="keep only N articles when building")
    parser.add_argument("--requests", type=int, default=60, help="timed requests per endpoint")
    parser.add_argument("--server-cpu", type=int, default=None,
                        help="pin the server to this CPU (run the bench itself with taskset on another)")
    args = parser.parse_args()
    db = args.db or DEFAULT_DB
    if not db.exists():
        if not args.corpus.exists():
            print(f"skipped: {args.corpus} is absent (the shared data folder beside the repository)")
            return 0
        db.parent.mkdir(parents=True, exist_ok=True)
        build(db, args.corpus, args.limit)
    prepare(db)

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "lagebild", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ})
    if args.server_cpu is not None:
        os.sched_setaffinity(server.pid, {args.server_cpu})
    try:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(100):
                try:
                    client.get("/api/overview")
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            counts = client.get("/api/overview").json()["counts"]
            print(f"database: {counts['articles']:,} articles, {counts['quotes']:,} quotes, {counts['events']:,} "
                  f"events, {counts['statements']:,} statements; {args.requests} requests per endpoint")
            print(f"{'endpoint':28} {'first ms':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  status")
            worst = 0.0
            for name, url in endpoints(client):
                times = []
                first = None
                for i in range(args.requests + 2):
                    started = time.perf_counter()
                    response = client.get(url)
                    elapsed = (time.perf_counter() - started) * 1000
                    if response.status_code != 200:
                        raise SystemExit(f"{url}: HTTP {response.status_code} {response.text[:200]}")
                    first = elapsed if first is None else first  # cold: before any memoised answer
                    if i >= 2:
                        times.append(elapsed)
                times.sort()
                p50 = statistics.median(times)
                p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
                worst = max(worst, p95)
                flag = "ok" if p95 <= TARGET_MS else "OVER TARGET"
                print(f"{name:28} {first:8.1f} {p50:8.1f} {p95:8.1f} {times[-1]:8.1f}  {flag}")
            print(f"worst p95 {worst:.1f} ms (target {TARGET_MS:.0f} ms)")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
