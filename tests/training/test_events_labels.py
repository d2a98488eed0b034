"""training/events: the labelled training sentences point into ../shared, share no document with the gold file's
sentences, and their triggers are found in the text the references give."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.training.conftest import training_script

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "training" / "events" / "labels"
GOLD = ROOT / "tests" / "data" / "events_gold.jsonl"


@pytest.fixture(scope="module")
def train():
    return training_script("events/train.py", "events_train")


def label_rows():
    return [json.loads(line) for path in sorted(LABELS.glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_labels_hold_references_only_and_no_gold_document():
    from lagebild.nlp.events import CATEGORIES

    rows = label_rows()
    assert len(rows) > 4000
    assert len({r["id"] for r in rows}) == len(rows)
    gold_docs = {json.loads(line)["id"].rsplit("-s", 1)[0] for line in GOLD.read_text(encoding="utf-8").splitlines()}
    for r in rows:
        assert "text" not in r
        assert r["id"].rsplit("-s", 1)[0] not in gold_docs and not r["id"].startswith("demo-")
        assert r["ref"].startswith(("wikinews-quotes/", "fang-covid/"))
        for e in r["events"]:
            assert e["category"] in CATEGORIES and e["mode"] in ("actual", "intended", "negated")
            assert e["trigger"]


def test_references_resolve_to_texts_with_their_triggers(train):
    from tests.conftest import shared_path

    shared = shared_path("data").parent
    shared_path("data", "fang-covid", "fang_covid_articles_text.jsonl.gz")
    rows = train.read_labels(sorted(LABELS.glob("*.jsonl")), shared)
    missing = [(r["id"], e["trigger"]) for r in rows for e in r["events"]
               if e["trigger"].split()[0].strip(".,;:!?\"„“") not in r["text"]]
    assert len(rows) == len(label_rows())
    # annotators copied triggers from the text they saw; a reference that points elsewhere loses them
    assert len(missing) <= 5, missing


def test_bad_reference_is_named(train, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x-1", "ref": "elsewhere/file", "events": []}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:1: unknown ref"):
        train.read_labels([bad], tmp_path)


def test_trigger_is_placed_on_its_verb_or_noun(train):
    from lagebild.nlp.pipeline import MODELS, load_pipeline

    if not (MODELS / "tagger" / "config.cfg").exists():
        pytest.skip("needs the trained tagger in src/lagebild/nlp/models")
    nlp = load_pipeline()
    text = "Moskau wies die Vorwürfe am Montag zurück."
    doc = nlp(text)
    assert doc[train.trigger_token(doc, text, "wies zurück")].text == "wies"
    text = "Die Sanktionen gegen Russland wurden verlängert."
    doc = nlp(text)
    assert doc[train.trigger_token(doc, text, "Sanktionen")].text == "Sanktionen"
    assert train.trigger_token(doc, text, "Abkommen") is None


def test_malformed_label_line_is_named(train, tmp_path):
    bad = tmp_path / "broken.jsonl"
    bad.write_text(json.dumps({"id": "wn-1-s0", "ref": "wikinews-quotes/train/x.json", "events": []}) + "\n{oops\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken.jsonl:2: not a label line"):
        train.read_labels([bad], tmp_path)
