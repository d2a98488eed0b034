"""training/ner/gold.py: the markup of our NER gold is read exactly, and every bad line is reported with its place."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import spacy

GOLD = Path(__file__).resolve().parents[2] / "training" / "ner" / "gold.py"


@pytest.fixture(scope="module")
def gold():
    spec = importlib.util.spec_from_file_location("ner_gold", GOLD)
    module = importlib.util.module_from_spec(spec)
    sys.modules["ner_gold"] = module
    spec.loader.exec_module(module)
    return module


def test_markup_gives_text_and_spans(gold):
    text, spans = gold.parse_marked("[[Dmitri Peskow|PER]] sprach mit [[US-Präsident|LOCpart]] Biden.")
    assert text == "Dmitri Peskow sprach mit US-Präsident Biden."
    assert [(text[s:e], label) for s, e, label in spans] == [("Dmitri Peskow", "PER"), ("US-Präsident", "LOCpart")]


@pytest.mark.parametrize("marked, reason", [
    ("[[Moskau|CITY]] liegt im Osten.", "unknown label"),
    ("[[Moskau liegt im Osten.", "unbalanced"),
])
def test_bad_markup_is_refused(gold, marked, reason):
    with pytest.raises(ValueError, match=reason):
        gold.parse_marked(marked)


def test_gold_lines_become_docs_and_bad_lines_name_file_and_line(gold, tmp_path):
    nlp = spacy.blank("de")
    good = tmp_path / "good.tsv"
    good.write_text("s1\t[[Angela Merkel|PER]] reiste nach [[Paris|LOC]].\ns2\tKein Name hier.\n", encoding="utf-8")
    docs = dict(gold.read_gold([good], nlp))
    assert [(e.text, e.label_) for e in docs["s1"].ents] == [("Angela Merkel", "PER"), ("Paris", "LOC")]
    assert list(docs["s2"].ents) == []

    bad = tmp_path / "bad.tsv"
    bad.write_text("s1\tok\ns2\tDie [[Kreml|ORG]]-Sprecher sagten nichts.\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.tsv:2: span 'Kreml' \(ORG\) is not on token boundaries"):
        list(gold.read_gold([bad], nlp))


def test_a_labelled_line_must_keep_the_sampled_text(gold, tmp_path):
    todo = tmp_path / "todo"
    todo.mkdir()
    (todo / "todo_a.txt").write_text("s1\tPutin sprach.\n", encoding="utf-8")
    changed = tmp_path / "x.tsv"
    changed.write_text("s1\t[[Putin|PER]] sprach lange.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="x.tsv:1: text differs from the sampled sentence s1"):
        list(gold.read_gold([changed], spacy.blank("de"), todo))


def test_the_shipped_gold_files_are_valid(gold):
    folder = GOLD.parent / "gold"
    docs = list(gold.read_gold(sorted(folder.glob("ner_gold_*.tsv")), spacy.blank("de"), folder))
    assert len(docs) == 4200
    assert sum(len(doc.ents) for _, doc in docs) == 5608
