import numpy as np
import pytest
import spacy
from spacy.tokens import Doc

from lagebild.nlp import event_model
from lagebild.nlp.events import CATEGORIES, _Tables, code_doc, separated_particles

LABELS = (event_model.NO_EVENT,) + tuple(sorted(CATEGORIES))


@pytest.fixture(scope="module")
def nlp():
    from lagebild.nlp.pipeline import MODELS, load_pipeline
    if not (MODELS / "tagger" / "config.cfg").exists():
        pytest.skip("needs the trained tagger in src/lagebild/nlp/models")
    return load_pipeline()


def model_for(nlp, weights: dict[str, dict[str, float]], threshold: float = 0.5) -> event_model.TriggerModel:
    """A model whose only features are `weights` (feature → label → logit); "no event" leads by 4 otherwise."""
    index = {f: n for n, f in enumerate(weights)}
    sparse = np.zeros((len(index), len(LABELS)), np.float32)
    for f, row in weights.items():
        for label, value in row.items():
            sparse[index[f], LABELS.index(label)] = value
    bias = np.zeros(len(LABELS), np.float32)
    bias[0] = 4.0
    dense = np.zeros((2 * nlp.vocab.vectors.shape[1], len(LABELS)), np.float32)
    return event_model.TriggerModel(LABELS, index, sparse, dense, bias, threshold)


def summary(doc):
    return [(e.category, e.trigger.text, e.source.country if e.source else None,
             e.target.country if e.target else None) for e in doc._.events]


def test_features_split_into_the_word_and_its_context():
    texts = ["Moskau", "wies", "die", "Vorwürfe", "zurück", ",", "sagte", "er", "."]
    tags = ["NE", "VVFIN", "ART", "NN", "PTKVZ", "$,", "VVFIN", "PPER", "$."]
    lowers = [t.lower() for t in texts]
    lemmas = ["moskau", "weisen", "der", "vorwurf", "zurück", ",", "sagen", "er", "."]
    doc = Doc(spacy.blank("de").vocab, words=texts, tags=tags, pos=["PROPN", "VERB", "DET", "NOUN", "ADP", "PUNCT", "VERB", "PRON",
                                                   "PUNCT"])
    particles = separated_particles(_Tables(doc), 0, len(texts))
    assert particles == {1: "zurück"}
    own = event_model.type_features(tags, lowers, lemmas, 1, particles[1])
    assert {"l:zurückweisen", "p:zurück", "b:V"} <= set(own)
    around = event_model.context_features(texts, lemmas, 1, 0, len(texts), particles[1])
    # the clause ends at the comma: "sagen" is no context of "wies … zurück"
    assert "c:vorwurf" in around and "c:sagen" not in around and "n-1:moskau" in around
    assert event_model.token_features(texts, tags, lowers, lemmas, 1, 0, len(texts), "zurück") == own + around
    nouns = event_model.type_features(tags, lowers, ["x"] * 3 + ["raketenangriff"] + ["x"] * 5, 3, None)
    assert "s7:angriff" in nouns     # a compound's head: Raketenangriff, Luftangriff


def test_a_word_the_model_is_sure_of_becomes_an_event_with_roles(nlp):
    text = "Russland belehrte am Montag die USA."
    assert summary(code_doc(nlp(text))) == []
    model = model_for(nlp, {"l:belehren": {"ACCUSE": 8.0}})
    doc = code_doc(nlp(text), model=model)
    assert summary(doc) == [("ACCUSE", "belehrte", "RUS", "USA")]
    # below the threshold nothing is added
    model.add_threshold = 0.99
    assert summary(code_doc(nlp(text), model=model)) == []


def test_the_lexicon_keeps_its_own_words(nlp):
    text = "Russland verurteilte am Montag die USA."
    plain = summary(code_doc(nlp(text)))
    assert plain and plain[0][0] == "ACCUSE"
    model = model_for(nlp, {"l:verurteilen": {"CONSULT": 9.0}})
    assert summary(code_doc(nlp(text), model=model)) == plain


def test_context_can_tip_a_word_over_the_threshold(nlp):
    model = model_for(nlp, {"l:ziehen": {"THREATEN": 3.5}, "c:linie": {"THREATEN": 3.0}})
    found = event_model.TriggerModel.find
    for text, expected in (("China zog eine rote Linie für die USA.", ["THREATEN"]),
                           ("China zog eine Bilanz für die USA.", [])):
        doc = nlp(text)
        t = _Tables(doc)
        got = found(model, t.texts, t.tags, t.lowers, t.lemmas, [(0, len(doc), separated_particles(t, 0, len(doc)))],
                    doc.vocab.vectors, doc.vocab.strings)
        assert [c for _, c, _ in got] == expected


def test_the_gate_passes_over_words_without_a_chance(nlp):
    # the word alone gives every category together 0.2 %: below the gate, so even a strong context is not read
    model = model_for(nlp, {"l:ziehen": {"THREATEN": 0.0}, "c:linie": {"THREATEN": 12.0}})
    model.bias[0] = 9.0
    doc = nlp("China zog eine rote Linie für die USA.")
    t = _Tables(doc)
    args = (t.texts, t.tags, t.lowers, t.lemmas, [(0, len(doc), {})], doc.vocab.vectors, doc.vocab.strings)
    assert model.find(*args) == []
    model.gate = 0.0
    model._types.clear()
    assert [c for _, c, _ in model.find(*args)] == ["THREATEN"]


def test_save_and_load_give_the_same_probabilities(nlp, tmp_path):
    rng = np.random.default_rng(0)
    model = model_for(nlp, {"l:belehren": {"ACCUSE": 2.0}, "c:usa": {"REQUEST": 1.0}, "w:belehrte": {}})
    model.dense = rng.normal(size=model.dense.shape).astype(np.float32)
    model.save(tmp_path / "events")
    loaded = event_model.load(tmp_path / "events")
    assert loaded.labels == model.labels and loaded.index == model.index
    assert loaded.add_threshold == model.add_threshold and loaded.gate == model.gate
    feats = [["l:belehren", "c:usa", "unknown"], ["w:belehrte"], []]
    dense = rng.normal(size=(3, model.dense.shape[0])).astype(np.float32)
    # the sparse weights are stored as float16
    assert np.allclose(loaded.probabilities(feats, dense), model.probabilities(feats, dense), atol=1e-3)
    assert event_model.load(tmp_path / "absent") is None


def test_the_pipeline_runs_without_a_shipped_model(nlp):
    from lagebild.nlp.pipeline import MODELS
    coder = nlp.get_pipe("event_coder")
    assert (coder.model is None) == (not (MODELS / "events" / "model.npz").exists())
