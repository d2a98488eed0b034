"""A Doc's token attributes as Python lists, read through its arrays: a Token object per word costs more than
most of what the components then do with it."""

from __future__ import annotations

import numpy
from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc


# string hash → string, process-wide (a hash always names the same string); bounded, and emptied with the other
# caches by word form when a worker loads its pipeline anew
_DECODED: dict[int, str] = {0: ""}
MAX_DECODED = 200_000


def decode(hashes: numpy.ndarray, strings) -> list[str]:
    """The strings of a column of string hashes (a `Doc.to_array` column; 0 → ""), each distinct one looked up in
    the StringStore once per process."""
    values = hashes.tolist()
    memo = _DECODED
    try:
        return [memo[h] for h in values]
    except KeyError:
        if len(memo) > MAX_DECODED:
            clear_decoded()
        for h in set(values).difference(memo):
            memo[h] = strings[h]
        return [memo[h] for h in values]


def clear_decoded() -> None:
    _DECODED.clear()
    _DECODED[0] = ""


def token_texts(doc: Doc) -> list[str]:
    """`[t.text for t in doc]` through `decode`."""
    if not len(doc):
        return []
    return decode(doc.to_array(ORTH), doc.vocab.strings)


def doc_text(doc: Doc, texts: list[str] | None = None) -> str:
    """`doc.text` from the token texts (`token_texts(doc)` if given) and the trailing-space flags."""
    texts = token_texts(doc) if texts is None else texts
    return "".join([t + " " if space else t for t, space in zip(texts, doc.to_array(SPACY).tolist())])
