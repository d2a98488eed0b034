import json

from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.store.export import relation_records

from .test_dyads import store  # noqa: F401  (fixture)

runner = CliRunner()


def test_relation_records_match_the_series(store):  # noqa: F811
    records = relation_records(store, "RUS", "USA", by="month", both_directions=True)
    assert [r["period"] for r in records] == ["2021-12", "2023-11"]
    assert records[0] == {"period": "2021-12", "source": "RUS", "target": "USA", "n_events": 2, "n_statements": 1,
                          "score": 1.0, "tone": 0.5, "evidence": ["e1", "e2", "q1"]}
    assert records[1]["score"] == -5.0


def test_cli_export_relations_jsonl(store, tmp_path):  # noqa: F811
    path = store.path
    store.close()
    result = runner.invoke(app, ["export", "relations", "--db", str(path), "--source", "RUS", "--target", "USA",
                                 "--by", "month", "--both-directions", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [(r["period"], r["n_events"], r["n_statements"]) for r in lines] == [("2021-12", 2, 1), ("2023-11", 1, 2)]
    out = tmp_path / "r.parquet"
    result = runner.invoke(app, ["export", "relations", "--db", str(path), "--source", "RUS", "--target", "USA",
                                 "--by", "year", "--format", "parquet", "--out", str(out)])
    assert result.exit_code == 0, result.output
    import pandas as pd
    frame = pd.read_parquet(out)
    assert list(frame["period"]) == ["2021", "2023"] and list(frame["evidence"].iloc[0]) == ["e1", "q1"]


def test_cli_export_relations_rejects_a_bad_period(store):  # noqa: F811
    path = store.path
    store.close()
    result = runner.invoke(app, ["export", "relations", "--db", str(path), "--source", "RUS", "--target", "USA",
                                 "--by", "week"])
    assert result.exit_code != 0 and "unknown period" in result.output
