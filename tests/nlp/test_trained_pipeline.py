"""The shipped pipeline on the seeds' kind of text: entities and Konjunktiv the issue names."""

import pytest

from lagebild.nlp import load_pipeline
from lagebild.nlp.pipeline import MODELS
from lagebild.sources.boilerplate import find_segments, masked_text

from ..conftest import shared_path

pytestmark = pytest.mark.skipif(not (MODELS / "ner" / "config.cfg").exists(), reason="trained models not installed")


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def seeds(nlp):
    folder = shared_path("seeds")
    docs = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8").split("\n", 1)[1]
        docs.append(nlp(masked_text(text, find_segments(text))))
    return docs


@pytest.mark.parametrize(("name", "label"), [
    ("Peskow", "PER"), ("Dmitri Peskow", "PER"), ("Wladimir Putin", "PER"), ("Joe Biden", "PER"),
    ("Anthony Blinken", "PER"), ("Sergei Lawrow", "PER"), ("Sergei Rjabkow", "PER"),
    ("Russland", "LOC"), ("USA", "LOC"), ("Vereinigten Staaten", "LOC"), ("Moskau", "LOC"), ("Washington", "LOC"),
    ("OSZE", "ORG"),
])
def test_seed_entities(seeds, name, label):
    labels = {e.label_ for doc in seeds for e in doc.ents if e.text == name}
    assert labels == {label}


@pytest.mark.parametrize("form", ["gebe", "seien", "bestehe", "müssten", "befänden", "lägen", "erfordere"])
def test_seed_konjunktiv(seeds, form):
    moods = {m for doc in seeds for t in doc if t.text == form for m in t.morph.get("Mood")}
    assert moods == {"Sub"}


def test_kreml_is_an_organisation(nlp):
    doc = nlp("Der Kreml wies die Vorwürfe am Montag zurück, sagte ein Sprecher in Moskau.")
    assert {(e.text, e.label_) for e in doc.ents} >= {("Kreml", "ORG"), ("Moskau", "LOC")}


def test_every_token_has_tag_pos_and_lemma(seeds):
    for doc in seeds:
        for token in doc:
            if not token.is_space:
                assert token.tag_ and token.pos_ and token.lemma_, token.text
