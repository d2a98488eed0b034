"""Ingest benchmark: read + normalise + boilerplate + dedupe + store, without the NLP stages.

    .venv/bin/python bench/ingest.py [PATH] [--limit N]

PATH defaults to ../shared/data/fang-covid (41,242 articles). Runs on one core (DuckDB limited
to one thread), into a fresh temporary database, then runs again on the same input to show that
the second run stores nothing. Prints articles/s, MB/s and peak RSS.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import sys
import tempfile
import time
from pathlib import Path

from lagebild.analyze import analyze
from lagebild.sources import FieldMap, choose_format, read_file, walk
from lagebild.store import Store

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "fang-covid"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=None, help="stop reading after N articles (read-only stage)")
    args = parser.parse_args()
    if not args.path.exists():
        print(f"skipped: {args.path} is absent (the shared data folder beside the repository)")
        return 0

    files = [f for f, walked in walk(args.path) if choose_format(f, walked)]
    started = time.perf_counter()
    chars = count = 0
    items = (i for f in files for i in read_file(f, choose_format(f, False), FieldMap()))
    for item in itertools.islice(items, args.limit):
        count += 1
        chars += len(getattr(item, "text", ""))
    read_seconds = time.perf_counter() - started
    print(f"read only:   {count:,} articles, {chars / 1e6:,.0f} M chars in {read_seconds:.1f} s "
          f"= {count / read_seconds:,.0f} articles/s")

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.duckdb"
        runs = []
        for label in ("first run", "second run"):
            with Store.open(db, write=True) as store:
                store.con.execute("SET threads TO 1")
                started = time.perf_counter()
                summary = analyze([args.path], store, nlp=None, batch_size=1000)
                seconds = time.perf_counter() - started
            runs.append(summary)
            print(f"{label}:   {summary.read:,} read, {summary.stored:,} stored, {summary.known:,} already stored, "
                  f"{summary.exact_duplicates:,} exact + {summary.near_duplicates:,} near duplicates, "
                  f"{len(summary.rejected_files) + len(summary.rejected_records):,} rejected, in {seconds:.1f} s "
                  f"= {summary.read / seconds:,.0f} articles/s")
        size = db.stat().st_size / 2**20
    print(f"database:    {size:,.0f} MB")
    print(f"peak RSS:    {peak_rss_mb():,.0f} MB")
    print(f"python:      {sys.version.split()[0]}, one core")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
