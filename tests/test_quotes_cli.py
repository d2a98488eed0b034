"""`lagebild quotes predict|eval`, `export quotes` and `export actors` end to end."""

import json
import shutil

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from lagebild.cli import app

from .conftest import shared_path

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("quotes") / "seeds.duckdb"
    result = invoke("analyze", shared_path("seeds"), "--db", db)
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def dev_sample(tmp_path_factory):
    dev = shared_path("data", "wikinews-quotes", "dev")
    folder = tmp_path_factory.mktemp("gold")
    for path in sorted(dev.glob("*.json"))[:6]:
        shutil.copy(path, folder / path.name)
    return folder


def test_predict_writes_the_dataset_format_against_the_files_tokens(dev_sample, tmp_path):
    out = tmp_path / "pred"
    result = invoke("quotes", "predict", dev_sample, out)
    assert result.exit_code == 0, result.output
    n_quotes = 0
    for gold_path in sorted(dev_sample.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred = json.loads((out / gold_path.name).read_text(encoding="utf-8"))
        assert pred["documentName"] == gold["documentName"]
        assert pred["sentences"] == gold["sentences"]
        n_tokens = len(gold["tokens"])
        ids = [a["id"] for a in pred["annotations"]]
        assert ids == list(range(len(ids)))
        for annotation in pred["annotations"]:
            n_quotes += 1
            assert annotation["type"] in ("Direct", "Indirect", "Reported", "FreeIndirect", "IndirectFreeIndirect")
            assert annotation["medium"] in ("Speech", "Thought", "Writing", "ST", "SW", "TW", "none")
            assert annotation["quote"]["tokenIds"]
            for role in ("quote", "speaker", "cue", "addressee", "frame"):
                part = annotation[role]
                assert set(part) == {"spans", "text", "tokenIds"}
                assert all(0 <= i < n_tokens for i in part["tokenIds"])
                for span in part["spans"]:
                    assert gold["originalText"][span["charBegin"]:span["charEnd"]] in part["text"]
                    assert gold["tokens"][span["begin"]]["charBegin"] == span["charBegin"]
                    assert gold["tokens"][span["end"] - 1]["charEnd"] == span["charEnd"]
            if annotation["isNested"]:
                assert any(other["hasNested"] for other in pred["annotations"])
    assert n_quotes > 0
    scored = invoke("quotes", "eval", dev_sample, out)
    assert scored.exit_code == 0 and "Joint" in scored.output and "IndirectFreeIndirect" in scored.output


def test_predict_refuses_to_overwrite_its_input_and_names_bad_files(dev_sample, tmp_path):
    assert invoke("quotes", "predict", dev_sample, dev_sample).exit_code == 1
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "kaputt.json").write_text("{nicht json", encoding="utf-8")
    result = invoke("quotes", "predict", broken, tmp_path / "out")
    assert result.exit_code == 1 and "kaputt.json" in result.output.replace("\n", "")  # rich wraps long paths


def test_seed_statements_carry_full_names(seeds_db):
    result = invoke("export", "quotes", "--db", seeds_db)
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.output.splitlines()]
    assert {"quote_id", "article_id", "source_file", "date", "outlet", "text", "type", "medium", "spans",
            "sentence", "cue", "speaker", "addressee", "nested_in"} <= set(records[0])
    names = {r["speaker"]["name"] for r in records if r["speaker"]}
    assert {"Dmitri Peskow", "Anthony Blinken", "Sergei Rjabkow", "Wladimir Putin"} <= names
    for r in records:
        for start, end in r["spans"]:
            assert r["text"].startswith(r["text"][:1])
            assert end > start
        if r["speaker"]:
            assert r["speaker"]["end"] > r["speaker"]["start"]
    peskow = [r for r in records if r["speaker"] and r["speaker"]["name"] == "Dmitri Peskow"]
    assert all(r["speaker"]["country"] == "RUS" and r["speaker"]["role"] == "spokesperson" for r in peskow)


def test_quote_spans_point_into_the_original_text(seeds_db):
    import lagebild

    with lagebild.open(seeds_db) as store:
        texts = dict(zip(store.articles().article_id, store.articles().text))
        quotes = store.quotes()
    for _, q in quotes.iterrows():
        pieces = [texts[q.article_id][start:end] for start, end in q.spans]
        assert " … ".join(pieces) == q.text


def test_export_quotes_and_actors_load_in_pandas(seeds_db, tmp_path):
    for kind in ("quotes", "actors"):
        out = tmp_path / f"{kind}.parquet"
        assert invoke("export", kind, "--db", seeds_db, "--format", "parquet", "--out", out).exit_code == 0
        assert len(pq.read_table(out)) > 0
        csv_out = tmp_path / f"{kind}.csv"
        assert invoke("export", kind, "--db", seeds_db, "--format", "csv", "--out", csv_out).exit_code == 0
        assert len(pd.read_csv(csv_out)) == len(pq.read_table(out))
    actors = pd.read_parquet(tmp_path / "actors.parquet")
    peskow = actors[actors.name == "Dmitri Peskow"].iloc[0]
    assert (peskow.kind, peskow.role, peskow.country, peskow.agent_type) == ("person", "spokesperson", "RUS", "GOV")
    assert "Peskow" in list(peskow.aliases) and peskow.n_quotes > 0
