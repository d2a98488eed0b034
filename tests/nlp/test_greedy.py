"""Our greedy decoder and numpy matrix products give the entities and spans spaCy's own decoding gives."""

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.tokens import Doc

from lagebild.nlp import load_pipeline
from lagebild.nlp.greedy import GreedyEntityRecognizer, _Features, load_fast
from lagebild.nlp.pipeline import MODELS

from ..conftest import same_product_values

pytestmark = pytest.mark.skipif(not (MODELS / "ner" / "config.cfg").exists(), reason="trained models not installed")

CORPUS = Path(__file__).resolve().parents[2] / "src" / "lagebild" / "demo" / "corpus"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def tagged(nlp):
    """Demo articles run through the pipeline up to the NER (tokens, TAG, MORPH, gazetteer entities)."""
    texts = [p.read_text(encoding="utf-8").split("\n", 1)[1] for p in sorted(CORPUS.glob("*.txt"))]
    assert len(texts) >= 10
    docs = [nlp.make_doc(t) for t in texts]
    for name, component in nlp.pipeline:
        if name == "ner":
            break
        docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(d) for d in docs]
    return docs


def _annotated(reference, ours, docs: list[Doc]) -> tuple[list[Doc], list[Doc]]:
    """Copies of the docs annotated by spaCy's component and by ours."""
    expected = [doc.copy() for doc in docs]
    reference.set_annotations(expected, reference.predict(expected))
    actual = [doc.copy() for doc in docs]
    ours.set_annotations(actual, ours.predict(actual))
    return expected, actual


def _spans(docs: list[Doc]) -> list[set]:
    """Entities, and every token's IOB code (spaCy leaves none missing after the NER)."""
    return [({(e.start, e.end, e.label_) for e in doc.ents}, tuple(t.ent_iob for t in doc)) for doc in docs]


def test_pipeline_uses_the_greedy_decoder_and_numpy_products(nlp):
    assert isinstance(nlp.get_pipe("ner"), GreedyEntityRecognizer)
    assert isinstance(nlp.get_pipe("quote_spans"), GreedyEntityRecognizer)
    assert isinstance(nlp.get_pipe("role_tagger"), GreedyEntityRecognizer)
    for name, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            assert all(getattr(node.ops, "use_blis", None) is False for node in model.walk()), name


def test_ner_entities_equal_spacys(nlp, tagged):
    reference = spacy.load(MODELS / "ner").get_pipe("ner")
    assert type(reference) is not GreedyEntityRecognizer
    ours = nlp.get_pipe("ner")
    expected, actual = _annotated(reference, ours, tagged)
    assert sum(len(s) for s, _ in _spans(expected)) > 100
    assert _spans(actual) == _spans(expected)


@pytest.mark.parametrize("folder", ["quote", "roles"])
def test_quotation_span_taggers_equal_spacys(tagged, folder):
    reference = spacy.load(MODELS / "quotes" / folder).get_pipe("spans")
    ours = load_fast(MODELS / "quotes" / folder).get_pipe("spans")
    assert isinstance(ours, GreedyEntityRecognizer)
    docs = [Doc(d.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in tagged]
    for doc, source in zip(docs, tagged):
        doc.from_array(["TAG", "MORPH"], source.to_array(["TAG", "MORPH"]))
    expected, actual = _annotated(reference, ours, docs)
    assert sum(len(s) for s, _ in _spans(expected)) > 10
    assert _spans(actual) == _spans(expected)


@pytest.mark.parametrize("tokens", [3, 63, 64, 200, 5_000])
def test_context_features_equal_the_lower_layers_product(nlp, tokens):
    """Slots 1 and 2 computed for some rows only (entity interiors) are those of spaCy's one product (bit for bit
    where OpenBLAS's kernels sum every product alike: `same_product_values`)."""
    lower = nlp.get_pipe("ner").model.get_ref("lower")
    X = numpy.random.default_rng(tokens).standard_normal((tokens, lower.get_dim("nI")), dtype="float32")
    expected = lower.predict(X)  # row 0: padding, row t + 1: token t
    features = _Features(lower, X)
    assert same_product_values(features.current, expected[1:, 0])
    assert same_product_values(features.pad, expected[0])
    for start in sorted({0, tokens // 2, tokens - 1}):
        assert same_product_values(features.first(start), expected[start + 1, 1])
    for lo, hi in [(1, 2), (2, min(tokens, 9)), (tokens - 1, tokens)]:
        assert same_product_values(features.previous(lo, hi), expected[lo:hi, 2])
    features.prepare(numpy.arange(tokens + 5))
    assert same_product_values(features.slots, expected[1:, 1:])


def test_empty_and_single_token_docs(nlp):
    ours = nlp.get_pipe("ner")
    docs = [nlp.make_doc(""), nlp.make_doc("Moskau"), nlp.make_doc("Peskow sagte, Russland sei bereit.")]
    ours.set_annotations(docs, ours.predict(docs))
    assert len(docs[0].ents) == 0
    assert [e.text for e in docs[2].ents] == ["Peskow", "Russland"]


def test_lemmatizer_decoding_equals_spacys(nlp, tagged):
    reference = spacy.load(MODELS / "tagger").get_pipe("trainable_lemmatizer")
    ours = nlp.get_pipe("trainable_lemmatizer")
    docs = [Doc(d.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in tagged]
    tok2vec = nlp.get_pipe("tok2vec")
    docs = list(tok2vec.pipe(docs))
    expected, actual = _annotated(reference, ours, docs)
    assert [[t.lemma_ for t in d] for d in actual] == [[t.lemma_ for t in d] for d in expected]
    assert sum(t.lemma_ != t.text for d in actual for t in d) > 500
