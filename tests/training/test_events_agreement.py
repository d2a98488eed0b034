"""training/events/agreement.py: blind annotations are read with named errors and scored like the coder, against
the gold sentences and against each other."""

from __future__ import annotations

import json

import pytest

from lagebild.evaluation.events import GoldEvent, GoldSentence
from lagebild.nlp.events import CATEGORIES
from tests.training.conftest import training_script


@pytest.fixture(scope="module")
def agreement():
    return training_script("events/agreement.py", "events_agreement")


GOLD = [
    GoldSentence("wn-1-s1", "dev", "Russland warf den USA Einmischung vor.", "2021-12",
                 (GoldEvent("ACCUSE", "actual", ("RUS",), ("USA",)),)),
    GoldSentence("wn-1-s2", "dev", "Beide Seiten wollen sich im Januar treffen.", "2021-12",
                 (GoldEvent("CONSULT", "intended", (), ()),)),
    GoldSentence("wn-2-s1", "dev", "Das Wetter war gut.", "2021-12", ()),
]


def write(tmp_path, rows):
    path = tmp_path / "agreement.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_an_annotator_who_matches_gold_scores_one_and_a_pair_is_scored_on_shared_sentences(agreement, tmp_path):
    accuse = {"category": "ACCUSE", "mode": "actual", "source": ["RUS"], "target": ["USA"], "trigger": "warf vor"}
    consult = {"category": "CONSULT", "mode": "intended", "source": [], "target": [], "trigger": "treffen"}
    path = write(tmp_path, [
        {"id": "wn-1-s1", "annotator": "A", "events": [accuse]},
        {"id": "wn-1-s2", "annotator": "A", "events": [consult]},
        {"id": "wn-2-s1", "annotator": "A", "events": []},
        {"id": "wn-1-s1", "annotator": "B", "events": [dict(accuse, category="REJECT")]},
        {"id": "wn-1-s2", "annotator": "B", "events": [consult]},
    ])
    scores = agreement.agreement(GOLD, agreement.read_annotations(path, CATEGORIES))
    assert set(scores) == {"A", "B", "B vs A"}
    assert scores["A"].macro_f1 == 1.0 and scores["A"].source["accuracy"] == 1.0
    assert scores["B"].n_sentences == 2
    assert scores["B"].per_category["ACCUSE"]["fn"] == 1 and scores["B"].per_category["REJECT"]["fp"] == 1
    assert scores["B"].macro_f1 == pytest.approx(1 / 3)
    assert scores["B vs A"].n_sentences == 2 and scores["B vs A"].macro_f1 == pytest.approx(1 / 3)


@pytest.mark.parametrize("line, reason", [
    ("{not json", "agreement.jsonl:2:"),
    ({"id": "wn-1-s2", "events": []}, "agreement.jsonl:2: 'annotator'"),
    ({"id": "wn-1-s2", "annotator": "A", "events": [{"category": "FIGHT", "mode": "actual"}]}, "unknown category"),
    ({"id": "wn-1-s2", "annotator": "A", "events": [{"category": "AID", "mode": "maybe"}]}, "unknown mode"),
    ({"id": "wn-1-s1", "annotator": "A", "events": []}, "labelled twice by A"),
])
def test_a_bad_line_is_named_with_file_and_line(agreement, tmp_path, line, reason):
    path = write(tmp_path, [{"id": "wn-1-s1", "annotator": "A", "events": []}, line])
    with pytest.raises(ValueError, match=reason):
        agreement.read_annotations(path, CATEGORIES)


def test_an_id_outside_the_gold_dev_half_is_an_error(agreement, tmp_path):
    path = write(tmp_path, [{"id": "wn-9-s9", "annotator": "A", "events": []}])
    with pytest.raises(ValueError, match="annotator A: 1 ids not in the gold dev half, e.g. wn-9-s9"):
        agreement.agreement(GOLD, agreement.read_annotations(path, CATEGORIES))


def test_the_shipped_annotations_cover_the_dev_half_twice_and_no_test_sentence(agreement):
    from lagebild.evaluation.events import read_gold

    dev = read_gold(agreement.GOLD, "dev")
    annotations = agreement.read_annotations(agreement.ANNOTATIONS, CATEGORIES)
    labelled = [i for by_id in annotations.values() for i in by_id]
    assert sorted(labelled) == sorted(2 * [g.id for g in dev])
    scores = agreement.agreement(dev, annotations)
    assert all(0.0 < s.macro_f1 <= 1.0 for s in scores.values())
