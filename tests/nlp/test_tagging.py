"""The tagger's and morphologizer's array annotation equals spaCy's own, given the same predictions."""

import pytest
from spacy.pipeline import Morphologizer, Tagger

from lagebild.nlp import load_pipeline
from lagebild.nlp.pipeline import MODELS

from ..conftest import DEMO_CORPUS

pytestmark = pytest.mark.skipif(not (MODELS / "tagger" / "config.cfg").exists(), reason="trained models not installed")


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def encoded(nlp):
    texts = [p.read_text(encoding="utf-8").split("\n", 1)[1] for p in sorted(DEMO_CORPUS.glob("*.txt"))[:8]]
    docs = [nlp.make_doc(t) for t in texts] + [nlp.make_doc("")]
    return list(nlp.get_pipe("tok2vec").pipe(docs))


def _columns(docs) -> list:
    return [[(t.tag, t.pos, t.morph.key) for t in doc] for doc in docs]


@pytest.mark.parametrize("name, spacys", [("tagger", Tagger.set_annotations),
                                          ("morphologizer", Morphologizer.set_annotations)])
def test_annotation_equals_spacys(nlp, encoded, name, spacys):
    component = nlp.get_pipe(name)
    assert component.set_annotations.__name__ == "<lambda>"  # ours is installed on the instance
    guesses = component.predict(encoded)
    expected, actual = [d.copy() for d in encoded], [d.copy() for d in encoded]
    spacys(component, expected, guesses)
    component.set_annotations(actual, guesses)
    assert _columns(actual) == _columns(expected)
    assert len({c for doc in actual for c in doc}) > 10


def test_a_tag_already_set_stays_unless_overwritten(nlp, encoded):
    tagger = nlp.get_pipe("tagger")
    assert not tagger.cfg["overwrite"]
    doc = encoded[0].copy()
    doc[0].tag_ = "XY"
    tagger.set_annotations([doc], tagger.predict([doc]))
    assert doc[0].tag_ == "XY" and doc[1].tag_ != ""
