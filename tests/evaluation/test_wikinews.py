import json
import random

import pytest

from lagebild.evaluation import wikinews
from lagebild.evaluation.wikinews import Quotation, maximum_assignment, pair, score


def q(quote, speaker=(), cue=(), type_="Direct", medium="Speech"):
    return Quotation(frozenset(quote), {"speaker": frozenset(speaker), "cue": frozenset(cue)}, type_, medium)


GOLD = [q(range(0, 10), speaker=[12], cue=[11]), q(range(20, 25), speaker=[18], cue=[19], type_="Indirect")]


def test_perfect_prediction_scores_one():
    result = score([(GOLD, GOLD)])
    for name in ("Messages", "Roles", "Joint", "Form", "STWR"):
        assert result[name].f1 == 1.0, name


def test_empty_prediction_scores_zero():
    result = score([([], GOLD)])
    for name in ("Messages", "Roles", "Joint", "Form", "STWR"):
        assert result[name].f1 == 0.0 and result[name].recall == 0.0, name


def test_partial_prediction_is_averaged_over_pairs():
    system = [q(range(0, 5), speaker=[12], cue=[13]), q(range(40, 45))]
    result = score([(system, GOLD)])
    # pairs: (0,0) quote tp5 fp0 fn5; unpaired system (1) p=0; unpaired gold (1) r=0
    assert result["Messages"].precision == pytest.approx((1.0 + 0.0) / 2)
    assert result["Messages"].recall == pytest.approx((0.5 + 0.0) / 2)
    # roles of pair (0,0): speaker tp1, cue fp1 fn1 → pooled tp1 fp1 fn1 → p=.5 r=.5; unpaired gold: r=0
    assert result["Roles"].precision == pytest.approx(0.5)
    assert result["Roles"].recall == pytest.approx(0.25)
    assert result["Form"].precision == pytest.approx(1 / 2) and result["Form"].recall == pytest.approx(1 / 2)


def test_pairing_is_one_to_one_by_overlap():
    system = [q(range(20, 25)), q(range(0, 10)), q(range(3, 6))]
    pairs = pair(system, GOLD)
    assert sorted(p for p in pairs if None not in p) == [(0, 1), (1, 0)]
    assert (2, None) in pairs


def test_hungarian_finds_the_maximum():
    rng = random.Random(5)
    import itertools

    for _ in range(30):
        rows, cols = rng.randint(1, 5), rng.randint(1, 5)
        weights = [[rng.random() for _ in range(cols)] for _ in range(rows)]
        found = sum(weights[i][j] for i, j in maximum_assignment(weights))
        best = 0.0
        if rows <= cols:
            for perm in itertools.permutations(range(cols), rows):
                best = max(best, sum(weights[i][perm[i]] for i in range(rows)))
        else:
            for perm in itertools.permutations(range(rows), cols):
                best = max(best, sum(weights[perm[j]][j] for j in range(cols)))
        assert found == pytest.approx(best)


def test_annotation_part_maps_characters_to_the_files_tokens():
    tokens = [wikinews.Token(0, 0, 3, "Sie"), wikinews.Token(1, 4, 9, "sagte"), wikinews.Token(2, 9, 10, ","),
              wikinews.Token(3, 11, 14, "man")]
    text = "Sie sagte, man"
    part = wikinews.annotation_part(tokens, text, [(0, 3), (11, 14)])
    assert part["tokenIds"] == [0, 3]
    assert part["spans"] == [{"begin": 0, "end": 1, "charBegin": 0, "charEnd": 3},
                             {"begin": 3, "end": 4, "charBegin": 11, "charEnd": 14}]
    assert part["text"] == "Sie man"


def test_score_folders_reports_missing_predictions(tmp_path):
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir(), pred_dir.mkdir()
    doc = {"documentName": "d", "originalText": "x", "sentences": [], "tokens": [],
           "annotations": [{"quote": {"tokenIds": [1, 2]}, "speaker": {"tokenIds": [0]}, "type": "Direct", "medium": "Speech"}]}
    (gold_dir / "a.json").write_text(json.dumps(doc), encoding="utf-8")
    (gold_dir / "b.json").write_text(json.dumps(doc), encoding="utf-8")
    (pred_dir / "a.json").write_text(json.dumps(doc), encoding="utf-8")
    result, missing = wikinews.score_folders(gold_dir, pred_dir)
    assert missing == ["b.json"]
    assert result["Messages"].precision == 1.0 and result["Messages"].recall == 0.5


def test_gold_against_itself_on_the_shared_dev_set():
    from ..conftest import shared_path

    folder = shared_path("data", "wikinews-quotes", "dev")
    documents = wikinews.read_folder(folder)
    assert len(documents) == 150
    assert sum(len(d.quotations) for d in documents.values()) == 653
    result = score((d.quotations, d.quotations) for d in documents.values())
    assert result["Joint"].f1 == 1.0
