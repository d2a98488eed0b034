"""The prediction layers of `ops` give thinc's and spaCy's values, on the shipped models' own weights: bit for bit,
except where a matrix product's rounding depends on OpenBLAS's kernels (maxout, see `same_product_values`)."""

import numpy
import pytest
from spacy.attrs import ORTH
from spacy.ml.staticvectors import forward as static_vectors_forward
from thinc.layers.hashembed import forward as hashembed_forward
from thinc.layers.layernorm import forward as layernorm_forward
from thinc.layers.maxout import forward as maxout_forward

from lagebild.nlp import load_pipeline
from lagebild.nlp.ops import _predict_hashembed, _predict_layernorm, _predict_maxout, _predict_static_vectors
from lagebild.nlp.pipeline import MODELS

from ..conftest import DEMO_CORPUS, same_product_values

pytestmark = pytest.mark.skipif(not (MODELS / "ner" / "config.cfg").exists(), reason="trained models not installed")


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _nodes(nlp, name: str) -> list:
    return [node for _, component in nlp.components if hasattr(getattr(component, "model", None), "walk")
            for node in component.model.walk() if node.name == name]


def _ours(node, function) -> bool:
    return getattr(node._func, "func", node._func) is function


def test_every_replaced_layer_of_the_pipeline_predicts_with_ours(nlp):
    maxouts, norms, vectors = _nodes(nlp, "maxout"), _nodes(nlp, "layernorm"), _nodes(nlp, "static_vectors")
    embeddings = _nodes(nlp, "hashembed")
    assert len(maxouts) >= 16 and len(norms) >= 16 and len(vectors) == 1 and len(embeddings) >= 20
    assert all(_ours(n, _predict_maxout) for n in maxouts)
    assert all(_ours(n, _predict_layernorm) for n in norms)
    assert all(_ours(n, _predict_hashembed) for n in embeddings)
    assert _ours(vectors[0], _predict_static_vectors)


def test_maxout_and_layernorm_equal_thincs(nlp):
    rng = numpy.random.default_rng(7)
    for name, original in [("maxout", maxout_forward), ("layernorm", layernorm_forward)]:
        for node in _nodes(nlp, name):
            X = rng.standard_normal((2_000, node.get_dim("nI")), dtype="float32")
            expected, _ = original(node, X, is_train=False)
            actual, backprop = node._func(node, X, is_train=False)
            if name == "layernorm":  # no matrix product
                assert actual.dtype == expected.dtype and numpy.array_equal(actual, expected), node.name
            else:  # the weights' columns reordered: the same products, summed by OpenBLAS in its own order
                assert same_product_values(actual, expected), node.name
            with pytest.raises(NotImplementedError):
                backprop(actual)
            # the second call reuses the reordered weights; training still goes through thinc's layer
            assert numpy.array_equal(node._func(node, X, is_train=False)[0], actual)
            assert callable(node._func(node, X, is_train=True)[1])


def test_static_vectors_equal_spacys_bit_for_bit(nlp):
    node = _nodes(nlp, "static_vectors")[0]
    texts = [p.read_text(encoding="utf-8").split("\n", 1)[1] for p in sorted(DEMO_CORPUS.glob("*.txt"))[:5]]
    docs = [nlp.make_doc(t) for t in texts] + [nlp.make_doc("Qxzvbnm Peskow sagte wwwyyyzzz.")]
    expected, _ = static_vectors_forward(node, docs, is_train=False)
    actual, _ = node._func(node, docs, is_train=False)
    assert numpy.array_equal(actual.data, expected.data) and numpy.array_equal(actual.lengths, expected.lengths)
    assert nlp.vocab.vectors.attr == ORTH
    assert docs[-1][0].orth not in nlp.vocab.vectors.key2row  # a made-up word: its row is zeros, as in spaCy
    assert not actual.data[-len(docs[-1])].any()


def test_hash_embeddings_equal_thincs_bit_for_bit(nlp):
    rng = numpy.random.default_rng(3)
    values = rng.integers(0, 2**63, 300, dtype="uint64")
    for node in _nodes(nlp, "hashembed"):
        ids = values[rng.zipf(1.5, 5_000) % len(values)]  # few distinct values, many repeated, as prefixes are
        expected, _ = hashembed_forward(node, ids, is_train=False)
        actual, _ = node._func(node, ids, is_train=False)
        assert numpy.array_equal(actual, expected)
        assert node._func(node, ids[:0], is_train=False)[0].shape == (0, expected.shape[1])
