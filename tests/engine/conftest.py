"""A copy of the demo corpus with a broken file and a broken record, and what one process stores from it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import lagebild
from lagebild.analyze import analyze
from lagebild.nlp import load_pipeline
from lagebild.store import Store

from ..conftest import DEMO_CORPUS

# every stored table, with the columns that differ between runs left out
TABLES = {
    "articles": "* EXCLUDE (run_id)", "segments": "*", "sentences": "*", "mentions": "*", "actors": "*",
    "quotes": "*", "events": "*", "statements": "*", "rejections": "* EXCLUDE (first_run, last_run)",
}


def tables(db: Path) -> dict[str, list[tuple]]:
    """All rows of every table, in a fixed order."""
    with lagebild.open(db) as store:
        return {name: store.con.execute(f"SELECT {cols} FROM {name} ORDER BY ALL").fetchall()
                for name, cols in TABLES.items()}


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("engine") / "korpus"
    shutil.copytree(DEMO_CORPUS, folder)
    (folder / "kaputt.txt").write_bytes(b"\x00\x01\x02binary\x00" * 100)
    first = next(p for p in sorted(DEMO_CORPUS.iterdir()) if p.suffix == ".txt")
    body = first.read_text(encoding="utf-8").split("\n", 1)[1]
    (folder / "zeilen.jsonl").write_text(
        json.dumps({"text": body.replace("Aachen", "Lyon"), "date": "2019-01-22"}) + "\n{kaputt\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def reference(corpus, tmp_path_factory) -> dict[str, list[tuple]]:
    """The tables of a single-process `analyze` of the corpus."""
    db = tmp_path_factory.mktemp("reference") / "single.duckdb"
    with Store.open(db, write=True) as store:
        summary = analyze([corpus], store, load_pipeline(), batch_size=8)
    assert summary.stored == 52 and summary.mentions > 0
    return tables(db)
