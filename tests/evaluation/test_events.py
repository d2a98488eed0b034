import hashlib
import json
from pathlib import Path

import pytest

from lagebild.evaluation.events import (
    FormatError, GoldEvent, GoldSentence, PredictedEvent, match, read_gold, score,
)

GOLD = Path(__file__).resolve().parents[1] / "data" / "events_gold.jsonl"


def sentence(sid, *events):
    return GoldSentence(sid, "dev", "…", "2021-12", tuple(events))


def test_perfect_prediction_scores_one():
    gold = [sentence("a", GoldEvent("CONSULT", "actual", ("RUS", "USA"), ("RUS", "USA"))),
            sentence("b", GoldEvent("ACCUSE", "actual", ("CHN",), ("USA",)))]
    pred = {"a": [PredictedEvent("CONSULT", "actual", "USA", "RUS")],
            "b": [PredictedEvent("ACCUSE", "actual", "CHN", "USA")]}
    s = score(gold, pred)
    assert s.macro_f1 == 1.0 and s.micro["f1"] == 1.0
    assert s.source["accuracy"] == 1.0 and s.target["accuracy"] == 1.0 and s.mode_accuracy == 1.0
    assert s.errors == []


def test_false_positives_negatives_and_actor_errors_are_counted():
    gold = [sentence("a", GoldEvent("CONSULT", "actual", ("DEU",), ("FRA",)),
                     GoldEvent("AGREE", "intended", (), ())),
            sentence("b")]
    pred = {"a": [PredictedEvent("CONSULT", "intended", "DEU", "RUS")],
            "b": [PredictedEvent("ASSAULT", "actual", None, None)]}
    s = score(gold, pred)
    assert s.per_category["CONSULT"]["f1"] == 1.0
    assert (s.per_category["AGREE"]["fn"], s.per_category["ASSAULT"]["fp"]) == (1, 1)
    assert s.macro_f1 == pytest.approx(1 / 3)
    assert s.micro["precision"] == 0.5 and s.micro["recall"] == 0.5
    assert s.source["accuracy"] == 1.0 and s.target["accuracy"] == 0.0
    assert s.mode_accuracy == 0.0
    assert {e["id"] for e in s.errors} == {"a", "b"}


def test_empty_gold_actor_needs_an_empty_prediction():
    gold = [sentence("a", GoldEvent("REJECT", "actual", (), ("USA",)))]
    assert score(gold, {"a": [PredictedEvent("REJECT", "actual", None, "USA")]}).source["accuracy"] == 1.0
    s = score(gold, {"a": [PredictedEvent("REJECT", "actual", "RUS", "USA")]})
    assert s.source["accuracy"] == 0.0 and s.source["fp"] == 1


def test_matching_prefers_pairs_that_agree():
    gold = [GoldEvent("CONSULT", "actual", ("USA",), ("CHN",)), GoldEvent("CONSULT", "intended", ("RUS",), ("USA",))]
    pred = [PredictedEvent("CONSULT", "intended", "RUS", "USA"), PredictedEvent("CONSULT", "actual", "USA", "CHN")]
    pairs, missed, spurious = match(gold, pred)
    assert not missed and not spurious
    assert all(g.mode == p.mode and p.source in g.source for g, p in pairs)


def test_read_gold_checks_categories(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps({"id": "x", "split": "dev", "text": "t", "article_date": None,
                                "events": [{"category": "HUG", "mode": "actual", "source": [], "target": []}]}) + "\n",
                    encoding="utf-8")
    with pytest.raises(FormatError, match="unknown category"):
        read_gold(path)


def test_gold_file_size_and_split():
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 549 and len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        expected = "test" if int(hashlib.sha1(r["id"].encode()).hexdigest()[0], 16) < 8 else "dev"
        assert r["split"] == expected
    demo = sum(r["id"].startswith("demo-") for r in rows)
    assert 0.4 < demo / len(rows) < 0.6
    assert len(read_gold(GOLD, "dev")) + len(read_gold(GOLD, "test")) == len(rows)
