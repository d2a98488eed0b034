import pytest
from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.evaluation import germeval

GOLD = """#\thttp://example.org/a\t[2021-12-02]
1\tUS-Außenminister\tB-LOCpart\tO
2\tAnthony\tB-PER\tO
3\tBlinken\tI-PER\tO
4\ttraf\tO\tO
5\tSergei\tB-PER\tO
6\tLawrow\tI-PER\tO
7\tin\tO\tO
8\tStockholm\tB-LOC\tO
9\t.\tO\tO

#\thttp://example.org/b\t[2021-12-03]
1\tDie\tO\tO
2\tOSZE\tB-ORG\tO
3\ttagte\tO\tO
4\tim\tO\tO
5\t"\tO\tO
6\tHotel\tB-OTH\tO
7\tWaterfront\tI-OTH\tB-LOC
8\t"\tO\tO
9\t.\tO\tO
"""


@pytest.fixture
def gold_file(tmp_path):
    path = tmp_path / "gold.tsv"
    path.write_text(GOLD, encoding="utf-8")
    return path


def retag(sentences, tags_per_sentence):
    return [germeval.Sentence(s.comment, [[r[0], r[1], t, r[3]] for r, t in zip(s.rows, tags)])
            for s, tags in zip(sentences, tags_per_sentence)]


def test_read_and_write_round_trip(gold_file, tmp_path):
    sentences = germeval.read(gold_file)
    assert [len(s.rows) for s in sentences] == [9, 9]
    assert sentences[0].tokens[1:3] == ["Anthony", "Blinken"]
    out = tmp_path / "copy.tsv"
    germeval.write(out, sentences)
    assert out.read_text(encoding="utf-8") == GOLD + "\n"


def test_spans_are_strict_bio():
    assert germeval.spans(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"]) == {
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 6, "ORG")}


def test_perfect_prediction_scores_one(gold_file):
    gold = germeval.read(gold_file)
    scores = germeval.score(gold, gold)
    assert scores["overall"].f1 == 1.0 and scores["overall"].support == 6
    assert scores["LOCpart"].f1 == 1.0


def test_empty_prediction_scores_zero(gold_file):
    gold = germeval.read(gold_file)
    empty = retag(gold, [["O"] * 9, ["O"] * 9])
    scores = germeval.score(gold, empty)
    assert scores["overall"].f1 == 0.0 and scores["overall"].recall == 0.0


def test_partial_prediction(gold_file):
    gold = germeval.read(gold_file)
    predicted = retag(gold, [
        ["B-LOC", "B-PER", "I-PER", "O", "B-PER", "O", "O", "B-LOC", "O"],  # wrong type, right, too short, right
        ["O", "B-ORG", "O", "O", "O", "B-OTH", "I-OTH", "O", "O"],
    ])
    scores = germeval.score(gold, predicted)
    # gold 6 spans; predicted 6 spans, 4 of them exact (Blinken, Stockholm, OSZE, Hotel Waterfront)
    assert scores["overall"].precision == pytest.approx(4 / 6)
    assert scores["overall"].recall == pytest.approx(4 / 6)
    collapsed = germeval.score(gold, predicted, collapse=True)
    assert collapsed["overall"].precision == pytest.approx(5 / 6)  # LOCpart counted as LOC


def test_mismatched_tokens_are_a_clear_error(gold_file):
    gold = germeval.read(gold_file)
    other = retag(gold, [["O"] * 9, ["O"] * 9])
    other[1].rows[0][1] = "Eine"
    with pytest.raises(germeval.FormatError, match="sentence 2: tokens differ"):
        germeval.score(gold, other)


def test_malformed_file_names_file_and_line(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("#\tx\n1\tnur zwei\n", encoding="utf-8")
    with pytest.raises(germeval.FormatError, match="bad.tsv:2"):
        germeval.read(path)


def test_predict_writes_gold_tokens_and_germeval_labels(gold_file, tmp_path):
    import spacy
    from spacy.pipeline import EntityRuler  # noqa: F401

    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PER", "pattern": [{"ORTH": "Sergei"}, {"ORTH": "Lawrow"}]},
                        {"label": "MISC", "pattern": "Hotel"}])
    predicted = list(germeval.predict(nlp, germeval.read(gold_file)))
    assert predicted[0].outer[4:6] == ["B-PER", "I-PER"]
    assert predicted[1].outer[5] == "B-OTH"
    assert [r[3] for r in predicted[1].rows][6] == "B-LOC"  # inner column kept


def test_cli_eval_with_prediction_file(gold_file):
    result = CliRunner().invoke(app, ["eval", "ner", str(gold_file), str(gold_file)])
    assert result.exit_code == 0
    assert "overall" in result.output and "1.0000" in result.output
