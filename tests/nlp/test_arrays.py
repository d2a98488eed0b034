import numpy
import spacy
from spacy.attrs import LEMMA, ORTH, TAG

from lagebild.nlp import arrays


def test_decode_gives_the_strings_of_the_hashes_and_empty_for_zero():
    nlp = spacy.blank("de")
    doc = nlp("Peskow sagte, Peskow sagte es.")
    hashes = doc.to_array(ORTH)
    assert arrays.decode(hashes, nlp.vocab.strings) == [t.text for t in doc]
    assert arrays.decode(doc.to_array(TAG), nlp.vocab.strings) == [""] * len(doc)  # no tagger: hash 0
    arrays.clear_decoded()
    assert arrays.decode(numpy.array([hashes[1], 0, hashes[0]], dtype="uint64"), nlp.vocab.strings) == ["sagte", "", "Peskow"]
    assert arrays.token_texts(doc) == [t.text for t in doc]
    assert arrays.decode(doc.to_array(LEMMA)[:0], nlp.vocab.strings) == []


def test_decode_stays_bounded(monkeypatch):
    nlp = spacy.blank("de")
    monkeypatch.setattr(arrays, "MAX_DECODED", 5)
    arrays.clear_decoded()
    doc = nlp(" ".join(f"Wort{i}" for i in range(20)))
    assert arrays.decode(doc.to_array(ORTH), nlp.vocab.strings) == [t.text for t in doc]
    more = nlp(" ".join(f"Satz{i}" for i in range(20)))
    assert arrays.decode(more.to_array(ORTH), nlp.vocab.strings) == [t.text for t in more]
    assert len(arrays._DECODED) <= 21 + 1
