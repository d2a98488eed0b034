import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import lagebild
from lagebild.analyze import analyze
from lagebild.nlp import load_pipeline
from lagebild.sources import FieldMap
from lagebild.store import Store

from .conftest import REPO, shared_path, write_seed

BODY = (
    "Der französische Außenminister sagte am Montag in Berlin, die Zusammenarbeit mit Deutschland sei "
    "eng und vertrauensvoll. Man werde die gemeinsamen Projekte in der Verteidigung fortführen, erklärte er. "
    "Die Bundesregierung teilte mit, ein weiteres Treffen sei für den Herbst geplant. "
)
LONG = BODY + (
    "Beide Regierungen wollen zudem die Forschung zu Wasserstoff gemeinsam fördern und dafür in den kommenden "
    "fünf Jahren mehrere Milliarden Euro bereitstellen. Kritiker im Bundestag bemängelten, die Pläne seien zu "
    "vage und ließen offen, wer die Kosten trage. Die Opposition in Paris forderte eine Debatte im Parlament. "
    "Nach Angaben von Diplomaten soll beim nächsten Ministerrat im Oktober auch über die Lage in der Sahelzone "
    "gesprochen werden, wo beide Länder seit Jahren engagiert sind. Ein Sprecher des Élysée-Palastes sagte, der "
    "Präsident lege großen Wert auf eine gemeinsame Linie gegenüber Washington und Peking."
)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def run(paths, db, nlp, **kwargs):
    with Store.open(db, write=True) as store:
        return analyze([Path(p) for p in paths], store, nlp, **kwargs)


def test_seeds_are_stored_with_month_dates_outlets_and_boilerplate(tmp_path, nlp, seeds_dir):
    summary = run([seeds_dir], tmp_path / "s.duckdb", nlp)
    assert (summary.files, summary.read, summary.stored) == (3, 3, 3)
    db = lagebild.open(tmp_path / "s.duckdb")
    articles = db.articles()
    assert sorted(articles["date"]) == ["2020-10", "2021-12", "2023-11"]
    assert set(articles["date_precision"]) == {"month"}
    assert articles["outlet"].notna().all()
    assert (articles["n_tokens"] > 100).all() and (articles["n_sentences"] > 5).all()
    kinds = set(db.segments()["kind"])
    assert {"related", "photo_credit", "teaser", "agency", "heading"} <= kinds


def test_second_run_stores_nothing_new(tmp_path, nlp, seeds_dir):
    db = tmp_path / "twice.duckdb"
    first = run([seeds_dir], db, nlp)
    second = run([seeds_dir], db, nlp)
    assert first.stored == 3 and (second.stored, second.known) == (0, 3)
    with lagebild.open(db) as store:
        assert len(store.articles()) == 3
        assert store.articles()["n_sentences"].sum() == len(store.sentences())
        assert store.runs()["status"].tolist() == ["finished", "finished"]


def test_duplicates_are_linked_not_dropped(tmp_path, nlp):
    folder = tmp_path / "in"
    folder.mkdir()
    write_seed(folder, "a.txt", "2021-03-01", "Original", LONG + "\nMehr zum Thema – Anderes")
    write_seed(folder, "b.txt", "2021-03-02", "Kopie", LONG + "\n(dpa)")  # same text, other boilerplate
    write_seed(folder, "c.txt", "2021-03-03", "Fast gleich", LONG.replace("Peking.", "Moskau."))
    write_seed(folder, "d.txt", "2021-03-04", "Anderes", "Ganz andere Nachricht über das Wetter in Hamburg.")
    summary = run([folder], tmp_path / "d.duckdb", nlp)
    assert summary.stored == 4
    assert (summary.exact_duplicates, summary.near_duplicates) == (1, 1)
    frame = lagebild.open(tmp_path / "d.duckdb").articles().set_index("title")
    original = frame.loc["Original", "article_id"]
    assert frame.loc["Kopie", "duplicate_of"] == original and frame.loc["Kopie", "duplicate_kind"] == "exact"
    assert frame.loc["Fast gleich", "duplicate_of"] == original and frame.loc["Fast gleich", "duplicate_kind"] == "near"
    assert frame.loc["Fast gleich", "duplicate_similarity"] >= 0.9
    assert pd.isna(frame.loc["Anderes", "duplicate_of"])


def test_duplicates_of_articles_from_an_earlier_run_are_found(tmp_path, nlp):
    first, second = tmp_path / "1", tmp_path / "2"
    first.mkdir(), second.mkdir()
    write_seed(first, "a.txt", "2021-03-01", "Original", LONG)
    write_seed(second, "b.txt", "2021-04-01", "Später", LONG)
    db = tmp_path / "x.duckdb"
    run([first], db, nlp)
    summary = run([second], db, nlp)
    assert summary.exact_duplicates == 1


