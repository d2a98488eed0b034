"""The local engine (a process pool) stores exactly what one process stores, survives a dead worker, reports bad
input, and a run started again after an interruption skips the partitions already loaded."""

from __future__ import annotations

import os
import signal

import pytest

import lagebild
from lagebild.engine import analyze_parallel
from lagebild.store import Store

from .conftest import tables


def test_two_processes_store_what_one_stores_although_a_worker_is_killed(corpus, reference, tmp_path):
    killed = []

    def kill_a_worker(summary, executor):
        if not killed:  # after the first loaded partition, while others are running
            pid = executor.processes()[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    db = tmp_path / "local.duckdb"
    with Store.open(db, write=True) as store:
        summary = analyze_parallel([corpus], store, engine="local", workers=2, batch_size=8, on_load=kill_a_worker)
    assert killed and summary.failed_partitions == []
    assert (summary.stored, summary.batches, summary.workers) == (52, 7, 2)
    assert summary.rejected_files == [(str(corpus / "kaputt.txt"), "binary file, not text")]
    assert [(f, loc) for f, loc, _ in summary.rejected_records] == [(str(corpus / "zeilen.jsonl"), "line 2")]
    assert tables(db) == reference
    assert not (tmp_path / "local.duckdb.shards").exists()  # shards are removed once loaded
    with lagebild.open(db) as store:
        partitions = store.frame("SELECT * FROM partitions ORDER BY loaded_at")
    assert partitions["n_articles"].tolist() == [8] * 6 + [4]
    assert partitions["partition_key"].is_unique and partitions["worker"].nunique() >= 2


def test_a_run_started_again_skips_the_loaded_partitions_and_loads_finished_shards(corpus, reference, tmp_path):
    class Interrupted(Exception):
        pass

    def interrupt(summary, executor):
        if summary.batches == 2:
            raise Interrupted

    db = tmp_path / "resumed.duckdb"
    with Store.open(db, write=True) as store:
        with pytest.raises(Interrupted):
            analyze_parallel([corpus], store, engine="local", workers=2, batch_size=8, on_load=interrupt)
    with lagebild.open(db) as store:
        assert store.runs()["status"].tolist() == ["failed"]
        assert len(store.articles()) == 16
        first_keys = set(store.frame("SELECT partition_key FROM partitions")["partition_key"])
    # the partitions running when the run stopped finished their shards; the next run loads them as they are
    assert any((tmp_path / "resumed.duckdb.shards").glob("*/COMPLETE"))

    with Store.open(db, write=True) as store:
        summary = analyze_parallel([corpus], store, engine="local", workers=2, batch_size=8)
    assert (summary.known, summary.stored, summary.batches) == (16, 36, 5)
    assert summary.reused_shards >= 1
    assert tables(db) == reference
    with lagebild.open(db) as store:
        partitions = store.frame("SELECT * FROM partitions")
    assert len(partitions) == 7 and first_keys < set(partitions["partition_key"])
    assert partitions["n_articles"].sum() == 52


def test_one_partition_runs_in_this_process(corpus, tmp_path):
    db = tmp_path / "small.duckdb"
    with Store.open(db, write=True) as store:
        summary = analyze_parallel([corpus / "001_aachen-vertrag-merkel-macron.txt"], store, engine="local",
                                   workers=2)
    assert (summary.stored, summary.batches, summary.workers) == (1, 1, 2)
    assert list(summary.worker_peak_rss_mb) == [f"{os.uname().nodename}:{os.getpid()}"]


def test_the_command_refuses_an_unknown_engine(tmp_path):
    from typer.testing import CliRunner

    from lagebild.cli import app

    result = CliRunner().invoke(app, ["analyze", str(tmp_path), "--db", str(tmp_path / "x.duckdb"), "--engine", "spark"])
    assert result.exit_code == 1 and "unknown engine 'spark'" in result.output
    assert not (tmp_path / "x.duckdb").exists()


def test_a_partition_whose_nlp_fails_is_reported_and_the_rest_is_stored(corpus, tmp_path, monkeypatch):
    import lagebild.engine.driver as driver

    def broken(task):
        raise ValueError("the pipeline broke")

    monkeypatch.setattr(driver, "run_partition", broken)
    db = tmp_path / "failed.duckdb"
    with Store.open(db, write=True) as store:
        summary = analyze_parallel([corpus / "002_lawrow-inf-vertrag-verantwortung.txt", corpus / "kaputt.txt"], store,
                                   engine="local", workers=2)
    assert summary.stored == 0 and summary.failed_partitions == [
        (f"1 articles {corpus / '002_lawrow-inf-vertrag-verantwortung.txt'} (-)", "ValueError: the pipeline broke")]
    with lagebild.open(db) as store:
        assert store.runs()["status"].tolist() == ["finished"]
        assert store.rejections()["source_file"].tolist() == [str(corpus / "kaputt.txt")]  # still recorded
        assert len(store.articles()) == 0


def test_workers_over_their_memory_limit_load_the_pipeline_anew_and_store_the_same(corpus, reference, tmp_path,
                                                                                    monkeypatch):
    monkeypatch.setenv("LAGEBILD_RECYCLE_MB", "0")  # the spawned workers read it: recycle after every partition
    db = tmp_path / "recycled.duckdb"
    with Store.open(db, write=True) as store:
        summary = analyze_parallel([corpus], store, engine="local", workers=2, batch_size=8)
    assert summary.failed_partitions == [] and summary.batches == 7
    assert sum(summary.worker_pipeline_loads.values()) == 7  # one load per partition
    assert tables(db) == reference


def test_recycling_drops_the_pipeline_and_the_caches_by_word_form():
    from lagebild.engine import worker
    from lagebild.nlp import events, verbs

    nlp = worker.pipeline()
    nlp("Der Kremlsprecher sagte, man werde die Sanktionen verurteilen.")
    assert events._KEYS and verbs._analyse.cache_info().currsize
    loads, live = worker._loads, worker._live
    worker.recycle()
    assert not events._KEYS and not events._CUE_WORDS and verbs._analyse.cache_info().currsize == 0
    assert worker._live == live - 1
    assert worker.pipeline() is not nlp and (worker._loads, worker._live) == (loads + 1, live)


def test_a_single_process_over_its_memory_limit_loads_the_pipeline_anew_and_stores_the_same(corpus, reference,
                                                                                             tmp_path, monkeypatch):
    from lagebild.analyze import analyze
    from lagebild.nlp import load_pipeline, ops

    monkeypatch.setattr(ops, "RECYCLE_RSS_MB", 0.0)
    loads = []

    def reload():
        loads.append(1)
        return load_pipeline()

    with Store.open(tmp_path / "single.duckdb", write=True) as store:
        summary = analyze([corpus], store, load_pipeline(), batch_size=8, reload=reload)
    assert summary.stored == 52 and len(loads) == summary.batches
    assert tables(tmp_path / "single.duckdb") == reference
