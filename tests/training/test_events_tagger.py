"""training/events/tagger.py (the neural trigger tagger experiment): dev documents are split in halves by id, the
trigger's token carries its category, and the tagger's categories are read as probabilities."""

from __future__ import annotations

import pytest

from tests.training.conftest import training_script


@pytest.fixture(scope="module")
def tagger():
    return training_script("events/tagger.py", "events_tagger")


def test_sentences_of_one_document_fall_in_one_half(tagger):
    assert tagger.half_of("wn-51446-s3") == tagger.half_of("wn-51446-s12")
    halves = {tagger.half_of(f"demo-{n:03d}-s1") for n in range(1, 40)}
    assert halves == {"A", "B"}


def test_the_trigger_token_is_tagged_with_its_category(tagger):
    from lagebild.nlp.pipeline import MODELS, load_pipeline

    if not (MODELS / "tagger" / "config.cfg").exists():
        pytest.skip("needs the trained tagger in src/lagebild/nlp/models")
    sentences = [{"text": "Moskau wies die Vorwürfe am Montag zurück.",
                  "events": [{"category": "REJECT", "trigger": "wies zurück"}]},
                 {"text": "Das Wetter war gut.", "events": []}]
    first, second = tagger.tagged(load_pipeline(), sentences)
    assert [(t.text, t.tag_) for t in first if t.tag_ != "O"] == [("wies", "REJECT")]
    assert first.text == sentences[0]["text"]
    assert {t.tag_ for t in second} == {"O"}


def test_a_trained_tagger_gives_probabilities_of_its_categories(tagger):
    import spacy
    from spacy.tokens import Doc
    from spacy.training import Example

    nlp = spacy.blank("de")
    nlp.add_pipe("tagger")
    words = [["Moskau", "kritisierte", "Washington", "."], ["Berlin", "traf", "Paris", "."]]
    tags = [["O", "ACCUSE", "O", "O"], ["O", "CONSULT", "O", "O"]]
    examples = [Example(nlp.make_doc(" ".join(w)), Doc(nlp.vocab, words=w, tags=t)) for w, t in zip(words, tags)]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(60):
        nlp.update(examples, sgd=optimizer)
    found = tagger.tagger_events(nlp, ["Moskau", "kritisierte", "Washington", "."], [True, True, False, False], 0.5)
    assert [(c, w) for c, w, _ in found] == [("ACCUSE", "kritisierte")]
    assert all(0.5 <= p <= 1.0 for _, _, p in found)
    assert tagger.tagger_events(nlp, ["Moskau", "kritisierte", "Washington", "."], [True, True, False, False],
                                1.01) == []