def test_bad_inputs_are_rejected_with_reasons_and_nothing_else_is_lost(tmp_path, nlp):
    folder = tmp_path / "gemischt"
    folder.mkdir()
    write_seed(folder, "gut.txt", "2022-05", "Gut", BODY)
    (folder / "bild.txt").write_bytes(b"\x00\x01\x02binary\x00" * 100)
    (folder / "leer.txt").write_bytes(b"")
    (folder / "tabelle.csv").write_text("titel,datum\nA,2020\n", encoding="utf-8")
    (folder / "zeilen.jsonl").write_text(
        json.dumps({"text": BODY, "date": "1680"}) + "\n{kaputt\n" + json.dumps({"text": "Gestern war was.", "date": "gestern"}) + "\n",
        encoding="utf-8",
    )
    (folder / "notizen.md").write_text("# keine Artikel", encoding="utf-8")
    summary = run([folder, tmp_path / "gibt-es-nicht.txt"], tmp_path / "b.duckdb", nlp)
    rejected = dict(summary.rejected_files)
    assert rejected[str(folder / "bild.txt")] == "binary file, not text"
    assert rejected[str(folder / "leer.txt")] == "empty file"
    assert rejected[str(folder / "tabelle.csv")].startswith("no text column")
    assert rejected[str(tmp_path / "gibt-es-nicht.txt")] == "no such file or directory"
    assert [(loc, reason.split(" (")[0]) for _, loc, reason in summary.rejected_records] == [("line 2", "invalid JSON")]
    assert summary.skipped == [(str(folder / "notizen.md"), "not an article format (.md)")]
    assert summary.stored == 3 and summary.flagged_dates == 2
    with lagebild.open(tmp_path / "b.duckdb") as db:
        flags = dict(zip(db.articles()["date_raw"], db.articles()["date_flag"].fillna("none")))
        assert flags == {"2022-05": "none", "1680": "too_early", "gestern": "unparsed"}
        assert len(db.rejections()) == 5


def test_field_options_reach_the_reader(tmp_path, nlp):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"inhalt": BODY, "quelle": "taz"}) + "\n", encoding="utf-8")
    summary = run([path], tmp_path / "f.duckdb", nlp, fields=FieldMap(text="inhalt", outlet="quelle"))
    assert summary.stored == 1
    assert lagebild.open(tmp_path / "f.duckdb").articles()["outlet"].tolist() == ["taz"]


def test_sigkill_loses_no_committed_batch_and_the_next_run_resumes(tmp_path):
    folder = tmp_path / "korpus"
    folder.mkdir()
    total = 60
    for i in range(total):
        write_seed(folder, f"{i:03d}.txt", f"2021-{i % 12 + 1:02d}", f"Artikel {i}", f"Nummer {i}. " + BODY * (1 + i % 3))
    db = tmp_path / "k.duckdb"
    command = [sys.executable, "-m", "lagebild", "analyze", str(folder), "--db", str(db), "--batch-size", "5", "-v"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env, cwd=REPO)
    try:
        for line in process.stderr:
            if line.startswith("committed batch 3 "):
                process.send_signal(signal.SIGKILL)
                break
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    with lagebild.open(db) as store:
        stored = len(store.articles())
        assert 15 <= stored < total and stored % 5 == 0
        assert store.runs()["status"].tolist() == ["running"]
    resumed = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    with lagebild.open(db) as store:
        articles = store.articles()
        assert len(articles) == total and articles["article_id"].is_unique
        assert store.runs()["n_known"].tolist()[-1] == stored


@pytest.mark.shared
def test_wikinews_analysed_twice_stores_850_once(tmp_path, nlp):
    folder = shared_path("data", "wikinews-quotes")
    db = tmp_path / "w.duckdb"
    first = run([folder], db, nlp)
    second = run([folder], db, nlp)
    assert (first.files, first.stored, len(first.rejected_files)) == (850, 850, 0)
    assert second.stored == 0 and second.known == 850


def test_nlp_batches_are_capped_by_characters_and_keep_the_input_order(monkeypatch):
    """Long articles make smaller NLP batches (memory grows with a batch's tokens); an article longer than the cap
    is a batch of its own; every article comes back once, in order."""
    from types import SimpleNamespace

    import lagebild.analyze as module

    class RecordingPipeline:
        batches: list[list[str]] = []

        def pipe(self, texts, batch_size):
            batch = list(texts)
            assert len(batch) == batch_size
            self.batches.append(batch)
            return iter(batch)

    monkeypatch.setattr(module, "make_doc", lambda nlp, text, *rest: text)
    monkeypatch.setattr(module, "MAX_BATCH_CHARS", 200)
    lengths = [150, 100, 10, 250, 5, 1, 1]
    pending = [SimpleNamespace(row=SimpleNamespace(text="x" * n, article_id=str(i), date=None, date_precision=None),
                               found=[], masked="x" * n) for i, n in enumerate(lengths)]
    nlp = RecordingPipeline()
    out = list(module._piped(nlp, pending, pipe_batch_size=2))
    assert [p.row.article_id for p, _ in out] == [str(i) for i in range(len(lengths))]
    assert [[len(t) for t in b] for b in nlp.batches] == [[150], [100, 10], [250], [5, 1], [1]]


def test_docs_are_freed_once_their_rows_are_built_without_the_garbage_collector(tmp_path, monkeypatch, nlp):
    """A Doc's annotations hold Spans of the Doc; `_run_pipeline` drops them after building the rows, so a long run
    does not leave every Doc to the cyclic garbage collector (which, run seldom, let workers grow)."""
    import gc
    import weakref

    import lagebild.analyze as module
    from lagebild.sources import read_file
    from lagebild.sources.dedupe import DuplicateIndex

    articles = [a for i in range(3)
                for a in read_file(write_seed(tmp_path, f"{i}.txt", "2023-11", f"Titel {i}", LONG + f" Nummer {i}."),
                                   "seed", FieldMap())]
    pending = module.prepare(articles, DuplicateIndex())
    seen = []
    piped = module._piped

    def recording(*args):
        for prepared, doc in piped(*args):
            seen.append(weakref.ref(doc))
            yield prepared, doc

    monkeypatch.setattr(module, "_piped", recording)
    gc.disable()
    try:
        batch = module._run_pipeline(nlp, pending, 2)
        assert len(seen) == 3 and batch.quotes and batch.mentions
        assert [ref() for ref in seen] == [None, None, None]
    finally:
        gc.enable()
