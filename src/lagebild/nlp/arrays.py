"""A Doc's token attributes as Python lists, read through its arrays: a Token object per word costs more than
most of what the components then do with it."""

from __future__ import annotations

import numpy
from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc


def token_texts(doc: Doc) -> list[str]:
    """`[t.text for t in doc]`, each distinct word looked up once."""
    if not len(doc):
        return []
    unique, inverse = numpy.unique(doc.to_array(ORTH), return_inverse=True)
    strings = doc.vocab.strings
    return numpy.array([strings[h] for h in unique.tolist()], dtype=object)[inverse.ravel()].tolist()


def doc_text(doc: Doc, texts: list[str] | None = None) -> str:
    """`doc.text` from the token texts (`token_texts(doc)` if given) and the trailing-space flags."""
    texts = token_texts(doc) if texts is None else texts
    return "".join([t + " " if space else t for t, space in zip(texts, doc.to_array(SPACY).tolist())])
